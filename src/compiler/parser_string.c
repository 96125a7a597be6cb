/*
 * parser_string.c -- literals: numbers, string and bytes literals with all
 * prefixes and escapes, implicit concatenation and f-strings (3.11 rules:
 * replacement fields are parsed with a nested tokenizer over the source
 * text, so expression nodes carry their real locations).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compiler/parser_internal.h"

/* ---- arena-backed growable buffer ---------------------------------------- */

typedef struct { char *s; size_t n, cap; } Buf;

static int buf_grow(Parser *p, Buf *b, size_t extra)
{
    if (b->n + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap * 2 : 32;
    while (cap < b->n + extra + 1)
        cap *= 2;
    char *s = (char *)OuArena_Malloc(p->arena, cap);
    if (s == NULL) {
        ou_nomem(p);
        return -1;
    }
    if (b->n)
        memcpy(s, b->s, b->n);
    b->s = s;
    b->cap = cap;
    return 0;
}

static int buf_put(Parser *p, Buf *b, const char *s, size_t n)
{
    if (buf_grow(p, b, n) < 0)
        return -1;
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
    return 0;
}

static int buf_putc(Parser *p, Buf *b, int c)
{
    char ch = (char)c;
    return buf_put(p, b, &ch, 1);
}

/* UTF-8 (lone surrogates as 3-byte sequences) */
static int buf_put_cp(Parser *p, Buf *b, uint32_t cp)
{
    char t[4];
    size_t n;
    if (cp < 0x80) { t[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { t[0] = (char)(0xC0 | (cp >> 6)); t[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
    else if (cp < 0x10000) {
        t[0] = (char)(0xE0 | (cp >> 12)); t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
    } else {
        t[0] = (char)(0xF0 | (cp >> 18)); t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); t[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
    }
    return buf_put(p, b, t, n);
}

static const char *buf_str(Parser *p, Buf *b)
{
    if (b->s == NULL && buf_grow(p, b, 0) < 0)
        return NULL;
    b->s[b->n] = '\0';
    return b->s;
}

/* ---- numbers ------------------------------------------------------------- */

OuAst_expr *ou_p_number(Parser *p, OuToken *t)
{
    size_t n = (size_t)(t->end - t->start);
    char *txt = (char *)OuArena_Malloc(p->arena, n + 1);
    if (!txt)
        return ou_nomem(p);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (t->start[i] != '_')
            txt[m++] = t->start[i];
    txt[m] = '\0';
    OuAst_constant c;
    memset(&c, 0, sizeof c);
    char last = txt[m - 1];
    if (last == 'j' || last == 'J') {
        txt[m - 1] = '\0';
        c.kind = OU_CONST_COMPLEX;
        c.f = strtod(txt, NULL);
    } else if (m > 1 && txt[0] == '0' && strchr("xXoObB", txt[1])) {
        c.kind = OU_CONST_INT;
        c.data = txt;
        c.len = (Ou_ssize_t)m;
    } else if (strpbrk(txt, ".eE")) {
        c.kind = OU_CONST_FLOAT;
        c.f = strtod(txt, NULL);
    } else {
        c.kind = OU_CONST_INT;
        c.data = txt;
        c.len = (Ou_ssize_t)m;
    }
    return NN(OuAst_Constant(c, NULL, t->lineno, t->col_offset, t->end_lineno,
                             t->end_col_offset, p->arena));
}

/* ---- string tokens ------------------------------------------------------- */

typedef struct {
    int bytes, raw, fstr, u;
    const char *body, *body_end;
} StrInfo;

static void str_info(OuToken *t, StrInfo *si)
{
    memset(si, 0, sizeof *si);
    const char *s = t->start;
    while (*s != '\'' && *s != '"') {
        switch (*s | 0x20) {
        case 'b': si->bytes = 1; break;
        case 'r': si->raw = 1; break;
        case 'f': si->fstr = 1; break;
        case 'u': si->u = 1; break;
        default: break;
        }
        s++;
    }
    char q = *s;
    int ql = (t->end - s >= 6 && s[1] == q && s[2] == q) ? 3 : 1;
    si->body = s + ql;
    si->body_end = t->end - ql;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Whether the Unicode name database is wired in (ou_unicode_lookup_name). */
static int names_available(void)
{
    uint32_t cp = 0;
    return ou_unicode_lookup_name("LATIN SMALL LETTER A", 20, &cp) && cp == 'a';
}

/* Decodes s[0:e-s] (a literal body or a piece of one) into out. `base` is
   where the body starts (error positions). Returns -1 on error. */
static int decode(Parser *p, const char *s, const char *e, const char *base, int raw,
                  int bytes, Buf *out)
{
    while (s < e) {
        unsigned char c = (unsigned char)*s;
        if (c == '\r') {
            if (buf_putc(p, out, '\n') < 0)
                return -1;
            s++;
            if (s < e && *s == '\n')
                s++;
            continue;
        }
        if (c != '\\' || raw) {
            if (bytes && c >= 0x80) {
                ou_perr_tok(p, pk(p), "bytes can only contain ASCII literal characters");
                return -1;
            }
            const char *run = s;
            while (s < e && *s != '\r' && (*s != '\\' || raw) &&
                   !(bytes && (unsigned char)*s >= 0x80))
                s++;
            if (buf_put(p, out, run, (size_t)(s - run)) < 0)
                return -1;
            continue;
        }
        const char *esc = s;
        s++;
        if (s >= e) {
            if (buf_putc(p, out, '\\') < 0)
                return -1;
            break;
        }
        c = (unsigned char)*s++;
        int r = 0;
        switch (c) {
        case '\n': break;
        case '\r': if (s < e && *s == '\n') s++; break;
        case '\\': case '\'': case '"': r = buf_putc(p, out, c); break;
        case 'a': r = buf_putc(p, out, 7); break;
        case 'b': r = buf_putc(p, out, 8); break;
        case 'f': r = buf_putc(p, out, 12); break;
        case 'n': r = buf_putc(p, out, 10); break;
        case 'r': r = buf_putc(p, out, 13); break;
        case 't': r = buf_putc(p, out, 9); break;
        case 'v': r = buf_putc(p, out, 11); break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            unsigned v = c - '0';
            for (int i = 0; i < 2 && s < e && *s >= '0' && *s <= '7'; i++)
                v = v * 8 + (unsigned)(*s++ - '0');
            r = bytes ? buf_putc(p, out, (int)(v & 0xFF)) : buf_put_cp(p, out, v);
            break;
        }
        case 'x': case 'u': case 'U': {
            if (bytes && c != 'x')
                goto invalid_escape;
            int want = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            uint32_t v = 0;
            int got = 0;
            while (got < want && s < e && hexval((unsigned char)*s) >= 0) {
                v = v * 16 + (uint32_t)hexval((unsigned char)*s++);
                got++;
            }
            int pos = (int)(esc - base), endpos = (int)(s - base) - 1;
            if (got < want) {
                if (bytes)
                    ou_perr_tok(p, pk(p), "(value error) invalid \\x escape at position %d", pos);
                else
                    ou_perr_tok(p, pk(p), "(unicode error) 'unicodeescape' codec can't decode "
                                "bytes in position %d-%d: truncated \\%c%s escape", pos, endpos, c,
                                c == 'x' ? "XX" : c == 'u' ? "XXXX" : "XXXXXXXX");
                return -1;
            }
            if (v > 0x10FFFF) {
                ou_perr_tok(p, pk(p), "(unicode error) 'unicodeescape' codec can't decode bytes "
                            "in position %d-%d: illegal Unicode character", pos, endpos);
                return -1;
            }
            r = bytes ? buf_putc(p, out, (int)v) : buf_put_cp(p, out, v);
            break;
        }
        case 'N': {
            if (bytes)
                goto invalid_escape;
            int pos = (int)(esc - base);
            const char *close = NULL;
            if (s < e && *s == '{')
                close = memchr(s, '}', (size_t)(e - s));
            if (close == NULL || close == s + 1) {
                ou_perr_tok(p, pk(p), "(unicode error) 'unicodeescape' codec can't decode bytes "
                            "in position %d-%d: malformed \\N character escape", pos,
                            (int)(s - base) - 1);
                return -1;
            }
            uint32_t cp;
            if (!ou_unicode_lookup_name(s + 1, (size_t)(close - s - 1), &cp)) {
                if (!names_available())
                    ou_perr_tok(p, pk(p), "(unicode error) \\N{...} escapes are not supported yet");
                else
                    ou_perr_tok(p, pk(p), "(unicode error) 'unicodeescape' codec can't decode "
                                "bytes in position %d-%d: unknown Unicode character name", pos,
                                (int)(close - base));
                return -1;
            }
            s = close + 1;
            r = buf_put_cp(p, out, cp);
            break;
        }
        default:
        invalid_escape:
            /* invalid escapes are kept (a DeprecationWarning in CPython) */
            if (bytes && c >= 0x80) {
                ou_perr_tok(p, pk(p), "bytes can only contain ASCII literal characters");
                return -1;
            }
            r = buf_putc(p, out, '\\');
            if (r == 0)
                r = buf_putc(p, out, c);
            break;
        }
        if (r < 0)
            return -1;
    }
    return 0;
}

/* ---- f-strings ----------------------------------------------------------- */

typedef struct {
    Parser *p;
    OuToken *t;             /* the f-string token */
    int raw;
    int loc[4];             /* location of the whole string group */
} FsCtx;

static void fs_err(FsCtx *c, const char *msg)
{
    ou_perr_tok(c->p, pk(c->p), "%s", msg);
}

/* Pending literal text becomes a Constant part. */
static int fs_flush(FsCtx *c, Vec *parts, Buf *lit)
{
    Parser *p = c->p;
    if (lit->n == 0)
        return 0;
    OuAst_constant k;
    memset(&k, 0, sizeof k);
    k.kind = OU_CONST_STR;
    k.data = lit->s;
    k.len = (Ou_ssize_t)lit->n;
    OuAst_expr *e = NN(OuAst_Constant(k, NULL, c->loc[0], c->loc[1], c->loc[2], c->loc[3],
                                      p->arena));
    memset(lit, 0, sizeof *lit);
    if (!e)
        return -1;
    return ou_vec_push(p, parts, e);
}

/* Line number and line start of a position inside the token. */
static void fs_line_of(OuToken *t, const char *ptr, int *lineno, const char **ls)
{
    int ln = t->lineno;
    const char *l = t->start - t->col_offset;
    for (const char *q = t->start; q < ptr; q++) {
        if (*q == '\r' && q + 1 < ptr && q[1] == '\n')
            q++;
        if (*q == '\n' || *q == '\r') {
            ln++;
            l = q + 1;
        }
    }
    *lineno = ln;
    *ls = l;
}

static int fs_body(FsCtx *c, const char **ps, const char *e, int depth, int in_spec,
                   Vec *parts, Buf *lit);

/* A replacement field; *ps is just after '{'. */
static int fs_field(FsCtx *c, const char **ps, const char *e, int depth, Vec *parts, Buf *lit)
{
    Parser *p = c->p;
    const char *s = *ps;
    if (depth >= 2) {
        fs_err(c, "f-string: expressions nested too deeply");
        return -1;
    }
    const char *start = s;
    char stack[200];
    int nest = 0, qtriple = 0;
    char quote = 0;
    for (;; s++) {
        if (s >= e) {
            fs_err(c, quote ? "f-string: unterminated string" : "f-string: expecting '}'");
            return -1;
        }
        char ch = *s;
        if (ch == '\\') {
            fs_err(c, "f-string expression part cannot include a backslash");
            return -1;
        }
        if (quote) {
            if (ch == quote) {
                if (!qtriple)
                    quote = 0;
                else if (s + 2 < e && s[1] == quote && s[2] == quote) {
                    s += 2;
                    quote = 0;
                }
            }
            continue;
        }
        if (ch == '\'' || ch == '"') {
            qtriple = s + 2 < e && s[1] == ch && s[2] == ch;
            if (qtriple)
                s += 2;
            quote = ch;
            continue;
        }
        if (ch == '[' || ch == '(' || ch == '{') {
            if (nest >= 200) {
                fs_err(c, "f-string: too many nested parenthesis");
                return -1;
            }
            stack[nest++] = ch;
            continue;
        }
        if (ch == '#') {
            fs_err(c, "f-string expression part cannot include '#'");
            return -1;
        }
        if (nest == 0) {
            if (ch == '}' || ch == ':')
                break;
            if (ch == '!') {
                if (s + 1 < e && s[1] == '=') {
                    s++;
                    continue;
                }
                break;
            }
            if (ch == '=') {
                if (s + 1 < e && s[1] == '=') {
                    s++;
                    continue;
                }
                if (s > start && strchr("=!<>", s[-1]))
                    continue;
                break;
            }
        }
        if (ch == ']' || ch == ')' || ch == '}') {
            if (nest == 0) {
                char m[80];
                snprintf(m, sizeof m, "f-string: unmatched '%c'", ch);
                fs_err(c, m);
                return -1;
            }
            char open = stack[--nest];
            int want = open == '(' ? ')' : open == '[' ? ']' : '}';
            if (ch != want) {
                char m[120];
                snprintf(m, sizeof m, "f-string: closing parenthesis '%c' does not match "
                         "opening parenthesis '%c'", ch, open);
                fs_err(c, m);
                return -1;
            }
        }
    }
    const char *end = s;
    const char *q = start;
    while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r' || *q == '\f'))
        q++;
    if (q == end) {
        fs_err(c, "f-string: empty expression not allowed");
        return -1;
    }
    int lineno;
    const char *ls;
    fs_line_of(c->t, start, &lineno, &ls);
    OuAst_expr *value = ou_p_fstring_expr(p, start, end, lineno, ls);
    if (!value)
        return -1;
    int conv = -1;
    const char *dbg_end = NULL;
    if (*s == '=') {
        s++;
        while (s < e && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
            s++;
        dbg_end = s;
    }
    if (s < e && *s == '!') {
        s++;
        if (s >= e) {
            fs_err(c, "f-string: expecting '}'");
            return -1;
        }
        char cv = *s;
        if (cv != 's' && cv != 'r' && cv != 'a') {
            fs_err(c, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
            return -1;
        }
        conv = cv;
        s++;
        if (s >= e || (*s != ':' && *s != '}')) {
            fs_err(c, "f-string: expecting '}'");
            return -1;
        }
    }
    OuAst_expr *spec = NULL;
    if (s < e && *s == ':') {
        s++;
        Vec sp = { 0 };
        Buf sl = { 0 };
        if (fs_body(c, &s, e, depth + 1, 1, &sp, &sl) < 0 || fs_flush(c, &sp, &sl) < 0)
            return -1;
        OuAst_seq *vals = ou_vec_seq(p, &sp);
        if (!vals)
            return -1;
        spec = NN(OuAst_JoinedStr(vals, c->loc[0], c->loc[1], c->loc[2], c->loc[3], p->arena));
        if (!spec)
            return -1;
    }
    if (s >= e || *s != '}') {
        fs_err(c, "f-string: expecting '}'");
        return -1;
    }
    s++;
    if (dbg_end) {
        if (buf_put(p, lit, start, (size_t)(dbg_end - start)) < 0)
            return -1;
        if (conv == -1 && !spec)
            conv = 'r';
    }
    if (fs_flush(c, parts, lit) < 0)
        return -1;
    OuAst_expr *fv = NN(OuAst_FormattedValue(value, conv, spec, c->loc[0], c->loc[1], c->loc[2],
                                             c->loc[3], p->arena));
    if (!fv || ou_vec_push(p, parts, fv) < 0)
        return -1;
    *ps = s;
    return 0;
}

/* Literal text and fields up to e (or, in a format spec, up to '}'). */
static int fs_body(FsCtx *c, const char **ps, const char *e, int depth, int in_spec,
                   Vec *parts, Buf *lit)
{
    Parser *p = c->p;
    const char *s = *ps;
    const char *base = s;
    while (s < e) {
        const char *chunk = s;
        while (s < e && *s != '{' && *s != '}') {
            if (*s == '\\' && !c->raw && s + 1 < e && s[1] != '{' && s[1] != '}') {
                if (s[1] == 'N' && s + 2 < e && s[2] == '{') {
                    const char *close = memchr(s + 2, '}', (size_t)(e - s - 2));
                    s = close ? close + 1 : e;
                    continue;
                }
                s += 2;
                continue;
            }
            s++;
        }
        if (s > chunk && decode(p, chunk, s, base, c->raw, 0, lit) < 0)
            return -1;
        if (s >= e)
            break;
        if (*s == '{') {
            if (!in_spec && s + 1 < e && s[1] == '{') {
                if (buf_putc(p, lit, '{') < 0)
                    return -1;
                s += 2;
                continue;
            }
            s++;
            if (fs_field(c, &s, e, depth, parts, lit) < 0)
                return -1;
            continue;
        }
        /* '}' */
        if (in_spec) {
            *ps = s;
            return 0;
        }
        if (s + 1 < e && s[1] == '}') {
            if (buf_putc(p, lit, '}') < 0)
                return -1;
            s += 2;
            continue;
        }
        fs_err(c, "f-string: single '}' is not allowed");
        return -1;
    }
    if (in_spec) {
        fs_err(c, "f-string: expecting '}'");
        return -1;
    }
    *ps = s;
    return 0;
}

/* ---- string groups -------------------------------------------------------- */

/* STRING+ : a Constant (str or bytes) or a JoinedStr. */
OuAst_expr *ou_p_strings(Parser *p)
{
    int first_i = p->pos;
    while (is(p, OU_TOK_STRING))
        adv(p);
    int end_i = p->pos;
    OuToken *first = &p->toks[first_i], *last = &p->toks[end_i - 1];
    int nbytes = 0, nfs = 0;
    for (int i = first_i; i < end_i; i++) {
        StrInfo si;
        str_info(&p->toks[i], &si);
        nbytes += si.bytes;
        nfs += si.fstr;
    }
    if (nbytes && nbytes != end_i - first_i) {
        ou_perr_tok(p, pk(p), "cannot mix bytes and nonbytes literals");
        return NULL;
    }
    int loc[4] = { first->lineno, first->col_offset, last->end_lineno, last->end_col_offset };
    OuAst_constant k;
    memset(&k, 0, sizeof k);
    if (!nfs) {
        Buf b = { 0 };
        StrInfo si0;
        str_info(first, &si0);
        for (int i = first_i; i < end_i; i++) {
            StrInfo si;
            str_info(&p->toks[i], &si);
            if (decode(p, si.body, si.body_end, si.body, si.raw, si.bytes, &b) < 0)
                return NULL;
        }
        k.kind = nbytes ? OU_CONST_BYTES : OU_CONST_STR;
        k.data = buf_str(p, &b);
        k.len = (Ou_ssize_t)b.n;
        if (!k.data)
            return NULL;
        return NN(OuAst_Constant(k, si0.u ? "u" : NULL, loc[0], loc[1], loc[2], loc[3], p->arena));
    }
    Vec parts = { 0 };
    Buf lit = { 0 };
    FsCtx c;
    c.p = p;
    memcpy(c.loc, loc, sizeof loc);
    for (int i = first_i; i < end_i; i++) {
        StrInfo si;
        OuToken *t = &p->toks[i];
        str_info(t, &si);
        if (!si.fstr) {
            if (decode(p, si.body, si.body_end, si.body, si.raw, 0, &lit) < 0)
                return NULL;
            continue;
        }
        c.t = t;
        c.raw = si.raw;
        const char *s = si.body;
        if (fs_body(&c, &s, si.body_end, 0, 0, &parts, &lit) < 0)
            return NULL;
    }
    if (fs_flush(&c, &parts, &lit) < 0)
        return NULL;
    OuAst_seq *vals = ou_vec_seq(p, &parts);
    if (!vals)
        return NULL;
    return NN(OuAst_JoinedStr(vals, loc[0], loc[1], loc[2], loc[3], p->arena));
}

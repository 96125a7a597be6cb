/*
 * traceback.c -- printing exceptions as CPython 3.11 does: the traceback
 * entries with their source lines and 3.11's position markers ("^^^", and
 * "~~^~~" for binary operations and subscripts), chained exceptions,
 * SyntaxError's location display, the final "Module.Name: msg" line and
 * __notes__; sys.excepthook / SystemExit handling in OuErr_Print, and
 * "Exception ignored in: ..." for unraisable exceptions.
 *
 * Output is built in one string per report and written to sys.stderr with
 * its write() method (fd 2 when that fails). Exception groups are printed
 * like ordinary exceptions for now (their nested display is phase 2).
 */
#include "core/ouro.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TB_RECURSIVE_CUTOFF 3
#define TB_DEFAULT_LIMIT 1000

/* ------------------------------------------------------------------ */
/* Output                                                               */

typedef struct {
    OuStrBuilder b;
    int err;
} Out;

static void out_utf8(Out *o, const char *s, Ou_ssize_t n)
{
    if (!o->err && n > 0 && OuStrBuilder_AppendUTF8(&o->b, s, n) < 0)
        o->err = 1;
}

static void out_c(Out *o, const char *s)
{
    out_utf8(o, s, (Ou_ssize_t)strlen(s));
}

static void out_s(Out *o, OuObject *s)
{
    if (!o->err && OuStrBuilder_AppendStr(&o->b, s) < 0)
        o->err = 1;
}

static void out_f(Out *o, const char *fmt, ...)
{
    if (o->err)
        return;
    va_list va;
    va_start(va, fmt);
    OuObject *s = OuStr_FromFormatV(fmt, va);
    va_end(va);
    if (!s) {
        o->err = 1;
        return;
    }
    out_s(o, s);
    OU_DECREF(s);
}

static void out_rep(Out *o, char c, Ou_ssize_t n)
{
    while (n-- > 0 && !o->err)
        if (OuStrBuilder_AppendChar(&o->b, (unsigned char)c) < 0)
            o->err = 1;
}

/* Borrowed sys.stderr, or NULL. */
static OuObject *sys_stderr(void)
{
    OuObject *f = OU_RT->sysdict ? OuDict_GetItemString(OU_RT->sysdict, "stderr") : NULL;
    return f == OU_NONE ? NULL : f;
}

static void write_fd2(OuObject *s)
{
    Ou_ssize_t n;
    OuObject *b = NULL;
    const char *u = OuStr_AsUTF8AndSize(s, &n);
    if (!u) {
        OuErr_Clear();
        b = OuStr_Encode(s, "utf-8", "backslashreplace");
        if (!b) {
            OuErr_Clear();
            return;
        }
        u = OU_BYTES_DATA(b);
        n = OU_BYTES_LEN(b);
    }
    while (n > 0) {
        ssize_t w = write(2, u, (size_t)n);
        if (w <= 0)
            break;
        u += w;
        n -= w;
    }
    OU_XDECREF(b);
}

/* file.write(s), falling back to fd 2; errors are swallowed. */
static void write_to(OuObject *file, OuObject *s)
{
    if (file && file != OU_NONE) {
        OuObject *r = OuObject_CallMethod(file, OU_ID(write), &s, 1);
        if (r) {
            OU_DECREF(r);
            return;
        }
        OuErr_Clear();
    }
    write_fd2(s);
}

static void flush_file(OuObject *file)
{
    if (!file || file == OU_NONE)
        return;
    OuObject *r = OuObject_CallMethod(file, OU_ID(flush), NULL, 0);
    if (r)
        OU_DECREF(r);
    else
        OuErr_Clear();
}

/* Finish the builder and write it. */
static void out_flush_to(Out *o, OuObject *file)
{
    if (o->err) {
        OuStrBuilder_Discard(&o->b);
        OuErr_Clear();
        return;
    }
    OuObject *s = OuStrBuilder_Finish(&o->b);
    if (!s) {
        OuErr_Clear();
        return;
    }
    write_to(file, s);
    OU_DECREF(s);
}

void OuErr_WriteStderrObject(OuObject *s)
{
    OuObject *saved = OuErr_GetRaisedException();
    write_to(sys_stderr(), s);
    OuErr_SetRaisedException(saved);
}

void OuErr_WriteStderr(const char *s)
{
    OuObject *saved = OuErr_GetRaisedException();
    OuObject *o = OuStr_FromUTF8(s);
    if (o) {
        write_to(sys_stderr(), o);
        OU_DECREF(o);
    }
    OuErr_SetRaisedException(saved);
}

/* ------------------------------------------------------------------ */
/* Source lines                                                         */

/* Line `lineno` (1-based) of the file at path, malloc'd, without its line
   ending; NULL if unreadable. */
static char *read_line_at(const char *path, int lineno, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n = -1;
    int i = 0;
    while ((n = getline(&buf, &cap, f)) >= 0)
        if (++i == lineno)
            break;
    fclose(f);
    if (n < 0 || i != lineno) {
        free(buf);
        return NULL;
    }
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        n--;
    buf[n] = 0;
    if (lineno == 1 && n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
        memmove(buf, buf + 3, (size_t)n - 2);
        n -= 3;
    }
    *len = (size_t)n;
    return buf;
}

/* Read the line, searching sys.path for the file's last component when
   the name itself cannot be opened (as CPython does). */
static char *find_line(OuObject *filename, int lineno, size_t *len)
{
    const char *path = OuStr_AsUTF8(filename);
    if (!path) {
        OuErr_Clear();
        return NULL;
    }
    char *r = read_line_at(path, lineno, len);
    if (r || path[0] == '/' || !OU_RT->sysdict)
        return r;
    OuObject *sp = OuDict_GetItemString(OU_RT->sysdict, "path");
    if (!sp || !OuList_Check(sp))
        return NULL;
    const char *tail = strrchr(path, '/');
    tail = tail ? tail + 1 : path;
    for (Ou_ssize_t i = 0; i < OU_LIST_LEN(sp) && !r; i++) {
        OuObject *d = OU_LIST_GET(sp, i);
        const char *ds = OuStr_Check(d) ? OuStr_AsUTF8(d) : NULL;
        if (!ds) {
            OuErr_Clear();
            continue;
        }
        size_t need = strlen(ds) + strlen(tail) + 2;
        char *full = malloc(need);
        if (!full)
            break;
        snprintf(full, need, "%s/%s", ds, tail);
        r = read_line_at(full, lineno, len);
        free(full);
    }
    return r;
}

/* The line as a str without its ending (UTF-8, else Latin-1), or NULL. */
static OuObject *source_line(OuObject *filename, int lineno)
{
    if (!filename || !OuStr_Check(filename) || lineno < 1)
        return NULL;
    size_t n;
    char *raw = find_line(filename, lineno, &n);
    if (!raw)
        return NULL;
    OuObject *s = OuStr_FromUTF8AndSize(raw, (Ou_ssize_t)n);
    if (!s) {
        OuErr_Clear();
        s = OuStr_FromKindAndData(1, raw, (Ou_ssize_t)n);
        if (!s)
            OuErr_Clear();
    }
    free(raw);
    return s;
}

/* Line `lineno` of the file, with a trailing "\n" as CPython's
   SyntaxError.text has it; NULL without error when unavailable. */
OuObject *OuErr_ProgramTextObject(OuObject *filename, int lineno)
{
    OuObject *saved = OuErr_GetRaisedException();
    OuObject *s = source_line(filename, lineno), *r = NULL;
    if (s) {
        r = OuStr_FromFormat("%U\n", s);
        OU_DECREF(s);
        if (!r)
            OuErr_Clear();
    }
    OuErr_SetRaisedException(saved);
    return r;
}

/* ------------------------------------------------------------------ */
/* Anchors: which part of a one-line expression is the operator.        */
/* A small tokenizer and expression parser over the marked segment tells */
/* whether it is a binary operation or a subscript, and where its parts */
/* end, the way 3.11 finds them by re-parsing the segment.              */

enum { TK_END, TK_NAME, TK_NUM, TK_STR, TK_OP };
typedef struct { int kind, start, end; } Tok;
typedef struct {
    const char *s;
    int n;
    Tok *toks;
    int ntok, cap, pos, err;
} Seg;
enum { NK_OTHER, NK_BINOP, NK_SUBSCR };
typedef struct { int kind, start, end, a, b; } Node;

static int is_ws(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == '\n' || c == '\v'; }
static int is_idstart(unsigned char c) { return c == '_' || (c | 32) - 'a' < 26u || c >= 0x80; }
static int is_idchar(unsigned char c) { return is_idstart(c) || c - '0' < 10u; }

static int push_tok(Seg *p, int kind, int start, int end)
{
    if (p->ntok == p->cap) {
        int nc = p->cap ? p->cap * 2 : 32;
        Tok *t = realloc(p->toks, sizeof(Tok) * (size_t)nc);
        if (!t)
            return -1;
        p->toks = t;
        p->cap = nc;
    }
    p->toks[p->ntok++] = (Tok){kind, start, end};
    return 0;
}

/* End of the string literal whose quote is at i, or -1. */
static int scan_string(const char *s, int n, int i)
{
    char q = s[i];
    int triple = i + 2 < n && s[i + 1] == q && s[i + 2] == q;
    i += triple ? 3 : 1;
    while (i < n) {
        if (s[i] == '\\') {
            i += 2;
            continue;
        }
        if (s[i] == q) {
            if (!triple)
                return i + 1;
            if (i + 2 < n && s[i + 1] == q && s[i + 2] == q)
                return i + 3;
        }
        i++;
    }
    return -1;
}

static int tokenize(Seg *p)
{
    static const char *const ops3[] = {"**=", "//=", ">>=", "<<=", "...", NULL};
    static const char *const ops2[] = {"**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", ":=",
                                       "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", NULL};
    const char *s = p->s;
    int n = p->n, i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        int st = i;
        if (is_ws((char)c)) {
            i++;
            continue;
        }
        if (c == '#')
            break;
        if (is_idstart(c)) {
            while (i < n && is_idchar((unsigned char)s[i]))
                i++;
            if (i < n && (s[i] == '\'' || s[i] == '"') && i - st <= 2 &&
                strspn(s + st, "rRbBuUfF") >= (size_t)(i - st)) {
                if ((i = scan_string(s, n, i)) < 0)
                    return -1;
                if (push_tok(p, TK_STR, st, i) < 0)
                    return -1;
                continue;
            }
            if (push_tok(p, TK_NAME, st, i) < 0)
                return -1;
            continue;
        }
        if (c - '0' < 10u || (c == '.' && i + 1 < n && (unsigned char)s[i + 1] - '0' < 10u)) {
            int hex = c == '0' && i + 1 < n && (s[i + 1] | 32) == 'x';
            i++;
            while (i < n && (is_idchar((unsigned char)s[i]) || s[i] == '.' ||
                             (!hex && (s[i] == '+' || s[i] == '-') && (s[i - 1] | 32) == 'e')))
                i++;
            if (push_tok(p, TK_NUM, st, i) < 0)
                return -1;
            continue;
        }
        if (c == '\'' || c == '"') {
            if ((i = scan_string(s, n, i)) < 0 || push_tok(p, TK_STR, st, i) < 0)
                return -1;
            continue;
        }
        int len = 0;
        for (int k = 0; ops3[k] && !len; k++)
            if (i + 3 <= n && memcmp(s + i, ops3[k], 3) == 0)
                len = 3;
        for (int k = 0; ops2[k] && !len; k++)
            if (i + 2 <= n && memcmp(s + i, ops2[k], 2) == 0)
                len = 2;
        if (!len) {
            if (!strchr("+-*/%@&|^~<>()[]{},:;.=!", c))
                return -1;
            len = 1;
        }
        i += len;
        if (push_tok(p, TK_OP, st, i) < 0)
            return -1;
    }
    return push_tok(p, TK_END, n, n);
}

static Tok *cur(Seg *p) { return &p->toks[p->pos]; }
static void adv(Seg *p) { if (p->toks[p->pos].kind != TK_END) p->pos++; }

static int tok_is(Seg *p, int kind, const char *text)
{
    Tok *t = cur(p);
    size_t l = strlen(text);
    return t->kind == kind && (size_t)(t->end - t->start) == l && memcmp(p->s + t->start, text, l) == 0;
}
#define IS_OP(p, x) tok_is(p, TK_OP, x)
#define IS_KW(p, x) tok_is(p, TK_NAME, x)

static int is_keyword(Seg *p)
{
    static const char *const kws[] = {"and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
        "try", "while", "with", "yield", NULL};
    for (int i = 0; kws[i]; i++)
        if (IS_KW(p, kws[i]))
            return 1;
    return 0;
}

static Node mk(int kind, int start, int end)
{
    Node n = {kind, start, end, 0, 0};
    return n;
}

/* At an opening bracket: skip to just past its partner; index of the
   closing token, or -1. */
static int skip_balanced(Seg *p)
{
    int depth = 0;
    for (;;) {
        Tok *t = cur(p);
        if (t->kind == TK_END) {
            p->err = 1;
            return -1;
        }
        if (t->kind == TK_OP && t->end - t->start == 1) {
            char c = p->s[t->start];
            if (c == '(' || c == '[' || c == '{')
                depth++;
            else if ((c == ')' || c == ']' || c == '}') && --depth == 0) {
                int idx = p->pos;
                adv(p);
                return idx;
            }
        }
        adv(p);
    }
}

static Node parse_test(Seg *p);
static Node parse_factor(Seg *p);

static Node parse_atom(Seg *p)
{
    Tok *t = cur(p);
    int st = t->start;
    if (t->kind == TK_NAME) {
        if (is_keyword(p))
            p->err = 1;
        adv(p);
        return mk(NK_OTHER, st, t->end);
    }
    if (t->kind == TK_NUM || IS_OP(p, "...")) {
        adv(p);
        return mk(NK_OTHER, st, t->end);
    }
    if (t->kind == TK_STR) {
        int end = t->end;
        while (cur(p)->kind == TK_STR) {
            end = cur(p)->end;
            adv(p);
        }
        return mk(NK_OTHER, st, end);
    }
    if (IS_OP(p, "(")) {
        int open = p->pos;
        adv(p);
        if (!IS_OP(p, ")") && !IS_KW(p, "yield") && !IS_OP(p, "*")) {
            Node in = parse_test(p);
            if (!p->err && IS_OP(p, ":=")) {
                adv(p);
                Node v = parse_test(p);
                in = mk(NK_OTHER, in.start, v.end);
            }
            if (!p->err && IS_OP(p, ")")) {
                adv(p);
                return in;     /* parentheses are not part of the node */
            }
        }
        p->err = 0;
        p->pos = open;
        int close = skip_balanced(p);
        return mk(NK_OTHER, st, close < 0 ? st : p->toks[close].end);
    }
    if (IS_OP(p, "[") || IS_OP(p, "{")) {
        int close = skip_balanced(p);
        return mk(NK_OTHER, st, close < 0 ? st : p->toks[close].end);
    }
    p->err = 1;
    return mk(NK_OTHER, st, st);
}

static Node parse_primary(Seg *p)
{
    Node n = parse_atom(p);
    while (!p->err) {
        if (IS_OP(p, ".")) {
            adv(p);
            if (cur(p)->kind != TK_NAME) {
                p->err = 1;
                break;
            }
            n = mk(NK_OTHER, n.start, cur(p)->end);
            adv(p);
        } else if (IS_OP(p, "(")) {
            int close = skip_balanced(p);
            if (close < 0)
                break;
            n = mk(NK_OTHER, n.start, p->toks[close].end);
        } else if (IS_OP(p, "[")) {
            int open = p->pos, slice_end = -1, close;
            adv(p);
            if (!IS_OP(p, ":") && !IS_OP(p, "]")) {
                Node sl = parse_test(p);
                if (!p->err && IS_OP(p, "]"))
                    slice_end = sl.end;
            }
            p->err = 0;
            p->pos = open;
            if ((close = skip_balanced(p)) < 0)
                break;
            if (slice_end < 0)
                slice_end = p->toks[close - 1].end;
            Node s = mk(NK_SUBSCR, n.start, p->toks[close].end);
            s.a = n.end;
            s.b = slice_end;
            n = s;
        } else {
            break;
        }
    }
    return n;
}

static Node binop(Node l, Node r)
{
    Node n = mk(NK_BINOP, l.start, r.end);
    n.a = l.end;
    n.b = r.start;
    return n;
}

static Node parse_power(Seg *p)
{
    Node n;
    if (IS_KW(p, "await")) {
        int st = cur(p)->start;
        adv(p);
        Node x = parse_primary(p);
        n = mk(NK_OTHER, st, x.end);
    } else {
        n = parse_primary(p);
    }
    if (!p->err && IS_OP(p, "**")) {
        adv(p);
        n = binop(n, parse_factor(p));
    }
    return n;
}

static Node parse_factor(Seg *p)
{
    if (IS_OP(p, "+") || IS_OP(p, "-") || IS_OP(p, "~")) {
        int st = cur(p)->start;
        adv(p);
        Node f = parse_factor(p);
        return mk(NK_OTHER, st, f.end);
    }
    return parse_power(p);
}

static int at_level_op(Seg *p, int level)
{
    static const char *const levels[6][6] = {
        {"|", NULL}, {"^", NULL}, {"&", NULL}, {"<<", ">>", NULL}, {"+", "-", NULL},
        {"*", "/", "//", "%", "@", NULL}};
    for (int i = 0; levels[level][i]; i++)
        if (IS_OP(p, levels[level][i]))
            return 1;
    return 0;
}

static Node parse_bin(Seg *p, int level)
{
    if (level == 6)
        return parse_factor(p);
    Node n = parse_bin(p, level + 1);
    while (!p->err && at_level_op(p, level)) {
        adv(p);
        n = binop(n, parse_bin(p, level + 1));
    }
    return n;
}

static Node parse_comparison(Seg *p)
{
    Node n = parse_bin(p, 0);
    while (!p->err) {
        if (IS_OP(p, "<") || IS_OP(p, ">") || IS_OP(p, "==") || IS_OP(p, ">=") ||
            IS_OP(p, "<=") || IS_OP(p, "!=") || IS_KW(p, "in")) {
            adv(p);
        } else if (IS_KW(p, "not")) {
            adv(p);
            if (!IS_KW(p, "in")) {
                p->err = 1;
                break;
            }
            adv(p);
        } else if (IS_KW(p, "is")) {
            adv(p);
            if (IS_KW(p, "not"))
                adv(p);
        } else {
            break;
        }
        Node r = parse_bin(p, 0);
        n = mk(NK_OTHER, n.start, r.end);
    }
    return n;
}

static Node parse_not(Seg *p)
{
    if (IS_KW(p, "not")) {
        int st = cur(p)->start;
        adv(p);
        Node r = parse_not(p);
        return mk(NK_OTHER, st, r.end);
    }
    return parse_comparison(p);
}

static Node parse_and(Seg *p)
{
    Node n = parse_not(p);
    while (!p->err && IS_KW(p, "and")) {
        adv(p);
        Node r = parse_not(p);
        n = mk(NK_OTHER, n.start, r.end);
    }
    return n;
}

static Node parse_or(Seg *p)
{
    Node n = parse_and(p);
    while (!p->err && IS_KW(p, "or")) {
        adv(p);
        Node r = parse_and(p);
        n = mk(NK_OTHER, n.start, r.end);
    }
    return n;
}

static Node parse_test(Seg *p)
{
    if (IS_KW(p, "lambda")) {
        int st = cur(p)->start, depth = 0;
        adv(p);
        while (cur(p)->kind != TK_END && !(depth == 0 && IS_OP(p, ":"))) {
            if (IS_OP(p, "(") || IS_OP(p, "[") || IS_OP(p, "{"))
                depth++;
            else if (IS_OP(p, ")") || IS_OP(p, "]") || IS_OP(p, "}"))
                depth--;
            adv(p);
        }
        if (!IS_OP(p, ":")) {
            p->err = 1;
            return mk(NK_OTHER, st, st);
        }
        adv(p);
        Node body = parse_test(p);
        return mk(NK_OTHER, st, body.end);
    }
    Node n = parse_or(p);
    if (!p->err && IS_KW(p, "if")) {
        adv(p);
        parse_or(p);
        if (!IS_KW(p, "else")) {
            p->err = 1;
            return n;
        }
        adv(p);
        Node r = parse_test(p);
        n = mk(NK_OTHER, n.start, r.end);
    }
    return n;
}

/* Anchors (byte offsets within seg) of a binary operation's operator or a
   subscript's brackets: 1 found, 0 not such an expression. */
static int segment_anchors(const char *seg, int n, int *left, int *right)
{
    Seg p = {seg, n, NULL, 0, 0, 0, 0};
    int found = 0;
    if (tokenize(&p) == 0) {
        Node e = parse_test(&p);
        if (!p.err && cur(&p)->kind == TK_END) {
            if (e.kind == NK_BINOP) {
                int i = e.a;
                while (i < e.b && is_ws(seg[i]))
                    i++;
                if (i < e.b) {
                    *left = i;
                    *right = i + 1;
                    if (i + 1 < e.b && !is_ws(seg[i + 1]))
                        (*right)++;
                    found = 1;
                }
            } else if (e.kind == NK_SUBSCR) {
                *left = e.a;
                *right = e.b + 1 > n ? n : e.b + 1;
                found = 1;
            }
        }
    }
    free(p.toks);
    return found;
}

/* ------------------------------------------------------------------ */
/* Traceback entries                                                    */

/* Number of characters in the first nbytes of UTF-8 text s. */
static Ou_ssize_t utf8_chars(const char *s, Ou_ssize_t nbytes)
{
    Ou_ssize_t c = 0;
    for (Ou_ssize_t i = 0; i < nbytes; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            c++;
    return c;
}

/* "    <stripped line>" and, when positions are known, the marker line. */
static void display_source(Out *o, OuObject *filename, int lineno, OuCodeObject *co, int lasti)
{
    OuObject *line = source_line(filename, lineno);
    if (!line)
        return;
    Ou_ssize_t n;
    const char *s = OuStr_AsUTF8AndSize(line, &n);
    if (!s) {
        OuErr_Clear();
        OU_DECREF(line);
        return;
    }
    Ou_ssize_t trunc = 0, rend = n;
    while (trunc < n && (s[trunc] == ' ' || s[trunc] == '\t' || s[trunc] == '\f'))
        trunc++;
    while (rend > trunc && is_ws(s[rend - 1]))
        rend--;
    if (rend == trunc) {
        OU_DECREF(line);
        return;
    }
    out_c(o, "    ");
    out_utf8(o, s + trunc, rend - trunc);
    out_c(o, "\n");

    const OuCodePos *pos = co && lasti >= 0 ? OuCode_Positions(co, lasti) : NULL;
    if (!pos || pos->lineno != lineno || pos->end_lineno < pos->lineno || pos->col < 0 ||
        pos->end_col < 0) {
        OU_DECREF(line);
        return;
    }
    Ou_ssize_t sb = pos->col > n ? n : pos->col, eb;
    if (pos->end_lineno == pos->lineno)
        eb = pos->end_col > n ? n : pos->end_col;
    else
        eb = rend;
    int left = -1, right = -1;
    int anchors = pos->end_lineno == pos->lineno && eb > sb &&
                  segment_anchors(s + sb, (int)(eb - sb), &left, &right);
    Ou_ssize_t start = utf8_chars(s, sb), end = utf8_chars(s, eb);
    Ou_ssize_t tchars = utf8_chars(s, trunc);
    Ou_ssize_t stripped_len = utf8_chars(s + trunc, rend - trunc);
    if (end <= start || (end - start == stripped_len && !anchors)) {
        OU_DECREF(line);
        return;
    }
    out_c(o, "    ");
    out_rep(o, ' ', start > tchars ? start - tchars : 0);
    if (anchors) {
        Ou_ssize_t lc = utf8_chars(s + sb, left), rc = utf8_chars(s + sb, right);
        for (Ou_ssize_t i = 0; i < end - start; i++)
            out_rep(o, i < lc || i >= rc ? '~' : '^', 1);
    } else {
        out_rep(o, '^', end - start);
    }
    out_c(o, "\n");
    OU_DECREF(line);
}

/* sys.tracebacklimit, or the default. */
static long traceback_limit(void)
{
    OuObject *v = OU_RT->sysdict ? OuDict_GetItemString(OU_RT->sysdict, "tracebacklimit") : NULL;
    if (!v || !OuInt_Check(v))
        return TB_DEFAULT_LIMIT;
    long l = OuInt_AsLong(v);
    if (l == -1 && OuErr_Occurred()) {
        OuErr_Clear();
        return OuInt_Sign(v) < 0 ? 0 : TB_DEFAULT_LIMIT * 1000000L;
    }
    return l;
}

static int same_str(OuObject *a, OuObject *b)
{
    return a == b || (a && b && OuStr_Check(a) && OuStr_Check(b) && OuStr_Equal(a, b));
}

static void print_repeated(Out *o, long cnt)
{
    if (cnt > TB_RECURSIVE_CUTOFF) {
        cnt -= TB_RECURSIVE_CUTOFF;
        out_f(o, "  [Previous line repeated %ld more time%s]\n", cnt, cnt > 1 ? "s" : "");
    }
}

/* The entries of a traceback, the last `limit` of them, with runs of the
   same line collapsed after three. */
static void print_tb_entries(Out *o, OuObject *tb, long limit)
{
    Ou_ssize_t depth = 0;
    OuTracebackObject *t;
    for (t = (OuTracebackObject *)tb; t; t = t->tb_next)
        depth++;
    t = (OuTracebackObject *)tb;
    while (t && depth > limit) {
        t = t->tb_next;
        depth--;
    }
    OuObject *last_file = NULL, *last_name = NULL;
    int last_line = -1;
    long cnt = 0;
    for (; t && !o->err; t = t->tb_next) {
        OuObject *code = t->tb_frame ? OuObject_GetAttrString(t->tb_frame, "f_code") : NULL;
        if (!code || !OuCode_Check(code)) {
            OuErr_Clear();
            OU_XDECREF(code);
            continue;
        }
        OuCodeObject *co = (OuCodeObject *)code;
        if (!last_file || !same_str(co->co_filename, last_file) || t->tb_lineno != last_line ||
            !same_str(co->co_name, last_name)) {
            print_repeated(o, cnt);
            OU_XSETREF(last_file, OU_NEWREF(co->co_filename));
            OU_XSETREF(last_name, OU_NEWREF(co->co_name));
            last_line = t->tb_lineno;
            cnt = 0;
        }
        if (++cnt <= TB_RECURSIVE_CUTOFF) {
            out_f(o, "  File \"%U\", line %d, in %U\n", co->co_filename, t->tb_lineno, co->co_name);
            display_source(o, co->co_filename, t->tb_lineno, co, t->tb_lasti);
        }
        OU_DECREF(code);
    }
    print_repeated(o, cnt);
    OU_XDECREF(last_file);
    OU_XDECREF(last_name);
}

static void print_traceback(Out *o, OuObject *tb)
{
    if (!tb || tb == OU_NONE || !OuObject_TypeCheck(tb, &OuTraceBack_Type))
        return;
    long limit = traceback_limit();
    if (limit <= 0)
        return;
    out_c(o, "Traceback (most recent call last):\n");
    print_tb_entries(o, tb, limit);
}

/* ------------------------------------------------------------------ */
/* One exception                                                        */

/* Integer attribute of a syntax error: 1 ok, 0 None, -1 not an int. */
static int int_attr(OuObject *v, long *out)
{
    if (!v || v == OU_NONE)
        return 0;
    if (!OuInt_Check(v))
        return -1;
    *out = OuInt_AsLong(v);
    if (*out == -1 && OuErr_Occurred()) {
        OuErr_Clear();
        return -1;
    }
    return 1;
}

/* The caret display under a syntax error's text (offsets are 1-based). */
static void print_error_text(Out *o, OuObject *text, long offset, long end_offset)
{
    Ou_ssize_t n = OU_STR_LEN(text), a = 0;
    long off = offset - 1, end = end_offset > 0 ? end_offset - 1 : -1;
    if (end_offset > n + 1)
        end = n;
    while (a < n && (OU_STR_CHAR(text, a) == ' ' || OU_STR_CHAR(text, a) == '\t' ||
                     OU_STR_CHAR(text, a) == '\f')) {
        a++;
        off--;
        end--;
    }
    Ou_ssize_t len = n - a;
    if (len > 0 && OU_STR_CHAR(text, n - 1) == '\n')
        len--;
    if (off > len)
        off = len;
    /* skip past embedded newlines before the offset */
    for (;;) {
        Ou_ssize_t i = 0;
        while (i < len && OU_STR_CHAR(text, a + i) != '\n')
            i++;
        if (i >= len || i >= off)
            break;
        a += i + 1;
        len -= i + 1;
        off -= i + 1;
        end -= i + 1;
    }
    OuObject *line = OuStr_Substring(text, a, a + len);
    if (!line) {
        o->err = 1;
        return;
    }
    out_c(o, "    ");
    out_s(o, line);
    out_c(o, "\n");
    OU_DECREF(line);
    if (offset <= 0)
        return;
    if (off < 0)
        off = 0;
    long width = end > off ? end - off : 1;
    out_c(o, "    ");
    out_rep(o, ' ', off);
    out_rep(o, '^', width);
    out_c(o, "\n");
}

/* '  File "f.py", line 1' plus the text and carets, for anything with
   print_file_and_line (SyntaxError); *msg receives the message to show.
   0 when the attributes are unusable (then nothing is printed). */
static int print_syntax_location(Out *o, OuObject *exc, OuObject **msg)
{
    OuObject *v[7] = {NULL};
    static const char *const names[7] = {"msg", "filename", "lineno", "offset", "text",
                                          "end_lineno", "end_offset"};
    int ok = 0;
    for (int i = 0; i < 7; i++)
        if (!(v[i] = OuObject_GetAttrString(exc, names[i]))) {
            OuErr_Clear();
            goto done;
        }
    long lineno, offset = -1, end_lineno, end_offset = -1;
    if (int_attr(v[2], &lineno) != 1 || int_attr(v[3], &offset) < 0 ||
        int_attr(v[6], &end_offset) < 0)
        goto done;
    int r = int_attr(v[5], &end_lineno);
    if (r < 0)
        goto done;
    if (r == 0)
        end_lineno = lineno;
    if (v[1] == OU_NONE)
        out_f(o, "  File \"<string>\", line %ld\n", lineno);
    else
        out_f(o, "  File \"%S\", line %ld\n", v[1], lineno);
    if (v[4] != OU_NONE && OuStr_Check(v[4])) {
        Ou_ssize_t size = OU_STR_LEN(v[4]);
        if (end_lineno > lineno)
            end_offset = size;
        print_error_text(o, v[4], offset, end_offset);
    }
    *msg = OU_NEWREF(v[0]);
    ok = 1;
done:
    for (int i = 0; i < 7; i++)
        OU_XDECREF(v[i]);
    return ok;
}

/* "module.Qualname" (the module omitted for builtins and __main__). */
static void print_type_name(Out *o, OuTypeObject *type)
{
    OuObject *mod = OuObject_GetAttr((OuObject *)type, OU_ID(__module__));
    if (!mod || !OuStr_Check(mod)) {
        OuErr_Clear();
        out_c(o, "<unknown>.");
    } else if (!OuStr_EqualToASCII(mod, "builtins") && !OuStr_EqualToASCII(mod, "__main__")) {
        out_s(o, mod);
        out_c(o, ".");
    }
    OU_XDECREF(mod);
    OuObject *q = OuType_GetQualName(type);
    if (!q) {
        OuErr_Clear();
        out_c(o, "<unknown>");
    } else {
        out_s(o, q);
        OU_DECREF(q);
    }
}

/* "Name: str(value)" ("Name" alone when the str is empty). */
static void print_type_and_value(Out *o, OuObject *exc, OuObject *value)
{
    print_type_name(o, OU_TYPE(exc));
    OuObject *s = OuObject_Str(value);
    if (!s) {
        OuErr_Clear();
        out_c(o, ": <exception str() failed>");
    } else {
        if (!OuStr_Check(s) || OU_STR_LEN(s)) {
            out_c(o, ": ");
            out_s(o, s);
        }
        OU_DECREF(s);
    }
    out_c(o, "\n");
}

static void print_notes(Out *o, OuObject *exc)
{
    OuObject *notes = ((OuBaseExceptionObject *)exc)->notes;
    if (!notes)
        return;
    if (!OuList_Check(notes) && !OuTuple_Check(notes)) {
        OuObject *r = OuObject_Repr(notes);
        if (!r) {
            OuErr_Clear();
            out_c(o, "<__notes__ repr() failed>");
        } else {
            out_s(o, r);
            OU_DECREF(r);
        }
        out_c(o, "\n");
        return;
    }
    OU_INCREF(notes);
    Ou_ssize_t n = OU_SIZE(notes);
    for (Ou_ssize_t i = 0; i < n && i < OU_SIZE(notes); i++) {
        OuObject *note = OuList_Check(notes) ? OU_LIST_GET(notes, i) : OU_TUPLE_GET(notes, i);
        OuObject *s = OuStr_Check(note) ? OU_NEWREF(note) : OuObject_Str(note);
        if (!s) {
            OuErr_Clear();
            out_c(o, "<note str() failed>");
        } else {
            out_s(o, s);
            OU_DECREF(s);
        }
        out_c(o, "\n");
    }
    OU_DECREF(notes);
}

static void print_one(Out *o, OuObject *exc)
{
    if (!OuExceptionInstance_Check(exc)) {
        out_f(o, "TypeError: print_exception(): Exception expected for value, %s found\n",
              OU_TYPE_NAME(exc));
        return;
    }
    print_traceback(o, OuException_GetTraceback(exc));
    OuObject *msg = NULL;
    OuObject *pfl = OuObject_GetAttrString(exc, "print_file_and_line");
    if (pfl) {
        OU_DECREF(pfl);
        print_syntax_location(o, exc, &msg);
    } else {
        OuErr_Clear();
    }
    print_type_and_value(o, exc, msg ? msg : exc);
    OU_XDECREF(msg);
    print_notes(o, exc);
}

/* The exception and its chain, oldest first. */
static void print_chain(Out *o, OuObject *exc)
{
    OuObject *stack[64], **seen = stack;
    int *how = NULL, hstack[64];
    Ou_ssize_t n = 0, cap = 64;
    how = hstack;
    OuObject *e = exc;
    int h = 0;
    for (;;) {
        if (n == cap) {
            Ou_ssize_t nc = cap * 2;
            OuObject **ns = malloc(sizeof(OuObject *) * (size_t)nc);
            int *nh = malloc(sizeof(int) * (size_t)nc);
            if (!ns || !nh) {
                free(ns);
                free(nh);
                break;
            }
            memcpy(ns, seen, sizeof(OuObject *) * (size_t)n);
            memcpy(nh, how, sizeof(int) * (size_t)n);
            if (seen != stack) {
                free(seen);
                free(how);
            }
            seen = ns;
            how = nh;
            cap = nc;
        }
        seen[n] = e;
        how[n++] = h;
        if (!OuExceptionInstance_Check(e))
            break;
        OuObject *next = OuException_GetCause(e);
        h = 1;
        if (!next && !((OuBaseExceptionObject *)e)->suppress_context) {
            next = OuException_GetContext(e);
            h = 2;
        }
        if (!next)
            break;
        Ou_ssize_t i;
        for (i = 0; i < n && seen[i] != next; i++)
            ;
        if (i < n)
            break;
        e = next;
    }
    for (Ou_ssize_t i = n - 1; i >= 0 && !o->err; i--) {
        print_one(o, seen[i]);
        if (i > 0)
            out_c(o, how[i] == 1
                  ? "\nThe above exception was the direct cause of the following exception:\n\n"
                  : "\nDuring handling of the above exception, another exception occurred:\n\n");
    }
    if (seen != stack) {
        free(seen);
        free(how);
    }
}

/* ------------------------------------------------------------------ */
/* Entry points                                                         */

int OuErr_DisplayToFile(OuObject *exc, OuObject *file)
{
    if (!exc)
        return 0;
    OuObject *saved = OuErr_GetRaisedException();
    OU_INCREF(exc);
    Out o = {.err = 0};
    OuStrBuilder_Init(&o.b);
    print_chain(&o, exc);
    int err = o.err;
    out_flush_to(&o, file);
    flush_file(file);
    OU_DECREF(exc);
    OuErr_SetRaisedException(saved);
    return err ? -1 : 0;
}

void OuErr_Display(OuObject *exc)
{
    (void)OuErr_DisplayToFile(exc, sys_stderr());
}

int OuErr_HandleSystemExit(OuObject *exc, int *status)
{
    if (!exc || !OuObject_TypeCheck(exc, (OuTypeObject *)OuExc_SystemExit))
        return 0;
    OuObject *code = ((OuSystemExitObject *)exc)->code;
    *status = 0;
    if (!code || code == OU_NONE)
        return 1;
    if (OuInt_Check(code)) {
        long v = OuInt_AsLong(code);
        if (v == -1 && OuErr_Occurred()) {
            OuErr_Clear();
            v = -1;
        }
        *status = (int)v;
        return 1;
    }
    OuObject *s = OuObject_Str(code);
    if (!s) {
        OuErr_Clear();
    } else {
        OuObject *line = OuStr_FromFormat("%U\n", s);
        if (line) {
            OuErr_WriteStderrObject(line);
            OU_DECREF(line);
        } else {
            OuErr_Clear();
        }
        OU_DECREF(s);
    }
    *status = 1;
    return 1;
}

static void exit_for(OuObject *exc, int status)
{
    OU_DECREF(exc);
    (void)Ou_Finalize();
    exit(status);
}

/* Print the pending exception through sys.excepthook (or directly), set
   sys.last_type / last_value / last_traceback, and clear it. SystemExit
   ends the process as in CPython. */
void OuErr_Print(void)
{
    OuObject *exc = OuErr_GetRaisedException();
    int status;
    if (!exc)
        return;
    if (OuErr_HandleSystemExit(exc, &status))
        exit_for(exc, status);
    OuObject *sd = OU_RT->sysdict;
    OuObject *type = (OuObject *)OU_TYPE(exc);
    OuObject *tb = OuExceptionInstance_Check(exc) ? OuException_GetTraceback(exc) : NULL;
    if (!tb)
        tb = OU_NONE;
    OuObject *hook = NULL, *dflt = NULL;
    if (sd) {
        if (OuDict_SetItemString(sd, "last_type", type) < 0 ||
            OuDict_SetItemString(sd, "last_value", exc) < 0 ||
            OuDict_SetItemString(sd, "last_traceback", tb) < 0)
            OuErr_Clear();
        hook = OuDict_GetItemString(sd, "excepthook");
        dflt = OuDict_GetItemString(sd, "__excepthook__");
    }
    if (sd && (!hook || hook == OU_NONE)) {
        OuErr_WriteStderr("sys.excepthook is missing\n");
        OuErr_Display(exc);
    } else if (hook && hook != dflt) {
        OU_INCREF(hook);
        OuObject *args[3] = {type, exc, tb};
        OuObject *r = OuObject_Vectorcall(hook, args, 3, NULL);
        OU_DECREF(hook);
        if (r) {
            OU_DECREF(r);
        } else {
            OuObject *e2 = OuErr_GetRaisedException();
            if (OuErr_HandleSystemExit(e2, &status)) {
                OU_DECREF(exc);
                exit_for(e2, status);
            }
            OuErr_WriteStderr("Error in sys.excepthook:\n");
            OuErr_Display(e2);
            OuErr_WriteStderr("\nOriginal exception was:\n");
            OuErr_Display(exc);
            OU_XDECREF(e2);
        }
    } else {
        OuErr_Display(exc);
    }
    OU_DECREF(exc);
}

/* "Exception ignored <msg>: <repr(obj)>", traceback, "Type: value". */
static void write_unraisable(const char *msg, OuObject *obj)
{
    OuObject *exc = OuErr_GetRaisedException();
    if (!exc)
        return;
    Out o = {.err = 0};
    OuStrBuilder_Init(&o.b);
    out_c(&o, "Exception ignored ");
    out_c(&o, msg ? msg : "in");
    if (obj) {
        out_c(&o, ": ");
        OuObject *r = OuObject_Repr(obj);
        if (!r) {
            OuErr_Clear();
            out_c(&o, "<object repr() failed>");
        } else {
            out_s(&o, r);
            OU_DECREF(r);
        }
    }
    out_c(&o, "\n");
    if (OuExceptionInstance_Check(exc)) {
        print_traceback(&o, OuException_GetTraceback(exc));
        print_type_and_value(&o, exc, exc);
    }
    OuObject *f = sys_stderr();
    out_flush_to(&o, f);
    flush_file(f);
    OU_DECREF(exc);
}

void OuErr_WriteUnraisable(OuObject *where)
{
    write_unraisable(NULL, where);
}

void OuErr_WriteUnraisableMsg(const char *msg, OuObject *obj)
{
    write_unraisable(msg, obj);
}

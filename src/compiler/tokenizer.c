/*
 * tokenizer.c -- Python 3.11 source text to tokens (see tokenizer.h).
 *
 * Plain C, no object system. The tokenizer works directly on the UTF-8
 * buffer; tokens point into it. Error texts and locations follow CPython
 * 3.11's tokenizer (checked against /usr/bin/python3.11).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "compiler/tokenizer.h"
#include "objects/unicodectype.h"

/* ---- names and small helpers ------------------------------------------ */

static const char *const token_names[OU_TOK_COUNT_] = {
    "ENDMARKER", "NAME", "NUMBER", "STRING", "NEWLINE", "INDENT", "DEDENT",
    "ERRORTOKEN",
#define X_(name, s) s,
    OU_TOKEN_OPS(X_)
    OU_TOKEN_KEYWORDS(X_)
#undef X_
};

/* Spelling of a token type ("(", "if", "NAME"...). */
const char *OuToken_Name(int type)
{
    if (type < 0 || type >= OU_TOK_COUNT_)
        return "?";
    return token_names[type];
}

/* Operator table: spelling and type, longest spellings first. */
typedef struct { const char *s; int len; int type; } OpEntry;
static OpEntry op_table[OU_KW_FIRST];
static int op_count = 0;

static void init_ops(void)
{
    if (op_count)
        return;
    OpEntry tmp[OU_KW_FIRST];
    int n = 0;
#define X_(name, sp) tmp[n].s = sp; tmp[n].len = (int)strlen(sp); tmp[n].type = OU_TOK_##name; n++;
    OU_TOKEN_OPS(X_)
#undef X_
    int k = 0;
    for (int len = 3; len >= 1; len--)
        for (int i = 0; i < n; i++)
            if (tmp[i].len == len)
                op_table[k++] = tmp[i];
    op_count = k;
}

static int keyword_type(const char *s, size_t n)
{
    static const struct { const char *s; int type; } kws[] = {
#define X_(name, sp) { sp, OU_KW_##name },
        OU_TOKEN_KEYWORDS(X_)
#undef X_
    };
    if (n < 2 || n > 8)
        return -1;
    for (size_t i = 0; i < sizeof(kws) / sizeof(kws[0]); i++)
        if (kws[i].s[0] == s[0] && strlen(kws[i].s) == n && memcmp(kws[i].s, s, n) == 0)
            return kws[i].type;
    return -1;
}

/* Number of characters in the UTF-8 text s[0:n]. */
int OuTokenizer_CharCount(const char *s, Ou_ssize_t n)
{
    int count = 0;
    for (Ou_ssize_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            count++;
    return count;
}

/* Decodes one UTF-8 code point; invalid sequences give -1 with *len 1. */
int32_t OuTokenizer_DecodeUTF8(const char *s, const char *end, int *len)
{
    const unsigned char *u = (const unsigned char *)s;
    Ou_ssize_t avail = end - s;
    unsigned c = u[0];
    if (c < 0x80) { *len = 1; return (int32_t)c; }
    int n;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; min = 0x10000; }
    else { *len = 1; return -1; }
    if (avail < n) { *len = 1; return -1; }
    for (int i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80) { *len = 1; return -1; }
        cp = (cp << 6) | (u[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { *len = 1; return -1; }
    *len = n;
    return (int32_t)cp;
}

/* Whether the code point may start / continue an identifier (PEP 3131). */
int OuTokenizer_IsIdStart(int32_t c)
{
    if (c < 128)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    return OuUnicode_IsXIDStart((uint32_t)c);
}

int OuTokenizer_IsIdContinue(int32_t c)
{
    if (c < 128)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
               (c >= '0' && c <= '9');
    return OuUnicode_IsXIDContinue((uint32_t)c);
}

/* Start of the line containing p in the buffer. */
const char *OuTokenizer_LineStart(OuTokenizer *tok, const char *p)
{
    const char *b = tok->buf;
    while (p > b && p[-1] != '\n' && p[-1] != '\r')
        p--;
    return p;
}

/* Fills *err (kind 0..2) at byte positions; offsets become characters. */
void OuTokenizer_SetError(OuTokenizer *tok, OuParseError *err, int kind,
                          int lineno, const char *line_start, const char *at,
                          int end_lineno, const char *end_line_start,
                          const char *end_at, const char *fmt, ...)
{
    if (err == NULL && tok != NULL)
        err = tok->err;
    if (tok != NULL)
        tok->error = 1;
    if (err == NULL)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->kind = kind;
    err->lineno = lineno;
    err->col_offset = at ? OuTokenizer_CharCount(line_start, at - line_start) + 1 : 0;
    err->end_lineno = end_lineno;
    err->end_col_offset = end_at ? OuTokenizer_CharCount(end_line_start, end_at - end_line_start) + 1 : 0;
}

/* Character column (0-based) of p on the current line. */
static int ccol(OuTokenizer *tok, const char *p)
{
    return OuTokenizer_CharCount(tok->line_start, p - tok->line_start);
}

/* Error with explicit final (1-based or special) column values. */
static void tok_err(OuTokenizer *tok, int kind, int lineno, int col, int end_lineno,
                    int end_col, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
static void tok_err(OuTokenizer *tok, int kind, int lineno, int col, int end_lineno,
                    int end_col, const char *fmt, ...)
{
    tok->error = 1;
    OuParseError *err = tok->err;
    if (err == NULL)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->kind = kind;
    err->lineno = lineno;
    err->col_offset = col;
    err->end_lineno = end_lineno;
    err->end_col_offset = end_col;
}

/* CPython's plain tokenizer error: reported where the scan stopped. */
static void err_at_cur(OuTokenizer *tok, const char *cur, const char *msg)
{
    int c = ccol(tok, cur);
    tok_err(tok, 0, tok->lineno, c, tok->lineno, c, "%s", msg);
}

/* ---- set-up ------------------------------------------------------------- */

void OuTokenizer_Init(OuTokenizer *tok, const char *buf, Ou_ssize_t len,
                      OuParseError *err)
{
    memset(tok, 0, sizeof *tok);
    init_ops();
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        buf += 3;
        len -= 3;
    }
    tok->buf = tok->cur = tok->line_start = buf;
    tok->end = buf + len;
    tok->lineno = 1;
    tok->start_lineno = 1;
    tok->at_bol = 1;
    tok->err = err;
}

void OuTokenizer_InitNested(OuTokenizer *tok, const char *buf, Ou_ssize_t len,
                            OuParseError *err, int lineno, const char *line_start)
{
    OuTokenizer_Init(tok, buf, len, err);
    tok->buf = tok->cur = buf;
    tok->end = buf + len;
    tok->line_start = line_start;
    tok->lineno = lineno;
    tok->start_lineno = lineno;
    tok->at_bol = 0;
    tok->nested = 1;
}

static inline int ch(OuTokenizer *tok, const char *p)
{
    return p < tok->end ? (unsigned char)*p : -1;
}

static int make(OuTokenizer *tok, OuToken *t, int type, int level, const char *s,
                const char *e, int lineno, const char *ls)
{
    t->type = type;
    t->level = level + tok->nested;   /* f-string fields count as bracketed */
    t->start = s;
    t->end = e;
    t->lineno = lineno;
    t->col_offset = (int)(s - ls);
    t->end_lineno = tok->lineno;
    t->end_col_offset = (int)(e - tok->line_start);
    return type;
}

static int errtok(OuTokenizer *tok, OuToken *t)
{
    const char *p = tok->cur;
    return make(tok, t, OU_TOK_ERRORTOKEN, tok->level, p, p, tok->lineno, tok->line_start);
}

/* ---- indentation -------------------------------------------------------- */

/* At the start of a logical line: measures the indentation and queues
   INDENT/DEDENT tokens. Blank and comment-only lines are left alone. */
static int indentation(OuTokenizer *tok)
{
    const char *p = tok->cur;
    int col = 0, altcol = 0;
    for (;;) {
        int c = ch(tok, p);
        if (c == ' ') { col++; altcol++; }
        else if (c == '\t') { col = (col / 8 + 1) * 8; altcol++; }
        else if (c == '\f') { col = altcol = 0; }
        else break;
        p++;
    }
    int c = ch(tok, p);
    if (c == -1 || c == '#' || c == '\n' || c == '\r' || c == '\\')
        return 0;   /* blank line: no indentation processing */
    tok->cur = p;
    if (tok->level > 0)
        return 0;
    int top = tok->indstack[tok->indent];
    if (col == top) {
        if (altcol != tok->altindstack[tok->indent])
            goto tab_error;
    } else if (col > top) {
        if (tok->indent + 1 >= OU_TOK_MAXINDENT) {
            tok_err(tok, 1, tok->lineno, 1, tok->lineno, 0, "too many levels of indentation");
            return -1;
        }
        if (altcol <= tok->altindstack[tok->indent])
            goto tab_error;
        tok->indent++;
        tok->indstack[tok->indent] = col;
        tok->altindstack[tok->indent] = altcol;
        tok->pending++;
    } else {
        while (tok->indent > 0 && col < tok->indstack[tok->indent]) {
            tok->indent--;
            tok->pending--;
        }
        if (col != tok->indstack[tok->indent]) {
            /* CPython reports the end of the line */
            const char *eol = p;
            while (eol < tok->end && *eol != '\n' && *eol != '\r')
                eol++;
            tok_err(tok, 1, tok->lineno, ccol(tok, eol) + 1, tok->lineno, -1,
                    "unindent does not match any outer indentation level");
            return -1;
        }
        if (altcol != tok->altindstack[tok->indent])
            goto tab_error;
    }
    return 0;
tab_error:
    tok_err(tok, 2, tok->lineno, 1, tok->lineno, 0,
            "inconsistent use of tabs and spaces in indentation");
    return -1;
}

/* ---- numbers ------------------------------------------------------------ */

static int is_potential_id_char(int c)
{
    return c >= 128 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
}

static int is_digit(int c) { return c >= '0' && c <= '9'; }

static int is_kind_digit(int c, int kind)
{
    switch (kind) {
    case 'x': return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    case 'o': return c >= '0' && c <= '7';
    case 'b': return c == '0' || c == '1';
    default: return is_digit(c);
    }
}

/* After a number: letters may only start one of the keywords CPython
   tolerates there ("1if x else y"); anything else is an invalid literal. */
static int verify_end(OuTokenizer *tok, const char *p, const char *kind)
{
    int c = ch(tok, p);
    if (!is_potential_id_char(c))
        return 0;
    static const char *const ok[] = { "and", "else", "for", "if", "in", "is", "not", "or" };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        size_t n = strlen(ok[i]);
        if ((size_t)(tok->end - p) >= n && memcmp(p, ok[i], n) == 0)
            return 0;
    }
    char msg[64];
    snprintf(msg, sizeof msg, "invalid %s literal", kind);
    err_at_cur(tok, p, msg);
    return -1;
}

/* Decimal digits with single underscores between them; NULL on error. */
static const char *decimal_tail(OuTokenizer *tok, const char *p)
{
    for (;;) {
        while (is_digit(ch(tok, p)))
            p++;
        if (ch(tok, p) != '_')
            return p;
        if (!is_digit(ch(tok, p + 1))) {
            err_at_cur(tok, p + 1, "invalid decimal literal");
            return NULL;
        }
        p++;
    }
}

/* Fraction, exponent and imaginary suffix after the integer part. */
static const char *float_tail(OuTokenizer *tok, const char *p, int *is_float)
{
    if (ch(tok, p) == '.') {
        *is_float = 1;
        p++;
        if (is_digit(ch(tok, p)) && !(p = decimal_tail(tok, p)))
            return NULL;
    }
    int c = ch(tok, p);
    if (c == 'e' || c == 'E') {
        const char *e = p;
        p++;
        c = ch(tok, p);
        if (c == '+' || c == '-')
            p++;
        if (!is_digit(ch(tok, p))) {
            err_at_cur(tok, e, "invalid decimal literal");
            return NULL;
        }
        *is_float = 1;
        if (!(p = decimal_tail(tok, p)))
            return NULL;
    }
    c = ch(tok, p);
    if (c == 'j' || c == 'J') {
        p++;
        if (verify_end(tok, p, "imaginary") < 0)
            return NULL;
        return p;
    }
    if (verify_end(tok, p, "decimal") < 0)
        return NULL;
    return p;
}

/* Scans a number starting at s; returns its end or NULL on error. */
static const char *scan_number(OuTokenizer *tok, const char *s)
{
    const char *p = s;
    int is_float = 0;
    if (*p == '0' && p + 1 < tok->end) {
        int k = p[1] | 0x20;
        if (k == 'x' || k == 'o' || k == 'b') {
            const char *name = k == 'x' ? "hexadecimal" : k == 'o' ? "octal" : "binary";
            p += 2;
            do {
                if (ch(tok, p) == '_')
                    p++;
                int c = ch(tok, p);
                if (!is_kind_digit(c, k)) {
                    char msg[64];
                    if (k != 'x' && is_digit(c)) {
                        snprintf(msg, sizeof msg, "invalid digit '%c' in %s literal", c, name);
                        err_at_cur(tok, p + 1, msg);
                    } else {
                        snprintf(msg, sizeof msg, "invalid %s literal", name);
                        err_at_cur(tok, p, msg);
                    }
                    return NULL;
                }
                while (is_kind_digit(ch(tok, p), k))
                    p++;
            } while (ch(tok, p) == '_');
            int c = ch(tok, p);
            if (k != 'x' && is_digit(c)) {
                char msg[64];
                snprintf(msg, sizeof msg, "invalid digit '%c' in %s literal", c, name);
                err_at_cur(tok, p + 1, msg);
                return NULL;
            }
            if (verify_end(tok, p, name) < 0)
                return NULL;
            return p;
        }
    }
    if (*p == '.')
        return float_tail(tok, p, &is_float);
    if (*p == '0') {
        int nonzero = 0;
        while (ch(tok, p) == '0' || ch(tok, p) == '_') {
            if (*p == '_' && !is_digit(ch(tok, p + 1))) {
                err_at_cur(tok, p + 1, "invalid decimal literal");
                return NULL;
            }
            p++;
        }
        const char *zeros_end = p;
        if (is_digit(ch(tok, p))) {
            nonzero = 1;
            if (!(p = decimal_tail(tok, p)))
                return NULL;
        }
        int c = ch(tok, p);
        if (c == '.' || c == 'e' || c == 'E' || c == 'j' || c == 'J')
            return float_tail(tok, p, &is_float);
        if (nonzero) {
            int sc = ccol(tok, s) + 1, ec = ccol(tok, zeros_end) + 1;
            tok_err(tok, 0, tok->lineno, sc, tok->lineno, ec,
                    "leading zeros in decimal integer literals are not permitted; "
                    "use an 0o prefix for octal integers");
            return NULL;
        }
        if (verify_end(tok, p, "decimal") < 0)
            return NULL;
        return p;
    }
    if (!(p = decimal_tail(tok, p)))
        return NULL;
    return float_tail(tok, p, &is_float);
}

/* ---- strings ------------------------------------------------------------ */

static int is_string_prefix(const char *s, size_t n)
{
    char a = (char)(s[0] | 0x20), b = n > 1 ? (char)(s[1] | 0x20) : 0;
    if (n == 1)
        return a == 'r' || a == 'b' || a == 'u' || a == 'f';
    if (n == 2)
        return (a == 'b' && b == 'r') || (a == 'r' && b == 'b') ||
               (a == 'f' && b == 'r') || (a == 'r' && b == 'f');
    return 0;
}

/* Scans a string whose prefix starts at s and quote is at q. Updates the
   line bookkeeping for multi-line strings; returns the end or NULL. */
static const char *scan_string(OuTokenizer *tok, const char *s, const char *q)
{
    char quote = *q;
    int triple = q + 2 < tok->end && q[1] == quote && q[2] == quote;
    const char *p = q + (triple ? 3 : 1);
    int lineno0 = tok->lineno;
    const char *ls0 = tok->line_start;
    for (;;) {
        if (p >= tok->end) {
            int c0 = OuTokenizer_CharCount(ls0, s - ls0) + 1;
            if (triple) {
                int n = tok->lineno;
                if (tok->end > tok->buf && (tok->end[-1] == '\n' || tok->end[-1] == '\r'))
                    n--;
                tok_err(tok, 0, lineno0, c0, lineno0, c0,
                        "unterminated triple-quoted string literal (detected at line %d)", n);
            } else {
                tok_err(tok, 0, lineno0, c0, lineno0, c0,
                        "unterminated string literal (detected at line %d)", tok->lineno);
            }
            return NULL;
        }
        char c = *p;
        if (c == quote) {
            if (!triple)
                return p + 1;
            if (p + 2 < tok->end && p[1] == quote && p[2] == quote)
                return p + 3;
            p++;
            continue;
        }
        if (c == '\\') {
            p++;
            if (p >= tok->end)
                continue;
            c = *p;
            if (c != '\n' && c != '\r') {
                p++;
                continue;
            }
            /* escaped newline: the string continues on the next line */
            p++;
            if (c == '\r' && p < tok->end && *p == '\n')
                p++;
            tok->lineno++;
            tok->line_start = p;
            continue;
        }
        if (c == '\n' || c == '\r') {
            if (!triple) {
                int c0 = OuTokenizer_CharCount(ls0, s - ls0) + 1;
                tok_err(tok, 0, lineno0, c0, lineno0, c0,
                        "unterminated string literal (detected at line %d)", tok->lineno);
                return NULL;
            }
            p++;
            if (c == '\r' && p < tok->end && *p == '\n')
                p++;
            tok->lineno++;
            tok->line_start = p;
            continue;
        }
        p++;
    }
}

/* ---- the main loop ------------------------------------------------------ */

/* Location used by CPython for tokens produced at the end of the input:
   the end of the last line that had content. */
static int eof_token(OuTokenizer *tok, OuToken *t, int type)
{
    const char *p = tok->cur;
    int lineno = tok->lineno;
    const char *ls = tok->line_start;
    if (p == ls && p > tok->buf && !tok->nested) {
        const char *e = p;
        if (e > tok->buf && e[-1] == '\n')
            e--;
        if (e > tok->buf && e[-1] == '\r')
            e--;
        ls = OuTokenizer_LineStart(tok, e);
        p = e;
        lineno--;
    }
    t->type = type;
    t->level = tok->level;
    t->start = t->end = p;
    t->lineno = t->end_lineno = lineno;
    t->col_offset = t->end_col_offset = (int)(p - ls);
    return type;
}

static int at_eof(OuTokenizer *tok, OuToken *t)
{
    if (tok->level > 0 && !tok->nested) {
        tok->eof_error = 1;
        tok->error = 1;
        return eof_token(tok, t, OU_TOK_ERRORTOKEN);
    }
    if (tok->seen_token) {
        tok->seen_token = 0;
        const char *p = tok->cur;
        return make(tok, t, OU_TOK_NEWLINE, tok->level, p, p, tok->lineno, tok->line_start);
    }
    if (!tok->nested && tok->indent > 0) {
        tok->indent--;
        return eof_token(tok, t, OU_TOK_DEDENT);
    }
    tok->done = 1;
    return eof_token(tok, t, OU_TOK_ENDMARKER);
}

/* Reports an invalid character at p (the start of a code point). */
static void invalid_char(OuTokenizer *tok, const char *p, int32_t cp, int len)
{
    int c = ccol(tok, p) + 1;
    if (cp >= 0 && OuUnicode_IsPrintable((uint32_t)cp))
        tok_err(tok, 0, tok->lineno, c, tok->lineno, c, "invalid character '%.*s' (U+%04X)",
                len, p, (unsigned)cp);
    else if (cp >= 0)
        tok_err(tok, 0, tok->lineno, c, tok->lineno, c, "invalid non-printable character U+%04X",
                (unsigned)cp);
    else
        tok_err(tok, 0, tok->lineno, c, tok->lineno, c,
                "(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %d: "
                "invalid start byte", (unsigned char)*p, ccol(tok, p));
}

/* Reads the next token into *t; returns its type. */
int OuTokenizer_Next(OuTokenizer *tok, OuToken *t)
{
    if (tok->error)
        return errtok(tok, t);
    if (tok->done)
        return eof_token(tok, t, OU_TOK_ENDMARKER);
again:
    if (tok->at_bol) {
        tok->at_bol = 0;
        if (indentation(tok) < 0)
            return errtok(tok, t);
    }
    if (tok->pending > 0) {
        tok->pending--;
        const char *p = tok->cur;
        return make(tok, t, OU_TOK_INDENT, tok->level, p, p, tok->lineno, tok->line_start);
    }
    if (tok->pending < 0) {
        tok->pending++;
        const char *p = tok->cur;
        return make(tok, t, OU_TOK_DEDENT, tok->level, p, p, tok->lineno, tok->line_start);
    }
    const char *p = tok->cur;
    while (p < tok->end && (*p == ' ' || *p == '\t' || *p == '\f'))
        p++;
    if (p < tok->end && *p == '#')
        while (p < tok->end && *p != '\n' && *p != '\r')
            p++;
    tok->cur = p;
    if (p >= tok->end)
        return at_eof(tok, t);
    int c = (unsigned char)*p;
    int level = tok->level;

    /* newlines */
    if (c == '\n' || c == '\r') {
        const char *nl = p;
        p++;
        if (c == '\r' && p < tok->end && *p == '\n')
            p++;
        int blank = !tok->seen_token || tok->level > 0 || tok->nested;
        if (!blank)
            make(tok, t, OU_TOK_NEWLINE, level, nl, nl, tok->lineno, tok->line_start);
        tok->lineno++;
        tok->line_start = tok->cur = p;
        if (tok->level == 0 && !tok->nested)
            tok->at_bol = 1;
        if (blank)
            goto again;
        tok->seen_token = 0;
        return OU_TOK_NEWLINE;
    }

    /* line continuation */
    if (c == '\\') {
        const char *bs = p;
        p++;
        int c2 = ch(tok, p);
        if (c2 == '\n' || c2 == '\r') {
            p++;
            if (c2 == '\r' && ch(tok, p) == '\n')
                p++;
            if (p >= tok->end) {
                tok_err(tok, 0, tok->lineno, ccol(tok, bs) + 2, tok->lineno, -1,
                        "unexpected EOF while parsing");
                return errtok(tok, t);
            }
            tok->lineno++;
            tok->line_start = tok->cur = p;
            goto again;
        }
        if (c2 == -1) {
            tok_err(tok, 0, tok->lineno, ccol(tok, bs) + 2, tok->lineno, -1,
                    "unexpected EOF while parsing");
            return errtok(tok, t);
        }
        tok_err(tok, 0, tok->lineno, ccol(tok, p) + 1, tok->lineno, 0,
                "unexpected character after line continuation character");
        return errtok(tok, t);
    }

    tok->seen_token = 1;
    const char *s = p;

    /* identifiers, keywords, string prefixes */
    if (is_potential_id_char(c) && !is_digit(c)) {
        const char *q = p;
        int ascii = 1;
        while (q < tok->end && is_potential_id_char((unsigned char)*q)) {
            if ((unsigned char)*q >= 128)
                ascii = 0;
            q++;
        }
        size_t n = (size_t)(q - p);
        if (n <= 2 && q < tok->end && (*q == '\'' || *q == '"') && is_string_prefix(p, n)) {
            int lineno0 = tok->lineno;
            const char *ls0 = tok->line_start;
            const char *e = scan_string(tok, s, q);
            if (e == NULL)
                return errtok(tok, t);
            tok->cur = e;
            return make(tok, t, OU_TOK_STRING, level, s, e, lineno0, ls0);
        }
        if (!ascii) {
            const char *r = p;
            int first = 1;
            while (r < q) {
                int len;
                int32_t cp = OuTokenizer_DecodeUTF8(r, tok->end, &len);
                int ok = cp >= 0 && (first ? OuTokenizer_IsIdStart(cp) : OuTokenizer_IsIdContinue(cp));
                if (!ok) {
                    invalid_char(tok, r, cp, len);
                    return errtok(tok, t);
                }
                first = 0;
                r += len;
            }
        }
        tok->cur = q;
        int kw = ascii ? keyword_type(p, n) : -1;
        return make(tok, t, kw >= 0 ? kw : OU_TOK_NAME, level, s, q, tok->lineno, tok->line_start);
    }

    /* numbers */
    if (is_digit(c) || (c == '.' && is_digit(ch(tok, p + 1)))) {
        const char *e = scan_number(tok, p);
        if (e == NULL)
            return errtok(tok, t);
        tok->cur = e;
        return make(tok, t, OU_TOK_NUMBER, level, s, e, tok->lineno, tok->line_start);
    }

    /* strings without prefix */
    if (c == '\'' || c == '"') {
        int lineno0 = tok->lineno;
        const char *ls0 = tok->line_start;
        const char *e = scan_string(tok, s, p);
        if (e == NULL)
            return errtok(tok, t);
        tok->cur = e;
        return make(tok, t, OU_TOK_STRING, level, s, e, lineno0, ls0);
    }

    /* operators */
    for (int i = 0; i < op_count; i++) {
        const OpEntry *op = &op_table[i];
        if (op->s[0] != c || tok->end - p < op->len || memcmp(p, op->s, (size_t)op->len) != 0)
            continue;
        int type = op->type;
        if (type == OU_TOK_LPAR || type == OU_TOK_LSQB || type == OU_TOK_LBRACE) {
            if (tok->level >= OU_TOK_MAXLEVEL) {
                err_at_cur(tok, p + 1, "too many nested parentheses");
                return errtok(tok, t);
            }
            tok->parenstack[tok->level] = (char)c;
            tok->parenlineno[tok->level] = tok->lineno;
            tok->parencol[tok->level] = (int)(p - tok->line_start);
            tok->level++;
        } else if (type == OU_TOK_RPAR || type == OU_TOK_RSQB || type == OU_TOK_RBRACE) {
            int cc = ccol(tok, p) + 1;
            if (tok->level == 0 && !tok->nested) {
                tok_err(tok, 0, tok->lineno, cc, tok->lineno, cc, "unmatched '%c'", c);
                return errtok(tok, t);
            }
            if (tok->level > 0) {
                char open = tok->parenstack[tok->level - 1];
                int want = open == '(' ? ')' : open == '[' ? ']' : '}';
                if (want != c) {
                    int ol = tok->parenlineno[tok->level - 1];
                    if (ol != tok->lineno)
                        tok_err(tok, 0, tok->lineno, cc, tok->lineno, cc,
                                "closing parenthesis '%c' does not match opening "
                                "parenthesis '%c' on line %d", c, open, ol);
                    else
                        tok_err(tok, 0, tok->lineno, cc, tok->lineno, cc,
                                "closing parenthesis '%c' does not match opening "
                                "parenthesis '%c'", c, open);
                    return errtok(tok, t);
                }
                tok->level--;
            }
        }
        tok->cur = p + op->len;
        return make(tok, t, type, level, s, p + op->len, tok->lineno, tok->line_start);
    }

    /* anything else */
    if (c >= 128) {
        int len;
        int32_t cp = OuTokenizer_DecodeUTF8(p, tok->end, &len);
        invalid_char(tok, p, cp, len);
        return errtok(tok, t);
    }
    if (c < 32 && c != '\t' && c != '\f') {
        invalid_char(tok, p, c, 1);
        return errtok(tok, t);
    }
    /* '$', '?', '`': an error token the parser reports as invalid syntax */
    tok->cur = p + 1;
    return make(tok, t, OU_TOK_ERRORTOKEN, level, s, p + 1, tok->lineno, tok->line_start);
}

/*
 * parser.c -- entry point, shared helpers and statements of the Python 3.11
 * recursive-descent parser (expressions in parser_expr.c, literals in
 * parser_string.c). The source is tokenized completely first (so that
 * tokenizer errors take precedence over parser errors, as in CPython), then
 * parsed with little backtracking. Error messages and locations follow
 * CPython 3.11.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compiler/parser_internal.h"

/* ---- helpers ------------------------------------------------------------ */

int ou_tok_is_name(OuToken *t, const char *s)
{
    size_t n = strlen(s);
    return t->type == OU_TOK_NAME && (size_t)(t->end - t->start) == n &&
           memcmp(t->start, s, n) == 0;
}

void *ou_nomem(Parser *p)
{
    if (!p->error) {
        memset(p->err, 0, sizeof *p->err);
        p->error = 1;
    }
    return NULL;
}

int ou_vec_push(Parser *p, Vec *v, void *x)
{
    if (v->n == v->cap) {
        int cap = v->cap ? v->cap * 2 : 4;
        void **items = (void **)OuArena_Malloc(p->arena, (size_t)cap * sizeof(void *));
        if (items == NULL) {
            ou_nomem(p);
            return -1;
        }
        if (v->n)
            memcpy(items, v->items, (size_t)v->n * sizeof(void *));
        v->items = items;
        v->cap = cap;
    }
    v->items[v->n++] = x;
    return 0;
}

OuAst_seq *ou_vec_seq(Parser *p, Vec *v)
{
    OuAst_seq *s = OuAst_seq_New(v->n, p->arena);
    if (s == NULL)
        return ou_nomem(p);
    for (int i = 0; i < v->n; i++)
        s->elements[i] = v->items[i];
    return s;
}

/* Start of line `lineno` in the source (NULL when unknown). */
static const char *line_ptr(Parser *p, int lineno);
/* Character column (0-based) for a byte column on a line. */
static int char_col(Parser *p, int lineno, int col)
{
    const char *ls = line_ptr(p, lineno);
    if (ls == NULL || col < 0)
        return col;
    return OuTokenizer_CharCount(ls, col);
}

/* Records an error (first one wins); columns are final values. */
void ou_perr(Parser *p, int kind, int lineno, int col, int end_lineno, int end_col,
             const char *fmt, ...)
{
    if (p->error)
        return;
    p->error = 1;
    OuParseError *err = p->err;
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (p->fstring) {
        snprintf(err->msg, sizeof err->msg, "f-string: %.240s", buf);
        if (lineno == p->fs_lineno && col > 0)
            col = col - p->fs_col + 1;
        if (end_lineno == p->fs_lineno && end_col > 0)
            end_col = end_col - p->fs_col + 1;
    } else {
        snprintf(err->msg, sizeof err->msg, "%s", buf);
    }
    err->kind = kind;
    err->lineno = lineno;
    err->col_offset = col;
    err->end_lineno = end_lineno;
    err->end_col_offset = end_col;
}

static void vperr_range(Parser *p, int lineno, int col, int end_lineno, int end_col,
                        const char *fmt, va_list ap)
{
    char buf[256];
    vsnprintf(buf, sizeof buf, fmt, ap);
    ou_perr(p, 0, lineno, char_col(p, lineno, col) + 1, end_lineno,
            end_col < 0 ? -1 : char_col(p, end_lineno, end_col) + 1, "%s", buf);
}

void ou_perr_range(Parser *p, int lineno, int col, int end_lineno, int end_col,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vperr_range(p, lineno, col, end_lineno, end_col, fmt, ap);
    va_end(ap);
}

/* Error at a token; zero-width tokens made at the end of input or for
   indentation have an unknown end (-1) as in CPython. */
void ou_perr_tok(Parser *p, OuToken *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int endc = t->end_col_offset;
    if (t->type == OU_TOK_INDENT || t->type == OU_TOK_DEDENT || t->type == OU_TOK_ENDMARKER)
        endc = -1;
    vperr_range(p, t->lineno, t->col_offset, t->end_lineno, endc, fmt, ap);
    va_end(ap);
}

void ou_perr_node(Parser *p, OuAst_expr *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vperr_range(p, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset, fmt, ap);
    va_end(ap);
}

/* ---- line table (error columns in characters) --------------------------- */

static const char *line_ptr(Parser *p, int lineno)
{
    if (p->lines == NULL || lineno < 1 || lineno > p->nlines)
        return NULL;
    return p->lines[lineno - 1];
}

/* Fills p->lines with the start of every line of s[0:end-s]. */
static int build_lines(Parser *p, const char *s, const char *end)
{
    int cap = 64, n = 0;
    const char **starts = (const char **)malloc((size_t)cap * sizeof(char *));
    if (starts == NULL)
        return -1;
    starts[n++] = s;
    for (const char *q = s; q < end; q++) {
        if (*q == '\r' && q + 1 < end && q[1] == '\n')
            q++;
        else if (*q != '\n' && *q != '\r')
            continue;
        if (n == cap) {
            cap *= 2;
            const char **ns = (const char **)realloc(starts, (size_t)cap * sizeof(char *));
            if (ns == NULL) {
                free(starts);
                return -1;
            }
            starts = ns;
        }
        starts[n++] = q + 1;
    }
    p->lines = starts;
    p->nlines = n;
    return 0;
}

/* ---- tokenizing --------------------------------------------------------- */

/* Tokenizes the whole input into p->toks; -1 on a (hard) tokenizer error
   or when out of memory. */
static int tokenize_all(Parser *p, OuTokenizer *tok)
{
    int cap = 256;
    p->toks = (OuToken *)malloc((size_t)cap * sizeof(OuToken));
    if (p->toks == NULL) {
        ou_nomem(p);
        return -1;
    }
    p->ntoks = 0;
    for (;;) {
        if (p->ntoks == cap) {
            cap *= 2;
            OuToken *nt = (OuToken *)realloc(p->toks, (size_t)cap * sizeof(OuToken));
            if (nt == NULL) {
                ou_nomem(p);
                return -1;
            }
            p->toks = nt;
        }
        OuToken *t = &p->toks[p->ntoks];
        int type = OuTokenizer_Next(tok, t);
        p->ntoks++;
        if (type == OU_TOK_ENDMARKER)
            return 0;
        if (type == OU_TOK_ERRORTOKEN && tok->error)
            return tok->eof_error ? 0 : -1;
    }
}

/* ---- statements --------------------------------------------------------- */

static int p_statements(Parser *p, Vec *out);
static int p_statement(Parser *p, Vec *out);

static OuAst_stmt *seq_last(OuAst_seq *s)
{
    return s && s->size ? (OuAst_stmt *)s->elements[s->size - 1] : NULL;
}

/* The last consumed token that is not NEWLINE/INDENT/DEDENT: compound
   statements end there (after a trailing ';' too, as in CPython). */
static OuToken *last_real(Parser *p)
{
    int i = p->pos - 1;
    while (i > 0 && (p->toks[i].type == OU_TOK_NEWLINE || p->toks[i].type == OU_TOK_INDENT ||
                     p->toks[i].type == OU_TOK_DEDENT))
        i--;
    return &p->toks[i < 0 ? 0 : i];
}

#define END_OF(n) ((void)(n), last_real(p)->end_lineno), last_real(p)->end_col_offset

/* ':' after a compound statement header. `forced`: any other token is
   "expected ':'" (else only a NEWLINE is). */
static int expect_colon(Parser *p, int forced)
{
    if (acc(p, OU_TOK_COLON))
        return 0;
    if (forced || is(p, OU_TOK_NEWLINE))
        ou_perr_tok(p, pk(p), "expected ':'");
    return -1;
}

/* block: NEWLINE INDENT statements DEDENT | simple_stmts.
   `what` names the statement for the indentation error. */
static OuAst_seq *p_block(Parser *p, const char *what, int lineno)
{
    Vec v = { 0 };
    if (acc(p, OU_TOK_NEWLINE)) {
        if (!acc(p, OU_TOK_INDENT)) {
            OuToken *t = pk(p);
            ou_perr_tok(p, t, "expected an indented block after %s on line %d", what, lineno);
            p->err->kind = 1;
            return NULL;
        }
        if (p_statements(p, &v) < 0)
            return NULL;
        if (!acc(p, OU_TOK_DEDENT))
            return NULL;
        return ou_vec_seq(p, &v);
    }
    if (p_statement(p, &v) < 0)
        return NULL;
    return ou_vec_seq(p, &v);
}

/* Parses a block after "<kw> ... :" given the keyword token. */
static OuAst_seq *p_block_after(Parser *p, const char *what, OuToken *kw)
{
    return p_block(p, what, kw->lineno);
}

static OuAst_expr *p_decorator_target_check(Parser *p) { (void)p; return NULL; }

/* 'def' NAME '(' params ')' ['->' expression] ':' block */
static OuAst_stmt *p_funcdef(Parser *p, OuToken *s, OuAst_seq *decos, int is_async)
{
    OuToken *kw = adv(p);   /* def */
    (void)kw;
    OuToken *name = acc(p, OU_TOK_NAME);
    if (!name)
        return NULL;
    if (!acc(p, OU_TOK_LPAR)) {
        ou_perr_tok(p, pk(p), "expected '('");
        return NULL;
    }
    OuAst_arguments *args = ou_p_params(p, 0);
    if (!args || !acc(p, OU_TOK_RPAR))
        return NULL;
    OuAst_expr *returns = NULL;
    if (acc(p, OU_TOK_RARROW)) {
        returns = ou_p_expression(p);
        if (!returns)
            return NULL;
    }
    if (expect_colon(p, 1) < 0)
        return NULL;
    OuAst_seq *body = p_block_after(p, "function definition", s);
    if (!body)
        return NULL;
    const char *id = OuArena_Strndup(p->arena, name->start, (size_t)(name->end - name->start));
    if (!id)
        return ou_nomem(p);
    OuAst_stmt *last = seq_last(body);
    if (is_async)
        return NN(OuAst_AsyncFunctionDef(id, args, body, decos, returns, NULL,
                                         s->lineno, s->col_offset, END_OF(last), p->arena));
    return NN(OuAst_FunctionDef(id, args, body, decos, returns, NULL,
                                s->lineno, s->col_offset, END_OF(last), p->arena));
}

/* 'class' NAME ['(' [arguments] ')'] ':' block */
static OuAst_stmt *p_classdef(Parser *p, OuAst_seq *decos)
{
    OuToken *s = adv(p);
    OuToken *name = acc(p, OU_TOK_NAME);
    if (!name)
        return NULL;
    OuAst_seq *bases = NULL, *keywords = NULL;
    OuToken *lp = acc(p, OU_TOK_LPAR);
    if (lp) {
        if (ou_p_call_args(p, lp, &bases, &keywords) < 0)
            return NULL;
        if (!acc(p, OU_TOK_RPAR))
            return NULL;
        for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(bases); i++) {
            OuAst_expr *b = OUAST_SEQ_GET_T(OuAst_expr, bases, i);
            if (b->kind == OuAst_GeneratorExp_kind && OUAST_SEQ_LEN(bases) == 1) {
                /* class C(x for x in y) -- invalid syntax at the 'for' */
                for (OuToken *t = lp + 1; t < lastt(p); t++) {
                    if ((t->type == OU_KW_FOR || t->type == OU_KW_ASYNC) && t->level == lp->level + 1) {
                        ou_perr_tok(p, t, "invalid syntax");
                        break;
                    }
                }
                return NULL;
            }
        }
    }
    if (expect_colon(p, 0) < 0)
        return NULL;
    OuAst_seq *body = p_block_after(p, "class definition", s);
    if (!body)
        return NULL;
    const char *id = OuArena_Strndup(p->arena, name->start, (size_t)(name->end - name->start));
    if (!id)
        return ou_nomem(p);
    OuAst_stmt *last = seq_last(body);
    return NN(OuAst_ClassDef(id, bases, keywords, body, decos, s->lineno, s->col_offset,
                             END_OF(last), p->arena));
}

/* decorators then a class or function definition */
static OuAst_stmt *p_decorated(Parser *p)
{
    Vec decos = { 0 };
    while (acc(p, OU_TOK_AT)) {
        OuAst_expr *d = ou_p_named_expression(p);
        if (!d || !acc(p, OU_TOK_NEWLINE))
            return NULL;
        if (ou_vec_push(p, &decos, d) < 0)
            return NULL;
    }
    (void)p_decorator_target_check;
    OuAst_seq *ds = ou_vec_seq(p, &decos);
    if (!ds)
        return NULL;
    if (is(p, OU_KW_DEF))
        return p_funcdef(p, pk(p), ds, 0);
    if (is(p, OU_KW_CLASS))
        return p_classdef(p, ds);
    if (is(p, OU_KW_ASYNC) && pk_at(p, 1)->type == OU_KW_DEF) {
        OuToken *s = adv(p);
        return p_funcdef(p, s, ds, 1);
    }
    return NULL;
}

/* 'if'/'elif' named_expression ':' block ('elif' ... | 'else' ':' block)? */
static OuAst_stmt *p_if(Parser *p)
{
    OuToken *s = adv(p);
    int is_elif = s->type == OU_KW_ELIF;
    OuAst_expr *test = ou_p_named_expression(p);
    if (!test || expect_colon(p, 0) < 0)
        return NULL;
    OuAst_seq *body = p_block_after(p, is_elif ? "'elif' statement" : "'if' statement", s);
    if (!body)
        return NULL;
    OuAst_seq *orelse = NULL;
    OuAst_stmt *last = seq_last(body);
    if (is(p, OU_KW_ELIF)) {
        OuAst_stmt *e = p_if(p);
        if (!e)
            return NULL;
        orelse = OuAst_seq_New(1, p->arena);
        if (!orelse)
            return ou_nomem(p);
        OUAST_SEQ_SET(orelse, 0, e);
        last = e;
    } else if (is(p, OU_KW_ELSE)) {
        OuToken *ek = adv(p);
        if (expect_colon(p, 1) < 0)
            return NULL;
        orelse = p_block_after(p, "'else' statement", ek);
        if (!orelse)
            return NULL;
        last = seq_last(orelse);
    }
    return NN(OuAst_If(test, body, orelse, s->lineno, s->col_offset, END_OF(last), p->arena));
}

/* optional "else: block" of loops and try; *last updated */
static int p_else(Parser *p, OuAst_seq **orelse, OuAst_stmt **last)
{
    *orelse = NULL;
    if (!is(p, OU_KW_ELSE))
        return 0;
    OuToken *ek = adv(p);
    if (expect_colon(p, 1) < 0)
        return -1;
    *orelse = p_block_after(p, "'else' statement", ek);
    if (!*orelse)
        return -1;
    *last = seq_last(*orelse);
    return 0;
}

static OuAst_stmt *p_while(Parser *p)
{
    OuToken *s = adv(p);
    OuAst_expr *test = ou_p_named_expression(p);
    if (!test || expect_colon(p, 0) < 0)
        return NULL;
    OuAst_seq *body = p_block_after(p, "'while' statement", s);
    if (!body)
        return NULL;
    OuAst_stmt *last = seq_last(body);
    OuAst_seq *orelse;
    if (p_else(p, &orelse, &last) < 0)
        return NULL;
    return NN(OuAst_While(test, body, orelse, s->lineno, s->col_offset, END_OF(last), p->arena));
}

/* ['async'] 'for' star_targets 'in' star_expressions ':' block [else] */
static OuAst_stmt *p_for(Parser *p, OuToken *s, int is_async)
{
    adv(p);     /* for */
    OuAst_expr *target = ou_p_star_targets(p);
    if (!target)
        return NULL;
    if (!acc(p, OU_KW_IN))
        return NULL;
    OuAst_expr *iter = ou_p_star_expressions(p);
    if (!iter || expect_colon(p, 0) < 0)
        return NULL;
    OuAst_seq *body = p_block_after(p, "'for' statement", s);
    if (!body)
        return NULL;
    OuAst_stmt *last = seq_last(body);
    OuAst_seq *orelse;
    if (p_else(p, &orelse, &last) < 0)
        return NULL;
    if (is_async)
        return NN(OuAst_AsyncFor(target, iter, body, orelse, NULL, s->lineno, s->col_offset,
                                 END_OF(last), p->arena));
    return NN(OuAst_For(target, iter, body, orelse, NULL, s->lineno, s->col_offset,
                        END_OF(last), p->arena));
}

/* with_item: expression ['as' star_target] */
static OuAst_withitem *p_with_item(Parser *p)
{
    OuAst_expr *e = ou_p_expression(p);
    if (!e)
        return NULL;
    OuAst_expr *vars = NULL;
    if (acc(p, OU_KW_AS)) {
        OuToken *st = pk(p);
        if (st->type == OU_TOK_STAR) {
            adv(p);
            OuAst_expr *v = ou_p_bitwise_or(p);
            if (!v)
                return NULL;
            vars = NN(OuAst_Starred(v, OuAst_Store, LOC_FROM(st), p->arena));
        } else {
            vars = ou_p_bitwise_or(p);
        }
        if (!vars)
            return NULL;
        OuAst_expr *bad = ou_set_context(vars, OuAst_Store);
        if (bad) {
            ou_perr_node(p, bad, "cannot assign to %s", ou_expr_name(bad));
            return NULL;
        }
        int t = pk(p)->type;
        if (t != OU_TOK_COMMA && t != OU_TOK_RPAR && t != OU_TOK_COLON)
            return NULL;
    }
    return NN(OuAst_withitem_New(e, vars, p->arena));
}

static OuAst_seq *p_with_items(Parser *p, int parenthesized)
{
    Vec v = { 0 };
    for (;;) {
        OuAst_withitem *it = p_with_item(p);
        if (!it || ou_vec_push(p, &v, it) < 0)
            return NULL;
        if (!acc(p, OU_TOK_COMMA))
            break;
        if (parenthesized && is(p, OU_TOK_RPAR))
            break;
    }
    return ou_vec_seq(p, &v);
}

static OuAst_stmt *p_with(Parser *p, OuToken *s, int is_async)
{
    adv(p);     /* with */
    OuAst_seq *items = NULL;
    if (is(p, OU_TOK_LPAR)) {
        /* try '(' with_item, ... ')' ':' first */
        int save = p->pos, saved_error = p->error;
        OuParseError saved = *p->err;
        p->quiet++;
        adv(p);
        items = p_with_items(p, 1);
        if (!(items && acc(p, OU_TOK_RPAR) && is(p, OU_TOK_COLON))) {
            items = NULL;
            p->pos = save;
            p->error = saved_error;
            *p->err = saved;
        }
        p->quiet--;
    }
    if (!items) {
        items = p_with_items(p, 0);
        if (!items)
            return NULL;
    }
    if (expect_colon(p, 0) < 0)
        return NULL;
    OuAst_seq *body = p_block_after(p, "'with' statement", s);
    if (!body)
        return NULL;
    OuAst_stmt *last = seq_last(body);
    if (is_async)
        return NN(OuAst_AsyncWith(items, body, NULL, s->lineno, s->col_offset, END_OF(last),
                                  p->arena));
    return NN(OuAst_With(items, body, NULL, s->lineno, s->col_offset, END_OF(last), p->arena));
}

/* 'try' ':' block handlers [else] [finally] */
static OuAst_stmt *p_try(Parser *p)
{
    OuToken *s = adv(p);
    if (expect_colon(p, 1) < 0)
        return NULL;
    OuAst_seq *body = p_block_after(p, "'try' statement", s);
    if (!body)
        return NULL;
    OuAst_stmt *last = seq_last(body);
    Vec handlers = { 0 };
    int star = -1;
    while (is(p, OU_KW_EXCEPT)) {
        OuToken *ek = adv(p);
        int this_star = acc(p, OU_TOK_STAR) != NULL;
        if (star >= 0 && this_star != star) {
            ou_perr_tok(p, ek, "cannot have both 'except' and 'except*' on the same 'try'");
            return NULL;
        }
        star = this_star;
        OuAst_expr *type = NULL;
        const char *name = NULL;
        if (!is(p, OU_TOK_COLON)) {
            OuToken *ts = pk(p);
            type = ou_p_expression(p);
            if (!type)
                return NULL;
            if (is(p, OU_TOK_COMMA)) {
                /* except A, B: */
                OuAst_expr *first = type;
                adv(p);
                OuAst_expr *more = ou_p_expression(p);
                if (more && (is(p, OU_TOK_COLON) || is(p, OU_KW_AS)))
                    ou_perr_range(p, ts->lineno, ts->col_offset, more->end_lineno,
                                  more->end_col_offset,
                                  "multiple exception types must be parenthesized");
                (void)first;
                return NULL;
            }
            if (acc(p, OU_KW_AS)) {
                OuToken *n = acc(p, OU_TOK_NAME);
                if (!n)
                    return NULL;
                name = OuArena_Strndup(p->arena, n->start, (size_t)(n->end - n->start));
                if (!name)
                    return ou_nomem(p);
            }
        } else if (this_star) {
            ou_perr_tok(p, pk(p), "expected one or more exception types");
            return NULL;
        }
        if (expect_colon(p, 0) < 0)
            return NULL;
        OuAst_seq *hbody = p_block_after(p, this_star ? "'except*' statement" : "'except' statement", ek);
        if (!hbody)
            return NULL;
        OuAst_stmt *hl = seq_last(hbody);
        OuAst_excepthandler *h = NN(OuAst_ExceptHandler(type, name, hbody, ek->lineno,
                                                        ek->col_offset, END_OF(hl), p->arena));
        if (!h || ou_vec_push(p, &handlers, h) < 0)
            return NULL;
        last = hl;
    }
    OuAst_seq *orelse = NULL, *finalbody = NULL;
    if (handlers.n && p_else(p, &orelse, &last) < 0)
        return NULL;
    if (is(p, OU_KW_FINALLY)) {
        OuToken *fk = adv(p);
        if (expect_colon(p, 1) < 0)
            return NULL;
        finalbody = p_block_after(p, "'finally' statement", fk);
        if (!finalbody)
            return NULL;
        last = seq_last(finalbody);
    }
    if (!handlers.n && !finalbody) {
        ou_perr_tok(p, pk(p), "expected 'except' or 'finally' block");
        return NULL;
    }
    OuAst_seq *hs = ou_vec_seq(p, &handlers);
    if (!hs)
        return NULL;
    if (star == 1)
        return NN(OuAst_TryStar(body, hs, orelse, finalbody, s->lineno, s->col_offset,
                                END_OF(last), p->arena));
    return NN(OuAst_Try(body, hs, orelse, finalbody, s->lineno, s->col_offset, END_OF(last),
                        p->arena));
}

/* subject_expr: star_named_expression ',' star_named_expressions? | named_expression */
static OuAst_expr *p_subject(Parser *p)
{
    OuToken *s = pk(p);
    OuAst_expr *first = ou_p_star_named_expression(p);
    if (!first)
        return NULL;
    if (!is(p, OU_TOK_COMMA)) {
        if (first->kind == OuAst_Starred_kind)
            return NULL;
        return first;
    }
    Vec v = { 0 };
    if (ou_vec_push(p, &v, first) < 0)
        return NULL;
    while (acc(p, OU_TOK_COMMA)) {
        if (is(p, OU_TOK_COLON))
            break;
        OuAst_expr *e = ou_p_star_named_expression(p);
        if (!e || ou_vec_push(p, &v, e) < 0)
            return NULL;
    }
    OuAst_seq *elts = ou_vec_seq(p, &v);
    if (!elts)
        return NULL;
    return NN(OuAst_Tuple(elts, OuAst_Load, LOC_FROM(s), p->arena));
}

/* "match" subject ':' NEWLINE INDENT case_block+ DEDENT; returns NULL with
   p->pos unchanged when this is not a match statement. */
static OuAst_stmt *p_match(Parser *p, int *not_match)
{
    int save = p->pos, saved_error = p->error;
    OuParseError saved = *p->err;
    OuToken *s = adv(p);
    p->quiet++;
    OuAst_expr *subject = p_subject(p);
    p->quiet--;
    if (!subject || !is(p, OU_TOK_COLON)) {
        if (subject && is(p, OU_TOK_NEWLINE)) {
            ou_perr_tok(p, pk(p), "expected ':'");
            return NULL;
        }
        p->pos = save;
        p->error = saved_error;
        *p->err = saved;
        *not_match = 1;
        return NULL;
    }
    adv(p);
    if (!acc(p, OU_TOK_NEWLINE))
        return NULL;
    if (!acc(p, OU_TOK_INDENT)) {
        ou_perr_tok(p, pk(p), "expected an indented block after 'match' statement on line %d",
                    s->lineno);
        p->err->kind = 1;
        return NULL;
    }
    Vec cases = { 0 };
    OuAst_stmt *last = NULL;
    while (!is(p, OU_TOK_DEDENT)) {
        OuToken *ck = pk(p);
        if (!ou_tok_is_name(ck, "case"))
            return NULL;
        adv(p);
        OuAst_pattern *pat = ou_p_patterns(p);
        if (!pat)
            return NULL;
        OuAst_expr *guard = NULL;
        if (acc(p, OU_KW_IF)) {
            guard = ou_p_named_expression(p);
            if (!guard)
                return NULL;
        }
        if (expect_colon(p, 0) < 0)
            return NULL;
        OuAst_seq *body = p_block_after(p, "'case' statement", ck);
        if (!body)
            return NULL;
        last = seq_last(body);
        OuAst_match_case *mc = NN(OuAst_match_case_New(pat, guard, body, p->arena));
        if (!mc || ou_vec_push(p, &cases, mc) < 0)
            return NULL;
    }
    adv(p);
    OuAst_seq *cs = ou_vec_seq(p, &cases);
    if (!cs || !last)
        return NULL;
    return NN(OuAst_Match(subject, cs, s->lineno, s->col_offset, END_OF(last), p->arena));
}

/* dotted_name: NAME ('.' NAME)* -> arena string */
static const char *p_dotted_name(Parser *p)
{
    OuToken *first = acc(p, OU_TOK_NAME);
    if (!first)
        return NULL;
    size_t len = (size_t)(first->end - first->start);
    char buf[1024];
    if (len >= sizeof buf)
        return NULL;
    memcpy(buf, first->start, len);
    while (is(p, OU_TOK_DOT) && pk_at(p, 1)->type == OU_TOK_NAME) {
        adv(p);
        OuToken *n = adv(p);
        size_t nl = (size_t)(n->end - n->start);
        if (len + 1 + nl >= sizeof buf)
            return NULL;
        buf[len++] = '.';
        memcpy(buf + len, n->start, nl);
        len += nl;
    }
    const char *r = OuArena_Strndup(p->arena, buf, len);
    return r ? r : ou_nomem(p);
}

static OuAst_alias *p_alias(Parser *p, int dotted)
{
    OuToken *s = pk(p);
    const char *name;
    if (dotted) {
        name = p_dotted_name(p);
    } else {
        OuToken *n = acc(p, OU_TOK_NAME);
        name = n ? OuArena_Strndup(p->arena, n->start, (size_t)(n->end - n->start)) : NULL;
    }
    if (!name)
        return NULL;
    const char *asname = NULL;
    if (acc(p, OU_KW_AS)) {
        OuToken *n = acc(p, OU_TOK_NAME);
        if (!n)
            return NULL;
        asname = OuArena_Strndup(p->arena, n->start, (size_t)(n->end - n->start));
        if (!asname)
            return ou_nomem(p);
    }
    return NN(OuAst_alias_New(name, asname, LOC_FROM(s), p->arena));
}

static OuAst_stmt *p_import(Parser *p)
{
    OuToken *s = adv(p);
    Vec v = { 0 };
    do {
        OuAst_alias *a = p_alias(p, 1);
        if (!a || ou_vec_push(p, &v, a) < 0)
            return NULL;
    } while (acc(p, OU_TOK_COMMA));
    OuAst_seq *names = ou_vec_seq(p, &v);
    if (!names)
        return NULL;
    return NN(OuAst_Import(names, LOC_FROM(s), p->arena));
}

static OuAst_stmt *p_from_import(Parser *p)
{
    OuToken *s = adv(p);
    int level = 0;
    for (;;) {
        if (acc(p, OU_TOK_DOT))
            level++;
        else if (acc(p, OU_TOK_ELLIPSIS))
            level += 3;
        else
            break;
    }
    const char *module = NULL;
    if (!is(p, OU_KW_IMPORT)) {
        module = p_dotted_name(p);
        if (!module)
            return NULL;
    }
    if (!acc(p, OU_KW_IMPORT))
        return NULL;
    Vec v = { 0 };
    OuToken *star = acc(p, OU_TOK_STAR);
    if (star) {
        const char *n = OuArena_Strndup(p->arena, "*", 1);
        OuAst_alias *a = n ? OuAst_alias_New(n, NULL, LOC_FROM(star), p->arena) : NULL;
        if (!a || ou_vec_push(p, &v, a) < 0)
            return ou_nomem(p);
    } else {
        int paren = acc(p, OU_TOK_LPAR) != NULL;
        for (;;) {
            OuAst_alias *a = p_alias(p, 0);
            if (!a || ou_vec_push(p, &v, a) < 0)
                return NULL;
            if (!acc(p, OU_TOK_COMMA))
                break;
            if (paren && is(p, OU_TOK_RPAR))
                break;
            if (!paren && is(p, OU_TOK_NEWLINE)) {
                ou_perr_tok(p, lastt(p), "trailing comma not allowed without surrounding parentheses");
                return NULL;
            }
        }
        if (paren && !acc(p, OU_TOK_RPAR))
            return NULL;
    }
    OuAst_seq *names = ou_vec_seq(p, &v);
    if (!names)
        return NULL;
    return NN(OuAst_ImportFrom(module, names, level, LOC_FROM(s), p->arena));
}

/* global / nonlocal NAME (',' NAME)* */
static OuAst_stmt *p_global(Parser *p)
{
    OuToken *s = adv(p);
    Vec v = { 0 };
    do {
        OuToken *n = acc(p, OU_TOK_NAME);
        if (!n)
            return NULL;
        const char *id = OuArena_Strndup(p->arena, n->start, (size_t)(n->end - n->start));
        if (!id || ou_vec_push(p, &v, (void *)id) < 0)
            return ou_nomem(p);
    } while (acc(p, OU_TOK_COMMA));
    OuAst_seq *names = ou_vec_seq(p, &v);
    if (!names)
        return NULL;
    if (s->type == OU_KW_GLOBAL)
        return NN(OuAst_Global(names, LOC_FROM(s), p->arena));
    return NN(OuAst_Nonlocal(names, LOC_FROM(s), p->arena));
}

static OuAst_stmt *p_del(Parser *p)
{
    OuToken *s = adv(p);
    Vec v = { 0 };
    for (;;) {
        OuToken *ts = pk(p);
        OuAst_expr *t;
        if (ts->type == OU_TOK_STAR) {
            adv(p);
            OuAst_expr *x = ou_p_bitwise_or(p);
            if (!x)
                return NULL;
            t = NN(OuAst_Starred(x, OuAst_Load, LOC_FROM(ts), p->arena));
        } else {
            t = ou_p_bitwise_or(p);
        }
        if (!t)
            return NULL;
        OuAst_expr *bad = ou_set_context(t, OuAst_Del);
        if (bad) {
            ou_perr_node(p, bad, "cannot delete %s", ou_expr_name(bad));
            return NULL;
        }
        if (ou_vec_push(p, &v, t) < 0)
            return NULL;
        if (!acc(p, OU_TOK_COMMA))
            break;
        if (is(p, OU_TOK_NEWLINE) || is(p, OU_TOK_SEMI))
            break;
    }
    OuAst_seq *targets = ou_vec_seq(p, &v);
    if (!targets)
        return NULL;
    return NN(OuAst_Delete(targets, LOC_FROM(s), p->arena));
}

static int augassign_op(int type)
{
    switch (type) {
    case OU_TOK_PLUSEQUAL: return OuAst_Add;
    case OU_TOK_MINEQUAL: return OuAst_Sub;
    case OU_TOK_STAREQUAL: return OuAst_Mult;
    case OU_TOK_ATEQUAL: return OuAst_MatMult;
    case OU_TOK_SLASHEQUAL: return OuAst_Div;
    case OU_TOK_PERCENTEQUAL: return OuAst_Mod;
    case OU_TOK_AMPEREQUAL: return OuAst_BitAnd;
    case OU_TOK_VBAREQUAL: return OuAst_BitOr;
    case OU_TOK_CIRCUMFLEXEQUAL: return OuAst_BitXor;
    case OU_TOK_LEFTSHIFTEQUAL: return OuAst_LShift;
    case OU_TOK_RIGHTSHIFTEQUAL: return OuAst_RShift;
    case OU_TOK_DOUBLESTAREQUAL: return OuAst_Pow;
    case OU_TOK_DOUBLESLASHEQUAL: return OuAst_FloorDiv;
    default: return 0;
    }
}

/* yield_expr | star_expressions */
static OuAst_expr *p_rhs(Parser *p)
{
    if (is(p, OU_KW_YIELD))
        return ou_p_yield_expr(p);
    return ou_p_star_expressions(p);
}

/* expression statements, assignments of all kinds */
static OuAst_stmt *p_expr_stmt(Parser *p)
{
    OuToken *s = pk(p);
    OuAst_expr *first = p_rhs(p);
    if (!first)
        return NULL;
    OuToken *t = pk(p);
    if (t->type == OU_TOK_COLON) {
        /* annotated assignment */
        adv(p);
        int simple = 0;
        switch (first->kind) {
        case OuAst_Name_kind:
            simple = s->type != OU_TOK_LPAR;
            break;
        case OuAst_Attribute_kind: case OuAst_Subscript_kind:
            break;
        case OuAst_Tuple_kind:
            ou_perr_node(p, s->type == OU_TOK_LPAR ? first :
                         OUAST_SEQ_GET_T(OuAst_expr, first->v.Tuple.elts, 0),
                         "only single target (not tuple) can be annotated");
            return NULL;
        case OuAst_List_kind:
            ou_perr_node(p, first, "only single target (not list) can be annotated");
            return NULL;
        default:
            ou_perr_node(p, first, "illegal target for annotation");
            return NULL;
        }
        ou_set_context(first, OuAst_Store);
        OuAst_expr *ann = ou_p_expression(p);
        if (!ann)
            return NULL;
        OuAst_expr *value = NULL;
        if (acc(p, OU_TOK_EQUAL)) {
            value = p_rhs(p);
            if (!value)
                return NULL;
        }
        return NN(OuAst_AnnAssign(first, ann, value, simple, LOC_FROM(s), p->arena));
    }
    int op = augassign_op(t->type);
    if (op) {
        adv(p);
        if (first->kind != OuAst_Name_kind && first->kind != OuAst_Attribute_kind &&
            first->kind != OuAst_Subscript_kind) {
            ou_perr_node(p, first, "'%s' is an illegal expression for augmented assignment",
                         ou_expr_name(first));
            return NULL;
        }
        ou_set_context(first, OuAst_Store);
        OuAst_expr *value = p_rhs(p);
        if (!value)
            return NULL;
        return NN(OuAst_AugAssign(first, (OuAst_operator)op, value, LOC_FROM(s), p->arena));
    }
    if (t->type != OU_TOK_EQUAL)
        return NN(OuAst_Expr(first, LOC_FROM(s), p->arena));
    Vec v = { 0 };
    if (ou_vec_push(p, &v, first) < 0)
        return NULL;
    OuToken *starts[2] = { s, NULL };
    int nassign = 0;
    while (acc(p, OU_TOK_EQUAL)) {
        nassign++;
        OuToken *vs = pk(p);
        if (nassign == 1)
            starts[1] = vs;
        OuAst_expr *e = p_rhs(p);
        if (!e)
            return NULL;
        if (ou_vec_push(p, &v, e) < 0)
            return NULL;
    }
    OuAst_expr *value = (OuAst_expr *)v.items[v.n - 1];
    v.n--;
    for (int i = 0; i < v.n; i++) {
        OuAst_expr *tg = (OuAst_expr *)v.items[i];
        if (tg->kind == OuAst_Yield_kind || tg->kind == OuAst_YieldFrom_kind) {
            ou_perr_node(p, tg, "assignment to yield expression not possible");
            return NULL;
        }
        OuAst_expr *bad = ou_set_context(tg, OuAst_Store);
        if (!bad)
            continue;
        if (i == 0 && nassign == 1 && bad == tg && ou_is_bitor_level(tg, s) &&
            ou_is_bitor_level(value, starts[1]) && value->kind != OuAst_Tuple_kind) {
            ou_perr_node(p, tg, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                         ou_expr_name(tg));
            return NULL;
        }
        ou_perr_node(p, bad, "cannot assign to %s", ou_expr_name(bad));
        return NULL;
    }
    OuAst_seq *targets = ou_vec_seq(p, &v);
    if (!targets)
        return NULL;
    return NN(OuAst_Assign(targets, value, NULL, LOC_FROM(s), p->arena));
}

static OuAst_stmt *p_simple_stmt(Parser *p)
{
    OuToken *s = pk(p);
    switch (s->type) {
    case OU_KW_PASS:
        adv(p);
        return NN(OuAst_Pass(LOC_FROM(s), p->arena));
    case OU_KW_BREAK:
        adv(p);
        return NN(OuAst_Break(LOC_FROM(s), p->arena));
    case OU_KW_CONTINUE:
        adv(p);
        return NN(OuAst_Continue(LOC_FROM(s), p->arena));
    case OU_KW_RETURN: {
        adv(p);
        OuAst_expr *v = NULL;
        if (!is(p, OU_TOK_NEWLINE) && !is(p, OU_TOK_SEMI)) {
            v = ou_p_star_expressions(p);
            if (!v)
                return NULL;
        }
        return NN(OuAst_Return(v, LOC_FROM(s), p->arena));
    }
    case OU_KW_RAISE: {
        adv(p);
        OuAst_expr *exc = NULL, *cause = NULL;
        if (!is(p, OU_TOK_NEWLINE) && !is(p, OU_TOK_SEMI)) {
            exc = ou_p_expression(p);
            if (!exc)
                return NULL;
            if (acc(p, OU_KW_FROM)) {
                cause = ou_p_expression(p);
                if (!cause)
                    return NULL;
            }
        }
        return NN(OuAst_Raise(exc, cause, LOC_FROM(s), p->arena));
    }
    case OU_KW_GLOBAL: case OU_KW_NONLOCAL:
        return p_global(p);
    case OU_KW_DEL:
        return p_del(p);
    case OU_KW_ASSERT: {
        adv(p);
        OuAst_expr *test = ou_p_expression(p), *msg = NULL;
        if (!test)
            return NULL;
        if (acc(p, OU_TOK_COMMA)) {
            msg = ou_p_expression(p);
            if (!msg)
                return NULL;
        }
        return NN(OuAst_Assert(test, msg, LOC_FROM(s), p->arena));
    }
    case OU_KW_IMPORT:
        return p_import(p);
    case OU_KW_FROM:
        return p_from_import(p);
    default:
        return p_expr_stmt(p);
    }
}

/* simple_stmt (';' simple_stmt)* [';'] NEWLINE */
static int p_simple_stmts(Parser *p, Vec *out)
{
    for (;;) {
        OuAst_stmt *st = p_simple_stmt(p);
        if (!st || ou_vec_push(p, out, st) < 0)
            return -1;
        if (acc(p, OU_TOK_SEMI)) {
            if (acc(p, OU_TOK_NEWLINE))
                return 0;
            continue;
        }
        if (acc(p, OU_TOK_NEWLINE))
            return 0;
        return -1;
    }
}

/* One statement (a simple_stmts line may give several) appended to out. */
static int p_statement(Parser *p, Vec *out)
{
    if (++p->depth > OU_PARSER_MAXDEPTH) {
        ou_perr_tok(p, pk(p), "too many statically nested blocks");
        return -1;
    }
    OuToken *s = pk(p);
    OuAst_stmt *st = NULL;
    int compound = 1;
    switch (s->type) {
    case OU_KW_DEF: st = p_funcdef(p, s, NULL, 0); break;
    case OU_KW_IF: st = p_if(p); break;
    case OU_KW_CLASS: st = p_classdef(p, NULL); break;
    case OU_KW_WITH: st = p_with(p, s, 0); break;
    case OU_KW_FOR: st = p_for(p, s, 0); break;
    case OU_KW_TRY: st = p_try(p); break;
    case OU_KW_WHILE: st = p_while(p); break;
    case OU_TOK_AT: st = p_decorated(p); break;
    case OU_KW_ASYNC: {
        int nt = pk_at(p, 1)->type;
        if (nt == OU_KW_DEF) { adv(p); st = p_funcdef(p, s, NULL, 1); }
        else if (nt == OU_KW_WITH) { adv(p); st = p_with(p, s, 1); }
        else if (nt == OU_KW_FOR) { adv(p); st = p_for(p, s, 1); }
        else { adv(p); p->depth--; return -1; }
        break;
    }
    case OU_TOK_NAME:
        if (ou_tok_is_name(s, "match")) {
            int not_match = 0;
            st = p_match(p, &not_match);
            if (not_match)
                compound = 0;
            break;
        }
        compound = 0;
        break;
    default:
        compound = 0;
        break;
    }
    int r;
    if (compound) {
        r = st && ou_vec_push(p, out, st) == 0 ? 0 : -1;
    } else {
        r = p_simple_stmts(p, out);
    }
    p->depth--;
    return r;
}

/* statements until DEDENT / ENDMARKER */
static int p_statements(Parser *p, Vec *out)
{
    for (;;) {
        int t = pk(p)->type;
        if (t == OU_TOK_DEDENT || t == OU_TOK_ENDMARKER)
            return 0;
        if (p_statement(p, out) < 0)
            return -1;
        if (p->error)
            return -1;
    }
}

/* ---- f-string expressions ----------------------------------------------- */

/* Parses the f-string replacement field text s[0:e-s] (star_expressions or
   a yield expression) located at lineno/line_start in the source. */
OuAst_expr *ou_p_fstring_expr(Parser *p, const char *s, const char *e, int lineno,
                              const char *line_start)
{
    OuTokenizer tok;
    OuTokenizer_InitNested(&tok, s, e - s, p->err, lineno, line_start);
    Parser q;
    memset(&q, 0, sizeof q);
    q.arena = p->arena;
    q.err = p->err;
    q.src = p->src;
    q.lines = p->lines;
    q.nlines = p->nlines;
    q.fstring = 1;
    q.fs_lineno = lineno;
    q.fs_col = OuTokenizer_CharCount(line_start, s - line_start);
    q.depth = p->depth;
    q.tok = &tok;
    OuAst_expr *r = NULL;
    if (tokenize_all(&q, &tok) < 0) {
        if (!q.error && p->err->msg[0]) {
            char buf[256];
            snprintf(buf, sizeof buf, "%s", p->err->msg);
            snprintf(p->err->msg, sizeof p->err->msg, "f-string: %.240s", buf);
        }
        p->error = 1;
        free(q.toks);
        return NULL;
    }
    if (q.toks[0].type == OU_KW_YIELD)
        r = ou_p_yield_expr(&q);
    else
        r = ou_p_star_expressions(&q);
    if (r) {
        acc(&q, OU_TOK_NEWLINE);
        if (!is(&q, OU_TOK_ENDMARKER))
            r = NULL;
    }
    if (!r && !q.error) {
        OuToken *t = &q.toks[q.maxpos];
        ou_perr_tok(&q, t, "invalid syntax");
    }
    if (q.error)
        p->error = 1;
    free(q.toks);
    return r;
}

/* ---- entry point -------------------------------------------------------- */

static void generic_error(Parser *p, OuTokenizer *tok)
{
    OuToken *t = &p->toks[p->maxpos];
    if (t->type == OU_TOK_ERRORTOKEN && tok->eof_error) {
        int lvl = tok->level - 1;
        int ln = tok->parenlineno[lvl];
        const char *ls = line_ptr(p, ln);
        int col = ls ? OuTokenizer_CharCount(ls, tok->parencol[lvl]) : tok->parencol[lvl];
        ou_perr(p, 0, ln, col + 1, ln, 0, "'%c' was never closed", tok->parenstack[lvl]);
        return;
    }
    if (t->type == OU_TOK_INDENT) {
        /* reported at the first character after the indentation */
        ou_perr(p, 1, t->lineno, char_col(p, t->lineno, t->col_offset), t->lineno, -1,
                "unexpected indent");
        return;
    }
    if (t->type == OU_TOK_DEDENT) {
        ou_perr(p, 1, t->lineno, char_col(p, t->lineno, t->col_offset), t->lineno, -1,
                "unexpected unindent");
        return;
    }
    ou_perr_tok(p, t, "invalid syntax");
}

OuAst_mod *OuParser_Parse(const char *src, Ou_ssize_t len, int mode, OuArena *arena,
                          OuParseError *err)
{
    memset(err, 0, sizeof *err);
    Parser P;
    Parser *p = &P;
    memset(p, 0, sizeof P);
    p->arena = arena;
    p->err = err;
    p->src = src;
    OuTokenizer tok;
    OuTokenizer_Init(&tok, src, len, err);
    tok.interactive = mode == 256;
    p->tok = &tok;
    OuAst_mod *mod = NULL;
    if (build_lines(p, tok.buf, tok.end) < 0) {
        memset(err, 0, sizeof *err);
        return NULL;
    }
    if (tokenize_all(p, &tok) < 0)
        goto done;
    Vec body = { 0 };
    if (mode == 258) {
        /* eval_input: expressions NEWLINE* ENDMARKER */
        OuAst_expr *e = ou_p_star_expressions(p);
        if (e) {
            while (acc(p, OU_TOK_NEWLINE))
                ;
            if (is(p, OU_TOK_ENDMARKER))
                mod = NN(OuAst_Expression(e, arena));
        }
    } else if (mode == 256) {
        /* single_input: one statement (or a line of simple statements) */
        if (acc(p, OU_TOK_NEWLINE) || is(p, OU_TOK_ENDMARKER)) {
            mod = NN(OuAst_Interactive(NULL, arena));
        } else if (p_statement(p, &body) == 0) {
            OuToken *after = lastt(p);
            while (acc(p, OU_TOK_NEWLINE))
                ;
            if (is(p, OU_TOK_ENDMARKER)) {
                OuAst_seq *s = ou_vec_seq(p, &body);
                if (s)
                    mod = NN(OuAst_Interactive(s, arena));
            } else if (!p->error) {
                OuToken *t = after->type == OU_TOK_NEWLINE ? after : pk(p);
                ou_perr_tok(p, t, "multiple statements found while compiling a single statement");
            }
        }
    } else {
        if (p_statements(p, &body) == 0 && is(p, OU_TOK_ENDMARKER)) {
            OuAst_seq *s = ou_vec_seq(p, &body);
            if (s)
                mod = NN(OuAst_Module(s, NULL, arena));
        }
    }
    if (mod == NULL && !p->error)
        generic_error(p, &tok);
    if (mod == NULL && tok.eof_error && err->msg[0] &&
        !(p->toks[p->maxpos].type == OU_TOK_ERRORTOKEN)) {
        /* an unclosed bracket on an earlier line than the error wins */
        int lvl = tok.level - 1;
        if (p->toks[p->maxpos].lineno > tok.parenlineno[lvl]) {
            p->error = 0;
            int ln = tok.parenlineno[lvl];
            const char *ls = line_ptr(p, ln);
            int col = ls ? OuTokenizer_CharCount(ls, tok.parencol[lvl]) : tok.parencol[lvl];
            ou_perr(p, 0, ln, col + 1, ln, 0, "'%c' was never closed", tok.parenstack[lvl]);
        }
    }
done:
    free(p->lines);
    free(p->toks);
    if (mod == NULL && err->msg[0] == '\0')
        err->lineno = 0;
    return mod;
}

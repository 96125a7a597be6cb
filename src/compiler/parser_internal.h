/*
 * parser_internal.h -- shared state and helpers of parser.c (statements),
 * parser_expr.c (expressions, arguments, targets, patterns) and
 * parser_string.c (numbers, strings, f-strings).
 */
#ifndef OU_PARSER_INTERNAL_H
#define OU_PARSER_INTERNAL_H

#include "compiler/parser.h"

#define OU_PARSER_MAXDEPTH 3000

typedef struct Parser {
    OuToken *toks;          /* all tokens, ending with ENDMARKER or ERRORTOKEN */
    int ntoks;
    int pos;                /* current token */
    int maxpos;             /* furthest token looked at (generic error location) */
    OuArena *arena;
    OuParseError *err;
    int error;              /* a specific error (or out of memory) is in err */
    int depth;              /* recursion guard */
    int fstring;            /* parsing an f-string expression */
    int fs_lineno, fs_col;  /* f-string expression start (error offsets) */
    int quiet;              /* speculative parse: no invalid_* checks */
    const char *src;
    OuTokenizer *tok;       /* for bracket info at EOF */
    const char **lines;     /* start of each source line (error columns) */
    int nlines;
} Parser;

/* token access */
static inline OuToken *pk(Parser *p)
{
    if (p->pos > p->maxpos)
        p->maxpos = p->pos;
    return &p->toks[p->pos];
}
static inline OuToken *pk_at(Parser *p, int k)
{
    int i = p->pos + k;
    if (i >= p->ntoks)
        i = p->ntoks - 1;
    if (i > p->maxpos)
        p->maxpos = i;
    return &p->toks[i];
}
static inline int is(Parser *p, int type) { return pk(p)->type == type; }
static inline OuToken *adv(Parser *p)
{
    OuToken *t = pk(p);
    if (p->pos < p->ntoks - 1)
        p->pos++;
    return t;
}
static inline OuToken *acc(Parser *p, int type) { return is(p, type) ? adv(p) : NULL; }
static inline OuToken *lastt(Parser *p) { return &p->toks[p->pos > 0 ? p->pos - 1 : 0]; }
/* A NAME token spelling `s` (soft keywords). */
int ou_tok_is_name(OuToken *t, const char *s);

/* Location arguments: from token s (start) to the last consumed token. */
#define LOC_FROM(s) (s)->lineno, (s)->col_offset, lastt(p)->end_lineno, lastt(p)->end_col_offset
#define LOC_E(e) (e)->lineno, (e)->col_offset, (e)->end_lineno, (e)->end_col_offset

/* errors */
void ou_perr(Parser *p, int kind, int lineno, int col, int end_lineno, int end_col,
             const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* Error over byte locations (0-based byte columns), converted to characters. */
void ou_perr_range(Parser *p, int lineno, int col, int end_lineno, int end_col,
                   const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void ou_perr_tok(Parser *p, OuToken *t, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void ou_perr_node(Parser *p, OuAst_expr *e, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void *ou_nomem(Parser *p);
/* Node check: NULL result means out of memory. */
#define NN(x) ou_nn(p, (x))
static inline void *ou_nn(Parser *p, void *x) { return x ? x : ou_nomem(p); }

/* growable sequences in the arena */
typedef struct { void **items; int n, cap; } Vec;
int ou_vec_push(Parser *p, Vec *v, void *x);
OuAst_seq *ou_vec_seq(Parser *p, Vec *v);

/* parser_expr.c */
OuAst_expr *ou_p_expression(Parser *p);
OuAst_expr *ou_p_named_expression(Parser *p);
OuAst_expr *ou_p_star_expressions(Parser *p);
OuAst_expr *ou_p_star_named_expression(Parser *p);
OuAst_expr *ou_p_yield_expr(Parser *p);
OuAst_expr *ou_p_disjunction(Parser *p);
OuAst_expr *ou_p_bitwise_or(Parser *p);
OuAst_expr *ou_p_primary(Parser *p);
/* star_targets (for / comprehension / with targets), Store context. */
OuAst_expr *ou_p_star_targets(Parser *p);
/* Sets ctx on a target; returns the first invalid sub-expression or NULL. */
OuAst_expr *ou_set_context(OuAst_expr *e, OuAst_expr_context ctx);
/* "cannot assign to %s" style errors */
const char *ou_expr_name(OuAst_expr *e);
/* Call arguments after '(' up to and excluding ')'. */
int ou_p_call_args(Parser *p, OuToken *lpar, OuAst_seq **args, OuAst_seq **keywords);
/* Parameters (def: until ')', lambda: until ':'). */
OuAst_arguments *ou_p_params(Parser *p, int is_lambda);
OuAst_pattern *ou_p_patterns(Parser *p);      /* open_sequence_pattern | pattern */
int ou_starts_expr(OuToken *t);
int ou_is_bitor_level(OuAst_expr *e, OuToken *s);

/* parser_string.c */
OuAst_expr *ou_p_number(Parser *p, OuToken *t);
OuAst_expr *ou_p_strings(Parser *p);          /* STRING+ at the current token */

/* parser.c */
OuAst_expr *ou_p_fstring_expr(Parser *p, const char *s, const char *e, int lineno,
                              const char *line_start);

#endif /* OU_PARSER_INTERNAL_H */

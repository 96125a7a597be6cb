/*
 * parser_expr.c -- expressions, call arguments, parameters, assignment
 * targets and match patterns of the Python 3.11 parser.
 */
#include <string.h>
#include "compiler/parser_internal.h"

#define FAIL_DEPTH(p) do { p->depth--; return NULL; } while (0)

static OuAst_expr *p_lambdef(Parser *p);
static OuAst_expr *p_atom(Parser *p);
static OuAst_seq *p_comp_for(Parser *p);
static OuAst_expr *p_named_inner(Parser *p, int check_eq);

static const char *tok_str(Parser *p, OuToken *t)
{
    const char *s = OuArena_Strndup(p->arena, t->start, (size_t)(t->end - t->start));
    return s ? s : ou_nomem(p);
}

static int enter(Parser *p)
{
    if (++p->depth > OU_PARSER_MAXDEPTH) {
        ou_perr_tok(p, pk(p), "too many nested parentheses");
        return -1;
    }
    return 0;
}

/* Tokens that can begin an expression. */
int ou_starts_expr(OuToken *t)
{
    switch (t->type) {
    case OU_TOK_NAME: case OU_TOK_NUMBER: case OU_TOK_STRING: case OU_TOK_LPAR:
    case OU_TOK_LSQB: case OU_TOK_LBRACE: case OU_TOK_MINUS: case OU_TOK_PLUS:
    case OU_TOK_TILDE: case OU_KW_NOT: case OU_KW_LAMBDA: case OU_KW_AWAIT:
    case OU_KW_NONE: case OU_KW_TRUE: case OU_KW_FALSE: case OU_TOK_ELLIPSIS:
        return 1;
    default:
        return 0;
    }
}

/* Name CPython uses for an expression in "cannot assign to %s". */
const char *ou_expr_name(OuAst_expr *e)
{
    switch (e->kind) {
    case OuAst_Attribute_kind: return "attribute";
    case OuAst_Subscript_kind: return "subscript";
    case OuAst_Starred_kind: return "starred";
    case OuAst_Name_kind: return "name";
    case OuAst_List_kind: return "list";
    case OuAst_Tuple_kind: return "tuple";
    case OuAst_Lambda_kind: return "lambda";
    case OuAst_Call_kind: return "function call";
    case OuAst_BoolOp_kind: case OuAst_BinOp_kind: case OuAst_UnaryOp_kind: return "expression";
    case OuAst_GeneratorExp_kind: return "generator expression";
    case OuAst_Yield_kind: case OuAst_YieldFrom_kind: return "yield expression";
    case OuAst_Await_kind: return "await expression";
    case OuAst_ListComp_kind: return "list comprehension";
    case OuAst_SetComp_kind: return "set comprehension";
    case OuAst_DictComp_kind: return "dict comprehension";
    case OuAst_Dict_kind: return "dict literal";
    case OuAst_Set_kind: return "set display";
    case OuAst_JoinedStr_kind: case OuAst_FormattedValue_kind: return "f-string expression";
    case OuAst_Constant_kind:
        switch (e->v.Constant.value.kind) {
        case OU_CONST_NONE: return "None";
        case OU_CONST_TRUE: return "True";
        case OU_CONST_FALSE: return "False";
        case OU_CONST_ELLIPSIS: return "ellipsis";
        default: return "literal";
        }
    case OuAst_Compare_kind: return "comparison";
    case OuAst_IfExp_kind: return "conditional expression";
    case OuAst_NamedExpr_kind: return "named expression";
    default: return "expression";
    }
}

/* Whether e (starting at token s) is a bitwise_or-level expression as
   CPython's invalid_named_expression rule sees it (and not a list, tuple,
   generator expression, True, False or None). */
int ou_is_bitor_level(OuAst_expr *e, OuToken *s)
{
    if (s->type == OU_TOK_LPAR)
        return e->kind != OuAst_Tuple_kind && e->kind != OuAst_GeneratorExp_kind;
    switch (e->kind) {
    case OuAst_Compare_kind: case OuAst_BoolOp_kind: case OuAst_IfExp_kind:
    case OuAst_Lambda_kind: case OuAst_NamedExpr_kind: case OuAst_Starred_kind:
    case OuAst_Tuple_kind: case OuAst_List_kind: case OuAst_Yield_kind:
    case OuAst_YieldFrom_kind: case OuAst_GeneratorExp_kind:
        return 0;
    case OuAst_UnaryOp_kind:
        return e->v.UnaryOp.op != OuAst_Not;
    case OuAst_Constant_kind: {
        OuAst_constant_kind k = e->v.Constant.value.kind;
        return k != OU_CONST_NONE && k != OU_CONST_TRUE && k != OU_CONST_FALSE;
    }
    default:
        return 1;
    }
}

OuAst_expr *ou_set_context(OuAst_expr *e, OuAst_expr_context ctx)
{
    switch (e->kind) {
    case OuAst_Name_kind: e->v.Name.ctx = ctx; return NULL;
    case OuAst_Attribute_kind: e->v.Attribute.ctx = ctx; return NULL;
    case OuAst_Subscript_kind: e->v.Subscript.ctx = ctx; return NULL;
    case OuAst_Starred_kind:
        if (ctx == OuAst_Del)
            return e;
        e->v.Starred.ctx = ctx;
        return ou_set_context(e->v.Starred.value, ctx);
    case OuAst_List_kind: case OuAst_Tuple_kind: {
        OuAst_seq *elts;
        if (e->kind == OuAst_List_kind) {
            e->v.List.ctx = ctx;
            elts = e->v.List.elts;
        } else {
            e->v.Tuple.ctx = ctx;
            elts = e->v.Tuple.elts;
        }
        for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(elts); i++) {
            OuAst_expr *bad = ou_set_context(OUAST_SEQ_GET_T(OuAst_expr, elts, i), ctx);
            if (bad)
                return bad;
        }
        return NULL;
    }
    default:
        return e;
    }
}

/* ---- speculation -------------------------------------------------------- */

typedef struct {
    int pos, maxpos, error;
    OuParseError err;
} Mark;

static void mark(Parser *p, Mark *m)
{
    m->pos = p->pos;
    m->maxpos = p->maxpos;
    m->error = p->error;
    m->err = *p->err;
    p->quiet++;
}

static void reset(Parser *p, Mark *m)
{
    p->pos = m->pos;
    p->maxpos = m->maxpos;
    p->error = m->error;
    *p->err = m->err;
}

static void unmark(Parser *p) { p->quiet--; }

/* After `a` (a disjunction starting at token s) another expression follows:
   CPython's invalid_expression / invalid_legacy_expression checks. */
static void invalid_expression(Parser *p, OuToken *s, OuAst_expr *a)
{
    Mark m;
    if (a->kind == OuAst_Name_kind && (strcmp(a->v.Name.id, "print") == 0 ||
                                       strcmp(a->v.Name.id, "exec") == 0) &&
        s == lastt(p)) {
        mark(p, &m);
        OuAst_expr *b = ou_p_star_expressions(p);
        unmark(p);
        reset(p, &m);
        if (b) {
            ou_perr_range(p, a->lineno, a->col_offset, b->end_lineno, b->end_col_offset,
                          "Missing parentheses in call to '%s'. Did you mean %s(...)?",
                          a->v.Name.id, a->v.Name.id);
        }
        return;
    }
    int si = (int)(s - p->toks);
    if (s->type == OU_TOK_NAME && si + 1 < p->ntoks && p->toks[si + 1].type == OU_TOK_STRING)
        return;
    if (ou_tok_is_name(s, "match") || ou_tok_is_name(s, "case") || ou_tok_is_name(s, "_"))
        return;
    mark(p, &m);
    OuAst_expr *b = ou_p_expression(p);
    int level = lastt(p)->level;
    unmark(p);
    reset(p, &m);
    if (b && level > 0)
        ou_perr_range(p, a->lineno, a->col_offset, b->end_lineno, b->end_col_offset,
                      "invalid syntax. Perhaps you forgot a comma?");
}

/* ---- expressions -------------------------------------------------------- */

/* expression: disjunction ['if' disjunction 'else' expression] | lambdef */
OuAst_expr *ou_p_expression(Parser *p)
{
    if (is(p, OU_KW_LAMBDA))
        return p_lambdef(p);
    if (enter(p) < 0)
        return NULL;
    OuToken *s = pk(p);
    OuAst_expr *a = ou_p_disjunction(p);
    if (!a)
        FAIL_DEPTH(p);
    if (is(p, OU_KW_IF)) {
        adv(p);
        OuAst_expr *b = ou_p_disjunction(p);
        if (!b)
            FAIL_DEPTH(p);
        if (!acc(p, OU_KW_ELSE)) {
            if (!is(p, OU_TOK_COLON) && !p->quiet)
                ou_perr_range(p, a->lineno, a->col_offset, b->end_lineno, b->end_col_offset,
                              "expected 'else' after 'if' expression");
            FAIL_DEPTH(p);
        }
        OuAst_expr *c = ou_p_expression(p);
        if (!c)
            FAIL_DEPTH(p);
        a = NN(OuAst_IfExp(b, a, c, LOC_FROM(s), p->arena));
    } else if (!p->quiet && ou_starts_expr(pk(p))) {
        invalid_expression(p, s, a);
    }
    p->depth--;
    return a;
}

/* NAME ':=' expression | expression (with CPython's checks for '=') */
static OuAst_expr *p_named_inner(Parser *p, int check_eq)
{
    OuToken *s = pk(p);
    if (s->type == OU_TOK_NAME && pk_at(p, 1)->type == OU_TOK_COLONEQUAL) {
        adv(p);
        adv(p);
        OuAst_expr *value = ou_p_expression(p);
        if (!value)
            return NULL;
        OuAst_expr *target = NN(OuAst_Name(tok_str(p, s), OuAst_Store, s->lineno, s->col_offset,
                                           s->end_lineno, s->end_col_offset, p->arena));
        if (!target)
            return NULL;
        return NN(OuAst_NamedExpr(target, value, LOC_FROM(s), p->arena));
    }
    OuAst_expr *e = ou_p_expression(p);
    if (!e)
        return NULL;
    if (is(p, OU_TOK_COLONEQUAL)) {
        ou_perr_node(p, e, "cannot use assignment expressions with %s", ou_expr_name(e));
        return NULL;
    }
    if (check_eq && is(p, OU_TOK_EQUAL) && !p->quiet) {
        Mark m;
        mark(p, &m);
        adv(p);
        OuAst_expr *b = ou_p_bitwise_or(p);
        int ok = b && !is(p, OU_TOK_EQUAL) && !is(p, OU_TOK_COLONEQUAL);
        unmark(p);
        reset(p, &m);
        if (ok) {
            if (e->kind == OuAst_Name_kind && s == lastt(p))
                ou_perr_range(p, e->lineno, e->col_offset, b->end_lineno, b->end_col_offset,
                              "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
            else if (ou_is_bitor_level(e, s) && e->kind != OuAst_List_kind)
                ou_perr_node(p, e, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                             ou_expr_name(e));
            return NULL;
        }
    }
    return e;
}

OuAst_expr *ou_p_named_expression(Parser *p)
{
    return p_named_inner(p, 1);
}

/* '*' bitwise_or | named_expression */
OuAst_expr *ou_p_star_named_expression(Parser *p)
{
    OuToken *s = pk(p);
    if (acc(p, OU_TOK_STAR)) {
        OuAst_expr *e = ou_p_bitwise_or(p);
        if (!e)
            return NULL;
        return NN(OuAst_Starred(e, OuAst_Load, LOC_FROM(s), p->arena));
    }
    return ou_p_named_expression(p);
}

/* '*' bitwise_or | expression */
static OuAst_expr *p_star_expression(Parser *p)
{
    OuToken *s = pk(p);
    if (acc(p, OU_TOK_STAR)) {
        OuAst_expr *e = ou_p_bitwise_or(p);
        if (!e)
            return NULL;
        return NN(OuAst_Starred(e, OuAst_Load, LOC_FROM(s), p->arena));
    }
    return ou_p_expression(p);
}

/* star_expression (',' star_expression)* [','] */
OuAst_expr *ou_p_star_expressions(Parser *p)
{
    OuToken *s = pk(p);
    OuAst_expr *first = p_star_expression(p);
    if (!first)
        return NULL;
    if (!is(p, OU_TOK_COMMA))
        return first;
    Vec v = { 0 };
    if (ou_vec_push(p, &v, first) < 0)
        return NULL;
    while (acc(p, OU_TOK_COMMA)) {
        if (!ou_starts_expr(pk(p)) && !is(p, OU_TOK_STAR))
            break;
        OuAst_expr *e = p_star_expression(p);
        if (!e || ou_vec_push(p, &v, e) < 0)
            return NULL;
    }
    OuAst_seq *elts = ou_vec_seq(p, &v);
    if (!elts)
        return NULL;
    return NN(OuAst_Tuple(elts, OuAst_Load, LOC_FROM(s), p->arena));
}

/* 'yield' 'from' expression | 'yield' [star_expressions] */
OuAst_expr *ou_p_yield_expr(Parser *p)
{
    OuToken *s = adv(p);
    if (acc(p, OU_KW_FROM)) {
        OuAst_expr *e = ou_p_expression(p);
        if (!e)
            return NULL;
        return NN(OuAst_YieldFrom(e, LOC_FROM(s), p->arena));
    }
    OuAst_expr *v = NULL;
    if (ou_starts_expr(pk(p)) || is(p, OU_TOK_STAR)) {
        v = ou_p_star_expressions(p);
        if (!v)
            return NULL;
    }
    return NN(OuAst_Yield(v, LOC_FROM(s), p->arena));
}

static OuAst_expr *p_comparison(Parser *p);

/* inversion: 'not' inversion | comparison */
static OuAst_expr *p_inversion(Parser *p)
{
    OuToken *s = pk(p);
    if (acc(p, OU_KW_NOT)) {
        if (enter(p) < 0)
            return NULL;
        OuAst_expr *e = p_inversion(p);
        p->depth--;
        if (!e)
            return NULL;
        return NN(OuAst_UnaryOp(OuAst_Not, e, LOC_FROM(s), p->arena));
    }
    return p_comparison(p);
}

/* disjunction (kw 'or') / conjunction (kw 'and') */
static OuAst_expr *p_boolseq(Parser *p, int kw)
{
    OuToken *s = pk(p);
    OuAst_expr *a = kw == OU_KW_OR ? p_boolseq(p, OU_KW_AND) : p_inversion(p);
    if (!a)
        return NULL;
    if (!is(p, kw))
        return a;
    Vec v = { 0 };
    if (ou_vec_push(p, &v, a) < 0)
        return NULL;
    while (acc(p, kw)) {
        OuAst_expr *b = kw == OU_KW_OR ? p_boolseq(p, OU_KW_AND) : p_inversion(p);
        if (!b || ou_vec_push(p, &v, b) < 0)
            return NULL;
    }
    OuAst_seq *vals = ou_vec_seq(p, &v);
    if (!vals)
        return NULL;
    return NN(OuAst_BoolOp(kw == OU_KW_OR ? OuAst_Or : OuAst_And, vals, LOC_FROM(s), p->arena));
}

/* comparison: bitwise_or (compare_op bitwise_or)* */
static OuAst_expr *p_comparison(Parser *p)
{
    OuToken *s = pk(p);
    OuAst_expr *left = ou_p_bitwise_or(p);
    if (!left)
        return NULL;
    Vec ops = { 0 }, cmps = { 0 };
    for (;;) {
        int op = 0;
        OuToken *t = pk(p);
        switch (t->type) {
        case OU_TOK_EQEQUAL: op = OuAst_Eq; break;
        case OU_TOK_NOTEQUAL: op = OuAst_NotEq; break;
        case OU_TOK_LESS: op = OuAst_Lt; break;
        case OU_TOK_LESSEQUAL: op = OuAst_LtE; break;
        case OU_TOK_GREATER: op = OuAst_Gt; break;
        case OU_TOK_GREATEREQUAL: op = OuAst_GtE; break;
        case OU_KW_IN: op = OuAst_In; break;
        case OU_KW_IS: op = pk_at(p, 1)->type == OU_KW_NOT ? OuAst_IsNot : OuAst_Is; break;
        case OU_KW_NOT:
            if (pk_at(p, 1)->type == OU_KW_IN)
                op = OuAst_NotIn;
            break;
        default: break;
        }
        if (!op)
            break;
        adv(p);
        if (op == OuAst_IsNot || op == OuAst_NotIn)
            adv(p);
        OuAst_expr *right = ou_p_bitwise_or(p);
        if (!right)
            return NULL;
        if (ou_vec_push(p, &ops, (void *)(intptr_t)op) < 0 || ou_vec_push(p, &cmps, right) < 0)
            return NULL;
    }
    if (!ops.n)
        return left;
    OuAst_seq *os = ou_vec_seq(p, &ops), *cs = ou_vec_seq(p, &cmps);
    if (!os || !cs)
        return NULL;
    return NN(OuAst_Compare(left, os, cs, LOC_FROM(s), p->arena));
}

OuAst_expr *ou_p_disjunction(Parser *p)
{
    return p_boolseq(p, OU_KW_OR);
}

/* binary operator levels: 0 '|', 1 '^', 2 '&', 3 shifts, 4 sum, 5 term */
static int binop_at(int level, int type)
{
    switch (level) {
    case 0: return type == OU_TOK_VBAR ? OuAst_BitOr : 0;
    case 1: return type == OU_TOK_CIRCUMFLEX ? OuAst_BitXor : 0;
    case 2: return type == OU_TOK_AMPER ? OuAst_BitAnd : 0;
    case 3: return type == OU_TOK_LEFTSHIFT ? OuAst_LShift : type == OU_TOK_RIGHTSHIFT ? OuAst_RShift : 0;
    case 4: return type == OU_TOK_PLUS ? OuAst_Add : type == OU_TOK_MINUS ? OuAst_Sub : 0;
    case 5:
        switch (type) {
        case OU_TOK_STAR: return OuAst_Mult;
        case OU_TOK_SLASH: return OuAst_Div;
        case OU_TOK_DOUBLESLASH: return OuAst_FloorDiv;
        case OU_TOK_PERCENT: return OuAst_Mod;
        case OU_TOK_AT: return OuAst_MatMult;
        default: return 0;
        }
    default: return 0;
    }
}

static OuAst_expr *p_factor(Parser *p);

static OuAst_expr *p_binary(Parser *p, int level)
{
    OuToken *s = pk(p);
    OuAst_expr *a = level == 5 ? p_factor(p) : p_binary(p, level + 1);
    if (!a)
        return NULL;
    for (;;) {
        int op = binop_at(level, pk(p)->type);
        if (!op)
            return a;
        adv(p);
        OuAst_expr *b = level == 5 ? p_factor(p) : p_binary(p, level + 1);
        if (!b)
            return NULL;
        a = NN(OuAst_BinOp(a, (OuAst_operator)op, b, LOC_FROM(s), p->arena));
        if (!a)
            return NULL;
    }
}

OuAst_expr *ou_p_bitwise_or(Parser *p)
{
    if (enter(p) < 0)
        return NULL;
    OuAst_expr *e = p_binary(p, 0);
    p->depth--;
    return e;
}

/* power: await_primary ['**' factor] */
static OuAst_expr *p_power(Parser *p)
{
    OuToken *s = pk(p);
    OuAst_expr *a;
    if (acc(p, OU_KW_AWAIT)) {
        OuAst_expr *x = ou_p_primary(p);
        if (!x)
            return NULL;
        a = NN(OuAst_Await(x, LOC_FROM(s), p->arena));
    } else {
        a = ou_p_primary(p);
    }
    if (!a)
        return NULL;
    if (acc(p, OU_TOK_DOUBLESTAR)) {
        OuAst_expr *b = p_factor(p);
        if (!b)
            return NULL;
        a = NN(OuAst_BinOp(a, OuAst_Pow, b, LOC_FROM(s), p->arena));
    }
    return a;
}

/* factor: ('+'|'-'|'~') factor | power */
static OuAst_expr *p_factor(Parser *p)
{
    OuToken *s = pk(p);
    int op = s->type == OU_TOK_PLUS ? OuAst_UAdd : s->type == OU_TOK_MINUS ? OuAst_USub :
             s->type == OU_TOK_TILDE ? OuAst_Invert : 0;
    if (!op)
        return p_power(p);
    if (enter(p) < 0)
        return NULL;
    adv(p);
    OuAst_expr *e = p_factor(p);
    p->depth--;
    if (!e)
        return NULL;
    return NN(OuAst_UnaryOp((OuAst_unaryop)op, e, LOC_FROM(s), p->arena));
}

/* slice: [expression] ':' [expression] [':' [expression]] | named_expression
   | starred_expression */
static OuAst_expr *p_slice(Parser *p)
{
    OuToken *s = pk(p);
    if (acc(p, OU_TOK_STAR)) {
        OuAst_expr *e = ou_p_expression(p);
        if (!e)
            return NULL;
        return NN(OuAst_Starred(e, OuAst_Load, LOC_FROM(s), p->arena));
    }
    OuAst_expr *lower = NULL, *upper = NULL, *step = NULL;
    if (!is(p, OU_TOK_COLON)) {
        lower = ou_p_named_expression(p);
        if (!lower)
            return NULL;
        if (!is(p, OU_TOK_COLON))
            return lower;
    }
    adv(p);
    int t = pk(p)->type;
    if (t != OU_TOK_COLON && t != OU_TOK_RSQB && t != OU_TOK_COMMA) {
        upper = ou_p_expression(p);
        if (!upper)
            return NULL;
    }
    if (acc(p, OU_TOK_COLON)) {
        t = pk(p)->type;
        if (t != OU_TOK_RSQB && t != OU_TOK_COMMA) {
            step = ou_p_expression(p);
            if (!step)
                return NULL;
        }
    }
    return NN(OuAst_Slice(lower, upper, step, LOC_FROM(s), p->arena));
}

static OuAst_expr *p_slices(Parser *p)
{
    OuToken *s = pk(p);
    OuAst_expr *first = p_slice(p);
    if (!first)
        return NULL;
    if (!is(p, OU_TOK_COMMA)) {
        if (first->kind != OuAst_Starred_kind)
            return first;
    }
    Vec v = { 0 };
    if (ou_vec_push(p, &v, first) < 0)
        return NULL;
    while (acc(p, OU_TOK_COMMA)) {
        if (is(p, OU_TOK_RSQB))
            break;
        OuAst_expr *e = p_slice(p);
        if (!e || ou_vec_push(p, &v, e) < 0)
            return NULL;
    }
    OuAst_seq *elts = ou_vec_seq(p, &v);
    if (!elts)
        return NULL;
    return NN(OuAst_Tuple(elts, OuAst_Load, LOC_FROM(s), p->arena));
}

/* primary: atom ('.' NAME | '(' args ')' | '[' slices ']')* */
OuAst_expr *ou_p_primary(Parser *p)
{
    OuToken *s = pk(p);
    OuAst_expr *a = p_atom(p);
    if (!a)
        return NULL;
    for (;;) {
        OuToken *t = pk(p);
        if (t->type == OU_TOK_DOT) {
            adv(p);
            OuToken *n = acc(p, OU_TOK_NAME);
            if (!n)
                return NULL;
            a = NN(OuAst_Attribute(a, tok_str(p, n), OuAst_Load, LOC_FROM(s), p->arena));
        } else if (t->type == OU_TOK_LPAR) {
            adv(p);
            OuAst_seq *args, *kws;
            if (ou_p_call_args(p, t, &args, &kws) < 0 || !acc(p, OU_TOK_RPAR))
                return NULL;
            a = NN(OuAst_Call(a, args, kws, LOC_FROM(s), p->arena));
        } else if (t->type == OU_TOK_LSQB) {
            adv(p);
            OuAst_expr *sl = p_slices(p);
            if (!sl || !acc(p, OU_TOK_RSQB))
                return NULL;
            a = NN(OuAst_Subscript(a, sl, OuAst_Load, LOC_FROM(s), p->arena));
        } else {
            return a;
        }
        if (!a)
            return NULL;
    }
}

/* comprehension clauses: (['async'] 'for' star_targets 'in' disjunction ('if' disjunction)*)+ */
static OuAst_seq *p_comp_for(Parser *p)
{
    Vec v = { 0 };
    while (is(p, OU_KW_FOR) || (is(p, OU_KW_ASYNC) && pk_at(p, 1)->type == OU_KW_FOR)) {
        int is_async = acc(p, OU_KW_ASYNC) != NULL;
        adv(p);
        OuAst_expr *target = ou_p_star_targets(p);
        if (!target || !acc(p, OU_KW_IN))
            return NULL;
        OuAst_expr *iter = ou_p_disjunction(p);
        if (!iter)
            return NULL;
        Vec ifs = { 0 };
        while (acc(p, OU_KW_IF)) {
            OuAst_expr *c = ou_p_disjunction(p);
            if (!c || ou_vec_push(p, &ifs, c) < 0)
                return NULL;
        }
        OuAst_seq *is_ = ou_vec_seq(p, &ifs);
        if (!is_)
            return NULL;
        OuAst_comprehension *c = NN(OuAst_comprehension_New(target, iter, is_, is_async, p->arena));
        if (!c || ou_vec_push(p, &v, c) < 0)
            return NULL;
    }
    return ou_vec_seq(p, &v);
}

static int at_comp_for(Parser *p)
{
    return is(p, OU_KW_FOR) || (is(p, OU_KW_ASYNC) && pk_at(p, 1)->type == OU_KW_FOR);
}

/* collects ', elem' items up to the closing token; first already parsed */
static OuAst_seq *p_elements(Parser *p, OuAst_expr *first, int close)
{
    Vec v = { 0 };
    if (ou_vec_push(p, &v, first) < 0)
        return NULL;
    while (acc(p, OU_TOK_COMMA)) {
        if (is(p, close))
            break;
        OuAst_expr *e = ou_p_star_named_expression(p);
        if (!e || ou_vec_push(p, &v, e) < 0)
            return NULL;
    }
    if (!acc(p, close))
        return NULL;
    return ou_vec_seq(p, &v);
}

static OuAst_expr *p_paren(Parser *p)
{
    OuToken *s = adv(p);
    if (acc(p, OU_TOK_RPAR))
        return NN(OuAst_Tuple(NULL, OuAst_Load, LOC_FROM(s), p->arena));
    if (is(p, OU_KW_YIELD)) {
        OuAst_expr *y = ou_p_yield_expr(p);
        if (!y || !acc(p, OU_TOK_RPAR))
            return NULL;
        return y;
    }
    OuAst_expr *first = ou_p_star_named_expression(p);
    if (!first)
        return NULL;
    if (at_comp_for(p)) {
        OuAst_seq *gens = p_comp_for(p);
        if (!gens || !acc(p, OU_TOK_RPAR))
            return NULL;
        return NN(OuAst_GeneratorExp(first, gens, LOC_FROM(s), p->arena));
    }
    if (is(p, OU_TOK_COMMA)) {
        OuAst_seq *elts = p_elements(p, first, OU_TOK_RPAR);
        if (!elts)
            return NULL;
        return NN(OuAst_Tuple(elts, OuAst_Load, LOC_FROM(s), p->arena));
    }
    if (!acc(p, OU_TOK_RPAR))
        return NULL;
    if (first->kind == OuAst_Starred_kind) {
        ou_perr_node(p, first, "cannot use starred expression here");
        return NULL;
    }
    return first;
}

static OuAst_expr *p_list(Parser *p)
{
    OuToken *s = adv(p);
    if (acc(p, OU_TOK_RSQB))
        return NN(OuAst_List(NULL, OuAst_Load, LOC_FROM(s), p->arena));
    OuAst_expr *first = ou_p_star_named_expression(p);
    if (!first)
        return NULL;
    if (at_comp_for(p)) {
        OuAst_seq *gens = p_comp_for(p);
        if (!gens || !acc(p, OU_TOK_RSQB))
            return NULL;
        return NN(OuAst_ListComp(first, gens, LOC_FROM(s), p->arena));
    }
    OuAst_seq *elts = p_elements(p, first, OU_TOK_RSQB);
    if (!elts)
        return NULL;
    return NN(OuAst_List(elts, OuAst_Load, LOC_FROM(s), p->arena));
}

/* '{' ... '}': dict, set and their comprehensions */
static OuAst_expr *p_brace(Parser *p)
{
    OuToken *s = adv(p);
    if (acc(p, OU_TOK_RBRACE))
        return NN(OuAst_Dict(NULL, NULL, LOC_FROM(s), p->arena));
    Vec keys = { 0 }, values = { 0 };
    OuAst_expr *k = NULL, *v;
    if (acc(p, OU_TOK_DOUBLESTAR)) {
        v = ou_p_bitwise_or(p);
        if (!v)
            return NULL;
    } else {
        k = ou_p_star_named_expression(p);
        if (!k)
            return NULL;
        if (!acc(p, OU_TOK_COLON)) {
            /* a set */
            if (at_comp_for(p)) {
                OuAst_seq *gens = p_comp_for(p);
                if (!gens || !acc(p, OU_TOK_RBRACE))
                    return NULL;
                return NN(OuAst_SetComp(k, gens, LOC_FROM(s), p->arena));
            }
            OuAst_seq *elts = p_elements(p, k, OU_TOK_RBRACE);
            if (!elts)
                return NULL;
            return NN(OuAst_Set(elts, LOC_FROM(s), p->arena));
        }
        if (k->kind == OuAst_Starred_kind)
            return NULL;
        v = ou_p_expression(p);
        if (!v)
            return NULL;
        if (at_comp_for(p)) {
            OuAst_seq *gens = p_comp_for(p);
            if (!gens || !acc(p, OU_TOK_RBRACE))
                return NULL;
            return NN(OuAst_DictComp(k, v, gens, LOC_FROM(s), p->arena));
        }
    }
    for (;;) {
        if (ou_vec_push(p, &keys, k) < 0 || ou_vec_push(p, &values, v) < 0)
            return NULL;
        if (!acc(p, OU_TOK_COMMA) || is(p, OU_TOK_RBRACE))
            break;
        if (acc(p, OU_TOK_DOUBLESTAR)) {
            k = NULL;
            v = ou_p_bitwise_or(p);
            if (!v)
                return NULL;
        } else {
            k = ou_p_expression(p);
            if (!k || !acc(p, OU_TOK_COLON))
                return NULL;
            v = ou_p_expression(p);
            if (!v)
                return NULL;
        }
    }
    if (!acc(p, OU_TOK_RBRACE))
        return NULL;
    OuAst_seq *ks = ou_vec_seq(p, &keys), *vs = ou_vec_seq(p, &values);
    if (!ks || !vs)
        return NULL;
    return NN(OuAst_Dict(ks, vs, LOC_FROM(s), p->arena));
}

static OuAst_expr *p_atom(Parser *p)
{
    OuToken *t = pk(p);
    OuAst_constant c;
    memset(&c, 0, sizeof c);
    switch (t->type) {
    case OU_TOK_NAME: {
        adv(p);
        const char *id = tok_str(p, t);
        if (!id)
            return NULL;
        return NN(OuAst_Name(id, OuAst_Load, LOC_FROM(t), p->arena));
    }
    case OU_KW_TRUE: c.kind = OU_CONST_TRUE; break;
    case OU_KW_FALSE: c.kind = OU_CONST_FALSE; break;
    case OU_KW_NONE: c.kind = OU_CONST_NONE; break;
    case OU_TOK_ELLIPSIS: c.kind = OU_CONST_ELLIPSIS; break;
    case OU_TOK_NUMBER:
        adv(p);
        return ou_p_number(p, t);
    case OU_TOK_STRING:
        return ou_p_strings(p);
    case OU_TOK_LPAR: {
        if (enter(p) < 0)
            return NULL;
        OuAst_expr *e = p_paren(p);
        p->depth--;
        return e;
    }
    case OU_TOK_LSQB: {
        if (enter(p) < 0)
            return NULL;
        OuAst_expr *e = p_list(p);
        p->depth--;
        return e;
    }
    case OU_TOK_LBRACE: {
        if (enter(p) < 0)
            return NULL;
        OuAst_expr *e = p_brace(p);
        p->depth--;
        return e;
    }
    default:
        return NULL;
    }
    adv(p);
    return NN(OuAst_Constant(c, NULL, LOC_FROM(t), p->arena));
}

/* ---- lambda and parameters ---------------------------------------------- */

static OuAst_expr *p_lambdef(Parser *p)
{
    OuToken *s = adv(p);
    OuAst_arguments *args = ou_p_params(p, 1);
    if (!args || !acc(p, OU_TOK_COLON))
        return NULL;
    OuAst_expr *body = ou_p_expression(p);
    if (!body)
        return NULL;
    return NN(OuAst_Lambda(args, body, LOC_FROM(s), p->arena));
}

static OuAst_arg *p_param(Parser *p, int is_lambda, int star)
{
    OuToken *n = acc(p, OU_TOK_NAME);
    if (!n)
        return NULL;
    OuAst_expr *ann = NULL;
    if (!is_lambda && acc(p, OU_TOK_COLON)) {
        OuToken *st = pk(p);
        if (star && acc(p, OU_TOK_STAR)) {
            OuAst_expr *e = ou_p_expression(p);
            if (!e)
                return NULL;
            ann = NN(OuAst_Starred(e, OuAst_Load, LOC_FROM(st), p->arena));
        } else {
            ann = ou_p_expression(p);
        }
        if (!ann)
            return NULL;
    }
    const char *id = tok_str(p, n);
    if (!id)
        return NULL;
    return NN(OuAst_arg_New(id, ann, NULL, LOC_FROM(n), p->arena));
}

OuAst_arguments *ou_p_params(Parser *p, int is_lambda)
{
    int close = is_lambda ? OU_TOK_COLON : OU_TOK_RPAR;
    Vec posonly = { 0 }, args = { 0 }, defaults = { 0 }, kwonly = { 0 }, kwdefaults = { 0 };
    OuAst_arg *vararg = NULL, *kwarg = NULL;
    int seen_default = 0, seen_star = 0, seen_slash = 0;
    while (!is(p, close)) {
        OuToken *t = pk(p);
        if (kwarg) {
            ou_perr_tok(p, t, "arguments cannot follow var-keyword argument");
            return NULL;
        }
        if (t->type == OU_TOK_SLASH) {
            if (seen_star) {
                ou_perr_tok(p, t, "/ must be ahead of *");
                return NULL;
            }
            if (seen_slash) {
                ou_perr_tok(p, t, "/ may appear only once");
                return NULL;
            }
            if (args.n == 0)
                return NULL;
            adv(p);
            seen_slash = 1;
            posonly = args;
            args.items = NULL;
            args.n = args.cap = 0;
        } else if (t->type == OU_TOK_STAR) {
            if (seen_star) {
                ou_perr_tok(p, t, "* argument may appear only once");
                return NULL;
            }
            adv(p);
            seen_star = 1;
            if (is(p, OU_TOK_COMMA) || is(p, close)) {
                int next = is(p, OU_TOK_COMMA) ? pk_at(p, 1)->type : close;
                if (next == close || next == OU_TOK_DOUBLESTAR) {
                    ou_perr_tok(p, t, "named arguments must follow bare *");
                    return NULL;
                }
            } else {
                vararg = p_param(p, is_lambda, 1);
                if (!vararg)
                    return NULL;
                if (is(p, OU_TOK_EQUAL)) {
                    ou_perr_tok(p, pk(p), "var-positional argument cannot have default value");
                    return NULL;
                }
            }
        } else if (t->type == OU_TOK_DOUBLESTAR) {
            adv(p);
            kwarg = p_param(p, is_lambda, 0);
            if (!kwarg)
                return NULL;
            if (is(p, OU_TOK_EQUAL)) {
                ou_perr_tok(p, pk(p), "var-keyword argument cannot have default value");
                return NULL;
            }
        } else if (t->type == OU_TOK_NAME) {
            OuAst_arg *a = p_param(p, is_lambda, 0);
            if (!a)
                return NULL;
            OuAst_expr *d = NULL;
            if (acc(p, OU_TOK_EQUAL)) {
                d = ou_p_expression(p);
                if (!d)
                    return NULL;
            }
            if (seen_star) {
                if (ou_vec_push(p, &kwonly, a) < 0 || ou_vec_push(p, &kwdefaults, d) < 0)
                    return NULL;
            } else {
                if (d) {
                    seen_default = 1;
                    if (ou_vec_push(p, &defaults, d) < 0)
                        return NULL;
                } else if (seen_default) {
                    ou_perr_range(p, a->lineno, a->col_offset, a->end_lineno, a->end_col_offset,
                                  "non-default argument follows default argument");
                    return NULL;
                }
                if (ou_vec_push(p, &args, a) < 0)
                    return NULL;
            }
        } else {
            return NULL;
        }
        if (!acc(p, OU_TOK_COMMA))
            break;
    }
    if (!is(p, close))
        return NULL;
    OuAst_seq *s1 = ou_vec_seq(p, &posonly), *s2 = ou_vec_seq(p, &args),
              *s3 = ou_vec_seq(p, &kwonly), *s4 = ou_vec_seq(p, &kwdefaults),
              *s5 = ou_vec_seq(p, &defaults);
    if (!s1 || !s2 || !s3 || !s4 || !s5)
        return NULL;
    return NN(OuAst_arguments_New(s1, s2, vararg, s3, s4, kwarg, s5, p->arena));
}

/* ---- call arguments ----------------------------------------------------- */

int ou_p_call_args(Parser *p, OuToken *lpar, OuAst_seq **args_out, OuAst_seq **kws_out)
{
    Vec args = { 0 }, kws = { 0 };
    int seen_kw = 0;
    OuAst_keyword *first_dstar = NULL;
    while (!is(p, OU_TOK_RPAR)) {
        OuToken *s = pk(p);
        if (s->type == OU_TOK_STAR) {
            adv(p);
            OuAst_expr *e = ou_p_expression(p);
            if (!e)
                return -1;
            OuAst_expr *st = NN(OuAst_Starred(e, OuAst_Load, LOC_FROM(s), p->arena));
            if (!st)
                return -1;
            if (first_dstar) {
                ou_perr_range(p, first_dstar->lineno, first_dstar->col_offset,
                              first_dstar->end_lineno, first_dstar->end_col_offset,
                              "iterable argument unpacking follows keyword argument unpacking");
                return -1;
            }
            if (ou_vec_push(p, &args, st) < 0)
                return -1;
        } else if (s->type == OU_TOK_DOUBLESTAR) {
            adv(p);
            OuAst_expr *e = ou_p_expression(p);
            if (!e)
                return -1;
            OuAst_keyword *k = NN(OuAst_keyword_New(NULL, e, LOC_FROM(s), p->arena));
            if (!k || ou_vec_push(p, &kws, k) < 0)
                return -1;
            if (!first_dstar)
                first_dstar = k;
        } else if (s->type == OU_TOK_NAME && pk_at(p, 1)->type == OU_TOK_EQUAL) {
            adv(p);
            adv(p);
            OuAst_expr *e = ou_p_expression(p);
            if (!e)
                return -1;
            if (at_comp_for(p)) {
                ou_perr_range(p, s->lineno, s->col_offset, e->end_lineno, e->end_col_offset,
                              "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
                return -1;
            }
            const char *id = tok_str(p, s);
            OuAst_keyword *k = id ? NN(OuAst_keyword_New(id, e, LOC_FROM(s), p->arena)) : NULL;
            if (!k || ou_vec_push(p, &kws, k) < 0)
                return -1;
            seen_kw = 1;
        } else {
            OuAst_expr *e = p_named_inner(p, 0);
            if (!e)
                return -1;
            if (at_comp_for(p)) {
                OuAst_seq *gens = p_comp_for(p);
                if (!gens)
                    return -1;
                int sole = args.n == 0 && kws.n == 0 && is(p, OU_TOK_RPAR);
                if (sole) {
                    OuToken *r = pk(p);
                    e = NN(OuAst_GeneratorExp(e, gens, lpar->lineno, lpar->col_offset,
                                              r->end_lineno, r->end_col_offset, p->arena));
                } else {
                    e = NN(OuAst_GeneratorExp(e, gens, LOC_FROM(s), p->arena));
                    if (e && (is(p, OU_TOK_COMMA) || args.n || kws.n))
                        ou_perr_node(p, e, "Generator expression must be parenthesized");
                    return -1;
                }
                if (!e)
                    return -1;
            }
            if (is(p, OU_TOK_EQUAL)) {
                OuToken *eq = pk(p);
                ou_perr_range(p, s->lineno, s->col_offset, eq->end_lineno, eq->end_col_offset,
                              "expression cannot contain assignment, perhaps you meant \"==\"?");
                return -1;
            }
            if (first_dstar) {
                ou_perr_tok(p, pk(p), "positional argument follows keyword argument unpacking");
                return -1;
            }
            if (seen_kw) {
                ou_perr_tok(p, pk(p), "positional argument follows keyword argument");
                return -1;
            }
            if (ou_vec_push(p, &args, e) < 0)
                return -1;
        }
        if (!acc(p, OU_TOK_COMMA))
            break;
    }
    *args_out = ou_vec_seq(p, &args);
    *kws_out = ou_vec_seq(p, &kws);
    return *args_out && *kws_out ? 0 : -1;
}

/* ---- targets ------------------------------------------------------------ */

static OuAst_expr *p_star_target(Parser *p)
{
    OuToken *s = pk(p);
    if (acc(p, OU_TOK_STAR)) {
        OuAst_expr *e = p_star_target(p);
        if (!e)
            return NULL;
        return NN(OuAst_Starred(e, OuAst_Store, LOC_FROM(s), p->arena));
    }
    OuAst_expr *e = ou_p_bitwise_or(p);
    if (!e)
        return NULL;
    OuAst_expr *bad = ou_set_context(e, OuAst_Store);
    if (bad) {
        ou_perr_node(p, bad, "cannot assign to %s", ou_expr_name(bad));
        return NULL;
    }
    return e;
}

OuAst_expr *ou_p_star_targets(Parser *p)
{
    OuToken *s = pk(p);
    OuAst_expr *first = p_star_target(p);
    if (!first)
        return NULL;
    if (!is(p, OU_TOK_COMMA))
        return first;
    Vec v = { 0 };
    if (ou_vec_push(p, &v, first) < 0)
        return NULL;
    while (acc(p, OU_TOK_COMMA)) {
        if (!ou_starts_expr(pk(p)) && !is(p, OU_TOK_STAR))
            break;
        OuAst_expr *e = p_star_target(p);
        if (!e || ou_vec_push(p, &v, e) < 0)
            return NULL;
    }
    OuAst_seq *elts = ou_vec_seq(p, &v);
    if (!elts)
        return NULL;
    return NN(OuAst_Tuple(elts, OuAst_Store, LOC_FROM(s), p->arena));
}

/* ---- patterns ----------------------------------------------------------- */

static OuAst_pattern *p_pattern(Parser *p);

/* signed_number ['+'|'-' NUMBER] as an expression */
static OuAst_expr *p_signed_number(Parser *p)
{
    OuToken *s = pk(p);
    int neg = acc(p, OU_TOK_MINUS) != NULL;
    OuToken *n = acc(p, OU_TOK_NUMBER);
    if (!n)
        return NULL;
    OuAst_expr *e = ou_p_number(p, n);
    if (!e)
        return NULL;
    if (neg)
        e = NN(OuAst_UnaryOp(OuAst_USub, e, LOC_FROM(s), p->arena));
    if (e && (is(p, OU_TOK_PLUS) || is(p, OU_TOK_MINUS))) {
        int op = adv(p)->type == OU_TOK_PLUS ? OuAst_Add : OuAst_Sub;
        OuToken *m = acc(p, OU_TOK_NUMBER);
        if (!m)
            return NULL;
        OuAst_expr *im = ou_p_number(p, m);
        if (!im)
            return NULL;
        if (im->v.Constant.value.kind != OU_CONST_COMPLEX) {
            ou_perr_node(p, im, "imaginary number required in complex literal");
            return NULL;
        }
        e = NN(OuAst_BinOp(e, (OuAst_operator)op, im, LOC_FROM(s), p->arena));
    }
    return e;
}

/* key of a mapping pattern or a literal value: number, string, None... */
static OuAst_expr *p_literal_expr(Parser *p)
{
    OuToken *t = pk(p);
    if (t->type == OU_TOK_NUMBER || t->type == OU_TOK_MINUS)
        return p_signed_number(p);
    if (t->type == OU_TOK_STRING) {
        OuAst_expr *e = ou_p_strings(p);
        if (e && e->kind == OuAst_JoinedStr_kind) {
            ou_perr_node(p, e, "patterns may only match literals and attribute lookups");
            return NULL;
        }
        return e;
    }
    if (t->type == OU_KW_NONE || t->type == OU_KW_TRUE || t->type == OU_KW_FALSE)
        return p_atom(p);
    if (t->type == OU_TOK_NAME) {
        /* value pattern: attr ('.' NAME)+ */
        OuAst_expr *e = p_atom(p);
        int dots = 0;
        while (e && is(p, OU_TOK_DOT)) {
            adv(p);
            OuToken *n = acc(p, OU_TOK_NAME);
            if (!n)
                return NULL;
            e = NN(OuAst_Attribute(e, tok_str(p, n), OuAst_Load, LOC_FROM(t), p->arena));
            dots++;
        }
        return dots ? e : NULL;
    }
    return NULL;
}

static const char *pattern_name(Parser *p, OuToken *n)
{
    if (ou_tok_is_name(n, "_"))
        return NULL;
    return tok_str(p, n);
}

/* '*' NAME or a pattern */
static OuAst_pattern *p_maybe_star(Parser *p)
{
    OuToken *s = pk(p);
    if (acc(p, OU_TOK_STAR)) {
        OuToken *n = acc(p, OU_TOK_NAME);
        if (!n)
            return NULL;
        return NN(OuAst_MatchStar(pattern_name(p, n), LOC_FROM(s), p->arena));
    }
    return p_pattern(p);
}

/* items up to `close` (already past the opening bracket) */
static OuAst_seq *p_pattern_items(Parser *p, int close, int *ncommas)
{
    Vec v = { 0 };
    *ncommas = 0;
    while (!is(p, close)) {
        OuAst_pattern *x = p_maybe_star(p);
        if (!x || ou_vec_push(p, &v, x) < 0)
            return NULL;
        if (!acc(p, OU_TOK_COMMA))
            break;
        (*ncommas)++;
    }
    if (!acc(p, close))
        return NULL;
    return ou_vec_seq(p, &v);
}

static OuAst_pattern *p_class_pattern(Parser *p, OuToken *s, OuAst_expr *cls)
{
    adv(p);     /* ( */
    Vec pats = { 0 }, attrs = { 0 }, kpats = { 0 };
    while (!is(p, OU_TOK_RPAR)) {
        if (is(p, OU_TOK_NAME) && pk_at(p, 1)->type == OU_TOK_EQUAL) {
            OuToken *n = adv(p);
            adv(p);
            OuAst_pattern *x = p_pattern(p);
            if (!x || ou_vec_push(p, &attrs, (void *)tok_str(p, n)) < 0 ||
                ou_vec_push(p, &kpats, x) < 0)
                return NULL;
        } else {
            OuAst_pattern *x = p_pattern(p);
            if (!x)
                return NULL;
            if (attrs.n) {
                ou_perr_range(p, x->lineno, x->col_offset, x->end_lineno, x->end_col_offset,
                              "positional patterns follow keyword patterns");
                return NULL;
            }
            if (ou_vec_push(p, &pats, x) < 0)
                return NULL;
        }
        if (!acc(p, OU_TOK_COMMA))
            break;
    }
    if (!acc(p, OU_TOK_RPAR))
        return NULL;
    OuAst_seq *a = ou_vec_seq(p, &pats), *b = ou_vec_seq(p, &attrs), *c = ou_vec_seq(p, &kpats);
    if (!a || !b || !c)
        return NULL;
    return NN(OuAst_MatchClass(cls, a, b, c, LOC_FROM(s), p->arena));
}

static OuAst_pattern *p_mapping_pattern(Parser *p)
{
    OuToken *s = adv(p);    /* { */
    Vec keys = { 0 }, pats = { 0 };
    const char *rest = NULL;
    while (!is(p, OU_TOK_RBRACE)) {
        if (acc(p, OU_TOK_DOUBLESTAR)) {
            OuToken *n = acc(p, OU_TOK_NAME);
            if (!n)
                return NULL;
            rest = tok_str(p, n);
            acc(p, OU_TOK_COMMA);
            break;
        }
        OuAst_expr *k = p_literal_expr(p);
        if (!k || !acc(p, OU_TOK_COLON))
            return NULL;
        OuAst_pattern *x = p_pattern(p);
        if (!x || ou_vec_push(p, &keys, k) < 0 || ou_vec_push(p, &pats, x) < 0)
            return NULL;
        if (!acc(p, OU_TOK_COMMA))
            break;
    }
    if (!acc(p, OU_TOK_RBRACE))
        return NULL;
    OuAst_seq *a = ou_vec_seq(p, &keys), *b = ou_vec_seq(p, &pats);
    if (!a || !b)
        return NULL;
    return NN(OuAst_MatchMapping(a, b, rest, LOC_FROM(s), p->arena));
}

static OuAst_pattern *p_closed_pattern(Parser *p)
{
    OuToken *s = pk(p);
    switch (s->type) {
    case OU_TOK_NUMBER: case OU_TOK_MINUS: case OU_TOK_STRING: {
        OuAst_expr *e = p_literal_expr(p);
        if (!e)
            return NULL;
        return NN(OuAst_MatchValue(e, LOC_FROM(s), p->arena));
    }
    case OU_KW_NONE: case OU_KW_TRUE: case OU_KW_FALSE: {
        adv(p);
        OuAst_constant c;
        memset(&c, 0, sizeof c);
        c.kind = s->type == OU_KW_NONE ? OU_CONST_NONE : s->type == OU_KW_TRUE ? OU_CONST_TRUE
                                                                             : OU_CONST_FALSE;
        return NN(OuAst_MatchSingleton(c, LOC_FROM(s), p->arena));
    }
    case OU_TOK_NAME: {
        int nt = pk_at(p, 1)->type;
        if (nt != OU_TOK_DOT && nt != OU_TOK_LPAR) {
            adv(p);
            return NN(OuAst_MatchAs(NULL, pattern_name(p, s), LOC_FROM(s), p->arena));
        }
        OuAst_expr *e = p_atom(p);
        while (e && is(p, OU_TOK_DOT)) {
            adv(p);
            OuToken *n = acc(p, OU_TOK_NAME);
            if (!n)
                return NULL;
            e = NN(OuAst_Attribute(e, tok_str(p, n), OuAst_Load, LOC_FROM(s), p->arena));
        }
        if (!e)
            return NULL;
        if (is(p, OU_TOK_LPAR))
            return p_class_pattern(p, s, e);
        return NN(OuAst_MatchValue(e, LOC_FROM(s), p->arena));
    }
    case OU_TOK_LPAR: {
        adv(p);
        if (acc(p, OU_TOK_RPAR))
            return NN(OuAst_MatchSequence(NULL, LOC_FROM(s), p->arena));
        OuAst_pattern *first = p_maybe_star(p);
        if (!first)
            return NULL;
        if (acc(p, OU_TOK_RPAR)) {
            if (first->kind == OuAst_MatchStar_kind)
                return NULL;
            return first;   /* group */
        }
        if (!acc(p, OU_TOK_COMMA))
            return NULL;
        int nc;
        OuAst_seq *rest = p_pattern_items(p, OU_TOK_RPAR, &nc);
        if (!rest)
            return NULL;
        OuAst_seq *all = OuAst_seq_New(rest->size + 1, p->arena);
        if (!all)
            return ou_nomem(p);
        OUAST_SEQ_SET(all, 0, first);
        for (Ou_ssize_t i = 0; i < rest->size; i++)
            OUAST_SEQ_SET(all, i + 1, rest->elements[i]);
        return NN(OuAst_MatchSequence(all, LOC_FROM(s), p->arena));
    }
    case OU_TOK_LSQB: {
        adv(p);
        int nc;
        OuAst_seq *items = p_pattern_items(p, OU_TOK_RSQB, &nc);
        if (!items)
            return NULL;
        return NN(OuAst_MatchSequence(items, LOC_FROM(s), p->arena));
    }
    case OU_TOK_LBRACE:
        return p_mapping_pattern(p);
    default:
        return NULL;
    }
}

/* or_pattern ['as' NAME] */
static OuAst_pattern *p_pattern(Parser *p)
{
    if (enter(p) < 0)
        return NULL;
    OuToken *s = pk(p);
    OuAst_pattern *first = p_closed_pattern(p);
    if (!first) {
        p->depth--;
        return NULL;
    }
    if (is(p, OU_TOK_VBAR)) {
        Vec v = { 0 };
        if (ou_vec_push(p, &v, first) < 0)
            FAIL_DEPTH(p);
        while (acc(p, OU_TOK_VBAR)) {
            OuAst_pattern *x = p_closed_pattern(p);
            if (!x || ou_vec_push(p, &v, x) < 0)
                FAIL_DEPTH(p);
        }
        OuAst_seq *ps = ou_vec_seq(p, &v);
        first = ps ? NN(OuAst_MatchOr(ps, LOC_FROM(s), p->arena)) : NULL;
        if (!first)
            FAIL_DEPTH(p);
    }
    if (acc(p, OU_KW_AS)) {
        OuToken *n = acc(p, OU_TOK_NAME);
        if (!n)
            FAIL_DEPTH(p);
        if (ou_tok_is_name(n, "_")) {
            ou_perr_tok(p, n, "cannot use '_' as a target");
            FAIL_DEPTH(p);
        }
        first = NN(OuAst_MatchAs(first, tok_str(p, n), LOC_FROM(s), p->arena));
    }
    p->depth--;
    return first;
}

/* open_sequence_pattern | pattern (after 'case') */
OuAst_pattern *ou_p_patterns(Parser *p)
{
    OuToken *s = pk(p);
    OuAst_pattern *first = p_maybe_star(p);
    if (!first)
        return NULL;
    if (!is(p, OU_TOK_COMMA)) {
        if (first->kind == OuAst_MatchStar_kind) {
            OuAst_seq *one = OuAst_seq_New(1, p->arena);
            if (!one)
                return ou_nomem(p);
            OUAST_SEQ_SET(one, 0, first);
            return NN(OuAst_MatchSequence(one, LOC_FROM(s), p->arena));
        }
        return first;
    }
    Vec v = { 0 };
    if (ou_vec_push(p, &v, first) < 0)
        return NULL;
    while (acc(p, OU_TOK_COMMA)) {
        if (is(p, OU_TOK_COLON) || is(p, OU_KW_IF))
            break;
        OuAst_pattern *x = p_maybe_star(p);
        if (!x || ou_vec_push(p, &v, x) < 0)
            return NULL;
    }
    OuAst_seq *ps = ou_vec_seq(p, &v);
    if (!ps)
        return NULL;
    return NN(OuAst_MatchSequence(ps, LOC_FROM(s), p->arena));
}

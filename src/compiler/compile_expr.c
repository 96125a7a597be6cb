/*
 * compile_expr.c -- code generation for expressions: operators, displays,
 * calls, comprehensions, lambdas, yield / await, f-strings, assignment
 * targets and conditional jumps. Follows CPython 3.11's compiler (see
 * compile.c). Defines no types.
 */
#include "compiler/compile_internal.h"
#include <string.h>


static int binop_arg(int op)
{
    static const int map[] = {0, OU_NB_ADD, OU_NB_SUBTRACT, OU_NB_MULTIPLY, OU_NB_MATRIX_MULTIPLY,
                              OU_NB_TRUE_DIVIDE, OU_NB_REMAINDER, OU_NB_POWER, OU_NB_LSHIFT, OU_NB_RSHIFT,
                              OU_NB_OR, OU_NB_XOR, OU_NB_AND, OU_NB_FLOOR_DIVIDE};
    return map[op];
}

static int addop_compare(ouc_compiler *c, int op)
{
    switch (op) {
    case OuAst_Eq: return ouc_addop(c, OP_COMPARE_OP, OU_EQ);
    case OuAst_NotEq: return ouc_addop(c, OP_COMPARE_OP, OU_NE);
    case OuAst_Lt: return ouc_addop(c, OP_COMPARE_OP, OU_LT);
    case OuAst_LtE: return ouc_addop(c, OP_COMPARE_OP, OU_LE);
    case OuAst_Gt: return ouc_addop(c, OP_COMPARE_OP, OU_GT);
    case OuAst_GtE: return ouc_addop(c, OP_COMPARE_OP, OU_GE);
    case OuAst_Is: return ouc_addop(c, OP_IS_OP, 0);
    case OuAst_IsNot: return ouc_addop(c, OP_IS_OP, 1);
    case OuAst_In: return ouc_addop(c, OP_CONTAINS_OP, 0);
    case OuAst_NotIn: return ouc_addop(c, OP_CONTAINS_OP, 1);
    }
    OuErr_SetString(OuExc_SystemError, "compiler: bad comparison operator");
    return -1;
}

static Ou_ssize_t utf8_chars(const char *s)
{
    Ou_ssize_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

void ouc_loc_match_attr(ouc_compiler *c, OuAst_expr *attr)
{
    OuCodePos *l = &c->u->loc;
    if (l->lineno == attr->end_lineno)
        return;
    l->lineno = attr->end_lineno;
    Ou_ssize_t len = utf8_chars(attr->v.Attribute.attr);
    if (len <= attr->end_col_offset) {
        l->col = attr->end_col_offset - (int)len;
    } else {
        l->col = -1;
        l->end_col = -1;
    }
    if (l->end_lineno < l->lineno)
        l->end_lineno = l->lineno;
    if (l->lineno == l->end_lineno && l->end_col < l->col)
        l->end_col = l->col;
}

/* 1 with *out a new tuple when elts[begin:end] are all constants, 0 when
   not, -1 on error. */
static int fold_all(ouc_compiler *c, OuAst_seq *elts, Ou_ssize_t begin, Ou_ssize_t end, OuObject **out)
{
    int err = 0;
    *out = NULL;
    for (Ou_ssize_t i = begin; i < end; i++) {
        OuAst_expr *e = OUAST_SEQ_GET_T(OuAst_expr, elts, i);
        if (!e || e->kind == OuAst_Starred_kind)
            return 0;
    }
    OuObject *t = OuTuple_New(end - begin);
    if (!t)
        return -1;
    for (Ou_ssize_t i = begin; i < end; i++) {
        OuObject *k = ouc_fold(c, OUAST_SEQ_GET_T(OuAst_expr, elts, i), &err);
        if (!k) {
            OU_DECREF(t);
            return err ? -1 : 0;
        }
        OU_TUPLE_SET(t, i - begin, k);
    }
    *out = t;
    return 1;
}

static int has_starred(OuAst_seq *elts)
{
    for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(elts); i++)
        if (OUAST_SEQ_GET_T(OuAst_expr, elts, i)->kind == OuAst_Starred_kind)
            return 1;
    return 0;
}

/* Builds a list/tuple/set from elts (with *starred items), after `pushed`
   items already on the stack. */
static int starunpack_helper(ouc_compiler *c, OuAst_seq *elts, int pushed, int build, int add, int extend,
                             int tuple)
{
    Ou_ssize_t n = OUAST_SEQ_LEN(elts);
    if (n > 2) {
        OuObject *folded;
        int r = fold_all(c, elts, 0, n, &folded);
        CHECK(r);
        if (r) {
            if (tuple && !pushed) {
                ADDOP_CONST_NEW(c, folded);
                return 0;
            }
            if (add == OP_SET_ADD) {
                OuObject *fs = OuFrozenSet_New(folded);
                OU_DECREF(folded);
                if (!fs)
                    return -1;
                folded = fs;
            }
            if (ouc_addop(c, build, pushed) < 0) {
                OU_DECREF(folded);
                return -1;
            }
            ADDOP_CONST_NEW(c, folded);
            ADDOP_I(c, extend, 1);
            if (tuple)
                ADDOP(c, OP_LIST_TO_TUPLE);
            return 0;
        }
    }
    int big = n + pushed > OUC_STACK_USE_GUIDELINE, seen_star = has_starred(elts);
    if (!seen_star && !big) {
        for (Ou_ssize_t i = 0; i < n; i++)
            VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, elts, i));
        ADDOP_I(c, tuple ? OP_BUILD_TUPLE : build, (int)n + pushed);
        return 0;
    }
    int built = 0;
    if (big) {
        ADDOP_I(c, build, pushed);
        built = 1;
    }
    for (Ou_ssize_t i = 0; i < n; i++) {
        OuAst_expr *e = OUAST_SEQ_GET_T(OuAst_expr, elts, i);
        if (e->kind == OuAst_Starred_kind) {
            if (!built) {
                ADDOP_I(c, build, (int)i + pushed);
                built = 1;
            }
            VISIT(c, e->v.Starred.value);
            ADDOP_I(c, extend, 1);
        } else {
            VISIT(c, e);
            if (built)
                ADDOP_I(c, add, 1);
        }
    }
    if (tuple)
        ADDOP(c, OP_LIST_TO_TUPLE);
    return 0;
}

/* Unpacking assignment to a tuple/list target. */
static int assignment_helper(ouc_compiler *c, OuAst_seq *elts)
{
    Ou_ssize_t n = OUAST_SEQ_LEN(elts);
    int seen_star = 0;
    for (Ou_ssize_t i = 0; i < n; i++) {
        OuAst_expr *e = OUAST_SEQ_GET_T(OuAst_expr, elts, i);
        if (e->kind == OuAst_Starred_kind && !seen_star) {
            if (i >= (1 << 8) || n - i - 1 >= (1 << 16))
                return ouc_error(c, "too many expressions in star-unpacking assignment");
            ADDOP_I(c, OP_UNPACK_EX, (int)(i + ((n - i - 1) << 8)));
            seen_star = 1;
        } else if (e->kind == OuAst_Starred_kind) {
            return ouc_error(c, "multiple starred expressions in assignment");
        }
    }
    if (!seen_star)
        ADDOP_I(c, OP_UNPACK_SEQUENCE, (int)n);
    for (Ou_ssize_t i = 0; i < n; i++) {
        OuAst_expr *e = OUAST_SEQ_GET_T(OuAst_expr, elts, i);
        VISIT(c, e->kind == OuAst_Starred_kind ? e->v.Starred.value : e);
    }
    return 0;
}

static int compile_sequence(ouc_compiler *c, OuAst_seq *elts, int ctx, int is_tuple)
{
    if (ctx == OuAst_Store)
        return assignment_helper(c, elts);
    if (ctx == OuAst_Load)
        return starunpack_helper(c, elts, 0, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND, is_tuple);
    for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(elts); i++)
        VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, elts, i));
    return 0;
}

/* The iterable of a for loop / comprehension / `in`: a list display
   becomes a tuple, a set display of constants a frozenset (CPython's AST
   optimizer does this). */
int ouc_visit_iter(ouc_compiler *c, OuAst_expr *e)
{
    if (e->kind == OuAst_List_kind && !has_starred(e->v.List.elts)) {
        OuAst_seq *elts = e->v.List.elts;
        OuObject *t;
        OuCodePos saved = c->u->loc;
        OUC_SET_LOC(c, e);
        int r = fold_all(c, elts, 0, OUAST_SEQ_LEN(elts), &t);
        if (r > 0)
            r = ouc_addop_const_new(c, t);
        else if (r == 0)
            r = starunpack_helper(c, elts, 0, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND, 1);
        c->u->loc = saved;
        return r;
    }
    if (e->kind == OuAst_Set_kind) {
        OuObject *t;
        int r = fold_all(c, e->v.Set.elts, 0, OUAST_SEQ_LEN(e->v.Set.elts), &t);
        CHECK(r);
        if (r) {
            OuObject *fs = OuFrozenSet_New(t);
            OU_DECREF(t);
            OuCodePos saved = c->u->loc;
            OUC_SET_LOC(c, e);
            r = ouc_addop_const_new(c, fs);
            c->u->loc = saved;
            return r;
        }
    }
    return ouc_visit_expr(c, e);
}

/* ---- dict displays ---- */

static int compile_subdict(ouc_compiler *c, OuAst_expr *e, Ou_ssize_t begin, Ou_ssize_t end)
{
    Ou_ssize_t n = end - begin;
    int big = n * 2 > OUC_STACK_USE_GUIDELINE;
    OuAst_seq *keys = e->v.Dict.keys, *values = e->v.Dict.values;
    if (n > 1 && !big) {
        OuObject *kt;
        int r = fold_all(c, keys, begin, end, &kt);
        CHECK(r);
        if (r) {
            for (Ou_ssize_t i = begin; i < end; i++)
                if (ouc_visit_expr(c, OUAST_SEQ_GET_T(OuAst_expr, values, i)) < 0) {
                    OU_DECREF(kt);
                    return -1;
                }
            ADDOP_CONST_NEW(c, kt);
            ADDOP_I(c, OP_BUILD_CONST_KEY_MAP, (int)n);
            return 0;
        }
    }
    if (big)
        ADDOP_I(c, OP_BUILD_MAP, 0);
    for (Ou_ssize_t i = begin; i < end; i++) {
        VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, keys, i));
        VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, values, i));
        if (big)
            ADDOP_I(c, OP_MAP_ADD, 1);
    }
    if (!big)
        ADDOP_I(c, OP_BUILD_MAP, (int)n);
    return 0;
}

static int compile_dict(ouc_compiler *c, OuAst_expr *e)
{
    Ou_ssize_t n = OUAST_SEQ_LEN(e->v.Dict.values), elements = 0;
    int have_dict = 0;
    for (Ou_ssize_t i = 0; i < n; i++) {
        if (OUAST_SEQ_GET(e->v.Dict.keys, i) == NULL) {
            if (elements) {
                CHECK(compile_subdict(c, e, i - elements, i));
                if (have_dict)
                    ADDOP_I(c, OP_DICT_UPDATE, 1);
                have_dict = 1;
                elements = 0;
            }
            if (!have_dict) {
                ADDOP_I(c, OP_BUILD_MAP, 0);
                have_dict = 1;
            }
            VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, e->v.Dict.values, i));
            ADDOP_I(c, OP_DICT_UPDATE, 1);
        } else if (elements * 2 > OUC_STACK_USE_GUIDELINE) {
            CHECK(compile_subdict(c, e, i - elements, i + 1));
            if (have_dict)
                ADDOP_I(c, OP_DICT_UPDATE, 1);
            have_dict = 1;
            elements = 0;
        } else {
            elements++;
        }
    }
    if (elements) {
        CHECK(compile_subdict(c, e, n - elements, n));
        if (have_dict)
            ADDOP_I(c, OP_DICT_UPDATE, 1);
        have_dict = 1;
    }
    if (!have_dict)
        ADDOP_I(c, OP_BUILD_MAP, 0);
    return 0;
}

/* ---- comparisons and conditional jumps ---- */

static int compile_compare(ouc_compiler *c, OuAst_expr *e)
{
    OuAst_seq *ops = e->v.Compare.ops, *cmps = e->v.Compare.comparators;
    Ou_ssize_t n = OUAST_SEQ_LEN(ops) - 1;
    VISIT(c, e->v.Compare.left);
    if (n == 0) {
        OuAst_expr *r = OUAST_SEQ_GET_T(OuAst_expr, cmps, 0);
        int op = OUAST_SEQ_GET_INT(ops, 0);
        if (op == OuAst_In || op == OuAst_NotIn)
            CHECK(ouc_visit_iter(c, r));
        else
            VISIT(c, r);
        return addop_compare(c, op);
    }
    ouc_block *cleanup, *end;
    NEW_BLOCK(c, cleanup);
    for (Ou_ssize_t i = 0; i < n; i++) {
        VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, cmps, i));
        ADDOP_I(c, OP_SWAP, 2);
        ADDOP_I(c, OP_COPY, 2);
        CHECK(addop_compare(c, OUAST_SEQ_GET_INT(ops, i)));
        ADDOP_JUMP(c, OP_JUMP_IF_FALSE_OR_POP, cleanup);
    }
    int last = OUAST_SEQ_GET_INT(ops, n);
    if (last == OuAst_In || last == OuAst_NotIn)
        CHECK(ouc_visit_iter(c, OUAST_SEQ_GET_T(OuAst_expr, cmps, n)));
    else
        VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, cmps, n));
    CHECK(addop_compare(c, last));
    NEW_BLOCK(c, end);
    OuCodePos saved = c->u->loc;
    OUC_UNSET_LOC(c);
    ADDOP_JUMP(c, OUC_JUMP, end);
    c->u->loc = saved;
    USE_BLOCK(c, cleanup);
    ADDOP_I(c, OP_SWAP, 2);
    ADDOP(c, OP_POP_TOP);
    USE_BLOCK(c, end);
    return 0;
}

static int is_none_const(OuAst_expr *e)
{
    return e->kind == OuAst_Constant_kind && e->v.Constant.value.kind == OU_CONST_NONE;
}

int ouc_jump_if(ouc_compiler *c, OuAst_expr *e, ouc_block *next, int cond)
{
    OuCodePos saved = c->u->loc;
    int r = 0;
    OUC_SET_LOC(c, e);
    switch (e->kind) {
    case OuAst_UnaryOp_kind:
        if (e->v.UnaryOp.op == OuAst_Not) {
            r = ouc_jump_if(c, e->v.UnaryOp.operand, next, !cond);
            goto done;
        }
        break;
    case OuAst_BoolOp_kind: {
        OuAst_seq *s = e->v.BoolOp.values;
        Ou_ssize_t n = OUAST_SEQ_LEN(s) - 1;
        int cond2 = e->v.BoolOp.op == OuAst_Or;
        ouc_block *next2 = next;
        if (!cond2 != !cond && !(next2 = ouc_new_block(c)))
            return -1;
        for (Ou_ssize_t i = 0; i < n; i++)
            if (ouc_jump_if(c, OUAST_SEQ_GET_T(OuAst_expr, s, i), next2, cond2) < 0)
                return -1;
        if (ouc_jump_if(c, OUAST_SEQ_GET_T(OuAst_expr, s, n), next, cond) < 0)
            return -1;
        if (next2 != next)
            USE_BLOCK(c, next2);
        goto done;
    }
    case OuAst_IfExp_kind: {
        ouc_block *end, *next2;
        NEW_BLOCK(c, end);
        NEW_BLOCK(c, next2);
        CHECK(ouc_jump_if(c, e->v.IfExp.test, next2, 0));
        CHECK(ouc_jump_if(c, e->v.IfExp.body, next, cond));
        OUC_UNSET_LOC(c);
        ADDOP_JUMP(c, OUC_JUMP, end);
        USE_BLOCK(c, next2);
        CHECK(ouc_jump_if(c, e->v.IfExp.orelse, next, cond));
        USE_BLOCK(c, end);
        goto done;
    }
    case OuAst_Compare_kind: {
        OuAst_seq *ops = e->v.Compare.ops, *cmps = e->v.Compare.comparators;
        Ou_ssize_t n = OUAST_SEQ_LEN(ops) - 1;
        if (n == 0) {
            int op = OUAST_SEQ_GET_INT(ops, 0);
            OuAst_expr *rhs = OUAST_SEQ_GET_T(OuAst_expr, cmps, 0);
            if ((op == OuAst_Is || op == OuAst_IsNot) && is_none_const(rhs)) {
                VISIT(c, e->v.Compare.left);
                CHECK(ouc_add_const(c, OU_NONE));
                int jump_if_none = (op == OuAst_Is) == (cond != 0);
                ADDOP_JUMP(c, jump_if_none ? OP_POP_JUMP_IF_NONE : OP_POP_JUMP_IF_NOT_NONE, next);
                goto done;
            }
            break;
        }
        ouc_block *cleanup, *end;
        NEW_BLOCK(c, cleanup);
        VISIT(c, e->v.Compare.left);
        for (Ou_ssize_t i = 0; i < n; i++) {
            VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, cmps, i));
            ADDOP_I(c, OP_SWAP, 2);
            ADDOP_I(c, OP_COPY, 2);
            CHECK(addop_compare(c, OUAST_SEQ_GET_INT(ops, i)));
            ADDOP_JUMP(c, OP_POP_JUMP_IF_FALSE, cleanup);
        }
        int last = OUAST_SEQ_GET_INT(ops, n);
        if (last == OuAst_In || last == OuAst_NotIn)
            CHECK(ouc_visit_iter(c, OUAST_SEQ_GET_T(OuAst_expr, cmps, n)));
        else
            VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, cmps, n));
        CHECK(addop_compare(c, last));
        ADDOP_JUMP(c, cond ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, next);
        NEW_BLOCK(c, end);
        OUC_UNSET_LOC(c);
        ADDOP_JUMP(c, OUC_JUMP, end);
        USE_BLOCK(c, cleanup);
        OUC_SET_LOC(c, e);
        ADDOP(c, OP_POP_TOP);
        if (!cond) {
            OUC_UNSET_LOC(c);
            ADDOP_JUMP(c, OUC_JUMP, next);
        }
        USE_BLOCK(c, end);
        goto done;
    }
    default:
        break;
    }
    {
        int err = 0;
        OuObject *k = ouc_fold(c, e, &err);
        if (err)
            return -1;
        if (k) {
            /* constant condition: jump or fall through unconditionally */
            int t = OuObject_IsTrue(k);
            int idx = ouc_add_const(c, k);
            OU_DECREF(k);
            if (t < 0 || idx < 0)
                return -1;
            if (t == cond)
                ADDOP_JUMP(c, OUC_JUMP, next);
            goto done;
        }
    }
    VISIT(c, e);
    ADDOP_JUMP(c, cond ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, next);
done:
    c->u->loc = saved;
    return r;
}

static int compile_boolop(ouc_compiler *c, OuAst_expr *e)
{
    OuAst_seq *s = e->v.BoolOp.values;
    Ou_ssize_t n = OUAST_SEQ_LEN(s) - 1;
    int op = e->v.BoolOp.op == OuAst_And ? OP_JUMP_IF_FALSE_OR_POP : OP_JUMP_IF_TRUE_OR_POP;
    ouc_block *end;
    NEW_BLOCK(c, end);
    for (Ou_ssize_t i = 0; i < n; i++) {
        VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, s, i));
        ADDOP_JUMP(c, op, end);
    }
    VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, s, n));
    USE_BLOCK(c, end);
    return 0;
}

static int compile_ifexp(ouc_compiler *c, OuAst_expr *e)
{
    ouc_block *end, *next;
    NEW_BLOCK(c, end);
    NEW_BLOCK(c, next);
    CHECK(ouc_jump_if(c, e->v.IfExp.test, next, 0));
    VISIT(c, e->v.IfExp.body);
    OuCodePos saved = c->u->loc;
    OUC_UNSET_LOC(c);
    ADDOP_JUMP(c, OUC_JUMP, end);
    c->u->loc = saved;
    USE_BLOCK(c, next);
    VISIT(c, e->v.IfExp.orelse);
    USE_BLOCK(c, end);
    return 0;
}

/* ---- calls ---- */

static int validate_keywords(ouc_compiler *c, OuAst_seq *keywords)
{
    Ou_ssize_t n = OUAST_SEQ_LEN(keywords);
    for (Ou_ssize_t i = 0; i < n; i++) {
        OuAst_keyword *k = OUAST_SEQ_GET_T(OuAst_keyword, keywords, i);
        if (!k->arg)
            continue;
        for (Ou_ssize_t j = i + 1; j < n; j++) {
            OuAst_keyword *o = OUAST_SEQ_GET_T(OuAst_keyword, keywords, j);
            if (o->arg && strcmp(k->arg, o->arg) == 0) {
                OUC_SET_LOC(c, o);
                return ouc_error(c, "keyword argument repeated: %s", k->arg);
            }
        }
    }
    return 0;
}

static int kw_names(ouc_compiler *c, OuAst_seq *keywords, Ou_ssize_t begin, Ou_ssize_t end, OuObject **out)
{
    OuObject *t = OuTuple_New(end - begin);
    if (!t)
        return -1;
    for (Ou_ssize_t i = begin; i < end; i++) {
        OuObject *s = ouc_str_from_utf8(OUAST_SEQ_GET_T(OuAst_keyword, keywords, i)->arg);
        if (!s) {
            OU_DECREF(t);
            return -1;
        }
        OU_TUPLE_SET(t, i - begin, s);
    }
    *out = t;
    return 0;
}

static int call_simple_kw_helper(ouc_compiler *c, OuAst_seq *keywords)
{
    OuObject *t;
    CHECK(kw_names(c, keywords, 0, OUAST_SEQ_LEN(keywords), &t));
    int idx = ouc_add_const(c, t);
    OU_DECREF(t);
    CHECK(idx);
    ADDOP_I(c, OP_KW_NAMES, idx);
    return 0;
}

static int compile_subkwargs(ouc_compiler *c, OuAst_seq *keywords, Ou_ssize_t begin, Ou_ssize_t end)
{
    Ou_ssize_t n = end - begin;
    int big = n * 2 > OUC_STACK_USE_GUIDELINE;
    if (n > 1 && !big) {
        for (Ou_ssize_t i = begin; i < end; i++)
            VISIT(c, OUAST_SEQ_GET_T(OuAst_keyword, keywords, i)->value);
        OuObject *t;
        CHECK(kw_names(c, keywords, begin, end, &t));
        ADDOP_CONST_NEW(c, t);
        ADDOP_I(c, OP_BUILD_CONST_KEY_MAP, (int)n);
        return 0;
    }
    if (big)
        ADDOP_I(c, OP_BUILD_MAP, 0);
    for (Ou_ssize_t i = begin; i < end; i++) {
        OuAst_keyword *k = OUAST_SEQ_GET_T(OuAst_keyword, keywords, i);
        ADDOP_CONST_NEW(c, ouc_str_from_utf8(k->arg));
        VISIT(c, k->value);
        if (big)
            ADDOP_I(c, OP_MAP_ADD, 1);
    }
    if (!big)
        ADDOP_I(c, OP_BUILD_MAP, (int)n);
    return 0;
}

int ouc_call_helper(ouc_compiler *c, int n, OuAst_seq *args, OuAst_seq *keywords)
{
    CHECK(validate_keywords(c, keywords));
    Ou_ssize_t nelts = OUAST_SEQ_LEN(args), nkw = OUAST_SEQ_LEN(keywords);
    int ex = nelts + nkw * 2 > OUC_STACK_USE_GUIDELINE || has_starred(args);
    for (Ou_ssize_t i = 0; i < nkw && !ex; i++)
        if (!OUAST_SEQ_GET_T(OuAst_keyword, keywords, i)->arg)
            ex = 1;
    if (!ex) {
        for (Ou_ssize_t i = 0; i < nelts; i++)
            VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, args, i));
        if (nkw) {
            for (Ou_ssize_t i = 0; i < nkw; i++)
                VISIT(c, OUAST_SEQ_GET_T(OuAst_keyword, keywords, i)->value);
            CHECK(call_simple_kw_helper(c, keywords));
        }
        ADDOP_I(c, OP_CALL, n + (int)nelts + (int)nkw);
        return 0;
    }
    /* positional arguments as one tuple */
    if (n == 0 && nelts == 1 && OUAST_SEQ_GET_T(OuAst_expr, args, 0)->kind == OuAst_Starred_kind)
        VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, args, 0)->v.Starred.value);
    else
        CHECK(starunpack_helper(c, args, n, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND, 1));
    /* keyword arguments as one dict */
    if (nkw) {
        int have_dict = 0;
        Ou_ssize_t nseen = 0;
        for (Ou_ssize_t i = 0; i < nkw; i++) {
            OuAst_keyword *k = OUAST_SEQ_GET_T(OuAst_keyword, keywords, i);
            if (k->arg) {
                nseen++;
                continue;
            }
            if (nseen) {
                CHECK(compile_subkwargs(c, keywords, i - nseen, i));
                if (have_dict)
                    ADDOP_I(c, OP_DICT_MERGE, 1);
                have_dict = 1;
                nseen = 0;
            }
            if (!have_dict) {
                ADDOP_I(c, OP_BUILD_MAP, 0);
                have_dict = 1;
            }
            VISIT(c, k->value);
            ADDOP_I(c, OP_DICT_MERGE, 1);
        }
        if (nseen) {
            CHECK(compile_subkwargs(c, keywords, nkw - nseen, nkw));
            if (have_dict)
                ADDOP_I(c, OP_DICT_MERGE, 1);
        }
    }
    ADDOP_I(c, OP_CALL_FUNCTION_EX, nkw > 0);
    return 0;
}

/* obj.meth(args) as LOAD_METHOD + CALL; 1 when done, 0 when not applicable. */
static int maybe_method_call(ouc_compiler *c, OuAst_expr *e)
{
    OuAst_expr *meth = e->v.Call.func;
    OuAst_seq *args = e->v.Call.args, *kws = e->v.Call.keywords;
    if (meth->kind != OuAst_Attribute_kind || meth->v.Attribute.ctx != OuAst_Load)
        return 0;
    Ou_ssize_t argsl = OUAST_SEQ_LEN(args), kwdsl = OUAST_SEQ_LEN(kws);
    if (argsl + kwdsl + (kwdsl != 0) >= OUC_STACK_USE_GUIDELINE || has_starred(args))
        return 0;
    for (Ou_ssize_t i = 0; i < kwdsl; i++)
        if (!OUAST_SEQ_GET_T(OuAst_keyword, kws, i)->arg)
            return 0;
    CHECK(validate_keywords(c, kws));
    VISIT(c, meth->v.Attribute.value);
    ouc_loc_match_attr(c, meth);
    ADDOP_NAME(c, OP_LOAD_METHOD, meth->v.Attribute.attr);
    for (Ou_ssize_t i = 0; i < argsl; i++)
        VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, args, i));
    if (kwdsl) {
        for (Ou_ssize_t i = 0; i < kwdsl; i++)
            VISIT(c, OUAST_SEQ_GET_T(OuAst_keyword, kws, i)->value);
        CHECK(call_simple_kw_helper(c, kws));
    }
    ADDOP_I(c, OP_CALL, (int)(argsl + kwdsl));
    return 1;
}

static int compile_call(ouc_compiler *c, OuAst_expr *e)
{
    int r = maybe_method_call(c, e);
    if (r != 0)
        return r < 0 ? -1 : 0;
    OUC_SET_LOC(c, e->v.Call.func);
    ADDOP(c, OP_PUSH_NULL);
    OUC_SET_LOC(c, e);
    VISIT(c, e->v.Call.func);
    return ouc_call_helper(c, 0, e->v.Call.args, e->v.Call.keywords);
}

/* ---- yield, await ---- */

int ouc_add_yield_from(ouc_compiler *c, int await)
{
    ouc_block *start, *resume, *exit;
    NEW_BLOCK(c, start);
    NEW_BLOCK(c, resume);
    NEW_BLOCK(c, exit);
    USE_BLOCK(c, start);
    ADDOP_JUMP(c, OP_SEND, exit);
    USE_BLOCK(c, resume);
    ADDOP(c, OP_YIELD_VALUE);
    ADDOP_I(c, OP_RESUME, await ? 3 : 2);
    ADDOP_JUMP(c, OUC_JUMP, start);
    USE_BLOCK(c, exit);
    return 0;
}

static int addop_yield(ouc_compiler *c)
{
    if (c->u->ste->generator && c->u->ste->coroutine)
        ADDOP(c, OP_ASYNC_GEN_WRAP);
    ADDOP(c, OP_YIELD_VALUE);
    ADDOP_I(c, OP_RESUME, 1);
    return 0;
}

/* ---- comprehensions ---- */

static int comprehension_generator(ouc_compiler *c, OuAst_seq *gens, Ou_ssize_t idx, int depth,
                                   OuAst_expr *elt, OuAst_expr *val, int type);

static int comprehension_body_end(ouc_compiler *c, OuAst_seq *gens, Ou_ssize_t idx, int depth,
                                  OuAst_expr *elt, OuAst_expr *val, int type)
{
    if (++idx < OUAST_SEQ_LEN(gens))
        return comprehension_generator(c, gens, idx, depth, elt, val, type);
    switch (type) {
    case OU_COMP_GENEXP:
        VISIT(c, elt);
        CHECK(addop_yield(c));
        ADDOP(c, OP_POP_TOP);
        break;
    case OU_COMP_LIST:
        VISIT(c, elt);
        ADDOP_I(c, OP_LIST_APPEND, depth + 1);
        break;
    case OU_COMP_SET:
        VISIT(c, elt);
        ADDOP_I(c, OP_SET_ADD, depth + 1);
        break;
    case OU_COMP_DICT:
        VISIT(c, elt);
        VISIT(c, val);
        ADDOP_I(c, OP_MAP_ADD, depth + 1);
        break;
    }
    return 0;
}

static int sync_comprehension_generator(ouc_compiler *c, OuAst_seq *gens, Ou_ssize_t idx, int depth,
                                        OuAst_expr *elt, OuAst_expr *val, int type)
{
    OuAst_comprehension *gen = OUAST_SEQ_GET_T(OuAst_comprehension, gens, idx);
    ouc_block *start, *if_cleanup, *anchor;
    NEW_BLOCK(c, start);
    NEW_BLOCK(c, if_cleanup);
    NEW_BLOCK(c, anchor);
    if (idx == 0) {
        c->u->argcount = 1;
        ADDOP_I(c, OP_LOAD_FAST, 0);
    } else {
        OuAst_seq *elts = gen->iter->kind == OuAst_List_kind ? gen->iter->v.List.elts
                        : gen->iter->kind == OuAst_Tuple_kind ? gen->iter->v.Tuple.elts : NULL;
        if (OUAST_SEQ_LEN(elts) == 1 && OUAST_SEQ_GET_T(OuAst_expr, elts, 0)->kind != OuAst_Starred_kind) {
            VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, elts, 0));
            start = NULL;
        } else {
            CHECK(ouc_visit_iter(c, gen->iter));
            ADDOP(c, OP_GET_ITER);
        }
    }
    if (start) {
        depth++;
        USE_BLOCK(c, start);
        ADDOP_JUMP(c, OP_FOR_ITER, anchor);
    }
    VISIT(c, gen->target);
    for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(gen->ifs); i++)
        CHECK(ouc_jump_if(c, OUAST_SEQ_GET_T(OuAst_expr, gen->ifs, i), if_cleanup, 0));
    CHECK(comprehension_body_end(c, gens, idx, depth, elt, val, type));
    USE_BLOCK(c, if_cleanup);
    if (start) {
        ADDOP_JUMP(c, OUC_JUMP, start);
        USE_BLOCK(c, anchor);
    }
    return 0;
}

static int async_comprehension_generator(ouc_compiler *c, OuAst_seq *gens, Ou_ssize_t idx, int depth,
                                         OuAst_expr *elt, OuAst_expr *val, int type)
{
    OuAst_comprehension *gen = OUAST_SEQ_GET_T(OuAst_comprehension, gens, idx);
    ouc_block *start, *except, *if_cleanup;
    NEW_BLOCK(c, start);
    NEW_BLOCK(c, except);
    NEW_BLOCK(c, if_cleanup);
    if (idx == 0) {
        c->u->argcount = 1;
        ADDOP_I(c, OP_LOAD_FAST, 0);
    } else {
        VISIT(c, gen->iter);
        ADDOP(c, OP_GET_AITER);
    }
    USE_BLOCK(c, start);
    CHECK(ouc_push_fblock(c, OUC_FB_ASYNC_COMPREHENSION_GENERATOR, start, NULL, NULL));
    ADDOP_JUMP(c, OUC_SETUP_FINALLY, except);
    ADDOP(c, OP_GET_ANEXT);
    ADDOP_CONST(c, OU_NONE);
    CHECK(ouc_add_yield_from(c, 1));
    ADDOP(c, OUC_POP_BLOCK);
    VISIT(c, gen->target);
    for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(gen->ifs); i++)
        CHECK(ouc_jump_if(c, OUAST_SEQ_GET_T(OuAst_expr, gen->ifs, i), if_cleanup, 0));
    depth++;
    CHECK(comprehension_body_end(c, gens, idx, depth, elt, val, type));
    USE_BLOCK(c, if_cleanup);
    ADDOP_JUMP(c, OUC_JUMP, start);
    ouc_pop_fblock(c);
    USE_BLOCK(c, except);
    ADDOP(c, OP_END_ASYNC_FOR);
    return 0;
}

static int comprehension_generator(ouc_compiler *c, OuAst_seq *gens, Ou_ssize_t idx, int depth,
                                   OuAst_expr *elt, OuAst_expr *val, int type)
{
    OuAst_comprehension *gen = OUAST_SEQ_GET_T(OuAst_comprehension, gens, idx);
    if (gen->is_async)
        return async_comprehension_generator(c, gens, idx, depth, elt, val, type);
    return sync_comprehension_generator(c, gens, idx, depth, elt, val, type);
}

static int compile_comprehension(ouc_compiler *c, OuAst_expr *e, int type, const char *name,
                                 OuAst_seq *gens, OuAst_expr *elt, OuAst_expr *val)
{
    OuAst_comprehension *outer = OUAST_SEQ_GET_T(OuAst_comprehension, gens, 0);
    int outer_scope = c->u->scope_type;
    if (ouc_enter_scope(c, name, OUC_SCOPE_COMPREHENSION, e, e->lineno) < 0)
        goto error;
    int is_async_gen = c->u->ste->coroutine;
    if (is_async_gen && type != OU_COMP_GENEXP && outer_scope != OUC_SCOPE_ASYNC_FUNCTION &&
        outer_scope != OUC_SCOPE_COMPREHENSION) {
        OUC_SET_LOC(c, e);
        ouc_error(c, "asynchronous comprehension outside of an asynchronous function");
        goto error;
    }
    if (type != OU_COMP_GENEXP) {
        int op = type == OU_COMP_LIST ? OP_BUILD_LIST : type == OU_COMP_SET ? OP_BUILD_SET : OP_BUILD_MAP;
        if (ouc_addop(c, op, 0) < 0)
            goto error;
    }
    if (comprehension_generator(c, gens, 0, 0, elt, val, type) < 0)
        goto error;
    if (type != OU_COMP_GENEXP && ouc_addop(c, OP_RETURN_VALUE, 0) < 0)
        goto error;
    OuObject *co = ouc_assemble(c, 1);
    ouc_exit_scope(c);
    if (!co)
        return -1;
    int r = ouc_make_closure(c, co, 0);
    OU_DECREF(co);
    CHECK(r);
    CHECK(ouc_visit_iter(c, outer->iter));
    ADDOP(c, outer->is_async ? OP_GET_AITER : OP_GET_ITER);
    ADDOP_I(c, OP_CALL, 0);
    if (is_async_gen && type != OU_COMP_GENEXP) {
        ADDOP_I(c, OP_GET_AWAITABLE, 0);
        ADDOP_CONST(c, OU_NONE);
        CHECK(ouc_add_yield_from(c, 1));
    }
    return 0;
error:
    ouc_exit_scope(c);
    return -1;
}

static int compile_lambda(ouc_compiler *c, OuAst_expr *e)
{
    OuAst_arguments *args = e->v.Lambda.args;
    int flags = 0;
    CHECK(ouc_default_arguments(c, args, &flags));
    if (ouc_enter_scope(c, "<lambda>", OUC_SCOPE_LAMBDA, e, e->lineno) < 0)
        goto error;
    if (ouc_add_const(c, OU_NONE) < 0)
        goto error;
    c->u->argcount = (int)OUAST_SEQ_LEN(args->args);
    c->u->posonlyargcount = (int)OUAST_SEQ_LEN(args->posonlyargs);
    c->u->kwonlyargcount = (int)OUAST_SEQ_LEN(args->kwonlyargs);
    if (ouc_visit_expr(c, e->v.Lambda.body) < 0)
        goto error;
    OuObject *co;
    if (c->u->ste->generator) {
        co = ouc_assemble(c, 0);
    } else {
        if (ouc_addop(c, OP_RETURN_VALUE, 0) < 0)
            goto error;
        co = ouc_assemble(c, 1);
    }
    ouc_exit_scope(c);
    if (!co)
        return -1;
    int r = ouc_make_closure(c, co, flags);
    OU_DECREF(co);
    return r;
error:
    ouc_exit_scope(c);
    return -1;
}

/* ---- f-strings ---- */

static int compile_joined_str(ouc_compiler *c, OuAst_expr *e)
{
    OuAst_seq *values = e->v.JoinedStr.values;
    Ou_ssize_t n = OUAST_SEQ_LEN(values);
    if (n > OUC_STACK_USE_GUIDELINE) {
        ADDOP_CONST_NEW(c, OuStr_FromUTF8(""));
        ADDOP_NAME(c, OP_LOAD_METHOD, "join");
        ADDOP_I(c, OP_BUILD_LIST, 0);
        for (Ou_ssize_t i = 0; i < n; i++) {
            VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, values, i));
            ADDOP_I(c, OP_LIST_APPEND, 1);
        }
        ADDOP_I(c, OP_CALL, 1);
        return 0;
    }
    for (Ou_ssize_t i = 0; i < n; i++)
        VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, values, i));
    if (n != 1)
        ADDOP_I(c, OP_BUILD_STRING, (int)n);
    return 0;
}

static int compile_formatted_value(ouc_compiler *c, OuAst_expr *e)
{
    VISIT(c, e->v.FormattedValue.value);
    int conv = e->v.FormattedValue.conversion, oparg;
    switch (conv) {
    case 's': oparg = 1; break;
    case 'r': oparg = 2; break;
    case 'a': oparg = 3; break;
    default: oparg = 0; break;
    }
    if (e->v.FormattedValue.format_spec) {
        VISIT(c, e->v.FormattedValue.format_spec);
        oparg |= 4;
    }
    ADDOP_I(c, OP_FORMAT_VALUE, oparg);
    return 0;
}

/* ---- the dispatcher ---- */

static int visit_expr1(ouc_compiler *c, OuAst_expr *e)
{
    switch (e->kind) {
    case OuAst_Constant_kind: case OuAst_UnaryOp_kind: case OuAst_BinOp_kind:
    case OuAst_Tuple_kind: case OuAst_Subscript_kind: case OuAst_Name_kind: {
        int err = 0;
        OuObject *k = ouc_fold(c, e, &err);
        if (err)
            return -1;
        if (k)
            return ouc_addop_const_new(c, k);
        break;
    }
    default:
        break;
    }
    switch (e->kind) {
    case OuAst_NamedExpr_kind:
        VISIT(c, e->v.NamedExpr.value);
        ADDOP_I(c, OP_COPY, 1);
        VISIT(c, e->v.NamedExpr.target);
        return 0;
    case OuAst_BoolOp_kind:
        return compile_boolop(c, e);
    case OuAst_BinOp_kind:
        VISIT(c, e->v.BinOp.left);
        VISIT(c, e->v.BinOp.right);
        ADDOP_I(c, OP_BINARY_OP, binop_arg(e->v.BinOp.op));
        return 0;
    case OuAst_UnaryOp_kind: {
        OuAst_expr *o = e->v.UnaryOp.operand;
        if (e->v.UnaryOp.op == OuAst_Not && o->kind == OuAst_Compare_kind &&
            OUAST_SEQ_LEN(o->v.Compare.ops) == 1) {
            int op = OUAST_SEQ_GET_INT(o->v.Compare.ops, 0);
            if (op == OuAst_Is || op == OuAst_IsNot || op == OuAst_In || op == OuAst_NotIn) {
                VISIT(c, o->v.Compare.left);
                OuAst_expr *r = OUAST_SEQ_GET_T(OuAst_expr, o->v.Compare.comparators, 0);
                if (op == OuAst_In || op == OuAst_NotIn) {
                    CHECK(ouc_visit_iter(c, r));
                    ADDOP_I(c, OP_CONTAINS_OP, op == OuAst_In);
                } else {
                    VISIT(c, r);
                    ADDOP_I(c, OP_IS_OP, op == OuAst_Is);
                }
                return 0;
            }
        }
        VISIT(c, o);
        switch (e->v.UnaryOp.op) {
        case OuAst_Invert: ADDOP(c, OP_UNARY_INVERT); break;
        case OuAst_Not: ADDOP(c, OP_UNARY_NOT); break;
        case OuAst_UAdd: ADDOP(c, OP_UNARY_POSITIVE); break;
        case OuAst_USub: ADDOP(c, OP_UNARY_NEGATIVE); break;
        }
        return 0;
    }
    case OuAst_Lambda_kind:
        return compile_lambda(c, e);
    case OuAst_IfExp_kind:
        return compile_ifexp(c, e);
    case OuAst_Dict_kind:
        return compile_dict(c, e);
    case OuAst_Set_kind:
        return starunpack_helper(c, e->v.Set.elts, 0, OP_BUILD_SET, OP_SET_ADD, OP_SET_UPDATE, 0);
    case OuAst_GeneratorExp_kind:
        return compile_comprehension(c, e, OU_COMP_GENEXP, "<genexpr>", e->v.GeneratorExp.generators,
                                     e->v.GeneratorExp.elt, NULL);
    case OuAst_ListComp_kind:
        return compile_comprehension(c, e, OU_COMP_LIST, "<listcomp>", e->v.ListComp.generators,
                                     e->v.ListComp.elt, NULL);
    case OuAst_SetComp_kind:
        return compile_comprehension(c, e, OU_COMP_SET, "<setcomp>", e->v.SetComp.generators,
                                     e->v.SetComp.elt, NULL);
    case OuAst_DictComp_kind:
        return compile_comprehension(c, e, OU_COMP_DICT, "<dictcomp>", e->v.DictComp.generators,
                                     e->v.DictComp.key, e->v.DictComp.value);
    case OuAst_Yield_kind:
        if (c->u->ste->type != OU_BLOCK_FUNCTION)
            return ouc_error(c, "'yield' outside function");
        if (e->v.Yield.value)
            VISIT(c, e->v.Yield.value);
        else
            ADDOP_CONST(c, OU_NONE);
        return addop_yield(c);
    case OuAst_YieldFrom_kind:
        if (c->u->ste->type != OU_BLOCK_FUNCTION)
            return ouc_error(c, "'yield' outside function");
        if (c->u->scope_type == OUC_SCOPE_ASYNC_FUNCTION)
            return ouc_error(c, "'yield from' inside async function");
        VISIT(c, e->v.YieldFrom.value);
        ADDOP(c, OP_GET_YIELD_FROM_ITER);
        ADDOP_CONST(c, OU_NONE);
        return ouc_add_yield_from(c, 0);
    case OuAst_Await_kind:
        if (c->u->ste->type != OU_BLOCK_FUNCTION)
            return ouc_error(c, "'await' outside function");
        if (c->u->scope_type != OUC_SCOPE_ASYNC_FUNCTION && c->u->scope_type != OUC_SCOPE_COMPREHENSION)
            return ouc_error(c, "'await' outside async function");
        VISIT(c, e->v.Await.value);
        ADDOP_I(c, OP_GET_AWAITABLE, 0);
        ADDOP_CONST(c, OU_NONE);
        return ouc_add_yield_from(c, 1);
    case OuAst_Compare_kind:
        return compile_compare(c, e);
    case OuAst_Call_kind:
        return compile_call(c, e);
    case OuAst_FormattedValue_kind:
        return compile_formatted_value(c, e);
    case OuAst_JoinedStr_kind:
        return compile_joined_str(c, e);
    case OuAst_Constant_kind:
        return 0;   /* handled by folding above */
    case OuAst_Attribute_kind: {
        VISIT(c, e->v.Attribute.value);
        ouc_loc_match_attr(c, e);
        int ctx = e->v.Attribute.ctx;
        if (ctx == OuAst_Store && strcmp(e->v.Attribute.attr, "__debug__") == 0)
            return ouc_error(c, "cannot assign to __debug__");
        ADDOP_NAME(c, ctx == OuAst_Load ? OP_LOAD_ATTR : ctx == OuAst_Store ? OP_STORE_ATTR : OP_DELETE_ATTR,
                   e->v.Attribute.attr);
        return 0;
    }
    case OuAst_Subscript_kind: {
        int ctx = e->v.Subscript.ctx;
        VISIT(c, e->v.Subscript.value);
        VISIT(c, e->v.Subscript.slice);
        ADDOP(c, ctx == OuAst_Load ? OP_BINARY_SUBSCR : ctx == OuAst_Store ? OP_STORE_SUBSCR : OP_DELETE_SUBSCR);
        return 0;
    }
    case OuAst_Starred_kind:
        if (e->v.Starred.ctx == OuAst_Store)
            return ouc_error(c, "starred assignment target must be in a list or tuple");
        return ouc_error(c, "can't use starred expression here");
    case OuAst_Name_kind:
        return ouc_nameop(c, e->v.Name.id, e->v.Name.ctx);
    case OuAst_List_kind:
        return compile_sequence(c, e->v.List.elts, e->v.List.ctx, 0);
    case OuAst_Tuple_kind:
        return compile_sequence(c, e->v.Tuple.elts, e->v.Tuple.ctx, 1);
    case OuAst_Slice_kind: {
        int n = 2;
        if (e->v.Slice.lower)
            VISIT(c, e->v.Slice.lower);
        else
            ADDOP_CONST(c, OU_NONE);
        if (e->v.Slice.upper)
            VISIT(c, e->v.Slice.upper);
        else
            ADDOP_CONST(c, OU_NONE);
        if (e->v.Slice.step) {
            VISIT(c, e->v.Slice.step);
            n++;
        }
        ADDOP_I(c, OP_BUILD_SLICE, n);
        return 0;
    }
    }
    OuErr_SetString(OuExc_SystemError, "compiler: unknown expression kind");
    return -1;
}

int ouc_visit_expr(ouc_compiler *c, OuAst_expr *e)
{
    OuCodePos saved = c->u->loc;
    OUC_SET_LOC(c, e);
    int r = visit_expr1(c, e);
    c->u->loc = saved;
    return r;
}

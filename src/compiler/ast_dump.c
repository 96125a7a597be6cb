/*
 * ast_dump.c -- the text of Python 3.11's ast.dump(tree) for an OuAst tree
 * (annotate_fields=True, no indent; optional fields that are None are
 * left out, as ast.dump does). OuAst_DumpEx can add the location
 * attributes (include_attributes=True). Values are printed with Python's
 * repr rules (str/bytes quoting, shortest float repr, ints in decimal).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compiler/ast.h"
#include "compiler/tokenizer.h"
#include "objects/unicodectype.h"

typedef struct {
    char *s;
    size_t n, cap;
    int oom;
    int attrs;
} DB;

static void putn(DB *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *ns = (char *)realloc(b->s, cap);
        if (!ns) {
            b->oom = 1;
            return;
        }
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void put(DB *b, const char *s) { putn(b, s, strlen(s)); }

static void putf(DB *b, const char *fmt, long long v)
{
    char t[64];
    snprintf(t, sizeof t, fmt, v);
    put(b, t);
}

/* ---- value reprs ---------------------------------------------------------- */

/* Python's repr of a str given as (surrogate-permissive) UTF-8. */
static void repr_str(DB *b, const char *s, size_t n)
{
    int has_sq = memchr(s, '\'', n) != NULL, has_dq = memchr(s, '"', n) != NULL;
    char q = (has_sq && !has_dq) ? '"' : '\'';
    putn(b, &q, 1);
    const char *e = s + n;
    while (s < e) {
        unsigned char c = (unsigned char)*s;
        char t[16];
        if (c < 0x80) {
            s++;
            if (c == (unsigned char)q || c == '\\') { t[0] = '\\'; t[1] = (char)c; putn(b, t, 2); }
            else if (c == '\n') put(b, "\\n");
            else if (c == '\r') put(b, "\\r");
            else if (c == '\t') put(b, "\\t");
            else if (c < 0x20 || c == 0x7f) { snprintf(t, sizeof t, "\\x%02x", c); put(b, t); }
            else putn(b, (const char *)&c, 1);
            continue;
        }
        /* decode, accepting encoded surrogates */
        uint32_t cp;
        int len;
        if ((c & 0xE0) == 0xC0 && e - s >= 2) { cp = ((c & 0x1Fu) << 6) | (s[1] & 0x3F); len = 2; }
        else if ((c & 0xF0) == 0xE0 && e - s >= 3) {
            cp = ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3F); len = 3;
        } else if ((c & 0xF8) == 0xF0 && e - s >= 4) {
            cp = ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3F);
            len = 4;
        } else { cp = c; len = 1; }
        int surrogate = cp >= 0xD800 && cp <= 0xDFFF;
        if (!surrogate && OuUnicode_IsPrintable(cp)) {
            putn(b, s, (size_t)len);
        } else {
            if (cp < 0x100) snprintf(t, sizeof t, "\\x%02x", cp);
            else if (cp < 0x10000) snprintf(t, sizeof t, "\\u%04x", cp);
            else snprintf(t, sizeof t, "\\U%08x", cp);
            put(b, t);
        }
        s += len;
    }
    putn(b, &q, 1);
}

static void repr_bytes(DB *b, const char *s, size_t n)
{
    int has_sq = memchr(s, '\'', n) != NULL, has_dq = memchr(s, '"', n) != NULL;
    char q = (has_sq && !has_dq) ? '"' : '\'';
    put(b, "b");
    putn(b, &q, 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char t[8];
        if (c == (unsigned char)q || c == '\\') { t[0] = '\\'; t[1] = (char)c; putn(b, t, 2); }
        else if (c == '\n') put(b, "\\n");
        else if (c == '\r') put(b, "\\r");
        else if (c == '\t') put(b, "\\t");
        else if (c < 0x20 || c >= 0x7f) { snprintf(t, sizeof t, "\\x%02x", c); put(b, t); }
        else putn(b, (const char *)&c, 1);
    }
    putn(b, &q, 1);
}

/* repr(float) (add_dot: ".0" for integral values; complex parts omit it) */
static void repr_float(DB *b, double x, int add_dot)
{
    if (isinf(x)) { put(b, x > 0 ? "inf" : "-inf"); return; }
    if (isnan(x)) { put(b, "nan"); return; }
    char t[64];
    int prec;
    for (prec = 1; prec <= 17; prec++) {
        snprintf(t, sizeof t, "%.*e", prec - 1, x);
        if (strtod(t, NULL) == x)
            break;
    }
    /* t = [-]d.ddde[+-]XX */
    char digits[32];
    int nd = 0, neg = 0;
    const char *q = t;
    if (*q == '-') { neg = 1; q++; }
    while (*q && *q != 'e') {
        if (*q != '.')
            digits[nd++] = *q;
        q++;
    }
    int exp10 = atoi(q + 1);
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    digits[nd] = '\0';
    if (neg)
        put(b, "-");
    int decpt = exp10 + 1;
    if (exp10 >= -4 && exp10 < 16) {
        if (decpt <= 0) {
            put(b, "0.");
            for (int i = 0; i < -decpt; i++)
                put(b, "0");
            put(b, digits);
        } else if (decpt >= nd) {
            put(b, digits);
            for (int i = nd; i < decpt; i++)
                put(b, "0");
            if (add_dot)
                put(b, ".0");
        } else {
            putn(b, digits, (size_t)decpt);
            put(b, ".");
            put(b, digits + decpt);
        }
    } else {
        putn(b, digits, 1);
        if (nd > 1) {
            put(b, ".");
            put(b, digits + 1);
        }
        snprintf(t, sizeof t, "e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
        put(b, t);
    }
}

/* An int literal's text ("0x1f", "1000") in decimal. */
static void repr_int(DB *b, const char *s, size_t n)
{
    int base = 10;
    if (n > 1 && s[0] == '0') {
        char k = (char)(s[1] | 0x20);
        if (k == 'x') base = 16; else if (k == 'o') base = 8; else if (k == 'b') base = 2;
        if (base != 10) { s += 2; n -= 2; }
    }
    if (base == 10) {
        while (n > 1 && *s == '0') { s++; n--; }
        putn(b, s, n);
        return;
    }
    /* little-endian base 1e9 limbs */
    size_t cap = n / 2 + 2, used = 1;
    uint32_t *limb = (uint32_t *)calloc(cap, sizeof(uint32_t));
    if (!limb) { b->oom = 1; return; }
    for (size_t i = 0; i < n; i++) {
        int c = s[i];
        int d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        uint64_t carry = (uint64_t)d;
        for (size_t j = 0; j < used; j++) {
            uint64_t v = (uint64_t)limb[j] * (uint64_t)base + carry;
            limb[j] = (uint32_t)(v % 1000000000u);
            carry = v / 1000000000u;
        }
        if (carry && used < cap)
            limb[used++] = (uint32_t)carry;
    }
    char t[16];
    snprintf(t, sizeof t, "%u", limb[used - 1]);
    put(b, t);
    for (size_t j = used - 1; j-- > 0;) {
        snprintf(t, sizeof t, "%09u", limb[j]);
        put(b, t);
    }
    free(limb);
}

static void repr_constant(DB *b, const OuAst_constant *k)
{
    switch (k->kind) {
    case OU_CONST_NONE: put(b, "None"); break;
    case OU_CONST_TRUE: put(b, "True"); break;
    case OU_CONST_FALSE: put(b, "False"); break;
    case OU_CONST_ELLIPSIS: put(b, "Ellipsis"); break;
    case OU_CONST_INT: repr_int(b, k->data, (size_t)k->len); break;
    case OU_CONST_FLOAT: repr_float(b, k->f, 1); break;
    case OU_CONST_COMPLEX: repr_float(b, k->f, 0); put(b, "j"); break;
    case OU_CONST_STR: repr_str(b, k->data, (size_t)k->len); break;
    case OU_CONST_BYTES: repr_bytes(b, k->data, (size_t)k->len); break;
    }
}

/* ---- nodes -------------------------------------------------------------- */

static void d_expr(DB *b, OuAst_expr *e);
static void d_stmt(DB *b, OuAst_stmt *s);
static void d_pattern(DB *b, OuAst_pattern *pt);

typedef void (*dumper)(DB *, void *);

static void d_seq(DB *b, OuAst_seq *s, dumper f)
{
    put(b, "[");
    for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(s); i++) {
        if (i)
            put(b, ", ");
        void *x = s->elements[i];
        if (x == NULL)
            put(b, "None");
        else
            f(b, x);
    }
    put(b, "]");
}

static void d_ident(DB *b, void *s) { repr_str(b, (const char *)s, strlen((const char *)s)); }

/* field helpers: the first field has no leading ", " */
#define BEGIN(name) do { put(b, name "("); } while (0)
#define SEP() do { if (first_) first_ = 0; else put(b, ", "); } while (0)
#define F_EXPR(name, e) do { SEP(); put(b, name "="); d_expr(b, (e)); } while (0)
#define F_OEXPR(name, e) do { if (e) F_EXPR(name, e); } while (0)
#define F_SEQ(name, s, f) do { SEP(); put(b, name "="); d_seq(b, (s), (dumper)(f)); } while (0)
#define F_ID(name, s) do { SEP(); put(b, name "="); d_ident(b, (void *)(s)); } while (0)
#define F_OID(name, s) do { if (s) F_ID(name, s); } while (0)
#define F_INT(name, v) do { SEP(); put(b, name "="); putf(b, "%lld", (long long)(v)); } while (0)
#define F_RAW(name, text) do { SEP(); put(b, name "="); put(b, text); } while (0)

static void d_attrs(DB *b, int first_, int l, int c, int el, int ec)
{
    if (!b->attrs)
        return;
    SEP();
    putf(b, "lineno=%lld", l);
    putf(b, ", col_offset=%lld", c);
    putf(b, ", end_lineno=%lld", el);
    putf(b, ", end_col_offset=%lld", ec);
}

static const char *ctx_name(OuAst_expr_context c)
{
    return c == OuAst_Store ? "Store()" : c == OuAst_Del ? "Del()" : "Load()";
}

static const char *op_name(OuAst_operator op)
{
    static const char *const n[] = { "?", "Add()", "Sub()", "Mult()", "MatMult()", "Div()", "Mod()",
                                     "Pow()", "LShift()", "RShift()", "BitOr()", "BitXor()",
                                     "BitAnd()", "FloorDiv()" };
    return op >= 1 && op <= 13 ? n[op] : "?";
}

static const char *unop_name(OuAst_unaryop op)
{
    static const char *const n[] = { "?", "Invert()", "Not()", "UAdd()", "USub()" };
    return op >= 1 && op <= 4 ? n[op] : "?";
}

static const char *cmpop_name(int op)
{
    static const char *const n[] = { "?", "Eq()", "NotEq()", "Lt()", "LtE()", "Gt()", "GtE()",
                                     "Is()", "IsNot()", "In()", "NotIn()" };
    return op >= 1 && op <= 10 ? n[op] : "?";
}

static void d_arg(DB *b, OuAst_arg *a)
{
    int first_ = 1;
    BEGIN("arg");
    F_ID("arg", a->arg);
    F_OEXPR("annotation", a->annotation);
    F_OID("type_comment", a->type_comment);
    d_attrs(b, first_, a->lineno, a->col_offset, a->end_lineno, a->end_col_offset);
    put(b, ")");
}

static void d_arguments(DB *b, OuAst_arguments *a)
{
    int first_ = 1;
    BEGIN("arguments");
    F_SEQ("posonlyargs", a->posonlyargs, d_arg);
    F_SEQ("args", a->args, d_arg);
    if (a->vararg) { SEP(); put(b, "vararg="); d_arg(b, a->vararg); }
    F_SEQ("kwonlyargs", a->kwonlyargs, d_arg);
    F_SEQ("kw_defaults", a->kw_defaults, d_expr);
    if (a->kwarg) { SEP(); put(b, "kwarg="); d_arg(b, a->kwarg); }
    F_SEQ("defaults", a->defaults, d_expr);
    put(b, ")");
}

static void d_keyword(DB *b, OuAst_keyword *k)
{
    int first_ = 1;
    BEGIN("keyword");
    F_OID("arg", k->arg);
    F_EXPR("value", k->value);
    d_attrs(b, first_, k->lineno, k->col_offset, k->end_lineno, k->end_col_offset);
    put(b, ")");
}

static void d_alias(DB *b, OuAst_alias *a)
{
    int first_ = 1;
    BEGIN("alias");
    F_ID("name", a->name);
    F_OID("asname", a->asname);
    d_attrs(b, first_, a->lineno, a->col_offset, a->end_lineno, a->end_col_offset);
    put(b, ")");
}

static void d_withitem(DB *b, OuAst_withitem *w)
{
    int first_ = 1;
    BEGIN("withitem");
    F_EXPR("context_expr", w->context_expr);
    F_OEXPR("optional_vars", w->optional_vars);
    put(b, ")");
}

static void d_comprehension(DB *b, OuAst_comprehension *c)
{
    int first_ = 1;
    BEGIN("comprehension");
    F_EXPR("target", c->target);
    F_EXPR("iter", c->iter);
    F_SEQ("ifs", c->ifs, d_expr);
    F_INT("is_async", c->is_async);
    put(b, ")");
}

static void d_handler(DB *b, OuAst_excepthandler *h)
{
    int first_ = 1;
    BEGIN("ExceptHandler");
    F_OEXPR("type", h->v.ExceptHandler.type);
    F_OID("name", h->v.ExceptHandler.name);
    F_SEQ("body", h->v.ExceptHandler.body, d_stmt);
    d_attrs(b, first_, h->lineno, h->col_offset, h->end_lineno, h->end_col_offset);
    put(b, ")");
}

static void d_match_case(DB *b, OuAst_match_case *m)
{
    int first_ = 1;
    BEGIN("match_case");
    SEP();
    put(b, "pattern=");
    d_pattern(b, m->pattern);
    F_OEXPR("guard", m->guard);
    F_SEQ("body", m->body, d_stmt);
    put(b, ")");
}

static void d_cmpops(DB *b, OuAst_seq *s)
{
    put(b, "[");
    for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(s); i++) {
        if (i)
            put(b, ", ");
        put(b, cmpop_name(OUAST_SEQ_GET_INT(s, i)));
    }
    put(b, "]");
}

static void d_expr(DB *b, OuAst_expr *e)
{
    int first_ = 1;
    put(b, OuAst_expr_name(e->kind));
    put(b, "(");
    switch (e->kind) {
    case OuAst_BoolOp_kind:
        F_RAW("op", e->v.BoolOp.op == OuAst_And ? "And()" : "Or()");
        F_SEQ("values", e->v.BoolOp.values, d_expr);
        break;
    case OuAst_NamedExpr_kind:
        F_EXPR("target", e->v.NamedExpr.target);
        F_EXPR("value", e->v.NamedExpr.value);
        break;
    case OuAst_BinOp_kind:
        F_EXPR("left", e->v.BinOp.left);
        F_RAW("op", op_name(e->v.BinOp.op));
        F_EXPR("right", e->v.BinOp.right);
        break;
    case OuAst_UnaryOp_kind:
        F_RAW("op", unop_name(e->v.UnaryOp.op));
        F_EXPR("operand", e->v.UnaryOp.operand);
        break;
    case OuAst_Lambda_kind:
        SEP();
        put(b, "args=");
        d_arguments(b, e->v.Lambda.args);
        F_EXPR("body", e->v.Lambda.body);
        break;
    case OuAst_IfExp_kind:
        F_EXPR("test", e->v.IfExp.test);
        F_EXPR("body", e->v.IfExp.body);
        F_EXPR("orelse", e->v.IfExp.orelse);
        break;
    case OuAst_Dict_kind:
        F_SEQ("keys", e->v.Dict.keys, d_expr);
        F_SEQ("values", e->v.Dict.values, d_expr);
        break;
    case OuAst_Set_kind:
        F_SEQ("elts", e->v.Set.elts, d_expr);
        break;
    case OuAst_ListComp_kind:
        F_EXPR("elt", e->v.ListComp.elt);
        F_SEQ("generators", e->v.ListComp.generators, d_comprehension);
        break;
    case OuAst_SetComp_kind:
        F_EXPR("elt", e->v.SetComp.elt);
        F_SEQ("generators", e->v.SetComp.generators, d_comprehension);
        break;
    case OuAst_DictComp_kind:
        F_EXPR("key", e->v.DictComp.key);
        F_EXPR("value", e->v.DictComp.value);
        F_SEQ("generators", e->v.DictComp.generators, d_comprehension);
        break;
    case OuAst_GeneratorExp_kind:
        F_EXPR("elt", e->v.GeneratorExp.elt);
        F_SEQ("generators", e->v.GeneratorExp.generators, d_comprehension);
        break;
    case OuAst_Await_kind:
        F_EXPR("value", e->v.Await.value);
        break;
    case OuAst_Yield_kind:
        F_OEXPR("value", e->v.Yield.value);
        break;
    case OuAst_YieldFrom_kind:
        F_EXPR("value", e->v.YieldFrom.value);
        break;
    case OuAst_Compare_kind:
        F_EXPR("left", e->v.Compare.left);
        SEP();
        put(b, "ops=");
        d_cmpops(b, e->v.Compare.ops);
        F_SEQ("comparators", e->v.Compare.comparators, d_expr);
        break;
    case OuAst_Call_kind:
        F_EXPR("func", e->v.Call.func);
        F_SEQ("args", e->v.Call.args, d_expr);
        F_SEQ("keywords", e->v.Call.keywords, d_keyword);
        break;
    case OuAst_FormattedValue_kind:
        F_EXPR("value", e->v.FormattedValue.value);
        F_INT("conversion", e->v.FormattedValue.conversion);
        F_OEXPR("format_spec", e->v.FormattedValue.format_spec);
        break;
    case OuAst_JoinedStr_kind:
        F_SEQ("values", e->v.JoinedStr.values, d_expr);
        break;
    case OuAst_Constant_kind:
        SEP();
        put(b, "value=");
        repr_constant(b, &e->v.Constant.value);
        F_OID("kind", e->v.Constant.kind);
        break;
    case OuAst_Attribute_kind:
        F_EXPR("value", e->v.Attribute.value);
        F_ID("attr", e->v.Attribute.attr);
        F_RAW("ctx", ctx_name(e->v.Attribute.ctx));
        break;
    case OuAst_Subscript_kind:
        F_EXPR("value", e->v.Subscript.value);
        F_EXPR("slice", e->v.Subscript.slice);
        F_RAW("ctx", ctx_name(e->v.Subscript.ctx));
        break;
    case OuAst_Starred_kind:
        F_EXPR("value", e->v.Starred.value);
        F_RAW("ctx", ctx_name(e->v.Starred.ctx));
        break;
    case OuAst_Name_kind:
        F_ID("id", e->v.Name.id);
        F_RAW("ctx", ctx_name(e->v.Name.ctx));
        break;
    case OuAst_List_kind:
        F_SEQ("elts", e->v.List.elts, d_expr);
        F_RAW("ctx", ctx_name(e->v.List.ctx));
        break;
    case OuAst_Tuple_kind:
        F_SEQ("elts", e->v.Tuple.elts, d_expr);
        F_RAW("ctx", ctx_name(e->v.Tuple.ctx));
        break;
    case OuAst_Slice_kind:
        F_OEXPR("lower", e->v.Slice.lower);
        F_OEXPR("upper", e->v.Slice.upper);
        F_OEXPR("step", e->v.Slice.step);
        break;
    }
    d_attrs(b, first_, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset);
    put(b, ")");
}

static void d_pattern(DB *b, OuAst_pattern *pt)
{
    int first_ = 1;
    put(b, OuAst_pattern_name(pt->kind));
    put(b, "(");
    switch (pt->kind) {
    case OuAst_MatchValue_kind:
        F_EXPR("value", pt->v.MatchValue.value);
        break;
    case OuAst_MatchSingleton_kind:
        SEP();
        put(b, "value=");
        repr_constant(b, &pt->v.MatchSingleton.value);
        break;
    case OuAst_MatchSequence_kind:
        F_SEQ("patterns", pt->v.MatchSequence.patterns, d_pattern);
        break;
    case OuAst_MatchMapping_kind:
        F_SEQ("keys", pt->v.MatchMapping.keys, d_expr);
        F_SEQ("patterns", pt->v.MatchMapping.patterns, d_pattern);
        F_OID("rest", pt->v.MatchMapping.rest);
        break;
    case OuAst_MatchClass_kind:
        F_EXPR("cls", pt->v.MatchClass.cls);
        F_SEQ("patterns", pt->v.MatchClass.patterns, d_pattern);
        F_SEQ("kwd_attrs", pt->v.MatchClass.kwd_attrs, d_ident);
        F_SEQ("kwd_patterns", pt->v.MatchClass.kwd_patterns, d_pattern);
        break;
    case OuAst_MatchStar_kind:
        F_OID("name", pt->v.MatchStar.name);
        break;
    case OuAst_MatchAs_kind:
        if (pt->v.MatchAs.pattern) {
            SEP();
            put(b, "pattern=");
            d_pattern(b, pt->v.MatchAs.pattern);
        }
        F_OID("name", pt->v.MatchAs.name);
        break;
    case OuAst_MatchOr_kind:
        F_SEQ("patterns", pt->v.MatchOr.patterns, d_pattern);
        break;
    }
    d_attrs(b, first_, pt->lineno, pt->col_offset, pt->end_lineno, pt->end_col_offset);
    put(b, ")");
}

static void d_funcdef(DB *b, int *pfirst, const char *name, OuAst_arguments *args,
                      OuAst_seq *body, OuAst_seq *decos, OuAst_expr *returns,
                      const char *type_comment)
{
    int first_ = *pfirst;
    F_ID("name", name);
    SEP();
    put(b, "args=");
    d_arguments(b, args);
    F_SEQ("body", body, d_stmt);
    F_SEQ("decorator_list", decos, d_expr);
    F_OEXPR("returns", returns);
    F_OID("type_comment", type_comment);
    *pfirst = first_;
}

static void d_stmt(DB *b, OuAst_stmt *s)
{
    int first_ = 1;
    put(b, OuAst_stmt_name(s->kind));
    put(b, "(");
    switch (s->kind) {
    case OuAst_FunctionDef_kind:
        d_funcdef(b, &first_, s->v.FunctionDef.name, s->v.FunctionDef.args, s->v.FunctionDef.body,
                  s->v.FunctionDef.decorator_list, s->v.FunctionDef.returns,
                  s->v.FunctionDef.type_comment);
        break;
    case OuAst_AsyncFunctionDef_kind:
        d_funcdef(b, &first_, s->v.AsyncFunctionDef.name, s->v.AsyncFunctionDef.args,
                  s->v.AsyncFunctionDef.body, s->v.AsyncFunctionDef.decorator_list,
                  s->v.AsyncFunctionDef.returns, s->v.AsyncFunctionDef.type_comment);
        break;
    case OuAst_ClassDef_kind:
        F_ID("name", s->v.ClassDef.name);
        F_SEQ("bases", s->v.ClassDef.bases, d_expr);
        F_SEQ("keywords", s->v.ClassDef.keywords, d_keyword);
        F_SEQ("body", s->v.ClassDef.body, d_stmt);
        F_SEQ("decorator_list", s->v.ClassDef.decorator_list, d_expr);
        break;
    case OuAst_Return_kind:
        F_OEXPR("value", s->v.Return.value);
        break;
    case OuAst_Delete_kind:
        F_SEQ("targets", s->v.Delete.targets, d_expr);
        break;
    case OuAst_Assign_kind:
        F_SEQ("targets", s->v.Assign.targets, d_expr);
        F_EXPR("value", s->v.Assign.value);
        F_OID("type_comment", s->v.Assign.type_comment);
        break;
    case OuAst_AugAssign_kind:
        F_EXPR("target", s->v.AugAssign.target);
        F_RAW("op", op_name(s->v.AugAssign.op));
        F_EXPR("value", s->v.AugAssign.value);
        break;
    case OuAst_AnnAssign_kind:
        F_EXPR("target", s->v.AnnAssign.target);
        F_EXPR("annotation", s->v.AnnAssign.annotation);
        F_OEXPR("value", s->v.AnnAssign.value);
        F_INT("simple", s->v.AnnAssign.simple);
        break;
    case OuAst_For_kind: case OuAst_AsyncFor_kind:
        F_EXPR("target", s->v.For.target);
        F_EXPR("iter", s->v.For.iter);
        F_SEQ("body", s->v.For.body, d_stmt);
        F_SEQ("orelse", s->v.For.orelse, d_stmt);
        F_OID("type_comment", s->v.For.type_comment);
        break;
    case OuAst_While_kind:
        F_EXPR("test", s->v.While.test);
        F_SEQ("body", s->v.While.body, d_stmt);
        F_SEQ("orelse", s->v.While.orelse, d_stmt);
        break;
    case OuAst_If_kind:
        F_EXPR("test", s->v.If.test);
        F_SEQ("body", s->v.If.body, d_stmt);
        F_SEQ("orelse", s->v.If.orelse, d_stmt);
        break;
    case OuAst_With_kind: case OuAst_AsyncWith_kind:
        F_SEQ("items", s->v.With.items, d_withitem);
        F_SEQ("body", s->v.With.body, d_stmt);
        F_OID("type_comment", s->v.With.type_comment);
        break;
    case OuAst_Match_kind:
        F_EXPR("subject", s->v.Match.subject);
        F_SEQ("cases", s->v.Match.cases, d_match_case);
        break;
    case OuAst_Raise_kind:
        F_OEXPR("exc", s->v.Raise.exc);
        F_OEXPR("cause", s->v.Raise.cause);
        break;
    case OuAst_Try_kind: case OuAst_TryStar_kind:
        F_SEQ("body", s->v.Try.body, d_stmt);
        F_SEQ("handlers", s->v.Try.handlers, d_handler);
        F_SEQ("orelse", s->v.Try.orelse, d_stmt);
        F_SEQ("finalbody", s->v.Try.finalbody, d_stmt);
        break;
    case OuAst_Assert_kind:
        F_EXPR("test", s->v.Assert.test);
        F_OEXPR("msg", s->v.Assert.msg);
        break;
    case OuAst_Import_kind:
        F_SEQ("names", s->v.Import.names, d_alias);
        break;
    case OuAst_ImportFrom_kind:
        F_OID("module", s->v.ImportFrom.module);
        F_SEQ("names", s->v.ImportFrom.names, d_alias);
        F_INT("level", s->v.ImportFrom.level);
        break;
    case OuAst_Global_kind:
        F_SEQ("names", s->v.Global.names, d_ident);
        break;
    case OuAst_Nonlocal_kind:
        F_SEQ("names", s->v.Nonlocal.names, d_ident);
        break;
    case OuAst_Expr_kind:
        F_EXPR("value", s->v.Expr.value);
        break;
    case OuAst_Pass_kind: case OuAst_Break_kind: case OuAst_Continue_kind:
        break;
    }
    d_attrs(b, first_, s->lineno, s->col_offset, s->end_lineno, s->end_col_offset);
    put(b, ")");
}

static void d_type_ignore(DB *b, OuAst_type_ignore *t)
{
    int first_ = 1;
    BEGIN("TypeIgnore");
    F_INT("lineno", t->v.TypeIgnore.lineno);
    F_ID("tag", t->v.TypeIgnore.tag);
    put(b, ")");
}

/* ast.dump text, with the location attributes when include_attributes. */
char *OuAst_DumpEx(OuAst_mod *mod, int include_attributes)
{
    DB bb = { NULL, 0, 0, 0, include_attributes };
    DB *b = &bb;
    int first_ = 1;
    switch (mod->kind) {
    case OuAst_Module_kind:
        BEGIN("Module");
        F_SEQ("body", mod->v.Module.body, d_stmt);
        F_SEQ("type_ignores", mod->v.Module.type_ignores, d_type_ignore);
        break;
    case OuAst_Interactive_kind:
        BEGIN("Interactive");
        F_SEQ("body", mod->v.Interactive.body, d_stmt);
        break;
    case OuAst_Expression_kind:
        BEGIN("Expression");
        F_EXPR("body", mod->v.Expression.body);
        break;
    case OuAst_FunctionType_kind:
        BEGIN("FunctionType");
        F_SEQ("argtypes", mod->v.FunctionType.argtypes, d_expr);
        F_EXPR("returns", mod->v.FunctionType.returns);
        break;
    }
    put(b, ")");
    if (b->oom) {
        free(b->s);
        return NULL;
    }
    return b->s;
}

char *OuAst_Dump(OuAst_mod *mod)
{
    return OuAst_DumpEx(mod, 0);
}

/*
 * compile.c -- the code generator: compilation units, instruction
 * emission, constants and names, name resolution, and every statement.
 * Expressions are in compile_expr.c, assembly in assemble.c. Defines no
 * types.
 *
 * The code produced follows CPython 3.11's compiler construct by construct
 * (same instructions, same exception-handler regions, same co_consts /
 * co_names / co_varnames order) with the differences listed in
 * vm/opcodes.h (absolute jumps, no cache entries, no MAKE_CELL /
 * COPY_FREE_VARS / RETURN_GENERATOR / PRECALL).
 */
#include "compiler/compile_internal.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Errors                                                             */

int ouc_error(ouc_compiler *c, const char *fmt, ...)
{
    char msg[512];
    va_list va;
    va_start(va, fmt);
    vsnprintf(msg, sizeof msg, fmt, va);
    va_end(va);
    OuCodePos *l = &c->u->loc;
    int lineno = l->lineno > 0 ? l->lineno : 0;
    return Ou_SyntaxErrorAt(c->filename, lineno, l->col, l->end_lineno > 0 ? l->end_lineno : lineno,
                            l->end_col, "%s", msg);
}

/* ------------------------------------------------------------------ */
/* Strings and constants                                              */

static int all_name_chars(const char *s, Ou_ssize_t n)
{
    for (Ou_ssize_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_'))
            return 0;
    }
    return 1;
}

OuObject *ouc_str_from_utf8(const char *s)
{
    OuObject *r = OuStr_FromUTF8(s);
    if (r)
        OuStr_InternInPlace(&r);
    return r;
}

/* Decodes "surrogate-permissive" UTF-8 (lone surrogates as 3-byte
   sequences) into a str. */
static OuObject *str_from_wtf8(const char *s, Ou_ssize_t n)
{
    uint32_t *buf = Ou_Malloc(sizeof(uint32_t) * (size_t)(n + 1));
    if (!buf)
        return OuErr_NoMemory();
    Ou_ssize_t len = 0, i = 0;
    uint32_t maxchar = 0;
    while (i < n) {
        unsigned char b = (unsigned char)s[i];
        uint32_t cp;
        int k;
        if (b < 0x80) { cp = b; k = 1; }
        else if (b < 0xE0) { cp = b & 0x1F; k = 2; }
        else if (b < 0xF0) { cp = b & 0x0F; k = 3; }
        else { cp = b & 0x07; k = 4; }
        for (int j = 1; j < k && i + j < n; j++)
            cp = (cp << 6) | ((unsigned char)s[i + j] & 0x3F);
        i += k;
        buf[len++] = cp;
        if (cp > maxchar)
            maxchar = cp;
    }
    OuObject *r = OuStr_New(len, maxchar);
    if (r) {
        int kind = OU_STR_KIND(r);
        void *data = OU_STR_DATA(r);
        for (Ou_ssize_t j = 0; j < len; j++)
            OU_STR_WRITE(kind, data, j, buf[j]);
    }
    Ou_Free(buf);
    return r;
}

static int has_surrogates(const char *s, Ou_ssize_t n)
{
    for (Ou_ssize_t i = 0; i + 1 < n; i++)
        if ((unsigned char)s[i] == 0xED && (unsigned char)s[i + 1] >= 0xA0)
            return 1;
    return 0;
}

OuObject *ouc_constant_object(const OuAst_constant *k)
{
    switch (k->kind) {
    case OU_CONST_NONE:
        return OU_NEWREF(OU_NONE);
    case OU_CONST_TRUE:
        return OU_NEWREF(OU_TRUE);
    case OU_CONST_FALSE:
        return OU_NEWREF(OU_FALSE);
    case OU_CONST_ELLIPSIS:
        return OU_NEWREF(OU_ELLIPSIS);
    case OU_CONST_INT:
        return OuInt_FromString(k->data, k->len, 0);
    case OU_CONST_FLOAT:
        return OuFloat_FromDouble(k->f);
    case OU_CONST_COMPLEX:
        return OuComplex_FromDoubles(0.0, k->f);
    case OU_CONST_STR: {
        OuObject *r = has_surrogates(k->data, k->len) ? str_from_wtf8(k->data, k->len)
                                                     : OuStr_FromUTF8AndSize(k->data, k->len);
        if (r && all_name_chars(k->data, k->len))
            OuStr_InternInPlace(&r);
        return r;
    }
    case OU_CONST_BYTES:
        return OuBytes_FromStringAndSize(k->data, k->len);
    }
    OuErr_SetString(OuExc_SystemError, "unknown constant kind");
    return NULL;
}

/* Constants are deduplicated by type and value: 1, 1.0, True, 0.0 and
   -0.0 are all distinct; tuples compare element-wise by the same rule. */
static Ou_hash_t const_hash(OuObject *o)
{
    OuTypeObject *t = OU_TYPE(o);
    uint64_t bits[2];
    if (t == &OuFloat_Type) {
        memcpy(bits, &OU_FLOAT_VALUE(o), 8);
        return (Ou_hash_t)(bits[0] ^ (bits[0] >> 29));
    }
    if (t == &OuComplex_Type) {
        memcpy(bits, &((OuComplexObject *)o)->cval, 16);
        return (Ou_hash_t)(bits[0] ^ (bits[1] * 31) ^ (bits[0] >> 29));
    }
    if (t == &OuTuple_Type) {
        uint64_t h = 0x345678;
        for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(o); i++)
            h = (h ^ (uint64_t)const_hash(OU_TUPLE_GET(o, i))) * 1000003;
        return (Ou_hash_t)h;
    }
    if (t == &OuStr_Type || t == &OuInt_Type || t == &OuBytes_Type) {
        Ou_hash_t h = OuObject_Hash(o);
        if (h == -1) {
            OuErr_Clear();
            h = 0;
        }
        return h ^ (Ou_hash_t)(uintptr_t)t;
    }
    return (Ou_hash_t)((uintptr_t)o >> 4);
}

static int const_equal(OuObject *a, OuObject *b)
{
    if (a == b)
        return 1;
    OuTypeObject *t = OU_TYPE(a);
    if (t != OU_TYPE(b))
        return 0;
    if (t == &OuFloat_Type)
        return memcmp(&OU_FLOAT_VALUE(a), &OU_FLOAT_VALUE(b), sizeof(double)) == 0;
    if (t == &OuComplex_Type)
        return memcmp(&((OuComplexObject *)a)->cval, &((OuComplexObject *)b)->cval, sizeof(Ou_complex)) == 0;
    if (t == &OuInt_Type)
        return OuInt_Compare(a, b) == 0;
    if (t == &OuStr_Type)
        return OuStr_Equal(a, b);
    if (t == &OuBytes_Type)
        return OU_BYTES_LEN(a) == OU_BYTES_LEN(b) &&
               memcmp(OU_BYTES_DATA(a), OU_BYTES_DATA(b), (size_t)OU_BYTES_LEN(a)) == 0;
    if (t == &OuTuple_Type) {
        if (OU_TUPLE_LEN(a) != OU_TUPLE_LEN(b))
            return 0;
        for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(a); i++)
            if (!const_equal(OU_TUPLE_GET(a, i), OU_TUPLE_GET(b, i)))
                return 0;
        return 1;
    }
    return 0;
}

static int consts_rehash(ouc_consts *k, int nslots)
{
    int *slots = Ou_Malloc(sizeof(int) * (size_t)nslots);
    if (!slots) {
        OuErr_NoMemory();
        return -1;
    }
    memset(slots, 0, sizeof(int) * (size_t)nslots);
    unsigned mask = (unsigned)nslots - 1;
    for (Ou_ssize_t i = 0; i < OU_LIST_LEN(k->list); i++) {
        unsigned h = (unsigned)const_hash(OU_LIST_GET(k->list, i)) & mask;
        while (slots[h])
            h = (h + 1) & mask;
        slots[h] = (int)i + 1;
    }
    Ou_Free(k->slots);
    k->slots = slots;
    k->nslots = nslots;
    return 0;
}

int ouc_add_const(ouc_compiler *c, OuObject *o)
{
    ouc_consts *k = &c->u->consts;
    Ou_hash_t hh = const_hash(o);
    if (k->nslots) {
        unsigned mask = (unsigned)k->nslots - 1, h = (unsigned)hh & mask;
        while (k->slots[h]) {
            OuObject *x = OU_LIST_GET(k->list, k->slots[h] - 1);
            if (const_equal(x, o))
                return k->slots[h] - 1;
            h = (h + 1) & mask;
        }
    }
    if (OuList_Append(k->list, o) < 0)
        return -1;
    Ou_ssize_t n = OU_LIST_LEN(k->list);
    if (n * 2 > k->nslots)
        return consts_rehash(k, k->nslots ? k->nslots * 2 : 16) < 0 ? -1 : (int)n - 1;
    unsigned mask = (unsigned)k->nslots - 1, h = (unsigned)hh & mask;
    while (k->slots[h])
        h = (h + 1) & mask;
    k->slots[h] = (int)n;
    return (int)n - 1;
}

/* ------------------------------------------------------------------ */
/* Names                                                              */

int ouc_names_find(ouc_names *t, const char *name)
{
    int i = OuStrMap_Find(&t->map, name);
    return i < 0 ? -1 : t->map.values[i];
}

int ouc_names_add(ouc_compiler *c, ouc_names *t, const char *name)
{
    int i = OuStrMap_Find(&t->map, name);
    if (i >= 0)
        return t->map.values[i];
    int idx = t->map.n;
    if (OuStrMap_Put(&t->map, name, idx) < 0) {
        OuErr_NoMemory();
        return -1;
    }
    return idx;
}

const char *ouc_mangle(ouc_compiler *c, const char *name)
{
    const char *m = Ou_Mangle(c->arena, c->u->private_name, name);
    if (!m)
        OuErr_NoMemory();
    return m;
}

/* ------------------------------------------------------------------ */
/* Blocks and instructions                                            */

ouc_block *ouc_new_block(ouc_compiler *c)
{
    ouc_block *b = Ou_Malloc(sizeof *b);
    if (!b) {
        OuErr_NoMemory();
        return NULL;
    }
    memset(b, 0, sizeof *b);
    b->all_next = c->u->blocks;
    c->u->blocks = b;
    return b;
}

void ouc_use_next_block(ouc_compiler *c, ouc_block *b)
{
    c->u->cur->next = b;
    c->u->cur = b;
}

static ouc_instr *next_instr(ouc_compiler *c)
{
    ouc_block *b = c->u->cur;
    if (b->n == b->cap) {
        int cap = b->cap ? b->cap * 2 : 16;
        ouc_instr *ni = Ou_Realloc(b->instrs, sizeof(ouc_instr) * (size_t)cap);
        if (!ni) {
            OuErr_NoMemory();
            return NULL;
        }
        b->instrs = ni;
        b->cap = cap;
    }
    ouc_instr *i = &b->instrs[b->n++];
    memset(i, 0, sizeof *i);
    i->loc = c->u->loc;
    return i;
}

/* The constant a LOAD_CONST instruction loads (borrowed). */
static OuObject *instr_const(ouc_compiler *c, ouc_instr *i)
{
    return i->pending ? i->pending : OU_LIST_GET(c->u->consts.list, i->arg);
}

/* BUILD_TUPLE n right after n LOAD_CONSTs becomes one LOAD_CONST of the
   tuple, whose constant index is assigned at assembly (as CPython's CFG
   optimizer appends it). Returns 1 when folded. */
static int fold_build_tuple(ouc_compiler *c, int n)
{
    ouc_block *b = c->u->cur;
    if (b->n < n)
        return 0;
    for (int k = b->n - n; k < b->n; k++)
        if (b->instrs[k].op != OP_LOAD_CONST)
            return 0;
    OuObject *t = OuTuple_New(n);
    if (!t)
        return -1;
    for (int k = 0; k < n; k++) {
        ouc_instr *i = &b->instrs[b->n - n + k];
        OU_TUPLE_SET(t, k, OU_NEWREF(instr_const(c, i)));
        OU_XDECREF(i->pending);
    }
    b->n -= n;
    ouc_instr *i = next_instr(c);
    if (!i) {
        OU_DECREF(t);
        return -1;
    }
    i->op = OP_LOAD_CONST;
    i->arg = -1;
    i->pending = t;
    return 1;
}

int ouc_addop(ouc_compiler *c, int op, int arg)
{
    ouc_block *b = c->u->cur;
    if (op == OP_LOAD_GLOBAL && b->n && b->instrs[b->n - 1].op == OP_PUSH_NULL) {
        b->n--;
        arg |= 1;
    } else if (op == OP_BUILD_TUPLE) {
        int r = fold_build_tuple(c, arg);
        if (r != 0)
            return r < 0 ? -1 : 0;
    } else if (op == OP_UNPACK_SEQUENCE && arg >= 1 && arg <= 3 && b->n &&
               b->instrs[b->n - 1].op == OP_BUILD_TUPLE && b->instrs[b->n - 1].arg == arg) {
        if (arg == 1) {
            b->n--;
        } else {
            b->instrs[b->n - 1].op = OP_SWAP;
            b->instrs[b->n - 1].loc = c->u->loc;
        }
        return 0;
    }
    ouc_instr *i = next_instr(c);
    if (!i)
        return -1;
    i->op = op;
    i->arg = arg;
    return 0;
}

static int addop_deref(ouc_compiler *c, int op, int kind, int idx)
{
    ouc_instr *i = next_instr(c);
    if (!i)
        return -1;
    i->op = op;
    i->arg = idx;
    i->argkind = kind;
    return 0;
}

int ouc_addop_jump(ouc_compiler *c, int op, ouc_block *target)
{
    ouc_instr *i = next_instr(c);
    if (!i)
        return -1;
    i->op = op;
    i->target = target;
    return 0;
}

int ouc_addop_const(ouc_compiler *c, OuObject *o)
{
    int idx = ouc_add_const(c, o);
    return idx < 0 ? -1 : ouc_addop(c, OP_LOAD_CONST, idx);
}

int ouc_addop_const_new(ouc_compiler *c, OuObject *o)
{
    if (!o)
        return -1;
    int r = ouc_addop_const(c, o);
    OU_DECREF(o);
    return r;
}

int ouc_addop_name(ouc_compiler *c, int op, const char *name)
{
    const char *m = ouc_mangle(c, name);
    if (!m)
        return -1;
    int idx = ouc_names_add(c, &c->u->names, m);
    return idx < 0 ? -1 : ouc_addop(c, op, idx);
}

/* ------------------------------------------------------------------ */
/* Constant folding (CPython's AST optimizer, done lazily and memoized) */

static char notconst_marker;
#define MAX_INT_SIZE 128
#define MAX_COLLECTION_SIZE 256
#define MAX_STR_SIZE 4096

static Ou_ssize_t seq_size(OuObject *o)
{
    if (OuTuple_Check(o))
        return OU_TUPLE_LEN(o);
    if (OuFrozenSet_Check(o))
        return OuSet_Size(o);
    if (OuStr_Check(o))
        return OU_STR_LEN(o);
    if (OuBytes_Check(o))
        return OU_BYTES_LEN(o);
    return -1;
}

static OuObject *safe_multiply(OuObject *v, OuObject *w)
{
    if (OuInt_Check(v) && OuInt_Check(w)) {
        if (OuInt_Sign(v) && OuInt_Sign(w) && OuInt_NumBits(v) + OuInt_NumBits(w) > MAX_INT_SIZE)
            return NULL;
    } else if (OuInt_Check(v) && seq_size(w) >= 0) {
        Ou_ssize_t size = seq_size(w);
        if (size) {
            if (OuInt_NumBits(v) > 32)
                return NULL;
            int64_t n = OuInt_AsInt64(v);
            Ou_ssize_t limit = (OuStr_Check(w) || OuBytes_Check(w)) ? MAX_STR_SIZE : MAX_COLLECTION_SIZE;
            if (n < 0 || n > limit / size)
                return NULL;
        }
    } else if (OuInt_Check(w) && seq_size(v) >= 0) {
        return safe_multiply(w, v);
    }
    return OuNumber_Multiply(v, w);
}

static OuObject *safe_power(OuObject *v, OuObject *w)
{
    if (OuInt_Check(v) && OuInt_Check(w) && OuInt_Sign(v) && OuInt_Sign(w) > 0) {
        if (OuInt_NumBits(w) > 32)
            return NULL;
        int64_t wb = OuInt_AsInt64(w);
        if (OuInt_NumBits(v) > MAX_INT_SIZE / wb)
            return NULL;
    }
    return OuNumber_Power(v, w, OU_NONE);
}

static OuObject *safe_lshift(OuObject *v, OuObject *w)
{
    if (OuInt_Check(v) && OuInt_Check(w) && OuInt_Sign(v) && OuInt_Sign(w)) {
        if (OuInt_Sign(w) < 0 || OuInt_NumBits(w) > 32)
            return NULL;
        int64_t wb = OuInt_AsInt64(w);
        if (wb > MAX_INT_SIZE || OuInt_NumBits(v) > MAX_INT_SIZE - wb)
            return NULL;
    }
    return OuNumber_Lshift(v, w);
}

static OuObject *fold_binop(OuObject *l, OuObject *r, int op)
{
    switch (op) {
    case OuAst_Add: return OuNumber_Add(l, r);
    case OuAst_Sub: return OuNumber_Subtract(l, r);
    case OuAst_Mult: return safe_multiply(l, r);
    case OuAst_Div: return OuNumber_TrueDivide(l, r);
    case OuAst_FloorDiv: return OuNumber_FloorDivide(l, r);
    case OuAst_Mod:
        if (OuStr_Check(l) || OuBytes_Check(l))
            return NULL;
        return OuNumber_Remainder(l, r);
    case OuAst_Pow: return safe_power(l, r);
    case OuAst_LShift: return safe_lshift(l, r);
    case OuAst_RShift: return OuNumber_Rshift(l, r);
    case OuAst_BitOr: return OuNumber_Or(l, r);
    case OuAst_BitXor: return OuNumber_Xor(l, r);
    case OuAst_BitAnd: return OuNumber_And(l, r);
    default: return NULL;
    }
}

static OuObject *fold_unaryop(OuObject *v, int op)
{
    switch (op) {
    case OuAst_Invert: return OuNumber_Invert(v);
    case OuAst_UAdd: return OuNumber_Positive(v);
    case OuAst_USub: return OuNumber_Negative(v);
    case OuAst_Not: {
        int t = OuObject_IsTrue(v);
        return t < 0 ? NULL : OU_NEWREF(t ? OU_FALSE : OU_TRUE);
    }
    }
    return NULL;
}

static OuObject *fold_compute(ouc_compiler *c, OuAst_expr *e, int *err)
{
    OuObject *a, *b, *r = NULL;
    switch (e->kind) {
    case OuAst_Constant_kind:
        r = ouc_constant_object(&e->v.Constant.value);
        if (!r)
            *err = 1;
        return r;
    case OuAst_Name_kind:
        if (e->v.Name.ctx == OuAst_Load && strcmp(e->v.Name.id, "__debug__") == 0)
            return OU_NEWREF(c->optimize ? OU_FALSE : OU_TRUE);
        return NULL;
    case OuAst_UnaryOp_kind:
        a = ouc_fold(c, e->v.UnaryOp.operand, err);
        if (!a)
            return NULL;
        r = fold_unaryop(a, e->v.UnaryOp.op);
        OU_DECREF(a);
        break;
    case OuAst_BinOp_kind:
        a = ouc_fold(c, e->v.BinOp.left, err);
        if (!a)
            return NULL;
        b = ouc_fold(c, e->v.BinOp.right, err);
        if (!b) {
            OU_DECREF(a);
            return NULL;
        }
        r = fold_binop(a, b, e->v.BinOp.op);
        OU_DECREF(a);
        OU_DECREF(b);
        break;
    case OuAst_Subscript_kind:
        if (e->v.Subscript.ctx != OuAst_Load)
            return NULL;
        a = ouc_fold(c, e->v.Subscript.value, err);
        if (!a)
            return NULL;
        b = ouc_fold(c, e->v.Subscript.slice, err);
        if (!b) {
            OU_DECREF(a);
            return NULL;
        }
        r = OuObject_GetItem(a, b);
        OU_DECREF(a);
        OU_DECREF(b);
        break;
    case OuAst_Tuple_kind: {
        if (e->v.Tuple.ctx != OuAst_Load)
            return NULL;
        Ou_ssize_t n = OUAST_SEQ_LEN(e->v.Tuple.elts);
        for (Ou_ssize_t i = 0; i < n; i++) {
            OuAst_expr *x = OUAST_SEQ_GET_T(OuAst_expr, e->v.Tuple.elts, i);
            if (x->kind == OuAst_Starred_kind)
                return NULL;
        }
        r = OuTuple_New(n);
        if (!r) {
            *err = 1;
            return NULL;
        }
        for (Ou_ssize_t i = 0; i < n; i++) {
            OuObject *x = ouc_fold(c, OUAST_SEQ_GET_T(OuAst_expr, e->v.Tuple.elts, i), err);
            if (!x) {
                OU_DECREF(r);
                return NULL;
            }
            OU_TUPLE_SET(r, i, x);
        }
        return r;
    }
    default:
        return NULL;
    }
    if (!r && OuErr_Occurred())
        OuErr_Clear();   /* not foldable: the error happens at run time */
    return r;
}

OuObject *ouc_fold(ouc_compiler *c, OuAst_expr *e, int *err)
{
    switch (e->kind) {
    case OuAst_Constant_kind: case OuAst_Name_kind: case OuAst_UnaryOp_kind:
    case OuAst_BinOp_kind: case OuAst_Subscript_kind: case OuAst_Tuple_kind:
        break;
    default:
        return NULL;
    }
    int found;
    void *v = OuPtrMap_Get(&c->folded, e, &found);
    if (found)
        return v == &notconst_marker ? NULL : OU_NEWREF((OuObject *)v);
    OuObject *r = fold_compute(c, e, err);
    if (*err)
        return NULL;
    if (OuPtrMap_Put(&c->folded, e, r ? (void *)r : (void *)&notconst_marker) < 0) {
        OU_XDECREF(r);
        OuErr_NoMemory();
        *err = 1;
        return NULL;
    }
    if (r)
        OU_INCREF(r);   /* one reference for the memo, one for the caller */
    return r;
}

/* ------------------------------------------------------------------ */
/* Compilation units                                                  */

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Adds to t, sorted, the symbols of ste whose scope is `scope` or whose
   flags have `flag`. */
static int add_sorted_names(ouc_compiler *c, ouc_names *t, OuSTEntry *ste, int scope, int flag)
{
    int n = 0;
    const char **v = Ou_Malloc(sizeof(char *) * (size_t)(ste->symbols.n + 1));
    if (!v) {
        OuErr_NoMemory();
        return -1;
    }
    for (int i = 0; i < ste->symbols.n; i++) {
        int f = ste->symbols.values[i];
        if (((f & OU_SCOPE_MASK) >> OU_SCOPE_OFFSET) == scope || (f & flag))
            v[n++] = ste->symbols.keys[i];
    }
    qsort(v, (size_t)n, sizeof(char *), cmp_cstr);
    for (int i = 0; i < n; i++)
        if (ouc_names_add(c, t, v[i]) < 0) {
            Ou_Free(v);
            return -1;
        }
    Ou_Free(v);
    return 0;
}

static int set_qualname(ouc_compiler *c)
{
    ouc_unit *u = c->u, *parent = u->parent;
    OuObject *base = NULL;
    if (parent && parent->scope_type != OUC_SCOPE_MODULE) {
        int force_global = 0;
        if (u->scope_type == OUC_SCOPE_FUNCTION || u->scope_type == OUC_SCOPE_ASYNC_FUNCTION ||
            u->scope_type == OUC_SCOPE_CLASS) {
            const char *m = Ou_Mangle(c->arena, parent->private_name, OuStr_AsUTF8(u->name));
            if (!m)
                return (int)(intptr_t)OuErr_NoMemory() - 1;
            if (OuST_GetScope(parent->ste, m) == OU_SC_GLOBAL_EXPLICIT)
                force_global = 1;
        }
        if (!force_global) {
            if (parent->scope_type == OUC_SCOPE_FUNCTION || parent->scope_type == OUC_SCOPE_ASYNC_FUNCTION ||
                parent->scope_type == OUC_SCOPE_LAMBDA)
                base = OuStr_FromFormat("%U.<locals>", parent->qualname);
            else
                base = OU_NEWREF(parent->qualname);
            if (!base)
                return -1;
        }
    }
    if (base) {
        u->qualname = OuStr_FromFormat("%U.%U", base, u->name);
        OU_DECREF(base);
    } else {
        u->qualname = OU_NEWREF(u->name);
    }
    return u->qualname ? 0 : -1;
}

static void free_unit(ouc_unit *u)
{
    ouc_block *b = u->blocks;
    while (b) {
        ouc_block *nb = b->all_next;
        for (int i = 0; i < b->n; i++)
            OU_XDECREF(b->instrs[i].pending);
        Ou_Free(b->instrs);
        Ou_Free(b->estack);
        Ou_Free(b);
        b = nb;
    }
    OU_XDECREF(u->name);
    OU_XDECREF(u->qualname);
    OU_XDECREF(u->consts.list);
    Ou_Free(u->consts.slots);
    Ou_Free(u);
}

int ouc_enter_scope(ouc_compiler *c, const char *name, int scope_type, const void *key, int lineno)
{
    ouc_unit *u = Ou_Malloc(sizeof *u);
    if (!u) {
        OuErr_NoMemory();
        return -1;
    }
    memset(u, 0, sizeof *u);
    u->parent = c->u;
    c->u = u;
    c->nestlevel++;
    u->scope_type = scope_type;
    u->firstlineno = lineno;
    u->loc = (OuCodePos){lineno, lineno, 0, 0};
    OuStrMap_Init(&u->names.map, c->arena);
    OuStrMap_Init(&u->varnames.map, c->arena);
    OuStrMap_Init(&u->cellvars.map, c->arena);
    OuStrMap_Init(&u->freevars.map, c->arena);
    if (u->parent)
        u->private_name = u->parent->private_name;
    u->ste = OuSymtable_Lookup(c->st, key);
    if (!u->ste) {
        OuErr_SetString(OuExc_SystemError, "compiler: no symbol table entry for block");
        return -1;
    }
    u->name = ouc_str_from_utf8(name);
    u->consts.list = OuList_New(0);
    if (!u->name || !u->consts.list)
        return -1;
    for (int i = 0; i < u->ste->nvarnames; i++)
        if (ouc_names_add(c, &u->varnames, u->ste->varnames[i]) < 0)
            return -1;
    if (u->ste->needs_class_closure && ouc_names_add(c, &u->cellvars, "__class__") < 0)
        return -1;
    /* cells that are parameters come first, in parameter order (as 3.11's
       localsplus puts them), then the other cells sorted by name */
    for (int i = 0; i < u->ste->nvarnames; i++)
        if (OuST_GetScope(u->ste, u->ste->varnames[i]) == OU_SC_CELL &&
            ouc_names_add(c, &u->cellvars, u->ste->varnames[i]) < 0)
            return -1;
    if (add_sorted_names(c, &u->cellvars, u->ste, OU_SC_CELL, 0) < 0 ||
        add_sorted_names(c, &u->freevars, u->ste, OU_SC_FREE, OU_DEF_FREE_CLASS) < 0)
        return -1;
    if (!(u->entry = u->cur = ouc_new_block(c)))
        return -1;
    if (scope_type == OUC_SCOPE_MODULE) {
        u->qualname = OU_NEWREF(u->name);
        OUC_UNSET_LOC(c);
    } else if (set_qualname(c) < 0) {
        return -1;
    }
    return ouc_addop(c, OP_RESUME, 0);
}

void ouc_exit_scope(ouc_compiler *c)
{
    ouc_unit *u = c->u;
    if (!u)
        return;
    c->u = u->parent;
    c->nestlevel--;
    free_unit(u);
}

/* ------------------------------------------------------------------ */
/* Name resolution                                                    */

int ouc_nameop(ouc_compiler *c, const char *name, int ctx)
{
    if (strcmp(name, "__debug__") == 0 && ctx != OuAst_Load)
        return ouc_error(c, ctx == OuAst_Store ? "cannot assign to __debug__" : "cannot delete __debug__");
    const char *m = ouc_mangle(c, name);
    if (!m)
        return -1;
    ouc_unit *u = c->u;
    int scope = OuST_GetScope(u->ste, m), is_func = u->ste->type == OU_BLOCK_FUNCTION;
    enum { NAME, FAST, GLOBAL, DEREF } optype = NAME;
    int kind = OUC_ARG_PLAIN, idx = 0;
    switch (scope) {
    case OU_SC_FREE:
        optype = DEREF;
        kind = OUC_ARG_FREE;
        idx = ouc_names_find(&u->freevars, m);
        break;
    case OU_SC_CELL:
        optype = DEREF;
        kind = OUC_ARG_CELL;
        idx = ouc_names_find(&u->cellvars, m);
        break;
    case OU_SC_LOCAL:
        if (is_func)
            optype = FAST;
        break;
    case OU_SC_GLOBAL_IMPLICIT:
        if (is_func)
            optype = GLOBAL;
        break;
    case OU_SC_GLOBAL_EXPLICIT:
        optype = GLOBAL;
        break;
    }
    switch (optype) {
    case DEREF:
        if (idx < 0) {
            OuErr_Format(OuExc_SystemError, "compiler: no cell for name '%s'", m);
            return -1;
        }
        return addop_deref(c, ctx == OuAst_Load ? (u->ste->type == OU_BLOCK_CLASS ? OP_LOAD_CLASSDEREF : OP_LOAD_DEREF)
                                                : ctx == OuAst_Store ? OP_STORE_DEREF : OP_DELETE_DEREF,
                           kind, idx);
    case FAST:
        idx = ouc_names_add(c, &u->varnames, m);
        if (idx < 0)
            return -1;
        return ouc_addop(c, ctx == OuAst_Load ? OP_LOAD_FAST : ctx == OuAst_Store ? OP_STORE_FAST : OP_DELETE_FAST, idx);
    case GLOBAL:
        idx = ouc_names_add(c, &u->names, m);
        if (idx < 0)
            return -1;
        if (ctx == OuAst_Load)
            return ouc_addop(c, OP_LOAD_GLOBAL, idx << 1);
        return ouc_addop(c, ctx == OuAst_Store ? OP_STORE_GLOBAL : OP_DELETE_GLOBAL, idx);
    case NAME:
        idx = ouc_names_add(c, &u->names, m);
        if (idx < 0)
            return -1;
        return ouc_addop(c, ctx == OuAst_Load ? OP_LOAD_NAME : ctx == OuAst_Store ? OP_STORE_NAME : OP_DELETE_NAME, idx);
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Frame blocks and unwinding                                         */

int ouc_push_fblock(ouc_compiler *c, int type, ouc_block *b, ouc_block *exit, const void *datum)
{
    if (c->u->nfblocks >= OUC_MAXBLOCKS)
        return ouc_error(c, "too many statically nested blocks");
    ouc_fblock *f = &c->u->fblocks[c->u->nfblocks++];
    f->type = type;
    f->block = b;
    f->exit = exit;
    f->datum = datum;
    return 0;
}

void ouc_pop_fblock(ouc_compiler *c)
{
    c->u->nfblocks--;
}

int ouc_call_exit_with_nones(ouc_compiler *c)
{
    ADDOP_CONST(c, OU_NONE);
    ADDOP_CONST(c, OU_NONE);
    ADDOP_CONST(c, OU_NONE);
    ADDOP_I(c, OP_CALL, 2);
    return 0;
}

static int visit_stmts(ouc_compiler *c, OuAst_seq *seq)
{
    for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(seq); i++)
        VISIT_STMT(c, OUAST_SEQ_GET_T(OuAst_stmt, seq, i));
    return 0;
}

static int unwind_fblock(ouc_compiler *c, ouc_fblock *info, int preserve_tos)
{
    switch (info->type) {
    case OUC_FB_WHILE_LOOP:
    case OUC_FB_EXCEPTION_HANDLER:
    case OUC_FB_EXCEPTION_GROUP_HANDLER:
    case OUC_FB_ASYNC_COMPREHENSION_GENERATOR:
        return 0;
    case OUC_FB_FOR_LOOP:
        if (preserve_tos)
            ADDOP_I(c, OP_SWAP, 2);
        ADDOP(c, OP_POP_TOP);
        return 0;
    case OUC_FB_TRY_EXCEPT:
        ADDOP(c, OUC_POP_BLOCK);
        return 0;
    case OUC_FB_FINALLY_TRY:
        ADDOP(c, OUC_POP_BLOCK);
        if (preserve_tos)
            CHECK(ouc_push_fblock(c, OUC_FB_POP_VALUE, NULL, NULL, NULL));
        CHECK(visit_stmts(c, (OuAst_seq *)info->datum));
        if (preserve_tos)
            ouc_pop_fblock(c);
        OUC_UNSET_LOC(c);
        return 0;
    case OUC_FB_FINALLY_END:
        if (preserve_tos)
            ADDOP_I(c, OP_SWAP, 2);
        ADDOP(c, OP_POP_TOP);
        if (preserve_tos)
            ADDOP_I(c, OP_SWAP, 2);
        ADDOP(c, OUC_POP_BLOCK);
        ADDOP(c, OP_POP_EXCEPT);
        return 0;
    case OUC_FB_WITH:
    case OUC_FB_ASYNC_WITH:
        OUC_SET_LOC(c, (const OuAst_stmt *)info->datum);
        ADDOP(c, OUC_POP_BLOCK);
        if (preserve_tos)
            ADDOP_I(c, OP_SWAP, 2);
        CHECK(ouc_call_exit_with_nones(c));
        if (info->type == OUC_FB_ASYNC_WITH) {
            ADDOP_I(c, OP_GET_AWAITABLE, 2);
            ADDOP_CONST(c, OU_NONE);
            CHECK(ouc_add_yield_from(c, 1));
        }
        ADDOP(c, OP_POP_TOP);
        OUC_UNSET_LOC(c);
        return 0;
    case OUC_FB_HANDLER_CLEANUP:
        if (info->datum)
            ADDOP(c, OUC_POP_BLOCK);
        if (preserve_tos)
            ADDOP_I(c, OP_SWAP, 2);
        ADDOP(c, OUC_POP_BLOCK);
        ADDOP(c, OP_POP_EXCEPT);
        if (info->datum) {
            ADDOP_CONST(c, OU_NONE);
            CHECK(ouc_nameop(c, info->datum, OuAst_Store));
            CHECK(ouc_nameop(c, info->datum, OuAst_Del));
        }
        return 0;
    case OUC_FB_POP_VALUE:
        if (preserve_tos)
            ADDOP_I(c, OP_SWAP, 2);
        ADDOP(c, OP_POP_TOP);
        return 0;
    }
    return 0;
}

/* Unwinds the frame blocks down to the innermost loop (loop != NULL) or
   all of them; the blocks are restored afterwards. */
static int unwind_fblock_stack(ouc_compiler *c, int preserve_tos, ouc_fblock **loop)
{
    ouc_unit *u = c->u;
    if (u->nfblocks == 0)
        return 0;
    ouc_fblock *top = &u->fblocks[u->nfblocks - 1];
    if (top->type == OUC_FB_EXCEPTION_GROUP_HANDLER)
        return ouc_error(c, "'break', 'continue' and 'return' cannot appear in an except* block");
    if (loop && (top->type == OUC_FB_WHILE_LOOP || top->type == OUC_FB_FOR_LOOP)) {
        *loop = top;
        return 0;
    }
    ouc_fblock copy = *top;
    u->nfblocks--;
    if (unwind_fblock(c, &copy, preserve_tos) < 0 || unwind_fblock_stack(c, preserve_tos, loop) < 0)
        return -1;
    u->fblocks[u->nfblocks++] = copy;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Functions, classes                                                 */

static int is_docstring(OuAst_seq *body)
{
    if (OUAST_SEQ_LEN(body) == 0)
        return 0;
    OuAst_stmt *s = OUAST_SEQ_GET_T(OuAst_stmt, body, 0);
    return s->kind == OuAst_Expr_kind && s->v.Expr.value->kind == OuAst_Constant_kind &&
           s->v.Expr.value->v.Constant.value.kind == OU_CONST_STR;
}

int ouc_make_closure(ouc_compiler *c, OuObject *code, int flags)
{
    OuCodeObject *co = (OuCodeObject *)code;
    int n = co->co_nfreevars;
    for (int i = 0; i < n; i++) {
        const char *name = OuStr_AsUTF8(OU_TUPLE_GET(co->co_freevars, i));
        if (!name)
            return -1;
        int is_cell = (c->u->scope_type == OUC_SCOPE_CLASS && strcmp(name, "__class__") == 0) ||
                      OuST_GetScope(c->u->ste, name) == OU_SC_CELL;
        int idx = ouc_names_find(is_cell ? &c->u->cellvars : &c->u->freevars, name);
        if (idx < 0) {
            OuErr_Format(OuExc_SystemError, "compiler: cannot find closure variable '%s'", name);
            return -1;
        }
        CHECK(addop_deref(c, OP_LOAD_CLOSURE, is_cell ? OUC_ARG_CELL : OUC_ARG_FREE, idx));
    }
    if (n) {
        ADDOP_I(c, OP_BUILD_TUPLE, n);
        flags |= 8;
    }
    ADDOP_CONST(c, code);
    ADDOP_I(c, OP_MAKE_FUNCTION, flags);
    return 0;
}

int ouc_default_arguments(ouc_compiler *c, OuAst_arguments *args, int *flags)
{
    Ou_ssize_t nd = OUAST_SEQ_LEN(args->defaults);
    if (nd) {
        for (Ou_ssize_t i = 0; i < nd; i++)
            VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, args->defaults, i));
        ADDOP_I(c, OP_BUILD_TUPLE, (int)nd);
        *flags |= 1;
    }
    /* kw-only defaults: values pushed, then the constant tuple of names */
    OuObject *keys = NULL;
    int count = 0;
    for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(args->kwonlyargs); i++) {
        OuAst_arg *a = OUAST_SEQ_GET_T(OuAst_arg, args->kwonlyargs, i);
        OuAst_expr *d = i < OUAST_SEQ_LEN(args->kw_defaults) ? OUAST_SEQ_GET_T(OuAst_expr, args->kw_defaults, i) : NULL;
        if (!d)
            continue;
        const char *m = ouc_mangle(c, a->arg);
        OuObject *name = m ? ouc_str_from_utf8(m) : NULL;
        if (!name || (!keys && !(keys = OuList_New(0))) || OuList_Append(keys, name) < 0 ||
            ouc_visit_expr(c, d) < 0) {
            OU_XDECREF(name);
            OU_XDECREF(keys);
            return -1;
        }
        OU_DECREF(name);
        count++;
    }
    if (count) {
        OuObject *t = OuList_AsTuple(keys);
        OU_DECREF(keys);
        ADDOP_CONST_NEW(c, t);
        ADDOP_I(c, OP_BUILD_CONST_KEY_MAP, count);
        *flags |= 2;
    }
    return 0;
}

/* ---- a small unparser for `from __future__ import annotations` ---- */

static int unparse(ouc_compiler *c, OuStrBuilder *b, OuAst_expr *e, int prec);

static int unparse_seq(ouc_compiler *c, OuStrBuilder *b, OuAst_seq *seq, const char *sep)
{
    for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(seq); i++) {
        if (i && OuStrBuilder_AppendASCII(b, sep, (Ou_ssize_t)strlen(sep)) < 0)
            return -1;
        CHECK(unparse(c, b, OUAST_SEQ_GET_T(OuAst_expr, seq, i), 0));
    }
    return 0;
}

static int unparse(ouc_compiler *c, OuStrBuilder *b, OuAst_expr *e, int prec)
{
    switch (e->kind) {
    case OuAst_Name_kind:
        return OuStrBuilder_AppendUTF8(b, e->v.Name.id, (Ou_ssize_t)strlen(e->v.Name.id));
    case OuAst_Attribute_kind:
        CHECK(unparse(c, b, e->v.Attribute.value, 10));
        CHECK(OuStrBuilder_AppendChar(b, '.'));
        return OuStrBuilder_AppendUTF8(b, e->v.Attribute.attr, (Ou_ssize_t)strlen(e->v.Attribute.attr));
    case OuAst_Subscript_kind: {
        CHECK(unparse(c, b, e->v.Subscript.value, 10));
        CHECK(OuStrBuilder_AppendChar(b, '['));
        OuAst_expr *s = e->v.Subscript.slice;
        if (s->kind == OuAst_Tuple_kind && OUAST_SEQ_LEN(s->v.Tuple.elts))
            CHECK(unparse_seq(c, b, s->v.Tuple.elts, ", "));
        else
            CHECK(unparse(c, b, s, 0));
        return OuStrBuilder_AppendChar(b, ']');
    }
    case OuAst_Constant_kind: {
        if (e->v.Constant.value.kind == OU_CONST_ELLIPSIS)
            return OuStrBuilder_AppendASCII(b, "...", 3);
        OuObject *v = ouc_constant_object(&e->v.Constant.value);
        OuObject *r = v ? OuObject_Repr(v) : NULL;
        OU_XDECREF(v);
        if (!r)
            return -1;
        int x = OuStrBuilder_AppendStr(b, r);
        OU_DECREF(r);
        return x;
    }
    case OuAst_Tuple_kind:
    case OuAst_List_kind: {
        int is_list = e->kind == OuAst_List_kind;
        OuAst_seq *elts = is_list ? e->v.List.elts : e->v.Tuple.elts;
        CHECK(OuStrBuilder_AppendChar(b, is_list ? '[' : '('));
        CHECK(unparse_seq(c, b, elts, ", "));
        if (!is_list && OUAST_SEQ_LEN(elts) == 1)
            CHECK(OuStrBuilder_AppendChar(b, ','));
        return OuStrBuilder_AppendChar(b, is_list ? ']' : ')');
    }
    case OuAst_BinOp_kind: {
        static const char *const ops[] = {"", " + ", " - ", " * ", " @ ", " / ", " % ", " ** ", " << ",
                                          " >> ", " | ", " ^ ", " & ", " // "};
        int p = e->v.BinOp.op == OuAst_BitOr ? 1 : 2;
        if (p < prec)
            CHECK(OuStrBuilder_AppendChar(b, '('));
        CHECK(unparse(c, b, e->v.BinOp.left, p));
        const char *s = ops[e->v.BinOp.op];
        CHECK(OuStrBuilder_AppendASCII(b, s, (Ou_ssize_t)strlen(s)));
        CHECK(unparse(c, b, e->v.BinOp.right, p + 1));
        if (p < prec)
            CHECK(OuStrBuilder_AppendChar(b, ')'));
        return 0;
    }
    case OuAst_Starred_kind:
        CHECK(OuStrBuilder_AppendChar(b, '*'));
        return unparse(c, b, e->v.Starred.value, 10);
    case OuAst_Call_kind:
        CHECK(unparse(c, b, e->v.Call.func, 10));
        CHECK(OuStrBuilder_AppendChar(b, '('));
        CHECK(unparse_seq(c, b, e->v.Call.args, ", "));
        return OuStrBuilder_AppendChar(b, ')');
    default:
        return OuStrBuilder_AppendASCII(b, "...", 3);
    }
}

static OuObject *unparse_annotation(ouc_compiler *c, OuAst_expr *e)
{
    OuStrBuilder b;
    OuStrBuilder_Init(&b);
    if (unparse(c, &b, e, 0) < 0) {
        OuStrBuilder_Discard(&b);
        return NULL;
    }
    return OuStrBuilder_Finish(&b);
}

static int visit_annexpr(ouc_compiler *c, OuAst_expr *e)
{
    if (c->future_flags & OU_CO_FUTURE_ANNOTATIONS) {
        ADDOP_CONST_NEW(c, unparse_annotation(c, e));
        return 0;
    }
    VISIT(c, e);
    return 0;
}

static int visit_argannotation(ouc_compiler *c, const char *id, OuAst_expr *ann, int *n)
{
    if (!ann)
        return 0;
    const char *m = ouc_mangle(c, id);
    if (!m)
        return -1;
    ADDOP_CONST_NEW(c, ouc_str_from_utf8(m));
    if (!(c->future_flags & OU_CO_FUTURE_ANNOTATIONS) && ann->kind == OuAst_Starred_kind) {
        VISIT(c, ann->v.Starred.value);
        ADDOP_I(c, OP_UNPACK_SEQUENCE, 1);
    } else {
        CHECK(visit_annexpr(c, ann));
    }
    (*n)++;
    return 0;
}

static int visit_argannotations(ouc_compiler *c, OuAst_seq *args, int *n)
{
    for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(args); i++) {
        OuAst_arg *a = OUAST_SEQ_GET_T(OuAst_arg, args, i);
        CHECK(visit_argannotation(c, a->arg, a->annotation, n));
    }
    return 0;
}

static int visit_annotations(ouc_compiler *c, OuAst_arguments *a, OuAst_expr *returns, int *flags)
{
    int n = 0;
    CHECK(visit_argannotations(c, a->args, &n));
    CHECK(visit_argannotations(c, a->posonlyargs, &n));
    if (a->vararg)
        CHECK(visit_argannotation(c, a->vararg->arg, a->vararg->annotation, &n));
    CHECK(visit_argannotations(c, a->kwonlyargs, &n));
    if (a->kwarg)
        CHECK(visit_argannotation(c, a->kwarg->arg, a->kwarg->annotation, &n));
    CHECK(visit_argannotation(c, "return", returns, &n));
    if (n) {
        ADDOP_I(c, OP_BUILD_TUPLE, n * 2);
        *flags |= 4;
    }
    return 0;
}

static int apply_decorators(ouc_compiler *c, OuAst_seq *decos)
{
    for (Ou_ssize_t i = OUAST_SEQ_LEN(decos) - 1; i >= 0; i--) {
        OUC_SET_LOC(c, OUAST_SEQ_GET_T(OuAst_expr, decos, i));
        ADDOP_I(c, OP_CALL, 0);
    }
    return 0;
}

static int compile_function(ouc_compiler *c, OuAst_stmt *s, int is_async)
{
    const char *name = s->v.FunctionDef.name;
    OuAst_arguments *args = s->v.FunctionDef.args;
    OuAst_seq *body = s->v.FunctionDef.body, *decos = s->v.FunctionDef.decorator_list;
    OuAst_expr *returns = s->v.FunctionDef.returns;
    for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(decos); i++)
        VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, decos, i));
    int firstlineno = OUAST_SEQ_LEN(decos) ? OUAST_SEQ_GET_T(OuAst_expr, decos, 0)->lineno : s->lineno;
    int flags = 0;
    CHECK(ouc_default_arguments(c, args, &flags));
    CHECK(visit_annotations(c, args, returns, &flags));
    if (ouc_enter_scope(c, name, is_async ? OUC_SCOPE_ASYNC_FUNCTION : OUC_SCOPE_FUNCTION, s, firstlineno) < 0)
        goto error;
    int doc = c->optimize < 2 && is_docstring(body);
    OuObject *first = doc ? ouc_constant_object(&OUAST_SEQ_GET_T(OuAst_stmt, body, 0)->v.Expr.value->v.Constant.value)
                          : OU_NEWREF(OU_NONE);
    if (!first || ouc_add_const(c, first) < 0) {
        OU_XDECREF(first);
        goto error;
    }
    OU_DECREF(first);
    c->u->argcount = (int)OUAST_SEQ_LEN(args->args);
    c->u->posonlyargcount = (int)OUAST_SEQ_LEN(args->posonlyargs);
    c->u->kwonlyargcount = (int)OUAST_SEQ_LEN(args->kwonlyargs);
    for (Ou_ssize_t i = doc; i < OUAST_SEQ_LEN(body); i++)
        if (ouc_visit_stmt(c, OUAST_SEQ_GET_T(OuAst_stmt, body, i)) < 0)
            goto error;
    OuObject *co = ouc_assemble(c, 1);
    ouc_exit_scope(c);
    if (!co)
        return -1;
    int r = ouc_make_closure(c, co, flags);
    OU_DECREF(co);
    CHECK(r);
    CHECK(apply_decorators(c, decos));
    return ouc_nameop(c, name, OuAst_Store);
error:
    ouc_exit_scope(c);
    return -1;
}

static int compile_class(ouc_compiler *c, OuAst_stmt *s)
{
    OuAst_seq *decos = s->v.ClassDef.decorator_list;
    const char *name = s->v.ClassDef.name;
    for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(decos); i++)
        VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, decos, i));
    int firstlineno = OUAST_SEQ_LEN(decos) ? OUAST_SEQ_GET_T(OuAst_expr, decos, 0)->lineno : s->lineno;
    if (ouc_enter_scope(c, name, OUC_SCOPE_CLASS, s, firstlineno) < 0)
        goto error;
    c->u->private_name = name;
    if (ouc_nameop(c, "__name__", OuAst_Load) < 0 || ouc_nameop(c, "__module__", OuAst_Store) < 0 ||
        ouc_addop_const(c, c->u->qualname) < 0 || ouc_nameop(c, "__qualname__", OuAst_Store) < 0)
        goto error;
    if (ouc_body_stmts(c, s->v.ClassDef.body) < 0)
        goto error;
    OUC_UNSET_LOC(c);
    if (c->u->ste->needs_class_closure) {
        int idx = ouc_names_find(&c->u->cellvars, "__class__");
        if (addop_deref(c, OP_LOAD_CLOSURE, OUC_ARG_CELL, idx) < 0 || ouc_addop(c, OP_COPY, 1) < 0 ||
            ouc_nameop(c, "__classcell__", OuAst_Store) < 0)
            goto error;
    } else if (ouc_addop_const(c, OU_NONE) < 0) {
        goto error;
    }
    if (ouc_addop(c, OP_RETURN_VALUE, 0) < 0)
        goto error;
    OuObject *co = ouc_assemble(c, 1);
    ouc_exit_scope(c);
    if (!co)
        return -1;
    OUC_SET_LOC(c, s);
    int r = -1;
    if (ouc_addop(c, OP_PUSH_NULL, 0) == 0 && ouc_addop(c, OP_LOAD_BUILD_CLASS, 0) == 0 &&
        ouc_make_closure(c, co, 0) == 0)
        r = 0;
    OU_DECREF(co);
    CHECK(r);
    ADDOP_CONST_NEW(c, ouc_str_from_utf8(name));
    CHECK(ouc_call_helper(c, 2, s->v.ClassDef.bases, s->v.ClassDef.keywords));
    CHECK(apply_decorators(c, decos));
    return ouc_nameop(c, name, OuAst_Store);
error:
    ouc_exit_scope(c);
    return -1;
}

/* ------------------------------------------------------------------ */
/* Module / class bodies                                              */

static int find_ann(OuAst_seq *stmts)
{
    for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(stmts); i++) {
        OuAst_stmt *s = OUAST_SEQ_GET_T(OuAst_stmt, stmts, i);
        int res = 0;
        switch (s->kind) {
        case OuAst_AnnAssign_kind:
            return 1;
        case OuAst_For_kind:
        case OuAst_AsyncFor_kind:
            res = find_ann(s->v.For.body) || find_ann(s->v.For.orelse);
            break;
        case OuAst_While_kind:
            res = find_ann(s->v.While.body) || find_ann(s->v.While.orelse);
            break;
        case OuAst_If_kind:
            res = find_ann(s->v.If.body) || find_ann(s->v.If.orelse);
            break;
        case OuAst_With_kind:
        case OuAst_AsyncWith_kind:
            res = find_ann(s->v.With.body);
            break;
        case OuAst_Try_kind:
        case OuAst_TryStar_kind:
            for (Ou_ssize_t j = 0; j < OUAST_SEQ_LEN(s->v.Try.handlers); j++)
                if (find_ann(OUAST_SEQ_GET_T(OuAst_excepthandler, s->v.Try.handlers, j)->v.ExceptHandler.body))
                    return 1;
            res = find_ann(s->v.Try.body) || find_ann(s->v.Try.finalbody) || find_ann(s->v.Try.orelse);
            break;
        default:
            break;
        }
        if (res)
            return 1;
    }
    return 0;
}

int ouc_body_stmts(ouc_compiler *c, OuAst_seq *stmts)
{
    Ou_ssize_t i = 0, n = OUAST_SEQ_LEN(stmts);
    if (c->u->scope_type == OUC_SCOPE_MODULE && n)
        OUC_SET_LOC(c, OUAST_SEQ_GET_T(OuAst_stmt, stmts, 0));
    if (find_ann(stmts))
        ADDOP(c, OP_SETUP_ANNOTATIONS);
    if (!n)
        return 0;
    if (c->optimize < 2 && is_docstring(stmts)) {
        OuAst_stmt *st = OUAST_SEQ_GET_T(OuAst_stmt, stmts, 0);
        i = 1;
        OUC_SET_LOC(c, st);
        VISIT(c, st->v.Expr.value);
        OUC_UNSET_LOC(c);
        CHECK(ouc_nameop(c, "__doc__", OuAst_Store));
    }
    for (; i < n; i++)
        VISIT_STMT(c, OUAST_SEQ_GET_T(OuAst_stmt, stmts, i));
    return 0;
}

/* ------------------------------------------------------------------ */
/* Statements                                                         */

static int compile_return(ouc_compiler *c, OuAst_stmt *s)
{
    OuAst_expr *v = s->v.Return.value;
    int err = 0;
    OuObject *k = v ? ouc_fold(c, v, &err) : NULL;
    if (err)
        return -1;
    int preserve_tos = v && !k;
    if (c->u->ste->type != OU_BLOCK_FUNCTION) {
        OU_XDECREF(k);
        return ouc_error(c, "'return' outside function");
    }
    if (v && c->u->ste->coroutine && c->u->ste->generator) {
        OU_XDECREF(k);
        return ouc_error(c, "'return' with value in async generator");
    }
    if (preserve_tos && ouc_visit_expr(c, v) < 0) {
        OU_XDECREF(k);
        return -1;
    }
    if (v && !preserve_tos)
        OUC_SET_LOC(c, v);
    if (!v || v->lineno != s->lineno)
        OUC_SET_LOC(c, s);
    if (unwind_fblock_stack(c, preserve_tos, NULL) < 0) {
        OU_XDECREF(k);
        return -1;
    }
    int r = v == NULL ? ouc_addop_const(c, OU_NONE) : k ? ouc_addop_const(c, k) : 0;
    OU_XDECREF(k);
    CHECK(r);
    ADDOP(c, OP_RETURN_VALUE);
    return 0;
}

static int compile_break_continue(ouc_compiler *c, int is_break)
{
    ouc_fblock *loop = NULL;
    CHECK(unwind_fblock_stack(c, 0, &loop));
    if (!loop)
        return ouc_error(c, is_break ? "'break' outside loop" : "'continue' not properly in loop");
    if (is_break) {
        CHECK(unwind_fblock(c, loop, 0));
        ADDOP_JUMP(c, OUC_JUMP, loop->exit);
    } else {
        ADDOP_JUMP(c, OUC_JUMP, loop->block);
    }
    return 0;
}

static int compile_for(ouc_compiler *c, OuAst_stmt *s)
{
    ouc_block *start, *body, *cleanup, *end;
    NEW_BLOCK(c, start);
    NEW_BLOCK(c, body);
    NEW_BLOCK(c, cleanup);
    NEW_BLOCK(c, end);
    CHECK(ouc_push_fblock(c, OUC_FB_FOR_LOOP, start, end, NULL));
    CHECK(ouc_visit_iter(c, s->v.For.iter));
    ADDOP(c, OP_GET_ITER);
    USE_BLOCK(c, start);
    ADDOP_JUMP(c, OP_FOR_ITER, cleanup);
    USE_BLOCK(c, body);
    VISIT(c, s->v.For.target);
    CHECK(visit_stmts(c, s->v.For.body));
    OUC_UNSET_LOC(c);
    ADDOP_JUMP(c, OUC_JUMP, start);
    USE_BLOCK(c, cleanup);
    ouc_pop_fblock(c);
    CHECK(visit_stmts(c, s->v.For.orelse));
    USE_BLOCK(c, end);
    return 0;
}

static int compile_async_for(ouc_compiler *c, OuAst_stmt *s)
{
    if (c->u->scope_type != OUC_SCOPE_ASYNC_FUNCTION)
        return ouc_error(c, "'async for' outside async function");
    ouc_block *start, *except, *end;
    NEW_BLOCK(c, start);
    NEW_BLOCK(c, except);
    NEW_BLOCK(c, end);
    VISIT(c, s->v.AsyncFor.iter);
    ADDOP(c, OP_GET_AITER);
    USE_BLOCK(c, start);
    CHECK(ouc_push_fblock(c, OUC_FB_FOR_LOOP, start, end, NULL));
    ADDOP_JUMP(c, OUC_SETUP_FINALLY, except);
    ADDOP(c, OP_GET_ANEXT);
    ADDOP_CONST(c, OU_NONE);
    CHECK(ouc_add_yield_from(c, 1));
    ADDOP(c, OUC_POP_BLOCK);
    VISIT(c, s->v.AsyncFor.target);
    CHECK(visit_stmts(c, s->v.AsyncFor.body));
    OUC_UNSET_LOC(c);
    ADDOP_JUMP(c, OUC_JUMP, start);
    ouc_pop_fblock(c);
    USE_BLOCK(c, except);
    OUC_SET_LOC(c, s->v.AsyncFor.iter);
    ADDOP(c, OP_END_ASYNC_FOR);
    CHECK(visit_stmts(c, s->v.AsyncFor.orelse));
    USE_BLOCK(c, end);
    return 0;
}

static int compile_while(ouc_compiler *c, OuAst_stmt *s)
{
    ouc_block *loop, *body, *anchor, *exit;
    NEW_BLOCK(c, loop);
    NEW_BLOCK(c, body);
    NEW_BLOCK(c, anchor);
    NEW_BLOCK(c, exit);
    USE_BLOCK(c, loop);
    CHECK(ouc_push_fblock(c, OUC_FB_WHILE_LOOP, loop, exit, NULL));
    CHECK(ouc_jump_if(c, s->v.While.test, anchor, 0));
    USE_BLOCK(c, body);
    CHECK(visit_stmts(c, s->v.While.body));
    OUC_SET_LOC(c, s);
    CHECK(ouc_jump_if(c, s->v.While.test, body, 1));
    ouc_pop_fblock(c);
    USE_BLOCK(c, anchor);
    CHECK(visit_stmts(c, s->v.While.orelse));
    USE_BLOCK(c, exit);
    return 0;
}

static int compile_if(ouc_compiler *c, OuAst_stmt *s)
{
    ouc_block *end, *next;
    NEW_BLOCK(c, end);
    if (OUAST_SEQ_LEN(s->v.If.orelse))
        NEW_BLOCK(c, next);
    else
        next = end;
    CHECK(ouc_jump_if(c, s->v.If.test, next, 0));
    CHECK(visit_stmts(c, s->v.If.body));
    if (OUAST_SEQ_LEN(s->v.If.orelse)) {
        OUC_UNSET_LOC(c);
        ADDOP_JUMP(c, OUC_JUMP, end);
        USE_BLOCK(c, next);
        CHECK(visit_stmts(c, s->v.If.orelse));
    }
    USE_BLOCK(c, end);
    return 0;
}

static int with_except_finish(ouc_compiler *c, ouc_block *cleanup)
{
    OUC_UNSET_LOC(c);
    ouc_block *exit;
    NEW_BLOCK(c, exit);
    ADDOP_JUMP(c, OP_POP_JUMP_IF_TRUE, exit);
    ADDOP_I(c, OP_RERAISE, 2);
    USE_BLOCK(c, cleanup);
    ADDOP_I(c, OP_COPY, 3);
    ADDOP(c, OP_POP_EXCEPT);
    ADDOP_I(c, OP_RERAISE, 1);
    USE_BLOCK(c, exit);
    ADDOP(c, OP_POP_TOP);
    ADDOP(c, OUC_POP_BLOCK);
    ADDOP(c, OP_POP_EXCEPT);
    ADDOP(c, OP_POP_TOP);
    ADDOP(c, OP_POP_TOP);
    return 0;
}

static int compile_with(ouc_compiler *c, OuAst_stmt *s, Ou_ssize_t pos, int is_async)
{
    if (is_async && c->u->scope_type != OUC_SCOPE_ASYNC_FUNCTION)
        return ouc_error(c, "'async with' outside async function");
    OuAst_withitem *item = OUAST_SEQ_GET_T(OuAst_withitem, s->v.With.items, pos);
    ouc_block *block, *final, *exit, *cleanup;
    NEW_BLOCK(c, block);
    NEW_BLOCK(c, final);
    NEW_BLOCK(c, exit);
    NEW_BLOCK(c, cleanup);
    VISIT(c, item->context_expr);
    if (is_async) {
        ADDOP(c, OP_BEFORE_ASYNC_WITH);
        ADDOP_I(c, OP_GET_AWAITABLE, 1);
        ADDOP_CONST(c, OU_NONE);
        CHECK(ouc_add_yield_from(c, 1));
    } else {
        ADDOP(c, OP_BEFORE_WITH);
    }
    ADDOP_JUMP(c, OUC_SETUP_WITH, final);
    USE_BLOCK(c, block);
    CHECK(ouc_push_fblock(c, is_async ? OUC_FB_ASYNC_WITH : OUC_FB_WITH, block, final, s));
    if (item->optional_vars)
        VISIT(c, item->optional_vars);
    else
        ADDOP(c, OP_POP_TOP);
    pos++;
    if (pos == OUAST_SEQ_LEN(s->v.With.items))
        CHECK(visit_stmts(c, s->v.With.body));
    else
        CHECK(compile_with(c, s, pos, is_async));
    OUC_UNSET_LOC(c);
    ADDOP(c, OUC_POP_BLOCK);
    ouc_pop_fblock(c);
    OUC_SET_LOC(c, s);
    CHECK(ouc_call_exit_with_nones(c));
    if (is_async) {
        ADDOP_I(c, OP_GET_AWAITABLE, 2);
        ADDOP_CONST(c, OU_NONE);
        CHECK(ouc_add_yield_from(c, 1));
    }
    ADDOP(c, OP_POP_TOP);
    ADDOP_JUMP(c, OUC_JUMP, exit);
    USE_BLOCK(c, final);
    ADDOP_JUMP(c, OUC_SETUP_CLEANUP, cleanup);
    ADDOP(c, OP_PUSH_EXC_INFO);
    ADDOP(c, OP_WITH_EXCEPT_START);
    if (is_async) {
        ADDOP_I(c, OP_GET_AWAITABLE, 2);
        ADDOP_CONST(c, OU_NONE);
        CHECK(ouc_add_yield_from(c, 1));
    }
    CHECK(with_except_finish(c, cleanup));
    USE_BLOCK(c, exit);
    return 0;
}

static int pop_except_and_reraise(ouc_compiler *c)
{
    ADDOP_I(c, OP_COPY, 3);
    ADDOP(c, OP_POP_EXCEPT);
    ADDOP_I(c, OP_RERAISE, 1);
    return 0;
}

static int name_none_del(ouc_compiler *c, const char *name)
{
    ADDOP_CONST(c, OU_NONE);
    CHECK(ouc_nameop(c, name, OuAst_Store));
    return ouc_nameop(c, name, OuAst_Del);
}

static int compile_try_except(ouc_compiler *c, OuAst_stmt *s)
{
    ouc_block *body, *except, *orelse, *end, *cleanup;
    NEW_BLOCK(c, body);
    NEW_BLOCK(c, except);
    NEW_BLOCK(c, orelse);
    NEW_BLOCK(c, end);
    NEW_BLOCK(c, cleanup);
    ADDOP_JUMP(c, OUC_SETUP_FINALLY, except);
    USE_BLOCK(c, body);
    CHECK(ouc_push_fblock(c, OUC_FB_TRY_EXCEPT, body, NULL, NULL));
    CHECK(visit_stmts(c, s->v.Try.body));
    ouc_pop_fblock(c);
    OUC_UNSET_LOC(c);
    ADDOP(c, OUC_POP_BLOCK);
    ADDOP_JUMP(c, OUC_JUMP, orelse);
    Ou_ssize_t n = OUAST_SEQ_LEN(s->v.Try.handlers);
    USE_BLOCK(c, except);
    ADDOP_JUMP(c, OUC_SETUP_CLEANUP, cleanup);
    ADDOP(c, OP_PUSH_EXC_INFO);
    CHECK(ouc_push_fblock(c, OUC_FB_EXCEPTION_HANDLER, NULL, NULL, NULL));
    for (Ou_ssize_t i = 0; i < n; i++) {
        OuAst_excepthandler *h = OUAST_SEQ_GET_T(OuAst_excepthandler, s->v.Try.handlers, i);
        OUC_SET_LOC(c, h);
        if (!h->v.ExceptHandler.type && i < n - 1)
            return ouc_error(c, "default 'except:' must be last");
        NEW_BLOCK(c, except);
        if (h->v.ExceptHandler.type) {
            VISIT(c, h->v.ExceptHandler.type);
            ADDOP(c, OP_CHECK_EXC_MATCH);
            ADDOP_JUMP(c, OP_POP_JUMP_IF_FALSE, except);
        }
        const char *name = h->v.ExceptHandler.name;
        if (name) {
            ouc_block *cleanup_end, *cleanup_body;
            NEW_BLOCK(c, cleanup_end);
            NEW_BLOCK(c, cleanup_body);
            CHECK(ouc_nameop(c, name, OuAst_Store));
            ADDOP_JUMP(c, OUC_SETUP_CLEANUP, cleanup_end);
            USE_BLOCK(c, cleanup_body);
            CHECK(ouc_push_fblock(c, OUC_FB_HANDLER_CLEANUP, cleanup_body, NULL, name));
            CHECK(visit_stmts(c, h->v.ExceptHandler.body));
            ouc_pop_fblock(c);
            OUC_UNSET_LOC(c);
            ADDOP(c, OUC_POP_BLOCK);
            ADDOP(c, OUC_POP_BLOCK);
            ADDOP(c, OP_POP_EXCEPT);
            CHECK(name_none_del(c, name));
            ADDOP_JUMP(c, OUC_JUMP, end);
            USE_BLOCK(c, cleanup_end);
            OUC_UNSET_LOC(c);
            CHECK(name_none_del(c, name));
            ADDOP_I(c, OP_RERAISE, 1);
        } else {
            ouc_block *cleanup_body;
            NEW_BLOCK(c, cleanup_body);
            ADDOP(c, OP_POP_TOP);
            USE_BLOCK(c, cleanup_body);
            CHECK(ouc_push_fblock(c, OUC_FB_HANDLER_CLEANUP, cleanup_body, NULL, NULL));
            CHECK(visit_stmts(c, h->v.ExceptHandler.body));
            ouc_pop_fblock(c);
            OUC_UNSET_LOC(c);
            ADDOP(c, OUC_POP_BLOCK);
            ADDOP(c, OP_POP_EXCEPT);
            ADDOP_JUMP(c, OUC_JUMP, end);
        }
        USE_BLOCK(c, except);
    }
    OUC_UNSET_LOC(c);
    ouc_pop_fblock(c);
    ADDOP_I(c, OP_RERAISE, 0);
    USE_BLOCK(c, cleanup);
    CHECK(pop_except_and_reraise(c));
    USE_BLOCK(c, orelse);
    CHECK(visit_stmts(c, s->v.Try.orelse));
    USE_BLOCK(c, end);
    return 0;
}

static int compile_try_star_except(ouc_compiler *c, OuAst_stmt *s)
{
    ouc_block *body, *except, *orelse, *end, *cleanup, *reraise_star, *reraise;
    NEW_BLOCK(c, body);
    NEW_BLOCK(c, except);
    NEW_BLOCK(c, orelse);
    NEW_BLOCK(c, end);
    NEW_BLOCK(c, cleanup);
    NEW_BLOCK(c, reraise_star);
    ADDOP_JUMP(c, OUC_SETUP_FINALLY, except);
    USE_BLOCK(c, body);
    CHECK(ouc_push_fblock(c, OUC_FB_TRY_EXCEPT, body, NULL, NULL));
    CHECK(visit_stmts(c, s->v.TryStar.body));
    ouc_pop_fblock(c);
    OUC_UNSET_LOC(c);
    ADDOP(c, OUC_POP_BLOCK);
    ADDOP_JUMP(c, OUC_JUMP, orelse);
    Ou_ssize_t n = OUAST_SEQ_LEN(s->v.TryStar.handlers);
    USE_BLOCK(c, except);
    ADDOP_JUMP(c, OUC_SETUP_CLEANUP, cleanup);
    ADDOP(c, OP_PUSH_EXC_INFO);
    CHECK(ouc_push_fblock(c, OUC_FB_EXCEPTION_GROUP_HANDLER, NULL, NULL, "except handler"));
    for (Ou_ssize_t i = 0; i < n; i++) {
        OuAst_excepthandler *h = OUAST_SEQ_GET_T(OuAst_excepthandler, s->v.TryStar.handlers, i);
        OUC_SET_LOC(c, h);
        ouc_block *next, *except_with_error, *no_match, *cleanup_end, *cleanup_body;
        NEW_BLOCK(c, next);
        NEW_BLOCK(c, except_with_error);
        NEW_BLOCK(c, no_match);
        if (i == 0) {
            ADDOP_I(c, OP_COPY, 1);
            ADDOP_I(c, OP_BUILD_LIST, 0);
            ADDOP_I(c, OP_SWAP, 2);
        }
        if (h->v.ExceptHandler.type) {
            VISIT(c, h->v.ExceptHandler.type);
            ADDOP(c, OP_CHECK_EG_MATCH);
            ADDOP_I(c, OP_COPY, 1);
            ADDOP_JUMP(c, OP_POP_JUMP_IF_NONE, no_match);
        }
        NEW_BLOCK(c, cleanup_end);
        NEW_BLOCK(c, cleanup_body);
        const char *name = h->v.ExceptHandler.name;
        if (name)
            CHECK(ouc_nameop(c, name, OuAst_Store));
        else
            ADDOP(c, OP_POP_TOP);
        ADDOP_JUMP(c, OUC_SETUP_CLEANUP, cleanup_end);
        USE_BLOCK(c, cleanup_body);
        CHECK(ouc_push_fblock(c, OUC_FB_HANDLER_CLEANUP, cleanup_body, NULL, name));
        CHECK(visit_stmts(c, h->v.ExceptHandler.body));
        ouc_pop_fblock(c);
        ADDOP(c, OUC_POP_BLOCK);
        if (name)
            CHECK(name_none_del(c, name));
        ADDOP_JUMP(c, OUC_JUMP, next);
        USE_BLOCK(c, cleanup_end);
        if (name)
            CHECK(name_none_del(c, name));
        ADDOP_I(c, OP_LIST_APPEND, 3);
        ADDOP(c, OP_POP_TOP);
        ADDOP_JUMP(c, OUC_JUMP, except_with_error);
        USE_BLOCK(c, next);
        ADDOP(c, OP_NOP);
        ADDOP_JUMP(c, OUC_JUMP, except_with_error);
        USE_BLOCK(c, no_match);
        ADDOP(c, OP_POP_TOP);
        USE_BLOCK(c, except_with_error);
        if (i == n - 1) {
            ADDOP_I(c, OP_LIST_APPEND, 1);
            ADDOP_JUMP(c, OUC_JUMP, reraise_star);
        }
    }
    OUC_UNSET_LOC(c);
    ouc_pop_fblock(c);
    NEW_BLOCK(c, reraise);
    USE_BLOCK(c, reraise_star);
    ADDOP(c, OP_PREP_RERAISE_STAR);
    ADDOP_I(c, OP_COPY, 1);
    ADDOP_JUMP(c, OP_POP_JUMP_IF_NOT_NONE, reraise);
    ADDOP(c, OP_POP_TOP);
    ADDOP(c, OUC_POP_BLOCK);
    ADDOP(c, OP_POP_EXCEPT);
    ADDOP_JUMP(c, OUC_JUMP, end);
    USE_BLOCK(c, reraise);
    ADDOP(c, OUC_POP_BLOCK);
    ADDOP_I(c, OP_SWAP, 2);
    ADDOP(c, OP_POP_EXCEPT);
    ADDOP_I(c, OP_RERAISE, 0);
    USE_BLOCK(c, cleanup);
    CHECK(pop_except_and_reraise(c));
    USE_BLOCK(c, orelse);
    CHECK(visit_stmts(c, s->v.TryStar.orelse));
    USE_BLOCK(c, end);
    return 0;
}

static int compile_try_finally(ouc_compiler *c, OuAst_stmt *s, int is_star)
{
    ouc_block *body, *end, *exit, *cleanup;
    NEW_BLOCK(c, body);
    NEW_BLOCK(c, end);
    NEW_BLOCK(c, exit);
    NEW_BLOCK(c, cleanup);
    ADDOP_JUMP(c, OUC_SETUP_FINALLY, end);
    USE_BLOCK(c, body);
    CHECK(ouc_push_fblock(c, OUC_FB_FINALLY_TRY, body, end, s->v.Try.finalbody));
    if (OUAST_SEQ_LEN(s->v.Try.handlers))
        CHECK(is_star ? compile_try_star_except(c, s) : compile_try_except(c, s));
    else
        CHECK(visit_stmts(c, s->v.Try.body));
    OUC_UNSET_LOC(c);
    ADDOP(c, OUC_POP_BLOCK);
    ouc_pop_fblock(c);
    CHECK(visit_stmts(c, s->v.Try.finalbody));
    OUC_UNSET_LOC(c);
    ADDOP_JUMP(c, OUC_JUMP, exit);
    USE_BLOCK(c, end);
    ADDOP_JUMP(c, OUC_SETUP_CLEANUP, cleanup);
    ADDOP(c, OP_PUSH_EXC_INFO);
    CHECK(ouc_push_fblock(c, OUC_FB_FINALLY_END, end, NULL, NULL));
    CHECK(visit_stmts(c, s->v.Try.finalbody));
    ouc_pop_fblock(c);
    OUC_UNSET_LOC(c);
    ADDOP_I(c, OP_RERAISE, 0);
    USE_BLOCK(c, cleanup);
    CHECK(pop_except_and_reraise(c));
    USE_BLOCK(c, exit);
    return 0;
}

static int compile_assert(ouc_compiler *c, OuAst_stmt *s)
{
    if (c->optimize)
        return 0;
    ouc_block *end;
    NEW_BLOCK(c, end);
    CHECK(ouc_jump_if(c, s->v.Assert.test, end, 1));
    ADDOP(c, OP_LOAD_ASSERTION_ERROR);
    if (s->v.Assert.msg) {
        VISIT(c, s->v.Assert.msg);
        ADDOP_I(c, OP_CALL, 0);
    }
    ADDOP_I(c, OP_RAISE_VARARGS, 1);
    USE_BLOCK(c, end);
    return 0;
}

static int compile_import(ouc_compiler *c, OuAst_stmt *s)
{
    for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(s->v.Import.names); i++) {
        OuAst_alias *a = OUAST_SEQ_GET_T(OuAst_alias, s->v.Import.names, i);
        ADDOP_CONST_NEW(c, OuInt_FromLong(0));
        ADDOP_CONST(c, OU_NONE);
        ADDOP_NAME(c, OP_IMPORT_NAME, a->name);
        const char *dot = strchr(a->name, '.');
        if (a->asname) {
            if (dot) {
                const char *pos = dot + 1;
                for (;;) {
                    const char *nd = strchr(pos, '.');
                    size_t len = nd ? (size_t)(nd - pos) : strlen(pos);
                    const char *attr = OuArena_Strndup(c->arena, pos, len);
                    if (!attr)
                        return (int)(intptr_t)OuErr_NoMemory() - 1;
                    ADDOP_NAME(c, OP_IMPORT_FROM, attr);
                    if (!nd)
                        break;
                    ADDOP_I(c, OP_SWAP, 2);
                    ADDOP(c, OP_POP_TOP);
                    pos = nd + 1;
                }
                CHECK(ouc_nameop(c, a->asname, OuAst_Store));
                ADDOP(c, OP_POP_TOP);
            } else {
                CHECK(ouc_nameop(c, a->asname, OuAst_Store));
            }
        } else {
            const char *store = a->name;
            if (dot && !(store = OuArena_Strndup(c->arena, a->name, (size_t)(dot - a->name))))
                return (int)(intptr_t)OuErr_NoMemory() - 1;
            CHECK(ouc_nameop(c, store, OuAst_Store));
        }
    }
    return 0;
}

static int compile_from_import(ouc_compiler *c, OuAst_stmt *s)
{
    OuAst_seq *names = s->v.ImportFrom.names;
    Ou_ssize_t n = OUAST_SEQ_LEN(names);
    ADDOP_CONST_NEW(c, OuInt_FromLong(s->v.ImportFrom.level));
    OuObject *t = OuTuple_New(n);
    if (!t)
        return -1;
    for (Ou_ssize_t i = 0; i < n; i++) {
        OuObject *x = ouc_str_from_utf8(OUAST_SEQ_GET_T(OuAst_alias, names, i)->name);
        if (!x) {
            OU_DECREF(t);
            return -1;
        }
        OU_TUPLE_SET(t, i, x);
    }
    ADDOP_CONST_NEW(c, t);
    const char *module = s->v.ImportFrom.module;
    if (module && s->lineno > c->future_lineno && strcmp(module, "__future__") == 0)
        return ouc_error(c, "from __future__ imports must occur at the beginning of the file");
    ADDOP_NAME(c, OP_IMPORT_NAME, module ? module : "");
    for (Ou_ssize_t i = 0; i < n; i++) {
        OuAst_alias *a = OUAST_SEQ_GET_T(OuAst_alias, names, i);
        if (i == 0 && a->name[0] == '*') {
            ADDOP(c, OP_IMPORT_STAR);
            return 0;
        }
        ADDOP_NAME(c, OP_IMPORT_FROM, a->name);
        CHECK(ouc_nameop(c, a->asname ? a->asname : a->name, OuAst_Store));
    }
    ADDOP(c, OP_POP_TOP);
    return 0;
}

static int check_ann_expr(ouc_compiler *c, OuAst_expr *e)
{
    VISIT(c, e);
    ADDOP(c, OP_POP_TOP);
    return 0;
}

static int compile_annassign(ouc_compiler *c, OuAst_stmt *s)
{
    OuAst_expr *t = s->v.AnnAssign.target;
    int module_or_class = c->u->scope_type == OUC_SCOPE_MODULE || c->u->scope_type == OUC_SCOPE_CLASS;
    if (s->v.AnnAssign.value) {
        VISIT(c, s->v.AnnAssign.value);
        VISIT(c, t);
    }
    switch (t->kind) {
    case OuAst_Name_kind:
        if (strcmp(t->v.Name.id, "__debug__") == 0)
            return ouc_error(c, "cannot assign to __debug__");
        if (s->v.AnnAssign.simple && module_or_class) {
            CHECK(visit_annexpr(c, s->v.AnnAssign.annotation));
            ADDOP_NAME(c, OP_LOAD_NAME, "__annotations__");
            const char *m = ouc_mangle(c, t->v.Name.id);
            if (!m)
                return -1;
            ADDOP_CONST_NEW(c, ouc_str_from_utf8(m));
            ADDOP(c, OP_STORE_SUBSCR);
        }
        break;
    case OuAst_Attribute_kind:
        if (!s->v.AnnAssign.value)
            CHECK(check_ann_expr(c, t->v.Attribute.value));
        break;
    case OuAst_Subscript_kind:
        if (!s->v.AnnAssign.value) {
            CHECK(check_ann_expr(c, t->v.Subscript.value));
            OuAst_expr *sl = t->v.Subscript.slice;
            if (sl->kind == OuAst_Slice_kind) {
                if (sl->v.Slice.lower)
                    CHECK(check_ann_expr(c, sl->v.Slice.lower));
                if (sl->v.Slice.upper)
                    CHECK(check_ann_expr(c, sl->v.Slice.upper));
                if (sl->v.Slice.step)
                    CHECK(check_ann_expr(c, sl->v.Slice.step));
            } else if (sl->kind == OuAst_Tuple_kind) {
                for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(sl->v.Tuple.elts); i++) {
                    OuAst_expr *x = OUAST_SEQ_GET_T(OuAst_expr, sl->v.Tuple.elts, i);
                    if (x->kind == OuAst_Slice_kind)
                        continue;
                    CHECK(check_ann_expr(c, x));
                }
            } else {
                CHECK(check_ann_expr(c, sl));
            }
        }
        break;
    default:
        return ouc_error(c, "invalid node type (%d) for annotated assignment", (int)t->kind);
    }
    if (!s->v.AnnAssign.simple && !(c->future_flags & OU_CO_FUTURE_ANNOTATIONS) && module_or_class)
        CHECK(check_ann_expr(c, s->v.AnnAssign.annotation));
    return 0;
}

static int inplace_op(int op)
{
    static const int map[] = {0, OU_NB_ADD, OU_NB_SUBTRACT, OU_NB_MULTIPLY, OU_NB_MATRIX_MULTIPLY,
                              OU_NB_TRUE_DIVIDE, OU_NB_REMAINDER, OU_NB_POWER, OU_NB_LSHIFT, OU_NB_RSHIFT,
                              OU_NB_OR, OU_NB_XOR, OU_NB_AND, OU_NB_FLOOR_DIVIDE};
    return map[op] + OU_NB_INPLACE_ADD;
}

static int compile_augassign(ouc_compiler *c, OuAst_stmt *s)
{
    OuAst_expr *e = s->v.AugAssign.target;
    OUC_SET_LOC(c, e);
    switch (e->kind) {
    case OuAst_Attribute_kind:
        VISIT(c, e->v.Attribute.value);
        ADDOP_I(c, OP_COPY, 1);
        ouc_loc_match_attr(c, e);
        ADDOP_NAME(c, OP_LOAD_ATTR, e->v.Attribute.attr);
        break;
    case OuAst_Subscript_kind:
        VISIT(c, e->v.Subscript.value);
        VISIT(c, e->v.Subscript.slice);
        ADDOP_I(c, OP_COPY, 2);
        ADDOP_I(c, OP_COPY, 2);
        ADDOP(c, OP_BINARY_SUBSCR);
        break;
    case OuAst_Name_kind:
        CHECK(ouc_nameop(c, e->v.Name.id, OuAst_Load));
        break;
    default:
        return ouc_error(c, "invalid node type (%d) for augmented assignment", (int)e->kind);
    }
    OUC_SET_LOC(c, s);
    VISIT(c, s->v.AugAssign.value);
    ADDOP_I(c, OP_BINARY_OP, inplace_op(s->v.AugAssign.op));
    OUC_SET_LOC(c, e);
    switch (e->kind) {
    case OuAst_Attribute_kind:
        ouc_loc_match_attr(c, e);
        ADDOP_I(c, OP_SWAP, 2);
        ADDOP_NAME(c, OP_STORE_ATTR, e->v.Attribute.attr);
        break;
    case OuAst_Subscript_kind:
        ADDOP_I(c, OP_SWAP, 3);
        ADDOP_I(c, OP_SWAP, 2);
        ADDOP(c, OP_STORE_SUBSCR);
        break;
    default:
        return ouc_nameop(c, e->v.Name.id, OuAst_Store);
    }
    return 0;
}

static int compile_stmt_expr(ouc_compiler *c, OuAst_expr *value)
{
    if (c->interactive && c->nestlevel <= 1) {
        VISIT(c, value);
        ADDOP(c, OP_PRINT_EXPR);
        return 0;
    }
    int err = 0;
    OuObject *k = ouc_fold(c, value, &err);
    if (err)
        return -1;
    if (k) {
        OU_DECREF(k);
        ADDOP(c, OP_NOP);
        return 0;
    }
    VISIT(c, value);
    OUC_UNSET_LOC(c);
    ADDOP(c, OP_POP_TOP);
    return 0;
}

int ouc_visit_stmt(ouc_compiler *c, OuAst_stmt *s)
{
    OUC_SET_LOC(c, s);
    switch (s->kind) {
    case OuAst_FunctionDef_kind:
        return compile_function(c, s, 0);
    case OuAst_AsyncFunctionDef_kind:
        return compile_function(c, s, 1);
    case OuAst_ClassDef_kind:
        return compile_class(c, s);
    case OuAst_Return_kind:
        return compile_return(c, s);
    case OuAst_Delete_kind:
        for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(s->v.Delete.targets); i++)
            VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, s->v.Delete.targets, i));
        return 0;
    case OuAst_Assign_kind: {
        Ou_ssize_t n = OUAST_SEQ_LEN(s->v.Assign.targets);
        VISIT(c, s->v.Assign.value);
        for (Ou_ssize_t i = 0; i < n; i++) {
            if (i < n - 1)
                ADDOP_I(c, OP_COPY, 1);
            VISIT(c, OUAST_SEQ_GET_T(OuAst_expr, s->v.Assign.targets, i));
        }
        return 0;
    }
    case OuAst_AugAssign_kind:
        return compile_augassign(c, s);
    case OuAst_AnnAssign_kind:
        return compile_annassign(c, s);
    case OuAst_For_kind:
        return compile_for(c, s);
    case OuAst_AsyncFor_kind:
        return compile_async_for(c, s);
    case OuAst_While_kind:
        return compile_while(c, s);
    case OuAst_If_kind:
        return compile_if(c, s);
    case OuAst_With_kind:
        return compile_with(c, s, 0, 0);
    case OuAst_AsyncWith_kind:
        return compile_with(c, s, 0, 1);
    case OuAst_Match_kind:
        return ouc_error(c, "match statement is not supported yet");
    case OuAst_Raise_kind: {
        int n = 0;
        if (s->v.Raise.exc) {
            VISIT(c, s->v.Raise.exc);
            n++;
            if (s->v.Raise.cause) {
                VISIT(c, s->v.Raise.cause);
                n++;
            }
        }
        ADDOP_I(c, OP_RAISE_VARARGS, n);
        return 0;
    }
    case OuAst_Try_kind:
        if (OUAST_SEQ_LEN(s->v.Try.finalbody))
            return compile_try_finally(c, s, 0);
        return compile_try_except(c, s);
    case OuAst_TryStar_kind:
        if (OUAST_SEQ_LEN(s->v.TryStar.finalbody))
            return compile_try_finally(c, s, 1);
        return compile_try_star_except(c, s);
    case OuAst_Assert_kind:
        return compile_assert(c, s);
    case OuAst_Import_kind:
        return compile_import(c, s);
    case OuAst_ImportFrom_kind:
        return compile_from_import(c, s);
    case OuAst_Global_kind:
    case OuAst_Nonlocal_kind:
        return 0;
    case OuAst_Expr_kind:
        return compile_stmt_expr(c, s->v.Expr.value);
    case OuAst_Pass_kind:
        ADDOP(c, OP_NOP);
        return 0;
    case OuAst_Break_kind:
        return compile_break_continue(c, 1);
    case OuAst_Continue_kind:
        return compile_break_continue(c, 0);
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Future statements and the entry point                              */

static int check_future(ouc_compiler *c, OuAst_stmt *s)
{
    for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(s->v.ImportFrom.names); i++) {
        const char *f = OUAST_SEQ_GET_T(OuAst_alias, s->v.ImportFrom.names, i)->name;
        if (!strcmp(f, "nested_scopes") || !strcmp(f, "generators") || !strcmp(f, "division") ||
            !strcmp(f, "absolute_import") || !strcmp(f, "with_statement") || !strcmp(f, "print_function") ||
            !strcmp(f, "unicode_literals") || !strcmp(f, "generator_stop"))
            continue;
        if (!strcmp(f, "barry_as_FLUFL"))
            c->future_flags |= OU_CO_FUTURE_BARRY_AS_BDFL;
        else if (!strcmp(f, "annotations"))
            c->future_flags |= OU_CO_FUTURE_ANNOTATIONS;
        else if (!strcmp(f, "braces"))
            return Ou_SyntaxErrorAt(c->filename, s->lineno, s->col_offset, s->lineno, -1, "not a chance");
        else
            return Ou_SyntaxErrorAt(c->filename, s->lineno, s->col_offset, s->lineno, -1,
                                    "future feature %.100s is not defined", f);
    }
    return 0;
}

static int parse_future(ouc_compiler *c, OuAst_seq *body)
{
    int done = 0, prev_line = 0, found_doc = 0;
    for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(body); i++) {
        OuAst_stmt *s = OUAST_SEQ_GET_T(OuAst_stmt, body, i);
        if (done && s->lineno > prev_line)
            return 0;
        prev_line = s->lineno;
        if (s->kind == OuAst_ImportFrom_kind) {
            const char *m = s->v.ImportFrom.module;
            if (m && strcmp(m, "__future__") == 0) {
                if (done)
                    return Ou_SyntaxErrorAt(c->filename, s->lineno, s->col_offset, s->lineno, s->col_offset,
                                            "from __future__ imports must occur at the beginning of the file");
                CHECK(check_future(c, s));
                c->future_lineno = s->lineno;
            } else {
                done = 1;
            }
        } else if (s->kind == OuAst_Expr_kind && !found_doc) {
            OuAst_expr *e = s->v.Expr.value;
            if (e->kind != OuAst_Constant_kind || e->v.Constant.value.kind != OU_CONST_STR)
                done = 1;
            else
                found_doc = 1;
        } else {
            done = 1;
        }
    }
    return 0;
}

static OuObject *compile_mod(ouc_compiler *c, OuAst_mod *mod)
{
    if (ouc_enter_scope(c, "<module>", OUC_SCOPE_MODULE, mod, 1) < 0)
        return NULL;
    int add_none = 1, r = 0;
    switch (mod->kind) {
    case OuAst_Module_kind:
        r = ouc_body_stmts(c, mod->v.Module.body);
        break;
    case OuAst_Interactive_kind:
        c->interactive = 1;
        if (find_ann(mod->v.Interactive.body))
            r = ouc_addop(c, OP_SETUP_ANNOTATIONS, 0);
        if (r == 0)
            r = visit_stmts(c, mod->v.Interactive.body);
        break;
    case OuAst_Expression_kind:
        r = ouc_visit_expr(c, mod->v.Expression.body);
        add_none = 0;
        break;
    default:
        OuErr_SetString(OuExc_SystemError, "compiler: unsupported module kind");
        r = -1;
    }
    return r < 0 ? NULL : ouc_assemble(c, add_none);
}

OuObject *OuCompile_Ast(OuAst_mod *mod, OuObject *filename, int mode, int optimize)
{
    ouc_compiler c;
    memset(&c, 0, sizeof c);
    c.filename = filename;
    c.optimize = optimize;
    c.future_lineno = -1;
    OuPtrMap_Init(&c.folded);
    c.arena = OuArena_New();
    if (!c.arena)
        return OuErr_NoMemory();
    OuObject *co = NULL;
    if (mod->kind == OuAst_Module_kind && parse_future(&c, mod->v.Module.body) < 0)
        goto done;
    c.st = OuSymtable_Build(mod, filename, c.future_flags);
    if (!c.st)
        goto done;
    co = compile_mod(&c, mod);
done:
    while (c.u)
        ouc_exit_scope(&c);
    for (int i = 0; i < c.folded.nslots; i++)
        if (c.folded.keys[i] && c.folded.values[i] != &notconst_marker)
            OU_DECREF((OuObject *)c.folded.values[i]);
    OuPtrMap_Clear(&c.folded);
    OuSymtable_Free(c.st);
    OuArena_Free(c.arena);
    return co;
}

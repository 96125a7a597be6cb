/*
 * tupleobject.c -- tuple: an immutable array of references.
 *
 * Types defined here: OuTuple_Type ("tuple"), OuTupleIter_Type ("tuple_iterator").
 * They are readied by OuList_Init (listobject.c).
 *
 * The empty tuple is a static immortal singleton (ou_empty_tuple) so it exists
 * before start-up runs. Tuples of sizes 1..TUPLE_MAXFREE-1 are recycled through
 * per-size free lists, linked through items[0]. The hash is CPython 3.11's
 * xxHash-style combination of the item hashes, cached in the object.
 */
#include "core/ouro.h"

#define TUPLE_MAXFREE 20         /* sizes 1..19 are recycled */
#define TUPLE_MAXFREECOUNT 2000  /* per size */

static OuTupleObject *tuple_free[TUPLE_MAXFREE];
static int tuple_free_count[TUPLE_MAXFREE];

/* The empty tuple carries a (never linked) GC header in front like every
   other container, so GC queries on it are safe. */
static struct {
    OuGCHead gc;
    OuTupleObject t;
} empty_tuple_block = {
    { NULL, NULL, 0 },
    { OU_STATIC_VAROBJECT_INIT(&OuTuple_Type, 0), -1, { NULL } },
};
_Static_assert(offsetof(__typeof__(empty_tuple_block), t) == sizeof(OuGCHead),
               "empty tuple must follow its GC header directly");
OuObject *ou_empty_tuple = (OuObject *)&empty_tuple_block.t;

/* A fresh exact tuple of n (> 0) NULL slots, from the free list when possible;
   not yet tracked. */
static OuTupleObject *tuple_alloc(Ou_ssize_t n)
{
    OuTupleObject *t;
    if (n < TUPLE_MAXFREE && (t = tuple_free[n]) != NULL) {
        tuple_free[n] = (OuTupleObject *)t->items[0];
        tuple_free_count[n]--;
        t->ob_base.ob_base.ob_refcnt = 1;
        t->ob_base.ob_base.ob_type = &OuTuple_Type;
        memset(t->items, 0, (size_t)n * sizeof(OuObject *));
    } else {
        if ((size_t)n > (OU_SSIZE_T_MAX - sizeof(OuTupleObject)) / sizeof(OuObject *))
            return (OuTupleObject *)OuErr_NoMemory();
        t = (OuTupleObject *)OuType_GenericAlloc(&OuTuple_Type, n);
        if (!t)
            return NULL;
    }
    t->hash = -1;
    return t;
}

OuObject *OuTuple_New(Ou_ssize_t n)
{
    if (n == 0)
        return OU_NEWREF(ou_empty_tuple);
    if (n < 0) {
        OuErr_BadInternalCall();
        return NULL;
    }
    OuTupleObject *t = tuple_alloc(n);
    if (!t)
        return NULL;
    OuObject_GC_Track((OuObject *)t);
    return (OuObject *)t;
}

OuObject *OuTuple_FromArray(OuObject *const *items, Ou_ssize_t n)
{
    OuObject *t = OuTuple_New(n);
    if (!t)
        return NULL;
    for (Ou_ssize_t i = 0; i < n; i++)
        OU_TUPLE_ITEMS(t)[i] = OU_NEWREF(items[i]);
    return t;
}

OuObject *OuTuple_Pack(Ou_ssize_t n, ...)
{
    va_list va;
    OuObject *t = OuTuple_New(n);
    if (!t)
        return NULL;
    va_start(va, n);
    for (Ou_ssize_t i = 0; i < n; i++)
        OU_TUPLE_ITEMS(t)[i] = OU_NEWREF(va_arg(va, OuObject *));
    va_end(va);
    return t;
}

OuObject *OuTuple_GetSlice(OuObject *t, Ou_ssize_t lo, Ou_ssize_t hi)
{
    Ou_ssize_t n = OU_TUPLE_LEN(t);
    if (lo < 0)
        lo = 0;
    if (hi > n)
        hi = n;
    if (hi < lo)
        hi = lo;
    if (lo == 0 && hi == n && OuTuple_CheckExact(t))
        return OU_NEWREF(t);
    return OuTuple_FromArray(OU_TUPLE_ITEMS(t) + lo, hi - lo);
}

/* Resize a tuple nobody else has seen yet (refcount 1). On failure *t is
   released and set to NULL. */
int OuTuple_Resize(OuObject **pt, Ou_ssize_t n)
{
    OuObject *t = *pt;
    Ou_ssize_t old = OU_TUPLE_LEN(t);
    if (n == old)
        return 0;
    if (old == 0 || n == 0) {
        OuObject *nt = OuTuple_New(n);
        OU_DECREF(t);
        *pt = nt;
        if (!nt)
            return -1;
        return 0;
    }
    for (Ou_ssize_t i = n; i < old; i++)
        OU_CLEAR(OU_TUPLE_ITEMS(t)[i]);
    OuObject_GC_UnTrack(t);
    size_t size = sizeof(OuGCHead) + offsetof(OuTupleObject, items) + (size_t)n * sizeof(OuObject *);
    OuGCHead *g = Ou_Realloc(OU_AS_GC(t), size);
    if (!g) {
        OuObject_GC_Track(t);
        OU_DECREF(t);
        *pt = NULL;
        OuErr_NoMemory();
        return -1;
    }
    t = OU_FROM_GC(g);
    for (Ou_ssize_t i = old; i < n; i++)
        OU_TUPLE_ITEMS(t)[i] = NULL;
    OU_SET_SIZE(t, n);
    ((OuTupleObject *)t)->hash = -1;
    OuObject_GC_Track(t);
    *pt = t;
    return 0;
}

static void tuple_dealloc(OuObject *o)
{
    OuTupleObject *t = (OuTupleObject *)o;
    Ou_ssize_t n = OU_SIZE(o);
    OuObject_GC_UnTrack(o);
    for (Ou_ssize_t i = n - 1; i >= 0; i--)
        OU_XDECREF(t->items[i]);
    if (n > 0 && n < TUPLE_MAXFREE && OuTuple_CheckExact(o) &&
        tuple_free_count[n] < TUPLE_MAXFREECOUNT) {
        t->items[0] = (OuObject *)tuple_free[n];
        tuple_free[n] = t;
        tuple_free_count[n]++;
        return;
    }
    OU_TYPE(o)->tp_free(o);
}

static int tuple_traverse(OuObject *o, visitproc visit, void *arg)
{
    for (Ou_ssize_t i = OU_SIZE(o) - 1; i >= 0; i--)
        OU_VISIT(OU_TUPLE_ITEMS(o)[i]);
    return 0;
}

/* "(a, b)", "(a,)", "()" -- recursion shows as "(...)". */
static OuObject *tuple_repr(OuObject *o)
{
    Ou_ssize_t n = OU_SIZE(o);
    if (n == 0)
        return OuStr_FromUTF8("()");
    int r = Ou_ReprEnter(o);
    if (r != 0)
        return r > 0 ? OuStr_FromUTF8("(...)") : NULL;
    OuStrBuilder b;
    OuStrBuilder_Init(&b);
    if (OuStrBuilder_AppendChar(&b, '(') < 0)
        goto fail;
    for (Ou_ssize_t i = 0; i < OU_SIZE(o); i++) {
        if (i > 0 && OuStrBuilder_AppendASCII(&b, ", ", 2) < 0)
            goto fail;
        OuObject *s = OuObject_Repr(OU_TUPLE_ITEMS(o)[i]);
        if (!s)
            goto fail;
        int rc = OuStrBuilder_AppendStr(&b, s);
        OU_DECREF(s);
        if (rc < 0)
            goto fail;
    }
    if (OuStrBuilder_AppendASCII(&b, n == 1 ? ",)" : ")", n == 1 ? 2 : 1) < 0)
        goto fail;
    Ou_ReprLeave(o);
    return OuStrBuilder_Finish(&b);
fail:
    OuStrBuilder_Discard(&b);
    Ou_ReprLeave(o);
    return NULL;
}

/* CPython 3.11's tuple hash (xxHash-64 round over the item hashes). */
#define XXPRIME_1 11400714785074694791ULL
#define XXPRIME_2 14029467366897019727ULL
#define XXPRIME_5 2870177450012600261ULL
#define XXROTATE(x) (((x) << 31) | ((x) >> 33))

static Ou_hash_t tuple_hash(OuObject *o)
{
    OuTupleObject *t = (OuTupleObject *)o;
    if (t->hash != -1)
        return t->hash;
    Ou_ssize_t n = OU_SIZE(o);
    uint64_t acc = XXPRIME_5;
    for (Ou_ssize_t i = 0; i < n; i++) {
        Ou_hash_t h = OuObject_Hash(t->items[i]);
        if (h == -1)
            return -1;
        acc += (uint64_t)h * XXPRIME_2;
        acc = XXROTATE(acc);
        acc *= XXPRIME_1;
    }
    acc += (uint64_t)n ^ (XXPRIME_5 ^ 3527539ULL);
    if (acc == (uint64_t)-1)
        acc = 1546275796;
    t->hash = (Ou_hash_t)acc;
    return t->hash;
}

static Ou_ssize_t tuple_length(OuObject *o)
{
    return OU_SIZE(o);
}

static int tuple_contains(OuObject *o, OuObject *v)
{
    for (Ou_ssize_t i = 0; i < OU_SIZE(o); i++) {
        int c = OuObject_RichCompareBool(OU_TUPLE_ITEMS(o)[i], v, OU_EQ);
        if (c != 0)
            return c;
    }
    return 0;
}

static OuObject *tuple_item(OuObject *o, Ou_ssize_t i)
{
    if ((size_t)i >= (size_t)OU_SIZE(o)) {
        OuErr_SetString(OuExc_IndexError, "tuple index out of range");
        return NULL;
    }
    return OU_NEWREF(OU_TUPLE_ITEMS(o)[i]);
}

static OuObject *tuple_subscript(OuObject *o, OuObject *key)
{
    Ou_ssize_t i, n = OU_SIZE(o);
    if (OuInt_CheckExact(key) && OU_INT_IS_SMALL(key)) {
        i = (Ou_ssize_t)OU_INT_SMALL(key);
    } else if (OuSlice_Check(key)) {
        Ou_ssize_t start, stop, step, len;
        if (OuSlice_GetIndicesEx(key, n, &start, &stop, &step, &len) < 0)
            return NULL;
        if (len <= 0)
            return OU_NEWREF(ou_empty_tuple);
        if (start == 0 && step == 1 && len == n && OuTuple_CheckExact(o))
            return OU_NEWREF(o);
        OuObject *r = OuTuple_New(len);
        if (!r)
            return NULL;
        for (Ou_ssize_t k = 0, j = start; k < len; k++, j += step)
            OU_TUPLE_ITEMS(r)[k] = OU_NEWREF(OU_TUPLE_ITEMS(o)[j]);
        return r;
    } else if (OuIndex_Check(key)) {
        i = OuNumber_AsSsize_t(key, OuExc_IndexError);
        if (i == -1 && OuErr_Occurred())
            return NULL;
    } else {
        return OuErr_Format(OuExc_TypeError, "tuple indices must be integers or slices, not %.200s",
                            OU_TYPE_NAME(key));
    }
    if (i < 0)
        i += n;
    return tuple_item(o, i);
}

static OuObject *tuple_concat(OuObject *a, OuObject *b)
{
    if (!OuTuple_Check(b))
        return OuErr_Format(OuExc_TypeError, "can only concatenate tuple (not \"%.200s\") to tuple",
                            OU_TYPE_NAME(b));
    Ou_ssize_t na = OU_SIZE(a), nb = OU_SIZE(b);
    if (nb == 0 && OuTuple_CheckExact(a))
        return OU_NEWREF(a);
    if (na == 0 && OuTuple_CheckExact(b))
        return OU_NEWREF(b);
    if (na > OU_SSIZE_T_MAX / 2 || nb > OU_SSIZE_T_MAX / 2)
        return OuErr_NoMemory();
    OuObject *r = OuTuple_New(na + nb);
    if (!r)
        return NULL;
    for (Ou_ssize_t i = 0; i < na; i++)
        OU_TUPLE_ITEMS(r)[i] = OU_NEWREF(OU_TUPLE_ITEMS(a)[i]);
    for (Ou_ssize_t i = 0; i < nb; i++)
        OU_TUPLE_ITEMS(r)[na + i] = OU_NEWREF(OU_TUPLE_ITEMS(b)[i]);
    return r;
}

static OuObject *tuple_repeat(OuObject *o, Ou_ssize_t n)
{
    Ou_ssize_t len = OU_SIZE(o);
    if (n == 1 && OuTuple_CheckExact(o))
        return OU_NEWREF(o);
    if (n <= 0 || len == 0)
        return OU_NEWREF(ou_empty_tuple);
    if (len > OU_SSIZE_T_MAX / n)
        return OuErr_NoMemory();
    OuObject *r = OuTuple_New(len * n);
    if (!r)
        return NULL;
    OuObject **dst = OU_TUPLE_ITEMS(r);
    for (Ou_ssize_t k = 0; k < n; k++)
        for (Ou_ssize_t i = 0; i < len; i++)
            *dst++ = OU_NEWREF(OU_TUPLE_ITEMS(o)[i]);
    return r;
}

/* Lexicographic comparison shared in spirit with lists. */
static OuObject *tuple_richcompare(OuObject *a, OuObject *b, int op)
{
    if (!OuTuple_Check(a) || !OuTuple_Check(b))
        OU_RETURN_NOTIMPLEMENTED;
    Ou_ssize_t na = OU_SIZE(a), nb = OU_SIZE(b), i;
    for (i = 0; i < na && i < nb; i++) {
        int k = OuObject_RichCompareBool(OU_TUPLE_ITEMS(a)[i], OU_TUPLE_ITEMS(b)[i], OU_EQ);
        if (k < 0)
            return NULL;
        if (!k)
            break;
    }
    if (i >= na || i >= nb) {
        int r;
        switch (op) {
        case OU_LT: r = na < nb; break;
        case OU_LE: r = na <= nb; break;
        case OU_EQ: r = na == nb; break;
        case OU_NE: r = na != nb; break;
        case OU_GT: r = na > nb; break;
        default: r = na >= nb; break;
        }
        return OuBool_FromLong(r);
    }
    if (op == OU_EQ)
        OU_RETURN_FALSE;
    if (op == OU_NE)
        OU_RETURN_TRUE;
    return OuObject_RichCompare(OU_TUPLE_ITEMS(a)[i], OU_TUPLE_ITEMS(b)[i], op);
}

/* ---- construction ---- */

/* tuple(iterable) for any iterable, with fast paths for tuples and lists. */
OuObject *OuTuple_FromIterable(OuObject *v)
{
    if (OuTuple_CheckExact(v))
        return OU_NEWREF(v);
    if (OuList_Check(v))
        return OuTuple_FromArray(OU_LIST_ITEMS(v), OU_LIST_LEN(v));
    OuObject *it = OuObject_GetIter(v);
    if (!it)
        return NULL;
    Ou_ssize_t cap = OuObject_LengthHint(v, 8);
    if (cap < 0) {
        OU_DECREF(it);
        return NULL;
    }
    if (cap == 0)
        cap = 8;
    OuObject *t = OuTuple_New(cap);
    if (!t) {
        OU_DECREF(it);
        return NULL;
    }
    Ou_ssize_t n = 0;
    for (;;) {
        OuObject *x = OuIter_Next(it);
        if (!x) {
            if (OuErr_Occurred())
                goto fail;
            break;
        }
        if (n >= cap) {
            cap = cap + (cap >> 1) + 8;
            if (OuTuple_Resize(&t, cap) < 0) {
                OU_DECREF(x);
                OU_DECREF(it);
                return NULL;
            }
        }
        OU_TUPLE_ITEMS(t)[n++] = x;
    }
    OU_DECREF(it);
    if (n != cap && OuTuple_Resize(&t, n) < 0)
        return NULL;
    return t;
fail:
    OU_DECREF(it);
    OU_DECREF(t);
    return NULL;
}

OuObject *OuTuple_Iter(OuObject *t);

static OuObject *tuple_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs,
                           OuObject *kwnames)
{
    if (OuArg_NoKeywords("tuple", kwnames) < 0)
        return NULL;
    if (nargs > 1)
        return OuErr_Format(OuExc_TypeError, "tuple expected at most 1 argument, got %zd", nargs);
    OuObject *t = nargs ? OuTuple_FromIterable(args[0]) : OU_NEWREF(ou_empty_tuple);
    if (!t || type == &OuTuple_Type)
        return t;
    /* A subclass instance holding the same items. */
    Ou_ssize_t n = OU_SIZE(t);
    OuObject *r = type->tp_alloc(type, n);
    if (r) {
        ((OuTupleObject *)r)->hash = -1;
        for (Ou_ssize_t i = 0; i < n; i++)
            OU_TUPLE_ITEMS(r)[i] = OU_NEWREF(OU_TUPLE_ITEMS(t)[i]);
        OuObject_GC_Track(r);
    }
    OU_DECREF(t);
    return r;
}

static OuObject *tuple_vectorcall(OuObject *type, OuObject *const *args, Ou_ssize_t nargs,
                                  OuObject *kwnames)
{
    OuTypeObject *tp = (OuTypeObject *)type;
    if (tp == &OuTuple_Type)
        return tuple_new(tp, args, nargs, kwnames);
    OuObject *r = tp->tp_new(tp, args, nargs, kwnames);
    if (r && OuObject_TypeCheck(r, tp) && OU_TYPE(r)->tp_init &&
        OU_TYPE(r)->tp_init(r, args, nargs, kwnames) < 0)
        OU_CLEAR(r);
    return r;
}

/* ---- methods ---- */

static OuObject *tuple_index(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                             OuObject *kwnames)
{
    Ou_ssize_t start = 0, stop = OU_SSIZE_T_MAX, n = OU_SIZE(self);
    if (OuArg_NoKeywords("index", kwnames) < 0 || OuArg_CheckPositional("index", nargs, 1, 3) < 0)
        return NULL;
    if (nargs > 1 && OuSlice_IndexNotNone(args[1], &start) < 0)
        return NULL;
    if (nargs > 2 && OuSlice_IndexNotNone(args[2], &stop) < 0)
        return NULL;
    if (start < 0 && (start += n) < 0)
        start = 0;
    if (stop < 0 && (stop += n) < 0)
        stop = 0;
    for (Ou_ssize_t i = start; i < stop && i < OU_SIZE(self); i++) {
        int c = OuObject_RichCompareBool(OU_TUPLE_ITEMS(self)[i], args[0], OU_EQ);
        if (c < 0)
            return NULL;
        if (c)
            return OuInt_FromSsize_t(i);
    }
    OuErr_SetString(OuExc_ValueError, "tuple.index(x): x not in tuple");
    return NULL;
}

static OuObject *tuple_count(OuObject *self, OuObject *v)
{
    Ou_ssize_t count = 0;
    for (Ou_ssize_t i = 0; i < OU_SIZE(self); i++) {
        int c = OuObject_RichCompareBool(OU_TUPLE_ITEMS(self)[i], v, OU_EQ);
        if (c < 0)
            return NULL;
        count += c;
    }
    return OuInt_FromSsize_t(count);
}

static OuObject *tuple_getnewargs(OuObject *self, OuObject *unused)
{
    OuObject *t = OuTuple_FromArray(OU_TUPLE_ITEMS(self), OU_SIZE(self));
    if (!t)
        return NULL;
    OuObject *r = OuTuple_Pack(1, t);
    OU_DECREF(t);
    return r;
}

static OuObject *tuple_sizeof(OuObject *self, OuObject *unused)
{
    return OuInt_FromSsize_t((Ou_ssize_t)(offsetof(OuTupleObject, items) +
                                          OU_SIZE(self) * sizeof(OuObject *)));
}

static OuMethodDef tuple_methods[] = {
    {"index", (void *)tuple_index, OU_METH_FAST, NULL},
    {"count", (void *)tuple_count, OU_METH_O, NULL},
    {"__getnewargs__", (void *)tuple_getnewargs, OU_METH_NOARGS, NULL},
    {"__sizeof__", (void *)tuple_sizeof, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuTuple_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "tuple",
    .tp_basicsize = offsetof(OuTupleObject, items),
    .tp_itemsize = sizeof(OuObject *),
    .tp_flags = OU_TPFLAGS_BASETYPE | OU_TPFLAGS_HAVE_GC | OU_TPFLAGS_TUPLE_SUBCLASS |
                OU_TPFLAGS_SEQUENCE,
    .tp_dealloc = tuple_dealloc,
    .tp_traverse = tuple_traverse,
    .tp_new = tuple_new,
    .tp_vectorcall = tuple_vectorcall,
    .tp_repr = tuple_repr,
    .tp_hash = tuple_hash,
    .tp_richcompare = tuple_richcompare,
    .tp_iter = OuTuple_Iter,
    .mp_length = tuple_length,
    .mp_subscript = tuple_subscript,
    .sq_item = tuple_item,
    .sq_concat = tuple_concat,
    .sq_repeat = tuple_repeat,
    .sq_contains = tuple_contains,
    .tp_methods = tuple_methods,
};

/* ---- iterator ---- */

OuObject *OuTuple_Iter(OuObject *t)
{
    OuListIterObject *it = OuObject_NEW(OuListIterObject, &OuTupleIter_Type);
    if (!it)
        return NULL;
    it->index = 0;
    it->seq = OU_NEWREF(t);
    OuObject_GC_Track((OuObject *)it);
    return (OuObject *)it;
}

static void tupleiter_dealloc(OuObject *o)
{
    OuObject_GC_UnTrack(o);
    OU_XDECREF(((OuListIterObject *)o)->seq);
    OU_TYPE(o)->tp_free(o);
}

static int tupleiter_traverse(OuObject *o, visitproc visit, void *arg)
{
    OU_VISIT(((OuListIterObject *)o)->seq);
    return 0;
}

static OuObject *tupleiter_next(OuObject *o)
{
    OuListIterObject *it = (OuListIterObject *)o;
    OuObject *seq = it->seq;
    if (!seq)
        return NULL;
    if (it->index < OU_SIZE(seq))
        return OU_NEWREF(OU_TUPLE_ITEMS(seq)[it->index++]);
    it->seq = NULL;
    OU_DECREF(seq);
    return NULL;
}

static OuObject *tupleiter_length_hint(OuObject *o, OuObject *unused)
{
    OuListIterObject *it = (OuListIterObject *)o;
    Ou_ssize_t n = it->seq ? OU_SIZE(it->seq) - it->index : 0;
    return OuInt_FromSsize_t(n < 0 ? 0 : n);
}

static OuMethodDef tupleiter_methods[] = {
    {"__length_hint__", (void *)tupleiter_length_hint, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuTupleIter_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "tuple_iterator",
    .tp_basicsize = sizeof(OuListIterObject),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = tupleiter_dealloc,
    .tp_traverse = tupleiter_traverse,
    .tp_iter = OuObject_SelfIter,
    .tp_iternext = tupleiter_next,
    .tp_methods = tupleiter_methods,
};

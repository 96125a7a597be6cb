/*
 * iterobject.c -- the generic iterators.
 *
 * Types defined here: OuSeqIter_Type ("iterator", iteration through
 * __getitem__), OuCallIter_Type ("callable_iterator", iter(f, sentinel)),
 * OuEnumerate_Type ("enumerate"), OuZip_Type ("zip"), OuMap_Type ("map"),
 * OuFilter_Type ("filter"), OuReversed_Type ("reversed"). Readied by
 * OuRange_Init (rangeobject.c).
 */
#include "core/ouro.h"

/* seq[i] for i >= 0 through the cheapest available slot. */
static OuObject *seq_getitem(OuObject *seq, Ou_ssize_t i)
{
    if (OU_TYPE(seq)->sq_item)
        return OU_TYPE(seq)->sq_item(seq, i);
    OuObject *io = OuInt_FromSsize_t(i);
    if (!io)
        return NULL;
    OuObject *r = OuObject_GetItem(seq, io);
    OU_DECREF(io);
    return r;
}

/* After a failed seq[i]: 1 if it just means the end (IndexError or
   StopIteration, now cleared), 0 for a real error. */
static int end_of_sequence(void)
{
    if (OuErr_ExceptionMatches(OuExc_IndexError) || OuErr_ExceptionMatches(OuExc_StopIteration)) {
        OuErr_Clear();
        return 1;
    }
    return 0;
}

/* A call to a type: the exact type takes `fast`, subclasses go through
   tp_new and tp_init. */
static OuObject *type_call(OuTypeObject *tp, OuTypeObject *exact, newfunc fast,
                           OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (tp == exact)
        return fast(tp, args, nargs, kwnames);
    OuObject *r = tp->tp_new(tp, args, nargs, kwnames);
    if (r && OuObject_TypeCheck(r, tp) && OU_TYPE(r)->tp_init &&
        OU_TYPE(r)->tp_init(r, args, nargs, kwnames) < 0)
        OU_CLEAR(r);
    return r;
}

/* ---- sequence iterator ---- */

typedef struct {
    OuObject_HEAD
    Ou_ssize_t index;
    OuObject *seq;        /* NULL once exhausted */
} SeqIter;

OuObject *OuSeqIter_New(OuObject *seq)
{
    SeqIter *it = OuObject_NEW(SeqIter, &OuSeqIter_Type);
    if (!it)
        return NULL;
    it->index = 0;
    it->seq = OU_NEWREF(seq);
    OuObject_GC_Track((OuObject *)it);
    return (OuObject *)it;
}

static void seqiter_dealloc(OuObject *o)
{
    OuObject_GC_UnTrack(o);
    OU_XDECREF(((SeqIter *)o)->seq);
    OU_TYPE(o)->tp_free(o);
}

static int seqiter_traverse(OuObject *o, visitproc visit, void *arg)
{
    OU_VISIT(((SeqIter *)o)->seq);
    return 0;
}

static OuObject *seqiter_next(OuObject *o)
{
    SeqIter *it = (SeqIter *)o;
    if (!it->seq)
        return NULL;
    if (it->index == OU_SSIZE_T_MAX) {
        OuErr_SetString(OuExc_OverflowError, "iter index too large");
        return NULL;
    }
    OuObject *r = seq_getitem(it->seq, it->index);
    if (r) {
        it->index++;
        return r;
    }
    if (end_of_sequence())
        OU_CLEAR(it->seq);
    return NULL;
}

static OuObject *seqiter_length_hint(OuObject *o, OuObject *unused)
{
    SeqIter *it = (SeqIter *)o;
    if (!it->seq)
        return OuInt_FromLong(0);
    Ou_ssize_t n = OuObject_Length(it->seq);
    if (n < 0)
        return NULL;
    n -= it->index;
    return OuInt_FromSsize_t(n < 0 ? 0 : n);
}

static OuMethodDef seqiter_methods[] = {
    {"__length_hint__", (void *)seqiter_length_hint, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuSeqIter_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "iterator",
    .tp_basicsize = sizeof(SeqIter),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = seqiter_dealloc,
    .tp_traverse = seqiter_traverse,
    .tp_iter = OuObject_SelfIter,
    .tp_iternext = seqiter_next,
    .tp_methods = seqiter_methods,
};

/* ---- callable iterator ---- */

typedef struct {
    OuObject_HEAD
    OuObject *callable;   /* NULL once exhausted */
    OuObject *sentinel;
} CallIter;

OuObject *OuCallIter_New(OuObject *callable, OuObject *sentinel)
{
    CallIter *it = OuObject_NEW(CallIter, &OuCallIter_Type);
    if (!it)
        return NULL;
    it->callable = OU_NEWREF(callable);
    it->sentinel = OU_NEWREF(sentinel);
    OuObject_GC_Track((OuObject *)it);
    return (OuObject *)it;
}

static void calliter_dealloc(OuObject *o)
{
    CallIter *it = (CallIter *)o;
    OuObject_GC_UnTrack(o);
    OU_XDECREF(it->callable);
    OU_XDECREF(it->sentinel);
    OU_TYPE(o)->tp_free(o);
}

static int calliter_traverse(OuObject *o, visitproc visit, void *arg)
{
    OU_VISIT(((CallIter *)o)->callable);
    OU_VISIT(((CallIter *)o)->sentinel);
    return 0;
}

static OuObject *calliter_next(OuObject *o)
{
    CallIter *it = (CallIter *)o;
    if (!it->callable)
        return NULL;
    OuObject *r = OuObject_CallNoArgs(it->callable);
    if (!r) {
        if (OuErr_ExceptionMatches(OuExc_StopIteration)) {
            OuErr_Clear();
            OU_CLEAR(it->callable);
            OU_CLEAR(it->sentinel);
        }
        return NULL;
    }
    int c = OuObject_RichCompareBool(it->sentinel, r, OU_EQ);
    if (c == 0)
        return r;
    OU_DECREF(r);
    if (c > 0) {
        OU_CLEAR(it->callable);
        OU_CLEAR(it->sentinel);
    }
    return NULL;
}

OuTypeObject OuCallIter_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "callable_iterator",
    .tp_basicsize = sizeof(CallIter),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = calliter_dealloc,
    .tp_traverse = calliter_traverse,
    .tp_iter = OuObject_SelfIter,
    .tp_iternext = calliter_next,
};

/* ---- enumerate ---- */

typedef struct {
    OuObject_HEAD
    Ou_ssize_t index;
    OuObject *long_index;   /* the count as an int once it leaves ssize range, else NULL */
    OuObject *it;
    OuObject *result;       /* cached 2-tuple, reused when nobody holds it */
} Enumerate;

static OuObject *enumerate_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs,
                               OuObject *kwnames)
{
    static const char *const names[] = {"iterable", "start", NULL};
    OuObject *out[2] = {NULL, NULL}, *start = NULL;
    if (OuArg_Parse("enumerate", args, nargs, kwnames, names, 0, -1, 1, out) < 0)
        return NULL;
    if (out[1] && !(start = OuNumber_Index(out[1])))
        return NULL;
    OuObject *it = OuObject_GetIter(out[0]);
    if (!it) {
        OU_XDECREF(start);
        return NULL;
    }
    Enumerate *en = (Enumerate *)type->tp_alloc(type, 0);
    if (!en) {
        OU_DECREF(it);
        OU_XDECREF(start);
        return NULL;
    }
    en->index = 0;
    en->long_index = NULL;
    if (start) {
        Ou_ssize_t i = OuNumber_AsSsize_t(start, OuExc_OverflowError);
        if (i == -1 && OuErr_Occurred()) {
            OuErr_Clear();
            en->long_index = OU_NEWREF(start);
        } else {
            en->index = i;
        }
        OU_DECREF(start);
    }
    en->it = it;
    en->result = NULL;
    OuObject_GC_Track((OuObject *)en);
    return (OuObject *)en;
}

static OuObject *enumerate_vectorcall(OuObject *type, OuObject *const *args, Ou_ssize_t nargs,
                                      OuObject *kwnames)
{
    return type_call((OuTypeObject *)type, &OuEnumerate_Type, enumerate_new, args, nargs, kwnames);
}

static void enumerate_dealloc(OuObject *o)
{
    Enumerate *en = (Enumerate *)o;
    OuObject_GC_UnTrack(o);
    OU_XDECREF(en->it);
    OU_XDECREF(en->long_index);
    OU_XDECREF(en->result);
    OU_TYPE(o)->tp_free(o);
}

static int enumerate_traverse(OuObject *o, visitproc visit, void *arg)
{
    Enumerate *en = (Enumerate *)o;
    OU_VISIT(en->it);
    OU_VISIT(en->long_index);
    OU_VISIT(en->result);
    return 0;
}

/* A 2-tuple (a, b), stealing both: the cached one when free. */
static OuObject *pair_result(OuObject **cache, OuObject *a, OuObject *b)
{
    OuObject *r = *cache;
    if (r && OU_REFCNT(r) == 1) {
        OuObject *oa = OU_TUPLE_GET(r, 0), *ob = OU_TUPLE_GET(r, 1);
        OU_TUPLE_SET(r, 0, a);
        OU_TUPLE_SET(r, 1, b);
        ((OuTupleObject *)r)->hash = -1;
        OU_DECREF(oa);
        OU_DECREF(ob);
        return OU_NEWREF(r);
    }
    r = OuTuple_New(2);
    if (!r) {
        OU_DECREF(a);
        OU_DECREF(b);
        return NULL;
    }
    OU_TUPLE_SET(r, 0, a);
    OU_TUPLE_SET(r, 1, b);
    OU_XSETREF(*cache, OU_NEWREF(r));
    return r;
}

static OuObject *enumerate_next(OuObject *o)
{
    Enumerate *en = (Enumerate *)o;
    OuObject *item = OU_TYPE(en->it)->tp_iternext(en->it), *idx;
    if (!item)
        return NULL;
    if (!en->long_index && en->index == OU_SSIZE_T_MAX)
        en->long_index = OuInt_FromSsize_t(en->index);
    if (en->long_index) {
        OuObject *one = OuInt_FromLong(1);
        OuObject *nx = one ? OuNumber_Add(en->long_index, one) : NULL;
        OU_XDECREF(one);
        if (!nx) {
            OU_DECREF(item);
            return NULL;
        }
        idx = en->long_index;
        en->long_index = nx;
    } else {
        idx = OuInt_FromSsize_t(en->index++);
        if (!idx) {
            OU_DECREF(item);
            return NULL;
        }
    }
    return pair_result(&en->result, idx, item);
}

OuTypeObject OuEnumerate_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "enumerate",
    .tp_basicsize = sizeof(Enumerate),
    .tp_flags = OU_TPFLAGS_HAVE_GC | OU_TPFLAGS_BASETYPE,
    .tp_dealloc = enumerate_dealloc,
    .tp_traverse = enumerate_traverse,
    .tp_new = enumerate_new,
    .tp_vectorcall = enumerate_vectorcall,
    .tp_iter = OuObject_SelfIter,
    .tp_iternext = enumerate_next,
};

/* ---- zip ---- */

typedef struct {
    OuObject_HEAD
    Ou_ssize_t n;
    OuObject *its;        /* tuple of iterators */
    OuObject *result;     /* cached tuple */
    int strict;
} Zip;

static OuObject *zip_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs,
                         OuObject *kwnames)
{
    int strict = 0;
    if (kwnames) {
        for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(kwnames); i++) {
            OuObject *name = OU_TUPLE_GET(kwnames, i);
            if (!OuStr_EqualToASCII(name, "strict"))
                return OuErr_Format(OuExc_TypeError, "zip() got an unexpected keyword argument '%U'",
                                    name);
            strict = OuObject_IsTrue(args[nargs + i]);
            if (strict < 0)
                return NULL;
        }
    }
    OuObject *its = OuTuple_New(nargs);
    if (!its)
        return NULL;
    for (Ou_ssize_t i = 0; i < nargs; i++) {
        OuObject *it = OuObject_GetIter(args[i]);
        if (!it) {
            OU_DECREF(its);
            return NULL;
        }
        OU_TUPLE_SET(its, i, it);
    }
    Zip *z = (Zip *)type->tp_alloc(type, 0);
    if (!z) {
        OU_DECREF(its);
        return NULL;
    }
    z->n = nargs;
    z->its = its;
    z->result = NULL;
    z->strict = strict;
    OuObject_GC_Track((OuObject *)z);
    return (OuObject *)z;
}

static OuObject *zip_vectorcall(OuObject *type, OuObject *const *args, Ou_ssize_t nargs,
                                OuObject *kwnames)
{
    return type_call((OuTypeObject *)type, &OuZip_Type, zip_new, args, nargs, kwnames);
}

static void zip_dealloc(OuObject *o)
{
    Zip *z = (Zip *)o;
    OuObject_GC_UnTrack(o);
    OU_XDECREF(z->its);
    OU_XDECREF(z->result);
    OU_TYPE(o)->tp_free(o);
}

static int zip_traverse(OuObject *o, visitproc visit, void *arg)
{
    OU_VISIT(((Zip *)o)->its);
    OU_VISIT(((Zip *)o)->result);
    return 0;
}

/* strict=True: iterator i ran out first; find out whether the others agree. */
static OuObject *zip_strict_check(Zip *z, Ou_ssize_t i)
{
    if (i > 0) {
        if (i == 1)
            return OuErr_Format(OuExc_ValueError, "zip() argument %zd is shorter than argument 1", i + 1);
        return OuErr_Format(OuExc_ValueError, "zip() argument %zd is shorter than arguments 1-%zd",
                            i + 1, i);
    }
    for (Ou_ssize_t j = 1; j < z->n; j++) {
        OuObject *item = OuIter_Next(OU_TUPLE_GET(z->its, j));
        if (item) {
            OU_DECREF(item);
            if (j == 1)
                return OuErr_Format(OuExc_ValueError, "zip() argument %zd is longer than argument 1",
                                    j + 1);
            return OuErr_Format(OuExc_ValueError, "zip() argument %zd is longer than arguments 1-%zd",
                                j + 1, j);
        }
        if (OuErr_Occurred())
            return NULL;
    }
    return NULL;
}

static OuObject *zip_next(OuObject *o)
{
    Zip *z = (Zip *)o;
    Ou_ssize_t n = z->n;
    if (n == 0)
        return NULL;
    OuObject *r = z->result;
    int reuse = r && OU_REFCNT(r) == 1;
    if (!reuse) {
        r = OuTuple_New(n);
        if (!r)
            return NULL;
    }
    for (Ou_ssize_t i = 0; i < n; i++) {
        OuObject *item = OuIter_Next(OU_TUPLE_GET(z->its, i));
        if (!item) {
            if (!reuse)
                OU_DECREF(r);
            if (!OuErr_Occurred() && z->strict)
                return zip_strict_check(z, i);
            return NULL;
        }
        if (reuse) {
            OuObject *old = OU_TUPLE_GET(r, i);
            OU_TUPLE_SET(r, i, item);
            OU_DECREF(old);
        } else {
            OU_TUPLE_SET(r, i, item);
        }
    }
    if (reuse) {
        ((OuTupleObject *)r)->hash = -1;
        return OU_NEWREF(r);
    }
    if (n <= 4)
        OU_XSETREF(z->result, OU_NEWREF(r));
    return r;
}

OuTypeObject OuZip_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "zip",
    .tp_basicsize = sizeof(Zip),
    .tp_flags = OU_TPFLAGS_HAVE_GC | OU_TPFLAGS_BASETYPE,
    .tp_dealloc = zip_dealloc,
    .tp_traverse = zip_traverse,
    .tp_new = zip_new,
    .tp_vectorcall = zip_vectorcall,
    .tp_iter = OuObject_SelfIter,
    .tp_iternext = zip_next,
};

/* ---- map ---- */

typedef struct {
    OuObject_HEAD
    OuObject *func;
    OuObject *its;        /* tuple of iterators */
} Map;

static OuObject *map_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs,
                         OuObject *kwnames)
{
    if (type == &OuMap_Type && OuArg_NoKeywords("map", kwnames) < 0)
        return NULL;
    if (nargs < 2)
        return OuErr_Format(OuExc_TypeError, "map() must have at least two arguments.");
    OuObject *its = OuTuple_New(nargs - 1);
    if (!its)
        return NULL;
    for (Ou_ssize_t i = 1; i < nargs; i++) {
        OuObject *it = OuObject_GetIter(args[i]);
        if (!it) {
            OU_DECREF(its);
            return NULL;
        }
        OU_TUPLE_SET(its, i - 1, it);
    }
    Map *m = (Map *)type->tp_alloc(type, 0);
    if (!m) {
        OU_DECREF(its);
        return NULL;
    }
    m->func = OU_NEWREF(args[0]);
    m->its = its;
    OuObject_GC_Track((OuObject *)m);
    return (OuObject *)m;
}

static OuObject *map_vectorcall(OuObject *type, OuObject *const *args, Ou_ssize_t nargs,
                                OuObject *kwnames)
{
    return type_call((OuTypeObject *)type, &OuMap_Type, map_new, args, nargs, kwnames);
}

static void map_dealloc(OuObject *o)
{
    Map *m = (Map *)o;
    OuObject_GC_UnTrack(o);
    OU_XDECREF(m->func);
    OU_XDECREF(m->its);
    OU_TYPE(o)->tp_free(o);
}

static int map_traverse(OuObject *o, visitproc visit, void *arg)
{
    OU_VISIT(((Map *)o)->func);
    OU_VISIT(((Map *)o)->its);
    return 0;
}

static OuObject *map_next(OuObject *o)
{
    Map *m = (Map *)o;
    Ou_ssize_t n = OU_TUPLE_LEN(m->its), i;
    OuObject *small[8], **argv = small, *r = NULL;
    if (n > 8) {
        argv = Ou_Malloc((size_t)n * sizeof(OuObject *));
        if (!argv)
            return OuErr_NoMemory();
    }
    for (i = 0; i < n; i++) {
        OuObject *it = OU_TUPLE_GET(m->its, i);
        argv[i] = OU_TYPE(it)->tp_iternext(it);
        if (!argv[i])
            goto out;
    }
    r = OuObject_Vectorcall(m->func, argv, n, NULL);
out:
    while (--i >= 0)
        OU_DECREF(argv[i]);
    if (argv != small)
        Ou_Free(argv);
    return r;
}

OuTypeObject OuMap_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "map",
    .tp_basicsize = sizeof(Map),
    .tp_flags = OU_TPFLAGS_HAVE_GC | OU_TPFLAGS_BASETYPE,
    .tp_dealloc = map_dealloc,
    .tp_traverse = map_traverse,
    .tp_new = map_new,
    .tp_vectorcall = map_vectorcall,
    .tp_iter = OuObject_SelfIter,
    .tp_iternext = map_next,
};

/* ---- filter ---- */

typedef struct {
    OuObject_HEAD
    OuObject *func;       /* None or bool: truth of the item itself */
    OuObject *it;
} Filter;

static OuObject *filter_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs,
                            OuObject *kwnames)
{
    if (type == &OuFilter_Type && OuArg_NoKeywords("filter", kwnames) < 0)
        return NULL;
    if (nargs != 2)
        return OuErr_Format(OuExc_TypeError, "filter expected 2 arguments, got %zd", nargs);
    OuObject *it = OuObject_GetIter(args[1]);
    if (!it)
        return NULL;
    Filter *f = (Filter *)type->tp_alloc(type, 0);
    if (!f) {
        OU_DECREF(it);
        return NULL;
    }
    f->func = OU_NEWREF(args[0]);
    f->it = it;
    OuObject_GC_Track((OuObject *)f);
    return (OuObject *)f;
}

static OuObject *filter_vectorcall(OuObject *type, OuObject *const *args, Ou_ssize_t nargs,
                                   OuObject *kwnames)
{
    return type_call((OuTypeObject *)type, &OuFilter_Type, filter_new, args, nargs, kwnames);
}

static void filter_dealloc(OuObject *o)
{
    Filter *f = (Filter *)o;
    OuObject_GC_UnTrack(o);
    OU_XDECREF(f->func);
    OU_XDECREF(f->it);
    OU_TYPE(o)->tp_free(o);
}

static int filter_traverse(OuObject *o, visitproc visit, void *arg)
{
    OU_VISIT(((Filter *)o)->func);
    OU_VISIT(((Filter *)o)->it);
    return 0;
}

static OuObject *filter_next(OuObject *o)
{
    Filter *f = (Filter *)o;
    iternextfunc next = OU_TYPE(f->it)->tp_iternext;
    int plain = f->func == OU_NONE || f->func == (OuObject *)&OuBool_Type;
    for (;;) {
        OuObject *item = next(f->it);
        if (!item)
            return NULL;
        int ok;
        if (plain) {
            ok = OuObject_IsTrue(item);
        } else {
            OuObject *good = OuObject_CallOneArg(f->func, item);
            if (!good) {
                OU_DECREF(item);
                return NULL;
            }
            ok = OuObject_IsTrue(good);
            OU_DECREF(good);
        }
        if (ok > 0)
            return item;
        OU_DECREF(item);
        if (ok < 0)
            return NULL;
    }
}

OuTypeObject OuFilter_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "filter",
    .tp_basicsize = sizeof(Filter),
    .tp_flags = OU_TPFLAGS_HAVE_GC | OU_TPFLAGS_BASETYPE,
    .tp_dealloc = filter_dealloc,
    .tp_traverse = filter_traverse,
    .tp_new = filter_new,
    .tp_vectorcall = filter_vectorcall,
    .tp_iter = OuObject_SelfIter,
    .tp_iternext = filter_next,
};

/* ---- reversed ---- */

typedef struct {
    OuObject_HEAD
    Ou_ssize_t index;     /* next index to produce, -1 when done */
    OuObject *seq;        /* NULL once exhausted */
} Reversed;

static OuObject *reversed_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs,
                              OuObject *kwnames)
{
    if (type == &OuReversed_Type && OuArg_NoKeywords("reversed", kwnames) < 0)
        return NULL;
    if (nargs != 1)
        return OuErr_Format(OuExc_TypeError, "reversed expected 1 argument, got %zd", nargs);
    OuObject *seq = args[0];
    OuObject *meth = OuObject_LookupSpecial(seq, OU_ID(__reversed__));
    if (meth == OU_NONE) {
        OU_DECREF(meth);
        return OuErr_Format(OuExc_TypeError, "'%.200s' object is not reversible", OU_TYPE_NAME(seq));
    }
    if (meth) {
        OuObject *r = OuObject_CallNoArgs(meth);
        OU_DECREF(meth);
        return r;
    }
    if (OuErr_Occurred())
        return NULL;
    if (OuDict_Check(seq) || (!OU_TYPE(seq)->sq_item && !OU_TYPE(seq)->mp_subscript))
        return OuErr_Format(OuExc_TypeError, "'%.200s' object is not reversible", OU_TYPE_NAME(seq));
    Ou_ssize_t n = OuObject_Length(seq);
    if (n < 0)
        return NULL;
    Reversed *rv = (Reversed *)type->tp_alloc(type, 0);
    if (!rv)
        return NULL;
    rv->index = n - 1;
    rv->seq = OU_NEWREF(seq);
    OuObject_GC_Track((OuObject *)rv);
    return (OuObject *)rv;
}

static OuObject *reversed_vectorcall(OuObject *type, OuObject *const *args, Ou_ssize_t nargs,
                                     OuObject *kwnames)
{
    return type_call((OuTypeObject *)type, &OuReversed_Type, reversed_new, args, nargs, kwnames);
}

static void reversed_dealloc(OuObject *o)
{
    OuObject_GC_UnTrack(o);
    OU_XDECREF(((Reversed *)o)->seq);
    OU_TYPE(o)->tp_free(o);
}

static int reversed_traverse(OuObject *o, visitproc visit, void *arg)
{
    OU_VISIT(((Reversed *)o)->seq);
    return 0;
}

static OuObject *reversed_next(OuObject *o)
{
    Reversed *rv = (Reversed *)o;
    if (rv->index >= 0 && rv->seq) {
        OuObject *item = seq_getitem(rv->seq, rv->index);
        if (item) {
            rv->index--;
            return item;
        }
        if (!end_of_sequence())
            return NULL;
    }
    rv->index = -1;
    OU_CLEAR(rv->seq);
    return NULL;
}

static OuObject *reversed_length_hint(OuObject *o, OuObject *unused)
{
    Reversed *rv = (Reversed *)o;
    if (!rv->seq)
        return OuInt_FromLong(0);
    Ou_ssize_t n = OuObject_Length(rv->seq);
    if (n < 0)
        return NULL;
    return OuInt_FromSsize_t(n < rv->index + 1 ? 0 : rv->index + 1);
}

static OuMethodDef reversed_methods[] = {
    {"__length_hint__", (void *)reversed_length_hint, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuReversed_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "reversed",
    .tp_basicsize = sizeof(Reversed),
    .tp_flags = OU_TPFLAGS_HAVE_GC | OU_TPFLAGS_BASETYPE,
    .tp_dealloc = reversed_dealloc,
    .tp_traverse = reversed_traverse,
    .tp_new = reversed_new,
    .tp_vectorcall = reversed_vectorcall,
    .tp_iter = OuObject_SelfIter,
    .tp_iternext = reversed_next,
    .tp_methods = reversed_methods,
};

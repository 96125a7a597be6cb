/*
 * rangeobject.c -- range and its iterators.
 *
 * Types defined here: OuRange_Type ("range"), OuRangeIter_Type
 * ("range_iterator", on machine integers), OuLongRangeIter_Type
 * ("longrange_iterator", on int objects). OuRange_Init readies these and the
 * other types of rangeobject.h: slice, the singletons' types, and the
 * iterators of iterobject.c.
 *
 * A range keeps start, stop, step and its length as int objects; every
 * operation has a fast path when they fit in 64 bits and a general path with
 * int arithmetic otherwise (range(10**20) works).
 */
#include "core/ouro.h"

typedef __int128 i128;

typedef struct {
    OuObject_HEAD
    int64_t next, step, remaining;
} RangeIter;

typedef struct {
    OuObject_HEAD
    OuObject *next, *step, *remaining;   /* ints */
} LongRangeIter;

static inline int is_small(OuObject *o)
{
    return OU_INT_IS_SMALL(o);
}

static OuObject *int_from_i128(i128 v)
{
    if (v >= INT64_MIN && v <= INT64_MAX)
        return OuInt_FromInt64((int64_t)v);
    if (v > 0 && v <= (i128)UINT64_MAX)
        return OuInt_FromUInt64((uint64_t)v);
    /* beyond 64 bits: go through the generic arithmetic */
    OuObject *hi = OuInt_FromInt64((int64_t)(v >> 64)), *shift = OuInt_FromLong(64);
    OuObject *lo = OuInt_FromUInt64((uint64_t)v), *r = NULL;
    if (hi && shift && lo) {
        OuObject *t = OuNumber_Lshift(hi, shift);
        if (t) {
            r = OuNumber_Or(t, lo);
            OU_DECREF(t);
        }
    }
    OU_XDECREF(hi);
    OU_XDECREF(shift);
    OU_XDECREF(lo);
    return r;
}

/* a + b * c for ints, with a 128-bit fast path. */
static OuObject *int_add_mul(OuObject *a, OuObject *b, OuObject *c)
{
    if (is_small(a) && is_small(b) && is_small(c))
        return int_from_i128((i128)OU_INT_SMALL(a) + (i128)OU_INT_SMALL(b) * (i128)OU_INT_SMALL(c));
    OuObject *t = OuNumber_Multiply(b, c);
    if (!t)
        return NULL;
    OuObject *r = OuNumber_Add(a, t);
    OU_DECREF(t);
    return r;
}

/* Number of items of range(start, stop, step); step != 0. */
static OuObject *compute_length(OuObject *start, OuObject *stop, OuObject *step)
{
    if (is_small(start) && is_small(stop) && is_small(step)) {
        i128 lo = OU_INT_SMALL(start), hi = OU_INT_SMALL(stop), st = OU_INT_SMALL(step);
        if (st < 0) {
            i128 t = lo;
            lo = hi;
            hi = t;
            st = -st;
        }
        return int_from_i128(lo < hi ? (hi - lo - 1) / st + 1 : 0);
    }
    OuObject *lo, *hi, *st, *one = NULL, *diff = NULL, *q = NULL, *r = NULL;
    if (OuInt_Sign(step) > 0) {
        lo = OU_NEWREF(start);
        hi = OU_NEWREF(stop);
        st = OU_NEWREF(step);
    } else {
        lo = OU_NEWREF(stop);
        hi = OU_NEWREF(start);
        st = OuNumber_Negative(step);
        if (!st)
            goto out;
    }
    if (OuInt_Compare(lo, hi) >= 0) {
        r = OuInt_FromLong(0);
        goto out;
    }
    /* (hi - lo - 1) // st + 1 */
    one = OuInt_FromLong(1);
    if (!one || !(diff = OuNumber_Subtract(hi, lo)))
        goto out;
    OU_SETREF(diff, OuNumber_Subtract(diff, one));
    if (!diff || !(q = OuNumber_FloorDivide(diff, st)))
        goto out;
    r = OuNumber_Add(q, one);
out:
    OU_XDECREF(lo);
    OU_XDECREF(hi);
    OU_XDECREF(st);
    OU_XDECREF(one);
    OU_XDECREF(diff);
    OU_XDECREF(q);
    return r;
}

/* A range from three ints (borrowed); step must not be zero. */
OuObject *OuRange_New(OuObject *start, OuObject *stop, OuObject *step)
{
    OuObject *len = compute_length(start, stop, step);
    if (!len)
        return NULL;
    OuRangeObject *r = OuObject_NEW(OuRangeObject, &OuRange_Type);
    if (!r) {
        OU_DECREF(len);
        return NULL;
    }
    r->start = OU_NEWREF(start);
    r->stop = OU_NEWREF(stop);
    r->step = OU_NEWREF(step);
    r->length = len;
    return (OuObject *)r;
}

static void range_dealloc(OuObject *o)
{
    OuRangeObject *r = (OuRangeObject *)o;
    OU_DECREF(r->start);
    OU_DECREF(r->stop);
    OU_DECREF(r->step);
    OU_DECREF(r->length);
    OU_TYPE(o)->tp_free(o);
}

/* range(stop) / range(start, stop[, step]) */
static OuObject *range_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs,
                           OuObject *kwnames)
{
    if (OuArg_NoKeywords("range", kwnames) < 0)
        return NULL;
    if (nargs == 0)
        return OuErr_Format(OuExc_TypeError, "range expected at least 1 argument, got 0");
    if (nargs > 3)
        return OuErr_Format(OuExc_TypeError, "range expected at most 3 arguments, got %zd", nargs);
    OuObject *v[3] = {NULL, NULL, NULL}, *r = NULL;
    for (Ou_ssize_t i = 0; i < nargs; i++)
        if (!(v[i] = OuNumber_Index(args[i])))
            goto out;
    if (nargs == 1) {
        v[1] = v[0];
        v[0] = OuInt_FromLong(0);
    }
    if (nargs < 3)
        v[2] = OuInt_FromLong(1);
    if (!v[0] || !v[2])
        goto out;
    if (OuInt_Sign(v[2]) == 0) {
        OuErr_SetString(OuExc_ValueError, "range() arg 3 must not be zero");
        goto out;
    }
    r = OuRange_New(v[0], v[1], v[2]);
out:
    for (int i = 0; i < 3; i++)
        OU_XDECREF(v[i]);
    return r;
}

static OuObject *range_vectorcall(OuObject *type, OuObject *const *args, Ou_ssize_t nargs,
                                  OuObject *kwnames)
{
    return range_new((OuTypeObject *)type, args, nargs, kwnames);
}

static OuObject *range_repr(OuObject *o)
{
    OuRangeObject *r = (OuRangeObject *)o;
    if (is_small(r->step) && OU_INT_SMALL(r->step) == 1)
        return OuStr_FromFormat("range(%R, %R)", r->start, r->stop);
    return OuStr_FromFormat("range(%R, %R, %R)", r->start, r->stop, r->step);
}

static Ou_ssize_t range_length(OuObject *o)
{
    return OuInt_AsSsize_t(((OuRangeObject *)o)->length);
}

static int range_bool(OuObject *o)
{
    return OuInt_Sign(((OuRangeObject *)o)->length) != 0;
}

/* Item at index i (an int, already made non-negative), with bounds check. */
static OuObject *range_item_obj(OuRangeObject *r, OuObject *i)
{
    if (OuInt_Sign(i) < 0 || OuInt_Compare(i, r->length) >= 0) {
        OuErr_SetString(OuExc_IndexError, "range object index out of range");
        return NULL;
    }
    return int_add_mul(r->start, i, r->step);
}

static OuObject *range_item(OuObject *o, Ou_ssize_t i)
{
    OuRangeObject *r = (OuRangeObject *)o;
    if (is_small(r->length) && is_small(r->start) && is_small(r->step)) {
        if (i < 0 || i >= OU_INT_SMALL(r->length)) {
            OuErr_SetString(OuExc_IndexError, "range object index out of range");
            return NULL;
        }
        return int_from_i128((i128)OU_INT_SMALL(r->start) + (i128)i * OU_INT_SMALL(r->step));
    }
    OuObject *io = OuInt_FromSsize_t(i);
    if (!io)
        return NULL;
    OuObject *res = range_item_obj(r, io);
    OU_DECREF(io);
    return res;
}

/* A slice bound clamped to [lower, upper] after adding len to negatives. */
static OuObject *slice_bound(OuObject *v, OuObject *len, OuObject *lower, OuObject *upper)
{
    if (!OuIndex_Check(v))
        return OuErr_Format(OuExc_TypeError,
                            "slice indices must be integers or None or have an __index__ method");
    OuObject *x = OuNumber_Index(v);
    if (!x)
        return NULL;
    if (OuInt_Sign(x) < 0) {
        OU_SETREF(x, OuNumber_Add(x, len));
        if (!x)
            return NULL;
        if (OuInt_Compare(x, lower) < 0)
            OU_SETREF(x, OU_NEWREF(lower));
    } else if (OuInt_Compare(x, upper) > 0) {
        OU_SETREF(x, OU_NEWREF(upper));
    }
    return x;
}

/* r[slice] as a new range, computed with int objects (any size). */
static OuObject *range_slice(OuRangeObject *r, OuSliceObject *s)
{
    OuObject *step = NULL, *lower = NULL, *upper = NULL, *start = NULL, *stop = NULL;
    OuObject *nstart = NULL, *nstop = NULL, *nstep = NULL, *res = NULL;
    if (s->step == OU_NONE) {
        step = OuInt_FromLong(1);
    } else {
        if (!OuIndex_Check(s->step))
            return OuErr_Format(OuExc_TypeError,
                                "slice indices must be integers or None or have an __index__ method");
        step = OuNumber_Index(s->step);
        if (step && OuInt_Sign(step) == 0) {
            OuErr_SetString(OuExc_ValueError, "slice step cannot be zero");
            goto out;
        }
    }
    if (!step)
        goto out;
    int neg = OuInt_Sign(step) < 0;
    lower = OuInt_FromLong(neg ? -1 : 0);
    if (!lower)
        goto out;
    upper = neg ? OuNumber_Add(r->length, lower) : OU_NEWREF(r->length);
    if (!upper)
        goto out;
    start = s->start == OU_NONE ? OU_NEWREF(neg ? upper : lower)
                                : slice_bound(s->start, r->length, lower, upper);
    if (!start)
        goto out;
    stop = s->stop == OU_NONE ? OU_NEWREF(neg ? lower : upper)
                              : slice_bound(s->stop, r->length, lower, upper);
    if (!stop)
        goto out;
    if (!(nstart = int_add_mul(r->start, start, r->step)) ||
        !(nstop = int_add_mul(r->start, stop, r->step)) ||
        !(nstep = OuNumber_Multiply(step, r->step)))
        goto out;
    res = OuRange_New(nstart, nstop, nstep);
out:
    OU_XDECREF(step);
    OU_XDECREF(lower);
    OU_XDECREF(upper);
    OU_XDECREF(start);
    OU_XDECREF(stop);
    OU_XDECREF(nstart);
    OU_XDECREF(nstop);
    OU_XDECREF(nstep);
    return res;
}

static OuObject *range_subscript(OuObject *o, OuObject *key)
{
    OuRangeObject *r = (OuRangeObject *)o;
    if (OuInt_CheckExact(key) && is_small(key) && is_small(r->length)) {
        int64_t i = OU_INT_SMALL(key), n = OU_INT_SMALL(r->length);
        if (i < 0)
            i += n;
        if (i < 0 || i >= n) {
            OuErr_SetString(OuExc_IndexError, "range object index out of range");
            return NULL;
        }
        return range_item(o, (Ou_ssize_t)i);
    }
    if (OuSlice_Check(key))
        return range_slice(r, (OuSliceObject *)key);
    if (OuIndex_Check(key)) {
        OuObject *i = OuNumber_Index(key);
        if (!i)
            return NULL;
        if (OuInt_Sign(i) < 0)
            OU_SETREF(i, OuNumber_Add(i, r->length));
        if (!i)
            return NULL;
        OuObject *res = range_item_obj(r, i);
        OU_DECREF(i);
        return res;
    }
    return OuErr_Format(OuExc_TypeError, "range indices must be integers or slices, not %.200s",
                        OU_TYPE_NAME(key));
}

/* For an int ob: 1 if ob is in the range, 0 if not, -1 on error. */
static int range_contains_int(OuRangeObject *r, OuObject *ob)
{
    if (is_small(r->start) && is_small(r->stop) && is_small(r->step) && is_small(ob)) {
        int64_t start = OU_INT_SMALL(r->start), stop = OU_INT_SMALL(r->stop);
        int64_t step = OU_INT_SMALL(r->step), x = OU_INT_SMALL(ob);
        if (step > 0 ? (x < start || x >= stop) : (x > start || x <= stop))
            return 0;
        return ((i128)x - start) % step == 0;
    }
    int cmp1, cmp2;
    if (OuInt_Sign(r->step) > 0) {
        cmp1 = OuInt_Compare(r->start, ob) <= 0;
        cmp2 = OuInt_Compare(ob, r->stop) < 0;
    } else {
        cmp1 = OuInt_Compare(ob, r->start) <= 0;
        cmp2 = OuInt_Compare(r->stop, ob) < 0;
    }
    if (!cmp1 || !cmp2)
        return 0;
    OuObject *d = OuNumber_Subtract(ob, r->start);
    if (!d)
        return -1;
    OuObject *m = OuNumber_Remainder(d, r->step);
    OU_DECREF(d);
    if (!m)
        return -1;
    int res = OuInt_Sign(m) == 0;
    OU_DECREF(m);
    return res;
}

/* Index of ob by iteration (ob not an int): -1 absent, -2 error. */
static Ou_ssize_t range_search(OuObject *o, OuObject *ob, Ou_ssize_t *count)
{
    OuObject *it = OuObject_GetIter(o), *x;
    if (!it)
        return -2;
    Ou_ssize_t i = 0, found = -1;
    while ((x = OuIter_Next(it)) != NULL) {
        int c = OuObject_RichCompareBool(x, ob, OU_EQ);
        OU_DECREF(x);
        if (c < 0) {
            OU_DECREF(it);
            return -2;
        }
        if (c) {
            if (found < 0)
                found = i;
            if (!count)
                break;
            (*count)++;
        }
        i++;
    }
    OU_DECREF(it);
    if (OuErr_Occurred())
        return -2;
    return found;
}

static int range_contains(OuObject *o, OuObject *ob)
{
    if (OuInt_CheckExact(ob) || OuBool_Check(ob))
        return range_contains_int((OuRangeObject *)o, ob);
    Ou_ssize_t r = range_search(o, ob, NULL);
    return r == -2 ? -1 : r >= 0;
}

static OuObject *range_count(OuObject *o, OuObject *ob)
{
    if (OuInt_CheckExact(ob) || OuBool_Check(ob)) {
        int r = range_contains_int((OuRangeObject *)o, ob);
        return r < 0 ? NULL : OuInt_FromLong(r);
    }
    Ou_ssize_t count = 0;
    if (range_search(o, ob, &count) == -2)
        return NULL;
    return OuInt_FromSsize_t(count);
}

static OuObject *range_index(OuObject *o, OuObject *ob)
{
    OuRangeObject *r = (OuRangeObject *)o;
    if (OuInt_CheckExact(ob) || OuBool_Check(ob)) {
        int c = range_contains_int(r, ob);
        if (c < 0)
            return NULL;
        if (!c)
            return OuErr_Format(OuExc_ValueError, "%R is not in range", ob);
        OuObject *d = OuNumber_Subtract(ob, r->start);
        if (!d)
            return NULL;
        OuObject *res = OuNumber_FloorDivide(d, r->step);
        OU_DECREF(d);
        return res;
    }
    Ou_ssize_t i = range_search(o, ob, NULL);
    if (i == -2)
        return NULL;
    if (i < 0) {
        OuErr_SetString(OuExc_ValueError, "sequence.index(x): x not in sequence");
        return NULL;
    }
    return OuInt_FromSsize_t(i);
}

/* Ranges are equal when they produce the same sequence. */
static int range_equals(OuRangeObject *a, OuRangeObject *b)
{
    if (a == b)
        return 1;
    int c = OuObject_RichCompareBool(a->length, b->length, OU_EQ);
    if (c <= 0)
        return c;
    if (OuInt_Sign(a->length) == 0)
        return 1;
    c = OuObject_RichCompareBool(a->start, b->start, OU_EQ);
    if (c <= 0)
        return c;
    if (is_small(a->length) && OU_INT_SMALL(a->length) == 1)
        return 1;
    return OuObject_RichCompareBool(a->step, b->step, OU_EQ);
}

static OuObject *range_richcompare(OuObject *a, OuObject *b, int op)
{
    if (!OuRange_Check(b) || (op != OU_EQ && op != OU_NE))
        OU_RETURN_NOTIMPLEMENTED;
    int c = range_equals((OuRangeObject *)a, (OuRangeObject *)b);
    if (c < 0)
        return NULL;
    return OuBool_FromLong(op == OU_EQ ? c : !c);
}

/* hash((len, start, step)), with start/step None where they do not matter. */
static Ou_hash_t range_hash(OuObject *o)
{
    OuRangeObject *r = (OuRangeObject *)o;
    OuObject *t;
    if (OuInt_Sign(r->length) == 0)
        t = OuTuple_Pack(3, r->length, OU_NONE, OU_NONE);
    else if (is_small(r->length) && OU_INT_SMALL(r->length) == 1)
        t = OuTuple_Pack(3, r->length, r->start, OU_NONE);
    else
        t = OuTuple_Pack(3, r->length, r->start, r->step);
    if (!t)
        return -1;
    Ou_hash_t h = OuObject_Hash(t);
    OU_DECREF(t);
    return h;
}

/* ---- iterators ---- */

/* Iterator yielding len items start, start+step, ... */
static OuObject *make_range_iter(OuObject *start, OuObject *step, OuObject *len)
{
    if (is_small(start) && is_small(step) && is_small(len)) {
        i128 last = (i128)OU_INT_SMALL(start) + ((i128)OU_INT_SMALL(len) - 1) * OU_INT_SMALL(step);
        if (last >= INT64_MIN && last <= INT64_MAX) {
            RangeIter *it = OuObject_NEW(RangeIter, &OuRangeIter_Type);
            if (!it)
                return NULL;
            it->next = OU_INT_SMALL(start);
            it->step = OU_INT_SMALL(step);
            it->remaining = OU_INT_SMALL(len);
            return (OuObject *)it;
        }
    }
    LongRangeIter *it = OuObject_NEW(LongRangeIter, &OuLongRangeIter_Type);
    if (!it)
        return NULL;
    it->next = OU_NEWREF(start);
    it->step = OU_NEWREF(step);
    it->remaining = OU_NEWREF(len);
    return (OuObject *)it;
}

static OuObject *range_iter(OuObject *o)
{
    OuRangeObject *r = (OuRangeObject *)o;
    return make_range_iter(r->start, r->step, r->length);
}

static OuObject *range_reversed(OuObject *o, OuObject *unused)
{
    OuRangeObject *r = (OuRangeObject *)o;
    OuObject *one = OuInt_FromLong(1), *lastidx = NULL, *last = NULL, *negstep = NULL, *res = NULL;
    if (!one || !(lastidx = OuNumber_Subtract(r->length, one)))
        goto out;
    if (!(last = int_add_mul(r->start, lastidx, r->step)) || !(negstep = OuNumber_Negative(r->step)))
        goto out;
    res = make_range_iter(last, negstep, r->length);
out:
    OU_XDECREF(one);
    OU_XDECREF(lastidx);
    OU_XDECREF(last);
    OU_XDECREF(negstep);
    return res;
}

static OuObject *range_reduce(OuObject *o, OuObject *unused)
{
    OuRangeObject *r = (OuRangeObject *)o;
    OuObject *args = OuTuple_Pack(3, r->start, r->stop, r->step);
    if (!args)
        return NULL;
    OuObject *res = OuTuple_Pack(2, (OuObject *)OU_TYPE(o), args);
    OU_DECREF(args);
    return res;
}

static OuMethodDef range_methods[] = {
    {"count", (void *)range_count, OU_METH_O, NULL},
    {"index", (void *)range_index, OU_METH_O, NULL},
    {"__reversed__", (void *)range_reversed, OU_METH_NOARGS, NULL},
    {"__reduce__", (void *)range_reduce, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static OuMemberDef range_members[] = {
    {"start", OU_T_OBJECT, offsetof(OuRangeObject, start), OU_READONLY, NULL},
    {"stop", OU_T_OBJECT, offsetof(OuRangeObject, stop), OU_READONLY, NULL},
    {"step", OU_T_OBJECT, offsetof(OuRangeObject, step), OU_READONLY, NULL},
    {NULL, 0, 0, 0, NULL}
};

OuTypeObject OuRange_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "range",
    .tp_basicsize = sizeof(OuRangeObject),
    .tp_flags = OU_TPFLAGS_SEQUENCE,
    .tp_dealloc = range_dealloc,
    .tp_new = range_new,
    .tp_vectorcall = range_vectorcall,
    .tp_repr = range_repr,
    .tp_hash = range_hash,
    .tp_richcompare = range_richcompare,
    .tp_iter = range_iter,
    .nb_bool = range_bool,
    .mp_length = range_length,
    .mp_subscript = range_subscript,
    .sq_item = range_item,
    .sq_contains = range_contains,
    .tp_methods = range_methods,
    .tp_members = range_members,
};

static void rangeiter_dealloc(OuObject *o)
{
    OU_TYPE(o)->tp_free(o);
}

static OuObject *rangeiter_next(OuObject *o)
{
    RangeIter *it = (RangeIter *)o;
    if (it->remaining <= 0)
        return NULL;
    int64_t v = it->next;
    if (--it->remaining > 0)
        it->next += it->step;
    return OuInt_FromInt64(v);
}

static OuObject *rangeiter_length_hint(OuObject *o, OuObject *unused)
{
    RangeIter *it = (RangeIter *)o;
    return OuInt_FromInt64(it->remaining > 0 ? it->remaining : 0);
}

static OuMethodDef rangeiter_methods[] = {
    {"__length_hint__", (void *)rangeiter_length_hint, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuRangeIter_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "range_iterator",
    .tp_basicsize = sizeof(RangeIter),
    .tp_dealloc = rangeiter_dealloc,
    .tp_iter = OuObject_SelfIter,
    .tp_iternext = rangeiter_next,
    .tp_methods = rangeiter_methods,
};

static void longrangeiter_dealloc(OuObject *o)
{
    LongRangeIter *it = (LongRangeIter *)o;
    OU_DECREF(it->next);
    OU_DECREF(it->step);
    OU_DECREF(it->remaining);
    OU_TYPE(o)->tp_free(o);
}

static OuObject *longrangeiter_next(OuObject *o)
{
    LongRangeIter *it = (LongRangeIter *)o;
    if (OuInt_Sign(it->remaining) <= 0)
        return NULL;
    OuObject *one = OuInt_FromLong(1);
    if (!one)
        return NULL;
    OuObject *rem = OuNumber_Subtract(it->remaining, one);
    OU_DECREF(one);
    if (!rem)
        return NULL;
    OuObject *nx = OuNumber_Add(it->next, it->step);
    if (!nx) {
        OU_DECREF(rem);
        return NULL;
    }
    OuObject *v = it->next;
    it->next = nx;
    OU_SETREF(it->remaining, rem);
    return v;
}

static OuObject *longrangeiter_length_hint(OuObject *o, OuObject *unused)
{
    return OU_NEWREF(((LongRangeIter *)o)->remaining);
}

static OuMethodDef longrangeiter_methods[] = {
    {"__length_hint__", (void *)longrangeiter_length_hint, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuLongRangeIter_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "longrange_iterator",
    .tp_basicsize = sizeof(LongRangeIter),
    .tp_dealloc = longrangeiter_dealloc,
    .tp_iter = OuObject_SelfIter,
    .tp_iternext = longrangeiter_next,
    .tp_methods = longrangeiter_methods,
};

/* Ready range, slice, the singletons and the generic iterators. */
int OuRange_Init(void)
{
    OuTypeObject *types[] = {
        &OuRange_Type, &OuRangeIter_Type, &OuLongRangeIter_Type, &OuSlice_Type,
        &OuNone_Type, &OuNotImplemented_Type, &OuEllipsis_Type,
        &OuEnumerate_Type, &OuZip_Type, &OuMap_Type, &OuFilter_Type, &OuReversed_Type,
        &OuSeqIter_Type, &OuCallIter_Type,
    };
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
        if (OuType_Ready(types[i]) < 0)
            return -1;
    return 0;
}

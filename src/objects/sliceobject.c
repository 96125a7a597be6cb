/*
 * sliceobject.c -- slice objects and the index arithmetic every sequence
 * uses for a[i:j:k].
 *
 * Types defined here: OuSlice_Type ("slice").
 * A slice holds three arbitrary objects (None when absent); OuSlice_Unpack
 * turns them into machine integers (clamped), OuSlice_AdjustIndices fits
 * them to a length and returns the number of selected items.
 */
#include "core/ouro.h"

/* One cached slice object: a[i:j] in a loop allocates nothing. */
static OuSliceObject *slice_cache;

/* New slice; NULL arguments mean None. Increfs its arguments. */
OuObject *OuSlice_New(OuObject *start, OuObject *stop, OuObject *step)
{
    OuSliceObject *s;
    if (slice_cache) {
        s = slice_cache;
        slice_cache = NULL;
        s->ob_base.ob_refcnt = 1;
        s->ob_base.ob_type = &OuSlice_Type;
    } else {
        s = OuObject_NEW(OuSliceObject, &OuSlice_Type);
        if (!s)
            return NULL;
    }
    s->start = OU_NEWREF(start ? start : OU_NONE);
    s->stop = OU_NEWREF(stop ? stop : OU_NONE);
    s->step = OU_NEWREF(step ? step : OU_NONE);
    OuObject_GC_Track((OuObject *)s);
    return (OuObject *)s;
}

static void slice_dealloc(OuObject *o)
{
    OuSliceObject *s = (OuSliceObject *)o;
    OuObject_GC_UnTrack(o);
    OU_DECREF(s->start);
    OU_DECREF(s->stop);
    OU_DECREF(s->step);
    if (!slice_cache)
        slice_cache = s;
    else
        OuObject_Free(o);
}

static int slice_traverse(OuObject *o, visitproc visit, void *arg)
{
    OuSliceObject *s = (OuSliceObject *)o;
    OU_VISIT(s->start);
    OU_VISIT(s->stop);
    OU_VISIT(s->step);
    return 0;
}

/* A slice bound as a clamped machine integer; None is left to the caller. */
static int slice_index(OuObject *v, Ou_ssize_t *out)
{
    if (OU_LIKELY(OuInt_CheckExact(v) && OU_INT_IS_SMALL(v))) {
        int64_t x = OU_INT_SMALL(v);
        *out = x;
        return 0;
    }
    if (!OuIndex_Check(v)) {
        OuErr_SetString(OuExc_TypeError,
                        "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    Ou_ssize_t x = OuNumber_AsSsize_t(v, NULL);
    if (x == -1 && OuErr_Occurred())
        return -1;
    *out = x;
    return 0;
}

/* Start, stop, step as machine integers, before fitting to a length. */
int OuSlice_Unpack(OuObject *slice, Ou_ssize_t *start, Ou_ssize_t *stop, Ou_ssize_t *step)
{
    OuSliceObject *s = (OuSliceObject *)slice;
    if (s->step == OU_NONE) {
        *step = 1;
    } else {
        if (slice_index(s->step, step) < 0)
            return -1;
        if (*step == 0) {
            OuErr_SetString(OuExc_ValueError, "slice step cannot be zero");
            return -1;
        }
        if (*step < -OU_SSIZE_T_MAX)
            *step = -OU_SSIZE_T_MAX;   /* so that -step cannot overflow */
    }
    if (s->start == OU_NONE)
        *start = *step < 0 ? OU_SSIZE_T_MAX : 0;
    else if (slice_index(s->start, start) < 0)
        return -1;
    if (s->stop == OU_NONE)
        *stop = *step < 0 ? OU_SSIZE_T_MIN : OU_SSIZE_T_MAX;
    else if (slice_index(s->stop, stop) < 0)
        return -1;
    return 0;
}

/* Fit start/stop to [0, length] (or [-1, length-1] going backwards) and
   return how many items the slice selects. */
Ou_ssize_t OuSlice_AdjustIndices(Ou_ssize_t length, Ou_ssize_t *start, Ou_ssize_t *stop,
                                 Ou_ssize_t step)
{
    if (*start < 0) {
        *start += length;
        if (*start < 0)
            *start = step < 0 ? -1 : 0;
    } else if (*start >= length) {
        *start = step < 0 ? length - 1 : length;
    }
    if (*stop < 0) {
        *stop += length;
        if (*stop < 0)
            *stop = step < 0 ? -1 : 0;
    } else if (*stop >= length) {
        *stop = step < 0 ? length - 1 : length;
    }
    if (step < 0) {
        if (*stop < *start)
            return (*start - *stop - 1) / (-step) + 1;
    } else if (*start < *stop) {
        return (*stop - *start - 1) / step + 1;
    }
    return 0;
}

int OuSlice_GetIndicesEx(OuObject *slice, Ou_ssize_t length, Ou_ssize_t *start, Ou_ssize_t *stop,
                         Ou_ssize_t *step, Ou_ssize_t *slicelength)
{
    if (OuSlice_Unpack(slice, start, stop, step) < 0)
        return -1;
    *slicelength = OuSlice_AdjustIndices(length, start, stop, *step);
    return 0;
}

/* slice(stop) / slice(start, stop[, step]) */
static OuObject *slice_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs,
                           OuObject *kwnames)
{
    if (OuArg_NoKeywords("slice", kwnames) < 0 || OuArg_CheckPositional("slice", nargs, 1, 3) < 0)
        return NULL;
    if (nargs == 1)
        return OuSlice_New(NULL, args[0], NULL);
    return OuSlice_New(args[0], args[1], nargs == 3 ? args[2] : NULL);
}

static OuObject *slice_vectorcall(OuObject *type, OuObject *const *args, Ou_ssize_t nargs,
                                  OuObject *kwnames)
{
    return slice_new((OuTypeObject *)type, args, nargs, kwnames);
}

static OuObject *slice_repr(OuObject *o)
{
    OuSliceObject *s = (OuSliceObject *)o;
    return OuStr_FromFormat("slice(%R, %R, %R)", s->start, s->stop, s->step);
}

/* Slices compare like the tuples (start, stop, step). */
static OuObject *slice_richcompare(OuObject *a, OuObject *b, int op)
{
    if (!OuSlice_Check(a) || !OuSlice_Check(b))
        OU_RETURN_NOTIMPLEMENTED;
    if (a == b && (op == OU_EQ || op == OU_NE || op == OU_LE || op == OU_GE))
        return OuBool_FromLong(op != OU_NE);
    OuSliceObject *x = (OuSliceObject *)a, *y = (OuSliceObject *)b;
    OuObject *t1 = OuTuple_Pack(3, x->start, x->stop, x->step);
    if (!t1)
        return NULL;
    OuObject *t2 = OuTuple_Pack(3, y->start, y->stop, y->step);
    if (!t2) {
        OU_DECREF(t1);
        return NULL;
    }
    OuObject *r = OuObject_RichCompare(t1, t2, op);
    OU_DECREF(t1);
    OU_DECREF(t2);
    return r;
}

/* slice.indices(length) -> (start, stop, step) fitted to length */
static OuObject *slice_indices(OuObject *self, OuObject *len)
{
    Ou_ssize_t length, start, stop, step;
    if (!OuIndex_Check(len)) {
        OuErr_Format(OuExc_TypeError, "'%.200s' object cannot be interpreted as an integer",
                     OU_TYPE_NAME(len));
        return NULL;
    }
    length = OuNumber_AsSsize_t(len, OuExc_OverflowError);
    if (length == -1 && OuErr_Occurred())
        return NULL;
    if (length < 0) {
        OuErr_SetString(OuExc_ValueError, "length should not be negative");
        return NULL;
    }
    if (OuSlice_Unpack(self, &start, &stop, &step) < 0)
        return NULL;
    OuSlice_AdjustIndices(length, &start, &stop, step);
    OuObject *a = OuInt_FromSsize_t(start), *b = OuInt_FromSsize_t(stop), *c = OuInt_FromSsize_t(step);
    OuObject *r = (a && b && c) ? OuTuple_Pack(3, a, b, c) : NULL;
    OU_XDECREF(a);
    OU_XDECREF(b);
    OU_XDECREF(c);
    return r;
}

static OuObject *slice_reduce(OuObject *self, OuObject *unused)
{
    OuSliceObject *s = (OuSliceObject *)self;
    OuObject *args = OuTuple_Pack(3, s->start, s->stop, s->step);
    if (!args)
        return NULL;
    OuObject *r = OuTuple_Pack(2, (OuObject *)OU_TYPE(self), args);
    OU_DECREF(args);
    return r;
}

static OuMethodDef slice_methods[] = {
    {"indices", (void *)slice_indices, OU_METH_O, NULL},
    {"__reduce__", (void *)slice_reduce, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static OuMemberDef slice_members[] = {
    {"start", OU_T_OBJECT, offsetof(OuSliceObject, start), OU_READONLY, NULL},
    {"stop", OU_T_OBJECT, offsetof(OuSliceObject, stop), OU_READONLY, NULL},
    {"step", OU_T_OBJECT, offsetof(OuSliceObject, step), OU_READONLY, NULL},
    {NULL, 0, 0, 0, NULL}
};

OuTypeObject OuSlice_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "slice",
    .tp_basicsize = sizeof(OuSliceObject),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = slice_dealloc,
    .tp_traverse = slice_traverse,
    .tp_new = slice_new,
    .tp_vectorcall = slice_vectorcall,
    .tp_repr = slice_repr,
    .tp_hash = OuObject_HashNotImplemented,
    .tp_richcompare = slice_richcompare,
    .tp_methods = slice_methods,
    .tp_members = slice_members,
};

/* start/stop arguments of index(): integers only (None is not accepted). */
int OuSlice_IndexNotNone(OuObject *v, Ou_ssize_t *out)
{
    if (!OuIndex_Check(v)) {
        OuErr_SetString(OuExc_TypeError,
                        "slice indices must be integers or have an __index__ method");
        return -1;
    }
    Ou_ssize_t x = OuNumber_AsSsize_t(v, NULL);
    if (x == -1 && OuErr_Occurred())
        return -1;
    *out = x;
    return 0;
}

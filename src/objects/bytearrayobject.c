/*
 * bytearrayobject.c -- the mutable bytearray type.
 *
 * Types defined here: OuByteArray_Type ("bytearray"),
 * OuByteArrayIter_Type ("bytearray_iterator").
 *
 * Storage: `data` is an Ou_Malloc block of `alloc` bytes (the contents and a
 * NUL) or, while alloc == 0, a static empty string. Live buffer exports
 * (exports > 0) forbid any size change.
 */
#include <string.h>
#include "objects/str_internal.h"

static char empty_data[1];

#define BA(o) ((OuByteArrayObject *)(o))

static int resize_impl(OuObject *o, Ou_ssize_t n, int exact)
{
    OuByteArrayObject *b = BA(o);
    if (n == OU_SIZE(o))
        return 0;
    if (n < 0) {
        OuErr_BadInternalCall();
        return -1;
    }
    if (b->exports > 0) {
        OuErr_SetString(OuExc_BufferError, "Existing exports of data: object cannot be re-sized");
        return -1;
    }
    Ou_ssize_t need = n + 1, alloc = b->alloc;
    if (need > alloc || need < alloc / 2) {
        if (need > alloc && !exact && OU_SIZE(o) > 0)
            alloc = need + (need >> 3) + (need < 9 ? 3 : 6);
        else
            alloc = need;
        if (alloc < 0 || n > OU_SSIZE_T_MAX - 16) {
            OuErr_NoMemory();
            return -1;
        }
        char *nd = b->alloc ? Ou_Realloc(b->data, (size_t)alloc) : Ou_Malloc((size_t)alloc);
        if (!nd) {
            OuErr_NoMemory();
            return -1;
        }
        if (!b->alloc && OU_SIZE(o))
            memcpy(nd, b->data, (size_t)OU_SIZE(o));
        b->data = nd;
        b->alloc = alloc;
    }
    OU_SET_SIZE(o, n);
    b->data[n] = 0;
    return 0;
}

int OuByteArray_Resize(OuObject *o, Ou_ssize_t n)
{
    return resize_impl(o, n, 1);
}

/* A fresh empty instance of type. */
static OuObject *ba_alloc(OuTypeObject *type)
{
    OuObject *o = type->tp_alloc(type, 0);
    if (!o)
        return NULL;
    OU_SET_SIZE(o, 0);
    BA(o)->alloc = 0;
    BA(o)->data = empty_data;
    BA(o)->exports = 0;
    return o;
}

OuObject *OuByteArray_FromStringAndSize(const char *s, Ou_ssize_t n)
{
    OuObject *o = ba_alloc(&OuByteArray_Type);
    if (!o)
        return NULL;
    if (n > 0) {
        if (resize_impl(o, n, 1) < 0) {
            OU_DECREF(o);
            return NULL;
        }
        if (s)
            memcpy(BA(o)->data, s, (size_t)n);
    }
    return o;
}

static void ba_dealloc(OuObject *o)
{
    if (BA(o)->alloc)
        Ou_Free(BA(o)->data);
    OU_TYPE(o)->tp_free(o);
}

static OuObject *ba_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    return ba_alloc(type);
}

/* Replace the whole contents with p[0:n). */
static int set_contents(OuObject *o, const char *p, Ou_ssize_t n)
{
    if (resize_impl(o, n, 1) < 0)
        return -1;
    if (n)
        memmove(BA(o)->data, p, (size_t)n);
    return 0;
}

static int ba_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {"source", "encoding", "errors", NULL};
    OuObject *a[3];
    if (OuArg_Parse("bytearray", args, nargs, kwnames, names, 0, -1, 0, a) < 0)
        return -1;
    char *buf;
    Ou_ssize_t n;
    if (ou_bytes_from_args(a[0], a[1], a[2], "bytearray", &buf, &n) < 0)
        return -1;
    int r = set_contents(self, buf ? buf : "", n);
    Ou_Free(buf);
    return r;
}

static OuObject *ba_repr(OuObject *o)
{
    const char *name = OU_TYPE(o)->tp_name;
    const char *dot = strrchr(name, '.');
    if (dot)
        name = dot + 1;
    size_t nl = strlen(name);
    char prefix[128];
    if (nl > 100)
        nl = 100;
    memcpy(prefix, name, nl);
    memcpy(prefix + nl, "(b", 3);
    return ou_bytes_repr_data(BA(o)->data, OU_SIZE(o), prefix, ")", 1);
}

static OuObject *ba_richcompare(OuObject *a, OuObject *b, int op)
{
    if (!(OuBytes_Check(a) || OuByteArray_Check(a)) || !(OuBytes_Check(b) || OuByteArray_Check(b)))
        OU_RETURN_NOTIMPLEMENTED;
    Ou_ssize_t na, nb;
    const char *da = ou_bytes_data_of(a, &na), *db = ou_bytes_data_of(b, &nb);
    return ou_bytes_richcompare_data(da, na, db, nb, op);
}

static Ou_ssize_t ba_length(OuObject *o)
{
    return OU_SIZE(o);
}

static OuObject *ba_item(OuObject *o, Ou_ssize_t i)
{
    if (i < 0)
        i += OU_SIZE(o);
    if ((size_t)i >= (size_t)OU_SIZE(o)) {
        OuErr_SetString(OuExc_IndexError, "bytearray index out of range");
        return NULL;
    }
    return OuInt_FromLong((unsigned char)BA(o)->data[i]);
}

static OuObject *ba_subscript(OuObject *o, OuObject *key)
{
    if (OuSlice_Check(key)) {
        Ou_ssize_t start, stop, step, n;
        if (OuSlice_GetIndicesEx(key, OU_SIZE(o), &start, &stop, &step, &n) < 0)
            return NULL;
        if (n <= 0)
            return OuByteArray_FromStringAndSize("", 0);
        if (step == 1)
            return OuByteArray_FromStringAndSize(BA(o)->data + start, n);
        OuObject *r = OuByteArray_FromStringAndSize(NULL, n);
        if (!r)
            return NULL;
        for (Ou_ssize_t i = 0, j = start; i < n; i++, j += step)
            BA(r)->data[i] = BA(o)->data[j];
        return r;
    }
    if (OuIndex_Check(key)) {
        Ou_ssize_t i = OuNumber_AsSsize_t(key, OuExc_IndexError);
        if (i == -1 && OuErr_Occurred())
            return NULL;
        return ba_item(o, i);
    }
    return OuErr_Format(OuExc_TypeError, "bytearray indices must be integers or slices, not %.200s",
                        OU_TYPE_NAME(key));
}

/* Replace self[lo:hi) with p[0:n). */
static int replace_range(OuObject *o, Ou_ssize_t lo, Ou_ssize_t hi, const char *p, Ou_ssize_t n)
{
    Ou_ssize_t size = OU_SIZE(o), growth = n - (hi - lo);
    if (growth == 0) {
        if (n)
            memcpy(BA(o)->data + lo, p, (size_t)n);
        return 0;
    }
    if (growth < 0) {
        if (BA(o)->exports > 0) {
            OuErr_SetString(OuExc_BufferError, "Existing exports of data: object cannot be re-sized");
            return -1;
        }
        memmove(BA(o)->data + lo + n, BA(o)->data + hi, (size_t)(size - hi));
        if (n)
            memcpy(BA(o)->data + lo, p, (size_t)n);
        return resize_impl(o, size + growth, 0);
    }
    if (resize_impl(o, size + growth, 0) < 0)
        return -1;
    memmove(BA(o)->data + lo + n, BA(o)->data + hi, (size_t)(size - hi));
    memcpy(BA(o)->data + lo, p, (size_t)n);
    return 0;
}

/* The bytes of a value assigned to a slice: a fresh Ou_Malloc copy. */
static int assigned_bytes(OuObject *v, char **out, Ou_ssize_t *n)
{
    if (OuStr_Check(v) || OuIndex_Check(v)) {
        OuErr_SetString(OuExc_TypeError,
                        "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
        return -1;
    }
    return ou_bytes_from_args(v, NULL, NULL, "bytearray", out, n);
}

static int ba_ass_subscript(OuObject *o, OuObject *key, OuObject *value)
{
    if (!OuSlice_Check(key)) {
        if (!OuIndex_Check(key)) {
            OuErr_Format(OuExc_TypeError, "bytearray indices must be integers or slices, not %.200s",
                         OU_TYPE_NAME(key));
            return -1;
        }
        Ou_ssize_t i = OuNumber_AsSsize_t(key, OuExc_IndexError);
        if (i == -1 && OuErr_Occurred())
            return -1;
        if (i < 0)
            i += OU_SIZE(o);
        if ((size_t)i >= (size_t)OU_SIZE(o)) {
            OuErr_SetString(OuExc_IndexError, "bytearray index out of range");
            return -1;
        }
        if (!value)
            return replace_range(o, i, i + 1, NULL, 0);
        int v;
        if (ou_byte_from_object(value, &v) < 0)
            return -1;
        BA(o)->data[i] = (char)v;
        return 0;
    }
    Ou_ssize_t start, stop, step, n;
    if (OuSlice_GetIndicesEx(key, OU_SIZE(o), &start, &stop, &step, &n) < 0)
        return -1;
    char *buf = NULL;
    Ou_ssize_t blen = 0;
    if (value && assigned_bytes(value, &buf, &blen) < 0)
        return -1;
    int r = 0;
    if (step == 1) {
        if (stop < start)
            stop = start;
        r = replace_range(o, start, stop, buf, blen);
    } else if (!value) {
        if (n > 0) {
            if (step < 0) {
                start = start + step * (n - 1);
                step = -step;
            }
            char *d = BA(o)->data;
            Ou_ssize_t w = start, size = OU_SIZE(o);
            for (Ou_ssize_t rd = start, k = 0; rd < size; rd++) {
                if (k < n && rd == start + k * step) {
                    k++;
                    continue;
                }
                d[w++] = d[rd];
            }
            r = resize_impl(o, w, 0);
        }
    } else if (blen != n) {
        OuErr_Format(OuExc_ValueError, "attempt to assign bytes of size %zd to extended slice of size %zd",
                     blen, n);
        r = -1;
    } else {
        for (Ou_ssize_t i = 0, j = start; i < n; i++, j += step)
            BA(o)->data[j] = buf[i];
    }
    Ou_Free(buf);
    return r;
}

static OuObject *ba_concat(OuObject *a, OuObject *b)
{
    OuBuffer va, vb;
    if (OuObject_GetBuffer(a, &va, OU_BUF_SIMPLE) < 0)
        goto bad;
    if (OuObject_GetBuffer(b, &vb, OU_BUF_SIMPLE) < 0) {
        OuBuffer_Release(&va);
        goto bad;
    }
    OuObject *r = OuByteArray_FromStringAndSize(NULL, va.len + vb.len);
    if (r) {
        memcpy(BA(r)->data, va.buf, (size_t)va.len);
        memcpy(BA(r)->data + va.len, vb.buf, (size_t)vb.len);
    }
    OuBuffer_Release(&va);
    OuBuffer_Release(&vb);
    return r;
bad:
    OuErr_Clear();
    return OuErr_Format(OuExc_TypeError, "can't concat %.100s to %.100s", OU_TYPE_NAME(b), OU_TYPE_NAME(a));
}

static OuObject *ba_inplace_concat(OuObject *a, OuObject *b)
{
    OuBuffer vb;
    if (OuObject_GetBuffer(b, &vb, OU_BUF_SIMPLE) < 0) {
        OuErr_Clear();
        return OuErr_Format(OuExc_TypeError, "can't concat %.100s to %.100s", OU_TYPE_NAME(b), OU_TYPE_NAME(a));
    }
    Ou_ssize_t size = OU_SIZE(a);
    int r = resize_impl(a, size + vb.len, 0);
    if (r == 0)
        memmove(BA(a)->data + size, vb.buf, (size_t)vb.len);
    OuBuffer_Release(&vb);
    return r < 0 ? NULL : OU_NEWREF(a);
}

static OuObject *ba_repeat(OuObject *o, Ou_ssize_t n)
{
    return ou_bytes_repeat_data(1, BA(o)->data, OU_SIZE(o), n);
}

static OuObject *ba_inplace_repeat(OuObject *o, Ou_ssize_t n)
{
    Ou_ssize_t size = OU_SIZE(o);
    if (n <= 0 || size == 0) {
        if (resize_impl(o, 0, 1) < 0)
            return NULL;
        return OU_NEWREF(o);
    }
    if (size > OU_SSIZE_T_MAX / n)
        return OuErr_NoMemory();
    if (resize_impl(o, size * n, 1) < 0)
        return NULL;
    for (Ou_ssize_t i = 1; i < n; i++)
        memcpy(BA(o)->data + i * size, BA(o)->data, (size_t)size);
    return OU_NEWREF(o);
}

static int ba_contains(OuObject *o, OuObject *item)
{
    return ou_bytes_contains_data(BA(o)->data, OU_SIZE(o), item);
}

static int ba_getbuffer(OuObject *o, OuBuffer *view, int flags)
{
    view->buf = BA(o)->data;
    view->obj = OU_NEWREF(o);
    view->len = OU_SIZE(o);
    view->itemsize = 1;
    view->readonly = 0;
    view->format = "B";
    BA(o)->exports++;
    return 0;
}

static void ba_releasebuffer(OuObject *o, OuBuffer *view)
{
    BA(o)->exports--;
}

/* ------------------------------------------------------------------ */
/* Methods                                                              */

static OuObject *ba_append(OuObject *self, OuObject *item)
{
    int v;
    if (ou_byte_from_object(item, &v) < 0)
        return NULL;
    Ou_ssize_t n = OU_SIZE(self);
    if (resize_impl(self, n + 1, 0) < 0)
        return NULL;
    BA(self)->data[n] = (char)v;
    OU_RETURN_NONE;
}

static OuObject *ba_extend(OuObject *self, OuObject *arg)
{
    if (OuObject_CheckBuffer(arg)) {
        OuObject *r = ba_inplace_concat(self, arg);
        if (!r)
            return NULL;
        OU_DECREF(r);
        OU_RETURN_NONE;
    }
    if (OuStr_Check(arg)) {
        OuErr_SetString(OuExc_TypeError, "expected iterable of integers; got: 'str'");
        return NULL;
    }
    if (!OU_TYPE(arg)->tp_iter && !OU_TYPE(arg)->sq_item)
        return OuErr_Format(OuExc_TypeError, "can't extend bytearray with %.100s", OU_TYPE_NAME(arg));
    char *buf;
    Ou_ssize_t n;
    if (ou_bytes_from_args(arg, NULL, NULL, "bytearray", &buf, &n) < 0)
        return NULL;
    Ou_ssize_t size = OU_SIZE(self);
    int r = resize_impl(self, size + n, 0);
    if (r == 0 && n)
        memcpy(BA(self)->data + size, buf, (size_t)n);
    Ou_Free(buf);
    if (r < 0)
        return NULL;
    OU_RETURN_NONE;
}

static OuObject *ba_pop(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("pop", kwnames) < 0 || OuArg_CheckPositional("pop", nargs, 0, 1) < 0)
        return NULL;
    Ou_ssize_t i = -1, n = OU_SIZE(self);
    if (nargs && ou_ssize_arg(args[0], &i) < 0)
        return NULL;
    if (n == 0) {
        OuErr_SetString(OuExc_IndexError, "pop from empty bytearray");
        return NULL;
    }
    if (i < 0)
        i += n;
    if (i < 0 || i >= n) {
        OuErr_SetString(OuExc_IndexError, "pop index out of range");
        return NULL;
    }
    unsigned char c = (unsigned char)BA(self)->data[i];
    if (replace_range(self, i, i + 1, NULL, 0) < 0)
        return NULL;
    return OuInt_FromLong(c);
}

static OuObject *ba_insert(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("insert", kwnames) < 0 || OuArg_CheckPositional("insert", nargs, 2, 2) < 0)
        return NULL;
    Ou_ssize_t i, n = OU_SIZE(self);
    int v;
    if (ou_ssize_arg(args[0], &i) < 0 || ou_byte_from_object(args[1], &v) < 0)
        return NULL;
    if (i < 0) {
        i += n;
        if (i < 0)
            i = 0;
    }
    if (i > n)
        i = n;
    char c = (char)v;
    if (replace_range(self, i, i, &c, 1) < 0)
        return NULL;
    OU_RETURN_NONE;
}

static OuObject *ba_remove(OuObject *self, OuObject *arg)
{
    int v;
    if (ou_byte_from_object(arg, &v) < 0)
        return NULL;
    char *p = memchr(BA(self)->data, v, (size_t)OU_SIZE(self));
    if (!p) {
        OuErr_SetString(OuExc_ValueError, "value not found in bytearray");
        return NULL;
    }
    Ou_ssize_t i = p - BA(self)->data;
    if (replace_range(self, i, i + 1, NULL, 0) < 0)
        return NULL;
    OU_RETURN_NONE;
}

static OuObject *ba_clear(OuObject *self, OuObject *unused)
{
    if (resize_impl(self, 0, 1) < 0)
        return NULL;
    OU_RETURN_NONE;
}

static OuObject *ba_copy(OuObject *self, OuObject *unused)
{
    return OuByteArray_FromStringAndSize(BA(self)->data, OU_SIZE(self));
}

static OuObject *ba_reverse(OuObject *self, OuObject *unused)
{
    char *d = BA(self)->data;
    for (Ou_ssize_t i = 0, j = OU_SIZE(self) - 1; i < j; i++, j--) {
        char t = d[i];
        d[i] = d[j];
        d[j] = t;
    }
    OU_RETURN_NONE;
}

static OuObject *ba_alloc_method(OuObject *self, OuObject *unused)
{
    return OuInt_FromSsize_t(BA(self)->alloc);
}

static OuObject *ba_sizeof(OuObject *self, OuObject *unused)
{
    return OuInt_FromSsize_t(56 + BA(self)->alloc);
}

static OuObject *ba_fromhex(OuObject *type, OuObject *arg)
{
    return ou_bytes_fromhex(type, arg);
}

static OuMethodDef ba_methods[] = {
    OU_BYTES_SHARED_FUNCS(OU_BYTES_SHARED_DEF)
    {"append", (void *)ba_append, OU_METH_O, NULL},
    {"extend", (void *)ba_extend, OU_METH_O, NULL},
    {"pop", (void *)ba_pop, OU_METH_FAST, NULL},
    {"insert", (void *)ba_insert, OU_METH_FAST, NULL},
    {"remove", (void *)ba_remove, OU_METH_O, NULL},
    {"clear", (void *)ba_clear, OU_METH_NOARGS, NULL},
    {"copy", (void *)ba_copy, OU_METH_NOARGS, NULL},
    {"reverse", (void *)ba_reverse, OU_METH_NOARGS, NULL},
    {"__alloc__", (void *)ba_alloc_method, OU_METH_NOARGS, NULL},
    {"__sizeof__", (void *)ba_sizeof, OU_METH_NOARGS, NULL},
    {"fromhex", (void *)ba_fromhex, OU_METH_O | OU_METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

/* ------------------------------------------------------------------ */
/* Iterator (reads the live size, so mutation during iteration is safe). */

typedef struct {
    OuObject_HEAD
    Ou_ssize_t index;
    OuObject *seq;
} BAIterObject;

static OuObject *ba_iter(OuObject *o)
{
    BAIterObject *it = Ou_Malloc(sizeof(BAIterObject));
    if (!it)
        return OuErr_NoMemory();
    it->ob_base.ob_refcnt = 1;
    it->ob_base.ob_type = &OuByteArrayIter_Type;
    it->index = 0;
    it->seq = OU_NEWREF(o);
    return (OuObject *)it;
}

static void baiter_dealloc(OuObject *o)
{
    OU_XDECREF(((BAIterObject *)o)->seq);
    Ou_Free(o);
}

static OuObject *baiter_next(OuObject *o)
{
    BAIterObject *it = (BAIterObject *)o;
    OuObject *s = it->seq;
    if (!s)
        return NULL;
    if (it->index < OU_SIZE(s))
        return OuInt_FromLong((unsigned char)BA(s)->data[it->index++]);
    it->seq = NULL;
    OU_DECREF(s);
    return NULL;
}

static OuObject *baiter_length_hint(OuObject *o, OuObject *unused)
{
    BAIterObject *it = (BAIterObject *)o;
    Ou_ssize_t n = it->seq ? OU_SIZE(it->seq) - it->index : 0;
    return OuInt_FromSsize_t(n < 0 ? 0 : n);
}

static OuMethodDef baiter_methods[] = {
    {"__length_hint__", (void *)baiter_length_hint, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

OuTypeObject OuByteArrayIter_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "bytearray_iterator",
    .tp_basicsize = sizeof(BAIterObject),
    .tp_dealloc = baiter_dealloc,
    .tp_iter = OuObject_SelfIter,
    .tp_iternext = baiter_next,
    .tp_methods = baiter_methods,
};

OuTypeObject OuByteArray_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "bytearray",
    .tp_basicsize = sizeof(OuByteArrayObject),
    .tp_flags = OU_TPFLAGS_BASETYPE,
    .tp_doc = "bytearray(iterable_of_ints) -> bytearray\n"
              "bytearray(string, encoding[, errors]) -> bytearray\n"
              "bytearray(bytes_or_buffer) -> mutable copy of bytes_or_buffer\n"
              "bytearray(int) -> bytes array of size given by the parameter initialized with null bytes\n"
              "bytearray() -> empty bytes array",
    .tp_dealloc = ba_dealloc,
    .tp_alloc = OuType_GenericAlloc,
    .tp_new = ba_new,
    .tp_init = ba_init,
    .tp_free = OuObject_Free,
    .tp_repr = ba_repr,
    .tp_hash = OuObject_HashNotImplemented,
    .tp_richcompare = ba_richcompare,
    .tp_iter = ba_iter,
    .mp_length = ba_length,
    .mp_subscript = ba_subscript,
    .mp_ass_subscript = ba_ass_subscript,
    .sq_item = ba_item,
    .sq_concat = ba_concat,
    .sq_repeat = ba_repeat,
    .sq_inplace_concat = ba_inplace_concat,
    .sq_inplace_repeat = ba_inplace_repeat,
    .sq_contains = ba_contains,
    .bf_getbuffer = ba_getbuffer,
    .bf_releasebuffer = ba_releasebuffer,
    .tp_methods = ba_methods,
};

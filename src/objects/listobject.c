/*
 * listobject.c -- list: a growable array of references.
 *
 * Types defined here: OuList_Type ("list"), OuListIter_Type ("list_iterator"),
 * OuListRevIter_Type ("list_reverseiterator"). OuList_Init readies them and
 * the tuple types of tupleobject.c.
 *
 * Growth over-allocates like CPython (about 1/8 extra), so appends are
 * amortised O(1). Exact lists and list iterators are recycled through small
 * free lists. Sorting lives in listsort.c.
 */
#include "core/ouro.h"

#define LIST_MAXFREE 80
static OuListObject *list_free[LIST_MAXFREE];
static int list_nfree;

#define LISTITER_MAXFREE 16
static OuListIterObject *listiter_free[LISTITER_MAXFREE];
static int listiter_nfree;

/* Set the size to newsize, reallocating when the capacity is too small or
   more than twice too large. Items past the old size are not initialised. */
static int list_resize(OuListObject *self, Ou_ssize_t newsize)
{
    Ou_ssize_t allocated = self->allocated;
    if (allocated >= newsize && newsize >= (allocated >> 1)) {
        OU_SET_SIZE(self, newsize);
        return 0;
    }
    size_t new_alloc = ((size_t)newsize + ((size_t)newsize >> 3) + 6) & ~(size_t)3;
    if ((size_t)(newsize - OU_SIZE(self)) > new_alloc - (size_t)newsize)
        new_alloc = ((size_t)newsize + 3) & ~(size_t)3;
    if (newsize == 0)
        new_alloc = 0;
    if (new_alloc > (size_t)OU_SSIZE_T_MAX / sizeof(OuObject *)) {
        OuErr_NoMemory();
        return -1;
    }
    OuObject **items = Ou_Realloc(self->items, new_alloc * sizeof(OuObject *));
    if (!items) {
        OuErr_NoMemory();
        return -1;
    }
    self->items = items;
    self->allocated = (Ou_ssize_t)new_alloc;
    OU_SET_SIZE(self, newsize);
    return 0;
}

/* An empty exact list object, untracked. */
static OuListObject *list_alloc(void)
{
    OuListObject *l;
    if (list_nfree > 0) {
        l = list_free[--list_nfree];
        l->ob_base.ob_base.ob_refcnt = 1;
        l->ob_base.ob_base.ob_type = &OuList_Type;
    } else {
        l = OuObject_NEW(OuListObject, &OuList_Type);
        if (!l)
            return NULL;
    }
    OU_SET_SIZE(l, 0);
    l->items = NULL;
    l->allocated = 0;
    return l;
}

OuObject *OuList_New(Ou_ssize_t n)
{
    if (n < 0) {
        OuErr_BadInternalCall();
        return NULL;
    }
    if ((size_t)n > (size_t)OU_SSIZE_T_MAX / sizeof(OuObject *))
        return OuErr_NoMemory();
    OuListObject *l = list_alloc();
    if (!l)
        return NULL;
    if (n > 0) {
        l->items = Ou_Malloc((size_t)n * sizeof(OuObject *));
        if (!l->items) {
            OU_DECREF(l);
            return OuErr_NoMemory();
        }
        memset(l->items, 0, (size_t)n * sizeof(OuObject *));
    }
    OU_SET_SIZE(l, n);
    l->allocated = n;
    OuObject_GC_Track((OuObject *)l);
    return (OuObject *)l;
}

OuObject *OuList_FromArray(OuObject *const *items, Ou_ssize_t n)
{
    OuObject *l = OuList_New(n);
    if (!l)
        return NULL;
    for (Ou_ssize_t i = 0; i < n; i++)
        OU_LIST_ITEMS(l)[i] = OU_NEWREF(items[i]);
    return l;
}

/* Drop every item (used by clear(), tp_clear and __init__). */
static void list_clear_items(OuListObject *l)
{
    OuObject **items = l->items;
    Ou_ssize_t n = OU_SIZE(l);
    if (!items)
        return;
    l->items = NULL;
    OU_SET_SIZE(l, 0);
    l->allocated = 0;
    while (--n >= 0)
        OU_XDECREF(items[n]);
    Ou_Free(items);
}

static void list_dealloc(OuObject *o)
{
    OuListObject *l = (OuListObject *)o;
    OuObject_GC_UnTrack(o);
    if (l->items) {
        for (Ou_ssize_t i = OU_SIZE(l) - 1; i >= 0; i--)
            OU_XDECREF(l->items[i]);
        Ou_Free(l->items);
        l->items = NULL;
    }
    if (OuList_CheckExact(o) && list_nfree < LIST_MAXFREE)
        list_free[list_nfree++] = l;
    else
        OU_TYPE(o)->tp_free(o);
}

static int list_traverse(OuObject *o, visitproc visit, void *arg)
{
    for (Ou_ssize_t i = OU_SIZE(o) - 1; i >= 0; i--)
        OU_VISIT(OU_LIST_ITEMS(o)[i]);
    return 0;
}

static int list_tp_clear(OuObject *o)
{
    list_clear_items((OuListObject *)o);
    return 0;
}

int OuList_Append(OuObject *op, OuObject *v)
{
    OuListObject *l = (OuListObject *)op;
    Ou_ssize_t n = OU_SIZE(l);
    if (OU_LIKELY(n < l->allocated)) {
        l->items[n] = OU_NEWREF(v);
        OU_SET_SIZE(l, n + 1);
        return 0;
    }
    if (list_resize(l, n + 1) < 0)
        return -1;
    l->items[n] = OU_NEWREF(v);
    return 0;
}

/* Insert before index i (clamped like list.insert). */
int OuList_Insert(OuObject *op, Ou_ssize_t i, OuObject *v)
{
    OuListObject *l = (OuListObject *)op;
    Ou_ssize_t n = OU_SIZE(l);
    if (list_resize(l, n + 1) < 0)
        return -1;
    if (i < 0) {
        i += n;
        if (i < 0)
            i = 0;
    }
    if (i > n)
        i = n;
    memmove(l->items + i + 1, l->items + i, (size_t)(n - i) * sizeof(OuObject *));
    l->items[i] = OU_NEWREF(v);
    return 0;
}

int OuList_SetItem(OuObject *op, Ou_ssize_t i, OuObject *v)
{
    if ((size_t)i >= (size_t)OU_SIZE(op)) {
        OU_XDECREF(v);
        OuErr_SetString(OuExc_IndexError, "list assignment index out of range");
        return -1;
    }
    OU_XSETREF(OU_LIST_ITEMS(op)[i], v);
    return 0;
}

OuObject *OuList_GetSlice(OuObject *op, Ou_ssize_t lo, Ou_ssize_t hi)
{
    Ou_ssize_t n = OU_SIZE(op);
    if (lo < 0)
        lo = 0;
    else if (lo > n)
        lo = n;
    if (hi < lo)
        hi = lo;
    else if (hi > n)
        hi = n;
    return OuList_FromArray(OU_LIST_ITEMS(op) + lo, hi - lo);
}

OuObject *OuList_AsTuple(OuObject *op)
{
    return OuTuple_FromArray(OU_LIST_ITEMS(op), OU_SIZE(op));
}

static void reverse_items(OuObject **lo, OuObject **hi)
{
    for (hi--; lo < hi; lo++, hi--) {
        OuObject *t = *lo;
        *lo = *hi;
        *hi = t;
    }
}

int OuList_Reverse(OuObject *op)
{
    reverse_items(OU_LIST_ITEMS(op), OU_LIST_ITEMS(op) + OU_SIZE(op));
    return 0;
}

/* Append everything from an iterable. */
int OuList_Extend(OuObject *op, OuObject *iterable)
{
    OuListObject *self = (OuListObject *)op;
    if (OuList_CheckExact(iterable) || OuTuple_CheckExact(iterable)) {
        Ou_ssize_t n = OU_SIZE(iterable), m = OU_SIZE(self);
        if (n == 0)
            return 0;
        if (list_resize(self, m + n) < 0)
            return -1;
        /* re-read the source: it may be self, whose items just moved */
        OuObject **src = OuList_CheckExact(iterable) ? OU_LIST_ITEMS(iterable) : OU_TUPLE_ITEMS(iterable);
        for (Ou_ssize_t i = 0; i < n; i++)
            self->items[m + i] = OU_NEWREF(src[i]);
        return 0;
    }
    OuObject *it = OuObject_GetIter(iterable);
    if (!it)
        return -1;
    iternextfunc next = OU_TYPE(it)->tp_iternext;
    Ou_ssize_t hint = OuObject_LengthHint(iterable, 8);
    if (hint < 0) {
        OU_DECREF(it);
        return -1;
    }
    Ou_ssize_t m = OU_SIZE(self);
    if (hint > 0 && m <= OU_SSIZE_T_MAX - hint && m + hint > self->allocated) {
        if (list_resize(self, m + hint) < 0) {
            OU_DECREF(it);
            return -1;
        }
        OU_SET_SIZE(self, m);
    }
    for (;;) {
        OuObject *x = next(it);
        if (!x) {
            if (OuErr_Occurred()) {
                if (!OuErr_ExceptionMatches(OuExc_StopIteration)) {
                    OU_DECREF(it);
                    return -1;
                }
                OuErr_Clear();
            }
            break;
        }
        Ou_ssize_t n = OU_SIZE(self);
        if (n < self->allocated) {
            self->items[n] = x;
            OU_SET_SIZE(self, n + 1);
        } else {
            int rc = OuList_Append(op, x);
            OU_DECREF(x);
            if (rc < 0) {
                OU_DECREF(it);
                return -1;
            }
        }
    }
    OU_DECREF(it);
    /* give back a large unused preallocation */
    if (OU_SIZE(self) < self->allocated / 2 && list_resize(self, OU_SIZE(self)) < 0)
        OuErr_Clear();
    return 0;
}

OuObject *OuList_FromIterable(OuObject *v)
{
    if (OuList_CheckExact(v))
        return OuList_FromArray(OU_LIST_ITEMS(v), OU_SIZE(v));
    if (OuTuple_CheckExact(v))
        return OuList_FromArray(OU_TUPLE_ITEMS(v), OU_SIZE(v));
    OuObject *l = OuList_New(0);
    if (l && OuList_Extend(l, v) < 0)
        OU_CLEAR(l);
    return l;
}

/* ---- sorting ---- */

/* list.sort(key=keyfunc, reverse=reverse). While sorting the list looks empty;
   if it was modified meanwhile, ValueError "list modified during sort". */
int OuList_SortWithKey(OuObject *op, OuObject *keyfunc, int reverse)
{
    OuListObject *self = (OuListObject *)op;
    OuObject **items = self->items, **keys = NULL;
    Ou_ssize_t n = OU_SIZE(self), allocated = self->allocated, i;
    int rc = 0;
    if (keyfunc == OU_NONE)
        keyfunc = NULL;
    self->items = NULL;
    OU_SET_SIZE(self, 0);
    self->allocated = -1;   /* marker: untouched during the sort */

    if (keyfunc && n > 0) {
        keys = Ou_Malloc((size_t)n * sizeof(OuObject *));
        if (!keys) {
            OuErr_NoMemory();
            rc = -1;
            goto restore;
        }
        for (i = 0; i < n; i++) {
            keys[i] = OuObject_CallOneArg(keyfunc, items[i]);
            if (!keys[i]) {
                while (--i >= 0)
                    OU_DECREF(keys[i]);
                Ou_Free(keys);
                keys = NULL;
                rc = -1;
                goto restore;
            }
        }
    }
    if (reverse && n > 1) {
        reverse_items(items, items + n);
        if (keys)
            reverse_items(keys, keys + n);
    }
    rc = keys ? OuSort_Objects(keys, items, n) : OuSort_Objects(items, NULL, n);
    if (reverse && n > 1)
        reverse_items(items, items + n);
    if (keys) {
        for (i = 0; i < n; i++)
            OU_DECREF(keys[i]);
        Ou_Free(keys);
    }
restore:;
    OuObject **final = self->items;
    Ou_ssize_t final_n = OU_SIZE(self);
    if (self->allocated != -1 && rc == 0) {
        OuErr_SetString(OuExc_ValueError, "list modified during sort");
        rc = -1;
    }
    self->items = items;
    OU_SET_SIZE(self, n);
    self->allocated = allocated;
    if (final) {
        while (--final_n >= 0)
            OU_XDECREF(final[final_n]);
        Ou_Free(final);
    }
    return rc;
}

int OuList_Sort(OuObject *op)
{
    return OuList_SortWithKey(op, NULL, 0);
}

/* ---- slots ---- */

static OuObject *list_repr(OuObject *o)
{
    if (OU_SIZE(o) == 0)
        return OuStr_FromUTF8("[]");
    int r = Ou_ReprEnter(o);
    if (r != 0)
        return r > 0 ? OuStr_FromUTF8("[...]") : NULL;
    OuStrBuilder b;
    OuStrBuilder_Init(&b);
    if (OuStrBuilder_AppendChar(&b, '[') < 0)
        goto fail;
    for (Ou_ssize_t i = 0; i < OU_SIZE(o); i++) {
        if (i > 0 && OuStrBuilder_AppendASCII(&b, ", ", 2) < 0)
            goto fail;
        OuObject *x = OU_NEWREF(OU_LIST_ITEMS(o)[i]);
        OuObject *s = OuObject_Repr(x);
        OU_DECREF(x);
        if (!s)
            goto fail;
        int rc = OuStrBuilder_AppendStr(&b, s);
        OU_DECREF(s);
        if (rc < 0)
            goto fail;
    }
    if (OuStrBuilder_AppendChar(&b, ']') < 0)
        goto fail;
    Ou_ReprLeave(o);
    return OuStrBuilder_Finish(&b);
fail:
    OuStrBuilder_Discard(&b);
    Ou_ReprLeave(o);
    return NULL;
}

static Ou_ssize_t list_length(OuObject *o)
{
    return OU_SIZE(o);
}

static int list_contains(OuObject *o, OuObject *v)
{
    for (Ou_ssize_t i = 0; i < OU_SIZE(o); i++) {
        OuObject *x = OU_LIST_ITEMS(o)[i];
        if (x == v)
            return 1;
        OU_INCREF(x);
        int c = OuObject_RichCompareBool(x, v, OU_EQ);
        OU_DECREF(x);
        if (c != 0)
            return c;
    }
    return 0;
}

static OuObject *list_item(OuObject *o, Ou_ssize_t i)
{
    if ((size_t)i >= (size_t)OU_SIZE(o)) {
        OuErr_SetString(OuExc_IndexError, "list index out of range");
        return NULL;
    }
    return OU_NEWREF(OU_LIST_ITEMS(o)[i]);
}

/* An index for subscripting; 1 if key was an index, 0 if not (no error). */
static int subscript_index(OuObject *key, Ou_ssize_t *out)
{
    if (OuInt_CheckExact(key) && OU_INT_IS_SMALL(key)) {
        *out = (Ou_ssize_t)OU_INT_SMALL(key);
        return 1;
    }
    if (!OuIndex_Check(key))
        return 0;
    *out = OuNumber_AsSsize_t(key, OuExc_IndexError);
    if (*out == -1 && OuErr_Occurred())
        return -1;
    return 1;
}

static OuObject *list_subscript(OuObject *o, OuObject *key)
{
    Ou_ssize_t i;
    int r = subscript_index(key, &i);
    if (r < 0)
        return NULL;
    if (r) {
        if (i < 0)
            i += OU_SIZE(o);
        return list_item(o, i);
    }
    if (OuSlice_Check(key)) {
        Ou_ssize_t start, stop, step, len;
        if (OuSlice_GetIndicesEx(key, OU_SIZE(o), &start, &stop, &step, &len) < 0)
            return NULL;
        if (len <= 0)
            return OuList_New(0);
        if (step == 1)
            return OuList_FromArray(OU_LIST_ITEMS(o) + start, len);
        OuObject *res = OuList_New(len);
        if (!res)
            return NULL;
        for (Ou_ssize_t k = 0, j = start; k < len; k++, j += step)
            OU_LIST_ITEMS(res)[k] = OU_NEWREF(OU_LIST_ITEMS(o)[j]);
        return res;
    }
    return OuErr_Format(OuExc_TypeError, "list indices must be integers or slices, not %.200s",
                        OU_TYPE_NAME(key));
}

/* The items of v as a new list (for slice assignment). */
static OuObject *assign_source(OuObject *v)
{
    if (OuList_CheckExact(v) || OuTuple_CheckExact(v))
        return OuList_FromIterable(v);
    OuObject *it = OuObject_GetIter(v);
    if (!it) {
        if (OuErr_ExceptionMatches(OuExc_TypeError)) {
            OuErr_Clear();
            OuErr_SetString(OuExc_TypeError, "can only assign an iterable");
        }
        return NULL;
    }
    OuObject *l = OuList_New(0);
    if (l && OuList_Extend(l, it) < 0)
        OU_CLEAR(l);
    OU_DECREF(it);
    return l;
}

/* a[lo:hi] = v (v NULL: delete) for a step of 1. */
static int list_ass_slice(OuListObject *a, Ou_ssize_t lo, Ou_ssize_t hi, OuObject *v)
{
    OuObject *src = NULL, *recycle_small[8], **recycle = recycle_small;
    Ou_ssize_t n = 0, size = OU_SIZE(a);
    int rc = -1;
    if (v) {
        src = assign_source(v);
        if (!src)
            return -1;
        n = OU_SIZE(src);
    }
    if (lo < 0)
        lo = 0;
    else if (lo > size)
        lo = size;
    if (hi < lo)
        hi = lo;
    else if (hi > size)
        hi = size;
    Ou_ssize_t nold = hi - lo, delta = n - nold;
    if (size + delta == 0) {
        OU_XDECREF(src);
        list_clear_items(a);
        return 0;
    }
    if (nold > 8) {
        recycle = Ou_Malloc((size_t)nold * sizeof(OuObject *));
        if (!recycle) {
            OuErr_NoMemory();
            goto out;
        }
    }
    if (nold > 0)
        memcpy(recycle, a->items + lo, (size_t)nold * sizeof(OuObject *));
    if (delta < 0) {
        memmove(a->items + hi + delta, a->items + hi, (size_t)(size - hi) * sizeof(OuObject *));
        if (list_resize(a, size + delta) < 0)
            OuErr_Clear();   /* shrinking in place is always fine */
    } else if (delta > 0) {
        if (list_resize(a, size + delta) < 0) {
            goto out;
        }
        memmove(a->items + hi + delta, a->items + hi, (size_t)(size - hi) * sizeof(OuObject *));
    }
    for (Ou_ssize_t k = 0; k < n; k++)
        a->items[lo + k] = OU_NEWREF(OU_LIST_ITEMS(src)[k]);
    for (Ou_ssize_t k = nold - 1; k >= 0; k--)
        OU_XDECREF(recycle[k]);
    rc = 0;
out:
    if (recycle != recycle_small)
        Ou_Free(recycle);
    OU_XDECREF(src);
    return rc;
}

/* del a[start::step] for step != 1 (after AdjustIndices). */
static int list_del_extended(OuListObject *a, Ou_ssize_t start, Ou_ssize_t step, Ou_ssize_t len)
{
    if (step < 0) {
        start = start + step * (len - 1);
        step = -step;
    }
    OuObject **garbage = Ou_Malloc((size_t)len * sizeof(OuObject *));
    if (!garbage) {
        OuErr_NoMemory();
        return -1;
    }
    Ou_ssize_t size = OU_SIZE(a), w = start, g = 0;
    for (Ou_ssize_t i = start; i < size; i++) {
        if (g < len && i == start + g * step)
            garbage[g++] = a->items[i];
        else
            a->items[w++] = a->items[i];
    }
    if (list_resize(a, size - len) < 0)
        OuErr_Clear();
    for (g = len - 1; g >= 0; g--)
        OU_DECREF(garbage[g]);
    Ou_Free(garbage);
    return 0;
}

static int list_ass_subscript(OuObject *o, OuObject *key, OuObject *value)
{
    OuListObject *a = (OuListObject *)o;
    Ou_ssize_t i;
    int r = subscript_index(key, &i);
    if (r < 0)
        return -1;
    if (r) {
        if (i < 0)
            i += OU_SIZE(a);
        if ((size_t)i >= (size_t)OU_SIZE(a)) {
            OuErr_SetString(OuExc_IndexError, "list assignment index out of range");
            return -1;
        }
        if (value) {
            OU_SETREF(a->items[i], OU_NEWREF(value));
            return 0;
        }
        return list_ass_slice(a, i, i + 1, NULL);
    }
    if (!OuSlice_Check(key)) {
        OuErr_Format(OuExc_TypeError, "list indices must be integers or slices, not %.200s",
                     OU_TYPE_NAME(key));
        return -1;
    }
    Ou_ssize_t start, stop, step, len;
    if (OuSlice_Unpack(key, &start, &stop, &step) < 0)
        return -1;
    if (step == 1 && value)
        return list_ass_slice(a, start < 0 ? (start + OU_SIZE(a) < 0 ? 0 : start + OU_SIZE(a)) : start,
                              stop < 0 ? (stop + OU_SIZE(a) < 0 ? 0 : stop + OU_SIZE(a)) : stop, value);
    len = OuSlice_AdjustIndices(OU_SIZE(a), &start, &stop, step);
    if (!value) {
        if (len <= 0)
            return 0;
        if (step == 1)
            return list_ass_slice(a, start, stop, NULL);
        return list_del_extended(a, start, step, len);
    }
    /* extended slice assignment: sizes must match */
    OuObject *src = assign_source(value);
    if (!src)
        return -1;
    if (OU_SIZE(src) != len) {
        OuErr_Format(OuExc_ValueError,
                     "attempt to assign sequence of size %zd to extended slice of size %zd",
                     OU_SIZE(src), len);
        OU_DECREF(src);
        return -1;
    }
    if (len > 0) {
        OuObject **old = Ou_Malloc((size_t)len * sizeof(OuObject *));
        if (!old) {
            OU_DECREF(src);
            OuErr_NoMemory();
            return -1;
        }
        for (Ou_ssize_t k = 0, j = start; k < len; k++, j += step) {
            old[k] = a->items[j];
            a->items[j] = OU_NEWREF(OU_LIST_ITEMS(src)[k]);
        }
        for (Ou_ssize_t k = 0; k < len; k++)
            OU_DECREF(old[k]);
        Ou_Free(old);
    }
    OU_DECREF(src);
    return 0;
}

static OuObject *list_concat(OuObject *a, OuObject *b)
{
    if (!OuList_Check(b))
        return OuErr_Format(OuExc_TypeError, "can only concatenate list (not \"%.200s\") to list",
                            OU_TYPE_NAME(b));
    Ou_ssize_t na = OU_SIZE(a), nb = OU_SIZE(b);
    if (na > OU_SSIZE_T_MAX / 2 || nb > OU_SSIZE_T_MAX / 2)
        return OuErr_NoMemory();
    OuObject *r = OuList_New(na + nb);
    if (!r)
        return NULL;
    for (Ou_ssize_t i = 0; i < na; i++)
        OU_LIST_ITEMS(r)[i] = OU_NEWREF(OU_LIST_ITEMS(a)[i]);
    for (Ou_ssize_t i = 0; i < nb; i++)
        OU_LIST_ITEMS(r)[na + i] = OU_NEWREF(OU_LIST_ITEMS(b)[i]);
    return r;
}

static OuObject *list_repeat(OuObject *o, Ou_ssize_t n)
{
    Ou_ssize_t len = OU_SIZE(o);
    if (n <= 0 || len == 0)
        return OuList_New(0);
    if (len > OU_SSIZE_T_MAX / n)
        return OuErr_NoMemory();
    OuObject *r = OuList_New(len * n);
    if (!r)
        return NULL;
    OuObject **dst = OU_LIST_ITEMS(r);
    if (len == 1) {
        OuObject *x = OU_LIST_ITEMS(o)[0];
        for (Ou_ssize_t k = 0; k < n; k++)
            dst[k] = x;
        x->ob_refcnt += n;
        return r;
    }
    for (Ou_ssize_t k = 0; k < n; k++)
        for (Ou_ssize_t i = 0; i < len; i++)
            *dst++ = OU_NEWREF(OU_LIST_ITEMS(o)[i]);
    return r;
}

static OuObject *list_inplace_concat(OuObject *self, OuObject *other)
{
    if (OuList_Extend(self, other) < 0)
        return NULL;
    return OU_NEWREF(self);
}

static OuObject *list_inplace_repeat(OuObject *self, Ou_ssize_t n)
{
    OuListObject *l = (OuListObject *)self;
    Ou_ssize_t len = OU_SIZE(l);
    if (n <= 0 || len == 0) {
        list_clear_items(l);
        return OU_NEWREF(self);
    }
    if (n == 1)
        return OU_NEWREF(self);
    if (len > OU_SSIZE_T_MAX / n)
        return OuErr_NoMemory();
    if (list_resize(l, len * n) < 0)
        return NULL;
    for (Ou_ssize_t k = 1; k < n; k++)
        for (Ou_ssize_t i = 0; i < len; i++)
            l->items[k * len + i] = OU_NEWREF(l->items[i]);
    return OU_NEWREF(self);
}

static OuObject *list_richcompare(OuObject *a, OuObject *b, int op)
{
    if (!OuList_Check(a) || !OuList_Check(b))
        OU_RETURN_NOTIMPLEMENTED;
    if (OU_SIZE(a) != OU_SIZE(b) && (op == OU_EQ || op == OU_NE))
        return OuBool_FromLong(op == OU_NE);
    Ou_ssize_t i;
    for (i = 0; i < OU_SIZE(a) && i < OU_SIZE(b); i++) {
        OuObject *x = OU_LIST_ITEMS(a)[i], *y = OU_LIST_ITEMS(b)[i];
        if (x == y)
            continue;
        OU_INCREF(x);
        OU_INCREF(y);
        int k = OuObject_RichCompareBool(x, y, OU_EQ);
        OU_DECREF(x);
        OU_DECREF(y);
        if (k < 0)
            return NULL;
        if (!k)
            break;
    }
    Ou_ssize_t na = OU_SIZE(a), nb = OU_SIZE(b);
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
    OuObject *x = OU_NEWREF(OU_LIST_ITEMS(a)[i]), *y = OU_NEWREF(OU_LIST_ITEMS(b)[i]);
    OuObject *r = OuObject_RichCompare(x, y, op);
    OU_DECREF(x);
    OU_DECREF(y);
    return r;
}

/* ---- construction ---- */

static OuObject *list_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs,
                          OuObject *kwnames)
{
    OuListObject *l;
    if (type == &OuList_Type) {
        l = list_alloc();
    } else {
        l = (OuListObject *)type->tp_alloc(type, 0);
        if (l) {
            l->items = NULL;
            l->allocated = 0;
        }
    }
    if (!l)
        return NULL;
    OuObject_GC_Track((OuObject *)l);
    return (OuObject *)l;
}

static int list_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("list", kwnames) < 0)
        return -1;
    if (nargs > 1) {
        OuErr_Format(OuExc_TypeError, "list expected at most 1 argument, got %zd", nargs);
        return -1;
    }
    if (OU_SIZE(self) > 0)
        list_clear_items((OuListObject *)self);
    if (nargs == 1)
        return OuList_Extend(self, args[0]);
    return 0;
}

static OuObject *list_vectorcall(OuObject *type, OuObject *const *args, Ou_ssize_t nargs,
                                 OuObject *kwnames)
{
    OuTypeObject *tp = (OuTypeObject *)type;
    if (tp == &OuList_Type) {
        if (OuArg_NoKeywords("list", kwnames) < 0)
            return NULL;
        if (nargs > 1)
            return OuErr_Format(OuExc_TypeError, "list expected at most 1 argument, got %zd", nargs);
        return nargs ? OuList_FromIterable(args[0]) : OuList_New(0);
    }
    OuObject *r = tp->tp_new(tp, args, nargs, kwnames);
    if (r && OuObject_TypeCheck(r, tp) && OU_TYPE(r)->tp_init &&
        OU_TYPE(r)->tp_init(r, args, nargs, kwnames) < 0)
        OU_CLEAR(r);
    return r;
}

/* ---- methods ---- */

static OuObject *list_append_meth(OuObject *self, OuObject *v)
{
    if (OuList_Append(self, v) < 0)
        return NULL;
    OU_RETURN_NONE;
}

static OuObject *list_extend_meth(OuObject *self, OuObject *v)
{
    if (OuList_Extend(self, v) < 0)
        return NULL;
    OU_RETURN_NONE;
}

static OuObject *list_insert_meth(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                                  OuObject *kwnames)
{
    if (OuArg_NoKeywords("insert", kwnames) < 0 || OuArg_CheckPositional("insert", nargs, 2, 2) < 0)
        return NULL;
    Ou_ssize_t i = OuNumber_AsSsize_t(args[0], OuExc_OverflowError);
    if (i == -1 && OuErr_Occurred())
        return NULL;
    if (OuList_Insert(self, i, args[1]) < 0)
        return NULL;
    OU_RETURN_NONE;
}

static OuObject *list_pop_meth(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                               OuObject *kwnames)
{
    OuListObject *l = (OuListObject *)self;
    Ou_ssize_t i = -1, n = OU_SIZE(l);
    if (OuArg_NoKeywords("pop", kwnames) < 0 || OuArg_CheckPositional("pop", nargs, 0, 1) < 0)
        return NULL;
    if (nargs == 1) {
        i = OuNumber_AsSsize_t(args[0], OuExc_OverflowError);
        if (i == -1 && OuErr_Occurred())
            return NULL;
    }
    if (n == 0) {
        OuErr_SetString(OuExc_IndexError, "pop from empty list");
        return NULL;
    }
    if (i < 0)
        i += n;
    if ((size_t)i >= (size_t)n) {
        OuErr_SetString(OuExc_IndexError, "pop index out of range");
        return NULL;
    }
    OuObject *v = l->items[i];
    memmove(l->items + i, l->items + i + 1, (size_t)(n - i - 1) * sizeof(OuObject *));
    if (list_resize(l, n - 1) < 0)
        OuErr_Clear();
    return v;
}

static OuObject *list_remove_meth(OuObject *self, OuObject *v)
{
    for (Ou_ssize_t i = 0; i < OU_SIZE(self); i++) {
        OuObject *x = OU_NEWREF(OU_LIST_ITEMS(self)[i]);
        int c = OuObject_RichCompareBool(x, v, OU_EQ);
        OU_DECREF(x);
        if (c < 0)
            return NULL;
        if (c) {
            if (i < OU_SIZE(self) && list_ass_slice((OuListObject *)self, i, i + 1, NULL) < 0)
                return NULL;
            OU_RETURN_NONE;
        }
    }
    OuErr_SetString(OuExc_ValueError, "list.remove(x): x not in list");
    return NULL;
}

static OuObject *list_index_meth(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                                 OuObject *kwnames)
{
    Ou_ssize_t start = 0, stop = OU_SSIZE_T_MAX;
    if (OuArg_NoKeywords("index", kwnames) < 0 || OuArg_CheckPositional("index", nargs, 1, 3) < 0)
        return NULL;
    if (nargs > 1 && OuSlice_IndexNotNone(args[1], &start) < 0)
        return NULL;
    if (nargs > 2 && OuSlice_IndexNotNone(args[2], &stop) < 0)
        return NULL;
    if (start < 0 && (start += OU_SIZE(self)) < 0)
        start = 0;
    if (stop < 0 && (stop += OU_SIZE(self)) < 0)
        stop = 0;
    for (Ou_ssize_t i = start; i < stop && i < OU_SIZE(self); i++) {
        OuObject *x = OU_NEWREF(OU_LIST_ITEMS(self)[i]);
        int c = OuObject_RichCompareBool(x, args[0], OU_EQ);
        OU_DECREF(x);
        if (c < 0)
            return NULL;
        if (c)
            return OuInt_FromSsize_t(i);
    }
    return OuErr_Format(OuExc_ValueError, "%R is not in list", args[0]);
}

static OuObject *list_count_meth(OuObject *self, OuObject *v)
{
    Ou_ssize_t count = 0;
    for (Ou_ssize_t i = 0; i < OU_SIZE(self); i++) {
        OuObject *x = OU_LIST_ITEMS(self)[i];
        if (x == v) {
            count++;
            continue;
        }
        OU_INCREF(x);
        int c = OuObject_RichCompareBool(x, v, OU_EQ);
        OU_DECREF(x);
        if (c < 0)
            return NULL;
        count += c;
    }
    return OuInt_FromSsize_t(count);
}

static OuObject *list_sort_meth(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                                OuObject *kwnames)
{
    static const char *const names[] = {"key", "reverse", NULL};
    OuObject *out[2] = {NULL, NULL};
    if (OuArg_Parse("sort", args, nargs, kwnames, names, 0, 0, 0, out) < 0)
        return NULL;
    int reverse = 0;
    if (out[1]) {
        Ou_ssize_t r = OuNumber_AsSsize_t(out[1], NULL);
        if (r == -1 && OuErr_Occurred())
            return NULL;
        reverse = r != 0;
    }
    if (OuList_SortWithKey(self, out[0], reverse) < 0)
        return NULL;
    OU_RETURN_NONE;
}

static OuObject *list_reverse_meth(OuObject *self, OuObject *unused)
{
    if (OuList_Reverse(self) < 0)
        return NULL;
    OU_RETURN_NONE;
}

static OuObject *list_copy_meth(OuObject *self, OuObject *unused)
{
    return OuList_FromArray(OU_LIST_ITEMS(self), OU_SIZE(self));
}

static OuObject *list_clear_meth(OuObject *self, OuObject *unused)
{
    list_clear_items((OuListObject *)self);
    OU_RETURN_NONE;
}

static OuObject *list_reversed_meth(OuObject *self, OuObject *unused)
{
    OuListIterObject *it = OuObject_NEW(OuListIterObject, &OuListRevIter_Type);
    if (!it)
        return NULL;
    it->index = OU_SIZE(self) - 1;
    it->seq = OU_NEWREF(self);
    OuObject_GC_Track((OuObject *)it);
    return (OuObject *)it;
}

static OuObject *list_sizeof_meth(OuObject *self, OuObject *unused)
{
    return OuInt_FromSsize_t((Ou_ssize_t)(sizeof(OuListObject) +
                                          ((OuListObject *)self)->allocated * sizeof(OuObject *)));
}

static OuMethodDef list_methods[] = {
    {"append", (void *)list_append_meth, OU_METH_O, NULL},
    {"extend", (void *)list_extend_meth, OU_METH_O, NULL},
    {"insert", (void *)list_insert_meth, OU_METH_FAST, NULL},
    {"pop", (void *)list_pop_meth, OU_METH_FAST, NULL},
    {"remove", (void *)list_remove_meth, OU_METH_O, NULL},
    {"index", (void *)list_index_meth, OU_METH_FAST, NULL},
    {"count", (void *)list_count_meth, OU_METH_O, NULL},
    {"sort", (void *)list_sort_meth, OU_METH_FAST, NULL},
    {"reverse", (void *)list_reverse_meth, OU_METH_NOARGS, NULL},
    {"copy", (void *)list_copy_meth, OU_METH_NOARGS, NULL},
    {"clear", (void *)list_clear_meth, OU_METH_NOARGS, NULL},
    {"__reversed__", (void *)list_reversed_meth, OU_METH_NOARGS, NULL},
    {"__sizeof__", (void *)list_sizeof_meth, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuList_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "list",
    .tp_basicsize = sizeof(OuListObject),
    .tp_flags = OU_TPFLAGS_BASETYPE | OU_TPFLAGS_HAVE_GC | OU_TPFLAGS_LIST_SUBCLASS |
                OU_TPFLAGS_SEQUENCE,
    .tp_dealloc = list_dealloc,
    .tp_traverse = list_traverse,
    .tp_clear = list_tp_clear,
    .tp_new = list_new,
    .tp_init = list_init,
    .tp_vectorcall = list_vectorcall,
    .tp_repr = list_repr,
    .tp_hash = OuObject_HashNotImplemented,
    .tp_richcompare = list_richcompare,
    .tp_iter = OuList_Iter,
    .mp_length = list_length,
    .mp_subscript = list_subscript,
    .mp_ass_subscript = list_ass_subscript,
    .sq_item = list_item,
    .sq_concat = list_concat,
    .sq_repeat = list_repeat,
    .sq_inplace_concat = list_inplace_concat,
    .sq_inplace_repeat = list_inplace_repeat,
    .sq_contains = list_contains,
    .tp_methods = list_methods,
};

/* ---- iterators ---- */

OuObject *OuList_Iter(OuObject *list)
{
    OuListIterObject *it;
    if (listiter_nfree > 0) {
        it = listiter_free[--listiter_nfree];
        it->ob_base.ob_refcnt = 1;
        it->ob_base.ob_type = &OuListIter_Type;
    } else {
        it = OuObject_NEW(OuListIterObject, &OuListIter_Type);
        if (!it)
            return NULL;
    }
    it->index = 0;
    it->seq = OU_NEWREF(list);
    OuObject_GC_Track((OuObject *)it);
    return (OuObject *)it;
}

static void listiter_dealloc(OuObject *o)
{
    OuObject_GC_UnTrack(o);
    OU_XDECREF(((OuListIterObject *)o)->seq);
    if (OU_TYPE(o) == &OuListIter_Type && listiter_nfree < LISTITER_MAXFREE)
        listiter_free[listiter_nfree++] = (OuListIterObject *)o;
    else
        OU_TYPE(o)->tp_free(o);
}

static int listiter_traverse(OuObject *o, visitproc visit, void *arg)
{
    OU_VISIT(((OuListIterObject *)o)->seq);
    return 0;
}

static OuObject *listiter_next(OuObject *o)
{
    OuListIterObject *it = (OuListIterObject *)o;
    OuObject *seq = it->seq;
    if (!seq)
        return NULL;
    if (it->index < OU_SIZE(seq))
        return OU_NEWREF(OU_LIST_ITEMS(seq)[it->index++]);
    it->seq = NULL;
    OU_DECREF(seq);
    return NULL;
}

static OuObject *listiter_length_hint(OuObject *o, OuObject *unused)
{
    OuListIterObject *it = (OuListIterObject *)o;
    Ou_ssize_t n = it->seq ? OU_SIZE(it->seq) - it->index : 0;
    return OuInt_FromSsize_t(n < 0 ? 0 : n);
}

static OuObject *listreviter_next(OuObject *o)
{
    OuListIterObject *it = (OuListIterObject *)o;
    OuObject *seq = it->seq;
    if (!seq)
        return NULL;
    if (it->index >= 0 && it->index < OU_SIZE(seq))
        return OU_NEWREF(OU_LIST_ITEMS(seq)[it->index--]);
    it->index = -1;
    it->seq = NULL;
    OU_DECREF(seq);
    return NULL;
}

static OuObject *listreviter_length_hint(OuObject *o, OuObject *unused)
{
    OuListIterObject *it = (OuListIterObject *)o;
    Ou_ssize_t n = 0;
    if (it->seq && it->index >= 0 && it->index < OU_SIZE(it->seq))
        n = it->index + 1;
    return OuInt_FromSsize_t(n);
}

static OuMethodDef listiter_methods[] = {
    {"__length_hint__", (void *)listiter_length_hint, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static OuMethodDef listreviter_methods[] = {
    {"__length_hint__", (void *)listreviter_length_hint, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuListIter_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "list_iterator",
    .tp_basicsize = sizeof(OuListIterObject),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = listiter_dealloc,
    .tp_traverse = listiter_traverse,
    .tp_iter = OuObject_SelfIter,
    .tp_iternext = listiter_next,
    .tp_methods = listiter_methods,
};

OuTypeObject OuListRevIter_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "list_reverseiterator",
    .tp_basicsize = sizeof(OuListIterObject),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = listiter_dealloc,
    .tp_traverse = listiter_traverse,
    .tp_iter = OuObject_SelfIter,
    .tp_iternext = listreviter_next,
    .tp_methods = listreviter_methods,
};

/* Ready list, tuple and their iterators. */
int OuList_Init(void)
{
    if (OuType_Ready(&OuList_Type) < 0 || OuType_Ready(&OuListIter_Type) < 0 ||
        OuType_Ready(&OuListRevIter_Type) < 0 || OuType_Ready(&OuTuple_Type) < 0 ||
        OuType_Ready(&OuTupleIter_Type) < 0)
        return -1;
    return 0;
}

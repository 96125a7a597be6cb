/*
 * dictviews.c -- the dict views and the dict iterators.
 *
 * Types defined here: OuDictKeys_Type ("dict_keys"), OuDictValues_Type
 * ("dict_values"), OuDictItems_Type ("dict_items"), OuDictIterKey_Type
 * ("dict_keyiterator"), OuDictIterValue_Type ("dict_valueiterator"),
 * OuDictIterItem_Type ("dict_itemiterator"), OuDictRevIterKey_Type
 * ("dict_reversekeyiterator"), OuDictRevIterValue_Type
 * ("dict_reversevalueiterator"), OuDictRevIterItem_Type
 * ("dict_reverseitemiterator"). Readied by OuDict_Init.
 *
 * Views are live windows on a dict; keys and items views are set-like
 * (comparisons, & | - ^, isdisjoint). Iterators walk the dict's entry slots
 * and raise RuntimeError if the dict changes size underneath them.
 */
#include "core/ouro.h"

typedef struct {
    OuObject_HEAD
    OuObject *dict;
} DictView;

typedef struct {
    OuObject_HEAD
    OuObject *dict;        /* NULL once exhausted */
    Ou_ssize_t used;       /* dict size when created; -1 after a size change */
    Ou_ssize_t pos;        /* next entry slot to look at */
    Ou_ssize_t len;        /* items still expected */
    OuObject *result;      /* cached 2-tuple for item iterators */
} DictIter;

enum { KIND_KEY, KIND_VALUE, KIND_ITEM };

/* ---- iterators ---- */

static int iter_kind(OuTypeObject *t)
{
    if (t == &OuDictIterKey_Type || t == &OuDictRevIterKey_Type)
        return KIND_KEY;
    if (t == &OuDictIterValue_Type || t == &OuDictRevIterValue_Type)
        return KIND_VALUE;
    return KIND_ITEM;
}

static int iter_is_reversed(OuTypeObject *t)
{
    return t == &OuDictRevIterKey_Type || t == &OuDictRevIterValue_Type ||
           t == &OuDictRevIterItem_Type;
}

OuObject *OuDictIter_New(OuObject *dict, OuTypeObject *type)
{
    DictIter *di = OuObject_NEW(DictIter, type);
    if (!di)
        return NULL;
    di->dict = OU_NEWREF(dict);
    di->used = OU_DICT_LEN(dict);
    di->len = di->used;
    di->pos = iter_is_reversed(type) ? OuDict_EntryCount(dict) - 1 : 0;
    di->result = NULL;
    OuObject_GC_Track((OuObject *)di);
    return (OuObject *)di;
}

static void dictiter_dealloc(OuObject *o)
{
    DictIter *di = (DictIter *)o;
    OuObject_GC_UnTrack(o);
    OU_XDECREF(di->dict);
    OU_XDECREF(di->result);
    OU_TYPE(o)->tp_free(o);
}

static int dictiter_traverse(OuObject *o, visitproc visit, void *arg)
{
    OU_VISIT(((DictIter *)o)->dict);
    OU_VISIT(((DictIter *)o)->result);
    return 0;
}

static OuObject *dictiter_exhaust(DictIter *di)
{
    OU_CLEAR(di->dict);
    return NULL;
}

/* One step of any of the six iterators. */
static OuObject *dictiter_next(OuObject *o)
{
    DictIter *di = (DictIter *)o;
    OuObject *d = di->dict, *k, *v;
    if (!d)
        return NULL;
    if (di->used != OU_DICT_LEN(d)) {
        OuErr_SetString(OuExc_RuntimeError, "dictionary changed size during iteration");
        di->used = -1;
        return NULL;
    }
    Ou_ssize_t i = di->pos, n = OuDict_EntryCount(d);
    if (iter_is_reversed(OU_TYPE(o))) {
        if (i >= n)
            i = n - 1;
        while (i >= 0 && !OuDict_EntryAt(d, i, &k, &v))
            i--;
        if (i < 0)
            return dictiter_exhaust(di);
        di->pos = i - 1;
    } else {
        while (i < n && !OuDict_EntryAt(d, i, &k, &v))
            i++;
        if (i >= n)
            return dictiter_exhaust(di);
        di->pos = i + 1;
    }
    if (di->len == 0) {
        OuErr_SetString(OuExc_RuntimeError, "dictionary keys changed during iteration");
        return dictiter_exhaust(di);
    }
    di->len--;
    switch (iter_kind(OU_TYPE(o))) {
    case KIND_KEY:
        return OU_NEWREF(k);
    case KIND_VALUE:
        return OU_NEWREF(v);
    default:
        break;
    }
    OuObject *r = di->result;
    if (r && OU_REFCNT(r) == 1) {
        /* nobody kept the last tuple: refill it */
        OuObject *ok = OU_TUPLE_GET(r, 0), *ov = OU_TUPLE_GET(r, 1);
        OU_TUPLE_SET(r, 0, OU_NEWREF(k));
        OU_TUPLE_SET(r, 1, OU_NEWREF(v));
        ((OuTupleObject *)r)->hash = -1;
        OU_INCREF(r);
        OU_DECREF(ok);
        OU_DECREF(ov);
        return r;
    }
    r = OuTuple_Pack(2, k, v);
    if (!r)
        return NULL;
    OU_XSETREF(di->result, OU_NEWREF(r));
    return r;
}

static OuObject *dictiter_length_hint(OuObject *o, OuObject *unused)
{
    DictIter *di = (DictIter *)o;
    Ou_ssize_t n = 0;
    if (di->dict && di->used == OU_DICT_LEN(di->dict))
        n = di->len;
    return OuInt_FromSsize_t(n);
}

static OuMethodDef dictiter_methods[] = {
    {"__length_hint__", (void *)dictiter_length_hint, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

#define DICTITER_TYPE(cname, pyname)                    \
    OuTypeObject cname = {                              \
        OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),      \
        .tp_name = pyname,                              \
        .tp_basicsize = sizeof(DictIter),               \
        .tp_flags = OU_TPFLAGS_HAVE_GC,                 \
        .tp_dealloc = dictiter_dealloc,                 \
        .tp_traverse = dictiter_traverse,               \
        .tp_iter = OuObject_SelfIter,                   \
        .tp_iternext = dictiter_next,                   \
        .tp_methods = dictiter_methods,                 \
    };

DICTITER_TYPE(OuDictIterKey_Type, "dict_keyiterator")
DICTITER_TYPE(OuDictIterValue_Type, "dict_valueiterator")
DICTITER_TYPE(OuDictIterItem_Type, "dict_itemiterator")
DICTITER_TYPE(OuDictRevIterKey_Type, "dict_reversekeyiterator")
DICTITER_TYPE(OuDictRevIterValue_Type, "dict_reversevalueiterator")
DICTITER_TYPE(OuDictRevIterItem_Type, "dict_reverseitemiterator")

/* ---- views ---- */

OuObject *OuDictView_New(OuObject *dict, OuTypeObject *type)
{
    if (!OuDict_Check(dict)) {
        OuErr_BadInternalCall();
        return NULL;
    }
    DictView *dv = OuObject_NEW(DictView, type);
    if (!dv)
        return NULL;
    dv->dict = OU_NEWREF(dict);
    OuObject_GC_Track((OuObject *)dv);
    return (OuObject *)dv;
}

static void dictview_dealloc(OuObject *o)
{
    OuObject_GC_UnTrack(o);
    OU_XDECREF(((DictView *)o)->dict);
    OU_TYPE(o)->tp_free(o);
}

static int dictview_traverse(OuObject *o, visitproc visit, void *arg)
{
    OU_VISIT(((DictView *)o)->dict);
    return 0;
}

static Ou_ssize_t dictview_len(OuObject *o)
{
    return OU_DICT_LEN(((DictView *)o)->dict);
}

static OuObject *dictkeys_iter(OuObject *o)
{
    return OuDictIter_New(((DictView *)o)->dict, &OuDictIterKey_Type);
}

static OuObject *dictvalues_iter(OuObject *o)
{
    return OuDictIter_New(((DictView *)o)->dict, &OuDictIterValue_Type);
}

static OuObject *dictitems_iter(OuObject *o)
{
    return OuDictIter_New(((DictView *)o)->dict, &OuDictIterItem_Type);
}

static OuObject *dictkeys_reversed(OuObject *o, OuObject *unused)
{
    return OuDictIter_New(((DictView *)o)->dict, &OuDictRevIterKey_Type);
}

static OuObject *dictvalues_reversed(OuObject *o, OuObject *unused)
{
    return OuDictIter_New(((DictView *)o)->dict, &OuDictRevIterValue_Type);
}

static OuObject *dictitems_reversed(OuObject *o, OuObject *unused)
{
    return OuDictIter_New(((DictView *)o)->dict, &OuDictRevIterItem_Type);
}

static int dictkeys_contains(OuObject *o, OuObject *key)
{
    return OuDict_Contains(((DictView *)o)->dict, key);
}

/* (key, value) in d.items() */
static int dictitems_contains(OuObject *o, OuObject *item)
{
    if (!OuTuple_Check(item) || OU_TUPLE_LEN(item) != 2)
        return 0;
    OuObject *found = OuDict_GetItemWithError(((DictView *)o)->dict, OU_TUPLE_GET(item, 0));
    if (!found)
        return OuErr_Occurred() ? -1 : 0;
    OU_INCREF(found);
    int r = OuObject_RichCompareBool(found, OU_TUPLE_GET(item, 1), OU_EQ);
    OU_DECREF(found);
    return r;
}

/* "dict_keys([...])"; recursion shows as "...". */
static OuObject *dictview_repr(OuObject *o)
{
    int r = Ou_ReprEnter(o);
    if (r != 0)
        return r > 0 ? OuStr_FromUTF8("...") : NULL;
    OuObject *seq = OuSequence_List(o), *res = NULL;
    if (seq) {
        res = OuStr_FromFormat("%s(%R)", OU_TYPE_NAME(o), seq);
        OU_DECREF(seq);
    }
    Ou_ReprLeave(o);
    return res;
}

static OuObject *dictview_mapping(OuObject *o, void *closure)
{
    return OuDictProxy_New(((DictView *)o)->dict);
}

static OuGetSetDef dictview_getset[] = {
    {"mapping", dictview_mapping, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

/* ---- set-like behaviour of keys and items ---- */

/* 1 if every item of `self` is in `other`. */
static int all_contained_in(OuObject *self, OuObject *other)
{
    OuObject *it = OuObject_GetIter(self), *x;
    if (!it)
        return -1;
    int ok = 1;
    while ((x = OuIter_Next(it)) != NULL) {
        ok = OuSequence_Contains(other, x);
        OU_DECREF(x);
        if (ok <= 0)
            break;
    }
    OU_DECREF(it);
    if (ok > 0 && OuErr_Occurred())
        return -1;
    return ok;
}

static OuObject *dictview_richcompare(OuObject *self, OuObject *other, int op)
{
    if (!OuAnySet_Check(other) && !OuDictViewSet_Check(other))
        OU_RETURN_NOTIMPLEMENTED;
    Ou_ssize_t ls = OuObject_Length(self), lo = OuObject_Length(other);
    if (ls < 0 || lo < 0)
        return NULL;
    int ok = 0;
    switch (op) {
    case OU_NE:
    case OU_EQ:
        ok = ls == lo ? all_contained_in(self, other) : 0;
        if (op == OU_NE && ok >= 0)
            ok = !ok;
        break;
    case OU_LT:
        ok = ls < lo ? all_contained_in(self, other) : 0;
        break;
    case OU_LE:
        ok = ls <= lo ? all_contained_in(self, other) : 0;
        break;
    case OU_GT:
        ok = ls > lo ? all_contained_in(other, self) : 0;
        break;
    case OU_GE:
        ok = ls >= lo ? all_contained_in(other, self) : 0;
        break;
    }
    if (ok < 0)
        return NULL;
    return OuBool_FromLong(ok);
}

/* A new set holding the items of a view (or any iterable). */
static OuObject *view_to_set(OuObject *o)
{
    if (OU_TYPE(o) == &OuDictKeys_Type && OuDict_CheckExact(((DictView *)o)->dict))
        return OuSet_New(((DictView *)o)->dict);
    return OuSet_New(o);
}

static OuObject *dictview_and(OuObject *self, OuObject *other)
{
    if (!OuDictViewSet_Check(self)) {
        OuObject *t = self;
        self = other;
        other = t;
    }
    Ou_ssize_t ls = dictview_len(self);
    if (OU_TYPE(other) == &OuSet_Type) {
        Ou_ssize_t lo = OuSet_Size(other);
        if (ls <= lo)
            return OuObject_CallMethodStr(other, "intersection", &self, 1);
    }
    if (OuDictViewSet_Check(other) && dictview_len(other) > ls) {
        OuObject *t = self;
        self = other;
        other = t;
    }
    OuObject *result = OuSet_New(NULL);
    if (!result)
        return NULL;
    OuObject *it = OuObject_GetIter(other), *x;
    if (!it) {
        OU_DECREF(result);
        return NULL;
    }
    int is_keys = OuDictKeys_Check(self);
    while ((x = OuIter_Next(it)) != NULL) {
        int c = is_keys ? dictkeys_contains(self, x) : dictitems_contains(self, x);
        if (c > 0 && OuSet_Add(result, x) < 0)
            c = -1;
        OU_DECREF(x);
        if (c < 0)
            goto fail;
    }
    OU_DECREF(it);
    if (OuErr_Occurred()) {
        OU_DECREF(result);
        return NULL;
    }
    return result;
fail:
    OU_DECREF(it);
    OU_DECREF(result);
    return NULL;
}

static OuObject *dictview_or(OuObject *self, OuObject *other)
{
    OuObject *result = view_to_set(self);
    if (result && OuSet_Update(result, other) < 0)
        OU_CLEAR(result);
    return result;
}

/* result = set(self); result.<method>(other) */
static OuObject *view_set_op(OuObject *self, OuObject *other, const char *method)
{
    OuObject *result = view_to_set(self);
    if (!result)
        return NULL;
    OuObject *r = OuObject_CallMethodStr(result, method, &other, 1);
    if (!r) {
        OU_DECREF(result);
        return NULL;
    }
    OU_DECREF(r);
    return result;
}

static OuObject *dictview_sub(OuObject *self, OuObject *other)
{
    return view_set_op(self, other, "difference_update");
}

static OuObject *dictview_xor(OuObject *self, OuObject *other)
{
    return view_set_op(self, other, "symmetric_difference_update");
}

static OuObject *dictview_isdisjoint(OuObject *self, OuObject *other)
{
    if (self == other)
        return OuBool_FromLong(dictview_len(self) == 0);
    OuObject *container = self, *iterated = other;
    if (OuAnySet_Check(other) || OuDictViewSet_Check(other)) {
        Ou_ssize_t lo = OuObject_Length(other);
        if (lo < 0)
            return NULL;
        if (lo > dictview_len(self)) {
            container = other;
            iterated = self;
        }
    }
    OuObject *it = OuObject_GetIter(iterated), *x;
    if (!it)
        return NULL;
    while ((x = OuIter_Next(it)) != NULL) {
        int c = OuSequence_Contains(container, x);
        OU_DECREF(x);
        if (c != 0) {
            OU_DECREF(it);
            if (c < 0)
                return NULL;
            OU_RETURN_FALSE;
        }
    }
    OU_DECREF(it);
    if (OuErr_Occurred())
        return NULL;
    OU_RETURN_TRUE;
}

static OuMethodDef dictkeys_methods[] = {
    {"isdisjoint", (void *)dictview_isdisjoint, OU_METH_O, NULL},
    {"__reversed__", (void *)dictkeys_reversed, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static OuMethodDef dictitems_methods[] = {
    {"isdisjoint", (void *)dictview_isdisjoint, OU_METH_O, NULL},
    {"__reversed__", (void *)dictitems_reversed, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static OuMethodDef dictvalues_methods[] = {
    {"__reversed__", (void *)dictvalues_reversed, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuDictKeys_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "dict_keys",
    .tp_basicsize = sizeof(DictView),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = dictview_dealloc,
    .tp_traverse = dictview_traverse,
    .tp_repr = dictview_repr,
    .tp_hash = OuObject_HashNotImplemented,
    .tp_richcompare = dictview_richcompare,
    .tp_iter = dictkeys_iter,
    .nb_subtract = dictview_sub,
    .nb_and = dictview_and,
    .nb_xor = dictview_xor,
    .nb_or = dictview_or,
    .mp_length = dictview_len,
    .sq_contains = dictkeys_contains,
    .tp_methods = dictkeys_methods,
    .tp_getset = dictview_getset,
};

OuTypeObject OuDictItems_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "dict_items",
    .tp_basicsize = sizeof(DictView),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = dictview_dealloc,
    .tp_traverse = dictview_traverse,
    .tp_repr = dictview_repr,
    .tp_hash = OuObject_HashNotImplemented,
    .tp_richcompare = dictview_richcompare,
    .tp_iter = dictitems_iter,
    .nb_subtract = dictview_sub,
    .nb_and = dictview_and,
    .nb_xor = dictview_xor,
    .nb_or = dictview_or,
    .mp_length = dictview_len,
    .sq_contains = dictitems_contains,
    .tp_methods = dictitems_methods,
    .tp_getset = dictview_getset,
};

OuTypeObject OuDictValues_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "dict_values",
    .tp_basicsize = sizeof(DictView),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = dictview_dealloc,
    .tp_traverse = dictview_traverse,
    .tp_repr = dictview_repr,
    .tp_iter = dictvalues_iter,
    .mp_length = dictview_len,
    .tp_methods = dictvalues_methods,
    .tp_getset = dictview_getset,
};

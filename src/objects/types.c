/*
 * types.c -- `object`, `type` and `super`; attribute lookup along the MRO;
 * classes created at run time (type(name, bases, ns)); OuType_Ready for the
 * static built-in types.
 *
 * Types defined here: object (OuBaseObject_Type), type (OuType_Type),
 * super (OuSuper_Type), wrapper_descriptor (OuWrapperDescr_Type, "slot
 * wrapper") and method-wrapper (OuMethodWrapper_Type).
 *
 * Self-contained: it implements everything declared in typeobject.h,
 * including the dunder <-> slot table (OuTypeSlots_*), at the end of the
 * file. (src/objects/typeobject.c + typeslots.c, written in parallel by
 * another helper, implement the same API: link one or the other.)
 *
 * Slots and dunders: one table lists {dunder, slot offset, generic slot
 * function, wrapper}. For a built-in type OuType_Ready adds a wrapper
 * descriptor per slot it defines (int.__add__); for a class written in
 * Python every slot points at a generic function that looks the dunder up
 * on type(self), or at the inherited C function when the dunder found is an
 * untouched wrapper of that same slot (subclasses of built-ins stay fast).
 *
 * Version tags: every ready type has a nonzero tp_version_tag, replaced by a
 * fresh one (for the type and all its subclasses) whenever its dict changes
 * (OuType_Modified). A small global cache maps (tag, interned name) to the
 * result of the MRO walk.
 *
 * Instance __dict__: tp_dictoffset > 0 is a byte offset; < 0 (subclasses of
 * var-sized built-ins such as tuple) counts back from the end of the object,
 * whose size is basicsize + |ob_size| * itemsize rounded up to a pointer.
 */
#include "core/ouro.h"
#include "objects/typeobject.h"
#include "vm/eval.h"

/* A class made by type(name, bases, ns): the type plus storage it owns. */
typedef struct {
    OuTypeObject type;
    char *ht_name;            /* tp_name storage (Ou_Malloc'd UTF-8) */
    char *ht_doc;             /* tp_doc storage or NULL */
    OuMemberDef *ht_members;  /* __slots__ member defs (NULL-name terminated) or NULL */
    Ou_ssize_t ht_nslots;     /* number of __slots__ members this class added */
} OuHeapTypeObject;

static OuObject *ou_call_unbound(OuObject *descr, OuObject *self, OuObject *const *args,
                                 Ou_ssize_t nargs, OuObject *kwnames);
static const OuMethodDef tp_new_def;

#define PTRSIZE ((Ou_ssize_t)sizeof(OuObject *))
#define ROUNDUP(n) (((n) + PTRSIZE - 1) & ~(PTRSIZE - 1))
#define SUBCLASS_FLAGS (OU_TPFLAGS_INT_SUBCLASS | OU_TPFLAGS_LIST_SUBCLASS | OU_TPFLAGS_TUPLE_SUBCLASS | \
    OU_TPFLAGS_BYTES_SUBCLASS | OU_TPFLAGS_STR_SUBCLASS | OU_TPFLAGS_DICT_SUBCLASS | \
    OU_TPFLAGS_BASE_EXC_SUBCLASS | OU_TPFLAGS_TYPE_SUBCLASS)

static OuObject *object_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames);
static int object_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames);
static OuObject *type_new(OuTypeObject *metatype, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames);
static OuObject *mro_c3(OuTypeObject *type);

static Ou_ssize_t nkwargs(OuObject *kwnames) { return kwnames ? OU_TUPLE_LEN(kwnames) : 0; }

/* ------------------------------------------------------------------ */
/* Version tags and the method cache                                    */

#define MCACHE_BITS 12
#define MCACHE_SIZE (1 << MCACHE_BITS)
static struct { uint32_t version; OuObject *name; OuObject *value; } mcache[MCACHE_SIZE];
static uint32_t next_version_tag = 1;

static uint32_t new_version_tag(void)
{
    uint32_t v = next_version_tag++;
    if (next_version_tag == 0)
        next_version_tag = 1;
    return v;
}

/* Walk the MRO dicts; borrowed result, NULL if absent (errors swallowed). */
static OuObject *find_in_mro(OuTypeObject *type, OuObject *name)
{
    OuObject *mro = type->tp_mro;
    if (!mro) {
        for (OuTypeObject *t = type; t; t = t->tp_base) {
            if (!t->tp_dict)
                continue;
            OuObject *v = OuDict_GetItemWithError(t->tp_dict, name);
            if (v)
                return v;
            if (OuErr_Occurred()) {
                OuErr_Clear();
                return NULL;
            }
        }
        return NULL;
    }
    Ou_ssize_t n = OU_TUPLE_LEN(mro);
    for (Ou_ssize_t i = 0; i < n; i++) {
        OuObject *dict = ((OuTypeObject *)OU_TUPLE_GET(mro, i))->tp_dict;
        if (!dict)
            continue;
        OuObject *v = OuDict_GetItemWithError(dict, name);
        if (v)
            return v;
        if (OuErr_Occurred()) {
            OuErr_Clear();
            return NULL;
        }
    }
    return NULL;
}

OuObject *OuType_Lookup(OuTypeObject *type, OuObject *name)
{
    uint32_t v = type->tp_version_tag;
    if (v && OuStr_CheckExact(name) && ((OuStrObject *)name)->interned) {
        size_t h = ((size_t)v * 2654435761u ^ ((uintptr_t)name >> 4)) & (MCACHE_SIZE - 1);
        if (mcache[h].version == v && mcache[h].name == name)
            return mcache[h].value;
        OuObject *r = find_in_mro(type, name);
        mcache[h].version = v;
        mcache[h].name = name;
        mcache[h].value = r;
        return r;
    }
    return find_in_mro(type, name);
}

/* ------------------------------------------------------------------ */
/* Subclass registry: tp_subclasses maps id(sub) -> id(sub); entries are
   removed when the subclass dies, so no references are held.           */

static int add_subclass(OuTypeObject *base, OuTypeObject *sub)
{
    if (!base->tp_subclasses && !(base->tp_subclasses = OuDict_New()))
        return -1;
    OuObject *key = OuInt_FromSize_t((size_t)(uintptr_t)sub);
    if (!key)
        return -1;
    int r = OuDict_SetItem(base->tp_subclasses, key, key);
    OU_DECREF(key);
    return r;
}

static void remove_subclass(OuTypeObject *base, OuTypeObject *sub)
{
    if (!base->tp_subclasses)
        return;
    OuObject *saved = OuErr_GetRaisedException();
    OuObject *key = OuInt_FromSize_t((size_t)(uintptr_t)sub);
    if (key) {
        OuObject *v;
        if (OuDict_Pop(base->tp_subclasses, key, &v) > 0)
            OU_DECREF(v);
        OU_DECREF(key);
    }
    OuErr_Clear();
    OuErr_SetRaisedException(saved);
}

OuObject *OuType_Subclasses(OuTypeObject *type)
{
    OuObject *list = OuList_New(0);
    if (!list || !type->tp_subclasses)
        return list;
    Ou_ssize_t pos = 0;
    OuObject *k, *v;
    while (OuDict_Next(type->tp_subclasses, &pos, &k, &v)) {
        OuObject *sub = (OuObject *)(uintptr_t)OuInt_AsSize_t(k);
        if (OuList_Append(list, sub) < 0) {
            OU_DECREF(list);
            return NULL;
        }
    }
    return list;
}

static void modified_rec(OuTypeObject *type, int depth)
{
    if (!type->tp_version_tag || depth > 500)
        return;
    type->tp_version_tag = new_version_tag();
    if (!type->tp_subclasses)
        return;
    Ou_ssize_t pos = 0;
    OuObject *k, *v;
    while (OuDict_Next(type->tp_subclasses, &pos, &k, &v))
        modified_rec((OuTypeObject *)(uintptr_t)OuInt_AsSize_t(k), depth + 1);
}

void OuType_Modified(OuTypeObject *type)
{
    modified_rec(type, 0);
}

int OuType_IsSubtype(OuTypeObject *a, OuTypeObject *b)
{
    if (a == b)
        return 1;
    OuObject *mro = a->tp_mro;
    if (mro) {
        Ou_ssize_t n = OU_TUPLE_LEN(mro);
        for (Ou_ssize_t i = 0; i < n; i++)
            if (OU_TUPLE_GET(mro, i) == (OuObject *)b)
                return 1;
        return 0;
    }
    for (; a; a = a->tp_base)
        if (a == b)
            return 1;
    return b == &OuBaseObject_Type;
}

/* ------------------------------------------------------------------ */
/* Names                                                                */

static const char *static_short_name(OuTypeObject *type)
{
    const char *dot = strrchr(type->tp_name, '.');
    return dot ? dot + 1 : type->tp_name;
}

OuObject *OuType_GetName(OuTypeObject *type)
{
    if (!type->tp_name_obj) {
        OuObject *s = OuStr_FromUTF8(static_short_name(type));
        if (!s)
            return NULL;
        type->tp_name_obj = s;
    }
    return OU_NEWREF(type->tp_name_obj);
}

OuObject *OuType_GetQualName(OuTypeObject *type)
{
    if ((type->tp_flags & OU_TPFLAGS_HEAPTYPE) && type->tp_qualname)
        return OU_NEWREF(type->tp_qualname);
    return OuType_GetName(type);
}

/* __module__ of a type: new ref, or NULL with AttributeError. */
static OuObject *type_module(OuTypeObject *type)
{
    if (type->tp_flags & OU_TPFLAGS_HEAPTYPE) {
        OuObject *m = type->tp_dict ? OuDict_GetItemWithError(type->tp_dict, OU_ID(__module__)) : NULL;
        if (!m) {
            if (!OuErr_Occurred())
                OuErr_SetObject(OuExc_AttributeError, OU_ID(__module__));
            return NULL;
        }
        return OU_NEWREF(m);
    }
    const char *dot = strrchr(type->tp_name, '.');
    if (dot)
        return OuStr_FromUTF8AndSize(type->tp_name, dot - type->tp_name);
    return OuStr_FromUTF8("builtins");
}

/* ------------------------------------------------------------------ */
/* Generic attribute access                                             */

OuObject **OuObject_DictPtr(OuObject *o)
{
    OuTypeObject *tp = OU_TYPE(o);
    Ou_ssize_t off = tp->tp_dictoffset;
    if (off == 0)
        return NULL;
    if (off < 0) {
        Ou_ssize_t n = OU_SIZE(o);
        if (n < 0)
            n = -n;
        off += ROUNDUP(tp->tp_basicsize + n * tp->tp_itemsize);
    }
    return (OuObject **)((char *)o + off);
}

static int check_attr_name(OuObject *name)
{
    if (OuStr_Check(name))
        return 0;
    OuErr_Format(OuExc_TypeError, "attribute name must be string, not '%s'", OU_TYPE_NAME(name));
    return -1;
}

OuObject *OuObject_GenericGetAttrWithDict(OuObject *o, OuObject *name, int suppress)
{
    OuTypeObject *tp = OU_TYPE(o);
    if (check_attr_name(name) < 0)
        return NULL;
    if (OU_UNLIKELY(!tp->tp_dict) && OuType_Ready(tp) < 0)
        return NULL;
    OuObject *descr = OuType_Lookup(tp, name);
    descrgetfunc f = NULL;
    if (descr) {
        OU_INCREF(descr);
        f = OU_TYPE(descr)->tp_descr_get;
        if (f && OU_TYPE(descr)->tp_descr_set) {
            OuObject *r = f(descr, o, (OuObject *)tp);
            OU_DECREF(descr);
            return r;
        }
    }
    OuObject **dp = OuObject_DictPtr(o);
    if (dp && *dp) {
        OuObject *dict = *dp;
        OU_INCREF(dict);
        OuObject *v = OuDict_GetItemWithError(dict, name);
        if (v) {
            OU_INCREF(v);
            OU_DECREF(dict);
            OU_XDECREF(descr);
            return v;
        }
        OU_DECREF(dict);
        if (OuErr_Occurred()) {
            OU_XDECREF(descr);
            return NULL;
        }
    }
    if (f) {
        OuObject *r = f(descr, o, (OuObject *)tp);
        OU_DECREF(descr);
        return r;
    }
    if (descr)
        return descr;
    if (suppress)
        return NULL;
    return OuErr_NoAttribute(o, name);
}

OuObject *OuObject_GenericGetAttr(OuObject *o, OuObject *name)
{
    return OuObject_GenericGetAttrWithDict(o, name, 0);
}

/* LOAD_METHOD: 1 with an unbound function / method descriptor in *method,
   0 with an ordinary attribute value, -1 on error. */
int OuObject_GetMethod(OuObject *o, OuObject *name, OuObject **method)
{
    OuTypeObject *tp = OU_TYPE(o);
    *method = NULL;
    if (tp->tp_getattro != OuObject_GenericGetAttr || !OuStr_Check(name)) {
        *method = OuObject_GetAttr(o, name);
        return *method ? 0 : -1;
    }
    if (OU_UNLIKELY(!tp->tp_dict) && OuType_Ready(tp) < 0)
        return -1;
    OuObject *descr = OuType_Lookup(tp, name);
    int meth = 0;
    descrgetfunc f = NULL;
    if (descr) {
        OU_INCREF(descr);
        OuTypeObject *dt = OU_TYPE(descr);
        if (dt == &OuFunction_Type || dt == &OuMethodDescr_Type) {
            meth = 1;
        } else {
            f = dt->tp_descr_get;
            if (f && dt->tp_descr_set) {
                *method = f(descr, o, (OuObject *)tp);
                OU_DECREF(descr);
                return *method ? 0 : -1;
            }
        }
    }
    OuObject **dp = OuObject_DictPtr(o);
    if (dp && *dp) {
        OuObject *dict = *dp;
        OU_INCREF(dict);
        OuObject *v = OuDict_GetItemWithError(dict, name);
        OU_XINCREF(v);
        OU_DECREF(dict);
        if (v || OuErr_Occurred()) {
            OU_XDECREF(descr);
            *method = v;
            return v ? 0 : -1;
        }
    }
    if (meth) {
        *method = descr;
        return 1;
    }
    if (f) {
        *method = f(descr, o, (OuObject *)tp);
        OU_DECREF(descr);
        return *method ? 0 : -1;
    }
    if (descr) {
        *method = descr;
        return 0;
    }
    OuErr_NoAttribute(o, name);
    return -1;
}

int OuObject_GenericSetAttr(OuObject *o, OuObject *name, OuObject *value)
{
    OuTypeObject *tp = OU_TYPE(o);
    if (check_attr_name(name) < 0)
        return -1;
    if (OU_UNLIKELY(!tp->tp_dict) && OuType_Ready(tp) < 0)
        return -1;
    OuObject *descr = OuType_Lookup(tp, name);
    if (descr) {
        descrsetfunc f = OU_TYPE(descr)->tp_descr_set;
        if (f) {
            OU_INCREF(descr);
            int r = f(descr, o, value);
            OU_DECREF(descr);
            return r;
        }
    }
    OuObject **dp = OuObject_DictPtr(o);
    if (!dp) {
        if (!descr) {
            OuErr_NoAttribute(o, name);
            return -1;
        }
        OuErr_Format(OuExc_AttributeError, "'%s' object attribute '%U' is read-only", tp->tp_name, name);
        return -1;
    }
    if (!value) {
        if (!*dp) {
            OuErr_NoAttribute(o, name);
            return -1;
        }
        OuObject *old;
        int r = OuDict_Pop(*dp, name, &old);
        if (r < 0)
            return -1;
        if (r == 0) {
            OuErr_NoAttribute(o, name);
            return -1;
        }
        OU_DECREF(old);
        return 0;
    }
    if (!*dp && !(*dp = OuDict_New()))
        return -1;
    OuObject *dict = *dp;
    OU_INCREF(dict);
    int r = OuDict_SetItem(dict, name, value);
    OU_DECREF(dict);
    return r;
}

OuObject *OuObject_GenericNew(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    return type->tp_alloc(type, 0);
}

Ou_hash_t OuObject_HashNotImplemented(OuObject *o)
{
    OuErr_Format(OuExc_TypeError, "unhashable type: '%s'", OU_TYPE_NAME(o));
    return -1;
}

OuObject *OuObject_SelfIter(OuObject *o)
{
    return OU_NEWREF(o);
}

/* ------------------------------------------------------------------ */
/* object                                                               */

/* "Can't instantiate abstract class C with abstract method(s) ..." */
static OuObject *abstract_error(OuTypeObject *type)
{
    OuObject *am = OuDict_GetItemWithError(type->tp_dict, OU_ID(__abstractmethods__));
    if (!am) {
        if (!OuErr_Occurred())
            OuErr_SetObject(OuExc_AttributeError, OU_ID(__abstractmethods__));
        return NULL;
    }
    OuObject *sorted = OuSequence_List(am);
    if (!sorted)
        return NULL;
    if (OuList_Sort(sorted) < 0) {
        OU_DECREF(sorted);
        return NULL;
    }
    OuObject *sep = OuStr_FromUTF8(", ");
    OuObject *joined = sep ? OuStr_Join(sep, sorted) : NULL;
    OU_XDECREF(sep);
    Ou_ssize_t n = OU_LIST_LEN(sorted);
    OU_DECREF(sorted);
    if (!joined)
        return NULL;
    OuErr_Format(OuExc_TypeError, "Can't instantiate abstract class %s with abstract method%s %U",
                 type->tp_name, n > 1 ? "s" : "", joined);
    OU_DECREF(joined);
    return NULL;
}

static OuObject *object_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (nargs || nkwargs(kwnames)) {
        if (type->tp_new != object_new)
            return OuErr_Format(OuExc_TypeError,
                                "object.__new__() takes exactly one argument (the type to instantiate)");
        if (type->tp_init == object_init)
            return OuErr_Format(OuExc_TypeError, "%s() takes no arguments", type->tp_name);
    }
    if (type->tp_flags & OU_TPFLAGS_IS_ABSTRACT)
        return abstract_error(type);
    OuObject *o = type->tp_alloc(type, 0);
    if (o && (type->tp_flags & OU_TPFLAGS_HAVE_GC))
        OuObject_GC_Track(o);
    return o;
}

static int object_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (nargs || nkwargs(kwnames)) {
        OuTypeObject *type = OU_TYPE(self);
        if (type->tp_init != object_init) {
            OuErr_SetString(OuExc_TypeError,
                            "object.__init__() takes exactly one argument (the instance to initialize)");
            return -1;
        }
        if (type->tp_new == object_new) {
            OuErr_Format(OuExc_TypeError,
                         "%s.__init__() takes exactly one argument (the instance to initialize)",
                         type->tp_name);
            return -1;
        }
    }
    return 0;
}

static void object_dealloc(OuObject *o)
{
    OU_TYPE(o)->tp_free(o);
}

static OuObject *object_repr(OuObject *self)
{
    OuTypeObject *type = OU_TYPE(self);
    OuObject *mod = type_module(type);
    if (!mod)
        OuErr_Clear();
    else if (!OuStr_Check(mod) || OuStr_EqualToASCII(mod, "builtins"))
        OU_CLEAR(mod);
    OuObject *qn = OuType_GetQualName(type);
    if (!qn) {
        OU_XDECREF(mod);
        return NULL;
    }
    OuObject *r = mod ? OuStr_FromFormat("<%U.%U object at %p>", mod, qn, (void *)self)
                      : OuStr_FromFormat("<%U object at %p>", qn, (void *)self);
    OU_XDECREF(mod);
    OU_DECREF(qn);
    return r;
}

static OuObject *object_str(OuObject *self)
{
    return OuObject_Repr(self);
}

static Ou_hash_t object_hash(OuObject *self)
{
    uintptr_t p = (uintptr_t)self;
    Ou_hash_t h = (Ou_hash_t)((p >> 4) | (p << (8 * sizeof(uintptr_t) - 4)));
    return h == -1 ? -2 : h;
}

static OuObject *object_richcompare(OuObject *self, OuObject *other, int op)
{
    if (op == OU_EQ) {
        if (self == other)
            OU_RETURN_TRUE;
        OU_RETURN_NOTIMPLEMENTED;
    }
    if (op == OU_NE) {
        richcmpfunc rc = OU_TYPE(self)->tp_richcompare;
        if (!rc)
            OU_RETURN_NOTIMPLEMENTED;
        OuObject *r = rc(self, other, OU_EQ);
        if (!r || r == OU_NOTIMPLEMENTED)
            return r;
        int t = OuObject_IsTrue(r);
        OU_DECREF(r);
        if (t < 0)
            return NULL;
        return OuBool_FromLong(!t);
    }
    OU_RETURN_NOTIMPLEMENTED;
}

static OuObject *object_get_class(OuObject *self, void *c)
{
    return OU_NEWREF(OU_TYPE(self));
}

static OuTypeObject *solid_base(OuTypeObject *type);

static int compatible_for_assignment(OuTypeObject *a, OuTypeObject *b)
{
    return a->tp_basicsize == b->tp_basicsize && a->tp_itemsize == b->tp_itemsize &&
           a->tp_dictoffset == b->tp_dictoffset && a->tp_weaklistoffset == b->tp_weaklistoffset &&
           ((a->tp_flags ^ b->tp_flags) & OU_TPFLAGS_HAVE_GC) == 0 && solid_base(a) == solid_base(b);
}

static int object_set_class(OuObject *self, OuObject *value, void *c)
{
    if (!value) {
        OuErr_SetString(OuExc_TypeError, "can't delete __class__ attribute");
        return -1;
    }
    if (!OuType_Check(value)) {
        OuErr_Format(OuExc_TypeError, "__class__ must be set to a class, not '%s' object", OU_TYPE_NAME(value));
        return -1;
    }
    OuTypeObject *newto = (OuTypeObject *)value, *oldto = OU_TYPE(self);
    if (!(newto->tp_flags & OU_TPFLAGS_HEAPTYPE) || !(oldto->tp_flags & OU_TPFLAGS_HEAPTYPE)) {
        OuErr_SetString(OuExc_TypeError,
                        "__class__ assignment only supported for mutable types or ModuleType subclasses");
        return -1;
    }
    if (!compatible_for_assignment(newto, oldto)) {
        OuErr_Format(OuExc_TypeError, "__class__ assignment: '%s' object layout differs from '%s'",
                     newto->tp_name, oldto->tp_name);
        return -1;
    }
    OU_INCREF(newto);
    self->ob_type = newto;
    OU_DECREF(oldto);
    return 0;
}

static OuObject *object_init_subclass(OuObject *cls, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    const char *name = OuType_Check(cls) ? ((OuTypeObject *)cls)->tp_name : "object";
    if (nkwargs(kwnames))
        return OuErr_Format(OuExc_TypeError, "%s.__init_subclass__() takes no keyword arguments", name);
    if (nargs)
        return OuErr_Format(OuExc_TypeError, "%s.__init_subclass__() takes no arguments (%zd given)", name, nargs);
    OU_RETURN_NONE;
}

static OuObject *object_subclasshook(OuObject *cls, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    OU_RETURN_NOTIMPLEMENTED;
}

static OuObject *object_format(OuObject *self, OuObject *spec)
{
    if (!OuStr_Check(spec))
        return OuErr_Format(OuExc_TypeError, "__format__() argument must be str, not %s", OU_TYPE_NAME(spec));
    if (OU_STR_LEN(spec) > 0)
        return OuErr_Format(OuExc_TypeError, "unsupported format string passed to %s.__format__",
                            OU_TYPE_NAME(self));
    return OuObject_Str(self);
}

static OuObject *object_sizeof(OuObject *self, OuObject *unused)
{
    OuTypeObject *tp = OU_TYPE(self);
    Ou_ssize_t size = tp->tp_basicsize;
    if (tp->tp_itemsize) {
        Ou_ssize_t n = OU_SIZE(self);
        size += (n < 0 ? -n : n) * tp->tp_itemsize;
    }
    return OuInt_FromSsize_t(size);
}

/* Add the attribute names of cls and its bases into dict (keys only matter). */
static int merge_class_dict(OuObject *dict, OuObject *cls, int depth)
{
    if (depth > 100)
        return 0;
    if (OuType_Check(cls)) {
        OuTypeObject *t = (OuTypeObject *)cls;
        if (t->tp_dict && OuDict_Update(dict, t->tp_dict) < 0)
            return -1;
        if (t->tp_bases)
            for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(t->tp_bases); i++)
                if (merge_class_dict(dict, OU_TUPLE_GET(t->tp_bases, i), depth + 1) < 0)
                    return -1;
        return 0;
    }
    OuObject *cd;
    if (OuObject_LookupAttr(cls, OU_ID(__dict__), &cd) < 0)
        return -1;
    if (cd) {
        int r = OuDict_Update(dict, cd);
        OU_DECREF(cd);
        if (r < 0)
            return -1;
    }
    OuObject *bases;
    if (OuObject_LookupAttr(cls, OU_ID(__bases__), &bases) < 0)
        return -1;
    if (bases) {
        if (OuTuple_Check(bases))
            for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(bases); i++)
                if (merge_class_dict(dict, OU_TUPLE_GET(bases, i), depth + 1) < 0) {
                    OU_DECREF(bases);
                    return -1;
                }
        OU_DECREF(bases);
    }
    return 0;
}

static OuObject *object_dir(OuObject *self, OuObject *unused)
{
    OuObject *dict = NULL, *idict, *cls = NULL, *res = NULL;
    if (OuObject_LookupAttr(self, OU_ID(__dict__), &idict) < 0)
        return NULL;
    if (idict && OuDict_Check(idict))
        dict = OuDict_Copy(idict);
    else
        dict = OuDict_New();
    OU_XDECREF(idict);
    if (!dict)
        return NULL;
    if (OuObject_LookupAttr(self, OU_ID(__class__), &cls) < 0)
        goto done;
    if (cls && merge_class_dict(dict, cls, 0) < 0)
        goto done;
    res = OuDict_Keys(dict);
done:
    OU_XDECREF(cls);
    OU_DECREF(dict);
    return res;
}

/* object.__getstate__(): the instance dict (None if empty) plus the
   values of __slots__ as (dict, slots_dict). */
static OuObject *object_getstate(OuObject *self, OuObject *unused)
{
    OuObject *state = NULL, *slots = NULL;
    OuObject **dp = OuObject_DictPtr(self);
    if (dp && *dp && OuDict_Check(*dp) && OuObject_Length(*dp) > 0)
        state = OuDict_Copy(*dp);
    else
        state = OU_NEWREF(OU_NONE);
    if (!state)
        return NULL;
    OuObject *mro = OU_TYPE(self)->tp_mro;
    for (Ou_ssize_t i = 0; mro && i < OU_TUPLE_LEN(mro); i++) {
        OuTypeObject *t = (OuTypeObject *)OU_TUPLE_GET(mro, i);
        if (!(t->tp_flags & OU_TPFLAGS_HEAPTYPE) || !t->tp_slots)
            continue;
        for (Ou_ssize_t j = 0; j < OU_TUPLE_LEN(t->tp_slots); j++) {
            OuObject *name = OU_TUPLE_GET(t->tp_slots, j), *v;
            if (OuObject_LookupAttr(self, name, &v) < 0)
                goto fail;
            if (!v)
                continue;
            if (!slots && !(slots = OuDict_New())) {
                OU_DECREF(v);
                goto fail;
            }
            int r = OuDict_SetItem(slots, name, v);
            OU_DECREF(v);
            if (r < 0)
                goto fail;
        }
    }
    if (slots) {
        OuObject *t = OuTuple_Pack(2, state, slots);
        OU_DECREF(state);
        OU_DECREF(slots);
        return t;
    }
    return state;
fail:
    OU_XDECREF(slots);
    OU_DECREF(state);
    return NULL;
}

static OuObject *copyreg_attr(const char *name)
{
    OuObject *mod = OuImport_ImportModule("copyreg");
    if (!mod)
        return NULL;
    OuObject *r = OuObject_GetAttrString(mod, name);
    OU_DECREF(mod);
    return r;
}

/* (copyreg.__newobj__, (cls, *args), state, listitems, dictitems) */
static OuObject *reduce_newobj(OuObject *self)
{
    OuObject *args = NULL, *kwargs = NULL, *newobj = NULL, *newargs = NULL, *state = NULL;
    OuObject *li = NULL, *di = NULL, *res = NULL, *f;
    OuTypeObject *cls = OU_TYPE(self);
    if (OuObject_LookupAttr(self, OuStr_InternFromString("__getnewargs_ex__"), &f) < 0)
        return NULL;
    if (f) {
        OuObject *r = OuObject_CallNoArgs(f);
        OU_DECREF(f);
        if (!r)
            return NULL;
        if (!OuTuple_Check(r) || OU_TUPLE_LEN(r) != 2) {
            OU_DECREF(r);
            return OuErr_Format(OuExc_TypeError, "__getnewargs_ex__ should return a tuple of length 2");
        }
        args = OU_NEWREF(OU_TUPLE_GET(r, 0));
        kwargs = OU_NEWREF(OU_TUPLE_GET(r, 1));
        OU_DECREF(r);
    } else {
        if (OuObject_LookupAttr(self, OuStr_InternFromString("__getnewargs__"), &f) < 0)
            return NULL;
        if (f) {
            args = OuObject_CallNoArgs(f);
            OU_DECREF(f);
            if (!args)
                return NULL;
            if (!OuTuple_Check(args)) {
                OuErr_Format(OuExc_TypeError, "__getnewargs__ should return a tuple, not '%s'", OU_TYPE_NAME(args));
                goto done;
            }
        } else {
            args = OuTuple_New(0);
            if (!args)
                return NULL;
        }
    }
    if (!OuTuple_Check(args)) {
        OuErr_SetString(OuExc_TypeError, "first item of the tuple returned by __getnewargs_ex__ must be a tuple");
        goto done;
    }
    if (!kwargs || (OuDict_Check(kwargs) && OuObject_Length(kwargs) == 0)) {
        newobj = copyreg_attr("__newobj__");
        if (!newobj)
            goto done;
        Ou_ssize_t n = OU_TUPLE_LEN(args);
        newargs = OuTuple_New(n + 1);
        if (!newargs)
            goto done;
        OU_TUPLE_SET(newargs, 0, OU_NEWREF(cls));
        for (Ou_ssize_t i = 0; i < n; i++)
            OU_TUPLE_SET(newargs, i + 1, OU_NEWREF(OU_TUPLE_GET(args, i)));
    } else {
        newobj = copyreg_attr("__newobj_ex__");
        if (!newobj)
            goto done;
        newargs = OuTuple_Pack(3, cls, args, kwargs);
        if (!newargs)
            goto done;
    }
    state = OuObject_CallMethodStr(self, "__getstate__", NULL, 0);
    if (!state)
        goto done;
    if (OuList_Check(self))
        li = OuObject_GetIter(self);
    else
        li = OU_NEWREF(OU_NONE);
    if (!li)
        goto done;
    if (OuDict_Check(self)) {
        OuObject *items = OuObject_CallMethod(self, OU_ID(items), NULL, 0);
        di = items ? OuObject_GetIter(items) : NULL;
        OU_XDECREF(items);
    } else {
        di = OU_NEWREF(OU_NONE);
    }
    if (!di)
        goto done;
    res = OuTuple_Pack(5, newobj, newargs, state, li, di);
done:
    OU_XDECREF(args);
    OU_XDECREF(kwargs);
    OU_XDECREF(newobj);
    OU_XDECREF(newargs);
    OU_XDECREF(state);
    OU_XDECREF(li);
    OU_XDECREF(di);
    return res;
}

static OuObject *reduce_impl(OuObject *self, long proto)
{
    if (proto >= 2)
        return reduce_newobj(self);
    OuObject *f = copyreg_attr("_reduce_ex");
    if (!f)
        return NULL;
    OuObject *p = OuInt_FromLong(proto);
    OuObject *r = p ? OuObject_CallFunctionObjArgs(f, self, p, NULL) : NULL;
    OU_XDECREF(p);
    OU_DECREF(f);
    return r;
}

static OuObject *object_reduce(OuObject *self, OuObject *unused)
{
    return reduce_impl(self, 0);
}

static OuObject *object_reduce_ex(OuObject *self, OuObject *proto)
{
    long p = OuInt_AsLong(proto);
    if (p == -1 && OuErr_Occurred())
        return NULL;
    OuObject *mine = OuDict_GetItemWithError(OuBaseObject_Type.tp_dict, OU_ID(__reduce__));
    OuObject *theirs = OuType_Lookup(OU_TYPE(self), OU_ID(__reduce__));
    if (theirs && theirs != mine)
        return OuObject_CallMethod(self, OU_ID(__reduce__), NULL, 0);
    return reduce_impl(self, p);
}

static OuMethodDef object_methods[] = {
    {"__reduce_ex__", (void *)object_reduce_ex, OU_METH_O, "Helper for pickle."},
    {"__reduce__", (void *)object_reduce, OU_METH_NOARGS, "Helper for pickle."},
    {"__getstate__", (void *)object_getstate, OU_METH_NOARGS, "Helper for pickle."},
    {"__subclasshook__", (void *)object_subclasshook, OU_METH_CLASS | OU_METH_FAST,
     "Abstract classes can override this to customize issubclass()."},
    {"__init_subclass__", (void *)object_init_subclass, OU_METH_CLASS | OU_METH_FAST,
     "This method is called when a class is subclassed."},
    {"__format__", (void *)object_format, OU_METH_O, "Default object formatter."},
    {"__sizeof__", (void *)object_sizeof, OU_METH_NOARGS, "Size of object in memory, in bytes."},
    {"__dir__", (void *)object_dir, OU_METH_NOARGS, "Default dir() implementation."},
    {NULL, NULL, 0, NULL}
};

static OuGetSetDef object_getset[] = {
    {"__class__", object_get_class, object_set_class, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

OuTypeObject OuBaseObject_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "object",
    .tp_basicsize = sizeof(OuObject),
    .tp_flags = OU_TPFLAGS_BASETYPE,
    .tp_doc = "The base class of the class hierarchy.\n\n"
              "When called, it accepts no arguments and returns a new featureless\n"
              "instance that has no instance attributes and cannot be given any.\n",
    .tp_dealloc = object_dealloc,
    .tp_alloc = OuType_GenericAlloc,
    .tp_new = object_new,
    .tp_init = object_init,
    .tp_free = OuObject_Free,
    .tp_repr = object_repr,
    .tp_str = object_str,
    .tp_hash = object_hash,
    .tp_getattro = OuObject_GenericGetAttr,
    .tp_setattro = OuObject_GenericSetAttr,
    .tp_richcompare = object_richcompare,
    .tp_methods = object_methods,
    .tp_getset = object_getset,
};

/* ------------------------------------------------------------------ */
/* Instances of classes made in Python                                  */

static void clear_slots(OuTypeObject *type, OuObject *o)
{
    OuMemberDef *m = ((OuHeapTypeObject *)type)->ht_members;
    for (; m && m->name; m++) {
        OuObject **p = (OuObject **)((char *)o + m->offset);
        OU_CLEAR(*p);
    }
}

static void subtype_dealloc(OuObject *o)
{
    OuTypeObject *type = OU_TYPE(o);
    if (type->tp_flags & OU_TPFLAGS_HAVE_GC)
        OuObject_GC_UnTrack(o);
    if (type->tp_finalize) {
        o->ob_refcnt = 1;
        type->tp_finalize(o);
        if (--o->ob_refcnt != 0) {
            if (OU_TYPE(o)->tp_flags & OU_TPFLAGS_HAVE_GC)
                OuObject_GC_Track(o);
            return;     /* resurrected */
        }
        type = OU_TYPE(o);
    }
    OuTypeObject *base = type;
    while (base->tp_flags & OU_TPFLAGS_HEAPTYPE) {
        clear_slots(base, o);
        base = base->tp_base;
    }
    if (type->tp_dictoffset && !base->tp_dictoffset) {
        OuObject **dp = OuObject_DictPtr(o);
        OU_CLEAR(*dp);
    }
    if (type->tp_weaklistoffset && !base->tp_weaklistoffset) {
        /* weak references: the weakref module clears its list through
           its own hook; drop the pointer so nothing dangles here */
        OuObject **wp = (OuObject **)((char *)o + type->tp_weaklistoffset);
        *wp = NULL;
    }
    base->tp_dealloc(o);
    OU_DECREF(type);
}

static int subtype_traverse(OuObject *o, visitproc visit, void *arg)
{
    OuTypeObject *type = OU_TYPE(o), *base = type;
    while (base->tp_flags & OU_TPFLAGS_HEAPTYPE) {
        OuMemberDef *m = ((OuHeapTypeObject *)base)->ht_members;
        for (; m && m->name; m++)
            OU_VISIT(*(OuObject **)((char *)o + m->offset));
        base = base->tp_base;
    }
    if (type->tp_dictoffset && !base->tp_dictoffset)
        OU_VISIT(*OuObject_DictPtr(o));
    OU_VISIT(type);
    if (base->tp_traverse)
        return base->tp_traverse(o, visit, arg);
    return 0;
}

static int subtype_clear(OuObject *o)
{
    OuTypeObject *type = OU_TYPE(o), *base = type;
    while (base->tp_flags & OU_TPFLAGS_HEAPTYPE) {
        clear_slots(base, o);
        base = base->tp_base;
    }
    if (type->tp_dictoffset && !base->tp_dictoffset) {
        OuObject **dp = OuObject_DictPtr(o);
        OU_CLEAR(*dp);
    }
    if (base->tp_clear)
        return base->tp_clear(o);
    return 0;
}

static OuObject *subtype_get_dict(OuObject *o, void *c)
{
    OuObject **dp = OuObject_DictPtr(o);
    if (!dp)
        return OuErr_Format(OuExc_AttributeError, "This object has no __dict__");
    if (!*dp && !(*dp = OuDict_New()))
        return NULL;
    return OU_NEWREF(*dp);
}

static int subtype_set_dict(OuObject *o, OuObject *value, void *c)
{
    OuObject **dp = OuObject_DictPtr(o);
    if (!dp) {
        OuErr_SetString(OuExc_AttributeError, "This object has no __dict__");
        return -1;
    }
    if (value && !OuDict_Check(value)) {
        OuErr_Format(OuExc_TypeError, "__dict__ must be set to a dictionary, not a '%s'", OU_TYPE_NAME(value));
        return -1;
    }
    OU_XINCREF(value);
    OU_XSETREF(*dp, value);
    return 0;
}

static OuObject *subtype_get_weakref(OuObject *o, void *c)
{
    Ou_ssize_t off = OU_TYPE(o)->tp_weaklistoffset;
    OuObject *w = off ? *(OuObject **)((char *)o + off) : NULL;
    return OU_NEWREF(w ? w : OU_NONE);
}

static OuGetSetDef subtype_dict_getset = {
    "__dict__", subtype_get_dict, subtype_set_dict, "dictionary for instance variables (if defined)", NULL
};
static OuGetSetDef subtype_weakref_getset = {
    "__weakref__", subtype_get_weakref, NULL, "list of weak references to the object (if defined)", NULL
};

/* ------------------------------------------------------------------ */
/* MRO, layout and metaclass                                            */

static int tuple_contains_ptr(OuObject *t, OuObject *x, Ou_ssize_t from)
{
    for (Ou_ssize_t i = from; i < OU_TUPLE_LEN(t); i++)
        if (OU_TUPLE_GET(t, i) == x)
            return 1;
    return 0;
}

static OuObject *mro_error(OuObject **seqs, Ou_ssize_t *idx, Ou_ssize_t nseq)
{
    OuObject *names = OuList_New(0);
    if (!names)
        return NULL;
    for (Ou_ssize_t i = 0; i < nseq; i++) {
        if (idx[i] >= OU_TUPLE_LEN(seqs[i]))
            continue;
        OuObject *head = OU_TUPLE_GET(seqs[i], idx[i]);
        int dup = 0;
        for (Ou_ssize_t j = 0; j < i; j++)
            if (idx[j] < OU_TUPLE_LEN(seqs[j]) && OU_TUPLE_GET(seqs[j], idx[j]) == head)
                dup = 1;
        if (dup)
            continue;
        OuObject *n = OuType_GetName((OuTypeObject *)head);
        if (!n || OuList_Append(names, n) < 0) {
            OU_XDECREF(n);
            OU_DECREF(names);
            return NULL;
        }
        OU_DECREF(n);
    }
    OuObject *sep = OuStr_FromUTF8(", ");
    OuObject *joined = sep ? OuStr_Join(sep, names) : NULL;
    OU_XDECREF(sep);
    OU_DECREF(names);
    if (!joined)
        return NULL;
    OuErr_Format(OuExc_TypeError, "Cannot create a consistent method resolution\norder (MRO) for bases %U",
                 joined);
    OU_DECREF(joined);
    return NULL;
}

/* The C3 linearisation of type (bases from tp_bases), as a new tuple. */
static OuObject *mro_c3(OuTypeObject *type)
{
    OuObject *bases = type->tp_bases;
    Ou_ssize_t nb = bases ? OU_TUPLE_LEN(bases) : 0;
    if (nb == 0)
        return OuTuple_Pack(1, type);
    if (nb == 1) {
        OuObject *bm = ((OuTypeObject *)OU_TUPLE_GET(bases, 0))->tp_mro;
        if (!bm)
            return OuErr_Format(OuExc_TypeError, "base class is not ready");
        Ou_ssize_t n = OU_TUPLE_LEN(bm);
        OuObject *r = OuTuple_New(n + 1);
        if (!r)
            return NULL;
        OU_TUPLE_SET(r, 0, OU_NEWREF(type));
        for (Ou_ssize_t i = 0; i < n; i++)
            OU_TUPLE_SET(r, i + 1, OU_NEWREF(OU_TUPLE_GET(bm, i)));
        return r;
    }
    for (Ou_ssize_t i = 0; i < nb; i++)
        for (Ou_ssize_t j = i + 1; j < nb; j++)
            if (OU_TUPLE_GET(bases, i) == OU_TUPLE_GET(bases, j)) {
                OuObject *n = OuType_GetName((OuTypeObject *)OU_TUPLE_GET(bases, i));
                if (n) {
                    OuErr_Format(OuExc_TypeError, "duplicate base class %U", n);
                    OU_DECREF(n);
                }
                return NULL;
            }
    Ou_ssize_t nseq = nb + 1;
    OuObject **seqs = Ou_Malloc(sizeof(OuObject *) * (size_t)nseq);
    Ou_ssize_t *idx = Ou_Malloc(sizeof(Ou_ssize_t) * (size_t)nseq);
    OuObject *result = OuList_New(0);
    if (!seqs || !idx || !result) {
        Ou_Free(seqs);
        Ou_Free(idx);
        OU_XDECREF(result);
        return OuErr_NoMemory();
    }
    for (Ou_ssize_t i = 0; i < nb; i++) {
        seqs[i] = ((OuTypeObject *)OU_TUPLE_GET(bases, i))->tp_mro;
        idx[i] = 0;
    }
    seqs[nb] = bases;
    idx[nb] = 0;
    if (OuList_Append(result, (OuObject *)type) < 0)
        goto fail;
    for (;;) {
        int remaining = 0;
        OuObject *cand = NULL;
        for (Ou_ssize_t i = 0; i < nseq; i++) {
            if (!seqs[i] || idx[i] >= OU_TUPLE_LEN(seqs[i]))
                continue;
            remaining = 1;
            OuObject *c = OU_TUPLE_GET(seqs[i], idx[i]);
            int in_tail = 0;
            for (Ou_ssize_t j = 0; j < nseq && !in_tail; j++)
                if (seqs[j] && tuple_contains_ptr(seqs[j], c, idx[j] + 1))
                    in_tail = 1;
            if (!in_tail) {
                cand = c;
                break;
            }
        }
        if (!remaining)
            break;
        if (!cand) {
            mro_error(seqs, idx, nseq);
            goto fail;
        }
        if (OuList_Append(result, cand) < 0)
            goto fail;
        for (Ou_ssize_t i = 0; i < nseq; i++)
            if (seqs[i] && idx[i] < OU_TUPLE_LEN(seqs[i]) && OU_TUPLE_GET(seqs[i], idx[i]) == cand)
                idx[i]++;
    }
    Ou_Free(seqs);
    Ou_Free(idx);
    OuObject *t = OuList_AsTuple(result);
    OU_DECREF(result);
    return t;
fail:
    Ou_Free(seqs);
    Ou_Free(idx);
    OU_DECREF(result);
    return NULL;
}

/* Run type(type).mro() when a metaclass overrides it, else C3. */
static OuObject *compute_mro(OuTypeObject *type)
{
    OuTypeObject *meta = OU_TYPE(type);
    if (meta != &OuType_Type) {
        OuObject *m = OuType_Lookup(meta, OU_ID(mro));
        OuObject *mine = OuDict_GetItemWithError(OuType_Type.tp_dict, OU_ID(mro));
        if (m && m != mine) {
            OuObject *r = OuObject_CallMethod((OuObject *)type, OU_ID(mro), NULL, 0);
            if (!r)
                return NULL;
            OuObject *t = OuSequence_Tuple(r);
            OU_DECREF(r);
            if (!t)
                return NULL;
            for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(t); i++)
                if (!OuType_Check(OU_TUPLE_GET(t, i))) {
                    OuErr_Format(OuExc_TypeError, "mro() returned a non-class ('%s')",
                                 OU_TYPE_NAME(OU_TUPLE_GET(t, i)));
                    OU_DECREF(t);
                    return NULL;
                }
            return t;
        }
    }
    return mro_c3(type);
}

static int extra_ivars(OuTypeObject *type, OuTypeObject *base)
{
    if (type->tp_flags & OU_TPFLAGS_HEAPTYPE)
        return ((OuHeapTypeObject *)type)->ht_nslots > 0;
    return type->tp_basicsize != base->tp_basicsize || type->tp_itemsize != base->tp_itemsize;
}

static OuTypeObject *solid_base(OuTypeObject *type)
{
    OuTypeObject *base = type->tp_base ? solid_base(type->tp_base) : &OuBaseObject_Type;
    return extra_ivars(type, base) ? type : base;
}

/* The base whose layout the new class extends; NULL + TypeError. */
static OuTypeObject *best_base(OuObject *bases)
{
    OuTypeObject *base = NULL, *winner = NULL;
    for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(bases); i++) {
        OuObject *b = OU_TUPLE_GET(bases, i);
        if (!OuType_Check(b)) {
            OuErr_SetString(OuExc_TypeError, "bases must be types");
            return NULL;
        }
        OuTypeObject *bt = (OuTypeObject *)b;
        if (!bt->tp_dict && OuType_Ready(bt) < 0)
            return NULL;
        if (!(bt->tp_flags & OU_TPFLAGS_BASETYPE)) {
            OuErr_Format(OuExc_TypeError, "type '%s' is not an acceptable base type", bt->tp_name);
            return NULL;
        }
        OuTypeObject *cand = solid_base(bt);
        if (!winner) {
            winner = cand;
            base = bt;
        } else if (OuType_IsSubtype(winner, cand)) {
            /* keep */
        } else if (OuType_IsSubtype(cand, winner)) {
            winner = cand;
            base = bt;
        } else {
            OuErr_SetString(OuExc_TypeError, "multiple bases have instance lay-out conflict");
            return NULL;
        }
    }
    return base;
}

OuTypeObject *OuType_CalculateMetaclass(OuTypeObject *meta, OuObject *bases)
{
    OuTypeObject *winner = meta;
    for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(bases); i++) {
        OuTypeObject *t = OU_TYPE(OU_TUPLE_GET(bases, i));
        if (OuType_IsSubtype(winner, t))
            continue;
        if (OuType_IsSubtype(t, winner)) {
            winner = t;
            continue;
        }
        OuErr_SetString(OuExc_TypeError,
                        "metaclass conflict: the metaclass of a derived class must be a (non-strict) "
                        "subclass of the metaclasses of all its bases");
        return NULL;
    }
    return winner;
}

/* ------------------------------------------------------------------ */
/* Slot inheritance                                                     */

#define OFF(f) ((Ou_ssize_t)offsetof(OuTypeObject, f))
#define SLOT_PTR(t, off) ((void **)((char *)(t) + (off)))

/* Fill the NULL slots of a static type from base (CPython's rules). */
static void inherit_static(OuTypeObject *type, OuTypeObject *base)
{
    if (!(type->tp_flags & OU_TPFLAGS_HAVE_GC) && (base->tp_flags & OU_TPFLAGS_HAVE_GC) &&
        !type->tp_traverse && !type->tp_clear) {
        type->tp_flags |= OU_TPFLAGS_HAVE_GC;
        type->tp_traverse = base->tp_traverse;
        type->tp_clear = base->tp_clear;
    }
    type->tp_flags |= base->tp_flags & SUBCLASS_FLAGS;
    if (!(type->tp_flags & (OU_TPFLAGS_SEQUENCE | OU_TPFLAGS_MAPPING)))
        type->tp_flags |= base->tp_flags & (OU_TPFLAGS_SEQUENCE | OU_TPFLAGS_MAPPING);
    if (!type->tp_basicsize)
        type->tp_basicsize = base->tp_basicsize;
    if (!type->tp_itemsize)
        type->tp_itemsize = base->tp_itemsize;
    if (!type->tp_dictoffset)
        type->tp_dictoffset = base->tp_dictoffset;
    if (!type->tp_weaklistoffset)
        type->tp_weaklistoffset = base->tp_weaklistoffset;
    int inherit_cmp = !type->tp_richcompare && !type->tp_hash;
    for (Ou_ssize_t off = OFF(tp_dealloc); off < OFF(tp_methods); off += PTRSIZE) {
        if (*SLOT_PTR(type, off) || !*SLOT_PTR(base, off))
            continue;
        if (off == OFF(tp_hash) || off == OFF(tp_richcompare)) {
            if (!inherit_cmp)
                continue;
        } else if (off == OFF(tp_traverse) || off == OFF(tp_clear)) {
            continue;   /* handled with the GC flag above */
        } else if (off == OFF(tp_new)) {
            /* a static type deriving straight from object without a
               tp_new cannot be instantiated from Python */
            if (base == &OuBaseObject_Type) {
                type->tp_flags |= OU_TPFLAGS_DISALLOW_INSTANTIATION;
                continue;
            }
        }
        *SLOT_PTR(type, off) = *SLOT_PTR(base, off);
    }
}

/* ------------------------------------------------------------------ */
/* OuType_Ready                                                         */

static int add_table_entries(OuTypeObject *type)
{
    OuObject *dict = type->tp_dict;
    for (OuMethodDef *m = type->tp_methods; m && m->ml_name; m++) {
        OuObject *d = OuDescr_NewMethod(type, m);
        if (!d || OuDict_SetItemString(dict, m->ml_name, d) < 0) {
            OU_XDECREF(d);
            return -1;
        }
        OU_DECREF(d);
    }
    for (OuMemberDef *m = type->tp_members; m && m->name; m++) {
        OuObject *d = OuDescr_NewMember(type, m);
        if (!d || OuDict_SetItemString(dict, m->name, d) < 0) {
            OU_XDECREF(d);
            return -1;
        }
        OU_DECREF(d);
    }
    for (OuGetSetDef *g = type->tp_getset; g && g->name; g++) {
        OuObject *d = OuDescr_NewGetSet(type, g);
        if (!d || OuDict_SetItemString(dict, g->name, d) < 0) {
            OU_XDECREF(d);
            return -1;
        }
        OU_DECREF(d);
    }
    return 0;
}

/* The types that readying itself allocates (dicts, tuples, strs,
   descriptors) get their allocator before anything is readied. */
static void bootstrap_allocators(void)
{
    static int done;
    static OuTypeObject *const core[] = {
        &OuDict_Type, &OuTuple_Type, &OuList_Type, &OuStr_Type, &OuInt_Type, &OuWrapperDescr_Type,
        &OuMethodDescr_Type, &OuClassMethodDescr_Type, &OuMemberDescr_Type, &OuGetSetDescr_Type,
        &OuCFunction_Type, &OuStaticMethod_Type, &OuClassMethod_Type, &OuBaseObject_Type, &OuType_Type,
    };
    if (done)
        return;
    done = 1;
    for (size_t i = 0; i < sizeof(core) / sizeof(core[0]); i++) {
        if (!core[i]->tp_alloc)
            core[i]->tp_alloc = OuType_GenericAlloc;
        if (!core[i]->tp_free)
            core[i]->tp_free = OuObject_Free;
    }
}

int OuType_Ready(OuTypeObject *type)
{
    if (type->tp_flags & (OU_TPFLAGS_READY | OU_TPFLAGS_READYING))
        return 0;
    bootstrap_allocators();
    /* str is readied before the interned names exist (start-up order) */
    if (!OU_ID(__doc__) && OuNames_Init() < 0)
        return -1;
    if (OuTypeSlots_Init() < 0)
        return -1;
    type->tp_flags |= OU_TPFLAGS_READYING;
    if (!type->ob_base.ob_base.ob_type)
        type->ob_base.ob_base.ob_type = &OuType_Type;
    OuTypeObject *base = type->tp_base;
    if (!base && type != &OuBaseObject_Type)
        base = type->tp_base = &OuBaseObject_Type;
    if (base && !(base->tp_flags & OU_TPFLAGS_READY) && OuType_Ready(base) < 0)
        goto fail;
    if (!type->tp_bases) {
        type->tp_bases = base ? OuTuple_Pack(1, base) : OuTuple_New(0);
        if (!type->tp_bases)
            goto fail;
    }
    for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(type->tp_bases); i++) {
        OuTypeObject *b = (OuTypeObject *)OU_TUPLE_GET(type->tp_bases, i);
        if (!(b->tp_flags & OU_TPFLAGS_READY) && OuType_Ready(b) < 0)
            goto fail;
    }
    if (!type->tp_dict && !(type->tp_dict = OuDict_New()))
        goto fail;
    if (OuTypeSlots_AddWrappers(type) < 0 || add_table_entries(type) < 0)
        goto fail;
    {
        int has = OuDict_Contains(type->tp_dict, OU_ID(__doc__));
        if (has < 0)
            goto fail;
        if (!has) {
            OuObject *doc = type->tp_doc ? OuStr_FromUTF8(type->tp_doc) : OU_NEWREF(OU_NONE);
            if (!doc)
                goto fail;
            int r = OuDict_SetItem(type->tp_dict, OU_ID(__doc__), doc);
            OU_DECREF(doc);
            if (r < 0)
                goto fail;
        }
    }
    if (!type->tp_mro && !(type->tp_mro = mro_c3(type)))
        goto fail;
    for (Ou_ssize_t i = 1; i < OU_TUPLE_LEN(type->tp_mro); i++)
        inherit_static(type, (OuTypeObject *)OU_TUPLE_GET(type->tp_mro, i));
    if (!type->tp_alloc)
        type->tp_alloc = OuType_GenericAlloc;
    if (!type->tp_free)
        type->tp_free = OuObject_Free;
    if (!type->tp_hash) {
        int has = OuDict_Contains(type->tp_dict, OU_ID(__hash__));
        if (has < 0 || (!has && OuDict_SetItem(type->tp_dict, OU_ID(__hash__), OU_NONE) < 0))
            goto fail;
        type->tp_hash = OuObject_HashNotImplemented;
    }
    for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(type->tp_bases); i++)
        if (add_subclass((OuTypeObject *)OU_TUPLE_GET(type->tp_bases, i), type) < 0)
            goto fail;
    type->tp_version_tag = new_version_tag();
    type->tp_flags = (type->tp_flags & ~OU_TPFLAGS_READYING) | OU_TPFLAGS_READY;
    return 0;
fail:
    type->tp_flags &= ~OU_TPFLAGS_READYING;
    return -1;
}

/* ------------------------------------------------------------------ */
/* type(name, bases, ns)                                                */

static char *utf8_dup(OuObject *s)
{
    Ou_ssize_t n;
    const char *u = OuStr_AsUTF8AndSize(s, &n);
    if (!u)
        return NULL;
    if ((Ou_ssize_t)strlen(u) != n) {
        OuErr_SetString(OuExc_ValueError, "type name must not contain null characters");
        return NULL;
    }
    char *r = Ou_Malloc((size_t)n + 1);
    if (!r) {
        OuErr_NoMemory();
        return NULL;
    }
    memcpy(r, u, (size_t)n + 1);
    return r;
}

/* _Class__name for a private slot name. New ref. */
static OuObject *mangle(OuObject *clsname, OuObject *name)
{
    Ou_ssize_t n = OU_STR_LEN(name);
    if (n < 3 || OU_STR_CHAR(name, 0) != '_' || OU_STR_CHAR(name, 1) != '_' ||
        (OU_STR_CHAR(name, n - 1) == '_' && OU_STR_CHAR(name, n - 2) == '_'))
        return OU_NEWREF(name);
    for (Ou_ssize_t i = 0; i < n; i++)
        if (OU_STR_CHAR(name, i) == '.')
            return OU_NEWREF(name);
    Ou_ssize_t cn = OU_STR_LEN(clsname), k = 0;
    while (k < cn && OU_STR_CHAR(clsname, k) == '_')
        k++;
    if (k == cn)
        return OU_NEWREF(name);
    OuObject *stripped = OuStr_Substring(clsname, k, cn);
    if (!stripped)
        return NULL;
    OuObject *r = OuStr_FromFormat("_%U%U", stripped, name);
    OU_DECREF(stripped);
    return r;
}

typedef struct {
    OuObject *slots;      /* sorted tuple of mangled names, or NULL */
    Ou_ssize_t nslots;
    int add_dict, add_weak;
} SlotsInfo;

/* Parse __slots__ from dict. */
static int parse_slots(SlotsInfo *si, OuObject *name, OuObject *bases, OuTypeObject *base, OuObject *dict)
{
    int may_dict = base->tp_dictoffset == 0 && !(base->tp_flags & OU_TPFLAGS_TYPE_SUBCLASS);
    int may_weak = base->tp_weaklistoffset == 0 && base->tp_itemsize == 0 &&
                   !(base->tp_flags & OU_TPFLAGS_TYPE_SUBCLASS);
    memset(si, 0, sizeof(*si));
    OuObject *raw = OuDict_GetItemWithError(dict, OU_ID(__slots__));
    if (!raw) {
        if (OuErr_Occurred())
            return -1;
        si->add_dict = may_dict;
        si->add_weak = may_weak;
        return 0;
    }
    OuObject *seq = OuStr_Check(raw) ? OuTuple_Pack(1, raw) : OuSequence_Tuple(raw);
    if (!seq)
        return -1;
    OuObject *names = OuList_New(0);
    if (!names)
        goto fail;
    for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(seq); i++) {
        OuObject *s = OU_TUPLE_GET(seq, i);
        if (!OuStr_Check(s)) {
            OuErr_Format(OuExc_TypeError, "__slots__ items must be strings, not '%s'", OU_TYPE_NAME(s));
            goto fail;
        }
        if (!OuStr_IsIdentifier(s)) {
            OuErr_SetString(OuExc_TypeError, "__slots__ must be identifiers");
            goto fail;
        }
        if (OuStr_EqualToASCII(s, "__dict__")) {
            if (!may_dict || si->add_dict) {
                OuErr_SetString(OuExc_TypeError, "__dict__ slot disallowed: we already got one");
                goto fail;
            }
            si->add_dict = 1;
            continue;
        }
        if (OuStr_EqualToASCII(s, "__weakref__")) {
            if (!may_weak || si->add_weak) {
                OuErr_SetString(OuExc_TypeError, "__weakref__ slot disallowed: either we already got one, "
                                                 "or the base type has a nonzero tp_itemsize");
                goto fail;
            }
            si->add_weak = 1;
            continue;
        }
        OuObject *m = mangle(name, s);
        if (!m)
            goto fail;
        OuStr_InternInPlace(&m);
        int in_dict = OuDict_Contains(dict, m);
        if (in_dict) {
            if (in_dict > 0)
                OuErr_Format(OuExc_ValueError, "%R in __slots__ conflicts with class variable", s);
            OU_DECREF(m);
            goto fail;
        }
        int r = OuList_Append(names, m);
        OU_DECREF(m);
        if (r < 0)
            goto fail;
    }
    si->nslots = OU_LIST_LEN(names);
    if (si->nslots > 0 && base->tp_itemsize) {
        OuErr_Format(OuExc_TypeError, "nonempty __slots__ not supported for subtype of '%s'", base->tp_name);
        goto fail;
    }
    if (OuList_Sort(names) < 0)
        goto fail;
    si->slots = OuList_AsTuple(names);
    if (!si->slots)
        goto fail;
    OU_DECREF(names);
    OU_DECREF(seq);
    /* another base with a __dict__ / __weakref__ still provides one */
    for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(bases); i++) {
        OuTypeObject *b = (OuTypeObject *)OU_TUPLE_GET(bases, i);
        if (b == base)
            continue;
        if (may_dict && !si->add_dict && b->tp_dictoffset)
            si->add_dict = 1;
        if (may_weak && !si->add_weak && b->tp_weaklistoffset)
            si->add_weak = 1;
    }
    return 0;
fail:
    OU_XDECREF(names);
    OU_DECREF(seq);
    return -1;
}

static int dict_set_new(OuObject *dict, const char *key, OuObject *v)
{
    if (!v)
        return -1;
    int r = OuDict_SetItemString(dict, key, v);
    OU_DECREF(v);
    return r;
}

/* Wrap plain functions stored under `key` with wrap(). */
static int wrap_special(OuObject *dict, OuObject *key, OuObject *(*wrap)(OuObject *))
{
    OuObject *v = OuDict_GetItemWithError(dict, key);
    if (!v)
        return OuErr_Occurred() ? -1 : 0;
    if (!OuFunction_Check(v))
        return 0;
    OuObject *w = wrap(v);
    if (!w)
        return -1;
    int r = OuDict_SetItem(dict, key, w);
    OU_DECREF(w);
    return r;
}

/* Call __set_name__(type, key) on each attribute that has one. */
static int set_names(OuTypeObject *type)
{
    OuObject *items = OuDict_Items(type->tp_dict);
    if (!items)
        return -1;
    OuObject *setname = OU_ID(__set_name__);
    for (Ou_ssize_t i = 0; i < OU_LIST_LEN(items); i++) {
        OuObject *kv = OU_LIST_GET(items, i);
        OuObject *key = OU_TUPLE_GET(kv, 0), *value = OU_TUPLE_GET(kv, 1);
        OuObject *m = OuType_Lookup(OU_TYPE(value), setname);
        if (!m)
            continue;
        OuObject *args[2] = {(OuObject *)type, key};
        OU_INCREF(m);
        OuObject *r = ou_call_unbound(m, value, args, 2, NULL);
        OU_DECREF(m);
        if (!r) {
            OuObject *cause = OuErr_GetRaisedException();
            OuErr_Format(OuExc_RuntimeError, "Error calling __set_name__ on '%s' instance %R in '%s'",
                         OU_TYPE_NAME(value), key, type->tp_name);
            OuObject *exc = OuErr_GetRaisedException();
            if (exc && cause)
                OuException_SetCause(exc, cause);
            else
                OU_XDECREF(cause);
            OuErr_SetRaisedException(exc);
            OU_DECREF(items);
            return -1;
        }
        OU_DECREF(r);
    }
    OU_DECREF(items);
    return 0;
}

/* super(type, type).__init_subclass__(**kw) */
static int init_subclass(OuTypeObject *type, OuObject *const *kwvalues, OuObject *kwnames)
{
    OuObject *mro = type->tp_mro, *found = NULL;
    for (Ou_ssize_t i = 1; i < OU_TUPLE_LEN(mro) && !found; i++) {
        OuObject *d = ((OuTypeObject *)OU_TUPLE_GET(mro, i))->tp_dict;
        found = d ? OuDict_GetItemWithError(d, OU_ID(__init_subclass__)) : NULL;
        if (!found && OuErr_Occurred())
            return -1;
    }
    if (!found)
        return 0;
    OU_INCREF(found);
    descrgetfunc get = OU_TYPE(found)->tp_descr_get;
    OuObject *bound = get ? get(found, NULL, (OuObject *)type) : OU_NEWREF(found);
    OU_DECREF(found);
    if (!bound)
        return -1;
    OuObject *r = OuObject_Vectorcall(bound, kwvalues, 0, nkwargs(kwnames) ? kwnames : NULL);
    OU_DECREF(bound);
    if (!r)
        return -1;
    OU_DECREF(r);
    return 0;
}

/* Build the class once name, bases (new ref, stolen), base and dict (stolen) are known. */
static OuObject *build_class(OuTypeObject *metatype, OuObject *name, OuObject *bases, OuTypeObject *base,
                             OuObject *dict, OuObject *const *kwvalues, OuObject *kwnames)
{
    SlotsInfo si;
    if (parse_slots(&si, name, bases, base, dict) < 0) {
        OU_DECREF(bases);
        OU_DECREF(dict);
        return NULL;
    }
    OuHeapTypeObject *et = (OuHeapTypeObject *)metatype->tp_alloc(metatype, 0);
    if (!et) {
        OU_DECREF(bases);
        OU_DECREF(dict);
        OU_XDECREF(si.slots);
        return NULL;
    }
    OuTypeObject *t = &et->type;
    t->tp_flags = OU_TPFLAGS_HEAPTYPE | OU_TPFLAGS_BASETYPE |
                  (base->tp_flags & (SUBCLASS_FLAGS | OU_TPFLAGS_SEQUENCE | OU_TPFLAGS_MAPPING));
    if ((base->tp_flags & OU_TPFLAGS_HAVE_GC) || si.add_dict || si.nslots)
        t->tp_flags |= OU_TPFLAGS_HAVE_GC;
    t->tp_bases = bases;
    t->tp_dict = dict;
    t->tp_base = (OuTypeObject *)OU_NEWREF(base);
    t->tp_slots = si.slots;
    et->ht_nslots = si.nslots;
    if (!(et->ht_name = utf8_dup(name)))
        goto fail;
    t->tp_name = et->ht_name;
    t->tp_name_obj = OU_NEWREF(name);

    /* __qualname__, __module__, __doc__ */
    OuObject *qn = OuDict_GetItemWithError(dict, OU_ID(__qualname__));
    if (qn) {
        if (!OuStr_Check(qn)) {
            OuErr_Format(OuExc_TypeError, "type __qualname__ must be a str, not %s", OU_TYPE_NAME(qn));
            goto fail;
        }
        t->tp_qualname = OU_NEWREF(qn);
        if (OuDict_DelItem(dict, OU_ID(__qualname__)) < 0)
            goto fail;
    } else if (OuErr_Occurred()) {
        goto fail;
    } else {
        t->tp_qualname = OU_NEWREF(name);
    }
    int has = OuDict_Contains(dict, OU_ID(__module__));
    if (has < 0)
        goto fail;
    if (!has) {
        OuObject *g = OuEval_GetGlobals();
        OuObject *mn = g ? OuDict_GetItemWithError(g, OU_ID(__name__)) : NULL;
        if (mn && OuDict_SetItem(dict, OU_ID(__module__), mn) < 0)
            goto fail;
        if (!mn && OuErr_Occurred())
            goto fail;
    }
    OuObject *doc = OuDict_GetItemWithError(dict, OU_ID(__doc__));
    if (doc) {
        if (OuStr_Check(doc)) {
            const char *u = OuStr_AsUTF8(doc);
            if (!u)
                goto fail;
            size_t n = strlen(u);
            if (!(et->ht_doc = Ou_Malloc(n + 1))) {
                OuErr_NoMemory();
                goto fail;
            }
            memcpy(et->ht_doc, u, n + 1);
            t->tp_doc = et->ht_doc;
        }
    } else if (OuErr_Occurred() || OuDict_SetItem(dict, OU_ID(__doc__), OU_NONE) < 0) {
        goto fail;
    }

    /* implicit static/class methods, __hash__ = None next to __eq__ */
    if (wrap_special(dict, OU_ID(__new__), OuStaticMethod_New) < 0 ||
        wrap_special(dict, OU_ID(__init_subclass__), OuClassMethod_New) < 0 ||
        wrap_special(dict, OU_ID(__class_getitem__), OuClassMethod_New) < 0)
        goto fail;
    {
        int has_eq = OuDict_Contains(dict, OU_ID(__eq__));
        int has_hash = has_eq > 0 ? OuDict_Contains(dict, OU_ID(__hash__)) : 1;
        if (has_eq < 0 || has_hash < 0)
            goto fail;
        if (has_eq && !has_hash && OuDict_SetItem(dict, OU_ID(__hash__), OU_NONE) < 0)
            goto fail;
    }

    /* layout */
    Ou_ssize_t size = base->tp_basicsize;
    t->tp_itemsize = base->tp_itemsize;
    t->tp_dictoffset = base->tp_dictoffset;
    t->tp_weaklistoffset = base->tp_weaklistoffset;
    if (!t->tp_itemsize)
        size = ROUNDUP(size);
    if (si.nslots) {
        et->ht_members = Ou_Malloc(sizeof(OuMemberDef) * (size_t)(si.nslots + 1));
        if (!et->ht_members) {
            OuErr_NoMemory();
            goto fail;
        }
        memset(et->ht_members, 0, sizeof(OuMemberDef) * (size_t)(si.nslots + 1));
        for (Ou_ssize_t i = 0; i < si.nslots; i++) {
            OuMemberDef *m = &et->ht_members[i];
            m->name = OuStr_AsUTF8(OU_TUPLE_GET(si.slots, i));
            if (!m->name)
                goto fail;
            m->type = OU_T_OBJECT_EX;
            m->offset = size;
            size += PTRSIZE;
        }
    }
    if (si.add_dict) {
        if (t->tp_itemsize)
            t->tp_dictoffset = -PTRSIZE;
        else
            t->tp_dictoffset = size;
        size += PTRSIZE;
    }
    if (si.add_weak) {
        t->tp_weaklistoffset = size;
        size += PTRSIZE;
    }
    t->tp_basicsize = size;

    /* descriptors for the new storage */
    for (Ou_ssize_t i = 0; i < si.nslots; i++)
        if (dict_set_new(dict, et->ht_members[i].name, OuDescr_NewMember(t, &et->ht_members[i])) < 0)
            goto fail;
    if (si.add_dict) {
        has = OuDict_Contains(dict, OU_ID(__dict__));
        if (has < 0 || (!has && dict_set_new(dict, "__dict__", OuDescr_NewGetSet(t, &subtype_dict_getset)) < 0))
            goto fail;
    }
    if (si.add_weak) {
        has = OuDict_Contains(dict, OU_ID(__weakref__));
        if (has < 0 ||
            (!has && dict_set_new(dict, "__weakref__", OuDescr_NewGetSet(t, &subtype_weakref_getset)) < 0))
            goto fail;
    }

    /* MRO and slots */
    if (!(t->tp_mro = compute_mro(t)))
        goto fail;
    memcpy(SLOT_PTR(t, OFF(tp_dealloc)), SLOT_PTR(base, OFF(tp_dealloc)),
           (size_t)(OFF(tp_methods) - OFF(tp_dealloc)));
    OuTypeSlots_Fixup(t);
    t->tp_dealloc = subtype_dealloc;
    if (t->tp_flags & OU_TPFLAGS_HAVE_GC) {
        t->tp_traverse = subtype_traverse;
        t->tp_clear = subtype_clear;
    }
    if (!t->tp_alloc)
        t->tp_alloc = OuType_GenericAlloc;
    if (!t->tp_free)
        t->tp_free = OuObject_Free;
    for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(bases); i++)
        if (add_subclass((OuTypeObject *)OU_TUPLE_GET(bases, i), t) < 0)
            goto fail;
    t->tp_version_tag = new_version_tag();
    t->tp_flags |= OU_TPFLAGS_READY;

    /* __classcell__ */
    OuObject *cell = OuDict_GetItemWithError(dict, OU_ID(__classcell__));
    if (cell) {
        if (!OuCell_Check(cell)) {
            OuErr_Format(OuExc_TypeError, "__classcell__ must be a nonlocal cell, not %R", OU_TYPE(cell));
            goto fail;
        }
        OU_INCREF(t);
        OU_XSETREF(((OuCellObject *)cell)->ob_ref, (OuObject *)t);
        if (OuDict_DelItem(dict, OU_ID(__classcell__)) < 0)
            goto fail;
    } else if (OuErr_Occurred()) {
        goto fail;
    }
    if (set_names(t) < 0 || init_subclass(t, kwvalues, kwnames) < 0)
        goto fail;
    return (OuObject *)t;
fail:
    OU_DECREF(t);
    return NULL;
}

static OuObject *type_new(OuTypeObject *metatype, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    Ou_ssize_t nkw = nkwargs(kwnames);
    if (metatype == &OuType_Type && nargs == 1 && nkw == 0)
        return OU_NEWREF(OU_TYPE(args[0]));
    if (nargs != 3)
        return OuErr_Format(OuExc_TypeError, "type.__new__() takes exactly 3 arguments (%zd given)", nargs);
    OuObject *name = args[0], *bases = args[1], *ns = args[2];
    if (!OuStr_Check(name))
        return OuErr_Format(OuExc_TypeError, "type.__new__() argument 1 must be str, not %s", OU_TYPE_NAME(name));
    if (!OuTuple_Check(bases))
        return OuErr_Format(OuExc_TypeError, "type.__new__() argument 2 must be tuple, not %s",
                            OU_TYPE_NAME(bases));
    if (!OuDict_Check(ns))
        return OuErr_Format(OuExc_TypeError, "type.__new__() argument 3 must be dict, not %s", OU_TYPE_NAME(ns));
    OuTypeObject *winner = OuType_CalculateMetaclass(metatype, bases);
    if (!winner)
        return NULL;
    if (winner != metatype && winner->tp_new != type_new)
        return winner->tp_new(winner, args, nargs, kwnames);
    metatype = winner;
    if (OU_TUPLE_LEN(bases) == 0)
        bases = OuTuple_Pack(1, &OuBaseObject_Type);
    else
        OU_INCREF(bases);
    if (!bases)
        return NULL;
    OuTypeObject *base = best_base(bases);
    if (!base) {
        OU_DECREF(bases);
        return NULL;
    }
    OuObject *dict = OuDict_Copy(ns);
    if (!dict) {
        OU_DECREF(bases);
        return NULL;
    }
    return build_class(metatype, name, bases, base, dict, args + nargs, kwnames);
}

static int type_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (nargs == 1 && nkwargs(kwnames)) {
        OuErr_SetString(OuExc_TypeError, "type.__init__() takes no keyword arguments");
        return -1;
    }
    if (nargs != 1 && nargs != 3) {
        OuErr_SetString(OuExc_TypeError, "type.__init__() takes 1 or 3 arguments");
        return -1;
    }
    return 0;
}

static OuObject *type_call(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    OuTypeObject *type = (OuTypeObject *)self;
    if (type == &OuType_Type) {
        if (nargs == 1 && !nkwargs(kwnames))
            return OU_NEWREF(OU_TYPE(args[0]));
        if (nargs != 3)
            return OuErr_Format(OuExc_TypeError, "type() takes 1 or 3 arguments");
    }
    if (!type->tp_new)
        return OuErr_Format(OuExc_TypeError, "cannot create '%s' instances", type->tp_name);
    OuObject *obj = type->tp_new(type, args, nargs, kwnames);
    if (!obj || !OuObject_TypeCheck(obj, type))
        return obj;
    OuTypeObject *ot = OU_TYPE(obj);
    if (ot->tp_init && ot->tp_init(obj, args, nargs, kwnames) < 0) {
        OU_DECREF(obj);
        return NULL;
    }
    if ((ot->tp_flags & (OU_TPFLAGS_HEAPTYPE | OU_TPFLAGS_HAVE_GC)) == (OU_TPFLAGS_HEAPTYPE | OU_TPFLAGS_HAVE_GC) &&
        !OuObject_GC_IsTracked(obj))
        OuObject_GC_Track(obj);
    return obj;
}

static void type_dealloc(OuObject *o)
{
    OuTypeObject *t = (OuTypeObject *)o;
    if (!(t->tp_flags & OU_TPFLAGS_HEAPTYPE))
        return;     /* static types are immortal */
    OuHeapTypeObject *et = (OuHeapTypeObject *)t;
    if (t->tp_bases)
        for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(t->tp_bases); i++)
            remove_subclass((OuTypeObject *)OU_TUPLE_GET(t->tp_bases, i), t);
    OU_CLEAR(t->tp_dict);
    OU_CLEAR(t->tp_mro);
    OU_CLEAR(t->tp_bases);
    OU_CLEAR(t->tp_base);
    OU_CLEAR(t->tp_subclasses);
    OU_CLEAR(t->tp_name_obj);
    OU_CLEAR(t->tp_qualname);
    OU_CLEAR(t->tp_slots);
    Ou_Free(et->ht_name);
    Ou_Free(et->ht_doc);
    Ou_Free(et->ht_members);
    OU_TYPE(o)->tp_free(o);
}

static OuObject *type_repr(OuObject *self)
{
    OuTypeObject *type = (OuTypeObject *)self;
    OuObject *mod = type_module(type);
    if (!mod)
        OuErr_Clear();
    else if (!OuStr_Check(mod) || OuStr_EqualToASCII(mod, "builtins"))
        OU_CLEAR(mod);
    OuObject *qn = OuType_GetQualName(type);
    if (!qn) {
        OU_XDECREF(mod);
        return NULL;
    }
    OuObject *r = mod ? OuStr_FromFormat("<class '%U.%U'>", mod, qn) : OuStr_FromFormat("<class '%U'>", qn);
    OU_XDECREF(mod);
    OU_DECREF(qn);
    return r;
}

static OuObject *type_getattro(OuObject *o, OuObject *name)
{
    OuTypeObject *type = (OuTypeObject *)o, *meta = OU_TYPE(o);
    if (check_attr_name(name) < 0)
        return NULL;
    if (OU_UNLIKELY(!type->tp_dict) && OuType_Ready(type) < 0)
        return NULL;
    OuObject *meta_attr = OuType_Lookup(meta, name);
    descrgetfunc meta_get = NULL;
    if (meta_attr) {
        OU_INCREF(meta_attr);
        meta_get = OU_TYPE(meta_attr)->tp_descr_get;
        if (meta_get && OU_TYPE(meta_attr)->tp_descr_set) {
            OuObject *r = meta_get(meta_attr, o, (OuObject *)meta);
            OU_DECREF(meta_attr);
            return r;
        }
    }
    OuObject *attr = OuType_Lookup(type, name);
    if (attr) {
        OU_XDECREF(meta_attr);
        descrgetfunc local_get = OU_TYPE(attr)->tp_descr_get;
        if (local_get) {
            OU_INCREF(attr);
            OuObject *r = local_get(attr, NULL, o);
            OU_DECREF(attr);
            return r;
        }
        return OU_NEWREF(attr);
    }
    if (meta_get) {
        OuObject *r = meta_get(meta_attr, o, (OuObject *)meta);
        OU_DECREF(meta_attr);
        return r;
    }
    if (meta_attr)
        return meta_attr;
    OuObject *msg = OuStr_FromFormat("type object '%s' has no attribute '%U'", type->tp_name, name);
    if (msg) {
        OuErr_SetAttributeError(o, name, msg);
        OU_DECREF(msg);
    }
    return NULL;
}

static int type_setattro(OuObject *o, OuObject *name, OuObject *value)
{
    OuTypeObject *type = (OuTypeObject *)o;
    if (check_attr_name(name) < 0)
        return -1;
    if (!(type->tp_flags & OU_TPFLAGS_HEAPTYPE)) {
        OuErr_Format(OuExc_TypeError, "cannot set '%U' attribute of immutable type '%s'", name, type->tp_name);
        return -1;
    }
    OuObject *key = OuStr_CheckExact(name) ? OU_NEWREF(name)
                    : OuStr_FromKindAndData(OU_STR_KIND(name), OU_STR_DATA(name), OU_STR_LEN(name));
    if (!key)
        return -1;
    OuStr_InternInPlace(&key);
    int r;
    OuObject *d = OuType_Lookup(OU_TYPE(o), key);
    if (d && OU_TYPE(d)->tp_descr_set) {
        OU_INCREF(d);
        r = OU_TYPE(d)->tp_descr_set(d, o, value);
        OU_DECREF(d);
    } else if (value) {
        r = OuDict_SetItem(type->tp_dict, key, value);
    } else {
        OuObject *old;
        r = OuDict_Pop(type->tp_dict, key, &old);
        if (r > 0) {
            OU_DECREF(old);
            r = 0;
        } else if (r == 0) {
            OuErr_Format(OuExc_AttributeError, "type object '%s' has no attribute '%U'", type->tp_name, key);
            r = -1;
        }
    }
    if (r == 0) {
        OuType_Modified(type);
        OuTypeSlots_Update(type, key);
    }
    OU_DECREF(key);
    return r;
}

/* `X | Y` on classes: typing.Union[X, Y] (types.UnionType stand-in). */
static int union_arg_ok(OuObject *o)
{
    if (o == OU_NONE || OuType_Check(o))
        return 1;
    OuObject *orig;
    if (OuObject_LookupAttr(o, OU_ID(__origin__), &orig) < 0) {
        OuErr_Clear();
        return 0;
    }
    OU_XDECREF(orig);
    return orig != NULL;
}

static OuObject *type_or(OuObject *a, OuObject *b)
{
    if (!union_arg_ok(a) || !union_arg_ok(b))
        OU_RETURN_NOTIMPLEMENTED;
    OuObject *typing = OuImport_ImportModule("typing");
    if (!typing)
        return NULL;
    OuObject *u = OuObject_GetAttrString(typing, "Union");
    OU_DECREF(typing);
    if (!u)
        return NULL;
    OuObject *t = OuTuple_Pack(2, a, b);
    OuObject *r = t ? OuObject_GetItem(u, t) : NULL;
    OU_XDECREF(t);
    OU_DECREF(u);
    return r;
}

/* ---- type attributes ---- */

static int check_set_heap(OuTypeObject *type, OuObject *value, const char *attr)
{
    if (!(type->tp_flags & OU_TPFLAGS_HEAPTYPE)) {
        OuErr_Format(OuExc_TypeError, "cannot set '%s' attribute of immutable type '%s'", attr, type->tp_name);
        return -1;
    }
    if (!value) {
        OuErr_Format(OuExc_TypeError, "cannot delete '%s' attribute of immutable type '%s'", attr, type->tp_name);
        return -1;
    }
    return 0;
}

static OuObject *type_get_name(OuObject *o, void *c) { return OuType_GetName((OuTypeObject *)o); }

static int type_set_name(OuObject *o, OuObject *value, void *c)
{
    OuTypeObject *type = (OuTypeObject *)o;
    if (check_set_heap(type, value, "__name__") < 0)
        return -1;
    if (!OuStr_Check(value)) {
        OuErr_Format(OuExc_TypeError, "can only assign string to %s.__name__, not '%s'", type->tp_name,
                     OU_TYPE_NAME(value));
        return -1;
    }
    char *n = utf8_dup(value);
    if (!n)
        return -1;
    OuHeapTypeObject *et = (OuHeapTypeObject *)type;
    Ou_Free(et->ht_name);
    et->ht_name = n;
    type->tp_name = n;
    OU_INCREF(value);
    OU_XSETREF(type->tp_name_obj, value);
    return 0;
}

static OuObject *type_get_qualname(OuObject *o, void *c) { return OuType_GetQualName((OuTypeObject *)o); }

static int type_set_qualname(OuObject *o, OuObject *value, void *c)
{
    OuTypeObject *type = (OuTypeObject *)o;
    if (check_set_heap(type, value, "__qualname__") < 0)
        return -1;
    if (!OuStr_Check(value)) {
        OuErr_Format(OuExc_TypeError, "can only assign string to %s.__qualname__, not '%s'", type->tp_name,
                     OU_TYPE_NAME(value));
        return -1;
    }
    OU_INCREF(value);
    OU_XSETREF(type->tp_qualname, value);
    return 0;
}

static OuObject *type_get_module(OuObject *o, void *c) { return type_module((OuTypeObject *)o); }

static int type_set_module(OuObject *o, OuObject *value, void *c)
{
    OuTypeObject *type = (OuTypeObject *)o;
    if (check_set_heap(type, value, "__module__") < 0)
        return -1;
    OuType_Modified(type);
    return OuDict_SetItem(type->tp_dict, OU_ID(__module__), value);
}

static OuObject *type_get_doc(OuObject *o, void *c)
{
    OuTypeObject *type = (OuTypeObject *)o;
    OuObject *d = type->tp_dict ? OuDict_GetItemWithError(type->tp_dict, OU_ID(__doc__)) : NULL;
    if (!d) {
        if (OuErr_Occurred())
            return NULL;
        if (!(type->tp_flags & OU_TPFLAGS_HEAPTYPE) && type->tp_doc)
            return OuStr_FromUTF8(type->tp_doc);
        OU_RETURN_NONE;
    }
    descrgetfunc get = OU_TYPE(d)->tp_descr_get;
    if (get) {
        OU_INCREF(d);
        OuObject *r = get(d, NULL, o);
        OU_DECREF(d);
        return r;
    }
    return OU_NEWREF(d);
}

static int type_set_doc(OuObject *o, OuObject *value, void *c)
{
    OuTypeObject *type = (OuTypeObject *)o;
    if (check_set_heap(type, value, "__doc__") < 0)
        return -1;
    OuType_Modified(type);
    return OuDict_SetItem(type->tp_dict, OU_ID(__doc__), value);
}

static OuObject *type_get_dict(OuObject *o, void *c)
{
    OuTypeObject *type = (OuTypeObject *)o;
    if (!type->tp_dict)
        OU_RETURN_NONE;
    return OuDictProxy_New(type->tp_dict);
}

static OuObject *type_get_mro(OuObject *o, void *c)
{
    OuObject *m = ((OuTypeObject *)o)->tp_mro;
    return OU_NEWREF(m ? m : OU_NONE);
}

static OuObject *type_get_bases(OuObject *o, void *c)
{
    OuObject *b = ((OuTypeObject *)o)->tp_bases;
    return b ? OU_NEWREF(b) : OuTuple_New(0);
}

static OuObject *type_get_base(OuObject *o, void *c)
{
    OuTypeObject *b = ((OuTypeObject *)o)->tp_base;
    return OU_NEWREF(b ? (OuObject *)b : OU_NONE);
}

static OuObject *type_get_basicsize(OuObject *o, void *c) { return OuInt_FromSsize_t(((OuTypeObject *)o)->tp_basicsize); }
static OuObject *type_get_itemsize(OuObject *o, void *c) { return OuInt_FromSsize_t(((OuTypeObject *)o)->tp_itemsize); }
static OuObject *type_get_flags(OuObject *o, void *c) { return OuInt_FromSize_t(((OuTypeObject *)o)->tp_flags); }
static OuObject *type_get_dictoffset(OuObject *o, void *c) { return OuInt_FromSsize_t(((OuTypeObject *)o)->tp_dictoffset); }
static OuObject *type_get_weakrefoffset(OuObject *o, void *c)
{
    return OuInt_FromSsize_t(((OuTypeObject *)o)->tp_weaklistoffset);
}
static OuObject *type_get_none(OuObject *o, void *c) { OU_RETURN_NONE; }

static OuObject *type_get_abstractmethods(OuObject *o, void *c)
{
    OuTypeObject *type = (OuTypeObject *)o;
    OuObject *v = type != &OuType_Type && type->tp_dict
                  ? OuDict_GetItemWithError(type->tp_dict, OU_ID(__abstractmethods__)) : NULL;
    if (!v) {
        if (!OuErr_Occurred())
            OuErr_SetObject(OuExc_AttributeError, OU_ID(__abstractmethods__));
        return NULL;
    }
    return OU_NEWREF(v);
}

static int type_set_abstractmethods(OuObject *o, OuObject *value, void *c)
{
    OuTypeObject *type = (OuTypeObject *)o;
    int abstract = 0, r;
    if (value) {
        abstract = OuObject_IsTrue(value);
        if (abstract < 0)
            return -1;
        r = OuDict_SetItem(type->tp_dict, OU_ID(__abstractmethods__), value);
    } else {
        OuObject *old;
        r = OuDict_Pop(type->tp_dict, OU_ID(__abstractmethods__), &old);
        if (r == 0) {
            OuErr_SetObject(OuExc_AttributeError, OU_ID(__abstractmethods__));
            r = -1;
        } else if (r > 0) {
            OU_DECREF(old);
            r = 0;
        }
    }
    if (r < 0)
        return -1;
    OuType_Modified(type);
    if (abstract)
        type->tp_flags |= OU_TPFLAGS_IS_ABSTRACT;
    else
        type->tp_flags &= ~OU_TPFLAGS_IS_ABSTRACT;
    return 0;
}

static OuObject *type_get_annotations(OuObject *o, void *c)
{
    OuTypeObject *type = (OuTypeObject *)o;
    if (!(type->tp_flags & OU_TPFLAGS_HEAPTYPE))
        return OuErr_Format(OuExc_AttributeError, "type object '%s' has no attribute '__annotations__'",
                            type->tp_name);
    OuObject *a = OuDict_GetItemWithError(type->tp_dict, OU_ID(__annotations__));
    if (a) {
        descrgetfunc get = OU_TYPE(a)->tp_descr_get;
        if (get)
            return get(a, NULL, o);
        return OU_NEWREF(a);
    }
    if (OuErr_Occurred())
        return NULL;
    a = OuDict_New();
    if (!a || OuDict_SetItem(type->tp_dict, OU_ID(__annotations__), a) < 0) {
        OU_XDECREF(a);
        return NULL;
    }
    OuType_Modified(type);
    return a;
}

static int type_set_annotations(OuObject *o, OuObject *value, void *c)
{
    OuTypeObject *type = (OuTypeObject *)o;
    if (!(type->tp_flags & OU_TPFLAGS_HEAPTYPE)) {
        OuErr_Format(OuExc_TypeError, "cannot set '__annotations__' attribute of immutable type '%s'",
                     type->tp_name);
        return -1;
    }
    int r;
    if (value) {
        r = OuDict_SetItem(type->tp_dict, OU_ID(__annotations__), value);
    } else {
        OuObject *old;
        r = OuDict_Pop(type->tp_dict, OU_ID(__annotations__), &old);
        if (r == 0) {
            OuErr_SetObject(OuExc_AttributeError, OU_ID(__annotations__));
            r = -1;
        } else if (r > 0) {
            OU_DECREF(old);
            r = 0;
        }
    }
    OuType_Modified(type);
    return r;
}

static OuGetSetDef type_getset[] = {
    {"__name__", type_get_name, type_set_name, NULL, NULL},
    {"__qualname__", type_get_qualname, type_set_qualname, NULL, NULL},
    {"__bases__", type_get_bases, NULL, NULL, NULL},
    {"__base__", type_get_base, NULL, NULL, NULL},
    {"__mro__", type_get_mro, NULL, NULL, NULL},
    {"__module__", type_get_module, type_set_module, NULL, NULL},
    {"__abstractmethods__", type_get_abstractmethods, type_set_abstractmethods, NULL, NULL},
    {"__dict__", type_get_dict, NULL, NULL, NULL},
    {"__doc__", type_get_doc, type_set_doc, NULL, NULL},
    {"__text_signature__", type_get_none, NULL, NULL, NULL},
    {"__annotations__", type_get_annotations, type_set_annotations, NULL, NULL},
    {"__basicsize__", type_get_basicsize, NULL, NULL, NULL},
    {"__itemsize__", type_get_itemsize, NULL, NULL, NULL},
    {"__flags__", type_get_flags, NULL, NULL, NULL},
    {"__dictoffset__", type_get_dictoffset, NULL, NULL, NULL},
    {"__weakrefoffset__", type_get_weakrefoffset, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

static OuObject *type_mro_method(OuObject *self, OuObject *unused)
{
    OuObject *t = mro_c3((OuTypeObject *)self);
    if (!t)
        return NULL;
    OuObject *l = OuSequence_List(t);
    OU_DECREF(t);
    return l;
}

static OuObject *type_subclasses_method(OuObject *self, OuObject *unused)
{
    return OuType_Subclasses((OuTypeObject *)self);
}

static OuObject *type_instancecheck(OuObject *self, OuObject *inst)
{
    if (OuObject_TypeCheck(inst, (OuTypeObject *)self))
        OU_RETURN_TRUE;
    OuObject *cls;
    if (OuObject_LookupAttr(inst, OU_ID(__class__), &cls) < 0)
        return NULL;
    int r = cls && cls != (OuObject *)OU_TYPE(inst) && OuType_Check(cls) &&
            OuType_IsSubtype((OuTypeObject *)cls, (OuTypeObject *)self);
    OU_XDECREF(cls);
    return OuBool_FromLong(r);
}

/* issubclass for a non-type `derived`: follow __bases__. */
static int abstract_issubclass(OuObject *derived, OuObject *cls, int depth)
{
    if (derived == cls)
        return 1;
    if (depth > 200)
        return 0;
    OuObject *bases;
    if (OuObject_LookupAttr(derived, OU_ID(__bases__), &bases) < 0)
        return -1;
    if (!bases || !OuTuple_Check(bases)) {
        OU_XDECREF(bases);
        return 0;
    }
    int r = 0;
    for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(bases) && r == 0; i++)
        r = abstract_issubclass(OU_TUPLE_GET(bases, i), cls, depth + 1);
    OU_DECREF(bases);
    return r;
}

static OuObject *type_subclasscheck(OuObject *self, OuObject *sub)
{
    if (OuType_Check(sub))
        return OuBool_FromLong(OuType_IsSubtype((OuTypeObject *)sub, (OuTypeObject *)self));
    OuObject *bases;
    if (OuObject_LookupAttr(sub, OU_ID(__bases__), &bases) < 0)
        return NULL;
    int ok = bases && OuTuple_Check(bases);
    OU_XDECREF(bases);
    if (!ok)
        return OuErr_Format(OuExc_TypeError, "issubclass() arg 1 must be a class");
    int r = abstract_issubclass(sub, self, 0);
    return r < 0 ? NULL : OuBool_FromLong(r);
}

static OuObject *type_prepare(OuObject *cls, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    return OuDict_New();
}

static OuObject *type_dir(OuObject *self, OuObject *unused)
{
    OuObject *dict = OuDict_New();
    if (!dict)
        return NULL;
    OuObject *r = merge_class_dict(dict, self, 0) < 0 ? NULL : OuDict_Keys(dict);
    OU_DECREF(dict);
    return r;
}

static OuObject *type_sizeof(OuObject *self, OuObject *unused)
{
    OuTypeObject *t = (OuTypeObject *)self;
    Ou_ssize_t size = (t->tp_flags & OU_TPFLAGS_HEAPTYPE) ? OU_TYPE(self)->tp_basicsize : (Ou_ssize_t)sizeof(*t);
    return OuInt_FromSsize_t(size);
}

static OuMethodDef type_methods[] = {
    {"mro", (void *)type_mro_method, OU_METH_NOARGS, "Return a type's method resolution order."},
    {"__subclasses__", (void *)type_subclasses_method, OU_METH_NOARGS,
     "Return a list of immediate subclasses."},
    {"__prepare__", (void *)type_prepare, OU_METH_CLASS | OU_METH_FAST,
     "__prepare__() -> dict\nused to create the namespace for the class statement"},
    {"__instancecheck__", (void *)type_instancecheck, OU_METH_O, "Check if an object is an instance."},
    {"__subclasscheck__", (void *)type_subclasscheck, OU_METH_O, "Check if a class is a subclass."},
    {"__dir__", (void *)type_dir, OU_METH_NOARGS, "Specialized __dir__ implementation for types."},
    {"__sizeof__", (void *)type_sizeof, OU_METH_NOARGS, "Return memory consumption of the type object."},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuType_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "type",
    .tp_basicsize = sizeof(OuHeapTypeObject),
    .tp_flags = OU_TPFLAGS_BASETYPE | OU_TPFLAGS_TYPE_SUBCLASS,
    .tp_doc = "type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type",
    .tp_dealloc = type_dealloc,
    .tp_new = type_new,
    .tp_init = type_init,
    .tp_repr = type_repr,
    .tp_call = type_call,
    .tp_getattro = type_getattro,
    .tp_setattro = type_setattro,
    .nb_or = type_or,
    .tp_methods = type_methods,
    .tp_getset = type_getset,
};

/* ------------------------------------------------------------------ */
/* super                                                                */

typedef struct {
    OuObject_HEAD
    OuTypeObject *type;       /* the class after which the MRO search starts */
    OuObject *obj;            /* instance or class, or NULL (unbound) */
    OuTypeObject *obj_type;   /* type(obj) or obj itself when it is a class */
} OuSuperObject;

static OuTypeObject *supercheck(OuTypeObject *type, OuObject *obj)
{
    if (OuType_Check(obj) && OuType_IsSubtype((OuTypeObject *)obj, type))
        return (OuTypeObject *)OU_NEWREF(obj);
    if (OuType_IsSubtype(OU_TYPE(obj), type))
        return (OuTypeObject *)OU_NEWREF(OU_TYPE(obj));
    OuObject *cls;
    if (OuObject_LookupAttr(obj, OU_ID(__class__), &cls) < 0)
        return NULL;
    if (cls && OuType_Check(cls) && cls != (OuObject *)OU_TYPE(obj) &&
        OuType_IsSubtype((OuTypeObject *)cls, type))
        return (OuTypeObject *)cls;
    OU_XDECREF(cls);
    OuErr_SetString(OuExc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
    return NULL;
}

/* Fill su from (type, obj); references are borrowed from the caller. */
static int super_fill(OuSuperObject *su, OuObject *type, OuObject *obj)
{
    if (!OuType_Check(type)) {
        OuErr_Format(OuExc_TypeError, "super() argument 1 must be a type, not %s", OU_TYPE_NAME(type));
        return -1;
    }
    if (obj == OU_NONE)
        obj = NULL;
    OuTypeObject *ot = NULL;
    if (obj && !(ot = supercheck((OuTypeObject *)type, obj)))
        return -1;
    OU_INCREF(type);
    OU_XINCREF(obj);
    OU_XSETREF(su->type, (OuTypeObject *)type);
    OU_XSETREF(su->obj, obj);
    OU_XSETREF(su->obj_type, ot);
    return 0;
}

static int super_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("super", kwnames) < 0)
        return -1;
    if (nargs > 2) {
        OuErr_Format(OuExc_TypeError, "super() takes at most 2 arguments (%zd given)", nargs);
        return -1;
    }
    if (nargs == 0) {
        OuObject *type, *obj;
        if (OuEval_SuperArgs(&type, &obj) < 0)
            return -1;
        int r = super_fill((OuSuperObject *)self, type, obj);
        OU_DECREF(type);
        OU_XDECREF(obj);
        return r;
    }
    return super_fill((OuSuperObject *)self, args[0], nargs > 1 ? args[1] : NULL);
}

/* super(...) called directly: skip the generic tp_new + tp_init round. */
static OuObject *super_vectorcall(OuObject *callable, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    OuTypeObject *tp = (OuTypeObject *)callable;
    OuObject *o = tp->tp_alloc(tp, 0);
    if (!o)
        return NULL;
    if (super_init(o, args, nargs, kwnames) < 0) {
        OU_DECREF(o);
        return NULL;
    }
    return o;
}

static void super_dealloc(OuObject *o)
{
    OuSuperObject *su = (OuSuperObject *)o;
    OU_XDECREF(su->type);
    OU_XDECREF(su->obj);
    OU_XDECREF(su->obj_type);
    OU_TYPE(o)->tp_free(o);
}

static OuObject *super_getattro(OuObject *self, OuObject *name)
{
    OuSuperObject *su = (OuSuperObject *)self;
    OuTypeObject *start = su->obj_type;
    if (!start || (OuStr_Check(name) && OuStr_EqualToASCII(name, "__class__")))
        return OuObject_GenericGetAttr(self, name);
    OuObject *mro = start->tp_mro;
    if (!mro)
        return OuObject_GenericGetAttr(self, name);
    OU_INCREF(mro);
    Ou_ssize_t n = OU_TUPLE_LEN(mro), i = 0;
    while (i < n && OU_TUPLE_GET(mro, i) != (OuObject *)su->type)
        i++;
    for (i++; i < n; i++) {
        OuObject *dict = ((OuTypeObject *)OU_TUPLE_GET(mro, i))->tp_dict;
        if (!dict)
            continue;
        OuObject *res = OuDict_GetItemWithError(dict, name);
        if (!res) {
            if (OuErr_Occurred()) {
                OU_DECREF(mro);
                return NULL;
            }
            continue;
        }
        OU_INCREF(res);
        OU_DECREF(mro);
        descrgetfunc f = OU_TYPE(res)->tp_descr_get;
        if (f) {
            OuObject *r = f(res, su->obj == (OuObject *)start ? NULL : su->obj, (OuObject *)start);
            OU_DECREF(res);
            return r;
        }
        return res;
    }
    OU_DECREF(mro);
    return OuObject_GenericGetAttr(self, name);
}

static OuObject *super_descr_get(OuObject *self, OuObject *obj, OuObject *type)
{
    OuSuperObject *su = (OuSuperObject *)self;
    if (!obj || obj == OU_NONE || su->obj)
        return OU_NEWREF(self);
    if (OU_TYPE(self) != &OuSuper_Type) {
        OuObject *args[2] = {(OuObject *)su->type, obj};
        return OuObject_Vectorcall((OuObject *)OU_TYPE(self), args, 2, NULL);
    }
    OuObject *o = OuSuper_Type.tp_alloc(&OuSuper_Type, 0);
    if (!o)
        return NULL;
    if (super_fill((OuSuperObject *)o, (OuObject *)su->type, obj) < 0) {
        OU_DECREF(o);
        return NULL;
    }
    return o;
}

static OuObject *super_repr(OuObject *self)
{
    OuSuperObject *su = (OuSuperObject *)self;
    const char *tn = su->type ? su->type->tp_name : "NULL";
    if (su->obj_type)
        return OuStr_FromFormat("<super: <class '%s'>, <%s object>>", tn, su->obj_type->tp_name);
    return OuStr_FromFormat("<super: <class '%s'>, NULL>", tn);
}

static OuMemberDef super_members[] = {
    {"__thisclass__", OU_T_OBJECT, offsetof(OuSuperObject, type), OU_READONLY,
     "the class invoking super()"},
    {"__self__", OU_T_OBJECT, offsetof(OuSuperObject, obj), OU_READONLY,
     "the instance invoking super(); may be None"},
    {"__self_class__", OU_T_OBJECT, offsetof(OuSuperObject, obj_type), OU_READONLY,
     "the type of the instance invoking super(); may be None"},
    {NULL, 0, 0, 0, NULL}
};

OuTypeObject OuSuper_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "super",
    .tp_basicsize = sizeof(OuSuperObject),
    .tp_flags = OU_TPFLAGS_BASETYPE,
    .tp_doc = "super() -> same as super(__class__, <first argument>)\n"
              "super(type) -> unbound super object\n"
              "super(type, obj) -> bound super object; requires isinstance(obj, type)\n"
              "super(type, type2) -> bound super object; requires issubclass(type2, type)",
    .tp_dealloc = super_dealloc,
    .tp_new = OuObject_GenericNew,
    .tp_init = super_init,
    .tp_repr = super_repr,
    .tp_getattro = super_getattro,
    .tp_descr_get = super_descr_get,
    .tp_members = super_members,
    .tp_vectorcall = super_vectorcall,
};

/* ------------------------------------------------------------------ */

/* ------------------------------------------------------------------ */
/* Calling dunders                                                      */

/* callable(first, *args) with the keyword values following args. */
OuObject *OuObject_CallPrepend(OuObject *callable, OuObject *first, OuObject *const *args,
                              Ou_ssize_t nargs, OuObject *kwnames)
{
    Ou_ssize_t total = nargs + (kwnames ? OU_TUPLE_LEN(kwnames) : 0);
    OuObject *small[8], **stack = small;
    if (total + 1 > 8) {
        stack = Ou_Malloc(sizeof(OuObject *) * (size_t)(total + 1));
        if (!stack)
            return OuErr_NoMemory();
    }
    stack[0] = first;
    if (total)
        memcpy(stack + 1, args, sizeof(OuObject *) * (size_t)total);
    OuObject *r = OuObject_Vectorcall(callable, stack, nargs + 1, kwnames);
    if (stack != small)
        Ou_Free(stack);
    return r;
}

static OuObject *ou_call_unbound(OuObject *descr, OuObject *self, OuObject *const *args,
                          Ou_ssize_t nargs, OuObject *kwnames)
{
    OuTypeObject *dt = OU_TYPE(descr);
    if (dt == &OuFunction_Type || dt == &OuMethodDescr_Type)
        return OuObject_CallPrepend(descr, self, args, nargs, kwnames);
    descrgetfunc get = dt->tp_descr_get;
    if (!get)
        return OuObject_Vectorcall(descr, args, nargs, kwnames);
    OuObject *bound = get(descr, self, (OuObject *)OU_TYPE(self));
    if (!bound)
        return NULL;
    OuObject *r = OuObject_Vectorcall(bound, args, nargs, kwnames);
    OU_DECREF(bound);
    return r;
}

/* Borrowed lookup result called with a reference held. */
static OuObject *call_found(OuObject *d, OuObject *self, OuObject *const *args,
                            Ou_ssize_t nargs, OuObject *kwnames)
{
    OU_INCREF(d);
    OuObject *r = ou_call_unbound(d, self, args, nargs, kwnames);
    OU_DECREF(d);
    return r;
}

/* type(self).name(self, *args); AttributeError when absent. */
static OuObject *call_method(OuObject *self, OuObject *name, OuObject *const *args,
                             Ou_ssize_t nargs, OuObject *kwnames)
{
    OuObject *d = OuType_Lookup(OU_TYPE(self), name);
    if (!d) {
        OuErr_SetObject(OuExc_AttributeError, name);
        return NULL;
    }
    return call_found(d, self, args, nargs, kwnames);
}

/* Same, NotImplemented when absent. */
static OuObject *call_maybe(OuObject *self, OuObject *name, OuObject *const *args, Ou_ssize_t nargs)
{
    OuObject *d = OuType_Lookup(OU_TYPE(self), name);
    if (!d)
        OU_RETURN_NOTIMPLEMENTED;
    return call_found(d, self, args, nargs, NULL);
}

/* ------------------------------------------------------------------ */
/* Generic slots for classes written in Python                         */

static OuObject *slot_tp_repr(OuObject *self) { return call_method(self, OU_ID(__repr__), NULL, 0, NULL); }
static OuObject *slot_tp_str(OuObject *self) { return call_method(self, OU_ID(__str__), NULL, 0, NULL); }

static Ou_hash_t slot_tp_hash(OuObject *self)
{
    OuObject *d = OuType_Lookup(OU_TYPE(self), OU_ID(__hash__));
    if (!d || d == OU_NONE)
        return OuObject_HashNotImplemented(self);
    OuObject *r = call_found(d, self, NULL, 0, NULL);
    if (!r)
        return -1;
    if (!OuInt_Check(r)) {
        OU_DECREF(r);
        OuErr_SetString(OuExc_TypeError, "__hash__ method should return an integer");
        return -1;
    }
    Ou_hash_t h = OU_INT_IS_SMALL(r) ? (Ou_hash_t)OU_INT_SMALL(r) : OuInt_Hash(r);
    OU_DECREF(r);
    if (h == -1 && !OuErr_Occurred())
        h = -2;
    return h;
}

static OuObject *slot_tp_call(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    return call_method(self, OU_ID(__call__), args, nargs, kwnames);
}

/* __getattribute__ (generic when not overridden), then __getattr__ on AttributeError. */
static OuObject *slot_tp_getattr_hook(OuObject *self, OuObject *name)
{
    OuTypeObject *tp = OU_TYPE(self);
    OuObject *ga = OuType_Lookup(tp, OU_ID(__getattribute__));
    OuObject *gattr = OuType_Lookup(tp, OU_ID(__getattr__));
    OuObject *res;
    OU_XINCREF(gattr);
    if (!ga) {
        res = OuObject_GenericGetAttr(self, name);
    } else if (OU_TYPE(ga) == &OuWrapperDescr_Type &&
               ((OuWrapperDescrObject *)ga)->d_slot->offset == (size_t)OFF(tp_getattro)) {
        res = ((getattrofunc)((OuWrapperDescrObject *)ga)->d_wrapped)(self, name);
    } else {
        res = call_found(ga, self, &name, 1, NULL);
    }
    if (!res && gattr && OuErr_ExceptionMatches(OuExc_AttributeError)) {
        OuErr_Clear();
        res = call_found(gattr, self, &name, 1, NULL);
    }
    OU_XDECREF(gattr);
    return res;
}

static int slot_tp_setattro(OuObject *self, OuObject *name, OuObject *value)
{
    OuObject *args[2] = {name, value};
    OuObject *r = value ? call_method(self, OU_ID(__setattr__), args, 2, NULL)
                        : call_method(self, OU_ID(__delattr__), args, 1, NULL);
    if (!r)
        return -1;
    OU_DECREF(r);
    return 0;
}

static OuObject *richcmp_name(int op)
{
    switch (op) {
    case OU_LT: return OU_ID(__lt__);
    case OU_LE: return OU_ID(__le__);
    case OU_EQ: return OU_ID(__eq__);
    case OU_NE: return OU_ID(__ne__);
    case OU_GT: return OU_ID(__gt__);
    default: return OU_ID(__ge__);
    }
}

static OuObject *slot_tp_richcompare(OuObject *self, OuObject *other, int op)
{
    return call_maybe(self, richcmp_name(op), &other, 1);
}

static OuObject *slot_tp_iter(OuObject *self)
{
    OuObject *d = OuType_Lookup(OU_TYPE(self), OU_ID(__iter__));
    if (!d || d == OU_NONE)
        return OuErr_Format(OuExc_TypeError, "'%s' object is not iterable", OU_TYPE_NAME(self));
    return call_found(d, self, NULL, 0, NULL);
}

/* NULL without an exception when __next__ raised StopIteration. */
static OuObject *slot_tp_iternext(OuObject *self)
{
    OuObject *r = call_method(self, OU_ID(__next__), NULL, 0, NULL);
    if (!r && OuErr_ExceptionMatches(OuExc_StopIteration))
        OuErr_Clear();
    return r;
}

static OuObject *slot_tp_descr_get(OuObject *self, OuObject *obj, OuObject *type)
{
    OuObject *d = OuType_Lookup(OU_TYPE(self), OU_ID(__get__));
    if (!d)
        return OU_NEWREF(self);
    OuObject *args[2] = {obj ? obj : OU_NONE, type ? type : OU_NONE};
    return call_found(d, self, args, 2, NULL);
}

static int slot_tp_descr_set(OuObject *self, OuObject *obj, OuObject *value)
{
    OuObject *args[2] = {obj, value};
    OuObject *r = value ? call_method(self, OU_ID(__set__), args, 2, NULL)
                        : call_method(self, OU_ID(__delete__), args, 1, NULL);
    if (!r)
        return -1;
    OU_DECREF(r);
    return 0;
}

static int slot_tp_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    OuObject *r = call_method(self, OU_ID(__init__), args, nargs, kwnames);
    if (!r)
        return -1;
    if (r != OU_NONE) {
        OuErr_Format(OuExc_TypeError, "__init__() should return None, not '%s'", OU_TYPE_NAME(r));
        OU_DECREF(r);
        return -1;
    }
    OU_DECREF(r);
    return 0;
}

/* __new__ is a static method: call it with the type first. */
static OuObject *slot_tp_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    OuObject *d = OuType_Lookup(type, OU_ID(__new__));
    if (!d) {
        OuErr_SetObject(OuExc_AttributeError, OU_ID(__new__));
        return NULL;
    }
    OuObject *f;
    descrgetfunc get = OU_TYPE(d)->tp_descr_get;
    OU_INCREF(d);
    f = get ? get(d, NULL, (OuObject *)type) : OU_NEWREF(d);
    OU_DECREF(d);
    if (!f)
        return NULL;
    OuObject *r = OuObject_CallPrepend(f, (OuObject *)type, args, nargs, kwnames);
    OU_DECREF(f);
    return r;
}

static void slot_tp_finalize(OuObject *self)
{
    OuObject *saved = OuErr_GetRaisedException();
    OuObject *d = OuType_Lookup(OU_TYPE(self), OU_ID(__del__));
    if (d) {
        OU_INCREF(d);
        OuObject *r = ou_call_unbound(d, self, NULL, 0, NULL);
        if (r)
            OU_DECREF(r);
        else
            OuErr_WriteUnraisable(d);
        OU_DECREF(d);
    }
    OuErr_SetRaisedException(saved);
}

static int slot_nb_bool(OuObject *self)
{
    OuObject *r = call_method(self, OU_ID(__bool__), NULL, 0, NULL);
    if (!r)
        return -1;
    if (!OuBool_Check(r)) {
        OuErr_Format(OuExc_TypeError, "__bool__ should return bool, returned %s", OU_TYPE_NAME(r));
        OU_DECREF(r);
        return -1;
    }
    int v = r == OU_TRUE;
    OU_DECREF(r);
    return v;
}

static Ou_ssize_t slot_mp_length(OuObject *self)
{
    OuObject *r = call_method(self, OU_ID(__len__), NULL, 0, NULL);
    if (!r)
        return -1;
    OuObject *i = OuNumber_Index(r);
    OU_DECREF(r);
    if (!i)
        return -1;
    if (OuInt_Sign(i) < 0) {
        OU_DECREF(i);
        OuErr_SetString(OuExc_ValueError, "__len__() should return >= 0");
        return -1;
    }
    Ou_ssize_t n = OuNumber_AsSsize_t(i, OuExc_OverflowError);
    OU_DECREF(i);
    return n;
}

static OuObject *slot_mp_subscript(OuObject *self, OuObject *key)
{
    return call_method(self, OU_ID(__getitem__), &key, 1, NULL);
}

static int slot_mp_ass_subscript(OuObject *self, OuObject *key, OuObject *value)
{
    OuObject *args[2] = {key, value};
    OuObject *r = value ? call_method(self, OU_ID(__setitem__), args, 2, NULL)
                        : call_method(self, OU_ID(__delitem__), args, 1, NULL);
    if (!r)
        return -1;
    OU_DECREF(r);
    return 0;
}

static int slot_sq_contains(OuObject *self, OuObject *value)
{
    OuObject *d = OuType_Lookup(OU_TYPE(self), OU_ID(__contains__));
    if (!d || d == OU_NONE) {
        OuErr_Format(OuExc_TypeError, "argument of type '%s' is not iterable", OU_TYPE_NAME(self));
        return -1;
    }
    OuObject *r = call_found(d, self, &value, 1, NULL);
    if (!r)
        return -1;
    int t = OuObject_IsTrue(r);
    OU_DECREF(r);
    return t;
}

#define SLOT_UNARY(FN, NAME) \
    static OuObject *FN(OuObject *self) { return call_method(self, OU_ID(NAME), NULL, 0, NULL); }
SLOT_UNARY(slot_nb_negative, __neg__)
SLOT_UNARY(slot_nb_positive, __pos__)
SLOT_UNARY(slot_nb_absolute, __abs__)
SLOT_UNARY(slot_nb_invert, __invert__)
SLOT_UNARY(slot_nb_int, __int__)
SLOT_UNARY(slot_nb_float, __float__)
SLOT_UNARY(slot_nb_index, __index__)
SLOT_UNARY(slot_am_await, __await__)
SLOT_UNARY(slot_am_aiter, __aiter__)
SLOT_UNARY(slot_am_anext, __anext__)

/* True if right_type's `name` differs from left_type's (so the reflected
   method of a subclass is tried first). */
static int method_is_overloaded(OuTypeObject *left, OuTypeObject *right, OuObject *name)
{
    OuObject *b = OuType_Lookup(right, name);
    if (!b)
        return 0;
    return OuType_Lookup(left, name) != b;
}

/* The shared logic of a binary slot: a.__op__(b) or b.__rop__(a), with the
   subclass's reflected method first when it overrides it. */
static OuObject *slot_binary(OuObject *self, OuObject *other, Ou_ssize_t off, void *fn,
                             OuObject *lname, OuObject *rname)
{
    OuTypeObject *ts = OU_TYPE(self), *to = OU_TYPE(other);
    int do_other = ts != to && *SLOT_PTR(to, off) == fn;
    if (*SLOT_PTR(ts, off) == fn) {
        if (do_other && OuType_IsSubtype(to, ts) && method_is_overloaded(ts, to, rname)) {
            OuObject *r = call_maybe(other, rname, &self, 1);
            if (r != OU_NOTIMPLEMENTED)
                return r;
            OU_DECREF(r);
            do_other = 0;
        }
        OuObject *r = call_maybe(self, lname, &other, 1);
        if (r != OU_NOTIMPLEMENTED || ts == to)
            return r;
        OU_DECREF(r);
    }
    if (do_other)
        return call_maybe(other, rname, &self, 1);
    OU_RETURN_NOTIMPLEMENTED;
}

#define SLOT_BINARY(FN, SLOT, LNAME, RNAME) \
    static OuObject *FN(OuObject *self, OuObject *other) \
    { return slot_binary(self, other, OFF(SLOT), (void *)FN, OU_ID(LNAME), OU_ID(RNAME)); }
SLOT_BINARY(slot_nb_add, nb_add, __add__, __radd__)
SLOT_BINARY(slot_nb_subtract, nb_subtract, __sub__, __rsub__)
SLOT_BINARY(slot_nb_multiply, nb_multiply, __mul__, __rmul__)
SLOT_BINARY(slot_nb_remainder, nb_remainder, __mod__, __rmod__)
SLOT_BINARY(slot_nb_divmod, nb_divmod, __divmod__, __rdivmod__)
SLOT_BINARY(slot_nb_lshift, nb_lshift, __lshift__, __rlshift__)
SLOT_BINARY(slot_nb_rshift, nb_rshift, __rshift__, __rrshift__)
SLOT_BINARY(slot_nb_and, nb_and, __and__, __rand__)
SLOT_BINARY(slot_nb_xor, nb_xor, __xor__, __rxor__)
SLOT_BINARY(slot_nb_or, nb_or, __or__, __ror__)
SLOT_BINARY(slot_nb_floor_divide, nb_floor_divide, __floordiv__, __rfloordiv__)
SLOT_BINARY(slot_nb_true_divide, nb_true_divide, __truediv__, __rtruediv__)
SLOT_BINARY(slot_nb_matrix_multiply, nb_matrix_multiply, __matmul__, __rmatmul__)

static OuObject *slot_nb_power(OuObject *self, OuObject *other, OuObject *mod)
{
    if (!mod || mod == OU_NONE)
        return slot_binary(self, other, OFF(nb_power), (void *)slot_nb_power,
                           OU_ID(__pow__), OU_ID(__rpow__));
    if (OU_TYPE(self)->nb_power == slot_nb_power) {
        OuObject *args[2] = {other, mod};
        return call_maybe(self, OU_ID(__pow__), args, 2);
    }
    OU_RETURN_NOTIMPLEMENTED;
}

#define SLOT_INPLACE(FN, NAME) \
    static OuObject *FN(OuObject *self, OuObject *other) { return call_maybe(self, OU_ID(NAME), &other, 1); }
SLOT_INPLACE(slot_nb_inplace_add, __iadd__)
SLOT_INPLACE(slot_nb_inplace_subtract, __isub__)
SLOT_INPLACE(slot_nb_inplace_multiply, __imul__)
SLOT_INPLACE(slot_nb_inplace_remainder, __imod__)
SLOT_INPLACE(slot_nb_inplace_lshift, __ilshift__)
SLOT_INPLACE(slot_nb_inplace_rshift, __irshift__)
SLOT_INPLACE(slot_nb_inplace_and, __iand__)
SLOT_INPLACE(slot_nb_inplace_xor, __ixor__)
SLOT_INPLACE(slot_nb_inplace_or, __ior__)
SLOT_INPLACE(slot_nb_inplace_floor_divide, __ifloordiv__)
SLOT_INPLACE(slot_nb_inplace_true_divide, __itruediv__)
SLOT_INPLACE(slot_nb_inplace_matrix_multiply, __imatmul__)

static OuObject *slot_nb_inplace_power(OuObject *self, OuObject *other, OuObject *mod)
{
    return call_maybe(self, OU_ID(__ipow__), &other, 1);
}

/* ------------------------------------------------------------------ */
/* The table                                                            */

/* ------------------------------------------------------------------ */
/* Wrappers: the Python-level call of a built-in slot (OuWrapperFunc)  */

static int check_nargs(Ou_ssize_t nargs, Ou_ssize_t n)
{
    if (nargs == n)
        return 0;
    OuErr_Format(OuExc_TypeError, "expected %zd argument%s, got %zd", n, n == 1 ? "" : "s", nargs);
    return -1;
}

static int check_nargs_range(Ou_ssize_t nargs, Ou_ssize_t lo, Ou_ssize_t hi)
{
    if (nargs < lo) {
        OuErr_Format(OuExc_TypeError, "expected at least %zd argument%s, got %zd", lo, lo == 1 ? "" : "s", nargs);
        return -1;
    }
    if (nargs > hi) {
        OuErr_Format(OuExc_TypeError, "expected at most %zd argument%s, got %zd", hi, hi == 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

static OuObject *none_or_fail(int r)
{
    if (r < 0)
        return NULL;
    OU_RETURN_NONE;
}

#define WRAPFN(fn) static OuObject *fn(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, \
                                       OuObject *kwnames, void *w)
WRAPFN(wrap_unary) { return check_nargs(nargs, 0) ? NULL : ((unaryfunc)w)(self); }
WRAPFN(wrap_binary_l) { return check_nargs(nargs, 1) ? NULL : ((binaryfunc)w)(self, args[0]); }
WRAPFN(wrap_binary_r) { return check_nargs(nargs, 1) ? NULL : ((binaryfunc)w)(args[0], self); }
WRAPFN(wrap_ternary_l)
{
    if (check_nargs_range(nargs, 1, 2))
        return NULL;
    return ((ternaryfunc)w)(self, args[0], nargs > 1 ? args[1] : OU_NONE);
}
WRAPFN(wrap_ternary_r)
{
    if (check_nargs_range(nargs, 1, 2))
        return NULL;
    return ((ternaryfunc)w)(args[0], self, nargs > 1 ? args[1] : OU_NONE);
}
WRAPFN(wrap_inquiry)
{
    if (check_nargs(nargs, 0))
        return NULL;
    int r = ((inquiry)w)(self);
    return r < 0 ? NULL : OuBool_FromLong(r);
}
WRAPFN(wrap_len)
{
    if (check_nargs(nargs, 0))
        return NULL;
    Ou_ssize_t n = ((lenfunc)w)(self);
    return n < 0 ? NULL : OuInt_FromSsize_t(n);
}
WRAPFN(wrap_hash)
{
    if (check_nargs(nargs, 0))
        return NULL;
    Ou_hash_t h = ((hashfunc)w)(self);
    return h == -1 && OuErr_Occurred() ? NULL : OuInt_FromSsize_t(h);
}
#define WRAP_CMP(fn, OP) \
    WRAPFN(fn) { return check_nargs(nargs, 1) ? NULL : ((richcmpfunc)w)(self, args[0], OP); }
WRAP_CMP(wrap_lt, OU_LT)
WRAP_CMP(wrap_le, OU_LE)
WRAP_CMP(wrap_eq, OU_EQ)
WRAP_CMP(wrap_ne, OU_NE)
WRAP_CMP(wrap_gt, OU_GT)
WRAP_CMP(wrap_ge, OU_GE)
WRAPFN(wrap_call) { return ((vectorcallfunc)w)(self, args, nargs, kwnames); }
WRAPFN(wrap_init) { return none_or_fail(((initproc)w)(self, args, nargs, kwnames)); }
WRAPFN(wrap_getattr) { return check_nargs(nargs, 1) ? NULL : ((getattrofunc)w)(self, args[0]); }
WRAPFN(wrap_setattr)
{
    return check_nargs(nargs, 2) ? NULL : none_or_fail(((setattrofunc)w)(self, args[0], args[1]));
}
WRAPFN(wrap_delattr)
{
    return check_nargs(nargs, 1) ? NULL : none_or_fail(((setattrofunc)w)(self, args[0], NULL));
}
WRAPFN(wrap_descr_get)
{
    if (check_nargs_range(nargs, 1, 2))
        return NULL;
    OuObject *obj = args[0] == OU_NONE ? NULL : args[0];
    OuObject *type = nargs > 1 && args[1] != OU_NONE ? args[1] : NULL;
    if (!obj && !type)
        return OuErr_Format(OuExc_TypeError, "__get__(None, None) is invalid");
    return ((descrgetfunc)w)(self, obj, type);
}
WRAPFN(wrap_descr_set)
{
    return check_nargs(nargs, 2) ? NULL : none_or_fail(((descrsetfunc)w)(self, args[0], args[1]));
}
WRAPFN(wrap_descr_del)
{
    return check_nargs(nargs, 1) ? NULL : none_or_fail(((descrsetfunc)w)(self, args[0], NULL));
}
WRAPFN(wrap_setitem)
{
    return check_nargs(nargs, 2) ? NULL : none_or_fail(((objobjargproc)w)(self, args[0], args[1]));
}
WRAPFN(wrap_delitem)
{
    return check_nargs(nargs, 1) ? NULL : none_or_fail(((objobjargproc)w)(self, args[0], NULL));
}
WRAPFN(wrap_contains)
{
    if (check_nargs(nargs, 1))
        return NULL;
    int r = ((objobjproc)w)(self, args[0]);
    return r < 0 ? NULL : OuBool_FromLong(r);
}
WRAPFN(wrap_sq_item)
{
    if (check_nargs(nargs, 1))
        return NULL;
    Ou_ssize_t i = OuNumber_AsSsize_t(args[0], OuExc_OverflowError);
    if (i == -1 && OuErr_Occurred())
        return NULL;
    if (i < 0 && OU_TYPE(self)->mp_length) {
        Ou_ssize_t n = OU_TYPE(self)->mp_length(self);
        if (n < 0)
            return NULL;
        i += n;
    }
    return ((ssizeargfunc)w)(self, i);
}
WRAPFN(wrap_sq_repeat)
{
    if (check_nargs(nargs, 1))
        return NULL;
    if (!OuIndex_Check(args[0]))
        OU_RETURN_NOTIMPLEMENTED;
    Ou_ssize_t n = OuNumber_AsSsize_t(args[0], OuExc_OverflowError);
    if (n == -1 && OuErr_Occurred())
        return NULL;
    return ((ssizeargfunc)w)(self, n);
}
WRAPFN(wrap_next)
{
    if (check_nargs(nargs, 0))
        return NULL;
    OuObject *r = ((iternextfunc)w)(self);
    if (!r && !OuErr_Occurred())
        OuErr_SetNone(OuExc_StopIteration);
    return r;
}
WRAPFN(wrap_del)
{
    if (check_nargs(nargs, 0))
        return NULL;
    ((destructor)w)(self);
    OU_RETURN_NONE;
}

#define SD(NAME, FIELD, GEN, W) { #NAME, offsetof(OuTypeObject, FIELD), (void *)(GEN), W, 0, NULL, NULL }
#define SDOP(NAME, OP) { #NAME, offsetof(OuTypeObject, tp_richcompare), (void *)slot_tp_richcompare, wrap_##OP, 0, NULL, NULL }
#define BIN(L, R, FIELD, GEN) SD(L, FIELD, GEN, wrap_binary_l), SD(R, FIELD, GEN, wrap_binary_r)

static OuSlotDef slotdefs[] = {
    SD(__getattribute__, tp_getattro, slot_tp_getattr_hook, wrap_getattr),
    SD(__getattr__, tp_getattro, slot_tp_getattr_hook, NULL),
    SD(__setattr__, tp_setattro, slot_tp_setattro, wrap_setattr),
    SD(__delattr__, tp_setattro, slot_tp_setattro, wrap_delattr),
    SD(__repr__, tp_repr, slot_tp_repr, wrap_unary),
    SD(__hash__, tp_hash, slot_tp_hash, wrap_hash),
    SD(__call__, tp_call, slot_tp_call, wrap_call),
    SD(__str__, tp_str, slot_tp_str, wrap_unary),
    SDOP(__lt__, lt), SDOP(__le__, le), SDOP(__eq__, eq),
    SDOP(__ne__, ne), SDOP(__gt__, gt), SDOP(__ge__, ge),
    SD(__iter__, tp_iter, slot_tp_iter, wrap_unary),
    SD(__next__, tp_iternext, slot_tp_iternext, wrap_next),
    SD(__get__, tp_descr_get, slot_tp_descr_get, wrap_descr_get),
    SD(__set__, tp_descr_set, slot_tp_descr_set, wrap_descr_set),
    SD(__delete__, tp_descr_set, slot_tp_descr_set, wrap_descr_del),
    SD(__init__, tp_init, slot_tp_init, wrap_init),
    SD(__new__, tp_new, slot_tp_new, NULL),
    SD(__del__, tp_finalize, slot_tp_finalize, wrap_del),
    SD(__await__, am_await, slot_am_await, wrap_unary),
    SD(__aiter__, am_aiter, slot_am_aiter, wrap_unary),
    SD(__anext__, am_anext, slot_am_anext, wrap_unary),
    BIN(__add__, __radd__, nb_add, slot_nb_add),
    BIN(__sub__, __rsub__, nb_subtract, slot_nb_subtract),
    BIN(__mul__, __rmul__, nb_multiply, slot_nb_multiply),
    BIN(__mod__, __rmod__, nb_remainder, slot_nb_remainder),
    BIN(__divmod__, __rdivmod__, nb_divmod, slot_nb_divmod),
    SD(__pow__, nb_power, slot_nb_power, wrap_ternary_l),
    SD(__rpow__, nb_power, slot_nb_power, wrap_ternary_r),
    SD(__neg__, nb_negative, slot_nb_negative, wrap_unary),
    SD(__pos__, nb_positive, slot_nb_positive, wrap_unary),
    SD(__abs__, nb_absolute, slot_nb_absolute, wrap_unary),
    SD(__bool__, nb_bool, slot_nb_bool, wrap_inquiry),
    SD(__invert__, nb_invert, slot_nb_invert, wrap_unary),
    BIN(__lshift__, __rlshift__, nb_lshift, slot_nb_lshift),
    BIN(__rshift__, __rrshift__, nb_rshift, slot_nb_rshift),
    BIN(__and__, __rand__, nb_and, slot_nb_and),
    BIN(__xor__, __rxor__, nb_xor, slot_nb_xor),
    BIN(__or__, __ror__, nb_or, slot_nb_or),
    SD(__int__, nb_int, slot_nb_int, wrap_unary),
    SD(__float__, nb_float, slot_nb_float, wrap_unary),
    SD(__iadd__, nb_inplace_add, slot_nb_inplace_add, wrap_binary_l),
    SD(__isub__, nb_inplace_subtract, slot_nb_inplace_subtract, wrap_binary_l),
    SD(__imul__, nb_inplace_multiply, slot_nb_inplace_multiply, wrap_binary_l),
    SD(__imod__, nb_inplace_remainder, slot_nb_inplace_remainder, wrap_binary_l),
    SD(__ipow__, nb_inplace_power, slot_nb_inplace_power, wrap_ternary_l),
    SD(__ilshift__, nb_inplace_lshift, slot_nb_inplace_lshift, wrap_binary_l),
    SD(__irshift__, nb_inplace_rshift, slot_nb_inplace_rshift, wrap_binary_l),
    SD(__iand__, nb_inplace_and, slot_nb_inplace_and, wrap_binary_l),
    SD(__ixor__, nb_inplace_xor, slot_nb_inplace_xor, wrap_binary_l),
    SD(__ior__, nb_inplace_or, slot_nb_inplace_or, wrap_binary_l),
    BIN(__floordiv__, __rfloordiv__, nb_floor_divide, slot_nb_floor_divide),
    BIN(__truediv__, __rtruediv__, nb_true_divide, slot_nb_true_divide),
    SD(__ifloordiv__, nb_inplace_floor_divide, slot_nb_inplace_floor_divide, wrap_binary_l),
    SD(__itruediv__, nb_inplace_true_divide, slot_nb_inplace_true_divide, wrap_binary_l),
    SD(__index__, nb_index, slot_nb_index, wrap_unary),
    BIN(__matmul__, __rmatmul__, nb_matrix_multiply, slot_nb_matrix_multiply),
    SD(__imatmul__, nb_inplace_matrix_multiply, slot_nb_inplace_matrix_multiply, wrap_binary_l),
    SD(__len__, mp_length, slot_mp_length, wrap_len),
    SD(__getitem__, mp_subscript, slot_mp_subscript, wrap_binary_l),
    SD(__setitem__, mp_ass_subscript, slot_mp_ass_subscript, wrap_setitem),
    SD(__delitem__, mp_ass_subscript, slot_mp_ass_subscript, wrap_delitem),
    SD(__contains__, sq_contains, slot_sq_contains, wrap_contains),
    /* helper slots: cleared when the dunder is overridden in Python */
    SD(__getitem__, sq_item, NULL, wrap_sq_item),
    SD(__add__, sq_concat, NULL, wrap_binary_l),
    SD(__mul__, sq_repeat, NULL, wrap_sq_repeat),
    SD(__rmul__, sq_repeat, NULL, wrap_sq_repeat),
    SD(__iadd__, sq_inplace_concat, NULL, wrap_binary_l),
    SD(__imul__, sq_inplace_repeat, NULL, wrap_sq_repeat),
};
#define NSLOTDEFS ((int)(sizeof(slotdefs) / sizeof(slotdefs[0])))

static int slot_next[NSLOTDEFS];   /* next entry with the same offset, -1 */
static char slot_first[NSLOTDEFS]; /* first entry of its group */
static int slots_ready;

int OuTypeSlots_Init(void)
{
    if (slots_ready)
        return 0;
    for (int i = 0; i < NSLOTDEFS; i++) {
        OuSlotDef *sd = &slotdefs[i];
        sd->name_obj = OuStr_InternFromString(sd->name);
        if (!sd->name_obj)
            return -1;
        if (sd->wrapper == wrap_call || sd->wrapper == wrap_init)
            sd->flags |= OU_SLOT_KW;
        slot_first[i] = 1;
        slot_next[i] = -1;
        for (int j = 0; j < i; j++)
            if (slotdefs[j].offset == sd->offset) {
                slot_first[i] = 0;
                break;
            }
        for (int j = i + 1; j < NSLOTDEFS; j++)
            if (slotdefs[j].offset == sd->offset) {
                slot_next[i] = j;
                break;
            }
    }
    slots_ready = 1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Heap types: slots from dunders                                       */

int OuTypeSlots_IsNewWrapper(OuObject *o, OuTypeObject **owner)
{
    if (!OuCFunction_Check(o) || ((OuCFunctionObject *)o)->m_ml != &tp_new_def)
        return 0;
    OuObject *self = ((OuCFunctionObject *)o)->m_self;
    if (!self || !OuType_Check(self))
        return 0;
    if (owner)
        *owner = (OuTypeObject *)self;
    return 1;
}

int OuDescr_IsWrapperFor(OuObject *descr, size_t offset, void **wrapped)
{
    if (OU_TYPE(descr) != &OuWrapperDescr_Type)
        return 0;
    OuWrapperDescrObject *wd = (OuWrapperDescrObject *)descr;
    if (wd->d_slot->offset != offset)
        return 0;
    if (wrapped)
        *wrapped = wd->d_wrapped;
    return 1;
}

/* Recompute the slot of the group starting at entry `first`: the C function
   of an untouched wrapper of this slot, else the generic slot when a Python
   attribute defines the dunder, else NULL. Helper slots (generic NULL) are
   cleared when overridden and otherwise follow the base. */
static void fixup_group(OuTypeObject *type, int first)
{
    OuSlotDef *g = &slotdefs[first];
    size_t off = g->offset;
    void *native = NULL;
    int generic = 0;
    for (int i = first; i >= 0; i = slot_next[i]) {
        OuObject *d = OuType_Lookup(type, slotdefs[i].name_obj);
        if (!d)
            continue;
        void *fn;
        OuTypeObject *owner;
        if (OU_TYPE(d) == &OuWrapperDescr_Type) {
            if (!OuDescr_IsWrapperFor(d, off, &fn))
                continue;          /* served by another slot */
        } else if (off == (size_t)OFF(tp_new) && OuTypeSlots_IsNewWrapper(d, &owner)) {
            fn = (void *)owner->tp_new;
        } else if (off == (size_t)OFF(tp_hash) && d == OU_NONE) {
            fn = (void *)OuObject_HashNotImplemented;
        } else {
            generic = 1;
            continue;
        }
        if (native && native != fn)
            generic = 1;
        native = fn;
    }
    void *val;
    if (!g->generic)
        val = generic ? NULL : native ? native : type->tp_base ? *SLOT_PTR(type->tp_base, off) : NULL;
    else
        val = generic ? g->generic : native;
    *SLOT_PTR(type, off) = val;
}

void OuTypeSlots_Fixup(OuTypeObject *type)
{
    for (int i = 0; i < NSLOTDEFS; i++)
        if (slot_first[i])
            fixup_group(type, i);
}

static void update_groups(OuTypeObject *type, const int *groups, int n, int depth)
{
    if (!(type->tp_flags & OU_TPFLAGS_HEAPTYPE) || depth > 200)
        return;
    for (int k = 0; k < n; k++)
        fixup_group(type, groups[k]);
    OuObject *subs = OuType_Subclasses(type);
    if (!subs) {
        OuErr_Clear();
        return;
    }
    for (Ou_ssize_t i = 0; i < OU_LIST_LEN(subs); i++)
        update_groups((OuTypeObject *)OU_LIST_GET(subs, i), groups, n, depth + 1);
    OU_DECREF(subs);
}

void OuTypeSlots_Update(OuTypeObject *type, OuObject *name)
{
    if (!OuStr_Check(name) || OU_STR_LEN(name) < 5 || OU_STR_CHAR(name, 0) != '_' ||
        OU_STR_CHAR(name, 1) != '_')
        return;
    int groups[8], n = 0;
    for (int i = 0; i < NSLOTDEFS && n < 8; i++) {
        if (slotdefs[i].name_obj != name && !OuStr_Equal(slotdefs[i].name_obj, name))
            continue;
        int f = 0;      /* the group head: first entry with this offset */
        while (slotdefs[f].offset != slotdefs[i].offset)
            f++;
        int dup = 0;
        for (int k = 0; k < n; k++)
            dup |= groups[k] == f;
        if (!dup)
            groups[n++] = f;
    }
    if (n)
        update_groups(type, groups, n, 0);
}

/* ------------------------------------------------------------------ */
/* "__new__" of static types                                            */

/* T.__new__(S, *args): S must be a subtype of T whose nearest static
   ancestor uses the same tp_new. `self` is T. */
static OuObject *tp_new_wrapper(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    OuTypeObject *type = (OuTypeObject *)self;
    if (nargs < 1)
        return OuErr_Format(OuExc_TypeError, "%s.__new__(): not enough arguments", type->tp_name);
    OuObject *arg0 = args[0];
    if (!OuType_Check(arg0))
        return OuErr_Format(OuExc_TypeError, "%s.__new__(X): X is not a type object (%s)",
                            type->tp_name, OU_TYPE_NAME(arg0));
    OuTypeObject *sub = (OuTypeObject *)arg0;
    if (!OuType_IsSubtype(sub, type))
        return OuErr_Format(OuExc_TypeError, "%s.__new__(%s): %s is not a subtype of %s",
                            type->tp_name, sub->tp_name, sub->tp_name, type->tp_name);
    OuTypeObject *staticbase = sub;
    while (staticbase && staticbase->tp_new == slot_tp_new)
        staticbase = staticbase->tp_base;
    if (staticbase && staticbase->tp_new != type->tp_new)
        return OuErr_Format(OuExc_TypeError, "%s.__new__(%s) is not safe, use %s.__new__()",
                            type->tp_name, sub->tp_name, staticbase->tp_name);
    return type->tp_new(sub, args + 1, nargs - 1, kwnames);
}

static const OuMethodDef tp_new_def = {
    "__new__", (void *)tp_new_wrapper, OU_METH_FAST,
    "Create and return a new object.  See help(type) for accurate signature."
};

OuObject *OuTypeSlots_NewWrapper(OuTypeObject *type)
{
    return OuCFunction_New(&tp_new_def, (OuObject *)type, NULL);
}

/* ------------------------------------------------------------------ */
/* Wrapper descriptors                                                  */

OuObject *OuDescr_NewWrapper(OuTypeObject *type, const OuSlotDef *sd, void *wrapped)
{
    OuWrapperDescrObject *w = (OuWrapperDescrObject *)OuType_GenericAlloc(&OuWrapperDescr_Type, 0);
    if (!w)
        return NULL;
    OU_INCREF(type);
    w->d_common.d_type = type;
    w->d_common.d_name = OU_NEWREF(sd->name_obj);
    w->d_common.d_qualname = NULL;
    w->d_slot = sd;
    w->d_wrapped = wrapped;
    return (OuObject *)w;
}

int OuTypeSlots_AddWrappers(OuTypeObject *type)
{
    if (OuTypeSlots_Init() < 0)
        return -1;
    OuObject *dict = type->tp_dict;
    for (int i = 0; i < NSLOTDEFS; i++) {
        const OuSlotDef *sd = &slotdefs[i];
        void *fn = *SLOT_PTR(type, sd->offset);
        if (!fn)
            continue;
        int is_new = sd->offset == (size_t)OFF(tp_new);
        if (!sd->wrapper && !is_new)
            continue;
        int has = OuDict_Contains(dict, sd->name_obj);
        if (has < 0)
            return -1;
        if (has)
            continue;
        OuObject *w;
        if (sd->offset == (size_t)OFF(tp_hash) && fn == (void *)OuObject_HashNotImplemented)
            w = OU_NEWREF(OU_NONE);
        else if (is_new)
            w = OuTypeSlots_NewWrapper(type);
        else
            w = OuDescr_NewWrapper(type, sd, fn);
        if (!w)
            return -1;
        int r = OuDict_SetItem(dict, sd->name_obj, w);
        OU_DECREF(w);
        if (r < 0)
            return -1;
    }
    return 0;
}

/* Call the C slot of wrapper `wd` for `self` with the Python-level args. */
static OuObject *wrapper_invoke(OuWrapperDescrObject *wd, OuObject *self, OuObject *const *args,
                                Ou_ssize_t nargs, OuObject *kwnames)
{
    const OuSlotDef *sd = wd->d_slot;
    if (kwnames && OU_TUPLE_LEN(kwnames) && !(sd->flags & OU_SLOT_KW))
        return OuErr_Format(OuExc_TypeError, "wrapper %U() takes no keyword arguments", sd->name_obj);
    return sd->wrapper(self, args, nargs, kwnames, wd->d_wrapped);
}

static const char *wd_type_name(OuWrapperDescrObject *wd) { return wd->d_common.d_type->tp_name; }

static OuObject *wd_descr_get(OuObject *o, OuObject *obj, OuObject *type)
{
    OuWrapperDescrObject *wd = (OuWrapperDescrObject *)o;
    if (!obj)
        return OU_NEWREF(o);
    if (!OuObject_TypeCheck(obj, wd->d_common.d_type))
        return OuErr_Format(OuExc_TypeError, "descriptor '%U' for '%s' objects doesn't apply to a '%s' object",
                            wd->d_common.d_name, wd_type_name(wd), OU_TYPE_NAME(obj));
    return OuMethodWrapper_New(o, obj);
}

static OuObject *wd_call(OuObject *o, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    OuWrapperDescrObject *wd = (OuWrapperDescrObject *)o;
    if (nargs < 1)
        return OuErr_Format(OuExc_TypeError, "descriptor '%U' of '%s' object needs an argument",
                            wd->d_common.d_name, wd_type_name(wd));
    if (!OuObject_TypeCheck(args[0], wd->d_common.d_type))
        return OuErr_Format(OuExc_TypeError, "descriptor '%U' requires a '%s' object but received a '%s'",
                            wd->d_common.d_name, wd_type_name(wd), OU_TYPE_NAME(args[0]));
    return wrapper_invoke(wd, args[0], args + 1, nargs - 1, kwnames);
}

static OuObject *wd_repr(OuObject *o)
{
    OuWrapperDescrObject *wd = (OuWrapperDescrObject *)o;
    return OuStr_FromFormat("<slot wrapper '%U' of '%s' objects>", wd->d_common.d_name, wd_type_name(wd));
}

static void wd_dealloc(OuObject *o)
{
    OuWrapperDescrObject *wd = (OuWrapperDescrObject *)o;
    OU_XDECREF(wd->d_common.d_type);
    OU_XDECREF(wd->d_common.d_name);
    OU_XDECREF(wd->d_common.d_qualname);
    OU_TYPE(o)->tp_free(o);
}

static OuObject *wd_get_name(OuObject *o, void *c)
{
    return OU_NEWREF(((OuWrapperDescrObject *)o)->d_common.d_name);
}

static OuObject *wd_get_qualname(OuObject *o, void *c)
{
    OuWrapperDescrObject *wd = (OuWrapperDescrObject *)o;
    if (!wd->d_common.d_qualname) {
        OuObject *tq = OuType_GetQualName(wd->d_common.d_type);
        if (!tq)
            return NULL;
        wd->d_common.d_qualname = OuStr_FromFormat("%U.%U", tq, wd->d_common.d_name);
        OU_DECREF(tq);
        if (!wd->d_common.d_qualname)
            return NULL;
    }
    return OU_NEWREF(wd->d_common.d_qualname);
}

static OuObject *wd_get_objclass(OuObject *o, void *c)
{
    return OU_NEWREF(((OuWrapperDescrObject *)o)->d_common.d_type);
}

static OuObject *get_none(OuObject *o, void *c) { OU_RETURN_NONE; }

static OuGetSetDef wd_getset[] = {
    {"__name__", wd_get_name, NULL, NULL, NULL},
    {"__qualname__", wd_get_qualname, NULL, NULL, NULL},
    {"__objclass__", wd_get_objclass, NULL, NULL, NULL},
    {"__doc__", get_none, NULL, NULL, NULL},
    {"__text_signature__", get_none, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

OuTypeObject OuWrapperDescr_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "wrapper_descriptor",
    .tp_basicsize = sizeof(OuWrapperDescrObject),
    .tp_dealloc = wd_dealloc,
    .tp_repr = wd_repr,
    .tp_call = wd_call,
    .tp_getattro = OuObject_GenericGetAttr,
    .tp_descr_get = wd_descr_get,
    .tp_getset = wd_getset,
};

/* ------------------------------------------------------------------ */
/* method-wrapper: a slot wrapper bound to an instance                  */

typedef struct {
    OuObject_HEAD
    OuWrapperDescrObject *descr;
    OuObject *self;
} OuMethodWrapperObject;

OuObject *OuMethodWrapper_New(OuObject *descr, OuObject *self)
{
    OuMethodWrapperObject *m = (OuMethodWrapperObject *)OuType_GenericAlloc(&OuMethodWrapper_Type, 0);
    if (!m)
        return NULL;
    m->descr = (OuWrapperDescrObject *)OU_NEWREF(descr);
    m->self = OU_NEWREF(self);
    return (OuObject *)m;
}

static void mw_dealloc(OuObject *o)
{
    OuMethodWrapperObject *m = (OuMethodWrapperObject *)o;
    OU_XDECREF(m->descr);
    OU_XDECREF(m->self);
    OU_TYPE(o)->tp_free(o);
}

static OuObject *mw_call(OuObject *o, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    OuMethodWrapperObject *m = (OuMethodWrapperObject *)o;
    return wrapper_invoke(m->descr, m->self, args, nargs, kwnames);
}

static OuObject *mw_repr(OuObject *o)
{
    OuMethodWrapperObject *m = (OuMethodWrapperObject *)o;
    return OuStr_FromFormat("<method-wrapper '%U' of %s object at %p>", m->descr->d_common.d_name,
                            OU_TYPE_NAME(m->self), (void *)m->self);
}

static OuObject *mw_richcompare(OuObject *a, OuObject *b, int op)
{
    if ((op != OU_EQ && op != OU_NE) || OU_TYPE(b) != &OuMethodWrapper_Type)
        OU_RETURN_NOTIMPLEMENTED;
    OuMethodWrapperObject *x = (OuMethodWrapperObject *)a, *y = (OuMethodWrapperObject *)b;
    int eq = x->descr == y->descr && x->self == y->self;
    return OuBool_FromLong(op == OU_EQ ? eq : !eq);
}

static Ou_hash_t mw_hash(OuObject *o)
{
    OuMethodWrapperObject *m = (OuMethodWrapperObject *)o;
    Ou_hash_t h = (Ou_hash_t)(((uintptr_t)m->self >> 4) ^ ((uintptr_t)m->descr >> 3));
    return h == -1 ? -2 : h;
}

static OuObject *mw_get_self(OuObject *o, void *c) { return OU_NEWREF(((OuMethodWrapperObject *)o)->self); }
static OuObject *mw_get_name(OuObject *o, void *c)
{
    return OU_NEWREF(((OuMethodWrapperObject *)o)->descr->d_common.d_name);
}
static OuObject *mw_get_qualname(OuObject *o, void *c)
{
    return wd_get_qualname((OuObject *)((OuMethodWrapperObject *)o)->descr, c);
}
static OuObject *mw_get_objclass(OuObject *o, void *c)
{
    return OU_NEWREF(((OuMethodWrapperObject *)o)->descr->d_common.d_type);
}

static OuGetSetDef mw_getset[] = {
    {"__self__", mw_get_self, NULL, NULL, NULL},
    {"__name__", mw_get_name, NULL, NULL, NULL},
    {"__qualname__", mw_get_qualname, NULL, NULL, NULL},
    {"__objclass__", mw_get_objclass, NULL, NULL, NULL},
    {"__text_signature__", get_none, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

OuTypeObject OuMethodWrapper_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "method-wrapper",
    .tp_basicsize = sizeof(OuMethodWrapperObject),
    .tp_dealloc = mw_dealloc,
    .tp_repr = mw_repr,
    .tp_hash = mw_hash,
    .tp_call = mw_call,
    .tp_richcompare = mw_richcompare,
    .tp_getattro = OuObject_GenericGetAttr,
    .tp_getset = mw_getset,
};

/* ------------------------------------------------------------------ */

int OuTypes_Init(void)
{
    if (OuTypeSlots_Init() < 0)
        return -1;
    if (OuType_Ready(&OuBaseObject_Type) < 0 || OuType_Ready(&OuType_Type) < 0 ||
        OuType_Ready(&OuSuper_Type) < 0 || OuType_Ready(&OuWrapperDescr_Type) < 0 ||
        OuType_Ready(&OuMethodWrapper_Type) < 0)
        return -1;
    return 0;
}

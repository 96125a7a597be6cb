/*
 * descriptors.c -- the descriptors made from the method/member/getset tables
 * of built-in types, and property, classmethod and staticmethod.
 *
 * Types defined here:
 *   OuMethodDescr_Type       "method_descriptor"
 *   OuClassMethodDescr_Type  "classmethod_descriptor"
 *   OuMemberDescr_Type       "member_descriptor"
 *   OuGetSetDescr_Type       "getset_descriptor"
 *   OuProperty_Type          "property"
 *   OuClassMethod_Type       "classmethod"
 *   OuStaticMethod_Type      "staticmethod"
 * OuDescr_Init readies these plus builtin_function_or_method (cfunction.c)
 * and module (module.c).
 */
#include <limits.h>
#include "core/ouro.h"
#include "objects/typeobject.h"

/* ------------------------------------------------------------------ */
/* Common descriptor machinery                                        */

#define DESCR(o) ((OuDescrCommon *)(o))

/* A zeroed descriptor of descrtype for attribute `name` of `type`. */
static OuDescrCommon *descr_alloc(OuTypeObject *descrtype, OuTypeObject *type, const char *name)
{
    OuDescrCommon *d = (OuDescrCommon *)OuType_GenericAlloc(descrtype, 0);
    if (!d)
        return NULL;
    d->d_name = OuStr_InternFromString(name);
    if (!d->d_name) {
        OU_TYPE(d)->tp_free(d);
        return NULL;
    }
    d->d_type = (OuTypeObject *)OU_XNEWREF(type);
    d->d_qualname = NULL;
    return d;
}

static OuObject *descr_finish(OuDescrCommon *d)
{
    OuObject_GC_Track((OuObject *)d);
    return (OuObject *)d;
}

static void descr_dealloc(OuObject *o)
{
    OuDescrCommon *d = DESCR(o);
    OuObject_GC_UnTrack(o);
    OU_CLEAR(d->d_type);
    OU_CLEAR(d->d_name);
    OU_CLEAR(d->d_qualname);
    OU_TYPE(o)->tp_free(o);
}

static int descr_traverse(OuObject *o, visitproc visit, void *arg)
{
    OU_VISIT(DESCR(o)->d_type);
    return 0;
}

static const char *descr_type_name(OuDescrCommon *d)
{
    return d->d_type ? d->d_type->tp_name : "?";
}

/* Lazily "<type qualname>.<name>". */
static OuObject *descr_get_qualname(OuObject *o, void *c)
{
    OuDescrCommon *d = DESCR(o);
    if (!d->d_qualname) {
        if (!d->d_type)
            return OU_NEWREF(d->d_name);
        OuObject *tq = OuType_GetQualName(d->d_type);
        if (!tq)
            return NULL;
        d->d_qualname = OuStr_FromFormat("%U.%U", tq, d->d_name);
        OU_DECREF(tq);
        if (!d->d_qualname)
            return NULL;
    }
    return OU_NEWREF(d->d_qualname);
}

static OuObject *doc_or_none(const char *doc)
{
    if (!doc)
        OU_RETURN_NONE;
    return OuStr_FromUTF8(doc);
}

static OuObject *none_getter(OuObject *o, void *c)
{
    OU_RETURN_NONE;
}

/* For __get__: 1 when the caller should return *res (the descriptor itself for
   class access, or NULL on a type mismatch); 0 to proceed with obj. */
static int descr_check(OuDescrCommon *d, OuObject *obj, OuObject **res)
{
    if (!obj) {
        *res = OU_NEWREF(d);
        return 1;
    }
    if (OU_UNLIKELY(d->d_type && !OuObject_TypeCheck(obj, d->d_type))) {
        OuErr_Format(OuExc_TypeError, "descriptor '%U' for '%s' objects doesn't apply to a '%s' object",
                     d->d_name, descr_type_name(d), OU_TYPE_NAME(obj));
        *res = NULL;
        return 1;
    }
    return 0;
}

/* For __set__/__delete__: -1 with TypeError when obj is not an instance. */
static int descr_setcheck(OuDescrCommon *d, OuObject *obj)
{
    if (d->d_type && !OuObject_TypeCheck(obj, d->d_type)) {
        OuErr_Format(OuExc_TypeError, "descriptor '%U' for '%s' objects doesn't apply to a '%s' object",
                     d->d_name, descr_type_name(d), OU_TYPE_NAME(obj));
        return -1;
    }
    return 0;
}

static OuObject *descr_repr_fmt(OuObject *o, const char *fmt)
{
    return OuStr_FromFormat(fmt, DESCR(o)->d_name, descr_type_name(DESCR(o)));
}

#define DESCR_COMMON_MEMBERS \
    {"__objclass__", OU_T_OBJECT, offsetof(OuDescrCommon, d_type), OU_READONLY, NULL}, \
    {"__name__", OU_T_OBJECT, offsetof(OuDescrCommon, d_name), OU_READONLY, NULL}

/* ------------------------------------------------------------------ */
/* method_descriptor                                                  */

#define MDESCR(o) ((OuMethodDescrObject *)(o))

static OuObject *mdescr_get(OuObject *descr, OuObject *obj, OuObject *type)
{
    OuObject *res;
    if (descr_check(DESCR(descr), obj, &res))
        return res;
    return OuCFunction_New(MDESCR(descr)->d_method, obj, NULL);
}

/* list.append(lst, x): self is args[0]. */
static OuObject *mdescr_call(OuObject *descr, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    OuDescrCommon *d = DESCR(descr);
    if (OU_UNLIKELY(nargs < 1)) {
        OuObject *q = descr_get_qualname(descr, NULL);
        if (!q)
            return NULL;
        OuErr_Format(OuExc_TypeError, "unbound method %U() needs an argument", q);
        OU_DECREF(q);
        return NULL;
    }
    OuObject *self = args[0];
    if (OU_UNLIKELY(OU_TYPE(self) != d->d_type && descr_setcheck(d, self) < 0))
        return NULL;
    return OuCFunction_CallDefOwner(MDESCR(descr)->d_method, d->d_type, self, args + 1, nargs - 1,
                                    kwnames);
}

static OuObject *mdescr_repr(OuObject *o)
{
    return descr_repr_fmt(o, "<method '%U' of '%s' objects>");
}

static OuObject *mdescr_get_doc(OuObject *o, void *c)
{
    return doc_or_none(MDESCR(o)->d_method->ml_doc);
}

static OuMemberDef mdescr_members[] = {
    DESCR_COMMON_MEMBERS,
    {NULL, 0, 0, 0, NULL}
};

static OuGetSetDef mdescr_getset[] = {
    {"__doc__", mdescr_get_doc, NULL, NULL, NULL},
    {"__qualname__", descr_get_qualname, NULL, NULL, NULL},
    {"__text_signature__", none_getter, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

OuTypeObject OuMethodDescr_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "method_descriptor",
    .tp_basicsize = sizeof(OuMethodDescrObject),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = descr_dealloc,
    .tp_free = OuObject_Free,
    .tp_traverse = descr_traverse,
    .tp_repr = mdescr_repr,
    .tp_call = mdescr_call,
    .tp_getattro = OuObject_GenericGetAttr,
    .tp_descr_get = mdescr_get,
    .tp_members = mdescr_members,
    .tp_getset = mdescr_getset,
};

/* ------------------------------------------------------------------ */
/* classmethod_descriptor                                             */

/* Bind to `type` (type(obj) when absent) after checking it. */
static OuObject *cmdescr_get(OuObject *descr, OuObject *obj, OuObject *type)
{
    OuDescrCommon *d = DESCR(descr);
    if (!type || type == OU_NONE) {
        if (obj && obj != OU_NONE)
            type = (OuObject *)OU_TYPE(obj);
        else
            return OuErr_Format(OuExc_TypeError,
                                "descriptor '%U' for type '%s' needs either an object or a type",
                                d->d_name, descr_type_name(d));
    }
    if (!OuType_Check(type))
        return OuErr_Format(OuExc_TypeError,
                            "descriptor '%U' for type '%s' needs a type, not a '%s' as arg 2",
                            d->d_name, descr_type_name(d), OU_TYPE_NAME(type));
    if (d->d_type && !OuType_IsSubtype((OuTypeObject *)type, d->d_type))
        return OuErr_Format(OuExc_TypeError,
                            "descriptor '%U' requires a subtype of '%s' but received '%s'",
                            d->d_name, descr_type_name(d), ((OuTypeObject *)type)->tp_name);
    return OuCFunction_New(MDESCR(descr)->d_method, type, NULL);
}

/* dict.__dict__['fromkeys'](dict, ...): the class is args[0]. */
static OuObject *cmdescr_call(OuObject *descr, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    OuDescrCommon *d = DESCR(descr);
    if (nargs < 1)
        return OuErr_Format(OuExc_TypeError, "descriptor '%U' of '%s' object needs an argument",
                            d->d_name, descr_type_name(d));
    OuObject *type = args[0];
    if (!OuType_Check(type))
        return OuErr_Format(OuExc_TypeError,
                            "descriptor '%U' for type '%s' needs a type, not a '%s' as arg 2",
                            d->d_name, descr_type_name(d), OU_TYPE_NAME(type));
    if (d->d_type && !OuType_IsSubtype((OuTypeObject *)type, d->d_type))
        return OuErr_Format(OuExc_TypeError,
                            "descriptor '%U' requires a subtype of '%s' but received '%s'",
                            d->d_name, descr_type_name(d), ((OuTypeObject *)type)->tp_name);
    return OuCFunction_CallDefOwner(MDESCR(descr)->d_method, d->d_type, type, args + 1, nargs - 1,
                                    kwnames);
}

OuTypeObject OuClassMethodDescr_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "classmethod_descriptor",
    .tp_basicsize = sizeof(OuMethodDescrObject),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = descr_dealloc,
    .tp_free = OuObject_Free,
    .tp_traverse = descr_traverse,
    .tp_repr = mdescr_repr,
    .tp_call = cmdescr_call,
    .tp_getattro = OuObject_GenericGetAttr,
    .tp_descr_get = cmdescr_get,
    .tp_members = mdescr_members,
    .tp_getset = mdescr_getset,
};

/* ------------------------------------------------------------------ */
/* member_descriptor                                                  */

#define MEMBER(o) (((OuMemberDescrObject *)(o))->d_member)

/* Read a slot of obj according to the member's C type. */
static OuObject *member_read(OuObject *descr, OuObject *obj)
{
    const OuMemberDef *m = MEMBER(descr);
    char *addr = (char *)obj + m->offset;
    OuObject *v;
    switch (m->type) {
    case OU_T_OBJECT:
        v = *(OuObject **)addr;
        return OU_NEWREF(v ? v : OU_NONE);
    case OU_T_OBJECT_EX:
        v = *(OuObject **)addr;
        if (!v)
            return OuErr_NoAttribute(obj, DESCR(descr)->d_name);
        return OU_NEWREF(v);
    case OU_T_INT:
        return OuInt_FromLong(*(int *)addr);
    case OU_T_LONG:
        return OuInt_FromLong(*(long *)addr);
    case OU_T_SSIZE:
        return OuInt_FromSsize_t(*(Ou_ssize_t *)addr);
    case OU_T_DOUBLE:
        return OuFloat_FromDouble(*(double *)addr);
    case OU_T_BOOL:
        return OuBool_FromLong(*(char *)addr);
    case OU_T_UINT:
        return OuInt_FromSize_t(*(unsigned int *)addr);
    case OU_T_CHAR:
        return OuStr_FromOrdinal((unsigned char)*(char *)addr);
    default:
        return OuErr_Format(OuExc_SystemError, "bad memberdescr type for %U", DESCR(descr)->d_name);
    }
}

static OuObject *member_get(OuObject *descr, OuObject *obj, OuObject *type)
{
    OuObject *res;
    if (descr_check(DESCR(descr), obj, &res))
        return res;
    return member_read(descr, obj);
}

static int warn_truncation(const char *what)
{
    return OuErr_WarnEx(OuExc_RuntimeWarning, what, 1);
}

/* Write (or delete, value NULL) a slot of obj. */
static int member_set(OuObject *descr, OuObject *obj, OuObject *value)
{
    const OuMemberDef *m = MEMBER(descr);
    if (descr_setcheck(DESCR(descr), obj) < 0)
        return -1;
    if (m->flags & OU_READONLY) {
        OuErr_SetString(OuExc_AttributeError, "readonly attribute");
        return -1;
    }
    char *addr = (char *)obj + m->offset;
    if (!value) {
        if (m->type == OU_T_OBJECT_EX && !*(OuObject **)addr) {
            OuErr_SetAttributeError(obj, DESCR(descr)->d_name, DESCR(descr)->d_name);
            return -1;
        }
        if (m->type != OU_T_OBJECT && m->type != OU_T_OBJECT_EX) {
            OuErr_SetString(OuExc_TypeError, "can't delete numeric/char attribute");
            return -1;
        }
    }
    switch (m->type) {
    case OU_T_OBJECT:
    case OU_T_OBJECT_EX: {
        OuObject *old = *(OuObject **)addr;
        *(OuObject **)addr = OU_XNEWREF(value);
        OU_XDECREF(old);
        return 0;
    }
    case OU_T_INT: {
        long l = OuInt_AsLong(value);
        if (l == -1 && OuErr_Occurred())
            return -1;
        *(int *)addr = (int)l;
        if ((l > INT_MAX || l < INT_MIN) && warn_truncation("Truncation of value to int") < 0)
            return -1;
        return 0;
    }
    case OU_T_UINT: {
        long l = OuInt_AsLong(value);
        if (l == -1 && OuErr_Occurred())
            return -1;
        *(unsigned int *)addr = (unsigned int)l;
        if (l < 0 && warn_truncation("Writing negative value into unsigned field") < 0)
            return -1;
        if (l > (long)UINT_MAX && warn_truncation("Truncation of value to unsigned int") < 0)
            return -1;
        return 0;
    }
    case OU_T_LONG: {
        long l = OuInt_AsLong(value);
        if (l == -1 && OuErr_Occurred())
            return -1;
        *(long *)addr = l;
        return 0;
    }
    case OU_T_SSIZE: {
        Ou_ssize_t n = OuNumber_AsSsize_t(value, OuExc_OverflowError);
        if (n == -1 && OuErr_Occurred())
            return -1;
        *(Ou_ssize_t *)addr = n;
        return 0;
    }
    case OU_T_DOUBLE: {
        double x = OuFloat_AsDouble(value);
        if (x == -1.0 && OuErr_Occurred())
            return -1;
        *(double *)addr = x;
        return 0;
    }
    case OU_T_BOOL:
        if (!OuBool_Check(value)) {
            OuErr_SetString(OuExc_TypeError, "attribute value type must be bool");
            return -1;
        }
        *(char *)addr = value == OU_TRUE;
        return 0;
    case OU_T_CHAR:
        if (!OuStr_Check(value) || OU_STR_LEN(value) != 1 || OU_STR_CHAR(value, 0) > 255) {
            OuErr_BadArgument();
            return -1;
        }
        *(char *)addr = (char)OU_STR_CHAR(value, 0);
        return 0;
    default:
        OuErr_Format(OuExc_SystemError, "bad memberdescr type for %U", DESCR(descr)->d_name);
        return -1;
    }
}

static OuObject *member_repr(OuObject *o)
{
    return descr_repr_fmt(o, "<member '%U' of '%s' objects>");
}

static OuObject *member_get_doc(OuObject *o, void *c)
{
    return doc_or_none(MEMBER(o)->doc);
}

static OuMemberDef member_members[] = {
    DESCR_COMMON_MEMBERS,
    {NULL, 0, 0, 0, NULL}
};

static OuGetSetDef member_getset[] = {
    {"__doc__", member_get_doc, NULL, NULL, NULL},
    {"__qualname__", descr_get_qualname, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

OuTypeObject OuMemberDescr_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "member_descriptor",
    .tp_basicsize = sizeof(OuMemberDescrObject),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = descr_dealloc,
    .tp_free = OuObject_Free,
    .tp_traverse = descr_traverse,
    .tp_repr = member_repr,
    .tp_getattro = OuObject_GenericGetAttr,
    .tp_descr_get = member_get,
    .tp_descr_set = member_set,
    .tp_members = member_members,
    .tp_getset = member_getset,
};

/* ------------------------------------------------------------------ */
/* getset_descriptor                                                  */

#define GETSET(o) (((OuGetSetDescrObject *)(o))->d_getset)

static OuObject *getset_get(OuObject *descr, OuObject *obj, OuObject *type)
{
    OuObject *res;
    if (descr_check(DESCR(descr), obj, &res))
        return res;
    const OuGetSetDef *gs = GETSET(descr);
    if (!gs->get)
        return OuErr_Format(OuExc_AttributeError, "attribute '%U' of '%s' objects is not readable",
                            DESCR(descr)->d_name, descr_type_name(DESCR(descr)));
    return gs->get(obj, gs->closure);
}

static int getset_set(OuObject *descr, OuObject *obj, OuObject *value)
{
    if (descr_setcheck(DESCR(descr), obj) < 0)
        return -1;
    const OuGetSetDef *gs = GETSET(descr);
    if (!gs->set) {
        OuErr_Format(OuExc_AttributeError, "attribute '%U' of '%s' objects is not writable",
                     DESCR(descr)->d_name, descr_type_name(DESCR(descr)));
        return -1;
    }
    return gs->set(obj, value, gs->closure);
}

static OuObject *getset_repr(OuObject *o)
{
    return descr_repr_fmt(o, "<attribute '%U' of '%s' objects>");
}

static OuObject *getset_get_doc(OuObject *o, void *c)
{
    return doc_or_none(GETSET(o)->doc);
}

static OuGetSetDef getset_getset[] = {
    {"__doc__", getset_get_doc, NULL, NULL, NULL},
    {"__qualname__", descr_get_qualname, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

OuTypeObject OuGetSetDescr_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "getset_descriptor",
    .tp_basicsize = sizeof(OuGetSetDescrObject),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = descr_dealloc,
    .tp_free = OuObject_Free,
    .tp_traverse = descr_traverse,
    .tp_repr = getset_repr,
    .tp_getattro = OuObject_GenericGetAttr,
    .tp_descr_get = getset_get,
    .tp_descr_set = getset_set,
    .tp_members = member_members,
    .tp_getset = getset_getset,
};

/* ------------------------------------------------------------------ */
/* Constructors                                                       */

OuObject *OuDescr_NewMethod(OuTypeObject *type, const OuMethodDef *ml)
{
    if (ml->ml_flags & OU_METH_CLASS)
        return OuDescr_NewClassMethod(type, ml);
    if (ml->ml_flags & OU_METH_STATIC) {
        OuObject *f = OuCFunction_New(ml, NULL, NULL);
        if (!f)
            return NULL;
        OuObject *sm = OuStaticMethod_New(f);
        OU_DECREF(f);
        return sm;
    }
    OuDescrCommon *d = descr_alloc(&OuMethodDescr_Type, type, ml->ml_name);
    if (!d)
        return NULL;
    ((OuMethodDescrObject *)d)->d_method = ml;
    return descr_finish(d);
}

OuObject *OuDescr_NewClassMethod(OuTypeObject *type, const OuMethodDef *ml)
{
    OuDescrCommon *d = descr_alloc(&OuClassMethodDescr_Type, type, ml->ml_name);
    if (!d)
        return NULL;
    ((OuMethodDescrObject *)d)->d_method = ml;
    return descr_finish(d);
}

OuObject *OuDescr_NewMember(OuTypeObject *type, const OuMemberDef *m)
{
    OuDescrCommon *d = descr_alloc(&OuMemberDescr_Type, type, m->name);
    if (!d)
        return NULL;
    ((OuMemberDescrObject *)d)->d_member = m;
    return descr_finish(d);
}

OuObject *OuDescr_NewGetSet(OuTypeObject *type, const OuGetSetDef *gs)
{
    OuDescrCommon *d = descr_alloc(&OuGetSetDescr_Type, type, gs->name);
    if (!d)
        return NULL;
    ((OuGetSetDescrObject *)d)->d_getset = gs;
    return descr_finish(d);
}

/* ------------------------------------------------------------------ */
/* property                                                           */

#define PROP(o) ((OuPropertyObject *)(o))

static OuObject *alloc_instance(OuTypeObject *type)
{
    allocfunc alloc = type->tp_alloc ? type->tp_alloc : OuType_GenericAlloc;
    return alloc(type, 0);
}

static OuObject *prop_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    OuObject *o = alloc_instance(type);
    if (o)
        OuObject_GC_Track(o);
    return o;
}

/* Short type name (after the last dot) of obj's type. */
static const char *short_type_name(OuObject *obj)
{
    const char *n = OU_TYPE_NAME(obj), *dot = strrchr(n, '.');
    return dot ? dot + 1 : n;
}

/* AttributeError "property 'x' of 'C' object has no <what>". */
static void prop_missing(OuObject *self, OuObject *obj, const char *what)
{
    OuObject *name = PROP(self)->prop_name;
    if (name && obj)
        OuErr_Format(OuExc_AttributeError, "property %R of '%s' object has no %s", name,
                     short_type_name(obj), what);
    else if (obj)
        OuErr_Format(OuExc_AttributeError, "property of '%s' object has no %s", short_type_name(obj),
                     what);
    else
        OuErr_Format(OuExc_AttributeError, "property has no %s", what);
}

static OuObject *prop_descr_get(OuObject *self, OuObject *obj, OuObject *type)
{
    if (!obj || obj == OU_NONE)
        return OU_NEWREF(self);
    OuObject *fget = PROP(self)->prop_get;
    if (!fget) {
        prop_missing(self, obj, "getter");
        return NULL;
    }
    return OuObject_Vectorcall(fget, &obj, 1, NULL);
}

static int prop_descr_set(OuObject *self, OuObject *obj, OuObject *value)
{
    OuObject *func = value ? PROP(self)->prop_set : PROP(self)->prop_del;
    if (!func) {
        prop_missing(self, obj, value ? "setter" : "deleter");
        return -1;
    }
    OuObject *args[2] = {obj, value};
    OuObject *r = OuObject_Vectorcall(func, args, value ? 2 : 1, NULL);
    if (!r)
        return -1;
    OU_DECREF(r);
    return 0;
}

static int prop_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {"fget", "fset", "fdel", "doc", NULL};
    OuObject *a[4] = {NULL, NULL, NULL, NULL};
    if (OuArg_Parse("property", args, nargs, kwnames, names, 0, -1, 0, a) < 0)
        return -1;
    OuPropertyObject *p = PROP(self);
    for (int i = 0; i < 4; i++)
        if (a[i] == OU_NONE)
            a[i] = NULL;
    OU_XSETREF(p->prop_get, OU_XNEWREF(a[0]));
    OU_XSETREF(p->prop_set, OU_XNEWREF(a[1]));
    OU_XSETREF(p->prop_del, OU_XNEWREF(a[2]));
    OU_XSETREF(p->prop_doc, OU_XNEWREF(a[3]));
    p->getter_doc = 0;
    if (a[3] || !p->prop_get)
        return 0;
    /* No doc given: take fget's __doc__. */
    OuObject *doc = NULL;
    if (OuObject_LookupAttr(p->prop_get, OU_ID(__doc__), &doc) < 0)
        return -1;
    if (!doc)
        return 0;
    if (OU_TYPE(self) == &OuProperty_Type) {
        OU_XSETREF(p->prop_doc, doc);
    } else {
        /* A subclass may shadow __doc__ with its own (instance dict) attribute. */
        int r = OuObject_SetAttr(self, OU_ID(__doc__), doc);
        if (r < 0) {
            if (!OuErr_ExceptionMatches(OuExc_AttributeError)) {
                OU_DECREF(doc);
                return -1;
            }
            OuErr_Clear();
            OU_XSETREF(p->prop_doc, doc);
        } else {
            OU_DECREF(doc);
        }
    }
    p->getter_doc = 1;
    return 0;
}

/* getter/setter/deleter: a copy of the same type with one function replaced. */
static OuObject *prop_copy(OuObject *self, OuObject *get, OuObject *set, OuObject *del)
{
    OuPropertyObject *p = PROP(self);
    OuObject *args[4];
    if (get == OU_NONE) get = NULL;
    if (set == OU_NONE) set = NULL;
    if (del == OU_NONE) del = NULL;
    args[0] = get ? get : (p->prop_get ? p->prop_get : OU_NONE);
    args[1] = set ? set : (p->prop_set ? p->prop_set : OU_NONE);
    args[2] = del ? del : (p->prop_del ? p->prop_del : OU_NONE);
    /* A doc taken from the old getter is re-derived from the new one. */
    args[3] = (p->getter_doc && args[0] != OU_NONE) || !p->prop_doc ? OU_NONE : p->prop_doc;
    OuObject *r = OuObject_Vectorcall((OuObject *)OU_TYPE(self), args, 4, NULL);
    if (r && OuObject_TypeCheck(r, &OuProperty_Type))
        OU_XSETREF(PROP(r)->prop_name, OU_XNEWREF(p->prop_name));
    return r;
}

static OuObject *prop_getter(OuObject *self, OuObject *f) { return prop_copy(self, f, NULL, NULL); }
static OuObject *prop_setter(OuObject *self, OuObject *f) { return prop_copy(self, NULL, f, NULL); }
static OuObject *prop_deleter(OuObject *self, OuObject *f) { return prop_copy(self, NULL, NULL, f); }

static OuObject *prop_set_name(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("__set_name__", kwnames) < 0)
        return NULL;
    if (nargs != 2)
        return OuErr_Format(OuExc_TypeError, "__set_name__() takes 2 positional arguments but %zd were given",
                            nargs);
    OU_XSETREF(PROP(self)->prop_name, OU_NEWREF(args[1]));
    OU_RETURN_NONE;
}

/* True if fget, fset or fdel has a true __isabstractmethod__. */
static int is_abstract(OuObject *f)
{
    if (!f)
        return 0;
    OuObject *v = NULL;
    if (OuObject_LookupAttr(f, OU_ID(__isabstractmethod__), &v) < 0)
        return -1;
    if (!v)
        return 0;
    int r = OuObject_IsTrue(v);
    OU_DECREF(v);
    return r;
}

static OuObject *prop_get_isabstract(OuObject *self, void *c)
{
    OuPropertyObject *p = PROP(self);
    OuObject *fs[3] = {p->prop_get, p->prop_set, p->prop_del};
    for (int i = 0; i < 3; i++) {
        int r = is_abstract(fs[i]);
        if (r < 0)
            return NULL;
        if (r)
            OU_RETURN_TRUE;
    }
    OU_RETURN_FALSE;
}

static int prop_traverse(OuObject *o, visitproc visit, void *arg)
{
    OuPropertyObject *p = PROP(o);
    OU_VISIT(p->prop_get);
    OU_VISIT(p->prop_set);
    OU_VISIT(p->prop_del);
    OU_VISIT(p->prop_doc);
    OU_VISIT(p->prop_name);
    return 0;
}

static int prop_clear(OuObject *o)
{
    OuPropertyObject *p = PROP(o);
    OU_CLEAR(p->prop_get);
    OU_CLEAR(p->prop_set);
    OU_CLEAR(p->prop_del);
    OU_CLEAR(p->prop_doc);
    OU_CLEAR(p->prop_name);
    return 0;
}

static void prop_dealloc(OuObject *o)
{
    OuObject_GC_UnTrack(o);
    prop_clear(o);
    OU_TYPE(o)->tp_free(o);
}

static OuMemberDef prop_members[] = {
    {"fget", OU_T_OBJECT, offsetof(OuPropertyObject, prop_get), OU_READONLY, NULL},
    {"fset", OU_T_OBJECT, offsetof(OuPropertyObject, prop_set), OU_READONLY, NULL},
    {"fdel", OU_T_OBJECT, offsetof(OuPropertyObject, prop_del), OU_READONLY, NULL},
    {"__doc__", OU_T_OBJECT, offsetof(OuPropertyObject, prop_doc), 0, NULL},
    {NULL, 0, 0, 0, NULL}
};

static OuGetSetDef prop_getset[] = {
    {"__isabstractmethod__", prop_get_isabstract, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

static OuMethodDef prop_methods[] = {
    {"getter", (void *)prop_getter, OU_METH_O, "Descriptor to obtain a copy of the property with a different getter."},
    {"setter", (void *)prop_setter, OU_METH_O, "Descriptor to obtain a copy of the property with a different setter."},
    {"deleter", (void *)prop_deleter, OU_METH_O, "Descriptor to obtain a copy of the property with a different deleter."},
    {"__set_name__", (void *)prop_set_name, OU_METH_FAST, "Method to set name of a property."},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuProperty_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "property",
    .tp_basicsize = sizeof(OuPropertyObject),
    .tp_flags = OU_TPFLAGS_BASETYPE | OU_TPFLAGS_HAVE_GC,
    .tp_doc = "Property attribute.\n\n"
              "  fget\n    function to be used for getting an attribute value\n"
              "  fset\n    function to be used for setting an attribute value\n"
              "  fdel\n    function to be used for del'ing an attribute\n"
              "  doc\n    docstring",
    .tp_dealloc = prop_dealloc,
    .tp_new = prop_new,
    .tp_init = prop_init,
    .tp_free = OuObject_Free,
    .tp_traverse = prop_traverse,
    .tp_clear = prop_clear,
    .tp_getattro = OuObject_GenericGetAttr,
    .tp_descr_get = prop_descr_get,
    .tp_descr_set = prop_descr_set,
    .tp_members = prop_members,
    .tp_getset = prop_getset,
    .tp_methods = prop_methods,
};

/* ------------------------------------------------------------------ */
/* classmethod and staticmethod                                       */

#define CM(o) ((OuClassMethodObject *)(o))

static OuObject *cm_alloc(OuTypeObject *type, OuObject *callable)
{
    OuObject *o = alloc_instance(type);
    if (!o)
        return NULL;
    CM(o)->cm_callable = OU_XNEWREF(callable);
    OuObject_GC_Track(o);
    return o;
}

OuObject *OuClassMethod_New(OuObject *callable)
{
    return cm_alloc(&OuClassMethod_Type, callable);
}

OuObject *OuStaticMethod_New(OuObject *callable)
{
    return cm_alloc(&OuStaticMethod_Type, callable);
}

static OuObject *cm_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    return cm_alloc(type, NULL);
}

/* functools.wraps-like: copy __module__, __name__, __qualname__, __doc__,
   __annotations__ of the callable into the instance dict. */
static int cm_wraps(OuObject *self, OuObject *wrapped)
{
    OuObject *const names[] = {OU_ID(__module__), OU_ID(__name__), OU_ID(__qualname__),
                               OU_ID(__doc__), OU_ID(__annotations__)};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        OuObject *v = NULL;
        if (OuObject_LookupAttr(wrapped, names[i], &v) < 0)
            return -1;
        if (!v)
            continue;
        int r = OuObject_SetAttr(self, names[i], v);
        OU_DECREF(v);
        if (r < 0)
            return -1;
    }
    return 0;
}

static int cm_init_common(const char *name, OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                          OuObject *kwnames)
{
    if (kwnames && OU_TUPLE_LEN(kwnames) > 0) {
        OuErr_Format(OuExc_TypeError, "%s() takes no keyword arguments", name);
        return -1;
    }
    if (nargs != 1) {
        OuErr_Format(OuExc_TypeError, "%s expected 1 argument, got %zd", name, nargs);
        return -1;
    }
    OU_XSETREF(CM(self)->cm_callable, OU_NEWREF(args[0]));
    return cm_wraps(self, args[0]);
}

static int classmethod_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    return cm_init_common("classmethod", self, args, nargs, kwnames);
}

static int staticmethod_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    return cm_init_common("staticmethod", self, args, nargs, kwnames);
}

static OuObject *cm_uninitialized(const char *name)
{
    return OuErr_Format(OuExc_RuntimeError, "uninitialized %s object", name);
}

/* classmethod.__get__: bind the callable to the class (3.11 chains __get__). */
static OuObject *classmethod_get(OuObject *self, OuObject *obj, OuObject *type)
{
    OuObject *f = CM(self)->cm_callable;
    if (!f)
        return cm_uninitialized("classmethod");
    if (!type || type == OU_NONE) {
        if (!obj)
            return OuErr_Format(OuExc_TypeError, "__get__(None, None) is invalid");
        type = (OuObject *)OU_TYPE(obj);
    }
    if (OuFunction_Check(f))
        return OuMethod_New(f, type);
    descrgetfunc get = OU_TYPE(f)->tp_descr_get;
    if (get)
        return get(f, type, type);
    return OuMethod_New(f, type);
}

static OuObject *staticmethod_get(OuObject *self, OuObject *obj, OuObject *type)
{
    OuObject *f = CM(self)->cm_callable;
    if (!f)
        return cm_uninitialized("staticmethod");
    return OU_NEWREF(f);
}

static OuObject *staticmethod_call(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    OuObject *f = CM(self)->cm_callable;
    if (!f)
        return cm_uninitialized("staticmethod");
    return OuObject_Vectorcall(f, args, nargs, kwnames);
}

static OuObject *classmethod_repr(OuObject *self)
{
    OuObject *f = CM(self)->cm_callable;
    return OuStr_FromFormat("<classmethod(%R)>", f ? f : OU_NONE);
}

static OuObject *staticmethod_repr(OuObject *self)
{
    OuObject *f = CM(self)->cm_callable;
    return OuStr_FromFormat("<staticmethod(%R)>", f ? f : OU_NONE);
}

static OuObject *cm_get_isabstract(OuObject *self, void *c)
{
    int r = is_abstract(CM(self)->cm_callable);
    if (r < 0)
        return NULL;
    return OuBool_FromLong(r);
}

static OuObject *cm_get_dict(OuObject *self, void *c)
{
    OuClassMethodObject *cm = CM(self);
    if (!cm->cm_dict) {
        cm->cm_dict = OuDict_New();
        if (!cm->cm_dict)
            return NULL;
    }
    return OU_NEWREF(cm->cm_dict);
}

static int cm_set_dict(OuObject *self, OuObject *value, void *c)
{
    if (!value) {
        OuErr_SetString(OuExc_TypeError, "cannot delete __dict__");
        return -1;
    }
    if (!OuDict_Check(value)) {
        OuErr_Format(OuExc_TypeError, "__dict__ must be set to a dictionary, not a '%s'",
                     OU_TYPE_NAME(value));
        return -1;
    }
    OU_XSETREF(CM(self)->cm_dict, OU_NEWREF(value));
    return 0;
}

static int cm_traverse(OuObject *o, visitproc visit, void *arg)
{
    OU_VISIT(CM(o)->cm_callable);
    OU_VISIT(CM(o)->cm_dict);
    return 0;
}

static int cm_clear(OuObject *o)
{
    OU_CLEAR(CM(o)->cm_callable);
    OU_CLEAR(CM(o)->cm_dict);
    return 0;
}

static void cm_dealloc(OuObject *o)
{
    OuObject_GC_UnTrack(o);
    cm_clear(o);
    OU_TYPE(o)->tp_free(o);
}

static OuMemberDef cm_members[] = {
    {"__func__", OU_T_OBJECT, offsetof(OuClassMethodObject, cm_callable), OU_READONLY, NULL},
    {"__wrapped__", OU_T_OBJECT, offsetof(OuClassMethodObject, cm_callable), OU_READONLY, NULL},
    {NULL, 0, 0, 0, NULL}
};

static OuGetSetDef cm_getset[] = {
    {"__isabstractmethod__", cm_get_isabstract, NULL, NULL, NULL},
    {"__dict__", cm_get_dict, cm_set_dict, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

OuTypeObject OuClassMethod_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "classmethod",
    .tp_basicsize = sizeof(OuClassMethodObject),
    .tp_flags = OU_TPFLAGS_BASETYPE | OU_TPFLAGS_HAVE_GC,
    .tp_doc = "classmethod(function) -> method\n\n"
              "Convert a function to be a class method.",
    .tp_dealloc = cm_dealloc,
    .tp_new = cm_new,
    .tp_init = classmethod_init,
    .tp_free = OuObject_Free,
    .tp_traverse = cm_traverse,
    .tp_clear = cm_clear,
    .tp_repr = classmethod_repr,
    .tp_getattro = OuObject_GenericGetAttr,
    .tp_setattro = OuObject_GenericSetAttr,
    .tp_descr_get = classmethod_get,
    .tp_members = cm_members,
    .tp_getset = cm_getset,
    .tp_dictoffset = offsetof(OuClassMethodObject, cm_dict),
};

OuTypeObject OuStaticMethod_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "staticmethod",
    .tp_basicsize = sizeof(OuClassMethodObject),
    .tp_flags = OU_TPFLAGS_BASETYPE | OU_TPFLAGS_HAVE_GC,
    .tp_doc = "staticmethod(function) -> method\n\n"
              "Convert a function to be a static method.",
    .tp_dealloc = cm_dealloc,
    .tp_new = cm_new,
    .tp_init = staticmethod_init,
    .tp_free = OuObject_Free,
    .tp_traverse = cm_traverse,
    .tp_clear = cm_clear,
    .tp_repr = staticmethod_repr,
    .tp_call = staticmethod_call,
    .tp_getattro = OuObject_GenericGetAttr,
    .tp_setattro = OuObject_GenericSetAttr,
    .tp_descr_get = staticmethod_get,
    .tp_members = cm_members,
    .tp_getset = cm_getset,
    .tp_dictoffset = offsetof(OuClassMethodObject, cm_dict),
};

/* ------------------------------------------------------------------ */

int OuDescr_Init(void)
{
    OuTypeObject *types[] = {
        &OuMethodDescr_Type, &OuClassMethodDescr_Type, &OuMemberDescr_Type, &OuGetSetDescr_Type,
        &OuProperty_Type, &OuClassMethod_Type, &OuStaticMethod_Type, &OuCFunction_Type,
        &OuModule_Type,
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (OuType_Ready(types[i]) < 0)
            return -1;
    return 0;
}

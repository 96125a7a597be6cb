/*
 * cfunction.c -- builtin_function_or_method: a C function described by an
 * OuMethodDef, bound to self (a module, an object, a type, or nothing).
 *
 * Types defined here (readied by OuDescr_Init in descriptors.c):
 *   OuCFunction_Type  "builtin_function_or_method"
 */
#include "core/ouro.h"
#include "objects/typeobject.h"

/* ------------------------------------------------------------------ */
/* Calling a method-def                                               */

/* New ref: "list.append" / "len" for error messages. */
static OuObject *def_display_name(const OuMethodDef *ml, OuTypeObject *owner)
{
    if (!owner)
        return OuStr_FromUTF8(ml->ml_name);
    OuObject *q = OuType_GetQualName(owner);
    if (!q) {
        OuErr_Clear();
        return OuStr_FromFormat("%s.%s", owner->tp_name, ml->ml_name);
    }
    OuObject *r = OuStr_FromFormat("%U.%s", q, ml->ml_name);
    OU_DECREF(q);
    return r;
}

/* Raise TypeError "<name>() <fmt>" where fmt may use one %zd. */
static OuObject *def_arity_error(const OuMethodDef *ml, OuTypeObject *owner, const char *what,
                                 Ou_ssize_t n)
{
    OuObject *name = def_display_name(ml, owner);
    if (!name)
        return NULL;
    if (n < 0)
        OuErr_Format(OuExc_TypeError, "%U() %s", name, what);
    else
        OuErr_Format(OuExc_TypeError, "%U() %s (%zd given)", name, what, n);
    OU_DECREF(name);
    return NULL;
}

OuObject *OuCFunction_CallDefOwner(const OuMethodDef *ml, OuTypeObject *owner, OuObject *self,
                                   OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    int kind = ml->ml_flags & (OU_METH_NOARGS | OU_METH_O | OU_METH_FAST);
    if (OU_LIKELY(kind == OU_METH_FAST))
        return ((OuCFunctionFast)ml->ml_meth)(self, args, nargs, kwnames);
    if (kwnames && OU_TUPLE_LEN(kwnames) > 0)
        return def_arity_error(ml, owner, "takes no keyword arguments", -1);
    if (kind == OU_METH_O) {
        if (OU_UNLIKELY(nargs != 1))
            return def_arity_error(ml, owner, "takes exactly one argument", nargs);
        return ((OuCFunction)ml->ml_meth)(self, args[0]);
    }
    if (kind == OU_METH_NOARGS) {
        if (OU_UNLIKELY(nargs != 0))
            return def_arity_error(ml, owner, "takes no arguments", nargs);
        return ((OuCFunction)ml->ml_meth)(self, NULL);
    }
    return OuErr_Format(OuExc_SystemError, "%s() method: bad call flags", ml->ml_name);
}

/* The owner used for messages: none for module functions, else the type of self
   (or self when it is a type). */
static OuTypeObject *owner_of(OuObject *self)
{
    if (!self || OuModule_Check(self))
        return NULL;
    return OuType_Check(self) ? (OuTypeObject *)self : OU_TYPE(self);
}

OuObject *OuCFunction_CallDef(const OuMethodDef *ml, OuObject *self, OuObject *const *args,
                              Ou_ssize_t nargs, OuObject *kwnames)
{
    int kind = ml->ml_flags & (OU_METH_NOARGS | OU_METH_O | OU_METH_FAST);
    if (OU_LIKELY(kind == OU_METH_FAST))
        return ((OuCFunctionFast)ml->ml_meth)(self, args, nargs, kwnames);
    return OuCFunction_CallDefOwner(ml, owner_of(self), self, args, nargs, kwnames);
}

/* ------------------------------------------------------------------ */
/* Objects                                                            */

static OuCFunctionObject *cfunc_free_list;
static int cfunc_free_count;
#define CFUNC_FREE_MAX 64

OuObject *OuCFunction_New(const OuMethodDef *ml, OuObject *self, OuObject *module)
{
    OuCFunctionObject *f = cfunc_free_list;
    if (f) {
        cfunc_free_list = (OuCFunctionObject *)f->m_self;
        cfunc_free_count--;
        OU_REFCNT(f) = 1;
    } else {
        f = (OuCFunctionObject *)OuType_GenericAlloc(&OuCFunction_Type, 0);
        if (!f)
            return NULL;
    }
    f->m_ml = ml;
    f->m_self = OU_XNEWREF(self);
    f->m_module = OU_XNEWREF(module);
    f->m_weakreflist = NULL;
    OuObject_GC_Track((OuObject *)f);
    return (OuObject *)f;
}

static void cfunc_dealloc(OuObject *o)
{
    OuCFunctionObject *f = (OuCFunctionObject *)o;
    OuObject_GC_UnTrack(o);
    OU_CLEAR(f->m_self);
    OU_CLEAR(f->m_module);
    if (cfunc_free_count < CFUNC_FREE_MAX) {
        f->m_self = (OuObject *)cfunc_free_list;
        cfunc_free_list = f;
        cfunc_free_count++;
        return;
    }
    OU_TYPE(o)->tp_free(o);
}

static int cfunc_traverse(OuObject *o, visitproc visit, void *arg)
{
    OuCFunctionObject *f = (OuCFunctionObject *)o;
    OU_VISIT(f->m_self);
    OU_VISIT(f->m_module);
    return 0;
}

static OuObject *cfunc_vectorcall(OuObject *o, OuObject *const *args, Ou_ssize_t nargs,
                                  OuObject *kwnames)
{
    OuCFunctionObject *f = (OuCFunctionObject *)o;
    const OuMethodDef *ml = f->m_ml;
    if (OU_LIKELY((ml->ml_flags & (OU_METH_NOARGS | OU_METH_O | OU_METH_FAST)) == OU_METH_FAST))
        return ((OuCFunctionFast)ml->ml_meth)(f->m_self, args, nargs, kwnames);
    return OuCFunction_CallDefOwner(ml, owner_of(f->m_self), f->m_self, args, nargs, kwnames);
}

static int is_function_like(OuCFunctionObject *f)
{
    return !f->m_self || OuModule_Check(f->m_self);
}

static OuObject *cfunc_repr(OuObject *o)
{
    OuCFunctionObject *f = (OuCFunctionObject *)o;
    if (is_function_like(f))
        return OuStr_FromFormat("<built-in function %s>", f->m_ml->ml_name);
    return OuStr_FromFormat("<built-in method %s of %s object at %p>", f->m_ml->ml_name,
                            OU_TYPE_NAME(f->m_self), (void *)f->m_self);
}

static Ou_hash_t hash_ptr(const void *p)
{
    size_t y = (size_t)p;
    y = (y >> 4) | (y << (8 * sizeof(void *) - 4));
    return (Ou_hash_t)y;
}

static Ou_hash_t cfunc_hash(OuObject *o)
{
    OuCFunctionObject *f = (OuCFunctionObject *)o;
    Ou_hash_t h = hash_ptr(f->m_self) ^ hash_ptr(f->m_ml->ml_meth);
    return h == -1 ? -2 : h;
}

/* Equal when the same C function is bound to the same self. */
static OuObject *cfunc_richcompare(OuObject *a, OuObject *b, int op)
{
    if ((op != OU_EQ && op != OU_NE) || !OuCFunction_Check(a) || !OuCFunction_Check(b))
        OU_RETURN_NOTIMPLEMENTED;
    OuCFunctionObject *x = (OuCFunctionObject *)a, *y = (OuCFunctionObject *)b;
    int eq = x->m_self == y->m_self && x->m_ml->ml_meth == y->m_ml->ml_meth;
    return OuBool_FromLong(op == OU_EQ ? eq : !eq);
}

static OuObject *cfunc_get_name(OuObject *o, void *c)
{
    return OuStr_FromUTF8(((OuCFunctionObject *)o)->m_ml->ml_name);
}

/* "len" for functions, "<type qualname>.<name>" for methods. */
static OuObject *cfunc_get_qualname(OuObject *o, void *c)
{
    OuCFunctionObject *f = (OuCFunctionObject *)o;
    if (is_function_like(f))
        return OuStr_FromUTF8(f->m_ml->ml_name);
    OuTypeObject *tp = owner_of(f->m_self);
    OuObject *q = OuType_GetQualName(tp);
    if (!q)
        return NULL;
    OuObject *r = OuStr_FromFormat("%U.%s", q, f->m_ml->ml_name);
    OU_DECREF(q);
    return r;
}

static OuObject *cfunc_get_self(OuObject *o, void *c)
{
    OuObject *s = ((OuCFunctionObject *)o)->m_self;
    return OU_NEWREF(s ? s : OU_NONE);
}

static OuObject *cfunc_get_doc(OuObject *o, void *c)
{
    const char *doc = ((OuCFunctionObject *)o)->m_ml->ml_doc;
    if (!doc)
        OU_RETURN_NONE;
    return OuStr_FromUTF8(doc);
}

static OuObject *cfunc_get_text_signature(OuObject *o, void *c)
{
    OU_RETURN_NONE;
}

/* Module functions pickle by name; methods as getattr(self, name). */
static OuObject *cfunc_reduce(OuObject *o, OuObject *unused)
{
    OuCFunctionObject *f = (OuCFunctionObject *)o;
    if (is_function_like(f))
        return OuStr_FromUTF8(f->m_ml->ml_name);
    OuObject *getattr = OuDict_GetItemString(OU_RT->builtins, "getattr");
    if (!getattr)
        return OuErr_Format(OuExc_RuntimeError, "lost builtins.getattr");
    OuObject *name = OuStr_FromUTF8(f->m_ml->ml_name);
    if (!name)
        return NULL;
    OuObject *args = OuTuple_Pack(2, f->m_self, name);
    OU_DECREF(name);
    if (!args)
        return NULL;
    OuObject *r = OuTuple_Pack(2, getattr, args);
    OU_DECREF(args);
    return r;
}

static OuMemberDef cfunc_members[] = {
    {"__module__", OU_T_OBJECT, offsetof(OuCFunctionObject, m_module), 0, NULL},
    {NULL, 0, 0, 0, NULL}
};

static OuGetSetDef cfunc_getset[] = {
    {"__name__", cfunc_get_name, NULL, NULL, NULL},
    {"__qualname__", cfunc_get_qualname, NULL, NULL, NULL},
    {"__self__", cfunc_get_self, NULL, NULL, NULL},
    {"__doc__", cfunc_get_doc, NULL, NULL, NULL},
    {"__text_signature__", cfunc_get_text_signature, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

static OuMethodDef cfunc_methods[] = {
    {"__reduce__", (void *)cfunc_reduce, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuCFunction_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "builtin_function_or_method",
    .tp_basicsize = sizeof(OuCFunctionObject),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = cfunc_dealloc,
    .tp_free = OuObject_Free,
    .tp_traverse = cfunc_traverse,
    .tp_repr = cfunc_repr,
    .tp_hash = cfunc_hash,
    .tp_call = cfunc_vectorcall,
    .tp_getattro = OuObject_GenericGetAttr,
    .tp_setattro = OuObject_GenericSetAttr,
    .tp_richcompare = cfunc_richcompare,
    .tp_members = cfunc_members,
    .tp_getset = cfunc_getset,
    .tp_methods = cfunc_methods,
    .tp_weaklistoffset = offsetof(OuCFunctionObject, m_weakreflist),
};

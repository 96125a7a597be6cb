/*
 * singletons.c -- None, NotImplemented and Ellipsis.
 *
 * Types defined here: OuNone_Type ("NoneType"), OuNotImplemented_Type
 * ("NotImplementedType"), OuEllipsis_Type ("ellipsis"). Each has exactly one
 * immortal instance; calling the type with no arguments returns it.
 */
#include "core/ouro.h"

OuObject ou_none_struct = OU_STATIC_OBJECT_INIT(&OuNone_Type);
OuObject ou_notimplemented_struct = OU_STATIC_OBJECT_INIT(&OuNotImplemented_Type);
OuObject ou_ellipsis_struct = OU_STATIC_OBJECT_INIT(&OuEllipsis_Type);

/* Shared tp_new: no arguments allowed, returns the type's singleton. */
static OuObject *singleton_new(OuTypeObject *type, OuObject *const *args,
                               Ou_ssize_t nargs, OuObject *kwnames)
{
    const char *name;
    OuObject *inst;
    if (type == &OuNone_Type) {
        name = "NoneType"; inst = OU_NONE;
    } else if (type == &OuNotImplemented_Type) {
        name = "NotImplementedType"; inst = OU_NOTIMPLEMENTED;
    } else {
        name = "EllipsisType"; inst = OU_ELLIPSIS;
    }
    if (nargs || (kwnames && OU_SIZE(kwnames))) {
        OuErr_Format(OuExc_TypeError, "%s takes no arguments", name);
        return NULL;
    }
    return OU_NEWREF(inst);
}

static OuObject *singleton_vectorcall(OuObject *type, OuObject *const *args,
                                      Ou_ssize_t nargs, OuObject *kwnames)
{
    return singleton_new((OuTypeObject *)type, args, nargs, kwnames);
}

/* Never called for immortal objects; kept so the slot is never NULL. */
static void singleton_dealloc(OuObject *o)
{
    OU_UNUSED(o);
}

static OuObject *none_repr(OuObject *o) { return OuStr_InternFromString("None"); }
static int none_bool(OuObject *o) { return 0; }

static OuObject *notimpl_repr(OuObject *o) { return OuStr_InternFromString("NotImplemented"); }

/* NotImplemented is true, but 3.9+ warns when it is used as a truth value. */
static int notimpl_bool(OuObject *o)
{
    if (OuErr_WarnEx(OuExc_DeprecationWarning,
                     "NotImplemented should not be used in a boolean context", 1) < 0)
        return -1;
    return 1;
}

static OuObject *notimpl_reduce(OuObject *o, OuObject *unused)
{
    return OuStr_InternFromString("NotImplemented");
}

static OuObject *ellipsis_repr(OuObject *o) { return OuStr_InternFromString("Ellipsis"); }

static OuObject *ellipsis_reduce(OuObject *o, OuObject *unused)
{
    return OuStr_InternFromString("Ellipsis");
}

static OuMethodDef notimpl_methods[] = {
    {"__reduce__", (void *)notimpl_reduce, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static OuMethodDef ellipsis_methods[] = {
    {"__reduce__", (void *)ellipsis_reduce, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuNone_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "NoneType",
    .tp_basicsize = sizeof(OuObject),
    .tp_dealloc = singleton_dealloc,
    .tp_new = singleton_new,
    .tp_vectorcall = singleton_vectorcall,
    .tp_repr = none_repr,
    .nb_bool = none_bool,
};

OuTypeObject OuNotImplemented_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "NotImplementedType",
    .tp_basicsize = sizeof(OuObject),
    .tp_dealloc = singleton_dealloc,
    .tp_new = singleton_new,
    .tp_vectorcall = singleton_vectorcall,
    .tp_repr = notimpl_repr,
    .nb_bool = notimpl_bool,
    .tp_methods = notimpl_methods,
};

OuTypeObject OuEllipsis_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "ellipsis",
    .tp_basicsize = sizeof(OuObject),
    .tp_dealloc = singleton_dealloc,
    .tp_new = singleton_new,
    .tp_vectorcall = singleton_vectorcall,
    .tp_repr = ellipsis_repr,
    .tp_methods = ellipsis_methods,
};

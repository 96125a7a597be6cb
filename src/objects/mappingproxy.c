/*
 * mappingproxy.c -- a read-only view of a mapping (types.MappingProxyType,
 * also what type.__dict__ returns).
 *
 * Types defined here: OuMappingProxy_Type ("mappingproxy"). Readied by
 * OuDict_Init (dictobject.c).
 */
#include "core/ouro.h"

typedef struct {
    OuObject_HEAD
    OuObject *mapping;
} MappingProxy;

/* Wrap any mapping without checking it. */
OuObject *OuDictProxy_New(OuObject *mapping)
{
    MappingProxy *mp = OuObject_NEW(MappingProxy, &OuMappingProxy_Type);
    if (!mp)
        return NULL;
    mp->mapping = OU_NEWREF(mapping);
    OuObject_GC_Track((OuObject *)mp);
    return (OuObject *)mp;
}

static OuObject *mappingproxy_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs,
                                  OuObject *kwnames)
{
    static const char *const names[] = {"mapping", NULL};
    OuObject *mapping = NULL;
    if (OuArg_Parse("mappingproxy", args, nargs, kwnames, names, 0, -1, 1, &mapping) < 0)
        return NULL;
    if (!OU_TYPE(mapping)->mp_subscript || OuList_Check(mapping) || OuTuple_Check(mapping))
        return OuErr_Format(OuExc_TypeError, "mappingproxy() argument must be a mapping, not %.200s",
                            OU_TYPE_NAME(mapping));
    return OuDictProxy_New(mapping);
}

static OuObject *mappingproxy_vectorcall(OuObject *type, OuObject *const *args, Ou_ssize_t nargs,
                                         OuObject *kwnames)
{
    return mappingproxy_new((OuTypeObject *)type, args, nargs, kwnames);
}

static void mappingproxy_dealloc(OuObject *o)
{
    OuObject_GC_UnTrack(o);
    OU_XDECREF(((MappingProxy *)o)->mapping);
    OU_TYPE(o)->tp_free(o);
}

static int mappingproxy_traverse(OuObject *o, visitproc visit, void *arg)
{
    OU_VISIT(((MappingProxy *)o)->mapping);
    return 0;
}

#define MAPPING(o) (((MappingProxy *)(o))->mapping)

static Ou_ssize_t mappingproxy_len(OuObject *o)
{
    return OuObject_Length(MAPPING(o));
}

static OuObject *mappingproxy_getitem(OuObject *o, OuObject *key)
{
    return OuObject_GetItem(MAPPING(o), key);
}

static int mappingproxy_contains(OuObject *o, OuObject *key)
{
    if (OuDict_CheckExact(MAPPING(o)))
        return OuDict_Contains(MAPPING(o), key);
    return OuSequence_Contains(MAPPING(o), key);
}

static OuObject *mappingproxy_iter(OuObject *o)
{
    return OuObject_GetIter(MAPPING(o));
}

static OuObject *mappingproxy_repr(OuObject *o)
{
    return OuStr_FromFormat("mappingproxy(%R)", MAPPING(o));
}

static OuObject *mappingproxy_str(OuObject *o)
{
    return OuObject_Str(MAPPING(o));
}

static OuObject *mappingproxy_richcompare(OuObject *a, OuObject *b, int op)
{
    return OuObject_RichCompare(MAPPING(a), b, op);
}

/* proxy | other and other | proxy work on the underlying mappings. */
static OuObject *mappingproxy_or(OuObject *a, OuObject *b)
{
    if (OU_TYPE(a) == &OuMappingProxy_Type)
        a = MAPPING(a);
    if (OU_TYPE(b) == &OuMappingProxy_Type)
        b = MAPPING(b);
    return OuNumber_Or(a, b);
}

static OuObject *mappingproxy_ior(OuObject *a, OuObject *b)
{
    return OuErr_Format(OuExc_TypeError, "'|=' is not supported by %s; use '|' instead",
                        OU_TYPE_NAME(a));
}

static OuObject *mappingproxy_get(OuObject *o, OuObject *const *args, Ou_ssize_t nargs,
                                  OuObject *kwnames)
{
    if (OuArg_NoKeywords("get", kwnames) < 0 || OuArg_CheckPositional("get", nargs, 1, 2) < 0)
        return NULL;
    OuObject *a[2] = {args[0], nargs > 1 ? args[1] : OU_NONE};
    return OuObject_CallMethod(MAPPING(o), OU_ID(get), a, 2);
}

static OuObject *mappingproxy_keys(OuObject *o, OuObject *unused)
{
    return OuObject_CallMethod(MAPPING(o), OU_ID(keys), NULL, 0);
}

static OuObject *mappingproxy_values(OuObject *o, OuObject *unused)
{
    return OuObject_CallMethod(MAPPING(o), OU_ID(values), NULL, 0);
}

static OuObject *mappingproxy_items(OuObject *o, OuObject *unused)
{
    return OuObject_CallMethod(MAPPING(o), OU_ID(items), NULL, 0);
}

static OuObject *mappingproxy_copy(OuObject *o, OuObject *unused)
{
    return OuObject_CallMethod(MAPPING(o), OU_ID(copy), NULL, 0);
}

static OuObject *mappingproxy_reversed(OuObject *o, OuObject *unused)
{
    OuObject *m = MAPPING(o);
    return OuObject_Vectorcall((OuObject *)&OuReversed_Type, &m, 1, NULL);
}

static OuMethodDef mappingproxy_methods[] = {
    {"get", (void *)mappingproxy_get, OU_METH_FAST, NULL},
    {"keys", (void *)mappingproxy_keys, OU_METH_NOARGS, NULL},
    {"values", (void *)mappingproxy_values, OU_METH_NOARGS, NULL},
    {"items", (void *)mappingproxy_items, OU_METH_NOARGS, NULL},
    {"copy", (void *)mappingproxy_copy, OU_METH_NOARGS, NULL},
    {"__reversed__", (void *)mappingproxy_reversed, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuMappingProxy_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "mappingproxy",
    .tp_basicsize = sizeof(MappingProxy),
    .tp_flags = OU_TPFLAGS_HAVE_GC | OU_TPFLAGS_MAPPING,
    .tp_dealloc = mappingproxy_dealloc,
    .tp_traverse = mappingproxy_traverse,
    .tp_new = mappingproxy_new,
    .tp_vectorcall = mappingproxy_vectorcall,
    .tp_repr = mappingproxy_repr,
    .tp_str = mappingproxy_str,
    .tp_richcompare = mappingproxy_richcompare,
    .tp_iter = mappingproxy_iter,
    .nb_or = mappingproxy_or,
    .nb_inplace_or = mappingproxy_ior,
    .mp_length = mappingproxy_len,
    .mp_subscript = mappingproxy_getitem,
    .sq_contains = mappingproxy_contains,
    .tp_methods = mappingproxy_methods,
};

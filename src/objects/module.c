/*
 * module.c -- module objects: a namespace dict plus C-module helpers.
 *
 * Types defined here (readied by OuDescr_Init in descriptors.c):
 *   OuModule_Type  "module"
 */
#include "core/ouro.h"
#include "objects/typeobject.h"

#define MOD(o) ((OuModuleObject *)(o))

/* Fill a fresh module dict: __name__, __doc__, __package__, __loader__, __spec__. */
static int module_init_dict(OuObject *dict, OuObject *name, OuObject *doc)
{
    if (OuDict_SetItem(dict, OU_ID(__name__), name) < 0 ||
        OuDict_SetItem(dict, OU_ID(__doc__), doc ? doc : OU_NONE) < 0 ||
        OuDict_SetItem(dict, OU_ID(__package__), OU_NONE) < 0 ||
        OuDict_SetItem(dict, OU_ID(__loader__), OU_NONE) < 0 ||
        OuDict_SetItem(dict, OU_ID(__spec__), OU_NONE) < 0)
        return -1;
    return 0;
}

/* A module object of `type` with an empty dict (tracked). */
static OuObject *module_alloc(OuTypeObject *type)
{
    allocfunc alloc = type->tp_alloc ? type->tp_alloc : OuType_GenericAlloc;
    OuModuleObject *m = (OuModuleObject *)alloc(type, 0);
    if (!m)
        return NULL;
    m->md_dict = OuDict_New();
    if (!m->md_dict) {
        OU_DECREF(m);
        return NULL;
    }
    m->md_weakreflist = NULL;
    m->md_state = NULL;
    OuObject_GC_Track((OuObject *)m);
    return (OuObject *)m;
}

OuObject *OuModule_New(OuObject *name)
{
    OuObject *m = module_alloc(&OuModule_Type);
    if (!m)
        return NULL;
    if (module_init_dict(MOD(m)->md_dict, name, NULL) < 0) {
        OU_DECREF(m);
        return NULL;
    }
    return m;
}

OuObject *OuModule_NewFromString(const char *name)
{
    OuObject *n = OuStr_FromUTF8(name);
    if (!n)
        return NULL;
    OuObject *m = OuModule_New(n);
    OU_DECREF(n);
    return m;
}

OuObject *OuModule_GetDict(OuObject *m)
{
    if (!OuModule_Check(m)) {
        OuErr_BadInternalCall();
        return NULL;
    }
    return MOD(m)->md_dict;
}

OuObject *OuModule_GetName(OuObject *m)
{
    if (!OuModule_Check(m)) {
        OuErr_BadInternalCall();
        return NULL;
    }
    OuObject *d = MOD(m)->md_dict, *name = NULL;
    if (d)
        name = OuDict_GetItemWithError(d, OU_ID(__name__));
    if (!name || !OuStr_Check(name)) {
        if (!OuErr_Occurred())
            OuErr_SetString(OuExc_SystemError, "nameless module");
        return NULL;
    }
    return name;
}

int OuModule_AddObject(OuObject *m, const char *name, OuObject *value)
{
    OuObject *d = OuModule_GetDict(m);
    if (!d)
        return -1;
    if (!value) {
        if (!OuErr_Occurred())
            OuErr_Format(OuExc_SystemError, "OuModule_AddObject: NULL value for '%s'", name);
        return -1;
    }
    return OuDict_SetItemString(d, name, value);
}

int OuModule_AddInt(OuObject *m, const char *name, long value)
{
    OuObject *v = OuInt_FromLong(value);
    if (!v)
        return -1;
    int r = OuModule_AddObject(m, name, v);
    OU_DECREF(v);
    return r;
}

int OuModule_AddString(OuObject *m, const char *name, const char *value)
{
    OuObject *v = OuStr_FromUTF8(value);
    if (!v)
        return -1;
    int r = OuModule_AddObject(m, name, v);
    OU_DECREF(v);
    return r;
}

int OuModule_AddType(OuObject *m, OuTypeObject *type)
{
    if (OuType_Ready(type) < 0)
        return -1;
    const char *name = strrchr(type->tp_name, '.');
    name = name ? name + 1 : type->tp_name;
    return OuModule_AddObject(m, name, (OuObject *)type);
}

int OuModule_AddFunctions(OuObject *m, const OuMethodDef *defs)
{
    OuObject *d = OuModule_GetDict(m);
    if (!d)
        return -1;
    OuObject *modname = OuDict_GetItemWithError(d, OU_ID(__name__));  /* borrowed, may be NULL */
    if (!modname && OuErr_Occurred())
        return -1;
    for (const OuMethodDef *def = defs; def->ml_name; def++) {
        OuObject *f = OuCFunction_New(def, m, modname);
        if (!f)
            return -1;
        int r = OuDict_SetItemString(d, def->ml_name, f);
        OU_DECREF(f);
        if (r < 0)
            return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* The type                                                           */

static OuObject *module_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    return module_alloc(type);
}

/* module(name, doc=None) */
static int module_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {"name", "doc", NULL};
    OuObject *a[2] = {NULL, NULL};
    if (OuArg_Parse("module", args, nargs, kwnames, names, 0, -1, 1, a) < 0)
        return -1;
    if (!OuStr_Check(a[0])) {
        OuErr_Format(OuExc_TypeError, "module() argument 'name' must be str, not %s", OU_TYPE_NAME(a[0]));
        return -1;
    }
    OuModuleObject *m = MOD(self);
    if (!m->md_dict) {
        m->md_dict = OuDict_New();
        if (!m->md_dict)
            return -1;
    }
    return module_init_dict(m->md_dict, a[0], a[1]);
}

static void module_dealloc(OuObject *o)
{
    OuModuleObject *m = MOD(o);
    OuObject_GC_UnTrack(o);
    OU_CLEAR(m->md_dict);
    OU_TYPE(o)->tp_free(o);
}

static int module_traverse(OuObject *o, visitproc visit, void *arg)
{
    OU_VISIT(MOD(o)->md_dict);
    return 0;
}

static int module_clear(OuObject *o)
{
    OU_CLEAR(MOD(o)->md_dict);
    return 0;
}

/* Borrowed dict entry, NULL if absent or on error (check OuErr_Occurred). */
static OuObject *mod_dict_get(OuObject *o, OuObject *key)
{
    OuObject *d = MOD(o)->md_dict;
    if (!d || !OuDict_Check(d))
        return NULL;
    return OuDict_GetItemWithError(d, key);
}

/* Interned str for `s`, created once (immortal for the process). */
static OuObject *cached_name(OuObject **slot, const char *s)
{
    if (!*slot)
        *slot = OuStr_InternFromString(s);
    return *slot;
}
static OuObject *str_initializing, *str_origin, *str_has_location;

/* 1 if the module's __spec__._initializing is true (a circular import). */
static int module_initializing(OuObject *o)
{
    OuObject *spec = mod_dict_get(o, OU_ID(__spec__));
    if (!spec || spec == OU_NONE)
        return 0;
    OuObject *v = NULL, *key = cached_name(&str_initializing, "_initializing");
    if (!key) {
        OuErr_Clear();
        return 0;
    }
    OU_INCREF(spec);
    int r = OuObject_LookupAttr(spec, key, &v);
    OU_DECREF(spec);
    if (r <= 0) {
        OuErr_Clear();
        return 0;
    }
    r = OuObject_IsTrue(v);
    OU_DECREF(v);
    if (r < 0) {
        OuErr_Clear();
        return 0;
    }
    return r;
}

/* Generic lookup, then the module's own __getattr__ (PEP 562). */
static OuObject *module_getattro(OuObject *o, OuObject *name)
{
    OuObject *r = OuObject_GenericGetAttr(o, name);
    if (OU_LIKELY(r != NULL) || !OuErr_ExceptionMatches(OuExc_AttributeError))
        return r;
    OuObject *exc = OuErr_GetRaisedException();
    OuObject *getattr = mod_dict_get(o, OU_ID(__getattr__));
    if (getattr) {
        OU_DECREF(exc);
        OU_INCREF(getattr);
        r = OuObject_CallOneArg(getattr, name);
        OU_DECREF(getattr);
        return r;
    }
    if (OuErr_Occurred()) {
        OU_DECREF(exc);
        return NULL;
    }
    OU_DECREF(exc);
    OuObject *modname = mod_dict_get(o, OU_ID(__name__));
    if (!modname && OuErr_Occurred())
        return NULL;
    OuObject *msg;
    if (modname && OuStr_Check(modname)) {
        OU_INCREF(modname);
        if (module_initializing(o))
            msg = OuStr_FromFormat("partially initialized module '%U' has no attribute '%U' "
                                   "(most likely due to a circular import)", modname, name);
        else
            msg = OuStr_FromFormat("module '%U' has no attribute '%U'", modname, name);
        OU_DECREF(modname);
    } else {
        msg = OuStr_FromFormat("module has no attribute '%U'", name);
    }
    if (!msg)
        return NULL;
    OuErr_SetAttributeError(o, name, msg);
    OU_DECREF(msg);
    return NULL;
}

/* 1 if name is one of the built-in (C) modules. */
static int is_builtin_module_name(OuObject *name)
{
    if (!OuStr_Check(name))
        return 0;
    for (const OuBuiltinModuleDef *b = ou_builtin_modules; b->name; b++)
        if (OuStr_EqualToASCII(name, b->name))
            return 1;
    return 0;
}

/* repr following importlib's rules: spec, then __file__, then loader. */
static OuObject *module_repr_spec(OuObject *name, OuObject *spec, OuObject *loader)
{
    OuObject *origin = NULL, *r = NULL;
    if (!cached_name(&str_origin, "origin") || !cached_name(&str_has_location, "has_location"))
        return NULL;
    if (OuObject_LookupAttr(spec, str_origin, &origin) < 0)
        return NULL;
    if (!origin || origin == OU_NONE) {
        if (!loader || loader == OU_NONE)
            r = OuStr_FromFormat("<module %R>", name);
        else
            r = OuStr_FromFormat("<module %R (%R)>", name, loader);
    } else {
        OuObject *hasloc = NULL;
        int loc = 0;
        if (OuObject_LookupAttr(spec, str_has_location, &hasloc) < 0) {
            OU_DECREF(origin);
            return NULL;
        }
        if (hasloc) {
            loc = OuObject_IsTrue(hasloc);
            OU_DECREF(hasloc);
            if (loc < 0) {
                OU_DECREF(origin);
                return NULL;
            }
        }
        if (loc)
            r = OuStr_FromFormat("<module %R from %R>", name, origin);
        else
            r = OuStr_FromFormat("<module %R (%S)>", name, origin);
    }
    OU_XDECREF(origin);
    return r;
}

static OuObject *module_repr(OuObject *o)
{
    OuObject *name = mod_dict_get(o, OU_ID(__name__));
    if (!name && OuErr_Occurred())
        return NULL;
    OuObject *qname = NULL;
    if (!name) {
        qname = OuStr_FromUTF8("?");
        if (!qname)
            return NULL;
        name = qname;
    } else {
        OU_INCREF(name);
        qname = name;
    }
    OuObject *r = NULL;
    OuObject *spec = mod_dict_get(o, OU_ID(__spec__));
    OuObject *loader = mod_dict_get(o, OU_ID(__loader__));
    OuObject *file = mod_dict_get(o, OU_ID(__file__));
    if (OuErr_Occurred())
        goto done;
    if (spec && spec != OU_NONE) {
        OU_INCREF(spec);
        OU_XINCREF(loader);
        r = module_repr_spec(name, spec, loader);
        OU_DECREF(spec);
        OU_XDECREF(loader);
    } else if (file) {
        r = OuStr_FromFormat("<module %R from %R>", name, file);
    } else if (is_builtin_module_name(name)) {
        r = OuStr_FromFormat("<module %R (built-in)>", name);
    } else if (loader && loader != OU_NONE) {
        r = OuStr_FromFormat("<module %R (%R)>", name, loader);
    } else {
        r = OuStr_FromFormat("<module %R>", name);
    }
done:
    OU_DECREF(qname);
    return r;
}

/* __dir__: the module's own __dir__ function, else the dict's keys. */
static OuObject *module_dir(OuObject *self, OuObject *unused)
{
    OuObject *d = MOD(self)->md_dict;
    if (!d || !OuDict_Check(d))
        return OuErr_Format(OuExc_TypeError, "<module>.__dict__ is not a dictionary");
    OuObject *f = OuDict_GetItemWithError(d, OU_ID(__dir__));
    if (f) {
        OU_INCREF(f);
        OuObject *r = OuObject_CallNoArgs(f);
        OU_DECREF(f);
        return r;
    }
    if (OuErr_Occurred())
        return NULL;
    return OuDict_Keys(d);
}

static OuObject *module_get_annotations(OuObject *self, void *c)
{
    OuObject *d = MOD(self)->md_dict;
    if (!d || !OuDict_Check(d))
        return OuErr_Format(OuExc_TypeError, "<module>.__dict__ is not a dictionary");
    OuObject *a = OuDict_GetItemWithError(d, OU_ID(__annotations__));
    if (a)
        return OU_NEWREF(a);
    if (OuErr_Occurred())
        return NULL;
    a = OuDict_New();
    if (!a)
        return NULL;
    if (OuDict_SetItem(d, OU_ID(__annotations__), a) < 0) {
        OU_DECREF(a);
        return NULL;
    }
    return a;
}

static int module_set_annotations(OuObject *self, OuObject *value, void *c)
{
    OuObject *d = MOD(self)->md_dict;
    if (!d || !OuDict_Check(d)) {
        OuErr_SetString(OuExc_TypeError, "<module>.__dict__ is not a dictionary");
        return -1;
    }
    if (value)
        return OuDict_SetItem(d, OU_ID(__annotations__), value);
    int has = OuDict_Contains(d, OU_ID(__annotations__));
    if (has < 0)
        return -1;
    if (!has) {
        OuErr_SetObject(OuExc_AttributeError, OU_ID(__annotations__));
        return -1;
    }
    return OuDict_DelItem(d, OU_ID(__annotations__));
}

static OuMemberDef module_members[] = {
    {"__dict__", OU_T_OBJECT, offsetof(OuModuleObject, md_dict), OU_READONLY, NULL},
    {NULL, 0, 0, 0, NULL}
};

static OuGetSetDef module_getset[] = {
    {"__annotations__", module_get_annotations, module_set_annotations, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

static OuMethodDef module_methods[] = {
    {"__dir__", (void *)module_dir, OU_METH_NOARGS, "__dir__() -> list\nspecialized dir() implementation"},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuModule_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "module",
    .tp_basicsize = sizeof(OuModuleObject),
    .tp_flags = OU_TPFLAGS_BASETYPE | OU_TPFLAGS_HAVE_GC,
    .tp_doc = "Create a module object.\n\n"
              "The name must be a string; the optional doc argument can have any type.",
    .tp_dealloc = module_dealloc,
    .tp_new = module_new,
    .tp_init = module_init,
    .tp_free = OuObject_Free,
    .tp_traverse = module_traverse,
    .tp_clear = module_clear,
    .tp_repr = module_repr,
    .tp_getattro = module_getattro,
    .tp_setattro = OuObject_GenericSetAttr,
    .tp_members = module_members,
    .tp_getset = module_getset,
    .tp_methods = module_methods,
    .tp_dictoffset = offsetof(OuModuleObject, md_dict),
    .tp_weaklistoffset = offsetof(OuModuleObject, md_weakreflist),
};

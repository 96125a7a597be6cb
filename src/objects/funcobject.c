/*
 * funcobject.c -- Python functions, cells and bound methods.
 *
 * Types defined here: OuFunction_Type ("function"), OuCell_Type ("cell"),
 * OuMethod_Type ("method"). Calling a function is OuFunction_Vectorcall
 * (src/vm/call.c), its tp_call.
 */
#include "core/ouro.h"
#include "vm/eval.h"
#include "vm/frame.h"

static uint32_t next_func_version = 1;

/* ------------------------------------------------------------------ */
/* Functions                                                          */

OuObject *OuFunction_New(OuObject *code, OuObject *globals, OuObject *qualname)
{
    if (!code || !OuCode_Check(code) || !globals || !OuDict_Check(globals)) {
        OuErr_BadInternalCall();
        return NULL;
    }
    OuCodeObject *co = (OuCodeObject *)code;
    OuObject *builtins = OuFrame_BuiltinsFromGlobals(globals);
    if (!builtins)
        return NULL;
    OuObject *module = OuDict_GetItemWithError(globals, OU_ID(__name__));
    if (!module && OuErr_Occurred())
        return NULL;
    OuFunctionObject *f = (OuFunctionObject *)OuType_GenericAlloc(&OuFunction_Type, 0);
    if (!f)
        return NULL;
    f->func_code = OU_NEWREF(code);
    f->func_globals = OU_NEWREF(globals);
    f->func_builtins = OU_NEWREF(builtins);
    f->func_name = OU_NEWREF(co->co_name);
    f->func_qualname = OU_NEWREF(qualname ? qualname : co->co_qualname);
    OuObject *doc = OU_TUPLE_LEN(co->co_consts) ? OU_TUPLE_GET(co->co_consts, 0) : OU_NONE;
    f->func_doc = OU_NEWREF(OuStr_Check(doc) ? doc : OU_NONE);
    f->func_module = OU_XNEWREF(module);
    f->func_version = next_func_version++;
    OuObject_GC_Track((OuObject *)f);
    return (OuObject *)f;
}

static void func_dealloc(OuObject *o)
{
    OuFunctionObject *f = (OuFunctionObject *)o;
    OuObject_GC_UnTrack(o);
    OU_XDECREF(f->func_code);
    OU_XDECREF(f->func_globals);
    OU_XDECREF(f->func_builtins);
    OU_XDECREF(f->func_name);
    OU_XDECREF(f->func_qualname);
    OU_XDECREF(f->func_defaults);
    OU_XDECREF(f->func_kwdefaults);
    OU_XDECREF(f->func_closure);
    OU_XDECREF(f->func_doc);
    OU_XDECREF(f->func_dict);
    OU_XDECREF(f->func_module);
    OU_XDECREF(f->func_annotations);
    OU_TYPE(o)->tp_free(o);
}

static int func_traverse(OuObject *o, visitproc visit, void *arg)
{
    OuFunctionObject *f = (OuFunctionObject *)o;
    OU_VISIT(f->func_code);
    OU_VISIT(f->func_globals);
    OU_VISIT(f->func_builtins);
    OU_VISIT(f->func_defaults);
    OU_VISIT(f->func_kwdefaults);
    OU_VISIT(f->func_closure);
    OU_VISIT(f->func_doc);
    OU_VISIT(f->func_dict);
    OU_VISIT(f->func_module);
    OU_VISIT(f->func_annotations);
    OU_VISIT(f->func_name);
    OU_VISIT(f->func_qualname);
    return 0;
}

static int func_clear(OuObject *o)
{
    OuFunctionObject *f = (OuFunctionObject *)o;
    OU_CLEAR(f->func_globals);
    OU_CLEAR(f->func_builtins);
    OU_CLEAR(f->func_defaults);
    OU_CLEAR(f->func_kwdefaults);
    OU_CLEAR(f->func_closure);
    OU_CLEAR(f->func_doc);
    OU_CLEAR(f->func_dict);
    OU_CLEAR(f->func_module);
    OU_CLEAR(f->func_annotations);
    return 0;
}

static OuObject *func_repr(OuObject *o)
{
    return OuStr_FromFormat("<function %U at %p>", ((OuFunctionObject *)o)->func_qualname, o);
}

/* __get__: a bound method, or the function itself when obj is None. */
static OuObject *func_descr_get(OuObject *func, OuObject *obj, OuObject *type)
{
    if (!obj || obj == OU_NONE)
        return OU_NEWREF(func);
    return OuMethod_New(func, obj);
}

static OuObject *func_get_code(OuObject *o, void *c)
{
    return OU_NEWREF(((OuFunctionObject *)o)->func_code);
}

static int func_set_code(OuObject *o, OuObject *v, void *c)
{
    OuFunctionObject *f = (OuFunctionObject *)o;
    if (!v || !OuCode_Check(v)) {
        OuErr_SetString(OuExc_TypeError, "__code__ must be set to a code object");
        return -1;
    }
    Ou_ssize_t nfree = ((OuCodeObject *)v)->co_nfreevars;
    Ou_ssize_t nclosure = f->func_closure ? OU_TUPLE_LEN(f->func_closure) : 0;
    if (nfree != nclosure) {
        OuErr_Format(OuExc_ValueError, "%U() requires a code object with %zd free vars, not %zd",
                     f->func_name, nclosure, nfree);
        return -1;
    }
    f->func_version = next_func_version++;
    OU_SETREF(f->func_code, OU_NEWREF(v));
    return 0;
}

static OuObject *func_get_defaults(OuObject *o, void *c)
{
    OuObject *d = ((OuFunctionObject *)o)->func_defaults;
    return OU_NEWREF(d ? d : OU_NONE);
}

static int func_set_defaults(OuObject *o, OuObject *v, void *c)
{
    OuFunctionObject *f = (OuFunctionObject *)o;
    if (v == OU_NONE)
        v = NULL;
    if (v && !OuTuple_Check(v)) {
        OuErr_SetString(OuExc_TypeError, "__defaults__ must be set to a tuple object");
        return -1;
    }
    f->func_version = next_func_version++;
    OU_XSETREF(f->func_defaults, OU_XNEWREF(v));
    return 0;
}

static OuObject *func_get_kwdefaults(OuObject *o, void *c)
{
    OuObject *d = ((OuFunctionObject *)o)->func_kwdefaults;
    return OU_NEWREF(d ? d : OU_NONE);
}

static int func_set_kwdefaults(OuObject *o, OuObject *v, void *c)
{
    OuFunctionObject *f = (OuFunctionObject *)o;
    if (v == OU_NONE)
        v = NULL;
    if (v && !OuDict_Check(v)) {
        OuErr_SetString(OuExc_TypeError, "__kwdefaults__ must be set to a dict object");
        return -1;
    }
    f->func_version = next_func_version++;
    OU_XSETREF(f->func_kwdefaults, OU_XNEWREF(v));
    return 0;
}

static OuObject *func_get_annotations(OuObject *o, void *c)
{
    OuFunctionObject *f = (OuFunctionObject *)o;
    if (!f->func_annotations && !(f->func_annotations = OuDict_New()))
        return NULL;
    return OU_NEWREF(f->func_annotations);
}

static int func_set_annotations(OuObject *o, OuObject *v, void *c)
{
    OuFunctionObject *f = (OuFunctionObject *)o;
    if (v == OU_NONE)
        v = NULL;
    if (v && !OuDict_Check(v)) {
        OuErr_SetString(OuExc_TypeError, "__annotations__ must be set to a dict object");
        return -1;
    }
    OU_XSETREF(f->func_annotations, OU_XNEWREF(v));
    return 0;
}

static OuObject *func_get_name(OuObject *o, void *c)
{
    return OU_NEWREF(((OuFunctionObject *)o)->func_name);
}

static int func_set_name(OuObject *o, OuObject *v, void *c)
{
    if (!v || !OuStr_Check(v)) {
        OuErr_SetString(OuExc_TypeError, "__name__ must be set to a string object");
        return -1;
    }
    OU_SETREF(((OuFunctionObject *)o)->func_name, OU_NEWREF(v));
    return 0;
}

static OuObject *func_get_qualname(OuObject *o, void *c)
{
    return OU_NEWREF(((OuFunctionObject *)o)->func_qualname);
}

static int func_set_qualname(OuObject *o, OuObject *v, void *c)
{
    if (!v || !OuStr_Check(v)) {
        OuErr_SetString(OuExc_TypeError, "__qualname__ must be set to a string object");
        return -1;
    }
    OU_SETREF(((OuFunctionObject *)o)->func_qualname, OU_NEWREF(v));
    return 0;
}

static OuObject *func_get_dict(OuObject *o, void *c)
{
    OuFunctionObject *f = (OuFunctionObject *)o;
    if (!f->func_dict && !(f->func_dict = OuDict_New()))
        return NULL;
    return OU_NEWREF(f->func_dict);
}

static int func_set_dict(OuObject *o, OuObject *v, void *c)
{
    if (!v) {
        OuErr_SetString(OuExc_TypeError, "cannot delete __dict__");
        return -1;
    }
    if (!OuDict_Check(v)) {
        OuErr_Format(OuExc_TypeError, "__dict__ must be set to a dictionary, not a '%.200s'",
                     OU_TYPE_NAME(v));
        return -1;
    }
    OU_XSETREF(((OuFunctionObject *)o)->func_dict, OU_NEWREF(v));
    return 0;
}

/* FunctionType(code, globals, name=None, argdefs=None, closure=None) */
static OuObject *func_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {"code", "globals", "name", "argdefs", "closure", NULL};
    OuObject *a[5];
    if (OuArg_Parse("function", args, nargs, kwnames, names, 0, -1, 2, a) < 0)
        return NULL;
    if (!OuCode_Check(a[0]))
        return OuErr_Format(OuExc_TypeError, "function() argument 'code' must be code, not %s",
                            OU_TYPE_NAME(a[0]));
    if (!OuDict_Check(a[1]))
        return OuErr_Format(OuExc_TypeError, "function() argument 'globals' must be dict, not %s",
                            OU_TYPE_NAME(a[1]));
    if (a[2] && a[2] != OU_NONE && !OuStr_Check(a[2]))
        return OuErr_Format(OuExc_TypeError, "arg 3 (name) must be None or string");
    if (a[3] && a[3] != OU_NONE && !OuTuple_Check(a[3]))
        return OuErr_Format(OuExc_TypeError, "arg 4 (defaults) must be None or tuple");
    OuCodeObject *co = (OuCodeObject *)a[0];
    Ou_ssize_t nclosure = (a[4] && a[4] != OU_NONE) ? (OuTuple_Check(a[4]) ? OU_TUPLE_LEN(a[4]) : -1) : 0;
    if (nclosure < 0)
        return OuErr_Format(OuExc_TypeError, "arg 5 (closure) must be tuple");
    if (nclosure != co->co_nfreevars)
        return OuErr_Format(OuExc_ValueError, "%U requires closure of length %zd, not %zd",
                            co->co_name, (Ou_ssize_t)co->co_nfreevars, nclosure);
    for (Ou_ssize_t i = 0; i < nclosure; i++)
        if (!OuCell_Check(OU_TUPLE_GET(a[4], i)))
            return OuErr_Format(OuExc_TypeError, "arg 5 (closure) expected cell, found %s",
                                OU_TYPE_NAME(OU_TUPLE_GET(a[4], i)));
    OuFunctionObject *f = (OuFunctionObject *)OuFunction_New(a[0], a[1], NULL);
    if (!f)
        return NULL;
    if (a[2] && a[2] != OU_NONE)
        OU_SETREF(f->func_name, OU_NEWREF(a[2]));
    if (a[3] && a[3] != OU_NONE)
        f->func_defaults = OU_NEWREF(a[3]);
    if (nclosure)
        f->func_closure = OU_NEWREF(a[4]);
    return (OuObject *)f;
}

#define FN_OFF(f) offsetof(OuFunctionObject, f)
static OuMemberDef func_members[] = {
    {"__closure__", OU_T_OBJECT, FN_OFF(func_closure), OU_READONLY, NULL},
    {"__doc__", OU_T_OBJECT, FN_OFF(func_doc), 0, NULL},
    {"__globals__", OU_T_OBJECT, FN_OFF(func_globals), OU_READONLY, NULL},
    {"__module__", OU_T_OBJECT, FN_OFF(func_module), 0, NULL},
    {"__builtins__", OU_T_OBJECT, FN_OFF(func_builtins), OU_READONLY, NULL},
    {NULL, 0, 0, 0, NULL}
};

static OuGetSetDef func_getset[] = {
    {"__code__", func_get_code, func_set_code, NULL, NULL},
    {"__defaults__", func_get_defaults, func_set_defaults, NULL, NULL},
    {"__kwdefaults__", func_get_kwdefaults, func_set_kwdefaults, NULL, NULL},
    {"__annotations__", func_get_annotations, func_set_annotations, NULL, NULL},
    {"__dict__", func_get_dict, func_set_dict, NULL, NULL},
    {"__name__", func_get_name, func_set_name, NULL, NULL},
    {"__qualname__", func_get_qualname, func_set_qualname, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

OuTypeObject OuFunction_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "function",
    .tp_basicsize = sizeof(OuFunctionObject),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = func_dealloc,
    .tp_free = OuObject_Free,
    .tp_new = func_new,
    .tp_traverse = func_traverse,
    .tp_clear = func_clear,
    .tp_repr = func_repr,
    .tp_call = OuFunction_Vectorcall,
    .tp_getattro = OuObject_GenericGetAttr,
    .tp_setattro = OuObject_GenericSetAttr,
    .tp_descr_get = func_descr_get,
    .tp_members = func_members,
    .tp_getset = func_getset,
    .tp_dictoffset = offsetof(OuFunctionObject, func_dict),
    .tp_weaklistoffset = offsetof(OuFunctionObject, func_weakreflist),
};

/* ------------------------------------------------------------------ */
/* Cells                                                              */

OuObject *OuCell_New(OuObject *value)
{
    OuCellObject *c = (OuCellObject *)OuType_GenericAlloc(&OuCell_Type, 0);
    if (!c)
        return NULL;
    c->ob_ref = OU_XNEWREF(value);
    OuObject_GC_Track((OuObject *)c);
    return (OuObject *)c;
}

static void cell_dealloc(OuObject *o)
{
    OuObject_GC_UnTrack(o);
    OU_XDECREF(((OuCellObject *)o)->ob_ref);
    OU_TYPE(o)->tp_free(o);
}

static int cell_traverse(OuObject *o, visitproc visit, void *arg)
{
    OU_VISIT(((OuCellObject *)o)->ob_ref);
    return 0;
}

static int cell_clear(OuObject *o)
{
    OU_CLEAR(((OuCellObject *)o)->ob_ref);
    return 0;
}

static OuObject *cell_repr(OuObject *o)
{
    OuObject *v = OU_CELL_GET(o);
    if (!v)
        return OuStr_FromFormat("<cell at %p: empty>", o);
    return OuStr_FromFormat("<cell at %p: %.80s object at %p>", o, OU_TYPE_NAME(v), v);
}

/* Compare two C ints as a rich comparison. */
static OuObject *compare_ints(int a, int b, int op)
{
    int r = 0;
    switch (op) {
    case OU_LT: r = a < b; break;
    case OU_LE: r = a <= b; break;
    case OU_EQ: r = a == b; break;
    case OU_NE: r = a != b; break;
    case OU_GT: r = a > b; break;
    case OU_GE: r = a >= b; break;
    }
    return OuBool_FromLong(r);
}

/* Cells compare by contents; an empty cell is less than a full one. */
static OuObject *cell_richcompare(OuObject *a, OuObject *b, int op)
{
    if (!OuCell_Check(a) || !OuCell_Check(b))
        OU_RETURN_NOTIMPLEMENTED;
    OuObject *x = OU_CELL_GET(a), *y = OU_CELL_GET(b);
    if (x && y)
        return OuObject_RichCompare(x, y, op);
    return compare_ints(y == NULL, x == NULL, op);
}

static OuObject *cell_get_contents(OuObject *o, void *c)
{
    OuObject *v = OU_CELL_GET(o);
    if (!v) {
        OuErr_SetString(OuExc_ValueError, "Cell is empty");
        return NULL;
    }
    return OU_NEWREF(v);
}

static int cell_set_contents(OuObject *o, OuObject *v, void *c)
{
    OU_XSETREF(((OuCellObject *)o)->ob_ref, OU_XNEWREF(v));
    return 0;
}

static OuObject *cell_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("cell", kwnames) < 0 || OuArg_CheckPositional("cell", nargs, 0, 1) < 0)
        return NULL;
    return OuCell_New(nargs ? args[0] : NULL);
}

static OuGetSetDef cell_getset[] = {
    {"cell_contents", cell_get_contents, cell_set_contents, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

OuTypeObject OuCell_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "cell",
    .tp_basicsize = sizeof(OuCellObject),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = cell_dealloc,
    .tp_free = OuObject_Free,
    .tp_new = cell_new,
    .tp_traverse = cell_traverse,
    .tp_clear = cell_clear,
    .tp_repr = cell_repr,
    .tp_hash = OuObject_HashNotImplemented,
    .tp_richcompare = cell_richcompare,
    .tp_getattro = OuObject_GenericGetAttr,
    .tp_getset = cell_getset,
};

/* ------------------------------------------------------------------ */
/* Bound methods                                                      */

static OuMethodObject *method_free_list;
static int method_free_count;
#define METHOD_FREE_MAX 64

OuObject *OuMethod_New(OuObject *func, OuObject *self)
{
    if (!self) {
        OuErr_BadInternalCall();
        return NULL;
    }
    OuMethodObject *m = method_free_list;
    if (m) {
        method_free_list = (OuMethodObject *)m->im_self;
        method_free_count--;
        OU_REFCNT(m) = 1;
    } else {
        m = (OuMethodObject *)OuType_GenericAlloc(&OuMethod_Type, 0);
        if (!m)
            return NULL;
    }
    m->im_func = OU_NEWREF(func);
    m->im_self = OU_NEWREF(self);
    m->im_weakreflist = NULL;
    OuObject_GC_Track((OuObject *)m);
    return (OuObject *)m;
}

static void method_dealloc(OuObject *o)
{
    OuMethodObject *m = (OuMethodObject *)o;
    OuObject_GC_UnTrack(o);
    OU_CLEAR(m->im_func);
    OU_CLEAR(m->im_self);
    if (OU_TYPE(o) == &OuMethod_Type && method_free_count < METHOD_FREE_MAX) {
        m->im_self = (OuObject *)method_free_list;
        method_free_list = m;
        method_free_count++;
        return;
    }
    OU_TYPE(o)->tp_free(o);
}

static int method_traverse(OuObject *o, visitproc visit, void *arg)
{
    OuMethodObject *m = (OuMethodObject *)o;
    OU_VISIT(m->im_func);
    OU_VISIT(m->im_self);
    return 0;
}

/* Call func(self, *args): self goes in front of the arguments. */
static OuObject *method_vectorcall(OuObject *o, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    OuMethodObject *m = (OuMethodObject *)o;
    Ou_ssize_t total = nargs + (kwnames ? OU_TUPLE_LEN(kwnames) : 0);
    OuObject *small[8], **buf = small;
    if (total + 1 > 8) {
        buf = Ou_MallocErr(sizeof(OuObject *) * (size_t)(total + 1));
        if (!buf)
            return NULL;
    }
    buf[0] = m->im_self;
    if (total)
        memcpy(buf + 1, args, sizeof(OuObject *) * (size_t)total);
    OuObject *func = m->im_func, *self = m->im_self;
    OU_INCREF(func);
    OU_INCREF(self);
    OuObject *r = OuFunction_Check(func) ? OuFunction_Vectorcall(func, buf, nargs + 1, kwnames)
                                         : OuObject_Vectorcall(func, buf, nargs + 1, kwnames);
    OU_DECREF(func);
    OU_DECREF(self);
    if (buf != small)
        Ou_Free(buf);
    return r;
}

/* Attributes of the method type first, then the function's. */
static OuObject *method_getattro(OuObject *o, OuObject *name)
{
    OuTypeObject *tp = OU_TYPE(o);
    OuObject *descr = OuType_Lookup(tp, name);
    if (descr) {
        descrgetfunc get = OU_TYPE(descr)->tp_descr_get;
        if (get)
            return get(descr, o, (OuObject *)tp);
        return OU_NEWREF(descr);
    }
    return OuObject_GetAttr(((OuMethodObject *)o)->im_func, name);
}

static OuObject *method_get_doc(OuObject *o, void *c)
{
    return OuObject_GetAttr(((OuMethodObject *)o)->im_func, OU_ID(__doc__));
}

static OuObject *method_repr(OuObject *o)
{
    OuMethodObject *m = (OuMethodObject *)o;
    OuObject *name = NULL;
    if (OuObject_LookupAttr(m->im_func, OU_ID(__qualname__), &name) < 0)
        return NULL;
    if (!name && OuObject_LookupAttr(m->im_func, OU_ID(__name__), &name) < 0)
        return NULL;
    if (name && !OuStr_Check(name))
        OU_CLEAR(name);
    OuObject *r = OuStr_FromFormat("<bound method %V of %R>", name, "?", m->im_self);
    OU_XDECREF(name);
    return r;
}

static OuObject *method_richcompare(OuObject *a, OuObject *b, int op)
{
    if ((op != OU_EQ && op != OU_NE) || !OuMethod_Check(a) || !OuMethod_Check(b))
        OU_RETURN_NOTIMPLEMENTED;
    OuMethodObject *x = (OuMethodObject *)a, *y = (OuMethodObject *)b;
    int eq = x->im_self == y->im_self;
    if (eq) {
        eq = OuObject_RichCompareBool(x->im_func, y->im_func, OU_EQ);
        if (eq < 0)
            return NULL;
    }
    return OuBool_FromLong(op == OU_EQ ? eq : !eq);
}

static Ou_hash_t hash_pointer(void *p)
{
    size_t y = (size_t)p;
    y = (y >> 4) | (y << (8 * sizeof(void *) - 4));
    Ou_hash_t h = (Ou_hash_t)y;
    return h == -1 ? -2 : h;
}

static Ou_hash_t method_hash(OuObject *o)
{
    OuMethodObject *m = (OuMethodObject *)o;
    Ou_hash_t y = OuObject_Hash(m->im_func);
    if (y == -1)
        return -1;
    Ou_hash_t h = hash_pointer(m->im_self) ^ y;
    return h == -1 ? -2 : h;
}

static OuObject *method_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("method", kwnames) < 0 || OuArg_CheckPositional("method", nargs, 2, 2) < 0)
        return NULL;
    if (!OuCallable_Check(args[0]))
        return OuErr_Format(OuExc_TypeError, "first argument must be callable");
    if (args[1] == OU_NONE)
        return OuErr_Format(OuExc_TypeError, "instance must not be None");
    return OuMethod_New(args[0], args[1]);
}

static OuObject *method_reduce(OuObject *o, OuObject *unused)
{
    OuMethodObject *m = (OuMethodObject *)o;
    OuObject *getattr = OuDict_GetItemString(OU_RT->builtins, "getattr");
    OuObject *name = OuObject_GetAttr(m->im_func, OU_ID(__name__));
    if (!getattr || !name) {
        OU_XDECREF(name);
        if (!OuErr_Occurred())
            OuErr_SetString(OuExc_RuntimeError, "lost builtins.getattr");
        return NULL;
    }
    OuObject *args = OuTuple_Pack(2, m->im_self, name);
    OU_DECREF(name);
    if (!args)
        return NULL;
    OuObject *r = OuTuple_Pack(2, getattr, args);
    OU_DECREF(args);
    return r;
}

static OuMemberDef method_members[] = {
    {"__func__", OU_T_OBJECT, offsetof(OuMethodObject, im_func), OU_READONLY, NULL},
    {"__self__", OU_T_OBJECT, offsetof(OuMethodObject, im_self), OU_READONLY, NULL},
    {NULL, 0, 0, 0, NULL}
};

static OuGetSetDef method_getset[] = {
    {"__doc__", method_get_doc, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

static OuMethodDef method_methods[] = {
    {"__reduce__", (void *)method_reduce, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuMethod_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "method",
    .tp_basicsize = sizeof(OuMethodObject),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = method_dealloc,
    .tp_free = OuObject_Free,
    .tp_new = method_new,
    .tp_traverse = method_traverse,
    .tp_repr = method_repr,
    .tp_hash = method_hash,
    .tp_call = method_vectorcall,
    .tp_getattro = method_getattro,
    .tp_setattro = OuObject_GenericSetAttr,
    .tp_richcompare = method_richcompare,
    .tp_members = method_members,
    .tp_getset = method_getset,
    .tp_methods = method_methods,
    .tp_weaklistoffset = offsetof(OuMethodObject, im_weakreflist),
};

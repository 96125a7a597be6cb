/*
 * sysmodule.c -- the sys module.
 *
 * Holds the interpreter-wide settings visible to Python code: argv, path,
 * modules, the standard streams, the recursion limit, version facts.
 */
#include "core/ouro.h"
#include "modules/modules.h"
#include "vm/eval.h"
#include <unistd.h>
#include <limits.h>

static double switch_interval = 0.005;

/* Borrowed sys.<name>, or NULL (no error) if absent. */
OuObject *OuSys_GetObject(const char *name)
{
    if (!OU_RT->sysdict)
        return NULL;
    return OuDict_GetItemString(OU_RT->sysdict, name);
}

/* Flush one stream found in sys, ignoring every error. */
static void flush_stream(const char *name)
{
    OuObject *f = OuSys_GetObject(name);
    if (!f || f == OU_NONE)
        return;
    if (OU_TYPE(f) == &OuStdPrinter_Type) {
        OuStdPrinter_FlushQuietly(f);
        return;
    }
    OuObject *r = OuObject_CallMethodStr(f, "flush", NULL, 0);
    if (r)
        OU_DECREF(r);
    else
        OuErr_Clear();
}

void OuSys_FlushStdFiles(void)
{
    flush_stream("stdout");
    flush_stream("stderr");
}

/* sys.exit([status]) raises SystemExit(status). */
static OuObject *sys_exit(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("exit", kwnames) < 0 || OuArg_CheckPositional("exit", nargs, 0, 1) < 0)
        return NULL;
    OuErr_SetObject(OuExc_SystemExit, nargs ? args[0] : NULL);
    return NULL;
}

static OuObject *sys_getrecursionlimit(OuObject *self, OuObject *unused)
{
    return OuInt_FromLong(OU_RT->recursion_limit);
}

static OuObject *sys_setrecursionlimit(OuObject *self, OuObject *arg)
{
    if (OuFloat_Check(arg))
        return OuErr_Format(OuExc_TypeError, "'float' object cannot be interpreted as an integer");
    long n = OuInt_AsLong(arg);
    if (n == -1 && OuErr_Occurred())
        return NULL;
    if (n < 1)
        return OuErr_Format(OuExc_ValueError, "recursion limit must be greater or equal than 1");
    if (n > INT_MAX)
        return OuErr_Format(OuExc_OverflowError, "Python int too large to convert to C int");
    if (n <= OU_TS->recursion_depth)
        return OuErr_Format(OuExc_RecursionError,
                            "cannot set the recursion limit to %ld at the recursion depth %d: the limit is too low",
                            n, OU_TS->recursion_depth);
    OU_RT->recursion_limit = (int)n;
    OU_RETURN_NONE;
}

static OuObject *sys_getrefcount(OuObject *self, OuObject *arg)
{
    return OuInt_FromSsize_t(OU_REFCNT(arg));
}

static OuObject *sys_getsizeof(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {"object", "default", NULL};
    OuObject *a[2];
    if (OuArg_Parse("getsizeof", args, nargs, kwnames, names, 0, -1, 1, a) < 0)
        return NULL;
    OuObject *m = OuObject_CallMethodStr(a[0], "__sizeof__", NULL, 0);
    if (!m) {
        if (a[1] && OuErr_ExceptionMatches(OuExc_TypeError)) {
            OuErr_Clear();
            return OU_NEWREF(a[1]);
        }
        return NULL;
    }
    Ou_ssize_t n = OuNumber_AsSsize_t(m, OuExc_OverflowError);
    OU_DECREF(m);
    if (n == -1 && OuErr_Occurred())
        return NULL;
    if (n < 0)
        return OuErr_Format(OuExc_ValueError, "__sizeof__() should return >= 0");
    if (OU_TYPE(a[0])->tp_flags & OU_TPFLAGS_HAVE_GC)
        n += sizeof(OuGCHead);
    return OuInt_FromSsize_t(n);
}

static OuObject *sys_intern(OuObject *self, OuObject *arg)
{
    if (!OuStr_CheckExact(arg))
        return OuErr_Format(OuExc_TypeError, "intern() argument must be str, not %T", arg);
    OuObject *s = OU_NEWREF(arg);
    OuStr_InternInPlace(&s);
    return s;
}

/* The handled exception as (type, value, traceback). */
static OuObject *sys_exc_info(OuObject *self, OuObject *unused)
{
    OuObject *e = OuErr_GetHandledException();
    if (!e || e == OU_NONE)
        return OuTuple_Pack(3, OU_NONE, OU_NONE, OU_NONE);
    OuObject *tb = OuException_GetTraceback(e);
    return OuTuple_Pack(3, (OuObject *)OU_TYPE(e), e, tb ? tb : OU_NONE);
}

static OuObject *sys_exception(OuObject *self, OuObject *unused)
{
    OuObject *e = OuErr_GetHandledException();
    return OU_NEWREF(e ? e : OU_NONE);
}

static OuObject *sys_getframe(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("_getframe", kwnames) < 0 || OuArg_CheckPositional("_getframe", nargs, 0, 1) < 0)
        return NULL;
    long depth = 0;
    if (nargs) {
        depth = OuInt_AsLong(args[0]);
        if (depth == -1 && OuErr_Occurred())
            return NULL;
    }
    return OuEval_GetFrame((int)depth);
}

static OuObject *sys_utf8(OuObject *self, OuObject *unused) { return OuStr_FromUTF8("utf-8"); }

static OuObject *sys_get_int_max_str_digits(OuObject *self, OuObject *unused)
{
    return OuInt_FromInt64(OU_RT->int_max_str_digits);
}

static OuObject *sys_set_int_max_str_digits(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                                            OuObject *kwnames)
{
    static const char *const names[] = {"maxdigits", NULL};
    OuObject *a[1];
    if (OuArg_Parse("set_int_max_str_digits", args, nargs, kwnames, names, 0, -1, 1, a) < 0)
        return NULL;
    long n = OuInt_AsLong(a[0]);
    if (n == -1 && OuErr_Occurred())
        return NULL;
    if (n != 0 && n < 640)
        return OuErr_Format(OuExc_ValueError, "maxdigits must be 0 or larger than %d", 640);
    OU_RT->int_max_str_digits = n;
    OU_RETURN_NONE;
}

/* sys.displayhook(value): print repr(value) and store it in builtins._ */
static OuObject *sys_displayhook(OuObject *self, OuObject *value)
{
    if (value == OU_NONE)
        OU_RETURN_NONE;
    if (OuDict_SetItemString(OU_RT->builtins, "_", OU_NONE) < 0)
        return NULL;
    OuObject *out = OuSys_GetObject("stdout");
    if (!out || out == OU_NONE)
        return OuErr_Format(OuExc_RuntimeError, "lost sys.stdout");
    OuObject *r = OuObject_Repr(value);
    if (!r)
        return NULL;
    OuObject *w = OuObject_CallMethodStr(out, "write", &r, 1);
    OU_DECREF(r);
    if (!w)
        return NULL;
    OU_DECREF(w);
    OuObject *nl = OuStr_FromUTF8("\n");
    w = nl ? OuObject_CallMethodStr(out, "write", &nl, 1) : NULL;
    OU_XDECREF(nl);
    if (!w)
        return NULL;
    OU_DECREF(w);
    if (OuDict_SetItemString(OU_RT->builtins, "_", value) < 0)
        return NULL;
    OU_RETURN_NONE;
}

static OuObject *sys_excepthook(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("excepthook", kwnames) < 0 || OuArg_CheckPositional("excepthook", nargs, 3, 3) < 0)
        return NULL;
    OuErr_Display(args[1]);
    OU_RETURN_NONE;
}

static OuObject *sys_is_finalizing(OuObject *self, OuObject *unused)
{
    return OuBool_FromLong(OU_RT->finalizing);
}

static OuObject *sys_audit(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (nargs < 1)
        return OuErr_Format(OuExc_TypeError, "audit() missing 1 required positional argument: 'event'");
    OU_RETURN_NONE;
}

static OuObject *sys_getswitchinterval(OuObject *self, OuObject *unused)
{
    return OuFloat_FromDouble(switch_interval);
}

static OuObject *sys_setswitchinterval(OuObject *self, OuObject *arg)
{
    double d = OuFloat_AsDouble(arg);
    if (d == -1.0 && OuErr_Occurred())
        return NULL;
    if (d <= 0.0)
        return OuErr_Format(OuExc_ValueError, "switch interval must be strictly positive");
    switch_interval = d;
    OU_RETURN_NONE;
}

static OuMethodDef sys_methods[] = {
    {"exit", (void *)sys_exit, OU_METH_FAST, NULL},
    {"getrecursionlimit", (void *)sys_getrecursionlimit, OU_METH_NOARGS, NULL},
    {"setrecursionlimit", (void *)sys_setrecursionlimit, OU_METH_O, NULL},
    {"getrefcount", (void *)sys_getrefcount, OU_METH_O, NULL},
    {"getsizeof", (void *)sys_getsizeof, OU_METH_FAST, NULL},
    {"intern", (void *)sys_intern, OU_METH_O, NULL},
    {"exc_info", (void *)sys_exc_info, OU_METH_NOARGS, NULL},
    {"exception", (void *)sys_exception, OU_METH_NOARGS, NULL},
    {"_getframe", (void *)sys_getframe, OU_METH_FAST, NULL},
    {"getdefaultencoding", (void *)sys_utf8, OU_METH_NOARGS, NULL},
    {"getfilesystemencoding", (void *)sys_utf8, OU_METH_NOARGS, NULL},
    {"get_int_max_str_digits", (void *)sys_get_int_max_str_digits, OU_METH_NOARGS, NULL},
    {"set_int_max_str_digits", (void *)sys_set_int_max_str_digits, OU_METH_FAST, NULL},
    {"displayhook", (void *)sys_displayhook, OU_METH_O, NULL},
    {"excepthook", (void *)sys_excepthook, OU_METH_FAST, NULL},
    {"is_finalizing", (void *)sys_is_finalizing, OU_METH_NOARGS, NULL},
    {"audit", (void *)sys_audit, OU_METH_FAST, NULL},
    {"getswitchinterval", (void *)sys_getswitchinterval, OU_METH_NOARGS, NULL},
    {"setswitchinterval", (void *)sys_setswitchinterval, OU_METH_O, NULL},
    {NULL}
};

/* Set sys.<name> = value, stealing value; -1 on error (value NULL too). */
static int set_steal(OuObject *d, const char *name, OuObject *value)
{
    if (!value)
        return -1;
    int r = OuDict_SetItemString(d, name, value);
    OU_DECREF(value);
    return r;
}

/* A list of str from a NULL-terminated array of C strings. */
static OuObject *str_list(const char *const *items)
{
    OuObject *l = OuList_New(0);
    for (; l && *items; items++) {
        OuObject *s = OuStr_FromUTF8(*items);
        if (!s || OuList_Append(l, s) < 0) {
            OU_XDECREF(s);
            OU_DECREF(l);
            return NULL;
        }
        OU_DECREF(s);
    }
    return l;
}

/* The names of the modules compiled into the interpreter, sorted. */
static OuObject *builtin_module_names(void)
{
    OuObject *l = OuList_New(0);
    if (!l)
        return NULL;
    for (const OuBuiltinModuleDef *d = ou_builtin_modules; d->name; d++) {
        OuObject *s = OuStr_FromUTF8(d->name);
        if (!s || OuList_Append(l, s) < 0) {
            OU_XDECREF(s);
            OU_DECREF(l);
            return NULL;
        }
        OU_DECREF(s);
    }
    if (OuList_Sort(l) < 0) {
        OU_DECREF(l);
        return NULL;
    }
    OuObject *t = OuList_AsTuple(l);
    OU_DECREF(l);
    return t;
}

/* The standard streams, also kept as sys.__stdout__ etc. */
static int add_streams(OuObject *d)
{
    static const struct { const char *name, *dunder, *label, *mode; int fd, bs; } s[] = {
        {"stdin", "__stdin__", "<stdin>", "r", 0, 0},
        {"stdout", "__stdout__", "<stdout>", "w", 1, 0},
        {"stderr", "__stderr__", "<stderr>", "w", 2, 1},
    };
    for (int i = 0; i < 3; i++) {
        OuObject *f = OuStdPrinter_New(s[i].fd, s[i].label, s[i].mode, s[i].bs);
        if (!f)
            return -1;
        if (OuDict_SetItemString(d, s[i].name, f) < 0 || OuDict_SetItemString(d, s[i].dunder, f) < 0) {
            OU_DECREF(f);
            return -1;
        }
        OU_DECREF(f);
    }
    return 0;
}

/* Version facts: version, version_info, hexversion, implementation... */
static int add_version_info(OuObject *d)
{
    OuObject *vi = OuTuple_Pack(5, OU_NONE, OU_NONE, OU_NONE, OU_NONE, OU_NONE);
    if (!vi)
        return -1;
    OuObject *parts[5] = {OuInt_FromLong(3), OuInt_FromLong(11), OuInt_FromLong(2),
                          OuStr_FromUTF8("final"), OuInt_FromLong(0)};
    for (int i = 0; i < 5; i++) {
        if (!parts[i]) {
            OU_DECREF(vi);
            return -1;
        }
        OU_DECREF(OU_TUPLE_GET(vi, i));
        OU_TUPLE_SET(vi, i, parts[i]);
    }
    if (OuDict_SetItemString(d, "version_info", vi) < 0) {
        OU_DECREF(vi);
        return -1;
    }
    OU_DECREF(vi);
    if (set_steal(d, "version", OuStr_FromUTF8(OU_VERSION " (ouro " OURO_VERSION ") [GCC " __VERSION__ "]")) < 0 ||
        set_steal(d, "hexversion", OuInt_FromLong(OU_VERSION_HEX)) < 0 ||
        set_steal(d, "api_version", OuInt_FromLong(1013)) < 0)
        return -1;
    return 0;
}

/* Constants and containers of sys that do not depend on the command line. */
static int add_constants(OuObject *d)
{
    static const char *const path[] = {"/usr/lib/python3.11", "/usr/lib/python3.11/lib-dynload", NULL};
    static const char *const empty[] = {NULL};
    if (set_steal(d, "platform", OuStr_FromUTF8("linux")) < 0 ||
        set_steal(d, "byteorder", OuStr_FromUTF8("little")) < 0 ||
        set_steal(d, "maxsize", OuInt_FromSsize_t(OU_SSIZE_T_MAX)) < 0 ||
        set_steal(d, "maxunicode", OuInt_FromLong(0x10FFFF)) < 0 ||
        set_steal(d, "executable", OuStr_FromUTF8("")) < 0 ||
        set_steal(d, "prefix", OuStr_FromUTF8("/usr")) < 0 ||
        set_steal(d, "base_prefix", OuStr_FromUTF8("/usr")) < 0 ||
        set_steal(d, "exec_prefix", OuStr_FromUTF8("/usr")) < 0 ||
        set_steal(d, "base_exec_prefix", OuStr_FromUTF8("/usr")) < 0 ||
        set_steal(d, "platlibdir", OuStr_FromUTF8("lib")) < 0 ||
        set_steal(d, "pycache_prefix", OU_NEWREF(OU_NONE)) < 0 ||
        set_steal(d, "dont_write_bytecode", OuBool_FromLong(OU_RT->dont_write_bytecode)) < 0 ||
        set_steal(d, "path", str_list(path)) < 0 ||
        set_steal(d, "meta_path", str_list(empty)) < 0 ||
        set_steal(d, "path_hooks", str_list(empty)) < 0 ||
        set_steal(d, "warnoptions", str_list(empty)) < 0 ||
        set_steal(d, "path_importer_cache", OuDict_New()) < 0 ||
        set_steal(d, "builtin_module_names", builtin_module_names()) < 0 ||
        set_steal(d, "copyright", OuStr_FromUTF8("Ouro: a Python 3.11 implementation in C11.")) < 0)
        return -1;
    if (OuDict_SetItemString(d, "modules", OU_RT->modules) < 0)
        return -1;
    return add_version_info(d);
}

/* Keep sys.__displayhook__ / __excepthook__ as the originals. */
static int add_hook_originals(OuObject *d)
{
    OuObject *h = OuDict_GetItemString(d, "displayhook");
    if (!h || OuDict_SetItemString(d, "__displayhook__", h) < 0)
        return -1;
    h = OuDict_GetItemString(d, "excepthook");
    if (!h || OuDict_SetItemString(d, "__excepthook__", h) < 0)
        return -1;
    return 0;
}

OuObject *OuSys_Create(void)
{
    OuObject *m = OuModule_NewFromString("sys");
    if (!m)
        return NULL;
    OuObject *d = OuModule_GetDict(m);
    OU_RT->sys_module = m;
    OU_RT->sysdict = d;
    if (OuModule_AddFunctions(m, sys_methods) < 0 || add_hook_originals(d) < 0 ||
        add_constants(d) < 0 || add_streams(d) < 0) {
        OU_RT->sys_module = OU_RT->sysdict = NULL;
        OU_DECREF(m);
        return NULL;
    }
    return m;
}

/* sys.argv from the command line, and sys.path[0] (the script's directory,
   "" for -c and the REPL); Ouro's own lib/ goes first when found. */
int OuSys_SetArgv(int argc, char **argv, const char *script_dir)
{
    OuObject *l = OuList_New(0);
    if (!l)
        return -1;
    for (int i = 0; i < argc; i++) {
        OuObject *s = OuStr_FromUTF8(argv[i]);
        if (!s || OuList_Append(l, s) < 0) {
            OU_XDECREF(s);
            OU_DECREF(l);
            return -1;
        }
        OU_DECREF(s);
    }
    if (argc == 0) {
        OuObject *s = OU_NEWREF(OU_ID(empty));
        int r = OuList_Append(l, s);
        OU_DECREF(s);
        if (r < 0) {
            OU_DECREF(l);
            return -1;
        }
    }
    if (OuDict_SetItemString(OU_RT->sysdict, "argv", l) < 0) {
        OU_DECREF(l);
        return -1;
    }
    OU_XSETREF(OU_RT->argv, l);
    OuObject *path = OuSys_GetObject("path");
    if (!path)
        return 0;
    if (script_dir) {
        OuObject *s = OuStr_FromUTF8(script_dir);
        if (!s || OuList_Insert(path, 0, s) < 0) {
            OU_XDECREF(s);
            return -1;
        }
        OU_DECREF(s);
    }
    return 0;
}

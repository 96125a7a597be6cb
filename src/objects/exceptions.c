/*
 * exceptions.c -- the built-in exception classes.
 *
 * Types defined here (all static, all in OU_FOR_EACH_EXCEPTION of
 * core/errors.h, exposed as OuExc_<Name>): BaseException and its whole
 * 3.11 hierarchy, including the layouts with extra fields
 * (SyntaxError, ImportError, OSError, StopIteration, SystemExit, NameError,
 * AttributeError, the UnicodeError family, BaseExceptionGroup).
 *
 * Every exception is a GC container: traceback -> frame -> locals -> the
 * exception is the classic cycle. Python subclasses extend the layout
 * (instance __dict__ at OuBaseExceptionObject.dict). Slots not set on a
 * derived type (new, init, str, repr, dealloc, ...) are inherited from its
 * base by OuType_Ready.
 */
#include "core/ouro.h"
#include <errno.h>
#include <stdio.h>

#define EXC_FLAGS (OU_TPFLAGS_BASETYPE | OU_TPFLAGS_HAVE_GC | OU_TPFLAGS_BASE_EXC_SUBCLASS)

/* Tentative definitions so that any type can name any other as its base. */
#define OU_EXC_FWD(name) static OuTypeObject exc_##name;
OU_FOR_EACH_EXCEPTION(OU_EXC_FWD)
#undef OU_EXC_FWD

#define OU_EXC_PTR(name) OuObject *OuExc_##name = (OuObject *)&exc_##name;
OU_FOR_EACH_EXCEPTION(OU_EXC_PTR)
#undef OU_EXC_PTR

#define BASE(o) ((OuBaseExceptionObject *)(o))

/* The type's name after the last dot ("ValueError"). */
static const char *exc_type_name(OuTypeObject *tp)
{
    const char *s = strrchr(tp->tp_name, '.');
    return s ? s + 1 : tp->tp_name;
}

static OuObject *exc_alloc(OuTypeObject *type)
{
    return type->tp_alloc ? type->tp_alloc(type, 0) : OuType_GenericAlloc(type, 0);
}

static void exc_free(OuObject *o)
{
    freefunc f = OU_TYPE(o)->tp_free;
    (f ? f : OuObject_Free)(o);
}

/* TypeError "T() takes no keyword arguments" when kwnames is not empty. */
static int no_keywords(OuTypeObject *tp, OuObject *kwnames)
{
    if (kwnames && OU_TUPLE_LEN(kwnames)) {
        OuErr_Format(OuExc_TypeError, "%s() takes no keyword arguments", exc_type_name(tp));
        return -1;
    }
    return 0;
}

/* Collect the keyword arguments named in `names` into out[]; any other
   keyword gives "'x' is an invalid keyword argument for T()". */
static int take_keywords(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                         OuObject *kwnames, const char *const *names, OuObject **out)
{
    if (!kwnames)
        return 0;
    for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(kwnames); i++) {
        OuObject *k = OU_TUPLE_GET(kwnames, i);
        int j;
        for (j = 0; names[j]; j++)
            if (OuStr_EqualToASCII(k, names[j]))
                break;
        if (!names[j]) {
            OuErr_Format(OuExc_TypeError, "'%U' is an invalid keyword argument for %s()",
                         k, exc_type_name(OU_TYPE(self)));
            return -1;
        }
        out[j] = args[nargs + i];
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* BaseException                                                        */

static OuObject *BaseException_new(OuTypeObject *type, OuObject *const *args,
                                   Ou_ssize_t nargs, OuObject *kwnames)
{
    OuObject *self = exc_alloc(type);
    if (!self)
        return NULL;
    BASE(self)->args = OuTuple_FromArray(args, nargs);
    if (!BASE(self)->args) {
        OU_DECREF(self);
        return NULL;
    }
    OuObject_GC_Track(self);
    return self;
}

static int BaseException_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                              OuObject *kwnames)
{
    if (no_keywords(OU_TYPE(self), kwnames) < 0)
        return -1;
    OuObject *t = OuTuple_FromArray(args, nargs);
    if (!t)
        return -1;
    OU_XSETREF(BASE(self)->args, t);
    return 0;
}

static int BaseException_traverse(OuObject *o, visitproc visit, void *arg)
{
    OuBaseExceptionObject *s = BASE(o);
    OU_VISIT(s->dict);
    OU_VISIT(s->args);
    OU_VISIT(s->notes);
    OU_VISIT(s->traceback);
    OU_VISIT(s->context);
    OU_VISIT(s->cause);
    return 0;
}

static int BaseException_clear(OuObject *o)
{
    OuBaseExceptionObject *s = BASE(o);
    OU_CLEAR(s->dict);
    OU_CLEAR(s->args);
    OU_CLEAR(s->notes);
    OU_CLEAR(s->traceback);
    OU_CLEAR(s->context);
    OU_CLEAR(s->cause);
    return 0;
}

static void BaseException_dealloc(OuObject *o)
{
    OuObject_GC_UnTrack(o);
    BaseException_clear(o);
    exc_free(o);
}

/* traverse / clear / dealloc for a layout with extra object fields. */
#define VISIT_F(f) OU_VISIT(s->f);
#define CLEAR_F(f) OU_CLEAR(s->f);
#define LAYOUT_FUNCS(NAME, STRUCT, FIELDS) \
    static int NAME##_traverse(OuObject *o, visitproc visit, void *arg) \
    { STRUCT *s = (STRUCT *)o; FIELDS(VISIT_F) return BaseException_traverse(o, visit, arg); } \
    static int NAME##_clear(OuObject *o) \
    { STRUCT *s = (STRUCT *)o; FIELDS(CLEAR_F) return BaseException_clear(o); } \
    static void NAME##_dealloc(OuObject *o) \
    { OuObject_GC_UnTrack(o); NAME##_clear(o); exc_free(o); }

static Ou_ssize_t nargs_of(OuObject *self)
{
    OuObject *a = BASE(self)->args;
    return a ? OU_TUPLE_LEN(a) : 0;
}

/* str(e): "" without args, str(arg) for one, str(args) for several. */
static OuObject *BaseException_str(OuObject *self)
{
    Ou_ssize_t n = nargs_of(self);
    if (n == 0)
        return OU_NEWREF(OU_ID(empty));
    if (n == 1)
        return OuObject_Str(OU_TUPLE_GET(BASE(self)->args, 0));
    return OuObject_Str(BASE(self)->args);
}

/* repr(e): "Name()", "Name(arg)", "Name(a, b)". */
static OuObject *BaseException_repr(OuObject *self)
{
    OuObject *name = OuType_GetName(OU_TYPE(self));
    if (!name)
        return NULL;
    OuObject *r;
    Ou_ssize_t n = nargs_of(self);
    if (n == 0)
        r = OuStr_FromFormat("%U()", name);
    else if (n == 1)
        r = OuStr_FromFormat("%U(%R)", name, OU_TUPLE_GET(BASE(self)->args, 0));
    else
        r = OuStr_FromFormat("%U%R", name, BASE(self)->args);
    OU_DECREF(name);
    return r;
}

static OuObject *exc_with_traceback(OuObject *self, OuObject *tb)
{
    if (OuException_SetTraceback(self, tb) < 0)
        return NULL;
    return OU_NEWREF(self);
}

static OuObject *exc_add_note(OuObject *self, OuObject *note)
{
    if (!OuStr_Check(note))
        return OuErr_Format(OuExc_TypeError, "note must be a str, not '%.200s'",
                            OU_TYPE_NAME(note));
    OuBaseExceptionObject *s = BASE(self);
    if (!s->notes && !(s->notes = OuList_New(0)))
        return NULL;
    if (!OuList_Check(s->notes))
        return OuErr_Format(OuExc_TypeError, "Cannot add note: __notes__ is not a list");
    if (OuList_Append(s->notes, note) < 0)
        return NULL;
    OU_RETURN_NONE;
}

/* (type, args) or (type, args, __dict__). */
static OuObject *exc_reduce(OuObject *self, OuObject *unused)
{
    OuObject *args = BASE(self)->args ? BASE(self)->args : ou_empty_tuple;
    OuObject *d = BASE(self)->dict;
    if (d && OU_DICT_LEN(d))
        return OuTuple_Pack(3, (OuObject *)OU_TYPE(self), args, d);
    return OuTuple_Pack(2, (OuObject *)OU_TYPE(self), args);
}

static OuObject *exc_setstate(OuObject *self, OuObject *state)
{
    if (state != OU_NONE) {
        if (!OuDict_Check(state))
            return OuErr_Format(OuExc_TypeError, "state is not a dictionary");
        Ou_ssize_t pos = 0;
        OuObject *k, *v;
        while (OuDict_Next(state, &pos, &k, &v))
            if (OuObject_SetAttr(self, k, v) < 0)
                return NULL;
    }
    OU_RETURN_NONE;
}

static OuMethodDef BaseException_methods[] = {
    {"__reduce__", (void *)exc_reduce, OU_METH_NOARGS, NULL},
    {"__setstate__", (void *)exc_setstate, OU_METH_O, NULL},
    {"with_traceback", (void *)exc_with_traceback, OU_METH_O,
     "Exception.with_traceback(tb) --\n    set self.__traceback__ to tb and return self."},
    {"add_note", (void *)exc_add_note, OU_METH_O,
     "Exception.add_note(note) --\n    add a note to the exception"},
    {NULL, NULL, 0, NULL},
};

static OuObject *exc_get_args(OuObject *self, void *c)
{
    return OU_NEWREF(BASE(self)->args ? BASE(self)->args : ou_empty_tuple);
}

static int exc_set_args(OuObject *self, OuObject *v, void *c)
{
    if (!v) {
        OuErr_SetString(OuExc_TypeError, "args may not be deleted");
        return -1;
    }
    OuObject *t = OuSequence_Tuple(v);
    if (!t)
        return -1;
    OU_XSETREF(BASE(self)->args, t);
    return 0;
}

static OuObject *exc_get_tb(OuObject *self, void *c)
{
    return OU_NEWREF(BASE(self)->traceback ? BASE(self)->traceback : OU_NONE);
}

static int exc_set_tb(OuObject *self, OuObject *v, void *c)
{
    if (!v) {
        OuErr_SetString(OuExc_TypeError, "__traceback__ may not be deleted");
        return -1;
    }
    return OuException_SetTraceback(self, v);
}

/* Shared check for __context__ / __cause__ values (attr names the
   attribute, what the message's subject); new ref, or NULL for None. */
static int exc_chain_value(OuObject *v, const char *attr, const char *what, OuObject **out)
{
    if (!v) {
        OuErr_Format(OuExc_TypeError, "%s may not be deleted", attr);
        return -1;
    }
    if (v == OU_NONE) {
        *out = NULL;
        return 0;
    }
    if (!OuExceptionInstance_Check(v)) {
        OuErr_Format(OuExc_TypeError, "%s must be None or derive from BaseException", what);
        return -1;
    }
    *out = OU_NEWREF(v);
    return 0;
}

static OuObject *exc_get_context(OuObject *self, void *c)
{
    return OU_NEWREF(BASE(self)->context ? BASE(self)->context : OU_NONE);
}

static int exc_set_context(OuObject *self, OuObject *v, void *c)
{
    OuObject *n;
    if (exc_chain_value(v, "__context__", "exception context", &n) < 0)
        return -1;
    OU_XSETREF(BASE(self)->context, n);
    return 0;
}

static OuObject *exc_get_cause(OuObject *self, void *c)
{
    return OU_NEWREF(BASE(self)->cause ? BASE(self)->cause : OU_NONE);
}

static int exc_set_cause(OuObject *self, OuObject *v, void *c)
{
    OuObject *n;
    if (exc_chain_value(v, "__cause__", "exception cause", &n) < 0)
        return -1;
    OuException_SetCause(self, n);
    return 0;
}

static OuObject *exc_get_suppress(OuObject *self, void *c)
{
    return OuBool_FromLong(BASE(self)->suppress_context);
}

static int exc_set_suppress(OuObject *self, OuObject *v, void *c)
{
    if (!v) {
        OuErr_SetString(OuExc_TypeError, "can't delete numeric/char attribute");
        return -1;
    }
    if (!OuBool_Check(v)) {
        OuErr_SetString(OuExc_TypeError, "attribute value type must be bool");
        return -1;
    }
    BASE(self)->suppress_context = (v == OU_TRUE);
    return 0;
}

static OuObject *exc_get_notes(OuObject *self, void *c)
{
    if (!BASE(self)->notes)
        return OuErr_NoAttribute(self, OU_ID(__notes__));
    return OU_NEWREF(BASE(self)->notes);
}

static int exc_set_notes(OuObject *self, OuObject *v, void *c)
{
    if (!v && !BASE(self)->notes) {
        OuErr_NoAttribute(self, OU_ID(__notes__));
        return -1;
    }
    OU_XSETREF(BASE(self)->notes, OU_XNEWREF(v));
    return 0;
}

static OuObject *exc_get_dict(OuObject *self, void *c)
{
    if (!BASE(self)->dict && !(BASE(self)->dict = OuDict_New()))
        return NULL;
    return OU_NEWREF(BASE(self)->dict);
}

static int exc_set_dict(OuObject *self, OuObject *v, void *c)
{
    if (!v) {
        OuErr_SetString(OuExc_TypeError, "__dict__ may not be deleted");
        return -1;
    }
    if (!OuDict_Check(v)) {
        OuErr_Format(OuExc_TypeError, "__dict__ must be set to a dictionary, not a '%.200s'",
                     OU_TYPE_NAME(v));
        return -1;
    }
    OU_XSETREF(BASE(self)->dict, OU_NEWREF(v));
    return 0;
}

static OuGetSetDef BaseException_getset[] = {
    {"__dict__", exc_get_dict, exc_set_dict, NULL, NULL},
    {"args", exc_get_args, exc_set_args, NULL, NULL},
    {"__traceback__", exc_get_tb, exc_set_tb, NULL, NULL},
    {"__context__", exc_get_context, exc_set_context, "exception context", NULL},
    {"__cause__", exc_get_cause, exc_set_cause, "exception cause", NULL},
    {"__suppress_context__", exc_get_suppress, exc_set_suppress, NULL, NULL},
    {"__notes__", exc_get_notes, exc_set_notes, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* Accessors (errors.h)                                                 */

OuObject *OuException_GetTraceback(OuObject *exc) { return BASE(exc)->traceback; }
OuObject *OuException_GetContext(OuObject *exc) { return BASE(exc)->context; }
OuObject *OuException_GetCause(OuObject *exc) { return BASE(exc)->cause; }
OuObject *OuException_GetArgs(OuObject *exc) { return BASE(exc)->args; }

/* tb: a traceback or None (NULL also clears). */
int OuException_SetTraceback(OuObject *exc, OuObject *tb)
{
    if (tb == OU_NONE)
        tb = NULL;
    if (tb && !OuObject_TypeCheck(tb, &OuTraceBack_Type)) {
        OuErr_SetString(OuExc_TypeError, "__traceback__ must be a traceback or None");
        return -1;
    }
    OU_XSETREF(BASE(exc)->traceback, OU_XNEWREF(tb));
    return 0;
}

void OuException_SetContext(OuObject *exc, OuObject *ctx)
{
    OU_XSETREF(BASE(exc)->context, ctx);
}

void OuException_SetCause(OuObject *exc, OuObject *cause)
{
    BASE(exc)->suppress_context = 1;
    OU_XSETREF(BASE(exc)->cause, cause);
}

/* type(*args): a direct tp_new + tp_init for the built-in classes, a full
   call for Python subclasses. */
OuObject *OuException_New(OuObject *type, OuObject *const *args, Ou_ssize_t nargs)
{
    OuTypeObject *tp = (OuTypeObject *)type;
    if (OuExceptionClass_Check(type) && !(tp->tp_flags & OU_TPFLAGS_HEAPTYPE) && tp->tp_new) {
        OuObject *o = tp->tp_new(tp, args, nargs, NULL);
        if (!o)
            return NULL;
        OuTypeObject *ot = OU_TYPE(o);
        if (ot->tp_init && OuType_IsSubtype(ot, tp) && ot->tp_init(o, args, nargs, NULL) < 0) {
            OU_DECREF(o);
            return NULL;
        }
        return o;
    }
    return OuObject_Vectorcall(type, args, nargs, NULL);
}

/* ------------------------------------------------------------------ */
/* StopIteration, SystemExit                                            */

#define SI_FIELDS(X) X(value)
LAYOUT_FUNCS(StopIteration, OuStopIterationObject, SI_FIELDS)

static int StopIteration_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                              OuObject *kwnames)
{
    if (BaseException_init(self, args, nargs, kwnames) < 0)
        return -1;
    OU_XSETREF(((OuStopIterationObject *)self)->value, OU_NEWREF(nargs ? args[0] : OU_NONE));
    return 0;
}

static OuMemberDef StopIteration_members[] = {
    {"value", OU_T_OBJECT, offsetof(OuStopIterationObject, value), 0, "generator return value"},
    {NULL, 0, 0, 0, NULL},
};

#define SE_FIELDS(X) X(code)
LAYOUT_FUNCS(SystemExit, OuSystemExitObject, SE_FIELDS)

static int SystemExit_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                           OuObject *kwnames)
{
    if (BaseException_init(self, args, nargs, kwnames) < 0)
        return -1;
    OuObject *code = nargs == 0 ? OU_NEWREF(OU_NONE)
                   : nargs == 1 ? OU_NEWREF(args[0]) : OU_NEWREF(BASE(self)->args);
    OU_XSETREF(((OuSystemExitObject *)self)->code, code);
    return 0;
}

static OuMemberDef SystemExit_members[] = {
    {"code", OU_T_OBJECT, offsetof(OuSystemExitObject, code), 0, "exception code"},
    {NULL, 0, 0, 0, NULL},
};

/* ------------------------------------------------------------------ */
/* ImportError, NameError, AttributeError, KeyError                     */

#define IE_FIELDS(X) X(msg) X(name) X(path)
LAYOUT_FUNCS(ImportError, OuImportErrorObject, IE_FIELDS)

static int ImportError_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                            OuObject *kwnames)
{
    static const char *const names[] = {"name", "path", NULL};
    OuObject *kw[2] = {NULL, NULL};
    if (take_keywords(self, args, nargs, kwnames, names, kw) < 0)
        return -1;
    if (BaseException_init(self, args, nargs, NULL) < 0)
        return -1;
    OuImportErrorObject *s = (OuImportErrorObject *)self;
    OU_XSETREF(s->name, OU_XNEWREF(kw[0]));
    OU_XSETREF(s->path, OU_XNEWREF(kw[1]));
    OU_XSETREF(s->msg, nargs == 1 ? OU_NEWREF(args[0]) : NULL);
    return 0;
}

static OuObject *ImportError_str(OuObject *self)
{
    OuObject *msg = ((OuImportErrorObject *)self)->msg;
    if (msg && OuStr_CheckExact(msg))
        return OU_NEWREF(msg);
    return BaseException_str(self);
}

static OuMemberDef ImportError_members[] = {
    {"msg", OU_T_OBJECT, offsetof(OuImportErrorObject, msg), 0, "exception message"},
    {"name", OU_T_OBJECT, offsetof(OuImportErrorObject, name), 0, "module name"},
    {"path", OU_T_OBJECT, offsetof(OuImportErrorObject, path), 0, "module path"},
    {NULL, 0, 0, 0, NULL},
};

#define NE_FIELDS(X) X(name)
LAYOUT_FUNCS(NameError, OuNameErrorObject, NE_FIELDS)

static int NameError_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                          OuObject *kwnames)
{
    static const char *const names[] = {"name", NULL};
    OuObject *kw[1] = {NULL};
    if (take_keywords(self, args, nargs, kwnames, names, kw) < 0)
        return -1;
    if (BaseException_init(self, args, nargs, NULL) < 0)
        return -1;
    OU_XSETREF(((OuNameErrorObject *)self)->name, OU_XNEWREF(kw[0]));
    return 0;
}

static OuMemberDef NameError_members[] = {
    {"name", OU_T_OBJECT, offsetof(OuNameErrorObject, name), 0, "name"},
    {NULL, 0, 0, 0, NULL},
};

#define AE_FIELDS(X) X(obj) X(name)
LAYOUT_FUNCS(AttributeError, OuAttributeErrorObject, AE_FIELDS)

static int AttributeError_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                               OuObject *kwnames)
{
    static const char *const names[] = {"name", "obj", NULL};
    OuObject *kw[2] = {NULL, NULL};
    if (take_keywords(self, args, nargs, kwnames, names, kw) < 0)
        return -1;
    if (BaseException_init(self, args, nargs, NULL) < 0)
        return -1;
    OuAttributeErrorObject *s = (OuAttributeErrorObject *)self;
    OU_XSETREF(s->name, OU_XNEWREF(kw[0]));
    OU_XSETREF(s->obj, OU_XNEWREF(kw[1]));
    return 0;
}

static OuMemberDef AttributeError_members[] = {
    {"name", OU_T_OBJECT, offsetof(OuAttributeErrorObject, name), 0, "attribute name"},
    {"obj", OU_T_OBJECT, offsetof(OuAttributeErrorObject, obj), 0, "object"},
    {NULL, 0, 0, 0, NULL},
};

/* KeyError shows the repr of a single key: KeyError('') is not empty. */
static OuObject *KeyError_str(OuObject *self)
{
    if (nargs_of(self) == 1)
        return OuObject_Repr(OU_TUPLE_GET(BASE(self)->args, 0));
    return BaseException_str(self);
}

/* ------------------------------------------------------------------ */
/* OSError                                                              */

#define OE_FIELDS(X) X(myerrno) X(strerror) X(filename) X(filename2)
LAYOUT_FUNCS(OSError, OuOSErrorObject, OE_FIELDS)

static OuObject *OSError_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs,
                             OuObject *kwnames);
static int OSError_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                        OuObject *kwnames);

/* The subclass OSError(errno, ...) turns into. */
static OuTypeObject *errno_subclass(long e)
{
    switch (e) {
    case EAGAIN:
#if EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK:
#endif
    case EALREADY: case EINPROGRESS: return &exc_BlockingIOError;
    case ECHILD: return &exc_ChildProcessError;
    case EPIPE: case ESHUTDOWN: return &exc_BrokenPipeError;
    case ECONNABORTED: return &exc_ConnectionAbortedError;
    case ECONNREFUSED: return &exc_ConnectionRefusedError;
    case ECONNRESET: return &exc_ConnectionResetError;
    case EEXIST: return &exc_FileExistsError;
    case ENOENT: return &exc_FileNotFoundError;
    case EISDIR: return &exc_IsADirectoryError;
    case ENOTDIR: return &exc_NotADirectoryError;
    case EINTR: return &exc_InterruptedError;
    case EACCES: case EPERM: return &exc_PermissionError;
    case ESRCH: return &exc_ProcessLookupError;
    case ETIMEDOUT: return &exc_TimeoutError;
    default: return NULL;
    }
}

/* A subclass that overrides __init__ but not __new__ parses in __init__. */
static int oserror_use_init(OuTypeObject *type)
{
    return type->tp_init != OSError_init && type->tp_new == OSError_new;
}

static int is_number(OuObject *o)
{
    OuTypeObject *t = OU_TYPE(o);
    return t->nb_index || t->nb_int || t->nb_float;
}

/* OSError([errno, strerror[, filename[, winerror[, filename2]]]]): with a
   filename, args keeps only (errno, strerror). For BlockingIOError a numeric
   third argument is characters_written. */
static int oserror_fill(OuObject *self, OuObject *const *args, Ou_ssize_t nargs)
{
    OuOSErrorObject *s = (OuOSErrorObject *)self;
    OuObject *myerrno = NULL, *strerror = NULL, *filename = NULL, *filename2 = NULL;
    Ou_ssize_t keep = nargs;
    if (nargs >= 2 && nargs <= 5) {
        myerrno = args[0];
        strerror = args[1];
        if (nargs >= 3)
            filename = args[2];
        if (nargs == 5)
            filename2 = args[4];
    }
    if (filename && filename != OU_NONE) {
        if (OuType_IsSubtype(OU_TYPE(self), &exc_BlockingIOError) && is_number(filename)) {
            s->written = OuNumber_AsSsize_t(filename, OuExc_ValueError);
            if (s->written == -1 && OuErr_Occurred())
                return -1;
        } else {
            OU_XSETREF(s->filename, OU_NEWREF(filename));
            if (filename2 && filename2 != OU_NONE)
                OU_XSETREF(s->filename2, OU_NEWREF(filename2));
            keep = 2;
        }
    }
    OU_XSETREF(s->myerrno, OU_XNEWREF(myerrno));
    OU_XSETREF(s->strerror, OU_XNEWREF(strerror));
    OuObject *t = OuTuple_FromArray(args, keep);
    if (!t)
        return -1;
    OU_XSETREF(BASE(self)->args, t);
    return 0;
}

static OuObject *OSError_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs,
                             OuObject *kwnames)
{
    OuTypeObject *newtype = type;
    int use_init = oserror_use_init(type);
    if (!use_init) {
        if (no_keywords(type, kwnames) < 0)
            return NULL;
        if (type == &exc_OSError && nargs >= 2 && nargs <= 5 && OuInt_Check(args[0])) {
            long e = OuInt_AsLong(args[0]);
            if (e == -1 && OuErr_Occurred())
                OuErr_Clear();
            else if (errno_subclass(e))
                newtype = errno_subclass(e);
        }
    }
    OuObject *self = exc_alloc(newtype);
    if (!self)
        return NULL;
    ((OuOSErrorObject *)self)->written = -1;
    if (!use_init) {
        if (oserror_fill(self, args, nargs) < 0) {
            OU_DECREF(self);
            return NULL;
        }
    } else if (!(BASE(self)->args = OuTuple_New(0))) {
        OU_DECREF(self);
        return NULL;
    }
    OuObject_GC_Track(self);
    return self;
}

static int OSError_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                        OuObject *kwnames)
{
    if (!oserror_use_init(OU_TYPE(self)))
        return 0;
    if (no_keywords(OU_TYPE(self), kwnames) < 0)
        return -1;
    return oserror_fill(self, args, nargs);
}

static OuObject *OSError_str(OuObject *self)
{
    OuOSErrorObject *s = (OuOSErrorObject *)self;
    OuObject *en = s->myerrno ? s->myerrno : OU_NONE;
    OuObject *se = s->strerror ? s->strerror : OU_NONE;
    if (s->filename) {
        if (s->filename2)
            return OuStr_FromFormat("[Errno %S] %S: %R -> %R", en, se, s->filename, s->filename2);
        return OuStr_FromFormat("[Errno %S] %S: %R", en, se, s->filename);
    }
    if (s->myerrno && s->strerror)
        return OuStr_FromFormat("[Errno %S] %S", s->myerrno, s->strerror);
    return BaseException_str(self);
}

static OuObject *OSError_reduce(OuObject *self, OuObject *unused)
{
    OuOSErrorObject *s = (OuOSErrorObject *)self;
    OuObject *args;
    if (s->filename && OU_TUPLE_LEN(BASE(self)->args) == 2) {
        OuObject *a0 = OU_TUPLE_GET(BASE(self)->args, 0), *a1 = OU_TUPLE_GET(BASE(self)->args, 1);
        args = s->filename2 ? OuTuple_Pack(5, a0, a1, s->filename, OU_NONE, s->filename2)
                            : OuTuple_Pack(3, a0, a1, s->filename);
    } else {
        args = OU_NEWREF(BASE(self)->args);
    }
    if (!args)
        return NULL;
    OuObject *d = BASE(self)->dict, *r;
    if (d && OU_DICT_LEN(d))
        r = OuTuple_Pack(3, (OuObject *)OU_TYPE(self), args, d);
    else
        r = OuTuple_Pack(2, (OuObject *)OU_TYPE(self), args);
    OU_DECREF(args);
    return r;
}

static OuObject *OSError_get_written(OuObject *self, void *c)
{
    Ou_ssize_t w = ((OuOSErrorObject *)self)->written;
    if (w == -1) {
        OuErr_SetString(OuExc_AttributeError, "characters_written");
        return NULL;
    }
    return OuInt_FromSsize_t(w);
}

static int OSError_set_written(OuObject *self, OuObject *v, void *c)
{
    OuOSErrorObject *s = (OuOSErrorObject *)self;
    if (!v) {
        if (s->written == -1) {
            OuErr_SetString(OuExc_AttributeError, "characters_written");
            return -1;
        }
        s->written = -1;
        return 0;
    }
    Ou_ssize_t n = OuNumber_AsSsize_t(v, OuExc_ValueError);
    if (n == -1 && OuErr_Occurred())
        return -1;
    s->written = n;
    return 0;
}

static OuMethodDef OSError_methods[] = {
    {"__reduce__", (void *)OSError_reduce, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static OuMemberDef OSError_members[] = {
    {"errno", OU_T_OBJECT, offsetof(OuOSErrorObject, myerrno), 0, "POSIX exception code"},
    {"strerror", OU_T_OBJECT, offsetof(OuOSErrorObject, strerror), 0, "exception strerror"},
    {"filename", OU_T_OBJECT, offsetof(OuOSErrorObject, filename), 0, "exception filename"},
    {"filename2", OU_T_OBJECT, offsetof(OuOSErrorObject, filename2), 0, "second exception filename"},
    {NULL, 0, 0, 0, NULL},
};

static OuGetSetDef OSError_getset[] = {
    {"characters_written", OSError_get_written, OSError_set_written, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* SyntaxError                                                          */

#define SY_FIELDS(X) X(msg) X(filename) X(lineno) X(offset) X(text) X(end_lineno) \
    X(end_offset) X(print_file_and_line)
LAYOUT_FUNCS(SyntaxError, OuSyntaxErrorObject, SY_FIELDS)

/* SyntaxError(msg, (filename, lineno, offset, text[, end_lineno, end_offset])) */
static int SyntaxError_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                            OuObject *kwnames)
{
    OuSyntaxErrorObject *s = (OuSyntaxErrorObject *)self;
    if (BaseException_init(self, args, nargs, kwnames) < 0)
        return -1;
    if (nargs >= 1)
        OU_XSETREF(s->msg, OU_NEWREF(args[0]));
    if (nargs != 2)
        return 0;
    OuObject *info = OuSequence_Tuple(args[1]);
    if (!info)
        return -1;
    Ou_ssize_t n = OU_TUPLE_LEN(info);
    if (n < 4 || n > 6) {
        OuErr_Format(OuExc_TypeError, "function takes %s %d arguments (%zd given)",
                     n < 4 ? "at least" : "at most", n < 4 ? 4 : 6, n);
        OU_DECREF(info);
        return -1;
    }
    OuObject **it = OU_TUPLE_ITEMS(info);
    OU_XSETREF(s->filename, OU_NEWREF(it[0]));
    OU_XSETREF(s->lineno, OU_NEWREF(it[1]));
    OU_XSETREF(s->offset, OU_NEWREF(it[2]));
    OU_XSETREF(s->text, OU_NEWREF(it[3]));
    OU_XSETREF(s->end_lineno, n > 4 ? OU_NEWREF(it[4]) : NULL);
    OU_XSETREF(s->end_offset, n > 5 ? OU_NEWREF(it[5]) : NULL);
    OU_DECREF(info);
    if (s->end_lineno && !s->end_offset) {
        OuErr_SetString(OuExc_TypeError, "end_offset must be provided when end_lineno is provided");
        return -1;
    }
    return 0;
}

/* "msg (file.py, line 3)" with the file's base name. */
static OuObject *SyntaxError_str(OuObject *self)
{
    OuSyntaxErrorObject *s = (OuSyntaxErrorObject *)self;
    OuObject *msg = s->msg ? s->msg : OU_NONE;
    OuObject *base = NULL;
    if (s->filename && OuStr_Check(s->filename)) {
        Ou_ssize_t n = OU_STR_LEN(s->filename), i = n;
        while (i > 0 && OU_STR_CHAR(s->filename, i - 1) != '/')
            i--;
        if (!(base = OuStr_Substring(s->filename, i, n)))
            return NULL;
    }
    int have_line = s->lineno && OuInt_CheckExact(s->lineno);
    long line = have_line ? OuInt_AsLong(s->lineno) : 0;
    if (line == -1 && OuErr_Occurred()) {
        OuErr_Clear();
        have_line = 0;
    }
    OuObject *r;
    if (base && have_line)
        r = OuStr_FromFormat("%S (%U, line %ld)", msg, base, line);
    else if (base)
        r = OuStr_FromFormat("%S (%U)", msg, base);
    else if (have_line)
        r = OuStr_FromFormat("%S (line %ld)", msg, line);
    else
        r = OuObject_Str(msg);
    OU_XDECREF(base);
    return r;
}

static OuMemberDef SyntaxError_members[] = {
    {"msg", OU_T_OBJECT, offsetof(OuSyntaxErrorObject, msg), 0, "exception msg"},
    {"filename", OU_T_OBJECT, offsetof(OuSyntaxErrorObject, filename), 0, "exception filename"},
    {"lineno", OU_T_OBJECT, offsetof(OuSyntaxErrorObject, lineno), 0, "exception lineno"},
    {"offset", OU_T_OBJECT, offsetof(OuSyntaxErrorObject, offset), 0, "exception offset"},
    {"text", OU_T_OBJECT, offsetof(OuSyntaxErrorObject, text), 0, "exception text"},
    {"end_lineno", OU_T_OBJECT, offsetof(OuSyntaxErrorObject, end_lineno), 0, "exception end lineno"},
    {"end_offset", OU_T_OBJECT, offsetof(OuSyntaxErrorObject, end_offset), 0, "exception end offset"},
    {"print_file_and_line", OU_T_OBJECT, offsetof(OuSyntaxErrorObject, print_file_and_line), 0,
     "exception print_file_and_line"},
    {NULL, 0, 0, 0, NULL},
};

/* ------------------------------------------------------------------ */
/* UnicodeError family                                                  */

#define UE_FIELDS(X) X(encoding) X(object) X(reason)
LAYOUT_FUNCS(UnicodeError, OuUnicodeErrorObject, UE_FIELDS)

/* Check argument i (1-based) is a str. */
static int want_str(OuObject *o, int i)
{
    if (OuStr_Check(o))
        return 0;
    OuErr_Format(OuExc_TypeError, "argument %d must be str, not %.50s", i, OU_TYPE_NAME(o));
    return -1;
}

static int want_ssize(OuObject *o, Ou_ssize_t *out)
{
    *out = OuNumber_AsSsize_t(o, OuExc_OverflowError);
    return (*out == -1 && OuErr_Occurred()) ? -1 : 0;
}

/* Shared init: (encoding, object, start, end, reason) or, for translate,
   (object, start, end, reason). kind: 'e'ncode, 'd'ecode, 't'ranslate. */
static int unicode_error_fill(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                              OuObject *kwnames, int kind)
{
    OuUnicodeErrorObject *s = (OuUnicodeErrorObject *)self;
    Ou_ssize_t want = kind == 't' ? 4 : 5;
    if (BaseException_init(self, args, nargs, kwnames) < 0)
        return -1;
    if (nargs != want) {
        OuErr_Format(OuExc_TypeError, "function takes exactly %zd arguments (%zd given)", want, nargs);
        return -1;
    }
    OuObject *enc = NULL, *obj;
    if (kind != 't') {
        enc = args[0];
        if (want_str(enc, 1) < 0)
            return -1;
        args++;
    }
    int base = kind == 't' ? 1 : 2;
    Ou_ssize_t start, end;
    if (kind == 'd') {
        if (OuBytes_Check(args[0])) {
            obj = OU_NEWREF(args[0]);
        } else if (OuObject_CheckBuffer(args[0])) {
            if (!(obj = OuBytes_FromObject(args[0])))
                return -1;
        } else {
            OuErr_Format(OuExc_TypeError, "a bytes-like object is required, not '%.100s'",
                         OU_TYPE_NAME(args[0]));
            return -1;
        }
    } else {
        if (want_str(args[0], base) < 0)
            return -1;
        obj = OU_NEWREF(args[0]);
    }
    if (want_ssize(args[1], &start) < 0 || want_ssize(args[2], &end) < 0 ||
        want_str(args[3], base + 3) < 0) {
        OU_DECREF(obj);
        return -1;
    }
    OU_XSETREF(s->encoding, OU_XNEWREF(enc));
    OU_XSETREF(s->object, obj);
    OU_XSETREF(s->reason, OU_NEWREF(args[3]));
    s->start = start;
    s->end = end;
    return 0;
}

static int UnicodeEncodeError_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                                   OuObject *kwnames)
{
    return unicode_error_fill(self, args, nargs, kwnames, 'e');
}

static int UnicodeDecodeError_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                                   OuObject *kwnames)
{
    return unicode_error_fill(self, args, nargs, kwnames, 'd');
}

static int UnicodeTranslateError_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                                      OuObject *kwnames)
{
    return unicode_error_fill(self, args, nargs, kwnames, 't');
}

/* "\xe9", "\u20ac", "\U0001f600" for one code point. */
static void format_char(char *buf, size_t n, uint32_t c)
{
    if (c <= 0xff)
        snprintf(buf, n, "\\x%02x", (unsigned)c);
    else if (c <= 0xffff)
        snprintf(buf, n, "\\u%04x", (unsigned)c);
    else
        snprintf(buf, n, "\\U%08x", (unsigned)c);
}

static OuObject *unicode_error_str(OuObject *self, int kind)
{
    OuUnicodeErrorObject *s = (OuUnicodeErrorObject *)self;
    if (!s->object || !s->reason)
        return OU_NEWREF(OU_ID(empty));
    OuObject *reason = OuObject_Str(s->reason), *enc = NULL, *r = NULL;
    if (!reason)
        return NULL;
    if (kind != 't' && !(enc = OuObject_Str(s->encoding ? s->encoding : OU_NONE))) {
        OU_DECREF(reason);
        return NULL;
    }
    Ou_ssize_t len = kind == 'd' ? (OuBytes_Check(s->object) ? OU_BYTES_LEN(s->object) : 0)
                   : (OuStr_Check(s->object) ? OU_STR_LEN(s->object) : 0);
    Ou_ssize_t start = s->start, end = s->end;
    int single = start >= 0 && start < len && end >= 0 && end <= len && end == start + 1;
    char cb[16];
    if (kind == 'd') {
        if (single)
            r = OuStr_FromFormat("'%U' codec can't decode byte 0x%02x in position %zd: %U", enc,
                                 (int)(unsigned char)OU_BYTES_DATA(s->object)[start], start, reason);
        else
            r = OuStr_FromFormat("'%U' codec can't decode bytes in position %zd-%zd: %U", enc,
                                 start, end - 1, reason);
    } else if (kind == 'e') {
        if (single) {
            format_char(cb, sizeof cb, OU_STR_CHAR(s->object, start));
            r = OuStr_FromFormat("'%U' codec can't encode character '%s' in position %zd: %U",
                                 enc, cb, start, reason);
        } else {
            r = OuStr_FromFormat("'%U' codec can't encode characters in position %zd-%zd: %U",
                                 enc, start, end - 1, reason);
        }
    } else {
        if (single) {
            format_char(cb, sizeof cb, OU_STR_CHAR(s->object, start));
            r = OuStr_FromFormat("can't translate character '%s' in position %zd: %U", cb, start,
                                 reason);
        } else {
            r = OuStr_FromFormat("can't translate characters in position %zd-%zd: %U", start,
                                 end - 1, reason);
        }
    }
    OU_DECREF(reason);
    OU_XDECREF(enc);
    return r;
}

static OuObject *UnicodeEncodeError_str(OuObject *self) { return unicode_error_str(self, 'e'); }
static OuObject *UnicodeDecodeError_str(OuObject *self) { return unicode_error_str(self, 'd'); }
static OuObject *UnicodeTranslateError_str(OuObject *self) { return unicode_error_str(self, 't'); }

static OuMemberDef UnicodeError_members[] = {
    {"encoding", OU_T_OBJECT, offsetof(OuUnicodeErrorObject, encoding), 0, "exception encoding"},
    {"object", OU_T_OBJECT, offsetof(OuUnicodeErrorObject, object), 0, "exception object"},
    {"start", OU_T_SSIZE, offsetof(OuUnicodeErrorObject, start), 0, "exception start"},
    {"end", OU_T_SSIZE, offsetof(OuUnicodeErrorObject, end), 0, "exception end"},
    {"reason", OU_T_OBJECT, offsetof(OuUnicodeErrorObject, reason), 0, "exception reason"},
    {NULL, 0, 0, 0, NULL},
};

/* ------------------------------------------------------------------ */
/* BaseExceptionGroup / ExceptionGroup                                  */

#define EG_FIELDS(X) X(msg) X(excs)
LAYOUT_FUNCS(BaseExceptionGroup, OuBaseExceptionGroupObject, EG_FIELDS)
#define EGO(o) ((OuBaseExceptionGroupObject *)(o))

static int is_sequence(OuObject *o)
{
    if (OuList_Check(o) || OuTuple_Check(o))
        return 1;
    if (OuDict_Check(o))
        return 0;
    return OU_TYPE(o)->sq_item != NULL || OU_TYPE(o)->mp_subscript != NULL;
}

/* BaseExceptionGroup(message, exceptions): BaseExceptionGroup becomes
   ExceptionGroup when every member is an Exception; ExceptionGroup (and
   Exception subclasses) refuse BaseExceptions. */
static OuObject *BaseExceptionGroup_new(OuTypeObject *type, OuObject *const *args,
                                        Ou_ssize_t nargs, OuObject *kwnames)
{
    if (nargs != 2)
        return OuErr_Format(OuExc_TypeError,
                            "BaseExceptionGroup.__new__() takes exactly 2 arguments (%zd given)",
                            nargs);
    OuObject *message = args[0], *seq = args[1];
    if (!OuStr_Check(message))
        return OuErr_Format(OuExc_TypeError,
                            "BaseExceptionGroup.__new__() argument 1 must be str, not %.50s",
                            OU_TYPE_NAME(message));
    if (!is_sequence(seq))
        return OuErr_Format(OuExc_TypeError, "second argument (exceptions) must be a sequence");
    OuObject *excs = OuSequence_Tuple(seq);
    if (!excs)
        return NULL;
    Ou_ssize_t n = OU_TUPLE_LEN(excs);
    int nested_base = 0;
    OuTypeObject *cls = type;
    if (n == 0) {
        OuErr_SetString(OuExc_ValueError, "second argument (exceptions) must be a non-empty sequence");
        goto error;
    }
    for (Ou_ssize_t i = 0; i < n; i++) {
        OuObject *e = OU_TUPLE_GET(excs, i);
        if (!OuExceptionInstance_Check(e)) {
            OuErr_Format(OuExc_ValueError,
                         "Item %zd of second argument (exceptions) is not an exception", i);
            goto error;
        }
        if (!OuObject_TypeCheck(e, &exc_Exception))
            nested_base = 1;
    }
    if (cls == &exc_BaseExceptionGroup) {
        if (!nested_base)
            cls = &exc_ExceptionGroup;
    } else if (cls == &exc_ExceptionGroup) {
        if (nested_base) {
            OuErr_SetString(OuExc_TypeError, "Cannot nest BaseExceptions in an ExceptionGroup");
            goto error;
        }
    } else if (nested_base && OuType_IsSubtype(cls, &exc_Exception)) {
        OuErr_Format(OuExc_TypeError, "Cannot nest BaseExceptions in '%.200s'", cls->tp_name);
        goto error;
    }
    OuObject *self = BaseException_new(cls, args, nargs, kwnames);
    if (!self)
        goto error;
    EGO(self)->msg = OU_NEWREF(message);
    EGO(self)->excs = excs;
    return self;
error:
    OU_DECREF(excs);
    return NULL;
}

static int BaseExceptionGroup_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                                   OuObject *kwnames)
{
    return BaseException_init(self, args, nargs, kwnames);
}

static OuObject *BaseExceptionGroup_str(OuObject *self)
{
    Ou_ssize_t n = EGO(self)->excs ? OU_TUPLE_LEN(EGO(self)->excs) : 0;
    return OuStr_FromFormat("%S (%zd sub-exception%s)", EGO(self)->msg ? EGO(self)->msg : OU_NONE,
                            n, n > 1 ? "s" : "");
}

static OuObject *eg_derive(OuObject *self, OuObject *excs)
{
    return OuObject_CallFunctionObjArgs(OuExc_BaseExceptionGroup,
                                        EGO(self)->msg ? EGO(self)->msg : OU_NONE, excs, NULL);
}

enum { MATCH_TYPE, MATCH_PREDICATE };

/* Classify split()/subgroup()'s condition. */
static int matcher_kind(OuObject *cond, int *kind)
{
    if (OuExceptionClass_Check(cond)) {
        *kind = MATCH_TYPE;
        return 0;
    }
    if (OuTuple_Check(cond)) {
        Ou_ssize_t i;
        for (i = 0; i < OU_TUPLE_LEN(cond); i++)
            if (!OuExceptionClass_Check(OU_TUPLE_GET(cond, i)))
                break;
        if (i == OU_TUPLE_LEN(cond)) {
            *kind = MATCH_TYPE;
            return 0;
        }
    } else if (OuCallable_Check(cond) && !OuType_Check(cond)) {
        *kind = MATCH_PREDICATE;
        return 0;
    }
    OuErr_SetString(OuExc_TypeError, "expected a function, exception type or tuple of exception types");
    return -1;
}

static int matcher_test(OuObject *exc, int kind, OuObject *cond)
{
    if (kind == MATCH_TYPE)
        return OuErr_GivenExceptionMatches(exc, cond);
    OuObject *r = OuObject_CallOneArg(cond, exc);
    if (!r)
        return -1;
    int t = OuObject_IsTrue(r);
    OU_DECREF(r);
    return t;
}

/* eg.derive(list) plus the traceback, cause, context and notes of eg. */
static OuObject *derive_and_copy(OuObject *eg, OuObject *list)
{
    OuObject *r = OuObject_CallMethodStr(eg, "derive", &list, 1);
    if (!r)
        return NULL;
    if (!OuObject_TypeCheck(r, &exc_BaseExceptionGroup)) {
        OU_DECREF(r);
        OuErr_SetString(OuExc_TypeError, "derive must return an instance of BaseExceptionGroup");
        return NULL;
    }
    OuBaseExceptionObject *d = BASE(r), *s = BASE(eg);
    OU_XSETREF(d->traceback, OU_XNEWREF(s->traceback));
    OU_XSETREF(d->cause, OU_XNEWREF(s->cause));
    OU_XSETREF(d->context, OU_XNEWREF(s->context));
    d->suppress_context = s->suppress_context;
    if (s->notes && is_sequence(s->notes)) {
        OuObject *copy = OuSequence_List(s->notes);
        if (!copy) {
            OU_DECREF(r);
            return NULL;
        }
        OU_XSETREF(d->notes, copy);
    }
    return r;
}

/* Split exc by the condition into *match / *rest (new refs or NULL). */
static int eg_split_rec(OuObject *exc, int kind, OuObject *cond, int want_rest,
                        OuObject **match, OuObject **rest)
{
    *match = *rest = NULL;
    int t = matcher_test(exc, kind, cond);
    if (t < 0)
        return -1;
    if (t) {
        *match = OU_NEWREF(exc);
        return 0;
    }
    if (!OuObject_TypeCheck(exc, &exc_BaseExceptionGroup)) {
        if (want_rest)
            *rest = OU_NEWREF(exc);
        return 0;
    }
    OuObject *mlist = OuList_New(0), *rlist = want_rest ? OuList_New(0) : NULL;
    OuObject *excs = EGO(exc)->excs;
    int rc = -1;
    if (!mlist || (want_rest && !rlist))
        goto done;
    for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(excs); i++) {
        OuObject *m, *r;
        if (eg_split_rec(OU_TUPLE_GET(excs, i), kind, cond, want_rest, &m, &r) < 0)
            goto done;
        int bad = (m && OuList_Append(mlist, m) < 0) || (r && OuList_Append(rlist, r) < 0);
        OU_XDECREF(m);
        OU_XDECREF(r);
        if (bad)
            goto done;
    }
    if (OU_LIST_LEN(mlist) && !(*match = derive_and_copy(exc, mlist)))
        goto done;
    if (want_rest && OU_LIST_LEN(rlist) && !(*rest = derive_and_copy(exc, rlist))) {
        OU_CLEAR(*match);
        goto done;
    }
    rc = 0;
done:
    OU_XDECREF(mlist);
    OU_XDECREF(rlist);
    return rc;
}

static OuObject *eg_split(OuObject *self, OuObject *cond)
{
    int kind;
    OuObject *m, *r;
    if (matcher_kind(cond, &kind) < 0 || eg_split_rec(self, kind, cond, 1, &m, &r) < 0)
        return NULL;
    OuObject *t = OuTuple_Pack(2, m ? m : OU_NONE, r ? r : OU_NONE);
    OU_XDECREF(m);
    OU_XDECREF(r);
    return t;
}

static OuObject *eg_subgroup(OuObject *self, OuObject *cond)
{
    int kind;
    OuObject *m, *r;
    if (matcher_kind(cond, &kind) < 0 || eg_split_rec(self, kind, cond, 0, &m, &r) < 0)
        return NULL;
    return m ? m : OU_NEWREF(OU_NONE);
}

static OuMethodDef BaseExceptionGroup_methods[] = {
    {"derive", (void *)eg_derive, OU_METH_O, NULL},
    {"split", (void *)eg_split, OU_METH_O, NULL},
    {"subgroup", (void *)eg_subgroup, OU_METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static OuMemberDef BaseExceptionGroup_members[] = {
    {"message", OU_T_OBJECT, offsetof(OuBaseExceptionGroupObject, msg), OU_READONLY,
     "exception message"},
    {"exceptions", OU_T_OBJECT, offsetof(OuBaseExceptionGroupObject, excs), OU_READONLY,
     "nested exceptions"},
    {NULL, 0, 0, 0, NULL},
};

/* ------------------------------------------------------------------ */
/* The type objects                                                     */

#define EXC_TYPE(NAME, BASE_, LAYOUT, DOC, ...) \
    static OuTypeObject exc_##NAME = { \
        OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0), \
        .tp_name = #NAME, .tp_basicsize = sizeof(LAYOUT), .tp_flags = EXC_FLAGS, \
        .tp_doc = DOC, .tp_base = BASE_, \
        .tp_dictoffset = offsetof(OuBaseExceptionObject, dict), __VA_ARGS__ };
#define SIMPLE(NAME, BASE_, DOC) EXC_TYPE(NAME, &exc_##BASE_, OuBaseExceptionObject, DOC, )
/* Types with their own layout name their slot functions by prefix. */
#define LAYOUT_SLOTS(P) .tp_dealloc = P##_dealloc, .tp_traverse = P##_traverse, .tp_clear = P##_clear

EXC_TYPE(BaseException, &OuBaseObject_Type, OuBaseExceptionObject,
         "Common base class for all exceptions",
         .tp_new = BaseException_new, .tp_init = BaseException_init,
         .tp_alloc = OuType_GenericAlloc, .tp_free = OuObject_Free,
         .tp_dealloc = BaseException_dealloc, .tp_traverse = BaseException_traverse,
         .tp_clear = BaseException_clear, .tp_str = BaseException_str,
         .tp_repr = BaseException_repr, .tp_methods = BaseException_methods,
         .tp_getset = BaseException_getset)
EXC_TYPE(BaseExceptionGroup, &exc_BaseException, OuBaseExceptionGroupObject,
         "A combination of multiple unrelated exceptions.",
         LAYOUT_SLOTS(BaseExceptionGroup), .tp_new = BaseExceptionGroup_new,
         .tp_init = BaseExceptionGroup_init, .tp_str = BaseExceptionGroup_str,
         .tp_methods = BaseExceptionGroup_methods, .tp_members = BaseExceptionGroup_members)
SIMPLE(Exception, BaseException, "Common base class for all non-exit exceptions.")
EXC_TYPE(ExceptionGroup, &exc_BaseExceptionGroup, OuBaseExceptionGroupObject, NULL, )
SIMPLE(GeneratorExit, BaseException, "Request that a generator exit.")
SIMPLE(KeyboardInterrupt, BaseException, "Program interrupted by user.")
EXC_TYPE(SystemExit, &exc_BaseException, OuSystemExitObject, "Request to exit from the interpreter.",
         LAYOUT_SLOTS(SystemExit), .tp_init = SystemExit_init, .tp_members = SystemExit_members)
SIMPLE(ArithmeticError, Exception, "Base class for arithmetic errors.")
SIMPLE(FloatingPointError, ArithmeticError, "Floating point operation failed.")
SIMPLE(OverflowError, ArithmeticError, "Result too large to be represented.")
SIMPLE(ZeroDivisionError, ArithmeticError,
       "Second argument to a division or modulo operation was zero.")
SIMPLE(AssertionError, Exception, "Assertion failed.")
EXC_TYPE(AttributeError, &exc_Exception, OuAttributeErrorObject, "Attribute not found.",
         LAYOUT_SLOTS(AttributeError), .tp_init = AttributeError_init,
         .tp_members = AttributeError_members)
SIMPLE(BufferError, Exception, "Buffer error.")
SIMPLE(EOFError, Exception, "Read beyond end of file.")
EXC_TYPE(ImportError, &exc_Exception, OuImportErrorObject,
         "Import can't find module, or can't find name in module.",
         LAYOUT_SLOTS(ImportError), .tp_init = ImportError_init, .tp_str = ImportError_str,
         .tp_members = ImportError_members)
EXC_TYPE(ModuleNotFoundError, &exc_ImportError, OuImportErrorObject, "Module not found.", )
SIMPLE(LookupError, Exception, "Base class for lookup errors.")
SIMPLE(IndexError, LookupError, "Sequence index out of range.")
EXC_TYPE(KeyError, &exc_LookupError, OuBaseExceptionObject, "Mapping key not found.",
         .tp_str = KeyError_str)
SIMPLE(MemoryError, Exception, "Out of memory.")
EXC_TYPE(NameError, &exc_Exception, OuNameErrorObject, "Name not found globally.",
         LAYOUT_SLOTS(NameError), .tp_init = NameError_init, .tp_members = NameError_members)
EXC_TYPE(UnboundLocalError, &exc_NameError, OuNameErrorObject,
         "Local name referenced but not bound to a value.", )
EXC_TYPE(OSError, &exc_Exception, OuOSErrorObject, "Base class for I/O related errors.",
         LAYOUT_SLOTS(OSError), .tp_new = OSError_new, .tp_init = OSError_init,
         .tp_str = OSError_str, .tp_methods = OSError_methods, .tp_members = OSError_members,
         .tp_getset = OSError_getset)
#define OSSUB(NAME, BASE_, DOC) EXC_TYPE(NAME, &exc_##BASE_, OuOSErrorObject, DOC, )
OSSUB(BlockingIOError, OSError, "I/O operation would block.")
OSSUB(ChildProcessError, OSError, "Child process error.")
OSSUB(ConnectionError, OSError, "Connection error.")
OSSUB(BrokenPipeError, ConnectionError, "Broken pipe.")
OSSUB(ConnectionAbortedError, ConnectionError, "Connection aborted.")
OSSUB(ConnectionRefusedError, ConnectionError, "Connection refused.")
OSSUB(ConnectionResetError, ConnectionError, "Connection reset.")
OSSUB(FileExistsError, OSError, "File already exists.")
OSSUB(FileNotFoundError, OSError, "File not found.")
OSSUB(InterruptedError, OSError, "Interrupted by signal.")
OSSUB(IsADirectoryError, OSError, "Operation doesn't work on directories.")
OSSUB(NotADirectoryError, OSError, "Operation only works on directories.")
OSSUB(PermissionError, OSError, "Not enough permissions.")
OSSUB(ProcessLookupError, OSError, "Process not found.")
OSSUB(TimeoutError, OSError, "Timeout expired.")
SIMPLE(ReferenceError, Exception, "Weak ref proxy used after referent went away.")
SIMPLE(RuntimeError, Exception, "Unspecified run-time error.")
SIMPLE(NotImplementedError, RuntimeError, "Method or function hasn't been implemented yet.")
SIMPLE(RecursionError, RuntimeError, "Recursion limit exceeded.")
SIMPLE(StopAsyncIteration, Exception, "Signal the end from iterator.__anext__().")
EXC_TYPE(StopIteration, &exc_Exception, OuStopIterationObject,
         "Signal the end from iterator.__next__().",
         LAYOUT_SLOTS(StopIteration), .tp_init = StopIteration_init,
         .tp_members = StopIteration_members)
EXC_TYPE(SyntaxError, &exc_Exception, OuSyntaxErrorObject, "Invalid syntax.",
         LAYOUT_SLOTS(SyntaxError), .tp_init = SyntaxError_init, .tp_str = SyntaxError_str,
         .tp_members = SyntaxError_members)
EXC_TYPE(IndentationError, &exc_SyntaxError, OuSyntaxErrorObject, "Improper indentation.", )
EXC_TYPE(TabError, &exc_IndentationError, OuSyntaxErrorObject,
         "Improper mixture of spaces and tabs.", )
SIMPLE(SystemError, Exception,
       "Internal error in the Python interpreter.\n\n"
       "Please report this to the Python maintainer, along with the traceback,\n"
       "the Python version, and the hardware/OS platform and version.")
SIMPLE(TypeError, Exception, "Inappropriate argument type.")
SIMPLE(ValueError, Exception, "Inappropriate argument value (of correct type).")
EXC_TYPE(UnicodeError, &exc_ValueError, OuUnicodeErrorObject, "Unicode related error.",
         LAYOUT_SLOTS(UnicodeError))
EXC_TYPE(UnicodeDecodeError, &exc_UnicodeError, OuUnicodeErrorObject, "Unicode decoding error.",
         .tp_init = UnicodeDecodeError_init, .tp_str = UnicodeDecodeError_str,
         .tp_members = UnicodeError_members)
EXC_TYPE(UnicodeEncodeError, &exc_UnicodeError, OuUnicodeErrorObject, "Unicode encoding error.",
         .tp_init = UnicodeEncodeError_init, .tp_str = UnicodeEncodeError_str,
         .tp_members = UnicodeError_members)
EXC_TYPE(UnicodeTranslateError, &exc_UnicodeError, OuUnicodeErrorObject,
         "Unicode translation error.",
         .tp_init = UnicodeTranslateError_init, .tp_str = UnicodeTranslateError_str,
         .tp_members = UnicodeError_members)
SIMPLE(Warning, Exception, "Base class for warning categories.")
SIMPLE(BytesWarning, Warning,
       "Base class for warnings about bytes and buffer related problems, mostly\n"
       "related to conversion from str or comparing to str.")
SIMPLE(DeprecationWarning, Warning, "Base class for warnings about deprecated features.")
SIMPLE(EncodingWarning, Warning, "Base class for warnings about encodings.")
SIMPLE(FutureWarning, Warning,
       "Base class for warnings about constructs that will change semantically\nin the future.")
SIMPLE(ImportWarning, Warning,
       "Base class for warnings about probable mistakes in module imports")
SIMPLE(PendingDeprecationWarning, Warning,
       "Base class for warnings about features which will be deprecated\nin the future.")
SIMPLE(ResourceWarning, Warning, "Base class for warnings about resource usage.")
SIMPLE(RuntimeWarning, Warning, "Base class for warnings about dubious runtime behavior.")
SIMPLE(SyntaxWarning, Warning, "Base class for warnings about dubious syntax.")
SIMPLE(UnicodeWarning, Warning,
       "Base class for warnings about Unicode related problems, mostly\n"
       "related to conversion problems.")
SIMPLE(UserWarning, Warning, "Base class for warnings generated by user code.")

/* Every type, bases before subclasses (the order OuExc_Init readies them). */
static OuTypeObject *const exc_all[] = {
    &exc_BaseException, &exc_Exception, &exc_BaseExceptionGroup, &exc_ExceptionGroup,
    &exc_GeneratorExit, &exc_KeyboardInterrupt, &exc_SystemExit,
    &exc_ArithmeticError, &exc_FloatingPointError, &exc_OverflowError, &exc_ZeroDivisionError,
    &exc_AssertionError, &exc_AttributeError, &exc_BufferError, &exc_EOFError,
    &exc_ImportError, &exc_ModuleNotFoundError, &exc_LookupError, &exc_IndexError,
    &exc_KeyError, &exc_MemoryError, &exc_NameError, &exc_UnboundLocalError,
    &exc_OSError, &exc_BlockingIOError, &exc_ChildProcessError, &exc_ConnectionError,
    &exc_BrokenPipeError, &exc_ConnectionAbortedError, &exc_ConnectionRefusedError,
    &exc_ConnectionResetError, &exc_FileExistsError, &exc_FileNotFoundError,
    &exc_InterruptedError, &exc_IsADirectoryError, &exc_NotADirectoryError,
    &exc_PermissionError, &exc_ProcessLookupError, &exc_TimeoutError,
    &exc_ReferenceError, &exc_RuntimeError, &exc_NotImplementedError, &exc_RecursionError,
    &exc_StopAsyncIteration, &exc_StopIteration,
    &exc_SyntaxError, &exc_IndentationError, &exc_TabError, &exc_SystemError, &exc_TypeError,
    &exc_ValueError, &exc_UnicodeError, &exc_UnicodeDecodeError, &exc_UnicodeEncodeError,
    &exc_UnicodeTranslateError,
    &exc_Warning, &exc_BytesWarning, &exc_DeprecationWarning, &exc_EncodingWarning,
    &exc_FutureWarning, &exc_ImportWarning, &exc_PendingDeprecationWarning,
    &exc_ResourceWarning, &exc_RuntimeWarning, &exc_SyntaxWarning, &exc_UnicodeWarning,
    &exc_UserWarning,
};
#define OU_EXC_COUNT1(name) + 1
_Static_assert(sizeof exc_all / sizeof exc_all[0] == 0 OU_FOR_EACH_EXCEPTION(OU_EXC_COUNT1),
               "exc_all must list every exception type");
#undef OU_EXC_COUNT1

/* ------------------------------------------------------------------ */
/* MemoryError without memory, start-up                                 */

static OuObject *memerr_instance;   /* preallocated, reused while unreferenced */

OuObject *OuErr_NoMemory(void)
{
    if (!OU_TS)
        return NULL;
    OuObject *m = memerr_instance;
    if (m && OU_REFCNT(m) == 1) {
        OuBaseExceptionObject *s = BASE(m);
        OU_CLEAR(s->traceback);
        OU_CLEAR(s->context);
        OU_CLEAR(s->cause);
        OU_CLEAR(s->notes);
        s->suppress_context = 0;
        OuErr_SetRaisedException(OU_NEWREF(m));
        return NULL;
    }
    OuErr_SetNone(OuExc_MemoryError);
    return NULL;
}

int OuExc_Init(void)
{
    if (!exc_ExceptionGroup.tp_bases &&
        !(exc_ExceptionGroup.tp_bases = OuTuple_Pack(2, (OuObject *)&exc_BaseExceptionGroup,
                                                      (OuObject *)&exc_Exception)))
        return -1;
    for (size_t i = 0; i < sizeof exc_all / sizeof exc_all[0]; i++)
        if (OuType_Ready(exc_all[i]) < 0)
            return -1;
    if (!memerr_instance && !(memerr_instance = BaseException_new(&exc_MemoryError, NULL, 0, NULL)))
        return -1;
    return 0;
}

int OuExc_AddToBuiltins(OuObject *d)
{
#define OU_EXC_ADD(name) if (OuDict_SetItemString(d, #name, OuExc_##name) < 0) return -1;
    OU_FOR_EACH_EXCEPTION(OU_EXC_ADD)
#undef OU_EXC_ADD
    if (OuDict_SetItemString(d, "EnvironmentError", OuExc_OSError) < 0 ||
        OuDict_SetItemString(d, "IOError", OuExc_OSError) < 0)
        return -1;
    return 0;
}

/*
 * errors.c -- the pending exception of the current thread: raising,
 * matching, chaining with the handled exception, errno-based OSErrors,
 * warnings (phase 1: printed directly unless the `warnings` module is
 * loaded), signals (SIGINT -> KeyboardInterrupt) and syntax locations.
 *
 * Invariant: OU_TS->curexc is NULL or a normalized exception instance
 * (owned reference). Every OuErr_Set* chains the exception being handled
 * (sys.exc_info()) as __context__, as CPython's _PyErr_SetObject does.
 * Printing lives in traceback.c; the exception types in exceptions.c.
 */
#include "core/ouro.h"
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------------ */
/* The pending exception                                                */

/* Borrowed: the type of the pending exception, or NULL. */
OuObject *OuErr_Occurred(void)
{
    OuThreadState *ts = OU_TS;
    if (!ts || !ts->curexc)
        return NULL;
    return (OuObject *)OU_TYPE(ts->curexc);
}

/* Steals exc (NULL clears). No context chaining: this restores. */
void OuErr_SetRaisedException(OuObject *exc)
{
    OuThreadState *ts = OU_TS;
    OuObject *old = ts->curexc;
    ts->curexc = exc;
    OU_XDECREF(old);
}

/* New reference to the pending instance, which is cleared; NULL if none. */
OuObject *OuErr_GetRaisedException(void)
{
    OuThreadState *ts = OU_TS;
    OuObject *exc = ts->curexc;
    ts->curexc = NULL;
    return exc;
}

void OuErr_Clear(void)
{
    if (OU_TS && OU_TS->curexc)
        OuErr_SetRaisedException(NULL);
}

/* Borrowed: the innermost exception being handled (skipping None entries). */
OuObject *OuErr_GetHandledException(void)
{
    OuThreadState *ts = OU_TS;
    if (!ts)
        return NULL;
    for (OuExcStackItem *it = ts->exc_info; it; it = it->previous)
        if (it->exc_value && it->exc_value != OU_NONE)
            return it->exc_value;
    return NULL;
}

/* Make the handled exception the __context__ of exc, first cutting exc
   out of the handled exception's context chain so that no cycle forms.
   A pre-existing cycle in that chain is detected (Floyd) and left alone. */
static void chain_context(OuObject *exc)
{
    OuObject *handled = OuErr_GetHandledException();
    if (!handled || handled == exc || !OuExceptionInstance_Check(handled))
        return;
    OuObject *o = handled, *slow = handled;
    int step = 0;
    for (;;) {
        OuObject *ctx = OuException_GetContext(o);
        if (!ctx)
            break;
        if (ctx == exc) {
            OuException_SetContext(o, NULL);
            break;
        }
        o = ctx;
        if (step)
            slow = OuException_GetContext(slow);
        step ^= 1;
        if (o == slow)
            break;
    }
    OuException_SetContext(exc, OU_NEWREF(handled));
}

/* Steals exc: chain it to the handled exception and make it pending. */
static void set_instance(OuObject *exc)
{
    chain_context(exc);
    OuErr_SetRaisedException(exc);
}

/* Set exc (borrowed; an exception instance, or an exception class which is
   instantiated without arguments) as pending, with the handled exception as
   its __context__. Anything else gives TypeError "exceptions must derive
   from BaseException". */
void OuErr_SetObjectWithContext(OuObject *exc)
{
    if (exc && OuExceptionInstance_Check(exc)) {
        OU_INCREF(exc);
        OuErr_Clear();
        set_instance(exc);
        return;
    }
    if (exc && OuExceptionClass_Check(exc)) {
        OuErr_Clear();
        OuObject *inst = OuException_New(exc, NULL, 0);
        if (!inst)
            return;
        if (!OuExceptionInstance_Check(inst)) {
            OuErr_Format(OuExc_TypeError,
                         "calling %R should have returned an instance of BaseException, not %T",
                         exc, inst);
            OU_DECREF(inst);
            return;
        }
        set_instance(inst);
        return;
    }
    OuErr_SetString(OuExc_TypeError, "exceptions must derive from BaseException");
}

/* Build an instance of `type` from value: an instance of type is used as
   is, NULL/None means no arguments, a tuple is the argument list, anything
   else is the single argument. */
static OuObject *make_instance(OuObject *type, OuObject *value)
{
    if (value && OuExceptionInstance_Check(value) &&
        OuObject_TypeCheck(value, (OuTypeObject *)type))
        return OU_NEWREF(value);
    if (!value || value == OU_NONE)
        return OuException_New(type, NULL, 0);
    if (OuTuple_Check(value))
        return OuException_New(type, OU_TUPLE_ITEMS(value), OU_TUPLE_LEN(value));
    return OuException_New(type, &value, 1);
}

void OuErr_SetObject(OuObject *type, OuObject *value)
{
    if (!type || !OuExceptionClass_Check(type)) {
        OuErr_Format(OuExc_SystemError,
                     "_OuErr_SetObject: exception %R is not a BaseException subclass",
                     type ? type : OU_NONE);
        return;
    }
    OU_XINCREF(value);          /* value may be the pending exception itself */
    OuErr_Clear();
    OuObject *exc = make_instance(type, value);
    OU_XDECREF(value);
    if (!exc)
        return;                 /* the constructor's error is pending */
    if (!OuExceptionInstance_Check(exc)) {
        OuErr_Format(OuExc_TypeError,
                     "calling %R should have returned an instance of BaseException, not %T",
                     type, exc);
        OU_DECREF(exc);
        return;
    }
    set_instance(exc);
}

void OuErr_SetNone(OuObject *type)
{
    OuErr_SetObject(type, NULL);
}

void OuErr_SetString(OuObject *type, const char *msg)
{
    OuObject *s = OuStr_FromUTF8(msg);
    if (!s)
        return;
    OuErr_SetObject(type, s);
    OU_DECREF(s);
}

OuObject *OuErr_FormatV(OuObject *type, const char *fmt, va_list va)
{
    OuErr_Clear();
    OuObject *msg = OuStr_FromFormatV(fmt, va);
    if (!msg)
        return NULL;
    OuErr_SetObject(type, msg);
    OU_DECREF(msg);
    return NULL;
}

OuObject *OuErr_Format(OuObject *type, const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    OuErr_FormatV(type, fmt, va);
    va_end(va);
    return NULL;
}

OuObject *OuErr_BadArgument(void)
{
    OuErr_SetString(OuExc_TypeError, "bad argument type for built-in operation");
    return NULL;
}

void OuErr_BadInternalCall(void)
{
    OuErr_SetString(OuExc_SystemError, "bad argument to internal function");
}

/* ------------------------------------------------------------------ */
/* Matching                                                             */

/* given: an exception class or instance; type_or_tuple: a class or a
   (nested) tuple of classes. Subclass test for exception classes,
   identity otherwise. */
int OuErr_GivenExceptionMatches(OuObject *given, OuObject *type_or_tuple)
{
    if (!given || !type_or_tuple)
        return 0;
    if (OuTuple_Check(type_or_tuple)) {
        for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(type_or_tuple); i++)
            if (OuErr_GivenExceptionMatches(given, OU_TUPLE_GET(type_or_tuple, i)))
                return 1;
        return 0;
    }
    if (OuExceptionInstance_Check(given))
        given = (OuObject *)OU_TYPE(given);
    if (given == type_or_tuple)
        return 1;
    if (OuExceptionClass_Check(given) && OuExceptionClass_Check(type_or_tuple))
        return OuType_IsSubtype((OuTypeObject *)given, (OuTypeObject *)type_or_tuple);
    return 0;
}

int OuErr_ExceptionMatches(OuObject *type_or_tuple)
{
    OuObject *cur = OuErr_Occurred();
    return cur ? OuErr_GivenExceptionMatches(cur, type_or_tuple) : 0;
}

/* ------------------------------------------------------------------ */
/* errno                                                                */

/* str for strerror(e), tolerant of non-UTF-8 locale messages. */
static OuObject *strerror_obj(int e)
{
    const char *s = e ? strerror(e) : "Error";
    OuObject *r = OuStr_FromUTF8(s);
    if (!r) {
        OuErr_Clear();
        r = OuStr_FromUTF8("Unknown error");
    }
    return r;
}

/* OSError subclass from errno: type(errno, strerror[, filename[, None, filename2]]). */
OuObject *OuErr_SetFromErrnoWithFilenameObjects(OuObject *type, OuObject *filename,
                                               OuObject *filename2)
{
    int e = errno;
    if (e == EINTR && OuErr_CheckSignals() < 0)
        return NULL;
    OuObject *args[5] = { NULL, NULL, filename, OU_NONE, filename2 };
    Ou_ssize_t n = filename2 ? 5 : filename ? 3 : 2;
    args[0] = OuInt_FromLong(e);
    args[1] = strerror_obj(e);
    if (!args[0] || !args[1]) {
        OU_XDECREF(args[0]);
        OU_XDECREF(args[1]);
        return NULL;
    }
    OuErr_Clear();
    OuObject *exc = OuException_New(type ? type : OuExc_OSError, args, n);
    OU_DECREF(args[0]);
    OU_DECREF(args[1]);
    if (exc)
        set_instance(exc);
    return NULL;
}

OuObject *OuErr_SetFromErrnoWithFilename(OuObject *type, OuObject *filename)
{
    return OuErr_SetFromErrnoWithFilenameObjects(type, filename, NULL);
}

OuObject *OuErr_SetFromErrno(OuObject *type)
{
    return OuErr_SetFromErrnoWithFilenameObjects(type, NULL, NULL);
}

/* ------------------------------------------------------------------ */
/* Convenience raisers                                                  */

/* KeyError(key): the key is always the single argument, even a tuple. */
void OuErr_SetKeyError(OuObject *key)
{
    OuErr_Clear();
    OuObject *exc = OuException_New(OuExc_KeyError, &key, 1);
    if (exc)
        set_instance(exc);
}

void OuErr_SetStopIterationValue(OuObject *value)
{
    OuErr_Clear();
    OuObject *exc = OuException_New(OuExc_StopIteration, &value, value ? 1 : 0);
    if (exc)
        set_instance(exc);
}

/* type(msg, name=name, path=path); NULL msg/name/path mean None. */
void OuErr_SetImportError(OuObject *type, OuObject *msg, OuObject *name, OuObject *path)
{
    OuObject *kwnames = OuTuple_Pack(2, OU_ID(name), OU_ID(path));
    if (!kwnames)
        return;
    OuObject *args[3] = { msg ? msg : OU_NONE, name ? name : OU_NONE, path ? path : OU_NONE };
    OuErr_Clear();
    OuObject *exc = OuObject_Vectorcall(type ? type : OuExc_ImportError, args, 1, kwnames);
    OU_DECREF(kwnames);
    if (!exc)
        return;
    if (!OuExceptionInstance_Check(exc)) {
        OU_DECREF(exc);
        OuErr_SetString(OuExc_TypeError, "exceptions must derive from BaseException");
        return;
    }
    set_instance(exc);
}

/* AttributeError(msg) with .name / .obj filled in (both may be NULL). */
void OuErr_SetAttributeError(OuObject *obj, OuObject *name, OuObject *msg)
{
    OuErr_Clear();
    OuObject *exc = OuException_New(OuExc_AttributeError, &msg, msg ? 1 : 0);
    if (!exc)
        return;
    OuAttributeErrorObject *ae = (OuAttributeErrorObject *)exc;
    OU_XSETREF(ae->name, OU_XNEWREF(name));
    OU_XSETREF(ae->obj, OU_XNEWREF(obj));
    set_instance(exc);
}

OuObject *OuErr_NoAttribute(OuObject *obj, OuObject *name)
{
    OuObject *msg = OuStr_FromFormat("'%.100s' object has no attribute '%U'",
                                     OU_TYPE_NAME(obj), name);
    if (!msg)
        return NULL;
    OuErr_SetAttributeError(obj, name, msg);
    OU_DECREF(msg);
    return NULL;
}

/* SyntaxError-like type(msg, (filename, lineno, offset, text, end_lineno,
   end_offset)); the text is read from the file when not given. */
void OuErr_SyntaxLocation(OuObject *type, const char *msg, OuObject *filename,
                          int lineno, int col_offset, int end_lineno, int end_col_offset,
                          OuObject *text)
{
    OuObject *m = NULL, *info = NULL, *l = NULL, *c = NULL, *el = NULL, *ec = NULL;
    OuObject *t = NULL;
    m = OuStr_FromUTF8(msg);
    l = OuInt_FromLong(lineno);
    c = OuInt_FromLong(col_offset);
    el = OuInt_FromLong(end_lineno);
    ec = OuInt_FromLong(end_col_offset);
    if (!m || !l || !c || !el || !ec)
        goto done;
    if (text)
        t = OU_NEWREF(text);
    else if (filename && OuStr_Check(filename) && lineno > 0)
        t = OuErr_ProgramTextObject(filename, lineno);
    info = OuTuple_Pack(6, filename ? filename : OU_NONE, l, c, t ? t : OU_NONE, el, ec);
    if (!info)
        goto done;
    OuObject *args[2] = { m, info };
    OuErr_Clear();
    OuObject *exc = OuException_New(type ? type : OuExc_SyntaxError, args, 2);
    if (exc)
        set_instance(exc);
done:
    OU_XDECREF(m); OU_XDECREF(l); OU_XDECREF(c); OU_XDECREF(el); OU_XDECREF(ec);
    OU_XDECREF(t); OU_XDECREF(info);
}

/* UnicodeDecodeError(encoding, object[:length] as bytes, start, end, reason). */
OuObject *OuUnicodeDecodeError_Create(const char *encoding, const char *object,
                                      Ou_ssize_t length, Ou_ssize_t start, Ou_ssize_t end,
                                      const char *reason)
{
    OuObject *a[5] = { OuStr_FromUTF8(encoding), OuBytes_FromStringAndSize(object, length),
                       OuInt_FromSsize_t(start), OuInt_FromSsize_t(end), OuStr_FromUTF8(reason) };
    OuObject *exc = NULL;
    if (a[0] && a[1] && a[2] && a[3] && a[4])
        exc = OuException_New(OuExc_UnicodeDecodeError, a, 5);
    for (int i = 0; i < 5; i++)
        OU_XDECREF(a[i]);
    return exc;
}

/* UnicodeEncodeError(encoding, object (str), start, end, reason). */
OuObject *OuUnicodeEncodeError_Create(const char *encoding, OuObject *object,
                                      Ou_ssize_t start, Ou_ssize_t end, const char *reason)
{
    OuObject *a[5] = { OuStr_FromUTF8(encoding), OU_NEWREF(object), OuInt_FromSsize_t(start),
                       OuInt_FromSsize_t(end), OuStr_FromUTF8(reason) };
    OuObject *exc = NULL;
    if (a[0] && a[2] && a[3] && a[4])
        exc = OuException_New(OuExc_UnicodeEncodeError, a, 5);
    for (int i = 0; i < 5; i++)
        OU_XDECREF(a[i]);
    return exc;
}

/* Make a ready-made exception instance pending (steals exc; NULL = no-op,
   the creation error stays pending). */
void OuErr_SetInstance(OuObject *exc)
{
    if (!exc)
        return;
    OuErr_Clear();
    set_instance(exc);
}

/* ------------------------------------------------------------------ */
/* Warnings                                                             */

static OuObject *warn_registry;   /* dict: (text, category, filename, lineno) -> True */

/* Delegate to warnings.warn(msg, category, stacklevel) when the module is
   loaded: 1 done (ok), -1 it raised, 0 not loaded. */
static int warn_via_module(OuObject *category, OuObject *msg, Ou_ssize_t stacklevel)
{
    if (!OU_RT->modules)
        return 0;
    OuObject *mod = OuDict_GetItemString(OU_RT->modules, "warnings");
    if (!mod || mod == OU_NONE)
        return 0;
    OuObject *warn = OuObject_GetAttrString(mod, "warn");
    if (!warn) {
        OuErr_Clear();
        return 0;
    }
    OuObject *level = OuInt_FromSsize_t(stacklevel);
    if (!level) {
        OU_DECREF(warn);
        return -1;
    }
    OuObject *args[3] = { msg, category, level };
    OuObject *r = OuObject_Vectorcall(warn, args, 3, NULL);
    OU_DECREF(level);
    OU_DECREF(warn);
    if (!r)
        return -1;
    OU_DECREF(r);
    return 1;
}

/* The frame object `stacklevel` levels up (1 = the running Python frame),
   new reference or NULL (no error). */
static OuObject *warning_frame(Ou_ssize_t stacklevel)
{
    if (!OU_TS || !OU_TS->frame)
        return NULL;
    OuObject *f = OuFrame_GetObject(OU_TS->frame);
    while (f && --stacklevel > 0) {
        OuObject *back = OuObject_GetAttrString(f, "f_back");
        OU_DECREF(f);
        if (!back || back == OU_NONE) {
            OU_XDECREF(back);
            f = NULL;
            break;
        }
        f = back;
    }
    if (!f)
        OuErr_Clear();
    return f;
}

/* Phase-1 filter: the default filters of a non-debug CPython 3.11. */
static int warning_ignored(OuObject *category, OuObject *module)
{
    OuTypeObject *c = (OuTypeObject *)category;
    if (OuType_IsSubtype(c, (OuTypeObject *)OuExc_DeprecationWarning))
        return !(module && OuStr_Check(module) && OuStr_EqualToASCII(module, "__main__"));
    return OuType_IsSubtype(c, (OuTypeObject *)OuExc_PendingDeprecationWarning) ||
           OuType_IsSubtype(c, (OuTypeObject *)OuExc_ImportWarning) ||
           OuType_IsSubtype(c, (OuTypeObject *)OuExc_ResourceWarning);
}

/* Print "<file>:<line>: Category: msg" and the source line, once per
   location. */
static int warn_print(OuObject *category, OuObject *msg, Ou_ssize_t stacklevel)
{
    OuObject *filename = NULL, *module = NULL, *key = NULL, *line = NULL, *out = NULL;
    OuObject *lineobj = NULL, *catname = NULL;
    long lineno = 1;
    int rc = 0;
    OuObject *frame = warning_frame(stacklevel);
    if (frame) {
        OuObject *code = OuObject_GetAttrString(frame, "f_code");
        OuObject *globals = OuObject_GetAttrString(frame, "f_globals");
        lineobj = OuObject_GetAttrString(frame, "f_lineno");
        if (code && OuCode_Check(code))
            filename = OU_NEWREF(((OuCodeObject *)code)->co_filename);
        if (globals && OuDict_Check(globals))
            module = OU_XNEWREF(OuDict_GetItemString(globals, "__name__"));
        if (lineobj && OuInt_Check(lineobj))
            lineno = OuInt_AsLong(lineobj);
        OU_XDECREF(code);
        OU_XDECREF(globals);
        OU_DECREF(frame);
        OuErr_Clear();
    }
    if (!filename)
        filename = OuStr_FromUTF8("sys");
    if (!filename)
        goto error;
    if (warning_ignored(category, module))
        goto done;
    if (!warn_registry && !(warn_registry = OuDict_New()))
        goto error;
    OU_XDECREF(lineobj);
    if (!(lineobj = OuInt_FromLong(lineno)))
        goto error;
    if (!(key = OuTuple_Pack(4, msg, category, filename, lineobj)))
        goto error;
    int seen = OuDict_Contains(warn_registry, key);
    if (seen < 0)
        goto error;
    if (seen)
        goto done;
    if (OuDict_SetItem(warn_registry, key, OU_TRUE) < 0)
        goto error;
    catname = OuObject_GetAttr(category, OU_ID(__name__));
    if (!catname)
        goto error;
    if (!(out = OuStr_FromFormat("%U:%ld: %S: %S\n", filename, lineno, catname, msg)))
        goto error;
    OuErr_WriteStderrObject(out);
    line = OuErr_ProgramTextObject(filename, (int)lineno);
    if (line) {
        /* "  <stripped line>\n" */
        Ou_ssize_t n = OU_STR_LEN(line), a = 0, b = n;
        while (a < b && (OU_STR_CHAR(line, a) == ' ' || OU_STR_CHAR(line, a) == '\t' ||
                         OU_STR_CHAR(line, a) == '\f'))
            a++;
        while (b > a && (OU_STR_CHAR(line, b - 1) == '\n' || OU_STR_CHAR(line, b - 1) == '\r' ||
                         OU_STR_CHAR(line, b - 1) == ' ' || OU_STR_CHAR(line, b - 1) == '\t'))
            b--;
        OuObject *s = OuStr_Substring(line, a, b);
        OuObject *o2 = s ? OuStr_FromFormat("  %U\n", s) : NULL;
        if (o2)
            OuErr_WriteStderrObject(o2);
        OU_XDECREF(s);
        OU_XDECREF(o2);
        OuErr_Clear();
    }
done:
    OU_XDECREF(filename); OU_XDECREF(module); OU_XDECREF(key); OU_XDECREF(line);
    OU_XDECREF(out); OU_XDECREF(lineobj); OU_XDECREF(catname);
    return rc;
error:
    rc = -1;
    goto done;
}

/* Issue a warning; -1 if it was turned into an exception. */
int OuErr_WarnObject(OuObject *category, OuObject *msg, Ou_ssize_t stacklevel)
{
    if (!category || !OuExceptionClass_Check(category))
        category = OuExc_RuntimeWarning;
    if (stacklevel < 1)
        stacklevel = 1;
    int r = warn_via_module(category, msg, stacklevel);
    if (r)
        return r < 0 ? -1 : 0;
    return warn_print(category, msg, stacklevel);
}

int OuErr_WarnEx(OuObject *category, const char *msg, Ou_ssize_t stacklevel)
{
    OuObject *m = OuStr_FromUTF8(msg);
    if (!m)
        return -1;
    int r = OuErr_WarnObject(category, m, stacklevel);
    OU_DECREF(m);
    return r;
}

int OuErr_WarnFormat(OuObject *category, Ou_ssize_t stacklevel, const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    OuObject *m = OuStr_FromFormatV(fmt, va);
    va_end(va);
    if (!m)
        return -1;
    int r = OuErr_WarnObject(category, m, stacklevel);
    OU_DECREF(m);
    return r;
}

/* ------------------------------------------------------------------ */
/* Signals                                                              */

int (*OuErr_SignalHook)(void);

/* Async-signal-safe: note the interrupt for the main thread's next check. */
void OuErr_SetInterrupt(void)
{
    OU_RT->pending_signals = 1;
    OU_RT->eval_breaker = 1;
}

/* Run pending signal handlers: the signal module's hook when installed,
   otherwise a pending SIGINT raises KeyboardInterrupt. */
int OuErr_CheckSignals(void)
{
    if (!OU_RT->pending_signals)
        return 0;
    OU_RT->pending_signals = 0;
    if (OuErr_SignalHook)
        return OuErr_SignalHook();
    OuErr_SetNone(OuExc_KeyboardInterrupt);
    return -1;
}

static void sigint_handler(int sig)
{
    int saved = errno;
    OU_UNUSED(sig);
    OuErr_SetInterrupt();
    errno = saved;
}

/* SIGINT -> KeyboardInterrupt; SIGPIPE and SIGXFSZ ignored (so writes fail
   with EPIPE / EFBIG), as CPython does at start-up. */
void OuErr_InstallSignalHandlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = sigint_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
#ifdef SIGXFSZ
    signal(SIGXFSZ, SIG_IGN);
#endif
}

/*
 * errors.h -- the pending exception of the current thread, and the
 * built-in exception types (src/objects/exceptions.c, src/core/errors.c).
 *
 * The pending exception is always a normalized exception instance kept in
 * the thread state; C code signals failure by returning NULL / -1 after
 * setting it. Nothing ever longjmps.
 */
#ifndef OU_ERRORS_H
#define OU_ERRORS_H

#include "object.h"

/* Raising */
void OuErr_SetObject(OuObject *type, OuObject *value); /* value: instance, args tuple, single arg or NULL */
void OuErr_SetNone(OuObject *type);
void OuErr_SetString(OuObject *type, const char *msg);
OuObject *OuErr_Format(OuObject *type, const char *fmt, ...); /* always returns NULL; fmt as OuStr_FromFormat */
OuObject *OuErr_FormatV(OuObject *type, const char *fmt, va_list va);
OuObject *OuErr_NoMemory(void);                 /* MemoryError, returns NULL */
OuObject *OuErr_SetFromErrno(OuObject *type);    /* OSError subclass chosen from errno */
OuObject *OuErr_SetFromErrnoWithFilename(OuObject *type, OuObject *filename);
OuObject *OuErr_BadArgument(void);
void OuErr_BadInternalCall(void);

/* Inspecting and clearing */
OuObject *OuErr_Occurred(void);                 /* borrowed: type of the pending exception, or NULL */
int OuErr_ExceptionMatches(OuObject *type_or_tuple);
int OuErr_GivenExceptionMatches(OuObject *given, OuObject *type_or_tuple); /* given: type or instance */
void OuErr_Clear(void);
OuObject *OuErr_GetRaisedException(void);       /* new ref to the pending instance, clears it; NULL if none */
void OuErr_SetRaisedException(OuObject *exc);   /* steals exc (may be NULL = clear) */
/* Set the pending exception with the currently handled one as its __context__. */
void OuErr_SetObjectWithContext(OuObject *exc);
/* The exception being handled (sys.exc_info()[1]) in this thread; borrowed, may be NULL */
OuObject *OuErr_GetHandledException(void);

/* Reporting */
void OuErr_Print(void);                         /* print pending exception + traceback to sys.stderr, clear */
void OuErr_Display(OuObject *exc);              /* print one exception with traceback */
void OuErr_WriteUnraisable(OuObject *where);    /* "Exception ignored in: ..." */
int OuErr_WarnEx(OuObject *category, const char *msg, Ou_ssize_t stacklevel) OU_WUR;
int OuErr_WarnFormat(OuObject *category, Ou_ssize_t stacklevel, const char *fmt, ...) OU_WUR;
int OuErr_CheckSignals(void) OU_WUR;            /* run pending signal handlers, -1 if one raised */

/* Syntax errors: msg, filename, 1-based line and 1-based column offsets (0 = unknown). */
void OuErr_SyntaxLocation(OuObject *type, const char *msg, OuObject *filename,
                          int lineno, int col_offset, int end_lineno, int end_col_offset,
                          OuObject *text /* the source line or NULL */);

/* Exception instance accessors */
OuObject *OuException_GetTraceback(OuObject *exc);   /* borrowed */
int OuException_SetTraceback(OuObject *exc, OuObject *tb);
OuObject *OuException_GetContext(OuObject *exc);     /* borrowed */
void OuException_SetContext(OuObject *exc, OuObject *ctx); /* steals ctx */
OuObject *OuException_GetCause(OuObject *exc);       /* borrowed */
void OuException_SetCause(OuObject *exc, OuObject *cause); /* steals cause, sets __suppress_context__ */
OuObject *OuException_GetArgs(OuObject *exc);        /* borrowed */
#define OuExceptionInstance_Check(o) (OU_TYPE(o)->tp_flags & OU_TPFLAGS_BASE_EXC_SUBCLASS)
#define OuExceptionClass_Check(o) \
    (OuType_Check(o) && (((OuTypeObject *)(o))->tp_flags & OU_TPFLAGS_BASE_EXC_SUBCLASS))

typedef struct {
    OuObject_HEAD
    OuObject *dict;
    OuObject *args;        /* tuple */
    OuObject *notes;       /* list or NULL (__notes__ lives in dict in CPython; we keep it here) */
    OuObject *traceback;   /* traceback or NULL */
    OuObject *context;
    OuObject *cause;
    char suppress_context;
} OuBaseExceptionObject;

/* Layouts of the built-in exception classes that carry extra fields
   (src/objects/exceptions.c). Fields are owned references or NULL. */
typedef struct {
    OuBaseExceptionObject base;
    OuObject *msg, *filename, *lineno, *offset, *text, *end_lineno, *end_offset;
    OuObject *print_file_and_line;
} OuSyntaxErrorObject;
typedef struct { OuBaseExceptionObject base; OuObject *msg, *name, *path; } OuImportErrorObject;
typedef struct {
    OuBaseExceptionObject base;
    OuObject *myerrno, *strerror, *filename, *filename2;
    Ou_ssize_t written;        /* BlockingIOError.characters_written, -1 if unset */
} OuOSErrorObject;
typedef struct { OuBaseExceptionObject base; OuObject *value; } OuStopIterationObject;
typedef struct { OuBaseExceptionObject base; OuObject *code; } OuSystemExitObject;
typedef struct { OuBaseExceptionObject base; OuObject *name; } OuNameErrorObject;
typedef struct { OuBaseExceptionObject base; OuObject *obj, *name; } OuAttributeErrorObject;
typedef struct {
    OuBaseExceptionObject base;
    OuObject *encoding, *object, *reason;
    Ou_ssize_t start, end;
} OuUnicodeErrorObject;
typedef struct { OuBaseExceptionObject base; OuObject *msg, *excs; /* str, tuple */ } OuBaseExceptionGroupObject;

/* Conveniences (src/core/errors.c, src/objects/exceptions.c) */
OuObject *OuException_New(OuObject *type, OuObject *const *args, Ou_ssize_t nargs); /* type(*args) */
void OuErr_SetKeyError(OuObject *key);               /* KeyError(key), safe for tuple keys */
void OuErr_SetStopIterationValue(OuObject *value);   /* StopIteration(value), safe for tuples */
/* ImportError / ModuleNotFoundError with msg and the name= / path= keywords (NULL = None). */
void OuErr_SetImportError(OuObject *type, OuObject *msg, OuObject *name, OuObject *path);
/* AttributeError(msg) with .name and .obj filled (both may be NULL). */
void OuErr_SetAttributeError(OuObject *obj, OuObject *name, OuObject *msg);
/* "'T' object has no attribute 'x'" with .name/.obj set; returns NULL. */
OuObject *OuErr_NoAttribute(OuObject *obj, OuObject *name);
/* Print exc (with its chain) to `file` (a file-like object with write()); 0 ok, -1 error. */
int OuErr_DisplayToFile(OuObject *exc, OuObject *file);
/* Write a str / a C string to sys.stderr (or file), ignoring errors. */
void OuErr_WriteStderr(const char *s);
OuObject *OuErr_ProgramTextObject(OuObject *filename, int lineno); /* source line (new ref) or NULL, no error */
/* The SIGINT handler installed at start-up notes the signal here. */
void OuErr_SetInterrupt(void);

/* Built-in exception types: OuExc_<Name> are OuObject* pointing at static types. */
#define OU_FOR_EACH_EXCEPTION(X) \
    X(BaseException) X(BaseExceptionGroup) X(Exception) X(ExceptionGroup) \
    X(GeneratorExit) X(KeyboardInterrupt) X(SystemExit) \
    X(ArithmeticError) X(FloatingPointError) X(OverflowError) X(ZeroDivisionError) \
    X(AssertionError) X(AttributeError) X(BufferError) X(EOFError) \
    X(ImportError) X(ModuleNotFoundError) X(LookupError) X(IndexError) X(KeyError) \
    X(MemoryError) X(NameError) X(UnboundLocalError) \
    X(OSError) X(BlockingIOError) X(ChildProcessError) X(ConnectionError) \
    X(BrokenPipeError) X(ConnectionAbortedError) X(ConnectionRefusedError) \
    X(ConnectionResetError) X(FileExistsError) X(FileNotFoundError) \
    X(InterruptedError) X(IsADirectoryError) X(NotADirectoryError) \
    X(PermissionError) X(ProcessLookupError) X(TimeoutError) \
    X(ReferenceError) X(RuntimeError) X(NotImplementedError) X(RecursionError) \
    X(StopAsyncIteration) X(StopIteration) \
    X(SyntaxError) X(IndentationError) X(TabError) X(SystemError) X(TypeError) \
    X(ValueError) X(UnicodeError) X(UnicodeDecodeError) X(UnicodeEncodeError) \
    X(UnicodeTranslateError) \
    X(Warning) X(BytesWarning) X(DeprecationWarning) X(EncodingWarning) \
    X(FutureWarning) X(ImportWarning) X(PendingDeprecationWarning) \
    X(ResourceWarning) X(RuntimeWarning) X(SyntaxWarning) X(UnicodeWarning) \
    X(UserWarning)

#define OU_DECLARE_EXC(name) extern OuObject *OuExc_##name;
OU_FOR_EACH_EXCEPTION(OU_DECLARE_EXC)
#undef OU_DECLARE_EXC

/* ---- additions by the exceptions helper (src/core/errors.c, traceback.c, exceptions.c) ---- */
/* OSError subclass from errno with filename and filename2 (either may be NULL). */
OuObject *OuErr_SetFromErrnoWithFilenameObjects(OuObject *type, OuObject *filename, OuObject *filename2);
/* Make a ready-made exception instance pending, chaining the handled one as
   __context__. Steals exc; NULL is a no-op (its creation error stays pending). */
void OuErr_SetInstance(OuObject *exc);
/* Warning with a str message; -1 if it was turned into an exception. */
int OuErr_WarnObject(OuObject *category, OuObject *msg, Ou_ssize_t stacklevel) OU_WUR;
/* Install SIGINT -> KeyboardInterrupt, ignore SIGPIPE/SIGXFSZ (start-up). */
void OuErr_InstallSignalHandlers(void);
/* When set (by the signal module), OuErr_CheckSignals calls it after a
   signal was noted; it runs the Python-level handlers (-1 if one raised). */
extern int (*OuErr_SignalHook)(void);
/* Write a str object to sys.stderr (fd 2 if that fails), ignoring errors. */
void OuErr_WriteStderrObject(OuObject *s);
/* If exc is a SystemExit: compute the process exit status (None -> 0,
   int -> itself, other -> printed to stderr, 1), store it in *status and
   return 1; otherwise return 0. OuErr_Print calls it, then Ou_Finalize() and
   exit(status), as CPython's PyErr_Print does: callers wanting to handle
   SystemExit themselves call this first. */
int OuErr_HandleSystemExit(OuObject *exc, int *status);
/* New UnicodeDecodeError / UnicodeEncodeError instances (not raised). */
OuObject *OuUnicodeDecodeError_Create(const char *encoding, const char *object, Ou_ssize_t length,
                                      Ou_ssize_t start, Ou_ssize_t end, const char *reason);
OuObject *OuUnicodeEncodeError_Create(const char *encoding, OuObject *object,
                                      Ou_ssize_t start, Ou_ssize_t end, const char *reason);
/* Add every built-in exception type, plus the aliases EnvironmentError and
   IOError (= OSError), to a builtins dict. */
int OuExc_AddToBuiltins(OuObject *builtins_dict) OU_WUR;
/* Like OuErr_WriteUnraisable with the header "Exception ignored <msg>: <repr(obj)>"
   (msg NULL = "in"; obj NULL = no ": <repr>"). Consumes the pending exception. */
void OuErr_WriteUnraisableMsg(const char *msg, OuObject *obj);

int OuExc_Init(void) OU_WUR;   /* readies the exception types, fills OuExc_* */

#endif

/*
 * state.h -- the runtime and per-thread state.
 *
 * All global interpreter state lives in one struct reached through
 * OU_RT; everything that belongs to a thread (pending exception, frame
 * chain, recursion depth, handled-exception stack) lives in its
 * OuThreadState, reached through OU_TS (a thread-local pointer).
 */
#ifndef OU_STATE_H
#define OU_STATE_H
#include "../core/object.h"

struct OuFrame;   /* the VM's activation record, see vm/frame.h */

/* One entry of the handled-exception stack (sys.exc_info()). Generators
   and coroutines keep their own entry and link it in while they run. */
typedef struct OuExcStackItem {
    OuObject *exc_value;            /* exception being handled, or NULL/None */
    struct OuExcStackItem *previous;
} OuExcStackItem;

typedef struct OuThreadState {
    struct OuThreadState *next, *prev;
    OuObject *curexc;               /* pending (raised) exception instance, or NULL */
    OuExcStackItem *exc_info;       /* top of the handled-exception stack */
    OuExcStackItem exc_state;       /* bottom entry */
    struct OuFrame *frame;          /* currently executing frame, or NULL */
    int recursion_depth;            /* Python-level call depth */
    int c_recursion_depth;          /* C-level nesting (repr, compare, ...) */
    int recursion_headroom;         /* allowance while handling RecursionError */
    OuObject *dict;                 /* threading.local storage, or NULL */
    unsigned long thread_id;
    void *datastack;                /* the VM's frame stack chunk(s) */
    OuObject *async_exc;            /* set by another thread, raised at next check */
    OuObject *context;              /* contextvars.Context or NULL */
    OuObject *repr_stack;           /* list of objects being repr'd (Ou_ReprEnter) */
} OuThreadState;

typedef struct OuRuntime {
    OuObject *modules;              /* sys.modules (dict) */
    OuObject *builtins;             /* the builtins module's dict */
    OuObject *builtins_module;
    OuObject *sys_module, *sysdict;
    OuObject *main_module;
    OuObject *argv;                 /* list */
    int recursion_limit;            /* sys.getrecursionlimit() */
    int optimize;                   /* -O */
    int verbose, inspect, isolated;
    int dont_write_bytecode;
    OuThreadState *threads;         /* list of all thread states */
    volatile int eval_breaker;      /* nonzero: signals / GIL drop request / async exc pending */
    volatile int pending_signals;
    int finalizing;
    int64_t int_max_str_digits;     /* sys.set_int_max_str_digits */
} OuRuntime;

extern OuRuntime ou_runtime;
extern _Thread_local OuThreadState *ou_tstate;
#define OU_RT (&ou_runtime)
#define OU_TS (ou_tstate)

OuThreadState *OuThreadState_New(void);
void OuThreadState_Delete(OuThreadState *ts);

/* Start-up and shut-down of the whole runtime (src/vm/lifecycle.c). */
int Ou_Initialize(int argc, char **argv) OU_WUR;
int Ou_Finalize(void);

/* Running code (src/vm/run.c) */
OuObject *Ou_CompileString(const char *src, const char *filename, int mode /* OU_FILE_INPUT.. */, int flags);
OuObject *OuEval_EvalCode(OuObject *code, OuObject *globals, OuObject *locals);
int Ou_RunFile(const char *path);     /* exit status as python3 */
int Ou_RunString(const char *src, const char *filename);
enum { OU_FILE_INPUT = 257, OU_EVAL_INPUT = 258, OU_SINGLE_INPUT = 256, OU_FUNC_TYPE_INPUT = 345 };

/* Frames and tracebacks, for tracebacks and sys._getframe (src/vm/frame.c) */
OuObject *OuFrame_GetObject(struct OuFrame *f);   /* the frame object (made lazily), new ref */
int OuFrame_GetLineNumber(struct OuFrame *f);
OuObject *OuTraceBack_Here(struct OuFrame *f);    /* add an entry for f to the pending exception */
extern OuTypeObject OuFrame_Type, OuTraceBack_Type;
typedef struct OuTracebackObject {
    OuObject_HEAD
    struct OuTracebackObject *tb_next;
    OuObject *tb_frame;             /* frame object */
    int tb_lasti;                   /* instruction index */
    int tb_lineno;
} OuTracebackObject;

/* Import (src/vm/import.c) */
OuObject *OuImport_ImportModule(const char *name);
OuObject *OuImport_ImportModuleLevel(OuObject *name, OuObject *globals, OuObject *locals,
                                     OuObject *fromlist, int level);
OuObject *OuImport_GetModule(OuObject *name);     /* from sys.modules, new ref or NULL */
char *OuImport_ReadFile(const char *path, Ou_ssize_t *len);  /* malloc'd, NUL-terminated; NULL + OSError */
char *OuImport_FindModuleFile(const char *name);  /* for -m: malloc'd path or NULL + ImportError */

/* Exit status for a pending SystemExit (printing its message), or 1 after
   printing any other pending exception (src/vm/run.c). */
int Ou_HandleUncaught(void);
/* A fresh __main__ module's dict (borrowed from sys.modules['__main__']). */
OuObject *Ou_MainDict(const char *file);
#endif

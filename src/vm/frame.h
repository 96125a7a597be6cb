/*
 * frame.h -- the VM's activation records (src/vm/frame.c).
 *
 * An OuFrame is a plain C struct, not an object. Frames of ordinary calls
 * live on a per-thread chunked data stack (OU_TS->datastack); a generator
 * embeds its frame in the generator object. A frame *object* (OuFrameObject,
 * Python's `frame` type) is made only when asked for (sys._getframe, a
 * traceback entry); if it outlives the frame, it takes a copy of the frame's
 * locals at the moment the frame is cleared.
 *
 * Layout of one frame (all in one block of pointer-sized words):
 *
 *     OuFrame header                         (OU_FRAME_HEADER_WORDS words)
 *     localsplus[0 .. nlocals)                fast locals = co_varnames
 *     localsplus[nlocals .. +ncellvars)       cells for co_cellvars
 *     localsplus[.. +nfreevars)               cells of the closure (co_freevars)
 *     localsplus[nlocalsplus .. +stacksize)   the value stack, growing up
 *
 * `stacktop` is an index into localsplus: the stack is empty when it equals
 * co_nlocalsplus. `lasti` is the index of the instruction executing (or last
 * executed); -1 before the first one.
 */
#ifndef OU_FRAME_H
#define OU_FRAME_H
#include "core/ouro.h"

enum {                          /* OuFrame.state */
    OU_FRAME_CREATED = 0,       /* set up, never run (generators) */
    OU_FRAME_SUSPENDED,         /* generator stopped at a yield */
    OU_FRAME_EXECUTING,
    OU_FRAME_COMPLETED,         /* returned or raised; references still held */
    OU_FRAME_CLEARED,           /* references dropped */
};
enum {                          /* OuFrame.owner */
    OU_FRAME_OWNED_BY_THREAD = 0,
    OU_FRAME_OWNED_BY_GENERATOR,
    OU_FRAME_OWNED_BY_FRAME_OBJECT,
};

struct OuFrameObject;

typedef struct OuFrame {
    OuCodeObject *f_code;           /* strong */
    OuObject *f_func;               /* strong, or NULL (module code, exec) */
    OuObject *f_globals;            /* strong */
    OuObject *f_builtins;           /* strong */
    OuObject *f_locals;             /* strong, or NULL: the mapping of module/class bodies */
    struct OuFrame *previous;       /* caller while running, else NULL */
    struct OuFrameObject *frame_obj;/* strong, made lazily, or NULL */
    int lasti;                      /* instruction index (see above) */
    int stacktop;                   /* index into localsplus */
    int8_t state;
    int8_t owner;
    int8_t is_entry;                /* returning from it returns from OuEval_EvalFrame */
    int8_t pad_;
    OuObject *localsplus[];
} OuFrame;

#define OU_FRAME_HEADER_WORDS ((sizeof(OuFrame) + sizeof(OuObject *) - 1) / sizeof(OuObject *))
/* Words needed by a frame for code co (header, localsplus and stack). */
#define OU_FRAME_WORDS(co) (OU_FRAME_HEADER_WORDS + (size_t)(co)->co_nlocalsplus + (size_t)(co)->co_stacksize)

/* Python's `frame` object. */
typedef struct OuFrameObject {
    OuObject_VAR_HEAD
    OuFrame *f_frame;               /* the frame: live elsewhere, or f_data when owned */
    OuObject *f_back;               /* set when the frame was detached from its caller */
    OuObject *f_trace;
    char f_trace_lines, f_trace_opcodes;
    OuObject *f_data[];             /* storage for an owned copy (header + localsplus) */
} OuFrameObject;

/* The data stack: chunks of words, frames never straddle two chunks. */
typedef struct OuDataChunk {
    struct OuDataChunk *previous;   /* older chunk */
    struct OuDataChunk *spare;      /* a newer chunk kept for reuse */
    OuObject **top, **limit;
    OuObject *data[];
} OuDataChunk;

OuFrame *ou_frame_alloc_slow(OuThreadState *ts, size_t words);
void ou_frame_pop_chunk(OuThreadState *ts);
/* Allocate room for a frame of `co` on the thread's data stack (header
   uninitialised). NULL + MemoryError on failure. */
static inline OuFrame *OuFrame_Alloc(OuThreadState *ts, OuCodeObject *co)
{
    size_t n = OU_FRAME_WORDS(co);
    OuDataChunk *c = (OuDataChunk *)ts->datastack;
    if (OU_LIKELY(c != NULL && (size_t)(c->limit - c->top) >= n)) {
        OuFrame *f = (OuFrame *)c->top;
        c->top += n;
        return f;
    }
    return ou_frame_alloc_slow(ts, n);
}
/* Give a frame's words back to the data stack (it must be the newest). */
static inline void OuFrame_Release(OuThreadState *ts, OuFrame *f)
{
    OuDataChunk *c = (OuDataChunk *)ts->datastack;
    c->top = (OuObject **)f;
    if (OU_UNLIKELY(c->top == c->data && c->previous))
        ou_frame_pop_chunk(ts);
}
/* Fill the header: takes new references to co, func, globals, builtins,
   locals (the last three may be NULL for func/locals); zeroes localsplus. */
void OuFrame_Init(OuFrame *f, OuCodeObject *co, OuObject *func, OuObject *globals,
                  OuObject *builtins, OuObject *locals, int owner);
/* Drop every reference the frame holds (locals, stack, header). If its frame
   object is referenced elsewhere, that object takes the locals over. */
void OuFrame_Clear(OuFrame *f);
/* Free the thread's data-stack chunks (thread teardown). */
void OuFrame_FiniThread(OuThreadState *ts);
/* Name of localsplus slot i (borrowed). */
OuObject *OuFrame_SlotName(OuCodeObject *co, int i);
/* A dict snapshot of a function frame's locals (new reference). */
OuObject *OuFrame_LocalsDict(OuFrame *f);
/* The builtins dict for a globals dict: globals['__builtins__'] (module or
   dict), else the interpreter's. Borrowed; never NULL without an error. */
OuObject *OuFrame_BuiltinsFromGlobals(OuObject *globals);

/* call.c: a thread-owned frame for calling func, arguments bound, cells set
   up (nothing is run). NULL with the exception set on a binding error. */
OuFrame *OuCall_PushFrame(OuThreadState *ts, OuFunctionObject *func, OuObject *const *args,
                          Ou_ssize_t nargs, OuObject *kwnames);
/* Bind arguments into f->localsplus (zeroed) and set up the cells. */
int OuCall_BindArgs(OuFunctionObject *func, OuFrame *f, OuObject *const *args,
                    Ou_ssize_t nargs, OuObject *kwnames) OU_WUR;
/* "f()" / "mod.f()" as in CPython's messages about a callable (new ref). */
OuObject *OuCall_FunctionStr(OuObject *func);

/* ceval.c: run frame f until it returns (or yields, for generator frames).
   throwflag: an exception is pending and must be raised at the resume point.
   Links f into the thread's frame chain for the duration. */
OuObject *OuEval_EvalFrame(OuThreadState *ts, OuFrame *f, int throwflag);
#endif

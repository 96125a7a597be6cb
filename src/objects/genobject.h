/* genobject.h -- generators, coroutines and async generators
   (src/objects/genobject.c). Each owns its frame, embedded at the end of
   the object, so it can suspend and resume. */
#ifndef OU_GENOBJECT_H
#define OU_GENOBJECT_H
#include "core/ouro.h"
#include "vm/frame.h"

typedef struct {
    OuObject_VAR_HEAD
    OuObject *gi_code;              /* strong: outlives the frame's reference */
    OuObject *gi_name, *gi_qualname;
    OuExcStackItem gi_exc_state;    /* its handled-exception entry, linked in while running */
    OuObject *gi_weakreflist;
    OuObject *ag_finalizer;         /* async generators: sys.set_asyncgen_hooks finalizer */
    int ag_hooks_inited, ag_closed, ag_running_async;
    OuObject *gi_frame_data[];      /* the frame (OU_FRAME_WORDS(code) words) */
} OuGenObject;
#define OU_GEN_FRAME(g) ((OuFrame *)((OuGenObject *)(g))->gi_frame_data)

extern OuTypeObject OuGen_Type, OuCoro_Type, OuAsyncGen_Type, OuCoroWrapper_Type,
    OuAsyncGenASend_Type, OuAsyncGenAThrow_Type, OuAsyncGenWrappedValue_Type;
#define OuGen_CheckExact(o) (OU_TYPE(o) == &OuGen_Type)
#define OuCoro_CheckExact(o) (OU_TYPE(o) == &OuCoro_Type)
#define OuAsyncGen_CheckExact(o) (OU_TYPE(o) == &OuAsyncGen_Type)

/* Make the generator / coroutine / async generator for a call of func
   (its code has one of the CO_GENERATOR-like flags), arguments bound. */
OuObject *OuGen_NewFromFunction(OuFunctionObject *func, OuObject *const *args, Ou_ssize_t nargs,
                                OuObject *kwnames);

enum { OU_GEN_ERROR = -1, OU_GEN_RETURN = 0, OU_GEN_NEXT = 1 };
/* Resume gen (a generator or coroutine) sending arg: OU_GEN_NEXT with the
   yielded value in *result, OU_GEN_RETURN with the return value, or
   OU_GEN_ERROR with an exception set (*result NULL). */
int OuGen_Send(OuObject *gen, OuObject *arg, OuObject **result) OU_WUR;
/* The object a suspended generator delegates to (yield from / await),
   borrowed, or NULL. */
OuObject *OuGen_GetYieldFrom(OuGenObject *gen);
/* Pending StopIteration (or none) -> its value (new ref) and clear: 0;
   any other pending exception: -1. */
int OuGen_FetchStopIterationValue(OuObject **value) OU_WUR;
/* The iterator behind `await o` (new ref); TypeError as CPython. */
OuObject *OuCoro_GetAwaitableIter(OuObject *o);
/* Wrap a value yielded by an async generator (ASYNC_GEN_WRAP). */
OuObject *OuAsyncGen_WrapValue(OuObject *v);
/* anext(agen) for an async generator: its asend(None) awaitable. */
OuObject *OuAsyncGen_ANext(OuObject *agen);
/* Readies the generator types. */
int OuGen_Init(void) OU_WUR;
#endif

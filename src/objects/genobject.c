/*
 * genobject.c -- generators, coroutines, async generators.
 *
 * Types defined here: OuGen_Type ("generator"), OuCoro_Type ("coroutine"),
 * OuAsyncGen_Type ("async_generator"), OuCoroWrapper_Type
 * ("coroutine_wrapper"), OuAsyncGenASend_Type ("async_generator_asend"),
 * OuAsyncGenAThrow_Type ("async_generator_athrow"),
 * OuAsyncGenWrappedValue_Type ("async_generator_wrapped_value").
 *
 * A generator embeds its frame. Resuming links the frame into the thread's
 * frame chain and the generator's exception-state entry into the thread's
 * handled-exception stack, and runs the frame in the eval loop until it
 * yields (frame state SUSPENDED) or finishes (the loop clears the frame).
 * A generator suspended at a YIELD_VALUE directly preceded by SEND is
 * delegating (yield from / await): the receiver is on top of its stack.
 */
#include "core/ouro.h"
#include "vm/eval.h"
#include "vm/frame.h"
#include "objects/genobject.h"

static OuObject *gen_close(OuObject *o, OuObject *unused);
static OuObject *gen_throw_impl(OuGenObject *gen, int close_on_genexit, OuObject *typ,
                                OuObject *val, OuObject *tb);

static const char *gen_kind(OuGenObject *g)
{
    if (OuCoro_CheckExact(g))
        return "coroutine";
    if (OuAsyncGen_CheckExact(g))
        return "async generator";
    return "generator";
}

/* ------------------------------------------------------------------ */
/* Creation and destruction                                           */

OuObject *OuGen_NewFromFunction(OuFunctionObject *func, OuObject *const *args, Ou_ssize_t nargs,
                                OuObject *kwnames)
{
    OuCodeObject *co = (OuCodeObject *)func->func_code;
    OuTypeObject *tp = (co->co_flags & OU_CO_COROUTINE) ? &OuCoro_Type
                       : (co->co_flags & OU_CO_ASYNC_GENERATOR) ? &OuAsyncGen_Type : &OuGen_Type;
    OuGenObject *g = (OuGenObject *)OuType_GenericAlloc(tp, (Ou_ssize_t)OU_FRAME_WORDS(co));
    if (!g)
        return NULL;
    g->gi_code = OU_NEWREF(co);
    g->gi_name = OU_NEWREF(func->func_name);
    g->gi_qualname = OU_NEWREF(func->func_qualname);
    OuFrame *f = OU_GEN_FRAME(g);
    OuFrame_Init(f, co, (OuObject *)func, func->func_globals, func->func_builtins, NULL,
                 OU_FRAME_OWNED_BY_GENERATOR);
    if (OuCall_BindArgs(func, f, args, nargs, kwnames) < 0) {
        OU_DECREF(g);
        return NULL;
    }
    OuObject_GC_Track((OuObject *)g);
    return (OuObject *)g;
}

/* Close a generator that is being destroyed while suspended. */
static void gen_finalize(OuObject *o)
{
    OuObject *exc = OuErr_GetRaisedException();
    OuObject *r = gen_close(o, NULL);
    if (r)
        OU_DECREF(r);
    else
        OuErr_WriteUnraisable(o);
    OuErr_SetRaisedException(exc);
}

static void gen_dealloc(OuObject *o)
{
    OuGenObject *g = (OuGenObject *)o;
    OuFrame *f = OU_GEN_FRAME(g);
    OuObject_GC_UnTrack(o);
    if (f->state == OU_FRAME_SUSPENDED) {
        OU_REFCNT(o) = 1;                   /* resurrect while closing */
        gen_finalize(o);
        if (--OU_REFCNT(o) != 0) {          /* resurrected for good */
            OuObject_GC_Track(o);
            return;
        }
    }
    if (f->state != OU_FRAME_CLEARED)
        OuFrame_Clear(f);
    OU_XDECREF(g->gi_exc_state.exc_value);
    OU_XDECREF(g->gi_code);
    OU_XDECREF(g->gi_name);
    OU_XDECREF(g->gi_qualname);
    OU_XDECREF(g->ag_finalizer);
    OU_TYPE(o)->tp_free(o);
}

static int gen_traverse(OuObject *o, visitproc visit, void *arg)
{
    OuGenObject *g = (OuGenObject *)o;
    OuFrame *f = OU_GEN_FRAME(g);
    OU_VISIT(g->gi_code);
    OU_VISIT(g->gi_exc_state.exc_value);
    OU_VISIT(g->ag_finalizer);
    if (f->state != OU_FRAME_CLEARED) {
        OU_VISIT(f->f_func);
        OU_VISIT(f->f_globals);
        OU_VISIT(f->f_locals);
        OU_VISIT(f->frame_obj);
        int top = f->state == OU_FRAME_EXECUTING ? f->f_code->co_nlocalsplus : f->stacktop;
        for (int i = 0; i < top; i++)
            OU_VISIT(f->localsplus[i]);
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Resuming                                                           */

/* Turn a StopIteration (or, for async generators, StopAsyncIteration)
   escaping the body into RuntimeError (PEP 479). */
static void convert_stop_iteration(OuGenObject *gen)
{
    const char *what;
    if (OuErr_ExceptionMatches(OuExc_StopIteration))
        what = "StopIteration";
    else if (OuAsyncGen_CheckExact(gen) && OuErr_ExceptionMatches(OuExc_StopAsyncIteration))
        what = "StopAsyncIteration";
    else
        return;
    OuObject *exc = OuErr_GetRaisedException();
    OuErr_Format(OuExc_RuntimeError, "%s raised %s", gen_kind(gen), what);
    OuObject *err = OuErr_GetRaisedException();
    if (!err) {
        OU_DECREF(exc);
        return;
    }
    OuException_SetContext(err, OU_NEWREF(exc));
    OuException_SetCause(err, exc);
    OuErr_SetRaisedException(err);
}

/* The core of send/throw/next: see OU_GEN_* in genobject.h. arg NULL means
   "next()": None is sent. exc: an exception is pending, raise it inside. */
static int gen_send_ex2(OuGenObject *gen, OuObject *arg, OuObject **presult, int exc, int closing)
{
    OuThreadState *ts = OU_TS;
    OuFrame *f = OU_GEN_FRAME(gen);
    *presult = NULL;
    if (f->state == OU_FRAME_CREATED && arg && arg != OU_NONE && !exc) {
        OuErr_Format(OuExc_TypeError, "can't send non-None value to a just-started %s", gen_kind(gen));
        return OU_GEN_ERROR;
    }
    if (f->state == OU_FRAME_EXECUTING) {
        OuErr_Format(OuExc_ValueError, "%s already executing", gen_kind(gen));
        return OU_GEN_ERROR;
    }
    if (f->state >= OU_FRAME_COMPLETED) {
        if (OuCoro_CheckExact(gen) && !closing) {
            OuErr_SetString(OuExc_RuntimeError, "cannot reuse already awaited coroutine");
        } else if (arg && !exc) {
            *presult = OU_NEWREF(OU_NONE);
            return OU_GEN_RETURN;
        }
        return OU_GEN_ERROR;
    }
    if (f->state != OU_FRAME_CREATED)
        f->localsplus[f->stacktop++] = OU_NEWREF(arg ? arg : OU_NONE);
    gen->gi_exc_state.previous = ts->exc_info;
    ts->exc_info = &gen->gi_exc_state;
    OU_INCREF(gen);
    OuObject *result = OuEval_EvalFrame(ts, f, exc);
    ts->exc_info = gen->gi_exc_state.previous;
    gen->gi_exc_state.previous = NULL;
    int status;
    if (f->state == OU_FRAME_SUSPENDED) {
        *presult = result;
        status = OU_GEN_NEXT;
    } else {
        OU_CLEAR(gen->gi_exc_state.exc_value);
        if (result) {
            *presult = result;
            status = OU_GEN_RETURN;
        } else {
            convert_stop_iteration(gen);
            status = OU_GEN_ERROR;
        }
    }
    OU_DECREF(gen);
    return status;
}

int OuGen_Send(OuObject *gen, OuObject *arg, OuObject **result)
{
    return gen_send_ex2((OuGenObject *)gen, arg, result, 0, 0);
}

/* send/next/throw with the return value turned into StopIteration
   (StopAsyncIteration for async generators; nothing for next() of None). */
static OuObject *gen_send_ex(OuGenObject *gen, OuObject *arg, int exc, int closing)
{
    OuObject *result;
    int status = gen_send_ex2(gen, arg, &result, exc, closing);
    if (status != OU_GEN_RETURN)
        return result;
    if (result == OU_NONE) {
        if (OuAsyncGen_CheckExact(gen))
            OuErr_SetNone(OuExc_StopAsyncIteration);
        else if (arg)
            OuErr_SetNone(OuExc_StopIteration);
    } else {
        OuErr_SetStopIterationValue(result);
    }
    OU_DECREF(result);
    return NULL;
}

static OuObject *gen_send(OuObject *o, OuObject *arg)
{
    return gen_send_ex((OuGenObject *)o, arg, 0, 0);
}

static OuObject *gen_iternext(OuObject *o)
{
    return gen_send_ex((OuGenObject *)o, NULL, 0, 0);
}

OuObject *OuGen_GetYieldFrom(OuGenObject *gen)
{
    OuFrame *f = OU_GEN_FRAME(gen);
    if (f->state != OU_FRAME_SUSPENDED || f->lasti < 1)
        return NULL;
    uint32_t *code = f->f_code->co_instrs;
    if (OU_OPCODE(code[f->lasti]) != OP_YIELD_VALUE || OU_OPCODE(code[f->lasti - 1]) != OP_SEND)
        return NULL;
    if (f->stacktop <= f->f_code->co_nlocalsplus)
        return NULL;
    return f->localsplus[f->stacktop - 1];
}

int OuGen_FetchStopIterationValue(OuObject **value)
{
    *value = NULL;
    if (!OuErr_Occurred()) {
        *value = OU_NEWREF(OU_NONE);
        return 0;
    }
    if (!OuErr_ExceptionMatches(OuExc_StopIteration))
        return -1;
    OuObject *exc = OuErr_GetRaisedException();
    OuObject *v = ((OuStopIterationObject *)exc)->value;
    *value = OU_NEWREF(v ? v : OU_NONE);
    OU_DECREF(exc);
    return 0;
}

/* close() on the object a generator delegates to. */
static int gen_close_iter(OuObject *yf)
{
    OuObject *r = NULL;
    if (OuGen_CheckExact(yf) || OuCoro_CheckExact(yf)) {
        r = gen_close(yf, NULL);
    } else {
        OuObject *meth;
        if (OuObject_LookupAttr(yf, OU_ID(close), &meth) < 0) {
            OuErr_WriteUnraisable(yf);
            return 0;
        }
        if (!meth)
            return 0;
        r = OuObject_CallNoArgs(meth);
        OU_DECREF(meth);
    }
    if (!r)
        return -1;
    OU_DECREF(r);
    return 0;
}

static OuObject *gen_close(OuObject *o, OuObject *unused)
{
    OuGenObject *gen = (OuGenObject *)o;
    OuFrame *f = OU_GEN_FRAME(gen);
    if (f->state == OU_FRAME_CREATED) {
        OuFrame_Clear(f);
        f->state = OU_FRAME_CLEARED;
        OU_RETURN_NONE;
    }
    if (f->state >= OU_FRAME_COMPLETED)
        OU_RETURN_NONE;
    int err = 0;
    OuObject *yf = OuGen_GetYieldFrom(gen);
    if (yf) {
        OU_INCREF(yf);
        int8_t state = f->state;
        f->state = OU_FRAME_EXECUTING;
        err = gen_close_iter(yf);
        f->state = state;
        OU_DECREF(yf);
    }
    if (err == 0)
        OuErr_SetNone(OuExc_GeneratorExit);
    OuObject *r = gen_send_ex(gen, OU_NONE, 1, 1);
    if (r) {
        OU_DECREF(r);
        const char *msg = OuCoro_CheckExact(gen) ? "coroutine ignored GeneratorExit"
                          : OuAsyncGen_CheckExact(gen) ? "async generator ignored GeneratorExit"
                                                       : "generator ignored GeneratorExit";
        OuErr_SetString(OuExc_RuntimeError, msg);
        return NULL;
    }
    if (OuErr_ExceptionMatches(OuExc_StopIteration) || OuErr_ExceptionMatches(OuExc_GeneratorExit)) {
        OuErr_Clear();
        OU_RETURN_NONE;
    }
    return NULL;
}

/* Make the exception described by throw()'s arguments pending. */
static int set_thrown_exception(OuObject *typ, OuObject *val, OuObject *tb)
{
    OuObject *exc;
    if (tb == OU_NONE)
        tb = NULL;
    if (tb && !OuObject_TypeCheck(tb, &OuTraceBack_Type)) {
        OuErr_SetString(OuExc_TypeError, "throw() third argument must be a traceback object");
        return -1;
    }
    if (OuExceptionClass_Check(typ)) {
        if (val && OuExceptionInstance_Check(val) && OuObject_TypeCheck(val, (OuTypeObject *)typ))
            exc = OU_NEWREF(val);
        else if (!val || val == OU_NONE)
            exc = OuException_New(typ, NULL, 0);
        else if (OuTuple_Check(val))
            exc = OuException_New(typ, OU_TUPLE_ITEMS(val), OU_TUPLE_LEN(val));
        else
            exc = OuException_New(typ, &val, 1);
        if (!exc)
            return -1;
        if (!OuExceptionInstance_Check(exc)) {
            OuErr_Format(OuExc_TypeError,
                         "calling %R should have returned an instance of BaseException, not %s",
                         typ, OU_TYPE_NAME(exc));
            OU_DECREF(exc);
            return -1;
        }
    } else if (OuExceptionInstance_Check(typ)) {
        if (val && val != OU_NONE) {
            OuErr_SetString(OuExc_TypeError, "instance exception may not have a separate value");
            return -1;
        }
        exc = OU_NEWREF(typ);
    } else {
        OuErr_Format(OuExc_TypeError,
                     "exceptions must be classes or instances deriving from BaseException, not %s",
                     OU_TYPE_NAME(typ));
        return -1;
    }
    if (tb && OuException_SetTraceback(exc, tb) < 0) {
        OU_DECREF(exc);
        return -1;
    }
    OuErr_SetRaisedException(exc);
    return 0;
}

/* The delegate finished while we threw into it: pop it, continue after
   the SEND loop with its result (or raise its error inside gen). */
static OuObject *finish_delegation(OuGenObject *gen)
{
    OuFrame *f = OU_GEN_FRAME(gen);
    OuObject *recv = f->localsplus[--f->stacktop];
    OU_DECREF(recv);
    uint32_t send = f->f_code->co_instrs[f->lasti - 1];
    f->lasti = OU_OPARG(send) - 1;
    OuObject *val;
    if (OuGen_FetchStopIterationValue(&val) == 0) {
        OuObject *r = gen_send_ex(gen, val, 0, 0);
        OU_DECREF(val);
        return r;
    }
    return gen_send_ex(gen, OU_NONE, 1, 0);
}

static OuObject *gen_throw_impl(OuGenObject *gen, int close_on_genexit, OuObject *typ,
                                OuObject *val, OuObject *tb)
{
    OuObject *yf = OuGen_GetYieldFrom(gen);
    OuFrame *f = OU_GEN_FRAME(gen);
    if (yf) {
        OuObject *ret = NULL;
        int8_t state = f->state;
        OU_INCREF(yf);
        if (close_on_genexit && OuErr_GivenExceptionMatches(typ, OuExc_GeneratorExit)) {
            f->state = OU_FRAME_EXECUTING;
            int err = gen_close_iter(yf);
            f->state = state;
            OU_DECREF(yf);
            if (err < 0)
                return gen_send_ex(gen, OU_NONE, 1, 0);
            goto throw_here;
        }
        if (OuGen_CheckExact(yf) || OuCoro_CheckExact(yf)) {
            OuThreadState *ts = OU_TS;
            f->previous = ts->frame;
            ts->frame = f;
            f->state = OU_FRAME_EXECUTING;
            ret = gen_throw_impl((OuGenObject *)yf, close_on_genexit, typ, val, tb);
            f->state = state;
            ts->frame = f->previous;
            f->previous = NULL;
        } else {
            OuObject *meth;
            if (OuObject_LookupAttr(yf, OU_ID(throw), &meth) < 0) {
                OU_DECREF(yf);
                return NULL;
            }
            if (!meth) {
                OU_DECREF(yf);
                goto throw_here;
            }
            OuObject *args[3] = {typ, val, tb};
            Ou_ssize_t n = tb ? 3 : val ? 2 : 1;
            f->state = OU_FRAME_EXECUTING;
            ret = OuObject_Vectorcall(meth, args, n, NULL);
            f->state = state;
            OU_DECREF(meth);
        }
        OU_DECREF(yf);
        if (!ret)
            ret = finish_delegation(gen);
        return ret;
    }
throw_here:
    if (set_thrown_exception(typ, val, tb) < 0)
        return NULL;
    return gen_send_ex(gen, OU_NONE, 1, 0);
}

static OuObject *gen_throw(OuObject *o, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("throw", kwnames) < 0 || OuArg_CheckPositional("throw", nargs, 1, 3) < 0)
        return NULL;
    return gen_throw_impl((OuGenObject *)o, 1, args[0], nargs > 1 ? args[1] : NULL,
                          nargs > 2 ? args[2] : NULL);
}

/* ------------------------------------------------------------------ */
/* Attributes                                                         */

static OuObject *gen_repr(OuObject *o)
{
    const char *kind = OuCoro_CheckExact(o) ? "coroutine" : OuAsyncGen_CheckExact(o) ? "async_generator"
                                                                                     : "generator";
    return OuStr_FromFormat("<%s object %U at %p>", kind, ((OuGenObject *)o)->gi_qualname, o);
}

static OuObject *gen_get_frame(OuObject *o, void *c)
{
    OuFrame *f = OU_GEN_FRAME(o);
    if (f->state >= OU_FRAME_COMPLETED)
        OU_RETURN_NONE;
    return OuFrame_GetObject(f);
}

static OuObject *gen_get_running(OuObject *o, void *c)
{
    if (OuAsyncGen_CheckExact(o))
        return OuBool_FromLong(((OuGenObject *)o)->ag_running_async);
    return OuBool_FromLong(OU_GEN_FRAME(o)->state == OU_FRAME_EXECUTING);
}

static OuObject *gen_get_suspended(OuObject *o, void *c)
{
    return OuBool_FromLong(OU_GEN_FRAME(o)->state == OU_FRAME_SUSPENDED);
}

static OuObject *gen_get_code(OuObject *o, void *c)
{
    return OU_NEWREF(((OuGenObject *)o)->gi_code);
}

static OuObject *gen_get_yieldfrom(OuObject *o, void *c)
{
    OuObject *yf = OuGen_GetYieldFrom((OuGenObject *)o);
    return OU_NEWREF(yf ? yf : OU_NONE);
}

static OuObject *gen_get_name(OuObject *o, void *c)
{
    return OU_NEWREF(c ? ((OuGenObject *)o)->gi_qualname : ((OuGenObject *)o)->gi_name);
}

static int gen_set_name(OuObject *o, OuObject *v, void *c)
{
    if (!v || !OuStr_Check(v)) {
        OuErr_Format(OuExc_TypeError, "%s must be set to a string object",
                     c ? "__qualname__" : "__name__");
        return -1;
    }
    OuGenObject *g = (OuGenObject *)o;
    if (c)
        OU_SETREF(g->gi_qualname, OU_NEWREF(v));
    else
        OU_SETREF(g->gi_name, OU_NEWREF(v));
    return 0;
}

static OuObject *get_none(OuObject *o, void *c)
{
    OU_RETURN_NONE;
}

static OuObject *gen_sizeof(OuObject *o, OuObject *unused)
{
    return OuInt_FromSsize_t((Ou_ssize_t)sizeof(OuGenObject) + OU_SIZE(o) * (Ou_ssize_t)sizeof(OuObject *));
}

static OuGetSetDef gen_getset[] = {
    {"__name__", gen_get_name, gen_set_name, NULL, NULL},
    {"__qualname__", gen_get_name, gen_set_name, NULL, (void *)1},
    {"gi_frame", gen_get_frame, NULL, NULL, NULL},
    {"gi_running", gen_get_running, NULL, NULL, NULL},
    {"gi_code", gen_get_code, NULL, NULL, NULL},
    {"gi_yieldfrom", gen_get_yieldfrom, NULL, NULL, NULL},
    {"gi_suspended", gen_get_suspended, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

static OuMethodDef gen_methods[] = {
    {"send", (void *)gen_send, OU_METH_O, NULL},
    {"throw", (void *)gen_throw, OU_METH_FAST, NULL},
    {"close", (void *)gen_close, OU_METH_NOARGS, NULL},
    {"__sizeof__", (void *)gen_sizeof, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

#define GEN_TYPE_COMMON \
    .tp_basicsize = sizeof(OuGenObject), \
    .tp_itemsize = sizeof(OuObject *), \
    .tp_flags = OU_TPFLAGS_HAVE_GC, \
    .tp_dealloc = gen_dealloc, \
    .tp_free = OuObject_Free, \
    .tp_traverse = gen_traverse, \
    .tp_repr = gen_repr, \
    .tp_getattro = OuObject_GenericGetAttr, \
    .tp_weaklistoffset = offsetof(OuGenObject, gi_weakreflist)

OuTypeObject OuGen_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "generator",
    GEN_TYPE_COMMON,
    .tp_iter = OuObject_SelfIter,
    .tp_iternext = gen_iternext,
    .tp_getset = gen_getset,
    .tp_methods = gen_methods,
};

/* ------------------------------------------------------------------ */
/* Coroutines                                                         */

typedef struct {
    OuObject_HEAD
    OuObject *cw_coroutine;
} OuCoroWrapper;

static OuObject *coro_await(OuObject *o)
{
    OuCoroWrapper *w = (OuCoroWrapper *)OuType_GenericAlloc(&OuCoroWrapper_Type, 0);
    if (!w)
        return NULL;
    w->cw_coroutine = OU_NEWREF(o);
    OuObject_GC_Track((OuObject *)w);
    return (OuObject *)w;
}

static OuGetSetDef coro_getset[] = {
    {"__name__", gen_get_name, gen_set_name, NULL, NULL},
    {"__qualname__", gen_get_name, gen_set_name, NULL, (void *)1},
    {"cr_frame", gen_get_frame, NULL, NULL, NULL},
    {"cr_running", gen_get_running, NULL, NULL, NULL},
    {"cr_code", gen_get_code, NULL, NULL, NULL},
    {"cr_await", gen_get_yieldfrom, NULL, NULL, NULL},
    {"cr_suspended", gen_get_suspended, NULL, NULL, NULL},
    {"cr_origin", get_none, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

static OuMethodDef coro_methods[] = {
    {"send", (void *)gen_send, OU_METH_O, NULL},
    {"throw", (void *)gen_throw, OU_METH_FAST, NULL},
    {"close", (void *)gen_close, OU_METH_NOARGS, NULL},
    {"__sizeof__", (void *)gen_sizeof, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuCoro_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "coroutine",
    GEN_TYPE_COMMON,
    .am_await = coro_await,
    .tp_getset = coro_getset,
    .tp_methods = coro_methods,
};

static void cw_dealloc(OuObject *o)
{
    OuObject_GC_UnTrack(o);
    OU_XDECREF(((OuCoroWrapper *)o)->cw_coroutine);
    OU_TYPE(o)->tp_free(o);
}

static int cw_traverse(OuObject *o, visitproc visit, void *arg)
{
    OU_VISIT(((OuCoroWrapper *)o)->cw_coroutine);
    return 0;
}

static OuObject *cw_iternext(OuObject *o)
{
    return gen_send_ex((OuGenObject *)((OuCoroWrapper *)o)->cw_coroutine, NULL, 0, 0);
}

static OuObject *cw_send(OuObject *o, OuObject *arg)
{
    return gen_send(((OuCoroWrapper *)o)->cw_coroutine, arg);
}

static OuObject *cw_throw(OuObject *o, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    return gen_throw(((OuCoroWrapper *)o)->cw_coroutine, args, nargs, kwnames);
}

static OuObject *cw_close(OuObject *o, OuObject *unused)
{
    return gen_close(((OuCoroWrapper *)o)->cw_coroutine, NULL);
}

static OuMethodDef cw_methods[] = {
    {"send", (void *)cw_send, OU_METH_O, NULL},
    {"throw", (void *)cw_throw, OU_METH_FAST, NULL},
    {"close", (void *)cw_close, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuCoroWrapper_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "coroutine_wrapper",
    .tp_basicsize = sizeof(OuCoroWrapper),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = cw_dealloc,
    .tp_free = OuObject_Free,
    .tp_traverse = cw_traverse,
    .tp_getattro = OuObject_GenericGetAttr,
    .tp_iter = OuObject_SelfIter,
    .tp_iternext = cw_iternext,
    .tp_methods = cw_methods,
};

static int is_iterable_coroutine(OuObject *o)
{
    return OuGen_CheckExact(o) &&
           (((OuCodeObject *)((OuGenObject *)o)->gi_code)->co_flags & OU_CO_ITERABLE_COROUTINE);
}

OuObject *OuCoro_GetAwaitableIter(OuObject *o)
{
    if (OuCoro_CheckExact(o) || is_iterable_coroutine(o))
        return OU_NEWREF(o);
    OuObject *res = NULL;
    unaryfunc getter = OU_TYPE(o)->am_await;
    if (getter) {
        res = getter(o);
    } else {
        OuObject *meth = OuObject_LookupSpecial(o, OU_ID(__await__));
        if (!meth) {
            if (!OuErr_Occurred())
                OuErr_Format(OuExc_TypeError, "object %.100s can't be used in 'await' expression",
                             OU_TYPE_NAME(o));
            return NULL;
        }
        res = OuObject_CallNoArgs(meth);
        OU_DECREF(meth);
    }
    if (!res)
        return NULL;
    if (OuCoro_CheckExact(res) || is_iterable_coroutine(res)) {
        OuErr_SetString(OuExc_TypeError, "__await__() returned a coroutine");
        OU_DECREF(res);
        return NULL;
    }
    if (!OuIter_Check(res)) {
        OuErr_Format(OuExc_TypeError, "__await__() returned non-iterator of type '%.100s'",
                     OU_TYPE_NAME(res));
        OU_DECREF(res);
        return NULL;
    }
    return res;
}

/* ------------------------------------------------------------------ */
/* Async generators                                                   */

typedef struct {
    OuObject_HEAD
    OuObject *agw_val;
} OuAsyncGenWrapped;

typedef struct {
    OuObject_HEAD
    OuGenObject *gen;
    OuObject *sendval;          /* asend: the value; athrow: args tuple or NULL (aclose) */
    int state;                  /* AW_INIT, AW_ITER, AW_CLOSED */
} OuAsyncGenAwaitable;

enum { AW_INIT, AW_ITER, AW_CLOSED };

OuObject *OuAsyncGen_WrapValue(OuObject *v)
{
    OuAsyncGenWrapped *w = (OuAsyncGenWrapped *)OuType_GenericAlloc(&OuAsyncGenWrappedValue_Type, 0);
    if (!w)
        return NULL;
    w->agw_val = OU_NEWREF(v);
    OuObject_GC_Track((OuObject *)w);
    return (OuObject *)w;
}

static void agw_dealloc(OuObject *o)
{
    OuObject_GC_UnTrack(o);
    OU_XDECREF(((OuAsyncGenWrapped *)o)->agw_val);
    OU_TYPE(o)->tp_free(o);
}

static int agw_traverse(OuObject *o, visitproc visit, void *arg)
{
    OU_VISIT(((OuAsyncGenWrapped *)o)->agw_val);
    return 0;
}

OuTypeObject OuAsyncGenWrappedValue_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "async_generator_wrapped_value",
    .tp_basicsize = sizeof(OuAsyncGenWrapped),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = agw_dealloc,
    .tp_free = OuObject_Free,
    .tp_traverse = agw_traverse,
};

/* A value coming out of the async generator's frame: a wrapped yield ends
   the current asend/athrow with StopIteration(value); anything else is an
   await passing through. */
static OuObject *unwrap_value(OuGenObject *gen, OuObject *result)
{
    if (!result) {
        if (!OuErr_Occurred())
            OuErr_SetNone(OuExc_StopAsyncIteration);
        if (OuErr_ExceptionMatches(OuExc_StopAsyncIteration) ||
            OuErr_ExceptionMatches(OuExc_GeneratorExit))
            gen->ag_closed = 1;
        gen->ag_running_async = 0;
        return NULL;
    }
    if (OU_TYPE(result) == &OuAsyncGenWrappedValue_Type) {
        OuErr_SetStopIterationValue(((OuAsyncGenWrapped *)result)->agw_val);
        OU_DECREF(result);
        gen->ag_running_async = 0;
        return NULL;
    }
    return result;
}

static OuObject *new_awaitable(OuTypeObject *tp, OuGenObject *gen, OuObject *val)
{
    OuAsyncGenAwaitable *a = (OuAsyncGenAwaitable *)OuType_GenericAlloc(tp, 0);
    if (!a)
        return NULL;
    a->gen = (OuGenObject *)OU_NEWREF(gen);
    a->sendval = OU_XNEWREF(val);
    a->state = AW_INIT;
    OuObject_GC_Track((OuObject *)a);
    return (OuObject *)a;
}

static void aw_dealloc(OuObject *o)
{
    OuAsyncGenAwaitable *a = (OuAsyncGenAwaitable *)o;
    OuObject_GC_UnTrack(o);
    OU_XDECREF(a->gen);
    OU_XDECREF(a->sendval);
    OU_TYPE(o)->tp_free(o);
}

static int aw_traverse(OuObject *o, visitproc visit, void *arg)
{
    OuAsyncGenAwaitable *a = (OuAsyncGenAwaitable *)o;
    OU_VISIT(a->gen);
    OU_VISIT(a->sendval);
    return 0;
}

static OuObject *aw_self(OuObject *o)
{
    return OU_NEWREF(o);
}

static OuObject *aw_self_meth(OuObject *o, OuObject *unused)
{
    return OU_NEWREF(o);
}

static OuObject *aw_close(OuObject *o, OuObject *unused)
{
    ((OuAsyncGenAwaitable *)o)->state = AW_CLOSED;
    OU_RETURN_NONE;
}

/* asend */

static OuObject *asend_send(OuObject *o, OuObject *arg)
{
    OuAsyncGenAwaitable *a = (OuAsyncGenAwaitable *)o;
    if (a->state == AW_CLOSED) {
        OuErr_SetString(OuExc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
        return NULL;
    }
    if (a->state == AW_INIT) {
        if (a->gen->ag_running_async) {
            OuErr_SetString(OuExc_RuntimeError, "anext(): asynchronous generator is already running");
            return NULL;
        }
        if (!arg || arg == OU_NONE)
            arg = a->sendval;
        a->state = AW_ITER;
    }
    a->gen->ag_running_async = 1;
    OuObject *r = unwrap_value(a->gen, gen_send_ex(a->gen, arg, 0, 0));
    if (!r)
        a->state = AW_CLOSED;
    return r;
}

static OuObject *asend_iternext(OuObject *o)
{
    return asend_send(o, NULL);
}

static OuObject *asend_throw(OuObject *o, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    OuAsyncGenAwaitable *a = (OuAsyncGenAwaitable *)o;
    if (a->state == AW_CLOSED) {
        OuErr_SetString(OuExc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
        return NULL;
    }
    if (OuArg_NoKeywords("throw", kwnames) < 0 || OuArg_CheckPositional("throw", nargs, 1, 3) < 0)
        return NULL;
    OuObject *r = gen_throw_impl(a->gen, 0, args[0], nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL);
    r = unwrap_value(a->gen, r);
    if (!r)
        a->state = AW_CLOSED;
    return r;
}

static OuMethodDef asend_methods[] = {
    {"send", (void *)asend_send, OU_METH_O, NULL},
    {"throw", (void *)asend_throw, OU_METH_FAST, NULL},
    {"close", (void *)aw_close, OU_METH_NOARGS, NULL},
    {"__await__", (void *)aw_self_meth, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuAsyncGenASend_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "async_generator_asend",
    .tp_basicsize = sizeof(OuAsyncGenAwaitable),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = aw_dealloc,
    .tp_free = OuObject_Free,
    .tp_traverse = aw_traverse,
    .tp_getattro = OuObject_GenericGetAttr,
    .tp_iter = OuObject_SelfIter,
    .tp_iternext = asend_iternext,
    .am_await = aw_self,
    .tp_methods = asend_methods,
};

/* athrow / aclose */

/* The async generator yielded a value while being closed. */
static OuObject *athrow_ignored_exit(OuAsyncGenAwaitable *a, OuObject *r)
{
    OU_DECREF(r);
    a->gen->ag_running_async = 0;
    a->state = AW_CLOSED;
    OuErr_SetString(OuExc_RuntimeError, "async generator ignored GeneratorExit");
    return NULL;
}

/* The generator ended: aclose() completes with StopIteration. */
static OuObject *athrow_check_error(OuAsyncGenAwaitable *a)
{
    a->gen->ag_running_async = 0;
    a->state = AW_CLOSED;
    if ((OuErr_ExceptionMatches(OuExc_StopAsyncIteration) || OuErr_ExceptionMatches(OuExc_GeneratorExit)) &&
        !a->sendval) {
        OuErr_Clear();
        OuErr_SetNone(OuExc_StopIteration);
    }
    return NULL;
}

static OuObject *athrow_send(OuObject *o, OuObject *arg)
{
    OuAsyncGenAwaitable *a = (OuAsyncGenAwaitable *)o;
    OuGenObject *gen = a->gen;
    OuObject *r;
    if (a->state == AW_CLOSED) {
        OuErr_SetString(OuExc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
        return NULL;
    }
    if (OU_GEN_FRAME(gen)->state >= OU_FRAME_COMPLETED || gen->ag_closed) {
        a->state = AW_CLOSED;
        OuErr_SetNone(OuExc_StopIteration);
        return NULL;
    }
    if (a->state == AW_INIT) {
        if (gen->ag_running_async) {
            a->state = AW_CLOSED;
            OuErr_SetString(OuExc_RuntimeError, a->sendval ? "athrow(): asynchronous generator is already running"
                                                           : "aclose(): asynchronous generator is already running");
            return NULL;
        }
        if (arg && arg != OU_NONE) {
            OuErr_SetString(OuExc_RuntimeError, "can't send non-None value to a just-started coroutine");
            return NULL;
        }
        a->state = AW_ITER;
        gen->ag_running_async = 1;
        if (!a->sendval) {
            gen->ag_closed = 1;
            OuErr_SetNone(OuExc_GeneratorExit);
            r = gen_send_ex(gen, OU_NONE, 1, 1);
            if (r && OU_TYPE(r) == &OuAsyncGenWrappedValue_Type)
                return athrow_ignored_exit(a, r);
        } else {
            OuObject *t = a->sendval;
            Ou_ssize_t n = OU_TUPLE_LEN(t);
            r = gen_throw_impl(gen, 0, OU_TUPLE_GET(t, 0), n > 1 ? OU_TUPLE_GET(t, 1) : NULL,
                               n > 2 ? OU_TUPLE_GET(t, 2) : NULL);
            r = unwrap_value(gen, r);
        }
        return r ? r : athrow_check_error(a);
    }
    r = gen_send_ex(gen, arg, 0, 0);
    if (a->sendval)
        return unwrap_value(gen, r);
    if (r && OU_TYPE(r) == &OuAsyncGenWrappedValue_Type)
        return athrow_ignored_exit(a, r);
    return r ? r : athrow_check_error(a);
}

static OuObject *athrow_iternext(OuObject *o)
{
    return athrow_send(o, NULL);
}

static OuObject *athrow_throw(OuObject *o, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    OuAsyncGenAwaitable *a = (OuAsyncGenAwaitable *)o;
    if (a->state == AW_CLOSED) {
        OuErr_SetString(OuExc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
        return NULL;
    }
    if (OuArg_NoKeywords("throw", kwnames) < 0 || OuArg_CheckPositional("throw", nargs, 1, 3) < 0)
        return NULL;
    OuObject *r = gen_throw_impl(a->gen, 0, args[0], nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL);
    if (a->sendval)
        return unwrap_value(a->gen, r);
    if (r && OU_TYPE(r) == &OuAsyncGenWrappedValue_Type)
        return athrow_ignored_exit(a, r);
    if (!r && (OuErr_ExceptionMatches(OuExc_StopAsyncIteration) || OuErr_ExceptionMatches(OuExc_GeneratorExit))) {
        OuErr_Clear();
        OuErr_SetNone(OuExc_StopIteration);
    }
    return r;
}

static OuMethodDef athrow_methods[] = {
    {"send", (void *)athrow_send, OU_METH_O, NULL},
    {"throw", (void *)athrow_throw, OU_METH_FAST, NULL},
    {"close", (void *)aw_close, OU_METH_NOARGS, NULL},
    {"__await__", (void *)aw_self_meth, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuAsyncGenAThrow_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "async_generator_athrow",
    .tp_basicsize = sizeof(OuAsyncGenAwaitable),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = aw_dealloc,
    .tp_free = OuObject_Free,
    .tp_traverse = aw_traverse,
    .tp_getattro = OuObject_GenericGetAttr,
    .tp_iter = OuObject_SelfIter,
    .tp_iternext = athrow_iternext,
    .am_await = aw_self,
    .tp_methods = athrow_methods,
};

/* the async generator itself */

OuObject *OuAsyncGen_ANext(OuObject *agen)
{
    return new_awaitable(&OuAsyncGenASend_Type, (OuGenObject *)agen, OU_NONE);
}

static OuObject *agen_asend(OuObject *o, OuObject *arg)
{
    return new_awaitable(&OuAsyncGenASend_Type, (OuGenObject *)o, arg);
}

static OuObject *agen_athrow(OuObject *o, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("athrow", kwnames) < 0 || OuArg_CheckPositional("athrow", nargs, 1, 3) < 0)
        return NULL;
    OuObject *t = OuTuple_FromArray(args, nargs);
    if (!t)
        return NULL;
    OuObject *r = new_awaitable(&OuAsyncGenAThrow_Type, (OuGenObject *)o, t);
    OU_DECREF(t);
    return r;
}

static OuObject *agen_aclose(OuObject *o, OuObject *unused)
{
    return new_awaitable(&OuAsyncGenAThrow_Type, (OuGenObject *)o, NULL);
}

static OuGetSetDef agen_getset[] = {
    {"__name__", gen_get_name, gen_set_name, NULL, NULL},
    {"__qualname__", gen_get_name, gen_set_name, NULL, (void *)1},
    {"ag_frame", gen_get_frame, NULL, NULL, NULL},
    {"ag_running", gen_get_running, NULL, NULL, NULL},
    {"ag_code", gen_get_code, NULL, NULL, NULL},
    {"ag_await", gen_get_yieldfrom, NULL, NULL, NULL},
    {"ag_suspended", gen_get_suspended, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

static OuMethodDef agen_methods[] = {
    {"asend", (void *)agen_asend, OU_METH_O, NULL},
    {"athrow", (void *)agen_athrow, OU_METH_FAST, NULL},
    {"aclose", (void *)agen_aclose, OU_METH_NOARGS, NULL},
    {"__sizeof__", (void *)gen_sizeof, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuAsyncGen_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "async_generator",
    GEN_TYPE_COMMON,
    .am_aiter = aw_self,
    .am_anext = OuAsyncGen_ANext,
    .tp_getset = agen_getset,
    .tp_methods = agen_methods,
};

int OuGen_Init(void)
{
    OuTypeObject *types[] = {&OuGen_Type, &OuCoro_Type, &OuAsyncGen_Type, &OuCoroWrapper_Type,
                             &OuAsyncGenASend_Type, &OuAsyncGenAThrow_Type, &OuAsyncGenWrappedValue_Type};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (OuType_Ready(types[i]) < 0)
            return -1;
    return 0;
}

/*
 * frame.c -- frames on the per-thread data stack, frame objects made lazily,
 * and traceback objects.
 *
 * Types defined here: OuFrame_Type ("frame"), OuTraceBack_Type ("traceback").
 *
 * Python-visible f_lasti / tb_lasti are twice the instruction index, so that
 * the standard library's traceback module (which divides by 2 to index
 * co_positions(), one entry per instruction for us) works unchanged.
 */
#include "core/ouro.h"
#include "vm/frame.h"
#include "vm/eval.h"
#include <stdlib.h>

#define OU_CHUNK_WORDS ((size_t)64 * 1024)

/* ------------------------------------------------------------------ */
/* The data stack                                                     */

/* Slow path of OuFrame_Alloc: move to a new (or the spare) chunk. */
OuFrame *ou_frame_alloc_slow(OuThreadState *ts, size_t words)
{
    OuDataChunk *c = (OuDataChunk *)ts->datastack;
    OuDataChunk *n = c ? c->spare : NULL;
    if (n && (size_t)(n->limit - n->data) < words) {
        /* spare too small: drop it and everything kept after it */
        while (n) {
            OuDataChunk *next = n->spare;
            free(n);
            n = next;
        }
        c->spare = NULL;
    }
    if (!n) {
        size_t size = words > OU_CHUNK_WORDS ? words : OU_CHUNK_WORDS;
        n = malloc(sizeof(OuDataChunk) + size * sizeof(OuObject *));
        if (!n) {
            OuErr_NoMemory();
            return NULL;
        }
        n->limit = n->data + size;
        n->spare = NULL;
        n->previous = c;
        if (c)
            c->spare = n;
    }
    n->top = n->data + words;
    ts->datastack = n;
    return (OuFrame *)n->data;
}

/* The newest chunk became empty: go back to the previous one, keeping the
   empty chunk as its spare. */
void ou_frame_pop_chunk(OuThreadState *ts)
{
    OuDataChunk *c = (OuDataChunk *)ts->datastack;
    ts->datastack = c->previous;
}

void OuFrame_FiniThread(OuThreadState *ts)
{
    OuDataChunk *c = (OuDataChunk *)ts->datastack;
    while (c && c->previous)
        c = c->previous;
    while (c) {
        OuDataChunk *next = c->spare;
        free(c);
        c = next;
    }
    ts->datastack = NULL;
}

/* ------------------------------------------------------------------ */
/* Frames                                                             */

void OuFrame_Init(OuFrame *f, OuCodeObject *co, OuObject *func, OuObject *globals,
                  OuObject *builtins, OuObject *locals, int owner)
{
    f->f_code = (OuCodeObject *)OU_NEWREF(co);
    f->f_func = OU_XNEWREF(func);
    f->f_globals = OU_NEWREF(globals);
    f->f_builtins = OU_NEWREF(builtins);
    f->f_locals = OU_XNEWREF(locals);
    f->previous = NULL;
    f->frame_obj = NULL;
    f->lasti = -1;
    f->stacktop = co->co_nlocalsplus;
    f->state = OU_FRAME_CREATED;
    f->owner = (int8_t)owner;
    f->is_entry = 0;
    f->pad_ = 0;
    memset(f->localsplus, 0, sizeof(OuObject *) * (size_t)co->co_nlocalsplus);
}

/* The frame object fo outlives f: move f's contents into fo's storage. */
static void take_ownership(OuFrame *f, OuFrameObject *fo)
{
    OuFrame *copy = (OuFrame *)fo->f_data;
    memcpy(copy, f, sizeof(OuFrame) + sizeof(OuObject *) * (size_t)f->stacktop);
    copy->owner = OU_FRAME_OWNED_BY_FRAME_OBJECT;
    copy->previous = NULL;
    copy->frame_obj = fo;               /* borrowed: the owner */
    if (copy->state < OU_FRAME_COMPLETED)
        copy->state = OU_FRAME_COMPLETED;
    fo->f_frame = copy;
    if (f->previous && !fo->f_back) {
        OuObject *exc = OuErr_GetRaisedException();
        fo->f_back = OuFrame_GetObject(f->previous);
        OuErr_Clear();
        OuErr_SetRaisedException(exc);
    }
}

/* Drop the references of a frame whose contents are its own. */
static void clear_refs(OuFrame *f)
{
    for (int i = 0; i < f->stacktop; i++)
        OU_XDECREF(f->localsplus[i]);
    f->stacktop = 0;
    OU_XDECREF(f->f_locals);
    OU_DECREF(f->f_globals);
    OU_DECREF(f->f_builtins);
    OU_XDECREF(f->f_func);
    OU_DECREF(f->f_code);
    f->state = OU_FRAME_CLEARED;
}

void OuFrame_Clear(OuFrame *f)
{
    if (f->state == OU_FRAME_CLEARED)
        return;
    OuFrameObject *fo = f->frame_obj;
    if (fo) {
        f->frame_obj = NULL;
        if (OU_REFCNT(fo) > 1) {
            take_ownership(f, fo);
            f->state = OU_FRAME_CLEARED;
            OU_DECREF(fo);
            return;
        }
        fo->f_frame = NULL;
        OU_DECREF(fo);
    }
    clear_refs(f);
}

OuObject *OuFrame_SlotName(OuCodeObject *co, int i)
{
    if (i < co->co_nlocals)
        return OU_TUPLE_GET(co->co_varnames, i);
    i -= co->co_nlocals;
    if (i < co->co_ncellvars)
        return OU_TUPLE_GET(co->co_cellvars, i);
    return OU_TUPLE_GET(co->co_freevars, i - co->co_ncellvars);
}

/* Snapshot of the fast locals (cells read through), skipping unbound names. */
OuObject *OuFrame_LocalsDict(OuFrame *f)
{
    OuCodeObject *co = f->f_code;
    OuObject *d = OuDict_New();
    if (!d || f->state == OU_FRAME_CLEARED)
        return d;
    for (int i = 0; i < co->co_nlocalsplus; i++) {
        OuObject *v = f->localsplus[i];
        if (v && i >= co->co_nlocals && OuCell_Check(v))
            v = OU_CELL_GET(v);
        if (!v)
            continue;
        if (OuDict_SetItem(d, OuFrame_SlotName(co, i), v) < 0) {
            OU_DECREF(d);
            return NULL;
        }
    }
    return d;
}

OuObject *OuFrame_BuiltinsFromGlobals(OuObject *globals)
{
    if (globals && OuDict_Check(globals)) {
        OuObject *b = OuDict_GetItemWithError(globals, OU_ID(__builtins__));
        if (b) {
            if (OuModule_Check(b))
                return OuModule_GetDict(b);
            if (OuDict_Check(b))
                return b;
        } else if (OuErr_Occurred()) {
            return NULL;
        }
    }
    return OU_RT->builtins;
}

int OuFrame_GetLineNumber(OuFrame *f)
{
    if (!f)
        return -1;
    if (f->lasti < 0)
        return f->f_code->co_firstlineno;
    return OuCode_Addr2Line(f->f_code, f->lasti);
}

/* ------------------------------------------------------------------ */
/* Frame objects                                                      */

OuObject *OuFrame_GetObject(OuFrame *f)
{
    if (!f) {
        OuErr_SetString(OuExc_SystemError, "no frame");
        return NULL;
    }
    if (f->frame_obj)
        return OU_NEWREF(f->frame_obj);
    Ou_ssize_t n = (Ou_ssize_t)OU_FRAME_WORDS(f->f_code);
    OuFrameObject *fo = (OuFrameObject *)OuType_GenericAlloc(&OuFrame_Type, n);
    if (!fo)
        return NULL;
    fo->f_frame = f;
    fo->f_trace_lines = 1;
    f->frame_obj = fo;                  /* the frame's own reference */
    OuObject_GC_Track((OuObject *)fo);
    return OU_NEWREF(fo);
}

static int frame_is_owned(OuFrameObject *fo)
{
    return fo->f_frame == (OuFrame *)fo->f_data;
}

static void frame_dealloc(OuObject *o)
{
    OuFrameObject *fo = (OuFrameObject *)o;
    OuObject_GC_UnTrack(o);
    if (fo->f_frame && frame_is_owned(fo)) {
        if (fo->f_frame->state != OU_FRAME_CLEARED)
            clear_refs(fo->f_frame);
    } else if (fo->f_frame && fo->f_frame->frame_obj == fo) {
        fo->f_frame->frame_obj = NULL;
    }
    OU_XDECREF(fo->f_back);
    OU_XDECREF(fo->f_trace);
    OU_TYPE(o)->tp_free(o);
}

static int frame_traverse(OuObject *o, visitproc visit, void *arg)
{
    OuFrameObject *fo = (OuFrameObject *)o;
    OU_VISIT(fo->f_back);
    OU_VISIT(fo->f_trace);
    if (fo->f_frame && frame_is_owned(fo) && fo->f_frame->state != OU_FRAME_CLEARED) {
        OuFrame *f = fo->f_frame;
        OU_VISIT(f->f_code);
        OU_VISIT(f->f_func);
        OU_VISIT(f->f_globals);
        OU_VISIT(f->f_locals);
        for (int i = 0; i < f->stacktop; i++)
            OU_VISIT(f->localsplus[i]);
    }
    return 0;
}

static int frame_tp_clear(OuObject *o)
{
    OuFrameObject *fo = (OuFrameObject *)o;
    OU_CLEAR(fo->f_back);
    OU_CLEAR(fo->f_trace);
    if (fo->f_frame && frame_is_owned(fo) && fo->f_frame->state != OU_FRAME_CLEARED) {
        OuFrame *f = fo->f_frame;
        for (int i = 0; i < f->stacktop; i++)
            OU_CLEAR(f->localsplus[i]);
    }
    return 0;
}

/* The frame of a frame object, or NULL + RuntimeError if it was cleared. */
static OuFrame *frame_of(OuObject *o)
{
    OuFrame *f = ((OuFrameObject *)o)->f_frame;
    if (!f || f->state == OU_FRAME_CLEARED) {
        OuErr_SetString(OuExc_RuntimeError, "frame has been cleared");
        return NULL;
    }
    return f;
}

static OuObject *frame_repr(OuObject *o)
{
    OuFrame *f = ((OuFrameObject *)o)->f_frame;
    if (!f || f->state == OU_FRAME_CLEARED)
        return OuStr_FromFormat("<frame at %p (cleared)>", o);
    return OuStr_FromFormat("<frame at %p, file %R, line %d, code %U>", o, f->f_code->co_filename,
                            OuFrame_GetLineNumber(f), f->f_code->co_name);
}

static OuObject *frame_get_back(OuObject *o, void *c)
{
    OuFrameObject *fo = (OuFrameObject *)o;
    if (fo->f_back)
        return OU_NEWREF(fo->f_back);
    if (fo->f_frame && !frame_is_owned(fo) && fo->f_frame->previous)
        return OuFrame_GetObject(fo->f_frame->previous);
    OU_RETURN_NONE;
}

static OuObject *frame_get_code(OuObject *o, void *c)
{
    OuFrame *f = ((OuFrameObject *)o)->f_frame;
    if (!f) {
        OuErr_SetString(OuExc_RuntimeError, "frame has been cleared");
        return NULL;
    }
    return OU_NEWREF(f->f_code);
}

static OuObject *frame_get_globals(OuObject *o, void *c)
{
    OuFrame *f = frame_of(o);
    return f ? OU_NEWREF(f->f_globals) : NULL;
}

static OuObject *frame_get_builtins(OuObject *o, void *c)
{
    OuFrame *f = frame_of(o);
    return f ? OU_NEWREF(f->f_builtins) : NULL;
}

static OuObject *frame_get_locals(OuObject *o, void *c)
{
    OuFrame *f = ((OuFrameObject *)o)->f_frame;
    if (!f || f->state == OU_FRAME_CLEARED)
        return OuDict_New();
    if (f->f_locals)
        return OU_NEWREF(f->f_locals);
    return OuFrame_LocalsDict(f);
}

static OuObject *frame_get_lineno(OuObject *o, void *c)
{
    OuFrame *f = ((OuFrameObject *)o)->f_frame;
    int line = f ? OuFrame_GetLineNumber(f) : -1;
    if (line < 0)
        OU_RETURN_NONE;
    return OuInt_FromLong(line);
}

static OuObject *frame_get_lasti(OuObject *o, void *c)
{
    OuFrame *f = ((OuFrameObject *)o)->f_frame;
    int lasti = f ? f->lasti : -1;
    return OuInt_FromLong(lasti < 0 ? -1 : (long)lasti * 2);
}

static OuObject *frame_get_trace(OuObject *o, void *c)
{
    OuObject *t = ((OuFrameObject *)o)->f_trace;
    return OU_NEWREF(t ? t : OU_NONE);
}

static int frame_set_trace(OuObject *o, OuObject *v, void *c)
{
    OuFrameObject *fo = (OuFrameObject *)o;
    if (v == OU_NONE)
        v = NULL;
    OU_XSETREF(fo->f_trace, OU_XNEWREF(v));
    return 0;
}

static OuObject *frame_get_flag(OuObject *o, void *c)
{
    OuFrameObject *fo = (OuFrameObject *)o;
    return OuBool_FromLong(c ? fo->f_trace_opcodes : fo->f_trace_lines);
}

static int frame_set_flag(OuObject *o, OuObject *v, void *c)
{
    OuFrameObject *fo = (OuFrameObject *)o;
    if (!v || !OuBool_Check(v)) {
        OuErr_SetString(OuExc_TypeError, "attribute value type must be bool");
        return -1;
    }
    if (c)
        fo->f_trace_opcodes = v == OU_TRUE;
    else
        fo->f_trace_lines = v == OU_TRUE;
    return 0;
}

static OuObject *frame_clear_meth(OuObject *o, OuObject *unused)
{
    OuFrameObject *fo = (OuFrameObject *)o;
    OuFrame *f = fo->f_frame;
    if (!f || f->state == OU_FRAME_CLEARED)
        OU_RETURN_NONE;
    if (!frame_is_owned(fo)) {
        if (f->state == OU_FRAME_EXECUTING || f->owner == OU_FRAME_OWNED_BY_THREAD) {
            OuErr_SetString(OuExc_RuntimeError, "cannot clear an executing frame");
            return NULL;
        }
        OuErr_SetString(OuExc_RuntimeError, "cannot clear a suspended frame");
        return NULL;
    }
    for (int i = 0; i < f->stacktop; i++)
        OU_CLEAR(f->localsplus[i]);
    OU_RETURN_NONE;
}

static OuObject *frame_sizeof(OuObject *o, OuObject *unused)
{
    return OuInt_FromSsize_t((Ou_ssize_t)sizeof(OuFrameObject) +
                             OU_SIZE(o) * (Ou_ssize_t)sizeof(OuObject *));
}

static OuGetSetDef frame_getset[] = {
    {"f_back", frame_get_back, NULL, NULL, NULL},
    {"f_code", frame_get_code, NULL, NULL, NULL},
    {"f_globals", frame_get_globals, NULL, NULL, NULL},
    {"f_builtins", frame_get_builtins, NULL, NULL, NULL},
    {"f_locals", frame_get_locals, NULL, NULL, NULL},
    {"f_lineno", frame_get_lineno, NULL, NULL, NULL},
    {"f_lasti", frame_get_lasti, NULL, NULL, NULL},
    {"f_trace", frame_get_trace, frame_set_trace, NULL, NULL},
    {"f_trace_lines", frame_get_flag, frame_set_flag, NULL, NULL},
    {"f_trace_opcodes", frame_get_flag, frame_set_flag, NULL, (void *)1},
    {NULL, NULL, NULL, NULL, NULL}
};

static OuMethodDef frame_methods[] = {
    {"clear", (void *)frame_clear_meth, OU_METH_NOARGS, NULL},
    {"__sizeof__", (void *)frame_sizeof, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuFrame_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "frame",
    .tp_basicsize = sizeof(OuFrameObject),
    .tp_itemsize = sizeof(OuObject *),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = frame_dealloc,
    .tp_free = OuObject_Free,
    .tp_traverse = frame_traverse,
    .tp_clear = frame_tp_clear,
    .tp_repr = frame_repr,
    .tp_getattro = OuObject_GenericGetAttr,
    .tp_setattro = OuObject_GenericSetAttr,
    .tp_getset = frame_getset,
    .tp_methods = frame_methods,
};

/* ------------------------------------------------------------------ */
/* Tracebacks                                                         */

static OuObject *tb_new_object(OuObject *next, OuObject *frame, int lasti, int lineno)
{
    OuTracebackObject *tb = (OuTracebackObject *)OuType_GenericAlloc(&OuTraceBack_Type, 0);
    if (!tb)
        return NULL;
    tb->tb_next = (OuTracebackObject *)OU_XNEWREF(next);
    tb->tb_frame = OU_XNEWREF(frame);
    tb->tb_lasti = lasti;
    tb->tb_lineno = lineno;
    OuObject_GC_Track((OuObject *)tb);
    return (OuObject *)tb;
}

/* Prepend an entry for f to the pending exception's traceback. Returns the
   new traceback (borrowed: the exception holds it), NULL on failure. */
OuObject *OuTraceBack_Here(OuFrame *f)
{
    OuThreadState *ts = OU_TS;
    OuObject *exc = ts->curexc;
    if (!exc || !f)
        return NULL;
    OU_INCREF(exc);
    OuObject *fo = OuFrame_GetObject(f);
    OuObject *tb = fo ? tb_new_object(OuException_GetTraceback(exc), fo, f->lasti,
                                      OuFrame_GetLineNumber(f)) : NULL;
    OU_XDECREF(fo);
    if (!tb) {                          /* keep the original exception pending */
        OuErr_SetRaisedException(exc);
        return NULL;
    }
    int r = OuException_SetTraceback(exc, tb);
    OU_DECREF(tb);
    OU_DECREF(exc);
    return r < 0 ? NULL : tb;
}

static void tb_dealloc(OuObject *o)
{
    OuTracebackObject *tb = (OuTracebackObject *)o;
    OuObject_GC_UnTrack(o);
    OU_XDECREF(tb->tb_next);
    OU_XDECREF(tb->tb_frame);
    OU_TYPE(o)->tp_free(o);
}

static int tb_traverse(OuObject *o, visitproc visit, void *arg)
{
    OuTracebackObject *tb = (OuTracebackObject *)o;
    OU_VISIT(tb->tb_next);
    OU_VISIT(tb->tb_frame);
    return 0;
}

static int tb_clear(OuObject *o)
{
    OuTracebackObject *tb = (OuTracebackObject *)o;
    OU_CLEAR(tb->tb_next);
    OU_CLEAR(tb->tb_frame);
    return 0;
}

static OuObject *tb_get_next(OuObject *o, void *c)
{
    OuObject *n = (OuObject *)((OuTracebackObject *)o)->tb_next;
    return OU_NEWREF(n ? n : OU_NONE);
}

static int tb_set_next(OuObject *o, OuObject *v, void *c)
{
    OuTracebackObject *tb = (OuTracebackObject *)o;
    if (!v) {
        OuErr_SetString(OuExc_TypeError, "can't delete tb_next attribute");
        return -1;
    }
    if (v == OU_NONE) {
        v = NULL;
    } else if (!OuObject_TypeCheck(v, &OuTraceBack_Type)) {
        OuErr_Format(OuExc_TypeError, "expected traceback object or None, got '%s'", OU_TYPE_NAME(v));
        return -1;
    } else {
        for (OuTracebackObject *c2 = (OuTracebackObject *)v; c2; c2 = c2->tb_next)
            if (c2 == tb) {
                OuErr_SetString(OuExc_ValueError, "traceback loop detected");
                return -1;
            }
    }
    OU_XSETREF(tb->tb_next, (OuTracebackObject *)OU_XNEWREF(v));
    return 0;
}

static OuObject *tb_get_frame(OuObject *o, void *c)
{
    OuObject *f = ((OuTracebackObject *)o)->tb_frame;
    return OU_NEWREF(f ? f : OU_NONE);
}

static OuObject *tb_get_lasti(OuObject *o, void *c)
{
    int lasti = ((OuTracebackObject *)o)->tb_lasti;
    return OuInt_FromLong(lasti < 0 ? -1 : (long)lasti * 2);
}

static OuObject *tb_get_lineno(OuObject *o, void *c)
{
    int line = ((OuTracebackObject *)o)->tb_lineno;
    if (line < 0)
        OU_RETURN_NONE;
    return OuInt_FromLong(line);
}

/* TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno) */
static OuObject *tb_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {"tb_next", "tb_frame", "tb_lasti", "tb_lineno", NULL};
    OuObject *a[4];
    if (OuArg_Parse("TracebackType", args, nargs, kwnames, names, 0, -1, 4, a) < 0)
        return NULL;
    if (a[0] != OU_NONE && !OuObject_TypeCheck(a[0], &OuTraceBack_Type))
        return OuErr_Format(OuExc_TypeError, "expected traceback object or None, got '%s'",
                            OU_TYPE_NAME(a[0]));
    if (!OuObject_TypeCheck(a[1], &OuFrame_Type))
        return OuErr_Format(OuExc_TypeError, "TracebackType() argument 'tb_frame' must be frame, not %s",
                            OU_TYPE_NAME(a[1]));
    long lasti = OuInt_AsLong(a[2]);
    if (lasti == -1 && OuErr_Occurred())
        return NULL;
    long lineno = OuInt_AsLong(a[3]);
    if (lineno == -1 && OuErr_Occurred())
        return NULL;
    return tb_new_object(a[0] == OU_NONE ? NULL : a[0], a[1], lasti < 0 ? -1 : (int)(lasti / 2),
                         (int)lineno);
}

static OuObject *tb_dir(OuObject *o, OuObject *unused)
{
    return OuTuple_Pack(4, OuStr_InternFromString("tb_frame"), OuStr_InternFromString("tb_next"),
                        OuStr_InternFromString("tb_lasti"), OuStr_InternFromString("tb_lineno"));
}

static OuGetSetDef tb_getset[] = {
    {"tb_next", tb_get_next, tb_set_next, NULL, NULL},
    {"tb_frame", tb_get_frame, NULL, NULL, NULL},
    {"tb_lasti", tb_get_lasti, NULL, NULL, NULL},
    {"tb_lineno", tb_get_lineno, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

static OuMethodDef tb_methods[] = {
    {"__dir__", (void *)tb_dir, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuTraceBack_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "traceback",
    .tp_basicsize = sizeof(OuTracebackObject),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = tb_dealloc,
    .tp_free = OuObject_Free,
    .tp_new = tb_new,
    .tp_traverse = tb_traverse,
    .tp_clear = tb_clear,
    .tp_getattro = OuObject_GenericGetAttr,
    .tp_getset = tb_getset,
    .tp_methods = tb_methods,
};

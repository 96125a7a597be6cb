/*
 * ceval.c -- the eval loop.
 *
 * Types defined here: none (OuEval_Init readies the VM's types, which live
 * in codeobject.c, funcobject.c, frame.c and genobject.c).
 *
 * One C activation of OuEval_EvalFrame runs an "entry" frame and every
 * Python function it calls: a CALL of a plain Python function pushes a new
 * frame on the thread's data stack and continues in the same loop;
 * RETURN_VALUE pops it and resumes the caller. Generator frames are always
 * entry frames (run by genobject.c) and YIELD_VALUE returns from here.
 *
 * Exceptions: an error jumps to `error`, which adds a traceback entry for
 * the frame and looks its lasti up in the exception table; a handler gets
 * the stack cut to its depth, lasti (if asked) and the exception pushed.
 * Without a handler the frame is popped and the error continues in the
 * caller's CALL (or is returned as NULL from an entry frame).
 *
 * Slow paths live in static helpers below the loop's prelude so the loop
 * stays readable; the hot paths (small ints, list/tuple indexing, list
 * iteration, Python-to-Python calls) are inline.
 */
#include "core/ouro.h"
#include "vm/eval.h"
#include "vm/frame.h"
#include "objects/genobject.h"
#include <stdio.h>

const char *const ou_opcode_names[OU_NUM_OPCODES] = {
#define OU_OP_NAME(name) #name,
    OU_FOR_EACH_OPCODE(OU_OP_NAME)
#undef OU_OP_NAME
};

#define OU_CO_GENLIKE (OU_CO_GENERATOR | OU_CO_COROUTINE | OU_CO_ASYNC_GENERATOR)

/* ------------------------------------------------------------------ */
/* Error helpers                                                      */

/* NameError "name 'x' is not defined", with .name set. */
static void name_error(OuObject *name)
{
    OuErr_Format(OuExc_NameError, "name '%U' is not defined", name);
    OuObject *exc = OU_TS->curexc;
    if (exc && OuObject_TypeCheck(exc, (OuTypeObject *)OuExc_NameError))
        OU_XSETREF(((OuNameErrorObject *)exc)->name, OU_NEWREF(name));
}

/* The error for reading/deleting an empty local or cell slot. */
static void format_unbound(OuCodeObject *co, int slot)
{
    OuObject *name = OuFrame_SlotName(co, slot);
    if (slot < co->co_nlocals + co->co_ncellvars)
        OuErr_Format(OuExc_UnboundLocalError,
                     "cannot access local variable '%U' where it is not associated with a value", name);
    else
        OuErr_Format(OuExc_NameError,
                     "cannot access free variable '%U' where it is not associated with a value in enclosing scope",
                     name);
}

/* PySequence_Check: indexable and not a dict. */
static int is_sequence_like(OuObject *o)
{
    return !OuDict_Check(o) && (OU_TYPE(o)->sq_item || OU_TYPE(o)->mp_subscript);
}

static int handle_eval_breaker(OuThreadState *ts)
{
    OU_RT->eval_breaker = 0;
    if (OuErr_CheckSignals() < 0)
        return -1;
    if (ts->async_exc) {
        OuObject *e = ts->async_exc;
        ts->async_exc = NULL;
        if (OuExceptionInstance_Check(e)) {
            OuErr_SetRaisedException(e);
        } else {
            OuErr_SetNone(e);
            OU_DECREF(e);
        }
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Names                                                              */

/* mapping[name] with KeyError turned into "absent": 1 found, 0 absent, -1 error. */
static int mapping_lookup(OuObject *m, OuObject *name, OuObject **out)
{
    if (OuDict_CheckExact(m)) {
        *out = OuDict_GetItemWithError(m, name);
        if (*out) {
            OU_INCREF(*out);
            return 1;
        }
        return OuErr_Occurred() ? -1 : 0;
    }
    *out = OuObject_GetItem(m, name);
    if (*out)
        return 1;
    if (OuErr_ExceptionMatches(OuExc_KeyError)) {
        OuErr_Clear();
        return 0;
    }
    return -1;
}

/* globals, then builtins; NameError if in neither. New reference. */
static OuObject *load_global(OuFrame *f, OuObject *name)
{
    OuObject *v = OuDict_GetItemWithError(f->f_globals, name);
    if (v)
        return OU_NEWREF(v);
    if (OuErr_Occurred())
        return NULL;
    int r = mapping_lookup(f->f_builtins, name, &v);
    if (r > 0)
        return v;
    if (r == 0)
        name_error(name);
    return NULL;
}

static OuObject *load_name(OuFrame *f, OuObject *name)
{
    OuObject *v;
    if (!f->f_locals)
        return OuErr_Format(OuExc_SystemError, "no locals when loading %R", name);
    int r = mapping_lookup(f->f_locals, name, &v);
    if (r)
        return r > 0 ? v : NULL;
    return load_global(f, name);
}

static OuObject *load_classderef(OuFrame *f, int slot)
{
    OuObject *name = OuFrame_SlotName(f->f_code, slot), *v;
    int r = f->f_locals ? mapping_lookup(f->f_locals, name, &v) : 0;
    if (r)
        return r > 0 ? v : NULL;
    v = OU_CELL_GET(f->localsplus[slot]);
    if (!v) {
        format_unbound(f->f_code, slot);
        return NULL;
    }
    return OU_NEWREF(v);
}

/* LOAD_METHOD: 1 with an unbound method in *out (call with obj first),
   0 with the attribute value in *out, -1 on error. */
static int get_method(OuObject *obj, OuObject *name, OuObject **out)
{
    OuTypeObject *tp = OU_TYPE(obj);
    *out = NULL;
    if (tp->tp_getattro != OuObject_GenericGetAttr || !OuStr_CheckExact(name)) {
        *out = OuObject_GetAttr(obj, name);
        return *out ? 0 : -1;
    }
    OuObject *descr = OuType_Lookup(tp, name);
    int is_meth = 0;
    descrgetfunc get = NULL;
    if (descr) {
        OuTypeObject *dt = OU_TYPE(descr);
        if (dt == &OuFunction_Type || dt == &OuMethodDescr_Type) {
            is_meth = 1;
        } else {
            get = dt->tp_descr_get;
            if (get && dt->tp_descr_set) {
                OU_INCREF(descr);
                *out = get(descr, obj, (OuObject *)tp);
                OU_DECREF(descr);
                return *out ? 0 : -1;
            }
        }
    }
    OuObject **dictptr = OuObject_DictPtr(obj);
    if (dictptr && *dictptr) {
        OuObject *dict = *dictptr, *v;
        OU_INCREF(dict);
        int r = mapping_lookup(dict, name, &v);
        OU_DECREF(dict);
        if (r) {
            *out = v;
            return r > 0 ? 0 : -1;
        }
    }
    if (is_meth) {
        *out = OU_NEWREF(descr);
        return 1;
    }
    if (get) {
        OU_INCREF(descr);
        *out = get(descr, obj, (OuObject *)tp);
        OU_DECREF(descr);
        return *out ? 0 : -1;
    }
    if (descr) {
        *out = OU_NEWREF(descr);
        return 0;
    }
    *out = OuObject_GetAttr(obj, name);     /* the proper error, or __getattr__ */
    return *out ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* Unpacking, formatting, building                                    */

/* Unpack v into `before` items, (if after >= 0) a list, and `after` items,
   written downward from top[-1] (so item 0 ends up topmost). */
static int unpack_iterable(OuObject *v, int before, int after, OuObject **top)
{
    OuObject *it = OuObject_GetIter(v);
    int i = 0;
    if (!it) {
        if (OuErr_ExceptionMatches(OuExc_TypeError) && !OU_TYPE(v)->tp_iter && !is_sequence_like(v))
            OuErr_Format(OuExc_TypeError, "cannot unpack non-iterable %.200s object", OU_TYPE_NAME(v));
        return -1;
    }
    for (; i < before; i++) {
        OuObject *w = OuIter_Next(it);
        if (!w) {
            if (!OuErr_Occurred()) {
                if (after < 0)
                    OuErr_Format(OuExc_ValueError, "not enough values to unpack (expected %d, got %d)",
                                 before, i);
                else
                    OuErr_Format(OuExc_ValueError,
                                 "not enough values to unpack (expected at least %d, got %d)",
                                 before + after, i);
            }
            goto fail;
        }
        *--top = w;
    }
    if (after < 0) {
        OuObject *w = OuIter_Next(it);
        if (!w) {
            if (OuErr_Occurred())
                goto fail;
            OU_DECREF(it);
            return 0;
        }
        OU_DECREF(w);
        OuErr_Format(OuExc_ValueError, "too many values to unpack (expected %d)", before);
        goto fail;
    }
    OuObject *list = OuSequence_List(it);
    if (!list)
        goto fail;
    *--top = list;
    i++;
    Ou_ssize_t n = OU_LIST_LEN(list);
    if (n < after) {
        OuErr_Format(OuExc_ValueError, "not enough values to unpack (expected at least %d, got %zd)",
                     before + after, before + n);
        goto fail;
    }
    for (int j = after; j > 0; j--) {
        *--top = OU_LIST_GET(list, n - j);
        i++;
    }
    OU_SET_SIZE(list, n - after);
    OU_DECREF(it);
    return 0;
fail:
    for (; i > 0; i--)
        OU_DECREF(*top++);
    OU_DECREF(it);
    return -1;
}

static OuObject *format_value(OuObject *value, int conv, OuObject *spec)
{
    OuObject *v = value, *r;
    OU_INCREF(v);
    if (conv) {
        OuObject *c = conv == 1 ? OuObject_Str(v) : conv == 2 ? OuObject_Repr(v) : OuObject_ASCII(v);
        OU_DECREF(v);
        if (!c)
            return NULL;
        v = c;
    }
    if (!spec && OuStr_CheckExact(v))
        return v;
    r = OuObject_Format(v, spec ? spec : ou_names.empty);
    OU_DECREF(v);
    return r;
}

static OuObject *build_string(OuObject **items, int n)
{
    OuStrBuilder b;
    OuStrBuilder_Init(&b);
    for (int i = 0; i < n; i++)
        if (OuStrBuilder_AppendStr(&b, items[i]) < 0) {
            OuStrBuilder_Discard(&b);
            return NULL;
        }
    return OuStrBuilder_Finish(&b);
}

/* {**other} / f(**other) merging into dict. func non-NULL: the call form,
   with CPython's messages (and duplicates are errors). */
static int dict_merge(OuObject *dict, OuObject *other, OuObject *func)
{
    OuObject *keys = NULL, *it = NULL, *key;
    if (OuDict_Check(other) && OU_TYPE(other)->tp_iter == OuDict_Type.tp_iter) {
        Ou_ssize_t pos = 0;
        OuObject *k, *v;
        while (OuDict_Next(other, &pos, &k, &v)) {
            if (func) {
                int c = OuDict_Contains(dict, k);
                if (c < 0)
                    return -1;
                if (c) {
                    OuObject *fs = OuCall_FunctionStr(func);
                    if (fs) {
                        if (OuStr_Check(k))
                            OuErr_Format(OuExc_TypeError, "%U got multiple values for keyword argument '%S'", fs, k);
                        else
                            OuErr_Format(OuExc_TypeError, "%U keywords must be strings", fs);
                        OU_DECREF(fs);
                    }
                    return -1;
                }
            }
            OU_INCREF(k);
            OU_INCREF(v);
            int r = OuDict_SetItem(dict, k, v);
            OU_DECREF(k);
            OU_DECREF(v);
            if (r < 0)
                return -1;
        }
        return 0;
    }
    OuObject *meth;
    if (OuObject_LookupAttr(other, OU_ID(keys), &meth) < 0)
        return -1;
    if (!meth) {
        if (func) {
            OuObject *fs = OuCall_FunctionStr(func);
            if (fs) {
                OuErr_Format(OuExc_TypeError, "%U argument after ** must be a mapping, not %.200s", fs,
                             OU_TYPE_NAME(other));
                OU_DECREF(fs);
            }
        } else {
            OuErr_Format(OuExc_TypeError, "'%.200s' object is not a mapping", OU_TYPE_NAME(other));
        }
        return -1;
    }
    keys = OuObject_CallNoArgs(meth);
    OU_DECREF(meth);
    it = keys ? OuObject_GetIter(keys) : NULL;
    OU_XDECREF(keys);
    if (!it)
        return -1;
    while ((key = OuIter_Next(it))) {
        if (func) {
            int c = OuDict_Contains(dict, key);
            if (c != 0) {
                if (c > 0) {
                    OuObject *fs = OuCall_FunctionStr(func);
                    if (fs) {
                        OuErr_Format(OuExc_TypeError, "%U got multiple values for keyword argument '%S'", fs, key);
                        OU_DECREF(fs);
                    }
                }
                OU_DECREF(key);
                OU_DECREF(it);
                return -1;
            }
        }
        OuObject *v = OuObject_GetItem(other, key);
        int r = v ? OuDict_SetItem(dict, key, v) : -1;
        OU_XDECREF(v);
        OU_DECREF(key);
        if (r < 0) {
            OU_DECREF(it);
            return -1;
        }
    }
    OU_DECREF(it);
    return OuErr_Occurred() ? -1 : 0;
}

/* f(*callargs, **kwargs) */
static OuObject *call_function_ex(OuObject *func, OuObject *callargs, OuObject *kwargs)
{
    OuObject *args = NULL, *kw = NULL, *kwnames = NULL, *r = NULL;
    OuObject *small[16], **buf = small;
    if (OuTuple_CheckExact(callargs)) {
        args = OU_NEWREF(callargs);
    } else {
        if (!OU_TYPE(callargs)->tp_iter && !is_sequence_like(callargs)) {
            OuObject *fs = OuCall_FunctionStr(func);
            if (fs) {
                OuErr_Format(OuExc_TypeError, "%U argument after * must be an iterable, not %.200s", fs,
                             OU_TYPE_NAME(callargs));
                OU_DECREF(fs);
            }
            return NULL;
        }
        args = OuSequence_Tuple(callargs);
        if (!args)
            return NULL;
    }
    Ou_ssize_t npos = OU_TUPLE_LEN(args), nkw = 0;
    if (kwargs) {
        if (OuDict_CheckExact(kwargs)) {
            kw = OU_NEWREF(kwargs);
        } else {
            kw = OuDict_New();
            if (!kw || dict_merge(kw, kwargs, func) < 0)
                goto done;
        }
        nkw = OU_DICT_LEN(kw);
    }
    if (nkw == 0) {
        r = OuObject_Vectorcall(func, OU_TUPLE_ITEMS(args), npos, NULL);
        goto done;
    }
    if (npos + nkw > 16 && !(buf = Ou_MallocErr(sizeof(OuObject *) * (size_t)(npos + nkw))))
        goto done;
    memcpy(buf, OU_TUPLE_ITEMS(args), sizeof(OuObject *) * (size_t)npos);
    kwnames = OuTuple_New(nkw);
    if (!kwnames)
        goto done;
    Ou_ssize_t pos = 0, i = 0;
    OuObject *k, *v;
    while (OuDict_Next(kw, &pos, &k, &v) && i < nkw) {
        if (!OuStr_Check(k)) {
            OuErr_SetString(OuExc_TypeError, "keywords must be strings");
            goto done;
        }
        OU_TUPLE_SET(kwnames, i, OU_NEWREF(k));
        buf[npos + i++] = v;
    }
    r = OuObject_Vectorcall(func, buf, npos, kwnames);
done:
    if (buf != small)
        Ou_Free(buf);
    OU_XDECREF(kwnames);
    OU_XDECREF(args);
    OU_XDECREF(kw);
    return r;
}

/* MAKE_FUNCTION's annotations: a flat (name, value, ...) tuple -> dict. */
static OuObject *annotations_dict(OuObject *ann)
{
    if (!OuTuple_Check(ann))
        return OU_NEWREF(ann);
    OuObject *d = OuDict_New();
    if (!d)
        return NULL;
    for (Ou_ssize_t i = 0; i + 1 < OU_TUPLE_LEN(ann); i += 2)
        if (OuDict_SetItem(d, OU_TUPLE_GET(ann, i), OU_TUPLE_GET(ann, i + 1)) < 0) {
            OU_DECREF(d);
            return NULL;
        }
    return d;
}

/* ------------------------------------------------------------------ */
/* Exceptions                                                         */

/* raise [exc [from cause]]; steals exc and cause. Returns 1 for a bare
   re-raise (no new traceback entry), 0 otherwise (an exception is set). */
static int do_raise(OuObject *exc, OuObject *cause)
{
    OuObject *value = NULL;
    if (!exc) {
        OuObject *handled = OuErr_GetHandledException();
        if (!handled) {
            OuErr_SetString(OuExc_RuntimeError, "No active exception to reraise");
            return 0;
        }
        OuErr_SetRaisedException(OU_NEWREF(handled));
        return 1;
    }
    if (OuExceptionClass_Check(exc)) {
        value = OuObject_CallNoArgs(exc);
        if (!value)
            goto fail;
        if (!OuExceptionInstance_Check(value)) {
            OuErr_Format(OuExc_TypeError, "calling %R should have returned an instance of BaseException, not %R",
                         exc, (OuObject *)OU_TYPE(value));
            goto fail;
        }
    } else if (OuExceptionInstance_Check(exc)) {
        value = OU_NEWREF(exc);
    } else {
        OuErr_SetString(OuExc_TypeError, "exceptions must derive from BaseException");
        goto fail;
    }
    if (cause) {
        OuObject *fixed;
        if (OuExceptionClass_Check(cause)) {
            fixed = OuObject_CallNoArgs(cause);
            if (!fixed)
                goto fail;
            if (!OuExceptionInstance_Check(fixed)) {
                OuErr_Format(OuExc_TypeError, "calling %R should have returned an instance of BaseException, not %R",
                             cause, (OuObject *)OU_TYPE(fixed));
                OU_DECREF(fixed);
                goto fail;
            }
        } else if (OuExceptionInstance_Check(cause) || cause == OU_NONE) {
            fixed = OU_NEWREF(cause);
        } else {
            OuErr_SetString(OuExc_TypeError, "exception causes must derive from BaseException");
            goto fail;
        }
        OuException_SetCause(value, fixed);
        OU_CLEAR(cause);
    }
    OU_DECREF(exc);
    OuErr_SetInstance(value);
    return 0;
fail:
    OU_XDECREF(value);
    OU_XDECREF(exc);
    OU_XDECREF(cause);
    return 0;
}

static int is_exc_class(OuObject *o)
{
    return OuExceptionClass_Check(o) != 0;
}

/* except T / except (T1, T2): every T must be an exception class. */
static int check_except_type(OuObject *right)
{
    if (OuTuple_Check(right)) {
        for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(right); i++)
            if (!is_exc_class(OU_TUPLE_GET(right, i)))
                goto bad;
        return 0;
    }
    if (is_exc_class(right))
        return 0;
bad:
    OuErr_SetString(OuExc_TypeError, "catching classes that do not inherit from BaseException is not allowed");
    return -1;
}

static int check_except_star_type(OuObject *right)
{
    if (check_except_type(right) < 0)
        return -1;
    OuTypeObject *eg = (OuTypeObject *)OuExc_BaseExceptionGroup;
    Ou_ssize_t n = OuTuple_Check(right) ? OU_TUPLE_LEN(right) : 1;
    for (Ou_ssize_t i = 0; i < n; i++) {
        OuObject *t = OuTuple_Check(right) ? OU_TUPLE_GET(right, i) : right;
        if (OuType_IsSubtype((OuTypeObject *)t, eg)) {
            OuErr_SetString(OuExc_TypeError,
                            "catching ExceptionGroup with except* is not allowed. Use except instead.");
            return -1;
        }
    }
    return 0;
}

static int is_exception_group(OuObject *o)
{
    return o && OuObject_TypeCheck(o, (OuTypeObject *)OuExc_BaseExceptionGroup);
}

static OuObject *make_exception_group(OuObject *excs_list)
{
    OuObject *t = OuSequence_Tuple(excs_list);
    if (!t)
        return NULL;
    OuObject *args[2] = {ou_names.empty, t};
    OuObject *r = OuObject_Vectorcall(OuExc_BaseExceptionGroup, args, 2, NULL);
    OU_DECREF(t);
    return r;
}

/* except*: split exc by match_type into (match, rest); both new refs. */
static int exception_group_match(OuObject *exc, OuObject *type, OuObject **match, OuObject **rest)
{
    *match = *rest = NULL;
    if (exc == OU_NONE) {
        *match = OU_NEWREF(OU_NONE);
        *rest = OU_NEWREF(OU_NONE);
        return 0;
    }
    if (OuErr_GivenExceptionMatches(exc, type)) {
        if (is_exception_group(exc)) {
            *match = OU_NEWREF(exc);
        } else {
            OuObject *l = OuList_FromArray(&exc, 1);
            OuObject *eg = l ? make_exception_group(l) : NULL;
            OU_XDECREF(l);
            if (!eg)
                return -1;
            OuObject *tb = OuException_GetTraceback(exc);
            if (tb && OuException_SetTraceback(eg, tb) < 0) {
                OU_DECREF(eg);
                return -1;
            }
            *match = eg;
        }
        *rest = OU_NEWREF(OU_NONE);
        return 0;
    }
    if (is_exception_group(exc)) {
        OuObject *pair = OuObject_CallMethodStr(exc, "split", &type, 1);
        if (!pair)
            return -1;
        if (!OuTuple_Check(pair) || OU_TUPLE_LEN(pair) != 2) {
            OuErr_Format(OuExc_TypeError, "%.200s.split must return a 2-tuple, got %.200s",
                         OU_TYPE_NAME(exc), OU_TYPE_NAME(pair));
            OU_DECREF(pair);
            return -1;
        }
        *match = OU_NEWREF(OU_TUPLE_GET(pair, 0));
        *rest = OU_NEWREF(OU_TUPLE_GET(pair, 1));
        OU_DECREF(pair);
        return 0;
    }
    *match = OU_NEWREF(OU_NONE);
    *rest = OU_NEWREF(OU_NONE);
    return 0;
}

static int collect_leaf_ids(OuObject *e, OuObject *ids)
{
    if (e == OU_NONE)
        return 0;
    if (is_exception_group(e)) {
        OuObject *excs = ((OuBaseExceptionGroupObject *)e)->excs;
        for (Ou_ssize_t i = 0; excs && i < OU_TUPLE_LEN(excs); i++)
            if (collect_leaf_ids(OU_TUPLE_GET(excs, i), ids) < 0)
                return -1;
        return 0;
    }
    OuObject *id = OuInt_FromSsize_t((Ou_ssize_t)(intptr_t)e);
    int r = id ? OuSet_Add(ids, id) : -1;
    OU_XDECREF(id);
    return r;
}

/* predicate for eg.split(): is this leaf one of the ids in self (a set)? */
static OuObject *leaf_in_set(OuObject *ids, OuObject *leaf)
{
    OuObject *id = OuInt_FromSsize_t((Ou_ssize_t)(intptr_t)leaf);
    if (!id)
        return NULL;
    int r = OuSet_Contains(ids, id);
    OU_DECREF(id);
    return r < 0 ? NULL : OuBool_FromLong(r);
}
static const OuMethodDef leaf_in_set_def = {"_leaf_in_set", (void *)leaf_in_set, OU_METH_O, NULL};

static int same_metadata(OuObject *a, OuObject *b)
{
    OuBaseExceptionObject *x = (OuBaseExceptionObject *)a, *y = (OuBaseExceptionObject *)b;
    return x->notes == y->notes && x->traceback == y->traceback && x->cause == y->cause &&
           x->context == y->context;
}

/* PREP_RERAISE_STAR: what to re-raise after the except* clauses ran. */
static OuObject *prep_reraise_star(OuObject *orig, OuObject *excs)
{
    Ou_ssize_t n = OU_LIST_LEN(excs);
    if (n == 0)
        OU_RETURN_NONE;
    if (!is_exception_group(orig)) {
        for (Ou_ssize_t i = 0; i < n; i++)
            if (OU_LIST_GET(excs, i) != OU_NONE)
                return OU_NEWREF(OU_LIST_GET(excs, i));
        OU_RETURN_NONE;
    }
    OuObject *raised = OuList_New(0), *ids = OuSet_New(NULL), *result = NULL, *reraised_eg = NULL;
    if (!raised || !ids)
        goto done;
    for (Ou_ssize_t i = 0; i < n; i++) {
        OuObject *e = OU_LIST_GET(excs, i);
        if (e == OU_NONE)
            continue;
        if (OuExceptionInstance_Check(e) && same_metadata(e, orig)) {
            if (collect_leaf_ids(e, ids) < 0)
                goto done;
        } else if (OuList_Append(raised, e) < 0) {
            goto done;
        }
    }
    if (OuSet_Size(ids) > 0) {
        OuObject *pred = OuCFunction_New(&leaf_in_set_def, ids, NULL);
        OuObject *pair = pred ? OuObject_CallMethodStr(orig, "split", &pred, 1) : NULL;
        OU_XDECREF(pred);
        if (!pair)
            goto done;
        reraised_eg = OU_NEWREF(OuTuple_Check(pair) && OU_TUPLE_LEN(pair) == 2 ? OU_TUPLE_GET(pair, 0) : OU_NONE);
        OU_DECREF(pair);
    } else {
        reraised_eg = OU_NEWREF(OU_NONE);
    }
    if (OU_LIST_LEN(raised) == 0) {
        result = OU_NEWREF(reraised_eg);
    } else {
        if (reraised_eg != OU_NONE && OuList_Append(raised, reraised_eg) < 0)
            goto done;
        result = OU_LIST_LEN(raised) > 1 ? make_exception_group(raised) : OU_NEWREF(OU_LIST_GET(raised, 0));
    }
done:
    OU_XDECREF(raised);
    OU_XDECREF(ids);
    OU_XDECREF(reraised_eg);
    return result;
}

/* The handler covering instruction i, innermost first. */
static int find_handler(OuCodeObject *co, int i, OuExcEntry *out)
{
    const OuExcEntry *t = (const OuExcEntry *)OU_BYTES_DATA(co->co_exceptiontable);
    Ou_ssize_t n = OU_BYTES_LEN(co->co_exceptiontable) / (Ou_ssize_t)sizeof(OuExcEntry);
    Ou_ssize_t lo = 0, hi = n;
    if (i < 0)
        return 0;
    while (lo < hi) {                   /* first entry with start > i */
        Ou_ssize_t mid = (lo + hi) / 2;
        if (t[mid].start <= i)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (Ou_ssize_t k = lo - 1; k >= 0; k--)
        if (t[k].start <= i && i < t[k].end) {
            *out = t[k];
            return 1;
        }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Imports                                                            */

static OuObject *import_name(OuFrame *f, OuObject *name, OuObject *fromlist, OuObject *level)
{
    OuObject *import_func = OuDict_GetItemWithError(f->f_builtins, OU_ID(__import__));
    if (!import_func) {
        if (!OuErr_Occurred())
            OuErr_SetString(OuExc_ImportError, "__import__ not found");
        return NULL;
    }
    OuObject *locals = f->f_locals ? f->f_locals : OU_NONE;
    if (OuCFunction_Check(import_func) &&
        ((OuCFunctionObject *)import_func)->m_self == OU_RT->builtins_module &&
        strcmp(((OuCFunctionObject *)import_func)->m_ml->ml_name, "__import__") == 0) {
        long ilevel = OuInt_AsLong(level);
        if (ilevel == -1 && OuErr_Occurred())
            return NULL;
        return OuImport_ImportModuleLevel(name, f->f_globals, locals, fromlist, (int)ilevel);
    }
    OuObject *args[5] = {name, f->f_globals, locals, fromlist, level};
    OU_INCREF(import_func);
    OuObject *r = OuObject_Vectorcall(import_func, args, 5, NULL);
    OU_DECREF(import_func);
    return r;
}

static OuObject *import_from(OuObject *from, OuObject *name)
{
    OuObject *x, *pkgname = NULL, *fullname = NULL, *pkgpath = NULL, *spec = NULL, *msg = NULL;
    if (OuObject_LookupAttr(from, name, &x) != 0)
        return x;
    if (OuObject_LookupAttr(from, OU_ID(__name__), &pkgname) < 0)
        return NULL;
    if (pkgname && OuStr_Check(pkgname)) {
        fullname = OuStr_FromFormat("%U.%U", pkgname, name);
        if (!fullname)
            goto done;
        x = OuImport_GetModule(fullname);
        if (x || OuErr_Occurred())
            goto done;
    } else {
        OU_XSETREF(pkgname, NULL);
    }
    if (OuObject_LookupAttr(from, OU_ID(__file__), &pkgpath) < 0)
        goto done;
    OuObject *shown = pkgname ? pkgname : NULL;
    if (!pkgpath || !OuStr_Check(pkgpath)) {
        msg = shown ? OuStr_FromFormat("cannot import name %R from %R (unknown location)", name, shown)
                    : OuStr_FromFormat("cannot import name %R from '<unknown module name>' (unknown location)", name);
        if (msg)
            OuErr_SetImportError(OuExc_ImportError, msg, pkgname, NULL);
        goto done;
    }
    int initializing = 0;
    if (OuObject_LookupAttr(from, OU_ID(__spec__), &spec) < 0)
        goto done;
    if (spec && spec != OU_NONE) {
        OuObject *v;
        if (OuObject_LookupAttr(spec, OuStr_InternFromString("_initializing"), &v) < 0)
            goto done;
        if (v) {
            initializing = OuObject_IsTrue(v);
            OU_DECREF(v);
            if (initializing < 0)
                goto done;
        }
    }
    if (initializing)
        msg = OuStr_FromFormat("cannot import name %R from partially initialized module %R "
                               "(most likely due to a circular import) (%S)", name, shown, pkgpath);
    else
        msg = OuStr_FromFormat("cannot import name %R from %R (%S)", name, shown, pkgpath);
    if (msg)
        OuErr_SetImportError(OuExc_ImportError, msg, pkgname, pkgpath);
done:
    OU_XDECREF(pkgname);
    OU_XDECREF(fullname);
    OU_XDECREF(pkgpath);
    OU_XDECREF(spec);
    OU_XDECREF(msg);
    return x;
}

static int import_star(OuFrame *f, OuObject *from)
{
    OuObject *all, *dict = NULL;
    int skip_private = 0, r = -1;
    if (!f->f_locals) {
        OuErr_SetString(OuExc_SystemError, "no locals found during 'import *'");
        return -1;
    }
    if (OuObject_LookupAttr(from, OU_ID(__all__), &all) < 0)
        return -1;
    if (!all) {
        if (OuObject_LookupAttr(from, OU_ID(__dict__), &dict) < 0)
            return -1;
        if (!dict) {
            OuErr_SetString(OuExc_ImportError, "from-import-* object has no __dict__ and no __all__");
            return -1;
        }
        all = OuObject_CallMethodStr(dict, "keys", NULL, 0);
        OuObject *l = all ? OuSequence_List(all) : NULL;
        OU_XDECREF(all);
        OU_DECREF(dict);
        if (!l)
            return -1;
        all = l;
        skip_private = 1;
    }
    for (Ou_ssize_t i = 0;; i++) {
        OuObject *name = OuSequence_GetItem(all, i);
        if (!name) {
            if (OuErr_ExceptionMatches(OuExc_IndexError)) {
                OuErr_Clear();
                r = 0;
            }
            break;
        }
        if (!OuStr_Check(name)) {
            OuObject *modname = OuObject_GetAttr(from, OU_ID(__name__));
            if (modname && !OuStr_Check(modname))
                OuErr_Format(OuExc_TypeError, "module __name__ must be a string, not %.100s", OU_TYPE_NAME(modname));
            else if (modname)
                OuErr_Format(OuExc_TypeError, skip_private ? "Key in %U.__dict__ must be str, not %.100s"
                                                           : "Item in %U.__all__ must be str, not %.100s",
                             modname, OU_TYPE_NAME(name));
            OU_XDECREF(modname);
            OU_DECREF(name);
            break;
        }
        if (skip_private && OU_STR_LEN(name) > 0 && OU_STR_CHAR(name, 0) == '_') {
            OU_DECREF(name);
            continue;
        }
        OuObject *value = OuObject_GetAttr(from, name);
        int err = !value ? -1 : OuDict_CheckExact(f->f_locals) ? OuDict_SetItem(f->f_locals, name, value)
                                                               : OuObject_SetItem(f->f_locals, name, value);
        OU_XDECREF(value);
        OU_DECREF(name);
        if (err < 0)
            break;
    }
    OU_DECREF(all);
    return r;
}

/* ------------------------------------------------------------------ */
/* Pattern matching                                                   */

/* MATCH_KEYS: a tuple of the values for keys, or None if one is missing. */
static OuObject *match_keys(OuObject *subject, OuObject *keys)
{
    Ou_ssize_t n = OU_TUPLE_LEN(keys);
    if (n == 0)
        return OU_NEWREF(ou_empty_tuple);
    OuObject *get = OuObject_GetAttr(subject, OU_ID(get));
    if (!get)
        return NULL;
    OuObject *seen = OuSet_New(NULL), *values = OuList_New(0), *dummy = OuList_New(0), *r = NULL;
    if (!seen || !values || !dummy)
        goto done;
    for (Ou_ssize_t i = 0; i < n; i++) {
        OuObject *key = OU_TUPLE_GET(keys, i);
        int c = OuSet_Contains(seen, key);
        if (c < 0 || (c == 0 && OuSet_Add(seen, key) < 0))
            goto done;
        if (c) {
            OuErr_Format(OuExc_ValueError, "mapping pattern checks duplicate key (%R)", key);
            goto done;
        }
        OuObject *args[2] = {key, dummy};
        OuObject *v = OuObject_Vectorcall(get, args, 2, NULL);
        if (!v)
            goto done;
        if (v == dummy) {
            OU_DECREF(v);
            r = OU_NEWREF(OU_NONE);
            goto done;
        }
        int e = OuList_Append(values, v);
        OU_DECREF(v);
        if (e < 0)
            goto done;
    }
    r = OuList_AsTuple(values);
done:
    OU_DECREF(get);
    OU_XDECREF(seen);
    OU_XDECREF(values);
    OU_XDECREF(dummy);
    return r;
}

/* getattr for a class pattern: new ref, NULL without error if missing,
   TypeError on a repeated name. */
static OuObject *match_class_attr(OuObject *subject, OuObject *type, OuObject *name, OuObject *seen)
{
    int c = OuSet_Contains(seen, name);
    if (c < 0)
        return NULL;
    if (c) {
        OuErr_Format(OuExc_TypeError, "%s() got multiple sub-patterns for attribute %R",
                     ((OuTypeObject *)type)->tp_name, name);
        return NULL;
    }
    if (OuSet_Add(seen, name) < 0)
        return NULL;
    OuObject *v;
    if (OuObject_LookupAttr(subject, name, &v) < 0)
        return NULL;
    return v;
}

static int matches_self(OuTypeObject *tp)
{
    OuTypeObject *selfs[] = {&OuBool_Type, &OuByteArray_Type, &OuBytes_Type, &OuDict_Type, &OuFloat_Type,
                             &OuFrozenSet_Type, &OuInt_Type, &OuList_Type, &OuSet_Type, &OuStr_Type,
                             &OuTuple_Type};
    for (size_t i = 0; i < sizeof selfs / sizeof selfs[0]; i++)
        if (OuType_IsSubtype(tp, selfs[i]))
            return 1;
    return 0;
}

/* MATCH_CLASS: tuple of the matched attributes, NULL (no error) on mismatch. */
static OuObject *match_class(OuObject *subject, OuObject *type, int nargs, OuObject *kwargs)
{
    if (!OuType_Check(type)) {
        OuErr_SetString(OuExc_TypeError, "called match pattern must be a type");
        return NULL;
    }
    int inst = OuObject_IsInstance(subject, type);
    if (inst <= 0)
        return NULL;
    OuTypeObject *tp = (OuTypeObject *)type;
    OuObject *seen = OuSet_New(NULL), *attrs = OuList_New(0), *match_args = NULL, *r = NULL;
    if (!seen || !attrs)
        goto done;
    int match_self = 0;
    if (nargs) {
        if (OuObject_LookupAttr(type, OU_ID(__match_args__), &match_args) < 0)
            goto done;
        Ou_ssize_t allowed;
        if (match_args) {
            if (!OuTuple_CheckExact(match_args)) {
                OuErr_Format(OuExc_TypeError, "%s.__match_args__ must be a tuple (got %s)", tp->tp_name,
                             OU_TYPE_NAME(match_args));
                goto done;
            }
            allowed = OU_TUPLE_LEN(match_args);
        } else {
            match_self = matches_self(tp);
            allowed = match_self ? 1 : 0;
        }
        if (allowed < nargs) {
            OuErr_Format(OuExc_TypeError, "%s() accepts %zd positional sub-pattern%s (%d given)", tp->tp_name,
                         allowed, allowed == 1 ? "" : "s", nargs);
            goto done;
        }
        if (match_self) {
            if (OuList_Append(attrs, subject) < 0)
                goto done;
        } else {
            for (int i = 0; i < nargs; i++) {
                OuObject *name = OU_TUPLE_GET(match_args, i);
                if (!OuStr_Check(name)) {
                    OuErr_Format(OuExc_TypeError, "__match_args__ elements must be strings (got %s)",
                                 OU_TYPE_NAME(name));
                    goto done;
                }
                OuObject *v = match_class_attr(subject, type, name, seen);
                if (!v)
                    goto done;
                int e = OuList_Append(attrs, v);
                OU_DECREF(v);
                if (e < 0)
                    goto done;
            }
        }
    }
    for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(kwargs); i++) {
        OuObject *v = match_class_attr(subject, type, OU_TUPLE_GET(kwargs, i), seen);
        if (!v)
            goto done;
        int e = OuList_Append(attrs, v);
        OU_DECREF(v);
        if (e < 0)
            goto done;
    }
    r = OuList_AsTuple(attrs);
done:
    OU_XDECREF(seen);
    OU_XDECREF(attrs);
    OU_XDECREF(match_args);
    return r;
}

/* ------------------------------------------------------------------ */
/* Async helpers                                                      */

static OuObject *get_aiter(OuObject *obj)
{
    OuTypeObject *tp = OU_TYPE(obj);
    OuObject *iter;
    if (tp->am_aiter) {
        iter = tp->am_aiter(obj);
    } else {
        OuObject *m = OuObject_LookupSpecial(obj, OU_ID(__aiter__));
        if (!m) {
            if (!OuErr_Occurred())
                OuErr_Format(OuExc_TypeError, "'async for' requires an object with __aiter__ method, got %.100s",
                             tp->tp_name);
            return NULL;
        }
        iter = OuObject_CallNoArgs(m);
        OU_DECREF(m);
    }
    if (!iter)
        return NULL;
    if (!OU_TYPE(iter)->am_anext && !OuType_Lookup(OU_TYPE(iter), OU_ID(__anext__))) {
        OuErr_Format(OuExc_TypeError,
                     "'async for' received an object from __aiter__ that does not implement __anext__: %.100s",
                     OU_TYPE_NAME(iter));
        OU_DECREF(iter);
        return NULL;
    }
    return iter;
}

static OuObject *get_anext(OuObject *aiter)
{
    if (OuAsyncGen_CheckExact(aiter))
        return OuAsyncGen_ANext(aiter);
    OuTypeObject *tp = OU_TYPE(aiter);
    OuObject *next;
    if (tp->am_anext) {
        next = tp->am_anext(aiter);
    } else {
        OuObject *m = OuObject_LookupSpecial(aiter, OU_ID(__anext__));
        if (!m) {
            if (!OuErr_Occurred())
                OuErr_Format(OuExc_TypeError, "'async for' requires an iterator with __anext__ method, got %.100s",
                             tp->tp_name);
            return NULL;
        }
        next = OuObject_CallNoArgs(m);
        OU_DECREF(m);
    }
    if (!next)
        return NULL;
    OuObject *aw = OuCoro_GetAwaitableIter(next);
    if (!aw) {
        OuObject *cause = OuErr_GetRaisedException();
        OuErr_Format(OuExc_TypeError, "'async for' received an invalid object from __anext__: %.100s",
                     OU_TYPE_NAME(next));
        OuObject *err = OuErr_GetRaisedException();
        if (err && cause) {
            OuException_SetContext(err, OU_NEWREF(cause));
            OuException_SetCause(err, cause);
        } else {
            OU_XDECREF(cause);
        }
        OuErr_SetRaisedException(err);
    }
    OU_DECREF(next);
    return aw;
}

static OuObject *get_awaitable(OuObject *o, int where)
{
    OuObject *it = OuCoro_GetAwaitableIter(o);
    if (!it) {
        if (where && OuErr_ExceptionMatches(OuExc_TypeError) && !OU_TYPE(o)->am_await &&
            !OuType_Lookup(OU_TYPE(o), OU_ID(__await__))) {
            OuErr_Clear();
            OuErr_Format(OuExc_TypeError,
                         "'async with' received an object from %s that does not implement __await__: %.100s",
                         where == 1 ? "__aenter__" : "__aexit__", OU_TYPE_NAME(o));
        }
        return NULL;
    }
    if (OuCoro_CheckExact(it) && OuGen_GetYieldFrom((OuGenObject *)it)) {
        OU_DECREF(it);
        OuErr_SetString(OuExc_RuntimeError, "coroutine is being awaited already");
        return NULL;
    }
    return it;
}

/* BEFORE_WITH / BEFORE_ASYNC_WITH: *exit gets the bound __exit__, returns
   the result of __enter__(). */
static OuObject *before_with(OuObject *mgr, OuObject **exit, int is_async)
{
    OuObject *enter = OuObject_LookupSpecial(mgr, is_async ? OU_ID(__aenter__) : OU_ID(__enter__));
    const char *proto = is_async ? "asynchronous context manager" : "context manager";
    *exit = NULL;
    if (!enter) {
        if (!OuErr_Occurred())
            OuErr_Format(OuExc_TypeError, "'%.200s' object does not support the %s protocol", OU_TYPE_NAME(mgr),
                         proto);
        return NULL;
    }
    OuObject *ex = OuObject_LookupSpecial(mgr, is_async ? OU_ID(__aexit__) : OU_ID(__exit__));
    if (!ex) {
        if (!OuErr_Occurred())
            OuErr_Format(OuExc_TypeError, "'%.200s' object does not support the %s protocol (missed %s method)",
                         OU_TYPE_NAME(mgr), proto, is_async ? "__aexit__" : "__exit__");
        OU_DECREF(enter);
        return NULL;
    }
    OuObject *res = OuObject_CallNoArgs(enter);
    OU_DECREF(enter);
    if (!res) {
        OU_DECREF(ex);
        return NULL;
    }
    *exit = ex;
    return res;
}

static int setup_annotations(OuFrame *f)
{
    OuObject *v;
    if (!f->f_locals) {
        OuErr_SetString(OuExc_SystemError, "no locals found when setting up annotations");
        return -1;
    }
    int r = mapping_lookup(f->f_locals, OU_ID(__annotations__), &v);
    if (r < 0)
        return -1;
    if (r > 0) {
        OU_DECREF(v);
        return 0;
    }
    OuObject *d = OuDict_New();
    if (!d)
        return -1;
    r = OuDict_CheckExact(f->f_locals) ? OuDict_SetItem(f->f_locals, OU_ID(__annotations__), d)
                                       : OuObject_SetItem(f->f_locals, OU_ID(__annotations__), d);
    OU_DECREF(d);
    return r;
}

static int print_expr(OuObject *v)
{
    OuObject *sysdict = OU_RT->sysdict ? OU_RT->sysdict
                        : (OU_RT->sys_module ? OuModule_GetDict(OU_RT->sys_module) : NULL);
    OuObject *hook = sysdict ? OuDict_GetItemWithError(sysdict, OU_ID(displayhook)) : NULL;
    if (!hook) {
        if (!OuErr_Occurred())
            OuErr_SetString(OuExc_RuntimeError, "lost sys.displayhook");
        return -1;
    }
    OU_INCREF(hook);
    OuObject *r = OuObject_CallOneArg(hook, v);
    OU_DECREF(hook);
    if (!r)
        return -1;
    OU_DECREF(r);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Small-int arithmetic                                               */

/* a op b for two machine ints: 1 with *r set, 0 if the fast path does not
   apply (overflow, division by zero, unsupported op). */
static inline int small_int_op(int op, int64_t a, int64_t b, int64_t *r)
{
    switch (op) {
    case OU_NB_ADD:
    case OU_NB_INPLACE_ADD:
        return !__builtin_add_overflow(a, b, r);
    case OU_NB_SUBTRACT:
    case OU_NB_INPLACE_SUBTRACT:
        return !__builtin_sub_overflow(a, b, r);
    case OU_NB_MULTIPLY:
    case OU_NB_INPLACE_MULTIPLY:
        return !__builtin_mul_overflow(a, b, r);
    case OU_NB_AND:
    case OU_NB_INPLACE_AND:
        *r = a & b;
        return 1;
    case OU_NB_OR:
    case OU_NB_INPLACE_OR:
        *r = a | b;
        return 1;
    case OU_NB_XOR:
    case OU_NB_INPLACE_XOR:
        *r = a ^ b;
        return 1;
    case OU_NB_FLOOR_DIVIDE:
    case OU_NB_INPLACE_FLOOR_DIVIDE:
        if (b == 0 || (a == INT64_MIN && b == -1))
            return 0;
        *r = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0)))
            (*r)--;
        return 1;
    case OU_NB_REMAINDER:
    case OU_NB_INPLACE_REMAINDER:
        if (b == 0 || (a == INT64_MIN && b == -1))
            return 0;
        *r = a % b;
        if (*r != 0 && ((*r < 0) != (b < 0)))
            *r += b;
        return 1;
    case OU_NB_LSHIFT:
    case OU_NB_INPLACE_LSHIFT:
        if (b < 0 || b >= 63)
            return 0;
        *r = (int64_t)((uint64_t)a << b);
        return (*r >> b) == a;
    case OU_NB_RSHIFT:
    case OU_NB_INPLACE_RSHIFT:
        if (b < 0)
            return 0;
        *r = b >= 63 ? (a < 0 ? -1 : 0) : a >> b;
        return 1;
    default:
        return 0;
    }
}

static inline int float_op(int op, double a, double b, double *r)
{
    switch (op) {
    case OU_NB_ADD:
    case OU_NB_INPLACE_ADD:
        *r = a + b;
        return 1;
    case OU_NB_SUBTRACT:
    case OU_NB_INPLACE_SUBTRACT:
        *r = a - b;
        return 1;
    case OU_NB_MULTIPLY:
    case OU_NB_INPLACE_MULTIPLY:
        *r = a * b;
        return 1;
    case OU_NB_TRUE_DIVIDE:
    case OU_NB_INPLACE_TRUE_DIVIDE:
        if (b == 0.0)
            return 0;
        *r = a / b;
        return 1;
    default:
        return 0;
    }
}

static inline int compare_op_result(int op, int c)
{
    switch (op) {
    case OU_LT: return c < 0;
    case OU_LE: return c <= 0;
    case OU_EQ: return c == 0;
    case OU_NE: return c != 0;
    case OU_GT: return c > 0;
    default: return c >= 0;
    }
}

/* ------------------------------------------------------------------ */
/* The loop                                                           */

#if defined(__GNUC__) && !defined(OU_NO_COMPUTED_GOTOS)
#define OU_COMPUTED_GOTOS 1
#else
#define OU_COMPUTED_GOTOS 0
#endif

#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define SECOND() (sp[-2])
#define PEEK(n) (sp[-(n)])
#define SET_TOP(v) (sp[-1] = (v))
#define SET_SECOND(v) (sp[-2] = (v))
#define JUMPTO(x) (ip = first_instr + (x))
#define LOAD_FRAME_REGS() do { \
        co = f->f_code; lp = f->localsplus; first_instr = co->co_instrs; \
        consts = OU_TUPLE_ITEMS(co->co_consts); names = co->co_names; \
        sp = lp + f->stacktop; ip = first_instr + f->lasti + 1; \
    } while (0)
#define STACK_BASE() (lp + co->co_nlocalsplus)

#if OU_COMPUTED_GOTOS
#define TARGET(op) TARGET_##op:
#define DISPATCH() do { \
        word = *ip++; f->lasti = (int)(ip - first_instr) - 1; \
        oparg = (int)(word >> 8); goto *targets[word & 0xff]; \
    } while (0)
#else
#define TARGET(op) case OP_##op:
#define DISPATCH() goto dispatch
#endif

OuObject *OuEval_EvalFrame(OuThreadState *ts, OuFrame *f, int throwflag)
{
#if OU_COMPUTED_GOTOS
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
#pragma GCC diagnostic ignored "-Wpedantic"
#define OU_OP_LABEL(name) [OP_##name] = &&TARGET_##name,
    static void *const targets[256] = {
        [0 ... 255] = &&unknown_opcode,
        OU_FOR_EACH_OPCODE(OU_OP_LABEL)
    };
#undef OU_OP_LABEL
#pragma GCC diagnostic pop
#endif
    OuCodeObject *co;
    OuObject **lp, **sp;
    OuObject *const *consts;
    OuObject *names;
    const uint32_t *first_instr, *ip;
    uint32_t word;
    int oparg;
    OuObject *kwnames = NULL;
    OuObject *retval = NULL;

    f->is_entry = 1;
    f->previous = ts->frame;
    ts->frame = f;
    f->state = OU_FRAME_EXECUTING;
    if (++ts->recursion_depth > OU_RT->recursion_limit) {
        OuErr_SetString(OuExc_RecursionError, "maximum recursion depth exceeded");
        LOAD_FRAME_REGS();
        goto exit_unwind;
    }
    LOAD_FRAME_REGS();
    if (throwflag)
        goto error;

start_frame:
    if (OU_UNLIKELY(OU_RT->eval_breaker) && handle_eval_breaker(ts) < 0)
        goto error;
    DISPATCH();

#if !OU_COMPUTED_GOTOS
dispatch:
    word = *ip++;
    f->lasti = (int)(ip - first_instr) - 1;
    oparg = (int)(word >> 8);
    switch (word & 0xff) {
#endif

    TARGET(NOP)
    TARGET(RESUME)
        DISPATCH();

    TARGET(POP_TOP) {
        OuObject *v = POP();
        OU_XDECREF(v);
        DISPATCH();
    }

    TARGET(PUSH_NULL)
        PUSH(NULL);
        DISPATCH();

    TARGET(COPY) {
        OuObject *v = PEEK(oparg);
        OU_XINCREF(v);
        PUSH(v);
        DISPATCH();
    }

    TARGET(SWAP) {
        OuObject *t = TOP();
        SET_TOP(PEEK(oparg));
        PEEK(oparg) = t;
        DISPATCH();
    }

    TARGET(LOAD_CONST) {
        OuObject *v = consts[oparg];
        OU_INCREF(v);
        PUSH(v);
        DISPATCH();
    }

    TARGET(LOAD_FAST) {
        OuObject *v = lp[oparg];
        if (OU_UNLIKELY(!v)) {
            format_unbound(co, oparg);
            goto error;
        }
        OU_INCREF(v);
        PUSH(v);
        DISPATCH();
    }

    TARGET(STORE_FAST) {
        OuObject *v = POP(), *old = lp[oparg];
        lp[oparg] = v;
        OU_XDECREF(old);
        DISPATCH();
    }

    TARGET(DELETE_FAST) {
        OuObject *old = lp[oparg];
        if (!old) {
            format_unbound(co, oparg);
            goto error;
        }
        lp[oparg] = NULL;
        OU_DECREF(old);
        DISPATCH();
    }

    TARGET(LOAD_NAME) {
        OuObject *v = load_name(f, OU_TUPLE_GET(names, oparg));
        if (!v)
            goto error;
        PUSH(v);
        DISPATCH();
    }

    TARGET(STORE_NAME) {
        OuObject *name = OU_TUPLE_GET(names, oparg), *v = POP();
        int err;
        if (!f->f_locals) {
            OuErr_Format(OuExc_SystemError, "no locals found when storing %R", name);
            OU_DECREF(v);
            goto error;
        }
        err = OuDict_CheckExact(f->f_locals) ? OuDict_SetItem(f->f_locals, name, v)
                                             : OuObject_SetItem(f->f_locals, name, v);
        OU_DECREF(v);
        if (err < 0)
            goto error;
        DISPATCH();
    }

    TARGET(DELETE_NAME) {
        OuObject *name = OU_TUPLE_GET(names, oparg);
        if (!f->f_locals) {
            OuErr_Format(OuExc_SystemError, "no locals when deleting %R", name);
            goto error;
        }
        if (OuObject_DelItem(f->f_locals, name) < 0) {
            if (OuErr_ExceptionMatches(OuExc_KeyError)) {
                OuErr_Clear();
                name_error(name);
            }
            goto error;
        }
        DISPATCH();
    }

    TARGET(LOAD_GLOBAL) {
        OuObject *name = OU_TUPLE_GET(names, oparg >> 1);
        OuObject *v = OuDict_GetItemWithError(f->f_globals, name);
        if (v) {
            OU_INCREF(v);
        } else {
            if (OuErr_Occurred())
                goto error;
            v = load_global(f, name);
            if (!v)
                goto error;
        }
        if (oparg & 1)
            PUSH(NULL);
        PUSH(v);
        DISPATCH();
    }

    TARGET(STORE_GLOBAL) {
        OuObject *v = POP();
        int err = OuDict_SetItem(f->f_globals, OU_TUPLE_GET(names, oparg), v);
        OU_DECREF(v);
        if (err < 0)
            goto error;
        DISPATCH();
    }

    TARGET(DELETE_GLOBAL) {
        OuObject *name = OU_TUPLE_GET(names, oparg);
        if (OuDict_DelItem(f->f_globals, name) < 0) {
            if (OuErr_ExceptionMatches(OuExc_KeyError)) {
                OuErr_Clear();
                name_error(name);
            }
            goto error;
        }
        DISPATCH();
    }

    TARGET(LOAD_DEREF) {
        OuObject *v = OU_CELL_GET(lp[oparg]);
        if (OU_UNLIKELY(!v)) {
            format_unbound(co, oparg);
            goto error;
        }
        OU_INCREF(v);
        PUSH(v);
        DISPATCH();
    }

    TARGET(STORE_DEREF) {
        OuObject *v = POP();
        OuCellObject *cell = (OuCellObject *)lp[oparg];
        OuObject *old = cell->ob_ref;
        cell->ob_ref = v;
        OU_XDECREF(old);
        DISPATCH();
    }

    TARGET(DELETE_DEREF) {
        OuCellObject *cell = (OuCellObject *)lp[oparg];
        OuObject *old = cell->ob_ref;
        if (!old) {
            format_unbound(co, oparg);
            goto error;
        }
        cell->ob_ref = NULL;
        OU_DECREF(old);
        DISPATCH();
    }

    TARGET(LOAD_CLOSURE) {
        OuObject *cell = lp[oparg];
        OU_INCREF(cell);
        PUSH(cell);
        DISPATCH();
    }

    TARGET(LOAD_CLASSDEREF) {
        OuObject *v = load_classderef(f, oparg);
        if (!v)
            goto error;
        PUSH(v);
        DISPATCH();
    }

    TARGET(LOAD_ATTR) {
        OuObject *owner = TOP();
        OuObject *v = OuObject_GetAttr(owner, OU_TUPLE_GET(names, oparg));
        if (!v)
            goto error;
        SET_TOP(v);
        OU_DECREF(owner);
        DISPATCH();
    }

    TARGET(STORE_ATTR) {
        OuObject *owner = TOP(), *v = SECOND();
        sp -= 2;
        int err = OuObject_SetAttr(owner, OU_TUPLE_GET(names, oparg), v);
        OU_DECREF(v);
        OU_DECREF(owner);
        if (err < 0)
            goto error;
        DISPATCH();
    }

    TARGET(DELETE_ATTR) {
        OuObject *owner = POP();
        int err = OuObject_SetAttr(owner, OU_TUPLE_GET(names, oparg), NULL);
        OU_DECREF(owner);
        if (err < 0)
            goto error;
        DISPATCH();
    }

    TARGET(LOAD_METHOD) {
        OuObject *obj = TOP(), *meth;
        int r = get_method(obj, OU_TUPLE_GET(names, oparg), &meth);
        if (r < 0)
            goto error;
        if (r) {
            SET_TOP(meth);
            PUSH(obj);
        } else {
            SET_TOP(NULL);
            OU_DECREF(obj);
            PUSH(meth);
        }
        DISPATCH();
    }

    TARGET(BINARY_OP) {
        OuObject *rhs = POP(), *lhs = TOP(), *res;
        if (OuInt_CheckExact(lhs) && OuInt_CheckExact(rhs) && OU_INT_IS_SMALL(lhs) && OU_INT_IS_SMALL(rhs)) {
            int64_t r;
            if (small_int_op(oparg, OU_INT_SMALL(lhs), OU_INT_SMALL(rhs), &r))
                res = OuInt_FromInt64(r);
            else
                res = OuNumber_BinaryOp(lhs, rhs, oparg);
        } else if (OuFloat_CheckExact(lhs) && OuFloat_CheckExact(rhs)) {
            double r;
            if (float_op(oparg, OU_FLOAT_VALUE(lhs), OU_FLOAT_VALUE(rhs), &r))
                res = OuFloat_FromDouble(r);
            else
                res = OuNumber_BinaryOp(lhs, rhs, oparg);
        } else if (OuStr_CheckExact(lhs) && OuStr_CheckExact(rhs) &&
                   (oparg == OU_NB_ADD || oparg == OU_NB_INPLACE_ADD)) {
            res = OuStr_Concat(lhs, rhs);
        } else {
            res = OuNumber_BinaryOp(lhs, rhs, oparg);
        }
        OU_DECREF(rhs);
        if (!res)
            goto error;
        SET_TOP(res);
        OU_DECREF(lhs);
        DISPATCH();
    }

    TARGET(UNARY_NEGATIVE) {
        OuObject *v = TOP(), *r;
        if (OuInt_CheckExact(v) && OU_INT_IS_SMALL(v) && OU_INT_SMALL(v) != INT64_MIN)
            r = OuInt_FromInt64(-OU_INT_SMALL(v));
        else if (OuFloat_CheckExact(v))
            r = OuFloat_FromDouble(-OU_FLOAT_VALUE(v));
        else
            r = OuNumber_Negative(v);
        if (!r)
            goto error;
        SET_TOP(r);
        OU_DECREF(v);
        DISPATCH();
    }

    TARGET(UNARY_POSITIVE) {
        OuObject *v = TOP(), *r = OuNumber_Positive(v);
        if (!r)
            goto error;
        SET_TOP(r);
        OU_DECREF(v);
        DISPATCH();
    }

    TARGET(UNARY_NOT) {
        OuObject *v = TOP();
        int t = v == OU_TRUE ? 1 : v == OU_FALSE ? 0 : OuObject_IsTrue(v);
        if (t < 0)
            goto error;
        SET_TOP(OU_NEWREF(t ? OU_FALSE : OU_TRUE));
        OU_DECREF(v);
        DISPATCH();
    }

    TARGET(UNARY_INVERT) {
        OuObject *v = TOP(), *r;
        if (OuInt_CheckExact(v) && OU_INT_IS_SMALL(v))
            r = OuInt_FromInt64(~OU_INT_SMALL(v));
        else
            r = OuNumber_Invert(v);
        if (!r)
            goto error;
        SET_TOP(r);
        OU_DECREF(v);
        DISPATCH();
    }

    TARGET(COMPARE_OP) {
        OuObject *rhs = POP(), *lhs = TOP(), *res;
        if (OuInt_CheckExact(lhs) && OuInt_CheckExact(rhs) && OU_INT_IS_SMALL(lhs) && OU_INT_IS_SMALL(rhs)) {
            int64_t a = OU_INT_SMALL(lhs), b = OU_INT_SMALL(rhs);
            res = OU_NEWREF(compare_op_result(oparg, (a > b) - (a < b)) ? OU_TRUE : OU_FALSE);
        } else if (OuFloat_CheckExact(lhs) && OuFloat_CheckExact(rhs)) {
            double a = OU_FLOAT_VALUE(lhs), b = OU_FLOAT_VALUE(rhs);
            int t;
            switch (oparg) {
            case OU_LT: t = a < b; break;
            case OU_LE: t = a <= b; break;
            case OU_EQ: t = a == b; break;
            case OU_NE: t = a != b; break;
            case OU_GT: t = a > b; break;
            default: t = a >= b; break;
            }
            res = OU_NEWREF(t ? OU_TRUE : OU_FALSE);
        } else if (OuStr_CheckExact(lhs) && OuStr_CheckExact(rhs) && (oparg == OU_EQ || oparg == OU_NE)) {
            int eq = lhs == rhs || OuStr_Equal(lhs, rhs);
            res = OU_NEWREF((eq == (oparg == OU_EQ)) ? OU_TRUE : OU_FALSE);
        } else {
            res = OuObject_RichCompare(lhs, rhs, oparg);
        }
        OU_DECREF(rhs);
        if (!res)
            goto error;
        SET_TOP(res);
        OU_DECREF(lhs);
        DISPATCH();
    }

    TARGET(IS_OP) {
        OuObject *rhs = POP(), *lhs = TOP();
        int r = (lhs == rhs) ^ oparg;
        SET_TOP(OU_NEWREF(r ? OU_TRUE : OU_FALSE));
        OU_DECREF(rhs);
        OU_DECREF(lhs);
        DISPATCH();
    }

    TARGET(CONTAINS_OP) {
        OuObject *rhs = POP(), *lhs = POP();
        int r = OuSequence_Contains(rhs, lhs);
        OU_DECREF(rhs);
        OU_DECREF(lhs);
        if (r < 0)
            goto error;
        PUSH(OU_NEWREF((r ^ oparg) ? OU_TRUE : OU_FALSE));
        DISPATCH();
    }

    TARGET(BINARY_SUBSCR) {
        OuObject *sub = POP(), *container = TOP(), *res;
        if (OuInt_CheckExact(sub) && OU_INT_IS_SMALL(sub) &&
            (OuList_CheckExact(container) || OuTuple_CheckExact(container))) {
            int64_t i = OU_INT_SMALL(sub), n = OU_SIZE(container);
            if (i < 0)
                i += n;
            if (i >= 0 && i < n) {
                res = OuList_CheckExact(container) ? OU_LIST_GET(container, i) : OU_TUPLE_GET(container, i);
                OU_INCREF(res);
                goto subscr_done;
            }
        } else if (OuDict_CheckExact(container)) {
            res = OuDict_GetItemWithError(container, sub);
            if (res) {
                OU_INCREF(res);
            } else if (!OuErr_Occurred()) {
                OuErr_SetKeyError(sub);
            }
            goto subscr_done;
        }
        res = OuObject_GetItem(container, sub);
    subscr_done:
        OU_DECREF(sub);
        if (!res)
            goto error;
        SET_TOP(res);
        OU_DECREF(container);
        DISPATCH();
    }

    TARGET(STORE_SUBSCR) {
        OuObject *sub = TOP(), *container = SECOND(), *v = PEEK(3);
        int err;
        sp -= 3;
        if (OuList_CheckExact(container) && OuInt_CheckExact(sub) && OU_INT_IS_SMALL(sub) &&
            OU_INT_SMALL(sub) >= 0 && OU_INT_SMALL(sub) < OU_LIST_LEN(container)) {
            OuObject *old = OU_LIST_GET(container, OU_INT_SMALL(sub));
            OU_LIST_SET(container, OU_INT_SMALL(sub), v);
            OU_DECREF(old);
            OU_DECREF(container);
            OU_DECREF(sub);
            DISPATCH();
        }
        err = OuDict_CheckExact(container) ? OuDict_SetItem(container, sub, v) : OuObject_SetItem(container, sub, v);
        OU_DECREF(v);
        OU_DECREF(container);
        OU_DECREF(sub);
        if (err < 0)
            goto error;
        DISPATCH();
    }

    TARGET(DELETE_SUBSCR) {
        OuObject *sub = POP(), *container = POP();
        int err = OuObject_DelItem(container, sub);
        OU_DECREF(sub);
        OU_DECREF(container);
        if (err < 0)
            goto error;
        DISPATCH();
    }

    TARGET(BUILD_SLICE) {
        OuObject *step = oparg == 3 ? POP() : NULL, *stop = POP(), *start = TOP();
        OuObject *s = OuSlice_New(start, stop, step);
        OU_XDECREF(step);
        OU_DECREF(stop);
        if (!s)
            goto error;
        SET_TOP(s);
        OU_DECREF(start);
        DISPATCH();
    }

    TARGET(BUILD_TUPLE) {
        OuObject *t = OuTuple_New(oparg);
        if (!t)
            goto error;
        while (--oparg >= 0)
            OU_TUPLE_SET(t, oparg, POP());
        PUSH(t);
        DISPATCH();
    }

    TARGET(BUILD_LIST) {
        OuObject *l = OuList_New(oparg);
        if (!l)
            goto error;
        while (--oparg >= 0)
            OU_LIST_SET(l, oparg, POP());
        PUSH(l);
        DISPATCH();
    }

    TARGET(BUILD_SET) {
        OuObject *s = OuSet_New(NULL);
        int err = s ? 0 : -1;
        for (int i = oparg; i > 0; i--) {
            OuObject *item = PEEK(i);
            if (err == 0)
                err = OuSet_Add(s, item);
            OU_DECREF(item);
        }
        sp -= oparg;
        if (err < 0) {
            OU_XDECREF(s);
            goto error;
        }
        PUSH(s);
        DISPATCH();
    }

    TARGET(BUILD_MAP) {
        OuObject *d = OuDict_New();
        int err = d ? 0 : -1;
        for (int i = oparg; i > 0; i--) {
            OuObject *k = PEEK(2 * i), *v = PEEK(2 * i - 1);
            if (err == 0)
                err = OuDict_SetItem(d, k, v);
            OU_DECREF(k);
            OU_DECREF(v);
        }
        sp -= 2 * oparg;
        if (err < 0) {
            OU_XDECREF(d);
            goto error;
        }
        PUSH(d);
        DISPATCH();
    }

    TARGET(BUILD_CONST_KEY_MAP) {
        OuObject *keys = POP();
        OuObject *d = OuDict_New();
        int err = d ? 0 : -1;
        if (err == 0 && (!OuTuple_Check(keys) || OU_TUPLE_LEN(keys) != oparg)) {
            OuErr_SetString(OuExc_SystemError, "bad BUILD_CONST_KEY_MAP keys argument");
            err = -1;
        }
        for (int i = oparg; i > 0; i--) {
            OuObject *v = PEEK(i);
            if (err == 0)
                err = OuDict_SetItem(d, OU_TUPLE_GET(keys, oparg - i), v);
            OU_DECREF(v);
        }
        sp -= oparg;
        OU_DECREF(keys);
        if (err < 0) {
            OU_XDECREF(d);
            goto error;
        }
        PUSH(d);
        DISPATCH();
    }

    TARGET(BUILD_STRING) {
        OuObject *s = build_string(sp - oparg, oparg);
        for (int i = 0; i < oparg; i++) {
            OuObject *v = POP();
            OU_DECREF(v);
        }
        if (!s)
            goto error;
        PUSH(s);
        DISPATCH();
    }

    TARGET(LIST_APPEND) {
        OuObject *v = POP();
        int err = OuList_Append(PEEK(oparg), v);
        OU_DECREF(v);
        if (err < 0)
            goto error;
        DISPATCH();
    }

    TARGET(SET_ADD) {
        OuObject *v = POP();
        int err = OuSet_Add(PEEK(oparg), v);
        OU_DECREF(v);
        if (err < 0)
            goto error;
        DISPATCH();
    }

    TARGET(MAP_ADD) {
        OuObject *v = TOP(), *k = SECOND();
        sp -= 2;
        int err = OuDict_SetItem(PEEK(oparg), k, v);
        OU_DECREF(k);
        OU_DECREF(v);
        if (err < 0)
            goto error;
        DISPATCH();
    }

    TARGET(LIST_EXTEND) {
        OuObject *iterable = POP();
        int err = OuList_Extend(PEEK(oparg), iterable);
        if (err < 0 && OuErr_ExceptionMatches(OuExc_TypeError) && !OU_TYPE(iterable)->tp_iter &&
            !is_sequence_like(iterable)) {
            OuErr_Clear();
            OuErr_Format(OuExc_TypeError, "Value after * must be an iterable, not %.200s", OU_TYPE_NAME(iterable));
        }
        OU_DECREF(iterable);
        if (err < 0)
            goto error;
        DISPATCH();
    }

    TARGET(SET_UPDATE) {
        OuObject *iterable = POP();
        int err = OuSet_Update(PEEK(oparg), iterable);
        OU_DECREF(iterable);
        if (err < 0)
            goto error;
        DISPATCH();
    }

    TARGET(DICT_UPDATE) {
        OuObject *update = POP();
        int err = dict_merge(PEEK(oparg), update, NULL);
        OU_DECREF(update);
        if (err < 0)
            goto error;
        DISPATCH();
    }

    TARGET(DICT_MERGE) {
        OuObject *update = POP();
        int err = dict_merge(PEEK(oparg), update, PEEK(oparg + 2));
        OU_DECREF(update);
        if (err < 0)
            goto error;
        DISPATCH();
    }

    TARGET(LIST_TO_TUPLE) {
        OuObject *l = TOP(), *t = OuList_AsTuple(l);
        if (!t)
            goto error;
        SET_TOP(t);
        OU_DECREF(l);
        DISPATCH();
    }

    TARGET(UNPACK_SEQUENCE) {
        OuObject *seq = POP();
        if ((OuTuple_CheckExact(seq) || OuList_CheckExact(seq)) && OU_SIZE(seq) == oparg) {
            OuObject **items = OuTuple_CheckExact(seq) ? OU_TUPLE_ITEMS(seq) : OU_LIST_ITEMS(seq);
            for (int i = oparg; --i >= 0;) {
                OU_INCREF(items[i]);
                PUSH(items[i]);
            }
        } else if (OuTuple_CheckExact(seq) || OuList_CheckExact(seq)) {
            if (OU_SIZE(seq) < oparg)
                OuErr_Format(OuExc_ValueError, "not enough values to unpack (expected %d, got %zd)", oparg,
                             OU_SIZE(seq));
            else
                OuErr_Format(OuExc_ValueError, "too many values to unpack (expected %d)", oparg);
            OU_DECREF(seq);
            goto error;
        } else {
            if (unpack_iterable(seq, oparg, -1, sp + oparg) < 0) {
                OU_DECREF(seq);
                goto error;
            }
            sp += oparg;
        }
        OU_DECREF(seq);
        DISPATCH();
    }

    TARGET(UNPACK_EX) {
        int before = oparg & 0xff, after = oparg >> 8;
        OuObject *seq = POP();
        if (unpack_iterable(seq, before, after, sp + before + 1 + after) < 0) {
            OU_DECREF(seq);
            goto error;
        }
        sp += before + 1 + after;
        OU_DECREF(seq);
        DISPATCH();
    }

    TARGET(FORMAT_VALUE) {
        OuObject *spec = (oparg & 4) ? POP() : NULL, *value = POP();
        OuObject *r = format_value(value, oparg & 3, spec);
        OU_DECREF(value);
        OU_XDECREF(spec);
        if (!r)
            goto error;
        PUSH(r);
        DISPATCH();
    }

    TARGET(JUMP_FORWARD)
        JUMPTO(oparg);
        DISPATCH();

    TARGET(JUMP_BACKWARD)
        JUMPTO(oparg);
        if (OU_UNLIKELY(OU_RT->eval_breaker) && handle_eval_breaker(ts) < 0)
            goto error;
        DISPATCH();

    TARGET(POP_JUMP_IF_FALSE) {
        OuObject *v = POP();
        if (v == OU_FALSE) {
            JUMPTO(oparg);
        } else if (v != OU_TRUE) {
            int t = OuObject_IsTrue(v);
            OU_DECREF(v);
            if (t < 0)
                goto error;
            if (!t)
                JUMPTO(oparg);
            DISPATCH();
        }
        OU_DECREF(v);
        DISPATCH();
    }

    TARGET(POP_JUMP_IF_TRUE) {
        OuObject *v = POP();
        if (v == OU_TRUE) {
            JUMPTO(oparg);
        } else if (v != OU_FALSE) {
            int t = OuObject_IsTrue(v);
            OU_DECREF(v);
            if (t < 0)
                goto error;
            if (t)
                JUMPTO(oparg);
            DISPATCH();
        }
        OU_DECREF(v);
        DISPATCH();
    }

    TARGET(POP_JUMP_IF_NONE) {
        OuObject *v = POP();
        if (v == OU_NONE)
            JUMPTO(oparg);
        OU_DECREF(v);
        DISPATCH();
    }

    TARGET(POP_JUMP_IF_NOT_NONE) {
        OuObject *v = POP();
        if (v != OU_NONE)
            JUMPTO(oparg);
        OU_DECREF(v);
        DISPATCH();
    }

    TARGET(JUMP_IF_FALSE_OR_POP) {
        OuObject *v = TOP();
        int t = v == OU_TRUE ? 1 : v == OU_FALSE ? 0 : OuObject_IsTrue(v);
        if (t < 0)
            goto error;
        if (!t) {
            JUMPTO(oparg);
        } else {
            (void)POP();
            OU_DECREF(v);
        }
        DISPATCH();
    }

    TARGET(JUMP_IF_TRUE_OR_POP) {
        OuObject *v = TOP();
        int t = v == OU_TRUE ? 1 : v == OU_FALSE ? 0 : OuObject_IsTrue(v);
        if (t < 0)
            goto error;
        if (t) {
            JUMPTO(oparg);
        } else {
            (void)POP();
            OU_DECREF(v);
        }
        DISPATCH();
    }

    TARGET(GET_ITER) {
        OuObject *o = TOP(), *it = OuObject_GetIter(o);
        if (!it)
            goto error;
        SET_TOP(it);
        OU_DECREF(o);
        DISPATCH();
    }

    TARGET(FOR_ITER) {
        OuObject *it = TOP(), *next;
        OuTypeObject *tp = OU_TYPE(it);
        if (tp == &OuListIter_Type || tp == &OuTupleIter_Type) {
            OuListIterObject *li = (OuListIterObject *)it;
            OuObject *seq = li->seq;
            if (seq) {
                if (tp == &OuListIter_Type) {
                    if (li->index < OU_LIST_LEN(seq)) {
                        next = OU_LIST_GET(seq, li->index++);
                        OU_INCREF(next);
                        PUSH(next);
                        DISPATCH();
                    }
                } else if (li->index < OU_TUPLE_LEN(seq)) {
                    next = OU_TUPLE_GET(seq, li->index++);
                    OU_INCREF(next);
                    PUSH(next);
                    DISPATCH();
                }
                li->seq = NULL;
                OU_DECREF(seq);
            }
            goto for_iter_exhausted;
        }
        next = tp->tp_iternext(it);
        if (next) {
            PUSH(next);
            DISPATCH();
        }
        if (OuErr_Occurred()) {
            if (!OuErr_ExceptionMatches(OuExc_StopIteration))
                goto error;
            OuErr_Clear();
        }
    for_iter_exhausted:
        (void)POP();
        OU_DECREF(it);
        JUMPTO(oparg);
        DISPATCH();
    }

    TARGET(KW_NAMES)
        kwnames = consts[oparg];
        DISPATCH();

    TARGET(CALL) {
        int is_meth = PEEK(oparg + 2) != NULL;
        int total = oparg + is_meth;
        OuObject *callable = PEEK(total + 1);
        if (!is_meth && OuMethod_Check(callable)) {
            /* bound method: unpack into [func, self, args...] */
            OuObject *self = ((OuMethodObject *)callable)->im_self;
            OuObject *func = ((OuMethodObject *)callable)->im_func;
            OU_INCREF(self);
            OU_INCREF(func);
            PEEK(oparg + 1) = self;
            PEEK(oparg + 2) = func;
            OU_DECREF(callable);
            callable = func;
            is_meth = 1;
            total++;
        }
        OuObject **args = sp - total;
        OuObject *kwn = kwnames;
        Ou_ssize_t npos = total - (kwn ? OU_TUPLE_LEN(kwn) : 0);
        kwnames = NULL;
        if (OuFunction_Check(callable) &&
            !(((OuCodeObject *)((OuFunctionObject *)callable)->func_code)->co_flags & OU_CO_GENLIKE)) {
            OuFrame *nf = NULL;
            if (ts->recursion_depth >= OU_RT->recursion_limit)
                OuErr_SetString(OuExc_RecursionError, "maximum recursion depth exceeded");
            else
                nf = OuCall_PushFrame(ts, (OuFunctionObject *)callable, args, npos, kwn);
            OuObject **bottom = sp - (oparg + 2);
            while (sp > bottom) {
                OuObject *v = POP();
                OU_XDECREF(v);
            }
            if (!nf)
                goto error;
            f->stacktop = (int)(sp - lp);
            nf->previous = f;
            nf->is_entry = 0;
            nf->state = OU_FRAME_EXECUTING;
            ts->frame = nf;
            ts->recursion_depth++;
            f = nf;
            LOAD_FRAME_REGS();
            goto start_frame;
        }
        OuObject *res = OuObject_Vectorcall(callable, args, npos, kwn);
        OuObject **bottom = sp - (oparg + 2);
        while (sp > bottom) {
            OuObject *v = POP();
            OU_XDECREF(v);
        }
        if (!res)
            goto error;
        PUSH(res);
        DISPATCH();
    }

    TARGET(CALL_FUNCTION_EX) {
        OuObject *kwargs = (oparg & 1) ? POP() : NULL, *callargs = POP(), *func = TOP();
        OuObject *res = call_function_ex(func, callargs, kwargs);
        OU_DECREF(callargs);
        OU_XDECREF(kwargs);
        (void)POP();
        OU_DECREF(func);
        OuObject *null = POP();
        OU_XDECREF(null);
        if (!res)
            goto error;
        PUSH(res);
        DISPATCH();
    }

    TARGET(MAKE_FUNCTION) {
        OuObject *code = POP();
        OuFunctionObject *fn = (OuFunctionObject *)OuFunction_New(code, f->f_globals, NULL);
        OU_DECREF(code);
        if (!fn) {
            for (int bit = 1; bit <= 8; bit <<= 1)
                if (oparg & bit) {
                    OuObject *v = POP();
                    OU_DECREF(v);
                }
            goto error;
        }
        if (oparg & 8)
            fn->func_closure = POP();
        if (oparg & 4) {
            OuObject *ann = POP();
            fn->func_annotations = annotations_dict(ann);
            OU_DECREF(ann);
            if (!fn->func_annotations) {
                if (oparg & 2) {
                    OuObject *v = POP();
                    OU_DECREF(v);
                }
                if (oparg & 1) {
                    OuObject *v = POP();
                    OU_DECREF(v);
                }
                OU_DECREF(fn);
                goto error;
            }
        }
        if (oparg & 2)
            fn->func_kwdefaults = POP();
        if (oparg & 1)
            fn->func_defaults = POP();
        PUSH((OuObject *)fn);
        DISPATCH();
    }

    TARGET(RETURN_VALUE) {
        retval = POP();
        OuObject **base = STACK_BASE();
        while (sp > base) {
            OuObject *v = POP();
            OU_XDECREF(v);
        }
        goto exit_frame;
    }

    TARGET(RAISE_VARARGS) {
        OuObject *cause = NULL, *exc = NULL;
        switch (oparg) {
        case 2:
            cause = POP();
            /* fall through */
        case 1:
            exc = POP();
            /* fall through */
        case 0:
            if (do_raise(exc, cause))
                goto exception_unwind;
            break;
        default:
            OuErr_SetString(OuExc_SystemError, "bad RAISE_VARARGS oparg");
            break;
        }
        goto error;
    }

    TARGET(RERAISE) {
        OuObject *exc = POP();
        if (oparg) {
            OuObject *lasti = PEEK(oparg);
            if (OuInt_CheckExact(lasti) && OU_INT_IS_SMALL(lasti)) {
                f->lasti = (int)OU_INT_SMALL(lasti);
            } else {
                OU_DECREF(exc);
                OuErr_SetString(OuExc_SystemError, "lasti is not an int");
                goto error;
            }
        }
        OuErr_SetRaisedException(exc);
        goto exception_unwind;
    }

    TARGET(PUSH_EXC_INFO) {
        OuObject *value = TOP();
        OuExcStackItem *ei = ts->exc_info;
        SET_TOP(ei->exc_value ? ei->exc_value : OU_NEWREF(OU_NONE));
        OU_INCREF(value);
        PUSH(value);
        ei->exc_value = value;
        DISPATCH();
    }

    TARGET(POP_EXCEPT) {
        OuExcStackItem *ei = ts->exc_info;
        OuObject *old = ei->exc_value;
        ei->exc_value = POP();
        OU_XDECREF(old);
        DISPATCH();
    }

    TARGET(CHECK_EXC_MATCH) {
        OuObject *right = POP(), *left = TOP();
        if (check_except_type(right) < 0) {
            OU_DECREF(right);
            goto error;
        }
        int r = OuErr_GivenExceptionMatches(left, right);
        OU_DECREF(right);
        PUSH(OU_NEWREF(r > 0 ? OU_TRUE : OU_FALSE));
        DISPATCH();
    }

    TARGET(CHECK_EG_MATCH) {
        OuObject *type = POP(), *exc = TOP(), *match, *rest;
        if (check_except_star_type(type) < 0) {
            OU_DECREF(type);
            goto error;
        }
        int r = exception_group_match(exc, type, &match, &rest);
        OU_DECREF(type);
        if (r < 0)
            goto error;
        if (match == OU_NONE) {
            OU_DECREF(rest);
            PUSH(match);
        } else {
            SET_TOP(rest);
            PUSH(match);
            OuExcStackItem *ei = ts->exc_info;
            OU_XSETREF(ei->exc_value, OU_NEWREF(match));
            OU_DECREF(exc);
        }
        DISPATCH();
    }

    TARGET(PREP_RERAISE_STAR) {
        OuObject *excs = POP(), *orig = POP();
        OuObject *r = OuList_Check(excs) ? prep_reraise_star(orig, excs)
                                         : OuErr_Format(OuExc_SystemError, "bad PREP_RERAISE_STAR operand");
        OU_DECREF(excs);
        OU_DECREF(orig);
        if (!r)
            goto error;
        PUSH(r);
        DISPATCH();
    }

    TARGET(WITH_EXCEPT_START) {
        OuObject *val = TOP(), *exit_func = PEEK(4);
        OuObject *tb = OuExceptionInstance_Check(val) ? OuException_GetTraceback(val) : NULL;
        OuObject *args[3] = {(OuObject *)OU_TYPE(val), val, tb ? tb : OU_NONE};
        OuObject *res = OuObject_Vectorcall(exit_func, args, 3, NULL);
        if (!res)
            goto error;
        PUSH(res);
        DISPATCH();
    }

    TARGET(BEFORE_WITH)
    TARGET(BEFORE_ASYNC_WITH) {
        OuObject *mgr = TOP(), *exit;
        int is_async = OU_OPCODE(word) == OP_BEFORE_ASYNC_WITH;
        OuObject *res = before_with(mgr, &exit, is_async);
        if (!res)
            goto error;
        SET_TOP(exit);
        OU_DECREF(mgr);
        PUSH(res);
        DISPATCH();
    }

    TARGET(LOAD_BUILD_CLASS) {
        OuObject *bc;
        int r = mapping_lookup(f->f_builtins, OU_ID(__build_class__), &bc);
        if (r <= 0) {
            if (r == 0)
                OuErr_SetString(OuExc_NameError, "__build_class__ not found");
            goto error;
        }
        PUSH(bc);
        DISPATCH();
    }

    TARGET(LOAD_ASSERTION_ERROR)
        PUSH(OU_NEWREF(OuExc_AssertionError));
        DISPATCH();

    TARGET(SETUP_ANNOTATIONS)
        if (setup_annotations(f) < 0)
            goto error;
        DISPATCH();

    TARGET(IMPORT_NAME) {
        OuObject *fromlist = POP(), *level = TOP();
        OuObject *m = import_name(f, OU_TUPLE_GET(names, oparg), fromlist, level);
        OU_DECREF(fromlist);
        OU_DECREF(level);
        SET_TOP(m);
        if (!m) {
            (void)POP();
            goto error;
        }
        DISPATCH();
    }

    TARGET(IMPORT_FROM) {
        OuObject *x = import_from(TOP(), OU_TUPLE_GET(names, oparg));
        if (!x)
            goto error;
        PUSH(x);
        DISPATCH();
    }

    TARGET(IMPORT_STAR) {
        OuObject *from = POP();
        int err = import_star(f, from);
        OU_DECREF(from);
        if (err < 0)
            goto error;
        DISPATCH();
    }

    TARGET(PRINT_EXPR) {
        OuObject *v = POP();
        int err = print_expr(v);
        OU_DECREF(v);
        if (err < 0)
            goto error;
        DISPATCH();
    }

    TARGET(GET_LEN) {
        Ou_ssize_t n = OuObject_Length(TOP());
        OuObject *r = n < 0 ? NULL : OuInt_FromSsize_t(n);
        if (!r)
            goto error;
        PUSH(r);
        DISPATCH();
    }

    TARGET(MATCH_MAPPING)
    {
        OuObject *b = (OU_TYPE(TOP())->tp_flags & OU_TPFLAGS_MAPPING) ? OU_TRUE : OU_FALSE;
        OU_INCREF(b);
        PUSH(b);
        DISPATCH();
    }

    TARGET(MATCH_SEQUENCE)
    {
        OuObject *b = (OU_TYPE(TOP())->tp_flags & OU_TPFLAGS_SEQUENCE) ? OU_TRUE : OU_FALSE;
        OU_INCREF(b);
        PUSH(b);
        DISPATCH();
    }

    TARGET(MATCH_KEYS) {
        OuObject *r = match_keys(SECOND(), TOP());
        if (!r)
            goto error;
        PUSH(r);
        DISPATCH();
    }

    TARGET(MATCH_CLASS) {
        OuObject *kw = POP(), *type = POP(), *subject = TOP();
        OuObject *attrs = match_class(subject, type, oparg, kw);
        OU_DECREF(kw);
        OU_DECREF(type);
        if (!attrs) {
            if (OuErr_Occurred())
                goto error;
            attrs = OU_NEWREF(OU_NONE);
        }
        SET_TOP(attrs);
        OU_DECREF(subject);
        DISPATCH();
    }

    TARGET(YIELD_VALUE) {
        retval = POP();
        f->stacktop = (int)(sp - lp);
        f->state = OU_FRAME_SUSPENDED;
        ts->recursion_depth--;
        ts->frame = f->previous;
        f->previous = NULL;
        return retval;
    }

    TARGET(GET_YIELD_FROM_ITER) {
        OuObject *iterable = TOP();
        if (OuCoro_CheckExact(iterable)) {
            if (!(co->co_flags & (OU_CO_COROUTINE | OU_CO_ITERABLE_COROUTINE))) {
                OuErr_SetString(OuExc_TypeError,
                                "cannot 'yield from' a coroutine object in a non-coroutine generator");
                goto error;
            }
        } else if (!OuGen_CheckExact(iterable)) {
            OuObject *it = OuObject_GetIter(iterable);
            if (!it)
                goto error;
            SET_TOP(it);
            OU_DECREF(iterable);
        }
        DISPATCH();
    }

    TARGET(SEND) {
        OuObject *v = POP(), *recv = TOP(), *res = NULL;
        int status;
        if (OuGen_CheckExact(recv) || OuCoro_CheckExact(recv)) {
            status = OuGen_Send(recv, v, &res);
        } else {
            if (v == OU_NONE && OU_TYPE(recv)->tp_iternext)
                res = OU_TYPE(recv)->tp_iternext(recv);
            else
                res = OuObject_CallMethod(recv, OU_ID(send), &v, 1);
            if (res)
                status = OU_GEN_NEXT;
            else
                status = OuGen_FetchStopIterationValue(&res) == 0 ? OU_GEN_RETURN : OU_GEN_ERROR;
        }
        OU_DECREF(v);
        if (status == OU_GEN_ERROR)
            goto error;
        if (status == OU_GEN_RETURN) {
            SET_TOP(res);
            OU_DECREF(recv);
            JUMPTO(oparg);
            DISPATCH();
        }
        PUSH(res);
        DISPATCH();
    }

    TARGET(GET_AWAITABLE) {
        OuObject *o = TOP(), *it = get_awaitable(o, oparg);
        if (!it)
            goto error;
        SET_TOP(it);
        OU_DECREF(o);
        DISPATCH();
    }

    TARGET(GET_AITER) {
        OuObject *o = TOP(), *it = get_aiter(o);
        if (!it)
            goto error;
        SET_TOP(it);
        OU_DECREF(o);
        DISPATCH();
    }

    TARGET(GET_ANEXT) {
        OuObject *aw = get_anext(TOP());
        if (!aw)
            goto error;
        PUSH(aw);
        DISPATCH();
    }

    TARGET(END_ASYNC_FOR) {
        OuObject *exc = POP();
        if (OuErr_GivenExceptionMatches(exc, OuExc_StopAsyncIteration)) {
            OU_DECREF(exc);
            OuObject *aiter = POP();
            OU_DECREF(aiter);
            DISPATCH();
        }
        OuErr_SetRaisedException(exc);
        goto exception_unwind;
    }

    TARGET(ASYNC_GEN_WRAP) {
        OuObject *v = TOP(), *w = OuAsyncGen_WrapValue(v);
        if (!w)
            goto error;
        SET_TOP(w);
        OU_DECREF(v);
        DISPATCH();
    }

    TARGET(RETURN_GENERATOR)
    unknown_opcode:
        OuErr_Format(OuExc_SystemError, "%U:%d: unknown opcode %d", co->co_filename,
                     OuFrame_GetLineNumber(f), (int)(word & 0xff));
        goto error;

#if !OU_COMPUTED_GOTOS
    default:
        goto unknown_opcode;
    }
#endif

error:
    if (!OuErr_Occurred())
        OuErr_SetString(OuExc_SystemError, "error return without exception set");
    OuTraceBack_Here(f);
exception_unwind:
    /* The handler is found from where execution is (RERAISE may have set
       f->lasti back to the original raise, for the traceback only). */
    kwnames = NULL;
    {
        OuExcEntry e;
        if (find_handler(co, (int)(ip - first_instr) - 1, &e)) {
            OuObject **target = STACK_BASE() + e.depth;
            while (sp > target) {
                OuObject *v = POP();
                OU_XDECREF(v);
            }
            if (e.lasti) {
                OuObject *li = OuInt_FromLong(f->lasti);
                if (!li)
                    goto exit_unwind;
                PUSH(li);
            }
            PUSH(OuErr_GetRaisedException());
            JUMPTO(e.target);
            DISPATCH();
        }
    }
exit_unwind:
    {
        OuObject **base = STACK_BASE();
        while (sp > base) {
            OuObject *v = POP();
            OU_XDECREF(v);
        }
    }
    retval = NULL;
exit_frame:
    ts->recursion_depth--;
    f->stacktop = (int)(sp - lp);
    f->state = OU_FRAME_COMPLETED;
    {
        OuFrame *prev = f->previous;
        int entry = f->is_entry, owner = f->owner;
        OuFrame_Clear(f);
        f->previous = NULL;
        ts->frame = prev;
        if (owner == OU_FRAME_OWNED_BY_THREAD)
            OuFrame_Release(ts, f);
        if (entry)
            return retval;
        f = prev;
    }
    LOAD_FRAME_REGS();
    if (!retval)
        goto error;
    PUSH(retval);
    retval = NULL;
    DISPATCH();
}

/* ------------------------------------------------------------------ */
/* Introspection entry points                                         */

OuObject *OuEval_GetGlobals(void)
{
    OuFrame *f = OU_TS ? OU_TS->frame : NULL;
    return f ? f->f_globals : NULL;
}

OuObject *OuEval_GetBuiltins(void)
{
    OuFrame *f = OU_TS ? OU_TS->frame : NULL;
    return f ? f->f_builtins : OU_RT->builtins;
}

OuObject *OuEval_GetLocals(void)
{
    OuFrame *f = OU_TS ? OU_TS->frame : NULL;
    if (!f) {
        OuErr_SetString(OuExc_SystemError, "frame does not exist");
        return NULL;
    }
    if (f->f_locals)
        return OU_NEWREF(f->f_locals);
    return OuFrame_LocalsDict(f);
}

OuObject *OuEval_GetFrame(int depth)
{
    OuFrame *f = OU_TS ? OU_TS->frame : NULL;
    while (depth > 0 && f) {
        f = f->previous;
        depth--;
    }
    if (!f || depth < 0) {
        OuErr_SetString(OuExc_ValueError, "call stack is not deep enough");
        return NULL;
    }
    return OuFrame_GetObject(f);
}

int OuEval_SuperArgs(OuObject **type, OuObject **obj)
{
    OuFrame *f = OU_TS ? OU_TS->frame : NULL;
    *type = *obj = NULL;
    if (!f) {
        OuErr_SetString(OuExc_RuntimeError, "super(): no current frame");
        return -1;
    }
    OuCodeObject *co = f->f_code;
    if (co->co_argcount == 0) {
        OuErr_SetString(OuExc_RuntimeError, "super(): no arguments");
        return -1;
    }
    OuObject *first = f->localsplus[0];
    if (!first && co->co_cell2arg) {
        for (int j = 0; j < co->co_ncellvars; j++)
            if (co->co_cell2arg[j] == 0) {
                first = OU_CELL_GET(f->localsplus[co->co_nlocals + j]);
                break;
            }
    }
    if (!first) {
        OuErr_SetString(OuExc_RuntimeError, "super(): arg[0] deleted");
        return -1;
    }
    for (int i = 0; i < co->co_nfreevars; i++) {
        OuObject *name = OU_TUPLE_GET(co->co_freevars, i);
        if (!OuStr_EqualToASCII(name, "__class__"))
            continue;
        OuObject *cell = f->localsplus[co->co_nlocals + co->co_ncellvars + i];
        if (!cell || !OuCell_Check(cell)) {
            OuErr_SetString(OuExc_RuntimeError, "super(): bad __class__ cell");
            return -1;
        }
        OuObject *t = OU_CELL_GET(cell);
        if (!t) {
            OuErr_SetString(OuExc_RuntimeError, "super(): empty __class__ cell");
            return -1;
        }
        if (!OuType_Check(t)) {
            OuErr_Format(OuExc_RuntimeError, "super(): __class__ is not a type (%s)", OU_TYPE_NAME(t));
            return -1;
        }
        *type = OU_NEWREF(t);
        *obj = OU_NEWREF(first);
        return 0;
    }
    OuErr_SetString(OuExc_RuntimeError, "super(): __class__ cell not found");
    return -1;
}

int OuEval_Init(void)
{
    OuTypeObject *types[] = {&OuCode_Type, &OuFunction_Type, &OuCell_Type, &OuMethod_Type,
                             &OuFrame_Type, &OuTraceBack_Type};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (OuType_Ready(types[i]) < 0)
            return -1;
    return OuGen_Init();
}

/*
 * call.c -- calling Python functions: argument binding with CPython 3.11's
 * error messages, frame set-up (cells and free variables), and the
 * function's tp_call (OuFunction_Vectorcall).
 *
 * Types defined here: none.
 */
#include "core/ouro.h"
#include "vm/eval.h"
#include "vm/frame.h"
#include "objects/genobject.h"

/* ------------------------------------------------------------------ */
/* Error messages                                                     */

/* "'a'", "'a' and 'b'", "'a', 'b', and 'c'" for the names of the empty
   slots among localsplus[start..end). */
static OuObject *format_missing(OuCodeObject *co, OuObject **lp, int start, int end)
{
    OuStrBuilder b;
    OuStrBuilder_Init(&b);
    int n = 0, total = 0;
    for (int i = start; i < end; i++)
        total += lp[i] == NULL;
    for (int i = start; i < end; i++) {
        if (lp[i])
            continue;
        n++;
        const char *sep = n == 1 ? "" : (total == 2 ? " and " : (n == total ? ", and " : ", "));
        if (OuStrBuilder_AppendASCII(&b, sep, (Ou_ssize_t)strlen(sep)) < 0 ||
            OuStrBuilder_AppendChar(&b, '\'') < 0 ||
            OuStrBuilder_AppendStr(&b, OU_TUPLE_GET(co->co_varnames, i)) < 0 ||
            OuStrBuilder_AppendChar(&b, '\'') < 0) {
            OuStrBuilder_Discard(&b);
            return NULL;
        }
    }
    return OuStrBuilder_Finish(&b);
}

static void missing_arguments(OuFunctionObject *func, OuCodeObject *co, OuObject **lp, int kwonly,
                              int missing)
{
    int start = kwonly ? co->co_argcount : 0;
    int end = kwonly ? co->co_argcount + co->co_kwonlyargcount : co->co_argcount;
    if (!kwonly && func->func_defaults)
        end -= (int)OU_TUPLE_LEN(func->func_defaults);
    OuObject *names = format_missing(co, lp, start, end);
    if (!names)
        return;
    OuErr_Format(OuExc_TypeError, "%U() missing %d required %s argument%s: %U", func->func_qualname,
                 missing, kwonly ? "keyword-only" : "positional", missing == 1 ? "" : "s", names);
    OU_DECREF(names);
}

static void too_many_positional(OuFunctionObject *func, OuCodeObject *co, OuObject **lp,
                                Ou_ssize_t given)
{
    Ou_ssize_t defcount = func->func_defaults ? OU_TUPLE_LEN(func->func_defaults) : 0;
    int kwonly_given = 0;
    for (int i = co->co_argcount; i < co->co_argcount + co->co_kwonlyargcount; i++)
        kwonly_given += lp[i] != NULL;
    OuObject *sig = defcount ? OuStr_FromFormat("from %zd to %d", co->co_argcount - defcount, co->co_argcount)
                             : OuStr_FromFormat("%d", co->co_argcount);
    int plural = defcount ? 1 : co->co_argcount != 1;
    OuObject *kwsig = kwonly_given
        ? OuStr_FromFormat(" positional argument%s (and %d keyword-only argument%s)",
                           given != 1 ? "s" : "", kwonly_given, kwonly_given != 1 ? "s" : "")
        : OuStr_FromUTF8("");
    if (sig && kwsig)
        OuErr_Format(OuExc_TypeError, "%U() takes %U positional argument%s but %zd%U %s given",
                     func->func_qualname, sig, plural ? "s" : "", given, kwsig,
                     given == 1 && !kwonly_given ? "was" : "were");
    OU_XDECREF(sig);
    OU_XDECREF(kwsig);
}

/* Keyword names matching positional-only parameters (no **kwargs). */
static void posonly_as_keyword(OuFunctionObject *func, OuCodeObject *co, OuObject *kwnames)
{
    OuStrBuilder b;
    OuStrBuilder_Init(&b);
    int n = 0;
    for (int i = 0; i < co->co_posonlyargcount; i++) {
        OuObject *pname = OU_TUPLE_GET(co->co_varnames, i);
        for (Ou_ssize_t k = 0; k < OU_TUPLE_LEN(kwnames); k++) {
            OuObject *kn = OU_TUPLE_GET(kwnames, k);
            if (kn == pname || OuStr_Equal(kn, pname)) {
                if ((n++ && OuStrBuilder_AppendASCII(&b, ", ", 2) < 0) ||
                    OuStrBuilder_AppendStr(&b, pname) < 0) {
                    OuStrBuilder_Discard(&b);
                    return;
                }
                break;
            }
        }
    }
    OuObject *s = OuStrBuilder_Finish(&b);
    if (!s)
        return;
    OuErr_Format(OuExc_TypeError,
                 "%U() got some positional-only arguments passed as keyword arguments: '%U'",
                 func->func_qualname, s);
    OU_DECREF(s);
}

/* ------------------------------------------------------------------ */
/* Binding                                                            */

/* Index of keyword `name` among the parameters that accept keywords, or -1. */
static int find_keyword(OuCodeObject *co, OuObject *name, int total)
{
    OuObject **names = OU_TUPLE_ITEMS(co->co_varnames);
    for (int i = co->co_posonlyargcount; i < total; i++)
        if (names[i] == name)
            return i;
    for (int i = co->co_posonlyargcount; i < total; i++)
        if (OuStr_Equal(names[i], name))
            return i;
    return -1;
}

/* The general case: defaults, keywords, *args, **kwargs. */
static int bind_general(OuFunctionObject *func, OuCodeObject *co, OuObject **lp,
                        OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    int argcount = co->co_argcount, total = argcount + co->co_kwonlyargcount;
    OuObject *kwdict = NULL;
    if (co->co_flags & OU_CO_VARKEYWORDS) {
        kwdict = OuDict_New();
        if (!kwdict)
            return -1;
        lp[total + ((co->co_flags & OU_CO_VARARGS) != 0)] = kwdict;
    }
    Ou_ssize_t n = nargs < argcount ? nargs : argcount;
    for (Ou_ssize_t i = 0; i < n; i++)
        lp[i] = OU_NEWREF(args[i]);
    if (co->co_flags & OU_CO_VARARGS) {
        OuObject *t = nargs > n ? OuTuple_FromArray(args + n, nargs - n) : OU_NEWREF(ou_empty_tuple);
        if (!t)
            return -1;
        lp[total] = t;
    }
    if (kwnames) {
        int posonly_hit = 0;
        for (Ou_ssize_t k = 0; k < OU_TUPLE_LEN(kwnames); k++) {
            OuObject *name = OU_TUPLE_GET(kwnames, k), *value = args[nargs + k];
            if (!OuStr_Check(name)) {
                OuErr_Format(OuExc_TypeError, "%U() keywords must be strings", func->func_qualname);
                return -1;
            }
            int j = find_keyword(co, name, total);
            if (j < 0) {
                if (!kwdict) {
                    for (int i = 0; i < co->co_posonlyargcount; i++)
                        for (Ou_ssize_t q = 0; q < OU_TUPLE_LEN(kwnames); q++)
                            if (OuStr_Equal(OU_TUPLE_GET(co->co_varnames, i), OU_TUPLE_GET(kwnames, q)))
                                posonly_hit = 1;
                    if (posonly_hit)
                        break;
                    OuErr_Format(OuExc_TypeError, "%U() got an unexpected keyword argument '%S'",
                                 func->func_qualname, name);
                    return -1;
                }
                if (OuDict_SetItem(kwdict, name, value) < 0)
                    return -1;
                continue;
            }
            if (lp[j]) {
                OuErr_Format(OuExc_TypeError, "%U() got multiple values for argument '%S'",
                             func->func_qualname, name);
                return -1;
            }
            lp[j] = OU_NEWREF(value);
        }
        if (posonly_hit) {
            posonly_as_keyword(func, co, kwnames);
            return -1;
        }
    }
    if (nargs > argcount && !(co->co_flags & OU_CO_VARARGS)) {
        too_many_positional(func, co, lp, nargs);
        return -1;
    }
    if (nargs < argcount) {
        Ou_ssize_t defcount = func->func_defaults ? OU_TUPLE_LEN(func->func_defaults) : 0;
        Ou_ssize_t m = argcount - defcount;
        int missing = 0;
        for (Ou_ssize_t i = nargs; i < m; i++)
            missing += lp[i] == NULL;
        if (missing) {
            missing_arguments(func, co, lp, 0, missing);
            return -1;
        }
        for (Ou_ssize_t i = nargs > m ? nargs - m : 0; i < defcount; i++)
            if (!lp[m + i])
                lp[m + i] = OU_NEWREF(OU_TUPLE_GET(func->func_defaults, i));
    }
    if (co->co_kwonlyargcount) {
        int missing = 0;
        for (int i = argcount; i < total; i++) {
            if (lp[i])
                continue;
            OuObject *dflt = NULL;
            if (func->func_kwdefaults) {
                dflt = OuDict_GetItemWithError(func->func_kwdefaults, OU_TUPLE_GET(co->co_varnames, i));
                if (!dflt && OuErr_Occurred())
                    return -1;
            }
            if (dflt)
                lp[i] = OU_NEWREF(dflt);
            else
                missing++;
        }
        if (missing) {
            missing_arguments(func, co, lp, 1, missing);
            return -1;
        }
    }
    return 0;
}

/* Cells for co_cellvars (parameters moved into theirs), closure cells. */
static int setup_cells(OuFunctionObject *func, OuCodeObject *co, OuObject **lp)
{
    int base = co->co_nlocals;
    for (int j = 0; j < co->co_ncellvars; j++) {
        OuObject *v = NULL;
        int arg = co->co_cell2arg ? co->co_cell2arg[j] : -1;
        if (arg >= 0) {
            v = lp[arg];
            lp[arg] = NULL;
        }
        OuObject *cell = OuCell_New(v);
        OU_XDECREF(v);
        if (!cell)
            return -1;
        lp[base + j] = cell;
    }
    if (co->co_nfreevars) {
        OuObject *cl = func->func_closure;
        if (!cl || OU_TUPLE_LEN(cl) != co->co_nfreevars) {
            OuErr_Format(OuExc_SystemError, "%U(): closure does not match the free variables",
                         func->func_qualname);
            return -1;
        }
        base += co->co_ncellvars;
        for (int k = 0; k < co->co_nfreevars; k++)
            lp[base + k] = OU_NEWREF(OU_TUPLE_GET(cl, k));
    }
    return 0;
}

int OuCall_BindArgs(OuFunctionObject *func, OuFrame *f, OuObject *const *args, Ou_ssize_t nargs,
                    OuObject *kwnames)
{
    OuCodeObject *co = f->f_code;
    OuObject **lp = f->localsplus;
    if (kwnames && OU_TUPLE_LEN(kwnames) == 0)
        kwnames = NULL;
    if (OU_LIKELY(!kwnames && nargs == co->co_argcount && co->co_kwonlyargcount == 0 &&
                  !(co->co_flags & (OU_CO_VARARGS | OU_CO_VARKEYWORDS)))) {
        for (Ou_ssize_t i = 0; i < nargs; i++)
            lp[i] = OU_NEWREF(args[i]);
    } else if (bind_general(func, co, lp, args, nargs, kwnames) < 0) {
        return -1;
    }
    if (!(co->co_flags & OU_CO_NOFREE))
        return setup_cells(func, co, lp);
    return 0;
}

OuFrame *OuCall_PushFrame(OuThreadState *ts, OuFunctionObject *func, OuObject *const *args,
                          Ou_ssize_t nargs, OuObject *kwnames)
{
    OuCodeObject *co = (OuCodeObject *)func->func_code;
    OuFrame *f = OuFrame_Alloc(ts, co);
    if (!f)
        return NULL;
    OuFrame_Init(f, co, (OuObject *)func, func->func_globals, func->func_builtins, NULL,
                 OU_FRAME_OWNED_BY_THREAD);
    if (OuCall_BindArgs(func, f, args, nargs, kwnames) < 0) {
        OuFrame_Clear(f);
        OuFrame_Release(ts, f);
        return NULL;
    }
    return f;
}

/* ------------------------------------------------------------------ */
/* Entry points                                                       */

OuObject *OuFunction_Vectorcall(OuObject *func, OuObject *const *args, Ou_ssize_t nargs,
                                OuObject *kwnames)
{
    OuFunctionObject *fn = (OuFunctionObject *)func;
    OuCodeObject *co = (OuCodeObject *)fn->func_code;
    if (co->co_flags & (OU_CO_GENERATOR | OU_CO_COROUTINE | OU_CO_ASYNC_GENERATOR))
        return OuGen_NewFromFunction(fn, args, nargs, kwnames);
    OuThreadState *ts = OU_TS;
    OuFrame *f = OuCall_PushFrame(ts, fn, args, nargs, kwnames);
    if (!f)
        return NULL;
    return OuEval_EvalFrame(ts, f, 0);
}

OuObject *OuEval_CallWithLocals(OuObject *func, OuObject *locals)
{
    if (!OuFunction_Check(func)) {
        OuErr_BadInternalCall();
        return NULL;
    }
    OuFunctionObject *fn = (OuFunctionObject *)func;
    OuCodeObject *co = (OuCodeObject *)fn->func_code;
    OuThreadState *ts = OU_TS;
    OuFrame *f = OuFrame_Alloc(ts, co);
    if (!f)
        return NULL;
    OuFrame_Init(f, co, func, fn->func_globals, fn->func_builtins, locals, OU_FRAME_OWNED_BY_THREAD);
    if (OuCall_BindArgs(fn, f, NULL, 0, NULL) < 0) {
        OuFrame_Clear(f);
        OuFrame_Release(ts, f);
        return NULL;
    }
    return OuEval_EvalFrame(ts, f, 0);
}

OuObject *OuEval_EvalCode(OuObject *code, OuObject *globals, OuObject *locals)
{
    if (!code || !OuCode_Check(code) || !globals || !OuDict_Check(globals)) {
        OuErr_BadInternalCall();
        return NULL;
    }
    OuCodeObject *co = (OuCodeObject *)code;
    OuObject *builtins = OuFrame_BuiltinsFromGlobals(globals);
    if (!builtins)
        return NULL;
    if (locals == OU_NONE)
        locals = NULL;
    OuThreadState *ts = OU_TS;
    OuFrame *f = OuFrame_Alloc(ts, co);
    if (!f)
        return NULL;
    OuFrame_Init(f, co, NULL, globals, builtins, locals ? locals : globals, OU_FRAME_OWNED_BY_THREAD);
    return OuEval_EvalFrame(ts, f, 0);
}

/* "mod.qualname()" unless the module is builtins or missing. */
OuObject *OuCall_FunctionStr(OuObject *func)
{
    OuObject *qualname = NULL, *module = NULL, *r;
    if (OuObject_LookupAttr(func, OU_ID(__qualname__), &qualname) < 0)
        return NULL;
    if (!qualname || !OuStr_Check(qualname)) {
        OU_XDECREF(qualname);
        return OuObject_Str(func);
    }
    if (OuObject_LookupAttr(func, OU_ID(__module__), &module) < 0) {
        OU_DECREF(qualname);
        return NULL;
    }
    if (module && module != OU_NONE && OuStr_Check(module) && !OuStr_EqualToASCII(module, "builtins"))
        r = OuStr_FromFormat("%U.%U()", module, qualname);
    else
        r = OuStr_FromFormat("%U()", qualname);
    OU_DECREF(qualname);
    OU_XDECREF(module);
    return r;
}

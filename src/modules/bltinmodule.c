/*
 * bltinmodule.c -- the builtins module: the built-in functions, and the
 * built-in types, constants and exceptions under their Python names.
 */
#include "core/ouro.h"
#include "modules/modules.h"
#include "objects/typeobject.h"
#include "compiler/compile.h"
#include "vm/eval.h"

/* ---- classes ------------------------------------------------------------ */

/* PEP 560: a new reference to the bases with every non-class base that has
   __mro_entries__ replaced by the items of the tuple it returns. */
static OuObject *update_bases(OuObject *bases)
{
    Ou_ssize_t n = OU_TUPLE_LEN(bases);
    int any = 0;
    for (Ou_ssize_t i = 0; i < n && !any; i++) {
        OuObject *b = OU_TUPLE_GET(bases, i);
        if (!OuType_Check(b)) {
            int h = OuObject_HasAttr(b, OU_ID(__mro_entries__));
            if (h < 0)
                return NULL;
            any = h;
        }
    }
    if (!any)
        return OU_NEWREF(bases);
    OuObject *l = OuList_New(0);
    if (!l)
        return NULL;
    for (Ou_ssize_t i = 0; i < n; i++) {
        OuObject *b = OU_TUPLE_GET(bases, i);
        if (OuType_Check(b)) {
            if (OuList_Append(l, b) < 0)
                goto fail;
            continue;
        }
        OuObject *meth;
        if (OuObject_LookupAttr(b, OU_ID(__mro_entries__), &meth) < 0)
            goto fail;
        if (!meth) {
            if (OuList_Append(l, b) < 0)
                goto fail;
            continue;
        }
        OuObject *entries = OuObject_CallOneArg(meth, bases);
        OU_DECREF(meth);
        if (!entries)
            goto fail;
        if (!OuTuple_Check(entries)) {
            OU_DECREF(entries);
            OuErr_SetString(OuExc_TypeError, "__mro_entries__ must return a tuple");
            goto fail;
        }
        int r = OuList_Extend(l, entries);
        OU_DECREF(entries);
        if (r < 0)
            goto fail;
    }
    OuObject *t = OuList_AsTuple(l);
    OU_DECREF(l);
    return t;
fail:
    OU_DECREF(l);
    return NULL;
}

/* Split keyword arguments off a vectorcall: returns a new dict of them
   (empty when none). */
static OuObject *kwargs_dict(OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    OuObject *d = OuDict_New();
    if (!d || !kwnames)
        return d;
    for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(kwnames); i++) {
        if (OuDict_SetItem(d, OU_TUPLE_GET(kwnames, i), args[nargs + i]) < 0) {
            OU_DECREF(d);
            return NULL;
        }
    }
    return d;
}

/* Call f(*pos, **kw) where kw is a dict. */
static OuObject *call_with_dict(OuObject *f, OuObject *pos, OuObject *kw)
{
    return OuObject_Call(f, pos, OU_DICT_LEN(kw) ? kw : NULL);
}

/* __build_class__(func, name, *bases, metaclass=None, **kwds) */
static OuObject *builtin___build_class__(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                                         OuObject *kwnames)
{
    OuObject *orig_bases = NULL, *bases = NULL, *kw = NULL, *meta = NULL, *ns = NULL, *cls = NULL;
    if (nargs < 2)
        return OuErr_Format(OuExc_TypeError, "__build_class__: not enough arguments");
    OuObject *func = args[0], *name = args[1];
    if (!OuFunction_Check(func))
        return OuErr_Format(OuExc_TypeError, "__build_class__: func must be a function");
    if (!OuStr_Check(name))
        return OuErr_Format(OuExc_TypeError, "__build_class__: name is not a string");
    orig_bases = OuTuple_FromArray(args + 2, nargs - 2);
    if (!orig_bases)
        return NULL;
    bases = update_bases(orig_bases);
    kw = bases ? kwargs_dict(args, nargs, kwnames) : NULL;
    if (!kw)
        goto done;
    if (OuDict_Pop(kw, OU_ID(metaclass), &meta) < 0)
        goto done;
    int is_class = 0;
    if (!meta) {
        meta = OU_TUPLE_LEN(bases) ? (OuObject *)OU_TYPE(OU_TUPLE_GET(bases, 0)) : (OuObject *)&OuType_Type;
        OU_INCREF(meta);
        is_class = 1;
    } else {
        is_class = OuType_Check(meta) != 0;
    }
    if (is_class) {
        OuObject *winner = (OuObject *)OuType_CalculateMetaclass((OuTypeObject *)meta, bases);
        if (!winner)
            goto done;
        OU_SETREF(meta, OU_NEWREF(winner));
    }
    /* namespace from __prepare__ */
    OuObject *prep;
    if (OuObject_LookupAttr(meta, OU_ID(__prepare__), &prep) < 0)
        goto done;
    if (prep) {
        OuObject *pargs = OuTuple_Pack(2, name, bases);
        ns = pargs ? call_with_dict(prep, pargs, kw) : NULL;
        OU_XDECREF(pargs);
        OU_DECREF(prep);
        if (!ns)
            goto done;
    } else {
        ns = OuDict_New();
        if (!ns)
            goto done;
    }
    if (!OuDict_Check(ns) && !OU_TYPE(ns)->mp_subscript) {
        OuErr_Format(OuExc_TypeError, "%s.__prepare__() must return a mapping, not %T",
                     is_class ? ((OuTypeObject *)meta)->tp_name : "<metaclass>", ns);
        goto done;
    }
    OuObject *body = OuEval_CallWithLocals(func, ns);
    if (!body)
        goto done;
    OU_DECREF(body);
    if (bases != orig_bases && OuObject_SetItem(ns, OU_ID(__orig_bases__), orig_bases) < 0)
        goto done;
    {
        OuObject *margs = OuTuple_Pack(3, name, bases, ns);
        cls = margs ? call_with_dict(meta, margs, kw) : NULL;
        OU_XDECREF(margs);
    }
done:
    OU_XDECREF(orig_bases);
    OU_XDECREF(bases);
    OU_XDECREF(kw);
    OU_XDECREF(meta);
    OU_XDECREF(ns);
    return cls;
}

/* __import__(name, globals=None, locals=None, fromlist=(), level=0) */
static OuObject *builtin___import__(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {"name", "globals", "locals", "fromlist", "level", NULL};
    OuObject *a[5];
    if (OuArg_Parse("__import__", args, nargs, kwnames, names, 0, -1, 1, a) < 0)
        return NULL;
    if (!OuStr_Check(a[0]))
        return OuErr_Format(OuExc_TypeError, "__import__() argument 1 must be str, not %T", a[0]);
    int level = 0;
    if (a[4]) {
        long lv = OuInt_AsLong(a[4]);
        if (lv == -1 && OuErr_Occurred())
            return NULL;
        level = (int)lv;
    }
    return OuImport_ImportModuleLevel(a[0], a[1], a[2], a[3], level);
}

/* ---- simple functions ---------------------------------------------------- */

static OuObject *builtin_abs(OuObject *self, OuObject *x) { return OuNumber_Absolute(x); }
static OuObject *builtin_repr(OuObject *self, OuObject *x) { return OuObject_Repr(x); }
static OuObject *builtin_ascii(OuObject *self, OuObject *x) { return OuObject_ASCII(x); }

static OuObject *builtin_callable(OuObject *self, OuObject *x) { return OuBool_FromLong(OuCallable_Check(x)); }

static OuObject *builtin_id(OuObject *self, OuObject *x) { return OuInt_FromSize_t((size_t)(uintptr_t)x); }

static OuObject *builtin_len(OuObject *self, OuObject *x)
{
    Ou_ssize_t n = OuObject_Length(x);
    return n < 0 ? NULL : OuInt_FromSsize_t(n);
}

static OuObject *builtin_hash(OuObject *self, OuObject *x)
{
    Ou_hash_t h = OuObject_Hash(x);
    return h == -1 ? NULL : OuInt_FromSsize_t(h);
}

/* all(iterable) / any(iterable): stop at the first falsy / truthy item. */
static OuObject *all_any(OuObject *iterable, int want)
{
    OuObject *it = OuObject_GetIter(iterable), *item;
    if (!it)
        return NULL;
    while ((item = OuIter_Next(it))) {
        int t = OuObject_IsTrue(item);
        OU_DECREF(item);
        if (t < 0) {
            OU_DECREF(it);
            return NULL;
        }
        if (t == want) {
            OU_DECREF(it);
            return OuBool_FromLong(want);
        }
    }
    OU_DECREF(it);
    if (OuErr_Occurred())
        return NULL;
    return OuBool_FromLong(!want);
}

static OuObject *builtin_all(OuObject *self, OuObject *x) { return all_any(x, 0); }
static OuObject *builtin_any(OuObject *self, OuObject *x) { return all_any(x, 1); }

/* bin/oct/hex: the integer's text in a base, with the prefix. */
static OuObject *int_text(OuObject *x, int base)
{
    OuObject *i = OuNumber_Index(x);
    if (!i)
        return NULL;
    OuObject *s = OuInt_Format(i, base, 1);
    OU_DECREF(i);
    return s;
}

static OuObject *builtin_bin(OuObject *self, OuObject *x) { return int_text(x, 2); }
static OuObject *builtin_oct(OuObject *self, OuObject *x) { return int_text(x, 8); }
static OuObject *builtin_hex(OuObject *self, OuObject *x) { return int_text(x, 16); }

static OuObject *builtin_chr(OuObject *self, OuObject *x)
{
    if (OuFloat_Check(x))
        return OuErr_Format(OuExc_TypeError, "'float' object cannot be interpreted as an integer");
    long c = OuInt_AsLong(x);
    if (c == -1 && OuErr_Occurred()) {
        if (OuErr_ExceptionMatches(OuExc_OverflowError)) {
            OuErr_Clear();
            return OuErr_Format(OuExc_OverflowError, "Python int too large to convert to C int");
        }
        return NULL;
    }
    if (c < 0 || c > 0x10FFFF)
        return OuErr_Format(OuExc_ValueError, "chr() arg not in range(0x110000)");
    return OuStr_FromOrdinal((uint32_t)c);
}

static OuObject *builtin_ord(OuObject *self, OuObject *x)
{
    if (OuStr_Check(x)) {
        if (OU_STR_LEN(x) == 1)
            return OuInt_FromLong((long)OU_STR_CHAR(x, 0));
        return OuErr_Format(OuExc_TypeError, "ord() expected a character, but string of length %zd found",
                            OU_STR_LEN(x));
    }
    if (OuBytes_Check(x) || OuByteArray_Check(x)) {
        Ou_ssize_t n = OU_SIZE(x);
        const char *d = OuBytes_Check(x) ? OU_BYTES_DATA(x) : ((OuByteArrayObject *)x)->data;
        if (n == 1)
            return OuInt_FromLong((unsigned char)d[0]);
        return OuErr_Format(OuExc_TypeError, "ord() expected a character, but string of length %zd found", n);
    }
    return OuErr_Format(OuExc_TypeError, "ord() expected string of length 1, but %T found", x);
}

static OuObject *builtin_divmod(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("divmod", kwnames) < 0 || OuArg_CheckPositional("divmod", nargs, 2, 2) < 0)
        return NULL;
    return OuNumber_Divmod(args[0], args[1]);
}

static OuObject *builtin_pow(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {"base", "exp", "mod", NULL};
    OuObject *a[3];
    if (OuArg_Parse("pow", args, nargs, kwnames, names, 0, -1, 2, a) < 0)
        return NULL;
    return OuNumber_Power(a[0], a[1], a[2] ? a[2] : OU_NONE);
}

static OuObject *builtin_round(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {"number", "ndigits", NULL};
    OuObject *a[2];
    if (OuArg_Parse("round", args, nargs, kwnames, names, 0, -1, 1, a) < 0)
        return NULL;
    OuObject *m = OuObject_LookupSpecial(a[0], OU_ID(__round__));
    if (!m) {
        if (!OuErr_Occurred())
            OuErr_Format(OuExc_TypeError, "type %s doesn't define __round__ method", OU_TYPE_NAME(a[0]));
        return NULL;
    }
    OuObject *r = (a[1] && a[1] != OU_NONE) ? OuObject_CallOneArg(m, a[1]) : OuObject_CallNoArgs(m);
    OU_DECREF(m);
    return r;
}

static OuObject *builtin_format(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {"value", "format_spec", NULL};
    OuObject *a[2];
    if (OuArg_Parse("format", args, nargs, kwnames, names, 2, -1, 1, a) < 0)
        return NULL;
    if (a[1] && !OuStr_Check(a[1]))
        return OuErr_Format(OuExc_TypeError, "format() argument 2 must be str, not %T", a[1]);
    return OuObject_Format(a[0], a[1] ? a[1] : OU_ID(empty));
}

/* ---- attributes ----------------------------------------------------------- */

static OuObject *builtin_getattr(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("getattr", kwnames) < 0)
        return NULL;
    if (nargs < 2)
        return OuErr_Format(OuExc_TypeError, "getattr expected at least 2 arguments, got %zd", nargs);
    if (nargs > 3)
        return OuErr_Format(OuExc_TypeError, "getattr expected at most 3 arguments, got %zd", nargs);
    if (!OuStr_Check(args[1]))
        return OuErr_Format(OuExc_TypeError, "attribute name must be string, not '%s'", OU_TYPE_NAME(args[1]));
    if (nargs == 2)
        return OuObject_GetAttr(args[0], args[1]);
    OuObject *r;
    if (OuObject_LookupAttr(args[0], args[1], &r) < 0)
        return NULL;
    return r ? r : OU_NEWREF(args[2]);
}

static OuObject *builtin_hasattr(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("hasattr", kwnames) < 0 || OuArg_CheckPositional("hasattr", nargs, 2, 2) < 0)
        return NULL;
    if (!OuStr_Check(args[1]))
        return OuErr_Format(OuExc_TypeError, "attribute name must be string, not '%s'", OU_TYPE_NAME(args[1]));
    OuObject *r;
    if (OuObject_LookupAttr(args[0], args[1], &r) < 0)
        return NULL;
    OU_XDECREF(r);
    return OuBool_FromLong(r != NULL);
}

static OuObject *builtin_setattr(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("setattr", kwnames) < 0 || OuArg_CheckPositional("setattr", nargs, 3, 3) < 0)
        return NULL;
    if (!OuStr_Check(args[1]))
        return OuErr_Format(OuExc_TypeError, "attribute name must be string, not '%s'", OU_TYPE_NAME(args[1]));
    if (OuObject_SetAttr(args[0], args[1], args[2]) < 0)
        return NULL;
    OU_RETURN_NONE;
}

static OuObject *builtin_delattr(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("delattr", kwnames) < 0 || OuArg_CheckPositional("delattr", nargs, 2, 2) < 0)
        return NULL;
    if (!OuStr_Check(args[1]))
        return OuErr_Format(OuExc_TypeError, "attribute name must be string, not '%s'", OU_TYPE_NAME(args[1]));
    if (OuObject_SetAttr(args[0], args[1], NULL) < 0)
        return NULL;
    OU_RETURN_NONE;
}

static OuObject *builtin_isinstance(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("isinstance", kwnames) < 0 || OuArg_CheckPositional("isinstance", nargs, 2, 2) < 0)
        return NULL;
    int r = OuObject_IsInstance(args[0], args[1]);
    return r < 0 ? NULL : OuBool_FromLong(r);
}

static OuObject *builtin_issubclass(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("issubclass", kwnames) < 0 || OuArg_CheckPositional("issubclass", nargs, 2, 2) < 0)
        return NULL;
    int r = OuObject_IsSubclass(args[0], args[1]);
    return r < 0 ? NULL : OuBool_FromLong(r);
}

/* ---- namespaces ------------------------------------------------------------ */

static OuObject *builtin_globals(OuObject *self, OuObject *unused)
{
    OuObject *g = OuEval_GetGlobals();
    return OU_NEWREF(g ? g : OU_NONE);
}

static OuObject *builtin_locals(OuObject *self, OuObject *unused)
{
    return OuEval_GetLocals();
}

static OuObject *builtin_vars(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("vars", kwnames) < 0 || OuArg_CheckPositional("vars", nargs, 0, 1) < 0)
        return NULL;
    if (nargs == 0)
        return OuEval_GetLocals();
    OuObject *d;
    if (OuObject_LookupAttr(args[0], OU_ID(__dict__), &d) < 0)
        return NULL;
    if (!d)
        return OuErr_Format(OuExc_TypeError, "vars() argument must have __dict__ attribute");
    return d;
}

static OuObject *builtin_dir(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("dir", kwnames) < 0 || OuArg_CheckPositional("dir", nargs, 0, 1) < 0)
        return NULL;
    if (nargs == 1)
        return OuObject_Dir(args[0]);
    OuObject *loc = OuEval_GetLocals();
    if (!loc)
        return NULL;
    OuObject *l = OuSequence_List(loc);
    OU_DECREF(loc);
    if (l && OuList_Sort(l) < 0)
        OU_CLEAR(l);
    return l;
}

/* ---- iteration --------------------------------------------------------------- */

static OuObject *builtin_iter(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("iter", kwnames) < 0)
        return NULL;
    if (nargs < 1)
        return OuErr_Format(OuExc_TypeError, "iter expected at least 1 argument, got 0");
    if (nargs > 2)
        return OuErr_Format(OuExc_TypeError, "iter expected at most 2 arguments, got %zd", nargs);
    if (nargs == 1)
        return OuObject_GetIter(args[0]);
    if (!OuCallable_Check(args[0]))
        return OuErr_Format(OuExc_TypeError, "iter(v, w): v must be callable");
    return OuCallIter_New(args[0], args[1]);
}

static OuObject *builtin_next(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("next", kwnames) < 0)
        return NULL;
    if (nargs < 1)
        return OuErr_Format(OuExc_TypeError, "next expected at least 1 argument, got 0");
    if (nargs > 2)
        return OuErr_Format(OuExc_TypeError, "next expected at most 2 arguments, got %zd", nargs);
    OuObject *it = args[0];
    if (!OU_TYPE(it)->tp_iternext)
        return OuErr_Format(OuExc_TypeError, "'%s' object is not an iterator", OU_TYPE_NAME(it));
    OuObject *r = OU_TYPE(it)->tp_iternext(it);
    if (r)
        return r;
    if (OuErr_Occurred()) {
        if (nargs == 2 && OuErr_ExceptionMatches(OuExc_StopIteration))
            OuErr_Clear();
        else
            return NULL;
    }
    if (nargs == 2)
        return OU_NEWREF(args[1]);
    OuErr_SetNone(OuExc_StopIteration);
    return NULL;
}

/* min()/max(): op is OU_LT for min, OU_GT for max. */
static OuObject *min_max(const char *fn, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames, int op)
{
    OuObject *key = NULL, *dflt = NULL;
    for (Ou_ssize_t i = 0; kwnames && i < OU_TUPLE_LEN(kwnames); i++) {
        OuObject *k = OU_TUPLE_GET(kwnames, i);
        if (OuStr_EqualToASCII(k, "key"))
            key = args[nargs + i];
        else if (OuStr_EqualToASCII(k, "default"))
            dflt = args[nargs + i];
        else
            return OuErr_Format(OuExc_TypeError, "%s() got an unexpected keyword argument '%U'", fn, k);
    }
    if (key == OU_NONE)
        key = NULL;
    if (nargs == 0)
        return OuErr_Format(OuExc_TypeError, "%s expected at least 1 argument, got 0", fn);
    if (nargs > 1 && dflt)
        return OuErr_Format(OuExc_TypeError,
                            "Cannot specify a default for %s() with multiple positional arguments", fn);
    OuObject *it;
    if (nargs == 1) {
        it = OuObject_GetIter(args[0]);
    } else {
        OuObject *tmp = OuTuple_FromArray(args, nargs);
        it = tmp ? OuObject_GetIter(tmp) : NULL;
        OU_XDECREF(tmp);
    }
    if (!it)
        return NULL;
    OuObject *best = NULL, *bestkey = NULL, *item;
    while ((item = OuIter_Next(it))) {
        OuObject *k = key ? OuObject_CallOneArg(key, item) : OU_NEWREF(item);
        if (!k) {
            OU_DECREF(item);
            goto fail;
        }
        if (!best) {
            best = item;
            bestkey = k;
            continue;
        }
        int better = OuObject_RichCompareBool(k, bestkey, op);
        if (better < 0) {
            OU_DECREF(item);
            OU_DECREF(k);
            goto fail;
        }
        if (better) {
            OU_SETREF(best, item);
            OU_SETREF(bestkey, k);
        } else {
            OU_DECREF(item);
            OU_DECREF(k);
        }
    }
    if (OuErr_Occurred())
        goto fail;
    OU_DECREF(it);
    OU_XDECREF(bestkey);
    if (best)
        return best;
    if (dflt)
        return OU_NEWREF(dflt);
    return OuErr_Format(OuExc_ValueError, "%s() arg is an empty sequence", fn);
fail:
    OU_DECREF(it);
    OU_XDECREF(best);
    OU_XDECREF(bestkey);
    return NULL;
}

static OuObject *builtin_min(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    return min_max("min", args, nargs, kwnames, OU_LT);
}

static OuObject *builtin_max(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    return min_max("max", args, nargs, kwnames, OU_GT);
}

/* sum(iterable, /, start=0) with fast paths for small ints and floats. */
static OuObject *builtin_sum(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {"iterable", "start", NULL};
    OuObject *a[2];
    if (OuArg_Parse("sum", args, nargs, kwnames, names, 1, -1, 1, a) < 0)
        return NULL;
    OuObject *start = a[1];
    if (start) {
        if (OuStr_Check(start))
            return OuErr_Format(OuExc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
        if (OuBytes_Check(start))
            return OuErr_Format(OuExc_TypeError, "sum() can't sum bytes [use b''.join(seq) instead]");
        if (OuByteArray_Check(start))
            return OuErr_Format(OuExc_TypeError, "sum() can't sum bytearray [use b''.join(seq) instead]");
    }
    OuObject *it = OuObject_GetIter(a[0]);
    if (!it)
        return NULL;
    OuObject *acc = start ? OU_NEWREF(start) : OuInt_FromLong(0), *item;
    while (acc && (item = OuIter_Next(it))) {
        /* int + int without overflow stays on the machine word */
        if (OuInt_CheckExact(acc) && OuInt_CheckExact(item) && OU_INT_IS_SMALL(acc) && OU_INT_IS_SMALL(item)) {
            int64_t r;
            if (!__builtin_add_overflow(OU_INT_SMALL(acc), OU_INT_SMALL(item), &r)) {
                OU_DECREF(item);
                OU_SETREF(acc, OuInt_FromInt64(r));
                continue;
            }
        } else if (OuFloat_CheckExact(acc) && OuFloat_CheckExact(item)) {
            double r = OU_FLOAT_VALUE(acc) + OU_FLOAT_VALUE(item);
            OU_DECREF(item);
            OU_SETREF(acc, OuFloat_FromDouble(r));
            continue;
        }
        OuObject *r = OuNumber_Add(acc, item);
        OU_DECREF(item);
        OU_SETREF(acc, r);
    }
    OU_DECREF(it);
    if (acc && OuErr_Occurred())
        OU_CLEAR(acc);
    return acc;
}

static OuObject *builtin_sorted(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {"iterable", "key", "reverse", NULL};
    OuObject *a[3];
    if (nargs > 1)
        return OuErr_Format(OuExc_TypeError, "sorted expected 1 argument, got %zd", nargs);
    if (OuArg_Parse("sorted", args, nargs, kwnames, names, 1, 1, 1, a) < 0)
        return NULL;
    int reverse = 0;
    if (a[2]) {
        reverse = OuObject_IsTrue(a[2]);
        if (reverse < 0)
            return NULL;
    }
    OuObject *l = OuSequence_List(a[0]);
    if (!l)
        return NULL;
    if (OuList_SortWithKey(l, a[1] == OU_NONE ? NULL : a[1], reverse) < 0) {
        OU_DECREF(l);
        return NULL;
    }
    return l;
}

/* ---- input and output ------------------------------------------------------- */

/* Write one str to a stream (our fast path, else stream.write(s)). */
static int stream_write(OuObject *stream, OuObject *s)
{
    int r = OuStdPrinter_WriteStr(stream, s);
    if (r != 0)
        return r < 0 ? -1 : 0;
    OuObject *w = OuObject_CallMethod(stream, OU_ID(write), &s, 1);
    if (!w)
        return -1;
    OU_DECREF(w);
    return 0;
}

/* Which of sep/end/file/flush a print() keyword names; -1 if none. */
static int print_keyword(OuObject *k)
{
    static const char *const kws[] = {"sep", "end", "file", "flush"};
    for (int i = 0; i < 4; i++)
        if (OuStr_EqualToASCII(k, kws[i]))
            return i;
    return -1;
}

static OuObject *builtin_print(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    OuObject *opt[4] = {NULL, NULL, NULL, NULL};   /* sep, end, file, flush */
    for (Ou_ssize_t i = 0; kwnames && i < OU_TUPLE_LEN(kwnames); i++) {
        int k = print_keyword(OU_TUPLE_GET(kwnames, i));
        if (k < 0)
            return OuErr_Format(OuExc_TypeError, "'%U' is an invalid keyword argument for print()",
                                OU_TUPLE_GET(kwnames, i));
        opt[k] = args[nargs + i];
    }
    for (int k = 0; k < 2; k++)
        if (opt[k] == OU_NONE)
            opt[k] = NULL;
        else if (opt[k] && !OuStr_Check(opt[k]))
            return OuErr_Format(OuExc_TypeError, "%s must be None or a string, not %T", k ? "end" : "sep", opt[k]);
    OuObject *file = opt[2];
    if (!file || file == OU_NONE) {
        file = OuSys_GetObject("stdout");
        if (!file)
            return OuErr_Format(OuExc_RuntimeError, "lost sys.stdout");
        if (file == OU_NONE)
            OU_RETURN_NONE;
    }
    for (Ou_ssize_t i = 0; i < nargs; i++) {
        if (i > 0) {
            OuObject *sep = opt[0];
            int r;
            if (sep) {
                r = stream_write(file, sep);
            } else {
                OuObject *sp = OuStr_FromOrdinal(' ');
                r = sp ? stream_write(file, sp) : -1;
                OU_XDECREF(sp);
            }
            if (r < 0)
                return NULL;
        }
        OuObject *s = OuStr_CheckExact(args[i]) ? OU_NEWREF(args[i]) : OuObject_Str(args[i]);
        if (!s)
            return NULL;
        int r = stream_write(file, s);
        OU_DECREF(s);
        if (r < 0)
            return NULL;
    }
    {
        OuObject *end = opt[1] ? OU_NEWREF(opt[1]) : OuStr_FromOrdinal('\n');
        int r = end ? stream_write(file, end) : -1;
        OU_XDECREF(end);
        if (r < 0)
            return NULL;
    }
    if (opt[3]) {
        int fl = OuObject_IsTrue(opt[3]);
        if (fl < 0)
            return NULL;
        if (fl) {
            OuObject *r = OuObject_CallMethod(file, OU_ID(flush), NULL, 0);
            if (!r)
                return NULL;
            OU_DECREF(r);
        }
    }
    OU_RETURN_NONE;
}

static OuObject *builtin_input(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("input", kwnames) < 0 || OuArg_CheckPositional("input", nargs, 0, 1) < 0)
        return NULL;
    OuObject *in = OuSys_GetObject("stdin"), *out = OuSys_GetObject("stdout");
    if (!in || in == OU_NONE)
        return OuErr_Format(OuExc_RuntimeError, "input(): lost sys.stdin");
    if (!out || out == OU_NONE)
        return OuErr_Format(OuExc_RuntimeError, "input(): lost sys.stdout");
    if (nargs == 1) {
        OuObject *p = OuObject_Str(args[0]);
        int r = p ? stream_write(out, p) : -1;
        OU_XDECREF(p);
        if (r < 0)
            return NULL;
    }
    OuObject *r = OuObject_CallMethod(out, OU_ID(flush), NULL, 0);
    if (!r)
        return NULL;
    OU_DECREF(r);
    OuObject *line = OuObject_CallMethod(in, OU_ID(readline), NULL, 0);
    if (!line)
        return NULL;
    if (!OuStr_Check(line)) {
        OU_DECREF(line);
        return OuErr_Format(OuExc_TypeError, "object.readline() returned non-string");
    }
    Ou_ssize_t n = OU_STR_LEN(line);
    if (n == 0) {
        OU_DECREF(line);
        OuErr_SetString(OuExc_EOFError, "EOF when reading a line");
        return NULL;
    }
    if (OU_STR_CHAR(line, n - 1) == '\n') {
        OuObject *s = OuStr_Substring(line, 0, n - 1);
        OU_DECREF(line);
        return s;
    }
    return line;
}

static OuObject *builtin_open(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    OuErr_SetString(OuExc_NotImplementedError, "open() needs the _io module, which Ouro does not have yet");
    return NULL;
}

/* ---- compile, eval, exec ------------------------------------------------------ */

/* The source text of a str / bytes / buffer argument as UTF-8 (borrowed from
   *keep, which the caller releases). */
static const char *source_text(const char *fn, OuObject *src, OuObject **keep)
{
    *keep = NULL;
    if (OuStr_Check(src))
        return OuStr_AsUTF8(src);
    if (OuBytes_Check(src))
        return OU_BYTES_DATA(src);
    if (OuByteArray_Check(src)) {
        *keep = OuBytes_FromStringAndSize(((OuByteArrayObject *)src)->data, OU_SIZE(src));
        return *keep ? OU_BYTES_DATA(*keep) : NULL;
    }
    OuErr_Format(OuExc_TypeError, "%s() arg 1 must be a string, bytes or code object", fn);
    return NULL;
}

static OuObject *builtin_compile(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {"source", "filename", "mode", "flags", "dont_inherit", "optimize",
                                        "_feature_version", NULL};
    OuObject *a[7];
    if (OuArg_Parse("compile", args, nargs, kwnames, names, 0, 6, 3, a) < 0)
        return NULL;
    if (!OuStr_Check(a[2]))
        return OuErr_Format(OuExc_TypeError, "compile() argument 'mode' must be str, not %T", a[2]);
    int mode;
    if (OuStr_EqualToASCII(a[2], "exec"))
        mode = OU_FILE_INPUT;
    else if (OuStr_EqualToASCII(a[2], "eval"))
        mode = OU_EVAL_INPUT;
    else if (OuStr_EqualToASCII(a[2], "single"))
        mode = OU_SINGLE_INPUT;
    else
        return OuErr_Format(OuExc_ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
    long flags = 0;
    if (a[3]) {
        flags = OuInt_AsLong(a[3]);
        if (flags == -1 && OuErr_Occurred())
            return NULL;
    }
    if (flags & 0x400)
        return OuErr_Format(OuExc_NotImplementedError, "compile() to an AST (PyCF_ONLY_AST) is not supported yet");
    OuObject *fname = OuObject_Str(a[1]);
    if (!fname)
        return NULL;
    OuObject *keep;
    const char *text = source_text("compile", a[0], &keep);
    OuObject *code = NULL;
    if (text) {
        const char *f = OuStr_AsUTF8(fname);
        code = f ? Ou_CompileString(text, f, mode, (int)flags) : NULL;
    }
    OU_XDECREF(keep);
    OU_DECREF(fname);
    return code;
}

/* Resolve the globals/locals arguments of eval/exec; new references. */
static int eval_namespaces(const char *fn, OuObject *g, OuObject *l, OuObject **gout, OuObject **lout)
{
    if (g == OU_NONE)
        g = NULL;
    if (l == OU_NONE)
        l = NULL;
    if (g && !OuDict_Check(g)) {
        OuErr_Format(OuExc_TypeError, "%s() globals must be a dict, not %T", fn, g);
        return -1;
    }
    if (l && !OU_TYPE(l)->mp_subscript) {
        OuErr_Format(OuExc_TypeError, "locals must be a mapping");
        return -1;
    }
    if (!g) {
        g = OuEval_GetGlobals();
        if (!g) {
            OuErr_Format(OuExc_SystemError, "%s(): no globals", fn);
            return -1;
        }
        if (!l) {
            *lout = OuEval_GetLocals();
            if (!*lout)
                return -1;
            *gout = OU_NEWREF(g);
            return 0;
        }
    }
    if (!l)
        l = g;
    int has = OuDict_Contains(g, OU_ID(__builtins__));
    if (has < 0)
        return -1;
    if (!has && OuDict_SetItem(g, OU_ID(__builtins__), OU_RT->builtins_module) < 0)
        return -1;
    *gout = OU_NEWREF(g);
    *lout = OU_NEWREF(l);
    return 0;
}

/* eval/exec share everything but the compile mode and the result. */
static OuObject *eval_or_exec(const char *fn, int mode, OuObject *const *args, Ou_ssize_t nargs,
                              OuObject *kwnames)
{
    static const char *const names[] = {"source", "globals", "locals", NULL};
    OuObject *a[3], *g, *l, *code, *r;
    if (OuArg_Parse(fn, args, nargs, kwnames, names, 1, -1, 1, a) < 0)
        return NULL;
    if (eval_namespaces(fn, a[1] ? a[1] : OU_NONE, a[2] ? a[2] : OU_NONE, &g, &l) < 0)
        return NULL;
    if (OuCode_Check(a[0])) {
        code = OU_NEWREF(a[0]);
    } else {
        OuObject *keep;
        if (!OuStr_Check(a[0]) && !OuBytes_Check(a[0]) && !OuByteArray_Check(a[0])) {
            OU_DECREF(g);
            OU_DECREF(l);
            return OuErr_Format(OuExc_TypeError, "%s() arg 1 must be a string, bytes or code object", fn);
        }
        const char *text = source_text(fn, a[0], &keep);
        if (text && mode == OU_EVAL_INPUT)
            while (*text == ' ' || *text == '\t')
                text++;
        code = text ? Ou_CompileString(text, "<string>", mode, 0) : NULL;
        OU_XDECREF(keep);
    }
    r = code ? OuEval_EvalCode(code, g, l) : NULL;
    OU_XDECREF(code);
    OU_DECREF(g);
    OU_DECREF(l);
    if (r && mode == OU_FILE_INPUT)
        OU_SETREF(r, OU_NEWREF(OU_NONE));
    return r;
}

static OuObject *builtin_eval(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    return eval_or_exec("eval", OU_EVAL_INPUT, args, nargs, kwnames);
}

static OuObject *builtin_exec(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    return eval_or_exec("exec", OU_FILE_INPUT, args, nargs, kwnames);
}

/* ---- the module ----------------------------------------------------------------- */

static OuMethodDef builtin_methods[] = {
    {"__build_class__", (void *)builtin___build_class__, OU_METH_FAST, NULL},
    {"__import__", (void *)builtin___import__, OU_METH_FAST, NULL},
    {"abs", (void *)builtin_abs, OU_METH_O, NULL},
    {"all", (void *)builtin_all, OU_METH_O, NULL},
    {"any", (void *)builtin_any, OU_METH_O, NULL},
    {"ascii", (void *)builtin_ascii, OU_METH_O, NULL},
    {"bin", (void *)builtin_bin, OU_METH_O, NULL},
    {"callable", (void *)builtin_callable, OU_METH_O, NULL},
    {"chr", (void *)builtin_chr, OU_METH_O, NULL},
    {"compile", (void *)builtin_compile, OU_METH_FAST, NULL},
    {"delattr", (void *)builtin_delattr, OU_METH_FAST, NULL},
    {"dir", (void *)builtin_dir, OU_METH_FAST, NULL},
    {"divmod", (void *)builtin_divmod, OU_METH_FAST, NULL},
    {"eval", (void *)builtin_eval, OU_METH_FAST, NULL},
    {"exec", (void *)builtin_exec, OU_METH_FAST, NULL},
    {"format", (void *)builtin_format, OU_METH_FAST, NULL},
    {"getattr", (void *)builtin_getattr, OU_METH_FAST, NULL},
    {"globals", (void *)builtin_globals, OU_METH_NOARGS, NULL},
    {"hasattr", (void *)builtin_hasattr, OU_METH_FAST, NULL},
    {"hash", (void *)builtin_hash, OU_METH_O, NULL},
    {"hex", (void *)builtin_hex, OU_METH_O, NULL},
    {"id", (void *)builtin_id, OU_METH_O, NULL},
    {"input", (void *)builtin_input, OU_METH_FAST, NULL},
    {"isinstance", (void *)builtin_isinstance, OU_METH_FAST, NULL},
    {"issubclass", (void *)builtin_issubclass, OU_METH_FAST, NULL},
    {"iter", (void *)builtin_iter, OU_METH_FAST, NULL},
    {"len", (void *)builtin_len, OU_METH_O, NULL},
    {"locals", (void *)builtin_locals, OU_METH_NOARGS, NULL},
    {"max", (void *)builtin_max, OU_METH_FAST, NULL},
    {"min", (void *)builtin_min, OU_METH_FAST, NULL},
    {"next", (void *)builtin_next, OU_METH_FAST, NULL},
    {"oct", (void *)builtin_oct, OU_METH_O, NULL},
    {"open", (void *)builtin_open, OU_METH_FAST, NULL},
    {"ord", (void *)builtin_ord, OU_METH_O, NULL},
    {"pow", (void *)builtin_pow, OU_METH_FAST, NULL},
    {"print", (void *)builtin_print, OU_METH_FAST, NULL},
    {"repr", (void *)builtin_repr, OU_METH_O, NULL},
    {"round", (void *)builtin_round, OU_METH_FAST, NULL},
    {"setattr", (void *)builtin_setattr, OU_METH_FAST, NULL},
    {"sorted", (void *)builtin_sorted, OU_METH_FAST, NULL},
    {"sum", (void *)builtin_sum, OU_METH_FAST, NULL},
    {"vars", (void *)builtin_vars, OU_METH_FAST, NULL},
    {NULL}
};

/* The built-in types under their Python names. */
static int add_types(OuObject *m)
{
    static const struct { const char *name; OuTypeObject *type; } types[] = {
        {"object", &OuBaseObject_Type}, {"type", &OuType_Type}, {"super", &OuSuper_Type},
        {"property", &OuProperty_Type}, {"classmethod", &OuClassMethod_Type},
        {"staticmethod", &OuStaticMethod_Type},
        {"int", &OuInt_Type}, {"bool", &OuBool_Type}, {"float", &OuFloat_Type}, {"complex", &OuComplex_Type},
        {"str", &OuStr_Type}, {"bytes", &OuBytes_Type}, {"bytearray", &OuByteArray_Type},
        {"list", &OuList_Type}, {"tuple", &OuTuple_Type}, {"dict", &OuDict_Type},
        {"set", &OuSet_Type}, {"frozenset", &OuFrozenSet_Type}, {"range", &OuRange_Type},
        {"slice", &OuSlice_Type}, {"enumerate", &OuEnumerate_Type}, {"zip", &OuZip_Type},
        {"map", &OuMap_Type}, {"filter", &OuFilter_Type}, {"reversed", &OuReversed_Type},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (OuModule_AddObject(m, types[i].name, (OuObject *)types[i].type) < 0)
            return -1;
    return 0;
}

static int add_exceptions(OuObject *m)
{
#define OU_ADD_EXC(name) if (OuModule_AddObject(m, #name, OuExc_##name) < 0) return -1;
    OU_FOR_EACH_EXCEPTION(OU_ADD_EXC)
#undef OU_ADD_EXC
    if (OuModule_AddObject(m, "EnvironmentError", OuExc_OSError) < 0 ||
        OuModule_AddObject(m, "IOError", OuExc_OSError) < 0)
        return -1;
    return 0;
}

OuObject *OuBuiltins_Create(void)
{
    OuObject *m = OuModule_NewFromString("builtins");
    if (!m)
        return NULL;
    if (OuModule_AddFunctions(m, builtin_methods) < 0 || add_types(m) < 0 || add_exceptions(m) < 0 ||
        OuModule_AddObject(m, "None", OU_NONE) < 0 || OuModule_AddObject(m, "Ellipsis", OU_ELLIPSIS) < 0 ||
        OuModule_AddObject(m, "NotImplemented", OU_NOTIMPLEMENTED) < 0 ||
        OuModule_AddObject(m, "True", OU_TRUE) < 0 || OuModule_AddObject(m, "False", OU_FALSE) < 0 ||
        OuModule_AddObject(m, "__debug__", OU_RT->optimize ? OU_FALSE : OU_TRUE) < 0) {
        OU_DECREF(m);
        return NULL;
    }
    return m;
}

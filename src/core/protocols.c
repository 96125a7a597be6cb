/*
 * protocols.c -- the abstract object protocol: repr/str/format, hashing,
 * truth, rich comparison, attributes, iteration, items and length,
 * isinstance/issubclass, calls, the number protocol, and the repr and
 * C-recursion guards.
 *
 * Defines no types.
 */
#include "core/ouro.h"
#include <stdio.h>

#define TYPE_ERROR OuExc_TypeError

/* ------------------------------------------------------------------ */
/* recursion guards                                                    */
/* ------------------------------------------------------------------ */

/* Slow path of the C recursion check: raise RecursionError.  While the
   error is being created a little headroom is allowed. */
static int recursion_overflow(OuThreadState *ts, const char *where)
{
    if (ts->recursion_headroom) {
        if (ts->c_recursion_depth <= OU_RT->recursion_limit + 50)
            return 0;
        ts->c_recursion_depth--;
        OuErr_SetString(OuExc_RecursionError, "maximum recursion depth exceeded");
        return -1;
    }
    ts->recursion_headroom++;
    OuErr_Format(OuExc_RecursionError, "maximum recursion depth exceeded%s", where);
    ts->recursion_headroom--;
    ts->c_recursion_depth--;
    return -1;
}

static inline int enter_rec(const char *where)
{
    OuThreadState *ts = OU_TS;
    if (OU_UNLIKELY(++ts->c_recursion_depth > OU_RT->recursion_limit))
        return recursion_overflow(ts, where);
    return 0;
}

static inline void leave_rec(void)
{
    OU_TS->c_recursion_depth--;
}

int Ou_EnterRecursiveCall(const char *where)
{
    return enter_rec(where);
}

void Ou_LeaveRecursiveCall(void)
{
    leave_rec();
}

/* 1 if o is already on the repr stack, else push it and return 0. */
int Ou_ReprEnter(OuObject *o)
{
    OuThreadState *ts = OU_TS;
    if (!ts->repr_stack) {
        ts->repr_stack = OuList_New(0);
        if (!ts->repr_stack)
            return -1;
    }
    OuObject *list = ts->repr_stack;
    Ou_ssize_t n = OU_LIST_LEN(list);
    for (Ou_ssize_t i = 0; i < n; i++)
        if (OU_LIST_GET(list, i) == o)
            return 1;
    if (OuList_Append(list, o) < 0)
        return -1;
    return 0;
}

/* Remove the most recent entry for o from the repr stack. */
void Ou_ReprLeave(OuObject *o)
{
    OuObject *list = OU_TS->repr_stack;
    if (!list)
        return;
    Ou_ssize_t n = OU_LIST_LEN(list);
    for (Ou_ssize_t i = n - 1; i >= 0; i--) {
        if (OU_LIST_GET(list, i) == o) {
            OuObject **items = OU_LIST_ITEMS(list);
            memmove(items + i, items + i + 1, (size_t)(n - i - 1) * sizeof(OuObject *));
            OU_SET_SIZE(list, n - 1);
            OU_DECREF(o);
            return;
        }
    }
}

/* ------------------------------------------------------------------ */
/* repr, str, ascii, format                                            */
/* ------------------------------------------------------------------ */

OuObject *OuObject_Repr(OuObject *o)
{
    OuTypeObject *t = OU_TYPE(o);
    if (!t->tp_repr)
        return OuStr_FromFormat("<%s object at %p>", t->tp_name, (void *)o);
    if (enter_rec(" while getting the repr of an object"))
        return NULL;
    OuObject *r = t->tp_repr(o);
    leave_rec();
    if (r && !OuStr_Check(r)) {
        OuErr_Format(TYPE_ERROR, "__repr__ returned non-string (type %.200s)", OU_TYPE_NAME(r));
        OU_DECREF(r);
        return NULL;
    }
    return r;
}

OuObject *OuObject_Str(OuObject *o)
{
    if (OuStr_CheckExact(o))
        return OU_NEWREF(o);
    OuTypeObject *t = OU_TYPE(o);
    if (!t->tp_str)
        return OuObject_Repr(o);
    if (enter_rec(" while getting the str of an object"))
        return NULL;
    OuObject *r = t->tp_str(o);
    leave_rec();
    if (r && !OuStr_Check(r)) {
        OuErr_Format(TYPE_ERROR, "__str__ returned non-string (type %.200s)", OU_TYPE_NAME(r));
        OU_DECREF(r);
        return NULL;
    }
    return r;
}

/* repr() with non-ASCII characters escaped as \xNN, \uNNNN, \UNNNNNNNN. */
OuObject *OuObject_ASCII(OuObject *o)
{
    OuObject *r = OuObject_Repr(o);
    if (!r || OU_STR_IS_ASCII(r))
        return r;
    OuStrBuilder b;
    OuStrBuilder_Init(&b);
    Ou_ssize_t n = OU_STR_LEN(r);
    int kind = OU_STR_KIND(r);
    const void *data = OU_STR_DATA(r);
    for (Ou_ssize_t i = 0; i < n; i++) {
        uint32_t c = OU_STR_READ(kind, data, i);
        int rc;
        if (c < 128) {
            rc = OuStrBuilder_AppendChar(&b, c);
        } else {
            char buf[16];
            int len;
            if (c <= 0xff)
                len = snprintf(buf, sizeof buf, "\\x%02x", (unsigned)c);
            else if (c <= 0xffff)
                len = snprintf(buf, sizeof buf, "\\u%04x", (unsigned)c);
            else
                len = snprintf(buf, sizeof buf, "\\U%08x", (unsigned)c);
            rc = OuStrBuilder_AppendASCII(&b, buf, len);
        }
        if (rc < 0) {
            OuStrBuilder_Discard(&b);
            OU_DECREF(r);
            return NULL;
        }
    }
    OU_DECREF(r);
    return OuStrBuilder_Finish(&b);
}

OuObject *OuObject_Format(OuObject *o, OuObject *spec)
{
    if (!spec)
        spec = OU_ID(empty);
    if (OU_STR_LEN(spec) == 0) {
        if (OuStr_CheckExact(o))
            return OU_NEWREF(o);
        if (OuInt_CheckExact(o))
            return OuObject_Str(o);
    }
    OuObject *meth = OuObject_LookupSpecial(o, OU_ID(__format__));
    if (!meth) {
        if (!OuErr_Occurred())
            OuErr_Format(TYPE_ERROR, "Type %.100s doesn't define __format__", OU_TYPE_NAME(o));
        return NULL;
    }
    OuObject *r = OuObject_CallOneArg(meth, spec);
    OU_DECREF(meth);
    if (r && !OuStr_Check(r)) {
        OuErr_Format(TYPE_ERROR, "__format__ must return a str, not %.200s", OU_TYPE_NAME(r));
        OU_DECREF(r);
        return NULL;
    }
    return r;
}

/* ------------------------------------------------------------------ */
/* hash, truth, comparison                                             */
/* ------------------------------------------------------------------ */

Ou_hash_t OuObject_Hash(OuObject *o)
{
    hashfunc f = OU_TYPE(o)->tp_hash;
    if (OU_LIKELY(f != NULL))
        return f(o);
    OuErr_Format(TYPE_ERROR, "unhashable type: '%.200s'", OU_TYPE_NAME(o));
    return -1;
}

int OuObject_IsTrue(OuObject *o)
{
    if (o == OU_TRUE)
        return 1;
    if (o == OU_FALSE || o == OU_NONE)
        return 0;
    OuTypeObject *t = OU_TYPE(o);
    if (t->nb_bool)
        return t->nb_bool(o);
    if (t->mp_length) {
        Ou_ssize_t n = t->mp_length(o);
        return n < 0 ? -1 : n > 0;
    }
    return 1;
}

int OuObject_Not(OuObject *o)
{
    int r = OuObject_IsTrue(o);
    return r < 0 ? r : !r;
}

static const int swapped_op[6] = { OU_GT, OU_GE, OU_EQ, OU_NE, OU_LT, OU_LE };
static const char *const cmp_symbol[6] = { "<", "<=", "==", "!=", ">", ">=" };

static OuObject *do_richcompare(OuObject *a, OuObject *b, int op)
{
    OuTypeObject *ta = OU_TYPE(a), *tb = OU_TYPE(b);
    richcmpfunc f;
    OuObject *r;
    int checked_reverse = 0;
    if (ta != tb && (f = tb->tp_richcompare) != NULL && OuType_IsSubtype(tb, ta)) {
        checked_reverse = 1;
        r = f(b, a, swapped_op[op]);
        if (r != OU_NOTIMPLEMENTED)
            return r;
        OU_DECREF(r);
    }
    if ((f = ta->tp_richcompare) != NULL) {
        r = f(a, b, op);
        if (r != OU_NOTIMPLEMENTED)
            return r;
        OU_DECREF(r);
    }
    if (!checked_reverse && (f = tb->tp_richcompare) != NULL) {
        r = f(b, a, swapped_op[op]);
        if (r != OU_NOTIMPLEMENTED)
            return r;
        OU_DECREF(r);
    }
    switch (op) {
    case OU_EQ:
        return OuBool_FromLong(a == b);
    case OU_NE:
        return OuBool_FromLong(a != b);
    default:
        return OuErr_Format(TYPE_ERROR, "'%s' not supported between instances of '%.100s' and '%.100s'",
                            cmp_symbol[op], ta->tp_name, tb->tp_name);
    }
}

OuObject *OuObject_RichCompare(OuObject *a, OuObject *b, int op)
{
    if (op < 0 || op > OU_GE) {
        OuErr_BadInternalCall();
        return NULL;
    }
    if (enter_rec(" in comparison"))
        return NULL;
    OuObject *r = do_richcompare(a, b, op);
    leave_rec();
    return r;
}

int OuObject_RichCompareBool(OuObject *a, OuObject *b, int op)
{
    if (a == b) {
        if (op == OU_EQ)
            return 1;
        if (op == OU_NE)
            return 0;
    }
    if (OuInt_CheckExact(a) && OuInt_CheckExact(b)) {
        int c = OuInt_Compare(a, b);
        switch (op) {
        case OU_LT: return c < 0;
        case OU_LE: return c <= 0;
        case OU_EQ: return c == 0;
        case OU_NE: return c != 0;
        case OU_GT: return c > 0;
        default: return c >= 0;
        }
    }
    if ((op == OU_EQ || op == OU_NE) && OuStr_CheckExact(a) && OuStr_CheckExact(b)) {
        int eq = OuStr_Equal(a, b);
        return op == OU_EQ ? eq : !eq;
    }
    OuObject *r = OuObject_RichCompare(a, b, op);
    if (!r)
        return -1;
    int v;
    if (r == OU_TRUE)
        v = 1;
    else if (r == OU_FALSE)
        v = 0;
    else
        v = OuObject_IsTrue(r);
    OU_DECREF(r);
    return v;
}

/* ------------------------------------------------------------------ */
/* attributes                                                          */
/* ------------------------------------------------------------------ */

static int bad_attr_name(OuObject *name)
{
    OuErr_Format(TYPE_ERROR, "attribute name must be string, not '%.200s'", OU_TYPE_NAME(name));
    return -1;
}

OuObject *OuObject_GetAttr(OuObject *o, OuObject *name)
{
    if (OU_UNLIKELY(!OuStr_Check(name))) {
        bad_attr_name(name);
        return NULL;
    }
    getattrofunc f = OU_TYPE(o)->tp_getattro;
    return f ? f(o, name) : OuObject_GenericGetAttr(o, name);
}

OuObject *OuObject_GetAttrString(OuObject *o, const char *name)
{
    OuObject *n = OuStr_InternFromString(name);
    if (!n)
        return NULL;
    OuObject *r = OuObject_GetAttr(o, n);
    OU_DECREF(n);
    return r;
}

int OuObject_LookupAttr(OuObject *o, OuObject *name, OuObject **result)
{
    *result = OuObject_GetAttr(o, name);
    if (*result)
        return 1;
    if (OuErr_ExceptionMatches(OuExc_AttributeError)) {
        OuErr_Clear();
        return 0;
    }
    return -1;
}

int OuObject_SetAttr(OuObject *o, OuObject *name, OuObject *value)
{
    if (OU_UNLIKELY(!OuStr_Check(name)))
        return bad_attr_name(name);
    setattrofunc f = OU_TYPE(o)->tp_setattro;
    OU_INCREF(name);
    if (OuStr_CheckExact(name) && !((OuStrObject *)name)->interned)
        OuStr_InternInPlace(&name);
    int r = f ? f(o, name, value) : OuObject_GenericSetAttr(o, name, value);
    OU_DECREF(name);
    return r;
}

int OuObject_SetAttrString(OuObject *o, const char *name, OuObject *value)
{
    OuObject *n = OuStr_InternFromString(name);
    if (!n)
        return -1;
    int r = OuObject_SetAttr(o, n, value);
    OU_DECREF(n);
    return r;
}

int OuObject_DelAttr(OuObject *o, OuObject *name)
{
    return OuObject_SetAttr(o, name, NULL);
}

int OuObject_HasAttr(OuObject *o, OuObject *name)
{
    OuObject *v;
    int r = OuObject_LookupAttr(o, name, &v);
    if (r > 0)
        OU_DECREF(v);
    return r;
}

/* ------------------------------------------------------------------ */
/* iteration                                                           */
/* ------------------------------------------------------------------ */

OuObject *OuObject_GetIter(OuObject *o)
{
    OuTypeObject *t = OU_TYPE(o);
    if (t->tp_iter) {
        OuObject *it = t->tp_iter(o);
        if (it && !OU_TYPE(it)->tp_iternext) {
            OuErr_Format(TYPE_ERROR, "iter() returned non-iterator of type '%.100s'", OU_TYPE_NAME(it));
            OU_DECREF(it);
            return NULL;
        }
        return it;
    }
    if (t->sq_item || t->mp_subscript)
        return OuSeqIter_New(o);
    return OuErr_Format(TYPE_ERROR, "'%.200s' object is not iterable", t->tp_name);
}

OuObject *OuIter_Next(OuObject *it)
{
    iternextfunc f = OU_TYPE(it)->tp_iternext;
    if (OU_UNLIKELY(!f))
        return OuErr_Format(TYPE_ERROR, "'%.200s' object is not an iterator", OU_TYPE_NAME(it));
    OuObject *r = f(it);
    if (!r && OuErr_Occurred() && OuErr_ExceptionMatches(OuExc_StopIteration))
        OuErr_Clear();
    return r;
}

int OuIter_Check(OuObject *o)
{
    return OU_TYPE(o)->tp_iternext != NULL;
}

/* ------------------------------------------------------------------ */
/* items and length                                                    */
/* ------------------------------------------------------------------ */

OuObject *OuObject_GetItem(OuObject *o, OuObject *key)
{
    OuTypeObject *t = OU_TYPE(o);
    if (OU_LIKELY(t->mp_subscript != NULL))
        return t->mp_subscript(o, key);
    if (t->sq_item) {
        if (!OuIndex_Check(key))
            return OuErr_Format(TYPE_ERROR, "sequence index must be integer, not '%.200s'",
                                OU_TYPE_NAME(key));
        Ou_ssize_t i = OuNumber_AsSsize_t(key, OuExc_IndexError);
        if (i == -1 && OuErr_Occurred())
            return NULL;
        return OuSequence_GetItem(o, i);
    }
    if (OuType_Check(o)) {
        OuObject *meth;
        int f = OuObject_LookupAttr(o, OU_ID(__class_getitem__), &meth);
        if (f < 0)
            return NULL;
        if (f) {
            OuObject *r = OuObject_CallOneArg(meth, key);
            OU_DECREF(meth);
            return r;
        }
        return OuErr_Format(TYPE_ERROR, "type '%.200s' is not subscriptable",
                            ((OuTypeObject *)o)->tp_name);
    }
    return OuErr_Format(TYPE_ERROR, "'%.200s' object is not subscriptable", t->tp_name);
}

int OuObject_SetItem(OuObject *o, OuObject *key, OuObject *value)
{
    objobjargproc f = OU_TYPE(o)->mp_ass_subscript;
    if (OU_LIKELY(f != NULL))
        return f(o, key, value);
    OuErr_Format(TYPE_ERROR, "'%.200s' object does not support item assignment", OU_TYPE_NAME(o));
    return -1;
}

int OuObject_DelItem(OuObject *o, OuObject *key)
{
    OuTypeObject *t = OU_TYPE(o);
    if (OU_LIKELY(t->mp_ass_subscript != NULL))
        return t->mp_ass_subscript(o, key, NULL);
    if (t->sq_item && OuIndex_Check(key))
        OuErr_Format(TYPE_ERROR, "'%.200s' object doesn't support item deletion", t->tp_name);
    else
        OuErr_Format(TYPE_ERROR, "'%.200s' object does not support item deletion", t->tp_name);
    return -1;
}

Ou_ssize_t OuObject_Length(OuObject *o)
{
    lenfunc f = OU_TYPE(o)->mp_length;
    if (OU_LIKELY(f != NULL))
        return f(o);
    OuErr_Format(TYPE_ERROR, "object of type '%.200s' has no len()", OU_TYPE_NAME(o));
    return -1;
}

/* operator.length_hint(): len(), then __length_hint__, else dflt. */
Ou_ssize_t OuObject_LengthHint(OuObject *o, Ou_ssize_t dflt)
{
    if (OU_TYPE(o)->mp_length) {
        Ou_ssize_t n = OU_TYPE(o)->mp_length(o);
        if (n >= 0)
            return n;
        if (!OuErr_ExceptionMatches(TYPE_ERROR))
            return -1;
        OuErr_Clear();
    }
    OuObject *hint = OuObject_LookupSpecial(o, OU_ID(__length_hint__));
    if (!hint)
        return OuErr_Occurred() ? -1 : dflt;
    OuObject *r = OuObject_CallNoArgs(hint);
    OU_DECREF(hint);
    if (!r) {
        if (OuErr_ExceptionMatches(TYPE_ERROR)) {
            OuErr_Clear();
            return dflt;
        }
        return -1;
    }
    if (r == OU_NOTIMPLEMENTED) {
        OU_DECREF(r);
        return dflt;
    }
    if (!OuInt_Check(r)) {
        OuErr_Format(TYPE_ERROR, "__length_hint__ must be an integer, not %.100s", OU_TYPE_NAME(r));
        OU_DECREF(r);
        return -1;
    }
    Ou_ssize_t n = OuInt_AsSsize_t(r);
    OU_DECREF(r);
    if (n == -1 && OuErr_Occurred())
        return -1;
    if (n < 0) {
        OuErr_SetString(OuExc_ValueError, "__length_hint__() should return >= 0");
        return -1;
    }
    return n;
}

int OuSequence_Contains(OuObject *seq, OuObject *item)
{
    objobjproc f = OU_TYPE(seq)->sq_contains;
    if (f)
        return f(seq, item);
    OuObject *it = OuObject_GetIter(seq);
    if (!it) {
        if (OuErr_ExceptionMatches(TYPE_ERROR)) {
            OuErr_Clear();
            OuErr_Format(TYPE_ERROR, "argument of type '%.200s' is not iterable", OU_TYPE_NAME(seq));
        }
        return -1;
    }
    int found = 0;
    OuObject *x;
    while ((x = OuIter_Next(it)) != NULL) {
        int c = OuObject_RichCompareBool(x, item, OU_EQ);
        OU_DECREF(x);
        if (c != 0) {
            found = c;
            break;
        }
    }
    OU_DECREF(it);
    if (found == 0 && OuErr_Occurred())
        return -1;
    return found;
}

OuObject *OuSequence_GetItem(OuObject *o, Ou_ssize_t i)
{
    OuTypeObject *t = OU_TYPE(o);
    if (t->sq_item) {
        if (i < 0 && t->mp_length) {
            Ou_ssize_t n = t->mp_length(o);
            if (n < 0)
                return NULL;
            i += n;
        }
        if (i >= 0)
            return t->sq_item(o, i);
    }
    if (t->mp_subscript) {
        OuObject *key = OuInt_FromSsize_t(i);
        if (!key)
            return NULL;
        OuObject *r = t->mp_subscript(o, key);
        OU_DECREF(key);
        return r;
    }
    return OuErr_Format(TYPE_ERROR, "'%.200s' object does not support indexing", t->tp_name);
}

OuObject *OuSequence_Tuple(OuObject *o)
{
    if (OuTuple_CheckExact(o))
        return OU_NEWREF(o);
    if (OuList_CheckExact(o))
        return OuList_AsTuple(o);
    return OuTuple_FromIterable(o);
}

OuObject *OuSequence_List(OuObject *o)
{
    return OuList_FromIterable(o);
}

/* dir(o): o.__dir__() as a sorted list. */
OuObject *OuObject_Dir(OuObject *o)
{
    OuObject *f = OuObject_LookupSpecial(o, OU_ID(__dir__));
    if (!f) {
        if (!OuErr_Occurred())
            OuErr_SetString(TYPE_ERROR, "object does not provide __dir__");
        return NULL;
    }
    OuObject *res = OuObject_CallNoArgs(f);
    OU_DECREF(f);
    if (!res)
        return NULL;
    OuObject *list = OuList_FromIterable(res);
    OU_DECREF(res);
    if (!list)
        return NULL;
    if (OuList_Sort(list) < 0) {
        OU_DECREF(list);
        return NULL;
    }
    return list;
}

/* ------------------------------------------------------------------ */
/* isinstance / issubclass                                             */
/* ------------------------------------------------------------------ */

/* cls.__bases__ if it is a tuple (new ref); NULL, maybe with an error. */
static OuObject *get_bases(OuObject *cls)
{
    OuObject *bases;
    if (OuObject_LookupAttr(cls, OU_ID(__bases__), &bases) <= 0)
        return NULL;
    if (!OuTuple_Check(bases)) {
        OU_DECREF(bases);
        return NULL;
    }
    return bases;
}

/* 1 if cls looks like a class (has a __bases__ tuple); 0 with msg or -1. */
static int check_class(OuObject *cls, const char *msg)
{
    OuObject *bases = get_bases(cls);
    if (!bases) {
        if (!OuErr_Occurred())
            OuErr_SetString(TYPE_ERROR, msg);
        return 0;
    }
    OU_DECREF(bases);
    return 1;
}

/* Walk __bases__ of derived looking for cls. */
static int abstract_issubclass(OuObject *derived, OuObject *cls)
{
    OuObject *held = OU_NEWREF(derived);
    for (;;) {
        if (held == cls) {
            OU_DECREF(held);
            return 1;
        }
        OuObject *bases = get_bases(held);
        OU_DECREF(held);
        if (!bases)
            return OuErr_Occurred() ? -1 : 0;
        Ou_ssize_t n = OU_TUPLE_LEN(bases);
        if (n == 0) {
            OU_DECREF(bases);
            return 0;
        }
        if (n == 1) {
            held = OU_NEWREF(OU_TUPLE_GET(bases, 0));
            OU_DECREF(bases);
            continue;
        }
        int r = 0;
        for (Ou_ssize_t i = 0; i < n && r == 0; i++) {
            if (enter_rec(" in __issubclass__")) {
                r = -1;
                break;
            }
            r = abstract_issubclass(OU_TUPLE_GET(bases, i), cls);
            leave_rec();
        }
        OU_DECREF(bases);
        return r;
    }
}

static int recursive_isinstance(OuObject *inst, OuObject *cls)
{
    OuObject *icls;
    int f, r;
    if (OuType_Check(cls)) {
        if (OuObject_TypeCheck(inst, (OuTypeObject *)cls))
            return 1;
        f = OuObject_LookupAttr(inst, OU_ID(__class__), &icls);
        if (f < 0)
            return -1;
        r = 0;
        if (f) {
            if (icls != (OuObject *)OU_TYPE(inst) && OuType_Check(icls))
                r = OuType_IsSubtype((OuTypeObject *)icls, (OuTypeObject *)cls);
            OU_DECREF(icls);
        }
        return r;
    }
    if (!check_class(cls, "isinstance() arg 2 must be a type, a tuple of types, or a union"))
        return -1;
    f = OuObject_LookupAttr(inst, OU_ID(__class__), &icls);
    if (f <= 0)
        return f;
    r = abstract_issubclass(icls, cls);
    OU_DECREF(icls);
    return r;
}

static int recursive_issubclass(OuObject *derived, OuObject *cls)
{
    if (OuType_Check(cls) && OuType_Check(derived))
        return OuType_IsSubtype((OuTypeObject *)derived, (OuTypeObject *)cls);
    if (!check_class(derived, "issubclass() arg 1 must be a class"))
        return -1;
    if (!check_class(cls, "issubclass() arg 2 must be a class, a tuple of classes, or a union"))
        return -1;
    return abstract_issubclass(derived, cls);
}

/* Call cls.__instancecheck__ / __subclasscheck__ (bound checker) on arg. */
static int call_checker(OuObject *checker, OuObject *arg, const char *where)
{
    if (enter_rec(where)) {
        OU_DECREF(checker);
        return -1;
    }
    OuObject *res = OuObject_CallOneArg(checker, arg);
    leave_rec();
    OU_DECREF(checker);
    if (!res)
        return -1;
    int r = OuObject_IsTrue(res);
    OU_DECREF(res);
    return r;
}

int OuObject_IsInstance(OuObject *inst, OuObject *cls)
{
    if ((OuObject *)OU_TYPE(inst) == cls)
        return 1;
    if (OuType_CheckExact(cls))
        return recursive_isinstance(inst, cls);
    if (OuTuple_Check(cls)) {
        Ou_ssize_t n = OU_TUPLE_LEN(cls);
        int r = 0;
        if (enter_rec(" in __instancecheck__"))
            return -1;
        for (Ou_ssize_t i = 0; i < n; i++) {
            r = OuObject_IsInstance(inst, OU_TUPLE_GET(cls, i));
            if (r != 0)
                break;
        }
        leave_rec();
        return r;
    }
    OuObject *checker = OuObject_LookupSpecial(cls, OU_ID(__instancecheck__));
    if (checker)
        return call_checker(checker, inst, " in __instancecheck__");
    if (OuErr_Occurred())
        return -1;
    return recursive_isinstance(inst, cls);
}

int OuObject_IsSubclass(OuObject *derived, OuObject *cls)
{
    if (OuType_CheckExact(cls)) {
        if (derived == cls)
            return 1;
        return recursive_issubclass(derived, cls);
    }
    if (OuTuple_Check(cls)) {
        Ou_ssize_t n = OU_TUPLE_LEN(cls);
        int r = 0;
        if (enter_rec(" in __subclasscheck__"))
            return -1;
        for (Ou_ssize_t i = 0; i < n; i++) {
            r = OuObject_IsSubclass(derived, OU_TUPLE_GET(cls, i));
            if (r != 0)
                break;
        }
        leave_rec();
        return r;
    }
    OuObject *checker = OuObject_LookupSpecial(cls, OU_ID(__subclasscheck__));
    if (checker)
        return call_checker(checker, derived, " in __subclasscheck__");
    if (OuErr_Occurred())
        return -1;
    return recursive_issubclass(derived, cls);
}

int OuCallable_Check(OuObject *o)
{
    return OU_TYPE(o)->tp_call != NULL;
}

/* ------------------------------------------------------------------ */
/* calls                                                               */
/* ------------------------------------------------------------------ */

/* Turn an inconsistent (result, error) pair into a SystemError. */
static OuObject *bad_call_result(OuObject *callable, OuObject *r)
{
    if (!r) {
        OuErr_Format(OuExc_SystemError, "%R returned NULL without setting an exception", callable);
        return NULL;
    }
    OU_DECREF(r);
    OuObject *cause = OuErr_GetRaisedException();
    OuErr_Format(OuExc_SystemError, "%R returned a result with an exception set", callable);
    OuObject *exc = OuErr_GetRaisedException();
    if (exc && cause)
        OuException_SetCause(exc, cause);
    else
        OU_XDECREF(cause);
    OuErr_SetRaisedException(exc);
    return NULL;
}

OuObject *OuObject_Vectorcall(OuObject *callable, OuObject *const *args, Ou_ssize_t nargs,
                              OuObject *kwnames)
{
    OuTypeObject *t = OU_TYPE(callable);
    vectorcallfunc f = t->tp_call;
    /* calling a class whose metaclass is plain type: use its fast path */
    if (t == &OuType_Type && ((OuTypeObject *)callable)->tp_vectorcall)
        f = ((OuTypeObject *)callable)->tp_vectorcall;
    if (OU_UNLIKELY(!f))
        return OuErr_Format(TYPE_ERROR, "'%.200s' object is not callable", t->tp_name);
    if (enter_rec(" while calling a Python object"))
        return NULL;
    OuObject *r = f(callable, args, nargs, kwnames);
    leave_rec();
    if (OU_UNLIKELY((r == NULL) != (OuErr_Occurred() != NULL)))
        return bad_call_result(callable, r);
    return r;
}

/* callable(*args_tuple, **kwargs_dict); both may be NULL. */
OuObject *OuObject_Call(OuObject *callable, OuObject *args_tuple, OuObject *kwargs_dict)
{
    OuObject *const *items = NULL;
    Ou_ssize_t n = 0;
    if (args_tuple) {
        if (!OuTuple_Check(args_tuple)) {
            OuErr_SetString(TYPE_ERROR, "argument list must be a tuple");
            return NULL;
        }
        items = OU_TUPLE_ITEMS(args_tuple);
        n = OU_TUPLE_LEN(args_tuple);
    }
    if (!kwargs_dict || OU_DICT_LEN(kwargs_dict) == 0)
        return OuObject_Vectorcall(callable, items, n, NULL);
    Ou_ssize_t nk = OU_DICT_LEN(kwargs_dict);
    OuObject **stack = Ou_MallocErr((size_t)(n + nk) * sizeof(OuObject *));
    if (!stack)
        return NULL;
    OuObject *kwnames = OuTuple_New(nk);
    if (!kwnames) {
        Ou_Free(stack);
        return NULL;
    }
    for (Ou_ssize_t i = 0; i < n; i++)
        stack[i] = items[i];
    Ou_ssize_t pos = 0, k = 0;
    OuObject *key, *value;
    OuObject *r = NULL;
    while (k < nk && OuDict_Next(kwargs_dict, &pos, &key, &value)) {
        if (!OuStr_Check(key)) {
            OuErr_SetString(TYPE_ERROR, "keywords must be strings");
            goto done;
        }
        OU_TUPLE_SET(kwnames, k, OU_NEWREF(key));
        stack[n + k] = OU_NEWREF(value);
        k++;
    }
    if (k != nk) {
        OuErr_SetString(OuExc_RuntimeError, "dictionary changed size during iteration");
        goto done;
    }
    r = OuObject_Vectorcall(callable, stack, n, kwnames);
done:
    for (Ou_ssize_t i = 0; i < k; i++)
        OU_DECREF(stack[n + i]);
    for (Ou_ssize_t i = k; i < nk; i++)
        OU_TUPLE_SET(kwnames, i, OU_NEWREF(OU_NONE));
    OU_DECREF(kwnames);
    Ou_Free(stack);
    return r;
}

OuObject *OuObject_CallNoArgs(OuObject *callable)
{
    return OuObject_Vectorcall(callable, NULL, 0, NULL);
}

OuObject *OuObject_CallOneArg(OuObject *callable, OuObject *arg)
{
    return OuObject_Vectorcall(callable, &arg, 1, NULL);
}

OuObject *OuObject_CallFunctionObjArgs(OuObject *callable, ...)
{
    va_list va;
    Ou_ssize_t n = 0;
    va_start(va, callable);
    while (va_arg(va, OuObject *) != NULL)
        n++;
    va_end(va);
    OuObject *small[8];
    OuObject **args = small;
    if (n > 8) {
        args = Ou_MallocErr((size_t)n * sizeof(OuObject *));
        if (!args)
            return NULL;
    }
    va_start(va, callable);
    for (Ou_ssize_t i = 0; i < n; i++)
        args[i] = va_arg(va, OuObject *);
    va_end(va);
    OuObject *r = OuObject_Vectorcall(callable, args, n, NULL);
    if (args != small)
        Ou_Free(args);
    return r;
}

OuObject *OuObject_CallMethod(OuObject *o, OuObject *name, OuObject *const *args, Ou_ssize_t nargs)
{
    OuObject *meth = OuObject_GetAttr(o, name);
    if (!meth)
        return NULL;
    OuObject *r = OuObject_Vectorcall(meth, args, nargs, NULL);
    OU_DECREF(meth);
    return r;
}

OuObject *OuObject_CallMethodStr(OuObject *o, const char *name, OuObject *const *args, Ou_ssize_t nargs)
{
    OuObject *n = OuStr_InternFromString(name);
    if (!n)
        return NULL;
    OuObject *r = OuObject_CallMethod(o, n, args, nargs);
    OU_DECREF(n);
    return r;
}

OuObject *OuObject_LookupSpecial(OuObject *o, OuObject *name)
{
    OuTypeObject *t = OU_TYPE(o);
    OuObject *res = OuType_Lookup(t, name);
    if (!res)
        return NULL;
    descrgetfunc f = OU_TYPE(res)->tp_descr_get;
    if (f)
        return f(res, o, (OuObject *)t);
    return OU_NEWREF(res);
}

/* ------------------------------------------------------------------ */
/* number protocol                                                     */
/* ------------------------------------------------------------------ */

const char *const ou_nb_op_symbol[OU_NB_COUNT] = {
    [OU_NB_ADD] = "+", [OU_NB_AND] = "&", [OU_NB_FLOOR_DIVIDE] = "//", [OU_NB_LSHIFT] = "<<",
    [OU_NB_MATRIX_MULTIPLY] = "@", [OU_NB_MULTIPLY] = "*", [OU_NB_REMAINDER] = "%",
    [OU_NB_OR] = "|", [OU_NB_POWER] = "**", [OU_NB_RSHIFT] = ">>", [OU_NB_SUBTRACT] = "-",
    [OU_NB_TRUE_DIVIDE] = "/", [OU_NB_XOR] = "^",
    [OU_NB_INPLACE_ADD] = "+=", [OU_NB_INPLACE_AND] = "&=", [OU_NB_INPLACE_FLOOR_DIVIDE] = "//=",
    [OU_NB_INPLACE_LSHIFT] = "<<=", [OU_NB_INPLACE_MATRIX_MULTIPLY] = "@=",
    [OU_NB_INPLACE_MULTIPLY] = "*=", [OU_NB_INPLACE_REMAINDER] = "%=", [OU_NB_INPLACE_OR] = "|=",
    [OU_NB_INPLACE_POWER] = "**=", [OU_NB_INPLACE_RSHIFT] = ">>=", [OU_NB_INPLACE_SUBTRACT] = "-=",
    [OU_NB_INPLACE_TRUE_DIVIDE] = "/=", [OU_NB_INPLACE_XOR] = "^=",
};

#define NB_NBINARY (OU_NB_INPLACE_ADD)
#define SLOT_OFF(s) ((unsigned short)offsetof(OuTypeObject, s))
#define BINSLOT(t, off) (*(binaryfunc *)((char *)(t) + (off)))

/* Slot offsets by binary operator; the in-place ops are in the same order. */
static const unsigned short nb_binary_off[NB_NBINARY] = {
    [OU_NB_ADD] = SLOT_OFF(nb_add), [OU_NB_AND] = SLOT_OFF(nb_and),
    [OU_NB_FLOOR_DIVIDE] = SLOT_OFF(nb_floor_divide), [OU_NB_LSHIFT] = SLOT_OFF(nb_lshift),
    [OU_NB_MATRIX_MULTIPLY] = SLOT_OFF(nb_matrix_multiply), [OU_NB_MULTIPLY] = SLOT_OFF(nb_multiply),
    [OU_NB_REMAINDER] = SLOT_OFF(nb_remainder), [OU_NB_OR] = SLOT_OFF(nb_or),
    [OU_NB_POWER] = 0, [OU_NB_RSHIFT] = SLOT_OFF(nb_rshift), [OU_NB_SUBTRACT] = SLOT_OFF(nb_subtract),
    [OU_NB_TRUE_DIVIDE] = SLOT_OFF(nb_true_divide), [OU_NB_XOR] = SLOT_OFF(nb_xor),
};
static const unsigned short nb_inplace_off[NB_NBINARY] = {
    [OU_NB_ADD] = SLOT_OFF(nb_inplace_add), [OU_NB_AND] = SLOT_OFF(nb_inplace_and),
    [OU_NB_FLOOR_DIVIDE] = SLOT_OFF(nb_inplace_floor_divide), [OU_NB_LSHIFT] = SLOT_OFF(nb_inplace_lshift),
    [OU_NB_MATRIX_MULTIPLY] = SLOT_OFF(nb_inplace_matrix_multiply),
    [OU_NB_MULTIPLY] = SLOT_OFF(nb_inplace_multiply), [OU_NB_REMAINDER] = SLOT_OFF(nb_inplace_remainder),
    [OU_NB_OR] = SLOT_OFF(nb_inplace_or), [OU_NB_POWER] = 0, [OU_NB_RSHIFT] = SLOT_OFF(nb_inplace_rshift),
    [OU_NB_SUBTRACT] = SLOT_OFF(nb_inplace_subtract), [OU_NB_TRUE_DIVIDE] = SLOT_OFF(nb_inplace_true_divide),
    [OU_NB_XOR] = SLOT_OFF(nb_inplace_xor),
};

/* a op b over the slot at off of both types, with the subclass-first rule.
   Returns a new reference, NotImplemented (new ref) or NULL. */
static OuObject *binary_op1(OuObject *a, OuObject *b, size_t off)
{
    OuTypeObject *ta = OU_TYPE(a), *tb = OU_TYPE(b);
    binaryfunc slotv = BINSLOT(ta, off), slotw = NULL;
    OuObject *r;
    if (tb != ta) {
        slotw = BINSLOT(tb, off);
        if (slotw == slotv)
            slotw = NULL;
    }
    if (slotv) {
        if (slotw && OuType_IsSubtype(tb, ta)) {
            r = slotw(a, b);
            if (r != OU_NOTIMPLEMENTED)
                return r;
            OU_DECREF(r);
            slotw = NULL;
        }
        r = slotv(a, b);
        if (r != OU_NOTIMPLEMENTED)
            return r;
        OU_DECREF(r);
    }
    if (slotw)
        return slotw(a, b);
    return OU_NEWREF(OU_NOTIMPLEMENTED);
}

static OuObject *binop_type_error(OuObject *a, OuObject *b, const char *name)
{
    return OuErr_Format(TYPE_ERROR, "unsupported operand type(s) for %.100s: '%.100s' and '%.100s'",
                        name, OU_TYPE_NAME(a), OU_TYPE_NAME(b));
}

/* seq * n via a sq_repeat slot. */
static OuObject *seq_repeat(ssizeargfunc f, OuObject *seq, OuObject *n)
{
    if (!OuIndex_Check(n))
        return OuErr_Format(TYPE_ERROR, "can't multiply sequence by non-int of type '%.200s'",
                            OU_TYPE_NAME(n));
    Ou_ssize_t count = OuNumber_AsSsize_t(n, OuExc_OverflowError);
    if (count == -1 && OuErr_Occurred())
        return NULL;
    return f(seq, count);
}

/* Binary op by slot offset with an error name; no sequence fallbacks. */
static OuObject *binop_named(OuObject *a, OuObject *b, size_t off, const char *name)
{
    OuObject *r = binary_op1(a, b, off);
    if (r != OU_NOTIMPLEMENTED)
        return r;
    OU_DECREF(r);
    return binop_type_error(a, b, name);
}

/* a op b for a binary (not power) OU_NB_* op, with sequence fallbacks. */
static OuObject *binary_op(OuObject *a, OuObject *b, int op)
{
    OuObject *r = binary_op1(a, b, nb_binary_off[op]);
    if (r != OU_NOTIMPLEMENTED)
        return r;
    OU_DECREF(r);
    if (op == OU_NB_ADD) {
        binaryfunc f = OU_TYPE(a)->sq_concat;
        if (f)
            return f(a, b);
    } else if (op == OU_NB_MULTIPLY) {
        if (OU_TYPE(a)->sq_repeat)
            return seq_repeat(OU_TYPE(a)->sq_repeat, a, b);
        if (OU_TYPE(b)->sq_repeat)
            return seq_repeat(OU_TYPE(b)->sq_repeat, b, a);
    }
    return binop_type_error(a, b, ou_nb_op_symbol[op]);
}

/* a op= b; iop is an OU_NB_INPLACE_* (not power). */
static OuObject *inplace_op(OuObject *a, OuObject *b, int iop)
{
    int op = iop - NB_NBINARY;
    OuTypeObject *ta = OU_TYPE(a);
    binaryfunc f = BINSLOT(ta, nb_inplace_off[op]);
    OuObject *r;
    if (f) {
        r = f(a, b);
        if (r != OU_NOTIMPLEMENTED)
            return r;
        OU_DECREF(r);
    }
    r = binary_op1(a, b, nb_binary_off[op]);
    if (r != OU_NOTIMPLEMENTED)
        return r;
    OU_DECREF(r);
    if (op == OU_NB_ADD) {
        f = ta->sq_inplace_concat ? ta->sq_inplace_concat : ta->sq_concat;
        if (f)
            return f(a, b);
    } else if (op == OU_NB_MULTIPLY) {
        ssizeargfunc g = ta->sq_inplace_repeat ? ta->sq_inplace_repeat : ta->sq_repeat;
        if (g)
            return seq_repeat(g, a, b);
        if (OU_TYPE(b)->sq_repeat)
            return seq_repeat(OU_TYPE(b)->sq_repeat, b, a);
    }
    return binop_type_error(a, b, ou_nb_op_symbol[iop]);
}

/* pow(a, b, c) over nb_power of the three types (c None when absent). */
static OuObject *ternary_op(OuObject *a, OuObject *b, OuObject *c, const char *name)
{
    OuTypeObject *ta = OU_TYPE(a), *tb = OU_TYPE(b), *tc = OU_TYPE(c);
    ternaryfunc slotv = ta->nb_power, slotw = NULL, slotz;
    OuObject *r;
    if (tb != ta) {
        slotw = tb->nb_power;
        if (slotw == slotv)
            slotw = NULL;
    }
    if (slotv) {
        if (slotw && OuType_IsSubtype(tb, ta)) {
            r = slotw(a, b, c);
            if (r != OU_NOTIMPLEMENTED)
                return r;
            OU_DECREF(r);
            slotw = NULL;
        }
        r = slotv(a, b, c);
        if (r != OU_NOTIMPLEMENTED)
            return r;
        OU_DECREF(r);
    }
    if (slotw) {
        r = slotw(a, b, c);
        if (r != OU_NOTIMPLEMENTED)
            return r;
        OU_DECREF(r);
    }
    slotz = tc->nb_power;
    if (slotz && slotz != ta->nb_power && slotz != tb->nb_power) {
        r = slotz(a, b, c);
        if (r != OU_NOTIMPLEMENTED)
            return r;
        OU_DECREF(r);
    }
    if (c == OU_NONE)
        return binop_type_error(a, b, name);
    return OuErr_Format(TYPE_ERROR, "unsupported operand type(s) for %.100s: '%.100s', '%.100s', '%.100s'",
                        name, ta->tp_name, tb->tp_name, tc->tp_name);
}

OuObject *OuNumber_Add(OuObject *a, OuObject *b) { return binary_op(a, b, OU_NB_ADD); }
OuObject *OuNumber_Subtract(OuObject *a, OuObject *b) { return binary_op(a, b, OU_NB_SUBTRACT); }
OuObject *OuNumber_Multiply(OuObject *a, OuObject *b) { return binary_op(a, b, OU_NB_MULTIPLY); }
OuObject *OuNumber_MatrixMultiply(OuObject *a, OuObject *b) { return binary_op(a, b, OU_NB_MATRIX_MULTIPLY); }
OuObject *OuNumber_TrueDivide(OuObject *a, OuObject *b) { return binary_op(a, b, OU_NB_TRUE_DIVIDE); }
OuObject *OuNumber_FloorDivide(OuObject *a, OuObject *b) { return binary_op(a, b, OU_NB_FLOOR_DIVIDE); }
OuObject *OuNumber_Remainder(OuObject *a, OuObject *b) { return binary_op(a, b, OU_NB_REMAINDER); }
OuObject *OuNumber_Lshift(OuObject *a, OuObject *b) { return binary_op(a, b, OU_NB_LSHIFT); }
OuObject *OuNumber_Rshift(OuObject *a, OuObject *b) { return binary_op(a, b, OU_NB_RSHIFT); }
OuObject *OuNumber_And(OuObject *a, OuObject *b) { return binary_op(a, b, OU_NB_AND); }
OuObject *OuNumber_Xor(OuObject *a, OuObject *b) { return binary_op(a, b, OU_NB_XOR); }
OuObject *OuNumber_Or(OuObject *a, OuObject *b) { return binary_op(a, b, OU_NB_OR); }

OuObject *OuNumber_Divmod(OuObject *a, OuObject *b)
{
    return binop_named(a, b, offsetof(OuTypeObject, nb_divmod), "divmod()");
}

OuObject *OuNumber_Power(OuObject *a, OuObject *b, OuObject *mod)
{
    return ternary_op(a, b, mod ? mod : OU_NONE, "** or pow()");
}

OuObject *OuNumber_InPlaceAdd(OuObject *a, OuObject *b) { return inplace_op(a, b, OU_NB_INPLACE_ADD); }
OuObject *OuNumber_InPlaceSubtract(OuObject *a, OuObject *b) { return inplace_op(a, b, OU_NB_INPLACE_SUBTRACT); }
OuObject *OuNumber_InPlaceMultiply(OuObject *a, OuObject *b) { return inplace_op(a, b, OU_NB_INPLACE_MULTIPLY); }
OuObject *OuNumber_InPlaceMatrixMultiply(OuObject *a, OuObject *b) { return inplace_op(a, b, OU_NB_INPLACE_MATRIX_MULTIPLY); }
OuObject *OuNumber_InPlaceTrueDivide(OuObject *a, OuObject *b) { return inplace_op(a, b, OU_NB_INPLACE_TRUE_DIVIDE); }
OuObject *OuNumber_InPlaceFloorDivide(OuObject *a, OuObject *b) { return inplace_op(a, b, OU_NB_INPLACE_FLOOR_DIVIDE); }
OuObject *OuNumber_InPlaceRemainder(OuObject *a, OuObject *b) { return inplace_op(a, b, OU_NB_INPLACE_REMAINDER); }
OuObject *OuNumber_InPlaceLshift(OuObject *a, OuObject *b) { return inplace_op(a, b, OU_NB_INPLACE_LSHIFT); }
OuObject *OuNumber_InPlaceRshift(OuObject *a, OuObject *b) { return inplace_op(a, b, OU_NB_INPLACE_RSHIFT); }
OuObject *OuNumber_InPlaceAnd(OuObject *a, OuObject *b) { return inplace_op(a, b, OU_NB_INPLACE_AND); }
OuObject *OuNumber_InPlaceXor(OuObject *a, OuObject *b) { return inplace_op(a, b, OU_NB_INPLACE_XOR); }
OuObject *OuNumber_InPlaceOr(OuObject *a, OuObject *b) { return inplace_op(a, b, OU_NB_INPLACE_OR); }

OuObject *OuNumber_InPlacePower(OuObject *a, OuObject *b, OuObject *mod)
{
    if (!mod)
        mod = OU_NONE;
    ternaryfunc f = OU_TYPE(a)->nb_inplace_power;
    if (f) {
        OuObject *r = f(a, b, mod);
        if (r != OU_NOTIMPLEMENTED)
            return r;
        OU_DECREF(r);
    }
    return ternary_op(a, b, mod, "**=");
}

/* BINARY_OP: dispatch by OU_NB_*; exact int/float fast paths. */
OuObject *OuNumber_BinaryOp(OuObject *a, OuObject *b, int op)
{
    int base = op >= NB_NBINARY ? op - NB_NBINARY : op;
    OuTypeObject *ta = OU_TYPE(a);
    if (ta == OU_TYPE(b)) {
        if (ta == &OuInt_Type) {
            if (base == OU_NB_ADD)
                return OuInt_Add(a, b);
            if (base == OU_NB_SUBTRACT)
                return OuInt_Sub(a, b);
            if (base == OU_NB_MULTIPLY)
                return OuInt_Mul(a, b);
        } else if (ta == &OuFloat_Type) {
            double x = OU_FLOAT_VALUE(a), y = OU_FLOAT_VALUE(b);
            if (base == OU_NB_ADD)
                return OuFloat_FromDouble(x + y);
            if (base == OU_NB_SUBTRACT)
                return OuFloat_FromDouble(x - y);
            if (base == OU_NB_MULTIPLY)
                return OuFloat_FromDouble(x * y);
        }
    }
    if (op < 0 || op >= OU_NB_COUNT) {
        OuErr_BadInternalCall();
        return NULL;
    }
    if (op == OU_NB_POWER)
        return OuNumber_Power(a, b, OU_NONE);
    if (op == OU_NB_INPLACE_POWER)
        return OuNumber_InPlacePower(a, b, OU_NONE);
    if (op < NB_NBINARY)
        return binary_op(a, b, op);
    return inplace_op(a, b, op);
}

static OuObject *bad_unary(OuObject *o, const char *what)
{
    return OuErr_Format(TYPE_ERROR, "bad operand type for %s: '%.200s'", what, OU_TYPE_NAME(o));
}

OuObject *OuNumber_Negative(OuObject *o)
{
    unaryfunc f = OU_TYPE(o)->nb_negative;
    return f ? f(o) : bad_unary(o, "unary -");
}

OuObject *OuNumber_Positive(OuObject *o)
{
    unaryfunc f = OU_TYPE(o)->nb_positive;
    return f ? f(o) : bad_unary(o, "unary +");
}

OuObject *OuNumber_Absolute(OuObject *o)
{
    unaryfunc f = OU_TYPE(o)->nb_absolute;
    return f ? f(o) : bad_unary(o, "abs()");
}

OuObject *OuNumber_Invert(OuObject *o)
{
    unaryfunc f = OU_TYPE(o)->nb_invert;
    return f ? f(o) : bad_unary(o, "unary ~");
}

int OuIndex_Check(OuObject *o)
{
    return OuInt_Check(o) || OU_TYPE(o)->nb_index != NULL;
}

OuObject *OuNumber_Index(OuObject *o)
{
    if (OuInt_Check(o))
        return OU_NEWREF(o);
    unaryfunc f = OU_TYPE(o)->nb_index;
    if (!f)
        return OuErr_Format(TYPE_ERROR, "'%.200s' object cannot be interpreted as an integer",
                            OU_TYPE_NAME(o));
    OuObject *r = f(o);
    if (r && !OuInt_Check(r)) {
        OuErr_Format(TYPE_ERROR, "__index__ returned non-int (type %.200s)", OU_TYPE_NAME(r));
        OU_DECREF(r);
        return NULL;
    }
    return r;
}

OuObject *OuNumber_Long(OuObject *o)
{
    return OuInt_FromObject(o);
}

OuObject *OuNumber_Float(OuObject *o)
{
    return OuFloat_FromObject(o);
}

/* o.__index__() as a C ssize; on overflow raise exc, or clamp when exc is NULL. */
Ou_ssize_t OuNumber_AsSsize_t(OuObject *o, OuObject *exc)
{
    if (OuInt_CheckExact(o) && OU_INT_IS_SMALL(o)
#if INTPTR_MAX < INT64_MAX
        && OU_INT_SMALL(o) >= OU_SSIZE_T_MIN && OU_INT_SMALL(o) <= OU_SSIZE_T_MAX
#endif
        )
        return (Ou_ssize_t)OU_INT_SMALL(o);
    OuObject *idx = OuNumber_Index(o);
    if (!idx)
        return -1;
    if (OU_INT_IS_SMALL(idx)
#if INTPTR_MAX < INT64_MAX
        && OU_INT_SMALL(idx) >= OU_SSIZE_T_MIN && OU_INT_SMALL(idx) <= OU_SSIZE_T_MAX
#endif
        ) {
        Ou_ssize_t v = (Ou_ssize_t)OU_INT_SMALL(idx);
        OU_DECREF(idx);
        return v;
    }
    int sign = OuInt_Sign(idx);
    OU_DECREF(idx);
    if (!exc)
        return sign < 0 ? OU_SSIZE_T_MIN : OU_SSIZE_T_MAX;
    OuErr_Format(exc, "cannot fit '%.200s' into an index-sized integer", OU_TYPE_NAME(o));
    return -1;
}

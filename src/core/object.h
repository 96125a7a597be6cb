/*
 * object.h -- the object header, the type object and its slots.
 *
 * Every value is an OuObject: a reference count and a type pointer. A type
 * carries C slots for each data-model protocol; for a class written in Python
 * the slots point at generic functions that look the dunder up on the type
 * (see typeobject.c), and for a built-in type the dunders in its dict are
 * wrappers around the C slots. Calling is vectorcall-style everywhere:
 * (callable, args array, nargs, kwnames tuple or NULL); keyword values follow
 * the positional ones in the array.
 *
 * Naming: types and macros Ou* and OU_*, functions Ou<Subsystem>_<Verb>.
 * Error convention: functions returning OuObject* return NULL with an
 * exception set; functions returning int return -1 with an exception set.
 */
#ifndef OU_OBJECT_H
#define OU_OBJECT_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <string.h>

typedef intptr_t Ou_ssize_t;
typedef intptr_t Ou_hash_t;
typedef uintptr_t Ou_uhash_t;

#define OU_SSIZE_T_MAX INTPTR_MAX
#define OU_SSIZE_T_MIN INTPTR_MIN

#define OU_WUR __attribute__((warn_unused_result))
#define OU_LIKELY(x) __builtin_expect(!!(x), 1)
#define OU_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define OU_UNUSED(x) ((void)(x))

typedef struct OuTypeObject OuTypeObject;
struct OuBuffer;

typedef struct OuObject {
    Ou_ssize_t ob_refcnt;
    OuTypeObject *ob_type;
} OuObject;

typedef struct {
    OuObject ob_base;
    Ou_ssize_t ob_size;   /* number of items for variable-size objects */
} OuVarObject;

#define OuObject_HEAD OuObject ob_base;
#define OuObject_VAR_HEAD OuVarObject ob_base;

/* Immortal objects (static types, None, small ints) are given a huge
   count so that they never reach zero; no branch is needed. */
#define OU_IMMORTAL_REFCNT ((Ou_ssize_t)1 << 60)
#define OU_STATIC_OBJECT_INIT(type) { OU_IMMORTAL_REFCNT, (type) }
#define OU_STATIC_VAROBJECT_INIT(type, size) { OU_STATIC_OBJECT_INIT(type), (size) }

#define OU_TYPE(o) (((OuObject *)(o))->ob_type)
#define OU_REFCNT(o) (((OuObject *)(o))->ob_refcnt)
#define OU_SIZE(o) (((OuVarObject *)(o))->ob_size)
#define OU_SET_SIZE(o, n) (((OuVarObject *)(o))->ob_size = (n))
#define OU_IS_TYPE(o, t) (OU_TYPE(o) == (t))
#define OU_TYPE_NAME(o) (OU_TYPE(o)->tp_name)

void ou_dealloc(OuObject *o);

static inline void Ou_INCREF(OuObject *o) { o->ob_refcnt++; }
static inline void Ou_DECREF(OuObject *o)
{
    if (--o->ob_refcnt == 0)
        ou_dealloc(o);
}
#define OU_INCREF(o) Ou_INCREF((OuObject *)(o))
#define OU_DECREF(o) Ou_DECREF((OuObject *)(o))
#define OU_XINCREF(o) do { OuObject *_x = (OuObject *)(o); if (_x) Ou_INCREF(_x); } while (0)
#define OU_XDECREF(o) do { OuObject *_x = (OuObject *)(o); if (_x) Ou_DECREF(_x); } while (0)
#define OU_CLEAR(op) do { OuObject *_t = (OuObject *)(op); if (_t) { (op) = NULL; Ou_DECREF(_t); } } while (0)
#define OU_SETREF(op, v) do { OuObject *_t = (OuObject *)(op); (op) = (v); Ou_DECREF(_t); } while (0)
#define OU_XSETREF(op, v) do { OuObject *_t = (OuObject *)(op); (op) = (v); OU_XDECREF(_t); } while (0)
static inline OuObject *Ou_NewRef(OuObject *o) { Ou_INCREF(o); return o; }
static inline OuObject *Ou_XNewRef(OuObject *o) { if (o) Ou_INCREF(o); return o; }
#define OU_NEWREF(o) Ou_NewRef((OuObject *)(o))
#define OU_XNEWREF(o) Ou_XNewRef((OuObject *)(o))

/* ---- slot signatures ---- */
typedef OuObject *(*unaryfunc)(OuObject *);
typedef OuObject *(*binaryfunc)(OuObject *, OuObject *);
typedef OuObject *(*ternaryfunc)(OuObject *, OuObject *, OuObject *);
typedef int (*inquiry)(OuObject *);
typedef Ou_ssize_t (*lenfunc)(OuObject *);
typedef OuObject *(*ssizeargfunc)(OuObject *, Ou_ssize_t);
typedef int (*ssizeobjargproc)(OuObject *, Ou_ssize_t, OuObject *);
typedef int (*objobjproc)(OuObject *, OuObject *);
typedef int (*objobjargproc)(OuObject *, OuObject *, OuObject *);
typedef void (*destructor)(OuObject *);
typedef OuObject *(*getattrofunc)(OuObject *, OuObject *);
typedef int (*setattrofunc)(OuObject *, OuObject *, OuObject *); /* value NULL = delete */
typedef OuObject *(*reprfunc)(OuObject *);
typedef Ou_hash_t (*hashfunc)(OuObject *);
typedef OuObject *(*richcmpfunc)(OuObject *, OuObject *, int);
typedef OuObject *(*getiterfunc)(OuObject *);
typedef OuObject *(*iternextfunc)(OuObject *); /* NULL without exception = exhausted */
typedef OuObject *(*descrgetfunc)(OuObject *descr, OuObject *obj, OuObject *type);
typedef int (*descrsetfunc)(OuObject *descr, OuObject *obj, OuObject *value);
typedef int (*visitproc)(OuObject *, void *);
typedef int (*traverseproc)(OuObject *, visitproc, void *);
/* The one calling convention: args[0..nargs) positional, then one value per
   name in kwnames (a tuple of str, or NULL when there are no keywords). */
typedef OuObject *(*vectorcallfunc)(OuObject *callable, OuObject *const *args,
                                    Ou_ssize_t nargs, OuObject *kwnames);
typedef OuObject *(*newfunc)(OuTypeObject *type, OuObject *const *args,
                             Ou_ssize_t nargs, OuObject *kwnames);
typedef int (*initproc)(OuObject *self, OuObject *const *args,
                        Ou_ssize_t nargs, OuObject *kwnames);
typedef OuObject *(*allocfunc)(OuTypeObject *type, Ou_ssize_t nitems);
typedef void (*freefunc)(void *);
typedef OuObject *(*getter)(OuObject *, void *);
typedef int (*setter)(OuObject *, OuObject *, void *);

/* Rich comparison operators (also COMPARE_OP's argument). */
enum { OU_LT = 0, OU_LE = 1, OU_EQ = 2, OU_NE = 3, OU_GT = 4, OU_GE = 5 };

/* ---- method, member and getset tables for built-in types ---- */
enum {
    OU_METH_NOARGS = 0x1,   /* OuObject *f(OuObject *self, OuObject *unused_NULL) */
    OU_METH_O = 0x2,        /* OuObject *f(OuObject *self, OuObject *arg) */
    OU_METH_FAST = 0x4,     /* OuCFunctionFast: args, nargs, kwnames */
    OU_METH_CLASS = 0x10,   /* self is the type (classmethod) */
    OU_METH_STATIC = 0x20,  /* self is NULL (staticmethod) */
};
typedef OuObject *(*OuCFunction)(OuObject *self, OuObject *arg);
typedef OuObject *(*OuCFunctionFast)(OuObject *self, OuObject *const *args,
                                     Ou_ssize_t nargs, OuObject *kwnames);
typedef struct OuMethodDef {
    const char *ml_name;
    void *ml_meth;          /* OuCFunction or OuCFunctionFast per ml_flags */
    int ml_flags;
    const char *ml_doc;
} OuMethodDef;

enum {
    OU_T_OBJECT = 1,      /* OuObject*, NULL reads as None */
    OU_T_OBJECT_EX,       /* OuObject*, NULL raises AttributeError */
    OU_T_INT, OU_T_LONG, OU_T_SSIZE, OU_T_DOUBLE, OU_T_BOOL, OU_T_UINT, OU_T_CHAR,
};
#define OU_READONLY 1
typedef struct OuMemberDef {
    const char *name;
    int type;
    Ou_ssize_t offset;
    int flags;
    const char *doc;
} OuMemberDef;

typedef struct OuGetSetDef {
    const char *name;
    getter get;
    setter set;
    const char *doc;
    void *closure;
} OuGetSetDef;

/* ---- type flags ---- */
#define OU_TPFLAGS_HEAPTYPE        (1UL << 9)   /* created by class statement / type() */
#define OU_TPFLAGS_BASETYPE        (1UL << 10)  /* may be subclassed */
#define OU_TPFLAGS_READY           (1UL << 12)
#define OU_TPFLAGS_READYING        (1UL << 13)
#define OU_TPFLAGS_HAVE_GC         (1UL << 14)  /* instances carry an OuGCHead */
#define OU_TPFLAGS_IS_ABSTRACT     (1UL << 20)
#define OU_TPFLAGS_SEQUENCE        (1UL << 5)   /* for match statements */
#define OU_TPFLAGS_MAPPING         (1UL << 6)
#define OU_TPFLAGS_HAS_FINALIZE    (1UL << 0)
/* Fast subclass tests, set on the built-in base and inherited. */
#define OU_TPFLAGS_INT_SUBCLASS        (1UL << 24)
#define OU_TPFLAGS_LIST_SUBCLASS       (1UL << 25)
#define OU_TPFLAGS_TUPLE_SUBCLASS      (1UL << 26)
#define OU_TPFLAGS_BYTES_SUBCLASS      (1UL << 27)
#define OU_TPFLAGS_STR_SUBCLASS        (1UL << 28)
#define OU_TPFLAGS_DICT_SUBCLASS       (1UL << 29)
#define OU_TPFLAGS_BASE_EXC_SUBCLASS   (1UL << 30)
#define OU_TPFLAGS_TYPE_SUBCLASS       (1UL << 31)

struct OuTypeObject {
    OuObject_VAR_HEAD
    const char *tp_name;          /* "module.Name" for C types; __name__ is after the last dot */
    Ou_ssize_t tp_basicsize, tp_itemsize;
    unsigned long tp_flags;
    const char *tp_doc;

    /* lifetime */
    destructor tp_dealloc;
    allocfunc tp_alloc;
    newfunc tp_new;
    initproc tp_init;
    freefunc tp_free;
    destructor tp_finalize;       /* __del__ (PEP 442) */
    traverseproc tp_traverse;     /* required with OU_TPFLAGS_HAVE_GC */
    inquiry tp_clear;

    /* basic protocols */
    reprfunc tp_repr, tp_str;
    hashfunc tp_hash;
    vectorcallfunc tp_call;       /* calling an instance of this type */
    getattrofunc tp_getattro;
    setattrofunc tp_setattro;
    richcmpfunc tp_richcompare;
    getiterfunc tp_iter;
    iternextfunc tp_iternext;
    descrgetfunc tp_descr_get;
    descrsetfunc tp_descr_set;

    /* number protocol (binary slots take either operand first, as CPython's) */
    binaryfunc nb_add, nb_subtract, nb_multiply, nb_remainder, nb_divmod;
    ternaryfunc nb_power;
    unaryfunc nb_negative, nb_positive, nb_absolute;
    inquiry nb_bool;
    unaryfunc nb_invert;
    binaryfunc nb_lshift, nb_rshift, nb_and, nb_xor, nb_or;
    unaryfunc nb_int, nb_float;
    binaryfunc nb_inplace_add, nb_inplace_subtract, nb_inplace_multiply, nb_inplace_remainder;
    ternaryfunc nb_inplace_power;
    binaryfunc nb_inplace_lshift, nb_inplace_rshift, nb_inplace_and, nb_inplace_xor, nb_inplace_or;
    binaryfunc nb_floor_divide, nb_true_divide, nb_inplace_floor_divide, nb_inplace_true_divide;
    unaryfunc nb_index;
    binaryfunc nb_matrix_multiply, nb_inplace_matrix_multiply;

    /* mapping and sequence protocols */
    lenfunc mp_length;            /* len(); also used for sequences */
    binaryfunc mp_subscript;      /* o[k] */
    objobjargproc mp_ass_subscript; /* o[k] = v, del o[k] (v NULL) */
    ssizeargfunc sq_item;         /* optional fast o[i] for an int index, i already >= 0 */
    binaryfunc sq_concat;         /* + for sequences, tried after nb_add */
    ssizeargfunc sq_repeat;       /* * for sequences */
    binaryfunc sq_inplace_concat;
    ssizeargfunc sq_inplace_repeat;
    objobjproc sq_contains;       /* in */

    /* async protocol */
    unaryfunc am_await, am_aiter, am_anext;

    /* buffer protocol (bytes-like objects), see buffer.h */
    int (*bf_getbuffer)(OuObject *, struct OuBuffer *, int flags);
    void (*bf_releasebuffer)(OuObject *, struct OuBuffer *);

    /* tables for built-in types; turned into descriptors by OuType_Ready */
    OuMethodDef *tp_methods;
    OuMemberDef *tp_members;
    OuGetSetDef *tp_getset;

    /* hierarchy and namespace */
    OuTypeObject *tp_base;
    OuObject *tp_bases;           /* tuple */
    OuObject *tp_mro;             /* tuple */
    OuObject *tp_dict;            /* dict */
    OuObject *tp_subclasses;      /* dict: id -> weakref, or NULL */
    OuObject *tp_name_obj;        /* heap types: __name__ (str) */
    OuObject *tp_qualname;        /* heap types: __qualname__ (str) */
    OuObject *tp_slots;           /* heap types: __slots__ tuple or NULL */
    Ou_ssize_t tp_dictoffset;     /* offset of the instance __dict__ pointer, 0 if none */
    Ou_ssize_t tp_weaklistoffset; /* offset of the weakref list pointer, 0 if none */

    /* Bumped whenever the type or a base changes; inline caches key on it.
       0 means "not valid for caching". */
    uint32_t tp_version_tag;
    vectorcallfunc tp_vectorcall; /* fast path for calling the type object itself */
};

/* ---- memory for objects (src/mem) ---- */
void *Ou_Malloc(size_t n);        /* NULL on failure, no exception set */
void *Ou_Realloc(void *p, size_t n);
void Ou_Free(void *p);
void *Ou_MallocErr(size_t n);     /* sets MemoryError on failure */

/* GC header, placed before objects of OU_TPFLAGS_HAVE_GC types. */
typedef struct OuGCHead {
    struct OuGCHead *gc_next, *gc_prev;   /* generation list; NULL when untracked */
    Ou_ssize_t gc_refs;
} OuGCHead;
#define OU_AS_GC(o) ((OuGCHead *)(o) - 1)
#define OU_FROM_GC(g) ((OuObject *)((OuGCHead *)(g) + 1))

OuObject *OuType_GenericAlloc(OuTypeObject *type, Ou_ssize_t nitems); /* zeroed, refcnt 1, not tracked */
void OuObject_Free(void *o);          /* tp_free for any object (GC-aware) */
#define OuObject_NEW(T, type) ((T *)OuType_GenericAlloc((type), 0))
#define OuObject_NEW_VAR(T, type, n) ((T *)OuType_GenericAlloc((type), (n)))
void OuObject_GC_Track(OuObject *o);
void OuObject_GC_UnTrack(OuObject *o);
int OuObject_GC_IsTracked(OuObject *o);
#define OU_VISIT(o) do { if (o) { int _r = visit((OuObject *)(o), arg); if (_r) return _r; } } while (0)

/* ---- type objects (src/objects/typeobject.c) ---- */
extern OuTypeObject OuType_Type, OuBaseObject_Type, OuSuper_Type;
int OuType_Ready(OuTypeObject *type) OU_WUR;
int OuType_IsSubtype(OuTypeObject *a, OuTypeObject *b);
OuObject *OuType_Lookup(OuTypeObject *type, OuObject *name); /* borrowed, NULL if absent, no error */
OuObject *OuType_GetName(OuTypeObject *type);     /* new ref: __name__ */
OuObject *OuType_GetQualName(OuTypeObject *type); /* new ref */
void OuType_Modified(OuTypeObject *type);         /* invalidate version tags */
#define OuType_Check(o) (OU_TYPE(o)->tp_flags & OU_TPFLAGS_TYPE_SUBCLASS)
#define OuType_CheckExact(o) (OU_TYPE(o) == &OuType_Type)
#define OuType_HasFeature(t, f) (((t)->tp_flags & (f)) != 0)
#define OuObject_TypeCheck(o, t) (OU_TYPE(o) == (t) || OuType_IsSubtype(OU_TYPE(o), (t)))
OuObject *OuObject_GenericGetAttr(OuObject *o, OuObject *name);
int OuObject_GenericSetAttr(OuObject *o, OuObject *name, OuObject *value);
OuObject **OuObject_DictPtr(OuObject *o);   /* address of instance __dict__ slot, or NULL */
OuObject *OuObject_GenericNew(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames);
Ou_hash_t OuObject_HashNotImplemented(OuObject *o);
OuObject *OuObject_SelfIter(OuObject *o);

/* ---- abstract object protocol (src/core/abstract.c) ---- */
OuObject *OuObject_Repr(OuObject *o);
OuObject *OuObject_Str(OuObject *o);
OuObject *OuObject_ASCII(OuObject *o);
OuObject *OuObject_Format(OuObject *o, OuObject *spec);
Ou_hash_t OuObject_Hash(OuObject *o);
int OuObject_IsTrue(OuObject *o);      /* -1 on error */
int OuObject_Not(OuObject *o);
OuObject *OuObject_RichCompare(OuObject *a, OuObject *b, int op);
int OuObject_RichCompareBool(OuObject *a, OuObject *b, int op); /* identity implies equality for EQ/NE */
OuObject *OuObject_GetAttr(OuObject *o, OuObject *name);
OuObject *OuObject_GetAttrString(OuObject *o, const char *name);
int OuObject_LookupAttr(OuObject *o, OuObject *name, OuObject **result); /* 1 found, 0 AttributeError swallowed, -1 error */
int OuObject_SetAttr(OuObject *o, OuObject *name, OuObject *value);
int OuObject_SetAttrString(OuObject *o, const char *name, OuObject *value);
int OuObject_DelAttr(OuObject *o, OuObject *name);
int OuObject_HasAttr(OuObject *o, OuObject *name); /* -1 on a non-AttributeError error */
OuObject *OuObject_GetIter(OuObject *o);
OuObject *OuIter_Next(OuObject *it);   /* NULL and no error = exhausted */
int OuIter_Check(OuObject *o);
OuObject *OuObject_GetItem(OuObject *o, OuObject *key);
int OuObject_SetItem(OuObject *o, OuObject *key, OuObject *value);
int OuObject_DelItem(OuObject *o, OuObject *key);
Ou_ssize_t OuObject_Length(OuObject *o);          /* -1 on error */
Ou_ssize_t OuObject_LengthHint(OuObject *o, Ou_ssize_t dflt);
int OuSequence_Contains(OuObject *seq, OuObject *item); /* `in`, -1 on error */
OuObject *OuSequence_GetItem(OuObject *o, Ou_ssize_t i);
OuObject *OuSequence_Tuple(OuObject *o);          /* tuple(o) */
OuObject *OuSequence_List(OuObject *o);           /* list(o) */
OuObject *OuObject_Dir(OuObject *o);
int OuObject_IsInstance(OuObject *inst, OuObject *cls);  /* honours __instancecheck__ */
int OuObject_IsSubclass(OuObject *derived, OuObject *cls);
int OuCallable_Check(OuObject *o);

/* calls */
OuObject *OuObject_Vectorcall(OuObject *callable, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames);
OuObject *OuObject_Call(OuObject *callable, OuObject *args_tuple, OuObject *kwargs_dict);
OuObject *OuObject_CallNoArgs(OuObject *callable);
OuObject *OuObject_CallOneArg(OuObject *callable, OuObject *arg);
OuObject *OuObject_CallFunctionObjArgs(OuObject *callable, ...); /* NULL-terminated */
OuObject *OuObject_CallMethod(OuObject *o, OuObject *name, OuObject *const *args, Ou_ssize_t nargs);
OuObject *OuObject_CallMethodStr(OuObject *o, const char *name, OuObject *const *args, Ou_ssize_t nargs);
/* Look a special method up on the type (not the instance) and bind it.
   Returns new ref, NULL without error if absent. */
OuObject *OuObject_LookupSpecial(OuObject *o, OuObject *name);

/* number protocol: a op b with the full reflected/NotImplemented dance */
OuObject *OuNumber_Add(OuObject *a, OuObject *b);
OuObject *OuNumber_Subtract(OuObject *a, OuObject *b);
OuObject *OuNumber_Multiply(OuObject *a, OuObject *b);
OuObject *OuNumber_MatrixMultiply(OuObject *a, OuObject *b);
OuObject *OuNumber_TrueDivide(OuObject *a, OuObject *b);
OuObject *OuNumber_FloorDivide(OuObject *a, OuObject *b);
OuObject *OuNumber_Remainder(OuObject *a, OuObject *b);
OuObject *OuNumber_Divmod(OuObject *a, OuObject *b);
OuObject *OuNumber_Power(OuObject *a, OuObject *b, OuObject *mod); /* mod: None if absent */
OuObject *OuNumber_Lshift(OuObject *a, OuObject *b);
OuObject *OuNumber_Rshift(OuObject *a, OuObject *b);
OuObject *OuNumber_And(OuObject *a, OuObject *b);
OuObject *OuNumber_Xor(OuObject *a, OuObject *b);
OuObject *OuNumber_Or(OuObject *a, OuObject *b);
OuObject *OuNumber_InPlaceAdd(OuObject *a, OuObject *b);
OuObject *OuNumber_InPlaceSubtract(OuObject *a, OuObject *b);
OuObject *OuNumber_InPlaceMultiply(OuObject *a, OuObject *b);
OuObject *OuNumber_InPlaceMatrixMultiply(OuObject *a, OuObject *b);
OuObject *OuNumber_InPlaceTrueDivide(OuObject *a, OuObject *b);
OuObject *OuNumber_InPlaceFloorDivide(OuObject *a, OuObject *b);
OuObject *OuNumber_InPlaceRemainder(OuObject *a, OuObject *b);
OuObject *OuNumber_InPlacePower(OuObject *a, OuObject *b, OuObject *mod);
OuObject *OuNumber_InPlaceLshift(OuObject *a, OuObject *b);
OuObject *OuNumber_InPlaceRshift(OuObject *a, OuObject *b);
OuObject *OuNumber_InPlaceAnd(OuObject *a, OuObject *b);
OuObject *OuNumber_InPlaceXor(OuObject *a, OuObject *b);
OuObject *OuNumber_InPlaceOr(OuObject *a, OuObject *b);
OuObject *OuNumber_Negative(OuObject *o);
OuObject *OuNumber_Positive(OuObject *o);
OuObject *OuNumber_Absolute(OuObject *o);
OuObject *OuNumber_Invert(OuObject *o);
OuObject *OuNumber_Index(OuObject *o);        /* operator.index(): an exact int or int subclass */
OuObject *OuNumber_Long(OuObject *o);         /* int(o) */
OuObject *OuNumber_Float(OuObject *o);        /* float(o) */
Ou_ssize_t OuNumber_AsSsize_t(OuObject *o, OuObject *exc); /* via __index__; exc NULL = clamp */
int OuIndex_Check(OuObject *o);
/* Binary operator by BINARY_OP argument (OU_NB_* below). */
OuObject *OuNumber_BinaryOp(OuObject *a, OuObject *b, int op);

/* BINARY_OP arguments, same numbering as CPython 3.11 so dis reads alike. */
enum {
    OU_NB_ADD = 0, OU_NB_AND, OU_NB_FLOOR_DIVIDE, OU_NB_LSHIFT, OU_NB_MATRIX_MULTIPLY,
    OU_NB_MULTIPLY, OU_NB_REMAINDER, OU_NB_OR, OU_NB_POWER, OU_NB_RSHIFT,
    OU_NB_SUBTRACT, OU_NB_TRUE_DIVIDE, OU_NB_XOR,
    OU_NB_INPLACE_ADD, OU_NB_INPLACE_AND, OU_NB_INPLACE_FLOOR_DIVIDE, OU_NB_INPLACE_LSHIFT,
    OU_NB_INPLACE_MATRIX_MULTIPLY, OU_NB_INPLACE_MULTIPLY, OU_NB_INPLACE_REMAINDER,
    OU_NB_INPLACE_OR, OU_NB_INPLACE_POWER, OU_NB_INPLACE_RSHIFT, OU_NB_INPLACE_SUBTRACT,
    OU_NB_INPLACE_TRUE_DIVIDE, OU_NB_INPLACE_XOR,
    OU_NB_COUNT
};
extern const char *const ou_nb_op_symbol[OU_NB_COUNT]; /* "+", "&", ..., "+=", ... */

/* ---- argument parsing for built-in functions (src/core/getargs.c) ----
   names: NULL-terminated parameter names (all parameters, in order).
   The first npos_only are positional-only, the ones from kw_only_start on are
   keyword-only (pass -1 for none); the first nrequired are required.
   out[i] receives a borrowed reference or NULL for an absent optional. */
int OuArg_Parse(const char *fname, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames,
                const char *const *names, int npos_only, int kw_only_start, int nrequired,
                OuObject **out) OU_WUR;
int OuArg_NoKeywords(const char *fname, OuObject *kwnames) OU_WUR;
int OuArg_CheckPositional(const char *fname, Ou_ssize_t nargs, Ou_ssize_t min, Ou_ssize_t max) OU_WUR;

/* ---- misc ---- */
int Ou_ReprEnter(OuObject *o);   /* 1 if o is already being repr'd (recursion), -1 error */
void Ou_ReprLeave(OuObject *o);
int Ou_EnterRecursiveCall(const char *where) OU_WUR; /* RecursionError past the limit */
void Ou_LeaveRecursiveCall(void);

#endif

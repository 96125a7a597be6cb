/* intobject.h -- int: a machine word when it fits, a GMP integer beyond.
   Ints -5..256 are preallocated and immortal. bool is a subtype (boolobject.c). */
#ifndef OU_INTOBJECT_H
#define OU_INTOBJECT_H
#include "../core/object.h"
#include <gmp.h>

typedef struct {
    OuObject_HEAD
    int64_t small;          /* the value when big == NULL */
    __mpz_struct *big;      /* non-NULL only for values outside int64 range; canonical */
} OuIntObject;

extern OuTypeObject OuInt_Type, OuBool_Type;
#define OuInt_Check(o) (OU_TYPE(o)->tp_flags & OU_TPFLAGS_INT_SUBCLASS)
#define OuInt_CheckExact(o) (OU_TYPE(o) == &OuInt_Type)
#define OuBool_Check(o) (OU_TYPE(o) == &OuBool_Type)
#define OU_INT_IS_SMALL(o) (((OuIntObject *)(o))->big == NULL)
#define OU_INT_SMALL(o) (((OuIntObject *)(o))->small)

OuObject *OuInt_FromLong(long v);
OuObject *OuInt_FromInt64(int64_t v);
OuObject *OuInt_FromSsize_t(Ou_ssize_t v);
OuObject *OuInt_FromSize_t(size_t v);
OuObject *OuInt_FromUInt64(uint64_t v);
OuObject *OuInt_FromDouble(double d);         /* truncates; OverflowError/ValueError for inf/nan */
OuObject *OuInt_FromMpz(const mpz_t z);       /* copies */
OuObject *OuInt_FromString(const char *s, Ou_ssize_t len, int base); /* Python int() literal rules */
OuObject *OuInt_FromUnicodeObject(OuObject *str, int base);
long OuInt_AsLong(OuObject *o);               /* -1 + OverflowError; accepts __index__ */
int64_t OuInt_AsInt64(OuObject *o);
Ou_ssize_t OuInt_AsSsize_t(OuObject *o);      /* exact int required */
size_t OuInt_AsSize_t(OuObject *o);
uint64_t OuInt_AsUInt64Mask(OuObject *o);     /* value mod 2**64 */
double OuInt_AsDouble(OuObject *o);           /* OverflowError when too large */
int OuInt_AsMpz(OuObject *o, mpz_t out);      /* out must be initialised by the caller */
int OuInt_Sign(OuObject *o);
Ou_ssize_t OuInt_NumBits(OuObject *o);
OuObject *OuInt_Format(OuObject *o, int base, int alternate); /* bin/oct/hex/str text */
Ou_hash_t OuInt_Hash(OuObject *o);
/* Small-int fast helpers used by the VM: return NULL on overflow-free failure? no: always a result or NULL+error */
OuObject *OuInt_Add(OuObject *a, OuObject *b);
OuObject *OuInt_Sub(OuObject *a, OuObject *b);
OuObject *OuInt_Mul(OuObject *a, OuObject *b);
int OuInt_Compare(OuObject *a, OuObject *b);  /* -1, 0, 1 for two ints */

extern OuObject *ou_true, *ou_false;            /* the two bool singletons */
#define OU_TRUE ((OuObject *)ou_true)
#define OU_FALSE ((OuObject *)ou_false)
#define OU_RETURN_TRUE return OU_NEWREF(OU_TRUE)
#define OU_RETURN_FALSE return OU_NEWREF(OU_FALSE)
static inline OuObject *OuBool_FromLong(long v) { return OU_NEWREF(v ? OU_TRUE : OU_FALSE); }
/* Additions (numbers helper): */
OuObject *OuInt_FromObject(OuObject *o);        /* int(o) semantics (no base) */
int OuInt_CompareDouble(OuObject *i, double d); /* sign of i - d: -1, 0, 1; 2 if d is NaN */
int OuInt_Init(void) OU_WUR;                    /* small-int cache, bools */
#endif

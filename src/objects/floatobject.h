/* floatobject.h -- float (IEEE double) and complex. */
#ifndef OU_FLOATOBJECT_H
#define OU_FLOATOBJECT_H
#include "../core/object.h"

typedef struct { OuObject_HEAD double value; } OuFloatObject;
typedef struct { double real, imag; } Ou_complex;
typedef struct { OuObject_HEAD Ou_complex cval; } OuComplexObject;

extern OuTypeObject OuFloat_Type, OuComplex_Type;
#define OuFloat_Check(o) OuObject_TypeCheck(o, &OuFloat_Type)
#define OuFloat_CheckExact(o) (OU_TYPE(o) == &OuFloat_Type)
#define OU_FLOAT_VALUE(o) (((OuFloatObject *)(o))->value)
#define OuComplex_Check(o) OuObject_TypeCheck(o, &OuComplex_Type)
#define OuComplex_CheckExact(o) (OU_TYPE(o) == &OuComplex_Type)

OuObject *OuFloat_FromDouble(double v);
double OuFloat_AsDouble(OuObject *o);          /* accepts __float__/__index__; -1.0 + error */
OuObject *OuFloat_FromString(OuObject *str);   /* float(str) rules */
OuObject *OuFloat_Repr(double v);              /* shortest round-trip repr */
char *Ou_dtoa_repr(double v, char *buf, size_t size); /* the repr text, into buf */
Ou_hash_t Ou_HashDouble(double v);             /* CPython-compatible numeric hash */
OuObject *OuComplex_FromDoubles(double real, double imag);
/* Additions (numbers helper): */
OuObject *OuFloat_FromObject(OuObject *o);     /* float(o) semantics */
Ou_complex OuComplex_AsComplex(OuObject *o);   /* complex, __complex__, or a real number; -1.0 real + error */
/* v as text: type 'r' (repr) or e E f F g G with precision; Ou_Malloc'd,
   NULL + MemoryError. ADD_DOT_0 with g/G gives format()'s no-type rule. */
enum { OU_DTSF_SIGN = 1, OU_DTSF_ADD_DOT_0 = 2, OU_DTSF_ALT = 4 };
char *Ou_double_to_string(double v, char type, int precision, int flags);
int OuFloat_Init(void) OU_WUR;                 /* readies float and complex */
#endif

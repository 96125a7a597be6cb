/* numformat.h -- the format-spec mini-language for int, float and complex
   (numformat.c), and numeric helpers shared by intobject.c, floatobject.c
   and complexobject.c. Not public API: other areas use intobject.h and
   floatobject.h. */
#ifndef OU_NUMFORMAT_H
#define OU_NUMFORMAT_H
#include "core/ouro.h"
#include <gmp.h>

/* __format__ of the three number types. spec must be a str. An empty spec
   gives str(self). */
OuObject *OuNumFormat_Int(OuObject *self, OuObject *spec);
OuObject *OuNumFormat_Float(OuObject *self, double v, OuObject *spec);
OuObject *OuNumFormat_Complex(OuObject *self, double re, double im, OuObject *spec);
OuObject *OuNumFormat_ComplexRepr(double re, double im);   /* repr(complex) */

/* intobject.c */
/* Digits of |o| in base 2, 8, 10 or 16 (upper: A-F), Ou_Malloc'd and
   NUL-terminated; *neg tells the sign. Base 10 enforces
   sys.get_int_max_str_digits(). NULL with an exception on error. */
char *ou_int_digits(OuObject *o, int base, int upper, Ou_ssize_t *len, int *neg);
/* Correctly rounded (half-even) m * 2**e; *overflow set (and +-HUGE_VAL
   returned) when the result does not fit a double. */
double ou_mpz_ldexp(mpz_srcptr m, long e, int *overflow);
/* Correctly rounded a / b (b != 0), same overflow convention. */
double ou_mpz_ratio(mpz_srcptr a, mpz_srcptr b, int *overflow);
/* A new int holding z's value; z is cleared (its limbs may be taken). */
OuObject *ou_int_from_mpz_steal(mpz_ptr z);

/* floatobject.c */
/* x ** y with Python's rules: float, or complex for a negative base and a
   fractional exponent; ZeroDivisionError / OverflowError as CPython. */
OuObject *ou_float_pow(double x, double y);
/* Longest prefix of s[0..n) that is a Python float literal (sign, digits
   with single underscores, '.', exponent, inf/infinity/nan). Returns the
   number of chars used (0: none) and the value in *out; -1 on MemoryError. */
Ou_ssize_t ou_float_scan(const char *s, Ou_ssize_t n, double *out);
/* ASCII view of a str for number parsing: Unicode decimal digits become
   '0'..'9', Unicode white space ' ', other non-ASCII chars 0x01. Returns a
   buffer to free with Ou_Free (or NULL + MemoryError). */
char *ou_number_text(OuObject *str, Ou_ssize_t *len);
/* Hash of a double that may be a NaN: NaNs hash by the identity of obj. */
Ou_hash_t ou_hash_double_obj(OuObject *obj, double v);
#endif

/*
 * floatobject.c -- float: IEEE 754 double.
 *
 * Types defined here: OuFloat_Type ("float"). complex is in
 * complexobject.c; OuFloat_Init readies both.
 *
 * Exact floats are recycled through a free list. Mixed arithmetic accepts
 * ints (and int subclasses) on either side, converting them with correct
 * rounding (OverflowError when too large); comparisons with ints are exact.
 * Text conversion lives in numformat.c.
 */
#include "core/ouro.h"
#include "objects/numformat.h"
#include "objects/rangeobject.h"
#include "objects/unicodectype.h"
#include <math.h>
#include <float.h>
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>

#define FLOAT_FREELIST_MAX 256
static OuFloatObject *float_freelist[FLOAT_FREELIST_MAX];
static int float_nfree;

OuObject *OuFloat_FromDouble(double v)
{
    OuFloatObject *o;
    if (float_nfree)
        o = float_freelist[--float_nfree];
    else if (!(o = Ou_Malloc(sizeof *o)))
        return OuErr_NoMemory();
    o->ob_base.ob_refcnt = 1;
    o->ob_base.ob_type = &OuFloat_Type;
    o->value = v;
    return (OuObject *)o;
}

static void float_dealloc(OuObject *o)
{
    if (OU_TYPE(o) == &OuFloat_Type) {
        if (float_nfree < FLOAT_FREELIST_MAX)
            float_freelist[float_nfree++] = (OuFloatObject *)o;
        else
            Ou_Free(o);
    } else {
        OU_TYPE(o)->tp_free(o);
    }
}

/* A float-subtype instance holding v. */
static OuObject *float_subtype_new(OuTypeObject *type, double v)
{
    OuObject *o = type->tp_alloc(type, 0);
    if (o)
        ((OuFloatObject *)o)->value = v;
    return o;
}

double OuFloat_AsDouble(OuObject *o)
{
    if (OuFloat_Check(o))
        return OU_FLOAT_VALUE(o);
    OuTypeObject *t = OU_TYPE(o);
    if (t->nb_float) {
        OuObject *r = t->nb_float(o);
        if (!r)
            return -1.0;
        if (!OuFloat_Check(r)) {
            OuErr_Format(OuExc_TypeError, "%.50s.__float__ returned non-float (type %.50s)",
                         t->tp_name, OU_TYPE_NAME(r));
            OU_DECREF(r);
            return -1.0;
        }
        double v = OU_FLOAT_VALUE(r);
        OU_DECREF(r);
        return v;
    }
    if (t->nb_index) {
        OuObject *i = OuNumber_Index(o);
        if (!i)
            return -1.0;
        double v = OuInt_AsDouble(i);
        OU_DECREF(i);
        return v;
    }
    OuErr_Format(OuExc_TypeError, "must be real number, not %.50s", t->tp_name);
    return -1.0;
}

/* ---- hashing ---- */

#define HASH_MOD (((uint64_t)1 << 61) - 1)

Ou_hash_t Ou_HashDouble(double v)
{
    if (!isfinite(v))
        return isinf(v) ? (v > 0 ? 314159 : -314159) : 0;
    int e;
    double m = frexp(v, &e);
    int neg = m < 0;
    if (neg)
        m = -m;
    /* v = M * 2**(e-53) with M < 2**53 < P; multiplying by 2**k modulo
       P = 2**61 - 1 is a rotation of the 61-bit value by k mod 61. */
    uint64_t h = (uint64_t)ldexp(m, 53);
    long k = (long)(e - 53) % 61;
    if (k < 0)
        k += 61;
    h = ((h << k) & HASH_MOD) | (h >> (61 - k));
    Ou_hash_t x = neg ? -(Ou_hash_t)h : (Ou_hash_t)h;
    return x == -1 ? -2 : x;
}

Ou_hash_t ou_hash_double_obj(OuObject *obj, double v)
{
    if (isnan(v)) {
        uintptr_t p = (uintptr_t)obj;
        Ou_hash_t h = (Ou_hash_t)((p >> 4) | (p << (8 * sizeof(p) - 4)));
        return h == -1 ? -2 : h;
    }
    return Ou_HashDouble(v);
}

static Ou_hash_t float_hash(OuObject *o)
{
    return ou_hash_double_obj(o, OU_FLOAT_VALUE(o));
}

/* ---- arithmetic ---- */

/* 1 and *d set when o is a float or an int; 0 when it is neither; -1 on
   error (int too large). */
static inline int to_double(OuObject *o, double *d)
{
    if (OuFloat_CheckExact(o)) {
        *d = OU_FLOAT_VALUE(o);
        return 1;
    }
    if (OuInt_Check(o)) {
        if (OU_INT_IS_SMALL(o)) {
            *d = (double)OU_INT_SMALL(o);
            return 1;
        }
        *d = OuInt_AsDouble(o);
        return (*d == -1.0 && OuErr_Occurred()) ? -1 : 1;
    }
    if (OuFloat_Check(o)) {
        *d = OU_FLOAT_VALUE(o);
        return 1;
    }
    return 0;
}

#define CONVERT(a, b, x, y) \
    do { \
        int _r = to_double((a), &(x)); \
        if (_r <= 0) { if (_r < 0) return NULL; OU_RETURN_NOTIMPLEMENTED; } \
        _r = to_double((b), &(y)); \
        if (_r <= 0) { if (_r < 0) return NULL; OU_RETURN_NOTIMPLEMENTED; } \
    } while (0)

static OuObject *float_add(OuObject *a, OuObject *b)
{
    double x, y;
    CONVERT(a, b, x, y);
    return OuFloat_FromDouble(x + y);
}

static OuObject *float_sub(OuObject *a, OuObject *b)
{
    double x, y;
    CONVERT(a, b, x, y);
    return OuFloat_FromDouble(x - y);
}

static OuObject *float_mul(OuObject *a, OuObject *b)
{
    double x, y;
    CONVERT(a, b, x, y);
    return OuFloat_FromDouble(x * y);
}

static OuObject *float_div(OuObject *a, OuObject *b)
{
    double x, y;
    CONVERT(a, b, x, y);
    if (y == 0.0) {
        OuErr_SetString(OuExc_ZeroDivisionError, "float division by zero");
        return NULL;
    }
    return OuFloat_FromDouble(x / y);
}

/* Python's floor division and modulo of doubles (y != 0): the remainder
   takes the sign of y, the quotient is floored and corrected so that
   q*y + r is as close to x as possible. */
static void float_divmod_raw(double x, double y, double *q, double *r)
{
    double mod = fmod(x, y), div = (x - mod) / y, fd;
    if (mod) {
        if ((y < 0) != (mod < 0)) {
            mod += y;
            div -= 1.0;
        }
    } else {
        mod = copysign(0.0, y);
    }
    if (div) {
        fd = floor(div);
        if (div - fd > 0.5)
            fd += 1.0;
    } else {
        fd = copysign(0.0, x / y);
    }
    *q = fd;
    *r = mod;
}

static OuObject *float_floordiv(OuObject *a, OuObject *b)
{
    double x, y, q, r;
    CONVERT(a, b, x, y);
    if (y == 0.0) {
        OuErr_SetString(OuExc_ZeroDivisionError, "float floor division by zero");
        return NULL;
    }
    float_divmod_raw(x, y, &q, &r);
    return OuFloat_FromDouble(q);
}

static OuObject *float_mod(OuObject *a, OuObject *b)
{
    double x, y, q, r;
    CONVERT(a, b, x, y);
    if (y == 0.0) {
        OuErr_SetString(OuExc_ZeroDivisionError, "float modulo");
        return NULL;
    }
    float_divmod_raw(x, y, &q, &r);
    return OuFloat_FromDouble(r);
}

static OuObject *float_divmod(OuObject *a, OuObject *b)
{
    double x, y, q, r;
    CONVERT(a, b, x, y);
    if (y == 0.0) {
        OuErr_SetString(OuExc_ZeroDivisionError, "float divmod()");
        return NULL;
    }
    float_divmod_raw(x, y, &q, &r);
    OuObject *oq = OuFloat_FromDouble(q), *or_ = OuFloat_FromDouble(r), *t = NULL;
    if (oq && or_)
        t = OuTuple_Pack(2, oq, or_);
    OU_XDECREF(oq);
    OU_XDECREF(or_);
    return t;
}

static OuObject *range_error(void)
{
    OuObject *msg = OuStr_FromUTF8("Numerical result out of range");
    OuObject *no = OuInt_FromLong(ERANGE);
    OuObject *args = (msg && no) ? OuTuple_Pack(2, no, msg) : NULL;
    OU_XDECREF(msg);
    OU_XDECREF(no);
    if (args) {
        OuErr_SetObject(OuExc_OverflowError, args);
        OU_DECREF(args);
    }
    return NULL;
}

/* complex ** complex by the polar form, for a negative base. */
static OuObject *neg_base_pow(double x, double y)
{
    double vabs = fabs(x), len = pow(vabs, y), phase = atan2(0.0, x) * y;
    double re = len * cos(phase), im = len * sin(phase);
    if (isinf(re) || isinf(im)) {
        OuErr_SetString(OuExc_OverflowError, "complex exponentiation");
        return NULL;
    }
    return OuComplex_FromDoubles(re, im);
}

OuObject *ou_float_pow(double x, double y)
{
    if (y == 0.0)
        return OuFloat_FromDouble(1.0);
    if (x == 0.0 && y < 0.0) {
        OuErr_SetString(OuExc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
        return NULL;
    }
    if (x < 0.0 && isfinite(x) && isfinite(y) && y != floor(y))
        return neg_base_pow(x, y);
    errno = 0;
    double r = pow(x, y);
    if (isinf(r) && isfinite(x) && isfinite(y))
        return range_error();
    return OuFloat_FromDouble(r);
}

static OuObject *float_pow(OuObject *a, OuObject *b, OuObject *m)
{
    double x, y;
    CONVERT(a, b, x, y);
    if (m && m != OU_NONE) {
        OuErr_SetString(OuExc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
        return NULL;
    }
    return ou_float_pow(x, y);
}

static OuObject *float_neg(OuObject *a) { return OuFloat_FromDouble(-OU_FLOAT_VALUE(a)); }
static OuObject *float_abs(OuObject *a) { return OuFloat_FromDouble(fabs(OU_FLOAT_VALUE(a))); }
static int float_bool(OuObject *a) { return OU_FLOAT_VALUE(a) != 0.0; }

static OuObject *float_pos(OuObject *a)
{
    if (OuFloat_CheckExact(a))
        return OU_NEWREF(a);
    return OuFloat_FromDouble(OU_FLOAT_VALUE(a));
}

static OuObject *float_int(OuObject *a) { return OuInt_FromDouble(OU_FLOAT_VALUE(a)); }
static OuObject *float_float(OuObject *a) { return float_pos(a); }

static OuObject *float_richcompare(OuObject *a, OuObject *b, int op)
{
    double x, y;
    int c;
    if (!OuFloat_Check(a))
        OU_RETURN_NOTIMPLEMENTED;
    x = OU_FLOAT_VALUE(a);
    if (OuFloat_Check(b)) {
        y = OU_FLOAT_VALUE(b);
        int r;
        switch (op) {
        case OU_LT: r = x < y; break;
        case OU_LE: r = x <= y; break;
        case OU_EQ: r = x == y; break;
        case OU_NE: r = x != y; break;
        case OU_GT: r = x > y; break;
        default: r = x >= y; break;
        }
        return OuBool_FromLong(r);
    }
    if (!OuInt_Check(b))
        OU_RETURN_NOTIMPLEMENTED;
    c = OuInt_CompareDouble(b, x);
    if (c == 2)
        return OuBool_FromLong(op == OU_NE);
    c = -c;
    switch (op) {
    case OU_LT: return OuBool_FromLong(c < 0);
    case OU_LE: return OuBool_FromLong(c <= 0);
    case OU_EQ: return OuBool_FromLong(c == 0);
    case OU_NE: return OuBool_FromLong(c != 0);
    case OU_GT: return OuBool_FromLong(c > 0);
    default: return OuBool_FromLong(c >= 0);
    }
}

/* ---- text ---- */

OuObject *OuFloat_Repr(double v)
{
    char buf[40];
    Ou_dtoa_repr(v, buf, sizeof buf);
    Ou_ssize_t n = (Ou_ssize_t)strlen(buf);
    OuObject *r = OuStr_New(n, 127);
    if (r)
        memcpy(OU_STR_DATA(r), buf, (size_t)n);
    return r;
}

static OuObject *float_repr(OuObject *o) { return OuFloat_Repr(OU_FLOAT_VALUE(o)); }

char *ou_number_text(OuObject *str, Ou_ssize_t *len)
{
    Ou_ssize_t n = OU_STR_LEN(str), i;
    int kind = OU_STR_KIND(str);
    const void *d = OU_STR_DATA(str);
    char *buf = Ou_Malloc((size_t)n + 1);
    if (!buf) {
        OuErr_NoMemory();
        return NULL;
    }
    for (i = 0; i < n; i++) {
        uint32_t c = OU_STR_READ(kind, d, i);
        if (c < 128) {
            buf[i] = c ? (char)c : 1;
        } else if (OuUnicode_IsSpace(c)) {
            buf[i] = ' ';
        } else {
            int dec = OuUnicode_ToDecimal(c);
            buf[i] = dec >= 0 ? (char)('0' + dec) : 1;
        }
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

/* Digits with single underscores between them, starting at s[*i]; copies
   the digits to *out. Returns the number of digits. */
static Ou_ssize_t scan_digits(const char *s, Ou_ssize_t n, Ou_ssize_t *i, char **out)
{
    Ou_ssize_t j = *i, cnt = 0;
    while (j < n) {
        if (s[j] >= '0' && s[j] <= '9') {
            *(*out)++ = s[j++];
            cnt++;
        } else if (s[j] == '_' && cnt && j + 1 < n && s[j + 1] >= '0' && s[j + 1] <= '9') {
            j++;
        } else {
            break;
        }
    }
    *i = j;
    return cnt;
}

static int match_word(const char *s, Ou_ssize_t n, const char *w)
{
    Ou_ssize_t k = (Ou_ssize_t)strlen(w);
    if (n < k)
        return 0;
    for (Ou_ssize_t i = 0; i < k; i++)
        if ((s[i] | 0x20) != w[i])
            return 0;
    return 1;
}

Ou_ssize_t ou_float_scan(const char *s, Ou_ssize_t n, double *out)
{
    Ou_ssize_t i = 0;
    int neg = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    if (match_word(s + i, n - i, "infinity") || match_word(s + i, n - i, "inf")) {
        *out = neg ? -HUGE_VAL : HUGE_VAL;
        return i + (match_word(s + i, n - i, "infinity") ? 8 : 3);
    }
    if (match_word(s + i, n - i, "nan")) {
        *out = neg ? -NAN : NAN;
        return i + 3;
    }
    char sbuf[128], *buf = sbuf, *p;
    if (n + 8 > (Ou_ssize_t)sizeof sbuf && !(buf = Ou_Malloc((size_t)n + 8))) {
        OuErr_NoMemory();
        return -1;
    }
    p = buf;
    if (neg)
        *p++ = '-';
    Ou_ssize_t nint = scan_digits(s, n, &i, &p), nfrac = 0;
    if (i < n && s[i] == '.') {
        Ou_ssize_t j = i + 1;
        char *save = p;
        *p++ = '.';
        nfrac = scan_digits(s, n, &j, &p);
        if (nint || nfrac)
            i = j;
        else
            p = save;
    }
    Ou_ssize_t used = 0;
    if (nint || nfrac) {
        if (i < n && (s[i] == 'e' || s[i] == 'E')) {
            Ou_ssize_t j = i + 1;
            char *save = p;
            *p++ = 'e';
            if (j < n && (s[j] == '+' || s[j] == '-'))
                *p++ = s[j++];
            if (scan_digits(s, n, &j, &p))
                i = j;
            else
                p = save;
        }
        *p = 0;
        *out = strtod(buf, NULL);
        used = i;
    }
    if (buf != sbuf)
        Ou_Free(buf);
    return used;
}

/* float() of ASCII text (already mapped); orig is shown in the error. */
static OuObject *float_from_text(const char *s, Ou_ssize_t n, OuObject *orig)
{
    const char *e = s + n;
    double v;
    while (s < e && (*s == ' ' || (*s >= '\t' && *s <= '\r') || (*s >= 0x1c && *s <= 0x1f)))
        s++;
    while (e > s && (e[-1] == ' ' || (e[-1] >= '\t' && e[-1] <= '\r') || (e[-1] >= 0x1c && e[-1] <= 0x1f)))
        e--;
    Ou_ssize_t used = ou_float_scan(s, e - s, &v);
    if (used < 0)
        return NULL;
    if (used == 0 || used != e - s)
        return OuErr_Format(OuExc_ValueError, "could not convert string to float: %.200R", orig);
    return OuFloat_FromDouble(v);
}

OuObject *OuFloat_FromString(OuObject *o)
{
    if (OuStr_Check(o)) {
        Ou_ssize_t n;
        char *t = ou_number_text(o, &n);
        if (!t)
            return NULL;
        OuObject *r = float_from_text(t, n, o);
        Ou_Free(t);
        return r;
    }
    OuBuffer view;
    if (OuObject_GetBuffer(o, &view, OU_BUF_SIMPLE) < 0)
        return NULL;
    OuObject *r;
    OuObject *b = OuBytes_FromStringAndSize(view.buf, view.len);
    if (!b) {
        r = NULL;
    } else {
        /* NUL bytes must not end the text early: map them to an invalid char */
        char *t = Ou_Malloc((size_t)view.len + 1);
        if (!t) {
            r = OuErr_NoMemory();
        } else {
            for (Ou_ssize_t i = 0; i < view.len; i++)
                t[i] = ((char *)view.buf)[i] ? ((char *)view.buf)[i] : 1;
            r = float_from_text(t, view.len, b);
            Ou_Free(t);
        }
        OU_DECREF(b);
    }
    OuBuffer_Release(&view);
    return r;
}

OuObject *OuFloat_FromObject(OuObject *x)
{
    if (OuFloat_CheckExact(x))
        return OU_NEWREF(x);
    OuTypeObject *t = OU_TYPE(x);
    if (t->nb_float || t->nb_index) {
        double v = OuFloat_AsDouble(x);
        if (v == -1.0 && OuErr_Occurred())
            return NULL;
        return OuFloat_FromDouble(v);
    }
    if (OuStr_Check(x) || OuObject_CheckBuffer(x))
        return OuFloat_FromString(x);
    return OuErr_Format(OuExc_TypeError, "float() argument must be a string or a real number, not '%.200s'",
                        t->tp_name);
}

static OuObject *float_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (kwnames && OU_SIZE(kwnames)) {
        OuErr_SetString(OuExc_TypeError, "float() takes no keyword arguments");
        return NULL;
    }
    if (nargs > 1)
        return OuErr_Format(OuExc_TypeError, "float expected at most 1 argument, got %zd", nargs);
    OuObject *r = nargs ? OuFloat_FromObject(args[0]) : OuFloat_FromDouble(0.0);
    if (!r || type == &OuFloat_Type)
        return r;
    OuObject *s = float_subtype_new(type, OU_FLOAT_VALUE(r));
    OU_DECREF(r);
    return s;
}

static OuObject *float_vectorcall(OuObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    return float_new((OuTypeObject *)type, args, nargs, kwnames);
}

/* ---- methods ---- */

static OuObject *float_is_integer(OuObject *self, OuObject *unused)
{
    double x = OU_FLOAT_VALUE(self);
    return OuBool_FromLong(isfinite(x) && floor(x) == x);
}

static OuObject *float_as_integer_ratio(OuObject *self, OuObject *unused)
{
    double x = OU_FLOAT_VALUE(self);
    if (isinf(x)) {
        OuErr_SetString(OuExc_OverflowError, "cannot convert Infinity to integer ratio");
        return NULL;
    }
    if (isnan(x)) {
        OuErr_SetString(OuExc_ValueError, "cannot convert NaN to integer ratio");
        return NULL;
    }
    int e;
    double m = frexp(x, &e);
    int64_t M = (int64_t)ldexp(m, 53);
    long ex = e - 53;
    mpz_t num, den;
    mpz_init_set_si(num, M);
    mpz_init_set_ui(den, 1);
    if (M == 0) {
        ex = 0;
    } else {
        unsigned long tz = mpz_scan1(num, 0);
        mpz_fdiv_q_2exp(num, num, tz);
        ex += (long)tz;
    }
    if (ex > 0)
        mpz_mul_2exp(num, num, (unsigned long)ex);
    else
        mpz_mul_2exp(den, den, (unsigned long)-ex);
    OuObject *n = ou_int_from_mpz_steal(num), *d = ou_int_from_mpz_steal(den), *r = NULL;
    if (n && d)
        r = OuTuple_Pack(2, n, d);
    OU_XDECREF(n);
    OU_XDECREF(d);
    return r;
}

static OuObject *float_hex(OuObject *self, OuObject *unused)
{
    double x = OU_FLOAT_VALUE(self);
    char buf[64];
    if (isnan(x) || isinf(x)) {
        strcpy(buf, isnan(x) ? "nan" : x > 0 ? "inf" : "-inf");
    } else if (x == 0.0) {
        strcpy(buf, signbit(x) ? "-0x0.0p+0" : "0x0.0p+0");
    } else {
        const char *sign = x < 0 ? "-" : "";
        double a = fabs(x);
        int e;
        frexp(a, &e);
        int lead;
        uint64_t frac;
        int ex;
        if (e - 1 < -1022) {    /* subnormal */
            lead = 0;
            frac = (uint64_t)ldexp(a, 1074);
            ex = -1022;
        } else {
            uint64_t M = (uint64_t)ldexp(a, 53 - e);
            lead = 1;
            frac = M & (((uint64_t)1 << 52) - 1);
            ex = e - 1;
        }
        snprintf(buf, sizeof buf, "%s0x%d.%013llxp%+d", sign, lead, (unsigned long long)frac, ex);
    }
    Ou_ssize_t n = (Ou_ssize_t)strlen(buf);
    OuObject *r = OuStr_New(n, 127);
    if (r)
        memcpy(OU_STR_DATA(r), buf, (size_t)n);
    return r;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* float.fromhex(s): [sign] ['0x'] hex digits ['.' hex digits] ['p' exp]. */
static OuObject *float_fromhex(OuObject *type, OuObject *arg)
{
    if (!OuStr_Check(arg))
        return OuErr_Format(OuExc_TypeError, "fromhex() argument must be str, not %.50s", OU_TYPE_NAME(arg));
    Ou_ssize_t n;
    char *text = ou_number_text(arg, &n);
    if (!text)
        return NULL;
    const char *s = text, *e = text + n;
    double v = 0.0;
    int ok = 0, overflow = 0;
    while (s < e && (*s == ' ' || (*s >= '\t' && *s <= '\r')))
        s++;
    while (e > s && (e[-1] == ' ' || (e[-1] >= '\t' && e[-1] <= '\r')))
        e--;
    int neg = 0;
    if (s < e && (*s == '+' || *s == '-'))
        neg = *s++ == '-';
    Ou_ssize_t rest = e - s;
    if ((rest == 3 || rest == 8) && (match_word(s, rest, rest == 3 ? "inf" : "infinity"))) {
        v = HUGE_VAL;
        ok = 1;
    } else if (rest == 3 && match_word(s, rest, "nan")) {
        v = NAN;
        ok = 1;
    } else {
        if (e - s >= 2 && s[0] == '0' && (s[1] | 0x20) == 'x')
            s += 2;
        char *digits = Ou_Malloc((size_t)(e - s) + 1), *dp = digits;
        if (!digits) {
            Ou_Free(text);
            return OuErr_NoMemory();
        }
        long nfrac = 0, nall = 0;
        while (s < e && hexval(*s) >= 0)
            *dp++ = *s++, nall++;
        if (s < e && *s == '.') {
            s++;
            while (s < e && hexval(*s) >= 0)
                *dp++ = *s++, nall++, nfrac++;
        }
        *dp = 0;
        long pexp = 0;
        int good = nall > 0;
        if (good && s < e && (*s | 0x20) == 'p') {
            s++;
            int eneg = 0;
            if (s < e && (*s == '+' || *s == '-'))
                eneg = *s++ == '-';
            if (s >= e || *s < '0' || *s > '9')
                good = 0;
            while (s < e && *s >= '0' && *s <= '9') {
                if (pexp < (1L << 40))
                    pexp = pexp * 10 + (*s - '0');
                s++;
            }
            if (eneg)
                pexp = -pexp;
        }
        if (good && s == e) {
            mpz_t m;
            mpz_init_set_str(m, digits, 16);
            v = ou_mpz_ldexp(m, pexp - 4 * nfrac, &overflow);
            mpz_clear(m);
            ok = 1;
        }
        Ou_Free(digits);
    }
    Ou_Free(text);
    if (!ok) {
        OuErr_SetString(OuExc_ValueError, "invalid hexadecimal floating-point string");
        return NULL;
    }
    if (overflow) {
        OuErr_SetString(OuExc_OverflowError, "hexadecimal value too large to represent as a float");
        return NULL;
    }
    OuObject *r = OuFloat_FromDouble(neg ? -v : v);
    if (r && type != (OuObject *)&OuFloat_Type)
        OU_SETREF(r, OuObject_CallOneArg(type, r));
    return r;
}

static OuObject *float_conjugate(OuObject *self, OuObject *unused) { return float_pos(self); }
static OuObject *float_trunc(OuObject *self, OuObject *unused) { return OuInt_FromDouble(OU_FLOAT_VALUE(self)); }
static OuObject *float_floor(OuObject *self, OuObject *unused) { return OuInt_FromDouble(floor(OU_FLOAT_VALUE(self))); }
static OuObject *float_ceil(OuObject *self, OuObject *unused) { return OuInt_FromDouble(ceil(OU_FLOAT_VALUE(self))); }

/* x rounded to nd decimal places, half to even on the exact binary value,
   then correctly rounded back to a double. */
static OuObject *float_round_digits(double x, Ou_ssize_t nd)
{
    if (!isfinite(x) || x == 0.0)
        return OuFloat_FromDouble(x);
    int e;
    double m = frexp(fabs(x), &e);
    uint64_t M = (uint64_t)ldexp(m, 53);
    long E = e - 53;                   /* |x| = M * 2**E */
    mpz_t num, den, q, r;
    double res;
    int ovf = 0;
    if (nd >= 0) {
        if (E >= 0 || nd >= -E)
            return OuFloat_FromDouble(x);
        mpz_inits(num, den, q, r, NULL);
        mpz_ui_pow_ui(den, 10, (unsigned long)nd);         /* 10**nd */
        mpz_set_ui(num, M);
        mpz_mul(num, num, den);                            /* M * 10**nd / 2**-E */
        mpz_fdiv_q_2exp(q, num, (unsigned long)-E);
        int half = mpz_tstbit(num, (mp_bitcnt_t)(-E - 1));
        int sticky = (long)mpz_scan1(num, 0) < -E - 1;
        if (half && (sticky || mpz_odd_p(q)))
            mpz_add_ui(q, q, 1);
        res = ou_mpz_ratio(q, den, &ovf);
    } else {
        if (nd < -330)
            return OuFloat_FromDouble(copysign(0.0, x));
        mpz_inits(num, den, q, r, NULL);
        mpz_ui_pow_ui(r, 10, (unsigned long)-nd);          /* D */
        mpz_set_ui(num, M);
        if (E >= 0) {
            mpz_mul_2exp(num, num, (unsigned long)E);
            mpz_set(den, r);
        } else {
            mpz_mul_2exp(den, r, (unsigned long)-E);
        }
        mpz_tdiv_qr(q, num, num, den);                     /* num = remainder */
        mpz_mul_2exp(num, num, 1);
        int c = mpz_cmp(num, den);
        if (c > 0 || (c == 0 && mpz_odd_p(q)))
            mpz_add_ui(q, q, 1);
        mpz_mul(q, q, r);
        res = ou_mpz_ldexp(q, 0, &ovf);
    }
    mpz_clears(num, den, q, r, NULL);
    if (ovf) {
        OuErr_SetString(OuExc_OverflowError, "rounded value too large to represent");
        return NULL;
    }
    return OuFloat_FromDouble(copysign(res, x));
}

static OuObject *float_round(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (kwnames && OU_SIZE(kwnames)) {
        OuErr_SetString(OuExc_TypeError, "float.__round__() takes no keyword arguments");
        return NULL;
    }
    if (nargs > 1)
        return OuErr_Format(OuExc_TypeError, "__round__ expected at most 1 argument, got %zd", nargs);
    double x = OU_FLOAT_VALUE(self);
    if (nargs == 0 || args[0] == OU_NONE) {
        double r = nearbyint(x);   /* default rounding mode: half to even */
        return OuInt_FromDouble(r);
    }
    Ou_ssize_t nd = OuNumber_AsSsize_t(args[0], NULL);
    if (nd == -1 && OuErr_Occurred())
        return NULL;
    return float_round_digits(x, nd);
}

static OuObject *float_format_meth(OuObject *self, OuObject *spec)
{
    return OuNumFormat_Float(self, OU_FLOAT_VALUE(self), spec);
}

static OuObject *float_getnewargs(OuObject *self, OuObject *unused)
{
    OuObject *f = OuFloat_FromDouble(OU_FLOAT_VALUE(self));
    if (!f)
        return NULL;
    OuObject *r = OuTuple_Pack(1, f);
    OU_DECREF(f);
    return r;
}

static OuObject *float_getformat(OuObject *type, OuObject *arg)
{
    if (!OuStr_Check(arg))
        return OuErr_Format(OuExc_TypeError, "__getformat__() argument must be str, not %.50s",
                            OU_TYPE_NAME(arg));
    if (!OuStr_EqualToASCII(arg, "double") && !OuStr_EqualToASCII(arg, "float")) {
        OuErr_SetString(OuExc_ValueError, "__getformat__() argument 1 must be 'double' or 'float'");
        return NULL;
    }
    return OuStr_FromUTF8("IEEE, little-endian");
}

static OuObject *float_get_real(OuObject *self, void *c) { return float_pos(self); }
static OuObject *float_get_imag(OuObject *self, void *c) { return OuFloat_FromDouble(0.0); }

static OuMethodDef float_methods[] = {
    {"conjugate", (void *)float_conjugate, OU_METH_NOARGS, "Return self, the complex conjugate of any float."},
    {"__trunc__", (void *)float_trunc, OU_METH_NOARGS, "Return the Integral closest to x between 0 and x."},
    {"__floor__", (void *)float_floor, OU_METH_NOARGS, "Return the floor as an Integral."},
    {"__ceil__", (void *)float_ceil, OU_METH_NOARGS, "Return the ceiling as an Integral."},
    {"__round__", (void *)float_round, OU_METH_FAST, "Return the Integral closest to x, rounding half toward even."},
    {"as_integer_ratio", (void *)float_as_integer_ratio, OU_METH_NOARGS, "Return integer ratio."},
    {"fromhex", (void *)float_fromhex, OU_METH_O | OU_METH_CLASS, "Create a floating-point number from a hexadecimal string."},
    {"hex", (void *)float_hex, OU_METH_NOARGS, "Return a hexadecimal representation of a floating-point number."},
    {"is_integer", (void *)float_is_integer, OU_METH_NOARGS, "Return True if the float is an integer."},
    {"__getnewargs__", (void *)float_getnewargs, OU_METH_NOARGS, NULL},
    {"__getformat__", (void *)float_getformat, OU_METH_O | OU_METH_CLASS, "You probably don't want to use this function."},
    {"__format__", (void *)float_format_meth, OU_METH_O, "Formats the float according to format_spec."},
    {NULL, NULL, 0, NULL}
};

static OuGetSetDef float_getset[] = {
    {"real", float_get_real, NULL, "the real part of a complex number", NULL},
    {"imag", float_get_imag, NULL, "the imaginary part of a complex number", NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

OuTypeObject OuFloat_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "float",
    .tp_basicsize = sizeof(OuFloatObject),
    .tp_flags = OU_TPFLAGS_BASETYPE,
    .tp_doc = "Convert a string or number to a floating point number, if possible.",
    .tp_dealloc = float_dealloc,
    .tp_new = float_new,
    .tp_repr = float_repr,
    .tp_hash = float_hash,
    .tp_richcompare = float_richcompare,
    .nb_add = float_add,
    .nb_subtract = float_sub,
    .nb_multiply = float_mul,
    .nb_remainder = float_mod,
    .nb_divmod = float_divmod,
    .nb_power = float_pow,
    .nb_negative = float_neg,
    .nb_positive = float_pos,
    .nb_absolute = float_abs,
    .nb_bool = float_bool,
    .nb_int = float_int,
    .nb_float = float_float,
    .nb_floor_divide = float_floordiv,
    .nb_true_divide = float_div,
    .tp_methods = float_methods,
    .tp_getset = float_getset,
    .tp_vectorcall = float_vectorcall,
};

int OuFloat_Init(void)
{
    if (OuType_Ready(&OuFloat_Type) < 0 || OuType_Ready(&OuComplex_Type) < 0)
        return -1;
    return 0;
}

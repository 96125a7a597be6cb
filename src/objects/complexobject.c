/*
 * complexobject.c -- complex: a pair of doubles.
 *
 * Types defined here: OuComplex_Type ("complex"); readied by OuFloat_Init.
 *
 * Arithmetic accepts ints and floats on either side. Division uses Smith's
 * algorithm; ** uses repeated squaring for small integral exponents and
 * the polar form otherwise, with CPython's errors.
 */
#include "core/ouro.h"
#include "objects/numformat.h"
#include "objects/rangeobject.h"
#include <math.h>
#include <stddef.h>

OuObject *OuComplex_FromDoubles(double real, double imag)
{
    OuComplexObject *o = Ou_Malloc(sizeof *o);
    if (!o)
        return OuErr_NoMemory();
    o->ob_base.ob_refcnt = 1;
    o->ob_base.ob_type = &OuComplex_Type;
    o->cval.real = real;
    o->cval.imag = imag;
    return (OuObject *)o;
}

static OuObject *complex_subtype_new(OuTypeObject *type, Ou_complex c)
{
    if (type == &OuComplex_Type)
        return OuComplex_FromDoubles(c.real, c.imag);
    OuObject *o = type->tp_alloc(type, 0);
    if (o)
        ((OuComplexObject *)o)->cval = c;
    return o;
}

static void complex_dealloc(OuObject *o)
{
    if (OU_TYPE(o) == &OuComplex_Type)
        Ou_Free(o);
    else
        OU_TYPE(o)->tp_free(o);
}

#define CVAL(o) (((OuComplexObject *)(o))->cval)

/* 1 with *c set for complex, float and int; 0 for other types; -1 on error. */
static int to_complex(OuObject *o, Ou_complex *c)
{
    if (OuComplex_Check(o)) {
        *c = CVAL(o);
        return 1;
    }
    c->imag = 0.0;
    if (OuFloat_Check(o)) {
        c->real = OU_FLOAT_VALUE(o);
        return 1;
    }
    if (OuInt_Check(o)) {
        c->real = OuInt_AsDouble(o);
        return (c->real == -1.0 && OuErr_Occurred()) ? -1 : 1;
    }
    return 0;
}

#define CONVERT(a, b, x, y) \
    do { \
        int _r = to_complex((a), &(x)); \
        if (_r <= 0) { if (_r < 0) return NULL; OU_RETURN_NOTIMPLEMENTED; } \
        _r = to_complex((b), &(y)); \
        if (_r <= 0) { if (_r < 0) return NULL; OU_RETURN_NOTIMPLEMENTED; } \
    } while (0)

Ou_complex OuComplex_AsComplex(OuObject *o)
{
    Ou_complex c = {-1.0, 0.0};
    if (OuComplex_CheckExact(o))
        return CVAL(o);
    OuObject *f = OuObject_LookupSpecial(o, OU_ID(__complex__));
    if (f) {
        OuObject *r = OuObject_CallNoArgs(f);
        OU_DECREF(f);
        if (!r)
            return c;
        if (!OuComplex_Check(r)) {
            OuErr_Format(OuExc_TypeError, "__complex__ returned non-complex (type %.200s)", OU_TYPE_NAME(r));
        } else {
            c = CVAL(r);
        }
        OU_DECREF(r);
        return c;
    }
    if (OuErr_Occurred())
        return c;
    if (OuComplex_Check(o))
        return CVAL(o);
    c.real = OuFloat_AsDouble(o);
    return c;
}

static Ou_complex c_prod(Ou_complex a, Ou_complex b)
{
    Ou_complex r = {a.real * b.real - a.imag * b.imag, a.real * b.imag + a.imag * b.real};
    return r;
}

/* a / b by Smith's method; -1 when b is zero. */
static int c_quot(Ou_complex a, Ou_complex b, Ou_complex *r)
{
    double abr = fabs(b.real), abi = fabs(b.imag);
    if (abr >= abi) {
        if (abr == 0.0)
            return -1;
        double ratio = b.imag / b.real, denom = b.real + b.imag * ratio;
        r->real = (a.real + a.imag * ratio) / denom;
        r->imag = (a.imag - a.real * ratio) / denom;
    } else if (abi >= abr) {
        double ratio = b.real / b.imag, denom = b.real * ratio + b.imag;
        r->real = (a.real * ratio + a.imag) / denom;
        r->imag = (a.imag * ratio - a.real) / denom;
    } else {                    /* a NaN in b */
        r->real = r->imag = NAN;
    }
    return 0;
}

static Ou_complex c_powu(Ou_complex x, long n)
{
    Ou_complex r = {1.0, 0.0}, p = x;
    long mask = 1;
    while (mask > 0 && n >= mask) {
        if (n & mask)
            r = c_prod(r, p);
        mask <<= 1;
        p = c_prod(p, p);
    }
    return r;
}

/* a ** b; -1 for 0 to a negative or complex power. */
static int c_pow(Ou_complex a, Ou_complex b, Ou_complex *r)
{
    if (b.imag == 0.0 && b.real == floor(b.real) && fabs(b.real) <= 100.0) {
        long n = (long)b.real;
        if (n >= 0) {
            *r = c_powu(a, n);
            return 0;
        }
        Ou_complex one = {1.0, 0.0};
        return c_quot(one, c_powu(a, -n), r);
    }
    if (b.real == 0.0 && b.imag == 0.0) {
        r->real = 1.0;
        r->imag = 0.0;
        return 0;
    }
    if (a.real == 0.0 && a.imag == 0.0) {
        if (b.imag != 0.0 || b.real < 0.0)
            return -1;
        r->real = r->imag = 0.0;
        return 0;
    }
    double vabs = hypot(a.real, a.imag), len = pow(vabs, b.real);
    double at = atan2(a.imag, a.real), phase = at * b.real;
    if (b.imag != 0.0) {
        len /= exp(at * b.imag);
        phase += b.imag * log(vabs);
    }
    r->real = len * cos(phase);
    r->imag = len * sin(phase);
    return 0;
}

static OuObject *complex_add(OuObject *a, OuObject *b)
{
    Ou_complex x, y;
    CONVERT(a, b, x, y);
    return OuComplex_FromDoubles(x.real + y.real, x.imag + y.imag);
}

static OuObject *complex_sub(OuObject *a, OuObject *b)
{
    Ou_complex x, y;
    CONVERT(a, b, x, y);
    return OuComplex_FromDoubles(x.real - y.real, x.imag - y.imag);
}

static OuObject *complex_mul(OuObject *a, OuObject *b)
{
    Ou_complex x, y;
    CONVERT(a, b, x, y);
    Ou_complex r = c_prod(x, y);
    return OuComplex_FromDoubles(r.real, r.imag);
}

static OuObject *complex_div(OuObject *a, OuObject *b)
{
    Ou_complex x, y, r;
    CONVERT(a, b, x, y);
    if (c_quot(x, y, &r) < 0) {
        OuErr_SetString(OuExc_ZeroDivisionError, "complex division by zero");
        return NULL;
    }
    return OuComplex_FromDoubles(r.real, r.imag);
}

static OuObject *complex_pow(OuObject *a, OuObject *b, OuObject *m)
{
    Ou_complex x, y, r;
    CONVERT(a, b, x, y);
    if (m && m != OU_NONE) {
        OuErr_SetString(OuExc_ValueError, "complex modulo");
        return NULL;
    }
    if (c_pow(x, y, &r) < 0) {
        OuErr_SetString(OuExc_ZeroDivisionError, "0.0 to a negative or complex power");
        return NULL;
    }
    if (isinf(r.real) || isinf(r.imag)) {
        OuErr_SetString(OuExc_OverflowError, "complex exponentiation");
        return NULL;
    }
    return OuComplex_FromDoubles(r.real, r.imag);
}

static OuObject *complex_neg(OuObject *a) { return OuComplex_FromDoubles(-CVAL(a).real, -CVAL(a).imag); }

static OuObject *complex_pos(OuObject *a)
{
    if (OuComplex_CheckExact(a))
        return OU_NEWREF(a);
    return OuComplex_FromDoubles(CVAL(a).real, CVAL(a).imag);
}

static OuObject *complex_abs(OuObject *a)
{
    Ou_complex c = CVAL(a);
    double r = hypot(c.real, c.imag);
    if (isinf(r) && isfinite(c.real) && isfinite(c.imag)) {
        OuErr_SetString(OuExc_OverflowError, "absolute value too large");
        return NULL;
    }
    return OuFloat_FromDouble(r);
}

static int complex_bool(OuObject *a) { return CVAL(a).real != 0.0 || CVAL(a).imag != 0.0; }

static OuObject *complex_richcompare(OuObject *a, OuObject *b, int op)
{
    if ((op != OU_EQ && op != OU_NE) || !OuComplex_Check(a))
        OU_RETURN_NOTIMPLEMENTED;
    Ou_complex x = CVAL(a);
    int eq;
    if (OuInt_Check(b))
        eq = x.imag == 0.0 && OuInt_CompareDouble(b, x.real) == 0;
    else if (OuFloat_Check(b))
        eq = x.imag == 0.0 && x.real == OU_FLOAT_VALUE(b);
    else if (OuComplex_Check(b))
        eq = x.real == CVAL(b).real && x.imag == CVAL(b).imag;
    else
        OU_RETURN_NOTIMPLEMENTED;
    return OuBool_FromLong(op == OU_EQ ? eq : !eq);
}

static Ou_hash_t complex_hash(OuObject *o)
{
    Ou_uhash_t hr = (Ou_uhash_t)ou_hash_double_obj(o, CVAL(o).real);
    Ou_uhash_t hi = (Ou_uhash_t)ou_hash_double_obj(o, CVAL(o).imag);
    Ou_hash_t h = (Ou_hash_t)(hr + 1000003UL * hi);
    return h == -1 ? -2 : h;
}

static OuObject *complex_repr(OuObject *o) { return OuNumFormat_ComplexRepr(CVAL(o).real, CVAL(o).imag); }

/* complex(str) */
static OuObject *complex_from_string(OuTypeObject *type, OuObject *str)
{
    Ou_ssize_t n, used;
    char *text = ou_number_text(str, &n);
    if (!text)
        return NULL;
    const char *p = text, *e = text + n;
    Ou_complex c = {0.0, 0.0};
    int ok = 0;
#define IS_WS(ch) ((ch) == ' ' || ((ch) >= '\t' && (ch) <= '\r') || ((ch) >= 0x1c && (ch) <= 0x1f))
    while (p < e && IS_WS(*p))
        p++;
    while (e > p && IS_WS(e[-1]))
        e--;
    if (p < e && *p == '(') {
        if (e[-1] != ')')
            goto done;
        p++;
        e--;
        while (p < e && IS_WS(*p))
            p++;
        while (e > p && IS_WS(e[-1]))
            e--;
    }
#undef IS_WS
    double x, y;
    used = ou_float_scan(p, e - p, &x);
    if (used < 0) {
        Ou_Free(text);
        return NULL;
    }
    if (used > 0) {
        p += used;
        if (p == e) {
            c.real = x;
            ok = 1;
        } else if ((*p | 0x20) == 'j') {
            c.imag = x;
            ok = ++p == e;
        } else if (*p == '+' || *p == '-') {
            double sign = *p++ == '-' ? -1.0 : 1.0;
            if (p < e && *p != '+' && *p != '-') {
                used = ou_float_scan(p, e - p, &y);
                if (used < 0) {
                    Ou_Free(text);
                    return NULL;
                }
                if (used == 0)
                    y = 1.0;
                p += used;
                if (p < e && (*p | 0x20) == 'j') {
                    c.real = x;
                    c.imag = sign * y;
                    ok = ++p == e;
                }
            }
        }
    } else {
        double sign = 1.0;
        if (p < e && (*p == '+' || *p == '-'))
            sign = *p++ == '-' ? -1.0 : 1.0;
        if (p < e && (*p | 0x20) == 'j') {
            c.imag = sign;
            ok = ++p == e;
        }
    }
done:
    Ou_Free(text);
    if (!ok) {
        OuErr_SetString(OuExc_ValueError, "complex() arg is a malformed string");
        return NULL;
    }
    return complex_subtype_new(type, c);
}

static int is_number(OuObject *o)
{
    return OU_TYPE(o)->nb_float || OU_TYPE(o)->nb_index || OuComplex_Check(o);
}

static OuObject *complex_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {"real", "imag", NULL};
    OuObject *v[2] = {NULL, NULL};
    if (OuArg_Parse("complex", args, nargs, kwnames, names, 0, -1, 0, v) < 0)
        return NULL;
    OuObject *r = v[0], *i = v[1];
    if (r && OuStr_Check(r)) {
        if (i) {
            OuErr_SetString(OuExc_TypeError, "complex() can't take second arg if first is a string");
            return NULL;
        }
        return complex_from_string(type, r);
    }
    if (i && OuStr_Check(i)) {
        OuErr_SetString(OuExc_TypeError, "complex() second arg can't be a string");
        return NULL;
    }
    if (r && !i && OuComplex_CheckExact(r) && type == &OuComplex_Type)
        return OU_NEWREF(r);
    Ou_complex cr = {0.0, 0.0}, ci = {0.0, 0.0};
    int cr_is_complex = 0;
    if (r) {
        OuObject *f = OuObject_LookupSpecial(r, OU_ID(__complex__));
        if (f || OuComplex_Check(r)) {
            OU_XDECREF(f);
            cr = OuComplex_AsComplex(r);
            if (cr.real == -1.0 && OuErr_Occurred())
                return NULL;
            cr_is_complex = 1;
        } else {
            if (OuErr_Occurred())
                return NULL;
            if (!is_number(r))
                return OuErr_Format(OuExc_TypeError,
                                    "complex() first argument must be a string or a number, not '%.200s'",
                                    OU_TYPE_NAME(r));
            cr.real = OuFloat_AsDouble(r);
            if (cr.real == -1.0 && OuErr_Occurred())
                return NULL;
        }
    }
    if (!i) {
        ci.real = cr.imag;
    } else if (OuComplex_Check(i)) {
        ci = CVAL(i);
        cr.real -= ci.imag;
        if (cr_is_complex)
            ci.real += cr.imag;
    } else {
        if (!is_number(i))
            return OuErr_Format(OuExc_TypeError, "complex() second argument must be a number, not '%.200s'",
                                OU_TYPE_NAME(i));
        ci.real = OuFloat_AsDouble(i);
        if (ci.real == -1.0 && OuErr_Occurred())
            return NULL;
        if (cr_is_complex)
            ci.real += cr.imag;
    }
    Ou_complex res = {cr.real, ci.real};
    return complex_subtype_new(type, res);
}

static OuObject *complex_vectorcall(OuObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    return complex_new((OuTypeObject *)type, args, nargs, kwnames);
}

static OuObject *complex_conjugate(OuObject *self, OuObject *unused)
{
    return OuComplex_FromDoubles(CVAL(self).real, -CVAL(self).imag);
}

static OuObject *complex_getnewargs(OuObject *self, OuObject *unused)
{
    OuObject *re = OuFloat_FromDouble(CVAL(self).real), *im = OuFloat_FromDouble(CVAL(self).imag), *t = NULL;
    if (re && im)
        t = OuTuple_Pack(2, re, im);
    OU_XDECREF(re);
    OU_XDECREF(im);
    return t;
}

static OuObject *complex_format_meth(OuObject *self, OuObject *spec)
{
    return OuNumFormat_Complex(self, CVAL(self).real, CVAL(self).imag, spec);
}

static OuObject *complex_complex(OuObject *self, OuObject *unused) { return complex_pos(self); }

static OuMethodDef complex_methods[] = {
    {"conjugate", (void *)complex_conjugate, OU_METH_NOARGS, "Return the complex conjugate of its argument. (3-4j).conjugate() == 3+4j."},
    {"__complex__", (void *)complex_complex, OU_METH_NOARGS, "Convert this value to exact type complex."},
    {"__getnewargs__", (void *)complex_getnewargs, OU_METH_NOARGS, NULL},
    {"__format__", (void *)complex_format_meth, OU_METH_O, "Convert to a string according to format_spec."},
    {NULL, NULL, 0, NULL}
};

static OuMemberDef complex_members[] = {
    {"real", OU_T_DOUBLE, offsetof(OuComplexObject, cval.real), OU_READONLY, "the real part of a complex number"},
    {"imag", OU_T_DOUBLE, offsetof(OuComplexObject, cval.imag), OU_READONLY, "the imaginary part of a complex number"},
    {NULL, 0, 0, 0, NULL}
};

OuTypeObject OuComplex_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "complex",
    .tp_basicsize = sizeof(OuComplexObject),
    .tp_flags = OU_TPFLAGS_BASETYPE,
    .tp_doc = "Create a complex number from a real part and an optional imaginary part.\n\n"
              "This is equivalent to (real + imag*1j) where imag defaults to 0.",
    .tp_dealloc = complex_dealloc,
    .tp_new = complex_new,
    .tp_repr = complex_repr,
    .tp_hash = complex_hash,
    .tp_richcompare = complex_richcompare,
    .nb_add = complex_add,
    .nb_subtract = complex_sub,
    .nb_multiply = complex_mul,
    .nb_power = complex_pow,
    .nb_negative = complex_neg,
    .nb_positive = complex_pos,
    .nb_absolute = complex_abs,
    .nb_bool = complex_bool,
    .nb_true_divide = complex_div,
    .tp_methods = complex_methods,
    .tp_members = complex_members,
    .tp_vectorcall = complex_vectorcall,
};

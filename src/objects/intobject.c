/*
 * intobject.c -- int: arbitrary-precision integers.
 *
 * Types defined here: OuInt_Type ("int"). bool (a subtype) is in
 * boolobject.c; OuInt_Init readies both.
 *
 * Representation (intobject.h): a value that fits int64 lives in `small`
 * with big == NULL; any other value is a GMP integer in `big`. Every int is
 * canonical, so the two forms never overlap. Ints -5..256 are static,
 * immortal objects; other exact ints are recycled through a free list.
 * Arithmetic on two small ints uses the __builtin_*_overflow checks and
 * falls back to GMP only when the result leaves int64. Small operands are
 * viewed as read-only mpz values without allocation (zview).
 */
#include "core/ouro.h"
#include "objects/numformat.h"
#include "objects/rangeobject.h"
#include <math.h>
#include <float.h>
#include <stdlib.h>

_Static_assert(sizeof(long) == 8 && sizeof(mp_limb_t) == 8, "LP64 with 64-bit GMP limbs expected");

/* ---- the small-int cache ---- */

#define SMALL_MIN (-5)
#define SMALL_MAX 256
#define SI(n) { OU_STATIC_OBJECT_INIT(&OuInt_Type), (n) + SMALL_MIN, NULL },
#define R2(n) SI(n) SI((n) + 1)
#define R4(n) R2(n) R2((n) + 2)
#define R8(n) R4(n) R4((n) + 4)
#define R16(n) R8(n) R8((n) + 8)
#define R32(n) R16(n) R16((n) + 16)
#define R64(n) R32(n) R32((n) + 32)
#define R128(n) R64(n) R64((n) + 64)
#define R256(n) R128(n) R128((n) + 128)
static OuIntObject small_ints[SMALL_MAX - SMALL_MIN + 1] = { R256(0) R4(256) R2(260) };

/* Results larger than this many bits raise MemoryError instead of letting
   GMP abort on an impossible allocation. */
#define MAX_RESULT_BITS ((uint64_t)1 << 34)

#define INT_FREELIST_MAX 512
static OuIntObject *int_freelist[INT_FREELIST_MAX];
static int int_nfree;

static inline OuIntObject *int_alloc(void)
{
    OuIntObject *o;
    if (int_nfree)
        o = int_freelist[--int_nfree];
    else if (!(o = Ou_Malloc(sizeof *o))) {
        OuErr_NoMemory();
        return NULL;
    }
    o->ob_base.ob_refcnt = 1;
    o->ob_base.ob_type = &OuInt_Type;
    o->small = 0;
    o->big = NULL;
    return o;
}

static inline OuObject *int_from_i64(int64_t v)
{
    if ((uint64_t)v - (uint64_t)SMALL_MIN <= (uint64_t)(SMALL_MAX - SMALL_MIN))
        return OU_NEWREF(&small_ints[v - SMALL_MIN]);
    OuIntObject *o = int_alloc();
    if (o)
        o->small = v;
    return (OuObject *)o;
}

/* Exact int from z; z is cleared or its limbs are taken over. */
OuObject *ou_int_from_mpz_steal(mpz_ptr z)
{
    if (mpz_fits_slong_p(z)) {
        long v = mpz_get_si(z);
        mpz_clear(z);
        return int_from_i64(v);
    }
    OuIntObject *o = int_alloc();
    if (!o) {
        mpz_clear(z);
        return NULL;
    }
    o->big = Ou_Malloc(sizeof(__mpz_struct));
    if (!o->big) {
        mpz_clear(z);
        o->ob_base.ob_refcnt = 0;
        Ou_Free(o);
        return OuErr_NoMemory();
    }
    *o->big = *z;
    return (OuObject *)o;
}

OuObject *OuInt_FromLong(long v) { return int_from_i64(v); }
OuObject *OuInt_FromInt64(int64_t v) { return int_from_i64(v); }
OuObject *OuInt_FromSsize_t(Ou_ssize_t v) { return int_from_i64(v); }

OuObject *OuInt_FromUInt64(uint64_t v)
{
    if (v <= INT64_MAX)
        return int_from_i64((int64_t)v);
    mpz_t z;
    mpz_init_set_ui(z, v);
    return ou_int_from_mpz_steal(z);
}

OuObject *OuInt_FromSize_t(size_t v) { return OuInt_FromUInt64(v); }

OuObject *OuInt_FromMpz(const mpz_t z)
{
    if (mpz_fits_slong_p(z))
        return int_from_i64(mpz_get_si(z));
    mpz_t c;
    mpz_init_set(c, z);
    return ou_int_from_mpz_steal(c);
}

/* A read-only mpz view of an int; no allocation for small values. The
   view lives as long as *za. */
typedef struct { __mpz_struct z; mp_limb_t limb; } ZArg;
static inline mpz_srcptr zview(ZArg *za, OuObject *o)
{
    OuIntObject *io = (OuIntObject *)o;
    if (io->big)
        return io->big;
    int64_t v = io->small;
    za->limb = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    return mpz_roinit_n(&za->z, &za->limb, v < 0 ? -1 : v > 0 ? 1 : 0);
}

/* |z| as a read-only view. */
static inline mpz_srcptr zabs(__mpz_struct *tmp, mpz_srcptr z)
{
    return mpz_roinit_n(tmp, mpz_limbs_read(z), (mp_size_t)mpz_size(z));
}

/* The value of an int (subclass) as an exact int. */
static OuObject *int_exact(OuObject *o)
{
    if (OuInt_CheckExact(o))
        return OU_NEWREF(o);
    if (OU_INT_IS_SMALL(o))
        return int_from_i64(OU_INT_SMALL(o));
    return OuInt_FromMpz(((OuIntObject *)o)->big);
}

/* An instance of int subtype `type` with the value of exact int v (steals v). */
static OuObject *int_subtype_from(OuTypeObject *type, OuObject *v)
{
    OuIntObject *o = (OuIntObject *)type->tp_alloc(type, 0);
    if (o) {
        o->small = OU_INT_SMALL(v);
        o->big = NULL;
        if (!OU_INT_IS_SMALL(v)) {
            o->big = Ou_Malloc(sizeof(__mpz_struct));
            if (!o->big) {
                OU_DECREF(o);
                o = NULL;
                OuErr_NoMemory();
            } else {
                mpz_init_set(o->big, ((OuIntObject *)v)->big);
            }
        }
    }
    OU_DECREF(v);
    return (OuObject *)o;
}

static void int_dealloc(OuObject *o)
{
    OuIntObject *io = (OuIntObject *)o;
    if (io->big) {
        mpz_clear(io->big);
        Ou_Free(io->big);
        io->big = NULL;
    }
    if (OU_TYPE(o) == &OuInt_Type) {
        if (int_nfree < INT_FREELIST_MAX)
            int_freelist[int_nfree++] = io;
        else
            Ou_Free(io);
    } else {
        OU_TYPE(o)->tp_free(o);
    }
}

/* ---- conversions to C ---- */

int OuInt_Sign(OuObject *o)
{
    if (OU_INT_IS_SMALL(o)) {
        int64_t v = OU_INT_SMALL(o);
        return (v > 0) - (v < 0);
    }
    return mpz_sgn(((OuIntObject *)o)->big);
}

Ou_ssize_t OuInt_NumBits(OuObject *o)
{
    if (OU_INT_IS_SMALL(o)) {
        int64_t v = OU_INT_SMALL(o);
        uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
        return u ? 64 - __builtin_clzll(u) : 0;
    }
    return (Ou_ssize_t)mpz_sizeinbase(((OuIntObject *)o)->big, 2);
}

/* o itself if an int, else operator.index(o) in *tmp (to release). */
static OuObject *as_int(OuObject *o, OuObject **tmp)
{
    *tmp = NULL;
    if (OuInt_Check(o))
        return o;
    return *tmp = OuNumber_Index(o);
}

int64_t OuInt_AsInt64(OuObject *o)
{
    OuObject *t;
    if (!(o = as_int(o, &t)))
        return -1;
    int64_t r = OU_INT_SMALL(o);
    if (!OU_INT_IS_SMALL(o)) {
        OuErr_SetString(OuExc_OverflowError, "Python int too large to convert to C long");
        r = -1;
    }
    OU_XDECREF(t);
    return r;
}

long OuInt_AsLong(OuObject *o) { return (long)OuInt_AsInt64(o); }

Ou_ssize_t OuInt_AsSsize_t(OuObject *o)
{
    if (!OuInt_Check(o)) {
        OuErr_SetString(OuExc_TypeError, "an integer is required");
        return -1;
    }
    if (!OU_INT_IS_SMALL(o)) {
        OuErr_SetString(OuExc_OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    return (Ou_ssize_t)OU_INT_SMALL(o);
}

size_t OuInt_AsSize_t(OuObject *o)
{
    if (!OuInt_Check(o)) {
        OuErr_SetString(OuExc_TypeError, "an integer is required");
        return (size_t)-1;
    }
    if (OuInt_Sign(o) < 0) {
        OuErr_SetString(OuExc_OverflowError, "can't convert negative value to size_t");
        return (size_t)-1;
    }
    if (OU_INT_IS_SMALL(o))
        return (size_t)OU_INT_SMALL(o);
    if (mpz_sizeinbase(((OuIntObject *)o)->big, 2) > 64) {
        OuErr_SetString(OuExc_OverflowError, "Python int too large to convert to C size_t");
        return (size_t)-1;
    }
    return mpz_get_ui(((OuIntObject *)o)->big);
}

uint64_t OuInt_AsUInt64Mask(OuObject *o)
{
    OuObject *t;
    if (!(o = as_int(o, &t)))
        return (uint64_t)-1;
    uint64_t r;
    if (OU_INT_IS_SMALL(o)) {
        r = (uint64_t)OU_INT_SMALL(o);
    } else {
        mpz_srcptr z = ((OuIntObject *)o)->big;
        r = mpz_getlimbn(z, 0);
        if (mpz_sgn(z) < 0)
            r = 0 - r;
    }
    OU_XDECREF(t);
    return r;
}

int OuInt_AsMpz(OuObject *o, mpz_t out)
{
    OuObject *t;
    ZArg za;
    if (!(o = as_int(o, &t)))
        return -1;
    mpz_set(out, zview(&za, o));
    OU_XDECREF(t);
    return 0;
}

/* count bits of the limb array starting at bit pos (count <= 64). */
static uint64_t limb_bits(const mp_limb_t *p, size_t n, unsigned long pos, int count)
{
    size_t w = pos / 64;
    unsigned off = (unsigned)(pos % 64);
    uint64_t v = w < n ? p[w] >> off : 0;
    if (off && w + 1 < n)
        v |= p[w + 1] << (64 - off);
    return count >= 64 ? v : v & (((uint64_t)1 << count) - 1);
}

double ou_mpz_ldexp(mpz_srcptr m, long e, int *overflow)
{
    *overflow = 0;
    int sgn = mpz_sgn(m);
    if (!sgn)
        return 0.0;
    size_t n = mpz_size(m);
    const mp_limb_t *p = mpz_limbs_read(m);
    long top = (long)mpz_sizeinbase(m, 2) + e;   /* |m|*2**e < 2**top */
    double r;
    if (top > 1024) {
        *overflow = 1;
        r = HUGE_VAL;
    } else if (top < -1075) {
        r = 0.0;
    } else {
        long lsb = top - 53;
        if (lsb < -1074)
            lsb = -1074;
        long drop = lsb - e;
        if (drop <= 0) {
            r = ldexp((double)p[0], (int)e);     /* at most 53 bits: exact */
        } else {
            uint64_t q = limb_bits(p, n, (unsigned long)drop, 53);
            int half = (int)limb_bits(p, n, (unsigned long)(drop - 1), 1);
            if (half && (((long)mpz_scan1(m, 0) < drop - 1) || (q & 1)))
                q++;
            r = ldexp((double)q, (int)lsb);
            if (isinf(r))
                *overflow = 1;
        }
    }
    return sgn < 0 ? -r : r;
}

double ou_mpz_ratio(mpz_srcptr a, mpz_srcptr b, int *overflow)
{
    *overflow = 0;
    int neg = (mpz_sgn(a) < 0) != (mpz_sgn(b) < 0);
    if (mpz_sgn(a) == 0)
        return neg ? -0.0 : 0.0;
    long diff = (long)mpz_sizeinbase(a, 2) - (long)mpz_sizeinbase(b, 2);
    if (diff > 1026) {
        *overflow = 1;
        return neg ? -HUGE_VAL : HUGE_VAL;
    }
    if (diff < -1078)
        return neg ? -0.0 : 0.0;
    __mpz_struct aa, ab;
    mpz_srcptr pa = zabs(&aa, a), pb = zabs(&ab, b);
    long k = 56 - diff;   /* the quotient gets >= 56 bits; a sticky bit keeps rounding exact */
    mpz_t num, den, q, r;
    mpz_inits(num, den, q, r, NULL);
    if (k >= 0) {
        mpz_mul_2exp(num, pa, (unsigned long)k);
        mpz_set(den, pb);
    } else {
        mpz_set(num, pa);
        mpz_mul_2exp(den, pb, (unsigned long)-k);
    }
    mpz_tdiv_qr(q, r, num, den);
    if (mpz_sgn(r))
        mpz_setbit(q, 0);
    double d = ou_mpz_ldexp(q, -k, overflow);
    mpz_clears(num, den, q, r, NULL);
    return neg ? -d : d;
}

double OuInt_AsDouble(OuObject *o)
{
    OuObject *t;
    if (!(o = as_int(o, &t)))
        return -1.0;
    double d;
    if (OU_INT_IS_SMALL(o)) {
        d = (double)OU_INT_SMALL(o);
    } else {
        int ovf;
        d = ou_mpz_ldexp(((OuIntObject *)o)->big, 0, &ovf);
        if (ovf) {
            OuErr_SetString(OuExc_OverflowError, "int too large to convert to float");
            d = -1.0;
        }
    }
    OU_XDECREF(t);
    return d;
}

OuObject *OuInt_FromDouble(double d)
{
    if (isnan(d)) {
        OuErr_SetString(OuExc_ValueError, "cannot convert float NaN to integer");
        return NULL;
    }
    if (isinf(d)) {
        OuErr_SetString(OuExc_OverflowError, "cannot convert float infinity to integer");
        return NULL;
    }
    d = trunc(d);
    if (d >= -9223372036854775808.0 && d < 9223372036854775808.0)
        return int_from_i64((int64_t)d);
    mpz_t z;
    mpz_init_set_d(z, d);
    return ou_int_from_mpz_steal(z);
}

int OuInt_CompareDouble(OuObject *i, double d)
{
    if (isnan(d))
        return 2;
    if (isinf(d))
        return d > 0 ? -1 : 1;
    if (OU_INT_IS_SMALL(i)) {
        int64_t x = OU_INT_SMALL(i);
        if (d >= 9223372036854775808.0)
            return -1;
        if (d < -9223372036854775808.0)
            return 1;
        double fl = floor(d);
        int64_t f = (int64_t)fl;
        if (x != f)
            return x < f ? -1 : 1;
        return d > fl ? -1 : 0;
    }
    int c = mpz_cmp_d(((OuIntObject *)i)->big, d);
    return (c > 0) - (c < 0);
}

int OuInt_Compare(OuObject *a, OuObject *b)
{
    if (OU_INT_IS_SMALL(a) && OU_INT_IS_SMALL(b)) {
        int64_t x = OU_INT_SMALL(a), y = OU_INT_SMALL(b);
        return (x > y) - (x < y);
    }
    ZArg za, zb;
    int c = mpz_cmp(zview(&za, a), zview(&zb, b));
    return (c > 0) - (c < 0);
}

/* ---- text ---- */

static OuObject *ascii_str(const char *s, Ou_ssize_t n)
{
    OuObject *r = OuStr_New(n, 127);
    if (r)
        memcpy(OU_STR_DATA(r), s, (size_t)n);
    return r;
}

/* Decimal digits of u, written to the end of buf[0..24); returns the start. */
static char *u64_digits(uint64_t u, char *end)
{
    do {
        *--end = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    return end;
}

static OuObject *limit_error(void)
{
    return OuErr_Format(OuExc_ValueError,
                        "Exceeds the limit (%lld digits) for integer string conversion; "
                        "use sys.set_int_max_str_digits() to increase the limit",
                        (long long)OU_RT->int_max_str_digits);
}

char *ou_int_digits(OuObject *o, int base, int upper, Ou_ssize_t *len, int *neg)
{
    char *buf;
    if (OU_INT_IS_SMALL(o) && base == 10) {
        int64_t v = OU_INT_SMALL(o);
        char tmp[24], *s = u64_digits(v < 0 ? 0 - (uint64_t)v : (uint64_t)v, tmp + 24);
        *neg = v < 0;
        *len = tmp + 24 - s;
        if (!(buf = Ou_Malloc((size_t)*len + 1)))
            return (char *)OuErr_NoMemory();
        memcpy(buf, s, (size_t)*len);
        buf[*len] = 0;
        return buf;
    }
    ZArg za;
    __mpz_struct az;
    mpz_srcptr z = zview(&za, o), a = zabs(&az, z);
    int64_t limit = OU_RT->int_max_str_digits;
    size_t est = mpz_sizeinbase(a, base);
    *neg = mpz_sgn(z) < 0;
    if (base == 10 && limit > 0 && est > (size_t)limit + 1)
        return (char *)limit_error();
    if (!(buf = Ou_Malloc(est + 2)))
        return (char *)OuErr_NoMemory();
    mpz_get_str(buf, upper ? -base : base, a);
    *len = (Ou_ssize_t)strlen(buf);
    if (base == 10 && limit > 0 && *len > limit) {
        Ou_Free(buf);
        return (char *)limit_error();
    }
    return buf;
}

OuObject *OuInt_Format(OuObject *o, int base, int alternate)
{
    Ou_ssize_t n;
    int neg;
    char *d = ou_int_digits(o, base, 0, &n, &neg);
    if (!d)
        return NULL;
    const char *pre = !alternate ? "" : base == 2 ? "0b" : base == 8 ? "0o" : base == 16 ? "0x" : "";
    size_t np = strlen(pre);
    OuObject *r = OuStr_New(n + neg + (Ou_ssize_t)np, 127);
    if (r) {
        char *p = OU_STR_DATA(r);
        if (neg)
            *p++ = '-';
        memcpy(p, pre, np);
        memcpy(p + np, d, (size_t)n);
    }
    Ou_Free(d);
    return r;
}

static OuObject *int_repr(OuObject *o)
{
    if (OU_INT_IS_SMALL(o)) {
        int64_t v = OU_INT_SMALL(o);
        char tmp[24], *s = u64_digits(v < 0 ? 0 - (uint64_t)v : (uint64_t)v, tmp + 24);
        if (v < 0)
            *--s = '-';
        return ascii_str(s, tmp + 24 - s);
    }
    return OuInt_Format(o, 10, 0);
}

/* ---- hashing ---- */

#define HASH_MOD (((uint64_t)1 << 61) - 1)

static Ou_hash_t hash_i64(int64_t v)
{
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    u = (u & HASH_MOD) + (u >> 61);
    if (u >= HASH_MOD)
        u -= HASH_MOD;
    Ou_hash_t h = v < 0 ? -(Ou_hash_t)u : (Ou_hash_t)u;
    return h == -1 ? -2 : h;
}

Ou_hash_t OuInt_Hash(OuObject *o)
{
    if (OU_INT_IS_SMALL(o))
        return hash_i64(OU_INT_SMALL(o));
    mpz_srcptr z = ((OuIntObject *)o)->big;
    Ou_hash_t h = (Ou_hash_t)mpz_tdiv_ui(z, HASH_MOD);   /* |z| mod P */
    if (mpz_sgn(z) < 0)
        h = -h;
    return h == -1 ? -2 : h;
}

/* ---- arithmetic ---- */

#define CHECK_BINOP(a, b) \
    do { if (!OuInt_Check(a) || !OuInt_Check(b)) OU_RETURN_NOTIMPLEMENTED; } while (0)
#define BOTH_SMALL(a, b) (OU_INT_IS_SMALL(a) && OU_INT_IS_SMALL(b))

typedef void (*mpz_binop)(mpz_ptr, mpz_srcptr, mpz_srcptr);

static OuObject *big_binop(OuObject *a, OuObject *b, mpz_binop f)
{
    ZArg za, zb;
    mpz_t r;
    mpz_init(r);
    f(r, zview(&za, a), zview(&zb, b));
    return ou_int_from_mpz_steal(r);
}

OuObject *OuInt_Add(OuObject *a, OuObject *b)
{
    int64_t r;
    if (BOTH_SMALL(a, b) && !__builtin_add_overflow(OU_INT_SMALL(a), OU_INT_SMALL(b), &r))
        return int_from_i64(r);
    return big_binop(a, b, mpz_add);
}

OuObject *OuInt_Sub(OuObject *a, OuObject *b)
{
    int64_t r;
    if (BOTH_SMALL(a, b) && !__builtin_sub_overflow(OU_INT_SMALL(a), OU_INT_SMALL(b), &r))
        return int_from_i64(r);
    return big_binop(a, b, mpz_sub);
}

OuObject *OuInt_Mul(OuObject *a, OuObject *b)
{
    int64_t r;
    if (BOTH_SMALL(a, b) && !__builtin_mul_overflow(OU_INT_SMALL(a), OU_INT_SMALL(b), &r))
        return int_from_i64(r);
    return big_binop(a, b, mpz_mul);
}

static OuObject *int_add(OuObject *a, OuObject *b) { CHECK_BINOP(a, b); return OuInt_Add(a, b); }
static OuObject *int_sub(OuObject *a, OuObject *b) { CHECK_BINOP(a, b); return OuInt_Sub(a, b); }
static OuObject *int_mul(OuObject *a, OuObject *b) { CHECK_BINOP(a, b); return OuInt_Mul(a, b); }

/* Both small and the C division cannot overflow. */
static inline int small_div_ok(OuObject *a, OuObject *b)
{
    return BOTH_SMALL(a, b) && !(OU_INT_SMALL(a) == INT64_MIN && OU_INT_SMALL(b) == -1);
}

static OuObject *int_floordiv(OuObject *a, OuObject *b)
{
    CHECK_BINOP(a, b);
    if (OuInt_Sign(b) == 0) {
        OuErr_SetString(OuExc_ZeroDivisionError, "integer division or modulo by zero");
        return NULL;
    }
    if (small_div_ok(a, b)) {
        int64_t x = OU_INT_SMALL(a), y = OU_INT_SMALL(b), q = x / y;
        if ((x % y != 0) && ((x < 0) != (y < 0)))
            q--;
        return int_from_i64(q);
    }
    return big_binop(a, b, mpz_fdiv_q);
}

static OuObject *int_mod(OuObject *a, OuObject *b)
{
    CHECK_BINOP(a, b);
    if (OuInt_Sign(b) == 0) {
        OuErr_SetString(OuExc_ZeroDivisionError, "integer modulo by zero");
        return NULL;
    }
    if (small_div_ok(a, b)) {
        int64_t x = OU_INT_SMALL(a), y = OU_INT_SMALL(b), r = x % y;
        if (r != 0 && ((r < 0) != (y < 0)))
            r += y;
        return int_from_i64(r);
    }
    return big_binop(a, b, mpz_fdiv_r);
}

static OuObject *int_divmod(OuObject *a, OuObject *b)
{
    CHECK_BINOP(a, b);
    if (OuInt_Sign(b) == 0) {
        OuErr_SetString(OuExc_ZeroDivisionError, "integer division or modulo by zero");
        return NULL;
    }
    OuObject *q, *r;
    if (small_div_ok(a, b)) {
        int64_t x = OU_INT_SMALL(a), y = OU_INT_SMALL(b), qq = x / y, rr = x % y;
        if (rr != 0 && ((rr < 0) != (y < 0))) {
            rr += y;
            qq--;
        }
        q = int_from_i64(qq);
        r = int_from_i64(rr);
    } else {
        ZArg za, zb;
        mpz_t mq, mr;
        mpz_inits(mq, mr, NULL);
        mpz_fdiv_qr(mq, mr, zview(&za, a), zview(&zb, b));
        q = ou_int_from_mpz_steal(mq);
        r = ou_int_from_mpz_steal(mr);
    }
    OuObject *t = (q && r) ? OuTuple_Pack(2, q, r) : NULL;
    OU_XDECREF(q);
    OU_XDECREF(r);
    return t;
}

static OuObject *int_true_divide(OuObject *a, OuObject *b)
{
    CHECK_BINOP(a, b);
    if (OuInt_Sign(b) == 0) {
        OuErr_SetString(OuExc_ZeroDivisionError, "division by zero");
        return NULL;
    }
    if (BOTH_SMALL(a, b)) {
        int64_t x = OU_INT_SMALL(a), y = OU_INT_SMALL(b);
        const int64_t lim = (int64_t)1 << 53;
        if (x >= -lim && x <= lim && y >= -lim && y <= lim)
            return OuFloat_FromDouble((double)x / (double)y);
    }
    ZArg za, zb;
    int ovf;
    double d = ou_mpz_ratio(zview(&za, a), zview(&zb, b), &ovf);
    if (ovf) {
        OuErr_SetString(OuExc_OverflowError, "integer division result too large for a float");
        return NULL;
    }
    return OuFloat_FromDouble(d);
}

/* pow(a, b, m) with m a nonzero int. */
static OuObject *int_powmod(OuObject *a, OuObject *b, OuObject *m)
{
    int ms = OuInt_Sign(m);
    if (ms == 0) {
        OuErr_SetString(OuExc_ValueError, "pow() 3rd argument cannot be 0");
        return NULL;
    }
    if (BOTH_SMALL(a, b) && OU_INT_IS_SMALL(m) && OU_INT_SMALL(b) >= 0 && OU_INT_SMALL(m) != INT64_MIN) {
        int64_t mv = OU_INT_SMALL(m);
        uint64_t mod = (uint64_t)(mv < 0 ? -mv : mv), e = (uint64_t)OU_INT_SMALL(b);
        int64_t bs = OU_INT_SMALL(a) % (int64_t)mod;
        uint64_t base = (uint64_t)(bs < 0 ? bs + (int64_t)mod : bs), r = 1 % mod;
        while (e) {
            if (e & 1)
                r = (uint64_t)((unsigned __int128)r * base % mod);
            base = (uint64_t)((unsigned __int128)base * base % mod);
            e >>= 1;
        }
        int64_t res = (int64_t)r;
        if (mv < 0 && res)
            res += mv;
        return int_from_i64(res);
    }
    ZArg za, zb, zm;
    mpz_t mm, base, ex, r;
    mpz_inits(mm, base, ex, r, NULL);
    mpz_abs(mm, zview(&zm, m));
    mpz_mod(base, zview(&za, a), mm);
    mpz_set(ex, zview(&zb, b));
    OuObject *res = NULL;
    if (mpz_cmp_ui(mm, 1) == 0) {
        mpz_set_ui(r, 0);
    } else {
        if (mpz_sgn(ex) < 0) {
            if (!mpz_invert(base, base, mm)) {
                OuErr_SetString(OuExc_ValueError, "base is not invertible for the given modulus");
                goto done;
            }
            mpz_neg(ex, ex);
        }
        mpz_powm(r, base, ex, mm);
        if (ms < 0 && mpz_sgn(r))
            mpz_sub(r, r, mm);
    }
    res = ou_int_from_mpz_steal(r);
    mpz_init(r);
done:
    mpz_clears(mm, base, ex, r, NULL);
    return res;
}

static OuObject *int_pow(OuObject *a, OuObject *b, OuObject *m)
{
    CHECK_BINOP(a, b);
    if (m && m != OU_NONE) {
        if (!OuInt_Check(m))
            OU_RETURN_NOTIMPLEMENTED;
        return int_powmod(a, b, m);
    }
    if (OuInt_Sign(b) < 0) {
        double x = OuInt_AsDouble(a), y;
        if (x == -1.0 && OuErr_Occurred())
            return NULL;
        y = OuInt_AsDouble(b);
        if (y == -1.0 && OuErr_Occurred())
            return NULL;
        return ou_float_pow(x, y);
    }
    if (BOTH_SMALL(a, b)) {
        int64_t base = OU_INT_SMALL(a), r = 1;
        uint64_t e = (uint64_t)OU_INT_SMALL(b);
        for (;;) {
            if ((e & 1) && __builtin_mul_overflow(r, base, &r))
                break;
            e >>= 1;
            if (!e)
                return int_from_i64(r);
            if (__builtin_mul_overflow(base, base, &base))
                break;
        }
    }
    int sa = OuInt_Sign(a);
    Ou_ssize_t abits = OuInt_NumBits(a);
    if (!OU_INT_IS_SMALL(b)) {   /* only 0, 1 and -1 can be raised that far */
        if (sa == 0 || (abits == 1 && sa > 0))
            return int_from_i64(sa);
        if (abits == 1)
            return int_from_i64(mpz_odd_p(((OuIntObject *)b)->big) ? -1 : 1);
        return OuErr_NoMemory();
    }
    uint64_t e = (uint64_t)OU_INT_SMALL(b);
    if (abits > 1 && e > MAX_RESULT_BITS / (uint64_t)abits)
        return OuErr_NoMemory();
    ZArg za;
    mpz_t r;
    mpz_init(r);
    mpz_pow_ui(r, zview(&za, a), e);
    return ou_int_from_mpz_steal(r);
}

static OuObject *int_neg(OuObject *a)
{
    if (OU_INT_IS_SMALL(a) && OU_INT_SMALL(a) != INT64_MIN)
        return int_from_i64(-OU_INT_SMALL(a));
    ZArg za;
    mpz_t r;
    mpz_init(r);
    mpz_neg(r, zview(&za, a));
    return ou_int_from_mpz_steal(r);
}

static OuObject *int_pos(OuObject *a) { return int_exact(a); }

static OuObject *int_abs(OuObject *a)
{
    if (OuInt_Sign(a) < 0)
        return int_neg(a);
    return int_exact(a);
}

static int int_bool(OuObject *a)
{
    return !OU_INT_IS_SMALL(a) || OU_INT_SMALL(a) != 0;
}

static OuObject *int_invert(OuObject *a)
{
    if (OU_INT_IS_SMALL(a))
        return int_from_i64(~OU_INT_SMALL(a));
    ZArg za;
    mpz_t r;
    mpz_init(r);
    mpz_com(r, zview(&za, a));
    return ou_int_from_mpz_steal(r);
}

/* The shift count of b: -1 with ValueError if negative; *huge when it does not fit int64. */
static int shift_count(OuObject *b, int64_t *n, int *huge)
{
    if (OuInt_Sign(b) < 0) {
        OuErr_SetString(OuExc_ValueError, "negative shift count");
        return -1;
    }
    *huge = !OU_INT_IS_SMALL(b);
    *n = OU_INT_SMALL(b);
    return 0;
}

static OuObject *int_lshift(OuObject *a, OuObject *b)
{
    int64_t n, r;
    int huge;
    CHECK_BINOP(a, b);
    if (shift_count(b, &n, &huge) < 0)
        return NULL;
    if (OuInt_Sign(a) == 0)
        return int_from_i64(0);
    if (huge || n >= ((int64_t)1 << 60)) {
        OuErr_SetString(OuExc_OverflowError, "too many digits in integer");
        return NULL;
    }
    if (OU_INT_IS_SMALL(a) && n < 63 && !__builtin_mul_overflow(OU_INT_SMALL(a), (int64_t)1 << n, &r))
        return int_from_i64(r);
    if ((uint64_t)n + (uint64_t)OuInt_NumBits(a) > MAX_RESULT_BITS)
        return OuErr_NoMemory();
    ZArg za;
    mpz_t z;
    mpz_init(z);
    mpz_mul_2exp(z, zview(&za, a), (unsigned long)n);
    return ou_int_from_mpz_steal(z);
}

static OuObject *int_rshift(OuObject *a, OuObject *b)
{
    int64_t n;
    int huge;
    CHECK_BINOP(a, b);
    if (shift_count(b, &n, &huge) < 0)
        return NULL;
    int neg = OuInt_Sign(a) < 0;
    if (huge || n >= OuInt_NumBits(a) + 1)
        return int_from_i64(neg ? -1 : 0);
    if (OU_INT_IS_SMALL(a))
        return int_from_i64(n >= 64 ? (neg ? -1 : 0) : OU_INT_SMALL(a) >> n);
    ZArg za;
    mpz_t z;
    mpz_init(z);
    mpz_fdiv_q_2exp(z, zview(&za, a), (unsigned long)n);
    return ou_int_from_mpz_steal(z);
}

static OuObject *int_and(OuObject *a, OuObject *b)
{
    CHECK_BINOP(a, b);
    if (BOTH_SMALL(a, b))
        return int_from_i64(OU_INT_SMALL(a) & OU_INT_SMALL(b));
    return big_binop(a, b, mpz_and);
}

static OuObject *int_or(OuObject *a, OuObject *b)
{
    CHECK_BINOP(a, b);
    if (BOTH_SMALL(a, b))
        return int_from_i64(OU_INT_SMALL(a) | OU_INT_SMALL(b));
    return big_binop(a, b, mpz_ior);
}

static OuObject *int_xor(OuObject *a, OuObject *b)
{
    CHECK_BINOP(a, b);
    if (BOTH_SMALL(a, b))
        return int_from_i64(OU_INT_SMALL(a) ^ OU_INT_SMALL(b));
    return big_binop(a, b, mpz_xor);
}

static OuObject *int_int(OuObject *a) { return int_exact(a); }

static OuObject *int_float(OuObject *a)
{
    double d = OuInt_AsDouble(a);
    if (d == -1.0 && OuErr_Occurred())
        return NULL;
    return OuFloat_FromDouble(d);
}

static OuObject *cmp_result(int c, int op)
{
    int r;
    switch (op) {
    case OU_LT: r = c < 0; break;
    case OU_LE: r = c <= 0; break;
    case OU_EQ: r = c == 0; break;
    case OU_NE: r = c != 0; break;
    case OU_GT: r = c > 0; break;
    default: r = c >= 0; break;
    }
    return OuBool_FromLong(r);
}

static OuObject *int_richcompare(OuObject *a, OuObject *b, int op)
{
    int c;
    if (!OuInt_Check(a))
        OU_RETURN_NOTIMPLEMENTED;
    if (OuInt_Check(b)) {
        c = OuInt_Compare(a, b);
    } else if (OuFloat_Check(b)) {
        c = OuInt_CompareDouble(a, OU_FLOAT_VALUE(b));
        if (c == 2)
            return OuBool_FromLong(op == OU_NE);
    } else {
        OU_RETURN_NOTIMPLEMENTED;
    }
    return cmp_result(c, op);
}

static Ou_hash_t int_hash(OuObject *o) { return OuInt_Hash(o); }

/* ---- parsing ---- */

static int is_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

static int digit_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    return 99;
}

/* Parses an int literal in base 0 or 2..36. Returns the int; NULL with an
   error; or NULL with *bad set (and no error) for an invalid literal. */
static OuObject *parse_int_text(const char *s, Ou_ssize_t n, int base, int *bad)
{
    const char *p = s, *end = s + n;
    *bad = 1;
    while (p < end && is_space((unsigned char)*p))
        p++;
    while (end > p && is_space((unsigned char)end[-1]))
        end--;
    int neg = 0, base0 = base == 0, prefixed = 0;
    if (p < end && (*p == '+' || *p == '-'))
        neg = *p++ == '-';
    if (end - p >= 2 && p[0] == '0') {
        char c = (char)(p[1] | 0x20);
        int pb = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
        if (pb && (base == 0 || base == pb)) {
            base = pb;
            p += 2;
            prefixed = 1;
        }
    }
    if (base == 0)
        base = 10;
    if (prefixed && p < end && *p == '_')
        p++;
    if (p >= end || *p == '_')
        return NULL;
    const char *ds = p;
    Ou_ssize_t nd = 0;
    int prev_us = 0, allzero = 1;
    for (; p < end; p++) {
        if (*p == '_') {
            if (prev_us)
                return NULL;
            prev_us = 1;
            continue;
        }
        int d = digit_value((unsigned char)*p);
        if (d >= base)
            return NULL;
        if (d)
            allzero = 0;
        prev_us = 0;
        nd++;
    }
    if (prev_us || nd == 0 || (base0 && !prefixed && ds[0] == '0' && !allzero))
        return NULL;
    *bad = 0;
    int64_t limit = OU_RT->int_max_str_digits;
    if ((base & (base - 1)) && limit > 0 && nd > limit) {
        OuErr_Format(OuExc_ValueError,
                     "Exceeds the limit (%lld digits) for integer string conversion: value has %zd digits; "
                     "use sys.set_int_max_str_digits() to increase the limit", (long long)limit, nd);
        return NULL;
    }
    uint64_t acc = 0;
    int ovf = 0;
    for (p = ds; p < end; p++) {
        if (*p == '_')
            continue;
        if (__builtin_mul_overflow(acc, (uint64_t)base, &acc) ||
            __builtin_add_overflow(acc, (uint64_t)digit_value((unsigned char)*p), &acc)) {
            ovf = 1;
            break;
        }
    }
    if (!ovf && acc <= (uint64_t)INT64_MAX + (uint64_t)neg)
        return int_from_i64(neg ? (int64_t)(0 - acc) : (int64_t)acc);
    char *buf = Ou_Malloc((size_t)nd + 1), *q = buf;
    if (!buf)
        return OuErr_NoMemory();
    for (p = ds; p < end; p++)
        if (*p != '_')
            *q++ = *p;
    *q = 0;
    mpz_t z;
    mpz_init(z);
    mpz_set_str(z, buf, base);
    Ou_Free(buf);
    if (neg)
        mpz_neg(z, z);
    return ou_int_from_mpz_steal(z);
}

static OuObject *invalid_literal(int base, OuObject *orig)
{
    return OuErr_Format(OuExc_ValueError, "invalid literal for int() with base %d: %.200R", base, orig);
}

OuObject *OuInt_FromString(const char *s, Ou_ssize_t len, int base)
{
    int bad;
    if (len < 0)
        len = (Ou_ssize_t)strlen(s);
    OuObject *r = parse_int_text(s, len, base, &bad);
    if (!r && bad) {
        OuObject *t = OuStr_FromUTF8AndSize(s, len);
        if (!t)
            return NULL;
        invalid_literal(base, t);
        OU_DECREF(t);
    }
    return r;
}

OuObject *OuInt_FromUnicodeObject(OuObject *str, int base)
{
    Ou_ssize_t n;
    int bad;
    char *text = ou_number_text(str, &n);
    if (!text)
        return NULL;
    OuObject *r = parse_int_text(text, n, base, &bad);
    Ou_Free(text);
    if (!r && bad)
        invalid_literal(base, str);
    return r;
}

/* int() of a bytes-like object. */
static OuObject *int_from_buffer(OuObject *o, int base)
{
    OuBuffer view;
    int bad;
    if (OuObject_GetBuffer(o, &view, OU_BUF_SIMPLE) < 0)
        return NULL;
    OuObject *r = parse_int_text(view.buf, view.len, base, &bad);
    if (!r && bad) {
        OuObject *b = OuBytes_FromStringAndSize(view.buf, view.len);
        if (b) {
            invalid_literal(base, b);
            OU_DECREF(b);
        }
    }
    OuBuffer_Release(&view);
    return r;
}

/* The result of __int__ / __index__ / __trunc__ as an exact int. */
static OuObject *exact_result(OuObject *r, const char *what)
{
    if (!r || OuInt_CheckExact(r))
        return r;
    if (!OuInt_Check(r)) {
        OuErr_Format(OuExc_TypeError, "%s returned non-int (type %.200s)", what, OU_TYPE_NAME(r));
        OU_DECREF(r);
        return NULL;
    }
    OuObject *e = int_exact(r);
    OU_DECREF(r);
    return e;
}

OuObject *OuInt_FromObject(OuObject *x)
{
    if (OuInt_CheckExact(x))
        return OU_NEWREF(x);
    OuTypeObject *t = OU_TYPE(x);
    if (t->nb_int)
        return exact_result(t->nb_int(x), "__int__");
    if (t->nb_index)
        return exact_result(OuNumber_Index(x), "__index__");
    OuObject *trunc = OuObject_LookupSpecial(x, OU_ID(__trunc__));
    if (trunc) {
        if (OuErr_WarnEx(OuExc_DeprecationWarning,
                         "The delegation of int() to __trunc__ is deprecated.", 1) < 0) {
            OU_DECREF(trunc);
            return NULL;
        }
        OuObject *r = OuObject_CallNoArgs(trunc);
        OU_DECREF(trunc);
        if (!r || OuInt_Check(r))
            return exact_result(r, "__trunc__");
        if (!OU_TYPE(r)->nb_index) {
            OuErr_Format(OuExc_TypeError, "__trunc__ returned non-Integral (type %.200s)", OU_TYPE_NAME(r));
            OU_DECREF(r);
            return NULL;
        }
        OuObject *i = OuNumber_Index(r);
        OU_DECREF(r);
        return exact_result(i, "__index__");
    }
    if (OuErr_Occurred())
        return NULL;
    if (OuStr_Check(x))
        return OuInt_FromUnicodeObject(x, 10);
    if (OuObject_CheckBuffer(x))
        return int_from_buffer(x, 10);
    return OuErr_Format(OuExc_TypeError,
                        "int() argument must be a string, a bytes-like object or a real number, not '%.200s'",
                        OU_TYPE_NAME(x));
}

/* int(x, base) */
static OuObject *int_from_base(OuObject *x, OuObject *obase)
{
    Ou_ssize_t base = OuNumber_AsSsize_t(obase, NULL);
    if (base == -1 && OuErr_Occurred())
        return NULL;
    if (base != 0 && (base < 2 || base > 36)) {
        OuErr_SetString(OuExc_ValueError, "int() base must be >= 2 and <= 36, or 0");
        return NULL;
    }
    if (OuStr_Check(x))
        return OuInt_FromUnicodeObject(x, (int)base);
    if (OuBytes_Check(x) || OuByteArray_Check(x))
        return int_from_buffer(x, (int)base);
    OuErr_SetString(OuExc_TypeError, "int() can't convert non-string with explicit base");
    return NULL;
}

static OuObject *int_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {"x", "base", NULL};
    OuObject *v[2] = {NULL, NULL}, *r;
    if (kwnames || nargs > 1) {
        if (OuArg_Parse("int", args, nargs, kwnames, names, 1, -1, 0, v) < 0)
            return NULL;
    } else if (nargs == 1) {
        v[0] = args[0];
    }
    if (!v[0]) {
        if (v[1]) {
            OuErr_SetString(OuExc_TypeError, "int() missing string argument");
            return NULL;
        }
        r = int_from_i64(0);
    } else if (!v[1]) {
        r = OuInt_FromObject(v[0]);
    } else {
        r = int_from_base(v[0], v[1]);
    }
    if (!r || type == &OuInt_Type)
        return r;
    return int_subtype_from(type, r);
}

static OuObject *int_vectorcall(OuObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    return int_new((OuTypeObject *)type, args, nargs, kwnames);
}

/* ---- methods ---- */

static OuObject *int_exact_meth(OuObject *self, OuObject *unused) { return int_exact(self); }

static OuObject *int_bit_length(OuObject *self, OuObject *unused)
{
    return int_from_i64(OuInt_NumBits(self));
}

static OuObject *int_bit_count(OuObject *self, OuObject *unused)
{
    if (OU_INT_IS_SMALL(self)) {
        int64_t v = OU_INT_SMALL(self);
        return int_from_i64(__builtin_popcountll(v < 0 ? 0 - (uint64_t)v : (uint64_t)v));
    }
    __mpz_struct a;
    return OuInt_FromUInt64(mpz_popcount(zabs(&a, ((OuIntObject *)self)->big)));
}

static OuObject *int_as_integer_ratio(OuObject *self, OuObject *unused)
{
    OuObject *n = int_exact(self);
    if (!n)
        return NULL;
    OuObject *r = OuTuple_Pack(2, n, (OuObject *)&small_ints[1 - SMALL_MIN]);
    OU_DECREF(n);
    return r;
}

static OuObject *int_getnewargs(OuObject *self, OuObject *unused)
{
    OuObject *n = int_exact(self);
    if (!n)
        return NULL;
    OuObject *r = OuTuple_Pack(1, n);
    OU_DECREF(n);
    return r;
}

static OuObject *int_sizeof(OuObject *self, OuObject *unused)
{
    Ou_ssize_t bits = OuInt_NumBits(self);
    return int_from_i64(24 + 4 * (bits ? (bits + 29) / 30 : 1));
}

static OuObject *int_format_meth(OuObject *self, OuObject *spec)
{
    return OuNumFormat_Int(self, spec);
}

/* int.__round__(ndigits): round half to even at 10**-ndigits. */
static OuObject *int_round(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (kwnames && OU_SIZE(kwnames)) {
        OuErr_SetString(OuExc_TypeError, "int.__round__() takes no keyword arguments");
        return NULL;
    }
    if (nargs > 1)
        return OuErr_Format(OuExc_TypeError, "__round__ expected at most 1 argument, got %zd", nargs);
    if (nargs == 0)
        return int_exact(self);
    OuObject *nd = OuNumber_Index(args[0]);
    if (!nd)
        return NULL;
    int sn = OuInt_Sign(nd);
    int small = OU_INT_IS_SMALL(nd);
    int64_t k = -OU_INT_SMALL(nd);
    OU_DECREF(nd);
    if (sn >= 0)
        return int_exact(self);
    ZArg za;
    mpz_srcptr z = zview(&za, self);
    __mpz_struct az;
    if (!small || (uint64_t)k > mpz_sizeinbase(zabs(&az, z), 10) + 1)
        return int_from_i64(0);
    mpz_t d, q, r, r2;
    mpz_inits(d, q, r, r2, NULL);
    mpz_ui_pow_ui(d, 10, (unsigned long)k);
    mpz_fdiv_qr(q, r, z, d);
    mpz_mul_2exp(r2, r, 1);
    int c = mpz_cmp(r2, d);
    if (c > 0 || (c == 0 && mpz_odd_p(q)))
        mpz_add_ui(q, q, 1);
    mpz_mul(q, q, d);
    mpz_clears(d, r, r2, NULL);
    return ou_int_from_mpz_steal(q);
}

/* byteorder argument: 1 little, 0 big, -1 error. */
static int parse_byteorder(const char *fname, OuObject *o)
{
    if (!o)
        return 0;
    if (!OuStr_Check(o)) {
        OuErr_Format(OuExc_TypeError, "%s() argument 'byteorder' must be str, not %.50s",
                     fname, OU_TYPE_NAME(o));
        return -1;
    }
    if (OuStr_EqualToASCII(o, "little"))
        return 1;
    if (OuStr_EqualToASCII(o, "big"))
        return 0;
    OuErr_SetString(OuExc_ValueError, "byteorder must be either 'little' or 'big'");
    return -1;
}

static OuObject *int_to_bytes(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {"length", "byteorder", "signed", NULL};
    OuObject *v[3] = {NULL, NULL, NULL};
    if (OuArg_Parse("to_bytes", args, nargs, kwnames, names, 0, 2, 0, v) < 0)
        return NULL;
    Ou_ssize_t length = 1;
    if (v[0]) {
        length = OuNumber_AsSsize_t(v[0], OuExc_OverflowError);
        if (length == -1 && OuErr_Occurred())
            return NULL;
        if (length < 0) {
            OuErr_SetString(OuExc_ValueError, "length argument must be non-negative");
            return NULL;
        }
    }
    int little = parse_byteorder("to_bytes", v[1]);
    if (little < 0)
        return NULL;
    int is_signed = v[2] ? OuObject_IsTrue(v[2]) : 0;
    if (is_signed < 0)
        return NULL;
    ZArg za;
    mpz_srcptr z = zview(&za, self);
    int sgn = mpz_sgn(z);
    if (sgn < 0 && !is_signed) {
        OuErr_SetString(OuExc_OverflowError, "can't convert negative int to unsigned");
        return NULL;
    }
    uint64_t nbits = 8 * (uint64_t)length;
    mpz_t t;
    mpz_init(t);
    if (sgn < 0)
        mpz_com(t, z);            /* -z - 1 */
    else
        mpz_set(t, z);
    uint64_t need = mpz_sgn(t) ? mpz_sizeinbase(t, 2) + (is_signed ? 1 : 0) : 0;
    if (need > nbits) {
        mpz_clear(t);
        OuErr_SetString(OuExc_OverflowError, "int too big to convert");
        return NULL;
    }
    OuObject *res = OuBytes_FromStringAndSize(NULL, length);
    if (res) {
        unsigned char *d = (unsigned char *)OU_BYTES_DATA(res);
        size_t cnt = mpz_sgn(t) ? (mpz_sizeinbase(t, 2) + 7) / 8 : 0;
        memset(d, 0, (size_t)length);
        if (cnt)
            mpz_export(little ? d : d + (length - (Ou_ssize_t)cnt), NULL, little ? -1 : 1, 1, 0, 0, t);
        if (sgn < 0)
            for (Ou_ssize_t i = 0; i < length; i++)
                d[i] = (unsigned char)~d[i];
    }
    mpz_clear(t);
    return res;
}

static OuObject *int_from_bytes(OuObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {"bytes", "byteorder", "signed", NULL};
    OuObject *v[3] = {NULL, NULL, NULL};
    if (OuArg_Parse("from_bytes", args, nargs, kwnames, names, 0, 2, 1, v) < 0)
        return NULL;
    int little = parse_byteorder("from_bytes", v[1]);
    if (little < 0)
        return NULL;
    int is_signed = v[2] ? OuObject_IsTrue(v[2]) : 0;
    if (is_signed < 0)
        return NULL;
    OuObject *b = OuBytes_Check(v[0]) ? OU_NEWREF(v[0]) : OuBytes_FromObject(v[0]);
    if (!b)
        return NULL;
    const unsigned char *d = (const unsigned char *)OU_BYTES_DATA(b);
    Ou_ssize_t n = OU_BYTES_LEN(b);
    mpz_t z;
    mpz_init(z);
    if (n)
        mpz_import(z, (size_t)n, little ? -1 : 1, 1, 0, 0, d);
    if (is_signed && n && (d[little ? n - 1 : 0] & 0x80)) {
        mpz_t p;
        mpz_init_set_ui(p, 1);
        mpz_mul_2exp(p, p, 8 * (unsigned long)n);
        mpz_sub(z, z, p);
        mpz_clear(p);
    }
    OU_DECREF(b);
    OuObject *r = ou_int_from_mpz_steal(z);
    if (r && type != (OuObject *)&OuInt_Type)
        OU_SETREF(r, OuObject_CallOneArg(type, r));
    return r;
}

static OuObject *int_get_self(OuObject *self, void *c) { return int_exact(self); }
static OuObject *int_get_zero(OuObject *self, void *c) { return int_from_i64(0); }
static OuObject *int_get_one(OuObject *self, void *c) { return int_from_i64(1); }

static OuMethodDef int_methods[] = {
    {"conjugate", (void *)int_exact_meth, OU_METH_NOARGS, "Returns self, the complex conjugate of any int."},
    {"bit_length", (void *)int_bit_length, OU_METH_NOARGS, "Number of bits necessary to represent self in binary."},
    {"bit_count", (void *)int_bit_count, OU_METH_NOARGS, "Number of ones in the binary representation of the absolute value of self."},
    {"to_bytes", (void *)int_to_bytes, OU_METH_FAST, "Return an array of bytes representing an integer."},
    {"from_bytes", (void *)int_from_bytes, OU_METH_FAST | OU_METH_CLASS, "Return the integer represented by the given array of bytes."},
    {"as_integer_ratio", (void *)int_as_integer_ratio, OU_METH_NOARGS, "Return integer ratio."},
    {"__trunc__", (void *)int_exact_meth, OU_METH_NOARGS, "Truncating an Integral returns itself."},
    {"__floor__", (void *)int_exact_meth, OU_METH_NOARGS, "Flooring an Integral returns itself."},
    {"__ceil__", (void *)int_exact_meth, OU_METH_NOARGS, "Ceiling of an Integral returns itself."},
    {"__round__", (void *)int_round, OU_METH_FAST, "Rounding an Integral returns itself.\nRounding with an ndigits argument also returns an integer."},
    {"__getnewargs__", (void *)int_getnewargs, OU_METH_NOARGS, NULL},
    {"__format__", (void *)int_format_meth, OU_METH_O, NULL},
    {"__sizeof__", (void *)int_sizeof, OU_METH_NOARGS, "Returns size in memory, in bytes."},
    {NULL, NULL, 0, NULL}
};

static OuGetSetDef int_getset[] = {
    {"real", int_get_self, NULL, "the real part of a complex number", NULL},
    {"imag", int_get_zero, NULL, "the imaginary part of a complex number", NULL},
    {"numerator", int_get_self, NULL, "the numerator of a rational number in lowest terms", NULL},
    {"denominator", int_get_one, NULL, "the denominator of a rational number in lowest terms", NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

OuTypeObject OuInt_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "int",
    .tp_basicsize = sizeof(OuIntObject),
    .tp_flags = OU_TPFLAGS_BASETYPE | OU_TPFLAGS_INT_SUBCLASS,
    .tp_doc = "int([x]) -> integer\nint(x, base=10) -> integer\n\n"
              "Convert a number or string to an integer, or return 0 if no arguments\n"
              "are given.",
    .tp_dealloc = int_dealloc,
    .tp_new = int_new,
    .tp_repr = int_repr,
    .tp_hash = int_hash,
    .tp_richcompare = int_richcompare,
    .nb_add = int_add,
    .nb_subtract = int_sub,
    .nb_multiply = int_mul,
    .nb_remainder = int_mod,
    .nb_divmod = int_divmod,
    .nb_power = int_pow,
    .nb_negative = int_neg,
    .nb_positive = int_pos,
    .nb_absolute = int_abs,
    .nb_bool = int_bool,
    .nb_invert = int_invert,
    .nb_lshift = int_lshift,
    .nb_rshift = int_rshift,
    .nb_and = int_and,
    .nb_xor = int_xor,
    .nb_or = int_or,
    .nb_int = int_int,
    .nb_float = int_float,
    .nb_floor_divide = int_floordiv,
    .nb_true_divide = int_true_divide,
    .nb_index = int_int,
    .tp_methods = int_methods,
    .tp_getset = int_getset,
    .tp_vectorcall = int_vectorcall,
};

int OuInt_Init(void)
{
    if (OuType_Ready(&OuInt_Type) < 0 || OuType_Ready(&OuBool_Type) < 0)
        return -1;
    return 0;
}

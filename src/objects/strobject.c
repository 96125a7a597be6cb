/*
 * strobject.c -- the str type: storage, creation, interning, hashing,
 * comparison, the sequence protocol, iteration, repr, the constructor,
 * OuStr_FromFormat and the OuStrBuilder.
 *
 * Types defined here: OuStr_Type ("str"), OuStrIter_Type ("str_iterator"),
 * OuStrAsciiIter_Type ("str_ascii_iterator").
 * Methods live in strmethods.c, formatting in strformat.c, codecs in codecs.c.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include "objects/str_internal.h"

/* ------------------------------------------------------------------ */
/* Singletons: "" and the 256 latin-1 one-character strings.           */

static OuStrObject str_empty_obj = {
    .ob_base = OU_STATIC_OBJECT_INIT(&OuStr_Type),
    .length = 0, .hash = -1, .kind = 1, .ascii = 1, .interned = 0,
    .utf8 = (char *)"", .utf8_length = 0, .data = (void *)"",
};

typedef struct {
    OuStrObject s;
    uint8_t d[8];
} CharStr;
static CharStr latin1_chars[256];
static int latin1_ready;

static void init_latin1(void)
{
    for (int c = 0; c < 256; c++) {
        OuStrObject *s = &latin1_chars[c].s;
        s->ob_base.ob_refcnt = OU_IMMORTAL_REFCNT;
        s->ob_base.ob_type = &OuStr_Type;
        s->length = 1;
        s->hash = -1;
        s->kind = 1;
        s->ascii = c < 128;
        latin1_chars[c].d[0] = (uint8_t)c;
        latin1_chars[c].d[1] = 0;
        s->data = latin1_chars[c].d;
        s->utf8 = s->ascii ? (char *)latin1_chars[c].d : NULL;
        s->utf8_length = s->ascii ? 1 : 0;
    }
    latin1_ready = 1;
}

OuObject *ou_str_empty(void)
{
    return (OuObject *)&str_empty_obj;
}

/* A fresh exact str of len code points able to hold maxchar; data unset
   except the terminating NUL. */
static OuStrObject *str_alloc(Ou_ssize_t len, uint32_t maxchar)
{
    int kind = OU_KIND_FOR(maxchar);
    if (len < 0 || len > (OU_SSIZE_T_MAX - (Ou_ssize_t)sizeof(OuStrObject)) / kind - 1)
        return (OuStrObject *)OuErr_NoMemory();
    OuStrObject *s = Ou_Malloc(sizeof(OuStrObject) + (size_t)(len + 1) * kind);
    if (!s)
        return (OuStrObject *)OuErr_NoMemory();
    s->ob_base.ob_refcnt = 1;
    s->ob_base.ob_type = &OuStr_Type;
    s->length = len;
    s->hash = -1;
    s->kind = (uint8_t)kind;
    s->ascii = maxchar < 128;
    s->interned = 0;
    s->data = s + 1;
    s->utf8 = s->ascii ? (char *)s->data : NULL;
    s->utf8_length = s->ascii ? len : 0;
    OU_STR_WRITE(kind, s->data, len, 0);
    return s;
}

OuObject *OuStr_New(Ou_ssize_t length, uint32_t maxchar)
{
    if (length == 0)
        return OU_NEWREF(&str_empty_obj);
    return (OuObject *)str_alloc(length, maxchar);
}

OuObject *ou_str_char(uint32_t c)
{
    if (c < 256) {
        if (OU_UNLIKELY(!latin1_ready))
            init_latin1();
        return OU_NEWREF(&latin1_chars[c].s);
    }
    OuStrObject *s = str_alloc(1, c);
    if (s)
        OU_STR_WRITE(s->kind, s->data, 0, c);
    return (OuObject *)s;
}

OuObject *OuStr_FromOrdinal(uint32_t c)
{
    if (c > 0x10ffff) {
        OuErr_SetString(OuExc_ValueError, "chr() arg not in range(0x110000)");
        return NULL;
    }
    return ou_str_char(c);
}

/* Recompute the ascii flag of a fresh kind-1 string the caller filled. */
void ou_str_fix_ascii(OuObject *o)
{
    OuStrObject *s = (OuStrObject *)o;
    if (s->kind != 1 || s == &str_empty_obj)
        return;
    s->ascii = ou_str_maxchar(1, s->data, s->length) < 128;
    s->utf8 = s->ascii ? (char *)s->data : NULL;
    s->utf8_length = s->ascii ? s->length : 0;
}

uint32_t ou_str_maxchar(int kind, const void *data, Ou_ssize_t n)
{
    if (kind == 1) {
        const uint8_t *p = data;
        Ou_ssize_t i = 0;
        for (; i + 8 <= n; i += 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (w & 0x8080808080808080ULL)
                return 255;
        }
        for (; i < n; i++)
            if (p[i] >= 128)
                return 255;
        return 127;
    }
    uint32_t m = 0;
    if (kind == 2) {
        const uint16_t *p = data;
        for (Ou_ssize_t i = 0; i < n; i++)
            m = p[i] > m ? p[i] : m;
    } else {
        const uint32_t *p = data;
        for (Ou_ssize_t i = 0; i < n; i++)
            m = p[i] > m ? p[i] : m;
    }
    return m < 128 ? 127 : m < 256 ? 255 : m;
}

void ou_str_copy_chars(int dkind, void *dst, Ou_ssize_t di,
                       int skind, const void *src, Ou_ssize_t si, Ou_ssize_t n)
{
    if (n <= 0)
        return;
    if (dkind == skind) {
        memcpy((char *)dst + di * dkind, (const char *)src + si * skind, (size_t)n * dkind);
        return;
    }
    if (dkind == 2 && skind == 1) {
        uint16_t *d = (uint16_t *)dst + di;
        const uint8_t *s = (const uint8_t *)src + si;
        for (Ou_ssize_t i = 0; i < n; i++) d[i] = s[i];
    } else if (dkind == 4 && skind == 1) {
        uint32_t *d = (uint32_t *)dst + di;
        const uint8_t *s = (const uint8_t *)src + si;
        for (Ou_ssize_t i = 0; i < n; i++) d[i] = s[i];
    } else if (dkind == 4 && skind == 2) {
        uint32_t *d = (uint32_t *)dst + di;
        const uint16_t *s = (const uint16_t *)src + si;
        for (Ou_ssize_t i = 0; i < n; i++) d[i] = s[i];
    } else {
        for (Ou_ssize_t i = 0; i < n; i++)
            OU_STR_WRITE(dkind, dst, di + i, OU_STR_READ(skind, src, si + i));
    }
}

OuObject *OuStr_FromKindAndData(int kind, const void *data, Ou_ssize_t len)
{
    if (len == 0)
        return OU_NEWREF(&str_empty_obj);
    if (len == 1)
        return ou_str_char(OU_STR_READ(kind, data, 0));
    uint32_t maxchar = ou_str_maxchar(kind, data, len);
    OuStrObject *s = str_alloc(len, maxchar);
    if (!s)
        return NULL;
    ou_str_copy_chars(s->kind, s->data, 0, kind, data, 0, len);
    return (OuObject *)s;
}

OuObject *ou_str_from_ucs4(const uint32_t *u, Ou_ssize_t n)
{
    return OuStr_FromKindAndData(4, u, n);
}

OuObject *OuStr_FromUTF8AndSize(const char *s, Ou_ssize_t n)
{
    if (n == 0)
        return OU_NEWREF(&str_empty_obj);
    if (n == 1 && (unsigned char)s[0] < 128)
        return ou_str_char((unsigned char)s[0]);
    return ou_decode_utf8(s, n, NULL, NULL);
}

OuObject *OuStr_FromUTF8(const char *s)
{
    return OuStr_FromUTF8AndSize(s, (Ou_ssize_t)strlen(s));
}

OuObject *ou_str_exact_copy(OuObject *o)
{
    if (OuStr_CheckExact(o))
        return OU_NEWREF(o);
    return OuStr_FromKindAndData(OU_STR_KIND(o), OU_STR_DATA(o), OU_STR_LEN(o));
}

/* An instance of str subtype `type` holding the value of exact str `s`. */
OuObject *ou_str_subtype_new(OuTypeObject *type, OuObject *src)
{
    OuStrObject *s = (OuStrObject *)src;
    OuStrObject *o = (OuStrObject *)type->tp_alloc(type, 0);
    if (!o)
        return NULL;
    o->length = s->length;
    o->hash = s->hash;
    o->kind = s->kind;
    o->ascii = s->ascii;
    o->interned = 0;
    o->data = Ou_Malloc((size_t)(s->length + 1) * s->kind);
    if (!o->data) {
        o->utf8 = NULL;
        OU_DECREF(o);
        return OuErr_NoMemory();
    }
    memcpy(o->data, s->data, (size_t)(s->length + 1) * s->kind);
    o->utf8 = o->ascii ? (char *)o->data : NULL;
    o->utf8_length = o->ascii ? o->length : 0;
    return (OuObject *)o;
}

/* ------------------------------------------------------------------ */
/* UTF-8 view.                                                          */

const char *OuStr_AsUTF8AndSize(OuObject *o, Ou_ssize_t *size)
{
    if (!OuStr_Check(o)) {
        OuErr_Format(OuExc_TypeError, "bad argument type for built-in operation");
        return NULL;
    }
    OuStrObject *s = (OuStrObject *)o;
    if (!s->utf8) {
        Ou_ssize_t n;
        char *u = ou_str_utf8_raw(o, &n);
        if (!u)
            return NULL;
        s->utf8 = u;
        s->utf8_length = n;
    }
    if (size)
        *size = s->utf8_length;
    return s->utf8;
}

const char *OuStr_AsUTF8(OuObject *s)
{
    return OuStr_AsUTF8AndSize(s, NULL);
}

/* ------------------------------------------------------------------ */
/* Hashing.                                                             */

static inline uint64_t mix64(uint64_t a, uint64_t b)
{
    __uint128_t r = (__uint128_t)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static inline uint64_t load64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static inline uint64_t load32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }

/* A fast 64-bit hash of a byte string (multiply-mix, 16 bytes a round). */
Ou_hash_t ou_hash_bytes(const void *data, Ou_ssize_t len)
{
    const uint64_t k0 = 0xa0761d6478bd642fULL, k1 = 0xe7037ed1a0b428dbULL;
    const uint64_t k2 = 0x8ebc6af09c88c6e3ULL, k3 = 0x589965cc75374cc3ULL;
    const uint8_t *p = data;
    size_t n = (size_t)len;
    uint64_t seed = 0x2d358dccaa6c78a5ULL ^ mix64((uint64_t)n ^ k0, k1);
    uint64_t a, b;
    if (n <= 16) {
        if (n >= 4) {
            a = (load32(p) << 32) | load32(p + ((n >> 3) << 2));
            b = (load32(p + n - 4) << 32) | load32(p + n - 4 - ((n >> 3) << 2));
        } else if (n > 0) {
            a = ((uint64_t)p[0] << 16) | ((uint64_t)p[n >> 1] << 8) | p[n - 1];
            b = 0;
        } else {
            a = b = 0;
        }
    } else {
        size_t i = n;
        uint64_t s1 = seed, s2 = seed ^ k3;
        while (i > 32) {
            s1 = mix64(load64(p) ^ k1, load64(p + 8) ^ s1);
            s2 = mix64(load64(p + 16) ^ k2, load64(p + 24) ^ s2);
            p += 32;
            i -= 32;
        }
        seed = s1 ^ s2;
        if (i > 16) {
            seed = mix64(load64(p) ^ k1, load64(p + 8) ^ seed);
            p += 16;
            i -= 16;
        }
        a = load64(p + i - 16);
        b = load64(p + i - 8);
    }
    uint64_t h = mix64(k1 ^ (uint64_t)n, mix64(a ^ k1, b ^ seed));
    Ou_hash_t r = (Ou_hash_t)h;
    return r == -1 ? -2 : r;
}

Ou_hash_t OuStr_Hash(OuObject *o)
{
    OuStrObject *s = (OuStrObject *)o;
    if (s->hash == -1)
        s->hash = ou_hash_bytes(s->data, s->length * s->kind);
    return s->hash;
}

/* ------------------------------------------------------------------ */
/* Interning: an open-addressing set of borrowed pointers; a dying      */
/* interned string removes itself.                                      */

#define INTERN_DELETED ((OuStrObject *)1)
static OuStrObject **intern_table;
static size_t intern_mask, intern_used, intern_fill;

static int intern_resize(size_t newsize)
{
    OuStrObject **t = Ou_Malloc(newsize * sizeof(*t));
    if (!t) {
        OuErr_NoMemory();
        return -1;
    }
    memset(t, 0, newsize * sizeof(*t));
    for (size_t i = 0; intern_table && i <= intern_mask; i++) {
        OuStrObject *s = intern_table[i];
        if (!s || s == INTERN_DELETED)
            continue;
        size_t j = (size_t)s->hash & (newsize - 1);
        while (t[j])
            j = (j + 1) & (newsize - 1);
        t[j] = s;
    }
    Ou_Free(intern_table);
    intern_table = t;
    intern_mask = newsize - 1;
    intern_fill = intern_used;
    return 0;
}

static void intern_remove(OuStrObject *s)
{
    if (!intern_table)
        return;
    size_t j = (size_t)s->hash & intern_mask;
    while (intern_table[j]) {
        if (intern_table[j] == s) {
            intern_table[j] = INTERN_DELETED;
            intern_used--;
            return;
        }
        j = (j + 1) & intern_mask;
    }
}

void OuStr_InternInPlace(OuObject **p)
{
    OuStrObject *s = (OuStrObject *)*p;
    if (!s || !OuStr_CheckExact((OuObject *)s) || s->interned)
        return;
    if (!intern_table || (intern_fill + 1) * 3 >= (intern_mask + 1) * 2) {
        size_t size = intern_table ? (intern_mask + 1) : 1024;
        while (intern_used * 3 >= size)
            size *= 2;
        if (intern_resize(intern_table ? size * 2 : size) < 0) {
            OuErr_Clear();
            return;
        }
    }
    Ou_hash_t h = OuStr_Hash((OuObject *)s);
    size_t j = (size_t)h & intern_mask, free_slot = (size_t)-1;
    while (intern_table[j]) {
        OuStrObject *t = intern_table[j];
        if (t == INTERN_DELETED) {
            if (free_slot == (size_t)-1)
                free_slot = j;
        } else if (t->hash == h && t->length == s->length && t->kind == s->kind &&
                   memcmp(t->data, s->data, (size_t)s->length * s->kind) == 0) {
            OU_INCREF(t);
            OU_DECREF(s);
            *p = (OuObject *)t;
            return;
        }
        j = (j + 1) & intern_mask;
    }
    if (free_slot == (size_t)-1) {
        free_slot = j;
        intern_fill++;
    }
    intern_table[free_slot] = s;
    intern_used++;
    s->interned = 1;
}

OuObject *OuStr_InternFromString(const char *cs)
{
    OuObject *s = OuStr_FromUTF8(cs);
    if (!s)
        return NULL;
    OuStr_InternInPlace(&s);
    return s;
}

/* ------------------------------------------------------------------ */
/* Comparison.                                                          */

int OuStr_Equal(OuObject *a, OuObject *b)
{
    if (a == b)
        return 1;
    OuStrObject *x = (OuStrObject *)a, *y = (OuStrObject *)b;
    if (x->length != y->length || x->kind != y->kind)
        return 0;
    if (x->hash != -1 && y->hash != -1 && x->hash != y->hash)
        return 0;
    return memcmp(x->data, y->data, (size_t)x->length * x->kind) == 0;
}

int OuStr_EqualToASCII(OuObject *s, const char *ascii)
{
    size_t n = strlen(ascii);
    if (OU_STR_KIND(s) != 1 || (size_t)OU_STR_LEN(s) != n)
        return 0;
    return memcmp(OU_STR_DATA(s), ascii, n) == 0;
}

int OuStr_Compare(OuObject *a, OuObject *b)
{
    Ou_ssize_t na = OU_STR_LEN(a), nb = OU_STR_LEN(b), n = na < nb ? na : nb;
    int ka = OU_STR_KIND(a), kb = OU_STR_KIND(b);
    const void *da = OU_STR_DATA(a), *db = OU_STR_DATA(b);
    if (ka == 1 && kb == 1) {
        int r = memcmp(da, db, (size_t)n);
        if (r)
            return r < 0 ? -1 : 1;
    } else {
        for (Ou_ssize_t i = 0; i < n; i++) {
            uint32_t x = OU_STR_READ(ka, da, i), y = OU_STR_READ(kb, db, i);
            if (x != y)
                return x < y ? -1 : 1;
        }
    }
    return na < nb ? -1 : na > nb ? 1 : 0;
}

static OuObject *str_richcompare(OuObject *a, OuObject *b, int op)
{
    if (!OuStr_Check(a) || !OuStr_Check(b))
        OU_RETURN_NOTIMPLEMENTED;
    int r;
    if (op == OU_EQ || op == OU_NE) {
        r = OuStr_Equal(a, b);
        return OuBool_FromLong(op == OU_EQ ? r : !r);
    }
    int c = OuStr_Compare(a, b);
    switch (op) {
    case OU_LT: r = c < 0; break;
    case OU_LE: r = c <= 0; break;
    case OU_GT: r = c > 0; break;
    default: r = c >= 0; break;
    }
    return OuBool_FromLong(r);
}

static Ou_hash_t str_hash(OuObject *o)
{
    return OuStr_Hash(o);
}

/* ------------------------------------------------------------------ */
/* Searching.                                                           */

#define GEN_SEARCH(T)                                                          \
    static Ou_ssize_t search_##T(const T *h, Ou_ssize_t n, const T *nd,       \
                                 Ou_ssize_t m, int dir)                        \
    {                                                                          \
        T first = nd[0];                                                       \
        if (dir > 0) {                                                         \
            for (Ou_ssize_t i = 0; i <= n - m; i++)                            \
                if (h[i] == first && memcmp(h + i, nd, m * sizeof(T)) == 0)    \
                    return i;                                                  \
        } else {                                                               \
            for (Ou_ssize_t i = n - m; i >= 0; i--)                            \
                if (h[i] == first && memcmp(h + i, nd, m * sizeof(T)) == 0)    \
                    return i;                                                  \
        }                                                                      \
        return -1;                                                             \
    }
GEN_SEARCH(uint16_t)
GEN_SEARCH(uint32_t)

Ou_ssize_t ou_search(int kind, const void *hay, Ou_ssize_t n,
                     const void *needle, Ou_ssize_t m, int direction)
{
    if (m == 0)
        return direction > 0 ? 0 : n;
    if (m > n)
        return -1;
    if (kind == 1) {
        const uint8_t *h = hay, *nd = needle;
        const uint8_t *p;
        if (direction > 0) {
            p = m == 1 ? memchr(h, nd[0], (size_t)n) : memmem(h, (size_t)n, nd, (size_t)m);
            return p ? p - h : -1;
        }
        if (m == 1) {
            p = memrchr(h, nd[0], (size_t)n);
            return p ? p - h : -1;
        }
        Ou_ssize_t lim = n - m + 1;
        while (lim > 0) {
            p = memrchr(h, nd[0], (size_t)lim);
            if (!p)
                return -1;
            if (memcmp(p + 1, nd + 1, (size_t)m - 1) == 0)
                return p - h;
            lim = p - h;
        }
        return -1;
    }
    if (kind == 2)
        return search_uint16_t(hay, n, needle, m, direction);
    return search_uint32_t(hay, n, needle, m, direction);
}

Ou_ssize_t ou_count(int kind, const void *hay, Ou_ssize_t n,
                    const void *needle, Ou_ssize_t m, Ou_ssize_t maxcount)
{
    if (maxcount < 0)
        maxcount = OU_SSIZE_T_MAX;
    if (m == 0)
        return n + 1 < maxcount ? n + 1 : maxcount;
    Ou_ssize_t count = 0;
    if (kind == 1 && m == 1 && maxcount == OU_SSIZE_T_MAX) {
        const uint8_t *h = hay;
        uint8_t c = *(const uint8_t *)needle;
        for (Ou_ssize_t i = 0; i < n; i++)
            count += h[i] == c;
        return count;
    }
    Ou_ssize_t pos = 0;
    while (count < maxcount && pos <= n - m) {
        Ou_ssize_t i = ou_search(kind, (const char *)hay + pos * kind, n - pos, needle, m, 1);
        if (i < 0)
            break;
        count++;
        pos += i + m;
    }
    return count;
}

int ou_str_needle_as(OuObject *hay, OuObject *needle, const void **data, void **buf)
{
    int hk = OU_STR_KIND(hay), nk = OU_STR_KIND(needle);
    *buf = NULL;
    if (nk > hk)
        return 0;
    if (nk == hk) {
        *data = OU_STR_DATA(needle);
        return 1;
    }
    Ou_ssize_t m = OU_STR_LEN(needle);
    *buf = Ou_Malloc((size_t)(m + 1) * hk);
    if (!*buf) {
        OuErr_NoMemory();
        return -1;
    }
    ou_str_copy_chars(hk, *buf, 0, nk, OU_STR_DATA(needle), 0, m);
    *data = *buf;
    return 1;
}

int ou_eval_slice_index(OuObject *o, Ou_ssize_t *out)
{
    if (!o || o == OU_NONE)
        return 0;
    if (OuInt_CheckExact(o) && OU_INT_IS_SMALL(o)) {
        *out = (Ou_ssize_t)OU_INT_SMALL(o);
        return 0;
    }
    if (!OuIndex_Check(o)) {
        OuErr_SetString(OuExc_TypeError,
                        "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    Ou_ssize_t v = OuNumber_AsSsize_t(o, NULL);
    if (v == -1 && OuErr_Occurred())
        return -1;
    *out = v;
    return 0;
}

int ou_parse_slice_args(OuObject *ostart, OuObject *oend, Ou_ssize_t len,
                        Ou_ssize_t *start, Ou_ssize_t *end)
{
    *start = 0;
    *end = OU_SSIZE_T_MAX;
    if (ou_eval_slice_index(ostart, start) < 0 || ou_eval_slice_index(oend, end) < 0)
        return -1;
    if (*end > len)
        *end = len;
    else if (*end < 0) {
        *end += len;
        if (*end < 0)
            *end = 0;
    }
    if (*start < 0) {
        *start += len;
        if (*start < 0)
            *start = 0;
    }
    return 0;
}

int ou_ssize_arg(OuObject *o, Ou_ssize_t *out)
{
    if (OuInt_CheckExact(o) && OU_INT_IS_SMALL(o)) {
        *out = (Ou_ssize_t)OU_INT_SMALL(o);
        return 0;
    }
    Ou_ssize_t v = OuNumber_AsSsize_t(o, OuExc_OverflowError);
    if (v == -1 && OuErr_Occurred())
        return -1;
    *out = v;
    return 0;
}

Ou_ssize_t OuStr_Find(OuObject *s, OuObject *sub, Ou_ssize_t start, Ou_ssize_t end, int direction)
{
    Ou_ssize_t len = OU_STR_LEN(s);
    if (end > len)
        end = len;
    else if (end < 0) {
        end += len;
        if (end < 0)
            end = 0;
    }
    if (start < 0) {
        start += len;
        if (start < 0)
            start = 0;
    }
    if (end - start < OU_STR_LEN(sub))
        return -1;
    const void *nd;
    void *buf;
    int r = ou_str_needle_as(s, sub, &nd, &buf);
    if (r <= 0)
        return r < 0 ? -2 : -1;
    int k = OU_STR_KIND(s);
    Ou_ssize_t i = ou_search(k, (char *)OU_STR_DATA(s) + start * k, end - start,
                             nd, OU_STR_LEN(sub), direction);
    Ou_Free(buf);
    return i < 0 ? -1 : i + start;
}

/* ------------------------------------------------------------------ */
/* Sequence protocol.                                                   */

OuObject *OuStr_Substring(OuObject *o, Ou_ssize_t start, Ou_ssize_t end)
{
    Ou_ssize_t len = OU_STR_LEN(o);
    if (start < 0)
        start = 0;
    if (end > len)
        end = len;
    if (start >= end)
        return OU_NEWREF(&str_empty_obj);
    if (start == 0 && end == len && OuStr_CheckExact(o))
        return OU_NEWREF(o);
    int kind = OU_STR_KIND(o);
    const char *d = (const char *)OU_STR_DATA(o) + start * kind;
    Ou_ssize_t n = end - start;
    if (n == 1)
        return ou_str_char(OU_STR_READ(kind, d, 0));
    uint32_t maxchar = OU_STR_IS_ASCII(o) ? 127 : ou_str_maxchar(kind, d, n);
    OuStrObject *s = str_alloc(n, maxchar);
    if (!s)
        return NULL;
    ou_str_copy_chars(s->kind, s->data, 0, kind, d, 0, n);
    return (OuObject *)s;
}

OuObject *OuStr_Concat(OuObject *a, OuObject *b)
{
    if (!OuStr_Check(a) || !OuStr_Check(b)) {
        OuObject *bad = OuStr_Check(a) ? b : a;
        return OuErr_Format(OuExc_TypeError, "can only concatenate str (not \"%.200s\") to str",
                            OU_TYPE_NAME(bad));
    }
    Ou_ssize_t na = OU_STR_LEN(a), nb = OU_STR_LEN(b);
    if (na == 0 && OuStr_CheckExact(b))
        return OU_NEWREF(b);
    if (nb == 0 && OuStr_CheckExact(a))
        return OU_NEWREF(a);
    if (na > OU_SSIZE_T_MAX - nb) {
        OuErr_SetString(OuExc_OverflowError, "strings are too large to concat");
        return NULL;
    }
    uint32_t ma = ou_str_maxclass(a), mb = ou_str_maxclass(b);
    OuStrObject *s = str_alloc(na + nb, ma > mb ? ma : mb);
    if (!s)
        return NULL;
    ou_str_copy_chars(s->kind, s->data, 0, OU_STR_KIND(a), OU_STR_DATA(a), 0, na);
    ou_str_copy_chars(s->kind, s->data, na, OU_STR_KIND(b), OU_STR_DATA(b), 0, nb);
    return (OuObject *)s;
}

static OuObject *str_repeat(OuObject *o, Ou_ssize_t n)
{
    Ou_ssize_t len = OU_STR_LEN(o);
    if (n <= 0 || len == 0)
        return OU_NEWREF(&str_empty_obj);
    if (n == 1)
        return ou_str_exact_copy(o);
    if (len > OU_SSIZE_T_MAX / n) {
        OuErr_SetString(OuExc_OverflowError, "repeated string is too long");
        return NULL;
    }
    int kind = OU_STR_KIND(o);
    OuStrObject *s = str_alloc(len * n, ou_str_maxclass(o));
    if (!s)
        return NULL;
    Ou_ssize_t total = len * n * kind, done = len * kind;
    if (len == 1 && kind == 1) {
        memset(s->data, *(uint8_t *)OU_STR_DATA(o), (size_t)n);
        return (OuObject *)s;
    }
    memcpy(s->data, OU_STR_DATA(o), (size_t)done);
    while (done < total) {
        Ou_ssize_t chunk = done < total - done ? done : total - done;
        memcpy((char *)s->data + done, s->data, (size_t)chunk);
        done += chunk;
    }
    return (OuObject *)s;
}

static int str_contains(OuObject *self, OuObject *item)
{
    if (!OuStr_Check(item)) {
        OuErr_Format(OuExc_TypeError, "'in <string>' requires string as left operand, not %.100s",
                     OU_TYPE_NAME(item));
        return -1;
    }
    Ou_ssize_t m = OU_STR_LEN(item);
    if (m == 0)
        return 1;
    if (m > OU_STR_LEN(self))
        return 0;
    const void *nd;
    void *buf;
    int r = ou_str_needle_as(self, item, &nd, &buf);
    if (r <= 0)
        return r;
    Ou_ssize_t i = ou_search(OU_STR_KIND(self), OU_STR_DATA(self), OU_STR_LEN(self), nd, m, 1);
    Ou_Free(buf);
    return i >= 0;
}

static Ou_ssize_t str_length(OuObject *o)
{
    return OU_STR_LEN(o);
}

static OuObject *str_item(OuObject *o, Ou_ssize_t i)
{
    if (i < 0)
        i += OU_STR_LEN(o);
    if ((size_t)i >= (size_t)OU_STR_LEN(o)) {
        OuErr_SetString(OuExc_IndexError, "string index out of range");
        return NULL;
    }
    return ou_str_char(OU_STR_CHAR(o, i));
}

/* s[start:stop:step] for a step other than 1. */
static OuObject *str_step_slice(OuObject *o, Ou_ssize_t start, Ou_ssize_t step, Ou_ssize_t n)
{
    int kind = OU_STR_KIND(o);
    const void *d = OU_STR_DATA(o);
    uint32_t maxchar = 127;
    if (!OU_STR_IS_ASCII(o)) {
        uint32_t m = 0;
        for (Ou_ssize_t i = 0, j = start; i < n; i++, j += step) {
            uint32_t c = OU_STR_READ(kind, d, j);
            m = c > m ? c : m;
        }
        maxchar = m;
    }
    OuStrObject *s = str_alloc(n, maxchar);
    if (!s)
        return NULL;
    for (Ou_ssize_t i = 0, j = start; i < n; i++, j += step)
        OU_STR_WRITE(s->kind, s->data, i, OU_STR_READ(kind, d, j));
    return (OuObject *)s;
}

static OuObject *str_subscript(OuObject *o, OuObject *key)
{
    Ou_ssize_t i;
    if (OuInt_CheckExact(key) && OU_INT_IS_SMALL(key)) {
        int64_t v = OU_INT_SMALL(key);
        if (v < 0)
            v += OU_STR_LEN(o);
        if ((uint64_t)v >= (uint64_t)OU_STR_LEN(o)) {
            OuErr_SetString(OuExc_IndexError, "string index out of range");
            return NULL;
        }
        return ou_str_char(OU_STR_CHAR(o, v));
    }
    if (OuSlice_Check(key)) {
        Ou_ssize_t start, stop, step, n;
        if (OuSlice_GetIndicesEx(key, OU_STR_LEN(o), &start, &stop, &step, &n) < 0)
            return NULL;
        if (n <= 0)
            return OU_NEWREF(&str_empty_obj);
        if (step == 1)
            return OuStr_Substring(o, start, start + n);
        if (n == 1)
            return ou_str_char(OU_STR_CHAR(o, start));
        return str_step_slice(o, start, step, n);
    }
    if (OuIndex_Check(key)) {
        i = OuNumber_AsSsize_t(key, OuExc_IndexError);
        if (i == -1 && OuErr_Occurred())
            return NULL;
        return str_item(o, i);
    }
    return OuErr_Format(OuExc_TypeError, "string indices must be integers, not '%.200s'",
                        OU_TYPE_NAME(key));
}

/* ------------------------------------------------------------------ */
/* repr: CPython's quoting rules and escapes.                           */

OuObject *OuStr_Repr(OuObject *o)
{
    int kind = OU_STR_KIND(o);
    const void *d = OU_STR_DATA(o);
    Ou_ssize_t n = OU_STR_LEN(o);
    int squote = 0, dquote = 0;
    Ou_ssize_t outlen = 2;
    uint32_t maxout = 127;
    for (Ou_ssize_t i = 0; i < n; i++) {
        uint32_t c = OU_STR_READ(kind, d, i);
        if (c == '\'') squote++, outlen++;
        else if (c == '"') dquote++, outlen++;
        else if (c == '\\' || c == '\t' || c == '\n' || c == '\r') outlen += 2;
        else if (c < 0x20 || c == 0x7f) outlen += 4;
        else if (c < 0x7f) outlen++;
        else if (OuUnicode_IsPrintable(c)) {
            outlen++;
            if (c > maxout)
                maxout = c;
        } else
            outlen += c < 0x100 ? 4 : c < 0x10000 ? 6 : 10;
    }
    uint32_t quote = '\'';
    if (squote) {
        if (dquote)
            outlen += squote;   /* escape the single quotes */
        else
            quote = '"';
    }
    OuStrObject *r = str_alloc(outlen, maxout);
    if (!r)
        return NULL;
    int rk = r->kind;
    void *rd = r->data;
    Ou_ssize_t j = 0;
    static const char hex[] = "0123456789abcdef";
    OU_STR_WRITE(rk, rd, j++, quote);
    for (Ou_ssize_t i = 0; i < n; i++) {
        uint32_t c = OU_STR_READ(kind, d, i);
        if (c == quote || c == '\\') {
            OU_STR_WRITE(rk, rd, j++, '\\');
            OU_STR_WRITE(rk, rd, j++, c);
        } else if (c == '\t' || c == '\n' || c == '\r') {
            OU_STR_WRITE(rk, rd, j++, '\\');
            OU_STR_WRITE(rk, rd, j++, c == '\t' ? 't' : c == '\n' ? 'n' : 'r');
        } else if (c >= 0x20 && c < 0x7f) {
            OU_STR_WRITE(rk, rd, j++, c);
        } else if (c >= 0x7f && c != 0x7f && OuUnicode_IsPrintable(c)) {
            OU_STR_WRITE(rk, rd, j++, c);
        } else {
            int digits = c < 0x100 ? 2 : c < 0x10000 ? 4 : 8;
            OU_STR_WRITE(rk, rd, j++, '\\');
            OU_STR_WRITE(rk, rd, j++, digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
            for (int k = digits - 1; k >= 0; k--)
                OU_STR_WRITE(rk, rd, j++, (uint8_t)hex[(c >> (4 * k)) & 0xf]);
        }
    }
    OU_STR_WRITE(rk, rd, j++, quote);
    return (OuObject *)r;
}

static OuObject *str_str(OuObject *o)
{
    return ou_str_exact_copy(o);
}

/* ------------------------------------------------------------------ */
/* Constructor: str(object='') / str(object, encoding, errors).         */

static OuObject *str_new_impl(OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {"object", "encoding", "errors", NULL};
    OuObject *a[3];
    if (OuArg_Parse("str", args, nargs, kwnames, names, 0, -1, 0, a) < 0)
        return NULL;
    if (!a[0])
        return OU_NEWREF(&str_empty_obj);
    if (!a[1] && !a[2])
        return OuObject_Str(a[0]);
    const char *enc = "utf-8", *err = "strict";
    if (a[1]) {
        if (!OuStr_Check(a[1]))
            return OuErr_Format(OuExc_TypeError, "str() argument 'encoding' must be str, not %.200s",
                                OU_TYPE_NAME(a[1]));
        if (!(enc = OuStr_AsUTF8(a[1])))
            return NULL;
    }
    if (a[2]) {
        if (!OuStr_Check(a[2]))
            return OuErr_Format(OuExc_TypeError, "str() argument 'errors' must be str, not %.200s",
                                OU_TYPE_NAME(a[2]));
        if (!(err = OuStr_AsUTF8(a[2])))
            return NULL;
    }
    if (OuStr_Check(a[0])) {
        OuErr_SetString(OuExc_TypeError, "decoding str is not supported");
        return NULL;
    }
    OuBuffer view;
    if (!OuObject_CheckBuffer(a[0]))
        return OuErr_Format(OuExc_TypeError, "decoding to str: need a bytes-like object, %.80s found",
                            OU_TYPE_NAME(a[0]));
    if (OuObject_GetBuffer(a[0], &view, OU_BUF_SIMPLE) < 0)
        return NULL;
    OuObject *r = OuStr_Decode(view.buf, view.len, enc, err);
    OuBuffer_Release(&view);
    return r;
}

static OuObject *str_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs,
                         OuObject *kwnames)
{
    OuObject *r = str_new_impl(args, nargs, kwnames);
    if (!r || type == &OuStr_Type)
        return r;
    if (!OuStr_CheckExact(r)) {
        OuObject *e = ou_str_exact_copy(r);
        OU_DECREF(r);
        if (!(r = e))
            return NULL;
    }
    OuObject *s = ou_str_subtype_new(type, r);
    OU_DECREF(r);
    return s;
}

/* Fast path for calling the str type itself. */
static OuObject *str_vectorcall(OuObject *type, OuObject *const *args, Ou_ssize_t nargs,
                                OuObject *kwnames)
{
    if (type == (OuObject *)&OuStr_Type && nargs == 1 && !kwnames)
        return OuObject_Str(args[0]);
    return str_new((OuTypeObject *)type, args, nargs, kwnames);
}

static void str_dealloc(OuObject *o)
{
    OuStrObject *s = (OuStrObject *)o;
    if (s->interned)
        intern_remove(s);
    if (s->utf8 && s->utf8 != (char *)s->data)
        Ou_Free(s->utf8);
    if (OuStr_CheckExact(o)) {
        Ou_Free(o);
        return;
    }
    Ou_Free(s->data);
    OU_TYPE(o)->tp_free(o);
}

static OuObject *str_mod_slot(OuObject *a, OuObject *b)
{
    if (!OuStr_Check(a))
        OU_RETURN_NOTIMPLEMENTED;
    return ou_str_mod(a, b);
}

/* ------------------------------------------------------------------ */
/* Iterators.                                                           */

typedef struct {
    OuObject_HEAD
    Ou_ssize_t index;
    OuObject *seq;      /* NULL once exhausted */
} StrIterObject;

static OuObject *str_iter(OuObject *o)
{
    StrIterObject *it = Ou_Malloc(sizeof(StrIterObject));
    if (!it)
        return OuErr_NoMemory();
    it->ob_base.ob_refcnt = 1;
    it->ob_base.ob_type = OU_STR_IS_ASCII(o) ? &OuStrAsciiIter_Type : &OuStrIter_Type;
    it->index = 0;
    it->seq = OU_NEWREF(o);
    return (OuObject *)it;
}

static void striter_dealloc(OuObject *o)
{
    StrIterObject *it = (StrIterObject *)o;
    OU_XDECREF(it->seq);
    Ou_Free(o);
}

static OuObject *striter_next(OuObject *o)
{
    StrIterObject *it = (StrIterObject *)o;
    OuObject *s = it->seq;
    if (!s)
        return NULL;
    if (it->index < OU_STR_LEN(s))
        return ou_str_char(OU_STR_CHAR(s, it->index++));
    it->seq = NULL;
    OU_DECREF(s);
    return NULL;
}

static OuObject *striter_length_hint(OuObject *o, OuObject *unused)
{
    StrIterObject *it = (StrIterObject *)o;
    Ou_ssize_t n = it->seq ? OU_STR_LEN(it->seq) - it->index : 0;
    return OuInt_FromSsize_t(n < 0 ? 0 : n);
}

static OuMethodDef striter_methods[] = {
    {"__length_hint__", (void *)striter_length_hint, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

OuTypeObject OuStrIter_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "str_iterator",
    .tp_basicsize = sizeof(StrIterObject),
    .tp_dealloc = striter_dealloc,
    .tp_iter = OuObject_SelfIter,
    .tp_iternext = striter_next,
    .tp_methods = striter_methods,
};

OuTypeObject OuStrAsciiIter_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "str_ascii_iterator",
    .tp_basicsize = sizeof(StrIterObject),
    .tp_dealloc = striter_dealloc,
    .tp_iter = OuObject_SelfIter,
    .tp_iternext = striter_next,
    .tp_methods = striter_methods,
};

/* ------------------------------------------------------------------ */
/* The type.                                                            */

OuTypeObject OuStr_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "str",
    .tp_basicsize = sizeof(OuStrObject),
    .tp_flags = OU_TPFLAGS_BASETYPE | OU_TPFLAGS_STR_SUBCLASS,
    .tp_doc = "str(object='') -> str\nstr(bytes_or_buffer[, encoding[, errors]]) -> str\n\n"
              "Create a new string object from the given object. If encoding or\n"
              "errors is specified, then the object must expose a data buffer\n"
              "that will be decoded using the given encoding and error handler.\n"
              "Otherwise, returns the result of object.__str__() (if defined)\n"
              "or repr(object).\nencoding defaults to sys.getdefaultencoding().\n"
              "errors defaults to 'strict'.",
    .tp_dealloc = str_dealloc,
    .tp_new = str_new,
    .tp_free = OuObject_Free,
    .tp_repr = OuStr_Repr,
    .tp_str = str_str,
    .tp_hash = str_hash,
    .tp_richcompare = str_richcompare,
    .tp_iter = str_iter,
    .nb_remainder = str_mod_slot,
    .mp_length = str_length,
    .mp_subscript = str_subscript,
    .sq_item = str_item,
    .sq_concat = OuStr_Concat,
    .sq_repeat = str_repeat,
    .sq_contains = str_contains,
    .tp_methods = ou_str_methods,
    .tp_vectorcall = str_vectorcall,
};

/* ------------------------------------------------------------------ */
/* OuStrBuilder: the data block reserves room for a str header in front,  */
/* so Finish can turn the block into the result without copying.        */

#define HDR sizeof(OuStrObject)

void OuStrBuilder_Init(OuStrBuilder *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->kind = 1;
    b->maxchar = 0;
}

static inline char *builder_block(OuStrBuilder *b)
{
    return b->data ? (char *)b->data - HDR : NULL;
}

int ou_builder_prepare(OuStrBuilder *b, Ou_ssize_t n, uint32_t maxchar)
{
    int kind = OU_KIND_FOR(maxchar);
    Ou_ssize_t need = b->len + n;
    if (need < b->len) {
        OuErr_NoMemory();
        return -1;
    }
    if (kind <= b->kind && need <= b->cap)
        return 0;
    int nk = kind > b->kind ? kind : b->kind;
    Ou_ssize_t cap = b->cap;
    if (need > cap) {
        cap = cap < 16 ? 16 : cap + cap / 2;
        if (cap < need)
            cap = need;
    }
    if (cap > (OU_SSIZE_T_MAX - (Ou_ssize_t)HDR) / 4 - 1) {
        OuErr_NoMemory();
        return -1;
    }
    char *blk;
    if (nk == b->kind) {
        blk = Ou_Realloc(builder_block(b), HDR + (size_t)(cap + 1) * nk);
        if (!blk) {
            OuErr_NoMemory();
            return -1;
        }
    } else {
        blk = Ou_Malloc(HDR + (size_t)(cap + 1) * nk);
        if (!blk) {
            OuErr_NoMemory();
            return -1;
        }
        if (b->data)
            ou_str_copy_chars(nk, blk + HDR, 0, b->kind, b->data, 0, b->len);
        Ou_Free(builder_block(b));
        b->kind = nk;
    }
    b->data = blk + HDR;
    b->cap = cap;
    return 0;
}

int OuStrBuilder_AppendChar(OuStrBuilder *b, uint32_t c)
{
    if (OU_UNLIKELY(b->len >= b->cap || OU_KIND_FOR(c) > b->kind))
        if (ou_builder_prepare(b, 1, c) < 0)
            return -1;
    if (c > b->maxchar)
        b->maxchar = c;
    OU_STR_WRITE(b->kind, b->data, b->len++, c);
    return 0;
}

int OuStrBuilder_AppendASCII(OuStrBuilder *b, const char *s, Ou_ssize_t n)
{
    if (ou_builder_prepare(b, n, 127) < 0)
        return -1;
    if (b->maxchar < 127)
        b->maxchar = 127;
    ou_str_copy_chars(b->kind, b->data, b->len, 1, s, 0, n);
    b->len += n;
    return 0;
}

int OuStrBuilder_AppendUTF8(OuStrBuilder *b, const char *s, Ou_ssize_t n)
{
    Ou_ssize_t i = 0;
    while (i < n && (unsigned char)s[i] < 128)
        i++;
    if (i == n)
        return OuStrBuilder_AppendASCII(b, s, n);
    OuObject *u = ou_decode_utf8(s, n, "replace", NULL);
    if (!u)
        return -1;
    int r = OuStrBuilder_AppendStr(b, u);
    OU_DECREF(u);
    return r;
}

int OuStrBuilder_AppendSubstr(OuStrBuilder *b, OuObject *s, Ou_ssize_t start, Ou_ssize_t end)
{
    if (end <= start)
        return 0;
    uint32_t m = ou_str_maxclass(s);
    if (ou_builder_prepare(b, end - start, m) < 0)
        return -1;
    if (m > b->maxchar)
        b->maxchar = m;
    ou_str_copy_chars(b->kind, b->data, b->len, OU_STR_KIND(s), OU_STR_DATA(s), start, end - start);
    b->len += end - start;
    return 0;
}

int OuStrBuilder_AppendStr(OuStrBuilder *b, OuObject *s)
{
    return OuStrBuilder_AppendSubstr(b, s, 0, OU_STR_LEN(s));
}

OuObject *OuStrBuilder_Finish(OuStrBuilder *b)
{
    Ou_ssize_t n = b->len;
    if (n == 0 || n == 1) {
        OuObject *r = n ? ou_str_char(OU_STR_READ(b->kind, b->data, 0))
                        : OU_NEWREF(&str_empty_obj);
        OuStrBuilder_Discard(b);
        return r;
    }
    uint32_t maxchar = ou_str_maxchar(b->kind, b->data, n);
    if (OU_KIND_FOR(maxchar) != b->kind) {
        OuObject *r = OuStr_FromKindAndData(b->kind, b->data, n);
        OuStrBuilder_Discard(b);
        return r;
    }
    char *blk = builder_block(b);
    if (b->cap > n + 16) {
        char *nb = Ou_Realloc(blk, HDR + (size_t)(n + 1) * b->kind);
        if (nb)
            blk = nb;
    }
    OuStrObject *s = (OuStrObject *)blk;
    s->ob_base.ob_refcnt = 1;
    s->ob_base.ob_type = &OuStr_Type;
    s->length = n;
    s->hash = -1;
    s->kind = (uint8_t)b->kind;
    s->ascii = maxchar < 128;
    s->interned = 0;
    s->data = s + 1;
    s->utf8 = s->ascii ? (char *)s->data : NULL;
    s->utf8_length = s->ascii ? n : 0;
    OU_STR_WRITE(s->kind, s->data, n, 0);
    b->data = NULL;
    b->len = b->cap = 0;
    return (OuObject *)s;
}

void OuStrBuilder_Discard(OuStrBuilder *b)
{
    Ou_Free(builder_block(b));
    b->data = NULL;
    b->len = b->cap = 0;
    b->kind = 1;
    b->maxchar = 0;
}

/* ------------------------------------------------------------------ */
/* OuStr_FromFormat.                                                    */

/* Append s padded with spaces (or zeros) to width; precision truncates. */
static int append_padded(OuStrBuilder *b, OuObject *s, Ou_ssize_t width, Ou_ssize_t prec,
                         int left, uint32_t fillc)
{
    Ou_ssize_t n = OU_STR_LEN(s);
    if (prec >= 0 && n > prec)
        n = prec;
    if (!left)
        for (Ou_ssize_t i = n; i < width; i++)
            if (OuStrBuilder_AppendChar(b, fillc) < 0)
                return -1;
    if (OuStrBuilder_AppendSubstr(b, s, 0, n) < 0)
        return -1;
    if (left)
        for (Ou_ssize_t i = n; i < width; i++)
            if (OuStrBuilder_AppendChar(b, ' ') < 0)
                return -1;
    return 0;
}

static int append_cstr_padded(OuStrBuilder *b, const char *s, Ou_ssize_t width, int left, int zero)
{
    Ou_ssize_t n = (Ou_ssize_t)strlen(s);
    if (!left && zero && (*s == '-') && width > n) {
        if (OuStrBuilder_AppendChar(b, '-') < 0)
            return -1;
        s++;
        n--;
        width--;
    }
    if (!left)
        for (Ou_ssize_t i = n; i < width; i++)
            if (OuStrBuilder_AppendChar(b, zero ? '0' : ' ') < 0)
                return -1;
    if (OuStrBuilder_AppendASCII(b, s, n) < 0)
        return -1;
    if (left)
        for (Ou_ssize_t i = n; i < width; i++)
            if (OuStrBuilder_AppendChar(b, ' ') < 0)
                return -1;
    return 0;
}

OuObject *OuStr_FromFormatV(const char *fmt, va_list va)
{
    OuStrBuilder b;
    OuStrBuilder_Init(&b);
    va_list ap;
    va_copy(ap, va);
    const char *p = fmt;
    char buf[128];
    while (*p) {
        if (*p != '%') {
            const char *q = p;
            while (*q && *q != '%')
                q++;
            if (OuStrBuilder_AppendUTF8(&b, p, q - p) < 0)
                goto error;
            p = q;
            continue;
        }
        const char *spec_start = p++;
        if (*p == '%') {
            if (OuStrBuilder_AppendChar(&b, '%') < 0)
                goto error;
            p++;
            continue;
        }
        int left = 0, zero = 0;
        while (*p == '-' || *p == '0') {
            if (*p == '-') left = 1; else zero = 1;
            p++;
        }
        Ou_ssize_t width = -1, prec = -1;
        if (*p >= '0' && *p <= '9') {
            width = 0;
            while (*p >= '0' && *p <= '9')
                width = width * 10 + (*p++ - '0');
        }
        if (*p == '.') {
            p++;
            prec = 0;
            while (*p >= '0' && *p <= '9')
                prec = prec * 10 + (*p++ - '0');
        }
        int lmod = 0;   /* 1 l, 2 ll, 3 z */
        if (*p == 'l') {
            lmod = 1;
            p++;
            if (*p == 'l') {
                lmod = 2;
                p++;
            }
        } else if (*p == 'z') {
            lmod = 3;
            p++;
        }
        OuObject *obj, *s;
        switch (*p) {
        case 'c': {
            int c = va_arg(ap, int);
            if (OuStrBuilder_AppendChar(&b, (uint32_t)c) < 0)
                goto error;
            break;
        }
        case 'd': case 'i':
            if (lmod == 1) snprintf(buf, sizeof buf, "%ld", va_arg(ap, long));
            else if (lmod == 2) snprintf(buf, sizeof buf, "%lld", va_arg(ap, long long));
            else if (lmod == 3) snprintf(buf, sizeof buf, "%zd", va_arg(ap, Ou_ssize_t));
            else snprintf(buf, sizeof buf, "%d", va_arg(ap, int));
            goto number;
        case 'u':
            if (lmod == 1) snprintf(buf, sizeof buf, "%lu", va_arg(ap, unsigned long));
            else if (lmod == 2) snprintf(buf, sizeof buf, "%llu", va_arg(ap, unsigned long long));
            else if (lmod == 3) snprintf(buf, sizeof buf, "%zu", va_arg(ap, size_t));
            else snprintf(buf, sizeof buf, "%u", va_arg(ap, unsigned));
            goto number;
        case 'x':
            if (lmod == 1) snprintf(buf, sizeof buf, "%lx", va_arg(ap, unsigned long));
            else if (lmod == 2) snprintf(buf, sizeof buf, "%llx", va_arg(ap, unsigned long long));
            else if (lmod == 3) snprintf(buf, sizeof buf, "%zx", va_arg(ap, size_t));
            else snprintf(buf, sizeof buf, "%x", va_arg(ap, unsigned));
            goto number;
        case 'p':
            snprintf(buf, sizeof buf, "%p", va_arg(ap, void *));
            if (buf[1] != 'x') {   /* make sure of the 0x prefix */
                memmove(buf + 2, buf, strlen(buf) + 1);
                buf[0] = '0';
                buf[1] = 'x';
            }
        number:
            if (prec > 0 && (Ou_ssize_t)strlen(buf) < prec + (buf[0] == '-')) {
                /* precision on integers: minimum digit count */
                char tmp[192];
                int neg = buf[0] == '-';
                const char *digits = buf + neg;
                Ou_ssize_t nd = (Ou_ssize_t)strlen(digits), k = 0;
                if (neg) tmp[k++] = '-';
                for (Ou_ssize_t i = nd; i < prec && k < 80; i++) tmp[k++] = '0';
                snprintf(tmp + k, sizeof tmp - (size_t)k, "%s", digits);
                snprintf(buf, sizeof buf, "%s", tmp);
            }
            if (append_cstr_padded(&b, buf, width, left, zero) < 0)
                goto error;
            break;
        case 's': {
            const char *cs = va_arg(ap, const char *);
            if (!cs)
                cs = "(null)";
            size_t n = prec >= 0 ? strnlen(cs, (size_t)prec) : strlen(cs);
            s = ou_decode_utf8(cs, (Ou_ssize_t)n, "replace", NULL);
            if (!s)
                goto error;
            int r = append_padded(&b, s, width, -1, left, ' ');
            OU_DECREF(s);
            if (r < 0)
                goto error;
            break;
        }
        case 'S': case 'R': case 'A': case 'U': case 'V': case 'T':
            obj = va_arg(ap, OuObject *);
            if (*p == 'V') {
                const char *alt = va_arg(ap, const char *);
                if (!obj) {
                    s = OuStr_FromUTF8(alt ? alt : "(null)");
                    goto have_str;
                }
            }
            if (*p == 'T') {
                s = OuStr_FromUTF8(OU_TYPE(obj)->tp_name);
            } else if (*p == 'S') {
                s = OuObject_Str(obj);
            } else if (*p == 'R') {
                s = OuObject_Repr(obj);
            } else if (*p == 'A') {
                s = OuObject_ASCII(obj);
            } else {
                s = OU_NEWREF(obj);
            }
        have_str:
            if (!s)
                goto error;
            {
                int r = append_padded(&b, s, width, prec, left, ' ');
                OU_DECREF(s);
                if (r < 0)
                    goto error;
            }
            break;
        default:
            /* unknown code: copy the rest of the format verbatim */
            if (OuStrBuilder_AppendUTF8(&b, spec_start, (Ou_ssize_t)strlen(spec_start)) < 0)
                goto error;
            va_end(ap);
            return OuStrBuilder_Finish(&b);
        }
        p++;
    }
    va_end(ap);
    return OuStrBuilder_Finish(&b);
error:
    va_end(ap);
    OuStrBuilder_Discard(&b);
    return NULL;
}

OuObject *OuStr_FromFormat(const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    OuObject *r = OuStr_FromFormatV(fmt, va);
    va_end(va);
    return r;
}

/* ------------------------------------------------------------------ */

extern OuTypeObject OuBytes_Type, OuByteArray_Type;

int OuStr_Init(void)
{
    if (!latin1_ready)
        init_latin1();
    OuTypeObject *types[] = {
        &OuStr_Type, &OuStrIter_Type, &OuStrAsciiIter_Type, &OuBytes_Type,
        &OuBytesIter_Type, &OuByteArray_Type, &OuByteArrayIter_Type,
    };
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (OuType_Ready(types[i]) < 0)
            return -1;
    return 0;
}

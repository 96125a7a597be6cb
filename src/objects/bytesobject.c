/*
 * bytesobject.c -- the bytes type and the pieces shared with bytearray:
 * construction from arguments, repr, hex/fromhex, comparison, and the
 * methods that work on either (ou_bytes_m_*, listed in str_internal.h).
 *
 * Types defined here: OuBytes_Type ("bytes"), OuBytesIter_Type ("bytes_iterator").
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include "objects/str_internal.h"

#define HEADER offsetof(OuBytesObject, data)

static OuBytesObject *empty_bytes;
static OuBytesObject *byte_chars[256];

/* ------------------------------------------------------------------ */
/* Creation                                                             */

static OuBytesObject *bytes_alloc(Ou_ssize_t n)
{
    if (n < 0 || n > OU_SSIZE_T_MAX - (Ou_ssize_t)HEADER - 1)
        return (OuBytesObject *)OuErr_NoMemory();
    OuBytesObject *b = Ou_Malloc(HEADER + (size_t)n + 1);
    if (!b)
        return (OuBytesObject *)OuErr_NoMemory();
    b->ob_base.ob_base.ob_refcnt = 1;
    b->ob_base.ob_base.ob_type = &OuBytes_Type;
    b->ob_base.ob_size = n;
    b->hash = -1;
    b->data[n] = 0;
    return b;
}

/* An immortal cached bytes object (empty or one byte). */
static OuObject *cached_bytes(const char *s, Ou_ssize_t n)
{
    OuBytesObject **slot = n == 0 ? &empty_bytes : &byte_chars[(unsigned char)s[0]];
    if (!*slot) {
        OuBytesObject *b = bytes_alloc(n);
        if (!b)
            return NULL;
        if (n)
            b->data[0] = s[0];
        b->ob_base.ob_base.ob_refcnt = OU_IMMORTAL_REFCNT;
        *slot = b;
    }
    return OU_NEWREF(*slot);
}

OuObject *OuBytes_FromStringAndSize(const char *s, Ou_ssize_t n)
{
    if (n < 0) {
        OuErr_SetString(OuExc_SystemError, "Negative size passed to OuBytes_FromStringAndSize");
        return NULL;
    }
    if (n == 0 || (n == 1 && s))
        return cached_bytes(s, n);
    OuBytesObject *b = bytes_alloc(n);
    if (b && s)
        memcpy(b->data, s, (size_t)n);
    return (OuObject *)b;
}

OuObject *OuBytes_FromString(const char *s)
{
    return OuBytes_FromStringAndSize(s, (Ou_ssize_t)strlen(s));
}

int OuBytes_Resize(OuObject **pb, Ou_ssize_t newsize)
{
    OuObject *b = *pb;
    if (newsize < 0 || !OuBytes_CheckExact(b) || (OU_REFCNT(b) != 1 && newsize != OU_SIZE(b))) {
        *pb = NULL;
        OU_DECREF(b);
        OuErr_BadInternalCall();
        return -1;
    }
    if (newsize == OU_SIZE(b))
        return 0;
    if (newsize == 0 || OU_SIZE(b) == 0) {
        OuObject *nb = OuBytes_FromStringAndSize(NULL, newsize);
        if (nb && newsize)
            memcpy(OU_BYTES_DATA(nb), OU_BYTES_DATA(b), (size_t)(newsize < OU_SIZE(b) ? newsize : OU_SIZE(b)));
        OU_DECREF(b);
        *pb = nb;
        return nb ? 0 : -1;
    }
    OuBytesObject *r = Ou_Realloc(b, HEADER + (size_t)newsize + 1);
    if (!r) {
        *pb = NULL;
        OU_DECREF(b);
        OuErr_NoMemory();
        return -1;
    }
    r->ob_base.ob_size = newsize;
    r->hash = -1;
    r->data[newsize] = 0;
    *pb = (OuObject *)r;
    return 0;
}

OuObject *OuByteArray_FromStringAndSize(const char *s, Ou_ssize_t n);

OuObject *ou_bytes_make(int as_bytearray, const char *data, Ou_ssize_t n)
{
    return as_bytearray ? OuByteArray_FromStringAndSize(data, n) : OuBytes_FromStringAndSize(data, n);
}

/* Borrowed view of a bytes-like argument: fast for bytes/bytearray. */
typedef struct {
    const char *p;
    Ou_ssize_t n;
    OuBuffer view;
    int has_view;
} BArg;

static int barg_get(OuObject *o, BArg *a)
{
    a->has_view = 0;
    if (OuBytes_Check(o) || OuByteArray_Check(o)) {
        a->p = ou_bytes_data_of(o, &a->n);
        return 0;
    }
    if (OuObject_GetBuffer(o, &a->view, OU_BUF_SIMPLE) < 0)
        return -1;
    a->has_view = 1;
    a->p = a->view.buf;
    a->n = a->view.len;
    return 0;
}

static void barg_release(BArg *a)
{
    if (a->has_view)
        OuBuffer_Release(&a->view);
    a->has_view = 0;
}

int ou_byte_from_object(OuObject *o, int *out)
{
    if (!OuIndex_Check(o)) {
        OuErr_Format(OuExc_TypeError, "'%.200s' object cannot be interpreted as an integer",
                     OU_TYPE_NAME(o));
        return -1;
    }
    Ou_ssize_t v = OuNumber_AsSsize_t(o, NULL);
    if (v == -1 && OuErr_Occurred())
        return -1;
    if (v < 0 || v > 255) {
        OuErr_SetString(OuExc_ValueError, "byte must be in range(0, 256)");
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* Fill from an iterable of ints. */
static int bytes_from_iterable(OuObject *src, int for_bytes, char **out, Ou_ssize_t *n)
{
    OuObject *it = OuObject_GetIter(src);
    if (!it)
        return -1;
    Ou_ssize_t cap = 16, len = 0;
    char *buf = Ou_Malloc((size_t)cap);
    if (!buf) {
        OU_DECREF(it);
        OuErr_NoMemory();
        return -1;
    }
    OuObject *item;
    while ((item = OuIter_Next(it))) {
        int v;
        int r = ou_byte_from_object(item, &v);
        OU_DECREF(item);
        if (r < 0) {
            if (for_bytes && OuErr_ExceptionMatches(OuExc_ValueError)) {
                OuErr_Clear();
                OuErr_SetString(OuExc_ValueError, "bytes must be in range(0, 256)");
            }
            goto fail;
        }
        if (len == cap) {
            cap *= 2;
            char *nb = Ou_Realloc(buf, (size_t)cap);
            if (!nb) {
                OuErr_NoMemory();
                goto fail;
            }
            buf = nb;
        }
        buf[len++] = (char)v;
    }
    if (OuErr_Occurred())
        goto fail;
    OU_DECREF(it);
    *out = buf;
    *n = len;
    return 0;
fail:
    OU_DECREF(it);
    Ou_Free(buf);
    return -1;
}

static int copy_out(const char *p, Ou_ssize_t n, char **out, Ou_ssize_t *len)
{
    *out = Ou_Malloc((size_t)n + 1);
    if (!*out) {
        OuErr_NoMemory();
        return -1;
    }
    memcpy(*out, p, (size_t)n);
    *len = n;
    return 0;
}

int ou_bytes_from_args(OuObject *source, OuObject *encoding, OuObject *errors,
                       const char *fname, char **out, Ou_ssize_t *n)
{
    int for_bytes = !strcmp(fname, "bytes");
    *out = NULL;
    *n = 0;
    if (!source) {
        if (encoding || errors) {
            OuErr_SetString(OuExc_TypeError, encoding ? "encoding without a string argument"
                                                      : "errors without a string argument");
            return -1;
        }
        return 0;
    }
    if (encoding || errors) {
        if (!OuStr_Check(source)) {
            OuErr_SetString(OuExc_TypeError, encoding ? "encoding without a string argument"
                                                      : "errors without a string argument");
            return -1;
        }
        const char *enc = NULL, *err = NULL;
        if (encoding) {
            if (!OuStr_Check(encoding)) {
                OuErr_Format(OuExc_TypeError, "%s() argument 'encoding' must be str, not %.200s",
                             fname, OU_TYPE_NAME(encoding));
                return -1;
            }
            if (!(enc = OuStr_AsUTF8(encoding)))
                return -1;
        }
        if (errors) {
            if (!OuStr_Check(errors)) {
                OuErr_Format(OuExc_TypeError, "%s() argument 'errors' must be str, not %.200s",
                             fname, OU_TYPE_NAME(errors));
                return -1;
            }
            if (!(err = OuStr_AsUTF8(errors)))
                return -1;
        }
        if (!encoding) {
            OuErr_SetString(OuExc_TypeError, "string argument without an encoding");
            return -1;
        }
        OuObject *b = OuStr_Encode(source, enc, err);
        if (!b)
            return -1;
        int r = copy_out(OU_BYTES_DATA(b), OU_BYTES_LEN(b), out, n);
        OU_DECREF(b);
        return r;
    }
    if (OuStr_Check(source)) {
        OuErr_SetString(OuExc_TypeError, "string argument without an encoding");
        return -1;
    }
    if (for_bytes && !OuBytes_Check(source)) {
        static OuObject *name;
        if (!name && !(name = OuStr_InternFromString("__bytes__")))
            return -1;
        OuObject *m = OuObject_LookupSpecial(source, name);
        if (m) {
            OuObject *b = OuObject_CallNoArgs(m);
            OU_DECREF(m);
            if (!b)
                return -1;
            if (!OuBytes_Check(b)) {
                OuErr_Format(OuExc_TypeError, "__bytes__ returned non-bytes (type %.200s)", OU_TYPE_NAME(b));
                OU_DECREF(b);
                return -1;
            }
            int r = copy_out(OU_BYTES_DATA(b), OU_BYTES_LEN(b), out, n);
            OU_DECREF(b);
            return r;
        }
        if (OuErr_Occurred())
            return -1;
    }
    if (OuIndex_Check(source)) {
        Ou_ssize_t count = OuNumber_AsSsize_t(source, OuExc_OverflowError);
        if (count == -1 && OuErr_Occurred())
            return -1;
        if (count < 0) {
            OuErr_SetString(OuExc_ValueError, "negative count");
            return -1;
        }
        *out = Ou_Malloc((size_t)count + 1);
        if (!*out) {
            OuErr_NoMemory();
            return -1;
        }
        memset(*out, 0, (size_t)count);
        *n = count;
        return 0;
    }
    if (OuObject_CheckBuffer(source)) {
        BArg a;
        if (barg_get(source, &a) < 0)
            return -1;
        int r = copy_out(a.p, a.n, out, n);
        barg_release(&a);
        return r;
    }
    if (OU_TYPE(source)->tp_iter || OU_TYPE(source)->sq_item)
        return bytes_from_iterable(source, for_bytes, out, n);
    OuErr_Format(OuExc_TypeError, "cannot convert '%.200s' object to %s", OU_TYPE_NAME(source), fname);
    return -1;
}

OuObject *OuBytes_FromObject(OuObject *o)
{
    if (OuBytes_CheckExact(o))
        return OU_NEWREF(o);
    char *buf;
    Ou_ssize_t n;
    if (ou_bytes_from_args(o, NULL, NULL, "bytes", &buf, &n) < 0)
        return NULL;
    OuObject *r = OuBytes_FromStringAndSize(buf ? buf : "", n);
    Ou_Free(buf);
    return r;
}

static OuObject *bytes_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs,
                           OuObject *kwnames)
{
    static const char *const names[] = {"source", "encoding", "errors", NULL};
    OuObject *a[3];
    if (OuArg_Parse("bytes", args, nargs, kwnames, names, 0, -1, 0, a) < 0)
        return NULL;
    if (type == &OuBytes_Type && a[0] && !a[1] && !a[2] && OuBytes_CheckExact(a[0]))
        return OU_NEWREF(a[0]);
    char *buf;
    Ou_ssize_t n;
    if (ou_bytes_from_args(a[0], a[1], a[2], "bytes", &buf, &n) < 0)
        return NULL;
    OuObject *r;
    if (type == &OuBytes_Type) {
        r = OuBytes_FromStringAndSize(buf ? buf : "", n);
    } else {
        r = type->tp_alloc(type, n);
        if (r) {
            ((OuBytesObject *)r)->hash = -1;
            if (n)
                memcpy(OU_BYTES_DATA(r), buf, (size_t)n);
            OU_BYTES_DATA(r)[n] = 0;
        }
    }
    Ou_Free(buf);
    return r;
}

static void bytes_dealloc(OuObject *o)
{
    if (OuBytes_CheckExact(o)) {
        Ou_Free(o);
        return;
    }
    OU_TYPE(o)->tp_free(o);
}

/* ------------------------------------------------------------------ */
/* repr, hex, fromhex, compare                                          */

OuObject *ou_bytes_repr_data(const char *data, Ou_ssize_t n, const char *prefix,
                             const char *suffix, int smartquotes)
{
    static const char hex[] = "0123456789abcdef";
    char quote = '\'';
    if (smartquotes && memchr(data, '\'', (size_t)n) && !memchr(data, '"', (size_t)n))
        quote = '"';
    size_t pl = strlen(prefix), sl = strlen(suffix);
    if (n > (OU_SSIZE_T_MAX - 16 - (Ou_ssize_t)(pl + sl)) / 4)
        return OuErr_NoMemory();
    char *buf = Ou_Malloc(pl + sl + 3 + (size_t)n * 4);
    if (!buf)
        return OuErr_NoMemory();
    char *o = buf;
    memcpy(o, prefix, pl);
    o += pl;
    *o++ = quote;
    for (Ou_ssize_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c == (unsigned char)quote || c == '\\') *o++ = '\\', *o++ = (char)c;
        else if (c == '\t') *o++ = '\\', *o++ = 't';
        else if (c == '\n') *o++ = '\\', *o++ = 'n';
        else if (c == '\r') *o++ = '\\', *o++ = 'r';
        else if (c < 0x20 || c >= 0x7f) {
            *o++ = '\\', *o++ = 'x';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        } else
            *o++ = (char)c;
    }
    *o++ = quote;
    memcpy(o, suffix, sl);
    o += sl;
    OuObject *r = OuStr_New(o - buf, 127);
    if (r)
        memcpy(OU_STR_DATA(r), buf, (size_t)(o - buf));
    Ou_Free(buf);
    return r;
}

OuObject *OuBytes_Repr(OuObject *b, int smartquotes)
{
    return ou_bytes_repr_data(OU_BYTES_DATA(b), OU_BYTES_LEN(b), "b", "", smartquotes);
}

static OuObject *bytes_repr(OuObject *b)
{
    return OuBytes_Repr(b, 1);
}

OuObject *ou_bytes_hex(const char *data, Ou_ssize_t n, OuObject *const *args, Ou_ssize_t nargs,
                       OuObject *kwnames, const char *fname)
{
    static const char *const names[] = {"sep", "bytes_per_sep", NULL};
    static const char hex[] = "0123456789abcdef";
    OuObject *a[2];
    if (OuArg_Parse(fname, args, nargs, kwnames, names, 0, -1, 0, a) < 0)
        return NULL;
    char sep = 0;
    Ou_ssize_t per = 1;
    if (a[0] && a[0] != OU_NONE) {
        if (OuStr_Check(a[0])) {
            if (OU_STR_LEN(a[0]) != 1) {
                OuErr_SetString(OuExc_ValueError, "sep must be length 1.");
                return NULL;
            }
            uint32_t c = OU_STR_CHAR(a[0], 0);
            if (c >= 128) {
                OuErr_SetString(OuExc_ValueError, "sep must be ASCII.");
                return NULL;
            }
            sep = (char)c;
        } else if (OuBytes_Check(a[0])) {
            if (OU_BYTES_LEN(a[0]) != 1) {
                OuErr_SetString(OuExc_ValueError, "sep must be length 1.");
                return NULL;
            }
            sep = OU_BYTES_DATA(a[0])[0];
        } else {
            OuErr_SetString(OuExc_TypeError, "sep must be str or bytes.");
            return NULL;
        }
        if (a[1] && ou_ssize_arg(a[1], &per) < 0)
            return NULL;
    }
    Ou_ssize_t group = per < 0 ? -per : per;
    Ou_ssize_t nsep = (sep && group && n) ? (n - 1) / group : 0;
    OuObject *r = OuStr_New(2 * n + nsep, 127);
    if (!r || n == 0)
        return r;
    char *o = OU_STR_DATA(r);
    for (Ou_ssize_t i = 0; i < n; i++) {
        if (nsep && i) {
            /* positive: groups counted from the right; negative: from the left */
            Ou_ssize_t k = per > 0 ? n - i : i;
            if (k % group == 0)
                *o++ = sep;
        }
        unsigned char c = (unsigned char)data[i];
        *o++ = hex[c >> 4];
        *o++ = hex[c & 15];
    }
    return r;
}

static int hexval(uint32_t c)
{
    if (c >= '0' && c <= '9') return (int)(c - '0');
    if (c >= 'a' && c <= 'f') return (int)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return (int)(c - 'A' + 10);
    return -1;
}

OuObject *ou_bytes_fromhex(OuObject *type, OuObject *arg)
{
    if (!OuStr_Check(arg))
        return OuErr_Format(OuExc_TypeError, "fromhex() argument must be str, not %.200s",
                            OU_TYPE_NAME(arg));
    Ou_ssize_t n = OU_STR_LEN(arg), k = 0;
    char *buf = Ou_Malloc((size_t)n / 2 + 1);
    if (!buf)
        return OuErr_NoMemory();
    for (Ou_ssize_t i = 0; i < n;) {
        uint32_t c = OU_STR_CHAR(arg, i);
        if (OU_ASCII_IS(c, OU_ASCII_SPACE)) {
            i++;
            continue;
        }
        int hi = hexval(c), lo = i + 1 < n ? hexval(OU_STR_CHAR(arg, i + 1)) : -1;
        if (hi < 0 || lo < 0) {
            Ou_Free(buf);
            return OuErr_Format(OuExc_ValueError,
                                "non-hexadecimal number found in fromhex() arg at position %zd",
                                hi < 0 ? i : i + 1);
        }
        buf[k++] = (char)(hi * 16 + lo);
        i += 2;
    }
    OuTypeObject *t = (OuTypeObject *)type;
    OuObject *r;
    if (t == &OuByteArray_Type || t == &OuBytes_Type) {
        r = ou_bytes_make(t == &OuByteArray_Type, buf, k);
    } else {
        int ba = OuType_IsSubtype(t, &OuByteArray_Type);
        OuObject *tmp = ou_bytes_make(ba, buf, k);
        r = tmp ? OuObject_CallOneArg(type, tmp) : NULL;
        OU_XDECREF(tmp);
    }
    Ou_Free(buf);
    return r;
}

OuObject *ou_bytes_richcompare_data(const char *a, Ou_ssize_t na, const char *b, Ou_ssize_t nb, int op)
{
    int c;
    if ((op == OU_EQ || op == OU_NE) && na != nb)
        c = 1;
    else {
        Ou_ssize_t n = na < nb ? na : nb;
        c = n ? memcmp(a, b, (size_t)n) : 0;
        if (c == 0)
            c = na < nb ? -1 : na > nb ? 1 : 0;
    }
    int r;
    switch (op) {
    case OU_EQ: r = c == 0; break;
    case OU_NE: r = c != 0; break;
    case OU_LT: r = c < 0; break;
    case OU_LE: r = c <= 0; break;
    case OU_GT: r = c > 0; break;
    default: r = c >= 0; break;
    }
    return OuBool_FromLong(r);
}

static OuObject *bytes_richcompare(OuObject *a, OuObject *b, int op)
{
    if (!(OuBytes_Check(a) || OuByteArray_Check(a)) || !(OuBytes_Check(b) || OuByteArray_Check(b)))
        OU_RETURN_NOTIMPLEMENTED;
    Ou_ssize_t na, nb;
    const char *da = ou_bytes_data_of(a, &na), *db = ou_bytes_data_of(b, &nb);
    return ou_bytes_richcompare_data(da, na, db, nb, op);
}

static Ou_hash_t bytes_hash(OuObject *o)
{
    OuBytesObject *b = (OuBytesObject *)o;
    if (b->hash == -1)
        b->hash = ou_hash_bytes(b->data, OU_SIZE(o));
    return b->hash;
}

/* ------------------------------------------------------------------ */
/* Sequence protocol                                                    */

static Ou_ssize_t bytes_length(OuObject *o)
{
    return OU_SIZE(o);
}

static OuObject *bytes_item(OuObject *o, Ou_ssize_t i)
{
    if (i < 0)
        i += OU_SIZE(o);
    if ((size_t)i >= (size_t)OU_SIZE(o)) {
        OuErr_SetString(OuExc_IndexError, "index out of range");
        return NULL;
    }
    return OuInt_FromLong((unsigned char)OU_BYTES_DATA(o)[i]);
}

static OuObject *bytes_subscript(OuObject *o, OuObject *key)
{
    if (OuInt_CheckExact(key) && OU_INT_IS_SMALL(key)) {
        int64_t v = OU_INT_SMALL(key);
        if (v < 0)
            v += OU_SIZE(o);
        if ((uint64_t)v >= (uint64_t)OU_SIZE(o)) {
            OuErr_SetString(OuExc_IndexError, "index out of range");
            return NULL;
        }
        return OuInt_FromLong((unsigned char)OU_BYTES_DATA(o)[v]);
    }
    if (OuSlice_Check(key)) {
        Ou_ssize_t start, stop, step, n;
        if (OuSlice_GetIndicesEx(key, OU_SIZE(o), &start, &stop, &step, &n) < 0)
            return NULL;
        if (step == 1) {
            if (n == OU_SIZE(o) && OuBytes_CheckExact(o))
                return OU_NEWREF(o);
            return OuBytes_FromStringAndSize(OU_BYTES_DATA(o) + start, n > 0 ? n : 0);
        }
        if (n <= 0)
            return OuBytes_FromStringAndSize("", 0);
        OuObject *r = OuBytes_FromStringAndSize(NULL, n);
        if (!r)
            return NULL;
        for (Ou_ssize_t i = 0, j = start; i < n; i++, j += step)
            OU_BYTES_DATA(r)[i] = OU_BYTES_DATA(o)[j];
        return r;
    }
    if (OuIndex_Check(key)) {
        Ou_ssize_t i = OuNumber_AsSsize_t(key, OuExc_IndexError);
        if (i == -1 && OuErr_Occurred())
            return NULL;
        return bytes_item(o, i);
    }
    return OuErr_Format(OuExc_TypeError, "byte indices must be integers or slices, not %.200s",
                        OU_TYPE_NAME(key));
}

OuObject *OuBytes_Concat(OuObject *a, OuObject *b)
{
    BArg x, y;
    if (barg_get(a, &x) < 0)
        goto bad;
    if (barg_get(b, &y) < 0) {
        barg_release(&x);
        goto bad;
    }
    OuObject *r = NULL;
    if (y.n == 0 && OuBytes_CheckExact(a))
        r = OU_NEWREF(a);
    else if (x.n == 0 && OuBytes_CheckExact(b))
        r = OU_NEWREF(b);
    else if (x.n > OU_SSIZE_T_MAX - y.n)
        r = OuErr_NoMemory();
    else if ((r = OuBytes_FromStringAndSize(NULL, x.n + y.n))) {
        memcpy(OU_BYTES_DATA(r), x.p, (size_t)x.n);
        memcpy(OU_BYTES_DATA(r) + x.n, y.p, (size_t)y.n);
    }
    barg_release(&x);
    barg_release(&y);
    return r;
bad:
    OuErr_Clear();
    return OuErr_Format(OuExc_TypeError, "can't concat %.100s to %.100s", OU_TYPE_NAME(b), OU_TYPE_NAME(a));
}

/* data * n into a fresh bytes or bytearray. */
static OuObject *repeat_data(int as_ba, const char *d, Ou_ssize_t len, Ou_ssize_t n)
{
    if (n < 0)
        n = 0;
    if (len && n > OU_SSIZE_T_MAX / len)
        return OuErr_NoMemory();
    Ou_ssize_t total = len * n;
    OuObject *r = ou_bytes_make(as_ba, NULL, total);
    if (!r || total == 0)
        return r;
    char *o = as_ba ? OU_BYTEARRAY_DATA(r) : OU_BYTES_DATA(r);
    if (len == 1) {
        memset(o, d[0], (size_t)total);
        return r;
    }
    memcpy(o, d, (size_t)len);
    Ou_ssize_t done = len;
    while (done < total) {
        Ou_ssize_t c = done < total - done ? done : total - done;
        memcpy(o + done, o, (size_t)c);
        done += c;
    }
    return r;
}

static OuObject *bytes_repeat(OuObject *o, Ou_ssize_t n)
{
    if (n == 1 && OuBytes_CheckExact(o))
        return OU_NEWREF(o);
    return repeat_data(0, OU_BYTES_DATA(o), OU_SIZE(o), n);
}

/* `item in data` for bytes/bytearray. */
static int contains_data(const char *d, Ou_ssize_t n, OuObject *item)
{
    if (OuIndex_Check(item)) {
        int v;
        if (ou_byte_from_object(item, &v) < 0)
            return -1;
        return memchr(d, v, (size_t)n) != NULL;
    }
    BArg a;
    if (barg_get(item, &a) < 0)
        return -1;
    int r = a.n == 0 || memmem(d, (size_t)n, a.p, (size_t)a.n) != NULL;
    barg_release(&a);
    return r;
}

static int bytes_contains(OuObject *o, OuObject *item)
{
    return contains_data(OU_BYTES_DATA(o), OU_SIZE(o), item);
}

static int bytes_getbuffer(OuObject *o, OuBuffer *view, int flags)
{
    if (flags & OU_BUF_WRITABLE) {
        OuErr_SetString(OuExc_BufferError, "Object is not writable.");
        return -1;
    }
    view->buf = OU_BYTES_DATA(o);
    view->obj = OU_NEWREF(o);
    view->len = OU_SIZE(o);
    view->itemsize = 1;
    view->readonly = 1;
    view->format = "B";
    return 0;
}

/* ------------------------------------------------------------------ */
/* Shared methods (self is bytes or bytearray).                         */

#define SELF_DATA(self, n) ou_bytes_data_of(self, &(n))
#define IS_BA(self) (!OuBytes_Check(self))

static int no_args(const char *fname, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords(fname, kwnames) < 0 || OuArg_CheckPositional(fname, nargs, 0, 0) < 0)
        return -1;
    return 0;
}

/* A new object of self's kind holding d[0:n); returns self itself for an
   exact bytes when the range is the whole of it. */
static OuObject *piece(OuObject *self, const char *d, Ou_ssize_t n)
{
    Ou_ssize_t sn;
    const char *sd = SELF_DATA(self, sn);
    if (OuBytes_CheckExact(self) && d == sd && n == sn)
        return OU_NEWREF(self);
    return ou_bytes_make(IS_BA(self), d, n);
}

OuObject *ou_bytes_m_decode(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {"encoding", "errors", NULL};
    OuObject *a[2];
    if (OuArg_Parse("decode", args, nargs, kwnames, names, 0, -1, 0, a) < 0)
        return NULL;
    const char *v[2] = {NULL, NULL};
    for (int i = 0; i < 2; i++) {
        if (!a[i])
            continue;
        if (!OuStr_Check(a[i]))
            return OuErr_Format(OuExc_TypeError, "decode() argument '%s' must be str, not %.100s",
                                names[i], OU_TYPE_NAME(a[i]));
        if (!(v[i] = OuStr_AsUTF8(a[i])))
            return NULL;
    }
    Ou_ssize_t n;
    const char *d = SELF_DATA(self, n);
    return OuStr_Decode(d, n, v[0], v[1]);
}

OuObject *ou_bytes_m_hex(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    Ou_ssize_t n;
    const char *d = SELF_DATA(self, n);
    return ou_bytes_hex(d, n, args, nargs, kwnames, "hex");
}

static OuObject *join_impl(OuObject *self, OuObject *iterable)
{
    OuObject *seq = OuSequence_List(iterable);
    if (!seq) {
        if (OuErr_ExceptionMatches(OuExc_TypeError)) {
            OuErr_Clear();
            OuErr_Format(OuExc_TypeError, "can only join an iterable");
        }
        return NULL;
    }
    Ou_ssize_t cnt = OU_LIST_LEN(seq), sn, total = 0;
    const char *sd = SELF_DATA(self, sn);
    OuObject *r = NULL;
    BArg *parts = Ou_Malloc(sizeof(BArg) * (size_t)(cnt ? cnt : 1));
    Ou_ssize_t got = 0;
    if (!parts) {
        OuErr_NoMemory();
        goto done;
    }
    for (; got < cnt; got++) {
        OuObject *it = OU_LIST_GET(seq, got);
        if (!OuObject_CheckBuffer(it)) {
            OuErr_Format(OuExc_TypeError, "sequence item %zd: expected a bytes-like object, %.80s found",
                         got, OU_TYPE_NAME(it));
            goto done;
        }
        if (barg_get(it, &parts[got]) < 0)
            goto done;
        total += parts[got].n + (got ? sn : 0);
    }
    r = ou_bytes_make(IS_BA(self), NULL, total);
    if (r && total) {
        char *o = IS_BA(self) ? OU_BYTEARRAY_DATA(r) : OU_BYTES_DATA(r);
        for (Ou_ssize_t i = 0; i < cnt; i++) {
            if (i && sn) {
                memcpy(o, sd, (size_t)sn);
                o += sn;
            }
            memcpy(o, parts[i].p, (size_t)parts[i].n);
            o += parts[i].n;
        }
    }
done:
    for (Ou_ssize_t i = 0; i < got; i++)
        barg_release(&parts[i]);
    Ou_Free(parts);
    OU_DECREF(seq);
    return r;
}

OuObject *OuBytes_Join(OuObject *sep, OuObject *iterable)
{
    return join_impl(sep, iterable);
}

OuObject *ou_bytes_m_join(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("join", kwnames) < 0 || OuArg_CheckPositional("join", nargs, 1, 1) < 0)
        return NULL;
    return join_impl(self, args[0]);
}

static inline int bspace(unsigned char c)
{
    return c < 128 && (ou_ascii_ctype[c] & OU_ASCII_SPACE);
}

static int append_bytes(OuObject *list, OuObject *self, const char *d, Ou_ssize_t n)
{
    OuObject *p = piece(self, d, n);
    if (!p)
        return -1;
    int r = OuList_Append(list, p);
    OU_DECREF(p);
    return r;
}

static OuObject *split_impl(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                            OuObject *kwnames, const char *fname, int dir)
{
    static const char *const names[] = {"sep", "maxsplit", NULL};
    OuObject *a[2];
    if (OuArg_Parse(fname, args, nargs, kwnames, names, 0, -1, 0, a) < 0)
        return NULL;
    Ou_ssize_t maxsplit = -1, n;
    if (a[1] && ou_ssize_arg(a[1], &maxsplit) < 0)
        return NULL;
    if (maxsplit < 0)
        maxsplit = OU_SSIZE_T_MAX;
    const char *d = SELF_DATA(self, n);
    BArg sep;
    int have_sep = a[0] && a[0] != OU_NONE;
    if (have_sep) {
        if (barg_get(a[0], &sep) < 0)
            return NULL;
        if (sep.n == 0) {
            barg_release(&sep);
            OuErr_SetString(OuExc_ValueError, "empty separator");
            return NULL;
        }
    }
    OuObject *list = OuList_New(0);
    if (!list)
        goto fail;
    if (!have_sep) {
        if (dir > 0) {
            Ou_ssize_t i = 0;
            while (1) {
                while (i < n && bspace((unsigned char)d[i])) i++;
                if (i == n) break;
                Ou_ssize_t j = i;
                if (maxsplit-- == 0) {
                    j = n;
                    while (j > i && bspace((unsigned char)d[j - 1])) j--;
                } else
                    while (j < n && !bspace((unsigned char)d[j])) j++;
                if (append_bytes(list, self, d + i, j - i) < 0) goto fail;
                if (maxsplit < 0) break;
                i = j;
            }
        } else {
            Ou_ssize_t j = n;
            while (1) {
                while (j > 0 && bspace((unsigned char)d[j - 1])) j--;
                if (j == 0) break;
                Ou_ssize_t i = j;
                if (maxsplit-- == 0) {
                    i = 0;
                    while (i < j && bspace((unsigned char)d[i])) i++;
                } else
                    while (i > 0 && !bspace((unsigned char)d[i - 1])) i--;
                if (append_bytes(list, self, d + i, j - i) < 0) goto fail;
                if (maxsplit < 0) break;
                j = i;
            }
            if (OuList_Reverse(list) < 0) goto fail;
        }
        return list;
    }
    if (dir > 0) {
        Ou_ssize_t i = 0;
        while (maxsplit-- > 0) {
            const char *p = memmem(d + i, (size_t)(n - i), sep.p, (size_t)sep.n);
            if (!p) break;
            if (append_bytes(list, self, d + i, p - (d + i)) < 0) goto fail;
            i = p - d + sep.n;
        }
        if (append_bytes(list, self, d + i, n - i) < 0) goto fail;
    } else {
        Ou_ssize_t j = n;
        while (maxsplit-- > 0) {
            Ou_ssize_t k = j - sep.n;
            while (k >= 0 && memcmp(d + k, sep.p, (size_t)sep.n) != 0) k--;
            if (k < 0) break;
            if (append_bytes(list, self, d + k + sep.n, j - k - sep.n) < 0) goto fail;
            j = k;
        }
        if (append_bytes(list, self, d, j) < 0) goto fail;
        if (OuList_Reverse(list) < 0) goto fail;
    }
    barg_release(&sep);
    return list;
fail:
    if (have_sep)
        barg_release(&sep);
    OU_XDECREF(list);
    return NULL;
}

OuObject *ou_bytes_m_split(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return split_impl(s, a, n, kw, "split", 1); }
OuObject *ou_bytes_m_rsplit(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return split_impl(s, a, n, kw, "rsplit", -1); }

static OuObject *strip_impl(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                            OuObject *kwnames, const char *fname, int which)
{
    if (OuArg_NoKeywords(fname, kwnames) < 0 || OuArg_CheckPositional(fname, nargs, 0, 1) < 0)
        return NULL;
    Ou_ssize_t n;
    const char *d = SELF_DATA(self, n);
    BArg ch;
    int have = nargs && args[0] != OU_NONE;
    if (have && barg_get(args[0], &ch) < 0)
        return NULL;
    Ou_ssize_t i = 0, j = n;
#define STRIPPABLE(c) (have ? memchr(ch.p, (c), (size_t)ch.n) != NULL : bspace((unsigned char)(c)))
    if (which & 1)
        while (i < j && STRIPPABLE(d[i])) i++;
    if (which & 2)
        while (j > i && STRIPPABLE(d[j - 1])) j--;
#undef STRIPPABLE
    if (have)
        barg_release(&ch);
    return piece(self, d + i, j - i);
}

OuObject *ou_bytes_m_strip(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return strip_impl(s, a, n, kw, "strip", 3); }
OuObject *ou_bytes_m_lstrip(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return strip_impl(s, a, n, kw, "lstrip", 1); }
OuObject *ou_bytes_m_rstrip(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return strip_impl(s, a, n, kw, "rstrip", 2); }

static int tailmatch(const char *d, Ou_ssize_t n, const char *p, Ou_ssize_t m,
                     Ou_ssize_t start, Ou_ssize_t end, int dir)
{
    if (start > n || end - start < m)
        return 0;
    Ou_ssize_t pos = dir < 0 ? start : end - m;
    return m == 0 || memcmp(d + pos, p, (size_t)m) == 0;
}

static OuObject *startsends(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                            OuObject *kwnames, const char *fname, int dir)
{
    if (OuArg_NoKeywords(fname, kwnames) < 0 || OuArg_CheckPositional(fname, nargs, 1, 3) < 0)
        return NULL;
    Ou_ssize_t n, start, end;
    const char *d = SELF_DATA(self, n);
    if (ou_parse_slice_args(nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL, n, &start, &end) < 0)
        return NULL;
    OuObject *x = args[0];
    BArg a;
    if (OuTuple_Check(x)) {
        for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(x); i++) {
            if (barg_get(OU_TUPLE_GET(x, i), &a) < 0)
                return NULL;
            int r = tailmatch(d, n, a.p, a.n, start, end, dir);
            barg_release(&a);
            if (r)
                OU_RETURN_TRUE;
        }
        OU_RETURN_FALSE;
    }
    if (!OuObject_CheckBuffer(x))
        return OuErr_Format(OuExc_TypeError, "%s first arg must be bytes or a tuple of bytes, not %.100s",
                            fname, OU_TYPE_NAME(x));
    if (barg_get(x, &a) < 0)
        return NULL;
    int r = tailmatch(d, n, a.p, a.n, start, end, dir);
    barg_release(&a);
    return OuBool_FromLong(r);
}

OuObject *ou_bytes_m_startswith(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return startsends(s, a, n, kw, "startswith", -1); }
OuObject *ou_bytes_m_endswith(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return startsends(s, a, n, kw, "endswith", 1); }

/* mode: 0 find, 1 index, 2 count */
static OuObject *find_impl(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                           OuObject *kwnames, const char *fname, int dir, int mode)
{
    if (OuArg_NoKeywords(fname, kwnames) < 0 || OuArg_CheckPositional(fname, nargs, 1, 3) < 0)
        return NULL;
    Ou_ssize_t n, start, end;
    const char *d = SELF_DATA(self, n);
    if (ou_parse_slice_args(nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL, n, &start, &end) < 0)
        return NULL;
    char one;
    BArg a;
    a.has_view = 0;
    if (OuIndex_Check(args[0])) {
        int v;
        if (ou_byte_from_object(args[0], &v) < 0)
            return NULL;
        one = (char)v;
        a.p = &one;
        a.n = 1;
    } else if (OuObject_CheckBuffer(args[0])) {
        if (barg_get(args[0], &a) < 0)
            return NULL;
    } else {
        return OuErr_Format(OuExc_TypeError, "argument should be integer or bytes-like object, not '%.200s'",
                            OU_TYPE_NAME(args[0]));
    }
    Ou_ssize_t result = -1;
    if (mode == 2) {
        result = 0;
        if (start <= n && end - start >= a.n)
            result = ou_count(1, d + start, end - start, a.p, a.n, -1);
    } else if (start <= n && end - start >= a.n) {
        Ou_ssize_t i = ou_search(1, d + start, end - start, a.p, a.n, dir);
        if (i >= 0)
            result = i + start;
    }
    barg_release(&a);
    if (mode == 1 && result < 0) {
        OuErr_SetString(OuExc_ValueError, "subsection not found");
        return NULL;
    }
    return OuInt_FromSsize_t(result);
}

OuObject *ou_bytes_m_find(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return find_impl(s, a, n, kw, "find", 1, 0); }
OuObject *ou_bytes_m_rfind(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return find_impl(s, a, n, kw, "rfind", -1, 0); }
OuObject *ou_bytes_m_index(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return find_impl(s, a, n, kw, "index", 1, 1); }
OuObject *ou_bytes_m_rindex(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return find_impl(s, a, n, kw, "rindex", -1, 1); }
OuObject *ou_bytes_m_count(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return find_impl(s, a, n, kw, "count", 1, 2); }

OuObject *ou_bytes_m_replace(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("replace", kwnames) < 0 || OuArg_CheckPositional("replace", nargs, 2, 3) < 0)
        return NULL;
    Ou_ssize_t n, maxcount = -1;
    const char *d = SELF_DATA(self, n);
    if (nargs > 2 && ou_ssize_arg(args[2], &maxcount) < 0)
        return NULL;
    if (maxcount < 0)
        maxcount = OU_SSIZE_T_MAX;
    BArg o, w;
    if (barg_get(args[0], &o) < 0)
        return NULL;
    if (barg_get(args[1], &w) < 0) {
        barg_release(&o);
        return NULL;
    }
    OuObject *r = NULL;
    Ou_ssize_t cnt = o.n > n ? 0 : ou_count(1, d, n, o.p, o.n, maxcount);
    if (cnt == 0) {
        r = piece(self, d, n);
        goto done;
    }
    if (w.n > o.n && cnt > (OU_SSIZE_T_MAX - n) / (w.n - o.n)) {
        OuErr_SetString(OuExc_OverflowError, "replace bytes is too long");
        goto done;
    }
    Ou_ssize_t total = n + cnt * (w.n - o.n);
    r = ou_bytes_make(IS_BA(self), NULL, total);
    if (!r || total == 0)
        goto done;
    char *out = IS_BA(self) ? OU_BYTEARRAY_DATA(r) : OU_BYTES_DATA(r);
    Ou_ssize_t i = 0;
    for (Ou_ssize_t c = 0; c < cnt; c++) {
        if (o.n == 0) {
            memcpy(out, w.p, (size_t)w.n);
            out += w.n;
            if (i < n)
                *out++ = d[i++];
            continue;
        }
        const char *p = memmem(d + i, (size_t)(n - i), o.p, (size_t)o.n);
        Ou_ssize_t j = p - d;
        memcpy(out, d + i, (size_t)(j - i));
        out += j - i;
        memcpy(out, w.p, (size_t)w.n);
        out += w.n;
        i = j + o.n;
    }
    memcpy(out, d + i, (size_t)(n - i));
done:
    barg_release(&o);
    barg_release(&w);
    return r;
}

/* mode: 0 upper, 1 lower, 2 capitalize, 3 swapcase, 4 title */
static OuObject *bcase(OuObject *self, Ou_ssize_t nargs, OuObject *kwnames, const char *fname, int mode)
{
    if (no_args(fname, nargs, kwnames) < 0)
        return NULL;
    Ou_ssize_t n;
    const char *d = SELF_DATA(self, n);
    OuObject *r = ou_bytes_make(IS_BA(self), NULL, n);
    if (!r)
        return NULL;
    char *o = IS_BA(self) ? OU_BYTEARRAY_DATA(r) : OU_BYTES_DATA(r);
    int prev = 0;
    for (Ou_ssize_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)d[i];
        int up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z';
        switch (mode) {
        case 0: o[i] = (char)(lo ? c - 32 : c); break;
        case 1: o[i] = (char)(up ? c + 32 : c); break;
        case 2: o[i] = (char)(i == 0 ? (lo ? c - 32 : c) : (up ? c + 32 : c)); break;
        case 3: o[i] = (char)(up ? c + 32 : lo ? c - 32 : c); break;
        default:
            o[i] = (char)(prev ? (up ? c + 32 : c) : (lo ? c - 32 : c));
            prev = up || lo;
        }
    }
    return r;
}

OuObject *ou_bytes_m_upper(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return bcase(s, n, kw, "upper", 0); }
OuObject *ou_bytes_m_lower(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return bcase(s, n, kw, "lower", 1); }
OuObject *ou_bytes_m_capitalize(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return bcase(s, n, kw, "capitalize", 2); }
OuObject *ou_bytes_m_swapcase(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return bcase(s, n, kw, "swapcase", 3); }
OuObject *ou_bytes_m_title(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return bcase(s, n, kw, "title", 4); }

static OuObject *partition_impl(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                                OuObject *kwnames, const char *fname, int dir)
{
    if (OuArg_NoKeywords(fname, kwnames) < 0 || OuArg_CheckPositional(fname, nargs, 1, 1) < 0)
        return NULL;
    Ou_ssize_t n;
    const char *d = SELF_DATA(self, n);
    BArg s;
    if (barg_get(args[0], &s) < 0)
        return NULL;
    if (s.n == 0) {
        barg_release(&s);
        OuErr_SetString(OuExc_ValueError, "empty separator");
        return NULL;
    }
    Ou_ssize_t pos = ou_search(1, d, n, s.p, s.n, dir);
    OuObject *x, *y, *z;
    if (pos < 0) {
        x = piece(self, d, n);
        y = ou_bytes_make(IS_BA(self), "", 0);
        z = ou_bytes_make(IS_BA(self), "", 0);
        if (dir < 0) {
            OuObject *t = x;
            x = z;
            z = t;
        }
    } else {
        x = ou_bytes_make(IS_BA(self), d, pos);
        y = ou_bytes_make(IS_BA(self), s.p, s.n);
        z = ou_bytes_make(IS_BA(self), d + pos + s.n, n - pos - s.n);
    }
    barg_release(&s);
    OuObject *t = (x && y && z) ? OuTuple_Pack(3, x, y, z) : NULL;
    OU_XDECREF(x);
    OU_XDECREF(y);
    OU_XDECREF(z);
    return t;
}

OuObject *ou_bytes_m_partition(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return partition_impl(s, a, n, kw, "partition", 1); }
OuObject *ou_bytes_m_rpartition(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return partition_impl(s, a, n, kw, "rpartition", -1); }

#define BPRED(name, test)                                                                  \
    OuObject *ou_bytes_m_##name(OuObject *self, OuObject *const *a, Ou_ssize_t nargs,      \
                                OuObject *kw)                                              \
    {                                                                                      \
        if (no_args(#name, nargs, kw) < 0)                                                 \
            return NULL;                                                                   \
        Ou_ssize_t n;                                                                      \
        const unsigned char *d = (const unsigned char *)SELF_DATA(self, n);                \
        if (n == 0)                                                                        \
            OU_RETURN_FALSE;                                                               \
        for (Ou_ssize_t i = 0; i < n; i++) {                                               \
            unsigned c = d[i];                                                             \
            if (!(test))                                                                   \
                OU_RETURN_FALSE;                                                           \
        }                                                                                  \
        OU_RETURN_TRUE;                                                                    \
    }
BPRED(isdigit, OU_ASCII_IS(c, OU_ASCII_DIGIT))
BPRED(isalpha, OU_ASCII_IS(c, OU_ASCII_ALPHA))
BPRED(isalnum, OU_ASCII_IS(c, OU_ASCII_ALNUM))
BPRED(isspace, OU_ASCII_IS(c, OU_ASCII_SPACE))

OuObject *ou_bytes_m_isascii(OuObject *self, OuObject *const *a, Ou_ssize_t nargs, OuObject *kw)
{
    if (no_args("isascii", nargs, kw) < 0)
        return NULL;
    Ou_ssize_t n;
    const unsigned char *d = (const unsigned char *)SELF_DATA(self, n);
    for (Ou_ssize_t i = 0; i < n; i++)
        if (d[i] >= 128)
            OU_RETURN_FALSE;
    OU_RETURN_TRUE;
}

/* which: 0 islower, 1 isupper, 2 istitle */
static OuObject *bcased(OuObject *self, Ou_ssize_t nargs, OuObject *kw, const char *fname, int which)
{
    if (no_args(fname, nargs, kw) < 0)
        return NULL;
    Ou_ssize_t n;
    const unsigned char *d = (const unsigned char *)SELF_DATA(self, n);
    int cased = 0, prev = 0;
    for (Ou_ssize_t i = 0; i < n; i++) {
        unsigned c = d[i];
        int up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z';
        if (which == 0) {
            if (up) OU_RETURN_FALSE;
            cased |= lo;
        } else if (which == 1) {
            if (lo) OU_RETURN_FALSE;
            cased |= up;
        } else {
            if (up) {
                if (prev) OU_RETURN_FALSE;
                prev = cased = 1;
            } else if (lo) {
                if (!prev) OU_RETURN_FALSE;
                prev = cased = 1;
            } else
                prev = 0;
        }
    }
    return OuBool_FromLong(cased);
}

OuObject *ou_bytes_m_islower(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return bcased(s, n, kw, "islower", 0); }
OuObject *ou_bytes_m_isupper(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return bcased(s, n, kw, "isupper", 1); }
OuObject *ou_bytes_m_istitle(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return bcased(s, n, kw, "istitle", 2); }

static OuObject *affix(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kw,
                       const char *fname, int suffix)
{
    if (OuArg_NoKeywords(fname, kw) < 0 || OuArg_CheckPositional(fname, nargs, 1, 1) < 0)
        return NULL;
    Ou_ssize_t n;
    const char *d = SELF_DATA(self, n);
    BArg a;
    if (barg_get(args[0], &a) < 0)
        return NULL;
    OuObject *r;
    if (a.n && tailmatch(d, n, a.p, a.n, 0, n, suffix ? 1 : -1))
        r = ou_bytes_make(IS_BA(self), suffix ? d : d + a.n, n - a.n);
    else
        r = piece(self, d, n);
    barg_release(&a);
    return r;
}

OuObject *ou_bytes_m_removeprefix(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return affix(s, a, n, kw, "removeprefix", 0); }
OuObject *ou_bytes_m_removesuffix(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return affix(s, a, n, kw, "removesuffix", 1); }

OuObject *ou_bytes_m_splitlines(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {"keepends", NULL};
    OuObject *a[1];
    if (OuArg_Parse("splitlines", args, nargs, kwnames, names, 0, -1, 0, a) < 0)
        return NULL;
    int keep = 0;
    if (a[0] && (keep = OuObject_IsTrue(a[0])) < 0)
        return NULL;
    Ou_ssize_t n, i = 0;
    const char *d = SELF_DATA(self, n);
    OuObject *list = OuList_New(0);
    if (!list)
        return NULL;
    while (i < n) {
        Ou_ssize_t j = i;
        while (j < n && d[j] != '\n' && d[j] != '\r')
            j++;
        Ou_ssize_t eol = j;
        if (j < n) {
            j += (d[j] == '\r' && j + 1 < n && d[j + 1] == '\n') ? 2 : 1;
            if (keep)
                eol = j;
        }
        if (append_bytes(list, self, d + i, eol - i) < 0) {
            OU_DECREF(list);
            return NULL;
        }
        i = j;
    }
    return list;
}

static OuObject *bpad(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kw,
                      const char *fname, char align)
{
    if (OuArg_NoKeywords(fname, kw) < 0 || OuArg_CheckPositional(fname, nargs, 1, 2) < 0)
        return NULL;
    Ou_ssize_t width, n;
    if (ou_ssize_arg(args[0], &width) < 0)
        return NULL;
    char fill = ' ';
    if (nargs > 1) {
        OuObject *f = args[1];
        if (!(OuBytes_Check(f) || OuByteArray_Check(f)) || OU_SIZE(f) != 1)
            return OuErr_Format(OuExc_TypeError,
                                "%s() argument 2 must be a byte string of length 1, not %.100s",
                                fname, OU_TYPE_NAME(f));
        Ou_ssize_t fl;
        fill = ou_bytes_data_of(f, &fl)[0];
    }
    const char *d = SELF_DATA(self, n);
    if (width <= n)
        return piece(self, d, n);
    Ou_ssize_t total = width - n, left;
    if (align == 'l') left = 0;
    else if (align == 'r' || align == 'z') left = total;
    else left = total / 2 + (total & width & 1);
    OuObject *r = ou_bytes_make(IS_BA(self), NULL, width);
    if (!r)
        return NULL;
    char *o = IS_BA(self) ? OU_BYTEARRAY_DATA(r) : OU_BYTES_DATA(r);
    memset(o, align == 'z' ? '0' : fill, (size_t)left);
    memcpy(o + left, d, (size_t)n);
    memset(o + left + n, fill, (size_t)(total - left));
    if (align == 'z' && n && (d[0] == '+' || d[0] == '-')) {
        o[0] = d[0];
        o[left] = '0';
    }
    return r;
}

OuObject *ou_bytes_m_center(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return bpad(s, a, n, kw, "center", 'c'); }
OuObject *ou_bytes_m_ljust(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return bpad(s, a, n, kw, "ljust", 'l'); }
OuObject *ou_bytes_m_rjust(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return bpad(s, a, n, kw, "rjust", 'r'); }
OuObject *ou_bytes_m_zfill(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{
    if (OuArg_CheckPositional("zfill", n, 1, 1) < 0)
        return NULL;
    return bpad(s, a, n, kw, "zfill", 'z');
}

OuObject *ou_bytes_m_expandtabs(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {"tabsize", NULL};
    OuObject *a[1];
    if (OuArg_Parse("expandtabs", args, nargs, kwnames, names, 0, -1, 0, a) < 0)
        return NULL;
    Ou_ssize_t tab = 8, n, total = 0, col = 0;
    if (a[0] && ou_ssize_arg(a[0], &tab) < 0)
        return NULL;
    const char *d = SELF_DATA(self, n);
    for (int pass = 0; pass < 2; pass++) {
        OuObject *r = NULL;
        char *o = NULL;
        if (pass) {
            r = ou_bytes_make(IS_BA(self), NULL, total);
            if (!r)
                return NULL;
            o = IS_BA(self) ? OU_BYTEARRAY_DATA(r) : OU_BYTES_DATA(r);
        }
        Ou_ssize_t k = 0;
        col = 0;
        for (Ou_ssize_t i = 0; i < n; i++) {
            char c = d[i];
            if (c == '\t') {
                if (tab > 0) {
                    Ou_ssize_t sp = tab - col % tab;
                    col += sp;
                    if (o) memset(o + k, ' ', (size_t)sp);
                    k += sp;
                }
            } else {
                if (o) o[k] = c;
                k++;
                col = (c == '\n' || c == '\r') ? 0 : col + 1;
            }
        }
        if (pass)
            return r;
        total = k;
    }
    return NULL;
}

/* ------------------------------------------------------------------ */
/* bytes-only methods                                                   */

static OuObject *bytes_fromhex(OuObject *type, OuObject *arg)
{
    return ou_bytes_fromhex(type, arg);
}

static OuObject *bytes_getnewargs(OuObject *self, OuObject *unused)
{
    OuObject *b = OuBytes_FromStringAndSize(OU_BYTES_DATA(self), OU_SIZE(self));
    if (!b)
        return NULL;
    OuObject *t = OuTuple_Pack(1, b);
    OU_DECREF(b);
    return t;
}

static OuObject *bytes_bytes(OuObject *self, OuObject *unused)
{
    if (OuBytes_CheckExact(self))
        return OU_NEWREF(self);
    return OuBytes_FromStringAndSize(OU_BYTES_DATA(self), OU_SIZE(self));
}

static OuObject *bytes_sizeof(OuObject *self, OuObject *unused)
{
    return OuInt_FromSsize_t((Ou_ssize_t)HEADER + OU_SIZE(self) + 1);
}

static OuMethodDef bytes_methods[] = {
    OU_BYTES_SHARED_FUNCS(OU_BYTES_SHARED_DEF)
    {"fromhex", (void *)bytes_fromhex, OU_METH_O | OU_METH_CLASS, NULL},
    {"__getnewargs__", (void *)bytes_getnewargs, OU_METH_NOARGS, NULL},
    {"__bytes__", (void *)bytes_bytes, OU_METH_NOARGS, NULL},
    {"__sizeof__", (void *)bytes_sizeof, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

/* ------------------------------------------------------------------ */
/* Iterator                                                             */

typedef struct {
    OuObject_HEAD
    Ou_ssize_t index;
    OuObject *seq;
} BytesIterObject;

static OuObject *bytes_iter(OuObject *o)
{
    BytesIterObject *it = Ou_Malloc(sizeof(BytesIterObject));
    if (!it)
        return OuErr_NoMemory();
    it->ob_base.ob_refcnt = 1;
    it->ob_base.ob_type = &OuBytesIter_Type;
    it->index = 0;
    it->seq = OU_NEWREF(o);
    return (OuObject *)it;
}

static void bytesiter_dealloc(OuObject *o)
{
    OU_XDECREF(((BytesIterObject *)o)->seq);
    Ou_Free(o);
}

static OuObject *bytesiter_next(OuObject *o)
{
    BytesIterObject *it = (BytesIterObject *)o;
    OuObject *s = it->seq;
    if (!s)
        return NULL;
    if (it->index < OU_SIZE(s))
        return OuInt_FromLong((unsigned char)OU_BYTES_DATA(s)[it->index++]);
    it->seq = NULL;
    OU_DECREF(s);
    return NULL;
}

static OuObject *bytesiter_length_hint(OuObject *o, OuObject *unused)
{
    BytesIterObject *it = (BytesIterObject *)o;
    Ou_ssize_t n = it->seq ? OU_SIZE(it->seq) - it->index : 0;
    return OuInt_FromSsize_t(n < 0 ? 0 : n);
}

static OuMethodDef bytesiter_methods[] = {
    {"__length_hint__", (void *)bytesiter_length_hint, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

OuTypeObject OuBytesIter_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "bytes_iterator",
    .tp_basicsize = sizeof(BytesIterObject),
    .tp_dealloc = bytesiter_dealloc,
    .tp_iter = OuObject_SelfIter,
    .tp_iternext = bytesiter_next,
    .tp_methods = bytesiter_methods,
};

OuTypeObject OuBytes_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "bytes",
    .tp_basicsize = sizeof(OuBytesObject),
    .tp_itemsize = 1,
    .tp_flags = OU_TPFLAGS_BASETYPE | OU_TPFLAGS_BYTES_SUBCLASS,
    .tp_doc = "bytes(iterable_of_ints) -> bytes\nbytes(string, encoding[, errors]) -> bytes\n"
              "bytes(bytes_or_buffer) -> immutable copy of bytes_or_buffer\n"
              "bytes(int) -> bytes object of size given by the parameter initialized with null bytes\n"
              "bytes() -> empty bytes object",
    .tp_dealloc = bytes_dealloc,
    .tp_new = bytes_new,
    .tp_free = OuObject_Free,
    .tp_repr = bytes_repr,
    .tp_hash = bytes_hash,
    .tp_richcompare = bytes_richcompare,
    .tp_iter = bytes_iter,
    .mp_length = bytes_length,
    .mp_subscript = bytes_subscript,
    .sq_item = bytes_item,
    .sq_concat = OuBytes_Concat,
    .sq_repeat = bytes_repeat,
    .sq_contains = bytes_contains,
    .bf_getbuffer = bytes_getbuffer,
    .tp_methods = bytes_methods,
};

/* Used by bytearrayobject.c. */
OuObject *ou_bytes_repeat_data(int as_ba, const char *d, Ou_ssize_t len, Ou_ssize_t n)
{
    return repeat_data(as_ba, d, len, n);
}

int ou_bytes_contains_data(const char *d, Ou_ssize_t n, OuObject *item)
{
    return contains_data(d, n, item);
}

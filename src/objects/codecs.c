/*
 * codecs.c -- the built-in codecs (utf-8, utf-8-sig, utf-16*, utf-32*,
 * latin-1, ascii) and their error handlers, plus OuStr_Encode/OuStr_Decode.
 * No types are defined here. See codecs.h.
 */
#include <stdio.h>
#include <ctype.h>
#include "objects/str_internal.h"
#include "objects/codecs.h"

/* ------------------------------------------------------------------ */
/* Names                                                                */

typedef enum {
    ENC_UTF8, ENC_UTF8_SIG, ENC_LATIN1, ENC_ASCII, ENC_UTF16, ENC_UTF16LE, ENC_UTF16BE,
    ENC_UTF32, ENC_UTF32LE, ENC_UTF32BE, ENC_UNKNOWN
} Enc;

void OuCodec_NormalizeName(const char *name, char *buf, size_t size)
{
    size_t k = 0;
    for (; *name && k + 1 < size; name++) {
        char c = *name;
        if (c == '_' || c == ' ')
            c = '-';
        buf[k++] = (char)tolower((unsigned char)c);
    }
    buf[k] = 0;
}

static const struct { const char *name; Enc enc; } enc_names[] = {
    {"utf-8", ENC_UTF8}, {"utf8", ENC_UTF8}, {"u8", ENC_UTF8}, {"utf", ENC_UTF8},
    {"utf8-ucs2", ENC_UTF8}, {"utf8-ucs4", ENC_UTF8}, {"cp65001", ENC_UTF8},
    {"utf-8-sig", ENC_UTF8_SIG}, {"utf8-sig", ENC_UTF8_SIG},
    {"latin-1", ENC_LATIN1}, {"latin1", ENC_LATIN1}, {"latin", ENC_LATIN1}, {"l1", ENC_LATIN1},
    {"iso-8859-1", ENC_LATIN1}, {"iso8859-1", ENC_LATIN1}, {"iso8859", ENC_LATIN1},
    {"8859", ENC_LATIN1}, {"cp819", ENC_LATIN1}, {"ibm819", ENC_LATIN1},
    {"iso-ir-100", ENC_LATIN1}, {"csisolatin1", ENC_LATIN1}, {"iso-8859-1-1987", ENC_LATIN1},
    {"ascii", ENC_ASCII}, {"us-ascii", ENC_ASCII}, {"us", ENC_ASCII}, {"646", ENC_ASCII},
    {"cp367", ENC_ASCII}, {"csascii", ENC_ASCII}, {"ibm367", ENC_ASCII}, {"iso646-us", ENC_ASCII},
    {"iso-ir-6", ENC_ASCII}, {"ansi-x3.4-1968", ENC_ASCII}, {"ansi-x3-4-1968", ENC_ASCII},
    {"ansi-x3.4-1986", ENC_ASCII}, {"iso-646.irv-1991", ENC_ASCII},
    {"utf-16", ENC_UTF16}, {"utf16", ENC_UTF16}, {"u16", ENC_UTF16},
    {"utf-16-le", ENC_UTF16LE}, {"utf-16le", ENC_UTF16LE}, {"unicodelittleunmarked", ENC_UTF16LE},
    {"utf-16-be", ENC_UTF16BE}, {"utf-16be", ENC_UTF16BE}, {"unicodebigunmarked", ENC_UTF16BE},
    {"utf-32", ENC_UTF32}, {"utf32", ENC_UTF32}, {"u32", ENC_UTF32},
    {"utf-32-le", ENC_UTF32LE}, {"utf-32le", ENC_UTF32LE},
    {"utf-32-be", ENC_UTF32BE}, {"utf-32be", ENC_UTF32BE},
};

static Enc lookup_encoding(const char *name)
{
    if (!name)
        return ENC_UTF8;
    /* the common spellings without normalising */
    if (!strcmp(name, "utf-8") || !strcmp(name, "utf8"))
        return ENC_UTF8;
    char buf[64];
    if (strlen(name) >= sizeof buf)
        return ENC_UNKNOWN;
    OuCodec_NormalizeName(name, buf, sizeof buf);
    for (size_t i = 0; i < sizeof enc_names / sizeof *enc_names; i++)
        if (!strcmp(buf, enc_names[i].name))
            return enc_names[i].enc;
    return ENC_UNKNOWN;
}

int OuCodec_IsBuiltin(const char *encoding)
{
    return lookup_encoding(encoding) != ENC_UNKNOWN;
}

typedef enum {
    EH_STRICT, EH_IGNORE, EH_REPLACE, EH_SURROGATEESCAPE, EH_SURROGATEPASS,
    EH_BACKSLASHREPLACE, EH_XMLCHARREFREPLACE, EH_NAMEREPLACE, EH_UNKNOWN
} ErrHandler;

static ErrHandler get_handler(const char *errors)
{
    if (!errors || !strcmp(errors, "strict")) return EH_STRICT;
    if (!strcmp(errors, "ignore")) return EH_IGNORE;
    if (!strcmp(errors, "replace")) return EH_REPLACE;
    if (!strcmp(errors, "surrogateescape")) return EH_SURROGATEESCAPE;
    if (!strcmp(errors, "surrogatepass")) return EH_SURROGATEPASS;
    if (!strcmp(errors, "backslashreplace")) return EH_BACKSLASHREPLACE;
    if (!strcmp(errors, "xmlcharrefreplace")) return EH_XMLCHARREFREPLACE;
    if (!strcmp(errors, "namereplace")) return EH_NAMEREPLACE;
    return EH_UNKNOWN;
}

static void unknown_handler(const char *errors)
{
    OuErr_Format(OuExc_LookupError, "unknown error handler name '%s'", errors);
}

/* ------------------------------------------------------------------ */
/* Exceptions                                                           */

static void raise_unicode_error(OuObject *type, const char *enc, OuObject *obj,
                                Ou_ssize_t start, Ou_ssize_t end, const char *reason)
{
    OuObject *a[5] = {OuStr_FromUTF8(enc), OU_NEWREF(obj), OuInt_FromSsize_t(start),
                      OuInt_FromSsize_t(end), OuStr_FromUTF8(reason)};
    OuObject *exc = NULL;
    if (a[0] && a[2] && a[3] && a[4])
        exc = OuException_New(type, a, 5);
    for (int i = 0; i < 5; i++)
        OU_XDECREF(a[i]);
    if (exc) {
        OuErr_SetObject(type, exc);
        OU_DECREF(exc);
    }
}

void ou_set_encode_error(const char *enc, OuObject *obj, Ou_ssize_t start, Ou_ssize_t end,
                         const char *reason)
{
    raise_unicode_error(OuExc_UnicodeEncodeError, enc, obj, start, end, reason);
}

void ou_set_decode_error(const char *enc, const char *data, Ou_ssize_t n, Ou_ssize_t start,
                         Ou_ssize_t end, const char *reason)
{
    OuObject *b = OuBytes_FromStringAndSize(data, n);
    if (!b)
        return;
    raise_unicode_error(OuExc_UnicodeDecodeError, enc, b, start, end, reason);
    OU_DECREF(b);
}

/* ------------------------------------------------------------------ */
/* Decoding helpers                                                     */

/* Apply a decode error handler to data[start:end); 0 to go on, -1 error. */
static int decode_error(OuStrBuilder *b, ErrHandler eh, const char *errors, const char *enc,
                        const char *data, Ou_ssize_t n, Ou_ssize_t start, Ou_ssize_t end,
                        const char *reason)
{
    static const char hex[] = "0123456789abcdef";
    switch (eh) {
    case EH_IGNORE:
        return 0;
    case EH_REPLACE:
        return OuStrBuilder_AppendChar(b, 0xfffd);
    case EH_BACKSLASHREPLACE:
        for (Ou_ssize_t i = start; i < end; i++) {
            unsigned char c = (unsigned char)data[i];
            char t[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
            if (OuStrBuilder_AppendASCII(b, t, 4) < 0)
                return -1;
        }
        return 0;
    case EH_SURROGATEESCAPE:
        for (Ou_ssize_t i = start; i < end; i++)
            if ((unsigned char)data[i] < 128)
                goto strict;
        for (Ou_ssize_t i = start; i < end; i++)
            if (OuStrBuilder_AppendChar(b, 0xdc00 + (unsigned char)data[i]) < 0)
                return -1;
        return 0;
    case EH_XMLCHARREFREPLACE:
    case EH_NAMEREPLACE:
        OuErr_SetString(OuExc_TypeError, "don't know how to handle UnicodeDecodeError in error callback");
        return -1;
    case EH_UNKNOWN:
        unknown_handler(errors);
        return -1;
    default:
        break;
    }
strict:
    ou_set_decode_error(enc, data, n, start, end, reason);
    return -1;
}

/* Decode one UTF-8 sequence at p[i]; returns its length with *cp set, or 0
   with *errlen and *reason describing the error. */
static inline int utf8_step(const uint8_t *p, Ou_ssize_t i, Ou_ssize_t n, uint32_t *cp,
                            Ou_ssize_t *errlen, const char **reason)
{
    uint8_t c = p[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int need;
    uint8_t lo = 0x80, hi = 0xbf;
    if (c < 0xc2) goto bad_start;
    if (c < 0xe0) need = 1;
    else if (c < 0xf0) {
        need = 2;
        if (c == 0xe0) lo = 0xa0;
        else if (c == 0xed) hi = 0x9f;
    } else if (c < 0xf5) {
        need = 3;
        if (c == 0xf0) lo = 0x90;
        else if (c == 0xf4) hi = 0x8f;
    } else goto bad_start;
    uint32_t v = c & (0x3f >> need);
    for (int k = 1; k <= need; k++) {
        if (i + k >= n) {
            *errlen = n - i;
            *reason = "unexpected end of data";
            return 0;
        }
        uint8_t x = p[i + k];
        if (k == 1 ? (x < lo || x > hi) : (x & 0xc0) != 0x80) {
            *errlen = k;
            *reason = "invalid continuation byte";
            return 0;
        }
        v = (v << 6) | (x & 0x3f);
    }
    *cp = v;
    return need + 1;
bad_start:
    *errlen = 1;
    *reason = "invalid start byte";
    return 0;
}

static Ou_ssize_t ascii_prefix(const uint8_t *p, Ou_ssize_t n)
{
    Ou_ssize_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ULL)
            break;
    }
    while (i < n && p[i] < 128)
        i++;
    return i;
}

/* The slow UTF-8 path with error handlers, from position i on. */
static OuObject *utf8_decode_slow(const uint8_t *p, Ou_ssize_t n, Ou_ssize_t i, ErrHandler eh,
                                  const char *errors, Ou_ssize_t *consumed, const char *enc)
{
    OuStrBuilder b;
    OuStrBuilder_Init(&b);
    if (OuStrBuilder_AppendASCII(&b, (const char *)p, i) < 0)
        return NULL;
    while (i < n) {
        uint32_t cp;
        Ou_ssize_t errlen;
        const char *reason;
        int k = utf8_step(p, i, n, &cp, &errlen, &reason);
        if (k) {
            if (OuStrBuilder_AppendChar(&b, cp) < 0)
                goto error;
            i += k;
            continue;
        }
        if (consumed && reason[0] == 'u')   /* incomplete at the end: stop */
            break;
        if (eh == EH_SURROGATEPASS && p[i] == 0xed && i + 2 < n && p[i + 1] >= 0xa0 &&
            p[i + 1] <= 0xbf && (p[i + 2] & 0xc0) == 0x80) {
            cp = 0xd000 | ((uint32_t)(p[i + 1] & 0x3f) << 6) | (p[i + 2] & 0x3f);
            if (OuStrBuilder_AppendChar(&b, cp) < 0)
                goto error;
            i += 3;
            continue;
        }
        if (decode_error(&b, eh, errors, enc, (const char *)p, n, i, i + errlen, reason) < 0)
            goto error;
        i += errlen;
    }
    if (consumed)
        *consumed = i;
    return OuStrBuilder_Finish(&b);
error:
    OuStrBuilder_Discard(&b);
    return NULL;
}

OuObject *ou_decode_utf8(const char *s, Ou_ssize_t n, const char *errors, Ou_ssize_t *consumed)
{
    const uint8_t *p = (const uint8_t *)s;
    Ou_ssize_t i = ascii_prefix(p, n);
    if (i == n) {
        if (consumed)
            *consumed = n;
        if (n <= 1)
            return n ? ou_str_char(p[0]) : OU_NEWREF(ou_str_empty());
        OuObject *r = OuStr_New(n, 127);
        if (r)
            memcpy(OU_STR_DATA(r), s, (size_t)n);
        return r;
    }
    /* validate, measuring the length and the widest code point */
    Ou_ssize_t len = i, j = i;
    uint32_t maxchar = 127;
    while (j < n) {
        uint32_t cp;
        Ou_ssize_t errlen;
        const char *reason;
        int k = utf8_step(p, j, n, &cp, &errlen, &reason);
        if (!k) {
            ErrHandler eh = get_handler(errors);
            if (eh == EH_STRICT && !(consumed && reason[0] == 'u')) {
                ou_set_decode_error("utf-8", s, n, j, j + errlen, reason);
                return NULL;
            }
            return utf8_decode_slow(p, n, 0, eh, errors, consumed, "utf-8");
        }
        if (cp > maxchar)
            maxchar = cp;
        j += k;
        len++;
    }
    if (consumed)
        *consumed = n;
    if (len == 1) {
        uint32_t cp = 0;
        Ou_ssize_t e;
        const char *r;
        utf8_step(p, 0, n, &cp, &e, &r);
        return ou_str_char(cp);
    }
    OuObject *r = OuStr_New(len, maxchar);
    if (!r)
        return NULL;
    int kind = OU_STR_KIND(r);
    void *d = OU_STR_DATA(r);
    ou_str_copy_chars(kind, d, 0, 1, p, 0, i);
    Ou_ssize_t o = i;
    while (i < n) {
        uint32_t cp = 0;
        Ou_ssize_t e;
        const char *reason;
        i += utf8_step(p, i, n, &cp, &e, &reason);
        OU_STR_WRITE(kind, d, o++, cp);
    }
    return r;
}

OuObject *OuCodec_DecodeLatin1(const char *data, Ou_ssize_t n)
{
    return OuStr_FromKindAndData(1, data, n);
}

OuObject *OuCodec_DecodeASCII(const char *data, Ou_ssize_t n, const char *errors)
{
    const uint8_t *p = (const uint8_t *)data;
    Ou_ssize_t i = ascii_prefix(p, n);
    if (i == n)
        return OuStr_FromKindAndData(1, data, n);
    ErrHandler eh = get_handler(errors);
    if (eh == EH_STRICT) {
        ou_set_decode_error("ascii", data, n, i, i + 1, "ordinal not in range(128)");
        return NULL;
    }
    OuStrBuilder b;
    OuStrBuilder_Init(&b);
    for (i = 0; i < n; i++) {
        int r = p[i] < 128 ? OuStrBuilder_AppendChar(&b, p[i])
                           : decode_error(&b, eh, errors, "ascii", data, n, i, i + 1,
                                          "ordinal not in range(128)");
        if (r < 0) {
            OuStrBuilder_Discard(&b);
            return NULL;
        }
    }
    return OuStrBuilder_Finish(&b);
}

OuObject *OuCodec_DecodeUTF16(const char *data, Ou_ssize_t n, const char *errors,
                              int *byteorder, Ou_ssize_t *consumed)
{
    const uint8_t *p = (const uint8_t *)data;
    int bo = byteorder ? *byteorder : 0;
    Ou_ssize_t i = 0;
    if (bo == 0 && n >= 2) {
        if (p[0] == 0xff && p[1] == 0xfe) bo = -1, i = 2;
        else if (p[0] == 0xfe && p[1] == 0xff) bo = 1, i = 2;
    }
    if (bo == 0 && n < 2 && consumed) {
        *consumed = 0;
        return OU_NEWREF(ou_str_empty());
    }
    if (bo == 0)
        bo = -1;
    if (byteorder)
        *byteorder = bo;
    const char *enc = bo < 0 ? "utf-16-le" : "utf-16-be";
    int hi = bo < 0 ? 1 : 0, lo = 1 - hi;
    ErrHandler eh = get_handler(errors);
    OuStrBuilder b;
    OuStrBuilder_Init(&b);
    while (i < n) {
        Ou_ssize_t es, ee;
        const char *reason;
        if (n - i < 2) {
            if (consumed) break;
            es = i, ee = n, reason = "truncated data";
            goto err;
        }
        uint32_t u = ((uint32_t)p[i + hi] << 8) | p[i + lo];
        if (u < 0xd800 || u > 0xdfff) {
            if (OuStrBuilder_AppendChar(&b, u) < 0) goto fail;
            i += 2;
            continue;
        }
        if (u >= 0xdc00) {
            es = i, ee = i + 2, reason = "illegal encoding";
            goto err;
        }
        if (n - i < 4) {
            if (consumed) break;
            es = i, ee = n, reason = "unexpected end of data";
            goto err;
        }
        uint32_t u2 = ((uint32_t)p[i + 2 + hi] << 8) | p[i + 2 + lo];
        if (u2 >= 0xdc00 && u2 <= 0xdfff) {
            if (OuStrBuilder_AppendChar(&b, 0x10000 + ((u - 0xd800) << 10) + (u2 - 0xdc00)) < 0)
                goto fail;
            i += 4;
            continue;
        }
        es = i, ee = i + 2, reason = "illegal UTF-16 surrogate";
    err:
        if (eh == EH_SURROGATEPASS && ee - es == 2 && n - i >= 2) {
            uint32_t s = ((uint32_t)p[i + hi] << 8) | p[i + lo];
            if (s >= 0xd800 && s <= 0xdfff) {
                if (OuStrBuilder_AppendChar(&b, s) < 0) goto fail;
                i += 2;
                continue;
            }
        }
        if (decode_error(&b, eh, errors, enc, data, n, es, ee, reason) < 0)
            goto fail;
        i = ee;
    }
    if (consumed)
        *consumed = i;
    return OuStrBuilder_Finish(&b);
fail:
    OuStrBuilder_Discard(&b);
    return NULL;
}

OuObject *OuCodec_DecodeUTF32(const char *data, Ou_ssize_t n, const char *errors,
                              int *byteorder, Ou_ssize_t *consumed)
{
    const uint8_t *p = (const uint8_t *)data;
    int bo = byteorder ? *byteorder : 0;
    Ou_ssize_t i = 0;
    if (bo == 0 && n >= 4) {
        if (p[0] == 0xff && p[1] == 0xfe && !p[2] && !p[3]) bo = -1, i = 4;
        else if (!p[0] && !p[1] && p[2] == 0xfe && p[3] == 0xff) bo = 1, i = 4;
    }
    if (bo == 0 && n < 4 && consumed) {
        *consumed = 0;
        return OU_NEWREF(ou_str_empty());
    }
    if (bo == 0)
        bo = -1;
    if (byteorder)
        *byteorder = bo;
    const char *enc = bo < 0 ? "utf-32-le" : "utf-32-be";
    ErrHandler eh = get_handler(errors);
    OuStrBuilder b;
    OuStrBuilder_Init(&b);
    while (i < n) {
        Ou_ssize_t ee;
        const char *reason;
        if (n - i < 4) {
            if (consumed) break;
            ee = n, reason = "truncated data";
        } else {
            uint32_t u = bo < 0 ? (uint32_t)p[i] | (uint32_t)p[i + 1] << 8 | (uint32_t)p[i + 2] << 16 | (uint32_t)p[i + 3] << 24
                                : (uint32_t)p[i + 3] | (uint32_t)p[i + 2] << 8 | (uint32_t)p[i + 1] << 16 | (uint32_t)p[i] << 24;
            ee = i + 4;
            if (u > 0x10ffff)
                reason = "code point not in range(0x110000)";
            else if (u >= 0xd800 && u <= 0xdfff && eh != EH_SURROGATEPASS)
                reason = "code point in surrogate code point range(0xd800, 0xe000)";
            else {
                if (OuStrBuilder_AppendChar(&b, u) < 0) goto fail;
                i += 4;
                continue;
            }
        }
        if (decode_error(&b, eh, errors, enc, data, n, i, ee, reason) < 0)
            goto fail;
        i = ee;
    }
    if (consumed)
        *consumed = i;
    return OuStrBuilder_Finish(&b);
fail:
    OuStrBuilder_Discard(&b);
    return NULL;
}

OuObject *OuCodec_Decode(const char *data, Ou_ssize_t n, const char *encoding,
                         const char *errors, Ou_ssize_t *consumed)
{
    int bo;
    switch (lookup_encoding(encoding)) {
    case ENC_UTF8:
        return ou_decode_utf8(data, n, errors, consumed);
    case ENC_UTF8_SIG:
        if (n >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) {
            OuObject *r = ou_decode_utf8(data + 3, n - 3, errors, consumed);
            if (r && consumed)
                *consumed += 3;
            return r;
        }
        return ou_decode_utf8(data, n, errors, consumed);
    case ENC_LATIN1:
        if (consumed) *consumed = n;
        return OuCodec_DecodeLatin1(data, n);
    case ENC_ASCII:
        if (consumed) *consumed = n;
        return OuCodec_DecodeASCII(data, n, errors);
    case ENC_UTF16: bo = 0; return OuCodec_DecodeUTF16(data, n, errors, &bo, consumed);
    case ENC_UTF16LE: bo = -1; return OuCodec_DecodeUTF16(data, n, errors, &bo, consumed);
    case ENC_UTF16BE: bo = 1; return OuCodec_DecodeUTF16(data, n, errors, &bo, consumed);
    case ENC_UTF32: bo = 0; return OuCodec_DecodeUTF32(data, n, errors, &bo, consumed);
    case ENC_UTF32LE: bo = -1; return OuCodec_DecodeUTF32(data, n, errors, &bo, consumed);
    case ENC_UTF32BE: bo = 1; return OuCodec_DecodeUTF32(data, n, errors, &bo, consumed);
    default:
        /* TODO (phase 2): fall back to the Python-level codec registry. */
        return OuErr_Format(OuExc_LookupError, "unknown encoding: %s", encoding);
    }
}

OuObject *OuStr_Decode(const char *data, Ou_ssize_t n, const char *encoding, const char *errors)
{
    return OuCodec_Decode(data, n, encoding, errors, NULL);
}

/* ------------------------------------------------------------------ */
/* Encoding                                                             */

typedef struct {
    char *buf;
    Ou_ssize_t len, cap;
} ByteBuf;

static int bb_reserve(ByteBuf *b, Ou_ssize_t extra)
{
    if (b->len + extra <= b->cap)
        return 0;
    Ou_ssize_t cap = b->cap ? b->cap * 2 : 64;
    while (cap < b->len + extra)
        cap *= 2;
    char *nb = Ou_Realloc(b->buf, (size_t)cap);
    if (!nb) {
        OuErr_NoMemory();
        return -1;
    }
    b->buf = nb;
    b->cap = cap;
    return 0;
}

static OuObject *bb_finish(ByteBuf *b)
{
    OuObject *r = OuBytes_FromStringAndSize(b->buf ? b->buf : "", b->len);
    Ou_Free(b->buf);
    return r;
}

/* Write code point c in encoding e (c must be encodable, or a surrogate
   being passed through). */
static int put_char(ByteBuf *b, Enc e, uint32_t c)
{
    if (bb_reserve(b, 4) < 0)
        return -1;
    uint8_t *o = (uint8_t *)b->buf + b->len;
    switch (e) {
    case ENC_LATIN1: case ENC_ASCII:
        o[0] = (uint8_t)c;
        b->len += 1;
        return 0;
    case ENC_UTF16LE: case ENC_UTF16BE: {
        int big = e == ENC_UTF16BE;
        if (c >= 0x10000) {
            uint32_t h = 0xd800 + ((c - 0x10000) >> 10), l = 0xdc00 + ((c - 0x10000) & 0x3ff);
            o[0] = (uint8_t)(big ? h >> 8 : h); o[1] = (uint8_t)(big ? h : h >> 8);
            o[2] = (uint8_t)(big ? l >> 8 : l); o[3] = (uint8_t)(big ? l : l >> 8);
            b->len += 4;
        } else {
            o[0] = (uint8_t)(big ? c >> 8 : c); o[1] = (uint8_t)(big ? c : c >> 8);
            b->len += 2;
        }
        return 0;
    }
    case ENC_UTF32LE:
        o[0] = (uint8_t)c; o[1] = (uint8_t)(c >> 8); o[2] = (uint8_t)(c >> 16); o[3] = 0;
        b->len += 4;
        return 0;
    case ENC_UTF32BE:
        o[3] = (uint8_t)c; o[2] = (uint8_t)(c >> 8); o[1] = (uint8_t)(c >> 16); o[0] = 0;
        b->len += 4;
        return 0;
    default:   /* utf-8 */
        if (c < 0x80) {
            o[0] = (uint8_t)c;
            b->len += 1;
        } else if (c < 0x800) {
            o[0] = (uint8_t)(0xc0 | (c >> 6)); o[1] = (uint8_t)(0x80 | (c & 0x3f));
            b->len += 2;
        } else if (c < 0x10000) {
            o[0] = (uint8_t)(0xe0 | (c >> 12)); o[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
            o[2] = (uint8_t)(0x80 | (c & 0x3f));
            b->len += 3;
        } else {
            o[0] = (uint8_t)(0xf0 | (c >> 18)); o[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3f));
            o[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3f)); o[3] = (uint8_t)(0x80 | (c & 0x3f));
            b->len += 4;
        }
        return 0;
    }
}

static inline int encodable(Enc e, uint32_t c)
{
    if (e == ENC_ASCII) return c < 128;
    if (e == ENC_LATIN1) return c < 256;
    return c < 0xd800 || c > 0xdfff;
}

static int put_ascii_text(ByteBuf *b, Enc e, const char *t)
{
    for (; *t; t++)
        if (put_char(b, e, (uint8_t)*t) < 0)
            return -1;
    return 0;
}

/* The general encoder: every code point through put_char, errors through
   the handler. encname is the name used in UnicodeEncodeError. */
static OuObject *encode_generic(OuObject *s, Enc e, const char *encname, const char *errors,
                                const char *bom, Ou_ssize_t bomlen)
{
    ErrHandler eh = get_handler(errors);
    const char *reason = e == ENC_ASCII ? "ordinal not in range(128)"
                       : e == ENC_LATIN1 ? "ordinal not in range(256)" : "surrogates not allowed";
    int k = OU_STR_KIND(s);
    const void *d = OU_STR_DATA(s);
    Ou_ssize_t n = OU_STR_LEN(s);
    ByteBuf b = {NULL, 0, 0};
    if (bb_reserve(&b, n + bomlen + 8) < 0)
        return NULL;
    memcpy(b.buf, bom, (size_t)bomlen);
    b.len = bomlen;
    for (Ou_ssize_t i = 0; i < n;) {
        uint32_t c = OU_STR_READ(k, d, i);
        if (encodable(e, c)) {
            if (put_char(&b, e, c) < 0)
                goto fail;
            i++;
            continue;
        }
        Ou_ssize_t j = i + 1;
        while (j < n && !encodable(e, OU_STR_READ(k, d, j)))
            j++;
        char tmp[32];
        switch (eh) {
        case EH_IGNORE:
            break;
        case EH_REPLACE:
            for (Ou_ssize_t x = i; x < j; x++)
                if (put_char(&b, e, '?') < 0)
                    goto fail;
            break;
        case EH_BACKSLASHREPLACE:
        case EH_NAMEREPLACE:
            for (Ou_ssize_t x = i; x < j; x++) {
                uint32_t ch = OU_STR_READ(k, d, x);
                if (ch < 0x100) snprintf(tmp, sizeof tmp, "\\x%02x", ch);
                else if (ch < 0x10000) snprintf(tmp, sizeof tmp, "\\u%04x", ch);
                else snprintf(tmp, sizeof tmp, "\\U%08x", ch);
                if (put_ascii_text(&b, e, tmp) < 0)
                    goto fail;
            }
            break;
        case EH_XMLCHARREFREPLACE:
            for (Ou_ssize_t x = i; x < j; x++) {
                snprintf(tmp, sizeof tmp, "&#%u;", (unsigned)OU_STR_READ(k, d, x));
                if (put_ascii_text(&b, e, tmp) < 0)
                    goto fail;
            }
            break;
        case EH_SURROGATEESCAPE:
            if (e != ENC_UTF8 && e != ENC_ASCII && e != ENC_LATIN1)
                goto strict;
            for (Ou_ssize_t x = i; x < j; x++) {
                uint32_t ch = OU_STR_READ(k, d, x);
                if (ch < 0xdc80 || ch > 0xdcff)
                    goto strict;
            }
            if (bb_reserve(&b, j - i) < 0)
                goto fail;
            for (Ou_ssize_t x = i; x < j; x++)
                b.buf[b.len++] = (char)(OU_STR_READ(k, d, x) - 0xdc00);
            break;
        case EH_SURROGATEPASS:
            if (e == ENC_ASCII || e == ENC_LATIN1)
                goto strict;
            for (Ou_ssize_t x = i; x < j; x++) {
                uint32_t ch = OU_STR_READ(k, d, x);
                if (e == ENC_UTF16LE || e == ENC_UTF16BE) {
                    if (bb_reserve(&b, 2) < 0)
                        goto fail;
                    int big = e == ENC_UTF16BE;
                    b.buf[b.len++] = (char)(big ? ch >> 8 : ch);
                    b.buf[b.len++] = (char)(big ? ch : ch >> 8);
                } else if (put_char(&b, e, ch) < 0)
                    goto fail;
            }
            break;
        case EH_UNKNOWN:
            unknown_handler(errors);
            goto fail;
        default:
        strict:
            ou_set_encode_error(encname, s, i, j, reason);
            goto fail;
        }
        i = j;
    }
    return bb_finish(&b);
fail:
    Ou_Free(b.buf);
    return NULL;
}

/* Length of the UTF-8 form of s, or -1 if it holds a surrogate (*bad set). */
static Ou_ssize_t utf8_size(OuObject *s, Ou_ssize_t *bad)
{
    int k = OU_STR_KIND(s);
    const void *d = OU_STR_DATA(s);
    Ou_ssize_t n = OU_STR_LEN(s), size = n;
    if (OU_STR_IS_ASCII(s))
        return n;
    if (k == 1) {
        const uint8_t *p = d;
        for (Ou_ssize_t i = 0; i < n; i++)
            size += p[i] >> 7;
        return size;
    }
    for (Ou_ssize_t i = 0; i < n; i++) {
        uint32_t c = OU_STR_READ(k, d, i);
        if (c >= 0x80) {
            if (c >= 0xd800 && c <= 0xdfff) {
                *bad = i;
                return -1;
            }
            size += c < 0x800 ? 1 : c < 0x10000 ? 2 : 3;
        }
    }
    return size;
}

static void utf8_write(OuObject *s, char *out)
{
    int k = OU_STR_KIND(s);
    const void *d = OU_STR_DATA(s);
    Ou_ssize_t n = OU_STR_LEN(s);
    uint8_t *o = (uint8_t *)out;
    if (OU_STR_IS_ASCII(s)) {
        memcpy(o, d, (size_t)n);
        return;
    }
    for (Ou_ssize_t i = 0; i < n; i++) {
        uint32_t c = OU_STR_READ(k, d, i);
        if (c < 0x80) {
            *o++ = (uint8_t)c;
        } else if (c < 0x800) {
            *o++ = (uint8_t)(0xc0 | (c >> 6));
            *o++ = (uint8_t)(0x80 | (c & 0x3f));
        } else if (c < 0x10000) {
            *o++ = (uint8_t)(0xe0 | (c >> 12));
            *o++ = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
            *o++ = (uint8_t)(0x80 | (c & 0x3f));
        } else {
            *o++ = (uint8_t)(0xf0 | (c >> 18));
            *o++ = (uint8_t)(0x80 | ((c >> 12) & 0x3f));
            *o++ = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
            *o++ = (uint8_t)(0x80 | (c & 0x3f));
        }
    }
}

static void raise_surrogate_run(OuObject *s, Ou_ssize_t i)
{
    Ou_ssize_t j = i + 1;
    while (j < OU_STR_LEN(s)) {
        uint32_t c = OU_STR_CHAR(s, j);
        if (c < 0xd800 || c > 0xdfff)
            break;
        j++;
    }
    ou_set_encode_error("utf-8", s, i, j, "surrogates not allowed");
}

char *ou_str_utf8_raw(OuObject *s, Ou_ssize_t *len)
{
    Ou_ssize_t bad = 0, size = utf8_size(s, &bad);
    if (size < 0) {
        raise_surrogate_run(s, bad);
        return NULL;
    }
    char *out = Ou_Malloc((size_t)size + 1);
    if (!out) {
        OuErr_NoMemory();
        return NULL;
    }
    utf8_write(s, out);
    out[size] = 0;
    *len = size;
    return out;
}

OuObject *ou_encode_utf8(OuObject *s, const char *errors)
{
    OuStrObject *u = (OuStrObject *)s;
    if (u->utf8)
        return OuBytes_FromStringAndSize(u->utf8, u->utf8_length);
    Ou_ssize_t bad = 0, size = utf8_size(s, &bad);
    if (size < 0)
        return encode_generic(s, ENC_UTF8, "utf-8", errors, "", 0);
    OuObject *b = OuBytes_FromStringAndSize(NULL, size);
    if (b)
        utf8_write(s, OU_BYTES_DATA(b));
    return b;
}

OuObject *OuCodec_EncodeLatin1(OuObject *s, const char *errors)
{
    if (OU_STR_KIND(s) == 1)
        return OuBytes_FromStringAndSize(OU_STR_DATA(s), OU_STR_LEN(s));
    return encode_generic(s, ENC_LATIN1, "latin-1", errors, "", 0);
}

OuObject *OuCodec_EncodeASCII(OuObject *s, const char *errors)
{
    if (OU_STR_IS_ASCII(s))
        return OuBytes_FromStringAndSize(OU_STR_DATA(s), OU_STR_LEN(s));
    return encode_generic(s, ENC_ASCII, "ascii", errors, "", 0);
}

OuObject *OuCodec_EncodeUTF16(OuObject *s, const char *errors, int byteorder)
{
    if (byteorder == 0)
        return encode_generic(s, ENC_UTF16LE, "utf-16", errors, "\xff\xfe", 2);
    return encode_generic(s, byteorder < 0 ? ENC_UTF16LE : ENC_UTF16BE,
                          byteorder < 0 ? "utf-16-le" : "utf-16-be", errors, "", 0);
}

OuObject *OuCodec_EncodeUTF32(OuObject *s, const char *errors, int byteorder)
{
    if (byteorder == 0)
        return encode_generic(s, ENC_UTF32LE, "utf-32", errors, "\xff\xfe\x00\x00", 4);
    return encode_generic(s, byteorder < 0 ? ENC_UTF32LE : ENC_UTF32BE,
                          byteorder < 0 ? "utf-32-le" : "utf-32-be", errors, "", 0);
}

OuObject *OuCodec_Encode(OuObject *s, const char *encoding, const char *errors)
{
    switch (lookup_encoding(encoding)) {
    case ENC_UTF8: return ou_encode_utf8(s, errors);
    case ENC_UTF8_SIG: {
        OuObject *body = ou_encode_utf8(s, errors);
        if (!body)
            return NULL;
        OuObject *r = OuBytes_FromStringAndSize(NULL, OU_BYTES_LEN(body) + 3);
        if (r) {
            memcpy(OU_BYTES_DATA(r), "\xef\xbb\xbf", 3);
            memcpy(OU_BYTES_DATA(r) + 3, OU_BYTES_DATA(body), (size_t)OU_BYTES_LEN(body));
        }
        OU_DECREF(body);
        return r;
    }
    case ENC_LATIN1: return OuCodec_EncodeLatin1(s, errors);
    case ENC_ASCII: return OuCodec_EncodeASCII(s, errors);
    case ENC_UTF16: return OuCodec_EncodeUTF16(s, errors, 0);
    case ENC_UTF16LE: return OuCodec_EncodeUTF16(s, errors, -1);
    case ENC_UTF16BE: return OuCodec_EncodeUTF16(s, errors, 1);
    case ENC_UTF32: return OuCodec_EncodeUTF32(s, errors, 0);
    case ENC_UTF32LE: return OuCodec_EncodeUTF32(s, errors, -1);
    case ENC_UTF32BE: return OuCodec_EncodeUTF32(s, errors, 1);
    default:
        /* TODO (phase 2): fall back to the Python-level codec registry. */
        return OuErr_Format(OuExc_LookupError, "unknown encoding: %s", encoding);
    }
}

OuObject *OuStr_Encode(OuObject *s, const char *encoding, const char *errors)
{
    return OuCodec_Encode(s, encoding, errors);
}

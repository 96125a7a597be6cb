/* str_internal.h -- helpers shared by the str/bytes implementation files
   (strobject.c, strmethods.c, strformat.c, codecs.c, bytesobject.c,
   bytearrayobject.c, buffer.c). Not public API.

   Representation invariants of str (see strobject.h):
   - canonical: kind is the narrowest of 1/2/4 that holds the widest code
     point, and ascii == (all code points < 128); so equal strings have equal
     kind and bytes, and a needle of a wider kind never occurs in a narrower
     haystack.
   - exact str: one allocation (Ou_Malloc), data inline right after the
     struct; str subclass instances come from tp_alloc and their data is a
     separate Ou_Malloc block (freed by str_dealloc).
   - "" and the 256 one-character latin-1 strings are immortal singletons. */
#ifndef OU_STR_INTERNAL_H
#define OU_STR_INTERNAL_H
#include "core/ouro.h"
#include "objects/unicodectype.h"

#define OU_KIND_FOR(maxchar) ((maxchar) < 256 ? 1 : (maxchar) < 65536 ? 2 : 4)

/* The widest code point class of a canonical str: 127, 255, 0xffff or 0x10ffff. */
static inline uint32_t ou_str_maxclass(OuObject *s)
{
    OuStrObject *u = (OuStrObject *)s;
    return u->ascii ? 127 : u->kind == 1 ? 255 : u->kind == 2 ? 0xffff : 0x10ffff;
}

OuObject *ou_str_empty(void);                       /* borrowed immortal "" */
OuObject *ou_str_char(uint32_t c);                  /* new ref, any code point */
/* Widest code point of data; for kind 1 only the class (127 or 255) is exact. */
uint32_t ou_str_maxchar(int kind, const void *data, Ou_ssize_t n);
OuObject *ou_str_from_ucs4(const uint32_t *u, Ou_ssize_t n);
/* Copy n code points between kinds (dst kind must hold every source char). */
void ou_str_copy_chars(int dkind, void *dst, Ou_ssize_t di,
                       int skind, const void *src, Ou_ssize_t si, Ou_ssize_t n);
/* For a fresh kind-1 str filled by the caller: recompute the ascii flag. */
void ou_str_fix_ascii(OuObject *s);
/* Same-kind search of needle (m code points) in hay (n); direction > 0 finds
   the first, < 0 the last occurrence. Returns the index or -1. */
Ou_ssize_t ou_search(int kind, const void *hay, Ou_ssize_t n,
                     const void *needle, Ou_ssize_t m, int direction);
Ou_ssize_t ou_count(int kind, const void *hay, Ou_ssize_t n,
                    const void *needle, Ou_ssize_t m, Ou_ssize_t maxcount);
/* Bring needle to hay's kind: *buf receives a malloc'd copy when a widening
   was needed (free it); returns 0 if the needle cannot occur (wider kind),
   1 if usable, -1 on memory error. */
int ou_str_needle_as(OuObject *hay, OuObject *needle, const void **data, void **buf);
/* Clamp [start, end) CPython-style from optional slice-index objects. */
int ou_parse_slice_args(OuObject *ostart, OuObject *oend, Ou_ssize_t len,
                        Ou_ssize_t *start, Ou_ssize_t *end) OU_WUR;
int ou_eval_slice_index(OuObject *o, Ou_ssize_t *out) OU_WUR; /* None leaves *out */
Ou_hash_t ou_hash_bytes(const void *data, Ou_ssize_t n);
OuObject *ou_str_exact_copy(OuObject *s);           /* exact str with the same value */
/* Instance of str subtype `type` holding the value of exact str s. */
OuObject *ou_str_subtype_new(OuTypeObject *type, OuObject *s);
/* Ensure room for n more code points up to maxchar (widens the builder). */
int ou_builder_prepare(OuStrBuilder *b, Ou_ssize_t n, uint32_t maxchar) OU_WUR;
/* Ou_ssize_t from an int-like argument (TypeError/OverflowError otherwise). */
int ou_ssize_arg(OuObject *o, Ou_ssize_t *out) OU_WUR;

/* codecs.c */
OuObject *ou_decode_utf8(const char *s, Ou_ssize_t n, const char *errors, Ou_ssize_t *consumed);
OuObject *ou_encode_utf8(OuObject *s, const char *errors);
/* UTF-8 of s in a fresh Ou_Malloc block (NUL-terminated); NULL + error on surrogates. */
char *ou_str_utf8_raw(OuObject *s, Ou_ssize_t *len);
void ou_set_encode_error(const char *enc, OuObject *obj, Ou_ssize_t start,
                         Ou_ssize_t end, const char *reason);
void ou_set_decode_error(const char *enc, const char *data, Ou_ssize_t n,
                         Ou_ssize_t start, Ou_ssize_t end, const char *reason);

/* strmethods.c / strformat.c */
extern OuMethodDef ou_str_methods[];
OuObject *ou_str_mod(OuObject *fmt, OuObject *args);            /* fmt % args */
OuObject *ou_str_format_method(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames);
OuObject *ou_str_format_map(OuObject *self, OuObject *mapping);
OuObject *ou_str_dunder_format(OuObject *self, OuObject *spec);
/* Apply a parsed spec to a str (fill/align/width/precision); type must be 0 or 's'. */
struct OuFormatSpec;
/* Parsed standard format spec ([[fill]align][sign][z][#][0][width][,|_][.prec][type]). */
typedef struct OuFormatSpec {
    uint32_t fill;
    char align;       /* '<' '>' '^' '=' or 0 */
    char sign;        /* '+' '-' ' ' or 0 */
    char no_neg_zero; /* 'z' */
    char alternate;   /* '#' */
    char zero;        /* '0' given before width */
    Ou_ssize_t width; /* -1 absent */
    char thousands;   /* ',' '_' or 0 */
    Ou_ssize_t precision; /* -1 absent */
    uint32_t type;    /* 0 absent */
} OuFormatSpec;
int OuFormatSpec_Parse(OuObject *spec, OuFormatSpec *out) OU_WUR;
OuObject *ou_str_format_spec(OuObject *s, const OuFormatSpec *spec);

/* bytesobject.c: pieces shared by bytes and bytearray */
extern OuTypeObject OuBytesIter_Type, OuByteArrayIter_Type;
OuObject *ou_bytes_repr_data(const char *data, Ou_ssize_t n, const char *prefix, const char *suffix, int smartquotes);
OuObject *ou_bytes_make(int as_bytearray, const char *data, Ou_ssize_t n);
OuObject *ou_bytes_hex(const char *data, Ou_ssize_t n, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames, const char *fname);
OuObject *ou_bytes_fromhex(OuObject *type, OuObject *arg);
OuObject *ou_bytes_richcompare_data(const char *a, Ou_ssize_t na, const char *b, Ou_ssize_t nb, int op);
/* Bytes data of a bytes/bytearray (borrowed). */
static inline const char *ou_bytes_data_of(OuObject *o, Ou_ssize_t *n)
{
    if (OuBytes_Check(o)) { *n = OU_BYTES_LEN(o); return OU_BYTES_DATA(o); }
    *n = OU_SIZE(o);
    return ((OuByteArrayObject *)o)->data;
}
/* Fill a byte buffer from bytes()/bytearray() constructor arguments.
   On success *out is an Ou_Malloc block (may be NULL when *n == 0). */
int ou_bytes_from_args(OuObject *source, OuObject *encoding, OuObject *errors,
                       const char *fname, char **out, Ou_ssize_t *n) OU_WUR;
OuObject *ou_bytes_repeat_data(int as_bytearray, const char *d, Ou_ssize_t len, Ou_ssize_t n);
int ou_bytes_contains_data(const char *d, Ou_ssize_t n, OuObject *item);   /* `item in data` */
/* One byte value 0..255 from an int-like object, ValueError/TypeError otherwise. */
int ou_byte_from_object(OuObject *o, int *out) OU_WUR;
/* Method implementations shared by bytes and bytearray (self may be either);
   all use the OU_METH_FAST signature (the flag column is informative). */
#define OU_BYTES_SHARED_FUNCS(X) \
    X(decode, OU_METH_FAST) X(hex, OU_METH_FAST) X(join, OU_METH_O) \
    X(split, OU_METH_FAST) X(rsplit, OU_METH_FAST) X(strip, OU_METH_FAST) \
    X(lstrip, OU_METH_FAST) X(rstrip, OU_METH_FAST) X(startswith, OU_METH_FAST) \
    X(endswith, OU_METH_FAST) X(find, OU_METH_FAST) X(rfind, OU_METH_FAST) \
    X(index, OU_METH_FAST) X(rindex, OU_METH_FAST) X(count, OU_METH_FAST) \
    X(replace, OU_METH_FAST) X(upper, OU_METH_NOARGS) X(lower, OU_METH_NOARGS) \
    X(partition, OU_METH_O) X(rpartition, OU_METH_O) X(isdigit, OU_METH_NOARGS) \
    X(isalpha, OU_METH_NOARGS) X(isalnum, OU_METH_NOARGS) X(isspace, OU_METH_NOARGS) \
    X(islower, OU_METH_NOARGS) X(isupper, OU_METH_NOARGS) X(isascii, OU_METH_NOARGS) \
    X(removeprefix, OU_METH_O) X(removesuffix, OU_METH_O) X(splitlines, OU_METH_FAST) \
    X(center, OU_METH_FAST) X(ljust, OU_METH_FAST) X(rjust, OU_METH_FAST) \
    X(zfill, OU_METH_O) X(capitalize, OU_METH_NOARGS) X(swapcase, OU_METH_NOARGS) \
    X(title, OU_METH_NOARGS) X(istitle, OU_METH_NOARGS) X(expandtabs, OU_METH_FAST)
#define OU_BYTES_DECLARE_SHARED(name, flags) \
    OuObject *ou_bytes_m_##name(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames);
OU_BYTES_SHARED_FUNCS(OU_BYTES_DECLARE_SHARED)
#undef OU_BYTES_DECLARE_SHARED
#define OU_BYTES_SHARED_DEF(name, flags) { #name, (void *)ou_bytes_m_##name, OU_METH_FAST, NULL },
#endif

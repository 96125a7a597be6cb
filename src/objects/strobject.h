/* strobject.h -- str: immutable Unicode, stored with the narrowest fixed
   width that holds its widest code point (1, 2 or 4 bytes), so indexing is
   O(1). A NUL follows the data. ASCII strings are their own UTF-8. */
#ifndef OU_STROBJECT_H
#define OU_STROBJECT_H
#include "../core/object.h"

typedef struct {
    OuObject_HEAD
    Ou_ssize_t length;        /* in code points */
    Ou_hash_t hash;           /* -1 until computed */
    uint8_t kind;             /* 1, 2 or 4 bytes per code point */
    uint8_t ascii;            /* all code points < 128 */
    uint8_t interned;
    char *utf8;               /* cached UTF-8 (== data when ascii), NUL-terminated, or NULL */
    Ou_ssize_t utf8_length;
    void *data;               /* points just past the struct for exact str */
} OuStrObject;

extern OuTypeObject OuStr_Type;
#define OuStr_Check(o) (OU_TYPE(o)->tp_flags & OU_TPFLAGS_STR_SUBCLASS)
#define OuStr_CheckExact(o) (OU_TYPE(o) == &OuStr_Type)
#define OU_STR_LEN(o) (((OuStrObject *)(o))->length)
#define OU_STR_KIND(o) (((OuStrObject *)(o))->kind)
#define OU_STR_DATA(o) (((OuStrObject *)(o))->data)
#define OU_STR_IS_ASCII(o) (((OuStrObject *)(o))->ascii)
static inline uint32_t OU_STR_READ(int kind, const void *data, Ou_ssize_t i)
{
    return kind == 1 ? ((const uint8_t *)data)[i]
         : kind == 2 ? ((const uint16_t *)data)[i] : ((const uint32_t *)data)[i];
}
static inline void OU_STR_WRITE(int kind, void *data, Ou_ssize_t i, uint32_t c)
{
    if (kind == 1) ((uint8_t *)data)[i] = (uint8_t)c;
    else if (kind == 2) ((uint16_t *)data)[i] = (uint16_t)c;
    else ((uint32_t *)data)[i] = c;
}
#define OU_STR_CHAR(o, i) OU_STR_READ(OU_STR_KIND(o), OU_STR_DATA(o), (i))

OuObject *OuStr_New(Ou_ssize_t length, uint32_t maxchar);  /* uninitialised data to fill */
OuObject *OuStr_FromUTF8(const char *s);
OuObject *OuStr_FromUTF8AndSize(const char *s, Ou_ssize_t n);   /* strict; UnicodeDecodeError */
OuObject *OuStr_FromKindAndData(int kind, const void *data, Ou_ssize_t len); /* narrows */
OuObject *OuStr_FromOrdinal(uint32_t c);                          /* chr(); single chars cached */
OuObject *OuStr_FromFormat(const char *fmt, ...);
OuObject *OuStr_FromFormatV(const char *fmt, va_list va);
/* Format codes: %s (UTF-8 char*), %c (int code point), %d %i %u %ld %lu %lld %llu %zd %zu %x,
   %p, %% and: %S str(obj), %R repr(obj), %A ascii(obj), %U a str object, %T type name of obj,
   %V (str object, or char* when it is NULL). A precision (%.200s) truncates. */
const char *OuStr_AsUTF8(OuObject *s);            /* cached; NULL + UnicodeEncodeError on lone surrogates */
const char *OuStr_AsUTF8AndSize(OuObject *s, Ou_ssize_t *size);
OuObject *OuStr_InternFromString(const char *s);  /* new ref to the interned string */
void OuStr_InternInPlace(OuObject **s);
OuObject *OuStr_Concat(OuObject *a, OuObject *b);
OuObject *OuStr_Join(OuObject *sep, OuObject *iterable);
OuObject *OuStr_Substring(OuObject *s, Ou_ssize_t start, Ou_ssize_t end);
int OuStr_Compare(OuObject *a, OuObject *b);      /* -1, 0, 1 by code point */
int OuStr_Equal(OuObject *a, OuObject *b);        /* both exact-or-sub str */
int OuStr_EqualToASCII(OuObject *s, const char *ascii);
Ou_hash_t OuStr_Hash(OuObject *s);
Ou_ssize_t OuStr_Find(OuObject *s, OuObject *sub, Ou_ssize_t start, Ou_ssize_t end, int direction);
OuObject *OuStr_Repr(OuObject *s);                /* the quoted repr */
OuObject *OuStr_Encode(OuObject *s, const char *encoding, const char *errors);
OuObject *OuStr_Decode(const char *data, Ou_ssize_t n, const char *encoding, const char *errors);
int OuStr_IsIdentifier(OuObject *s);
/* The string of one cached name, e.g. OU_ID(__init__); see names.h. */

/* A growable string buffer for building results (src/objects/strbuilder.c). */
typedef struct {
    void *data;
    Ou_ssize_t len, cap;
    int kind;
    uint32_t maxchar;
} OuStrBuilder;
void OuStrBuilder_Init(OuStrBuilder *b);
int OuStrBuilder_AppendChar(OuStrBuilder *b, uint32_t c) OU_WUR;
int OuStrBuilder_AppendASCII(OuStrBuilder *b, const char *s, Ou_ssize_t n) OU_WUR;
int OuStrBuilder_AppendUTF8(OuStrBuilder *b, const char *s, Ou_ssize_t n) OU_WUR;
int OuStrBuilder_AppendStr(OuStrBuilder *b, OuObject *s) OU_WUR;
int OuStrBuilder_AppendSubstr(OuStrBuilder *b, OuObject *s, Ou_ssize_t start, Ou_ssize_t end) OU_WUR;
OuObject *OuStrBuilder_Finish(OuStrBuilder *b);   /* consumes the builder */
void OuStrBuilder_Discard(OuStrBuilder *b);

/* Iterators over str: str_ascii_iterator for ASCII strings, str_iterator otherwise. */
extern OuTypeObject OuStrIter_Type, OuStrAsciiIter_Type;
/* Case conversion of a whole str (full Unicode mappings). */
OuObject *OuStr_Lower(OuObject *s);
OuObject *OuStr_Upper(OuObject *s);
/* s.split(sep, maxsplit): sep NULL splits on whitespace. */
OuObject *OuStr_Split(OuObject *s, OuObject *sep, Ou_ssize_t maxsplit);
/* format(s, spec) for a str value (the string format mini-language). */
OuObject *OuStr_FormatSpec(OuObject *s, OuObject *spec);

int OuStr_Init(void) OU_WUR;   /* readies str, its iterators, bytes, bytearray and theirs */
#endif

/* codecs.h -- the built-in codecs between str and bytes (src/objects/codecs.c):
   utf-8 (and utf-8-sig), utf-16 and utf-32 (plain, -le, -be), latin-1, ascii,
   with the error handlers strict, ignore, replace, surrogateescape,
   surrogatepass, backslashreplace, xmlcharrefreplace (encoding only) and
   namereplace (encoding; currently rendered like backslashreplace).
   Encoding names are matched after normalisation (case, '_', ' ' and '-'),
   with the aliases of Python's encodings.aliases for these codecs. */
#ifndef OU_CODECS_H
#define OU_CODECS_H
#include "../core/object.h"

/* 1 when `encoding` names one of the codecs implemented here. */
int OuCodec_IsBuiltin(const char *encoding);
/* Decode / encode with a built-in codec; LookupError "unknown encoding: X"
   otherwise. encoding/errors NULL mean "utf-8"/"strict". When consumed is
   not NULL decoding is incremental: an incomplete sequence at the end is
   left unconsumed (*consumed = bytes used) instead of being an error. */
OuObject *OuCodec_Decode(const char *data, Ou_ssize_t n, const char *encoding,
                         const char *errors, Ou_ssize_t *consumed);
OuObject *OuCodec_Encode(OuObject *str, const char *encoding, const char *errors);
/* byteorder: -1 little, 1 big, 0 detect a BOM (decode; native little-endian
   without one; *byteorder is updated) / write a BOM (encode). */
OuObject *OuCodec_DecodeUTF16(const char *data, Ou_ssize_t n, const char *errors,
                              int *byteorder, Ou_ssize_t *consumed);
OuObject *OuCodec_DecodeUTF32(const char *data, Ou_ssize_t n, const char *errors,
                              int *byteorder, Ou_ssize_t *consumed);
OuObject *OuCodec_EncodeUTF16(OuObject *str, const char *errors, int byteorder);
OuObject *OuCodec_EncodeUTF32(OuObject *str, const char *errors, int byteorder);
OuObject *OuCodec_DecodeLatin1(const char *data, Ou_ssize_t n);
OuObject *OuCodec_DecodeASCII(const char *data, Ou_ssize_t n, const char *errors);
OuObject *OuCodec_EncodeLatin1(OuObject *str, const char *errors);
OuObject *OuCodec_EncodeASCII(OuObject *str, const char *errors);
/* Lower-case, '_' and ' ' to '-': the form used for matching. */
void OuCodec_NormalizeName(const char *name, char *buf, size_t size);
#endif

/* bytesobject.h -- bytes, bytearray and the buffer protocol. */
#ifndef OU_BYTESOBJECT_H
#define OU_BYTESOBJECT_H
#include "../core/object.h"

typedef struct {
    OuObject_VAR_HEAD          /* ob_size = length */
    Ou_hash_t hash;
    char data[1];              /* ob_size bytes and a NUL */
} OuBytesObject;
typedef struct {
    OuObject_VAR_HEAD          /* ob_size = length */
    Ou_ssize_t alloc;
    char *data;
    Ou_ssize_t exports;        /* live buffer views forbid resizing */
} OuByteArrayObject;

extern OuTypeObject OuBytes_Type, OuByteArray_Type;
#define OuBytes_Check(o) (OU_TYPE(o)->tp_flags & OU_TPFLAGS_BYTES_SUBCLASS)
#define OuBytes_CheckExact(o) (OU_TYPE(o) == &OuBytes_Type)
#define OuByteArray_Check(o) OuObject_TypeCheck(o, &OuByteArray_Type)
#define OU_BYTES_DATA(o) (((OuBytesObject *)(o))->data)
#define OU_BYTES_LEN(o) OU_SIZE(o)

OuObject *OuBytes_FromStringAndSize(const char *s, Ou_ssize_t n); /* s NULL: uninitialised */
OuObject *OuBytes_FromString(const char *s);
OuObject *OuBytes_FromObject(OuObject *o);       /* bytes(o) */
int OuBytes_Resize(OuObject **b, Ou_ssize_t newsize) OU_WUR; /* only while refcnt == 1 */
OuObject *OuBytes_Repr(OuObject *b, int smartquotes);
OuObject *OuByteArray_FromStringAndSize(const char *s, Ou_ssize_t n);
int OuByteArray_Resize(OuObject *ba, Ou_ssize_t newsize) OU_WUR;  /* BufferError while exported */
#define OU_BYTEARRAY_DATA(o) (((OuByteArrayObject *)(o))->data)
extern OuTypeObject OuBytesIter_Type, OuByteArrayIter_Type;
OuObject *OuBytes_Concat(OuObject *a, OuObject *b);
OuObject *OuBytes_Join(OuObject *sep, OuObject *iterable);

/* Buffer protocol (simplified PEP 3118). */
typedef struct OuBuffer {
    void *buf;
    OuObject *obj;             /* owned reference, released by OuBuffer_Release */
    Ou_ssize_t len;
    Ou_ssize_t itemsize;
    int readonly;
    const char *format;        /* "B" unless cast */
} OuBuffer;
#define OU_BUF_SIMPLE 0
#define OU_BUF_WRITABLE 1
int OuObject_GetBuffer(OuObject *o, OuBuffer *view, int flags) OU_WUR; /* TypeError if not bytes-like */
void OuBuffer_Release(OuBuffer *view);
int OuObject_CheckBuffer(OuObject *o);
#endif

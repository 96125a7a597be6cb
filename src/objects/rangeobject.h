/* rangeobject.h -- range, slice, and the small singletons None,
   NotImplemented, Ellipsis; plus the generic iterators (enumerate, zip, map,
   filter, reversed, the sequence iterator, callable iterator). */
#ifndef OU_RANGEOBJECT_H
#define OU_RANGEOBJECT_H
#include "../core/object.h"

typedef struct {
    OuObject_HEAD
    OuObject *start, *stop, *step, *length;   /* ints */
} OuRangeObject;
typedef struct {
    OuObject_HEAD
    OuObject *start, *stop, *step;            /* any objects, None when absent */
} OuSliceObject;
extern OuTypeObject OuRange_Type, OuRangeIter_Type, OuSlice_Type;
#define OuRange_Check(o) (OU_TYPE(o) == &OuRange_Type)
#define OuSlice_Check(o) (OU_TYPE(o) == &OuSlice_Type)
OuObject *OuRange_New(OuObject *start, OuObject *stop, OuObject *step);
OuObject *OuSlice_New(OuObject *start, OuObject *stop, OuObject *step); /* NULL args = None */
/* Resolve a slice against a length (CPython's slice.indices semantics). */
int OuSlice_Unpack(OuObject *slice, Ou_ssize_t *start, Ou_ssize_t *stop, Ou_ssize_t *step) OU_WUR;
Ou_ssize_t OuSlice_AdjustIndices(Ou_ssize_t length, Ou_ssize_t *start, Ou_ssize_t *stop, Ou_ssize_t step);
int OuSlice_GetIndicesEx(OuObject *slice, Ou_ssize_t length, Ou_ssize_t *start, Ou_ssize_t *stop,
                         Ou_ssize_t *step, Ou_ssize_t *slicelength) OU_WUR;
/* An index argument such as list.index's start/stop: clamped to a machine
   integer; TypeError "slice indices must be integers or have an __index__ method". */
int OuSlice_IndexNotNone(OuObject *v, Ou_ssize_t *out) OU_WUR;

extern OuObject ou_none_struct, ou_notimplemented_struct, ou_ellipsis_struct;
extern OuTypeObject OuNone_Type, OuNotImplemented_Type, OuEllipsis_Type;
#define OU_NONE (&ou_none_struct)
#define OU_NOTIMPLEMENTED (&ou_notimplemented_struct)
#define OU_ELLIPSIS (&ou_ellipsis_struct)
#define OU_RETURN_NONE return OU_NEWREF(OU_NONE)
#define OU_RETURN_NOTIMPLEMENTED return OU_NEWREF(OU_NOTIMPLEMENTED)

extern OuTypeObject OuEnumerate_Type, OuZip_Type, OuMap_Type, OuFilter_Type, OuReversed_Type;
extern OuTypeObject OuSeqIter_Type, OuCallIter_Type;
OuObject *OuSeqIter_New(OuObject *seq);          /* iteration via __getitem__ */
OuObject *OuCallIter_New(OuObject *callable, OuObject *sentinel);

/* ---- additions (containers) ---- */
int OuRange_Init(void) OU_WUR;  /* readies range, slice, singletons' types and the iterators above */
extern OuTypeObject OuLongRangeIter_Type;   /* "longrange_iterator" (bounds beyond 64 bits) */
#endif

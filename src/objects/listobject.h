/* listobject.h -- list and tuple. */
#ifndef OU_LISTOBJECT_H
#define OU_LISTOBJECT_H
#include "../core/object.h"

typedef struct {
    OuObject_VAR_HEAD          /* ob_size = length */
    OuObject **items;
    Ou_ssize_t allocated;
} OuListObject;
typedef struct {
    OuObject_VAR_HEAD          /* ob_size = length */
    Ou_hash_t hash;            /* cached, -1 until computed */
    OuObject *items[1];
} OuTupleObject;

extern OuTypeObject OuList_Type, OuTuple_Type;
#define OuList_Check(o) (OU_TYPE(o)->tp_flags & OU_TPFLAGS_LIST_SUBCLASS)
#define OuList_CheckExact(o) (OU_TYPE(o) == &OuList_Type)
#define OuTuple_Check(o) (OU_TYPE(o)->tp_flags & OU_TPFLAGS_TUPLE_SUBCLASS)
#define OuTuple_CheckExact(o) (OU_TYPE(o) == &OuTuple_Type)
#define OU_LIST_ITEMS(o) (((OuListObject *)(o))->items)
#define OU_LIST_GET(o, i) (((OuListObject *)(o))->items[i])
#define OU_LIST_SET(o, i, v) (((OuListObject *)(o))->items[i] = (v))  /* steals, no decref */
#define OU_LIST_LEN(o) OU_SIZE(o)
#define OU_TUPLE_ITEMS(o) (((OuTupleObject *)(o))->items)
#define OU_TUPLE_GET(o, i) (((OuTupleObject *)(o))->items[i])
#define OU_TUPLE_SET(o, i, v) (((OuTupleObject *)(o))->items[i] = (v))  /* steals */
#define OU_TUPLE_LEN(o) OU_SIZE(o)

OuObject *OuList_New(Ou_ssize_t n);              /* n NULL slots to fill with OU_LIST_SET */
int OuList_Append(OuObject *list, OuObject *v) OU_WUR;      /* does not steal */
int OuList_Insert(OuObject *list, Ou_ssize_t i, OuObject *v) OU_WUR;
int OuList_Extend(OuObject *list, OuObject *iterable) OU_WUR;
int OuList_Sort(OuObject *list) OU_WUR;
int OuList_Reverse(OuObject *list) OU_WUR;
OuObject *OuList_AsTuple(OuObject *list);
OuObject *OuList_GetSlice(OuObject *list, Ou_ssize_t lo, Ou_ssize_t hi);
int OuList_SetItem(OuObject *list, Ou_ssize_t i, OuObject *v) OU_WUR;  /* steals v */
OuObject *OuList_FromArray(OuObject *const *items, Ou_ssize_t n); /* increfs */

OuObject *OuTuple_New(Ou_ssize_t n);             /* n NULL slots; () is a singleton */
OuObject *OuTuple_FromArray(OuObject *const *items, Ou_ssize_t n); /* increfs */
OuObject *OuTuple_Pack(Ou_ssize_t n, ...);       /* increfs */
OuObject *OuTuple_GetSlice(OuObject *t, Ou_ssize_t lo, Ou_ssize_t hi);
int OuTuple_Resize(OuObject **t, Ou_ssize_t n) OU_WUR;  /* only for fresh tuples */
extern OuObject *ou_empty_tuple;
int OuList_Init(void) OU_WUR;

/* Iterators over lists and tuples; the VM may specialise FOR_ITER on them.
   seq is NULL once the iterator is exhausted. */
typedef struct {
    OuObject_HEAD
    Ou_ssize_t index;
    OuObject *seq;
} OuListIterObject;
extern OuTypeObject OuListIter_Type, OuListRevIter_Type, OuTupleIter_Type;
OuObject *OuList_Iter(OuObject *list);
OuObject *OuTuple_Iter(OuObject *tuple);
/* list(iterable) / tuple(iterable) with the fast paths for lists and tuples. */
OuObject *OuList_FromIterable(OuObject *iterable);
OuObject *OuTuple_FromIterable(OuObject *iterable);
/* Stable sort of a list, as list.sort(key=keyfunc, reverse=reverse); keyfunc may be NULL/None. */
int OuList_SortWithKey(OuObject *list, OuObject *keyfunc, int reverse) OU_WUR;
/* Stable in-place sort of keys[0..n) by '<' (listsort.c); values, when not
   NULL, is permuted along with keys. -1 with an exception if a comparison fails
   (the arrays then hold a permutation of their original contents). */
int OuSort_Objects(OuObject **keys, OuObject **values, Ou_ssize_t n) OU_WUR;
#endif

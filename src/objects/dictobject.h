/* dictobject.h -- dict: insertion-ordered hash table (a sparse index array
   over a dense entry array); set and frozenset (open addressing). */
#ifndef OU_DICTOBJECT_H
#define OU_DICTOBJECT_H
#include "../core/object.h"

typedef struct OuDictKeys OuDictKeys;   /* private to dictobject.c */
typedef struct {
    OuObject_HEAD
    Ou_ssize_t used;           /* number of live items */
    uint64_t version;          /* changes on every mutation; inline caches key on it */
    OuDictKeys *keys;
} OuDictObject;

extern OuTypeObject OuDict_Type, OuDictKeys_Type, OuDictValues_Type, OuDictItems_Type;
extern OuTypeObject OuDictIterKey_Type, OuDictIterValue_Type, OuDictIterItem_Type;
extern OuTypeObject OuMappingProxy_Type;
#define OuDict_Check(o) (OU_TYPE(o)->tp_flags & OU_TPFLAGS_DICT_SUBCLASS)
#define OuDict_CheckExact(o) (OU_TYPE(o) == &OuDict_Type)
#define OU_DICT_LEN(o) (((OuDictObject *)(o))->used)

OuObject *OuDict_New(void);
OuObject *OuDict_GetItem(OuObject *d, OuObject *key);          /* borrowed, NULL if absent; errors swallowed -- avoid */
OuObject *OuDict_GetItemWithError(OuObject *d, OuObject *key); /* borrowed, NULL: absent (no error) or error */
OuObject *OuDict_GetItemString(OuObject *d, const char *key);  /* borrowed */
int OuDict_GetItemRef(OuObject *d, OuObject *key, OuObject **result); /* 1 found (new ref), 0 absent, -1 error */
OuObject *OuDict_GetItemKnownHash(OuObject *d, OuObject *key, Ou_hash_t hash); /* borrowed */
int OuDict_SetItem(OuObject *d, OuObject *key, OuObject *value) OU_WUR;  /* does not steal */
int OuDict_SetItemString(OuObject *d, const char *key, OuObject *value) OU_WUR;
int OuDict_DelItem(OuObject *d, OuObject *key) OU_WUR;   /* KeyError if absent */
int OuDict_DelItemString(OuObject *d, const char *key) OU_WUR;
int OuDict_Pop(OuObject *d, OuObject *key, OuObject **result); /* 1 popped (new ref), 0 absent, -1 error */
int OuDict_Contains(OuObject *d, OuObject *key);            /* -1 on error */
OuObject *OuDict_SetDefault(OuObject *d, OuObject *key, OuObject *dflt); /* borrowed */
void OuDict_Clear(OuObject *d);
/* Iterate: pos starts at 0; borrowed key/value; returns 0 at the end. */
int OuDict_Next(OuObject *d, Ou_ssize_t *pos, OuObject **key, OuObject **value);
OuObject *OuDict_Keys(OuObject *d);        /* new list */
OuObject *OuDict_Values(OuObject *d);      /* new list */
OuObject *OuDict_Items(OuObject *d);       /* new list of 2-tuples */
OuObject *OuDict_Copy(OuObject *d);
int OuDict_Update(OuObject *d, OuObject *other) OU_WUR;     /* mapping or iterable of pairs */
int OuDict_Merge(OuObject *d, OuObject *other, int override) OU_WUR; /* other: mapping (keys()+getitem) */
OuObject *OuDictProxy_New(OuObject *mapping);  /* read-only mappingproxy */
/* Internal lookup giving the entry index, used by inline caches (LOAD_GLOBAL). */
Ou_ssize_t OuDict_LookupIndex(OuObject *d, OuObject *key, OuObject **value); /* -1 absent, -2 error */
OuObject *OuDict_EntryValueAt(OuObject *d, Ou_ssize_t index);    /* borrowed, may be NULL */

typedef struct {
    OuObject *key;
    Ou_hash_t hash;
} OuSetEntry;
typedef struct {
    OuObject_HEAD
    Ou_ssize_t fill;           /* active + dummy */
    Ou_ssize_t used;           /* active */
    Ou_ssize_t mask;           /* table size - 1 */
    OuSetEntry *table;
    Ou_hash_t hash;            /* frozenset only, -1 until computed */
    OuSetEntry smalltable[8];
    OuObject *weakreflist;
    Ou_ssize_t finger;         /* where set.pop() resumes its scan (added) */
} OuSetObject;
extern OuTypeObject OuSet_Type, OuFrozenSet_Type;
#define OuSet_Check(o) OuObject_TypeCheck(o, &OuSet_Type)
#define OuFrozenSet_Check(o) OuObject_TypeCheck(o, &OuFrozenSet_Type)
#define OuAnySet_Check(o) (OuSet_Check(o) || OuFrozenSet_Check(o))
OuObject *OuSet_New(OuObject *iterable);        /* iterable may be NULL */
OuObject *OuFrozenSet_New(OuObject *iterable);
int OuSet_Add(OuObject *set, OuObject *key) OU_WUR;
int OuSet_Discard(OuObject *set, OuObject *key);  /* 1 found, 0 absent, -1 error */
int OuSet_Contains(OuObject *set, OuObject *key); /* -1 on error */
Ou_ssize_t OuSet_Size(OuObject *set);
int OuSet_Update(OuObject *set, OuObject *iterable) OU_WUR;
int OuSet_Next(OuObject *set, Ou_ssize_t *pos, OuObject **key); /* borrowed */

/* ---- additions (containers) ---- */
int OuDict_Init(void) OU_WUR;  /* readies dict, its views and iterators, mappingproxy, set, frozenset */
/* OuDict_Next that also gives the stored hash of the key. */
int OuDict_NextWithHash(OuObject *d, Ou_ssize_t *pos, OuObject **key, OuObject **value, Ou_hash_t *hash);
/* Entry-slot access for views and iterators (dictviews.c): the number of entry
   slots in use (live or deleted) and the key/value of slot i (borrowed);
   returns 0 for a deleted or out-of-range slot. */
Ou_ssize_t OuDict_EntryCount(OuObject *d);
int OuDict_EntryAt(OuObject *d, Ou_ssize_t i, OuObject **key, OuObject **value);
OuObject *OuDictView_New(OuObject *dict, OuTypeObject *view_type);   /* keys()/values()/items() */
OuObject *OuDictIter_New(OuObject *dict, OuTypeObject *iter_type);   /* one of the 6 iterator types */
extern OuTypeObject OuDictRevIterKey_Type, OuDictRevIterValue_Type, OuDictRevIterItem_Type;
extern OuTypeObject OuSetIter_Type;
#define OuDictKeys_Check(o) OuObject_TypeCheck(o, &OuDictKeys_Type)
#define OuDictItems_Check(o) OuObject_TypeCheck(o, &OuDictItems_Type)
#define OuDictViewSet_Check(o) (OuDictKeys_Check(o) || OuDictItems_Check(o))
#endif

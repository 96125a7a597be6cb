/*
 * dictobject.c -- dict: an insertion-ordered hash table.
 *
 * Types defined here: OuDict_Type ("dict"). The views and iterators are in
 * dictviews.c, mappingproxy in mappingproxy.c, set/frozenset in setobject.c;
 * OuDict_Init readies all of them.
 *
 * Layout: a dict owns an OuDictKeys block holding a sparse index table
 * (size a power of two, slots of 1/2/4/8 bytes depending on size) followed by
 * a dense array of entries {hash, key, value} in insertion order. An index slot
 * is IX_EMPTY, IX_DUMMY (a deleted entry was there) or an entry number. Probing
 * is i = (5*i + 1 + perturb) with perturb shifted right 5 bits each step.
 * Deleting leaves a hole (key NULL) in the entries; resizing compacts them and
 * rebuilds the index from the stored hashes, so keys are never rehashed.
 * An empty dict has no block at all (keys == NULL).
 *
 * Every mutation gives the dict a new `version` from a global counter, so a
 * (dict, version) pair identifies contents for the VM's inline caches.
 */
#include "core/ouro.h"

typedef struct {
    Ou_hash_t hash;
    OuObject *key;      /* NULL: deleted */
    OuObject *value;
} DictEntry;

struct OuDictKeys {
    Ou_ssize_t size;      /* index slots, a power of two */
    Ou_ssize_t usable;    /* entries that can still be appended */
    Ou_ssize_t nentries;  /* entries used, live or deleted */
    Ou_ssize_t width;     /* bytes per index slot */
    char indices[];       /* size * width bytes, then the entries */
};

#define IX_EMPTY (-1)
#define IX_DUMMY (-2)
#define DICT_MINSIZE 8
#define PERTURB_SHIFT 5

static uint64_t dict_version_counter;
#define BUMP_VERSION(mp) ((mp)->version = ++dict_version_counter)

#define DICT_MAXFREE 80
static OuDictObject *dict_free[DICT_MAXFREE];
static int dict_nfree;
static OuDictKeys *keys_free[DICT_MAXFREE];   /* blocks of DICT_MINSIZE slots */
static int keys_nfree;

static OuObject *dict_iter(OuObject *d);

static inline DictEntry *dk_entries(OuDictKeys *k)
{
    return (DictEntry *)(k->indices + k->size * k->width);
}

static inline Ou_ssize_t dk_get(const OuDictKeys *k, size_t i)
{
    switch (k->width) {
    case 1: return ((const int8_t *)k->indices)[i];
    case 2: return ((const int16_t *)k->indices)[i];
    case 4: return ((const int32_t *)k->indices)[i];
    default: return ((const int64_t *)k->indices)[i];
    }
}

static inline void dk_set(OuDictKeys *k, size_t i, Ou_ssize_t ix)
{
    switch (k->width) {
    case 1: ((int8_t *)k->indices)[i] = (int8_t)ix; break;
    case 2: ((int16_t *)k->indices)[i] = (int16_t)ix; break;
    case 4: ((int32_t *)k->indices)[i] = (int32_t)ix; break;
    default: ((int64_t *)k->indices)[i] = (int64_t)ix; break;
    }
}

static inline Ou_ssize_t usable_fraction(Ou_ssize_t size)
{
    return (size << 1) / 3;
}

/* A fresh block of `size` index slots, all empty. */
static OuDictKeys *new_keys(Ou_ssize_t size)
{
    OuDictKeys *k;
    if (size == DICT_MINSIZE && keys_nfree > 0) {
        k = keys_free[--keys_nfree];
    } else {
        Ou_ssize_t width = size <= 128 ? 1 : size <= 0x8000 ? 2 : size <= ((Ou_ssize_t)1 << 31) ? 4 : 8;
        size_t bytes = sizeof(OuDictKeys) + (size_t)(size * width) +
                       (size_t)usable_fraction(size) * sizeof(DictEntry);
        k = Ou_Malloc(bytes);
        if (!k) {
            OuErr_NoMemory();
            return NULL;
        }
        k->size = size;
        k->width = width;
    }
    k->usable = usable_fraction(size);
    k->nentries = 0;
    memset(k->indices, 0xff, (size_t)(size * k->width));
    return k;
}

static void free_keys_block(OuDictKeys *k)
{
    if (k->size == DICT_MINSIZE && keys_nfree < DICT_MAXFREE)
        keys_free[keys_nfree++] = k;
    else
        Ou_Free(k);
}

/* First slot along hash's probe sequence that holds no live entry. */
static size_t find_free_slot(OuDictKeys *k, Ou_hash_t hash)
{
    size_t mask = (size_t)k->size - 1, i = (size_t)hash & mask, perturb = (size_t)hash;
    while (dk_get(k, i) >= 0) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

/* The index slot holding entry ix (which has hash `hash`). */
static size_t find_slot_of(OuDictKeys *k, Ou_hash_t hash, Ou_ssize_t ix)
{
    size_t mask = (size_t)k->size - 1, i = (size_t)hash & mask, perturb = (size_t)hash;
    while (dk_get(k, i) != ix) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

/* Rebuild with room for at least `minsize` index slots, compacting entries. */
static int dict_resize(OuDictObject *mp, Ou_ssize_t minsize)
{
    Ou_ssize_t size = DICT_MINSIZE;
    while (size < minsize && size < (OU_SSIZE_T_MAX >> 2))
        size <<= 1;
    OuDictKeys *old = mp->keys, *nk = new_keys(size);
    if (!nk)
        return -1;
    if (old) {
        DictEntry *src = dk_entries(old), *dst = dk_entries(nk);
        Ou_ssize_t n = 0;
        for (Ou_ssize_t i = 0; i < old->nentries; i++) {
            if (!src[i].key)
                continue;
            dst[n] = src[i];
            dk_set(nk, find_free_slot(nk, src[i].hash), n);
            n++;
        }
        nk->nentries = n;
        nk->usable -= n;
        free_keys_block(old);
    }
    mp->keys = nk;
    return 0;
}

static inline Ou_hash_t hash_of(OuObject *key)
{
    if (OU_LIKELY(OuStr_CheckExact(key))) {
        Ou_hash_t h = ((OuStrObject *)key)->hash;
        if (h != -1)
            return h;
    }
    return OuObject_Hash(key);
}

/* Find key: entry index (value in *value, borrowed), -1 absent, -2 error.
   A comparison that mutates the dict restarts the search. */
static Ou_ssize_t dict_lookup(OuDictObject *mp, OuObject *key, Ou_hash_t hash, OuObject **value)
{
restart:;
    OuDictKeys *k = mp->keys;
    if (!k) {
        *value = NULL;
        return -1;
    }
    size_t mask = (size_t)k->size - 1, i = (size_t)hash & mask, perturb = (size_t)hash;
    DictEntry *ep0 = dk_entries(k);
    int key_is_str = OuStr_CheckExact(key);
    for (;;) {
        Ou_ssize_t ix = dk_get(k, i);
        if (ix == IX_EMPTY) {
            *value = NULL;
            return -1;
        }
        if (ix >= 0) {
            DictEntry *ep = &ep0[ix];
            OuObject *sk = ep->key;
            if (sk == key) {
                *value = ep->value;
                return ix;
            }
            if (ep->hash == hash) {
                if (key_is_str && OuStr_CheckExact(sk)) {
                    if (OuStr_Equal(sk, key)) {
                        *value = ep->value;
                        return ix;
                    }
                } else {
                    OU_INCREF(sk);
                    int c = OuObject_RichCompareBool(sk, key, OU_EQ);
                    OU_DECREF(sk);
                    if (c < 0) {
                        *value = NULL;
                        return -2;
                    }
                    if (k != mp->keys || ep->key != sk)
                        goto restart;
                    if (c) {
                        *value = ep->value;
                        return ix;
                    }
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* Set key to value; steals both references (also on failure). */
static int dict_insert(OuDictObject *mp, OuObject *key, Ou_hash_t hash, OuObject *value)
{
    OuObject *old;
    Ou_ssize_t ix = dict_lookup(mp, key, hash, &old);
    if (ix == -2)
        goto fail;
    if (ix >= 0) {
        DictEntry *ep = &dk_entries(mp->keys)[ix];
        ep->value = value;
        BUMP_VERSION(mp);
        OU_DECREF(old);
        OU_DECREF(key);
        return 0;
    }
    if (!mp->keys || mp->keys->usable <= 0) {
        if (dict_resize(mp, mp->used * 3) < 0)
            goto fail;
    }
    OuDictKeys *k = mp->keys;
    dk_set(k, find_free_slot(k, hash), k->nentries);
    DictEntry *ep = &dk_entries(k)[k->nentries];
    ep->hash = hash;
    ep->key = key;
    ep->value = value;
    k->nentries++;
    k->usable--;
    mp->used++;
    BUMP_VERSION(mp);
    return 0;
fail:
    OU_DECREF(key);
    OU_DECREF(value);
    return -1;
}

/* Remove entry ix (found for hash); returns the old key and value (owned). */
static void dict_remove_entry(OuDictObject *mp, Ou_ssize_t ix, Ou_hash_t hash,
                              OuObject **okey, OuObject **ovalue)
{
    OuDictKeys *k = mp->keys;
    DictEntry *ep = &dk_entries(k)[ix];
    dk_set(k, find_slot_of(k, hash, ix), IX_DUMMY);
    *okey = ep->key;
    *ovalue = ep->value;
    ep->key = NULL;
    ep->value = NULL;
    mp->used--;
    BUMP_VERSION(mp);
}

/* ---- creation and destruction ---- */

static OuDictObject *dict_alloc(OuTypeObject *type)
{
    OuDictObject *mp;
    if (type == &OuDict_Type && dict_nfree > 0) {
        mp = dict_free[--dict_nfree];
        mp->ob_base.ob_refcnt = 1;
        mp->ob_base.ob_type = &OuDict_Type;
    } else {
        mp = (OuDictObject *)type->tp_alloc(type, 0);
        if (!mp)
            return NULL;
    }
    mp->used = 0;
    mp->keys = NULL;
    BUMP_VERSION(mp);
    OuObject_GC_Track((OuObject *)mp);
    return mp;
}

OuObject *OuDict_New(void)
{
    return (OuObject *)dict_alloc(&OuDict_Type);
}

/* Drop all entries of a detached block and free it. */
static void release_keys(OuDictKeys *k)
{
    DictEntry *ep = dk_entries(k);
    for (Ou_ssize_t i = 0; i < k->nentries; i++) {
        if (ep[i].key) {
            OU_DECREF(ep[i].key);
            OU_DECREF(ep[i].value);
        }
    }
    free_keys_block(k);
}

static void dict_dealloc(OuObject *o)
{
    OuDictObject *mp = (OuDictObject *)o;
    OuObject_GC_UnTrack(o);
    if (mp->keys) {
        OuDictKeys *k = mp->keys;
        mp->keys = NULL;
        release_keys(k);
    }
    if (OuDict_CheckExact(o) && dict_nfree < DICT_MAXFREE)
        dict_free[dict_nfree++] = mp;
    else
        OU_TYPE(o)->tp_free(o);
}

static int dict_traverse(OuObject *o, visitproc visit, void *arg)
{
    OuDictKeys *k = ((OuDictObject *)o)->keys;
    if (!k)
        return 0;
    DictEntry *ep = dk_entries(k);
    for (Ou_ssize_t i = 0; i < k->nentries; i++) {
        if (ep[i].key) {
            OU_VISIT(ep[i].key);
            OU_VISIT(ep[i].value);
        }
    }
    return 0;
}

void OuDict_Clear(OuObject *d)
{
    OuDictObject *mp = (OuDictObject *)d;
    OuDictKeys *k = mp->keys;
    if (!k)
        return;
    mp->keys = NULL;
    mp->used = 0;
    BUMP_VERSION(mp);
    release_keys(k);
}

static int dict_tp_clear(OuObject *o)
{
    OuDict_Clear(o);
    return 0;
}

/* ---- the C API ---- */

OuObject *OuDict_GetItemKnownHash(OuObject *d, OuObject *key, Ou_hash_t hash)
{
    OuObject *v;
    dict_lookup((OuDictObject *)d, key, hash, &v);
    return v;
}

OuObject *OuDict_GetItemWithError(OuObject *d, OuObject *key)
{
    Ou_hash_t h = hash_of(key);
    if (h == -1)
        return NULL;
    OuObject *v;
    dict_lookup((OuDictObject *)d, key, h, &v);
    return v;
}

/* Lookup that never raises: errors are swallowed and any exception already
   pending is preserved. */
OuObject *OuDict_GetItem(OuObject *d, OuObject *key)
{
    if (!OuDict_Check(d))
        return NULL;
    OuObject *saved = OuErr_GetRaisedException();
    OuObject *v = OuDict_GetItemWithError(d, key);
    if (!v && OuErr_Occurred())
        OuErr_Clear();
    OuErr_SetRaisedException(saved);
    return v;
}

OuObject *OuDict_GetItemString(OuObject *d, const char *key)
{
    OuObject *k = OuStr_FromUTF8(key);
    if (!k) {
        OuErr_Clear();
        return NULL;
    }
    OuObject *v = OuDict_GetItem(d, k);
    OU_DECREF(k);
    return v;
}

int OuDict_GetItemRef(OuObject *d, OuObject *key, OuObject **result)
{
    OuObject *v = OuDict_GetItemWithError(d, key);
    if (v) {
        *result = OU_NEWREF(v);
        return 1;
    }
    *result = NULL;
    return OuErr_Occurred() ? -1 : 0;
}

int OuDict_SetItem(OuObject *d, OuObject *key, OuObject *value)
{
    Ou_hash_t h = hash_of(key);
    if (h == -1)
        return -1;
    return dict_insert((OuDictObject *)d, OU_NEWREF(key), h, OU_NEWREF(value));
}

int OuDict_SetItemString(OuObject *d, const char *key, OuObject *value)
{
    OuObject *k = OuStr_FromUTF8(key);
    if (!k)
        return -1;
    OuStr_InternInPlace(&k);
    int rc = OuDict_SetItem(d, k, value);
    OU_DECREF(k);
    return rc;
}

/* Delete key: 1 deleted, 0 absent (no error), -1 error. */
static int dict_del(OuDictObject *mp, OuObject *key, OuObject **oldvalue)
{
    Ou_hash_t h = hash_of(key);
    if (h == -1)
        return -1;
    OuObject *v, *okey, *ovalue;
    Ou_ssize_t ix = dict_lookup(mp, key, h, &v);
    if (ix == -2)
        return -1;
    if (ix == -1)
        return 0;
    dict_remove_entry(mp, ix, h, &okey, &ovalue);
    OU_DECREF(okey);
    if (oldvalue)
        *oldvalue = ovalue;
    else
        OU_DECREF(ovalue);
    return 1;
}

int OuDict_DelItem(OuObject *d, OuObject *key)
{
    int r = dict_del((OuDictObject *)d, key, NULL);
    if (r == 0) {
        OuErr_SetKeyError(key);
        return -1;
    }
    return r < 0 ? -1 : 0;
}

int OuDict_DelItemString(OuObject *d, const char *key)
{
    OuObject *k = OuStr_FromUTF8(key);
    if (!k)
        return -1;
    int rc = OuDict_DelItem(d, k);
    OU_DECREF(k);
    return rc;
}

int OuDict_Pop(OuObject *d, OuObject *key, OuObject **result)
{
    *result = NULL;
    if (((OuDictObject *)d)->used == 0)
        return 0;
    return dict_del((OuDictObject *)d, key, result);
}

int OuDict_Contains(OuObject *d, OuObject *key)
{
    Ou_hash_t h = hash_of(key);
    if (h == -1)
        return -1;
    OuObject *v;
    Ou_ssize_t ix = dict_lookup((OuDictObject *)d, key, h, &v);
    return ix == -2 ? -1 : ix >= 0;
}

OuObject *OuDict_SetDefault(OuObject *d, OuObject *key, OuObject *dflt)
{
    Ou_hash_t h = hash_of(key);
    if (h == -1)
        return NULL;
    OuObject *v;
    Ou_ssize_t ix = dict_lookup((OuDictObject *)d, key, h, &v);
    if (ix == -2)
        return NULL;
    if (ix >= 0)
        return v;
    if (dict_insert((OuDictObject *)d, OU_NEWREF(key), h, OU_NEWREF(dflt)) < 0)
        return NULL;
    return dflt;
}

int OuDict_NextWithHash(OuObject *d, Ou_ssize_t *pos, OuObject **key, OuObject **value,
                        Ou_hash_t *hash)
{
    OuDictKeys *k = ((OuDictObject *)d)->keys;
    if (!k)
        return 0;
    DictEntry *ep = dk_entries(k);
    Ou_ssize_t i = *pos;
    while (i < k->nentries && !ep[i].key)
        i++;
    if (i >= k->nentries)
        return 0;
    *pos = i + 1;
    if (key)
        *key = ep[i].key;
    if (value)
        *value = ep[i].value;
    if (hash)
        *hash = ep[i].hash;
    return 1;
}

int OuDict_Next(OuObject *d, Ou_ssize_t *pos, OuObject **key, OuObject **value)
{
    return OuDict_NextWithHash(d, pos, key, value, NULL);
}

Ou_ssize_t OuDict_EntryCount(OuObject *d)
{
    OuDictKeys *k = ((OuDictObject *)d)->keys;
    return k ? k->nentries : 0;
}

int OuDict_EntryAt(OuObject *d, Ou_ssize_t i, OuObject **key, OuObject **value)
{
    OuDictKeys *k = ((OuDictObject *)d)->keys;
    if (!k || i < 0 || i >= k->nentries)
        return 0;
    DictEntry *ep = &dk_entries(k)[i];
    if (!ep->key)
        return 0;
    *key = ep->key;
    *value = ep->value;
    return 1;
}

Ou_ssize_t OuDict_LookupIndex(OuObject *d, OuObject *key, OuObject **value)
{
    Ou_hash_t h = hash_of(key);
    if (h == -1) {
        *value = NULL;
        return -2;
    }
    return dict_lookup((OuDictObject *)d, key, h, value);
}

OuObject *OuDict_EntryValueAt(OuObject *d, Ou_ssize_t index)
{
    OuDictKeys *k = ((OuDictObject *)d)->keys;
    if (!k || index < 0 || index >= k->nentries)
        return NULL;
    return dk_entries(k)[index].value;
}

/* A list of keys (which=0), values (1) or (key, value) tuples (2). */
static OuObject *dict_to_list(OuObject *d, int which)
{
    OuDictObject *mp = (OuDictObject *)d;
    OuObject *l = OuList_New(mp->used);
    if (!l)
        return NULL;
    Ou_ssize_t pos = 0, n = 0;
    OuObject *k, *v;
    while (n < OU_LIST_LEN(l) && OuDict_Next(d, &pos, &k, &v)) {
        OuObject *x;
        if (which == 0)
            x = OU_NEWREF(k);
        else if (which == 1)
            x = OU_NEWREF(v);
        else if (!(x = OuTuple_Pack(2, k, v))) {
            OU_DECREF(l);
            return NULL;
        }
        OU_LIST_SET(l, n, x);
        n++;
    }
    return l;
}

OuObject *OuDict_Keys(OuObject *d) { return dict_to_list(d, 0); }
OuObject *OuDict_Values(OuObject *d) { return dict_to_list(d, 1); }
OuObject *OuDict_Items(OuObject *d) { return dict_to_list(d, 2); }

/* Make the empty dict `mp` a copy of `src`, which has no deleted entries. */
static int dict_clone_into(OuDictObject *mp, OuDictObject *src)
{
    OuDictKeys *sk = src->keys;
    size_t bytes = sizeof(OuDictKeys) + (size_t)(sk->size * sk->width) +
                   (size_t)usable_fraction(sk->size) * sizeof(DictEntry);
    OuDictKeys *k = (sk->size == DICT_MINSIZE && keys_nfree > 0) ? keys_free[--keys_nfree]
                                                                  : Ou_Malloc(bytes);
    if (!k) {
        OuErr_NoMemory();
        return -1;
    }
    memcpy(k, sk, bytes);
    DictEntry *ep = dk_entries(k);
    for (Ou_ssize_t i = 0; i < k->nentries; i++) {
        OU_INCREF(ep[i].key);
        OU_INCREF(ep[i].value);
    }
    if (mp->keys)
        free_keys_block(mp->keys);
    mp->keys = k;
    mp->used = src->used;
    BUMP_VERSION(mp);
    return 0;
}

/* Merge a mapping: dicts directly, others through keys() and [] . With
   override 0, existing keys are kept. */
int OuDict_Merge(OuObject *d, OuObject *other, int override)
{
    OuDictObject *mp = (OuDictObject *)d;
    if (!OuDict_Check(d)) {
        OuErr_BadInternalCall();
        return -1;
    }
    if (OuDict_Check(other) && OU_TYPE(other)->tp_iter == dict_iter) {
        OuDictObject *o = (OuDictObject *)other;
        if (o == mp || o->used == 0)
            return 0;
        if (mp->used == 0 && o->keys->nentries == o->used)
            return dict_clone_into(mp, o);
        if (!mp->keys || mp->keys->usable < o->used) {
            if (dict_resize(mp, (mp->used + o->used) * 3 / 2 + 1) < 0)
                return -1;
        }
        for (Ou_ssize_t i = 0; o->keys && i < o->keys->nentries; i++) {
            DictEntry *ep = &dk_entries(o->keys)[i];
            if (!ep->key)
                continue;
            OuObject *key = OU_NEWREF(ep->key), *value = OU_NEWREF(ep->value);
            Ou_hash_t h = ep->hash;
            if (!override) {
                OuObject *cur;
                Ou_ssize_t ix = dict_lookup(mp, key, h, &cur);
                if (ix != -1) {
                    OU_DECREF(key);
                    OU_DECREF(value);
                    if (ix == -2)
                        return -1;
                    continue;
                }
            }
            if (dict_insert(mp, key, h, value) < 0)
                return -1;
        }
        return 0;
    }
    /* a generic mapping */
    OuObject *keys = OuObject_CallMethod(other, OU_ID(keys), NULL, 0);
    if (!keys)
        return -1;
    OuObject *it = OuObject_GetIter(keys);
    OU_DECREF(keys);
    if (!it)
        return -1;
    OuObject *key;
    while ((key = OuIter_Next(it)) != NULL) {
        if (!override) {
            int c = OuDict_Contains(d, key);
            if (c != 0) {
                OU_DECREF(key);
                if (c < 0)
                    goto fail;
                continue;
            }
        }
        OuObject *value = OuObject_GetItem(other, key);
        if (!value) {
            OU_DECREF(key);
            goto fail;
        }
        int rc = OuDict_SetItem(d, key, value);
        OU_DECREF(key);
        OU_DECREF(value);
        if (rc < 0)
            goto fail;
    }
    OU_DECREF(it);
    return OuErr_Occurred() ? -1 : 0;
fail:
    OU_DECREF(it);
    return -1;
}

/* Merge an iterable of 2-item iterables. */
static int dict_merge_pairs(OuObject *d, OuObject *seq)
{
    OuObject *it = OuObject_GetIter(seq);
    if (!it)
        return -1;
    OuObject *item;
    Ou_ssize_t i = 0;
    for (; (item = OuIter_Next(it)) != NULL; i++) {
        OuObject *pair;
        if (OuTuple_CheckExact(item) || OuList_CheckExact(item)) {
            pair = OU_NEWREF(item);
        } else {
            pair = OuSequence_List(item);
            if (!pair) {
                if (OuErr_ExceptionMatches(OuExc_TypeError)) {
                    OuErr_Clear();
                    OuErr_Format(OuExc_TypeError,
                                 "cannot convert dictionary update sequence element #%zd to a sequence", i);
                }
                OU_DECREF(item);
                goto fail;
            }
        }
        OU_DECREF(item);
        Ou_ssize_t n = OU_SIZE(pair);
        if (n != 2) {
            OuErr_Format(OuExc_ValueError,
                         "dictionary update sequence element #%zd has length %zd; 2 is required", i, n);
            OU_DECREF(pair);
            goto fail;
        }
        OuObject **pi = OuTuple_CheckExact(pair) ? OU_TUPLE_ITEMS(pair) : OU_LIST_ITEMS(pair);
        OuObject *k = OU_NEWREF(pi[0]), *v = OU_NEWREF(pi[1]);
        OU_DECREF(pair);
        int rc = OuDict_SetItem(d, k, v);
        OU_DECREF(k);
        OU_DECREF(v);
        if (rc < 0)
            goto fail;
    }
    OU_DECREF(it);
    return OuErr_Occurred() ? -1 : 0;
fail:
    OU_DECREF(it);
    return -1;
}

/* dict.update(arg): a dict, anything with keys(), or pairs. */
int OuDict_Update(OuObject *d, OuObject *other)
{
    if (OuDict_CheckExact(other))
        return OuDict_Merge(d, other, 1);
    OuObject *keys;
    int r = OuObject_LookupAttr(other, OU_ID(keys), &keys);
    if (r < 0)
        return -1;
    if (r) {
        OU_DECREF(keys);
        return OuDict_Merge(d, other, 1);
    }
    return dict_merge_pairs(d, other);
}

OuObject *OuDict_Copy(OuObject *d)
{
    OuObject *r = OuDict_New();
    if (r && OuDict_Merge(r, d, 1) < 0)
        OU_CLEAR(r);
    return r;
}

/* ---- slots ---- */

static Ou_ssize_t dict_length(OuObject *o)
{
    return ((OuDictObject *)o)->used;
}

static OuObject *dict_subscript(OuObject *o, OuObject *key)
{
    Ou_hash_t h = hash_of(key);
    if (h == -1)
        return NULL;
    OuObject *v;
    Ou_ssize_t ix = dict_lookup((OuDictObject *)o, key, h, &v);
    if (ix >= 0)
        return OU_NEWREF(v);
    if (ix == -2)
        return NULL;
    if (!OuDict_CheckExact(o)) {
        OuObject *missing = OuObject_LookupSpecial(o, OU_ID(__missing__));
        if (missing) {
            OuObject *r = OuObject_CallOneArg(missing, key);
            OU_DECREF(missing);
            return r;
        }
        if (OuErr_Occurred())
            return NULL;
    }
    OuErr_SetKeyError(key);
    return NULL;
}

static int dict_ass_subscript(OuObject *o, OuObject *key, OuObject *value)
{
    if (value)
        return OuDict_SetItem(o, key, value);
    return OuDict_DelItem(o, key);
}

static int dict_contains(OuObject *o, OuObject *key)
{
    return OuDict_Contains(o, key);
}

static OuObject *dict_iter(OuObject *d)
{
    return OuDictIter_New(d, &OuDictIterKey_Type);
}

static OuObject *dict_repr(OuObject *o)
{
    OuDictObject *mp = (OuDictObject *)o;
    if (mp->used == 0)
        return OuStr_FromUTF8("{}");
    int r = Ou_ReprEnter(o);
    if (r != 0)
        return r > 0 ? OuStr_FromUTF8("{...}") : NULL;
    OuStrBuilder b;
    OuStrBuilder_Init(&b);
    int first = 1;
    if (OuStrBuilder_AppendChar(&b, '{') < 0)
        goto fail;
    for (Ou_ssize_t i = 0; mp->keys && i < mp->keys->nentries; i++) {
        DictEntry *ep = &dk_entries(mp->keys)[i];
        if (!ep->key)
            continue;
        OuObject *k = OU_NEWREF(ep->key), *v = OU_NEWREF(ep->value);
        if (!first && OuStrBuilder_AppendASCII(&b, ", ", 2) < 0)
            goto fail_kv;
        first = 0;
        OuObject *s = OuObject_Repr(k);
        if (!s)
            goto fail_kv;
        int rc = OuStrBuilder_AppendStr(&b, s);
        OU_DECREF(s);
        if (rc < 0 || OuStrBuilder_AppendASCII(&b, ": ", 2) < 0)
            goto fail_kv;
        s = OuObject_Repr(v);
        if (!s)
            goto fail_kv;
        rc = OuStrBuilder_AppendStr(&b, s);
        OU_DECREF(s);
        OU_DECREF(k);
        OU_DECREF(v);
        if (rc < 0)
            goto fail;
        continue;
fail_kv:
        OU_DECREF(k);
        OU_DECREF(v);
        goto fail;
    }
    if (OuStrBuilder_AppendChar(&b, '}') < 0)
        goto fail;
    Ou_ReprLeave(o);
    return OuStrBuilder_Finish(&b);
fail:
    OuStrBuilder_Discard(&b);
    Ou_ReprLeave(o);
    return NULL;
}

/* 1 if a and b hold equal items, 0 if not, -1 on error. */
static int dict_equal(OuDictObject *a, OuDictObject *b)
{
    if (a->used != b->used)
        return 0;
    for (Ou_ssize_t i = 0; a->keys && i < a->keys->nentries; i++) {
        DictEntry *ep = &dk_entries(a->keys)[i];
        if (!ep->key)
            continue;
        OuObject *key = OU_NEWREF(ep->key), *aval = OU_NEWREF(ep->value), *bval;
        Ou_ssize_t ix = dict_lookup(b, key, ep->hash, &bval);
        if (ix < 0) {
            OU_DECREF(key);
            OU_DECREF(aval);
            return ix == -2 ? -1 : 0;
        }
        OU_INCREF(bval);
        int c = OuObject_RichCompareBool(aval, bval, OU_EQ);
        OU_DECREF(key);
        OU_DECREF(aval);
        OU_DECREF(bval);
        if (c <= 0)
            return c;
    }
    return 1;
}

static OuObject *dict_richcompare(OuObject *a, OuObject *b, int op)
{
    if (!OuDict_Check(a) || !OuDict_Check(b) || (op != OU_EQ && op != OU_NE))
        OU_RETURN_NOTIMPLEMENTED;
    int c = dict_equal((OuDictObject *)a, (OuDictObject *)b);
    if (c < 0)
        return NULL;
    return OuBool_FromLong(op == OU_EQ ? c : !c);
}

static OuObject *dict_or(OuObject *a, OuObject *b)
{
    if (!OuDict_Check(a) || !OuDict_Check(b))
        OU_RETURN_NOTIMPLEMENTED;
    OuObject *r = OuDict_Copy(a);
    if (r && OuDict_Update(r, b) < 0)
        OU_CLEAR(r);
    return r;
}

static OuObject *dict_ior(OuObject *self, OuObject *other)
{
    if (OuDict_Update(self, other) < 0)
        return NULL;
    return OU_NEWREF(self);
}

/* ---- construction ---- */

static OuObject *dict_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs,
                          OuObject *kwnames)
{
    return (OuObject *)dict_alloc(type);
}

/* The body of dict(...) / d.update(...): one optional positional, then keywords. */
static int dict_update_common(OuObject *self, const char *fname, OuObject *const *args,
                              Ou_ssize_t nargs, OuObject *kwnames)
{
    if (nargs > 1) {
        OuErr_Format(OuExc_TypeError, "%s expected at most 1 argument, got %zd", fname, nargs);
        return -1;
    }
    if (nargs == 1 && OuDict_Update(self, args[0]) < 0)
        return -1;
    if (kwnames) {
        for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(kwnames); i++)
            if (OuDict_SetItem(self, OU_TUPLE_ITEMS(kwnames)[i], args[nargs + i]) < 0)
                return -1;
    }
    return 0;
}

static int dict_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    return dict_update_common(self, "dict", args, nargs, kwnames);
}

static OuObject *dict_vectorcall(OuObject *type, OuObject *const *args, Ou_ssize_t nargs,
                                 OuObject *kwnames)
{
    OuTypeObject *tp = (OuTypeObject *)type;
    if (tp == &OuDict_Type) {
        OuObject *d = OuDict_New();
        if (d && dict_update_common(d, "dict", args, nargs, kwnames) < 0)
            OU_CLEAR(d);
        return d;
    }
    OuObject *r = tp->tp_new(tp, args, nargs, kwnames);
    if (r && OuObject_TypeCheck(r, tp) && OU_TYPE(r)->tp_init &&
        OU_TYPE(r)->tp_init(r, args, nargs, kwnames) < 0)
        OU_CLEAR(r);
    return r;
}

/* ---- methods ---- */

static OuObject *dict_get_meth(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                               OuObject *kwnames)
{
    if (OuArg_NoKeywords("get", kwnames) < 0 || OuArg_CheckPositional("get", nargs, 1, 2) < 0)
        return NULL;
    OuObject *v = OuDict_GetItemWithError(self, args[0]);
    if (v)
        return OU_NEWREF(v);
    if (OuErr_Occurred())
        return NULL;
    return OU_NEWREF(nargs > 1 ? args[1] : OU_NONE);
}

static OuObject *dict_setdefault_meth(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                                      OuObject *kwnames)
{
    if (OuArg_NoKeywords("setdefault", kwnames) < 0 ||
        OuArg_CheckPositional("setdefault", nargs, 1, 2) < 0)
        return NULL;
    OuObject *v = OuDict_SetDefault(self, args[0], nargs > 1 ? args[1] : OU_NONE);
    return OU_XNEWREF(v);
}

static OuObject *dict_pop_meth(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                               OuObject *kwnames)
{
    if (OuArg_NoKeywords("pop", kwnames) < 0 || OuArg_CheckPositional("pop", nargs, 1, 2) < 0)
        return NULL;
    OuObject *v;
    int r = OuDict_Pop(self, args[0], &v);
    if (r < 0)
        return NULL;
    if (r)
        return v;
    if (nargs > 1)
        return OU_NEWREF(args[1]);
    OuErr_SetKeyError(args[0]);
    return NULL;
}

static OuObject *dict_popitem_meth(OuObject *self, OuObject *unused)
{
    OuDictObject *mp = (OuDictObject *)self;
    if (mp->used == 0) {
        OuErr_SetString(OuExc_KeyError, "popitem(): dictionary is empty");
        return NULL;
    }
    OuDictKeys *k = mp->keys;
    DictEntry *ep0 = dk_entries(k);
    Ou_ssize_t i = k->nentries - 1;
    while (i >= 0 && !ep0[i].key)
        i--;
    OuObject *okey, *ovalue;
    dict_remove_entry(mp, i, ep0[i].hash, &okey, &ovalue);
    k->nentries = i;
    OuObject *r = OuTuple_New(2);
    if (!r) {
        OU_DECREF(okey);
        OU_DECREF(ovalue);
        return NULL;
    }
    OU_TUPLE_SET(r, 0, okey);
    OU_TUPLE_SET(r, 1, ovalue);
    return r;
}

static OuObject *dict_keys_meth(OuObject *self, OuObject *unused)
{
    return OuDictView_New(self, &OuDictKeys_Type);
}

static OuObject *dict_values_meth(OuObject *self, OuObject *unused)
{
    return OuDictView_New(self, &OuDictValues_Type);
}

static OuObject *dict_items_meth(OuObject *self, OuObject *unused)
{
    return OuDictView_New(self, &OuDictItems_Type);
}

static OuObject *dict_update_meth(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                                  OuObject *kwnames)
{
    if (dict_update_common(self, "update", args, nargs, kwnames) < 0)
        return NULL;
    OU_RETURN_NONE;
}

/* dict.fromkeys(iterable, value=None) -- a classmethod. */
static OuObject *dict_fromkeys_meth(OuObject *cls, OuObject *const *args, Ou_ssize_t nargs,
                                    OuObject *kwnames)
{
    if (OuArg_NoKeywords("fromkeys", kwnames) < 0 ||
        OuArg_CheckPositional("fromkeys", nargs, 1, 2) < 0)
        return NULL;
    OuObject *iterable = args[0], *value = nargs > 1 ? args[1] : OU_NONE;
    OuObject *d = OuObject_CallNoArgs(cls);
    if (!d)
        return NULL;
    if (OuDict_CheckExact(d) && OuDict_CheckExact(iterable)) {
        Ou_ssize_t pos = 0;
        OuObject *k;
        Ou_hash_t h;
        while (OuDict_NextWithHash(iterable, &pos, &k, NULL, &h))
            if (dict_insert((OuDictObject *)d, OU_NEWREF(k), h, OU_NEWREF(value)) < 0)
                goto fail;
        return d;
    }
    if (OuDict_CheckExact(d) && (OU_TYPE(iterable) == &OuSet_Type || OU_TYPE(iterable) == &OuFrozenSet_Type)) {
        OuSetObject *so = (OuSetObject *)iterable;
        for (Ou_ssize_t i = 0; i <= so->mask; i++) {
            OuSetEntry *e = &so->table[i];
            if (e->key && e->hash != -1)
                if (dict_insert((OuDictObject *)d, OU_NEWREF(e->key), e->hash, OU_NEWREF(value)) < 0)
                    goto fail;
        }
        return d;
    }
    OuObject *it = OuObject_GetIter(iterable);
    if (!it)
        goto fail;
    OuObject *key;
    while ((key = OuIter_Next(it)) != NULL) {
        int rc = OuDict_CheckExact(d) ? OuDict_SetItem(d, key, value) : OuObject_SetItem(d, key, value);
        OU_DECREF(key);
        if (rc < 0) {
            OU_DECREF(it);
            goto fail;
        }
    }
    OU_DECREF(it);
    if (OuErr_Occurred())
        goto fail;
    return d;
fail:
    OU_DECREF(d);
    return NULL;
}

static OuObject *dict_copy_meth(OuObject *self, OuObject *unused)
{
    return OuDict_Copy(self);
}

static OuObject *dict_clear_meth(OuObject *self, OuObject *unused)
{
    OuDict_Clear(self);
    OU_RETURN_NONE;
}

static OuObject *dict_reversed_meth(OuObject *self, OuObject *unused)
{
    return OuDictIter_New(self, &OuDictRevIterKey_Type);
}

static OuObject *dict_sizeof_meth(OuObject *self, OuObject *unused)
{
    OuDictKeys *k = ((OuDictObject *)self)->keys;
    Ou_ssize_t n = sizeof(OuDictObject);
    if (k)
        n += sizeof(OuDictKeys) + k->size * k->width + usable_fraction(k->size) * sizeof(DictEntry);
    return OuInt_FromSsize_t(n);
}

static OuMethodDef dict_methods[] = {
    {"get", (void *)dict_get_meth, OU_METH_FAST, NULL},
    {"setdefault", (void *)dict_setdefault_meth, OU_METH_FAST, NULL},
    {"pop", (void *)dict_pop_meth, OU_METH_FAST, NULL},
    {"popitem", (void *)dict_popitem_meth, OU_METH_NOARGS, NULL},
    {"keys", (void *)dict_keys_meth, OU_METH_NOARGS, NULL},
    {"values", (void *)dict_values_meth, OU_METH_NOARGS, NULL},
    {"items", (void *)dict_items_meth, OU_METH_NOARGS, NULL},
    {"update", (void *)dict_update_meth, OU_METH_FAST, NULL},
    {"fromkeys", (void *)dict_fromkeys_meth, OU_METH_FAST | OU_METH_CLASS, NULL},
    {"copy", (void *)dict_copy_meth, OU_METH_NOARGS, NULL},
    {"clear", (void *)dict_clear_meth, OU_METH_NOARGS, NULL},
    {"__reversed__", (void *)dict_reversed_meth, OU_METH_NOARGS, NULL},
    {"__sizeof__", (void *)dict_sizeof_meth, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuDict_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "dict",
    .tp_basicsize = sizeof(OuDictObject),
    .tp_flags = OU_TPFLAGS_BASETYPE | OU_TPFLAGS_HAVE_GC | OU_TPFLAGS_DICT_SUBCLASS |
                OU_TPFLAGS_MAPPING,
    .tp_dealloc = dict_dealloc,
    .tp_traverse = dict_traverse,
    .tp_clear = dict_tp_clear,
    .tp_new = dict_new,
    .tp_init = dict_init,
    .tp_vectorcall = dict_vectorcall,
    .tp_repr = dict_repr,
    .tp_hash = OuObject_HashNotImplemented,
    .tp_richcompare = dict_richcompare,
    .tp_iter = dict_iter,
    .nb_or = dict_or,
    .nb_inplace_or = dict_ior,
    .mp_length = dict_length,
    .mp_subscript = dict_subscript,
    .mp_ass_subscript = dict_ass_subscript,
    .sq_contains = dict_contains,
    .tp_methods = dict_methods,
};

/* Ready dict, views, iterators, mappingproxy, set and frozenset. */
int OuDict_Init(void)
{
    OuTypeObject *types[] = {
        &OuDict_Type, &OuDictKeys_Type, &OuDictValues_Type, &OuDictItems_Type,
        &OuDictIterKey_Type, &OuDictIterValue_Type, &OuDictIterItem_Type,
        &OuDictRevIterKey_Type, &OuDictRevIterValue_Type, &OuDictRevIterItem_Type,
        &OuMappingProxy_Type, &OuSet_Type, &OuFrozenSet_Type, &OuSetIter_Type,
    };
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
        if (OuType_Ready(types[i]) < 0)
            return -1;
    return 0;
}

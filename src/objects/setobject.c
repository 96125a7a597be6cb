/*
 * setobject.c -- set and frozenset.
 *
 * Types defined here: OuSet_Type ("set"), OuFrozenSet_Type ("frozenset"),
 * OuSetIter_Type ("set_iterator"). Readied by OuDict_Init (dictobject.c).
 *
 * An open-addressing table of {key, hash} entries; the table size is a power
 * of two, starting with the 8-entry table inside the object. A probe looks at
 * up to LINEAR_PROBES+1 neighbouring entries (only when they all fit before
 * the end of the table), then jumps to (5*i + 1 + perturb) with perturb taking
 * in the higher bits of the hash. Deleted entries become `dummy` (hash -1) and
 * are reused by later insertions. The table grows to hold used*4 when it is
 * 60% full. These choices are the ones of CPython 3.11, so a set prints its
 * items in the same order as there.
 */
#include "core/ouro.h"

#define SET_MINSIZE 8
#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5

/* Marks deleted entries; never visible to Python code. */
static OuObject dummy_struct = OU_STATIC_OBJECT_INIT(&OuBaseObject_Type);
#define DUMMY (&dummy_struct)

enum { DISCARD_NOTFOUND = 0, DISCARD_FOUND = 1 };

static OuObject *set_iter(OuObject *so);

static inline Ou_hash_t hash_of(OuObject *key)
{
    if (OU_LIKELY(OuStr_CheckExact(key))) {
        Ou_hash_t h = ((OuStrObject *)key)->hash;
        if (h != -1)
            return h;
    }
    return OuObject_Hash(key);
}

static inline int is_active(OuSetEntry *e)
{
    return e->key != NULL && e->key != DUMMY;
}

/* ---- the table ---- */

/* The entry holding key, or the empty entry ending its probe sequence
   (key NULL). NULL with an exception on a failed comparison. */
static OuSetEntry *set_lookkey(OuSetObject *so, OuObject *key, Ou_hash_t hash)
{
restart:;
    OuSetEntry *table = so->table;
    size_t mask = (size_t)so->mask, i = (size_t)hash & mask, perturb = (size_t)hash;
    for (;;) {
        OuSetEntry *entry = &table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL)
                return entry;
            if (entry->hash == hash) {
                OuObject *sk = entry->key;
                if (sk == key)
                    return entry;
                if (OuStr_CheckExact(sk) && OuStr_CheckExact(key)) {
                    if (OuStr_Equal(sk, key))
                        return entry;
                } else {
                    OU_INCREF(sk);
                    int c = OuObject_RichCompareBool(sk, key, OU_EQ);
                    OU_DECREF(sk);
                    if (c < 0)
                        return NULL;
                    if (table != so->table || entry->key != sk)
                        goto restart;
                    if (c > 0)
                        return entry;
                    mask = (size_t)so->mask;
                }
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

/* Put a key known to be absent into a table without dummies. Steals key. */
static void set_insert_clean(OuSetEntry *table, size_t mask, OuObject *key, Ou_hash_t hash)
{
    size_t i = (size_t)hash & mask, perturb = (size_t)hash;
    OuSetEntry *entry;
    for (;;) {
        entry = &table[i];
        if (entry->key == NULL)
            goto found;
        if (i + LINEAR_PROBES <= mask) {
            for (int j = 0; j < LINEAR_PROBES; j++) {
                entry++;
                if (entry->key == NULL)
                    goto found;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found:
    entry->key = key;
    entry->hash = hash;
}

/* Rebuild the table with the smallest power-of-two size > minused. */
static int set_table_resize(OuSetObject *so, Ou_ssize_t minused)
{
    size_t newsize = SET_MINSIZE;
    while (newsize <= (size_t)minused)
        newsize <<= 1;
    OuSetEntry *oldtable = so->table, *newtable, small_copy[SET_MINSIZE];
    int old_malloced = oldtable != so->smalltable;
    size_t oldsize = (size_t)so->mask + 1;
    if (newsize == SET_MINSIZE) {
        newtable = so->smalltable;
        if (newtable == oldtable) {
            if (so->fill == so->used)
                return 0;   /* no dummies: nothing to do */
            memcpy(small_copy, oldtable, sizeof(small_copy));
            oldtable = small_copy;
        }
    } else {
        if (newsize > (size_t)OU_SSIZE_T_MAX / sizeof(OuSetEntry)) {
            OuErr_NoMemory();
            return -1;
        }
        newtable = Ou_Malloc(newsize * sizeof(OuSetEntry));
        if (!newtable) {
            OuErr_NoMemory();
            return -1;
        }
    }
    memset(newtable, 0, newsize * sizeof(OuSetEntry));
    so->mask = (Ou_ssize_t)newsize - 1;
    so->table = newtable;
    so->fill = so->used;
    for (size_t i = 0; i < oldsize; i++)
        if (is_active(&oldtable[i]))
            set_insert_clean(newtable, newsize - 1, oldtable[i].key, oldtable[i].hash);
    if (old_malloced)
        Ou_Free(oldtable);
    return 0;
}

/* Add key (not stolen) with its hash. */
static int set_add_entry(OuSetObject *so, OuObject *key, Ou_hash_t hash)
{
    OuSetEntry *entry, *freeslot;
    size_t mask, i, perturb;
    OU_INCREF(key);
restart:
    mask = (size_t)so->mask;
    i = (size_t)hash & mask;
    perturb = (size_t)hash;
    freeslot = NULL;
    for (;;) {
        entry = &so->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL)
                goto found_unused_or_dummy;
            if (entry->hash == hash) {
                OuObject *sk = entry->key;
                if (sk == key)
                    goto found_active;
                if (OuStr_CheckExact(sk) && OuStr_CheckExact(key)) {
                    if (OuStr_Equal(sk, key))
                        goto found_active;
                } else {
                    OuSetEntry *table = so->table;
                    OU_INCREF(sk);
                    int c = OuObject_RichCompareBool(sk, key, OU_EQ);
                    OU_DECREF(sk);
                    if (c < 0) {
                        OU_DECREF(key);
                        return -1;
                    }
                    if (c > 0)
                        goto found_active;
                    if (table != so->table || entry->key != sk)
                        goto restart;
                    mask = (size_t)so->mask;
                }
            } else if (entry->hash == -1) {
                freeslot = entry;
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused_or_dummy:
    if (freeslot) {
        so->used++;
        freeslot->key = key;
        freeslot->hash = hash;
        return 0;
    }
    so->fill++;
    so->used++;
    entry->key = key;
    entry->hash = hash;
    if ((size_t)so->fill * 5 < mask * 3)
        return 0;
    return set_table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
found_active:
    OU_DECREF(key);
    return 0;
}

static int set_discard_entry(OuSetObject *so, OuObject *key, Ou_hash_t hash)
{
    OuSetEntry *entry = set_lookkey(so, key, hash);
    if (!entry)
        return -1;
    if (entry->key == NULL)
        return DISCARD_NOTFOUND;
    OuObject *old = entry->key;
    entry->key = DUMMY;
    entry->hash = -1;
    so->used--;
    OU_DECREF(old);
    return DISCARD_FOUND;
}

static int set_contains_entry(OuSetObject *so, OuObject *key, Ou_hash_t hash)
{
    OuSetEntry *entry = set_lookkey(so, key, hash);
    if (!entry)
        return -1;
    return entry->key != NULL;
}

static int set_add_key(OuSetObject *so, OuObject *key)
{
    Ou_hash_t h = hash_of(key);
    if (h == -1)
        return -1;
    return set_add_entry(so, key, h);
}

/* The hash of key; a set used as a key is looked up as a frozenset
   (*tmp receives that frozenset, to be released by the caller). */
static Ou_hash_t key_hash_or_frozen(OuObject **key, OuObject **tmp)
{
    *tmp = NULL;
    Ou_hash_t h = hash_of(*key);
    if (h != -1 || !OuSet_Check(*key) || !OuErr_ExceptionMatches(OuExc_TypeError))
        return h;
    OuErr_Clear();
    *tmp = OuFrozenSet_New(*key);
    if (!*tmp)
        return -1;
    *key = *tmp;
    return hash_of(*tmp);
}

static int set_contains_key(OuSetObject *so, OuObject *key)
{
    OuObject *tmp;
    Ou_hash_t h = key_hash_or_frozen(&key, &tmp);
    int r = h == -1 ? -1 : set_contains_entry(so, key, h);
    OU_XDECREF(tmp);
    return r;
}

static int set_discard_key(OuSetObject *so, OuObject *key)
{
    OuObject *tmp;
    Ou_hash_t h = key_hash_or_frozen(&key, &tmp);
    int r = h == -1 ? -1 : set_discard_entry(so, key, h);
    OU_XDECREF(tmp);
    return r;
}

/* Next active entry at or after *pos; 0 at the end. */
static int set_next(OuSetObject *so, Ou_ssize_t *pos, OuSetEntry **out)
{
    Ou_ssize_t i = *pos;
    while (i <= so->mask && !is_active(&so->table[i]))
        i++;
    *pos = i + 1;
    if (i > so->mask)
        return 0;
    *out = &so->table[i];
    return 1;
}

static void set_clear_internal(OuSetObject *so)
{
    OuSetEntry *table = so->table;
    Ou_ssize_t fill = so->fill;
    int malloced = table != so->smalltable;
    OuSetEntry small_copy[SET_MINSIZE];
    if (!malloced) {
        memcpy(small_copy, table, sizeof(small_copy));
        table = small_copy;
    }
    so->table = so->smalltable;
    memset(so->smalltable, 0, sizeof(so->smalltable));
    so->mask = SET_MINSIZE - 1;
    so->fill = so->used = 0;
    so->hash = -1;
    for (OuSetEntry *e = table; fill > 0; e++) {
        if (e->key) {
            fill--;
            if (e->key != DUMMY)
                OU_DECREF(e->key);
        }
    }
    if (malloced)
        Ou_Free(table);
}

/* Add all of another set. */
static int set_merge(OuSetObject *so, OuSetObject *other)
{
    if (other == so || other->used == 0)
        return 0;
    if ((so->fill + other->used) * 5 >= so->mask * 3) {
        if (set_table_resize(so, (so->used + other->used) * 2) < 0)
            return -1;
    }
    OuSetEntry *oe = other->table;
    if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
        /* same geometry, no dummies: copy entry by entry */
        for (Ou_ssize_t i = 0; i <= other->mask; i++) {
            if (oe[i].key) {
                so->table[i].key = OU_NEWREF(oe[i].key);
                so->table[i].hash = oe[i].hash;
            }
        }
        so->fill = other->fill;
        so->used = other->used;
        return 0;
    }
    if (so->fill == 0) {
        so->fill = so->used = other->used;
        for (Ou_ssize_t i = 0; i <= other->mask; i++)
            if (is_active(&oe[i]))
                set_insert_clean(so->table, (size_t)so->mask, OU_NEWREF(oe[i].key), oe[i].hash);
        return 0;
    }
    for (Ou_ssize_t i = 0; i <= other->mask; i++) {
        OuSetEntry *e = &other->table[i];
        if (is_active(e) && set_add_entry(so, e->key, e->hash) < 0)
            return -1;
    }
    return 0;
}

static int set_update_internal(OuSetObject *so, OuObject *other)
{
    if (OuAnySet_Check(other))
        return set_merge(so, (OuSetObject *)other);
    if (OuDict_CheckExact(other)) {
        Ou_ssize_t n = OU_DICT_LEN(other), pos = 0;
        if ((so->fill + n) * 5 >= so->mask * 3) {
            if (set_table_resize(so, (so->used + n) * 2) < 0)
                return -1;
        }
        OuObject *k;
        Ou_hash_t h;
        while (OuDict_NextWithHash(other, &pos, &k, NULL, &h))
            if (set_add_entry(so, k, h) < 0)
                return -1;
        return 0;
    }
    OuObject *it = OuObject_GetIter(other), *key;
    if (!it)
        return -1;
    while ((key = OuIter_Next(it)) != NULL) {
        int rc = set_add_key(so, key);
        OU_DECREF(key);
        if (rc < 0) {
            OU_DECREF(it);
            return -1;
        }
    }
    OU_DECREF(it);
    return OuErr_Occurred() ? -1 : 0;
}

/* ---- creation ---- */

static OuObject *make_new_set(OuTypeObject *type, OuObject *iterable)
{
    OuSetObject *so = (OuSetObject *)type->tp_alloc(type, 0);
    if (!so)
        return NULL;
    so->fill = so->used = 0;
    so->mask = SET_MINSIZE - 1;
    so->table = so->smalltable;
    so->hash = -1;
    so->finger = 0;
    so->weakreflist = NULL;
    OuObject_GC_Track((OuObject *)so);
    if (iterable && set_update_internal(so, iterable) < 0) {
        OU_DECREF(so);
        return NULL;
    }
    return (OuObject *)so;
}

/* set or frozenset, whichever `type` derives from. */
static OuObject *make_new_set_basetype(OuTypeObject *type, OuObject *iterable)
{
    if (type != &OuSet_Type && type != &OuFrozenSet_Type)
        type = OuType_IsSubtype(type, &OuSet_Type) ? &OuSet_Type : &OuFrozenSet_Type;
    return make_new_set(type, iterable);
}

OuObject *OuSet_New(OuObject *iterable)
{
    return make_new_set(&OuSet_Type, iterable);
}

OuObject *OuFrozenSet_New(OuObject *iterable)
{
    return make_new_set(&OuFrozenSet_Type, iterable);
}

static void set_dealloc(OuObject *o)
{
    OuSetObject *so = (OuSetObject *)o;
    OuObject_GC_UnTrack(o);
    Ou_ssize_t fill = so->fill;
    for (OuSetEntry *e = so->table; fill > 0; e++) {
        if (e->key) {
            fill--;
            if (e->key != DUMMY)
                OU_DECREF(e->key);
        }
    }
    if (so->table != so->smalltable)
        Ou_Free(so->table);
    OU_TYPE(o)->tp_free(o);
}

static int set_traverse(OuObject *o, visitproc visit, void *arg)
{
    OuSetObject *so = (OuSetObject *)o;
    Ou_ssize_t pos = 0;
    OuSetEntry *e;
    while (set_next(so, &pos, &e))
        OU_VISIT(e->key);
    return 0;
}

static int set_tp_clear(OuObject *o)
{
    set_clear_internal((OuSetObject *)o);
    return 0;
}

/* ---- the C API ---- */

int OuSet_Add(OuObject *set, OuObject *key)
{
    return set_add_key((OuSetObject *)set, key);
}

int OuSet_Discard(OuObject *set, OuObject *key)
{
    return set_discard_key((OuSetObject *)set, key);
}

int OuSet_Contains(OuObject *set, OuObject *key)
{
    return set_contains_key((OuSetObject *)set, key);
}

Ou_ssize_t OuSet_Size(OuObject *set)
{
    return ((OuSetObject *)set)->used;
}

int OuSet_Update(OuObject *set, OuObject *iterable)
{
    return set_update_internal((OuSetObject *)set, iterable);
}

int OuSet_Next(OuObject *set, Ou_ssize_t *pos, OuObject **key)
{
    OuSetEntry *e;
    if (!set_next((OuSetObject *)set, pos, &e))
        return 0;
    *key = e->key;
    return 1;
}

/* ---- operations ---- */

static OuObject *set_copy(OuObject *so, OuObject *unused)
{
    return make_new_set_basetype(OU_TYPE(so), so);
}

static OuObject *frozenset_copy(OuObject *so, OuObject *unused)
{
    if (OU_TYPE(so) == &OuFrozenSet_Type)
        return OU_NEWREF(so);
    return set_copy(so, NULL);
}

static OuObject *set_intersection(OuSetObject *so, OuObject *other)
{
    OuSetObject *result = (OuSetObject *)make_new_set_basetype(OU_TYPE(so), NULL);
    if (!result)
        return NULL;
    if (OuAnySet_Check(other)) {
        OuSetObject *a = so, *b = (OuSetObject *)other;
        if (b->used > a->used) {
            OuSetObject *t = a;
            a = b;
            b = t;
        }
        /* iterate the smaller one (b), probe the larger (a) */
        Ou_ssize_t pos = 0;
        OuSetEntry *e;
        while (set_next(b, &pos, &e)) {
            OuObject *key = OU_NEWREF(e->key);
            Ou_hash_t h = e->hash;
            int rv = set_contains_entry(a, key, h);
            if (rv > 0)
                rv = set_add_entry(result, key, h);
            OU_DECREF(key);
            if (rv < 0)
                goto fail;
        }
        return (OuObject *)result;
    }
    OuObject *it = OuObject_GetIter(other), *key;
    if (!it)
        goto fail;
    while ((key = OuIter_Next(it)) != NULL) {
        Ou_hash_t h = hash_of(key);
        int rv = h == -1 ? -1 : set_contains_entry(so, key, h);
        if (rv > 0)
            rv = set_add_entry(result, key, h);
        OU_DECREF(key);
        if (rv < 0) {
            OU_DECREF(it);
            goto fail;
        }
    }
    OU_DECREF(it);
    if (OuErr_Occurred())
        goto fail;
    return (OuObject *)result;
fail:
    OU_DECREF(result);
    return NULL;
}

static OuObject *set_intersection_multi(OuObject *so, OuObject *const *args, Ou_ssize_t nargs,
                                        OuObject *kwnames)
{
    if (OuArg_NoKeywords("intersection", kwnames) < 0)
        return NULL;
    if (nargs == 0)
        return set_copy(so, NULL);
    OuObject *result = OU_NEWREF(so);
    for (Ou_ssize_t i = 0; i < nargs; i++) {
        OuObject *r = set_intersection((OuSetObject *)result, args[i]);
        OU_DECREF(result);
        if (!r)
            return NULL;
        result = r;
    }
    return result;
}

/* Exchange the contents of two sets (for the in-place operations). */
static void set_swap_bodies(OuSetObject *a, OuSetObject *b)
{
    int a_small = a->table == a->smalltable, b_small = b->table == b->smalltable;
    Ou_ssize_t t;
    t = a->fill; a->fill = b->fill; b->fill = t;
    t = a->used; a->used = b->used; b->used = t;
    t = a->mask; a->mask = b->mask; b->mask = t;
    OuSetEntry tmp[SET_MINSIZE];
    memcpy(tmp, a->smalltable, sizeof(tmp));
    memcpy(a->smalltable, b->smalltable, sizeof(tmp));
    memcpy(b->smalltable, tmp, sizeof(tmp));
    OuSetEntry *at = a->table;
    a->table = b_small ? a->smalltable : b->table;
    b->table = a_small ? b->smalltable : at;
    if (OuFrozenSet_Check((OuObject *)a) && OuFrozenSet_Check((OuObject *)b)) {
        Ou_hash_t h = a->hash;
        a->hash = b->hash;
        b->hash = h;
    } else {
        a->hash = b->hash = -1;
    }
}

static int set_intersection_update_internal(OuSetObject *so, OuObject *other)
{
    OuObject *tmp = set_intersection(so, other);
    if (!tmp)
        return -1;
    set_swap_bodies(so, (OuSetObject *)tmp);
    OU_DECREF(tmp);
    return 0;
}

static OuObject *set_intersection_update_multi(OuObject *so, OuObject *const *args,
                                               Ou_ssize_t nargs, OuObject *kwnames)
{
    OuObject *tmp = set_intersection_multi(so, args, nargs, kwnames);
    if (!tmp)
        return NULL;
    set_swap_bodies((OuSetObject *)so, (OuSetObject *)tmp);
    OU_DECREF(tmp);
    OU_RETURN_NONE;
}

static int set_difference_update_internal(OuSetObject *so, OuObject *other)
{
    if ((OuObject *)so == other) {
        set_clear_internal(so);
        return 0;
    }
    if (OuAnySet_Check(other)) {
        OuObject *src;
        if ((((OuSetObject *)other)->used >> 3) > so->used) {
            src = set_intersection(so, other);
            if (!src)
                return -1;
        } else {
            src = OU_NEWREF(other);
        }
        Ou_ssize_t pos = 0;
        OuSetEntry *e;
        while (set_next((OuSetObject *)src, &pos, &e)) {
            OuObject *key = OU_NEWREF(e->key);
            int rv = set_discard_entry(so, key, e->hash);
            OU_DECREF(key);
            if (rv < 0) {
                OU_DECREF(src);
                return -1;
            }
        }
        OU_DECREF(src);
    } else {
        OuObject *it = OuObject_GetIter(other), *key;
        if (!it)
            return -1;
        while ((key = OuIter_Next(it)) != NULL) {
            int rv = set_discard_key(so, key);
            OU_DECREF(key);
            if (rv < 0) {
                OU_DECREF(it);
                return -1;
            }
        }
        OU_DECREF(it);
        if (OuErr_Occurred())
            return -1;
    }
    /* more than a quarter dummies: rebuild */
    if ((size_t)(so->fill - so->used) <= (size_t)so->mask / 4)
        return 0;
    return set_table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
}

static OuObject *set_copy_and_difference(OuSetObject *so, OuObject *other)
{
    OuObject *result = set_copy((OuObject *)so, NULL);
    if (result && set_difference_update_internal((OuSetObject *)result, other) < 0)
        OU_CLEAR(result);
    return result;
}

static OuObject *set_difference(OuSetObject *so, OuObject *other)
{
    Ou_ssize_t other_size;
    int other_is_dict = 0;
    if (OuAnySet_Check(other)) {
        other_size = ((OuSetObject *)other)->used;
    } else if (OuDict_CheckExact(other)) {
        other_size = OU_DICT_LEN(other);
        other_is_dict = 1;
    } else {
        return set_copy_and_difference(so, other);
    }
    if ((so->used >> 2) > other_size)
        return set_copy_and_difference(so, other);
    OuSetObject *result = (OuSetObject *)make_new_set_basetype(OU_TYPE(so), NULL);
    if (!result)
        return NULL;
    Ou_ssize_t pos = 0;
    OuSetEntry *e;
    while (set_next(so, &pos, &e)) {
        OuObject *key = OU_NEWREF(e->key);
        Ou_hash_t h = e->hash;
        int rv;
        if (other_is_dict) {
            OuObject *v = OuDict_GetItemKnownHash(other, key, h);
            rv = v ? 1 : OuErr_Occurred() ? -1 : 0;
        } else {
            rv = set_contains_entry((OuSetObject *)other, key, h);
        }
        if (rv == 0)
            rv = set_add_entry(result, key, h);
        OU_DECREF(key);
        if (rv < 0) {
            OU_DECREF(result);
            return NULL;
        }
    }
    return (OuObject *)result;
}

static OuObject *set_difference_multi(OuObject *so, OuObject *const *args, Ou_ssize_t nargs,
                                      OuObject *kwnames)
{
    if (OuArg_NoKeywords("difference", kwnames) < 0)
        return NULL;
    if (nargs == 0)
        return set_copy(so, NULL);
    OuObject *result = set_difference((OuSetObject *)so, args[0]);
    for (Ou_ssize_t i = 1; result && i < nargs; i++)
        if (set_difference_update_internal((OuSetObject *)result, args[i]) < 0)
            OU_CLEAR(result);
    return result;
}

static OuObject *set_difference_update(OuObject *so, OuObject *const *args, Ou_ssize_t nargs,
                                       OuObject *kwnames)
{
    if (OuArg_NoKeywords("difference_update", kwnames) < 0)
        return NULL;
    for (Ou_ssize_t i = 0; i < nargs; i++)
        if (set_difference_update_internal((OuSetObject *)so, args[i]) < 0)
            return NULL;
    OU_RETURN_NONE;
}

static int set_symmetric_difference_update_internal(OuSetObject *so, OuObject *other)
{
    if ((OuObject *)so == other) {
        set_clear_internal(so);
        return 0;
    }
    if (OuDict_CheckExact(other)) {
        Ou_ssize_t pos = 0;
        OuObject *k;
        Ou_hash_t h;
        while (OuDict_NextWithHash(other, &pos, &k, NULL, &h)) {
            OU_INCREF(k);
            int rv = set_discard_entry(so, k, h);
            if (rv == DISCARD_NOTFOUND)
                rv = set_add_entry(so, k, h);
            OU_DECREF(k);
            if (rv < 0)
                return -1;
        }
        return 0;
    }
    OuObject *otherset;
    if (OuAnySet_Check(other))
        otherset = OU_NEWREF(other);
    else if (!(otherset = make_new_set_basetype(OU_TYPE(so), other)))
        return -1;
    Ou_ssize_t pos = 0;
    OuSetEntry *e;
    while (set_next((OuSetObject *)otherset, &pos, &e)) {
        OuObject *key = OU_NEWREF(e->key);
        Ou_hash_t h = e->hash;
        int rv = set_discard_entry(so, key, h);
        if (rv == DISCARD_NOTFOUND)
            rv = set_add_entry(so, key, h);
        OU_DECREF(key);
        if (rv < 0) {
            OU_DECREF(otherset);
            return -1;
        }
    }
    OU_DECREF(otherset);
    return 0;
}

static OuObject *set_symmetric_difference_update(OuObject *so, OuObject *other)
{
    if (set_symmetric_difference_update_internal((OuSetObject *)so, other) < 0)
        return NULL;
    OU_RETURN_NONE;
}

static OuObject *set_symmetric_difference(OuObject *so, OuObject *other)
{
    OuObject *result = make_new_set_basetype(OU_TYPE(so), other);
    if (result && set_symmetric_difference_update_internal((OuSetObject *)result, so) < 0)
        OU_CLEAR(result);
    return result;
}

static OuObject *set_union(OuObject *so, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("union", kwnames) < 0)
        return NULL;
    OuObject *result = set_copy(so, NULL);
    if (!result)
        return NULL;
    for (Ou_ssize_t i = 0; i < nargs; i++) {
        if (args[i] == so)
            continue;
        if (set_update_internal((OuSetObject *)result, args[i]) < 0) {
            OU_DECREF(result);
            return NULL;
        }
    }
    return result;
}

static OuObject *set_update_meth(OuObject *so, OuObject *const *args, Ou_ssize_t nargs,
                                 OuObject *kwnames)
{
    if (OuArg_NoKeywords("update", kwnames) < 0)
        return NULL;
    for (Ou_ssize_t i = 0; i < nargs; i++)
        if (set_update_internal((OuSetObject *)so, args[i]) < 0)
            return NULL;
    OU_RETURN_NONE;
}

/* 1 if so <= other, 0 if not, -1 on error. */
static int set_issubset_internal(OuSetObject *so, OuObject *other)
{
    if (!OuAnySet_Check(other)) {
        OuObject *tmp = OuSet_New(other);
        if (!tmp)
            return -1;
        int r = set_issubset_internal(so, tmp);
        OU_DECREF(tmp);
        return r;
    }
    if (so->used > ((OuSetObject *)other)->used)
        return 0;
    Ou_ssize_t pos = 0;
    OuSetEntry *e;
    while (set_next(so, &pos, &e)) {
        OuObject *key = OU_NEWREF(e->key);
        int rv = set_contains_entry((OuSetObject *)other, key, e->hash);
        OU_DECREF(key);
        if (rv <= 0)
            return rv;
    }
    return 1;
}

static int set_issuperset_internal(OuSetObject *so, OuObject *other)
{
    if (OuAnySet_Check(other))
        return set_issubset_internal((OuSetObject *)other, (OuObject *)so);
    OuObject *it = OuObject_GetIter(other), *key;
    if (!it)
        return -1;
    while ((key = OuIter_Next(it)) != NULL) {
        int rv = set_contains_key(so, key);
        OU_DECREF(key);
        if (rv <= 0) {
            OU_DECREF(it);
            return rv;
        }
    }
    OU_DECREF(it);
    return OuErr_Occurred() ? -1 : 1;
}

static OuObject *bool_result(int r)
{
    return r < 0 ? NULL : OuBool_FromLong(r);
}

static OuObject *set_issubset(OuObject *so, OuObject *other)
{
    return bool_result(set_issubset_internal((OuSetObject *)so, other));
}

static OuObject *set_issuperset(OuObject *so, OuObject *other)
{
    return bool_result(set_issuperset_internal((OuSetObject *)so, other));
}

static OuObject *set_isdisjoint(OuObject *self, OuObject *other)
{
    OuSetObject *so = (OuSetObject *)self;
    if (self == other)
        return OuBool_FromLong(so->used == 0);
    if (OuAnySet_Check(other)) {
        OuSetObject *a = so, *b = (OuSetObject *)other;
        if (b->used > a->used) {
            OuSetObject *t = a;
            a = b;
            b = t;
        }
        Ou_ssize_t pos = 0;
        OuSetEntry *e;
        while (set_next(b, &pos, &e)) {
            OuObject *key = OU_NEWREF(e->key);
            int rv = set_contains_entry(a, key, e->hash);
            OU_DECREF(key);
            if (rv < 0)
                return NULL;
            if (rv)
                OU_RETURN_FALSE;
        }
        OU_RETURN_TRUE;
    }
    OuObject *it = OuObject_GetIter(other), *key;
    if (!it)
        return NULL;
    while ((key = OuIter_Next(it)) != NULL) {
        int rv = set_contains_key(so, key);
        OU_DECREF(key);
        if (rv != 0) {
            OU_DECREF(it);
            if (rv < 0)
                return NULL;
            OU_RETURN_FALSE;
        }
    }
    OU_DECREF(it);
    if (OuErr_Occurred())
        return NULL;
    OU_RETURN_TRUE;
}

static OuObject *set_add_meth(OuObject *so, OuObject *key)
{
    if (set_add_key((OuSetObject *)so, key) < 0)
        return NULL;
    OU_RETURN_NONE;
}

static OuObject *set_remove_meth(OuObject *so, OuObject *key)
{
    int r = set_discard_key((OuSetObject *)so, key);
    if (r < 0)
        return NULL;
    if (r == DISCARD_NOTFOUND) {
        OuErr_SetKeyError(key);
        return NULL;
    }
    OU_RETURN_NONE;
}

static OuObject *set_discard_meth(OuObject *so, OuObject *key)
{
    if (set_discard_key((OuSetObject *)so, key) < 0)
        return NULL;
    OU_RETURN_NONE;
}

static OuObject *set_pop_meth(OuObject *self, OuObject *unused)
{
    OuSetObject *so = (OuSetObject *)self;
    if (so->used == 0) {
        OuErr_SetString(OuExc_KeyError, "pop from an empty set");
        return NULL;
    }
    OuSetEntry *entry = so->table + (so->finger & so->mask), *limit = so->table + so->mask;
    while (!is_active(entry)) {
        entry++;
        if (entry > limit)
            entry = so->table;
    }
    OuObject *key = entry->key;
    entry->key = DUMMY;
    entry->hash = -1;
    so->used--;
    so->finger = entry - so->table + 1;
    return key;
}

static OuObject *set_clear_meth(OuObject *so, OuObject *unused)
{
    set_clear_internal((OuSetObject *)so);
    OU_RETURN_NONE;
}

static OuObject *set_reduce(OuObject *so, OuObject *unused)
{
    OuObject *keys = OuSequence_List(so), *state = NULL, *args = NULL, *r = NULL;
    if (!keys)
        return NULL;
    if (OuObject_LookupAttr(so, OU_ID(__dict__), &state) < 0)
        goto out;
    args = OuTuple_Pack(1, keys);
    if (args)
        r = OuTuple_Pack(3, (OuObject *)OU_TYPE(so), args, state ? state : OU_NONE);
out:
    OU_XDECREF(keys);
    OU_XDECREF(args);
    OU_XDECREF(state);
    return r;
}

static OuObject *set_sizeof(OuObject *self, OuObject *unused)
{
    OuSetObject *so = (OuSetObject *)self;
    Ou_ssize_t n = sizeof(OuSetObject);
    if (so->table != so->smalltable)
        n += (so->mask + 1) * (Ou_ssize_t)sizeof(OuSetEntry);
    return OuInt_FromSsize_t(n);
}

/* ---- slots ---- */

static Ou_ssize_t set_len(OuObject *so)
{
    return ((OuSetObject *)so)->used;
}

static int set_contains(OuObject *so, OuObject *key)
{
    return set_contains_key((OuSetObject *)so, key);
}

static OuObject *set_repr(OuObject *self)
{
    OuSetObject *so = (OuSetObject *)self;
    const char *tname = OU_TYPE_NAME(self);
    if (so->used == 0)
        return OuStr_FromFormat("%s()", tname);
    int r = Ou_ReprEnter(self);
    if (r != 0)
        return r > 0 ? OuStr_FromFormat("%s(...)", tname) : NULL;
    OuStrBuilder b;
    OuStrBuilder_Init(&b);
    int exact = OU_TYPE(self) == &OuSet_Type;
    if (!exact && (OuStrBuilder_AppendUTF8(&b, tname, (Ou_ssize_t)strlen(tname)) < 0 ||
                   OuStrBuilder_AppendChar(&b, '(') < 0))
        goto fail;
    if (OuStrBuilder_AppendChar(&b, '{') < 0)
        goto fail;
    OuObject *keys = OuSequence_List(self);
    if (!keys)
        goto fail;
    for (Ou_ssize_t i = 0; i < OU_LIST_LEN(keys); i++) {
        if (i > 0 && OuStrBuilder_AppendASCII(&b, ", ", 2) < 0)
            goto fail_keys;
        OuObject *s = OuObject_Repr(OU_LIST_GET(keys, i));
        if (!s)
            goto fail_keys;
        int rc = OuStrBuilder_AppendStr(&b, s);
        OU_DECREF(s);
        if (rc < 0)
            goto fail_keys;
    }
    OU_DECREF(keys);
    if (OuStrBuilder_AppendChar(&b, '}') < 0 || (!exact && OuStrBuilder_AppendChar(&b, ')') < 0))
        goto fail;
    Ou_ReprLeave(self);
    return OuStrBuilder_Finish(&b);
fail_keys:
    OU_DECREF(keys);
fail:
    OuStrBuilder_Discard(&b);
    Ou_ReprLeave(self);
    return NULL;
}

static OuObject *set_richcompare(OuObject *v, OuObject *w, int op)
{
    if (!OuAnySet_Check(w))
        OU_RETURN_NOTIMPLEMENTED;
    OuSetObject *a = (OuSetObject *)v, *b = (OuSetObject *)w;
    int r;
    switch (op) {
    case OU_EQ:
    case OU_NE:
        if (a->used != b->used)
            r = 0;
        else if (a->hash != -1 && b->hash != -1 && a->hash != b->hash)
            r = 0;
        else
            r = set_issubset_internal(a, w);
        if (r >= 0 && op == OU_NE)
            r = !r;
        break;
    case OU_LE:
        r = set_issubset_internal(a, w);
        break;
    case OU_GE:
        r = set_issuperset_internal(a, w);
        break;
    case OU_LT:
        r = a->used < b->used ? set_issubset_internal(a, w) : 0;
        break;
    default:
        r = a->used > b->used ? set_issuperset_internal(a, w) : 0;
        break;
    }
    return bool_result(r);
}

/* CPython 3.11's frozenset hash: xor of scrambled entry hashes, then mixing. */
static Ou_uhash_t shuffle_bits(Ou_uhash_t h)
{
    return ((h ^ 89869747UL) ^ (h << 16)) * 3644798167UL;
}

static Ou_hash_t frozenset_hash(OuObject *self)
{
    OuSetObject *so = (OuSetObject *)self;
    if (so->hash != -1)
        return so->hash;
    Ou_uhash_t hash = 0;
    for (Ou_ssize_t i = 0; i <= so->mask; i++)
        if (is_active(&so->table[i]))
            hash ^= shuffle_bits((Ou_uhash_t)so->table[i].hash);
    hash ^= ((Ou_uhash_t)so->used + 1) * 1927868237UL;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + 907133923UL;
    if (hash == (Ou_uhash_t)-1)
        hash = 590923713UL;
    so->hash = (Ou_hash_t)hash;
    return so->hash;
}

static OuObject *set_or(OuObject *a, OuObject *b)
{
    if (!OuAnySet_Check(a) || !OuAnySet_Check(b))
        OU_RETURN_NOTIMPLEMENTED;
    OuObject *result = set_copy(a, NULL);
    if (result && a != b && set_update_internal((OuSetObject *)result, b) < 0)
        OU_CLEAR(result);
    return result;
}

static OuObject *set_and(OuObject *a, OuObject *b)
{
    if (!OuAnySet_Check(a) || !OuAnySet_Check(b))
        OU_RETURN_NOTIMPLEMENTED;
    return set_intersection((OuSetObject *)a, b);
}

static OuObject *set_sub(OuObject *a, OuObject *b)
{
    if (!OuAnySet_Check(a) || !OuAnySet_Check(b))
        OU_RETURN_NOTIMPLEMENTED;
    return set_difference((OuSetObject *)a, b);
}

static OuObject *set_xor(OuObject *a, OuObject *b)
{
    if (!OuAnySet_Check(a) || !OuAnySet_Check(b))
        OU_RETURN_NOTIMPLEMENTED;
    return set_symmetric_difference(a, b);
}

static OuObject *set_ior(OuObject *a, OuObject *b)
{
    if (!OuAnySet_Check(b))
        OU_RETURN_NOTIMPLEMENTED;
    if (set_update_internal((OuSetObject *)a, b) < 0)
        return NULL;
    return OU_NEWREF(a);
}

static OuObject *set_iand(OuObject *a, OuObject *b)
{
    if (!OuAnySet_Check(b))
        OU_RETURN_NOTIMPLEMENTED;
    if (set_intersection_update_internal((OuSetObject *)a, b) < 0)
        return NULL;
    return OU_NEWREF(a);
}

static OuObject *set_isub(OuObject *a, OuObject *b)
{
    if (!OuAnySet_Check(b))
        OU_RETURN_NOTIMPLEMENTED;
    if (set_difference_update_internal((OuSetObject *)a, b) < 0)
        return NULL;
    return OU_NEWREF(a);
}

static OuObject *set_ixor(OuObject *a, OuObject *b)
{
    if (!OuAnySet_Check(b))
        OU_RETURN_NOTIMPLEMENTED;
    if (set_symmetric_difference_update_internal((OuSetObject *)a, b) < 0)
        return NULL;
    return OU_NEWREF(a);
}

/* ---- construction ---- */

static OuObject *set_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs,
                         OuObject *kwnames)
{
    if (type == &OuSet_Type && OuArg_NoKeywords("set", kwnames) < 0)
        return NULL;
    return make_new_set(type, NULL);
}

static int set_init(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (OuArg_NoKeywords("set", kwnames) < 0)
        return -1;
    if (nargs > 1) {
        OuErr_Format(OuExc_TypeError, "set expected at most 1 argument, got %zd", nargs);
        return -1;
    }
    OuSetObject *so = (OuSetObject *)self;
    if (so->fill)
        set_clear_internal(so);
    so->hash = -1;
    if (nargs == 1)
        return set_update_internal(so, args[0]);
    return 0;
}

static OuObject *set_vectorcall(OuObject *type, OuObject *const *args, Ou_ssize_t nargs,
                                OuObject *kwnames)
{
    OuTypeObject *tp = (OuTypeObject *)type;
    if (tp == &OuSet_Type) {
        if (OuArg_NoKeywords("set", kwnames) < 0)
            return NULL;
        if (nargs > 1)
            return OuErr_Format(OuExc_TypeError, "set expected at most 1 argument, got %zd", nargs);
        return make_new_set(tp, nargs ? args[0] : NULL);
    }
    OuObject *r = tp->tp_new(tp, args, nargs, kwnames);
    if (r && OuObject_TypeCheck(r, tp) && OU_TYPE(r)->tp_init &&
        OU_TYPE(r)->tp_init(r, args, nargs, kwnames) < 0)
        OU_CLEAR(r);
    return r;
}

static OuObject *frozenset_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs,
                               OuObject *kwnames)
{
    if (type == &OuFrozenSet_Type && OuArg_NoKeywords("frozenset", kwnames) < 0)
        return NULL;
    if (nargs > 1)
        return OuErr_Format(OuExc_TypeError, "frozenset expected at most 1 argument, got %zd", nargs);
    OuObject *iterable = nargs ? args[0] : NULL;
    if (type == &OuFrozenSet_Type && iterable && OU_TYPE(iterable) == &OuFrozenSet_Type)
        return OU_NEWREF(iterable);
    return make_new_set(type, iterable);
}

static OuObject *frozenset_vectorcall(OuObject *type, OuObject *const *args, Ou_ssize_t nargs,
                                      OuObject *kwnames)
{
    OuTypeObject *tp = (OuTypeObject *)type;
    if (tp == &OuFrozenSet_Type)
        return frozenset_new(tp, args, nargs, kwnames);
    OuObject *r = tp->tp_new(tp, args, nargs, kwnames);
    if (r && OuObject_TypeCheck(r, tp) && OU_TYPE(r)->tp_init &&
        OU_TYPE(r)->tp_init(r, args, nargs, kwnames) < 0)
        OU_CLEAR(r);
    return r;
}

static OuMethodDef set_methods[] = {
    {"add", (void *)set_add_meth, OU_METH_O, NULL},
    {"clear", (void *)set_clear_meth, OU_METH_NOARGS, NULL},
    {"copy", (void *)set_copy, OU_METH_NOARGS, NULL},
    {"discard", (void *)set_discard_meth, OU_METH_O, NULL},
    {"difference", (void *)set_difference_multi, OU_METH_FAST, NULL},
    {"difference_update", (void *)set_difference_update, OU_METH_FAST, NULL},
    {"intersection", (void *)set_intersection_multi, OU_METH_FAST, NULL},
    {"intersection_update", (void *)set_intersection_update_multi, OU_METH_FAST, NULL},
    {"isdisjoint", (void *)set_isdisjoint, OU_METH_O, NULL},
    {"issubset", (void *)set_issubset, OU_METH_O, NULL},
    {"issuperset", (void *)set_issuperset, OU_METH_O, NULL},
    {"pop", (void *)set_pop_meth, OU_METH_NOARGS, NULL},
    {"remove", (void *)set_remove_meth, OU_METH_O, NULL},
    {"symmetric_difference", (void *)set_symmetric_difference, OU_METH_O, NULL},
    {"symmetric_difference_update", (void *)set_symmetric_difference_update, OU_METH_O, NULL},
    {"union", (void *)set_union, OU_METH_FAST, NULL},
    {"update", (void *)set_update_meth, OU_METH_FAST, NULL},
    {"__reduce__", (void *)set_reduce, OU_METH_NOARGS, NULL},
    {"__sizeof__", (void *)set_sizeof, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static OuMethodDef frozenset_methods[] = {
    {"copy", (void *)frozenset_copy, OU_METH_NOARGS, NULL},
    {"difference", (void *)set_difference_multi, OU_METH_FAST, NULL},
    {"intersection", (void *)set_intersection_multi, OU_METH_FAST, NULL},
    {"isdisjoint", (void *)set_isdisjoint, OU_METH_O, NULL},
    {"issubset", (void *)set_issubset, OU_METH_O, NULL},
    {"issuperset", (void *)set_issuperset, OU_METH_O, NULL},
    {"symmetric_difference", (void *)set_symmetric_difference, OU_METH_O, NULL},
    {"union", (void *)set_union, OU_METH_FAST, NULL},
    {"__reduce__", (void *)set_reduce, OU_METH_NOARGS, NULL},
    {"__sizeof__", (void *)set_sizeof, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuSet_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "set",
    .tp_basicsize = sizeof(OuSetObject),
    .tp_flags = OU_TPFLAGS_BASETYPE | OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = set_dealloc,
    .tp_traverse = set_traverse,
    .tp_clear = set_tp_clear,
    .tp_new = set_new,
    .tp_init = set_init,
    .tp_vectorcall = set_vectorcall,
    .tp_repr = set_repr,
    .tp_hash = OuObject_HashNotImplemented,
    .tp_richcompare = set_richcompare,
    .tp_iter = set_iter,
    .nb_subtract = set_sub,
    .nb_and = set_and,
    .nb_xor = set_xor,
    .nb_or = set_or,
    .nb_inplace_subtract = set_isub,
    .nb_inplace_and = set_iand,
    .nb_inplace_xor = set_ixor,
    .nb_inplace_or = set_ior,
    .mp_length = set_len,
    .sq_contains = set_contains,
    .tp_methods = set_methods,
    .tp_weaklistoffset = offsetof(OuSetObject, weakreflist),
};

OuTypeObject OuFrozenSet_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "frozenset",
    .tp_basicsize = sizeof(OuSetObject),
    .tp_flags = OU_TPFLAGS_BASETYPE | OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = set_dealloc,
    .tp_traverse = set_traverse,
    .tp_clear = set_tp_clear,
    .tp_new = frozenset_new,
    .tp_vectorcall = frozenset_vectorcall,
    .tp_repr = set_repr,
    .tp_hash = frozenset_hash,
    .tp_richcompare = set_richcompare,
    .tp_iter = set_iter,
    .nb_subtract = set_sub,
    .nb_and = set_and,
    .nb_xor = set_xor,
    .nb_or = set_or,
    .mp_length = set_len,
    .sq_contains = set_contains,
    .tp_methods = frozenset_methods,
    .tp_weaklistoffset = offsetof(OuSetObject, weakreflist),
};

/* ---- iterator ---- */

typedef struct {
    OuObject_HEAD
    OuSetObject *set;      /* NULL once exhausted */
    Ou_ssize_t used;       /* set size when created; -1 after a size change */
    Ou_ssize_t pos;
    Ou_ssize_t len;
} SetIter;

static OuObject *set_iter(OuObject *so)
{
    SetIter *si = OuObject_NEW(SetIter, &OuSetIter_Type);
    if (!si)
        return NULL;
    si->set = (OuSetObject *)OU_NEWREF(so);
    si->used = ((OuSetObject *)so)->used;
    si->pos = 0;
    si->len = si->used;
    OuObject_GC_Track((OuObject *)si);
    return (OuObject *)si;
}

static void setiter_dealloc(OuObject *o)
{
    OuObject_GC_UnTrack(o);
    OU_XDECREF(((SetIter *)o)->set);
    OU_TYPE(o)->tp_free(o);
}

static int setiter_traverse(OuObject *o, visitproc visit, void *arg)
{
    OU_VISIT(((SetIter *)o)->set);
    return 0;
}

static OuObject *setiter_next(OuObject *o)
{
    SetIter *si = (SetIter *)o;
    OuSetObject *so = si->set;
    if (!so)
        return NULL;
    if (si->used != so->used) {
        OuErr_SetString(OuExc_RuntimeError, "Set changed size during iteration");
        si->used = -1;
        return NULL;
    }
    OuSetEntry *e;
    if (!set_next(so, &si->pos, &e)) {
        si->set = NULL;
        OU_DECREF(so);
        return NULL;
    }
    si->len--;
    return OU_NEWREF(e->key);
}

static OuObject *setiter_length_hint(OuObject *o, OuObject *unused)
{
    SetIter *si = (SetIter *)o;
    Ou_ssize_t n = 0;
    if (si->set && si->used == si->set->used)
        n = si->len;
    return OuInt_FromSsize_t(n);
}

static OuMethodDef setiter_methods[] = {
    {"__length_hint__", (void *)setiter_length_hint, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuSetIter_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "set_iterator",
    .tp_basicsize = sizeof(SetIter),
    .tp_flags = OU_TPFLAGS_HAVE_GC,
    .tp_dealloc = setiter_dealloc,
    .tp_traverse = setiter_traverse,
    .tp_iter = OuObject_SelfIter,
    .tp_iternext = setiter_next,
    .tp_methods = setiter_methods,
};

/*
 * alloc.c -- raw memory and object allocation.
 *
 * Ou_Malloc & co. are thin wrappers over the C library for now; a later
 * change puts the small-object arena allocator behind the same names, so
 * every allocation of the runtime must go through them.
 *
 * Objects of OU_TPFLAGS_HAVE_GC types are preceded by an OuGCHead; the
 * pointer handed out is just past it (OU_FROM_GC).
 */
#include "core/ouro.h"
#include <stdlib.h>

/* malloc that never returns NULL for a zero-size request. */
void *Ou_Malloc(size_t n)
{
    return malloc(n ? n : 1);
}

/* realloc with the same zero-size rule as Ou_Malloc. */
void *Ou_Realloc(void *p, size_t n)
{
    return realloc(p, n ? n : 1);
}

void Ou_Free(void *p)
{
    free(p);
}

/* Ou_Malloc that sets MemoryError on failure. */
void *Ou_MallocErr(size_t n)
{
    void *p = Ou_Malloc(n);
    if (!p)
        OuErr_NoMemory();
    return p;
}

/* Size of an instance of `type` with `nitems` items, rounded to pointer size. */
static size_t object_size(OuTypeObject *type, Ou_ssize_t nitems)
{
    size_t size = (size_t)type->tp_basicsize + (size_t)nitems * (size_t)type->tp_itemsize;
    return (size + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
}

/* Allocate a zeroed instance: refcount 1, type set, ob_size = nitems for
   variable-size types, not GC-tracked (the GC header is zeroed, i.e.
   untracked). Heap types are increfed (the subtype dealloc drops that
   reference); static types are immortal and are not touched. All object
   memory goes through Ou_Malloc / Ou_Free. */
OuObject *OuType_GenericAlloc(OuTypeObject *type, Ou_ssize_t nitems)
{
    if (nitems < 0 || (type->tp_itemsize &&
                       (size_t)nitems > (SIZE_MAX / 2) / (size_t)type->tp_itemsize))
        return OuErr_NoMemory();
    size_t size = object_size(type, nitems);
    int gc = (type->tp_flags & OU_TPFLAGS_HAVE_GC) != 0;
    size_t total = size + (gc ? sizeof(OuGCHead) : 0);
    char *mem = Ou_Malloc(total);
    if (!mem)
        return OuErr_NoMemory();
    memset(mem, 0, total);
    OuObject *o = gc ? OU_FROM_GC(mem) : (OuObject *)mem;
    o->ob_refcnt = 1;
    o->ob_type = type;
    if (type->tp_itemsize)
        OU_SET_SIZE(o, nitems);
    if (type->tp_flags & OU_TPFLAGS_HEAPTYPE)
        OU_INCREF(type);
    return o;
}

/* tp_free for any object: releases the block, GC header included. The
   object's type must still be valid (subtype dealloc frees before it drops
   the type). */
void OuObject_Free(void *p)
{
    OuObject *o = p;
    if (!o)
        return;
    if (OU_TYPE(o)->tp_flags & OU_TPFLAGS_HAVE_GC)
        Ou_Free(OU_AS_GC(o));
    else
        Ou_Free(o);
}

/* Called when a reference count drops to zero. */
/* Deallocation depth guard: freeing a deeply nested structure (a list of a
   list of ...) would recurse once per level in C. Past OU_DEALLOC_MAX_DEPTH
   nested deallocations, objects whose count reached zero are parked in a
   per-thread array and freed by the outermost ou_dealloc, one level deep. */
#define OU_DEALLOC_MAX_DEPTH 500

static _Thread_local int dealloc_depth;
static _Thread_local OuObject **dealloc_parked;
static _Thread_local Ou_ssize_t dealloc_nparked, dealloc_cap;

/* Park o for later; 0 on success, -1 if the array cannot grow. */
static int dealloc_park(OuObject *o)
{
    if (dealloc_nparked == dealloc_cap) {
        Ou_ssize_t cap = dealloc_cap ? dealloc_cap * 2 : 256;
        OuObject **a = realloc(dealloc_parked, (size_t)cap * sizeof *a);
        if (!a)
            return -1;
        dealloc_parked = a;
        dealloc_cap = cap;
    }
    dealloc_parked[dealloc_nparked++] = o;
    return 0;
}

void ou_dealloc(OuObject *o)
{
    if (dealloc_depth >= OU_DEALLOC_MAX_DEPTH && dealloc_park(o) == 0)
        return;
    dealloc_depth++;
    OU_TYPE(o)->tp_dealloc(o);
    if (dealloc_depth == 1) {
        while (dealloc_nparked > 0) {
            OuObject *p = dealloc_parked[--dealloc_nparked];
            OU_TYPE(p)->tp_dealloc(p);
        }
    }
    dealloc_depth--;
}

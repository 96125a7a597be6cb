/*
 * gc.c -- tracking of container objects for the cyclic collector.
 *
 * Tracked objects sit on a circular doubly linked list (generation 0) with
 * a sentinel head; an untracked object has gc_next == NULL. The collector
 * itself (and the `gc` module) come later and will walk these lists.
 */
#include "core/ouro.h"

static OuGCHead gen0 = { &gen0, &gen0, 0 };
static Ou_ssize_t gen0_count;

/* Link a fully initialised container into generation 0 (idempotent). */
void OuObject_GC_Track(OuObject *o)
{
    OuGCHead *g = OU_AS_GC(o);
    if (g->gc_next)
        return;
    g->gc_prev = gen0.gc_prev;
    g->gc_next = &gen0;
    gen0.gc_prev->gc_next = g;
    gen0.gc_prev = g;
    g->gc_refs = 0;
    gen0_count++;
}

/* Unlink from whatever list the object is on (idempotent). */
void OuObject_GC_UnTrack(OuObject *o)
{
    OuGCHead *g = OU_AS_GC(o);
    if (!g->gc_next)
        return;
    g->gc_prev->gc_next = g->gc_next;
    g->gc_next->gc_prev = g->gc_prev;
    g->gc_next = g->gc_prev = NULL;
    gen0_count--;
}

int OuObject_GC_IsTracked(OuObject *o)
{
    return (OU_TYPE(o)->tp_flags & OU_TPFLAGS_HAVE_GC) && OU_AS_GC(o)->gc_next != NULL;
}

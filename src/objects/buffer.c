/*
 * buffer.c -- the (simplified PEP 3118) buffer protocol entry points:
 * OuObject_GetBuffer, OuBuffer_Release, OuObject_CheckBuffer.
 * A type takes part by filling bf_getbuffer (and bf_releasebuffer when it
 * must know when views end, as bytearray does). No types are defined here.
 */
#include "core/ouro.h"

int OuObject_CheckBuffer(OuObject *o)
{
    return OU_TYPE(o)->bf_getbuffer != NULL;
}

int OuObject_GetBuffer(OuObject *o, OuBuffer *view, int flags)
{
    if (!OU_TYPE(o)->bf_getbuffer) {
        OuErr_Format(OuExc_TypeError, "a bytes-like object is required, not '%.100s'", OU_TYPE_NAME(o));
        return -1;
    }
    return OU_TYPE(o)->bf_getbuffer(o, view, flags);
}

void OuBuffer_Release(OuBuffer *view)
{
    OuObject *o = view->obj;
    if (!o)
        return;
    if (OU_TYPE(o)->bf_releasebuffer)
        OU_TYPE(o)->bf_releasebuffer(o, view);
    view->obj = NULL;
    OU_DECREF(o);
}

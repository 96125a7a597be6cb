/*
 * names.c -- creates the interned, immortal name strings of names.h.
 */
#include "core/ouro.h"

OuNames ou_names;

/* Intern `s` and make the result immortal; NULL on error. */
static OuObject *make_name(const char *s)
{
    OuObject *o = OuStr_InternFromString(s);
    if (o)
        o->ob_refcnt = OU_IMMORTAL_REFCNT;
    return o;
}

/* Fill ou_names. The field `utf_8` holds "utf-8" (the canonical codec name). */
int OuNames_Init(void)
{
#define OU_NAME_MAKE(n) if (!(ou_names.id_##n = make_name(#n))) return -1;
    OU_FOR_EACH_NAME(OU_NAME_MAKE)
#undef OU_NAME_MAKE
    if (!(ou_names.id_utf_8 = make_name("utf-8")))
        return -1;
    if (!(ou_names.empty = make_name("")))
        return -1;
    return 0;
}

/* typeobject.h -- additions to the type API of core/object.h
   (src/objects/types.c). */
#ifndef OU_TYPEOBJECT_H
#define OU_TYPEOBJECT_H
#include "core/ouro.h"
/* The most derived metaclass of meta and the metaclasses of bases (borrowed),
   or NULL with TypeError "metaclass conflict: ...". */
OuTypeObject *OuType_CalculateMetaclass(OuTypeObject *meta, OuObject *bases);
/* Readies object, type, super, the wrapper-descriptor types. */
int OuTypes_Init(void) OU_WUR;
/* Readies the descriptor types, property/classmethod/staticmethod,
   builtin functions and module (src/objects/descriptors.c, cfunction.c, module.c). */
int OuDescr_Init(void) OU_WUR;
#endif

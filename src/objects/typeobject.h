/* typeobject.h -- additions to the type API of core/object.h
   (src/objects/typeobject.c: object, type, super, OuType_Ready;
   src/objects/typeslots.c: the dunder <-> slot table, slot wrappers,
   method-wrapper, generic slots of classes written in Python). */
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

/* ---- additions by the types helper ---- */

/* Static types whose base is object and that set no tp_new cannot be
   instantiated ("cannot create 'X' instances"). */
#define OU_TPFLAGS_DISALLOW_INSTANTIATION (1UL << 7)

/* New list of the live direct subclasses of `type`. */
OuObject *OuType_Subclasses(OuTypeObject *type);

/* Generic attribute lookup; with suppress != 0 a missing attribute returns
   NULL without setting AttributeError (other errors are still raised). */
OuObject *OuObject_GenericGetAttrWithDict(OuObject *o, OuObject *name, int suppress);

/* Method lookup for calls (LOAD_METHOD): *method gets a new reference.
   Returns 1 when *method is an unbound function / method descriptor to be
   called with o prepended, 0 when *method is an ordinary (already bound)
   attribute, -1 on error (AttributeError as getattr). */
int OuObject_GetMethod(OuObject *o, OuObject *name, OuObject **method) OU_WUR;

/* Call `func` with self prepended to args (vectorcall, no tuple built). */
OuObject *OuObject_CallPrepend(OuObject *func, OuObject *self, OuObject *const *args,
                               Ou_ssize_t nargs, OuObject *kwnames);

/* ---- the slot table (typeslots.c) ---- */
/* A slot wrapper's C side: self, the arguments after self, and the C slot
   function it wraps. */
typedef OuObject *(*OuWrapperFunc)(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                                   OuObject *kwnames, void *wrapped);
#define OU_SLOT_KW 1          /* the wrapper accepts keyword arguments */
struct OuSlotDef {
    const char *name;         /* the dunder, e.g. "__add__" */
    size_t offset;            /* offsetof(OuTypeObject, slot) */
    void *generic;            /* generic implementation for classes written in Python */
    OuWrapperFunc wrapper;    /* calls the C slot (for built-in types) */
    int flags;
    const char *doc;
    OuObject *name_obj;       /* interned name, filled by OuTypeSlots_Init */
};
typedef struct OuSlotDef OuSlotDef;
int OuTypeSlots_Init(void) OU_WUR;
/* Add a slot wrapper for every non-NULL dunder slot of a static type whose
   name is not in tp_dict yet; also "__new__" and "__hash__" = None. */
int OuTypeSlots_AddWrappers(OuTypeObject *type) OU_WUR;
/* Compute every dunder slot of a heap type from the attributes along its MRO. */
void OuTypeSlots_Fixup(OuTypeObject *type);
/* After type.name was set or deleted: recompute the slots fed by `name`
   in the type and all its subclasses. */
void OuTypeSlots_Update(OuTypeObject *type, OuObject *name);
/* The "__new__" of a static type: a builtin taking the type first. */
OuObject *OuTypeSlots_NewWrapper(OuTypeObject *type);
/* Is o such a "__new__"? Sets *owner to the type whose tp_new it calls. */
int OuTypeSlots_IsNewWrapper(OuObject *o, OuTypeObject **owner);

/* Slot wrapper descriptors ("<slot wrapper '__add__' of 'int' objects>")
   and method-wrappers (typeslots.c). */
OuObject *OuDescr_NewWrapper(OuTypeObject *type, const OuSlotDef *slot, void *wrapped);
OuObject *OuMethodWrapper_New(OuObject *descr, OuObject *self);
/* Is `descr` a slot wrapper for the slot at `offset`? Sets *wrapped. */
int OuDescr_IsWrapperFor(OuObject *descr, size_t offset, void **wrapped);

#define OU_SLOT_PTR(type, offset) ((void **)((char *)(type) + (offset)))

#endif

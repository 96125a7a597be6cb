/* funcobject.h -- functions, cells, bound methods, built-in functions,
   and the descriptor types (src/objects/funcobject.c, methodobject.c,
   descrobject.c). */
#ifndef OU_FUNCOBJECT_H
#define OU_FUNCOBJECT_H
#include "../core/object.h"

typedef struct {
    OuObject_HEAD
    OuObject *func_code;       /* code object */
    OuObject *func_globals;    /* dict */
    OuObject *func_builtins;   /* dict */
    OuObject *func_name, *func_qualname;
    OuObject *func_defaults;   /* tuple or NULL */
    OuObject *func_kwdefaults; /* dict or NULL */
    OuObject *func_closure;    /* tuple of cells or NULL */
    OuObject *func_doc;
    OuObject *func_dict;
    OuObject *func_module;
    OuObject *func_annotations;
    OuObject *func_weakreflist;
    uint32_t func_version;     /* for call inline caches */
} OuFunctionObject;
extern OuTypeObject OuFunction_Type;
#define OuFunction_Check(o) (OU_TYPE(o) == &OuFunction_Type)
OuObject *OuFunction_New(OuObject *code, OuObject *globals, OuObject *qualname);

typedef struct { OuObject_HEAD OuObject *ob_ref; } OuCellObject;  /* ob_ref NULL = empty */
extern OuTypeObject OuCell_Type;
#define OuCell_Check(o) (OU_TYPE(o) == &OuCell_Type)
OuObject *OuCell_New(OuObject *value);  /* value may be NULL */
#define OU_CELL_GET(c) (((OuCellObject *)(c))->ob_ref)

typedef struct {
    OuObject_HEAD
    OuObject *im_func, *im_self;
    OuObject *im_weakreflist;
} OuMethodObject;
extern OuTypeObject OuMethod_Type;
#define OuMethod_Check(o) (OU_TYPE(o) == &OuMethod_Type)
OuObject *OuMethod_New(OuObject *func, OuObject *self);

/* builtin_function_or_method: a C function, bound to self (module or object) */
typedef struct {
    OuObject_HEAD
    const OuMethodDef *m_ml;
    OuObject *m_self;          /* may be NULL */
    OuObject *m_module;        /* __module__ or NULL */
    OuObject *m_weakreflist;
} OuCFunctionObject;
extern OuTypeObject OuCFunction_Type;
#define OuCFunction_Check(o) (OU_TYPE(o) == &OuCFunction_Type)
OuObject *OuCFunction_New(const OuMethodDef *ml, OuObject *self, OuObject *module);
/* Call a method-def's C function with vectorcall arguments, checking the arity. */
OuObject *OuCFunction_CallDef(const OuMethodDef *ml, OuObject *self, OuObject *const *args,
                              Ou_ssize_t nargs, OuObject *kwnames);

/* Descriptors made from the type tables and for Python classes */
typedef struct {
    OuObject_HEAD
    OuTypeObject *d_type;
    OuObject *d_name, *d_qualname;
} OuDescrCommon;
typedef struct { OuDescrCommon d_common; const OuMethodDef *d_method; } OuMethodDescrObject;
typedef struct { OuDescrCommon d_common; const OuMemberDef *d_member; } OuMemberDescrObject;
typedef struct { OuDescrCommon d_common; const OuGetSetDef *d_getset; } OuGetSetDescrObject;
/* slot wrapper: a dunder on a built-in type that calls a C slot */
struct OuSlotDef;
typedef struct { OuDescrCommon d_common; const struct OuSlotDef *d_slot; void *d_wrapped; } OuWrapperDescrObject;
extern OuTypeObject OuMethodDescr_Type, OuClassMethodDescr_Type, OuMemberDescr_Type,
    OuGetSetDescr_Type, OuWrapperDescr_Type, OuMethodWrapper_Type;
extern OuTypeObject OuClassMethod_Type, OuStaticMethod_Type, OuProperty_Type;
OuObject *OuDescr_NewMethod(OuTypeObject *type, const OuMethodDef *ml);
OuObject *OuDescr_NewClassMethod(OuTypeObject *type, const OuMethodDef *ml);
OuObject *OuDescr_NewMember(OuTypeObject *type, const OuMemberDef *m);
OuObject *OuDescr_NewGetSet(OuTypeObject *type, const OuGetSetDef *gs);
OuObject *OuClassMethod_New(OuObject *callable);
OuObject *OuStaticMethod_New(OuObject *callable);

/* ---- additions by the descriptors helper (descriptors.c, cfunction.c) ---- */
/* classmethod and staticmethod instances share this layout. */
typedef struct {
    OuObject_HEAD
    OuObject *cm_callable;
    OuObject *cm_dict;         /* instance __dict__ (functools.wraps-style attributes) */
} OuClassMethodObject;
typedef struct {
    OuObject_HEAD
    OuObject *prop_get, *prop_set, *prop_del, *prop_doc; /* NULL = absent (doc: None) */
    OuObject *prop_name;       /* set by __set_name__, or NULL */
    int getter_doc;            /* __doc__ was taken from fget */
} OuPropertyObject;
/* Like OuCFunction_CallDef; arity errors name the method "<owner qualname>.<name>()"
   (owner NULL: just "<name>()"). Used by method descriptors. */
OuObject *OuCFunction_CallDefOwner(const OuMethodDef *ml, OuTypeObject *owner, OuObject *self,
                                   OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames);
#endif

/* moduleobject.h -- module objects and the table for modules written in C. */
#ifndef OU_MODULEOBJECT_H
#define OU_MODULEOBJECT_H
#include "../core/object.h"

typedef struct {
    OuObject_HEAD
    OuObject *md_dict;
    OuObject *md_weakreflist;
    void *md_state;            /* C modules' private state, or NULL */
} OuModuleObject;
extern OuTypeObject OuModule_Type;
#define OuModule_Check(o) OuObject_TypeCheck(o, &OuModule_Type)
OuObject *OuModule_New(OuObject *name);            /* sets __name__, __doc__=None, ... */
OuObject *OuModule_NewFromString(const char *name);
OuObject *OuModule_GetDict(OuObject *m);           /* borrowed */
OuObject *OuModule_GetName(OuObject *m);           /* borrowed */
int OuModule_AddObject(OuObject *m, const char *name, OuObject *value) OU_WUR; /* does not steal */
int OuModule_AddInt(OuObject *m, const char *name, long value) OU_WUR;
int OuModule_AddString(OuObject *m, const char *name, const char *value) OU_WUR;
int OuModule_AddType(OuObject *m, OuTypeObject *type) OU_WUR;  /* readies it; name after last dot */
int OuModule_AddFunctions(OuObject *m, const OuMethodDef *defs) OU_WUR;

/* A built-in module: a name and a function that creates it (new ref). */
typedef struct {
    const char *name;
    OuObject *(*init)(void);
} OuBuiltinModuleDef;
extern const OuBuiltinModuleDef ou_builtin_modules[];  /* NULL-terminated, src/modules/config.c */
#endif

/*
 * config.c -- the table of modules written in C that `import` can load.
 * sys and builtins are made at start-up; their entries hand them out.
 */
#include "core/ouro.h"
#include "modules/modules.h"

static OuObject *existing_sys(void) { return OU_NEWREF(OU_RT->sys_module); }
static OuObject *existing_builtins(void) { return OU_NEWREF(OU_RT->builtins_module); }

const OuBuiltinModuleDef ou_builtin_modules[] = {
    {"builtins", existing_builtins},
    {"sys", existing_sys},
    {NULL, NULL}
};

/* modules.h -- the built-in modules written in C (src/modules/). */
#ifndef OU_MODULES_H
#define OU_MODULES_H
#include "core/ouro.h"

/* stdprinter.c: the text streams of sys.stdin/stdout/stderr */
extern OuTypeObject OuStdPrinter_Type;
OuObject *OuStdPrinter_New(int fd, const char *name, const char *mode, int backslash_errors);
void OuStdPrinter_FlushQuietly(OuObject *stream);
void OuStdPrinter_SetUnbuffered(OuObject *stream);
int OuStdPrinter_WriteStr(OuObject *stream, OuObject *s); /* 1 done, 0 not ours, -1 error */

/* sysmodule.c */
OuObject *OuSys_Create(void);                  /* the sys module, sets OU_RT->sys_module/sysdict */
int OuSys_SetArgv(int argc, char **argv, const char *script_dir) OU_WUR; /* sys.argv and sys.path[0] */
OuObject *OuSys_GetObject(const char *name);   /* borrowed sys.<name> or NULL */
void OuSys_FlushStdFiles(void);                /* flush sys.stdout and sys.stderr, ignoring errors */

/* bltinmodule.c */
OuObject *OuBuiltins_Create(void);             /* the builtins module */
#endif

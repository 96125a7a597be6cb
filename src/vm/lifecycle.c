/*
 * lifecycle.c -- start-up and shut-down of the runtime.
 *
 * Order matters: names need str; OuType_Ready needs dict and str; the
 * exception types must exist before anything can fail usefully; builtins
 * and sys come last.
 */
#include "core/ouro.h"
#include "objects/typeobject.h"
#include "modules/modules.h"
#include "vm/eval.h"
#include "vm/frame.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

OuRuntime ou_runtime;
_Thread_local OuThreadState *ou_tstate;

OuThreadState *OuThreadState_New(void)
{
    OuThreadState *ts = calloc(1, sizeof *ts);
    if (!ts)
        return NULL;
    ts->exc_info = &ts->exc_state;
    ts->next = OU_RT->threads;
    if (OU_RT->threads)
        OU_RT->threads->prev = ts;
    OU_RT->threads = ts;
    return ts;
}

void OuThreadState_Delete(OuThreadState *ts)
{
    if (ts->prev)
        ts->prev->next = ts->next;
    else
        OU_RT->threads = ts->next;
    if (ts->next)
        ts->next->prev = ts->prev;
    OU_XDECREF(ts->curexc);
    OU_XDECREF(ts->dict);
    OU_XDECREF(ts->repr_stack);
    OuFrame_FiniThread(ts);
    free(ts);
}

/* Ouro's own lib/ directory (next to build/ouro's parent), if present:
   inserted at the front of sys.path. */
static int add_own_lib(void)
{
    char exe[PATH_MAX], lib[PATH_MAX + 16];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return 0;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return 0;
    *slash = '\0';                      /* .../build */
    slash = strrchr(exe, '/');
    if (slash && (strcmp(slash, "/build") == 0 || strcmp(slash, "/asan") == 0)) {
        if (strcmp(slash, "/asan") == 0) {
            *slash = '\0';
            slash = strrchr(exe, '/');
        }
        if (slash)
            *slash = '\0';
    }
    snprintf(lib, sizeof lib, "%s/lib", exe);
    if (access(lib, R_OK) != 0)
        return 0;
    OuObject *path = OuSys_GetObject("path"), *s = OuStr_FromUTF8(lib);
    int r = (path && s) ? OuList_Insert(path, 0, s) : (s ? 0 : -1);
    OU_XDECREF(s);
    return r;
}

/* Make the builtins and sys modules and register them. */
static int init_modules(void)
{
    OU_RT->modules = OuDict_New();
    if (!OU_RT->modules)
        return -1;
    OuObject *b = OuBuiltins_Create();
    if (!b)
        return -1;
    OU_RT->builtins_module = b;
    OU_RT->builtins = OuModule_GetDict(b);
    OuObject *sys = OuSys_Create();
    if (!sys)
        return -1;
    if (OuDict_SetItem(OU_RT->modules, OU_ID(builtins), b) < 0 ||
        OuDict_SetItem(OU_RT->modules, OU_ID(sys), sys) < 0)
        return -1;
    return add_own_lib();
}

int Ou_Initialize(int argc, char **argv)
{
    OU_RT->recursion_limit = 1000;
    OU_RT->int_max_str_digits = 4300;
    OuThreadState *ts = OuThreadState_New();
    if (!ts)
        return -1;
    ou_tstate = ts;
    if (OuStr_Init() < 0 || OuNames_Init() < 0 || OuTypes_Init() < 0 || OuDescr_Init() < 0 || OuInt_Init() < 0 || OuFloat_Init() < 0 ||
        OuList_Init() < 0 || OuDict_Init() < 0 || OuRange_Init() < 0 || OuExc_Init() < 0 ||
        OuEval_Init() < 0)
        return -1;
    if (OuType_Ready(&OuStdPrinter_Type) < 0)
        return -1;
    if (init_modules() < 0)
        return -1;
    OuErr_InstallSignalHandlers();
    return 0;
}

int Ou_Finalize(void)
{
    OU_RT->finalizing = 1;
    OuSys_FlushStdFiles();
    fflush(stdout);
    fflush(stderr);
    return 0;
}

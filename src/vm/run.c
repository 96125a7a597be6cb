/*
 * run.c -- compiling source text and running files and strings as
 * __main__, with CPython's treatment of uncaught exceptions and SystemExit.
 */
#include "core/ouro.h"
#include "compiler/parser.h"
#include "compiler/compile.h"
#include "modules/modules.h"
#include "vm/eval.h"
#include <stdio.h>
#include <stdlib.h>

/* The text of line `lineno` (1-based) of src, as a str (with its newline
   stripped), or NULL without error when out of range. */
static OuObject *source_line(const char *src, int lineno)
{
    const char *p = src;
    for (int i = 1; i < lineno && p; i++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (!p || !*p)
        return NULL;
    const char *e = strchr(p, '\n');
    Ou_ssize_t n = e ? e - p : (Ou_ssize_t)strlen(p);
    OuObject *s = OuStr_Decode(p, n, "utf-8", "replace");
    if (!s)
        OuErr_Clear();
    return s;
}

/* Turn the parser's error record into a pending SyntaxError. */
static void raise_parse_error(const OuParseError *err, const char *src, const char *filename)
{
    OuObject *type = err->kind == 2 ? OuExc_TabError : err->kind == 1 ? OuExc_IndentationError
                                                                       : OuExc_SyntaxError;
    OuObject *fn = OuStr_FromUTF8(filename);
    if (!fn)
        return;
    OuObject *text = source_line(src, err->lineno);
    OuErr_SyntaxLocation(type, err->msg, fn, err->lineno, err->col_offset, err->end_lineno,
                         err->end_col_offset, text);
    OU_XDECREF(text);
    OU_DECREF(fn);
}

OuObject *Ou_CompileString(const char *src, const char *filename, int mode, int flags)
{
    OuArena *arena = OuArena_New();
    if (!arena)
        return OuErr_NoMemory();
    OuParseError err;
    memset(&err, 0, sizeof err);
    OuAst_mod *mod = OuParser_Parse(src, (Ou_ssize_t)strlen(src), mode, arena, &err);
    OuObject *code = NULL;
    if (!mod) {
        if (err.msg[0] == '\0' && err.lineno == 0)
            OuErr_NoMemory();
        else
            raise_parse_error(&err, src, filename);
    } else {
        OuObject *fn = OuStr_FromUTF8(filename);
        if (fn) {
            code = OuCompile_Ast(mod, fn, mode, OU_RT->optimize);
            OU_DECREF(fn);
        }
    }
    OuArena_Free(arena);
    return code;
}

/* The exit status SystemExit(code) asks for, printing a non-int code to
   stderr as CPython does. */
static int system_exit_status(OuObject *exc)
{
    OuObject *code = ((OuSystemExitObject *)exc)->code;
    if (!code || code == OU_NONE)
        return 0;
    if (OuInt_Check(code)) {
        long v = OuInt_AsLong(code);
        if (v == -1 && OuErr_Occurred()) {
            OuErr_Clear();
            return -1 & 0xff;
        }
        return (int)(v & 0xff);
    }
    OuSys_FlushStdFiles();
    OuObject *s = OuObject_Str(code);
    if (s) {
        const char *u = OuStr_AsUTF8(s);
        if (u) {
            OuErr_WriteStderr(u);
            OuErr_WriteStderr("\n");
        }
        OU_DECREF(s);
    }
    OuErr_Clear();
    return 1;
}

int Ou_HandleUncaught(void)
{
    if (!OuErr_Occurred())
        return 0;
    if (OuErr_ExceptionMatches(OuExc_SystemExit)) {
        OuObject *exc = OuErr_GetRaisedException();
        int status = system_exit_status(exc);
        OU_DECREF(exc);
        return status;
    }
    OuSys_FlushStdFiles();
    OuErr_Print();
    return 1;
}

/* sys.modules['__main__'] made afresh, returning its dict (borrowed). */
OuObject *Ou_MainDict(const char *file)
{
    OuObject *m = OuModule_NewFromString("__main__");
    if (!m)
        return NULL;
    OuObject *d = OuModule_GetDict(m);
    int r = OuDict_SetItem(OU_RT->modules, OU_ID(__main__), m);
    OU_XSETREF(OU_RT->main_module, m);
    if (r < 0 || OuDict_SetItem(d, OU_ID(__builtins__), OU_RT->builtins_module) < 0 ||
        OuDict_SetItem(d, OU_ID(__loader__), OU_NONE) < 0 || OuDict_SetItem(d, OU_ID(__spec__), OU_NONE) < 0 ||
        OuDict_SetItem(d, OU_ID(__package__), OU_NONE) < 0 || OuDict_SetItem(d, OU_ID(__annotations__), OU_NONE) < 0)
        return NULL;
    if (OuDict_DelItem(d, OU_ID(__annotations__)) < 0)
        return NULL;
    if (file) {
        OuObject *f = OuStr_FromUTF8(file);
        if (!f || OuDict_SetItem(d, OU_ID(__file__), f) < 0) {
            OU_XDECREF(f);
            return NULL;
        }
        OU_DECREF(f);
    }
    return d;
}

/* Compile and run src in __main__; returns the exit status. */
static int run_main_source(const char *src, const char *filename, const char *file_attr)
{
    OuObject *d = Ou_MainDict(file_attr);
    if (!d)
        return Ou_HandleUncaught();
    OuObject *code = Ou_CompileString(src, filename, OU_FILE_INPUT, 0);
    if (!code)
        return Ou_HandleUncaught();
    OuObject *r = OuEval_EvalCode(code, d, d);
    OU_DECREF(code);
    if (!r)
        return Ou_HandleUncaught();
    OU_DECREF(r);
    return 0;
}

int Ou_RunFile(const char *path)
{
    char *src = OuImport_ReadFile(path, NULL);
    if (!src) {
        OuObject *exc = OuErr_GetRaisedException();
        OuObject *msg = exc ? OuObject_Str(exc) : NULL;
        const char *m = msg ? OuStr_AsUTF8(msg) : NULL;
        OuSys_FlushStdFiles();
        fprintf(stderr, "ouro: can't open file '%s': %s\n", path, m ? m : "error");
        OU_XDECREF(msg);
        OU_XDECREF(exc);
        OuErr_Clear();
        return 2;
    }
    int status = run_main_source(src, path, path);
    free(src);
    return status;
}

int Ou_RunString(const char *src, const char *filename)
{
    return run_main_source(src, filename, NULL);
}

/* eval.h -- the VM's entry points used by the rest of the runtime
   (src/vm/ceval.c, call.c, frame.c). */
#ifndef OU_EVAL_H
#define OU_EVAL_H
#include "core/ouro.h"

/* tp_call of OuFunction_Type: bind the arguments and run the code (or make
   the generator / coroutine for generator-like code). */
OuObject *OuFunction_Vectorcall(OuObject *func, OuObject *const *args, Ou_ssize_t nargs,
                                OuObject *kwnames);
/* Run a class body: func's code executed with `locals` (a mapping) as its
   locals and no arguments. Returns the body's return value (None). */
OuObject *OuEval_CallWithLocals(OuObject *func, OuObject *locals);
/* The innermost running frame's globals / builtins dict (borrowed; NULL when
   no Python frame is running), and its locals (new reference: the locals
   mapping, or a fresh dict snapshot of the fast locals of a function). */
OuObject *OuEval_GetGlobals(void);
OuObject *OuEval_GetBuiltins(void);
OuObject *OuEval_GetLocals(void);
/* Zero-argument super(): the __class__ cell contents and the first argument
   of the calling Python frame (new references); RuntimeError as CPython
   ("super(): no arguments", "super(): __class__ cell not found", ...). */
int OuEval_SuperArgs(OuObject **type, OuObject **obj) OU_WUR;
/* sys._getframe(depth): new reference to a frame object; ValueError
   "call stack is not deep enough". */
OuObject *OuEval_GetFrame(int depth);
/* Readies the VM's types (function, code, cell, method, frame, traceback,
   generator, coroutine, ...). */
int OuEval_Init(void) OU_WUR;
#endif

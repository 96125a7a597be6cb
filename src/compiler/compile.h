/*
 * compile.h -- AST to code objects: symbol table (symtable.c), code
 * generation (compile.c, compile_expr.c) and assembly (assemble.c).
 */
#ifndef OU_COMPILE_H
#define OU_COMPILE_H
#include "compiler/ast.h"

/* Compile a tree to a code object (new ref), or NULL with SyntaxError set
   (via OuErr_SyntaxLocation) for errors found after parsing. mode is
   OU_FILE_INPUT / OU_EVAL_INPUT / OU_SINGLE_INPUT (vm/state.h); optimize as
   sys.flags.optimize (1: drop asserts, 2: also docstrings). */
OuObject *OuCompile_Ast(OuAst_mod *mod, OuObject *filename, int mode, int optimize);
#endif

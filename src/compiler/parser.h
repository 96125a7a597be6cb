/*
 * parser.h -- Python 3.11 source to AST (recursive descent over the token
 * stream of tokenizer.h). Pure C: no object system calls.
 */
#ifndef OU_PARSER_H
#define OU_PARSER_H

#include "compiler/ast.h"
#include "compiler/tokenizer.h"

/* mode: 257 file_input, 258 eval_input, 256 single_input (OU_FILE_INPUT.. in vm/state.h).
   Returns the module/expression/interactive tree allocated in `arena`, or NULL with *err filled:
   msg is CPython 3.11's SyntaxError message text, lineno, 1-based col_offset (in characters),
   end_lineno/end_col_offset, kind 0 SyntaxError / 1 IndentationError / 2 TabError.
   end_col_offset is the value CPython reports (0 or -1 for some tokenizer errors).
   Out of memory: NULL with err->msg empty and err->lineno 0. */
OuAst_mod *OuParser_Parse(const char *src, Ou_ssize_t len, int mode, OuArena *arena, OuParseError *err);

#endif /* OU_PARSER_H */

/*
 * compile_internal.h -- shared between the code generator (compile.c,
 * compile_expr.c) and the assembler (assemble.c). Not a public header.
 *
 * Code is generated into basic blocks of instructions that still carry
 * symbolic jump targets, pseudo-instructions for the exception-handler
 * regions (SETUP_* / POP_BLOCK, as CPython 3.11's compiler) and "cell" or
 * "free" relative indexes for the DEREF family; the assembler resolves all
 * of these into the final words, the exception table and the positions.
 */
#ifndef OU_COMPILE_INTERNAL_H
#define OU_COMPILE_INTERNAL_H
#include "core/ouro.h"
#include "compiler/ast.h"
#include "compiler/compile.h"
#include "compiler/symtable.h"
#include "vm/opcodes.h"

/* pseudo-instructions (never reach the VM) */
enum {
    OUC_JUMP = 256,          /* unconditional: JUMP_FORWARD or JUMP_BACKWARD */
    OUC_SETUP_FINALLY,       /* handler gets [.., exc] */
    OUC_SETUP_CLEANUP,       /* handler gets [.., lasti, exc] */
    OUC_SETUP_WITH,          /* handler gets [.., lasti, exc] below the __enter__ result */
    OUC_POP_BLOCK
};

/* argument kinds for the DEREF family: the assembler adds the offset */
enum { OUC_ARG_PLAIN = 0, OUC_ARG_CELL, OUC_ARG_FREE };

typedef struct ouc_block ouc_block;

typedef struct {
    int op;
    int arg;
    int argkind;
    ouc_block *target;       /* jumps and SETUP_* */
    OuObject *pending;       /* LOAD_CONST of a constant added at assembly (owned), or NULL */
    OuCodePos loc;
    ouc_block *handler;      /* set by the assembler */
} ouc_instr;

struct ouc_block {
    ouc_instr *instrs;
    int n, cap;
    ouc_block *next;          /* layout order */
    ouc_block *all_next;      /* every block of the unit (for freeing) */
    /* assembler scratch */
    int visited, startdepth, offset, preserve_lasti, npred;
    ouc_block **estack;
    int en;
};

/* scope types (as CPython's COMPILER_SCOPE_*) */
enum {
    OUC_SCOPE_MODULE, OUC_SCOPE_CLASS, OUC_SCOPE_FUNCTION, OUC_SCOPE_ASYNC_FUNCTION,
    OUC_SCOPE_LAMBDA, OUC_SCOPE_COMPREHENSION
};

/* frame blocks: what break/continue/return must unwind */
enum {
    OUC_FB_WHILE_LOOP, OUC_FB_FOR_LOOP, OUC_FB_TRY_EXCEPT, OUC_FB_FINALLY_TRY, OUC_FB_FINALLY_END,
    OUC_FB_WITH, OUC_FB_ASYNC_WITH, OUC_FB_HANDLER_CLEANUP, OUC_FB_POP_VALUE,
    OUC_FB_EXCEPTION_HANDLER, OUC_FB_EXCEPTION_GROUP_HANDLER, OUC_FB_ASYNC_COMPREHENSION_GENERATOR
};

typedef struct {
    int type;
    ouc_block *block, *exit;
    const void *datum;        /* finally body (OuAst_seq *), with statement, handler name */
} ouc_fblock;

#define OUC_MAXBLOCKS 32

/* A C-string-keyed index of names (co_names, co_varnames, ...). */
typedef struct {
    OuStrMap map;             /* name -> index */
} ouc_names;

/* The constants of a unit: list plus a dedupe index keyed by type+value. */
typedef struct {
    OuObject *list;           /* list of constants */
    int *slots;               /* index + 1, 0 empty */
    int nslots;
} ouc_consts;

typedef struct ouc_unit {
    OuSTEntry *ste;
    OuObject *name, *qualname;
    int scope_type;
    ouc_consts consts;
    ouc_names names, varnames, cellvars, freevars;
    const char *private_name;
    int argcount, posonlyargcount, kwonlyargcount;
    ouc_block *blocks;        /* allocation list */
    ouc_block *entry, *cur;
    ouc_fblock fblocks[OUC_MAXBLOCKS];
    int nfblocks;
    OuCodePos loc;
    int firstlineno;
    struct ouc_unit *parent;
} ouc_unit;

typedef struct {
    OuObject *filename;
    OuSymTable *st;
    OuArena *arena;           /* mangled names and other compile-time strings */
    ouc_unit *u;
    int optimize;
    int interactive;
    int nestlevel;
    int future_flags, future_lineno;
    OuPtrMap folded;          /* expr -> folded constant (owned ref) or the NOTCONST marker */
} ouc_compiler;

/* ---- emission (compile.c) ---- */
int ouc_addop(ouc_compiler *c, int op, int arg);
int ouc_addop_jump(ouc_compiler *c, int op, ouc_block *target);
int ouc_addop_const(ouc_compiler *c, OuObject *o);          /* borrowed */
int ouc_addop_const_new(ouc_compiler *c, OuObject *o);      /* steals (NULL: error pending) */
int ouc_addop_name(ouc_compiler *c, int op, const char *name); /* mangled, into co_names */
int ouc_add_const(ouc_compiler *c, OuObject *o);            /* index, -1 on error; borrowed */
int ouc_names_add(ouc_compiler *c, ouc_names *t, const char *name); /* index or -1 */
int ouc_names_find(ouc_names *t, const char *name);
ouc_block *ouc_new_block(ouc_compiler *c);
void ouc_use_next_block(ouc_compiler *c, ouc_block *b);
int ouc_error(ouc_compiler *c, const char *fmt, ...);
int ouc_nameop(ouc_compiler *c, const char *name, int ctx);
const char *ouc_mangle(ouc_compiler *c, const char *name);
OuObject *ouc_constant_object(const OuAst_constant *k);     /* new ref */
OuObject *ouc_str_from_utf8(const char *s);                 /* interned-when-identifier str */
/* The folded constant value of e (new ref) or NULL: not constant (no error)
   when *err stays 0. */
OuObject *ouc_fold(ouc_compiler *c, OuAst_expr *e, int *err);
int ouc_push_fblock(ouc_compiler *c, int type, ouc_block *b, ouc_block *exit, const void *datum);
void ouc_pop_fblock(ouc_compiler *c);
int ouc_enter_scope(ouc_compiler *c, const char *name, int scope_type, const void *key, int lineno);
void ouc_exit_scope(ouc_compiler *c);
int ouc_make_closure(ouc_compiler *c, OuObject *code, int flags);
int ouc_default_arguments(ouc_compiler *c, OuAst_arguments *args, int *flags);
int ouc_body_stmts(ouc_compiler *c, OuAst_seq *stmts);
int ouc_visit_stmt(ouc_compiler *c, OuAst_stmt *s);

/* ---- expressions (compile_expr.c) ---- */
int ouc_visit_expr(ouc_compiler *c, OuAst_expr *e);
int ouc_jump_if(ouc_compiler *c, OuAst_expr *e, ouc_block *next, int cond);
int ouc_call_helper(ouc_compiler *c, int n, OuAst_seq *args, OuAst_seq *keywords);
int ouc_add_yield_from(ouc_compiler *c, int await);
int ouc_call_exit_with_nones(ouc_compiler *c);
/* for/comprehension/`in` iterables: list displays as tuples, constant sets as frozensets */
int ouc_visit_iter(ouc_compiler *c, OuAst_expr *e);
/* moves the start of the current position to the attribute name when the
   expression spans lines (3.11's update_start_location_to_match_attr) */
void ouc_loc_match_attr(ouc_compiler *c, OuAst_expr *attr);

/* ---- assembly (assemble.c) ---- */
/* The code object of the current unit (new ref) or NULL. add_none: append
   `return None` when the last block can fall off the end. */
OuObject *ouc_assemble(ouc_compiler *c, int add_none);
/* Stack effect of an instruction (jump: along the jump edge). */
int ouc_stack_effect(int op, int arg, int jump);

/* ---- helpers ---- */
#define OUC_SET_LOC(c, n) \
    ((c)->u->loc = (OuCodePos){(n)->lineno, (n)->end_lineno, (n)->col_offset, (n)->end_col_offset})
#define OUC_UNSET_LOC(c) ((c)->u->loc = (OuCodePos){-1, -1, -1, -1})

#define ADDOP(c, op) do { if (ouc_addop((c), (op), 0) < 0) return -1; } while (0)
#define ADDOP_I(c, op, i) do { if (ouc_addop((c), (op), (i)) < 0) return -1; } while (0)
#define ADDOP_JUMP(c, op, b) do { if (ouc_addop_jump((c), (op), (b)) < 0) return -1; } while (0)
#define ADDOP_CONST(c, o) do { if (ouc_addop_const((c), (o)) < 0) return -1; } while (0)
#define ADDOP_CONST_NEW(c, o) do { if (ouc_addop_const_new((c), (o)) < 0) return -1; } while (0)
#define ADDOP_NAME(c, op, n) do { if (ouc_addop_name((c), (op), (n)) < 0) return -1; } while (0)
#define VISIT(c, e) do { if (ouc_visit_expr((c), (e)) < 0) return -1; } while (0)
#define VISIT_STMT(c, s) do { if (ouc_visit_stmt((c), (s)) < 0) return -1; } while (0)
#define NEW_BLOCK(c, b) do { if (!((b) = ouc_new_block(c))) return -1; } while (0)
#define USE_BLOCK(c, b) ouc_use_next_block((c), (b))
#define CHECK(x) do { if ((x) < 0) return -1; } while (0)

#define OUC_STACK_USE_GUIDELINE 30
#endif

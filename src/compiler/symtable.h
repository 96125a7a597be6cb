/*
 * symtable.h -- the symbol table: LEGB classification of every name, per
 * block (module, class, function, lambda, comprehension), following the
 * rules of CPython 3.11's symtable (local, global explicit/implicit, free,
 * cell; class scopes are skipped by nested functions; the implicit
 * __class__ cell of methods that use super() or __class__).
 *
 * Everything lives in one OuArena owned by the table. Names are UTF-8 C
 * strings (mangled for private names inside classes).
 */
#ifndef OU_SYMTABLE_H
#define OU_SYMTABLE_H
#include "compiler/ast.h"

/* ---- small containers used by the symbol table and the compiler ---- */

/* A string-keyed map to int, insertion-ordered, allocated in an arena. */
typedef struct {
    const char **keys;   /* insertion order */
    int *values;
    int n, cap;
    int *slots;          /* open addressing: entry index + 1, 0 = empty */
    int nslots;
    OuArena *arena;
} OuStrMap;

void OuStrMap_Init(OuStrMap *m, OuArena *arena);
int OuStrMap_Find(const OuStrMap *m, const char *key);       /* entry index or -1 */
int OuStrMap_Put(OuStrMap *m, const char *key, int value);   /* entry index, -1 out of memory */
int OuStrMap_Get(const OuStrMap *m, const char *key, int dflt);
int OuStrMap_Copy(OuStrMap *dst, const OuStrMap *src);       /* dst uses src's arena; -1 no memory */

/* A pointer-keyed map (keys non-NULL), malloc'd. */
typedef struct { void **keys; void **values; int n, nslots; } OuPtrMap;
void OuPtrMap_Init(OuPtrMap *m);
void *OuPtrMap_Get(const OuPtrMap *m, const void *key, int *found);
int OuPtrMap_Put(OuPtrMap *m, void *key, void *value);       /* -1 out of memory */
void OuPtrMap_Clear(OuPtrMap *m);

/* ---- symbol flags (as CPython) ---- */
#define OU_DEF_GLOBAL 1
#define OU_DEF_LOCAL 2
#define OU_DEF_PARAM 4
#define OU_DEF_NONLOCAL 8
#define OU_DEF_USE 16
#define OU_DEF_FREE 32
#define OU_DEF_FREE_CLASS 64
#define OU_DEF_IMPORT 128
#define OU_DEF_ANNOT 256
#define OU_DEF_COMP_ITER 512
#define OU_DEF_BOUND (OU_DEF_LOCAL | OU_DEF_PARAM | OU_DEF_IMPORT)
#define OU_SCOPE_OFFSET 11
#define OU_SCOPE_MASK (7 << OU_SCOPE_OFFSET)

/* scopes */
enum { OU_SC_LOCAL = 1, OU_SC_GLOBAL_EXPLICIT, OU_SC_GLOBAL_IMPLICIT, OU_SC_FREE, OU_SC_CELL };
/* block types */
enum { OU_BLOCK_FUNCTION = 1, OU_BLOCK_CLASS, OU_BLOCK_MODULE };
/* comprehension kinds */
enum { OU_COMP_NONE = 0, OU_COMP_LIST, OU_COMP_SET, OU_COMP_DICT, OU_COMP_GENEXP };

/* future flags (CPython's CO_FUTURE_* values) */
#define OU_CO_FUTURE_BARRY_AS_BDFL 0x400000
#define OU_CO_FUTURE_ANNOTATIONS 0x1000000

typedef struct OuSTEntry {
    int type;                 /* OU_BLOCK_* */
    const char *name;
    const void *key;          /* the AST node of the block */
    OuStrMap symbols;         /* name -> flags | scope << OU_SCOPE_OFFSET */
    OuStrMap directives;      /* name -> index in dirlocs (global/nonlocal statements) */
    int (*dirlocs)[4];
    int ndirs, capdirs;
    const char **varnames;    /* parameters, in order */
    int nvarnames, capvarnames;
    struct OuSTEntry **children;
    int nchildren, capchildren;
    int nested, generator, coroutine, varargs, varkeywords, returns_value;
    int needs_class_closure, child_free, free;
    int comprehension;        /* OU_COMP_* */
    int comp_iter_target, comp_iter_expr;
    int lineno, col_offset, end_lineno, end_col_offset;
} OuSTEntry;

typedef struct OuSymTable {
    OuArena *arena;
    OuObject *filename;       /* borrowed */
    OuSTEntry *top, *cur;
    OuSTEntry **stack;
    int nstack, capstack;
    OuStrMap *global;         /* the module's symbols */
    const char *private_name; /* enclosing class name for mangling */
    OuPtrMap blocks;          /* AST node -> entry */
    int future_flags;
} OuSymTable;

/* Build the table for a module tree; NULL with SyntaxError (or MemoryError) set. */
OuSymTable *OuSymtable_Build(OuAst_mod *mod, OuObject *filename, int future_flags);
void OuSymtable_Free(OuSymTable *st);
OuSTEntry *OuSymtable_Lookup(OuSymTable *st, const void *key);   /* NULL if none */
int OuST_GetSymbol(const OuSTEntry *ste, const char *name);      /* flags, 0 if unknown */
int OuST_GetScope(const OuSTEntry *ste, const char *name);       /* OU_SC_*, 0 if unknown */
/* _Py_Mangle: "__x" inside class C -> "_C__x". Returns name itself when no
   mangling applies, NULL when out of memory (arena). */
const char *Ou_Mangle(OuArena *arena, const char *private_name, const char *name);
/* SyntaxError at a node's location (0-based columns as in the AST); returns -1. */
int Ou_SyntaxErrorAt(OuObject *filename, int lineno, int col, int end_lineno, int end_col,
                     const char *fmt, ...);
#endif

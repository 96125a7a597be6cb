/* codeobject.h -- code objects: what the compiler makes and the VM runs.

   Bytecode is an array of 32-bit words: opcode in the low 8 bits, argument in
   the high 24 (see vm/opcodes.h); co_code exposes it as bytes. The fast-local
   slots ("localsplus") are co_varnames, then co_cellvars, then co_freevars:
   LOAD_FAST i addresses slot i < nlocals, LOAD_DEREF i addresses slot i of the
   whole array (a cell). A cell variable that is also a parameter gets its
   initial value from the parameter slot (co_cell2arg). */
#ifndef OU_CODEOBJECT_H
#define OU_CODEOBJECT_H
#include "../core/object.h"

/* co_flags, CPython's values */
#define OU_CO_OPTIMIZED 0x0001
#define OU_CO_NEWLOCALS 0x0002
#define OU_CO_VARARGS 0x0004
#define OU_CO_VARKEYWORDS 0x0008
#define OU_CO_NESTED 0x0010
#define OU_CO_GENERATOR 0x0020
#define OU_CO_NOFREE 0x0040
#define OU_CO_COROUTINE 0x0080
#define OU_CO_ITERABLE_COROUTINE 0x0100
#define OU_CO_ASYNC_GENERATOR 0x0200

/* One exception-table entry: instructions [start, end) are covered by the
   handler at `target`; on entry the value stack is cut to `depth` items, then
   (if lasti) the raising instruction's index is pushed, then the exception. */
typedef struct {
    int32_t start, end, target, depth, lasti;
} OuExcEntry;

/* Source positions of one instruction (1-based lines, 0-based columns; -1 unknown). */
typedef struct {
    int32_t lineno, end_lineno, col, end_col;
} OuCodePos;

typedef struct {
    OuObject_HEAD
    int co_argcount, co_posonlyargcount, co_kwonlyargcount;
    int co_nlocals;            /* len(co_varnames) */
    int co_ncellvars, co_nfreevars;
    int co_nlocalsplus;        /* nlocals + ncellvars + nfreevars */
    int co_stacksize;
    int co_flags;
    int co_firstlineno;
    OuObject *co_code;         /* bytes holding the instruction words */
    OuObject *co_consts;       /* tuple */
    OuObject *co_names;        /* tuple of str: attribute and global names */
    OuObject *co_varnames, *co_cellvars, *co_freevars; /* tuples of str */
    OuObject *co_filename, *co_name, *co_qualname;     /* str */
    OuObject *co_linetable;    /* bytes holding ninstrs OuCodePos */
    OuObject *co_exceptiontable; /* bytes holding OuExcEntry records, sorted by start */
    int *co_cell2arg;          /* per cellvar: parameter index or -1; NULL if none */
    uint32_t *co_instrs;       /* == bytes data of co_code */
    Ou_ssize_t co_ninstrs;
    void *co_extra;            /* the VM's per-code data (inline caches), owned by the VM */
    OuObject *co_weakreflist;
} OuCodeObject;

extern OuTypeObject OuCode_Type;
#define OuCode_Check(o) (OU_TYPE(o) == &OuCode_Type)
/* Takes new references to all the objects given. */
OuObject *OuCode_New(int argcount, int posonlyargcount, int kwonlyargcount, int stacksize,
                     int flags, int firstlineno, OuObject *code, OuObject *consts,
                     OuObject *names, OuObject *varnames, OuObject *cellvars, OuObject *freevars,
                     OuObject *filename, OuObject *name, OuObject *qualname,
                     OuObject *linetable, OuObject *exceptiontable);
int OuCode_Addr2Line(OuCodeObject *co, Ou_ssize_t instr_index); /* line of an instruction, -1 unknown */
const OuCodePos *OuCode_Positions(OuCodeObject *co, Ou_ssize_t instr_index); /* NULL if unknown */
#endif

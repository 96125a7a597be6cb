/*
 * opcodes.h -- the instruction set, defined once.
 *
 * An instruction is one 32-bit word: opcode = word & 0xff, arg = word >> 8.
 * No EXTENDED_ARG is needed. Jump arguments are ABSOLUTE instruction indexes.
 * Names and meanings follow CPython 3.11's `dis` documentation, except where
 * the comment says otherwise ("ours"). The VM's dispatch table, dis's opname
 * list and the compiler's names are all generated from this one list.
 *
 * Stack notation: [.., a, b] means b is on top.
 *
 * Differences from 3.11 that the compiler relies on (ours):
 *  - No MAKE_CELL / COPY_FREE_VARS: when a frame is set up the call machinery
 *    creates the cells for co_cellvars (seeding them from parameters through
 *    co_cell2arg) and copies the function's closure cells into the free slots.
 *  - No RETURN_GENERATOR: calling a function whose code has CO_GENERATOR /
 *    CO_COROUTINE / CO_ASYNC_GENERATOR returns the generator object, its frame
 *    set up but not started. The first resume must send None, and nothing is
 *    pushed for it: the first instruction runs with an empty stack. Every
 *    later resume pushes the sent value as the result of YIELD_VALUE.
 *  - No PRECALL; no cache entries in the instruction stream (the VM keeps its
 *    inline caches in a side table per code object, co_extra).
 *  - Jumps are absolute; the POP_JUMP_IF_* have no FORWARD/BACKWARD variants.
 */
#ifndef OU_OPCODES_H
#define OU_OPCODES_H

#define OU_FOR_EACH_OPCODE(X) \
    X(NOP)                  /* */ \
    X(POP_TOP)              /* [x] -> [] */ \
    X(PUSH_NULL)            /* [] -> [NULL] */ \
    X(COPY)                 /* arg i>=1: push a new reference to stack[-i] */ \
    X(SWAP)                 /* arg i>=2: swap TOS with stack[-i] */ \
    X(RESUME)               /* no-op marker at function start (kept for dis) */ \
    X(LOAD_CONST)           /* push co_consts[arg] */ \
    X(LOAD_FAST)            /* push local slot arg; UnboundLocalError if unset */ \
    X(STORE_FAST)           /* pop into local slot arg */ \
    X(DELETE_FAST)          /* clear local slot arg; UnboundLocalError if unset */ \
    X(LOAD_NAME)            /* locals, globals, builtins lookup of co_names[arg] */ \
    X(STORE_NAME)           \
    X(DELETE_NAME)          \
    X(LOAD_GLOBAL)          /* arg>>1 = name index; if arg&1 push NULL first (as 3.11) */ \
    X(STORE_GLOBAL)         \
    X(DELETE_GLOBAL)        \
    X(LOAD_DEREF)           /* push contents of the cell in localsplus slot arg */ \
    X(STORE_DEREF)          \
    X(DELETE_DEREF)         \
    X(LOAD_CLOSURE)         /* push the cell object itself in localsplus slot arg */ \
    X(LOAD_CLASSDEREF)      /* class body: locals dict first, then the cell in slot arg */ \
    X(LOAD_ATTR)            /* [o] -> [o.co_names[arg]] */ \
    X(STORE_ATTR)           /* [v, o] -> [] : o.name = v */ \
    X(DELETE_ATTR)          /* [o] -> [] */ \
    X(LOAD_METHOD)          /* [o] -> [meth, o] if an unbound method was found, else [NULL, o.name] */ \
    X(BINARY_OP)            /* [a, b] -> [a op b]; arg is OU_NB_* (object.h) */ \
    X(UNARY_NEGATIVE)       \
    X(UNARY_POSITIVE)       \
    X(UNARY_NOT)            \
    X(UNARY_INVERT)         \
    X(COMPARE_OP)           /* [a, b] -> [a cmp b]; arg is OU_LT..OU_GE (ours: plain index) */ \
    X(IS_OP)                /* [a, b] -> [a is b], inverted if arg */ \
    X(CONTAINS_OP)          /* [a, b] -> [a in b], inverted if arg */ \
    X(BINARY_SUBSCR)        /* [o, k] -> [o[k]] */ \
    X(STORE_SUBSCR)         /* [v, o, k] -> [] : o[k] = v */ \
    X(DELETE_SUBSCR)        /* [o, k] -> [] */ \
    X(BUILD_SLICE)          /* arg 2 or 3 */ \
    X(BUILD_TUPLE)          \
    X(BUILD_LIST)           \
    X(BUILD_SET)            \
    X(BUILD_MAP)            /* arg pairs: [k1, v1, ..., kn, vn] -> [dict] */ \
    X(BUILD_CONST_KEY_MAP)  /* [v1..vn, keys_tuple] -> [dict] */ \
    X(BUILD_STRING)         /* concatenate arg strs */ \
    X(LIST_APPEND)          /* [.., list(at -arg after pop), .., v]: stack[-arg].append(v) after popping v */ \
    X(SET_ADD)              \
    X(MAP_ADD)              /* [.., k, v] -> stack[-arg][k] = v */ \
    X(LIST_EXTEND)          \
    X(SET_UPDATE)           \
    X(DICT_UPDATE)          \
    X(DICT_MERGE)           /* like DICT_UPDATE, TypeError on duplicate keyword */ \
    X(LIST_TO_TUPLE)        \
    X(UNPACK_SEQUENCE)      /* [seq] -> [x_n-1, ..., x0]  (x0 on top) */ \
    X(UNPACK_EX)            /* arg = before | (after << 8) */ \
    X(FORMAT_VALUE)         /* as 3.11: arg&3 conversion (0 none,1 str,2 repr,3 ascii), arg&4 spec on stack */ \
    X(JUMP_FORWARD)         /* arg = absolute target */ \
    X(JUMP_BACKWARD)        /* arg = absolute target; checks for signals/thread switch */ \
    X(POP_JUMP_IF_FALSE)    /* arg = absolute target */ \
    X(POP_JUMP_IF_TRUE)     \
    X(POP_JUMP_IF_NONE)     \
    X(POP_JUMP_IF_NOT_NONE) \
    X(JUMP_IF_FALSE_OR_POP) \
    X(JUMP_IF_TRUE_OR_POP)  \
    X(GET_ITER)             \
    X(FOR_ITER)             /* [it] -> [it, next] or, when exhausted, pop it and jump to arg */ \
    X(KW_NAMES)             /* the next CALL's keyword names are co_consts[arg] (a tuple) */ \
    X(CALL)                 /* [NULL, f, a1..an] or [m, self, a1..an] -> [result] */ \
    X(CALL_FUNCTION_EX)     /* [NULL, f, args_tuple, (kwargs_dict if arg&1)] -> [result] */ \
    X(MAKE_FUNCTION)        /* [(defaults) (kwdefaults) (annotations) (closure), code] -> [func]; flags as 3.11 */ \
    X(RETURN_VALUE)         \
    X(RAISE_VARARGS)        /* 0: re-raise, 1: raise TOS, 2: raise TOS1 from TOS */ \
    X(RERAISE)              /* as 3.11 */ \
    X(PUSH_EXC_INFO)        /* as 3.11 */ \
    X(POP_EXCEPT)           /* as 3.11 */ \
    X(CHECK_EXC_MATCH)      /* as 3.11 */ \
    X(CHECK_EG_MATCH)       /* as 3.11 */ \
    X(PREP_RERAISE_STAR)    /* as 3.11 */ \
    X(WITH_EXCEPT_START)    /* as 3.11 */ \
    X(BEFORE_WITH)          /* as 3.11: [mgr] -> [bound __exit__, __enter__()] */ \
    X(BEFORE_ASYNC_WITH)    \
    X(LOAD_BUILD_CLASS)     \
    X(LOAD_ASSERTION_ERROR) \
    X(SETUP_ANNOTATIONS)    \
    X(IMPORT_NAME)          /* [level, fromlist] -> [module] */ \
    X(IMPORT_FROM)          /* [module] -> [module, attr] */ \
    X(IMPORT_STAR)          /* [module] -> [] */ \
    X(PRINT_EXPR)           \
    X(GET_LEN)              \
    X(MATCH_MAPPING)        \
    X(MATCH_SEQUENCE)       \
    X(MATCH_KEYS)           \
    X(MATCH_CLASS)          \
    X(YIELD_VALUE)          /* suspend the frame yielding TOS; on resume TOS is the sent value */ \
    X(GET_YIELD_FROM_ITER)  \
    X(SEND)                 /* as 3.11, arg = absolute target */ \
    X(GET_AWAITABLE)        \
    X(GET_AITER)            \
    X(GET_ANEXT)            \
    X(END_ASYNC_FOR)        \
    X(ASYNC_GEN_WRAP)       \
    X(RETURN_GENERATOR)     /* unused: calling a generator function makes the generator (ours) */

enum {
#define OU_OP_ENUM(name) OP_##name,
    OU_FOR_EACH_OPCODE(OU_OP_ENUM)
#undef OU_OP_ENUM
    OU_NUM_OPCODES
};

#define OU_OPCODE(word) ((int)((word) & 0xff))
#define OU_OPARG(word) ((int)((word) >> 8))
#define OU_MAKE_INSTR(op, arg) ((uint32_t)(op) | ((uint32_t)(arg) << 8))
#define OU_MAX_OPARG 0xffffff

extern const char *const ou_opcode_names[OU_NUM_OPCODES];
#endif

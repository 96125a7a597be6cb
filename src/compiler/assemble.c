/*
 * assemble.c -- basic blocks to a code object. Defines no types.
 *
 *  1. the implicit `return None` when the last block falls off the end;
 *  2. instructions after an unconditional exit in a block are dropped;
 *  3. a walk from the entry block with a stack of active handlers (pushed
 *     by SETUP_*, popped by POP_BLOCK) labels each instruction with its
 *     exception handler and finds the reachable blocks;
 *  4. the stack depth at the start of each block and the maximum;
 *  5. positions: an instruction without one takes its predecessor's;
 *  6. layout: pseudo-instructions and NOPs vanish, jumps become absolute
 *     instruction indexes, DEREF arguments become localsplus slots,
 *     constants folded late get their index;
 *  7. the exception table: runs of instructions with the same handler.
 */
#include "compiler/compile_internal.h"
#include <string.h>

int ouc_stack_effect(int op, int arg, int jump)
{
    switch (op) {
    case OP_NOP: case OP_RESUME: case OP_SWAP: case OP_DELETE_FAST: case OP_DELETE_NAME:
    case OP_DELETE_GLOBAL: case OP_DELETE_DEREF: case OP_LOAD_ATTR: case OP_UNARY_NEGATIVE:
    case OP_UNARY_POSITIVE: case OP_UNARY_NOT: case OP_UNARY_INVERT: case OP_LIST_TO_TUPLE:
    case OP_JUMP_FORWARD: case OP_JUMP_BACKWARD: case OUC_JUMP: case OP_GET_ITER: case OP_KW_NAMES:
    case OP_CHECK_EXC_MATCH: case OP_CHECK_EG_MATCH: case OP_SETUP_ANNOTATIONS: case OP_YIELD_VALUE:
    case OP_GET_YIELD_FROM_ITER: case OP_GET_AWAITABLE: case OP_GET_AITER: case OP_ASYNC_GEN_WRAP:
    case OUC_POP_BLOCK: case OP_RETURN_GENERATOR:
        return 0;
    case OP_POP_TOP: case OP_STORE_FAST: case OP_STORE_NAME: case OP_STORE_GLOBAL: case OP_STORE_DEREF:
    case OP_DELETE_ATTR: case OP_BINARY_OP: case OP_COMPARE_OP: case OP_IS_OP: case OP_CONTAINS_OP:
    case OP_BINARY_SUBSCR: case OP_LIST_APPEND: case OP_SET_ADD: case OP_LIST_EXTEND: case OP_SET_UPDATE:
    case OP_DICT_UPDATE: case OP_DICT_MERGE: case OP_RETURN_VALUE: case OP_RERAISE: case OP_POP_EXCEPT:
    case OP_PREP_RERAISE_STAR: case OP_IMPORT_NAME: case OP_IMPORT_STAR: case OP_PRINT_EXPR:
    case OP_POP_JUMP_IF_FALSE: case OP_POP_JUMP_IF_TRUE: case OP_POP_JUMP_IF_NONE:
    case OP_POP_JUMP_IF_NOT_NONE:
        return -1;
    case OP_PUSH_NULL: case OP_COPY: case OP_LOAD_CONST: case OP_LOAD_FAST: case OP_LOAD_NAME:
    case OP_LOAD_DEREF: case OP_LOAD_CLOSURE: case OP_LOAD_CLASSDEREF: case OP_LOAD_METHOD:
    case OP_PUSH_EXC_INFO: case OP_WITH_EXCEPT_START: case OP_BEFORE_WITH: case OP_BEFORE_ASYNC_WITH:
    case OP_LOAD_BUILD_CLASS: case OP_LOAD_ASSERTION_ERROR: case OP_IMPORT_FROM: case OP_GET_LEN:
    case OP_MATCH_MAPPING: case OP_MATCH_SEQUENCE: case OP_MATCH_KEYS: case OP_GET_ANEXT:
        return 1;
    case OP_LOAD_GLOBAL:
        return 1 + (arg & 1);
    case OP_STORE_ATTR: case OP_DELETE_SUBSCR: case OP_MATCH_CLASS: case OP_END_ASYNC_FOR:
        return -2;
    case OP_STORE_SUBSCR:
        return -3;
    case OP_BUILD_SLICE: case OP_BUILD_TUPLE: case OP_BUILD_LIST: case OP_BUILD_SET: case OP_BUILD_STRING:
        return 1 - arg;
    case OP_BUILD_MAP:
        return 1 - 2 * arg;
    case OP_BUILD_CONST_KEY_MAP:
        return -arg;
    case OP_MAP_ADD:
        return -2;
    case OP_UNPACK_SEQUENCE:
        return arg - 1;
    case OP_UNPACK_EX:
        return (arg & 0xff) + (arg >> 8);
    case OP_FORMAT_VALUE:
        return (arg & 4) ? -1 : 0;
    case OP_JUMP_IF_FALSE_OR_POP: case OP_JUMP_IF_TRUE_OR_POP:
        return jump ? 0 : -1;
    case OP_FOR_ITER:
        return jump ? -1 : 1;
    case OP_SEND:
        return jump ? -1 : 0;
    case OP_CALL:
        return -(arg + 1);
    case OP_CALL_FUNCTION_EX:
        return -2 - (arg & 1);
    case OP_MAKE_FUNCTION:
        return -((arg & 1) + ((arg >> 1) & 1) + ((arg >> 2) & 1) + ((arg >> 3) & 1));
    case OP_RAISE_VARARGS:
        return -arg;
    case OUC_SETUP_FINALLY: case OUC_SETUP_WITH:
        return jump ? 1 : 0;
    case OUC_SETUP_CLEANUP:
        return jump ? 2 : 0;
    }
    return 0;
}

static int is_terminator(int op)
{
    return op == OP_RETURN_VALUE || op == OP_RAISE_VARARGS || op == OP_RERAISE || op == OUC_JUMP ||
           op == OP_JUMP_FORWARD || op == OP_JUMP_BACKWARD;
}

static int is_setup(int op)
{
    return op == OUC_SETUP_FINALLY || op == OUC_SETUP_CLEANUP || op == OUC_SETUP_WITH;
}

static int is_real(const ouc_instr *i)
{
    return i->op == OUC_JUMP || (i->op < 256 && i->op != OP_NOP);
}

static int falls_through(const ouc_block *b)
{
    return b->n == 0 || !is_terminator(b->instrs[b->n - 1].op);
}

static int set_estack(ouc_block *b, ouc_block **st, int n)
{
    Ou_Free(b->estack);
    b->estack = Ou_Malloc(sizeof(ouc_block *) * (size_t)(n + 1));
    if (!b->estack) {
        OuErr_NoMemory();
        return -1;
    }
    if (n)
        memcpy(b->estack, st, sizeof(ouc_block *) * (size_t)n);
    b->en = n;
    return 0;
}

/* Steps 3: handlers and reachability. */
static int label_handlers(ouc_unit *u, int nblocks)
{
    ouc_block **todo = Ou_Malloc(sizeof(ouc_block *) * (size_t)(nblocks + 1));
    int ntodo = 0, cap = 16, r = -1;
    ouc_block **st = Ou_Malloc(sizeof(ouc_block *) * (size_t)cap);
    if (!todo || !st) {
        OuErr_NoMemory();
        goto done;
    }
    if (set_estack(u->entry, NULL, 0) < 0)
        goto done;
    u->entry->visited = 1;
    todo[ntodo++] = u->entry;
    while (ntodo) {
        ouc_block *b = todo[--ntodo];
        int n = b->en;
        if (n + b->n + 1 > cap) {
            cap = n + b->n + 16;
            ouc_block **ns = Ou_Realloc(st, sizeof(ouc_block *) * (size_t)cap);
            if (!ns) {
                OuErr_NoMemory();
                goto done;
            }
            st = ns;
        }
        if (n)
            memcpy(st, b->estack, sizeof(ouc_block *) * (size_t)n);
        for (int k = 0; k < b->n; k++) {
            ouc_instr *i = &b->instrs[k];
            if (is_setup(i->op)) {
                ouc_block *t = i->target;
                t->npred++;
                if (!t->visited) {
                    t->visited = 1;
                    if (set_estack(t, st, n) < 0)
                        goto done;
                    todo[ntodo++] = t;
                }
                t->preserve_lasti = i->op != OUC_SETUP_FINALLY;
                st[n++] = t;
            } else if (i->op == OUC_POP_BLOCK) {
                if (n > 0)
                    n--;
            } else {
                i->handler = n ? st[n - 1] : NULL;
                if (i->target) {
                    ouc_block *t = i->target;
                    t->npred++;
                    if (!t->visited) {
                        t->visited = 1;
                        if (set_estack(t, st, n) < 0)
                            goto done;
                        todo[ntodo++] = t;
                    }
                }
            }
        }
        if (falls_through(b) && b->next) {
            b->next->npred++;
            if (!b->next->visited) {
                b->next->visited = 1;
                if (set_estack(b->next, st, n) < 0)
                    goto done;
                todo[ntodo++] = b->next;
            }
        }
    }
    r = 0;
done:
    Ou_Free(todo);
    Ou_Free(st);
    return r;
}

/* Step 4: the maximum stack depth (-1 with SystemError on inconsistency). */
static int stack_depth(ouc_unit *u, int nblocks)
{
    ouc_block **todo = Ou_Malloc(sizeof(ouc_block *) * (size_t)(nblocks + 1));
    if (!todo) {
        OuErr_NoMemory();
        return -1;
    }
    int ntodo = 0, maxdepth = 0;
    u->entry->startdepth = 0;
    todo[ntodo++] = u->entry;
    while (ntodo) {
        ouc_block *b = todo[--ntodo];
        int depth = b->startdepth;
        for (int k = 0; k < b->n; k++) {
            ouc_instr *i = &b->instrs[k];
            if (i->target) {
                int td = depth + ouc_stack_effect(i->op, i->arg, 1);
                if (td > maxdepth)
                    maxdepth = td;
                if (i->target->startdepth < 0) {
                    i->target->startdepth = td;
                    todo[ntodo++] = i->target;
                }
            }
            depth += ouc_stack_effect(i->op, i->arg, 0);
            if (depth > maxdepth)
                maxdepth = depth;
            if (depth < 0) {
                Ou_Free(todo);
                OuErr_SetString(OuExc_SystemError, "compiler: negative stack depth");
                return -1;
            }
        }
        if (falls_through(b) && b->next && b->next->startdepth < 0) {
            b->next->startdepth = depth;
            todo[ntodo++] = b->next;
        }
    }
    Ou_Free(todo);
    return maxdepth;
}

/* Step 5. */
static void propagate_positions(ouc_unit *u)
{
    static const OuCodePos none = {-1, -1, -1, -1};
    for (ouc_block *b = u->entry; b; b = b->next) {
        if (!b->visited || b->n == 0)
            continue;
        OuCodePos prev = none;
        for (int k = 0; k < b->n; k++) {
            if (b->instrs[k].loc.lineno < 0)
                b->instrs[k].loc = prev;
            else
                prev = b->instrs[k].loc;
        }
        ouc_block *nx = b->next;
        if (falls_through(b) && nx && nx->npred == 1 && nx->n && nx->instrs[0].loc.lineno < 0)
            nx->instrs[0].loc = prev;
        ouc_instr *last = &b->instrs[b->n - 1];
        if (last->target && !is_setup(last->op) && last->target->npred == 1 && last->target->n &&
            last->target->instrs[0].loc.lineno < 0)
            last->target->instrs[0].loc = prev;
    }
    int lineno = u->firstlineno;
    for (ouc_block *b = u->entry; b; b = b->next) {
        if (!b->visited || b->n == 0)
            continue;
        ouc_instr *last = &b->instrs[b->n - 1];
        if (last->loc.lineno < 0) {
            if (last->op == OP_RETURN_VALUE)
                for (int k = 0; k < b->n; k++)
                    if (b->instrs[k].loc.lineno < 0)
                        b->instrs[k].loc.lineno = lineno;
        } else {
            lineno = last->loc.lineno;
        }
    }
}

static OuObject *names_tuple(ouc_names *t)
{
    OuObject *r = OuTuple_New(t->map.n);
    if (!r)
        return NULL;
    for (int i = 0; i < t->map.n; i++) {
        OuObject *s = ouc_str_from_utf8(t->map.keys[i]);
        if (!s) {
            OU_DECREF(r);
            return NULL;
        }
        OU_TUPLE_SET(r, i, s);
    }
    return r;
}

static int code_flags(ouc_compiler *c)
{
    OuSTEntry *ste = c->u->ste;
    int flags = 0;
    if (ste->type == OU_BLOCK_FUNCTION) {
        flags |= OU_CO_NEWLOCALS | OU_CO_OPTIMIZED;
        if (ste->nested)
            flags |= OU_CO_NESTED;
        if (ste->generator && !ste->coroutine)
            flags |= OU_CO_GENERATOR;
        if (!ste->generator && ste->coroutine)
            flags |= OU_CO_COROUTINE;
        if (ste->generator && ste->coroutine)
            flags |= OU_CO_ASYNC_GENERATOR;
        if (ste->varargs)
            flags |= OU_CO_VARARGS;
        if (ste->varkeywords)
            flags |= OU_CO_VARKEYWORDS;
    }
    return flags | (c->future_flags & (OU_CO_FUTURE_BARRY_AS_BDFL | OU_CO_FUTURE_ANNOTATIONS));
}

/* Step 7: the exception table entries for the emitted instructions. */
static OuObject *exception_table(ouc_block **handlers, Ou_ssize_t n)
{
    Ou_ssize_t count = 0;
    for (Ou_ssize_t i = 0; i < n; i++)
        if (handlers[i] && (i == 0 || handlers[i] != handlers[i - 1]))
            count++;
    OuObject *b = OuBytes_FromStringAndSize(NULL, count * (Ou_ssize_t)sizeof(OuExcEntry));
    if (!b)
        return NULL;
    OuExcEntry *e = (OuExcEntry *)OU_BYTES_DATA(b);
    Ou_ssize_t k = -1;
    for (Ou_ssize_t i = 0; i < n; i++) {
        ouc_block *h = handlers[i];
        if (!h)
            continue;
        if (i == 0 || h != handlers[i - 1]) {
            k++;
            e[k].start = (int32_t)i;
            e[k].target = h->offset;
            e[k].lasti = h->preserve_lasti;
            e[k].depth = h->startdepth - 1 - h->preserve_lasti;
        }
        e[k].end = (int32_t)i + 1;
    }
    return b;
}

OuObject *ouc_assemble(ouc_compiler *c, int add_none)
{
    ouc_unit *u = c->u;
    ouc_block *cur = u->cur;
    if (cur->n == 0 || cur->instrs[cur->n - 1].op != OP_RETURN_VALUE) {
        OUC_UNSET_LOC(c);
        if (add_none && ouc_addop_const(c, OU_NONE) < 0)
            return NULL;
        if (ouc_addop(c, OP_RETURN_VALUE, 0) < 0)
            return NULL;
    }
    int nblocks = 0;
    for (ouc_block *b = u->blocks; b; b = b->all_next) {
        nblocks++;
        b->visited = 0;
        b->startdepth = -1;
        b->offset = -1;
        b->npred = 0;
        for (int k = 0; k < b->n; k++)
            if (is_terminator(b->instrs[k].op)) {
                for (int j = k + 1; j < b->n; j++)
                    OU_CLEAR(b->instrs[j].pending);
                b->n = k + 1;
                break;
            }
    }
    if (label_handlers(u, nblocks) < 0)
        return NULL;
    int maxdepth = stack_depth(u, nblocks);
    if (maxdepth < 0)
        return NULL;
    propagate_positions(u);

    /* layout */
    Ou_ssize_t n = 0;
    for (ouc_block *b = u->entry; b; b = b->next) {
        if (b->startdepth < 0)
            continue;
        b->offset = (int)n;
        for (int k = 0; k < b->n; k++)
            if (is_real(&b->instrs[k]))
                n++;
    }
    int nlocals = u->varnames.map.n, ncells = u->cellvars.map.n;
    OuObject *code = OuBytes_FromStringAndSize(NULL, n * 4);
    OuObject *lines = OuBytes_FromStringAndSize(NULL, n * (Ou_ssize_t)sizeof(OuCodePos));
    ouc_block **handlers = Ou_Malloc(sizeof(ouc_block *) * (size_t)(n + 1));
    OuObject *exc = NULL, *consts = NULL, *names = NULL, *varnames = NULL, *cellvars = NULL;
    OuObject *freevars = NULL, *co = NULL;
    if (!code || !lines || !handlers) {
        if (!handlers)
            OuErr_NoMemory();
        goto done;
    }
    uint32_t *words = (uint32_t *)OU_BYTES_DATA(code);
    OuCodePos *pos = (OuCodePos *)OU_BYTES_DATA(lines);
    Ou_ssize_t idx = 0;
    for (ouc_block *b = u->entry; b; b = b->next) {
        if (b->startdepth < 0)
            continue;
        for (int k = 0; k < b->n; k++) {
            ouc_instr *i = &b->instrs[k];
            if (!is_real(i))
                continue;
            int op = i->op, arg = i->arg;
            if (i->target) {
                if (i->target->offset < 0) {
                    OuErr_SetString(OuExc_SystemError, "compiler: jump to an unplaced block");
                    goto done;
                }
                arg = i->target->offset;
            }
            if (op == OUC_JUMP)
                op = arg > idx ? OP_JUMP_FORWARD : OP_JUMP_BACKWARD;
            if (i->argkind == OUC_ARG_CELL)
                arg += nlocals;
            else if (i->argkind == OUC_ARG_FREE)
                arg += nlocals + ncells;
            if (op == OP_LOAD_CONST && i->pending) {
                arg = ouc_add_const(c, i->pending);
                if (arg < 0)
                    goto done;
            }
            if (arg < 0 || arg > OU_MAX_OPARG) {
                OuErr_SetString(OuExc_SystemError, "compiler: instruction argument out of range");
                goto done;
            }
            words[idx] = OU_MAKE_INSTR(op, arg);
            pos[idx] = i->loc;
            handlers[idx] = i->handler;
            idx++;
        }
    }
    exc = exception_table(handlers, n);
    consts = OuList_AsTuple(u->consts.list);
    names = names_tuple(&u->names);
    varnames = names_tuple(&u->varnames);
    cellvars = names_tuple(&u->cellvars);
    freevars = names_tuple(&u->freevars);
    if (!exc || !consts || !names || !varnames || !cellvars || !freevars)
        goto done;
    co = OuCode_New(u->argcount + u->posonlyargcount, u->posonlyargcount, u->kwonlyargcount, maxdepth,
                    code_flags(c), u->firstlineno, code, consts, names, varnames, cellvars, freevars,
                    c->filename, u->name, u->qualname, lines, exc);
done:
    Ou_Free(handlers);
    OU_XDECREF(code);
    OU_XDECREF(lines);
    OU_XDECREF(exc);
    OU_XDECREF(consts);
    OU_XDECREF(names);
    OU_XDECREF(varnames);
    OU_XDECREF(cellvars);
    OU_XDECREF(freevars);
    return co;
}

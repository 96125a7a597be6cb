/*
 * symtable.c -- the symbol table (see symtable.h). Defines no types.
 *
 * Two passes, as CPython 3.11: a visitor records, per block, every name with
 * its DEF_* flags (bound, used, parameter, global/nonlocal declaration...),
 * then analyze_block() walks the block tree deciding each name's scope with
 * the sets of names bound / free / declared global in the enclosing blocks.
 */
#include "core/ouro.h"
#include "compiler/symtable.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Containers                                                         */

static unsigned str_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

void OuStrMap_Init(OuStrMap *m, OuArena *arena)
{
    memset(m, 0, sizeof *m);
    m->arena = arena;
}

int OuStrMap_Find(const OuStrMap *m, const char *key)
{
    if (m->nslots == 0)
        return -1;
    unsigned mask = (unsigned)m->nslots - 1, i = str_hash(key) & mask;
    for (;;) {
        int e = m->slots[i];
        if (e == 0)
            return -1;
        if (strcmp(m->keys[e - 1], key) == 0)
            return e - 1;
        i = (i + 1) & mask;
    }
}

int OuStrMap_Get(const OuStrMap *m, const char *key, int dflt)
{
    int i = OuStrMap_Find(m, key);
    return i < 0 ? dflt : m->values[i];
}

/* Rebuild the hash slots for nslots (a power of two). */
static int strmap_rehash(OuStrMap *m, int nslots)
{
    int *slots = OuArena_Malloc(m->arena, sizeof(int) * (size_t)nslots);
    if (!slots)
        return -1;
    unsigned mask = (unsigned)nslots - 1;
    for (int k = 0; k < m->n; k++) {
        unsigned i = str_hash(m->keys[k]) & mask;
        while (slots[i])
            i = (i + 1) & mask;
        slots[i] = k + 1;
    }
    m->slots = slots;
    m->nslots = nslots;
    return 0;
}

int OuStrMap_Put(OuStrMap *m, const char *key, int value)
{
    int i = OuStrMap_Find(m, key);
    if (i >= 0) {
        m->values[i] = value;
        return i;
    }
    if (m->n == m->cap) {
        int cap = m->cap ? m->cap * 2 : 8;
        const char **keys = OuArena_Malloc(m->arena, sizeof(char *) * (size_t)cap);
        int *values = OuArena_Malloc(m->arena, sizeof(int) * (size_t)cap);
        if (!keys || !values)
            return -1;
        if (m->n) {
            memcpy(keys, m->keys, sizeof(char *) * (size_t)m->n);
            memcpy(values, m->values, sizeof(int) * (size_t)m->n);
        }
        m->keys = keys;
        m->values = values;
        m->cap = cap;
    }
    m->keys[m->n] = key;
    m->values[m->n] = value;
    m->n++;
    if (m->n * 2 > m->nslots) {
        if (strmap_rehash(m, m->nslots ? m->nslots * 2 : 16) < 0)
            return -1;
    } else {
        unsigned mask = (unsigned)m->nslots - 1, h = str_hash(key) & mask;
        while (m->slots[h])
            h = (h + 1) & mask;
        m->slots[h] = m->n;
    }
    return m->n - 1;
}

int OuStrMap_Copy(OuStrMap *dst, const OuStrMap *src)
{
    OuStrMap_Init(dst, src->arena);
    for (int i = 0; i < src->n; i++)
        if (OuStrMap_Put(dst, src->keys[i], src->values[i]) < 0)
            return -1;
    return 0;
}

static unsigned ptr_hash(const void *p)
{
    uintptr_t x = (uintptr_t)p;
    x ^= x >> 17;
    x *= 0x9E3779B97F4A7C15ull;
    return (unsigned)(x >> 32);
}

void OuPtrMap_Init(OuPtrMap *m)
{
    memset(m, 0, sizeof *m);
}

void *OuPtrMap_Get(const OuPtrMap *m, const void *key, int *found)
{
    *found = 0;
    if (!m->nslots)
        return NULL;
    unsigned mask = (unsigned)m->nslots - 1, i = ptr_hash(key) & mask;
    while (m->keys[i]) {
        if (m->keys[i] == key) {
            *found = 1;
            return m->values[i];
        }
        i = (i + 1) & mask;
    }
    return NULL;
}

static void ptrmap_insert(void **keys, void **values, int nslots, void *key, void *value)
{
    unsigned mask = (unsigned)nslots - 1, i = ptr_hash(key) & mask;
    while (keys[i] && keys[i] != key)
        i = (i + 1) & mask;
    keys[i] = key;
    values[i] = value;
}

int OuPtrMap_Put(OuPtrMap *m, void *key, void *value)
{
    int found;
    if (m->nslots) {
        OuPtrMap_Get(m, key, &found);
        if (found) {
            ptrmap_insert(m->keys, m->values, m->nslots, key, value);
            return 0;
        }
    }
    if ((m->n + 1) * 2 > m->nslots) {
        int ns = m->nslots ? m->nslots * 2 : 32;
        void **k = Ou_Malloc(sizeof(void *) * (size_t)ns), **v = Ou_Malloc(sizeof(void *) * (size_t)ns);
        if (!k || !v) {
            Ou_Free(k);
            Ou_Free(v);
            return -1;
        }
        memset(k, 0, sizeof(void *) * (size_t)ns);
        for (int i = 0; i < m->nslots; i++)
            if (m->keys[i])
                ptrmap_insert(k, v, ns, m->keys[i], m->values[i]);
        Ou_Free(m->keys);
        Ou_Free(m->values);
        m->keys = k;
        m->values = v;
        m->nslots = ns;
    }
    ptrmap_insert(m->keys, m->values, m->nslots, key, value);
    m->n++;
    return 0;
}

void OuPtrMap_Clear(OuPtrMap *m)
{
    Ou_Free(m->keys);
    Ou_Free(m->values);
    OuPtrMap_Init(m);
}

/* ------------------------------------------------------------------ */
/* Errors and mangling                                                */

int Ou_SyntaxErrorAt(OuObject *filename, int lineno, int col, int end_lineno, int end_col,
                     const char *fmt, ...)
{
    char msg[512];
    va_list va;
    va_start(va, fmt);
    vsnprintf(msg, sizeof msg, fmt, va);
    va_end(va);
    OuObject *text = lineno > 0 ? OuErr_ProgramTextObject(filename, lineno) : NULL;
    OuErr_SyntaxLocation(OuExc_SyntaxError, msg, filename, lineno, col >= 0 ? col + 1 : 0,
                         end_lineno, end_col >= 0 ? end_col + 1 : 0, text);
    OU_XDECREF(text);
    return -1;
}

const char *Ou_Mangle(OuArena *arena, const char *private_name, const char *name)
{
    if (!private_name || name[0] != '_' || name[1] != '_')
        return name;
    size_t n = strlen(name);
    if ((n >= 2 && name[n - 1] == '_' && name[n - 2] == '_') || strchr(name, '.'))
        return name;
    while (*private_name == '_')
        private_name++;
    if (!*private_name)
        return name;
    size_t p = strlen(private_name);
    char *r = OuArena_Malloc(arena, n + p + 2);
    if (!r)
        return NULL;
    r[0] = '_';
    memcpy(r + 1, private_name, p);
    memcpy(r + 1 + p, name, n + 1);
    return r;
}

/* ------------------------------------------------------------------ */
/* Blocks                                                             */

#define ST_NOMEM(st) (OuErr_NoMemory(), -1)

static int push_ptr(OuArena *a, void ***arr, int *n, int *cap, void *v)
{
    if (*n == *cap) {
        int nc = *cap ? *cap * 2 : 4;
        void **na = OuArena_Malloc(a, sizeof(void *) * (size_t)nc);
        if (!na)
            return -1;
        if (*n)
            memcpy(na, *arr, sizeof(void *) * (size_t)*n);
        *arr = na;
        *cap = nc;
    }
    (*arr)[(*n)++] = v;
    return 0;
}

static int enter_block(OuSymTable *st, const char *name, int type, const void *key, int lineno,
                       int col, int end_lineno, int end_col)
{
    OuSTEntry *ste = OuArena_Malloc(st->arena, sizeof *ste);
    if (!ste)
        return ST_NOMEM(st);
    ste->type = type;
    ste->name = name;
    ste->key = key;
    OuStrMap_Init(&ste->symbols, st->arena);
    OuStrMap_Init(&ste->directives, st->arena);
    ste->lineno = lineno;
    ste->col_offset = col;
    ste->end_lineno = end_lineno;
    ste->end_col_offset = end_col;
    OuSTEntry *prev = st->cur;
    if (prev && (prev->nested || prev->type == OU_BLOCK_FUNCTION))
        ste->nested = 1;
    if (prev && push_ptr(st->arena, (void ***)&prev->children, &prev->nchildren,
                         &prev->capchildren, ste) < 0)
        return ST_NOMEM(st);
    if (push_ptr(st->arena, (void ***)&st->stack, &st->nstack, &st->capstack, ste) < 0)
        return ST_NOMEM(st);
    if (OuPtrMap_Put(&st->blocks, (void *)key, ste) < 0)
        return ST_NOMEM(st);
    st->cur = ste;
    if (type == OU_BLOCK_MODULE) {
        st->top = ste;
        st->global = &ste->symbols;
    }
    return 0;
}

static void exit_block(OuSymTable *st)
{
    st->nstack--;
    st->cur = st->nstack ? st->stack[st->nstack - 1] : NULL;
}

OuSTEntry *OuSymtable_Lookup(OuSymTable *st, const void *key)
{
    int found;
    return OuPtrMap_Get(&st->blocks, key, &found);
}

int OuST_GetSymbol(const OuSTEntry *ste, const char *name)
{
    return OuStrMap_Get(&ste->symbols, name, 0);
}

int OuST_GetScope(const OuSTEntry *ste, const char *name)
{
    return (OuStrMap_Get(&ste->symbols, name, 0) & OU_SCOPE_MASK) >> OU_SCOPE_OFFSET;
}

/* ------------------------------------------------------------------ */
/* Recording names                                                    */

#define LOC(n) (n)->lineno, (n)->col_offset, (n)->end_lineno, (n)->end_col_offset

static int add_def_in(OuSymTable *st, OuSTEntry *ste, const char *name, int flag, int lineno,
                      int col, int end_lineno, int end_col)
{
    const char *mangled = Ou_Mangle(st->arena, st->private_name, name);
    if (!mangled)
        return ST_NOMEM(st);
    int i = OuStrMap_Find(&ste->symbols, mangled), val;
    if (i >= 0) {
        val = ste->symbols.values[i];
        if ((flag & OU_DEF_PARAM) && (val & OU_DEF_PARAM))
            return Ou_SyntaxErrorAt(st->filename, lineno, col, end_lineno, end_col,
                                    "duplicate argument '%s' in function definition", name);
        val |= flag;
    } else {
        val = flag;
    }
    if (ste->comp_iter_target) {
        if (val & (OU_DEF_GLOBAL | OU_DEF_NONLOCAL))
            return Ou_SyntaxErrorAt(st->filename, lineno, col, end_lineno, end_col,
                                    "comprehension inner loop cannot rebind assignment expression target '%s'",
                                    name);
        val |= OU_DEF_COMP_ITER;
    }
    if (OuStrMap_Put(&ste->symbols, mangled, val) < 0)
        return ST_NOMEM(st);
    if (flag & OU_DEF_PARAM) {
        if (push_ptr(st->arena, (void ***)&ste->varnames, &ste->nvarnames, &ste->capvarnames,
                     (void *)mangled) < 0)
            return ST_NOMEM(st);
    } else if (flag & OU_DEF_GLOBAL) {
        int g = OuStrMap_Get(st->global, mangled, 0);
        if (OuStrMap_Put(st->global, mangled, g | flag) < 0)
            return ST_NOMEM(st);
    }
    return 0;
}

static int add_def(OuSymTable *st, const char *name, int flag, int lineno, int col,
                   int end_lineno, int end_col)
{
    return add_def_in(st, st->cur, name, flag, lineno, col, end_lineno, end_col);
}

static int lookup_cur(OuSymTable *st, const char *name)
{
    const char *mangled = Ou_Mangle(st->arena, st->private_name, name);
    return mangled ? OuST_GetSymbol(st->cur, mangled) : 0;
}

static int record_directive(OuSymTable *st, const char *name, int lineno, int col,
                            int end_lineno, int end_col)
{
    OuSTEntry *ste = st->cur;
    const char *mangled = Ou_Mangle(st->arena, st->private_name, name);
    if (!mangled)
        return ST_NOMEM(st);
    if (ste->ndirs == ste->capdirs) {
        int nc = ste->capdirs ? ste->capdirs * 2 : 4;
        int (*nd)[4] = OuArena_Malloc(st->arena, sizeof(int[4]) * (size_t)nc);
        if (!nd)
            return ST_NOMEM(st);
        if (ste->ndirs)
            memcpy(nd, ste->dirlocs, sizeof(int[4]) * (size_t)ste->ndirs);
        ste->dirlocs = nd;
        ste->capdirs = nc;
    }
    int *d = ste->dirlocs[ste->ndirs];
    d[0] = lineno;
    d[1] = col;
    d[2] = end_lineno;
    d[3] = end_col;
    if (OuStrMap_Find(&ste->directives, mangled) < 0 &&
        OuStrMap_Put(&ste->directives, mangled, ste->ndirs) < 0)
        return ST_NOMEM(st);
    ste->ndirs++;
    return 0;
}

/* ------------------------------------------------------------------ */
/* The visitor                                                        */

static int visit_stmt(OuSymTable *st, OuAst_stmt *s);
static int visit_expr(OuSymTable *st, OuAst_expr *e);
static int visit_pattern(OuSymTable *st, OuAst_pattern *p);

static int visit_stmts(OuSymTable *st, OuAst_seq *seq)
{
    for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(seq); i++)
        if (visit_stmt(st, OUAST_SEQ_GET_T(OuAst_stmt, seq, i)) < 0)
            return -1;
    return 0;
}

/* Visits a sequence of expressions; NULL elements (dict ** keys,
   absent kw defaults) are skipped. */
static int visit_exprs(OuSymTable *st, OuAst_seq *seq)
{
    for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(seq); i++) {
        OuAst_expr *e = OUAST_SEQ_GET_T(OuAst_expr, seq, i);
        if (e && visit_expr(st, e) < 0)
            return -1;
    }
    return 0;
}

static int visit_annotation(OuSymTable *st, OuAst_expr *e)
{
    if (!e || (st->future_flags & OU_CO_FUTURE_ANNOTATIONS))
        return 0;
    return visit_expr(st, e);
}

static int visit_arg_annotations(OuSymTable *st, OuAst_seq *args)
{
    for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(args); i++)
        if (visit_annotation(st, OUAST_SEQ_GET_T(OuAst_arg, args, i)->annotation) < 0)
            return -1;
    return 0;
}

static int visit_annotations(OuSymTable *st, OuAst_arguments *a, OuAst_expr *returns)
{
    if (visit_arg_annotations(st, a->posonlyargs) < 0 || visit_arg_annotations(st, a->args) < 0)
        return -1;
    if (a->vararg && visit_annotation(st, a->vararg->annotation) < 0)
        return -1;
    if (a->kwarg && visit_annotation(st, a->kwarg->annotation) < 0)
        return -1;
    if (visit_arg_annotations(st, a->kwonlyargs) < 0)
        return -1;
    return visit_annotation(st, returns);
}

static int visit_params(OuSymTable *st, OuAst_seq *args)
{
    for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(args); i++) {
        OuAst_arg *a = OUAST_SEQ_GET_T(OuAst_arg, args, i);
        if (add_def(st, a->arg, OU_DEF_PARAM, LOC(a)) < 0)
            return -1;
    }
    return 0;
}

static int visit_arguments(OuSymTable *st, OuAst_arguments *a)
{
    if (visit_params(st, a->posonlyargs) < 0 || visit_params(st, a->args) < 0 ||
        visit_params(st, a->kwonlyargs) < 0)
        return -1;
    if (a->vararg) {
        if (add_def(st, a->vararg->arg, OU_DEF_PARAM, LOC(a->vararg)) < 0)
            return -1;
        st->cur->varargs = 1;
    }
    if (a->kwarg) {
        if (add_def(st, a->kwarg->arg, OU_DEF_PARAM, LOC(a->kwarg)) < 0)
            return -1;
        st->cur->varkeywords = 1;
    }
    return 0;
}

static int visit_alias(OuSymTable *st, OuAst_alias *a)
{
    const char *name = a->asname ? a->asname : a->name;
    if (strcmp(name, "*") == 0) {
        if (st->cur->type != OU_BLOCK_MODULE)
            return Ou_SyntaxErrorAt(st->filename, LOC(a), "import * only allowed at module level");
        return 0;
    }
    const char *dot = strchr(name, '.');
    const char *store = name;
    if (dot) {
        store = OuArena_Strndup(st->arena, name, (size_t)(dot - name));
        if (!store)
            return ST_NOMEM(st);
    }
    return add_def(st, store, OU_DEF_IMPORT, LOC(a));
}

static int visit_function(OuSymTable *st, OuAst_stmt *s, const char *name, OuAst_arguments *args,
                          OuAst_seq *body, OuAst_seq *decos, OuAst_expr *returns, int is_async)
{
    if (add_def(st, name, OU_DEF_LOCAL, LOC(s)) < 0)
        return -1;
    if (visit_exprs(st, args->defaults) < 0 || visit_exprs(st, args->kw_defaults) < 0)
        return -1;
    if (visit_annotations(st, args, returns) < 0 || visit_exprs(st, decos) < 0)
        return -1;
    if (enter_block(st, name, OU_BLOCK_FUNCTION, s, LOC(s)) < 0)
        return -1;
    if (is_async)
        st->cur->coroutine = 1;
    if (visit_arguments(st, args) < 0 || visit_stmts(st, body) < 0)
        return -1;
    exit_block(st);
    return 0;
}

/* global / nonlocal statements */
static int visit_declaration(OuSymTable *st, OuAst_stmt *s, OuAst_seq *names, int is_global)
{
    for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(names); i++) {
        const char *name = (const char *)OUAST_SEQ_GET(names, i);
        int cur = lookup_cur(st, name);
        if (cur & (OU_DEF_PARAM | OU_DEF_LOCAL | OU_DEF_USE | OU_DEF_ANNOT)) {
            const char *fmt;
            if (cur & OU_DEF_PARAM)
                fmt = is_global ? "name '%s' is parameter and global" : "name '%s' is parameter and nonlocal";
            else if (cur & OU_DEF_USE)
                fmt = is_global ? "name '%s' is used prior to global declaration"
                                : "name '%s' is used prior to nonlocal declaration";
            else if (cur & OU_DEF_ANNOT)
                fmt = is_global ? "annotated name '%s' can't be global" : "annotated name '%s' can't be nonlocal";
            else
                fmt = is_global ? "name '%s' is assigned to before global declaration"
                                : "name '%s' is assigned to before nonlocal declaration";
            return Ou_SyntaxErrorAt(st->filename, LOC(s), fmt, name);
        }
        if (add_def(st, name, is_global ? OU_DEF_GLOBAL : OU_DEF_NONLOCAL, LOC(s)) < 0)
            return -1;
        if (record_directive(st, name, LOC(s)) < 0)
            return -1;
    }
    return 0;
}

static int visit_stmt(OuSymTable *st, OuAst_stmt *s)
{
    switch (s->kind) {
    case OuAst_FunctionDef_kind:
        return visit_function(st, s, s->v.FunctionDef.name, s->v.FunctionDef.args, s->v.FunctionDef.body,
                              s->v.FunctionDef.decorator_list, s->v.FunctionDef.returns, 0);
    case OuAst_AsyncFunctionDef_kind:
        return visit_function(st, s, s->v.AsyncFunctionDef.name, s->v.AsyncFunctionDef.args,
                              s->v.AsyncFunctionDef.body, s->v.AsyncFunctionDef.decorator_list,
                              s->v.AsyncFunctionDef.returns, 1);
    case OuAst_ClassDef_kind: {
        if (add_def(st, s->v.ClassDef.name, OU_DEF_LOCAL, LOC(s)) < 0)
            return -1;
        if (visit_exprs(st, s->v.ClassDef.bases) < 0)
            return -1;
        for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(s->v.ClassDef.keywords); i++)
            if (visit_expr(st, OUAST_SEQ_GET_T(OuAst_keyword, s->v.ClassDef.keywords, i)->value) < 0)
                return -1;
        if (visit_exprs(st, s->v.ClassDef.decorator_list) < 0)
            return -1;
        if (enter_block(st, s->v.ClassDef.name, OU_BLOCK_CLASS, s, LOC(s)) < 0)
            return -1;
        const char *saved = st->private_name;
        st->private_name = s->v.ClassDef.name;
        int r = visit_stmts(st, s->v.ClassDef.body);
        st->private_name = saved;
        if (r < 0)
            return -1;
        exit_block(st);
        return 0;
    }
    case OuAst_Return_kind:
        if (s->v.Return.value) {
            if (visit_expr(st, s->v.Return.value) < 0)
                return -1;
            st->cur->returns_value = 1;
        }
        return 0;
    case OuAst_Delete_kind:
        return visit_exprs(st, s->v.Delete.targets);
    case OuAst_Assign_kind:
        if (visit_exprs(st, s->v.Assign.targets) < 0)
            return -1;
        return visit_expr(st, s->v.Assign.value);
    case OuAst_AnnAssign_kind: {
        OuAst_expr *t = s->v.AnnAssign.target;
        if (t->kind == OuAst_Name_kind) {
            int cur = lookup_cur(st, t->v.Name.id);
            if ((cur & (OU_DEF_GLOBAL | OU_DEF_NONLOCAL)) && &st->cur->symbols != st->global &&
                s->v.AnnAssign.simple)
                return Ou_SyntaxErrorAt(st->filename, LOC(s),
                                        (cur & OU_DEF_GLOBAL) ? "annotated name '%s' can't be global"
                                                              : "annotated name '%s' can't be nonlocal",
                                        t->v.Name.id);
            if (s->v.AnnAssign.simple) {
                if (add_def(st, t->v.Name.id, OU_DEF_ANNOT | OU_DEF_LOCAL, LOC(t)) < 0)
                    return -1;
            } else if (s->v.AnnAssign.value) {
                if (add_def(st, t->v.Name.id, OU_DEF_LOCAL, LOC(t)) < 0)
                    return -1;
            }
        } else if (visit_expr(st, t) < 0) {
            return -1;
        }
        if (visit_annotation(st, s->v.AnnAssign.annotation) < 0)
            return -1;
        return s->v.AnnAssign.value ? visit_expr(st, s->v.AnnAssign.value) : 0;
    }
    case OuAst_AugAssign_kind:
        if (visit_expr(st, s->v.AugAssign.target) < 0)
            return -1;
        return visit_expr(st, s->v.AugAssign.value);
    case OuAst_For_kind:
    case OuAst_AsyncFor_kind:
        if (visit_expr(st, s->v.For.target) < 0 || visit_expr(st, s->v.For.iter) < 0)
            return -1;
        if (visit_stmts(st, s->v.For.body) < 0)
            return -1;
        return visit_stmts(st, s->v.For.orelse);
    case OuAst_While_kind:
        if (visit_expr(st, s->v.While.test) < 0 || visit_stmts(st, s->v.While.body) < 0)
            return -1;
        return visit_stmts(st, s->v.While.orelse);
    case OuAst_If_kind:
        if (visit_expr(st, s->v.If.test) < 0 || visit_stmts(st, s->v.If.body) < 0)
            return -1;
        return visit_stmts(st, s->v.If.orelse);
    case OuAst_Match_kind:
        if (visit_expr(st, s->v.Match.subject) < 0)
            return -1;
        for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(s->v.Match.cases); i++) {
            OuAst_match_case *mc = OUAST_SEQ_GET_T(OuAst_match_case, s->v.Match.cases, i);
            if (visit_pattern(st, mc->pattern) < 0)
                return -1;
            if (mc->guard && visit_expr(st, mc->guard) < 0)
                return -1;
            if (visit_stmts(st, mc->body) < 0)
                return -1;
        }
        return 0;
    case OuAst_Raise_kind:
        if (s->v.Raise.exc && visit_expr(st, s->v.Raise.exc) < 0)
            return -1;
        if (s->v.Raise.cause && visit_expr(st, s->v.Raise.cause) < 0)
            return -1;
        return 0;
    case OuAst_Try_kind:
    case OuAst_TryStar_kind:
        if (visit_stmts(st, s->v.Try.body) < 0 || visit_stmts(st, s->v.Try.orelse) < 0)
            return -1;
        for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(s->v.Try.handlers); i++) {
            OuAst_excepthandler *h = OUAST_SEQ_GET_T(OuAst_excepthandler, s->v.Try.handlers, i);
            if (h->v.ExceptHandler.type && visit_expr(st, h->v.ExceptHandler.type) < 0)
                return -1;
            if (h->v.ExceptHandler.name && add_def(st, h->v.ExceptHandler.name, OU_DEF_LOCAL, LOC(h)) < 0)
                return -1;
            if (visit_stmts(st, h->v.ExceptHandler.body) < 0)
                return -1;
        }
        return visit_stmts(st, s->v.Try.finalbody);
    case OuAst_Assert_kind:
        if (visit_expr(st, s->v.Assert.test) < 0)
            return -1;
        return s->v.Assert.msg ? visit_expr(st, s->v.Assert.msg) : 0;
    case OuAst_Import_kind:
        for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(s->v.Import.names); i++)
            if (visit_alias(st, OUAST_SEQ_GET_T(OuAst_alias, s->v.Import.names, i)) < 0)
                return -1;
        return 0;
    case OuAst_ImportFrom_kind:
        for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(s->v.ImportFrom.names); i++)
            if (visit_alias(st, OUAST_SEQ_GET_T(OuAst_alias, s->v.ImportFrom.names, i)) < 0)
                return -1;
        return 0;
    case OuAst_Global_kind:
        return visit_declaration(st, s, s->v.Global.names, 1);
    case OuAst_Nonlocal_kind:
        return visit_declaration(st, s, s->v.Nonlocal.names, 0);
    case OuAst_Expr_kind:
        return visit_expr(st, s->v.Expr.value);
    case OuAst_With_kind:
    case OuAst_AsyncWith_kind:
        for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(s->v.With.items); i++) {
            OuAst_withitem *w = OUAST_SEQ_GET_T(OuAst_withitem, s->v.With.items, i);
            if (visit_expr(st, w->context_expr) < 0)
                return -1;
            if (w->optional_vars && visit_expr(st, w->optional_vars) < 0)
                return -1;
        }
        return visit_stmts(st, s->v.With.body);
    case OuAst_Pass_kind:
    case OuAst_Break_kind:
    case OuAst_Continue_kind:
        return 0;
    }
    return 0;
}

static int visit_pattern(OuSymTable *st, OuAst_pattern *p)
{
    switch (p->kind) {
    case OuAst_MatchValue_kind:
        return visit_expr(st, p->v.MatchValue.value);
    case OuAst_MatchSingleton_kind:
        return 0;
    case OuAst_MatchSequence_kind:
    case OuAst_MatchOr_kind: {
        OuAst_seq *ps = p->kind == OuAst_MatchOr_kind ? p->v.MatchOr.patterns : p->v.MatchSequence.patterns;
        for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(ps); i++)
            if (visit_pattern(st, OUAST_SEQ_GET_T(OuAst_pattern, ps, i)) < 0)
                return -1;
        return 0;
    }
    case OuAst_MatchStar_kind:
        return p->v.MatchStar.name ? add_def(st, p->v.MatchStar.name, OU_DEF_LOCAL, LOC(p)) : 0;
    case OuAst_MatchMapping_kind:
        if (visit_exprs(st, p->v.MatchMapping.keys) < 0)
            return -1;
        for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(p->v.MatchMapping.patterns); i++)
            if (visit_pattern(st, OUAST_SEQ_GET_T(OuAst_pattern, p->v.MatchMapping.patterns, i)) < 0)
                return -1;
        return p->v.MatchMapping.rest ? add_def(st, p->v.MatchMapping.rest, OU_DEF_LOCAL, LOC(p)) : 0;
    case OuAst_MatchClass_kind:
        if (visit_expr(st, p->v.MatchClass.cls) < 0)
            return -1;
        for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(p->v.MatchClass.patterns); i++)
            if (visit_pattern(st, OUAST_SEQ_GET_T(OuAst_pattern, p->v.MatchClass.patterns, i)) < 0)
                return -1;
        for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(p->v.MatchClass.kwd_patterns); i++)
            if (visit_pattern(st, OUAST_SEQ_GET_T(OuAst_pattern, p->v.MatchClass.kwd_patterns, i)) < 0)
                return -1;
        return 0;
    case OuAst_MatchAs_kind:
        if (p->v.MatchAs.pattern && visit_pattern(st, p->v.MatchAs.pattern) < 0)
            return -1;
        return p->v.MatchAs.name ? add_def(st, p->v.MatchAs.name, OU_DEF_LOCAL, LOC(p)) : 0;
    }
    return 0;
}

/* A walrus inside a comprehension binds in the nearest enclosing
   function or module scope. */
static int extend_namedexpr_scope(OuSymTable *st, OuAst_expr *e)
{
    const char *name = e->v.Name.id;
    for (int i = st->nstack - 1; i >= 0; i--) {
        OuSTEntry *ste = st->stack[i];
        if (ste->comprehension) {
            if (OuST_GetSymbol(ste, name) & OU_DEF_COMP_ITER)
                return Ou_SyntaxErrorAt(st->filename, LOC(e),
                                        "assignment expression cannot rebind comprehension iteration variable '%s'",
                                        name);
            continue;
        }
        if (ste->type == OU_BLOCK_FUNCTION) {
            int flag = (OuST_GetSymbol(ste, name) & OU_DEF_GLOBAL) ? OU_DEF_GLOBAL : OU_DEF_NONLOCAL;
            if (add_def(st, name, flag, LOC(e)) < 0 || record_directive(st, name, LOC(e)) < 0)
                return -1;
            return add_def_in(st, ste, name, OU_DEF_LOCAL, LOC(e));
        }
        if (ste->type == OU_BLOCK_MODULE) {
            if (add_def(st, name, OU_DEF_GLOBAL, LOC(e)) < 0 || record_directive(st, name, LOC(e)) < 0)
                return -1;
            return add_def_in(st, ste, name, OU_DEF_GLOBAL, LOC(e));
        }
        if (ste->type == OU_BLOCK_CLASS)
            return Ou_SyntaxErrorAt(st->filename, LOC(e),
                                    "assignment expression within a comprehension cannot be used in a class body");
    }
    return 0;
}

static int visit_comprehension_rest(OuSymTable *st, OuAst_comprehension *lc)
{
    st->cur->comp_iter_target = 1;
    if (visit_expr(st, lc->target) < 0)
        return -1;
    st->cur->comp_iter_target = 0;
    st->cur->comp_iter_expr++;
    if (visit_expr(st, lc->iter) < 0)
        return -1;
    st->cur->comp_iter_expr--;
    if (visit_exprs(st, lc->ifs) < 0)
        return -1;
    if (lc->is_async)
        st->cur->coroutine = 1;
    return 0;
}

static int handle_comprehension(OuSymTable *st, OuAst_expr *e, const char *name, int kind,
                                OuAst_seq *generators, OuAst_expr *elt, OuAst_expr *value)
{
    int is_generator = kind == OU_COMP_GENEXP;
    OuAst_comprehension *outer = OUAST_SEQ_GET_T(OuAst_comprehension, generators, 0);
    st->cur->comp_iter_expr++;
    if (visit_expr(st, outer->iter) < 0)
        return -1;
    st->cur->comp_iter_expr--;
    if (enter_block(st, name, OU_BLOCK_FUNCTION, e, LOC(e)) < 0)
        return -1;
    st->cur->comprehension = kind;
    if (outer->is_async)
        st->cur->coroutine = 1;
    if (add_def(st, ".0", OU_DEF_PARAM, LOC(e)) < 0)
        return -1;
    st->cur->comp_iter_target = 1;
    if (visit_expr(st, outer->target) < 0)
        return -1;
    st->cur->comp_iter_target = 0;
    if (visit_exprs(st, outer->ifs) < 0)
        return -1;
    for (Ou_ssize_t i = 1; i < OUAST_SEQ_LEN(generators); i++)
        if (visit_comprehension_rest(st, OUAST_SEQ_GET_T(OuAst_comprehension, generators, i)) < 0)
            return -1;
    if (value && visit_expr(st, value) < 0)
        return -1;
    if (visit_expr(st, elt) < 0)
        return -1;
    st->cur->generator = is_generator;
    int is_async = st->cur->coroutine && !is_generator;
    exit_block(st);
    if (is_async)
        st->cur->coroutine = 1;
    return 0;
}

static int raise_if_comprehension(OuSymTable *st, OuAst_expr *e)
{
    static const char *const what[] = {"", "list comprehension", "set comprehension",
                                       "dict comprehension", "generator expression"};
    return Ou_SyntaxErrorAt(st->filename, LOC(e), "'yield' inside %s", what[st->cur->comprehension]);
}

static int visit_expr(OuSymTable *st, OuAst_expr *e)
{
    switch (e->kind) {
    case OuAst_NamedExpr_kind:
        if (st->cur->comp_iter_expr > 0)
            return Ou_SyntaxErrorAt(st->filename, LOC(e),
                                    "assignment expression cannot be used in a comprehension iterable expression");
        if (st->cur->comprehension && e->v.NamedExpr.target->kind == OuAst_Name_kind &&
            extend_namedexpr_scope(st, e->v.NamedExpr.target) < 0)
            return -1;
        if (visit_expr(st, e->v.NamedExpr.value) < 0)
            return -1;
        return visit_expr(st, e->v.NamedExpr.target);
    case OuAst_BoolOp_kind:
        return visit_exprs(st, e->v.BoolOp.values);
    case OuAst_BinOp_kind:
        if (visit_expr(st, e->v.BinOp.left) < 0)
            return -1;
        return visit_expr(st, e->v.BinOp.right);
    case OuAst_UnaryOp_kind:
        return visit_expr(st, e->v.UnaryOp.operand);
    case OuAst_Lambda_kind: {
        OuAst_arguments *a = e->v.Lambda.args;
        if (visit_exprs(st, a->defaults) < 0 || visit_exprs(st, a->kw_defaults) < 0)
            return -1;
        if (enter_block(st, "lambda", OU_BLOCK_FUNCTION, e, LOC(e)) < 0)
            return -1;
        if (visit_arguments(st, a) < 0 || visit_expr(st, e->v.Lambda.body) < 0)
            return -1;
        exit_block(st);
        return 0;
    }
    case OuAst_IfExp_kind:
        if (visit_expr(st, e->v.IfExp.test) < 0 || visit_expr(st, e->v.IfExp.body) < 0)
            return -1;
        return visit_expr(st, e->v.IfExp.orelse);
    case OuAst_Dict_kind:
        if (visit_exprs(st, e->v.Dict.keys) < 0)
            return -1;
        return visit_exprs(st, e->v.Dict.values);
    case OuAst_Set_kind:
        return visit_exprs(st, e->v.Set.elts);
    case OuAst_GeneratorExp_kind:
        return handle_comprehension(st, e, "genexpr", OU_COMP_GENEXP, e->v.GeneratorExp.generators,
                                    e->v.GeneratorExp.elt, NULL);
    case OuAst_ListComp_kind:
        return handle_comprehension(st, e, "listcomp", OU_COMP_LIST, e->v.ListComp.generators,
                                    e->v.ListComp.elt, NULL);
    case OuAst_SetComp_kind:
        return handle_comprehension(st, e, "setcomp", OU_COMP_SET, e->v.SetComp.generators,
                                    e->v.SetComp.elt, NULL);
    case OuAst_DictComp_kind:
        return handle_comprehension(st, e, "dictcomp", OU_COMP_DICT, e->v.DictComp.generators,
                                    e->v.DictComp.key, e->v.DictComp.value);
    case OuAst_Yield_kind:
        if (e->v.Yield.value && visit_expr(st, e->v.Yield.value) < 0)
            return -1;
        st->cur->generator = 1;
        return st->cur->comprehension ? raise_if_comprehension(st, e) : 0;
    case OuAst_YieldFrom_kind:
        if (visit_expr(st, e->v.YieldFrom.value) < 0)
            return -1;
        st->cur->generator = 1;
        return st->cur->comprehension ? raise_if_comprehension(st, e) : 0;
    case OuAst_Await_kind:
        if (visit_expr(st, e->v.Await.value) < 0)
            return -1;
        st->cur->coroutine = 1;
        return 0;
    case OuAst_Compare_kind:
        if (visit_expr(st, e->v.Compare.left) < 0)
            return -1;
        return visit_exprs(st, e->v.Compare.comparators);
    case OuAst_Call_kind:
        if (visit_expr(st, e->v.Call.func) < 0 || visit_exprs(st, e->v.Call.args) < 0)
            return -1;
        for (Ou_ssize_t i = 0; i < OUAST_SEQ_LEN(e->v.Call.keywords); i++)
            if (visit_expr(st, OUAST_SEQ_GET_T(OuAst_keyword, e->v.Call.keywords, i)->value) < 0)
                return -1;
        return 0;
    case OuAst_FormattedValue_kind:
        if (visit_expr(st, e->v.FormattedValue.value) < 0)
            return -1;
        return e->v.FormattedValue.format_spec ? visit_expr(st, e->v.FormattedValue.format_spec) : 0;
    case OuAst_JoinedStr_kind:
        return visit_exprs(st, e->v.JoinedStr.values);
    case OuAst_Constant_kind:
        return 0;
    case OuAst_Attribute_kind:
        return visit_expr(st, e->v.Attribute.value);
    case OuAst_Subscript_kind:
        if (visit_expr(st, e->v.Subscript.value) < 0)
            return -1;
        return visit_expr(st, e->v.Subscript.slice);
    case OuAst_Starred_kind:
        return visit_expr(st, e->v.Starred.value);
    case OuAst_Slice_kind:
        if (e->v.Slice.lower && visit_expr(st, e->v.Slice.lower) < 0)
            return -1;
        if (e->v.Slice.upper && visit_expr(st, e->v.Slice.upper) < 0)
            return -1;
        return e->v.Slice.step ? visit_expr(st, e->v.Slice.step) : 0;
    case OuAst_Name_kind:
        if (add_def(st, e->v.Name.id, e->v.Name.ctx == OuAst_Load ? OU_DEF_USE : OU_DEF_LOCAL, LOC(e)) < 0)
            return -1;
        if (e->v.Name.ctx == OuAst_Load && st->cur->type == OU_BLOCK_FUNCTION &&
            strcmp(e->v.Name.id, "super") == 0)
            return add_def(st, "__class__", OU_DEF_USE, LOC(e));
        return 0;
    case OuAst_List_kind:
        return visit_exprs(st, e->v.List.elts);
    case OuAst_Tuple_kind:
        return visit_exprs(st, e->v.Tuple.elts);
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Analysis                                                           */

/* Sets of names are OuStrMaps whose value is 1 (present) or 0 (removed). */
static int set_has(const OuStrMap *s, const char *name)
{
    return s && OuStrMap_Get(s, name, 0) != 0;
}

static int set_add(OuStrMap *s, const char *name)
{
    return OuStrMap_Put(s, name, 1) < 0 ? -1 : 0;
}

static void set_discard(OuStrMap *s, const char *name)
{
    int i = OuStrMap_Find(s, name);
    if (i >= 0)
        s->values[i] = 0;
}

static int set_update(OuStrMap *dst, const OuStrMap *src)
{
    for (int i = 0; i < src->n; i++)
        if (src->values[i] && set_add(dst, src->keys[i]) < 0)
            return -1;
    return 0;
}

static int error_at_directive(OuSymTable *st, OuSTEntry *ste, const char *name, const char *fmt)
{
    int i = OuStrMap_Get(&ste->directives, name, -1);
    if (i < 0)
        return Ou_SyntaxErrorAt(st->filename, ste->lineno, ste->col_offset, ste->end_lineno,
                                ste->end_col_offset, fmt, name);
    int *d = ste->dirlocs[i];
    return Ou_SyntaxErrorAt(st->filename, d[0], d[1], d[2], d[3], fmt, name);
}

static int analyze_name(OuSymTable *st, OuSTEntry *ste, OuStrMap *scopes, const char *name, int flags,
                        OuStrMap *bound, OuStrMap *local, OuStrMap *free, OuStrMap *global)
{
    if (flags & OU_DEF_GLOBAL) {
        if (flags & OU_DEF_NONLOCAL)
            return error_at_directive(st, ste, name, "name '%s' is nonlocal and global");
        if (OuStrMap_Put(scopes, name, OU_SC_GLOBAL_EXPLICIT) < 0 || set_add(global, name) < 0)
            return ST_NOMEM(st);
        if (bound)
            set_discard(bound, name);
        return 0;
    }
    if (flags & OU_DEF_NONLOCAL) {
        if (!bound)
            return error_at_directive(st, ste, name, "nonlocal declaration not allowed at module level");
        if (!set_has(bound, name))
            return error_at_directive(st, ste, name, "no binding for nonlocal '%s' found");
        if (OuStrMap_Put(scopes, name, OU_SC_FREE) < 0 || set_add(free, name) < 0)
            return ST_NOMEM(st);
        ste->free = 1;
        return 0;
    }
    if (flags & OU_DEF_BOUND) {
        if (OuStrMap_Put(scopes, name, OU_SC_LOCAL) < 0 || set_add(local, name) < 0)
            return ST_NOMEM(st);
        set_discard(global, name);
        return 0;
    }
    if (bound && set_has(bound, name)) {
        if (OuStrMap_Put(scopes, name, OU_SC_FREE) < 0 || set_add(free, name) < 0)
            return ST_NOMEM(st);
        ste->free = 1;
        return 0;
    }
    if (set_has(global, name)) {
        return OuStrMap_Put(scopes, name, OU_SC_GLOBAL_IMPLICIT) < 0 ? ST_NOMEM(st) : 0;
    }
    if (ste->nested)
        ste->free = 1;
    return OuStrMap_Put(scopes, name, OU_SC_GLOBAL_IMPLICIT) < 0 ? ST_NOMEM(st) : 0;
}

static int analyze_block(OuSymTable *st, OuSTEntry *ste, OuStrMap *bound, OuStrMap *free, OuStrMap *global);

static int analyze_child_block(OuSymTable *st, OuSTEntry *entry, OuStrMap *bound, OuStrMap *free,
                               OuStrMap *global, OuStrMap *child_free)
{
    OuStrMap tb, tf, tg;
    if (OuStrMap_Copy(&tb, bound) < 0 || OuStrMap_Copy(&tf, free) < 0 || OuStrMap_Copy(&tg, global) < 0)
        return ST_NOMEM(st);
    if (analyze_block(st, entry, &tb, &tf, &tg) < 0)
        return -1;
    return set_update(child_free, &tf) < 0 ? ST_NOMEM(st) : 0;
}

static int update_symbols(OuSymTable *st, OuSTEntry *ste, OuStrMap *scopes, OuStrMap *bound,
                          OuStrMap *free, int classflag)
{
    OuStrMap *symbols = &ste->symbols;
    for (int i = 0; i < symbols->n; i++) {
        int scope = OuStrMap_Get(scopes, symbols->keys[i], 0);
        symbols->values[i] = (symbols->values[i] & ~OU_SCOPE_MASK) | (scope << OU_SCOPE_OFFSET);
    }
    for (int i = 0; i < free->n; i++) {
        if (!free->values[i])
            continue;
        const char *name = free->keys[i];
        int k = OuStrMap_Find(symbols, name);
        if (k >= 0) {
            if (classflag && (symbols->values[k] & (OU_DEF_BOUND | OU_DEF_GLOBAL)))
                symbols->values[k] |= OU_DEF_FREE_CLASS;
            continue;
        }
        if (bound && !set_has(bound, name))
            continue;
        if (OuStrMap_Put(symbols, name, OU_SC_FREE << OU_SCOPE_OFFSET) < 0)
            return ST_NOMEM(st);
    }
    return 0;
}

static int analyze_block(OuSymTable *st, OuSTEntry *ste, OuStrMap *bound, OuStrMap *free, OuStrMap *global)
{
    OuStrMap scopes, local, newglobal, newfree, newbound, allfree;
    OuStrMap_Init(&scopes, st->arena);
    OuStrMap_Init(&local, st->arena);
    OuStrMap_Init(&newglobal, st->arena);
    OuStrMap_Init(&newfree, st->arena);
    OuStrMap_Init(&newbound, st->arena);
    OuStrMap_Init(&allfree, st->arena);
    if (ste->type == OU_BLOCK_CLASS) {
        if (set_update(&newglobal, global) < 0 || (bound && set_update(&newbound, bound) < 0))
            return ST_NOMEM(st);
    }
    int nsyms = ste->symbols.n;
    for (int i = 0; i < nsyms; i++)
        if (analyze_name(st, ste, &scopes, ste->symbols.keys[i], ste->symbols.values[i], bound, &local,
                         free, global) < 0)
            return -1;
    if (ste->type != OU_BLOCK_CLASS) {
        if (ste->type == OU_BLOCK_FUNCTION && set_update(&newbound, &local) < 0)
            return ST_NOMEM(st);
        if (bound && set_update(&newbound, bound) < 0)
            return ST_NOMEM(st);
        if (set_update(&newglobal, global) < 0)
            return ST_NOMEM(st);
    } else if (set_add(&newbound, "__class__") < 0) {
        return ST_NOMEM(st);
    }
    for (int i = 0; i < ste->nchildren; i++) {
        OuSTEntry *child = ste->children[i];
        if (analyze_child_block(st, child, &newbound, &newfree, &newglobal, &allfree) < 0)
            return -1;
        if (child->free || child->child_free)
            ste->child_free = 1;
    }
    if (set_update(&newfree, &allfree) < 0)
        return ST_NOMEM(st);
    if (ste->type == OU_BLOCK_FUNCTION) {
        /* locals used by children become cells */
        for (int i = 0; i < scopes.n; i++) {
            if (scopes.values[i] == OU_SC_LOCAL && set_has(&newfree, scopes.keys[i])) {
                scopes.values[i] = OU_SC_CELL;
                set_discard(&newfree, scopes.keys[i]);
            }
        }
    } else if (ste->type == OU_BLOCK_CLASS && set_has(&newfree, "__class__")) {
        set_discard(&newfree, "__class__");
        ste->needs_class_closure = 1;
    }
    if (update_symbols(st, ste, &scopes, bound, &newfree, ste->type == OU_BLOCK_CLASS) < 0)
        return -1;
    return set_update(free, &newfree) < 0 ? ST_NOMEM(st) : 0;
}

/* ------------------------------------------------------------------ */
/* Entry points                                                       */

void OuSymtable_Free(OuSymTable *st)
{
    if (!st)
        return;
    OuPtrMap_Clear(&st->blocks);
    OuArena *a = st->arena;
    OuArena_Free(a);   /* st itself lives in the arena */
}

OuSymTable *OuSymtable_Build(OuAst_mod *mod, OuObject *filename, int future_flags)
{
    OuArena *arena = OuArena_New();
    if (!arena)
        return (OuSymTable *)OuErr_NoMemory();
    OuSymTable *st = OuArena_Malloc(arena, sizeof *st);
    if (!st) {
        OuArena_Free(arena);
        return (OuSymTable *)OuErr_NoMemory();
    }
    st->arena = arena;
    st->filename = filename;
    st->future_flags = future_flags;
    OuPtrMap_Init(&st->blocks);
    int r = enter_block(st, "top", OU_BLOCK_MODULE, mod, 0, 0, 0, 0);
    if (r == 0) {
        switch (mod->kind) {
        case OuAst_Module_kind:
            r = visit_stmts(st, mod->v.Module.body);
            break;
        case OuAst_Interactive_kind:
            r = visit_stmts(st, mod->v.Interactive.body);
            break;
        case OuAst_Expression_kind:
            r = visit_expr(st, mod->v.Expression.body);
            break;
        case OuAst_FunctionType_kind:
            r = visit_exprs(st, mod->v.FunctionType.argtypes);
            if (r == 0 && mod->v.FunctionType.returns)
                r = visit_expr(st, mod->v.FunctionType.returns);
            break;
        }
    }
    if (r == 0) {
        OuStrMap free, global;
        OuStrMap_Init(&free, arena);
        OuStrMap_Init(&global, arena);
        r = analyze_block(st, st->top, NULL, &free, &global);
    }
    if (r < 0) {
        OuSymtable_Free(st);
        return NULL;
    }
    return st;
}

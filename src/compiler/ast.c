/*
 * ast.c -- the arena allocator and the AST node constructors.
 *
 * The arena hands out memory from malloc'd chunks; big requests get a chunk
 * of their own. Nothing is freed before OuArena_Free.
 * The constructors below are mechanical (one per ASDL constructor, see ast.h).
 */
#include <stdlib.h>
#include <string.h>
#include "compiler/ast.h"

#define ARENA_CHUNK 16384
#define ARENA_ALIGN 16

typedef struct ArenaChunk {
    struct ArenaChunk *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
} ArenaChunk;

struct OuArena {
    ArenaChunk *head;   /* current chunk; older chunks follow via next */
};

/* A new empty arena, or NULL when out of memory. */
OuArena *OuArena_New(void)
{
    return (OuArena *)calloc(1, sizeof(OuArena));
}

/* Frees every chunk, then the arena. */
void OuArena_Free(OuArena *arena)
{
    if (arena == NULL)
        return;
    ArenaChunk *c = arena->head;
    while (c != NULL) {
        ArenaChunk *next = c->next;
        free(c);
        c = next;
    }
    free(arena);
}

/* Allocates a chunk able to hold at least `need` bytes and links it in:
   at the head when it becomes the current chunk, behind it otherwise
   (so a huge one-off request does not waste the current chunk). */
static ArenaChunk *arena_new_chunk(OuArena *arena, size_t need)
{
    size_t size = need > ARENA_CHUNK / 2 ? need : ARENA_CHUNK;
    ArenaChunk *c = (ArenaChunk *)malloc(sizeof(ArenaChunk) + size);
    if (c == NULL)
        return NULL;
    c->used = 0;
    c->size = size;
    if (size > ARENA_CHUNK && arena->head != NULL) {
        c->next = arena->head->next;
        arena->head->next = c;
    } else {
        c->next = arena->head;
        arena->head = c;
    }
    return c;
}

/* Zero-filled, 16-aligned memory from the arena. */
void *OuArena_Malloc(OuArena *arena, size_t size)
{
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (size == 0)
        size = ARENA_ALIGN;
    ArenaChunk *c = arena->head;
    if (c == NULL || c->size - c->used < size) {
        c = arena_new_chunk(arena, size);
        if (c == NULL)
            return NULL;
    }
    void *p = c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

/* A NUL-terminated arena copy of s[0:len]. */
char *OuArena_Strndup(OuArena *arena, const char *s, size_t len)
{
    char *p = (char *)OuArena_Malloc(arena, len + 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

static OuAst_seq empty_seq = { 0 };

/* A sequence with `size` NULL slots; all empty sequences share one object. */
OuAst_seq *OuAst_seq_New(Ou_ssize_t size, OuArena *arena)
{
    if (size <= 0)
        return &empty_seq;
    OuAst_seq *s = (OuAst_seq *)OuArena_Malloc(arena,
        sizeof(OuAst_seq) + (size_t)size * sizeof(void *));
    if (s == NULL)
        return NULL;
    s->size = size;
    return s;
}

/* Placeholder until the runtime's Unicode name database is wired in:
   every name is reported as unknown (the tokenizer then raises CPython's
   "unknown Unicode character name" error). The lead replaces this body. */
int ou_unicode_lookup_name(const char *name, size_t len, uint32_t *cp)
{
    (void)name;
    (void)len;
    (void)cp;
    return 0;
}

/* ---- generated constructors (one per ASDL constructor) ---- */

OuAst_mod *OuAst_Module(OuAst_seq *body, OuAst_seq *type_ignores, OuArena *arena)
{
    OuAst_mod *p = (OuAst_mod *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Module_kind;
    p->v.Module.body = body ? body : OuAst_seq_New(0, arena);
    p->v.Module.type_ignores = type_ignores ? type_ignores : OuAst_seq_New(0, arena);
    return p;
}

OuAst_mod *OuAst_Interactive(OuAst_seq *body, OuArena *arena)
{
    OuAst_mod *p = (OuAst_mod *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Interactive_kind;
    p->v.Interactive.body = body ? body : OuAst_seq_New(0, arena);
    return p;
}

OuAst_mod *OuAst_Expression(OuAst_expr *body, OuArena *arena)
{
    OuAst_mod *p = (OuAst_mod *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Expression_kind;
    p->v.Expression.body = body;
    return p;
}

OuAst_mod *OuAst_FunctionType(OuAst_seq *argtypes, OuAst_expr *returns, OuArena *arena)
{
    OuAst_mod *p = (OuAst_mod *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_FunctionType_kind;
    p->v.FunctionType.argtypes = argtypes ? argtypes : OuAst_seq_New(0, arena);
    p->v.FunctionType.returns = returns;
    return p;
}

OuAst_stmt *OuAst_FunctionDef(const char *name, OuAst_arguments *args, OuAst_seq *body, OuAst_seq *decorator_list, OuAst_expr *returns, const char *type_comment, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_FunctionDef_kind;
    p->v.FunctionDef.name = name;
    p->v.FunctionDef.args = args;
    p->v.FunctionDef.body = body ? body : OuAst_seq_New(0, arena);
    p->v.FunctionDef.decorator_list = decorator_list ? decorator_list : OuAst_seq_New(0, arena);
    p->v.FunctionDef.returns = returns;
    p->v.FunctionDef.type_comment = type_comment;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_AsyncFunctionDef(const char *name, OuAst_arguments *args, OuAst_seq *body, OuAst_seq *decorator_list, OuAst_expr *returns, const char *type_comment, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_AsyncFunctionDef_kind;
    p->v.AsyncFunctionDef.name = name;
    p->v.AsyncFunctionDef.args = args;
    p->v.AsyncFunctionDef.body = body ? body : OuAst_seq_New(0, arena);
    p->v.AsyncFunctionDef.decorator_list = decorator_list ? decorator_list : OuAst_seq_New(0, arena);
    p->v.AsyncFunctionDef.returns = returns;
    p->v.AsyncFunctionDef.type_comment = type_comment;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_ClassDef(const char *name, OuAst_seq *bases, OuAst_seq *keywords, OuAst_seq *body, OuAst_seq *decorator_list, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_ClassDef_kind;
    p->v.ClassDef.name = name;
    p->v.ClassDef.bases = bases ? bases : OuAst_seq_New(0, arena);
    p->v.ClassDef.keywords = keywords ? keywords : OuAst_seq_New(0, arena);
    p->v.ClassDef.body = body ? body : OuAst_seq_New(0, arena);
    p->v.ClassDef.decorator_list = decorator_list ? decorator_list : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_Return(OuAst_expr *value, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Return_kind;
    p->v.Return.value = value;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_Delete(OuAst_seq *targets, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Delete_kind;
    p->v.Delete.targets = targets ? targets : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_Assign(OuAst_seq *targets, OuAst_expr *value, const char *type_comment, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Assign_kind;
    p->v.Assign.targets = targets ? targets : OuAst_seq_New(0, arena);
    p->v.Assign.value = value;
    p->v.Assign.type_comment = type_comment;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_AugAssign(OuAst_expr *target, OuAst_operator op, OuAst_expr *value, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_AugAssign_kind;
    p->v.AugAssign.target = target;
    p->v.AugAssign.op = op;
    p->v.AugAssign.value = value;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_AnnAssign(OuAst_expr *target, OuAst_expr *annotation, OuAst_expr *value, int simple, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_AnnAssign_kind;
    p->v.AnnAssign.target = target;
    p->v.AnnAssign.annotation = annotation;
    p->v.AnnAssign.value = value;
    p->v.AnnAssign.simple = simple;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_For(OuAst_expr *target, OuAst_expr *iter, OuAst_seq *body, OuAst_seq *orelse, const char *type_comment, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_For_kind;
    p->v.For.target = target;
    p->v.For.iter = iter;
    p->v.For.body = body ? body : OuAst_seq_New(0, arena);
    p->v.For.orelse = orelse ? orelse : OuAst_seq_New(0, arena);
    p->v.For.type_comment = type_comment;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_AsyncFor(OuAst_expr *target, OuAst_expr *iter, OuAst_seq *body, OuAst_seq *orelse, const char *type_comment, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_AsyncFor_kind;
    p->v.AsyncFor.target = target;
    p->v.AsyncFor.iter = iter;
    p->v.AsyncFor.body = body ? body : OuAst_seq_New(0, arena);
    p->v.AsyncFor.orelse = orelse ? orelse : OuAst_seq_New(0, arena);
    p->v.AsyncFor.type_comment = type_comment;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_While(OuAst_expr *test, OuAst_seq *body, OuAst_seq *orelse, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_While_kind;
    p->v.While.test = test;
    p->v.While.body = body ? body : OuAst_seq_New(0, arena);
    p->v.While.orelse = orelse ? orelse : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_If(OuAst_expr *test, OuAst_seq *body, OuAst_seq *orelse, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_If_kind;
    p->v.If.test = test;
    p->v.If.body = body ? body : OuAst_seq_New(0, arena);
    p->v.If.orelse = orelse ? orelse : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_With(OuAst_seq *items, OuAst_seq *body, const char *type_comment, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_With_kind;
    p->v.With.items = items ? items : OuAst_seq_New(0, arena);
    p->v.With.body = body ? body : OuAst_seq_New(0, arena);
    p->v.With.type_comment = type_comment;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_AsyncWith(OuAst_seq *items, OuAst_seq *body, const char *type_comment, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_AsyncWith_kind;
    p->v.AsyncWith.items = items ? items : OuAst_seq_New(0, arena);
    p->v.AsyncWith.body = body ? body : OuAst_seq_New(0, arena);
    p->v.AsyncWith.type_comment = type_comment;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_Match(OuAst_expr *subject, OuAst_seq *cases, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Match_kind;
    p->v.Match.subject = subject;
    p->v.Match.cases = cases ? cases : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_Raise(OuAst_expr *exc, OuAst_expr *cause, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Raise_kind;
    p->v.Raise.exc = exc;
    p->v.Raise.cause = cause;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_Try(OuAst_seq *body, OuAst_seq *handlers, OuAst_seq *orelse, OuAst_seq *finalbody, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Try_kind;
    p->v.Try.body = body ? body : OuAst_seq_New(0, arena);
    p->v.Try.handlers = handlers ? handlers : OuAst_seq_New(0, arena);
    p->v.Try.orelse = orelse ? orelse : OuAst_seq_New(0, arena);
    p->v.Try.finalbody = finalbody ? finalbody : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_TryStar(OuAst_seq *body, OuAst_seq *handlers, OuAst_seq *orelse, OuAst_seq *finalbody, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_TryStar_kind;
    p->v.TryStar.body = body ? body : OuAst_seq_New(0, arena);
    p->v.TryStar.handlers = handlers ? handlers : OuAst_seq_New(0, arena);
    p->v.TryStar.orelse = orelse ? orelse : OuAst_seq_New(0, arena);
    p->v.TryStar.finalbody = finalbody ? finalbody : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_Assert(OuAst_expr *test, OuAst_expr *msg, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Assert_kind;
    p->v.Assert.test = test;
    p->v.Assert.msg = msg;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_Import(OuAst_seq *names, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Import_kind;
    p->v.Import.names = names ? names : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_ImportFrom(const char *module, OuAst_seq *names, int level, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_ImportFrom_kind;
    p->v.ImportFrom.module = module;
    p->v.ImportFrom.names = names ? names : OuAst_seq_New(0, arena);
    p->v.ImportFrom.level = level;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_Global(OuAst_seq *names, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Global_kind;
    p->v.Global.names = names ? names : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_Nonlocal(OuAst_seq *names, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Nonlocal_kind;
    p->v.Nonlocal.names = names ? names : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_Expr(OuAst_expr *value, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Expr_kind;
    p->v.Expr.value = value;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_Pass(int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Pass_kind;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_Break(int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Break_kind;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_stmt *OuAst_Continue(int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_stmt *p = (OuAst_stmt *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Continue_kind;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_BoolOp(OuAst_boolop op, OuAst_seq *values, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_BoolOp_kind;
    p->v.BoolOp.op = op;
    p->v.BoolOp.values = values ? values : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_NamedExpr(OuAst_expr *target, OuAst_expr *value, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_NamedExpr_kind;
    p->v.NamedExpr.target = target;
    p->v.NamedExpr.value = value;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_BinOp(OuAst_expr *left, OuAst_operator op, OuAst_expr *right, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_BinOp_kind;
    p->v.BinOp.left = left;
    p->v.BinOp.op = op;
    p->v.BinOp.right = right;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_UnaryOp(OuAst_unaryop op, OuAst_expr *operand, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_UnaryOp_kind;
    p->v.UnaryOp.op = op;
    p->v.UnaryOp.operand = operand;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_Lambda(OuAst_arguments *args, OuAst_expr *body, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Lambda_kind;
    p->v.Lambda.args = args;
    p->v.Lambda.body = body;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_IfExp(OuAst_expr *test, OuAst_expr *body, OuAst_expr *orelse, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_IfExp_kind;
    p->v.IfExp.test = test;
    p->v.IfExp.body = body;
    p->v.IfExp.orelse = orelse;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_Dict(OuAst_seq *keys, OuAst_seq *values, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Dict_kind;
    p->v.Dict.keys = keys ? keys : OuAst_seq_New(0, arena);
    p->v.Dict.values = values ? values : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_Set(OuAst_seq *elts, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Set_kind;
    p->v.Set.elts = elts ? elts : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_ListComp(OuAst_expr *elt, OuAst_seq *generators, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_ListComp_kind;
    p->v.ListComp.elt = elt;
    p->v.ListComp.generators = generators ? generators : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_SetComp(OuAst_expr *elt, OuAst_seq *generators, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_SetComp_kind;
    p->v.SetComp.elt = elt;
    p->v.SetComp.generators = generators ? generators : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_DictComp(OuAst_expr *key, OuAst_expr *value, OuAst_seq *generators, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_DictComp_kind;
    p->v.DictComp.key = key;
    p->v.DictComp.value = value;
    p->v.DictComp.generators = generators ? generators : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_GeneratorExp(OuAst_expr *elt, OuAst_seq *generators, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_GeneratorExp_kind;
    p->v.GeneratorExp.elt = elt;
    p->v.GeneratorExp.generators = generators ? generators : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_Await(OuAst_expr *value, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Await_kind;
    p->v.Await.value = value;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_Yield(OuAst_expr *value, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Yield_kind;
    p->v.Yield.value = value;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_YieldFrom(OuAst_expr *value, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_YieldFrom_kind;
    p->v.YieldFrom.value = value;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_Compare(OuAst_expr *left, OuAst_seq *ops, OuAst_seq *comparators, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Compare_kind;
    p->v.Compare.left = left;
    p->v.Compare.ops = ops ? ops : OuAst_seq_New(0, arena);
    p->v.Compare.comparators = comparators ? comparators : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_Call(OuAst_expr *func, OuAst_seq *args, OuAst_seq *keywords, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Call_kind;
    p->v.Call.func = func;
    p->v.Call.args = args ? args : OuAst_seq_New(0, arena);
    p->v.Call.keywords = keywords ? keywords : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_FormattedValue(OuAst_expr *value, int conversion, OuAst_expr *format_spec, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_FormattedValue_kind;
    p->v.FormattedValue.value = value;
    p->v.FormattedValue.conversion = conversion;
    p->v.FormattedValue.format_spec = format_spec;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_JoinedStr(OuAst_seq *values, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_JoinedStr_kind;
    p->v.JoinedStr.values = values ? values : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_Constant(OuAst_constant value, const char *kind, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Constant_kind;
    p->v.Constant.value = value;
    p->v.Constant.kind = kind;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_Attribute(OuAst_expr *value, const char *attr, OuAst_expr_context ctx, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Attribute_kind;
    p->v.Attribute.value = value;
    p->v.Attribute.attr = attr;
    p->v.Attribute.ctx = ctx;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_Subscript(OuAst_expr *value, OuAst_expr *slice, OuAst_expr_context ctx, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Subscript_kind;
    p->v.Subscript.value = value;
    p->v.Subscript.slice = slice;
    p->v.Subscript.ctx = ctx;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_Starred(OuAst_expr *value, OuAst_expr_context ctx, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Starred_kind;
    p->v.Starred.value = value;
    p->v.Starred.ctx = ctx;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_Name(const char *id, OuAst_expr_context ctx, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Name_kind;
    p->v.Name.id = id;
    p->v.Name.ctx = ctx;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_List(OuAst_seq *elts, OuAst_expr_context ctx, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_List_kind;
    p->v.List.elts = elts ? elts : OuAst_seq_New(0, arena);
    p->v.List.ctx = ctx;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_Tuple(OuAst_seq *elts, OuAst_expr_context ctx, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Tuple_kind;
    p->v.Tuple.elts = elts ? elts : OuAst_seq_New(0, arena);
    p->v.Tuple.ctx = ctx;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_expr *OuAst_Slice(OuAst_expr *lower, OuAst_expr *upper, OuAst_expr *step, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_expr *p = (OuAst_expr *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_Slice_kind;
    p->v.Slice.lower = lower;
    p->v.Slice.upper = upper;
    p->v.Slice.step = step;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_excepthandler *OuAst_ExceptHandler(OuAst_expr *type, const char *name, OuAst_seq *body, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_excepthandler *p = (OuAst_excepthandler *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_ExceptHandler_kind;
    p->v.ExceptHandler.type = type;
    p->v.ExceptHandler.name = name;
    p->v.ExceptHandler.body = body ? body : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_pattern *OuAst_MatchValue(OuAst_expr *value, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_pattern *p = (OuAst_pattern *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_MatchValue_kind;
    p->v.MatchValue.value = value;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_pattern *OuAst_MatchSingleton(OuAst_constant value, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_pattern *p = (OuAst_pattern *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_MatchSingleton_kind;
    p->v.MatchSingleton.value = value;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_pattern *OuAst_MatchSequence(OuAst_seq *patterns, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_pattern *p = (OuAst_pattern *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_MatchSequence_kind;
    p->v.MatchSequence.patterns = patterns ? patterns : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_pattern *OuAst_MatchMapping(OuAst_seq *keys, OuAst_seq *patterns, const char *rest, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_pattern *p = (OuAst_pattern *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_MatchMapping_kind;
    p->v.MatchMapping.keys = keys ? keys : OuAst_seq_New(0, arena);
    p->v.MatchMapping.patterns = patterns ? patterns : OuAst_seq_New(0, arena);
    p->v.MatchMapping.rest = rest;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_pattern *OuAst_MatchClass(OuAst_expr *cls, OuAst_seq *patterns, OuAst_seq *kwd_attrs, OuAst_seq *kwd_patterns, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_pattern *p = (OuAst_pattern *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_MatchClass_kind;
    p->v.MatchClass.cls = cls;
    p->v.MatchClass.patterns = patterns ? patterns : OuAst_seq_New(0, arena);
    p->v.MatchClass.kwd_attrs = kwd_attrs ? kwd_attrs : OuAst_seq_New(0, arena);
    p->v.MatchClass.kwd_patterns = kwd_patterns ? kwd_patterns : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_pattern *OuAst_MatchStar(const char *name, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_pattern *p = (OuAst_pattern *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_MatchStar_kind;
    p->v.MatchStar.name = name;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_pattern *OuAst_MatchAs(OuAst_pattern *pattern, const char *name, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_pattern *p = (OuAst_pattern *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_MatchAs_kind;
    p->v.MatchAs.pattern = pattern;
    p->v.MatchAs.name = name;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_pattern *OuAst_MatchOr(OuAst_seq *patterns, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_pattern *p = (OuAst_pattern *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_MatchOr_kind;
    p->v.MatchOr.patterns = patterns ? patterns : OuAst_seq_New(0, arena);
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_type_ignore *OuAst_TypeIgnore(int lineno, const char *tag, OuArena *arena)
{
    OuAst_type_ignore *p = (OuAst_type_ignore *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = OuAst_TypeIgnore_kind;
    p->v.TypeIgnore.lineno = lineno;
    p->v.TypeIgnore.tag = tag;
    return p;
}

OuAst_comprehension *OuAst_comprehension_New(OuAst_expr *target, OuAst_expr *iter, OuAst_seq *ifs, int is_async, OuArena *arena)
{
    OuAst_comprehension *p = (OuAst_comprehension *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->target = target;
    p->iter = iter;
    p->ifs = ifs ? ifs : OuAst_seq_New(0, arena);
    p->is_async = is_async;
    return p;
}

OuAst_arguments *OuAst_arguments_New(OuAst_seq *posonlyargs, OuAst_seq *args, OuAst_arg *vararg, OuAst_seq *kwonlyargs, OuAst_seq *kw_defaults, OuAst_arg *kwarg, OuAst_seq *defaults, OuArena *arena)
{
    OuAst_arguments *p = (OuAst_arguments *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->posonlyargs = posonlyargs ? posonlyargs : OuAst_seq_New(0, arena);
    p->args = args ? args : OuAst_seq_New(0, arena);
    p->vararg = vararg;
    p->kwonlyargs = kwonlyargs ? kwonlyargs : OuAst_seq_New(0, arena);
    p->kw_defaults = kw_defaults ? kw_defaults : OuAst_seq_New(0, arena);
    p->kwarg = kwarg;
    p->defaults = defaults ? defaults : OuAst_seq_New(0, arena);
    return p;
}

OuAst_arg *OuAst_arg_New(const char *arg, OuAst_expr *annotation, const char *type_comment, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_arg *p = (OuAst_arg *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->arg = arg;
    p->annotation = annotation;
    p->type_comment = type_comment;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_keyword *OuAst_keyword_New(const char *arg, OuAst_expr *value, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_keyword *p = (OuAst_keyword *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->arg = arg;
    p->value = value;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_alias *OuAst_alias_New(const char *name, const char *asname, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena)
{
    OuAst_alias *p = (OuAst_alias *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->name = name;
    p->asname = asname;
    p->lineno = lineno;
    p->col_offset = col_offset;
    p->end_lineno = end_lineno;
    p->end_col_offset = end_col_offset;
    return p;
}

OuAst_withitem *OuAst_withitem_New(OuAst_expr *context_expr, OuAst_expr *optional_vars, OuArena *arena)
{
    OuAst_withitem *p = (OuAst_withitem *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->context_expr = context_expr;
    p->optional_vars = optional_vars;
    return p;
}

OuAst_match_case *OuAst_match_case_New(OuAst_pattern *pattern, OuAst_expr *guard, OuAst_seq *body, OuArena *arena)
{
    OuAst_match_case *p = (OuAst_match_case *)OuArena_Malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->pattern = pattern;
    p->guard = guard;
    p->body = body ? body : OuAst_seq_New(0, arena);
    return p;
}

static const char *const stmt_names[] = {
    "?", "FunctionDef", "AsyncFunctionDef", "ClassDef", "Return", "Delete", "Assign", "AugAssign", "AnnAssign", "For", "AsyncFor", "While", "If", "With", "AsyncWith", "Match", "Raise", "Try", "TryStar", "Assert", "Import", "ImportFrom", "Global", "Nonlocal", "Expr", "Pass", "Break", "Continue"
};

const char *OuAst_stmt_name(int kind)
{
    if (kind < 1 || kind >= (int)(sizeof(stmt_names) / sizeof(stmt_names[0])))
        return "?";
    return stmt_names[kind];
}

static const char *const expr_names[] = {
    "?", "BoolOp", "NamedExpr", "BinOp", "UnaryOp", "Lambda", "IfExp", "Dict", "Set", "ListComp", "SetComp", "DictComp", "GeneratorExp", "Await", "Yield", "YieldFrom", "Compare", "Call", "FormattedValue", "JoinedStr", "Constant", "Attribute", "Subscript", "Starred", "Name", "List", "Tuple", "Slice"
};

const char *OuAst_expr_name(int kind)
{
    if (kind < 1 || kind >= (int)(sizeof(expr_names) / sizeof(expr_names[0])))
        return "?";
    return expr_names[kind];
}

static const char *const pattern_names[] = {
    "?", "MatchValue", "MatchSingleton", "MatchSequence", "MatchMapping", "MatchClass", "MatchStar", "MatchAs", "MatchOr"
};

const char *OuAst_pattern_name(int kind)
{
    if (kind < 1 || kind >= (int)(sizeof(pattern_names) / sizeof(pattern_names[0])))
        return "?";
    return pattern_names[kind];
}

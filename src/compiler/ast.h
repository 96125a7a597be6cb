/*
 * ast.h -- the abstract syntax tree, mirroring Python 3.11's `ast` module
 * (Python.asdl) node for node and field for field.
 *
 * The front end (tokenizer, parser, this AST) is plain C and does not touch
 * the object system: literals are kept as raw data (OuAst_constant) and the
 * compiler turns them into objects.
 *
 * Memory: every node, sequence and string reachable from a tree lives in one
 * OuArena and is released all at once by OuArena_Free.
 *
 * Conventions relied on by the compiler:
 *  - Sum types (mod, stmt, expr, excepthandler, pattern, type_ignore) are
 *    structs with `kind` (enum OuAst_<type>_kind, values OuAst_<Ctor>_kind,
 *    starting at 1) and a union `v` with one struct per constructor named
 *    after it (e.g. s->v.FunctionDef.name). stmt/expr/excepthandler/pattern
 *    carry lineno (1-based), col_offset (0-based, UTF-8 bytes), end_lineno,
 *    end_col_offset as CPython reports them.
 *  - Product types (comprehension, arguments, arg, keyword, alias, withitem,
 *    match_case) are plain structs; arg/keyword/alias carry locations too.
 *  - Simple enums (expr_context, boolop, operator, unaryop, cmpop) are plain
 *    C enums OuAst_Load, OuAst_Add, OuAst_Eq, ... starting at 1.
 *  - Sequence fields (`x*` in the ASDL) are OuAst_seq pointers, NEVER NULL
 *    in trees built by the parser (an empty sequence has size 0). Optional
 *    fields (`x?`) are NULL when absent. Identifiers and strings are
 *    NUL-terminated UTF-8 (identifiers NFKC-normalised where non-ASCII).
 *  - Constructors are OuAst_<Ctor>(fields..., [lineno, col_offset,
 *    end_lineno, end_col_offset,] arena) for sum types and
 *    OuAst_<type>_New(fields..., [locations,] arena) for product types.
 *    They return NULL only when the arena cannot allocate; NULL sequence
 *    arguments are replaced by the empty sequence.
 */
#ifndef OU_AST_H
#define OU_AST_H

#include <stddef.h>
#include <stdint.h>
#include "core/object.h"

/* ---- arena ---------------------------------------------------------- */

typedef struct OuArena OuArena;

/* A new empty arena, or NULL when out of memory. */
OuArena *OuArena_New(void);
/* Frees the arena and everything allocated from it (NULL is allowed). */
void OuArena_Free(OuArena *arena);
/* size bytes aligned to 16 (zero-filled), or NULL when out of memory. */
void *OuArena_Malloc(OuArena *arena, size_t size);
/* A NUL-terminated copy of s[0:len] in the arena (NULL when out of memory). */
char *OuArena_Strndup(OuArena *arena, const char *s, size_t len);

/* ---- sequences ------------------------------------------------------ */

typedef struct {
    Ou_ssize_t size;
    void *elements[];
} OuAst_seq;

/* A sequence of `size` NULL elements (size 0 gives a shared empty one). */
OuAst_seq *OuAst_seq_New(Ou_ssize_t size, OuArena *arena);

#define OUAST_SEQ_LEN(s) ((s) == NULL ? (Ou_ssize_t)0 : (s)->size)
#define OUAST_SEQ_GET(s, i) ((s)->elements[(i)])
#define OUAST_SEQ_SET(s, i, v) ((s)->elements[(i)] = (void *)(v))
/* Typed access: OUAST_SEQ_GET_T(OuAst_expr, seq, i) -> OuAst_expr * */
#define OUAST_SEQ_GET_T(type, s, i) ((type *)(s)->elements[(i)])
/* cmpop sequences store the enum value cast to a pointer. */
#define OUAST_SEQ_GET_INT(s, i) ((int)(intptr_t)(s)->elements[(i)])
#define OUAST_SEQ_SET_INT(s, i, v) ((s)->elements[(i)] = (void *)(intptr_t)(v))

/* ---- constants ------------------------------------------------------ */

typedef enum {
    OU_CONST_NONE, OU_CONST_TRUE, OU_CONST_FALSE, OU_CONST_ELLIPSIS,
    OU_CONST_INT,     /* data/len: literal text without '_', prefix kept ("0x1f") */
    OU_CONST_FLOAT,   /* f: the value */
    OU_CONST_COMPLEX, /* f: the imaginary part (real part is 0) */
    OU_CONST_STR,     /* data/len: decoded value in UTF-8; lone surrogates as
                         3-byte sequences ("surrogate-permissive UTF-8") */
    OU_CONST_BYTES    /* data/len: the raw bytes */
} OuAst_constant_kind;

typedef struct OuAst_constant {
    OuAst_constant_kind kind;
    const char *data;   /* NUL-terminated as well (for INT/STR/BYTES) */
    Ou_ssize_t len;
    double f;
} OuAst_constant;

/* ---- simple enums --------------------------------------------------- */

typedef enum {
    OuAst_Load = 1, OuAst_Store, OuAst_Del
} OuAst_expr_context;

typedef enum {
    OuAst_And = 1, OuAst_Or
} OuAst_boolop;

typedef enum {
    OuAst_Add = 1, OuAst_Sub, OuAst_Mult, OuAst_MatMult, OuAst_Div, OuAst_Mod, OuAst_Pow, OuAst_LShift, OuAst_RShift, OuAst_BitOr, OuAst_BitXor, OuAst_BitAnd, OuAst_FloorDiv
} OuAst_operator;

typedef enum {
    OuAst_Invert = 1, OuAst_Not, OuAst_UAdd, OuAst_USub
} OuAst_unaryop;

typedef enum {
    OuAst_Eq = 1, OuAst_NotEq, OuAst_Lt, OuAst_LtE, OuAst_Gt, OuAst_GtE, OuAst_Is, OuAst_IsNot, OuAst_In, OuAst_NotIn
} OuAst_cmpop;


/* ---- node types ----------------------------------------------------- */

typedef struct OuAst_mod OuAst_mod;
typedef struct OuAst_stmt OuAst_stmt;
typedef struct OuAst_expr OuAst_expr;
typedef struct OuAst_excepthandler OuAst_excepthandler;
typedef struct OuAst_pattern OuAst_pattern;
typedef struct OuAst_type_ignore OuAst_type_ignore;
typedef struct OuAst_comprehension OuAst_comprehension;
typedef struct OuAst_arguments OuAst_arguments;
typedef struct OuAst_arg OuAst_arg;
typedef struct OuAst_keyword OuAst_keyword;
typedef struct OuAst_alias OuAst_alias;
typedef struct OuAst_withitem OuAst_withitem;
typedef struct OuAst_match_case OuAst_match_case;

enum OuAst_mod_kind {
    OuAst_Module_kind = 1,
    OuAst_Interactive_kind,
    OuAst_Expression_kind,
    OuAst_FunctionType_kind
};

struct OuAst_mod {
    enum OuAst_mod_kind kind;
    union {
        struct {
            OuAst_seq *body;
            OuAst_seq *type_ignores;
        } Module;
        struct {
            OuAst_seq *body;
        } Interactive;
        struct {
            OuAst_expr *body;
        } Expression;
        struct {
            OuAst_seq *argtypes;
            OuAst_expr *returns;
        } FunctionType;
    } v;
};

enum OuAst_stmt_kind {
    OuAst_FunctionDef_kind = 1,
    OuAst_AsyncFunctionDef_kind,
    OuAst_ClassDef_kind,
    OuAst_Return_kind,
    OuAst_Delete_kind,
    OuAst_Assign_kind,
    OuAst_AugAssign_kind,
    OuAst_AnnAssign_kind,
    OuAst_For_kind,
    OuAst_AsyncFor_kind,
    OuAst_While_kind,
    OuAst_If_kind,
    OuAst_With_kind,
    OuAst_AsyncWith_kind,
    OuAst_Match_kind,
    OuAst_Raise_kind,
    OuAst_Try_kind,
    OuAst_TryStar_kind,
    OuAst_Assert_kind,
    OuAst_Import_kind,
    OuAst_ImportFrom_kind,
    OuAst_Global_kind,
    OuAst_Nonlocal_kind,
    OuAst_Expr_kind,
    OuAst_Pass_kind,
    OuAst_Break_kind,
    OuAst_Continue_kind
};

struct OuAst_stmt {
    enum OuAst_stmt_kind kind;
    union {
        struct {
            const char *name;
            OuAst_arguments *args;
            OuAst_seq *body;
            OuAst_seq *decorator_list;
            OuAst_expr *returns;
            const char *type_comment;
        } FunctionDef;
        struct {
            const char *name;
            OuAst_arguments *args;
            OuAst_seq *body;
            OuAst_seq *decorator_list;
            OuAst_expr *returns;
            const char *type_comment;
        } AsyncFunctionDef;
        struct {
            const char *name;
            OuAst_seq *bases;
            OuAst_seq *keywords;
            OuAst_seq *body;
            OuAst_seq *decorator_list;
        } ClassDef;
        struct {
            OuAst_expr *value;
        } Return;
        struct {
            OuAst_seq *targets;
        } Delete;
        struct {
            OuAst_seq *targets;
            OuAst_expr *value;
            const char *type_comment;
        } Assign;
        struct {
            OuAst_expr *target;
            OuAst_operator op;
            OuAst_expr *value;
        } AugAssign;
        struct {
            OuAst_expr *target;
            OuAst_expr *annotation;
            OuAst_expr *value;
            int simple;
        } AnnAssign;
        struct {
            OuAst_expr *target;
            OuAst_expr *iter;
            OuAst_seq *body;
            OuAst_seq *orelse;
            const char *type_comment;
        } For;
        struct {
            OuAst_expr *target;
            OuAst_expr *iter;
            OuAst_seq *body;
            OuAst_seq *orelse;
            const char *type_comment;
        } AsyncFor;
        struct {
            OuAst_expr *test;
            OuAst_seq *body;
            OuAst_seq *orelse;
        } While;
        struct {
            OuAst_expr *test;
            OuAst_seq *body;
            OuAst_seq *orelse;
        } If;
        struct {
            OuAst_seq *items;
            OuAst_seq *body;
            const char *type_comment;
        } With;
        struct {
            OuAst_seq *items;
            OuAst_seq *body;
            const char *type_comment;
        } AsyncWith;
        struct {
            OuAst_expr *subject;
            OuAst_seq *cases;
        } Match;
        struct {
            OuAst_expr *exc;
            OuAst_expr *cause;
        } Raise;
        struct {
            OuAst_seq *body;
            OuAst_seq *handlers;
            OuAst_seq *orelse;
            OuAst_seq *finalbody;
        } Try;
        struct {
            OuAst_seq *body;
            OuAst_seq *handlers;
            OuAst_seq *orelse;
            OuAst_seq *finalbody;
        } TryStar;
        struct {
            OuAst_expr *test;
            OuAst_expr *msg;
        } Assert;
        struct {
            OuAst_seq *names;
        } Import;
        struct {
            const char *module;
            OuAst_seq *names;
            int level;
        } ImportFrom;
        struct {
            OuAst_seq *names;
        } Global;
        struct {
            OuAst_seq *names;
        } Nonlocal;
        struct {
            OuAst_expr *value;
        } Expr;
        struct { int dummy_; } Pass;
        struct { int dummy_; } Break;
        struct { int dummy_; } Continue;
    } v;
    int lineno, col_offset, end_lineno, end_col_offset;
};

enum OuAst_expr_kind {
    OuAst_BoolOp_kind = 1,
    OuAst_NamedExpr_kind,
    OuAst_BinOp_kind,
    OuAst_UnaryOp_kind,
    OuAst_Lambda_kind,
    OuAst_IfExp_kind,
    OuAst_Dict_kind,
    OuAst_Set_kind,
    OuAst_ListComp_kind,
    OuAst_SetComp_kind,
    OuAst_DictComp_kind,
    OuAst_GeneratorExp_kind,
    OuAst_Await_kind,
    OuAst_Yield_kind,
    OuAst_YieldFrom_kind,
    OuAst_Compare_kind,
    OuAst_Call_kind,
    OuAst_FormattedValue_kind,
    OuAst_JoinedStr_kind,
    OuAst_Constant_kind,
    OuAst_Attribute_kind,
    OuAst_Subscript_kind,
    OuAst_Starred_kind,
    OuAst_Name_kind,
    OuAst_List_kind,
    OuAst_Tuple_kind,
    OuAst_Slice_kind
};

struct OuAst_expr {
    enum OuAst_expr_kind kind;
    union {
        struct {
            OuAst_boolop op;
            OuAst_seq *values;
        } BoolOp;
        struct {
            OuAst_expr *target;
            OuAst_expr *value;
        } NamedExpr;
        struct {
            OuAst_expr *left;
            OuAst_operator op;
            OuAst_expr *right;
        } BinOp;
        struct {
            OuAst_unaryop op;
            OuAst_expr *operand;
        } UnaryOp;
        struct {
            OuAst_arguments *args;
            OuAst_expr *body;
        } Lambda;
        struct {
            OuAst_expr *test;
            OuAst_expr *body;
            OuAst_expr *orelse;
        } IfExp;
        struct {
            OuAst_seq *keys;
            OuAst_seq *values;
        } Dict;
        struct {
            OuAst_seq *elts;
        } Set;
        struct {
            OuAst_expr *elt;
            OuAst_seq *generators;
        } ListComp;
        struct {
            OuAst_expr *elt;
            OuAst_seq *generators;
        } SetComp;
        struct {
            OuAst_expr *key;
            OuAst_expr *value;
            OuAst_seq *generators;
        } DictComp;
        struct {
            OuAst_expr *elt;
            OuAst_seq *generators;
        } GeneratorExp;
        struct {
            OuAst_expr *value;
        } Await;
        struct {
            OuAst_expr *value;
        } Yield;
        struct {
            OuAst_expr *value;
        } YieldFrom;
        struct {
            OuAst_expr *left;
            OuAst_seq *ops;
            OuAst_seq *comparators;
        } Compare;
        struct {
            OuAst_expr *func;
            OuAst_seq *args;
            OuAst_seq *keywords;
        } Call;
        struct {
            OuAst_expr *value;
            int conversion;
            OuAst_expr *format_spec;
        } FormattedValue;
        struct {
            OuAst_seq *values;
        } JoinedStr;
        struct {
            OuAst_constant value;
            const char *kind;
        } Constant;
        struct {
            OuAst_expr *value;
            const char *attr;
            OuAst_expr_context ctx;
        } Attribute;
        struct {
            OuAst_expr *value;
            OuAst_expr *slice;
            OuAst_expr_context ctx;
        } Subscript;
        struct {
            OuAst_expr *value;
            OuAst_expr_context ctx;
        } Starred;
        struct {
            const char *id;
            OuAst_expr_context ctx;
        } Name;
        struct {
            OuAst_seq *elts;
            OuAst_expr_context ctx;
        } List;
        struct {
            OuAst_seq *elts;
            OuAst_expr_context ctx;
        } Tuple;
        struct {
            OuAst_expr *lower;
            OuAst_expr *upper;
            OuAst_expr *step;
        } Slice;
    } v;
    int lineno, col_offset, end_lineno, end_col_offset;
};

enum OuAst_excepthandler_kind {
    OuAst_ExceptHandler_kind = 1
};

struct OuAst_excepthandler {
    enum OuAst_excepthandler_kind kind;
    union {
        struct {
            OuAst_expr *type;
            const char *name;
            OuAst_seq *body;
        } ExceptHandler;
    } v;
    int lineno, col_offset, end_lineno, end_col_offset;
};

enum OuAst_pattern_kind {
    OuAst_MatchValue_kind = 1,
    OuAst_MatchSingleton_kind,
    OuAst_MatchSequence_kind,
    OuAst_MatchMapping_kind,
    OuAst_MatchClass_kind,
    OuAst_MatchStar_kind,
    OuAst_MatchAs_kind,
    OuAst_MatchOr_kind
};

struct OuAst_pattern {
    enum OuAst_pattern_kind kind;
    union {
        struct {
            OuAst_expr *value;
        } MatchValue;
        struct {
            OuAst_constant value;
        } MatchSingleton;
        struct {
            OuAst_seq *patterns;
        } MatchSequence;
        struct {
            OuAst_seq *keys;
            OuAst_seq *patterns;
            const char *rest;
        } MatchMapping;
        struct {
            OuAst_expr *cls;
            OuAst_seq *patterns;
            OuAst_seq *kwd_attrs;
            OuAst_seq *kwd_patterns;
        } MatchClass;
        struct {
            const char *name;
        } MatchStar;
        struct {
            OuAst_pattern *pattern;
            const char *name;
        } MatchAs;
        struct {
            OuAst_seq *patterns;
        } MatchOr;
    } v;
    int lineno, col_offset, end_lineno, end_col_offset;
};

enum OuAst_type_ignore_kind {
    OuAst_TypeIgnore_kind = 1
};

struct OuAst_type_ignore {
    enum OuAst_type_ignore_kind kind;
    union {
        struct {
            int lineno;
            const char *tag;
        } TypeIgnore;
    } v;
};

struct OuAst_comprehension {
    OuAst_expr *target;
    OuAst_expr *iter;
    OuAst_seq *ifs;
    int is_async;
};

struct OuAst_arguments {
    OuAst_seq *posonlyargs;
    OuAst_seq *args;
    OuAst_arg *vararg;
    OuAst_seq *kwonlyargs;
    OuAst_seq *kw_defaults;
    OuAst_arg *kwarg;
    OuAst_seq *defaults;
};

struct OuAst_arg {
    const char *arg;
    OuAst_expr *annotation;
    const char *type_comment;
    int lineno, col_offset, end_lineno, end_col_offset;
};

struct OuAst_keyword {
    const char *arg;
    OuAst_expr *value;
    int lineno, col_offset, end_lineno, end_col_offset;
};

struct OuAst_alias {
    const char *name;
    const char *asname;
    int lineno, col_offset, end_lineno, end_col_offset;
};

struct OuAst_withitem {
    OuAst_expr *context_expr;
    OuAst_expr *optional_vars;
};

struct OuAst_match_case {
    OuAst_pattern *pattern;
    OuAst_expr *guard;
    OuAst_seq *body;
};

/* ---- constructors --------------------------------------------------- */

OuAst_mod *OuAst_Module(OuAst_seq *body, OuAst_seq *type_ignores, OuArena *arena);
OuAst_mod *OuAst_Interactive(OuAst_seq *body, OuArena *arena);
OuAst_mod *OuAst_Expression(OuAst_expr *body, OuArena *arena);
OuAst_mod *OuAst_FunctionType(OuAst_seq *argtypes, OuAst_expr *returns, OuArena *arena);

OuAst_stmt *OuAst_FunctionDef(const char *name, OuAst_arguments *args, OuAst_seq *body, OuAst_seq *decorator_list, OuAst_expr *returns, const char *type_comment, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_AsyncFunctionDef(const char *name, OuAst_arguments *args, OuAst_seq *body, OuAst_seq *decorator_list, OuAst_expr *returns, const char *type_comment, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_ClassDef(const char *name, OuAst_seq *bases, OuAst_seq *keywords, OuAst_seq *body, OuAst_seq *decorator_list, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_Return(OuAst_expr *value, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_Delete(OuAst_seq *targets, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_Assign(OuAst_seq *targets, OuAst_expr *value, const char *type_comment, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_AugAssign(OuAst_expr *target, OuAst_operator op, OuAst_expr *value, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_AnnAssign(OuAst_expr *target, OuAst_expr *annotation, OuAst_expr *value, int simple, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_For(OuAst_expr *target, OuAst_expr *iter, OuAst_seq *body, OuAst_seq *orelse, const char *type_comment, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_AsyncFor(OuAst_expr *target, OuAst_expr *iter, OuAst_seq *body, OuAst_seq *orelse, const char *type_comment, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_While(OuAst_expr *test, OuAst_seq *body, OuAst_seq *orelse, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_If(OuAst_expr *test, OuAst_seq *body, OuAst_seq *orelse, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_With(OuAst_seq *items, OuAst_seq *body, const char *type_comment, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_AsyncWith(OuAst_seq *items, OuAst_seq *body, const char *type_comment, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_Match(OuAst_expr *subject, OuAst_seq *cases, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_Raise(OuAst_expr *exc, OuAst_expr *cause, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_Try(OuAst_seq *body, OuAst_seq *handlers, OuAst_seq *orelse, OuAst_seq *finalbody, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_TryStar(OuAst_seq *body, OuAst_seq *handlers, OuAst_seq *orelse, OuAst_seq *finalbody, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_Assert(OuAst_expr *test, OuAst_expr *msg, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_Import(OuAst_seq *names, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_ImportFrom(const char *module, OuAst_seq *names, int level, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_Global(OuAst_seq *names, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_Nonlocal(OuAst_seq *names, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_Expr(OuAst_expr *value, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_Pass(int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_Break(int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_stmt *OuAst_Continue(int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);

OuAst_expr *OuAst_BoolOp(OuAst_boolop op, OuAst_seq *values, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_NamedExpr(OuAst_expr *target, OuAst_expr *value, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_BinOp(OuAst_expr *left, OuAst_operator op, OuAst_expr *right, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_UnaryOp(OuAst_unaryop op, OuAst_expr *operand, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_Lambda(OuAst_arguments *args, OuAst_expr *body, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_IfExp(OuAst_expr *test, OuAst_expr *body, OuAst_expr *orelse, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_Dict(OuAst_seq *keys, OuAst_seq *values, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_Set(OuAst_seq *elts, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_ListComp(OuAst_expr *elt, OuAst_seq *generators, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_SetComp(OuAst_expr *elt, OuAst_seq *generators, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_DictComp(OuAst_expr *key, OuAst_expr *value, OuAst_seq *generators, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_GeneratorExp(OuAst_expr *elt, OuAst_seq *generators, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_Await(OuAst_expr *value, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_Yield(OuAst_expr *value, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_YieldFrom(OuAst_expr *value, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_Compare(OuAst_expr *left, OuAst_seq *ops, OuAst_seq *comparators, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_Call(OuAst_expr *func, OuAst_seq *args, OuAst_seq *keywords, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_FormattedValue(OuAst_expr *value, int conversion, OuAst_expr *format_spec, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_JoinedStr(OuAst_seq *values, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_Constant(OuAst_constant value, const char *kind, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_Attribute(OuAst_expr *value, const char *attr, OuAst_expr_context ctx, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_Subscript(OuAst_expr *value, OuAst_expr *slice, OuAst_expr_context ctx, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_Starred(OuAst_expr *value, OuAst_expr_context ctx, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_Name(const char *id, OuAst_expr_context ctx, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_List(OuAst_seq *elts, OuAst_expr_context ctx, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_Tuple(OuAst_seq *elts, OuAst_expr_context ctx, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_expr *OuAst_Slice(OuAst_expr *lower, OuAst_expr *upper, OuAst_expr *step, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);

OuAst_excepthandler *OuAst_ExceptHandler(OuAst_expr *type, const char *name, OuAst_seq *body, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);

OuAst_pattern *OuAst_MatchValue(OuAst_expr *value, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_pattern *OuAst_MatchSingleton(OuAst_constant value, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_pattern *OuAst_MatchSequence(OuAst_seq *patterns, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_pattern *OuAst_MatchMapping(OuAst_seq *keys, OuAst_seq *patterns, const char *rest, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_pattern *OuAst_MatchClass(OuAst_expr *cls, OuAst_seq *patterns, OuAst_seq *kwd_attrs, OuAst_seq *kwd_patterns, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_pattern *OuAst_MatchStar(const char *name, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_pattern *OuAst_MatchAs(OuAst_pattern *pattern, const char *name, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_pattern *OuAst_MatchOr(OuAst_seq *patterns, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);

OuAst_type_ignore *OuAst_TypeIgnore(int lineno, const char *tag, OuArena *arena);

OuAst_comprehension *OuAst_comprehension_New(OuAst_expr *target, OuAst_expr *iter, OuAst_seq *ifs, int is_async, OuArena *arena);
OuAst_arguments *OuAst_arguments_New(OuAst_seq *posonlyargs, OuAst_seq *args, OuAst_arg *vararg, OuAst_seq *kwonlyargs, OuAst_seq *kw_defaults, OuAst_arg *kwarg, OuAst_seq *defaults, OuArena *arena);
OuAst_arg *OuAst_arg_New(const char *arg, OuAst_expr *annotation, const char *type_comment, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_keyword *OuAst_keyword_New(const char *arg, OuAst_expr *value, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_alias *OuAst_alias_New(const char *name, const char *asname, int lineno, int col_offset, int end_lineno, int end_col_offset, OuArena *arena);
OuAst_withitem *OuAst_withitem_New(OuAst_expr *context_expr, OuAst_expr *optional_vars, OuArena *arena);
OuAst_match_case *OuAst_match_case_New(OuAst_pattern *pattern, OuAst_expr *guard, OuAst_seq *body, OuArena *arena);

/* ---- helpers -------------------------------------------------------- */

/* Python-level class name of a node kind ("FunctionDef", "Name", ...). */
const char *OuAst_stmt_name(int kind);
const char *OuAst_expr_name(int kind);
const char *OuAst_pattern_name(int kind);

/* ast.dump(tree) text (no attributes, no indent), malloc'd; caller frees.
   NULL when out of memory. Implemented in ast_dump.c. */
char *OuAst_Dump(OuAst_mod *mod);
/* Same with include_attributes (lineno, col_offset, end_lineno,
   end_col_offset) when include_attributes is non-zero. */
char *OuAst_DumpEx(OuAst_mod *mod, int include_attributes);

/* Looks up a Unicode character by name (for "\N{...}" escapes); name is
   not NUL-terminated. Returns 1 and sets *cp when found, 0 otherwise.
   Case-insensitive as unicodedata.lookup; also handles named aliases. */
int ou_unicode_lookup_name(const char *name, size_t len, uint32_t *cp);

#endif /* OU_AST_H */

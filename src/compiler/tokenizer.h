/*
 * tokenizer.h -- Python 3.11 source to tokens.
 *
 * Works on a UTF-8 buffer (a leading BOM is skipped). Tokens are produced on
 * demand by OuTokenizer_Next; each points into the buffer (no copies).
 * Keywords come out as their own token types; soft keywords (match, case,
 * _) stay NAME. Strings (all prefixes, f-strings included) are one STRING
 * token each, undecoded. The first error is recorded in `err` and an
 * OU_TOK_ERRORTOKEN is returned from then on.
 */
#ifndef OU_TOKENIZER_H
#define OU_TOKENIZER_H

#include "compiler/ast.h"

/* Token types. Operators are listed with their spelling for tables. */
#define OU_TOKEN_OPS(X) \
    X(LPAR, "(") X(RPAR, ")") X(LSQB, "[") X(RSQB, "]") X(LBRACE, "{") \
    X(RBRACE, "}") X(COLON, ":") X(COMMA, ",") X(SEMI, ";") X(PLUS, "+") \
    X(MINUS, "-") X(STAR, "*") X(SLASH, "/") X(VBAR, "|") X(AMPER, "&") \
    X(LESS, "<") X(GREATER, ">") X(EQUAL, "=") X(DOT, ".") X(PERCENT, "%") \
    X(EQEQUAL, "==") X(NOTEQUAL, "!=") X(LESSEQUAL, "<=") \
    X(GREATEREQUAL, ">=") X(TILDE, "~") X(CIRCUMFLEX, "^") \
    X(LEFTSHIFT, "<<") X(RIGHTSHIFT, ">>") X(DOUBLESTAR, "**") \
    X(PLUSEQUAL, "+=") X(MINEQUAL, "-=") X(STAREQUAL, "*=") \
    X(SLASHEQUAL, "/=") X(PERCENTEQUAL, "%=") X(AMPEREQUAL, "&=") \
    X(VBAREQUAL, "|=") X(CIRCUMFLEXEQUAL, "^=") X(LEFTSHIFTEQUAL, "<<=") \
    X(RIGHTSHIFTEQUAL, ">>=") X(DOUBLESTAREQUAL, "**=") \
    X(DOUBLESLASH, "//") X(DOUBLESLASHEQUAL, "//=") X(AT, "@") \
    X(ATEQUAL, "@=") X(RARROW, "->") X(ELLIPSIS, "...") \
    X(COLONEQUAL, ":=") X(EXCLAMATION, "!")

/* Hard keywords, in the order of their token types. */
#define OU_TOKEN_KEYWORDS(X) \
    X(FALSE, "False") X(NONE, "None") X(TRUE, "True") X(AND, "and") \
    X(AS, "as") X(ASSERT, "assert") X(ASYNC, "async") X(AWAIT, "await") \
    X(BREAK, "break") X(CLASS, "class") X(CONTINUE, "continue") \
    X(DEF, "def") X(DEL, "del") X(ELIF, "elif") X(ELSE, "else") \
    X(EXCEPT, "except") X(FINALLY, "finally") X(FOR, "for") \
    X(FROM, "from") X(GLOBAL, "global") X(IF, "if") X(IMPORT, "import") \
    X(IN, "in") X(IS, "is") X(LAMBDA, "lambda") X(NONLOCAL, "nonlocal") \
    X(NOT, "not") X(OR, "or") X(PASS, "pass") X(RAISE, "raise") \
    X(RETURN, "return") X(TRY, "try") X(WHILE, "while") X(WITH, "with") \
    X(YIELD, "yield")

enum OuTokenType {
    OU_TOK_ENDMARKER,
    OU_TOK_NAME,
    OU_TOK_NUMBER,
    OU_TOK_STRING,
    OU_TOK_NEWLINE,
    OU_TOK_INDENT,
    OU_TOK_DEDENT,
    OU_TOK_ERRORTOKEN,
#define OU_TOK_ENUM_(name, s) OU_TOK_##name,
    OU_TOKEN_OPS(OU_TOK_ENUM_)
#define OU_KW_ENUM_(name, s) OU_KW_##name,
    OU_TOKEN_KEYWORDS(OU_KW_ENUM_)
#undef OU_TOK_ENUM_
#undef OU_KW_ENUM_
    OU_TOK_COUNT_
};

#define OU_KW_FIRST OU_KW_FALSE
#define OU_KW_LAST OU_KW_YIELD

typedef struct {
    int type;
    int level;                      /* bracket depth before this token */
    const char *start, *end;        /* text in the buffer */
    int lineno, col_offset;         /* 1-based line, 0-based byte column */
    int end_lineno, end_col_offset;
} OuToken;

typedef struct {
    char msg[256];
    int lineno, col_offset;         /* col_offset: 1-based, in characters */
    int end_lineno, end_col_offset; /* 0 when unknown */
    int kind;                       /* 0 SyntaxError, 1 IndentationError, 2 TabError */
} OuParseError;

#define OU_TOK_MAXINDENT 100
#define OU_TOK_MAXLEVEL 200

typedef struct OuTokenizer {
    const char *buf, *cur, *end;
    const char *line_start;         /* start of the current physical line */
    int lineno;
    int at_bol;                     /* at the beginning of a logical line */
    int pending;                    /* >0 INDENTs, <0 DEDENTs to emit */
    int indent;                     /* top index of the indent stacks */
    int indstack[OU_TOK_MAXINDENT + 1];
    int altindstack[OU_TOK_MAXINDENT + 1];
    int level;                      /* bracket depth */
    char parenstack[OU_TOK_MAXLEVEL];
    int parenlineno[OU_TOK_MAXLEVEL];
    int parencol[OU_TOK_MAXLEVEL];
    int cont_line;                  /* previous line ended with a backslash */
    int seen_token;                 /* a token has been produced on this logical line */
    int done;                       /* ENDMARKER produced */
    int interactive;                /* single-input mode */
    int error;                      /* err is filled */
    OuParseError *err;
    int nested;                     /* f-string expression: acts as inside brackets */
    int eof_error;                  /* 1: EOF inside brackets (soft error, ERRORTOKEN) */
    int start_lineno;               /* lineno of the buffer's first line (nested) */
} OuTokenizer;

/* Prepares `tok` to read buf[0:len]; errors go to *err. */
void OuTokenizer_Init(OuTokenizer *tok, const char *buf, Ou_ssize_t len,
                      OuParseError *err);
/* Like OuTokenizer_Init for a piece of a larger buffer (an f-string
   expression): positions are reported as in the larger buffer, where
   buf[0] is on line `lineno`, whose line starts at `line_start`. No
   INDENT/DEDENT/NEWLINE tokens are produced (as inside brackets). */
void OuTokenizer_InitNested(OuTokenizer *tok, const char *buf, Ou_ssize_t len,
                            OuParseError *err, int lineno, const char *line_start);
/* Reads the next token into *t; returns its type. */
int OuTokenizer_Next(OuTokenizer *tok, OuToken *t);
/* Fills *err (kind 0..2) at a byte position; offsets become characters. */
void OuTokenizer_SetError(OuTokenizer *tok, OuParseError *err, int kind,
                          int lineno, const char *line_start, const char *at,
                          int end_lineno, const char *end_line_start,
                          const char *end_at, const char *fmt, ...)
    __attribute__((format(printf, 10, 11)));
/* Number of characters in the UTF-8 text s[0:n]. */
int OuTokenizer_CharCount(const char *s, Ou_ssize_t n);
/* Decodes one UTF-8 code point at s (< end); stores its length in *len
   (1 and returns -1 for an invalid sequence). */
int32_t OuTokenizer_DecodeUTF8(const char *s, const char *end, int *len);
/* Start of the line containing p in the buffer. */
const char *OuTokenizer_LineStart(OuTokenizer *tok, const char *p);
/* Spelling of a token type ("(", "if", "NAME"...). */
const char *OuToken_Name(int type);
/* Whether the code point may start / continue an identifier (PEP 3131). */
int OuTokenizer_IsIdStart(int32_t c);
int OuTokenizer_IsIdContinue(int32_t c);

#endif /* OU_TOKENIZER_H */

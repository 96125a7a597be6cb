/*
 * stdprinter.c -- the text streams behind sys.stdin, sys.stdout and
 * sys.stderr until the _io module exists.
 *
 * Types: OuStdPrinter_Type ("_io.TextIOWrapper" look-alike).
 *
 * A stream wraps a file descriptor with a byte buffer. Text is written as
 * UTF-8 (errors: "strict" for stdout, "backslashreplace" for stderr, as
 * CPython). stdout is line-buffered on a terminal and block-buffered
 * otherwise; stderr is written through at every newline.
 */
#include "core/ouro.h"
#include "modules/modules.h"
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#define STDPRINTER_BUFSIZE 8192

typedef struct {
    OuObject_HEAD
    int fd;
    int line_buffered;       /* flush after a write containing '\n' */
    int closed;
    int backslash_errors;    /* encode lone surrogates as \udxxx */
    const char *name;        /* "<stdout>" */
    const char *mode;        /* "w" or "r" */
    Ou_ssize_t len;          /* bytes pending in buf */
    char buf[STDPRINTER_BUFSIZE];
    char *rbuf;              /* read side: bytes read ahead */
    Ou_ssize_t rlen, rpos, rcap;
} OuStdPrinter;

/* Write all of data to fd, retrying on EINTR; -1 with OSError on failure. */
static int write_all(int fd, const char *data, Ou_ssize_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, data, (size_t)n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            OuErr_SetFromErrno(OuExc_OSError);
            return -1;
        }
        data += w;
        n -= w;
    }
    return 0;
}

/* Write out what is buffered. */
static int printer_flush_buffer(OuStdPrinter *p)
{
    Ou_ssize_t n = p->len;
    p->len = 0;
    if (n > 0 && p->fd >= 0)
        return write_all(p->fd, p->buf, n);
    return 0;
}

/* Append bytes to the buffer, writing through when it fills. */
static int printer_put(OuStdPrinter *p, const char *data, Ou_ssize_t n)
{
    if (p->len + n > STDPRINTER_BUFSIZE) {
        if (printer_flush_buffer(p) < 0)
            return -1;
        if (n > STDPRINTER_BUFSIZE)
            return write_all(p->fd, data, n);
    }
    memcpy(p->buf + p->len, data, (size_t)n);
    p->len += n;
    return 0;
}

/* Append one str as UTF-8; lone surrogates are an error on stdout and
   \udxxx escapes on stderr. */
static int printer_put_str(OuStdPrinter *p, OuObject *s)
{
    Ou_ssize_t n;
    const char *u;
    if (OU_STR_IS_ASCII(s))
        return printer_put(p, (const char *)OU_STR_DATA(s), OU_STR_LEN(s));
    u = OuStr_AsUTF8AndSize(s, &n);
    if (u)
        return printer_put(p, u, n);
    if (!p->backslash_errors)
        return -1;
    OuErr_Clear();
    for (Ou_ssize_t i = 0; i < OU_STR_LEN(s); i++) {
        uint32_t c = OU_STR_CHAR(s, i);
        char tmp[16];
        int k;
        if (c >= 0xD800 && c <= 0xDFFF)
            k = snprintf(tmp, sizeof tmp, "\\u%04x", c);
        else if (c < 0x80) { tmp[0] = (char)c; k = 1; }
        else if (c < 0x800) { tmp[0] = (char)(0xC0 | (c >> 6)); tmp[1] = (char)(0x80 | (c & 0x3F)); k = 2; }
        else if (c < 0x10000) {
            tmp[0] = (char)(0xE0 | (c >> 12)); tmp[1] = (char)(0x80 | ((c >> 6) & 0x3F));
            tmp[2] = (char)(0x80 | (c & 0x3F)); k = 3;
        } else {
            tmp[0] = (char)(0xF0 | (c >> 18)); tmp[1] = (char)(0x80 | ((c >> 12) & 0x3F));
            tmp[2] = (char)(0x80 | ((c >> 6) & 0x3F)); tmp[3] = (char)(0x80 | (c & 0x3F)); k = 4;
        }
        if (printer_put(p, tmp, k) < 0)
            return -1;
    }
    return 0;
}

/* Whether s contains a '\n'. */
static int str_has_newline(OuObject *s)
{
    if (OU_STR_KIND(s) == 1)
        return memchr(OU_STR_DATA(s), '\n', (size_t)OU_STR_LEN(s)) != NULL;
    for (Ou_ssize_t i = 0; i < OU_STR_LEN(s); i++)
        if (OU_STR_CHAR(s, i) == '\n')
            return 1;
    return 0;
}

static int check_open(OuStdPrinter *p)
{
    if (p->closed) {
        OuErr_SetString(OuExc_ValueError, "I/O operation on closed file.");
        return -1;
    }
    return 0;
}

/* write(s) -> number of characters written. */
static OuObject *printer_write(OuObject *self, OuObject *s)
{
    OuStdPrinter *p = (OuStdPrinter *)self;
    if (check_open(p) < 0)
        return NULL;
    if (!OuStr_Check(s))
        return OuErr_Format(OuExc_TypeError, "write() argument must be str, not %T", s);
    if (printer_put_str(p, s) < 0)
        return NULL;
    if (p->line_buffered && OU_STR_LEN(s) > 0) {
        if (str_has_newline(s) && printer_flush_buffer(p) < 0)
            return NULL;
    }
    return OuInt_FromSsize_t(OU_STR_LEN(s));
}

static OuObject *printer_flush(OuObject *self, OuObject *unused)
{
    OuStdPrinter *p = (OuStdPrinter *)self;
    if (check_open(p) < 0)
        return NULL;
    if (printer_flush_buffer(p) < 0)
        return NULL;
    OU_RETURN_NONE;
}

static OuObject *printer_fileno(OuObject *self, OuObject *unused)
{
    return OuInt_FromLong(((OuStdPrinter *)self)->fd);
}

static OuObject *printer_isatty(OuObject *self, OuObject *unused)
{
    return OuBool_FromLong(isatty(((OuStdPrinter *)self)->fd));
}

static OuObject *printer_true(OuObject *self, OuObject *unused) { OU_RETURN_TRUE; }
static OuObject *printer_false(OuObject *self, OuObject *unused) { OU_RETURN_FALSE; }

static OuObject *printer_close(OuObject *self, OuObject *unused)
{
    OuStdPrinter *p = (OuStdPrinter *)self;
    if (!p->closed) {
        if (printer_flush_buffer(p) < 0)
            return NULL;
        p->closed = 1;
    }
    OU_RETURN_NONE;
}

/* Read more bytes into the read-ahead buffer; returns bytes read (0 = EOF). */
static Ou_ssize_t printer_fill(OuStdPrinter *p)
{
    if (p->rpos > 0) {
        memmove(p->rbuf, p->rbuf + p->rpos, (size_t)(p->rlen - p->rpos));
        p->rlen -= p->rpos;
        p->rpos = 0;
    }
    if (p->rlen + 4096 > p->rcap) {
        Ou_ssize_t cap = p->rcap ? p->rcap * 2 : 8192;
        char *nb = Ou_Realloc(p->rbuf, (size_t)cap);
        if (!nb) {
            OuErr_NoMemory();
            return -1;
        }
        p->rbuf = nb;
        p->rcap = cap;
    }
    for (;;) {
        ssize_t r = read(p->fd, p->rbuf + p->rlen, (size_t)(p->rcap - p->rlen));
        if (r < 0 && errno == EINTR) {
            if (OuErr_CheckSignals() < 0)
                return -1;
            continue;
        }
        if (r < 0) {
            OuErr_SetFromErrno(OuExc_OSError);
            return -1;
        }
        p->rlen += r;
        return r;
    }
}

/* readline(): one line including its '\n', "" at end of file. */
static OuObject *printer_readline(OuObject *self, OuObject *unused)
{
    OuStdPrinter *p = (OuStdPrinter *)self;
    if (check_open(p) < 0)
        return NULL;
    for (;;) {
        char *start = p->rbuf ? p->rbuf + p->rpos : NULL;
        char *nl = start ? memchr(start, '\n', (size_t)(p->rlen - p->rpos)) : NULL;
        if (nl) {
            Ou_ssize_t n = nl - start + 1;
            OuObject *s = OuStr_Decode(start, n, "utf-8", "strict");
            p->rpos += n;
            return s;
        }
        Ou_ssize_t r = printer_fill(p);
        if (r < 0)
            return NULL;
        if (r == 0) {
            Ou_ssize_t n = p->rlen - p->rpos;
            OuObject *s = OuStr_Decode(p->rbuf ? p->rbuf + p->rpos : "", n, "utf-8", "strict");
            p->rpos = p->rlen;
            return s;
        }
    }
}

/* read(): everything up to end of file. */
static OuObject *printer_read(OuObject *self, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    OuStdPrinter *p = (OuStdPrinter *)self;
    if (check_open(p) < 0)
        return NULL;
    for (;;) {
        Ou_ssize_t r = printer_fill(p);
        if (r < 0)
            return NULL;
        if (r == 0)
            break;
    }
    OuObject *s = OuStr_Decode(p->rbuf ? p->rbuf + p->rpos : "", p->rlen - p->rpos, "utf-8", "strict");
    p->rpos = p->rlen;
    return s;
}

static OuObject *printer_repr(OuObject *self)
{
    OuStdPrinter *p = (OuStdPrinter *)self;
    return OuStr_FromFormat("<_io.TextIOWrapper name='%s' mode='%s' encoding='utf-8'>", p->name, p->mode);
}

static OuObject *printer_get_encoding(OuObject *self, void *c) { return OuStr_FromUTF8("utf-8"); }
static OuObject *printer_get_errors(OuObject *self, void *c)
{
    return OuStr_FromUTF8(((OuStdPrinter *)self)->backslash_errors ? "backslashreplace" : "strict");
}
static OuObject *printer_get_name(OuObject *self, void *c) { return OuStr_FromUTF8(((OuStdPrinter *)self)->name); }
static OuObject *printer_get_mode(OuObject *self, void *c) { return OuStr_FromUTF8(((OuStdPrinter *)self)->mode); }
static OuObject *printer_get_closed(OuObject *self, void *c) { return OuBool_FromLong(((OuStdPrinter *)self)->closed); }
static OuObject *printer_get_line_buffering(OuObject *self, void *c)
{
    return OuBool_FromLong(((OuStdPrinter *)self)->line_buffered);
}

static void printer_dealloc(OuObject *self)
{
    OuStdPrinter *p = (OuStdPrinter *)self;
    (void)printer_flush_buffer(p);
    Ou_Free(p->rbuf);
    OU_TYPE(self)->tp_free(self);
}

static OuMethodDef printer_methods[] = {
    {"write", (void *)printer_write, OU_METH_O, NULL},
    {"flush", (void *)printer_flush, OU_METH_NOARGS, NULL},
    {"fileno", (void *)printer_fileno, OU_METH_NOARGS, NULL},
    {"isatty", (void *)printer_isatty, OU_METH_NOARGS, NULL},
    {"writable", (void *)printer_true, OU_METH_NOARGS, NULL},
    {"readable", (void *)printer_true, OU_METH_NOARGS, NULL},
    {"seekable", (void *)printer_false, OU_METH_NOARGS, NULL},
    {"close", (void *)printer_close, OU_METH_NOARGS, NULL},
    {"readline", (void *)printer_readline, OU_METH_NOARGS, NULL},
    {"read", (void *)printer_read, OU_METH_FAST, NULL},
    {NULL}
};

static OuGetSetDef printer_getset[] = {
    {"encoding", printer_get_encoding, NULL, NULL, NULL},
    {"errors", printer_get_errors, NULL, NULL, NULL},
    {"name", printer_get_name, NULL, NULL, NULL},
    {"mode", printer_get_mode, NULL, NULL, NULL},
    {"closed", printer_get_closed, NULL, NULL, NULL},
    {"line_buffering", printer_get_line_buffering, NULL, NULL, NULL},
    {NULL}
};

OuTypeObject OuStdPrinter_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "_io.TextIOWrapper",
    .tp_basicsize = sizeof(OuStdPrinter),
    .tp_dealloc = printer_dealloc,
    .tp_repr = printer_repr,
    .tp_methods = printer_methods,
    .tp_getset = printer_getset,
};

/* A new stream on fd. */
OuObject *OuStdPrinter_New(int fd, const char *name, const char *mode, int backslash_errors)
{
    OuStdPrinter *p = (OuStdPrinter *)OuType_GenericAlloc(&OuStdPrinter_Type, 0);
    if (!p)
        return NULL;
    p->fd = fd;
    p->name = name;
    p->mode = mode;
    p->backslash_errors = backslash_errors;
    p->line_buffered = isatty(fd) || fd == 2;
    return (OuObject *)p;
}

/* Flush a stream object if it is one of ours, ignoring errors (at exit). */
void OuStdPrinter_FlushQuietly(OuObject *o)
{
    if (o && OU_TYPE(o) == &OuStdPrinter_Type) {
        if (printer_flush_buffer((OuStdPrinter *)o) < 0)
            OuErr_Clear();
    }
}

void OuStdPrinter_SetUnbuffered(OuObject *o)
{
    if (o && OU_TYPE(o) == &OuStdPrinter_Type)
        ((OuStdPrinter *)o)->line_buffered = 1;
}

/* Fast path for print(): write a str to one of our streams. 1 if handled
   (0 if `stream` is not ours), -1 on error. */
int OuStdPrinter_WriteStr(OuObject *stream, OuObject *s)
{
    if (OU_TYPE(stream) != &OuStdPrinter_Type)
        return 0;
    OuObject *r = printer_write(stream, s);
    if (!r)
        return -1;
    OU_DECREF(r);
    return 1;
}

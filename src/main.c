/*
 * main.c -- the `ouro` command line, following python3's conventions:
 *   ouro [option] ... [-c cmd | -m mod | file | -] [arg] ...
 */
#include "core/ouro.h"
#include "modules/modules.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage_line[] = "usage: %s [option] ... [-c cmd | -m mod | file | -] [arg] ...\n";

static const char help_text[] =
    "Options:\n"
    "-B     : don't write .pyc files on import\n"
    "-c cmd : program passed in as string (terminates option list)\n"
    "-E     : ignore PYTHON* environment variables\n"
    "-h     : print this help message and exit (also -? or --help)\n"
    "-I     : isolate Python from the user's environment (implies -E and -s)\n"
    "-m mod : run library module as a script (terminates option list)\n"
    "-O     : remove assert and __debug__-dependent statements\n"
    "-OO    : do -O changes and also discard docstrings\n"
    "-q     : don't print version and copyright messages on interactive startup\n"
    "-s     : don't add user site directory to sys.path\n"
    "-S     : don't imply 'import site' on initialization\n"
    "-u     : force the stdout and stderr streams to be unbuffered\n"
    "-V     : print the Python version number and exit (also --version)\n"
    "-W arg : warning control\n"
    "-X opt : set implementation-specific option\n"
    "file   : program read from script file\n"
    "-      : program read from stdin (default; interactive mode if a tty)\n"
    "arg ...: arguments passed to program in sys.argv[1:]\n";

typedef struct {
    const char *command;     /* -c */
    const char *module;      /* -m */
    const char *script;      /* file or "-" */
    int first_arg;           /* index in argv of sys.argv[0] */
    int unbuffered;
} Options;

static int usage_error(const char *prog, const char *msg, int c)
{
    fprintf(stderr, msg, c);
    fprintf(stderr, usage_line, prog);
    fprintf(stderr, "Try `%s -h' for more information.\n", prog);
    return 2;
}

/* Parse the options; returns -1 to go on, or an exit status. */
static int parse_options(int argc, char **argv, Options *o)
{
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || strcmp(a, "-") == 0)
            break;
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (strcmp(a, "--version") == 0) {
            printf("Python %s\n", OU_VERSION);
            return 0;
        }
        if (strcmp(a, "--help") == 0) {
            printf(usage_line, argv[0]);
            fputs(help_text, stdout);
            return 0;
        }
        if (a[1] == '-')
            return usage_error(argv[0], "Unknown option: %c\n", a[1]);
        for (const char *p = a + 1; *p; p++) {
            switch (*p) {
            case 'c': case 'm': case 'W': case 'X': {
                const char *val = p[1] ? p + 1 : (i + 1 < argc ? argv[++i] : NULL);
                if (!val)
                    return usage_error(argv[0], "Argument expected for the -%c option\n", *p);
                if (*p == 'c') {
                    o->command = val;
                    o->first_arg = i;
                    return -1;
                }
                if (*p == 'm') {
                    o->module = val;
                    o->first_arg = i;
                    return -1;
                }
                goto next_arg;   /* -W / -X: accepted, ignored for now */
            }
            case 'V':
                printf("Python %s\n", OU_VERSION);
                return 0;
            case 'h': case '?':
                printf(usage_line, argv[0]);
                fputs(help_text, stdout);
                return 0;
            case 'B': OU_RT->dont_write_bytecode = 1; break;
            case 'O': OU_RT->optimize++; break;
            case 'u': o->unbuffered = 1; break;
            case 'I': OU_RT->isolated = 1; break;
            case 'v': OU_RT->verbose++; break;
            case 'i': OU_RT->inspect = 1; break;
            case 'E': case 's': case 'S': case 'q': case 'b': case 'd': case 'R': case 'P':
                break;
            default:
                return usage_error(argv[0], "Unknown option: -%c\n", *p);
            }
        }
    next_arg:;
    }
    if (i < argc) {
        o->script = argv[i];
        o->first_arg = i;
    } else {
        o->first_arg = argc;
    }
    return -1;
}

/* Read all of stdin into a malloc'd string. */
static char *read_stdin(void)
{
    size_t cap = 8192, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t n = fread(buf + len, 1, cap - len - 1, stdin);
        len += n;
        if (n == 0)
            break;
        if (len + 1 >= cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb)
                free(buf);
            buf = nb;
        }
    }
    if (buf)
        buf[len] = '\0';
    return buf;
}

/* The directory part of a script path, "" for a bare file name. */
static char *dir_of(const char *path)
{
    char *d = strdup(path);
    if (!d)
        return NULL;
    char *slash = strrchr(d, '/');
    if (slash)
        *(slash == d ? slash + 1 : slash) = '\0';
    else
        d[0] = '\0';
    return d;
}

static int run(int argc, char **argv, Options *o)
{
    int nargs = argc - o->first_arg;
    char **args = argv + o->first_arg;
    if (o->command) {
        char *a0 = "-c";
        args[0] = a0;
        if (OuSys_SetArgv(nargs, args, "") < 0)
            return Ou_HandleUncaught();
        return Ou_RunString(o->command, "<string>");
    }
    if (o->module) {
        if (OuSys_SetArgv(nargs, args, "") < 0)
            return Ou_HandleUncaught();
        char *file = OuImport_FindModuleFile(o->module);
        if (!file) {
            OuObject *exc = OuErr_GetRaisedException();
            OuObject *s = exc ? OuObject_Str(exc) : NULL;
            const char *m = s ? OuStr_AsUTF8(s) : NULL;
            fprintf(stderr, "%s: Error while finding module specification for '%s' (%s: %s)\n", argv[0],
                    o->module, exc ? OU_TYPE_NAME(exc) : "ImportError", m ? m : "");
            OU_XDECREF(s);
            OU_XDECREF(exc);
            OuErr_Clear();
            return 1;
        }
        OuObject *l = OuSys_GetObject("argv"), *f = OuStr_FromUTF8(file);
        if (l && f && OU_LIST_LEN(l) > 0 && OuList_SetItem(l, 0, f) == 0)
            f = NULL;
        OU_XDECREF(f);
        int r = Ou_RunFile(file);
        free(file);
        return r;
    }
    if (o->script && strcmp(o->script, "-") != 0) {
        char *dir = dir_of(o->script);
        int bad = !dir || OuSys_SetArgv(nargs, args, dir) < 0;
        free(dir);
        if (bad)
            return Ou_HandleUncaught();
        return Ou_RunFile(o->script);
    }
    if (OuSys_SetArgv(nargs > 0 ? nargs : 1, nargs > 0 ? args : (char *[]){""}, "") < 0)
        return Ou_HandleUncaught();
    if (isatty(0) && !o->script)
        fprintf(stderr, "Python %s (Ouro %s): the interactive prompt is not implemented yet; "
                        "reading the program from stdin.\n", OU_VERSION, OURO_VERSION);
    char *src = read_stdin();
    if (!src) {
        fprintf(stderr, "%s: out of memory\n", argv[0]);
        return 1;
    }
    int r = Ou_RunString(src, "<stdin>");
    free(src);
    return r;
}

int main(int argc, char **argv)
{
    Options o = {0};
    int status = parse_options(argc, argv, &o);
    if (status >= 0)
        return status;
    if (Ou_Initialize(argc, argv) < 0) {
        fprintf(stderr, "ouro: fatal error during start-up\n");
        if (OU_TS && OuErr_Occurred())
            OuErr_Print();
        return 1;
    }
    if (o.unbuffered) {
        OuStdPrinter_SetUnbuffered(OuSys_GetObject("stdout"));
        OuStdPrinter_SetUnbuffered(OuSys_GetObject("stderr"));
    }
    status = run(argc, argv, &o);
    Ou_Finalize();
    return status;
}

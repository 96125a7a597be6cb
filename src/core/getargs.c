/*
 * getargs.c -- argument parsing for built-in functions written in C.
 */
#include "core/ouro.h"

/* Index of keyword `k` among names[0..n), or -1. */
static int find_name(const char *const *names, int n, OuObject *k)
{
    for (int i = 0; i < n; i++)
        if (OuStr_EqualToASCII(k, names[i]))
            return i;
    return -1;
}

int OuArg_Parse(const char *fname, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames,
                const char *const *names, int npos_only, int kw_only_start, int nrequired,
                OuObject **out)
{
    int total = 0;
    while (names[total])
        total++;
    int maxpos = kw_only_start >= 0 ? kw_only_start : total;
    for (int i = 0; i < total; i++)
        out[i] = NULL;
    if (nargs > maxpos) {
        if (maxpos == 0)
            OuErr_Format(OuExc_TypeError, "%s() takes no positional arguments", fname);
        else
            OuErr_Format(OuExc_TypeError, "%s() takes %s %d positional argument%s (%zd given)", fname,
                         nrequired == maxpos ? "exactly" : "at most", maxpos, maxpos == 1 ? "" : "s", nargs);
        return -1;
    }
    for (Ou_ssize_t i = 0; i < nargs; i++)
        out[i] = args[i];
    Ou_ssize_t nkw = kwnames ? OU_TUPLE_LEN(kwnames) : 0;
    for (Ou_ssize_t j = 0; j < nkw; j++) {
        OuObject *k = OU_TUPLE_GET(kwnames, j);
        int i = find_name(names, total, k);
        if (i < 0 || i < npos_only) {
            if (i >= 0)
                OuErr_Format(OuExc_TypeError,
                             "%s() got some positional-only arguments passed as keyword arguments: '%U'", fname, k);
            else
                OuErr_Format(OuExc_TypeError, "%s() got an unexpected keyword argument '%U'", fname, k);
            return -1;
        }
        if (out[i]) {
            OuErr_Format(OuExc_TypeError, "argument for %s() given by name ('%s') and position (%d)", fname,
                         names[i], i + 1);
            return -1;
        }
        out[i] = args[nargs + j];
    }
    for (int i = 0; i < nrequired; i++) {
        if (!out[i]) {
            if (i < npos_only || (i < maxpos && nkw == 0))
                OuErr_Format(OuExc_TypeError, "%s() takes %s %d positional argument%s (%zd given)", fname,
                             nrequired == maxpos ? "exactly" : "at least", nrequired, nrequired == 1 ? "" : "s",
                             nargs);
            else
                OuErr_Format(OuExc_TypeError, "%s() missing required argument '%s' (pos %d)", fname, names[i],
                             i + 1);
            return -1;
        }
    }
    return 0;
}

int OuArg_NoKeywords(const char *fname, OuObject *kwnames)
{
    if (kwnames && OU_TUPLE_LEN(kwnames) > 0) {
        OuErr_Format(OuExc_TypeError, "%s() takes no keyword arguments", fname);
        return -1;
    }
    return 0;
}

int OuArg_CheckPositional(const char *fname, Ou_ssize_t nargs, Ou_ssize_t min, Ou_ssize_t max)
{
    if (nargs >= min && nargs <= max)
        return 0;
    if (min == max) {
        if (min == 0)
            OuErr_Format(OuExc_TypeError, "%s() takes no arguments (%zd given)", fname, nargs);
        else if (min == 1)
            OuErr_Format(OuExc_TypeError, "%s() takes exactly one argument (%zd given)", fname, nargs);
        else
            OuErr_Format(OuExc_TypeError, "%s expected %zd arguments, got %zd", fname, min, nargs);
    } else if (nargs < min) {
        OuErr_Format(OuExc_TypeError, "%s expected at least %zd argument%s, got %zd", fname, min,
                     min == 1 ? "" : "s", nargs);
    } else {
        OuErr_Format(OuExc_TypeError, "%s expected at most %zd argument%s, got %zd", fname, max,
                     max == 1 ? "" : "s", nargs);
    }
    return -1;
}

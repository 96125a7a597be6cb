/*
 * strmethods.c -- the methods of str (searching, splitting, joining,
 * stripping, case mapping, padding, predicates, translate, encode).
 * Formatting methods live in strformat.c. No types are defined here; the
 * table ou_str_methods is used by OuStr_Type (strobject.c).
 */
#include "objects/str_internal.h"

#define KIND(o) OU_STR_KIND(o)
#define DATA(o) OU_STR_DATA(o)
#define LEN(o) OU_STR_LEN(o)

/* self as an exact str (new reference). */
static OuObject *str_self(OuObject *self)
{
    return ou_str_exact_copy(self);
}

static int need_str(OuObject *o, const char *prefix)
{
    if (OuStr_Check(o))
        return 0;
    OuErr_Format(OuExc_TypeError, "%smust be str, not %.100s", prefix, OU_TYPE_NAME(o));
    return -1;
}

static inline int is_space(uint32_t c)
{
    return c < 128 ? (ou_ascii_ctype[c] & OU_ASCII_SPACE) != 0 : OuUnicode_IsSpace(c);
}

static inline int is_linebreak(uint32_t c)
{
    if (c < 128)
        return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || (c >= 0x1c && c <= 0x1e);
    return OuUnicode_IsLinebreak(c);
}

/* ------------------------------------------------------------------ */
/* find / rfind / index / rindex / count                               */

enum { MODE_FIND, MODE_INDEX, MODE_COUNT };

static OuObject *find_common(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                             OuObject *kwnames, const char *fname, int dir, int mode)
{
    if (OuArg_NoKeywords(fname, kwnames) < 0 || OuArg_CheckPositional(fname, nargs, 1, 3) < 0)
        return NULL;
    OuObject *sub = args[0];
    if (need_str(sub, "") < 0)
        return NULL;
    Ou_ssize_t len = LEN(self), start, end, m = LEN(sub);
    if (ou_parse_slice_args(nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL, len,
                            &start, &end) < 0)
        return NULL;
    if (mode == MODE_COUNT) {
        if (start > len || end < start || end - start < m)
            return OuInt_FromSsize_t(0);
        const void *nd;
        void *buf;
        int r = ou_str_needle_as(self, sub, &nd, &buf);
        if (r <= 0)
            return r < 0 ? NULL : OuInt_FromSsize_t(0);
        int k = KIND(self);
        Ou_ssize_t c = ou_count(k, (char *)DATA(self) + start * k, end - start, nd, m, -1);
        Ou_Free(buf);
        return OuInt_FromSsize_t(c);
    }
    Ou_ssize_t result = -1;
    if (start <= len && end - start >= m) {
        const void *nd;
        void *buf;
        int r = ou_str_needle_as(self, sub, &nd, &buf);
        if (r < 0)
            return NULL;
        if (r > 0) {
            int k = KIND(self);
            Ou_ssize_t i = ou_search(k, (char *)DATA(self) + start * k, end - start, nd, m, dir);
            if (i >= 0)
                result = i + start;
            Ou_Free(buf);
        }
    }
    if (result < 0 && mode == MODE_INDEX) {
        OuErr_SetString(OuExc_ValueError, "substring not found");
        return NULL;
    }
    return OuInt_FromSsize_t(result);
}

static OuObject *str_find(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return find_common(s, a, n, kw, "find", 1, MODE_FIND); }
static OuObject *str_rfind(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return find_common(s, a, n, kw, "rfind", -1, MODE_FIND); }
static OuObject *str_index(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return find_common(s, a, n, kw, "index", 1, MODE_INDEX); }
static OuObject *str_rindex(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return find_common(s, a, n, kw, "rindex", -1, MODE_INDEX); }
static OuObject *str_count(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return find_common(s, a, n, kw, "count", 1, MODE_COUNT); }

/* ------------------------------------------------------------------ */
/* startswith / endswith                                                */

/* Does self[start:end] start (dir < 0) or end (dir > 0) with sub? */
static int tail_match(OuObject *self, OuObject *sub, Ou_ssize_t start, Ou_ssize_t end, int dir)
{
    Ou_ssize_t len = LEN(self), m = LEN(sub);
    if (start > len)
        return 0;
    if (end - start < m)
        return 0;
    if (m == 0)
        return 1;
    Ou_ssize_t pos = dir < 0 ? start : end - m;
    int k = KIND(self), ks = KIND(sub);
    if (k == ks)
        return memcmp((char *)DATA(self) + pos * k, DATA(sub), (size_t)m * k) == 0;
    if (ks > k)
        return 0;
    for (Ou_ssize_t i = 0; i < m; i++)
        if (OU_STR_READ(k, DATA(self), pos + i) != OU_STR_READ(ks, DATA(sub), i))
            return 0;
    return 1;
}

static OuObject *starts_ends(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                             OuObject *kwnames, const char *fname, int dir)
{
    if (OuArg_NoKeywords(fname, kwnames) < 0 || OuArg_CheckPositional(fname, nargs, 1, 3) < 0)
        return NULL;
    Ou_ssize_t start, end;
    if (ou_parse_slice_args(nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL, LEN(self),
                            &start, &end) < 0)
        return NULL;
    OuObject *x = args[0];
    if (OuTuple_Check(x)) {
        for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(x); i++) {
            OuObject *it = OU_TUPLE_GET(x, i);
            if (!OuStr_Check(it))
                return OuErr_Format(OuExc_TypeError, "tuple for %s must only contain str, not %.100s",
                                    fname, OU_TYPE_NAME(it));
            if (tail_match(self, it, start, end, dir))
                OU_RETURN_TRUE;
        }
        OU_RETURN_FALSE;
    }
    if (!OuStr_Check(x))
        return OuErr_Format(OuExc_TypeError, "%s first arg must be str or a tuple of str, not %.100s",
                            fname, OU_TYPE_NAME(x));
    return OuBool_FromLong(tail_match(self, x, start, end, dir));
}

static OuObject *str_startswith(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return starts_ends(s, a, n, kw, "startswith", -1); }
static OuObject *str_endswith(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return starts_ends(s, a, n, kw, "endswith", 1); }

static OuObject *str_removeprefix(OuObject *self, OuObject *p)
{
    if (!OuStr_Check(p))
        return OuErr_Format(OuExc_TypeError, "removeprefix() argument must be str, not %.100s",
                            OU_TYPE_NAME(p));
    if (tail_match(self, p, 0, LEN(self), -1))
        return OuStr_Substring(self, LEN(p), LEN(self));
    return str_self(self);
}

static OuObject *str_removesuffix(OuObject *self, OuObject *p)
{
    if (!OuStr_Check(p))
        return OuErr_Format(OuExc_TypeError, "removesuffix() argument must be str, not %.100s",
                            OU_TYPE_NAME(p));
    if (LEN(p) && tail_match(self, p, 0, LEN(self), 1))
        return OuStr_Substring(self, 0, LEN(self) - LEN(p));
    return str_self(self);
}

/* ------------------------------------------------------------------ */
/* split / rsplit / splitlines / partition                              */

static int append_piece(OuObject *list, OuObject *s, Ou_ssize_t i, Ou_ssize_t j)
{
    OuObject *piece = OuStr_Substring(s, i, j);
    if (!piece)
        return -1;
    int r = OuList_Append(list, piece);
    OU_DECREF(piece);
    return r;
}

static OuObject *split_whitespace(OuObject *s, Ou_ssize_t maxsplit, int dir)
{
    OuObject *list = OuList_New(0);
    if (!list)
        return NULL;
    Ou_ssize_t n = LEN(s);
    int k = KIND(s);
    const void *d = DATA(s);
    if (maxsplit < 0)
        maxsplit = OU_SSIZE_T_MAX;
    if (dir > 0) {
        Ou_ssize_t i = 0;
        while (1) {
            while (i < n && is_space(OU_STR_READ(k, d, i)))
                i++;
            if (i == n)
                break;
            if (maxsplit-- == 0) {
                while (n > i && is_space(OU_STR_READ(k, d, n - 1)))
                    n--;
                if (append_piece(list, s, i, n) < 0)
                    goto error;
                break;
            }
            Ou_ssize_t j = i;
            while (j < n && !is_space(OU_STR_READ(k, d, j)))
                j++;
            if (i == 0 && j == n && OuStr_CheckExact(s)) {
                if (OuList_Append(list, s) < 0)
                    goto error;
                break;
            }
            if (append_piece(list, s, i, j) < 0)
                goto error;
            i = j;
        }
    } else {
        Ou_ssize_t j = n;
        while (1) {
            while (j > 0 && is_space(OU_STR_READ(k, d, j - 1)))
                j--;
            if (j == 0)
                break;
            if (maxsplit-- == 0) {
                Ou_ssize_t i = 0;
                while (i < j && is_space(OU_STR_READ(k, d, i)))
                    i++;
                if (append_piece(list, s, i, j) < 0)
                    goto error;
                break;
            }
            Ou_ssize_t i = j;
            while (i > 0 && !is_space(OU_STR_READ(k, d, i - 1)))
                i--;
            if (append_piece(list, s, i, j) < 0)
                goto error;
            j = i;
        }
        if (OuList_Reverse(list) < 0)
            goto error;
    }
    return list;
error:
    OU_DECREF(list);
    return NULL;
}

static OuObject *split_sep(OuObject *s, OuObject *sep, Ou_ssize_t maxsplit, int dir)
{
    Ou_ssize_t m = LEN(sep), n = LEN(s);
    if (m == 0) {
        OuErr_SetString(OuExc_ValueError, "empty separator");
        return NULL;
    }
    OuObject *list = OuList_New(0);
    if (!list)
        return NULL;
    if (maxsplit < 0)
        maxsplit = OU_SSIZE_T_MAX;
    const void *nd;
    void *buf;
    int r = ou_str_needle_as(s, sep, &nd, &buf);
    if (r < 0)
        goto error;
    int k = KIND(s);
    const char *d = DATA(s);
    if (dir > 0) {
        Ou_ssize_t i = 0;
        while (r > 0 && maxsplit-- > 0) {
            Ou_ssize_t j = ou_search(k, d + i * k, n - i, nd, m, 1);
            if (j < 0)
                break;
            if (append_piece(list, s, i, i + j) < 0)
                goto error_buf;
            i += j + m;
        }
        if (i == 0 && OuStr_CheckExact(s)) {
            if (OuList_Append(list, s) < 0)
                goto error_buf;
        } else if (append_piece(list, s, i, n) < 0)
            goto error_buf;
    } else {
        Ou_ssize_t j = n;
        while (r > 0 && maxsplit-- > 0) {
            Ou_ssize_t i = ou_search(k, d, j, nd, m, -1);
            if (i < 0)
                break;
            if (append_piece(list, s, i + m, j) < 0)
                goto error_buf;
            j = i;
        }
        if (j == n && OuStr_CheckExact(s)) {
            if (OuList_Append(list, s) < 0)
                goto error_buf;
        } else if (append_piece(list, s, 0, j) < 0)
            goto error_buf;
        if (OuList_Reverse(list) < 0)
            goto error_buf;
    }
    Ou_Free(buf);
    return list;
error_buf:
    Ou_Free(buf);
error:
    OU_DECREF(list);
    return NULL;
}

OuObject *OuStr_Split(OuObject *s, OuObject *sep, Ou_ssize_t maxsplit)
{
    if (!sep || sep == OU_NONE)
        return split_whitespace(s, maxsplit, 1);
    return split_sep(s, sep, maxsplit, 1);
}

static OuObject *split_common(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                              OuObject *kwnames, const char *fname, int dir)
{
    static const char *const names[] = {"sep", "maxsplit", NULL};
    OuObject *a[2];
    if (OuArg_Parse(fname, args, nargs, kwnames, names, 0, -1, 0, a) < 0)
        return NULL;
    Ou_ssize_t maxsplit = -1;
    if (a[1] && ou_ssize_arg(a[1], &maxsplit) < 0)
        return NULL;
    if (!a[0] || a[0] == OU_NONE)
        return split_whitespace(self, maxsplit, dir);
    if (!OuStr_Check(a[0]))
        return OuErr_Format(OuExc_TypeError, "must be str or None, not %.100s", OU_TYPE_NAME(a[0]));
    return split_sep(self, a[0], maxsplit, dir);
}

static OuObject *str_split(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return split_common(s, a, n, kw, "split", 1); }
static OuObject *str_rsplit(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return split_common(s, a, n, kw, "rsplit", -1); }

static OuObject *str_splitlines(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                                OuObject *kwnames)
{
    static const char *const names[] = {"keepends", NULL};
    OuObject *a[1];
    if (OuArg_Parse("splitlines", args, nargs, kwnames, names, 0, -1, 0, a) < 0)
        return NULL;
    int keep = 0;
    if (a[0] && (keep = OuObject_IsTrue(a[0])) < 0)
        return NULL;
    OuObject *list = OuList_New(0);
    if (!list)
        return NULL;
    Ou_ssize_t n = LEN(self), i = 0;
    int k = KIND(self);
    const void *d = DATA(self);
    while (i < n) {
        Ou_ssize_t j = i;
        while (j < n && !is_linebreak(OU_STR_READ(k, d, j)))
            j++;
        Ou_ssize_t eol = j;
        if (j < n) {
            if (OU_STR_READ(k, d, j) == '\r' && j + 1 < n && OU_STR_READ(k, d, j + 1) == '\n')
                j += 2;
            else
                j++;
            if (keep)
                eol = j;
        }
        if (i == 0 && eol == n && OuStr_CheckExact(self)) {
            if (OuList_Append(list, self) < 0)
                goto error;
        } else if (append_piece(list, self, i, eol) < 0)
            goto error;
        i = j;
    }
    return list;
error:
    OU_DECREF(list);
    return NULL;
}

static OuObject *partition_common(OuObject *self, OuObject *sep, int dir)
{
    if (need_str(sep, "") < 0)
        return NULL;
    Ou_ssize_t m = LEN(sep), n = LEN(self);
    if (m == 0) {
        OuErr_SetString(OuExc_ValueError, "empty separator");
        return NULL;
    }
    Ou_ssize_t pos = -1;
    if (m <= n) {
        const void *nd;
        void *buf;
        int r = ou_str_needle_as(self, sep, &nd, &buf);
        if (r < 0)
            return NULL;
        if (r > 0)
            pos = ou_search(KIND(self), DATA(self), n, nd, m, dir);
        Ou_Free(buf);
    }
    OuObject *e = ou_str_empty();
    if (pos < 0) {
        OuObject *me = str_self(self);
        if (!me)
            return NULL;
        OuObject *t = dir > 0 ? OuTuple_Pack(3, me, e, e) : OuTuple_Pack(3, e, e, me);
        OU_DECREF(me);
        return t;
    }
    OuObject *head = OuStr_Substring(self, 0, pos);
    OuObject *tail = OuStr_Substring(self, pos + m, n);
    OuObject *sp = ou_str_exact_copy(sep);
    OuObject *t = NULL;
    if (head && tail && sp)
        t = OuTuple_Pack(3, head, sp, tail);
    OU_XDECREF(head);
    OU_XDECREF(tail);
    OU_XDECREF(sp);
    return t;
}

static OuObject *str_partition(OuObject *s, OuObject *sep) { return partition_common(s, sep, 1); }
static OuObject *str_rpartition(OuObject *s, OuObject *sep) { return partition_common(s, sep, -1); }

/* ------------------------------------------------------------------ */
/* join                                                                 */

OuObject *OuStr_Join(OuObject *sep, OuObject *iterable)
{
    OuObject *seq;
    if (OuList_CheckExact(iterable) || OuTuple_CheckExact(iterable)) {
        seq = OU_NEWREF(iterable);
    } else {
        OuObject *it = OuObject_GetIter(iterable);
        if (!it) {
            if (OuErr_ExceptionMatches(OuExc_TypeError)) {
                OuErr_Clear();
                OuErr_SetString(OuExc_TypeError, "can only join an iterable");
            }
            return NULL;
        }
        seq = OuList_FromIterable(it);
        OU_DECREF(it);
        if (!seq)
            return NULL;
    }
    OuObject **items = OuList_Check(seq) ? OU_LIST_ITEMS(seq) : OU_TUPLE_ITEMS(seq);
    Ou_ssize_t n = OU_SIZE(seq);
    OuObject *result = NULL;
    if (n == 0) {
        result = OU_NEWREF(ou_str_empty());
        goto done;
    }
    if (n == 1 && OuStr_CheckExact(items[0])) {
        result = OU_NEWREF(items[0]);
        goto done;
    }
    Ou_ssize_t seplen = LEN(sep), total = 0;
    uint32_t maxchar = n > 1 ? ou_str_maxclass(sep) : 0;
    for (Ou_ssize_t i = 0; i < n; i++) {
        OuObject *it = items[i];
        if (!OuStr_Check(it)) {
            OuErr_Format(OuExc_TypeError, "sequence item %zd: expected str instance, %.80s found",
                         i, OU_TYPE_NAME(it));
            goto done;
        }
        uint32_t m = ou_str_maxclass(it);
        if (m > maxchar)
            maxchar = m;
        Ou_ssize_t add = LEN(it) + (i ? seplen : 0);
        if (total > OU_SSIZE_T_MAX - add) {
            OuErr_SetString(OuExc_OverflowError, "join() result is too long for a Python string");
            goto done;
        }
        total += add;
    }
    result = OuStr_New(total, maxchar);
    if (!result || total == 0)
        goto done;
    {
        int rk = KIND(result);
        void *rd = DATA(result);
        Ou_ssize_t pos = 0;
        for (Ou_ssize_t i = 0; i < n; i++) {
            if (i && seplen) {
                ou_str_copy_chars(rk, rd, pos, KIND(sep), DATA(sep), 0, seplen);
                pos += seplen;
            }
            OuObject *it = items[i];
            ou_str_copy_chars(rk, rd, pos, KIND(it), DATA(it), 0, LEN(it));
            pos += LEN(it);
        }
    }
done:
    OU_DECREF(seq);
    return result;
}

static OuObject *str_join(OuObject *self, OuObject *iterable)
{
    return OuStr_Join(self, iterable);
}

/* ------------------------------------------------------------------ */
/* strip                                                                */

static int in_chars(OuObject *chars, uint32_t c)
{
    int k = KIND(chars);
    const void *d = DATA(chars);
    for (Ou_ssize_t i = 0; i < LEN(chars); i++)
        if (OU_STR_READ(k, d, i) == c)
            return 1;
    return 0;
}

/* which: 1 left, 2 right, 3 both. */
static OuObject *strip_common(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                              OuObject *kwnames, const char *fname, int which)
{
    if (OuArg_NoKeywords(fname, kwnames) < 0 || OuArg_CheckPositional(fname, nargs, 0, 1) < 0)
        return NULL;
    OuObject *chars = nargs ? args[0] : NULL;
    if (chars == OU_NONE)
        chars = NULL;
    if (chars && !OuStr_Check(chars))
        return OuErr_Format(OuExc_TypeError, "%s arg must be None or str", fname);
    Ou_ssize_t i = 0, j = LEN(self);
    int k = KIND(self);
    const void *d = DATA(self);
    if (which & 1)
        while (i < j && (chars ? in_chars(chars, OU_STR_READ(k, d, i)) : is_space(OU_STR_READ(k, d, i))))
            i++;
    if (which & 2)
        while (j > i && (chars ? in_chars(chars, OU_STR_READ(k, d, j - 1))
                               : is_space(OU_STR_READ(k, d, j - 1))))
            j--;
    return OuStr_Substring(self, i, j);
}

static OuObject *str_strip(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return strip_common(s, a, n, kw, "strip", 3); }
static OuObject *str_lstrip(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return strip_common(s, a, n, kw, "lstrip", 1); }
static OuObject *str_rstrip(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return strip_common(s, a, n, kw, "rstrip", 2); }

/* ------------------------------------------------------------------ */
/* Case mapping                                                         */

enum { CASE_LOWER, CASE_UPPER, CASE_FOLD, CASE_TITLE, CASE_CAPITALIZE, CASE_SWAP };

/* Is the capital sigma at i the end of a word (Unicode Final_Sigma)? */
static int final_sigma(int k, const void *d, Ou_ssize_t n, Ou_ssize_t i)
{
    Ou_ssize_t j = i - 1;
    while (j >= 0 && OuUnicode_IsCaseIgnorable(OU_STR_READ(k, d, j)))
        j--;
    if (j < 0 || !OuUnicode_IsCased(OU_STR_READ(k, d, j)))
        return 0;
    j = i + 1;
    while (j < n && OuUnicode_IsCaseIgnorable(OU_STR_READ(k, d, j)))
        j++;
    return j == n || !OuUnicode_IsCased(OU_STR_READ(k, d, j));
}

static int lower_full(int k, const void *d, Ou_ssize_t n, Ou_ssize_t i, uint32_t c, uint32_t *out)
{
    if (c == 0x3a3) {
        out[0] = final_sigma(k, d, n, i) ? 0x3c2 : 0x3c3;
        return 1;
    }
    return OuUnicode_ToLowerFull(c, out);
}

static OuObject *case_ascii(OuObject *self, int mode)
{
    Ou_ssize_t n = LEN(self);
    OuObject *r = OuStr_New(n, 127);
    if (!r || n == 0)
        return r;
    const uint8_t *s = DATA(self);
    uint8_t *d = DATA(r);
    int prev_cased = 0;
    for (Ou_ssize_t i = 0; i < n; i++) {
        uint8_t c = s[i];
        int up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z';
        switch (mode) {
        case CASE_LOWER: case CASE_FOLD: d[i] = up ? c + 32 : c; break;
        case CASE_UPPER: d[i] = lo ? c - 32 : c; break;
        case CASE_SWAP: d[i] = up ? c + 32 : lo ? c - 32 : c; break;
        case CASE_CAPITALIZE: d[i] = i == 0 ? (lo ? c - 32 : c) : (up ? c + 32 : c); break;
        default: /* title */
            d[i] = prev_cased ? (up ? c + 32 : c) : (lo ? c - 32 : c);
            prev_cased = up || lo;
            break;
        }
    }
    return r;
}

static OuObject *case_map(OuObject *self, int mode)
{
    if (OU_STR_IS_ASCII(self))
        return case_ascii(self, mode);
    Ou_ssize_t n = LEN(self);
    int k = KIND(self);
    const void *d = DATA(self);
    OuStrBuilder b;
    OuStrBuilder_Init(&b);
    if (ou_builder_prepare(&b, n, ou_str_maxclass(self)) < 0)
        return NULL;
    uint32_t out[4];
    int prev_cased = 0;
    for (Ou_ssize_t i = 0; i < n; i++) {
        uint32_t c = OU_STR_READ(k, d, i);
        int cnt;
        switch (mode) {
        case CASE_LOWER: cnt = lower_full(k, d, n, i, c, out); break;
        case CASE_UPPER: cnt = OuUnicode_ToUpperFull(c, out); break;
        case CASE_FOLD: cnt = OuUnicode_ToFoldedFull(c, out); break;
        case CASE_SWAP:
            if (OuUnicode_IsUpper(c))
                cnt = lower_full(k, d, n, i, c, out);
            else if (OuUnicode_IsLower(c))
                cnt = OuUnicode_ToUpperFull(c, out);
            else
                out[0] = c, cnt = 1;
            break;
        case CASE_CAPITALIZE:
            cnt = i == 0 ? OuUnicode_ToTitleFull(c, out) : lower_full(k, d, n, i, c, out);
            break;
        default:
            cnt = prev_cased ? lower_full(k, d, n, i, c, out) : OuUnicode_ToTitleFull(c, out);
            prev_cased = OuUnicode_IsCased(c);
            break;
        }
        for (int j = 0; j < cnt; j++)
            if (OuStrBuilder_AppendChar(&b, out[j]) < 0) {
                OuStrBuilder_Discard(&b);
                return NULL;
            }
    }
    return OuStrBuilder_Finish(&b);
}

OuObject *OuStr_Lower(OuObject *s) { return case_map(s, CASE_LOWER); }
OuObject *OuStr_Upper(OuObject *s) { return case_map(s, CASE_UPPER); }
static OuObject *str_lower(OuObject *s, OuObject *u) { return case_map(s, CASE_LOWER); }
static OuObject *str_upper(OuObject *s, OuObject *u) { return case_map(s, CASE_UPPER); }
static OuObject *str_casefold(OuObject *s, OuObject *u) { return case_map(s, CASE_FOLD); }
static OuObject *str_title(OuObject *s, OuObject *u) { return case_map(s, CASE_TITLE); }
static OuObject *str_capitalize(OuObject *s, OuObject *u) { return case_map(s, CASE_CAPITALIZE); }
static OuObject *str_swapcase(OuObject *s, OuObject *u) { return case_map(s, CASE_SWAP); }

/* ------------------------------------------------------------------ */
/* Predicates                                                           */

#define PRED(name, test)                                                    \
    static OuObject *str_##name(OuObject *self, OuObject *unused)           \
    {                                                                       \
        Ou_ssize_t n = LEN(self);                                           \
        int k = KIND(self);                                                 \
        const void *d = DATA(self);                                         \
        if (n == 0)                                                         \
            OU_RETURN_FALSE;                                                \
        for (Ou_ssize_t i = 0; i < n; i++) {                                \
            uint32_t c = OU_STR_READ(k, d, i);                              \
            if (!(test))                                                    \
                OU_RETURN_FALSE;                                            \
        }                                                                   \
        OU_RETURN_TRUE;                                                     \
    }
PRED(isspace, is_space(c))
PRED(isalpha, c < 128 ? OU_ASCII_IS(c, OU_ASCII_ALPHA) : OuUnicode_IsAlpha(c))
PRED(isalnum, c < 128 ? OU_ASCII_IS(c, OU_ASCII_ALNUM) : OuUnicode_IsAlnum(c))
PRED(isdecimal, c < 128 ? OU_ASCII_IS(c, OU_ASCII_DIGIT) : OuUnicode_IsDecimal(c))
PRED(isdigit, c < 128 ? OU_ASCII_IS(c, OU_ASCII_DIGIT) : OuUnicode_IsDigit(c))
PRED(isnumeric, c < 128 ? OU_ASCII_IS(c, OU_ASCII_DIGIT) : OuUnicode_IsNumeric(c))

static OuObject *str_isascii(OuObject *self, OuObject *unused)
{
    return OuBool_FromLong(OU_STR_IS_ASCII(self));
}

static OuObject *str_isprintable(OuObject *self, OuObject *unused)
{
    Ou_ssize_t n = LEN(self);
    int k = KIND(self);
    for (Ou_ssize_t i = 0; i < n; i++)
        if (!OuUnicode_IsPrintable(OU_STR_READ(k, DATA(self), i)))
            OU_RETURN_FALSE;
    OU_RETURN_TRUE;
}

static OuObject *str_islower(OuObject *self, OuObject *unused)
{
    int cased = 0, k = KIND(self);
    for (Ou_ssize_t i = 0; i < LEN(self); i++) {
        uint32_t c = OU_STR_READ(k, DATA(self), i);
        if (OuUnicode_IsUpper(c) || OuUnicode_IsTitle(c))
            OU_RETURN_FALSE;
        if (!cased && OuUnicode_IsLower(c))
            cased = 1;
    }
    return OuBool_FromLong(cased);
}

static OuObject *str_isupper(OuObject *self, OuObject *unused)
{
    int cased = 0, k = KIND(self);
    for (Ou_ssize_t i = 0; i < LEN(self); i++) {
        uint32_t c = OU_STR_READ(k, DATA(self), i);
        if (OuUnicode_IsLower(c) || OuUnicode_IsTitle(c))
            OU_RETURN_FALSE;
        if (!cased && OuUnicode_IsUpper(c))
            cased = 1;
    }
    return OuBool_FromLong(cased);
}

static OuObject *str_istitle(OuObject *self, OuObject *unused)
{
    int cased = 0, prev_cased = 0, k = KIND(self);
    for (Ou_ssize_t i = 0; i < LEN(self); i++) {
        uint32_t c = OU_STR_READ(k, DATA(self), i);
        if (OuUnicode_IsUpper(c) || OuUnicode_IsTitle(c)) {
            if (prev_cased)
                OU_RETURN_FALSE;
            prev_cased = cased = 1;
        } else if (OuUnicode_IsLower(c)) {
            if (!prev_cased)
                OU_RETURN_FALSE;
            prev_cased = cased = 1;
        } else {
            prev_cased = 0;
        }
    }
    return OuBool_FromLong(cased);
}

int OuStr_IsIdentifier(OuObject *s)
{
    Ou_ssize_t n = LEN(s);
    int k = KIND(s);
    if (n == 0)
        return 0;
    uint32_t c = OU_STR_READ(k, DATA(s), 0);
    if (!(c < 128 ? OU_ASCII_IS(c, OU_ASCII_IDSTART) : OuUnicode_IsXIDStart(c)))
        return 0;
    for (Ou_ssize_t i = 1; i < n; i++) {
        c = OU_STR_READ(k, DATA(s), i);
        if (!(c < 128 ? OU_ASCII_IS(c, OU_ASCII_IDSTART | OU_ASCII_DIGIT) : OuUnicode_IsXIDContinue(c)))
            return 0;
    }
    return 1;
}

static OuObject *str_isidentifier(OuObject *self, OuObject *unused)
{
    return OuBool_FromLong(OuStr_IsIdentifier(self));
}

/* ------------------------------------------------------------------ */
/* Padding                                                              */

static OuObject *pad(OuObject *self, Ou_ssize_t left, Ou_ssize_t right, uint32_t fill)
{
    if (left < 0) left = 0;
    if (right < 0) right = 0;
    if (left == 0 && right == 0)
        return str_self(self);
    Ou_ssize_t n = LEN(self);
    if (left > OU_SSIZE_T_MAX - n - right) {
        OuErr_SetString(OuExc_OverflowError, "padded string is too long");
        return NULL;
    }
    uint32_t m = ou_str_maxclass(self);
    OuObject *r = OuStr_New(left + n + right, fill > m ? fill : m);
    if (!r)
        return NULL;
    int k = KIND(r);
    void *d = DATA(r);
    for (Ou_ssize_t i = 0; i < left; i++)
        OU_STR_WRITE(k, d, i, fill);
    ou_str_copy_chars(k, d, left, KIND(self), DATA(self), 0, n);
    for (Ou_ssize_t i = 0; i < right; i++)
        OU_STR_WRITE(k, d, left + n + i, fill);
    return r;
}

/* align: 'l' ljust, 'r' rjust, 'c' center. */
static OuObject *pad_common(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                            OuObject *kwnames, const char *fname, char align)
{
    if (OuArg_NoKeywords(fname, kwnames) < 0 || OuArg_CheckPositional(fname, nargs, 1, 2) < 0)
        return NULL;
    Ou_ssize_t width;
    if (ou_ssize_arg(args[0], &width) < 0)
        return NULL;
    uint32_t fill = ' ';
    if (nargs > 1) {
        OuObject *f = args[1];
        if (!OuStr_Check(f))
            return OuErr_Format(OuExc_TypeError,
                                "The fill character must be a unicode character, not %.100s",
                                OU_TYPE_NAME(f));
        if (LEN(f) != 1) {
            OuErr_SetString(OuExc_TypeError, "The fill character must be exactly one character long");
            return NULL;
        }
        fill = OU_STR_CHAR(f, 0);
    }
    Ou_ssize_t n = LEN(self);
    if (width <= n)
        return str_self(self);
    Ou_ssize_t total = width - n;
    if (align == 'l')
        return pad(self, 0, total, fill);
    if (align == 'r')
        return pad(self, total, 0, fill);
    Ou_ssize_t left = total / 2 + (total & width & 1);
    return pad(self, left, total - left, fill);
}

static OuObject *str_ljust(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return pad_common(s, a, n, kw, "ljust", 'l'); }
static OuObject *str_rjust(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return pad_common(s, a, n, kw, "rjust", 'r'); }
static OuObject *str_center(OuObject *s, OuObject *const *a, Ou_ssize_t n, OuObject *kw)
{ return pad_common(s, a, n, kw, "center", 'c'); }

static OuObject *str_zfill(OuObject *self, OuObject *arg)
{
    Ou_ssize_t width;
    if (ou_ssize_arg(arg, &width) < 0)
        return NULL;
    Ou_ssize_t n = LEN(self);
    if (width <= n)
        return str_self(self);
    OuObject *r = pad(self, width - n, 0, '0');
    if (!r)
        return NULL;
    int k = KIND(r);
    uint32_t c = OU_STR_READ(k, DATA(r), width - n);
    if (c == '+' || c == '-') {
        OU_STR_WRITE(k, DATA(r), 0, c);
        OU_STR_WRITE(k, DATA(r), width - n, '0');
    }
    return r;
}

static OuObject *str_expandtabs(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                                OuObject *kwnames)
{
    static const char *const names[] = {"tabsize", NULL};
    OuObject *a[1];
    if (OuArg_Parse("expandtabs", args, nargs, kwnames, names, 0, -1, 0, a) < 0)
        return NULL;
    Ou_ssize_t tab = 8;
    if (a[0] && ou_ssize_arg(a[0], &tab) < 0)
        return NULL;
    Ou_ssize_t n = LEN(self);
    int k = KIND(self);
    const void *d = DATA(self);
    if (ou_search(k, d, n, k == 1 ? (const void *)"\t" : k == 2 ? (const void *)u"\t"
                                                          : (const void *)U"\t", 1, 1) < 0)
        return str_self(self);
    OuStrBuilder b;
    OuStrBuilder_Init(&b);
    Ou_ssize_t col = 0;
    for (Ou_ssize_t i = 0; i < n; i++) {
        uint32_t c = OU_STR_READ(k, d, i);
        if (c == '\t') {
            if (tab > 0) {
                Ou_ssize_t sp = tab - col % tab;
                col += sp;
                while (sp--)
                    if (OuStrBuilder_AppendChar(&b, ' ') < 0)
                        goto error;
            }
        } else {
            col++;
            if (OuStrBuilder_AppendChar(&b, c) < 0)
                goto error;
            if (c == '\n' || c == '\r')
                col = 0;
        }
    }
    return OuStrBuilder_Finish(&b);
error:
    OuStrBuilder_Discard(&b);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* replace                                                              */

static OuObject *str_replace(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                             OuObject *kwnames)
{
    if (OuArg_NoKeywords("replace", kwnames) < 0 || OuArg_CheckPositional("replace", nargs, 2, 3) < 0)
        return NULL;
    OuObject *old = args[0], *new = args[1];
    if (need_str(old, "replace() argument 1 ") < 0 || need_str(new, "replace() argument 2 ") < 0)
        return NULL;
    Ou_ssize_t maxcount = -1;
    if (nargs > 2 && ou_ssize_arg(args[2], &maxcount) < 0)
        return NULL;
    if (maxcount < 0)
        maxcount = OU_SSIZE_T_MAX;
    Ou_ssize_t n = LEN(self), m = LEN(old), r = LEN(new);
    if (maxcount == 0 || m > n)
        return str_self(self);
    const void *nd;
    void *buf;
    int ok = ou_str_needle_as(self, old, &nd, &buf);
    if (ok <= 0)
        return ok < 0 ? NULL : str_self(self);
    int k = KIND(self);
    const char *d = DATA(self);
    Ou_ssize_t cnt = ou_count(k, d, n, nd, m, maxcount);
    if (cnt == 0) {
        Ou_Free(buf);
        return str_self(self);
    }
    if (r > m && cnt > (OU_SSIZE_T_MAX - n) / (r - m)) {
        Ou_Free(buf);
        OuErr_SetString(OuExc_OverflowError, "replace string is too long");
        return NULL;
    }
    Ou_ssize_t total = n + cnt * (r - m);
    uint32_t ms = ou_str_maxclass(self), mn = ou_str_maxclass(new);
    OuObject *res = OuStr_New(total, ms > mn ? ms : mn);
    if (!res || total == 0) {
        Ou_Free(buf);
        return res;
    }
    int rk = KIND(res);
    void *rd = DATA(res);
    Ou_ssize_t i = 0, o = 0;
    if (m == 0) {
        for (Ou_ssize_t c = 0; c < cnt; c++) {
            ou_str_copy_chars(rk, rd, o, KIND(new), DATA(new), 0, r);
            o += r;
            if (i < n) {
                ou_str_copy_chars(rk, rd, o, k, d, i, 1);
                o++, i++;
            }
        }
    } else {
        for (Ou_ssize_t c = 0; c < cnt; c++) {
            Ou_ssize_t j = ou_search(k, d + i * k, n - i, nd, m, 1) + i;
            ou_str_copy_chars(rk, rd, o, k, d, i, j - i);
            o += j - i;
            ou_str_copy_chars(rk, rd, o, KIND(new), DATA(new), 0, r);
            o += r;
            i = j + m;
        }
    }
    ou_str_copy_chars(rk, rd, o, k, d, i, n - i);
    Ou_Free(buf);
    /* removing the widest characters can make the result narrower */
    if (rk == 1) {
        if (!OU_STR_IS_ASCII(res))
            ou_str_fix_ascii(res);
    } else if (ou_str_maxchar(rk, rd, total) < (rk == 2 ? 256u : 65536u)) {
        OuObject *narrow = OuStr_FromKindAndData(rk, rd, total);
        OU_DECREF(res);
        res = narrow;
    }
    return res;
}

/* ------------------------------------------------------------------ */
/* translate / maketrans                                                */

static OuObject *str_translate(OuObject *self, OuObject *table)
{
    Ou_ssize_t n = LEN(self);
    int k = KIND(self);
    const void *d = DATA(self);
    OuStrBuilder b;
    OuStrBuilder_Init(&b);
    OuObject *cache[128] = {0};   /* per ASCII char: mapped value, or self for "unmapped" */
    OuObject *result = NULL;
    for (Ou_ssize_t i = 0; i < n; i++) {
        uint32_t c = OU_STR_READ(k, d, i);
        OuObject *v;
        int owned = 0;
        if (c < 128 && cache[c]) {
            v = cache[c];
        } else {
            OuObject *key = OuInt_FromLong((long)c);
            if (!key)
                goto done;
            v = OuObject_GetItem(table, key);
            OU_DECREF(key);
            if (!v) {
                if (!OuErr_ExceptionMatches(OuExc_LookupError))
                    goto done;
                OuErr_Clear();
                v = OU_NEWREF(self);
            }
            if (v != self && v != OU_NONE && !OuInt_Check(v) && !OuStr_Check(v)) {
                OU_DECREF(v);
                OuErr_SetString(OuExc_TypeError, "character mapping must return integer, None or str");
                goto done;
            }
            if (c < 128)
                cache[c] = v;     /* the cache owns the reference */
            else
                owned = 1;
        }
        int r = 0;
        if (v == self) {
            r = OuStrBuilder_AppendChar(&b, c);
        } else if (v == OU_NONE) {
            r = 0;
        } else if (OuInt_Check(v)) {
            long x = OuInt_AsLong(v);
            if (x == -1 && OuErr_Occurred())
                r = -1;
            else if (x < 0 || x > 0x10ffff) {
                OuErr_SetString(OuExc_ValueError, "character mapping must be in range(0x110000)");
                r = -1;
            } else
                r = OuStrBuilder_AppendChar(&b, (uint32_t)x);
        } else {
            r = OuStrBuilder_AppendStr(&b, v);
        }
        if (owned)
            OU_DECREF(v);
        if (r < 0)
            goto done;
    }
    result = OuStrBuilder_Finish(&b);
    b.data = NULL;
done:
    if (!result)
        OuStrBuilder_Discard(&b);
    for (int i = 0; i < 128; i++)
        OU_XDECREF(cache[i]);
    return result;
}

static OuObject *str_maketrans(OuObject *unused, OuObject *const *args, Ou_ssize_t nargs,
                               OuObject *kwnames)
{
    if (OuArg_NoKeywords("maketrans", kwnames) < 0 || OuArg_CheckPositional("maketrans", nargs, 1, 3) < 0)
        return NULL;
    OuObject *x = args[0], *y = nargs > 1 ? args[1] : NULL, *z = nargs > 2 ? args[2] : NULL;
    OuObject *d = OuDict_New();
    if (!d)
        return NULL;
    if (!y) {
        if (!OuDict_Check(x)) {
            OuErr_SetString(OuExc_TypeError,
                            "if you give only one argument to maketrans it must be a dict");
            goto error;
        }
        Ou_ssize_t pos = 0;
        OuObject *key, *val;
        while (OuDict_Next(x, &pos, &key, &val)) {
            if (OuStr_Check(key)) {
                if (LEN(key) != 1) {
                    OuErr_SetString(OuExc_ValueError, "string keys in translate table must be of length 1");
                    goto error;
                }
                OuObject *ik = OuInt_FromLong((long)OU_STR_CHAR(key, 0));
                if (!ik)
                    goto error;
                int r = OuDict_SetItem(d, ik, val);
                OU_DECREF(ik);
                if (r < 0)
                    goto error;
            } else if (OuInt_Check(key)) {
                if (OuDict_SetItem(d, key, val) < 0)
                    goto error;
            } else {
                OuErr_SetString(OuExc_TypeError, "keys in translate table must be strings or integers");
                goto error;
            }
        }
        return d;
    }
    if (!OuStr_Check(x)) {
        OuErr_SetString(OuExc_TypeError, "first maketrans argument must be a string if there is a second argument");
        goto error;
    }
    if (!OuStr_Check(y)) {
        OuErr_Format(OuExc_TypeError, "maketrans() argument 2 must be str, not %.100s", OU_TYPE_NAME(y));
        goto error;
    }
    if (z && !OuStr_Check(z)) {
        OuErr_Format(OuExc_TypeError, "maketrans() argument 3 must be str, not %.100s", OU_TYPE_NAME(z));
        goto error;
    }
    if (LEN(x) != LEN(y)) {
        OuErr_SetString(OuExc_ValueError, "the first two maketrans arguments must have equal length");
        goto error;
    }
    for (Ou_ssize_t i = 0; i < LEN(x); i++) {
        OuObject *a = OuInt_FromLong((long)OU_STR_CHAR(x, i));
        OuObject *b = OuInt_FromLong((long)OU_STR_CHAR(y, i));
        int r = (a && b) ? OuDict_SetItem(d, a, b) : -1;
        OU_XDECREF(a);
        OU_XDECREF(b);
        if (r < 0)
            goto error;
    }
    for (Ou_ssize_t i = 0; z && i < LEN(z); i++) {
        OuObject *a = OuInt_FromLong((long)OU_STR_CHAR(z, i));
        int r = a ? OuDict_SetItem(d, a, OU_NONE) : -1;
        OU_XDECREF(a);
        if (r < 0)
            goto error;
    }
    return d;
error:
    OU_DECREF(d);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* encode, misc dunders                                                 */

static OuObject *str_encode(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                            OuObject *kwnames)
{
    static const char *const names[] = {"encoding", "errors", NULL};
    OuObject *a[2];
    if (OuArg_Parse("encode", args, nargs, kwnames, names, 0, -1, 0, a) < 0)
        return NULL;
    const char *enc = NULL, *err = NULL;
    for (int i = 0; i < 2; i++) {
        if (!a[i])
            continue;
        if (!OuStr_Check(a[i]))
            return OuErr_Format(OuExc_TypeError, "encode() argument '%s' must be str, not %.100s",
                                names[i], OU_TYPE_NAME(a[i]));
        const char *v = OuStr_AsUTF8(a[i]);
        if (!v)
            return NULL;
        if (i == 0) enc = v; else err = v;
    }
    return OuStr_Encode(self, enc, err);
}

static OuObject *str_sizeof(OuObject *self, OuObject *unused)
{
    OuStrObject *s = (OuStrObject *)self;
    Ou_ssize_t size = s->ascii ? 48 : 72;
    size += (s->length + 1) * s->kind;
    if (!s->ascii && s->utf8)
        size += s->utf8_length + 1;
    return OuInt_FromSsize_t(size);
}

static OuObject *str_getnewargs(OuObject *self, OuObject *unused)
{
    OuObject *c = ou_str_exact_copy(self);
    if (!c)
        return NULL;
    OuObject *t = OuTuple_Pack(1, c);
    OU_DECREF(c);
    return t;
}

#define FAST(name) {#name, (void *)str_##name, OU_METH_FAST, NULL}
#define ONE(name) {#name, (void *)str_##name, OU_METH_O, NULL}
#define NOARGS(name) {#name, (void *)str_##name, OU_METH_NOARGS, NULL}

OuMethodDef ou_str_methods[] = {
    FAST(encode), FAST(replace), FAST(split), FAST(rsplit), ONE(join),
    NOARGS(capitalize), NOARGS(casefold), NOARGS(title), FAST(center), FAST(count),
    FAST(expandtabs), FAST(find), ONE(partition), FAST(index), FAST(ljust), NOARGS(lower),
    FAST(lstrip), FAST(rfind), FAST(rindex), FAST(rjust), FAST(rstrip), ONE(rpartition),
    FAST(splitlines), FAST(strip), NOARGS(swapcase), ONE(translate), NOARGS(upper),
    FAST(startswith), FAST(endswith), ONE(removeprefix), ONE(removesuffix),
    NOARGS(isascii), NOARGS(islower), NOARGS(isupper), NOARGS(istitle), NOARGS(isspace),
    NOARGS(isdecimal), NOARGS(isdigit), NOARGS(isnumeric), NOARGS(isalpha), NOARGS(isalnum),
    NOARGS(isidentifier), NOARGS(isprintable), ONE(zfill),
    {"format", (void *)ou_str_format_method, OU_METH_FAST, NULL},
    {"format_map", (void *)ou_str_format_map, OU_METH_O, NULL},
    {"__format__", (void *)ou_str_dunder_format, OU_METH_O, NULL},
    {"maketrans", (void *)str_maketrans, OU_METH_FAST | OU_METH_STATIC, NULL},
    {"__sizeof__", (void *)str_sizeof, OU_METH_NOARGS, NULL},
    {"__getnewargs__", (void *)str_getnewargs, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

/*
 * strformat.c -- formatting of str: the format-spec mini-language parser
 * (shared with the numeric types through OuFormatSpec_Parse), str.__format__,
 * str.format / str.format_map, and printf-style `str % args`.
 * No types are defined here.
 */
#include <stdio.h>
#include "objects/str_internal.h"

#define RD(s, i) OU_STR_CHAR(s, i)

/* ------------------------------------------------------------------ */
/* The format-spec mini-language.                                       */

static int is_align(uint32_t c)
{
    return c == '<' || c == '>' || c == '=' || c == '^';
}

/* Parse spec into out; typename is for the error messages. */
static int parse_spec(OuObject *spec, OuFormatSpec *out, const char *typename)
{
    Ou_ssize_t n = OU_STR_LEN(spec), i = 0;
    out->fill = ' ';
    out->align = out->sign = out->no_neg_zero = out->alternate = out->zero = 0;
    out->width = out->precision = -1;
    out->thousands = 0;
    out->type = 0;
    int fill_given = 0;
    if (n >= 2 && is_align(RD(spec, 1))) {
        out->fill = RD(spec, 0);
        out->align = (char)RD(spec, 1);
        fill_given = 1;
        i = 2;
    } else if (n >= 1 && is_align(RD(spec, 0))) {
        out->align = (char)RD(spec, 0);
        i = 1;
    }
    if (i < n && (RD(spec, i) == '+' || RD(spec, i) == '-' || RD(spec, i) == ' '))
        out->sign = (char)RD(spec, i++);
    if (i < n && RD(spec, i) == 'z')
        out->no_neg_zero = 1, i++;
    if (i < n && RD(spec, i) == '#')
        out->alternate = 1, i++;
    if (i < n && RD(spec, i) == '0') {
        out->zero = 1;
        if (!fill_given)
            out->fill = '0';
        i++;
    }
    Ou_ssize_t start = i;
    if (i < n && RD(spec, i) >= '0' && RD(spec, i) <= '9') {
        Ou_ssize_t w = 0;
        while (i < n && RD(spec, i) >= '0' && RD(spec, i) <= '9') {
            if (w > (OU_SSIZE_T_MAX - 9) / 10) {
                OuErr_SetString(OuExc_ValueError, "Too many decimal digits in format string");
                return -1;
            }
            w = w * 10 + (RD(spec, i++) - '0');
        }
        out->width = w;
    }
    (void)start;
    if (i < n && (RD(spec, i) == ',' || RD(spec, i) == '_')) {
        out->thousands = (char)RD(spec, i++);
        if (i < n && (RD(spec, i) == ',' || RD(spec, i) == '_')) {
            if (RD(spec, i) == (uint32_t)out->thousands)
                OuErr_Format(OuExc_ValueError, "Cannot specify '%c' with '%c'.", out->thousands, out->thousands);
            else
                OuErr_SetString(OuExc_ValueError, "Cannot specify both ',' and '_'.");
            return -1;
        }
    }
    if (i < n && RD(spec, i) == '.') {
        i++;
        if (i >= n || RD(spec, i) < '0' || RD(spec, i) > '9') {
            OuErr_SetString(OuExc_ValueError, "Format specifier missing precision");
            return -1;
        }
        Ou_ssize_t p = 0;
        while (i < n && RD(spec, i) >= '0' && RD(spec, i) <= '9') {
            if (p > (OU_SSIZE_T_MAX - 9) / 10) {
                OuErr_SetString(OuExc_ValueError, "Too many decimal digits in format string");
                return -1;
            }
            p = p * 10 + (RD(spec, i++) - '0');
        }
        out->precision = p;
    }
    if (n - i > 1) {
        OuErr_Format(OuExc_ValueError, "Invalid format specifier '%U' for object of type '%s'",
                     spec, typename);
        return -1;
    }
    if (i < n)
        out->type = RD(spec, i);
    if (out->thousands && out->type && !strchr("deEfFgG%bxXon", (int)(out->type < 128 ? out->type : 'Z'))) {
        OuErr_Format(OuExc_ValueError, "Cannot specify '%c' with '%c'.", out->thousands, (int)out->type);
        return -1;
    }
    return 0;
}

int OuFormatSpec_Parse(OuObject *spec, OuFormatSpec *out)
{
    return parse_spec(spec, out, "object");
}

static void unknown_code(uint32_t type, const char *typename)
{
    if (type > 32 && type < 128)
        OuErr_Format(OuExc_ValueError, "Unknown format code '%c' for object of type '%s'",
                     (int)type, typename);
    else
        OuErr_Format(OuExc_ValueError, "Unknown format code '\\x%x' for object of type '%s'",
                     (unsigned)type, typename);
}

OuObject *ou_str_format_spec(OuObject *s, const OuFormatSpec *spec)
{
    if (spec->type && spec->type != 's') {
        unknown_code(spec->type, "str");
        return NULL;
    }
    if (spec->sign) {
        OuErr_SetString(OuExc_ValueError, "Sign not allowed in string format specifier");
        return NULL;
    }
    if (spec->no_neg_zero) {
        OuErr_SetString(OuExc_ValueError, "Negative zero coercion (z) not allowed in string format specifier");
        return NULL;
    }
    if (spec->alternate) {
        OuErr_SetString(OuExc_ValueError, "Alternate form (#) not allowed in string format specifier");
        return NULL;
    }
    if (spec->align == '=') {
        OuErr_SetString(OuExc_ValueError, "'=' alignment not allowed in string format specifier");
        return NULL;
    }
    if (spec->thousands) {
        OuErr_Format(OuExc_ValueError, "Cannot specify '%c' with 's'.", spec->thousands);
        return NULL;
    }
    Ou_ssize_t n = OU_STR_LEN(s);
    if (spec->precision >= 0 && spec->precision < n)
        n = spec->precision;
    Ou_ssize_t width = spec->width > n ? spec->width : n;
    if (width == OU_STR_LEN(s) && n == width)
        return ou_str_exact_copy(s);
    Ou_ssize_t total = width - n, left;
    switch (spec->align) {
    case '>': left = total; break;
    case '^': left = total / 2; break;
    default: left = 0; break;
    }
    uint32_t m = ou_str_maxclass(s), fill = spec->fill;
    OuObject *r = OuStr_New(width, fill > m && total ? fill : m);
    if (!r)
        return NULL;
    int k = OU_STR_KIND(r);
    void *d = OU_STR_DATA(r);
    for (Ou_ssize_t i = 0; i < left; i++)
        OU_STR_WRITE(k, d, i, fill);
    ou_str_copy_chars(k, d, left, OU_STR_KIND(s), OU_STR_DATA(s), 0, n);
    for (Ou_ssize_t i = left + n; i < width; i++)
        OU_STR_WRITE(k, d, i, fill);
    if (k == 1 && !OU_STR_IS_ASCII(r))
        ou_str_fix_ascii(r);
    else if (k > 1 && ou_str_maxchar(k, d, width) < (k == 2 ? 256u : 65536u)) {
        OuObject *nr = OuStr_FromKindAndData(k, d, width);
        OU_DECREF(r);
        r = nr;
    }
    return r;
}

OuObject *OuStr_FormatSpec(OuObject *s, OuObject *spec)
{
    if (OU_STR_LEN(spec) == 0)
        return ou_str_exact_copy(s);
    OuFormatSpec fs;
    if (parse_spec(spec, &fs, "str") < 0)
        return NULL;
    return ou_str_format_spec(s, &fs);
}

OuObject *ou_str_dunder_format(OuObject *self, OuObject *spec)
{
    if (!OuStr_Check(spec))
        return OuErr_Format(OuExc_TypeError, "__format__() argument must be str, not %.100s",
                            OU_TYPE_NAME(spec));
    return OuStr_FormatSpec(self, spec);
}

/* ------------------------------------------------------------------ */
/* str.format and str.format_map                                        */

typedef struct {
    OuObject *const *args;
    Ou_ssize_t nargs;
    OuObject *const *kwvals;
    OuObject *kwnames;
    OuObject *mapping;        /* format_map */
    Ou_ssize_t auto_idx;
    int numbering;            /* 0 unknown, 1 automatic, 2 manual */
} FmtCtx;

static int render(FmtCtx *ctx, OuObject *fmt, Ou_ssize_t start, Ou_ssize_t end, int depth,
                  OuStrBuilder *out);

static int all_digits(OuObject *s, Ou_ssize_t a, Ou_ssize_t b, Ou_ssize_t *value)
{
    if (a >= b)
        return 0;
    Ou_ssize_t v = 0;
    for (Ou_ssize_t i = a; i < b; i++) {
        uint32_t c = RD(s, i);
        if (c < '0' || c > '9')
            return 0;
        if (v > (OU_SSIZE_T_MAX - 9) / 10) {
            OuErr_SetString(OuExc_ValueError, "Too many decimal digits in format string");
            return -1;
        }
        v = v * 10 + (c - '0');
    }
    *value = v;
    return 1;
}

static OuObject *positional(FmtCtx *ctx, Ou_ssize_t idx)
{
    if (ctx->mapping) {
        OuErr_SetString(OuExc_ValueError, "Format string contains positional fields");
        return NULL;
    }
    if (idx >= ctx->nargs)
        return OuErr_Format(OuExc_IndexError,
                            "Replacement index %zd out of range for positional args tuple", idx);
    return OU_NEWREF(ctx->args[idx]);
}

static OuObject *keyword(FmtCtx *ctx, OuObject *name)
{
    if (ctx->mapping)
        return OuObject_GetItem(ctx->mapping, name);
    if (ctx->kwnames) {
        for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(ctx->kwnames); i++)
            if (OuStr_Equal(OU_TUPLE_GET(ctx->kwnames, i), name))
                return OU_NEWREF(ctx->kwvals[i]);
    }
    OuErr_SetKeyError(name);
    return NULL;
}

/* Resolve the field name fmt[a:b] ("0", "name.attr[key]", "") to an object. */
static OuObject *get_field(FmtCtx *ctx, OuObject *fmt, Ou_ssize_t a, Ou_ssize_t b)
{
    Ou_ssize_t k = a;
    while (k < b && RD(fmt, k) != '.' && RD(fmt, k) != '[')
        k++;
    OuObject *obj;
    Ou_ssize_t idx;
    int dig = all_digits(fmt, a, k, &idx);
    if (dig < 0)
        return NULL;
    if (k == a) {
        if (ctx->numbering == 2) {
            OuErr_SetString(OuExc_ValueError,
                            "cannot switch from manual field specification to automatic field numbering");
            return NULL;
        }
        ctx->numbering = 1;
        obj = positional(ctx, ctx->auto_idx++);
    } else if (dig) {
        if (ctx->numbering == 1) {
            OuErr_SetString(OuExc_ValueError,
                            "cannot switch from automatic field numbering to manual field specification");
            return NULL;
        }
        ctx->numbering = 2;
        obj = positional(ctx, idx);
    } else {
        OuObject *name = OuStr_Substring(fmt, a, k);
        if (!name)
            return NULL;
        obj = keyword(ctx, name);
        OU_DECREF(name);
    }
    while (obj && k < b) {
        uint32_t c = RD(fmt, k++);
        Ou_ssize_t s = k;
        OuObject *next;
        if (c == '.') {
            while (k < b && RD(fmt, k) != '.' && RD(fmt, k) != '[')
                k++;
            if (k == s) {
                OuErr_SetString(OuExc_ValueError, "Empty attribute in format string");
                goto error;
            }
            OuObject *name = OuStr_Substring(fmt, s, k);
            if (!name)
                goto error;
            next = OuObject_GetAttr(obj, name);
            OU_DECREF(name);
        } else if (c == '[') {
            while (k < b && RD(fmt, k) != ']')
                k++;
            if (k >= b) {
                OuErr_SetString(OuExc_ValueError, "Missing ']' in format string");
                goto error;
            }
            if (k == s) {
                OuErr_SetString(OuExc_ValueError, "Empty attribute in format string");
                goto error;
            }
            OuObject *key;
            dig = all_digits(fmt, s, k, &idx);
            if (dig < 0)
                goto error;
            key = dig ? OuInt_FromSsize_t(idx) : OuStr_Substring(fmt, s, k);
            if (!key)
                goto error;
            next = OuObject_GetItem(obj, key);
            OU_DECREF(key);
            k++;
            if (k < b && RD(fmt, k) != '.' && RD(fmt, k) != '[') {
                OU_XDECREF(next);
                OuErr_SetString(OuExc_ValueError,
                                "Only '.' or '[' may follow ']' in format field specifier");
                goto error;
            }
        } else {
            OuErr_SetString(OuExc_ValueError, "Only '.' or '[' may follow ']' in format field specifier");
            goto error;
        }
        OU_DECREF(obj);
        obj = next;
    }
    return obj;
error:
    OU_DECREF(obj);
    return NULL;
}

/* One replacement field: name fmt[na:nb], conversion conv (0 if none),
   spec fmt[sa:sb] (sa < 0 if none). */
static int do_field(FmtCtx *ctx, OuObject *fmt, Ou_ssize_t na, Ou_ssize_t nb, uint32_t conv,
                    Ou_ssize_t sa, Ou_ssize_t sb, int depth, OuStrBuilder *out)
{
    OuObject *obj = get_field(ctx, fmt, na, nb);
    if (!obj)
        return -1;
    if (conv) {
        OuObject *c;
        switch (conv) {
        case 'r': c = OuObject_Repr(obj); break;
        case 's': c = OuObject_Str(obj); break;
        case 'a': c = OuObject_ASCII(obj); break;
        default:
            if (conv > 32 && conv < 127)
                OuErr_Format(OuExc_ValueError, "Unknown conversion specifier %c", (int)conv);
            else
                OuErr_Format(OuExc_ValueError, "Unknown conversion specifier \\x%x", (unsigned)conv);
            c = NULL;
        }
        OU_DECREF(obj);
        if (!(obj = c))
            return -1;
    }
    OuObject *spec = NULL;
    if (sa >= 0 && sb > sa) {
        int nested = 0;
        for (Ou_ssize_t i = sa; i < sb && !nested; i++)
            nested = RD(fmt, i) == '{';
        if (nested) {
            OuStrBuilder sbld;
            OuStrBuilder_Init(&sbld);
            if (render(ctx, fmt, sa, sb, depth - 1, &sbld) < 0) {
                OuStrBuilder_Discard(&sbld);
                OU_DECREF(obj);
                return -1;
            }
            spec = OuStrBuilder_Finish(&sbld);
        } else {
            spec = OuStr_Substring(fmt, sa, sb);
        }
        if (!spec) {
            OU_DECREF(obj);
            return -1;
        }
    }
    int r;
    if (!spec && OuStr_CheckExact(obj)) {
        r = OuStrBuilder_AppendStr(out, obj);
    } else {
        OuObject *res = OuObject_Format(obj, spec ? spec : ou_str_empty());
        r = res ? OuStrBuilder_AppendStr(out, res) : -1;
        OU_XDECREF(res);
    }
    OU_XDECREF(spec);
    OU_DECREF(obj);
    return r;
}

static int render(FmtCtx *ctx, OuObject *fmt, Ou_ssize_t start, Ou_ssize_t end, int depth,
                  OuStrBuilder *out)
{
    if (depth <= 0) {
        OuErr_SetString(OuExc_ValueError, "Max string recursion exceeded");
        return -1;
    }
    Ou_ssize_t i = start;
    while (i < end) {
        Ou_ssize_t lit = i;
        while (i < end && RD(fmt, i) != '{' && RD(fmt, i) != '}')
            i++;
        if (i > lit && OuStrBuilder_AppendSubstr(out, fmt, lit, i) < 0)
            return -1;
        if (i >= end)
            break;
        uint32_t c = RD(fmt, i);
        if (c == '}') {
            if (i + 1 < end && RD(fmt, i + 1) == '}') {
                if (OuStrBuilder_AppendChar(out, '}') < 0)
                    return -1;
                i += 2;
                continue;
            }
            OuErr_SetString(OuExc_ValueError, "Single '}' encountered in format string");
            return -1;
        }
        if (i + 1 < end && RD(fmt, i + 1) == '{') {
            if (OuStrBuilder_AppendChar(out, '{') < 0)
                return -1;
            i += 2;
            continue;
        }
        if (i + 1 >= end) {
            OuErr_SetString(OuExc_ValueError, "Single '{' encountered in format string");
            return -1;
        }
        /* a replacement field: name [!conv] [:spec] } */
        Ou_ssize_t j = i + 1, na = j;
        while (j < end) {
            c = RD(fmt, j);
            if (c == '[') {
                while (j < end && RD(fmt, j) != ']')
                    j++;
                if (j < end)
                    j++;
                continue;
            }
            if (c == '}' || c == ':' || c == '!')
                break;
            if (c == '{') {
                OuErr_SetString(OuExc_ValueError, "unexpected '{' in field name");
                return -1;
            }
            j++;
        }
        if (j >= end) {
            OuErr_SetString(OuExc_ValueError, "expected '}' before end of string");
            return -1;
        }
        Ou_ssize_t nb = j, sa = -1, sb = -1;
        uint32_t conv = 0;
        if (c == '!') {
            j++;
            if (j >= end) {
                OuErr_SetString(OuExc_ValueError, "end of string while looking for conversion specifier");
                return -1;
            }
            conv = RD(fmt, j++);
            if (j >= end) {
                OuErr_SetString(OuExc_ValueError, "unmatched '{' in format spec");
                return -1;
            }
            c = RD(fmt, j);
            if (c != '}' && c != ':') {
                OuErr_SetString(OuExc_ValueError, "expected ':' after conversion specifier");
                return -1;
            }
        }
        if (c == ':') {
            sa = ++j;
            int count = 1;
            while (j < end) {
                c = RD(fmt, j);
                if (c == '{')
                    count++;
                else if (c == '}' && --count == 0)
                    break;
                j++;
            }
            if (j >= end) {
                OuErr_SetString(OuExc_ValueError, "unmatched '{' in format spec");
                return -1;
            }
            sb = j;
        }
        if (do_field(ctx, fmt, na, nb, conv, sa, sb, depth, out) < 0)
            return -1;
        i = j + 1;
    }
    return 0;
}

static OuObject *format_with(OuObject *self, FmtCtx *ctx)
{
    OuStrBuilder b;
    OuStrBuilder_Init(&b);
    if (render(ctx, self, 0, OU_STR_LEN(self), 2, &b) < 0) {
        OuStrBuilder_Discard(&b);
        return NULL;
    }
    return OuStrBuilder_Finish(&b);
}

OuObject *ou_str_format_method(OuObject *self, OuObject *const *args, Ou_ssize_t nargs,
                               OuObject *kwnames)
{
    FmtCtx ctx = {args, nargs, args + nargs, kwnames, NULL, 0, 0};
    return format_with(self, &ctx);
}

OuObject *ou_str_format_map(OuObject *self, OuObject *mapping)
{
    FmtCtx ctx = {NULL, 0, NULL, NULL, mapping, 0, 0};
    return format_with(self, &ctx);
}

/* ------------------------------------------------------------------ */
/* printf-style formatting: fmt % args                                  */

enum { F_LJUST = 1, F_SIGN = 2, F_BLANK = 4, F_ALT = 8, F_ZERO = 16 };

typedef struct {
    OuObject *args;       /* the current argument source (tuple or single) */
    int args_owned;
    Ou_ssize_t arglen, argidx;
} ModCtx;

/* The next argument (borrowed), or NULL with TypeError. */
static OuObject *next_arg(ModCtx *m)
{
    Ou_ssize_t i = m->argidx;
    if (i < m->arglen) {
        m->argidx++;
        if (m->arglen < 0)
            return m->args;
        return OU_TUPLE_GET(m->args, i);
    }
    OuErr_SetString(OuExc_TypeError, "not enough arguments for format string");
    return NULL;
}

/* Append s with width padding and precision truncation. */
static int append_field(OuStrBuilder *b, OuObject *s, Ou_ssize_t width, Ou_ssize_t prec, int flags)
{
    Ou_ssize_t n = OU_STR_LEN(s);
    if (prec >= 0 && prec < n)
        n = prec;
    if (!(flags & F_LJUST))
        for (Ou_ssize_t i = n; i < width; i++)
            if (OuStrBuilder_AppendChar(b, ' ') < 0)
                return -1;
    if (OuStrBuilder_AppendSubstr(b, s, 0, n) < 0)
        return -1;
    if (flags & F_LJUST)
        for (Ou_ssize_t i = n; i < width; i++)
            if (OuStrBuilder_AppendChar(b, ' ') < 0)
                return -1;
    return 0;
}

static int has_number_slots(OuObject *v)
{
    OuTypeObject *t = OU_TYPE(v);
    return t->nb_index || t->nb_int || t->nb_float;
}

/* %d %i %u %x %X %o */
static int format_int(OuStrBuilder *b, OuObject *v, uint32_t c, Ou_ssize_t width,
                      Ou_ssize_t prec, int flags)
{
    OuObject *iv;
    if (OuInt_Check(v)) {
        iv = OU_NEWREF(v);
    } else if (c == 'x' || c == 'X' || c == 'o') {
        if (!OuIndex_Check(v)) {
            OuErr_Format(OuExc_TypeError, "%%%c format: an integer is required, not %.200s",
                         (int)c, OU_TYPE_NAME(v));
            return -1;
        }
        iv = OuNumber_Index(v);
    } else {
        if (!has_number_slots(v)) {
            OuErr_Format(OuExc_TypeError, "%%%c format: a real number is required, not %.200s",
                         (int)c, OU_TYPE_NAME(v));
            return -1;
        }
        iv = OuNumber_Long(v);
    }
    if (!iv)
        return -1;
    int base = c == 'o' ? 8 : (c == 'x' || c == 'X') ? 16 : 10;
    OuObject *text = OuInt_Format(iv, base, 0);
    OU_DECREF(iv);
    if (!text)
        return -1;
    const char *t = OuStr_AsUTF8(text);
    if (!t) {
        OU_DECREF(text);
        return -1;
    }
    int neg = 0;
    if (*t == '-')
        neg = 1, t++;
    if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X' || t[1] == 'o' || t[1] == 'b'))
        t += 2;   /* tolerate a prefix from OuInt_Format */
    Ou_ssize_t nd = (Ou_ssize_t)strlen(t);
    char sign = neg ? '-' : (flags & F_SIGN) ? '+' : (flags & F_BLANK) ? ' ' : 0;
    const char *prefix = "";
    if (flags & F_ALT)
        prefix = c == 'x' ? "0x" : c == 'X' ? "0X" : c == 'o' ? "0o" : "";
    Ou_ssize_t zeros = prec > nd ? prec - nd : 0;
    Ou_ssize_t body = (sign != 0) + (Ou_ssize_t)strlen(prefix) + zeros + nd;
    Ou_ssize_t padn = width > body ? width - body : 0;
    int r = 0;
    if (padn && !(flags & (F_LJUST | F_ZERO)))
        for (Ou_ssize_t i = 0; i < padn && r == 0; i++)
            r = OuStrBuilder_AppendChar(b, ' ');
    if (r == 0 && sign)
        r = OuStrBuilder_AppendChar(b, (uint32_t)sign);
    if (r == 0 && *prefix)
        r = OuStrBuilder_AppendASCII(b, prefix, 2);
    if (padn && (flags & F_ZERO) && !(flags & F_LJUST))
        zeros += padn;
    for (Ou_ssize_t i = 0; i < zeros && r == 0; i++)
        r = OuStrBuilder_AppendChar(b, '0');
    if (r == 0) {
        if (c == 'X') {
            for (Ou_ssize_t i = 0; i < nd && r == 0; i++) {
                char ch = t[i];
                r = OuStrBuilder_AppendChar(b, (uint32_t)(ch >= 'a' && ch <= 'f' ? ch - 32 : ch));
            }
        } else {
            r = OuStrBuilder_AppendASCII(b, t, nd);
        }
    }
    if (padn && (flags & F_LJUST))
        for (Ou_ssize_t i = 0; i < padn && r == 0; i++)
            r = OuStrBuilder_AppendChar(b, ' ');
    OU_DECREF(text);
    return r;
}

/* %e %E %f %F %g %G via float.__format__ */
static int format_float(OuStrBuilder *b, OuObject *v, uint32_t c, Ou_ssize_t width,
                        Ou_ssize_t prec, int flags)
{
    OuObject *fv;
    if (OuFloat_Check(v)) {
        fv = OU_NEWREF(v);
    } else if (has_number_slots(v)) {
        fv = OuNumber_Float(v);
        if (!fv)
            return -1;
    } else {
        OuErr_Format(OuExc_TypeError, "must be real number, not %.200s", OU_TYPE_NAME(v));
        return -1;
    }
    char spec[80];
    int k = 0;
    if (flags & F_LJUST) spec[k++] = '<';
    if (flags & F_SIGN) spec[k++] = '+';
    else if (flags & F_BLANK) spec[k++] = ' ';
    if (flags & F_ALT) spec[k++] = '#';
    if ((flags & F_ZERO) && !(flags & F_LJUST)) spec[k++] = '0';
    if (width > 0) k += snprintf(spec + k, sizeof spec - (size_t)k, "%zd", width);
    snprintf(spec + k, sizeof spec - (size_t)k, ".%zd%c", prec < 0 ? (Ou_ssize_t)6 : prec, (char)c);
    OuObject *so = OuStr_FromUTF8(spec);
    if (!so) {
        OU_DECREF(fv);
        return -1;
    }
    OuObject *res = OuObject_Format(fv, so);
    OU_DECREF(so);
    OU_DECREF(fv);
    if (!res)
        return -1;
    int r = OuStrBuilder_AppendStr(b, res);
    OU_DECREF(res);
    return r;
}

static int format_char(OuStrBuilder *b, OuObject *v, Ou_ssize_t width, int flags)
{
    uint32_t ch;
    if (OuStr_Check(v)) {
        if (OU_STR_LEN(v) != 1)
            goto bad;
        ch = OU_STR_CHAR(v, 0);
    } else if (OuInt_Check(v)) {
        long x = OuInt_AsLong(v);
        if (x == -1 && OuErr_Occurred()) {
            if (!OuErr_ExceptionMatches(OuExc_OverflowError))
                return -1;
            OuErr_Clear();
            x = -1;
        }
        if (x < 0 || x > 0x10ffff) {
            OuErr_SetString(OuExc_OverflowError, "%c arg not in range(0x110000)");
            return -1;
        }
        ch = (uint32_t)x;
    } else {
        goto bad;
    }
    OuObject *s = ou_str_char(ch);
    if (!s)
        return -1;
    int r = append_field(b, s, width, -1, flags);
    OU_DECREF(s);
    return r;
bad:
    OuErr_SetString(OuExc_TypeError, "%c requires int or char");
    return -1;
}

OuObject *ou_str_mod(OuObject *fmt, OuObject *args)
{
    ModCtx m;
    OuObject *dict = NULL;
    if (OuTuple_Check(args)) {
        m.arglen = OU_TUPLE_LEN(args);
        m.argidx = 0;
    } else {
        m.arglen = -1;
        m.argidx = -2;
    }
    m.args = args;
    m.args_owned = 0;
    if (!OuTuple_Check(args) && !OuStr_Check(args) && OU_TYPE(args)->mp_subscript)
        dict = args;
    OuStrBuilder b;
    OuStrBuilder_Init(&b);
    Ou_ssize_t n = OU_STR_LEN(fmt), i = 0;
    while (i < n) {
        Ou_ssize_t lit = i;
        while (i < n && RD(fmt, i) != '%')
            i++;
        if (i > lit && OuStrBuilder_AppendSubstr(&b, fmt, lit, i) < 0)
            goto error;
        if (i >= n)
            break;
        i++;   /* past '%' */
        if (i < n && RD(fmt, i) == '(') {
            if (!dict) {
                OuErr_SetString(OuExc_TypeError, "format requires a mapping");
                goto error;
            }
            Ou_ssize_t ks = ++i;
            int depth = 1;
            while (i < n) {
                uint32_t c = RD(fmt, i);
                if (c == '(') depth++;
                else if (c == ')' && --depth == 0) break;
                i++;
            }
            if (i >= n) {
                OuErr_SetString(OuExc_ValueError, "incomplete format key");
                goto error;
            }
            OuObject *key = OuStr_Substring(fmt, ks, i);
            if (!key)
                goto error;
            OuObject *val = OuObject_GetItem(dict, key);
            OU_DECREF(key);
            if (!val)
                goto error;
            if (m.args_owned)
                OU_DECREF(m.args);
            m.args = val;
            m.args_owned = 1;
            m.arglen = -1;
            m.argidx = -2;
            i++;
        }
        int flags = 0;
        for (; i < n; i++) {
            uint32_t c = RD(fmt, i);
            if (c == '-') flags |= F_LJUST;
            else if (c == '+') flags |= F_SIGN;
            else if (c == ' ') flags |= F_BLANK;
            else if (c == '#') flags |= F_ALT;
            else if (c == '0') flags |= F_ZERO;
            else break;
        }
        Ou_ssize_t width = -1, prec = -1;
        if (i < n && RD(fmt, i) == '*') {
            OuObject *v = next_arg(&m);
            if (!v)
                goto error;
            if (!OuInt_Check(v)) {
                OuErr_SetString(OuExc_TypeError, "* wants int");
                goto error;
            }
            if (ou_ssize_arg(v, &width) < 0)
                goto error;
            if (width < 0) {
                flags |= F_LJUST;
                width = -width;
            }
            i++;
        } else {
            while (i < n && RD(fmt, i) >= '0' && RD(fmt, i) <= '9') {
                if (width < 0) width = 0;
                if (width > (OU_SSIZE_T_MAX - 9) / 10) {
                    OuErr_SetString(OuExc_ValueError, "width too big");
                    goto error;
                }
                width = width * 10 + (RD(fmt, i++) - '0');
            }
        }
        if (i < n && RD(fmt, i) == '.') {
            i++;
            prec = 0;
            if (i < n && RD(fmt, i) == '*') {
                OuObject *v = next_arg(&m);
                if (!v)
                    goto error;
                if (!OuInt_Check(v)) {
                    OuErr_SetString(OuExc_TypeError, "* wants int");
                    goto error;
                }
                if (ou_ssize_arg(v, &prec) < 0)
                    goto error;
                if (prec < 0)
                    prec = 0;
                i++;
            } else {
                while (i < n && RD(fmt, i) >= '0' && RD(fmt, i) <= '9') {
                    if (prec > (OU_SSIZE_T_MAX - 9) / 10) {
                        OuErr_SetString(OuExc_ValueError, "precision too big");
                        goto error;
                    }
                    prec = prec * 10 + (RD(fmt, i++) - '0');
                }
            }
        }
        while (i < n && (RD(fmt, i) == 'h' || RD(fmt, i) == 'l' || RD(fmt, i) == 'L'))
            i++;
        if (i >= n) {
            OuErr_SetString(OuExc_ValueError, "incomplete format");
            goto error;
        }
        uint32_t c = RD(fmt, i);
        if (c == '%') {
            if (OuStrBuilder_AppendChar(&b, '%') < 0)
                goto error;
            i++;
            continue;
        }
        OuObject *v;
        int r;
        switch (c) {
        case 's': case 'r': case 'a': {
            if (!(v = next_arg(&m)))
                goto error;
            OuObject *s;
            if (c == 's')
                s = OuStr_CheckExact(v) ? OU_NEWREF(v) : OuObject_Str(v);
            else if (c == 'r')
                s = OuObject_Repr(v);
            else
                s = OuObject_ASCII(v);
            if (!s)
                goto error;
            r = append_field(&b, s, width, prec, flags);
            OU_DECREF(s);
            break;
        }
        case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
            if (!(v = next_arg(&m)))
                goto error;
            r = format_int(&b, v, c, width, prec, flags);
            break;
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
            if (!(v = next_arg(&m)))
                goto error;
            r = format_float(&b, v, c, width, prec, flags);
            break;
        case 'c':
            if (!(v = next_arg(&m)))
                goto error;
            r = format_char(&b, v, width, flags);
            break;
        default:
            OuErr_Format(OuExc_ValueError, "unsupported format character '%c' (0x%x) at index %zd",
                         (c > 31 && c < 127) ? (int)c : '?', (unsigned)c, i);
            goto error;
        }
        if (r < 0)
            goto error;
        i++;
    }
    if (m.argidx < m.arglen && !dict) {
        OuErr_SetString(OuExc_TypeError, "not all arguments converted during string formatting");
        goto error;
    }
    if (m.args_owned)
        OU_DECREF(m.args);
    return OuStrBuilder_Finish(&b);
error:
    if (m.args_owned)
        OU_DECREF(m.args);
    OuStrBuilder_Discard(&b);
    return NULL;
}

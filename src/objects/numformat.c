/*
 * numformat.c -- format() for numbers and double -> text conversion.
 *
 * Defines no types. Implements the standard format-spec mini-language
 *     [[fill]align][sign][z][#][0][width][grouping][.precision][type]
 * for int, float and complex (CPython 3.11's messages), float repr (the
 * shortest string that round-trips) and Ou_double_to_string for the
 * %-operator. Digits come from the C library's correctly rounded %e/%f/%g
 * conversions (glibc) checked with strtod for the shortest form.
 */
#include "core/ouro.h"
#include "objects/numformat.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* A parsed format spec. */
typedef struct {
    uint32_t fill;
    char align;        /* '<' '>' '^' '=' or 0 */
    char sign;         /* '+' '-' ' ' or 0 */
    char z, alt, zero, fill_given;
    char group;        /* ',' '_' or 0 */
    Ou_ssize_t width;  /* -1 absent */
    Ou_ssize_t prec;   /* -1 absent */
    uint32_t type;     /* 0 absent */
} NumSpec;

static void spec_default(NumSpec *s)
{
    memset(s, 0, sizeof *s);
    s->fill = ' ';
    s->width = -1;
    s->prec = -1;
}

static int is_align(uint32_t c)
{
    return c == '<' || c == '>' || c == '=' || c == '^';
}

/* The type character as CPython prints it in messages. */
static void char_text(uint32_t c, char *buf, size_t n)
{
    if (c > 32 && c < 127)
        snprintf(buf, n, "%c", (int)c);
    else
        snprintf(buf, n, "\\x%x", (unsigned)c);
}

/* Reads decimal digits at *pos; returns 1 if any, 0 if none, -1 on overflow. */
static int parse_count(int kind, const void *d, Ou_ssize_t n, Ou_ssize_t *pos, Ou_ssize_t *out)
{
    Ou_ssize_t v = 0;
    int any = 0;
    while (*pos < n) {
        uint32_t c = OU_STR_READ(kind, d, *pos);
        if (c < '0' || c > '9')
            break;
        if (v > (OU_SSIZE_T_MAX - 9) / 10) {
            OuErr_SetString(OuExc_ValueError, "Too many decimal digits in format string");
            return -1;
        }
        v = v * 10 + (c - '0');
        any = 1;
        (*pos)++;
    }
    *out = any ? v : -1;
    return any;
}

/* Parses spec into s; tname names the formatted object's type in messages. */
static int parse_spec(OuObject *spec, NumSpec *s, const char *tname)
{
    int kind = OU_STR_KIND(spec);
    const void *d = OU_STR_DATA(spec);
    Ou_ssize_t n = OU_STR_LEN(spec), i = 0;
    char a[16], b[16];
    spec_default(s);
#define AT(k) OU_STR_READ(kind, d, (k))
    if (n >= 2 && is_align(AT(1))) {
        s->fill = AT(0);
        s->fill_given = 1;
        s->align = (char)AT(1);
        i = 2;
    } else if (n >= 1 && is_align(AT(0))) {
        s->align = (char)AT(0);
        i = 1;
    }
    if (i < n && (AT(i) == '+' || AT(i) == '-' || AT(i) == ' '))
        s->sign = (char)AT(i++);
    if (i < n && AT(i) == 'z') {
        s->z = 1;
        i++;
    }
    if (i < n && AT(i) == '#') {
        s->alt = 1;
        i++;
    }
    if (i < n && AT(i) == '0') {
        s->zero = 1;
        if (!s->fill_given)
            s->fill = '0';
        if (!s->align)
            s->align = '=';
        i++;
    }
    if (parse_count(kind, d, n, &i, &s->width) < 0)
        return -1;
    if (i < n && (AT(i) == ',' || AT(i) == '_')) {
        s->group = (char)AT(i++);
        if (i < n && (AT(i) == ',' || AT(i) == '_')) {
            if (AT(i) == (uint32_t)s->group)
                OuErr_Format(OuExc_ValueError, "Cannot specify '%c' with '%c'.", s->group, s->group);
            else
                OuErr_SetString(OuExc_ValueError, "Cannot specify both ',' and '_'.");
            return -1;
        }
    }
    if (i < n && AT(i) == '.') {
        i++;
        int r = parse_count(kind, d, n, &i, &s->prec);
        if (r < 0)
            return -1;
        if (r == 0) {
            OuErr_SetString(OuExc_ValueError, "Format specifier missing precision");
            return -1;
        }
    }
    if (n - i > 1) {
        OuErr_Format(OuExc_ValueError, "Invalid format specifier '%U' for object of type '%s'",
                     spec, tname);
        return -1;
    }
    if (n - i == 1)
        s->type = AT(i);
#undef AT
    if (s->group) {
        switch (s->type) {
        case 0: case 'd': case 'e': case 'f': case 'g': case 'E': case 'F': case 'G': case '%':
            break;
        case 'b': case 'o': case 'x': case 'X':
            if (s->group == '_')
                break;
            /* fall through */
        default:
            char_text((uint32_t)s->group, a, sizeof a);
            char_text(s->type, b, sizeof b);
            OuErr_Format(OuExc_ValueError, "Cannot specify '%s' with '%s'.", a, b);
            return -1;
        }
    }
    return 0;
}

static OuObject *unknown_code(uint32_t type, const char *tname)
{
    char b[16];
    char_text(type, b, sizeof b);
    return OuErr_Format(OuExc_ValueError, "Unknown format code '%s' for object of type '%s'", b, tname);
}

/* sign + prefix + body, where the first nint chars of body (its integer
   digits) are grouped every `interval` digits by sep (0: none) and extended
   with zeros to at least min_int characters. Ou_Malloc'd ASCII. */
static char *group_number(const char *sign, const char *prefix, const char *body, Ou_ssize_t nbody,
                          Ou_ssize_t nint, char sep, int interval, Ou_ssize_t min_int, Ou_ssize_t *len)
{
    size_t ns = strlen(sign), np = strlen(prefix);
    Ou_ssize_t dmax = nint > min_int ? nint : min_int;
    Ou_ssize_t cap = dmax + dmax / interval + 2;
    char *out = Ou_Malloc(ns + np + (size_t)cap + (size_t)(nbody - nint) + 1);
    if (!out) {
        OuErr_NoMemory();
        return NULL;
    }
    char *p = out;
    memcpy(p, sign, ns);
    p += ns;
    memcpy(p, prefix, np);
    p += np;
    /* Write the grouped digits backwards from the end of their area. */
    char *g = p + cap;
    Ou_ssize_t gl = 0, i = nint - 1;
    int cnt = 0;
    while (i >= 0 || gl < min_int) {
        if (sep && cnt == interval) {
            *--g = sep;
            gl++;
            cnt = 0;
        }
        *--g = i >= 0 ? body[i--] : '0';
        gl++;
        cnt++;
    }
    memmove(p, g, (size_t)gl);
    p += gl;
    memcpy(p, body + nint, (size_t)(nbody - nint));
    p += nbody - nint;
    *p = 0;
    *len = p - out;
    return out;
}

/* A str of txt[0..n) (ASCII), or of the one code point cp when cp >= 0,
   padded to the spec's width with its fill; '=' pads after eqpos chars. */
static OuObject *pad_to_str(const char *txt, Ou_ssize_t n, int32_t cp, Ou_ssize_t eqpos,
                            const NumSpec *s, char default_align)
{
    Ou_ssize_t width = s->width > n ? s->width : n, pad = width - n, left = 0, i, k = 0;
    char align = s->align ? s->align : default_align;
    uint32_t maxc = 127;
    if (pad && s->fill > maxc)
        maxc = s->fill;
    if (cp > (int32_t)maxc)
        maxc = (uint32_t)cp;
    if (align == '>')
        left = pad;
    else if (align == '^')
        left = pad / 2;
    else if (align == '=')
        left = -1;
    OuObject *r = OuStr_New(width, maxc);
    if (!r)
        return NULL;
    int kind = OU_STR_KIND(r);
    void *d = OU_STR_DATA(r);
    if (kind == 1 && pad == 0 && cp < 0) {
        memcpy(d, txt, (size_t)n);
        return r;
    }
    if (left == -1) {   /* '=': sign/prefix, padding, digits */
        for (i = 0; i < eqpos; i++)
            OU_STR_WRITE(kind, d, k++, (uint8_t)txt[i]);
        for (i = 0; i < pad; i++)
            OU_STR_WRITE(kind, d, k++, s->fill);
        for (i = eqpos; i < n; i++)
            OU_STR_WRITE(kind, d, k++, (uint8_t)txt[i]);
        return r;
    }
    for (i = 0; i < left; i++)
        OU_STR_WRITE(kind, d, k++, s->fill);
    if (cp >= 0)
        OU_STR_WRITE(kind, d, k++, (uint32_t)cp);
    else
        for (i = 0; i < n; i++)
            OU_STR_WRITE(kind, d, k++, (uint8_t)txt[i]);
    while (k < width)
        OU_STR_WRITE(kind, d, k++, s->fill);
    return r;
}

/* ---- digits of doubles ---- */

/* nd correctly rounded significant digits of av >= 0 (finite) into dig
   (room for nd+1), trailing zeros removed when strip (one digit kept).
   Returns the digit count; *decpt is the decimal point position
   (value = 0.d1d2... * 10**decpt). -1 on MemoryError. */
static int sig_digits(double av, int nd, char *dig, int *decpt, int strip)
{
    char sbuf[64], *buf = sbuf;
    size_t need = (size_t)nd + 32;
    if (need > sizeof sbuf) {
        buf = Ou_Malloc(need);
        if (!buf) {
            OuErr_NoMemory();
            return -1;
        }
    }
    snprintf(buf, need, "%.*e", nd - 1, av);
    int k = 0;
    char *p = buf;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9')
            dig[k++] = *p;
    int ex = *p ? atoi(p + 1) : 0;
    if (buf != sbuf)
        Ou_Free(buf);
    if (strip)
        while (k > 1 && dig[k - 1] == '0')
            k--;
    dig[k] = 0;
    *decpt = av == 0.0 ? 1 : ex + 1;
    return k;
}

/* Shortest digits that read back as av (> 0, finite), closest to av. */
static int shortest_digits(double av, char *dig, int *decpt)
{
    char buf[40];
    int p;
    /* For normal numbers any shortest form of up to 15 digits is the
       15-digit rounding with its trailing zeros removed (DBL_DIG); the
       coarser subnormals need the full search. */
    for (p = av < 2.2250738585072014e-308 ? 1 : 15; p < 17; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, av);
        if (strtod(buf, NULL) == av)
            break;
    }
    return sig_digits(av, p, dig, decpt, 1);
}

/* Text of 0.dig * 10**decpt in fixed or exponent notation. out must hold
   nd + |decpt| + 12 chars. Returns the length. */
static Ou_ssize_t layout(char *out, const char *dig, int nd, int decpt, int use_exp,
                         int add_dot_0, int alt, char ech)
{
    char *p = out;
    int i;
    if (use_exp) {
        *p++ = dig[0];
        if (nd > 1 || alt)
            *p++ = '.';
        memcpy(p, dig + 1, (size_t)(nd - 1));
        p += nd - 1;
        int x = decpt - 1;
        p += sprintf(p, "%c%c%02d", ech, x < 0 ? '-' : '+', x < 0 ? -x : x);
    } else if (decpt <= 0) {
        *p++ = '0';
        *p++ = '.';
        for (i = 0; i < -decpt; i++)
            *p++ = '0';
        memcpy(p, dig, (size_t)nd);
        p += nd;
    } else {
        for (i = 0; i < decpt; i++)
            *p++ = i < nd ? dig[i] : '0';
        if (nd > decpt) {
            *p++ = '.';
            memcpy(p, dig + decpt, (size_t)(nd - decpt));
            p += nd - decpt;
        } else if (add_dot_0) {
            *p++ = '.';
            *p++ = '0';
        } else if (alt) {
            *p++ = '.';
        }
    }
    *p = 0;
    return p - out;
}

enum { DT_ADD_DOT_0 = 1, DT_ALT = 2 };

/* Body text (no sign) of av = |v| or a NaN. mode: 'r' shortest repr style,
   'R' str.format's no-type with precision, or one of e E f F g G with prec.
   Writes into sbuf (512 bytes) when it fits, else an Ou_Malloc'd buffer the
   caller frees (result != sbuf). NULL + MemoryError on failure. */
static char *dtoa_body(double av, char mode, int prec, int flags, char *sbuf, Ou_ssize_t *len)
{
    int upper = mode == 'E' || mode == 'F' || mode == 'G';
    if (isnan(av) || isinf(av)) {
        strcpy(sbuf, isnan(av) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"));
        *len = 3;
        return sbuf;
    }
    char *buf = sbuf;
    size_t need;
    if (mode == 'r' || mode == 'R') {
        int nd, decpt, use_exp;
        char dsbuf[40], *dig = dsbuf;
        if (mode == 'r') {
            if (av == 0.0) {
                strcpy(dig, "0");
                nd = 1;
                decpt = 1;
            } else {
                nd = shortest_digits(av, dig, &decpt);
            }
            use_exp = decpt <= -4 || decpt > 16;
        } else {
            int p = prec < 1 ? 1 : prec;
            if (p + 2 > (int)sizeof dsbuf && !(dig = Ou_Malloc((size_t)p + 2))) {
                OuErr_NoMemory();
                return NULL;
            }
            nd = sig_digits(av, p, dig, &decpt, !(flags & DT_ALT));
            if (nd < 0) {
                if (dig != dsbuf)
                    Ou_Free(dig);
                return NULL;
            }
            use_exp = decpt <= -4 || decpt > p - 1;
            flags |= DT_ADD_DOT_0;
        }
        need = (size_t)nd + (size_t)(decpt < 0 ? -decpt : decpt) + 16;
        if (need > 512 && !(buf = Ou_Malloc(need))) {
            if (dig != dsbuf)
                Ou_Free(dig);
            OuErr_NoMemory();
            return NULL;
        }
        *len = layout(buf, dig, nd, decpt, use_exp, flags & DT_ADD_DOT_0, flags & DT_ALT, 'e');
        if (dig != dsbuf)
            Ou_Free(dig);
        return buf;
    }
    char fmt[8];
    snprintf(fmt, sizeof fmt, "%%%s.*%c", (flags & DT_ALT) ? "#" : "", mode);
    need = (mode == 'f' || mode == 'F') ? (size_t)prec + 330 : (size_t)prec + 40;
    if (need > 512 && !(buf = Ou_Malloc(need))) {
        OuErr_NoMemory();
        return NULL;
    }
    *len = snprintf(buf, need, fmt, prec, av);
    return buf;
}

/* repr(float) text into buf (size >= 32). */
char *Ou_dtoa_repr(double v, char *buf, size_t size)
{
    char sbuf[512];
    Ou_ssize_t n;
    char *body = dtoa_body(fabs(v), 'r', 0, DT_ADD_DOT_0, sbuf, &n);
    if (!body) {          /* cannot happen for 'r' (no allocation) */
        OuErr_Clear();
        snprintf(buf, size, "%.17g", v);
        return buf;
    }
    snprintf(buf, size, "%s%s", (signbit(v) && !isnan(v)) ? "-" : "", body);
    return buf;
}

/* v as text for the %-operator and C callers: type r (repr), e E f F g G;
   flags OU_DTSF_*. Ou_Malloc'd; NULL + MemoryError. */
char *Ou_double_to_string(double v, char type, int precision, int flags)
{
    char sbuf[512];
    Ou_ssize_t n;
    int df = ((flags & OU_DTSF_ALT) ? DT_ALT : 0) | ((flags & OU_DTSF_ADD_DOT_0) ? DT_ADD_DOT_0 : 0);
    char mode = type;
    if (type == 'r')
        df |= DT_ADD_DOT_0;
    else if ((type == 'g' || type == 'G') && (flags & OU_DTSF_ADD_DOT_0))
        mode = 'R';
    if (precision < 0)
        precision = 6;
    char *body = dtoa_body(fabs(v), mode, precision, df, sbuf, &n);
    if (!body)
        return NULL;
    int neg = signbit(v) && !isnan(v);
    char *out = Ou_Malloc((size_t)n + 2);
    if (out) {
        char *p = out;
        if (neg)
            *p++ = '-';
        else if (flags & OU_DTSF_SIGN)
            *p++ = '+';
        memcpy(p, body, (size_t)n + 1);
    } else {
        OuErr_NoMemory();
    }
    if (body != sbuf)
        Ou_Free(body);
    return out;
}

/* Does the mantissa of a formatted number contain a nonzero digit? */
static int has_nonzero_digit(const char *s, Ou_ssize_t n)
{
    for (Ou_ssize_t i = 0; i < n && s[i] != 'e' && s[i] != 'E'; i++)
        if (s[i] >= '1' && s[i] <= '9')
            return 1;
    return 0;
}

static Ou_ssize_t leading_digits(const char *s, Ou_ssize_t n)
{
    Ou_ssize_t i = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    return i;
}

/* Mode and precision for a float presentation type; 0 if unknown. */
static char float_mode(uint32_t type, Ou_ssize_t *prec, int *percent)
{
    *percent = 0;
    switch (type) {
    case 0:
        return *prec < 0 ? 'r' : 'R';
    case 'n':
        type = 'g';
        /* fall through */
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        if (*prec < 0)
            *prec = 6;
        return (char)type;
    case '%':
        if (*prec < 0)
            *prec = 6;
        *percent = 1;
        return 'f';
    }
    return 0;
}

/* One formatted real number: sign (forced '+' when force_plus), grouped
   digits; zero padding to min width when fill is '0' with '=' alignment.
   Returns Ou_Malloc'd ASCII; *eqpos receives the sign length. */
static char *format_real(double v, char mode, Ou_ssize_t prec, int percent, const NumSpec *s,
                         int force_plus, int dot0, Ou_ssize_t min_width, Ou_ssize_t *len, Ou_ssize_t *eqpos)
{
    char sbuf[520];
    Ou_ssize_t n;
    int flags = (s->alt ? DT_ALT : 0) | (dot0 ? DT_ADD_DOT_0 : 0);
    if (prec > 0x7fffffff - 400) {
        OuErr_SetString(OuExc_ValueError, "precision too big");
        return NULL;
    }
    double av = fabs(v);
    if (percent)
        av *= 100.0;
    char *body = dtoa_body(av, mode, (int)prec, flags, sbuf, &n);
    if (!body)
        return NULL;
    if (percent) {         /* dtoa_body leaves room for one more char */
        body[n++] = '%';
        body[n] = 0;
    }
    int neg = signbit(v) && !isnan(v);
    if (neg && s->z && isfinite(v) && !has_nonzero_digit(body, n))
        neg = 0;
    const char *sign = neg ? "-" : (force_plus || s->sign == '+') ? "+" : s->sign == ' ' ? " " : "";
    Ou_ssize_t nint = leading_digits(body, n);
    Ou_ssize_t min_int = 0;
    if (min_width > 0)
        min_int = min_width - (Ou_ssize_t)strlen(sign) - (n - nint);
    char *out = group_number(sign, "", body, n, nint, nint ? s->group : 0, 3, min_int, len);
    *eqpos = (Ou_ssize_t)strlen(sign);
    if (body != sbuf)
        Ou_Free(body);
    return out;
}

/* format(float, spec) once parsed. */
static OuObject *format_double_spec(double v, const NumSpec *s, const char *tname)
{
    Ou_ssize_t prec = s->prec, n, eqpos;
    int percent;
    char mode = float_mode(s->type, &prec, &percent);
    if (!mode)
        return unknown_code(s->type, tname);
    Ou_ssize_t minw = (s->fill == '0' && s->align == '=') ? s->width : 0;
    char *txt = format_real(v, mode, prec, percent, s, 0, mode == 'r', minw, &n, &eqpos);
    if (!txt)
        return NULL;
    OuObject *r = pad_to_str(txt, n, -1, eqpos, s, '>');
    Ou_Free(txt);
    return r;
}

static int check_spec_arg(OuObject *spec)
{
    if (!OuStr_Check(spec)) {
        OuErr_Format(OuExc_TypeError, "__format__() argument must be str, not %.200s", OU_TYPE_NAME(spec));
        return -1;
    }
    return 0;
}

OuObject *OuNumFormat_Float(OuObject *self, double v, OuObject *spec)
{
    NumSpec s;
    if (check_spec_arg(spec) < 0)
        return NULL;
    if (OU_STR_LEN(spec) == 0)
        return OuObject_Str(self);
    if (parse_spec(spec, &s, OU_TYPE_NAME(self)) < 0)
        return NULL;
    return format_double_spec(v, &s, OU_TYPE_NAME(self));
}

OuObject *OuNumFormat_Int(OuObject *self, OuObject *spec)
{
    NumSpec s;
    if (check_spec_arg(spec) < 0)
        return NULL;
    if (OU_STR_LEN(spec) == 0)
        return OuObject_Str(self);
    if (parse_spec(spec, &s, OU_TYPE_NAME(self)) < 0)
        return NULL;
    int base = 10;
    switch (s.type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
        double d = OuInt_AsDouble(self);
        if (d == -1.0 && OuErr_Occurred())
            return NULL;
        return format_double_spec(d, &s, OU_TYPE_NAME(self));
    }
    case 0: case 'd': case 'n': case 'c':
        break;
    case 'b': base = 2; break;
    case 'o': base = 8; break;
    case 'x': case 'X': base = 16; break;
    default:
        return unknown_code(s.type, OU_TYPE_NAME(self));
    }
    if (s.z) {
        OuErr_SetString(OuExc_ValueError,
                        "Negative zero coercion (z) not allowed in integer format specifier");
        return NULL;
    }
    if (s.prec >= 0) {
        OuErr_SetString(OuExc_ValueError, "Precision not allowed in integer format specifier");
        return NULL;
    }
    if (s.type == 'c') {
        if (s.sign) {
            OuErr_SetString(OuExc_ValueError, "Sign not allowed with integer format specifier 'c'");
            return NULL;
        }
        if (s.alt) {
            OuErr_SetString(OuExc_ValueError,
                            "Alternate form (#) not allowed with integer format specifier 'c'");
            return NULL;
        }
        int64_t v = OU_INT_SMALL(self);
        if (!OU_INT_IS_SMALL(self)) {
            OuErr_SetString(OuExc_OverflowError, "Python int too large to convert to C long");
            return NULL;
        }
        if (v < 0 || v > 0x10FFFF) {
            OuErr_SetString(OuExc_OverflowError, "%c arg not in range(0x110000)");
            return NULL;
        }
        return pad_to_str(NULL, 1, (int32_t)v, 0, &s, '>');
    }
    Ou_ssize_t nd, n;
    int neg;
    char *dig = ou_int_digits(self, base, s.type == 'X', &nd, &neg);
    if (!dig)
        return NULL;
    const char *prefix = "";
    if (s.alt)
        prefix = base == 2 ? "0b" : base == 8 ? "0o" : base == 16 ? (s.type == 'X' ? "0X" : "0x") : "";
    const char *sign = neg ? "-" : s.sign == '+' ? "+" : s.sign == ' ' ? " " : "";
    Ou_ssize_t eqpos = (Ou_ssize_t)(strlen(sign) + strlen(prefix));
    Ou_ssize_t min_int = (s.fill == '0' && s.align == '=') ? s.width - eqpos : 0;
    char *txt = group_number(sign, prefix, dig, nd, nd, s.type == 'n' ? 0 : s.group,
                             base == 10 ? 3 : 4, min_int, &n);
    Ou_Free(dig);
    if (!txt)
        return NULL;
    OuObject *r = pad_to_str(txt, n, -1, eqpos, &s, '>');
    Ou_Free(txt);
    return r;
}

/* complex text for a parsed spec (repr when the spec is the default). */
static OuObject *format_complex(double re, double im, const NumSpec *s, const char *tname)
{
    Ou_ssize_t prec = s->prec, nre = 0, nim, eq;
    int percent;
    char mode;
    if (s->type == 0)
        mode = prec < 0 ? 'r' : 'g';
    else if (s->type == '%')
        mode = 0;
    else
        mode = float_mode(s->type, &prec, &percent);
    if (!mode)
        return unknown_code(s->type, tname);
    if (mode == 'g' && s->type == 0 && prec == 0)
        prec = 1;
    int skip_re = s->type == 0 && re == 0.0 && !signbit(re);
    char *tre = NULL, *tim;
    if (!skip_re && !(tre = format_real(re, mode, prec, 0, s, 0, 0, 0, &nre, &eq)))
        return NULL;
    tim = format_real(im, mode, prec, 0, s, !skip_re, 0, 0, &nim, &eq);
    if (!tim) {
        Ou_Free(tre);
        return NULL;
    }
    int parens = s->type == 0 && !skip_re;
    Ou_ssize_t n = nre + nim + 1 + 2 * parens;
    char *txt = Ou_Malloc((size_t)n + 1), *p = txt;
    OuObject *r = NULL;
    if (!txt) {
        OuErr_NoMemory();
    } else {
        if (parens)
            *p++ = '(';
        if (tre)
            memcpy(p, tre, (size_t)nre);
        p += nre;
        memcpy(p, tim, (size_t)nim);
        p += nim;
        *p++ = 'j';
        if (parens)
            *p++ = ')';
        r = pad_to_str(txt, n, -1, 0, s, '>');
        Ou_Free(txt);
    }
    Ou_Free(tre);
    Ou_Free(tim);
    return r;
}

OuObject *OuNumFormat_ComplexRepr(double re, double im)
{
    NumSpec s;
    spec_default(&s);
    return format_complex(re, im, &s, "complex");
}

OuObject *OuNumFormat_Complex(OuObject *self, double re, double im, OuObject *spec)
{
    NumSpec s;
    if (check_spec_arg(spec) < 0)
        return NULL;
    if (OU_STR_LEN(spec) == 0)
        return OuObject_Str(self);
    if (parse_spec(spec, &s, OU_TYPE_NAME(self)) < 0)
        return NULL;
    if (s.zero) {
        OuErr_SetString(OuExc_ValueError, "Zero padding is not allowed in complex format specifier");
        return NULL;
    }
    if (s.align == '=') {
        OuErr_SetString(OuExc_ValueError,
                        "'=' alignment flag is not allowed in complex format specifier");
        return NULL;
    }
    return format_complex(re, im, &s, OU_TYPE_NAME(self));
}

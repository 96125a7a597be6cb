/*
 * unicodectype.c -- Unicode character properties for str methods.
 *
 * Choice of data source: Debian's utf8proc (2.8) carries Unicode 15.0 and has
 * neither numeric values nor full (SpecialCasing) case mappings, so instead a
 * build-time script (scripts/gen_unicodectype.py) dumps python3.11's own
 * Unicode 14.0.0 database into unicodectype_db.h; results agree with CPython
 * 3.11 on every code point, with no run-time library dependency.
 */
#include "unicodectype.h"
#include "unicodectype_db.h"

/* Bits for the first 128 code points (space, digit, lower, upper, xdigit, id start). */
const uint8_t ou_ascii_ctype[128] = {
    ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1,
    [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, [' '] = 1,
    ['0'] = 18, ['1'] = 18, ['2'] = 18, ['3'] = 18, ['4'] = 18,
    ['5'] = 18, ['6'] = 18, ['7'] = 18, ['8'] = 18, ['9'] = 18,
    ['a'] = 52, ['b'] = 52, ['c'] = 52, ['d'] = 52, ['e'] = 52, ['f'] = 52,
    ['g'] = 36, ['h'] = 36, ['i'] = 36, ['j'] = 36, ['k'] = 36, ['l'] = 36,
    ['m'] = 36, ['n'] = 36, ['o'] = 36, ['p'] = 36, ['q'] = 36, ['r'] = 36,
    ['s'] = 36, ['t'] = 36, ['u'] = 36, ['v'] = 36, ['w'] = 36, ['x'] = 36,
    ['y'] = 36, ['z'] = 36,
    ['A'] = 56, ['B'] = 56, ['C'] = 56, ['D'] = 56, ['E'] = 56, ['F'] = 56,
    ['G'] = 40, ['H'] = 40, ['I'] = 40, ['J'] = 40, ['K'] = 40, ['L'] = 40,
    ['M'] = 40, ['N'] = 40, ['O'] = 40, ['P'] = 40, ['Q'] = 40, ['R'] = 40,
    ['S'] = 40, ['T'] = 40, ['U'] = 40, ['V'] = 40, ['W'] = 40, ['X'] = 40,
    ['Y'] = 40, ['Z'] = 40, ['_'] = 32,
};

/* The property record of c (out-of-range code points read as unassigned). */
const OuUcdRecord *OuUnicode_Record(uint32_t c)
{
    if (c >= 0x110000)
        return &ou_ucd_records[0];
    unsigned blk = ou_ucd_index1[c >> OU_UCD_SHIFT];
    return &ou_ucd_records[ou_ucd_index2[(blk << OU_UCD_SHIFT) + (c & ((1u << OU_UCD_SHIFT) - 1))]];
}

#define FLAG(c, f) ((OuUnicode_Record(c)->flags & (f)) != 0)
int OuUnicode_IsAlpha(uint32_t c) { return FLAG(c, OU_UCD_ALPHA); }
int OuUnicode_IsDecimal(uint32_t c) { return FLAG(c, OU_UCD_DECIMAL); }
int OuUnicode_IsDigit(uint32_t c) { return FLAG(c, OU_UCD_DIGIT); }
int OuUnicode_IsNumeric(uint32_t c) { return FLAG(c, OU_UCD_NUMERIC); }
int OuUnicode_IsAlnum(uint32_t c)
{
    return FLAG(c, OU_UCD_ALPHA | OU_UCD_DECIMAL | OU_UCD_DIGIT | OU_UCD_NUMERIC);
}
int OuUnicode_IsLower(uint32_t c) { return FLAG(c, OU_UCD_LOWER); }
int OuUnicode_IsUpper(uint32_t c) { return FLAG(c, OU_UCD_UPPER); }
int OuUnicode_IsTitle(uint32_t c) { return FLAG(c, OU_UCD_TITLE); }
int OuUnicode_IsSpace(uint32_t c)
{
    if (c < 128)
        return ou_ascii_ctype[c] & OU_ASCII_SPACE;
    return FLAG(c, OU_UCD_SPACE);
}
int OuUnicode_IsPrintable(uint32_t c)
{
    if (c < 128)
        return c >= 32 && c < 127;
    return FLAG(c, OU_UCD_PRINTABLE);
}
int OuUnicode_IsXIDStart(uint32_t c) { return FLAG(c, OU_UCD_XID_START); }
int OuUnicode_IsXIDContinue(uint32_t c) { return FLAG(c, OU_UCD_XID_CONTINUE); }
int OuUnicode_IsCased(uint32_t c) { return FLAG(c, OU_UCD_CASED); }
int OuUnicode_IsCaseIgnorable(uint32_t c) { return FLAG(c, OU_UCD_CASE_IGNORABLE); }
int OuUnicode_IsLinebreak(uint32_t c) { return FLAG(c, OU_UCD_LINEBREAK); }
int OuUnicode_ToDecimal(uint32_t c) { return OuUnicode_Record(c)->decimal; }
int OuUnicode_ToDigit(uint32_t c) { return OuUnicode_Record(c)->digit; }
double OuUnicode_ToNumeric(uint32_t c)
{
    int i = OuUnicode_Record(c)->numeric;
    return i ? ou_ucd_numeric[i] : -1.0;
}
const char *OuUnicode_Category(uint32_t c) { return ou_ucd_categories[OuUnicode_Record(c)->category]; }
const char *OuUnicode_Version(void) { return OU_UCD_VERSION; }

/* Expand one stored mapping m of c into out; returns the number of code points. */
static int expand(uint32_t c, int32_t m, uint32_t *out)
{
    /* negative deltas have bit 31 set; only m >= 1<<30 marks an ext entry */
    if (m < (1 << 30)) {
        out[0] = (uint32_t)((int32_t)c + m);
        return 1;
    }
    const uint32_t *e = &ou_ucd_ext[m & 0xffffff];
    for (uint32_t i = 0; i < e[0]; i++)
        out[i] = e[1 + i];
    return (int)e[0];
}

int OuUnicode_ToLowerFull(uint32_t c, uint32_t *out) { return expand(c, OuUnicode_Record(c)->lower, out); }
int OuUnicode_ToUpperFull(uint32_t c, uint32_t *out) { return expand(c, OuUnicode_Record(c)->upper, out); }
int OuUnicode_ToTitleFull(uint32_t c, uint32_t *out) { return expand(c, OuUnicode_Record(c)->title, out); }
int OuUnicode_ToFoldedFull(uint32_t c, uint32_t *out) { return expand(c, OuUnicode_Record(c)->fold, out); }

uint32_t OuUnicode_ToLower(uint32_t c)
{
    uint32_t buf[4] = {0};
    OuUnicode_ToLowerFull(c, buf);
    return buf[0];
}
uint32_t OuUnicode_ToUpper(uint32_t c)
{
    uint32_t buf[4] = {0};
    OuUnicode_ToUpperFull(c, buf);
    return buf[0];
}

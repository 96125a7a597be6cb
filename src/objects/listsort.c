/*
 * listsort.c -- the stable sort behind list.sort() and sorted().
 *
 * An adaptive merge sort: the input is cut into natural runs (non-decreasing,
 * or strictly decreasing which are reversed in place); short runs are
 * extended to a minimum length with binary insertion. Runs go on a stack whose
 * lengths are kept roughly Fibonacci-shaped, so merges stay balanced. A merge
 * copies the shorter run aside and walks both runs; when one run keeps winning
 * it switches to galloping (exponential then binary search) and moves whole
 * blocks at once. Only '<' is ever used, so equal items keep their order.
 *
 * OuSort_Objects sorts keys[] and, when given, applies the same permutation
 * to values[] (used for key= sorts). If a comparison fails the arrays still
 * hold a permutation of their original contents.
 */
#include "core/ouro.h"

#define MIN_GALLOP 7
#define MAX_RUNS 85
#define TMP_INLINE 256

typedef int (*lt_func)(OuObject *a, OuObject *b);   /* 1 true, 0 false, -1 error */

typedef struct {
    OuObject **k, **v;          /* the arrays being sorted (v may be NULL) */
    lt_func lt;
    Ou_ssize_t min_gallop;
    OuObject **tk, **tv;        /* merge scratch space */
    Ou_ssize_t tcap;
    struct { Ou_ssize_t base, len; } run[MAX_RUNS];
    int nruns;
    OuObject *tk_inline[TMP_INLINE], *tv_inline[TMP_INLINE];
} Sorter;

/* ---- comparison functions, chosen once per sort by a scan of the keys ---- */

static int lt_generic(OuObject *a, OuObject *b)
{
    return OuObject_RichCompareBool(a, b, OU_LT);
}

static int lt_small_int(OuObject *a, OuObject *b)
{
    return OU_INT_SMALL(a) < OU_INT_SMALL(b);
}

static int lt_float(OuObject *a, OuObject *b)
{
    return OU_FLOAT_VALUE(a) < OU_FLOAT_VALUE(b);
}

static int lt_str(OuObject *a, OuObject *b)
{
    return OuStr_Compare(a, b) < 0;
}

static lt_func choose_lt(OuObject **keys, Ou_ssize_t n)
{
    OuTypeObject *t = OU_TYPE(keys[0]);
    int small = 1;
    for (Ou_ssize_t i = 0; i < n; i++) {
        if (OU_TYPE(keys[i]) != t)
            return lt_generic;
        if (t == &OuInt_Type && !OU_INT_IS_SMALL(keys[i]))
            small = 0;
    }
    if (t == &OuInt_Type && small)
        return lt_small_int;
    if (t == &OuFloat_Type)
        return lt_float;
    if (t == &OuStr_Type)
        return lt_str;
    return lt_generic;
}

/* ---- moving items (keys and, in parallel, values) ---- */

static inline void mv(Sorter *s, Ou_ssize_t dst, Ou_ssize_t src, Ou_ssize_t n)
{
    memmove(s->k + dst, s->k + src, (size_t)n * sizeof(OuObject *));
    if (s->v)
        memmove(s->v + dst, s->v + src, (size_t)n * sizeof(OuObject *));
}

static inline void to_tmp(Sorter *s, Ou_ssize_t src, Ou_ssize_t n)
{
    memcpy(s->tk, s->k + src, (size_t)n * sizeof(OuObject *));
    if (s->v)
        memcpy(s->tv, s->v + src, (size_t)n * sizeof(OuObject *));
}

static inline void from_tmp(Sorter *s, Ou_ssize_t dst, Ou_ssize_t tsrc, Ou_ssize_t n)
{
    memcpy(s->k + dst, s->tk + tsrc, (size_t)n * sizeof(OuObject *));
    if (s->v)
        memcpy(s->v + dst, s->tv + tsrc, (size_t)n * sizeof(OuObject *));
}

static inline void set1(Sorter *s, Ou_ssize_t dst, Ou_ssize_t src)
{
    s->k[dst] = s->k[src];
    if (s->v)
        s->v[dst] = s->v[src];
}

static inline void set1_tmp(Sorter *s, Ou_ssize_t dst, Ou_ssize_t tsrc)
{
    s->k[dst] = s->tk[tsrc];
    if (s->v)
        s->v[dst] = s->tv[tsrc];
}

static void reverse_range(Sorter *s, Ou_ssize_t lo, Ou_ssize_t hi)
{
    for (hi--; lo < hi; lo++, hi--) {
        OuObject *t = s->k[lo];
        s->k[lo] = s->k[hi];
        s->k[hi] = t;
        if (s->v) {
            t = s->v[lo];
            s->v[lo] = s->v[hi];
            s->v[hi] = t;
        }
    }
}

/* Make room for n items of scratch space. */
static int ensure_tmp(Sorter *s, Ou_ssize_t n)
{
    if (n <= s->tcap)
        return 0;
    if (s->tk != s->tk_inline) {
        Ou_Free(s->tk);
        Ou_Free(s->tv);
    }
    s->tk = Ou_Malloc((size_t)n * sizeof(OuObject *));
    s->tv = s->v ? Ou_Malloc((size_t)n * sizeof(OuObject *)) : NULL;
    if (!s->tk || (s->v && !s->tv)) {
        Ou_Free(s->tk);
        Ou_Free(s->tv);
        s->tk = s->tk_inline;
        s->tv = s->tv_inline;
        s->tcap = TMP_INLINE;
        OuErr_NoMemory();
        return -1;
    }
    s->tcap = n;
    return 0;
}

/* ---- runs ---- */

/* Length of the run starting at lo (hi exclusive); a strictly descending run
   is reversed in place so every run ends up ascending. -1 on error. */
static Ou_ssize_t count_run(Sorter *s, Ou_ssize_t lo, Ou_ssize_t hi)
{
    Ou_ssize_t n = 1;
    if (lo + 1 >= hi)
        return 1;
    int k = s->lt(s->k[lo + 1], s->k[lo]);
    if (k < 0)
        return -1;
    n = 2;
    if (k) {
        while (lo + n < hi) {
            k = s->lt(s->k[lo + n], s->k[lo + n - 1]);
            if (k < 0)
                return -1;
            if (!k)
                break;
            n++;
        }
        reverse_range(s, lo, lo + n);
    } else {
        while (lo + n < hi) {
            k = s->lt(s->k[lo + n], s->k[lo + n - 1]);
            if (k < 0)
                return -1;
            if (k)
                break;
            n++;
        }
    }
    return n;
}

/* Sort [lo, hi) given that [lo, start) is already sorted. */
static int binary_insertion(Sorter *s, Ou_ssize_t lo, Ou_ssize_t hi, Ou_ssize_t start)
{
    for (Ou_ssize_t i = start; i < hi; i++) {
        OuObject *pk = s->k[i], *pv = s->v ? s->v[i] : NULL;
        Ou_ssize_t l = lo, r = i;
        while (l < r) {
            Ou_ssize_t m = l + ((r - l) >> 1);
            int k = s->lt(pk, s->k[m]);
            if (k < 0)
                return -1;
            if (k)
                r = m;
            else
                l = m + 1;
        }
        mv(s, l + 1, l, i - l);
        s->k[l] = pk;
        if (s->v)
            s->v[l] = pv;
    }
    return 0;
}

/* Minimum run length: n itself when small, else a value in [32, 64] such that
   n / minrun is a power of two or slightly less. */
static Ou_ssize_t min_run_length(Ou_ssize_t n)
{
    Ou_ssize_t r = 0;
    while (n >= 64) {
        r |= n & 1;
        n >>= 1;
    }
    return n + r;
}

/* ---- galloping searches over a[0..n), starting near a[hint] ---- */

/* Leftmost insertion point of key: a[k-1] < key <= a[k]. -1 on error. */
static Ou_ssize_t gallop_left(Sorter *s, OuObject *key, OuObject **a, Ou_ssize_t n, Ou_ssize_t hint)
{
    Ou_ssize_t ofs = 1, lastofs = 0, maxofs;
    int k = s->lt(a[hint], key);
    if (k < 0)
        return -1;
    if (k) {
        /* a[hint] < key: search to the right */
        maxofs = n - hint;
        while (ofs < maxofs) {
            k = s->lt(a[hint + ofs], key);
            if (k < 0)
                return -1;
            if (!k)
                break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
            if (ofs <= 0)
                ofs = maxofs;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        lastofs += hint;
        ofs += hint;
    } else {
        /* key <= a[hint]: search to the left */
        maxofs = hint + 1;
        while (ofs < maxofs) {
            k = s->lt(a[hint - ofs], key);
            if (k < 0)
                return -1;
            if (k)
                break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
            if (ofs <= 0)
                ofs = maxofs;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        Ou_ssize_t t = lastofs;
        lastofs = hint - ofs;
        ofs = hint - t;
    }
    /* now a[lastofs] < key <= a[ofs]; binary search in between */
    lastofs++;
    while (lastofs < ofs) {
        Ou_ssize_t m = lastofs + ((ofs - lastofs) >> 1);
        k = s->lt(a[m], key);
        if (k < 0)
            return -1;
        if (k)
            lastofs = m + 1;
        else
            ofs = m;
    }
    return ofs;
}

/* Rightmost insertion point of key: a[k-1] <= key < a[k]. -1 on error. */
static Ou_ssize_t gallop_right(Sorter *s, OuObject *key, OuObject **a, Ou_ssize_t n, Ou_ssize_t hint)
{
    Ou_ssize_t ofs = 1, lastofs = 0, maxofs;
    int k = s->lt(key, a[hint]);
    if (k < 0)
        return -1;
    if (k) {
        /* key < a[hint]: search to the left */
        maxofs = hint + 1;
        while (ofs < maxofs) {
            k = s->lt(key, a[hint - ofs]);
            if (k < 0)
                return -1;
            if (!k)
                break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
            if (ofs <= 0)
                ofs = maxofs;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        Ou_ssize_t t = lastofs;
        lastofs = hint - ofs;
        ofs = hint - t;
    } else {
        /* a[hint] <= key: search to the right */
        maxofs = n - hint;
        while (ofs < maxofs) {
            k = s->lt(key, a[hint + ofs]);
            if (k < 0)
                return -1;
            if (k)
                break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
            if (ofs <= 0)
                ofs = maxofs;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        lastofs += hint;
        ofs += hint;
    }
    lastofs++;
    while (lastofs < ofs) {
        Ou_ssize_t m = lastofs + ((ofs - lastofs) >> 1);
        k = s->lt(key, a[m]);
        if (k < 0)
            return -1;
        if (k)
            ofs = m;
        else
            lastofs = m + 1;
    }
    return ofs;
}

/* ---- merging two adjacent runs A = [pa, pa+na) and B = [pb, pb+nb) ---- */

/* na <= nb; A[0] > B[0] and A[na-1] > B[nb-1] are known. A goes to scratch and
   the merge fills from the left. Invariant: dest + na == pb. */
static int merge_lo(Sorter *s, Ou_ssize_t pa, Ou_ssize_t na, Ou_ssize_t pb, Ou_ssize_t nb)
{
    Ou_ssize_t dest = pa, ta = 0, k;
    Ou_ssize_t min_gallop = s->min_gallop;
    int rc = 0;
    if (ensure_tmp(s, na) < 0)
        return -1;
    to_tmp(s, pa, na);
    set1(s, dest++, pb++);
    if (--nb == 0)
        goto done;
    if (na == 1)
        goto copy_b;
    for (;;) {
        Ou_ssize_t acount = 0, bcount = 0;
        /* one pair at a time until a run wins min_gallop times in a row */
        for (;;) {
            int c = s->lt(s->k[pb], s->tk[ta]);
            if (c < 0)
                goto fail;
            if (c) {
                set1(s, dest++, pb++);
                bcount++;
                acount = 0;
                if (--nb == 0)
                    goto done;
                if (bcount >= min_gallop)
                    break;
            } else {
                set1_tmp(s, dest++, ta++);
                acount++;
                bcount = 0;
                if (--na == 1)
                    goto copy_b;
                if (acount >= min_gallop)
                    break;
            }
        }
        /* galloping */
        min_gallop++;
        do {
            min_gallop -= min_gallop > 1;
            s->min_gallop = min_gallop;
            k = gallop_right(s, s->k[pb], s->tk + ta, na, 0);
            if (k < 0)
                goto fail;
            acount = k;
            if (k) {
                from_tmp(s, dest, ta, k);
                dest += k;
                ta += k;
                na -= k;
                if (na == 1)
                    goto copy_b;
                if (na == 0)
                    goto done;   /* only with an inconsistent '<' */
            }
            set1(s, dest++, pb++);
            if (--nb == 0)
                goto done;
            k = gallop_left(s, s->tk[ta], s->k + pb, nb, 0);
            if (k < 0)
                goto fail;
            bcount = k;
            if (k) {
                mv(s, dest, pb, k);
                dest += k;
                pb += k;
                nb -= k;
                if (nb == 0)
                    goto done;
            }
            set1_tmp(s, dest++, ta++);
            if (--na == 1)
                goto copy_b;
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        min_gallop++;
        s->min_gallop = min_gallop;
    }
fail:
    rc = -1;
done:
    if (na)
        from_tmp(s, dest, ta, na);
    return rc;
copy_b:
    /* the last A item goes after what is left of B */
    mv(s, dest, pb, nb);
    set1_tmp(s, dest + nb, ta);
    return 0;
}

/* nb < na; the mirror image of merge_lo: B goes to scratch and the merge
   fills from the right. Invariant: A is [pa, pa+na), dest == pa + na + nb - 1. */
static int merge_hi(Sorter *s, Ou_ssize_t pa, Ou_ssize_t na, Ou_ssize_t pb, Ou_ssize_t nb)
{
    Ou_ssize_t dest = pb + nb - 1, ea = pa + na - 1, tb = nb - 1, k;
    Ou_ssize_t min_gallop = s->min_gallop;
    int rc = 0;
    if (ensure_tmp(s, nb) < 0)
        return -1;
    to_tmp(s, pb, nb);
    set1(s, dest--, ea--);
    if (--na == 0)
        goto done;
    if (nb == 1)
        goto copy_a;
    for (;;) {
        Ou_ssize_t acount = 0, bcount = 0;
        for (;;) {
            int c = s->lt(s->tk[tb], s->k[ea]);
            if (c < 0)
                goto fail;
            if (c) {
                set1(s, dest--, ea--);
                acount++;
                bcount = 0;
                if (--na == 0)
                    goto done;
                if (acount >= min_gallop)
                    break;
            } else {
                set1_tmp(s, dest--, tb--);
                bcount++;
                acount = 0;
                if (--nb == 1)
                    goto copy_a;
                if (bcount >= min_gallop)
                    break;
            }
        }
        min_gallop++;
        do {
            min_gallop -= min_gallop > 1;
            s->min_gallop = min_gallop;
            k = gallop_right(s, s->tk[tb], s->k + pa, na, na - 1);
            if (k < 0)
                goto fail;
            k = na - k;
            acount = k;
            if (k) {
                dest -= k;
                ea -= k;
                mv(s, dest + 1, ea + 1, k);
                na -= k;
                if (na == 0)
                    goto done;
            }
            set1_tmp(s, dest--, tb--);
            if (--nb == 1)
                goto copy_a;
            k = gallop_left(s, s->k[ea], s->tk, nb, nb - 1);
            if (k < 0)
                goto fail;
            k = nb - k;
            bcount = k;
            if (k) {
                dest -= k;
                tb -= k;
                from_tmp(s, dest + 1, tb + 1, k);
                nb -= k;
                if (nb == 1)
                    goto copy_a;
                if (nb == 0)
                    goto done;   /* only with an inconsistent '<' */
            }
            set1(s, dest--, ea--);
            if (--na == 0)
                goto done;
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        min_gallop++;
        s->min_gallop = min_gallop;
    }
fail:
    rc = -1;
done:
    if (nb)
        from_tmp(s, dest - nb + 1, 0, nb);
    return rc;
copy_a:
    /* the first B item goes before what is left of A */
    dest -= na;
    ea -= na;
    mv(s, dest + 1, ea + 1, na);
    set1_tmp(s, dest, tb);
    return 0;
}

/* Merge runs i and i+1 of the stack. */
static int merge_at(Sorter *s, int i)
{
    Ou_ssize_t pa = s->run[i].base, na = s->run[i].len;
    Ou_ssize_t pb = s->run[i + 1].base, nb = s->run[i + 1].len;
    s->run[i].len = na + nb;
    if (i == s->nruns - 3)
        s->run[i + 1] = s->run[i + 2];
    s->nruns--;
    /* A's prefix not greater than B[0] is already in place */
    Ou_ssize_t k = gallop_right(s, s->k[pb], s->k + pa, na, 0);
    if (k < 0)
        return -1;
    pa += k;
    na -= k;
    if (na == 0)
        return 0;
    /* B's suffix not less than A's last item is already in place */
    nb = gallop_left(s, s->k[pa + na - 1], s->k + pb, nb, nb - 1);
    if (nb <= 0)
        return (int)nb;
    return na <= nb ? merge_lo(s, pa, na, pb, nb) : merge_hi(s, pa, na, pb, nb);
}

/* Restore the stack invariants: len[i-2] > len[i-1] + len[i], len[i-1] > len[i]. */
static int merge_collapse(Sorter *s)
{
    while (s->nruns > 1) {
        int n = s->nruns - 2;
        if ((n > 0 && s->run[n - 1].len <= s->run[n].len + s->run[n + 1].len) ||
            (n > 1 && s->run[n - 2].len <= s->run[n - 1].len + s->run[n].len)) {
            if (s->run[n - 1].len < s->run[n + 1].len)
                n--;
        } else if (s->run[n].len > s->run[n + 1].len) {
            break;
        }
        if (merge_at(s, n) < 0)
            return -1;
    }
    return 0;
}

static int merge_force_collapse(Sorter *s)
{
    while (s->nruns > 1) {
        int n = s->nruns - 2;
        if (n > 0 && s->run[n - 1].len < s->run[n + 1].len)
            n--;
        if (merge_at(s, n) < 0)
            return -1;
    }
    return 0;
}

int OuSort_Objects(OuObject **keys, OuObject **values, Ou_ssize_t n)
{
    if (n < 2)
        return 0;
    Sorter *s = Ou_Malloc(sizeof(Sorter));
    if (!s) {
        OuErr_NoMemory();
        return -1;
    }
    s->k = keys;
    s->v = values;
    s->lt = choose_lt(keys, n);
    s->min_gallop = MIN_GALLOP;
    s->tk = s->tk_inline;
    s->tv = s->tv_inline;
    s->tcap = TMP_INLINE;
    s->nruns = 0;
    int rc = -1;
    Ou_ssize_t minrun = min_run_length(n), lo = 0, remaining = n;
    while (remaining > 0) {
        Ou_ssize_t len = count_run(s, lo, lo + remaining);
        if (len < 0)
            goto out;
        if (len < minrun) {
            Ou_ssize_t force = remaining < minrun ? remaining : minrun;
            if (binary_insertion(s, lo, lo + force, lo + len) < 0)
                goto out;
            len = force;
        }
        s->run[s->nruns].base = lo;
        s->run[s->nruns].len = len;
        s->nruns++;
        if (merge_collapse(s) < 0)
            goto out;
        lo += len;
        remaining -= len;
    }
    rc = merge_force_collapse(s);
out:
    if (s->tk != s->tk_inline) {
        Ou_Free(s->tk);
        Ou_Free(s->tv);
    }
    Ou_Free(s);
    return rc;
}

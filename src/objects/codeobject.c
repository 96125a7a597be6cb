/*
 * codeobject.c -- code objects: the compiler's output, the VM's input.
 *
 * Types defined here: OuCode_Type ("code").
 *
 * co_code is a bytes object holding the 32-bit instruction words (native
 * byte order); co_instrs points into it. co_linetable holds one OuCodePos per
 * instruction; co_positions() yields one tuple per instruction (so the
 * standard library's traceback module, which indexes it with tb_lasti // 2,
 * finds the right entry: tb_lasti is exposed as 2 * instruction index).
 */
#include "core/ouro.h"
#include "vm/eval.h"

/* All items of t are str (t a tuple). */
static int all_str(OuObject *t)
{
    for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(t); i++)
        if (!OuStr_Check(OU_TUPLE_GET(t, i)))
            return 0;
    return 1;
}

static void intern_names(OuObject *t)
{
    for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(t); i++)
        if (OuStr_CheckExact(OU_TUPLE_GET(t, i)))
            OuStr_InternInPlace(&OU_TUPLE_ITEMS(t)[i]);
}

/* For each cellvar, the index of the parameter of the same name, or -1.
   Returns 0 and leaves *out NULL when no cell is a parameter. */
static int make_cell2arg(OuCodeObject *co, int **out)
{
    int nparams = co->co_argcount + co->co_kwonlyargcount +
                  ((co->co_flags & OU_CO_VARARGS) != 0) + ((co->co_flags & OU_CO_VARKEYWORDS) != 0);
    int *map = NULL;
    *out = NULL;
    for (int j = 0; j < co->co_ncellvars; j++) {
        OuObject *cname = OU_TUPLE_GET(co->co_cellvars, j);
        for (int i = 0; i < nparams && i < co->co_nlocals; i++) {
            OuObject *pname = OU_TUPLE_GET(co->co_varnames, i);
            if (pname == cname || OuStr_Equal(pname, cname)) {
                if (!map) {
                    map = Ou_MallocErr(sizeof(int) * (size_t)co->co_ncellvars);
                    if (!map)
                        return -1;
                    for (int k = 0; k < co->co_ncellvars; k++)
                        map[k] = -1;
                }
                map[j] = i;
                break;
            }
        }
    }
    *out = map;
    return 0;
}

OuObject *OuCode_New(int argcount, int posonlyargcount, int kwonlyargcount, int stacksize,
                     int flags, int firstlineno, OuObject *code, OuObject *consts,
                     OuObject *names, OuObject *varnames, OuObject *cellvars, OuObject *freevars,
                     OuObject *filename, OuObject *name, OuObject *qualname,
                     OuObject *linetable, OuObject *exceptiontable)
{
    if (argcount < posonlyargcount || posonlyargcount < 0 || kwonlyargcount < 0 || stacksize < 0 ||
        !code || !OuBytes_Check(code) || OU_BYTES_LEN(code) % 4 != 0 ||
        !consts || !OuTuple_Check(consts) || !names || !OuTuple_Check(names) || !all_str(names) ||
        !varnames || !OuTuple_Check(varnames) || !all_str(varnames) ||
        !cellvars || !OuTuple_Check(cellvars) || !all_str(cellvars) ||
        !freevars || !OuTuple_Check(freevars) || !all_str(freevars) ||
        !filename || !OuStr_Check(filename) || !name || !OuStr_Check(name) ||
        !qualname || !OuStr_Check(qualname) || !linetable || !OuBytes_Check(linetable) ||
        !exceptiontable || !OuBytes_Check(exceptiontable) ||
        OU_BYTES_LEN(exceptiontable) % (Ou_ssize_t)sizeof(OuExcEntry) != 0) {
        OuErr_BadInternalCall();
        return NULL;
    }
    int nparams = argcount + kwonlyargcount + ((flags & OU_CO_VARARGS) != 0) +
                  ((flags & OU_CO_VARKEYWORDS) != 0);
    if (OU_TUPLE_LEN(varnames) < nparams) {
        OuErr_SetString(OuExc_ValueError, "code: varnames is too small");
        return NULL;
    }
    OuCodeObject *co = OuObject_NEW(OuCodeObject, &OuCode_Type);
    if (!co)
        return NULL;
    intern_names(names);
    intern_names(varnames);
    intern_names(cellvars);
    intern_names(freevars);
    co->co_argcount = argcount;
    co->co_posonlyargcount = posonlyargcount;
    co->co_kwonlyargcount = kwonlyargcount;
    co->co_nlocals = (int)OU_TUPLE_LEN(varnames);
    co->co_ncellvars = (int)OU_TUPLE_LEN(cellvars);
    co->co_nfreevars = (int)OU_TUPLE_LEN(freevars);
    co->co_nlocalsplus = co->co_nlocals + co->co_ncellvars + co->co_nfreevars;
    co->co_stacksize = stacksize;
    if (co->co_nfreevars == 0 && co->co_ncellvars == 0)
        flags |= OU_CO_NOFREE;
    else
        flags &= ~OU_CO_NOFREE;
    co->co_flags = flags;
    co->co_firstlineno = firstlineno;
    co->co_code = OU_NEWREF(code);
    co->co_consts = OU_NEWREF(consts);
    co->co_names = OU_NEWREF(names);
    co->co_varnames = OU_NEWREF(varnames);
    co->co_cellvars = OU_NEWREF(cellvars);
    co->co_freevars = OU_NEWREF(freevars);
    co->co_filename = OU_NEWREF(filename);
    co->co_name = OU_NEWREF(name);
    co->co_qualname = OU_NEWREF(qualname);
    co->co_linetable = OU_NEWREF(linetable);
    co->co_exceptiontable = OU_NEWREF(exceptiontable);
    co->co_instrs = (uint32_t *)OU_BYTES_DATA(code);
    co->co_ninstrs = OU_BYTES_LEN(code) / 4;
    co->co_extra = NULL;
    co->co_weakreflist = NULL;
    if (make_cell2arg(co, &co->co_cell2arg) < 0) {
        OU_DECREF(co);
        return NULL;
    }
    return (OuObject *)co;
}

const OuCodePos *OuCode_Positions(OuCodeObject *co, Ou_ssize_t i)
{
    Ou_ssize_t n = OU_BYTES_LEN(co->co_linetable) / (Ou_ssize_t)sizeof(OuCodePos);
    if (i < 0 || i >= n)
        return NULL;
    return (const OuCodePos *)OU_BYTES_DATA(co->co_linetable) + i;
}

int OuCode_Addr2Line(OuCodeObject *co, Ou_ssize_t i)
{
    const OuCodePos *p = OuCode_Positions(co, i);
    return p ? p->lineno : -1;
}

static void code_dealloc(OuObject *o)
{
    OuCodeObject *co = (OuCodeObject *)o;
    OU_XDECREF(co->co_code);
    OU_XDECREF(co->co_consts);
    OU_XDECREF(co->co_names);
    OU_XDECREF(co->co_varnames);
    OU_XDECREF(co->co_cellvars);
    OU_XDECREF(co->co_freevars);
    OU_XDECREF(co->co_filename);
    OU_XDECREF(co->co_name);
    OU_XDECREF(co->co_qualname);
    OU_XDECREF(co->co_linetable);
    OU_XDECREF(co->co_exceptiontable);
    if (co->co_cell2arg)
        Ou_Free(co->co_cell2arg);
    if (co->co_extra)
        Ou_Free(co->co_extra);
    OU_TYPE(o)->tp_free(o);
}

static OuObject *code_repr(OuObject *o)
{
    OuCodeObject *co = (OuCodeObject *)o;
    return OuStr_FromFormat("<code object %U at %p, file \"%U\", line %d>", co->co_name, o,
                            co->co_filename, co->co_firstlineno);
}

/* Structural equality, as CPython's (enough for constant folding and tests). */
static OuObject *code_richcompare(OuObject *a, OuObject *b, int op)
{
    if ((op != OU_EQ && op != OU_NE) || !OuCode_Check(a) || !OuCode_Check(b))
        OU_RETURN_NOTIMPLEMENTED;
    OuCodeObject *x = (OuCodeObject *)a, *y = (OuCodeObject *)b;
    int eq = 1;
    if (a != b) {
        eq = x->co_argcount == y->co_argcount && x->co_posonlyargcount == y->co_posonlyargcount &&
             x->co_kwonlyargcount == y->co_kwonlyargcount && x->co_flags == y->co_flags &&
             x->co_firstlineno == y->co_firstlineno;
        OuObject *fields[][2] = {
            {x->co_name, y->co_name}, {x->co_code, y->co_code}, {x->co_consts, y->co_consts},
            {x->co_names, y->co_names}, {x->co_varnames, y->co_varnames},
            {x->co_freevars, y->co_freevars}, {x->co_cellvars, y->co_cellvars},
            {x->co_linetable, y->co_linetable}, {x->co_exceptiontable, y->co_exceptiontable},
        };
        for (size_t i = 0; eq && i < sizeof fields / sizeof fields[0]; i++) {
            eq = OuObject_RichCompareBool(fields[i][0], fields[i][1], OU_EQ);
            if (eq < 0)
                return NULL;
        }
    }
    return OuBool_FromLong(op == OU_EQ ? eq : !eq);
}

static Ou_hash_t code_hash(OuObject *o)
{
    OuCodeObject *co = (OuCodeObject *)o;
    Ou_uhash_t h = 0x345678;
    OuObject *parts[] = {co->co_name, co->co_code, co->co_consts, co->co_names, co->co_varnames};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        Ou_hash_t hi = OuObject_Hash(parts[i]);
        if (hi == -1)
            return -1;
        h = (h ^ (Ou_uhash_t)hi) * 1000003u;
    }
    h ^= (Ou_uhash_t)(co->co_argcount + co->co_flags * 7 + co->co_firstlineno * 31);
    Ou_hash_t r = (Ou_hash_t)h;
    return r == -1 ? -2 : r;
}

static OuObject *int_or_none(int v)
{
    if (v < 0)
        OU_RETURN_NONE;
    return OuInt_FromLong(v);
}

/* co_positions(): an iterator of (lineno, end_lineno, col, end_col) per instruction. */
static OuObject *code_positions(OuObject *o, OuObject *unused)
{
    OuCodeObject *co = (OuCodeObject *)o;
    OuObject *list = OuList_New(co->co_ninstrs);
    if (!list)
        return NULL;
    for (Ou_ssize_t i = 0; i < co->co_ninstrs; i++) {
        const OuCodePos *p = OuCode_Positions(co, i);
        OuCodePos none = {-1, -1, -1, -1};
        if (!p)
            p = &none;
        OuObject *a = int_or_none(p->lineno), *b = int_or_none(p->end_lineno);
        OuObject *c = int_or_none(p->col), *d = int_or_none(p->end_col);
        OuObject *t = (a && b && c && d) ? OuTuple_Pack(4, a, b, c, d) : NULL;
        OU_XDECREF(a);
        OU_XDECREF(b);
        OU_XDECREF(c);
        OU_XDECREF(d);
        if (!t) {
            OU_DECREF(list);
            return NULL;
        }
        OU_LIST_SET(list, i, t);
    }
    OuObject *it = OuObject_GetIter(list);
    OU_DECREF(list);
    return it;
}

/* co_lines(): an iterator of (start, end, line) over runs of instructions
   with the same line; offsets count 2 per instruction (as tb_lasti). */
static OuObject *code_lines(OuObject *o, OuObject *unused)
{
    OuCodeObject *co = (OuCodeObject *)o;
    OuObject *list = OuList_New(0);
    if (!list)
        return NULL;
    Ou_ssize_t start = 0;
    for (Ou_ssize_t i = 1; i <= co->co_ninstrs; i++) {
        int line = OuCode_Addr2Line(co, start);
        if (i < co->co_ninstrs && OuCode_Addr2Line(co, i) == line)
            continue;
        OuObject *s = OuInt_FromSsize_t(start * 2), *e = OuInt_FromSsize_t(i * 2);
        OuObject *l = int_or_none(line);
        OuObject *t = (s && e && l) ? OuTuple_Pack(3, s, e, l) : NULL;
        OU_XDECREF(s);
        OU_XDECREF(e);
        OU_XDECREF(l);
        if (!t || OuList_Append(list, t) < 0) {
            OU_XDECREF(t);
            OU_DECREF(list);
            return NULL;
        }
        OU_DECREF(t);
        start = i;
    }
    OuObject *it = OuObject_GetIter(list);
    OU_DECREF(list);
    return it;
}

static OuObject *code_sizeof(OuObject *o, OuObject *unused)
{
    OuCodeObject *co = (OuCodeObject *)o;
    return OuInt_FromSsize_t((Ou_ssize_t)sizeof(OuCodeObject) + co->co_ncellvars * (Ou_ssize_t)sizeof(int));
}

/* replace(**changes): a copy with some co_* fields changed. */
static OuObject *code_replace(OuObject *o, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    static const char *const names[] = {
        "co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals", "co_stacksize",
        "co_flags", "co_firstlineno", "co_code", "co_consts", "co_names", "co_varnames",
        "co_freevars", "co_cellvars", "co_filename", "co_name", "co_qualname", "co_linetable",
        "co_exceptiontable", NULL};
    OuCodeObject *co = (OuCodeObject *)o;
    OuObject *a[18];
    if (OuArg_Parse("replace", args, nargs, kwnames, names, 0, 0, 0, a) < 0)
        return NULL;
    int ints[7] = {co->co_argcount, co->co_posonlyargcount, co->co_kwonlyargcount, co->co_nlocals,
                   co->co_stacksize, co->co_flags, co->co_firstlineno};
    for (int i = 0; i < 7; i++) {
        if (!a[i])
            continue;
        long v = OuInt_AsLong(a[i]);
        if (v == -1 && OuErr_Occurred())
            return NULL;
        ints[i] = (int)v;
    }
    OuObject *objs[11] = {co->co_code, co->co_consts, co->co_names, co->co_varnames,
                          co->co_freevars, co->co_cellvars, co->co_filename, co->co_name,
                          co->co_qualname, co->co_linetable, co->co_exceptiontable};
    for (int i = 0; i < 11; i++)
        if (a[7 + i])
            objs[i] = a[7 + i];
    return OuCode_New(ints[0], ints[1], ints[2], ints[4], ints[5], ints[6], objs[0], objs[1], objs[2],
                      objs[3], objs[5], objs[4], objs[6], objs[7], objs[8], objs[9], objs[10]);
}

static OuObject *code_get_lnotab(OuObject *o, void *c)
{
    return OuBytes_FromStringAndSize("", 0);
}

#define CO_OFF(f) offsetof(OuCodeObject, f)
static OuMemberDef code_members[] = {
    {"co_argcount", OU_T_INT, CO_OFF(co_argcount), OU_READONLY, NULL},
    {"co_posonlyargcount", OU_T_INT, CO_OFF(co_posonlyargcount), OU_READONLY, NULL},
    {"co_kwonlyargcount", OU_T_INT, CO_OFF(co_kwonlyargcount), OU_READONLY, NULL},
    {"co_nlocals", OU_T_INT, CO_OFF(co_nlocals), OU_READONLY, NULL},
    {"co_stacksize", OU_T_INT, CO_OFF(co_stacksize), OU_READONLY, NULL},
    {"co_flags", OU_T_INT, CO_OFF(co_flags), OU_READONLY, NULL},
    {"co_firstlineno", OU_T_INT, CO_OFF(co_firstlineno), OU_READONLY, NULL},
    {"co_code", OU_T_OBJECT, CO_OFF(co_code), OU_READONLY, NULL},
    {"_co_code_adaptive", OU_T_OBJECT, CO_OFF(co_code), OU_READONLY, NULL},
    {"co_consts", OU_T_OBJECT, CO_OFF(co_consts), OU_READONLY, NULL},
    {"co_names", OU_T_OBJECT, CO_OFF(co_names), OU_READONLY, NULL},
    {"co_varnames", OU_T_OBJECT, CO_OFF(co_varnames), OU_READONLY, NULL},
    {"co_cellvars", OU_T_OBJECT, CO_OFF(co_cellvars), OU_READONLY, NULL},
    {"co_freevars", OU_T_OBJECT, CO_OFF(co_freevars), OU_READONLY, NULL},
    {"co_filename", OU_T_OBJECT, CO_OFF(co_filename), OU_READONLY, NULL},
    {"co_name", OU_T_OBJECT, CO_OFF(co_name), OU_READONLY, NULL},
    {"co_qualname", OU_T_OBJECT, CO_OFF(co_qualname), OU_READONLY, NULL},
    {"co_linetable", OU_T_OBJECT, CO_OFF(co_linetable), OU_READONLY, NULL},
    {"co_exceptiontable", OU_T_OBJECT, CO_OFF(co_exceptiontable), OU_READONLY, NULL},
    {NULL, 0, 0, 0, NULL}
};

static OuGetSetDef code_getset[] = {
    {"co_lnotab", code_get_lnotab, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

static OuMethodDef code_methods[] = {
    {"co_positions", (void *)code_positions, OU_METH_NOARGS, NULL},
    {"co_lines", (void *)code_lines, OU_METH_NOARGS, NULL},
    {"replace", (void *)code_replace, OU_METH_FAST, NULL},
    {"__replace__", (void *)code_replace, OU_METH_FAST, NULL},
    {"__sizeof__", (void *)code_sizeof, OU_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

OuTypeObject OuCode_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "code",
    .tp_basicsize = sizeof(OuCodeObject),
    .tp_dealloc = code_dealloc,
    .tp_free = OuObject_Free,
    .tp_repr = code_repr,
    .tp_hash = code_hash,
    .tp_richcompare = code_richcompare,
    .tp_getattro = OuObject_GenericGetAttr,
    .tp_members = code_members,
    .tp_getset = code_getset,
    .tp_methods = code_methods,
    .tp_weaklistoffset = offsetof(OuCodeObject, co_weakreflist),
};

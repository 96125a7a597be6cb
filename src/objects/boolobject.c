/*
 * boolobject.c -- bool, the subtype of int with the two instances
 * True and False.
 *
 * Types defined here: OuBool_Type ("bool"); readied by OuInt_Init.
 *
 * Both instances are static and immortal. bool is not subclassable (no
 * OU_TPFLAGS_BASETYPE, so the type system reports "type 'bool' is not an
 * acceptable base type"). & | ^ of two bools give a bool; every other
 * operation is int's.
 */
#include "core/ouro.h"

static OuIntObject ou_false_struct = { OU_STATIC_OBJECT_INIT(&OuBool_Type), 0, NULL };
static OuIntObject ou_true_struct = { OU_STATIC_OBJECT_INIT(&OuBool_Type), 1, NULL };
OuObject *ou_false = (OuObject *)&ou_false_struct;
OuObject *ou_true = (OuObject *)&ou_true_struct;

static OuObject *bool_repr(OuObject *o)
{
    static OuObject *names[2];
    int i = o == OU_TRUE;
    if (!names[i] && !(names[i] = OuStr_InternFromString(i ? "True" : "False")))
        return NULL;
    return OU_NEWREF(names[i]);
}

static OuObject *bool_new(OuTypeObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    if (kwnames && OU_SIZE(kwnames)) {
        OuErr_SetString(OuExc_TypeError, "bool() takes no keyword arguments");
        return NULL;
    }
    if (nargs > 1)
        return OuErr_Format(OuExc_TypeError, "bool expected at most 1 argument, got %zd", nargs);
    if (nargs == 0)
        OU_RETURN_FALSE;
    int t = OuObject_IsTrue(args[0]);
    if (t < 0)
        return NULL;
    return OuBool_FromLong(t);
}

static OuObject *bool_vectorcall(OuObject *type, OuObject *const *args, Ou_ssize_t nargs, OuObject *kwnames)
{
    return bool_new((OuTypeObject *)type, args, nargs, kwnames);
}

static OuObject *bool_and(OuObject *a, OuObject *b)
{
    if (OuBool_Check(a) && OuBool_Check(b))
        return OuBool_FromLong(a == OU_TRUE && b == OU_TRUE);
    return OuInt_Type.nb_and(a, b);
}

static OuObject *bool_or(OuObject *a, OuObject *b)
{
    if (OuBool_Check(a) && OuBool_Check(b))
        return OuBool_FromLong(a == OU_TRUE || b == OU_TRUE);
    return OuInt_Type.nb_or(a, b);
}

static OuObject *bool_xor(OuObject *a, OuObject *b)
{
    if (OuBool_Check(a) && OuBool_Check(b))
        return OuBool_FromLong(a != b);
    return OuInt_Type.nb_xor(a, b);
}

/* Never runs: both instances are immortal. */
static void bool_dealloc(OuObject *o)
{
    OU_UNUSED(o);
}

OuTypeObject OuBool_Type = {
    OU_STATIC_VAROBJECT_INIT(&OuType_Type, 0),
    .tp_name = "bool",
    .tp_basicsize = sizeof(OuIntObject),
    .tp_flags = OU_TPFLAGS_INT_SUBCLASS,
    .tp_doc = "bool(x) -> bool\n\n"
              "Returns True when the argument x is true, False otherwise.\n"
              "The builtins True and False are the only two instances of the class bool.\n"
              "The class bool is a subclass of the class int, and cannot be subclassed.",
    .tp_dealloc = bool_dealloc,
    .tp_new = bool_new,
    .tp_repr = bool_repr,
    .nb_and = bool_and,
    .nb_or = bool_or,
    .nb_xor = bool_xor,
    .tp_base = &OuInt_Type,
    .tp_vectorcall = bool_vectorcall,
};

/*
 * opnames.c -- the instruction names, from the X-macro in vm/opcodes.h
 * (used by dis and by error messages). Defines no types.
 */
#include "core/ouro.h"
#include "vm/opcodes.h"

const char *const ou_opcode_names[OU_NUM_OPCODES] = {
#define OU_OP_NAME(name) #name,
    OU_FOR_EACH_OPCODE(OU_OP_NAME)
#undef OU_OP_NAME
};

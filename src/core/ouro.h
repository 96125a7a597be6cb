/* ouro.h -- everything a C file of the runtime or an embedder needs. */
#ifndef OU_OURO_H
#define OU_OURO_H
#include "object.h"
#include "errors.h"
#include "names.h"
#include "../objects/intobject.h"
#include "../objects/floatobject.h"
#include "../objects/strobject.h"
#include "../objects/bytesobject.h"
#include "../objects/listobject.h"
#include "../objects/dictobject.h"
#include "../objects/rangeobject.h"
#include "../objects/codeobject.h"
#include "../objects/funcobject.h"
#include "../objects/moduleobject.h"
#include "../vm/state.h"
#include "../vm/opcodes.h"

#define OU_VERSION "3.11.2"
#define OU_VERSION_HEX 0x030b02f0
#define OURO_VERSION "0.1.0"
#endif

/*
 * import.c -- the import statement.
 *
 * Modules come from three places, tried in order: sys.modules, the table of
 * modules written in C (ou_builtin_modules), and source files found along
 * sys.path (or a package's __path__): NAME.py or NAME/__init__.py. A module
 * is entered into sys.modules before its code runs, so circular imports see
 * the partly initialised module, and removed again if its code fails.
 * Bytecode caching (.pyc) plugs in at load_source.
 */
#include "core/ouro.h"
#include "vm/eval.h"
#include "modules/modules.h"
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

/* Read a whole file into a malloc'd NUL-terminated buffer; NULL + OSError. */
char *OuImport_ReadFile(const char *path, Ou_ssize_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        OuObject *fn = OuStr_FromUTF8(path);
        OuErr_SetFromErrnoWithFilename(OuExc_OSError, fn);
        OU_XDECREF(fn);
        return NULL;
    }
    size_t cap = 8192, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (len + 1 < cap)
            break;
        cap *= 2;
        char *nb = realloc(buf, cap);
        if (!nb) {
            free(buf);
            buf = NULL;
        }
        buf = nb;
    }
    fclose(f);
    if (!buf) {
        OuErr_NoMemory();
        return NULL;
    }
    buf[len] = '\0';
    if (len_out)
        *len_out = (Ou_ssize_t)len;
    return buf;
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Look for `part` in the directories of `path_list` (a list of str). On
   success fill `file` (the source) and `pkgdir` (the package directory, or
   "" for a plain module) and return 1; 0 when not found; -1 on error. */
static int find_source(OuObject *path_list, const char *part, char *file, char *pkgdir, size_t size)
{
    if (!path_list || !OuList_Check(path_list))
        return 0;
    for (Ou_ssize_t i = 0; i < OU_LIST_LEN(path_list); i++) {
        OuObject *entry = OU_LIST_GET(path_list, i);
        if (!OuStr_Check(entry))
            continue;
        const char *dir = OuStr_AsUTF8(entry);
        if (!dir)
            return -1;
        if (!*dir)
            dir = ".";
        snprintf(pkgdir, size, "%s/%s", dir, part);
        if (is_dir(pkgdir)) {
            snprintf(file, size, "%s/__init__.py", pkgdir);
            if (is_file(file))
                return 1;
        }
        snprintf(file, size, "%s/%s.py", dir, part);
        if (is_file(file)) {
            pkgdir[0] = '\0';
            return 1;
        }
    }
    return 0;
}

/* Run the source file `path` as the body of `module`. 0 or -1. */
static int exec_source(OuObject *module, const char *path)
{
    char *src = OuImport_ReadFile(path, NULL);
    if (!src)
        return -1;
    OuObject *code = Ou_CompileString(src, path, OU_FILE_INPUT, 0);
    free(src);
    if (!code)
        return -1;
    OuObject *d = OuModule_GetDict(module);
    OuObject *r = OuEval_EvalCode(code, d, d);
    OU_DECREF(code);
    if (!r)
        return -1;
    OU_DECREF(r);
    return 0;
}

/* Fill the dunders of a fresh module loaded from a file. */
static int init_module_attrs(OuObject *d, const char *file, const char *pkgdir, OuObject *name, OuObject *parent_name)
{
    OuObject *f = OuStr_FromUTF8(file);
    if (!f || OuDict_SetItem(d, OU_ID(__file__), f) < 0) {
        OU_XDECREF(f);
        return -1;
    }
    OU_DECREF(f);
    if (OuDict_SetItem(d, OU_ID(__builtins__), OU_RT->builtins_module) < 0 ||
        OuDict_SetItem(d, OU_ID(__cached__), OU_NONE) < 0 ||
        OuDict_SetItem(d, OU_ID(__loader__), OU_NONE) < 0 ||
        OuDict_SetItem(d, OU_ID(__spec__), OU_NONE) < 0)
        return -1;
    if (*pkgdir) {
        OuObject *p = OuStr_FromUTF8(pkgdir);
        OuObject *l = p ? OuList_New(0) : NULL;
        int r = (l && OuList_Append(l, p) == 0 && OuDict_SetItem(d, OU_ID(__path__), l) == 0 &&
                 OuDict_SetItem(d, OU_ID(__package__), name) == 0) ? 0 : -1;
        OU_XDECREF(p);
        OU_XDECREF(l);
        return r;
    }
    return OuDict_SetItem(d, OU_ID(__package__), parent_name ? parent_name : OU_ID(empty));
}

/* Create, register and run a module from a source file. New reference. */
static OuObject *load_source(OuObject *fullname, const char *file, const char *pkgdir, OuObject *parent_name)
{
    OuObject *m = OuModule_New(fullname);
    if (!m)
        return NULL;
    if (init_module_attrs(OuModule_GetDict(m), file, pkgdir, fullname, parent_name) < 0 ||
        OuDict_SetItem(OU_RT->modules, fullname, m) < 0) {
        OU_DECREF(m);
        return NULL;
    }
    if (exec_source(m, file) < 0) {
        OuObject *exc = OuErr_GetRaisedException();
        if (OuDict_Contains(OU_RT->modules, fullname) == 1 && OuDict_DelItem(OU_RT->modules, fullname) < 0)
            OuErr_Clear();
        OuErr_SetRaisedException(exc);
        OU_DECREF(m);
        return NULL;
    }
    /* the module may have replaced itself in sys.modules */
    OuObject *final;
    int r = OuDict_GetItemRef(OU_RT->modules, fullname, &final);
    OU_DECREF(m);
    if (r < 0)
        return NULL;
    if (r == 0) {
        OuErr_Format(OuExc_ImportError, "Loaded module %U not found in sys.modules", fullname);
        return NULL;
    }
    return final;
}

/* A module written in C, from the table; NULL without error if not there. */
static OuObject *load_builtin(OuObject *fullname)
{
    for (const OuBuiltinModuleDef *d = ou_builtin_modules; d->name; d++) {
        if (!OuStr_EqualToASCII(fullname, d->name))
            continue;
        OuObject *m = d->init();
        if (!m)
            return NULL;
        if (OuDict_SetItem(OU_RT->modules, fullname, m) < 0) {
            OU_DECREF(m);
            return NULL;
        }
        return m;
    }
    return NULL;
}

static void set_not_found(OuObject *fullname)
{
    OuObject *msg = OuStr_FromFormat("No module named %R", fullname);
    if (msg) {
        OuErr_SetImportError(OuExc_ModuleNotFoundError, msg, fullname, NULL);
        OU_DECREF(msg);
    }
}

/* Import one dotted name whose parent (if any) is already imported.
   New reference. */
static OuObject *import_one(OuObject *fullname, OuObject *parent, OuObject *parent_name, const char *part)
{
    OuObject *m;
    int r = OuDict_GetItemRef(OU_RT->modules, fullname, &m);
    if (r != 0)
        return r < 0 ? NULL : m;
    if (!parent) {
        m = load_builtin(fullname);
        if (m || OuErr_Occurred())
            return m;
    }
    OuObject *path_list;
    if (parent) {
        if (OuObject_LookupAttr(parent, OU_ID(__path__), &path_list) < 0)
            return NULL;
        if (!path_list) {
            OuErr_Format(OuExc_ModuleNotFoundError, "No module named %R; %R is not a package", fullname,
                         parent_name);
            return NULL;
        }
    } else {
        path_list = OuSys_GetObject("path");
        if (!path_list) {
            OuErr_SetString(OuExc_ImportError, "sys.path must be a list of directory names");
            return NULL;
        }
        OU_INCREF(path_list);
    }
    char file[4096], pkgdir[4096];
    r = find_source(path_list, part, file, pkgdir, sizeof file);
    OU_DECREF(path_list);
    if (r < 0)
        return NULL;
    if (r == 0) {
        set_not_found(fullname);
        return NULL;
    }
    m = load_source(fullname, file, pkgdir, parent_name);
    if (m && parent) {
        OuObject *attr = OuStr_FromUTF8(part);
        if (!attr || OuObject_SetAttr(parent, attr, m) < 0)
            OuErr_Clear();
        OU_XDECREF(attr);
    }
    return m;
}

/* Import a dotted absolute name, each package on the way first. Returns the
   innermost module (new ref). */
static OuObject *import_dotted(OuObject *name)
{
    const char *s = OuStr_AsUTF8(name);
    if (!s)
        return NULL;
    OuObject *parent = NULL, *parent_name = NULL;
    const char *p = s;
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t partlen = dot ? (size_t)(dot - p) : strlen(p);
        char part[1024];
        if (partlen == 0 || partlen >= sizeof part) {
            OU_XDECREF(parent);
            OU_XDECREF(parent_name);
            return OuErr_Format(OuExc_ValueError, "Empty module name");
        }
        memcpy(part, p, partlen);
        part[partlen] = '\0';
        OuObject *full = OuStr_FromUTF8AndSize(s, (dot ? dot : p + partlen) - s);
        OuObject *m = full ? import_one(full, parent, parent_name, part) : NULL;
        OU_XDECREF(parent);
        OU_XDECREF(parent_name);
        if (!m) {
            OU_XDECREF(full);
            return NULL;
        }
        if (!dot) {
            OU_DECREF(full);
            return m;
        }
        parent = m;
        parent_name = full;
        p = dot + 1;
    }
}

/* The package a relative import is relative to, from the importer's globals. */
static OuObject *resolve_package(OuObject *globals)
{
    OuObject *pkg = NULL;
    if (globals && OuDict_Check(globals)) {
        pkg = OuDict_GetItemWithError(globals, OU_ID(__package__));
        if (!pkg && OuErr_Occurred())
            return NULL;
        if (pkg && pkg != OU_NONE) {
            if (!OuStr_Check(pkg))
                return OuErr_Format(OuExc_TypeError, "package must be a string");
            return OU_NEWREF(pkg);
        }
        OuObject *name = OuDict_GetItemWithError(globals, OU_ID(__name__));
        if (name && OuStr_Check(name)) {
            if (OuDict_GetItemWithError(globals, OU_ID(__path__)))
                return OU_NEWREF(name);
            Ou_ssize_t dot = OU_STR_LEN(name) - 1;
            while (dot >= 0 && OU_STR_CHAR(name, dot) != '.')
                dot--;
            if (dot >= 0)
                return OuStr_Substring(name, 0, dot);
            return OU_NEWREF(OU_ID(empty));
        }
        if (OuErr_Occurred())
            return NULL;
    }
    return OU_NEWREF(OU_ID(empty));
}

/* The absolute module name of a possibly relative import. */
static OuObject *absolute_name(OuObject *name, OuObject *globals, int level)
{
    if (level == 0) {
        if (OU_STR_LEN(name) == 0)
            return OuErr_Format(OuExc_ValueError, "Empty module name");
        return OU_NEWREF(name);
    }
    OuObject *pkg = resolve_package(globals);
    if (!pkg)
        return NULL;
    if (OU_STR_LEN(pkg) == 0) {
        OU_DECREF(pkg);
        OuErr_SetString(OuExc_ImportError, "attempted relative import with no known parent package");
        return NULL;
    }
    Ou_ssize_t end = OU_STR_LEN(pkg);
    for (int i = 1; i < level; i++) {
        Ou_ssize_t j = end - 1;
        while (j >= 0 && OU_STR_CHAR(pkg, j) != '.')
            j--;
        if (j < 0) {
            OU_DECREF(pkg);
            OuErr_SetString(OuExc_ImportError, "attempted relative import beyond top-level package");
            return NULL;
        }
        end = j;
    }
    OuObject *base = OuStr_Substring(pkg, 0, end);
    OU_DECREF(pkg);
    if (!base || OU_STR_LEN(name) == 0)
        return base;
    OuObject *r = OuStr_FromFormat("%U.%U", base, name);
    OU_DECREF(base);
    return r;
}

/* Import the submodules a from-list names that are not attributes yet. */
static int handle_fromlist(OuObject *module, OuObject *fullname, OuObject *fromlist)
{
    OuObject *path;
    if (OuObject_LookupAttr(module, OU_ID(__path__), &path) < 0)
        return -1;
    if (!path)
        return 0;
    OU_DECREF(path);
    OuObject *seq = OuSequence_Tuple(fromlist);
    if (!seq)
        return -1;
    for (Ou_ssize_t i = 0; i < OU_TUPLE_LEN(seq); i++) {
        OuObject *item = OU_TUPLE_GET(seq, i), *attr;
        if (!OuStr_Check(item))
            continue;
        if (OuStr_EqualToASCII(item, "*")) {
            OuObject *all;
            if (OuObject_LookupAttr(module, OU_ID(__all__), &all) < 0)
                goto fail;
            if (all) {
                int r = handle_fromlist(module, fullname, all);
                OU_DECREF(all);
                if (r < 0)
                    goto fail;
            }
            continue;
        }
        if (OuObject_LookupAttr(module, item, &attr) < 0)
            goto fail;
        if (attr) {
            OU_DECREF(attr);
            continue;
        }
        OuObject *sub = OuStr_FromFormat("%U.%U", fullname, item);
        OuObject *m = sub ? import_dotted(sub) : NULL;
        if (!m) {
            /* a missing submodule is the IMPORT_FROM's error to report */
            if (sub && OuErr_ExceptionMatches(OuExc_ModuleNotFoundError)) {
                OuObject *exc = OuErr_GetRaisedException();
                OuObject *n = exc ? OuObject_GetAttrString(exc, "name") : NULL;
                int same = n && OuStr_Check(n) && OuStr_Equal(n, sub);
                OU_XDECREF(n);
                if (same) {
                    OU_DECREF(exc);
                    OU_DECREF(sub);
                    continue;
                }
                OuErr_SetRaisedException(exc);
            }
            OU_XDECREF(sub);
            goto fail;
        }
        OU_DECREF(m);
        OU_DECREF(sub);
    }
    OU_DECREF(seq);
    return 0;
fail:
    OU_DECREF(seq);
    return -1;
}

OuObject *OuImport_ImportModuleLevel(OuObject *name, OuObject *globals, OuObject *locals,
                                     OuObject *fromlist, int level)
{
    if (level < 0)
        return OuErr_Format(OuExc_ValueError, "level must be >= 0");
    OuObject *full = absolute_name(name, globals, level);
    if (!full)
        return NULL;
    OuObject *m = import_dotted(full);
    if (!m) {
        OU_DECREF(full);
        return NULL;
    }
    int has_from = 0;
    if (fromlist && fromlist != OU_NONE) {
        has_from = OuObject_IsTrue(fromlist);
        if (has_from < 0)
            goto fail;
    }
    if (has_from) {
        if (handle_fromlist(m, full, fromlist) < 0)
            goto fail;
        OU_DECREF(full);
        return m;
    }
    /* `import a.b.c` binds a: return the top-level package */
    Ou_ssize_t dot = -1;
    for (Ou_ssize_t i = 0; i < OU_STR_LEN(name); i++)
        if (OU_STR_CHAR(name, i) == '.') {
            dot = i;
            break;
        }
    if (level == 0 && dot < 0) {
        OU_DECREF(full);
        return m;
    }
    if (level > 0 && OU_STR_LEN(name) == 0) {
        OU_DECREF(full);
        return m;
    }
    {
        /* the top package: the prefix of `full` up to the first dot of the
           part that `name` contributed */
        Ou_ssize_t cut = OU_STR_LEN(full) - OU_STR_LEN(name) + (dot < 0 ? OU_STR_LEN(name) : dot);
        OuObject *top = OuStr_Substring(full, 0, cut);
        OU_DECREF(full);
        OU_DECREF(m);
        if (!top)
            return NULL;
        OuObject *r = OuImport_GetModule(top);
        if (!r && !OuErr_Occurred())
            OuErr_Format(OuExc_KeyError, "%R not in sys.modules as expected", top);
        OU_DECREF(top);
        return r;
    }
fail:
    OU_DECREF(full);
    OU_DECREF(m);
    return NULL;
}

OuObject *OuImport_GetModule(OuObject *name)
{
    OuObject *m;
    if (OuDict_GetItemRef(OU_RT->modules, name, &m) <= 0)
        return NULL;
    return m;
}

OuObject *OuImport_ImportModule(const char *name)
{
    OuObject *n = OuStr_FromUTF8(name);
    if (!n)
        return NULL;
    OuObject *m = import_dotted(n);
    OU_DECREF(n);
    return m;
}

/* The source file of module `name` for `-m` (malloc'd path), running a
   package's __main__; NULL with ModuleNotFoundError/ImportError. */
char *OuImport_FindModuleFile(const char *name)
{
    OuObject *full = OuStr_FromUTF8(name);
    if (!full)
        return NULL;
    OuObject *parent = NULL, *path_list;
    const char *dot = strrchr(name, '.');
    if (dot) {
        OuObject *pn = OuStr_FromUTF8AndSize(name, dot - name);
        parent = pn ? import_dotted(pn) : NULL;
        OU_XDECREF(pn);
        if (!parent) {
            OU_DECREF(full);
            return NULL;
        }
        if (OuObject_LookupAttr(parent, OU_ID(__path__), &path_list) < 0)
            path_list = NULL;
        OU_DECREF(parent);
    } else {
        path_list = OU_XNEWREF(OuSys_GetObject("path"));
    }
    char file[4096], pkgdir[4096];
    int r = path_list ? find_source(path_list, dot ? dot + 1 : name, file, pkgdir, sizeof file) : 0;
    OU_XDECREF(path_list);
    if (r <= 0) {
        if (r == 0)
            set_not_found(full);
        OU_DECREF(full);
        return NULL;
    }
    OU_DECREF(full);
    if (*pkgdir) {
        if (snprintf(file, sizeof file, "%.4000s/__main__.py", pkgdir) >= (int)sizeof file)
            file[0] = '\0';
        if (!is_file(file)) {
            OuErr_Format(OuExc_ImportError, "No module named %s.__main__; '%s' is a package and cannot be "
                         "directly executed", name, name);
            return NULL;
        }
    }
    return strdup(file);
}

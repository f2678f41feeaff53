/* ls-lang.h: the interpreter's shared core: values, objects, the VM struct and
 * the cross-file API of src/lang/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Conventions every file of src/lang/ follows:
 *
 *  - A value is an LsValue (tagged union, 16 bytes). Small ints, floats, bools
 *    and None are immediate; everything else is an LsObj on the GC heap.
 *  - Errors: a function that can raise returns LS_ERR (an LsValue with tag
 *    LS_V_UNDEF) or -1 / NULL, after setting vm->exc with ls_raise*(). Callers
 *    propagate by returning LS_ERR in turn. vm->exc is UNDEF when no exception
 *    is pending.
 *  - GC safety: the collector runs only at VM safe points (between bytecode
 *    instructions of the outermost dispatch loop, when vm->native_depth == 0).
 *    Allocation never collects by itself; it only sets vm->gc_pending. So C code
 *    may hold object pointers in locals freely while it runs, EXCEPT across a
 *    call that can run bytecode at native_depth 0 (only the VM's own dispatch
 *    loop and the runtime driver do that). Natives calling back into Python via
 *    ls_call() are at native_depth > 0, so no collection happens under them.
 *  - Natives: LsNativeFn receives (vm, self, args, nargs, kwnames). For a
 *    method, self is the receiver; for a plain function, self is the LsNative's
 *    `data` (LS_UNDEF if none). args holds nargs positional values followed by
 *    one value per name in kwnames (NULL when there are no keywords).
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "ls-ast.h"

G_BEGIN_DECLS

typedef struct _LsVM          LsVM;
typedef struct _LsObj         LsObj;
typedef struct _LsType        LsType;
typedef struct _LsStr         LsStr;
typedef struct _LsTuple       LsTuple;
typedef struct _LsList        LsList;
typedef struct _LsDict        LsDict;
typedef struct _LsSet         LsSet;
typedef struct _LsRange       LsRange;
typedef struct _LsSlice       LsSlice;
typedef struct _LsInstance    LsInstance;
typedef struct _LsException   LsException;
typedef struct _LsFunction    LsFunction;
typedef struct _LsNative      LsNative;
typedef struct _LsBoundMethod LsBoundMethod;
typedef struct _LsWrapper     LsWrapper;
typedef struct _LsProperty    LsProperty;
typedef struct _LsSuper       LsSuper;
typedef struct _LsCode        LsCode;
typedef struct _LsCell        LsCell;
typedef struct _LsFrame       LsFrame;      /* defined in ls-vm-private.h */
typedef struct _LsGenerator   LsGenerator;  /* defined in ls-vm-private.h */
typedef struct _LsModule      LsModule;
typedef struct _LsTraceback   LsTraceback;
typedef struct _LsIter        LsIter;
typedef struct _LsCData       LsCData;
typedef struct _LsCDataClass  LsCDataClass;
typedef struct _LsVMState     LsVMState;    /* VM-private, in ls-vm-private.h */

/* ------------------------------------------------------------------ values */

typedef enum
{
  LS_V_UNDEF = 0,   /* no value: unbound local, NULL slot, or "an exception is pending" */
  LS_V_NONE,
  LS_V_BOOL,        /* u.i is 0 or 1; bool is a subclass of int, so u.i is valid */
  LS_V_INT,         /* u.i, 64-bit; overflow raises OverflowError */
  LS_V_FLOAT,       /* u.f */
  LS_V_OBJ          /* u.o */
} LsValTag;

typedef struct
{
  guint32 tag;
  union {
    gint64  i;
    double  f;
    LsObj  *o;
  } u;
} LsValue;

#define LS_UNDEF        ((LsValue) { .tag = LS_V_UNDEF, .u.i = 0 })
#define LS_ERR          LS_UNDEF
#define LS_NONE         ((LsValue) { .tag = LS_V_NONE, .u.i = 0 })
#define LS_TRUE         ((LsValue) { .tag = LS_V_BOOL, .u.i = 1 })
#define LS_FALSE        ((LsValue) { .tag = LS_V_BOOL, .u.i = 0 })

static inline LsValue ls_bool  (gboolean b) { LsValue v = { .tag = LS_V_BOOL, .u.i = b ? 1 : 0 }; return v; }
static inline LsValue ls_int   (gint64 i)   { LsValue v = { .tag = LS_V_INT, .u.i = i }; return v; }
static inline LsValue ls_float (double f)   { LsValue v = { .tag = LS_V_FLOAT, .u.f = f }; return v; }
static inline LsValue ls_obj   (gpointer o) { LsValue v = { .tag = LS_V_OBJ, .u.o = (LsObj *) o }; return v; }

#define LS_IS_UNDEF(v)   ((v).tag == LS_V_UNDEF)
#define LS_IS_ERR(v)     ((v).tag == LS_V_UNDEF)
#define LS_IS_NONE(v)    ((v).tag == LS_V_NONE)
#define LS_IS_BOOL(v)    ((v).tag == LS_V_BOOL)
#define LS_IS_INT(v)     ((v).tag == LS_V_INT)            /* exact int, not bool */
#define LS_IS_INTLIKE(v) ((v).tag == LS_V_INT || (v).tag == LS_V_BOOL)
#define LS_IS_FLOAT(v)   ((v).tag == LS_V_FLOAT)
#define LS_IS_OBJ(v)     ((v).tag == LS_V_OBJ)
#define LS_AS_INT(v)     ((v).u.i)
#define LS_AS_FLOAT(v)   ((v).u.f)
#define LS_AS_OBJ(v)     ((v).u.o)
#define LS_OBJ_IS(v, k)  (LS_IS_OBJ (v) && (v).u.o->kind == (k))

/* Identity (`is`): same tag and same payload. */
static inline gboolean
ls_is (LsValue a, LsValue b)
{
  if (a.tag != b.tag)
    return FALSE;
  if (a.tag == LS_V_FLOAT)
    return a.u.f == b.u.f || (a.u.f != a.u.f && b.u.f != b.u.f);
  return a.u.i == b.u.i;
}

/* ----------------------------------------------------------------- objects */

typedef enum
{
  LS_OBJ_STR,
  LS_OBJ_TUPLE,
  LS_OBJ_LIST,
  LS_OBJ_DICT,
  LS_OBJ_SET,           /* also frozenset (type differs) */
  LS_OBJ_RANGE,
  LS_OBJ_SLICE,
  LS_OBJ_TYPE,          /* builtin types and user classes */
  LS_OBJ_INSTANCE,      /* instance of a user class (with a __dict__) */
  LS_OBJ_EXCEPTION,     /* instance of BaseException or a subclass */
  LS_OBJ_FUNCTION,      /* Python function (closure) */
  LS_OBJ_NATIVE,        /* builtin function or method implemented in C */
  LS_OBJ_BOUND_METHOD,  /* Python function bound to an instance */
  LS_OBJ_WRAPPER,       /* staticmethod / classmethod (type tells which) */
  LS_OBJ_PROPERTY,
  LS_OBJ_SUPER,
  LS_OBJ_CODE,
  LS_OBJ_CELL,
  LS_OBJ_FRAME,         /* heap frame (ls-vm-private.h) */
  LS_OBJ_GENERATOR,     /* generator, coroutine, async generator (ls-vm-private.h) */
  LS_OBJ_MODULE,
  LS_OBJ_TRACEBACK,
  LS_OBJ_ITER,          /* native iterators of every kind (LsIter) */
  LS_OBJ_CDATA,         /* opaque C payload: runtime types, deque, random state... */
  LS_OBJ_N_KINDS
} LsObjKind;

/* Every heap object starts with this header. */
struct _LsObj
{
  LsType  *type;      /* the Python-visible type; never NULL once constructed */
  LsObj   *gc_next;   /* all objects, for the sweep */
  guint8   kind;      /* LsObjKind */
  guint8   marked;
  guint16  flags;     /* per-kind bits, see below */
  guint32  gc_size;   /* bytes charged to the heap, for the heap limit */
};

/* flags for LS_OBJ_STR */
#define LS_STR_ASCII     (1 << 0)
#define LS_STR_INTERNED  (1 << 1)

struct _LsStr
{
  LsObj   hdr;
  gint64  hash;       /* -1 until computed */
  gsize   len;        /* bytes, excluding the terminating NUL */
  gsize   nchars;     /* code points */
  char    data[];     /* UTF-8, NUL-terminated */
};

struct _LsTuple
{
  LsObj   hdr;
  gsize   len;
  LsValue items[];
};

/* items: ls_gc_realloc_buffer'ed, cap * sizeof (LsValue) bytes (NULL when cap == 0) */
struct _LsList
{
  LsObj    hdr;
  gsize    len;
  gsize    cap;
  LsValue *items;
};

/* Insertion-ordered hash table in the style of CPython's compact dict:
 * entries in insertion order, a separate open-addressing index.
 * Buffers (ls_gc_realloc_buffer): entries cap_entries * sizeof (LsDictEntry),
 * index (mask + 1) * sizeof (gint64); both NULL while cap_entries == 0. */
typedef struct
{
  gint64  hash;
  LsValue key;        /* LS_UNDEF in a deleted entry */
  LsValue value;
} LsDictEntry;

struct _LsDict
{
  LsObj        hdr;
  LsDictEntry *entries;
  gsize        n_entries;   /* used slots in entries[], deleted ones included */
  gsize        cap_entries;
  gsize        len;         /* live entries */
  gint64      *index;       /* -1 empty, -2 deleted, else entry number */
  gsize        mask;        /* index size - 1 */
  guint64      version;     /* bumped on every insert/delete, for iteration checks */
  LsValue      extra;       /* payload of dict subclasses made in C (defaultdict's
                             * default_factory); UNDEF otherwise; traced by the GC */
};

/* Open-addressing set that reproduces CPython's set iteration order.
 * table: ls_gc_realloc_buffer'ed, (mask + 1) * sizeof (LsSetEntry) bytes, never NULL. */
typedef struct
{
  gint64  hash;
  LsValue key;        /* LS_UNDEF: empty; tag UNDEF with hash == -1 and u.i == 1: dummy */
} LsSetEntry;

struct _LsSet
{
  LsObj       hdr;
  LsSetEntry *table;
  gsize       mask;
  gsize       fill;         /* live + dummy */
  gsize       used;         /* live */
  gsize       finger;       /* where pop() continues searching */
  guint64     version;
};

struct _LsRange
{
  LsObj  hdr;
  gint64 start, stop, step, len;
};

struct _LsSlice
{
  LsObj   hdr;
  LsValue start, stop, step;   /* None when omitted */
};

/* Builtin constructor: self is the type being called (maybe a subclass). */
typedef LsValue (*LsNativeFn) (LsVM          *vm,
                               LsValue        self,
                               const LsValue *args,
                               int            nargs,
                               LsTuple       *kwnames);

/* flags for LS_OBJ_TYPE */
#define LS_TYPE_BUILTIN    (1 << 0)  /* defined in C */
#define LS_TYPE_BASETYPE   (1 << 1)  /* may be subclassed */
#define LS_TYPE_EXCEPTION  (1 << 2)  /* BaseException or a subclass */
#define LS_TYPE_HAS_DEL    (1 << 3)  /* reserved */
#define LS_TYPE_EXC_GROUP  (1 << 4)  /* ExceptionGroup and its subclasses */
#define LS_TYPE_BASE_EXC_GROUP (1 << 5) /* BaseExceptionGroup itself: ExceptionGroup counts as a subclass */

struct _LsType
{
  LsObj               hdr;
  LsStr              *name;          /* __name__ */
  LsStr              *qualname;      /* __qualname__ */
  LsStr              *module;        /* __module__: "builtins", "__main__", "asyncio"... */
  LsType             *base;          /* single inheritance; NULL only for object */
  LsDict             *dict;          /* attributes and methods (natives for builtins) */
  LsNativeFn          ctor;          /* builtin constructor, inherited through base; NULL: generic */
  guint8              instance_kind; /* LsObjKind that calling this type allocates */
  const LsCDataClass *cdata_class;   /* for LS_OBJ_CDATA instances */
  gsize               cdata_size;    /* payload bytes for LS_OBJ_CDATA instances */
};

struct _LsInstance
{
  LsObj   hdr;
  LsDict *dict;
};

struct _LsException
{
  LsObj    hdr;
  LsDict  *dict;               /* user attributes; NULL until first set */
  LsValue  args;               /* tuple */
  LsValue  traceback;          /* LsTraceback or None */
  LsValue  cause;              /* __cause__: exception or None */
  LsValue  context;            /* __context__: exception or None */
  gboolean suppress_context;   /* __suppress_context__ */
  LsValue  eg_message;         /* ExceptionGroup: message (str), else UNDEF */
  LsValue  eg_exceptions;      /* ExceptionGroup: tuple of exceptions, else UNDEF */
};

struct _LsFunction
{
  LsObj    hdr;
  LsCode  *code;
  LsDict  *globals;
  LsTuple *defaults;           /* NULL when none */
  LsDict  *kwdefaults;         /* NULL when none */
  LsTuple *closure;            /* tuple of LsCell, NULL when none */
  LsStr   *name;               /* __name__ (assignable) */
  LsStr   *qualname;           /* __qualname__ */
  LsDict  *dict;               /* function attributes (__wrapped__...), NULL until set */
  LsValue  module;             /* __module__ */
  LsValue  doc;                /* __doc__ */
};

/* flags for LS_OBJ_NATIVE */
#define LS_NATIVE_METHOD   (1 << 0)  /* binds its receiver when read through an instance */
#define LS_NATIVE_CLASS    (1 << 1)  /* binds the class (classmethod-like, e.g. dict.fromkeys) */
#define LS_NATIVE_STATIC   (1 << 2)  /* never binds */

struct _LsNative
{
  LsObj        hdr;
  const char  *name;           /* static string */
  LsNativeFn   fn;
  LsValue      self;           /* bound receiver, or UNDEF */
  LsValue      data;           /* payload passed as self to unbound functions, or UNDEF */
  LsType      *owner;          /* type a method belongs to, for reprs; may be NULL */
};

struct _LsBoundMethod
{
  LsObj   hdr;
  LsValue self;
  LsValue func;
};

/* staticmethod / classmethod objects (hdr.type distinguishes them) */
struct _LsWrapper
{
  LsObj   hdr;
  LsValue func;
};

struct _LsProperty
{
  LsObj   hdr;
  LsValue fget, fset, fdel;    /* None when absent */
  LsValue doc;
};

struct _LsSuper
{
  LsObj   hdr;
  LsType *type;                /* lookup starts after this class in obj's MRO */
  LsValue obj;                 /* instance or class */
};

/* One entry per instruction: where it came from, for tracebacks and the timeline. */
typedef struct
{
  gint32  line, end_line;      /* 1-based; 0 when unknown */
  guint16 col, end_col;        /* 0-based UTF-8 byte columns, end exclusive */
} LsPosition;

/* code flags */
#define LS_CODE_VARARGS         (1 << 0)
#define LS_CODE_VARKEYWORDS     (1 << 1)
#define LS_CODE_GENERATOR       (1 << 2)
#define LS_CODE_COROUTINE       (1 << 3)
#define LS_CODE_ASYNC_GENERATOR (1 << 4)
#define LS_CODE_MODULE          (1 << 5)  /* module body: names via LOAD_NAME in globals */
#define LS_CODE_CLASS_BODY      (1 << 6)  /* class body: names via LOAD_NAME in a namespace dict */
#define LS_CODE_NESTED          (1 << 7)
#define LS_CODE_TOPLEVEL_AWAIT  (1 << 8)  /* module body containing await: runs as a coroutine */

struct _LsCode
{
  LsObj       hdr;
  guint32    *code;            /* instruction words: opcode in the low 8 bits, arg in the high 24 */
  int         n_code;
  LsPosition *positions;       /* n_code entries */
  LsValue    *consts;
  int         n_consts;
  LsStr     **names;           /* global/attribute/import names */
  int         n_names;
  LsStr     **varnames;        /* locals; parameters first, in order */
  int         n_locals;
  LsStr     **cellnames;       /* variables of this scope captured by inner scopes */
  int         n_cells;
  LsStr     **freenames;       /* variables captured from enclosing scopes */
  int         n_free;
  int        *cell2arg;        /* per cell: index of the parameter it starts as, or -1; may be NULL */
  int         argcount;        /* positional parameters (posonly included) */
  int         posonlyargcount;
  int         kwonlyargcount;
  guint32     flags;           /* LS_CODE_* */
  int         max_stack;       /* operand stack depth needed */
  int         max_blocks;      /* SETUP_* nesting needed */
  int         first_line;
  LsStr      *name;            /* co_name: "f", "<module>", "<lambda>", "<listcomp>" */
  LsStr      *qualname;        /* "C.method", "f.<locals>.g" */
  LsStr      *filename;
};

struct _LsCell
{
  LsObj   hdr;
  LsValue value;               /* UNDEF when empty */
};

struct _LsModule
{
  LsObj   hdr;
  LsStr  *name;
  LsDict *dict;
};

/* A traceback entry: the innermost is last (next == NULL). */
struct _LsTraceback
{
  LsObj        hdr;
  LsTraceback *next;
  LsCode      *code;
  int          lasti;          /* instruction index, for the position table */
};

/* Native iterators: one struct, a next function and three value slots plus
 * two counters cover list/tuple/str/range/dict/set iterators, enumerate,
 * zip, map, filter, reversed and the itertools family. */
typedef int (*LsIterNextFn) (LsVM    *vm,
                             LsIter  *it,
                             LsValue *out);  /* 1 value, 0 exhausted, -1 error */

struct _LsIter
{
  LsObj        hdr;
  LsIterNextFn next;
  LsValue      a, b, c;        /* traced by the GC */
  gint64       i, n;
  guint64      version;        /* container version seen at creation (mutation checks) */
};

/* Opaque C data with a Python type: asyncio objects, deque, random state...
 * The payload follows the header (ls_cdata_payload). */
struct _LsCDataClass
{
  const char *name;
  /* marks every LsValue / LsObj the payload holds */
  void (*trace)    (LsVM *vm, LsCData *self);
  /* frees what the payload owns outside the GC heap; may be NULL */
  void (*finalize) (LsVM *vm, LsCData *self);
  /* awaitable/iterator protocol for native awaitables (e.g. Future.__await__):
   * send returns 1 with *out = value to yield, 0 with *out = return value, -1 on error. */
  int  (*send)     (LsVM *vm, LsCData *self, LsValue arg, LsValue *out);
  int  (*throw_)   (LsVM *vm, LsCData *self, LsValue exc, LsValue *out);
};

struct _LsCData
{
  LsObj               hdr;
  const LsCDataClass *klass;
  gsize               size;
  /* payload follows, aligned to 16 bytes */
};

static inline gpointer
ls_cdata_payload (LsCData *cd)
{
  return (char *) cd + ((sizeof (LsCData) + 15) & ~(gsize) 15);
}

/* ---------------------------------------------------- builtin types, names */

typedef enum
{
  LS_T_OBJECT, LS_T_TYPE, LS_T_NONE, LS_T_BOOL, LS_T_INT, LS_T_FLOAT, LS_T_STR,
  LS_T_TUPLE, LS_T_LIST, LS_T_DICT, LS_T_SET, LS_T_FROZENSET, LS_T_RANGE, LS_T_SLICE,
  LS_T_FUNCTION, LS_T_BUILTIN_FUNCTION, LS_T_METHOD, LS_T_STATICMETHOD, LS_T_CLASSMETHOD,
  LS_T_PROPERTY, LS_T_SUPER, LS_T_CODE, LS_T_CELL, LS_T_FRAME, LS_T_GENERATOR,
  LS_T_COROUTINE, LS_T_ASYNC_GENERATOR, LS_T_MODULE, LS_T_TRACEBACK, LS_T_ITERATOR,
  LS_T_ELLIPSIS, LS_T_NOTIMPLEMENTED,
  LS_T_DICT_KEYS, LS_T_DICT_VALUES, LS_T_DICT_ITEMS,
  LS_N_TYPES
} LsTypeId;

/* Builtin exception classes, created by ls-exceptions.c. */
#define LS_FOREACH_EXC(X) \
  X (BASE_EXCEPTION, "BaseException", -1) \
  X (SYSTEM_EXIT, "SystemExit", BASE_EXCEPTION) \
  X (KEYBOARD_INTERRUPT, "KeyboardInterrupt", BASE_EXCEPTION) \
  X (GENERATOR_EXIT, "GeneratorExit", BASE_EXCEPTION) \
  X (BASE_EXCEPTION_GROUP, "BaseExceptionGroup", BASE_EXCEPTION) \
  X (EXCEPTION, "Exception", BASE_EXCEPTION) \
  X (EXCEPTION_GROUP, "ExceptionGroup", EXCEPTION) /* also subclasses BaseExceptionGroup in CPython */ \
  X (ARITHMETIC_ERROR, "ArithmeticError", EXCEPTION) \
  X (ZERO_DIVISION_ERROR, "ZeroDivisionError", ARITHMETIC_ERROR) \
  X (OVERFLOW_ERROR, "OverflowError", ARITHMETIC_ERROR) \
  X (ASSERTION_ERROR, "AssertionError", EXCEPTION) \
  X (ATTRIBUTE_ERROR, "AttributeError", EXCEPTION) \
  X (LOOKUP_ERROR, "LookupError", EXCEPTION) \
  X (INDEX_ERROR, "IndexError", LOOKUP_ERROR) \
  X (KEY_ERROR, "KeyError", LOOKUP_ERROR) \
  X (NAME_ERROR, "NameError", EXCEPTION) \
  X (UNBOUND_LOCAL_ERROR, "UnboundLocalError", NAME_ERROR) \
  X (RUNTIME_ERROR, "RuntimeError", EXCEPTION) \
  X (NOT_IMPLEMENTED_ERROR, "NotImplementedError", RUNTIME_ERROR) \
  X (RECURSION_ERROR, "RecursionError", RUNTIME_ERROR) \
  X (STOP_ITERATION, "StopIteration", EXCEPTION) \
  X (STOP_ASYNC_ITERATION, "StopAsyncIteration", EXCEPTION) \
  X (SYNTAX_ERROR, "SyntaxError", EXCEPTION) \
  X (INDENTATION_ERROR, "IndentationError", SYNTAX_ERROR) \
  X (TAB_ERROR, "TabError", INDENTATION_ERROR) \
  X (TYPE_ERROR, "TypeError", EXCEPTION) \
  X (VALUE_ERROR, "ValueError", EXCEPTION) \
  X (UNICODE_ERROR, "UnicodeError", VALUE_ERROR) \
  X (MEMORY_ERROR, "MemoryError", EXCEPTION) \
  X (OS_ERROR, "OSError", EXCEPTION) \
  X (TIMEOUT_ERROR, "TimeoutError", OS_ERROR) \
  X (CONNECTION_ERROR, "ConnectionError", OS_ERROR) \
  X (CONNECTION_RESET_ERROR, "ConnectionResetError", CONNECTION_ERROR) \
  X (CONNECTION_REFUSED_ERROR, "ConnectionRefusedError", CONNECTION_ERROR) \
  X (CONNECTION_ABORTED_ERROR, "ConnectionAbortedError", CONNECTION_ERROR) \
  X (BROKEN_PIPE_ERROR, "BrokenPipeError", CONNECTION_ERROR) \
  X (FILE_NOT_FOUND_ERROR, "FileNotFoundError", OS_ERROR) \
  X (PERMISSION_ERROR, "PermissionError", OS_ERROR) \
  X (SYSTEM_ERROR, "SystemError", EXCEPTION) \
  X (IMPORT_ERROR, "ImportError", EXCEPTION) \
  X (MODULE_NOT_FOUND_ERROR, "ModuleNotFoundError", IMPORT_ERROR) \
  X (WARNING, "Warning", EXCEPTION) \
  X (DEPRECATION_WARNING, "DeprecationWarning", WARNING) \
  X (RUNTIME_WARNING, "RuntimeWarning", WARNING) \
  X (USER_WARNING, "UserWarning", WARNING) \
  X (EOF_ERROR, "EOFError", EXCEPTION)

typedef enum
{
#define LS_EXC_ENUM(id, name, base) LS_EXC_##id,
  LS_FOREACH_EXC (LS_EXC_ENUM)
#undef LS_EXC_ENUM
  LS_N_EXC
} LsExcId;

/* Interned names used by the VM and the object protocol. */
#define LS_FOREACH_NAME(X) \
  X (__init__) X (__new__) X (__repr__) X (__str__) X (__format__) X (__hash__) X (__bool__) \
  X (__len__) X (__iter__) X (__next__) X (__aiter__) X (__anext__) X (__await__) \
  X (__enter__) X (__exit__) X (__aenter__) X (__aexit__) X (__call__) \
  X (__getitem__) X (__setitem__) X (__delitem__) X (__contains__) X (__missing__) \
  X (__getattr__) X (__setattr__) X (__delattr__) \
  X (__eq__) X (__ne__) X (__lt__) X (__le__) X (__gt__) X (__ge__) \
  X (__add__) X (__sub__) X (__mul__) X (__truediv__) X (__floordiv__) X (__mod__) \
  X (__pow__) X (__matmul__) X (__lshift__) X (__rshift__) X (__or__) X (__xor__) X (__and__) \
  X (__radd__) X (__rsub__) X (__rmul__) X (__rtruediv__) X (__rfloordiv__) X (__rmod__) \
  X (__rpow__) X (__rmatmul__) X (__rlshift__) X (__rrshift__) X (__ror__) X (__rxor__) X (__rand__) \
  X (__iadd__) X (__isub__) X (__imul__) X (__itruediv__) X (__ifloordiv__) X (__imod__) \
  X (__ipow__) X (__imatmul__) X (__ilshift__) X (__irshift__) X (__ior__) X (__ixor__) X (__iand__) \
  X (__neg__) X (__pos__) X (__invert__) X (__abs__) X (__index__) X (__int__) X (__float__) \
  X (__name__) X (__qualname__) X (__module__) X (__class__) X (__dict__) X (__doc__) \
  X (__main__) X (__builtins__) X (__file__) X (__annotations__) X (__init_subclass__) \
  X (__set_name__) X (__post_init__) X (__wrapped__) X (__slots__) X (__classcell__) \
  X (__get__) X (__set__) X (__class_getitem__) X (__reversed__) X (__round__) \
  X (args) X (send) X (throw) X (close) X (append) X (keys) X (items) X (values) \
  X (get) X (name) X (value) X (self)

typedef enum
{
#define LS_NAME_ENUM(n) LS_NAME_##n,
  LS_FOREACH_NAME (LS_NAME_ENUM)
#undef LS_NAME_ENUM
  LS_N_NAMES
} LsNameId;

/* ---------------------------------------------------------------- the VM */

typedef void    (*LsWriteFunc)   (const char *text, gsize len, gpointer user_data);
typedef double  (*LsClockFunc)   (gpointer user_data);
/* time.sleep(): returns FALSE with vm->exc set to abort. */
typedef gboolean (*LsSleepFunc)  (LsVM *vm, double seconds, gpointer user_data);
/* Extra GC roots (the asyncio runtime's queues, the session's handles). */
typedef void    (*LsRootsFunc)   (LsVM *vm, gpointer user_data);

struct _LsVM
{
  /* GC (ls-gc.c) */
  LsObj      *objects;
  gsize       bytes_allocated;
  gsize       next_gc;
  gsize       heap_limit;         /* MemoryError beyond this */
  gboolean    gc_pending;
  gboolean    gc_stress;          /* collect at every safe point after an allocation */
  int         native_depth;       /* > 0 while natives run nested bytecode */

  /* builtin types and names */
  LsType     *types[LS_N_TYPES];
  LsType     *exc_types[LS_N_EXC];  /* builtin exception classes (was `exc`, which clashed with the pending exception) */
  LsStr      *names[LS_N_NAMES];
  GHashTable *interned;           /* const char* (LsStr data) -> LsStr* */
  LsValue     small_strs[128];    /* one-character ASCII strings */
  LsValue     empty_str;
  LsValue     empty_tuple;
  LsValue     ellipsis;
  LsValue     not_implemented;
  LsType     *iter_types[16];    /* native iterator/view types (ls-ops.c marks them via ls_gc_add_roots) */

  /* exceptions */
  LsValue     exc;                /* pending exception, UNDEF when none */

  /* modules */
  LsDict     *modules;            /* name -> module (sys.modules) */
  LsDict     *builtins;           /* the builtins module dict */

  /* host hooks */
  LsWriteFunc stdout_write;
  LsWriteFunc stderr_write;
  gpointer    write_data;
  LsClockFunc clock;              /* time.monotonic() and friends; virtual by default */
  LsSleepFunc sleep;              /* time.sleep() */
  gpointer    clock_data;

  /* limits */
  int         recursion_limit;    /* Python frames; default 1000 like CPython */
  gint64      max_int_str_digits; /* reserved */

  /* everything else is VM-private */
  LsVMState  *st;
};

#define LS_NAME(vm, n)   ((vm)->names[LS_NAME_##n])
#define LS_TYPE(vm, t)   ((vm)->types[LS_T_##t])
#define LS_EXC(vm, e)    ((vm)->exc_types[LS_EXC_##e])

/* ======================================================================
 * Cross-file API. Each block names the file that implements it.
 * ====================================================================== */

/* --- ls-gc.c: allocation and collection -------------------------------- */
gpointer  ls_gc_alloc            (LsVM *vm, LsObjKind kind, LsType *type, gsize size);
void      ls_gc_mark_value       (LsVM *vm, LsValue v);
void      ls_gc_mark_obj         (LsVM *vm, gpointer obj);      /* NULL-safe */
void      ls_gc_collect          (LsVM *vm);
/* Runs a collection if one is due; only at safe points. Returns FALSE with
 * vm->exc set (MemoryError) when the heap limit is exceeded after collecting. */
gboolean  ls_gc_safepoint        (LsVM *vm);
guint     ls_gc_add_roots        (LsVM *vm, LsRootsFunc func, gpointer user_data);
void      ls_gc_remove_roots     (LsVM *vm, guint id);
/* Pins a value until unpinned (for host code holding values across safe points). */
void      ls_gc_pin              (LsVM *vm, LsValue v);
void      ls_gc_unpin            (LsVM *vm, LsValue v);
/* Growable buffers charged to the heap (list items, dict tables...). */
gpointer  ls_gc_realloc_buffer   (LsVM *vm, gpointer buf, gsize old_size, gsize new_size);
void      ls_gc_free_buffer      (LsVM *vm, gpointer buf, gsize size);

/* --- ls-str.c: strings ----------------------------------------------- */
LsStr    *ls_str_new             (LsVM *vm, const char *utf8, gssize len);   /* len -1: strlen */
LsStr    *ls_str_intern          (LsVM *vm, const char *utf8, gssize len);
LsStr    *ls_str_printf          (LsVM *vm, const char *fmt, ...) G_GNUC_PRINTF (2, 3);
LsValue   ls_str_value           (LsVM *vm, const char *utf8);              /* new str value */
static inline const char *ls_str_cstr (const LsStr *s) { return s->data; }
gboolean  ls_str_equal           (const LsStr *a, const LsStr *b);
gint64    ls_str_hash            (LsStr *s);
LsValue   ls_str_concat          (LsVM *vm, LsStr *a, LsStr *b);
/* Python repr of a str: quotes and escapes exactly as CPython. */
LsStr    *ls_str_repr            (LsVM *vm, LsStr *s);
void      _ls_str_init_type      (LsVM *vm);   /* str methods */

/* --- ls-number.c: int, float, bool ------------------------------------ */
LsStr    *ls_float_repr          (LsVM *vm, double f);                       /* repr(float) */
char     *ls_float_repr_cstr     (double f);                                 /* g_free() it */
LsStr    *ls_int_repr            (LsVM *vm, gint64 i);
/* format(value, spec) for int, float, str, bool, None and instances (str()) */
LsValue   ls_format              (LsVM *vm, LsValue v, LsStr *spec);
void      _ls_number_init_types  (LsVM *vm);
/* round(x[, ndigits]) (ndigits UNDEF or None: to int), abs(), divmod(), pow(b, e[, mod]) */
LsValue   ls_number_round        (LsVM *vm, LsValue x, LsValue ndigits);
LsValue   ls_number_abs          (LsVM *vm, LsValue x);
LsValue   ls_number_divmod       (LsVM *vm, LsValue a, LsValue b);
LsValue   ls_number_pow          (LsVM *vm, LsValue base, LsValue exp, LsValue mod);

/* --- ls-tuple.c / ls-list.c -------------------------------------------- */
LsTuple  *ls_tuple_new           (LsVM *vm, gsize len);                      /* items = None */
LsTuple  *ls_tuple_from          (LsVM *vm, const LsValue *items, gsize len);
LsList   *ls_list_new            (LsVM *vm, gsize capacity);                 /* len 0 */
LsList   *ls_list_from           (LsVM *vm, const LsValue *items, gsize len);
void      ls_list_append         (LsVM *vm, LsList *list, LsValue v);
/* list.extend(iterable) (LIST_EXTEND); FALSE on error. */
gboolean  ls_list_extend         (LsVM *vm, LsList *list, LsValue iterable);
/* Sorts in place (stable, like list.sort); key may be UNDEF. Returns FALSE on error. */
gboolean  ls_list_sort           (LsVM *vm, LsList *list, LsValue key, gboolean reverse);
void      _ls_tuple_init_type    (LsVM *vm);
void      _ls_list_init_type     (LsVM *vm);

/* --- ls-dict.c --------------------------------------------------------- */
LsDict   *ls_dict_new            (LsVM *vm);
/* 1 found (*out set), 0 missing, -1 error (hash/eq raised) */
int       ls_dict_lookup         (LsVM *vm, LsDict *d, LsValue key, LsValue *out);
LsValue   ls_dict_get_str        (LsDict *d, LsStr *key);       /* interned/str key; UNDEF if missing */
int       ls_dict_set            (LsVM *vm, LsDict *d, LsValue key, LsValue value); /* 0 / -1 */
void      ls_dict_set_str        (LsVM *vm, LsDict *d, LsStr *key, LsValue value);
void      ls_dict_set_cstr       (LsVM *vm, LsDict *d, const char *key, LsValue value);
int       ls_dict_del            (LsVM *vm, LsDict *d, LsValue key);    /* 1 / 0 missing / -1 */
/* Iterates live entries in insertion order; *pos starts at 0. */
gboolean  ls_dict_next           (LsDict *d, gsize *pos, LsValue *key, LsValue *value);
LsDict   *ls_dict_copy           (LsVM *vm, LsDict *d);
/* dict.update(other): a mapping (keys() + []) or an iterable of pairs (DICT_UPDATE). */
gboolean  ls_dict_update         (LsVM *vm, LsDict *d, LsValue other);
void      _ls_dict_init_type     (LsVM *vm);

/* --- ls-set.c ---------------------------------------------------------- */
LsSet    *ls_set_new             (LsVM *vm, LsType *type);       /* set or frozenset */
int       ls_set_add             (LsVM *vm, LsSet *s, LsValue key);       /* 0 / -1 */
int       ls_set_contains        (LsVM *vm, LsSet *s, LsValue key);       /* 1 / 0 / -1 */
int       ls_set_discard         (LsVM *vm, LsSet *s, LsValue key);       /* 1 / 0 / -1 */
gboolean  ls_set_next            (LsSet *s, gsize *pos, LsValue *key);
/* set.update(iterable) with CPython's merge order (SET_UPDATE); FALSE on error. */
gboolean  ls_set_update          (LsVM *vm, LsSet *s, LsValue iterable);
void      _ls_set_init_type      (LsVM *vm);

/* --- ls-range.c, slices ------------------------------------------------ */
LsValue   ls_range_new           (LsVM *vm, gint64 start, gint64 stop, gint64 step);
LsValue   ls_slice_new           (LsVM *vm, LsValue start, LsValue stop, LsValue step);
/* Resolves a slice against a length like PySlice_AdjustIndices; FALSE on error. */
gboolean  ls_slice_indices       (LsVM *vm, LsSlice *s, gint64 length,
                                  gint64 *start, gint64 *stop, gint64 *step, gint64 *slicelen);
void      _ls_range_init_types   (LsVM *vm);

/* --- ls-ops.c: the object protocol -------------------------------------- */
LsType   *ls_typeof              (LsVM *vm, LsValue v);
const char *ls_type_name         (LsVM *vm, LsValue v);          /* "int", "Foo" */
LsValue   ls_repr                (LsVM *vm, LsValue v);          /* str value or ERR */
LsValue   ls_to_str              (LsVM *vm, LsValue v);          /* str(v) */
LsValue   ls_ascii               (LsVM *vm, LsValue v);          /* ascii(v) */
int       ls_truthy              (LsVM *vm, LsValue v);          /* 1 / 0 / -1 */
int       ls_eq                  (LsVM *vm, LsValue a, LsValue b);        /* 1 / 0 / -1 */
LsValue   ls_compare             (LsVM *vm, LsValue a, LsValue b, LsCmpOpKind op);
/* < for sorting and min/max: 1 / 0 / -1 */
int       ls_less                (LsVM *vm, LsValue a, LsValue b);
gboolean  ls_hash                (LsVM *vm, LsValue v, gint64 *out);       /* FALSE: unhashable */
LsValue   ls_binary_op           (LsVM *vm, LsValue a, LsValue b, int op); /* LsBinOpKind [+INPLACE] */
LsValue   ls_unary_op            (LsVM *vm, LsValue v, LsUnaryOpKind op);
int       ls_contains            (LsVM *vm, LsValue container, LsValue item); /* 1/0/-1 */
LsValue   ls_getitem             (LsVM *vm, LsValue obj, LsValue key);
int       ls_setitem             (LsVM *vm, LsValue obj, LsValue key, LsValue value); /* 0/-1 */
int       ls_delitem             (LsVM *vm, LsValue obj, LsValue key);                /* 0/-1 */
gboolean  ls_len                 (LsVM *vm, LsValue v, gint64 *out);
LsValue   ls_get_iter            (LsVM *vm, LsValue v);
/* 1 / 0 done / -1. When a generator finishes (0), *out is its return value
 * (what next() puts in StopIteration); untouched for other iterators. */
int       ls_iter_next           (LsVM *vm, LsValue iter, LsValue *out);
/* Collects any iterable into a new list (fast paths for list/tuple). */
LsList   *ls_list_from_iterable  (LsVM *vm, LsValue iterable);
LsIter   *ls_iter_new            (LsVM *vm, LsType *type, LsIterNextFn next);
/* Index conversion for sequences: accepts int/bool (and __index__). */
gboolean  ls_index_value         (LsVM *vm, LsValue v, gint64 *out);
void      _ls_ops_init           (LsVM *vm);

/* --- ls-generator.c (VM owner): used by ls_iter_next ------------------- */
/* Resumes a generator with None: 1 *out = yielded value, 0 exhausted
 * (StopIteration consumed; *out = the generator's return value, which
 * next() should pass to the StopIteration it raises), -1 error. */
int       ls_generator_next      (LsVM *vm, LsValue gen, LsValue *out);

/* --- ls-attr.c: attributes, classes, binding (VM owner) ----------------- */
LsValue   ls_getattr             (LsVM *vm, LsValue obj, LsStr *name);   /* raises AttributeError */
/* Like ls_getattr but returns UNDEF without raising when missing. */
LsValue   ls_getattr_opt         (LsVM *vm, LsValue obj, LsStr *name);
int       ls_setattr             (LsVM *vm, LsValue obj, LsStr *name, LsValue value); /* 0/-1 */
int       ls_delattr             (LsVM *vm, LsValue obj, LsStr *name);
/* Looks a name up along a type's base chain (no instance dict, no binding). */
LsValue   ls_type_lookup         (LsType *type, LsStr *name);
/* Special-method lookup on the type of obj, bound to obj; UNDEF if absent. */
LsValue   ls_lookup_special      (LsVM *vm, LsValue obj, LsStr *name);
gboolean  ls_is_subtype          (LsType *sub, LsType *base);
gboolean  ls_isinstance          (LsVM *vm, LsValue obj, LsType *type);
/* Creates a builtin type; base NULL means object. */
LsType   *ls_type_new_builtin    (LsVM *vm, const char *name, LsType *base, LsObjKind instance_kind);
/* Adds a native method / classmethod / static function to a type's dict. */
void      ls_type_add_method     (LsVM *vm, LsType *type, const char *name, LsNativeFn fn);
void      ls_type_add_classmethod(LsVM *vm, LsType *type, const char *name, LsNativeFn fn);
void      ls_type_add_static     (LsVM *vm, LsType *type, const char *name, LsNativeFn fn);
LsValue   ls_native_new          (LsVM *vm, const char *name, LsNativeFn fn, LsValue data);
LsCData  *ls_cdata_new           (LsVM *vm, LsType *type);       /* uses type->cdata_class/size */
/* Builtin constructors of the object model's types, for ls-builtins.c to
 * register (they are also the types' ctors: registering the type objects
 * vm->types[LS_T_STATICMETHOD]... works too). self is the type called. */
LsValue   _ls_builtin_staticmethod (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames);
LsValue   _ls_builtin_classmethod  (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames);
LsValue   _ls_builtin_property     (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames);
LsValue   _ls_builtin_super        (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames);
LsValue   _ls_builtin_type         (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames);
LsValue   _ls_builtin_object       (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames);

/* --- ls-vm.c: calling into Python from C ------------------------------- */
/* Calls any callable. From a native this runs a nested dispatch loop. */
LsValue   ls_call                (LsVM *vm, LsValue callable, const LsValue *args, int nargs,
                                  LsTuple *kwnames);
LsValue   ls_call_method         (LsVM *vm, LsValue obj, LsStr *name, const LsValue *args, int nargs);
/* Argument parsing for natives. spec: comma-separated names; '|' starts the
 * optional ones, '$' keyword-only; e.g. "iterable|key,reverse" or "*|sep,end,file,flush".
 * Missing optionals are left untouched in out[]. Raises TypeError with CPython's
 * messages ("f() takes at most 2 arguments (3 given)", "f() got an unexpected keyword argument 'x'"). */
gboolean  ls_parse_args          (LsVM *vm, const char *fname, const char *spec,
                                  const LsValue *args, int nargs, LsTuple *kwnames,
                                  LsValue *out);
void      ls_vm_write_stdout     (LsVM *vm, const char *text, gsize len);
void      ls_vm_write_stderr     (LsVM *vm, const char *text, gsize len);

/* --- ls-generator.c: generators and coroutines (VM owner) -------------- */
/* Resumes a generator/coroutine from C (nested): 1 yielded *out, 0 returned *out
 * (a finished generator returns None), -1 error. */
int       ls_gen_send            (LsVM *vm, LsValue gen, LsValue value, LsValue *out);
int       ls_gen_throw           (LsVM *vm, LsValue gen, LsValue exc, LsValue *out);
/* gen.close(): 0 / -1 */
int       ls_gen_close           (LsVM *vm, LsValue gen);
/* Requested by the modules owner (globals(), locals(), vars(), dir(), anext()):
 * the globals of the innermost running Python frame (NULL outside any frame);
 * a dict of the innermost frame's locals (its namespace for module and class
 * bodies, a fresh snapshot in functions); importing a module by name
 * (what `import name` does; returns the module or LS_ERR). */
LsDict   *ls_vm_current_globals  (LsVM *vm);
LsValue   ls_vm_current_locals   (LsVM *vm);
LsValue   ls_vm_import           (LsVM *vm, const char *name);

/* --- ls-exceptions.c (VM owner) ---------------------------------------- */
/* Sets vm->exc to a new exception of class id with a formatted message; returns LS_ERR. */
LsValue   ls_raise               (LsVM *vm, LsExcId id, const char *fmt, ...) G_GNUC_PRINTF (3, 4);
LsValue   ls_raise_type          (LsVM *vm, LsType *type, const char *fmt, ...) G_GNUC_PRINTF (3, 4);
/* Raises an exception instance or class (instantiated with no args). */
LsValue   ls_raise_value         (LsVM *vm, LsValue exc);
LsValue   ls_raise_key_error     (LsVM *vm, LsValue key);        /* KeyError(key) */
LsValue   ls_raise_stop_iteration(LsVM *vm, LsValue value);      /* StopIteration(value) */
LsValue   ls_exc_new             (LsVM *vm, LsType *type, const LsValue *args, int nargs);
/* Does the pending exception match type (ls_isinstance)? */
gboolean  ls_exc_pending_is      (LsVM *vm, LsExcId id);
/* Takes the pending exception (vm->exc becomes UNDEF). */
LsValue   ls_exc_fetch           (LsVM *vm);
void      ls_exc_clear           (LsVM *vm);
/* The text of str(exc). */
LsValue   ls_exc_str             (LsVM *vm, LsValue exc);
/* CPython's full report: "Traceback (most recent call last):\n  File ..." with
 * chained causes/contexts, carets, and the final "Type: message" line. */
char     *ls_format_exception    (LsVM *vm, LsValue exc, const char *source_hint);
void      _ls_exceptions_init    (LsVM *vm);

/* --- ls-builtins.c: the builtins module and stdlib modules --------------- */
void      _ls_builtins_init      (LsVM *vm);

/* --- ls-import.c: the module registry (VM owner) ------------------------ */
/* Registers a module made in C; init fills its dict on first import. */
typedef gboolean (*LsModuleInit) (LsVM *vm, LsDict *module_dict);
void      ls_vm_register_module  (LsVM *vm, const char *name, LsModuleInit init);
/* Registers a module written in Python (compiled on first import). */
void      ls_vm_register_source_module (LsVM *vm, const char *name, const char *source);
/* For ls-import.c: what was registered under name (init for C modules, source
 * for Python ones; the other is NULL). FALSE when nothing was. */
gboolean  ls_vm_find_registered_module (LsVM *vm, const char *name, LsModuleInit *init,
                                        const char **source);
/* Generated by lib/embed.py (ls-lib-embedded.c): registers the Python modules of src/lang/lib. */
void      _ls_lib_register_all   (LsVM *vm);

G_END_DECLS

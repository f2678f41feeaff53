/* ls-vm-private.h: frames, generators and the VM's private state, shared by
 * the VM core files (ls-vm.c, ls-gc.c, ls-generator.c, ls-call.c, ...).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include "ls-lang.h"
#include "ls-opcodes.h"
#include "ls-vm.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------ frames */

typedef struct
{
  gint32 handler;     /* instruction index of the handler */
  gint32 level;       /* operand stack depth when the block was pushed */
} LsBlock;

/* How the frame below (frame->back) wants this frame's outcome. */
typedef enum
{
  LS_RESUME_CALL,       /* plain call: the return value is pushed on the caller's stack */
  LS_RESUME_ENTRY,      /* base of a C-level run: leaving it leaves the dispatch loop */
  LS_RESUME_INIT,       /* __init__ run by a class call: pushes frame->aux (the instance) */
  LS_RESUME_CLASS_BODY, /* class body run by BUILD_CLASS: the caller builds the class */
  LS_RESUME_FOR_ITER,   /* generator resumed by FOR_ITER in the caller */
  LS_RESUME_YIELD_FROM, /* generator/coroutine resumed by YIELD_FROM in the caller */
  LS_RESUME_ASEND,      /* async generator resumed by the caller's YIELD_FROM on an asend/athrow */
} LsResumeKind;

/* frame->flags */
#define LS_FRAME_ON_HEAP   (1 << 0)  /* owned by a generator, not on the frame stack */

/* A Python frame. Frames of plain calls are bump-allocated on the VM's frame
 * stack (LIFO); generator frames are malloc'd and owned by their generator.
 * Frames are not GC objects: the collector traces them through the running
 * chain (vm->st->frame and its back pointers) and through generators. */
struct _LsFrame
{
  LsObj        hdr;          /* kind LS_OBJ_FRAME; not linked into vm->objects */
  LsFrame     *back;         /* the frame that resumed/called this one, or NULL */
  LsCode      *code;
  LsFunction  *func;         /* NULL for a module body */
  LsDict      *globals;
  LsDict      *locals;       /* module/class body namespace, else NULL */
  LsDict      *builtins;
  LsGenerator *gen;          /* owning generator, or NULL */
  LsValue      handled;      /* the exception being handled here, or UNDEF */
  LsValue      aux;          /* LS_RESUME_INIT: the instance */
  LsValue     *sp;           /* saved operand stack pointer */
  LsValue     *stack;        /* operand stack base (after locals, cells, frees) */
  LsBlock     *blocks;
  gint32       pc;           /* next instruction to execute */
  gint32       n_blocks;
  guint8       resume;       /* LsResumeKind */
  guint8       flags;
  guint32      alloc_size;
  LsValue      slots[];      /* locals, cells, frees, operand stack; then the blocks */
};

static inline LsValue *
ls_frame_cells (LsFrame *f)
{
  return f->slots + f->code->n_locals;
}

static inline int
ls_frame_lasti (LsFrame *f)
{
  return f->pc > 0 ? f->pc - 1 : 0;
}

/* memcpy of values that accepts an empty (possibly NULL) source. */
static inline void
ls_copy_values (LsValue       *dst,
                const LsValue *src,
                gsize          n)
{
  if (n > 0)
    memcpy (dst, src, n * sizeof (LsValue));
}

/* -------------------------------------------------------------- generators */

typedef enum
{
  LS_GEN_CREATED,
  LS_GEN_SUSPENDED,
  LS_GEN_RUNNING,
  LS_GEN_FINISHED,
} LsGenState;

/* A generator, coroutine or async generator (hdr.type tells which). */
struct _LsGenerator
{
  LsObj     hdr;
  LsFrame  *frame;           /* NULL once finished */
  LsCode   *code;
  LsStr    *name;
  LsStr    *qualname;
  guint8    state;           /* LsGenState */
  guint8    kind;            /* 0 generator, 1 coroutine, 2 async generator */
  gboolean  ag_running;      /* async generator: an asend/athrow is in progress */
  gboolean  ag_closed;       /* async generator: aclose() ran or it finished */
  gboolean  ag_hooks_called;
  /* Only the operand stack of the frame that created it holds it (the
   * iterator of `for x in gen():`), so dropping it there is its death. */
  gboolean  temp;
  /* Suspended inside a try/with block at least once and not finished: it
   * may have a finally to run when it dies (LsVMState.guarded_gens). */
  gboolean  guarded;
};

#define LS_GEN_KIND_GENERATOR  0
#define LS_GEN_KIND_COROUTINE  1
#define LS_GEN_KIND_ASYNC_GEN  2

/* The awaitables returned by asend()/__anext__() and athrow()/aclose(). */
typedef enum
{
  LS_AWAIT_INIT,
  LS_AWAIT_ITER,
  LS_AWAIT_CLOSED,
} LsAgenAwaitState;

typedef struct
{
  LsGenerator *agen;
  LsValue      value;        /* asend: the value to send first; athrow: the exception */
  guint8       state;        /* LsAgenAwaitState */
  gboolean     is_throw;     /* athrow/aclose */
  gboolean     is_close;     /* aclose: throws GeneratorExit */
} LsAgenAwait;

/* ------------------------------------------------------------- VM state */

typedef struct _LsFrameChunk LsFrameChunk;
struct _LsFrameChunk
{
  LsFrameChunk *prev;
  char         *top;
  char         *limit;
  char          data[];
};

typedef struct
{
  LsRootsFunc func;
  gpointer    user_data;
  guint       id;
} LsRootsEntry;

/* Size classes for small GC objects (ls-gc.c). */
#define LS_POOL_GRAIN    16
#define LS_POOL_MAX      512
#define LS_POOL_CLASSES  (LS_POOL_MAX / LS_POOL_GRAIN)

typedef struct
{
  gpointer  free[LS_POOL_CLASSES];  /* free lists, linked through the first word */
  char     *bump;
  char     *bump_end;
  GPtrArray *chunks;
} LsPool;

typedef struct
{
  LsModuleInit init;
  char        *source;       /* Python source, or NULL */
} LsModuleEntry;

/* What a finished dispatch loop reports back. */
typedef enum
{
  LS_EXIT_RETURN,
  LS_EXIT_YIELD,
  LS_EXIT_ERROR,
  LS_EXIT_SUSPEND,
  LS_EXIT_HOSTCALL,          /* a native requested a host call (st->hostcall_request) */
} LsExitKind;

/* How a run of the dispatch loop starts. */
typedef enum
{
  LS_START_RUN,              /* continue st->frame at its pc */
  LS_START_RAISE,            /* vm->exc is pending in st->frame: unwind */
  LS_START_RERAISE,          /* same, without adding a traceback entry */
  LS_START_YIELD,            /* st->frame yields the start value (raw) */
  LS_START_RETURN,           /* st->frame returns the start value */
  LS_START_PUSH,             /* st->frame gets the start value as a call's result */
} LsStartKind;

struct _LsVMState
{
  /* the running frame chain */
  LsFrame       *frame;
  int            depth;              /* frames in the chain, for the recursion limit */
  LsFrameChunk  *chunk;
  LsFrameChunk  *spare_chunk;

  /* a suspended outermost run */
  gboolean       suspended;
  LsFrame       *suspended_entry;
  guint8         suspended_what;     /* LsRunStatus to report for a return */

  /* the last yield: TRUE when an async generator yielded to its consumer */
  gboolean       yield_wrapped;

  /* GC */
  LsPool         pool;
  LsObj        **gray;
  gsize          gray_len, gray_cap;
  GArray        *roots;              /* LsRootsEntry */
  guint          next_roots_id;
  GArray        *pins;               /* LsValue */
  guint          n_collections;
  guint          guarded_gens;       /* live LsGenerator with guarded set */

  /* programs and modules */
  GHashTable    *sources;            /* filename -> source text */
  GHashTable    *registry;           /* module name -> LsModuleEntry */
  LsModule      *main_module;

  /* types that have no LS_T_ id */
  LsType        *asend_type;
  LsType        *athrow_type;
  LsType        *native_type_wrapper;

  /* attribute dicts of objects of user subclasses of builtin kinds (LsObj* -> LsDict*) */
  GHashTable    *extra_dicts;

  /* default virtual clock */
  double         vclock;

  /* the generator the last CALL created, for the `for x in gen()` pattern */
  LsGenerator   *fresh_gen;
  LsFrame       *fresh_frame;
  gint32         fresh_pc;

  /* sys.set_asyncgen_hooks() */
  LsValue        agen_firstiter;
  LsValue        agen_finalizer;

  /* host calls (ls_vm_request_hostcall) */
  LsNative      *direct_native;      /* the native the dispatch loop is calling */
  gboolean       hostcall_requested; /* set by ls_vm_request_hostcall, taken by vm_call */
  gboolean       hostcall_pending;   /* a run stopped with LS_RUN_HOSTCALL */
  guint8         hostcall_what;      /* LsRunStatus to report when that run returns */
  LsValue        hostcall_request;   /* pinned while set */
};

/* ---------------------------------------------------- cross-file internals */

/* ls-vm.c */
LsFrame     *_ls_frame_new              (LsVM *vm, LsCode *code, LsFunction *func,
                                         LsDict *globals, LsDict *locals, gboolean on_heap);
void         _ls_frame_release          (LsVM *vm, LsFrame *frame);
/* Creates the frame's cells once its arguments are bound, and copies the closure. */
void         _ls_frame_init_cells       (LsVM *vm, LsFrame *frame);
/* Runs the chain at vm->st->frame until the innermost LS_RESUME_ENTRY frame
 * finishes; *out gets the returned/yielded value. */
LsExitKind   _ls_vm_run                 (LsVM *vm, LsStartKind start, LsValue start_value,
                                         gint64 budget, LsValue *out);
/* Runs a fully bound frame (cells initialized) to completion from C, in a nested loop. */
LsValue      _ls_vm_run_frame           (LsVM *vm, LsFrame *frame);
/* The exception handled by the innermost frame that has one, or UNDEF. */
LsValue      _ls_vm_handled_exception   (LsVM *vm);
gboolean     _ls_vm_check_recursion     (LsVM *vm);
int          _ls_code_line_at           (LsCode *code, int index);

/* ls-call.c */
/* Binds arguments into a fresh frame's locals with CPython's TypeErrors. */
gboolean     _ls_bind_args              (LsVM *vm, LsFunction *func, LsFrame *frame,
                                         LsValue self, const LsValue *args, int nargs,
                                         LsTuple *kwnames);
/* Calls a Python function: a generator function returns its generator. */
LsValue      _ls_call_function          (LsVM *vm, LsFunction *func, LsValue self,
                                         const LsValue *args, int nargs, LsTuple *kwnames);
LsValue      _ls_call_native            (LsVM *vm, LsNative *nat, const LsValue *args, int nargs,
                                         LsTuple *kwnames);
/* Creates the instance for a class call; *init gets a Python __init__ to run on it, or UNDEF. */
LsValue      _ls_type_call_new          (LsVM *vm, LsType *type, const LsValue *args, int nargs,
                                         LsTuple *kwnames, LsValue *init);
LsValue      _ls_type_call              (LsVM *vm, LsType *type, const LsValue *args, int nargs,
                                         LsTuple *kwnames);
gboolean     _ls_check_init_result      (LsVM *vm, LsValue result);
const char  *_ls_callable_name          (LsVM *vm, LsValue callable, char *buf, gsize len);

/* ls-attr.c */
LsType      *_ls_type_alloc             (LsVM *vm, LsType *base, LsObjKind instance_kind);
LsValue      _ls_build_class            (LsVM *vm, LsStr *name, LsValue *bases, int n_bases,
                                         LsDict *ns, LsValue classcell);
void         _ls_attr_init_types        (LsVM *vm);
/* The instance dict of obj (creating it when the kind has one), or NULL. */
LsDict      *_ls_instance_dict          (LsVM *vm, LsValue obj, gboolean create);
LsValue      _ls_bind_descriptor        (LsVM *vm, LsValue descr, LsValue obj, LsType *type);
LsValue      _ls_raise_attribute_error  (LsVM *vm, LsValue obj, LsStr *name);
/* Forgets every cached type lookup (objects may have been freed). */
void         _ls_type_cache_flush       (void);

/* ls-exceptions.c */
void         _ls_exc_set_context        (LsVM *vm, LsValue exc, LsValue context);
LsValue      _ls_exc_convert_stop       (LsVM *vm, LsValue exc, int gen_kind);
LsValue      _ls_raise_name_error       (LsVM *vm, LsStr *name, LsFrame *frame);
void         _ls_exc_set_attr_info      (LsVM *vm, LsValue exc, LsValue obj, LsStr *name);
LsValue      _ls_exc_stop_value         (LsVM *vm, LsValue exc);
gboolean     _ls_is_exception_class     (LsVM *vm, LsValue v);
LsValue      _ls_exc_group_match        (LsVM *vm, LsValue eg, LsValue type, LsValue *rest);
LsValue      _ls_exc_prep_reraise_star  (LsVM *vm, LsValue orig, LsValue list);
/* Builtin attributes of exceptions: UNDEF when name is not one of them. */
LsValue      _ls_exc_getattr            (LsVM *vm, LsValue exc, LsStr *name);
/* 0 done, -1 error, 1 not special (use the instance dict) */
int          _ls_exc_setattr            (LsVM *vm, LsValue exc, LsStr *name, LsValue value, gboolean del);
/* "Did you mean" for an uncaught NameError/AttributeError (g_free), or NULL. */
char        *_ls_exc_suggestion         (LsVM *vm, LsValue exc);

/* ls-traceback.c */
void         _ls_traceback_add          (LsVM *vm, LsValue exc, LsCode *code, int lasti);
void         _ls_vm_register_source     (LsVM *vm, const char *filename, const char *source);
const char  *_ls_vm_lookup_source       (LsVM *vm, const char *filename);

/* ls-generator.c */
LsValue      _ls_gen_new                (LsVM *vm, LsFunction *func, LsFrame *frame);
void         _ls_gen_finish             (LsVM *vm, LsGenerator *gen);
void         _ls_generator_init_types   (LsVM *vm);
const char  *_ls_gen_kind_word          (LsGenerator *gen);
LsValue      _ls_gen_getattr            (LsVM *vm, LsValue gen, LsStr *name);
/* Links gen's frame above vm->st->frame for a resume; FALSE with vm->exc set
 * (or *finished set for a send into a finished generator). */
gboolean     _ls_gen_link               (LsVM *vm, LsGenerator *gen, LsResumeKind kind,
                                         gboolean is_throw, LsValue value, gboolean *finished);
/* Prepares a throw into gen (linked above vm->st->frame with kind). Returns
 * the LsStartKind to run with and *value (yielded/returned value). */
LsStartKind  _ls_gen_prepare_throw      (LsVM *vm, LsGenerator *gen, LsResumeKind kind,
                                         LsValue exc, LsValue *value, gboolean *done);
gboolean     _ls_is_agen_await          (LsVM *vm, LsValue v);
LsAgenAwait *_ls_agen_await_data        (LsValue v);
/* Native send/throw into any delegate (generator, native awaitable, iterator): 1 yielded, 0 returned, -1 error */
int          _ls_delegate_send          (LsVM *vm, LsValue iter, LsValue value, LsValue *out);
LsValue      _ls_get_awaitable          (LsVM *vm, LsValue obj, int where);
LsValue      _ls_get_aiter              (LsVM *vm, LsValue obj);
LsValue      _ls_get_anext              (LsVM *vm, LsValue aiter);
LsValue      _ls_agen_asend_new         (LsVM *vm, LsGenerator *agen, LsValue value);
/* A temporary generator was dropped: close it now, as CPython's refcounting would. */
void         _ls_gen_drop_temp          (LsVM *vm, LsGenerator *gen);
/* A generator was suspended: note whether it waits inside a try/with block. */
void         _ls_gen_note_suspended     (LsVM *vm, LsGenerator *gen);
/* A reference to v went away (del, rebinding, a returning frame): close v if it
 * is a guarded generator nothing reaches any more, or such generators v held
 * directly (attributes, items of a small list/tuple/dict). Only at native
 * depth 0. */
void         _ls_gen_release            (LsVM *vm, LsValue v);
/* What obj.name / obj[key] holds before a store or del replaces it, where
 * that is cheap to know (instance attributes, list items, dict entries);
 * else UNDEF. */
LsValue      _ls_gen_attr_before        (LsValue obj, LsStr *name);
LsValue      _ls_gen_item_before        (LsVM *vm, LsValue obj, LsValue key);

/* ls-gc.c */
void         _ls_gc_init                (LsVM *vm);
void         _ls_gc_free_all            (LsVM *vm);
void         _ls_gc_trace_frame         (LsVM *vm, LsFrame *frame);
/* A full mark without the sweep: which of objs are reachable from the roots. */
void         _ls_gc_check_reachable     (LsVM *vm, LsObj *const *objs, int n, gboolean *reached);
/* Whether any of targets can be reached from what from refers to. */
gboolean     _ls_gc_reaches             (LsVM *vm, LsObj *from, LsObj *const *targets, int n);

/* ls-import.c */
void         _ls_import_init            (LsVM *vm);
LsValue      _ls_import_name            (LsVM *vm, LsStr *name);
LsValue      _ls_import_from            (LsVM *vm, LsValue module, LsStr *name);
gboolean     _ls_import_star            (LsVM *vm, LsValue module, LsDict *ns);
LsModule    *_ls_module_new             (LsVM *vm, const char *name);

G_END_DECLS

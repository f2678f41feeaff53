/* ls-params.h: `# param` parameters, top-level literals the user can tune
 * (design.md, "Parameters"). Pure text processing: no VM needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   N_TASKS = 100        # param 1..1000  number of tasks
 *   TIMEOUT = 2.5        # param 0.1..10  wait_for timeout (s)
 *   NAME = "worker"      # param  lane prefix
 *   VERBOSE = False      # param
 *
 * Only an unindented `NAME = literal` (or `NAME: T = literal`) statement whose
 * line ends with a comment starting with `param` counts.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LS_PARAMS_ERROR (ls_params_error_quark ())

typedef enum
{
  LS_PARAMS_ERROR_UNKNOWN_NAME,   /* no parameter named 'X' */
  LS_PARAMS_ERROR_BAD_VALUE,      /* the value is not a literal of the parameter's kind */
} LsParamsError;

typedef enum
{
  LS_PARAM_INT,
  LS_PARAM_FLOAT,
  LS_PARAM_STR,
  LS_PARAM_BOOL,
} LsParamKind;

typedef struct
{
  char        *name;
  int          line;        /* 1-based */
  gsize        start;       /* byte offset of the literal in the source (sign included) */
  gsize        end;         /* byte offset just past the literal */
  char        *literal;     /* the literal's source text */
  LsParamKind  kind;
  gboolean     has_range;   /* `# param MIN..MAX` was given */
  double       min, max;
  char        *label;       /* the rest of the comment, trimmed; "" when absent */
} LsParam;

GQuark     ls_params_error_quark (void);

void       ls_param_free         (LsParam *param);

/* Finds every parameter of @source, in source order.
 * Returns: (transfer full) (element-type LsParam): never NULL. */
GPtrArray *ls_params_scan        (const char *source);

/* Returns a copy of @source where the literal of each parameter names[i] is
 * replaced by values[i]. A value must be a literal of the parameter's kind:
 * ints for int parameters; ints or floats for float ones (an int is written
 * as a float: "3" becomes "3.0"); True/False (any case) for bools; for strs,
 * a quoted Python string literal is used as is and any other text is quoted.
 * The range is the slider's and is not enforced here.
 * Returns: (transfer full): the new source, or NULL with @error set. */
char      *ls_params_apply       (const char         *source,
                                  guint               n,
                                  const char * const *names,
                                  const char * const *values,
                                  GError            **error);

/* Literal text for @value in the style of @param: an int for int parameters,
 * Python's repr of a float for float ones (for the panel's sliders). */
char      *ls_param_format_number (const LsParam *param,
                                   double         value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsParam, ls_param_free)

G_END_DECLS

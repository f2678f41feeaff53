/* ls-literal-scrub.h: LsLiteralScrub, Ctrl+drag on a number in a text view
 * to change it (design.md, "Parameters": any numeric literal can be scrubbed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A drag that starts with Ctrl held on an int or float literal rewrites that
 * literal live: one step per few pixels sideways, ints by 1, floats by their
 * last decimal, within the range of the `# param` the literal belongs to.
 * The whole drag is one undo step. A drag without Ctrl selects text as usual.
 *
 * Signals:
 *   scrubbed ()   the literal was rewritten (once per change during a drag)
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LS_TYPE_LITERAL_SCRUB (ls_literal_scrub_get_type ())

G_DECLARE_FINAL_TYPE (LsLiteralScrub, ls_literal_scrub, LS, LITERAL_SCRUB, GObject)

/* Adds the scrubbing controllers to @view.
 * Returns: (transfer none): the controller object, owned by @view. */
LsLiteralScrub *ls_literal_scrub_attach         (GtkTextView    *view);

/* The drag, without the pointer (for tests): begin on the literal at @iter,
 * move by @steps steps from where it began, end. begin returns FALSE when
 * there is no literal to scrub at @iter. */
gboolean        _ls_literal_scrub_begin         (LsLiteralScrub    *self,
                                                 const GtkTextIter *iter);
void            _ls_literal_scrub_update        (LsLiteralScrub    *self,
                                                 int                steps);
void            _ls_literal_scrub_end           (LsLiteralScrub    *self);

/* Number literals, as pure text functions (shared with the parameter panel).
 *
 * find_number: the int or float literal of @line (one line, NUL-terminated)
 * covering byte @pos, with a unary minus; not one glued to a name ("x1"),
 * nor a hex/octal/binary or complex literal. */
gboolean        _ls_literal_scrub_find_number   (const char     *line,
                                                 gsize           pos,
                                                 gsize          *start,
                                                 gsize          *end);
/* The decimals a float literal shows: "0.25" has 2, "1e-3" has 3, "5." 0. */
int             _ls_literal_scrub_decimals      (const char     *literal);
/* The value of an int or float literal ('_' and 0x/0o/0b allowed); FALSE
 * with *value left alone if it is not one or does not fit a double. */
gboolean        _ls_literal_scrub_parse         (const char     *literal,
                                                 double         *value);
/* @literal moved by @steps steps (an int by 1, a float by its last decimal),
 * kept within [@min, @max] when @has_range (widened to hold the literal's
 * own value). Returns: (transfer full) (nullable): the new literal, or NULL
 * when @literal cannot be scrubbed (not decimal, or too large). */
char           *_ls_literal_scrub_step          (const char     *literal,
                                                 int             steps,
                                                 gboolean        has_range,
                                                 double          min,
                                                 double          max);

G_END_DECLS

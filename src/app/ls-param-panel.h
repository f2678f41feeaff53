/* ls-param-panel.h: LsParamPanel, one row per `# param` of the program, with a
 * slider, spin button, switch or entry to tune it (design.md, "Parameters").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The program's text is the single source of truth: the panel shows what
 * ls_param_panel_set_source() found and reports the user's changes with
 *
 *   changed (const char *name, const char *literal)
 *
 * where @literal is a valid Python literal of the parameter's kind, ready for
 * ls_params_apply(). Setting a source never emits "changed".
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LS_TYPE_PARAM_PANEL (ls_param_panel_get_type ())

G_DECLARE_FINAL_TYPE (LsParamPanel, ls_param_panel, LS, PARAM_PANEL, GtkWidget)

LsParamPanel *ls_param_panel_new          (void);
/* Rebuilds the rows when the parameters (names, kinds, ranges, labels)
 * changed; otherwise only updates the values shown. */
void          ls_param_panel_set_source   (LsParamPanel *self,
                                           const char   *source);
guint         ls_param_panel_get_n_params (LsParamPanel *self);

/* For tests: the widget holding @name's value (a GtkSpinButton, GtkSwitch or
 * GtkEntry), or NULL. */
GtkWidget    *_ls_param_panel_get_control (LsParamPanel *self,
                                           const char   *name);

G_END_DECLS

/* ls-application.h: the Loopscope application (app actions, windows, files).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LS_APPLICATION_ID "io.github.loopscope.Loopscope"
#define LS_TYPE_APPLICATION (ls_application_get_type ())

G_DECLARE_FINAL_TYPE (LsApplication, ls_application, LS, APPLICATION, AdwApplication)

LsApplication *ls_application_new          (void);
/* Returns: (transfer full) (nullable): Loopscope's settings, or NULL (with a
 * warning, once) when the schema is not installed or compiled. */
GSettings     *ls_application_new_settings (void);

G_END_DECLS

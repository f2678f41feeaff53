/* ls-window.h: a Loopscope window: editor, timeline and console for one program.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ls-application.h"

G_BEGIN_DECLS

#define LS_TYPE_WINDOW (ls_window_get_type ())

G_DECLARE_FINAL_TYPE (LsWindow, ls_window, LS, WINDOW, AdwApplicationWindow)

LsWindow *ls_window_new       (LsApplication *app);
void      ls_window_open_file (LsWindow      *self,
                               GFile         *file);

G_END_DECLS

/* ls-window-private.h: what the app's tests and helpers may reach inside LsWindow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ls-literal-scrub.h"
#include "ls-param-panel.h"
#include "ls-session.h"
#include "ls-timeline-view.h"
#include "ls-window.h"

G_BEGIN_DECLS

#define LS_SCENARIOS_PATH "/io/github/loopscope/Loopscope/scenarios/"
#define LS_DEFAULT_SCENARIO "semaphore.py"

LsTimelineView *_ls_window_get_timeline     (LsWindow   *self);
LsTrace        *_ls_window_get_trace        (LsWindow   *self);
LsSession      *_ls_window_get_session      (LsWindow   *self);
char           *_ls_window_get_text         (LsWindow   *self);
char           *_ls_window_get_console_text (LsWindow   *self);
gboolean        _ls_window_load_scenario    (LsWindow   *self,
                                             const char *name);
LsParamPanel   *_ls_window_get_param_panel  (LsWindow   *self);
LsLiteralScrub *_ls_window_get_literal_scrub (LsWindow  *self);
const char     *_ls_window_get_last_toast   (LsWindow   *self);
const char     *_ls_window_get_note         (LsWindow   *self);
char           *_ls_window_get_error_lines  (LsWindow   *self);
void            _ls_window_go_to_line       (LsWindow   *self,
                                             guint       line);
/* Saves the text to @file as Save As would, asynchronously. */
void            _ls_window_save_to          (LsWindow   *self,
                                             GFile      *file);
gboolean        _ls_window_export_chrome_json (LsWindow    *self,
                                               const char  *path,
                                               GError     **error);
/* Runs the editor's program to the end in instant mode (iterating the main loop). */
gboolean        _ls_window_run_instant      (LsWindow   *self);

G_END_DECLS

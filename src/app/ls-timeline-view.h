/* ls-timeline-view.h: the timeline widget, a live view of an LsTrace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ls-trace.h"

G_BEGIN_DECLS

#define LS_TYPE_TIMELINE_VIEW (ls_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (LsTimelineView, ls_timeline_view, LS, TIMELINE_VIEW, GtkWidget)

GtkWidget *ls_timeline_view_new          (void);
LsTrace   *ls_timeline_view_get_trace    (LsTimelineView *self);
void       ls_timeline_view_set_trace    (LsTimelineView *self,
                                          LsTrace        *trace);
gboolean   ls_timeline_view_get_live     (LsTimelineView *self);
void       ls_timeline_view_set_live     (LsTimelineView *self,
                                          gboolean        live);
void       ls_timeline_view_set_range    (LsTimelineView *self,
                                          gint64          t0,
                                          gint64          t1);
void       ls_timeline_view_zoom_fit     (LsTimelineView *self);
void       ls_timeline_view_zoom         (LsTimelineView *self,
                                          double          factor);
guint      ls_timeline_view_get_n_lanes  (LsTimelineView *self);

G_END_DECLS

/* ls-timeline-view.h: the timeline widget, a live view of an LsTrace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Properties: "trace", "live" (the run is going: open spans grow every frame
 * and the playhead is "now"), "follow-live" (keep the newest time in view;
 * panning or zooming by hand turns it off) and "playhead" (ns; after a run the
 * user scrubs it by clicking or dragging on the time axis) and "show-internal"
 * (lanes for the tasks the loop and library make for themselves, such as
 * asyncio.run()'s shutdown helpers; off by default).
 *
 * Signal "span-activated" (LsTimelineView *self, guint task, gint line,
 * gpointer user_data): a span was clicked; @line is its code line (0 if
 * unknown).
 *
 * Widget actions: "timeline.zoom-in", "timeline.zoom-out", "timeline.zoom-fit"
 * (the window's "win.zoom-*", bound to Ctrl+plus/equal, Ctrl+minus and Ctrl+0,
 * forward to them, so the keys work wherever the focus is).
 */
#pragma once

#include <gtk/gtk.h>

#include "ls-trace.h"

G_BEGIN_DECLS

#define LS_TYPE_TIMELINE_VIEW (ls_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (LsTimelineView, ls_timeline_view, LS, TIMELINE_VIEW, GtkWidget)

GtkWidget *ls_timeline_view_new             (void);
LsTrace   *ls_timeline_view_get_trace       (LsTimelineView *self);
void       ls_timeline_view_set_trace       (LsTimelineView *self,
                                             LsTrace        *trace);
gboolean   ls_timeline_view_get_live        (LsTimelineView *self);
void       ls_timeline_view_set_live        (LsTimelineView *self,
                                             gboolean        live);
gboolean   ls_timeline_view_get_follow_live (LsTimelineView *self);
void       ls_timeline_view_set_follow_live (LsTimelineView *self,
                                             gboolean        follow_live);
gboolean   ls_timeline_view_get_show_internal (LsTimelineView *self);
void       ls_timeline_view_set_show_internal (LsTimelineView *self,
                                               gboolean        show_internal);
gint64     ls_timeline_view_get_playhead    (LsTimelineView *self);
void       ls_timeline_view_set_playhead    (LsTimelineView *self,
                                             gint64          playhead);
void       ls_timeline_view_get_range       (LsTimelineView *self,
                                             gint64         *t0,
                                             gint64         *t1);
void       ls_timeline_view_set_range       (LsTimelineView *self,
                                             gint64          t0,
                                             gint64          t1);
void       ls_timeline_view_zoom_fit        (LsTimelineView *self);
/* Scales the visible range by @factor (< 1 zooms in) around its middle. */
void       ls_timeline_view_zoom            (LsTimelineView *self,
                                             double          factor);
/* Task lanes shown (a collapsed lane's children are not counted). */
guint      ls_timeline_view_get_n_lanes     (LsTimelineView *self);
gboolean   ls_timeline_view_get_selected    (LsTimelineView *self,
                                             gint           *task,
                                             guint          *span);
void       ls_timeline_view_set_collapsed   (LsTimelineView *self,
                                             gint            task,
                                             gboolean        collapsed);

G_END_DECLS

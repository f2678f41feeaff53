/* ls-timeline-view-private.h: what tests and the benchmark reach into: the
 * layout of the last frame and the pointer handling without a pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ls-timeline-view.h"
#include "ls-timeline-layout.h"

G_BEGIN_DECLS

LsTimelineLayout       *_ls_timeline_view_get_layout (LsTimelineView  *self);
const LsTimelineParams *_ls_timeline_view_get_params (LsTimelineView  *self);
/* The tooltip's markup at (@x, @y), or NULL for none. */
char                   *_ls_timeline_view_get_tooltip (LsTimelineView *self,
                                                       double          x,
                                                       double          y);
/* A click (press and release without moving) at (@x, @y). */
void                    _ls_timeline_view_click      (LsTimelineView  *self,
                                                      double           x,
                                                      double           y);
/* A drag from (@x, @y) by (@dx, @dy). */
void                    _ls_timeline_view_drag       (LsTimelineView  *self,
                                                      double           x,
                                                      double           y,
                                                      double           dx,
                                                      double           dy);
/* A scroll of (@dx, @dy) wheel steps with the pointer at (@x, @y). */
void                    _ls_timeline_view_scroll     (LsTimelineView  *self,
                                                      double           x,
                                                      double           y,
                                                      double           dx,
                                                      double           dy,
                                                      GdkModifierType  mods);

G_END_DECLS

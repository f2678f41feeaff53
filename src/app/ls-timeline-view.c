/* ls-timeline-view.c: paints ls-timeline-layout's primitives with GtkSnapshot,
 * follows a live run by the frame clock, and handles zoom, pan and tooltips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Loopscope-Timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "ls-timeline-view.h"
#include "ls-timeline-layout.h"

#define MIN_RANGE G_GINT64_CONSTANT (1000)            /* 1 µs */
#define DEFAULT_RANGE G_GINT64_CONSTANT (1000000000)  /* 1 s */

struct _LsTimelineView
{
  GtkWidget          parent_instance;

  LsTrace           *trace;
  gulong             changed_id;
  LsTimelineLayout  *layout;
  LsTimelineParams   params;
  guint              tick_id;
  gboolean           live;
  gboolean           follow;
  double             pointer_x;
  double             drag_t0_x;
  double             drag_scroll_y;
  gint64             drag_t0;
};

G_DEFINE_FINAL_TYPE (LsTimelineView, ls_timeline_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TRACE,
  PROP_LIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
trace_end (LsTimelineView *self)
{
  return self->trace ? ls_trace_get_now (self->trace) : 0;
}

static float
content_height (LsTimelineView *self)
{
  guint n = self->trace ? ls_trace_get_n_tasks (self->trace) : 0;

  return n * self->params.lane_height;
}

static void
clamp_scroll (LsTimelineView *self)
{
  float view = gtk_widget_get_height (GTK_WIDGET (self))
               - self->params.axis_height - self->params.legend_height;
  float max = MAX (0.0f, content_height (self) - view);

  self->params.scroll_y = CLAMP (self->params.scroll_y, 0.0f, max);
}

static void
on_trace_changed (LsTimelineView *self)
{
  if (self->follow)
    ls_timeline_view_zoom_fit (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  LsTimelineView *self = LS_TIMELINE_VIEW (widget);

  /* Open spans end at the trace's "now", which the session moves with wall
   * time in paced mode: redraw every frame so they grow smoothly. */
  if (self->follow)
    ls_timeline_view_zoom_fit (self);
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static void
update_tick (LsTimelineView *self)
{
  gboolean want = self->live && gtk_widget_get_mapped (GTK_WIDGET (self));

  if (want && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  else if (!want && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

static void
append_line (GtkSnapshot          *snapshot,
             const LsTimelineLine *line,
             const GdkRGBA        *color)
{
  /* Axis and grid lines are horizontal or vertical: a 1px rect draws them
   * without a cairo node. */
  graphene_rect_t r;

  if (line->x0 == line->x1)
    r = GRAPHENE_RECT_INIT (floorf (line->x0), line->y0, 1, line->y1 - line->y0);
  else
    r = GRAPHENE_RECT_INIT (line->x0, floorf (line->y0), line->x1 - line->x0, 1);
  gtk_snapshot_append_color (snapshot, color, &r);
}

static void
append_text (LsTimelineView       *self,
             GtkSnapshot          *snapshot,
             PangoLayout          *pango,
             const LsTimelineText *text,
             const GdkRGBA        *color)
{
  int w = 0;
  float x = text->x;

  pango_layout_set_text (pango, text->text, -1);
  if (text->align == LS_TIMELINE_ALIGN_CENTER)
    {
      pango_layout_get_pixel_size (pango, &w, NULL);
      x -= w / 2.0f;
    }
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, text->y));
  gtk_snapshot_append_layout (snapshot, pango, color);
  gtk_snapshot_restore (snapshot);
}

static float
measure_char_width (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  float width = pango_font_metrics_get_approximate_char_width (metrics) / (float) PANGO_SCALE;

  pango_font_metrics_unref (metrics);
  return width;
}

static void
ls_timeline_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  LsTimelineView *self = LS_TIMELINE_VIEW (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  g_autoptr(PangoLayout) pango = NULL;
  GdkRGBA palette[LS_TIMELINE_N_COLORS];
  float w = gtk_widget_get_width (widget);
  float h = gtk_widget_get_height (widget);

  for (guint i = 0; i < LS_TIMELINE_N_COLORS; i++)
    {
      float c[4];

      ls_timeline_color_rgba (i, dark, c);
      palette[i] = (GdkRGBA) { c[0], c[1], c[2], c[3] };
    }
  gtk_snapshot_append_color (snapshot, &palette[LS_TIMELINE_COLOR_LANE_BG],
                             &GRAPHENE_RECT_INIT (0, 0, w, h));
  pango = gtk_widget_create_pango_layout (widget, NULL);
  if (self->trace == NULL)
    {
      LsTimelineText hint = { w / 2, h / 2 - 10, LS_TIMELINE_ALIGN_CENTER,
                              LS_TIMELINE_COLOR_TEXT_DIM, _("Press Run (F5) to draw the timeline") };

      append_text (self, snapshot, pango, &hint, &palette[hint.color]);
      return;
    }

  self->params.width = w;
  self->params.height = h;
  self->params.char_width = measure_char_width (widget);
  clamp_scroll (self);
  ls_timeline_layout_compute (self->layout, self->trace, &self->params);

  for (guint i = 0; i < self->layout->rects->len; i++)
    {
      const LsTimelineRect *r = &g_array_index (self->layout->rects, LsTimelineRect, i);

      gtk_snapshot_append_color (snapshot, &palette[r->color],
                                 &GRAPHENE_RECT_INIT (r->x, r->y, r->w, r->h));
    }
  for (guint i = 0; i < self->layout->lines->len; i++)
    {
      const LsTimelineLine *l = &g_array_index (self->layout->lines, LsTimelineLine, i);

      append_line (snapshot, l, &palette[l->color]);
    }

  for (guint i = 0; i < self->layout->texts->len; i++)
    {
      const LsTimelineText *t = &g_array_index (self->layout->texts, LsTimelineText, i);

      append_text (self, snapshot, pango, t, &palette[t->color]);
    }
}

/* "Task-3", "sem": what a span waits on, or NULL. */
static char *
describe_wait (LsTrace           *trace,
               const LsTraceSpan *span)
{
  LsTraceObject object;

  if (span->detail < 0)
    return NULL;
  if (ls_trace_state_waits_on_task (span->state))
    return g_strdup (ls_trace_task_get_name (trace, span->detail));
  if (!ls_trace_get_object (trace, span->detail, &object))
    return NULL;
  /* Without a label the state name already says what kind of object it is. */
  return object.label != NULL ? g_strdup (object.label) : NULL;
}

static gboolean
on_query_tooltip (LsTimelineView *self,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip)
{
  LsTraceSpan span;
  gint64 end;
  gint task;
  guint index;
  g_autofree char *markup = NULL;
  g_autofree char *wait = NULL;
  g_autofree char *on = NULL;

  if (self->trace == NULL
      || !ls_timeline_layout_hit (self->trace, &self->params, x, y, &task, &index)
      || !ls_trace_task_get_span (self->trace, task, index, &span))
    return FALSE;

  end = span.end == LS_TRACE_TIME_NONE ? ls_trace_get_now (self->trace) : span.end;
  wait = describe_wait (self->trace, &span);
  /* Translators: " on sem (semaphore)" after a state name in the tooltip */
  on = wait != NULL ? g_strdup_printf (_(" on %s"), wait) : g_strdup ("");
  markup = g_markup_printf_escaped (_("<b>%s</b>: %s%s\nstart %.3f s, duration %.3f s\nline %u"),
                                    ls_trace_task_get_name (self->trace, task),
                                    ls_timeline_state_label (span.state), on,
                                    ls_trace_time_to_seconds (span.start),
                                    ls_trace_time_to_seconds (end - span.start),
                                    span.line);
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
zoom_at (LsTimelineView *self,
         double          factor,
         double          x)
{
  gint64 anchor = ls_timeline_params_x_to_time (&self->params, x);
  double t0 = anchor - (anchor - self->params.t0) * factor;
  double t1 = anchor + (self->params.t1 - anchor) * factor;

  self->follow = FALSE;
  ls_timeline_view_set_range (self, (gint64) t0, (gint64) t1);
}

static gboolean
on_scroll (LsTimelineView           *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType mods =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (mods & GDK_CONTROL_MASK)
    {
      zoom_at (self, dy > 0 ? 1.25 : 0.8, self->pointer_x);
      return TRUE;
    }
  if (mods & GDK_SHIFT_MASK || dx != 0)
    {
      gint64 range = self->params.t1 - self->params.t0;
      gint64 shift = (gint64) ((dx != 0 ? dx : dy) * range / 10);

      self->follow = FALSE;
      ls_timeline_view_set_range (self, self->params.t0 + shift, self->params.t1 + shift);
      return TRUE;
    }
  self->params.scroll_y += dy * self->params.lane_height * 2;
  clamp_scroll (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
on_motion (LsTimelineView *self,
           double          x,
           double          y)
{
  self->pointer_x = x;
}

static void
on_drag_begin (LsTimelineView *self,
               double          x,
               double          y)
{
  self->drag_t0 = self->params.t0;
  self->drag_scroll_y = self->params.scroll_y;
}

static void
on_drag_update (LsTimelineView *self,
                double          dx,
                double          dy)
{
  double ns_per_px = (double) (self->params.t1 - self->params.t0)
                     / MAX (1.0, self->params.width - self->params.label_width);
  gint64 range = self->params.t1 - self->params.t0;
  gint64 t0 = self->drag_t0 - (gint64) (dx * ns_per_px);

  self->follow = FALSE;
  self->params.scroll_y = self->drag_scroll_y - dy;
  ls_timeline_view_set_range (self, t0, t0 + range);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LsTimelineView *self = LS_TIMELINE_VIEW (widget);

  if (g_str_equal (action_name, "timeline.zoom-in"))
    ls_timeline_view_zoom (self, 0.8);
  else if (g_str_equal (action_name, "timeline.zoom-out"))
    ls_timeline_view_zoom (self, 1.25);
  else
    {
      self->follow = TRUE;
      ls_timeline_view_zoom_fit (self);
    }
}

static void
ls_timeline_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ls_timeline_view_parent_class)->map (widget);
  update_tick (LS_TIMELINE_VIEW (widget));
}

static void
ls_timeline_view_unmap (GtkWidget *widget)
{
  LsTimelineView *self = LS_TIMELINE_VIEW (widget);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (widget, self->tick_id);
      self->tick_id = 0;
    }
  GTK_WIDGET_CLASS (ls_timeline_view_parent_class)->unmap (widget);
}

static void
ls_timeline_view_dispose (GObject *object)
{
  LsTimelineView *self = LS_TIMELINE_VIEW (object);

  if (self->trace != NULL)
    g_clear_signal_handler (&self->changed_id, self->trace);
  g_clear_object (&self->trace);
  G_OBJECT_CLASS (ls_timeline_view_parent_class)->dispose (object);
}

static void
ls_timeline_view_finalize (GObject *object)
{
  LsTimelineView *self = LS_TIMELINE_VIEW (object);

  g_clear_pointer (&self->layout, ls_timeline_layout_free);
  G_OBJECT_CLASS (ls_timeline_view_parent_class)->finalize (object);
}

static void
ls_timeline_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LsTimelineView *self = LS_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      g_value_set_object (value, self->trace);
      break;
    case PROP_LIVE:
      g_value_set_boolean (value, self->live);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_timeline_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LsTimelineView *self = LS_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      ls_timeline_view_set_trace (self, g_value_get_object (value));
      break;
    case PROP_LIVE:
      ls_timeline_view_set_live (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_timeline_view_class_init (LsTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_timeline_view_dispose;
  object_class->finalize = ls_timeline_view_finalize;
  object_class->get_property = ls_timeline_view_get_property;
  object_class->set_property = ls_timeline_view_set_property;
  widget_class->snapshot = ls_timeline_view_snapshot;
  widget_class->map = ls_timeline_view_map;
  widget_class->unmap = ls_timeline_view_unmap;

  properties[PROP_TRACE] =
    g_param_spec_object ("trace", NULL, NULL, LS_TYPE_TRACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIVE] =
    g_param_spec_boolean ("live", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-fit", NULL, zoom_action);
  gtk_widget_class_set_css_name (widget_class, "timeline");
}

static void
ls_timeline_view_init (LsTimelineView *self)
{
  GtkEventController *scroll;
  GtkEventController *motion;
  GtkGesture *drag;

  self->layout = ls_timeline_layout_new ();
  ls_timeline_params_init (&self->params);
  self->params.t1 = DEFAULT_RANGE;
  self->params.label_width = 84;
  self->follow = TRUE;

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (on_scroll), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "motion", G_CALLBACK (on_motion), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  drag = gtk_gesture_drag_new ();
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_drag_begin), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (on_drag_update), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

GtkWidget *
ls_timeline_view_new (void)
{
  return g_object_new (LS_TYPE_TIMELINE_VIEW, NULL);
}

/**
 * ls_timeline_view_get_trace:
 *
 * Returns: (transfer none) (nullable): the trace shown
 */
LsTrace *
ls_timeline_view_get_trace (LsTimelineView *self)
{
  g_return_val_if_fail (LS_IS_TIMELINE_VIEW (self), NULL);

  return self->trace;
}

void
ls_timeline_view_set_trace (LsTimelineView *self,
                            LsTrace        *trace)
{
  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));
  g_return_if_fail (trace == NULL || LS_IS_TRACE (trace));

  if (self->trace == trace)
    return;
  if (self->trace != NULL)
    g_clear_signal_handler (&self->changed_id, self->trace);
  g_set_object (&self->trace, trace);
  if (trace != NULL)
    self->changed_id = g_signal_connect_object (trace, "changed", G_CALLBACK (on_trace_changed),
                                                self, G_CONNECT_SWAPPED);
  self->follow = TRUE;
  self->params.scroll_y = 0;
  ls_timeline_view_zoom_fit (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACE]);
}

gboolean
ls_timeline_view_get_live (LsTimelineView *self)
{
  g_return_val_if_fail (LS_IS_TIMELINE_VIEW (self), FALSE);

  return self->live;
}

void
ls_timeline_view_set_live (LsTimelineView *self,
                           gboolean        live)
{
  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));

  live = !!live;
  if (self->live == live)
    return;
  self->live = live;
  update_tick (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE]);
}

void
ls_timeline_view_set_range (LsTimelineView *self,
                            gint64          t0,
                            gint64          t1)
{
  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));

  if (t1 - t0 < MIN_RANGE)
    t1 = t0 + MIN_RANGE;
  if (t0 < 0)
    {
      t1 -= t0;
      t0 = 0;
    }
  self->params.t0 = t0;
  self->params.t1 = MIN (t1, LS_TRACE_TIME_MAX);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ls_timeline_view_zoom (LsTimelineView *self,
                       double          factor)
{
  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));

  zoom_at (self, factor, (self->params.label_width + self->params.width) / 2);
}

void
ls_timeline_view_zoom_fit (LsTimelineView *self)
{
  gint64 end;

  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));

  /* A little headroom past "now", so a live run has room to grow into. */
  end = trace_end (self);
  ls_timeline_view_set_range (self, 0, MAX (DEFAULT_RANGE, end + end / 20));
}

guint
ls_timeline_view_get_n_lanes (LsTimelineView *self)
{
  g_return_val_if_fail (LS_IS_TIMELINE_VIEW (self), 0);

  return self->trace ? ls_trace_get_n_tasks (self->trace) : 0;
}

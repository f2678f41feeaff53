/* ls-timeline-view.c: paints ls-timeline-layout's primitives with GtkSnapshot
 * colour nodes and cached Pango layouts, follows a live run by the frame
 * clock, and handles zoom (Ctrl+scroll, pinch, keys), pan (scroll, drag),
 * the playhead, selection and tooltips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Loopscope-Timeline"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "ls-timeline-view-private.h"

#define MIN_RANGE G_GINT64_CONSTANT (1000)            /* 1 µs */
#define DEFAULT_RANGE G_GINT64_CONSTANT (1000000000)  /* 1 s */
/* A press that moves less than this is a click, not a drag. */
#define CLICK_SLOP 4.0
/* Cached text layouts; past this many the cache starts over. */
#define MAX_CACHED_LAYOUTS 4096

typedef enum
{
  DRAG_NONE,
  DRAG_PAN,
  DRAG_SCRUB,
} DragMode;

struct _LsTimelineView
{
  GtkWidget          parent_instance;

  LsTrace           *trace;
  gulong             changed_id;
  LsTimelineLayout  *layout;
  LsTimelineParams   params;
  guint              tick_id;
  gboolean           live;
  gboolean           follow_live;
  gboolean           fit;            /* following shows the whole run, not a sliding window */
  gint64             playhead;
  gboolean           playhead_at_end; /* the playhead is "now", not a scrubbed time */
  gint               selected_task;
  guint              selected_span;

  double             pointer_x;
  double             pointer_y;
  DragMode           drag_mode;
  gboolean           drag_moved;
  double             drag_x;
  double             drag_y;
  gint64             drag_t0;
  float              drag_scroll_y;
  gint64             pinch_t0;
  gint64             pinch_t1;
  double             pinch_x;

  GHashTable        *text_cache;     /* "max-width|text" -> PangoLayout */
  guint              pango_serial;
  float              text_height;
  float              char_width;
};

G_DEFINE_FINAL_TYPE (LsTimelineView, ls_timeline_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TRACE,
  PROP_LIVE,
  PROP_FOLLOW_LIVE,
  PROP_PLAYHEAD,
  PROP_SHOW_INTERNAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SPAN_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
trace_now (LsTimelineView *self)
{
  return self->trace ? ls_trace_get_now (self->trace) : 0;
}

static gint64
effective_playhead (LsTimelineView *self)
{
  return self->playhead_at_end ? trace_now (self) : self->playhead;
}

/* Text: layouts are cached by text and width, metrics by the Pango context's
 * serial (it changes with the font, the scale and the DPI). */

static void
update_text_metrics (LsTimelineView *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  guint serial = pango_context_get_serial (context);
  g_autoptr(PangoLayout) probe = NULL;
  PangoFontMetrics *metrics;
  int h = 0;

  if (serial == self->pango_serial && self->text_height > 0)
    return;
  self->pango_serial = serial;
  g_hash_table_remove_all (self->text_cache);

  metrics = pango_context_get_metrics (context, NULL, NULL);
  self->char_width = pango_font_metrics_get_approximate_char_width (metrics) / (float) PANGO_SCALE;
  pango_font_metrics_unref (metrics);
  probe = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Ag");
  pango_layout_get_pixel_size (probe, NULL, &h);
  self->text_height = MAX (8, h);

  /* Everything scales with the text, so a large font stays readable. */
  self->params.text_height = self->text_height;
  self->params.char_width = self->char_width;
  self->params.lane_height = roundf (self->text_height + 8);
  self->params.axis_height = roundf (self->text_height + 12);
  self->params.legend_height = roundf (self->text_height + 12);
  self->params.counter_height = roundf (2 * self->text_height + 16);
  self->params.label_width = roundf (CLAMP (self->char_width * 22, 150, 320));
  self->params.indent = roundf (self->char_width * 1.5f);
}

static PangoLayout *
cached_layout (LsTimelineView *self,
               const char     *text,
               float           max_width)
{
  char key[256];
  PangoLayout *layout;
  int width = max_width > 0 ? (int) max_width : 0;

  if (g_snprintf (key, sizeof key, "%d|%s", width, text) >= (int) sizeof key)
    {
      /* Too long to cache; rare enough to lay out every time. */
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      g_object_set_data_full (G_OBJECT (self), "ls-uncached-layout", layout, g_object_unref);
    }
  else if ((layout = g_hash_table_lookup (self->text_cache, key)) != NULL)
    return layout;
  else
    {
      if (g_hash_table_size (self->text_cache) >= MAX_CACHED_LAYOUTS)
        g_hash_table_remove_all (self->text_cache);
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      g_hash_table_insert (self->text_cache, g_strdup (key), layout);
    }
  if (width > 0)
    {
      pango_layout_set_width (layout, width * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

static float
measure_text (const char *text,
              gpointer    user_data)
{
  int w = 0;

  pango_layout_get_pixel_size (cached_layout (user_data, text, 0), &w, NULL);
  return w;
}

/* Following, range and scrolling */

static void
set_follow_live (LsTimelineView *self,
                 gboolean        follow_live)
{
  follow_live = !!follow_live;
  if (self->follow_live == follow_live)
    return;
  self->follow_live = follow_live;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_LIVE]);
}

/* The user moved the view by hand: stop following the run. */
static void
user_moved (LsTimelineView *self)
{
  self->fit = FALSE;
  set_follow_live (self, FALSE);
}

static void
clamp_range (gint64 *t0,
             gint64 *t1)
{
  if (*t1 - *t0 < MIN_RANGE)
    *t1 = *t0 + MIN_RANGE;
  if (*t1 - *t0 > LS_TRACE_TIME_MAX)
    *t1 = *t0 + LS_TRACE_TIME_MAX;
  if (*t0 < 0)
    {
      *t1 -= *t0;
      *t0 = 0;
    }
}

static void
apply_range (LsTimelineView *self,
             gint64          t0,
             gint64          t1)
{
  clamp_range (&t0, &t1);
  if (t0 == self->params.t0 && t1 == self->params.t1)
    return;
  self->params.t0 = t0;
  self->params.t1 = t1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
fit_range (LsTimelineView *self)
{
  gint64 end = trace_now (self);

  /* A little headroom past "now", so a live run has room to grow into. */
  apply_range (self, 0, MAX (DEFAULT_RANGE, end + end / 20));
}

/* Keeps the newest time in view: the whole run after a zoom-fit, else the
 * current zoom sliding along with "now". */
static void
follow_now (LsTimelineView *self)
{
  gint64 now = trace_now (self);
  gint64 range = self->params.t1 - self->params.t0;

  if (self->fit)
    fit_range (self);
  else if (now > self->params.t1 - range / 20 || now < self->params.t0)
    apply_range (self, now + range / 20 - range, now + range / 20);
}

static void
scroll_lanes (LsTimelineView *self,
              double          dy)
{
  float max = self->layout->max_scroll_y;

  self->params.scroll_y = CLAMP (self->params.scroll_y + dy, 0.0f, max);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pan_by_pixels (LsTimelineView *self,
               double          dx)
{
  double ns_per_px = (double) (self->params.t1 - self->params.t0)
                     / MAX (1.0, self->params.width - self->params.label_width);
  gint64 shift = (gint64) (dx * ns_per_px);

  user_moved (self);
  apply_range (self, self->params.t0 + shift, self->params.t1 + shift);
}

static void
zoom_at (LsTimelineView *self,
         double          factor,
         double          x)
{
  gint64 anchor;
  double t0, t1;

  x = CLAMP (x, self->params.label_width, MAX (self->params.label_width, self->params.width));
  anchor = ls_timeline_params_x_to_time (&self->params, x);
  t0 = anchor - (anchor - self->params.t0) * factor;
  t1 = anchor + (self->params.t1 - anchor) * factor;
  user_moved (self);
  apply_range (self, (gint64) MAX (0.0, t0), (gint64) MIN ((double) LS_TRACE_TIME_MAX, t1));
}

/* Live updates */

static void
notify_playhead_if_moved (LsTimelineView *self)
{
  if (self->playhead_at_end && self->playhead != trace_now (self))
    {
      self->playhead = trace_now (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYHEAD]);
    }
}

static void
on_trace_changed (LsTimelineView *self)
{
  if (self->follow_live)
    follow_now (self);
  notify_playhead_if_moved (self);
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
  on_trace_changed (self);
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

/* Painting */

static void
append_arrowhead (GtkSnapshot   *snapshot,
                  float          len,
                  const GdkRGBA *color)
{
  /* A triangle pointing along +x, built of one-pixel columns. */
  for (int i = 0; i < 6; i++)
    {
      float half = 3.5f * (6 - i) / 6.0f;

      gtk_snapshot_append_color (snapshot, color,
                                 &GRAPHENE_RECT_INIT (len - 6 + i, -half, 1, 2 * half));
    }
}

static void
append_line (GtkSnapshot          *snapshot,
             const LsTimelineLine *line,
             const GdkRGBA        *color)
{
  float dx = line->x1 - line->x0;
  float dy = line->y1 - line->y0;
  float w = MAX (1.0f, line->width);
  float len;

  /* Axis-aligned lines without a head are plain rects. */
  if (!line->arrow && (dx == 0 || dy == 0))
    {
      graphene_rect_t r = dx == 0
        ? GRAPHENE_RECT_INIT (line->x0 - w / 2, MIN (line->y0, line->y1), w, fabsf (dy))
        : GRAPHENE_RECT_INIT (MIN (line->x0, line->x1), line->y0 - w / 2, fabsf (dx), w);

      gtk_snapshot_append_color (snapshot, color, &r);
      return;
    }
  len = sqrtf (dx * dx + dy * dy);
  if (len < 1)
    return;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (line->x0, line->y0));
  gtk_snapshot_rotate (snapshot, atan2f (dy, dx) * 180.0f / (float) G_PI);
  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT (0, -w / 2, line->arrow ? len - 5 : len, w));
  if (line->arrow)
    append_arrowhead (snapshot, len, color);
  gtk_snapshot_restore (snapshot);
}

static void
append_text (LsTimelineView       *self,
             GtkSnapshot          *snapshot,
             const LsTimelineText *text,
             const GdkRGBA        *color)
{
  PangoLayout *pango = cached_layout (self, text->text, text->max_width);
  float x = text->x;

  if (text->align != LS_TIMELINE_ALIGN_START)
    {
      int w = 0;

      pango_layout_get_pixel_size (pango, &w, NULL);
      x -= text->align == LS_TIMELINE_ALIGN_CENTER ? w / 2.0f : w;
    }
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (roundf (x), roundf (text->y)));
  gtk_snapshot_append_layout (snapshot, pango, color);
  gtk_snapshot_restore (snapshot);
}

static void
load_palette (GdkRGBA palette[LS_TIMELINE_N_COLORS])
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  for (guint i = 0; i < LS_TIMELINE_N_COLORS; i++)
    {
      float c[4];

      ls_timeline_color_rgba (i, dark, c);
      palette[i] = (GdkRGBA) { c[0], c[1], c[2], c[3] };
    }
}

static void
compute_layout (LsTimelineView *self)
{
  update_text_metrics (self);
  self->params.width = gtk_widget_get_width (GTK_WIDGET (self));
  self->params.height = gtk_widget_get_height (GTK_WIDGET (self));
  self->params.playhead = self->trace != NULL ? effective_playhead (self) : LS_TRACE_TIME_NONE;
  self->params.selected_task = self->selected_task;
  self->params.selected_span = self->selected_span;
  self->params.measure = measure_text;
  self->params.measure_data = self;
  ls_timeline_layout_compute (self->layout, self->trace, &self->params);
  /* The layout clamps the scroll to what its lanes need now. */
  self->params.scroll_y = CLAMP (self->params.scroll_y, 0.0f, self->layout->max_scroll_y);
}

static void
ls_timeline_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  LsTimelineView *self = LS_TIMELINE_VIEW (widget);
  GdkRGBA palette[LS_TIMELINE_N_COLORS];
  float w = gtk_widget_get_width (widget);
  float h = gtk_widget_get_height (widget);
  LsTimelineLayout *layout = self->layout;

  load_palette (palette);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gtk_snapshot_append_color (snapshot, &palette[LS_TIMELINE_COLOR_LANE_BG],
                             &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (self->trace == NULL)
    {
      LsTimelineText hint = { w / 2, h / 2 - 10, LS_TIMELINE_ALIGN_CENTER,
                              LS_TIMELINE_COLOR_TEXT_DIM, 0,
                              _("Press Run (F5) to draw the timeline") };

      update_text_metrics (self);
      append_text (self, snapshot, &hint, &palette[hint.color]);
      gtk_snapshot_pop (snapshot);
      return;
    }

  compute_layout (self);
  for (guint i = 0; i < layout->rects->len; i++)
    {
      const LsTimelineRect *r = &g_array_index (layout->rects, LsTimelineRect, i);

      gtk_snapshot_append_color (snapshot, &palette[r->color],
                                 &GRAPHENE_RECT_INIT (r->x, r->y, r->w, r->h));
    }
  for (guint i = 0; i < layout->texts->len; i++)
    {
      const LsTimelineText *t = &g_array_index (layout->texts, LsTimelineText, i);

      append_text (self, snapshot, t, &palette[t->color]);
    }
  for (guint i = 0; i < layout->lines->len; i++)
    {
      const LsTimelineLine *l = &g_array_index (layout->lines, LsTimelineLine, i);

      append_line (snapshot, l, &palette[l->color]);
    }
  gtk_snapshot_pop (snapshot);
}

/* Tooltip */

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

static char *
span_markup (LsTimelineView *self,
             gint            task,
             guint           index)
{
  LsTraceSpan span;
  gint64 end;
  g_autofree char *wait = NULL;
  g_autofree char *on = NULL;
  g_autofree char *start = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *line = NULL;

  if (!ls_trace_task_get_span (self->trace, task, index, &span))
    return NULL;
  end = span.end == LS_TRACE_TIME_NONE ? ls_trace_get_now (self->trace) : span.end;
  wait = describe_wait (self->trace, &span);
  /* Translators: " on sem" after a state name in the tooltip */
  on = wait != NULL ? g_strdup_printf (_(" on %s"), wait) : g_strdup ("");
  start = ls_timeline_format_duration (span.start);
  duration = ls_timeline_format_duration (end - span.start);
  line = span.line > 0 ? g_strdup_printf (_("line %u"), span.line) : g_strdup (_("line unknown"));
  return g_markup_printf_escaped (_("<b>%s</b>\n%s%s\nstart %s · duration %s%s\n%s"),
                                  ls_trace_task_get_name (self->trace, task),
                                  ls_timeline_state_label (span.state), on, start, duration,
                                  span.end == LS_TRACE_TIME_NONE ? _(" (so far)") : "", line);
}

static char *
task_markup (LsTimelineView *self,
             gint            task)
{
  LsTraceTask info;
  g_autofree char *created = NULL;
  g_autofree char *ended = NULL;
  g_autofree char *how = NULL;

  if (!ls_trace_get_task (self->trace, task, &info))
    return NULL;
  created = ls_timeline_format_duration (info.created);
  if (info.end == LS_TRACE_END_RUNNING)
    how = g_strdup (ls_timeline_end_label (info.end));
  else
    {
      ended = ls_timeline_format_duration (info.ended);
      if (info.end == LS_TRACE_END_FAILED && info.exception != NULL)
        /* Translators: how a task ended: "raised ValueError('x') at 1.5 s" */
        how = g_strdup_printf (_("raised %s at %s"), info.exception, ended);
      else
        /* Translators: how a task ended ("returned", "cancelled") and when */
        how = g_strdup_printf (_("%s at %s"), ls_timeline_end_label (info.end), ended);
    }
  return g_markup_printf_escaped (_("<b>%s</b>\ncreated at %s, line %u\n%s"),
                                  info.name ? info.name : "?", created, info.line, how);
}

static char *
counter_markup (LsTimelineView *self,
                gint            object,
                gint64          time)
{
  LsTraceObject info;
  gint series[4];
  guint n;
  GString *text;

  if (!ls_trace_get_object (self->trace, object, &info))
    return NULL;
  text = g_string_new (NULL);
  g_string_append_printf (text, "<b>%s</b> (%s)", info.label ? info.label : "?",
                          ls_trace_object_kind_to_string (info.kind));
  n = MIN (ls_trace_object_get_series (self->trace, object, series, G_N_ELEMENTS (series)),
           G_N_ELEMENTS (series));
  for (guint i = 0; i < n; i++)
    {
      LsTraceSeries s;
      guint first;
      double v = 0;
      gint64 t = 0;

      if (!ls_trace_get_series (self->trace, series[i], &s)
          || !ls_trace_series_samples_in_range (self->trace, series[i], time, time, &first, NULL))
        continue;
      ls_trace_series_get_sample (self->trace, series[i], first, &t, &v);
      if (t <= time)
        g_string_append_printf (text, "\n%s: %g", s.name, v);
    }
  if (info.capacity > 0)
    g_string_append_printf (text, "\n%s: %" G_GINT64_FORMAT, _("capacity"), info.capacity);
  return g_string_free (text, FALSE);
}

static char *
tooltip_markup (LsTimelineView *self,
                double          x,
                double          y)
{
  LsTimelineHit hit;

  if (self->trace == NULL
      || !ls_timeline_layout_hit (self->layout, self->trace, &self->params, x, y, &hit))
    return NULL;
  switch (hit.kind)
    {
    case LS_TIMELINE_HIT_SPAN:
      return span_markup (self, hit.task, hit.span);
    case LS_TIMELINE_HIT_HEADER:
    case LS_TIMELINE_HIT_LANE:
      return task_markup (self, hit.task);
    case LS_TIMELINE_HIT_COUNTER:
      return counter_markup (self, hit.object, hit.time);
    case LS_TIMELINE_HIT_AXIS:
      return g_markup_escape_text (self->live ? _("Playhead: follows the run")
                                   : _("Click or drag to move the playhead"), -1);
    case LS_TIMELINE_HIT_NONE:
    case LS_TIMELINE_HIT_LEGEND:
    default:
      return NULL;
    }
}

static gboolean
on_query_tooltip (LsTimelineView *self,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip)
{
  g_autofree char *markup = tooltip_markup (self, x, y);

  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

/* Pointer */

static void
select_span (LsTimelineView *self,
             gint            task,
             guint           span)
{
  self->selected_task = task;
  self->selected_span = span;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
click_at (LsTimelineView *self,
          double          x,
          double          y)
{
  LsTimelineHit hit;
  LsTraceSpan span;

  if (self->trace == NULL
      || !ls_timeline_layout_hit (self->layout, self->trace, &self->params, x, y, &hit))
    {
      select_span (self, LS_TRACE_NO_ID, 0);
      return;
    }
  switch (hit.kind)
    {
    case LS_TIMELINE_HIT_HEADER:
      {
        const LsTimelineRow *row =
          ls_timeline_layout_get_row (self->layout, ls_timeline_layout_task_row (self->layout,
                                                                                hit.task));

        if (row != NULL && row->has_children)
          ls_timeline_view_set_collapsed (self, hit.task, !row->collapsed);
      }
      break;
    case LS_TIMELINE_HIT_SPAN:
      select_span (self, hit.task, hit.span);
      if (ls_trace_task_get_span (self->trace, hit.task, hit.span, &span))
        g_signal_emit (self, signals[SPAN_ACTIVATED], 0, (guint) hit.task, (gint) span.line);
      break;
    case LS_TIMELINE_HIT_AXIS:
      if (!self->live)
        ls_timeline_view_set_playhead (self, hit.time);
      break;
    case LS_TIMELINE_HIT_LANE:
    case LS_TIMELINE_HIT_COUNTER:
      select_span (self, LS_TRACE_NO_ID, 0);
      break;
    case LS_TIMELINE_HIT_NONE:
    case LS_TIMELINE_HIT_LEGEND:
    default:
      break;
    }
}

static void
drag_begin_at (LsTimelineView *self,
               double          x,
               double          y)
{
  self->drag_x = x;
  self->drag_y = y;
  self->drag_t0 = self->params.t0;
  self->drag_scroll_y = self->params.scroll_y;
  self->drag_moved = FALSE;
  self->drag_mode = y < self->params.axis_height && x >= self->params.label_width && !self->live
                    ? DRAG_SCRUB : DRAG_PAN;
  if (self->drag_mode == DRAG_SCRUB && self->trace != NULL)
    ls_timeline_view_set_playhead (self, ls_timeline_params_x_to_time (&self->params, x));
}

static void
drag_update_by (LsTimelineView *self,
                double          dx,
                double          dy)
{
  double ns_per_px;

  if (!self->drag_moved && fabs (dx) < CLICK_SLOP && fabs (dy) < CLICK_SLOP)
    return;
  self->drag_moved = TRUE;
  if (self->drag_mode == DRAG_SCRUB)
    {
      ls_timeline_view_set_playhead (self, ls_timeline_params_x_to_time (&self->params,
                                                                         self->drag_x + dx));
      return;
    }
  ns_per_px = (double) (self->params.t1 - self->params.t0)
              / MAX (1.0, self->params.width - self->params.label_width);
  user_moved (self);
  apply_range (self, self->drag_t0 - (gint64) (dx * ns_per_px),
               self->drag_t0 - (gint64) (dx * ns_per_px) + (self->params.t1 - self->params.t0));
  self->params.scroll_y = CLAMP (self->drag_scroll_y - dy, 0.0f, self->layout->max_scroll_y);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end (LsTimelineView *self)
{
  if (!self->drag_moved && self->drag_mode == DRAG_PAN)
    click_at (self, self->drag_x, self->drag_y);
  self->drag_mode = DRAG_NONE;
}

static void
on_drag_begin (LsTimelineView *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  drag_begin_at (self, x, y);
}

static void
on_drag_update (LsTimelineView *self,
                double          dx,
                double          dy)
{
  drag_update_by (self, dx, dy);
}

static void
on_drag_end (LsTimelineView *self,
             double          dx,
             double          dy)
{
  drag_end (self);
}

static void
scroll_by (LsTimelineView  *self,
           double           dx,
           double           dy,
           GdkModifierType  mods,
           gboolean         pixels)
{
  double step_px = pixels ? 1.0 : 60.0;

  if (mods & GDK_CONTROL_MASK)
    {
      /* Wheel steps zoom by 25%; touchpad pixels smoothly. */
      zoom_at (self, pixels ? exp (dy / 200.0) : pow (1.25, dy), self->pointer_x);
      return;
    }
  if (mods & GDK_SHIFT_MASK)
    {
      pan_by_pixels (self, (dx + dy) * step_px);
      return;
    }
  if (dx != 0)
    pan_by_pixels (self, dx * step_px);
  if (dy != 0)
    {
      /* With nothing to scroll vertically, the wheel moves along time. */
      if (self->layout->max_scroll_y > 0)
        scroll_lanes (self, dy * (pixels ? 1.0 : 3 * self->layout->lane_h));
      else
        pan_by_pixels (self, dy * step_px);
    }
}

static gboolean
on_scroll (LsTimelineView           *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType mods =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  scroll_by (self, dx, dy, mods,
             gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE);
  return TRUE;
}

static void
on_motion (LsTimelineView *self,
           double          x,
           double          y)
{
  LsTimelineHit hit;
  gint focus = LS_TRACE_NO_ID;

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->trace != NULL
      && ls_timeline_layout_hit (self->layout, self->trace, &self->params, x, y, &hit))
    focus = hit.task;
  /* The hovered task's flows are drawn even where there are too many to show. */
  if (focus != self->params.focus_task)
    {
      self->params.focus_task = focus;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (LsTimelineView *self)
{
  if (self->params.focus_task != LS_TRACE_NO_ID)
    {
      self->params.focus_task = LS_TRACE_NO_ID;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_pinch_begin (LsTimelineView   *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  double x, y;

  self->pinch_t0 = self->params.t0;
  self->pinch_t1 = self->params.t1;
  self->pinch_x = gtk_gesture_get_bounding_box_center (gesture, &x, &y) ? x : self->pointer_x;
}

static void
on_pinch_scale_changed (LsTimelineView *self,
                        double          scale)
{
  LsTimelineParams start = self->params;
  gint64 anchor;

  if (scale <= 0)
    return;
  start.t0 = self->pinch_t0;
  start.t1 = self->pinch_t1;
  anchor = ls_timeline_params_x_to_time (&start, self->pinch_x);
  user_moved (self);
  apply_range (self, anchor - (gint64) ((anchor - self->pinch_t0) / scale),
               anchor + (gint64) ((self->pinch_t1 - anchor) / scale));
}

static void
on_dark_changed (LsTimelineView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Actions */

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
      /* Fitting by hand means "show me the run": follow it again. */
      ls_timeline_view_zoom_fit (self);
      set_follow_live (self, TRUE);
    }
}

/* GObject */

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
  g_clear_pointer (&self->text_cache, g_hash_table_unref);
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
    case PROP_FOLLOW_LIVE:
      g_value_set_boolean (value, self->follow_live);
      break;
    case PROP_PLAYHEAD:
      g_value_set_int64 (value, ls_timeline_view_get_playhead (self));
      break;
    case PROP_SHOW_INTERNAL:
      g_value_set_boolean (value, self->params.show_internal);
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
    case PROP_FOLLOW_LIVE:
      ls_timeline_view_set_follow_live (self, g_value_get_boolean (value));
      break;
    case PROP_PLAYHEAD:
      ls_timeline_view_set_playhead (self, g_value_get_int64 (value));
      break;
    case PROP_SHOW_INTERNAL:
      ls_timeline_view_set_show_internal (self, g_value_get_boolean (value));
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
  properties[PROP_FOLLOW_LIVE] =
    g_param_spec_boolean ("follow-live", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYHEAD] =
    g_param_spec_int64 ("playhead", NULL, NULL, 0, LS_TRACE_TIME_MAX, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_INTERNAL] =
    g_param_spec_boolean ("show-internal", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LsTimelineView::span-activated:
   * @task: the span's task id
   * @line: its code line, 0 if unknown
   *
   * A span was clicked.
   */
  signals[SPAN_ACTIVATED] =
    g_signal_new ("span-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-fit", NULL, zoom_action);
  gtk_widget_class_set_css_name (widget_class, "timeline");
}

static void
add_pointer_controllers (LsTimelineView *self)
{
  GtkEventController *scroll;
  GtkEventController *motion;
  GtkGesture *drag;
  GtkGesture *pinch;

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (on_scroll), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "motion", G_CALLBACK (on_motion), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (on_leave), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  drag = gtk_gesture_drag_new ();
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_drag_begin), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (on_drag_update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (on_drag_end), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  pinch = gtk_gesture_zoom_new ();
  g_signal_connect_object (pinch, "begin", G_CALLBACK (on_pinch_begin), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pinch, "scale-changed", G_CALLBACK (on_pinch_scale_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));
  /* Grouped, a two-finger pinch does not also pan. */
  gtk_gesture_group (pinch, drag);
}

static void
ls_timeline_view_init (LsTimelineView *self)
{
  self->layout = ls_timeline_layout_new ();
  self->text_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  ls_timeline_params_init (&self->params);
  self->params.t1 = DEFAULT_RANGE;
  self->follow_live = TRUE;
  self->fit = TRUE;
  self->playhead_at_end = TRUE;
  self->selected_task = LS_TRACE_NO_ID;

  add_pointer_controllers (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

/* Public API */

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
  ls_timeline_layout_reset (self->layout);
  self->selected_task = LS_TRACE_NO_ID;
  self->params.scroll_y = 0;
  self->playhead_at_end = TRUE;
  self->fit = TRUE;
  fit_range (self);
  set_follow_live (self, TRUE);
  notify_playhead_if_moved (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  /* While the run goes, the playhead is "now". */
  if (live && !self->playhead_at_end)
    {
      self->playhead_at_end = TRUE;
      notify_playhead_if_moved (self);
    }
  update_tick (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE]);
}

gboolean
ls_timeline_view_get_show_internal (LsTimelineView *self)
{
  g_return_val_if_fail (LS_IS_TIMELINE_VIEW (self), FALSE);

  return self->params.show_internal;
}

void
ls_timeline_view_set_show_internal (LsTimelineView *self,
                                    gboolean        show_internal)
{
  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));

  show_internal = !!show_internal;
  if (self->params.show_internal == show_internal)
    return;
  self->params.show_internal = show_internal;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_INTERNAL]);
}

gboolean
ls_timeline_view_get_follow_live (LsTimelineView *self)
{
  g_return_val_if_fail (LS_IS_TIMELINE_VIEW (self), FALSE);

  return self->follow_live;
}

void
ls_timeline_view_set_follow_live (LsTimelineView *self,
                                  gboolean        follow_live)
{
  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));

  set_follow_live (self, follow_live);
  if (self->follow_live)
    follow_now (self);
}

gint64
ls_timeline_view_get_playhead (LsTimelineView *self)
{
  g_return_val_if_fail (LS_IS_TIMELINE_VIEW (self), 0);

  return effective_playhead (self);
}

void
ls_timeline_view_set_playhead (LsTimelineView *self,
                               gint64          playhead)
{
  gint64 now;

  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));

  now = trace_now (self);
  playhead = CLAMP (playhead, 0, now);
  /* Put back at the end, it follows the run again. */
  self->playhead_at_end = playhead == now;
  if (self->playhead == playhead)
    return;
  self->playhead = playhead;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYHEAD]);
}

void
ls_timeline_view_get_range (LsTimelineView *self,
                            gint64         *t0,
                            gint64         *t1)
{
  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));

  if (t0 != NULL)
    *t0 = self->params.t0;
  if (t1 != NULL)
    *t1 = self->params.t1;
}

void
ls_timeline_view_set_range (LsTimelineView *self,
                            gint64          t0,
                            gint64          t1)
{
  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));

  self->fit = FALSE;
  apply_range (self, t0, t1);
}

void
ls_timeline_view_zoom (LsTimelineView *self,
                       double          factor)
{
  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));
  g_return_if_fail (factor > 0);

  zoom_at (self, factor, (self->params.label_width + self->params.width) / 2);
}

void
ls_timeline_view_zoom_fit (LsTimelineView *self)
{
  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));

  self->fit = TRUE;
  fit_range (self);
}

guint
ls_timeline_view_get_n_lanes (LsTimelineView *self)
{
  g_return_val_if_fail (LS_IS_TIMELINE_VIEW (self), 0);

  if (self->trace == NULL)
    return 0;
  /* Counted from the trace, so it is right before the first frame too. */
  compute_layout (self);
  return self->layout->n_lanes;
}

gboolean
ls_timeline_view_get_selected (LsTimelineView *self,
                               gint           *task,
                               guint          *span)
{
  g_return_val_if_fail (LS_IS_TIMELINE_VIEW (self), FALSE);

  if (task != NULL)
    *task = self->selected_task;
  if (span != NULL)
    *span = self->selected_span;
  return self->selected_task != LS_TRACE_NO_ID;
}

void
ls_timeline_view_set_collapsed (LsTimelineView *self,
                                gint            task,
                                gboolean        collapsed)
{
  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));
  g_return_if_fail (task >= 0);

  ls_timeline_layout_set_collapsed (self->layout, task, collapsed);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Private API */

LsTimelineLayout *
_ls_timeline_view_get_layout (LsTimelineView *self)
{
  g_return_val_if_fail (LS_IS_TIMELINE_VIEW (self), NULL);

  if (self->trace != NULL)
    compute_layout (self);
  return self->layout;
}

const LsTimelineParams *
_ls_timeline_view_get_params (LsTimelineView *self)
{
  g_return_val_if_fail (LS_IS_TIMELINE_VIEW (self), NULL);

  return &self->params;
}

char *
_ls_timeline_view_get_tooltip (LsTimelineView *self,
                               double          x,
                               double          y)
{
  g_return_val_if_fail (LS_IS_TIMELINE_VIEW (self), NULL);

  if (self->trace != NULL)
    compute_layout (self);
  return tooltip_markup (self, x, y);
}

void
_ls_timeline_view_click (LsTimelineView *self,
                         double          x,
                         double          y)
{
  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));

  if (self->trace != NULL)
    compute_layout (self);
  drag_begin_at (self, x, y);
  drag_end (self);
}

void
_ls_timeline_view_drag (LsTimelineView *self,
                        double          x,
                        double          y,
                        double          dx,
                        double          dy)
{
  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));

  if (self->trace != NULL)
    compute_layout (self);
  drag_begin_at (self, x, y);
  drag_update_by (self, dx, dy);
  drag_end (self);
}

void
_ls_timeline_view_scroll (LsTimelineView  *self,
                          double           x,
                          double           y,
                          double           dx,
                          double           dy,
                          GdkModifierType  mods)
{
  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));

  if (self->trace != NULL)
    compute_layout (self);
  self->pointer_x = x;
  self->pointer_y = y;
  scroll_by (self, dx, dy, mods, FALSE);
}

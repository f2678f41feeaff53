/* ls-timeline-layout.c: the timeline as plain primitives. Work is bounded by
 * what is visible: lanes outside the viewport are skipped, each lane's spans
 * are found by binary search, and where spans are narrower than a pixel one
 * sampled rect per pixel column replaces them (level of detail).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ls-timeline-layout.h"

#define NS_PER_SEC G_GINT64_CONSTANT (1000000000)

static void
text_clear (gpointer data)
{
  LsTimelineText *text = data;

  g_clear_pointer (&text->text, g_free);
}

void
ls_timeline_params_init (LsTimelineParams *params)
{
  g_return_if_fail (params != NULL);

  *params = (LsTimelineParams) {
    .t0 = 0,
    .t1 = NS_PER_SEC,
    .now = LS_TRACE_TIME_NONE,
    .width = 800,
    .height = 400,
    .lane_height = 22,
    .label_width = 96,
    .axis_height = 24,
    .legend_height = 24,
    .scroll_y = 0,
    .char_width = 7.5,
  };
}

LsTimelineLayout *
ls_timeline_layout_new (void)
{
  LsTimelineLayout *self = g_new0 (LsTimelineLayout, 1);

  self->rects = g_array_new (FALSE, FALSE, sizeof (LsTimelineRect));
  self->lines = g_array_new (FALSE, FALSE, sizeof (LsTimelineLine));
  self->texts = g_array_new (FALSE, FALSE, sizeof (LsTimelineText));
  g_array_set_clear_func (self->texts, text_clear);
  return self;
}

void
ls_timeline_layout_clear (LsTimelineLayout *self)
{
  g_return_if_fail (self != NULL);

  g_array_set_size (self->rects, 0);
  g_array_set_size (self->lines, 0);
  g_array_set_size (self->texts, 0);
  self->n_lanes = 0;
  self->n_spans_visited = 0;
}

void
ls_timeline_layout_free (LsTimelineLayout *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->rects);
  g_array_unref (self->lines);
  g_array_unref (self->texts);
  g_free (self);
}

static double
lanes_width (const LsTimelineParams *params)
{
  return MAX (1.0, params->width - params->label_width);
}

double
ls_timeline_params_time_to_x (const LsTimelineParams *params,
                              gint64                  time)
{
  double frac = (double) (time - params->t0) / (double) MAX (1, params->t1 - params->t0);

  return params->label_width + frac * lanes_width (params);
}

gint64
ls_timeline_params_x_to_time (const LsTimelineParams *params,
                              double                  x)
{
  double frac = (x - params->label_width) / lanes_width (params);

  return params->t0 + (gint64) llround (frac * (double) (params->t1 - params->t0));
}

static void
add_rect (LsTimelineLayout *self,
          double            x,
          double            y,
          double            w,
          double            h,
          LsTimelineColor   color,
          gint              task)
{
  LsTimelineRect r = { x, y, w, h, color, task };

  g_array_append_val (self->rects, r);
}

static void
add_line (LsTimelineLayout *self,
          double            x0,
          double            y0,
          double            x1,
          double            y1,
          LsTimelineColor   color)
{
  LsTimelineLine l = { x0, y0, x1, y1, color };

  g_array_append_val (self->lines, l);
}

static void
add_text (LsTimelineLayout *self,
          double            x,
          double            y,
          LsTimelineAlign   align,
          LsTimelineColor   color,
          char             *text)
{
  LsTimelineText t = { x, y, align, color, text };

  g_array_append_val (self->texts, t);
}

gint64
ls_timeline_tick_step (gint64 span,
                       double width,
                       double min_px)
{
  static const int mult[] = { 1, 2, 5 };
  gint64 base = 1;

  if (span <= 0 || width <= 0)
    return NS_PER_SEC;
  for (;;)
    {
      for (guint i = 0; i < G_N_ELEMENTS (mult); i++)
        {
          gint64 step = base * mult[i];

          if ((double) step / (double) span * width >= min_px)
            return step;
        }
      if (base > LS_TRACE_TIME_MAX / 10)
        return base;
      base *= 10;
    }
}

char *
ls_timeline_format_time (gint64 time,
                         gint64 step)
{
  static const struct { gint64 unit; const char *name; } units[] = {
    { NS_PER_SEC, "s" }, { 1000000, "ms" }, { 1000, "µs" }, { 1, "ns" },
  };
  guint u = 0;
  int decimals = 0;

  /* Use the largest unit the step is at least a tenth of, so ticks read "0.5 s"
   * rather than "500000000 ns". */
  while (u + 1 < G_N_ELEMENTS (units) && step * 10 <= units[u].unit)
    u++;
  for (gint64 s = step; s < units[u].unit && decimals < 3; s *= 10)
    decimals++;
  return g_strdup_printf ("%.*f %s", decimals, (double) time / (double) units[u].unit,
                          units[u].name);
}

static void
layout_axis (LsTimelineLayout       *self,
             const LsTimelineParams *params)
{
  gint64 step = ls_timeline_tick_step (params->t1 - params->t0, lanes_width (params), 90);
  gint64 first = params->t0 <= 0 ? 0 : (params->t0 + step - 1) / step * step;
  float bottom = params->height - params->legend_height;

  add_rect (self, 0, 0, params->width, params->axis_height,
            LS_TIMELINE_COLOR_LANE_BG, LS_TRACE_NO_ID);
  for (gint64 t = first; t <= params->t1; t += step)
    {
      double x = ls_timeline_params_time_to_x (params, t);

      add_line (self, x, params->axis_height - 6, x, bottom, LS_TIMELINE_COLOR_GRID);
      add_text (self, x + 3, 3, LS_TIMELINE_ALIGN_START, LS_TIMELINE_COLOR_TEXT_DIM,
                ls_timeline_format_time (t, step));
    }
  add_line (self, 0, params->axis_height, params->width, params->axis_height,
            LS_TIMELINE_COLOR_AXIS);
}

/* Appends the spans of one lane between [x_from, x_to). */
static void
layout_lane_spans (LsTimelineLayout       *self,
                   LsTrace                *trace,
                   const LsTimelineParams *params,
                   gint                    task,
                   gint64                  now,
                   float                   y,
                   float                   h)
{
  double x_min = params->label_width;
  double x_max = params->width;
  double covered = x_min;
  guint first, last;

  if (!ls_trace_task_spans_in_range (trace, task, params->t0, params->t1, &first, &last))
    return;

  for (guint i = first; i <= last; i++)
    {
      LsTraceSpan span;
      gint64 end;
      double x0, x1;

      if (!ls_trace_task_get_span (trace, task, i, &span))
        break;
      self->n_spans_visited++;
      end = span.end == LS_TRACE_TIME_NONE ? MAX (now, span.start) : span.end;
      x0 = MAX (covered, ls_timeline_params_time_to_x (params, span.start));
      x1 = MIN (x_max, ls_timeline_params_time_to_x (params, end));
      if (x1 <= x0)
        continue;
      if (x1 - x0 >= 1.0 || span.end == LS_TRACE_TIME_NONE)
        {
          add_rect (self, x0, y, x1 - x0, h, (LsTimelineColor) span.state, task);
          covered = x1;
          continue;
        }

      /* Narrower than a pixel: one rect for this whole pixel column, coloured by
       * the state in effect at its start, then jump to the span covering the
       * next column. */
      {
        double col = floor (x0);
        gint64 next_t = ls_timeline_params_x_to_time (params, col + 1.0);
        guint next;

        add_rect (self, col, y, 1.0, h, (LsTimelineColor) span.state, task);
        covered = col + 1.0;
        if (!ls_trace_task_span_at (trace, task, next_t, &next) || next <= i)
          continue;
        i = next - 1;
      }
    }
}

static void
layout_lanes (LsTimelineLayout       *self,
              LsTrace                *trace,
              const LsTimelineParams *params)
{
  guint n_tasks = ls_trace_get_n_tasks (trace);
  gint64 now = params->now != LS_TRACE_TIME_NONE ? params->now : ls_trace_get_now (trace);
  float top = params->axis_height;
  float bottom = params->height - params->legend_height;
  float lh = MAX (4.0f, params->lane_height);
  guint first = (guint) MAX (0.0f, floorf (params->scroll_y / lh));

  self->n_lanes = n_tasks;
  for (guint lane = first; lane < n_tasks; lane++)
    {
      float y = top + lane * lh - params->scroll_y;
      const char *name;

      if (y >= bottom)
        break;
      if (lane % 2)
        add_rect (self, 0, y, params->width, lh, LS_TIMELINE_COLOR_LANE_BG_ALT, LS_TRACE_NO_ID);
      layout_lane_spans (self, trace, params, lane, now, y + 2, lh - 4);
      name = ls_trace_task_get_name (trace, lane);
      if (lh >= 12)
        add_text (self, 6, y + (lh - 14) / 2, LS_TIMELINE_ALIGN_START, LS_TIMELINE_COLOR_TEXT,
                  g_strdup (name ? name : "?"));
    }
  if (now >= params->t0 && now <= params->t1)
    {
      double x = ls_timeline_params_time_to_x (params, now);

      add_line (self, x, top, x, bottom, LS_TIMELINE_COLOR_NOW);
    }
}

static const LsTraceState legend_states[] = {
  LS_TRACE_STATE_RUNNING, LS_TRACE_STATE_READY, LS_TRACE_STATE_SLEEPING,
  LS_TRACE_STATE_AWAIT_TASK, LS_TRACE_STATE_AWAIT_GATHER, LS_TRACE_STATE_QUEUE_GET,
  LS_TRACE_STATE_SEMAPHORE, LS_TRACE_STATE_LOCK, LS_TRACE_STATE_BLOCKING,
};

static void
layout_legend (LsTimelineLayout       *self,
               const LsTimelineParams *params)
{
  float y = params->height - params->legend_height;
  float x = 8;

  if (params->legend_height <= 0)
    return;
  add_rect (self, 0, y, params->width, params->legend_height,
            LS_TIMELINE_COLOR_LANE_BG, LS_TRACE_NO_ID);
  add_line (self, 0, y, params->width, y, LS_TIMELINE_COLOR_AXIS);
  for (guint i = 0; i < G_N_ELEMENTS (legend_states); i++)
    {
      const char *label = ls_timeline_state_label (legend_states[i]);
      float advance = 14 + 1.15f * params->char_width * strlen (label) + 14;

      /* Entries that do not fit are left out rather than clipped mid-word. */
      if (x + advance - 14 > params->width)
        break;
      add_rect (self, x, y + (params->legend_height - 10) / 2, 10, 10,
                (LsTimelineColor) legend_states[i], LS_TRACE_NO_ID);
      add_text (self, x + 14, y + (params->legend_height - 14) / 2, LS_TIMELINE_ALIGN_START,
                LS_TIMELINE_COLOR_TEXT_DIM, g_strdup (label));
      /* An average advance keeps the layout backend-free (no text measuring). */
      x += advance;
    }
}

void
ls_timeline_layout_compute (LsTimelineLayout       *self,
                            LsTrace                *trace,
                            const LsTimelineParams *params)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (LS_IS_TRACE (trace));
  g_return_if_fail (params != NULL);
  g_return_if_fail (params->t1 > params->t0);

  ls_timeline_layout_clear (self);
  layout_axis (self, params);
  layout_lanes (self, trace, params);
  layout_legend (self, params);
}

gboolean
ls_timeline_layout_hit (LsTrace                *trace,
                        const LsTimelineParams *params,
                        double                  x,
                        double                  y,
                        gint                   *task,
                        guint                  *span)
{
  double lane_y = y - params->axis_height + params->scroll_y;
  guint lane;

  g_return_val_if_fail (LS_IS_TRACE (trace), FALSE);

  if (x < params->label_width || y < params->axis_height
      || y >= params->height - params->legend_height || lane_y < 0)
    return FALSE;
  lane = (guint) (lane_y / MAX (4.0f, params->lane_height));
  if (lane >= ls_trace_get_n_tasks (trace))
    return FALSE;
  if (!ls_trace_task_span_at (trace, lane, ls_timeline_params_x_to_time (params, x), span))
    return FALSE;
  *task = lane;
  return TRUE;
}

/* Okabe-Ito colours (distinguishable with the common colour-vision
 * deficiencies), slightly lifted for dark backgrounds. */
static const guint32 palette_light[LS_TIMELINE_N_COLORS] = {
  [LS_TRACE_STATE_RUNNING]      = 0x009E73,
  [LS_TRACE_STATE_READY]        = 0xE69F00,
  [LS_TRACE_STATE_READY_LATE]   = 0xD55E00,
  [LS_TRACE_STATE_SLEEPING]     = 0x56B4E9,
  [LS_TRACE_STATE_AWAIT_TASK]   = 0xB8B8B8,
  [LS_TRACE_STATE_AWAIT_FUTURE] = 0xB8B8B8,
  [LS_TRACE_STATE_AWAIT_GATHER] = 0x9A9A9A,
  [LS_TRACE_STATE_QUEUE_GET]    = 0xCC79A7,
  [LS_TRACE_STATE_QUEUE_PUT]    = 0xA5507E,
  [LS_TRACE_STATE_SEMAPHORE]    = 0x0072B2,
  [LS_TRACE_STATE_LOCK]         = 0x004D7A,
  [LS_TRACE_STATE_EVENT]        = 0xF0E442,
  [LS_TRACE_STATE_CONDITION]    = 0xC9BE2E,
  [LS_TRACE_STATE_BARRIER]      = 0x8C8C3A,
  [LS_TRACE_STATE_IO]           = 0x7F7F7F,
  [LS_TRACE_STATE_BLOCKING]     = 0x000000,
  [LS_TRACE_STATE_DONE]         = 0xFFFFFF,
  [LS_TIMELINE_COLOR_MIXED]     = 0x808080,
  [LS_TIMELINE_COLOR_LANE_BG]   = 0xFAFAFA,
  [LS_TIMELINE_COLOR_LANE_BG_ALT] = 0xF0F0F2,
  [LS_TIMELINE_COLOR_GRID]      = 0xDDDDDD,
  [LS_TIMELINE_COLOR_AXIS]      = 0x9A9A9A,
  [LS_TIMELINE_COLOR_TEXT]      = 0x222222,
  [LS_TIMELINE_COLOR_TEXT_DIM]  = 0x5E5E5E,
  [LS_TIMELINE_COLOR_NOW]       = 0xD55E00,
};

static const guint32 palette_dark[LS_TIMELINE_N_COLORS] = {
  [LS_TRACE_STATE_RUNNING]      = 0x1FC08F,
  [LS_TRACE_STATE_READY]        = 0xF2B233,
  [LS_TRACE_STATE_READY_LATE]   = 0xF07A2A,
  [LS_TRACE_STATE_SLEEPING]     = 0x6CC3F0,
  [LS_TRACE_STATE_AWAIT_TASK]   = 0x5C5C5C,
  [LS_TRACE_STATE_AWAIT_FUTURE] = 0x5C5C5C,
  [LS_TRACE_STATE_AWAIT_GATHER] = 0x707070,
  [LS_TRACE_STATE_QUEUE_GET]    = 0xDE93BD,
  [LS_TRACE_STATE_QUEUE_PUT]    = 0xBC6A98,
  [LS_TRACE_STATE_SEMAPHORE]    = 0x2B7BC8,
  [LS_TRACE_STATE_LOCK]         = 0x1E5A8C,
  [LS_TRACE_STATE_EVENT]        = 0xF0E442,
  [LS_TRACE_STATE_CONDITION]    = 0xC9BE2E,
  [LS_TRACE_STATE_BARRIER]      = 0xA8A850,
  [LS_TRACE_STATE_IO]           = 0x9A9A9A,
  [LS_TRACE_STATE_BLOCKING]     = 0xF2F2F2,
  [LS_TRACE_STATE_DONE]         = 0x000000,
  [LS_TIMELINE_COLOR_MIXED]     = 0x909090,
  [LS_TIMELINE_COLOR_LANE_BG]   = 0x242424,
  [LS_TIMELINE_COLOR_LANE_BG_ALT] = 0x2C2C2E,
  [LS_TIMELINE_COLOR_GRID]      = 0x3A3A3A,
  [LS_TIMELINE_COLOR_AXIS]      = 0x6A6A6A,
  [LS_TIMELINE_COLOR_TEXT]      = 0xEEEEEE,
  [LS_TIMELINE_COLOR_TEXT_DIM]  = 0xB0B0B0,
  [LS_TIMELINE_COLOR_NOW]       = 0xF07A2A,
};

void
ls_timeline_color_rgba (LsTimelineColor color,
                        gboolean        dark,
                        float           rgba[4])
{
  guint32 c;

  g_return_if_fail (color < LS_TIMELINE_N_COLORS);

  c = (dark ? palette_dark : palette_light)[color];
  rgba[0] = ((c >> 16) & 0xff) / 255.0f;
  rgba[1] = ((c >> 8) & 0xff) / 255.0f;
  rgba[2] = (c & 0xff) / 255.0f;
  rgba[3] = 1.0f;
}

const char *
ls_timeline_state_label (LsTraceState state)
{
  switch (state)
    {
    case LS_TRACE_STATE_RUNNING: return "running";
    case LS_TRACE_STATE_READY: return "ready";
    case LS_TRACE_STATE_READY_LATE: return "ready (late)";
    case LS_TRACE_STATE_SLEEPING: return "sleeping";
    case LS_TRACE_STATE_AWAIT_TASK: return "awaiting task";
    case LS_TRACE_STATE_AWAIT_FUTURE: return "awaiting future";
    case LS_TRACE_STATE_AWAIT_GATHER: return "gather";
    case LS_TRACE_STATE_QUEUE_GET: return "queue get";
    case LS_TRACE_STATE_QUEUE_PUT: return "queue put";
    case LS_TRACE_STATE_SEMAPHORE: return "semaphore";
    case LS_TRACE_STATE_LOCK: return "lock";
    case LS_TRACE_STATE_EVENT: return "event";
    case LS_TRACE_STATE_CONDITION: return "condition";
    case LS_TRACE_STATE_BARRIER: return "barrier";
    case LS_TRACE_STATE_IO: return "I/O";
    case LS_TRACE_STATE_BLOCKING: return "blocking";
    case LS_TRACE_STATE_DONE: return "done";
    case LS_TRACE_N_STATES:
    default: return "?";
    }
}

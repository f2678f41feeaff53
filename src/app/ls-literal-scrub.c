/* ls-literal-scrub.c: Ctrl+drag on a number literal in the editor rewrites it
 * live, like a slider hidden in the text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkGestureDrag in the capture phase sees the press before the text view's
 * own gestures: with Ctrl held over a literal it claims the sequence (so no
 * selection starts), otherwise it denies it and the view behaves as usual.
 */
#define G_LOG_DOMAIN "Loopscope"

#include "config.h"

#include "ls-literal-scrub.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ls-params.h"

/* Pixels of horizontal drag per step. */
#define PIXELS_PER_STEP 8.0
/* Beyond this a double no longer holds every int: such literals are left alone. */
#define MAX_MAGNITUDE 1e15
#define MAX_DECIMALS 12

struct _LsLiteralScrub
{
  GObject       parent_instance;

  GtkTextView  *view;          /* unowned: the view owns us */
  gboolean      ctrl_down;
  gboolean      resize_cursor; /* the ew-resize cursor is shown */
  double        pointer_x, pointer_y;
  gboolean      has_pointer;

  /* The drag in progress (original != NULL). */
  GtkTextMark  *start;         /* left gravity: stays before the literal */
  char         *original;      /* the literal when the drag began */
  char         *current;       /* the literal as now written */
  int           steps;
  int           press_offset;  /* where the drag began, for a click that did not move */
  gboolean      has_range;
  double        min, max;
};

G_DEFINE_FINAL_TYPE (LsLiteralScrub, ls_literal_scrub, G_TYPE_OBJECT)

enum
{
  SCRUBBED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Pure text functions */

static gboolean
is_ident_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || (guchar) c >= 0x80;
}

/* Scans a decimal number (no sign) from @i: digits with '_', a fraction, an
 * exponent. A '.' followed by '.' is not taken ("1..10" is a range). */
static gsize
scan_decimal (const char *s,
              gsize       i,
              gsize       len)
{
  while (i < len && (g_ascii_isdigit (s[i]) || (s[i] == '_' && i + 1 < len
                                                 && g_ascii_isdigit (s[i + 1]))))
    i++;
  if (i < len && s[i] == '.' && !(i + 1 < len && s[i + 1] == '.'))
    {
      i++;
      while (i < len && (g_ascii_isdigit (s[i]) || (s[i] == '_' && i + 1 < len
                                                     && g_ascii_isdigit (s[i + 1]))))
        i++;
    }
  if (i < len && (s[i] == 'e' || s[i] == 'E'))
    {
      gsize e = i + 1;

      if (e < len && (s[e] == '+' || s[e] == '-'))
        e++;
      if (e < len && g_ascii_isdigit (s[e]))
        {
          while (e < len && (g_ascii_isdigit (s[e]) || s[e] == '_'))
            e++;
          i = e;
        }
    }
  return i;
}

/* Whether a '-' just before @start is a sign, not a subtraction: nothing that
 * ends an operand (a name, a number, a bracket, a string) comes before it. */
static gboolean
has_unary_minus (const char *s,
                 gsize       start)
{
  gsize i;

  if (start == 0 || s[start - 1] != '-')
    return FALSE;
  i = start - 1;
  while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
    i--;
  return i == 0 || !(is_ident_char (s[i - 1]) || strchr (")]}'\".", s[i - 1]) != NULL);
}

static gboolean
starts_number (const char *s,
               gsize       i,
               gsize       len)
{
  if (g_ascii_isdigit (s[i]))
    return TRUE;
  return s[i] == '.' && i + 1 < len && g_ascii_isdigit (s[i + 1]) && (i == 0 || s[i - 1] != '.');
}

gboolean
_ls_literal_scrub_find_number (const char *line,
                               gsize       pos,
                               gsize      *start,
                               gsize      *end)
{
  gsize len, i = 0;

  g_return_val_if_fail (line != NULL, FALSE);

  len = strlen (line);
  while (i < len && i <= pos + 1)
    {
      gsize s = i, e;

      if (!starts_number (line, i, len))
        {
          /* A name swallows its digits: x1 is not a number. */
          if (is_ident_char (line[i]))
            while (i < len && is_ident_char (line[i]))
              i++;
          else
            i++;
          continue;
        }
      e = scan_decimal (line, i, len);
      i = e;
      if (e < len && is_ident_char (line[e]))
        {
          /* 0x10, 1j, 12abc: not a literal we can step. */
          while (i < len && is_ident_char (line[i]))
            i++;
          continue;
        }
      if (has_unary_minus (line, s))
        s--;
      if (pos >= s && pos < e)
        {
          *start = s;
          *end = e;
          return TRUE;
        }
    }
  return FALSE;
}

int
_ls_literal_scrub_decimals (const char *literal)
{
  const char *dot, *exp;
  int decimals = 0;

  g_return_val_if_fail (literal != NULL, 0);

  dot = strchr (literal, '.');
  exp = strpbrk (literal, "eE");
  if (dot != NULL)
    for (const char *c = dot + 1; g_ascii_isdigit (*c) || *c == '_'; c++)
      decimals += g_ascii_isdigit (*c) ? 1 : 0;
  if (exp != NULL)
    decimals -= atoi (exp + 1);
  return decimals;
}

gboolean
_ls_literal_scrub_parse (const char *literal,
                         double     *value)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  const char *digits;
  char *rest = NULL;
  double v;

  g_return_val_if_fail (literal != NULL, FALSE);

  for (const char *c = literal; *c; c++)
    if (*c != '_' && *c != ' ' && *c != '\t')
      g_string_append_c (clean, *c);
  digits = clean->str + (clean->str[0] == '-' || clean->str[0] == '+');
  if (digits[0] == '0' && digits[1] != '\0' && strchr ("xXoObB", digits[1]) != NULL)
    {
      int base = strchr ("xX", digits[1]) ? 16 : strchr ("oO", digits[1]) ? 8 : 2;

      v = (double) g_ascii_strtoull (digits + 2, &rest, base);
      if (clean->str[0] == '-')
        v = -v;
    }
  else if (g_ascii_isdigit (*digits) || *digits == '.')
    v = g_ascii_strtod (clean->str, &rest);
  else
    return FALSE;
  if (rest == NULL || *rest != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

/* The fewest decimals that write @value (a range bound) exactly enough. */
static int
value_decimals (double value)
{
  for (int d = 0; d < MAX_DECIMALS; d++)
    {
      double scaled = value * pow (10, d);

      if (fabs (scaled - round (scaled)) < 1e-6)
        return d;
    }
  return MAX_DECIMALS;
}

static gboolean
is_decimal_literal (const char *literal)
{
  gsize start, end;

  return *literal != '\0'
         && _ls_literal_scrub_find_number (literal, 0, &start, &end)
         && start == 0 && end == strlen (literal);
}

static char *
step_int (double    value,
          int       steps,
          gboolean  has_range,
          double    min,
          double    max)
{
  double v = value + steps;

  if (has_range)
    v = CLAMP (v, MIN (ceil (min), value), MAX (floor (max), value));
  return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) v);
}

static char *
step_float (double    value,
            int       decimals,
            int       steps,
            gboolean  has_range,
            double    min,
            double    max)
{
  double unit = pow (10, -decimals);
  double v = (round (value / unit) + steps) * unit;
  int shown = MAX (decimals, 1);
  char format[16], buf[G_ASCII_DTOSTR_BUF_SIZE + 32];

  if (has_range && (v < MIN (min, value) || v > MAX (max, value)))
    {
      v = CLAMP (v, MIN (min, value), MAX (max, value));
      /* A bound may need more decimals than the literal had. */
      shown = MAX (shown, value_decimals (v));
    }
  if (v == 0)
    v = 0;   /* never write -0.0 */
  snprintf (format, sizeof format, "%%.%df", shown);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, format, v));
}

char *
_ls_literal_scrub_step (const char *literal,
                        int         steps,
                        gboolean    has_range,
                        double      min,
                        double      max)
{
  double value;
  int decimals;

  g_return_val_if_fail (literal != NULL, NULL);

  if (!is_decimal_literal (literal) || !_ls_literal_scrub_parse (literal, &value)
      || fabs (value) >= MAX_MAGNITUDE)
    return NULL;
  if (strpbrk (literal, ".eE") == NULL)
    return step_int (value, steps, has_range, min, max);
  decimals = _ls_literal_scrub_decimals (literal);
  if (decimals > MAX_DECIMALS || decimals < -MAX_DECIMALS)
    return NULL;
  return step_float (value, decimals, steps, has_range, min, max);
}

/* The drag */

static char *
line_text (const GtkTextIter *iter,
           GtkTextIter       *line_start)
{
  GtkTextIter end = *iter;

  *line_start = *iter;
  gtk_text_iter_set_line_offset (line_start, 0);
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  return gtk_text_iter_get_text (line_start, &end);
}

/* The `# param MIN..MAX` range of the parameter whose literal ends at byte
 * @end of line @line (0-based), if the literal is one. */
static void
find_param_range (LsLiteralScrub *self,
                  int             line,
                  gsize           end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) params = NULL;
  GtkTextIter start_iter, end_iter;

  self->has_range = FALSE;
  gtk_text_buffer_get_bounds (buffer, &start_iter, &end_iter);
  text = gtk_text_buffer_get_text (buffer, &start_iter, &end_iter, TRUE);
  params = ls_params_scan (text);
  for (guint i = 0; i < params->len; i++)
    {
      LsParam *param = params->pdata[i];
      const char *line_start = text;

      if (param->line != line + 1 || !param->has_range)
        continue;
      for (int l = 0; l < line && line_start != NULL; l++)
        {
          line_start = strchr (line_start, '\n');
          if (line_start != NULL)
            line_start++;
        }
      if (line_start != NULL && param->end == (gsize) (line_start - text) + end)
        {
          self->has_range = TRUE;
          self->min = param->min;
          self->max = param->max;
        }
    }
}

gboolean
_ls_literal_scrub_begin (LsLiteralScrub    *self,
                         const GtkTextIter *iter)
{
  GtkTextBuffer *buffer;
  GtkTextIter line_start;
  g_autofree char *line = NULL;
  g_autofree char *check = NULL;
  gsize start, end;

  g_return_val_if_fail (LS_IS_LITERAL_SCRUB (self), FALSE);
  g_return_val_if_fail (iter != NULL, FALSE);

  if (self->original != NULL || !gtk_text_view_get_editable (self->view))
    return FALSE;
  buffer = gtk_text_view_get_buffer (self->view);
  line = line_text (iter, &line_start);
  if (!_ls_literal_scrub_find_number (line, gtk_text_iter_get_line_index (iter), &start, &end))
    return FALSE;
  line[end] = '\0';
  check = _ls_literal_scrub_step (line + start, 0, FALSE, 0, 0);
  if (check == NULL)
    return FALSE;

  find_param_range (self, gtk_text_iter_get_line (iter), end);
  gtk_text_iter_set_line_index (&line_start, start);
  self->start = gtk_text_buffer_create_mark (buffer, NULL, &line_start, TRUE);
  self->original = g_strdup (line + start);
  self->current = g_strdup (self->original);
  self->steps = 0;
  /* One user action for the whole drag: a single Ctrl+Z undoes it. */
  gtk_text_buffer_begin_user_action (buffer);
  return TRUE;
}

void
_ls_literal_scrub_update (LsLiteralScrub *self,
                          int             steps)
{
  GtkTextBuffer *buffer;
  g_autofree char *literal = NULL;
  GtkTextIter start, end;

  g_return_if_fail (LS_IS_LITERAL_SCRUB (self));

  if (self->original == NULL || steps == self->steps)
    return;
  self->steps = steps;
  literal = _ls_literal_scrub_step (self->original, steps, self->has_range,
                                    self->min, self->max);
  if (literal == NULL || g_str_equal (literal, self->current))
    return;
  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_get_iter_at_mark (buffer, &start, self->start);
  end = start;
  gtk_text_iter_forward_chars (&end, strlen (self->current));
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, literal, -1);
  g_free (self->current);
  self->current = g_steal_pointer (&literal);
  g_signal_emit (self, signals[SCRUBBED], 0);
}

void
_ls_literal_scrub_end (LsLiteralScrub *self)
{
  GtkTextBuffer *buffer;

  g_return_if_fail (LS_IS_LITERAL_SCRUB (self));

  if (self->original == NULL)
    return;
  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_delete_mark (buffer, self->start);
  self->start = NULL;
  g_clear_pointer (&self->original, g_free);
  g_clear_pointer (&self->current, g_free);
}

/* Pointer and cursor */

/* The character under widget point (x, y), if the point is over text. */
static gboolean
iter_at_point (LsLiteralScrub *self,
               double          x,
               double          y,
               GtkTextIter    *iter)
{
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  return gtk_text_view_get_iter_at_location (self->view, iter, bx, by);
}

static gboolean
number_at_point (LsLiteralScrub *self,
                 double          x,
                 double          y)
{
  GtkTextIter iter, line_start;
  g_autofree char *line = NULL;
  gsize start, end;

  if (!iter_at_point (self, x, y, &iter))
    return FALSE;
  line = line_text (&iter, &line_start);
  return _ls_literal_scrub_find_number (line, gtk_text_iter_get_line_index (&iter), &start, &end);
}

static void
update_cursor (LsLiteralScrub *self)
{
  gboolean resize = self->original != NULL
                    || (self->ctrl_down && self->has_pointer
                        && gtk_text_view_get_editable (self->view)
                        && number_at_point (self, self->pointer_x, self->pointer_y));

  if (resize == self->resize_cursor)
    return;
  self->resize_cursor = resize;
  /* "text" is what GtkTextView shows over its text. */
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->view), resize ? "ew-resize" : "text");
}

static void
on_motion (LsLiteralScrub           *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (motion));

  self->pointer_x = x;
  self->pointer_y = y;
  self->has_pointer = TRUE;
  self->ctrl_down = (state & GDK_CONTROL_MASK) != 0;
  update_cursor (self);
}

static void
on_leave (LsLiteralScrub           *self,
          GtkEventControllerMotion *motion)
{
  self->has_pointer = FALSE;
  update_cursor (self);
}

static gboolean
is_ctrl_key (guint keyval)
{
  return keyval == GDK_KEY_Control_L || keyval == GDK_KEY_Control_R;
}

static gboolean
on_key_pressed (LsLiteralScrub        *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *keys)
{
  if (is_ctrl_key (keyval))
    {
      self->ctrl_down = TRUE;
      update_cursor (self);
    }
  return GDK_EVENT_PROPAGATE;
}

static void
on_key_released (LsLiteralScrub        *self,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 GtkEventControllerKey *keys)
{
  if (is_ctrl_key (keyval))
    {
      self->ctrl_down = FALSE;
      update_cursor (self);
    }
}

static void
on_drag_begin (LsLiteralScrub *self,
               double          x,
               double          y,
               GtkGestureDrag *drag)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (drag));
  GtkTextIter iter;

  if ((state & GDK_CONTROL_MASK) == 0 || !iter_at_point (self, x, y, &iter)
      || !_ls_literal_scrub_begin (self, &iter))
    {
      gtk_gesture_set_state (GTK_GESTURE (drag), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (drag), GTK_EVENT_SEQUENCE_CLAIMED);
  self->press_offset = gtk_text_iter_get_offset (&iter);
  update_cursor (self);
}

static void
on_drag_update (LsLiteralScrub *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *drag)
{
  _ls_literal_scrub_update (self, (int) trunc (offset_x / PIXELS_PER_STEP));
}

static void
finish_drag (LsLiteralScrub *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  gboolean scrubbing = self->original != NULL;
  gboolean moved = scrubbing && !g_str_equal (self->current, self->original);
  GtkTextIter iter;

  _ls_literal_scrub_end (self);
  /* A Ctrl+click that did not drag places the caret, as a click would. */
  if (scrubbing && !moved)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, self->press_offset);
      gtk_text_buffer_place_cursor (buffer, &iter);
      gtk_widget_grab_focus (GTK_WIDGET (self->view));
    }
  update_cursor (self);
}

static void
on_drag_end (LsLiteralScrub *self,
             double          offset_x,
             double          offset_y,
             GtkGestureDrag *drag)
{
  finish_drag (self);
}

static void
on_drag_cancel (LsLiteralScrub   *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  finish_drag (self);
}

static void
ls_literal_scrub_finalize (GObject *object)
{
  LsLiteralScrub *self = LS_LITERAL_SCRUB (object);

  g_clear_pointer (&self->original, g_free);
  g_clear_pointer (&self->current, g_free);
  G_OBJECT_CLASS (ls_literal_scrub_parent_class)->finalize (object);
}

static void
ls_literal_scrub_class_init (LsLiteralScrubClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ls_literal_scrub_finalize;

  signals[SCRUBBED] = g_signal_new ("scrubbed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ls_literal_scrub_init (LsLiteralScrub *self)
{
}

static void
add_controllers (LsLiteralScrub *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkWidget *view = GTK_WIDGET (self->view);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_drag_begin), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (on_drag_update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (on_drag_end), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "cancel", G_CALLBACK (on_drag_cancel), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (view, GTK_EVENT_CONTROLLER (drag));

  g_signal_connect_object (motion, "motion", G_CALLBACK (on_motion), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (on_leave), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (view, motion);

  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (keys, "key-released", G_CALLBACK (on_key_released), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (view, keys);
}

LsLiteralScrub *
ls_literal_scrub_attach (GtkTextView *view)
{
  LsLiteralScrub *self;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  self = g_object_new (LS_TYPE_LITERAL_SCRUB, NULL);
  self->view = view;
  add_controllers (self);
  g_object_set_data_full (G_OBJECT (view), "ls-literal-scrub", self, g_object_unref);
  return self;
}

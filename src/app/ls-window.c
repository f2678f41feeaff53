/* ls-window.c: the main window. Binds the template (ui/ls-window.ui), owns the
 * program's file and its latest trace, and turns Run into a trace on the
 * timeline and lines in the console.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Loopscope"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <math.h>
#include <string.h>

#include "ls-application.h"
#include "ls-literal-scrub.h"
#include "ls-param-panel.h"
#include "ls-params.h"
#include "ls-preferences-window.h"
#include "ls-session.h"
#include "ls-timeline-layout.h"
#include "ls-timeline-view.h"
#include "ls-trace-export.h"
#include "ls-window-private.h"

/* What to do once the user has answered "save your changes?". */
typedef enum
{
  PENDING_NONE,
  PENDING_CLOSE,
  PENDING_OPEN_FILE,
  PENDING_LOAD_SCENARIO,
} PendingKind;

/* Where CPython's report says the program went wrong: a 1-based line, and the
 * carets' columns in the line without its indentation (-1: none). */
typedef struct
{
  guint line;
  int   column;
  int   length;
} LsErrorPlace;

/* Console lines name the task that printed them, in one of these colours
 * (Okabe-Ito, readable on light and dark backgrounds). */
static const char *task_colors[] = {
  "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8f7f00", "#a05a9c",
};
#define LS_N_TASK_COLORS ((int) G_N_ELEMENTS (task_colors))

/* How long the editor waits after the last change to keep a scenario's edits. */
#define LS_AUTOSAVE_DELAY_MS 1000

struct _LsWindow
{
  AdwApplicationWindow  parent_instance;

  GFile                *file;
  char                 *scenario;
  LsTrace              *trace;
  LsSession            *session;
  GtkFileChooserNative *chooser;
  GSettings            *settings;        /* NULL when the schema is not installed */

  /* Files: a modified built-in scenario is kept in the user's data dir. */
  guint                 autosave_id;
  gboolean              autosave_failed;
  gboolean              scenario_has_copy;
  gboolean              loading_text;
  gboolean              close_confirmed;
  gboolean              save_then_pending;
  PendingKind           pending;
  GFile                *pending_file;
  char                 *pending_scenario;
  char                 *note;            /* the scenario's "What to notice" paragraph */

  /* The editor's decorations: where each task is, and errors. */
  guint                 marks_tick_id;
  GtkTextTag           *error_tag;
  GtkTextTag           *link_tag;
  gint                  last_printer;    /* the task that printed last */
  GtkCssProvider       *editor_css;
  char                 *last_toast;

  /* Parameters: the panel, Ctrl+drag scrubbing, debounced re-scan and re-run. */
  LsParamPanel         *param_panel;
  LsLiteralScrub       *literal_scrub;   /* owned by the editor */
  guint                 params_rescan_id;
  guint                 params_rerun_id;
  gboolean              params_in_user_action;

  /* Template Widgets */
  AdwWindowTitle       *title;
  GtkSourceView        *editor;
  GtkSourceBuffer      *buffer;
  LsTimelineView       *timeline;
  GtkTextView          *console;
  GtkSpinButton        *speed;
  GtkMenuButton        *scenario_button;
  GtkBox               *notes_box;
  GtkBox               *params_box;
  AdwToastOverlay      *toasts;
  GtkButton            *pause_button;
  GtkLabel             *notes_label;
  GtkWidget            *notes_bar;
};

G_DEFINE_FINAL_TYPE (LsWindow, ls_window, ADW_TYPE_APPLICATION_WINDOW)

static void show_program (LsWindow    *self,
                          const char  *text);
static void save_done    (LsWindow    *self,
                          GError      *error);
static void show_program_error (LsWindow   *self,
                                const char *text);
static void request      (LsWindow    *self,
                          PendingKind  kind,
                          GFile       *file,
                          const char  *scenario);

static void
update_title (LsWindow *self)
{
  g_autofree char *name = NULL;
  gboolean modified = gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->buffer));
  g_autofree char *subtitle = NULL;

  if (self->file != NULL)
    name = g_file_get_basename (self->file);
  else
    name = g_strdup_printf (self->scenario_has_copy ? _("%s (built-in, edited)") : _("%s (built-in)"),
                            self->scenario ? self->scenario : _("New"));
  subtitle = modified ? g_strconcat ("• ", name, NULL) : g_strdup (name);
  adw_window_title_set_subtitle (self->title, subtitle);
}

static void
console_append (LsWindow   *self,
                const char *text,
                const char *tag)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->console);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &end, text, -1, tag, NULL);
}

/* The newest output of a run stays in view: when the text grows (at layout,
 * once per frame however much is printed) the view follows it to the end.
 * Instant runs (the tests' screenshots) leave the view alone: GTK 4.8 may
 * grow the text during a snapshot, and a scroll then warns about the
 * scrollbar's allocation. */
static void
on_console_adjustment_changed (LsWindow      *self,
                               GtkAdjustment *adjustment)
{
  if (self->session != NULL
      && ls_session_get_clock_mode (self->session) != LS_SESSION_CLOCK_INSTANT)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
                                          - gtk_adjustment_get_page_size (adjustment));
}

/* The task whose step is running (it is the one printing), or LS_TRACE_NO_ID. */
static gint
running_task (LsWindow *self)
{
  guint n = self->trace ? ls_trace_get_n_tasks (self->trace) : 0;

  /* Prints come in runs from the same task: look at the last one first. */
  for (guint i = 0; i <= n; i++)
    {
      gint task = i == 0 ? self->last_printer : (gint) (n - i);
      LsTraceTask info;
      LsTraceSpan span;

      if (task >= 0 && ls_trace_get_task (self->trace, task, &info)
          && info.ended == LS_TRACE_TIME_NONE && info.n_spans > 0
          && ls_trace_task_get_span (self->trace, task, info.n_spans - 1, &span)
          && (span.state == LS_TRACE_STATE_RUNNING || span.state == LS_TRACE_STATE_BLOCKING))
        return self->last_printer = task;
    }
  return LS_TRACE_NO_ID;
}

static void
console_append_task (LsWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->console);
  gint task = running_task (self);
  g_autofree char *tag = NULL;
  g_autofree char *label = NULL;
  GtkTextIter end;

  if (task == LS_TRACE_NO_ID)
    return;
  tag = g_strdup_printf ("task-%d", task % LS_N_TASK_COLORS);
  label = g_strdup_printf ("%s  ", ls_trace_task_get_name (self->trace, task));
  /* Like the time stamp, the label is the console's, not the program's output
   * ("time" marks both); the task's colour takes precedence. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &end, label, -1, "time", tag, NULL);
}

static void
on_session_output (LsWindow   *self,
                   int         stream,
                   const char *text,
                   guint       len,
                   LsSession  *session)
{
  g_autofree char *stamp = g_strdup_printf ("%8.3f  ", ls_session_get_virtual_time (session));
  g_autofree char *copy = g_strndup (text, len);

  console_append (self, stamp, "time");
  console_append_task (self);
  console_append (self, copy, stream == LS_TRACE_STREAM_STDERR ? "error" : NULL);
  if (!g_str_has_suffix (copy, "\n"))
    console_append (self, "\n", NULL);
}

static void
on_session_error (LsWindow   *self,
                  const char *text,
                  LsSession  *session)
{
  g_autofree char *stamp = g_strdup_printf ("%8.3f  ", ls_session_get_virtual_time (session));

  /* Tracebacks arrive as one multi-line chunk: stamp it once. */
  console_append (self, stamp, "time");
  show_program_error (self, text);
}

static void
console_clear (LsWindow *self)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->console), "", 0);
}

static void
set_text (LsWindow   *self,
          const char *text)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start;

  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_text_buffer_set_modified (buffer, FALSE);
  update_title (self);
}

static void
show_toast (LsWindow   *self,
            const char *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (markup);

  /* Errors stay until dismissed: they say what happened to the user's work. */
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toasts, toast);
  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
}

/* The name the program runs under, as tracebacks show it. */
static char *
program_filename (LsWindow *self)
{
  if (self->file != NULL)
    return g_file_get_basename (self->file);
  return g_strdup (self->scenario ? self->scenario : "<program>");
}

/* Parses a traceback's `File "NAME", line N`, after leading spaces; @start and
 * @end delimit it in @line. */
static gboolean
parse_file_line (const char  *line,
                 char       **name,
                 guint       *lineno,
                 gsize       *start,
                 gsize       *end)
{
  const char *p = line + strspn (line, " ");
  const char *quote;
  char *num_end;
  guint64 n;

  if (!g_str_has_prefix (p, "File \""))
    return FALSE;
  quote = strstr (p + 6, "\", line ");
  if (quote == NULL)
    return FALSE;
  n = g_ascii_strtoull (quote + 8, &num_end, 10);
  if (num_end == quote + 8 || n == 0 || n > G_MAXINT)
    return FALSE;
  *name = g_strndup (p + 6, quote - (p + 6));
  *lineno = (guint) n;
  *start = p - line;
  *end = num_end - line;
  return TRUE;
}

static gboolean
is_caret_line (const char *line)
{
  const char *p = line + strspn (line, " ");

  return *p != '\0' && p[strspn (p, "^~")] == '\0';
}

/* Finds the last frame of @text (a traceback or a syntax error) in @filename,
 * and the columns its carets mark relative to the stripped source line. */
static gboolean
find_error_location (const char    *text,
                     const char    *filename,
                     LsErrorPlace  *place)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean found = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      gsize start, end;
      guint lineno;

      if (!parse_file_line (lines[i], &name, &lineno, &start, &end)
          || g_strcmp0 (name, filename) != 0)
        continue;
      found = TRUE;
      place->line = lineno;
      place->column = -1;
      place->length = 0;
      if (lines[i + 1] != NULL && lines[i + 2] != NULL && is_caret_line (lines[i + 2]))
        {
          gsize indent = strspn (lines[i + 1], " ");
          gsize caret = strspn (lines[i + 2], " ");

          if (caret >= indent)
            {
              place->column = (int) (caret - indent);
              place->length = (int) strlen (lines[i + 2] + caret);
            }
        }
    }
  return found;
}

static void
clear_errors (LsWindow *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  gtk_text_buffer_remove_tag (GTK_TEXT_BUFFER (self->buffer), self->error_tag, &start, &end);
}

/* The range to underline: from the carets (a lone caret: to the line's end),
 * or the whole line without its indentation. */
static void
error_range (GtkTextBuffer      *buffer,
             const LsErrorPlace *place,
             GtkTextIter        *start,
             GtkTextIter        *end)
{
  GtkTextIter text_start;

  gtk_text_buffer_get_iter_at_line (buffer, start, (int) place->line - 1);
  *end = *start;
  if (!gtk_text_iter_ends_line (end))
    gtk_text_iter_forward_to_line_end (end);
  while (gtk_text_iter_compare (start, end) < 0 && g_unichar_isspace (gtk_text_iter_get_char (start)))
    gtk_text_iter_forward_char (start);
  text_start = *start;
  if (place->column < 0)
    return;
  gtk_text_iter_forward_chars (start, place->column);
  if (gtk_text_iter_compare (start, end) >= 0)
    *start = text_start;
  else if (place->length > 1 && gtk_text_iter_get_line_offset (start) + place->length
                                  < gtk_text_iter_get_line_offset (end))
    gtk_text_iter_set_line_offset (end, gtk_text_iter_get_line_offset (start) + place->length);
}

/* Underlines where @text (CPython's report) says the program went wrong. */
static void
underline_error (LsWindow   *self,
                 const char *text)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  g_autofree char *filename = program_filename (self);
  LsErrorPlace place = { 0, -1, 0 };
  GtkTextIter start, end;
  GtkTextMark *mark;

  if (!find_error_location (text, filename, &place)
      || place.line > (guint) gtk_text_buffer_get_line_count (buffer))
    return;
  error_range (buffer, &place, &start, &end);
  gtk_text_buffer_apply_tag (buffer, self->error_tag, &start, &end);
  mark = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->editor), mark, 0.2, FALSE, 0, 0);
  gtk_text_buffer_delete_mark (buffer, mark);
}

/* Writes CPython's report to the console; its frames in the program link to the editor. */
static void
console_append_error (LsWindow   *self,
                      const char *text)
{
  g_autofree char *filename = program_filename (self);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      gsize start, end;
      guint lineno;

      if (lines[i + 1] == NULL && *lines[i] == '\0')
        break;
      if (parse_file_line (lines[i], &name, &lineno, &start, &end)
          && g_str_equal (name, filename))
        {
          g_autofree char *before = g_strndup (lines[i], start);
          g_autofree char *link = g_strndup (lines[i] + start, end - start);

          console_append (self, before, "error");
          console_append (self, link, "link");
          console_append (self, lines[i] + end, "error");
        }
      else
        console_append (self, lines[i], "error");
      console_append (self, "\n", NULL);
    }
}

static void
show_program_error (LsWindow   *self,
                    const char *text)
{
  console_append_error (self, text);
  underline_error (self, text);
}

void
_ls_window_go_to_line (LsWindow *self,
                       guint     line)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start, end;

  g_return_if_fail (LS_IS_WINDOW (self));

  if (line == 0 || line > (guint) gtk_text_buffer_get_line_count (buffer))
    return;
  gtk_text_buffer_get_iter_at_line (buffer, &start, (int) line - 1);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->editor), gtk_text_buffer_get_insert (buffer),
                                0.2, FALSE, 0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->editor));
}

/* The console's line at (@x, @y) if it is a link; returns its target line. */
static guint
console_link_at (LsWindow *self,
                 double    x,
                 double    y)
{
  GtkTextIter iter, line_start, line_end;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  gsize start, end;
  guint lineno;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->console, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y,
                                         &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->console, &iter, bx, by)
      || !gtk_text_iter_has_tag (&iter, self->link_tag))
    return 0;
  line_start = iter;
  gtk_text_iter_set_line_offset (&line_start, 0);
  line_end = line_start;
  if (!gtk_text_iter_ends_line (&line_end))
    gtk_text_iter_forward_to_line_end (&line_end);
  text = gtk_text_iter_get_text (&line_start, &line_end);
  return parse_file_line (text, &name, &lineno, &start, &end) ? lineno : 0;
}

static void
on_console_released (LsWindow        *self,
                     int              n_press,
                     double           x,
                     double           y,
                     GtkGestureClick *gesture)
{
  guint line = console_link_at (self, x, y);

  if (line > 0)
    _ls_window_go_to_line (self, line);
}

static void
on_console_motion (LsWindow                 *self,
                   double                    x,
                   double                    y,
                   GtkEventControllerMotion *motion)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->console),
                                   console_link_at (self, x, y) > 0 ? "pointer" : NULL);
}

/* Where each live task is: a tinted line and a dot in the gutter, in the
 * colour of its state on the timeline. */

static GdkPixbuf *
make_dot (const float rgba[4])
{
  const int size = 16;
  const double r = 4.5, c = (size - 1) / 2.0;
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, size, size);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        guchar *px = pixels + y * stride + x * 4;
        double d = sqrt ((x - c) * (x - c) + (y - c) * (y - c));

        px[0] = (guchar) (rgba[0] * 255);
        px[1] = (guchar) (rgba[1] * 255);
        px[2] = (guchar) (rgba[2] * 255);
        px[3] = (guchar) (CLAMP (r + 0.5 - d, 0.0, 1.0) * 255);
      }
  return pixbuf;
}

static void
setup_task_marks (LsWindow *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  for (int state = 0; state < LS_TRACE_N_STATES; state++)
    {
      g_autoptr(GtkSourceMarkAttributes) attrs = gtk_source_mark_attributes_new ();
      g_autofree char *category = g_strdup_printf ("task-%d", state);
      g_autoptr(GdkPixbuf) dot = NULL;
      float rgba[4];
      GdkRGBA background;

      ls_timeline_color_rgba ((LsTimelineColor) state, dark, rgba);
      background = (GdkRGBA) { rgba[0], rgba[1], rgba[2], dark ? 0.30 : 0.22 };
      dot = make_dot (rgba);
      gtk_source_mark_attributes_set_background (attrs, &background);
      gtk_source_mark_attributes_set_pixbuf (attrs, dot);
      gtk_source_view_set_mark_attributes (self->editor, category, attrs,
                                           state == LS_TRACE_STATE_RUNNING ? 20 : 10);
    }
}

/* Which state a line shows when several tasks are on it: the one running. */
static int
state_rank (LsTraceState state)
{
  return state == LS_TRACE_STATE_RUNNING ? 2 : state == LS_TRACE_STATE_BLOCKING ? 1 : 0;
}

static void
clear_task_marks (LsWindow *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  for (int state = 0; state < LS_TRACE_N_STATES; state++)
    {
      g_autofree char *category = g_strdup_printf ("task-%d", state);

      gtk_source_buffer_remove_source_marks (self->buffer, &start, &end, category);
    }
}

static void
update_task_marks (LsWindow *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  guint n_lines = (guint) gtk_text_buffer_get_line_count (buffer);
  g_autofree gint8 *line_state = NULL;
  LsSessionState state;

  clear_task_marks (self);
  state = self->session ? ls_session_get_state (self->session) : LS_SESSION_STATE_IDLE;
  if (state != LS_SESSION_STATE_RUNNING && state != LS_SESSION_STATE_PAUSED)
    return;
  line_state = g_new (gint8, n_lines + 1);
  memset (line_state, -1, n_lines + 1);
  for (guint t = 0; t < ls_trace_get_n_tasks (self->trace); t++)
    {
      LsTraceTask task;
      LsTraceSpan span;

      if (!ls_trace_get_task (self->trace, (gint) t, &task) || task.ended != LS_TRACE_TIME_NONE
          || task.n_spans == 0
          || !ls_trace_task_get_span (self->trace, (gint) t, task.n_spans - 1, &span)
          || span.line == 0 || span.line > n_lines)
        continue;
      if (line_state[span.line] < 0 || state_rank (span.state) > state_rank (line_state[span.line]))
        line_state[span.line] = (gint8) span.state;
    }
  for (guint line = 1; line <= n_lines; line++)
    if (line_state[line] >= 0)
      {
        g_autofree char *category = g_strdup_printf ("task-%d", line_state[line]);
        GtkTextIter iter;

        gtk_text_buffer_get_iter_at_line (buffer, &iter, (int) line - 1);
        gtk_source_buffer_create_source_mark (self->buffer, NULL, category, &iter);
      }
}

static gboolean
task_marks_tick (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  LsWindow *self = LS_WINDOW (widget);

  self->marks_tick_id = 0;
  update_task_marks (self);
  return G_SOURCE_REMOVE;
}

/* "progress" comes once per main-loop iteration: redraw the marks once per frame. */
static void
queue_task_marks (LsWindow *self)
{
  if (self->marks_tick_id == 0)
    self->marks_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), task_marks_tick,
                                                        NULL, NULL);
}

static void
update_run_actions (LsWindow *self)
{
  LsSessionState state = self->session ? ls_session_get_state (self->session)
                                       : LS_SESSION_STATE_IDLE;
  gboolean live = state == LS_SESSION_STATE_RUNNING || state == LS_SESSION_STATE_PAUSED;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.pause", live);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step", live);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop", live);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restart", self->session != NULL);
  /* While paused the button resumes: it says so. */
  gtk_button_set_icon_name (self->pause_button, state == LS_SESSION_STATE_PAUSED
                                                ? "media-playback-start-symbolic"
                                                : "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->pause_button),
                               state == LS_SESSION_STATE_PAUSED ? _("Resume (Space)")
                                                                : _("Pause (Space)"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-chrome",
                                 self->trace != NULL && ls_trace_get_n_tasks (self->trace) > 0);
  /* An instant run is over in moments: animating it would only compete with it
   * for the main loop (the view redraws when it finishes). */
  ls_timeline_view_set_live (self->timeline,
                             state == LS_SESSION_STATE_RUNNING
                             && ls_session_get_clock_mode (self->session) != LS_SESSION_CLOCK_INSTANT);
}

static void
on_session_finished (LsWindow  *self,
                     int        exit_status,
                     LsSession *session)
{
  const char *end = exit_status == LS_SESSION_EXIT_STOPPED ? _("— stopped —\n")
                    : exit_status == 0 ? _("— finished —\n") : _("— failed —\n");

  console_append (self, end, "time");
  clear_task_marks (self);
  update_run_actions (self);
  ls_timeline_view_zoom_fit (self->timeline);
}

static void
stop_session (LsWindow *self)
{
  if (self->session == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->session, self);
  ls_session_stop (self->session);
  g_clear_object (&self->session);
}

static gboolean
start_run (LsWindow           *self,
           LsSessionClockMode  mode)
{
  g_autofree char *source = _ls_window_get_text (self);
  g_autofree char *filename = program_filename (self);
  g_autoptr(GError) error = NULL;

  stop_session (self);
  console_clear (self);
  clear_errors (self);
  clear_task_marks (self);
  self->session = ls_session_new ();
  ls_session_set_clock_mode (self->session, mode);
  ls_session_set_speed (self->session, gtk_spin_button_get_value (self->speed));
  g_signal_connect_object (self->session, "output", G_CALLBACK (on_session_output), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "error", G_CALLBACK (on_session_error), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "finished", G_CALLBACK (on_session_finished), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "progress", G_CALLBACK (queue_task_marks), self,
                           G_CONNECT_SWAPPED);
  g_set_object (&self->trace, ls_session_get_trace (self->session));
  ls_timeline_view_set_trace (self->timeline, self->trace);
  if (!ls_session_load (self->session, filename, source, NULL, NULL, &error))
    {
      /* The console explains; the editor underlines. No dialog. */
      show_program_error (self, error->message);
      update_run_actions (self);
      return FALSE;
    }
  ls_session_start (self->session);
  update_run_actions (self);
  return TRUE;
}

gboolean
_ls_window_run_instant (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), FALSE);

  if (!start_run (self, LS_SESSION_CLOCK_INSTANT))
    return FALSE;
  while (ls_session_get_state (self->session) == LS_SESSION_STATE_RUNNING)
    g_main_context_iteration (NULL, TRUE);
  return ls_session_get_state (self->session) == LS_SESSION_STATE_FINISHED
         && ls_session_get_exit_status (self->session) == 0;
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  start_run (LS_WINDOW (widget), LS_SESSION_CLOCK_PACED);
}

static void
session_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LsWindow *self = LS_WINDOW (widget);
  LsSessionState state;

  if (self->session == NULL)
    return;
  state = ls_session_get_state (self->session);
  if (g_str_equal (action_name, "win.stop"))
    ls_session_stop (self->session);
  else if (g_str_equal (action_name, "win.step"))
    ls_session_step (self->session);
  else if (state == LS_SESSION_STATE_RUNNING)
    ls_session_pause (self->session);
  else if (state == LS_SESSION_STATE_PAUSED)
    ls_session_resume (self->session);
  update_run_actions (self);
  update_task_marks (self);
}

static void
on_speed_changed (LsWindow      *self,
                  GtkSpinButton *spin)
{
  if (self->session != NULL)
    ls_session_set_speed (self->session, gtk_spin_button_get_value (spin));
}

static void
load_scenario_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  request (LS_WINDOW (widget), PENDING_LOAD_SCENARIO, NULL, g_variant_get_string (param, NULL));
}

static void
load_file_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &len, NULL, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("Could not open file: %s"), error->message);

      show_toast (self, msg);
      return;
    }
  if (!g_utf8_validate (contents, len, NULL) || memchr (contents, '\0', len) != NULL)
    {
      g_autofree char *name = g_file_get_basename (G_FILE (source));
      g_autofree char *msg = g_strdup_printf (_("Could not open %s: it is not UTF-8 text"), name);

      show_toast (self, msg);
      return;
    }
  g_set_object (&self->file, G_FILE (source));
  show_program (self, contents);
}

void
ls_window_open_file (LsWindow *self,
                     GFile    *file)
{
  g_return_if_fail (LS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  request (self, PENDING_OPEN_FILE, file, NULL);
}

static void
open_response_cb (LsWindow             *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    ls_window_open_file (self, file);
  g_clear_object (&self->chooser);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LsWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The window takes the new name only once the file is written. */
  if (g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_set_object (&self->file, G_FILE (source));
  save_done (self, error);
}

static void
save_to (LsWindow *self,
         GFile    *file)
{
  char *text = _ls_window_get_text (self);
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

  /* g_file_replace writes a temporary file and renames it: atomic. */
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                       save_done_cb, g_object_ref (self));
}

static void
save_response_cb (LsWindow             *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    save_to (self, file);
  else
    {
      /* "Save" in the unsaved-changes dialog, then Cancel here: do nothing. */
      self->pending = PENDING_NONE;
      self->save_then_pending = FALSE;
    }
  g_clear_object (&self->chooser);
}

void
_ls_window_save_to (LsWindow *self,
                    GFile    *file)
{
  g_return_if_fail (LS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  save_to (self, file);
}

static void
show_chooser (LsWindow             *self,
              GtkFileChooserAction  action,
              GCallback             response_cb)
{
  gboolean save = action == GTK_FILE_CHOOSER_ACTION_SAVE;

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (save ? _("Save Program") : _("Open Program"),
                                               GTK_WINDOW (self), action,
                                               save ? _("_Save") : _("_Open"), _("_Cancel"));
  if (save)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                       self->scenario ? self->scenario : "program.py");
  g_signal_connect_object (self->chooser, "response", response_cb, self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Files. A built-in scenario's edits are kept in the user's data dir (saved a
 * moment after each change) and loaded instead of the original next time;
 * a file asks before its unsaved changes are dropped. */

static char *
scenario_user_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), "loopscope", "scenarios", name, NULL);
}

static char *
scenario_original (const char *name)
{
  g_autofree char *path = g_strconcat (LS_SCENARIOS_PATH, name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);

  if (bytes == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gboolean
editing_scenario (LsWindow *self)
{
  return self->file == NULL && self->scenario != NULL;
}

static void
update_file_actions (LsWindow *self)
{
  gboolean revertable = editing_scenario (self)
                        && (self->scenario_has_copy
                            || gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->buffer)));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.revert-scenario", revertable);
}

static gboolean
write_scenario_copy (LsWindow    *self,
                     const char  *text,
                     GError     **error)
{
  g_autofree char *path = scenario_user_path (self->scenario);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *original = scenario_original (self->scenario);

  if (g_strcmp0 (text, original) == 0)
    {
      /* Back to the original: nothing to keep. */
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                       "%s: %s", path, g_strerror (errno));
          return FALSE;
        }
      self->scenario_has_copy = FALSE;
      return TRUE;
    }
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "%s: %s", dir, g_strerror (errno));
      return FALSE;
    }
  /* g_file_set_contents writes a temporary file and renames it: atomic. */
  if (!g_file_set_contents (path, text, -1, error))
    return FALSE;
  self->scenario_has_copy = TRUE;
  return TRUE;
}

/* Keeps the edited scenario; returns FALSE (and says why, once) if it could not. */
static gboolean
autosave_scenario (LsWindow *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (!editing_scenario (self) || !gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->buffer)))
    return TRUE;
  text = _ls_window_get_text (self);
  if (!write_scenario_copy (self, text, &error))
    {
      if (!self->autosave_failed)
        {
          g_autofree char *msg = g_strdup_printf (_("Could not keep your edits to %s: %s. "
                                                    "Use Save As to keep them in a file."),
                                                  self->scenario, error->message);
          show_toast (self, msg);
        }
      self->autosave_failed = TRUE;
      return FALSE;
    }
  self->autosave_failed = FALSE;
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self->buffer), FALSE);
  update_title (self);
  update_file_actions (self);
  return TRUE;
}

static gboolean
autosave_timeout (gpointer user_data)
{
  LsWindow *self = user_data;

  self->autosave_id = 0;
  autosave_scenario (self);
  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed (LsWindow      *self,
                   GtkTextBuffer *buffer)
{
  clear_errors (self);
  if (self->loading_text || !editing_scenario (self))
    return;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add (LS_AUTOSAVE_DELAY_MS, autosave_timeout, self);
  update_file_actions (self);
}

/* TRUE if leaving the text now loses nothing. */
static gboolean
changes_are_safe (LsWindow *self)
{
  if (!gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->buffer)))
    return TRUE;
  return editing_scenario (self) && autosave_scenario (self);
}

/* The scenario's "# What to notice:" comment paragraph, joined into one line. */
static char *
find_note (const char *text)
{
  static const char marker[] = "# What to notice:";
  const char *p = strstr (text, marker);
  g_autoptr(GString) note = NULL;

  while (p != NULL && p != text && p[-1] != '\n')
    p = strstr (p + 1, marker);
  if (p == NULL)
    return NULL;
  note = g_string_new (NULL);
  p += strlen (marker);
  while (TRUE)
    {
      const char *nl = strchr (p, '\n');
      g_autofree char *line = g_strndup (p, nl ? (gsize) (nl - p) : strlen (p));

      g_strstrip (line);
      if (*line == '\0')
        break;
      if (note->len > 0)
        g_string_append_c (note, ' ');
      g_string_append (note, line);
      if (nl == NULL || nl[1] != '#')
        break;
      p = nl + 2;
    }
  return note->len > 0 ? g_strdup (note->str) : NULL;
}

static void
update_note (LsWindow   *self,
             const char *text)
{
  g_free (self->note);
  self->note = find_note (text);
  if (self->note != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (self->note, -1);
      g_autofree char *markup = g_strdup_printf ("<b>%s</b> %s", _("What to notice:"), escaped);

      gtk_label_set_markup (self->notes_label, markup);
    }
  gtk_widget_set_visible (self->notes_bar, self->note != NULL);
}

/* Shows a new program: the old run stops (its marks would point at the wrong lines). */
static void
show_program (LsWindow   *self,
              const char *text)
{
  stop_session (self);
  clear_task_marks (self);
  update_run_actions (self);
  self->loading_text = TRUE;
  set_text (self, text);
  self->loading_text = FALSE;
  self->autosave_failed = FALSE;
  update_note (self, text);
  update_file_actions (self);
}

static gboolean
load_scenario_now (LsWindow   *self,
                   const char *name)
{
  g_autofree char *original = scenario_original (name);
  g_autofree char *path = NULL;
  g_autofree char *copy = NULL;

  if (original == NULL)
    return FALSE;
  path = scenario_user_path (name);
  if (!g_file_get_contents (path, &copy, NULL, NULL) || !g_utf8_validate (copy, -1, NULL))
    g_clear_pointer (&copy, g_free);
  g_clear_object (&self->file);
  g_free (self->scenario);
  self->scenario = g_strdup (name);
  self->scenario_has_copy = copy != NULL;
  show_program (self, copy ? copy : original);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-scenario", name);
  return TRUE;
}

static void
run_pending (LsWindow *self)
{
  PendingKind kind = self->pending;
  g_autoptr(GFile) file = g_steal_pointer (&self->pending_file);
  g_autofree char *scenario = g_steal_pointer (&self->pending_scenario);

  self->pending = PENDING_NONE;
  self->save_then_pending = FALSE;
  if (kind == PENDING_CLOSE)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (kind == PENDING_OPEN_FILE)
    g_file_load_contents_async (file, NULL, load_file_cb, g_object_ref (self));
  else if (kind == PENDING_LOAD_SCENARIO)
    load_scenario_now (self, scenario);
}

static void
on_confirm_response (LsWindow         *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "discard"))
    run_pending (self);
  else if (g_str_equal (response, "save") && self->file != NULL)
    {
      self->save_then_pending = TRUE;
      save_to (self, self->file);
    }
  else if (g_str_equal (response, "save"))
    {
      self->save_then_pending = TRUE;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.save-as", NULL);
    }
  else
    self->pending = PENDING_NONE;
}

static void
confirm_discard (LsWindow *self)
{
  g_autofree char *name = program_filename (self);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), NULL);

  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” has unsaved changes. Changes which are not saved "
                                    "will be lost."), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Does @kind now, or once the user has said what to do with unsaved changes. */
static void
request (LsWindow    *self,
         PendingKind  kind,
         GFile       *file,
         const char  *scenario)
{
  self->pending = kind;
  g_set_object (&self->pending_file, file);
  g_free (self->pending_scenario);
  self->pending_scenario = g_strdup (scenario);
  if (changes_are_safe (self))
    run_pending (self);
  else
    confirm_discard (self);
}

static void
save_done (LsWindow *self,
           GError   *error)
{
  if (error != NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Could not save: %s. Your edits are still "
                                                "here; try another folder with Save As."),
                                              error->message);

      show_toast (self, msg);
      self->pending = PENDING_NONE;
      self->save_then_pending = FALSE;
      return;
    }
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self->buffer), FALSE);
  update_title (self);
  update_file_actions (self);
  if (self->save_then_pending)
    run_pending (self);
}

gboolean
_ls_window_export_chrome_json (LsWindow    *self,
                               const char  *path,
                               GError     **error)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), FALSE);

  if (self->trace == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Nothing has run yet"));
      return FALSE;
    }
  ls_trace_flush_notify (self->trace);
  return ls_trace_export_chrome_json (self->trace, path, error);
}

static void
export_response_cb (LsWindow             *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->chooser);
  if (response != GTK_RESPONSE_ACCEPT || file == NULL)
    return;
  if (path == NULL)
    {
      show_toast (self, _("Could not export the trace: only local files can be written"));
      return;
    }
  if (!_ls_window_export_chrome_json (self, path, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("Could not export the trace: %s"),
                                              error->message);
      show_toast (self, msg);
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LsWindow *self = LS_WINDOW (widget);
  g_autofree char *name = program_filename (self);
  g_autofree char *stem = g_strndup (name, g_str_has_suffix (name, ".py") ? strlen (name) - 3
                                                                          : strlen (name));
  g_autofree char *suggested = g_strconcat (stem, "-trace.json", NULL);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Chrome Trace"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), suggested);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (export_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
revert_scenario_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LsWindow *self = LS_WINDOW (widget);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  g_autofree char *original = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextIter start, end;

  if (!editing_scenario (self) || (original = scenario_original (self->scenario)) == NULL)
    return;
  /* An ordinary edit (set_text() is not undoable), so Undo brings the user's
   * version back. */
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, original, -1);
  gtk_text_buffer_end_user_action (buffer);
  if (!write_scenario_copy (self, original, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("Could not remove the edited copy: %s"),
                                              error->message);
      show_toast (self, msg);
      return;
    }
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  gtk_text_buffer_set_modified (buffer, FALSE);
  update_title (self);
  update_file_actions (self);
}

static void
hide_note_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  gtk_widget_set_visible (LS_WINDOW (widget)->notes_bar, FALSE);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LsWindow *self = LS_WINDOW (widget);

  if (self->settings == NULL)
    {
      show_toast (self, _("Preferences are unavailable: the settings schema is not installed"));
      return;
    }
  gtk_window_present (GTK_WINDOW (ls_preferences_window_new (GTK_WINDOW (self), self->settings)));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LsWindow *self = LS_WINDOW (widget);
  /* "win.zoom-in" → "timeline.zoom-in": works wherever the focus is. */
  g_autofree char *target = g_strconcat ("timeline", strchr (action_name, '.'), NULL);

  gtk_widget_activate_action (GTK_WIDGET (self->timeline), target, NULL);
}

/* A span clicked on the timeline: select its code line in the editor. */
static void
on_span_activated (LsWindow       *self,
                   guint           task,
                   gint            line,
                   LsTimelineView *timeline)
{
  if (line > 0)
    _ls_window_go_to_line (self, (guint) line);
}

/* Settings: the editor's font size, and the window's size kept between runs. */

static void
update_editor_font (LsWindow *self)
{
  int size = self->settings ? g_settings_get_int (self->settings, "editor-font-size") : 0;
  g_autofree char *css = NULL;

  /* 0 follows the system's monospace font (and so its size). */
  css = size > 0 ? g_strdup_printf ("textview { font-size: %dpt; }", MAX (size, 6))
                 : g_strdup ("");
  gtk_css_provider_load_from_data (self->editor_css, css, -1);
}

static void
restore_window_state (LsWindow *self)
{
  if (self->settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (LsWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
ls_window_close_request (GtkWindow *window)
{
  LsWindow *self = LS_WINDOW (window);

  if (!self->close_confirmed && !changes_are_safe (self))
    {
      request (self, PENDING_CLOSE, NULL, NULL);
      return TRUE;
    }
  save_window_state (self);
  return GTK_WINDOW_CLASS (ls_window_parent_class)->close_request (window);
}

static void
file_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LsWindow *self = LS_WINDOW (widget);

  if (g_str_equal (action_name, "win.open"))
    show_chooser (self, GTK_FILE_CHOOSER_ACTION_OPEN, G_CALLBACK (open_response_cb));
  else if (g_str_equal (action_name, "win.save") && self->file != NULL)
    save_to (self, self->file);
  else
    show_chooser (self, GTK_FILE_CHOOSER_ACTION_SAVE, G_CALLBACK (save_response_cb));
}

static char *
scenario_title (GBytes     *bytes,
                const char *name)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  const char *nl = memchr (data, '\n', len);

  /* A scenario's first line is "# Title: what it shows". */
  if (len > 2 && data[0] == '#' && nl != NULL)
    {
      g_autofree char *line = g_strndup (data + 1, nl - data - 1);
      char *colon = strchr (line, ':');

      if (colon != NULL)
        *colon = '\0';
      return g_strdup (g_strstrip (line));
    }
  return g_strdup (name);
}

/* Adds the built-in scenario @name, titled by its first comment line; a name
 * that is not in the resources is skipped. */
static void
append_scenario_item (GMenu      *section,
                      const char *name)
{
  g_autofree char *path = g_strconcat (LS_SCENARIOS_PATH, name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
  g_autofree char *title = NULL;
  g_autoptr(GMenuItem) item = NULL;

  if (bytes == NULL || !g_str_has_suffix (name, ".py"))
    return;
  title = scenario_title (bytes, name);
  item = g_menu_item_new (title, NULL);
  g_menu_item_set_action_and_target (item, "win.load-scenario", "s", name);
  g_menu_append_item (section, item);
}

static GMenuModel *
build_scenario_menu (void)
{
  /* A learner's order: the seven guide patterns first, then the lessons that
   * build on them. A scenario in neither list goes last, by file name. */
  static const char * const guide[] = {
    "basic_await.py", "gather.py", "wait_for.py", "context_manager.py",
    "async_generator.py", "producer_consumer.py", "semaphore.py", NULL
  };
  static const char * const lessons[] = {
    "blocking.py", "cancellation.py", "taskgroup.py", "backpressure.py",
    "lock_event.py", "as_completed.py", NULL
  };
  g_auto(GStrv) names = g_resources_enumerate_children (LS_SCENARIOS_PATH, 0, NULL);
  g_autoptr(GMenu) guide_section = g_menu_new ();
  g_autoptr(GMenu) lessons_section = g_menu_new ();
  GMenu *menu = g_menu_new ();

  for (guint i = 0; guide[i] != NULL; i++)
    append_scenario_item (guide_section, guide[i]);
  for (guint i = 0; lessons[i] != NULL; i++)
    append_scenario_item (lessons_section, lessons[i]);
  if (names != NULL)
    {
      qsort (names, g_strv_length (names), sizeof (char *), (GCompareFunc) g_strcmp0);
      for (guint i = 0; names[i] != NULL; i++)
        if (!g_strv_contains (guide, names[i]) && !g_strv_contains (lessons, names[i]))
          append_scenario_item (lessons_section, names[i]);
    }
  g_menu_append_section (menu, _("Guide Patterns"), G_MENU_MODEL (guide_section));
  g_menu_append_section (menu, _("More Lessons"), G_MENU_MODEL (lessons_section));
  return G_MENU_MODEL (menu);
}

gboolean
_ls_window_load_scenario (LsWindow   *self,
                          const char *name)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), FALSE);

  /* An edited scenario is kept first; a modified file is the caller's business. */
  autosave_scenario (self);
  return load_scenario_now (self, name);
}

static void
update_style_scheme (LsWindow *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (manager) ? "Adwaita-dark" : "Adwaita";

  gtk_source_buffer_set_style_scheme (self->buffer,
                                      gtk_source_style_scheme_manager_get_scheme (schemes, id));
  setup_task_marks (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->timeline));
}

static void
setup_editor (LsWindow *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceLanguage *python = gtk_source_language_manager_get_language (languages, "python3");

  gtk_source_buffer_set_language (self->buffer, python);
  update_style_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "modified-changed", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (on_buffer_changed), self,
                           G_CONNECT_SWAPPED);
  self->error_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), NULL,
                                               "underline", PANGO_UNDERLINE_ERROR,
                                               "underline-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 1 },
                                               NULL);
  gtk_source_view_set_show_line_marks (self->editor, TRUE);
  self->editor_css = gtk_css_provider_new ();
  /* The console shows the program's output in the same font as its code. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->editor)),
                                  GTK_STYLE_PROVIDER (self->editor_css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->console)),
                                  GTK_STYLE_PROVIDER (self->editor_css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  G_GNUC_END_IGNORE_DEPRECATIONS
  update_editor_font (self);
}

static void
setup_console (LsWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->console);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->console));

  gtk_text_buffer_create_tag (buffer, "time", "foreground", "#808080", NULL);
  gtk_text_buffer_create_tag (buffer, "error", "foreground", "#d55e00", NULL);
  g_signal_connect_object (vadjustment, "changed", G_CALLBACK (on_console_adjustment_changed),
                           self, G_CONNECT_SWAPPED);
  /* One blue that reads on light and dark backgrounds: recolouring a tag
   * would re-lay out the whole console. */
  self->link_tag = gtk_text_buffer_create_tag (buffer, "link", "foreground", "#3584e4",
                                               "underline", PANGO_UNDERLINE_SINGLE, NULL);
  for (int i = 0; i < LS_N_TASK_COLORS; i++)
    {
      g_autofree char *name = g_strdup_printf ("task-%d", i);

      gtk_text_buffer_create_tag (buffer, name, "foreground", task_colors[i],
                                  "weight", PANGO_WEIGHT_BOLD, NULL);
    }
  g_signal_connect_object (click, "released", G_CALLBACK (on_console_released), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->console), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (motion, "motion", G_CALLBACK (on_console_motion), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->console), motion);
}

/* Parameters: the panel under the editor and Ctrl+drag on numbers both
 * rewrite literals in the program's text; the program re-runs a moment after
 * the last change, and the panel follows edits of the text. */

#define PARAMS_RERUN_DELAY_MS 200
#define PARAMS_RESCAN_DELAY_MS 150

static gboolean
params_rerun_cb (gpointer user_data)
{
  LsWindow *self = LS_WINDOW (user_data);
  /* Keep the clock mode of the run being replaced; a first run is instant. */
  LsSessionClockMode mode = self->session != NULL ? ls_session_get_clock_mode (self->session)
                                                  : LS_SESSION_CLOCK_INSTANT;

  self->params_rerun_id = 0;
  start_run (self, mode);
  return G_SOURCE_REMOVE;
}

static void
params_schedule_rerun (LsWindow *self)
{
  g_clear_handle_id (&self->params_rerun_id, g_source_remove);
  self->params_rerun_id = g_timeout_add (PARAMS_RERUN_DELAY_MS, params_rerun_cb, self);
}

/* Replaces only what differs between @old_text (the buffer's) and
 * @new_text, as one user action: the caret, the scroll position and the
 * undo history stay as they were, and Ctrl+Z undoes the change. */
static void
params_replace_text (LsWindow   *self,
                     const char *old_text,
                     const char *new_text)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  gsize old_len = strlen (old_text), new_len = strlen (new_text);
  gsize prefix = 0, suffix = 0;
  GtkTextIter start, end;

  while (prefix < old_len && prefix < new_len && old_text[prefix] == new_text[prefix])
    prefix++;
  while (prefix > 0 && (old_text[prefix] & 0xc0) == 0x80)
    prefix--;
  while (suffix < old_len - prefix && suffix < new_len - prefix
         && old_text[old_len - 1 - suffix] == new_text[new_len - 1 - suffix])
    suffix++;
  while (suffix > 0 && (old_text[old_len - suffix] & 0xc0) == 0x80)
    suffix--;
  gtk_text_buffer_get_iter_at_offset (buffer, &start,
                                      g_utf8_pointer_to_offset (old_text, old_text + prefix));
  gtk_text_buffer_get_iter_at_offset (buffer, &end,
                                      g_utf8_pointer_to_offset (old_text,
                                                                old_text + old_len - suffix));
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, new_text + prefix, new_len - prefix - suffix);
  gtk_text_buffer_end_user_action (buffer);
}

static void
on_param_changed (LsWindow     *self,
                  const char   *name,
                  const char   *literal,
                  LsParamPanel *panel)
{
  g_autofree char *text = _ls_window_get_text (self);
  const char *names[] = { name };
  const char *values[] = { literal };
  g_autoptr(GError) error = NULL;
  g_autofree char *applied = ls_params_apply (text, 1, names, values, &error);

  if (applied == NULL)
    {
      /* The text changed under the panel; its next scan catches up. */
      g_debug ("Parameter %s not applied: %s", name, error->message);
      return;
    }
  params_replace_text (self, text, applied);
  params_schedule_rerun (self);
}

static void
on_literal_scrubbed (LsWindow       *self,
                     LsLiteralScrub *scrub)
{
  params_schedule_rerun (self);
}

static gboolean
params_rescan_cb (gpointer user_data)
{
  LsWindow *self = LS_WINDOW (user_data);
  g_autofree char *text = _ls_window_get_text (self);

  self->params_rescan_id = 0;
  ls_param_panel_set_source (self->param_panel, text);
  return G_SOURCE_REMOVE;
}

static void
on_params_buffer_changed (LsWindow      *self,
                          GtkTextBuffer *buffer)
{
  g_clear_handle_id (&self->params_rescan_id, g_source_remove);
  /* Typing waits for a pause; a loaded file shows its parameters before the
   * next frame. */
  if (self->params_in_user_action)
    self->params_rescan_id = g_timeout_add (PARAMS_RESCAN_DELAY_MS, params_rescan_cb, self);
  else
    self->params_rescan_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, params_rescan_cb, self, NULL);
}

/* The buffer emits these only for the outermost begin/end pair. */
static void
on_params_begin_user_action (LsWindow      *self,
                             GtkTextBuffer *buffer)
{
  self->params_in_user_action = TRUE;
}

static void
on_params_end_user_action (LsWindow      *self,
                           GtkTextBuffer *buffer)
{
  self->params_in_user_action = FALSE;
}

static void
setup_params (LsWindow *self)
{
  self->param_panel = ls_param_panel_new ();
  gtk_box_append (self->params_box, GTK_WIDGET (self->param_panel));
  g_signal_connect_object (self->param_panel, "changed", G_CALLBACK (on_param_changed), self,
                           G_CONNECT_SWAPPED);
  self->literal_scrub = ls_literal_scrub_attach (GTK_TEXT_VIEW (self->editor));
  g_signal_connect_object (self->literal_scrub, "scrubbed", G_CALLBACK (on_literal_scrubbed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "begin-user-action",
                           G_CALLBACK (on_params_begin_user_action), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "end-user-action",
                           G_CALLBACK (on_params_end_user_action), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (on_params_buffer_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
teardown_params (LsWindow *self)
{
  if (self->buffer != NULL)
    g_signal_handlers_disconnect_by_func (self->buffer, on_params_buffer_changed, self);
  g_clear_handle_id (&self->params_rescan_id, g_source_remove);
  g_clear_handle_id (&self->params_rerun_id, g_source_remove);
}

LsParamPanel *
_ls_window_get_param_panel (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return self->param_panel;
}

LsLiteralScrub *
_ls_window_get_literal_scrub (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return self->literal_scrub;
}

static void
setup_settings (LsWindow *self)
{
  if (self->settings == NULL)
    return;
  restore_window_state (self);
  g_settings_bind (self->settings, "speed", self->speed, "value", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::editor-font-size",
                           G_CALLBACK (update_editor_font), self, G_CONNECT_SWAPPED);
  update_editor_font (self);
}

/* The scenario of last time (the first time: the default one). */
static void
load_first_program (LsWindow *self)
{
  g_autofree char *last = NULL;

  if (self->settings != NULL)
    last = g_settings_get_string (self->settings, "last-scenario");
  if (last == NULL || !load_scenario_now (self, last))
    load_scenario_now (self, LS_DEFAULT_SCENARIO);
}

static void
ls_window_dispose (GObject *object)
{
  LsWindow *self = LS_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* Never lose an edited scenario, even when the window goes without asking. */
  if (self->autosave_id != 0)
    autosave_scenario (self);
  if (self->marks_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->marks_tick_id);
  self->marks_tick_id = 0;
  teardown_params (self);
  stop_session (self);
  g_clear_object (&self->trace);
  g_clear_object (&self->file);
  g_clear_object (&self->pending_file);
  g_clear_object (&self->editor_css);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_WINDOW);
  G_OBJECT_CLASS (ls_window_parent_class)->dispose (object);
}

static void
ls_window_finalize (GObject *object)
{
  LsWindow *self = LS_WINDOW (object);

  g_clear_pointer (&self->scenario, g_free);
  g_clear_pointer (&self->pending_scenario, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->last_toast, g_free);
  G_OBJECT_CLASS (ls_window_parent_class)->finalize (object);
}

static void
ls_window_class_init (LsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ls_window_dispose;
  object_class->finalize = ls_window_finalize;
  window_class->close_request = ls_window_close_request;

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (LS_TYPE_TIMELINE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/loopscope/Loopscope/ui/ls-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LsWindow, title);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, editor);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, buffer);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, console);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, speed);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, scenario_button);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, notes_box);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, params_box);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, pause_button);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, notes_label);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, notes_bar);

  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "win.restart", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "win.pause", NULL, session_action);
  gtk_widget_class_install_action (widget_class, "win.step", NULL, session_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, session_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "win.load-scenario", "s",
                                   load_scenario_action);
  gtk_widget_class_install_action (widget_class, "win.revert-scenario", NULL,
                                   revert_scenario_action);
  gtk_widget_class_install_action (widget_class, "win.export-chrome", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.hide-note", NULL, hide_note_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  /* Space pauses when focus is outside the editor (the editor types it). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "win.pause", NULL);
}

static void
ls_window_init (LsWindow *self)
{
  g_autoptr(GMenuModel) scenarios = build_scenario_menu ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = ls_application_new_settings ();
  gtk_menu_button_set_menu_model (self->scenario_button, scenarios);
  setup_console (self);
  setup_editor (self);
  setup_params (self);
  g_signal_connect_object (self->speed, "value-changed", G_CALLBACK (on_speed_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "span-activated", G_CALLBACK (on_span_activated), self,
                           G_CONNECT_SWAPPED);
  setup_settings (self);
  update_run_actions (self);
  load_first_program (self);
}

LsWindow *
ls_window_new (LsApplication *app)
{
  return g_object_new (LS_TYPE_WINDOW, "application", app, NULL);
}

LsTimelineView *
_ls_window_get_timeline (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return self->timeline;
}

LsTrace *
_ls_window_get_trace (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return self->trace;
}

/**
 * _ls_window_get_session:
 *
 * Returns: (transfer none) (nullable): the latest run
 */
LsSession *
_ls_window_get_session (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return self->session;
}

char *
_ls_window_get_text (LsWindow *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, TRUE);
}

/**
 * _ls_window_get_last_toast:
 *
 * Returns: (transfer none) (nullable): the message of the latest toast
 */
const char *
_ls_window_get_last_toast (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return self->last_toast;
}

/**
 * _ls_window_get_note:
 *
 * Returns: (transfer none) (nullable): the program's "What to notice" note
 */
const char *
_ls_window_get_note (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return self->note;
}

/* The 1-based lines the error underline covers, as a string "3,7" ("" for none). */
char *
_ls_window_get_error_lines (LsWindow *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GString *lines = g_string_new (NULL);

  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  for (int line = 0; line < gtk_text_buffer_get_line_count (buffer); line++)
    {
      GtkTextIter iter, end;

      gtk_text_buffer_get_iter_at_line (buffer, &iter, line);
      end = iter;
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      for (; gtk_text_iter_compare (&iter, &end) < 0; gtk_text_iter_forward_char (&iter))
        if (gtk_text_iter_has_tag (&iter, self->error_tag))
          {
            g_string_append_printf (lines, "%s%d", lines->len ? "," : "", line + 1);
            break;
          }
    }
  return g_string_free (lines, FALSE);
}

char *
_ls_window_get_console_text (LsWindow *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  buffer = gtk_text_view_get_buffer (self->console);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

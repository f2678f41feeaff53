/* ls-window.c: the main window. Binds the template (ui/ls-window.ui), owns the
 * program's file and its latest trace, and turns Run into a trace on the
 * timeline and lines in the console.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Loopscope"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "ls-session.h"
#include "ls-timeline-view.h"
#include "ls-window-private.h"

struct _LsWindow
{
  AdwApplicationWindow  parent_instance;

  GFile                *file;
  char                 *scenario;
  LsTrace              *trace;
  LsSession            *session;
  GtkFileChooserNative *chooser;

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
};

G_DEFINE_FINAL_TYPE (LsWindow, ls_window, ADW_TYPE_APPLICATION_WINDOW)

static void
update_title (LsWindow *self)
{
  g_autofree char *name = NULL;
  gboolean modified = gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->buffer));
  g_autofree char *subtitle = NULL;

  if (self->file != NULL)
    name = g_file_get_basename (self->file);
  else
    name = g_strdup_printf (_("%s (built-in)"), self->scenario ? self->scenario : _("New"));
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
  console_append (self, copy, stream == LS_TRACE_STREAM_STDERR ? "error" : NULL);
  if (!g_str_has_suffix (copy, "\n"))
    console_append (self, "\n", NULL);
}

static void
on_session_error (LsWindow   *self,
                  const char *text,
                  LsSession  *session)
{
  /* Tracebacks arrive as one multi-line chunk: stamp it once. */
  on_session_output (self, LS_TRACE_STREAM_STDERR, text, strlen (text), session);
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
update_run_actions (LsWindow *self)
{
  LsSessionState state = self->session ? ls_session_get_state (self->session)
                                       : LS_SESSION_STATE_IDLE;
  gboolean live = state == LS_SESSION_STATE_RUNNING || state == LS_SESSION_STATE_PAUSED;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.pause", live);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step", live);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop", live);
  ls_timeline_view_set_live (self->timeline, state == LS_SESSION_STATE_RUNNING);
}

static void
on_session_finished (LsWindow  *self,
                     int        exit_status,
                     LsSession *session)
{
  const char *end = exit_status == LS_SESSION_EXIT_STOPPED ? _("— stopped —\n")
                    : exit_status == 0 ? _("— finished —\n") : _("— failed —\n");

  console_append (self, end, "time");
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
  g_autofree char *filename = NULL;
  g_autoptr(GError) error = NULL;

  filename = self->file ? g_file_get_basename (self->file) : g_strdup (self->scenario);
  stop_session (self);
  console_clear (self);
  self->session = ls_session_new ();
  ls_session_set_clock_mode (self->session, mode);
  ls_session_set_speed (self->session, gtk_spin_button_get_value (self->speed));
  g_signal_connect_object (self->session, "output", G_CALLBACK (on_session_output), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "error", G_CALLBACK (on_session_error), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "finished", G_CALLBACK (on_session_finished), self,
                           G_CONNECT_SWAPPED);
  g_set_object (&self->trace, ls_session_get_trace (self->session));
  ls_timeline_view_set_trace (self->timeline, self->trace);
  if (!ls_session_load (self->session, filename ? filename : "<program>", source,
                        NULL, NULL, &error))
    {
      console_append (self, error->message, "error");
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
  _ls_window_load_scenario (LS_WINDOW (widget), g_variant_get_string (param, NULL));
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
      g_autofree char *msg = g_strdup_printf (_("Could not open file: %s\n"), error->message);

      console_append (self, msg, "error");
      return;
    }
  if (!g_utf8_validate (contents, len, NULL))
    {
      console_append (self, _("Could not open file: not UTF-8 text\n"), "error");
      return;
    }
  g_set_object (&self->file, G_FILE (source));
  set_text (self, contents);
}

void
ls_window_open_file (LsWindow *self,
                     GFile    *file)
{
  g_return_if_fail (LS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_contents_async (file, NULL, load_file_cb, g_object_ref (self));
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

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("Could not save: %s\n"), error->message);

      console_append (self, msg, "error");
      return;
    }
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self->buffer), FALSE);
  update_title (self);
}

static void
save_to (LsWindow *self,
         GFile    *file)
{
  char *text = _ls_window_get_text (self);
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

  /* g_file_replace writes a temporary file and renames it: atomic. */
  g_set_object (&self->file, file);
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
  g_clear_object (&self->chooser);
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

static GMenuModel *
build_scenario_menu (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children (LS_SCENARIOS_PATH, 0, NULL);
  GMenu *menu = g_menu_new ();

  if (names == NULL)
    return G_MENU_MODEL (menu);
  qsort (names, g_strv_length (names), sizeof (char *), (GCompareFunc) g_strcmp0);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (LS_SCENARIOS_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
      g_autofree char *title = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (bytes == NULL || !g_str_has_suffix (names[i], ".py"))
        continue;
      title = scenario_title (bytes, names[i]);
      item = g_menu_item_new (title, NULL);
      g_menu_item_set_action_and_target (item, "win.load-scenario", "s", names[i]);
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

gboolean
_ls_window_load_scenario (LsWindow   *self,
                          const char *name)
{
  g_autofree char *path = g_strconcat (LS_SCENARIOS_PATH, name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
  g_autofree char *text = NULL;

  g_return_val_if_fail (LS_IS_WINDOW (self), FALSE);

  if (bytes == NULL)
    return FALSE;
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_clear_object (&self->file);
  g_free (self->scenario);
  self->scenario = g_strdup (name);
  set_text (self, text);
  return TRUE;
}

static void
update_style_scheme (LsWindow *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (manager) ? "Adwaita-dark" : "Adwaita";

  gtk_source_buffer_set_style_scheme (self->buffer,
                                      gtk_source_style_scheme_manager_get_scheme (schemes, id));
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
}

static void
setup_console (LsWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->console);

  gtk_text_buffer_create_tag (buffer, "time", "foreground", "#808080", NULL);
  gtk_text_buffer_create_tag (buffer, "error", "foreground", "#d55e00", NULL);
}

static void
ls_window_dispose (GObject *object)
{
  LsWindow *self = LS_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  stop_session (self);
  g_clear_object (&self->trace);
  g_clear_object (&self->file);
  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_WINDOW);
  G_OBJECT_CLASS (ls_window_parent_class)->dispose (object);
}

static void
ls_window_finalize (GObject *object)
{
  LsWindow *self = LS_WINDOW (object);

  g_clear_pointer (&self->scenario, g_free);
  G_OBJECT_CLASS (ls_window_parent_class)->finalize (object);
}

static void
ls_window_class_init (LsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_window_dispose;
  object_class->finalize = ls_window_finalize;

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
  /* Space pauses when focus is outside the editor (the editor types it). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "win.pause", NULL);
}

static void
ls_window_init (LsWindow *self)
{
  g_autoptr(GMenuModel) scenarios = build_scenario_menu ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_menu_model (self->scenario_button, scenarios);
  setup_editor (self);
  setup_console (self);
  g_signal_connect_object (self->speed, "value-changed", G_CALLBACK (on_speed_changed), self,
                           G_CONNECT_SWAPPED);
  update_run_actions (self);
  _ls_window_load_scenario (self, LS_DEFAULT_SCENARIO);
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

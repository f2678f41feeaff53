/* ls-application.c: the AdwApplication: app-wide actions and accelerators,
 * and one window per activation or opened file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Loopscope"

#include "config.h"

#include <glib/gi18n.h>

#include "ls-application.h"
#include "ls-window.h"

struct _LsApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (LsApplication, ls_application, ADW_TYPE_APPLICATION)

static void
ls_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (ls_window_new (LS_APPLICATION (app)));
      /* Open on a drawn timeline, not an empty one. */
      gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
    }
  gtk_window_present (window);
}

static void
ls_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      LsWindow *window = ls_window_new (LS_APPLICATION (app));

      ls_window_open_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

/* Closes every window through its close request, so each can ask about
 * unsaved changes; the application ends with the last one. */
static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  for (GList *l = windows; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  static const char *developers[] = { "The Loopscope developers", NULL };
  /* Translators: put your name here, one per line. */
  const char *translators = _("translator-credits");
  GtkApplication *app = user_data;
  GtkWidget *about = adw_about_window_new ();

  g_object_set (about,
                "transient-for", gtk_application_get_active_window (app),
                "application-name", _("Loopscope"),
                "version", PACKAGE_VERSION,
                "comments", _("Watch Python asyncio programs run, task by task"),
                "developer-name", _("The Loopscope developers"),
                "developers", developers,
                "website", "https://github.com/loopscope/loopscope",
                "issue-url", "https://github.com/loopscope/loopscope/issues",
                "copyright", "© 2026 The Loopscope developers",
                "license-type", GTK_LICENSE_GPL_3_0,
                NULL);
  /* Without an installed icon the window would show a "missing image". */
  if (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (about)),
                               LS_APPLICATION_ID))
    adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), LS_APPLICATION_ID);
  if (!g_str_equal (translators, "translator-credits"))
    adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), translators);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static void
set_accels (GtkApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Primary>q", NULL } },
    { "win.open", { "<Primary>o", NULL } },
    { "win.save", { "<Primary>s", NULL } },
    { "win.save-as", { "<Primary><Shift>s", NULL } },
    { "win.run", { "F5", NULL } },
    { "win.step", { "F10", NULL } },
    { "win.stop", { "<Shift>F5", NULL } },
    { "win.restart", { "<Primary>F5", NULL } },
    { "win.preferences", { "<Primary>comma", NULL } },
    { "win.show-help-overlay", { "<Primary>question", NULL } },
    { "win.zoom-in", { "<Primary>plus", "<Primary>equal", NULL } },
    { "win.zoom-out", { "<Primary>minus", NULL } },
    { "win.zoom-fit", { "<Primary>0", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

static void
update_color_scheme (LsApplication *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT, ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK,
  };
  guint scheme = (guint) g_settings_get_enum (self->settings, "color-scheme");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      schemes[MIN (scheme, G_N_ELEMENTS (schemes) - 1)]);
}

static void
apply_settings (LsApplication *self)
{
  self->settings = ls_application_new_settings ();
  if (self->settings == NULL)
    return;
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (update_color_scheme), self, G_CONNECT_SWAPPED);
  update_color_scheme (self);
}

static void
ls_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (ls_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  set_accels (GTK_APPLICATION (app));
  apply_settings (LS_APPLICATION (app));
}

static void
ls_application_dispose (GObject *object)
{
  LsApplication *self = LS_APPLICATION (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (ls_application_parent_class)->dispose (object);
}

static void
ls_application_class_init (LsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ls_application_dispose;

  app_class->activate = ls_application_activate;
  app_class->open = ls_application_open;
  app_class->startup = ls_application_startup;
}

static void
ls_application_init (LsApplication *self)
{
}

LsApplication *
ls_application_new (void)
{
  return g_object_new (LS_TYPE_APPLICATION,
                       "application-id", LS_APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/loopscope/Loopscope",
                       NULL);
}

GSettings *
ls_application_new_settings (void)
{
  static gsize warned = 0;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, LS_APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      if (g_once_init_enter (&warned))
        {
          g_warning ("The settings schema %s is not installed (set GSETTINGS_SCHEMA_DIR to "
                     "the build's data/ folder): settings will not be kept", LS_APPLICATION_ID);
          g_once_init_leave (&warned, 1);
        }
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

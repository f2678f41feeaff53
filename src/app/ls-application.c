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
  AdwApplication parent_instance;
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

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  static const char *developers[] = { "The Loopscope developers", NULL };
  GtkApplication *app = user_data;

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Loopscope"),
                         "application-icon", LS_APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Watch Python asyncio programs run, task by task"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
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
    { "win.show-help-overlay", { "<Primary>question", NULL } },
    { "timeline.zoom-in", { "<Primary>plus", "<Primary>equal", NULL } },
    { "timeline.zoom-out", { "<Primary>minus", NULL } },
    { "timeline.zoom-fit", { "<Primary>0", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

static void
ls_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (ls_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  set_accels (GTK_APPLICATION (app));
}

static void
ls_application_class_init (LsApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

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

/* ls-preferences-window.c: the Preferences window. Its rows are bound to
 * Loopscope's GSettings, so changes apply at once and are kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Loopscope"

#include "config.h"

#include <glib/gi18n.h>

#include "ls-preferences-window.h"

struct _LsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* Template Widgets */
  GtkSpinButton        *font_size;
  AdwComboRow          *color_scheme;
  GtkSpinButton        *speed;
};

G_DEFINE_FINAL_TYPE (LsPreferencesWindow, ls_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The combo row's items are in the order of the schema's enum values. */
static const char *color_schemes[] = { "follow", "light", "dark" };

static gboolean
scheme_to_index (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    if (g_str_equal (nick, color_schemes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
index_to_scheme (const GValue       *value,
                 const GVariantType *type,
                 gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  if (i >= G_N_ELEMENTS (color_schemes))
    return NULL;
  return g_variant_new_string (color_schemes[i]);
}

/* 0 means the system's monospace font: say so instead of "0". */
static gboolean
on_font_size_output (GtkSpinButton *spin)
{
  if (gtk_spin_button_get_value_as_int (spin) != 0)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (spin), _("Default"));
  return TRUE;
}

static void
bind_settings (LsPreferencesWindow *self)
{
  g_settings_bind (self->settings, "editor-font-size", self->font_size, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "speed", self->speed, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->color_scheme, "selected",
                                G_SETTINGS_BIND_DEFAULT, scheme_to_index, index_to_scheme,
                                NULL, NULL);
}

static void
ls_preferences_window_constructed (GObject *object)
{
  LsPreferencesWindow *self = LS_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (ls_preferences_window_parent_class)->constructed (object);
  bind_settings (self);
}

static void
ls_preferences_window_dispose (GObject *object)
{
  LsPreferencesWindow *self = LS_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (ls_preferences_window_parent_class)->dispose (object);
}

static void
ls_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LsPreferencesWindow *self = LS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LsPreferencesWindow *self = LS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_preferences_window_class_init (LsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ls_preferences_window_constructed;
  object_class->dispose = ls_preferences_window_dispose;
  object_class->get_property = ls_preferences_window_get_property;
  object_class->set_property = ls_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/loopscope/Loopscope/ui/ls-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LsPreferencesWindow, font_size);
  gtk_widget_class_bind_template_child (widget_class, LsPreferencesWindow, color_scheme);
  gtk_widget_class_bind_template_child (widget_class, LsPreferencesWindow, speed);
  gtk_widget_class_bind_template_callback (widget_class, on_font_size_output);
}

static void
ls_preferences_window_init (LsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LsPreferencesWindow *
ls_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (LS_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "settings", settings,
                       NULL);
}

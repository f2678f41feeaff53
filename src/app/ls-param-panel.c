/* ls-param-panel.c: the parameter panel under the editor. Shows a row per
 * `# param` of the program (ui/ls-param-panel.ui) and turns the user's changes
 * into literals for the program's text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Loopscope"

#include "config.h"

#include "ls-param-panel.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ls-literal-scrub.h"
#include "ls-params.h"

/* Bounds of a number without a `MIN..MAX` range: every int up to this is
 * exact in a double. */
#define UNBOUNDED_LIMIT 1e15
#define MAX_DIGITS 6

typedef struct
{
  LsParamPanel  *panel;        /* unowned: the panel owns the row */
  LsParam       *param;        /* name, kind, range, label and the literal shown */
  GtkWidget     *row;          /* an AdwPreferencesRow of the group */
  GtkBox        *content;      /* heading, then the controls */
  GtkWidget     *title;        /* the heading's first label, which names the controls */
  GtkWidget     *control;      /* GtkSpinButton, GtkSwitch or GtkEntry */
  GtkScale      *scale;        /* numbers with a range */
  GtkAdjustment *adjustment;   /* numbers: shared by the scale and the spin button */
  guint          digits;       /* floats: the decimals shown and written */
} ParamRow;

struct _LsParamPanel
{
  GtkWidget            parent_instance;

  GPtrArray           *rows;      /* ParamRow, in source order */
  gboolean             syncing;   /* values come from the source: do not emit */
  /* Every row's heading and spin button get one width, so the sliders line up. */
  GtkSizeGroup        *headings;
  GtkSizeGroup        *spins;

  /* Template Widgets */
  GtkWidget           *scroller;
  AdwPreferencesGroup *group;
  GtkWidget           *hint;
};

G_DEFINE_FINAL_TYPE (LsParamPanel, ls_param_panel, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_N_PARAMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Literals */

static double
literal_value (const char *literal)
{
  double value;

  /* 1e400 is inf to Python: show the largest value the spin button has. */
  if (!_ls_literal_scrub_parse (literal, &value))
    value = g_ascii_strtod (literal, NULL);
  if (isnan (value))
    return 0;
  return CLAMP (value, -UNBOUNDED_LIMIT, UNBOUNDED_LIMIT);
}

/* The text a Python string literal stands for (the escapes a one-line
 * literal may hold; others are kept as written). */
static char *
unquote (const char *literal)
{
  GString *s = g_string_new (NULL);
  gsize len = strlen (literal);

  for (gsize i = 1; i + 1 < len; i++)
    {
      char c = literal[i];

      if (c != '\\' || i + 2 >= len)
        {
          g_string_append_c (s, c);
          continue;
        }
      c = literal[++i];
      if (c == 'n')
        g_string_append_c (s, '\n');
      else if (c == 't')
        g_string_append_c (s, '\t');
      else if (c == 'r')
        g_string_append_c (s, '\r');
      else if (c == '\\' || c == '\'' || c == '"')
        g_string_append_c (s, c);
      else
        g_string_append_c (s, '\\'), g_string_append_c (s, c);
    }
  return g_string_free (s, FALSE);
}

/* A Python string literal for @text, quoted as Python's repr() would. */
static char *
quote (const char *text)
{
  char q = (strchr (text, '\'') != NULL && strchr (text, '"') == NULL) ? '"' : '\'';
  GString *s = g_string_new (NULL);

  g_string_append_c (s, q);
  for (const char *c = text; *c; c++)
    {
      if (*c == q || *c == '\\')
        g_string_append_printf (s, "\\%c", *c);
      else if (*c == '\n')
        g_string_append (s, "\\n");
      else if (*c == '\t')
        g_string_append (s, "\\t");
      else if (*c == '\r')
        g_string_append (s, "\\r");
      else if ((guchar) *c < 0x20 || *c == 0x7f)
        g_string_append_printf (s, "\\x%02x", (guchar) *c);
      else
        g_string_append_c (s, *c);
    }
  g_string_append_c (s, q);
  return g_string_free (s, FALSE);
}

static int
bound_decimals (double value)
{
  for (int d = 0; d < MAX_DIGITS; d++)
    {
      double scaled = value * pow (10, d);

      if (fabs (scaled - round (scaled)) < 1e-6)
        return d;
    }
  return MAX_DIGITS;
}

/* Floats show the literal's decimals, and enough to reach the range's bounds. */
static guint
float_digits (const LsParam *param)
{
  int digits = MAX (1, _ls_literal_scrub_decimals (param->literal));

  if (param->has_range)
    digits = MAX (digits, MAX (bound_decimals (param->min), bound_decimals (param->max)));
  return MIN (digits, MAX_DIGITS);
}

/* Emitting */

static void
emit_literal (ParamRow *pr,
              char     *literal)
{
  if (g_str_equal (literal, pr->param->literal))
    {
      g_free (literal);
      return;
    }
  g_free (pr->param->literal);
  pr->param->literal = literal;
  g_signal_emit (pr->panel, signals[CHANGED], 0, pr->param->name, literal);
}

static void
on_number_changed (GtkAdjustment *adjustment,
                   ParamRow      *pr)
{
  double value = gtk_adjustment_get_value (adjustment);

  if (pr->panel->syncing)
    return;
  if (pr->param->kind == LS_PARAM_FLOAT)
    {
      /* Write what the spin button shows, not the slider's raw position. */
      double scale = pow (10, pr->digits);

      value = round (value * scale) / scale;
    }
  emit_literal (pr, ls_param_format_number (pr->param, value));
}

static void
on_switch_changed (GtkSwitch  *toggle,
                   GParamSpec *pspec,
                   ParamRow   *pr)
{
  if (!pr->panel->syncing)
    emit_literal (pr, g_strdup (gtk_switch_get_active (toggle) ? "True" : "False"));
}

static void
on_entry_changed (GtkEditable *entry,
                  ParamRow    *pr)
{
  g_autofree char *shown = NULL;

  if (pr->panel->syncing)
    return;
  shown = unquote (pr->param->literal);
  if (!g_str_equal (shown, gtk_editable_get_text (entry)))
    emit_literal (pr, quote (gtk_editable_get_text (entry)));
}

/* Rows */

static void
param_row_free (ParamRow *pr)
{
  if (pr->adjustment != NULL)
    g_signal_handlers_disconnect_by_data (pr->adjustment, pr);
  g_signal_handlers_disconnect_by_data (pr->control, pr);
  adw_preferences_group_remove (pr->panel->group, pr->row);
  ls_param_free (pr->param);
  g_free (pr);
}

/* Sets bounds and value of a number row from its literal; a value outside the
 * range widens the bounds so that the row shows what the program says. */
static void
show_number (ParamRow *pr)
{
  const LsParam *param = pr->param;
  double value = literal_value (param->literal);
  double lower = param->has_range ? MIN (param->min, value) : -UNBOUNDED_LIMIT;
  double upper = param->has_range ? MAX (param->max, value) : UNBOUNDED_LIMIT;

  if (param->kind == LS_PARAM_FLOAT && float_digits (param) != pr->digits)
    {
      pr->digits = float_digits (param);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (pr->control), pr->digits);
      gtk_adjustment_set_step_increment (pr->adjustment, pow (10, -(double) pr->digits));
      if (pr->scale != NULL)
        gtk_range_set_round_digits (GTK_RANGE (pr->scale), pr->digits);
    }
  gtk_adjustment_set_lower (pr->adjustment, lower);
  gtk_adjustment_set_upper (pr->adjustment, upper);
  if (gtk_adjustment_get_value (pr->adjustment) != value)
    gtk_adjustment_set_value (pr->adjustment, value);
}

static void
show_value (ParamRow *pr)
{
  switch (pr->param->kind)
    {
    case LS_PARAM_INT:
    case LS_PARAM_FLOAT:
      show_number (pr);
      break;
    case LS_PARAM_BOOL:
      gtk_switch_set_active (GTK_SWITCH (pr->control), g_str_equal (pr->param->literal, "True"));
      break;
    case LS_PARAM_STR:
      {
        g_autofree char *text = unquote (pr->param->literal);

        /* Only when it differs: resetting the text would move the caret. */
        if (!g_str_equal (text, gtk_editable_get_text (GTK_EDITABLE (pr->control))))
          gtk_editable_set_text (GTK_EDITABLE (pr->control), text);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Characters the spin button needs for the widest value of the range. */
static int
spin_width (const ParamRow *pr)
{
  const LsParam *param = pr->param;
  int width = 6;

  if (param->has_range)
    {
      g_autofree char *lo = g_strdup_printf ("%.*f", pr->digits, param->min);
      g_autofree char *hi = g_strdup_printf ("%.*f", pr->digits, param->max);

      width = MAX (strlen (lo), strlen (hi));
    }
  return CLAMP (width, 3, 10);
}

static GtkWidget *
build_number (ParamRow *pr)
{
  const LsParam *param = pr->param;
  gboolean is_float = param->kind == LS_PARAM_FLOAT;
  double step = is_float ? pow (10, -(double) pr->digits) : 1;
  double page = param->has_range ? MAX (step, (param->max - param->min) / 10) : step * 10;
  GtkWidget *spin;

  if (!is_float)
    page = MAX (1, round (page));
  pr->adjustment = gtk_adjustment_new (0, -UNBOUNDED_LIMIT, UNBOUNDED_LIMIT, step, page, 0);
  spin = gtk_spin_button_new (pr->adjustment, 0, is_float ? pr->digits : 0);
  /* Text that is not a number is dropped rather than read as 0. */
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), spin_width (pr));
  gtk_editable_set_alignment (GTK_EDITABLE (spin), 1);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  if (param->has_range)
    {
      pr->scale = GTK_SCALE (gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, pr->adjustment));
      gtk_scale_set_draw_value (pr->scale, FALSE);
      gtk_range_set_round_digits (GTK_RANGE (pr->scale), is_float ? (int) pr->digits : 0);
      gtk_widget_set_hexpand (GTK_WIDGET (pr->scale), TRUE);
      gtk_widget_set_size_request (GTK_WIDGET (pr->scale), 64, -1);
      gtk_widget_set_valign (GTK_WIDGET (pr->scale), GTK_ALIGN_CENTER);
      gtk_box_append (pr->content, GTK_WIDGET (pr->scale));
    }
  else
    {
      gtk_widget_set_hexpand (spin, TRUE);
      gtk_widget_set_halign (spin, GTK_ALIGN_END);
    }
  gtk_size_group_add_widget (pr->panel->spins, spin);
  g_signal_connect (pr->adjustment, "value-changed", G_CALLBACK (on_number_changed), pr);
  return spin;
}

static GtkWidget *
build_control (ParamRow *pr)
{
  GtkWidget *control;

  switch (pr->param->kind)
    {
    case LS_PARAM_INT:
    case LS_PARAM_FLOAT:
      return build_number (pr);
    case LS_PARAM_BOOL:
      control = gtk_switch_new ();
      gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
      gtk_widget_set_halign (control, GTK_ALIGN_END);
      gtk_widget_set_hexpand (control, TRUE);
      g_signal_connect (control, "notify::active", G_CALLBACK (on_switch_changed), pr);
      return control;
    case LS_PARAM_STR:
      control = gtk_entry_new ();
      gtk_editable_set_width_chars (GTK_EDITABLE (control), 14);
      gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
      gtk_widget_set_hexpand (control, TRUE);
      g_signal_connect (control, "changed", G_CALLBACK (on_entry_changed), pr);
      return control;
    default:
      g_assert_not_reached ();
    }
}

static GtkWidget *
heading_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The label (else the name) over the name, as an action row would show them. */
static GtkWidget *
build_heading (ParamRow *pr)
{
  const LsParam *param = pr->param;
  gboolean labelled = param->label[0] != '\0';
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = heading_label (param->name, labelled ? "caption" : "title");

  gtk_widget_set_valign (heading, GTK_ALIGN_CENTER);
  if (labelled)
    {
      pr->title = heading_label (param->label, "title");
      gtk_box_append (GTK_BOX (heading), pr->title);
      gtk_widget_add_css_class (name, "dim-label");
    }
  else
    pr->title = name;
  gtk_box_append (GTK_BOX (heading), name);
  gtk_size_group_add_widget (pr->panel->headings, heading);
  return heading;
}

static ParamRow *
param_row_new (LsParamPanel *self,
               LsParam      *param)
{
  ParamRow *pr = g_new0 (ParamRow, 1);
  gboolean labelled = param->label[0] != '\0';
  g_autofree char *tooltip = NULL;

  pr->panel = self;
  pr->param = param;
  pr->digits = param->kind == LS_PARAM_FLOAT ? float_digits (param) : 0;
  pr->row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (pr->row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (pr->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pr->row),
                                 labelled ? param->label : param->name);
  tooltip = labelled ? g_strdup_printf (_("%s: %s (line %d)"), param->name, param->label,
                                        param->line)
                     : g_strdup_printf (_("%s (line %d)"), param->name, param->line);
  gtk_widget_set_tooltip_text (pr->row, tooltip);

  pr->content = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12));
  g_object_set (pr->content, "margin-start", 12, "margin-end", 12, "margin-top", 8,
                "margin-bottom", 8, "height-request", 34, NULL);
  gtk_box_append (pr->content, build_heading (pr));
  pr->control = build_control (pr);
  gtk_box_append (pr->content, pr->control);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (pr->control),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, pr->title, NULL, -1);
  if (pr->scale != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (pr->scale),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, pr->title, NULL, -1);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (pr->row), GTK_WIDGET (pr->content));
  show_value (pr);
  adw_preferences_group_add (self->group, pr->row);
  return pr;
}

/* Names, kinds, ranges and labels: what the rows are built from. */
static gboolean
same_shape (const LsParam *a,
            const LsParam *b)
{
  return g_str_equal (a->name, b->name) && a->kind == b->kind
         && a->has_range == b->has_range
         && (!a->has_range || (a->min == b->min && a->max == b->max))
         && g_str_equal (a->label, b->label);
}

static gboolean
rows_match (LsParamPanel *self,
            GPtrArray    *params)
{
  if (params->len != self->rows->len)
    return FALSE;
  for (guint i = 0; i < params->len; i++)
    if (!same_shape (((ParamRow *) self->rows->pdata[i])->param, params->pdata[i]))
      return FALSE;
  return TRUE;
}

static void
update_description (LsParamPanel *self)
{
  /* Without rows the description says how to add one; the hint would crowd it. */
  gtk_widget_set_visible (self->hint, self->rows->len > 0);
  adw_preferences_group_set_description (
    self->group,
    self->rows->len == 0
      ? _("End a top-level assignment with “# param” to tune it here, "
          "as in “N = 10  # param 1..100  tasks”.")
      : NULL);
}

static void
rebuild (LsParamPanel *self,
         GPtrArray    *params)
{
  guint old_len = self->rows->len;
  gsize n;
  g_autofree LsParam **taken = (LsParam **) g_ptr_array_steal (params, &n);

  g_ptr_array_set_size (self->rows, 0);
  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (self->rows, param_row_new (self, taken[i]));
  update_description (self);
  if (old_len != self->rows->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PARAMS]);
}

static void
update_values (LsParamPanel *self,
               GPtrArray    *params)
{
  for (guint i = 0; i < params->len; i++)
    {
      ParamRow *pr = self->rows->pdata[i];
      LsParam *param = params->pdata[i];

      if (g_str_equal (pr->param->literal, param->literal))
        continue;
      g_free (pr->param->literal);
      pr->param->literal = g_strdup (param->literal);
      show_value (pr);
    }
}

/* GObject */

static void
ls_param_panel_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LsParamPanel *self = LS_PARAM_PANEL (object);

  switch (prop_id)
    {
    case PROP_N_PARAMS:
      g_value_set_uint (value, ls_param_panel_get_n_params (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_param_panel_dispose (GObject *object)
{
  LsParamPanel *self = LS_PARAM_PANEL (object);

  /* Rows first: they disconnect from widgets the template still holds. */
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->headings);
  g_clear_object (&self->spins);
  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_PARAM_PANEL);
  G_OBJECT_CLASS (ls_param_panel_parent_class)->dispose (object);
}

static void
ls_param_panel_class_init (LsParamPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ls_param_panel_get_property;
  object_class->dispose = ls_param_panel_dispose;

  properties[PROP_N_PARAMS] =
    g_param_spec_uint ("n-params", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                   G_TYPE_STRING, G_TYPE_STRING);

  g_type_ensure (ADW_TYPE_PREFERENCES_GROUP);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/loopscope/Loopscope/ui/ls-param-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LsParamPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, LsParamPanel, group);
  gtk_widget_class_bind_template_child (widget_class, LsParamPanel, hint);
}

static void
ls_param_panel_init (LsParamPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->headings = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->spins = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) param_row_free);
  update_description (self);
}

/* Public API */

LsParamPanel *
ls_param_panel_new (void)
{
  return g_object_new (LS_TYPE_PARAM_PANEL, NULL);
}

void
ls_param_panel_set_source (LsParamPanel *self,
                           const char   *source)
{
  g_autoptr(GPtrArray) params = NULL;

  g_return_if_fail (LS_IS_PARAM_PANEL (self));
  g_return_if_fail (source != NULL);

  params = ls_params_scan (source);
  self->syncing = TRUE;
  if (rows_match (self, params))
    update_values (self, params);
  else
    rebuild (self, params);
  self->syncing = FALSE;
}

guint
ls_param_panel_get_n_params (LsParamPanel *self)
{
  g_return_val_if_fail (LS_IS_PARAM_PANEL (self), 0);

  return self->rows->len;
}

GtkWidget *
_ls_param_panel_get_control (LsParamPanel *self,
                             const char   *name)
{
  g_return_val_if_fail (LS_IS_PARAM_PANEL (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      ParamRow *pr = self->rows->pdata[i];

      if (g_str_equal (pr->param->name, name))
        return pr->control;
    }
  return NULL;
}

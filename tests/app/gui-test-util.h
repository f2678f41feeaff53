/* gui-test-util.h: what the GUI tests share: waits on the main loop that fail
 * with a clear message instead of hanging until meson kills the test, frames,
 * and screenshots taken inside the frame cycle.
 *
 * Nothing here is timed: the bound on a wait only turns a hang into a failure
 * that says what it was waiting for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#define LS_TEST_WAIT_SECONDS 60

typedef gboolean (*LsTestCondition) (gpointer data);

static inline gboolean
ls_test_set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until @condition holds, at most LS_TEST_WAIT_SECONDS.
 * @condition must only change in a main-loop dispatch (a signal, a callback):
 * the loop sleeps until something is dispatched. */
static inline void
ls_test_wait_until (LsTestCondition  condition,
                    gpointer         data,
                    const char      *what)
{
  gboolean gave_up = FALSE;
  guint id = g_timeout_add_seconds (LS_TEST_WAIT_SECONDS, ls_test_set_flag_cb, &gave_up);

  while (!condition (data) && !gave_up)
    g_main_context_iteration (NULL, TRUE);
  if (gave_up)
    g_error ("gave up after %d s waiting for %s", LS_TEST_WAIT_SECONDS, what);
  g_source_remove (id);
}

/* Dispatches what is ready now (idles, expired timeouts) without waiting for
 * anything. A source that is always ready (a busy loop) fails the test. */
static inline void
ls_test_drain_pending (void)
{
  guint n = 0;

  while (g_main_context_pending (NULL))
    {
      if (++n > 100000)
        g_error ("the main loop never went idle: a source is always ready");
      g_main_context_iteration (NULL, FALSE);
    }
}

static inline gboolean
ls_test_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

typedef struct
{
  GtkWidget     *widget;
  guint          painted;
  guint          wanted;
  gboolean       want_node;  /* take a screenshot after the last frame */
  GskRenderNode *node;
  int            width;
  int            height;
} LsTestFrames;

/* Runs after the window painted a frame: its widgets were all allocated in
 * this frame's layout phase, so a snapshot now sees what is on screen (a
 * snapshot between frames can meet a widget with a pending resize, and GTK
 * warns: "Trying to snapshot GtkGizmo without a current allocation"). */
static inline void
ls_test_after_paint_cb (GdkFrameClock *clock,
                        LsTestFrames  *frames)
{
  if (++frames->painted < frames->wanted)
    {
      /* The next frame too, even if nothing changed. */
      gtk_widget_queue_draw (frames->widget);
      return;
    }
  if (frames->want_node && frames->node == NULL)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (frames->widget);
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      frames->width = gtk_widget_get_width (frames->widget);
      frames->height = gtk_widget_get_height (frames->widget);
      gdk_paintable_snapshot (paintable, snapshot, frames->width, frames->height);
      frames->node = gtk_snapshot_free_to_node (snapshot);
    }
}

static inline gboolean
ls_test_frames_done (gpointer data)
{
  LsTestFrames *frames = data;

  return frames->painted >= frames->wanted
         && (!frames->want_node || frames->node != NULL);
}

/* Waits until @frames->widget is mapped and its window painted
 * @frames->wanted frames (and took the snapshot, if asked). */
static inline void
ls_test_run_frames (LsTestFrames *frames)
{
  GdkFrameClock *clock;
  gulong handler;

  ls_test_wait_until (ls_test_is_mapped, frames->widget, "the window to be mapped");
  clock = gtk_widget_get_frame_clock (frames->widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect_after (clock, "paint", G_CALLBACK (ls_test_after_paint_cb), frames);
  gtk_widget_queue_draw (frames->widget);
  ls_test_wait_until (ls_test_frames_done, frames, "the window to paint a frame");
  g_signal_handler_disconnect (clock, handler);
}

/* Waits until @widget is mapped and its window painted @n frames: whatever
 * was changed before is laid out and drawn. */
static inline void
ls_test_wait_for_frames (GtkWidget *widget,
                         guint      n)
{
  LsTestFrames frames = { widget, 0, n, FALSE, NULL, 0, 0 };

  ls_test_run_frames (&frames);
}

/* Renders @widget as the next frame shows it. */
static inline GdkTexture *
ls_test_render (GtkWidget *widget)
{
  LsTestFrames frames = { widget, 0, 1, TRUE, NULL, 0, 0 };
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer;

  ls_test_run_frames (&frames);
  node = frames.node;
  g_assert_nonnull (node);
  g_assert_cmpint (frames.width, >, 0);
  g_assert_cmpint (frames.height, >, 0);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  return gsk_renderer_render_texture (renderer, node,
                                      &GRAPHENE_RECT_INIT (0, 0, frames.width, frames.height));
}

/* Saves @texture as @name in the build dir. */
static inline void
ls_test_save_png (GdkTexture *texture,
                  const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* Renders @widget as the next frame shows it and saves it as @name in the
 * build dir. */
static inline void
ls_test_screenshot (GtkWidget  *widget,
                    const char *name)
{
  g_autoptr(GdkTexture) texture = ls_test_render (widget);

  ls_test_save_png (texture, name);
}

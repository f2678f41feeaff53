/* test-heap.c: the timer heap pops equal deadlines in Python heapq's order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * data/heap-cases.txt was written by gen-heap-cases.py under CPython 3.11:
 * random pushes (many ties), pops and rebuilds, with the id each pop
 * returned. Replaying the operations on our heap must pop the same ids.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ls-asyncio-private.h"

typedef struct
{
  LsHeapEntry *heap;
  gsize        len;
  gsize        cap;
} Heap;

static void
heap_push (Heap   *h,
           gsize   id,
           double  when)
{
  LsHeapEntry e = { when, GSIZE_TO_POINTER (id) };

  if (h->len == h->cap)
    {
      h->cap = h->cap ? h->cap * 2 : 16;
      h->heap = g_renew (LsHeapEntry, h->heap, h->cap);
    }
  _ls_heap_push (h->heap, &h->len, e);
}

/* The rebuild of _run_once: drop some handles, heapify the rest in order. */
static void
heap_rebuild (Heap *h)
{
  gsize kept = 0;

  for (gsize i = 0; i < h->len; i++)
    if (GPOINTER_TO_SIZE (h->heap[i].item) % 3 != 0)
      h->heap[kept++] = h->heap[i];
  h->len = kept;
  _ls_heap_heapify (h->heap, h->len);
}

static void
replay (const char *line)
{
  g_auto (GStrv) ops = g_strsplit (line, "; ", -1);
  Heap h = { NULL, 0, 0 };

  for (int i = 0; ops[i] != NULL; i++)
    {
      g_auto (GStrv) w = g_strsplit (ops[i], " ", -1);
      if (strcmp (w[0], "push") == 0)
        heap_push (&h, strtoul (w[1], NULL, 10), g_ascii_strtod (w[2], NULL));
      else if (strcmp (w[0], "pop") == 0)
        {
          LsHeapEntry e;
          g_assert_cmpuint (h.len, >, 0);
          e = _ls_heap_pop (h.heap, &h.len);
          g_assert_cmpuint (GPOINTER_TO_SIZE (e.item), ==, strtoul (w[1], NULL, 10));
        }
      else if (strcmp (w[0], "heapify") == 0)
        heap_rebuild (&h);
      else
        g_assert_not_reached ();
    }
  g_assert_cmpuint (h.len, ==, 0);
  g_free (h.heap);
}

static void
test_heapq_order (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "heap-cases.txt", NULL);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  int n = 0;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (int i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      {
        replay (lines[i]);
        n++;
      }
  g_assert_cmpint (n, >=, 50);
}

/* The documented tie: ten equal deadlines pushed in order pop as heapq does. */
static void
test_ten_ties (void)
{
  static const gsize expected[] = { 0, 2, 6, 9, 8, 5, 7, 4, 1, 3 };
  Heap h = { NULL, 0, 0 };

  for (gsize i = 0; i < 10; i++)
    heap_push (&h, i, 1.0);
  for (gsize i = 0; i < 10; i++)
    g_assert_cmpuint (GPOINTER_TO_SIZE (_ls_heap_pop (h.heap, &h.len).item), ==, expected[i]);
  g_free (h.heap);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/asyncio/heap/heapq-order", test_heapq_order);
  g_test_add_func ("/asyncio/heap/ten-ties", test_ten_ties);
  return g_test_run ();
}

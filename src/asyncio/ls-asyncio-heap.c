/* ls-asyncio-heap.c: the timer heap, with the sift order of Python's heapq.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which of two timers with the same deadline fires first is decided by the
 * heap's shape, so it must move entries exactly as heapq does: push sifts the
 * new entry up; pop moves the last entry to the root, walks the hole down to
 * a leaf along the smaller children (the right one on ties) and then sifts
 * the entry up from there; heapify sifts every inner node down, last first.
 */
#include "config.h"

#include "ls-asyncio-private.h"

/* Moves the entry at pos towards the root while it is smaller than its parent. */
static void
sift_down (LsHeapEntry *heap,
           gsize        start,
           gsize        pos)
{
  LsHeapEntry item = heap[pos];

  while (pos > start)
    {
      gsize parent = (pos - 1) >> 1;
      if (!(item.when < heap[parent].when))
        break;
      heap[pos] = heap[parent];
      pos = parent;
    }
  heap[pos] = item;
}

/* Takes the entry at pos down to a leaf, then back up to its place. */
static void
sift_up (LsHeapEntry *heap,
         gsize        len,
         gsize        pos)
{
  gsize start = pos;
  LsHeapEntry item = heap[pos];
  gsize child = 2 * pos + 1;

  while (child < len)
    {
      gsize right = child + 1;
      if (right < len && !(heap[child].when < heap[right].when))
        child = right;
      heap[pos] = heap[child];
      pos = child;
      child = 2 * pos + 1;
    }
  heap[pos] = item;
  sift_down (heap, start, pos);
}

void
_ls_heap_push (LsHeapEntry *heap,
               gsize       *len,
               LsHeapEntry  entry)
{
  heap[*len] = entry;
  (*len)++;
  sift_down (heap, 0, *len - 1);
}

LsHeapEntry
_ls_heap_pop (LsHeapEntry *heap,
              gsize       *len)
{
  LsHeapEntry last, top;

  g_assert (*len > 0);
  last = heap[--(*len)];
  if (*len == 0)
    return last;
  top = heap[0];
  heap[0] = last;
  sift_up (heap, *len, 0);
  return top;
}

void
_ls_heap_heapify (LsHeapEntry *heap,
                  gsize        len)
{
  for (gsize i = len / 2; i > 0; i--)
    sift_up (heap, len, i - 1);
}

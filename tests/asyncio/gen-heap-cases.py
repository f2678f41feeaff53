#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes data/heap-cases.txt: what Python's heapq does with timer handles.

Each case is one line of operations and the ids they pop, as asyncio's timer
heap sees them (handles compare by deadline only, so ties keep heapq's order):

    push ID WHEN     push a handle
    pop ID           heappop() returned handle ID
    heapify          drop the handles whose id is a multiple of 3, then heapify
                     (what _run_once does when it rebuilds the heap)

Run with CPython 3.11 (python3 gen-heap-cases.py > data/heap-cases.txt).
"""
import heapq
import random


class Handle:
    def __init__(self, ident, when):
        self.ident = ident
        self.when = when

    def __lt__(self, other):
        return self.when < other.when


def case(rng):
    heap, ops, next_id = [], [], 0
    spread = rng.choice([1, 2, 3, 5, 50])
    for _ in range(rng.randint(1, 200)):
        r = rng.random()
        if r < 0.6 or not heap:
            when = rng.randint(0, spread) * 0.5
            heapq.heappush(heap, Handle(next_id, when))
            ops.append(f"push {next_id} {when!r}")
            next_id += 1
        elif r < 0.97:
            ops.append(f"pop {heapq.heappop(heap).ident}")
        else:
            heap = [h for h in heap if h.ident % 3 != 0]
            heapq.heapify(heap)
            ops.append("heapify")
    while heap:
        ops.append(f"pop {heapq.heappop(heap).ident}")
    return "; ".join(ops)


def main():
    rng = random.Random(20240611)
    for _ in range(60):
        print(case(rng))


if __name__ == "__main__":
    main()

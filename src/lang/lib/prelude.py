# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers the interpreter's C code calls (registered as _prelude)."""


async def anext_default(awaitable, default):
    """What anext(it, default) awaits: the next item, or default at the end."""
    try:
        return await awaitable
    except StopAsyncIteration:
        return default

"""The wall in shards: which part of the wall an idea travels in (pure, no Reflex, no SQL).

Every screen holds the whole wall, but a change resends only the shard that
holds the changed idea. Reflex replaces a var's value wholesale, so the wall is
split into ``SHARDS`` vars of consecutive ideas in the order they were written:
shard ``k`` holds the workshop's ideas number ``k*size .. (k+1)*size - 1``,
counting every idea (hidden ones too, so that hiding one changes its shard
alone). New ideas land in the last shard or two, however long the wall is; a
burst of 600 ideas a second resends a few shards of ``size`` ideas, not the wall.

``size`` doubles as the wall grows, so that ``SHARDS`` always suffice; each
doubling resends the wall once (what every change cost before).

The browser puts the wall back together: the headers (``wall_groups``, the
groups of :func:`workshop.store.room_snapshot.by_prompt` without their ideas)
and each shard's ideas, which carry the ``prompt_id`` of the group they go
under (0 for the group of their kind without a prompt).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

SHARDS = 64
MIN_SIZE = 16
HEADERS = "wall_groups"
NAMES = tuple(f"wall_{n}" for n in range(SHARDS))

Row = TypeVar("Row")


def shard_size(count: int, used: int = SHARDS) -> int:
    """Ideas per shard for a wall of ``count`` ideas in ``used`` shards: a power of two,
    at least MIN_SIZE (one shard: the whole wall)."""
    if used <= 1:
        return max(count, 1)
    size = MIN_SIZE
    while size * used < count:
        size *= 2
    return size


def shards(every_idea: Sequence[Row], shown: Callable[[Row], Any], used: int = SHARDS) -> list[list[Row]]:
    """``every_idea`` (oldest first, hidden ones included) cut into SHARDS lists of the ones
    ``shown``, of which only the first ``used`` (1..SHARDS, the setting ``wall_shards``) hold any."""
    used = min(max(used, 1), SHARDS)
    size = shard_size(len(every_idea), used)
    return [[row for row in every_idea[n * size:(n + 1) * size] if shown(row)] if n < used else []
            for n in range(SHARDS)]

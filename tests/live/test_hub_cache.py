"""The hub reads a room once for a burst of joins, and never serves a part that changed."""

from __future__ import annotations

from types import SimpleNamespace

from tests.asyncio_support import run
from workshop.live.hub import RoomHub


def test_joins_share_one_read_and_a_change_clears_it():
    reads: list[frozenset[str]] = []
    version = {"phase": "lobby"}

    def read(code: str, parts: frozenset[str]) -> dict:
        reads.append(parts)
        return {part: {"phase": version["phase"], "server_now_ms": 0} for part in parts}

    hub = RoomHub()
    hub._read = read
    touched: list[tuple] = []
    hub._coalescer = SimpleNamespace(touch=lambda code, parts: touched.append((code, tuple(parts))))

    async def scenario() -> list[dict]:
        first = await hub._stored("ABC", frozenset({"room", "wall"}))
        second = await hub._stored("ABC", frozenset({"room", "wall"}))
        version["phase"] = "critique"
        hub.changed("ABC", "room")
        third = await hub._stored("ABC", frozenset({"room", "wall"}))
        return [first, second, third]

    first, second, third = run(scenario())
    assert reads == [frozenset({"room", "wall"}), frozenset({"room"})]
    assert first["room"]["phase"] == second["room"]["phase"] == "lobby"
    assert third["room"]["phase"] == "critique"
    assert third["room"]["server_now_ms"] > 0  # the clock is always fresh
    assert touched == [("ABC", ("room",))]



def test_the_head_counts_read_k_once_and_forget_it_with_the_room():
    """``presence`` exact, ``headcount`` folded with the workshop's K, which is read once (a
    change of the room does not read it again) and forgotten when the hub forgets the room."""
    from workshop.live.hub import HEAD_COUNTS
    from workshop.live.presence import Seat

    reads: list[frozenset[str]] = []

    def read(code: str, parts: frozenset[str]) -> dict:
        reads.append(parts)
        return {"room": {"min_group_size": 4, "server_now_ms": 0}}

    hub = RoomHub()
    hub._read = read
    hub._coalescer = SimpleNamespace(touch=lambda code, parts: None)
    for n, role in enumerate(["parent"] * 4 + ["young_person"]):
        hub.presence.enter(f"s{n}", Seat("ABC", n, role))

    async def scenario() -> list[dict]:
        first = await hub._values("ABC", HEAD_COUNTS)
        hub.changed("ABC", "room")
        second = await hub._values("ABC", HEAD_COUNTS)
        hub._forget("ABC")
        await hub._values("ABC", frozenset({"headcount"}))
        # Everyone leaves and the room is forgotten: the flush that follows reads nothing and
        # keeps nothing (a page opened later reads the room afresh).
        for n in range(5):
            hub.presence.leave(f"s{n}")
        hub._forget("ABC")
        empty = await hub._values("ABC", HEAD_COUNTS)
        assert empty["headcount"] == {"total": 0, "rows": []}
        return [first, second]

    first, second = run(scenario())
    assert reads == [frozenset({"room"}), frozenset({"room"})]
    assert "ABC" not in hub._group_sizes and "room" not in hub._cache.get("ABC", {})
    assert first == second
    assert first["presence"] == {"total": 5, "by_role": {"parent": 4, "young_person": 1}}
    assert first["headcount"] == {"total": 5, "rows": [
        {"role": "combined", "people": 5, "members": ["young_person", "parent"]}]}

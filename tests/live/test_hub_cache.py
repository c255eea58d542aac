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


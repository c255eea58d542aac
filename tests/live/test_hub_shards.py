"""The hub sends a sharded part's changed shards only, and a joining screen what the room holds."""

from __future__ import annotations

import contextlib
from types import SimpleNamespace

from reflex_base.constants.state import FIELD_MARKER

from tests.asyncio_support import run
from workshop.live.hub import RoomHub, room_of
from workshop.live.presence import Seat
from workshop.store.room_snapshot import Shards

STATE = "room_view"


class _Sio:
    def __init__(self) -> None:
        self.sent: list[tuple[str, dict]] = []

    async def emit(self, event, message, room=None, to=None, namespace=None, ignore_queue=False):
        self.sent.append((room or to, message["delta"][STATE]))

    async def enter_room(self, sid, room, namespace=None):
        pass


def _hub(wall: dict[str, list]) -> tuple[RoomHub, _Sio]:
    hub = RoomHub()
    sio = _Sio()
    hub._app = SimpleNamespace(sio=sio, event_namespace=SimpleNamespace(namespace="/_event"))
    hub._state_name = STATE
    hub._read = lambda code, parts: {"wall": Shards(wall)} if "wall" in parts else {}
    hub._coalescer = SimpleNamespace(touch=lambda code, parts: None)
    return hub, sio


def _vars(*names: str) -> set[str]:
    return {name + FIELD_MARKER for name in names}


async def _change_between_flushes(wall: dict, first: RoomHub, then: RoomHub) -> None:
    """``first`` flushes the room, ``then`` flushes a change of wall_1, ``first`` flushes again."""
    await first._flush("ABC", frozenset({"wall"}))  # the room's first: every shard
    wall["wall_1"] = [{"id": 2}]
    then.changed("ABC", "wall")
    await then._flush("ABC", frozenset({"wall"}))
    first.changed("ABC", "wall")
    await first._flush("ABC", frozenset({"wall"}))  # nothing changed: nothing sent


def test_a_flush_sends_the_changed_shards_alone():
    wall = {"wall_groups": [{"prompt_id": 1}], "wall_0": [{"id": 1}], "wall_1": []}
    hub, sio = _hub(wall)

    run(_change_between_flushes(wall, hub, hub))
    assert [(room, set(delta)) for room, delta in sio.sent] == [
        (room_of("ABC"), _vars("wall_groups", "wall_0", "wall_1")),
        (room_of("ABC"), _vars("wall_1")),
    ]
    assert sio.sent[1][1]["wall_1" + FIELD_MARKER] == [{"id": 2}]


def test_a_joining_screen_gets_every_shard_as_the_room_holds_them():
    wall = {"wall_groups": [], "wall_0": [{"id": 1}], "wall_1": []}
    hub, sio = _hub(wall)

    async def scenario() -> None:
        await hub._flush("ABC", frozenset({"wall"}))
        # Changed and stored, but its flush has not gone out yet: the joining screen gets
        # what the room holds, and the flush then brings it the change with everyone.
        wall["wall_1"] = [{"id": 2}]
        hub.changed("ABC", "wall")
        await hub.join("sid-1", "ABC")
        await hub._flush("ABC", frozenset({"wall"}))

    run(scenario())
    joined = sio.sent[1]
    assert joined[0] == "sid-1"
    assert _vars("wall_groups", "wall_0", "wall_1") <= set(joined[1])
    assert joined[1]["wall_1" + FIELD_MARKER] == []
    assert sio.sent[2] == (room_of("ABC"), {"wall_1" + FIELD_MARKER: [{"id": 2}]})


class _Shared:
    """Several workers' shared rooms (workshop.live.shared.SharedRooms), as far as a flush
    and a join use them: every publish reaches the room, every part at one version."""

    def __init__(self, sio: _Sio, held: dict | None = None) -> None:
        self.sio = sio
        self.held = {} if held is None else held  # what the room holds, by digest (Redis)

    @contextlib.asynccontextmanager
    async def lock(self, code):
        yield

    async def bump(self, code, parts):
        pass

    async def versions(self, code, parts):
        return {part: "1" for part in parts}

    async def publish(self, event, message, room, namespace):
        await self.sio.emit(event, message, room=room, namespace=namespace)

    async def sent(self, code, names):
        return {name: self.held.get((code, name)) for name in names}

    async def mark_sent(self, code, digests):
        self.held.update({(code, name): digest for name, digest in digests.items()})


def test_several_workers_send_the_changed_shards_alone_whichever_flushes():
    """Two workers share what the room holds (by digest in Redis): the second worker's flush
    sends only what changed since the first worker's, and a joining screen gets every shard
    (read afresh: the other worker's emits do not show in this one's memory)."""
    wall = {"wall_groups": [], "wall_0": [{"id": 1}], "wall_1": []}
    (first, sio), (second, _) = _hub(wall), _hub(wall)
    second._app = first._app  # one room: both workers' publishes reach the same screens
    held: dict = {}
    first.shared, second.shared = _Shared(sio, held), _Shared(sio, held)

    async def scenario() -> None:
        await _change_between_flushes(wall, first, second)
        await second.join("sid-1", "ABC")

    run(scenario())
    assert [(room, set(delta)) for room, delta in sio.sent] == [
        (room_of("ABC"), _vars("wall_groups", "wall_0", "wall_1")),
        (room_of("ABC"), _vars("wall_1")),
        ("sid-1", _vars("wall_groups", "wall_0", "wall_1", "ended")),
    ]
    assert sio.sent[1][1]["wall_1" + FIELD_MARKER] == [{"id": 2}]
    assert sio.sent[2][1]["wall_1" + FIELD_MARKER] == [{"id": 2}]


def test_a_large_room_rests_longer_after_a_flush():
    hub, _ = _hub({"wall_groups": [], "wall_0": [], "wall_1": []})
    rests = []
    for seats in (10, 1000):
        for n in range(seats):
            hub.presence.enter(f"sid{seats}-{n}", Seat("R" + str(seats)))
        rests.append(run(hub._flush("R" + str(seats), frozenset({"wall"}))))
    assert rests[0] < 0.03 <= 0.09 < rests[1]  # 10 phones: the coalescer's interval; 1,000: ~0.1 s

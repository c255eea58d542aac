"""The hub's keys, as units on python-socketio's real rooms (one process, the app's own
manager): a screen filed under a key that is then replaced leaves every room of its
workshop and is told so, the rotating tab stays, and a replacement that comes while a page
opens (before its seat, or while its snapshot is read) finds it too. The raw-socket runs
are in test_revoked_links.py and test_several_workers.py."""

from __future__ import annotations

import json
from types import SimpleNamespace

import socketio
from reflex_base.constants.state import FIELD_MARKER

from tests.asyncio_support import run
from workshop.live.hub import EVERYONE, FACILITATOR, HOSTS, RoomHub, key_room, room_of
from workshop.live.socket_server import SequentialManager

STATE = "room_view"
NAMESPACE = "/_event"
HOST_AUDIENCES = (EVERYONE, HOSTS, FACILITATOR)


class Room:
    """A hub on a real socket.io server (no network): what each socket was sent."""

    def __init__(self) -> None:
        self.sio = socketio.AsyncServer(async_mode="asgi", client_manager=SequentialManager())
        self.sent: dict[str, list[dict]] = {}
        self._sid_of: dict[str, str] = {}

        async def send(eio_sid, packet) -> None:
            data = packet.data
            self.sent.setdefault(self._sid_of[eio_sid], []).append(json.loads(data[data.index("["):])[1])

        self.sio._send_eio_packet = send  # type: ignore[method-assign]
        self.hub = RoomHub()
        self.hub._app = SimpleNamespace(
            sio=self.sio, event_namespace=SimpleNamespace(namespace=NAMESPACE, on_disconnect=lambda sid: None))
        self.hub._state_name = STATE
        self.hub._read = lambda code, parts: {part: {"of": code} for part in parts}
        self.hub._coalescer = SimpleNamespace(touch=lambda code, parts: None)

    async def start(self) -> None:
        await self.hub._hook_disconnect()  # as at app start-up: the manager's before_close too

    async def socket(self, name: str) -> str:
        sid = await self.sio.manager.connect(f"eio-{name}", NAMESPACE)
        self._sid_of[f"eio-{name}"] = sid
        return sid

    def rooms(self, sid: str) -> set[str]:
        return set(self.sio.rooms(sid, namespace=NAMESPACE)) - {sid}

    def vars(self, sid: str) -> list[dict]:
        """Each update the socket was sent: its room-view vars."""
        return [{name.removesuffix(FIELD_MARKER): value for name, value in message["delta"][STATE].items()}
                for message in self.sent.get(sid, [])]

    async def open_page(self, sid: str, code: str, key: str) -> None:
        """What a facilitator's page does once the key proved right."""
        await self.hub.file_under_key(sid, code, key)
        await self.hub.join(sid, code, audiences=HOST_AUDIENCES, key=key)


def test_a_replaced_key_takes_its_screens_out_of_every_room_but_the_rotating_tab():
    async def scenario():
        room = Room()
        await room.start()
        leaked, rotating, screen, other = [await room.socket(n) for n in ("leaked", "rotating", "screen", "other")]
        for sid in (leaked, rotating):
            await room.open_page(sid, "ABC", "old-key")
        await room.hub.file_under_key(screen, "ABC", "display-key")
        await room.hub.join(screen, "ABC", audiences=(EVERYONE, HOSTS), key="display-key")
        await room.open_page(other, "XYZ", "old-key")  # the same text as another workshop's key
        before = {sid: len(room.vars(sid)) for sid in (leaked, rotating, screen, other)}
        await room.hub.revoke("ABC", ("old-key", "display-key"), keep=rotating, kept_key="new-key")
        await room.hub._emit_parts("ABC", frozenset({"room", "ideas"}))  # a change after the revocation
        return room, (leaked, rotating, screen, other), before

    room, (leaked, rotating, screen, other), before = run(scenario())
    for sid in (leaked, screen):
        assert room.rooms(sid) == set()
        assert room.vars(sid)[before[sid]:] == [{"ended": "replaced"}]
        assert sid not in room.hub.presence.sids("ABC")
    assert room.rooms(rotating) == {room_of("ABC", a) for a in HOST_AUDIENCES} | {key_room("ABC", "new-key")}
    assert [set(v) for v in room.vars(rotating)[before[rotating]:]] == [{"room"}, {"ideas"}]
    assert room.rooms(other) == {room_of("XYZ", a) for a in HOST_AUDIENCES} | {key_room("XYZ", "old-key")}
    assert room.vars(other)[before[other]:] == []
    assert not any("key" in name and ("old-key" in name or "new-key" in name)
                   for sid in (rotating, other) for name in room.rooms(sid))


def test_a_key_replaced_while_its_page_opens_seats_nothing():
    """Proved, then replaced before the seat: the join finds the socket no longer filed."""
    async def scenario():
        room = Room()
        await room.start()
        sid = await room.socket("late")
        await room.hub.file_under_key(sid, "ABC", "old-key")
        await room.hub.revoke("ABC", ("old-key",))
        await room.hub.join(sid, "ABC", audiences=HOST_AUDIENCES, key="old-key")
        return room, sid

    room, sid = run(scenario())
    assert room.rooms(sid) == set()
    assert all(set(update) == {"ended"} for update in room.vars(sid)) and room.vars(sid)[-1] == {"ended": "replaced"}
    assert room.hub.presence.sids("ABC") == []


def test_a_key_replaced_while_the_snapshot_is_read_sends_no_snapshot():
    async def scenario():
        room = Room()
        await room.start()
        sid = await room.socket("slow")
        read = room.hub._values

        async def values_then_revoked(code, parts):
            values = await read(code, parts)
            await room.hub.revoke("ABC", ("old-key",))
            return values

        room.hub._values = values_then_revoked
        await room.hub.file_under_key(sid, "ABC", "old-key")
        await room.hub.join(sid, "ABC", audiences=HOST_AUDIENCES, key="old-key")
        return room, sid

    room, sid = run(scenario())
    assert room.rooms(sid) == set()
    assert room.vars(sid) == [{"ended": "replaced"}]


def test_a_refused_page_load_leaves_the_workshop_and_its_key():
    """A seated tab that loads the page again with a key that does not open it: out of every
    room, so that it cannot sit unfiled in the room (a later revocation would miss it)."""
    async def scenario():
        room = Room()
        await room.start()
        sid = await room.socket("tab")
        await room.open_page(sid, "ABC", "good-key")
        await room.hub.file_under_key(sid, "ABC", "forged")
        await room.hub.leave_workshop(sid, "ABC")  # the page's proof failed
        return room, sid

    room, sid = run(scenario())
    assert room.rooms(sid) == set()
    assert room.hub.presence.sids("ABC") == []

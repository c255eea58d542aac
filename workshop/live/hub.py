"""The room hub: seats sockets in workshop rooms and pushes room views to them.

A screen's page handler calls :meth:`RoomHub.join` with the socket id of the
event (``router.session.session_id``); the hub enters that socket into the
socket.io room ``ws:CODE`` and sends it the current snapshot, read from the
database. A handler that changed the database calls :meth:`RoomHub.changed`;
the hub coalesces such calls and emits the touched parts of the room view
once to the whole room, as Reflex's own update message for the room-view
state, which the browser applies like any other state update.

Reflex 0.10.1 internals relied on (``tests/live/test_reflex_internals.py``
fails loudly if they move): ``App.sio``, ``App.event_namespace.namespace``,
the ``"event"`` message with ``{"delta": {state: {var + "_rx_state_": …}}}``,
and ``EventNamespace.on_disconnect(sid)``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from typing import Any

from reflex_base.constants.state import FIELD_MARKER

import reflex as rx
from workshop.live.coalescer import RoomCoalescer
from workshop.live.presence import Presence, Seat

logger = logging.getLogger(__name__)

ROOM_PREFIX = "ws:"
EVENT = "event"

# code, parts -> {part: value}; reads the database (runs in a worker thread).
ReadParts = Callable[[str, frozenset[str]], Mapping[str, Any]]


def room_of(code: str) -> str:
    """The socket.io room of a workshop."""
    return f"{ROOM_PREFIX}{code}"


class RoomHub:
    """One per process: presence, coalescing, and the emits."""

    def __init__(self) -> None:
        self.presence = Presence()
        self._coalescer = RoomCoalescer(self._flush)
        self._app: rx.App | None = None
        self._state_name = ""
        self._read: ReadParts | None = None
        self.emits = 0  # for tests and the benchmark

    def bind(self, app: rx.App, room_view: type[rx.State], read: ReadParts) -> None:
        """Attach to the app; hooks socket disconnects at app start-up."""
        self._app = app
        self._state_name = room_view.get_full_name()
        self._read = read
        app.register_lifespan_task(self._hook_disconnect)

    async def _hook_disconnect(self) -> None:
        namespace = self._namespace_handler()
        reflex_on_disconnect = namespace.on_disconnect

        def on_disconnect(sid: str) -> Any:
            result = reflex_on_disconnect(sid)
            if (code := self._code_of(self.presence.leave(sid))) is not None:
                self._coalescer.touch(code, {"presence"})
            return result

        namespace.on_disconnect = on_disconnect  # type: ignore[method-assign]

    @staticmethod
    def _code_of(room: str | None) -> str | None:
        return room.removeprefix(ROOM_PREFIX) if room else None

    def _namespace_handler(self) -> Any:
        if self._app is None or self._app.event_namespace is None or self._app.sio is None:
            raise RuntimeError("RoomHub is not bound to a running Reflex app")
        return self._app.event_namespace

    async def join(self, sid: str, code: str, seat_role: str | None = None,
                   participant_id: int | None = None) -> None:
        """Seat socket ``sid`` in the room of ``code`` and send it the whole room view."""
        namespace = self._namespace_handler()
        room = room_of(code)
        await self._app.sio.enter_room(sid, room, namespace=namespace.namespace)  # type: ignore[union-attr]
        self.presence.enter(sid, Seat(room, participant_id, seat_role))
        parts = frozenset(self.parts())
        payload = await self._payload(code, parts)
        await self._app.sio.emit(EVENT, payload, to=sid, namespace=namespace.namespace)  # type: ignore[union-attr]
        self.emits += 1
        if participant_id is not None:
            self._coalescer.touch(code, {"presence"})

    def changed(self, code: str, *parts: str) -> None:
        """Tell every screen of ``code`` that these parts of the room view changed."""
        self._coalescer.touch(code, parts)

    @staticmethod
    def parts() -> tuple[str, ...]:
        return ("room", "presence")

    async def _payload(self, code: str, parts: frozenset[str]) -> dict[str, Any]:
        assert self._read is not None
        values: dict[str, Any] = {}
        stored = parts - {"presence"}
        if stored:
            values.update(await asyncio.to_thread(self._read, code, frozenset(stored)))
        if "presence" in parts:
            counts = self.presence.counts(room_of(code))
            values["presence"] = {"total": sum(counts.values()), "by_role": counts}
        return {
            "delta": {self._state_name: {name + FIELD_MARKER: value for name, value in values.items()}},
            "events": [],
        }

    async def _flush(self, code: str, parts: frozenset[str]) -> None:
        namespace = self._namespace_handler()
        payload = await self._payload(code, parts)
        await self._app.sio.emit(  # type: ignore[union-attr]
            EVENT, payload, room=room_of(code), namespace=namespace.namespace
        )
        self.emits += 1


hub = RoomHub()

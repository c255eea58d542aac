"""The room hub: seats sockets in workshop rooms and pushes room views to them.

A screen's page handler calls :meth:`RoomHub.join` with the socket id of the
event (``router.session.session_id``); the hub enters that socket into the
socket.io rooms of the workshop and sends it the current snapshot, read from
the database. A handler that changed the database calls
:meth:`RoomHub.changed`; the hub coalesces such calls and emits each touched
part of the room view once, to the sockets that show it, as Reflex's own
update message for the room-view state, which the browser applies like any
other state update.

Three audiences per workshop: ``ws:CODE`` holds every screen (phones, the
facilitator's, the big screen); ``ws:CODE:hosts`` the facilitator's and the
big screen; ``ws:CODE:facilitator`` the facilitator's alone. A part goes to
the audience that displays it: a head-count change during a burst of 500
joins costs one small emit to each of the two instead of 500, and ideas that are
hidden (moderated, or not yet revealed) reach only the facilitator; the hosts get
how many wait to be shown (``waiting``, a count per kind that follows the wall).

Who is here goes out twice: ``presence``, exact by role, to the facilitator (who runs
the room), and ``headcount``, folded with the workshop's K (workshop.domain.small_groups,
the total exact), to the hosts, so the big screen never shows a role of fewer than K
people apart. K never changes after creation: it is read once per workshop, from the
room part, and kept until the hub forgets the workshop.

A screen opened with a key (the facilitator's, the big screen's) is filed under
it, in the key's room ``ws:CODE:key:LABEL`` (:func:`key_room`), which nothing is
emitted to: when the key is replaced, :meth:`RoomHub.revoke` closes that room,
and each of its sockets leaves every room of the workshop, told that its link
was replaced. The page files its socket before it proves the key, and
:meth:`RoomHub.join` seats it only while it is still filed, so a replacement that
comes while the page opens finds it too.

Emits to many sockets are coalesced harder as they grow: after a flush the
room rests for ``sockets × SOCKET_SEND_S / FLUSH_SHARE`` plus, for the large
parts, ``bytes × sockets / OUTPUT_BYTES_PER_S`` (at least the coalescer's
~30 ms), so a burst reaches 1,000 phones a few times a second, not thirty.
The wall travels in shards (workshop.domain.wall): a flush sends only the
shards that changed.

Several workers (``REFLEX_REDIS_URL``): :mod:`workshop.live.shared` carries
what the workers share. A flush bumps the touched parts' versions, reads and
publishes under the room's Redis lock, through Redis's one ordered channel; the
cache serves a part only at the version Redis holds; the head-count is taken
over every live worker's seats. Without Redis all of it stays in this process.

Reflex 0.10.1 internals relied on (``tests/live/test_reflex_internals.py``
fails loudly if they move): ``App.sio``, ``App.event_namespace.namespace``,
the ``"event"`` message with ``{"delta": {state: {var + "_rx_state_": …}}}``,
``EventNamespace.on_disconnect(sid)`` and hydration through ``State.dict()``.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import time
from collections.abc import Callable, Mapping
from typing import Any

from reflex_base.constants.state import FIELD_MARKER
from reflex_base.utils.format import json_dumps

import reflex as rx
from workshop.domain import small_groups
from workshop.domain.tokens import secret_label
from workshop.domain.vocabulary import Role
from workshop.live.coalescer import FLUSH_SHARE, RoomCoalescer
from workshop.live.presence import Presence, Seat
from workshop.live.shared import SharedRooms
from workshop.live.socket_server import GuardedServer
from workshop.live.tab_states import TabStates
from workshop.settings import settings
from workshop.store.db import run_blocking
from workshop.store.room_snapshot import Shards

logger = logging.getLogger(__name__)

EVENT = "event"
EVERYONE, HOSTS, FACILITATOR = "everyone", "hosts", "facilitator"
AUDIENCES = (EVERYONE, HOSTS, FACILITATOR)
# Which screens show which part of the room view. Every part but the head-counts
# (who is connected: this process, or every worker's seats) is read from the database.
PART_AUDIENCE: dict[str, str] = {
    "room": EVERYONE,
    "prompts": EVERYONE,
    "wall": EVERYONE,
    "hidden_ids": EVERYONE,
    "board": EVERYONE,
    "ballot": EVERYONE,
    "tally": EVERYONE,
    "briefs": EVERYONE,
    # Exact by role, for the facilitator; folded (no role of fewer than K apart) for the big screen.
    "presence": FACILITATOR,
    "headcount": HOSTS,
    # How many ideas wait to be shown, by kind (a count, no text): the big screen says so.
    "waiting": HOSTS,
    "all_prompts": FACILITATOR,
    "rounds": FACILITATOR,
    "suggestions": FACILITATOR,
    "ideas": FACILITATOR,
}
# Both change whenever someone comes or goes.
HEAD_COUNTS = frozenset({"presence", "headcount"})
# A part that changes with another: whatever changes the wall (an idea written, edited,
# deleted, hidden; a kind shown or hidden again) may change how many ideas wait to be shown.
FOLLOWERS: dict[str, tuple[str, ...]] = {"wall": ("waiting",)}
STORED_PARTS = frozenset(PART_AUDIENCE) - HEAD_COUNTS
ROLE_ORDER = tuple(role.value for role in Role)
OUTPUT_BYTES_PER_S = 20_000_000
# What sending one message costs per socket after the emit has queued it (each socket's
# writer task encodes and writes it): the emit itself no longer shows it
# (socket_server.SequentialManager queues 1,000 sockets in ~5 ms), so the room rests
# for it as the coalescer would for a flush that took it (FLUSH_SHARE): at 1,000 phones
# a burst's flushes come at most every ~100 ms, as when python-socketio's task per
# socket made the emit itself take ~25 ms (benchmarks/emit.py).
SOCKET_SEND_S = 25e-6
# K when a workshop's own is unknown: large enough that every group is folded.
UNKNOWN_GROUP_SIZE = 1 << 30

# code, parts -> {part: value}; reads the database (see store.db.run_blocking).
ReadParts = Callable[[str, frozenset[str]], Mapping[str, Any]]


def room_of(code: str, audience: str = EVERYONE) -> str:
    """The socket.io room of a workshop's audience."""
    return f"ws:{code}" if audience == EVERYONE else f"ws:{code}:{audience}"


KEY_ROOM = ":key:"


def key_room(code: str, key: str) -> str:
    """The socket.io room of the screens that opened workshop ``code`` with ``key`` (named
    by a label of the key, never the key)."""
    return f"ws:{code}{KEY_ROOM}{secret_label(key)}"


def code_of_key_room(room: str) -> str | None:
    """The workshop of a :func:`key_room`; None for any other room."""
    head, found, _ = room.partition(KEY_ROOM)
    return head.removeprefix("ws:") if found and head.startswith("ws:") else None


class RoomHub:
    """One per process: presence, coalescing, and the emits."""

    def __init__(self) -> None:
        self.presence = Presence()
        self._coalescer = RoomCoalescer(self._flush)
        self._app: rx.App | None = None
        self._state_name = ""
        self._read: ReadParts | None = None
        # Stored parts as last read, per room, so that a burst of joins reads
        # the database once, not once per phone. With several workers each
        # entry carries the part's version in Redis as it was read.
        self._cache: dict[str, dict[str, Any]] = {}
        self._versions: dict[str, dict[str, str]] = {}
        self._changes: dict[str, int] = {}
        self.cache_reads = True
        # Per room, what the room was last sent of each sharded part (var -> value), so
        # that a flush sends only the shards that differ (workshop.domain.wall) and a
        # screen that joins gets what the others hold. Only without Redis (self.shared):
        # with several workers another worker's emits would not show here, so what the
        # room holds is kept by digest in Redis (SharedRooms.sent) and a join reads the
        # database.
        self._sent: dict[str, dict[str, Any]] = {}
        # K (workshop.min_group_size) per room: set at creation, never changed.
        self._group_sizes: dict[str, int] = {}
        self.shared: SharedRooms | None = None

    def bind(self, app: rx.App, room_view: type[rx.State], read: ReadParts) -> None:
        """Attach to the app; hooks socket disconnects at app start-up."""
        self._app = app
        self._state_name = room_view.get_full_name()
        self._read = read
        if url := os.environ.get("REFLEX_REDIS_URL"):
            self.shared = SharedRooms(url)
            app.register_lifespan_task(self._heartbeat)
            app.register_lifespan_task(self._listen_removals)
        app.register_lifespan_task(self._hook_disconnect)

    async def _listen_removals(self) -> None:
        """Take this worker's phones of a removed participant out of the room, whichever
        worker handled the removal."""
        assert self.shared is not None
        while True:
            try:
                await self.shared.removals(self._removed)
            except Exception:  # Redis away: listen again
                logger.exception("listening for removals failed")
                await asyncio.sleep(settings().presence_heartbeat_seconds)

    async def _heartbeat(self) -> None:
        """Renew this worker's seats; re-count a room whose other worker's seats expired."""
        assert self.shared is not None
        try:
            while True:
                try:
                    await self.shared.beat()
                    for room in await self.shared.heartbeat(self.presence.rooms()):
                        self._coalescer.touch(room, HEAD_COUNTS)
                except Exception:  # Redis away: the next beat tries again
                    logger.exception("presence heartbeat failed")
                await asyncio.sleep(settings().presence_heartbeat_seconds)
        finally:
            await self.shared.close()

    async def _hook_disconnect(self) -> None:
        namespace = self._namespace()
        self._app.sio.manager.before_close = self._closing  # type: ignore[union-attr]
        reflex_on_disconnect = namespace.on_disconnect

        tab_states = TabStates(self._app)
        if isinstance(self._app.sio, GuardedServer):
            self._app.sio.tab_states = tab_states

        def on_disconnect(sid: str) -> Any:
            token = namespace.sid_to_token.get(sid)
            result = reflex_on_disconnect(sid)
            tab_states.closed(token)
            if (room := self.presence.leave(sid)) is not None:
                self._coalescer.touch(room, HEAD_COUNTS)
                if not self.presence.seats(room):
                    self._forget(room)
            return result

        namespace.on_disconnect = on_disconnect  # type: ignore[method-assign]

    def _namespace(self) -> Any:
        if self._app is None or self._app.event_namespace is None or self._app.sio is None:
            raise RuntimeError("RoomHub is not bound to a running Reflex app")
        return self._app.event_namespace

    async def join(
        self,
        sid: str,
        code: str,
        *,
        audiences: tuple[str, ...] = (EVERYONE,),
        participant_id: int | None = None,
        role: str | None = None,
        key: str | None = None,
    ) -> None:
        """Seat socket ``sid`` in the workshop ``code`` and send it the room view it shows.
        A screen opened with ``key`` was filed under it (:meth:`file_under_key`) before the
        key was proved; it is seated only while still filed (the key not replaced since)."""
        namespace = self._namespace()
        sio = self._app.sio  # type: ignore[union-attr]
        for audience in audiences:
            await sio.enter_room(sid, room_of(code, audience), namespace=namespace.namespace)
        if key is not None and not self._filed(sid, code, key):
            await self.replaced(sid, code)
            return
        self.presence.enter(sid, Seat(code, participant_id, role))
        parts = frozenset(part for part, audience in PART_AUDIENCE.items() if audience in audiences)
        values = await self._values(code, parts)
        # What the room was last sent, if known, rather than a newer read: a flush that
        # sends the difference to the room (this socket included) may still be on its way.
        for part, sent in (self._sent.get(code, {}) if self.shared is None else {}).items():
            if part in values:
                values[part] = sent
        payload = self._message(values)
        # A tab that showed a deleted workshop (or a removal) and moved on shows this one afresh.
        payload["delta"][self._state_name]["ended" + FIELD_MARKER] = ""
        if key is not None and not self._filed(sid, code, key):
            return  # replaced while the snapshot was read: told so, and sent nothing of it
        # The socket is on this worker: nothing to tell the others.
        await sio.emit(EVENT, payload, to=sid, namespace=namespace.namespace, ignore_queue=True)
        if participant_id is not None:
            self._coalescer.touch(code, HEAD_COUNTS)

    async def end(self, code: str, ended: str, participant_id: int | None = None) -> None:
        """Tell screens that their place is gone, then take them out of the room.

        ``ended`` goes to the room view's ``ended`` var: "deleted" to every screen of a
        deleted workshop (through the room, so with Redis every worker's sockets hear
        it), "removed" to the phones of the removed ``participant_id`` (with Redis, each
        worker takes out its own). Call it after the commit, like :meth:`changed`."""
        if participant_id is not None and self.shared is not None:
            await self.shared.remove(code, participant_id)
            return
        await self._end(code, ended, participant_id)

    async def _removed(self, code: str, participant_id: int) -> None:
        await self._end(code, "removed", participant_id)

    async def _end(self, code: str, ended: str, participant_id: int | None) -> None:
        namespace = self._namespace().namespace
        sio = self._app.sio  # type: ignore[union-attr]
        message = {"delta": {self._state_name: {"ended" + FIELD_MARKER: ended}}, "events": []}
        sids = self.presence.sids(code, participant_id)
        if participant_id is None:
            # Through the server's manager, not the ordered channel (:meth:`_emit`): it
            # reaches this worker's screens before close_room empties the room here, and
            # the other workers' before the close_room it publishes next.
            await sio.emit(EVENT, message, room=room_of(code), namespace=namespace)
            for audience in AUDIENCES:
                await sio.close_room(room_of(code, audience), namespace=namespace)
            self._forget(code)
            if self.shared is not None:
                await self.shared.forget(code)
        else:
            for sid in sids:
                await sio.emit(EVENT, message, to=sid, namespace=namespace, ignore_queue=True)
                for audience in AUDIENCES:
                    await sio.leave_room(sid, room_of(code, audience), namespace=namespace)
            self._coalescer.touch(code, HEAD_COUNTS)
        for sid in sids:
            self.presence.leave(sid)

    def leave(self, sid: str) -> None:
        """This socket no longer shows a workshop (its browser forgot it); the head-count follows."""
        if (room := self.presence.leave(sid)) is not None:
            self._coalescer.touch(room, HEAD_COUNTS)

    async def revoke(self, code: str, keys: tuple[str, ...], keep: str | None = None,
                     kept_key: str | None = None) -> None:
        """The screens of workshop ``code`` opened with any of ``keys`` (just replaced) leave
        every room of the workshop, on every worker, and are told that their link was
        replaced. ``keep``, the calling tab's socket (on this worker), stays, filed under
        its new key ``kept_key``. Call it after the commit.

        With several workers each key's room is closed through the ordered channel
        (:meth:`SharedRooms.close_room`): every worker takes its sockets out between the
        room emits published before and after, so nothing published after the revocation
        reaches them."""
        namespace = self._namespace().namespace
        sio = self._app.sio  # type: ignore[union-attr]
        if keep is not None and kept_key is not None:
            await self.file_under_key(keep, code, kept_key)
        for key in keys:
            if self.shared is not None:
                await self.shared.close_room(key_room(code, key), namespace)
            else:
                await sio.close_room(key_room(code, key), namespace=namespace)

    async def file_under_key(self, sid: str, code: str, key: str) -> None:
        """File socket ``sid`` (on this worker) under ``key`` of workshop ``code``, before the
        key is proved: a replacement of the key from now on finds it. It leaves any other key
        of ``code`` it was filed under (one tab, one key)."""
        namespace = self._namespace().namespace
        sio = self._app.sio  # type: ignore[union-attr]
        room = key_room(code, key)
        for name in self._key_rooms(sid, code) - {room}:
            await sio.leave_room(sid, name, namespace=namespace)
        await sio.enter_room(sid, room, namespace=namespace)

    def _key_rooms(self, sid: str, code: str) -> set[str]:
        rooms = self._app.sio.rooms(sid, namespace=self._namespace().namespace)  # type: ignore[union-attr]
        return {name for name in rooms if code_of_key_room(name) == code}

    def _filed(self, sid: str, code: str, key: str) -> bool:
        return key_room(code, key) in self._key_rooms(sid, code)

    async def _closing(self, room: str, namespace: str, sids: list[str]) -> None:
        """The manager closes ``room`` on this worker: a key's room takes its sockets out."""
        if (code := code_of_key_room(room)) is not None:
            for sid in sids:
                await self.replaced(sid, code)

    async def replaced(self, sid: str, code: str) -> None:
        """Socket ``sid`` (on this worker) was opened with a key of ``code`` that was replaced:
        it is told so and leaves every room of the workshop."""
        namespace = self._namespace().namespace
        sio = self._app.sio  # type: ignore[union-attr]
        message = {"delta": {self._state_name: {"ended" + FIELD_MARKER: "replaced"}}, "events": []}
        await sio.emit(EVENT, message, to=sid, namespace=namespace, ignore_queue=True)
        await self.leave_workshop(sid, code)

    async def leave_workshop(self, sid: str, code: str) -> None:
        """Socket ``sid`` (on this worker) shows workshop ``code`` no more: it leaves every
        room of it (its audiences, the key it was filed under) and its seat."""
        namespace = self._namespace().namespace
        sio = self._app.sio  # type: ignore[union-attr]
        for name in sio.rooms(sid, namespace=namespace):
            if name == room_of(code) or name.startswith(room_of(code) + ":"):
                await sio.leave_room(sid, name, namespace=namespace)
        if sid in self.presence.sids(code):
            self.presence.leave(sid)
            self._coalescer.touch(code, HEAD_COUNTS)
            if not self.presence.seats(code):
                self._forget(code)

    def changed(self, code: str, *parts: str) -> None:
        """Tell the screens of ``code`` that these parts of the room view changed."""
        self._changes[code] = self._changes.get(code, 0) + 1
        parts = (*parts, *(follower for part in parts for follower in FOLLOWERS.get(part, ())))
        cached = self._cache.get(code, {})
        for part in parts:
            cached.pop(part, None)
        self._coalescer.touch(code, parts)

    async def _stored(self, code: str, wanted: frozenset[str]) -> dict[str, Any]:
        """The stored parts ``wanted``: from the cache where still valid, else from the database.

        With several workers a cached part is valid only at the version Redis holds now;
        the versions are read before the database, so a part read is never filed under a
        version newer than what it holds."""
        cached = self._cache.setdefault(code, {}) if self.cache_reads else {}
        versions = self._versions.setdefault(code, {})
        now = await self.shared.versions(code, wanted) if self.shared is not None else {}
        missing = frozenset(part for part in wanted
                            if part not in cached or versions.get(part, "") != now.get(part, ""))
        values = {part: cached[part] for part in wanted - missing}
        if missing:
            assert self._read is not None
            read, before = self._read, self._changes.get(code, 0)
            fresh = await run_blocking(lambda: read(code, missing))
            values.update(fresh)
            if self.cache_reads and self._changes.get(code, 0) == before:
                cached.update(fresh)
                versions.update({part: now.get(part, "") for part in fresh})
        if "room" in values:  # the countdown needs the server's clock as of now
            values["room"] = values["room"] | {"server_now_ms": int(time.time() * 1000)}
        return values

    def _forget(self, code: str) -> None:
        """Nobody is seated in ``code`` any more (or it ended): drop what was kept for it."""
        self._cache.pop(code, None)
        self._versions.pop(code, None)
        self._sent.pop(code, None)
        self._group_sizes.pop(code, None)

    async def _group_size(self, code: str) -> int:
        """The workshop's K, read once: from the room part as cached (any version will do,
        K never changes; every screen's snapshot holds it), else from the database, without
        filling the cache. Kept only while this process seats someone of the room (a flush
        after the last one left must not bring back what :meth:`_forget` dropped). Unknown
        (the workshop gone): every group is folded."""
        if (known := self._group_sizes.get(code)) is not None:
            return known
        room = self._cache.get(code, {}).get("room")
        if room is None:
            assert self._read is not None
            read = self._read
            room = (await run_blocking(lambda: read(code, frozenset({"room"})))).get("room")
        size = room.get("min_group_size") if isinstance(room, Mapping) else None
        if not isinstance(size, int) or isinstance(size, bool):
            return UNKNOWN_GROUP_SIZE
        if self.presence.seats(code):
            self._group_sizes[code] = size
        return size

    async def _values(self, code: str, parts: frozenset[str]) -> dict[str, Any]:
        """The current value of each part (a :class:`Shards` part as several vars)."""
        values: dict[str, Any] = {}
        wanted = parts & STORED_PARTS
        if wanted:
            values.update(await self._stored(code, wanted))
        if parts & HEAD_COUNTS:
            if self.shared is not None:
                await self.shared.write_seats(code, self.presence.people(code))
                counts = await self.shared.counts(code)
            else:
                counts = self.presence.counts(code)
            total = sum(counts.values())
            if "presence" in parts:
                values["presence"] = {"total": total, "by_role": counts}
            if "headcount" in parts:
                # Nobody here: no row, whatever K is (and no read once the room emptied).
                rows = small_groups.head_count(counts, ROLE_ORDER, await self._group_size(code)) if counts else []
                values["headcount"] = {"total": total, "rows": [
                    {"role": row.group, "people": row.people, "members": list(row.members)} for row in rows]}
        return values

    def _message(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Reflex's update message setting these parts (a sharded part's vars each)."""
        delta: dict[str, Any] = {}
        for part, value in values.items():
            for var, var_value in (value.items() if isinstance(value, Shards) else ((part, value),)):
                delta[var + FIELD_MARKER] = var_value
        return {"delta": {self._state_name: delta}, "events": []}

    async def _unsent(self, code: str, values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
        """``values`` with each sharded part cut to the vars the room does not hold yet, and
        (several workers) the digests to mark as sent once published."""
        if self.shared is not None:
            return await self._unsent_shared(code, values)
        return self._unsent_here(code, values), {}

    async def _unsent_shared(self, code: str, values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
        """Several workers: what the room holds is known by digest in Redis (the flushing
        worker holds the room's lock), since another worker may have sent the last flush."""
        assert self.shared is not None
        sharded = {part: value for part, value in values.items() if isinstance(value, Shards)}
        if not sharded:
            return values, {}
        digests = {var: _digest(v) for value in sharded.values() for var, v in value.items()}
        held = await self.shared.sent(code, sorted(digests))
        fresh = dict(values)
        for part, value in sharded.items():
            fresh[part] = Shards({var: v for var, v in value.items() if held.get(var) != digests[var]})
        return fresh, {var: d for var, d in digests.items() if held.get(var) != d}

    def _unsent_here(self, code: str, values: dict[str, Any]) -> dict[str, Any]:
        sent = self._sent.setdefault(code, {})
        fresh = dict(values)
        for part, value in values.items():
            if isinstance(value, Shards):
                before = sent.get(part, {})
                fresh[part] = Shards({var: v for var, v in value.items() if before.get(var) != v})
                sent[part] = value
        return fresh

    async def _emit(self, message: Any, room: str) -> None:
        """Emit to a room: on every worker in publish order with Redis, else in this process."""
        namespace = self._namespace().namespace
        if self.shared is not None:
            await self.shared.publish(EVENT, message, room, namespace)
        else:
            await self._app.sio.emit(EVENT, message, room=room, namespace=namespace)  # type: ignore[union-attr]

    async def _flush(self, code: str, parts: frozenset[str]) -> float:
        """Emit the parts to their audiences; returns how long the room should rest.

        With several workers: under the room's lock, so that the last message any worker
        publishes for a part carries its latest value; a changed part's version is bumped
        first, so that no worker serves it from its cache any more."""
        if self.shared is None:
            return await self._emit_parts(code, parts)
        async with self.shared.lock(code):
            await self.shared.bump(code, parts & STORED_PARTS)
            return await self._emit_parts(code, parts)

    async def _emit_parts(self, code: str, parts: frozenset[str]) -> float:
        values, digests = await self._unsent(code, await self._values(code, parts))
        cost = 0.0
        for audience in AUDIENCES:
            mine = {part: value for part, value in values.items()
                    if PART_AUDIENCE.get(part) == audience
                    and not (isinstance(value, Shards) and not value)}
            if not mine:
                continue
            message = self._message(mine)
            await self._emit(message, room_of(code, audience))
            if audience == EVERYONE:
                seats = self.presence.seats(code)
                cost += seats * SOCKET_SEND_S / FLUSH_SHARE
                if parts & {"wall", "board", "ballot"}:
                    cost += len(json_dumps(message)) * seats / OUTPUT_BYTES_PER_S
        if digests and self.shared is not None:  # published: the next flush, on any worker, knows
            await self.shared.mark_sent(code, digests)
        return cost


def _digest(value: Any) -> str:
    """A short digest of a var's value as it travels."""
    return hashlib.blake2b(json_dumps(value).encode(), digest_size=12).hexdigest()


hub = RoomHub()

"""The socket.io server Reflex runs on, built by us so that rooms can span workers.

Options mirror what Reflex 0.10.1 builds for itself (``App._setup_state``):
ASGI, one transport, no upgrades, inline handlers, Reflex's JSON. With
``REFLEX_REDIS_URL`` set, python-socketio's Redis manager carries room emits
to every worker, so the same broadcast code runs on one process or many.

Why :class:`WorkerRedisManager` and not ``AsyncRedisManager`` itself: Reflex
in prod imports the app in granian's supervisor and then *forks* the workers
(``reflex/utils/exec.py``, ``_preload_for_fork``). python-socketio draws the
manager's ``host_id`` in ``__init__``, so every worker inherited the same id,
and each worker's listener drops every message carrying its own id as "mine,
already delivered": a room emit reached only the sockets of the worker that
made it, about half the room with 2 workers. The id is now drawn again in
``initialize()``, which runs in the worker on its first connection.

:class:`GuardedServer` adds the socket-level limits, before Reflex sees anything:

- at most ``sockets_per_address`` open sockets per client address (a refused
  connection gets HTTP 401 and nothing else happens);
- at most ``events_per_socket`` events per socket (a moving window, so a burst
  of taps is fine); events over it are dropped;
- an event must name a handler the app has (not Reflex's ``setvar``, which the pages
  never send) with arguments that fit it: every argument it requires, none it does
  not take; otherwise it is dropped before Reflex runs anything, with one capped log
  line. Log lines a socket can cause (those, ``handle_frontend_exception``,
  ``client_error``, and Reflex's warning about an argument it cannot convert) are at
  most ``client_log_lines`` per socket;
- an event's router data is a page address (path, address, query) of at most
  ``address_chars``, or the event is dropped: Reflex keeps every key of it in the tab;
- browser-kept values (``hydrate_and_load`` and ``update_vars_internal`` carry them) are
  taken only for vars that are kept in the browser, only as text of at most
  ``browser_value_chars``; anything else is left out, so the var keeps its default;
- the hydrate event the frontend puts into socket.io's CONNECT packet (Reflex runs it
  without an event packet) passes the same checks, or the connection is refused;
- a socket is accepted only from the app's own origin (or ``cors_origins``);
- while the worker holds ``tab_states_per_worker`` tab states (``live/tab_states.py``), a
  socket that would need a new one is refused: many addresses together stay bounded too.

The client address is the connection's own unless it comes from one of
``trusted_proxies``, whose ``X-Forwarded-For`` is then believed (see
:func:`client_address`). With several workers (``REFLEX_REDIS_URL``) the open
sockets of an address are counted over all of them in Redis (``live/shared.py``),
so that N workers do not allow N times the limit; the per-socket event counters
live in this process (a socket lives in one worker).
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import ipaddress
import json
import logging
import os
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qs, urlsplit

from reflex_base.utils.format import json_dumps
from engineio import packet as eio_packet
from socketio import AsyncManager, AsyncRedisManager, AsyncServer, packet

import reflex as rx
from reflex.environment import environment
from reflex.state import State, UpdateVarsInternalState
from reflex_base.constants.compiler import CompileVars
from reflex_base.constants.state import FIELD_MARKER
from reflex_base.event.processor.base_state_processor import _transform_event_payload
from reflex_base.registry import RegisteredEventHandler, RegistrationContext

from workshop.live.client_log import one_line
from workshop.live.ratelimit import Limiter, limiter
from workshop.live.redis_watch import redis_watch
from workshop.live.tab_states import TabStates
from workshop.settings import listed, settings

logger = logging.getLogger(__name__)
EVENT_NAMESPACE = "/_event"
# Socket events that end up as lines in the server log.
LOG_EVENTS = frozenset({"client_error"})
LOG_HANDLER = ".handle_frontend_exception"
NAME_MAX = 200
# The longest connect query (``EIO=4&transport=websocket&token=…``) and client token read.
QUERY_CHARS, TOKEN_CHARS = 2048, 200
# A disconnect waits at most this long to give its socket back in Redis (several workers).
GIVE_BACK_S = 0.5


def _loads(data: str | bytes, **kwargs: Any) -> Any:
    return json.loads(data, **kwargs)


def address_of(peer: object, forwarded_for: object) -> str:
    """Who is connecting: the peer address, or, when the peer is a trusted proxy, the
    nearest address in ``X-Forwarded-For`` that is not one of the trusted proxies.

    Handlers counting per address use the same rule with the headers Reflex keeps:
    ``address_of(headers["asgi-scope-client"], headers.get("x-forwarded-for"))``
    (Reflex's own ``client_ip`` follows ``trusted_proxy_hops`` instead)."""
    address = str(peer or "unknown")
    trusted = set(listed(settings().trusted_proxies))
    if address in trusted:
        for hop in reversed(str(forwarded_for or "").split(",")):
            if hop.strip() and hop.strip() not in trusted:
                return network_of(hop.strip()[:64])
    return network_of(address)


def network_of(address: str) -> str:
    """What a limit counts an address under: an IPv6 address as its /64, which one home or
    phone connection gets whole (2^64 addresses, a new one per request if it likes), an
    IPv4-mapped one as its IPv4 address, anything else (IPv4, "unknown") as it is."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed)


def client_address(environ: dict[str, Any]) -> str:
    """:func:`address_of` a socket's connection (its WSGI-style environ)."""
    return address_of(environ.get("REMOTE_ADDR"), environ.get("HTTP_X_FORWARDED_FOR"))


def client_token(environ: dict[str, Any]) -> str | None:
    """The client token a socket presents (``?token=`` of its connect address, the first
    one, as Reflex takes it), or None: none, or a query or token longer than read."""
    query = environ.get("QUERY_STRING")
    if not isinstance(query, str) or len(query) > QUERY_CHARS:
        return None
    tokens = parse_qs(query).get("token", [])
    return tokens[0] if tokens and len(tokens[0]) <= TOKEN_CHARS else None


def own_origin(origin: str | None, environ: dict[str, Any]) -> bool:
    """Whether a socket's ``Origin`` is the app's own (its host is the one asked for) or listed."""
    if not origin:
        return True  # not a browser page: nothing to borrow credentials from
    if origin in listed(settings().cors_origins):
        return True
    hosts = {environ.get("HTTP_HOST")}
    if str(environ.get("REMOTE_ADDR")) in listed(settings().trusted_proxies):
        hosts.add(environ.get("HTTP_X_FORWARDED_HOST"))
    return urlsplit(origin).netloc in hosts - {None}


def _shared_rooms() -> Any:
    """The hub's Redis side when several workers share the rooms, else None."""
    from workshop.live.hub import hub  # the hub imports this module

    return hub.shared


# Reflex gives every state ``setvar(var_name, value)``, which calls ``set_<var_name>``; the
# app's pages never send it (a page calls its handlers by name).
REFUSED_HANDLERS = frozenset({"setvar"})
# The events that carry browser-kept values (``vars``: full var name -> the browser's text).
BROWSER_VALUE_HANDLERS = (State.hydrate_and_load.fn, UpdateVarsInternalState.update_vars_internal.fn)
# ``hydrate_and_load``'s ``hashes``: one digest per state (and one of their names).
HASHES_MAX, HASH_CHARS = 1000, 64
# What the frontend puts into an event's router data (``withRouterData`` in Reflex's
# state.js): the page's path, its address with the query, and the query's parameters.
ROUTER_KEYS = frozenset({"pathname", "asPath", "query"})


def _handler(name: str) -> RegisteredEventHandler | None:
    """The handler an event names, or None when the app has none by that name."""
    try:
        registered = RegistrationContext.get().event_handlers.get(name)
    except LookupError:  # no app registered in this context
        return None
    if registered is None or name.rpartition(".")[2] in REFUSED_HANDLERS:
        return None
    return registered


@functools.cache
def _arguments(fn: Callable[..., Any], bound: bool) -> tuple[frozenset[str], frozenset[str] | None]:
    """The arguments a handler requires, and those it takes (None: any); ``bound``: the
    first parameter is the state (``self``), which no event passes."""
    parameters = list(inspect.signature(fn).parameters.values())[1 if bound else 0:]
    named = [p for p in parameters if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    # A positional-only parameter cannot be passed by name: it counts as required.
    required = frozenset(p.name for p in parameters
                         if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD))
    takes = None if any(p.kind is p.VAR_KEYWORD for p in parameters) else frozenset(p.name for p in named)
    return required, takes


def fits(registered: RegisteredEventHandler, payload: dict[str, Any]) -> bool:
    """Whether ``payload`` names every argument the handler requires and none it does not take."""
    required, takes = _arguments(registered.handler.fn, bool(registered.states))
    return required <= payload.keys() and (takes is None or payload.keys() <= takes)


def converts(registered: RegisteredEventHandler, payload: dict[str, Any]) -> bool:
    """Whether Reflex converts ``payload`` to the handler's annotations without the warning
    it logs otherwise (the handler then gets the values as sent, and refuses them)."""
    hints = registered.handler._type_hints
    if hints is None:  # not resolved at registration: Reflex tries again, so do not guess
        return True
    try:
        _transform_event_payload(payload, hints)
    except Exception:
        return False
    return True


def page_address(router_data: object) -> bool:
    """Whether an event's router data is a page address as the frontend sends it, of at
    most ``address_chars``. Reflex keeps every key of it in the tab's state (merged with
    the previous ones), and a query that is not a dict raised in Reflex."""
    if not isinstance(router_data, dict) or not router_data.keys() <= ROUTER_KEYS:
        return False
    query = router_data.get("query", {})
    if not isinstance(query, dict):
        return False
    texts = [router_data.get("pathname", ""), router_data.get("asPath", ""), *query, *query.values()]
    return all(isinstance(text, str) for text in texts) and sum(map(len, texts)) <= settings().address_chars


def _browser_kept() -> frozenset[str]:
    """Full names (as the frontend sends them) of every var kept in the browser."""
    return _browser_kept_of(len(RegistrationContext.get().base_states))


@functools.lru_cache(maxsize=4)
def _browser_kept_of(_states: int) -> frozenset[str]:
    """:func:`_browser_kept`, found again only when more states were registered."""
    return frozenset(f"{cls.get_full_name()}.{name}{FIELD_MARKER}"
                     for cls in list(RegistrationContext.get().base_states.values())
                     for name in cls.base_vars if cls._is_client_storage(name))


def browser_values(payload: dict[str, Any]) -> dict[str, Any]:
    """``payload`` of an event that carries browser-kept values, with only the values the
    server takes: a browser-kept var's text of at most ``browser_value_chars`` (a longer
    one is left out, so the var keeps its default: empty). ``hashes`` that are not short
    texts are left out too (the whole state is sent)."""
    cap = settings().browser_value_chars
    taken = dict(payload)
    given = payload.get("vars")
    if given is not None:
        kept = _browser_kept()
        taken["vars"] = {name: value for name, value in given.items()
                         if name in kept and isinstance(value, str) and len(value) <= cap
                         } if isinstance(given, dict) else {}
    hashes = payload.get("hashes")
    if hashes is not None and not (isinstance(hashes, list) and len(hashes) <= HASHES_MAX and all(
            isinstance(digest, str) and len(digest) <= HASH_CHARS for digest in hashes)):
        del taken["hashes"]
    return taken


class GuardedServer(AsyncServer):
    """Reflex's socket server with limits per client address and per socket."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.open_sockets: Counter[str] = Counter()
        self._address_of: dict[str, str] = {}
        # Per socket, so in this process's memory whatever the limiter storage elsewhere.
        self._per_socket = Limiter()
        self._warned: set[str] = set()
        # This worker's sockets that are also counted in Redis.
        self._counted_in_redis: set[str] = set()
        # The app's tab states (set by the room hub at start-up), and whether a refusal
        # for a full worker was logged since it last had room.
        self.tab_states: TabStates | None = None
        self._warned_full = False

    async def _handle_eio_connect(self, eio_sid: str, environ: dict[str, Any]):  # type: ignore[override]
        if redis_watch.refusing:  # Redis is away: the browser retries and says it is reconnecting
            return False
        address = client_address(environ)
        if self.open_sockets[address] >= settings().sockets_per_address:
            if address not in self._warned:
                self._warned.add(address)
                logger.warning("sockets refused: %s has %d open", one_line(address, 64),
                               self.open_sockets[address])
            return False
        if not limiter().test("connections_per_address", address):
            if address not in self._warned:
                self._warned.add(address)
                logger.warning("sockets refused: %s opened %s", one_line(address, 64),
                               settings().connections_per_address)
            return False
        if not self._room_for_tab(environ):
            return False
        if not await self._take_shared(eio_sid, address):
            return False
        limiter().hit("connections_per_address", address)
        self.open_sockets[address] += 1
        self._address_of[eio_sid] = address
        return await super()._handle_eio_connect(eio_sid, environ)

    def _room_for_tab(self, environ: dict[str, Any]) -> bool:
        """Whether the worker has room for the socket's tab state, or holds it already."""
        if self.tab_states is None or not self.tab_states.full():
            self._warned_full = False
            return True
        if self.tab_states.held(client_token(environ)):
            return True
        if not self._warned_full:
            self._warned_full = True
            logger.warning("sockets refused: this worker holds %d tab states", settings().tab_states_per_worker)
        return False

    async def _take_shared(self, eio_sid: str, address: str) -> bool:
        """With several workers, one of the address's sockets over all of them."""
        shared = _shared_rooms()
        if shared is None:
            return True
        try:
            if await shared.open_socket(address, settings().sockets_per_address):
                self._counted_in_redis.add(eio_sid)
                return True
        except Exception:  # Redis away: this worker's own count still holds
            logger.exception("counting open sockets in Redis failed")
            return True
        if address not in self._warned:
            self._warned.add(address)
            logger.warning("sockets refused: %s has all its sockets open over the workers", one_line(address, 64))
        return False

    async def _handle_eio_disconnect(self, eio_sid: str, reason: Any = None):  # type: ignore[override]
        try:
            await super()._handle_eio_disconnect(eio_sid, reason)
        finally:
            address = self._address_of.pop(eio_sid, None)
            if address is not None:
                await self._give_back_shared(eio_sid, address)
                self.open_sockets[address] -= 1
                if self.open_sockets[address] <= 0:
                    del self.open_sockets[address]
                    self._warned.discard(address)
            self._warned.discard(eio_sid)
            for name in ("events_per_socket", "client_log_lines"):
                self._per_socket.clear(name, eio_sid)

    async def _give_back_shared(self, eio_sid: str, address: str) -> None:
        shared = _shared_rooms()
        if shared is None or eio_sid not in self._counted_in_redis:
            return
        self._counted_in_redis.discard(eio_sid)
        if redis_watch.refusing:  # Redis is away: its counts go with it, and nobody waits on it
            return
        try:
            await asyncio.wait_for(shared.close_socket(address), GIVE_BACK_S)
        except Exception:  # Redis away: the count is dropped with this worker's heartbeat
            logger.exception("giving back an open socket in Redis failed")

    async def _handle_event(self, eio_sid: str, namespace: str | None, id: Any, data: Any):  # type: ignore[override]
        if self.admit(eio_sid, data):
            await super()._handle_event(eio_sid, namespace, id, data)

    def admit(self, eio_sid: str, data: Any) -> bool:
        """Whether one event of this socket goes on to Reflex (else it is dropped)."""
        if not self._per_socket.hit("events_per_socket", eio_sid):
            if eio_sid not in self._warned:
                self._warned.add(eio_sid)
                logger.warning("events dropped: socket %s over %s", eio_sid, settings().events_per_socket)
            return False
        if not isinstance(data, list) or not data or not isinstance(data[0], str):
            return False
        if data[0] in LOG_EVENTS:
            return self._per_socket.hit("client_log_lines", eio_sid)
        if data[0] != "event":
            return True
        event = data[1] if len(data) > 1 else None
        return self.admit_event(eio_sid, event)

    def admit_event(self, eio_sid: str, event: Any) -> bool:
        """Whether an event (``{"name", "payload", "router_data"}``) goes on to Reflex; the
        browser-kept values it carries are cut to what the server takes (in place)."""
        name = event.get("name") if isinstance(event, dict) else None
        registered = _handler(name) if isinstance(name, str) and len(name) <= NAME_MAX else None
        if registered is None:
            return self._drop(eio_sid, "unknown handler", repr(name))
        payload = event.get("payload", {})
        if not isinstance(payload, dict) or not page_address(event.get("router_data", {})):
            return self._drop(eio_sid, "malformed event for", name)
        if not fits(registered, payload):
            return self._drop(eio_sid, "arguments that do not fit", name)
        if registered.handler.fn in BROWSER_VALUE_HANDLERS:
            event["payload"] = payload = browser_values(payload)
        if not converts(registered, payload):  # Reflex logs a line: one of the socket's
            return self._per_socket.hit("client_log_lines", eio_sid)
        if name.endswith(LOG_HANDLER):
            return self._per_socket.hit("client_log_lines", eio_sid)
        return True

    def _drop(self, eio_sid: str, why: str, name: str) -> bool:
        """Drop an event, with one capped log line while the socket has log lines left."""
        if self._per_socket.hit("client_log_lines", eio_sid):
            logger.warning("event dropped: socket %s, %s %s", eio_sid, why, one_line(name, NAME_MAX))
        return False

    async def _handle_connect(self, eio_sid: str, namespace: str | None, data: Any):  # type: ignore[override]
        """A CONNECT packet's hydrate event passes :meth:`admit` (Reflex runs it as an event)."""
        if isinstance(data, dict) and CompileVars.CONNECT_AUTH_EVENT in data and not self.admit(
                eio_sid, ["event", data[CompileVars.CONNECT_AUTH_EVENT]]):
            await self._send_packet(eio_sid, self.packet_class(
                packet.CONNECT_ERROR, data="Unable to connect", namespace=namespace or "/"))
            return None
        return await super()._handle_connect(eio_sid, namespace, data)


# What the room hub runs before a room closes: (room, namespace, its sockets on this worker).
BeforeClose = Callable[[str, str, list[str]], Awaitable[None]]


class ClosingHook:
    """Both managers: ``before_close``, when set, runs before a room is closed on this
    worker, with the room's sockets here. With several workers a close published to the
    socket.io channel runs it on every worker in the channel's one order, between the room
    emits published before and after it: the room hub takes the screens of a key that was
    replaced out of their workshop's rooms that way (``RoomHub.revoke``)."""

    before_close: BeforeClose | None = None

    async def _closing(self, room: Any, namespace: Any) -> None:
        if self.before_close is None or not isinstance(room, str):
            return
        sids = [sid for sid, _ in self.get_participants(namespace or "/", room)]  # type: ignore[attr-defined]
        if sids:
            await self.before_close(room, namespace or "/", sids)


class SequentialManager(ClosingHook, AsyncManager):
    """python-socketio's manager for one process, but a room emit puts the encoded packet
    on each socket's send queue in one loop instead of starting a task per socket.

    The queues are unbounded, so nothing waits between sockets; the per-socket writer
    tasks then send as before. At 1,000 phones a room emit started 1,000 tasks and
    waited for them all; this is the server-side half of a phase change's latency.
    Emits with a callback (none here) keep python-socketio's way."""

    async def emit(self, event, data, namespace, room=None, skip_sid=None,  # type: ignore[override]
                   callback=None, to=None, **kwargs):
        if callback is not None or namespace not in self.rooms:
            return await super().emit(event, data, namespace, room=room, skip_sid=skip_sid,
                                      callback=callback, to=to, **kwargs)
        room = to or room
        data = list(data) if isinstance(data, tuple) else [] if data is None else [data]
        skip = skip_sid if isinstance(skip_sid, list) else [skip_sid]
        encoded = self.server.packet_class(packet.EVENT, namespace=namespace, data=[event] + data).encode()
        packets = [eio_packet.Packet(eio_packet.MESSAGE, p)
                   for p in (encoded if isinstance(encoded, list) else [encoded])]
        for sid, eio_sid in list(self.get_participants(namespace, room)):
            if sid not in skip:
                for eio_pkt in packets:
                    await self.server._send_eio_packet(eio_sid, eio_pkt)
        return None

    async def close_room(self, room, namespace):  # type: ignore[override]
        await self._closing(room, namespace)
        return await super().close_room(room, namespace)


class WorkerRedisManager(ClosingHook, AsyncRedisManager):
    """python-socketio's Redis manager with a ``host_id`` of the worker's own (see above)."""

    def initialize(self) -> None:
        self.host_id = uuid.uuid4().hex
        super().initialize()

    async def _handle_close_room(self, message):  # type: ignore[override]
        # A close made here and one heard from the channel both come through here.
        await self._closing(message.get("room"), message.get("namespace"))
        await super()._handle_close_room(message)


def redis_channel() -> str:
    """The socket.io channel of this deployment in Redis (not the shared default "socketio")."""
    return f"{settings().redis_prefix}:socketio"


def socket_json() -> SimpleNamespace:
    """Reflex's JSON, as the socket server and its Redis publishers encode messages."""
    return SimpleNamespace(dumps=staticmethod(json_dumps), loads=staticmethod(_loads))


def make_socket_server() -> AsyncServer:
    """An AsyncServer configured like Reflex's own, plus a Redis manager when configured,
    the limits of :class:`GuardedServer`, and sockets from the app's own origin only."""
    config = rx.config.get_config()
    redis_url = os.environ.get("REFLEX_REDIS_URL")
    return GuardedServer(
        async_mode="asgi",
        client_manager=WorkerRedisManager(redis_url, channel=redis_channel()) if redis_url else SequentialManager(),
        cors_allowed_origins=own_origin,
        cors_credentials=True,
        max_http_buffer_size=environment.REFLEX_SOCKET_MAX_HTTP_BUFFER_SIZE.get(),
        ping_interval=environment.REFLEX_SOCKET_INTERVAL.get().total_seconds(),
        ping_timeout=environment.REFLEX_SOCKET_TIMEOUT.get().total_seconds(),
        json=socket_json(),
        allow_upgrades=False,
        transports=[config.transport],
        async_handlers=False,
    )

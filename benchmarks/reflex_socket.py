"""A browser tab's side of Reflex's socket protocol, in Python (python-socketio + aiohttp).

The benchmark's phones and the authorization tests use it: it connects the
way Reflex 0.10.1's frontend does (token in the query, the hydrate event in
the CONNECT packet, localStorage values in its payload), sends events by
their full handler name with any arguments, and records every update it
receives. It is what any browser could do, which is the point.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import socketio

HYDRATE = "reflex___state____state.hydrate_and_load"
NAMESPACE = "/_event"


@dataclass
class ReflexTab:
    """One tab: its token, the page it shows, and what the server sent it."""

    base_url: str
    path: str
    storage: dict[str, str] = field(default_factory=dict)
    token: str = field(default_factory=lambda: str(uuid.uuid4()))
    updates: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    # Called with (tab, arrival time, update) as each update arrives.
    listeners: list[Any] = field(default_factory=list)
    # Extra HTTP headers of the connection (the benchmark's phones say which address
    # they are behind a trusted proxy: X-Forwarded-For).
    headers: dict[str, str] = field(default_factory=dict)
    # The local address to connect from ("": the system's choice). On loopback any of
    # 127.0.0.0/8 works, so tabs can be different client addresses to the app's limits.
    source: str = ""
    # Whether ``updates`` keeps every update (``values`` and ``wait_for`` read it). The
    # benchmark's phones record what they need in their listeners and turn it off: 1,000
    # phones each holding every wall shard they were sent is gigabytes.
    keep_updates: bool = True
    # Another JSON module for python-socketio (``dumps`` and ``loads`` as the standard
    # library's). python-socketio sets it on its packet classes, so it holds for every
    # client of the process: only the benchmark's phone processes set it.
    json: Any = None

    def __post_init__(self) -> None:
        session = (lambda: aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(self.source, 0)))
                   ) if self.source else None
        options = {"json": self.json} if self.json is not None else {}
        self.sio = socketio.AsyncClient(reconnection=False, http_session=session, **options)
        self.sio.on("event", self._on_event, namespace=NAMESPACE)
        self.received = asyncio.Event()

    async def _on_event(self, update: dict[str, Any]) -> None:
        at = time.perf_counter()
        if self.keep_updates:
            self.updates.append((at, update))
        for listener in self.listeners:
            listener(self, at, update)
        self.received.set()

    def _router_data(self) -> dict[str, Any]:
        return {"pathname": self.path, "asPath": self.path}

    async def connect(self) -> None:
        """Open the socket and hydrate, which runs the page's on_load handlers."""
        hydrate = {"name": HYDRATE, "payload": {"vars": self.storage} if self.storage else {},
                   "router_data": self._router_data()}
        await self.sio.connect(
            f"{self.base_url}?token={self.token}",
            socketio_path="/_event",
            transports=["websocket"],
            namespaces=[NAMESPACE],
            auth={"event": hydrate},
            headers=self.headers,
            wait_timeout=30,
        )

    async def send(self, handler: str, **payload: Any) -> None:
        """Call ``handler`` (full name) with ``payload`` from this tab's page."""
        await self.sio.emit(
            "event",
            {"name": handler, "payload": payload, "router_data": self._router_data()},
            namespace=NAMESPACE,
        )

    def values(self, state: str, var: str) -> list[Any]:
        """Every value of ``state.var`` this tab was sent, oldest first."""
        key = f"{var}_rx_state_"
        return [u["delta"][state][key] for _, u in self.updates
                if state in u.get("delta", {}) and key in u["delta"][state]]

    async def wait_for(self, state: str, var: str, predicate, timeout: float = 10.0) -> Any:
        """Wait until a received value of ``state.var`` satisfies ``predicate``."""
        deadline = time.perf_counter() + timeout
        while True:
            for value in self.values(state, var):
                if predicate(value):
                    return value
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"{state}.{var}: {self.values(state, var)[-3:]}")
            self.received.clear()
            try:
                await asyncio.wait_for(self.received.wait(), remaining)
            except TimeoutError:
                pass

    async def close(self) -> None:
        await self.sio.disconnect()

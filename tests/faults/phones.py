"""Socket phones that behave like Reflex 0.10.1's browser client when the connection drops.

The frontend (``reflex_base/.templates/web/utils/state.js``) reconnects by itself after a
disconnect it did not ask for, retrying every 200 ms × the failed attempts so far (at most
2 s), with the same token and a full hydrate carrying the browser's storage; events sent
while disconnected wait in its queue and go out once connected. :class:`ReconnectingTab`
does the same, so a test sees what a phone in the room would see, with no reload by hand."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

import socketio

from benchmarks.reflex_socket import NAMESPACE, ReflexTab
from tests.asyncio_support import run


@dataclass
class ReconnectingTab(ReflexTab):
    """A tab that reconnects itself and queues sends while disconnected."""

    reconnects: int = 0
    disconnects: int = 0
    _closing: bool = field(default=False, repr=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        self.sio.on("disconnect", self._on_disconnect, namespace=NAMESPACE)
        self.online = asyncio.Event()
        self._retrying: asyncio.Task[None] | None = None

    async def connect(self) -> None:
        await super().connect()
        self.online.set()

    async def _on_disconnect(self, *_reason: Any) -> None:
        self.online.clear()
        self.disconnects += 1
        if not self._closing and (self._retrying is None or self._retrying.done()):
            self._retrying = asyncio.get_running_loop().create_task(self._reconnect())

    async def _reconnect(self) -> None:
        attempts = 0
        while not self._closing:
            attempts = min(attempts + 1, 10)
            await asyncio.sleep(0.2 * attempts)
            try:
                await super().connect()
            except (socketio.exceptions.ConnectionError, OSError, ValueError):
                continue
            self.reconnects += 1
            self.online.set()
            return

    async def send(self, handler: str, **payload: Any) -> None:
        """Send now, or as soon as the socket is back (the frontend's event queue)."""
        while True:
            await self.online.wait()
            try:
                await super().send(handler, **payload)
                return
            except socketio.exceptions.BadNamespaceError:  # dropped before the disconnect event
                self.online.clear()
                if not self._closing and (self._retrying is None or self._retrying.done()):
                    self._retrying = asyncio.get_running_loop().create_task(self._reconnect())

    async def close(self) -> None:
        self._closing = True
        if self._retrying is not None:
            self._retrying.cancel()
        await super().close()


def latest(tab: ReflexTab, state: str, var: str, mark: int = 0) -> Any:
    """The last value of ``state.var`` the tab was sent (from its update ``mark`` on), or None."""
    key = f"{var}_rx_state_"
    for _, update in reversed(tab.updates[mark:]):
        if key in update.get("delta", {}).get(state, {}):
            return update["delta"][state][key]
    return None


async def until(predicate: Callable[[], bool], what: str, timeout: float = 20.0) -> float:
    """Wait until ``predicate()`` holds; returns the seconds it took, fails saying ``what``."""
    began = time.monotonic()
    while not predicate():
        if time.monotonic() - began > timeout:
            raise AssertionError(f"not within {timeout:.1f} s: {what}")
        await asyncio.sleep(0.05)
    return time.monotonic() - began


def run_scenario(scenario: Coroutine[Any, Any, None], log_tail: Callable[[], str], timeout: float,
                 engine: Any, report: dict[str, Any]) -> None:
    """Run a fault scenario; on any failure print the app's log tail beside it. Then dispose
    of the test's ``engine`` and print the ``report`` the scenario filled in."""
    try:
        run(asyncio.wait_for(scenario, timeout))
    except BaseException:
        print(log_tail())
        raise
    finally:
        engine.dispose()
    print(f"\n{report}")


def idea_count(groups: list | None) -> int:
    """Ideas in a by-prompt list of groups (what the facilitator's ``ideas`` holds)."""
    return sum(len(group["ideas"]) for group in groups or [])

"""Tab states leave this worker's memory soon after their socket closes.

Reflex keeps a whole state tree per client token (one per browser tab) in the worker's
memory (``state_manager_mode="memory"``, rxconfig.py) until an hour after the tab's last
event, and a closed socket does not free it. A script opening fresh tokens from one
address grew a worker by ~4 MB a second (red-team round 3, F1), and a deleted
workshop's text stayed in the trees of its closed tabs for that hour (F3).

Each tab state holds nothing that cannot be rebuilt: a tab that reconnects after its
state is gone hydrates again and its page's ``on_load`` rebuilds it from the browser's
keys and the database, as after a restart. So when a socket closes, its token's tree is
dropped ``tab_state_grace_seconds`` later unless the tab came back in the meantime (a
socket of the same token is open again on this worker) or an event of it is running (its
lock is held: tried again after another grace).

A worker holds at most ``tab_states_per_worker`` of them: at that many (:meth:`TabStates.full`),
the socket server (``GuardedServer``) refuses a socket that would need a new state (a fresh
token, or one open on another socket, which Reflex gives a new token) and lets in a tab
whose state is held (a phone reconnecting).

This reaches into Reflex 0.10.1's ``StateManagerMemory`` (``_token_expires_at``,
``_states_locks``, ``_purge_token``); tests/live/test_reflex_internals.py pins them."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from reflex.istate.manager.memory import StateManagerMemory

from workshop.settings import settings

logger = logging.getLogger(__name__)


class TabStates:
    """Drops closed tabs' states from a Reflex app's memory state manager."""

    def __init__(self, app: Any) -> None:
        self._app = app

    def closed(self, token: str | None) -> None:
        """A socket of tab ``token`` closed: drop its state after the grace."""
        if token:
            asyncio.get_running_loop().call_later(settings().tab_state_grace_seconds, self.drop, token)

    def drop(self, token: str) -> bool:
        """Drop ``token``'s state now unless the tab is back or busy; whether it was dropped."""
        manager = self._app.state_manager
        if not isinstance(manager, StateManagerMemory):
            return False
        if token in self._app.event_namespace.token_to_sid:
            return False  # the tab reconnected: its next close starts another grace
        entry = manager._token_expires_at.get(token)
        if entry is None:
            return False  # gone already (expired, or dropped by an earlier close)
        lock = manager._states_locks.get(token)
        if lock is not None and lock.locked():
            self.closed(token)
            return False
        manager._purge_token(entry[1])
        return True

    def full(self) -> bool:
        """Whether this worker holds ``tab_states_per_worker`` tab states (never with
        another state manager than memory's: it keeps its states elsewhere)."""
        manager = self._app.state_manager
        return isinstance(manager, StateManagerMemory) and len(
            manager._token_expires_at) >= settings().tab_states_per_worker

    def held(self, token: str | None) -> bool:
        """Whether a new socket presenting client ``token`` finds its tab's state here and
        needs no new one: not so for a token open on another socket (Reflex gives that
        socket a new token, and a new state)."""
        manager = self._app.state_manager
        return (token is not None and isinstance(manager, StateManagerMemory) and token in manager._token_expires_at
                and token not in self._app.event_namespace.token_to_sid)

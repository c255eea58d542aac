"""The socket.io server Reflex runs on, built by us so that rooms can span workers.

Options mirror what Reflex 0.10.1 builds for itself (``App._setup_state``):
ASGI, one transport, no upgrades, inline handlers, Reflex's JSON. With
``REFLEX_REDIS_URL`` set, python-socketio's Redis manager carries room emits
to every worker, so the same broadcast code runs on one process or many.
"""

from __future__ import annotations

import json
import os
from types import SimpleNamespace
from typing import Any

from reflex_base.utils.format import json_dumps
from socketio import AsyncRedisManager, AsyncServer

import reflex as rx
from reflex.environment import environment


def _loads(data: str | bytes, **kwargs: Any) -> Any:
    return json.loads(data, **kwargs)


def make_socket_server() -> AsyncServer:
    """An AsyncServer configured like Reflex's own, plus a Redis manager when configured."""
    config = rx.config.get_config()
    redis_url = os.environ.get("REFLEX_REDIS_URL")
    return AsyncServer(
        async_mode="asgi",
        client_manager=AsyncRedisManager(redis_url) if redis_url else None,
        cors_allowed_origins=(
            "*" if tuple(config.cors_allowed_origins) == ("*",) else list(config.cors_allowed_origins)
        ),
        cors_credentials=True,
        max_http_buffer_size=environment.REFLEX_SOCKET_MAX_HTTP_BUFFER_SIZE.get(),
        ping_interval=environment.REFLEX_SOCKET_INTERVAL.get().total_seconds(),
        ping_timeout=environment.REFLEX_SOCKET_TIMEOUT.get().total_seconds(),
        json=SimpleNamespace(dumps=staticmethod(json_dumps), loads=staticmethod(_loads)),
        allow_upgrades=False,
        transports=[config.transport],
        async_handlers=False,
    )

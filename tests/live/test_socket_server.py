"""The socket server mirrors Reflex's own and spans workers through Redis when configured."""

from __future__ import annotations

from socketio import AsyncManager, AsyncRedisManager

from tests.services import require_redis
from workshop.live.socket_server import make_socket_server


def test_one_process_uses_the_in_memory_manager(monkeypatch):
    monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
    server = make_socket_server()
    assert server.async_mode == "asgi"
    assert type(server.manager) is AsyncManager
    assert server.eio.transports == ["websocket"] and server.eio.allow_upgrades is False


def test_with_redis_room_emits_go_through_redis(monkeypatch):
    url = require_redis()
    monkeypatch.setenv("REFLEX_REDIS_URL", url)
    server = make_socket_server()
    assert isinstance(server.manager, AsyncRedisManager)

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


def _initialised_in_a_forked_worker(server) -> str:
    """Fork as granian does after Reflex preloaded the app; the child initialises the
    manager as on its first connection and reports its host id."""
    import asyncio
    import os

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker
        try:
            async def first_connection() -> str:
                server.manager.initialize()
                server.manager.thread.cancel()
                return server.manager.host_id

            os.write(write, asyncio.run(first_connection()).encode())
        finally:
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    with os.fdopen(read) as pipe:
        return pipe.read()


def test_each_forked_worker_has_its_own_host_id(monkeypatch):
    """Reflex prod builds the socket server in granian's supervisor and forks the workers:
    with the host id drawn before the fork, each worker took the other's room emits for its
    own and dropped them (about half of every broadcast lost with 2 workers)."""
    monkeypatch.setenv("REFLEX_REDIS_URL", require_redis())
    server = make_socket_server()
    before_fork = server.manager.host_id
    first, second = _initialised_in_a_forked_worker(server), _initialised_in_a_forked_worker(server)
    assert len({before_fork, first, second}) == 3


def test_the_channel_is_the_deployments_own(monkeypatch):
    monkeypatch.setenv("REFLEX_REDIS_URL", require_redis())
    monkeypatch.setenv("ENTAJOS_REDIS_PREFIX", "entajos_test_x")
    from workshop.settings import settings

    settings.cache_clear()
    try:
        assert make_socket_server().manager.channel == "entajos_test_x:socketio"
    finally:
        monkeypatch.delenv("ENTAJOS_REDIS_PREFIX")
        settings.cache_clear()

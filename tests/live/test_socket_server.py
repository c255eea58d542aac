"""The socket server mirrors Reflex's own and spans workers through Redis when configured."""

from __future__ import annotations

from socketio import AsyncManager, AsyncRedisManager

from tests.services import require_redis
from workshop.live.socket_server import SequentialManager, make_socket_server


def test_one_process_uses_the_in_memory_manager(monkeypatch):
    monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
    server = make_socket_server()
    assert server.async_mode == "asgi"
    assert type(server.manager) is SequentialManager and isinstance(server.manager, AsyncManager)
    assert server.eio.transports == ["websocket"] and server.eio.allow_upgrades is False


def test_with_redis_room_emits_go_through_redis(monkeypatch):
    url = require_redis()
    monkeypatch.setenv("REFLEX_REDIS_URL", url)
    server = make_socket_server()
    assert isinstance(server.manager, AsyncRedisManager)


def test_a_room_emit_reaches_every_socket_of_the_room_but_the_skipped_one():
    import itertools
    from types import SimpleNamespace

    from socketio import packet

    from tests.asyncio_support import run

    sent: list[tuple[str, str]] = []
    ids = itertools.count()

    async def send(eio_sid, eio_pkt):
        sent.append((eio_sid, eio_pkt.data))

    manager = SequentialManager()
    manager.set_server(SimpleNamespace(packet_class=packet.Packet, _send_eio_packet=send,
                                       eio=SimpleNamespace(generate_id=lambda: f"s{next(ids)}")))
    manager.initialize()
    for n in range(5):
        manager.basic_enter_room(f"sid{n}", "/_event", None, eio_sid=f"eio{n}")
        if n < 4:
            manager.basic_enter_room(f"sid{n}", "/_event", "ws:ROOM")

    run(manager.emit("event", {"delta": 1}, "/_event", room="ws:ROOM", skip_sid="sid1"))
    assert sorted(eio for eio, _ in sent) == ["eio0", "eio2", "eio3"]
    assert {data for _, data in sent} == {'2/_event,["event",{"delta":1}]'}

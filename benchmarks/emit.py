"""``make bench`` (part): the server's side of one room emit to 1,000 sockets.

python-socketio's in-memory manager starts a task per socket for a room emit
and waits for them all; ``socket_server.SequentialManager`` puts the packet on
each socket's (unbounded) send queue in one loop. Timed in one process on real
python-socketio/engine.io server objects with 1,000 seated sockets (their
writer tasks, which then send each packet, are the same either way and left out).
"""

from __future__ import annotations

import asyncio
import time

from engineio.async_socket import AsyncSocket
from socketio import AsyncManager, AsyncServer

from workshop.live.socket_server import SequentialManager

SOCKETS, EMITS, ROUNDS = 1000, 20, 3
NAMESPACE, ROOM = "/_event", "ws:BENCH"
MESSAGE = {"delta": {"room_view": {"room_rx_state_": {"phase": "vote", "code": "BENCH"}}}, "events": []}


async def _time(manager: AsyncManager) -> float:
    server = AsyncServer(async_mode="asgi", client_manager=manager)
    server.manager.initialize()
    for n in range(SOCKETS):
        eio_sid = f"eio{n}"
        server.eio.sockets[eio_sid] = AsyncSocket(server.eio, eio_sid)
        server.manager.basic_enter_room(f"sid{n}", NAMESPACE, None, eio_sid=eio_sid)
        server.manager.basic_enter_room(f"sid{n}", NAMESPACE, ROOM)
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for _ in range(EMITS):
            await server.emit("event", MESSAGE, room=ROOM, namespace=NAMESPACE)
        best = min(best, (time.perf_counter() - started) / EMITS)
        for socket in server.eio.sockets.values():  # empty the queues (no writer tasks here)
            while not socket.queue.empty():
                socket.queue.get_nowait()
    return best


def main() -> None:
    tasks = asyncio.run(_time(AsyncManager()))
    sequential = asyncio.run(_time(SequentialManager()))
    print(f"| one room emit to {SOCKETS:,} sockets, server side (best of {ROUNDS}) | ms |")
    print("|---|---|")
    print(f"| python-socketio AsyncManager: a task per socket (before) | {tasks * 1000:,.1f} |")
    print(f"| SequentialManager: one loop over the send queues (now) | {sequential * 1000:,.1f} |")


if __name__ == "__main__":
    main()

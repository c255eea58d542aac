"""A Redis server of the test's own (a free port from 6390 up, no persistence), to stop and
start again without touching the shared one on 6379."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest
import redis

from tests.services import _missing


def _free_from(first: int) -> int:
    for port in range(first, first + 200):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port for a Redis of our own")


class OwnRedis:
    """``redis-server --port P --save ""``: :meth:`stop` (SHUTDOWN NOSAVE: every key is gone)
    and :meth:`start` again on the same port."""

    def __init__(self) -> None:
        if shutil.which("redis-server") is None:
            _missing("redis-server is not on PATH")
        self.port = _free_from(6390)
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis(port=self.port, socket_connect_timeout=1)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        pytest.fail(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

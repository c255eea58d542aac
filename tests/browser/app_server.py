"""Start the production app (``reflex run --env prod``) on a free port with its own database."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 420


@dataclass(frozen=True)
class AppServer:
    """A running app: its base URL, database and log file."""

    url: str
    port: int
    database_url: str
    log_path: Path

    def log_tail(self, lines: int = 60) -> str:
        text = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def app_environment(database_url: str, port: int) -> dict[str, str]:
    """The environment ``make run`` gives the app, with this database and port."""
    bin_dir = Path(sys.executable).parent
    path = os.pathsep.join(
        [str(ROOT / "tools" / "node_modules" / ".bin"), str(bin_dir), os.environ["PATH"]]
    )
    return os.environ | {
        "PATH": path,
        "DATABASE_URL": database_url,
        "PORT": str(port),
        "REFLEX_USE_SYSTEM_BUN": "1",
        "REFLEX_CHECK_LATEST_VERSION": "0",
        "PYTHONUNBUFFERED": "1",
    }


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return 200 <= response.status < 300
    except OSError:
        return False


def start_app(
    workdir: Path, project: Path = ROOT, bootstrap: bool = True, extra_env: dict[str, str] | None = None,
    database_url: str | None = None, backend_only: bool = False,
) -> tuple[AppServer, subprocess.Popen[bytes]]:
    """Migrate a fresh SQLite database in ``workdir`` (or ``database_url``) and serve the app on it.

    ``project`` may name another Reflex project (the benchmark's naive baseline),
    which then runs without the bootstrap. ``backend_only`` serves the socket and the
    API without building the frontend (the raw-socket tests need no pages).
    """
    port = free_port()
    database_url = database_url or f"sqlite:///{workdir / 'app.db'}"
    env = app_environment(database_url, port) | (extra_env or {})
    log_path = workdir / "app.log"
    if bootstrap:
        subprocess.run(
            [sys.executable, "-m", "workshop.store.bootstrap"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "reflex"),
                "run",
                "--env",
                "prod",
                *(["--backend-only"] if backend_only else ["--frontend-port", str(port)]),
                "--backend-port",
                str(port),
            ],
            cwd=project,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = AppServer(f"http://127.0.0.1:{port}", port, database_url, log_path)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited with {process.returncode}:\n{server.log_tail()}")
        if _http_ok(f"{server.url}/ping") and (backend_only or _http_ok(f"{server.url}/")):
            return server, process
        time.sleep(0.5)
    stop_app(process)
    raise RuntimeError(f"the app did not answer within {START_TIMEOUT_S} s:\n{server.log_tail()}")


def stop_app(process: subprocess.Popen[bytes]) -> None:
    """Stop the app and every process it started."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

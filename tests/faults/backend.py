"""The app's backend as its own process for the fault tests: start it, stop it, start it again
on the same port and database, or kill it hard. Backend only (``--backend-only``): the phones
of these tests are sockets, so no frontend build is needed and a start takes seconds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.browser.app_server import ROOT, _http_ok, app_environment, free_port

START_TIMEOUT_S = 90


@dataclass
class Backend:
    """One backend process at a time, on ``port``, with ``database_url`` and ``extra_env``."""

    workdir: Path
    database_url: str
    extra_env: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.workdir / "backend.log"

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def environment(self) -> dict[str, str]:
        return app_environment(self.database_url, self.port) | {"ENTAJOS_TRUSTED_PROXIES": "127.0.0.1"} \
            | self.extra_env

    def bootstrap(self) -> None:
        """Migrate the database (and add the demo workshop), as ``make run`` does."""
        subprocess.run([sys.executable, "-m", "workshop.store.bootstrap"], cwd=ROOT,
                       env=self.environment(), check=True, stdout=subprocess.DEVNULL)

    def start(self) -> None:
        assert self.process is None or self.process.poll() is not None, "already running"
        self.starts += 1
        with self.log_path.open("ab") as log:
            log.write(f"\n--- start {self.starts} ---\n".encode())
            log.flush()
            self.process = subprocess.Popen(
                [str(Path(sys.executable).parent / "reflex"), "run", "--env", "prod", "--backend-only",
                 "--backend-port", str(self.port)],
                cwd=ROOT, env=self.environment(), stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the backend exited with {self.process.returncode}:\n{self.log_tail()}")
            if _http_ok(f"{self.url}/ping"):
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the backend did not answer within {START_TIMEOUT_S} s:\n{self.log_tail()}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        """Stop the backend and every process it started (``SIGKILL``: kill -9, no goodbye)."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, sig)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def restart(self) -> float:
        """Stop, then start again on the same port and database; returns the seconds it took."""
        began = time.monotonic()
        self.stop()
        self.start()
        return time.monotonic() - began

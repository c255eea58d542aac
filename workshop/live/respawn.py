"""A worker that dies is started again, and the others keep serving.

Reflex 0.10.1 builds granian's server (``reflex.utils.exec.run_granian_backend_prod``)
with granian's default ``respawn_failed_workers=False``: when one of several workers
exits unexpectedly (``kill -9``, out of memory), the supervisor stops the whole app,
and every phone in every workshop loses its connection for good. Seen in
``tests/faults/test_kill_worker.py``: "Unexpected exit from worker-1", then "Reflex
app stopped".

:func:`respawn_failed_workers` makes the default ``True`` for the server Reflex
builds: the dead worker's phones reconnect to the live ones at once, and granian
starts a fresh worker (it still stops the app on a crash loop: the same worker
failing twice within 5.5 s). ``rxconfig.py`` calls it, so it holds in the process
that supervises the workers before Reflex builds the server. Reflex imports
``granian.server.Server`` when it starts the backend, so replacing that name is
enough; ``tests/live/test_respawn.py`` fails loudly if that moves.
"""

from __future__ import annotations

from typing import Any


def respawn_failed_workers() -> None:
    """Make granian's ``Server`` respawn failed workers unless told otherwise."""
    import granian.server

    if getattr(granian.server.Server, "respawns_failed_workers", False):
        return
    base = granian.server.Server

    class RespawningServer(base):  # type: ignore[misc, valid-type]
        respawns_failed_workers = True

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("respawn_failed_workers", True)
            super().__init__(*args, **kwargs)

    granian.server.Server = RespawningServer  # type: ignore[misc]

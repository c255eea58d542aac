"""``make bench`` (part): what the socket guard's per-socket limit costs per event.

Every socket event passes ``GuardedServer.admit``, which counts it against
``events_per_socket`` (30/second, a moving window). 1,000 phones sending 3
ideas each and their page loads make a few thousand events within seconds.
Timed here in one thread, as the server's event loop runs it: the moving window
in plain memory (``ratelimit.MemoryWindows``, what the app uses in one
process) against the ``limits`` library's memory storage (what it used before),
which starts a timer thread after every hit to walk every key; that thread's
time is counted too (it holds the interpreter while it runs).
"""

from __future__ import annotations

import threading
import time

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from workshop.live.ratelimit import MemoryWindows

SOCKETS, EVENTS_PER_SOCKET = 1000, 5
RATE = "30/second"
RUNS = 3  # the best of three: the machine's other load only adds


def _limits_library() -> tuple[float, int]:
    item = parse(RATE)
    threads_before = threading.active_count()
    storage = MemoryStorage()
    limiter = MovingWindowRateLimiter(storage)
    started_cpu = time.process_time()
    started = time.perf_counter()
    for _ in range(EVENTS_PER_SOCKET):
        for sid in range(SOCKETS):
            limiter.hit(item, "events_per_socket", str(sid))
    took = time.perf_counter() - started
    time.sleep(0.05)  # let the last timer run
    cpu = time.process_time() - started_cpu  # every thread of this process
    return max(took, cpu), threading.active_count() - threads_before


def _memory_windows() -> float:
    item = parse(RATE)
    windows = MemoryWindows()
    started = time.perf_counter()
    for _ in range(EVENTS_PER_SOCKET):
        for sid in range(SOCKETS):
            windows.hit(("events_per_socket", str(sid)), item.amount, item.get_expiry())
    return time.perf_counter() - started


def main() -> None:
    events = SOCKETS * EVENTS_PER_SOCKET
    library = min(_limits_library()[0] for _ in range(RUNS))
    memory = min(_memory_windows() for _ in range(RUNS))
    print(f"| per-socket event limit ({events:,} events, {SOCKETS:,} sockets) | µs per event |")
    print("|---|---|")
    print(f"| limits' MemoryStorage + MovingWindowRateLimiter (before) | {library / events * 1e6:,.1f} |")
    print(f"| ratelimit.MemoryWindows (now) | {memory / events * 1e6:,.1f} |")


if __name__ == "__main__":
    main()

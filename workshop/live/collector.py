"""Python's cycle collector tuned for a server holding a room of 1,000 phones.

Each phone's tab state, its socket and its queues are long-lived objects, so a
process seating a big room tracks some 400,000 of them, and with Python's
default thresholds (a young collection every 700 allocations) the collector
walked them over and over during a burst: measured with ``gc.callbacks`` in
the app during the 1,000-phone dot burst, 4.5 s of the worker's time went to
1,466 young, 133 middle and 13 full collections. Two changes (one run each,
same machine, README → Benchmark):

- ``gc.freeze()`` once the app is imported (before granian forks the workers):
  what the import made (modules, compiled pages, catalog) is never walked
  again, and the forked workers share those pages of memory untouched;
- the young generation collects every ``gc_young_threshold`` allocations
  (setting, default 50,000; 0 keeps Python's 700). Objects freed by their
  reference count (nearly all) never wait for it; only garbage in reference
  cycles waits a little longer.

With both: 0.7 s in 13 young and 1 full collection, and "used all" on every
screen 3.3 s instead of 6.3 s after the last tap (one run each).
"""

from __future__ import annotations

import gc

from workshop.settings import settings

# Python's own middle and old thresholds.
MIDDLE, OLD = 10, 10


def tune_collector() -> None:
    """Call once, after the app and its pages are built."""
    gc.collect()
    gc.freeze()
    young = settings().gc_young_threshold
    if young > 0:
        gc.set_threshold(young, MIDDLE, OLD)

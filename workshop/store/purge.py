"""``python -m workshop.store.purge``: apply the retention periods once, and log counts only;
then empty the SQLite write-ahead log (``store.db.empty_wal``), so deleted text leaves the disk.

The running app does the same every ``purge_every_minutes`` (see
:func:`purge_periodically`, registered as a lifespan task in ``workshop/workshop.py``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from workshop.settings import settings
from workshop.store.db import empty_wal, run_blocking, session_scope
from workshop.store.lifecycle import PurgeReport, purge

logger = logging.getLogger(__name__)


def purge_once(now: datetime | None = None) -> PurgeReport:
    """One purge of the process's database as of ``now`` (default: the clock), committed."""
    with session_scope() as session:
        report = purge(session, now or datetime.now(UTC), settings())
    # Every time, not only after a deletion: what else was deleted since (an idea its
    # author took back, a retry after a busy database) leaves the SQLite files too.
    empty_wal()
    logger.info(report.log_line())
    return report


async def purge_periodically(tell: Callable[[PurgeReport], Awaitable[None]] | None = None) -> None:
    """Purge now and then every ``purge_every_minutes``; ``tell`` informs the screens."""
    while True:
        try:
            report = await run_blocking(purge_once)
            if tell is not None:
                await tell(report)
        except Exception as error:  # keep purging later; log no data (no traceback, no SQL)
            logger.error("retention purge failed: %s", type(error).__name__)
        await asyncio.sleep(max(1, settings().purge_every_minutes) * 60)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    purge_once()


if __name__ == "__main__":
    main()

"""After a retention purge: the screens of closed workshops update, those of deleted ones are told."""

from __future__ import annotations

from workshop.live.hub import hub
from workshop.store.lifecycle import PurgeReport


async def tell_purged(report: PurgeReport) -> None:
    for code in report.closed_codes:
        hub.changed(code, "room")
    for code in report.deleted_codes:
        await hub.end(code, "deleted")

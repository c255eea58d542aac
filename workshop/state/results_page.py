"""``/results/[code]?key=…``: the read-only results link for project preparers.

The key is the workshop's results key (or its facilitator key); it grants the
downloads and nothing else: this page has no handler that changes anything.
"""

from __future__ import annotations

import reflex as rx
from sqlalchemy.orm import Session

from workshop.state.workshop_page import WorkshopPage, with_database
from workshop.store import workshops


class ResultsState(WorkshopPage, rx.State):
    title: str = ""
    export_base: str = ""
    export_query: str = ""
    allowed: bool = False

    async def load_page(self):
        code = self.route_code()
        key = self.router.url.query_parameters.get("key")

        def look(session: Session) -> str | None:
            workshop = workshops.for_reader(session, code, key) if code else None
            return workshop.title if workshop is not None else None

        title = await with_database(look)
        self.allowed = title is not None
        self.notice = "" if self.allowed else "errors.export_refused"
        self.title = title or ""
        self.export_base = f"/api/workshops/{code}/export." if self.allowed else ""
        self.export_query = f"?key={key}" if self.allowed else ""

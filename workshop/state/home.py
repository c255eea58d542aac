"""Home page: join a workshop by code, or create one and become its facilitator."""

from __future__ import annotations

import hmac
import os

import reflex as rx
from sqlalchemy.orm import Session

from workshop.domain.codes import normalize_code
from workshop.domain.creation import InvalidInput, parse_new_workshop
from workshop.domain.vocabulary import WorkshopStatus
from workshop.state.language import PageLoad
from workshop.state.secrets import BrowserSecrets
from workshop.state.workshop_page import with_database
from workshop.store import workshops

PASSPHRASE_ENV = "WORKSHOP_CREATE_PASSPHRASE"

# Catalog keys the home page may show as messages.
JOIN_ERRORS = ("errors.code_format", "errors.code_unknown", "errors.workshop_closed")
CREATE_ERRORS = (
    "errors.title_required",
    "errors.title_too_long",
    "errors.challenge_too_long",
    "errors.language_unknown",
    "errors.passphrase_wrong",
    "errors.dots_invalid",
    "errors.vote_target_unknown",
)


def _create_passphrase() -> str:
    return os.environ.get(PASSPHRASE_ENV, "")


class HomeState(PageLoad, rx.State):
    """Messages and the once-shown facilitator link of a new workshop."""

    join_error: str = ""
    create_error: str = ""
    passphrase_required: bool = False
    created_code: str = ""
    created_facilitator_link: str = ""

    async def load_page(self):
        """Reset the page and tell whether creating needs the passphrase."""
        self.join_error = ""
        self.create_error = ""
        self.passphrase_required = bool(_create_passphrase())

    @rx.event
    async def join(self, form: dict):
        """Check the typed code and go to the join page of that workshop."""
        code = normalize_code(str(form.get("code", "")))
        if code is None:
            self.join_error = "errors.code_format"
            return None
        def status_of(session: Session) -> str | None:
            found = workshops.find_by_code(session, code)
            return found.status if found else None

        status = await with_database(status_of)
        if status is None:
            self.join_error = "errors.code_unknown"
            return None
        if status != WorkshopStatus.OPEN:
            self.join_error = "errors.workshop_closed"
            return None
        self.join_error = ""
        return rx.redirect(f"/join/{code}")

    @rx.event
    async def create(self, form: dict):
        """Create a workshop; its facilitator link is shown once, here."""
        expected = _create_passphrase()
        given = str(form.get("passphrase", ""))
        if expected and not hmac.compare_digest(given.encode(), expected.encode()):
            self.create_error = "errors.passphrase_wrong"
            return None
        try:
            new = parse_new_workshop(
                title=form.get("title"),
                challenge=form.get("challenge"),
                language=form.get("language"),
                dots_per_participant=form.get("dots_per_participant"),
                max_dots_per_item=form.get("max_dots_per_item"),
                vote_target=form.get("vote_target"),
                show_names=form.get("show_names"),
            )
        except InvalidInput as refused:
            self.create_error = refused.key
            return None
        created = await with_database(lambda session: workshops.create_workshop(session, new))
        secrets = await self.get_state(BrowserSecrets)
        secrets.remember_facilitator_key(created.code, created.facilitator_key)
        self.create_error = ""
        self.created_code = created.code
        origin = self.router.url.origin
        self.created_facilitator_link = (
            f"{origin}/facilitate/{created.code}?key={created.facilitator_key}"
        )
        return None

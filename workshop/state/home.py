"""Home page: join a workshop by code, or create one and become its facilitator."""

from __future__ import annotations

import hmac
import os

import reflex as rx

from workshop.domain.codes import normalize_code
from workshop.domain.creation import InvalidInput, parse_new_workshop
from workshop.domain.vocabulary import WorkshopStatus
from workshop.store import workshops
from workshop.store.db import session_scope

PASSPHRASE_ENV = "WORKSHOP_CREATE_PASSPHRASE"

# Catalog keys the home page may show as messages.
JOIN_ERRORS = ("errors.code_format", "errors.code_unknown", "errors.workshop_closed")
CREATE_ERRORS = (
    "errors.title_required",
    "errors.title_too_long",
    "errors.challenge_too_long",
    "errors.language_unknown",
    "errors.passphrase_wrong",
)


def _create_passphrase() -> str:
    return os.environ.get(PASSPHRASE_ENV, "")


class HomeState(rx.State):
    """Messages and the once-shown facilitator link of a new workshop."""

    join_error: str = ""
    create_error: str = ""
    passphrase_required: bool = False
    created_code: str = ""
    created_facilitator_link: str = ""

    @rx.event
    def load(self):
        """Reset the page and tell whether creating needs the passphrase."""
        self.join_error = ""
        self.create_error = ""
        self.passphrase_required = bool(_create_passphrase())

    @rx.event
    def join(self, form: dict):
        """Check the typed code and go to the join page of that workshop."""
        code = normalize_code(str(form.get("code", "")))
        if code is None:
            self.join_error = "errors.code_format"
            return None
        with session_scope() as session:
            found = workshops.find_by_code(session, code)
            status = found.status if found else None
        if status is None:
            self.join_error = "errors.code_unknown"
            return None
        if status != WorkshopStatus.OPEN:
            self.join_error = "errors.workshop_closed"
            return None
        self.join_error = ""
        return rx.redirect(f"/join/{code}")

    @rx.event
    def create(self, form: dict):
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
            )
        except InvalidInput as refused:
            self.create_error = refused.key
            return None
        with session_scope() as session:
            created = workshops.create_workshop(session, new)
        self.create_error = ""
        self.created_code = created.code
        origin = self.router.page.host or ""
        self.created_facilitator_link = (
            f"{origin}/facilitate/{created.code}?key={created.facilitator_key}"
        )
        return None

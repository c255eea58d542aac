"""What the participant, facilitator and big-screen pages share: the code in the
route, a refusal message, database work off the event loop, and the room hub."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import reflex as rx
from sqlalchemy.orm import Session

from workshop.domain.codes import normalize_code
from workshop.live.ratelimit import limiter
from workshop.live.socket_server import address_of
from workshop.state.language import PageLoad
from workshop.store.db import StoreUnavailable, run_blocking, transact

T = TypeVar("T")


class Refused(Exception):
    """A call that is not allowed or not valid; ``key`` names the message."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def in_transaction(work: Callable[[Session], T]) -> Callable[[], T]:
    def run() -> T:
        return transact(work)

    return run


async def with_database(work: Callable[[Session], T]) -> T:
    """Run ``work`` in one committed transaction, again after a lost connection (see
    ``store.db.transact`` and ``store.db.run_blocking``)."""
    return await run_blocking(in_transaction(work))


# The refusal of a call whose ``form`` is not a form (a dict of fields).
FORM_INVALID = "input.form_invalid"
# The refusal of a call the database could not take even after retrying (nothing stored).
STORE_UNAVAILABLE = StoreUnavailable().key


def form_fields(state: rx.State, form: object, notice: str = "notice") -> dict | None:
    """``form`` when it is a dict of fields; otherwise None, with the refusal in ``notice``."""
    if isinstance(form, dict):
        return form
    setattr(state, notice, FORM_INVALID)
    return None


class WorkshopPage(PageLoad, mixin=True):
    """Base of the states of ``/w``, ``/facilitate`` and ``/screen`` pages."""

    # Catalog key of the last refusal or problem; "" when all is well.
    notice: str = ""

    def _route_code(self) -> str | None:
        """The workshop code of the page the event came from."""
        # The last path segment of /w/CODE, /facilitate/CODE, /screen/CODE, /join/CODE.
        return normalize_code(self.router.url.path.rstrip("/").rsplit("/", 1)[-1])

    def _socket_id(self) -> str:
        return self.router.session.session_id

    @rx.event
    def dismiss_notice(self):
        self.notice = ""


def clear_pages(state: rx.State) -> None:
    """Empty every workshop page state of this tab (the participant's, facilitator's, big
    screen's, results' and join pages'): their workshop ended, and what they held of it
    (texts, nicknames, the seat) must not stay in the worker's memory for as long as the tab
    stays open on the ended notice. A page loaded again rebuilds itself from the database."""
    pending = [state._get_root_state()]
    while pending:
        current = pending.pop()
        if isinstance(current, WorkshopPage):
            current.reset()
        else:
            pending.extend(current.substates.values())


def client_address(state: rx.State) -> str:
    """The client address limits count under, by the same rule as the socket server's
    (:func:`workshop.live.socket_server.address_of`): the connection's peer as Reflex saw
    it at connect time, or, when that peer is one of ``trusted_proxies``, the address
    the proxy put in X-Forwarded-For. A browser cannot choose it."""
    raw = state.router.headers.raw_headers
    return address_of(raw.get("asgi-scope-client") or state.router.session.client_ip,
                      raw.get("x-forwarded-for"))


def guessing_blocked(state: rx.State) -> bool:
    """Whether this address has used up its wrong join codes (setting ``join_code_guesses``):
    then every code check is refused, so a right guess tells nothing either."""
    return not limiter().test("join_code_guesses", client_address(state))


def count_wrong_code(state: rx.State) -> None:
    """One wrong join code from this address (a right one costs nothing)."""
    limiter().hit("join_code_guesses", client_address(state))


def as_int(value: object) -> int | None:
    """A form field's whole number (forms send text); None when it is not one."""
    if isinstance(value, bool):
        return None
    try:
        return int(str(value))
    except ValueError:
        return None

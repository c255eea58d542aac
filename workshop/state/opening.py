"""Pages opened by a one-time link (``?open=…``, ``workshop.store.openers``), and the links
the app shows: an opener, never a key, so the address a browser keeps in its history
opens nothing once used.

A page takes the opener's key in the same transaction as it proves it, keeps it in the
browser as before, and drops ``?open=`` from the address bar. A used, expired or unknown
opener opens nothing and the page says so (``openers.used_*``), unless this browser
already holds a key that opens the page: then the page simply opens (a bookmarked link
keeps working on the device that first opened it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import reflex as rx
from sqlalchemy.orm import Session

from workshop.domain.openers import PARAMETER, opener_path
from workshop.domain.vocabulary import Opener
from workshop.store import openers

T = TypeVar("T")

# Refusals of a link whose opener was used, has expired or never was.
USED_WORKSHOP = "openers.used_workshop"
USED_PORTFOLIO = "openers.used_portfolio"
TOO_MANY = "openers.too_many"

# Drops the query (``?open=…``) from the address bar and the history entry.
FORGET_ADDRESS_QUERY = "history.replaceState(null, '', location.pathname)"


def given_opener(state: rx.State) -> str | None:
    """The opener in the page's address, if any (a client's value: the store checks it)."""
    value = state.router.url.query_parameters.get(PARAMETER)
    return value if isinstance(value, str) and value else None


def address_to_forget(state: rx.State) -> bool:
    """Whether the address holds an opener, or a key as links held before one-time links
    (it opens nothing now, but leaves the address bar and this history entry all the same)."""
    return bool(given_opener(state)) or "key" in state.router.url.query_parameters


def key_that_opens(session: Session, purposes: Iterable[Opener], code: str, opener: str | None,
                   held: Iterable[str | None], prove: Callable[[str], T | None]) -> tuple[str, T] | None:
    """The key that opens the page and what ``prove`` made of it: the key the opener hands
    over (used up, whatever follows), else the first of the keys this browser ``held``
    that proves; None when none does."""
    taken = openers.take(session, purposes, code, opener) if opener else None
    for key in (taken[1] if taken else None, *held):
        proof = prove(key) if key else None
        if proof is not None:
            return key, proof
    return None


def opener_link(state: rx.State, purpose: Opener, code: str, token: str) -> str:
    """The full one-time link of an opener, on this app's origin."""
    return f"{state.router.url.origin}{opener_path(purpose, code, token)}"


def open_in_new_tab(url: str) -> rx.event.EventSpec:
    """Open ``url`` in a new tab while the click still counts as the person's (a browser
    allows a new tab for some seconds after it); if it is blocked anyway, this tab goes there."""
    return rx.call_script(f"(w => {{ if (w) w.opener = null; else location.assign({url!r}); }})"
                          f"(window.open({url!r}, '_blank'))")

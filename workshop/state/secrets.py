"""What this browser holds to prove who it is: a key per purpose, and participant tokens.

Each kind lives under its own name as a JSON map from workshop code to secret,
so one browser can facilitate one workshop and take part in another, and a
projector holding a display key never holds the facilitator's key. Keys come
through one-time links (``workshop.state.opening``) and live in localStorage, as
participant tokens do, so a reload, a sleeping phone, a lost network or a new tab
brings the same identity back (the link itself opens only once); a portfolio's
invitation waits only in the tab's sessionStorage until a workshop is created.

The values are client-controlled input: the socket server takes none longer than
``browser_value_chars`` (``workshop/live/socket_server.py``); they are parsed
defensively (only codes, only what looks like a secret, at most
``browser_map_entries`` a map) and only ever compared against stored hashes.
"""

from __future__ import annotations

import json
from typing import Literal

import reflex as rx
from sqlalchemy.orm import Session

from workshop.domain.codes import normalize_code
from workshop.domain.errors import InvalidInput
from workshop.live.hub import hub
from workshop.settings import settings
from workshop.state.workshop_page import clear_pages, count_wrong_code, guessing_blocked, with_database
from workshop.store import participants, workshops

# Routes whose last segment is a workshop code.
CODE_ROUTES = ("/join/", "/w/", "/facilitate/", "/screen/", "/results/")
# The route whose last segment is a portfolio's code.
PORTFOLIO_ROUTE = "/portfolio/"

# What a secret looks like: keys and tokens are 32 (``new_secret``) or 43 (a derived
# display key) URL-safe characters; anything longer is not one of ours.
SECRET_CHARS = 64

# The maps this browser keeps, by the name of their var (see :class:`BrowserSecrets`).
Kind = Literal["facilitator_keys", "participant_tokens", "display_keys", "results_keys",
               "portfolio_keys", "portfolio_view_keys", "invitations"]
FACILITATOR_KEYS: Kind = "facilitator_keys"
PARTICIPANT_TOKENS: Kind = "participant_tokens"
DISPLAY_KEYS: Kind = "display_keys"
RESULTS_KEYS: Kind = "results_keys"
PORTFOLIO_KEYS: Kind = "portfolio_keys"
PORTFOLIO_VIEW_KEYS: Kind = "portfolio_view_keys"
INVITATIONS: Kind = "invitations"


def _read(raw: object) -> dict[str, str]:
    """A map as the browser sent it, defensively: nothing when it is not a JSON object of
    at most ``browser_value_chars`` characters; only entries whose key is a code (as
    ``normalize_code`` writes it) and whose value looks like a secret; at most the
    newest ``browser_map_entries`` of them (a map keeps its oldest first)."""
    if not isinstance(raw, str) or len(raw) > settings().browser_value_chars:
        return {}
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    kept = {code: secret for code, secret in data.items()
            if normalize_code(code) == code and isinstance(secret, str) and 0 < len(secret) <= SECRET_CHARS}
    return dict(list(kept.items())[-settings().browser_map_entries:])


def _written(data: dict[str, str]) -> str:
    """The map as the browser keeps it: the newest ``browser_map_entries``, within
    ``browser_value_chars`` (oldest dropped first), so the next hydration takes it whole."""
    entries = list(data.items())[-settings().browser_map_entries:]
    while True:
        text = json.dumps(dict(entries), separators=(",", ":"))
        if len(text) <= settings().browser_value_chars or not entries:
            return text
        entries = entries[1:]


def _with(raw: str, code: str, secret: str) -> str:
    """The map with ``code``'s secret, as its newest entry; unchanged when ``code`` is not a
    code or ``secret`` not a secret."""
    data = _read(raw)
    if normalize_code(code) == code and isinstance(secret, str) and 0 < len(secret) <= SECRET_CHARS:
        data.pop(code, None)
        data[code] = secret
    return _written(data)


def _without(raw: str, code: str | None) -> str:
    """The map without ``code`` (without everything when ``code`` is None)."""
    data = _read(raw) if code is not None else {}
    data.pop(code, None)
    return _written(data)


# What other states do with this browser's secrets. Plain functions, not methods: every
# public method of a state is an event handler any socket could call with anything.


def held(secrets: BrowserSecrets, kind: Kind, code: str | None) -> str | None:
    """The secret this browser holds for ``code`` in the map ``kind``."""
    return _read(getattr(secrets, kind)).get(code) if code else None


def remember(secrets: BrowserSecrets, kind: Kind, code: str, secret: str) -> None:
    """Keep ``secret`` for ``code`` in the map ``kind`` (the map's newest entry)."""
    setattr(secrets, kind, _with(getattr(secrets, kind), code, secret))


def forget(secrets: BrowserSecrets, kind: Kind, code: str) -> None:
    setattr(secrets, kind, _without(getattr(secrets, kind), code))


def invitation(secrets: BrowserSecrets) -> tuple[str, str] | None:
    """The one invitation this tab holds: (portfolio code, invitation key)."""
    return next(iter(_read(secrets.invitations).items()), None)


def remember_invitation(secrets: BrowserSecrets, code: str, key: str) -> None:
    """Hold this one invitation (instead of any other)."""
    secrets.invitations = _with("{}", code, key)


def forget_invitation(secrets: BrowserSecrets) -> None:
    secrets.invitations = "{}"


class BrowserSecrets(rx.State):
    """Browser-stored secrets of this browser, by workshop code (read and written through
    :func:`held`, :func:`remember` and :func:`forget`)."""

    facilitator_keys: str = rx.LocalStorage("{}", name="entajos_facilitator_keys")
    participant_tokens: str = rx.LocalStorage("{}", name="entajos_participant_tokens")
    # True once this tab forgot something (the page says so).
    forgotten: bool = False

    # The big screen's read-only key: never in the facilitator-key map.
    display_keys: str = rx.LocalStorage("{}", name="entajos_display_keys")
    # The results link's read-only key (its one-time link opens once: the browser keeps it).
    results_keys: str = rx.LocalStorage("{}", name="entajos_results_keys")

    # A SOILA portfolio's keys (workshop.state.portfolio_page): the coordinator's key is kept
    # like the facilitator key; the viewer link's read-only key like the results key. The
    # facilitator invitation waits in this tab while a workshop is created.
    portfolio_keys: str = rx.LocalStorage("{}", name="entajos_portfolio_keys")
    portfolio_view_keys: str = rx.LocalStorage("{}", name="entajos_portfolio_view_keys")
    invitations: str = rx.SessionStorage("{}", name="entajos_portfolio_invitations")

    def _page_code(self) -> tuple[bool, str | None]:
        """Whether the event came from a workshop's page, and that workshop's code."""
        path = self.router.url.path.rstrip("/") + "/"
        if not path.startswith(CODE_ROUTES):
            return False, None
        return True, normalize_code(path.rstrip("/").rsplit("/", 1)[-1])

    def _forget_workshop(self, code: str | None) -> None:
        """Every secret this browser keeps for ``code`` (for every workshop when None)."""
        self.participant_tokens = _without(self.participant_tokens, code)
        self.facilitator_keys = _without(self.facilitator_keys, code)
        self.display_keys = _without(self.display_keys, code)
        self.results_keys = _without(self.results_keys, code)

    @rx.event
    async def forget_ended(self):
        """The screen says this page's workshop ended (deleted, or this participant removed):
        forget on this device what no longer opens anything. What still works is kept, so a
        call from anywhere else forgets nothing that matters; and it tells no caller whether
        a code is a workshop (red-team round 2, F2):

        - nothing held for the code: nothing to forget, nothing looked up;
        - the participant token, once it proves nobody (one query, the same for a missing
          workshop and a wrong token, as the participant page's load);
        - the keys, only when the workshop is gone: that lookup is a code check, so a code
          that is no workshop counts a wrong code against this address as on the join page,
          and past ``join_code_guesses`` the keys are kept, as for a workshop that exists.

        When something was forgotten, the tab's workshop pages are emptied too
        (:func:`clear_pages`): the notice may stay open for hours, and the worker's memory
        keeps nothing of a deleted workshop or a removed participant meanwhile."""
        _, code = self._page_code()
        if code is None:
            return
        token = held(self, PARTICIPANT_TOKENS, code)
        keys = any(held(self, kind, code) for kind in (FACILITATOR_KEYS, DISPLAY_KEYS, RESULTS_KEYS))
        if token is None and not keys:
            return
        check_code = keys and not guessing_blocked(self)

        def look(session: Session) -> tuple[bool, bool]:
            token_dead = token is not None and participants.seat_for_token(session, code, token) is None
            return token_dead, check_code and workshops.find_by_code(session, code) is None

        try:
            token_dead, gone = await with_database(look)
        except InvalidInput:  # the database is away: nothing is forgotten on a guess
            return
        if gone:
            count_wrong_code(self)
            self._forget_workshop(code)
        elif token_dead:
            forget(self, PARTICIPANT_TOKENS, code)
        else:
            return
        clear_pages(self)
        self.forgotten = True

    @rx.event
    async def forget_here(self):
        """Forget this page's workshop on this device (its token and key), or on pages
        without a workshop every workshop; this screen leaves the workshop's rooms (its
        socket stays open as the app goes home) and goes home."""
        on_workshop_page, code = self._page_code()
        if self.router.url.path.startswith(PORTFOLIO_ROUTE):
            portfolio = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
            self.portfolio_keys = _without(self.portfolio_keys, portfolio)
            self.portfolio_view_keys = _without(self.portfolio_view_keys, portfolio)
            self.forgotten = True
            return rx.redirect("/", replace=True)
        if code is not None or not on_workshop_page:
            self._forget_workshop(code)
            if not on_workshop_page:
                self.portfolio_keys = _without(self.portfolio_keys, None)
                self.portfolio_view_keys = _without(self.portfolio_view_keys, None)
                self.invitations = "{}"
        self.forgotten = True
        if code is not None:
            await hub.leave_workshop(self.router.session.session_id, code)
        else:
            hub.leave(self.router.session.session_id)
        return rx.redirect("/", replace=True) if code else None

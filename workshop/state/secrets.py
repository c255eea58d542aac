"""What this browser holds to prove who it is: a key per purpose, and participant tokens.

Each kind lives under its own name as a JSON map from workshop code to secret,
so one browser can facilitate one workshop and take part in another, and a
projector holding a display key never holds the facilitator's key. Keys come
through one-time links (``workshop.state.opening``) and live in localStorage, as
participant tokens do, so a reload, a sleeping phone, a lost network or a new tab
brings the same identity back (the link itself opens only once); a portfolio's
invitation waits only in the tab's sessionStorage until a workshop is created.
The values are client-controlled input: they are parsed defensively and only
ever compared against stored hashes.
"""

from __future__ import annotations

import json

import reflex as rx

from workshop.domain.codes import normalize_code
from workshop.live.hub import hub

# Routes whose last segment is a workshop code.
CODE_ROUTES = ("/join/", "/w/", "/facilitate/", "/screen/", "/results/")
# The route whose last segment is a portfolio's code.
PORTFOLIO_ROUTE = "/portfolio/"


def _read(raw: str) -> dict[str, str]:
    try:
        data = json.loads(raw or "{}")
    except (TypeError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): v for k, v in data.items() if isinstance(v, str)}


def _with(raw: str, code: str, secret: str) -> str:
    data = _read(raw)
    data[code] = secret
    return json.dumps(data, separators=(",", ":"))


def _without(raw: str, code: str | None) -> str:
    """The map without ``code`` (without everything when ``code`` is None)."""
    data = _read(raw) if code is not None else {}
    data.pop(code, None)
    return json.dumps(data, separators=(",", ":"))


class BrowserSecrets(rx.State):
    """Browser-stored secrets of this browser, by workshop code."""

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

    def portfolio_key(self, code: str) -> str | None:
        return _read(self.portfolio_keys).get(code)

    def portfolio_view_key(self, code: str) -> str | None:
        return _read(self.portfolio_view_keys).get(code)

    def remember_portfolio_key(self, code: str, key: str, coordinator: bool) -> None:
        if coordinator:
            self.portfolio_keys = _with(self.portfolio_keys, code, key)
        else:
            self.portfolio_view_keys = _with(self.portfolio_view_keys, code, key)

    def invitation(self) -> tuple[str, str] | None:
        """The one invitation this tab holds: (portfolio code, invitation key)."""
        return next(iter(_read(self.invitations).items()), None)

    def remember_invitation(self, code: str, key: str) -> None:
        self.invitations = _with("{}", code, key)

    def forget_invitation(self) -> None:
        self.invitations = "{}"

    def facilitator_key(self, code: str) -> str | None:
        return _read(self.facilitator_keys).get(code)

    def display_key(self, code: str) -> str | None:
        return _read(self.display_keys).get(code)

    def results_key(self, code: str) -> str | None:
        return _read(self.results_keys).get(code)

    def remember_display_key(self, code: str, key: str) -> None:
        self.display_keys = _with(self.display_keys, code, key)

    def remember_results_key(self, code: str, key: str) -> None:
        self.results_keys = _with(self.results_keys, code, key)

    def participant_token(self, code: str) -> str | None:
        return _read(self.participant_tokens).get(code)

    def remember_facilitator_key(self, code: str, key: str) -> None:
        self.facilitator_keys = _with(self.facilitator_keys, code, key)

    def remember_participant_token(self, code: str, token: str) -> None:
        self.participant_tokens = _with(self.participant_tokens, code, token)

    def _page_code(self) -> tuple[bool, str | None]:
        """Whether the event came from a workshop's page, and that workshop's code."""
        path = self.router.url.path.rstrip("/") + "/"
        if not path.startswith(CODE_ROUTES):
            return False, None
        return True, normalize_code(path.rstrip("/").rsplit("/", 1)[-1])

    def forget_facilitator_key(self, code: str) -> None:
        self.facilitator_keys = _without(self.facilitator_keys, code)

    @rx.event
    def forget_here(self):
        """Forget this page's workshop on this device (its token and key), or on pages
        without a workshop every workshop; this screen leaves the room and goes home."""
        on_workshop_page, code = self._page_code()
        if self.router.url.path.startswith(PORTFOLIO_ROUTE):
            portfolio = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
            self.portfolio_keys = _without(self.portfolio_keys, portfolio)
            self.portfolio_view_keys = _without(self.portfolio_view_keys, portfolio)
            self.forgotten = True
            return rx.redirect("/", replace=True)
        if code is not None or not on_workshop_page:
            self.participant_tokens = _without(self.participant_tokens, code)
            self.facilitator_keys = _without(self.facilitator_keys, code)
            self.display_keys = _without(self.display_keys, code)
            self.results_keys = _without(self.results_keys, code)
            if not on_workshop_page:
                self.portfolio_keys = _without(self.portfolio_keys, None)
                self.portfolio_view_keys = _without(self.portfolio_view_keys, None)
                self.invitations = "{}"
        self.forgotten = True
        hub.leave(self.router.session.session_id)
        return rx.redirect("/", replace=True) if code else None

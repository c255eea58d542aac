"""What this browser holds to prove who it is: facilitator keys and participant tokens.

Both live in the browser's localStorage as a JSON map from workshop code to
secret, so one browser can facilitate one workshop and take part in another,
and a reload, a sleeping phone or a lost network brings the same identity
back. The values are client-controlled input: they are parsed defensively
and only ever compared against stored hashes.
"""

from __future__ import annotations

import json

import reflex as rx

from workshop.domain.codes import normalize_code
from workshop.live.hub import hub

# Routes whose last segment is a workshop code.
CODE_ROUTES = ("/join/", "/w/", "/facilitate/", "/screen/", "/results/")


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
    """localStorage-backed secrets of this browser, by workshop code."""

    facilitator_keys: str = rx.LocalStorage("{}", name="entajos_facilitator_keys")
    participant_tokens: str = rx.LocalStorage("{}", name="entajos_participant_tokens")
    # True once this tab forgot something (the page says so).
    forgotten: bool = False

    def facilitator_key(self, code: str) -> str | None:
        return _read(self.facilitator_keys).get(code)

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
        if code is not None or not on_workshop_page:
            self.participant_tokens = _without(self.participant_tokens, code)
            self.facilitator_keys = _without(self.facilitator_keys, code)
        self.forgotten = True
        hub.leave(self.router.session.session_id)
        return rx.redirect("/", replace=True) if code else None

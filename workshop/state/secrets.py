"""What this browser holds to prove who it is: a key per purpose, and participant tokens.

Each kind lives under its own name as a JSON map from workshop code to secret,
so one browser can facilitate one workshop and take part in another, and a
projector holding a display key never holds the facilitator's key. Facilitator
keys, display keys and participant tokens live in localStorage, so a reload,
a sleeping phone or a lost network brings the same identity back; a results
key only in the tab's sessionStorage. The values are client-controlled input: they are parsed defensively
and only ever compared against stored hashes.
"""

from __future__ import annotations

import json

import reflex as rx


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


class BrowserSecrets(rx.State):
    """Browser-stored secrets of this browser, by workshop code."""

    facilitator_keys: str = rx.LocalStorage("{}", name="entajos_facilitator_keys")
    participant_tokens: str = rx.LocalStorage("{}", name="entajos_participant_tokens")
    # The big screen's read-only key: never in the facilitator-key map.
    display_keys: str = rx.LocalStorage("{}", name="entajos_display_keys")
    # The results link's read-only key: for this tab only (a reload keeps it, closing forgets it).
    results_keys: str = rx.SessionStorage("{}", name="entajos_results_keys")

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

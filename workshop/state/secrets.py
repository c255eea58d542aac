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
    """localStorage-backed secrets of this browser, by workshop code."""

    facilitator_keys: str = rx.LocalStorage("{}", name="entajos_facilitator_keys")
    participant_tokens: str = rx.LocalStorage("{}", name="entajos_participant_tokens")

    def facilitator_key(self, code: str) -> str | None:
        return _read(self.facilitator_keys).get(code)

    def participant_token(self, code: str) -> str | None:
        return _read(self.participant_tokens).get(code)

    def remember_facilitator_key(self, code: str, key: str) -> None:
        self.facilitator_keys = _with(self.facilitator_keys, code, key)

    def remember_participant_token(self, code: str, token: str) -> None:
        self.participant_tokens = _with(self.participant_tokens, code, token)

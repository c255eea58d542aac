"""A portfolio's invitation link as a facilitator pastes it into the cockpit (pure).

The link is ``https://HOST/?invite=CODE&open=OPENER`` (a one-time link made by the
portfolio's coordinator, ``workshop.store.openers``); the facilitator pastes all of it, or
whatever their mail program left of it.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from workshop.domain.creation import InvalidInput
from workshop.domain.openers import PARAMETER

INVITATION_MAX = 500
UNREADABLE = "portfolio_ui.invitation_unreadable"


def parse_invitation(text: object) -> tuple[str, str]:
    """(portfolio code, opener) from a pasted invitation link; InvalidInput
    (``portfolio_ui.invitation_unreadable``) for anything else. Whether the opener works
    is the store's to say."""
    if not isinstance(text, str) or not text.strip() or len(text) > INVITATION_MAX:
        raise InvalidInput(UNREADABLE)
    stripped = text.strip()
    query = parse_qs(urlsplit(stripped if "?" in stripped else "?" + stripped).query)
    code = query.get("invite", [""])[0].strip().upper()
    opener = query.get(PARAMETER, [""])[0].strip()
    if not code.isalnum() or len(code) > 16 or not opener or len(opener) > 200:
        raise InvalidInput(UNREADABLE)
    return code, opener

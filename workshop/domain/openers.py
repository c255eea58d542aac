"""Where a one-time opener leads (pure): the page of its purpose, with ``?open=`` and no key.

An opener (``workshop.store.openers``) hands one key over once; the link carries the
opener, so the address a browser keeps in its history opens nothing once used."""

from __future__ import annotations

from workshop.domain.vocabulary import Opener

# The query parameter that carries an opener.
PARAMETER = "open"

_PAGES = {
    Opener.FACILITATOR: "/facilitate/{code}?open={token}",
    Opener.DISPLAY: "/screen/{code}?open={token}",
    Opener.RESULTS: "/results/{code}?open={token}",
    Opener.COORDINATOR: "/portfolio/{code}?open={token}",
    Opener.VIEWER: "/portfolio/{code}?open={token}",
    Opener.INVITATION: "/?invite={code}&open={token}",
}


def opener_path(purpose: Opener, code: str, token: str) -> str:
    """The path (with its query) of the page an opener of ``purpose`` opens."""
    return _PAGES[purpose].format(code=code, token=token)

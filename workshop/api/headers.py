"""Security headers on every HTTP response: pages, assets, the API, the socket's handshake.

- ``Content-Security-Policy: frame-ancestors 'none'`` and ``X-Frame-Options: DENY``:
  no other site can frame the app (click-jacking a facilitator's controls);
- ``Referrer-Policy: no-referrer``: addresses (codes, result links) never leave in a Referer;
- ``Permissions-Policy``: no camera, microphone or location for any page;
- ``X-Content-Type-Options: nosniff``.

A response that already has a Content-Security-Policy (the HTML export's) keeps it,
with ``frame-ancestors 'none'`` added; other headers a response sets itself win.
Pure ASGI, so it also covers what Reflex serves (the compiled frontend in prod).
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

FRAME_ANCESTORS = "frame-ancestors 'none'"
HEADERS = {
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "X-Content-Type-Options": "nosniff",
}


def security_headers(app: ASGIApp) -> ASGIApp:
    """``app`` with :data:`HEADERS` and ``frame-ancestors 'none'`` on every HTTP response."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                policy = headers.get("Content-Security-Policy")
                if policy is None:
                    headers["Content-Security-Policy"] = FRAME_ANCESTORS
                elif "frame-ancestors" not in policy:
                    headers["Content-Security-Policy"] = f"{policy}; {FRAME_ANCESTORS}"
            await send(message)

        await app(scope, receive, send_with_headers)

    return wrapped

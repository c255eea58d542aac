"""Security headers on every HTTP response: pages, assets, the API, the socket's handshake.

- ``Content-Security-Policy: frame-ancestors 'none'`` and ``X-Frame-Options: DENY``:
  no other site can frame the app (click-jacking a facilitator's controls);
- ``Referrer-Policy: no-referrer``: addresses (codes, result links) never leave in a Referer;
- ``Permissions-Policy``: no camera, microphone or location for any page;
- ``X-Content-Type-Options: nosniff``.

An HTML page without a policy of its own (the app's prerendered pages, its 404) gets the
whole policy of :func:`page_policy`: scripts only from the app's origin and the inline
scripts the page itself carries (their SHA-256 hashes, read from the body being served, so
a script injected into the page does not run). Its body is held until it is complete (a few
kB; a precompressed ``.gz`` one is read unzipped), then goes out unchanged.

A response that already has a Content-Security-Policy (the HTML export's) keeps it,
with ``frame-ancestors 'none'`` added; other headers a response sets itself win.
A 304 carries no policy: the browser keeps the one stored with the page it revalidated
(the 304 has no body to hash, and a policy in it would replace the stored one).
Pure ASGI, so it also covers what Reflex serves (the compiled frontend in prod).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import zlib

import anyio
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

FRAME_ANCESTORS = "frame-ancestors 'none'"
HEADERS = {
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "X-Content-Type-Options": "nosniff",
}

# 'unsafe-eval': Reflex runs rx.call_script / rx.call_function with eval() in the browser
# (applyEvent in .web/utils/state.js), and the app needs them: taking a one-time key out of
# the address bar (opening.FORGET_ADDRESS_QUERY, the portfolio's filter address), the page's
# lang and title (LanguageState), opening a new tab (open_in_new_tab), the brief fields'
# starting text (develop.py) and the run sheet's print button. Without it these fail with
# "Refused to evaluate a string as JavaScript" (README, Headers). Injected markup still runs
# nothing: inline scripts need their hash, handlers in attributes and javascript: URLs none.
SCRIPT_SOURCES = ("'self'", "'unsafe-eval'")
# style-src 'unsafe-inline': emotion and Radix put <style> tags into the page at run time,
# and React writes style="" attributes; styles cannot run code.
PAGE_DIRECTIVES = (
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",  # the QR codes are data: URIs
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    FRAME_ANCESTORS,
)

_SCRIPT = re.compile(rb"<script\b([^>]*)>(.*?)</script[\s/>]", re.IGNORECASE | re.DOTALL)
_SRC = re.compile(rb"\ssrc\s*=", re.IGNORECASE)
# A Host header as browsers send it (name or [IPv6], optional port): anything else, and
# the websocket sources are left out rather than copied into the header.
_HOST = re.compile(r"(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?")
_DECODE = {"gzip": gzip.decompress, "x-gzip": gzip.decompress, "deflate": zlib.decompress}


def inline_script_hashes(html: bytes) -> list[str]:
    """The CSP sources (``'sha256-…'``) of the inline scripts of ``html``, in page order,
    each once: what a browser hashes, the UTF-8 text between ``<script>`` and ``</script>``."""
    found: dict[str, None] = {}
    for match in _SCRIPT.finditer(html):
        if _SRC.search(match.group(1)):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group(2)).digest()).decode()
        found[f"'sha256-{digest}'"] = None
    return list(found)


def page_policy(html: bytes, host: str | None) -> str:
    """The Content-Security-Policy of an app page whose (decoded) body is ``html``, asked for
    on ``host``: the socket (/_event) connects to the same host, over ws: or wss:, which
    'self' covers in CSP 3 browsers; older ones need it spelled out."""
    sockets = f" ws://{host} wss://{host}" if host and _HOST.fullmatch(host) else ""
    return "; ".join((
        f"script-src {' '.join((*SCRIPT_SOURCES, *inline_script_hashes(html)))}",
        f"connect-src 'self'{sockets}",
        *PAGE_DIRECTIVES,
    ))


def _decoded(body: bytes, encoding: str | None) -> bytes:
    """``body`` unzipped. Reflex precompresses pages with gzip only (its default
    frontend_compression_formats); a body it cannot read gives a page no hashes: its
    scripts are refused, loudly, rather than allowed."""
    if not encoding or encoding == "identity":
        return body
    decode = _DECODE.get(encoding.strip().lower())
    try:
        return decode(body) if decode else b""
    except (OSError, EOFError, zlib.error):
        return b""


def security_headers(app: ASGIApp) -> ASGIApp:
    """``app`` with :data:`HEADERS` and ``frame-ancestors 'none'`` on every HTTP response,
    and :func:`page_policy` on HTML pages without a policy of their own."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        page: list[Message] = []  # an HTML page's start and its body so far

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                policy = headers.get("Content-Security-Policy")
                if message["status"] == 304:
                    pass  # no policy: the stored page keeps its own (see above)
                elif policy is None and headers.get("content-type", "").startswith("text/html"):
                    page.append(message)
                    return
                elif policy is None:
                    headers["Content-Security-Policy"] = FRAME_ANCESTORS
                elif "frame-ancestors" not in policy:
                    headers["Content-Security-Policy"] = f"{policy}; {FRAME_ANCESTORS}"
            elif page:
                page.append(message)
                if message["type"] == "http.response.body" and message.get("more_body", False):
                    return
                await _send_page(page, send, Headers(scope=scope).get("host"))
                return
            await send(message)

        await app(scope, receive, send_with_headers)

    return wrapped


async def _send_page(page: list[Message], send: Send, host: str | None) -> None:
    """Send a held page: its start with :func:`page_policy` of its body, then the body as it came."""
    start, *parts = page
    body = b"".join([
        await anyio.Path(part["path"]).read_bytes() if part["type"] == "http.response.pathsend"
        else part.get("body", b"") for part in parts
    ])
    headers = MutableHeaders(scope=start)
    headers["Content-Security-Policy"] = page_policy(_decoded(body, headers.get("content-encoding")), host)
    for message in page:
        await send(message)
    page.clear()

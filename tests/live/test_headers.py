"""Finding 15 and item 7: every response of the production app carries the security headers,
and no other site's Origin is echoed with credentials (API or socket)."""

from __future__ import annotations

import base64
import gzip
import hashlib
import urllib.error
import urllib.request
from html.parser import HTMLParser

import pytest
import socketio

from tests.asyncio_support import run

EVIL = "https://evil.example"


def _get(url: str, method: str = "GET", **headers: str) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}


@pytest.mark.parametrize("path", [
    "/", "/join/ABCDEF", "/w/ABCDEF", "/facilitate/ABCDEF", "/screen/ABCDEF", "/results/ABCDEF",
    "/app.css", "/favicon.ico", "/no-such-page", "/ping",
    "/api/workshops/ABCDEF/export.md?key=x", "/api/workshops/ABCDEF/export.nope",
])
def test_every_response_carries_the_security_headers(running_app, path):
    status, headers = _get(running_app.url + path, Origin=EVIL)
    assert status < 500
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] in {"no-referrer", "same-origin"}
    assert "camera=()" in headers["permissions-policy"] and "microphone=()" in headers["permissions-policy"]
    assert "geolocation=()" in headers["permissions-policy"]
    # No foreign Origin echoed (Starlette's CORS middleware still sends "Allow-Credentials:
    # true" on every response; without Allow-Origin a browser grants the other site nothing).
    assert "access-control-allow-origin" not in headers


class _InlineScripts(HTMLParser):
    """The text of each inline <script> of a page, as a browser reads it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.texts: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        if tag == "script" and "src" not in dict(attrs):
            self._inside = True
            self.texts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.texts[-1] += data


@pytest.mark.parametrize("encoding", ["identity", "gzip"])
@pytest.mark.parametrize("path", ["/", "/join/ABCDEF", "/no-such-page"])
def test_a_page_allows_scripts_of_its_own_origin_and_its_own_inline_ones(running_app, path, encoding):
    # Hashed from the page as served: whole or precompressed (the .gz Reflex builds beside it).
    request = urllib.request.Request(running_app.url + path, headers={"Accept-Encoding": encoding})
    try:
        response = urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    body = response.read()
    if encoding == "gzip":
        assert response.headers["Content-Encoding"] == "gzip"
        body = gzip.decompress(body)
    parser = _InlineScripts()
    parser.feed(body.decode())
    hashes = [f"'sha256-{base64.b64encode(hashlib.sha256(t.encode()).digest()).decode()}'" for t in parser.texts]
    assert len(hashes) >= 3  # the theme, React Router's context and its stream
    policy = {name: values for name, *values in (d.split() for d in response.headers["Content-Security-Policy"].split(";"))}
    assert policy["script-src"] == ["'self'", "'unsafe-eval'", *dict.fromkeys(hashes)]
    host = running_app.url.removeprefix("http://")
    assert policy["connect-src"] == ["'self'", f"ws://{host}", f"wss://{host}"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]


def test_a_preflight_from_another_site_is_not_allowed(running_app):
    _status, headers = _get(running_app.url + "/api/workshops/ABCDEF/export.json", method="OPTIONS",
                            Origin=EVIL, **{"Access-Control-Request-Method": "GET"})
    assert headers.get("access-control-allow-origin") not in {EVIL, "*"}


def test_the_html_export_keeps_its_own_policy_and_gains_frame_ancestors(running_app):
    # A refused download answers 403 with the headers too; the policy of a served export is
    # checked in tests/export; here the merge rule on a page that sets none.
    _status, headers = _get(running_app.url + "/api/workshops/ABCDEF/export.html?key=x")
    assert headers["content-security-policy"].count("frame-ancestors") == 1


def test_a_socket_from_another_sites_page_is_refused(running_app):
    async def connect(origin: str | None) -> bool:
        client = socketio.AsyncClient(reconnection=False)
        try:
            await client.connect(f"{running_app.url}?token=t", socketio_path="/_event", transports=["websocket"],
                                 namespaces=["/_event"], headers={"Origin": origin} if origin else {},
                                 wait_timeout=10)
        except socketio.exceptions.ConnectionError:
            return False
        await client.disconnect()
        return True

    assert run(connect(EVIL)) is False
    assert run(connect(running_app.url)) is True
    assert run(connect(None)) is True

"""The headers middleware in process: added to every HTTP response, merged into an existing CSP,
and the script-restricting policy on HTML pages, hashed from the body served."""

from __future__ import annotations

import base64
import gzip
import hashlib

from starlette.applications import Starlette
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from tests.asyncio_support import run
from workshop.api.headers import page_policy, security_headers

THEME = "\nif (typeof document !== 'undefined') { document.documentElement.classList.add('light'); }\n"
CONTEXT = 'window.__reactRouterContext = {"basename":"/","ä":"\\u003c/script>"};'
MODULE = 'import "/assets/manifest.js";\nwindow.__reactRouterRouteModules = {};'
PAGE = (f"<!DOCTYPE html><html><head><script>{THEME}</script><script defer=\"\" src=\"/countdown.js\"></script>"
        f"</head><body><div>hello</div><script>{CONTEXT}</script><script type=\"module\" async=\"\">{MODULE}"
        f"</script><SCRIPT id=\"_R_\">$RC(\"B:1\",\"S:1\")</SCRIPT></body></html>")
INLINE = (THEME, CONTEXT, MODULE, '$RC("B:1","S:1")')


def _sha256(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def _directives(header: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in header.split(";"))}


def _app():
    async def plain(_request):
        return PlainTextResponse("x")

    async def own_policy(_request):
        return PlainTextResponse("x", headers={"Content-Security-Policy": "default-src 'none'",
                                               "Referrer-Policy": "same-origin"})

    async def page(_request):
        return HTMLResponse(PAGE)

    async def zipped(_request):
        return Response(gzip.compress(PAGE.encode()), media_type="text/html",
                        headers={"Content-Encoding": "gzip"})

    async def streamed(_request):
        body = PAGE.encode()
        return StreamingResponse(iter([body[:50], body[50:120], body[120:]]), media_type="text/html")

    async def export(_request):  # the HTML export sets its own policy
        return HTMLResponse("<script>alert(1)</script>", headers={"Content-Security-Policy": "default-src 'none'"})

    async def not_modified(_request):
        return Response(status_code=304, headers={"ETag": '"x"'})

    routes = [Route("/", plain), Route("/own", own_policy), Route("/page", page), Route("/zipped", zipped),
              Route("/streamed", streamed), Route("/export.html", export), Route("/cached", not_modified)]
    return security_headers(Starlette(routes=routes))


def test_headers_added_and_a_responses_own_policy_kept():
    client = TestClient(_app())
    plain = client.get("/").headers
    assert plain["content-security-policy"] == "frame-ancestors 'none'"
    assert plain["x-frame-options"] == "DENY"
    assert plain["referrer-policy"] == "no-referrer"
    own = client.get("/own").headers
    assert own["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert own["referrer-policy"] == "same-origin"
    assert client.get("/missing").headers["x-frame-options"] == "DENY"
    # An HTML response with a policy of its own (the export) keeps it: no hashes added.
    export = client.get("/export.html").headers
    assert export["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_an_html_page_allows_only_its_own_inline_scripts():
    client = TestClient(_app(), base_url="http://workshop.example:8443")
    response = client.get("/page")
    assert response.text == PAGE
    policy = _directives(response.headers["content-security-policy"])
    assert policy["script-src"] == ["'self'", "'unsafe-eval'", *map(_sha256, INLINE)]
    assert policy["connect-src"] == ["'self'", "ws://workshop.example:8443", "wss://workshop.example:8443"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["img-src"] == ["'self'", "data:"] and policy["font-src"] == ["'self'", "data:"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert response.headers["x-frame-options"] == "DENY"


def test_the_hashes_come_from_the_body_as_served():
    client = TestClient(_app())
    page = client.get("/page").headers["content-security-policy"]
    # Precompressed (the .gz beside each prerendered page) and in several chunks: same policy.
    zipped = client.get("/zipped", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.headers["content-security-policy"] == page
    assert client.get("/streamed").headers["content-security-policy"] == page
    # Another page's scripts are not allowed here, nor a script put into the page later.
    other = page_policy(b"<script>window.x = 1</script>", "h")
    assert _sha256("window.x = 1") in other and _sha256("window.x = 1") not in page
    assert _sha256("alert(1)") not in page


def test_a_page_sent_as_a_file_by_path_is_hashed_from_the_file(tmp_path):
    # Granian serves files with the ASGI pathsend extension: no body message to read.
    (tmp_path / "index.html").write_text(PAGE)
    app = security_headers(FileResponse(tmp_path / "index.html"))
    scope = {"type": "http", "method": "GET", "path": "/", "headers": [(b"host", b"h:1")],
             "extensions": {"http.response.pathsend": {}}}
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    run(app(scope, receive, send))
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.pathsend"]
    policy = dict(sent[0]["headers"])[b"content-security-policy"].decode()
    assert _directives(policy)["script-src"] == ["'self'", "'unsafe-eval'", *map(_sha256, INLINE)]


def test_a_304_carries_no_policy_and_a_strange_host_no_socket_source():
    client = TestClient(_app())
    # The browser keeps the policy stored with the page it revalidated.
    cached = client.get("/cached")
    assert cached.status_code == 304 and "content-security-policy" not in cached.headers
    assert cached.headers["x-frame-options"] == "DENY"
    odd = client.get("/page", headers={"Host": "evil; script-src *"}).headers["content-security-policy"]
    assert _directives(odd)["connect-src"] == ["'self'"] and "*" not in odd

"""The headers middleware in process: added to every HTTP response, merged into an existing CSP."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from workshop.api.headers import security_headers


def _app():
    async def plain(_request):
        return PlainTextResponse("x")

    async def own_policy(_request):
        return PlainTextResponse("x", headers={"Content-Security-Policy": "default-src 'none'",
                                               "Referrer-Policy": "same-origin"})

    return security_headers(Starlette(routes=[Route("/", plain), Route("/own", own_policy)]))


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

"""The socket server's limits in process: sockets per client address, events per socket,
log reports per socket, which address counts behind a proxy, and which origins may connect."""

from __future__ import annotations

import logging

import pytest

from tests.asyncio_support import run
from reflex.state import FrontendEventExceptionState

from workshop.live import client_log
from workshop.live.client_log import one_line
from workshop.live.socket_server import GuardedServer, client_address, make_socket_server, own_origin
from workshop.settings import settings
from workshop.state.participant import ParticipantState

ADD_DOT = f"{ParticipantState.get_full_name()}.add_dot"
REPORT = f"{FrontendEventExceptionState.get_full_name()}.handle_frontend_exception"


@pytest.fixture(autouse=True)
def fresh_settings(monkeypatch):
    settings.cache_clear()
    yield monkeypatch
    settings.cache_clear()


def _environ(address: str = "203.0.113.5", **headers: str) -> dict:
    return {"REMOTE_ADDR": address, "wsgi.url_scheme": "http", "HTTP_HOST": "app.example"} | {
        f"HTTP_{name.upper()}": value for name, value in headers.items()}


def _server() -> GuardedServer:
    server = make_socket_server()
    assert isinstance(server, GuardedServer)
    return server


def test_sockets_per_address_refused_over_the_limit_and_freed_on_close(fresh_settings):
    fresh_settings.setenv("ENTAJOS_SOCKETS_PER_ADDRESS", "3")
    server = _server()

    async def scenario() -> list:
        accepted = [await server._handle_eio_connect(f"s{i}", _environ()) for i in range(4)]
        other = await server._handle_eio_connect("x", _environ("198.51.100.7"))
        await server._handle_eio_disconnect("s0", "client disconnect")
        again = await server._handle_eio_connect("s4", _environ())
        return [*accepted, other, again]

    assert run(scenario()) == [None, None, None, False, None, None]
    assert server.open_sockets == {"203.0.113.5": 3, "198.51.100.7": 1}


def test_the_default_allows_a_classroom_behind_one_address():
    server = _server()

    async def scenario() -> list:
        return [await server._handle_eio_connect(f"s{i}", _environ()) for i in range(200)]

    assert False not in run(scenario())


def test_events_per_socket_allow_a_burst_and_refuse_a_flood(fresh_settings):
    fresh_settings.setenv("ENTAJOS_EVENTS_PER_SOCKET", "30/second")
    server = _server()
    tap = ["event", {"name": ADD_DOT, "payload": {"item_id": 1}}]
    # A phone tapping as fast as a thumb can (10 taps at once) is never refused ...
    assert all(server.admit("phone", tap) for _ in range(10))
    # ... a script is, past the limit, and only that socket.
    flood = [server.admit("script", tap) for _ in range(100)]
    assert flood.count(True) == 30
    assert server.admit("phone", tap)


def test_log_reports_are_limited_per_socket_and_unknown_handlers_dropped(fresh_settings):
    fresh_settings.setenv("ENTAJOS_CLIENT_LOG_LINES", "3/minute")
    server = _server()
    report = ["event", {"name": REPORT, "payload": {"info": "x"}}]
    assert [server.admit("a", report) for _ in range(5)] == [True] * 3 + [False] * 2
    assert [server.admit("b", ["client_error", {"message": "m"}]) for _ in range(4)] == [True] * 3 + [False]
    assert not server.admit("c", ["event", {"name": "x" * 100_000}])
    assert not server.admit("c", ["event", {"name": ADD_DOT + "_not"}])
    assert server.admit("c", ["event", {"name": ADD_DOT}])
    assert not server.admit("c", ["event", "not a dict"])
    assert not server.admit("c", [5])


def test_x_forwarded_for_counts_only_from_a_trusted_proxy(fresh_settings):
    forged = _environ("203.0.113.5", x_forwarded_for="10.0.0.1")
    assert client_address(forged) == "203.0.113.5"
    fresh_settings.setenv("ENTAJOS_TRUSTED_PROXIES", "127.0.0.1, 10.9.9.9")
    settings.cache_clear()
    assert client_address(forged) == "203.0.113.5"
    # The proxy appends the address it saw; a client's own prefix is ignored.
    proxied = _environ("127.0.0.1", x_forwarded_for="6.6.6.6, 198.51.100.7, 10.9.9.9")
    assert client_address(proxied) == "198.51.100.7"
    assert client_address(_environ("127.0.0.1")) == "127.0.0.1"


def test_only_the_apps_own_origin_may_open_a_socket(fresh_settings):
    environ = _environ()
    assert own_origin("http://app.example", environ)
    assert own_origin("https://app.example", environ)
    assert own_origin(None, environ)  # not a browser page
    assert not own_origin("https://evil.example", environ)
    assert not own_origin("http://app.example.evil.example", environ)
    fresh_settings.setenv("ENTAJOS_CORS_ORIGINS", "http://localhost:3000")
    settings.cache_clear()
    assert own_origin("http://localhost:3000", environ)


def test_client_text_is_one_capped_line(fresh_settings, caplog):
    planted = "boom\n[Reflex Backend Exception]\n fake\x1b[31m" + "x" * 100_000
    line = one_line(planted, 500)
    assert "\n" not in line and "\x1b" not in line and len(line) < 530
    assert line.startswith("boom\\n[Reflex Backend Exception]\\n fake\\x1b[31m")
    with caplog.at_level(logging.INFO):
        client_log.frontend_exception_handler(Exception(planted))
        client_log.install_filters()
        logging.getLogger(client_log.CLIENT_TEXT_LOGGERS[-1]).warning("value %s", planted)
    assert [len(r.getMessage().splitlines()) for r in caplog.records] == [1, 1]
    assert all(len(r.getMessage()) < 2 * 4 * settings().client_log_chars for r in caplog.records)

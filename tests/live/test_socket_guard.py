"""The socket server's limits in process: sockets per client address, events per socket,
log reports per socket, which address counts behind a proxy, and which origins may connect."""

from __future__ import annotations

import asyncio
import contextvars
import logging
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.asyncio_support import run
from reflex.state import FrontendEventExceptionState

from workshop.live import client_log
from workshop.live.client_log import one_line
from workshop.live.socket_server import GuardedServer, client_address, make_socket_server, own_origin
from workshop.settings import settings
from workshop.state.language import LanguageState
from workshop.state.participant import ParticipantState
from workshop.state.secrets import BrowserSecrets

ADD_DOT = f"{ParticipantState.get_full_name()}.add_dot"
REPORT = f"{FrontendEventExceptionState.get_full_name()}.handle_frontend_exception"
HYDRATE = "reflex___state____state.hydrate_and_load"
TOKENS = f"{BrowserSecrets.get_full_name()}.participant_tokens_rx_state_"
LANG = f"{LanguageState.get_full_name()}.lang_rx_state_"


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
    report = ["event", {"name": REPORT, "payload": {"info": "x", "component_stack": ""}}]
    assert [server.admit("a", report) for _ in range(5)] == [True] * 3 + [False] * 2
    assert [server.admit("b", ["client_error", {"message": "m"}]) for _ in range(4)] == [True] * 3 + [False]
    assert not server.admit("c", ["event", {"name": "x" * 100_000}])
    assert not server.admit("c", ["event", {"name": ADD_DOT + "_not"}])
    assert server.admit("c", ["event", {"name": ADD_DOT, "payload": {"item_id": 1}}])
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


def test_calls_that_do_not_fit_the_handler_are_dropped_with_a_few_log_lines(fresh_settings, caplog):
    """Finding 5: missing or unknown arguments, a payload or router data that is not a dict,
    Reflex's setvar: dropped before Reflex, like an unknown handler, and each socket causes
    at most client_log_lines log lines (one line each, the client's text capped)."""
    fresh_settings.setenv("ENTAJOS_CLIENT_LOG_LINES", "3/minute")
    server = _server()
    forged = "x\n[Reflex Backend Exception]\n FORGED " + "y" * 100_000
    refused = [
        {"name": ADD_DOT},
        {"name": ADD_DOT, "payload": {"item_id": 1, "zzz": 1}},
        {"name": ADD_DOT, "payload": {"item_id": 1, forged: 1}},
        {"name": ADD_DOT, "payload": [1]},
        {"name": ADD_DOT, "payload": {"item_id": 1}, "router_data": "x"},
        {"name": f"{ParticipantState.get_full_name()}.setvar", "payload": {"var_name": "notice", "value": "x"}},
        {"name": f"{BrowserSecrets.get_full_name()}.remember_participant_token", "payload": {"code": "A", "token": "t"}},
        {"name": f"{ParticipantState.get_full_name()}.route_code", "payload": {}},
    ]
    with caplog.at_level(logging.WARNING, logger="workshop.live.socket_server"):
        assert [server.admit("a", ["event", event]) for event in refused] == [False] * len(refused)
    assert len(caplog.records) == 3
    assert all("\n" not in r.getMessage() and len(r.getMessage()) < 400 for r in caplog.records)
    # Another socket has lines of its own; a call that fits goes on.
    assert server.admit("b", ["event", {"name": ADD_DOT, "payload": {"item_id": 1}}])
    assert server.admit("b", ["event", {"name": ADD_DOT, "payload": {"item_id": "7"}}])
    # A value Reflex cannot convert (it logs a warning, the handler refuses it) costs a log line.
    unconvertible = ["event", {"name": ADD_DOT, "payload": {"item_id": "seven"}}]
    assert [server.admit("b", unconvertible) for _ in range(5)] == [True] * 3 + [False] * 2
    assert server.admit("b", ["event", {"name": ADD_DOT, "payload": {"item_id": 2}}])


def test_browser_kept_values_are_taken_up_to_their_limit(fresh_settings):
    """Finding 2: a hydrate carried ~0.9 MB per browser-kept value, kept in the tab's state for an
    hour. Values over browser_value_chars, values that are not text, and names that are not
    browser-kept vars are left out (the var keeps its default); so are hashes that are not
    short texts."""
    fresh_settings.setenv("ENTAJOS_BROWSER_VALUE_CHARS", "100")
    server = _server()
    fits_exactly, one_more = "x" * 100, "x" * 101
    for handler in (HYDRATE, "reflex___state____state.reflex___state____update_vars_internal_state"
                             ".update_vars_internal"):
        event = {"name": handler, "payload": {"vars": {TOKENS: one_more, LANG: fits_exactly, "nope.x_rx_state_": "1",
                                                       f"{BrowserSecrets.get_full_name()}.forgotten_rx_state_": "1"}}}
        assert server.admit("a", ["event", event])
        assert event["payload"]["vars"] == {LANG: fits_exactly}
    for hashes, kept in ((["a" * 16] * 3, True), (5, False), (["a" * 65], False), ([1], False), (["a"] * 1001, False)):
        event = {"name": HYDRATE, "payload": {"vars": {TOKENS: [1]}, "hashes": hashes}}
        assert server.admit("a", ["event", event])
        assert event["payload"] == ({"vars": {}, "hashes": hashes} if kept else {"vars": {}})
    assert not server.admit("a", ["event", {"name": HYDRATE, "payload": {"vars": {}, "zzz": 1}}])


def test_router_data_is_a_page_address_within_its_limit(fresh_settings):
    """Reflex keeps every key of an event's router data in the tab's state: only the keys the
    frontend sends, text only, at most address_chars in all (a setting)."""
    fresh_settings.setenv("ENTAJOS_ADDRESS_CHARS", "100")
    server = _server()
    path = "/w/AAAAAAAA"

    def admitted(router_data) -> bool:
        return server.admit("a", ["event", {"name": ADD_DOT, "payload": {"item_id": 1}, "router_data": router_data}])

    assert admitted({"pathname": path, "asPath": path + "?lang=fi", "query": {"code": "AAAAAAAA", "lang": "fi"}})
    assert admitted({}) and admitted({"pathname": path})
    assert admitted({"pathname": path, "asPath": path + "?x=" + "q" * (100 - 2 * len(path) - 3)})
    refused = [{"pathname": path, "asPath": path + "?x=" + "q" * (100 - 2 * len(path) - 2)},
               {"pathname": path, "junk": "x"}, {"pathname": 5}, {"pathname": path, "query": "x"},
               {"pathname": path, "query": {"x": 1}}, {"pathname": path, "query": {"x": "q" * 100}}, "x", [path]]
    assert [admitted(router_data) for router_data in refused] == [False] * len(refused)


def test_the_hydrate_event_of_a_connect_packet_passes_the_same_checks(fresh_settings, monkeypatch):
    """Reflex runs the event in socket.io's CONNECT packet (the frontend's hydrate) without an
    event packet: a refused one refuses the connection, an admitted one has its values cut."""
    from socketio import AsyncServer, packet

    fresh_settings.setenv("ENTAJOS_BROWSER_VALUE_CHARS", "100")
    server = _server()
    connected, sent = [], []
    monkeypatch.setattr(AsyncServer, "_handle_connect", lambda self, sid, namespace, data: _record(connected, data))
    monkeypatch.setattr(server, "_send_packet", lambda sid, pkt: _record(sent, pkt.packet_type))
    helper = {"name": f"{BrowserSecrets.get_full_name()}.remember_participant_token",
              "payload": {"code": "Z" * 50_000, "token": "t"}}
    hydrate = {"name": HYDRATE, "payload": {"vars": {TOKENS: "x" * 101}}}
    for auth in ({"event": helper}, {"event": hydrate}, None):
        _run_here(server._handle_connect("s", "/_event", auth))
    assert sent == [packet.CONNECT_ERROR]
    assert connected == [{"event": {"name": HYDRATE, "payload": {"vars": {}}}}, None]


async def _record(into: list, value) -> None:
    into.append(value)


def _run_here(coroutine):
    """``run`` with this thread's context variables (the app's registry of handlers)."""
    context = contextvars.copy_context()
    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(context.run, asyncio.run, coroutine).result()


def test_new_sockets_per_address_are_limited_over_time_not_only_while_open(fresh_settings):
    """Red-team round 3, F1: one address opened ~70 fresh tabs a second, each closed at once,
    and each left a tab state in memory. Past ``connections_per_address`` a new socket is
    refused even though none is open; a refused one does not count, other addresses pass."""
    from workshop.live.ratelimit import limiter
    fresh_settings.setenv("ENTAJOS_CONNECTIONS_PER_ADDRESS", "5/minute")
    limiter().reset()
    server = _server()

    async def scenario() -> list:
        answers = []
        for i in range(8):
            answers.append(await server._handle_eio_connect(f"c{i}", _environ("192.0.2.44")))
            if answers[-1] is None:
                await server._handle_eio_disconnect(f"c{i}", "client disconnect")
        answers.append(await server._handle_eio_connect("other", _environ("192.0.2.45")))
        return answers

    assert run(scenario()) == [None] * 5 + [False] * 3 + [None]
    assert server.open_sockets == {"192.0.2.45": 1}
    limiter().reset()


def test_the_default_lets_a_classroom_reconnect_at_once():
    """A school of 400 phones behind one address, all reconnecting after a Wi-Fi drop, twice."""
    from workshop.live.ratelimit import limiter
    limiter().reset()
    server = _server()

    async def scenario() -> list:
        answers = []
        for round_ in range(2):
            for i in range(400):
                answers.append(await server._handle_eio_connect(f"r{round_}-{i}", _environ("192.0.2.46")))
            for i in range(400):
                await server._handle_eio_disconnect(f"r{round_}-{i}", "transport close")
        return answers

    assert False not in run(scenario())
    limiter().reset()


def test_the_client_token_is_read_from_the_connect_query_as_reflex_reads_it():
    from workshop.live.socket_server import QUERY_CHARS, TOKEN_CHARS, client_token

    def token(query: object) -> str | None:
        return client_token({"QUERY_STRING": query} if query is not None else {})

    assert token("EIO=4&transport=websocket&token=abc-123") == "abc-123"
    assert token("token=first&token=second") == "first"  # Reflex takes the first
    assert token("token=a%20b%26c") == "a b&c"
    assert [token(q) for q in (None, "", "EIO=4", "token=", "token", b"token=abc", 7)] == [None] * 7
    assert token("token=" + "t" * TOKEN_CHARS) == "t" * TOKEN_CHARS
    assert token("token=" + "t" * (TOKEN_CHARS + 1)) is None
    assert token("token=abc&x=" + "q" * QUERY_CHARS) is None


class _FullWorker:
    """Tab states of a worker that holds ``states`` (TabStates.full and .held)."""

    def __init__(self, states: set[str]) -> None:
        self.states = states

    def full(self) -> bool:
        return len(self.states) >= settings().tab_states_per_worker

    def held(self, token: str | None) -> bool:
        return token in self.states


def test_a_full_worker_refuses_new_tabs_with_one_log_line_a_burst(fresh_settings, caplog):
    """The connect-time half of tests/live/test_tab_states.py's cap, from many addresses."""
    fresh_settings.setenv("ENTAJOS_TAB_STATES_PER_WORKER", "2")
    server = _server()
    worker = server.tab_states = _FullWorker({"known"})

    async def connect(i: int, token: str) -> bool:
        environ = _environ(f"198.51.100.{i}") | {"QUERY_STRING": f"EIO=4&transport=websocket&token={token}"}
        return await server._handle_eio_connect(f"t{i}", environ) is None

    async def scenario() -> list:
        answers = [await connect(1, "new-1")]
        worker.states.add("new-1")  # the worker is full
        answers += [await connect(i, f"new-{i}") for i in range(2, 6)] + [await connect(6, "known")]
        worker.states.discard("known")  # the grace dropped one
        answers.append(await connect(7, "new-7"))
        worker.states.add("new-7")
        answers.append(await connect(8, "new-8"))
        return answers

    with caplog.at_level(logging.WARNING, logger="workshop.live.socket_server"):
        assert run(scenario()) == [True, False, False, False, False, True, True, False]
    assert [r.getMessage() for r in caplog.records] == ["sockets refused: this worker holds 2 tab states"] * 2

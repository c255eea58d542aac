"""What a socket can call, and what it can make the server hold or log (red-team findings 2 and 5).

Finding 2: BrowserSecrets' helpers (``remember_participant_token``, ``participant_token``...),
and ``route_code``, ``socket_id``, ``load_page`` of the page states, were public event
handlers (Reflex makes every public method of a state one); browser-kept values
(``rx.LocalStorage`` / ``rx.SessionStorage``) of any size were kept in the tab's state.
Finding 5: calls whose arguments do not fit the handler logged a traceback (and the name of
an unexpected argument verbatim: newlines forged log lines) and answered "An error occurred".

Each test connects from a loopback address of its own (``source``), so they share no
per-address counter with each other or with other tests.
"""

from __future__ import annotations

import asyncio
import json

import pytest

from benchmarks.reflex_socket import HYDRATE, NAMESPACE, ReflexTab
from tests.asyncio_support import run
from tests.live.sockets import KEYS, TOKENS, log_since, log_size, what_if_room
from workshop.domain.codes import CODE_ALPHABET
from workshop.settings import settings
from workshop.state.facilitator import FacilitatorState
from workshop.state.home import HomeState
from workshop.state.participant import JoinState, ParticipantState
from workshop.state.secrets import BrowserSecrets

ME = ParticipantState.get_full_name()
FACILITATOR = FacilitatorState.get_full_name()
HOME = HomeState.get_full_name()
JOIN = JoinState.get_full_name()
SECRETS = BrowserSecrets.get_full_name()
DISPLAY = f"{SECRETS}.display_keys_rx_state_"
RESULTS = f"{SECRETS}.results_keys_rx_state_"
# The helpers the red team called (a16) and those that raised tracebacks (a4).
HELPERS = {
    SECRETS: {"remember_participant_token": {"code": "ABCDEFGH", "token": "t"}, "participant_token": {"code": "X"},
              "remember_facilitator_key": {"code": "X", "key": "k"}, "facilitator_key": {"code": "X"},
              "remember_portfolio_key": {"code": "X", "key": "k", "coordinator": True},
              "invitation": {}, "forget_invitation": {}, "remember_invitation": {"code": "X", "key": "k"}},
    ME: {"route_code": {}, "socket_id": {}, "load_page": {}},
    FACILITATOR: {"route_code": {}, "socket_id": {}, "load_page": {}},
}


# Every event handler of every state, as the app registers them (what a socket can name). A
# public method of a state is a handler: a helper is a private method (``_name``) or a plain
# function. A new handler fails here until it is added (and given its refusal tests).
INTENDED = {
    # Reflex's own: hydration, page loads, browser-kept values, browser error reports.
    "State": {"hydrate", "hydrate_and_load", "set_is_hydrated"},
    "OnLoadInternalState": {"on_load_internal", "set_is_hydrated"},
    "UpdateVarsInternalState": {"update_vars_internal"},
    "FrontendEventExceptionState": {"handle_frontend_exception"},
    "SharedStateBaseInternal": set(),
    "FacilitatorState": {
        "accept_all_suggestions", "accept_suggestion", "add_prompt", "add_timer_minute", "another_facilitator_link",
        "another_results_link", "another_screen_link", "open_big_screen", "brief_from",
        "briefs_from_top", "clear_selection", "close_round", "delete_brief", "delete_cluster", "delete_workshop",
        "discard_suggestions", "dismiss_notice", "dismiss_rejected", "download", "drop_idea", "edit_prompt",
        "forget_my_key", "go_to_phase", "hide_idea", "hide_prompt", "hide_until_reveal", "join_portfolio",
        "leave_portfolio", "load", "load_participants", "make_results_link", "merge_clusters", "move_cluster",
        "move_prompt", "move_selected", "new_cluster", "open_brief", "open_round", "pause_timer", "publish_brief",
        "remove_participant", "rename_cluster", "rename_suggestion", "renew_screen_link", "reopen_round",
        "resume_timer", "reveal", "reveal_round", "rotate_facilitator_key", "save_brief_text", "save_where_when",
        "select_idea", "set_brief_choice", "set_closed", "set_filter_kind", "set_filter_prompt", "set_input_locked",
        "set_one_prompt_at_a_time", "set_participants_group", "show_prompt", "skip_suggestion", "start_timer",
        "step", "stop_timer", "suggest_grouping", "take_in_suggestion", "toggle_more", "withdraw_brief"},
    "HomeState": {"create", "drop_invitation", "join", "load"},
    "LanguageState": {"set_language"},
    "JoinState": {"dismiss_notice", "join", "load"},
    "ParticipantState": {
        "add_dot", "add_idea", "choose_prompt", "clear_selection", "delete_idea", "dismiss_notice", "drop_idea",
        "edit_idea", "load", "move_selected", "new_cluster", "remove_dot", "rename_cluster", "select_idea",
        "show_all_others", "start_editing", "stop_editing", "suggest_to_brief"},
    "PortfolioCreation": {"create_portfolio"},
    "PortfolioState": {
        "another_coordinator_link", "another_invitation_link", "another_viewer_link",
        "clear_filters", "delete_portfolio", "dismiss_notice", "download", "load", "renew_invitation_link",
        "renew_viewer_link", "rotate_coordinator_link", "set_search", "set_status", "toggle_filter"},
    "PrivacyState": {"load"},
    "ResultsState": {"dismiss_notice", "download", "load"},
    "RoomView": set(),
    "RunSheetState": {"include", "load"},
    "ScreenState": {"dismiss_notice", "load"},
    "BrowserSecrets": {"forget_here", "forget_ended"},
}


def test_every_handler_of_every_state_is_intended():
    """Finding 2: BrowserSecrets' helpers, route_code, socket_id, load_page and apply_on_load
    were handlers. Reflex's ``setvar`` (on every state) is refused by the socket server."""
    from reflex_base.registry import RegistrationContext

    from workshop.live.socket_server import _handler
    from workshop.workshop import app  # noqa: F401 - registers every page's state

    registered: dict[str, set[str]] = {}
    for name, handler in RegistrationContext.get().event_handlers.items():
        registered.setdefault(handler.states[0].__name__, set()).add(name.rpartition(".")[2])
    assert {state: names - {"setvar"} for state, names in registered.items()} == INTENDED
    for name in RegistrationContext.get().event_handlers:
        assert (_handler(name) is None) == name.endswith(".setvar"), name


def test_a_browser_map_keeps_codes_secrets_and_its_limits(monkeypatch):
    """The maps are parsed defensively and written within both limits (settings)."""
    from workshop.state import secrets

    monkeypatch.setenv("ENTAJOS_BROWSER_MAP_ENTRIES", "3")
    monkeypatch.setenv("ENTAJOS_BROWSER_VALUE_CHARS", "200")
    settings.cache_clear()
    try:
        a, b, c, d = "AAAAAAAA", "CCCCCC", "EEEEEEEE", "FFFFFFFF"
        for raw in (None, 5, "", "[1]", "{", '"x"', json.dumps({a: "k"}) + " " * 200):
            assert secrets._read(raw) == {}
        messy = {"aaaaaaaa": "k", "BBBBBBBB": "k", a: 5, b: "", c: "x" * 65, d: "k"}
        assert secrets._read(json.dumps(messy)) == {d: "k"}
        # The newest entries are kept, a code written again becomes the newest.
        held = json.dumps({a: "1", b: "2", c: "3"})
        assert secrets._read(json.dumps({"CCCCCCCC": "0", **json.loads(held)})) == {a: "1", b: "2", c: "3"}
        assert json.loads(secrets._with(held, a, "9")) == {b: "2", c: "3", a: "9"}
        assert json.loads(secrets._with(held, d, "4")) == {b: "2", c: "3", d: "4"}
        assert secrets._with(held, "not a code", "4") == secrets._with(held, a, "x" * 65) == held.replace(" ", "")
        # Within the value limit: long secrets leave room for fewer entries.
        long = secrets._with(secrets._with(secrets._with("{}", a, "x" * 60), b, "y" * 60), c, "z" * 60)
        assert len(long) <= 200 and list(json.loads(long)) == [b, c]
        assert secrets._without(long, c) == json.dumps({b: "y" * 60}, separators=(",", ":"))
    finally:
        settings.cache_clear()


@pytest.fixture
def room(database):
    """A workshop in the what-if phase with one prompt and one participant: (code, key, token)."""
    return what_if_room(database, "Pinta")[:3]


def _received(tab: ReflexTab) -> int:
    """Bytes of everything the tab was sent (as JSON)."""
    return len(json.dumps([update for _, update in tab.updates]))


async def _calm(seconds: float = 1.05) -> None:
    """A script, not a person: stay within events_per_socket (30 a second)."""
    await asyncio.sleep(seconds)


def test_helper_methods_are_not_handlers(running_app):
    """a16: one socket with no key called remember_participant_token 40 times with 50 KB codes;
    the tab's map grew to 40 entries (~2 MB) and the server sent back 40 MB. Now every
    helper is refused like an unknown handler: nothing in the tab's state, nothing sent back,
    no traceback, at most client_log_lines log lines."""
    offset = log_size(running_app)

    async def scenario() -> tuple[int, list, list]:
        tab = ReflexTab(running_app.url, "/privacy", source="127.0.31.1")
        await tab.connect()
        await _calm(0.5)
        tab.updates.clear()
        for n in range(40):
            await tab.send(f"{SECRETS}.remember_participant_token", code=f"{n:05d}" + "Z" * 50_000, token="t")
            await asyncio.sleep(0.05)
        await _calm()
        for state, calls in HELPERS.items():
            for handler, payload in calls.items():
                await tab.send(f"{state}.{handler}", **payload)
        await _calm(1.5)
        # The tab itself still works: forgetting everything here writes back what the server holds.
        await tab.send(f"{SECRETS}.forget_here")
        await tab.wait_for(SECRETS, "forgotten", bool)
        held = tab.values(SECRETS, "participant_tokens")
        await tab.close()
        return _received(tab), held, [u for _, u in tab.updates if "rror" in json.dumps(u)]

    received, held, errors = run(scenario())
    assert received < 5_000, received
    assert held in ([], ["{}"]), [len(value) for value in held]
    assert errors == []
    logged = log_since(running_app, offset)
    assert "Traceback" not in logged
    assert logged.count("event dropped") <= 10
    assert len(logged) < 5_000, len(logged)


def _blob(entries: int, width: int) -> str:
    return json.dumps({f"C{n:07d}": "x" * width for n in range(entries)})


def test_oversized_browser_values_are_ignored(running_app, room):
    """a12: each connection hydrated with ~0.9 MB browser-kept values and the worker kept them
    for an hour. A value over browser_value_chars counts as empty: the server holds "{}" (as
    forget_here shows, which writes back what it holds), sends nothing big back, and an
    oversized map opens nothing even when it holds the right token."""
    code, key, token = room
    cap = settings().browser_value_chars
    big = _blob(1000, 880)  # ~0.9 MB
    padded = json.dumps({code: token} | {f"C{n:07d}": "x" * 880 for n in range(1000)})

    async def scenario() -> tuple[list[int], list, object, object]:
        sizes, echoes = [], []
        for n in range(20):  # one value per tab: a socket message is at most 1 MB
            storage = {(TOKENS, KEYS, DISPLAY, RESULTS)[n % 4]: big}
            tab = ReflexTab(running_app.url, f"/w/{code}", storage=storage, source="127.0.31.2")
            await tab.connect()
            await _calm(0.3)
            if n < 2:
                await tab.send(f"{SECRETS}.forget_here")
                await tab.wait_for(SECRETS, "forgotten", bool)
                echoes += tab.values(SECRETS, "participant_tokens") + tab.values(SECRETS, "facilitator_keys")
            sizes.append(_received(tab))
            await tab.close()
        # The right token inside an oversized map: not seated (the page sends the tab to /join).
        phone = ReflexTab(running_app.url, f"/w/{code}", storage={TOKENS: padded}, source="127.0.31.2")
        await phone.connect()
        await _calm(1.0)
        seated = phone.values(ME, "role")
        await phone.close()
        # The same token in a map of normal size: seated.
        fine = ReflexTab(running_app.url, f"/w/{code}", storage={TOKENS: json.dumps({code: token})},
                         source="127.0.31.2")
        await fine.connect()
        role = await fine.wait_for(ME, "role", bool)
        await fine.close()
        return sizes, echoes, seated, role

    sizes, echoes, seated, role = run(scenario())
    assert len(big) > 100 * cap
    assert max(sizes) < 100_000, sizes
    assert echoes and all(len(value) <= 2 for value in echoes), [len(value) for value in echoes]
    assert not any(seated), seated
    assert role == "parent"


def test_browser_maps_keep_valid_codes_and_at_most_their_entries(running_app, room):
    """A map within the size limit but full of entries that are not codes, and of more
    workshops than browser_map_entries: joining keeps only real codes, at most that many,
    the newest (this workshop's token) among them."""
    code, _key, _token = room
    limit = settings().browser_map_entries
    codes = [f"{CODE_ALPHABET[n // 20]}{CODE_ALPHABET[n % 20]}AAAAAA" for n in range(limit + 10)]
    held = {c: "t" * 32 for c in codes} | {"not a code": "x", "ABC": "y", "FFFFFFFF": 5}
    assert len(json.dumps(held)) < settings().browser_value_chars

    async def scenario() -> dict:
        tab = ReflexTab(running_app.url, f"/join/{code}", storage={TOKENS: json.dumps(held)}, source="127.0.31.3")
        await tab.connect()
        await tab.wait_for(JOIN, "open_for_joining", bool)
        await tab.send(f"{JOIN}.join", form={"role": "parent", "nickname": ""})
        written = await tab.wait_for(SECRETS, "participant_tokens", lambda value: code in value)
        await tab.close()
        return json.loads(written)

    written = run(scenario())
    assert len(written) == limit
    assert list(written)[-1] == code
    assert set(written) - {code} <= set(codes)
    assert list(written)[:-1] == codes[-(limit - 1):]


def test_calls_that_do_not_fit_the_handler_are_refused_before_it_runs(running_app, room):
    """a4: every handler of the participant, facilitator, join and home pages with no arguments
    and with an unknown one, from a socket with no key, plus malformed events. No traceback,
    no "An error occurred", at most client_log_lines log lines for the socket."""
    code, _key, _token = room
    offset = log_size(running_app)
    states = {ME: ParticipantState, FACILITATOR: FacilitatorState, JOIN: JoinState, HOME: HomeState,
              SECRETS: BrowserSecrets}

    async def scenario() -> tuple[int, list]:
        tab = ReflexTab(running_app.url, f"/w/{code}", source="127.0.31.4")
        await tab.connect()
        await _calm(0.5)
        sent = 0
        for name, cls in states.items():
            for handler in sorted(cls.event_handlers):
                for payload in ({}, {"zzz": 1}):
                    await tab.send(f"{name}.{handler}", **payload)
                    sent += 1
                    if sent % 20 == 0:
                        await _calm()
        for event in ({"name": f"{ME}.add_dot", "payload": [1]}, {"name": f"{ME}.add_dot", "payload": "x"},
                      {"name": f"{ME}.add_dot", "payload": {"item_id": 1}, "router_data": "x"},
                      {"name": 5}, {"name": f"{ME}.add_dot", "payload": {"item_id": 1, "": 2}}):
            await tab.sio.emit("event", event, namespace=NAMESPACE)
        await _calm(2.0)
        await tab.close()
        return sent, [u for _, u in tab.updates if "error occurred" in json.dumps(u).lower()]

    sent, errors = run(scenario())
    assert sent > 100
    assert errors == []
    logged = log_since(running_app, offset)
    assert "Traceback" not in logged, logged[:3000]
    assert "Backend Exception" not in logged
    assert logged.count("event dropped") <= 10
    assert len(logged) < 10_000, len(logged)


def test_an_unexpected_argument_name_forges_no_log_line(running_app, room):
    """a5: an argument named with newlines and a fake "[Reflex Backend Exception]" line, one of
    200 KB, and a burst of 30 calls with 100 KB names from one socket (3 MB of log before)."""
    code, _key, token = room
    offset = log_size(running_app)
    forged = "x'\n\n[Reflex Backend Exception]\n FORGED: participant token abc was used by facilitator\n"

    async def scenario() -> None:
        tab = ReflexTab(running_app.url, f"/w/{code}", storage={TOKENS: json.dumps({code: token})},
                        source="127.0.31.5")
        await tab.connect()
        await tab.wait_for(ME, "role", bool)
        await tab.send(f"{ME}.add_dot", item_id=1, **{forged: 1})
        await tab.send(f"{ME}.add_dot", item_id=1, **{"B" * 200_000: 1})
        await _calm()
        for n in range(30):
            await tab.send(f"{ME}.add_dot", item_id=1, **{f"{n}" + "C" * 100_000: 1})
        await _calm(2.0)
        await tab.close()

    run(scenario())
    logged = log_since(running_app, offset)
    assert "FORGED" not in logged.replace("\\n FORGED", "")
    assert not any(line.lstrip().startswith(("FORGED", "[Reflex Backend Exception]")) for line in logged.splitlines())
    assert "Traceback" not in logged
    assert len(logged) < 10_000, len(logged)


def test_an_events_router_data_is_a_page_address(running_app, room):
    """Reflex keeps every key of an event's router data in the tab's state, merged with those
    before (a new 200 KB key each event grew it without end), echoes the address back in the
    router var, and raised on a query that is not a dict or a path that is not text."""
    code, _key, token = room
    offset = log_size(running_app)
    path = f"/w/{code}"

    async def scenario() -> tuple[int, list]:
        tab = ReflexTab(running_app.url, path, storage={TOKENS: json.dumps({code: token})}, source="127.0.31.9")
        await tab.connect()
        await tab.wait_for(ME, "role", bool)
        await _calm(0.5)
        tab.updates.clear()
        odd = [{"pathname": path, "asPath": path, f"junk{n}": "J" * 200_000} for n in range(10)] + [
            {"pathname": path, "asPath": f"{path}?lang=fi&x=" + "q" * 500_000},
            {"pathname": path, "asPath": path, "query": {"code": code, "x": "q" * 500_000}},
            {"pathname": path, "asPath": path, "query": "x"},
            {"pathname": 5, "asPath": path},
        ]
        for router_data in odd:
            event = {"name": f"{ME}.select_idea", "payload": {"idea_id": 1}, "router_data": router_data}
            await tab.sio.emit("event", event, namespace=NAMESPACE)
            await asyncio.sleep(0.1)
        await _calm(1.5)
        tab.updates.clear()
        await tab.send(f"{ME}.dismiss_notice")  # the tab still works
        await _calm(0.5)
        worked = bool(tab.updates)
        await tab.close()
        return _received(tab), worked

    received, worked = run(scenario())
    assert received < 5_000, received
    assert worked
    logged = log_since(running_app, offset)
    assert "Traceback" not in logged, logged[:3000]
    assert logged.count("event dropped") <= 10
    assert len(logged) < 5_000, len(logged)


def test_the_connect_packet_cannot_call_what_a_socket_may_not(running_app, room):
    """The frontend puts its hydrate event into socket.io's CONNECT packet, which Reflex runs
    without going through the event checks: a helper named there ran (and grew the tab's map)."""
    code, _key, _token = room
    offset = log_size(running_app)

    async def connect(event: dict, source: str) -> tuple[bool, ReflexTab]:
        tab = ReflexTab(running_app.url, f"/w/{code}", source=source)
        try:
            await tab.sio.connect(f"{running_app.url}?token={tab.token}", socketio_path="/_event",
                                  transports=["websocket"], namespaces=[NAMESPACE], auth={"event": event},
                                  wait_timeout=10)
        except Exception:  # refused: the client library raises
            return False, tab
        await _calm(1.0)
        await tab.close()
        return True, tab

    async def scenario() -> list:
        router = {"pathname": f"/w/{code}", "asPath": f"/w/{code}"}
        answers = []
        for n, event in enumerate((
            {"name": f"{SECRETS}.remember_participant_token", "payload": {"code": "Z" * 50_000, "token": "t"},
             "router_data": router},
            {"name": f"{ME}.add_dot", "payload": {"zzz": 1}, "router_data": router},
            {"name": HYDRATE, "payload": {"vars": {"nope.nothing_rx_state_": "x", TOKENS: ["not", "text"]},
                                          "hashes": 5}, "router_data": router},
        )):
            connected, tab = await connect(event, f"127.0.31.{6 + n}")
            answers.append((connected, _received(tab), tab.values(SECRETS, "participant_tokens")))
        return answers

    answers = run(scenario())
    assert [sent < 100_000 and all(len(v) <= 2 for v in held) for _, sent, held in answers] == [True] * 3
    # A hydrate with nonsense values still connects (the values are ignored) ...
    assert answers[2][0] is True
    logged = log_since(running_app, offset)
    assert "Traceback" not in logged, logged[:3000]

"""One-time links over raw sockets, as any browser or script could open them: each kind
(facilitator, big screen, results, coordinator, viewer, invitation) opens its page once and
hands its key to that tab's browser storage; used again, or garbage, an expired opener,
one of another purpose or of another workshop, it opens nothing, says so, sends no key and
changes nothing stored, unless the tab already holds a working key. Past the limit of
unopened links a new one is refused and nothing is stored."""

from __future__ import annotations

import itertools
import json
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from benchmarks.reflex_socket import ReflexTab
from tests.asyncio_support import run
from tests.live.sockets import KEYS, facilitator_tab, refusal
from workshop.domain.creation import NewWorkshop
from workshop.domain.openers import opener_path
from workshop.domain.vocabulary import Opener
from workshop.settings import settings
from workshop.state.facilitator import FacilitatorState
from workshop.state.home import HomeState
from workshop.state.portfolio_page import PortfolioState
from workshop.state.results_page import ResultsState
from workshop.state.screen import ScreenState
from workshop.state.secrets import BrowserSecrets
from workshop.store import openers, portfolio, workshops
from workshop.store.models import Opener as OpenerRow
from workshop.store.models import Portfolio, Workshop, now

SECRETS = BrowserSecrets.get_full_name()
# Per purpose: the page's state, the var saying it opened, the refusal it shows, and the
# browser storage var (BrowserSecrets) that keeps what the link hands over.
PAGES = {
    Opener.FACILITATOR: (FacilitatorState, "authorized", "openers.used_workshop", "facilitator_keys"),
    Opener.DISPLAY: (ScreenState, "authorized", "openers.used_workshop", "display_keys"),
    Opener.RESULTS: (ResultsState, "allowed", "openers.used_workshop", "results_keys"),
    Opener.COORDINATOR: (PortfolioState, "allowed", "openers.used_portfolio", "portfolio_keys"),
    Opener.VIEWER: (PortfolioState, "allowed", "openers.used_portfolio", "portfolio_view_keys"),
    Opener.INVITATION: (HomeState, "invited_title", "openers.used_portfolio", "invitations"),
}
NOTICE = {HomeState: "create_error"}
_ADDRESSES = (f"127.0.{n // 250 + 70}.{n % 250 + 2}" for n in itertools.count())


@pytest.fixture
def room(database):
    """A workshop and a portfolio with every key, and another workshop."""
    with Session(database) as session, session.begin():
        made = workshops.create_workshop(session, NewWorkshop(title="Avaimet", challenge="", language="fi"))
        workshop = session.get(Workshop, made.id)
        other = workshops.create_workshop(session, NewWorkshop(title="Toinen", challenge="", language="fi"))
        owned = portfolio.create_portfolio(session, "Salkku")
        keys = {Opener.FACILITATOR: made.facilitator_key,
                Opener.DISPLAY: workshops.display_key(workshop, made.facilitator_key),
                Opener.RESULTS: workshops.new_results_key(workshop, made.facilitator_key),
                Opener.COORDINATOR: owned.coordinator_key, Opener.VIEWER: owned.viewer_key,
                Opener.INVITATION: owned.invitation_key}
        return {"code": made.code, "id": made.id, "portfolio": owned.code, "portfolio_id": owned.id,
                "keys": keys, "other": other}


def _code(room: dict, purpose: Opener) -> str:
    return room["portfolio"] if purpose in (Opener.COORDINATOR, Opener.VIEWER, Opener.INVITATION) else room["code"]


def _mint(database, room: dict, purpose: Opener, at=None, workshop_code: str | None = None) -> str:
    with Session(database) as session, session.begin():
        if purpose in (Opener.COORDINATOR, Opener.VIEWER, Opener.INVITATION):
            target = session.get(Portfolio, room["portfolio_id"])
        else:
            target = session.scalar(select(Workshop).where(Workshop.code == (workshop_code or room["code"])))
        return openers.mint(session, purpose, room["keys"][purpose], target, at=at)


def _stored(database) -> tuple:
    """Every key hash and every opener, as stored."""
    with Session(database) as session:
        hashes = [(w.facilitator_key_hash, w.display_key_hash, w.results_key_hash, w.results_key_sealed)
                  for w in session.scalars(select(Workshop).order_by(Workshop.id))]
        hashes += [(p.coordinator_key_hash, p.viewer_key_hash, p.invitation_key_hash, p.viewer_key_sealed)
                   for p in session.scalars(select(Portfolio).order_by(Portfolio.id))]
        return hashes, sorted(session.scalars(select(OpenerRow.token_hash)))


async def _open(app, purpose: Opener, code: str, token: str, storage: dict | None = None) -> tuple[object, str, list]:
    """Open the page of ``purpose`` with the one-time link of ``token``: whether it opened,
    its refusal, and what the server told the browser to keep (non-empty maps only)."""
    state, opened, _, kept = PAGES[purpose]
    tab = ReflexTab(app.url, opener_path(purpose, code, token), storage=storage or {}, source=next(_ADDRESSES))
    await tab.connect()
    notice = NOTICE.get(state, "notice")
    if state is PortfolioState:
        await tab.wait_for(state.get_full_name(), "loaded", bool)
    else:
        await tab.wait_for(state.get_full_name(), notice, lambda _: True)
        if not tab.values(state.get_full_name(), opened) or not any(tab.values(state.get_full_name(), opened)):
            try:
                await tab.wait_for(state.get_full_name(), opened, bool, timeout=1.5)
            except TimeoutError:
                pass
    shown = any(tab.values(state.get_full_name(), opened))
    notices = [n for n in tab.values(state.get_full_name(), notice) if n]
    held = [json.loads(v) for v in tab.values(SECRETS, kept) if v != "{}"]
    await tab.close()
    return shown, notices[-1] if notices else "", held


def test_each_link_opens_once_and_hands_its_key_to_that_browser(running_app, database, room):
    tokens = {purpose: _mint(database, room, purpose) for purpose in PAGES}

    async def scenario() -> dict:
        seen = {}
        for purpose, token in tokens.items():
            code = _code(room, purpose)
            first = await _open(running_app, purpose, code, token)
            again = await _open(running_app, purpose, code, token)
            seen[purpose] = (first, again)
        return seen

    seen = run(scenario())
    for purpose, ((opened, notice, held), again) in seen.items():
        code = _code(room, purpose)
        assert opened and notice == "" and held[-1] == {code: room["keys"][purpose]}, purpose
        assert again == (False, PAGES[purpose][2], []), purpose
    with Session(database) as session:
        assert session.scalars(select(OpenerRow.purpose).where(
            (OpenerRow.workshop_id == room["id"]) | (OpenerRow.portfolio_id == room["portfolio_id"]))).all() == []


def test_garbage_used_expired_or_foreign_links_open_nothing_and_change_nothing(running_app, database, room):
    other = room["other"]
    used = _mint(database, room, Opener.FACILITATOR)
    with Session(database) as session, session.begin():
        openers.take(session, [Opener.FACILITATOR], room["code"], used)
    results = _mint(database, room, Opener.RESULTS)  # another purpose: stays for its own page
    elsewhere = _mint(database, {**room, "keys": {Opener.FACILITATOR: other.facilitator_key}},
                      Opener.FACILITATOR, workshop_code=other.code)  # another workshop's: stays
    viewer = _mint(database, room, Opener.VIEWER)
    before = _stored(database)
    # An expired one is deleted when tried (it opened nothing either way): minted after ``before``.
    expired = _mint(database, room, Opener.FACILITATOR, at=now() - timedelta(days=settings().opener_days, seconds=1))
    garbage = ["x", "x" * 1_500, "\u00e4\u0000\u202e" * 20, "' OR 1=1 --", used, expired, results, elsewhere, viewer,
               room["keys"][Opener.FACILITATOR]]  # a key where an opener goes opens nothing either

    async def scenario() -> list:
        seen = []
        for token in garbage:
            seen.append(await _open(running_app, Opener.FACILITATOR, room["code"], token))
        for purpose in (Opener.DISPLAY, Opener.RESULTS, Opener.COORDINATOR, Opener.INVITATION):
            seen.append(await _open(running_app, purpose, _code(room, purpose), "garbage-" + purpose))
        return seen

    seen = run(scenario())
    assert seen[:len(garbage)] == [(False, "openers.used_workshop", [])] * len(garbage)
    assert seen[len(garbage):] == [(False, PAGES[p][2], []) for p in (
        Opener.DISPLAY, Opener.RESULTS, Opener.COORDINATOR, Opener.INVITATION)]
    assert _stored(database) == before


def test_a_used_link_opens_the_page_for_a_browser_that_holds_its_key(running_app, database, room):
    token = _mint(database, room, Opener.FACILITATOR)
    with Session(database) as session, session.begin():
        openers.take(session, [Opener.FACILITATOR], room["code"], token)
    held = {KEYS: json.dumps({room["code"]: room["keys"][Opener.FACILITATOR]})}
    opened, notice, kept = run(_open(running_app, Opener.FACILITATOR, room["code"], token, held))
    assert (opened, notice) == (True, "")
    assert kept and all(value == {room["code"]: room["keys"][Opener.FACILITATOR]} for value in kept)  # nothing new


def test_a_link_past_the_limit_of_unopened_ones_is_refused(running_app, database, room):
    with Session(database) as session, session.begin():
        workshop = session.get(Workshop, room["id"])
        for _ in range(settings().openers_per_target):
            openers.mint(session, Opener.FACILITATOR, room["keys"][Opener.FACILITATOR], workshop)
    before = _stored(database)

    async def scenario() -> list:
        desk = facilitator_tab(running_app, room["code"], room["keys"][Opener.FACILITATOR])
        await desk.connect()
        await desk.wait_for(FacilitatorState.get_full_name(), "authorized", bool)
        refused = [await refusal(desk, FacilitatorState.get_full_name(), handler)
                   for handler in ("another_facilitator_link", "another_screen_link", "another_results_link",
                                   "open_big_screen")]
        links = [v for name in ("device_link", "screen_link", "results_link")
                 for v in desk.values(FacilitatorState.get_full_name(), name) if v]
        await desk.close()
        return refused, links

    refused, links = run(scenario())
    assert refused == ["openers.too_many"] * 4 and links == []
    assert _stored(database) == before


async def _minted(tab: ReflexTab, state: str, handler: str, var: str) -> str:
    """The one-time link a handler of the (coordinator's or facilitator's) tab makes."""
    tab.updates.clear()
    await tab.send(f"{state}.{handler}")
    return await tab.wait_for(state, var, bool)


def _token(link: str) -> str:
    return link.rsplit("open=", 1)[1]


def test_a_new_facilitator_or_coordinator_link_cuts_off_what_the_leaked_one_handed_out(running_app, database, room):
    """Red-team finding F2 (a2, a2b): a leaked facilitator (coordinator) link makes results
    (viewer, invitation) links before the owner notices; after "Make a new facilitator
    (coordinator) link" those links, the key a browser took from one of them and a page
    already open with it open nothing more, and the leaker's tab makes no new ones."""
    code, portfolio_code = room["code"], room["portfolio"]
    facilitator, coordinator = room["keys"][Opener.FACILITATOR], room["keys"][Opener.COORDINATOR]
    fac, page = FacilitatorState.get_full_name(), PortfolioState.get_full_name()
    results, portfolio_keys = ResultsState.get_full_name(), f"{SECRETS}.portfolio_keys_rx_state_"

    async def scenario() -> dict:
        seen: dict = {}
        leaker = facilitator_tab(running_app, code, facilitator)
        owner = facilitator_tab(running_app, code, facilitator)
        for tab in (leaker, owner):
            await tab.connect()
            await tab.wait_for(fac, "authorized", bool)
        taken, unopened = [_token(await _minted(leaker, fac, "another_results_link", "results_link"))
                           for _ in range(2)]
        # One results link opened in the leaker's other browser, which keeps the results key
        # (and, in a page left open, would download later).
        opened, _, held = await _open(running_app, Opener.RESULTS, code, taken)
        results_key = held[-1][code]
        open_page = ReflexTab(running_app.url, f"/results/{code}",
                              storage={f"{SECRETS}.results_keys_rx_state_": json.dumps({code: results_key})})
        await open_page.connect()
        seen["opened_before"] = (opened, await open_page.wait_for(results, "allowed", bool))
        coordinator_tabs = [ReflexTab(running_app.url, f"/portfolio/{portfolio_code}",
                                      storage={portfolio_keys: json.dumps({portfolio_code: coordinator})})
                            for _ in range(2)]
        for tab in coordinator_tabs:
            await tab.connect()
            await tab.wait_for(page, "coordinator", bool)
        leaked = coordinator_tabs[0]
        viewer = _token(await _minted(leaked, page, "another_viewer_link", "new_viewer_link"))
        invitation = _token(await _minted(leaked, page, "another_invitation_link", "new_invitation_link"))

        # The owners make new links (after the confirmation step).
        owner.updates.clear()
        await owner.send(f"{fac}.rotate_facilitator_key", confirmed=True)
        await owner.wait_for(fac, "facilitator_link", bool)
        coordinator_tabs[1].updates.clear()
        await coordinator_tabs[1].send(f"{page}.rotate_coordinator_link", confirmed=True)
        await coordinator_tabs[1].wait_for(page, "new_coordinator_link", bool)
        # The owner's one more results link hands out a new results key, not the old one.
        fresh = _token(await _minted(owner, fac, "another_results_link", "results_link"))

        seen["leaker"] = (await refusal(leaker, fac, "another_results_link"),
                          await refusal(leaked, page, "another_viewer_link"))
        seen["links"] = [await _open(running_app, purpose, portfolio_code if purpose != Opener.RESULTS else code,
                                     token)
                         for purpose, token in ((Opener.RESULTS, unopened), (Opener.VIEWER, viewer),
                                                (Opener.INVITATION, invitation))]
        seen["download"] = await refusal(open_page, results, "download", fmt="json")
        again = ReflexTab(running_app.url, f"/results/{code}",
                          storage={f"{SECRETS}.results_keys_rx_state_": json.dumps({code: results_key})})
        await again.connect()
        seen["held"] = (await again.wait_for(results, "notice", bool), any(again.values(results, "allowed")))
        viewing = ReflexTab(running_app.url, f"/portfolio/{portfolio_code}", storage={
            f"{SECRETS}.portfolio_view_keys_rx_state_": json.dumps({portfolio_code: room["keys"][Opener.VIEWER]})})
        await viewing.connect()
        await viewing.wait_for(page, "loaded", bool)
        seen["viewer_key"] = any(viewing.values(page, "allowed"))
        seen["fresh"] = await _open(running_app, Opener.RESULTS, code, fresh)
        for tab in (leaker, owner, open_page, again, viewing, *coordinator_tabs):
            await tab.close()
        return {**seen, "results_key": results_key}

    seen = run(scenario())
    assert seen["opened_before"] == (True, True)
    assert seen["leaker"] == ("errors.not_facilitator", "portfolio_ui.not_coordinator")
    assert seen["links"] == [(False, "openers.used_workshop", []), (False, "openers.used_portfolio", []),
                             (False, "openers.used_portfolio", [])]
    assert seen["download"] == "errors.export_refused"
    assert seen["held"] == ("errors.export_refused", False)
    assert seen["viewer_key"] is False
    opened, notice, held = seen["fresh"]
    assert opened and notice == "" and held[-1][code] != seen["results_key"]
    with Session(database) as session:
        assert workshops.for_results(session, code, seen["results_key"]) is None
        assert workshops.for_results(session, code, held[-1][code]) is not None
        assert portfolio.for_viewer(session, portfolio_code, room["keys"][Opener.VIEWER]) is None
        assert portfolio.for_invitation(session, portfolio_code, room["keys"][Opener.INVITATION]) is None

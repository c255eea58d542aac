"""A key per purpose on the portfolio page, over raw sockets as any script could call: every
coordinator handler refuses the viewer key, the invitation key and another portfolio's
coordinator key, and changes nothing; the page opens for the coordinator's and the
viewer's key only; a download takes a reading key and its address holds no key. A new
coordinator link voids the old key in every tab that holds it, and the viewer and
invitation keys it could hand out; the rotating tab keeps working with the new one;
without the confirmation nothing changes."""

from __future__ import annotations

import asyncio
import json
import re

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from benchmarks.reflex_socket import ReflexTab
from tests.asyncio_support import run
from tests.live.sockets import refusal, workshop_with_brief
from workshop.state.portfolio_page import PortfolioState
from workshop.state.secrets import BrowserSecrets
from workshop.domain.vocabulary import Opener
from workshop.store import openers, portfolio
from workshop.store.models import Opener as OpenerRow
from workshop.store.models import Portfolio

PAGE = PortfolioState.get_full_name()
COORDINATOR_KEYS = f"{BrowserSecrets.get_full_name()}.portfolio_keys_rx_state_"
VIEWER_KEYS = f"{BrowserSecrets.get_full_name()}.portfolio_view_keys_rx_state_"

# Handlers that change only this tab's view (each reads with the key the browser holds).
TAB_ONLY = {"load", "setvar", "dismiss_notice", "toggle_filter", "set_search", "clear_filters",
            "download"}


def _calls(published: int, code: str) -> dict[str, dict]:
    """Every coordinator handler with arguments the coordinator's page would send."""
    return {
        "set_status": {"form": {"published_id": str(published), "status": "in_preparation", "note": "Ei näin"}},
        "renew_viewer_link": {}, "renew_invitation_link": {}, "rotate_coordinator_link": {"confirmed": True},
        "another_viewer_link": {}, "another_invitation_link": {}, "another_coordinator_link": {},
        "delete_portfolio": {"form": {"confirm": code}},
    }


@pytest.fixture
def two(database):
    """Portfolio A with one published brief, and portfolio B; every key of both."""
    with Session(database) as session, session.begin():
        a, b = portfolio.create_portfolio(session, "Salkku A"), portfolio.create_portfolio(session, "Salkku B")
        _, workshop, brief_id = workshop_with_brief(session, "Julkaistu aihio")
        portfolio.join_with_invitation(session, workshop, a.code, a.invitation_key)
        published = portfolio.publish(session, workshop, brief_id)
        return {"a": a, "b": b, "published": published}


def _stored(database, code: str) -> tuple:
    with Session(database) as session:
        found = session.scalar(select(Portfolio).where(Portfolio.code == code))
        assert found is not None
        columns = [getattr(found, name) for name in sorted(vars(found)) if name.endswith(("_hash", "_sealed"))]
        return (*columns, [(b.title, b.status) for b in portfolio.briefs_of(session, found)],
                session.scalar(select(func.count()).select_from(Portfolio)),
                session.scalar(select(func.count()).select_from(OpenerRow).where(OpenerRow.portfolio_id == found.id)))


def _tab(app, code: str, coordinator: str | None = None, viewer: str | None = None) -> ReflexTab:
    storage = {}
    if coordinator:
        storage[COORDINATOR_KEYS] = json.dumps({code: coordinator})
    if viewer:
        storage[VIEWER_KEYS] = json.dumps({code: viewer})
    return ReflexTab(app.url, f"/portfolio/{code}", storage=storage)


async def _opens(app, code: str, **held: str) -> bool:
    """Whether a fresh tab holding ``held`` (coordinator= or viewer=) gets the page open."""
    tab = _tab(app, code, **held)
    await tab.connect()
    await tab.wait_for(PAGE, "loaded", bool)
    opened = True in tab.values(PAGE, "allowed")
    await tab.close()
    return opened


def test_the_list_of_handlers_is_complete():
    assert set(_calls(1, "X")) | TAB_ONLY == set(PortfolioState.event_handlers)


def test_every_coordinator_handler_refuses_every_other_key(running_app, database, two):
    a, b = two["a"], two["b"]
    calls = _calls(two["published"], a.code)
    before = _stored(database, a.code)

    async def scenario() -> tuple[dict[str, set[str]], list[bool]]:
        seen: dict[str, set[str]] = {}
        opened = []
        for held in ({"viewer": a.viewer_key}, {"coordinator": a.viewer_key}, {"coordinator": a.invitation_key},
                     {"coordinator": b.coordinator_key}, {"viewer": b.viewer_key}):
            tab = _tab(running_app, a.code, **held)
            await tab.connect()
            await tab.wait_for(PAGE, "loaded", bool)
            opened.append(True in tab.values(PAGE, "allowed"))
            for handler, payload in calls.items():
                seen.setdefault(handler, set()).add(await refusal(tab, PAGE, handler, **payload))
            await tab.close()
        return seen, opened

    seen, opened = run(scenario())
    assert {handler: notes for handler, notes in seen.items() if notes != {"portfolio_ui.not_coordinator"}} == {}
    # The viewer key opens the page read-only (wherever the browser keeps it); the others open nothing.
    assert opened == [True, True, False, False, False]
    assert _stored(database, a.code) == before


def test_the_coordinator_changes_and_the_viewer_reads(running_app, database, two):
    a = two["a"]

    async def scenario() -> tuple[list, str, str, list]:
        desk = _tab(running_app, a.code, coordinator=a.coordinator_key)
        await desk.connect()
        await desk.wait_for(PAGE, "coordinator", bool)
        await desk.send(f"{PAGE}.set_status", form={"published_id": str(two["published"]),
                                                    "status": "in_preparation", "note": "Valmisteluun"})
        cards = await desk.wait_for(PAGE, "briefs", lambda cards: cards and cards[0]["status"] == "in_preparation")
        desk.updates.clear()
        await desk.send(f"{PAGE}.download", fmt="json")
        await desk.wait_for(PAGE, "notice", lambda notice: notice == "")
        address = ""
        for _ in range(100):
            found = re.findall(r"/api/portfolios/\w+/export\.json\?token=[\w-]+", json.dumps(desk.updates))
            if found:
                address = found[-1]
                break
            await asyncio.sleep(0.1)
        await desk.send(f"{PAGE}.renew_viewer_link")
        link = await desk.wait_for(PAGE, "new_viewer_link", bool)
        await desk.close()
        # The old viewer key is void now; the new one opens the page, without control, once
        # through its one-time link: the browser keeps the key, the link opens nothing more.
        old_opened = await _opens(running_app, a.code, viewer=a.viewer_key)
        new = ReflexTab(running_app.url, link[link.index("/portfolio/"):])
        await new.connect()
        await new.wait_for(PAGE, "allowed", bool)
        coordinator = new.values(PAGE, "coordinator")
        kept = await new.wait_for(BrowserSecrets.get_full_name(), "portfolio_view_keys", lambda v: v != "{}")
        await new.close()
        again = ReflexTab(running_app.url, link[link.index("/portfolio/"):])
        await again.connect()
        await again.wait_for(PAGE, "loaded", bool)
        used = [True in again.values(PAGE, "allowed"), again.values(PAGE, "notice")[-1],
                [v for v in again.values(BrowserSecrets.get_full_name(), "portfolio_view_keys") if v != "{}"]]
        await again.close()
        return cards, address, link, [old_opened, True in coordinator], json.loads(kept)[a.code], used

    cards, address, link, checks, kept, used = run(scenario())
    assert cards[0]["status_note"] == "Valmisteluun"
    assert address and "key=" not in address
    assert re.search(rf"/portfolio/{a.code}\?open=[\w-]+$", link) and kept not in link
    assert checks == [False, False]
    assert used == [False, "openers.used_portfolio", []]
    with Session(database) as session:
        assert portfolio.for_viewer(session, a.code, kept) is not None


def test_forged_filters_are_dropped_and_leave_nothing_to_grow(running_app, two):
    a = two["a"]

    async def scenario() -> tuple[list, list, list]:
        tab = _tab(running_app, a.code, viewer=a.viewer_key)
        await tab.connect()
        await tab.wait_for(PAGE, "allowed", bool)
        for kind, value, on in (("regions", "atlantis" * 500, True), ("nonsense", "lappi", True),
                                ("goals", "99", True), ("workshops", "-1", True), ("statuses", ["new"], True),
                                ("regions", "lappi", "yes")):
            await tab.send(f"{PAGE}.toggle_filter", kind=kind, value=value, on=on)
        await tab.send(f"{PAGE}.set_search", text="koulu " * 5000)
        await tab.send(f"{PAGE}.set_search", text={"not": "text"})
        await tab.send(f"{PAGE}.toggle_filter", kind="goals", value="2", on=True)
        options = await tab.wait_for(PAGE, "options", lambda options: any(o["on"] for o in options.get("goals", [])))
        queries = tab.values(PAGE, "share_query")
        searches = tab.values(PAGE, "search")
        await tab.close()
        return options, queries, searches

    options, queries, searches = run(scenario())
    assert [o["value"] for o in options["goals"] if o["on"]] == ["2"]
    assert not any(o["on"] for kind, listed in options.items() if kind != "goals" for o in listed)
    assert all(len(query) <= 300 for query in queries) and queries[-1] == "goal=2"
    assert all(len(text) <= 200 for text in searches)


def test_a_new_coordinator_link_takes_control_from_every_tab_but_the_rotating_one(running_app, database, two):
    a = two["a"]
    before = _stored(database, a.code)

    async def scenario() -> tuple:
        stale, rotating = (_tab(running_app, a.code, coordinator=a.coordinator_key),
                           _tab(running_app, a.code, coordinator=a.coordinator_key))
        for tab in (stale, rotating):
            await tab.connect()
            await tab.wait_for(PAGE, "coordinator", bool)
        # Without the confirmation (or with anything but true) nothing changes.
        unconfirmed = [await refusal(rotating, PAGE, "rotate_coordinator_link", **payload)
                       for payload in ({}, {"confirmed": False}, {"confirmed": "no"}, {"confirmed": 1},
                                       {"confirmed": None}, {"confirmed": {"x": True}}, {"confirmed": [True]})]
        unchanged = _stored(database, a.code)
        rotating.updates.clear()
        await rotating.send(f"{PAGE}.rotate_coordinator_link", confirmed=True)
        link = await rotating.wait_for(PAGE, "new_coordinator_link", bool)
        kept = await rotating.wait_for(BrowserSecrets.get_full_name(), "portfolio_keys", bool)
        # The stale tab is refused on its next call and then holds nothing of the portfolio.
        stale.updates.clear()
        refused = await refusal(stale, PAGE, "set_status", form={"published_id": str(two["published"]),
                                                                  "status": "in_preparation", "note": "Vanha"})
        closed = [stale.values(PAGE, name) for name in ("allowed", "coordinator", "briefs", "title")]
        # The rotating tab goes on with the new key.
        await rotating.send(f"{PAGE}.set_status", form={"published_id": str(two["published"]),
                                                        "status": "in_preparation", "note": "Uusi avain"})
        cards = await rotating.wait_for(PAGE, "briefs", lambda cards: cards and cards[0]["status_note"] == "Uusi avain")
        for tab in (stale, rotating):
            await tab.close()
        # A tab opened with the old key sees nothing.
        reopened = await _opens(running_app, a.code, coordinator=a.coordinator_key)
        return unconfirmed, unchanged, link, kept, refused, closed, cards, reopened

    unconfirmed, unchanged, link, kept, refused, closed, cards, reopened = run(scenario())
    assert unconfirmed == ["portfolio_ui.rotate_unconfirmed"] * 7
    assert unchanged == before
    new_key = json.loads(kept)[a.code]
    assert new_key != a.coordinator_key and new_key not in link
    with Session(database) as session, session.begin():  # the link hands out the new key, once
        opener = re.search(rf"/portfolio/{a.code}\?open=([\w-]+)$", link).group(1)
        assert openers.take(session, [Opener.COORDINATOR], a.code, opener) == (Opener.COORDINATOR, new_key)
    assert refused == "portfolio_ui.not_coordinator"
    assert closed == [[False], [False], [[]], [""]]
    assert cards[0]["status"] == "in_preparation"
    assert reopened is False
    with Session(database) as session:
        assert portfolio.for_reading(session, a.code, a.coordinator_key) is None
        assert portfolio.for_coordinator(session, a.code, new_key) is not None
        # The viewer and invitation keys the old key could hand out were renewed (F2).
        assert portfolio.for_viewer(session, a.code, a.viewer_key) is None
        assert portfolio.for_invitation(session, a.code, a.invitation_key) is None


def test_a_deleted_portfolio_leaves_its_text_in_no_database_file(running_app, database):
    """Red-team check a6 for a portfolio deleted through the coordinator's own handler: its
    title and status notes are in neither the SQLite file nor its WAL once the page moved on."""
    from pathlib import Path

    from sqlalchemy.engine import make_url

    from tests.store.test_deleted_text import holding, mark

    secret = mark()
    with Session(database) as session, session.begin():
        made = portfolio.create_portfolio(session, f"{secret} salkku")
        _, workshop, brief_id = workshop_with_brief(session, "Julkaistu aihio")
        portfolio.join_with_invitation(session, workshop, made.code, made.invitation_key)
        published = portfolio.publish(session, workshop, brief_id)
        portfolio.set_status(session, portfolio.find_by_code(session, made.code), published, "in_preparation",
                             f"{secret} muistiinpano")
    path = Path(make_url(running_app.database_url).database)
    assert sum(holding(path, secret).values())

    async def scenario() -> bool:
        desk = _tab(running_app, made.code, coordinator=made.coordinator_key)
        await desk.connect()
        await desk.wait_for(PAGE, "coordinator", bool)
        desk.updates.clear()
        await desk.send(f"{PAGE}.delete_portfolio", form={"confirm": made.code})
        for _ in range(100):  # the redirect home comes after the commit and the checkpoint
            if "_redirect" in json.dumps(desk.updates):
                break
            await asyncio.sleep(0.1)
        await desk.close()
        return "_redirect" in json.dumps(desk.updates)

    assert run(scenario())
    with Session(database) as session:
        assert session.scalar(select(func.count()).select_from(Portfolio).where(Portfolio.code == made.code)) == 0
    assert holding(path, secret) == {path.name: 0, f"{path.name}-wal": 0}

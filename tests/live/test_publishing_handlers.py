"""The portfolio's handlers on the home page and in the cockpit, over raw sockets: a workshop
created through an invitation joins the portfolio with its region and date; a wrong region,
date or invitation creates nothing; the facilitator joins with a pasted invitation,
publishes, withdraws, sets where and when, and leaves."""

from __future__ import annotations

import itertools
import json
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from benchmarks.reflex_socket import ReflexTab
from tests.asyncio_support import run
from tests.live.sockets import facilitator_tab, workshop_with_brief
from workshop.state.facilitator import FacilitatorState
from workshop.state.home import HomeState
from workshop.state.secrets import BrowserSecrets
from workshop.domain.openers import opener_path
from workshop.domain.vocabulary import Opener
from workshop.store import openers, portfolio
from workshop.store.models import Portfolio, Workshop

HOME = HomeState.get_full_name()
DESK = FacilitatorState.get_full_name()
INVITATIONS = f"{BrowserSecrets.get_full_name()}.invitations_rx_state_"
_ADDRESSES = (f"127.0.{n // 250 + 40}.{n % 250 + 2}" for n in itertools.count())
TODAY = date.today().isoformat()
FORM = {"language": "fi", "region": "lappi", "held_on": TODAY}


@pytest.fixture
def salkku(database):
    with Session(database) as session, session.begin():
        return portfolio.create_portfolio(session, "Salkku")


def _workshops(database) -> int:
    with Session(database) as session:
        return session.scalar(select(func.count()).select_from(Workshop))


def _invitation_link(database, salkku) -> str:
    """A one-time invitation link, as the coordinator's page makes one."""
    with Session(database) as session, session.begin():
        row = session.get(Portfolio, salkku.id)
        token = openers.mint(session, Opener.INVITATION, salkku.invitation_key, row)
    return "https://entajos.example" + opener_path(Opener.INVITATION, salkku.code, token)


def _home(app, invitation: tuple[str, str] | None = None) -> ReflexTab:
    storage = {INVITATIONS: json.dumps(dict([invitation]))} if invitation else {}
    return ReflexTab(app.url, "/", storage=storage, source=next(_ADDRESSES))


def test_a_workshop_made_through_an_invitation_joins_with_its_region_and_date(running_app, database, salkku):
    invitation = (salkku.code, salkku.invitation_key)

    async def scenario() -> tuple[str, str, list[str], str]:
        home = _home(running_app, invitation)
        await home.connect()
        invited = await home.wait_for(HOME, "invited_title", bool)
        refused = []
        for wrong in ({"region": "atlantis"}, {"held_on": "2001-01-01"}, {"region": 42}, {"held_on": "30.11.2026"}):
            home.updates.clear()
            await home.send(f"{HOME}.create", form=FORM | {"title": "Väärin"} | wrong)
            refused.append(await home.wait_for(HOME, "create_error", bool))
        home.updates.clear()
        await home.send(f"{HOME}.create", form=FORM | {"title": "Oikein"})
        code = await home.wait_for(HOME, "created_code", bool)
        await home.close()
        # The invitation renewed meanwhile: the creation is refused and undone.
        late = _home(running_app, invitation)
        await late.connect()
        await late.wait_for(HOME, "invited_title", bool)
        with Session(database) as session, session.begin():
            portfolio.renew_invitation_key(session.scalar(select(Portfolio).where(Portfolio.code == salkku.code)))
        await late.send(f"{HOME}.create", form=FORM | {"title": "Myöhässä"})
        too_late = await late.wait_for(HOME, "create_error", bool)
        await late.close()
        return invited, code, refused, too_late

    before = _workshops(database)
    invited, code, refused, too_late = run(scenario())
    assert invited == "Salkku"
    assert refused == ["portfolio.region_unknown", "portfolio.date_invalid"] * 2
    assert too_late == "portfolio.invitation_wrong"
    assert _workshops(database) == before + 1
    with Session(database) as session:
        made = session.scalar(select(Workshop).where(Workshop.code == code))
        assert (made.region, made.held_on.isoformat(), made.portfolio_id) == ("lappi", TODAY, salkku.id)


def test_the_facilitator_joins_publishes_withdraws_and_leaves(running_app, database, salkku):
    with Session(database) as session, session.begin():
        created, _, brief_id = workshop_with_brief(session, "Aihio")
    link = _invitation_link(database, salkku)

    def published() -> dict:
        with Session(database) as session:
            return portfolio.published_of_workshop(session, session.get(Workshop, created.id))

    async def scenario() -> list:
        desk = facilitator_tab(running_app, created.code, created.facilitator_key)
        await desk.connect()
        await desk.wait_for(DESK, "authorized", bool)
        seen = []
        desk.updates.clear()
        await desk.send(f"{DESK}.publish_brief", brief_id=brief_id)
        seen.append(await desk.wait_for(DESK, "publish_notice", bool))
        desk.updates.clear()
        await desk.send(f"{DESK}.join_portfolio", form={"invitation": "not a link"})
        seen.append(await desk.wait_for(DESK, "publish_notice", lambda n: n == "portfolio_ui.invitation_unreadable"))
        desk.updates.clear()
        await desk.send(f"{DESK}.join_portfolio", form={"invitation": link})
        seen.append((await desk.wait_for(DESK, "publishing", lambda p: p["portfolio_code"] != ""))["portfolio_title"])
        desk.updates.clear()
        await desk.send(f"{DESK}.publish_brief", brief_id=brief_id)
        seen.append((await desk.wait_for(DESK, "publishing", lambda p: p["published"] != {}))["published"])
        seen.append(list(published()))
        desk.updates.clear()
        await desk.send(f"{DESK}.save_where_when", form={"region": "kainuu", "held_on": TODAY})
        seen.append((await desk.wait_for(DESK, "publishing", lambda p: p["region"] != ""))["region"])
        desk.updates.clear()
        await desk.send(f"{DESK}.withdraw_brief", brief_id=brief_id)
        seen.append((await desk.wait_for(DESK, "publishing", lambda p: p["published"] == {}))["published"])
        seen.append(list(published()))
        desk.updates.clear()
        await desk.send(f"{DESK}.publish_brief", brief_id=brief_id)
        await desk.wait_for(DESK, "publishing", lambda p: p["published"] != {})
        desk.updates.clear()
        await desk.send(f"{DESK}.leave_portfolio")
        seen.append((await desk.wait_for(DESK, "publishing", lambda p: p["portfolio_code"] == ""))["published"])
        # The one-time link was used by joining: pasted again, it joins nothing.
        desk.updates.clear()
        await desk.send(f"{DESK}.join_portfolio", form={"invitation": link})
        seen.append(await desk.wait_for(DESK, "publish_notice", bool))
        await desk.close()
        return seen

    seen = run(scenario())
    assert seen == ["portfolio.workshop_not_in_portfolio", "portfolio_ui.invitation_unreadable", "Salkku",
                    {str(brief_id): "published"}, [brief_id], "kainuu", {}, [], {}, "openers.used_portfolio"]
    with Session(database) as session:
        left = session.get(Workshop, created.id)
        assert (left.portfolio_id, left.region) == (None, "kainuu")
        assert portfolio.briefs_of(session, session.get(Portfolio, salkku.id)) == []


def test_an_invitation_link_opens_once_unless_this_tab_holds_it(running_app, database, salkku):
    """The home page takes the invitation a one-time link hands over into the tab; the link
    then opens nothing, neither on the home page nor pasted in a cockpit, unless the tab
    already holds that invitation (the facilitator opened the link there first)."""
    with Session(database) as session, session.begin():
        created, _, _ = workshop_with_brief(session, "Aihio")
        other, _, _ = workshop_with_brief(session, "Toinen")
    link = _invitation_link(database, salkku)
    path = link.removeprefix("https://entajos.example")

    async def scenario() -> list:
        seen = []
        first = ReflexTab(running_app.url, path, source=next(_ADDRESSES))
        await first.connect()
        seen.append(await first.wait_for(HOME, "invited_title", bool))
        held = json.loads(await first.wait_for(BrowserSecrets.get_full_name(), "invitations", lambda v: v != "{}"))
        await first.close()
        again = ReflexTab(running_app.url, path, source=next(_ADDRESSES))
        await again.connect()
        seen.append(await again.wait_for(HOME, "create_error", bool))
        seen.append((again.values(HOME, "invited_title")[-1],
                     [v for v in again.values(BrowserSecrets.get_full_name(), "invitations") if v != "{}"]))
        await again.close()
        # Pasted in a cockpit whose tab holds nothing: refused; whose tab holds it: joins.
        stranger = facilitator_tab(running_app, other.code, other.facilitator_key)
        await stranger.connect()
        await stranger.wait_for(DESK, "authorized", bool)
        await stranger.send(f"{DESK}.join_portfolio", form={"invitation": link})
        seen.append(await stranger.wait_for(DESK, "publish_notice", bool))
        await stranger.close()
        desk = ReflexTab(running_app.url, f"/facilitate/{created.code}", storage={
            f"{BrowserSecrets.get_full_name()}.facilitator_keys_rx_state_": json.dumps(
                {created.code: created.facilitator_key}),
            INVITATIONS: json.dumps(held)})
        await desk.connect()
        await desk.wait_for(DESK, "authorized", bool)
        await desk.send(f"{DESK}.join_portfolio", form={"invitation": link})
        seen.append((await desk.wait_for(DESK, "publishing", lambda p: p["portfolio_code"] != ""))["portfolio_title"])
        await desk.close()
        return seen, held

    seen, held = run(scenario())
    assert held == {salkku.code: salkku.invitation_key}
    assert seen == ["Salkku", "openers.used_portfolio", ("", []), "openers.used_portfolio", "Salkku"]
    with Session(database) as session:
        assert session.get(Workshop, other.id).portfolio_id is None
        assert session.get(Workshop, created.id).portfolio_id == salkku.id

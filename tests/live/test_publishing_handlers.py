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
from workshop.store import portfolio
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
    link = f"https://entajos.example/?invite={salkku.code}&key={salkku.invitation_key}"

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
        await desk.close()
        return seen

    seen = run(scenario())
    assert seen == ["portfolio.workshop_not_in_portfolio", "portfolio_ui.invitation_unreadable", "Salkku",
                    {str(brief_id): "published"}, [brief_id], "kainuu", {}, [], {}]
    with Session(database) as session:
        left = session.get(Workshop, created.id)
        assert (left.portfolio_id, left.region) == (None, "kainuu")
        assert portfolio.briefs_of(session, session.get(Portfolio, salkku.id)) == []

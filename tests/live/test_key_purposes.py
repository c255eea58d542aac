"""A key per purpose, over raw sockets and HTTP as any browser or script could call:
every facilitator handler refuses the big screen's display key, the results key, a
facilitator key rotated away and another workshop's facilitator key; the big screen opens
with its display key only; a new facilitator key needs ``confirmed`` exactly true; a tab
holding a rotated key loses control and the room at once (more in test_revoked_links.py);
downloads take a one-time token, never a key."""

from __future__ import annotations

import asyncio
import json
import re
import urllib.error
import urllib.request
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from benchmarks.reflex_socket import ReflexTab
from tests.asyncio_support import run
from tests.live.sockets import KEYS, facilitator_tab, phone_tab, refusal
from workshop.domain.creation import NewWorkshop
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import Opener as Purpose
from workshop.domain.vocabulary import Role
from workshop.settings import settings
from workshop.state.facilitator import FacilitatorState
from workshop.state.results_page import ResultsState
from workshop.state.room_view import RoomView
from workshop.state.screen import ScreenState
from workshop.state.secrets import BrowserSecrets
from workshop.store import briefs, clusters, downloads, openers, participants, portfolio, workshops
from workshop.store.models import Brief, Cluster, DownloadToken, Idea, Opener, Participant, Prompt, Workshop, now

FACILITATOR = FacilitatorState.get_full_name()
SCREEN = ScreenState.get_full_name()
RESULTS = ResultsState.get_full_name()
ROOM = RoomView.get_full_name()
DISPLAY_KEYS = f"{BrowserSecrets.get_full_name()}.display_keys_rx_state_"
RESULTS_KEYS = f"{BrowserSecrets.get_full_name()}.results_keys_rx_state_"

# Handlers that touch only the calling tab's own state (or refuse before any key is
# needed), and the page's load; every other handler must prove the facilitator key.
TAB_ONLY = {
    "select_idea", "clear_selection", "rename_suggestion", "skip_suggestion", "discard_suggestions",
    "accept_suggestion", "dismiss_notice", "dismiss_rejected", "load",
    # Reflex's, refused by the socket server (tests/live/test_call_surface.py).
    "setvar",
    # The cockpit's own view (folds, filters, which brief is open) and forgetting this browser's key.
    "toggle_more", "set_filter_kind", "set_filter_prompt", "open_brief", "forget_my_key",
}

# The data controls (workshop/state/lifecycle.py) answer beside their form, in ``data_notice``.
DATA_HANDLERS = {"load_participants", "remove_participant", "delete_workshop"}
# The SOILA portfolio card (workshop/state/publishing.py) answers in ``publish_notice``.
PUBLISH_HANDLERS = {"save_where_when", "join_portfolio", "leave_portfolio", "publish_brief", "withdraw_brief"}


def _calls(ids: dict[str, int | str]) -> dict[str, dict]:
    """Every facilitator handler with arguments it would accept from the facilitator."""
    idea, cluster, other, prompt, brief = (ids[k] for k in ("idea", "cluster", "other", "prompt", "brief"))
    return {
        "go_to_phase": {"phase": "vote"}, "step": {"direction": 1}, "set_input_locked": {"locked": True},
        "set_closed": {"closed": True}, "start_timer": {"form": {"minutes": "5"}}, "stop_timer": {},
        "hide_idea": {"idea_id": idea, "hidden": True}, "reveal": {"kind": "what_if", "revealed": True},
        "hide_until_reveal": {"kind": "what_if", "hide": True},
        "add_prompt": {"form": {"kind": "what_if", "text": "Uusi"}},
        "edit_prompt": {"form": {"prompt_id": str(prompt), "text": "Muutettu"}},
        "hide_prompt": {"prompt_id": prompt, "hidden": True}, "move_prompt": {"prompt_id": prompt, "direction": 1},
        "show_prompt": {"prompt_id": prompt}, "set_one_prompt_at_a_time": {"one": True},
        "set_participants_group": {"allowed": True}, "move_cluster": {"cluster_id": cluster, "direction": 1},
        "merge_clusters": {"form": {"source": str(other), "target": str(cluster)}},
        "delete_cluster": {"cluster_id": cluster}, "suggest_grouping": {}, "accept_all_suggestions": {},
        "move_selected": {"cluster_id": cluster}, "drop_idea": {"dragged": str(idea), "cluster_id": other},
        "new_cluster": {"form": {"name": "Uusi"}},
        "rename_cluster": {"form": {"cluster_id": str(cluster), "name": "Nimi"}},
        "open_round": {"form": {"ballot": "cluster", "dots": "3", "per_item": "2"}},
        "close_round": {}, "reopen_round": {}, "reveal_round": {}, "briefs_from_top": {},
        "brief_from": {"form": {"source": f"cluster:{cluster}"}},
        "save_brief_text": {"brief_id": brief, "field": "need", "base": "", "value": "Tarve"},
        "set_brief_choice": {"brief_id": brief, "kind": "goal", "value": "1", "on": True},
        "delete_brief": {"brief_id": brief}, "take_in_suggestion": {"form": {"suggestion_id": "1", "field": "need"}},
        "rotate_facilitator_key": {"confirmed": True}, "renew_screen_link": {}, "make_results_link": {}, "download": {"fmt": "md"},
        "open_big_screen": {}, "another_screen_link": {}, "another_results_link": {}, "another_facilitator_link": {},
        "pause_timer": {}, "resume_timer": {}, "add_timer_minute": {}, "load_participants": {},
        "remove_participant": {"form": {"participant_id": "1", "ideas": "delete"}},
        "delete_workshop": {"form": {"confirm": ids.get("code", "")}},
        "save_where_when": {"form": {"region": "lappi", "held_on": ""}},
        "join_portfolio": {"form": {"invitation": "https://example.org/?invite=ABCDEFGH&open=x"}},
        "leave_portfolio": {}, "publish_brief": {"brief_id": brief}, "withdraw_brief": {"brief_id": brief},
    }


@pytest.fixture
def keyed(database):
    """A workshop with an idea, two clusters, a prompt and a brief, and every kind of key;
    the facilitator key was rotated once, so the first one is old. ``other``: another
    workshop's facilitator key, whose code is ``other_code``."""
    with Session(database) as session, session.begin():
        created = workshops.create_workshop(session, NewWorkshop(title="Avaimet", challenge="", language="fi"))
        workshop = session.get(Workshop, created.id)
        workshop.phase = "develop"
        person = participants.join(session, workshop, NewParticipant(Role.PARENT, None))
        idea = Idea(workshop_id=workshop.id, participant_id=person.id, kind="what_if", text="Idea")
        prompt = Prompt(workshop_id=workshop.id, position=0, kind="what_if", text="Entä jos?")
        session.add_all([idea, prompt])
        session.flush()
        cluster = clusters.create(session, workshop, "Yksi", [idea.id])
        other = clusters.create(session, workshop, "Toinen", [])
        briefs.create_from(session, workshop, "cluster", cluster.id)
        brief = session.scalar(select(Brief.id).where(Brief.workshop_id == workshop.id))
        key = workshops.rotate_facilitator_key(workshop)
        # In a portfolio, with the brief published: every portfolio handler would change something.
        made = portfolio.create_portfolio(session, "Salkku")
        portfolio.join_with_invitation(session, workshop, made.code, made.invitation_key)
        portfolio.publish(session, workshop, brief)
        elsewhere = workshops.create_workshop(session, NewWorkshop(title="Toinen", challenge="", language="fi"))
        return {
            "code": created.code, "key": key, "old": created.facilitator_key, "token": person.token,
            "other": elsewhere.facilitator_key, "other_code": elsewhere.code,
            "display": workshops.display_key(workshop, key), "results": workshops.new_results_key(workshop, key),
            "ids": {"idea": idea.id, "cluster": cluster.id, "other": other.id, "prompt": prompt.id, "brief": brief},
        }


def _stored(database, code: str) -> tuple:
    """Everything a facilitator handler could change, as stored."""
    with Session(database) as session:
        workshop = session.scalar(select(Workshop).where(Workshop.code == code))
        counted = [session.scalar(select(func.count()).select_from(model).where(model.workshop_id == workshop.id))
                   for model in (Cluster, Prompt, Brief, DownloadToken, Participant, Opener)]
        return (workshop.version, workshop.phase, workshop.status, workshop.input_locked,
                workshop.facilitator_key_hash, workshop.display_key_hash, workshop.results_key_hash,
                workshop.results_key_sealed, workshop.display_key_salt,
                workshop.participants_group, workshop.region, workshop.held_on, workshop.portfolio_id,
                len(portfolio.published_of_workshop(session, workshop)), *counted)


def test_the_list_of_handlers_is_complete():
    """A new facilitator handler fails here until it is added to the refusal test below."""
    assert set(_calls(dict.fromkeys(("idea", "cluster", "other", "prompt", "brief"), 1))) | TAB_ONLY == set(
        FacilitatorState.event_handlers)


def test_every_facilitator_handler_refuses_every_other_key(running_app, database, keyed):
    code = keyed["code"]
    calls = _calls(keyed["ids"] | {"code": code})
    before = _stored(database, code), _stored(database, keyed["other_code"])

    async def scenario() -> dict[str, set[str]]:
        seen: dict[str, set[str]] = {}
        for purpose in ("display", "results", "old", "other"):
            tab = facilitator_tab(running_app, code, keyed[purpose])
            await tab.connect()
            assert await tab.wait_for(FACILITATOR, "notice", bool) == "errors.not_facilitator"
            for number, (handler, payload) in enumerate(calls.items()):
                if number % 25 == 24:
                    await asyncio.sleep(1.05)  # a script, not a person: stay within events_per_socket
                notice = ("data_notice" if handler in DATA_HANDLERS
                          else "publish_notice" if handler in PUBLISH_HANDLERS else "notice")
                seen.setdefault(handler, set()).add(await refusal(tab, FACILITATOR, handler, notice=notice, **payload))
            await tab.close()
        return seen

    seen = run(scenario())
    assert {handler: notes for handler, notes in seen.items() if notes != {"errors.not_facilitator"}} == {}
    assert (_stored(database, code), _stored(database, keyed["other_code"])) == before


def test_the_big_screen_opens_with_its_display_key_only(running_app, database, keyed):
    code = keyed["code"]

    async def screen(storage: dict[str, str], opens: bool) -> object:
        tab = ReflexTab(running_app.url, f"/screen/{code}", storage=storage)
        await tab.connect()
        if opens:
            shown = await tab.wait_for(ROOM, "room", lambda room: room["code"] == code)
        else:
            shown = await tab.wait_for(SCREEN, "notice", bool)
            assert True not in tab.values(SCREEN, "authorized") and tab.values(ROOM, "room") == []
        await tab.close()
        return "open" if opens and shown else shown

    async def scenario() -> list[object]:
        return [
            await screen({DISPLAY_KEYS: json.dumps({code: keyed["display"]})}, True),
            # The facilitator key opens no big screen, wherever the browser keeps it.
            await screen({DISPLAY_KEYS: json.dumps({code: keyed["key"]})}, False),
            await screen({KEYS: json.dumps({code: keyed["key"]})}, False),
            await screen({DISPLAY_KEYS: json.dumps({code: keyed["results"]})}, False),
        ]

    assert run(scenario()) == ["open"] + ["errors.not_facilitator"] * 3


# What a script could send for ``confirmed`` that is not exactly true (the panel sends true).
NOT_CONFIRMED = ({}, {"confirmed": False}, {"confirmed": "true"}, {"confirmed": 1}, {"confirmed": 1.0},
                 {"confirmed": None}, {"confirmed": {"x": True}}, {"confirmed": [True]})
# What a rotation sends the rotating tab: the new link, the emptied one-time links, the new key.
ROTATION_SENDS = ((FACILITATOR, "facilitator_link"), (FACILITATOR, "screen_link"), (FACILITATOR, "device_link"),
                  (BrowserSecrets.get_full_name(), "facilitator_keys"))


def test_a_new_facilitator_link_takes_confirmed_exactly_true(running_app, database, keyed):
    """A rotation cuts off every other facilitator tab at once, so it takes ``confirmed``
    true and nothing else. With the facilitator key anything else is refused; with the
    display key, the results key or another workshop's key everything is, true included.
    A refused call stores nothing, unseats no other tab and sends no link and no key."""
    code, key = keyed["code"], keyed["key"]
    before = _stored(database, code), _stored(database, keyed["other_code"])

    async def scenario() -> tuple:
        strangers = {}
        for purpose in ("display", "results", "other"):
            tab = facilitator_tab(running_app, code, keyed[purpose])
            await tab.connect()
            await tab.wait_for(FACILITATOR, "notice", bool)
            strangers[purpose] = {await refusal(tab, FACILITATOR, "rotate_facilitator_key", **payload)
                                  for payload in ({"confirmed": True}, *NOT_CONFIRMED)}
            await tab.close()
        desk, co_facilitator = facilitator_tab(running_app, code, key), facilitator_tab(running_app, code, key)
        for tab in (desk, co_facilitator):
            await tab.connect()
            await tab.wait_for(FACILITATOR, "authorized", bool)
        unconfirmed, sent = [], []
        for payload in NOT_CONFIRMED:
            unconfirmed.append(await refusal(desk, FACILITATOR, "rotate_facilitator_key", **payload))
            sent += [value for state, name in ROTATION_SENDS for value in desk.values(state, name)]
        stored = _stored(database, code), _stored(database, keyed["other_code"])
        # The co-facilitator's tab is still seated with the hosts: it hears a phone arrive.
        co_facilitator.updates.clear()
        phone = phone_tab(running_app, code, keyed["token"])
        await phone.connect()
        heard = await co_facilitator.wait_for(ROOM, "presence", lambda presence: presence["total"] >= 1)
        await phone.close()
        for tab in (desk, co_facilitator):
            await tab.close()
        return strangers, unconfirmed, sent, stored, heard

    strangers, unconfirmed, sent, stored, heard = run(scenario())
    assert strangers == dict.fromkeys(("display", "results", "other"), {"errors.not_facilitator"})
    assert unconfirmed == ["keys.rotate_unconfirmed"] * len(NOT_CONFIRMED)
    assert sent == []
    assert stored == before
    assert heard["total"] >= 1
    with Session(database) as session:
        assert workshops.for_facilitator(session, code, key) is not None
        assert workshops.for_display(session, code, keyed["display"]) is not None


def test_rotating_takes_control_from_every_tab_but_the_rotating_one(running_app, database, keyed):
    code, key = keyed["code"], keyed["key"]

    async def scenario() -> tuple[str, str, str, str, list]:
        stale, rotating = facilitator_tab(running_app, code, key), facilitator_tab(running_app, code, key)
        projector = ReflexTab(running_app.url, f"/screen/{code}",
                              storage={DISPLAY_KEYS: json.dumps({code: keyed["display"]})})
        for tab in (stale, rotating):
            await tab.connect()
            await tab.wait_for(FACILITATOR, "authorized", bool)
        await projector.connect()
        await projector.wait_for(ROOM, "headcount", bool)
        await rotating.send(f"{FACILITATOR}.another_screen_link")
        old_screen = await rotating.wait_for(FACILITATOR, "screen_link", bool)
        rotating.updates.clear()
        await rotating.send(f"{FACILITATOR}.rotate_facilitator_key", confirmed=True)
        link = await rotating.wait_for(FACILITATOR, "facilitator_link", bool)
        stored = await rotating.wait_for(BrowserSecrets.get_full_name(), "facilitator_keys", bool)
        emptied = await rotating.wait_for(FACILITATOR, "screen_link", lambda link: link == "")
        await rotating.send(f"{FACILITATOR}.another_screen_link")
        screen = await rotating.wait_for(FACILITATOR, "screen_link", bool)
        # The other tab and the big screen, opened with the old keys, are told at once.
        told = [await tab.wait_for(ROOM, "ended", bool) for tab in (stale, projector)]
        refused = await refusal(stale, FACILITATOR, "go_to_phase", phase="vote")
        # The room now reaches the rotating tab alone (of these three), public parts too.
        for tab in (stale, rotating, projector):
            tab.updates.clear()
        await rotating.send(f"{FACILITATOR}.add_prompt", form={"kind": "what_if", "text": "Vain vetäjälle"})
        await rotating.wait_for(ROOM, "all_prompts", lambda prompts: "Vain vetäjälle" in [p["text"] for p in prompts])
        await rotating.send(f"{FACILITATOR}.go_to_phase", phase="results")
        await rotating.wait_for(ROOM, "room", lambda room: room["phase"] == "results")
        phone = phone_tab(running_app, code, keyed["token"])
        await phone.connect()
        await rotating.wait_for(ROOM, "presence", lambda presence: presence["total"] >= 1)
        await phone.close()
        await asyncio.sleep(0.3)
        leaked = [update for tab in (stale, projector) for _, update in tab.updates if ROOM in update.get("delta", {})]
        for tab in (stale, rotating, projector):
            await tab.close()
        return link, stored, (old_screen, emptied, screen), refused, told, leaked

    link, stored, (old_screen, emptied, screen), refused, told, leaked = run(scenario())
    assert told == ["replaced", "replaced"]
    assert leaked == [] and emptied == ""
    assert "key=" not in link + screen and key not in link
    with Session(database) as session, session.begin():
        _, new_key = openers.take(session, [Purpose.FACILITATOR], code, link.rsplit("?open=", 1)[1])
        _, display = openers.take(session, [Purpose.DISPLAY], code, screen.rsplit("?open=", 1)[1])
        # The big-screen link made before the rotation handed out the old display key: void.
        assert openers.take(session, [Purpose.DISPLAY], code, old_screen.rsplit("?open=", 1)[1]) is None
    assert new_key != key and json.loads(stored) == {code: new_key}
    assert refused == "errors.not_facilitator"
    assert keyed["display"] not in screen and new_key not in screen and display != keyed["display"]
    with Session(database) as session:
        assert workshops.for_facilitator(session, code, key) is None
        assert workshops.for_facilitator(session, code, new_key) is not None
        assert workshops.for_display(session, code, keyed["display"]) is None
        assert workshops.for_display(session, code, display) is not None
        assert session.scalar(select(Workshop.phase).where(Workshop.code == code)) == "results"


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read()


async def _download_url(tab: ReflexTab, timeout: float = 10.0) -> str:
    """The one-time address the server told the tab to download."""
    for _ in range(int(timeout * 10)):
        found = re.findall(r"/api/workshops/\w+/export\.\w+\?token=[\w-]+",
                           json.dumps([u for _, u in tab.updates]))
        if found:
            return found[-1]
        await asyncio.sleep(0.1)
    raise AssertionError(tab.updates[-3:])


def test_downloads_take_a_one_time_token_and_never_a_key(running_app, database, keyed):
    code, base = keyed["code"], running_app.url

    async def scenario() -> tuple[str, str, str]:
        desk = facilitator_tab(running_app, code, keyed["key"])
        await desk.connect()
        await desk.wait_for(FACILITATOR, "authorized", bool)
        desk.updates.clear()
        await desk.send(f"{FACILITATOR}.download", fmt="md")
        await desk.wait_for(FACILITATOR, "notice", lambda notice: notice == "")
        from_desk = await _download_url(desk)
        refused = await refusal(desk, FACILITATOR, "download", fmt="exe")
        await desk.close()
        preparer = ReflexTab(base, f"/results/{code}", storage={RESULTS_KEYS: json.dumps({code: keyed["results"]})})
        await preparer.connect()
        await preparer.wait_for(RESULTS, "allowed", bool)
        preparer.updates.clear()
        await preparer.send(f"{RESULTS}.download", fmt="json")
        await preparer.wait_for(RESULTS, "notice", lambda notice: notice == "")
        from_results = await _download_url(preparer)
        await preparer.close()
        return from_desk, from_results, refused

    from_desk, from_results, refused = run(scenario())
    assert refused == "keys.format_unknown"
    assert "key=" not in from_desk + from_results
    status, body = _get(base + from_desk)
    assert status == 200 and b"Avaimet" in body
    assert _get(base + from_results)[0] == 200
    # Once only.
    assert _get(base + from_desk)[0] == 403 and _get(base + from_results)[0] == 403
    # No key opens a download, whichever.
    for key in (keyed["key"], keyed["results"], keyed["display"], keyed["old"]):
        for query in (f"key={key}", f"token={key}"):
            status, body = _get(f"{base}/api/workshops/{code}/export.md?{query}")
            assert status == 403 and b"Avaimet" not in body, query
    # A token minted longer ago than its life is void (the clock of the minting moved back).
    with Session(database) as session, session.begin():
        workshop = session.scalar(select(Workshop).where(Workshop.code == code))
        late = downloads.mint(session, workshop, now() - timedelta(seconds=settings().download_token_seconds + 1))
    assert _get(f"{base}/api/workshops/{code}/export.md?token={late}")[0] == 403

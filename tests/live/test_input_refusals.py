"""Every input refused cleanly, over raw sockets against the production app (issue 14).

Finding 1: a refused call changes no state (1,000 refused saves leave the tab's state as it was).
Finding 8: control characters never reach the database or a page title.
Finding 9: ids too large for the database, and a ``form`` that is not a form, get a refusal
message, never "An error occurred" or a traceback in the log.
Finding 10: what a browser sends into the log is one capped line, a few per socket.
Finding 13 (events): a phone tapping fast is never refused; a flood from one socket is cut.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from benchmarks.reflex_socket import ReflexTab
from tests.asyncio_support import run
from tests.live.sockets import KEYS, TOKENS, log_since, log_size, what_if_room
from workshop.state.facilitator import FacilitatorState
from workshop.state.home import HomeState
from workshop.state.language import LanguageState
from workshop.state.participant import JoinState, ParticipantState
from workshop.store.models import Idea, Participant, Prompt, Workshop

ME = ParticipantState.get_full_name()
FACILITATOR = FacilitatorState.get_full_name()
HOME = HomeState.get_full_name()
JOIN = JoinState.get_full_name()
LANGUAGE = LanguageState.get_full_name()
REPORT = "reflex___state____state.reflex___state____frontend_event_exception_state.handle_frontend_exception"
HUGE = 2**80
FORM_INVALID = "input.form_invalid"


@pytest.fixture
def room(database):
    """A workshop in the what-if phase with one prompt and one participant: (code, key, token, prompt id)."""
    return what_if_room(database, "Input")


async def _answer(tab: ReflexTab, state: str, handler: str, **payload) -> str:
    """Call a handler and return the notice it answers with (every call here is refused)."""
    tab.updates.clear()
    await tab.send(f"{state}.{handler}", **payload)
    return await tab.wait_for(state, "notice", bool)


async def _state_after_reconnect(app, path: str, token: str) -> dict:
    """The tab's whole state as the server holds it: a socket with the same token hydrates it."""
    again = ReflexTab(app.url, path, token=token)
    await again.connect()
    await again.wait_for(FACILITATOR, "notice", bool)
    state = {}
    for _, update in again.updates:
        state.update(update.get("delta", {}).get(FACILITATOR, {}))
    await again.close()
    return state


def test_a_thousand_refused_calls_leave_the_tab_state_as_it_was(running_app, room):
    """Finding 1: each refused save_brief_text used to add an entry to the tab's field_epochs."""
    code, _key, _token, _prompt = room
    path = f"/facilitate/{code}"

    async def scenario() -> tuple[dict, dict, list[str]]:
        tab = ReflexTab(running_app.url, path)  # no key at all
        await tab.connect()
        await tab.wait_for(FACILITATOR, "notice", bool)
        await tab.close()
        before = await _state_after_reconnect(running_app, path, tab.token)
        tab = ReflexTab(running_app.url, path, token=tab.token)
        await tab.connect()
        await tab.wait_for(FACILITATOR, "notice", bool)
        for batch in range(40):  # 25 per second: within the events-per-socket limit
            for n in range(batch * 25, batch * 25 + 25):
                await tab.send(f"{FACILITATOR}.save_brief_text", brief_id=n, field="y" * 1000 + str(n),
                               base="", value=f"v{n}")
            await asyncio.sleep(1.05)
        tab.updates.clear()
        await tab.send(f"{FACILITATOR}.dismiss_notice")  # handled after all of the above
        await tab.wait_for(FACILITATOR, "notice", lambda notice: notice == "")
        await tab.close()
        after = await _state_after_reconnect(running_app, path, tab.token)
        return before, after, tab.values(FACILITATOR, "field_epochs")

    before, after, epochs_sent = run(scenario())
    assert after["field_epochs_rx_state_"] == {}
    assert len(json.dumps(after)) == len(json.dumps(before))
    assert epochs_sent == []


def test_forged_ids_and_forms_get_a_refusal_never_an_error(running_app, database, room):
    """Findings 9 and 5 (forms): each call answers with its refusal; the log has no traceback."""
    code, key, token, prompt_id = room
    offset = log_size(running_app)

    async def scenario() -> tuple[list[str], list[str]]:
        phone = ReflexTab(running_app.url, f"/w/{code}", storage={TOKENS: json.dumps({code: token})})
        laptop = ReflexTab(running_app.url, f"/facilitate/{code}", storage={KEYS: json.dumps({code: key})})
        await phone.connect()
        await phone.wait_for(ME, "role", bool)
        await laptop.connect()
        await laptop.wait_for(FACILITATOR, "authorized", bool)
        mine = [
            await _answer(phone, ME, "add_idea", form={"text": "ok", "prompt_id": HUGE}),
            await _answer(phone, ME, "add_idea", form={"text": "ok", "prompt_id": str(HUGE)}),
            await _answer(phone, ME, "delete_idea", idea_id=HUGE),
            await _answer(phone, ME, "edit_idea", form={"idea_id": str(HUGE), "text": "x"}),
            await _answer(phone, ME, "add_idea", form=None),
            await _answer(phone, ME, "edit_idea", form="text"),
            await _answer(phone, ME, "suggest_to_brief", form=[1]),
            await _answer(phone, ME, "new_cluster", form=None),
        ]
        theirs = [
            await _answer(laptop, FACILITATOR, "edit_prompt", form={"prompt_id": str(HUGE), "text": "x"}),
            await _answer(laptop, FACILITATOR, "hide_prompt", prompt_id=HUGE, hidden=True),
            await _answer(laptop, FACILITATOR, "show_prompt", prompt_id=HUGE),
            await _answer(laptop, FACILITATOR, "move_prompt", prompt_id=HUGE, direction=1),
            await _answer(laptop, FACILITATOR, "hide_idea", idea_id=HUGE, hidden=True),
            await _answer(laptop, FACILITATOR, "delete_cluster", cluster_id=HUGE),
            await _answer(laptop, FACILITATOR, "delete_brief", brief_id=HUGE),
            await _answer(laptop, FACILITATOR, "start_timer", form=None),
            await _answer(laptop, FACILITATOR, "add_prompt", form="x"),
            await _answer(laptop, FACILITATOR, "merge_clusters", form=5),
            await _answer(laptop, FACILITATOR, "open_round", form=None),
            await _answer(laptop, FACILITATOR, "brief_from", form=None),
            await _answer(laptop, FACILITATOR, "take_in_suggestion", form=None),
            await _answer(laptop, FACILITATOR, "rename_cluster", form=None),
        ]
        await phone.close()
        await laptop.close()
        return mine, theirs

    mine, theirs = run(scenario())
    assert mine == ["errors.prompt_unknown"] * 2 + ["errors.idea_unknown"] * 2 + [FORM_INVALID] * 4
    assert theirs == (["errors.prompt_unknown"] * 4 + ["errors.idea_unknown", "errors.cluster_unknown",
                                                        "errors.brief_unknown"] + [FORM_INVALID] * 7)
    logged = log_since(running_app, offset)
    assert "Traceback" not in logged and "Backend Exception" not in logged
    with Session(database) as session:
        assert session.scalar(select(Prompt.text).where(Prompt.id == prompt_id)) == "Entä jos?"


def test_control_characters_never_reach_the_database(running_app, database, room):
    """Finding 8: title, challenge, nickname and idea text arrive with NUL, ESC and BEL."""
    code, _key, token, _prompt = room
    dirty = "Entä\x00 jos\x1b[2J\x07"

    async def scenario() -> tuple[str, str, str]:
        home = ReflexTab(running_app.url, "/")
        await home.connect()
        await home.send(f"{HOME}.create", form={"title": dirty, "challenge": dirty, "language": "fi"})
        created = await home.wait_for(HOME, "created_code", bool)
        join = ReflexTab(running_app.url, f"/join/{code}")
        await join.connect()
        await join.wait_for(JOIN, "open_for_joining", bool)
        await join.send(f"{JOIN}.join", form={"role": "parent", "nickname": dirty})
        phone = ReflexTab(running_app.url, f"/w/{code}", storage={TOKENS: json.dumps({code: token})})
        await phone.connect()
        await phone.wait_for(ME, "role", bool)
        await phone.send(f"{ME}.add_idea", form={"text": dirty})
        await phone.wait_for(ME, "my_ideas", lambda ideas: len(ideas) == 1)
        await asyncio.sleep(0.5)
        for tab in (home, join, phone):
            await tab.close()
        return created

    created = run(scenario())
    with Session(database) as session:
        workshop = session.scalars(select(Workshop).where(Workshop.code == created)).one()
        nicknames = set(session.scalars(select(Participant.nickname).join(Workshop).where(Workshop.code == code)))
        texts = list(session.scalars(select(Idea.text).join(Workshop).where(Workshop.code == code)))
    assert (workshop.title, workshop.challenge) == ("Entä jos[2J", "Entä jos[2J")
    assert "Entä jos[2J" in nicknames
    assert texts == ["Entä jos[2J"]


def test_browser_reports_reach_the_log_as_a_few_capped_lines(running_app, room):
    """Finding 10: 250 reports of 100 KB (and unknown handlers) from one socket, with planted lines."""
    code, _key, _token, _prompt = room
    planted = "x\n[Reflex Backend Exception]\n forged " + "y" * 100_000
    offset = log_size(running_app)

    async def scenario() -> None:
        tab = ReflexTab(running_app.url, f"/join/{code}")
        await tab.connect()
        await tab.wait_for(JOIN, "open_for_joining", bool)
        for n in range(250):
            await tab.send(REPORT, info=planted, component_stack=planted)
            await tab.send("reflex___state____state.nope_" + "z" * 100_000 + str(n))
            if n % 10 == 9:
                await asyncio.sleep(1.05)  # stay within the events-per-socket limit: only the log limit acts
        await asyncio.sleep(1.0)
        await tab.close()

    run(scenario())
    logged = log_since(running_app, offset)
    assert len(logged) < 20_000, len(logged)
    assert "\n[Reflex Backend Exception]\n forged" not in logged
    assert logged.count("[browser report]") <= 10


def test_a_phone_tapping_fast_is_never_refused_a_flood_is_cut(running_app, room):
    """Finding 13 (events per socket, default 30 per second)."""
    code, _key, token, _prompt = room

    async def scenario() -> tuple[int, int, int]:
        phone = ReflexTab(running_app.url, f"/w/{code}", storage={TOKENS: json.dumps({code: token})})
        await phone.connect()
        await phone.wait_for(ME, "role", bool)
        await asyncio.sleep(1.1)

        async def taps(count: int) -> int:
            phone.updates.clear()
            for n in range(count):
                await phone.send(f"{LANGUAGE}.set_language", lang=("sv", "en")[n % 2])
            await asyncio.sleep(1.5)
            return len(phone.values(LANGUAGE, "lang"))

        fast = await taps(12)  # a thumb at full speed
        await asyncio.sleep(1.1)
        flood = await taps(300)  # a script
        await asyncio.sleep(1.1)
        after = await taps(2)  # the same socket works again a second later
        await phone.close()
        return fast, flood, after

    fast, flood, after = run(scenario())
    assert fast == 12
    assert 20 <= flood <= 30
    assert after == 2

"""A revoked link cuts its open tabs at once (red-team finding 3, ``attack/a8_revoked_keep_watching.py``
on branch ``redteam``): an outsider holding a leaked facilitator link and a leaked big-screen
link keeps both pages open; the facilitator closes the workshop to newcomers, makes a new
facilitator link and a new big-screen link. Before, both sockets stayed in the room and
received the next idea, the head-count and every phase change. Now each is told that its
link was replaced (``RoomView.ended == "replaced"``) and receives nothing of the room after;
the rotating tab and the participants go on (closing keeps those already in).

The two-worker run of the same scenario is in ``test_several_workers.py``."""

from __future__ import annotations

import asyncio
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from benchmarks.reflex_socket import ReflexTab
from tests.asyncio_support import run
from tests.live.sockets import KEYS, TOKENS
from workshop.domain.creation import NewWorkshop
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import Role
from workshop.state.facilitator import FacilitatorState
from workshop.state.participant import ParticipantState
from workshop.state.room_view import RoomView
from workshop.state.screen import ScreenState
from workshop.state.secrets import BrowserSecrets
from workshop.store import participants, workshops
from workshop.store.models import Idea, Workshop

FACILITATOR = FacilitatorState.get_full_name()
PARTICIPANT = ParticipantState.get_full_name()
SCREEN = ScreenState.get_full_name()
ROOM = RoomView.get_full_name()
DISPLAY_KEYS = f"{BrowserSecrets.get_full_name()}.display_keys_rx_state_"
SECRET = "SECRET-AFTER-REVOKE kotona on vaikeaa"
# Leaked facilitator tabs (and as many big screens) when the room spans two workers: 2 x 6
# sockets all on one worker by chance is 1 in 2,048.
OUTSIDERS = 6


def scene(database) -> dict[str, str]:
    """A workshop in the what-if phase with one young person: its code, facilitator key,
    big-screen (display) key and the young person's token."""
    with Session(database) as session, session.begin():
        made = workshops.create_workshop(session, NewWorkshop(title="A8", challenge="", language="fi"))
        workshop = session.get(Workshop, made.id)
        workshop.phase = "what_if"
        young = participants.join(session, workshop, NewParticipant(Role.YOUNG_PERSON, None))
        return {"code": made.code, "key": made.facilitator_key,
                "display": workshops.display_key(workshop, made.facilitator_key), "token": young.token}


def _tab(app, path: str, storage: dict[str, str], address: str) -> ReflexTab:
    # Each tab its own client address (the app trusts 127.0.0.1 as its proxy).
    return ReflexTab(app.url, path, storage=storage, headers={"X-Forwarded-For": address})


def laptop(app, code: str, key: str, address: str) -> ReflexTab:
    return _tab(app, f"/facilitate/{code}", {KEYS: json.dumps({code: key})}, address)


def big_screen(app, code: str, display: str, address: str) -> ReflexTab:
    return _tab(app, f"/screen/{code}", {DISPLAY_KEYS: json.dumps({code: display})}, address)


def phone(app, code: str, token: str, address: str) -> ReflexTab:
    return _tab(app, f"/w/{code}", {TOKENS: json.dumps({code: token})}, address)


def everything(tab: ReflexTab) -> str:
    """Every update the tab received, as one JSON text."""
    return json.dumps([update for _, update in tab.updates], ensure_ascii=False)


def room_updates(tab: ReflexTab) -> list[dict]:
    """What the tab was sent of the room view."""
    return [update["delta"][ROOM] for _, update in tab.updates if ROOM in update.get("delta", {})]


async def until(test, timeout: float = 10.0) -> None:
    for _ in range(int(timeout * 20)):
        if test():
            return
        await asyncio.sleep(0.05)
    raise TimeoutError


async def revoke_while_watching(app, keys: dict[str, str], outsiders: int = 1, seated=None) -> dict:
    """The red team's scenario over raw sockets, with ``outsiders`` leaked facilitator tabs
    and as many leaked big screens, then one more big screen on the display key made with the
    new facilitator key, which a new big-screen link replaces. ``seated(addresses)`` (if given) is awaited once every
    tab shows the room, with the outsiders' client addresses. Returns what each side saw."""
    code, key, display, token = keys["code"], keys["key"], keys["display"], keys["token"]
    leaked_desks = [laptop(app, code, key, f"198.51.100.{n + 10}") for n in range(outsiders)]
    leaked_screens = [big_screen(app, code, display, f"198.51.100.{n + 110}") for n in range(outsiders)]
    owner, young = laptop(app, code, key, "198.51.100.1"), phone(app, code, token, "198.51.100.2")
    for tab in [*leaked_desks, *leaked_screens, owner, young]:
        await tab.connect()
        await tab.wait_for(ROOM, "room", lambda room: room["code"] == code)
    await owner.wait_for(ROOM, "presence", lambda presence: presence["total"] == 1)
    placed = await seated([tab.headers["X-Forwarded-For"] for tab in leaked_desks + leaked_screens]) if seated else None

    await owner.send(f"{FACILITATOR}.set_closed", closed=True)
    await owner.wait_for(ROOM, "room", lambda room: room["status"] == "closed")
    owner.updates.clear()
    await owner.send(f"{FACILITATOR}.rotate_facilitator_key", confirmed=True)
    await owner.wait_for(FACILITATOR, "facilitator_link", bool)
    # The big screen the facilitator opens with a one-time link made with the new key leaked too ...
    await owner.send(f"{FACILITATOR}.another_screen_link")
    link = await owner.wait_for(FACILITATOR, "screen_link", lambda link: "?open=" in link)
    leaked_screens.append(_tab(app, "/screen/" + link.split("/screen/", 1)[1], {}, "198.51.100.150"))
    await leaked_screens[-1].connect()
    await leaked_screens[-1].wait_for(ROOM, "room", lambda room: room["code"] == code)
    # ... so the facilitator makes a new big-screen link as well.
    owner.updates.clear()
    await owner.send(f"{FACILITATOR}.renew_screen_link")
    await owner.wait_for(FACILITATOR, "screen_link", lambda renewed: renewed not in ("", link))
    told = []
    for tab in leaked_desks + leaked_screens:
        try:
            told.append(await tab.wait_for(ROOM, "ended", bool, timeout=5))
        except TimeoutError:
            told.append("")

    # From here on the leaked tabs must receive nothing of the room.
    for tab in [*leaked_desks, *leaked_screens, owner, young]:
        tab.updates.clear()
    refused = []
    for tab in leaked_desks:
        await tab.send(f"{FACILITATOR}.step", direction=1)
        refused.append(await tab.wait_for(FACILITATOR, "notice", bool))
    await young.send(f"{PARTICIPANT}.add_idea", form={"text": SECRET})
    await until(lambda: SECRET in everything(owner))
    await owner.send(f"{FACILITATOR}.go_to_phase", phase="group")
    # Participants already in stay in: the phone hears the phase change (the workshop is closed).
    await young.wait_for(ROOM, "room", lambda room: room["phase"] == "group")
    await owner.wait_for(ROOM, "room", lambda room: room["phase"] == "group")
    await young.close()  # the head-count changes: only the hosts' sockets hear it
    await owner.wait_for(ROOM, "presence", lambda presence: presence["total"] == 0)
    await asyncio.sleep(0.5)  # anything still on its way to a leaked tab arrives
    leaked = {
        "idea": [SECRET in everything(tab) for tab in leaked_desks + leaked_screens],
        "room updates": [len(room_updates(tab)) for tab in leaked_desks + leaked_screens],
    }
    # A fresh big screen and a fresh laptop with the old keys are refused (as before).
    again_screen = big_screen(app, code, display, "198.51.100.200")
    again_desk = laptop(app, code, key, "198.51.100.201")
    await again_screen.connect()
    await again_desk.connect()
    fresh = [await again_screen.wait_for(SCREEN, "notice", bool),
             await again_desk.wait_for(FACILITATOR, "notice", bool)]
    for tab in [*leaked_desks, *leaked_screens, owner, again_screen, again_desk]:
        await tab.close()
    return {"told": told, "refused": refused, "leaked": leaked, "fresh": fresh, "placed": placed}


def assert_revoked(seen: dict, outsiders: int) -> None:
    """Every leaked tab was told and received nothing after; the old keys open nothing."""
    tabs = 2 * outsiders + 1  # and the big screen on the display key made with the new key
    assert {name: seen[name] for name in ("told", "leaked", "refused", "fresh")} == {
        "told": ["replaced"] * tabs,
        "leaked": {"idea": [False] * tabs, "room updates": [0] * tabs},
        "refused": ["errors.not_facilitator"] * outsiders,
        "fresh": ["errors.not_facilitator"] * 2,
    }


def stored_ideas(database, code: str) -> list[str]:
    with Session(database) as session:
        return list(session.scalars(select(Idea.text).join(Workshop, Workshop.id == Idea.workshop_id)
                                    .where(Workshop.code == code)))


def test_revoked_facilitator_and_big_screen_tabs_stop_receiving_the_room(running_app, database):
    keys = scene(database)
    seen = run(revoke_while_watching(running_app, keys))
    assert_revoked(seen, 1)
    assert stored_ideas(database, keys["code"]) == [SECRET]


def test_a_seated_tab_that_loads_the_page_with_a_wrong_key_leaves_the_room(running_app, database):
    """A tab refused on a new load shows "no access": it leaves the room too, rather than
    stay seated with no key on file (which a later revocation could not find)."""
    keys = scene(database)
    code = keys["code"]

    async def scenario() -> tuple[str, list[dict], list[dict]]:
        owner = laptop(running_app, code, keys["key"], "198.51.100.1")
        tab = laptop(running_app, code, keys["key"], "198.51.100.3")
        for each in (owner, tab):
            await each.connect()
            await each.wait_for(ROOM, "room", lambda room: room["code"] == code)
        # This browser forgets its key (the tab stays open and seated), then loads the page
        # again with a link that opens nothing: refused, with no key to fall back on.
        await tab.send(f"{BrowserSecrets.get_full_name()}.forget_here")
        await tab.wait_for(BrowserSecrets.get_full_name(), "forgotten", bool)
        tab.path = f"/facilitate/{code}?open=forged"
        tab.updates.clear()
        await tab.send(f"{FACILITATOR}.load")
        refused = await tab.wait_for(FACILITATOR, "notice", bool)
        tab.updates.clear()
        await owner.send(f"{FACILITATOR}.go_to_phase", phase="group")
        await owner.wait_for(ROOM, "room", lambda room: room["phase"] == "group")
        await asyncio.sleep(0.5)
        # Rotating now reaches the owner's tab only: nothing to tell the refused one.
        await owner.send(f"{FACILITATOR}.rotate_facilitator_key", confirmed=True)
        await owner.wait_for(FACILITATOR, "facilitator_link", bool)
        await asyncio.sleep(0.5)
        seen = room_updates(tab)
        await owner.close(), await tab.close()
        return refused, seen, room_updates(owner)

    refused, seen, owner_saw = run(scenario())
    assert refused == "openers.used_workshop"  # the link opens nothing, and this browser holds no key
    assert seen == []
    assert {"ended_rx_state_": "replaced"} not in owner_saw


def test_a_tab_that_forgets_its_workshop_on_this_device_leaves_the_room(running_app, database):
    """"Forget this workshop on this device" on a phone and on a second facilitator tab: the
    tab goes home and hears nothing more of the workshop (its socket stays open in a
    single-page app, so it must leave the workshop's rooms, not only the head-count)."""
    keys = scene(database)
    code = keys["code"]

    async def scenario() -> tuple[list[dict], list[dict], list[dict]]:
        owner = laptop(running_app, code, keys["key"], "198.51.100.1")
        other_desk = laptop(running_app, code, keys["key"], "198.51.100.3")
        young = phone(running_app, code, keys["token"], "198.51.100.4")
        for each in (owner, other_desk, young):
            await each.connect()
            await each.wait_for(ROOM, "room", lambda room: room["code"] == code)
        for each in (other_desk, young):
            await each.send(f"{BrowserSecrets.get_full_name()}.forget_here")
            await each.wait_for(BrowserSecrets.get_full_name(), "forgotten", bool)
        await asyncio.sleep(0.3)
        for each in (owner, other_desk, young):
            each.updates.clear()
        await owner.send(f"{FACILITATOR}.go_to_phase", phase="group")
        await owner.wait_for(ROOM, "room", lambda room: room["phase"] == "group")
        await asyncio.sleep(0.8)
        seen = room_updates(other_desk), room_updates(young), room_updates(owner)
        for each in (owner, other_desk, young):
            await each.close()
        return seen

    desk_saw, young_saw, owner_saw = run(scenario())
    assert owner_saw  # the room went on
    assert desk_saw == [] and young_saw == []

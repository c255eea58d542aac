"""Who is here, by role, on the big screen (red-team round 2, observation on live presence):
the projector received the exact head-count by role (``presence``), so the moment one
person picked "experience expert" the room read "Experience experts: 1". Now the big
screen gets ``headcount``, folded with the small-groups rule (workshop.domain.small_groups:
a role of fewer than K people is never shown apart, the differencing rule too), the total
exact; the exact ``presence`` goes to the facilitator's cockpit alone."""

from __future__ import annotations

import asyncio

from sqlalchemy.orm import Session

from tests.asyncio_support import run
from tests.live.test_revoked_links import big_screen, everything, laptop, phone
from workshop.domain.creation import NewWorkshop
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import Role
from workshop.state.room_view import RoomView
from workshop.store import participants, workshops
from workshop.store.models import Workshop

ROOM = RoomView.get_full_name()
K = 3
# One experience expert, K professionals, K parents: the experience expert is folded,
# and the professionals with them (else the total minus the parents and the professionals
# shown apart would be the one experience expert; on a tie the later role folds).
PEOPLE = [Role.EXPERIENCE_EXPERT] + [Role.PROFESSIONAL] * K + [Role.PARENT] * K
EXACT = {"experience_expert": 1, "professional": K, "parent": K}
FOLDED = {"total": 2 * K + 1, "rows": [
    {"role": "parent", "people": K, "members": []},
    {"role": "combined", "people": K + 1, "members": ["experience_expert", "professional"]},
]}


def room_of_seven(engine) -> dict[str, object]:
    """A lobby with K = 3 and the seven people of ``PEOPLE``: code, facilitator key, display key, tokens."""
    with Session(engine) as session, session.begin():
        made = workshops.create_workshop(session, NewWorkshop(title="Paikalla", challenge="", language="fi",
                                                              min_group_size=K))
        workshop = session.get(Workshop, made.id)
        tokens = [participants.join(session, workshop, NewParticipant(role, None)).token for role in PEOPLE]
        return {"code": made.code, "key": made.facilitator_key, "tokens": tokens,
                "display": workshops.display_key(workshop, made.facilitator_key)}


async def watch(app, scene: dict) -> tuple[dict, dict]:
    """The facilitator's laptop and a big screen seated, the seven phones join, then another
    big screen opens: what the laptop counted, and what each big screen was sent."""
    code, key, display = scene["code"], scene["key"], scene["display"]
    desk = laptop(app, code, key, "198.51.101.1")
    early = big_screen(app, code, display, "198.51.101.2")  # seated before anyone: the flushes
    for tab in (desk, early):
        await tab.connect()
        await tab.wait_for(ROOM, "room", lambda room: room["code"] == code, timeout=30)
    phones = [phone(app, code, token, f"198.51.101.{10 + n}") for n, token in enumerate(scene["tokens"])]
    for tab in phones:
        await tab.connect()
    exact = await desk.wait_for(ROOM, "presence", lambda p: p["total"] == len(PEOPLE), timeout=20)
    late = big_screen(app, code, display, "198.51.101.3")  # seated after: its snapshot
    await late.connect()
    await late.wait_for(ROOM, "room", lambda room: room["code"] == code, timeout=30)
    try:
        await early.wait_for(ROOM, "headcount", lambda h: h["total"] == len(PEOPLE), timeout=10)
    except TimeoutError:
        pass  # never folded: check() says what the screen got instead
    await asyncio.sleep(0.5)  # anything still on its way arrives
    seen = {name: (tab.values(ROOM, "presence"), tab.values(ROOM, "headcount"), everything(tab))
            for name, tab in (("early", early), ("late", late))}
    for tab in (desk, early, late, *phones):
        await tab.close()
    return exact, seen


def check(exact: dict, seen: dict) -> None:
    assert exact["by_role"] == EXACT  # the responsible adult sees who is in
    for name, (presence, headcounts, received) in seen.items():
        assert presence == [], f"{name} big screen got the exact head-count: {presence[-1]}"
        assert headcounts and headcounts[-1] == FOLDED, (name, headcounts[-1:])
        for headcount in headcounts:  # no update along the way showed a role of fewer than K apart
            assert all(row["people"] >= K for row in headcount["rows"] if row["role"] != "too_few"), (name, headcount)
        assert '"experience_expert": 1' not in received, name


def test_the_big_screen_never_gets_a_small_role_apart_and_the_facilitator_gets_it_exact(running_app, database):
    check(*run(watch(running_app, room_of_seven(database))))

"""Critique notes hidden until the facilitator shows them (the default): the big screen says
how many have arrived, over raw sockets against the running app.

Before, the big screen got nothing while notes arrived (its wall held only what everyone
may see), so it showed "0" and an empty wall. Now the hosts' audience (the big screen and
the facilitator's page) gets ``waiting``, how many notes of each kind wait to be shown: a
count, never a text. Phones do not get it."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from benchmarks.reflex_socket import ReflexTab
from tests.asyncio_support import run
from tests.live.sockets import facilitator_tab, phone_tab
from workshop.domain.creation import NewWorkshop
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import Role
from workshop.state.facilitator import FacilitatorState
from workshop.state.participant import ParticipantState
from workshop.state.room_view import RoomView
from workshop.state.secrets import BrowserSecrets
from workshop.store import participants, workshops
from workshop.store.models import Workshop

FACILITATOR = FacilitatorState.get_full_name()
PHONE = ParticipantState.get_full_name()
ROOM = RoomView.get_full_name()
DISPLAY_KEYS = f"{BrowserSecrets.get_full_name()}.display_keys_rx_state_"
SECRET = "SALAINEN-KRITIIKKI"


def _everything(tab: ReflexTab) -> str:
    return json.dumps([update for _, update in tab.updates], ensure_ascii=False)


def test_the_big_screen_counts_hidden_notes_as_they_arrive_and_never_gets_their_texts(running_app, database):
    with Session(database) as session, session.begin():
        made = workshops.create_workshop(session, NewWorkshop(title="Odottaa", challenge="", language="fi"))
        workshop = session.get(Workshop, made.id)
        workshop.phase = "critique"
        assert workshop.hide_critique and not workshop.critique_revealed
        tokens = [participants.join(session, workshop, NewParticipant(Role.YOUNG_PERSON, None)).token
                  for _ in range(3)]
        display = workshops.display_key(workshop, made.facilitator_key)
    code = made.code

    async def scenario() -> dict:
        screen = ReflexTab(running_app.url, f"/screen/{code}", storage={DISPLAY_KEYS: json.dumps({code: display})})
        laptop = facilitator_tab(running_app, code, made.facilitator_key)
        phones = [phone_tab(running_app, code, token) for token in tokens]
        for tab in (screen, laptop, *phones):
            await tab.connect()
            await tab.wait_for(ROOM, "room", lambda r: r["code"] == code)
        await screen.wait_for(ROOM, "waiting", lambda w: w.get("critique") == 0)
        for n, phone in enumerate(phones, start=1):
            await phone.send(f"{PHONE}.add_idea", form={"text": f"{SECRET} numero {n}"})
            await screen.wait_for(ROOM, "waiting", lambda w, n=n: w.get("critique") == n)
        await laptop.wait_for(ROOM, "waiting", lambda w: w.get("critique") == 3)
        out = {
            "counts": [w.get("critique") for w in screen.values(ROOM, "waiting")],
            "screen saw": SECRET in _everything(screen),
            "phone got the count": any(phone.values(ROOM, "waiting") for phone in phones),
        }
        # Shown to everyone: nothing waits any more, and the texts reach the screen's wall.
        await laptop.send(f"{FACILITATOR}.reveal", kind="critique", revealed=True)
        await screen.wait_for(ROOM, "waiting", lambda w: w.get("critique") == 0)
        await screen.wait_for(ROOM, "room", lambda r: r["ideas_visible"]["critique"])
        out["after the reveal"] = SECRET in _everything(screen)
        for tab in (screen, laptop, *phones):
            await tab.close()
        return out

    out = run(scenario())
    # The count only rises while notes arrive, one by one to 3.
    assert out["counts"] == sorted(out["counts"]) and out["counts"][0] == 0 and out["counts"][-1] == 3, out
    assert not out["screen saw"], "a hidden note's text reached the big screen"
    assert not out["phone got the count"]
    assert out["after the reveal"]

"""The timer over raw sockets: start, pause, +1 min, resume, reset through the database;
a wrong state or a participant's call is refused and changes nothing; a new phase stops it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.asyncio_support import run
from tests.live.sockets import KEYS, TOKENS
from tests.live.test_authorization import FACILITATOR, ROOM, _tab, room  # noqa: F401 (fixture)
from workshop.store.models import Workshop


def _timer(database, code: str) -> tuple[object, int | None]:
    with Session(database) as session:
        row = session.execute(
            select(Workshop.timer_ends_at, Workshop.timer_paused_left_ms).where(Workshop.code == code)
        ).one()
    return row[0], row[1]


async def _laptop_and_phone(app, code: str, key: str, token: str):
    """The facilitator's tab and a participant's, connected, the laptop in the room."""
    laptop = _tab(app, f"/facilitate/{code}", **{KEYS: f'{{"{code}": "{key}"}}'})
    phone = _tab(app, f"/w/{code}", **{TOKENS: f'{{"{code}": "{token}"}}'})
    await laptop.connect()
    await phone.connect()
    await laptop.wait_for(ROOM, "room", lambda r: r["code"] == code)
    return laptop, phone


def test_pause_one_more_minute_resume_and_reset(running_app, database, room):  # noqa: F811
    code, key, token = room

    async def scenario() -> dict:
        laptop, phone = await _laptop_and_phone(running_app, code, key, token)
        seen = {}
        laptop.updates.clear()
        await laptop.send(f"{FACILITATOR}.pause_timer")  # nothing runs yet
        seen["pause_idle"] = await laptop.wait_for(FACILITATOR, "notice", bool)
        await laptop.send(f"{FACILITATOR}.start_timer", form={"minutes": "2"})
        seen["started"] = await phone.wait_for(ROOM, "room", lambda r: r["timer_ends_at_ms"] > 0)
        await laptop.send(f"{FACILITATOR}.pause_timer")
        seen["paused"] = await phone.wait_for(ROOM, "room", lambda r: r["timer_paused_ms"] > 0)
        seen["db_paused"] = _timer(database, code)
        await laptop.send(f"{FACILITATOR}.add_timer_minute")
        seen["more"] = await phone.wait_for(ROOM, "room", lambda r: r["timer_paused_ms"] > 150_000)
        # A participant's connection posing as the facilitator's page is refused.
        phone.path = f"/facilitate/{code}"
        phone.updates.clear()
        await phone.send(f"{FACILITATOR}.resume_timer")
        seen["phone_refused"] = await phone.wait_for(FACILITATOR, "notice", bool)
        seen["db_after_refusal"] = _timer(database, code)
        laptop.updates.clear()
        await laptop.send(f"{FACILITATOR}.resume_timer")
        seen["resumed"] = await laptop.wait_for(ROOM, "room", lambda r: r["timer_ends_at_ms"] > 0)
        laptop.updates.clear()
        await laptop.send(f"{FACILITATOR}.resume_timer")  # already running
        seen["resume_running"] = await laptop.wait_for(FACILITATOR, "notice", bool)
        await laptop.send(f"{FACILITATOR}.stop_timer")
        seen["reset"] = await laptop.wait_for(
            ROOM, "room", lambda r: r["timer_ends_at_ms"] == 0 and r["timer_paused_ms"] == 0)
        await phone.close()
        await laptop.close()
        return seen

    seen = run(scenario())
    assert seen["pause_idle"] == "cockpit.timer_not_running"
    assert seen["resume_running"] == "cockpit.timer_not_paused"
    assert seen["phone_refused"] == "errors.not_facilitator"
    assert seen["paused"]["timer_ends_at_ms"] == 0 and 100_000 < seen["paused"]["timer_paused_ms"] <= 120_000
    assert seen["db_paused"][0] is None and seen["db_paused"][1] == seen["paused"]["timer_paused_ms"]
    assert seen["more"]["timer_paused_ms"] == seen["paused"]["timer_paused_ms"] + 60_000
    assert seen["db_after_refusal"] == (None, seen["more"]["timer_paused_ms"])
    left = seen["resumed"]["timer_ends_at_ms"] - seen["resumed"]["server_now_ms"]
    assert 150_000 < left <= seen["more"]["timer_paused_ms"]
    assert _timer(database, code) == (None, None)


def test_moving_to_another_phase_stops_the_countdown(running_app, database, room):  # noqa: F811
    """Next, Back and a jump each clear a running or paused countdown in the same commit, and
    the phone hears the phase and "no countdown" together."""
    code, key, token = room

    def off(r: dict) -> bool:
        return r["timer_ends_at_ms"] == 0 and r["timer_paused_ms"] == 0

    async def scenario() -> dict:
        laptop, phone = await _laptop_and_phone(running_app, code, key, token)
        seen = {}
        await laptop.send(f"{FACILITATOR}.go_to_phase", phase="what_if")
        await phone.wait_for(ROOM, "room", lambda r: r["phase"] == "what_if")
        # Running, then Next.
        await laptop.send(f"{FACILITATOR}.start_timer", form={"minutes": "5"})
        await phone.wait_for(ROOM, "room", lambda r: r["timer_ends_at_ms"] > 0)
        phone.updates.clear()
        await laptop.send(f"{FACILITATOR}.step", direction=1)
        seen["next"] = await phone.wait_for(ROOM, "room", lambda r: r["phase"] == "group")
        seen["db_next"] = _timer(database, code)
        # Paused, then Back.
        await laptop.send(f"{FACILITATOR}.start_timer", form={"minutes": "3"})
        await phone.wait_for(ROOM, "room", lambda r: r["timer_ends_at_ms"] > 0)
        await laptop.send(f"{FACILITATOR}.pause_timer")
        await phone.wait_for(ROOM, "room", lambda r: r["timer_paused_ms"] > 0)
        phone.updates.clear()
        await laptop.send(f"{FACILITATOR}.step", direction=-1)
        seen["back"] = await phone.wait_for(ROOM, "room", lambda r: r["phase"] == "what_if")
        seen["db_back"] = _timer(database, code)
        # Running, then a jump on the stepper.
        await laptop.send(f"{FACILITATOR}.start_timer", form={"minutes": "10"})
        await phone.wait_for(ROOM, "room", lambda r: r["timer_ends_at_ms"] > 0)
        phone.updates.clear()
        await laptop.send(f"{FACILITATOR}.go_to_phase", phase="results")
        seen["jump"] = await phone.wait_for(ROOM, "room", lambda r: r["phase"] == "results")
        seen["db_jump"] = _timer(database, code)
        await phone.close()
        await laptop.close()
        return seen

    seen = run(scenario())
    for move in ("next", "back", "jump"):
        assert off(seen[move]), (move, seen[move]["timer_ends_at_ms"], seen[move]["timer_paused_ms"])
        assert seen[f"db_{move}"] == (None, None), move

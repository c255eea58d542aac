"""Fault: PostgreSQL drops every connection of the app (``pg_terminate_backend``) again and
again in the middle of a burst of dots and ideas.

Each tap runs the way its handler runs it (dots through the handler's group commit, ideas
through ``with_database``). Every answer must be either accepted or a clear refusal (a
catalog key), never a raw database error; everything answered as accepted is stored, and
nothing else is: no half-stored transaction, no extra row."""

from __future__ import annotations

import asyncio
import os
import random
import threading
import time

import psycopg
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from tests.asyncio_support import run
from tests.services import require_postgres
from workshop.domain.voting import RoundSettings, VoteTarget
from workshop.domain.creation import NewWorkshop
from workshop.domain.errors import InvalidInput
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import Role
from workshop.state.participant import DOT_WRITES
from workshop.state.workshop_page import with_database
from workshop.store import clusters, db, ideas, migrate, participants, voting, workshops
from workshop.store.models import Dot, Idea, Participant, Workshop

PHONES = 40
DOTS = 5


@pytest.fixture
def own_database(monkeypatch):
    """A database of this test's own (``entajos_faults_<pid>``), migrated, as the app's database."""
    url = make_url(require_postgres())
    name = f"entajos_faults_{os.getpid()}"
    admin = psycopg.connect(url.set(drivername="postgresql", database="postgres")
                            .render_as_string(hide_password=False), autocommit=True)
    admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.execute(f"CREATE DATABASE {name}")
    app_url = url.set(database=name).render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", app_url)
    db.reset_engine()
    migrate.upgrade(engine=db.get_engine())
    try:
        yield name
    finally:
        db.reset_engine()
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


def _seed() -> dict:
    with db.session_scope() as session:
        vote = workshops.create_workshop(session, NewWorkshop(title="Vote", challenge="", language="fi"))
        write = workshops.create_workshop(session, NewWorkshop(title="Write", challenge="", language="fi"))
        voting_ws, writing_ws = session.get(Workshop, vote.id), session.get(Workshop, write.id)
        voting_ws.phase, writing_ws.phase = "vote", "what_if"
        writing_ws.ideas_per_minute = 100
        items = [clusters.create(session, voting_ws, f"Ryhmä {n}").id for n in range(3)]
        voting.open_round(session, voting_ws, RoundSettings(VoteTarget.CLUSTER, None, DOTS, DOTS))
        voters = [participants.join(session, voting_ws, NewParticipant(Role.YOUNG_PERSON, None)).token
                  for _ in range(PHONES)]
        writers = [participants.join(session, writing_ws, NewParticipant(Role.PARENT, None)).id
                   for _ in range(PHONES)]
        return {"vote": vote.code, "vote_id": vote.id, "write_id": write.id, "items": items,
                "voters": voters, "writers": writers}


def _dot(code: str, token: str, item: int):
    """One tap of + on a phone: what ``ParticipantState._vote`` hands to the group commit."""
    tap = voting.Tap()

    def unit(session: Session):
        voter = voting.voter_for_token(session, code, token)
        if voter is None:
            raise InvalidInput("errors.not_participant")
        return voting.place_dot(session, voter, item, tap)
    return unit


def _idea(workshop_id: int, participant_id: int, text: str):
    """One idea sent from a phone: what ``ParticipantState.add_idea`` runs through ``with_database``."""
    def work(session: Session):
        workshop = session.get(Workshop, workshop_id)
        return ideas.add(session, workshop, session.get(Participant, participant_id), text)
    return work


class Terminator(threading.Thread):
    """Terminates every other backend on the database ``rounds`` times, ``every`` seconds
    apart, starting ``every`` seconds in (the burst lasts about 2 s). Often enough that some
    termination lands inside a transaction: one that finds only idle pooled connections is
    healed by the pool's pre-ping, and a burst of quick transactions leaves few gaps."""

    def __init__(self, database: str, rounds: int = 8, every: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.database, self.rounds, self.every = database, rounds, every
        self.terminated = 0
        self.admin_url = make_url(require_postgres()).set(drivername="postgresql", database="postgres") \
            .render_as_string(hide_password=False)

    def run(self) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            for _ in range(self.rounds):
                time.sleep(self.every)
                rows = admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()", (self.database,)).fetchall()
                self.terminated += sum(1 for (done,) in rows if done)


def test_dropped_connections_mid_burst_lose_nothing_and_store_nothing_extra(own_database):
    room = _seed()
    rng = random.Random(15)
    taps = [(token, rng.choice(room["items"])) for token in room["voters"] for _ in range(DOTS)]
    writes = [(pid, f"Entä jos {n}.{k}") for n, pid in enumerate(room["writers"]) for k in range(2)]
    rng.shuffle(taps)

    async def burst():
        async def later(delay, coroutine):
            await asyncio.sleep(delay)
            return await coroutine

        jobs = [later(rng.uniform(0, 2.0), DOT_WRITES.run(_dot(room["vote"], token, item)))
                for token, item in taps]
        jobs += [later(rng.uniform(0, 2.0), with_database(_idea(room["write_id"], pid, text)))
                 for pid, text in writes]
        return await asyncio.gather(*jobs, return_exceptions=True)

    killer = Terminator(own_database)
    retried_before = db.disconnects_retried
    killer.start()
    try:
        answers = run(burst())
    finally:
        killer.join()
    dot_answers, idea_answers = answers[:len(taps)], answers[len(taps):]
    raw = [repr(a)[:160] for a in answers if isinstance(a, BaseException) and not isinstance(a, InvalidInput)]
    refusals = [a.key for a in answers if isinstance(a, InvalidInput)]
    accepted_dots = sum(1 for a in dot_answers if not isinstance(a, BaseException))
    accepted_ideas = sum(1 for a in idea_answers if not isinstance(a, BaseException))
    with db.session_scope() as session:
        stored_dots = session.scalar(select(func.count()).select_from(Dot).where(Dot.workshop_id == room["vote_id"]))
        stored_ideas = session.scalar(select(func.count()).select_from(Idea)
                                      .where(Idea.workshop_id == room["write_id"]))
    print(f"\nterminated {killer.terminated} connections; retried {db.disconnects_retried - retried_before} "
          f"transactions; dots accepted {accepted_dots}/{len(taps)} stored {stored_dots}; ideas accepted "
          f"{accepted_ideas}/{len(writes)} stored {stored_ideas}; refusals {sorted(set(refusals))}; "
          f"raw errors {len(raw)}")
    assert killer.terminated > 0, "the fault never happened"
    assert raw == [], f"answers that are no clear refusal: {raw[:3]}"
    assert set(refusals) <= {"errors.store_unavailable"}, refusals
    assert stored_dots == accepted_dots, "a dot answered as accepted is missing, or one is extra"
    assert stored_ideas == accepted_ideas, "an idea answered as accepted is missing, or one is extra"
    # Retrying the whole transaction carries every tap through a few drops.
    assert refusals == [], f"{len(refusals)} taps refused"
    assert db.disconnects_retried > retried_before, "no transaction lost its connection"

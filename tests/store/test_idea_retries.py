"""An idea is stored once, however often it is sent: a double tap on a cheap phone, or a
transaction run again after its commit landed but the answer was lost on the way (the
connection broke between COMMIT and its acknowledgement, so ``store.db.transact`` cannot
tell and runs it again). On SQLite and PostgreSQL alike."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.store.lost_connection import lose_connection_once
from workshop.domain.creation import parse_new_workshop
from workshop.domain.participation import parse_participant
from workshop.store import db, ideas, participants, prompts, workshops
from workshop.store.models import Idea, Participant, Workshop


def _room(engine) -> tuple[int, int, int, int]:
    """A workshop in the what-if phase with two prompts and two participants."""
    with Session(engine) as session, session.begin():
        created = workshops.create_workshop(session, parse_new_workshop(title="T", challenge="", language="fi"))
        workshop = session.get(Workshop, created.id)
        workshop.phase = "what_if"
        first = prompts.add(session, workshop, "what_if", "Entä jos koulu alkaisi kymmeneltä?").id
        second = prompts.add(session, workshop, "what_if", "Entä jos sijaisperhe olisi naapurissa?").id
        people = [participants.join(session, workshop, parse_participant(role=role, nickname="")).id
                  for role in ("young_person", "parent")]
        return workshop.id, first, second, people[0]


def _send(workshop_id: int, participant_id: int, text: str, prompt_id: int):
    def work(session: Session) -> int:
        workshop = session.get(Workshop, workshop_id)
        return ideas.add(session, workshop, session.get(Participant, participant_id), text, prompt_id)
    return work


def _count(engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(Idea)) or 0


def test_the_same_idea_sent_twice_is_stored_once(engine):
    workshop_id, prompt_id, _, person = _room(engine)
    with Session(engine) as session, session.begin():
        first = _send(workshop_id, person, "Mun mielestä koulu vois alkaa myöhemmin", prompt_id)(session)
    with Session(engine) as session, session.begin():
        again = _send(workshop_id, person, "Mun mielestä koulu vois alkaa myöhemmin", prompt_id)(session)
    assert again == first
    assert _count(engine) == 1


def test_the_same_text_elsewhere_or_from_someone_else_is_another_idea(engine):
    workshop_id, prompt_id, other_prompt, person = _room(engine)
    with Session(engine) as session:
        someone_else = session.scalars(select(Participant.id).where(
            Participant.workshop_id == workshop_id, Participant.id != person)).one()
    text = "Nuoret mukaan päättämään"
    ids = set()
    for who, where in ((person, prompt_id), (person, other_prompt), (someone_else, prompt_id)):
        with Session(engine) as session, session.begin():
            ids.add(_send(workshop_id, who, text, where)(session))
    with Session(engine) as session, session.begin():
        ids.add(_send(workshop_id, person, text + "!", prompt_id)(session))
    assert len(ids) == 4
    assert _count(engine) == 4


def test_a_hidden_idea_sent_again_stays_hidden_and_single(engine):
    workshop_id, prompt_id, _, person = _room(engine)
    with Session(engine) as session, session.begin():
        idea_id = _send(workshop_id, person, "Jotain asiatonta", prompt_id)(session)
        session.get(Idea, idea_id).hidden = True
    with Session(engine) as session, session.begin():
        assert _send(workshop_id, person, "Jotain asiatonta", prompt_id)(session) == idea_id
    with Session(engine) as session:
        assert session.scalars(select(Idea.hidden)).all() == [True]


def test_a_commit_whose_answer_was_lost_is_not_stored_twice_when_run_again(engine, monkeypatch):
    """The first COMMIT lands, then the driver reports the connection lost; ``transact``
    runs the whole work again on a fresh connection. The idea must be there once."""
    workshop_id, prompt_id, _, person = _room(engine)
    lost_once = lose_connection_once(engine, monkeypatch, after_commit=True)
    stored = db.transact(_send(workshop_id, person, "Entä jos joka nuorella olisi oma aikuinen?", prompt_id))
    assert lost_once == [1]
    assert _count(engine) == 1
    with Session(engine) as session:
        assert session.scalars(select(Idea.id)).all() == [stored]

"""The schema refuses impossible states and deletes what belongs to a deleted workshop."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workshop.domain.tokens import hash_secret, new_secret
from workshop.store.models import (
    Base,
    Brief,
    BriefSuggestion,
    Cluster,
    Idea,
    Participant,
    Prompt,
    Vote,
    VoteRound,
    Workshop,
)

_codes = (f"CODE{n:02d}" for n in itertools.count())


def _workshop(session: Session, **fields) -> Workshop:
    workshop = Workshop(
        code=fields.pop("code", next(_codes)[:6]),
        title="T",
        facilitator_key_hash=hash_secret(new_secret()),
        **fields,
    )
    session.add(workshop)
    session.flush()
    return workshop


def _filled_workshop(session: Session) -> dict[str, object]:
    """A workshop with one row in every table."""
    workshop = _workshop(session)
    person = Participant(workshop_id=workshop.id, token_hash=hash_secret(new_secret()), role="parent")
    prompt = Prompt(workshop_id=workshop.id, position=0, kind="what_if", text="Entä jos…?")
    cluster = Cluster(workshop_id=workshop.id, name="Koulu")
    session.add_all([person, prompt, cluster])
    session.flush()
    idea = Idea(
        workshop_id=workshop.id, participant_id=person.id, prompt_id=prompt.id,
        cluster_id=cluster.id, kind="what_if", text="Idea",
    )
    vote_round = VoteRound(
        workshop_id=workshop.id, target="cluster", dots_per_participant=5, max_dots_per_item=3
    )
    brief = Brief(workshop_id=workshop.id, title="Brief", source_cluster_id=cluster.id)
    session.add_all([idea, vote_round, brief])
    session.flush()
    session.add_all([
        Vote(workshop_id=workshop.id, round_id=vote_round.id, participant_id=person.id,
             cluster_id=cluster.id, dots=2),
        BriefSuggestion(workshop_id=workshop.id, brief_id=brief.id, participant_id=person.id,
                        text="Lisäys"),
    ])
    session.flush()
    return {"workshop": workshop, "person": person, "cluster": cluster, "idea": idea,
            "round": vote_round}


def _refused(engine, build) -> None:
    with Session(engine) as session:
        with pytest.raises(IntegrityError):
            with session.begin():
                build(session)


def _row_counts(session: Session) -> dict[str, int]:
    return {
        table.name: session.scalar(select(func.count()).select_from(table))
        for table in Base.metadata.sorted_tables
    }


def test_join_codes_are_unique(engine):
    def build(session):
        _workshop(session, code="AAAAAA")
        _workshop(session, code="AAAAAA")

    _refused(engine, build)


def test_dot_counts_and_vote_targets(engine):
    def zero_dots(session):
        _filled_workshop(session)
        vote = session.scalars(select(Vote)).one()
        vote.dots = 0

    def both_targets(session):
        rows = _filled_workshop(session)
        session.add(Vote(workshop_id=rows["workshop"].id, round_id=rows["round"].id,
                         participant_id=rows["person"].id, idea_id=rows["idea"].id,
                         cluster_id=rows["cluster"].id, dots=1))

    def no_target(session):
        rows = _filled_workshop(session)
        session.add(Vote(workshop_id=rows["workshop"].id, round_id=rows["round"].id,
                         participant_id=rows["person"].id, dots=1))

    def same_item_twice(session):
        rows = _filled_workshop(session)
        session.add(Vote(workshop_id=rows["workshop"].id, round_id=rows["round"].id,
                         participant_id=rows["person"].id, cluster_id=rows["cluster"].id, dots=1))

    for build in (zero_dots, both_targets, no_target, same_item_twice):
        _refused(engine, lambda session, build=build: (build(session), session.flush()))


def test_a_vote_cannot_mix_workshops(engine):
    def build(session):
        first = _filled_workshop(session)
        second = _filled_workshop(session)
        # Second workshop's participant voting in the first workshop's round.
        session.add(Vote(workshop_id=first["workshop"].id, round_id=first["round"].id,
                         participant_id=second["person"].id, idea_id=first["idea"].id, dots=1))
        session.flush()

    _refused(engine, build)

    def target_elsewhere(session):
        first = _filled_workshop(session)
        second = _filled_workshop(session)
        session.add(Vote(workshop_id=first["workshop"].id, round_id=first["round"].id,
                         participant_id=first["person"].id, idea_id=second["idea"].id, dots=1))
        session.flush()

    _refused(engine, target_elsewhere)


def test_settings_and_choices_are_checked(engine):
    _refused(engine, lambda s: _workshop(s, dots_per_participant=2, max_dots_per_item=3))
    _refused(engine, lambda s: _workshop(s, phase="brainstorm"))
    _refused(engine, lambda s: _workshop(s, code="ABC"))

    def bad_role(session):
        workshop = _workshop(session)
        session.add(Participant(workshop_id=workshop.id, token_hash="x", role="boss"))
        session.flush()

    _refused(engine, bad_role)


def test_deleting_a_workshop_removes_all_its_rows_and_only_them(engine):
    with Session(engine) as session, session.begin():
        doomed = _filled_workshop(session)["workshop"].id
        _filled_workshop(session)
    with Session(engine) as session, session.begin():
        before = _row_counts(session)
        assert all(count == 2 for count in before.values()), before
        session.execute(delete(Workshop).where(Workshop.id == doomed))
    with Session(engine) as session:
        assert all(count == 1 for count in _row_counts(session).values())


def test_deleting_a_cluster_ungroups_its_ideas(engine):
    with Session(engine) as session, session.begin():
        rows = _filled_workshop(session)
        idea_id, cluster_id = rows["idea"].id, rows["cluster"].id
    with Session(engine) as session, session.begin():
        session.execute(delete(Cluster).where(Cluster.id == cluster_id))
    with Session(engine) as session:
        idea = session.get(Idea, idea_id)
        assert idea is not None and idea.cluster_id is None


def test_only_one_prompt_is_on_screen(engine):
    def build(session):
        workshop = _workshop(session)
        session.add_all([
            Prompt(workshop_id=workshop.id, position=i, kind="what_if", text=f"P{i}", is_current=True)
            for i in range(2)
        ])
        session.flush()

    _refused(engine, build)

"""The schema refuses impossible states and deletes what belongs to a deleted workshop."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workshop.domain.portfolio import Filter
from workshop.domain.tokens import hash_secret, new_secret
from workshop.domain.vocabulary import Opener as OpenerPurpose
from workshop.store import downloads, lifecycle, openers
from workshop.store.models import (
    Base,
    Brief,
    BriefSuggestion,
    Cluster,
    Dot,
    Idea,
    Participant,
    Portfolio,
    PortfolioBrief,
    PortfolioBriefStatus,
    Prompt,
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
        _dot(workshop, vote_round, person, cluster_id=cluster.id),
        BriefSuggestion(workshop_id=workshop.id, brief_id=brief.id, participant_id=person.id,
                        text="Lisäys"),
    ])
    downloads.mint(session, workshop)
    openers.mint(session, OpenerPurpose.FACILITATOR, "a-facilitator-key", workshop)
    # Its brief published to a portfolio of its own, with a status (the portfolio and its
    # download token are the portfolio's rows, not the workshop's).
    owner = Portfolio(code=next(_codes)[:6], title="P", coordinator_key_hash=hash_secret(new_secret()))
    session.add(owner)
    session.flush()
    workshop.portfolio_id = owner.id
    published = PortfolioBrief(portfolio_id=owner.id, workshop_id=workshop.id, brief_id=brief.id, content={})
    session.add(published)
    session.flush()
    session.add(PortfolioBriefStatus(portfolio_id=owner.id, workshop_id=workshop.id,
                                     portfolio_brief_id=published.id, status="new"))
    downloads.mint_portfolio(session, owner, Filter(), "fi")
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


def _dot(workshop, vote_round, person, slot=1, item_slot=1, **target) -> Dot:
    """A dot that copies its round's target and limits, as the store writes it."""
    fields = dict(target=vote_round.target, dots_limit=vote_round.dots_per_participant,
                  item_limit=vote_round.max_dots_per_item, slot=slot, item_slot=item_slot)
    fields.update(target)
    return Dot(workshop_id=workshop.id, round_id=vote_round.id, participant_id=person.id, **fields)


def _dot_in(rows, **fields) -> Dot:
    return _dot(rows["workshop"], rows["round"], rows["person"], **fields)


# Each builds a second dot beside the filled workshop's one (slot 1, item slot 1 on its cluster).
ILLEGAL_DOTS = {
    "same slot twice": lambda r: _dot_in(r, slot=1, item_slot=2, cluster_id=r["cluster"].id),
    "same item slot twice": lambda r: _dot_in(r, slot=2, item_slot=1, cluster_id=r["cluster"].id),
    "slot beyond the dots": lambda r: _dot_in(r, slot=6, item_slot=2, cluster_id=r["cluster"].id),
    "item slot beyond the most per item": lambda r: _dot_in(r, slot=2, item_slot=4, cluster_id=r["cluster"].id),
    "limits other than the round's": lambda r: _dot_in(r, slot=6, item_slot=2, dots_limit=9,
                                                       cluster_id=r["cluster"].id),
    "an idea in a cluster round": lambda r: _dot_in(r, slot=2, target="cluster", idea_id=r["idea"].id),
    "target other than the round's": lambda r: _dot_in(r, slot=2, target="idea", idea_id=r["idea"].id),
    "both targets": lambda r: _dot_in(r, slot=2, idea_id=r["idea"].id, cluster_id=r["cluster"].id),
    "no target": lambda r: _dot_in(r, slot=2),
    "slot zero": lambda r: _dot_in(r, slot=0, item_slot=2, cluster_id=r["cluster"].id),
}


@pytest.mark.parametrize("rule", sorted(ILLEGAL_DOTS))
def test_the_dot_rules_hold_in_the_schema(engine, rule):
    """Whatever a buggy or racing writer does, a participant never holds more than the
    round's dots, nor more than its most per item, nor dots of the wrong kind."""
    _refused(engine, lambda session: (session.add(ILLEGAL_DOTS[rule](_filled_workshop(session))),
                                      session.flush()))


def test_a_legal_second_dot_is_let_in(engine):
    with Session(engine) as session, session.begin():
        rows = _filled_workshop(session)
        session.add(_dot_in(rows, slot=2, item_slot=2, cluster_id=rows["cluster"].id))


def test_only_one_round_is_open(engine):
    def build(session):
        workshop = _workshop(session)
        session.add_all([VoteRound(workshop_id=workshop.id, target="cluster", dots_per_participant=5,
                                   max_dots_per_item=3) for _ in range(2)])
        session.flush()

    _refused(engine, build)


def test_a_dot_cannot_mix_workshops(engine):
    def build(session):
        first = _filled_workshop(session)
        second = _filled_workshop(session)
        # Second workshop's participant voting in the first workshop's round.
        session.add(_dot(first["workshop"], first["round"], second["person"], cluster_id=first["cluster"].id))
        session.flush()

    _refused(engine, build)

    def target_elsewhere(session):
        first = _filled_workshop(session)
        second = _filled_workshop(session)
        session.add(_dot(first["workshop"], first["round"], first["person"], slot=2,
                         cluster_id=second["cluster"].id))
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
        after = _row_counts(session)
        # The workshop's rows went (published briefs and statuses too); the portfolios stay.
        assert {name: count for name, count in after.items() if name in lifecycle.WORKSHOP_REFERENCE} == {
            name: 1 for name in lifecycle.WORKSHOP_REFERENCE}
        assert after["portfolios"] == after["portfolio_download_tokens"] == 2


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

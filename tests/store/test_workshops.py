"""Creating a workshop: a unique code, the key stored hashed, the deck's prompts copied in."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workshop.domain.creation import NewWorkshop
from workshop.domain.decks import load_decks
from workshop.domain.tokens import secret_matches
from workshop.store import workshops
from workshop.store.db import PROMPTS_DIR
from workshop.store.models import Prompt, Workshop


def test_create_copies_the_deck_in_the_workshop_language(engine):
    deck = load_decks(PROMPTS_DIR).find("radical-child-welfare", "sv")
    new = NewWorkshop(title="T", challenge="C", language="sv", deck_id=deck.id,
                      dots_per_participant=7, max_dots_per_item=2, vote_target="idea", show_names=True)
    with Session(engine) as session, session.begin():
        created = workshops.create_workshop(session, new, deck)
    with Session(engine) as session:
        workshop = session.get(Workshop, created.id)
        prompts = session.scalars(
            select(Prompt).where(Prompt.workshop_id == created.id).order_by(Prompt.position)
        ).all()
        assert workshops.find_by_code(session, created.code).id == created.id
        assert workshops.for_facilitator(session, created.code, created.facilitator_key).id == created.id
        assert workshops.for_facilitator(session, created.code, "wrong") is None
    assert (workshop.dots_per_participant, workshop.max_dots_per_item) == (7, 2)
    assert (workshop.vote_target, workshop.show_names, workshop.deck_id) == ("idea", True, deck.id)
    assert secret_matches(created.facilitator_key, workshop.facilitator_key_hash)
    assert [(p.kind, p.text) for p in prompts] == [(p.kind.value, p.text) for p in deck.prompts]
    assert prompts[0].text.startswith("Var kommer hjälpen")


def test_codes_are_retried_on_a_clash(engine, monkeypatch):
    codes = iter(["AAAAAA", "AAAAAA", "CCCCCC"])
    monkeypatch.setattr(workshops, "new_code", lambda: next(codes))
    new = NewWorkshop(title="T", challenge="", language="fi")
    with Session(engine) as session, session.begin():
        first = workshops.create_workshop(session, new)
        second = workshops.create_workshop(session, new)
    assert (first.code, second.code) == ("AAAAAA", "CCCCCC")


def test_a_refused_transaction_leaves_no_workshop_behind(engine):
    """A savepoint (create_workshop retries a taken code in one) must not commit the outer
    transaction: on SQLite, pysqlite's own transaction handling made its RELEASE a COMMIT."""
    class Refusal(Exception):
        pass

    with pytest.raises(Refusal), Session(engine) as session, session.begin():
        workshops.create_workshop(session, NewWorkshop(title="Gone", challenge="", language="fi"))
        raise Refusal
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Workshop)) == 0

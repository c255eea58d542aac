"""A participant's edits and deletes of their own ideas through the database, on SQLite and
PostgreSQL (red-team round 3, F4): the rate of changes (``admit``) is asked only once every
other check has passed, and a change it refuses leaves the idea as it was."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from workshop.domain.creation import InvalidInput, NewWorkshop
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import Role
from workshop.store import ideas, moderation, participants, workshops
from workshop.store.models import Idea, Participant, Workshop


def _room(session: Session) -> tuple[Workshop, Participant, Participant, int]:
    """A what-if workshop; the first of two participants has written one idea."""
    created = workshops.create_workshop(session, NewWorkshop(title="Muutokset", challenge="", language="fi"))
    workshop = session.get(Workshop, created.id)
    workshop.phase = "what_if"
    me, other = (session.get(Participant, participants.join(session, workshop, NewParticipant(Role.PARENT, None)).id)
                 for _ in range(2))
    return workshop, me, other, ideas.add(session, workshop, me, "Alkuperäinen")


def test_a_change_refused_by_its_rate_changes_nothing_and_is_counted_last(engine):
    calls: list[str] = []

    def refuse() -> None:
        calls.append("admit")
        raise InvalidInput("limits.too_many_edits")

    with Session(engine) as session, session.begin():
        workshop, me, other, idea_id = _room(session)
        # Not one's own, an unknown id, an empty text, a closed phase: never counted.
        for who, target, text, key in ((other, idea_id, "Kaapattu", "idea_unknown"),
                                        (me, 999_999, "ok", "idea_unknown"),
                                        (me, idea_id, "   ", "idea_empty")):
            with pytest.raises(InvalidInput, match=key):
                ideas.edit_own(session, workshop, who, target, text, admit=refuse)
        with pytest.raises(InvalidInput, match="idea_unknown"):
            moderation.delete_own_idea(session, workshop, other, idea_id, admit=refuse)
        workshop.phase = "group"
        with pytest.raises(InvalidInput, match="writing_closed"):
            ideas.edit_own(session, workshop, me, idea_id, "Myöhässä", admit=refuse)
        with pytest.raises(InvalidInput, match="writing_closed"):
            moderation.delete_own_idea(session, workshop, me, idea_id, admit=refuse)
        workshop.phase = "what_if"
        assert calls == []
        # Otherwise fine: refused by the rate, and nothing written.
        with pytest.raises(InvalidInput, match="too_many_edits"):
            ideas.edit_own(session, workshop, me, idea_id, "Liikaa", admit=refuse)
        with pytest.raises(InvalidInput, match="too_many_edits"):
            moderation.delete_own_idea(session, workshop, me, idea_id, admit=refuse)
        session.flush()
        session.expire_all()
        assert calls == ["admit", "admit"]
        assert session.get(Idea, idea_id).text == "Alkuperäinen"


def test_a_change_within_the_rate_is_stored(engine):
    with Session(engine) as session, session.begin():
        workshop, me, _other, idea_id = _room(session)
        ideas.edit_own(session, workshop, me, idea_id, "  Korjattu\r\n teksti ", admit=lambda: None)
        session.flush()
        session.expire_all()
        assert session.get(Idea, idea_id).text == "Korjattu\n teksti"
        moderation.delete_own_idea(session, workshop, me, idea_id, admit=lambda: None)
        session.flush()
        assert session.get(Idea, idea_id) is None

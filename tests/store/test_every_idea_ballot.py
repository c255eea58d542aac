"""A round on "Every idea" holds what everyone may see (red-team finding 7), SQLite and PostgreSQL.

Critique notes are hidden from the other phones until the facilitator shows them (the
default). An "Every idea" ballot used to list them all the same, so every phone received
their texts. Now such a ballot lists only the ideas everyone may see: the notes join it
when shown, and leave it (with their dots) when hidden again. A round on critique notes
alone is the facilitator's choice to show them as its choices, as before."""

from __future__ import annotations

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from workshop.domain import voting as rules
from workshop.domain.creation import InvalidInput, NewWorkshop
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import Role
from workshop.store import participants, voting, workshops
from workshop.store.models import Dot, Idea, Participant, Workshop

NOTE = "CRIT sossu ei kuuntele"
IDEA = "Entä jos kaikki kuunneltaisiin"


def _room(session: Session, ballot: str = "idea", dots: int = 3, **shown: bool) -> dict:
    """A young person's critique note and what-if idea, the vote phase, the workshop's
    visibility settings changed by ``shown`` (defaults: critique hidden until shown, not
    shown yet), and a round on ``ballot`` open."""
    made = workshops.create_workshop(session, NewWorkshop(title="A11", challenge="", language="fi"))
    workshop = session.get(Workshop, made.id)
    workshop.phase = "vote"
    assert workshop.hide_critique and not workshop.critique_revealed  # the defaults
    for column, value in shown.items():
        setattr(workshop, column, value)
    young = participants.join(session, workshop, NewParticipant(Role.YOUNG_PERSON, None))
    note = Idea(workshop_id=workshop.id, participant_id=young.id, kind="critique", text=NOTE)
    idea = Idea(workshop_id=workshop.id, participant_id=young.id, kind="what_if", text=IDEA)
    session.add_all([note, idea])
    session.flush()
    vote_round = voting.open_round(session, workshop, rules.parse_round(ballot, dots, min(dots, 2)))
    return {"workshop": workshop, "young": session.get(Participant, young.id), "note": note.id, "idea": idea.id,
            "round": vote_round}


def _labels(session: Session, workshop: Workshop) -> list[str]:
    return [c["label"] for c in voting.ballot(session, workshop)["choices"]]


def _dots(session: Session, idea_id: int) -> int:
    return session.scalar(select(func.count()).select_from(Dot).where(Dot.idea_id == idea_id))


def test_unrevealed_critique_is_on_no_every_idea_ballot_and_takes_no_dot(engine):
    with Session(engine) as session, session.begin():
        room = _room(session)
        workshop, young = room["workshop"], room["young"]
        assert _labels(session, workshop) == [IDEA]
        with pytest.raises(InvalidInput, match="vote_item_unknown"):
            voting.add_dot(session, workshop, young, room["note"])
        assert _dots(session, room["note"]) == 0
        voting.add_dot(session, workshop, young, room["idea"])
        voting.reveal_round(session, workshop)
        result = voting.tally(session, workshop)
        assert NOTE not in str(result) and [p["label"] for p in result["overall"]] == [IDEA]


def test_shown_notes_join_the_ballot_and_leave_it_with_their_dots_when_hidden_again(engine):
    with Session(engine) as session, session.begin():
        room = _room(session)
        workshop, young = room["workshop"], room["young"]
        workshop.critique_revealed = True
        session.flush()
        assert _labels(session, workshop) == [NOTE, IDEA]
        voting.add_dot(session, workshop, young, room["note"])
        voting.add_dot(session, workshop, young, room["idea"])
        workshop.critique_revealed = False
        session.flush()
        voting.return_dots_off_ballot(session, workshop)
        assert _labels(session, workshop) == [IDEA]
        assert voting.my_dots(session, workshop.id, young.id)[1] == {room["idea"]: 1}
        with pytest.raises(InvalidInput, match="vote_item_unknown"):
            voting.add_dot(session, workshop, young, room["note"])
        # Not hidden until shown at all: the notes are everyone's to vote on.
        workshop.hide_critique = False
        session.flush()
        assert _labels(session, workshop) == [NOTE, IDEA]
        voting.add_dot(session, workshop, young, room["note"])


def test_what_if_ideas_hidden_until_shown_stay_off_too(engine):
    with Session(engine) as session, session.begin():
        room = _room(session, hide_what_if=True, critique_revealed=True)
        workshop, young = room["workshop"], room["young"]
        assert _labels(session, workshop) == [NOTE]
        with pytest.raises(InvalidInput, match="vote_item_unknown"):
            voting.add_dot(session, workshop, young, room["idea"])


def test_a_round_on_one_kind_is_the_facilitators_choice_to_show_it(engine):
    with Session(engine) as session, session.begin():
        room = _room(session, ballot="critique", dots=1)
        workshop, young = room["workshop"], room["young"]
        assert _labels(session, workshop) == [NOTE]
        voting.add_dot(session, workshop, young, room["note"])
        voting.return_dots_off_ballot(session, workshop)  # not an every-idea round: nothing goes
        assert _dots(session, room["note"]) == 1


def test_a_result_counted_from_an_older_rounds_dots_names_no_unrevealed_note(engine):
    """A round revealed before this fix (no stored result), whose dots went on a note that
    was never shown: its result as counted now leaves the note out."""
    with Session(engine) as session, session.begin():
        room = _room(session)
        workshop, young, vote_round = room["workshop"], room["young"], room["round"]
        session.execute(insert(Dot).values(workshop_id=workshop.id, round_id=vote_round.id, participant_id=young.id,
                                           target="idea", idea_id=room["note"], dots_limit=3, item_limit=2,
                                           slot=1, item_slot=1))
        voting.reveal_round(session, workshop)
        vote_round.result = None
        session.flush()
        assert NOTE not in str(voting.tally(session, workshop))

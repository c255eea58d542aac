"""Ideas leaving the room: hidden by the facilitator (moderation), deleted by their author,
or deleted with their author (``lifecycle.remove_participant``). Their text leaves the
briefs drafted from them and the portfolio's copies too (:func:`forget`).

Every function works inside the caller's transaction and touches only rows of the
caller's workshop; a refusal raises InvalidInput before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sqlalchemy.orm import Session

from workshop.domain.ideas import check_own_change
from workshop.store import briefs, ideas, portfolio, voting
from workshop.store.models import Participant, Workshop


def forget(session: Session, workshop: Workshop, gone: Mapping[int, str]) -> None:
    """Ideas hidden or deleted (``gone``: their texts by id) leave the briefs: a field drafted
    from one that still holds its text, in the workshop and in its published copies, and
    the published quotes (``briefs.forget_ideas``, ``portfolio.scrub``)."""
    briefs.forget_ideas(session, workshop, gone)
    portfolio.scrub(session, workshop, gone)


def hide_idea(session: Session, workshop: Workshop, idea_id: object, hidden: object) -> None:
    """Hide an idea from every screen (it stays in the record), or bring it back (its text
    does not come back into the briefs)."""
    idea = ideas.of_workshop(session, workshop, idea_id)
    idea.hidden = hidden is True
    if idea.hidden:
        voting.return_dots_on_idea(session, workshop, idea.id)
        forget(session, workshop, {idea.id: idea.text})


def edit_own_idea(session: Session, workshop: Workshop, participant: Participant, idea_id: object,
                  text: object, admit: Callable[[], None] | None = None) -> None:
    """The participant changes the text of one of their ideas (``ideas.edit_own``); its old
    text leaves the briefs as a deleted idea's does (red-team round 5, F3: a name edited out
    and the idea then deleted stayed in the brief drafted from it and in its published copy,
    as the scrub looked for the current text)."""
    idea = ideas.own(session, workshop, participant, idea_id)
    before = idea.text
    ideas.edit_own(session, workshop, participant, idea.id, text, admit)
    if idea.text != before:
        session.flush()
        forget(session, workshop, {idea.id: before})


def delete_own_idea(session: Session, workshop: Workshop, participant: Participant, idea_id: object,
                    admit: Callable[[], None] | None = None) -> None:
    """The participant deletes one of their ideas while its phase lasts. ``admit`` (the
    participant's rate of changes) runs once every check has passed, before anything is
    deleted."""
    idea = ideas.own(session, workshop, participant, idea_id)
    check_own_change(ideas.room_of(workshop), idea.kind)
    if admit is not None:
        admit()
    gone = {idea.id: idea.text}
    session.delete(idea)
    session.flush()
    forget(session, workshop, gone)

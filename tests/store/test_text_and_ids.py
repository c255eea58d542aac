"""Findings 8 and 9 through the database, on SQLite and PostgreSQL alike: control characters
(NUL included, a DataError on PostgreSQL before) never reach a row, and ids too large for
the database are refused as unknown instead of overflowing."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.store.test_briefs import _voted
from workshop.domain.creation import InvalidInput, parse_new_workshop
from workshop.domain.ideas import clean_idea_text
from workshop.domain.participation import parse_participant
from workshop.store import briefs, clusters, ideas, participants, prompts, workshops
from workshop.store.models import Brief, BriefSuggestion, Cluster, Idea, Participant, Prompt, Workshop

DIRTY = "Entä\x00 jos\x1b[31m\x07"
HUGE = 2**80


def test_no_control_character_reaches_any_text_column(engine):
    with Session(engine) as session, session.begin():
        new = parse_new_workshop(title=DIRTY, challenge=DIRTY, language="fi")
        created = workshops.create_workshop(session, new)
        workshop = session.get(Workshop, created.id)
        workshop.phase = "what_if"
        joined = participants.join(session, workshop, parse_participant(role="parent", nickname=DIRTY))
        person = session.get(Participant, joined.id)
        prompt = prompts.add(session, workshop, "what_if", DIRTY)
        idea_id = ideas.add(session, workshop, person, clean_idea_text(DIRTY, 280), prompt.id)
        clusters.create(session, workshop, DIRTY, [idea_id])
    with Session(engine) as session, session.begin():
        room = _voted(session)
        workshop = room["workshop"]
        briefs.create_from_top(session, workshop, 3)
        brief_id = session.scalars(select(Brief.id).where(Brief.workshop_id == workshop.id)).first()
        briefs.set_text(session, workshop, brief_id, "title", DIRTY, session.get(Brief, brief_id).title)
        briefs.set_text(session, workshop, brief_id, "need", DIRTY, "")
        briefs.suggest(session, workshop, room["people"][0], brief_id, DIRTY)
    with Session(engine) as session:
        texts = [
            *session.scalars(select(Workshop.title)), *session.scalars(select(Workshop.challenge)),
            *session.scalars(select(Participant.nickname).where(Participant.nickname.is_not(None))),
            *session.scalars(select(Prompt.text).where(Prompt.text.like("Entä%"))),
            *session.scalars(select(Idea.text).where(Idea.text.like("Entä%"))),
            *session.scalars(select(Cluster.name).where(Cluster.name.like("Entä%"))),
            *session.scalars(select(Brief.title).where(Brief.title.like("Entä%"))),
            *session.scalars(select(Brief.need).where(Brief.need != "")),
            *session.scalars(select(BriefSuggestion.text)),
        ]
    dirty = [t for t in texts if t.startswith("Entä")]
    assert len(dirty) == 9  # title, challenge, nickname, prompt, idea, cluster, brief ×2, suggestion
    assert set(dirty) == {"Entä jos[31m"}


@pytest.mark.parametrize("call", [
    lambda s, w, p: ideas.add(s, w, p, "ok", HUGE),
    lambda s, w, p: ideas.own(s, w, p, HUGE),
    lambda s, w, p: ideas.of_workshop(s, w, HUGE),
    lambda s, w, p: prompts.edit(s, w, HUGE, "x"),
    lambda s, w, p: prompts.set_hidden(s, w, HUGE, True),
    lambda s, w, p: prompts.show(s, w, HUGE),
    lambda s, w, p: prompts.move(s, w, HUGE, 1),
    lambda s, w, p: clusters.of_workshop(s, w, HUGE),
    lambda s, w, p: briefs.remove(s, w, HUGE),
    lambda s, w, p: briefs.take_in(s, w, HUGE, "need"),
], ids=["add_idea_prompt", "own_idea", "any_idea", "edit_prompt", "hide_prompt", "show_prompt",
        "move_prompt", "cluster", "brief", "suggestion"])
def test_ids_beyond_the_database_are_unknown(engine, call):
    with Session(engine) as session, session.begin():
        created = workshops.create_workshop(session, parse_new_workshop(title="T", challenge="", language="fi"))
        workshop = session.get(Workshop, created.id)
        workshop.phase = "what_if"
        person = session.get(Participant, participants.join(
            session, workshop, parse_participant(role="parent", nickname="")).id)
        with pytest.raises(InvalidInput, match="unknown"):
            call(session, workshop, person)

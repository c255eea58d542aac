"""Briefs in the database: drafted from vote winners or any cluster or idea, edited field
by field against a revision, and participants' suggestions taken in.

Every function works inside the caller's transaction and touches only rows of
the caller's workshop; a refusal raises InvalidInput before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workshop.domain import briefs as rules
from workshop.domain import voting as vote_rules
from workshop.domain.creation import InvalidInput
from workshop.domain.ids import row_id
from workshop.domain.vocabulary import RoundStatus, VoteTarget
from workshop.i18n import translate
from workshop.settings import settings
from workshop.store import clusters, ideas, voting
from workshop.store.models import Brief, BriefSuggestion, Cluster, Idea, Participant, Workshop


def of_workshop(session: Session, workshop: Workshop, brief_id: object) -> Brief:
    brief = session.scalar(select(Brief).where(Brief.id == row_id(brief_id, "errors.brief_unknown"),
                                               Brief.workshop_id == workshop.id))
    if brief is None:
        raise InvalidInput("errors.brief_unknown")
    return brief


def in_order(session: Session, workshop: Workshop) -> list[Brief]:
    return list(session.scalars(select(Brief).where(Brief.workshop_id == workshop.id)
                                .order_by(Brief.position, Brief.id)))


def _shown_ideas(session: Session, workshop: Workshop, cluster_id: int) -> list[Idea]:
    """The cluster's ideas that everyone may see (``ideas.on_board``), in their order."""
    return list(session.scalars(
        select(Idea).where(ideas.on_board(workshop), Idea.cluster_id == cluster_id)
        .order_by(Idea.position, Idea.created_at, Idea.id)
    ))


def _seen(session: Session, workshop: Workshop, idea_ids: set[int]) -> list[Idea]:
    """Those of ``idea_ids`` that everyone may see (``ideas.on_board``), by id."""
    return list(session.scalars(select(Idea).where(ideas.on_board(workshop), Idea.id.in_(idea_ids))
                                .order_by(Idea.id))) if idea_ids else []


def create_from(session: Session, workshop: Workshop, kind: object, item_id: object) -> Brief:
    """A new brief drafted from a cluster (its name, its ideas) or from one idea."""
    if kind == "cluster":
        cluster = clusters.of_workshop(session, workshop, item_id)
        source = {"source_cluster_id": cluster.id}
        fields = rules.draft(cluster.name, [(i.id, i.kind, i.text) for i in _shown_ideas(session, workshop, cluster.id)])
    elif kind == "idea":
        idea = ideas.of_workshop(session, workshop, item_id)
        if idea.hidden or not ideas.visibility_of(workshop).others_see(idea.kind):
            # Its text becomes the brief's title, which every phone receives: only an idea
            # everyone may see (``ideas.on_board``), never a note the phones have not seen.
            raise InvalidInput("errors.idea_unknown")
        source = {"source_idea_id": idea.id}
        fields = rules.draft(idea.text, [(idea.id, idea.kind, idea.text)], label_idea=idea.id)
    else:
        raise InvalidInput("errors.brief_source_unknown")
    last = session.scalar(select(func.max(Brief.position)).where(Brief.workshop_id == workshop.id))
    brief = Brief(workshop_id=workshop.id, position=(last if last is not None else -1) + 1,
                  **source, **fields)  # type: ignore[arg-type]
    session.add(brief)
    session.flush()
    return brief


def create_from_top(session: Session, workshop: Workshop, top: int = 3) -> list[Brief]:
    """Briefs for the items placed in the first ``top`` ranks of the latest revealed round
    (ties at the border included), skipping items that already have a brief."""
    revealed = [r for r in voting.rounds(session, workshop) if r.status == RoundStatus.REVEALED]
    if not revealed:
        raise InvalidInput("errors.round_none_revealed")
    result = voting.tally_of(session, workshop, revealed[-1])
    placings = [vote_rules.Placing(p["id"], p["dots"], p["rank"], p["tied"]) for p in result["overall"]]
    kind = "cluster" if revealed[-1].target == VoteTarget.CLUSTER else "idea"
    column = Brief.source_cluster_id if kind == "cluster" else Brief.source_idea_id
    taken = set(session.scalars(select(column).where(Brief.workshop_id == workshop.id, column.is_not(None))))
    made = [create_from(session, workshop, kind, p.item) for p in vote_rules.winners(placings, top)
            if p.item not in taken]
    if not made:
        raise InvalidInput("errors.briefs_exist")
    return made


def _edited(brief: Brief) -> Brief:
    """The brief, counted as changed once more."""
    brief.revision += 1
    return brief


def set_text(session: Session, workshop: Workshop, brief_id: object, field: object, value: object,
             base: object) -> None:
    """Save one text field, if it still holds ``base`` (the text the editor started from)."""
    text = rules.clean_text(field, value)
    brief = of_workshop(session, workshop, brief_id)
    rules.check_base(getattr(brief, str(field)), base)
    setattr(_edited(brief), str(field), text)


def set_choice(session: Session, workshop: Workshop, brief_id: object, kind: object, value: object,
               on: object) -> None:
    """Tick or untick one strategic goal, characteristic or quoted idea; or set the quadrant."""
    brief = of_workshop(session, workshop, brief_id)
    if kind == "goal":
        goals = rules.clean_goals(rules.toggled(brief.strategic_goals, _number(value), on))
        _edited(brief).strategic_goals = goals
    elif kind == "characteristic":
        chosen = rules.clean_characteristics(rules.toggled(brief.characteristics, value, on))
        _edited(brief).characteristics = chosen
    elif kind == "quadrant":
        quadrant = rules.clean_quadrant(value)
        _edited(brief).oecd_quadrant = quadrant
    elif kind == "quote":
        idea = ideas.of_workshop(session, workshop, _number(value))
        quoted = rules.toggled(brief.quoted_idea_ids, idea.id, on)[: rules.QUOTES_MAX]
        _edited(brief).quoted_idea_ids = quoted  # type: ignore[assignment]
    else:
        raise InvalidInput("errors.brief_field_unknown")


def _number(value: object) -> int:
    """A whole number sent as text by a checkbox's handler (a goal, an idea id)."""
    try:
        return int(str(value))
    except ValueError:
        raise InvalidInput("errors.brief_choice_unknown") from None


def removed_text(workshop: Workshop) -> str:
    """What a field holds once the text of a hidden or deleted idea left it (in the
    workshop's language): the facilitator sees what to write anew."""
    return translate("develop.text_removed", workshop.language)


def forget_ideas(session: Session, workshop: Workshop, gone: Mapping[int, str]) -> None:
    """Ideas hidden or deleted (``gone``: their texts by id) leave the workshop's briefs:
    a field drafted from one that still holds its text is replaced (``rules.without_ideas``)."""
    if not gone:
        return
    removed = removed_text(workshop)
    for brief in in_order(session, workshop):
        changed = rules.without_ideas({field: getattr(brief, field) for field in rules.TEXT_FIELDS},
                                      brief.drafted_from or {}, gone, removed)
        for field, value in changed.items():
            setattr(brief, field, value)
        if changed:
            _edited(brief)


def remove(session: Session, workshop: Workshop, brief_id: object) -> None:
    session.delete(of_workshop(session, workshop, brief_id))


def waiting(session: Session, participant: Participant) -> int:
    """How many of the participant's suggestions wait for the facilitator (not taken in)."""
    return session.scalar(select(func.count()).select_from(BriefSuggestion).where(
        BriefSuggestion.participant_id == participant.id, BriefSuggestion.accepted.is_(False))) or 0


def suggest(session: Session, workshop: Workshop, participant: Participant, brief_id: object, text: object,
            most_waiting: int | None = None, admit: Callable[[], None] | None = None) -> None:
    """A participant's suggestion to a brief (the facilitator may take it in).

    Refused while ``most_waiting`` of theirs wait (default: the setting
    ``suggestions_waiting_per_participant``). ``admit`` runs once every check has
    passed, right before the write: a last refusal (the rate limits) that leaves
    nothing behind."""
    brief = of_workshop(session, workshop, brief_id)
    clean = rules.clean_suggestion(text)
    rules.room_for_suggestion(waiting(session, participant), settings().suggestions_waiting_per_participant
                              if most_waiting is None else most_waiting)
    if admit is not None:
        admit()
    session.add(BriefSuggestion(workshop_id=workshop.id, brief_id=brief.id, participant_id=participant.id,
                                text=clean))


def take_in(session: Session, workshop: Workshop, suggestion_id: object, field: object) -> None:
    """Append a suggestion to one text field of its brief, and mark it taken in."""
    suggestion = session.scalar(select(BriefSuggestion).where(
        BriefSuggestion.id == row_id(suggestion_id, "errors.suggestion_unknown"),
        BriefSuggestion.workshop_id == workshop.id))
    if suggestion is None or suggestion.accepted:
        raise InvalidInput("errors.suggestion_unknown")
    if field not in rules.SUGGESTION_FIELDS:
        raise InvalidInput("errors.brief_field_unknown")
    brief = _edited(of_workshop(session, workshop, suggestion.brief_id))
    setattr(brief, str(field), rules.clean_text(field, rules.taken_in(getattr(brief, str(field)), suggestion.text)))
    suggestion.accepted = True


# What screens see

def source_of(session: Session, brief: Brief) -> tuple[str, str]:
    if brief.source_cluster_id is not None:
        cluster = session.get(Cluster, brief.source_cluster_id)
        return "cluster", cluster.name if cluster else ""
    if brief.source_idea_id is not None:
        idea = session.get(Idea, brief.source_idea_id)
        return "idea", idea.text if idea and not idea.hidden else ""
    return "none", ""


def briefs_part(session: Session, workshop: Workshop) -> list[dict[str, Any]]:
    """The ``briefs`` part: every brief with its fields, its source, the ideas it may quote
    (the source cluster's, or the source idea) and which of them it quotes; of those, only
    ideas everyone may see (the wall's rule: not moderated away, of a kind shown to others)."""
    values = []
    for brief in in_order(session, workshop):
        kind, label = source_of(session, brief)
        if brief.source_cluster_id is not None:
            candidates = _shown_ideas(session, workshop, brief.source_cluster_id)
        else:
            candidates = _seen(session, workshop, {brief.source_idea_id} if brief.source_idea_id is not None else set())
            if kind == "idea" and not candidates:
                label = ""
        quoted = set(brief.quoted_idea_ids)
        extra = [i for i in _seen(session, workshop, quoted) if i.id not in {c.id for c in candidates}]
        values.append({
            "id": brief.id, "revision": brief.revision, "source_kind": kind, "source_label": label,
            **{field: getattr(brief, field) for field in rules.TEXT_FIELDS},
            "strategic_goals": list(brief.strategic_goals), "oecd_quadrant": brief.oecd_quadrant or "",
            "characteristics": list(brief.characteristics),
            "ideas": [{"id": i.id, "text": i.text, "quoted": i.id in quoted} for i in [*candidates, *extra]],
        })
    return values


def suggestions_part(session: Session, workshop: Workshop) -> list[dict[str, Any]]:
    """The facilitator's ``suggestions`` part: participants' suggestions not yet taken in."""
    rows = session.scalars(select(BriefSuggestion).where(
        BriefSuggestion.workshop_id == workshop.id, BriefSuggestion.accepted.is_(False))
        .order_by(BriefSuggestion.created_at, BriefSuggestion.id))
    return [{"id": s.id, "brief_id": s.brief_id, "text": s.text} for s in rows]

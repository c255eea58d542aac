"""Everything an export holds, read from the database as one plain dict (the "snapshot").

Schema version 1 (documented in the README): the workshop, participation by
role, the prompts used, clusters with their ideas, every vote round with its
result when revealed, and every brief. No role of fewer than the workshop's K
people is shown apart, in participation or results (domain.small_groups). Only the ideas the
room saw are in it (moderated ones and notes never revealed are left out); authors'
nicknames appear only when the workshop shows names.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop.domain import briefs as brief_rules
from workshop.domain.small_groups import GroupCount, fold_counts
from workshop.domain.vocabulary import Role
from workshop.store import briefs, clusters, ideas, voting
from workshop.store.models import Brief, Idea, Participant, Prompt, Workshop

SCHEMA_VERSION = 1


def shown_ideas(session: Session, workshop: Workshop) -> list[Idea]:
    """The workshop's ideas that everyone may see (``ideas.on_board``: not hidden by
    moderation, and of a kind shown to the room), in their order. What leaves the room is
    what the room saw: a critique note never revealed is in no download (red-team round 4,
    F1: the results link's project preparers got them, with nicknames)."""
    return list(session.scalars(
        select(Idea).where(ideas.on_board(workshop))
        .order_by(Idea.position, Idea.created_at, Idea.id)
    ))


def snapshot(session: Session, workshop: Workshop) -> dict[str, Any]:
    people = list(session.scalars(select(Participant).where(Participant.workshop_id == workshop.id)))
    names = {p.id: p.nickname for p in people} if workshop.show_names else {}
    every_idea = shown_ideas(session, workshop)

    # Ids are numbers within this export (red-team round 4, F5): database keys count every
    # workshop's ideas on the server, so they told anyone holding a file how many ideas other
    # workshops took, and when, and their gaps how many were moderated away.
    cluster_rows = clusters.in_order(session, workshop)
    numbers = {"idea": _Numbers(row.id for row in sorted(every_idea, key=lambda row: row.id)),
               "cluster": _Numbers(c.id for c in cluster_rows)}

    def idea(row: Idea) -> dict[str, Any]:
        return {"id": numbers["idea"][row.id], "kind": row.kind, "text": row.text,
                "author": names.get(row.participant_id) or None if workshop.show_names else None}

    by_cluster: dict[int | None, list[Idea]] = {}
    for row in every_idea:
        by_cluster.setdefault(row.cluster_id, []).append(row)
    texts = {row.id: row.text for row in every_idea}
    rounds = []
    for number, vote_round in enumerate(voting.rounds(session, workshop), start=1):
        tally = voting.tally_of(session, workshop, vote_round)
        items = numbers["cluster" if tally["ballot"] == "cluster" else "idea"]
        rounds.append({
            "number": number,
            **{key: tally[key] for key in ("ballot", "status", "dots_per_participant", "max_dots_per_item",
                                           "voters", "voted", "total_dots")},
            "overall": [_placing(p, items) for p in tally["overall"]],
            "by_role": [{"role": c["role"], "people": c["people"], "dots": c["dots"], "members": c["members"],
                         "placings": [_placing(p, items) for p in c["placings"]]} for c in tally["by_role"]],
        })
    prompts = session.scalars(select(Prompt).where(Prompt.workshop_id == workshop.id, Prompt.hidden.is_(False))
                              .order_by(Prompt.position, Prompt.id))
    return {
        "schema_version": SCHEMA_VERSION,
        "workshop": {"code": workshop.code, "title": workshop.title, "challenge": workshop.challenge,
                     "language": workshop.language,
                     # The day it was held when recorded, else the day it was created.
                     "date": (workshop.held_on or workshop.created_at.date()).isoformat(),
                     "show_names": workshop.show_names, "min_group_size": workshop.min_group_size},
        "participation": participation(people, workshop.min_group_size),
        "prompts": [{"kind": p.kind, "text": p.text} for p in prompts],
        "clusters": [{"id": numbers["cluster"][c.id], "name": c.name,
                      "ideas": [idea(i) for i in by_cluster.get(c.id, [])]} for c in cluster_rows],
        "ungrouped": [idea(i) for i in by_cluster.get(None, [])],
        "rounds": rounds,
        "briefs": [brief_part(session, b, texts) | {"id": number}
                   for number, b in enumerate(briefs.in_order(session, workshop), start=1)],
    }


def participation(people: list[Participant], min_group_size: int) -> list[dict[str, Any]]:
    """People by role, no role of fewer than ``min_group_size`` apart (domain.small_groups)."""
    counts = Counter(p.role for p in people)
    return [
        {"role": row.group, "count": row.people, "members": list(row.members)}
        for row in fold_counts([GroupCount(role.value, counts.get(role.value, 0)) for role in Role], min_group_size)
    ]


class _Numbers(dict):
    """Database ids to 1, 2, 3… in the order given; an id not given gets the next number
    when first asked for (a vote item no longer among the shown ideas)."""

    def __init__(self, ids: Any) -> None:
        super().__init__((item, number) for number, item in enumerate(ids, start=1))

    def __missing__(self, item: int) -> int:
        self[item] = len(self) + 1
        return self[item]


def _placing(p: dict[str, Any], items: dict[int, int]) -> dict[str, Any]:
    return {"id": items[p["id"]], **{key: p[key] for key in ("label", "dots", "rank", "tied")}}


def brief_part(session: Session, brief: Brief, texts: dict[int, str]) -> dict[str, Any]:
    """A brief's fields, choices, quotes (``texts``: the shown ideas' texts by id) and source."""
    kind, label = briefs.source_of(session, brief)
    return {
        "id": brief.id,
        **{field: getattr(brief, field) for field in brief_rules.TEXT_FIELDS},
        "strategic_goals": list(brief.strategic_goals),
        "oecd_quadrant": brief.oecd_quadrant,
        "characteristics": list(brief.characteristics),
        "quotes": [texts[i] for i in brief.quoted_idea_ids if i in texts],
        "source": {"kind": kind, "label": label},
    }

"""The stored parts of a room view, read from the database (the truth)."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop.domain import wall
from workshop.domain.clusters import board_shown
from workshop.settings import settings
from workshop.store import briefs, clusters, ideas, voting
from workshop.store.db import session_scope
from workshop.store.ideas import visibility_of
from workshop.store.models import Prompt, Workshop
from workshop.store.workshops import find_by_code


# Outside the phases that show clusters, screens get none (and idea bursts
# in the writing phases do not resend them).
EMPTY_BOARD: dict[str, Any] = {"clusters": [], "ungrouped": []}


def room_info(workshop: Workshop) -> dict[str, Any]:
    """The ``room`` part: the workshop's title, phase, lock and timer."""
    ends = workshop.timer_ends_at
    visibility = visibility_of(workshop)
    return {
        "code": workshop.code,
        "title": workshop.title,
        "challenge": workshop.challenge,
        "language": workshop.language,
        "status": workshop.status,
        "phase": workshop.phase,
        "input_locked": workshop.input_locked,
        "max_idea_length": workshop.max_idea_length,
        "one_prompt_at_a_time": workshop.one_prompt_at_a_time,
        "participants_group": workshop.participants_group,
        # Results by role never show a group of fewer people apart.
        "min_group_size": workshop.min_group_size,
        # The workshop's defaults for a new vote round.
        "dots_per_participant": workshop.dots_per_participant,
        "max_dots_per_item": workshop.max_dots_per_item,
        "vote_target": workshop.vote_target,
        "ideas_visible": {
            kind: visibility.others_see(kind) for kind in ("critique", "what_if")
        },
        "hide_critique": workshop.hide_critique,
        "hide_what_if": workshop.hide_what_if,
        "timer_ends_at_ms": int(ends.timestamp() * 1000) if ends else 0,
        "timer_paused_ms": workshop.timer_paused_left_ms or 0,
        "server_now_ms": int(time.time() * 1000),
        "version": workshop.version,
    }


def prompt_list(session: Session, workshop: Workshop) -> list[dict[str, Any]]:
    """The workshop's prompts in order, hidden ones included (marked)."""
    query = select(Prompt).where(Prompt.workshop_id == workshop.id).order_by(Prompt.position, Prompt.id)
    return [
        {"id": p.id, "kind": p.kind, "text": p.text, "hidden": p.hidden, "current": p.is_current}
        for p in session.scalars(query)
    ]


def by_prompt(prompt_rows: list[dict[str, Any]], idea_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ideas grouped under their prompts, in the prompts' order; ideas without a
    (visible) prompt last, in one group per kind. Groups without ideas are left out."""
    groups = {p["id"]: {"prompt_id": p["id"], "kind": p["kind"], "prompt": p["text"], "ideas": []}
              for p in prompt_rows}
    loose = {kind: {"prompt_id": 0, "kind": kind, "prompt": "", "ideas": []}
             for kind in ("critique", "what_if")}
    for idea in idea_rows:
        groups.get(idea["prompt_id"], loose[idea["kind"]])["ideas"].append(idea)
    return [g for g in (*groups.values(), *loose.values()) if g["ideas"]]


class Shards(dict[str, Any]):
    """A part of the room view that travels as several vars (var name -> value)."""


def wall_shards(workshop: Workshop, visible_prompts: list[dict[str, Any]],
                every_idea: list[dict[str, Any]]) -> Shards:
    """The ``wall`` part: its group headers, and the ideas everyone may see in
    :data:`workshop.domain.wall.SHARDS` shards (see workshop.domain.wall)."""
    public = ideas.public(workshop, every_idea)
    shown = {idea["id"] for idea in public}
    headers = [group | {"ideas": []} for group in by_prompt(visible_prompts, public)]
    prompt_ids = {prompt["id"] for prompt in visible_prompts}
    # Each idea names the group it goes under: its prompt, or 0 (its kind's group without one).
    placed = [idea if idea["prompt_id"] in prompt_ids else idea | {"prompt_id": 0} for idea in every_idea]
    cut = wall.shards(placed, lambda idea: idea["id"] in shown, settings().wall_shards)
    return Shards({wall.HEADERS: headers, **dict(zip(wall.NAMES, cut, strict=True))})


def read_parts(code: str, parts: frozenset[str]) -> Mapping[str, Any]:
    """Current values of ``parts`` for the workshop ``code`` (empty when it is gone)."""
    with session_scope() as session:
        workshop = find_by_code(session, code)
        if workshop is None:
            return {}
        values: dict[str, Any] = {}
        if "room" in parts:
            values["room"] = room_info(workshop)
        every_prompt = (
            prompt_list(session, workshop)
            if parts & {"prompts", "all_prompts", "wall", "ideas"} else []
        )
        visible_prompts = [p for p in every_prompt if not p["hidden"]]
        if "prompts" in parts:
            values["prompts"] = visible_prompts
        if "all_prompts" in parts:
            values["all_prompts"] = every_prompt
        if "hidden_ids" in parts:
            values["hidden_ids"] = ideas.hidden_ids(session, workshop)
        if "board" in parts:
            values["board"] = EMPTY_BOARD
        if "ballot" in parts:
            values["ballot"] = voting.ballot(session, workshop)
        if "tally" in parts:
            values["tally"] = voting.tally(session, workshop)
        if "briefs" in parts:
            values["briefs"] = briefs.briefs_part(session, workshop)
        if "suggestions" in parts:
            values["suggestions"] = briefs.suggestions_part(session, workshop)
        if "rounds" in parts:
            values["rounds"] = voting.earlier_rounds(session, workshop)
        if parts & {"wall", "ideas", "waiting"} or ("board" in parts and board_shown(workshop.phase)):
            every_idea = ideas.wall(session, workshop)
            if "board" in parts and board_shown(workshop.phase):
                values["board"] = clusters.board(session, workshop, every_idea)
            if "wall" in parts:
                values["wall"] = wall_shards(workshop, visible_prompts, every_idea)
            if "ideas" in parts:
                # The facilitator moderates what just arrived: newest first in each group.
                values["ideas"] = by_prompt(every_prompt, every_idea[::-1])
            if "waiting" in parts:
                values["waiting"] = ideas.waiting(workshop, every_idea)
        return values

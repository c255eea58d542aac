"""What every screen of a workshop shows, pushed from the server (see workshop.live).

Event handlers never write these vars: the room hub emits their values to
the socket.io room of the workshop. The server's copy stays at the defaults,
so re-hydration (after a reconnect) must not send it, or it would wipe what
the browser holds until the fresh snapshot lands: :meth:`RoomView.dict` leaves
the vars out except for the compiled initial state.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import reflex as rx
from reflex_base.constants.state import FIELD_MARKER

from workshop.domain import wall


@dataclasses.dataclass
class RoomInfo:
    """The workshop as the room sees it."""

    code: str = ""
    title: str = ""
    challenge: str = ""
    language: str = "fi"
    status: str = "open"
    phase: str = "lobby"
    input_locked: bool = False
    max_idea_length: int = 280
    one_prompt_at_a_time: bool = False
    participants_group: bool = False
    # K: results by role never show a group of fewer people apart (domain.small_groups).
    min_group_size: int = 3
    # The workshop's defaults for a new vote round.
    dots_per_participant: int = 5
    max_dots_per_item: int = 3
    vote_target: str = "cluster"
    # Whether participants see each other's critique notes / what-if ideas now.
    ideas_visible: dict[str, bool] = dataclasses.field(default_factory=dict)
    hide_critique: bool = True
    hide_what_if: bool = False
    # Countdown: its end and the server's clock, both in ms since the epoch,
    # so a phone with a wrong clock still counts down right. 0: no timer.
    timer_ends_at_ms: int = 0
    # A paused countdown's time left (the timer shows it, standing still). 0: not paused.
    timer_paused_ms: int = 0
    server_now_ms: int = 0
    version: int = 0


@dataclasses.dataclass
class PresenceInfo:
    """Participants connected now, by role, exact: the facilitator's alone."""

    total: int = 0
    by_role: dict[str, int] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class HeadCountRow:
    """A row of who is here: a role, ``combined`` (small groups together, their roles in
    ``members``) or ``too_few``; see domain.small_groups."""

    role: str = ""
    people: int = 0
    members: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class HeadCountInfo:
    """Participants connected now, as the big screen shows them: the total exact, by role
    folded (no role of fewer than K people apart; roles with nobody left out)."""

    total: int = 0
    rows: list[HeadCountRow] = dataclasses.field(default_factory=list)


PUSHED = ("ended", "room", "presence", "headcount", "prompts", "all_prompts", wall.HEADERS, *wall.NAMES, "ideas", "waiting", "hidden_ids", "board", "ballot", "tally", "rounds", "briefs", "suggestions")


@dataclasses.dataclass
class PromptView:
    """A prompt as screens show it."""

    id: int = 0
    kind: str = ""
    text: str = ""
    hidden: bool = False
    current: bool = False


@dataclasses.dataclass
class IdeaView:
    """An idea as screens show it (text is always rendered as text)."""

    id: int = 0
    kind: str = ""
    text: str = ""
    prompt_id: int = 0
    cluster_id: int = 0
    hidden: bool = False
    author: str = ""


@dataclasses.dataclass
class IdeaGroup:
    """Ideas answering one prompt (prompt_id 0: no prompt)."""

    prompt_id: int = 0
    kind: str = ""
    prompt: str = ""
    ideas: list[IdeaView] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class ClusterView:
    """A named group of ideas."""

    id: int = 0
    name: str = ""
    ideas: list[IdeaView] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class BoardView:
    """The clusters in order, and the ideas in none (empty outside the group phase and later)."""

    clusters: list[ClusterView] = dataclasses.field(default_factory=list)
    ungrouped: list[IdeaView] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class BallotItem:
    """Something dots can go on: a cluster (with its ideas' texts) or an idea."""

    id: int = 0
    label: str = ""
    ideas: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class BallotView:
    """The latest vote round (round_id 0: none yet) and what its dots can go on."""

    round_id: int = 0
    status: str = ""
    # cluster, what_if, critique or idea (every idea)
    ballot: str = ""
    dots_per_participant: int = 0
    max_dots_per_item: int = 0
    choices: list[BallotItem] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class PlacingView:
    """An item's place in a result: rank 2 twice and ``tied`` for a tie."""

    id: int = 0
    label: str = ""
    dots: int = 0
    rank: int = 0
    tied: bool = False
    # Width of its bar: dots as a share of the most dots in this list.
    percent: int = 0


@dataclasses.dataclass
class RoleResultView:
    """One column of the result: a role, ``combined`` (small groups together, their
    roles in ``members``) or ``too_few`` (no figures); see domain.small_groups."""

    role: str = ""
    people: int = 0
    dots: int = 0
    placings: list[PlacingView] = dataclasses.field(default_factory=list)
    members: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class TallyView:
    """Progress of the latest round; the result only once the facilitator revealed it."""

    round_id: int = 0
    # 1 for the workshop's first round, 2 for the next…
    number: int = 0
    status: str = ""
    ballot: str = ""
    dots_per_participant: int = 0
    max_dots_per_item: int = 0
    # Participants of the workshop, those who placed a dot, those who used all.
    voters: int = 0
    voted: int = 0
    done: int = 0
    total_dots: int = 0
    overall: list[PlacingView] = dataclasses.field(default_factory=list)
    by_role: list[RoleResultView] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class QuotableIdea:
    id: int = 0
    text: str = ""
    quoted: bool = False


@dataclasses.dataclass
class BriefView:
    """A project-preparation brief; ``revision`` goes with every save."""

    id: int = 0
    revision: int = 0
    source_kind: str = ""
    source_label: str = ""
    title: str = ""
    what_if: str = ""
    need: str = ""
    target_group: str = ""
    first_experiment: str = ""
    involved: str = ""
    obstacles: str = ""
    strategic_goals: list[int] = dataclasses.field(default_factory=list)
    oecd_quadrant: str = ""
    characteristics: list[str] = dataclasses.field(default_factory=list)
    ideas: list[QuotableIdea] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class BriefSuggestionView:
    id: int = 0
    brief_id: int = 0
    text: str = ""


class RoomView(rx.State):
    """The room view of the workshop on this page; filled by the room hub.

    Until the first snapshot arrives ``room.code`` is "" (see :func:`arrived`).
    """

    room: RoomInfo = RoomInfo()
    # Who is here: exact by role (the facilitator), folded by role (the big screen).
    presence: PresenceInfo = PresenceInfo()
    headcount: HeadCountInfo = HeadCountInfo()
    # Prompts on screen (not hidden); the facilitator also gets all_prompts.
    prompts: list[PromptView] = []
    all_prompts: list[PromptView] = []
    # Ideas everyone may see, by prompt, in shards (workshop.domain.wall; the browser puts
    # them together: workshop.ui.views.wall.wall_of_ideas): the groups without their ideas,
    # then wall_0 … wall_63, each a run of ideas in the order written. The facilitator
    # also gets every idea.
    wall_groups: list[IdeaGroup] = []
    for _name in wall.NAMES:
        __annotations__[_name] = "list[IdeaView]"
        locals()[_name] = []
    del _name
    ideas: list[IdeaGroup] = []
    # How many ideas of each kind wait for the facilitator to show them (a count, no text):
    # the hosts' (the big screen says so while hidden notes arrive).
    waiting: dict[str, int] = {}
    # Ids of ideas the facilitator hid (no text): an author's phone marks its own.
    hidden_ids: list[int] = []
    # The group phase and later: clusters with their ideas.
    board: BoardView = BoardView()
    # The vote: the latest round's ballot, and its progress (and result once revealed).
    ballot: BallotView = BallotView()
    tally: TallyView = TallyView()
    # The facilitator's: earlier rounds, newest first, with their results if revealed.
    rounds: list[TallyView] = []
    # The develop phase: briefs (everyone); participants' suggestions (the facilitator).
    briefs: list[BriefView] = []
    suggestions: list[BriefSuggestionView] = []
    # "deleted": the workshop was deleted; "removed": the facilitator removed this participant;
    # "replaced": the key this screen was opened with was replaced (a new facilitator or big-screen link).
    ended: str = ""


_state_dict = rx.State.dict
_PUSHED = frozenset(PUSHED)


def _dict_without_pushed_vars(
    self: RoomView, include_computed: bool = True, initial: bool = False, **kwargs: Any
) -> dict[str, Any]:
    """Every snapshot but the compiled initial one leaves the hub-pushed vars out, without
    reading them first (rx.State.dict's own steps for the rest: RoomView has no substates
    and no computed vars; tests/live/test_reflex_internals.py pins both)."""
    if initial:
        return _state_dict(self, include_computed=include_computed, initial=initial, **kwargs)
    own = {name: self.get_value(name) for name in self.base_vars if name not in _PUSHED}
    return {self.get_full_name(): {name + FIELD_MARKER: own[name] for name in sorted(own)}}


# Assigned after the class statement: Reflex refuses a state class that
# defines (or inherits from a mixin) a method named ``dict``. Hydration calls
# ``dict()``; tests/live/test_reflex_internals.py pins that.
RoomView.dict = _dict_without_pushed_vars  # type: ignore[method-assign]


def arrived() -> rx.Var[bool]:
    """True in the browser once the hub's first snapshot has landed."""
    return RoomView.room.code != ""

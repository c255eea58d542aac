"""The workshop's fixed vocabulary: phases, roles, languages and other choices."""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    """Phases of a futures workshop, in their default order."""

    LOBBY = "lobby"
    CRITIQUE = "critique"
    WHAT_IF = "what_if"
    GROUP = "group"
    VOTE = "vote"
    DEVELOP = "develop"
    RESULTS = "results"


PHASE_ORDER: tuple[Phase, ...] = tuple(Phase)


class Role(StrEnum):
    """Who a participant is in the room."""

    YOUNG_PERSON = "young_person"
    PARENT = "parent"
    EXPERIENCE_EXPERT = "experience_expert"
    PROFESSIONAL = "professional"
    OTHER = "other"


class Language(StrEnum):
    """Languages of the UI and of a workshop."""

    FI = "fi"
    SV = "sv"
    EN = "en"


class VoteTarget(StrEnum):
    """What dots are given to."""

    IDEA = "idea"
    CLUSTER = "cluster"


class IdeaKind(StrEnum):
    """Critique notes (what does not work now) or what-if ideas."""

    CRITIQUE = "critique"
    WHAT_IF = "what_if"


class WorkshopStatus(StrEnum):
    """Whether people can still join and act."""

    OPEN = "open"
    CLOSED = "closed"


class RoundStatus(StrEnum):
    """A vote round: open for dots, closed, or closed with tallies revealed."""

    OPEN = "open"
    CLOSED = "closed"
    REVEALED = "revealed"


class OecdQuadrant(StrEnum):
    """The OECD innovation quadrant (THL 5.3.2024 slides)."""

    ENHANCEMENT = "enhancement"
    ADAPTIVE = "adaptive"
    MISSION_ORIENTED = "mission_oriented"
    ANTICIPATORY = "anticipatory"


class Opener(StrEnum):
    """What a one-time opener link hands over (``workshop.store.openers``): the key of one
    purpose, for one workshop or one portfolio."""

    FACILITATOR = "facilitator"
    DISPLAY = "display"
    RESULTS = "results"
    COORDINATOR = "coordinator"
    VIEWER = "viewer"
    INVITATION = "invitation"


# Openers of a workshop's keys, and of a portfolio's.
WORKSHOP_OPENERS: tuple[Opener, ...] = (Opener.FACILITATOR, Opener.DISPLAY, Opener.RESULTS)
PORTFOLIO_OPENERS: tuple[Opener, ...] = (Opener.COORDINATOR, Opener.VIEWER, Opener.INVITATION)

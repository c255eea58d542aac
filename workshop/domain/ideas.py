"""Writing ideas: text rules, when writing is open, whose ideas a phone sees, the rate limit."""

from __future__ import annotations

from dataclasses import dataclass

from workshop.domain.creation import InvalidInput
from workshop.domain.text import TextRule, clean_text
from workshop.domain.vocabulary import IdeaKind, Phase, WorkshopStatus

RATE_WINDOW_SECONDS = 60


def clean_idea_text(raw: object, max_length: int) -> str:
    """The text as it will be stored: trimmed, CRLF as LF, no control characters.

    InvalidInput("errors.idea_empty") for nothing left, ("errors.idea_too_long")
    for more than ``max_length`` characters (code points, as people count them
    on a screen closely enough; emoji sequences count by their parts).
    """
    return clean_text(raw, TextRule(max_length, "errors.idea_too_long", empty="errors.idea_empty",
                                    multiline=True))


def kind_of_phase(phase: str) -> IdeaKind | None:
    """The kind of idea written in ``phase``: critique notes or what-if ideas (else None)."""
    return {Phase.CRITIQUE: IdeaKind.CRITIQUE, Phase.WHAT_IF: IdeaKind.WHAT_IF}.get(Phase(phase))


@dataclass(frozen=True)
class Room:
    """What decides whether a participant may write now."""

    phase: str
    input_locked: bool
    status: str


def writable_kind(room: Room) -> IdeaKind:
    """The kind a participant may write now; InvalidInput says why not.

    A workshop closed to newcomers still takes the ideas of those already in it."""
    kind = kind_of_phase(room.phase)
    if kind is None:
        raise InvalidInput("errors.writing_closed")
    if room.input_locked:
        raise InvalidInput("errors.input_locked")
    return kind


def check_own_change(room: Room, idea_kind: str) -> None:
    """A participant edits or deletes their own idea only until its phase ends."""
    if writable_kind(room) != IdeaKind(idea_kind):
        raise InvalidInput("errors.writing_closed")


def within_rate(ideas_in_window: int, per_minute: int) -> None:
    """InvalidInput("errors.too_fast") once a participant has written ``per_minute`` in a minute."""
    if ideas_in_window >= per_minute:
        raise InvalidInput("errors.too_fast")


@dataclass(frozen=True)
class Written:
    """One of a participant's ideas, as the duplicate rule needs it."""

    id: int
    kind: str
    prompt_id: int | None
    text: str


def already_written(own: list[Written], kind: str, prompt_id: int | None, text: str) -> int | None:
    """The id of the participant's idea that this one repeats, if any: the same cleaned text
    of the same kind under the same prompt. Sending it again is the same idea (a double tap,
    or a transaction run again after its commit landed but the answer was lost), so it is
    answered as stored and not stored twice; a moderated-away idea stays away."""
    return next((i.id for i in own if i.kind == kind and i.prompt_id == prompt_id and i.text == text), None)


@dataclass(frozen=True)
class Visibility:
    """Whether others' ideas of a kind are hidden on phones, and whether they were revealed."""

    hide_critique: bool
    hide_what_if: bool
    critique_revealed: bool
    what_if_revealed: bool

    def others_see(self, kind: str) -> bool:
        if kind == IdeaKind.CRITIQUE:
            return not self.hide_critique or self.critique_revealed
        return not self.hide_what_if or self.what_if_revealed

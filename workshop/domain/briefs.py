"""Project-preparation briefs: their fields, what each may hold, and safe concurrent edits.

A brief is edited one field at a time, saved when the editor leaves the field.
Every save names the text the editor started from (the field as stored when
they began typing); a save over a text that changed meanwhile is refused
(:func:`check_base`), so two facilitator tabs never silently overwrite each
other: the refused tab keeps its text on screen and sees the other's.
Ticks (goals, characteristics, quotes) say on or off, so they never clash.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from workshop.domain.creation import InvalidInput
from workshop.domain.soila import CHARACTERISTICS, QUADRANTS, STRATEGIC_GOALS
from workshop.domain.text import TextRule
from workshop.domain.text import clean_text as clean

TITLE_MAX = 200
TEXT_MAX = 2000
SUGGESTION_MAX = 1000
QUOTES_MAX = 10
# Free-text fields in the order of the canvas.
TEXT_FIELDS: tuple[str, ...] = (
    "title", "what_if", "need", "target_group", "first_experiment", "involved", "obstacles",
)
# Fields a participant's suggestion can be taken into.
SUGGESTION_FIELDS: tuple[str, ...] = TEXT_FIELDS[1:]
TITLE = TextRule(TITLE_MAX, "errors.brief_text_too_long", empty="errors.brief_title_empty",
                 invalid="errors.brief_text_invalid")
TEXT = TextRule(TEXT_MAX, "errors.brief_text_too_long", multiline=True, invalid="errors.brief_text_invalid")
SUGGESTION = TextRule(SUGGESTION_MAX, "errors.brief_text_too_long", empty="errors.suggestion_empty",
                      multiline=True)


def clean_text(field: object, value: object) -> str:
    """A text field's new value, trimmed at the ends (line breaks inside kept)."""
    if field not in TEXT_FIELDS:
        raise InvalidInput("errors.brief_field_unknown")
    return clean(value, TITLE if field == "title" else TEXT)


def clean_goals(values: object) -> list[int]:
    """Strategic goals chosen (1..4), in order, each once."""
    chosen = _as_list(values)
    goals: set[int] = set()
    for value in chosen:
        try:
            goal = int(str(value))
        except ValueError:
            raise InvalidInput("errors.brief_choice_unknown") from None
        if goal not in STRATEGIC_GOALS:
            raise InvalidInput("errors.brief_choice_unknown")
        goals.add(goal)
    return sorted(goals)


def clean_quadrant(value: object) -> str | None:
    """The OECD quadrant chosen, or None ("" clears it)."""
    if value in (None, ""):
        return None
    if value not in QUADRANTS:
        raise InvalidInput("errors.brief_choice_unknown")
    return str(value)


def clean_characteristics(values: object) -> list[str]:
    """Characteristics chosen, in the source's order, each once."""
    listed = _as_list(values)
    if not all(isinstance(value, str) for value in listed):  # a forged dict or list
        raise InvalidInput("errors.brief_choice_unknown")
    chosen = set(listed)
    if not chosen <= set(CHARACTERISTICS):
        raise InvalidInput("errors.brief_choice_unknown")
    return [c for c in CHARACTERISTICS if c in chosen]


def toggled(current: Sequence[object], value: object, on: object) -> list[object]:
    """``current`` with ``value`` added (on) or removed (off)."""
    rest = [v for v in current if v != value]
    return [*rest, value] if on is True else rest


def clean_suggestion(value: object) -> str:
    return clean(value, SUGGESTION)


def room_for_suggestion(waiting: int, most: int) -> None:
    """Refuse a participant's suggestion while ``most`` of theirs wait for the facilitator
    (not yet taken in): the facilitator's list holds at most that many of one person."""
    if waiting >= most:
        raise InvalidInput("limits.suggestions_waiting")


def check_base(stored: str, base: object) -> None:
    """Refuse a save whose editor started from another text than the one stored now."""
    if not isinstance(base, str) or base.strip() != stored.strip():
        raise InvalidInput("errors.brief_changed")


def taken_in(current: str, suggestion: str) -> str:
    """A field's text with a suggestion taken in (a new paragraph after what is there)."""
    return f"{current}\n\n{suggestion}" if current else suggestion


def draft(label: str, idea_texts: Iterable[tuple[int, str, str]],
          label_idea: int | None = None) -> dict[str, object]:
    """A new brief's first fields from its source: the cluster's name (or the idea)
    as title, the first what-if idea as the what-if, and up to three ideas quoted.
    ``idea_texts`` holds (id, kind, text); ``label_idea`` is the idea whose text the
    label is (a brief from one idea). ``drafted_from`` records which idea each copied
    field came from (see :func:`without_ideas`)."""
    ideas = list(idea_texts)
    first = next(((idea_id, text) for idea_id, kind, text in ideas if kind == "what_if"), None)
    title = " ".join(label.split())[:TITLE_MAX] or "–"
    drafted_from = {"title": label_idea} if label_idea is not None else {}
    if first is not None:
        drafted_from["what_if"] = first[0]
    return {
        "title": title,
        "what_if": first[1][:TEXT_MAX] if first else "",
        "quoted_idea_ids": [idea_id for idea_id, _, _ in ideas[:3]],
        "drafted_from": drafted_from,
    }


def _plain(text: str, most: int | None = None) -> str:
    """``text`` for comparing: spaces collapsed (cut to ``most`` characters), case aside."""
    return " ".join(text.split())[:most].strip().casefold()


def holds(field: str, idea_text: str) -> bool:
    """Whether a brief field still holds an idea's text: whole, or within a longer text,
    as the draft copied it (a title is cut to ``TITLE_MAX``); spaces and case aside."""
    copied = _plain(idea_text, TITLE_MAX)
    return bool(copied) and copied in _plain(field)


def without_ideas(fields: Mapping[str, str], drafted_from: Mapping[str, int], gone: Mapping[int, str],
                  placeholder: str) -> dict[str, str]:
    """The fields of a brief to replace once ideas are hidden or deleted (``gone``: their
    texts by id): each field drafted from one of them (``drafted_from``, field -> idea id)
    that still holds its text becomes ``placeholder``, for the facilitator to write anew.
    A field a person has rewritten since keeps its text; showing the idea again brings
    nothing back. The same rule serves the workshop's brief and its published copies."""
    return {field: placeholder for field, idea_id in drafted_from.items()
            if field in fields and idea_id in gone and holds(fields[field], gone[idea_id])}


def _as_list(values: object) -> list[object]:
    if isinstance(values, (list, tuple)):
        return list(values)
    raise InvalidInput("errors.brief_choice_unknown")

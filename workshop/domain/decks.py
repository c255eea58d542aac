"""Prompt decks: Markdown files in ``prompts/`` with a small front matter.

    ---
    id: radical-child-welfare
    title: Radikaali lastensuojelu
    language: fi
    theme: child-welfare-reform
    description: One line for the facilitator.
    ---

    ## [critique] Any heading text
    - A critique question

    ## [what-if] Any heading text
    - Entä jos …?

Prompts are list items (or ``###`` headings) under a ``## [critique]`` or
``## [what-if]`` section. A malformed file is reported with its name and
line and skipped; it never stops the app. Plain Python (no Reflex, no SQL).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from workshop.domain.text import TextRule
from workshop.domain.vocabulary import IdeaKind, Language

REQUIRED = ("id", "title", "language", "theme", "description")
SECTION = re.compile(r"^##\s+\[(critique|what-if)\]\s*(.*)$", re.IGNORECASE)
ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.+?)\s*$")
PROMPT_HEADING = re.compile(r"^###\s+(.+?)\s*#*\s*$")
DECK_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,98}$")
PROMPT_MAX = 500
# A prompt the facilitator adds or edits: one line.
PROMPT_TEXT = TextRule(PROMPT_MAX, "errors.prompt_too_long", empty="errors.prompt_empty")


T = TypeVar("T")
E = TypeVar("E", bound="PlainFileError")


class PlainFileError(ValueError):
    """A plain file beside the decks (a deck, a guide) that cannot be used: where and why."""

    def __init__(self, source: str, line: int, reason: str) -> None:
        super().__init__(f"{source}:{line}: {reason}")
        self.source, self.line, self.reason = source, line, reason


class DeckError(PlainFileError):
    """A deck file that cannot be used: where and why."""


@dataclass(frozen=True)
class DeckPrompt:
    kind: IdeaKind
    text: str


@dataclass(frozen=True)
class Deck:
    id: str
    title: str
    language: str
    theme: str
    description: str
    prompts: tuple[DeckPrompt, ...] = field(default_factory=tuple)

    def of_kind(self, kind: IdeaKind) -> tuple[DeckPrompt, ...]:
        return tuple(p for p in self.prompts if p.kind == kind)


def parse_deck(text: str, source: str = "<deck>") -> Deck:
    """One deck from its file's text; DeckError names the line of the first problem."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise DeckError(source, 1, "the file must start with a '---' front matter line")
    meta: dict[str, str] = {}
    end = None
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            end = number
            break
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep or not key.strip():
            raise DeckError(source, number, f"expected 'key: value', got {line.strip()!r}")
        meta[key.strip().lower()] = value.strip()
    if end is None:
        raise DeckError(source, len(lines), "the front matter is not closed with '---'")
    for key in REQUIRED:
        if not meta.get(key):
            raise DeckError(source, end, f"front matter lacks '{key}'")
    if not DECK_ID.match(meta["id"]):
        raise DeckError(source, 2, "id: use lowercase letters, digits and dashes")
    if meta["language"] not in tuple(Language):
        raise DeckError(source, 2, f"language must be one of fi, sv, en (got {meta['language']!r})")

    prompts: list[DeckPrompt] = []
    kind: IdeaKind | None = None
    continues = False  # an indented line right after a list item continues it
    for number, line in enumerate(lines[end:], start=end + 1):
        if not line.strip():
            continues = False
            continue
        if continues and line[:1].isspace() and not ITEM.match(line):
            last = prompts.pop()
            prompts.append(DeckPrompt(last.kind, f"{last.text} {' '.join(line.split())}"))
            if len(prompts[-1].text) > PROMPT_MAX:
                raise DeckError(source, number, f"a prompt longer than {PROMPT_MAX} characters")
            continue
        if section := SECTION.match(line):
            kind = IdeaKind.CRITIQUE if section.group(1).lower() == "critique" else IdeaKind.WHAT_IF
            continue
        if line.startswith("## ") or line.startswith("# "):
            raise DeckError(source, number, "sections are '## [critique] …' or '## [what-if] …'")
        item = ITEM.match(line) or PROMPT_HEADING.match(line)
        if item is None:
            raise DeckError(source, number, "expected a prompt as a list item ('- …')")
        if kind is None:
            raise DeckError(source, number, "a prompt before any '## [critique]' or '## [what-if]' section")
        prompt = " ".join(item.group(1).split())
        if len(prompt) > PROMPT_MAX:
            raise DeckError(source, number, f"a prompt longer than {PROMPT_MAX} characters")
        prompts.append(DeckPrompt(kind, prompt))
        continues = ITEM.match(line) is not None
    if not any(p.kind == IdeaKind.WHAT_IF for p in prompts):
        raise DeckError(source, len(lines), "the deck has no what-if prompts")
    return Deck(meta["id"], meta["title"], meta["language"], meta["theme"], meta["description"],
                tuple(prompts))


@dataclass(frozen=True)
class DeckLibrary:
    """The decks found in a folder, and the files that were skipped."""

    decks: tuple[Deck, ...]
    problems: tuple[DeckError, ...]

    def find(self, deck_id: str, language: str) -> Deck | None:
        """The deck ``deck_id`` in ``language``, else in any language."""
        matches = [d for d in self.decks if d.id == deck_id]
        return next((d for d in matches if d.language == language), matches[0] if matches else None)

    def ids(self) -> frozenset[str]:
        return frozenset(d.id for d in self.decks)


def parsed_files(folder: Path, parse: Callable[..., T], error: type[E]) -> tuple[list[tuple[str, T]], list[E]]:
    """Every ``*.md`` file in ``folder`` but README (sorted) through ``parse(text, source=name)``:
    (name, result) pairs, and the files that failed as ``error``s (broken files are not fatal;
    a loader reports its problems in file order)."""
    parsed: list[tuple[str, T]] = []
    problems: list[E] = []
    for path in sorted(folder.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        try:
            parsed.append((path.name, parse(path.read_text(encoding="utf-8"), source=path.name)))
        except error as problem:
            problems.append(problem)
        except UnicodeDecodeError as problem:
            problems.append(error(path.name, 1, f"not UTF-8 text ({problem.reason})"))
    return parsed, problems


def load_decks(folder: Path) -> DeckLibrary:
    """Every ``*.md`` deck under ``folder`` (sorted); broken files are reported, not fatal."""
    parsed, problems = parsed_files(folder, parse_deck, DeckError)
    decks: list[Deck] = []
    for name, deck in parsed:
        if any(d.id == deck.id and d.language == deck.language for d in decks):
            problems.append(DeckError(name, 2, f"deck {deck.id!r} in {deck.language} exists twice"))
            continue
        decks.append(deck)
    return DeckLibrary(tuple(decks), tuple(sorted(problems, key=lambda p: p.source)))

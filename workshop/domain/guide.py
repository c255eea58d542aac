"""The facilitator's guide: per phase what to say, a suggested duration and tips.

One Markdown file per language in ``prompts/guide/`` (beside the prompt decks)::

    ---
    language: fi
    ---

    ## [lobby] 5 min
    What to say, in plain words (one or more lines; a blank line starts a new paragraph).
    - A tip
    - Another tip

Every phase has one section, in any order; its heading names the phase id
(``lobby``, ``critique``, ``what_if``, ``group``, ``vote``, ``develop``,
``results``) and minutes (1–180). One to three tips per phase. A broken file
is reported with its name and line and skipped, like a broken deck. Plain
Python (no Reflex, no SQL).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from workshop.domain.decks import PlainFileError, parsed_files
from workshop.domain.vocabulary import PHASE_ORDER, Language, Phase

SECTION = re.compile(r"^##\s+\[([a-z_-]+)\]\s*(?:(\d+)\s*min)?\s*$", re.IGNORECASE)
TIP = re.compile(r"^\s*[-*+]\s+(.+?)\s*$")
MINUTES_MAX = 180
TIPS_MAX = 3
TEXT_MAX = 1000


class GuideError(PlainFileError):
    """A guide file that cannot be used: where and why."""


@dataclass(frozen=True)
class GuideStep:
    """One phase's page of the guide: ``say`` is paragraphs of plain text."""

    phase: Phase
    minutes: int
    say: tuple[str, ...]
    tips: tuple[str, ...]


@dataclass(frozen=True)
class Guide:
    language: str
    steps: tuple[GuideStep, ...]  # in the phases' order

    def step(self, phase: Phase) -> GuideStep:
        return next(s for s in self.steps if s.phase == phase)

    def total_minutes(self, phases: tuple[Phase, ...] = PHASE_ORDER) -> int:
        return sum(s.minutes for s in self.steps if s.phase in phases)


def _front_matter(lines: list[str], source: str) -> tuple[dict[str, str], int]:
    if not lines or lines[0].strip() != "---":
        raise GuideError(source, 1, "the file must start with a '---' front matter line")
    meta: dict[str, str] = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            return meta, number
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep or not key.strip():
            raise GuideError(source, number, f"expected 'key: value', got {line.strip()!r}")
        meta[key.strip().lower()] = value.split("#", 1)[0].strip()
    raise GuideError(source, len(lines), "the front matter is not closed with '---'")


class _Section:
    def __init__(self, phase: Phase, minutes: int, line: int) -> None:
        self.phase, self.minutes, self.line = phase, minutes, line
        self.paragraphs: list[list[str]] = [[]]
        self.tips: list[str] = []

    def step(self, source: str) -> GuideStep:
        say = tuple(" ".join(p) for p in self.paragraphs if p)
        if not say:
            raise GuideError(source, self.line, f"[{self.phase.value}] says nothing: add what to say")
        if not self.tips:
            raise GuideError(source, self.line, f"[{self.phase.value}] has no tips ('- …')")
        return GuideStep(self.phase, self.minutes, say, tuple(self.tips))


def parse_guide(text: str, source: str = "<guide>") -> Guide:
    """One guide from its file's text; GuideError names the line of the first problem."""
    lines = text.splitlines()
    meta, end = _front_matter(lines, source)
    language = meta.get("language", "")
    if language not in tuple(Language):
        raise GuideError(source, end, f"front matter: language must be fi, sv or en (got {language!r})")
    sections: dict[Phase, _Section] = {}
    current: _Section | None = None
    for number, line in enumerate(lines[end:], start=end + 1):
        if not line.strip():
            if current is not None and current.paragraphs[-1]:
                current.paragraphs.append([])
            continue
        if line.startswith("#"):
            match = SECTION.match(line)
            if match is None:
                raise GuideError(source, number, "a section is '## [phase] N min'")
            try:
                phase = Phase(match.group(1).lower().replace("-", "_"))
            except ValueError:
                raise GuideError(source, number, f"unknown phase {match.group(1)!r}") from None
            if match.group(2) is None:
                raise GuideError(source, number, f"[{phase.value}] needs a duration: '## [{phase.value}] 10 min'")
            minutes = int(match.group(2))
            if not 1 <= minutes <= MINUTES_MAX:
                raise GuideError(source, number, f"a duration of 1–{MINUTES_MAX} minutes (got {minutes})")
            if phase in sections:
                raise GuideError(source, number, f"[{phase.value}] is in the file twice")
            current = sections[phase] = _Section(phase, minutes, number)
            continue
        if current is None:
            raise GuideError(source, number, "text before the first '## [phase] N min' section")
        if tip := TIP.match(line):
            if len(current.tips) == TIPS_MAX:
                raise GuideError(source, number, f"at most {TIPS_MAX} tips per phase")
            current.tips.append(tip.group(1))
            continue
        if current.tips and line[:1].isspace():  # an indented line continues the tip above
            current.tips[-1] = f"{current.tips[-1]} {line.strip()}"
            continue
        if current.tips:
            raise GuideError(source, number, "what to say comes before the tips")
        current.paragraphs[-1].append(line.strip())
        if sum(len(w) + 1 for p in current.paragraphs for w in p) > TEXT_MAX:
            raise GuideError(source, number, f"what to say is longer than {TEXT_MAX} characters")
    missing = [p.value for p in PHASE_ORDER if p not in sections]
    if missing:
        raise GuideError(source, len(lines), f"no section for {', '.join(missing)}")
    return Guide(language, tuple(sections[p].step(source) for p in PHASE_ORDER))


@dataclass(frozen=True)
class GuideLibrary:
    """The guides found in a folder (one per language), and the files that were skipped."""

    guides: tuple[Guide, ...]
    problems: tuple[GuideError, ...]

    def find(self, language: str) -> Guide | None:
        """The guide in ``language``, else Finnish, else any."""
        by_language = {g.language: g for g in self.guides}
        return by_language.get(language) or by_language.get(Language.FI.value) or next(iter(self.guides), None)


def load_guides(folder: Path) -> GuideLibrary:
    """Every ``*.md`` guide in ``folder`` (sorted); broken files are reported, not fatal."""
    parsed, problems = parsed_files(folder, parse_guide, GuideError)
    guides: list[Guide] = []
    for name, guide in parsed:
        if any(g.language == guide.language for g in guides):
            problems.append(GuideError(name, 2, f"a second guide in {guide.language}"))
            continue
        guides.append(guide)
    return GuideLibrary(tuple(guides), tuple(sorted(problems, key=lambda p: p.source)))

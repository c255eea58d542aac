"""The labelled grouping fixture: tests/domain/grouping_fixture/{fi,sv,en}.txt."""

from __future__ import annotations

from pathlib import Path

FIXTURE = Path(__file__).with_name("grouping_fixture")
LANGUAGES = ("fi", "sv", "en")


def labelled_ideas(language: str) -> list[tuple[str, str]]:
    """(theme, idea text) in file order."""
    theme = ""
    ideas = []
    for line in (FIXTURE / f"{language}.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            theme = line[3:].strip()
        elif line.startswith("- "):
            ideas.append((theme, line[2:].strip()))
    return ideas

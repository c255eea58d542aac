"""The labelled grouping fixtures: tests/domain/grouping_fixture/{fi,sv,en}.txt (fixture 1,
tuned on) and tests/domain/grouping_holdout/{fi,sv,en}.txt (fixture 2, the holdout: written
independently, by someone who saw neither the code, the lexicon nor fixture 1; never tuned on).
In the holdout, ideas under ``## none`` fit no theme: each is a label of its own."""

from __future__ import annotations

from pathlib import Path

FIXTURE = Path(__file__).with_name("grouping_fixture")
HOLDOUT = Path(__file__).with_name("grouping_holdout")
# Three further sets written like the holdout, never tuned or trained on (issue 17, third round).
UNSEEN = tuple(Path(__file__).with_name("grouping_unseen") / f"fixture{n}" for n in (7, 8, 9))
LANGUAGES = ("fi", "sv", "en")


def labelled_ideas(language: str, folder: Path = FIXTURE) -> list[tuple[str, str]]:
    """(theme, idea text) in file order; an idea under ``## none`` gets a theme of its own."""
    theme = ""
    ideas = []
    for line in (folder / f"{language}.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            theme = line[3:].strip()
        elif line.startswith("- "):
            label = f"none:{len(ideas)}" if theme == "none" else theme
            ideas.append((label, line[2:].strip()))
    return ideas

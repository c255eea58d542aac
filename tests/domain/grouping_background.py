"""The background texts of the grouping suggestion's IDF (workshop/domain/background/):
the prompt decks' prompts and both labelled fixtures' idea texts (text only, never their
labels), one text a line. ``python -m tests.domain.grouping_background`` writes them;
tests/domain/test_grouping_suggestion.py checks that they are up to date."""

from __future__ import annotations

from pathlib import Path

from tests.domain.grouping_fixture_loader import FIXTURE, HOLDOUT, LANGUAGES, labelled_ideas
from workshop.domain.decks import load_decks
from workshop.domain.grouping_suggestion import BACKGROUND_DIR

PROMPTS = Path(__file__).parents[2] / "prompts"
HEADER = ("# Background texts for the grouping suggestion's IDF: prompt decks and both labelled\n"
          "# fixtures' idea texts, no labels. Written by: python -m tests.domain.grouping_background\n")


def background_text(language: str) -> str:
    decks = [deck for deck in load_decks(PROMPTS).decks if deck.language == language]
    texts = [prompt.text for deck in decks for prompt in deck.prompts]
    texts += [text for folder in (FIXTURE, HOLDOUT) for _, text in labelled_ideas(language, folder)]
    return HEADER + "".join(f"{' '.join(text.split())}\n" for text in texts)


if __name__ == "__main__":
    for language in LANGUAGES:
        (BACKGROUND_DIR / f"{language}.txt").write_text(background_text(language), encoding="utf-8")

"""Prompt decks: the bundled ones are complete in three languages; broken files are named and skipped."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from workshop.domain.decks import DeckError, load_decks, parse_deck
from workshop.domain.vocabulary import IdeaKind

PROMPTS = Path(__file__).resolve().parents[2] / "prompts"

GOOD = """---
id: test-deck
title: T
language: sv
theme: t
description: d
---

## [critique] Nu
- Vad fungerar inte?

## [what-if] Tänk om
- Tänk om   alla
  fick hjälp?
1. Tänk om två?
### Tänk om tre?
"""


def test_every_bundled_deck_parses_and_exists_in_all_three_languages():
    library = load_decks(PROMPTS)
    assert library.problems == ()
    by_id: dict[str, dict[str, object]] = defaultdict(dict)
    for deck in library.decks:
        by_id[deck.id][deck.language] = deck
    assert by_id, "no bundled decks"
    for deck_id, languages in by_id.items():
        assert set(languages) == {"fi", "sv", "en"}, deck_id
        shapes = {
            lang: (len(d.of_kind(IdeaKind.CRITIQUE)), len(d.of_kind(IdeaKind.WHAT_IF)))
            for lang, d in languages.items()
        }
        assert len(set(shapes.values())) == 1, shapes


def test_the_radical_deck_carries_the_seed_examples_and_sixteen_prompts():
    deck = load_decks(PROMPTS).find("radical-child-welfare", "fi")
    what_ifs = [p.text for p in deck.of_kind(IdeaKind.WHAT_IF)]
    assert "Entä jos antaisimme hoitoa huumesyytteen sijaan?" in what_ifs
    assert any("neuvolatapaamisia" in text for text in what_ifs)
    assert len(what_ifs) >= 16
    assert len(deck.of_kind(IdeaKind.CRITIQUE)) >= 3


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_radical_deck_opens_with_the_rooms_own_questions(language):
    """A phone opens on the first what-if prompt: the room starts with the reform's plain
    questions (help at home the same day…), and THL's examples (a drug charge first) come
    last (review round 2, #1: a 13-year-old met the drug-charge question first)."""
    deck = load_decks(PROMPTS).find("radical-child-welfare", language)
    what_ifs = [p.text for p in deck.of_kind(IdeaKind.WHAT_IF)]
    drug = {"fi": "huumesyyt", "sv": "narkotika", "en": "drug"}[language]
    assert drug not in what_ifs[0]
    assert any(drug in text for text in what_ifs[-4:])


def test_list_items_numbered_items_and_headings_are_prompts():
    deck = parse_deck(GOOD, "good.md")
    assert [p.kind for p in deck.prompts] == [IdeaKind.CRITIQUE] + [IdeaKind.WHAT_IF] * 3
    assert deck.of_kind(IdeaKind.WHAT_IF)[1].text == "Tänk om två?"


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("no front matter", 1, "front matter"),
        ("---\nid: x\n", 2, "not closed"),
        ("---\nid: x\ntitle: t\nlanguage: de\ntheme: t\ndescription: d\n---\n", 2, "language"),
        ("---\nid: x\ntitle: t\nlanguage: fi\ntheme: t\n---\n", 6, "description"),
        (GOOD.replace("## [critique] Nu\n", ""), 9, "before any"),
        (GOOD.replace("- Vad fungerar inte?", "Vad fungerar inte?"), 10, "list item"),
        (GOOD.replace("## [what-if]", "## [ideas]"), 12, "sections"),
    ],
)
def test_malformed_decks_name_the_line(text, line, reason):
    with pytest.raises(DeckError) as problem:
        parse_deck(text, "bad.md")
    assert problem.value.line == line, str(problem.value)
    assert reason in problem.value.reason
    assert str(problem.value).startswith(f"bad.md:{line}:")


def test_a_broken_file_is_skipped_and_reported(tmp_path):
    (tmp_path / "good.sv.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "broken.fi.md").write_text("---\nid: broken\n", encoding="utf-8")
    (tmp_path / "latin1.fi.md").write_bytes("---\nid: ä\n".encode("latin-1"))
    library = load_decks(tmp_path)
    assert [d.id for d in library.decks] == ["test-deck"]
    assert sorted(p.source for p in library.problems) == ["broken.fi.md", "latin1.fi.md"]

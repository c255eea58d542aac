"""The facilitator's guide: the bundled files are complete in three languages; broken files are
named (file and line) and skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.domain.guide import GuideError, load_guides, parse_guide
from workshop.domain.vocabulary import PHASE_ORDER, Phase

GUIDES = Path(__file__).resolve().parents[2] / "prompts" / "guide"
PHASE_IDS = [p.value for p in PHASE_ORDER]


def _guide(language: str = "sv", *, skip: str = "", extra: str = "") -> str:
    sections = "".join(
        f"\n## [{phase}] {i + 1} min\nSäg något\növer två rader.\n\nEtt nytt stycke.\n- Ett tips\n- Ett till\n  som fortsätter\n"
        for i, phase in enumerate(PHASE_IDS) if phase != skip
    )
    return f"---\nlanguage: {language}\n---\n{sections}{extra}"


def test_the_bundled_guides_cover_every_phase_in_three_languages():
    library = load_guides(GUIDES)
    assert library.problems == ()
    assert sorted(g.language for g in library.guides) == ["en", "fi", "sv"]
    for guide in library.guides:
        assert [s.phase for s in guide.steps] == list(PHASE_ORDER)
        assert all(s.say and 1 <= len(s.tips) <= 3 and s.minutes > 0 for s in guide.steps)
    # The same durations in every language: the run sheet does not change with the language.
    minutes = {tuple(s.minutes for s in g.steps) for g in library.guides}
    assert len(minutes) == 1


def test_a_guide_is_parsed_into_paragraphs_tips_and_minutes():
    guide = parse_guide(_guide())
    assert guide.language == "sv"
    step = guide.step(Phase.GROUP)
    assert step.minutes == 4
    assert step.say == ("Säg något över två rader.", "Ett nytt stycke.")
    assert step.tips == ("Ett tips", "Ett till som fortsätter")
    assert guide.total_minutes() == sum(range(1, 8))
    assert guide.total_minutes((Phase.LOBBY, Phase.RESULTS)) == 1 + 7


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("language: fi\n", 1, "must start with"),
        ("---\nlanguage: fi\n", 2, "not closed"),
        ("---\nlanguage: de\n---\n", 3, "language must be"),
        (_guide(skip="vote"), None, "no section for vote"),
        (_guide(extra="\n## [lobby] 3 min\nx\n- y\n"), None, "twice"),
        (_guide(extra="\n## [coffee] 3 min\n"), None, "unknown phase 'coffee'"),
        (_guide(skip="vote", extra="\n## [vote]\n"), None, "needs a duration"),
        (_guide(skip="vote", extra="\n## [vote] 0 min\n"), None, "1–180 minutes"),
        (_guide(skip="vote", extra="\n## [vote] 5 min\n- tip only\n"), None, "says nothing"),
        (_guide(skip="vote", extra="\n## [vote] 5 min\nsay only\n"), None, "no tips"),
        (_guide(skip="vote", extra="\n## [vote] 5 min\nx\n- a\n- b\n- c\n- d\n"), None, "at most 3 tips"),
        (_guide(skip="vote", extra="\n## [vote] 5 min\nx\n- a\nmore to say\n"), None, "before the tips"),
        (_guide(skip="vote", extra="\n# Title\n"), None, "'## [phase] N min'"),
        ("---\nlanguage: fi\n---\nstray text\n", 4, "before the first"),
    ],
)
def test_a_broken_guide_names_its_line(text, line, reason):
    with pytest.raises(GuideError) as raised:
        parse_guide(text, source="x.md")
    assert reason in raised.value.reason
    assert str(raised.value).startswith("x.md:")
    if line is None:  # the line of the offending text, counted from the file's start
        extra_start = text.rstrip("\n").count("\n") + 1
        assert raised.value.line <= extra_start
    else:
        assert raised.value.line == line


def test_the_error_points_at_the_exact_line():
    text = _guide(skip="vote", extra="\n## [vote] 500 min\n")
    with pytest.raises(GuideError) as raised:
        parse_guide(text, source="sv.md")
    assert text.splitlines()[raised.value.line - 1] == "## [vote] 500 min"


def test_broken_and_doubled_files_are_skipped_with_their_names(tmp_path):
    (tmp_path / "a.md").write_text(_guide("fi"), encoding="utf-8")
    (tmp_path / "b.md").write_text(_guide("fi"), encoding="utf-8")
    (tmp_path / "c.md").write_text("---\nlanguage: sv\n---\n", encoding="utf-8")
    (tmp_path / "d.md").write_bytes(b"\xff\xfe")
    (tmp_path / "README.md").write_text("not a guide", encoding="utf-8")
    library = load_guides(tmp_path)
    assert [g.language for g in library.guides] == ["fi"]
    assert [(p.source, p.line) for p in library.problems] == [("b.md", 2), ("c.md", 3), ("d.md", 1)]
    assert library.find("sv").language == "fi"  # falls back to Finnish

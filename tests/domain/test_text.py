"""The one cleaning rule every text field goes through (workshop/domain/text.py)."""

from __future__ import annotations

import pytest

from workshop.domain import briefs, clusters, creation, decks, participation
from workshop.domain.creation import InvalidInput, parse_new_workshop, passphrase_accepted
from workshop.domain.ideas import clean_idea_text
from workshop.domain.text import TextRule, clean_text

LINE = TextRule(20, "too_long", empty="empty")
LINES = TextRule(20, "too_long", empty="empty", multiline=True)
# Every control character a forged call might carry: NUL, BEL, ESC, DEL, a C1 control,
# a lone surrogate (no UTF-8 database stores it).
CONTROLS = "\x00\x07\x1b\x7f\x85\ud800"


def test_controls_go_line_breaks_stay_only_where_the_field_has_lines():
    assert clean_text(f" a{CONTROLS}b\r\nc\td\re ", LINES) == "ab\nc\td\ne"
    assert clean_text(f" a{CONTROLS}b\r\nc\td\u2028e ", LINE) == "ab c d e"


def test_nfc_emoji_and_other_scripts_pass_intact():
    assert clean_text("a\u0308", LINE) == "ä"
    kept = "🙂👩🏽‍🤝‍👩🏼 Čáhcegáddi ŋ ماذا لو؟"
    assert clean_text(kept, TextRule(100, "x")) == kept


@pytest.mark.parametrize("raw", [None, 5, ["a"], {"a": 1}, "", "   ", "\x00\x1b\x07"])
def test_nothing_left_is_refused_when_text_is_needed(raw):
    with pytest.raises(InvalidInput, match="empty"):
        clean_text(raw, LINE)
    assert clean_text(raw, TextRule(20, "too_long")) == ""


def test_a_value_that_is_not_text_can_be_its_own_refusal():
    with pytest.raises(InvalidInput, match="invalid"):
        clean_text(None, TextRule(20, "too_long", invalid="invalid"))


def test_length_counts_after_cleaning_and_huge_input_is_refused_unread():
    assert clean_text("x" * 20 + "\x00" * 40, LINE) == "x" * 20
    with pytest.raises(InvalidInput, match="too_long"):
        clean_text("x" * 21, LINE)
    with pytest.raises(InvalidInput, match="too_long"):
        clean_text(" " * 900_000, LINE)


@pytest.mark.parametrize("clean", [
    lambda raw: parse_new_workshop(title=raw, challenge="", language="fi").title,
    lambda raw: parse_new_workshop(title="t", challenge=raw, language="fi").challenge,
    lambda raw: clean_idea_text(raw, 280),
    lambda raw: participation.parse_participant(role="parent", nickname=raw).nickname,
    lambda raw: clusters.clean_cluster_name(raw),
    lambda raw: briefs.clean_text("title", raw),
    lambda raw: briefs.clean_text("need", raw),
    lambda raw: briefs.clean_suggestion(raw),
    lambda raw: clean_text(raw, decks.PROMPT_TEXT),
], ids=["title", "challenge", "idea", "nickname", "cluster", "brief_title", "brief_field", "suggestion",
        "prompt"])
def test_every_text_field_drops_control_characters(clean):
    assert clean(f"Entä{CONTROLS} jos") == "Entä jos"


def test_the_passphrase_is_compared_after_the_same_rule():
    assert passphrase_accepted("salasana", " salasana\x00")
    assert not passphrase_accepted("salasana", "x" * 10_000)
    assert not passphrase_accepted("salasana", None)
    assert creation.PASSPHRASE.max_length >= 100


@pytest.mark.parametrize("value", [{}, ["a"], None, 5])
def test_a_forged_characteristic_is_refused_not_a_crash(value):
    with pytest.raises(InvalidInput, match="brief_choice_unknown"):
        briefs.clean_characteristics(briefs.toggled([], value, True))

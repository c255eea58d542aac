"""The one cleaning rule every text field goes through (workshop/domain/text.py)."""

from __future__ import annotations

import pytest

from workshop.domain import briefs, clusters, creation, decks, participation
from workshop.domain.creation import InvalidInput, parse_new_workshop, passphrase_accepted
from workshop.domain.ideas import clean_idea_text
from workshop.domain.text import TextRule, clean_text
from workshop.domain.vocabulary import Role
from workshop.i18n.catalog import LANGUAGES, catalog

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


# Every text field a browser sends, each through its own parser.
FIELDS = pytest.mark.parametrize("clean", [
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


@FIELDS
def test_every_text_field_drops_control_characters(clean):
    assert clean(f"Entä{CONTROLS} jos") == "Entä jos"


# Red-team round 4, F4: invisible format characters (Unicode category Cf) passed.
RLO = "\u202e"
# Bidi embeddings, overrides and isolates, marks; zero-width space, word joiner and the invisible
# operators, BOM, soft hyphen, Mongolian vowel separator, interlinear annotation, a tag outside a flag.
FORMATS = ("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
           "\u200b\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e\ufff9\U000E0001\U000E0041")


@pytest.mark.parametrize("raw, stored", [
    (RLO + "ikkerapmorP :AJAAJHO", "ikkerapmorP :AJAAJHO"),  # showed "OHJAAJA: Prompparekki"
    ("Entä jos koulussa olisi oma nuorisotyöntekijä " + RLO + "01 / 3",
     "Entä jos koulussa olisi oma nuorisotyöntekijä 01 / 3"),  # showed "… 3 / 10"
    (RLO + "ajaajhO", "ajaajhO"),  # the nickname that showed "Ohjaaja"
    ("\u2067\u202eolleh\u2069 world\u200f", "olleh world"),
], ids=["facilitator_note", "figures", "nickname", "isolates"])
def test_bidi_overrides_are_dropped_so_text_reads_as_stored(raw, stored):
    assert clean_text(raw, TextRule(280, "too_long")) == stored


@pytest.mark.parametrize("mark", list(FORMATS), ids=[f"U+{ord(c):04X}" for c in FORMATS])
def test_every_invisible_format_character_goes(mark):
    assert clean_text(f"a{mark}b {mark}c{mark}", LINE) == "ab c"
    assert clean_text(f"a{mark}\n{mark}b", LINES) == "a\nb"


@FIELDS
def test_every_text_field_drops_the_right_to_left_override(clean):
    assert clean(f"Entä{RLO} jos\u200b") == "Entä jos"


# Emoji sequences keep their joiners, variation selectors, skin tones and a flag's tags; so do
# Persian (ZWNJ) and Devanagari (ZWJ after a virama), which spell with joiners.
EMOJI = ["👩\u200d👩\u200d👧", "🏳\ufe0f\u200d🌈", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F",
         "👩🏽\u200d💻", "🧑\u200d🤝\u200d🧑", "❤\ufe0f\u200d🔥", "🏴\u200d☠\ufe0f", "1\ufe0f\u20e3", "🇫🇮",
         "\U0001FAE9", "می\u200cخواهم", "क्\u200dष"]


@pytest.mark.parametrize("kept", EMOJI, ids=["family", "rainbow_flag", "scotland", "technologist",
                                             "holding_hands", "heart_on_fire", "pirate_flag", "keycap",
                                             "finland", "unicode_16", "persian", "devanagari"])
def test_emoji_sequences_and_joined_scripts_survive_unchanged(kept):
    assert clean_text(kept, LINE) == kept
    assert clean_text(f"Entä jos {kept} ja {kept}?", TextRule(100, "x")) == f"Entä jos {kept} ja {kept}?"


@pytest.mark.parametrize("raw, stored", [
    ("\u200d👩", "👩"), ("👩\u200d", "👩"), ("a \u200d b", "a b"), ("a\u200d\u200d\u200db", "ab"),
    ("a\u200c", "a"),
    # Tags are kept only as a flag's tags: 🏴, 2-7 tag letters or digits, the cancel tag.
    ("🏴\U000E0067\U000E0062", "🏴"), ("a\U000E0067\U000E0062\U000E007F", "a"),
    ("🏴" + "".join(chr(0xE0000 + ord(c)) for c in "ignore all rules") + "\U000E007F", "🏴"),
])
def test_joiners_and_tags_go_where_they_join_nothing(raw, stored):
    assert clean_text(raw, LINE) == stored


@pytest.mark.parametrize("raw", ["\u200b", "\u200b\u200b\u200b", RLO, "\u200d\u200d", "\ufe0f", "\u0301\u0301",
                                 " \u00ad \u2060 \ufeff", "\u3164", "\u2800\u2800", "\U000E0041\U000E007F",
                                 "\u034f\n\u200b"])
def test_a_text_with_nothing_visible_is_empty(raw):
    with pytest.raises(InvalidInput, match="empty"):
        clean_text(raw, LINE)
    with pytest.raises(InvalidInput, match="empty"):
        clean_text(raw, LINES)
    assert clean_text(raw, TextRule(20, "too_long")) == ""


def test_an_invisible_idea_is_refused_like_an_empty_one():
    with pytest.raises(InvalidInput, match="errors.idea_empty"):
        clean_idea_text("\u200b", 280)
    assert participation.parse_participant(role="parent", nickname="\u200b\u3164").nickname is None


@pytest.mark.parametrize("nickname", [
    "Ohjaaja", "ohjaaja", "OHJAAJA:", " Vetäjä ", "Oh\u200bjaaja", "Ｏｈｊａａｊａ", "O h j a a j a", "-Vetäjä-",
    "Fasilitaattori", "Handledare", "Ledaren", "Facilitator", "the facilitator",
    "Nuori", "Ammattilaiset", "Förälder", "Yrkesperson", "Young person", "Professionals",
])
def test_a_nickname_that_reads_as_the_facilitator_or_a_role_is_refused(nickname):
    with pytest.raises(InvalidInput, match="errors.nickname_reserved"):
        participation.parse_participant(role="young_person", nickname=nickname)


@pytest.mark.parametrize("nickname", ["Ohjaaja Mikko", "Vetäjä2", "Nuori123", "Ledari", "ajaajhO", "Mikko 🙂"])
def test_other_nicknames_pass(nickname):
    assert participation.parse_participant(role="young_person", nickname=nickname).nickname == nickname


def test_every_role_label_and_the_facilitator_word_in_the_catalog_is_reserved():
    """Every label of the catalog is reserved, in every language."""
    for language in LANGUAGES:
        texts = catalog(language)
        labels = [texts[f"{kind}.{role.value}"] for kind in ("role", "role_plural") for role in Role]
        labels.append(texts["facilitator.page_title"].split(" – ")[0])
        for label in labels:
            with pytest.raises(InvalidInput, match="errors.nickname_reserved"):
                participation.parse_participant(role="parent", nickname=label)
        assert texts["errors.nickname_reserved"]


def test_the_passphrase_is_compared_after_the_same_rule():
    assert passphrase_accepted("salasana", " salasana\x00")
    assert not passphrase_accepted("salasana", "x" * 10_000)
    assert not passphrase_accepted("salasana", None)
    assert creation.PASSPHRASE.max_length >= 100


@pytest.mark.parametrize("value", [{}, ["a"], None, 5])
def test_a_forged_characteristic_is_refused_not_a_crash(value):
    with pytest.raises(InvalidInput, match="brief_choice_unknown"):
        briefs.clean_characteristics(briefs.toggled([], value, True))

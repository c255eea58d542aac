import pytest

from workshop.domain.creation import InvalidInput
from workshop.domain.ideas import (
    Room,
    Visibility,
    check_own_change,
    clean_idea_text,
    within_rate,
    writable_kind,
)
from workshop.domain.vocabulary import IdeaKind

SURVIVORS = [
    "Entä jos 🙂👩🏽‍🤝‍👩🏼 nuoret päättäisivät?",  # emoji with skin tones and joiners
    "Mii fertet ráhkadit ođđa vejolašvuođaid – Čáhcegáddi, Ŋ, Ŧ, Đ",  # North Sámi
    "ماذا لو كان لكل شاب مرشد؟",  # Arabic, right to left
    "מה אם כל נער יקבל מלווה?",  # Hebrew
    "line one\nline two\n\nline four",
    "<script>alert(1)</script> & [link](http://x) **bold**",
]


@pytest.mark.parametrize("text", SURVIVORS)
def test_text_survives_intact(text):
    assert clean_idea_text(f"  {text}\n ", 280) == text


def test_trimming_line_endings_and_control_characters():
    assert clean_idea_text("\r\n a\r\nb\x00\x07c \t", 280) == "a\nbc"


@pytest.mark.parametrize(("text", "key"), [("", "errors.idea_empty"), ("  \n\t ", "errors.idea_empty"),
                                           (None, "errors.idea_empty"), ("x" * 281, "errors.idea_too_long")])
def test_empty_and_too_long_are_refused(text, key):
    with pytest.raises(InvalidInput) as refused:
        clean_idea_text(text, 280)
    assert refused.value.key == key


def test_exactly_the_limit_is_fine():
    assert len(clean_idea_text("ä" * 280, 280)) == 280


@pytest.mark.parametrize(
    ("room", "kind_or_key"),
    [
        (Room("critique", False, "open"), IdeaKind.CRITIQUE),
        (Room("what_if", False, "open"), IdeaKind.WHAT_IF),
        (Room("what_if", True, "open"), "errors.input_locked"),
        (Room("vote", False, "open"), "errors.writing_closed"),
        (Room("lobby", False, "open"), "errors.writing_closed"),
        (Room("what_if", False, "closed"), IdeaKind.WHAT_IF),  # closed to newcomers only
    ],
)
def test_when_writing_is_open(room, kind_or_key):
    if isinstance(kind_or_key, IdeaKind):
        assert writable_kind(room) == kind_or_key
    else:
        with pytest.raises(InvalidInput) as refused:
            writable_kind(room)
        assert refused.value.key == kind_or_key


def test_own_ideas_change_only_until_their_phase_ends():
    check_own_change(Room("critique", False, "open"), "critique")
    with pytest.raises(InvalidInput):
        check_own_change(Room("what_if", False, "open"), "critique")
    with pytest.raises(InvalidInput):
        check_own_change(Room("critique", True, "open"), "critique")


def test_rate_limit():
    within_rate(9, 10)
    with pytest.raises(InvalidInput) as refused:
        within_rate(10, 10)
    assert refused.value.key == "errors.too_fast"


def test_visibility_defaults_hide_critique_until_revealed():
    hidden = Visibility(hide_critique=True, hide_what_if=False, critique_revealed=False, what_if_revealed=False)
    assert not hidden.others_see("critique") and hidden.others_see("what_if")
    revealed = Visibility(True, False, True, False)
    assert revealed.others_see("critique")


def test_a_repeat_is_the_same_text_of_the_same_kind_under_the_same_prompt():
    from workshop.domain.ideas import Written, already_written

    own = [Written(1, "what_if", 7, "Koulu alkaa kymmeneltä"), Written(2, "critique", None, "Liian kiire")]
    assert already_written(own, "what_if", 7, "Koulu alkaa kymmeneltä") == 1
    assert already_written(own, "critique", None, "Liian kiire") == 2
    assert already_written(own, "what_if", 8, "Koulu alkaa kymmeneltä") is None
    assert already_written(own, "critique", 7, "Koulu alkaa kymmeneltä") is None
    assert already_written(own, "what_if", 7, "Koulu alkaa kymmeneltä!") is None
    assert already_written([], "what_if", 7, "x") is None

import pytest

from workshop.domain.creation import InvalidInput, parse_new_workshop


def test_text_is_trimmed_and_checked():
    new = parse_new_workshop(title="  Entä  jos \n", challenge=" Miksi? ", language="sv")
    assert (new.title, new.challenge, new.language) == ("Entä jos", "Miksi?", "sv")


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"title": "   "}, "errors.title_required"),
        ({"title": None}, "errors.title_required"),
        ({"title": "x" * 201}, "errors.title_too_long"),
        ({"challenge": "x" * 501}, "errors.challenge_too_long"),
        ({"language": "de"}, "errors.language_unknown"),
        ({"language": ["fi"]}, "errors.language_unknown"),
    ],
)
def test_refusals_name_their_message(fields, key):
    given = {"title": "T", "challenge": "", "language": "fi"} | fields
    with pytest.raises(InvalidInput) as refused:
        parse_new_workshop(**given)
    assert refused.value.key == key


def test_passphrase_guards_creation_only_when_set():
    from workshop.domain.creation import passphrase_accepted

    assert passphrase_accepted("", None)
    assert passphrase_accepted("sala 123", "sala 123")
    assert not passphrase_accepted("sala 123", "sala 12")
    assert not passphrase_accepted("sala 123", None)
    assert not passphrase_accepted("sala 123", ["sala 123"])


def test_idea_length_and_rate_settings():
    from workshop.domain.creation import parse_new_workshop as parse

    new = parse(title="T", challenge="", language="fi", max_idea_length="500", ideas_per_minute="20")
    assert (new.max_idea_length, new.ideas_per_minute) == (500, 20)
    assert parse(title="T", challenge="", language="fi").max_idea_length == 280
    for fields, key in (({"max_idea_length": "5"}, "errors.idea_length_invalid"),
                        ({"max_idea_length": "abc"}, "errors.idea_length_invalid"),
                        ({"ideas_per_minute": "0"}, "errors.rate_invalid"),
                        ({"ideas_per_minute": "61"}, "errors.rate_invalid")):
        with pytest.raises(InvalidInput) as refused:
            parse(title="T", challenge="", language="fi", **fields)
        assert refused.value.key == key


def test_smallest_group_shown_apart_defaults_to_the_setting_and_may_only_be_raised(monkeypatch):
    from workshop.settings import settings

    assert parse_new_workshop(title="T", challenge="", language="fi").min_group_size == 3
    assert parse_new_workshop(title="T", challenge="", language="fi", min_group_size="5").min_group_size == 5
    for wrong in ("2", "1", "0", "-3", "51", "kolme", True, 2**80):
        with pytest.raises(InvalidInput) as refused:
            parse_new_workshop(title="T", challenge="", language="fi", min_group_size=wrong)
        assert refused.value.key == "smallgroups.size_invalid"
    # A deployment may lower its floor (ENTAJOS_MIN_GROUP_SIZE=1 turns the rule off by default).
    monkeypatch.setenv("ENTAJOS_MIN_GROUP_SIZE", "1")
    settings.cache_clear()
    try:
        assert parse_new_workshop(title="T", challenge="", language="fi").min_group_size == 1
    finally:
        monkeypatch.undo()
        settings.cache_clear()

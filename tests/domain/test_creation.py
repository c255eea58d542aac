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

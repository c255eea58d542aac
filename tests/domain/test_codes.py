import random

from workshop.domain.codes import CODE_ALPHABET, CODE_LENGTH, new_code, normalize_code


def test_alphabet_has_no_look_alikes():
    for confusable in "0O1IL5S2Z8BUV":
        assert confusable not in CODE_ALPHABET
    assert len(set(CODE_ALPHABET)) == len(CODE_ALPHABET) >= 20


def test_new_codes_use_the_alphabet():
    rng = random.Random(7)
    codes = {new_code(rng.choice) for _ in range(500)}
    assert len(codes) == 500
    assert all(len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET) for code in codes)


def test_typed_codes_are_normalized():
    assert normalize_code(" k7m-9xa ") == "K7M9XA"
    assert normalize_code("k7m 9xa") == "K7M9XA"
    assert normalize_code("K7M9X") is None  # too short
    assert normalize_code("K7M9XAA") is None  # too long
    assert normalize_code("K7M9X0") is None  # 0 is not in the alphabet
    assert normalize_code(None) is None
    assert normalize_code(123456) is None


def test_new_codes_have_eight_characters_and_older_six_still_work():
    assert CODE_LENGTH == 8
    assert normalize_code("k7m9-xa4c") == "K7M9XA4C"
    assert normalize_code("K7M9XA") == "K7M9XA"  # a workshop made before eight
    assert normalize_code("K7M9XA4") is None  # seven
    assert normalize_code("K7M9XA4CE") is None  # nine

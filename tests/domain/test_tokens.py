from workshop.domain.tokens import hash_secret, new_secret, secret_matches


def test_secrets_are_long_random_and_stored_hashed():
    first, second = new_secret(), new_secret()
    assert first != second and len(first) >= 32  # 192 bits, at least the 128 asked for
    stored = hash_secret(first)
    assert first not in stored and len(stored) == 64
    assert secret_matches(first, stored)
    assert not secret_matches(second, stored)


def test_missing_or_odd_secrets_never_match():
    stored = hash_secret("x")
    for candidate in (None, "", 0, ["x"], {"x": 1}):
        assert not secret_matches(candidate, stored)
    assert not secret_matches("x", None)
    assert not secret_matches("x", "")


def test_a_sealed_key_opens_only_under_its_own_secret_and_label():
    from workshop.domain.tokens import seal, unseal

    key, opener = new_secret(), new_secret()
    sealed = seal(key, opener, "opener:results")
    assert key not in sealed and sealed != seal(key, opener, "opener:display")
    assert unseal(sealed, opener, "opener:results") == key
    # Neither another secret, nor the opener's stored hash, nor another label gives the key back.
    for under, label in ((new_secret(), "opener:results"), (hash_secret(opener), "opener:results"),
                         (opener, "opener:display")):
        assert unseal(sealed, under, label) != key
    for under in (None, "", 7):
        assert unseal(sealed, under, "opener:results") is None
    for garbage in ("", "!!", "a" * 80, "\u00e4"):
        assert unseal(garbage, opener, "opener:results") is None


def test_only_a_key_of_at_most_32_characters_is_sealed():
    import pytest

    from workshop.domain.tokens import seal

    for wrong in ("", "x" * 33, "\u00e4"):
        with pytest.raises((ValueError, UnicodeError)):
            seal(wrong, "under", "label")

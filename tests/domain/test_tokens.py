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


def _xor(*values: bytes) -> bytes:
    out = values[0]
    for value in values[1:]:
        out = bytes(a ^ b for a, b in zip(out, value))
    return out


def _old_seal(secret: str, under: str, label: str) -> str:
    """A value as seal() stored it before each seal had its own nonce (one pad per ``under``
    and ``label``), as databases still hold."""
    import base64
    import hashlib
    import hmac

    pad = hmac.new(under.encode(), f"seal:{label}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(_xor(secret.encode(), pad)).decode()


def test_each_seal_has_its_own_pad_and_unseals_round_trip():
    from workshop.domain.tokens import seal, unseal

    under = new_secret()
    for secret in (new_secret(), "k", "x" * 32, "Short key 7"):
        first, second = seal(secret, under, "kept:results"), seal(secret, under, "kept:results")
        assert first != second  # a fresh nonce each time
        assert unseal(first, under, "kept:results") == unseal(second, under, "kept:results") == secret
        assert len(first) <= 64  # fits the sealed columns (String(64))
    assert len(seal("k", under, "l")) == len(seal("x" * 32, under, "l"))  # the length tells nothing


def test_two_seals_under_one_key_do_not_give_a_new_key_from_an_old_one():
    """Red-team finding F5: with one pad per facilitator key, sealed_old XOR sealed_new XOR
    old_key gave the new results key to anyone holding the old key and two database copies."""
    import base64

    from workshop.domain.tokens import seal

    under, old, new = new_secret(), new_secret(), new_secret()
    first, second = seal(old, under, "kept:results"), seal(new, under, "kept:results")
    raw = [base64.urlsafe_b64decode(value) for value in (first, second)]
    for skip in (0, 16, len(raw[0]) - len(old)):  # whatever part of the value a nonce may take
        guessed = _xor(raw[1][skip:], raw[0][skip:], old.encode())
        assert new.encode() not in guessed
    # ... which the old format gave away:
    assert _xor(*(base64.urlsafe_b64decode(_old_seal(key, under, "kept:results")) for key in (old, new)),
                old.encode()) == new.encode()


def test_a_value_sealed_the_old_way_still_unseals():
    from workshop.domain.tokens import unseal

    under, secret = new_secret(), new_secret()
    for kept in (secret, "k", "x" * 32):
        old = _old_seal(kept, under, "kept:viewer")
        assert unseal(old, under, "kept:viewer") == kept
        assert unseal(old, new_secret(), "kept:viewer") != kept
        assert unseal(old, under, "kept:invitation") != kept

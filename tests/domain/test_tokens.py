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

"""Secrets that prove who is calling: facilitator keys and participant tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_secret() -> str:
    """192 random bits, URL-safe (32 characters)."""
    return secrets.token_urlsafe(24)


def hash_secret(secret: str) -> str:
    """SHA-256 hex of a secret.

    Secrets are 192 random bits, not passwords: nobody can guess one, so a
    plain hash (no salt, no slow KDF) keeps a leaked database from acting as
    anyone while keeping lookups by hash possible.
    """
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_matches(secret: object, stored_hash: str | None) -> bool:
    """Whether ``secret`` is the one whose hash is stored (constant-time compare)."""
    if not isinstance(secret, str) or not secret or not stored_hash:
        return False
    return hmac.compare_digest(hash_secret(secret), stored_hash)

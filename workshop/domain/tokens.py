"""Secrets that prove who is calling: facilitator, display and results keys, participant tokens;
and a secret sealed under another (a one-time opener's key, see ``workshop.store.openers``)."""

from __future__ import annotations

import base64
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


def secret_label(secret: str) -> str:
    """A short name for a secret that reveals nothing of it (BLAKE2b, 96 bits): the room
    hub files the screens opened with a key under it, so that replacing the key can find
    them (``workshop.live.hub.key_room``)."""
    return hashlib.blake2b(secret.encode(), digest_size=12, person=b"entajos-label").hexdigest()


def derived_secret(key: str, salt: str) -> str:
    """A secret derived from ``key`` and a (non-secret) ``salt``: HMAC-SHA-256, URL-safe.

    The big screen's display key is derived from the facilitator key, so any
    browser holding the facilitator key can show the big-screen link again
    without a second secret kept anywhere, while the display key reveals
    nothing about the facilitator key. A new salt (or a new facilitator key)
    gives a new display key and voids the old one.
    """
    digest = hmac.new(key.encode(), f"display:{salt}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode()


# The longest secret :func:`seal` takes (keys are 32 characters; one HMAC-SHA-256 block).
SEALABLE = 32
# Each seal's own random nonce, stored before the sealed secret (which is padded to
# SEALABLE bytes): 16 + 32 bytes, 64 URL-safe characters, the sealed columns' width.
NONCE = 16
SEALED = NONCE + SEALABLE


def _pad(under: str, label: str, nonce: bytes) -> bytes:
    return hmac.new(under.encode(), b"seal:%s:" % label.encode() + nonce, hashlib.sha256).digest()


def _old_pad(under: str, label: str) -> bytes:
    """The one pad per ``under`` and ``label`` that values sealed before nonces were used
    (at most SEALABLE bytes, no nonce) were XORed with; only read, never written."""
    return hmac.new(under.encode(), f"seal:{label}".encode(), hashlib.sha256).digest()


def _xor(data: bytes, pad: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(data, pad))


def seal(secret: str, under: str, label: str) -> str:
    """``secret`` sealed under the secret ``under``, URL-safe: a fresh random nonce, then the
    secret (padded to :data:`SEALABLE` bytes) XOR HMAC-SHA-256 of ``under``, ``label`` and the
    nonce. Who holds ``under`` gets ``secret`` back (:func:`unseal`); the sealed text alone, or
    with ``hash_secret(under)``, tells nothing of it, nor of its length; and, every seal having
    its own pad, two sealed values and one of their secrets tell nothing of the other secret
    (a former holder of a replaced key cannot compute the new one from two copies of the
    database). ``label`` keeps seals of different uses apart. For secrets of at most
    :data:`SEALABLE` ASCII characters."""
    raw = secret.encode("ascii")
    if not raw or len(raw) > SEALABLE or b"\0" in raw:
        raise ValueError("only a key of 1..32 characters can be sealed")
    nonce = secrets.token_bytes(NONCE)
    padded = raw.ljust(SEALABLE, b"\0")
    return base64.urlsafe_b64encode(nonce + _xor(padded, _pad(under, label, nonce))).decode()


def unseal(sealed: str, under: object, label: str) -> str | None:
    """The secret :func:`seal` sealed under ``under`` with ``label``; None when it cannot be
    read. Also reads a value sealed before seals had a nonce (shorter than :data:`SEALED`
    bytes), so that databases from before need no migration."""
    if not isinstance(under, str) or not under:
        return None
    try:
        raw = base64.urlsafe_b64decode(sealed.encode("ascii"))
        if len(raw) == SEALED:
            nonce, body = raw[:NONCE], raw[NONCE:]
            opened = _xor(body, _pad(under, label, nonce)).rstrip(b"\0").decode("ascii")
        elif 0 < len(raw) <= SEALABLE:
            opened = _xor(raw, _old_pad(under, label)).decode("ascii")
        else:
            return None
    except (ValueError, UnicodeError):
        return None
    return opened if opened and opened.isprintable() else None

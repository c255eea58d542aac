"""A key per purpose, in the database: the facilitator key rotates and voids the old one
(and the big-screen key made from it, and the results key it could hand out, with their
one-time links); the display key opens the big screen only; the results key opens the
results only, and its sealed copies tell nothing of the next one; a download token works
once and not after expiry."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workshop.domain.creation import NewWorkshop
from workshop.domain.tokens import unseal
from workshop.domain.vocabulary import Opener
from workshop.settings import settings
from workshop.store import downloads, openers, workshops
from workshop.store.models import DownloadToken, Workshop, now


def _created(engine) -> workshops.CreatedWorkshop:
    with Session(engine) as session, session.begin():
        return workshops.create_workshop(session, NewWorkshop(title="Keys", challenge="", language="fi"))


def _keys(engine, created) -> dict[str, str]:
    """Every key of the workshop as its facilitator would hand them out."""
    with Session(engine) as session, session.begin():
        workshop = session.get(Workshop, created.id)
        return {"facilitator": created.facilitator_key,
                "display": workshops.display_key(workshop, created.facilitator_key),
                "results": workshops.new_results_key(workshop)}


def _opens(engine, code: str, key: str) -> set[str]:
    """Which pages ``key`` opens: the facilitator's, the big screen, the results."""
    with Session(engine) as session:
        checks = {"facilitator": workshops.for_facilitator, "display": workshops.for_display,
                  "results": workshops.for_results}
        return {page for page, check in checks.items() if check(session, code, key) is not None}


def test_each_key_opens_only_its_own_page(engine):
    created = _created(engine)
    keys = _keys(engine, created)
    assert len(set(keys.values())) == 3
    for purpose, key in keys.items():
        assert _opens(engine, created.code, key) == {purpose}, purpose
    for wrong in ("", "guess", keys["display"] + "x", None, 7):
        assert _opens(engine, created.code, wrong) == set()


def test_the_display_key_is_stored_hashed_and_shown_again_from_the_facilitator_key(engine):
    created = _created(engine)
    first = _keys(engine, created)["display"]
    with Session(engine) as session, session.begin():
        workshop = session.get(Workshop, created.id)
        assert first not in (workshop.display_key_hash, workshop.display_key_salt)
        # Another facilitator tab (the same key) shows the same link; nothing is written.
        assert workshops.display_key(workshop, created.facilitator_key) == first


def test_rotating_voids_the_old_facilitator_key_and_its_display_key(engine):
    created = _created(engine)
    old = _keys(engine, created)
    with Session(engine) as session, session.begin():
        workshop = workshops.for_facilitator(session, created.code, old["facilitator"])
        new_key = workshops.rotate_facilitator_key(workshop)
        new_display = workshops.display_key(workshop, new_key)
    assert _opens(engine, created.code, old["facilitator"]) == set()
    assert _opens(engine, created.code, old["display"]) == set()
    assert _opens(engine, created.code, new_key) == {"facilitator"}
    assert _opens(engine, created.code, new_display) == {"display"}
    assert _opens(engine, created.code, old["results"]) == set()  # the leaker's results key too


def test_rotating_cuts_off_the_results_key_and_links_the_old_key_handed_out(engine):
    """Red-team finding F2: a leaked facilitator key hands out results links; "Make a new
    facilitator link" must cut those off as well, or the leaker keeps downloading every answer."""
    created = _created(engine)
    key = created.facilitator_key
    with Session(engine) as session, session.begin():
        workshop = workshops.for_facilitator(session, created.code, key)
        results = workshops.results_key_to_hand_out(workshop, key)
        links = [openers.mint(session, Opener.RESULTS, workshops.results_key_to_hand_out(workshop, key), workshop)
                 for _ in range(2)]
    with Session(engine) as session, session.begin():
        new_key = workshops.rotate_facilitator_key(workshops.for_facilitator(session, created.code, key))
    assert _opens(engine, created.code, results) == set()
    with Session(engine) as session, session.begin():
        assert [openers.take(session, [Opener.RESULTS], created.code, link) for link in links] == [None, None]
        workshop = session.get(Workshop, created.id)
        # The new facilitator key hands out a new results key (the old key hands out nothing).
        renewed = workshops.results_key_to_hand_out(workshop, new_key)
        assert workshops.results_key(workshop, key) is None
    assert renewed != results and _opens(engine, created.code, renewed) == {"results"}


def test_rotating_a_workshop_without_a_results_key_makes_none(engine):
    created = _created(engine)
    with Session(engine) as session, session.begin():
        workshop = session.get(Workshop, created.id)
        new_key = workshops.rotate_facilitator_key(workshop)
        assert workshop.results_key_hash is None and workshop.results_key_sealed is None
        assert workshops.results_key(workshop, new_key) is None


def _raw(value: str) -> bytes:
    return base64.urlsafe_b64decode(value)


def test_two_sealed_results_keys_do_not_give_the_new_one_from_the_old(engine):
    """Red-team finding F5: a former project preparer (the old results key) who reads the
    database before and after "Make a new results link" got the new key by XOR."""
    created = _created(engine)
    key = created.facilitator_key
    with Session(engine) as session, session.begin():
        workshop = session.get(Workshop, created.id)
        old = workshops.new_results_key(workshop, key)
        first = workshop.results_key_sealed
        new = workshops.new_results_key(workshop, key)
        second = workshop.results_key_sealed
    guessed = bytes(a ^ b ^ c for a, b, c in zip(_raw(second), _raw(first), old.encode()))
    assert new.encode() not in guessed
    for skip in range(1, len(_raw(first)) - len(old) + 1):
        shifted = bytes(a ^ b ^ c for a, b, c in zip(_raw(second)[skip:], _raw(first)[skip:], old.encode()))
        assert shifted != new.encode()
    assert _opens(engine, created.code, new) == {"results"} and _opens(engine, created.code, old) == set()


def test_a_results_key_sealed_the_old_way_is_still_handed_out(engine):
    """A database from before each seal had its own nonce: its results key still comes back
    (another results link hands it out), and a rotation seals a new one the new way."""
    created = _created(engine)
    key = created.facilitator_key
    with Session(engine) as session, session.begin():
        workshop = session.get(Workshop, created.id)
        results = workshops.new_results_key(workshop, key)
        pad = hmac.new(key.encode(), f"seal:{workshops.RESULTS_SEAL}".encode(), hashlib.sha256).digest()
        workshop.results_key_sealed = base64.urlsafe_b64encode(
            bytes(a ^ b for a, b in zip(results.encode(), pad))).decode()
    with Session(engine) as session, session.begin():
        workshop = session.get(Workshop, created.id)
        assert workshops.results_key_to_hand_out(workshop, key) == results
        new_key = workshops.rotate_facilitator_key(workshop)
        renewed = workshops.results_key(workshop, new_key)
        assert renewed not in (None, results)
        assert unseal(workshop.results_key_sealed, new_key, workshops.RESULTS_SEAL) == renewed


def test_renewing_the_display_key_voids_the_old_one_only(engine):
    created = _created(engine)
    old = _keys(engine, created)
    with Session(engine) as session, session.begin():
        workshop = session.get(Workshop, created.id)
        renewed = workshops.renew_display_key(workshop, old["facilitator"])
    assert renewed != old["display"]
    assert _opens(engine, created.code, old["display"]) == set()
    assert _opens(engine, created.code, renewed) == {"display"}
    assert _opens(engine, created.code, old["facilitator"]) == {"facilitator"}


def test_a_workshop_from_before_display_keys_gets_one_on_first_use(engine):
    created = _created(engine)
    with Session(engine) as session, session.begin():
        workshop = session.get(Workshop, created.id)
        workshop.display_key_salt = workshop.display_key_hash = None
    assert _opens(engine, created.code, "anything") == set()
    display = _keys(engine, created)["display"]
    assert _opens(engine, created.code, display) == {"display"}


def _mint(engine, created, at=None) -> str:
    with Session(engine) as session, session.begin():
        return downloads.mint(session, session.get(Workshop, created.id), at)


def _take(engine, code: str, token, at=None) -> str | None:
    with Session(engine) as session, session.begin():
        workshop = downloads.take(session, code, token, at)
        return workshop.code if workshop is not None else None


def test_a_download_token_works_once(engine):
    created = _created(engine)
    token = _mint(engine, created)
    with Session(engine) as session:
        stored = session.scalars(select(DownloadToken.token_hash)).all()
    assert token not in stored and len(stored) == 1  # hashed
    assert _take(engine, created.code, token) == created.code
    assert _take(engine, created.code, token) is None
    for wrong in (None, "", 5, "guess"):
        assert _take(engine, created.code, wrong) is None


def test_a_download_token_expires_and_names_its_workshop(engine):
    created = _created(engine)
    other = _created(engine)
    minted_at = now()
    life = timedelta(seconds=settings().download_token_seconds)
    late = _mint(engine, created, minted_at)
    assert _take(engine, created.code, late, minted_at + life) is None
    fresh = _mint(engine, created, minted_at)
    assert _take(engine, created.code, fresh, minted_at + life - timedelta(seconds=1)) == created.code
    # A token of one workshop opens no other one (and is used up by trying).
    elsewhere = _mint(engine, created)
    assert _take(engine, other.code, elsewhere) is None
    assert _take(engine, created.code, elsewhere) is None


def test_minting_sweeps_expired_tokens(engine):
    created = _created(engine)
    long_ago = now() - timedelta(days=1)
    for _ in range(3):
        _mint(engine, created, long_ago)
    _mint(engine, created)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(DownloadToken)) == 1


@pytest.fixture
def short_tokens(monkeypatch):
    monkeypatch.setenv("ENTAJOS_DOWNLOAD_TOKEN_SECONDS", "1")
    settings.cache_clear()
    yield
    settings.cache_clear()


def test_the_token_life_is_a_setting(engine, short_tokens):
    created = _created(engine)
    minted_at = now()
    token = _mint(engine, created, minted_at)
    assert _take(engine, created.code, token, minted_at + timedelta(seconds=1)) is None

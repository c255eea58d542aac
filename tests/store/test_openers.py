"""One-time openers in the database (SQLite and PostgreSQL): an opener hands its key over
once, for its own purpose and workshop or portfolio, until it expires; its row holds
neither the key nor the opener; a new key voids the openers of the old one (a new
facilitator or coordinator key renews the keys the old one could hand out); the results,
viewer and invitation keys are kept sealed under their owner's key so that they can be
handed out again; there is a limit per workshop; the purge sweeps expired openers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from workshop.domain.creation import InvalidInput, NewWorkshop
from workshop.domain.tokens import hash_secret, unseal
from workshop.domain.vocabulary import Opener
from workshop.settings import Settings, settings
from workshop.store import lifecycle, openers, portfolio, workshops
from workshop.store.models import Opener as OpenerRow
from workshop.store.models import Portfolio, Workshop, now


@pytest.fixture
def opener_settings(monkeypatch):
    """Set ``ENTAJOS_<NAME>`` for this test (the settings are read afresh)."""
    def apply(**values: object) -> None:
        for name, value in values.items():
            monkeypatch.setenv(f"ENTAJOS_{name.upper()}", str(value))
        settings.cache_clear()

    yield apply
    settings.cache_clear()


def _workshop(session: Session) -> tuple[Workshop, str]:
    made = workshops.create_workshop(session, NewWorkshop(title="Avaimet", challenge="", language="fi"))
    return session.get(Workshop, made.id), made.facilitator_key


def _portfolio(session: Session) -> tuple[Portfolio, portfolio.CreatedPortfolio]:
    made = portfolio.create_portfolio(session, "Salkku")
    return session.get(Portfolio, made.id), made


def _count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(OpenerRow))


def test_an_opener_hands_its_key_over_once(engine):
    with Session(engine) as session, session.begin():
        workshop, key = _workshop(session)
        display = workshops.display_key(workshop, key)
        results = workshops.new_results_key(workshop, key)
        owned, made = _portfolio(session)
        handed = {Opener.FACILITATOR: (workshop, key), Opener.DISPLAY: (workshop, display),
                  Opener.RESULTS: (workshop, results), Opener.COORDINATOR: (owned, made.coordinator_key),
                  Opener.VIEWER: (owned, made.viewer_key), Opener.INVITATION: (owned, made.invitation_key)}
        tokens = {purpose: (target.code, openers.mint(session, purpose, secret, target), secret)
                  for purpose, (target, secret) in handed.items()}
    with Session(engine) as session, session.begin():
        for purpose, (code, token, secret) in tokens.items():
            assert openers.take(session, [purpose], code, token) == (purpose, secret)
    with Session(engine) as session, session.begin():
        for purpose, (code, token, _) in tokens.items():
            assert openers.take(session, [purpose], code, token) is None  # used
        assert _count(session) == 0


def test_the_row_holds_neither_the_key_nor_the_opener(engine):
    with Session(engine) as session, session.begin():
        workshop, key = _workshop(session)
        token = openers.mint(session, Opener.FACILITATOR, key, workshop)
        key_hash = workshop.facilitator_key_hash
    with Session(engine) as session:
        (row,) = session.execute(text("SELECT * FROM openers")).mappings().all()
        stored = " ".join(str(value) for value in row.values())
        assert key not in stored and token not in stored
        assert row["token_hash"] == hash_secret(token) and row["purpose"] == "facilitator"
        # What the database holds does not unseal the key: not the hash, not another secret.
        for under in (row["token_hash"], key, key_hash):
            assert unseal(row["sealed_key"], under, "opener:facilitator") != key
        assert unseal(row["sealed_key"], token, "opener:facilitator") == key


def test_an_opener_expires_after_the_setting(engine, opener_settings):
    opener_settings(opener_days=2)
    minted_at = datetime(2027, 3, 1, 12, tzinfo=UTC)
    with Session(engine) as session, session.begin():
        workshop, key = _workshop(session)
        code = workshop.code
        late = openers.mint(session, Opener.FACILITATOR, key, workshop, at=minted_at)
        fresh = openers.mint(session, Opener.FACILITATOR, key, workshop, at=minted_at)
    with Session(engine) as session, session.begin():
        life = timedelta(days=2)
        assert openers.take(session, [Opener.FACILITATOR], code, late, at=minted_at + life) is None
        assert openers.take(session, [Opener.FACILITATOR], code, fresh, at=minted_at + life - timedelta(seconds=1)) \
            == (Opener.FACILITATOR, key)
        assert _count(session) == 0  # the expired one went when it was tried


def test_an_opener_opens_only_its_purpose_of_its_own_workshop(engine):
    with Session(engine) as session, session.begin():
        workshop, key = _workshop(session)
        other, _ = _workshop(session)
        code, other_code = workshop.code, other.code
        token = openers.mint(session, Opener.DISPLAY, workshops.display_key(workshop, key), workshop)
    with Session(engine) as session, session.begin():
        assert openers.take(session, [Opener.FACILITATOR, Opener.RESULTS], code, token) is None
        assert openers.take(session, [Opener.DISPLAY], other_code, token) is None
        assert openers.take(session, [Opener.COORDINATOR], code, token) is None
        # ... and stays for its own page.
        assert openers.take(session, [Opener.DISPLAY], code, token)[0] is Opener.DISPLAY


def test_garbage_opens_nothing_and_uses_up_nothing(engine):
    with Session(engine) as session, session.begin():
        workshop, key = _workshop(session)
        code = workshop.code
        token = openers.mint(session, Opener.FACILITATOR, key, workshop)
    with Session(engine) as session, session.begin():
        for garbage in (None, "", 7, ["x"], token + "x", token[:-1], "x" * 10_000, "\u00e4" * 32, "' OR 1=1 --"):
            assert openers.take(session, [Opener.FACILITATOR], code, garbage) is None
        for wrong_code in ("", "ZZZZZZZZ", None, code.lower()):
            assert openers.take(session, [Opener.FACILITATOR], wrong_code, token) is None
        assert _count(session) == 1
        assert openers.take(session, [Opener.FACILITATOR], code, token) == (Opener.FACILITATOR, key)


def test_a_new_key_voids_the_openers_of_the_old_one(engine):
    with Session(engine) as session, session.begin():
        workshop, key = _workshop(session)
        results = workshops.new_results_key(workshop, key)
        minted = {purpose: openers.mint(session, purpose, secret, workshop) for purpose, secret in (
            (Opener.FACILITATOR, key), (Opener.DISPLAY, workshops.display_key(workshop, key)),
            (Opener.RESULTS, results))}

        def left() -> set[str]:
            return set(session.scalars(select(OpenerRow.purpose).where(OpenerRow.workshop_id == workshop.id)))

        workshops.new_results_key(workshop, key)
        assert left() == {"facilitator", "display"}
        workshops.renew_display_key(workshop, key)
        assert left() == {"facilitator"}
        openers.mint(session, Opener.RESULTS, results, workshop)
        workshops.rotate_facilitator_key(workshop)
        assert left() == set()  # a rotation renews the results key the old key could hand out
        assert minted
        owned, made = _portfolio(session)
        for purpose, secret in ((Opener.COORDINATOR, made.coordinator_key), (Opener.VIEWER, made.viewer_key),
                                (Opener.INVITATION, made.invitation_key)):
            openers.mint(session, purpose, secret, owned)

        def of_portfolio() -> set[str]:
            return set(session.scalars(select(OpenerRow.purpose).where(OpenerRow.portfolio_id == owned.id)))

        portfolio.renew_viewer_key(owned, made.coordinator_key)
        assert of_portfolio() == {"coordinator", "invitation"}
        portfolio.renew_invitation_key(owned, made.coordinator_key)
        assert of_portfolio() == {"coordinator"}
        for purpose, secret in ((Opener.VIEWER, portfolio.viewer_key(owned, made.coordinator_key)),
                                (Opener.INVITATION, portfolio.invitation_key(owned, made.coordinator_key))):
            openers.mint(session, purpose, secret, owned)
        portfolio.rotate_coordinator_key(owned)
        assert of_portfolio() == set()  # a rotation renews the viewer and invitation keys too


def test_the_results_viewer_and_invitation_keys_are_kept_for_their_owner_only(engine):
    with Session(engine) as session, session.begin():
        workshop, key = _workshop(session)
        assert workshops.results_key(workshop, key) is None  # none made yet
        results = workshops.results_key_to_hand_out(workshop, key)
        assert workshops.results_key_to_hand_out(workshop, key) == results  # handed out again, not renewed
        assert results not in workshop.results_key_sealed
        for wrong in (None, "", "guess", workshops.display_key(workshop, key)):
            assert workshops.results_key(workshop, wrong) is None
        new_key = workshops.rotate_facilitator_key(workshop)
        renewed = workshops.results_key(workshop, new_key)  # a new one, sealed under the new key
        assert renewed not in (None, results) and workshops.results_key(workshop, key) is None

        owned, made = _portfolio(session)
        assert portfolio.viewer_key(owned, made.coordinator_key) == made.viewer_key
        assert portfolio.invitation_key(owned, made.coordinator_key) == made.invitation_key
        assert made.viewer_key not in owned.viewer_key_sealed and made.invitation_key not in owned.invitation_key_sealed
        assert portfolio.viewer_key(owned, made.viewer_key) is None
        coordinator = portfolio.rotate_coordinator_key(owned)
        rotated = portfolio.viewer_key(owned, coordinator)  # new ones, sealed under the new key
        assert rotated not in (None, made.viewer_key)
        assert portfolio.invitation_key(owned, coordinator) not in (None, made.invitation_key)
        assert portfolio.viewer_key(owned, made.coordinator_key) is None
        viewer = portfolio.renew_viewer_key(owned, coordinator)
        assert portfolio.viewer_key(owned, coordinator) == viewer != rotated


def test_unopened_openers_are_limited_per_workshop(engine, opener_settings):
    opener_settings(openers_per_target=3)
    long_ago = now() - timedelta(days=30)
    with Session(engine) as session, session.begin():
        workshop, key = _workshop(session)
        other, other_key = _workshop(session)
        openers.mint(session, Opener.FACILITATOR, key, workshop, at=long_ago)  # expired: swept, not counted
        for _ in range(3):
            openers.mint(session, Opener.FACILITATOR, key, workshop)
        with pytest.raises(InvalidInput, match="openers.too_many"):
            openers.mint(session, Opener.DISPLAY, workshops.display_key(workshop, key), workshop)
        assert session.scalar(select(func.count()).select_from(OpenerRow)
                              .where(OpenerRow.workshop_id == workshop.id)) == 3
        openers.mint(session, Opener.FACILITATOR, other_key, other)  # another workshop's own count
        workshops.rotate_facilitator_key(workshop)  # a new key voids them: room again
        openers.mint(session, Opener.FACILITATOR, "k", workshop)


def test_an_opener_is_for_its_kind_of_target_only(engine):
    with Session(engine) as session, session.begin():
        workshop, key = _workshop(session)
        owned, _ = _portfolio(session)
        for purpose, target in ((Opener.VIEWER, workshop), (Opener.FACILITATOR, owned)):
            with pytest.raises(ValueError):
                openers.mint(session, purpose, key, target)
        with pytest.raises(ValueError):
            openers.take(session, [Opener.FACILITATOR, Opener.VIEWER], workshop.code, "x")
        with pytest.raises(Exception):  # the database's own check: a workshop's purpose with a portfolio
            with session.begin_nested():
                session.add(OpenerRow(token_hash="0" * 64, purpose="facilitator", portfolio_id=owned.id,
                                      sealed_key="x", expires_at=now()))
                session.flush()


def test_the_purge_sweeps_expired_openers(engine):
    with Session(engine) as session, session.begin():
        workshop, key = _workshop(session)
        other, other_key = _workshop(session)
        openers.mint(session, Opener.FACILITATOR, key, workshop, at=now() - timedelta(days=30))
        openers.mint(session, Opener.FACILITATOR, other_key, other)
        report = lifecycle.purge(session, now(), Settings())
        assert report.rows["openers"] == 1 and _count(session) == 1

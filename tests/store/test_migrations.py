"""Migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import CheckConstraint, inspect

from workshop.store import migrate
from workshop.store.models import Base

TABLES = {
    "workshops", "participants", "prompts", "ideas", "clusters",
    "vote_rounds", "dots", "briefs", "brief_suggestions", "download_tokens",
}


def _differences(engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def test_migrated_database_matches_the_models(engine):
    assert TABLES <= set(inspect(engine).get_table_names())
    assert _differences(engine) == []


def test_check_constraints_match_the_models(engine):
    """Alembic's autogenerate does not compare CHECK constraints; compare their names here."""
    inspector = inspect(engine)
    for table in Base.metadata.sorted_tables:
        in_models = {c.name for c in table.constraints if isinstance(c, CheckConstraint)}
        in_database = {c["name"] for c in inspector.get_check_constraints(table.name)}
        assert in_database == in_models, table.name


def test_downgrade_to_base_and_up_again(sqlite_engine):
    migrate.downgrade(sqlite_engine, "base")
    assert set(inspect(sqlite_engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(engine=sqlite_engine)
    assert _differences(sqlite_engine) == []


def test_sqlite_runs_with_wal_and_foreign_keys(sqlite_engine):
    with sqlite_engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_the_region_check_holds_the_vocabulary(engine):
    """The migration writes the regions out; they must be the domain's."""
    from workshop.domain.portfolio import REGIONS

    [check] = [c for c in inspect(engine).get_check_constraints("workshops") if c["name"] == "ck_workshops_region"]
    assert sorted(set(__import__("re").findall(r"'([a-z_]+)'", check["sqltext"]))) == sorted(REGIONS)

"""Apply the Alembic migrations from Python (the app, ``make``, the tests)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from workshop.store.db import REPO_ROOT, make_engine


def alembic_config() -> Config:
    config = Config(str(REPO_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(REPO_ROOT / "workshop/store/migrations"))
    return config


def upgrade(url: str | None = None, engine: Engine | None = None, revision: str = "head") -> None:
    """Migrate the database at ``url`` (or ``engine``; default DATABASE_URL) to ``revision``."""
    own = engine is None
    engine = engine or make_engine(url)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        if own:
            engine.dispose()


def downgrade(engine: Engine, revision: str = "base") -> None:
    """Migrate down to ``revision`` (tests)."""
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, revision)

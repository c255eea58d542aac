"""Alembic environment: runs against a given connection, ``-x url=``, or DATABASE_URL."""

from __future__ import annotations

from alembic import context

from workshop.store.db import make_engine
from workshop.store.models import Base, UtcDateTime

config = context.config
target_metadata = Base.metadata


def render_item(kind: str, obj: object, autogen_context) -> str | bool:
    """Write UtcDateTime as the plain column type it stores (migrations stay model-free)."""
    if kind == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    engine = make_engine(context.get_x_argument(as_dictionary=True).get("url"))
    with engine.connect() as conn:
        run(conn)
    engine.dispose()

"""Alembic environment: runs against a given connection, ``-x url=``, or DATABASE_URL."""

from __future__ import annotations

from alembic import context

from workshop.store.db import make_engine
from workshop.store.models import Base

config = context.config
target_metadata = Base.metadata


def run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
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

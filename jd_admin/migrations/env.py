"""Alembic environment: migrations run on a connection handed in by jd_admin.db, or on the
URL of the config (for the alembic command line)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

import jd_admin.models  # noqa: F401  (registers every table)
from jd_admin.models.base import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
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
    _configure(connection)
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as conn:
        _configure(conn)

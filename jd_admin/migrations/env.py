"""Alembic environment: migrations run on a connection handed in by jd_admin.db, or on the
URL of the config (for the alembic command line).

On PostgreSQL the permission matrix (``jd_admin/migrations/access.py``) is rebuilt around the
migrations, in their transaction: stripped before them when the database has it, built from
the declaration after them when the database is at the head revision."""

from __future__ import annotations

from alembic import context
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, create_engine

import jd_admin.models  # noqa: F401  (registers every table)
from jd_admin.migrations import access
from jd_admin.models.base import Base

config = context.config
target_metadata = Base.metadata

#: The first revision whose grants and policies the matrix builds.
MATRIX_FROM = "0013"


def _with_matrix() -> set[str]:
    script = ScriptDirectory.from_config(config)
    return {r.revision for r in script.iterate_revisions("heads", MATRIX_FROM)}


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    postgres = connection.dialect.name == "postgresql"
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # SQLite rebuilds a table to alter it (batch mode): dropping the old table must not
        # trip the foreign keys of the rows pointing at it. Off for the migration (outside a
        # transaction, where the pragma takes effect), checked whole before the commit.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    try:
        with context.begin_transaction():
            migration = context.get_context()
            if postgres and migration.get_current_revision() in _with_matrix():
                access.strip(connection)
            context.run_migrations()
            heads = set(ScriptDirectory.from_config(config).get_heads())
            if postgres and migration.get_current_revision() in heads:
                access.apply(connection)
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"foreign keys broken by the migration: {broken[:5]}")
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")


connection = config.attributes.get("connection")
if connection is not None:
    _configure(connection)
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as conn:
        _configure(conn)

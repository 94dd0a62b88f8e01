"""SQL as a login would type it in psql: what the server says to it."""

from __future__ import annotations

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError


def sqlstate(engine: Engine, sql: str, **params: object) -> str | None:
    """Run ``sql`` in a transaction that is rolled back; the SQLSTATE it failed with (None:
    it went through)."""
    with engine.connect() as conn:
        try:
            conn.execute(text(sql), params)
        except DBAPIError as exc:
            return getattr(exc.orig, "sqlstate", None)
    return None

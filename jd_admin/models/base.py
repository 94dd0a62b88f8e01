"""The declarative base, the constraint naming convention and the shared column types."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Date, DateTime, Integer, MetaData, func, type_coerce
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator

from jd_admin.money import from_fen, to_fen

#: Shared with Alembic (migrations/env.py uses ``Base.metadata``), so every constraint has a
#: predictable name on both dialects and batch migrations on SQLite can address it.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """The one declarative base of jd_admin."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware timestamps on both dialects.

    PostgreSQL stores ``timestamptz``; SQLite has no time zone, so values are stored in UTC
    and come back aware (UTC). A naive datetime is refused: business code always knows the zone.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: attach a time zone")
        if dialect.name == "sqlite":
            return value.astimezone(dt.UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value: dt.datetime | None,
                             dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value


class Money(TypeDecorator[Decimal]):
    """Yuan amounts: integer fen in the database, ``Decimal`` in Python; floats refused."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        return to_fen(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return from_fen(int(value))

    def process_literal_param(self, value: Any, dialect: Dialect) -> str:
        return "NULL" if value is None else str(to_fen(value))

    @property
    def python_type(self) -> type[Decimal]:
        return Decimal


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Versioned:
    """Optimistic locking for rows people edit: a concurrent save raises StaleDataError."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


class Timestamped:
    """Creation and last-change times (UTC, aware)."""

    created_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow, server_default=func.current_timestamp()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow,
        server_default=func.current_timestamp(),
    )


def stored_fen(column: Any) -> ColumnElement[int]:
    """A :class:`Money` column (or expression) as its stored integer fen: sums and cases in SQL
    without a Decimal per value."""
    return type_coerce(column, BigInteger())


class LocalDay(FunctionElement[dt.date]):
    """SQL: the Asia/Shanghai calendar day of a UTC timestamp, per dialect (China has no
    DST)."""

    inherit_cache = True
    type = Date()
    name = "jd_local_day"


@compiles(LocalDay, "postgresql")
def _local_day_pg(element: LocalDay, compiler: Any, **kw: Any) -> str:
    (moment,) = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(({moment} AT TIME ZONE 'Asia/Shanghai') AS DATE)"


@compiles(LocalDay)
def _local_day_default(element: LocalDay, compiler: Any, **kw: Any) -> str:
    (moment,) = (compiler.process(c, **kw) for c in element.clauses)
    return f"date({moment}, '+8 hours')"

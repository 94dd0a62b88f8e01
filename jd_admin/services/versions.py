"""Which version of a dated rule table is in force on a day, stated once in SQL.

The rule (``domain/versions.py``): the version in force on a day is the one with the latest
effective date not after it. Two forms for the queries:

- :func:`effective_from_on`: that date as a scalar subquery, for a few rows or one day;
- :func:`version_ranges` with :func:`in_force`: each version with the date it holds until
  (the next version's), joined by range — one pass over a handful of versions instead of a
  subquery per row, for the bulk checks.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.sql import ColumnElement


def effective_from_on(column: Any, day: Any, *where: Any) -> Any:
    """``(SELECT max(column) WHERE column <= day AND where…)``: the effective date of the
    version in force on ``day`` (NULL before the first). ``column`` belongs to the versioned
    table (or an alias of it); everything else is correlated from the enclosing query."""
    query = select(func.max(column)).where(column <= day, *where)
    return query.correlate_except(column.class_).scalar_subquery()


def version_ranges(column: Any, *columns: Any) -> Any:
    """The versions of a table: ``column`` (the effective date), ``columns``, and ``until``,
    the next version's effective date (NULL for the newest)."""
    until = func.lead(column).over(order_by=column).label("until")
    return select(column, *columns, until).subquery()


def in_force(ranges: Any, day: Any, effective_from: str = "effective_from") -> ColumnElement[bool]:
    """The join condition: the version of ``ranges`` (:func:`version_ranges`) in force on
    ``day``."""
    start = ranges.c[effective_from]
    return and_(start <= day, or_(ranges.c.until.is_(None), day < ranges.c.until))

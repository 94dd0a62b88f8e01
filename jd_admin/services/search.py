"""Free-text search terms turned into SQL LIKE patterns and conditions (one place for the
escaping)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, or_
from sqlalchemy.orm import QueryableAttribute

ESCAPE = "\\"


def escaped(term: str) -> str:
    """``term`` with LIKE's wildcards (% and _) and the escape character taken literally."""
    return term.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")


def contains(term: str) -> str:
    """A pattern matching values that contain ``term`` (use with ``escape=ESCAPE``)."""
    return f"%{escaped(term.strip())}%"


def any_contains(term: str, texts: Sequence[QueryableAttribute[str]],
                 codes: Sequence[QueryableAttribute[str]] = ()) -> ColumnElement[bool]:
    """``term`` is in one of the ``texts`` columns or, upper-cased, in one of the ``codes``
    columns (credit codes and numbers are stored in upper case)."""
    like = contains(term)
    return or_(*(column.like(like, escape=ESCAPE) for column in texts),
               *(column.like(like.upper(), escape=ESCAPE) for column in codes))

"""Free-text search terms turned into SQL LIKE patterns (one place for the escaping)."""

from __future__ import annotations

ESCAPE = "\\"


def escaped(term: str) -> str:
    """``term`` with LIKE's wildcards (% and _) and the escape character taken literally."""
    return term.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")


def contains(term: str) -> str:
    """A pattern matching values that contain ``term`` (use with ``escape=ESCAPE``)."""
    return f"%{escaped(term.strip())}%"

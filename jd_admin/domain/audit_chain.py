"""The audit trail's hash chain, as pure functions shared by the services (SQLite appends,
``audit verify`` on both dialects) and mirrored by migration 0012's PostgreSQL trigger.

Each audit row carries ``prev_hash`` (the previous row's ``hash``; :data:`GENESIS` for the
first) and ``hash = sha256(prev_hash || canonical text of the row)``. The canonical text is the
row's fields in :data:`FIELDS` order, each written as ``-`` when NULL or ``<length>:<text>``,
joined by ``|`` (length-prefixed, so no value can imitate a field boundary). The ``details``
JSON enters as the text stored in the database (both dialects keep JSON text verbatim).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping

GENESIS = "0" * 64

#: The hashed fields, in order (the row's ``id`` is not hashed: ``seq`` orders the chain).
FIELDS = ("seq", "occurred_at", "actor", "entity_type", "entity_id", "action", "operation",
          "from_state", "to_state", "comment", "details", "subdistrict_id", "txid")


def timestamp_text(value: dt.datetime) -> str:
    """A timestamp as the trigger writes it: UTC, microseconds, ``Z``."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _field(value: object) -> str:
    if value is None:
        return "-"
    text = timestamp_text(value) if isinstance(value, dt.datetime) else str(value)
    return f"{len(text)}:{text}"


def canonical(row: Mapping[str, object]) -> str:
    """The canonical text of one audit row (``details`` as its stored JSON text)."""
    return "|".join(_field(row.get(name)) for name in FIELDS)


def link_hash(prev_hash: str, row: Mapping[str, object]) -> str:
    """The hash of a row following ``prev_hash`` in the chain."""
    return hashlib.sha256((prev_hash + canonical(row)).encode("utf-8")).hexdigest()

#: Notes of reading a record (no change): printing, downloading, exporting.
READ_ACTIONS = ("print", "download", "export", "导出")

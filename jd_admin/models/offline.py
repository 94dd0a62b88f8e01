"""The manifest of an offline inspection file (巡查离线文件, services/inspections/offline.py).

An offline file is a jd_admin SQLite database migrated like any other, holding what an
inspector needs on site, plus this one table naming the checkout it came from. The table is
deliberately outside :class:`~jd_admin.models.base.Base`'s metadata: it exists only in offline
files (its presence is what makes a database one), never in a migrated database.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, MetaData, String, Table

from jd_admin.models.base import UTCDateTime

OFFLINE_METADATA = MetaData()

offline_manifest = Table(
    "jd_offline_manifest", OFFLINE_METADATA,
    Column("token", String(64), primary_key=True),
    Column("inspector", String(63), nullable=False),
    Column("assignments", JSON, nullable=False),
    Column("source", String(200), nullable=False),  # the database it was checked out of
    Column("created_at", UTCDateTime, nullable=False),
)

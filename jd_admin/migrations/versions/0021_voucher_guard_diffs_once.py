"""the voucher guard works out which vouchers changed once per statement

Issue 10 (verification at the scale of a 1,000,000-voucher year). 0011's ``jd_voucher_updated``
(as 0019 left it) compared every updated voucher's old and new row three times — for the
citizens' pending marks (old and new citizen) and for the batches' — so marking a month's
vouchers at verification (only ``settlement_id`` changes: nothing is pending) spent about 3.8 s
of its 7.4 s at a million vouchers on those comparisons. The comparison now runs once, into a
materialized CTE both INSERTs read. Same marks, same refusals (PostgreSQL only).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01 01:35:00
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from alembic import op

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def _revision_0019() -> ModuleType:
    path = next(Path(__file__).parent.glob("0019_*.py"))
    spec = importlib.util.spec_from_file_location("jd_admin_migration_0019", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _marks_once(body: str) -> str:
    """0019's body with its two pending-marks statements made one: the changed vouchers found
    once (the same comparison, ``changed``), then the citizens' and the batches' marks."""
    first = body.index("  EXECUTE $replanned$INSERT INTO voucher_check_pending")
    second = body.index("  EXECUTE $replanned$INSERT INTO voucher_batch_check_pending")
    end = body.index("$replanned$;", second) + len("$replanned$;")
    where = body.index(" WHERE ", first)
    condition = body[where + len(" WHERE "):body.index("\n", where)]
    marks = (
        "  EXECUTE $replanned$WITH changed AS MATERIALIZED (\n"
        "      SELECT o.citizen_id AS old_citizen, n.citizen_id AS new_citizen, n.batch_id\n"
        f"        FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {condition}),\n"
        "    citizens AS (INSERT INTO voucher_check_pending\n"
        "      SELECT old_citizen FROM changed UNION SELECT new_citizen FROM changed\n"
        "      ON CONFLICT DO NOTHING)\n"
        "    INSERT INTO voucher_batch_check_pending SELECT DISTINCT batch_id FROM changed\n"
        "    ON CONFLICT DO NOTHING$replanned$;")
    return body[:first] + marks + body[end:]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_marks_once(_revision_0019()._voucher_updated(replanned=True)))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_revision_0019()._voucher_updated(replanned=True))

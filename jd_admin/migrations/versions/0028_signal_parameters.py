"""early warning: the signals' versioned parameters

Issue 12 (the signals). Both dialects: ``signal_parameter`` (a signal's parameters from
``effective_from`` on, as JSON; one version per signal and date), seeded with the declared
defaults (jd_admin/domain/warnings.py ``PARAMETERS``) from 2026-01-01.

PostgreSQL: audited per row. Grants and row security come from the permission matrix
(``jd_admin/domain/access.py``).

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-01 04:00:00
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = '0028'
down_revision = '0027'
branch_labels = None
depends_on = None

#: The defaults as declared when this revision was written (a later change of the
#: declaration is a new version, set through the service, not an edit of this seed).
DEFAULTS = {
    "above_pattern": {"window_days": 30, "k": "5", "min_active_days": 10, "mad_floor": "2",
                      "min_count": 20},
    "min_order_cluster": {"band_yuan": "1", "ratio": "2", "min_share_percent": 60,
                          "min_orders": 30},
    "repeat_citizen": {"max_uses": 10, "days": 30},
    "outside_hours": {"grace_minutes": 30, "min_count": 1},
    "above_list_price": {"margin_percent": 100, "min_count": 3},
    "burst": {"count": 10, "minutes": 5},
}

TRIGGERS = [
    "CREATE TRIGGER signal_parameter_audit AFTER INSERT OR UPDATE OR DELETE ON signal_parameter "
    "FOR EACH ROW EXECUTE FUNCTION jd_audit_row('id', '')",
    "CREATE TRIGGER signal_parameter_audit_truncate AFTER TRUNCATE ON signal_parameter "
    "FOR EACH STATEMENT EXECUTE FUNCTION jd_audit_statement('id', '')",
]


def upgrade() -> None:
    op.create_table('signal_parameter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('signal', sa.String(length=20), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('created_by', sa.String(length=63), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("signal IN ('daily_above_line', 'above_pattern', 'min_order_cluster', "
                       "'repeat_citizen', 'outside_hours', 'above_list_price', 'burst')",
                       name=op.f('ck_signal_parameter_signal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signal_parameter')),
    sa.UniqueConstraint('signal', 'effective_from',
                        name=op.f('uq_signal_parameter_signal_effective_from'))
    )
    table = sa.table("signal_parameter", sa.column("signal"),
                     sa.column("effective_from", sa.Date()), sa.column("params", sa.JSON()),
                     sa.column("created_by"), sa.column("created_at", sa.DateTime(timezone=True)))
    op.bulk_insert(table, [{"signal": signal, "effective_from": dt.date(2026, 1, 1),
                            "params": params, "created_by": "jd_admin",
                            "created_at": dt.datetime(2026, 12, 1, tzinfo=dt.UTC)}
                           for signal, params in DEFAULTS.items()])
    if op.get_bind().dialect.name == "postgresql":
        for statement in TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    op.drop_table('signal_parameter')  # its triggers with it

"""early warning: alert lines and the warning list

Issue 12 (the first slice). Both dialects: ``alert_line`` (vouchers redeemed per venue per day
above which the daily-use signal fires; the district default has no venue; versioned by
``effective_from``), ``venue_warning`` (one per venue, signal and day, its figures and their
plain-Chinese explanation, its state, finding and decision) and ``warning_voucher`` (the
vouchers a warning concerns); the steps of the warning's workflow in ``workflow_step``; the
district default line (200 a day from 2026-01-01) as data.

PostgreSQL: audited (per row; a warning's vouchers per statement), the workflow and
initial-state guards on ``venue_warning``, whose audit rows carry the venue's 街镇. Grants and
row security come from the permission matrix (``jd_admin/domain/access.py``).

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-01 03:00:00
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = '0026'
down_revision = '0025'
branch_labels = None
depends_on = None

#: The declared steps (jd_admin/domain/warnings.py; a test keeps both equal).
STEPS = [
    ("venue_warning", "open", "verifying", "bureau_staff"),
    ("venue_warning", "verifying", "closed_normal", "bureau_staff"),
    ("venue_warning", "verifying", "closed_violation", "bureau_staff"),
]
TABLES = ("warning_voucher", "venue_warning", "alert_line")

TRIGGERS = [
    *(f"CREATE TRIGGER {t}_audit AFTER INSERT OR UPDATE OR DELETE ON {t} "
      f"FOR EACH ROW EXECUTE FUNCTION jd_audit_row('id', '')"
      for t in ("alert_line", "venue_warning")),
    "CREATE TRIGGER warning_voucher_audit_insert AFTER INSERT ON warning_voucher "
    "REFERENCING NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION jd_audit_statement('id', '')",
    "CREATE TRIGGER warning_voucher_audit_update AFTER UPDATE ON warning_voucher "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION jd_audit_statement('id', '')",
    "CREATE TRIGGER warning_voucher_audit_delete AFTER DELETE ON warning_voucher "
    "REFERENCING OLD TABLE AS old_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION jd_audit_statement('id', '')",
    *(f"CREATE TRIGGER {t}_audit_truncate AFTER TRUNCATE ON {t} "
      f"FOR EACH STATEMENT EXECUTE FUNCTION jd_audit_statement('id', '')" for t in TABLES),
    "CREATE TRIGGER venue_warning_workflow BEFORE UPDATE OF status ON venue_warning "
    "FOR EACH ROW EXECUTE FUNCTION jd_workflow_guard('venue_warning')",
    "CREATE TRIGGER venue_warning_initial_state BEFORE INSERT ON venue_warning FOR EACH ROW "
    "EXECUTE FUNCTION jd_initial_state_guard('venue_warning', 'open')",
]

#: The audit trail's subdistrict of a row (0025's ``jd_audit_row_scope``), with warnings in
#: their venue's 街镇 (``{more}``).
ROW_SCOPE = """
CREATE OR REPLACE FUNCTION jd_audit_row_scope(p_table text, r jsonb) RETURNS integer
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT CASE
    WHEN p_table IN ('application', 'venue') THEN (r ->> 'subdistrict_id')::integer
    WHEN p_table IN ('agreement', 'venue_sport', 'venue_status_change', 'inspection_assignment',
                     'inspection', 'rectification_order', 'venue_coach'{more})
      THEN jd_audit_scope('venue', r ->> 'venue_id')
    WHEN p_table IN ('application_sport', 'application_coach')
      THEN jd_audit_scope('application', r ->> 'application_id')
    WHEN p_table = 'attachment'
      THEN coalesce(jd_audit_scope('application', r ->> 'application_id'),
                    jd_audit_scope('agreement', r ->> 'agreement_id'))
    ELSE NULL END
$$;
"""


def upgrade() -> None:
    op.create_table('alert_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=True),
    sa.Column('daily_limit', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('created_by', sa.String(length=63), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('daily_limit > 0', name=op.f('ck_alert_line_daily_limit')),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], name=op.f('fk_alert_line_venue_id_venue')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert_line')),
    sa.UniqueConstraint('venue_id', 'effective_from',
                        name=op.f('uq_alert_line_venue_id_effective_from'))
    )
    with op.batch_alter_table('alert_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_line_venue_id'), ['venue_id'], unique=False)
    op.create_table('venue_warning',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=False),
    sa.Column('signal', sa.String(length=20), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('figures', sa.JSON(), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('assigned_to', sa.String(length=63), nullable=True),
    sa.Column('finding', sa.Text(), nullable=True),
    sa.Column('decision', sa.Text(), nullable=True),
    sa.Column('created_by', sa.String(length=63), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_by', sa.String(length=63), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('open', 'verifying', 'closed_normal', 'closed_violation')",
                       name=op.f('ck_venue_warning_status')),
    sa.CheckConstraint("signal IN ('daily_above_line', 'above_pattern', 'min_order_cluster', "
                       "'repeat_citizen', 'outside_hours', 'above_list_price', 'burst')",
                       name=op.f('ck_venue_warning_signal')),
    sa.CheckConstraint("status NOT IN ('closed_normal', 'closed_violation') "
                       "OR finding IS NOT NULL", name=op.f('ck_venue_warning_closed_has_finding')),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'],
                            name=op.f('fk_venue_warning_venue_id_venue')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_venue_warning')),
    sa.UniqueConstraint('venue_id', 'signal', 'day',
                        name=op.f('uq_venue_warning_venue_id_signal_day'))
    )
    with op.batch_alter_table('venue_warning', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_venue_warning_venue_id'), ['venue_id'], unique=False)
    op.create_table('warning_voucher',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('warning_id', sa.Integer(), nullable=False),
    sa.Column('voucher_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
              nullable=False),
    sa.ForeignKeyConstraint(['voucher_id'], ['voucher.id'],
                            name=op.f('fk_warning_voucher_voucher_id_voucher')),
    sa.ForeignKeyConstraint(['warning_id'], ['venue_warning.id'],
                            name=op.f('fk_warning_voucher_warning_id_venue_warning')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_warning_voucher')),
    sa.UniqueConstraint('warning_id', 'voucher_id',
                        name=op.f('uq_warning_voucher_warning_id_voucher_id'))
    )
    with op.batch_alter_table('warning_voucher', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_warning_voucher_voucher_id'), ['voucher_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_warning_voucher_warning_id'), ['warning_id'],
                              unique=False)
    step = sa.table("workflow_step", sa.column("entity_type"), sa.column("from_state"),
                    sa.column("to_state"), sa.column("role"))
    op.bulk_insert(step, [dict(zip(("entity_type", "from_state", "to_state", "role"), r,
                                   strict=True)) for r in STEPS])
    line = sa.table("alert_line", sa.column("venue_id"), sa.column("daily_limit"),
                    sa.column("effective_from", sa.Date()), sa.column("created_by"),
                    sa.column("created_at", sa.DateTime(timezone=True)))
    op.bulk_insert(line, [{"venue_id": None, "daily_limit": 200,
                           "effective_from": dt.date(2026, 1, 1), "created_by": "jd_admin",
                           "created_at": dt.datetime(2026, 12, 1, tzinfo=dt.UTC)}])
    if op.get_bind().dialect.name == "postgresql":
        for statement in TRIGGERS:
            op.execute(statement)
        op.execute(ROW_SCOPE.replace("{more}", ", 'venue_warning'"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(ROW_SCOPE.replace("{more}", ""))
    op.execute(sa.text("DELETE FROM workflow_step WHERE entity_type = 'venue_warning'"))
    for table in TABLES:
        op.drop_table(table)  # its indexes and triggers with it

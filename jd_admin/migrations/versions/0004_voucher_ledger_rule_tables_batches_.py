"""voucher ledger: rule tables, batches, vouchers, violations, imports

The usage rules (claim limits and use caps, rules 3-4) and special-voucher restrictions (rule 5)
versioned by effective date, seeded with the defaults of DOMAIN.md; issuance batches with their
counts per face value; vouchers as imported (integer fen, pseudonymised citizen), their rule
violations and the imports. On PostgreSQL: grants per group role (the operator imports, the
bureau clears flags, the administrator keeps the rule tables).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 18:27:35.996998
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


SEEDED_AT = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)
EFFECTIVE = dt.date(2023, 1, 1)

PG_GRANTS = """
GRANT SELECT ON usage_rule, voucher_restriction, issuance_batch, batch_face_value TO jd_staff;
GRANT INSERT ON usage_rule, voucher_restriction TO jd_admin;
GRANT USAGE ON SEQUENCE usage_rule_id_seq, voucher_restriction_id_seq TO jd_admin;
GRANT INSERT, UPDATE ON issuance_batch, batch_face_value TO jd_bureau_staff;
GRANT USAGE ON SEQUENCE issuance_batch_id_seq, batch_face_value_id_seq TO jd_bureau_staff;
GRANT SELECT ON voucher, voucher_violation, voucher_import
  TO jd_operator, jd_bureau_staff, jd_bureau_approver, jd_admin;
GRANT INSERT, UPDATE ON voucher, voucher_import TO jd_operator;
GRANT INSERT, DELETE ON voucher_violation TO jd_operator, jd_bureau_staff;
GRANT UPDATE (cleared_by, cleared_at, clear_reason) ON voucher_violation TO jd_bureau_staff;
GRANT USAGE ON SEQUENCE voucher_id_seq, voucher_import_id_seq TO jd_operator;
CREATE TRIGGER issuance_batch_workflow BEFORE UPDATE OF status ON issuance_batch
  FOR EACH ROW EXECUTE FUNCTION jd_workflow_guard('issuance_batch');
"""


BATCH_STEPS = [("issuance_batch", "draft", "active", "bureau_staff"),
               ("issuance_batch", "active", "closed", "bureau_staff")]


def _seed() -> None:
    step = sa.table("workflow_step", sa.column("entity_type"), sa.column("from_state"),
                    sa.column("to_state"), sa.column("role"))
    op.bulk_insert(step, [dict(zip(("entity_type", "from_state", "to_state", "role"), r, strict=True))
                          for r in BATCH_STEPS])
    rule = sa.table("usage_rule", sa.column("effective_from", sa.Date), sa.column("weekly_claim_limit"),
                    sa.column("max_held"), sa.column("daily_use_cap"), sa.column("weekly_use_cap"),
                    sa.column("weekly_large_claim_limit"), sa.column("large_face_value", sa.BigInteger),
                    sa.column("validity_hours"), sa.column("created_by"),
                    sa.column("created_at", sa.DateTime(timezone=True)))
    op.bulk_insert(rule, [{
        "effective_from": EFFECTIVE, "weekly_claim_limit": 3, "max_held": 3, "daily_use_cap": 1,
        "weekly_use_cap": 3, "weekly_large_claim_limit": 1, "large_face_value": 5000,
        "validity_hours": 168, "created_by": "system", "created_at": SEEDED_AT,
    }])
    restriction = sa.table("voucher_restriction", sa.column("code"), sa.column("effective_from", sa.Date),
                           sa.column("name"), sa.column("kind"), sa.column("value"), sa.column("created_by"),
                           sa.column("created_at", sa.DateTime(timezone=True)))
    op.bulk_insert(restriction, [
        {"code": code, "effective_from": EFFECTIVE, "name": name, "kind": kind, "value": value,
         "created_by": "system", "created_at": SEEDED_AT}
        for code, name, kind, value in (
            ("SWIM", "游泳专项券", "sport", "游泳"),
            ("SENIOR", "长者专享券（60岁以上）", "group", "senior"),
            ("YOUTH", "青少年专享券", "group", "youth"),
            ("DISABLED", "助残专享券", "group", "disabled"),
        )
    ])


def upgrade() -> None:
    op.create_table('issuance_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('budget', sa.BigInteger(), nullable=False),
    sa.Column('claim_start', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claim_end', sa.DateTime(timezone=True), nullable=False),
    sa.Column('restriction_code', sa.String(length=30), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_by', sa.String(length=63), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'active', 'closed')", name=op.f('ck_issuance_batch_status')),
    sa.CheckConstraint('budget > 0', name=op.f('ck_issuance_batch_budget_positive')),
    sa.CheckConstraint('claim_end > claim_start', name=op.f('ck_issuance_batch_window_in_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issuance_batch')),
    sa.UniqueConstraint('code', name=op.f('uq_issuance_batch_code'))
    )
    op.create_table('usage_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('weekly_claim_limit', sa.Integer(), nullable=False),
    sa.Column('max_held', sa.Integer(), nullable=False),
    sa.Column('daily_use_cap', sa.Integer(), nullable=False),
    sa.Column('weekly_use_cap', sa.Integer(), nullable=False),
    sa.Column('weekly_large_claim_limit', sa.Integer(), nullable=False),
    sa.Column('large_face_value', sa.BigInteger(), nullable=False),
    sa.Column('validity_hours', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.String(length=63), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('large_face_value > 0', name=op.f('ck_usage_rule_large_face_value_positive')),
    sa.CheckConstraint('weekly_claim_limit > 0 AND max_held > 0 AND daily_use_cap > 0 AND weekly_use_cap > 0 AND weekly_large_claim_limit > 0 AND validity_hours > 0', name=op.f('ck_usage_rule_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_usage_rule')),
    sa.UniqueConstraint('effective_from', name=op.f('uq_usage_rule_effective_from'))
    )
    op.create_table('voucher_import',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('imported_by', sa.String(length=63), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('summary', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voucher_import'))
    )
    op.create_table('voucher_restriction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('value', sa.String(length=30), nullable=False),
    sa.Column('created_by', sa.String(length=63), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('sport', 'group')", name=op.f('ck_voucher_restriction_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voucher_restriction')),
    sa.UniqueConstraint('code', 'effective_from', name=op.f('uq_voucher_restriction_code_effective_from'))
    )
    op.create_table('batch_face_value',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('face_value', sa.BigInteger(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.CheckConstraint('count > 0', name=op.f('ck_batch_face_value_count_positive')),
    sa.ForeignKeyConstraint(['batch_id'], ['issuance_batch.id'], name=op.f('fk_batch_face_value_batch_id_issuance_batch'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_batch_face_value')),
    sa.UniqueConstraint('batch_id', 'face_value', name=op.f('uq_batch_face_value_batch_id_face_value'))
    )
    op.create_table('voucher',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('face_value', sa.BigInteger(), nullable=False),
    sa.Column('subsidy', sa.BigInteger(), nullable=False),
    sa.Column('concession', sa.BigInteger(), nullable=False),
    sa.Column('min_order', sa.BigInteger(), nullable=False),
    sa.Column('face_rule_from', sa.Date(), nullable=False),
    sa.Column('citizen_hash', sa.String(length=64), nullable=False),
    sa.Column('citizen_masked', sa.String(length=32), nullable=False),
    sa.Column('citizen_group', sa.String(length=20), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('redeemed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('claim_day', sa.Date(), nullable=False),
    sa.Column('claim_week', sa.Date(), nullable=False),
    sa.Column('use_day', sa.Date(), nullable=True),
    sa.Column('use_week', sa.Date(), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('venue_credit_code', sa.String(length=18), nullable=True),
    sa.Column('venue_id', sa.Integer(), nullable=True),
    sa.Column('sport', sa.String(length=20), nullable=True),
    sa.Column('order_amount', sa.BigInteger(), nullable=True),
    sa.Column('paid_amount', sa.BigInteger(), nullable=True),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('settlement_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('redeemed_at IS NULL OR redeemed_at >= claimed_at', name=op.f('ck_voucher_redeemed_after_claim')),
    sa.CheckConstraint('subsidy + concession = face_value', name=op.f('ck_voucher_split_adds_up')),
    sa.ForeignKeyConstraint(['batch_id'], ['issuance_batch.id'], name=op.f('fk_voucher_batch_id_issuance_batch')),
    sa.ForeignKeyConstraint(['import_id'], ['voucher_import.id'], name=op.f('fk_voucher_import_id_voucher_import')),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], name=op.f('fk_voucher_venue_id_venue')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voucher')),
    sa.UniqueConstraint('code', name=op.f('uq_voucher_code'))
    )
    with op.batch_alter_table('voucher', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voucher_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index('ix_voucher_citizen', ['citizen_hash', 'claimed_at'], unique=False)
        batch_op.create_index('ix_voucher_citizen_masked', ['citizen_masked'], unique=False)
        batch_op.create_index('ix_voucher_claimed', ['claimed_at', 'id'], unique=False)
        batch_op.create_index('ix_voucher_redeemed', ['redeemed_at', 'id'], unique=False)
        batch_op.create_index('ix_voucher_venue_redeemed', ['venue_id', 'redeemed_at'], unique=False)

    op.create_table('voucher_violation',
    sa.Column('voucher_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('rule_version', sa.String(length=30), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('flagged_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('cleared_by', sa.String(length=63), nullable=True),
    sa.Column('cleared_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('clear_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['voucher_id'], ['voucher.id'], name=op.f('fk_voucher_violation_voucher_id_voucher'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('voucher_id', 'code', name=op.f('pk_voucher_violation'))
    )

    _seed()
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_GRANTS)

def downgrade() -> None:
    op.execute(sa.text("DELETE FROM workflow_step WHERE entity_type = 'issuance_batch'"))
    op.drop_table('voucher_violation')
    with op.batch_alter_table('voucher', schema=None) as batch_op:
        batch_op.drop_index('ix_voucher_venue_redeemed')
        batch_op.drop_index('ix_voucher_redeemed')
        batch_op.drop_index('ix_voucher_claimed')
        batch_op.drop_index('ix_voucher_citizen_masked')
        batch_op.drop_index('ix_voucher_citizen')
        batch_op.drop_index(batch_op.f('ix_voucher_batch_id'))

    op.drop_table('voucher')
    op.drop_table('batch_face_value')
    op.drop_table('voucher_restriction')
    op.drop_table('voucher_import')
    op.drop_table('usage_rule')
    op.drop_table('issuance_batch')

"""statistics: the voucher ledger aggregated by day, distinct citizens in the caller's scope

Issue 13 (the dashboard). Both dialects: ``voucher_day_stat`` (models/statistics.py): claim rows
by claim day, lapse day, batch, face value and citizen group; use rows by use day, venue (and
its 街镇), batch, face value, citizen group, sport and settlement — counts and integer-fen sums,
no voucher and no citizen. Filled here from the ledger (services/statistics/refresh.py), kept in
step after each import, rebuilt whole by ``jd-admin statistics refresh``. Derived data: not
audited.

PostgreSQL: ``jd_statistics_citizens(...)`` counts distinct claimants and distinct citizens
redeeming over ``voucher`` (which a subdistrict user may not read) as the schema's owner, for
the caller's own 街镇 when the caller is a subdistrict user (and then no claimants: claims are
in no 街镇). Grants and row security come from the permission matrix
(``jd_admin/domain/access.py``).

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-01 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = '0030'
down_revision = '0029'
branch_labels = None
depends_on = None

CITIZENS = r"""
CREATE FUNCTION jd_statistics_citizens(p_since date, p_until date, p_subdistrict integer,
    p_venue integer, p_venue_type text, p_sport text, p_face bigint, p_group text,
    p_batch integer)
RETURNS TABLE (claimants bigint, citizens bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  -- a subdistrict user (by its account, or by its login's group; a superuser is in every
  -- group and sees all)
  own_only boolean := EXISTS (SELECT 1 FROM app_user WHERE username = session_user
                                                      AND role = 'subdistrict')
    OR (pg_has_role(session_user, 'jd_subdistrict', 'MEMBER')
        AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user));
BEGIN
  IF own_only THEN
    p_subdistrict := jd_my_subdistrict();
    IF p_subdistrict IS NULL THEN
      RAISE EXCEPTION '当前账户未设置所属街镇' USING ERRCODE = '42501';
    END IF;
  END IF;
  RETURN QUERY
  SELECT
    CASE WHEN p_subdistrict IS NULL AND p_venue IS NULL AND p_venue_type IS NULL
              AND p_sport IS NULL THEN
      (SELECT count(DISTINCT c.citizen_id) FROM voucher c
        WHERE c.claim_day BETWEEN p_since AND p_until
          AND (p_face IS NULL OR c.face_value = p_face)
          AND (p_group IS NULL OR coalesce(c.citizen_group, '') = p_group)
          AND (p_batch IS NULL OR c.batch_id = p_batch)) END,
    (SELECT count(DISTINCT u.citizen_id) FROM voucher u
      WHERE u.use_day BETWEEN p_since AND p_until
        AND (p_face IS NULL OR u.face_value = p_face)
        AND (p_group IS NULL OR coalesce(u.citizen_group, '') = p_group)
        AND (p_batch IS NULL OR u.batch_id = p_batch)
        AND (p_venue IS NULL OR u.venue_id = p_venue)
        AND (p_sport IS NULL OR u.sport = p_sport)
        AND (p_subdistrict IS NULL AND p_venue_type IS NULL
             OR u.venue_id IN (SELECT ve.id FROM venue ve
                               WHERE (p_subdistrict IS NULL OR ve.subdistrict_id = p_subdistrict)
                                 AND (p_venue_type IS NULL OR ve.venue_type = p_venue_type))));
END $$;
"""

SIGNATURE = ("jd_statistics_citizens(date, date, integer, integer, text, text, bigint, text, "
             "integer)")


def upgrade() -> None:
    op.create_table('voucher_day_stat',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('kind', sa.String(length=5), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('lapse_day', sa.Date(), nullable=True),
    sa.Column('subdistrict_id', sa.Integer(), nullable=True),
    sa.Column('venue_id', sa.Integer(), nullable=True),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('face_value', sa.BigInteger(), nullable=False),
    sa.Column('citizen_group', sa.String(length=20), nullable=True),
    sa.Column('sport', sa.String(length=20), nullable=True),
    sa.Column('settlement_id', sa.Integer(), nullable=True),
    sa.Column('vouchers', sa.Integer(), nullable=False),
    sa.Column('face_total', sa.BigInteger(), nullable=False),
    sa.Column('subsidy', sa.BigInteger(), nullable=False),
    sa.Column('order_total', sa.BigInteger(), nullable=False),
    sa.Column('citizen_paid', sa.BigInteger(), nullable=False),
    sa.Column('redeemed', sa.Integer(), nullable=False),
    sa.Column('redeemed_subsidy', sa.BigInteger(), nullable=False),
    sa.CheckConstraint("kind IN ('claim', 'use')", name=op.f('ck_voucher_day_stat_kind')),
    sa.ForeignKeyConstraint(['batch_id'], ['issuance_batch.id'],
                            name=op.f('fk_voucher_day_stat_batch_id_issuance_batch')),
    sa.ForeignKeyConstraint(['subdistrict_id'], ['subdistrict.id'],
                            name=op.f('fk_voucher_day_stat_subdistrict_id_subdistrict')),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'],
                            name=op.f('fk_voucher_day_stat_venue_id_venue')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voucher_day_stat'))
    )
    op.create_index('ix_voucher_day_stat_kind_day', 'voucher_day_stat', ['kind', 'day'])
    op.create_index('ix_voucher_day_stat_subdistrict', 'voucher_day_stat',
                    ['subdistrict_id', 'kind', 'day'])
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(CITIZENS)
    # the aggregate of the ledger as it is (the service's own set-based rebuild)
    from jd_admin.services.actor import system_actor
    from jd_admin.services.statistics import rebuild
    with Session(bind=bind) as session:
        rebuild(session, system_actor("jd_admin"), months=False)  # (0031 adds months)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION {SIGNATURE}")
    op.drop_table('voucher_day_stat')

"""statistics: the redemptions by month, the ledger's distinct citizens by day (index-only)

Issue 13 (the dashboard's refresh of a year < 1 s). Both dialects:

- ``voucher_month_stat`` (models/statistics.py): the ``use`` rows of ``voucher_day_stat``
  rolled up by calendar month, without the batch (the dashboard shows none; a batch filter
  reads the day level). The dashboard reads it for a period's whole months; kept by the same
  refresh (services/statistics/refresh.py) from the day level. Grants and row security by
  街镇 come from the permission matrix (``jd_admin/domain/access.py``), as the day level's.
- ``voucher (claim_day, citizen_id)`` and ``voucher (use_day, citizen_id)`` (PostgreSQL:
  including ``venue_id``; partial: redeemed vouchers): ``jd_statistics_citizens`` counts a
  period's distinct claimants and citizens by an index-only range scan instead of a scan of
  the ledger; the refresh of a range of days finds its vouchers by them too. The function
  plans each call for its own arguments (``plan_cache_mode = force_custom_plan``): a generic
  plan keeps every ``p_x IS NULL OR …`` filter, which reads the heap, and from the third call
  in a session was three times slower than the index-only plan.

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-01 06:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = '0031'
down_revision = '0030'
branch_labels = None
depends_on = None

CITIZENS = ("jd_statistics_citizens(date, date, integer, integer, text, text, bigint, text, "
            "integer)")


def upgrade() -> None:
    op.create_table('voucher_month_stat',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('subdistrict_id', sa.Integer(), nullable=True),
    sa.Column('venue_id', sa.Integer(), nullable=True),
    sa.Column('face_value', sa.BigInteger(), nullable=False),
    sa.Column('citizen_group', sa.String(length=20), nullable=True),
    sa.Column('sport', sa.String(length=20), nullable=True),
    sa.Column('settlement_id', sa.Integer(), nullable=True),
    sa.Column('vouchers', sa.Integer(), nullable=False),
    sa.Column('face_total', sa.BigInteger(), nullable=False),
    sa.Column('subsidy', sa.BigInteger(), nullable=False),
    sa.Column('order_total', sa.BigInteger(), nullable=False),
    sa.Column('citizen_paid', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['subdistrict_id'], ['subdistrict.id'],
                            name=op.f('fk_voucher_month_stat_subdistrict_id_subdistrict')),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'],
                            name=op.f('fk_voucher_month_stat_venue_id_venue')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voucher_month_stat'))
    )
    op.create_index('ix_voucher_month_stat_month', 'voucher_month_stat', ['month'])
    op.create_index('ix_voucher_month_stat_subdistrict', 'voucher_month_stat',
                    ['subdistrict_id', 'month'])
    op.create_index('ix_voucher_claim_day_citizen', 'voucher', ['claim_day', 'citizen_id'])
    op.create_index('ix_voucher_use_day_citizen', 'voucher', ['use_day', 'citizen_id'],
                    postgresql_include=['venue_id'],
                    postgresql_where=sa.text('use_day IS NOT NULL'),
                    sqlite_where=sa.text('use_day IS NOT NULL'))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER FUNCTION {CITIZENS} SET plan_cache_mode = force_custom_plan")
    # the month level of the day level as it is (the service's own set-based rebuild)
    from jd_admin.services.actor import system_actor
    from jd_admin.services.statistics.refresh import rebuild_months
    with Session(bind=op.get_bind()) as session:
        rebuild_months(session, system_actor("jd_admin"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER FUNCTION {CITIZENS} RESET plan_cache_mode")
    op.drop_index('ix_voucher_use_day_citizen', table_name='voucher')
    op.drop_index('ix_voucher_claim_day_citizen', table_name='voucher')
    op.drop_table('voucher_month_stat')

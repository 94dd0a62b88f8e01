"""indexes for the voucher browser's flag, unused, expired and redeemed-range filters

Both dialects (issue 10, after migration 0017):

- ``ix_voucher_id_claimed (id, claimed_at)``: a small set of vouchers (a rule's open flags,
  the unused ones) put in the default order without reading the vouchers themselves (the
  browser looks them up with ``id = ANY(ARRAY(...))``);
- ``ix_voucher_claimed_state (claimed_at, id, redeemed_at, expires_at)``: the default order
  with what decides a voucher's state, so the state filters (expired, redeemed) and the
  redeemed-date range walk the claim order without reading a voucher they skip;
- ``ix_voucher_unexpired (expires_at, claimed_at, id) WHERE redeemed_at IS NULL``: the unused
  vouchers (those claimed within the validity period), where the unused filter starts.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01 00:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

UNREDEEMED = sa.text("redeemed_at IS NULL")


def upgrade() -> None:
    op.create_index('ix_voucher_id_claimed', 'voucher', ['id', 'claimed_at'])
    op.create_index('ix_voucher_claimed_state', 'voucher',
                    ['claimed_at', 'id', 'redeemed_at', 'expires_at'])
    op.create_index('ix_voucher_unexpired', 'voucher', ['expires_at', 'claimed_at', 'id'],
                    postgresql_where=UNREDEEMED, sqlite_where=UNREDEEMED)


def downgrade() -> None:
    op.drop_index('ix_voucher_unexpired', table_name='voucher')
    op.drop_index('ix_voucher_claimed_state', table_name='voucher')
    op.drop_index('ix_voucher_id_claimed', table_name='voucher')

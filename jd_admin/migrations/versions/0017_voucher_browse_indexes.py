"""indexes for the voucher browser's filters and sorts at a million vouchers

Both dialects (issue 10): every filter and every sort of the voucher browser reads one index
range instead of walking the claim-date index or sorting the whole ledger:

- ``ix_voucher_face_value (face_value, id)``: the sort by 面值 (was a sort of every row);
- ``ix_voucher_batch_claimed (batch_id, claimed_at, id)`` and
  ``ix_voucher_venue_claimed (venue_id, claimed_at, id)``: a batch's or a venue's vouchers in
  the default order (the planner walked the claim-date index past the other batches/venues);
- ``ix_voucher_violation_open (code, voucher_id) WHERE open``: the open flags of one rule,
  which the browser's flag filter starts from (it probed every voucher's flags in claim order).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 00:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

OPEN = sa.text("cleared_at IS NULL AND withdrawn_at IS NULL")


def upgrade() -> None:
    op.create_index('ix_voucher_face_value', 'voucher', ['face_value', 'id'])
    op.create_index('ix_voucher_batch_claimed', 'voucher', ['batch_id', 'claimed_at', 'id'])
    op.create_index('ix_voucher_venue_claimed', 'voucher', ['venue_id', 'claimed_at', 'id'])
    op.create_index('ix_voucher_violation_open', 'voucher_violation', ['code', 'voucher_id'],
                    postgresql_where=OPEN, sqlite_where=OPEN)


def downgrade() -> None:
    op.drop_index('ix_voucher_violation_open', table_name='voucher_violation')
    op.drop_index('ix_voucher_venue_claimed', table_name='voucher')
    op.drop_index('ix_voucher_batch_claimed', table_name='voucher')
    op.drop_index('ix_voucher_face_value', table_name='voucher')

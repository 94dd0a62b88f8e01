"""inspection checkouts (offline recording)

Issue 11, item 4: ``inspection_checkout`` — the assignments an inspector took off the network
in a file (services/inspections/offline.py), with their versions at checkout, the file's
random token and the digest of what was written into it; open, checked in or replaced. Both
dialects; PostgreSQL: audited per row (as 0022's tables). Grants and row security (an inspector
its own checkouts, the bureau all) come from the permission matrix (jd_admin/domain/access.py).

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-01 04:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None

TRIGGERS = [
    "CREATE TRIGGER inspection_checkout_audit AFTER INSERT OR UPDATE OR DELETE "
    "ON inspection_checkout FOR EACH ROW EXECUTE FUNCTION jd_audit_row('id', '')",
    "CREATE TRIGGER inspection_checkout_audit_truncate AFTER TRUNCATE ON inspection_checkout "
    "FOR EACH STATEMENT EXECUTE FUNCTION jd_audit_statement('id', '')",
]


def upgrade() -> None:
    op.create_table('inspection_checkout',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('inspector', sa.String(length=63), nullable=False),
    sa.Column('assignments', sa.JSON(), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('created_by', sa.String(length=63), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('checked_in_by', sa.String(length=63), nullable=True),
    sa.Column('checked_in_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status <> 'checked_in' OR checked_in_at IS NOT NULL",
                       name=op.f('ck_inspection_checkout_checked_in_has_time')),
    sa.CheckConstraint("status IN ('open', 'checked_in', 'replaced')",
                       name=op.f('ck_inspection_checkout_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_checkout')),
    sa.UniqueConstraint('token', name=op.f('uq_inspection_checkout_token'))
    )
    with op.batch_alter_table('inspection_checkout', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_checkout_inspector'), ['inspector'],
                              unique=False)
    if op.get_bind().dialect.name == "postgresql":
        for statement in TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    with op.batch_alter_table('inspection_checkout', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_checkout_inspector'))
    op.drop_table('inspection_checkout')

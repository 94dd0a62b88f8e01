"""citizen pseudonyms in their own table

Each citizen's keyed HMAC pseudonym and masked form are stored once, in ``citizen``; a voucher
refers to its citizen by number. Smaller rows and integer keys make the rule checks (sorting a
million vouchers by citizen) and the ledger's indexes cheaper. The batch index goes: budget use
is one grouped scan and the browser filters a batch along its ordering indexes.

Existing vouchers are carried over (one citizen per pseudonym).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 20:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

PG_GRANTS = """
GRANT SELECT ON citizen TO jd_operator, jd_bureau_staff, jd_bureau_approver, jd_admin;
GRANT INSERT ON citizen TO jd_operator;
GRANT USAGE ON SEQUENCE citizen_id_seq TO jd_operator;
"""


def upgrade() -> None:
    op.create_table(
        'citizen',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('pseudonym', sa.String(length=64), nullable=False),
        sa.Column('masked', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_citizen')),
        sa.UniqueConstraint('pseudonym', name=op.f('uq_citizen_pseudonym')),
    )
    op.create_index(op.f('ix_citizen_masked'), 'citizen', ['masked'], unique=False)
    with op.batch_alter_table('voucher', schema=None) as batch_op:
        batch_op.add_column(sa.Column('citizen_id', sa.Integer(), nullable=True))
    op.execute(sa.text(
        "INSERT INTO citizen (pseudonym, masked) SELECT citizen_hash, MIN(citizen_masked) FROM voucher "
        "GROUP BY citizen_hash ORDER BY citizen_hash"))
    op.execute(sa.text(
        "UPDATE voucher SET citizen_id = (SELECT id FROM citizen WHERE pseudonym = voucher.citizen_hash)"))
    with op.batch_alter_table('voucher', schema=None) as batch_op:
        batch_op.drop_index('ix_voucher_citizen')
        batch_op.drop_index('ix_voucher_citizen_masked')
        batch_op.drop_index('ix_voucher_batch_id')
        batch_op.alter_column('citizen_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('citizen_masked')
        batch_op.drop_column('citizen_hash')
        batch_op.create_foreign_key(op.f('fk_voucher_citizen_id_citizen'), 'citizen', ['citizen_id'], ['id'])
        batch_op.create_index('ix_voucher_citizen', ['citizen_id', 'claimed_at'], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_GRANTS)


def downgrade() -> None:
    with op.batch_alter_table('voucher', schema=None) as batch_op:
        batch_op.add_column(sa.Column('citizen_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('citizen_masked', sa.String(length=32), nullable=True))
    op.execute(sa.text(
        "UPDATE voucher SET citizen_hash = (SELECT pseudonym FROM citizen WHERE citizen.id = voucher.citizen_id), "
        "citizen_masked = (SELECT masked FROM citizen WHERE citizen.id = voucher.citizen_id)"))
    with op.batch_alter_table('voucher', schema=None) as batch_op:
        batch_op.drop_index('ix_voucher_citizen')
        batch_op.drop_constraint(op.f('fk_voucher_citizen_id_citizen'), type_='foreignkey')
        batch_op.drop_column('citizen_id')
        batch_op.alter_column('citizen_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('citizen_masked', existing_type=sa.String(length=32), nullable=False)
        batch_op.create_index('ix_voucher_citizen', ['citizen_hash', 'claimed_at'], unique=False)
        batch_op.create_index('ix_voucher_citizen_masked', ['citizen_masked'], unique=False)
        batch_op.create_index(batch_op.f('ix_voucher_batch_id'), ['batch_id'], unique=False)
    op.drop_index(op.f('ix_citizen_masked'), table_name='citizen')
    op.drop_table('citizen')

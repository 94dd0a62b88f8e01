"""a settlement's vouchers are frozen at verification

Issue 10 (generation at the scale of a 1,000,000-voucher year). A draft no longer holds its
vouchers: generation writes the lines (one grouped read) and the vouchers left out; verification
writes the items and marks the vouchers (services/settlement/selection.py). So:

- ``settlement.by_batch`` (both dialects): the draft's subsidy per batch, so a budget is checked
  against the settled months without reading their vouchers again (filled from their items for
  the settlements made before);
- ``voucher.settlement_id`` references ``settlement`` (both dialects; SQLite rebuilds the table);
- ``jd_settlement_mark`` (PostgreSQL) only marks and releases; the check of the whole draft
  (``jd_settlement_check``) stays where it binds: the step to verified (``settlement_guard``),
  which now runs right after the marking instead of twice.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01 01:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None

MARK = """
CREATE OR REPLACE FUNCTION jd_settlement_mark(p_settlement integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE n integer;
BEGIN
  PERFORM 1 FROM settlement WHERE id = p_settlement AND status = 'draft' FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION '结算 % 不存在或已核定，不能再计入消费券', p_settlement
      USING ERRCODE = 'JD422';
  END IF;
  UPDATE voucher v SET settlement_id = NULL
   WHERE v.settlement_id = p_settlement
     AND NOT EXISTS (SELECT FROM settlement_item i WHERE i.voucher_id = v.id
                                                    AND i.settlement_id = p_settlement);
  UPDATE voucher v SET settlement_id = p_settlement
    FROM settlement_item i
   WHERE i.settlement_id = p_settlement AND i.voucher_id = v.id AND v.settlement_id IS NULL;
  GET DIAGNOSTICS n = ROW_COUNT;
  {check}
  RETURN n;
END $$;
"""


def upgrade() -> None:
    with op.batch_alter_table('settlement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('by_batch', sa.JSON(), nullable=False,
                                      server_default=sa.text("'[]'")))
    with op.batch_alter_table('voucher', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_voucher_settlement_id_settlement'),
                                    'settlement', ['settlement_id'], ['id'])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(MARK.replace("{check}", ""))
    _fill_by_batch()


def _fill_by_batch() -> None:
    """The per-batch subsidy of the settlements made before this revision, from their items
    (money is integer fen in both tables), so budgets count every settled month."""
    bind = op.get_bind()
    item = sa.table("settlement_item", sa.column("settlement_id"), sa.column("voucher_id"))
    voucher = sa.table("voucher", sa.column("id"), sa.column("batch_id"),
                       sa.column("subsidy", sa.BigInteger()))
    settlement = sa.table("settlement", sa.column("id"), sa.column("by_batch", sa.JSON()))
    sums: dict[int, list[dict[str, int]]] = {}
    for sid, batch, subsidy in bind.execute(
            sa.select(item.c.settlement_id, voucher.c.batch_id, sa.func.sum(voucher.c.subsidy))
            .join(voucher, voucher.c.id == item.c.voucher_id)
            .group_by(item.c.settlement_id, voucher.c.batch_id)
            .order_by(item.c.settlement_id, voucher.c.batch_id)):
        sums.setdefault(int(sid), []).append({"batch_id": int(batch), "subsidy": int(subsidy)})
    if not sums:
        return
    postgres = bind.dialect.name == "postgresql"
    if postgres:  # a settled month's content is frozen by its guard: this is the schema's own
        op.execute("ALTER TABLE settlement DISABLE TRIGGER settlement_guard")
    for sid, by_batch in sums.items():
        bind.execute(settlement.update().where(settlement.c.id == sid).values(by_batch=by_batch))
    if postgres:  # (the totals' deferred check runs now: a table with pending events
        # cannot be altered)
        op.execute("SET CONSTRAINTS settlement_totals IMMEDIATE")
        op.execute("ALTER TABLE settlement ENABLE TRIGGER settlement_guard")
        op.execute("SET CONSTRAINTS settlement_totals DEFERRED")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(MARK.replace("{check}", "PERFORM jd_settlement_check(p_settlement);"))
    with op.batch_alter_table('voucher', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_voucher_settlement_id_settlement'),
                                 type_='foreignkey')
    with op.batch_alter_table('settlement', schema=None) as batch_op:
        batch_op.drop_column('by_batch')

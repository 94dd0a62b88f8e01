"""the audit chain is linked once per transaction, not once per event

Issue 14 (the import's COMMIT). Migration 0012 links each audit event into the hash chain at
commit, from a deferred constraint trigger per event: each firing locked the chain's head row,
linked its one event and updated the head. The head is one row: updated N times in one
transaction it leaves N versions that only that transaction can see past, and each next
firing walked them — the COMMIT grew with the square of the events. A voucher import whose
early-warning scan raised 8,852 warnings (each with its note and its vouchers: ~26,000 events)
spent 7.9 s of its 21 s in the COMMIT, and 37 s at 150,000 rows.

Now the first firing of a transaction links every event of the transaction not yet linked, in
the order they were written (their ids, the order the per-event firings had), and updates the
head once; the later firings find their event linked and return at once. The chain's values
are the same as before (``jd_audit_hash`` of the previous hash, the sequence number and the
row as it was written): ``jd-admin audit verify`` checks old and new links alike. The lock on
the head row is taken by the first firing and held to the commit, as before, so concurrent
transactions still link one after the other.

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-01 08:00:00
"""

from __future__ import annotations

from alembic import op

revision = '0033'
down_revision = '0032'
branch_labels = None
depends_on = None

BATCH = r"""
CREATE OR REPLACE FUNCTION jd_audit_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE v_seq bigint; v_prev text; v_hash text; v_row audit_event;
BEGIN
  -- linked by an earlier firing of this transaction's commit
  IF (SELECT e.seq FROM audit_event e WHERE e.id = NEW.id) IS NOT NULL THEN RETURN NULL; END IF;
  -- the head's row lock (held to the commit) serialises the transactions' links; only this
  -- function's owner can take it (an advisory lock anyone may take, and so stall every commit)
  SELECT seq, hash INTO v_seq, v_prev FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  v_seq := coalesce(v_seq, 0);
  v_prev := coalesce(v_prev, '{GENESIS}');
  FOR v_row IN SELECT * FROM audit_event e
                WHERE e.txid = NEW.txid AND e.seq IS NULL ORDER BY e.id LOOP
    v_seq := v_seq + 1;
    v_hash := jd_audit_hash(v_prev, v_seq, v_row);
    UPDATE audit_event SET seq = v_seq, prev_hash = v_prev, hash = v_hash WHERE id = v_row.id;
    v_prev := v_hash;
  END LOOP;
  UPDATE audit_chain_head SET seq = v_seq, hash = v_prev WHERE id = 1;
  RETURN NULL;
END $$;
"""

PER_EVENT = r"""
CREATE OR REPLACE FUNCTION jd_audit_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE v_seq bigint; v_prev text; v_row audit_event;
BEGIN
  SELECT seq, hash INTO v_seq, v_prev FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  v_seq := coalesce(v_seq, 0) + 1;
  v_prev := coalesce(v_prev, '{GENESIS}');
  SELECT * INTO v_row FROM audit_event WHERE id = NEW.id;
  UPDATE audit_event SET seq = v_seq, prev_hash = v_prev,
                         hash = jd_audit_hash(v_prev, v_seq, v_row)
   WHERE id = NEW.id;
  UPDATE audit_chain_head SET seq = v_seq, hash = jd_audit_hash(v_prev, v_seq, v_row)
   WHERE id = 1;
  RETURN NULL;
END $$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(BATCH)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PER_EVENT)

"""The audit chain linked once per transaction (migration 0033): the first firing of the
deferred trigger links every event of its transaction; the chain still verifies when a
savepoint is rolled back after linking, when an event is written by a deferred trigger during
the COMMIT, and when two transactions link at once."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select, text

from jd_admin.models import AuditEvent
from jd_admin.services.audit import chain

pytestmark = pytest.mark.postgres

INSERT = "INSERT INTO citizen (pseudonym, masked) VALUES (:p, 'm')"


def _verify(pg_db) -> chain.Verification:
    with pg_db.admin_db.session() as s:
        return chain.verify(s, pg_db.system_actor)


def _citizen_events(pg_db) -> list[tuple[int | None, str | None]]:
    with pg_db.admin_db.session() as s:
        return [tuple(r) for r in s.execute(
            select(AuditEvent.seq, AuditEvent.operation)
            .where(AuditEvent.entity_type == "citizen").order_by(AuditEvent.id))]


def test_a_savepoint_rolled_back_after_linking_leaves_a_whole_chain(pg_db) -> None:
    with pg_db.admin_db.engine.connect() as conn:
        conn.execute(text(INSERT), {"p": "a"})
        conn.execute(text("SAVEPOINT s"))
        conn.execute(text(INSERT), {"p": "b"})
        # the links are made now, inside the savepoint, and then rolled back with it
        conn.execute(text("SET CONSTRAINTS audit_event_chain IMMEDIATE"))
        conn.execute(text(INSERT), {"p": "c"})
        conn.execute(text("ROLLBACK TO SAVEPOINT s"))
        conn.execute(text(INSERT), {"p": "d"})
        conn.commit()
    events = _citizen_events(pg_db)
    assert len(events) == 2 and all(seq is not None for seq, _op in events)
    result = _verify(pg_db)
    assert result.ok, result.problems


def test_an_event_written_by_a_deferred_trigger_at_commit_is_linked(pg_db) -> None:
    with pg_db.admin_db.engine.begin() as conn:
        conn.execute(text("""
CREATE FUNCTION test_late_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE citizen SET masked = masked || '!' WHERE id = NEW.id;
  RETURN NULL;
END $$"""))
        conn.execute(text(
            "CREATE CONSTRAINT TRIGGER test_late AFTER UPDATE ON citizen "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.masked NOT LIKE '%!') "
            "EXECUTE FUNCTION test_late_touch()"))
    # queued: the INSERT's link, the late trigger, the UPDATE's link; the late trigger's
    # UPDATE writes its event after the first link has linked the transaction's events
    with pg_db.admin_db.engine.begin() as conn:
        conn.execute(text(INSERT), {"p": "a"})
        conn.execute(text("UPDATE citizen SET masked = 'x' WHERE pseudonym = 'a'"))
    events = _citizen_events(pg_db)
    assert [op for _seq, op in events] == ["INSERT", "UPDATE", "UPDATE"]
    assert all(seq is not None for seq, _op in events)
    result = _verify(pg_db)
    assert result.ok, result.problems


def test_two_transactions_link_one_after_the_other(pg_db) -> None:
    engine = pg_db.admin_db.engine
    with engine.connect() as first, engine.connect() as second:
        first.execute(text(INSERT), {"p": "a1"})
        second.execute(text(INSERT), {"p": "b1"})
        first.execute(text(INSERT), {"p": "a2"})
        second.execute(text(INSERT), {"p": "b2"})
        second.commit()  # the second links first, its ids interleaved with the first's
        # the first takes the head's lock now and holds it: the next commit waits for it
        first.execute(text("SET CONSTRAINTS audit_event_chain IMMEDIATE"))
        third_done = threading.Event()

        def third() -> None:
            with engine.begin() as conn:
                conn.execute(text(INSERT), {"p": "c1"})
            third_done.set()

        thread = threading.Thread(target=third)
        thread.start()
        first.execute(text(INSERT), {"p": "a3"})  # linked at once, behind the lock
        first.commit()
        thread.join()
        assert third_done.is_set()
    events = _citizen_events(pg_db)
    assert len(events) == 6 and all(seq is not None for seq, _op in events)
    result = _verify(pg_db)
    assert result.ok, result.problems

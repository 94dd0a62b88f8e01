"""The op-runner's thread contract: writes run one at a time, reads in parallel."""

from __future__ import annotations

import threading
import time

import pytest
from gui_support import wait_ops
from PySide6.QtCore import QThreadPool
from sqlalchemy import func, select

from jd_admin.models import AuditEvent
from jd_admin.services import audit
from jd_admin.ui import ops


class Overlap:
    """Counts how many op functions run at the same moment."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now = 0
        self.most = 0

    def __enter__(self) -> None:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)

    def __exit__(self, *_exc: object) -> None:
        with self.lock:
            self.now -= 1


def test_concurrent_write_ops_on_sqlite_all_succeed(qtbot, sqlite_db, bridge) -> None:
    """Each op reads, waits, then writes. In parallel they would overlap (on SQLite a wait
    for the file's lock, "database is locked" once it is longer than the busy timeout or the
    transactions deadlock); on the writer they follow each other, in order, and all succeed."""
    database, actor = sqlite_db.admin_db, sqlite_db.system_actor
    overlap = Overlap()
    results: list[int] = []
    failures: list[BaseException] = []

    def write(number: int):
        def fn(session, _progress):
            with overlap:
                session.scalar(select(func.count()).select_from(AuditEvent))
                time.sleep(0.05)
                audit.record(session, actor, "test", number, "write")
                session.flush()
                return number
        return fn

    for n in range(8):
        ops.run_db_op(None, database, write(n), results.append, on_failure=failures.append)
    wait_ops(qtbot)
    assert failures == []
    assert sorted(results) == list(range(8))
    assert results == list(range(8))  # in the order they were started
    assert overlap.most == 1
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)
                        .where(AuditEvent.entity_type == "test")) == 8


def test_read_ops_run_in_parallel_with_each_other(qtbot, sqlite_db) -> None:
    if QThreadPool.globalInstance().maxThreadCount() < 2:
        pytest.skip("one core: Qt's global pool runs one op at a time")
    database = sqlite_db.admin_db
    overlap = Overlap()
    started = threading.Barrier(2, timeout=10)

    def read(session, _progress):
        with overlap:
            started.wait()  # both reads are running at once, or this times out
            return session.scalar(select(func.count()).select_from(AuditEvent))

    done: list[int] = []
    for _ in range(2):
        ops.run_db_op(None, database, read, done.append, read=True)
    wait_ops(qtbot)
    assert len(done) == 2 and overlap.most == 2


def test_the_writer_is_one_thread() -> None:
    assert ops.writer_pool().maxThreadCount() == 1

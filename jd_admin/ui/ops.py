"""The one op-runner: everything slow or touching the database runs here, off the GUI thread.

``run_db_op(parent, database, fn, on_success)`` runs ``fn(session, progress)`` in a worker
thread with its own session and transaction (committed when ``fn`` returns, rolled back when
it raises); ``on_success(result)`` then runs on the GUI thread. ``fn`` never touches a widget.
A progress dialog appears only when the op takes longer than ~600 ms; it can cancel ops that
check ``progress.cancelled()``.

Failures: a :class:`~jd_admin.domain.errors.UserError` is shown as a plain message; an
operational database failure is told as :func:`jd_admin.services.dberrors.classify` diagnoses
it: a lost connection or a server restart asks to reconnect, then reconnects with pauses
(:data:`RECONNECT_DELAYS_MS`, then the user decides to go on trying or to quit) and re-runs
the op (a page reloads); a cancelled statement offers to try again; a read-only database or a
full disk says what and where (no reconnect: it cannot help). Anything else goes to the crash
path.

Threads — the contract:

* An op *writes* unless it says ``read=True``. Writing ops run one at a time, in the order they
  were started, on one dedicated worker (:func:`writer_pool`, a ``QThreadPool`` of one thread):
  two write transactions never overlap, so SQLite never waits for its file lock (and never
  fails with "database is locked" when the wait outlasts the busy timeout or two transactions
  deadlock) and PostgreSQL sees no lock waits between the desktop's own ops.
* ``read=True`` is for ops that only read (page loads, lists, details): they run in parallel on
  Qt's global pool. A read op that writes after all is a bug (it may meet a writer on SQLite).
* The default is the safe one: an op that does not say is serialised with the writes.
* ``fn`` runs on a worker thread: it never touches a widget or a widget's attributes (read what
  it needs into local variables before calling ``run_op``); ``on_success`` runs on the GUI
  thread.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from jd_admin.db import Database, Session
from jd_admin.domain.errors import (
    Cancelled,
    CommitUncertain,
    DatabaseUnavailable,
    StaleRecord,
    UserError,
)
from jd_admin.services import dberrors, workflow
from jd_admin.services.dberrors import user_errors
from jd_admin.ui import crash, messages

log = logging.getLogger(__name__)
T = TypeVar("T")
PROGRESS_DELAY_MS = 600
#: The pauses before each reconnect attempt (1 s, 2 s, 5 s, then every 10 s: ~1 min in all);
#: after the last the user is asked whether to go on trying or to quit.
RECONNECT_DELAYS_MS: tuple[int, ...] = (1000, 2000, 5000, 10000, 10000, 10000, 10000, 10000)


class Progress:
    """Handed to the op: report progress, check for cancel. Thread-safe."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        self._signals.progress.emit(done, total, text)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object, object)
    progress = Signal(int, int, str)


def _done(_progress: Progress) -> None:
    return None


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], signals: _Signals,
                 progress: Progress) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.fn = fn
        self.signals = signals
        self.progress = progress

    def run(self) -> None:
        try:
            try:
                result = self.fn(self.progress)
            except BaseException as exc:
                self.signals.failed.emit(exc, sys.exc_info()[2])
            else:
                self.signals.finished.emit(result)
        except RuntimeError:
            log.info("an op finished after its receiver was deleted (window closed)")
        finally:
            # Drop the op's function (and the widgets its closure holds) here, on the worker,
            # so nothing of the GUI outlives its window through a finished job.
            self.fn = _done


_running: set[Op[Any]] = set()
_writer: QThreadPool | None = None


def writer_pool() -> QThreadPool:
    """The one worker thread that runs every writing op, one after the other."""
    global _writer
    if _writer is None:
        _writer = QThreadPool()
        _writer.setObjectName("jd_admin writer")
        _writer.setMaxThreadCount(1)
    return _writer


def wait_for_all(msecs: int = 30000) -> bool:
    """Wait until no op runs on any worker (at quit: nothing half-written is cut off)."""
    done = writer_pool().waitForDone(msecs)
    return QThreadPool.globalInstance().waitForDone(msecs) and done


def forget(database: Database) -> None:
    """Drop what waits for ``database`` (a reconnect under way): it is closed (log-out)."""
    Reconnect._running.pop(id(database), None)


def drop_pending() -> None:
    """Forget the ops of a session that ended (注销, 切换用户): their results, queued for the
    closed session's windows, are dropped, not delivered during the next login (to deleted
    widgets, or a message of the previous user's). Call after :func:`wait_for_all`."""
    for op in list(_running):
        op.dropped = True
        op._close()
    _running.clear()


def active_ops() -> int:
    """How many ops are running (tests wait for zero)."""
    return len(_running)


class Op(Generic[T]):
    def __init__(self, parent: QWidget | None, fn: Callable[[Progress], T],
                 on_success: Callable[[T], None] | None, label: str, cancellable: bool,
                 on_failure: Callable[[BaseException], None] | None,
                 database: Database | None,
                 after_failure: Callable[[BaseException], None] | None = None,
                 read: bool = False) -> None:
        self.parent = parent
        self.read = read
        self.after_failure = after_failure
        self.fn = fn
        self.on_success = on_success
        self.on_failure = on_failure
        self.label = label
        self.cancellable = cancellable
        self.database = database
        self.dialog: QProgressDialog | None = None
        #: The session it ran for ended (drop_pending): its result goes nowhere.
        self.dropped = False
        self.signals = _Signals()
        self.progress = Progress(self.signals)
        self.signals.finished.connect(self._finished)
        self.signals.failed.connect(self._failed)
        self.signals.progress.connect(self._on_progress)
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._show_dialog)

    def start(self) -> None:
        _running.add(self)
        self.timer.start(PROGRESS_DELAY_MS)
        pool = QThreadPool.globalInstance() if self.read else writer_pool()
        pool.start(_Job(self.fn, self.signals, self.progress))

    def _show_dialog(self) -> None:
        if self not in _running:
            return
        cancel_text = QCoreApplication.translate("ops", "取消") if self.cancellable else ""
        dialog = QProgressDialog(self.label, cancel_text, 0, 0, self.parent)
        dialog.setWindowTitle(QCoreApplication.translate("ops", "请稍候"))
        dialog.setMinimumDuration(0)
        if not self.cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(self.progress.cancel)
        dialog.show()
        self.dialog = dialog

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(max(total, 0))
            self.dialog.setValue(min(done, total) if total else 0)
            if text:
                self.dialog.setLabelText(text)

    def _close(self) -> None:
        self.timer.stop()
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.progress.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        _running.discard(self)

    def _finished(self, result: T) -> None:
        self._close()
        if self.dropped:
            return
        if self.on_success is not None:
            self.on_success(result)

    def _failed(self, exc: BaseException, tb: Any) -> None:
        self._close()
        if self.dropped:
            log.info("an op of an ended session failed: %s", dberrors.first_line(exc))
            return
        if isinstance(exc, Cancelled):
            pass
        elif self.on_failure is not None:
            self.on_failure(exc)
        else:
            handle_failure(self.parent, exc, tb, retry=self._retry if self.database else None,
                           database=self.database)
        if self.after_failure is not None:  # e.g. a page resetting its state, cancel included
            self.after_failure(exc)

    def _retry(self) -> None:
        Op(self.parent, self.fn, self.on_success, self.label, self.cancellable, self.on_failure,
           self.database, self.after_failure, self.read).start()


class Reconnect:
    """Reconnects ``database`` with pauses (:data:`RECONNECT_DELAYS_MS`), then runs what was
    waiting for it (the failed ops, again). One at a time per database: an op failing while
    it runs just waits for it too."""

    _running: ClassVar[dict[int, Reconnect]] = {}

    def __init__(self, parent: QWidget | None, database: Database) -> None:
        self.parent = parent
        self.database = database
        self.waiting: list[Callable[[], None]] = []
        #: attempts made so far (tests watch it)
        self.attempts = 0
        self._round = 0

    @classmethod
    def under_way(cls, database: Database) -> Reconnect | None:
        return cls._running.get(id(database))

    @classmethod
    def start(cls, parent: QWidget | None, database: Database,
              then: Callable[[], None]) -> Reconnect:
        reconnect = cls._running.get(id(database))
        if reconnect is None:
            reconnect = cls(parent, database)
            cls._running[id(database)] = reconnect
            database.dispose()  # the pool's connections are dead: start from fresh ones
            reconnect._schedule()
        reconnect.waiting.append(then)
        return reconnect

    def _schedule(self) -> None:
        if self._round >= len(RECONNECT_DELAYS_MS):
            text = QCoreApplication.translate(
                "ops", "已尝试重新连接 {n} 次，数据库仍然无法连接。\n"
                       "继续尝试吗？选“否”将关闭程序（未保存的输入会丢失）。").format(
                n=self.attempts)
            if not messages.ask(self.parent, text):
                Reconnect._running.pop(id(self.database), None)
                log.warning("database unreachable after %d attempts: the user quits",
                            self.attempts)
                QApplication.closeAllWindows()
                return
            self._round = 0
        delay = RECONNECT_DELAYS_MS[self._round]
        self._round += 1
        QTimer.singleShot(delay, self._attempt)

    def _attempt(self) -> None:
        self.attempts += 1
        database = self.database

        def ping(_progress: Progress) -> None:
            with database.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")

        label = QCoreApplication.translate("ops", "正在重新连接数据库（第 {n} 次）…").format(
            n=self.attempts)
        run_op(self.parent, ping, self._connected, label=label, on_failure=self._failed,
               read=True)

    def _failed(self, exc: BaseException) -> None:
        log.info("reconnect attempt %d failed: %s", self.attempts, dberrors.first_line(exc))
        self.database.dispose()
        self._schedule()

    def _connected(self, _result: None) -> None:
        log.warning("database reconnected after %d attempt(s)", self.attempts)
        Reconnect._running.pop(id(self.database), None)
        for then in self.waiting:
            then()


def handle_failure(parent: QWidget | None, exc: BaseException, tb: Any,
                   retry: Callable[[], None] | None = None,
                   database: Database | None = None) -> None:
    """The one place that turns an op's exception into what the user sees. ``retry`` re-runs
    the op, on ``database`` (reconnected first when the connection was lost)."""
    if isinstance(exc, UserError) and not isinstance(exc, DatabaseUnavailable):
        messages.warning(parent, str(exc))
        return
    where = database.target.display() if database is not None else ""
    diagnosis = dberrors.classify(exc, where)
    if diagnosis is None:
        crash.report_exception(type(exc), exc, tb)
        return
    # (the first line only: the statement's parameters, a password's verifier say, stay out)
    log.warning("database failure (%s): %s", diagnosis.failure.value,
                dberrors.first_line(exc))
    text = str(diagnosis.message)
    if diagnosis.failure.reconnect and retry is not None and database is not None:
        if Reconnect.under_way(database) is not None:  # asked already: wait for it too
            Reconnect.start(parent, database, retry)
            return
        again = QCoreApplication.translate(
            "ops", "现在重新连接吗？（程序会隔几秒尝试一次，连上后重做刚才的操作）")
        if messages.ask(parent, text + "\n\n" + again):
            Reconnect.start(parent, database, retry)
    elif diagnosis.failure.retry and retry is not None:
        if messages.ask(parent, text + "\n\n" + QCoreApplication.translate("ops", "现在重试吗？")):
            retry()
    elif diagnosis.failure.reconnect or diagnosis.failure.retry:
        messages.warning(parent, text)
    else:  # read-only, disk full: not the connection
        messages.error(parent, text)


def run_op(parent: QWidget | None, fn: Callable[[Progress], T],
           on_success: Callable[[T], None] | None = None, *, label: str = "",
           cancellable: bool = False, on_failure: Callable[[BaseException], None] | None = None,
           database: Database | None = None,
           after_failure: Callable[[BaseException], None] | None = None,
           read: bool = False) -> Op[T]:
    """``on_failure`` replaces the standard handling of a failure; ``after_failure`` runs
    after it (and after a cancel), for a page to reset its own state. ``read=True``: the op
    only reads and may run in parallel with others (see the module's contract)."""
    op = Op(parent, fn, on_success, label or QCoreApplication.translate("ops", "正在处理…"),
            cancellable, on_failure, database, after_failure, read)
    op.start()
    return op


def run_db_op(parent: QWidget | None, database: Database,
              fn: Callable[[Session, Progress], T],
              on_success: Callable[[T], None] | None = None, **kwargs: Any) -> Op[T]:
    """Run ``fn(session, progress)`` in one transaction on a worker thread (the writer unless
    ``read=True`` is passed)."""

    def job(progress: Progress) -> T:
        # A refusal by the database itself (grant, row-level security, trigger, a concurrent
        # save) becomes a plain message like a service's own, at the flush or at the commit.
        committing = False
        opened: list[Session] = []
        try:
            with user_errors(), database.session() as s, s.begin():
                opened.append(s)
                result = fn(s, progress)
                s.flush()
                committing = True
        except StaleRecord as exc:
            if workflow.lost_race(exc) and opened:
                # another desk saved between the service's version check and this write
                with database.session() as fresh:
                    explained = workflow.stale_after_flush(opened[0], fresh)
                if explained is not None:
                    raise explained from exc
            raise
        except Exception as exc:
            diagnosis = dberrors.classify(exc) if committing else None
            if diagnosis is not None and diagnosis.failure.reconnect:
                # Cut off during the COMMIT: the server may have committed or not. Not
                # "nothing changed", and not re-run blindly: the user looks first.
                raise CommitUncertain(dberrors.commit_uncertain()) from exc
            raise
        return result

    return run_op(parent, job, on_success, database=database, **kwargs)

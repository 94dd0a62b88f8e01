"""The one op-runner: everything slow or touching the database runs here, off the GUI thread.

``run_db_op(parent, database, fn, on_success)`` runs ``fn(session, progress)`` in a worker
thread with its own session and transaction (committed when ``fn`` returns, rolled back when
it raises); ``on_success(result)`` then runs on the GUI thread. ``fn`` never touches a widget.
A progress dialog appears only when the op takes longer than ~600 ms; it can cancel ops that
check ``progress.cancelled()``.

Failures: a :class:`~jd_admin.domain.errors.UserError` is shown as a plain message; a lost database
connection asks to reconnect and re-runs the op; anything else goes to the crash path.

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
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from jd_admin.db import Database, Session
from jd_admin.domain.errors import Cancelled, DatabaseUnavailable, UserError
from jd_admin.services import dberrors
from jd_admin.services.dberrors import user_errors
from jd_admin.ui import crash, messages

log = logging.getLogger(__name__)
T = TypeVar("T")
PROGRESS_DELAY_MS = 600


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
        if self.on_success is not None:
            self.on_success(result)

    def _failed(self, exc: BaseException, tb: Any) -> None:
        self._close()
        if isinstance(exc, Cancelled):
            pass
        elif self.on_failure is not None:
            self.on_failure(exc)
        else:
            handle_failure(self.parent, exc, tb, retry=self._retry if self.database else None)
        if self.after_failure is not None:  # e.g. a page resetting its state, cancel included
            self.after_failure(exc)

    def _retry(self) -> None:
        if self.database is not None:
            self.database.dispose()
        Op(self.parent, self.fn, self.on_success, self.label, self.cancellable, self.on_failure,
           self.database, self.after_failure, self.read).start()


def handle_failure(parent: QWidget | None, exc: BaseException, tb: Any,
                   retry: Callable[[], None] | None = None) -> None:
    """The one place that turns an op's exception into what the user sees."""
    if isinstance(exc, UserError) and not isinstance(exc, DatabaseUnavailable):
        messages.warning(parent, str(exc))
        return
    if dberrors.is_connection_lost(exc):
        log.warning("database connection lost: %s", exc)
        text = QCoreApplication.translate(
            "ops", "与数据库的连接已中断，刚才的操作没有完成，数据未改动。\n"
                   "请检查网络或数据库服务器后重新连接。"
        )
        if retry is not None:
            again = QCoreApplication.translate("ops", "现在重新连接吗？")
            if messages.ask(parent, text + "\n\n" + again):
                retry()
        else:
            messages.error(parent, text)
        return
    crash.report_exception(type(exc), exc, tb)


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
        with user_errors(), database.session() as s, s.begin():
            result = fn(s, progress)
            s.flush()
            return result

    return run_op(parent, job, on_success, database=database, **kwargs)

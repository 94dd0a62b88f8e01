"""``jd-admin-gui --self-check``: start the program the way a user does, without a user.

Made for the desktop bundle (``make bundle-check``, and the bureau's IT after installing it):
it proves that the executable finds everything it carries — the Qt platform and image plugins,
the font, both translations (the ``.qm`` and the ``.po`` catalogs), the migrations, ReportLab,
QtCharts, QtPdf for the PDF preview — and that a person can log in and see the main window.

What it does, each step printed on one line ("ok …" or "FAILED …"):

1. the data directory is ``$JD_ADMIN_DATA_DIR`` if set (a throw-away directory of the caller),
   else a new temporary directory; the check never opens the configured database: its SQLite
   file ``self-check.sqlite3`` must not exist yet;
2. the application starts as usual (font, language, crash handler) and shows the login dialog
   (its time is the start-up time a user sees on an up-to-date database), then the bundled
   resources are checked;
3. the migrations create the schema, the first administrator is created and logs in through
   the same services as the dialogs (``users.create_first_admin``, ``login.login``);
4. the main window is shown and every page of the navigation opened, its data loaded;
5. the window is closed and the program exits with status 0 (1 on any failure; a dialog
   opened by an error, or more than ``TIMEOUT_S`` seconds, count as failures).

The lines go to stdout when there is one (not in the windowed Windows executable), always to
``self-check.txt`` and to the log in the data directory. The temporary directory is removed
after a successful check and kept (its path printed) after a failed one.
"""

from __future__ import annotations

import os
import platform
import secrets
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from jd_admin import config

TIMEOUT_S = 120
USERNAME = "selfcheck"
REPORT_FILE = "self-check.txt"


class _Failed(Exception):
    pass


def process_age() -> float | None:
    """Seconds since this process was created (Linux, Windows), None elsewhere: the start-up
    time includes the interpreter's start and the imports, not only what ``main`` does."""
    try:
        if sys.platform.startswith("linux"):
            ticks = os.sysconf("SC_CLK_TCK")
            stat = Path("/proc/self/stat").read_text()
            start = int(stat[stat.rindex(")") + 2:].split()[19]) / ticks
            return float(Path("/proc/uptime").read_text().split()[0]) - start
        if sys.platform == "win32":
            import ctypes
            from ctypes import wintypes

            created, exited, kernel, user = (wintypes.FILETIME() for _ in range(4))
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            if not kernel32.GetProcessTimes(kernel32.GetCurrentProcess(), ctypes.byref(created),
                                            ctypes.byref(exited), ctypes.byref(kernel),
                                            ctypes.byref(user)):
                return None
            now = wintypes.FILETIME()
            kernel32.GetSystemTimePreciseAsFileTime(ctypes.byref(now))

            def ticks_of(t: Any) -> int:
                return (int(t.dwHighDateTime) << 32) | int(t.dwLowDateTime)

            return (ticks_of(now) - ticks_of(created)) / 1e7  # FILETIME: 100 ns units
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return None


class Report:
    """The lines of the check, with the seconds since the process started (since ``main``
    where the system does not tell)."""

    def __init__(self, directory: Path, started: float) -> None:
        age = process_age()
        self.started = time.perf_counter() - age if age is not None else started
        self.file: IO[str] = (directory / REPORT_FILE).open("w", encoding="utf-8")
        self.failed = False

    def line(self, text: str) -> None:
        stamped = f"[{time.perf_counter() - self.started:6.2f}s] {text}"
        for stream in (sys.stdout, self.file):
            if stream is not None:
                print(stamped, file=stream, flush=True)
        import logging

        logging.getLogger(__name__).info("self-check: %s", text)

    def ok(self, what: str) -> None:
        self.line(f"ok      {what}")

    def fail(self, what: str) -> None:
        self.failed = True
        self.line(f"FAILED  {what}")

    def close(self) -> None:
        self.file.close()


def prepare_data_dir() -> tuple[Path, bool]:
    """(the data directory, whether it is ours to remove). Sets ``$JD_ADMIN_DATA_DIR``."""
    given = os.environ.get(config.ENV_DATA_DIR)
    if given:
        path = Path(given)
        path.mkdir(parents=True, exist_ok=True)
        return path, False
    path = Path(tempfile.mkdtemp(prefix="jd_admin-self-check-"))
    os.environ[config.ENV_DATA_DIR] = str(path)
    return path, True


def run(argv0: str, qt_args: list[str], started: float) -> int:
    """The whole check (see the module docstring); returns the exit status."""
    data, ours = prepare_data_dir()
    os.environ.pop(config.ENV_DATABASE_URL, None)  # never the configured database
    from jd_admin.logsetup import configure_file_logging

    configure_file_logging()
    report = Report(data, started)
    status = 1
    try:
        status = _check(report, data, argv0, qt_args)
    except _Failed:
        pass
    except BaseException:
        report.fail("unexpected error:\n" + traceback.format_exc())
    finally:
        report.line("self-check " + ("passed" if status == 0 else f"FAILED (data kept in {data})"))
        report.close()
    if status == 0 and ours:
        shutil.rmtree(data, ignore_errors=True)
    return status


def _step(report: Report, what: str, fn: Callable[[], Any],
          describe: Callable[[Any], str] = str) -> Any:
    """Run one step: "ok what: description" or "FAILED what: error" and stop the check."""
    try:
        result = fn()
    except BaseException as exc:
        report.fail(f"{what}: {type(exc).__name__}: {exc}")
        report.line(traceback.format_exc())
        raise _Failed from exc
    description = describe(result) if result is not None else ""
    report.ok(f"{what}: {description}" if description else what)
    return result


def _check(report: Report, data: Path, argv0: str, qt_args: list[str]) -> int:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSize, QTimer, QTranslator
    from PySide6.QtGui import QImageReader
    from PySide6.QtWidgets import QApplication

    from jd_admin import __version__, db
    from jd_admin import i18n as texts
    from jd_admin import login as login_op
    from jd_admin.config import DatabaseTarget, normalise_url
    from jd_admin.resources import resources_root
    from jd_admin.services.accounts import users
    from jd_admin.services.actor import system_actor
    from jd_admin.ui import ops
    from jd_admin.ui.app import create_application
    from jd_admin.ui.i18n import translations_dir

    frozen = "bundle" if getattr(sys, "frozen", False) else "source"
    report.ok(f"jd_admin {__version__} ({frozen}), Python {platform.python_version()}, "
              f"PySide6 {pyside_version}, {platform.platform()}")
    report.ok(f"data directory {data}")
    database_file = data / "self-check.sqlite3"
    if database_file.exists():
        report.fail(f"{database_file} exists already: the self-check needs a fresh directory")
        return 1

    app = _step(report, "application started (font, language)",
                lambda: create_application([argv0, *qt_args]), lambda _app: "")
    assert isinstance(app, QApplication)
    _watch(report, app)
    target = DatabaseTarget(normalise_url(f"sqlite:///{database_file}"))
    from jd_admin.ui.login import LoginDialog

    def login_dialog() -> str:
        dialog = LoginDialog(target)
        dialog.show()
        _settle(app)
        shown = dialog.isVisible()
        dialog.close()
        dialog.deleteLater()
        if not shown:
            raise RuntimeError("the login dialog is not visible")
        return "shown"

    # first, as in a normal start on an up-to-date database: the time to the login dialog
    _step(report, "login dialog", login_dialog)
    report.ok(f"Qt platform plugin {app.platformName()!r}; Qt plugins in "
              f"{QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)}")
    report.ok(f"font family {app.font().family()!r}; resources in {resources_root()}")

    def image_formats() -> str:
        formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
        missing = {"png", "jpg", "jpeg", "bmp", "gif", "ico"} - formats
        if missing:
            raise RuntimeError(f"no image plugin for {sorted(missing)}; have {sorted(formats)}")
        return ", ".join(sorted(formats))

    _step(report, "Qt image formats", image_formats)

    def english_interface() -> str:
        translator = QTranslator()
        qm = translations_dir() / "jd_admin_en.qm"
        if not translator.load(str(qm)) or translator.isEmpty():
            raise RuntimeError(f"cannot load {qm}")
        return str(qm.name)

    _step(report, "English interface translation", english_interface)

    def english_catalogs() -> str:
        catalog = texts.load_catalog("en")
        if not catalog:
            raise RuntimeError(f"no .po catalog in {texts.catalog_dir('en')}")
        return f"{len(catalog)} texts"

    _step(report, "English service-text catalogs", english_catalogs)

    def pdf_with_font() -> str:
        from reportlab.pdfgen.canvas import Canvas

        from jd_admin.reports.fonts import register_fonts

        family = register_fonts()
        path = data / "self-check.pdf"
        canvas = Canvas(str(path))
        canvas.setFont(family, 12)
        canvas.drawString(72, 720, "嘉定区体育消费券管理系统")
        canvas.save()
        return f"{path.name}, {path.stat().st_size} bytes"

    _step(report, "ReportLab PDF with the bundled font", pdf_with_font)

    def charts() -> str:
        from PySide6.QtCharts import QChart

        QChart()
        return "QtCharts"

    _step(report, "charts module", charts)

    def pdf_preview() -> str:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView
        from PySide6.QtPrintSupport import QPrinter

        document = QPdfDocument()
        document.load(str(data / "self-check.pdf"))
        if document.status() != QPdfDocument.Status.Ready:
            raise RuntimeError(f"QtPdf cannot read self-check.pdf: {document.error()}")
        image = document.render(0, QSize(200, 283))
        QPdfView().setDocument(document)
        QPrinter()
        return f"QtPdf: {document.pageCount()} page rendered {image.width()}x{image.height()}"

    _step(report, "PDF preview (QtPdf, print support)", pdf_preview)

    password = "Aa1!" + secrets.token_urlsafe(12)  # a throw-away account on a throw-away file

    def migrate() -> str:
        database = db.Database.open(target)
        try:
            db.upgrade(database.engine)
            revision = db.current_revision(database.engine)
            if revision != db.head_revision():
                raise RuntimeError(f"at {revision}, head is {db.head_revision()}")
            return f"schema at revision {revision}"
        finally:
            database.dispose()

    def first_admin() -> str:
        database = db.Database.open(target)
        try:
            with database.session() as s, s.begin():
                users.create_first_admin(s, system_actor("self-check"), USERNAME,
                                         "Self check", password)
            return repr(USERNAME)
        finally:
            database.dispose()

    _step(report, "migrations", migrate)
    _step(report, "first administrator created", first_admin)

    outcome = _step(report, f"login as {USERNAME!r}",
                    lambda: login_op.login(target, USERNAME, password),
                    lambda outcome: f"role {outcome.actor.role.value}")

    from jd_admin.ui.main_window import MainWindow

    def main_window() -> Any:
        window = MainWindow(outcome.database, outcome.actor)
        window.show()
        _settle(app)
        if not window.isVisible():
            raise RuntimeError("the main window is not visible")
        return window

    window = _step(report, "main window shown", main_window,
                   lambda w: f"{w.windowTitle()!r}, {w.nav.count()} pages")

    def visit_pages() -> str:
        names = []
        for row in range(window.nav.count()):
            window.nav.setCurrentRow(row)
            _settle(app)
            names.append(window.nav.item(row).text())
        return "; ".join(names)

    _step(report, "every page opened and loaded", visit_pages)

    def close() -> str:
        QTimer.singleShot(0, window.close)
        QTimer.singleShot(0, app.quit)
        app.exec()
        ops.wait_for_all()
        outcome.database.dispose()
        return ""

    _step(report, "main window closed", close)
    QCoreApplication.processEvents()
    return 1 if report.failed else 0


def _settle(app: Any) -> None:
    """Process events until no op runs (the pages load their data in worker threads)."""
    from jd_admin.ui import ops

    deadline = time.monotonic() + TIMEOUT_S
    while True:
        app.processEvents()
        if ops.active_ops() == 0:
            app.processEvents()
            if ops.active_ops() == 0:
                return
        if time.monotonic() > deadline:
            raise TimeoutError(f"still {ops.active_ops()} ops running after {TIMEOUT_S} s")
        time.sleep(0.01)


def _watch(report: Report, app: Any) -> None:
    """Fail at once on a modal dialog (an error message, the crash dialog) or an uncaught
    exception, and after ``TIMEOUT_S`` seconds: nobody is there to click."""
    from PySide6.QtCore import QTimer

    def fail(text: str) -> None:
        report.fail(text)
        report.line("self-check FAILED")
        report.close()
        os._exit(1)

    def excepthook(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
        fail("uncaught exception:\n" + "".join(traceback.format_exception(kind, exc, tb)))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = excepthook
    threading.excepthook = thread_hook

    def look() -> None:
        modal = app.activeModalWidget()
        if modal is not None:
            text = getattr(modal, "text", lambda: "")()
            fail(f"a dialog opened: {modal.objectName() or type(modal).__name__} "
                 f"{modal.windowTitle()!r} {text!r}")

    timer = QTimer(app)
    timer.timeout.connect(look)
    timer.start(100)
    deadline = threading.Timer(TIMEOUT_S, lambda: fail(f"no result after {TIMEOUT_S} s"))
    deadline.daemon = True
    deadline.start()

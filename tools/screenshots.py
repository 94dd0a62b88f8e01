"""Screenshots of the real windows on the demo district, for looking at what we build.

Run under Xvfb (``make screenshots``, or by hand:
``xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py OUTDIR``).
Uses a throw-away data directory and SQLite file; grabs the X screen (not a widget render),
so what is saved is what the X server shows.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ["JD_ADMIN_DATA_DIR"] = tempfile.mkdtemp(prefix="jd_admin_shots_")
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy.engine import make_url

from jd_admin import db
from jd_admin.config import DatabaseTarget
from jd_admin.login import login
from jd_admin.services.actor import system_actor
from jd_admin.services.demo import district as demo
from jd_admin.services.navigation import Page
from jd_admin.ui import i18n, ops
from jd_admin.ui.app import create_application
from jd_admin.ui.login import ChangePasswordDialog, FirstAdminDialog, LoginDialog
from jd_admin.ui.main_window import MainWindow


def settle(ms: int = 500) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    while ops.active_ops():
        QTimer.singleShot(50, loop.quit)
        loop.exec()


def shoot(widget: QWidget, path: Path) -> None:
    widget.raise_()
    widget.activateWindow()
    settle()
    screen = QApplication.primaryScreen()
    frame = widget.frameGeometry()
    screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height()).save(str(path))
    print(path)


def open_main_window(target: DatabaseTarget, username: str, password: str) -> MainWindow:
    outcome = login(target, username, password)
    assert outcome.actor is not None
    window = MainWindow(outcome.database, outcome.actor)
    window.resize(1300, 740)
    window.move(20, 10)
    window.show()
    return window


def main(out: str) -> int:
    outdir = Path(out)
    outdir.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv[:1])
    language = os.environ.get("JD_ADMIN_SHOT_LANGUAGE", "zh_CN")
    i18n.install(app, language)
    suffix = "" if language == "zh_CN" else f"-{language}"

    work = Path(os.environ["JD_ADMIN_DATA_DIR"])
    empty = DatabaseTarget(make_url(f"sqlite:///{work / 'empty.sqlite3'}"))
    engine = db.make_engine(empty.url)
    db.upgrade(engine)
    first = FirstAdminDialog(db.Database(empty, engine), system_actor("setup"))
    first.full_name.setText("王喆")
    first.show()
    shoot(first, outdir / f"first-admin{suffix}.png")
    first.close()

    target = DatabaseTarget(make_url(f"sqlite:///{work / 'demo.sqlite3'}"))
    database = db.Database(target, db.make_engine(target.url))
    db.upgrade(database.engine)
    with database.session() as s, s.begin():
        loaded = demo.load_demo_district(s, system_actor("setup"), vouchers=3000)
        logins = {x.username: x.password for x in loaded.new_logins}
    database.dispose()

    dialog = LoginDialog(target)
    dialog.username.setText("admin")
    dialog.password.setText(logins["admin"])
    dialog.show()
    shoot(dialog, outdir / f"login{suffix}.png")
    dialog.password.setText("Wrong#Pass1")
    dialog.try_login()
    settle(800)
    shoot(dialog, outdir / f"login-wrong-password{suffix}.png")
    dialog.close()

    window = open_main_window(target, "admin", logins["admin"])
    shoot(window, outdir / f"main-tasks{suffix}.png")
    for page in (Page.RECRUITMENT, Page.VENUES, Page.AGREEMENTS, Page.VOUCHERS, Page.ADMIN,
                 Page.AUDIT, Page.SETTLEMENT):
        window.open_page(page.value)
        shoot(window, outdir / f"main-{page.value}{suffix}.png")
    change = ChangePasswordDialog(window.database, window.actor, required=True, parent=window)
    change.new.setText("weak")
    change.confirm.setText("weak")
    change.change()
    change.show()
    shoot(change, outdir / f"change-password{suffix}.png")
    change.close()
    window.close()

    window = open_main_window(target, "jd04", logins["jd04"])
    window.open_page(Page.VENUES.value)
    shoot(window, outdir / f"main-venues-subdistrict{suffix}.png")
    window.open_page(Page.AUDIT.value)
    shoot(window, outdir / f"main-audit-subdistrict{suffix}.png")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))

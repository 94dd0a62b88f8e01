"""The English interface shows no Chinese except data.

Every role's demo user opens every page of the main window in English; every text a person can
read there (labels, buttons, tabs, headers, list and combo items, table cells, the status bar)
is collected. Chinese that is data (a venue's or a subdistrict's name, a comment someone typed)
is taken out; whatever Chinese remains is a label or message that the English interface failed
to translate.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from gui_support import wait_ops
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)
from sqlalchemy import JSON, String, Text, select

from jd_admin.models import Base
from jd_admin.services import clock, settlement
from jd_admin.services.actor import actor_for_username
from jd_admin.ui import i18n, labels
from jd_admin.ui.main_window import MainWindow

CJK = re.compile(r"[\u3400-\u9fff]")  # Chinese characters (punctuation between data may stay)
#: The Chinese list joiner between two English words (English lists are joined by ", ").
JOINED_ENGLISH = re.compile(r"[A-Za-z0-9.)]\s*、\s*[A-Za-z(]")
#: The language chooser names each language in itself.
ENDONYMS = ("简体中文",)
#: Columns whose stored Chinese is not data but a label (history verbs), so it must not be
#: taken out as data.
LABEL_COLUMNS = {("audit_event", "action"), ("audit_event", "from_state"),
                 ("audit_event", "to_state")}
ROWS_LOOKED_AT = 40


def _data_strings(test_db) -> list[str]:
    """Every Chinese string stored in the database, longest first."""
    found: set[str] = set()
    with test_db.admin_db.session() as s:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, (String, Text, JSON))
                       and (table.name, c.name) not in LABEL_COLUMNS]
            for column in columns:
                for value in s.scalars(select(column).where(column.is_not(None))):
                    values = value if isinstance(value, list) else [value]
                    for v in values:
                        if isinstance(v, str) and CJK.search(v):
                            found.add(v)
                            found.update(p for p in re.split(r"[\s、，,;；:：]+", v) if p)
    return sorted(found, key=len, reverse=True)


def _texts(widget: QWidget) -> list[str]:
    out: list[str] = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if not w.isVisibleTo(widget) and w is not widget:
            continue
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append(w.text())
        elif isinstance(w, QGroupBox):
            out.append(w.title())
        elif isinstance(w, QLineEdit):
            out.append(w.placeholderText())
        elif isinstance(w, QComboBox):
            out.extend(w.itemText(i) for i in range(w.count()))
        elif isinstance(w, QTabWidget):
            out.extend(w.tabText(i) for i in range(w.count()))
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model keeps columnCount private: one column
                columns = 1
            for c in range(columns):
                out.append(str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
            for r in range(min(model.rowCount(QModelIndex()), ROWS_LOOKED_AT)):
                for c in range(max(columns, 1)):
                    value = model.data(model.index(r, c))
                    if isinstance(value, str):
                        out.append(value)
        out.append(w.toolTip())
    return [t for t in out if t]


def _untranslated(texts: list[str], data: list[str]) -> set[str]:
    left: set[str] = set()
    for t in texts:
        rest = t
        for value in (*data, *ENDONYMS):
            if value in rest:
                rest = rest.replace(value, "")
        if CJK.search(rest) or JOINED_ENGLISH.search(t):
            left.add(t)
    return left


def _every_tab(qtbot, window: QWidget) -> list[str]:
    """The texts of the current page with each tab of its tab widgets shown in turn (a tab
    not shown is not looked at by _texts)."""
    out = _texts(window)
    for tabs in window.findChildren(QTabWidget):
        if not tabs.isVisibleTo(window):
            continue
        current = tabs.currentIndex()
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            wait_ops(qtbot)
            out += _texts(tabs.widget(i))
        tabs.setCurrentIndex(current)
    return out


@pytest.fixture
def english(qapp):
    i18n.install(qapp, "en")
    yield
    i18n.install(qapp, "zh_CN")


def test_english_interface_has_no_chinese_but_data(qtbot, sqlite_demo_db, english) -> None:
    sqlite_db = sqlite_demo_db  # the demo district
    logins = sqlite_db.seed.new_logins
    with sqlite_db.admin_db.session() as s, s.begin():  # a month on the settlement page
        last = clock.today().replace(day=1) - dt.timedelta(days=1)
        settlement.generate(s, actor_for_username(s, "bureau1"), last.replace(day=1))
    data = _data_strings(sqlite_db)
    assert QCoreApplication.translate("navigation", "待办") == "My tasks"  # English is installed
    assert labels.join(["Open", "Closed"]) == "Open, Closed"  # the one list joiner
    found: dict[str, set[str]] = {}
    roles_seen = set()
    for login in logins:
        if login.role in roles_seen:
            continue
        roles_seen.add(login.role)
        database = sqlite_db.open_as(login.username, login.password)
        window = MainWindow(database, sqlite_db.actor(login.username))
        qtbot.addWidget(window)
        window.show()
        wait_ops(qtbot)
        for page in list(window.pages):
            window.open_page(page.value)
            wait_ops(qtbot)
            left = _untranslated(_every_tab(qtbot, window), data)
            if left:
                found[f"{login.role}/{page.value}"] = left
        window.close()
    assert len(roles_seen) == 6
    assert not found, "untranslated:\n" + "\n".join(f"{k}: {sorted(v)}" for k, v in found.items())

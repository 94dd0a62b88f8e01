"""One keyboard map for the list pages, and the helper that puts a key on a button.

The map (README, "Keyboard"): Tab / Shift+Tab leave a table (``tables.make_table``); Return or
Enter on a row opens it like a double-click (``RowsView.opened``); Ctrl+F puts the cursor in
the page's search or first filter (``BasePage.focus_search``, the main window's 查找); F5
refreshes the page (the main window's 刷新); on the pages' buttons Ctrl+N makes a new record
(新建 / 登记), Ctrl+E exports, Ctrl+P prints. A key is shown in the button's tooltip, so the
map can be learnt by hovering.

In a dialog's table that is typed into (``tables.EditableTable``: a form's sports and coaches),
Tab / Shift+Tab go from cell to cell — typing or F2 edits a cell, Tab commits it and opens the
next — and Tab on the last cell (Shift+Tab on the first) leaves the table for the next widget
(its 添加 / 删除, the dialog's buttons), so it never traps the focus. A cell chosen from a list
(``tables.ChoiceDelegate``) opens its list with F2 or a typed key; the arrow keys choose.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton

# The map, as portable key names (a QKeySequence is made when a key is bound: it needs the
# application object, which does not exist yet when the modules are imported).
NEW = "Ctrl+N"
EXPORT = "Ctrl+E"
PRINT = "Ctrl+P"
REFRESH = "F5"
FIND = "Ctrl+F"
OPEN = "Return"
#: The main window's 账户 menu: 注销 and 切换用户.
LOG_OUT = "Ctrl+Shift+L"
SWITCH_USER = "Ctrl+Shift+U"


def key_text(key: str) -> str:
    """The key as the user's platform writes it."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def with_key(text: str, key: str) -> str:
    """``text`` followed by the key that does it: 新建（Ctrl+N）."""
    return QCoreApplication.translate("keys", "{text}（{key}）").format(
        text=text, key=key_text(key))


def hint(target: QAbstractButton | QAction, key: str) -> None:
    """Name ``key`` in ``target``'s tooltip (its own tooltip, else its text without "…" and
    mnemonics), without binding it (the key is bound elsewhere, e.g. the main window's F5)."""
    base = target.toolTip() if isinstance(target, QAbstractButton) else ""
    if not base or (isinstance(target, QAction) and base == target.text()):
        base = target.text().replace("&", "").rstrip("…").rstrip(".")
    target.setToolTip(with_key(base, key))


def bind(target: QAbstractButton | QAction, key: str) -> None:
    """Put ``key`` on a button or action and name it in the tooltip. A button's key works
    while the button is visible and enabled in the active window, so the same key on buttons
    of different pages or tabs does not clash."""
    target.setShortcut(QKeySequence(key))
    hint(target, key)

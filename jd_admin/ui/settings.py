"""Per-desktop UI state (window geometry, header state, interface language) in an ini file in
the user's data directory. Business settings live in the database, not here."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from jd_admin import config

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"


def ui_settings() -> QSettings:
    return QSettings(str(config.data_dir() / "ui-settings.ini"), QSettings.Format.IniFormat)


def language() -> str:
    value = ui_settings().value("ui/language", DEFAULT_LANGUAGE)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def set_language(code: str) -> None:
    if code not in LANGUAGES:
        raise ValueError(code)
    ui_settings().setValue("ui/language", code)


def recent_usernames() -> dict[str, str]:
    """Last user name per database (never a password)."""
    settings = ui_settings()
    settings.beginGroup("login")
    result = {k: str(settings.value(k)) for k in settings.childKeys()}
    settings.endGroup()
    return result


def remember_username(database_key: str, username: str) -> None:
    settings = ui_settings()
    settings.beginGroup("login")
    settings.setValue(database_key.replace("/", "|"), username)
    settings.endGroup()


# Per-user state on this desktop (issue 15: people sharing a PC each get their own window size,
# folders and splitters). The login name sets it (app.py, after each login); values are kept
# under "user/<login>/<key>". Nothing secret is kept here.
_current_user = ""


def set_current_user(login: str) -> None:
    """Called after a successful login (and with "" at log-out)."""
    global _current_user
    _current_user = login


def current_user() -> str:
    return _current_user


def _user_key(key: str) -> str:
    name = _current_user.replace("/", "|") or "-"
    return f"user/{name}/{key}"


def user_value(key: str, default: object = None) -> object:
    """This desktop's value of ``key`` for the logged-in user (``default`` when not set)."""
    return ui_settings().value(_user_key(key), default)


def set_user_value(key: str, value: object) -> None:
    ui_settings().setValue(_user_key(key), value)


def fits_a_screen(frame: QRect) -> bool:
    """Whether a window at ``frame`` is wholly (within a few pixels) on one of the screens."""
    for screen in QGuiApplication.screens():
        room = screen.availableGeometry().adjusted(-8, -8, 8, 8)
        if room.contains(frame):
            return True
    return False


def restore_geometry(window: QWidget, key: str) -> bool:
    """Put ``window`` where the user left it on this desktop (``key``: "window/geometry"), if
    that still fits a screen (the screens may have changed). False: nothing restored."""
    geometry = user_value(key)
    return (isinstance(geometry, QByteArray) and not geometry.isEmpty()
            and window.restoreGeometry(geometry)
            and (window.isMaximized() or fits_a_screen(window.frameGeometry())))


def save_geometry(window: QWidget, key: str) -> None:
    set_user_value(key, window.saveGeometry())

"""Per-desktop UI state (window geometry, header state, interface language) in an ini file in
the user's data directory. Business settings live in the database, not here."""

from __future__ import annotations

from PySide6.QtCore import QSettings

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

"""Interface language through Qt's translation system.

Source strings are Simplified Chinese (the product's language), so the Chinese interface
needs only Qt's own ``qtbase_zh_CN.qm`` (standard buttons 确定/取消); English comes from
``resources/translations/jd_admin_en.qm``, built from ``jd_admin_en.ts`` by ``make``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from jd_admin import i18n as texts
from jd_admin.resources import resource_path

log = logging.getLogger(__name__)
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return resource_path("translations")


def install(app: QCoreApplication, language: str) -> None:
    """Install the translators of ``language`` ("zh_CN" or "en"), replacing earlier ones: Qt's
    for the interface, and the catalogs of the texts that come from the services."""
    texts.set_language(language)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        own = QTranslator(app)
        if own.load(str(translations_dir() / "jd_admin_en.qm")):
            app.installTranslator(own)
            _installed.append(own)
        else:
            log.warning("English translation not found in %s (run make translations)",
                        translations_dir())
    else:
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", qt_dir):
            app.installTranslator(qt)
            _installed.append(qt)

"""The language of texts that come from below the interface (services, the CLI), without Qt.

Texts are :class:`jd_admin.domain.text.Text` with Chinese source strings; English lives in
gettext catalogs ``resources/translations/<lang>/*.po`` (one file per feature, read with polib;
no build step). :func:`set_language` installs the translator: the GUI calls it with the user's
interface language, the CLI with ``JD_ADMIN_LANGUAGE`` (``zh_CN``, the default, or ``en``).
``tools/messages.py`` adds new source texts to the catalogs; a test keeps them complete.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import polib

from jd_admin.domain import text
from jd_admin.resources import resource_path

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
_language = DEFAULT_LANGUAGE


def catalog_dir(language: str) -> Path:
    return resource_path("translations") / language


def load_catalog(language: str) -> dict[str, str]:
    """Source text -> translation, from every ``.po`` of ``language`` (untranslated left out)."""
    entries: dict[str, str] = {}
    for path in sorted(catalog_dir(language).glob("*.po")):
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags:
                entries[entry.msgid] = entry.msgstr
    return entries


def set_language(language: str) -> None:
    """Render every Text from now on in ``language`` ("zh_CN" or "en")."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    _language = language
    if language == DEFAULT_LANGUAGE:
        text.set_translator(None)
        return
    catalog = load_catalog(language)
    if not catalog:
        log.warning("no %s catalog found in %s", language, catalog_dir(language))
    text.set_translator(lambda source: catalog.get(source, source))


def language() -> str:
    return _language


def language_from_environment() -> str:
    """``JD_ADMIN_LANGUAGE`` if set to a known language, else Chinese."""
    wanted = os.environ.get("JD_ADMIN_LANGUAGE", DEFAULT_LANGUAGE)
    return wanted if wanted in LANGUAGES else DEFAULT_LANGUAGE

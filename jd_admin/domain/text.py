"""Texts for people, in the user's language, without Qt.

Everything below ``ui/`` that a person reads — an error, a state's label, a flag's meaning, a
summary line — is a :class:`Text`: a Chinese source text (the message id, as in the Qt ``.ts``
of the interface) with named parameters. It becomes a string only when shown, through
``str(text)``, in the language set by :func:`set_translator` (the GUI sets it from the user's
setting, the CLI from ``JD_ADMIN_LANGUAGE``; see :mod:`jd_admin.i18n`). Without a translator
the Chinese source is shown.

Mark a text with ``_("…{name}…", name=value)``; the catalogs under
``resources/translations/<lang>/*.po`` hold the translations, and a test keeps them complete.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

Translator = Callable[[str], str]
_translate: Translator | None = None


def set_translator(translate: Translator | None) -> None:
    """Install the function that maps a Chinese source text to the user's language."""
    global _translate
    _translate = translate


def translate(source: str) -> str:
    return _translate(source) if _translate is not None else source


class Text:
    """A translatable text with parameters; ``str()`` renders it in the current language.

    Parameters may be Texts themselves (a state's label inside a message): they are rendered in
    the same language. Two Texts are equal when their source and parameters are.
    """

    __slots__ = ("params", "source")

    def __init__(self, source: str, /, **params: object) -> None:
        self.source = source
        self.params: Mapping[str, object] = params

    def __str__(self) -> str:
        return self.render(translate)

    def render(self, translator: Translator) -> str:
        """The text through ``translator`` (its parameters too)."""
        template = translator(self.source)
        if not self.params:
            return template
        return template.format_map(
            {k: _rendered(v, translator) for k, v in self.params.items()})

    def __repr__(self) -> str:
        return f"Text({self.source!r}{''.join(f', {k}={v!r}' for k, v in self.params.items())})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Text):
            return NotImplemented
        return self.source == other.source and dict(self.params) == dict(other.params)

    def __hash__(self) -> int:
        return hash(self.source)

    def format(self, **params: object) -> Text:
        """The same text with more parameters."""
        return Text(self.source, **{**self.params, **params})


def _rendered(value: object, translator: Translator) -> Any:
    label = getattr(value, "label", None)
    if isinstance(label, Text):  # a code of a code list (a state, a role) shows its label
        value = label
    return value.render(translator) if isinstance(value, Text) else value


def _(source: str, /, **params: object) -> Text:
    """Mark a text for translation (the extractor looks for calls of ``_``)."""
    return Text(source, **params)


#: Between the items of a list in a sentence: 、 in Chinese, ", " in English.
LIST_SEPARATOR = _("、")


def join(items: Iterable[object]) -> str:
    """Items (texts, labels, data) as one list in the current language: 甲、乙 / A, B."""
    return str(LIST_SEPARATOR).join(str(i) for i in items)


def chinese(value: object) -> str:
    """``value`` rendered in Chinese whatever the current language: for what is published or
    printed in Chinese (reports, exported files). Code-list members give their label."""
    rendered = _rendered(value, _source_text)
    return rendered if isinstance(rendered, str) else str(rendered)


def _source_text(source: str) -> str:
    return source

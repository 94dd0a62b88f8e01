"""Display labels of codes (roles, states, kinds, flags) for the interface: the one place the UI
turns a stored code into words.

The labels themselves are declared once, in ``jd_admin/domain`` (a code list's members carry
their label), and translated by the catalogs of :mod:`jd_admin.i18n`, which ``ui/i18n.py``
switches together with Qt's translator. A code that is not (or no longer) declared shows as is.
"""

from __future__ import annotations

from collections.abc import Iterable

from jd_admin.domain.codes import Coded
from jd_admin.domain.roles import Role
from jd_admin.domain.text import Text
from jd_admin.domain.text import join as text_join


def of(codes: type[Coded], code: str | None) -> str:
    """The label of ``code`` in the code list ``codes``, in the interface language."""
    return str(codes.label_of(code))


def text(value: Text | str | None) -> str:
    """A text from the services, rendered in the interface language."""
    return "" if value is None else str(value)


def join(items: Iterable[object]) -> str:
    """A list in the interface language (甲、乙 / A, B)."""
    return text_join(items)


def role(code: Role | str) -> str:
    return of(Role, code)

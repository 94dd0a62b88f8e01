"""Code lists: a ``StrEnum`` whose members carry their label.

A member is declared as ``CODE = "code", _("中文名称")``; its value is the stored code and
``member.label`` the :class:`~jd_admin.domain.text.Text` shown to people. Models build their
CHECK constraints from :func:`sql_in`, so the database accepts exactly the declared codes.
"""

from __future__ import annotations

import enum
from typing import Any, Self

from jd_admin.domain.text import Text


class Coded(enum.StrEnum):
    """A code with a label; ``Coded.of(value)`` is lenient for display (unknown stays as is)."""

    label: Text

    def __new__(cls, value: str, label: Text | None = None) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label if label is not None else Text(value)
        return member

    @classmethod
    def label_of(cls, value: str | None) -> Text | str:
        """The label of a stored code, or the code itself when it is not (or no longer) declared."""
        if value is None:
            return ""
        try:
            return cls(value).label
        except ValueError:
            return value

    @classmethod
    def codes(cls) -> tuple[str, ...]:
        return tuple(m.value for m in cls)


def sql_in(column: str, codes: type[Coded] | tuple[Any, ...]) -> str:
    """``column IN ('a', 'b')`` for a CHECK constraint built from a declaration."""
    values = codes.codes() if isinstance(codes, type) else tuple(str(c) for c in codes)
    return f"{column} IN ({', '.join(repr(str(v)) for v in values)})"

"""Small pieces the vouchers page's tabs share: a named button, an amount in yuan."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtWidgets import QPushButton


def button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    """A push button with an object name (tests and screenshots find it by that)."""
    widget = QPushButton(text)
    widget.setObjectName(name)
    widget.clicked.connect(slot)
    return widget


def money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"

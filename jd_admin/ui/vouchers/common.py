"""Small pieces the vouchers page's tabs share: an amount in yuan."""

from __future__ import annotations

from decimal import Decimal


def money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"

"""Money: exact yuan amounts as :class:`~decimal.Decimal`, stored as integer fen (分).

One constructor (:func:`to_money`) that refuses floats, one rounding rule (ROUND_HALF_UP,
四舍五入, to the fen) applied only where :func:`round_fen` is called, and the conversions
the database column type uses.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from jd_admin.domain.text import _

FEN = Decimal("0.01")
MAX_FEN = 10**15  # a sanity bound far above any budget (10 trillion yuan)


class MoneyError(ValueError):
    """A value that is not an exact amount of money; its message is a translatable Text
    (``str(error)`` renders it in the current language)."""


def to_money(value: Decimal | int | str) -> Decimal:
    """Return ``value`` as a Decimal yuan amount with exactly two decimal places.

    Accepts Decimal, int and numeric strings ("12.5", "1,234.00", " 8 "). Refuses floats
    (they are not exact), NaN/infinity and amounts with more than two decimal places:
    those must be rounded on purpose with :func:`round_fen`.
    """
    if isinstance(value, (bool, float)):
        raise MoneyError(_("金额不能使用浮点数：{value}", value=repr(value)))
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, Decimal):
        amount = value
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise MoneyError(_("不是有效的金额：{value}", value=repr(value))) from None
    else:
        raise MoneyError(_("不是有效的金额：{value}", value=repr(value)))
    if not amount.is_finite():
        raise MoneyError(_("不是有效的金额：{value}", value=repr(value)))
    try:
        quantized = amount.quantize(FEN, rounding=ROUND_HALF_UP)
    except InvalidOperation:  # more digits than the context holds: far beyond any budget
        raise MoneyError(_("金额超出范围：{value}", value=repr(value))) from None
    if amount != quantized:
        raise MoneyError(_("金额最多两位小数：{value}", value=repr(value)))
    return quantized


def round_fen(value: Decimal) -> Decimal:
    """Round a computed Decimal to the fen, half up (四舍五入). The one rounding rule."""
    if not isinstance(value, Decimal):
        raise MoneyError(_("只能对 Decimal 取整：{value}", value=repr(value)))
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def to_fen(value: Decimal | int | str) -> int:
    """Yuan amount -> integer fen, through :func:`to_money` (so floats are refused)."""
    fen = int(to_money(value) * 100)
    if abs(fen) >= MAX_FEN:
        raise MoneyError(_("金额超出范围：{value}", value=repr(value)))
    return fen


def from_fen(fen: int) -> Decimal:
    """Integer fen -> Decimal yuan with two places."""
    return (Decimal(fen) / 100).quantize(FEN)


def format_yuan(value: Decimal) -> str:
    """Display form with thousands separators and two decimals: ``1,234.50``."""
    return f"{value:,.2f}"

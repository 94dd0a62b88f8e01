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


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACES = ("", "拾", "佰", "仟")
_SECTIONS = ("", "万", "亿", "万亿")


def _section(n: int) -> str:
    """0 < n < 10000 in capitals, zeros inside written once (壹仟零伍, 壹拾)."""
    out, pending_zero = "", False
    for place in range(3, -1, -1):
        digit = n // 10**place % 10
        if digit == 0:
            pending_zero = pending_zero or bool(out)
            continue
        if pending_zero:
            out += "零"
            pending_zero = False
        out += _DIGITS[digit] + _PLACES[place]
    return out


def chinese_capital(value: Decimal) -> str:
    """The amount in Chinese capital numerals (大写金额), as the payment rules write it on
    vouchers and reports: ``壹万零伍拾元整``, ``叁拾元零伍分``, ``陆角``, ``负壹佰元整``.

    "整" after 元 when there are no 角 and 分; 零 for zeros inside the number (once per run)
    and before a 分 that follows 元 without 角; 壹拾 written out. Exact to the fen: an amount
    with a fraction of a fen is refused, like everywhere else."""
    fen = to_fen(value)
    sign, fen = ("负", -fen) if fen < 0 else ("", fen)
    yuan, jiao, cents = fen // 100, fen // 10 % 10, fen % 10
    whole, pending_zero, rest = "", False, yuan
    sections = []
    while rest:
        sections.append(rest % 10000)
        rest //= 10000
    for index in range(len(sections) - 1, -1, -1):
        part = sections[index]
        if part == 0:
            pending_zero = pending_zero or bool(whole)
            continue
        if whole and (pending_zero or part < 1000):
            whole += "零"
        whole += _section(part) + _SECTIONS[index]
        pending_zero = False
    if not whole and not jiao and not cents:
        return sign + "零元整"
    out = sign + (whole + "元" if whole else "")
    if not jiao and not cents:
        return out + "整"
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif whole:
        out += "零"
    if cents:
        out += _DIGITS[cents] + "分"
    return out

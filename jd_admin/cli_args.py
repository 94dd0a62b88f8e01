"""The command line's argument types and exits (shared by :mod:`jd_admin.cli`, which parses,
and :mod:`jd_admin.cli_commands`, which runs the commands): light, so that parsing loads no
database library."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from jd_admin.domain.errors import UserError
from jd_admin.domain.settlement import month_start
from jd_admin.domain.text import Text, _
from jd_admin.services import clock

if TYPE_CHECKING:
    from sqlalchemy.exc import OperationalError

    from jd_admin.services.vouchers.importer import RejectLimit


class CliError(Exception):
    """A failure reported as one line; the exit code is ``code``."""

    def __init__(self, message: Text | str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def _first_line(exc: OperationalError) -> str:
    lines = str(exc.orig if exc.orig is not None else exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


#: Exit codes of ``vouchers import`` beyond the common ones (see its --help and the README).
EXIT_ROWS_REJECTED = 6


EXIT_TOO_MANY_REJECTED = 7


def _reject_limit(value: str) -> RejectLimit:
    from jd_admin.services.vouchers.importer import RejectLimit

    try:
        return RejectLimit.parse(value)
    except UserError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _face_count(value: str) -> tuple[Decimal, int]:
    """``FACE=COUNT`` (yuan = vouchers), e.g. ``20=1000``."""
    face, sep, count = value.partition("=")
    try:
        if not sep:
            raise ValueError
        face_value, n = Decimal(face.strip()), int(count.strip())
        if not face_value.is_finite() or face_value <= 0 or n <= 0:
            raise ValueError
    except (ValueError, ArithmeticError):
        raise argparse.ArgumentTypeError(str(_(
            "面值数量应写作 面值=张数（元=张，均为正数），如 20=1000：{value}", value=value))
        ) from None
    return face_value, n


def _non_negative(value: str) -> int:
    try:
        n = int(value.strip().replace(",", ""))
        if n < 0:
            raise ValueError
    except ValueError:
        raise argparse.ArgumentTypeError(str(_("应为不小于 0 的整数：{value}", value=value))
                                         ) from None
    return n


def _budget(value: str) -> Decimal:
    try:
        amount = Decimal(value.strip().replace(",", ""))
        if not amount.is_finite() or amount <= 0:
            raise ValueError
    except (ValueError, ArithmeticError):
        raise argparse.ArgumentTypeError(str(_("预算应为大于 0 的金额（元）：{value}",
                                               value=value))) from None
    return amount


def _moment(end_of_day: bool) -> Callable[[str], dt.datetime]:
    """A Shanghai time ``YYYY-MM-DD[ HH:MM[:SS]]``; a bare date is the day's start (or, for
    an end, its last second)."""

    def parse(value: str) -> dt.datetime:
        text = value.strip()
        try:
            if len(text) == 10:
                day = dt.date.fromisoformat(text)
                local = dt.datetime.combine(day, dt.time(23, 59, 59) if end_of_day else dt.time())
            else:
                local = dt.datetime.fromisoformat(text.replace("T", " "))
                if local.tzinfo is not None:
                    raise ValueError
        except ValueError:
            raise argparse.ArgumentTypeError(str(_(
                "时间应写作 YYYY-MM-DD 或 \"YYYY-MM-DD HH:MM\"（北京时间）：{value}",
                value=value))) from None
        return local.replace(tzinfo=clock.SHANGHAI)

    return parse


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(str(_("日期应写作 YYYY-MM-DD：{value}", value=value))
                                         ) from None


def _month(value: str) -> dt.date:
    try:
        return month_start(value)
    except UserError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None

"""Money: exact Decimal yuan, integer fen in the database, floats refused (CONVENTIONS 13)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from factories import venue
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, StatementError

from jd_admin.models import FaceValueRule, VenueSport
from jd_admin.money import (
    MAX_FEN,
    MoneyError,
    chinese_capital,
    from_fen,
    round_fen,
    to_fen,
    to_money,
)


@pytest.mark.parametrize("value", [1.5, 0.1, 10.0, float("nan")])
def test_to_money_refuses_float(value: float) -> None:
    with pytest.raises(MoneyError, match="浮点数"):
        to_money(value)


@pytest.mark.parametrize("value", ["1.005", Decimal("0.001"), "12.345", Decimal("-3.999")])
def test_to_money_refuses_more_than_two_places(value: str | Decimal) -> None:
    with pytest.raises(MoneyError, match="两位小数"):
        to_money(value)


@pytest.mark.parametrize("value", ["abc", "", "NaN", "Infinity", Decimal("NaN"), True, None,
                                   "1e30"])
def test_to_money_refuses_non_amounts(value: object) -> None:
    with pytest.raises(MoneyError):
        to_money(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (5, "5.00"),
        (0, "0.00"),
        (-12, "-12.00"),
        (Decimal("1.5"), "1.50"),
        (Decimal("19.99"), "19.99"),
        ("12.5", "12.50"),
        (" 8 ", "8.00"),
        ("1,234.00", "1234.00"),
        ("1E+2", "100.00"),
    ],
)
def test_to_money_accepts_int_decimal_str(value: int | Decimal | str, expected: str) -> None:
    amount = to_money(value)
    assert isinstance(amount, Decimal)
    assert amount == Decimal(expected)
    assert amount.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0.005", "0.01"),
        ("0.015", "0.02"),
        ("0.025", "0.03"),
        ("2.675", "2.68"),
        ("-0.005", "-0.01"),
        ("0.004999", "0.00"),
        ("1.2", "1.20"),
    ],
)
def test_round_fen_is_half_up(value: str, expected: str) -> None:
    rounded = round_fen(Decimal(value))
    assert rounded == Decimal(expected)
    assert str(rounded) == expected


def test_round_fen_refuses_float() -> None:
    with pytest.raises(MoneyError):
        round_fen(2.675)


def test_float_operation_is_trapped_in_tests() -> None:
    """The conftest turns any float/Decimal mix into an error for the whole run."""
    import decimal

    with pytest.raises(decimal.FloatOperation):
        Decimal(1.1)  # noqa: RUF032
    with pytest.raises(decimal.FloatOperation):
        _ = Decimal("1.10") < 1.2


@given(st.integers(min_value=-(MAX_FEN - 1), max_value=MAX_FEN - 1))
def test_fen_round_trip(fen: int) -> None:
    amount = from_fen(fen)
    assert amount.as_tuple().exponent == -2
    assert to_fen(amount) == fen
    assert to_fen(str(amount)) == fen
    assert to_money(amount) == amount


@given(st.decimals(min_value=Decimal("-9999999999999.99"), max_value=Decimal("9999999999999.99"),
                   places=2, allow_nan=False, allow_infinity=False))
def test_yuan_round_trip(amount: Decimal) -> None:
    assert from_fen(to_fen(amount)) == amount


def test_to_fen_refuses_out_of_range() -> None:
    with pytest.raises(MoneyError, match="范围"):
        to_fen(from_fen(MAX_FEN))


# --- the Money column, on both databases --------------------------------------------------

def test_money_column_round_trips_decimal_as_integer_fen(test_db) -> None:
    with test_db.admin_db.session() as s, s.begin():
        v = venue(s, sports=[VenueSport(sport="游泳", list_price=Decimal("12.34")),
                             VenueSport(sport="网球", list_price=Decimal("0.05")),
                             VenueSport(sport="篮球", list_price=7)])
        venue_id = v.id
    with test_db.admin_db.session() as s:
        prices = s.execute(select(VenueSport.sport, VenueSport.list_price)
                           .where(VenueSport.venue_id == venue_id)
                           .order_by(VenueSport.id)).all()
        assert prices == [("游泳", Decimal("12.34")), ("网球", Decimal("0.05")),
                          ("篮球", Decimal("7.00"))]
        assert all(isinstance(p, Decimal) for _, p in prices)
        raw = s.execute(text("SELECT list_price FROM venue_sport WHERE venue_id = :v ORDER BY id"),
                        {"v": venue_id}).scalars().all()
        assert raw == [1234, 5, 700]
        assert all(type(r) is int for r in raw)


def test_money_column_refuses_float_at_flush(test_db) -> None:
    with test_db.admin_db.session() as s, s.begin():
        v = venue(s)
        v.sports.append(VenueSport(sport="游泳", list_price=12.5))
        with pytest.raises(StatementError) as excinfo:
            s.flush()
        assert isinstance(excinfo.value.orig, MoneyError)
        s.rollback()


def test_money_column_refuses_sub_fen_amount(test_db) -> None:
    with test_db.admin_db.session() as s, s.begin():
        v = venue(s)
        v.sports.append(VenueSport(sport="游泳", list_price=Decimal("12.345")))
        with pytest.raises(StatementError) as excinfo:
            s.flush()
        assert isinstance(excinfo.value.orig, MoneyError)
        s.rollback()


def test_face_value_split_must_add_up(test_db) -> None:
    bad = FaceValueRule(effective_from=dt.date(2030, 1, 1), face_value=Decimal("5"),
                        subsidy=Decimal("4"), concession=Decimal("2"), min_order=Decimal("10"),
                        created_by="test")
    with test_db.admin_db.session() as s, s.begin():
        s.add(bad)
        with pytest.raises(IntegrityError, match="split_adds_up"):
            s.flush()
        s.rollback()
    good = FaceValueRule(effective_from=dt.date(2030, 1, 1), face_value=Decimal("5"),
                         subsidy=Decimal("3.50"), concession=Decimal("1.50"),
                         min_order=Decimal("10"), created_by="test")
    with test_db.admin_db.session() as s, s.begin():
        s.add(good)
    with test_db.admin_db.session() as s:
        row = s.scalars(select(FaceValueRule)
                        .where(FaceValueRule.effective_from == dt.date(2030, 1, 1))).one()
        assert (row.subsidy, row.concession) == (Decimal("3.50"), Decimal("1.50"))


@pytest.mark.parametrize(("amount", "capital"), [
    ("0", "零元整"),
    ("0.07", "柒分"),
    ("0.60", "陆角"),
    ("10", "壹拾元整"),
    ("15.30", "壹拾伍元叁角"),
    ("30.05", "叁拾元零伍分"),
    ("1005", "壹仟零伍元整"),
    ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
    ("10050", "壹万零伍拾元整"),
    ("100005", "壹拾万零伍元整"),
    ("1000000", "壹佰万元整"),
    ("10010000", "壹仟零壹万元整"),
    ("10000010", "壹仟万零壹拾元整"),
    ("100000001", "壹亿零壹元整"),
    ("123456789.12", "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分"),
    ("-100", "负壹佰元整"),
])
def test_chinese_capital_amounts(amount: str, capital: str) -> None:
    assert chinese_capital(Decimal(amount)) == capital


def test_chinese_capital_refuses_a_fraction_of_a_fen() -> None:
    with pytest.raises(MoneyError):
        chinese_capital(Decimal("1.005"))

"""The filed opening hours read (jd_admin/domain/opening_hours.py): the forms venues file,
hours past midnight, and what is not read (not guessed)."""

from __future__ import annotations

import pytest

from jd_admin.domain.opening_hours import parse

H = 60


@pytest.mark.parametrize(("text", "monday", "saturday"), [
    ("周一至周日 9:00-21:00", [(9 * H, 21 * H)], [(9 * H, 21 * H)]),
    ("周一至周五 9:00-21:00；周六、周日 8:00-22:00", [(9 * H, 21 * H)], [(8 * H, 22 * H)]),
    ("每天 06:00-22:00", [(6 * H, 22 * H)], [(6 * H, 22 * H)]),
    ("全天", [(0, 24 * H)], [(0, 24 * H)]),
    ("24小时", [(0, 24 * H)], [(0, 24 * H)]),
    ("周一至周日 06:30-21:30", [(6 * H + 30, 21 * H + 30)], [(6 * H + 30, 21 * H + 30)]),
    ("周二至周日 09:00-21:00（周一闭馆）", [], [(9 * H, 21 * H)]),
    ("9:00-12:00、14:00-21:00", [(9 * H, 12 * H), (14 * H, 21 * H)],
     [(9 * H, 12 * H), (14 * H, 21 * H)]),
    ("9-21", [(9 * H, 21 * H)], [(9 * H, 21 * H)]),
    ("周一至周五 16:00-21:00；周六、周日 09:00-18:00", [(16 * H, 21 * H)], [(9 * H, 18 * H)]),
])
def test_the_forms_venues_file(text: str, monday: list[tuple[int, int]],
                               saturday: list[tuple[int, int]]) -> None:
    hours = parse(text)
    assert hours is not None
    assert hours.open_ranges(0) == monday
    assert hours.open_ranges(5) == saturday


def test_hours_past_midnight_belong_to_the_next_morning() -> None:
    for text in ("18:00-02:00", "18:00-次日02:00", "周一至周日 18:00-次日2:00"):
        hours = parse(text)
        assert hours is not None, text
        assert hours.open_ranges(2) == [(0, 2 * H), (18 * H, 24 * H)]
        assert hours.is_open(2, 1 * 3600 + 59 * 60)  # 01:59 on Wednesday: Tuesday's evening
        assert not hours.is_open(2, 5 * 3600)
    weekend = parse("周五、周六 20:00-02:00")
    assert weekend is not None
    assert weekend.open_ranges(5) == [(0, 2 * H), (20 * H, 24 * H)]  # Friday's tail
    assert weekend.open_ranges(0) == []  # nor Sunday's: none
    assert weekend.open_ranges(6) == [(0, 2 * H)]


def test_the_grace_widens_both_ends_edges_open() -> None:
    hours = parse("9:00-21:00")
    assert hours is not None
    assert hours.is_open(0, 21 * 3600 + 1800, grace_seconds=1800)
    assert not hours.is_open(0, 21 * 3600 + 1801, grace_seconds=1800)
    assert hours.is_open(0, 8 * 3600 + 1800, grace_seconds=1800)
    assert not hours.is_open(0, 8 * 3600 + 1799, grace_seconds=1800)


@pytest.mark.parametrize("text", [
    "", "  ", "节假日另行通知", "9-21:00", "周一至周日 9:00-21:00（节假日除外）",
    "25:00-26:00", "9:00-9:60", "周八 9:00-10:00", "上午9点到晚上9点", "9:00-21:00 以后预约",
    "21:00-13:00",
])
def test_what_is_not_read(text: str) -> None:
    assert parse(text) is None

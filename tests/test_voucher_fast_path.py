"""The voucher file's fast path accepts only what the full row check would make of a row
exactly the same (and leaves everything else to it)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from voucher_support import GOOD_VENUE, HEADER, KEY, row

from jd_admin.services.vouchers.operator_file import RowChecker, StagedVoucher, map_header

FACES = {500, 1000, 2000, 3000, 5000, 8000}
BATCHES = {"2026-11", "2026-SWIM"}


def checker(formulas: set[tuple[int, int]] | None = None) -> RowChecker:
    return RowChecker(map_header(list(HEADER), "t.csv"), KEY, FACES, BATCHES, formulas or set())


junk = st.sampled_from([
    "", " ", "　", "\u200b", "=1+1", "１２３", "20.0", " 20", "2026-11-16 10:00",
    "2026-11-16T10:00:00",
    "2026-11-16 10:00:00+08", "2026-02-30 10:00:00", "1999-12-31 10:00:00", "x" * 41, "老年人",
    "青少年 ",
    "senior", "2026-12", "91310114MA1GT3CQ9X", GOOD_VENUE.lower(), "60", "-1", "1e309", "NaN",
    "¥20",
])


@st.composite
def rows(draw: st.DrawFn) -> list[object]:
    redeemed = draw(st.booleans())
    day = draw(st.integers(16, 22))
    base = row(draw(st.sampled_from(["C1", "c-2", "C 3", "券4"])),
               draw(st.sampled_from(["13800001234", "a", " b"])),
               f"2026-11-{day:02d} 10:00:00", f"2026-11-{day:02d} 12:30:00" if redeemed else "",
               face=draw(st.sampled_from(["20", "50", "25"])),
               group=draw(st.sampled_from(["", "老年人"])))
    cells: list[object] = list(base)
    for _ in range(draw(st.integers(0, 2))):
        cells[draw(st.integers(0, 10))] = draw(junk)
    if draw(st.booleans()):
        cells[draw(st.integers(0, 10))] = draw(st.one_of(st.floats(allow_nan=True),
                                                         st.integers(-5, 10**16),
                                                        st.just(dt.datetime(2026, 11, 16, 10))))
    return cells


@settings(max_examples=400, deadline=None)
@given(rows())
def test_fast_path_agrees_with_the_full_check(cells: list[object]) -> None:
    fast = checker().fast(2, cells)
    full = checker().check(2, cells)
    if fast is not None:
        assert fast == full
    else:
        # The full check decides: a row it refuses names at least one problem, each with its
        # column and reason.
        assert isinstance(full, StagedVoucher) or (
            full and all(e.row == 2 and e.reason for e in full)), full


@given(st.sampled_from(["20", "50"]), st.booleans(), st.sampled_from(["", "老年人", "青少年"]))
def test_fast_path_takes_the_common_rows(face: str, redeemed: bool, group: str) -> None:
    """Rows in the documented forms go the fast way (or the property above would prove nothing)."""
    cells: list[object] = list(row("C1", "13800001234", "2026-11-16 10:00:00",
                                   "2026-11-16 12:30:00" if redeemed else "", face=face,
                                   group=group))
    fast = checker().fast(2, cells)
    assert isinstance(fast, StagedVoucher)
    assert fast == checker().check(2, cells)


def test_plain_rows_take_the_fast_path_and_remember_their_codes() -> None:
    c = checker()
    first = c.fast(2, row("A1", "13800001234", "2026-11-16 10:00:00", "2026-11-16 12:30:00"))
    assert isinstance(first, StagedVoucher)
    assert first.claimed_at == dt.datetime(2026, 11, 16, 2, 0, tzinfo=dt.UTC)
    assert first.claim_day == dt.date(2026, 11, 16) and first.use_day == dt.date(2026, 11, 16)
    assert (first.face_fen, first.order_fen, first.paid_fen, first.venue_code) == (2000, 6000, 4000,
                                                                                   GOOD_VENUE)
    assert c.fast(3, row("A2", "13800001234", "2026-11-16 23:59:59")) is not None
    # a repeated code, and a formula anywhere in the file: the full check decides
    assert c.fast(4, row("A1", "13800001234", "2026-11-16 10:00:00")) is None
    assert checker({(9, 0)}).fast(2, row("A3", "1", "2026-11-16 10:00:00")) is None
    late = c.fast(5, row("A4", "x", "2026-11-16 23:59:59"))
    assert late is not None and late.claim_day == dt.date(2026, 11, 16)
    assert late.claimed_at == dt.datetime(2026, 11, 16, 15, 59, 59, tzinfo=dt.UTC)

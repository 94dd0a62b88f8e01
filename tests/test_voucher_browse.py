"""Browsing the voucher ledger: keyset pages in every order (NULLs of redeemed_at last), the
filters against an oracle computed in Python from the stored rows, the count, and the Excel
export (masked citizens, no formulas, audited) — on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import inspect, select, text, update
from voucher_support import GOOD_VENUE, KEY, SH, UNKNOWN_VENUE, row, setup_ledger, write_csv

from jd_admin.domain.errors import InvalidInput, PermissionDenied
from jd_admin.models import (
    AuditEvent,
    Citizen,
    IssuanceBatch,
    Role,
    Venue,
    Voucher,
    VoucherViolation,
)
from jd_admin.services import clock
from jd_admin.services.actor import system_actor
from jd_admin.services.vouchers import browse as voucher_browse
from jd_admin.services.vouchers import flags as vouchers
from jd_admin.services.vouchers import importer as voucher_import
from jd_admin.services.vouchers.browse import PageKey, VoucherFilter

OPERATOR = system_actor("operator-test")
#: "Now" for the tests: vouchers claimed before 18 Nov 12:00 and never used have expired.
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=SH)
MIN_ORDER = {5: 10, 10: 20, 20: 40, 30: 60, 50: 120, 80: 200}
FORMULA_VENUE = '=HYPERLINK("http://x/?"&A1,"点击")'


def _fmt(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def ledger_rows(n: int = 300, seed: int = 7) -> list[list[str]]:
    """``n`` vouchers over 10-24 Nov 2026: ties in claim and use times, Shanghai midnight
    edges, about 40 % unused (some expired), flags (unknown venue, order below the minimum,
    used after expiry, restricted sport), codes in an order unrelated to the claim order."""
    rnd = random.Random(seed)
    numbers = list(range(1, n + 1))
    rnd.shuffle(numbers)
    times = [(0, 0, 0), (8, 30, 0), (12, 0, 0), (23, 59, 59)]
    out: list[list[str]] = []
    for i in range(n):
        claimed = dt.datetime(2026, 11, rnd.randint(10, 24), *rnd.choice(times), tzinfo=SH)
        face = rnd.choice((5, 10, 20, 30, 50, 80))
        citizen = f"1380000{i % 40:04d}"
        batch, sport = ("2026-SWIM", "游泳") if i % 10 == 0 else ("2026-11", "羽毛球")
        if i % 5 in (0, 3):
            out.append(row(f"V{numbers[i]:05d}", citizen, _fmt(claimed), face=str(face),
                           batch=batch))
            continue
        redeemed = claimed + dt.timedelta(hours=rnd.choice((1, 1, 30, 100, 170)))
        order = MIN_ORDER[face] - (1 if i % 17 == 0 else 0)
        venue = UNKNOWN_VENUE if i % 13 == 0 else GOOD_VENUE
        if i % 23 == 0:
            sport = "篮球"
        out.append(row(f"V{numbers[i]:05d}", citizen, _fmt(claimed), _fmt(redeemed), face=str(face),
                       batch=batch, venue=venue, sport=sport, order=f"{order}.00"))
    return out


@dataclass
class Ledger:
    staff: object  # Actor
    vouchers: dict[int, Voucher]  # detached, as stored
    open_flags: dict[int, set[str]]
    batch_ids: dict[str, int]
    good_venue_id: int


def build_ledger(test_db, tmp_path: Path, n: int = 300, staff: str = "staff1") -> Ledger:
    setup = setup_ledger(test_db)
    with test_db.admin_db.session() as s, s.begin():
        s.execute(update(Venue).where(Venue.id == setup.good_venue_id).values(name=FORMULA_VENUE))
    with test_db.admin_db.session() as s, s.begin():
        summary = voucher_import.import_vouchers(s, OPERATOR, write_csv(tmp_path / "v.csv",
                                                                        ledger_rows(n)),
                                                 key=KEY)
    assert summary.rejected == 0, [e.describe() for e in summary.errors]
    assert summary.inserted == n
    test_db.make_user(staff, Role.BUREAU_STAFF)
    return Ledger(test_db.actor(staff), *stored(test_db), good_venue_id=setup.good_venue_id)


def stored(test_db) -> tuple[dict[int, Voucher], dict[int, set[str]], dict[str, int]]:
    with test_db.admin_db.session() as s:
        rows = {v.id: v for v in s.scalars(select(Voucher))}
        s.expunge_all()
        flags: dict[int, set[str]] = {}
        for voucher_id, code in s.execute(select(VoucherViolation.voucher_id, VoucherViolation.code)
                                          .where(VoucherViolation.cleared_at.is_(None))):
            flags.setdefault(voucher_id, set()).add(code)
        batches = dict(s.execute(select(IssuanceBatch.code, IssuanceBatch.id)).all())
    return rows, flags, batches


def expected_order(ledger: Ledger, sort: str, descending: bool,
                   ids: set[int] | None = None) -> list[int]:
    vs = [v for v in ledger.vouchers.values() if ids is None or v.id in ids]
    if sort == "redeemed_at":
        used = sorted((v for v in vs if v.redeemed_at is not None), key=lambda v: (v.redeemed_at,
                                                                                   v.id),
                      reverse=descending)
        unused = sorted((v for v in vs if v.redeemed_at is None), key=lambda v: v.id,
                        reverse=descending)
        return [v.id for v in used + unused]
    if sort == "code":
        return [v.id for v in sorted(vs, key=lambda v: v.code, reverse=descending)]
    return [v.id for v in sorted(vs, key=lambda v: (getattr(v, sort), v.id), reverse=descending)]


def all_pages(test_db, actor, filt: VoucherFilter, sort: str, descending: bool,
              limit: int) -> tuple[list[int], int]:
    ids: list[int] = []
    pages = 0
    after: PageKey | None = None
    with test_db.admin_db.session() as s:
        while True:
            rows, after = voucher_browse.fetch_page(s, actor, filt, sort, descending, after, limit,
                                                    now=NOW)
            pages += 1
            assert len(rows) <= limit
            ids += [r.id for r in rows]
            if after is None:
                return ids, pages
            assert len(rows) == limit


@pytest.mark.parametrize("sort", voucher_browse.SORTS)
@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
def test_pages_return_every_row_once_in_order(test_db, tmp_path, sort, descending) -> None:
    ledger = build_ledger(test_db, tmp_path)
    ids, pages = all_pages(test_db, ledger.staff, VoucherFilter(), sort, descending, limit=17)
    assert len(ids) == len(set(ids)) == 300
    assert ids == expected_order(ledger, sort, descending)
    assert pages == -(-300 // 17)
    # Page sizes that end exactly on the used/unused boundary and on the last row.
    used = sum(1 for v in ledger.vouchers.values() if v.redeemed_at is not None)
    for limit in (used, 300, 1000):
        ids, _ = all_pages(test_db, ledger.staff, VoucherFilter(), sort, descending, limit=limit)
        assert ids == expected_order(ledger, sort, descending)


def test_rows_carry_what_the_list_shows(test_db, tmp_path) -> None:
    ledger = build_ledger(test_db, tmp_path)
    with test_db.admin_db.session() as s:
        rows, _ = voucher_browse.fetch_page(s, ledger.staff, VoucherFilter(), limit=1000, now=NOW)
    by_id = {r.id: r for r in rows}
    for v in ledger.vouchers.values():
        r = by_id[v.id]
        assert (r.code, r.face_value, r.subsidy, r.claimed_at, r.redeemed_at, r.expires_at) == (
            v.code, v.face_value, v.subsidy, v.claimed_at, v.redeemed_at, v.expires_at)
        assert re.fullmatch(r"138\*{4}\d{4}", r.citizen_masked)
        assert r.flags == tuple(sorted(ledger.open_flags.get(v.id, ())))
        assert r.batch_code == ("2026-SWIM" if v.batch_id == ledger.batch_ids["2026-SWIM"]
                                else "2026-11")
        if v.redeemed_at is None:
            assert r.venue is None and r.state == ("unused" if v.expires_at > NOW else "expired")
        else:
            assert r.state == "redeemed" and str(r.state_label) == "已核销"
            if v.venue_id is None:
                assert r.venue == UNKNOWN_VENUE and r.subdistrict is None
            else:
                assert r.venue == FORMULA_VENUE and r.subdistrict
    states = {r.state for r in rows}
    assert states == {"unused", "redeemed", "expired"}
    with test_db.admin_db.session() as s:
        one = voucher_browse.get_row(s, ledger.staff, rows[5].id, now=NOW)
    assert one == rows[5]


def _matching(ledger: Ledger, pred) -> set[int]:
    return {v.id for v in ledger.vouchers.values() if pred(v)}


def test_filters_give_exactly_the_expected_vouchers(test_db, tmp_path) -> None:
    ledger = build_ledger(test_db, tmp_path)
    local = clock.local_date
    with test_db.admin_db.session() as s:
        masked_of = dict(s.execute(select(Voucher.id, Citizen.masked).join(Citizen)).all())
    some = sorted(masked_of.values())[0]
    day = dt.date(2026, 11, 17)
    cases: list[tuple[VoucherFilter, set[int]]] = [
        (VoucherFilter(batch_id=ledger.batch_ids["2026-SWIM"]),
         _matching(ledger, lambda v: v.batch_id == ledger.batch_ids["2026-SWIM"])),
        (VoucherFilter(face_value=Decimal("20")), _matching(ledger, lambda v: v.face_value
                                                            == Decimal(20))),
        (VoucherFilter(state="unused"),
         _matching(ledger, lambda v: v.redeemed_at is None and v.expires_at > NOW)),
        (VoucherFilter(state="expired"),
         _matching(ledger, lambda v: v.redeemed_at is None and v.expires_at <= NOW)),
        (VoucherFilter(state="redeemed"), _matching(ledger, lambda v: v.redeemed_at is not None)),
        (VoucherFilter(state="flagged"), set(ledger.open_flags)),
        (VoucherFilter(violation="VENUE"), {i for i, f in ledger.open_flags.items()
                                            if "VENUE" in f}),
        (VoucherFilter(violation="MIN_ORDER"), {i for i, f in ledger.open_flags.items()
                                                if "MIN_ORDER" in f}),
        (VoucherFilter(violation="EXPIRED", face_value=Decimal("5")),
         {i for i, f in ledger.open_flags.items()
          if "EXPIRED" in f and ledger.vouchers[i].face_value == Decimal(5)}),
        # Shanghai calendar days: 00:00:00 and 23:59:59 local belong to the day.
        (VoucherFilter(claimed_from=day, claimed_to=day),
         _matching(ledger, lambda v: local(v.claimed_at) == day)),
        (VoucherFilter(claimed_from=day), _matching(ledger, lambda v: local(v.claimed_at) >= day)),
        (VoucherFilter(claimed_to=day), _matching(ledger, lambda v: local(v.claimed_at) <= day)),
        (VoucherFilter(redeemed_from=dt.date(2026, 11, 20), redeemed_to=dt.date(2026, 11, 22)),
         _matching(ledger, lambda v: v.redeemed_at is not None
                   and dt.date(2026, 11, 20) <= local(v.redeemed_at) <= dt.date(2026, 11, 22))),
        (VoucherFilter(citizen_masked=some), _matching(ledger, lambda v: masked_of[v.id] == some)),
        (VoucherFilter(citizen_masked=" 138****00 "),
         _matching(ledger, lambda v: masked_of[v.id].startswith("138****00"))),
        # A full number typed in is masked first (the database only has masked forms).
        (VoucherFilter(citizen_masked="13800000007"), _matching(ledger, lambda v: masked_of[v.id]
                                                                == "138****0007")),
        (VoucherFilter(citizen_masked="139"), set()),
        (VoucherFilter(venue_id=ledger.good_venue_id), _matching(ledger, lambda v: v.venue_id
                                                                 == ledger.good_venue_id)),
        (VoucherFilter(subdistrict_id=4), _matching(ledger, lambda v: v.venue_id
                                                    == ledger.good_venue_id)),
        (VoucherFilter(subdistrict_id=5), set()),
    ]
    assert VoucherFilter(citizen_masked="13800000007").citizen_masked == "138****0007"
    with test_db.admin_db.session() as s:
        for filt, expected in cases:
            assert expected or filt.citizen_masked == "139" or filt.subdistrict_id == 5, filt
            assert voucher_browse.count(s, ledger.staff, filt, now=NOW) == len(expected), filt
    for filt, expected in cases:
        for sort in ("claimed_at", "redeemed_at"):
            ids, _ = all_pages(test_db, ledger.staff, filt, sort, True, limit=7)
            assert ids == expected_order(ledger, sort, True, expected), (filt, sort)


def test_cleared_flags_no_longer_match_and_bad_filters_are_refused(test_db, tmp_path) -> None:
    ledger = build_ledger(test_db, tmp_path)
    venue_flagged = sorted(i for i, f in ledger.open_flags.items() if "VENUE" in f)
    with test_db.admin_db.session() as s, s.begin():
        vouchers.clear_flag(s, ledger.staff, venue_flagged[0], "VENUE", "场馆已补登记")
    with test_db.admin_db.session() as s:
        assert voucher_browse.count(s, ledger.staff,
                                    VoucherFilter(violation="VENUE")) == len(venue_flagged) - 1
        for bad in (VoucherFilter(state="lost"), VoucherFilter(violation="NOPE"),
                    VoucherFilter(claimed_from=dt.date(2026, 11, 2),
                                  claimed_to=dt.date(2026, 11, 1))):
            with pytest.raises(InvalidInput):
                voucher_browse.fetch_page(s, ledger.staff, bad)
        with pytest.raises(InvalidInput):
            voucher_browse.fetch_page(s, ledger.staff, VoucherFilter(), "citizen_hash")
        _, key = voucher_browse.fetch_page(s, ledger.staff, VoucherFilter(), "code", False, None, 5)
        with pytest.raises(InvalidInput):  # a key of another order
            voucher_browse.fetch_page(s, ledger.staff, VoucherFilter(), "claimed_at", False, key, 5)
        test_db.make_user("town", Role.SUBDISTRICT, subdistrict="南翔镇")
        with pytest.raises(PermissionDenied):
            voucher_browse.fetch_page(s, test_db.actor("town"), VoucherFilter())
        with pytest.raises(PermissionDenied):
            voucher_browse.count(s, test_db.actor("town"), VoucherFilter())


def test_export_is_readable_masked_formula_free_and_audited(test_db, tmp_path) -> None:
    ledger = build_ledger(test_db, tmp_path)
    out = tmp_path / "导出.xlsx"
    filt = VoucherFilter(state="redeemed")
    seen: list[int] = []
    with test_db.admin_db.session() as s, s.begin():
        written = voucher_browse.export_xlsx(s, ledger.staff, filt, "redeemed_at", True, out,
                                             progress=lambda n, _t: seen.append(n), now=NOW)
    used = expected_order(ledger, "redeemed_at", True,
                          _matching(ledger, lambda v: v.redeemed_at is not None))
    assert written == len(used) and seen[-1] == written
    sheet = load_workbook(out).active
    assert sheet is not None
    lines = list(sheet.iter_rows())
    header = [c.value for c in lines[0]]
    assert header == [str(h) for h in voucher_browse.EXPORT_HEADERS]
    assert len(lines) == written + 1
    assert all(c.data_type != "f" for line in lines for c in line)
    codes = [line[0].value for line in lines[1:]]
    assert codes == [ledger.vouchers[i].code for i in used]
    citizen = header.index("用户标识（脱敏）")
    assert all(re.fullmatch(r"138\*{4}\d{4}", str(line[citizen].value)) for line in lines[1:])
    venue = header.index("核销场馆")
    assert {line[venue].value for line in lines[1:]} == {"'" + FORMULA_VENUE, UNKNOWN_VENUE}
    first = ledger.vouchers[used[0]]
    assert lines[1][header.index("面值")].value == first.face_value
    assert lines[1][header.index("核销时间")].value == first.redeemed_at.astimezone(SH).replace(
        tzinfo=None)
    # No identifier other than the masked one anywhere in the file.
    texts = " ".join(str(c.value) for line in lines for c in line if c.value is not None)
    assert not re.search(r"1380000\d{4}", texts)
    with test_db.admin_db.session() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.entity_type
                                                   == "voucher_export")).one()
    assert event.action == "导出"
    assert event.details == {"filter": {"state": "redeemed"}, "sort": "redeemed_at",
                             "descending": True,
                             "rows": written, "file": out.name}
    if not test_db.is_postgres:  # PostgreSQL records the login role (the superuser here)
        assert event.actor == "staff1"


def test_export_cancelled_writes_nothing(test_db, tmp_path, monkeypatch) -> None:
    from jd_admin.domain.errors import Cancelled

    ledger = build_ledger(test_db, tmp_path)
    monkeypatch.setattr(voucher_browse, "EXPORT_PAGE", 50)
    out = tmp_path / "x.xlsx"
    with pytest.raises(Cancelled), test_db.admin_db.session() as s, s.begin():
        voucher_browse.export_xlsx(s, ledger.staff, VoucherFilter(), "claimed_at", False, out,
                                   cancelled=lambda: True)
    assert not out.exists()
    with test_db.admin_db.session() as s:
        assert s.scalars(select(AuditEvent).where(AuditEvent.entity_type
                                                  == "voucher_export")).all() == []


def test_indexed_filters_page_exactly_in_every_order(test_db, tmp_path) -> None:
    """The filters and sorts migration 0017 indexes (batch, venue, a rule's open flags, face
    value) and the redeemed-date range (which also bounds the claim date, as the CHECK
    redeemed_after_claim implies) give the same vouchers in every order, page after page."""
    ledger = build_ledger(test_db, tmp_path)
    local = clock.local_date
    until = dt.date(2026, 11, 21)
    cases: list[tuple[VoucherFilter, set[int]]] = [
        (VoucherFilter(batch_id=ledger.batch_ids["2026-11"]),
         _matching(ledger, lambda v: v.batch_id == ledger.batch_ids["2026-11"])),
        (VoucherFilter(venue_id=ledger.good_venue_id),
         _matching(ledger, lambda v: v.venue_id == ledger.good_venue_id)),
        (VoucherFilter(violation="MIN_ORDER"),
         {i for i, f in ledger.open_flags.items() if "MIN_ORDER" in f}),
        (VoucherFilter(face_value=Decimal("50")),
         _matching(ledger, lambda v: v.face_value == Decimal(50))),
        (VoucherFilter(redeemed_to=until),
         _matching(ledger, lambda v: v.redeemed_at is not None and local(v.redeemed_at) <= until)),
        (VoucherFilter(redeemed_from=dt.date(2026, 11, 19), redeemed_to=until),
         _matching(ledger, lambda v: v.redeemed_at is not None
                   and dt.date(2026, 11, 19) <= local(v.redeemed_at) <= until)),
        (VoucherFilter(), set(ledger.vouchers)),
    ]
    for filt, expected in cases:
        assert expected, filt
        for sort in voucher_browse.SORTS:
            for descending in (False, True):
                ids, pages = all_pages(test_db, ledger.staff, filt, sort, descending, limit=7)
                assert ids == expected_order(ledger, sort, descending, expected), (filt, sort)
                assert pages == max(1, -(-len(expected) // 7)), (filt, sort)


def test_browse_indexes_exist_on_both_dialects(test_db) -> None:
    names = {"voucher": {"ix_voucher_face_value", "ix_voucher_batch_claimed",
                         "ix_voucher_venue_claimed", "ix_voucher_id_claimed",
                         "ix_voucher_claimed_state", "ix_voucher_unexpired"},
             "voucher_violation": {"ix_voucher_violation_open"}}
    found = inspect(test_db.admin_db.engine)
    for table, wanted in names.items():
        assert wanted <= {ix["name"] for ix in found.get_indexes(table)}, table


@pytest.mark.parametrize("small_set", [voucher_browse.SMALL_SET, 0], ids=["small-set", "walk"])
def test_small_set_filters_page_exactly_in_every_order(test_db, tmp_path, monkeypatch,
                                                       small_set) -> None:
    """The filters that start from their own small set (a rule's open flags, any open flag, the
    unused vouchers: ``id = ANY(ARRAY(...))`` on PostgreSQL, ``IN`` on SQLite), alone and with
    other filters, give the same vouchers in every order, page after page, as when the set is
    too big and the sort index is walked instead (``SMALL_SET`` 0)."""
    monkeypatch.setattr(voucher_browse, "SMALL_SET", small_set)
    ledger = build_ledger(test_db, tmp_path)
    unused = _matching(ledger, lambda v: v.redeemed_at is None and v.expires_at > NOW)
    cases: list[tuple[VoucherFilter, set[int]]] = [
        (VoucherFilter(state="flagged"), set(ledger.open_flags)),
        (VoucherFilter(violation="MIN_ORDER"),
         {i for i, f in ledger.open_flags.items() if "MIN_ORDER" in f}),
        (VoucherFilter(violation="VENUE", state="flagged"),
         {i for i, f in ledger.open_flags.items() if "VENUE" in f}),
        (VoucherFilter(violation="MIN_ORDER", state="redeemed"),
         {i for i, f in ledger.open_flags.items()
          if "MIN_ORDER" in f and ledger.vouchers[i].redeemed_at is not None}),
        (VoucherFilter(state="flagged", face_value=Decimal("20")),
         {i for i in ledger.open_flags if ledger.vouchers[i].face_value == Decimal(20)}),
        (VoucherFilter(state="unused"), unused),
        (VoucherFilter(state="unused", batch_id=ledger.batch_ids["2026-11"]),
         {i for i in unused if ledger.vouchers[i].batch_id == ledger.batch_ids["2026-11"]}),
        (VoucherFilter(state="expired"),
         _matching(ledger, lambda v: v.redeemed_at is None and v.expires_at <= NOW)),
    ]
    for filt, expected in cases:
        assert expected, filt
        for sort in voucher_browse.SORTS:
            for descending in (False, True):
                ids, pages = all_pages(test_db, ledger.staff, filt, sort, descending, limit=7)
                assert ids == expected_order(ledger, sort, descending, expected), (filt, sort)
                assert pages == max(1, -(-len(expected) // 7)), (filt, sort)
        with test_db.admin_db.session() as s:
            assert voucher_browse.count(s, ledger.staff, filt, now=NOW) == len(expected)


def test_a_page_leaves_the_parallel_setting_as_it_was(test_db, tmp_path) -> None:
    """A page runs without parallel workers (PostgreSQL) and restores the setting after."""
    ledger = build_ledger(test_db, tmp_path)
    if not test_db.is_postgres:
        pytest.skip("a PostgreSQL setting")
    with test_db.admin_db.session() as s:
        s.execute(text("SET max_parallel_workers_per_gather = 3"))
        voucher_browse.fetch_page(s, ledger.staff, VoucherFilter(state="flagged"), now=NOW)
        assert s.execute(text("SHOW max_parallel_workers_per_gather")).scalar_one() == "3"

"""Importing the operator's voucher data: every rule flag with a row just inside its limit,
Shanghai day/week boundaries, formats and encodings, idempotence, refusals, pseudonyms."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text, update
from voucher_support import (
    GOOD_VENUE,
    HEADER,
    KEY,
    SH,
    SUSPENDED_VENUE,
    UNKNOWN_VENUE,
    row,
    setup_ledger,
    t,
    write_csv,
)

from jd_admin.domain.errors import Cancelled, InvalidInput, PermissionDenied
from jd_admin.models import (
    AuditEvent,
    BatchFaceValue,
    Citizen,
    IssuanceBatch,
    Settlement,
    UsageRule,
    Voucher,
    VoucherImport,
    VoucherViolation,
)
from jd_admin.services.actor import system_actor
from jd_admin.services.vouchers import checks as voucher_checks
from jd_admin.services.vouchers import flags as vouchers
from jd_admin.services.vouchers import importer as voucher_import

OPERATOR = system_actor("operator-test")


def do_import(test_db, path: Path, **kw):
    with test_db.admin_db.session() as s, s.begin():
        return voucher_import.import_vouchers(s, OPERATOR, path, key=KEY, **kw)


def flags(test_db) -> dict[str, set[str]]:
    """voucher code -> its open flag codes."""
    with test_db.admin_db.session() as s:
        result: dict[str, set[str]] = {}
        for code, flag in s.execute(select(Voucher.code,
                                           VoucherViolation.code).join(VoucherViolation)
                                    .where(VoucherViolation.cleared_at.is_(None))):
            result.setdefault(code, set()).add(flag)
        return result


def imported(test_db, tmp_path: Path, rows: list[list[str]], **rules: int) -> dict[str, set[str]]:
    setup_ledger(test_db, **rules)
    summary = do_import(test_db, write_csv(tmp_path / "v.csv", rows))
    assert summary.rejected == 0, [e.describe() for e in summary.errors]
    return flags(test_db)


def test_weekly_claims_third_passes_fourth_flagged_and_week_boundary(test_db, tmp_path) -> None:
    rows = [row(f"A{i}", "a", t(d)) for i, d in enumerate((16, 17, 18, 19))]
    # Sunday 23:59:59 and Monday 00:00:00 in Shanghai are different natural weeks
    rows += [row("B1", "b", t(20)), row("B2", "b", t(21)), row("B3", "b", t(22, 23, 59, 59)),
             row("B4", "b", t(23, 0, 0, 0))]
    found = imported(test_db, tmp_path, rows, weekly_claim_limit=3)
    assert found == {"A3": {"WEEKLY_CLAIMS"}}


def test_max_held(test_db, tmp_path) -> None:
    rows = [row("C1", "c", t(16, 9)), row("C2", "c", t(16, 10)), row("C3", "c", t(16, 11)),
            row("C4", "c", t(16, 12)),  # holds 3 unused -> flagged
            row("D1", "d", t(16, 9), t(16, 9, 30)), row("D2", "d", t(16, 10)), row("D3", "d",
                                                                                   t(16, 11)),
            row("D4", "d", t(16, 12)),  # one was used: holds 2 -> fine
            row("E1", "e", t(8, 9)), row("E2", "e", t(16, 10)), row("E3", "e", t(16, 11)),
            row("E4", "e", t(16, 12))]  # E1 expired on the 15th: holds 2 -> fine
    found = imported(test_db, tmp_path, rows, max_held=3)
    assert found == {"C4": {"MAX_HELD"}}


def test_max_held_at_the_moment_of_use_or_expiry(test_db, tmp_path) -> None:
    rows = [row("X1", "x", t(16, 9), t(16, 12)), row("X2", "x", t(16, 10)), row("X3", "x",
                                                                                t(16, 11)),
            row("X4", "x", t(16, 12)),  # X1 was used at this very moment: holds 2 -> fine
            row("X5", "x", t(16, 12, 0, 1)),  # holds X2, X3, X4 -> flagged
            row("Y1", "y", t(9, 12)), row("Y2", "y", t(16, 10)), row("Y3", "y", t(16, 11)),
            row("Y4", "y", t(16, 12)),  # Y1 expires at this very moment (168 h): holds 2 -> fine
            row("W1", "w", t(18, 9), t(18, 9)),  # used the moment it was claimed
            row("W2", "w", t(18, 10)), row("W3", "w", t(18, 11)), row("W4", "w", t(18, 12))]
    found = imported(test_db, tmp_path, rows, max_held=3)
    assert found == {"X5": {"MAX_HELD"}}


def test_max_held_with_claims_at_the_same_moment(test_db, tmp_path) -> None:
    # Claims at the same moment count in file order (the ledger numbers them so).
    rows = [row("U1", "u", t(17, 9)), row("U2", "u", t(17, 9)),  # U2 is claimed while U1 is held
            row("V1", "v", t(17, 9), t(17, 9)), row("V2", "v",
                                                    t(17, 9)),  # V1 ended as it was claimed
            row("T2", "s", t(17, 9)), row("T1", "s", t(17, 9),
                                          t(17, 9))]  # T1 claimed while T2 held
    found = imported(test_db, tmp_path, rows, max_held=1)
    assert found == {"U2": {"MAX_HELD"}, "T1": {"MAX_HELD"}}


def test_each_voucher_is_checked_under_the_rules_of_its_claim_day(test_db, tmp_path) -> None:
    setup_ledger(test_db, weekly_claim_limit=3)
    with test_db.admin_db.session() as s, s.begin():  # from the 23rd: two claims a week
        s.add(UsageRule(effective_from=dt.date(2026, 11, 23), weekly_claim_limit=2, max_held=100,
                        daily_use_cap=100, weekly_use_cap=100, weekly_large_claim_limit=100,
                        large_face_value=Decimal("50"), validity_hours=168, created_by="t"))
    rows = [row(f"A{d}", "a", t(d)) for d in (16, 17, 18)]  # three in the old rules' week: fine
    rows += [row(f"B{d}", "b",
                 t(d)) for d in (23, 24, 25)]  # the third under the new rules: flagged
    summary = do_import(test_db, write_csv(tmp_path / "v.csv", rows))
    assert summary.rejected == 0
    assert flags(test_db) == {"B25": {"WEEKLY_CLAIMS"}}
    with test_db.admin_db.session() as s:
        assert s.scalar(select(VoucherViolation.rule_version)) == "使用规则 2026-11-23"


def test_claims_beyond_the_issued_count_across_imports(test_db, tmp_path) -> None:
    setup_ledger(test_db)
    with test_db.admin_db.session() as s, s.begin():  # two 20-yuan vouchers, nothing else
        s.add(IssuanceBatch(code="2026-SMALL", name="小批次", budget=Decimal("100"),
                            claim_start=dt.datetime(2026, 11, 1, tzinfo=SH),
                            claim_end=dt.datetime(2026, 11, 30, 23, 59, 59, tzinfo=SH),
                            status="active",
                            created_by="t", face_values=[BatchFaceValue(face_value=Decimal(20),
                                                                        count=2)]))
    first = [row("O1", "o1", t(16), batch="2026-SMALL"), row("O2", "o2", t(17), batch="2026-SMALL"),
             row("O3", "o3", t(18), batch="2026-SMALL"),  # the third 20-yuan claim
             row("O5", "o5", t(18), batch="2026-SMALL",
                 face="50")]  # a face the batch does not issue
    first += [row(f"F{i}", f"f{i}",
                  t(19)) for i in range(6)]  # other vouchers: the next check is scoped
    assert do_import(test_db, write_csv(tmp_path / "a.csv", first)).rejected == 0
    assert flags(test_db) == {"O3": {"OVER_ISSUED"}, "O5": {"OVER_ISSUED"}}
    # An earlier claim arrives late, from another citizen: O2 is now the third.
    do_import(test_db, write_csv(tmp_path / "b.csv", [row("O0", "o0", t(15), batch="2026-SMALL")]))
    assert flags(test_db) == {"O2": {"OVER_ISSUED"}, "O3": {"OVER_ISSUED"}, "O5": {"OVER_ISSUED"}}
    with test_db.admin_db.session() as s:
        versions = set(s.scalars(select(VoucherViolation.rule_version)))
    assert versions == {"批次 2026-SMALL"}


def test_daily_and_weekly_use_caps_with_day_boundary(test_db, tmp_path) -> None:
    rows = [row("F1", "f", t(16, 8), t(16, 9)), row("F2", "f", t(16, 8, 1),
                                                    t(16, 20)),  # 2 in a day
            row("G1", "g", t(16, 8), t(16, 23, 59, 59)), row("G2", "g", t(16, 8, 1),
                                                             t(17, 0, 0, 0))]
    found = imported(test_db, tmp_path, rows, daily_use_cap=1)
    assert found == {"F2": {"DAILY_USE"}}


def test_weekly_use_cap(test_db, tmp_path) -> None:
    rows = [row(f"H{d}", "h", t(16, 8, d), t(d, 12)) for d in (16, 17, 18, 19)]
    rows += [row(f"J{d}", "j", t(20, 8, d), t(d, 12)) for d in (20, 21, 22, 23)]  # Sun/Mon split
    found = imported(test_db, tmp_path, rows, weekly_use_cap=3)
    assert found == {"H19": {"WEEKLY_USE"}}


def test_weekly_large_claims(test_db, tmp_path) -> None:
    rows = [row("K1", "k", t(16), face="50"), row("K2", "k", t(17), face="80"),
            row("L1", "l", t(16), face="50"), row("L2", "l", t(17), face="30")]
    found = imported(test_db, tmp_path, rows, weekly_large_claim_limit=1)
    assert found == {"K2": {"WEEKLY_LARGE"}}


def test_validity_minimum_order_and_paid(test_db, tmp_path) -> None:
    rows = [row("M1", "m1", t(16, 10), t(23, 10)),  # exactly 168 h: fine
            row("M2", "m2", t(16, 10), t(23, 10, 0, 1)),  # 168 h + 1 s: expired
            row("N1", "n1", t(16), t(16, 12), order="40.00"),  # equal to the minimum for 20: fine
            row("N2", "n2", t(16), t(16, 12), order="39.99"),
            row("P1", "p1", t(16), t(16, 12), order="60.00", paid="40.01")]
    found = imported(test_db, tmp_path, rows)
    assert found == {"M2": {"EXPIRED"}, "N2": {"MIN_ORDER"}, "P1": {"PAID_MISMATCH"}}


def test_venue_must_be_redeemable_on_the_date(test_db, tmp_path) -> None:
    rows = [row("Q1", "q1", t(16), t(16, 12)),
            row("Q2", "q2", t(16), t(16, 12), venue=UNKNOWN_VENUE),
            row("Q3", "q3", t(18), t(19, 12), venue=SUSPENDED_VENUE),  # before its suspension: fine
            row("Q4", "q4", t(20), t(20, 12), venue=SUSPENDED_VENUE)]  # suspended from the 20th
    found = imported(test_db, tmp_path, rows)
    assert found == {"Q2": {"VENUE"}, "Q4": {"VENUE"}}


def test_special_voucher_restrictions_and_claim_window(test_db, tmp_path) -> None:
    rows = [row("S1", "s1", t(16), t(16, 12), batch="2026-SWIM", sport="游泳"),
            row("S2", "s2", t(16), t(16, 12), batch="2026-SWIM", sport="羽毛球"),
            row("S3", "s3", t(16), batch="2026-SENIOR", group="老年人"),
            row("S4", "s4", t(16), batch="2026-SENIOR"),
            row("W1", "w1", "2026-10-31 23:59:59"), row("W2", "w2", "2026-11-01 00:00:00")]
    found = imported(test_db, tmp_path, rows)
    assert found == {"S2": {"RESTRICTED_SPORT"}, "S4": {"RESTRICTED_GROUP"}, "W1": {"CLAIM_WINDOW"}}


def test_idempotent_update_and_settled_refusal(test_db, tmp_path) -> None:
    setup_ledger(test_db)
    first = write_csv(tmp_path / "a.csv", [row("R1", "r", t(16)), row("R2", "r2", t(16))])
    s1 = do_import(test_db, first)
    assert (s1.inserted, s1.updated, s1.unchanged) == (2, 0, 0)
    s2 = do_import(test_db, first)
    assert (s2.inserted, s2.updated, s2.unchanged, s2.rejected) == (0, 0, 2, 0)
    newer = write_csv(tmp_path / "b.csv", [row("R1", "r", t(16), t(17)), row("R2", "r2", t(16))])
    s3 = do_import(test_db, newer)
    assert (s3.inserted, s3.updated, s3.unchanged) == (0, 1, 1)
    with test_db.admin_db.session() as s, s.begin():
        s.add(Settlement(id=7, month=dt.date(2026, 1, 1), status="draft",
                         generated_by="t", generated_at=dt.datetime.now(dt.UTC), warnings=[],
                         by_batch=[]))
        s.flush()
        s.execute(update(Voucher).where(Voucher.code == "R2").values(settlement_id=7))
    settled = write_csv(tmp_path / "c.csv", [row("R2", "r2", t(16), t(18))])
    s4 = do_import(test_db, settled)
    assert s4.rejected == 1 and "已进入核定的结算" in s4.errors[0].reason
    with test_db.admin_db.session() as s:
        assert s.scalar(select(Voucher.redeemed_at).where(Voucher.code == "R2")) is None
        assert s.scalar(select(func.count()).select_from(VoucherImport)) == 4


def test_chunked_import_merges_like_one_piece(test_db, tmp_path, monkeypatch) -> None:
    """Chunks of two rows: claims tying across a chunk boundary, a duplicate code in a later
    chunk, new chunks merged as they come, then a file meeting known vouchers midway."""
    monkeypatch.setattr(voucher_import, "CHUNK", 2)
    setup_ledger(test_db, max_held=1)
    first = [row("K1", "k1", t(16)), row("N1", "n", t(17, 9)),
             row("N2", "n", t(17, 9)), row("N3", "n", t(17, 10)),  # N2 ties N1 across the boundary
             row("N1", "n", t(18))]  # a duplicate code: rejected
    summary = do_import(test_db, write_csv(tmp_path / "a.csv", first))
    assert (summary.rows, summary.inserted, summary.rejected) == (5, 4, 1)
    assert summary.flagged == {"MAX_HELD": 2}
    assert flags(test_db) == {"N2": {"MAX_HELD"}, "N3": {"MAX_HELD"}}  # N1 held when N2 was claimed
    second = [row("X1", "x1", t(16)), row("X2", "x2", t(16)),  # new: merged at once
              row("K1", "k1", t(16), t(17)), row("X3", "x3", t(16)),  # a known voucher, updated
              row("N1", "n", t(17, 9)), row("X4", "x4", t(16))]  # unchanged; new
    summary = do_import(test_db, write_csv(tmp_path / "b.csv", second))
    assert (summary.rows, summary.inserted, summary.updated, summary.unchanged,
            summary.rejected) == (6, 4, 1, 1, 0)
    with test_db.admin_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Voucher)) == 8
        assert s.scalar(select(Voucher.redeemed_at).where(Voucher.code == "K1")) is not None


def test_a_file_breaking_down_midway_imports_nothing(test_db, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(voucher_import, "CHUNK", 2)
    setup_ledger(test_db)
    path = write_csv(tmp_path / "v.csv", [row(f"B{i}", "b", t(16)) for i in range(5)])
    with path.open("a", encoding="utf-8") as f:
        f.write('B9,2026-11,20,"' + "x" * 200_000
                + '",,2026-11-16 10:00:00,,,,,\n')  # over the csv field limit
    with pytest.raises(InvalidInput, match="无法解析"):
        do_import(test_db, path)
    with test_db.admin_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Voucher)) == 0
        assert s.scalar(select(func.count()).select_from(VoucherImport)) == 0


def test_csv_encodings_and_xlsx(test_db, tmp_path) -> None:
    setup_ledger(test_db)
    gb = write_csv(tmp_path / "gb.csv", [row("U1", "甲", t(16))], encoding="gb18030")
    assert do_import(test_db, gb).inserted == 1
    plain = write_csv(tmp_path / "plain.csv", [row("U2", "乙", t(16))], encoding="utf-8")
    assert do_import(test_db, plain).inserted == 1
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(row("U3", "丙", t(16), t(16, 12)))
    ws.append(["U4", "2026-11", 20, 13800001234.0, "", dt.datetime(2026, 11, 16, 10), None, None,
               None, None, None])
    ws.append(["U5", "2026-11", 20, 1.3800001234567891e18, "", t(16), "", "", "", "",
               ""])  # rounded id
    ws.append(["U6", "2026-11", "=10+10", "x6", "", t(16), "", "", "", "", ""])  # a formula
    path = tmp_path / "v.xlsx"
    wb.save(path)
    summary = do_import(test_db, path)
    assert (summary.inserted, summary.rejected) == (2, 2)
    reasons: dict[int, str] = {}
    for e in summary.errors:
        reasons[e.row] = reasons.get(e.row, "") + e.reason
    assert "舍入" in reasons[4] and "公式" in reasons[5] and "必须填写" not in reasons[5]
    assert summary.error_report is not None and summary.error_report.exists()
    report = list(openpyxl.load_workbook(summary.error_report).active.iter_rows(values_only=True))
    assert report[0] == ("行号", "列", "原因") and {r[0] for r in report[1:]} == {4, 5}


@pytest.mark.parametrize(("name", "content", "message"), [
    ("v.txt", b"hello", "只能导入 .xlsx 或 .csv"),
    ("v.xlsx", b"PK\x03\x04broken", "已损坏"),
    ("v.xlsx", b"not a zip at all", "不是有效的 Excel"),
    ("v.csv", b"", "空文件"),
    ("v.csv", "券码,批次编号\nX,2026-11\n".encode(), "缺少必需的列"),
])
def test_unreadable_file_imports_nothing(test_db, tmp_path, name, content, message) -> None:
    setup_ledger(test_db)
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InvalidInput, match=message):
        do_import(test_db, path)
    with test_db.admin_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Voucher)) == 0
        assert s.scalar(select(func.count()).select_from(VoucherImport)) == 0


def test_xlsx_zip_bomb_refused(test_db, tmp_path) -> None:
    setup_ledger(test_db)
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    with pytest.raises(InvalidInput, match="恶意压缩"):
        do_import(test_db, path)


def test_raw_identifiers_are_never_stored(test_db, tmp_path, data_dir) -> None:
    setup_ledger(test_db)
    raw = ["13912345678", "310101199001011234"]
    path = write_csv(tmp_path / "ids.csv", [row("I1", raw[0], t(16)), row("I2", raw[1], t(16)),
                                            row("I3", raw[1], "bad time")])
    summary = do_import(test_db, path)
    assert summary.inserted == 2
    with test_db.admin_db.session() as s:
        masked = set(s.scalars(select(Citizen.masked)))
        assert masked == {"139****5678", "310***********1234"}
        dump = " ".join(str(r) for table in ("voucher", "citizen", "voucher_import", "audit_event",
                                             "voucher_violation")
                        for r in s.execute(text(f"SELECT * FROM {table}")).all())
    assert not any(r in dump for r in raw)
    assert summary.error_report is not None
    report = " ".join(str(c) for r in openpyxl.load_workbook(summary.error_report).active.iter_rows(
        values_only=True)
                      for c in r)
    assert not any(r in report for r in raw)
    for log in data_dir.rglob("*.log"):
        assert not any(r in log.read_text(encoding="utf-8", errors="replace") for r in raw)


def test_cancel_leaves_the_database_as_it_was(test_db, tmp_path) -> None:
    setup_ledger(test_db)
    path = write_csv(tmp_path / "big.csv", [row(f"Z{i}", f"z{i}", t(16)) for i in range(6000)])
    with pytest.raises(Cancelled):
        do_import(test_db, path, cancelled=lambda: True)
    with test_db.admin_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Voucher)) == 0


def test_only_the_operator_imports_and_the_bureau_clears_flags(test_db, tmp_path) -> None:
    test_db.make_user("staff_v", "bureau_staff")
    test_db.make_user("oper_v", "operator")
    staff, operator = test_db.actor("staff_v"), test_db.actor("oper_v")
    setup_ledger(test_db)
    path = write_csv(tmp_path / "f.csv", [row("Y1", "y", t(16), t(16, 12), order="39.00")])
    with test_db.admin_db.session() as s, s.begin(), pytest.raises(PermissionDenied):
        voucher_import.import_vouchers(s, staff, path, key=KEY)
    with test_db.open_as("oper_v").session() as s, s.begin():
        voucher_import.import_vouchers(s, operator, path, key=KEY)
    with test_db.admin_db.session() as s:
        voucher_id = s.scalar(select(Voucher.id).where(Voucher.code == "Y1"))
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(PermissionDenied):
            vouchers.clear_flag(s, operator, voucher_id, "MIN_ORDER", "核实无误")
        with pytest.raises(InvalidInput, match="原因"):
            vouchers.clear_flag(s, staff, voucher_id, "MIN_ORDER", " ")
    with test_db.open_as("staff_v").session() as s, s.begin():
        vouchers.clear_flag(s, staff, voucher_id, "MIN_ORDER", "场馆补交了订单凭证")
    with test_db.admin_db.session() as s, s.begin():
        voucher_checks.recheck(s)  # a re-check keeps the bureau's decision
    assert flags(test_db) == {}
    with test_db.admin_db.session() as s:
        assert s.scalar(select(AuditEvent.comment).where(AuditEvent.action
                                                         == "解除标记")) == "场馆补交了订单凭证"


text_or_junk = st.one_of(
    st.text(max_size=30), st.sampled_from(["=1+1", "@SUM(A1)", "+86", "-5", "１２３", "1e309",
                                           "9" * 40,
                                            "2026-02-30 10:00:00", "NaN", "\u200b", "¥20", "　"]))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(text_or_junk, min_size=11, max_size=11), min_size=1, max_size=8))
def test_malformed_rows_never_crash_or_half_import(test_db, tmp_path, rows) -> None:
    if not getattr(test_db, "_ledger", False):
        setup_ledger(test_db)
        test_db._ledger = True
    good = row("GOOD1", "good", t(16), t(16, 12))
    path = write_csv(tmp_path / "junk.csv", [good, *rows])
    with test_db.admin_db.session() as s:
        before = s.scalar(select(func.count()).select_from(Voucher))
    summary = do_import(test_db, path)
    with test_db.admin_db.session() as s:
        after = s.scalar(select(func.count()).select_from(Voucher))
    assert summary.rows >= 1
    assert after - before == summary.inserted
    assert summary.inserted + summary.updated + summary.unchanged + summary.rejected == summary.rows
    assert GOOD_VENUE  # the good row's venue exists

"""Monthly settlement (issue 10, items 1-4): a month computed by hand equals the generated one on
both databases; every step allowed and refused per role; four eyes through the service, the CLI
and psql; one settlement per month under concurrent generation; what the database refuses."""

from __future__ import annotations

import datetime as dt
import json
import sys
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import DBAPIError
from voucher_support import (
    GOOD_VENUE,
    KEY,
    SH,
    SUSPENDED_VENUE,
    UNKNOWN_VENUE,
    code,
    row,
    setup_ledger,
    write_csv,
)

from jd_admin import cli
from jd_admin.domain.errors import (
    IllegalTransition,
    InvalidInput,
    NotFound,
    PermissionDenied,
    UserError,
)
from jd_admin.domain.roles import Role
from jd_admin.domain.settlement import SETTLEMENT_WORKFLOW, SettlementState
from jd_admin.models import (
    Agreement,
    BatchFaceValue,
    IssuanceBatch,
    Settlement,
    SettlementExclusion,
    SettlementItem,
    SettlementLine,
    Venue,
    Voucher,
)
from jd_admin.services import settlement
from jd_admin.services.settlement.generate import freeze
from jd_admin.services.vouchers import flags, importer

SEPT, OCT, NOV = dt.date(2026, 9, 1), dt.date(2026, 10, 1), dt.date(2026, 11, 1)
TODAY = dt.date(2026, 11, 30)
C_VENUE = code(4242004)
D = Decimal
BANK = {"bank_name": "中国工商银行上海市嘉定支行", "bank_account_number": "6222020000000001"}


def t(month: int, day: int, hh: int = 10) -> str:
    return f"2026-{month:02d}-{day:02d} {hh:02d}:00:00"


def _add_venue(s, credit: str, name: str) -> Venue:
    v = Venue(name=name, venue_type="commercial", subdistrict_id=4,
              address="上海市嘉定区德华路2号", credit_code=credit, legal_representative="王喆",
              contact_name="李堃", contact_mobile="13900000000", opening_hours="9-21",
              capacity=50, status="designated", status_reason="t", status_changed_by="t",
              status_changed_at=dt.datetime(2026, 1, 1, tzinfo=SH))
    s.add(v)
    s.flush()
    s.add(Agreement(number=f"T-{credit[-6:]}", venue_id=v.id, bureau_name="局",
                    bureau_credit_code="x", venue_name=name, venue_credit_code=credit,
                    venue_legal_representative="王喆", venue_address="x", venue_bank="x",
                    operator_name="平台", operator_credit_code="x",
                    start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 12, 31),
                    face_values=[], settlement_terms="", obligations="",
                    termination_grounds="", status="in_force",
                    bureau_signed_on=dt.date(2025, 12, 20),
                    venue_signed_on=dt.date(2025, 12, 20),
                    operator_signed_on=dt.date(2025, 12, 20),
                    in_force_from=dt.date(2026, 1, 1), created_by="t"))
    return v


#: (code, venue, face, order, month, day, batch); claimed at 09:00, redeemed at 15:00 that day
VOUCHERS = [
    ("S1", GOOD_VENUE, "20", "60", 9, 14, "2026-AUT"),
    ("S2", GOOD_VENUE, "10", "15", 9, 15, "2026-AUT"),  # MIN_ORDER: cleared after September
    ("O1", GOOD_VENUE, "5", "10", 10, 5, "2026-AUT"),
    ("O2", GOOD_VENUE, "10", "20", 10, 6, "2026-AUT"),
    ("O3", GOOD_VENUE, "20", "60", 10, 7, "2026-AUT"),
    ("O4", GOOD_VENUE, "50", "150", 10, 8, "2026-AUT"),
    ("O5", GOOD_VENUE, "80", "300", 10, 9, "2026-10S"),
    ("O6", SUSPENDED_VENUE, "30", "60", 10, 5, "2026-AUT"),
    ("O7", SUSPENDED_VENUE, "80", "200", 10, 31, "2026-AUT"),
    ("O8", SUSPENDED_VENUE, "20", "45", 10, 1, "2026-AUT"),
    ("O9", C_VENUE, "10", "30", 10, 10, "2026-AUT"),
    ("X1", UNKNOWN_VENUE, "10", "20", 10, 11, "2026-AUT"),  # not in the register
    ("X2", GOOD_VENUE, "10", "15", 10, 12, "2026-AUT"),  # MIN_ORDER, open
    ("X3", C_VENUE, "30", "60", 10, 26, "2026-AUT"),  # C suspended from the 25th
    ("N1", GOOD_VENUE, "20", "60", 10, 31, "2026-AUT"),  # redeemed in November (below)
]


def build(test_db, tmp_path: Path) -> None:
    setup_ledger(test_db)
    with test_db.admin_db.session() as s, s.begin():
        for credit in (GOOD_VENUE, SUSPENDED_VENUE):
            v = s.scalars(select(Venue).where(Venue.credit_code == credit)).one()
            v.bank_name, v.bank_account_number = BANK["bank_name"], BANK["bank_account_number"]
            v.bank_account_name = v.name
        c = _add_venue(s, C_VENUE, "测试场馆C")
        s.flush()
        c.status, c.status_reason = "suspended", "t"
        c.status_changed_at = dt.datetime(2026, 10, 25, 10, tzinfo=SH)
        for batch_code, budget, start in (("2026-AUT", "100000", 9), ("2026-10S", "40", 10)):
            s.add(IssuanceBatch(code=batch_code, name=batch_code, budget=D(budget),
                                claim_start=dt.datetime(2026, start, 1, tzinfo=SH),
                                claim_end=dt.datetime(2026, 10, 31, 23, 59, 59, tzinfo=SH),
                                status="active", created_by="t",
                                face_values=[BatchFaceValue(face_value=D(f), count=1000)
                                             for f in (5, 10, 20, 30, 50, 80)]))
    rows = []
    for n, (vcode, venue, face, order, month, day, batch) in enumerate(VOUCHERS):
        redeemed = "2026-11-02 15:00:00" if vcode == "N1" else t(month, day, 15)
        rows.append(row(vcode, f"1390000{n:04d}", t(month, day, 9), redeemed, face=face,
                        batch=batch, venue=venue, order=order))
    rows.append(row("U1", "13911110000", t(10, 20, 9), batch="2026-AUT"))  # never redeemed
    with test_db.admin_db.session() as s, s.begin():
        importer.import_vouchers(s, test_db.system_actor, write_csv(tmp_path / "v.csv", rows),
                                 key=KEY)


def people(test_db) -> dict[str, object]:
    for name, role in (("oper", Role.OPERATOR), ("staff1", Role.BUREAU_STAFF),
                       ("staff2", Role.BUREAU_STAFF), ("boss", Role.BUREAU_APPROVER),
                       ("boss2", Role.BUREAU_APPROVER), ("admin1", Role.ADMIN),
                       ("insp", Role.INSPECTOR)):
        test_db.make_user(name, role)
    test_db.make_user("nxc", Role.SUBDISTRICT, subdistrict="南翔镇")
    return {n: test_db.actor(n) for n in ("oper", "staff1", "staff2", "boss", "boss2", "admin1",
                                          "insp", "nxc")}


def voucher_id(test_db, vcode: str) -> int:
    with test_db.admin_db.session() as s:
        return s.scalars(select(Voucher.id).where(Voucher.code == vcode)).one()


def settle_september(test_db, p) -> None:
    with test_db.admin_db.session() as s, s.begin():
        sept = settlement.generate(s, p["oper"], SEPT, today=TODAY)
        assert (sept.lines, sept.vouchers, sept.excluded) == (1, 1, 1)
    with test_db.admin_db.session() as s, s.begin():
        sid = settlement.find(s, p["staff1"], SEPT).id
        settlement.verify(s, p["staff1"], sid)
    with test_db.admin_db.session() as s, s.begin():
        settlement.approve(s, p["boss"], sid)
    with test_db.admin_db.session() as s, s.begin():  # S2's flag cleared after its month
        flags.clear_flag(s, p["staff1"], voucher_id(test_db, "S2"), "MIN_ORDER",
                         "订单截图核实：实际消费 25 元")


def fen(*values: int) -> list[Decimal]:
    return [D(v) for v in values]


def line_figures(row_: settlement.LineRow) -> tuple[object, ...]:
    return (row_.voucher_count, row_.carried_count, row_.face_total, row_.subsidy,
            row_.concession, row_.order_total, row_.citizen_paid)


def test_the_month_computed_by_hand_equals_the_generated_settlement(test_db, tmp_path) -> None:
    build(test_db, tmp_path)
    p = people(test_db)
    settle_september(test_db, p)
    with test_db.admin_db.session() as s, s.begin():
        result = settlement.generate(s, p["staff1"], OCT, today=TODAY)
    assert (result.lines, result.vouchers, result.excluded, result.carried) == (3, 10, 3, 1)
    assert result.subsidy == D(208)
    assert any("2026-10S" in str(w) for w in result.warnings)  # 50 yuan of a 40 yuan budget
    with test_db.admin_db.session() as s:
        found = settlement.find(s, p["boss"], OCT)
        lines = {ln.venue_name: ln for ln in settlement.lines(s, p["boss"], found.id)}
        a = next(v for k, v in lines.items() if k.endswith(GOOD_VENUE[-4:]))
        b = next(v for k, v in lines.items() if k.endswith(SUSPENDED_VENUE[-4:]))
        c = lines["测试场馆C"]
        # A: 5, 10, 20, 50, 80 of October and the 10 of September carried over
        assert line_figures(a) == (6, 1, *fen(175, 115, 60, 555, 380))
        assert a.by_face == [
            {"face_value": 500, "count": 1, "subsidy": 400, "concession": 100,
             "order_amount": 1000, "citizen_paid": 500},
            {"face_value": 1000, "count": 2, "subsidy": 1600, "concession": 400,
             "order_amount": 3500, "citizen_paid": 1500},
            {"face_value": 2000, "count": 1, "subsidy": 1500, "concession": 500,
             "order_amount": 6000, "citizen_paid": 4000},
            {"face_value": 5000, "count": 1, "subsidy": 3000, "concession": 2000,
             "order_amount": 15000, "citizen_paid": 10000},
            {"face_value": 8000, "count": 1, "subsidy": 5000, "concession": 3000,
             "order_amount": 30000, "citizen_paid": 22000}]
        assert line_figures(b) == (3, 0, *fen(130, 85, 45, 305, 175))
        assert line_figures(c) == (1, 0, *fen(10, 8, 2, 30, 20))
        assert (a.no_bank_account, b.no_bank_account, c.no_bank_account) == (False, False, True)
        assert a.bank_account_number == BANK["bank_account_number"]
        assert (found.voucher_count, found.carried_count, found.excluded_count) == (10, 1, 3)
        assert [found.face_total, found.subsidy, found.concession, found.order_total,
                found.citizen_paid] == fen(315, 208, 107, 890, 575)
        assert found.status == "draft" and found.due == dt.date(2026, 11, 30)
        excluded = {e.voucher.code: (e.reason, e.detail)
                    for e in settlement.exclusions(s, p["boss"], found.id)}
        assert excluded == {"X1": ("no_venue", ""), "X2": ("flagged", "MIN_ORDER"),
                            "X3": ("not_redeemable", "")}
        carried = [v for v in settlement.line_vouchers(s, p["oper"], a.id) if v.carried_from]
        assert [(v.code, v.carried_from) for v in carried] == [("S2", SEPT)]
        marked = dict(s.execute(select(Voucher.code, Voucher.settlement_id)).all())
        sept_id = settlement.find(s, p["boss"], SEPT).id
        # a draft holds no voucher: verification freezes them (September's is verified)
        assert {k for k, v in marked.items() if v == found.id} == set()
        assert {k for k, v in marked.items() if v == sept_id} == {"S1"}
        sept_line = settlement.lines(s, p["boss"], sept_id)[0]
    # an adjustment of September's line in October's draft; regenerating keeps it
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(PermissionDenied):
            settlement.add_adjustment(s, p["oper"], found.id, sept_line.id, "-4.00", "多付")
        with pytest.raises(InvalidInput, match="非零"):
            settlement.add_adjustment(s, p["staff1"], found.id, sept_line.id, "0.001", "x")
        settlement.add_adjustment(s, p["staff1"], found.id, sept_line.id, "-4.00",
                                  "9月 S1 订单部分退款，多付补贴 4 元")
    with test_db.admin_db.session() as s, s.begin():
        again = settlement.generate(s, p["oper"], OCT, today=TODAY)
    assert again.regenerated and (again.lines, again.vouchers, again.excluded) == (3, 10, 3)
    with test_db.admin_db.session() as s:
        after = settlement.find(s, p["boss"], OCT)
        rows = settlement.lines(s, p["boss"], after.id)
        assert after.subsidy == D(204) and after.voucher_count == 10
        assert [line_figures(r) for r in rows if r.kind == "regular"] == [
            line_figures(x) for x in (a, b, c)]
        adjustment = [r for r in rows if r.kind == "adjustment"]
        assert len(adjustment) == 1 and adjustment[0].subsidy == D("-4.00")
        assert adjustment[0].corrects_line_id == sept_line.id
    # verification freezes the draft: its vouchers are its items, marked with it
    with test_db.admin_db.session() as s, s.begin():
        settlement.verify(s, p["staff1"], found.id)
    with test_db.admin_db.session() as s:
        marked = dict(s.execute(select(Voucher.code, Voucher.settlement_id)).all())
        assert {k for k, v in marked.items() if v == found.id} == {
            "O1", "O2", "O3", "O4", "O5", "O6", "O7", "O8", "O9", "S2"}
        items = dict(s.execute(select(Voucher.code, SettlementItem.carried_from)
                               .join(SettlementItem, SettlementItem.voucher_id == Voucher.id)
                               .where(SettlementItem.settlement_id == found.id)).all())
        assert items == {**{f"O{n}": None for n in range(1, 10)}, "S2": SEPT}
        assert [line_figures(r) for r in settlement.lines(s, p["boss"], found.id)
                if r.kind == "regular"] == [line_figures(x) for x in (a, b, c)]


def test_generation_refuses_an_open_month_and_a_verified_one(test_db, tmp_path) -> None:
    build(test_db, tmp_path)
    p = people(test_db)
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(InvalidInput, match="尚未结束"):
            settlement.generate(s, p["oper"], NOV, today=TODAY)
        with pytest.raises(PermissionDenied):
            settlement.generate(s, p["boss"], OCT, today=TODAY)
    settle_september(test_db, p)
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(InvalidInput, match="已审批，不能重新生成"):
            settlement.generate(s, p["oper"], SEPT, today=TODAY)


def test_every_step_allowed_and_refused_per_role(test_db, tmp_path) -> None:
    build(test_db, tmp_path)
    p = people(test_db)
    with test_db.admin_db.session() as s, s.begin():
        sid = settlement.generate(s, p["oper"], OCT, today=TODAY).settlement_id
    everyone = list(p)

    def attempt(who: str, fn, *args) -> str:
        try:
            with test_db.admin_db.session() as s, s.begin():
                fn(s, p[who], *args)
        except (PermissionDenied, IllegalTransition) as exc:
            return type(exc).__name__
        return "ok"

    # draft: only bureau staff verify; nobody approves or returns a draft
    for who in everyone:
        assert attempt(who, settlement.approve, sid) != "ok", who
        assert attempt(who, settlement.return_to_draft, sid, "x") != "ok", who
    for who in ("oper", "boss", "admin1", "insp", "nxc"):
        assert attempt(who, settlement.verify, sid) == "PermissionDenied", who
    assert attempt("staff1", settlement.verify, sid) == "ok"
    # verified: approvers approve (not staff, not the verifier); staff or approvers return
    for who in ("oper", "staff1", "staff2", "admin1", "insp", "nxc"):
        assert attempt(who, settlement.approve, sid) == "PermissionDenied", who
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(InvalidInput, match="请填写退回意见"):
            settlement.return_to_draft(s, p["boss"], sid, "  ")
    # venue C has no bank account: no approval until the register has one and it is regenerated
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(InvalidInput, match=r"测试场馆C.*没有银行账户"):
            settlement.approve(s, p["boss"], sid)
    for who in ("oper", "admin1", "insp", "nxc"):
        assert attempt(who, settlement.return_to_draft, sid, "x") == "PermissionDenied", who
    assert attempt("staff2", settlement.return_to_draft, sid, "C 缺银行账户") == "ok"
    with test_db.admin_db.session() as s, s.begin():
        s.scalars(select(Venue).where(Venue.credit_code == C_VENUE)).one().bank_account_number \
            = "6222020000000003"
        s.scalars(select(Venue).where(Venue.credit_code == C_VENUE)).one().bank_account_name \
            = "测试场馆C"
    with test_db.admin_db.session() as s, s.begin():
        settlement.generate(s, p["staff1"], OCT, today=TODAY)
        row_ = settlement.find(s, p["staff1"], OCT)
        assert row_.return_reason == "C 缺银行账户" and row_.verified_by is None
    assert attempt("staff2", settlement.verify, sid) == "ok"
    assert attempt("boss", settlement.approve, sid) == "ok"
    with test_db.admin_db.session() as s:
        row_ = settlement.find(s, p["boss"], OCT)
        assert (row_.status, row_.verified_by, row_.approved_by) == ("approved", "staff2", "boss")
        line_ids = [ln.id for ln in settlement.lines(s, p["boss"], sid)]
    # approved: payments by bureau staff, with a date and a reference
    paid_on = dt.date(2026, 11, 20)
    for who in ("oper", "boss", "admin1", "insp", "nxc"):
        assert attempt(who, settlement.record_payment, line_ids[0], paid_on, "R1") \
            == "PermissionDenied", who
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(InvalidInput, match="银行流水号"):
            settlement.record_payment(s, p["staff1"], line_ids[0], paid_on, " ")
    assert attempt("staff1", settlement.record_payment, line_ids[0], paid_on, "R1") == "ok"
    # a line paid: no return any more
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(InvalidInput, match="已有场馆拨付"):
            settlement.return_to_draft(s, p["boss"], sid, "重新核对")
    for n, line_id in enumerate(line_ids[1:], start=2):
        assert attempt("staff2", settlement.record_payment, line_id, paid_on, f"R{n}") == "ok"
    with test_db.admin_db.session() as s:
        assert settlement.find(s, p["oper"], OCT).status == "paid"
        for ln in settlement.lines(s, p["boss"], sid):
            assert ln.status == "paid" and ln.paid_on == paid_on and ln.payment_reference
    # paid is final
    assert all(SETTLEMENT_WORKFLOW.find("paid", target) is None
               for target in SettlementState.codes())
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(UserError):
            settlement.return_to_draft(s, p["boss"], sid, "x")
        with pytest.raises(InvalidInput, match=r"已拨付，不能重新生成"):
            settlement.generate(s, p["oper"], OCT, today=TODAY)


def test_four_eyes_through_the_service_and_the_cli(test_db, tmp_path, capsys) -> None:
    """The system actor (the database's owner at the command line) may take every step, but not
    approve what it verified itself."""
    build(test_db, tmp_path)
    url = test_db.url
    code_, out, err = _run(capsys, "settlement", "generate", "--month", "2026-10",
                           "--database-url", url)
    assert code_ == 0, err
    assert "已生成 2026-10 的结算" in out and "2026-10S" in out
    code_, out, err = _run(capsys, "settlement", "verify", "--month", "2026-10",
                           "--database-url", url)
    assert code_ == 0, err
    code_, out, err = _run(capsys, "settlement", "approve", "--month", "2026-10",
                           "--database-url", url)
    assert code_ == 1 and "四眼原则" in err, err
    code_, out, err = _run(capsys, "settlement", "list", "--database-url", url)
    assert code_ == 0 and "2026-10" in out and "已核定" in out
    with pytest.raises(SystemExit) as usage:
        cli.main(["settlement", "generate", "--month", "2026-13", "--database-url", url])
    assert usage.value.code == 2 and "2026-13" in capsys.readouterr().err


def test_an_adjustment_removed_only_from_a_draft_with_a_reason(test_db, tmp_path,
                                                               capsys) -> None:
    build(test_db, tmp_path)
    p = people(test_db)
    settle_september(test_db, p)
    with test_db.admin_db.session() as s, s.begin():
        oct_id = settlement.generate(s, p["oper"], OCT, today=TODAY).settlement_id
        sept = settlement.find(s, p["boss"], SEPT)
        assert [m.month for m in settlement.correctable_months(s, p["oper"], oct_id)] == [SEPT]
        sept_line = settlement.lines(s, p["boss"], sept.id)[0].id
        first = settlement.add_adjustment(s, p["staff1"], oct_id, sept_line, "-4.00", "多付")
        second = settlement.add_adjustment(s, p["staff1"], oct_id, sept_line, "2.50", "少付")
        regular = next(ln.id for ln in settlement.lines(s, p["boss"], oct_id)
                       if ln.kind == "regular")
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(PermissionDenied):
            settlement.remove_adjustment(s, p["oper"], first, "错")
        with pytest.raises(InvalidInput, match="原因"):
            settlement.remove_adjustment(s, p["staff1"], first, "  ")
        with pytest.raises(NotFound):
            settlement.remove_adjustment(s, p["staff1"], regular, "不是调整行")
    code_, out, err = _run(capsys, "settlement", "remove-adjustment", "--line", str(first),
                           "--reason", "录入重复", "--database-url", test_db.url)
    assert code_ == 0 and f"已删除调整行 {first}" in out, err
    with test_db.admin_db.session() as s:
        row = settlement.find(s, p["boss"], OCT)
        adjustments = [ln for ln in settlement.lines(s, p["boss"], oct_id)
                       if ln.kind == "adjustment"]
        assert [a.id for a in adjustments] == [second]
        regular_sum = sum(ln.subsidy for ln in settlement.lines(s, p["boss"], oct_id)
                          if ln.kind == "regular")
        assert row.subsidy == regular_sum + D("2.50")  # the totals follow
        entry = next(h for h in settlement.detail(s, p["boss"], oct_id).history
                     if h.action == "删除调整行")
        assert entry.comment == "录入重复"
    with test_db.admin_db.session() as s, s.begin():
        settlement.verify(s, p["staff1"], oct_id)
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(InvalidInput, match="不能再删除"):
            settlement.remove_adjustment(s, p["staff1"], second, "晚了")


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code_ = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code_, out, err


# --- PostgreSQL: the database's own refusals, as real logins ------------------------------------

def _state(engine, sql: str, **params: object) -> str | None:
    try:
        with engine.begin() as c:
            c.execute(text(sql), params)
    except DBAPIError as exc:
        return getattr(exc.orig, "sqlstate", None)
    return None


def frozen_in_sql(pg_db, sid: int) -> None:
    """The draft's vouchers made its items and marked (verification's first half), so that a
    login may take the step in plain SQL."""
    with pg_db.admin_db.session() as s, s.begin():
        freeze(s, s.get_one(Settlement, sid))


@pytest.mark.postgres
def test_a_draft_is_verified_in_sql_only_once_frozen(pg_db, tmp_path) -> None:
    """The server refuses to verify a draft whose vouchers were not made its items."""
    build(pg_db, tmp_path)
    p = people(pg_db)
    with pg_db.open_as("oper").session() as s, s.begin():
        sid = settlement.generate(s, p["oper"], OCT, today=TODAY).settlement_id
    staff1 = pg_db.open_as("staff1")
    with staff1.engine.begin() as c, pytest.raises(DBAPIError, match="既未计入也未列为不计入"):
        c.execute(text("UPDATE settlement SET status = 'verified' WHERE id = :i"), {"i": sid})


@pytest.mark.postgres
def test_four_eyes_and_freezing_by_the_database(pg_db, tmp_path, capsys) -> None:
    build(pg_db, tmp_path)
    p = people(pg_db)
    staff1 = pg_db.open_as("staff1")
    boss = pg_db.open_as("boss")
    with staff1.session() as s, s.begin():
        sid = settlement.generate(s, p["staff1"], OCT, today=TODAY).settlement_id
    with pg_db.admin_db.engine.begin() as c:  # C gets a bank account; regenerate
        c.execute(text("UPDATE venue SET bank_account_number = '6222', bank_account_name = 'C' "
                       "WHERE credit_code = :c"), {"c": C_VENUE})
    with pg_db.open_as("oper").session() as s, s.begin():
        settlement.generate(s, p["oper"], OCT, today=TODAY)
    # a login in both groups (the DBA's doing) verifies in SQL (the draft's vouchers frozen
    # first, as the service's verification does); the server refuses its approval
    frozen_in_sql(pg_db, sid)
    pg_db.admin_db.engine.dispose()
    with pg_db.admin_db.engine.begin() as c:
        c.execute(text("GRANT jd_bureau_approver TO staff1"))
    assert _state(staff1.engine, "UPDATE settlement SET status = 'verified' WHERE id = :i",
                  i=sid) is None
    with pg_db.admin_db.engine.connect() as c:
        who = c.execute(text("SELECT verified_by FROM settlement WHERE id = :i"),
                        {"i": sid}).scalar_one()
    assert who == "staff1"
    with staff1.engine.begin() as c, pytest.raises(DBAPIError, match="四眼原则"):
        c.execute(text("UPDATE settlement SET status = 'approved' WHERE id = :i"), {"i": sid})
    # the CLI as that login: the same refusal
    url = pg_db.target.with_login("staff1", "Passw0rd!x").render_as_string(hide_password=False)
    code_, _out, err = _run(capsys, "settlement", "approve", "--month", "2026-10",
                            "--database-url", url)
    assert code_ == 1 and ("四眼原则" in err or "无权" in err), err
    # verified: frozen for everyone but the steps
    for sql in ("UPDATE settlement_line SET subsidy = subsidy + 1 WHERE settlement_id = :i",
                "DELETE FROM settlement_item WHERE settlement_id = :i",
                "UPDATE settlement SET subsidy = subsidy + 1 WHERE id = :i",
                "INSERT INTO settlement_exclusion (settlement_id, voucher_id, reason, detail) "
                "SELECT :i, min(id), 'flagged', '' FROM voucher"):
        assert _state(staff1.engine, sql, i=sid) in ("JD422", "42501"), sql
    # a payment before approval is refused
    assert _state(staff1.engine, "UPDATE settlement_line SET status = 'paid', paid_on = "
                  "current_date, payment_reference = 'R' WHERE settlement_id = :i", i=sid) \
        == "JD422"
    # the approver approves; the server stamps who and when
    with boss.session() as s, s.begin():
        settlement.approve(s, p["boss"], sid)
    with pg_db.admin_db.engine.connect() as c:
        row_ = c.execute(text("SELECT status, verified_by, approved_by FROM settlement "
                              "WHERE id = :i"), {"i": sid}).one()
    assert tuple(row_) == ("approved", "staff1", "boss")
    # approved: immutable; paid only with a date and a reference
    for sql in ("UPDATE settlement SET subsidy = 0 WHERE id = :i",
                "UPDATE settlement_line SET subsidy = 0 WHERE settlement_id = :i",
                "DELETE FROM settlement_line WHERE settlement_id = :i",
                "UPDATE settlement SET status = 'paid' WHERE id = :i"):
        assert _state(pg_db.open_as("staff2").engine, sql, i=sid) in ("JD422", "42501"), sql
    assert _state(staff1.engine, "UPDATE settlement_line SET status = 'paid' "
                  "WHERE settlement_id = :i", i=sid) in ("22023", "23514")
    # even the DBA cannot break the totals or the four eyes
    assert _state(pg_db.admin_db.engine, "UPDATE settlement SET subsidy = subsidy + 1 "
                  "WHERE id = :i", i=sid) == "23514"
    assert _state(pg_db.admin_db.engine, "UPDATE settlement_line SET subsidy = subsidy + 1 "
                  "WHERE id = (SELECT min(id) FROM settlement_line WHERE settlement_id = :i)",
                  i=sid) == "23514"
    assert _state(pg_db.admin_db.engine, "UPDATE settlement SET approved_by = verified_by "
                  "WHERE id = :i", i=sid) == "23514"
    # an app login never marks vouchers itself
    assert _state(staff1.engine, "UPDATE voucher SET settlement_id = :i "
                  "WHERE settlement_id IS NULL", i=sid) == "42501"


@pytest.mark.postgres
def test_two_concurrent_generations_give_one_settlement(pg_db, tmp_path) -> None:
    build(pg_db, tmp_path)
    p = people(pg_db)
    first_done, release = threading.Event(), threading.Event()
    results: dict[str, object] = {}

    def run(login: str, wait_for_other: bool) -> None:
        database = pg_db.open_as(login)
        try:
            with database.session() as s, s.begin():
                if wait_for_other:
                    first_done.wait(30)
                    release.set()
                results[login] = settlement.generate(s, p[login], OCT, today=TODAY)
                if not wait_for_other:
                    first_done.set()
                    release.wait(30)
                    threading.Event().wait(1.0)  # the other is blocked on the month meanwhile
        except UserError as exc:
            results[login] = exc

    threads = [threading.Thread(target=run, args=("oper", False)),
               threading.Thread(target=run, args=("staff1", True))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    assert isinstance(results["oper"], settlement.GenerateResult)
    assert isinstance(results["staff1"], InvalidInput), results["staff1"]
    assert "刚刚由他人生成" in str(results["staff1"])
    with pg_db.admin_db.session() as s:
        assert len(s.scalars(select(Settlement)).all()) == 1
        assert s.scalars(select(SettlementItem)).all() == []  # (a draft holds no voucher)
        assert len(s.scalars(select(SettlementExclusion)).all()) == 3
        assert len(s.scalars(select(SettlementLine)).all()) == 3


@pytest.mark.postgres
def test_a_crash_mid_generation_leaves_nothing(pg_db, tmp_path, monkeypatch) -> None:
    build(pg_db, tmp_path)
    p = people(pg_db)
    gen = sys.modules["jd_admin.services.settlement.generate"]

    def boom(*_a, **_k):
        raise ConnectionError("connection lost")

    monkeypatch.setattr(gen, "_budget_overruns", boom)
    with pytest.raises(ConnectionError), pg_db.open_as("oper").session() as s, s.begin():
        settlement.generate(s, p["oper"], OCT, today=TODAY)
    with pg_db.admin_db.session() as s:
        assert s.scalars(select(Settlement)).all() == []
        assert s.scalars(select(Voucher.id).where(Voucher.settlement_id.is_not(None))).all() == []


@pytest.mark.postgres
def test_every_step_as_real_logins_in_sql(pg_db, tmp_path) -> None:
    """Each declared step tried in SQL by every role's login: taken by exactly its roles."""
    build(pg_db, tmp_path)
    p = people(pg_db)
    with pg_db.admin_db.engine.begin() as c:
        c.execute(text("UPDATE venue SET bank_account_number = '6222', bank_account_name = 'C' "
                       "WHERE credit_code = :c"), {"c": C_VENUE})
    with pg_db.open_as("oper").session() as s, s.begin():
        sid = settlement.generate(s, p["oper"], OCT, today=TODAY).settlement_id
    frozen_in_sql(pg_db, sid)
    engines = {name: pg_db.open_as(name).engine for name in p}

    def taken_by(sql: str, **params: object) -> set[str]:
        """The logins whose try changes a row (each try rolled back)."""
        out = set()
        for name, engine in engines.items():
            with engine.connect() as c:
                try:
                    changed = c.execute(text(sql), {"i": sid, **params}).rowcount
                except DBAPIError as exc:
                    assert exc.orig.sqlstate in ("42501", "JD422"), (name, exc)
                    changed = 0
                c.rollback()
            if changed:
                out.add(name)
        return out

    verify = "UPDATE settlement SET status = 'verified' WHERE id = :i"
    approve = "UPDATE settlement SET status = 'approved' WHERE id = :i"
    back = "UPDATE settlement SET status = 'draft', return_reason = 'r' WHERE id = :i"
    pay = ("UPDATE settlement_line SET status = 'paid', paid_on = current_date, "
           "payment_reference = 'R' WHERE settlement_id = :i")
    assert taken_by(verify) == {"staff1", "staff2"}
    # adjustments are bureau staff's, not the operator's (who may insert venue lines)
    assert _state(engines["oper"],
                  "INSERT INTO settlement_line (settlement_id, venue_id, venue_name, kind, "
                  "corrects_line_id, reason, voucher_count, carried_count, face_total, subsidy, "
                  "concession, order_total, citizen_paid, by_face, no_bank_account, status) "
                  "SELECT :i, venue_id, venue_name, 'adjustment', id, 'x', 0, 0, 0, 100, 0, 0, "
                  "0, '[]', false, 'unpaid' FROM settlement_line WHERE settlement_id = :i "
                  "LIMIT 1", i=sid) == "42501"
    assert taken_by(approve) == taken_by(back) == taken_by(pay) == set()
    with engines["staff1"].begin() as c:
        c.execute(text(verify), {"i": sid})
    assert taken_by(approve) == {"boss", "boss2"}
    assert taken_by(back) == {"staff1", "staff2", "boss", "boss2"}
    assert taken_by(pay) == set()
    with engines["boss"].begin() as c:
        c.execute(text(approve), {"i": sid})
    assert taken_by(back) == {"boss", "boss2"}
    assert taken_by(pay) == {"staff1", "staff2"}
    assert taken_by(verify) == set()


def test_verification_refuses_a_draft_whose_vouchers_changed_since_it_was_generated(
        test_db, tmp_path) -> None:
    """A voucher of the month imported after generation: verification is refused with
    "regenerate first" and nothing is frozen; regenerated, the draft verifies with it. On
    SQLite (no server to check) a voucher whose order amount changed under the draft is refused
    as well: the service compares every figure of a line, as the server does."""
    build(test_db, tmp_path)
    p = people(test_db)
    with test_db.admin_db.session() as s, s.begin():
        oct_id = settlement.generate(s, p["oper"], OCT, today=TODAY).settlement_id
        before = {ln.venue_name: line_figures(ln) for ln in settlement.lines(s, p["boss"], oct_id)}
    late = row("O10", "13900009999", t(10, 20, 9), t(10, 20, 15), face="20", batch="2026-AUT",
               venue=GOOD_VENUE, order="60")
    with test_db.admin_db.session() as s, s.begin():
        importer.import_vouchers(s, test_db.system_actor,
                                 write_csv(tmp_path / "late.csv", [late]), key=KEY)

    def refused() -> None:
        with (pytest.raises(InvalidInput, match="请重新生成后再核定"),
              test_db.admin_db.session() as s, s.begin()):  # (the refusal rolls back)
            settlement.verify(s, p["staff1"], oct_id)
        with test_db.admin_db.session() as s:
            assert s.get_one(Settlement, oct_id).status == "draft"
            assert s.scalars(select(SettlementItem)).all() == []
            assert s.scalars(select(Voucher.code).where(
                Voucher.settlement_id == oct_id)).all() == []

    refused()
    with test_db.admin_db.session() as s, s.begin():
        settlement.generate(s, p["oper"], OCT, today=TODAY)
        after = {ln.venue_name: line_figures(ln) for ln in settlement.lines(s, p["boss"], oct_id)}
    changed = [name for name in before if before[name] != after[name]]
    assert len(changed) == 1 and after[changed[0]][0] == before[changed[0]][0] + 1
    if not test_db.is_postgres:  # (SQLite: no server check behind the service's)
        with test_db.admin_db.session() as s, s.begin():
            s.execute(update(Voucher).where(Voucher.code == "O3").values(
                order_amount=D("75"), paid_amount=Voucher.paid_amount + D("15")))
        refused()
        with test_db.admin_db.session() as s, s.begin():
            settlement.generate(s, p["oper"], OCT, today=TODAY)
    with test_db.admin_db.session() as s, s.begin():
        settlement.verify(s, p["staff1"], oct_id)
    with test_db.admin_db.session() as s:
        assert s.get_one(Settlement, oct_id).status == "verified"
        assert "O10" in s.scalars(select(Voucher.code).where(
            Voucher.settlement_id == oct_id)).all()


def test_the_upgrade_fills_the_per_batch_sums_of_earlier_settlements(test_db, tmp_path) -> None:
    """Settlements made before migration 0020 get their per-batch subsidy from their items, so
    budgets count every settled month (downgraded below 0020 and upgraded again)."""
    from jd_admin import db

    build(test_db, tmp_path)
    p = people(test_db)
    settle_september(test_db, p)
    with test_db.admin_db.session() as s:
        sept = s.scalars(select(Settlement).where(Settlement.month == SEPT)).one()
        expected = sorted(sept.by_batch, key=lambda e: e["batch_id"])
        from_items = dict(s.execute(
            select(Voucher.batch_id, func.sum(Voucher.subsidy))
            .join(SettlementItem, SettlementItem.voucher_id == Voucher.id)
            .where(SettlementItem.settlement_id == sept.id).group_by(Voucher.batch_id)).all())
    assert expected and {e["batch_id"]: D(e["subsidy"]) / 100 for e in expected} == from_items
    engine = test_db.admin_db.engine
    test_db.admin_db.engine.dispose()
    db.downgrade(engine, "0019")
    db.upgrade(engine, "0020")
    engine.dispose()
    with engine.connect() as c:
        raw = c.execute(text("SELECT by_batch FROM settlement WHERE month = :m"),
                        {"m": SEPT}).scalar_one()
    filled = json.loads(raw) if isinstance(raw, str) else raw
    assert sorted(filled, key=lambda e: e["batch_id"]) == expected
    db.upgrade(engine)

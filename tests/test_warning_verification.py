"""Early warning (issue 12): verifying and deciding a warning, the warning filed by hand, and
the hold on settlement — an open warning's vouchers are not in the month's settlement; closed
as normal they appear in the next one as carried over; closed as a violation never. Steps and
refusals per role through the services, and as real logins in SQL on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from test_settlement import NOV, OCT, TODAY, build, people, settle_september
from voucher_support import GOOD_VENUE, SUSPENDED_VENUE

from jd_admin.domain.errors import IllegalTransition, InvalidInput, PermissionDenied
from jd_admin.domain.warnings import verify_by
from jd_admin.models import (
    AuditEvent,
    InspectionAssignment,
    Settlement,
    SettlementItem,
    SettlementLine,
    Venue,
    VenueWarning,
    Voucher,
)
from jd_admin.services import my_tasks, settlement, warnings
from jd_admin.services.settlement.generate import freeze
from jd_admin.services.warnings import Decision

OCT5, OCT6 = dt.date(2026, 10, 5), dt.date(2026, 10, 6)
DEC = dt.date(2026, 12, 1)


def venue_id(test_db, credit: str) -> int:
    with test_db.admin_db.session() as s:
        return s.scalars(select(Venue.id).where(Venue.credit_code == credit)).one()


def file(test_db, actor, credit: str, day: dt.date, codes: list[str], *,
         period_end: dt.date | None = None) -> int:
    with test_db.admin_db.session() as s, s.begin():
        return warnings.file_warning(
            s, actor, venue_id(test_db, credit), day, "同一时段多名市民在场馆外集中核销",
            "平台监控日志：核销定位均不在场馆 500 米范围内", period_end=period_end,
            voucher_codes=codes, today=TODAY)


def paid_codes(test_db, actor, month: dt.date) -> dict[str, dt.date | None]:
    """The vouchers the month's settlement pays, with the month each is carried from."""
    with test_db.admin_db.session() as s:
        found = settlement.find(s, actor, month)
        return {v.code: v.carried_from for line in settlement.lines(s, actor, found.id)
                if line.kind == "regular"
                for v in settlement.line_vouchers(s, actor, line.id)}


def excluded(test_db, actor, month: dt.date) -> dict[str, tuple[str, str]]:
    with test_db.admin_db.session() as s:
        found = settlement.find(s, actor, month)
        return {e.voucher.code: (e.reason, e.detail)
                for e in settlement.exclusions(s, actor, found.id)}


def test_held_while_open_released_as_carried_over_or_deducted_for_good(test_db, tmp_path) -> None:
    build(test_db, tmp_path)
    p = people(test_db)
    test_db.make_user("insp2", "inspector")
    settle_september(test_db, p)
    normal = file(test_db, p["oper"], GOOD_VENUE, OCT5, ["O1", "O2"], period_end=OCT6)
    violation = file(test_db, p["staff1"], GOOD_VENUE, dt.date(2026, 10, 7), ["O3"])
    # October: the two warnings' vouchers are held, with the warning named
    with test_db.admin_db.session() as s, s.begin():
        octo = settlement.generate(s, p["oper"], OCT, today=TODAY)
    assert (octo.vouchers, octo.excluded) == (7, 6)
    assert excluded(test_db, p["boss"], OCT) == {
        "X1": ("no_venue", ""), "X2": ("flagged", "MIN_ORDER"), "X3": ("not_redeemable", ""),
        "O1": ("under_warning", f"预警#{normal}"), "O2": ("under_warning", f"预警#{normal}"),
        "O3": ("under_warning", f"预警#{violation}")}
    assert not {"O1", "O2", "O3"} & set(paid_codes(test_db, p["boss"], OCT))
    with test_db.admin_db.session() as s, s.begin():
        settlement.verify(s, p["staff1"], octo.settlement_id)
    # verified and decided
    with test_db.admin_db.session() as s, s.begin():
        warnings.start(s, p["staff1"], normal, "staff2")
        warnings.start(s, p["staff1"], violation, "staff1")
    with test_db.admin_db.session() as s, s.begin():
        closed = warnings.close(s, p["staff2"], normal, Decision(
            False, "电话回访 2 名市民，确认本人到场消费"))
        assert (closed.status, closed.vouchers, closed.already_paid) == ("closed_normal", 2, 0)
    with test_db.admin_db.session() as s, s.begin():
        closed = warnings.close(s, p["staff1"], violation, Decision(
            True, "场馆承认代客核销", rectify_inspector="insp2",
            rectify_due=dt.date(2026, 12, 15), suspend_reason="代客核销套取补贴"),
            today=TODAY)
    assert closed.status == "closed_violation" and closed.suspended
    assert "所涉消费券 1 张不予结算" in closed.decision and "暂停定点资格" in closed.decision
    with test_db.admin_db.session() as s:
        w = s.get_one(VenueWarning, violation)
        assert (w.venue_suspended, w.closed_by, w.finding) == (True, "staff1", "场馆承认代客核销")
        plan = s.scalars(select(InspectionAssignment).where(
            InspectionAssignment.plan_id == w.rectification_plan_id)).one()
        assert (plan.venue_id, plan.inspector, plan.due_on) == (
            w.venue_id, "insp2", dt.date(2026, 12, 15))
        assert s.get_one(Venue, w.venue_id).status == "suspended"
    # November: the released ones carried over from October, the violation's never
    with test_db.admin_db.session() as s, s.begin():
        nov = settlement.generate(s, p["oper"], NOV, today=dt.date(2026, 12, 31))
    paid = paid_codes(test_db, p["boss"], NOV)
    assert paid == {"N1": None, "O1": OCT, "O2": OCT}
    assert nov.carried == 2
    # the violation's voucher, held in October, is listed with its final word — once
    assert excluded(test_db, p["boss"], NOV) == {"O3": ("warning_violation", f"预警#{violation}")}
    with test_db.admin_db.session() as s, s.begin():  # the server's check agrees (PostgreSQL)
        settlement.verify(s, p["staff1"], nov.settlement_id)
    with test_db.admin_db.session() as s, s.begin():
        settlement.generate(s, p["oper"], DEC, today=dt.date(2027, 1, 31))
    assert excluded(test_db, p["boss"], DEC) == {}


def test_a_warning_raised_after_generation_makes_verification_ask_to_regenerate(
        test_db, tmp_path) -> None:
    build(test_db, tmp_path)
    p = people(test_db)
    settle_september(test_db, p)
    with test_db.admin_db.session() as s, s.begin():
        sid = settlement.generate(s, p["oper"], OCT, today=TODAY).settlement_id
    file(test_db, p["oper"], GOOD_VENUE, OCT5, ["O1"])
    with test_db.admin_db.session() as s, s.begin(), pytest.raises(InvalidInput,
                                                                   match="重新生成"):
        settlement.verify(s, p["staff1"], sid)


def test_steps_and_refusals_per_role(test_db, tmp_path) -> None:
    build(test_db, tmp_path)
    p = people(test_db)
    with pytest.raises(PermissionDenied):
        file(test_db, p["nxc"], GOOD_VENUE, OCT5, ["O1"])
    with test_db.admin_db.session() as s, s.begin():
        good = venue_id(test_db, GOOD_VENUE)

        def filed(**kw: object) -> None:
            args: dict[str, object] = {"explanation": "x", "evidence": "y", "today": TODAY,
                                       **kw}
            warnings.file_warning(s, p["oper"], good, OCT5, **args)  # type: ignore[arg-type]

        with pytest.raises(InvalidInput, match="证据"):
            filed(evidence=" ")
        with pytest.raises(InvalidInput, match="第 1 张券“O6”不是该场馆"):
            filed(voucher_codes=["O6"])  # redeemed at another venue
        with pytest.raises(InvalidInput, match="第 2 张券“NOPE”不存在"):
            filed(voucher_codes=["O1", "NOPE"])
        with pytest.raises(InvalidInput, match="第 1 张券“O2”不是该场馆在预警期间"):
            filed(voucher_codes=["O2"])  # the 6th, the warning is of the 5th
        with pytest.raises(InvalidInput, match="晚于今天"):
            warnings.file_warning(s, p["oper"], good, TODAY + dt.timedelta(days=1), "x", "y",
                                  today=TODAY)
    wid = file(test_db, p["oper"], GOOD_VENUE, OCT5, ["O1"])
    with pytest.raises(InvalidInput, match="已有人工上报的预警"):
        file(test_db, p["oper"], GOOD_VENUE, OCT5, [])
    with test_db.admin_db.session() as s, s.begin():
        for who in ("oper", "boss", "admin1", "nxc", "insp"):
            with pytest.raises(PermissionDenied):
                warnings.start(s, p[who], wid, "staff1")
        with pytest.raises(InvalidInput, match="须先开始核查"):
            warnings.close(s, p["staff1"], wid, Decision(False, "正常"))
        with pytest.raises(InvalidInput, match="不是在用的区体育局经办人"):
            warnings.start(s, p["staff1"], wid, "boss")
    with test_db.admin_db.session() as s, s.begin():
        warnings.start(s, p["staff1"], wid, "staff1")
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(IllegalTransition):
            warnings.start(s, p["staff1"], wid, "staff2")
        with pytest.raises(InvalidInput, match="核查结论"):
            warnings.close(s, p["staff1"], wid, Decision(False, "  "))
        with pytest.raises(InvalidInput, match="核查正常的预警不能"):
            warnings.close(s, p["staff1"], wid, Decision(False, "正常", suspend_reason="x"))
        with pytest.raises(InvalidInput, match=r"暂停.*原因"):
            warnings.close(s, p["staff1"], wid, Decision(True, "违规", suspend_reason=" "))
        with pytest.raises(InvalidInput, match="原因"):
            warnings.reassign(s, p["staff1"], wid, "staff2", "")
        warnings.reassign(s, p["staff1"], wid, "staff2", "staff1 出差")
    with test_db.admin_db.session() as s, s.begin():
        assert s.get_one(VenueWarning, wid).assigned_to == "staff2"
        warnings.close(s, p["staff2"], wid, Decision(False, "核实无异常"))
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(IllegalTransition):
            warnings.close(s, p["staff2"], wid, Decision(True, "改判"))
    with test_db.admin_db.session() as s:  # when, from, to, why — in the venue's 街镇
        trail = s.execute(select(AuditEvent.actor, AuditEvent.from_state, AuditEvent.to_state,
                                 AuditEvent.comment, AuditEvent.subdistrict_id)
                          .where(AuditEvent.entity_type == "venue_warning",
                                 AuditEvent.entity_id == str(wid),
                                 AuditEvent.operation.is_(None))
                          .order_by(AuditEvent.id)).all()
    assert [tuple(t[1:4]) for t in trail] == [  # (the actor: the login on PostgreSQL)
        (None, "open", "同一时段多名市民在场馆外集中核销"),
        ("open", "verifying", None),
        (None, None, "staff1 出差"),
        ("verifying", "closed_normal", "核实无异常")]
    assert {t[4] for t in trail} == {4}


def test_my_tasks_show_open_warnings_and_overdue_verifications(test_db, tmp_path) -> None:
    assert verify_by(dt.date(2026, 11, 27)) == dt.date(2026, 12, 4)  # a Friday: next Friday
    build(test_db, tmp_path)
    p = people(test_db)
    wid = file(test_db, p["oper"], GOOD_VENUE, OCT5, ["O1"])
    other = file(test_db, p["oper"], SUSPENDED_VENUE, OCT5, ["O6"])
    with test_db.admin_db.session() as s, s.begin():
        warnings.start(s, p["staff1"], other, "staff2")
    raised = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
    with test_db.admin_db.session() as s, s.begin():
        s.execute(text("UPDATE venue_warning SET created_at = :t"), {"t": raised})
    later = dt.datetime(2026, 12, 9, 9, tzinfo=dt.UTC)  # after 5 working days (due the 8th)
    with test_db.admin_db.session() as s:
        staff1 = my_tasks.collect(s, p["staff1"], raised)
        staff2 = my_tasks.collect(s, p["staff2"], later)
        boss = my_tasks.collect(s, p["boss"], raised)
    kinds = {(t.kind, t.target, t.urgent) for t in staff1}
    assert ("venue_warning", f"warning:{wid}", False) in kinds  # open: the bureau's
    assert not any(t.target == f"warning:{other}" for t in staff1)  # staff2's to verify
    mine = [t for t in staff2 if t.target == f"warning:{other}"]
    assert len(mine) == 1 and mine[0].urgent and "已逾期" in str(mine[0].detail)
    assert not [t for t in boss if t.kind == "venue_warning"]


@pytest.mark.postgres
def test_the_warning_rules_as_real_logins(pg_db, tmp_path) -> None:
    build(pg_db, tmp_path)
    p = people(pg_db)
    pg_db.make_user("jdz", "subdistrict", subdistrict="嘉定镇街道")
    with pg_db.open_as("oper").session() as s, s.begin():  # the operator files, as itself
        wid = warnings.file_warning(s, p["oper"], venue_id(pg_db, GOOD_VENUE), OCT5, "x", "y",
                                    voucher_codes=["O1"], today=TODAY)
        sid = settlement.generate(s, p["oper"], OCT, today=TODAY).settlement_id
    engines = {n: pg_db.open_as(n).engine for n in ("oper", "staff1", "nxc", "jdz")}

    def refused(who: str, sql: str, **params: object) -> str | None:
        try:
            with engines[who].begin() as c:
                changed = c.execute(text(sql), {"w": wid, **params}).rowcount
        except DBAPIError as exc:
            return str(exc.orig.sqlstate)
        return None if changed else "no row"

    # the operator neither decides nor verifies; nobody closes without verifying first
    assert refused("oper", "UPDATE venue_warning SET finding = 'ok' WHERE id = :w") == "42501"
    assert refused("oper", "UPDATE venue_warning SET status = 'verifying', "
                           "assigned_to = 'oper' WHERE id = :w") == "42501"
    assert refused("staff1", "UPDATE venue_warning SET status = 'closed_normal', "
                             "finding = 'x', assigned_to = 'staff1', closed_by = 'staff1', "
                             "closed_at = now() WHERE id = :w") is not None
    assert refused("staff1", "UPDATE venue_warning SET status = 'verifying', "
                             "assigned_to = 'oper' WHERE id = :w") == "JD422"  # not a verifier
    assert refused("staff1", "DELETE FROM warning_voucher") == "42501"
    # a subdistrict sees its own venues' warnings only
    with engines["nxc"].connect() as c:
        assert c.execute(text("SELECT count(*) FROM venue_warning")).scalar_one() == 1
        assert c.execute(text("SELECT count(*) FROM warning_voucher")).scalar_one() == 1
    with engines["jdz"].connect() as c:
        assert c.execute(text("SELECT count(*) FROM venue_warning")).scalar_one() == 0
    # a verification in SQL that pays a held voucher is refused by the server's check
    with pg_db.admin_db.session() as s, s.begin():
        o2 = s.scalars(select(Voucher.id).where(Voucher.code == "O2")).one()
    with engines["staff1"].begin() as c:
        c.execute(text("UPDATE venue_warning SET status = 'verifying', assigned_to = 'staff1' "
                       "WHERE id = :w"), {"w": wid})
        # vouchers go onto open warnings only
    assert refused("oper", "INSERT INTO warning_voucher (warning_id, voucher_id) "
                           "VALUES (:w, :v)", v=o2) == "42501"
    with pg_db.admin_db.session() as s, s.begin():  # O1 made an item behind the hold's back
        freeze(s, s.get_one(Settlement, sid))
        line = s.scalars(select(SettlementLine).where(
            SettlementLine.settlement_id == sid,
            SettlementLine.venue_id == venue_id(pg_db, GOOD_VENUE))).one()
        o1 = s.scalars(select(Voucher.id).where(Voucher.code == "O1")).one()
        s.add(SettlementItem(settlement_id=sid, voucher_id=o1, line_id=line.id))
    assert refused("staff1", "UPDATE settlement SET status = 'verified' WHERE id = :s",
                   s=sid) == "JD422"
    # decided, it changes no more
    with engines["staff1"].begin() as c:
        c.execute(text("UPDATE venue_warning SET status = 'closed_normal', finding = '正常', "
                       "closed_by = 'staff1', closed_at = now() WHERE id = :w"), {"w": wid})
    assert refused("staff1", "UPDATE venue_warning SET finding = '改' WHERE id = :w") == "JD422"

"""My tasks for the monthly settlement (issue 10, item 4): the operator is asked to generate last
month once it has ended, bureau staff to verify and to pay, the approver to approve (not one
they verified), every step urgent once the month is overdue (month M due by the end of M+1)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from test_settlement import OCT, TODAY, build, people

from jd_admin.models import Venue
from jd_admin.services import clock, my_tasks, settlement
from jd_admin.services.navigation import Page


def noon(day: dt.date) -> dt.datetime:
    return clock.start_of_day(day) + dt.timedelta(hours=12)


def titles(test_db, who, day: dt.date) -> list[tuple[str, bool]]:
    with test_db.admin_db.session() as s:
        return [(str(t.title), t.urgent) for t in my_tasks.collect(s, who, noon(day))
                if t.page == Page.SETTLEMENT]


def test_settlement_tasks_per_role_and_overdue(test_db, tmp_path) -> None:
    build(test_db, tmp_path)
    p = people(test_db)
    assert settlement.settlement_tasks in my_tasks.PROVIDERS
    # October has ended and had redemptions: who generates is asked to
    assert titles(test_db, p["oper"], TODAY) == [("生成 2026-10 的结算", False)]
    assert titles(test_db, p["staff1"], TODAY) == [("生成 2026-10 的结算", False)]
    assert titles(test_db, p["boss"], TODAY) == []
    # in September (no redemptions in August in this ledger): nothing to generate
    assert titles(test_db, p["oper"], dt.date(2026, 9, 20)) == []
    assert titles(test_db, p["admin1"], TODAY) == titles(test_db, p["insp"], TODAY) == []
    with test_db.admin_db.session() as s, s.begin():  # C's bank account (approval needs it)
        c = s.scalars(select(Venue).where(Venue.name == "测试场馆C")).one()
        c.bank_name, c.bank_account_number = "银行", "6222000000000009"
        c.bank_account_name = "C"
    with test_db.admin_db.session() as s, s.begin():
        sid = settlement.generate(s, p["oper"], OCT, today=TODAY).settlement_id
    with test_db.admin_db.session() as s:
        task = next(t for t in my_tasks.collect(s, p["staff1"], noon(TODAY))
                    if t.page == Page.SETTLEMENT)
    assert (task.title, task.target, task.urgent) == ("核定 2026-10 的结算", "2026-10", False)
    assert "2026-11-30" in str(task.detail)
    assert titles(test_db, p["oper"], TODAY) == []  # generated: no task; not its step
    assert titles(test_db, p["boss"], TODAY) == []
    # overdue from December: urgent, also for those whose step it is not
    december = dt.date(2026, 12, 1)
    assert titles(test_db, p["staff1"], december) == [("核定 2026-10 的结算", True),
                                                      ("生成 2026-11 的结算", False)]
    assert titles(test_db, p["boss"], december) == [("2026-10 的结算已逾期", True)]
    with test_db.admin_db.session() as s, s.begin():
        settlement.verify(s, p["staff1"], sid)
    assert titles(test_db, p["boss"], TODAY) == [("审批 2026-10 的结算", False)]
    assert titles(test_db, p["staff1"], TODAY) == []
    with test_db.admin_db.session() as s, s.begin():
        settlement.approve(s, p["boss"], sid)
    assert titles(test_db, p["staff1"], TODAY) == [("登记 2026-10 结算的拨付", False)]
    assert titles(test_db, p["boss"], TODAY) == []
    assert titles(test_db, p["boss"], december) == [("2026-10 的结算已逾期", True)]
    with test_db.admin_db.session() as s, s.begin():
        for n, line in enumerate(settlement.lines(s, p["staff1"], sid)):
            settlement.record_payment(s, p["staff1"], line.id, TODAY, f"R{n}")
    # paid: nothing, not even overdue (November's generation is asked for)
    assert titles(test_db, p["staff1"], december) == [("生成 2026-11 的结算", False)]

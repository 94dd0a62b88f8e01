"""Drill (issue 14): two clients edit the same record — an application, a venue, a rule version
(and a batch), a settlement line. The second is told who changed it and when (the trail's last
change: ``services/audit`` ``last_change``; on PostgreSQL ``jd_last_change``, migration 0032,
since a login reads only its own audit rows or its 街镇's), and nothing is overwritten.

On PostgreSQL every client is its own login (so the trail's actor is the login, as at a desk);
on SQLite two sessions on one file."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import threading
from decimal import Decimal

import pytest
from conftest import TEST_PASSWORD
from recruitment_support import application_input, draft_application, open_call
from sqlalchemy import select, text
from test_settlement import SEPT, build, settle_september
from test_settlement import people as settlement_people

from jd_admin import db
from jd_admin.domain.errors import StaleRecord
from jd_admin.domain.roles import Role
from jd_admin.models import AppUser, AuditEvent, FaceValueRule, IssuanceBatch, SettlementLine, Venue
from jd_admin.services import audit, clock, settlement
from jd_admin.services.accounts import users
from jd_admin.services.actor import Actor
from jd_admin.services.recruitment import applications as recruitment
from jd_admin.services.register import status as register
from jd_admin.services.vouchers import rules

#: "…已于 2026-12-01 10:32 被 徐丽华（bureau1）修改，请刷新后重试"
WHO_WHEN = re.compile(
    r"已于 (\d{4}-\d\d-\d\d \d\d:\d\d) [被由] (\S+)（(\w+)）(修改|添加)，请刷新后重试")


class Desk:
    """One client: a user and the database as that user opens it."""

    def __init__(self, test_db, username: str) -> None:
        self.actor: Actor = test_db.actor(username)
        self.db: db.Database = (test_db.open_as(username) if test_db.is_postgres
                                else test_db.admin_db)


def person(test_db, username: str, full_name: str, role: Role,
           subdistrict: str | None = None) -> None:
    with test_db.admin_db.session() as s, s.begin():
        users.create_user(s, test_db.system_actor, username, full_name, role, TEST_PASSWORD,
                          subdistrict, must_change_password=False)


def refused(exc: pytest.ExceptionInfo[StaleRecord], name: str, user: str,
            verb: str = "修改") -> None:
    """The refusal names ``name`` (``user``) and a time of today's last minutes."""
    found = WHO_WHEN.search(str(exc.value))
    assert found, str(exc.value)
    at, who, login, how = found.groups()
    assert (who, login, how) == (name, user, verb)
    moment = dt.datetime.strptime(at, "%Y-%m-%d %H:%M").replace(tzinfo=clock.SHANGHAI)
    assert abs(moment - clock.now()) < dt.timedelta(minutes=10)


def test_an_application_edited_at_two_desks(test_db) -> None:
    person(test_db, "nx1", "王芳", Role.SUBDISTRICT, "南翔镇")
    person(test_db, "nx2", "徐丽华", Role.SUBDISTRICT, "南翔镇")
    test_db.make_user("staff_a", Role.BUREAU_STAFF)
    call_id = open_call(test_db, test_db.actor("staff_a"))
    app_id = draft_application(test_db, test_db.actor("nx1"), call_id)
    first, second = Desk(test_db, "nx2"), Desk(test_db, "nx1")
    with second.db.session() as s:  # the second desk's form is filled from this version
        version = recruitment.application_detail(s, second.actor, app_id).version
    with first.db.session() as s, s.begin():
        recruitment.update_application(s, first.actor, app_id, application_input(name="甲改的名字"),
                                       expected_version=version)
    with second.db.session() as s, s.begin():
        with pytest.raises(StaleRecord) as exc:
            recruitment.update_application(s, second.actor, app_id,
                                           application_input(name="乙改的名字"),
                                           expected_version=version)
    refused(exc, "徐丽华", "nx2")
    assert str(exc.value).startswith("该申请已于")
    with test_db.admin_db.session() as s:
        detail = recruitment.application_detail(s, test_db.actor("nx1"), app_id)
        assert detail.data.venue_name == "甲改的名字" and detail.version > version


def test_a_venue_suspended_at_two_desks(test_db) -> None:
    person(test_db, "bureau1", "徐丽华", Role.BUREAU_STAFF)
    person(test_db, "bureau2", "蔡志强", Role.BUREAU_STAFF)
    with test_db.admin_db.session() as s, s.begin():
        venue_id = s.scalars(select(Venue.id)).first() or _venue(s)
        version = s.get(Venue, venue_id).version
    first, second = Desk(test_db, "bureau1"), Desk(test_db, "bureau2")
    with first.db.session() as s, s.begin():
        register.change_status(s, first.actor, venue_id, "suspended", "安全检查不合格",
                               expected_version=version)
    with second.db.session() as s, s.begin():
        with pytest.raises(StaleRecord) as exc:
            register.change_status(s, second.actor, venue_id, "withdrawn", "主动退出",
                                   expected_version=version)
    refused(exc, "徐丽华", "bureau1")
    with test_db.admin_db.session() as s:
        venue = s.get(Venue, venue_id)
        assert (venue.status, venue.status_reason) == ("suspended", "安全检查不合格")


def test_an_account_changed_at_two_desks(test_db) -> None:
    """An account (the administrators' page): on PostgreSQL the server's account functions
    refuse the stale version (JD409); the refusal names who changed it and when all the same."""
    person(test_db, "admin1", "王喆", Role.ADMIN)
    person(test_db, "admin2", "陆敏", Role.ADMIN)
    person(test_db, "clerk", "朱晓燕", Role.BUREAU_STAFF)
    with test_db.admin_db.session() as s:
        version = s.scalar(select(AppUser.version).where(AppUser.username == "clerk"))
    first, second = Desk(test_db, "admin1"), Desk(test_db, "admin2")
    with first.db.session() as s, s.begin():
        users.set_active(s, first.actor, "clerk", False, "调岗", expected_version=version)
    with second.db.session() as s, s.begin():
        with pytest.raises(StaleRecord) as exc:
            users.reset_password(s, second.actor, "clerk", "Another#Pass9",
                                 expected_version=version)
    refused(exc, "王喆", "admin1")
    with test_db.admin_db.session() as s:
        assert s.scalar(select(AppUser.is_active).where(AppUser.username == "clerk")) is False


def _venue(s) -> int:
    from factories import venue
    return venue(s).id


def test_a_batch_and_a_rule_version_at_two_desks(test_db) -> None:
    person(test_db, "bureau1", "徐丽华", Role.BUREAU_STAFF)
    person(test_db, "bureau2", "蔡志强", Role.BUREAU_STAFF)
    person(test_db, "admin1", "系统管理员甲", Role.ADMIN)
    person(test_db, "admin2", "系统管理员乙", Role.ADMIN)
    today = clock.today()
    with test_db.admin_db.session() as s, s.begin():
        batch_id = rules.create_batch(s, test_db.actor("bureau1"), rules.BatchInput(
            "2027-01", "2027 年 1 月", Decimal("1000"),
            clock.start_of_day(today + dt.timedelta(days=1)),
            clock.start_of_day(today + dt.timedelta(days=30)), {Decimal("20"): 10}))
        version = s.get(IssuanceBatch, batch_id).version
    first, second = Desk(test_db, "bureau1"), Desk(test_db, "bureau2")
    with first.db.session() as s, s.begin():
        rules.set_batch_status(s, first.actor, batch_id, "active", expected_version=version)
    with second.db.session() as s, s.begin():
        with pytest.raises(StaleRecord) as exc:
            rules.set_batch_status(s, second.actor, batch_id, "active", expected_version=version)
    refused(exc, "徐丽华", "bureau1")

    # a face table of the same day, added at two desks: the second is told whose it is
    day = today + dt.timedelta(days=40)
    table = [rules.FaceValue(Decimal("20"), Decimal("15"), Decimal("5"), Decimal("40"))]
    admin1, admin2 = Desk(test_db, "admin1"), Desk(test_db, "admin2")
    with admin1.db.session() as s, s.begin():
        rules.add_face_table(s, admin1.actor, day, table)
    with admin2.db.session() as s, s.begin():
        with pytest.raises(StaleRecord) as exc:
            rules.add_face_table(s, admin2.actor, day, [rules.FaceValue(
                Decimal("20"), Decimal("10"), Decimal("10"), Decimal("40"))])
    refused(exc, "系统管理员甲", "admin1", "添加")
    with test_db.admin_db.session() as s:
        assert s.scalars(select(FaceValueRule.subsidy)
                         .where(FaceValueRule.effective_from == day)).all() == [Decimal("15")]


@pytest.mark.postgres
def test_a_rule_version_saved_at_the_same_moment(pg_db) -> None:
    """Both desks pass the check before either saved: the unique key refuses the second, which
    is told whose version it lost to (not a database error)."""
    person(pg_db, "admin1", "系统管理员甲", Role.ADMIN)
    person(pg_db, "admin2", "系统管理员乙", Role.ADMIN)
    day = clock.today() + dt.timedelta(days=40)
    admin1, admin2 = Desk(pg_db, "admin1"), Desk(pg_db, "admin2")
    stack = contextlib.ExitStack()
    first = stack.enter_context(admin1.db.session())
    first.begin()
    rules.add_face_table(first, admin1.actor, day, [rules.FaceValue(
        Decimal("20"), Decimal("15"), Decimal("5"), Decimal("40"))])
    outcome: list[BaseException | None] = []

    def second_desk() -> None:
        try:
            with admin2.db.session() as s, s.begin():
                rules.add_face_table(s, admin2.actor, day, [rules.FaceValue(
                    Decimal("20"), Decimal("10"), Decimal("10"), Decimal("40"))])
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=second_desk)
    thread.start()
    with pg_db.admin_db.engine.connect() as watch:  # wait until it waits on the first's key
        for _ in range(600):
            waiting = watch.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'")).scalar()
            watch.rollback()  # (the statistics are a snapshot per transaction)
            if waiting or not thread.is_alive():
                break
            threading.Event().wait(0.05)
    first.commit()
    stack.close()
    thread.join(60)
    assert len(outcome) == 1 and isinstance(outcome[0], StaleRecord), outcome
    refused(pytest.ExceptionInfo.from_exc_info(
        (StaleRecord, outcome[0], outcome[0].__traceback__)), "系统管理员甲", "admin1", "添加")
    with pg_db.admin_db.session() as s:
        assert s.scalars(select(FaceValueRule.subsidy)
                         .where(FaceValueRule.effective_from == day)).all() == [Decimal("15")]


def test_a_settlement_line_paid_at_two_desks(test_db, tmp_path) -> None:
    build(test_db, tmp_path)
    p = settlement_people(test_db)
    settle_september(test_db, p)
    with test_db.admin_db.session() as s:
        sid = settlement.find(s, p["staff1"], SEPT).id
        line_id = s.scalars(select(SettlementLine.id)
                            .where(SettlementLine.settlement_id == sid)).one()
    first, second = Desk(test_db, "staff1"), Desk(test_db, "staff2")
    paid_on = dt.date(2026, 11, 20)
    with first.db.session() as s, s.begin():
        settlement.record_payment(s, first.actor, line_id, paid_on, "R-FIRST")
    with second.db.session() as s, s.begin():
        with pytest.raises(StaleRecord) as exc:
            settlement.record_payment(s, second.actor, line_id, paid_on, "R-SECOND")
    refused(exc, "staff1", "staff1")
    assert str(exc.value).startswith("结算行“")
    with test_db.admin_db.session() as s:
        line = s.get(SettlementLine, line_id)
        assert (line.payment_reference, line.paid_by) == ("R-FIRST", "staff1")


@pytest.mark.postgres
def test_who_changed_a_record_is_told_only_of_records_the_login_reads(pg_db) -> None:
    """``jd_last_change`` reads the trail as the schema's owner, but answers a subdistrict
    login only of its own 街镇's records, and nobody of a table they may not read; it gives
    the actor and the time, nothing else of the trail."""
    person(pg_db, "nx1", "王芳", Role.SUBDISTRICT, "南翔镇")
    person(pg_db, "at1", "李娜", Role.SUBDISTRICT, "安亭镇")
    pg_db.make_user("staff_a", Role.BUREAU_STAFF)
    pg_db.make_user("insp1", Role.INSPECTOR)
    call_id = open_call(pg_db, pg_db.actor("staff_a"))
    app_id = draft_application(pg_db, pg_db.actor("nx1"), call_id)
    nanxiang, anting = Desk(pg_db, "nx1"), Desk(pg_db, "at1")
    with nanxiang.db.session() as s, s.begin():
        recruitment.update_application(s, nanxiang.actor, app_id, application_input(name="改名"))
    with nanxiang.db.session() as s:
        change = audit.last_change(s, "application", app_id)
        assert change is not None and (change.actor, change.actor_name) == ("nx1", "王芳")
        # a login reads only its own audit rows or its 街镇's: here the function is the way
        assert s.scalar(select(AuditEvent.actor).where(
            AuditEvent.entity_type == "application", AuditEvent.actor == "staff_a")) is None
    with anting.db.session() as s:
        assert audit.last_change(s, "application", app_id) is None
    with Desk(pg_db, "insp1").db.session() as s:  # the inspector reads no applications
        assert audit.last_change(s, "application", app_id) is None
        assert audit.last_change(s, "no_such_table", 1) is None
    with pg_db.admin_db.engine.connect() as c:
        columns = c.execute(text("SELECT * FROM jd_last_change('application', :i)"),
                            {"i": str(app_id)}).keys()
        assert list(columns) == ["actor", "full_name", "occurred_at"]


@pytest.mark.postgres
@pytest.mark.usefixtures("gui_thread_gc")
def test_a_save_that_loses_the_race_after_its_check_names_the_winner(
        qtbot, pg_db, bridge) -> None:
    """A record changed in memory and written at the flush, another desk's save committed in
    between (the services lock what they check, so this is the path of an edit that does
    not): the version column refuses the write (SQLAlchemy's StaleDataError, which names no
    record), and the desktop's save (``ops.run_db_op``) still tells who changed the record
    and when (``workflow.stale_after_flush``)."""
    from gui_support import wait_ops

    from jd_admin.models import Application
    from jd_admin.ui import ops

    person(pg_db, "nx1", "王芳", Role.SUBDISTRICT, "南翔镇")
    person(pg_db, "nx2", "徐丽华", Role.SUBDISTRICT, "南翔镇")
    pg_db.make_user("staff_a", Role.BUREAU_STAFF)
    app_id = draft_application(pg_db, pg_db.actor("nx1"), open_call(pg_db, pg_db.actor("staff_a")))
    winner, loser = Desk(pg_db, "nx2"), Desk(pg_db, "nx1")
    with loser.db.session() as s:
        version = s.get_one(Application, app_id).version

    def save(s, _progress) -> None:
        application = s.get_one(Application, app_id)  # the form's record, as loaded
        with winner.db.session() as other, other.begin():
            recruitment.update_application(other, winner.actor, app_id,
                                           application_input(name="甲改的名字"),
                                           expected_version=version)
        application.venue_name = "乙改的名字"  # written at the flush, over version ``version``

    failures: list[BaseException] = []
    ops.run_db_op(None, loser.db, save, on_failure=failures.append)
    wait_ops(qtbot)
    [failure] = failures
    assert isinstance(failure, StaleRecord)
    assert str(failure).startswith("该自荐申请已于"), str(failure)
    found = WHO_WHEN.search(str(failure))
    assert found and found.groups()[1:3] == ("徐丽华", "nx2")
    with pg_db.admin_db.session() as s:
        assert s.get_one(Application, app_id).venue_name == "甲改的名字"

"""Recruitment: calls, applications, their review workflow, scope, duplicates, bad input.

Every test runs on SQLite and on PostgreSQL; on PostgreSQL the "own connection" tests log in
as the person's own login role, so grants, row-level security and the workflow guard are
exercised as they are in production."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from recruitment_support import (
    PDF,
    advance,
    application_input,
    approved_application,
    credit_code,
    draft_application,
    open_call,
    people,
)
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from jd_admin.domain.errors import (
    IllegalTransition,
    InvalidInput,
    NotFound,
    PermissionDenied,
    StaleRecord,
)
from jd_admin.domain.permissions import Action
from jd_admin.domain.recruitment import APPLICATION_WORKFLOW
from jd_admin.domain.workflows import ALL_WORKFLOWS
from jd_admin.models import Application, AuditEvent, Role, Venue, VenueStatusChange, WorkflowStep
from jd_admin.services import clock
from jd_admin.services.actor import subdistrict_scope
from jd_admin.services.agreements import lifecycle as agreements
from jd_admin.services.recruitment import applications as recruitment
from jd_admin.services.recruitment.application_input import ApplicationInvalid, SportPrice
from jd_admin.services.register import export as register_export
from jd_admin.services.register import status as register
from jd_admin.services.register import venues


def count(test_db, model) -> int:
    with test_db.admin_db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def status_of(test_db, app_id: int) -> str:
    with test_db.admin_db.session() as s:
        return str(s.scalar(select(Application.status).where(Application.id == app_id)))


def test_workflow_table_in_database_matches_the_code(test_db) -> None:
    with test_db.admin_db.session() as s:
        in_db = sorted(tuple(r) for r in s.execute(
            select(WorkflowStep.entity_type, WorkflowStep.from_state, WorkflowStep.to_state,
                   WorkflowStep.role)).all())
    assert in_db == sorted(row for w in ALL_WORKFLOWS for row in w.rows())


def test_calls_are_the_bureaus(test_db) -> None:
    p = people(test_db)
    today = clock.today()
    data = recruitment.CallInput(
        "公告", today, today + dt.timedelta(days=9), ("public",), ("游泳",), "条件", "材料")
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(PermissionDenied):
            recruitment.create_call(s, p.nanxiang, data)
        with pytest.raises(InvalidInput, match="截止日期不能早于开始日期"):
            recruitment.create_call(s, p.staff, recruitment.CallInput(
                "公告", today, today - dt.timedelta(days=1), ("public",), ("游泳",),
                "条件", "材料"))
        call_id = recruitment.create_call(s, p.staff, data)
    with test_db.admin_db.session() as s:
        assert call_id not in [c.id for c in recruitment.list_calls(s, p.nanxiang)]
        # A draft is listed for exactly those who may print it (one rule: READ_DRAFT_CALLS).
        assert call_id not in [c.id for c in recruitment.list_calls(s, p.admin)]
        with pytest.raises(NotFound):
            recruitment.call_notice(s, p.admin, call_id, "区体育局")
        [draft] = [c for c in recruitment.list_calls(s, p.staff) if c.id == call_id]
        assert draft.editable
        assert recruitment.call_notice(s, p.staff, call_id, "区体育局").call_id == call_id
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(PermissionDenied):
            recruitment.set_call_status(s, p.nanxiang, call_id, "published")
    with test_db.admin_db.session() as s, s.begin():
        recruitment.set_call_status(s, p.staff, call_id, "published")
    with test_db.admin_db.session() as s:
        assert [c.editable for c in recruitment.list_calls(s, p.staff) if c.id == call_id] == [
            False]
        assert call_id in [c.id for c in recruitment.list_calls(s, p.admin)]
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(IllegalTransition):
            recruitment.set_call_status(s, p.staff, call_id, "published")
        recruitment.set_call_status(s, p.staff, call_id, "closed")
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(InvalidInput, match="不在报名期内"):
            recruitment.create_application(s, p.nanxiang, call_id, application_input())


def test_a_subdistrict_user_without_a_subdistrict_is_refused(test_db) -> None:
    """The own-subdistrict scope (services.actor.subdistrict_scope) for every list and record
    bound to it: a subdistrict account without its subdistrict sees nothing, by refusal."""
    p = people(test_db)
    lost = dataclasses.replace(p.nanxiang, subdistrict_id=None)
    assert subdistrict_scope(p.nanxiang, Action.READ_REGISTER) == p.nanxiang.subdistrict_id
    assert subdistrict_scope(p.staff, Action.READ_REGISTER) is None
    for action in (Action.READ_APPLICATIONS, Action.READ_REGISTER, Action.READ_AGREEMENTS):
        with pytest.raises(PermissionDenied, match="未设置所属街镇"):
            subdistrict_scope(lost, action)
    with test_db.admin_db.session() as s:
        with pytest.raises(PermissionDenied):
            recruitment.list_applications(s, lost)
        with pytest.raises(PermissionDenied):
            venues.list_venues(s, lost)
        with pytest.raises(PermissionDenied):
            register_export.register_entries(s, lost)
        with pytest.raises(PermissionDenied):
            agreements.list_agreements(s, lost)


def test_full_review_through_own_connections(test_db) -> None:
    """The whole workflow, each step by the person's own database connection."""
    p = people(test_db)
    call_id = open_call(test_db, p.staff)
    clerk_db = test_db.open_as("nx_clerk")
    staff_db = test_db.open_as("staff_a")
    code = credit_code()
    with clerk_db.session() as s, s.begin():
        app_id = recruitment.create_application(s, p.nanxiang, call_id, application_input(code))
        recruitment.add_attachment(s, p.nanxiang, app_id, "business_licence", "执照.pdf", PDF)
    with clerk_db.session() as s, s.begin():
        recruitment.transition(s, p.nanxiang, app_id, "submitted", None)
    with clerk_db.session() as s, s.begin():
        recruitment.transition(s, p.nanxiang, app_id, "subdistrict_approved", "材料齐全，同意推荐")
    with staff_db.session() as s, s.begin():
        listed = recruitment.list_applications(s, p.staff, status="subdistrict_approved")
        assert [r.id for r in listed] == [app_id]
        recruitment.transition(s, p.staff, app_id, "bureau_approved", "审定通过")
    with test_db.admin_db.session() as s:
        app = s.get(Application, app_id)
        assert app is not None and app.status == "bureau_approved"
        assert app.subdistrict_opinion == "材料齐全，同意推荐" and app.bureau_opinion == "审定通过"
        venue = s.get(Venue, app.venue_id)
        assert venue is not None and venue.status == "designated" and venue.credit_code == code
        changes = s.scalars(
            select(VenueStatusChange).where(VenueStatusChange.venue_id == venue.id))
        assert [(c.from_status, c.to_status) for c in changes] == [(None, "designated")]
        trail = s.execute(select(AuditEvent.actor, AuditEvent.from_state, AuditEvent.to_state)
                          .where(AuditEvent.entity_type == "application",
                                 AuditEvent.entity_id == str(app_id),
                                 AuditEvent.to_state.is_not(None))
                          .order_by(AuditEvent.id)).all()
    assert [tuple(t) for t in trail] == [
        ("nx_clerk", None, "draft"), ("nx_clerk", "draft", "submitted"),
        ("nx_clerk", "submitted", "subdistrict_approved"),
        ("staff_a", "subdistrict_approved", "bureau_approved")]
    with staff_db.session() as s:
        form = recruitment.review_form(s, p.staff, app_id)
    assert form.credit_code == code and form.bureau_opinion == "审定通过"
    assert form.subdistrict_reviewer == "nx_clerk"  # full name (make_user uses the user name)
    assert [h.to_label for h in form.history if h.to_label][-1] == "区体育局审定通过"


@pytest.mark.parametrize("transition", APPLICATION_WORKFLOW.transitions,
                         ids=lambda t: f"{t.source}->{t.target}")
def test_each_transition_only_by_its_role(test_db, transition) -> None:
    p = people(test_db)
    call_id = open_call(test_db, p.staff)
    app_id = draft_application(test_db, p.nanxiang, call_id)
    path = {
        "draft": [], "submitted": [(p.nanxiang, "submitted", None)],
        "subdistrict_approved": [(p.nanxiang, "submitted", None),
                                 (p.nanxiang, "subdistrict_approved", "同意")],
        "returned": [(p.nanxiang, "submitted", None), (p.nanxiang, "returned", "补材料")],
    }[transition.source]
    advance(test_db, app_id, path)
    allowed = next(a for a in p.all() if a.role in transition.roles)
    for actor in p.all():
        if actor.role in transition.roles:
            continue
        with test_db.admin_db.session() as s, s.begin():
            with pytest.raises((PermissionDenied, NotFound)):
                recruitment.transition(s, actor, app_id, transition.target, "意见")
    assert status_of(test_db, app_id) == transition.source
    if transition.comment_required:
        with test_db.admin_db.session() as s, s.begin():
            with pytest.raises(InvalidInput, match="意见"):
                recruitment.transition(s, allowed, app_id, transition.target, "  ")
    with test_db.admin_db.session() as s, s.begin():
        recruitment.transition(s, allowed, app_id, transition.target, "意见")
    assert status_of(test_db, app_id) == transition.target


@pytest.mark.parametrize(("path", "target"), [
    ([], "bureau_approved"), ([], "subdistrict_approved"),
    (["submitted"], "bureau_approved"), (["submitted", "rejected"], "submitted"),
    (["submitted", "subdistrict_approved", "bureau_approved"], "returned"),
])
def test_undeclared_transitions_raise(test_db, path, target) -> None:
    p = people(test_db)
    call_id = open_call(test_db, p.staff)
    app_id = draft_application(test_db, p.nanxiang, call_id)
    who = {"submitted": p.nanxiang, "subdistrict_approved": p.nanxiang, "rejected": p.nanxiang,
           "bureau_approved": p.staff}
    advance(test_db, app_id, [(who[t], t, "意见") for t in path])
    before = status_of(test_db, app_id)
    for actor in (p.nanxiang, p.staff):
        with test_db.admin_db.session() as s, s.begin():
            with pytest.raises(IllegalTransition, match="不能从"):
                recruitment.transition(s, actor, app_id, target, "意见")
    assert status_of(test_db, app_id) == before


def test_submit_needs_business_licence_and_stale_version_refused(test_db) -> None:
    p = people(test_db)
    call_id = open_call(test_db, p.staff)
    app_id = draft_application(test_db, p.nanxiang, call_id, with_licence=False)
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(InvalidInput, match="营业执照"):
            recruitment.transition(s, p.nanxiang, app_id, "submitted", None)
        version = recruitment.application_detail(s, p.nanxiang, app_id).version
        recruitment.add_attachment(s, p.nanxiang, app_id, "business_licence", "a.pdf", PDF)
        recruitment.update_application(
            s, p.nanxiang, app_id, application_input(name="改名后的场馆"))
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(StaleRecord):
            recruitment.transition(
                s, p.nanxiang, app_id, "submitted", None, expected_version=version)
    assert status_of(test_db, app_id) == "draft"


def test_subdistrict_scope_in_services(test_db) -> None:
    p = people(test_db)
    call_id = open_call(test_db, p.staff)
    app_id = draft_application(test_db, p.nanxiang, call_id)
    with test_db.admin_db.session() as s, s.begin():
        assert recruitment.list_applications(s, p.anting) == []
        assert [r.id for r in recruitment.list_applications(s, p.nanxiang)] == [app_id]
        assert [r.id for r in recruitment.list_applications(s, p.staff)] == [app_id]
        with pytest.raises(NotFound):
            recruitment.application_detail(s, p.anting, app_id)
        with pytest.raises(NotFound):
            recruitment.transition(s, p.anting, app_id, "submitted", None)
        with pytest.raises(NotFound):
            recruitment.add_attachment(s, p.anting, app_id, "photo", "x.pdf", PDF)
        with pytest.raises(NotFound):
            recruitment.update_application(s, p.anting, app_id, application_input())
        with pytest.raises(PermissionDenied):
            recruitment.list_applications(s, p.inspector)
    assert status_of(test_db, app_id) == "draft"


def test_subdistrict_scope_in_the_database(pg_db) -> None:
    """PostgreSQL itself keeps 安亭镇's login role away from 南翔镇's application."""
    p = people(pg_db)
    call_id = open_call(pg_db, p.staff)
    app_id = draft_application(pg_db, p.nanxiang, call_id)
    anting_db = pg_db.open_as("at_clerk")
    with anting_db.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM application")).scalar() == 0
        assert c.execute(text("SELECT count(*) FROM application_sport")).scalar() == 0
        assert c.execute(text(
            "SELECT count(*) FROM attachment WHERE application_id IS NOT NULL")).scalar() == 0
        assert c.execute(text("UPDATE application SET venue_name = 'x' WHERE id = :i"),
                         {"i": app_id}).rowcount == 0
        c.execute(text("SET jd.subdistrict = '4'"))  # a client-settable setting widens nothing
        assert c.execute(text("SELECT count(*) FROM application")).scalar() == 0
        c.rollback()
        with pytest.raises(DBAPIError) as refused:
            c.execute(text(
                "INSERT INTO application (call_id, subdistrict_id, venue_name, venue_type, "
                "address, credit_code, legal_representative, contact_name, contact_mobile, "
                "opening_hours, capacity, safety_measures, bank_name, bank_account_name, "
                "bank_account_number, status, created_by, version, created_at, updated_at) "
                "VALUES (:c, 4, 'x', 'public', 'x', 'x', 'x', 'x', 'x', 'x', "
                "1, '', 'x', 'x', '12345678', 'draft', 'x', 1, now(), now())"), {"c": call_id})
        assert refused.value.orig.sqlstate == "42501"
    nanxiang_db = pg_db.open_as("nx_clerk")
    with nanxiang_db.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM application")).scalar() == 1
        with pytest.raises(DBAPIError) as guarded:  # the workflow guard: no skipping to approval
            c.execute(text("UPDATE application SET status = 'bureau_approved' WHERE id = :i"),
                      {"i": app_id})
        assert guarded.value.orig.sqlstate == "JD422"
        c.rollback()
    operator_db = pg_db.open_as("oper_a")
    with operator_db.engine.connect() as c, pytest.raises(DBAPIError) as denied:
        c.execute(text("SELECT count(*) FROM application"))
    assert denied.value.orig.sqlstate == "42501"
    assert status_of(pg_db, app_id) == "draft"


def test_duplicates_refused_with_reason(test_db) -> None:
    p = people(test_db)
    call_id = open_call(test_db, p.staff)
    code = credit_code()
    first = draft_application(test_db, p.nanxiang, call_id, code)
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(InvalidInput, match="已有未完结的申请 SQ-"):
            recruitment.create_application(s, p.anting, call_id, application_input(code))
    advance(test_db, first,
            [(p.nanxiang, "submitted", None), (p.nanxiang, "rejected", "不符合条件")])
    second = draft_application(test_db, p.anting, call_id, code)  # after a rejection: allowed
    advance(test_db, second, [(p.anting, "submitted", None),
                              (p.anting, "subdistrict_approved", "同意"),
                              (p.staff, "bureau_approved", "通过")])
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(InvalidInput, match="已在定点场馆名录中"):
            recruitment.create_application(s, p.nanxiang, call_id, application_input(code))
    assert count(test_db, Application) == 2


def test_withdrawn_venue_can_apply_again_and_is_redesignated(test_db) -> None:
    p = people(test_db)
    call_id = open_call(test_db, p.staff)
    code = credit_code()
    app_id = approved_application(test_db, p, call_id, code)
    with test_db.admin_db.session() as s, s.begin():
        venue_id = s.scalar(select(Application.venue_id).where(Application.id == app_id))
        register.change_status(s, p.staff, venue_id, "withdrawn", "停业")
    again = approved_application(test_db, p, call_id, code)
    with test_db.admin_db.session() as s:
        assert s.scalar(select(Application.venue_id).where(Application.id == again)) == venue_id
        venue = s.get(Venue, venue_id)
        assert venue is not None and venue.status == "designated"
        assert [h.to_status for h in register.status_history(s, venue_id)] == [
            "designated", "withdrawn", "designated"]
        # the re-designation is the venue workflow's step, recorded like every other step
        steps = s.execute(select(AuditEvent.action, AuditEvent.from_state, AuditEvent.to_state)
                          .where(AuditEvent.entity_type == "venue",
                                 AuditEvent.entity_id == str(venue_id),
                                 AuditEvent.operation.is_(None))  # notes, not trigger rows
                          .order_by(AuditEvent.id)).all()
        assert [tuple(r) for r in steps] == [("退出", "designated", "withdrawn"),
                                             ("重新定点", "withdrawn", "designated")]


def test_withdrawn_venue_is_not_redesignated_by_hand(test_db) -> None:
    p = people(test_db)
    call_id = open_call(test_db, p.staff)
    app_id = approved_application(test_db, p, call_id, credit_code())
    with test_db.admin_db.session() as s, s.begin():
        venue_id = s.scalar(select(Application.venue_id).where(Application.id == app_id))
        register.change_status(s, p.staff, venue_id, "withdrawn", "停业")
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(InvalidInput, match="重新提交自荐申请"):
            register.change_status(s, p.staff, venue_id, "designated", "恢复")


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"credit_code": "91310114MA1G8J2K36"}, "统一社会信用代码", "校验"),
    ({"credit_code": "91310114MA1G8J2K3"}, "统一社会信用代码", "18"),
    ({"contact_mobile": "12345"}, "联系人手机", ""),
    ({"bank_account_number": "6222ABC1234567"}, "银行账号", "只能包含数字"),
    ({"bank_account_number": "1234"}, "银行账号", "8 到 32 位"),
    ({"sports": (SportPrice("游泳", Decimal("-5.00")),)}, "运动项目及挂牌价第 1 行", "不能为负数"),
    ({"sports": ()}, "运动项目及挂牌价", "至少"),
    ({"venue_name": "  "}, "场馆名称", "必须填写"),
    ({"longitude": 120.0, "latitude": 31.3}, "经度", "嘉定区范围"),
    ({"longitude": 121.3, "latitude": None}, "经度", "都填"),
    ({"capacity": -1}, "可容纳人数", "0 到 100000"),
])
def test_bad_input_names_the_field_and_saves_nothing(test_db, overrides, field, message) -> None:
    p = people(test_db)
    call_id = open_call(test_db, p.staff)
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(ApplicationInvalid) as bad:
            recruitment.create_application(s, p.nanxiang, call_id, application_input(**overrides))
    assert field in str(bad.value) and message in str(bad.value)
    assert count(test_db, Application) == 0


@pytest.mark.parametrize(("filename", "content", "message"), [
    ("notes.pdf", b"just some text", "不是 PDF、JPEG 或 PNG"),
    ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 20, "扩展名与内容不符"),
    ("empty.pdf", b"", "是空的"),
    ("big.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024), "超过 20 MB"),
])
def test_attachment_checked_by_content_and_size(test_db, filename, content, message) -> None:
    p = people(test_db)
    call_id = open_call(test_db, p.staff)
    app_id = draft_application(test_db, p.nanxiang, call_id, with_licence=False)
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(InvalidInput, match=message):
            recruitment.add_attachment(s, p.nanxiang, app_id, "photo", filename, content)
    with test_db.admin_db.session() as s:
        assert recruitment.application_detail(s, p.nanxiang, app_id).attachments == ()


def test_attachment_round_trip_and_tasks(test_db) -> None:
    from jd_admin.models.base import utcnow
    from jd_admin.services import my_tasks

    p = people(test_db)
    call_id = open_call(test_db, p.staff)
    app_id = draft_application(test_db, p.nanxiang, call_id)
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    with test_db.open_as("nx_clerk").session() as s, s.begin():
        info = recruitment.add_attachment(s, p.nanxiang, app_id, "photo", "外景.PNG", png)
    with test_db.open_as("staff_a").session() as s:
        got, content = recruitment.attachment_content(s, p.staff, app_id, info.id)
    assert content == png and got.media_type == "image/png" and got.size == len(png)
    with test_db.admin_db.session() as s:
        mine = [t.target for t in my_tasks.collect(s, p.nanxiang, utcnow())]
        assert str(app_id) in mine
        assert my_tasks.collect(s, p.anting, utcnow()) == []
    advance(test_db, app_id, [(p.nanxiang, "submitted", None),
                              (p.nanxiang, "subdistrict_approved", "同意")])
    with test_db.admin_db.session() as s:
        assert str(app_id) in [t.target for t in my_tasks.collect(s, p.staff, utcnow())]
        mine = my_tasks.collect(s, p.nanxiang, utcnow())
        assert [t for t in mine if t.target == str(app_id)] == []
    assert Role.SUBDISTRICT  # keeps the import used


def test_search_terms_are_literal(test_db) -> None:
    """% and _ typed in a search box are characters, not wildcards."""
    from jd_admin.services.register import venues

    p = people(test_db)
    call_id = open_call(test_db, p.staff)
    draft_application(test_db, p.nanxiang, call_id)
    with test_db.admin_db.session() as s:
        assert recruitment.list_applications(s, p.staff, search="%") == []
        assert recruitment.list_applications(s, p.staff, search="_") == []
        assert len(recruitment.list_applications(s, p.staff, search="健身")) == 1
        assert venues.list_venues(s, p.staff, search="%") == []


@pytest.mark.postgres
def test_an_application_is_frozen_once_submitted_in_the_database(pg_db) -> None:
    """Issue 9, finding 4, as the subdistrict's own login: after the bureau's approval it edited
    the application (bank account, the bureau's opinion) and deleted its coaches and material."""
    p = people(pg_db)
    call_id = open_call(pg_db, p.staff)
    decided = approved_application(pg_db, p, call_id)
    draft = draft_application(pg_db, p.nanxiang, call_id, code=credit_code(4242))
    clerk = pg_db.open_as("nx_clerk").engine

    def state(sql: str, app_id: int) -> str | None:
        with clerk.connect() as c:
            try:
                c.execute(text(sql), {"a": app_id})
            except DBAPIError as exc:
                return getattr(exc.orig, "sqlstate", None)
        return None

    def rows(sql: str, app_id: int) -> int:
        with clerk.begin() as c:
            return c.execute(text(sql), {"a": app_id}).rowcount

    edits = ("UPDATE application SET bank_account_number = '6222000000000000' WHERE id = :a",
             "UPDATE application SET bureau_opinion = '同意（伪造）' WHERE id = :a")
    for sql in edits:
        assert state(sql, decided) == "JD422", sql
    removals = ("DELETE FROM application_coach WHERE application_id = :a",
                "DELETE FROM application_sport WHERE application_id = :a",
                "DELETE FROM attachment WHERE application_id = :a")
    for sql in removals:
        assert rows(sql, decided) == 0, sql
    assert state("INSERT INTO application_sport (application_id, sport, list_price) "
                 "VALUES (:a, '保龄球', 5000)", decided) == "42501"
    # A draft is still the subdistrict's to edit, but the bureau's opinion is never its own.
    assert state(edits[0], draft) is None
    assert state(edits[1], draft) == "JD422"
    assert rows("DELETE FROM application_coach WHERE application_id = :a", draft) == 1
    with pg_db.admin_db.session() as s:
        detail = recruitment.application_detail(s, p.staff, decided)
        assert detail.attachments and detail.bureau_opinion == "审定通过"

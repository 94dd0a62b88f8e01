"""Three-party agreements: numbering, states, signing, immutability, renewal, expiry, and
whether a venue was redeemable on a date."""

from __future__ import annotations

import datetime as dt

import pytest
from recruitment_support import PDF, approved_application, open_call, people
from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError

from jd_admin import i18n
from jd_admin.domain.errors import IllegalTransition, InvalidInput, NotFound, PermissionDenied
from jd_admin.models import Agreement, Application, PartySetting
from jd_admin.models.base import utcnow
from jd_admin.services import clock, my_tasks
from jd_admin.services.agreements import candidates
from jd_admin.services.agreements import lifecycle as agreements
from jd_admin.services.register import status as register


def setup_approved(test_db):
    p = people(test_db)
    call_id = open_call(test_db, p.staff)
    app_id = approved_application(test_db, p, call_id)
    with test_db.admin_db.session() as s:
        venue_id = s.scalar(select(Application.venue_id).where(Application.id == app_id))
    return p, app_id, venue_id


def in_force(test_db, p, agreement_id: int, signed: dt.date | None = None) -> None:
    day = signed or clock.today()
    with test_db.admin_db.session() as s, s.begin():
        agreements.send_for_signature(s, p.staff, agreement_id)
        agreements.record_signatures(s, p.staff, agreement_id,
                                     bureau_on=day, venue_on=day, operator_on=day)
        agreements.attach_signed_scan(s, p.staff, agreement_id, "签署件.pdf", PDF)
        agreements.put_in_force(s, p.staff, agreement_id)


def test_generate_number_parties_and_face_values(test_db) -> None:
    p, app_id, _ = setup_approved(test_db)
    today = clock.today()
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(PermissionDenied):
            agreements.generate_from_application(s, p.nanxiang, app_id, today)
        first = agreements.generate_from_application(s, p.staff, app_id, today)
    with test_db.admin_db.session() as s:
        a = s.get(Agreement, first)
        assert a is not None
        assert a.number == f"JDTY-XY-{today.year}-0001"
        assert a.end_date == agreements.default_term(today)
        assert a.operator_name == "上海嘉动体育科技有限公司"
        assert a.bureau_name == "上海市嘉定区体育局"
        assert [f["face_value"] for f in a.face_values] == [
            "5.00", "10.00", "20.00", "30.00", "50.00", "80.00"]
        doc = agreements.document(s, p.staff, first)
        assert doc.parties[1].credit_code == a.venue_credit_code
        assert all(f.subsidy + f.concession == f.face_value for f in doc.face_values)
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(InvalidInput, match="未生效的协议"):
            agreements.generate_from_application(s, p.staff, app_id, today)
        agreements.terminate(s, p.staff, first, today, "信息有误，作废重出")
    with test_db.admin_db.session() as s, s.begin():
        second = agreements.generate_from_application(s, p.staff, app_id, today)
    with test_db.admin_db.session() as s:  # a number is never reused
        assert (s.scalar(select(Agreement.number).where(Agreement.id == second))
                == f"JDTY-XY-{today.year}-0002")


def test_generation_needs_operator_and_approved_application(test_db) -> None:
    p, app_id, _ = setup_approved(test_db)
    with test_db.admin_db.session() as s, s.begin():
        s.execute(PartySetting.__table__.delete().where(PartySetting.party == "operator"))
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(InvalidInput, match="缺少配送平台运营方的名称"):
            agreements.generate_from_application(s, p.staff, app_id, clock.today())
        with pytest.raises(InvalidInput, match="结束日期必须晚于开始日期"):
            agreements.generate_from_application(s, p.staff, app_id, clock.today(), clock.today())


def test_generation_is_refused_while_a_party_setting_is_empty(test_db) -> None:
    p, app_id, _ = setup_approved(test_db)
    with test_db.admin_db.session() as s, s.begin():
        s.execute(update(PartySetting).where(PartySetting.party == "bureau")
                  .values(representative="  "))
        s.execute(update(PartySetting).where(PartySetting.party == "operator")
                  .values(address=""))
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(InvalidInput) as refused:
            agreements.generate_from_application(s, p.staff, app_id, clock.today())
        message = str(refused.value)
        # each missing setting named with its party, and where to set it
        assert "区体育局的法定代表人/负责人" in message and "配送平台运营方的地址" in message
        assert "区体育局的名称" not in message and "系统管理 → 协议当事方" in message
        assert s.scalar(select(Agreement.id)) is None


def test_printing_an_agreement_with_an_empty_party_field_names_it(test_db) -> None:
    p, app_id, _ = setup_approved(test_db)
    with test_db.admin_db.session() as s, s.begin():
        agreement_id = agreements.generate_from_application(s, p.staff, app_id, clock.today())
    with test_db.admin_db.session() as s, s.begin():
        assert agreements.document(s, p.staff, agreement_id).missing == ()
        # cleared since (an agreement printed before the check existed reads the same)
        s.execute(update(PartySetting).where(PartySetting.party == "bureau")
                  .values(representative=""))
    with test_db.admin_db.session() as s, s.begin():
        assert agreements.document(s, p.staff, agreement_id).missing == (
            "区体育局的法定代表人/负责人",)


def test_in_force_needs_three_dates_and_scan(test_db) -> None:
    p, app_id, venue_id = setup_approved(test_db)
    today = clock.today()
    with test_db.admin_db.session() as s, s.begin():
        agreement_id = agreements.generate_from_application(s, p.staff, app_id, today)
        with pytest.raises(InvalidInput, match="不在签署中"):
            agreements.record_signatures(s, p.staff, agreement_id,
                                         bureau_on=today, venue_on=None, operator_on=None)
        with pytest.raises(IllegalTransition):
            agreements.put_in_force(s, p.staff, agreement_id)
    with test_db.admin_db.session() as s, s.begin():
        agreements.send_for_signature(s, p.staff, agreement_id)
        with pytest.raises(InvalidInput, match="不能晚于今天"):
            agreements.record_signatures(s, p.staff, agreement_id,
                                         bureau_on=today + dt.timedelta(days=1),
                                         venue_on=None, operator_on=None)
        agreements.record_signatures(s, p.staff, agreement_id,
                                     bureau_on=today, venue_on=today, operator_on=None)
        with pytest.raises(InvalidInput, match="配送平台的签署日期"):
            agreements.put_in_force(s, p.staff, agreement_id)
        agreements.record_signatures(s, p.staff, agreement_id,
                                     bureau_on=None, venue_on=None, operator_on=today)
        with pytest.raises(InvalidInput, match="扫描件"):
            agreements.put_in_force(s, p.staff, agreement_id)
        with pytest.raises(InvalidInput, match="不是 PDF"):
            agreements.attach_signed_scan(s, p.staff, agreement_id, "scan.pdf", b"plain text")
    with test_db.admin_db.session() as s:
        status = s.scalar(select(Agreement.status).where(Agreement.id == agreement_id))
        assert status == "out_for_signature"
        assert not register.redeemable_at(s, venue_id, utcnow()).redeemable
    with test_db.admin_db.session() as s, s.begin():
        agreements.attach_signed_scan(s, p.staff, agreement_id, "scan.pdf", PDF)
        agreements.put_in_force(s, p.staff, agreement_id)
    with test_db.admin_db.session() as s:
        a = s.get(Agreement, agreement_id)
        assert a is not None and a.status == "in_force" and a.in_force_from == today
        assert register.redeemable_at(s, venue_id, utcnow()).redeemable
        detail = agreements.agreement_detail(s, p.staff, agreement_id)
        assert len(detail.scans) == 1
        assert [h.to_state for h in detail.history if h.to_state][-1] == "in_force"


def test_agreement_in_force_is_immutable(test_db) -> None:
    p, app_id, _ = setup_approved(test_db)
    with test_db.admin_db.session() as s, s.begin():
        agreement_id = agreements.generate_from_application(s, p.staff, app_id, clock.today())
    in_force(test_db, p, agreement_id)
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(InvalidInput, match="不在签署中"):
            agreements.record_signatures(s, p.staff, agreement_id, bureau_on=clock.today(),
                                         venue_on=None, operator_on=None)
        with pytest.raises(InvalidInput, match="不在签署中"):
            agreements.attach_signed_scan(s, p.staff, agreement_id, "b.pdf", PDF)
    # And the database refuses a direct edit, even by the bureau's own login.
    if test_db.is_postgres:
        staff_db = test_db.open_as("staff_a")
        with staff_db.engine.connect() as c, pytest.raises(DBAPIError) as refused:
            c.execute(update(Agreement).where(Agreement.id == agreement_id)
                      .values(end_date=clock.today() + dt.timedelta(days=999)))
        assert refused.value.orig.sqlstate == "JD422"
        with staff_db.engine.connect() as c, pytest.raises(DBAPIError):
            c.execute(text("DELETE FROM agreement WHERE id = :i"), {"i": agreement_id})


def test_terminate_renew_expire_and_redeemability(test_db) -> None:
    p, app_id, venue_id = setup_approved(test_db)
    today = clock.today()
    with test_db.admin_db.session() as s, s.begin():
        agreement_id = agreements.generate_from_application(s, p.staff, app_id, today,
                                                            today + dt.timedelta(days=20))
    in_force(test_db, p, agreement_id)
    now = utcnow()
    with test_db.admin_db.session() as s:
        titles = [t.title for t in my_tasks.collect(s, p.staff, now)]
        assert any("将于" in t and "到期" in t for t in titles)
        assert register.redeemable_at(s, venue_id, now).redeemable
        assert not register.redeemable_at(s, venue_id, now + dt.timedelta(days=30)).redeemable
    with test_db.admin_db.session() as s, s.begin():
        register.change_status(s, p.staff, venue_id, "suspended", "巡查发现问题")
    later = utcnow()
    with test_db.admin_db.session() as s:
        assert not register.redeemable_at(s, venue_id, later).redeemable
        assert register.redeemable_at(s, venue_id, now).redeemable  # history: it was before
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(PermissionDenied):
            register.change_status(s, p.nanxiang, venue_id, "designated", "整改完成")
        register.change_status(s, p.staff, venue_id, "designated", "整改完成")
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(InvalidInput, match=r"终止意见|请填写"):
            agreements.terminate(s, p.staff, agreement_id, today, " ")
        renewal = agreements.renew(s, p.staff, agreement_id, today + dt.timedelta(days=21))
    with test_db.admin_db.session() as s:
        new = s.get(Agreement, renewal)
        assert new is not None and new.renews_id == agreement_id and new.status == "draft"
        renews = agreements.agreement_detail(s, p.staff, renewal).row.renews_number
        assert renews is not None and renews.endswith("0001")
    with test_db.admin_db.session() as s, s.begin():
        assert agreements.expire_due(s, p.staff, today + dt.timedelta(days=30)) == [
            s.scalar(select(Agreement.number).where(Agreement.id == agreement_id))]
        with pytest.raises(PermissionDenied):
            agreements.expire_due(s, p.nanxiang)


def test_signature_overdue_task(test_db) -> None:
    p, app_id, _ = setup_approved(test_db)
    with test_db.admin_db.session() as s, s.begin():
        agreement_id = agreements.generate_from_application(s, p.staff, app_id, clock.today())
        agreements.send_for_signature(s, p.staff, agreement_id)
    with test_db.admin_db.session() as s:
        assert not [t for t in my_tasks.collect(s, p.staff, utcnow()) if "送签" in t.title]
        later = utcnow() + dt.timedelta(days=15)
        overdue = [t for t in my_tasks.collect(s, p.staff, later) if "送签" in t.title]
        assert overdue and overdue[0].target == str(agreement_id) and overdue[0].urgent
        assert my_tasks.collect(s, p.approver, utcnow() + dt.timedelta(days=15)) == []


def test_subdistrict_reads_only_its_own_agreements_detail_print_and_scans(test_db) -> None:
    p, app_id, _ = setup_approved(test_db)  # a venue of 南翔镇
    with test_db.admin_db.session() as s, s.begin():
        agreement_id = agreements.generate_from_application(s, p.staff, app_id, clock.today())
    in_force(test_db, p, agreement_id)
    with test_db.admin_db.session() as s:
        [scan] = agreements.agreement_detail(s, p.staff, agreement_id).scans
        for reader in (p.nanxiang, p.approver, p.operator, p.inspector):
            assert [r.id for r in agreements.list_agreements(s, reader)] == [agreement_id]
            assert agreements.document(s, reader, agreement_id).number
            assert agreements.scan_content(s, reader, agreement_id, scan.id)[1] == PDF
        # Another subdistrict's clerk sees none of it: not listed, no detail, no print, no scan.
        assert agreements.list_agreements(s, p.anting) == []
        with pytest.raises(NotFound):
            agreements.agreement_detail(s, p.anting, agreement_id)
        with pytest.raises(NotFound):
            agreements.document(s, p.anting, agreement_id)
        with pytest.raises(NotFound):
            agreements.scan_content(s, p.anting, agreement_id, scan.id)
        # Whatever the interface language, the printed agreement's status is the Chinese one.
        i18n.set_language("en")
        try:
            assert agreements.agreement_detail(s, p.staff, agreement_id).row.status_label
            assert str(agreements.list_agreements(s, p.staff)[0].status_label) == "In force"
            assert agreements.document(s, p.staff, agreement_id).status_label == "生效"
        finally:
            i18n.set_language(i18n.DEFAULT_LANGUAGE)


def test_expiry_and_candidates_need_their_permission(test_db) -> None:
    p, app_id, _ = setup_approved(test_db)
    with test_db.admin_db.session() as s:
        assert [c.application_id for c in candidates.candidates(s, p.staff)] == [app_id]
        with pytest.raises(PermissionDenied, match="无权生成或续签三方协议"):
            candidates.candidates(s, p.approver)
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(PermissionDenied, match="无权将到期协议标记为已到期"):
            agreements.expire_due(s, p.approver)
        assert agreements.expire_due(s, test_db.system_actor) == []
        agreements.generate_from_application(s, p.staff, app_id, clock.today())
    with test_db.admin_db.session() as s:
        assert candidates.candidates(s, p.staff) == []  # the venue has an open agreement


@pytest.mark.postgres
def test_agreement_scans_are_the_bureaus_in_the_database(pg_db) -> None:
    """Issue 9, finding 1, as real login roles: a subdistrict login deleted or rewrote any
    agreement's signed scan; bureau staff could add scans to an agreement in force."""
    p, app_id, _ = setup_approved(pg_db)  # a venue of 南翔镇
    with pg_db.admin_db.session() as s, s.begin():
        agreement_id = agreements.generate_from_application(s, p.staff, app_id, clock.today())
    in_force(pg_db, p, agreement_id)
    scans = "SELECT count(*) FROM attachment WHERE agreement_id = :a"
    for clerk, sees in (("nx_clerk", 1), ("at_clerk", 0)):
        with pg_db.open_as(clerk).engine.begin() as c:
            assert c.execute(text(scans), {"a": agreement_id}).scalar_one() == sees, clerk
            assert c.execute(text("DELETE FROM attachment WHERE agreement_id IS NOT NULL")
                             ).rowcount == 0
        with pg_db.open_as(clerk).engine.connect() as c, pytest.raises(DBAPIError) as denied:
            c.execute(text("UPDATE attachment SET content = 'forged' WHERE agreement_id = :a"),
                      {"a": agreement_id})
        assert denied.value.orig.sqlstate == "42501"  # nobody updates an attachment
    staff = pg_db.open_as("staff_a").engine
    with staff.connect() as c:
        assert c.execute(text(scans), {"a": agreement_id}).scalar_one() == 1
    refused = (
        "UPDATE attachment SET filename = 'x.pdf' WHERE agreement_id = :a",
        "INSERT INTO attachment (agreement_id, kind, filename, media_type, size, sha256,"
        " content, uploaded_by, uploaded_at) VALUES (:a, 'signed_agreement', 'x.pdf',"
        " 'application/pdf', 4, 'x', '%PDF', 'staff_a', now())",
    )
    for sql in refused:
        with staff.connect() as c, pytest.raises(DBAPIError) as denied:
            c.execute(text(sql), {"a": agreement_id})
        assert denied.value.orig.sqlstate == "42501", sql
    with pg_db.admin_db.session() as s:
        [scan] = agreements.agreement_detail(s, p.staff, agreement_id).scans
        assert agreements.scan_content(s, p.staff, agreement_id, scan.id)[1] == PDF


@pytest.mark.postgres
def test_new_rows_start_in_their_initial_state_in_the_database(pg_db) -> None:
    """Issue 9, finding 2, as real login roles: a subdistrict login inserted an application
    directly as approved by the bureau; bureau staff an agreement directly in force."""
    from sqlalchemy import insert

    from jd_admin.domain.workflows import ALL_WORKFLOWS

    p, app_id, _ = setup_approved(pg_db)
    with pg_db.admin_db.session() as s, s.begin():
        agreement_id = agreements.generate_from_application(s, p.staff, app_id, clock.today())
    # The triggers' initial states are the domain's.
    with pg_db.admin_db.engine.connect() as c:
        args = c.execute(text(
            "SELECT encode(tgargs, 'escape') FROM pg_trigger WHERE tgname LIKE '%_initial_state'"
        )).scalars().all()
    declared = {(w.entity_type, w.initial.value) for w in ALL_WORKFLOWS}
    assert {tuple(a.split("\\000")[:2]) for a in args} == declared

    def copy_of(table, row_id: int, **changes: object) -> dict[str, object]:
        with pg_db.admin_db.engine.connect() as c:
            row = dict(c.execute(table.select().where(table.c.id == row_id)).mappings().one())
        row.pop("id")
        return {**row, **changes}

    cases = (
        ("nx_clerk", Application.__table__, app_id,
         {"status": "bureau_approved", "credit_code": "91310114MA1XXXXX01"}),
        ("staff_a", Agreement.__table__, agreement_id,
         {"status": "in_force", "number": "JDTY-XY-2099-9999"}),
    )
    for login, table, row_id, changes in cases:
        with pg_db.open_as(login).engine.connect() as c, pytest.raises(DBAPIError) as refused:
            c.execute(insert(table).values(**copy_of(table, row_id, **changes)))
        assert refused.value.orig.sqlstate == "JD422", login
    # In the initial state the same insert is not refused by the guard.
    with pg_db.open_as("staff_a").engine.begin() as c:
        c.execute(insert(Agreement.__table__).values(**copy_of(
            Agreement.__table__, agreement_id, status="draft", number="JDTY-XY-2099-9998")))


def test_bank_details_are_printed_only_for_those_who_may_read_them(test_db) -> None:
    """Issue 9, finding 10: the platform and the inspectors print the agreement without the
    venue's bank account and legal representative — on PostgreSQL through their own logins,
    which cannot read those columns at all."""
    p, app_id, _ = setup_approved(test_db)  # a venue of 南翔镇
    with test_db.admin_db.session() as s, s.begin():
        agreement_id = agreements.generate_from_application(s, p.staff, app_id, clock.today())
    in_force(test_db, p, agreement_id)
    for reader, may_read in ((p.staff, True), (p.approver, True), (p.admin, True),
                             (p.nanxiang, True), (p.operator, False), (p.inspector, False)):
        database = test_db.open_as(reader.username) if test_db.is_postgres else test_db.admin_db
        with database.session() as s, s.begin():
            venue = agreements.document(s, reader, agreement_id).parties[1]
        withheld = str(agreements.WITHHELD)
        assert (venue.bank != withheld and venue.representative != withheld) is may_read, reader
        assert (venue.bank.count("/") == 2) is may_read, reader
    if test_db.is_postgres:
        with test_db.open_as(p.inspector.username).engine.connect() as c, \
                pytest.raises(DBAPIError) as denied:
            c.execute(text("SELECT venue_bank FROM agreement"))
        assert denied.value.orig.sqlstate == "42501"

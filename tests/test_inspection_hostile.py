"""A hostile try at the inspection tables (issue 11) as the demo's real logins through plain SQL,
as anyone could in psql: what the server refuses, with its SQLSTATE (42501 privilege or row
security, JD422 / 22023 the guards of migrations 0022 and 0023). The holes the try found are
closed by migration 0023 and the matrix; the refusals that already held are kept here too.

The demo district (tests/conftest.py ``pg_demo``): inspector1's assignments are the first plan's
(one inspected and passed, one inspected with an order the venue has reported done, two still
assigned), inspector2's the second's (one inspected with its order issued, one assigned)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sql_support import sqlstate
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError
from test_inspections import _form, _item_id, logins  # noqa: F401  (the fixture)

from jd_admin.domain.errors import InvalidInput
from jd_admin.models import (
    AuditEvent,
    Inspection,
    InspectionAssignment,
    InspectionPhoto,
    RectificationOrder,
)
from jd_admin.services import clock
from jd_admin.services import inspections as insp
from jd_admin.services.demo.inspections import FAILED_ITEMS

pytestmark = pytest.mark.usefixtures("logins")
EXITS = "安全出口、疏散通道畅通，应急照明和疏散指示标志完好"  # serious


@dataclass(frozen=True)
class Ids:
    """The demo's rows each probe aims at."""

    passed: int  # inspector1's submitted, passed inspection (assignment done)
    mine: int  # inspector1's submitted inspection with an order (reported)
    theirs: int  # inspector2's submitted inspection with an order (issued)
    my_order: int
    their_order: int
    my_open: int  # an assignment of inspector1 still assigned
    my_open_venue: int
    my_other_open: int  # inspector1's other assignment still assigned
    their_open: int  # inspector2's assignment still assigned
    their_open_venue: int
    their_photo: int  # a finding photo of inspector2's inspection
    my_evidence: int  # the venue's evidence photo of inspector1's order
    my_photo: int  # a finding photo of inspector1's inspection


def _ids(pg_db) -> Ids:
    with pg_db.admin_db.session() as s:
        def inspection(inspector: str, result: str) -> int:
            return s.scalar(select(Inspection.id).join(
                InspectionAssignment, InspectionAssignment.id == Inspection.assignment_id)
                .where(InspectionAssignment.inspector == inspector,
                       Inspection.result == result))

        def open_assignments(inspector: str) -> list[InspectionAssignment]:
            return list(s.scalars(select(InspectionAssignment).where(
                InspectionAssignment.inspector == inspector,
                InspectionAssignment.status == "assigned").order_by(InspectionAssignment.id)))

        def order(inspection_id: int) -> int:
            return s.scalar(select(RectificationOrder.id).where(
                RectificationOrder.inspection_id == inspection_id))

        def photo(**where: int) -> int:
            return s.scalars(select(InspectionPhoto.id).filter_by(**where)).first()

        mine, theirs = inspection("inspector1", "rectify"), inspection("inspector2", "rectify")
        my_open, my_other = open_assignments("inspector1")[:2]
        their_open = open_assignments("inspector2")[0]
        return Ids(inspection("inspector1", "pass"), mine, theirs, order(mine), order(theirs),
                   my_open.id, my_open.venue_id, my_other.id, their_open.id,
                   their_open.venue_id,
                   photo(inspection_id=theirs), photo(order_id=order(mine)),
                   photo(inspection_id=mine))


@pytest.fixture
def hostile(logins):  # noqa: F811
    pg_db, demo = logins
    engines = {name: pg_db.open_as(name, demo[name].password).engine for name in (
        "inspector1", "inspector2", "bureau1", "approver1", "operator1", "admin", "jd04")}
    return pg_db, engines, _ids(pg_db), demo


NEW_INSPECTION = ("INSERT INTO inspection (assignment_id, venue_id, template_id, status, "
                  "inspectors, venue_contact, note, created_by, version{cols}) "
                  "VALUES ({a}, {v}, 1, '{status}', '姚俊', '王经理', '', 'x', 1{vals})")


def _new(a: object, v: object, status: str = "draft", **more: object) -> str:
    return NEW_INSPECTION.format(a=a, v=v, status=status,
                                 cols="".join(f", {c}" for c in more),
                                 vals="".join(f", {x}" for x in more.values()))


def _order(inspection: object, venue: object, number: str = "'X'",
           deadline: str = "'2030-01-01'") -> str:
    return ("INSERT INTO rectification_order (number, inspection_id, venue_id, deadline, status, "
            f"items, issued_by, issued_at, version) VALUES ({number}, {inspection}, {venue}, "
            f"{deadline}, 'issued', '[]', 'x', now(), 1)")


EVIDENCE = ("INSERT INTO inspection_photo (order_id, kind, content, width, height, sha256, "
            "caption, created_by, created_at) VALUES ({o}, 'evidence', 'x', 1, 1, 'x', '', "
            "'bureau1', now())")

#: (login, SQL with {ids}, SQLSTATE): the holes found (closed by 0023 and the matrix) first.
REFUSED = [
    # an inspector marks its own assignment done with nothing recorded (hole)
    ("inspector1", "UPDATE inspection_assignment SET status = 'done' WHERE id = {my_open}",
     "JD422"),
    # a draft with a result of its own choosing (hole)
    ("inspector1", _new("{my_open}", "{my_open_venue}", result="'pass'", score=10000), "JD422"),
    # an inspection of another venue on one's own done assignment, as a re-inspection of
    # inspector2's order or a correction of inspector2's inspection (hole)
    ("inspector1", _new("(SELECT assignment_id FROM inspection WHERE id = {passed})",
                        "(SELECT venue_id FROM rectification_order WHERE id = {their_order})",
                        reinspection_of="{their_order}"), "JD422"),
    ("inspector1", _new("(SELECT assignment_id FROM inspection WHERE id = {passed})",
                        "(SELECT venue_id FROM rectification_order WHERE id = {their_order})",
                        supersedes_id="{theirs}", correction_reason="'x'"), "JD422"),
    # a second order of one's own inspection, with a later deadline and a made-up number (hole)
    ("inspector1", _order("{mine}", "(SELECT venue_id FROM inspection WHERE id = {mine})"),
     "JD422"),
    # the order numbers turned back (hole)
    ("inspector1", "UPDATE order_number_counter SET last_number = 0", "JD422"),
    # the venue's report of a reported order rewritten (hole)
    ("inspector1", "UPDATE rectification_order SET report_note = 'x' WHERE id = {my_order}",
     "JD422"),
    # the bureau moves a done assignment to another venue or inspector, or marks one done (hole)
    ("bureau1", "UPDATE inspection_assignment SET venue_id = {my_open_venue} "
     "WHERE id = (SELECT assignment_id FROM inspection WHERE id = {passed})", "JD422"),
    ("bureau1", "UPDATE inspection_assignment SET inspector = 'inspector2' "
     "WHERE id = (SELECT assignment_id FROM inspection WHERE id = {mine})", "JD422"),
    ("bureau1", "UPDATE inspection_assignment SET status = 'done' WHERE id = {my_open}",
     "JD422"),
    # a checklist in use edited: its items changed or added to, its version renumbered (hole)
    ("bureau1", "UPDATE checklist_item SET serious = false WHERE template_id = 1", "42501"),
    ("admin", "UPDATE checklist_item SET text = 'x' WHERE id = 1", "42501"),
    ("bureau1", "INSERT INTO checklist_item (template_id, area, position, text, kind, weight, "
     "photo_on_fail, serious, applies_to, unit) VALUES (1, 'safety', 99, 'x', 'pass_fail', "
     "100, false, false, '', '')", "JD422"),
    ("bureau1", "UPDATE checklist_template SET version = 7", "JD422"),
    # an inspection's items deleted (hole: a draft's failed serious item could go)
    ("bureau1", "DELETE FROM inspection_item WHERE inspection_id = {mine}", "42501"),
    ("inspector1", "DELETE FROM inspection_item WHERE inspection_id = {mine}", "42501"),

    # --- what held already ---------------------------------------------------------------
    # an inspector and another inspector's rows
    ("inspector1", _new("{their_open}", "{their_open_venue}"), "42501"),
    ("inspector1", EVIDENCE.format(o="{their_order}"), "42501"),
    # an inspector and its own assignment's plan
    ("inspector1", "UPDATE inspection_assignment SET inspector = 'inspector2' "
     "WHERE id = {my_open}", "42501"),
    ("inspector1", "UPDATE inspection_assignment SET due_on = due_on + 30 WHERE id = {my_open}",
     "42501"),
    ("inspector1", "UPDATE inspection_assignment SET venue_id = venue_id WHERE id = {my_open}",
     "42501"),
    ("inspector1", "UPDATE inspection_assignment SET status = 'withdrawn' WHERE id = {my_open}",
     "JD422"),
    # an inspection born submitted; a submitted one changed
    ("inspector1", _new("{my_open}", "{my_open_venue}", status="submitted"), "JD422"),
    ("inspector1", "UPDATE inspection SET result = 'pass' WHERE id = {mine}", "JD422"),
    ("inspector1", "UPDATE inspection SET score = 10000 WHERE id = {mine}", "JD422"),
    ("inspector1", "UPDATE inspection SET status = 'superseded' WHERE id = {mine}", "JD422"),
    ("inspector1", "UPDATE inspection_photo SET content = 'x' WHERE id = {my_photo}", "42501"),
    # an order issued, closed, renumbered or re-dated by hand; evidence after the report
    ("inspector1", "UPDATE rectification_order SET status = 'closed' WHERE id = {my_order}",
     "JD422"),
    ("inspector1", "UPDATE rectification_order SET number = 'X' WHERE id = {my_order}", "JD422"),
    ("inspector1", "UPDATE rectification_order SET deadline = deadline + 30 "
     "WHERE id = {my_order}", "JD422"),
    ("inspector1", "UPDATE rectification_order SET items = '[]' WHERE id = {my_order}", "JD422"),
    ("inspector1", EVIDENCE.format(o="{my_order}"), "JD422"),
    # nothing deleted
    ("inspector1", "DELETE FROM inspection WHERE id = {mine}", "42501"),
    ("inspector1", "DELETE FROM rectification_order WHERE id = {my_order}", "42501"),
    ("inspector1", "DELETE FROM inspection_assignment WHERE id = {my_open}", "42501"),
    ("bureau1", "DELETE FROM inspection WHERE id = {mine}", "42501"),
    ("bureau1", "DELETE FROM rectification_order WHERE id = {my_order}", "42501"),
    ("bureau1", "UPDATE inspection_photo SET caption = 'x' WHERE id = {my_photo}", "42501"),
    ("bureau1", "DELETE FROM checklist_item WHERE template_id = 1", "42501"),
    # the audit trail: read, never written
    ("inspector1", "DELETE FROM audit_event WHERE entity_type = 'inspection'", "42501"),
    ("inspector1", "UPDATE audit_event SET comment = 'x' WHERE entity_type = 'inspection'",
     "42501"),
    ("bureau1", "DELETE FROM audit_event WHERE entity_type = 'inspection'", "42501"),
    ("admin", "UPDATE audit_event SET actor = 'x' WHERE entity_type = 'inspection'", "42501"),
    ("bureau1", "INSERT INTO audit_event (actor, entity_type, entity_id, action, occurred_at) "
     "VALUES ('x', 'inspection', '1', 'x', now())", "42501"),
    # the server's functions: none of the inspection guards is callable by a login
    ("inspector1", "SELECT jd_audit_scope('inspection', '{theirs}')", "42501"),
    ("bureau1", "SELECT jd_inspection_guard()", "42501"),
    ("bureau1", "SELECT jd_inspection_check()", "42501"),
    # a subdistrict, the approver, the admin, the operator: no writes; the operator no reads
    ("jd04", "UPDATE inspection SET note = 'x'", "42501"),
    ("jd04", "INSERT INTO inspection DEFAULT VALUES", "42501"),
    ("jd04", "UPDATE rectification_order SET status = 'reported'", "42501"),
    ("jd04", "UPDATE inspection_assignment SET status = 'done'", "42501"),
    ("jd04", EVIDENCE.format(o="{my_order}"), "42501"),
    ("jd04", "DELETE FROM inspection_photo", "42501"),
    ("approver1", "UPDATE inspection SET note = 'x'", "42501"),
    ("approver1", "UPDATE rectification_order SET report_note = 'x'", "42501"),
    ("admin", "UPDATE inspection SET note = 'x'", "42501"),
    ("admin", "INSERT INTO inspection_photo (inspection_id, kind, content, width, height, "
     "sha256, caption, created_by, created_at) VALUES ({mine}, 'finding', 'x', 1, 1, 'x', '', "
     "'x', now())", "42501"),
    *[("operator1", f"SELECT count(*) FROM {t}", "42501") for t in (
        "inspection", "inspection_item", "inspection_photo", "inspection_assignment",
        "rectification_order", "training_attendance")],
    ("operator1", "UPDATE inspection SET note = 'x'", "42501"),
]


@pytest.mark.parametrize(("login", "sql", "expected"), REFUSED,
                         ids=[f"{n}-{login}" for n, (login, _s, _e) in enumerate(REFUSED)])
def test_the_server_refuses(hostile, login: str, sql: str, expected: str) -> None:
    _pg_db, engines, ids, _demo = hostile
    assert sqlstate(engines[login], sql.format(**vars(ids))) == expected


def _count(engine: Engine, sql: str, **params: object) -> int:
    with engine.connect() as conn:
        return conn.execute(text(sql), params).scalar_one()


def test_rows_out_of_scope_are_not_there(hostile) -> None:
    """Another inspector's, another subdistrict's: not visible, so not changed either."""
    pg_db, engines, ids, _demo = hostile
    me = engines["inspector1"]
    for table, where in (("inspection", f"id = {ids.theirs}"),
                         ("inspection_item", f"inspection_id = {ids.theirs}"),
                         ("inspection_photo", f"id = {ids.their_photo}"),
                         ("rectification_order", f"id = {ids.their_order}"),
                         ("inspection_assignment", f"id = {ids.their_open}")):
        assert _count(me, f"SELECT count(*) FROM {table} WHERE {where}") == 0, table
    with me.begin() as conn:
        for sql in (f"UPDATE inspection_item SET passed = true WHERE inspection_id = {ids.theirs}",
                    f"UPDATE inspection SET status = 'superseded' WHERE id = {ids.theirs}",
                    f"UPDATE rectification_order SET status = 'reported' "
                    f"WHERE id = {ids.their_order}",
                    f"DELETE FROM inspection_photo WHERE id = {ids.their_photo}",
                    # a submitted inspection's photos and the venue's evidence: not deletable
                    f"DELETE FROM inspection_photo WHERE id IN ({ids.my_photo}, "
                    f"{ids.my_evidence})",
                    f"UPDATE inspection_assignment SET status = 'done' "
                    f"WHERE id = {ids.their_open}"):
            assert conn.execute(text(sql)).rowcount == 0, sql
        conn.rollback()
    # a subdistrict: its own venues' inspections, orders and photos only
    with pg_db.admin_db.engine.connect() as conn:
        own = conn.execute(text("SELECT s.id FROM subdistrict s JOIN app_user u "
                                "ON u.subdistrict_id = s.id WHERE u.username = 'jd04'")
                           ).scalar_one()
        photos = conn.execute(text(
            "SELECT count(*) FROM inspection_photo p LEFT JOIN inspection i "
            "ON i.id = p.inspection_id LEFT JOIN rectification_order o ON o.id = p.order_id "
            "JOIN venue v ON v.id = coalesce(i.venue_id, o.venue_id) "
            "WHERE v.subdistrict_id = :s"), {"s": own}).scalar_one()
    clerk = engines["jd04"]
    for table in ("inspection", "rectification_order", "inspection_assignment"):
        assert _count(clerk, f"SELECT count(*) FROM {table} t JOIN venue v ON v.id = t.venue_id "
                      "WHERE v.subdistrict_id <> :s", s=own) == 0
        # the venue join itself is scoped: count by the table's own venue ids too
        assert _count(clerk, f"SELECT count(*) FROM {table} WHERE venue_id NOT IN "
                      "(SELECT id FROM venue)") == 0
    assert _count(clerk, "SELECT count(*) FROM inspection_photo") == photos
    assert _count(clerk, "SELECT count(*) FROM venue WHERE subdistrict_id <> :s", s=own) == 0


def test_a_submission_is_the_items_result(hostile) -> None:
    """An inspector's own draft submitted by hand: the items must all be there, answered, and
    give the result claimed (hole: a draft with no items went in as 合格)."""
    pg_db, engines, ids, demo = hostile
    me = engines["inspector1"]
    submit = ("UPDATE inspection SET status = 'submitted', inspected_at = now(), "
              "result = :r, score = :s, rectify_by = current_date + 10 WHERE id = :i")
    with me.begin() as conn:  # an empty draft claimed as passed
        empty = conn.execute(text(_new(ids.my_open, ids.my_open_venue) + " RETURNING id")
                             ).scalar_one()
        conn.commit()
    assert sqlstate(me, submit, r="pass", s=10000, i=empty) == "JD422"
    # a draft started by the service, a serious item failed, claimed as passed
    actor = pg_db.actor("inspector1")
    database = pg_db.open_as("inspector1", demo["inspector1"].password)
    with database.session() as s, s.begin():
        draft = insp.start(s, actor, ids.my_other_open)
        insp.save_draft(s, actor, draft, _form(s, draft, {EXITS: False},
                                               clock.today() + dt.timedelta(days=5)))
        exits = _item_id(s, draft, EXITS)
        insp.add_photo(s, actor, draft, exits, _jpeg())
    assert sqlstate(me, submit, r="pass", s=10000, i=draft) == "JD422"
    assert sqlstate(me, submit, r="rectify", s=9500, i=draft) == "JD422"
    # an item left unanswered
    with me.connect() as conn:
        conn.execute(text("UPDATE inspection_item SET passed = NULL WHERE inspection_id = :i "
                          "AND kind = 'pass_fail' AND position = 2"), {"i": draft})
        with pytest.raises(DBAPIError) as refused:
            conn.execute(text(submit), {"r": "fail", "s": 9500, "i": draft})
        assert getattr(refused.value.orig, "sqlstate", None) == "22023"
        conn.rollback()
    # an item's snapshot changed, or a forged one added
    assert sqlstate(me, "UPDATE inspection_item SET serious = false WHERE id = :i",
                    i=exits) == "JD422"
    assert sqlstate(me, "INSERT INTO inspection_item (inspection_id, checklist_item_id, "
                    "position, area, text, kind, weight, serious, photo_on_fail, unit, "
                    "text_value, note, passed) VALUES (:i, 1, 99, 'prices', 'x', 'pass_fail', "
                    "100, false, false, '', '', '', true)", i=empty) == "JD422"
    # the right result goes in (the service's own computation agrees with the server's)
    with database.session() as s, s.begin():
        done = insp.submit(s, actor, draft, today=clock.today())
    assert done.result == "fail"
    with pg_db.admin_db.session() as s:
        row = s.get(Inspection, draft)
        assert (row.result, row.score) == (done.result, done.score)
        events = s.scalars(select(AuditEvent.operation).where(
            AuditEvent.entity_type == "inspection", AuditEvent.entity_id == str(draft))).all()
    assert "UPDATE" in events and "INSERT" in events  # the trail has the row's changes


def test_a_photo_says_who_added_it(hostile) -> None:
    pg_db, engines, ids, _demo = hostile
    me = engines["inspector1"]
    with me.begin() as conn:
        draft = conn.execute(text(_new(ids.my_open, ids.my_open_venue) + " RETURNING id")
                             ).scalar_one()
        photo = conn.execute(text(
            "INSERT INTO inspection_photo (inspection_id, kind, content, width, height, sha256, "
            "caption, created_by, created_at) VALUES (:i, 'finding', 'x', 1, 1, 'x', '', "
            "'bureau1', '2020-01-01') RETURNING id"), {"i": draft}).scalar_one()
    with pg_db.admin_db.session() as s:
        stored = s.get(InspectionPhoto, photo)
        assert stored.created_by == "inspector1" and stored.created_at.year >= 2026
    # the photo's bytes are out of the trail
    with pg_db.admin_db.engine.connect() as conn:
        trail = conn.execute(text("SELECT details::text FROM audit_event WHERE entity_type = "
                                  "'inspection_photo' AND entity_id = :p"),
                             {"p": str(photo)}).scalars().all()
    assert trail and all("content" not in t for t in trail)


def test_a_template_in_use_only_retires(hostile) -> None:
    """A version used by inspections: items never changed or added; a retired version stays
    retired and unused for new inspections; a new version works (through the service)."""
    pg_db, engines, ids, demo = hostile
    bureau = engines["bureau1"]
    with bureau.begin() as conn:
        conn.execute(text("UPDATE checklist_template SET status = 'retired' WHERE id = 1"))
    assert sqlstate(bureau, "UPDATE checklist_template SET status = 'active' WHERE id = 1") \
        == "JD422"
    assert sqlstate(bureau, "UPDATE checklist_template SET name = 'x' WHERE id = 1") == "JD422"
    me = engines["inspector1"]
    assert sqlstate(me, _new(ids.my_open, ids.my_open_venue)) == "JD422"  # retired checklist
    actor = pg_db.actor("inspector1")
    with pg_db.open_as("inspector1", demo["inspector1"].password).session() as s:
        with pytest.raises(InvalidInput, match="已停用"):
            insp.start(s, actor, ids.my_open, template_id=1)


def test_services_follow_the_guards(hostile) -> None:
    """What the server now refuses, the services refuse first with a message."""
    pg_db, _engines, ids, demo = hostile
    actor = pg_db.actor("bureau1")
    with pg_db.admin_db.session() as s, s.begin():
        assignment = s.scalar(select(Inspection.assignment_id).where(Inspection.id == ids.mine))
        with pytest.raises(InvalidInput):
            insp.reassign_assignment(s, actor, assignment, "inspector2", "改派")
    # re-inspection and correction still go through as the inspector's own login
    me = pg_db.actor("inspector1")
    database = pg_db.open_as("inspector1", demo["inspector1"].password)
    with database.session() as s, s.begin():
        again = insp.start_reinspection(s, me, ids.my_order)
        insp.submit(s, me, again, data=_form(s, again, {FAILED_ITEMS[0]: False},
                                             clock.today() + dt.timedelta(days=5)))
        fixed = insp.supersede(s, me, ids.passed, "录入有误")
        insp.submit(s, me, fixed, data=_form(s, fixed))


def _jpeg() -> bytes:
    from test_inspections import _jpeg as make

    return make((64, 48))

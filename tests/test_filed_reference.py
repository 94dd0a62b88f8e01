"""备案信息 (issue 11's checklist: "公示价格与备案价格一致", "在岗教练……与申请时备案的教练一致"):
the coaches filed with a venue's application, copied to the register (``venue_coach``) by the
designation step, read by the bureau, the venue's 街镇 and the inspectors the venue is assigned
to — in the services, and on PostgreSQL as the demo's real logins — never by the operator."""

from __future__ import annotations

from decimal import Decimal

import pytest
from recruitment_support import approved_application, open_call, people
from sql_support import sqlstate
from sqlalchemy import select, text
from test_inspections import logins  # noqa: F401  (the fixture)

from jd_admin.domain.errors import NotFound, PermissionDenied
from jd_admin.models import Application, InspectionAssignment, Venue, VenueCoach
from jd_admin.services import inspections as insp
from jd_admin.services.actor import actor_for_username


def test_designation_copies_the_filed_coaches_to_the_register(test_db) -> None:
    p = people(test_db)
    app_id = approved_application(test_db, p, open_call(test_db, p.staff))
    with test_db.admin_db.session() as s:
        venue_id = s.get_one(Application, app_id).venue_id
        coaches = s.execute(select(VenueCoach.name, VenueCoach.qualification,
                                   VenueCoach.certificate_number, VenueCoach.from_application_id)
                            .where(VenueCoach.venue_id == venue_id)).all()
        assert [tuple(c) for c in coaches] == [
            ("张伟", "游泳救生员国家职业资格（四级）", "JS2024-0001", app_id)]
        filed = insp.filed_reference(s, p.staff, venue_id)
        assert filed.sports == (("游泳", Decimal("60.00")), ("羽毛球", Decimal("80.00")))
        assert filed.coaches == (("张伟", "游泳救生员国家职业资格（四级）", "JS2024-0001"),)
        # the venue's own subdistrict reads them, another does not; nor the operator
        assert insp.filed_reference(s, p.nanxiang, venue_id).coaches == filed.coaches
        with pytest.raises(NotFound):
            insp.filed_reference(s, p.anting, venue_id)
        with pytest.raises(PermissionDenied):
            insp.filed_reference(s, p.operator, venue_id)
        # an inspector: not before the venue is assigned to it
        with pytest.raises(NotFound):
            insp.filed_reference(s, p.inspector, venue_id)


def test_every_demo_venue_has_its_coaches(demo_db) -> None:
    with demo_db.admin_db.session() as s:
        without = s.scalars(select(Venue.name).where(
            ~Venue.id.in_(select(VenueCoach.venue_id)))).all()
        assert without == []
        # the venues designated from an application: exactly the application's coaches
        from_apps = s.execute(select(VenueCoach.venue_id, VenueCoach.from_application_id)
                              .where(VenueCoach.from_application_id.is_not(None))).all()
        assert from_apps
        for venue_id, app_id in from_apps:
            assert s.get_one(Application, app_id).venue_id == venue_id


def test_an_inspector_reads_the_coaches_of_its_assigned_venues_only(demo_db) -> None:
    with demo_db.admin_db.session() as s:
        me = actor_for_username(s, "inspector1")
        mine = set(s.scalars(select(InspectionAssignment.venue_id).where(
            InspectionAssignment.inspector == "inspector1")))
        other = s.scalars(select(Venue.id).where(Venue.id.not_in(mine))).first()
        for venue_id in mine:
            assert insp.filed_reference(s, me, venue_id).coaches
        with pytest.raises(NotFound):
            insp.filed_reference(s, me, other)
        # and the inspection's detail carries them for the form
        row = insp.list_inspections(s, me)[0]
        detail = insp.inspection_detail(s, me, row.id)
        assert detail.filed == insp.filed_reference(s, me, row.venue_id)


# --- PostgreSQL: the server's row security, as the demo's real logins -------------------------

@pytest.mark.postgres
def test_the_filed_coaches_as_real_logins(logins) -> None:  # noqa: F811
    pg_db, demo = logins
    with pg_db.admin_db.session() as s:
        assigned = {name: set(s.scalars(select(InspectionAssignment.venue_id).where(
            InspectionAssignment.inspector == name))) for name in ("inspector1", "inspector2")}
        jd04 = actor_for_username(s, "jd04")
        own = set(s.scalars(select(Venue.id).where(Venue.subdistrict_id == jd04.subdistrict_id)))
        coach_venues = {v: n for v, n in s.execute(text(
            "SELECT venue_id, count(*) FROM venue_coach GROUP BY venue_id")).all()}
    assert assigned["inspector1"] and not assigned["inspector1"] & assigned["inspector2"]

    def seen(name: str) -> set[int]:
        engine = pg_db.open_as(name, demo[name].password).engine
        with engine.connect() as conn:
            return set(conn.execute(text("SELECT venue_id FROM venue_coach")).scalars())

    assert seen("inspector1") == assigned["inspector1"]  # its assigned venues', no other's
    assert seen("inspector2") == assigned["inspector2"]
    assert seen("jd04") == own & set(coach_venues)  # its own subdistrict's
    assert seen("bureau1") == set(coach_venues)  # the bureau: all
    assert seen("approver1") == set(coach_venues)
    operator = pg_db.open_as("operator1", demo["operator1"].password).engine
    assert sqlstate(operator, "SELECT count(*) FROM venue_coach") == "42501"  # none
    # nobody but the designation's role writes them
    inspector = pg_db.open_as("inspector1", demo["inspector1"].password).engine
    venue_id = min(assigned["inspector1"])
    assert sqlstate(inspector, "INSERT INTO venue_coach (venue_id, name, qualification, "
                    "certificate_number) VALUES (:v, 'x', 'x', 'x')", v=venue_id) == "42501"
    assert sqlstate(inspector, "UPDATE venue_coach SET name = 'x'") == "42501"
    jd04_engine = pg_db.open_as("jd04", demo["jd04"].password).engine
    assert sqlstate(jd04_engine, "DELETE FROM venue_coach") == "42501"
    # the services on the inspector's own login: its venue's coaches, NotFound for another's
    db = pg_db.open_as("inspector1", demo["inspector1"].password)
    with db.session() as s:
        me = actor_for_username(s, "inspector1")
        assert len(insp.filed_reference(s, me, venue_id).coaches) == coach_venues[venue_id]
        with pytest.raises(NotFound):
            insp.filed_reference(s, me, min(assigned["inspector2"]))
    # who changed a coach last (jd_last_change, migrations 0032/0034): only of its own venues'
    with pg_db.admin_db.session() as s:
        coach = {v: s.scalar(text("SELECT min(id) FROM venue_coach WHERE venue_id = :v"), {"v": v})
                 for v in (venue_id, min(assigned["inspector2"]))}
    ask = "SELECT count(*) FROM jd_last_change('venue_coach', :i)"
    with inspector.connect() as conn:
        assert conn.execute(text(ask), {"i": str(coach[venue_id])}).scalar_one() == 1
        other = coach[min(assigned["inspector2"])]
        assert conn.execute(text(ask), {"i": str(other)}).scalar_one() == 0
    # nor of another inspector's assignments and inspections (their read scope is OWN;
    # migration 0034), of its own yes
    with pg_db.admin_db.session() as s:
        ids = {(t, who): s.scalar(text(
            f"SELECT min(x.id) FROM {t} x JOIN inspection_assignment a ON a.id = {col} "
            "WHERE a.inspector = :w"), {"w": who})
            for t, col in (("inspection_assignment", "x.id"), ("inspection", "x.assignment_id"))
            for who in ("inspector1", "inspector2")}
    with inspector.connect() as conn:
        answered = {key: conn.execute(text(f"SELECT count(*) FROM jd_last_change('{key[0]}', :i)"),
                                      {"i": str(i)}).scalar_one() for key, i in ids.items()}
    assert answered == {key: int(key[1] == "inspector1") for key in ids}

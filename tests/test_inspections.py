"""Venue inspections (issue 11, the foundation): the overall result on weighted and serious
items (computed by hand), photos checked by content and turned upright, a submission refused
whole, the order's lifecycle through re-inspection, corrections, templates; on PostgreSQL the
database refusing changes to a submitted inspection and each role seeing its own rows, as real
logins."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from PIL import Image
from sql_support import sqlstate
from sqlalchemy import select, text

from jd_admin.domain.errors import InvalidInput, NotFound, PermissionDenied
from jd_admin.domain.inspections import (
    InspectionResult,
    ItemAnswer,
    OrderState,
    overall,
)
from jd_admin.domain.roles import Role
from jd_admin.models import (
    AuditEvent,
    Inspection,
    InspectionAssignment,
    InspectionItem,
    RectificationOrder,
    Venue,
)
from jd_admin.services import clock
from jd_admin.services import inspections as insp
from jd_admin.services.demo.inspections import FAILED_ITEMS, demo_photo
from jd_admin.services.inspections import photos
from jd_admin.services.my_tasks import collect

D = Decimal
AED = FAILED_ITEMS[1]  # asks for a photo when failed, not serious
RULES = FAILED_ITEMS[0]  # no photo, not serious
EXITS = "安全出口、疏散通道畅通，应急照明和疏散指示标志完好"  # serious


# --- the overall result, computed by hand ------------------------------------------------------

def _a(key: int, kind: str = "pass_fail", weight: str = "1", **kw: object) -> ItemAnswer:
    return ItemAnswer(key=key, text=f"item {key}", kind=kind, weight=D(weight), **kw)  # type: ignore[arg-type]


def test_overall_weighted_rectify() -> None:
    # 3×1 + 2×0 + 2×(8/10) + 2×1 = 6.6 of 9 → 73.3; one failure, ≥ 60 → 限期整改
    items = [_a(1, weight="3", passed=True), _a(2, weight="2", passed=False),
             _a(3, "score", "2", max_score=D(10), score=D(8)),
             _a(4, "number", "2", min_value=D("0.3"), max_value=D("1.0"), number=D("0.5")),
             _a(5, "text", "0")]
    result = overall(items)
    assert (result.score, result.result, result.failed) == (
        D("73.3"), InspectionResult.RECTIFY, (2,))


def test_overall_weighted_fail_below_the_mark() -> None:
    # the chlorine out of range too: 3 + 0 + 1.6 + 0 = 4.6 of 9 → 51.1 < 60 → 不合格
    items = [_a(1, weight="3", passed=True), _a(2, weight="2", passed=False),
             _a(3, "score", "2", max_score=D(10), score=D(8)),
             _a(4, "number", "2", min_value=D("0.3"), max_value=D("1.0"), number=D("1.2"))]
    result = overall(items)
    assert (result.score, result.result, result.failed) == (
        D("51.1"), InspectionResult.FAIL, (2, 4))


def test_a_serious_failure_fails_whatever_the_score() -> None:
    # 9 of 10 → 90, but the failed item is serious
    items = [_a(1, weight="9", passed=True), _a(2, weight="1", passed=False, serious=True)]
    result = overall(items)
    assert (result.score, result.result, result.serious_failed) == (
        D("90.0"), InspectionResult.FAIL, (2,))


def test_unanswered_and_text_items_are_not_scored() -> None:
    # a score of 5/10 is a failure (below 60 % of its maximum): (1×1 + 1×0.5) / 2 = 75
    assert overall([_a(1, passed=True), _a(2, passed=None), _a(3, "text", "5")]) == overall(
        [_a(1, passed=True)])
    assert overall([_a(1, passed=True)]).result is InspectionResult.PASS
    result = overall([_a(1, passed=True), _a(2, "score", max_score=D(10), score=D(5))])
    assert (result.score, result.result, result.failed) == (
        D("75.0"), InspectionResult.RECTIFY, (2,))


# --- photos ------------------------------------------------------------------------------------

def _jpeg(size: tuple[int, int], orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, "red")
    out = io.BytesIO()
    if orientation is None:
        image.save(out, "JPEG")
    else:
        exif = Image.Exif()
        exif[0x0112] = orientation
        image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_exif_orientation_is_honoured_and_large_photos_downscaled() -> None:
    stored = photos.normalise(_jpeg((200, 100), orientation=6))  # taken rotated 90°
    assert (stored.width, stored.height) == (100, 200)
    with Image.open(io.BytesIO(stored.content)) as back:
        assert back.format == "JPEG" and back.size == (100, 200)
    png = io.BytesIO()
    Image.new("RGBA", (4000, 1000), (0, 0, 255, 128)).save(png, "PNG")
    stored = photos.normalise(png.getvalue())
    assert (stored.width, stored.height) == (1600, 400)


def test_a_file_that_is_not_an_image_or_too_large_is_refused() -> None:
    with pytest.raises(InvalidInput, match="不是可识别的 JPEG 或 PNG"):
        photos.normalise(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n")
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    with pytest.raises(InvalidInput, match="GIF"):
        photos.normalise(gif.getvalue())
    with pytest.raises(InvalidInput, match="过大"):
        photos.normalise(b"\xff\xd8" + b"\0" * photos.MAX_INPUT_BYTES)


# --- recording, through the services on both databases -----------------------------------------

@pytest.fixture
def district(demo_db):
    """The demo district (with its inspections) and a fresh plan for inspector1."""
    test_db, report = demo_db, demo_db.seed
    with test_db.admin_db.session() as s, s.begin():
        bureau = test_db.actor("bureau1")
        venues = [r.venue_id for r in insp.risk_scores(s, bureau)][:3]
        plan = insp.create_plan(s, bureau, "测试计划", venues, "inspector1",
                                clock.today() + dt.timedelta(days=7))
        ids = [a.id for a in insp.list_assignments(s, bureau, plan_id=plan)]
    return test_db, ids, report


def _answers(s, inspection_id: int, failing: dict[str, object] | None = None,
             ) -> tuple[insp.ItemInput, ...]:
    """Every item answered: passed, 8/10, no pool; ``failing``: text → what to answer."""
    failing = failing or {}
    out = []
    for item in s.scalars(select(InspectionItem).where(
            InspectionItem.inspection_id == inspection_id).order_by(InspectionItem.position)):
        if item.text in failing:
            value = failing[item.text]
            if item.kind == "pass_fail":
                out.append(insp.ItemInput(item.id, passed=bool(value), note="现场问题"))
            else:
                out.append(insp.ItemInput(item.id, number=D(str(value))))
        elif item.kind == "pass_fail":
            out.append(insp.ItemInput(item.id, passed=True))
        elif item.kind == "score":
            out.append(insp.ItemInput(item.id, score=D(8)))
        else:
            out.append(insp.ItemInput(item.id))
    return tuple(out)


def _form(s, inspection_id: int, failing: dict[str, object] | None = None,
          rectify_by: dt.date | None = None) -> insp.DraftInput:
    at = clock.start_of_day(clock.today()) + dt.timedelta(hours=9)
    return insp.DraftInput(at, "姚俊、徐丽华", "王经理", rectify_by, "",
                           _answers(s, inspection_id, failing))


def _item_id(s, inspection_id: int, text_: str) -> int:
    return s.scalar(select(InspectionItem.id).where(
        InspectionItem.inspection_id == inspection_id, InspectionItem.text == text_))


def test_a_submission_missing_a_required_photo_is_refused_and_nothing_saved(district) -> None:
    tdb, ids, _report = district
    me = tdb.actor("inspector1")
    with tdb.admin_db.session() as s, s.begin():
        draft = insp.start(s, me, ids[0])
    deadline = clock.today() + dt.timedelta(days=10)
    with pytest.raises(InvalidInput, match="急救箱"), tdb.admin_db.session() as s, s.begin():
        insp.submit(s, me, draft, data=_form(s, draft, {AED: False}, deadline))
    with tdb.admin_db.session() as s:
        inspection = s.get(Inspection, draft)
        assert (inspection.status, inspection.version, inspection.result) == ("draft", 1, None)
        assert s.scalar(select(InspectionItem.passed).where(
            InspectionItem.id == _item_id(s, draft, AED))) is None  # the answers not saved
        assert s.get(InspectionAssignment, ids[0]).status == "assigned"
        assert s.scalar(select(RectificationOrder.id).where(
            RectificationOrder.inspection_id == draft)) is None
    # a deadline before the inspection's day, and a missing deadline, are refused too
    with pytest.raises(InvalidInput, match="早于巡查日期"), tdb.admin_db.session() as s, \
            s.begin():
        insp.submit(s, me, draft, data=_form(s, draft, {RULES: False},
                                             clock.today() - dt.timedelta(days=1)))
    with pytest.raises(InvalidInput, match="整改期限"), tdb.admin_db.session() as s, s.begin():
        insp.submit(s, me, draft, data=_form(s, draft, {RULES: False}))
    with pytest.raises(InvalidInput, match="尚未填写"), tdb.admin_db.session() as s, s.begin():
        form = _form(s, draft)
        insp.submit(s, me, draft, data=insp.DraftInput(
            form.inspected_at, form.inspectors, form.venue_contact, None, "",
            (insp.ItemInput(form.items[0].item_id, passed=None), *form.items[1:])))
    with pytest.raises(InvalidInput, match="不是可识别"), tdb.admin_db.session() as s, \
            s.begin():
        insp.add_photo(s, me, draft, _item_id(s, draft, AED), b"not an image")


def test_the_order_lifecycle_through_reinspection(district) -> None:
    tdb, ids, _report = district
    me = tdb.actor("inspector1")
    deadline = clock.today() + dt.timedelta(days=10)
    with tdb.admin_db.session() as s, s.begin():
        draft = insp.start(s, me, ids[0])
        insp.add_photo(s, me, draft, _item_id(s, draft, AED), _jpeg((300, 200)))
        done = insp.submit(s, me, draft, data=_form(s, draft, {AED: False}, deadline))
    assert done.result == "rectify" and done.order_id is not None
    with tdb.admin_db.session() as s:
        order = insp.order_detail(s, me, done.order_id).row
        assert order.status == OrderState.ISSUED and order.deadline == deadline
        assert [i["text"] for i in order.items] == [AED]
        assert order.number.startswith(f"嘉体巡整〔{clock.today().year}〕第")
        assert s.get(InspectionAssignment, ids[0]).status == "done"
        assert insp.inspection_detail(s, me, draft).items[6].photo_ids  # the AED's photo
    with tdb.admin_db.session() as s, s.begin():
        insp.report_done(s, me, done.order_id, "已配备AED", [demo_photo("AED")])
    with tdb.admin_db.session() as s:
        detail = insp.order_detail(s, me, done.order_id)
        assert detail.row.status == OrderState.REPORTED and len(detail.evidence) == 1
        titles = [str(t.title) for t in collect(s, me, clock.now())]
        assert any(t.startswith("复查") and order.number in t for t in titles)
    # a failing re-inspection reissues the order: a new order from its failures
    with tdb.admin_db.session() as s, s.begin():
        again = insp.start_reinspection(s, me, done.order_id)
        insp.add_photo(s, me, again, _item_id(s, again, AED), _jpeg((300, 200)))
        second = insp.submit(s, me, again, data=_form(s, again, {AED: False}, deadline))
    assert second.followed_order == OrderState.REISSUED and second.order_id is not None
    # a passing re-inspection closes the new one
    with tdb.admin_db.session() as s, s.begin():
        third = insp.start_reinspection(s, me, second.order_id)
        closing = insp.submit(s, me, third, data=_form(s, third))
    assert (closing.result, closing.followed_order, closing.order_id) == (
        "pass", OrderState.CLOSED, None)
    with tdb.admin_db.session() as s:
        # the trail of an order belongs to its venue's subdistrict (both databases)
        sd = s.scalar(select(Venue.subdistrict_id).join(
            RectificationOrder, RectificationOrder.venue_id == Venue.id).where(
            RectificationOrder.id == done.order_id))
        scopes = set(s.scalars(select(AuditEvent.subdistrict_id).where(
            AuditEvent.entity_type == "rectification_order",
            AuditEvent.entity_id == str(done.order_id))))
        assert scopes == {sd}
        states = {o.id: o.status for o in insp.list_orders(s, me)}
        assert (states[done.order_id], states[second.order_id]) == ("reissued", "closed")
        with pytest.raises(InvalidInput, match="不能再复查"):
            insp.start_reinspection(s, me, second.order_id)


def test_a_correction_supersedes_the_submitted_inspection(district) -> None:
    tdb, ids, _report = district
    me = tdb.actor("inspector1")
    with tdb.admin_db.session() as s, s.begin():
        first = insp.start(s, me, ids[1])
        insp.submit(s, me, first, data=_form(s, first))
    with tdb.admin_db.session() as s, s.begin():
        with pytest.raises(InvalidInput, match="已提交"):
            insp.save_draft(s, me, first, _form(s, first))
        correction = insp.supersede(s, me, first, "误记了联系人")
        form = _form(s, correction)
        insp.submit(s, me, correction, data=insp.DraftInput(
            form.inspected_at, form.inspectors, "李主任", None, "", form.items))
    with tdb.admin_db.session() as s:
        assert s.get(Inspection, first).status == "superseded"
        fixed = insp.inspection_detail(s, me, correction).row
        assert (fixed.status, fixed.venue_contact, fixed.supersedes_id) == (
            "submitted", "李主任", first)
        assert insp.inspection_detail(s, me, first).superseded_by == correction


def test_scope_in_the_services(district) -> None:
    tdb, ids, _report = district
    other, bureau = tdb.actor("inspector2"), tdb.actor("bureau1")
    with tdb.admin_db.session() as s, s.begin():
        with pytest.raises(PermissionDenied):
            insp.start(s, other, ids[0])  # inspector1's
        mine = {i.id for i in insp.list_inspections(s, tdb.actor("inspector1"))}
        theirs = {i.id for i in insp.list_inspections(s, other)}
        assert mine and theirs and not mine & theirs
        with pytest.raises(NotFound):
            insp.inspection_detail(s, other, min(mine))
        with pytest.raises(PermissionDenied):
            insp.create_plan(s, other, "x", [1], "inspector2", clock.today())
        insp.withdraw_assignment(s, bureau, ids[2], "场馆停业装修")
        with pytest.raises(InvalidInput, match="已撤回"):
            insp.start(s, tdb.actor("inspector1"), ids[2])
        insp.reassign_assignment(s, bureau, ids[1], "inspector2", "人员调整")
        assert insp.start(s, other, ids[1])


def test_a_new_template_version_leaves_past_inspections_alone(district) -> None:
    tdb, _ids, _report = district
    with tdb.admin_db.session() as s, s.begin():
        before = insp.active_template(s)
        items = [i.spec for i in before.items]
        items[0] = insp.ItemSpec(**{**items[0].__dict__, "text": "价格公示（新版表述）"})
        new_id = insp.new_version(s, tdb.actor("bureau1"), before.id, items, note="措辞调整")
        past = s.scalars(select(InspectionItem.text).where(
            InspectionItem.position == 1)).all()
    with tdb.admin_db.session() as s:
        now = insp.active_template(s)
        assert (now.id, now.version) == (new_id, 2)
        assert now.items[0].spec.text == "价格公示（新版表述）"
        assert past and "价格公示（新版表述）" not in past
        assert [t.status for t in insp.list_templates(s, tdb.actor("inspector1"))] == [
            "active", "retired"]
        with pytest.raises(PermissionDenied):
            insp.new_version(s, tdb.actor("inspector1"), new_id, items)


def test_risk_scores_show_their_parts(district) -> None:
    tdb, _ids, _report = district
    with tdb.admin_db.session() as s:
        scores = insp.risk_scores(s, tdb.actor("bureau1"))
    assert scores == sorted(scores, key=lambda r: (-r.score, r.venue_id))
    for r in scores:
        assert [p.code for p in r.parts] == ["redemptions", "flags", "orders",
                                            "last_inspection"]
        assert r.score == sum(p.points for p in r.parts) and 0 <= r.score <= 100
        assert "容量" in r.parts[0].measure  # what was measured: redemptions per capacity
    ordered = [r for r in scores if r.parts[2].measure != "0 / 0"]
    assert ordered  # the demo's open orders count



def test_the_demo_shows_an_inspection_mark(demo_db) -> None:
    """The demo's 不合格 inspection (a blocked fire exit) marks its venue from the first run;
    the demo's report says how many inspections it submitted."""
    report = demo_db.seed
    assert report.inspections_created == 4
    assert "巡查记录：新建 4 条" in str(report.voucher_summary())
    with demo_db.admin_db.session() as s:
        failed = s.scalars(select(Inspection).where(Inspection.result == "fail")).one()
        marks = insp.venue_marks(s, demo_db.actor("bureau1"))
    assert [str(t) for t in marks[failed.venue_id].labels()] == ["巡查不合格"]

def test_risk_from_redemptions_per_capacity_computed_by_hand(test_db, tmp_path) -> None:
    """Four designated venues, redemptions in November (within 90 days of 11-30):
    GOOD 4 / 40 people = 0.10, E 4 / 20 = 0.20, F 4 / 80 = 0.05, G 2 with no capacity (0).
    The median ratio (of GOOD, E, F) is 0.10: GOOD 10 points, E 2 × 10 = 20, F 0.5 × 10 = 5.
    G, scored by its count against the median count of all four (4, 4, 4, 2 → 4): 5 points.
    E and F redeemed alike; the smaller venue scores four times the larger one's points."""
    from test_settlement import _add_venue
    from voucher_support import GOOD_VENUE, KEY, code, row, setup_ledger, write_csv

    from jd_admin.services.vouchers import importer

    today = dt.date(2026, 11, 30)
    setup_ledger(test_db)
    codes = {"E": code(4242011), "F": code(4242012), "G": code(4242013)}
    with test_db.admin_db.session() as s, s.begin():
        ids = {k: _add_venue(s, c, f"测试场馆{k}").id for k, c in codes.items()}
        good = s.scalars(select(Venue).where(Venue.credit_code == GOOD_VENUE)).one()
        good.capacity = 40
        ids["GOOD"] = good.id
        for k, cap in (("E", 20), ("F", 80), ("G", 0)):
            s.get(Venue, ids[k]).capacity = cap
    counts = {"GOOD": 4, "E": 4, "F": 4, "G": 2}
    venue_code = {**codes, "GOOD": GOOD_VENUE}
    rows = [row(f"R{k}{i}", f"1390001{n:02d}{i:02d}", f"2026-11-{10 + i:02d} 09:00:00",
                f"2026-11-{10 + i:02d} 15:00:00", venue=venue_code[k])
            for n, (k, c) in enumerate(counts.items()) for i in range(c)]
    with test_db.admin_db.session() as s, s.begin():
        importer.import_vouchers(s, test_db.system_actor, write_csv(tmp_path / "v.csv", rows),
                                 key=KEY)
    test_db.make_user("staff1", Role.BUREAU_STAFF)
    test_db.make_user("insp", Role.INSPECTOR)
    staff = test_db.actor("staff1")
    with test_db.admin_db.session() as s:
        scores = {r.venue_id: r for r in insp.risk_scores(s, staff, today=today)}
    part = {k: scores[ids[k]].parts[0] for k in counts}
    assert {k: p.points for k, p in part.items()} == {
        "GOOD": D("10.0"), "E": D("20.0"), "F": D("5.0"), "G": D("5.0")}
    assert part["E"].measure == "90 天核销 4 张 / 容量 20 人 = 0.20（中位数 0.10）"
    assert part["F"].measure == "90 天核销 4 张 / 容量 80 人 = 0.05（中位数 0.10）"
    assert part["G"].measure == "容量未登记：90 天核销 2 张（中位数 4）"
    # only the chosen venues, the same numbers (the median is still over all of them)
    with test_db.admin_db.session() as s:
        chosen = insp.risk_scores(s, staff, today=today, venue_ids=[ids["E"], ids["F"]])
    assert [r.venue_id for r in chosen] == [ids["E"], ids["F"]]
    assert chosen == [scores[ids["E"]], scores[ids["F"]]]
    # a plan stores the chosen venues' scores and parts as risk_scores gives them
    with test_db.admin_db.session() as s, s.begin():
        plan = insp.create_plan(s, staff, "风险巡查", [ids["F"], ids["E"]], "insp",
                                today + dt.timedelta(days=7), today=today)
    with test_db.admin_db.session() as s:
        stored = {a.venue_id: (a.risk_score, a.risk_parts) for a in s.scalars(
            select(InspectionAssignment).where(InspectionAssignment.plan_id == plan))}
    assert stored == {r.venue_id: (r.score, r.parts_json()) for r in chosen}

# --- PostgreSQL: the database's own refusals, as real logins -----------------------------------

@pytest.fixture
def logins(request: pytest.FixtureRequest, pg_server):
    """The demo district on PostgreSQL (a copy of the session's): every demo login, with its
    password."""
    from conftest import pg_seeded_db

    seed = request.getfixturevalue("pg_demo")
    with pg_seeded_db(request, seed) as pg_db:
        yield pg_db, {d.username: d for d in seed.value.new_logins}


def test_a_submitted_inspection_is_immutable_in_the_database(logins) -> None:
    pg_db, demo = logins
    me = demo["inspector1"]
    engine = pg_db.open_as(me.username, me.password).engine
    with pg_db.admin_db.session() as s:
        submitted = s.scalar(select(Inspection.id).join(
            InspectionAssignment, InspectionAssignment.id == Inspection.assignment_id).where(
            InspectionAssignment.inspector == me.username, Inspection.result == "rectify"))
        order = s.scalar(select(RectificationOrder.id).where(
            RectificationOrder.inspection_id == submitted))
    assert sqlstate(engine, "UPDATE inspection SET note = 'x' WHERE id = :i",
                    i=submitted) == "JD422"
    assert sqlstate(engine, "UPDATE inspection SET status = 'draft' WHERE id = :i",
                    i=submitted) == "JD422"
    assert sqlstate(engine, "DELETE FROM inspection WHERE id = :i", i=submitted) == "42501"
    assert sqlstate(engine, "UPDATE rectification_order SET deadline = deadline + 30 "
                    "WHERE id = :i", i=order) == "JD422"
    assert sqlstate(engine, "UPDATE rectification_order SET status = 'closed' WHERE id = :i",
                    i=order) == "JD422"
    with engine.begin() as conn:  # the items and photos of a submitted one: not there to change
        assert conn.execute(text("UPDATE inspection_item SET passed = true "
                                 "WHERE inspection_id = :i"), {"i": submitted}).rowcount == 0
        assert conn.execute(text("DELETE FROM inspection_photo WHERE inspection_id = :i"),
                            {"i": submitted}).rowcount == 0
        conn.rollback()
    with pg_db.admin_db.session() as s:
        assert all(p is not None for p in s.scalars(select(InspectionItem.passed).where(
            InspectionItem.inspection_id == submitted, InspectionItem.kind == "pass_fail")))


def test_the_services_as_an_inspectors_own_login(logins) -> None:
    """The whole round through the inspector's own login: row security and guards agree."""
    pg_db, demo = logins
    me = demo["inspector1"]
    database = pg_db.open_as(me.username, me.password)
    actor = pg_db.actor(me.username)
    with database.session() as s, s.begin():
        assignment = insp.list_assignments(s, actor, status="assigned")[0]
        draft = insp.start(s, actor, assignment.id)
        insp.add_photo(s, actor, draft, _item_id(s, draft, AED), _jpeg((64, 48), 3))
        done = insp.submit(s, actor, draft, data=_form(
            s, draft, {AED: False}, clock.today() + dt.timedelta(days=5)))
    with database.session() as s, s.begin():
        insp.report_done(s, actor, done.order_id, "已整改", [demo_photo("ok")])
        again = insp.start_reinspection(s, actor, done.order_id)
        closed = insp.submit(s, actor, again, data=_form(s, again))
    assert closed.followed_order == OrderState.CLOSED
    with pg_db.admin_db.session() as s:
        row = s.get(Inspection, draft)
        assert (row.submitted_by, row.created_by) == (me.username, me.username)


def test_each_login_sees_its_own_rows(logins) -> None:
    pg_db, demo = logins
    with pg_db.admin_db.session() as s:
        by_inspector = dict(s.execute(text(
            "SELECT a.inspector, count(*) FROM inspection i JOIN inspection_assignment a "
            "ON a.id = i.assignment_id GROUP BY a.inspector")).all())
        sd_of = dict(s.execute(select(Venue.id, Venue.subdistrict_id)).all())
        venues = s.scalars(select(Inspection.venue_id)).all()
        total = len(venues)
    assert by_inspector["inspector1"] + by_inspector["inspector2"] == total
    for name in ("inspector1", "inspector2"):
        login = pg_db.open_as(name, demo[name].password)
        with login.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM inspection")).scalar_one() == \
                by_inspector[name]
            assert conn.execute(text(
                "SELECT count(*) FROM inspection_assignment WHERE inspector <> session_user")
            ).scalar_one() == 0
        with login.session() as s:  # the services list what the server lets it see
            assert len(insp.list_inspections(s, pg_db.actor(name))) == by_inspector[name]
    subdistricts = [d for d in demo.values() if d.role is Role.SUBDISTRICT]
    inspected = {sd_of[v] for v in venues}
    for d in subdistricts:
        actor = pg_db.actor(d.username)
        if actor.subdistrict_id not in inspected:
            continue
        login = pg_db.open_as(d.username, d.password)
        with login.engine.connect() as conn:
            seen = conn.execute(text("SELECT venue_id FROM inspection")).scalars().all()
        assert seen and {sd_of[v] for v in seen} == {actor.subdistrict_id}
        assert len(seen) == sum(1 for v in venues if sd_of[v] == actor.subdistrict_id) < total
        assert sqlstate(login.engine, "INSERT INTO inspection DEFAULT VALUES") == "42501"
        break
    else:
        pytest.fail("no subdistrict with an inspection")

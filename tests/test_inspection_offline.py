"""On site without the network (issue 11, item 4): assignments checked out to an offline file
(a jd_admin SQLite database), recorded there through the same services as the inspector's
offline login (a failing item with a photo, submitted), checked in — on SQLite and on
PostgreSQL (there as the inspector's own login); a check-in refused whole when an assignment
was withdrawn meanwhile (nothing written, the file untouched and its record still exportable),
when the file was altered, when it is not an offline file, and the second time."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from jd_admin import login as login_service
from jd_admin.config import DatabaseTarget
from jd_admin.domain.errors import InvalidInput, NotFound, PermissionDenied
from jd_admin.models import (
    Inspection,
    InspectionAssignment,
    InspectionCheckout,
    InspectionPhoto,
    RectificationOrder,
    Venue,
)
from jd_admin.services import clock
from jd_admin.services import inspections as insp
from jd_admin.services.demo.inspections import FAILED_ITEMS, demo_photo
from jd_admin.services.inspections import offline, outputs

AED = FAILED_ITEMS[1]  # asks for a photo when failed, not serious
OFFLINE_PASSWORD = "Lixian-2026!"


@pytest.fixture
def planned(demo_db):
    """The demo district, a plan of two venues for inspector1; (test_db, assignment ids,
    the inspector's main database and actor, its password)."""
    test_db = demo_db
    logins = {d.username: d.password for d in test_db.seed.new_logins}
    with test_db.admin_db.session() as s, s.begin():
        bureau = test_db.actor("bureau1")
        venues = [r.venue_id for r in insp.risk_scores(s, bureau)][:2]
        plan = insp.create_plan(s, bureau, "离线测试计划", venues, "inspector1",
                                clock.today() + dt.timedelta(days=7))
        ids = [a.id for a in insp.list_assignments(s, bureau, plan_id=plan)]
    password = logins["inspector1"]
    database = (test_db.open_as("inspector1", password) if test_db.is_postgres
                else test_db.open_as("inspector1"))
    return test_db, ids, database, test_db.actor("inspector1"), password


def _checkout(planned, path: Path, ids: list[int] | None = None) -> offline.CheckoutInfo:
    test_db, all_ids, database, actor, _password = planned
    with database.session() as s, s.begin():
        # PostgreSQL: the server keeps the login's password, the file gets its own
        prepared = offline.prepare_checkout(
            s, actor, ids or all_ids, path,
            password=OFFLINE_PASSWORD if test_db.is_postgres else None)
        assert not path.exists()  # written after the commit
    return prepared.write()


def _offline_login(planned, path: Path) -> login_service.LoginOutcome:
    test_db, _ids, _database, _actor, password = planned
    target = DatabaseTarget(make_url(f"sqlite:///{path}"))
    outcome = login_service.login(target, "inspector1",
                                  OFFLINE_PASSWORD if test_db.is_postgres else password)
    test_db.track(outcome.database)
    return outcome


def _record_offline(planned, path: Path, assignment_id: int, *, submit: bool) -> int:
    """A failing item with a photo (and the rest passed), saved or submitted in the file."""
    outcome = _offline_login(planned, path)
    me = outcome.actor
    assert me is not None
    with outcome.database.session() as s, s.begin():
        draft = insp.start(s, me, assignment_id)
        detail = insp.inspection_detail(s, me, draft)
        answers = []
        for item in detail.items:
            if item.text == AED:
                answers.append(insp.ItemInput(item.id, passed=False, note="前台未配备AED"))
                aed = item.id
            elif item.kind == "pass_fail":
                answers.append(insp.ItemInput(item.id, passed=True))
            elif item.kind == "score":
                answers.append(insp.ItemInput(item.id, score=Decimal(8)))
            else:
                answers.append(insp.ItemInput(item.id))
        at = clock.start_of_day(clock.today()) + dt.timedelta(hours=9)
        data = insp.DraftInput(at, "离线巡查员", "王经理",
                               clock.today() + dt.timedelta(days=10), "离线登记",
                               tuple(answers))
        insp.save_draft(s, me, draft, data)
        insp.add_photo(s, me, draft, aed, demo_photo("AED"), "前台")
        if submit:
            insp.submit(s, me, draft)
    outcome.database.dispose()
    return draft


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _checkin(planned, path: Path) -> offline.CheckinResult:
    _test_db, _ids, database, actor, _password = planned
    with database.session() as s, s.begin():
        return offline.checkin(s, actor, path)


def test_checkout_record_offline_and_check_in(planned, tmp_path) -> None:
    test_db, ids, _database, _actor, _password = planned
    path = tmp_path / f"inspector1{offline.SUFFIX}"
    info = _checkout(planned, path)
    assert path.exists() and len(info.venues) == 2 and info.inspector == "inspector1"
    # the file: an offline jd_admin database with the venues (no bank details) and prices
    outcome = _offline_login(planned, path)
    with outcome.database.session() as s:
        about = offline.offline_info(s)
        assert about is not None and set(about.assignment_ids) == set(ids)
        venues = list(s.scalars(select(Venue)))
        assert len(venues) == 2 and all(v.bank_account_number is None for v in venues)
        assert {a.id for a in insp.list_assignments(s, outcome.actor)} == set(ids)
    outcome.database.dispose()
    _record_offline(planned, path, ids[0], submit=True)
    _record_offline(planned, path, ids[1], submit=False)
    result = _checkin(planned, path)
    assert [r.assignment_id for r in result.records] == ids
    done = result.records[0]
    assert done.submitted is not None and done.submitted.result == "rectify"
    assert done.submitted.order_id is not None and result.records[1].submitted is None
    with test_db.admin_db.session() as s:
        first = s.get(Inspection, done.inspection_id)
        assert first.status == "submitted" and first.venue_contact == "王经理"
        assert first.created_by == "inspector1" and first.note == "离线登记"
        assert s.get(RectificationOrder, done.submitted.order_id).items[0]["text"] == AED
        photos = list(s.scalars(select(InspectionPhoto).where(
            InspectionPhoto.inspection_id == first.id)))
        assert len(photos) == 1 and photos[0].item_id is not None
        draft = s.get(Inspection, result.records[1].inspection_id)
        assert draft.status == "draft" and draft.inspectors == "离线巡查员"
        row = s.get(InspectionCheckout, result.checkout_id)
        assert row.status == "checked_in" and row.checked_in_by == "inspector1"
    # the same file a second time: refused
    with pytest.raises(InvalidInput, match="不能重复回传"):
        _checkin(planned, path)


def test_a_withdrawn_assignment_refuses_the_check_in_whole(planned, tmp_path) -> None:
    test_db, ids, _database, _actor, _password = planned
    path = tmp_path / f"out{offline.SUFFIX}"
    _checkout(planned, path)
    offline_id = _record_offline(planned, path, ids[0], submit=True)
    _record_offline(planned, path, ids[1], submit=True)
    with test_db.admin_db.session() as s, s.begin():
        insp.withdraw_assignment(s, test_db.actor("bureau1"), ids[1], "场馆停业装修")
        venue = s.scalar(select(Venue.name).join(
            InspectionAssignment, InspectionAssignment.venue_id == Venue.id).where(
            InspectionAssignment.id == ids[1]))
        before = s.scalar(select(func.count()).select_from(Inspection))
    sha = _sha(path)
    with pytest.raises(InvalidInput) as refused:
        _checkin(planned, path)
    message = str(refused.value)
    assert venue in message and "撤回" in message and "场馆停业装修" in message
    assert "导出" in message  # says how to keep the record
    with test_db.admin_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Inspection)) == before
        assert s.scalar(select(InspectionCheckout.status)) == "open"
    assert _sha(path) == sha  # the file untouched
    # the offline record exported from the file itself
    outcome = _offline_login(planned, path)
    with outcome.database.session() as s, s.begin():
        prepared = outputs.prepare_report(s, outcome.actor, offline_id, tmp_path / "r.pdf")
    outcome.database.dispose()
    text = "".join(p.extract_text() for p in PdfReader(prepared.write()).pages)
    assert "急救箱" in text or "AED" in text


def test_the_filed_coaches_go_offline_for_the_form(planned, tmp_path) -> None:
    """The file holds the checked-out venues' filed coaches (without the application they came
    from, which the file does not hold) and the form's 备案信息 reads them there as online."""
    _test_db, ids, database, actor, _password = planned
    path = tmp_path / f"c{offline.SUFFIX}"
    _checkout(planned, path)
    with database.session() as s:
        venues = {a.venue_id for a in insp.list_assignments(s, actor) if a.id in ids}
        online = {v: insp.filed_reference(s, actor, v) for v in venues}
    assert all(f.coaches for f in online.values())
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT venue_id, from_application_id FROM venue_coach").fetchall()
    assert {v for v, _app in rows} == venues and {app for _v, app in rows} == {None}
    outcome = _offline_login(planned, path)
    assert outcome.database is not None and outcome.actor is not None
    with outcome.database.session() as s, s.begin():
        for v in venues:
            assert insp.filed_reference(s, outcome.actor, v) == online[v]
        draft = insp.start(s, outcome.actor, ids[0])
        assert insp.inspection_detail(s, outcome.actor, draft).filed is not None


def test_an_altered_file_is_refused(planned, tmp_path) -> None:
    _test_db, ids, _database, _actor, _password = planned
    path = tmp_path / f"a{offline.SUFFIX}"
    _checkout(planned, path)
    _record_offline(planned, path, ids[0], submit=True)
    for statement in ("UPDATE venue_sport SET list_price = list_price + 100",
                      "UPDATE venue_coach SET certificate_number = 'SZ-FORGED'",
                      "DELETE FROM venue_coach WHERE id = (SELECT min(id) FROM venue_coach)",
                      "UPDATE jd_offline_manifest SET assignments = '[]'"):
        copy = tmp_path / f"altered{offline.SUFFIX}"
        shutil.copyfile(path, copy)
        with sqlite3.connect(copy) as conn:
            conn.execute(statement)
        with pytest.raises(InvalidInput, match="被改动过"):
            _checkin(planned, copy)
        copy.unlink()
    assert _checkin(planned, path).records  # the original still checks in


def test_a_file_that_is_not_ours_is_refused(planned, tmp_path, sqlite_template) -> None:
    not_sqlite = tmp_path / f"photo{offline.SUFFIX}"
    not_sqlite.write_bytes(demo_photo("x"))
    with pytest.raises(InvalidInput, match="不是巡查离线文件"):
        _checkin(planned, not_sqlite)
    plain = tmp_path / "jd_admin.sqlite3"  # a jd_admin database, but no offline file
    shutil.copyfile(sqlite_template, plain)
    with pytest.raises(InvalidInput, match="不是巡查离线文件"):
        _checkin(planned, plain)
    with pytest.raises(InvalidInput, match="无法读取"):
        _checkin(planned, tmp_path / "missing.jdoffline")
    # an offline file of another database: its token unknown here
    path = tmp_path / f"b{offline.SUFFIX}"
    _checkout(planned, path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE jd_offline_manifest SET token = 'f00d'")
    with pytest.raises(InvalidInput, match="不是从本系统"):
        _checkin(planned, path)


def test_a_checkout_rolled_back_leaves_no_file_and_can_be_retried(planned, tmp_path) -> None:
    """The file is written after the commit: a checkout whose transaction fails leaves no
    file (nor a half-written one) and no checkout row; the retry succeeds and checks in."""
    test_db, ids, database, actor, _password = planned
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / f"r{offline.SUFFIX}"
    with pytest.raises(RuntimeError, match="commit failed"):
        with database.session() as s, s.begin():
            offline.prepare_checkout(s, actor, ids, path, password=OFFLINE_PASSWORD
                                     if test_db.is_postgres else None)
            raise RuntimeError("commit failed")
    assert list(folder.iterdir()) == []
    with test_db.admin_db.session() as s:
        assert s.scalar(select(func.count()).select_from(InspectionCheckout)) == 0
    info = _checkout(planned, path)
    assert path.exists() and list(folder.iterdir()) == [path]
    assert info.drafts == 0 and len(info.venues) == 2
    assert len(_checkin(planned, path).records) == 0
    # a file that appeared at the name meanwhile is not overwritten
    other = folder / f"o{offline.SUFFIX}"
    with database.session() as s, s.begin():
        prepared = offline.prepare_checkout(s, actor, ids, other, password=OFFLINE_PASSWORD
                                            if test_db.is_postgres else None)
    other.write_bytes(b"theirs")
    with pytest.raises(InvalidInput, match="已存在"):
        prepared.write()
    assert other.read_bytes() == b"theirs" and not other.with_name(other.name + ".partial").exists()


def test_a_newer_checkout_replaces_the_older_and_others_are_refused(planned, tmp_path) -> None:
    test_db, ids, _database, _actor, _password = planned
    old, new = tmp_path / f"old{offline.SUFFIX}", tmp_path / f"new{offline.SUFFIX}"
    _checkout(planned, old)
    _checkout(planned, new, ids[:1])
    with pytest.raises(InvalidInput, match="另一个文件"):
        _checkin(planned, old)
    with pytest.raises(InvalidInput, match="已存在"):
        _checkout(planned, new)
    # another inspector cannot check out inspector1's assignments (on PostgreSQL not even
    # there for its login), nor check in its file
    other = test_db.actor("inspector2")
    password = {d.username: d.password for d in test_db.seed.new_logins}["inspector2"]
    database = (test_db.open_as("inspector2", password) if test_db.is_postgres
                else test_db.open_as("inspector2"))
    with database.session() as s, s.begin(), pytest.raises((PermissionDenied, NotFound)):
        offline.prepare_checkout(s, other, ids, tmp_path / "x.jdoffline",
                                 password=OFFLINE_PASSWORD)
    with database.session() as s, s.begin(), pytest.raises((PermissionDenied, InvalidInput)):
        offline.checkin(s, other, new)


def test_the_command_line_checks_out_and_refuses_a_second_check_in(planned, tmp_path,
                                                                    capsys) -> None:
    """``jd-admin inspections checkout|checkin`` (with the URL's rights: the system actor on
    SQLite, the DBA on PostgreSQL, who checks out for the inspector with a generated password
    there); a refused check-in exits non-zero with the reason."""
    from jd_admin import cli

    test_db, ids, _database, _actor, _password = planned
    path = tmp_path / f"cli{offline.SUFFIX}"
    code = cli.main(["inspections", "checkout", "--assignment", str(ids[0]), "--out", str(path),
                     "--database-url", test_db.url])
    out = capsys.readouterr().out
    assert code == 0 and path.exists() and "inspector1" in out, out
    assert ("登录密码" in out) == test_db.is_postgres
    code = cli.main(["inspections", "checkin", str(path), "--database-url", test_db.url])
    assert code == 0 and "已回传 0 条" in capsys.readouterr().out
    code = cli.main(["inspections", "checkin", str(path), "--database-url", test_db.url])
    assert code != 0 and "不能重复回传" in capsys.readouterr().err

"""The recruitment commands of the CLI, and the demo district's recruitment data."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from recruitment_support import credit_code, open_call, people
from sqlalchemy import func, select

from jd_admin import cli
from jd_admin.models import Agreement, Application, RecruitmentCall
from jd_admin.models.base import utcnow
from jd_admin.reports.application_form import FIELD_ROWS, SPORTS
from jd_admin.services import clock, my_tasks
from jd_admin.services.actor import actor_for_username, system_actor
from jd_admin.services.demo.district import load_demo_district
from jd_admin.services.register import status as register


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def fill_form(path: Path, code: str, **cells: object) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["自荐申请表"]
    values: dict[str, object] = {
        "venue_name": "嘉定菊园羽毛球馆", "venue_type": "经营性体育场馆",
        "address": "上海市嘉定区平城路100号",
        "credit_code": code, "legal_representative": "王喆", "contact_name": "李堃",
        "contact_mobile": "13912345678", "opening_hours": "9:00-21:00", "capacity": 120,
        "bank_name": "工商银行", "bank_account_name": "上海菊园体育有限公司",
        "bank_account_number": "6222021001123456789",
    }
    values.update(cells)
    for field, value in values.items():
        ws[f"B{FIELD_ROWS[field]}"] = value
    first = SPORTS.first_row
    ws[f"A{first}"], ws[f"B{first}"] = "羽毛球", 80
    wb.save(path)


def test_template_and_import(capsys, test_db, tmp_path: Path) -> None:
    p = people(test_db)
    call_id = open_call(test_db, p.staff)
    form = tmp_path / "申请表.xlsx"
    assert run(capsys, "applications", "template", str(form))[0] == 0
    assert run(capsys, "applications", "template", str(tmp_path / "x.txt"))[0] == 2

    fill_form(form, "91310114MA1G8J2K36")  # wrong check digit
    code, _, err = run(capsys, "applications", "import", str(form), "--call", str(call_id),
                       "--database-url", test_db.url, "--as-user", "nx_clerk")
    assert code == 1 and f"B{FIELD_ROWS['credit_code']}（统一社会信用代码）" in err
    with test_db.admin_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Application)) == 0

    fill_form(form, credit_code())
    if test_db.is_postgres:  # on the server a person acts through their own login role
        clerk_url = test_db.target.url.set(username="nx_clerk", password="Passw0rd!x")
        url = clerk_url.render_as_string(hide_password=False)
        argv = ["--database-url", url]
        refused = run(capsys, "applications", "import", str(form), "--call", str(call_id),
                      "--database-url", url, "--as-user", "at_clerk")
        assert refused[0] == 2 and "登录角色" in refused[2]
    else:
        argv = ["--database-url", test_db.url, "--as-user", "nx_clerk"]
    code, out, err = run(capsys, "applications", "import", str(form), "--call", str(call_id), *argv)
    assert code == 0, err
    assert "SQ-" in out and "草稿" in out
    with test_db.admin_db.session() as s:
        app = s.scalars(select(Application)).one()
        assert app.status == "draft" and app.venue_name == "嘉定菊园羽毛球馆"
        assert app.created_by == "nx_clerk"
    code, out, _ = run(capsys, "applications", "list", *argv)
    assert code == 0 and "嘉定菊园羽毛球馆" in out and "共 1 份申请" in out


def test_venues_export_and_expire(capsys, demo_db, tmp_path: Path) -> None:
    test_db = demo_db  # the demo district
    out_file = tmp_path / "venues.geojson"
    code, out, _ = run(capsys, "venues", "export", "--format", "geojson", "--out", str(out_file),
                       "--database-url", test_db.url)
    assert code == 0
    features = json.loads(out_file.read_text(encoding="utf-8"))["features"]
    assert len(features) >= 40 and str(len(features)) in out
    assert run(capsys, "venues", "export", "--format", "xlsx", "--out", str(tmp_path / "v.geojson"),
               "--database-url", test_db.url)[0] == 2
    code, _, _ = run(capsys, "venues", "export", "--format", "xlsx", "--all", "--out",
                     str(tmp_path / "v.xlsx"), "--database-url", test_db.url)
    assert code == 0
    rows = list(openpyxl.load_workbook(tmp_path / "v.xlsx").active.iter_rows(values_only=True))
    assert len(rows) - 1 > len(features)  # --all adds suspended, withdrawn and unsigned venues
    code, out, _ = run(capsys, "agreements", "expire", "--database-url", test_db.url)
    assert code == 0 and "已到期的协议" in out


def test_demo_district_has_every_state(test_db) -> None:
    with test_db.admin_db.session() as s, s.begin():
        first = load_demo_district(s, system_actor("test-setup"), vouchers=0)
    with test_db.admin_db.session() as s, s.begin():
        again = load_demo_district(s, system_actor("test-setup"), vouchers=0)
    assert first.applications_created == 12 and first.agreements_created > 50
    assert (again.venues_created, again.calls_created, again.applications_created,
            again.agreements_created, len(again.new_logins)) == (0, 0, 0, 0, 0)
    with test_db.admin_db.session() as s:
        assert set(s.scalars(select(RecruitmentCall.status))) == {"draft", "published", "closed"}
        assert set(s.scalars(select(Application.status))) == {
            "draft", "submitted", "subdistrict_approved", "bureau_approved", "returned", "rejected"}
        assert set(s.scalars(select(Application.subdistrict_id))) == set(range(1, 13))
        assert set(s.scalars(select(Agreement.status))) == {
            "draft", "out_for_signature", "in_force", "expired", "terminated"}
        staff = actor_for_username(s, "bureau1")
        titles = [t.title for t in my_tasks.collect(s, staff, utcnow())]
        assert any("将于" in t for t in titles) and any("送签" in t for t in titles)
        assert any("自荐申请" in t for t in titles)
        venue_id = s.scalar(select(Agreement.venue_id).where(Agreement.status == "in_force",
                                                             Agreement.renews_id.is_not(None)))
        assert register.redeemable_at(s, venue_id, utcnow()).redeemable
        assert clock.today()  # dates are relative to today

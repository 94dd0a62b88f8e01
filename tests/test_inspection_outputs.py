"""The inspection outputs gathered from the demo district (its submitted inspections, an order)
and written through the command line: the period summary's figures equal the records', the
record and the notice carry the venue, the failed item and the deadline; bad arguments are
refused with their reason and nothing is written."""

from __future__ import annotations

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from jd_admin import cli
from jd_admin.models import (
    AuditEvent,
    Inspection,
    InspectionAssignment,
    RectificationOrder,
    Venue,
)
from jd_admin.services import clock


@pytest.fixture
def demo(demo_db):
    return demo_db


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_summary_equals_the_records(demo, tmp_path, capsys) -> None:
    year = clock.today().year
    out = tmp_path / "summary.xlsx"
    code, _out, err = _run(capsys, "inspections", "report", "--from", f"{year}-01-01", "--to",
                           clock.today().isoformat(), "--out", str(out),
                           "--database-url", demo.url)
    assert code == 0, err
    with demo.admin_db.session() as s:
        submitted = s.scalars(select(Inspection).where(Inspection.status != "draft")).all()
    sheet = openpyxl.load_workbook(out)["按街镇"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2) if r[0].value]
    total = next(r for r in rows if r[0] == "合计")
    assert total[1] == len(submitted)
    assert total[2] == sum(1 for i in submitted if i.result == "pass")
    pdf = tmp_path / "summary.pdf"
    code, _out, err = _run(capsys, "inspections", "report", "--from", f"{year}-01-01", "--to",
                           clock.today().isoformat(), "--out", str(pdf),
                           "--database-url", demo.url)
    assert code == 0, err
    assert "监督巡查情况汇总" in "".join(p.extract_text() for p in PdfReader(pdf).pages)


def test_the_record_and_the_notice(demo, tmp_path, capsys) -> None:
    with demo.admin_db.session() as s:
        order = s.scalars(select(RectificationOrder).order_by(RectificationOrder.id)).first()
        assert order is not None
        venue = s.get(Venue, order.venue_id).name
        failed = order.items[0]["text"]
    notice = tmp_path / "notice.pdf"
    code, _out, err = _run(capsys, "inspections", "report", "--order", str(order.id),
                           "--out", str(notice), "--database-url", demo.url)
    assert code == 0, err
    text = "".join(p.extract_text() for p in PdfReader(notice).pages).replace("\n", "")
    assert order.number in text and venue in text and failed[:8] in text
    deadline = order.deadline
    assert f"{deadline.year}年{deadline.month}月{deadline.day}日" in text
    record = tmp_path / "record.pdf"
    code, _out, err = _run(capsys, "inspections", "report", "--inspection",
                           str(order.inspection_id), "--out", str(record),
                           "--database-url", demo.url)
    assert code == 0, err
    text = "".join(p.extract_text() for p in PdfReader(record).pages).replace("\n", "")
    assert venue in text and failed[:8] in text and order.number in text


def test_bad_arguments_are_refused_and_nothing_written(demo, tmp_path, capsys) -> None:
    target = tmp_path / "x.doc"
    code, _out, err = _run(capsys, "inspections", "report", "--from", "2026-01-01", "--to",
                           "2026-02-01", "--out", str(target), "--database-url", demo.url)
    assert code != 0 and ".pdf" in err and not target.exists()
    code, _out, err = _run(capsys, "inspections", "report", "--from", "2026-03-01", "--to",
                           "2026-02-01", "--out", str(tmp_path / "y.pdf"),
                           "--database-url", demo.url)
    assert code != 0 and "早于" in err and not (tmp_path / "y.pdf").exists()
    code, _out, err = _run(capsys, "inspections", "report", "--out", str(tmp_path / "z.pdf"),
                           "--database-url", demo.url)
    assert code == 2 and "--from" in err
    code, _out, err = _run(capsys, "inspections", "report", "--order", "99999",
                           "--out", str(tmp_path / "n.pdf"), "--database-url", demo.url)
    assert code != 0 and "99999" in err and not (tmp_path / "n.pdf").exists()


def test_a_target_that_cannot_be_written_is_refused_before_any_print_is_recorded(
        demo, tmp_path, capsys) -> None:
    """The record, the notice and the summary: a target in a folder that is a file, or a
    folder itself, is refused with its reason — no print recorded, no folder made."""
    with demo.admin_db.session() as s:
        order = s.scalars(select(RectificationOrder).order_by(RectificationOrder.id)).first()
        assert order is not None
        before = s.scalar(select(func.count()).select_from(AuditEvent))
    blocker = tmp_path / "a-file.txt"
    blocker.write_text("not a folder")
    (tmp_path / "folder.pdf").mkdir()
    year = clock.today().year
    for what in (("--order", str(order.id)), ("--inspection", str(order.inspection_id)),
                 ("--from", f"{year}-01-01", "--to", clock.today().isoformat())):
        for out in (blocker / "x.pdf", tmp_path / "folder.pdf"):
            code, _out, err = _run(capsys, "inspections", "report", *what, "--out", str(out),
                                   "--database-url", demo.url)
            assert code == 1 and str(out) in err, (what, out, err)
    assert blocker.read_text() == "not a folder" and not list((tmp_path / "folder.pdf").iterdir())
    with demo.admin_db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == before


def test_the_summary_counts_the_orders_open_at_the_end_of_its_period(demo,
                                                                    monkeypatch) -> None:
    """An order closed after the end of a period was open at its end (the summary of a past
    period does not change when the order is closed later); closed before the end, it was not."""
    import datetime as dt

    from test_inspections import _form

    from jd_admin.models.base import utcnow
    from jd_admin.services import inspections as insp
    from jd_admin.services.inspections import orders as order_steps
    from jd_admin.services.inspections import outputs

    with demo.admin_db.session() as s:
        order = s.scalars(select(RectificationOrder).where(
            RectificationOrder.status == "reported")).first()
        assert order is not None
        subdistrict = s.get(Venue, order.venue_id).subdistrict.name
        inspector = s.scalar(select(InspectionAssignment.inspector).join(
            Inspection, Inspection.assignment_id == InspectionAssignment.id).where(
            Inspection.id == order.inspection_id))
    today = clock.today()
    bureau = demo.actor("bureau1")

    def open_at_end_of(until: dt.date) -> int:
        with demo.admin_db.session() as s:
            data = outputs.summary_data(s, bureau, dt.date(today.year, 1, 1), until)
        return next((r.open_orders for r in data.rows if r.subdistrict == subdistrict), 0)

    now_open = open_at_end_of(today)
    assert now_open >= 1
    # the re-inspection passes and closes the order, as if two days from now
    later = utcnow() + dt.timedelta(days=2)
    monkeypatch.setattr(order_steps, "utcnow", lambda: later)
    with demo.admin_db.session() as s, s.begin():
        me = demo.actor(inspector)
        again = insp.start_reinspection(s, me, order.id)
        insp.submit(s, me, again, data=_form(s, again))
    with demo.admin_db.session() as s:
        assert s.get(RectificationOrder, order.id).status == "closed"
    assert open_at_end_of(today) == now_open  # still open at the end of today
    assert open_at_end_of(today + dt.timedelta(days=3)) == now_open - 1

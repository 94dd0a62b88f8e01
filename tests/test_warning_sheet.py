"""The warning verification sheet (预警核查单) and ``jd-admin warnings list/sheet`` (issue 12),
on both dialects: the sheet read back names the venue, its subdistrict, the signal, its
explanation and figures, the vouchers with masked citizens only (never a raw number), blank
lines to decide by hand when undecided, the signature block; the print is in the audit trail;
a subdistrict user's sheet has no voucher ledger in it; the daily-use chart's bars."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from test_cli_ledger import run
from test_warnings import _ledger, _scan

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.roles import Role
from jd_admin.models import AuditEvent, Subdistrict, Venue
from jd_admin.reports.warning import daily_chart
from jd_admin.reports.warning_data import SheetDay
from jd_admin.services.warnings import outputs


def _text(path) -> str:
    return "".join(p.extract_text() for p in PdfReader(path).pages).replace("\n", "")


@pytest.fixture
def warned(test_db, tmp_path):
    venue = _ledger(test_db, tmp_path)
    [created] = _scan(test_db).created
    return test_db, venue, created.warning_id


def test_cli_list_and_sheet(warned, tmp_path, capsys) -> None:
    test_db, venue, wid = warned
    url = ("--database-url", test_db.url)
    code, out, err = run(capsys, "warnings", "list", "--state", "open", *url)
    assert code == 0, err
    assert f"[{wid}] 2026-11-10" in out and "超过警戒线" in out and "待核查" in out
    code, out, err = run(capsys, "warnings", "list", "--from", "2026-11-11", *url)
    assert code == 0 and f"[{wid}]" not in out, err
    sheet = tmp_path / "sheet.pdf"
    code, out, err = run(capsys, "warnings", "sheet", str(wid), "--out", str(sheet), *url)
    assert code == 0, err
    text = _text(sheet)
    with test_db.admin_db.session() as s:
        v = s.get_one(Venue, venue)
        subdistrict = s.get_one(Subdistrict, v.subdistrict_id).name
        printed = s.scalars(select(AuditEvent).where(
            AuditEvent.entity_type == "venue_warning", AuditEvent.action == "print")).all()
    for expected in ("预警核查单", f"YJ-{wid:05d}", v.name, subdistrict, "超过警戒线",
                     "2026-11-10 核销 4 张，超过警戒线 3 张（超出 33%）", "当日核销张数 4",
                     "警戒线（张/日） 3", "每日核销情况", "2026年10月26日", "2026年11月25日",
                     "A0", "A3", "羽毛球", "核查情况", "核查正常", "确认违规",
                     "不予结算所涉消费券", "核查人（签字）", "负责人（签字）", "待核查",
                     "合计 4 张：面值 80.00 元", "政府补贴 60.00 元", "订单金额 240.00 元"):
        assert expected in text, expected
    assert "13800000000" not in text and "1380000" not in text  # masked: 138****0000
    assert "138****" in text
    assert [e.entity_id for e in printed] == [str(wid)]
    # a file that is not a PDF is refused before anything is gathered
    code, _out, err = run(capsys, "warnings", "sheet", str(wid), "--out",
                          str(tmp_path / "x.docx"), *url)
    assert code != 0 and ".pdf" in err


def test_a_subdistrict_users_sheet_lists_no_vouchers(warned, tmp_path) -> None:
    test_db, venue, wid = warned
    with test_db.admin_db.session() as s:
        own = s.scalar(select(Subdistrict.name).join(Venue, Venue.subdistrict_id == Subdistrict.id)
                       .where(Venue.id == venue))
    test_db.make_user("sd1", Role.SUBDISTRICT, subdistrict=own)
    with test_db.admin_db.session() as s, s.begin():
        data = outputs.sheet_data(s, test_db.actor("sd1"), wid)
        assert (data.days, data.vouchers, data.voucher_count) == ((), (), 4)
        with pytest.raises(InvalidInput):
            outputs.prepare_sheet(s, test_db.actor("sd1"), wid, tmp_path / "x.txt")


def test_the_chart_has_a_bar_a_day_and_the_line() -> None:
    from reportlab.graphics.shapes import PolyLine, Rect

    days = [SheetDay(dt.date(2026, 11, d), c, 3, d == 10)
            for d, c in ((8, 1), (9, 0), (10, 4), (11, 3))]
    drawing = daily_chart(days)
    bars = [s for s in drawing.contents if isinstance(s, Rect) and s.width < 100]
    # three days with use, plus the two legend swatches
    assert len(bars) == 3 + 2
    lines = [s for s in drawing.contents if isinstance(s, PolyLine)]
    assert len(lines) == 1 and len(lines[0].points) == 4 * 4  # two points a day

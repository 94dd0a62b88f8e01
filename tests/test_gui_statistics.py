"""The 统计分析 page's dashboard driven through its widgets, on SQLite and PostgreSQL (there as
each user's own login): the tiles equal the hand-computed figures of test_statistics' November,
the charts are drawn, a chart exported as PNG and its data as .xlsx read back; a subdistrict
user's page pinned to its own 街镇 with its own figures."""

from __future__ import annotations

import datetime as dt

import pytest
from gui_support import wait_ops
from openpyxl import load_workbook
from PySide6.QtGui import QImage
from test_statistics import build

from jd_admin.ui import files
from jd_admin.ui.statistics.page import StatisticsPage

pytestmark = pytest.mark.usefixtures("bridge")


def open_page(qtbot, test_db, username: str) -> StatisticsPage:
    page = StatisticsPage(test_db.open_as(username), test_db.actor(username))
    qtbot.addWidget(page)
    page.resize(1600, 1000)
    d = page.dashboard
    d.since_edit.setDate(dt.date(2026, 11, 1))
    d.until_edit.setDate(dt.date(2026, 11, 30))
    page.show()
    page.refresh()
    wait_ops(qtbot)
    return page


def tile(page: StatisticsPage, key: str) -> str:
    return page.dashboard.tiles[key].value.text()


def test_dashboard_figures_charts_and_exports(qtbot, test_db, tmp_path, monkeypatch) -> None:
    build(test_db, tmp_path)
    page = open_page(qtbot, test_db, "staff1")
    d = page.dashboard
    assert page.tabs.count() >= 1 and page.tabs.widget(0) is d
    assert tile(page, "claims") == "7"
    assert tile(page, "redemptions") == "5"
    assert tile(page, "citizens") == "3"
    assert tile(page, "order_total") == "450.00"
    assert tile(page, "subsidy_redeemed") == "107.00"
    assert tile(page, "leverage_face") == "2.73×"
    assert tile(page, "leverage_subsidy") == "4.21×"
    assert tile(page, "expired_unused") == "1"
    assert tile(page, "redemption_rate").startswith("71.4")
    # 1–30 November against 2–31 October (nothing then)
    assert "2026-10-02" in d.period_label.text()
    for name, box in d.charts.items():
        assert box.view.chart() is not None, name
    assert len(d.charts["bySubdistrict"].rows) == 2
    assert d.charts["topVenues"].rows[0][0] == "公共体育馆"
    # by week: six weeks touching November
    d.grain_combo.setCurrentIndex(d.grain_combo.findData("week"))
    wait_ops(qtbot)
    assert [r[2] for r in d.charts["seriesCounts"].rows] == [0, 4, 0, 1, 0, 0]
    # exports: the chart as PNG, its data as .xlsx
    png = d.charts["topVenues"].write_png(tmp_path / "top.png")
    assert not QImage(str(png)).isNull()
    out = tmp_path / "top.xlsx"
    monkeypatch.setattr(files.chooser, "save_file", lambda *_a: out)
    d.charts["topVenues"].export_xlsx()
    wait_ops(qtbot)
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "项目" and rows[1][0] == "公共体育馆" and rows[1][6] == 350


def test_subdistrict_pinned(qtbot, test_db, tmp_path) -> None:
    build(test_db, tmp_path)
    page = open_page(qtbot, test_db, "nxc")
    d = page.dashboard
    assert not d.subdistrict_combo.isEnabled()
    assert d.subdistrict_combo.currentText() == "南翔镇"
    assert tile(page, "redemptions") == "3"
    assert tile(page, "order_total") == "100.00"
    assert tile(page, "claims") == "—"
    assert tile(page, "citizens") == "2"
    assert not d.charts["bySubdistrict"].isVisibleTo(page)


def test_evaluation_report_tab_exports_the_pdf(qtbot, test_db, tmp_path, chooser,
                                               bridge) -> None:
    """评估报告: November 2026 as a 月度 report, exported as PDF and .xlsx through the save-file
    path; the PDF's text carries the dashboard's figures (read back)."""
    from openpyxl import load_workbook
    from pypdf import PdfReader

    build(test_db, tmp_path)
    page = open_page(qtbot, test_db, "staff1")
    r = page.report
    assert page.tabs.tabText(page.tabs.indexOf(r)) == "评估报告"
    r.kind.setCurrentIndex(r.kind.findData("month"))
    r.year.setValue(2026)
    r.number.setCurrentIndex(r.number.findData(11))
    assert r.period() == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert "2026-11-30" in r.period_label.text()
    out = tmp_path / "eval"  # the suffix is added
    chooser.save_answers.append(out)
    r.pdf_button.click()
    wait_ops(qtbot)
    pdf = tmp_path / "eval.pdf"
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages).replace("\n", "")
    text = text.replace(" ", "")
    for expected in ("嘉定区体育消费券月度实施效果评估报告", "领取体育消费券7张",
                     "核销消费券5张", "参与市民3人", "拉动比2.73倍", "上海市公布口径",
                     "按政府补贴计为4.21倍", "450.00", "107.00"):
        assert expected in text, expected
    assert any(str(pdf) in t for t in bridge.texts_of("info"))
    chooser.save_answers.append(tmp_path / "eval.xlsx")
    r.xlsx_button.click()
    wait_ops(qtbot)
    main = {row[0]: row[1] for row in load_workbook(tmp_path / "eval.xlsx")["主要指标"]
            .iter_rows(min_row=2, values_only=True)}
    assert main["核销张数（人次）"] == 5
    # a quarter and any days
    r.kind.setCurrentIndex(r.kind.findData("quarter"))
    r.number.setCurrentIndex(r.number.findData(4))
    assert r.period() == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    r.kind.setCurrentIndex(r.kind.findData("days"))
    r.since.setDate(dt.date(2026, 11, 3))
    r.until.setDate(dt.date(2026, 11, 9))
    assert r.period() == (dt.date(2026, 11, 3), dt.date(2026, 11, 9))


def test_evaluation_report_tab_of_a_subdistrict(qtbot, test_db, tmp_path, chooser) -> None:
    from pypdf import PdfReader

    build(test_db, tmp_path)
    page = open_page(qtbot, test_db, "nxc")
    r = page.report
    r.kind.setCurrentIndex(r.kind.findData("month"))
    r.year.setValue(2026)
    r.number.setCurrentIndex(r.number.findData(11))
    chooser.save_answers.append(tmp_path / "nx.pdf")
    r.pdf_button.click()
    wait_ops(qtbot)
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "nx.pdf").pages)
    text = text.replace("\n", "").replace(" ", "")
    assert "嘉定区南翔镇体育消费券月度实施效果评估报告" in text
    assert "核销消费券3张" in text and "100.00" in text

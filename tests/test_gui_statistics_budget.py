"""The 预算执行 and 价格诚信 widgets (issue 13, items 2 and 5): the batches' burn with the
forecast chart; the out-of-line venue sports of a period with their open price warnings."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

from gui_support import wait_ops
from PySide6.QtCore import QDate
from sqlalchemy import update
from test_statistics_budget import _steady
from test_statistics_evaluation import _rows
from voucher_support import KEY, SH, setup_ledger, write_csv

from jd_admin.models import IssuanceBatch, Role, VenueSport
from jd_admin.services.vouchers import importer
from jd_admin.ui.statistics.budget import BudgetWidget
from jd_admin.ui.statistics.integrity import IntegrityWidget


def _shown(table) -> list[list[str]]:
    model = table.model()
    return [[str(model.index(r, c).data()) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def _grab(widget, name: str) -> None:
    folder = os.environ.get("JD_SCREENSHOTS")
    if folder:
        widget.grab().save(os.path.join(folder, name))


def test_budget_widget_shows_the_batches_and_the_chart(qtbot, test_db, tmp_path) -> None:
    setup_ledger(test_db)
    with test_db.admin_db.session() as s, s.begin():
        s.execute(update(IssuanceBatch).where(IssuanceBatch.code == "2026-11").values(
            budget=Decimal("5000"), claim_end=dt.datetime(2027, 1, 31, 23, 59, tzinfo=SH)))
    with test_db.admin_db.session() as s, s.begin():
        importer.import_vouchers(s, test_db.system_actor,
                                 write_csv(tmp_path / "v.csv", _steady(range(1, 21), 10)),
                                 key=KEY)
    test_db.make_user("staff1", Role.BUREAU_STAFF)
    widget = BudgetWidget(test_db.open_as("staff1"), test_db.actor("staff1"))
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.refresh()
    wait_ops(qtbot)
    rows = {r[0]: r for r in _shown(widget.table)}
    assert set(rows) == {"2026-11 2026-11", "2026-SWIM 2026-SWIM", "2026-SENIOR 2026-SENIOR"}
    ours = rows["2026-11 2026-11"]
    assert ours[2] == "5,000.00" and ours[3] == "3,000.00" and ours[4] == "60.0%"
    widget.table.selectRow([r[0] for r in _shown(widget.table)].index("2026-11 2026-11"))
    names = widget.chart.series_names()
    assert names[0] == "已占用（已核销＋已领未用）" and names[-1] == "预算"
    _grab(widget, "budget.png")


def test_integrity_widget_lists_the_out_of_line_venue_sports(qtbot, test_db, tmp_path) -> None:
    setup = setup_ledger(test_db)
    with test_db.admin_db.session() as s, s.begin():
        s.add_all([VenueSport(venue_id=setup.good_venue_id, sport="羽毛球",
                              list_price=Decimal(40)),
                   VenueSport(venue_id=setup.good_venue_id, sport="游泳", list_price=Decimal(10)),
                   VenueSport(venue_id=setup.suspended_venue_id, sport="羽毛球",
                              list_price=Decimal(100))])
    with test_db.admin_db.session() as s, s.begin():
        importer.import_vouchers(s, test_db.system_actor, write_csv(tmp_path / "v.csv", _rows()),
                                 key=KEY)
    test_db.make_user("op1", Role.OPERATOR)
    widget = IntegrityWidget(test_db.open_as("op1"), test_db.actor("op1"))
    qtbot.addWidget(widget)
    widget.resize(1200, 500)
    widget.show()
    widget.since.setDate(QDate(2026, 11, 1))
    widget.until.setDate(QDate(2026, 11, 30))
    widget.refresh()
    wait_ops(qtbot)
    shown = {(r[2], r[8]): r for r in _shown(widget.table)}
    assert set(shown) == {("游泳", "高于备案价格"), ("篮球", "未备案该项目"),
                          ("羽毛球", "低于备案价格")}
    swim = shown[("游泳", "高于备案价格")]
    assert swim[3:8] == ["5", "10.00", "90.00", "40.00", "2.25"]
    assert swim[9].startswith("1 条：#") and "2026-11-11" in swim[9]
    assert widget.summary.text() == "3 个场馆项目"
    _grab(widget, "integrity.png")

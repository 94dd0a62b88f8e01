"""定点场馆: the venue register (read-only list with filters; the recruitment workflow adds
its actions)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from jd_admin.models import Role
from jd_admin.services import venues
from jd_admin.services.navigation import Page
from jd_admin.ui import labels, ops
from jd_admin.ui.pages.base import BasePage
from jd_admin.ui.tables import Column, RowsModel, make_table
from jd_admin.ui.widgets import heading


class VenuesPage(BasePage):
    page = Page.VENUES

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("定点场馆名录")))
        filters = QHBoxLayout()
        self.subdistrict = QComboBox()
        self.subdistrict.setObjectName("subdistrictFilter")
        self.subdistrict.addItem(self.tr("全部街镇"), None)
        if self.actor.role is Role.SUBDISTRICT:
            self.subdistrict.setItemText(0, self.actor.subdistrict_name or "")
            self.subdistrict.setEnabled(False)
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.status.addItem(self.tr("全部状态"), None)
        for code, label in (("designated", self.tr("定点")), ("suspended", self.tr("暂停")),
                            ("withdrawn", self.tr("退出"))):
            self.status.addItem(label, code)
        self.search = QLineEdit()
        self.search.setObjectName("venueSearch")
        self.search.setPlaceholderText(self.tr("按名称、地址或信用代码搜索"))
        self.search.returnPressed.connect(self.refresh)
        search_button = QPushButton(self.tr("查询"))
        search_button.clicked.connect(self.refresh)
        filters.addWidget(QLabel(self.tr("街镇：")))
        filters.addWidget(self.subdistrict)
        filters.addWidget(QLabel(self.tr("状态：")))
        filters.addWidget(self.status)
        filters.addWidget(self.search, 1)
        filters.addWidget(search_button)
        layout.addLayout(filters)
        self.model = RowsModel([
            Column(self.tr("场馆名称"), lambda v: v.name),
            Column(self.tr("街镇"), lambda v: v.subdistrict),
            Column(self.tr("类型"), lambda v: labels.venue_type(v.venue_type)),
            Column(self.tr("项目"), lambda v: v.sports_text),
            Column(self.tr("地址"), lambda v: v.address),
            Column(self.tr("联系人"), lambda v: v.contact_name),
            Column(self.tr("统一社会信用代码"), lambda v: v.credit_code),
            Column(self.tr("状态"), lambda v: labels.venue_status(v.status)),
        ], self)
        self.table = make_table(self.model, "venuesTable", self)
        layout.addWidget(self.table)
        self.count = QLabel()
        self.count.setObjectName("venueCount")
        layout.addWidget(self.count)
        self.subdistrict.currentIndexChanged.connect(self.refresh)
        self.status.currentIndexChanged.connect(self.refresh)
        self._subdistricts_loaded = False

    def refresh(self) -> None:
        subdistrict_id = self.subdistrict.currentData()
        status = self.status.currentData()
        search = self.search.text()

        def load(s, _p):  # type: ignore[no-untyped-def]
            subdistricts = [] if self._subdistricts_loaded else venues.list_subdistricts(s)
            rows = venues.list_venues(s, self.actor, subdistrict_id=subdistrict_id,
                                      search=search, status=status)
            return subdistricts, rows

        ops.run_db_op(self, self.database, load, self._show)

    def _show(self, result) -> None:  # type: ignore[no-untyped-def]
        subdistricts, rows = result
        if subdistricts and self.actor.role is not Role.SUBDISTRICT:
            self.subdistrict.blockSignals(True)
            for sd in subdistricts:
                self.subdistrict.addItem(sd.name, sd.id)
            self.subdistrict.blockSignals(False)
        self._subdistricts_loaded = True
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.count.setText(self.tr("共 {n} 个场馆").format(n=len(rows)))

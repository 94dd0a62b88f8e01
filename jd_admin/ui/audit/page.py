"""审计日志: the audit trail, filtered by record (type and number), user, time and kind.

The administrator and the bureau read every row; a subdistrict the rows of its own records
(services.audit.browse applies it; on PostgreSQL row-level security too).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from jd_admin.db import Database
from jd_admin.domain.records import RecordType
from jd_admin.services import clock
from jd_admin.services.actor import Actor
from jd_admin.services.audit import browse
from jd_admin.services.navigation import Page
from jd_admin.ui import labels, ops
from jd_admin.ui.filter_bar import FilterBar
from jd_admin.ui.page import BasePage
from jd_admin.ui.tables import Column, RowsModel, make_table
from jd_admin.ui.widgets import date_edit, heading

if TYPE_CHECKING:
    from jd_admin.db import Session

Loaded = tuple[browse.Choices | None, list[browse.AuditRow]]
DEFAULT_DAYS = 30


def _day(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class AuditPage(BasePage):
    page = Page.AUDIT

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(database, actor, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("审计日志")))
        layout.addWidget(self._build_filters())
        self.model = RowsModel([
            Column(self.tr("时间"), lambda r: clock.format_local(r.at), sort_key=lambda r: r.at),
            Column(self.tr("操作人"), lambda r: r.actor_name),
            Column(self.tr("记录类型"), lambda r: labels.text(r.record_label)),
            Column(self.tr("记录编号"), lambda r: r.entity_id),
            Column(self.tr("动作"), lambda r: str(r.label)),
            Column(self.tr("原状态"), lambda r: str(r.from_label)),
            Column(self.tr("新状态"), lambda r: str(r.to_label)),
            Column(self.tr("说明"), lambda r: r.comment or ""),
            Column(self.tr("详情"), lambda r: (r.details or "")[:200]),
            Column(self.tr("序号"), lambda r: r.seq if r.seq is not None else "",
                   sort_key=lambda r: r.seq or 0, align_right=True),
        ], self)
        self.table = make_table(self.model, "auditTable", self)
        layout.addWidget(self.table)
        self.count = QLabel()
        self.count.setObjectName("auditCount")
        layout.addWidget(self.count)
        self.filters.changed.connect(self.refresh)
        self._choices_loaded = False
        self._generation = 0  # only the newest load is shown (read ops may finish out of order)

    def _build_filters(self) -> FilterBar:
        self.filters = FilterBar()
        self.entity_type = self.filters.add_choice(
            "entity_type", self.tr("记录类型："), self.tr("全部类型"),
            object_name="entityTypeFilter")
        self.entity_id = self.filters.add_search(
            "entity_id", self.tr("记录编号"), object_name="entityIdSearch")
        self.user = self.filters.add_choice(
            "actor", self.tr("操作人："), self.tr("全部用户"), object_name="actorFilter")
        self.kind = self.filters.add_choice(
            "kind", self.tr("类别："), self.tr("全部类别"), object_name="kindFilter")
        self.limit_time = QCheckBox(self.tr("时间："))
        self.limit_time.setObjectName("limitTime")
        self.limit_time.setChecked(True)
        today = clock.today()
        self.since = date_edit("sinceDate", today - dt.timedelta(days=DEFAULT_DAYS))
        self.until = date_edit("untilDate", today)
        self.filters.add_widget(self.limit_time)
        self.filters.add_widget(self.since)
        self.filters.add_widget(QLabel("–"))
        self.filters.add_widget(self.until)
        self.limit_time.toggled.connect(self._time_toggled)
        self.filters.add_button(self.tr("查询")).setObjectName("searchButton")
        return self.filters

    def _time_toggled(self, on: bool) -> None:
        self.since.setEnabled(on)
        self.until.setEnabled(on)

    def current_filter(self) -> browse.AuditFilter:
        """The filters as plain data (read on the GUI thread)."""
        values = self.filters.values()
        timed = self.limit_time.isChecked()
        return browse.AuditFilter(
            entity_type=values["entity_type"] or None,  # type: ignore[arg-type]
            entity_id=str(values["entity_id"]) or None,
            actor=values["actor"] or None,  # type: ignore[arg-type]
            since=_day(self.since.date()) if timed else None,
            until=_day(self.until.date()) if timed else None,
            kind=values["kind"] or None,  # type: ignore[arg-type]
        )

    def refresh(self) -> None:
        filt, actor = self.current_filter(), self.actor
        load_choices = not self._choices_loaded
        self._generation += 1
        generation = self._generation

        def load(s: Session, _p: ops.Progress) -> Loaded:
            choices = browse.choices(s, actor) if load_choices else None
            return choices, browse.list_events(s, actor, filt)

        ops.run_db_op(self, self.database, load, lambda result: self._show(result, generation),
                      read=True)

    def _show(self, result: Loaded, generation: int) -> None:
        if generation != self._generation:
            return  # a later filter's load is on its way
        choices, rows = result
        if choices is not None:
            self._choices_loaded = True
            self.filters.blockSignals(True)
            self.filters.set_items("entity_type", [(labels.of(RecordType, t), t)
                                                   for t in choices.entity_types])
            self.filters.set_items("actor", [(a, a) for a in choices.actors])
            self.filters.set_items("kind", [(str(label), value) for value, label in choices.kinds])
            self.filters.blockSignals(False)
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        if len(rows) >= browse.DEFAULT_LIMIT:
            self.count.setText(self.tr("显示最新的 {n} 条（请缩小范围）").format(n=len(rows)))
        else:
            self.count.setText(self.tr("共 {n} 条").format(n=len(rows)))

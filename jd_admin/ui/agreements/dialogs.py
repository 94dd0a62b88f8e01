"""The agreements page's dialogs: generate (生成协议), renew (续签), record the signing dates
(登记签署日期) and terminate or void (终止/作废). Each takes plain values and calls one service
in an op; none reads another widget from its worker."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QWidget,
)

from jd_admin.db import Database
from jd_admin.services import clock
from jd_admin.services.actor import Actor
from jd_admin.services.agreements import lifecycle as agreements
from jd_admin.services.agreements.candidates import Candidate
from jd_admin.ui.widgets import FormDialog, date_edit, day_of, qdate


class TermFields:
    """Start and end date; changing the start moves the end to the default term."""

    def __init__(self, form: QFormLayout, start: dt.date, start_label: str, end_label: str) -> None:
        self.start = date_edit("startDate", start)
        self.end = date_edit("endDate", agreements.default_term(start))
        form.addRow(start_label, self.start)
        form.addRow(end_label, self.end)
        self.start.dateChanged.connect(self._start_changed)

    def _start_changed(self) -> None:
        self.end.setDate(qdate(agreements.default_term(day_of(self.start))))

    def values(self) -> tuple[dt.date, dt.date]:
        return day_of(self.start), day_of(self.end)


class GenerateDialog(FormDialog):
    """生成协议: pick an approved application; term from today for one year by default."""

    def __init__(self, parent: QWidget, database: Database, actor: Actor,
                 candidates: list[Candidate]) -> None:
        super().__init__(parent, object_name="generateDialog", title=self.tr("生成三方协议"),
                         intro=self.tr("从区体育局审定通过、尚无协议的场馆申请生成协议草稿。"
                                       "协议编号在生成时分配，当事方信息取自“系统管理”和场馆登记信息。"))
        self.database, self.actor = database, actor
        self.new_id: int | None = None
        self.application = QComboBox()
        self.application.setObjectName("applicationCombo")
        for c in candidates:
            self.application.addItem(
                self.tr("{venue}（{subdistrict}，申请 {number}）").format(
                    venue=c.venue_name, subdistrict=c.subdistrict, number=c.number),
                c.application_id)
        self.form.addRow(self.tr("场馆申请："), self.application)
        self.term = TermFields(self.form, clock.today(), self.tr("协议开始日期："),
                               self.tr("协议结束日期："))
        self.finish(self.tr("生成协议"), self.save,
                    note=self.tr("默认期限一年。生成后请打印协议送三方签署。"))

    def save(self) -> None:
        application_id = self.application.currentData()
        start, end = self.term.values()
        actor = self.actor
        self.submit(self.database, lambda s, _p: agreements.generate_from_application(
            s, actor, application_id, start, end), self._generated)

    def _generated(self, agreement_id: int) -> None:
        self.new_id = agreement_id
        self.accept()


class RenewDialog(FormDialog):
    """续签: a new agreement for the same venue, starting the day after the old one ends."""

    def __init__(self, parent: QWidget, database: Database, actor: Actor,
                 row: agreements.AgreementRow) -> None:
        super().__init__(parent, object_name="renewDialog",
                         title=self.tr("续签协议 {number}").format(number=row.number),
                         intro=self.tr(
                             "续签将为“{venue}”生成一份新的协议草稿，并注明续签自 {number}；"
                             "原协议保持不变。").format(venue=row.venue_name, number=row.number))
        self.database, self.actor = database, actor
        self.row = row
        self.new_id: int | None = None
        self.term = TermFields(self.form, row.end_date + dt.timedelta(days=1),
                               self.tr("新协议开始日期："), self.tr("新协议结束日期："))
        self.finish(self.tr("生成续签协议"), self.save)

    def save(self) -> None:
        start, end = self.term.values()
        actor, agreement_id = self.actor, self.row.id
        self.submit(self.database,
                    lambda s, _p: agreements.renew(s, actor, agreement_id, start, end),
                    self._renewed)

    def _renewed(self, agreement_id: int) -> None:
        self.new_id = agreement_id
        self.accept()


class SignaturesDialog(FormDialog):
    """登记签署日期: any of the three parties' dates; a date already recorded can be corrected
    but not cleared."""

    def __init__(self, parent: QWidget, database: Database, actor: Actor,
                 detail: agreements.AgreementDetail) -> None:
        super().__init__(parent, object_name="signaturesDialog",
                         title=self.tr("登记签署日期：{number}").format(number=detail.row.number),
                         intro=self.tr("勾选已签署的当事方并填写其签署日期（以协议上的落款日期为准）。"))
        self.database, self.actor = database, actor
        self.detail = detail
        today = clock.today()
        self.rows: dict[str, tuple[QCheckBox, QDateEdit]] = {}
        for key, label, day in (
                ("bureau", self.tr("甲方（区体育局）："), detail.bureau_signed_on),
                ("venue", self.tr("乙方（定点场馆）："), detail.venue_signed_on),
                ("operator", self.tr("丙方（配送平台）："), detail.operator_signed_on)):
            box = QCheckBox(self.tr("已签署"))
            box.setObjectName(f"{key}Signed")
            edit = date_edit(f"{key}SignedOn", day or today)
            # Only the days the service takes: from the agreement's generation to today.
            if detail.generated_on is not None:
                edit.setMinimumDate(qdate(min(detail.generated_on, today)))
            edit.setMaximumDate(qdate(today))
            box.setChecked(day is not None)
            if day is not None:
                box.setEnabled(False)
                box.setToolTip(self.tr("已登记的签署日期可以更正，不能清除"))
            edit.setEnabled(day is not None)
            box.toggled.connect(edit.setEnabled)
            line = QHBoxLayout()
            line.addWidget(box)
            line.addWidget(edit)
            line.addStretch()
            self.form.addRow(label, line)
            self.rows[key] = (box, edit)
            self.field_widgets[f"{key}_on"] = edit
        self.finish(self.tr("保存"), self.save,
                    note=self.tr("三方签署日期齐全并上传签署后的扫描件后，即可确认生效。"))

    def value(self, key: str) -> dt.date | None:
        box, edit = self.rows[key]
        return day_of(edit) if box.isChecked() else None

    def save(self) -> None:
        bureau, venue, operator = self.value("bureau"), self.value("venue"), self.value("operator")
        if bureau is None and venue is None and operator is None:
            self.error.show_message(self.tr("请至少勾选一方并填写其签署日期"))
            return
        actor, agreement_id, version = self.actor, self.detail.row.id, self.detail.version
        self.submit(self.database, lambda s, _p: agreements.record_signatures(
            s, actor, agreement_id, bureau_on=bureau, venue_on=venue, operator_on=operator,
            expected_version=version))


class TerminateDialog(FormDialog):
    """终止 (in force or out for signature) or 作废 (a draft): date and reason."""

    def __init__(self, parent: QWidget, database: Database, actor: Actor,
                 detail: agreements.AgreementDetail, action: str) -> None:
        super().__init__(parent, object_name="terminateDialog",
                         title=self.tr("{action}协议 {number}").format(action=action,
                                                                       number=detail.row.number),
                         intro=self.tr("{action}后协议不能恢复；如需继续合作，请重新生成或续签协议。").format(
                             action=action))
        self.database, self.actor = database, actor
        self.detail = detail
        self.on = date_edit("terminatedOn", clock.today())
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(80)
        self.form.addRow(self.tr("{action}日期：").format(action=action), self.on)
        self.form.addRow(self.tr("原因："), self.reason)
        self.finish(self.tr("确定{action}").format(action=action), self.save)

    def save(self) -> None:
        on, reason = day_of(self.on), self.reason.toPlainText()
        actor, agreement_id, version = self.actor, self.detail.row.id, self.detail.version
        self.submit(self.database,
                    lambda s, _p: agreements.terminate(s, actor, agreement_id, on, reason, version))

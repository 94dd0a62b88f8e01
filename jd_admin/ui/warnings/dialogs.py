"""The verification dialogs of the warnings page (services/warnings/verification.py): 开始核查
(name the verifier), 改派 (another verifier, with the reason), 结案 (normal or violation, the
finding and the decision: a rectification inspection, the venue's suspension) and 上报预警 (a
warning filed by hand with its evidence and the vouchers concerned)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from jd_admin.db import Database
from jd_admin.services import clock, warnings
from jd_admin.services.actor import Actor
from jd_admin.services.inspections import people
from jd_admin.services.warnings.alert_lines import venue_choices
from jd_admin.services.warnings.queries import WarningRow
from jd_admin.ui.widgets import FormDialog, date_edit, day_of

INSPECTION_DAYS = 14


def _text_edit(name: str, height: int = 70) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)  # keyboard: Tab leaves the field
    edit.setFixedHeight(height)
    return edit


class VerifierDialog(FormDialog):
    """开始核查 (open → verifying) or 改派核查人 (``reassign``: with the reason)."""

    def __init__(self, parent: QWidget, database: Database, actor: Actor, row: WarningRow,
                 reassign: bool = False) -> None:
        title = self.tr("改派核查人") if reassign else self.tr("开始核查")
        super().__init__(parent, object_name="verifierDialog", title=title,
                         intro=self.tr("{venue}：{explanation}").format(
                             venue=row.venue_name, explanation=row.explanation))
        self.database, self.actor, self.row, self.reassign = database, actor, row, reassign
        self.assignee = QComboBox()
        self.assignee.setObjectName("assigneeCombo")
        self.form.addRow(self.tr("核查人："), self.assignee)
        self.reason = QLineEdit()
        self.reason.setObjectName("reassignReason")
        if reassign:
            self.form.addRow(self.tr("改派原因："), self.reason)
        self.finish(self.tr("改派") if reassign else self.tr("开始核查"), self.save)
        self.load(database, lambda s, _p: warnings.verifiers(s), self._loaded)

    def _loaded(self, staff: list[tuple[str, str]]) -> None:
        for username, name in staff:
            self.assignee.addItem(f"{name}（{username}）", username)
        mine = self.assignee.findData(self.actor.username)
        if mine >= 0 and not self.reassign:
            self.assignee.setCurrentIndex(mine)

    def save(self) -> None:
        assignee = self.assignee.currentData()
        if assignee is None:
            self.error.show_message(self.tr("没有可指派的核查人"))
            return
        actor, wid, version = self.actor, self.row.id, self.row.version
        if self.reassign:
            reason = self.reason.text()
            self.submit(self.database, lambda s, _p: warnings.reassign(
                s, actor, wid, assignee, reason, expected_version=version))
        else:
            self.submit(self.database, lambda s, _p: warnings.start(
                s, actor, wid, assignee, expected_version=version))


class CloseDialog(FormDialog):
    """结案: 核查正常 or 确认违规 with the finding; a violation's vouchers are deducted, and it
    may order a rectification inspection and suspend the venue."""

    def __init__(self, parent: QWidget, database: Database, actor: Actor,
                 row: WarningRow) -> None:
        super().__init__(parent, object_name="closeDialog", title=self.tr("核查结案"),
                         intro=self.tr("{venue}：{explanation}").format(
                             venue=row.venue_name, explanation=row.explanation),
                         min_width=560)
        self.database, self.actor, self.row = database, actor, row
        self.closed: warnings.Closed | None = None
        self.normal = QRadioButton(self.tr("核查正常（所涉消费券正常结算）"))
        self.normal.setObjectName("closeNormal")
        self.violation = QRadioButton(self.tr("确认违规（所涉消费券不予结算）"))
        self.violation.setObjectName("closeViolation")
        group = QButtonGroup(self)
        group.addButton(self.normal)
        group.addButton(self.violation)
        self.normal.setChecked(True)
        result = QHBoxLayout()
        result.addWidget(self.normal)
        result.addWidget(self.violation)
        result.addStretch()
        self.finding = _text_edit("closeFinding", 90)
        self.rectify = QCheckBox(self.tr("责令整改：安排巡查"))
        self.rectify.setObjectName("closeRectify")
        self.inspector = QComboBox()
        self.inspector.setObjectName("closeInspector")
        self.rectify_due = date_edit("closeRectifyDue",
                                     clock.today() + dt.timedelta(days=INSPECTION_DAYS))
        rectify_row = QHBoxLayout()
        rectify_row.addWidget(self.rectify)
        rectify_row.addWidget(self.inspector, 1)
        rectify_row.addWidget(self.rectify_due)
        self.suspend = QCheckBox(self.tr("暂停定点资格，原因："))
        self.suspend.setObjectName("closeSuspend")
        self.suspend_reason = QLineEdit()
        self.suspend_reason.setObjectName("closeSuspendReason")
        suspend_row = QHBoxLayout()
        suspend_row.addWidget(self.suspend)
        suspend_row.addWidget(self.suspend_reason, 1)
        self.form.addRow(self.tr("核查结论："), result)
        self.form.addRow(self.tr("核查情况："), self.finding)
        self.form.addRow(self.tr("处理决定："), rectify_row)
        self.form.addRow("", suspend_row)
        for toggle in (self.violation, self.rectify, self.suspend):
            toggle.toggled.connect(self._update)
        self._update()
        self.finish(self.tr("结案"), self.save)
        self.load(database, lambda s, _p: people.inspectors(s), self._loaded)

    def _loaded(self, staff: list[tuple[str, str]]) -> None:
        for username, name in staff:
            self.inspector.addItem(f"{name}（{username}）", username)

    def _update(self) -> None:
        violation = self.violation.isChecked()
        self.rectify.setEnabled(violation)
        self.suspend.setEnabled(violation)
        self.inspector.setEnabled(violation and self.rectify.isChecked())
        self.rectify_due.setEnabled(violation and self.rectify.isChecked())
        self.suspend_reason.setEnabled(violation and self.suspend.isChecked())

    def decision(self) -> warnings.Decision:
        violation = self.violation.isChecked()
        rectify = violation and self.rectify.isChecked()
        suspend = violation and self.suspend.isChecked()
        return warnings.Decision(
            violation=violation, finding=self.finding.toPlainText(),
            rectify_inspector=self.inspector.currentData() if rectify else None,
            rectify_due=day_of(self.rectify_due) if rectify else None,
            suspend_reason=self.suspend_reason.text() if suspend else None)

    def save(self) -> None:
        decision = self.decision()
        if self.rectify.isChecked() and decision.violation \
                and decision.rectify_inspector is None:
            self.error.show_message(self.tr("没有可安排的巡查员"))
            return
        actor, wid, version = self.actor, self.row.id, self.row.version
        self.submit(self.database, lambda s, _p: warnings.close(
            s, actor, wid, decision, expected_version=version), self._closed)

    def _closed(self, closed: warnings.Closed) -> None:
        self.closed = closed
        self.accept()


def voucher_codes(text: str) -> list[str]:
    """Codes typed or pasted one a line, or separated by commas or spaces."""
    return [c for c in re.split(r"[\s,，、;；]+", text) if c]


class FileWarningDialog(FormDialog):
    """上报预警: a warning filed by hand (the operator's monitoring, a complaint)."""

    def __init__(self, parent: QWidget, database: Database, actor: Actor) -> None:
        super().__init__(parent, object_name="fileWarningDialog", title=self.tr("上报预警"),
                         intro=self.tr("上报平台监测或投诉发现的异常：场馆、日期（或期间）、"
                                       "发现了什么、证据，以及涉及的消费券券码（如已知）。"),
                         min_width=560)
        self.database, self.actor = database, actor
        self.warning_id: int | None = None
        self.venue = QComboBox()
        self.venue.setObjectName("fileVenue")
        self.venue.setEditable(True)  # type to find a venue
        self.venue.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        today = clock.today()
        self.day = date_edit("fileDay", today)
        self.has_end = QCheckBox(self.tr("至"))
        self.has_end.setObjectName("fileHasEnd")
        self.end = date_edit("fileEnd", today)
        self.end.setEnabled(False)
        self.has_end.toggled.connect(self.end.setEnabled)
        days = QHBoxLayout()
        days.addWidget(self.day)
        days.addWidget(self.has_end)
        days.addWidget(self.end)
        days.addStretch()
        self.explanation = _text_edit("fileExplanation")
        self.evidence = _text_edit("fileEvidence")
        self.codes = _text_edit("fileCodes")
        self.codes.setPlaceholderText(self.tr("每行一个券码，或用逗号分隔"))
        self.form.addRow(self.tr("场馆："), self.venue)
        self.form.addRow(self.tr("日期："), days)
        self.form.addRow(self.tr("预警说明："), self.explanation)
        self.form.addRow(self.tr("证据："), self.evidence)
        self.form.addRow(self.tr("涉及券码："), self.codes)
        self.finish(self.tr("上报"), self.save)
        self.load(database, lambda s, _p: venue_choices(s), self._loaded)

    def _loaded(self, venues: list[tuple[int, str, Any]]) -> None:
        for vid, name, _capacity in venues:
            self.venue.addItem(name, vid)

    def save(self) -> None:
        venue_id = self.venue.itemData(self.venue.findText(self.venue.currentText()))
        if venue_id is None:
            self.error.show_message(self.tr("请选择场馆"))
            return
        actor, day = self.actor, day_of(self.day)
        end = day_of(self.end) if self.has_end.isChecked() else None
        explanation, evidence = self.explanation.toPlainText(), self.evidence.toPlainText()
        codes = voucher_codes(self.codes.toPlainText())
        self.submit(self.database, lambda s, _p: warnings.file_warning(
            s, actor, venue_id, day, explanation, evidence, period_end=end,
            voucher_codes=codes), self._filed)

    def _filed(self, warning_id: int) -> None:
        self.warning_id = warning_id
        self.accept()

"""现场检查记录: the inspection form — the visit (time, people), every checklist item by area
with its answer, note and photos, the overall result as the answers change, the deadline for
rectification; save as a draft, submit. Large controls and the keyboard alone (Tab through the
items; a pass/fail answer by typing 合/不 or the arrow keys) on a 1366×768 laptop. A submitted
inspection opens read-only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTimeZone
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jd_admin.db import Database
from jd_admin.domain.errors import InvalidInput, UserError
from jd_admin.domain.inspections import (
    Area,
    InspectionResult,
    InspectionState,
    ItemAnswer,
    ItemKind,
    overall,
)
from jd_admin.money import format_yuan
from jd_admin.services import clock
from jd_admin.services import inspections as insp
from jd_admin.services.actor import Actor
from jd_admin.ui import files, labels, messages, ops
from jd_admin.ui.widgets import (
    ErrorLabel,
    KeepsInput,
    date_edit,
    day_of,
    heading,
    qdate,
    refused_date,
)

PASS, FAIL = "pass", "fail"
SHANGHAI = QTimeZone(b"Asia/Shanghai")


def _decimal(text: str) -> Decimal | None:
    text = text.strip()
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None


class ItemRowWidgets:
    """The controls of one item: its answer (by kind), its note and its photos."""

    def __init__(self, form: InspectionForm, item: insp.ItemRow, grid: QGridLayout,
                 row: int, editable: bool) -> None:
        self.item = item
        marks = ("★ " if item.serious else "") + item.text
        label = QLabel(marks)
        label.setWordWrap(True)
        label.setToolTip(form.tr("严重项：不合格即整次巡查不合格") if item.serious else "")
        grid.addWidget(label, row, 0)
        kind = ItemKind(item.kind)
        self.answer: QComboBox | QLineEdit
        if kind is ItemKind.PASS_FAIL:
            box = QComboBox()
            box.addItem(form.tr("（未填）"), None)
            box.addItem(form.tr("合格"), PASS)
            box.addItem(form.tr("不合格"), FAIL)
            box.setCurrentIndex({None: 0, True: 1, False: 2}[item.passed])
            box.currentIndexChanged.connect(form.recompute)
            self.answer = box
        else:
            edit = QLineEdit()
            if kind is ItemKind.SCORE:
                edit.setPlaceholderText(form.tr("0–{max} 分").format(
                    max=_plain(item.max_score)))
                edit.setText("" if item.score is None else _plain(item.score))
            elif kind is ItemKind.NUMBER:
                edit.setPlaceholderText(_range(form, item))
                edit.setText("" if item.number is None else _plain(item.number))
            else:
                edit.setText(item.text_value)
            edit.textChanged.connect(form.recompute)
            self.answer = edit
        self.answer.setObjectName(f"answer{item.id}")
        self.answer.setEnabled(editable)
        grid.addWidget(self.answer, row, 1)
        self.note = QLineEdit(item.note)
        self.note.setObjectName(f"note{item.id}")
        self.note.setPlaceholderText(form.tr("说明（不合格时写明发现的问题）"))
        self.note.setEnabled(editable)
        grid.addWidget(self.note, row, 2)
        self.photos = QPushButton()
        self.photos.setObjectName(f"photos{item.id}")
        self.photo_count = len(item.photo_ids)
        self.photos.clicked.connect(lambda: form.add_photo(self))
        self.photos.setEnabled(editable)
        grid.addWidget(self.photos, row, 3)
        self.show_photos(form)

    def show_photos(self, form: InspectionForm) -> None:
        if self.item.photo_on_fail:
            text = form.tr("照片 {n}（须附）…").format(n=self.photo_count)
        else:
            text = form.tr("照片 {n}…").format(n=self.photo_count)
        self.photos.setText(text)
        self.photos.setToolTip(form.tr("不合格时须附照片") if self.item.photo_on_fail else "")

    def value(self) -> insp.ItemInput:
        """The answer as the service takes it; ValueError for a number that is not one."""
        kind = ItemKind(self.item.kind)
        answer = self.answer
        note = self.note.text().strip()
        if isinstance(answer, QComboBox):
            data = answer.currentData()
            return insp.ItemInput(self.item.id, passed=None if data is None else data == PASS,
                                  note=note)
        if kind is ItemKind.SCORE:
            return insp.ItemInput(self.item.id, score=_decimal(answer.text()), note=note)
        if kind is ItemKind.NUMBER:
            return insp.ItemInput(self.item.id, number=_decimal(answer.text()), note=note)
        return insp.ItemInput(self.item.id, text_value=answer.text().strip(), note=note)

    def answer_now(self) -> ItemAnswer:
        try:
            v = self.value()
        except ValueError:
            v = insp.ItemInput(self.item.id)
        i = self.item
        return ItemAnswer(key=i.id, text=i.text, kind=i.kind, weight=i.weight,
                          serious=i.serious, max_score=i.max_score, min_value=i.min_value,
                          max_value=i.max_value, passed=v.passed, score=v.score,
                          number=v.number)


def _plain(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _range(form: InspectionForm, item: insp.ItemRow) -> str:
    unit = f" {item.unit}" if item.unit else ""
    if item.min_value is not None and item.max_value is not None:
        return form.tr("应为 {low}–{high}{unit}").format(
            low=_plain(item.min_value), high=_plain(item.max_value), unit=unit)
    if item.min_value is not None:
        return form.tr("应不低于 {low}{unit}").format(low=_plain(item.min_value), unit=unit)
    if item.max_value is not None:
        return form.tr("应不高于 {high}{unit}").format(high=_plain(item.max_value), unit=unit)
    return unit.strip()


class InspectionForm(KeepsInput, QDialog):
    """One inspection: editable while a draft the user may record, read-only otherwise. The
    rule of every dialog with input (:class:`~jd_admin.ui.widgets.KeepsInput`): 关闭, Escape
    or the close box ask before throwing away answers and notes typed since it opened or was
    last saved; a refused save keeps them."""

    def __init__(self, parent: QWidget | None, database: Database, actor: Actor,
                 detail: insp.InspectionDetail) -> None:
        super().__init__(parent)
        self.setObjectName("inspectionForm")
        self.database, self.actor, self.detail = database, actor, detail
        row = detail.row
        self.editable = detail.may_record and row.status == InspectionState.DRAFT.value
        self.version = row.version
        self.submitted: insp.Submitted | None = None
        self.setWindowTitle(self.tr("现场检查：{venue}").format(venue=row.venue_name))
        font = self.font()
        font.setPointSizeF(font.pointSizeF() + 1.5)  # large controls for use on site
        self.setFont(font)
        self.resize(1280, 720)
        box = QVBoxLayout(self)
        title = self.tr("{venue}（{subdistrict}）　{state}").format(
            venue=row.venue_name, subdistrict=row.subdistrict_name,
            state=labels.of(InspectionState, row.status))
        box.addWidget(heading(title, 2))
        if row.reinspection_of is not None and detail.followed is not None:
            box.addWidget(QLabel(self.tr("复查整改通知 {number}").format(
                number=detail.followed.number)))
        header = QFormLayout()
        self.inspected_at = QDateTimeEdit()
        self.inspected_at.setObjectName("inspectedAt")
        self.inspected_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.inspected_at.setCalendarPopup(True)
        when = row.inspected_at or clock.now()
        self.inspected_at.setTimeZone(SHANGHAI)  # business time, whatever the laptop's zone
        self.inspected_at.setDateTime(QDateTime.fromSecsSinceEpoch(int(when.timestamp()),
                                                                   SHANGHAI))
        self.inspectors = QLineEdit(row.inspectors or actor.full_name)
        self.inspectors.setObjectName("inspectorsEdit")
        self.inspectors.setPlaceholderText(self.tr("巡查人员姓名，用“、”分隔"))
        self.contact = QLineEdit(row.venue_contact)
        self.contact.setObjectName("venueContact")
        self.contact.setPlaceholderText(self.tr("场馆在场人员，如 李明（场馆经理）"))
        line = QHBoxLayout()
        for w in (self.inspected_at, self.inspectors, self.contact):
            w.setEnabled(self.editable)
            line.addWidget(w, 1)
        header.addRow(self.tr("检查时间 / 巡查人员 / 场馆在场人员："), line)
        box.addLayout(header)
        if detail.filed is not None:
            box.addWidget(self._filed_panel(detail.filed))

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        body_box = QVBoxLayout(body)
        self.rows: list[ItemRowWidgets] = []
        for area in Area:
            items = [i for i in detail.items if i.area == area.value]
            if not items:
                continue
            group = QGroupBox(labels.of(Area, area.value))
            grid = QGridLayout(group)
            grid.setColumnStretch(0, 5)
            grid.setColumnStretch(1, 2)
            grid.setColumnStretch(2, 4)
            for n, item in enumerate(items):
                self.rows.append(ItemRowWidgets(self, item, grid, n, self.editable))
            body_box.addWidget(group)
        body_box.addStretch()
        scroll.setWidget(body)
        box.addWidget(scroll, 1)

        footer = QHBoxLayout()
        self.result_label = QLabel()
        self.result_label.setObjectName("resultLabel")
        self.result_label.setWordWrap(True)
        footer.addWidget(self.result_label, 1)
        footer.addWidget(QLabel(self.tr("整改期限：")))
        default_by = row.rectify_by or clock.today() + dt.timedelta(days=15)
        self.rectify_by = date_edit("rectifyBy", default_by)
        self.rectify_by.setDate(qdate(default_by))
        self.rectify_by.setEnabled(self.editable)
        footer.addWidget(self.rectify_by)
        self.note = QLineEdit(row.note)
        self.note.setObjectName("inspectionNote")
        self.note.setPlaceholderText(self.tr("巡查意见"))
        self.note.setEnabled(self.editable)
        footer.addWidget(self.note, 2)
        box.addLayout(footer)
        self.error = ErrorLabel()
        box.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("保存草稿"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setObjectName("saveDraftButton")
        self.submit_button = buttons.addButton(self.tr("提交"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.submit_button.setObjectName("submitButton")
        close = buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("closeButton")
        self.close_button = close
        self._busy = False  # a save, submission or photo running: the form stays open
        for b in (self.save_button, self.submit_button):
            b.setVisible(self.editable)
        self.save_button.clicked.connect(self.save)
        self.submit_button.clicked.connect(self.submit)
        if self.editable:  # the keyboard alone: Ctrl+S saves the draft, Ctrl+Enter submits
            QShortcut(QKeySequence.StandardKey.Save, self, self.save)
            QShortcut(QKeySequence("Ctrl+Return"), self, self.submit)
            self.save_button.setToolTip("Ctrl+S")
            self.submit_button.setToolTip("Ctrl+Enter")
        close.clicked.connect(self.reject)
        box.addWidget(buttons)
        self.recompute()

    # --- what the venue filed, to compare on site ------------------------------------------
    def _filed_panel(self, filed: insp.FiledReference) -> QWidget:
        """备案信息: the filed sports with their list prices and the filed coaches with their
        certificates, two wrapped lines above the items; folded away by its button (or
        Alt+B) to give the items the room."""
        panel = QFrame()
        panel.setObjectName("filedPanel")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(panel)
        row.setContentsMargins(6, 2, 6, 2)
        self.filed_toggle = QToolButton()
        self.filed_toggle.setObjectName("filedToggle")
        self.filed_toggle.setText(self.tr("备案信息(&B)"))
        self.filed_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.filed_toggle.setCheckable(True)
        self.filed_toggle.setChecked(True)
        self.filed_toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.filed_toggle.setToolTip(self.tr("场馆审定时备案的项目、挂牌价和教练，供现场核对"))
        row.addWidget(self.filed_toggle, 0,
                      Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        body = QWidget()
        lines = QFormLayout(body)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.setVerticalSpacing(2)
        sports = labels.join(self.tr("{sport} {price} 元").format(
            sport=s.sport, price=format_yuan(s.list_price)) for s in filed.sports)
        coaches = "；".join(self.tr("{name}（{qualification}，证书 {number}）").format(
            name=c.name, qualification=c.qualification, number=c.certificate_number)
            for c in filed.coaches)
        self.filed_sports = self._filed_line("filedSports", sports or self.tr("无"))
        self.filed_coaches = self._filed_line("filedCoaches", coaches or self.tr("无备案教练"))
        lines.addRow(self.tr("项目与挂牌价："), self.filed_sports)
        lines.addRow(self.tr("备案教练："), self.filed_coaches)
        row.addWidget(body, 1)

        def fold(shown: bool) -> None:
            body.setVisible(shown)
            self.filed_toggle.setArrowType(Qt.ArrowType.DownArrow if shown
                                           else Qt.ArrowType.RightArrow)

        self.filed_toggle.toggled.connect(fold)
        return panel

    @staticmethod
    def _filed_line(name: str, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # --- the overall result as the answers change -----------------------------------------
    def recompute(self) -> None:
        result = overall(r.answer_now() for r in self.rows)
        failed = len(result.failed)
        text = self.tr("当前结论：{result}（得分 {score}，不合格 {failed} 项）").format(
            result=labels.of(InspectionResult, result.result.value),
            score=f"{result.score:.1f}", failed=failed)
        if result.serious_failed:
            text += self.tr("　有严重项不合格")
        self.result_label.setText(text)
        color = "#2e7d32" if result.result is InspectionResult.PASS else "#b00020"
        self.result_label.setStyleSheet(f"color: {color}; font-weight: bold;")
        self.rectify_by.setEnabled(self.editable and result.result is not InspectionResult.PASS)

    def data(self) -> insp.DraftInput | None:
        """The form as the service takes it; None (and the message shown) for a bad number."""
        items = []
        for r in self.rows:
            try:
                items.append(r.value())
            except ValueError as exc:
                self.error.show_message(self.tr("“{item}”：“{value}”不是数字").format(
                    item=r.item.text, value=exc.args[0]))
                r.answer.setFocus()
                return None
        refused = refused_date(self)  # not the day the field fell back to
        if refused is not None:
            self.error.show_message(refused.refusal())
            refused.setFocus()
            refused.selectAll()
            return None
        moment = self.inspected_at.dateTime().toSecsSinceEpoch()
        return insp.DraftInput(
            inspected_at=dt.datetime.fromtimestamp(moment, dt.UTC),
            inspectors=self.inspectors.text().strip(), venue_contact=self.contact.text().strip(),
            rectify_by=day_of(self.rectify_by) if self.rectify_by.isEnabled() else None,
            note=self.note.text().strip(), items=tuple(items))

    # --- saving -----------------------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for b in (self.save_button, self.submit_button, self.close_button):
            b.setEnabled(not busy)

    def _run(self, fn: Any, done: Any) -> None:
        """``fn(session)`` as an op; until its result is in, the form neither closes nor
        starts another (a shortcut included)."""
        self.error.show_message("")
        self._set_busy(True)

        def finished(result: Any) -> None:
            self._set_busy(False)
            done(result)

        ops.run_db_op(self, self.database, lambda s, _p: fn(s), finished,
                      on_failure=self._failed)

    def reject(self) -> None:  # the Close button, Esc, the window's close box
        if not self._busy:
            super().reject()  # asks first if something was typed (KeepsInput)

    def closeEvent(self, event: Any) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, UserError):
            self.error.show_message(str(exc))
        else:
            ops.handle_failure(self, exc, exc.__traceback__)

    def save(self) -> None:
        if self._busy:
            return
        data = self.data()
        if data is None:
            return
        actor, iid, version = self.actor, self.detail.row.id, self.version
        self._run(lambda s: insp.save_draft(s, actor, iid, data, expected_version=version),
                  self._saved)

    def _saved(self, version: int) -> None:
        self.version = version
        self.mark_clean()  # saved: nothing to lose any more
        self.error.show_message("")
        self.recompute()  # the result line afresh: "saved" shown once
        self.result_label.setText(self.result_label.text() + self.tr("　已保存"))

    def submit(self) -> None:
        if self._busy:
            return
        data = self.data()
        if data is None:
            return
        if not messages.ask(self, self.tr(
                "提交后这份检查记录不能再修改（更正须另行记录）。提交吗？")):
            return
        actor, iid, version = self.actor, self.detail.row.id, self.version
        self._run(lambda s: insp.submit(s, actor, iid, expected_version=version, data=data),
                  self._submitted)

    def _submitted(self, result: insp.Submitted) -> None:
        self.submitted = result
        self.accept()

    # --- photos -----------------------------------------------------------------------------
    def add_photo(self, row: ItemRowWidgets) -> None:
        if self._busy:
            return
        path = files.open_file(self, self.tr("添加照片：{item}").format(item=row.item.text),
                               self.tr("图片 (*.jpg *.jpeg *.png)"))
        if path is None:
            return
        unreadable = self.tr("无法读取“{file}”：{reason}")
        try:  # a file too large is refused before it is read
            insp.check_photo_size(path.stat().st_size)
        except OSError as exc:
            self.error.show_message(unreadable.format(file=path.name,
                                                      reason=exc.strerror or exc))
            return
        except UserError as exc:
            self.error.show_message(str(exc))
            return
        actor, iid, item_id = self.actor, self.detail.row.id, row.item.id
        caption = path.stem

        def read_and_add(s: Any) -> int:
            try:  # read in the op, off the GUI thread
                content = path.read_bytes()
            except OSError as exc:
                raise InvalidInput(unreadable.format(file=path.name,
                                                     reason=exc.strerror or exc)) from exc
            return insp.add_photo(s, actor, iid, item_id, content, caption)

        def added(_photo_id: int) -> None:
            row.photo_count += 1
            row.show_photos(self)

        self._run(read_and_add, added)

    def keyPressEvent(self, event: Any) -> None:
        # Enter moves on through the items instead of closing the dialog
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.editable:
            self.focusNextChild()
            return
        super().keyPressEvent(event)

"""The dialogs of a venue's self-recommendation (自荐申请): entering or changing it
(:class:`ApplicationFormDialog`) and looking at it, its materials, opinions and history, with the
workflow's buttons (:class:`ApplicationDetailDialog`).

Both hold plain data from ``services.recruitment`` and change the database only through
``ops.run_db_op``; every rule (who may do what, which field is wrong) is the service's.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from jd_admin.db import Database
from jd_admin.domain.recruitment import APPLICATION_WORKFLOW, CALL_WORKFLOW
from jd_admin.domain.workflow import Transition
from jd_admin.money import MoneyError, format_yuan
from jd_admin.services.actor import Actor
from jd_admin.services.attachments import APPLICATION_KINDS, KIND_LABELS, AttachmentInfo
from jd_admin.services.clock import format_local
from jd_admin.services.recruitment import applications as recruitment
from jd_admin.services.recruitment.application_input import (
    FIELD_LABELS,
    VENUE_TYPES,
    ApplicationInput,
    ApplicationInvalid,
    Coach,
    FieldError,
    SportPrice,
    clean_text,
    parse_price,
    validate,
)
from jd_admin.ui import files, labels, messages, ops
from jd_admin.ui.tables import Column, RowsModel, make_table, selected_object
from jd_admin.ui.widgets import FormDialog, heading, wrapped

INVALID_STYLE = (
    'QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"],'
    ' QSpinBox[invalid="true"], QTableWidget[invalid="true"] { border: 2px solid #c0392b; }'
)
INVALID_CELL = QColor("#fadbd8")
T = TypeVar("T")


# --- translatable labels of the service's codes ---------------------------------------------

def application_state_label(code: str | None) -> str:
    if not code:
        return ""
    return {
        "draft": QCoreApplication.translate("recruitment", "草稿"),
        "submitted": QCoreApplication.translate("recruitment", "已提交"),
        "subdistrict_approved": QCoreApplication.translate("recruitment", "街镇审核通过"),
        "bureau_approved": QCoreApplication.translate("recruitment", "区体育局审定通过"),
        "returned": QCoreApplication.translate("recruitment", "退回补充材料"),
        "rejected": QCoreApplication.translate("recruitment", "不予通过"),
    }.get(code, APPLICATION_WORKFLOW.label(code))


def call_state_label(code: str) -> str:
    return {
        "draft": QCoreApplication.translate("recruitment", "草稿"),
        "published": QCoreApplication.translate("recruitment", "已发布"),
        "closed": QCoreApplication.translate("recruitment", "已截止"),
    }.get(code, CALL_WORKFLOW.label(code))


def action_label(transition: Transition) -> str:
    return str(transition.action)


def kind_label(code: str) -> str:
    return {
        "business_licence": QCoreApplication.translate("recruitment", "营业执照"),
        "photo": QCoreApplication.translate("recruitment", "场馆照片"),
        "price_list": QCoreApplication.translate("recruitment", "价目表"),
        "certificate": QCoreApplication.translate("recruitment", "教练资格证书"),
        "safety": QCoreApplication.translate("recruitment", "安全与防疫措施"),
        "other": QCoreApplication.translate("recruitment", "其他材料"),
        "signed_agreement": QCoreApplication.translate("recruitment", "签署后的协议扫描件"),
    }.get(code, KIND_LABELS.get(code, code))


def field_label(field: str) -> str:
    return {
        "venue_name": QCoreApplication.translate("recruitment", "场馆名称"),
        "venue_type": QCoreApplication.translate("recruitment", "场馆类型"),
        "address": QCoreApplication.translate("recruitment", "地址"),
        "credit_code": QCoreApplication.translate("recruitment", "统一社会信用代码"),
        "legal_representative": QCoreApplication.translate("recruitment", "法定代表人"),
        "contact_name": QCoreApplication.translate("recruitment", "联系人"),
        "contact_mobile": QCoreApplication.translate("recruitment", "联系人手机"),
        "opening_hours": QCoreApplication.translate("recruitment", "开放时间"),
        "capacity": QCoreApplication.translate("recruitment", "可容纳人数"),
        "sports": QCoreApplication.translate("recruitment", "运动项目及挂牌价"),
        "coaches": QCoreApplication.translate("recruitment", "教练及资格证书"),
        "bank_name": QCoreApplication.translate("recruitment", "开户银行"),
        "bank_account_name": QCoreApplication.translate("recruitment", "账户名称"),
        "bank_account_number": QCoreApplication.translate("recruitment", "银行账号"),
        "safety_measures": QCoreApplication.translate("recruitment", "安全与防疫措施"),
        "longitude": QCoreApplication.translate("recruitment", "经度"),
        "latitude": QCoreApplication.translate("recruitment", "纬度"),
    }.get(field, FIELD_LABELS.get(field, field))


def guarded(fn: Callable[[Session], T]) -> Callable[[Session, ops.Progress], T]:
    """An op body calling a service that changes data (run_db_op maps database refusals and
    concurrent saves to plain messages)."""

    def run(s: Session, _p: ops.Progress) -> T:
        return fn(s)

    return run


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


# --- entering and changing an application ---------------------------------------------------

class ApplicationFormDialog(FormDialog):
    """Every field of :class:`ApplicationInput`. New: against one of ``calls`` (the open calls;
    a combo when there are several). Changing: ``detail``'s data, saved with its version.

    A wrong value is shown in the error line and on the widget itself (red border, the
    message as tooltip); nothing is saved while anything is wrong.
    """

    def __init__(self, parent: QWidget | None, database: Database, actor: Actor, *,
                 calls: Sequence[recruitment.CallRow] = (),
                 detail: recruitment.ApplicationDetail | None = None) -> None:
        super().__init__(parent, object_name="applicationFormDialog", title="", min_width=1000)
        self.database = database
        self.actor = actor
        self.detail = detail
        self.calls = list(calls)
        self.created_id: int | None = None
        self._sport_rows: list[tuple[int, list[str]]] = []
        self._coach_rows: list[tuple[int, list[str]]] = []
        if detail is None:
            self.setWindowTitle(self.tr("登记场馆自荐申请"))
        else:
            self.setWindowTitle(self.tr("修改自荐申请 {number}").format(number=detail.number))
        self.setStyleSheet(INVALID_STYLE)

        # The call this application answers.
        self.call = QComboBox()
        self.call.setObjectName("callCombo")
        self.call_hint = QLabel()
        self.call_hint.setObjectName("callHint")
        self.call_hint.setStyleSheet("color: #555;")
        if detail is None:
            for c in self.calls:
                self.call.addItem(c.title, c.id)
            self.call.setEnabled(len(self.calls) > 1)
            self.call.currentIndexChanged.connect(self._call_changed)
            self.form.addRow(self.tr("招募公告："), self.call)
        else:
            self.call.addItem(detail.call_title, detail.call_id)
            self.call.setEnabled(False)
            self.form.addRow(self.tr("招募公告："), self.call)
        self.form.addRow("", self.call_hint)

        # Venue.
        self.venue_name = self._line("venueName", 100)
        self.venue_type = QComboBox()
        self.venue_type.setObjectName("venueType")
        if detail is None:
            self.venue_type.addItem(self.tr("（请选择）"), "")
        for code in VENUE_TYPES:
            self.venue_type.addItem(labels.venue_type(code), code)
        self.address = self._line("address", 200)
        self.credit_code = self._line("creditCode", 30)
        self.credit_code.setPlaceholderText(self.tr("18 位，如 91310114MA1G8J2K35"))
        self.legal_representative = self._line("legalRepresentative", 40)
        self.contact_name = self._line("contactName", 40)
        self.contact_mobile = self._line("contactMobile", 20)
        self.contact_mobile.setPlaceholderText(self.tr("11 位手机号"))
        self.opening_hours = self._line("openingHours", 100)
        self.opening_hours.setPlaceholderText(self.tr("如 周一至周日 9:00-21:00"))
        self.capacity = QSpinBox()
        self.capacity.setObjectName("capacity")
        self.capacity.setRange(0, 100000)
        self.capacity.setSuffix(self.tr(" 人"))
        self.longitude = self._line("longitude", 20)
        self.longitude.setPlaceholderText(self.tr("经度，如 121.2655"))
        self.latitude = self._line("latitude", 20)
        self.latitude.setPlaceholderText(self.tr("纬度，如 31.3758"))
        venue_box = QGroupBox(self.tr("场馆信息"))
        venue_form = QFormLayout(venue_box)
        venue_form.addRow(self.tr("场馆名称："), self.venue_name)
        venue_form.addRow(self.tr("场馆类型："), self.venue_type)
        venue_form.addRow(self.tr("地址："), self.address)
        venue_form.addRow(self.tr("统一社会信用代码："), self.credit_code)
        venue_form.addRow(self.tr("法定代表人："), self.legal_representative)
        venue_form.addRow(self.tr("联系人："), self.contact_name)
        venue_form.addRow(self.tr("联系人手机："), self.contact_mobile)
        venue_form.addRow(self.tr("开放时间："), self.opening_hours)
        venue_form.addRow(self.tr("可容纳人数："), self.capacity)
        coordinates = QHBoxLayout()
        coordinates.addWidget(self.longitude)
        coordinates.addWidget(self.latitude)
        venue_form.addRow(self.tr("经纬度（选填）："), coordinates)

        # Sports and coaches.
        self.sports = self._table("sportsTable", [self.tr("项目"), self.tr("挂牌价（元）")])
        self.coaches = self._table("coachesTable",
                                   [self.tr("姓名"), self.tr("资格证书"), self.tr("证书编号")])
        sports_box = self._table_box(self.tr("运动项目及挂牌价"), self.sports, "Sport",
                                     self.add_sport_row)
        coaches_box = self._table_box(self.tr("教练及资格证书（选填）"), self.coaches, "Coach",
                                      self.add_coach_row)
        # Bank account and safety measures.
        self.bank_name = self._line("bankName", 100)
        self.bank_account_name = self._line("bankAccountName", 100)
        self.bank_account_number = self._line("bankAccountNumber", 40)
        self.bank_account_number.setPlaceholderText(self.tr("只填数字，可用空格分组"))
        bank_box = QGroupBox(self.tr("补贴结算账户"))
        bank_form = QFormLayout(bank_box)
        bank_form.addRow(self.tr("开户银行："), self.bank_name)
        bank_form.addRow(self.tr("账户名称："), self.bank_account_name)
        bank_form.addRow(self.tr("银行账号："), self.bank_account_number)
        self.safety_measures = QPlainTextEdit()
        self.safety_measures.setObjectName("safetyMeasures")
        self.safety_measures.setTabChangesFocus(True)
        self.safety_measures.setPlaceholderText(self.tr("简述安全管理与防疫措施"))
        self.safety_measures.setMinimumHeight(60)
        safety_box = QGroupBox(self.tr("安全与防疫措施（选填）"))
        safety_layout = QVBoxLayout(safety_box)
        safety_layout.addWidget(self.safety_measures)

        left = QVBoxLayout()
        left.addWidget(venue_box)
        left.addWidget(bank_box)
        left.addStretch()
        right = QVBoxLayout()
        right.addWidget(sports_box, 3)
        right.addWidget(coaches_box, 3)
        right.addWidget(safety_box, 2)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        self.vbox.addLayout(columns)

        self.field_widgets: dict[str, QWidget] = {
            "venue_name": self.venue_name, "venue_type": self.venue_type, "address": self.address,
            "credit_code": self.credit_code, "legal_representative": self.legal_representative,
            "contact_name": self.contact_name, "contact_mobile": self.contact_mobile,
            "opening_hours": self.opening_hours, "capacity": self.capacity,
            "sports": self.sports, "coaches": self.coaches, "bank_name": self.bank_name,
            "bank_account_name": self.bank_account_name,
            "bank_account_number": self.bank_account_number,
            "safety_measures": self.safety_measures, "longitude": self.longitude,
            "latitude": self.latitude,
        }
        self._tooltips = {w: w.toolTip() for w in self.field_widgets.values()}
        self.finish(self.tr("保存"), self.save,
                    note=self.tr("保存后为草稿。在申请详情中上传营业执照等材料后，再提交街镇审核。"))
        self.error.setObjectName("formErrors")
        if detail is not None:
            self._load(detail.data)
        else:
            self.add_sport_row()
        self._call_changed()

    # -- building --------------------------------------------------------------------------

    @staticmethod
    def _line(object_name: str, max_length: int) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(object_name)
        edit.setMaxLength(max_length)
        return edit

    def _table(self, object_name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setObjectName(object_name)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setMinimumHeight(96)
        return table

    def _table_box(self, title: str, table: QTableWidget, name: str, add) -> QGroupBox:  # type: ignore[no-untyped-def]
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.addWidget(table)
        row = QHBoxLayout()
        add_button = QPushButton(self.tr("添加"))
        add_button.setObjectName(f"add{name}Button")
        remove_button = QPushButton(self.tr("删除"))
        remove_button.setObjectName(f"remove{name}Button")
        add_button.clicked.connect(lambda: self._add_and_edit(table, add))
        remove_button.clicked.connect(lambda: self._remove_row(table))
        row.addWidget(add_button)
        row.addWidget(remove_button)
        row.addStretch()
        layout.addLayout(row)
        return box

    def add_sport_row(self, sport: str = "", price: str = "") -> int:
        return self._append(self.sports, [sport, price], right_aligned=frozenset({1}))

    def add_coach_row(self, name: str = "", qualification: str = "", number: str = "") -> int:
        return self._append(self.coaches, [name, qualification, number])

    @staticmethod
    def _append(table: QTableWidget, values: list[str],
                right_aligned: frozenset[int] = frozenset()) -> int:
        row = table.rowCount()
        table.insertRow(row)
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if column in right_aligned:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, item)
        return row

    def _add_and_edit(self, table: QTableWidget, add) -> None:  # type: ignore[no-untyped-def]
        row = add()
        table.setCurrentCell(row, 0)
        item = table.item(row, 0)
        if item is not None:
            table.editItem(item)

    @staticmethod
    def _remove_row(table: QTableWidget) -> None:
        row = table.currentRow()
        if row < 0 and table.rowCount():
            row = table.rowCount() - 1
        if row >= 0:
            table.removeRow(row)

    def _load(self, data: ApplicationInput) -> None:
        self.venue_name.setText(data.venue_name)
        self.venue_type.setCurrentIndex(max(0, self.venue_type.findData(data.venue_type)))
        self.address.setText(data.address)
        self.credit_code.setText(data.credit_code)
        self.legal_representative.setText(data.legal_representative)
        self.contact_name.setText(data.contact_name)
        self.contact_mobile.setText(data.contact_mobile)
        self.opening_hours.setText(data.opening_hours)
        self.capacity.setValue(data.capacity)
        self.longitude.setText("" if data.longitude is None else str(data.longitude))
        self.latitude.setText("" if data.latitude is None else str(data.latitude))
        for sp in data.sports:
            self.add_sport_row(sp.sport, f"{sp.list_price}")
        for c in data.coaches:
            self.add_coach_row(c.name, c.qualification, c.certificate_number)
        self.bank_name.setText(data.bank_name)
        self.bank_account_name.setText(data.bank_account_name)
        self.bank_account_number.setText(data.bank_account_number)
        self.safety_measures.setPlainText(data.safety_measures)

    def _call_changed(self) -> None:
        call = next((c for c in self.calls if c.id == self.call.currentData()), None)
        if call is None:
            self.call_hint.setText("")
            self.call_hint.hide()
            return
        types = "、".join(labels.venue_type(t) for t in call.venue_types)
        self.call_hint.setText(self.tr("报名时间 {start} 至 {end}；适用：{types}；项目：{sports}").format(
            start=call.open_date.isoformat(), end=call.close_date.isoformat(), types=types,
            sports="、".join(call.sports)))
        self.call_hint.show()

    # -- reading and saving ------------------------------------------------------------------

    @staticmethod
    def _cell(table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text() if item is not None else ""

    def _rows(self, table: QTableWidget) -> list[tuple[int, list[str]]]:
        """(table row, texts) of every row with something in it."""
        rows = []
        for row in range(table.rowCount()):
            texts = [self._cell(table, row, c) for c in range(table.columnCount())]
            if any(t.strip() for t in texts):
                rows.append((row, texts))
        return rows

    def _coordinate(self, edit: QLineEdit, field: str, errors: list[FieldError]) -> float | None:
        text = unicodedata.normalize("NFKC", edit.text()).strip()
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            errors.append(FieldError(field, self.tr("应为小数形式的度数，如 121.2655")))
            return None

    def collect(self) -> tuple[ApplicationInput, list[FieldError]]:
        """The input as typed, and the errors found before the service sees it (prices and
        coordinates that are not numbers). ``index`` of a row error is the table row."""
        errors: list[FieldError] = []
        self._sport_rows = self._rows(self.sports)
        self._coach_rows = self._rows(self.coaches)
        sports: list[SportPrice] = []
        for row, (sport, price_text) in self._sport_rows:
            price = Decimal(0)
            if not clean_text(price_text):
                errors.append(FieldError("sports", self.tr("请填写挂牌价"), row))
            else:
                try:
                    price = parse_price(price_text)
                except MoneyError as exc:
                    errors.append(FieldError("sports", str(exc), row))
            sports.append(SportPrice(sport, price))
        coaches = [Coach(*texts) for _row, texts in self._coach_rows]
        if not self.venue_type.currentData():
            errors.append(FieldError("venue_type", self.tr("请选择场馆类型")))
        longitude = self._coordinate(self.longitude, "longitude", errors)
        latitude = self._coordinate(self.latitude, "latitude", errors)
        data = ApplicationInput(
            venue_name=self.venue_name.text(), venue_type=self.venue_type.currentData(),
            address=self.address.text(), credit_code=self.credit_code.text(),
            legal_representative=self.legal_representative.text(),
            contact_name=self.contact_name.text(), contact_mobile=self.contact_mobile.text(),
            opening_hours=self.opening_hours.text(), capacity=self.capacity.value(),
            sports=tuple(sports), coaches=tuple(coaches), bank_name=self.bank_name.text(),
            bank_account_name=self.bank_account_name.text(),
            bank_account_number=self.bank_account_number.text(),
            safety_measures=self.safety_measures.toPlainText(),
            longitude=longitude, latitude=latitude,
        )
        return data, errors

    def save(self) -> None:
        self.clear_marks()
        data, errors = self.collect()
        if errors:
            # Report everything at once: what the service would also refuse, with the values
            # that could not be read replaced by harmless ones.
            try:
                validate(data)
            except ApplicationInvalid as exc:
                already = {(e.field, e.index) for e in errors}
                for e in exc.errors:
                    index = self._table_row(e)
                    if (e.field, index) not in already and not (
                            e.field in ("longitude", "latitude") and any(
                                x.field in ("longitude", "latitude") for x in errors)):
                        errors.append(FieldError(e.field, e.message, index))
            self.show_errors(errors)
            return
        if self.detail is None:
            call_id = self.call.currentData()
            if call_id is None:
                self.error.show_message(self.tr("当前没有处于报名期的招募公告，不能登记申请"))
                return

            self.submit(self.database, guarded(
                lambda s: recruitment.create_application(s, self.actor, call_id, data)),
                self._created)
        else:
            app_id, version = self.detail.id, self.detail.version
            self.submit(self.database, guarded(lambda s: recruitment.update_application(
                s, self.actor, app_id, data, expected_version=version)))

    def _created(self, application_id: int) -> None:
        self.created_id = application_id
        self.accept()

    def _table_row(self, error: FieldError) -> int | None:
        """The table row of a service error about the ``index``-th non-empty row."""
        if error.index is None:
            return None
        rows = self._sport_rows if error.field == "sports" else self._coach_rows
        return rows[error.index][0] if error.index < len(rows) else error.index

    def show_failure(self, exc: BaseException) -> None:
        if isinstance(exc, ApplicationInvalid):
            self.ok_button.setEnabled(True)
            self.show_errors([FieldError(e.field, e.message, self._table_row(e)) for e in exc.errors])
            return
        super().show_failure(exc)

    @staticmethod
    def describe(error: FieldError) -> str:
        where = "" if error.index is None else QCoreApplication.translate(
            "recruitment", "第 {n} 行").format(n=error.index + 1)
        return f"{field_label(error.field)}{where}：{error.message}"

    def show_errors(self, errors: list[FieldError]) -> None:
        """List ``errors`` (``index`` = table row) in the error line and mark their widgets."""
        order = list(FIELD_LABELS)
        errors = sorted(errors, key=lambda e: (
            order.index(e.field) if e.field in order else len(order), e.index or 0))
        lines = [self.describe(e) for e in errors]
        # A short list one per line; a long one as a paragraph, so the dialog fits the screen.
        separator = "\n" if len(lines) <= 5 else "；"
        self.error.show_message(self.tr("请更正以下内容后再保存：") + "\n" + separator.join(lines))
        by_widget: dict[QWidget, list[str]] = {}
        for error, line in zip(errors, lines, strict=True):
            widget = self.field_widgets.get(error.field)
            if widget is None:
                continue
            by_widget.setdefault(widget, []).append(error.message if error.index is None else line)
            if isinstance(widget, QTableWidget) and error.index is not None \
                    and error.index < widget.rowCount():
                for column in range(widget.columnCount()):
                    item = widget.item(error.index, column)
                    if item is None:
                        item = QTableWidgetItem("")
                        widget.setItem(error.index, column, item)
                    item.setBackground(QBrush(INVALID_CELL))
                    item.setToolTip(error.message)
        for widget, texts in by_widget.items():
            widget.setProperty("invalid", True)
            widget.setToolTip("\n".join(texts))
            _repolish(widget)
        first = next(iter(by_widget), None)
        if first is not None:
            first.setFocus()

    def clear_marks(self) -> None:
        self.error.show_message("")
        for widget, tooltip in self._tooltips.items():
            if widget.property("invalid"):
                widget.setProperty("invalid", False)
                widget.setToolTip(tooltip)
                _repolish(widget)
        for table in (self.sports, self.coaches):
            for row in range(table.rowCount()):
                for column in range(table.columnCount()):
                    item = table.item(row, column)
                    if item is not None and item.toolTip():
                        item.setBackground(QBrush())
                        item.setToolTip("")

    def is_marked(self, field: str) -> bool:
        return bool(self.field_widgets[field].property("invalid"))


# --- looking at an application --------------------------------------------------------------

class ImagePreviewDialog(QDialog):
    """A picture attachment, scaled down to fit the screen."""

    def __init__(self, parent: QWidget | None, title: str, pixmap: QPixmap) -> None:
        super().__init__(parent)
        self.setObjectName("imagePreviewDialog")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.image = QLabel()
        self.image.setObjectName("previewImage")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        screen = self.screen().availableGeometry() if self.screen() else None
        max_w = int(screen.width() * 0.7) if screen else 900
        max_h = int(screen.height() * 0.7) if screen else 640
        if pixmap.width() > max_w or pixmap.height() > max_h:
            pixmap = pixmap.scaled(max_w, max_h, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
        self.image.setPixmap(pixmap)
        layout.addWidget(self.image)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class ApplicationDetailDialog(QDialog):
    """One application: its data, materials, both opinions and its history, with the steps
    the user may take now. ``changed`` is emitted after each change (the page refreshes)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None, database: Database, actor: Actor,
                 detail: recruitment.ApplicationDetail) -> None:
        super().__init__(parent)
        self.setObjectName("applicationDetailDialog")
        self.database = database
        self.actor = actor
        self.detail = detail
        self.form_dialog: ApplicationFormDialog | None = None
        self.preview: ImagePreviewDialog | None = None
        self.action_buttons: dict[str, QPushButton] = {}
        self.resize(1040, 680)
        layout = QVBoxLayout(self)

        header = QHBoxLayout()
        self.number = heading("", larger_by=4)
        self.number.setObjectName("applicationNumber")
        self.venue = heading("", larger_by=3)
        self.venue.setObjectName("venueName")
        self.venue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setObjectName("statusLabel")
        header.addWidget(self.number)
        header.addSpacing(12)
        header.addWidget(self.venue, 1)
        header.addWidget(self.status)
        layout.addLayout(header)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("applicationSubtitle")
        self.subtitle.setStyleSheet("color: #555;")
        layout.addWidget(self.subtitle)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("detailTabs")
        self.tabs.addTab(self._data_tab(), self.tr("申请信息"))
        self.tabs.addTab(self._attachments_tab(), self.tr("申请材料"))
        self.tabs.addTab(self._opinions_tab(), self.tr("审核意见"))
        self.tabs.addTab(self._history_tab(), self.tr("办理记录"))
        layout.addWidget(self.tabs, 1)

        buttons = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("修改…"))
        self.edit_button.setObjectName("editApplicationButton")
        self.edit_button.clicked.connect(self.edit)
        buttons.addWidget(self.edit_button)
        self.actions_box = QHBoxLayout()
        buttons.addLayout(self.actions_box)
        buttons.addStretch()
        self.print_button = QPushButton(self.tr("打印审核表…"))
        self.print_button.setObjectName("printReviewFormButton")
        self.print_button.clicked.connect(self.print_review_form)
        buttons.addWidget(self.print_button)
        close = QPushButton(self.tr("关闭"))
        close.setObjectName("closeButton")
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.show_detail(detail)

    # -- building --------------------------------------------------------------------------

    def _value(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(f"value_{name}")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _data_tab(self) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        inner = QWidget()
        form = QFormLayout(inner)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.values: dict[str, QLabel] = {}
        for name in ("venue_name", "venue_type", "address", "credit_code", "legal_representative",
                     "contact_name", "contact_mobile", "opening_hours", "capacity", "coordinates",
                     "bank_name", "bank_account_name", "bank_account_number", "safety_measures"):
            self.values[name] = self._value(name)
            text = self.tr("经纬度") if name == "coordinates" else field_label(name)
            form.addRow(self.tr("{label}：").format(label=text), self.values[name])
        scroll.setWidget(inner)
        row.addWidget(scroll, 1)
        right = QVBoxLayout()
        self.sports_model = RowsModel([
            Column(self.tr("项目"), lambda s: s.sport),
            Column(self.tr("挂牌价（元）"), lambda s: format_yuan(s.list_price),
                   sort_key=lambda s: s.list_price, align_right=True),
        ], self)
        self.sports_table = make_table(self.sports_model, "detailSportsTable", self)
        self.coaches_model = RowsModel([
            Column(self.tr("姓名"), lambda c: c.name),
            Column(self.tr("资格证书"), lambda c: c.qualification),
            Column(self.tr("证书编号"), lambda c: c.certificate_number),
        ], self)
        self.coaches_table = make_table(self.coaches_model, "detailCoachesTable", self)
        right.addWidget(QLabel(self.tr("运动项目及挂牌价")))
        right.addWidget(self.sports_table, 1)
        right.addWidget(QLabel(self.tr("教练及资格证书")))
        right.addWidget(self.coaches_table, 1)
        row.addLayout(right, 1)
        return page

    def _attachments_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.attachments_model = RowsModel([
            Column(self.tr("类别"), lambda a: kind_label(a.kind)),
            Column(self.tr("文件名"), lambda a: a.filename),
            Column(self.tr("大小"), lambda a: format_size(a.size), sort_key=lambda a: a.size,
                   align_right=True),
            Column(self.tr("上传人"), lambda a: self._name(a.uploaded_by)),
            Column(self.tr("时间"), lambda a: format_local(a.uploaded_at),
                   sort_key=lambda a: a.uploaded_at.isoformat()),
        ], self)
        self.attachments_table = make_table(self.attachments_model, "attachmentsTable", self)
        self.attachments_table.doubleClicked.connect(lambda _i: self.preview_attachment())
        self.attachments_table.selectionModel().selectionChanged.connect(self._update_buttons)
        layout.addWidget(self.attachments_table, 1)
        buttons = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("attachmentKind")
        for code in APPLICATION_KINDS:
            self.kind.addItem(kind_label(code), code)
        self.upload_label = QLabel(self.tr("材料类别："))
        self.upload_button = QPushButton(self.tr("上传…"))
        self.upload_button.setObjectName("uploadButton")
        self.upload_button.clicked.connect(self.upload)
        self.delete_button = QPushButton(self.tr("删除"))
        self.delete_button.setObjectName("deleteAttachmentButton")
        self.delete_button.clicked.connect(self.delete_attachment)
        self.preview_button = QPushButton(self.tr("预览"))
        self.preview_button.setObjectName("previewButton")
        self.preview_button.clicked.connect(self.preview_attachment)
        for w in (self.upload_label, self.kind, self.upload_button, self.delete_button):
            buttons.addWidget(w)
        buttons.addStretch()
        buttons.addWidget(self.preview_button)
        layout.addLayout(buttons)
        self.attachments_note = wrapped(self.tr(
            "可上传 PDF、JPEG 或 PNG 文件，每个不超过 20 MB。提交前必须上传营业执照（或事业单位法人证书）。"))
        self.attachments_note.setStyleSheet("color: #555;")
        layout.addWidget(self.attachments_note)
        return page

    def _opinions_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.opinions: dict[str, tuple[QLabel, QLabel]] = {}
        for key, title in (("subdistrict", self.tr("街镇审核意见")),
                           ("bureau", self.tr("区体育局审定意见"))):
            box = QGroupBox(title)
            box_layout = QVBoxLayout(box)
            text = self._value(f"{key}_opinion")
            meta = QLabel()
            meta.setObjectName(f"{key}_reviewer")
            meta.setStyleSheet("color: #555;")
            box_layout.addWidget(text)
            box_layout.addWidget(meta)
            layout.addWidget(box)
            self.opinions[key] = (text, meta)
        layout.addStretch()
        return page

    def _history_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.history_model = RowsModel([
            Column(self.tr("时间"), lambda h: format_local(h.at), sort_key=lambda h: h.at.isoformat()),
            Column(self.tr("操作人"), lambda h: h.actor_name),
            Column(self.tr("操作"), lambda h: h.action),
            Column(self.tr("从"), lambda h: application_state_label(h.from_state)),
            Column(self.tr("到"), lambda h: application_state_label(h.to_state)),
            Column(self.tr("意见"), lambda h: h.comment or ""),
        ], self)
        self.history_table = make_table(self.history_model, "historyTable", self)
        layout.addWidget(self.history_table)
        return page

    # -- showing ---------------------------------------------------------------------------

    def _name(self, username: str | None) -> str:
        if not username:
            return ""
        return self._names.get(username, username)

    def show_detail(self, detail: recruitment.ApplicationDetail) -> None:
        self.detail = detail
        self._names = {h.actor: h.actor_name for h in detail.history}
        d = detail.data
        self.setWindowTitle(self.tr("自荐申请 {number}").format(number=detail.number))
        self.number.setText(detail.number)
        self.venue.setText(d.venue_name)
        self.status.setText(application_state_label(detail.status))
        colour = {"bureau_approved": "#1e8449", "rejected": "#c0392b", "returned": "#b9770e"}.get(
            detail.status, "#1f618d")
        self.status.setStyleSheet(
            f"color: white; background: {colour}; border-radius: 4px; padding: 3px 10px;")
        self.subtitle.setText(self.tr("招募公告：{call}　　街镇：{subdistrict}").format(
            call=detail.call_title, subdistrict=detail.subdistrict))
        v = self.values
        v["venue_name"].setText(d.venue_name)
        v["venue_type"].setText(labels.venue_type(d.venue_type))
        v["address"].setText(d.address)
        v["credit_code"].setText(d.credit_code)
        v["legal_representative"].setText(d.legal_representative)
        v["contact_name"].setText(d.contact_name)
        v["contact_mobile"].setText(d.contact_mobile)
        v["opening_hours"].setText(d.opening_hours)
        v["capacity"].setText(self.tr("{n} 人").format(n=d.capacity))
        v["coordinates"].setText(
            f"{d.longitude}, {d.latitude}" if d.longitude is not None and d.latitude is not None
            else self.tr("未填写"))
        v["bank_name"].setText(d.bank_name)
        v["bank_account_name"].setText(d.bank_account_name)
        v["bank_account_number"].setText(d.bank_account_number)
        v["safety_measures"].setText(d.safety_measures or self.tr("未填写"))
        self.sports_model.set_rows(d.sports)
        self.sports_table.resizeColumnsToContents()
        self.coaches_model.set_rows(d.coaches)
        self.coaches_table.resizeColumnsToContents()
        self.attachments_model.set_rows(detail.attachments)
        self.attachments_table.resizeColumnsToContents()
        self.tabs.setTabText(1, self.tr("申请材料（{n}）").format(n=len(detail.attachments)))
        self.history_model.set_rows(detail.history)
        self.history_table.resizeColumnsToContents()
        for key, opinion, reviewer, at in (
                ("subdistrict", detail.subdistrict_opinion, detail.subdistrict_reviewer,
                 detail.subdistrict_reviewed_at),
                ("bureau", detail.bureau_opinion, detail.bureau_reviewer, detail.bureau_reviewed_at)):
            text, meta = self.opinions[key]
            if at is None:
                text.setText(self.tr("尚未审核"))
                meta.setText("")
            else:
                text.setText(opinion or self.tr("（无）"))
                meta.setText(self.tr("审核人：{name}　　时间：{at}").format(
                    name=self._name(reviewer), at=format_local(at)))
        self._build_actions(detail.actions)
        self._update_buttons()

    def _build_actions(self, actions: Sequence[Transition]) -> None:
        for button in self.action_buttons.values():
            self.actions_box.removeWidget(button)
            button.deleteLater()
        self.action_buttons = {}
        for transition in actions:
            button = QPushButton(action_label(transition))
            button.setObjectName(f"action_{transition.target}")
            button.clicked.connect(lambda _c=False, t=transition: self.take(t))
            self.actions_box.addWidget(button)
            self.action_buttons[transition.target] = button

    def _update_buttons(self) -> None:
        editable = self.detail.editable
        self.edit_button.setVisible(editable)
        for w in (self.upload_label, self.kind, self.upload_button, self.delete_button):
            w.setVisible(editable)
        selected = selected_object(self.attachments_table) is not None
        self.delete_button.setEnabled(editable and selected)
        self.preview_button.setEnabled(selected)

    # -- changing --------------------------------------------------------------------------

    def _change(self, fn: Callable[[Session], object],
                after: Callable[[recruitment.ApplicationDetail], None] | None = None) -> None:
        """Run ``fn(session)`` and show the application as it is afterwards."""
        app_id = self.detail.id

        def job(s: Session) -> recruitment.ApplicationDetail:
            fn(s)
            s.flush()
            return recruitment.application_detail(s, self.actor, app_id)

        ops.run_db_op(self, self.database, guarded(job), after or self._changed)

    def _changed(self, detail: recruitment.ApplicationDetail) -> None:
        self.show_detail(detail)
        self.changed.emit()

    def reload(self) -> None:
        app_id = self.detail.id
        ops.run_db_op(self, self.database,
                      lambda s, _p: recruitment.application_detail(s, self.actor, app_id),
                      self.show_detail)

    def edit(self) -> None:
        dialog = ApplicationFormDialog(self, self.database, self.actor, detail=self.detail)
        dialog.accepted.connect(lambda: self._change(lambda _s: None))
        if self.form_dialog is not None:
            self.form_dialog.deleteLater()
        self.form_dialog = dialog
        dialog.open()

    def take(self, transition: Transition) -> None:
        """Submit, review or decide: ask the opinion (when required) or confirm, then apply."""
        name = action_label(transition)
        d = self.detail
        if transition.comment_required:
            comment = messages.ask_text(self, name, self.tr("请填写{action}意见：").format(action=name))
            if comment is None or not comment.strip():
                return
        else:
            if not messages.ask(self, self.tr("确定{action}申请 {number}（{venue}）吗？").format(
                    action=name, number=d.number, venue=d.data.venue_name)):
                return
            comment = None
        target, version, app_id = transition.target, d.version, d.id
        self._change(
            lambda s: recruitment.transition(s, self.actor, app_id, target, comment,
                                             expected_version=version),
            self._approved if target == "bureau_approved" else None)

    def _approved(self, detail: recruitment.ApplicationDetail) -> None:
        self._changed(detail)
        messages.info(self, self.tr(
            "{venue} 已审定通过并列入定点场馆名录。下一步请在“协议”页生成三方合作协议。").format(
            venue=detail.data.venue_name))

    def upload(self) -> None:
        path = files.open_file(self, self.tr("选择要上传的材料"), self.tr("PDF 或图片 (*.pdf *.jpg *.jpeg *.png)"))
        if path is None:
            return
        kind = self.kind.currentData()
        app_id = self.detail.id

        def add(s) -> None:  # type: ignore[no-untyped-def]
            recruitment.add_attachment(s, self.actor, app_id, kind, path.name, _read(path))

        self._change(add)

    def delete_attachment(self) -> None:
        attachment: AttachmentInfo | None = selected_object(self.attachments_table)
        if attachment is None:
            return
        if not messages.ask(self, self.tr("删除材料“{name}”（{kind}）吗？").format(
                name=attachment.filename, kind=kind_label(attachment.kind))):
            return
        app_id = self.detail.id
        self._change(lambda s: recruitment.remove_attachment(s, self.actor, app_id, attachment.id))

    def preview_attachment(self) -> None:
        attachment: AttachmentInfo | None = selected_object(self.attachments_table)
        if attachment is None:
            return
        app_id, number = self.detail.id, self.detail.number

        def fetch(s, _p):  # type: ignore[no-untyped-def]
            info, content = recruitment.attachment_content(s, self.actor, app_id, attachment.id)
            if info.media_type.startswith("image/"):
                return info, content
            path = files.temp_path(f"{number}-{info.id}-{info.filename}")
            path.write_bytes(content)
            return info, path

        ops.run_db_op(self, self.database, fetch, self._show_attachment)

    def _show_attachment(self, result: tuple[AttachmentInfo, bytes | Path]) -> None:
        info, payload = result
        if isinstance(payload, Path):
            files.show(payload)
            return
        pixmap = QPixmap()
        if not pixmap.loadFromData(payload):
            messages.warning(self, self.tr("无法显示图片“{name}”，文件可能已损坏。").format(
                name=info.filename))
            return
        if self.preview is not None:
            self.preview.close()
            self.preview.deleteLater()
        self.preview = ImagePreviewDialog(self, info.filename, pixmap)
        self.preview.open()

    def print_review_form(self) -> None:
        app_id, number = self.detail.id, self.detail.number

        def build(s, _p):  # type: ignore[no-untyped-def]
            from jd_admin.reports.recruitment import write_review_form

            form = recruitment.review_form(s, self.actor, app_id)
            path = files.temp_path(f"自荐申请审核表-{number}-{_stamp()}.pdf")
            write_review_form(form, path)
            return path

        ops.run_db_op(self, self.database, build, files.show,
                      label=self.tr("正在生成审核表…"))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        from jd_admin.domain.errors import InvalidInput

        raise InvalidInput(QCoreApplication.translate(
            "recruitment", "无法读取文件“{name}”：{reason}").format(
            name=path.name, reason=exc.strerror or exc)) from exc


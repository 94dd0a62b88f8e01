"""Entering or changing a venue's self-recommendation (自荐申请): every field of
:class:`ApplicationInput`, wrong values shown on their widgets; saved through the service."""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
    QVBoxLayout,
    QWidget,
)

from jd_admin.db import Database
from jd_admin.domain.recruitment import (
    VenueType,
)
from jd_admin.money import MoneyError
from jd_admin.services.actor import Actor
from jd_admin.services.recruitment import applications as recruitment
from jd_admin.services.recruitment.application_input import (
    FIELD_LABELS,
    ApplicationInput,
    ApplicationInvalid,
    Coach,
    FieldError,
    SportPrice,
    clean_text,
    parse_price,
    validate,
)
from jd_admin.ui import labels
from jd_admin.ui.recruitment.shared import (
    INVALID_CELL,
    INVALID_STYLE,
    field_label,
    guarded,
    repolish,
)
from jd_admin.ui.tables import ChoiceDelegate, EditableTable
from jd_admin.ui.widgets import FormDialog

# Rows a table of the form shows without scrolling.
VISIBLE_ROWS = 6
# The form's width where the screen has room (its three columns side by side).
PREFERRED_WIDTH = 1320


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
        self.call_hint.setWordWrap(True)
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
        for code in VenueType.codes():
            self.venue_type.addItem(labels.of(VenueType, code), code)
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

        # Sports and coaches. A sport is chosen from the call's (typed when it names none).
        self.sports = self._table("sportsTable", [self.tr("项目"), self.tr("挂牌价（元）")])
        self.sport_choices = ChoiceDelegate(parent=self.sports)
        self.sports.setItemDelegateForColumn(0, self.sport_choices)
        self.coaches = self._table("coachesTable",
                                   [self.tr("姓名"), self.tr("资格证书"), self.tr("证书编号")])
        coach_columns = self.coaches.horizontalHeader()
        coach_columns.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        coach_columns.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        coach_columns.resizeSection(0, 90)
        coach_columns.resizeSection(2, 110)
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

        # Three columns, read (and tabbed through) from left to right: the venue; its sports
        # and coaches; its account and safety measures.
        left = QVBoxLayout()
        left.addWidget(venue_box)
        left.addStretch()
        middle = QVBoxLayout()
        middle.addWidget(sports_box, 1)
        middle.addWidget(coaches_box, 1)
        right = QVBoxLayout()
        right.addWidget(bank_box)
        right.addWidget(safety_box, 1)
        # The columns scroll (as one) only where the screen is too low for them.
        content = QWidget()
        content.setObjectName("formContent")
        columns = QHBoxLayout(content)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 4)
        columns.addLayout(middle, 4)
        columns.addLayout(right, 3)
        self.content_scroll = QScrollArea()
        self.content_scroll.setObjectName("formScroll")
        self.content_scroll.setWidgetResizable(True)
        self.content_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.content_scroll.setWidget(content)
        self.vbox.addWidget(self.content_scroll, 1)

        self.field_widgets = {
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
        self._tab_order(sports_box, coaches_box)
        if detail is not None:
            self._load(detail.data)
        else:
            self.add_sport_row()
        self._call_changed()
        self._fit_screen(content)

    # -- building --------------------------------------------------------------------------

    @staticmethod
    def _line(object_name: str, max_length: int) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(object_name)
        edit.setMaxLength(max_length)
        return edit

    def _table(self, object_name: str, headers: list[str]) -> QTableWidget:
        """A table typed into (Tab walks its cells and leaves it at the last one)."""
        table = EditableTable(0, len(headers))
        table.setObjectName(object_name)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Rows a little lower than the style's (which leaves room for two-line cells).
        row_height = min(table.verticalHeader().defaultSectionSize(),
                         table.fontMetrics().height() + 8)
        table.verticalHeader().setDefaultSectionSize(row_height)
        rows = row_height * VISIBLE_ROWS
        table.setMinimumHeight(
            rows + table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth())
        return table

    def _tab_order(self, sports_box: QGroupBox, coaches_box: QGroupBox) -> None:
        """Tab goes down the columns from left to right (the venue; each table, then its
        添加 / 删除; the account and the safety measures), then to 保存 and 取消."""
        chain: list[QWidget] = [self.call, self.venue_name, self.venue_type, self.address,
                                self.credit_code, self.legal_representative, self.contact_name,
                                self.contact_mobile, self.opening_hours, self.capacity,
                                self.longitude, self.latitude, self.sports]
        chain += sports_box.findChildren(QPushButton)
        chain.append(self.coaches)
        chain += coaches_box.findChildren(QPushButton)
        chain += [self.bank_name, self.bank_account_name, self.bank_account_number,
                  self.safety_measures, self.ok_button, self._cancel_button()]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _cancel_button(self) -> QWidget:
        box = self.findChild(QDialogButtonBox)
        cancel = box.button(QDialogButtonBox.StandardButton.Cancel) if box else None
        return cancel or self.ok_button

    def _fit_screen(self, content: QWidget) -> None:
        """As large as the form needs, within the screen (the columns scroll beyond it)."""
        screen = self.screen()
        if screen is None:
            return
        available = screen.availableGeometry()
        hint = self.sizeHint()
        extra = content.sizeHint().height() - self.content_scroll.sizeHint().height()
        height = min(hint.height() + max(0, extra), available.height() - 40)
        width = min(max(hint.width(), PREFERRED_WIDTH), available.width() - 20)
        self.resize(width, height)

    def _table_box(self, title: str, table: QTableWidget, name: str,
                   add: Callable[[], int]) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
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

    def _add_and_edit(self, table: QTableWidget, add: Callable[[], int]) -> None:
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
        if call is not None:
            self.sport_choices.set_choices(call.sports)
        elif self.detail is not None:
            self.sport_choices.set_choices(self.detail.call_sports)
        if call is None:
            self.call_hint.setText("")
            self.call_hint.hide()
            return
        types = labels.join(labels.of(VenueType, t) for t in call.venue_types)
        self.call_hint.setText(self.tr(
            "报名时间 {start} 至 {end}；适用：{types}；项目：{sports}").format(
            start=call.open_date.isoformat(), end=call.close_date.isoformat(), types=types,
            sports=labels.join(call.sports)))
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

            actor = self.actor
            self.submit(self.database, guarded(
                lambda s: recruitment.create_application(s, actor, call_id, data)),
                self._created)
        else:
            app_id, version, actor = self.detail.id, self.detail.version, self.actor
            self.submit(self.database, guarded(lambda s: recruitment.update_application(
                s, actor, app_id, data, expected_version=version)))

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
            self.show_errors(
                [FieldError(e.field, e.message, self._table_row(e)) for e in exc.errors])
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
            by_widget.setdefault(widget, []).append(
                labels.text(error.message) if error.index is None else line)
            if isinstance(widget, QTableWidget) and error.index is not None \
                    and error.index < widget.rowCount():
                for column in range(widget.columnCount()):
                    item = widget.item(error.index, column)
                    if item is None:
                        item = QTableWidgetItem("")
                        widget.setItem(error.index, column, item)
                    item.setBackground(QBrush(INVALID_CELL))
                    item.setToolTip(labels.text(error.message))
        for widget, texts in by_widget.items():
            widget.setProperty("invalid", True)
            widget.setToolTip("\n".join(texts))
            repolish(widget)
        first = next(iter(by_widget), None)
        if first is not None:
            first.setFocus()

    def clear_marks(self) -> None:
        self.error.show_message("")
        for widget, tooltip in self._tooltips.items():
            if widget.property("invalid"):
                widget.setProperty("invalid", False)
                widget.setToolTip(tooltip)
                repolish(widget)
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

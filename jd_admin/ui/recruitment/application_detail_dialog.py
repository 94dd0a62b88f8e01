"""Looking at a venue's self-recommendation (自荐申请): its data, materials, opinions and
history, with the workflow's buttons; every rule is the service's."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jd_admin.db import Database
from jd_admin.domain.recruitment import (
    APPLICATION_ATTACHMENT_KINDS,
    ApplicationState,
    AttachmentKind,
    VenueType,
)
from jd_admin.domain.workflow import Transition
from jd_admin.money import format_yuan
from jd_admin.reports import data as report_data
from jd_admin.services.actor import Actor
from jd_admin.services.attachments import AttachmentInfo
from jd_admin.services.clock import format_local
from jd_admin.services.recruitment import applications as recruitment
from jd_admin.ui import files, keys, labels, messages, ops
from jd_admin.ui.recruitment.application_form_dialog import ApplicationFormDialog
from jd_admin.ui.recruitment.shared import (
    field_label,
    format_size,
    guarded,
    stamp,
)
from jd_admin.ui.tables import Column, RowsModel, make_table, selected_object
from jd_admin.ui.widgets import FormDialog, heading, wrapped

if TYPE_CHECKING:
    from jd_admin.db import Session


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


def _step(actor: Actor, detail: recruitment.ApplicationDetail, target: str,
          comment: str | None) -> Callable[[Session, ops.Progress], recruitment.ApplicationDetail]:
    """The op of a workflow step on ``detail``: the application as it is afterwards."""
    app_id, version = detail.id, detail.version

    def job(s: Session) -> recruitment.ApplicationDetail:
        recruitment.transition(s, actor, app_id, target, comment, expected_version=version)
        s.flush()
        return recruitment.application_detail(s, actor, app_id)

    return guarded(job)


# Submitting with the keyboard from the multi-line opinion (Return there starts a new line).
SUBMIT_KEY = "Ctrl+Return"


class ReviewDialog(FormDialog):
    """The opinion of a review step (审核通过, 退回补充材料, 不予通过, 审定通过): a few lines of
    text, the step taken with it. A dialog with input: Escape asks before discarding the text,
    a refused step keeps it and puts the cursor in it."""

    def __init__(self, parent: QWidget | None, database: Database, actor: Actor,
                 detail: recruitment.ApplicationDetail, transition: Transition) -> None:
        name = labels.text(transition.action)
        super().__init__(parent, object_name="reviewDialog", title=self.tr(
            "{action} — {number}").format(action=name, number=detail.number),
            intro=self.tr("申请 {number}（{venue}）：{action}。").format(
                number=detail.number, venue=detail.data.venue_name, action=name),
            min_width=560)
        self.database, self.actor, self.detail = database, actor, detail
        self.transition = transition
        self.result_detail: recruitment.ApplicationDetail | None = None
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("reviewComment")
        self.comment.setTabChangesFocus(True)
        self.comment.setPlaceholderText(self.tr("可分行填写，如审核情况、需补充的材料"))
        lines = self.comment.fontMetrics().lineSpacing() * 5
        self.comment.setMinimumHeight(lines + 2 * self.comment.frameWidth() + 8)
        self.form.addRow(self.tr("{action}意见：").format(action=name), self.comment)
        self.field_widgets = {"comment": self.comment}
        self.finish(name, self.save, ok_object_name="reviewOkButton")
        keys.bind(self.ok_button, SUBMIT_KEY)
        self.comment.setFocus()

    def save(self) -> None:
        self.submit(self.database, _step(self.actor, self.detail, self.transition.target,
                                         self.comment.toPlainText()), self._done)

    def _done(self, detail: recruitment.ApplicationDetail) -> None:
        self.result_detail = detail
        self.accept()


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
        self.review_dialog: ReviewDialog | None = None
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
            Column(self.tr("类别"), lambda a: labels.of(AttachmentKind, a.kind)),
            Column(self.tr("文件名"), lambda a: a.filename),
            Column(self.tr("大小"), lambda a: format_size(a.size), sort_key=lambda a: a.size,
                   align_right=True),
            Column(self.tr("上传人"), lambda a: self._name(a.uploaded_by)),
            Column(self.tr("时间"), lambda a: format_local(a.uploaded_at),
                   sort_key=lambda a: a.uploaded_at.isoformat()),
        ], self)
        self.attachments_table = make_table(self.attachments_model, "attachmentsTable", self)
        self.attachments_table.on_open(lambda _i: self.preview_attachment())
        self.attachments_table.selectionModel().selectionChanged.connect(self._update_buttons)
        layout.addWidget(self.attachments_table, 1)
        buttons = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("attachmentKind")
        for kind in APPLICATION_ATTACHMENT_KINDS:
            self.kind.addItem(labels.of(AttachmentKind, kind), kind.value)
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
            "可上传 PDF、JPEG 或 PNG 文件，每个不超过 20 MB。"
            "提交前必须上传营业执照（或事业单位法人证书）。"))
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
            Column(self.tr("时间"), lambda h: format_local(h.at),
                   sort_key=lambda h: h.at.isoformat()),
            Column(self.tr("操作人"), lambda h: h.actor_name),
            # the audit trail stores the action's Chinese source text; shown translated
            Column(self.tr("操作"), lambda h: labels.text(h.label)),
            Column(self.tr("从"), lambda h: labels.of(ApplicationState, h.from_state)),
            Column(self.tr("到"), lambda h: labels.of(ApplicationState, h.to_state)),
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
        self.status.setText(labels.of(ApplicationState, detail.status))
        colours: dict[str, str] = {ApplicationState.BUREAU_APPROVED: "#1e8449",
                                   ApplicationState.REJECTED: "#c0392b",
                                   ApplicationState.RETURNED: "#b9770e"}
        colour = colours.get(detail.status, "#1f618d")
        self.status.setStyleSheet(
            f"color: white; background: {colour}; border-radius: 4px; padding: 3px 10px;")
        self.subtitle.setText(self.tr("招募公告：{call}　　街镇：{subdistrict}").format(
            call=detail.call_title, subdistrict=detail.subdistrict))
        v = self.values
        v["venue_name"].setText(d.venue_name)
        v["venue_type"].setText(labels.of(VenueType, d.venue_type))
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
                ("bureau", detail.bureau_opinion, detail.bureau_reviewer,
                 detail.bureau_reviewed_at)):
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
            button = QPushButton(labels.text(transition.action))
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
        app_id, actor = self.detail.id, self.actor

        def job(s: Session) -> recruitment.ApplicationDetail:
            fn(s)
            s.flush()
            return recruitment.application_detail(s, actor, app_id)

        ops.run_db_op(self, self.database, guarded(job), after or self._changed)

    def _changed(self, detail: recruitment.ApplicationDetail) -> None:
        self.show_detail(detail)
        self.changed.emit()

    def reload(self) -> None:
        app_id, actor = self.detail.id, self.actor
        ops.run_db_op(self, self.database,
                      lambda s, _p: recruitment.application_detail(s, actor, app_id),
                      self.show_detail, read=True)

    def edit(self) -> None:
        dialog = ApplicationFormDialog(self, self.database, self.actor, detail=self.detail)
        dialog.accepted.connect(lambda: self._change(lambda _s: None))
        if self.form_dialog is not None:
            self.form_dialog.deleteLater()
        self.form_dialog = dialog
        dialog.open()

    def take(self, transition: Transition) -> None:
        """Submit, review or decide: a review asks its opinion (:class:`ReviewDialog`);
        a submission says what is missing first, then asks to confirm."""
        if transition.comment_required:
            self._review(transition)
        elif transition.target == ApplicationState.SUBMITTED:
            app_id, actor = self.detail.id, self.actor
            ops.run_db_op(self, self.database,
                          lambda s, _p: recruitment.submit_faults(s, actor, app_id),
                          lambda faults: self._submit(transition, faults), read=True)
        else:
            self._confirm(transition)

    def _review(self, transition: Transition) -> None:
        dialog = ReviewDialog(self, self.database, self.actor, self.detail, transition)
        target = transition.target

        def done() -> None:
            if dialog.result_detail is not None:
                (self._approved if target == ApplicationState.BUREAU_APPROVED
                 else self._changed)(dialog.result_detail)

        dialog.accepted.connect(done)
        if self.review_dialog is not None:
            self.review_dialog.discard()
            self.review_dialog.deleteLater()
        self.review_dialog = dialog
        dialog.open()

    def _submit(self, transition: Transition, faults: Sequence[Exception]) -> None:
        """Say everything that stops the submission, at the first fault, and ask nothing;
        else confirm it."""
        if not faults:
            self._confirm(transition)
            return
        messages.warning(self, self.tr("申请 {number} 还不能提交：\n{faults}").format(
            number=self.detail.number, faults="\n".join(str(f) for f in faults)))
        self.show_fault(getattr(faults[0], "field", None))

    def show_fault(self, field: str | None) -> None:
        """Put the user where ``field`` (of :func:`recruitment.submit_faults`) is put right."""
        if field == recruitment.BUSINESS_LICENCE and self.detail.editable:
            self.tabs.setCurrentIndex(1)
            licence = self.kind.findData(AttachmentKind.BUSINESS_LICENCE.value)
            self.kind.setCurrentIndex(max(0, licence))
            self.upload_button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif field == "credit_code" and self.detail.editable:
            self.tabs.setCurrentIndex(0)
            self.edit_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _confirm(self, transition: Transition) -> None:
        name, d = labels.text(transition.action), self.detail
        if not messages.ask(self, self.tr("确定{action}申请 {number}（{venue}）吗？").format(
                action=name, number=d.number, venue=d.data.venue_name)):
            return
        ops.run_db_op(self, self.database, _step(self.actor, d, transition.target, None),
                      self._approved if transition.target == ApplicationState.BUREAU_APPROVED
                      else self._changed)

    def _approved(self, detail: recruitment.ApplicationDetail) -> None:
        self._changed(detail)
        messages.info(self, self.tr(
            "{venue} 已审定通过并列入定点场馆名录。下一步请在“协议”页生成三方合作协议。").format(
            venue=detail.data.venue_name))

    def upload(self) -> None:
        path = files.open_file(self, self.tr("选择要上传的材料"),
                               self.tr("PDF 或图片 (*.pdf *.jpg *.jpeg *.png)"))
        if path is None:
            return
        kind = self.kind.currentData()
        app_id, actor = self.detail.id, self.actor

        def add(s: Session) -> None:
            recruitment.add_attachment(s, actor, app_id, kind, path.name, _read(path))

        self._change(add)

    def delete_attachment(self) -> None:
        attachment: AttachmentInfo | None = selected_object(self.attachments_table)
        if attachment is None:
            return
        if not messages.ask(self, self.tr("删除材料“{name}”（{kind}）吗？").format(
                name=attachment.filename, kind=labels.of(AttachmentKind, attachment.kind))):
            return
        app_id, actor, attachment_id = self.detail.id, self.actor, attachment.id
        self._change(lambda s: recruitment.remove_attachment(s, actor, app_id, attachment_id))

    def preview_attachment(self) -> None:
        attachment: AttachmentInfo | None = selected_object(self.attachments_table)
        if attachment is None:
            return
        app_id, number, actor, attachment_id = (self.detail.id, self.detail.number, self.actor,
                                                attachment.id)

        def fetch(s: Session, _p: ops.Progress) -> tuple[AttachmentInfo, bytes | Path]:
            info, content = recruitment.attachment_content(s, actor, app_id, attachment_id)
            if info.media_type.startswith("image/"):
                return info, content
            path = files.temp_path(f"{number}-{info.id}-{info.filename}")
            path.write_bytes(content)
            return info, path

        # a write: the download is recorded in the audit trail
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
        """Gather the form's data in a database op, then render the PDF outside the
        transaction (in a plain op) and open it."""
        app_id, number, actor = self.detail.id, self.detail.number, self.actor

        def gather(s: Session, _p: ops.Progress) -> report_data.ReviewForm:
            return recruitment.review_form(s, actor, app_id)

        def render(form: report_data.ReviewForm) -> None:
            def write(_p: ops.Progress) -> Path:
                from jd_admin.reports.recruitment import write_review_form

                path = files.temp_path(f"自荐申请审核表-{number}-{stamp()}.pdf")
                write_review_form(form, path)
                return path

            ops.run_op(self, write, files.show, label=self.tr("正在生成审核表…"))

        # a write: the print is recorded in the audit trail
        ops.run_db_op(self, self.database, gather, render, label=self.tr("正在生成审核表…"))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        from jd_admin.domain.errors import InvalidInput

        raise InvalidInput(QCoreApplication.translate(
            "recruitment", "无法读取文件“{name}”：{reason}").format(
            name=path.name, reason=exc.strerror or exc)) from exc

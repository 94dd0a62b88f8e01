"""Attachments kept in the database: checked by content, not by name; at most 20 MB each."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import PurePath

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from jd_admin.domain.errors import InvalidInput, NotFound
from jd_admin.domain.recruitment import AttachmentKind
from jd_admin.domain.text import Text, _
from jd_admin.models import Attachment
from jd_admin.models.recruitment import MAX_ATTACHMENT_BYTES

MEDIA_EXTENSIONS = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
}
MEDIA_LABELS: dict[str, Text] = {"application/pdf": _("PDF"), "image/jpeg": _("JPEG 图片"),
                                 "image/png": _("PNG 图片")}


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    kind: str
    filename: str
    media_type: str
    size: int
    sha256: str
    uploaded_by: str
    uploaded_at: dt.datetime

    @property
    def kind_label(self) -> Text | str:
        return AttachmentKind.label_of(self.kind)


def sniff(content: bytes) -> str | None:
    """The media type by the file's own signature, or None."""
    if content.startswith(b"%PDF-"):
        return "application/pdf"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def check_file(filename: str, content: bytes) -> str:
    """The media type of a file we accept, or InvalidInput saying what is wrong with it."""
    name = PurePath(filename).name or filename
    if not content:
        raise InvalidInput(_("文件“{name}”是空的", name=name))
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise InvalidInput(_("文件“{name}”有 {size:.1f} MB，超过 20 MB 的上限",
                             name=name, size=len(content) / 1024 / 1024))
    media = sniff(content)
    extension = PurePath(name).suffix.lower()
    if media is None:
        raise InvalidInput(_("文件“{name}”不是 PDF、JPEG 或 PNG 文件（按文件内容判断）", name=name))
    if extension not in MEDIA_EXTENSIONS[media]:
        raise InvalidInput(_("文件“{name}”的扩展名与内容不符：内容是 {media}，请更正文件名后再上传",
                             name=name, media=MEDIA_LABELS[media]))
    return media


def info_of(a: Attachment) -> AttachmentInfo:
    return AttachmentInfo(a.id, a.kind, a.filename, a.media_type, a.size, a.sha256,
                          a.uploaded_by, a.uploaded_at)


def store(session: Session, uploaded_by: str, kind: str, filename: str, content: bytes, *,
          application_id: int | None = None, agreement_id: int | None = None) -> AttachmentInfo:
    """Check and store a file for its owner (the caller has checked the owner's scope/state)."""
    if kind not in AttachmentKind.codes():
        raise InvalidInput(_("未知的附件类别：{kind}", kind=kind))
    media = check_file(filename, content)
    row = Attachment(
        application_id=application_id, agreement_id=agreement_id, kind=kind,
        filename=PurePath(filename).name[:255], media_type=media, size=len(content),
        sha256=hashlib.sha256(content).hexdigest(), content=content, uploaded_by=uploaded_by,
    )
    session.add(row)
    session.flush()
    return info_of(row)


def list_for(session: Session, *, application_id: int | None = None,
             agreement_id: int | None = None) -> list[AttachmentInfo]:
    query = select(Attachment).order_by(Attachment.id)
    if application_id is not None:
        query = query.where(Attachment.application_id == application_id)
    if agreement_id is not None:
        query = query.where(Attachment.agreement_id == agreement_id)
    return [info_of(a) for a in session.scalars(query).all()]


def get(session: Session, attachment_id: int) -> tuple[Attachment, bytes]:
    """The row and its content; scope is checked by the caller through the owner."""
    row = session.scalar(
        select(Attachment).options(undefer(Attachment.content))
        .where(Attachment.id == attachment_id))
    if row is None:
        raise NotFound(_("没有编号为 {id} 的附件", id=attachment_id))
    return row, row.content

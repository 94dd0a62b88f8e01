"""Checklist templates (巡查检查表): the active version of a code, and a new version from an
edited copy. A version once used is never changed: inspections keep a snapshot of its items,
and a new version retires the previous one."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput, NotFound
from jd_admin.domain.inspections import Area, ItemKind, TemplateState
from jd_admin.domain.permissions import Action
from jd_admin.domain.text import _
from jd_admin.models import ChecklistItem, ChecklistTemplate
from jd_admin.services import audit
from jd_admin.services.actor import Actor, require

DEFAULT_CODE = "DEFAULT"


@dataclass(frozen=True)
class ItemSpec:
    """An item of a checklist (also what a new version is made of)."""

    area: str
    text: str
    kind: str
    weight: Decimal = Decimal(1)
    max_score: Decimal | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    unit: str = ""
    photo_on_fail: bool = False
    serious: bool = False
    applies_to: str = ""


@dataclass(frozen=True)
class ChecklistItemInfo:
    id: int
    position: int
    spec: ItemSpec


@dataclass(frozen=True)
class TemplateInfo:
    id: int
    code: str
    name: str
    version: int
    status: str
    note: str
    created_by: str
    items: tuple[ChecklistItemInfo, ...]


def _info(session: Session, t: ChecklistTemplate) -> TemplateInfo:
    items = session.scalars(select(ChecklistItem).where(ChecklistItem.template_id == t.id)
                            .order_by(ChecklistItem.position))
    return TemplateInfo(t.id, t.code, t.name, t.version, t.status, t.note, t.created_by, tuple(
        ChecklistItemInfo(i.id, i.position, ItemSpec(
            i.area, i.text, i.kind, i.weight, i.max_score, i.min_value, i.max_value, i.unit,
            i.photo_on_fail, i.serious, i.applies_to)) for i in items))


def list_templates(session: Session, actor: Actor) -> list[TemplateInfo]:
    """Every version of every checklist, newest first per code (everyone reads checklists)."""
    del actor  # reference data: every member of staff reads it
    rows = session.scalars(select(ChecklistTemplate).order_by(
        ChecklistTemplate.code, ChecklistTemplate.version.desc()))
    return [_info(session, t) for t in rows]


def get_template(session: Session, template_id: int) -> TemplateInfo:
    t = session.get(ChecklistTemplate, template_id)
    if t is None:
        raise NotFound(_("没有编号为 {id} 的检查表", id=template_id))
    return _info(session, t)


def active_template(session: Session, code: str = DEFAULT_CODE) -> TemplateInfo:
    """The version of ``code`` in use."""
    t = session.scalar(select(ChecklistTemplate).where(
        ChecklistTemplate.code == code, ChecklistTemplate.status == TemplateState.ACTIVE.value)
        .order_by(ChecklistTemplate.version.desc()).limit(1))
    if t is None:
        raise NotFound(_("检查表 {code} 没有在用的版本", code=code))
    return _info(session, t)


def validate_items(items: list[ItemSpec]) -> None:
    """Every item complete and consistent (the message names the item by its number)."""
    if not items:
        raise InvalidInput(_("检查表至少须有一个条目"))
    for n, item in enumerate(items, start=1):
        if item.area not in Area.codes():
            raise InvalidInput(_("第 {n} 条：类别“{area}”无效", n=n, area=item.area))
        if item.kind not in ItemKind.codes():
            raise InvalidInput(_("第 {n} 条：类型“{kind}”无效", n=n, kind=item.kind))
        if not item.text.strip():
            raise InvalidInput(_("第 {n} 条：请填写检查内容", n=n))
        if item.weight < 0:
            raise InvalidInput(_("第 {n} 条：权重不能为负数", n=n))
        if item.kind == ItemKind.SCORE and not (item.max_score and item.max_score > 0):
            raise InvalidInput(_("第 {n} 条：评分项须有大于 0 的满分", n=n))
        if (item.kind == ItemKind.NUMBER and item.min_value is not None
                and item.max_value is not None and item.min_value > item.max_value):
            raise InvalidInput(_("第 {n} 条：合格范围的下限大于上限", n=n))
        if item.kind == ItemKind.TEXT and (item.serious or item.photo_on_fail):
            raise InvalidInput(_("第 {n} 条：文字项不评判合格与否，不能设为严重项或要求照片",
                                 n=n))


def new_version(session: Session, actor: Actor, template_id: int, items: list[ItemSpec],
                name: str | None = None, note: str = "") -> int:
    """A new version of ``template_id``'s checklist with ``items`` (an edited copy of its
    items); it becomes the one in use and the previous versions are retired. Past
    inspections keep their own snapshot. Returns the new template's id."""
    require(actor, Action.MANAGE_CHECKLISTS)
    base = session.get(ChecklistTemplate, template_id)
    if base is None:
        raise NotFound(_("没有编号为 {id} 的检查表", id=template_id))
    validate_items(items)
    latest = session.scalar(select(func.max(ChecklistTemplate.version))
                            .where(ChecklistTemplate.code == base.code)) or 0
    for old in session.scalars(select(ChecklistTemplate).where(
            ChecklistTemplate.code == base.code,
            ChecklistTemplate.status == TemplateState.ACTIVE.value)):
        old.status = TemplateState.RETIRED.value
    t = ChecklistTemplate(code=base.code, name=(name or base.name).strip(), version=latest + 1,
                          status=TemplateState.ACTIVE.value, note=note.strip(),
                          created_by=actor.username)
    session.add(t)
    session.flush()
    for n, item in enumerate(items, start=1):
        session.add(ChecklistItem(
            template_id=t.id, area=item.area, position=n, text=item.text.strip(),
            kind=item.kind, weight=item.weight, max_score=item.max_score,
            min_value=item.min_value, max_value=item.max_value, unit=item.unit.strip(),
            photo_on_fail=item.photo_on_fail, serious=item.serious,
            applies_to=item.applies_to.strip()))
    session.flush()
    audit.record(session, actor, "checklist_template", t.id, _("发布新版本"),
                 comment=note.strip() or None,
                 details={"code": t.code, "version": t.version, "from": base.id,
                          "items": len(items)})
    return t.id

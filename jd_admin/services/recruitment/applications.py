"""Venue recruitment (定点场馆招募, DOMAIN.md process 1): calls, self-recommendations and their
review by the subdistrict centre (审核) and the bureau (审定).

Scope: a subdistrict user sees and acts on its own subdistrict's applications only (here, and
on PostgreSQL also by row-level security); the bureau sees all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from jd_admin.domain.errors import InvalidInput, NotFound, PermissionDenied, StaleRecord
from jd_admin.domain.permissions import Action
from jd_admin.domain.recruitment import APPLICATION_WORKFLOW, CALL_WORKFLOW
from jd_admin.domain.workflow import Transition
from jd_admin.models import (
    Application,
    ApplicationCoach,
    ApplicationSport,
    RecruitmentCall,
    Role,
    Subdistrict,
    Venue,
    VenueSport,
)
from jd_admin.models.base import utcnow
from jd_admin.reports import data as report_data
from jd_admin.services import attachments, audit, clock, tasks, workflow
from jd_admin.services import search as search_terms
from jd_admin.services.actor import Actor, require
from jd_admin.services.navigation import Page
from jd_admin.services.recruitment.application_input import VENUE_TYPES, ApplicationInput, validate
from jd_admin.services.register.status import record_status_change

OPEN_STATES = ("draft", "submitted", "subdistrict_approved", "returned")
EDITABLE_STATES = ("draft", "returned")
READERS = (Role.SUBDISTRICT, Role.BUREAU_STAFF, Role.BUREAU_APPROVER, Role.ADMIN)


def application_number(application_id: int) -> str:
    return f"SQ-{application_id:06d}"


# --- recruitment calls ----------------------------------------------------------------------

@dataclass(frozen=True)
class CallInput:
    title: str
    open_date: dt.date
    close_date: dt.date
    venue_types: tuple[str, ...]
    sports: tuple[str, ...]
    conditions: str
    required_documents: str


@dataclass(frozen=True)
class CallRow:
    id: int
    title: str
    open_date: dt.date
    close_date: dt.date
    venue_types: tuple[str, ...]
    sports: tuple[str, ...]
    conditions: str
    required_documents: str
    status: str
    version: int
    application_count: int

    @property
    def status_label(self) -> str:
        return CALL_WORKFLOW.label(self.status)

    def is_open_on(self, day: dt.date) -> bool:
        return self.status == "published" and self.open_date <= day <= self.close_date


def _check_call(data: CallInput) -> CallInput:
    title = data.title.strip()
    if not title:
        raise InvalidInput("请填写公告标题")
    if len(title) > 200:
        raise InvalidInput("公告标题不能超过 200 个字符")
    if data.close_date < data.open_date:
        raise InvalidInput("截止日期不能早于开始日期")
    unknown = [t for t in data.venue_types if t not in VENUE_TYPES]
    if not data.venue_types or unknown:
        raise InvalidInput("请选择适用的场馆类型（公共体育场馆、经营性体育场馆）")
    sports = tuple(dict.fromkeys(s.strip() for s in data.sports if s.strip()))
    if not sports:
        raise InvalidInput("请至少填写一个运动项目")
    if not data.conditions.strip():
        raise InvalidInput("请填写申报条件")
    if not data.required_documents.strip():
        raise InvalidInput("请填写需提交的材料")
    return CallInput(title, data.open_date, data.close_date, tuple(data.venue_types), sports,
                     data.conditions.strip(), data.required_documents.strip())


def create_call(session: Session, actor: Actor, data: CallInput) -> int:
    require(actor, Action.MANAGE_CALLS)
    clean = _check_call(data)
    call = RecruitmentCall(
        title=clean.title, open_date=clean.open_date, close_date=clean.close_date,
        venue_types=list(clean.venue_types), sports=list(clean.sports), conditions=clean.conditions,
        required_documents=clean.required_documents, status="draft", created_by=actor.username,
    )
    session.add(call)
    session.flush()
    audit.record(session, actor, "recruitment_call", call.id, "创建", to_state="draft")
    return call.id


def _call(session: Session, call_id: int) -> RecruitmentCall:
    call = session.get(RecruitmentCall, call_id)
    if call is None:
        raise NotFound(f"没有编号为 {call_id} 的招募公告")
    return call


def _expect(version: int | None, actual: int, what: str) -> None:
    if version is not None and version != actual:
        raise StaleRecord(f"{what}已被他人修改，请刷新后重试")


def update_call(session: Session, actor: Actor, call_id: int, data: CallInput,
                expected_version: int | None = None) -> None:
    require(actor, Action.MANAGE_CALLS)
    call = _call(session, call_id)
    _expect(expected_version, call.version, "该公告")
    if call.status != "draft":
        raise InvalidInput("公告已发布，不能再修改")
    clean = _check_call(data)
    call.title, call.open_date, call.close_date = clean.title, clean.open_date, clean.close_date
    call.venue_types, call.sports = list(clean.venue_types), list(clean.sports)
    call.conditions, call.required_documents = clean.conditions, clean.required_documents
    audit.record(session, actor, "recruitment_call", call.id, "修改")


def set_call_status(session: Session, actor: Actor, call_id: int, target: str,
                    expected_version: int | None = None) -> None:
    """Publish (draft -> published) or close (published -> closed) a call."""
    call = _call(session, call_id)
    _expect(expected_version, call.version, "该公告")
    workflow.apply(session, actor, CALL_WORKFLOW, call, target, None)


def list_calls(session: Session, actor: Actor, status: str | None = None) -> list[CallRow]:
    """Calls (a subdistrict sees published and closed ones) with their application counts
    (a subdistrict counts its own applications only)."""
    counting = select(Application.call_id, func.count()).group_by(Application.call_id)
    if actor.role is Role.SUBDISTRICT:
        counting = counting.where(Application.subdistrict_id == actor.subdistrict_id)
    counts = dict(session.execute(counting).all())
    query = select(RecruitmentCall).order_by(RecruitmentCall.open_date.desc(), RecruitmentCall.id.desc())
    if status:
        query = query.where(RecruitmentCall.status == status)
    if actor.role is Role.SUBDISTRICT:
        query = query.where(RecruitmentCall.status != "draft")
    return [
        CallRow(c.id, c.title, c.open_date, c.close_date, tuple(c.venue_types), tuple(c.sports),
                c.conditions, c.required_documents, c.status, c.version, counts.get(c.id, 0))
        for c in session.scalars(query).all()
    ]


def call_notice(session: Session, actor: Actor, call_id: int, bureau_name: str) -> report_data.CallNotice:
    call = _call(session, call_id)
    if call.status == "draft" and actor.role is not Role.BUREAU_STAFF and not actor.is_system:
        raise NotFound(f"没有编号为 {call_id} 的招募公告")
    return report_data.CallNotice(
        call_id=call.id, title=call.title, bureau_name=bureau_name, open_date=call.open_date,
        close_date=call.close_date, venue_types=tuple(VENUE_TYPES[t] for t in call.venue_types),
        sports=tuple(call.sports), conditions=call.conditions,
        required_documents=call.required_documents, status_label=CALL_WORKFLOW.label(call.status),
        generated_at=utcnow(),
    )


# --- applications ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ApplicationRow:
    id: int
    number: str
    call_title: str
    subdistrict: str
    venue_name: str
    venue_type: str
    credit_code: str
    sports: tuple[str, ...]
    status: str
    submitted_at: dt.datetime | None
    updated_at: dt.datetime

    @property
    def status_label(self) -> str:
        return APPLICATION_WORKFLOW.label(self.status)


@dataclass(frozen=True)
class ApplicationDetail:
    id: int
    number: str
    version: int
    call_id: int
    call_title: str
    subdistrict_id: int
    subdistrict: str
    data: ApplicationInput
    status: str
    subdistrict_opinion: str | None
    subdistrict_reviewer: str | None
    subdistrict_reviewed_at: dt.datetime | None
    bureau_opinion: str | None
    bureau_reviewer: str | None
    bureau_reviewed_at: dt.datetime | None
    venue_id: int | None
    attachments: tuple[attachments.AttachmentInfo, ...]
    history: tuple[audit.HistoryEntry, ...]
    actions: tuple[Transition, ...]  # what this actor may do now
    editable: bool

    @property
    def status_label(self) -> str:
        return APPLICATION_WORKFLOW.label(self.status)


def _require_reader(actor: Actor) -> None:
    if actor.role not in READERS and not actor.is_system:
        raise PermissionDenied("当前角色无权查看场馆自荐申请")


def _load(session: Session, actor: Actor, application_id: int) -> Application:
    """The application, if it exists and is within the actor's scope (else NotFound)."""
    _require_reader(actor)
    app = session.scalar(
        select(Application)
        .options(selectinload(Application.sports), selectinload(Application.coaches))
        .where(Application.id == application_id))
    if app is None or (actor.role is Role.SUBDISTRICT and app.subdistrict_id != actor.subdistrict_id):
        raise NotFound(f"没有编号为 {application_number(application_id)} 的申请（或不在您的管辖范围内）")
    return app


def check_duplicate(session: Session, credit_code: str, exclude_id: int | None = None) -> None:
    """Refuse a second open application, or an application for a venue already designated."""
    query = select(Application.id, Application.status, Application.venue_name).where(
        Application.credit_code == credit_code, Application.status.in_(OPEN_STATES))
    if exclude_id is not None:
        query = query.where(Application.id != exclude_id)
    other = session.execute(query.limit(1)).first()
    if other is not None:
        raise InvalidInput(
            f"信用代码 {credit_code} 已有未完结的申请 {application_number(other.id)}"
            f"（{other.venue_name}，{APPLICATION_WORKFLOW.label(other.status)}），不能重复申请")
    venue = session.execute(
        select(Venue.name, Venue.status).where(
            Venue.credit_code == credit_code, Venue.status.in_(("designated", "suspended")))
    ).first()
    if venue is not None:
        label = "定点" if venue.status == "designated" else "暂停"
        raise InvalidInput(f"信用代码 {credit_code} 的单位已在定点场馆名录中（{venue.name}，{label}），不能重复申请")


def _apply_input(session: Session, app: Application, data: ApplicationInput) -> None:
    app.venue_name, app.venue_type, app.address = data.venue_name, data.venue_type, data.address
    app.credit_code, app.legal_representative = data.credit_code, data.legal_representative
    app.contact_name, app.contact_mobile = data.contact_name, data.contact_mobile
    app.opening_hours, app.capacity, app.safety_measures = data.opening_hours, data.capacity, data.safety_measures
    app.bank_name, app.bank_account_name = data.bank_name, data.bank_account_name
    app.bank_account_number = data.bank_account_number
    app.longitude, app.latitude = data.longitude, data.latitude
    if app.id is not None:  # replacing rows: delete the old ones first (unique per sport)
        app.sports.clear()
        app.coaches.clear()
        session.flush()
    app.sports = [ApplicationSport(sport=s.sport, list_price=s.list_price) for s in data.sports]
    app.coaches = [ApplicationCoach(name=c.name, qualification=c.qualification,
                                    certificate_number=c.certificate_number) for c in data.coaches]


def create_application(session: Session, actor: Actor, call_id: int, data: ApplicationInput) -> int:
    """Record a venue's self-recommendation against an open call, as a draft of the actor's
    own subdistrict."""
    require(actor, Action.RECORD_APPLICATION)
    if actor.subdistrict_id is None:
        raise PermissionDenied("当前账户未设置所属街镇")
    call = _call(session, call_id)
    if call.status != "published" or not call.open_date <= clock.today() <= call.close_date:
        raise InvalidInput(f"招募公告“{call.title}”当前不在报名期内（{call.open_date} 至 {call.close_date}）")
    clean = validate(data)
    if clean.venue_type not in call.venue_types:
        raise InvalidInput(f"本次招募不接受{VENUE_TYPES[clean.venue_type]}")
    check_duplicate(session, clean.credit_code)
    app = Application(call_id=call.id, subdistrict_id=actor.subdistrict_id, status="draft",
                      created_by=actor.username)
    _apply_input(session, app, clean)
    session.add(app)
    session.flush()
    audit.record(session, actor, "application", app.id, "登记", to_state="draft",
                 comment=clean.venue_name)
    return app.id


def update_application(session: Session, actor: Actor, application_id: int, data: ApplicationInput,
                       expected_version: int | None = None) -> None:
    app = _load(session, actor, application_id)
    require(actor, Action.EDIT_APPLICATION)
    _expect(expected_version, app.version, "该申请")
    if app.status not in EDITABLE_STATES:
        raise InvalidInput(f"申请处于“{APPLICATION_WORKFLOW.label(app.status)}”状态，不能修改")
    clean = validate(data)
    call = _call(session, app.call_id)
    if clean.venue_type not in call.venue_types:
        raise InvalidInput(f"本次招募不接受{VENUE_TYPES[clean.venue_type]}")
    check_duplicate(session, clean.credit_code, exclude_id=app.id)
    _apply_input(session, app, clean)
    app.updated_at = utcnow()
    audit.record(session, actor, "application", app.id, "修改")


def add_attachment(session: Session, actor: Actor, application_id: int, kind: str,
                   filename: str, content: bytes) -> attachments.AttachmentInfo:
    app = _load(session, actor, application_id)
    require(actor, Action.MANAGE_ATTACHMENTS)
    if app.status not in EDITABLE_STATES:
        raise InvalidInput(f"申请处于“{APPLICATION_WORKFLOW.label(app.status)}”状态，不能再上传材料")
    if kind not in attachments.APPLICATION_KINDS:
        raise InvalidInput(f"申请材料的类别不正确：{kind}")
    info = attachments.store(session, actor.username, kind, filename, content, application_id=app.id)
    app.updated_at = utcnow()
    audit.record(session, actor, "application", app.id, "上传材料",
                 comment=f"{info.kind_label}：{info.filename}")
    return info


def remove_attachment(session: Session, actor: Actor, application_id: int, attachment_id: int) -> None:
    app = _load(session, actor, application_id)
    require(actor, Action.MANAGE_ATTACHMENTS)
    if app.status not in EDITABLE_STATES:
        raise InvalidInput("申请已提交，不能删除材料")
    row, _ = attachments.get(session, attachment_id)
    if row.application_id != app.id:
        raise NotFound(f"没有编号为 {attachment_id} 的附件")
    session.delete(row)
    app.updated_at = utcnow()
    audit.record(session, actor, "application", app.id, "删除材料", comment=row.filename)


def attachment_content(session: Session, actor: Actor, application_id: int,
                       attachment_id: int) -> tuple[attachments.AttachmentInfo, bytes]:
    app = _load(session, actor, application_id)
    row, content = attachments.get(session, attachment_id)
    if row.application_id != app.id:
        raise NotFound(f"没有编号为 {attachment_id} 的附件")
    return attachments.info_of(row), content


def transition(session: Session, actor: Actor, application_id: int, target: str,
               comment: str | None, expected_version: int | None = None) -> None:
    """Submit, review (subdistrict) or decide (bureau) an application."""
    app = _load(session, actor, application_id)
    _expect(expected_version, app.version, "该申请")
    now = utcnow()
    if target == "submitted" and app.status == "draft":
        call = _call(session, app.call_id)
        if call.status != "published" or not call.open_date <= clock.today() <= call.close_date:
            raise InvalidInput(f"招募公告“{call.title}”已不在报名期内，草稿不能再提交")
    if target == "submitted":
        if not any(a.kind == "business_licence" for a in attachments.list_for(session, application_id=app.id)):
            raise InvalidInput("提交前请上传营业执照（或事业单位法人证书）")
        check_duplicate(session, app.credit_code, exclude_id=app.id)
    source = app.status
    workflow.check(actor, APPLICATION_WORKFLOW, source, target, comment)
    if source == "submitted":
        app.subdistrict_opinion = (comment or "").strip()
        app.subdistrict_reviewer = actor.username
        app.subdistrict_reviewed_at = now
    elif source == "subdistrict_approved":
        app.bureau_opinion = (comment or "").strip()
        app.bureau_reviewer = actor.username
        app.bureau_reviewed_at = now
    if target == "submitted":
        app.submitted_at = now
    if target == "bureau_approved":
        check_duplicate(session, app.credit_code, exclude_id=app.id)
        app.venue_id = _designate(session, actor, app)
    workflow.apply(session, actor, APPLICATION_WORKFLOW, app, target, comment)


def _designate(session: Session, actor: Actor, app: Application) -> int:
    """Enter (or re-enter) the approved venue in the designated-venue register."""
    venue = session.scalar(select(Venue).where(Venue.credit_code == app.credit_code))
    reason = f"区体育局审定通过（申请 {application_number(app.id)}）"
    if venue is None:
        venue = Venue(credit_code=app.credit_code, status="designated")
        session.add(venue)
        before = None
    else:
        before = venue.status
        venue.status = "designated"
    venue.name, venue.venue_type, venue.subdistrict_id = app.venue_name, app.venue_type, app.subdistrict_id
    venue.address, venue.legal_representative = app.address, app.legal_representative
    venue.contact_name, venue.contact_mobile = app.contact_name, app.contact_mobile
    venue.opening_hours, venue.capacity = app.opening_hours, app.capacity
    venue.longitude, venue.latitude = app.longitude, app.latitude
    venue.bank_name, venue.bank_account_name = app.bank_name, app.bank_account_name
    venue.bank_account_number = app.bank_account_number
    if venue.id is not None:
        venue.sports.clear()
        session.flush()
    venue.sports = [VenueSport(sport=s.sport, list_price=s.list_price) for s in app.sports]
    session.flush()
    record_status_change(session, actor, venue, before, "designated", reason)
    return venue.id


def list_applications(session: Session, actor: Actor, *, subdistrict_id: int | None = None,
                      status: str | None = None, call_id: int | None = None,
                      sport: str | None = None, search: str = "") -> list[ApplicationRow]:
    _require_reader(actor)
    query = (
        select(Application, RecruitmentCall.title, Subdistrict.name)
        .join(RecruitmentCall, Application.call_id == RecruitmentCall.id)
        .join(Subdistrict, Application.subdistrict_id == Subdistrict.id)
        .options(selectinload(Application.sports))
        .order_by(Application.updated_at.desc(), Application.id.desc())
    )
    if actor.role is Role.SUBDISTRICT:
        query = query.where(Application.subdistrict_id == actor.subdistrict_id)
    elif subdistrict_id is not None:
        query = query.where(Application.subdistrict_id == subdistrict_id)
    if status:
        query = query.where(Application.status == status)
    if call_id is not None:
        query = query.where(Application.call_id == call_id)
    if sport:
        query = query.where(Application.id.in_(
            select(ApplicationSport.application_id).where(ApplicationSport.sport == sport)))
    term = search.strip()
    if term:
        like, esc = search_terms.contains(term), search_terms.ESCAPE
        query = query.where(or_(Application.venue_name.like(like, escape=esc),
                                Application.address.like(like, escape=esc),
                                Application.credit_code.like(like.upper(), escape=esc)))
    return [
        ApplicationRow(a.id, application_number(a.id), title, sd, a.venue_name, a.venue_type,
                       a.credit_code, tuple(s.sport for s in a.sports), a.status, a.submitted_at,
                       a.updated_at)
        for a, title, sd in session.execute(query).all()
    ]


def _input_of(app: Application) -> ApplicationInput:
    from jd_admin.services.recruitment.application_input import Coach, SportPrice

    return ApplicationInput(
        venue_name=app.venue_name, venue_type=app.venue_type, address=app.address,
        credit_code=app.credit_code, legal_representative=app.legal_representative,
        contact_name=app.contact_name, contact_mobile=app.contact_mobile,
        opening_hours=app.opening_hours, capacity=app.capacity,
        sports=tuple(SportPrice(s.sport, s.list_price) for s in app.sports),
        coaches=tuple(Coach(c.name, c.qualification, c.certificate_number) for c in app.coaches),
        bank_name=app.bank_name, bank_account_name=app.bank_account_name,
        bank_account_number=app.bank_account_number, safety_measures=app.safety_measures,
        longitude=app.longitude, latitude=app.latitude,
    )


def application_detail(session: Session, actor: Actor, application_id: int) -> ApplicationDetail:
    app = _load(session, actor, application_id)
    call = _call(session, app.call_id)
    subdistrict = session.get(Subdistrict, app.subdistrict_id)
    actions = APPLICATION_WORKFLOW.available(app.status, actor.role)
    return ApplicationDetail(
        id=app.id, number=application_number(app.id), version=app.version, call_id=call.id,
        call_title=call.title, subdistrict_id=app.subdistrict_id,
        subdistrict=subdistrict.name if subdistrict else "", data=_input_of(app), status=app.status,
        subdistrict_opinion=app.subdistrict_opinion, subdistrict_reviewer=app.subdistrict_reviewer,
        subdistrict_reviewed_at=app.subdistrict_reviewed_at, bureau_opinion=app.bureau_opinion,
        bureau_reviewer=app.bureau_reviewer, bureau_reviewed_at=app.bureau_reviewed_at,
        venue_id=app.venue_id,
        attachments=tuple(attachments.list_for(session, application_id=app.id)),
        history=tuple(audit.history(session, "application", app.id)),
        actions=tuple(actions),
        editable=actor.role is Role.SUBDISTRICT and app.status in EDITABLE_STATES,
    )


def review_form(session: Session, actor: Actor, application_id: int) -> report_data.ReviewForm:
    """The data of the printed review form (审核表)."""
    d = application_detail(session, actor, application_id)
    names = _full_names(session, {d.subdistrict_reviewer, d.bureau_reviewer})
    wf = APPLICATION_WORKFLOW
    return report_data.ReviewForm(
        application_id=d.id, call_title=d.call_title, subdistrict=d.subdistrict,
        status_label=d.status_label, venue_name=d.data.venue_name,
        venue_type_label=VENUE_TYPES[d.data.venue_type], address=d.data.address,
        credit_code=d.data.credit_code, legal_representative=d.data.legal_representative,
        contact_name=d.data.contact_name, contact_mobile=d.data.contact_mobile,
        opening_hours=d.data.opening_hours, capacity=d.data.capacity,
        safety_measures=d.data.safety_measures,
        sports=tuple((s.sport, s.list_price) for s in d.data.sports),
        coaches=tuple((c.name, c.qualification, c.certificate_number) for c in d.data.coaches),
        bank_name=d.data.bank_name, bank_account_name=d.data.bank_account_name,
        bank_account_number=d.data.bank_account_number,
        attachments=tuple(report_data.AttachmentLine(a.kind_label, a.filename, a.size) for a in d.attachments),
        subdistrict_opinion=d.subdistrict_opinion or "",
        subdistrict_reviewer=names.get(d.subdistrict_reviewer or "", d.subdistrict_reviewer or ""),
        subdistrict_reviewed_at=d.subdistrict_reviewed_at,
        bureau_opinion=d.bureau_opinion or "",
        bureau_reviewer=names.get(d.bureau_reviewer or "", d.bureau_reviewer or ""),
        bureau_reviewed_at=d.bureau_reviewed_at,
        history=tuple(
            report_data.HistoryLine(h.at, h.actor_name, h.action,
                                    wf.label(h.from_state) if h.from_state else "",
                                    wf.label(h.to_state) if h.to_state else "", h.comment or "")
            for h in d.history),
        generated_at=utcnow(),
    )


def _full_names(session: Session, usernames: set[str | None]) -> dict[str, str]:
    from jd_admin.models import AppUser

    wanted = {u for u in usernames if u}
    if not wanted:
        return {}
    return dict(session.execute(
        select(AppUser.username, AppUser.full_name).where(AppUser.username.in_(wanted))).all())


def sports_in_use(session: Session, actor: Actor) -> list[str]:
    """The sports of the applications the actor can see (for the filter)."""
    query = select(ApplicationSport.sport).distinct().order_by(ApplicationSport.sport)
    if actor.role is Role.SUBDISTRICT:
        query = query.join(Application, Application.id == ApplicationSport.application_id).where(
            Application.subdistrict_id == actor.subdistrict_id)
    return list(session.scalars(query))


# --- my tasks -------------------------------------------------------------------------------

def _application_tasks(session: Session, actor: Actor, now: dt.datetime) -> list[tasks.Task]:
    if actor.role is Role.SUBDISTRICT:
        waiting = {"draft": "待提交", "returned": "已退回，请补充材料后重新提交", "submitted": "待街镇审核"}
        query = select(Application).where(Application.subdistrict_id == actor.subdistrict_id,
                                          Application.status.in_(tuple(waiting)))
    elif actor.role is Role.BUREAU_STAFF:
        waiting = {"subdistrict_approved": "街镇已审核通过，待区体育局审定"}
        query = select(Application).where(Application.status == "subdistrict_approved")
    else:
        return []
    rows = session.scalars(query.order_by(Application.updated_at)).all()
    return [
        tasks.Task(kind=f"application_{a.status}",
                   title=f"自荐申请 {application_number(a.id)}：{a.venue_name}",
                   detail=waiting[a.status], page=Page.RECRUITMENT, target=str(a.id),
                   due=None, urgent=a.status == "returned")
        for a in rows
    ]


tasks.register("recruitment.applications", _application_tasks)

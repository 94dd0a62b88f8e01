"""Venue recruitment (定点场馆招募, DOMAIN.md process 1): calls, self-recommendations and their
review by the subdistrict centre (审核) and the bureau (审定).

Scope: a subdistrict user sees and acts on its own subdistrict's applications only (here, and
on PostgreSQL also by row-level security); the bureau sees all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from jd_admin.domain.errors import InvalidInput, NotFound, PermissionDenied
from jd_admin.domain.permissions import Action
from jd_admin.domain.recruitment import (
    APPLICATION_ATTACHMENT_KINDS,
    APPLICATION_WORKFLOW,
    CALL_WORKFLOW,
    EDITABLE_APPLICATION_STATES,
    OPEN_APPLICATION_STATES,
    ApplicationState,
    AttachmentKind,
    CallState,
    VenueType,
)
from jd_admin.domain.register import VenueState
from jd_admin.domain.text import Text, _, chinese
from jd_admin.domain.workflow import Transition
from jd_admin.models import (
    Application,
    ApplicationCoach,
    ApplicationSport,
    RecruitmentCall,
    Subdistrict,
    Venue,
    VenueCoach,
    VenueSport,
)
from jd_admin.models.base import utcnow
from jd_admin.reports import data as report_data
from jd_admin.services import attachments, audit, clock, tasks, workflow
from jd_admin.services import search as search_terms
from jd_admin.services.actor import (
    Actor,
    may_act,
    require,
    subdistrict_filter,
    subdistrict_scope,
)
from jd_admin.services.navigation import Page
from jd_admin.services.recruitment.application_input import ApplicationInput, validate
from jd_admin.services.register import status as register

# What the audit trail records (stored as the Chinese source; history views translate it).
CREATED, EDITED, RECORDED = _("创建"), _("修改"), _("登记")
UPLOADED, REMOVED = _("上传材料"), _("删除材料")


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
    editable: bool = False  # the reader may change it now (a draft, by the bureau)

    @property
    def status_label(self) -> str:
        return CALL_WORKFLOW.label(self.status)

    def is_open_on(self, day: dt.date) -> bool:
        return self.status == CallState.PUBLISHED and self.open_date <= day <= self.close_date


def _check_call(data: CallInput) -> CallInput:
    title = data.title.strip()
    if not title:
        raise InvalidInput(_("请填写公告标题"))
    if len(title) > 200:
        raise InvalidInput(_("公告标题不能超过 200 个字符"))
    if data.close_date < data.open_date:
        raise InvalidInput(_("截止日期不能早于开始日期"))
    unknown = [t for t in data.venue_types if t not in VenueType.codes()]
    if not data.venue_types or unknown:
        raise InvalidInput(_("请选择适用的场馆类型（{public}、{commercial}）",
                             public=VenueType.PUBLIC, commercial=VenueType.COMMERCIAL))
    sports = tuple(dict.fromkeys(s.strip() for s in data.sports if s.strip()))
    if not sports:
        raise InvalidInput(_("请至少填写一个运动项目"))
    if not data.conditions.strip():
        raise InvalidInput(_("请填写申报条件"))
    if not data.required_documents.strip():
        raise InvalidInput(_("请填写需提交的材料"))
    return CallInput(title, data.open_date, data.close_date, tuple(data.venue_types), sports,
                     data.conditions.strip(), data.required_documents.strip())


def create_call(session: Session, actor: Actor, data: CallInput) -> int:
    require(actor, Action.MANAGE_CALLS)
    clean = _check_call(data)
    call = RecruitmentCall(
        title=clean.title, open_date=clean.open_date, close_date=clean.close_date,
        venue_types=list(clean.venue_types), sports=list(clean.sports), conditions=clean.conditions,
        required_documents=clean.required_documents, status=CALL_WORKFLOW.initial.value,
        created_by=actor.username,
    )
    session.add(call)
    session.flush()
    audit.record(session, actor, CALL_WORKFLOW.entity_type, call.id, CREATED.source,
                 to_state=call.status)
    return call.id


def _call_open_to_changes(status: str) -> bool:
    """A call can be changed while it is a draft (publishing fixes its text)."""
    return status == CallState.DRAFT


def _call(session: Session, call_id: int) -> RecruitmentCall:
    call = session.get(RecruitmentCall, call_id)
    if call is None:
        raise NotFound(_("没有编号为 {id} 的招募公告", id=call_id))
    return call


def update_call(session: Session, actor: Actor, call_id: int, data: CallInput,
                expected_version: int | None = None) -> None:
    require(actor, Action.MANAGE_CALLS)
    call = _call(session, call_id)
    workflow.expect_version(call, expected_version, _("该公告"))
    if not _call_open_to_changes(call.status):
        raise InvalidInput(_("公告已发布，不能再修改"))
    clean = _check_call(data)
    call.title, call.open_date, call.close_date = clean.title, clean.open_date, clean.close_date
    call.venue_types, call.sports = list(clean.venue_types), list(clean.sports)
    call.conditions, call.required_documents = clean.conditions, clean.required_documents
    audit.record(session, actor, CALL_WORKFLOW.entity_type, call.id, EDITED.source)


def set_call_status(session: Session, actor: Actor, call_id: int, target: str,
                    expected_version: int | None = None) -> None:
    """Publish (draft -> published) or close (published -> closed) a call."""
    call = _call(session, call_id)
    workflow.expect_version(call, expected_version, _("该公告"))
    workflow.apply(session, actor, CALL_WORKFLOW, call, target, None)


def list_calls(session: Session, actor: Actor, status: str | None = None) -> list[CallRow]:
    """Calls (drafts only for whoever may read them, as :func:`call_notice`) with their
    application counts (a subdistrict counts its own applications only)."""
    counting = select(Application.call_id, func.count()).group_by(Application.call_id)
    own = _scope(actor)
    if own is not None:
        counting = counting.where(Application.subdistrict_id == own)
    counts = dict(session.execute(counting).all())
    query = select(RecruitmentCall).order_by(
        RecruitmentCall.open_date.desc(), RecruitmentCall.id.desc())
    if status:
        query = query.where(RecruitmentCall.status == status)
    if not may_act(actor, Action.READ_DRAFT_CALLS):
        query = query.where(RecruitmentCall.status != CallState.DRAFT)
    manages = may_act(actor, Action.MANAGE_CALLS)
    return [
        CallRow(c.id, c.title, c.open_date, c.close_date, tuple(c.venue_types), tuple(c.sports),
                c.conditions, c.required_documents, c.status, c.version, counts.get(c.id, 0),
                manages and _call_open_to_changes(c.status))
        for c in session.scalars(query).all()
    ]


def call_notice(session: Session, actor: Actor, call_id: int,
                bureau_name: str) -> report_data.CallNotice:
    call = _call(session, call_id)
    if call.status == CallState.DRAFT and not may_act(actor, Action.READ_DRAFT_CALLS):
        raise NotFound(_("没有编号为 {id} 的招募公告", id=call_id))
    audit.record_read(session, actor, CALL_WORKFLOW.entity_type, call.id, "print")
    # The printed notice is in Chinese, whatever the interface language.
    return report_data.CallNotice(
        call_id=call.id, title=call.title, bureau_name=bureau_name, open_date=call.open_date,
        close_date=call.close_date,
        venue_types=tuple(chinese(VenueType.label_of(t)) for t in call.venue_types),
        sports=tuple(call.sports), conditions=call.conditions,
        required_documents=call.required_documents,
        status=call.status, status_label=chinese(CallState.label_of(call.status)),
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
    #: The sports the call recruits for (empty: it names none).
    call_sports: tuple[str, ...]
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


def _scope(actor: Actor) -> int | None:
    """The subdistrict whose applications ``actor`` sees (None: every one)."""
    return subdistrict_scope(actor, Action.READ_APPLICATIONS)


def _load(session: Session, actor: Actor, application_id: int) -> Application:
    """The application, if it exists and is within the actor's scope (else NotFound)."""
    require(actor, Action.READ_APPLICATIONS)
    app = session.scalar(
        select(Application)
        .options(selectinload(Application.sports), selectinload(Application.coaches))
        .where(Application.id == application_id))
    own = _scope(actor)
    if app is None or (own is not None and app.subdistrict_id != own):
        raise NotFound(_("没有编号为 {number} 的申请（或不在您的管辖范围内）",
                         number=application_number(application_id)))
    return app


def check_duplicate(session: Session, credit_code: str, exclude_id: int | None = None) -> None:
    """Refuse a second open application, or an application for a venue already designated."""
    query = select(Application.id, Application.status, Application.venue_name).where(
        Application.credit_code == credit_code,
        Application.status.in_(OPEN_APPLICATION_STATES))
    if exclude_id is not None:
        query = query.where(Application.id != exclude_id)
    other = session.execute(query.limit(1)).first()
    if other is not None:
        raise InvalidInput(_(
            "信用代码 {code} 已有未完结的申请 {number}（{venue}，{state}），不能重复申请",
            code=credit_code, number=application_number(other.id), venue=other.venue_name,
            state=ApplicationState.label_of(other.status)))
    venue = session.execute(
        select(Venue.name, Venue.status).where(
            Venue.credit_code == credit_code,
            Venue.status.in_((VenueState.DESIGNATED, VenueState.SUSPENDED)))
    ).first()
    if venue is not None:
        raise InvalidInput(_(
            "信用代码 {code} 的单位已在定点场馆名录中（{venue}，{state}），不能重复申请",
            code=credit_code, venue=venue.name, state=VenueState.label_of(venue.status)))


def _apply_input(session: Session, app: Application, data: ApplicationInput) -> None:
    app.venue_name, app.venue_type, app.address = data.venue_name, data.venue_type, data.address
    app.credit_code, app.legal_representative = data.credit_code, data.legal_representative
    app.contact_name, app.contact_mobile = data.contact_name, data.contact_mobile
    app.opening_hours, app.capacity = data.opening_hours, data.capacity
    app.safety_measures = data.safety_measures
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
        raise PermissionDenied(_("当前账户未设置所属街镇"))
    call = _call(session, call_id)
    if call.status != CallState.PUBLISHED or not call.open_date <= clock.today() <= call.close_date:
        raise InvalidInput(_("招募公告“{title}”当前不在报名期内（{start} 至 {end}）",
                             title=call.title, start=call.open_date, end=call.close_date))
    clean = validate(data)
    if clean.venue_type not in call.venue_types:
        raise InvalidInput(_("本次招募不接受{venue_type}",
                             venue_type=VenueType.label_of(clean.venue_type)))
    check_duplicate(session, clean.credit_code)
    app = Application(call_id=call.id, subdistrict_id=actor.subdistrict_id,
                      status=APPLICATION_WORKFLOW.initial.value, created_by=actor.username)
    _apply_input(session, app, clean)
    session.add(app)
    session.flush()
    audit.record(session, actor, APPLICATION_WORKFLOW.entity_type, app.id, RECORDED.source,
                 to_state=app.status, comment=clean.venue_name)
    return app.id


def update_application(session: Session, actor: Actor, application_id: int, data: ApplicationInput,
                       expected_version: int | None = None) -> None:
    app = _load(session, actor, application_id)
    require(actor, Action.EDIT_APPLICATION)
    workflow.expect_version(app, expected_version, _("该申请"))
    if app.status not in EDITABLE_APPLICATION_STATES:
        raise InvalidInput(_("申请处于“{state}”状态，不能修改",
                             state=ApplicationState.label_of(app.status)))
    clean = validate(data)
    call = _call(session, app.call_id)
    if clean.venue_type not in call.venue_types:
        raise InvalidInput(_("本次招募不接受{venue_type}",
                             venue_type=VenueType.label_of(clean.venue_type)))
    check_duplicate(session, clean.credit_code, exclude_id=app.id)
    _apply_input(session, app, clean)
    app.updated_at = utcnow()
    audit.record(session, actor, APPLICATION_WORKFLOW.entity_type, app.id, EDITED.source)


def add_attachment(session: Session, actor: Actor, application_id: int, kind: str,
                   filename: str, content: bytes) -> attachments.AttachmentInfo:
    app = _load(session, actor, application_id)
    require(actor, Action.MANAGE_ATTACHMENTS)
    if app.status not in EDITABLE_APPLICATION_STATES:
        raise InvalidInput(_("申请处于“{state}”状态，不能再上传材料",
                             state=ApplicationState.label_of(app.status)))
    if kind not in APPLICATION_ATTACHMENT_KINDS:
        raise InvalidInput(_("申请材料的类别不正确：{kind}", kind=kind))
    info = attachments.store(session, actor.username, kind, filename, content,
                             application_id=app.id)
    app.updated_at = utcnow()
    # The audit comment is stored data: written in Chinese, whatever the interface language.
    audit.record(session, actor, APPLICATION_WORKFLOW.entity_type, app.id, UPLOADED.source,
                 comment=f"{chinese(info.kind_label)}：{info.filename}")
    return info


def remove_attachment(session: Session, actor: Actor, application_id: int,
                      attachment_id: int) -> None:
    app = _load(session, actor, application_id)
    require(actor, Action.MANAGE_ATTACHMENTS)
    if app.status not in EDITABLE_APPLICATION_STATES:
        raise InvalidInput(_("申请已提交，不能删除材料"))
    row, _content = attachments.get(session, attachment_id)
    if row.application_id != app.id:
        raise NotFound(_("没有编号为 {id} 的附件", id=attachment_id))
    session.delete(row)
    app.updated_at = utcnow()
    audit.record(session, actor, APPLICATION_WORKFLOW.entity_type, app.id, REMOVED.source,
                 comment=row.filename)


def attachment_content(session: Session, actor: Actor, application_id: int,
                       attachment_id: int) -> tuple[attachments.AttachmentInfo, bytes]:
    app = _load(session, actor, application_id)
    row, content = attachments.get(session, attachment_id)
    if row.application_id != app.id:
        raise NotFound(_("没有编号为 {id} 的附件", id=attachment_id))
    audit.record_read(session, actor, APPLICATION_WORKFLOW.entity_type, app.id, "download",
                      comment=f"{attachment_id} {row.filename}")
    return attachments.info_of(row), content


#: The fields of :func:`submit_faults`: what is at fault besides the application's own input.
CALL_PERIOD, BUSINESS_LICENCE = "call", "business_licence"


def _submit_faults(session: Session, app: Application) -> list[InvalidInput]:
    faults: list[InvalidInput] = []
    if app.status == ApplicationState.DRAFT:
        call = _call(session, app.call_id)
        if (call.status != CallState.PUBLISHED
                or not call.open_date <= clock.today() <= call.close_date):
            faults.append(InvalidInput(_("招募公告“{title}”已不在报名期内，草稿不能再提交",
                                         title=call.title), field=CALL_PERIOD))
    material = attachments.list_for(session, application_id=app.id)
    if not any(a.kind == AttachmentKind.BUSINESS_LICENCE for a in material):
        faults.append(InvalidInput(_("提交前请上传营业执照（或事业单位法人证书）"),
                                   field=BUSINESS_LICENCE))
    try:
        check_duplicate(session, app.credit_code, exclude_id=app.id)
    except InvalidInput as exc:
        exc.field = "credit_code"
        faults.append(exc)
    return faults


def submit_faults(session: Session, actor: Actor, application_id: int) -> list[InvalidInput]:
    """What would stop the application from being submitted now, each with the ``field`` at
    fault (:data:`CALL_PERIOD`, :data:`BUSINESS_LICENCE`, ``credit_code`` of a duplicate);
    empty when nothing does. :func:`transition` refuses a submission with the first of these,
    so a dialog can say them before it asks to confirm."""
    return _submit_faults(session, _load(session, actor, application_id))


def transition(session: Session, actor: Actor, application_id: int, target: str,
               comment: str | None, expected_version: int | None = None) -> None:
    """Submit, review (subdistrict) or decide (bureau) an application."""
    app = _load(session, actor, application_id)
    workflow.expect_version(app, expected_version, _("该申请"))
    now = utcnow()
    A = ApplicationState
    if target == A.SUBMITTED:
        faults = _submit_faults(session, app)
        if faults:
            raise faults[0]
    source = app.status
    workflow.check(actor, APPLICATION_WORKFLOW, source, target, comment)
    if target == A.BUREAU_APPROVED:
        # the register first (it flushes): the decision below is written with the step itself
        check_duplicate(session, app.credit_code, exclude_id=app.id)
        venue_id = _designate(session, actor, app)
    if source == A.SUBMITTED:
        app.subdistrict_opinion = (comment or "").strip()
        app.subdistrict_reviewer = actor.username
        app.subdistrict_reviewed_at = now
    elif source == A.SUBDISTRICT_APPROVED:
        app.bureau_opinion = (comment or "").strip()
        app.bureau_reviewer = actor.username
        app.bureau_reviewed_at = now
    if target == A.SUBMITTED:
        app.submitted_at = now
    if target == A.BUREAU_APPROVED:
        app.venue_id = venue_id
    workflow.apply(session, actor, APPLICATION_WORKFLOW, app, target, comment)


def _designate(session: Session, actor: Actor, app: Application) -> int:
    """Enter (or re-enter) the approved venue in the designated-venue register."""
    venue = session.scalar(select(Venue).where(Venue.credit_code == app.credit_code))
    if venue is None:
        venue = Venue(credit_code=app.credit_code)
    venue.name, venue.venue_type = app.venue_name, app.venue_type
    venue.subdistrict_id = app.subdistrict_id
    venue.address, venue.legal_representative = app.address, app.legal_representative
    venue.contact_name, venue.contact_mobile = app.contact_name, app.contact_mobile
    venue.opening_hours, venue.capacity = app.opening_hours, app.capacity
    venue.longitude, venue.latitude = app.longitude, app.latitude
    venue.bank_name, venue.bank_account_name = app.bank_name, app.bank_account_name
    venue.bank_account_number = app.bank_account_number
    if venue.id is not None:
        venue.sports.clear()
        venue.coaches.clear()
        session.flush()
    venue.sports = [VenueSport(sport=s.sport, list_price=s.list_price) for s in app.sports]
    # the coaches filed with the application, for those who inspect the venue (who read no
    # application): the register's copy, replaced by a re-designation like the sports
    venue.coaches = [VenueCoach(name=c.name, qualification=c.qualification,
                                certificate_number=c.certificate_number,
                                from_application_id=app.id) for c in app.coaches]
    # The register's history is stored data: the reason is written in Chinese.
    reason = chinese(_("区体育局审定通过（申请 {number}）", number=application_number(app.id)))
    register.designate(session, actor, venue, reason, details={"application_id": app.id})
    return venue.id


def list_applications(session: Session, actor: Actor, *, subdistrict_id: int | None = None,
                      status: str | None = None, call_id: int | None = None,
                      sport: str | None = None, search: str = "") -> list[ApplicationRow]:
    require(actor, Action.READ_APPLICATIONS)
    query = (
        select(Application, RecruitmentCall.title, Subdistrict.name)
        .join(RecruitmentCall, Application.call_id == RecruitmentCall.id)
        .join(Subdistrict, Application.subdistrict_id == Subdistrict.id)
        .options(selectinload(Application.sports))
        .order_by(Application.updated_at.desc(), Application.id.desc())
    )
    scoped = subdistrict_filter(actor, Action.READ_APPLICATIONS, subdistrict_id)
    if scoped is not None:
        query = query.where(Application.subdistrict_id == scoped)
    if status:
        query = query.where(Application.status == status)
    if call_id is not None:
        query = query.where(Application.call_id == call_id)
    if sport:
        query = query.where(Application.id.in_(
            select(ApplicationSport.application_id).where(ApplicationSport.sport == sport)))
    term = search.strip()
    if term:
        query = query.where(search_terms.any_contains(
            term, (Application.venue_name, Application.address), (Application.credit_code,)))
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
        call_title=call.title, call_sports=tuple(call.sports or ()),
        subdistrict_id=app.subdistrict_id,
        subdistrict=subdistrict.name if subdistrict else "", data=_input_of(app), status=app.status,
        subdistrict_opinion=app.subdistrict_opinion, subdistrict_reviewer=app.subdistrict_reviewer,
        subdistrict_reviewed_at=app.subdistrict_reviewed_at, bureau_opinion=app.bureau_opinion,
        bureau_reviewer=app.bureau_reviewer, bureau_reviewed_at=app.bureau_reviewed_at,
        venue_id=app.venue_id,
        attachments=tuple(attachments.list_for(session, application_id=app.id)),
        history=tuple(audit.history(session, "application", app.id)),
        actions=tuple(actions),
        editable=(may_act(actor, Action.EDIT_APPLICATION)
                  and app.status in EDITABLE_APPLICATION_STATES),
    )


def review_form(session: Session, actor: Actor, application_id: int) -> report_data.ReviewForm:
    """The data of the printed review form (审核表)."""
    d = application_detail(session, actor, application_id)
    audit.record_read(session, actor, APPLICATION_WORKFLOW.entity_type, d.id, "print")
    names = _full_names(session, {d.subdistrict_reviewer, d.bureau_reviewer})
    # The printed form is in Chinese, whatever the interface language.
    def state(code: str | None) -> str:
        return chinese(ApplicationState.label_of(code)) if code else ""

    return report_data.ReviewForm(
        application_id=d.id, call_title=d.call_title, subdistrict=d.subdistrict,
        status_label=state(d.status), venue_name=d.data.venue_name,
        venue_type_label=chinese(VenueType.label_of(d.data.venue_type)), address=d.data.address,
        credit_code=d.data.credit_code, legal_representative=d.data.legal_representative,
        contact_name=d.data.contact_name, contact_mobile=d.data.contact_mobile,
        opening_hours=d.data.opening_hours, capacity=d.data.capacity,
        safety_measures=d.data.safety_measures,
        sports=tuple((s.sport, s.list_price) for s in d.data.sports),
        coaches=tuple((c.name, c.qualification, c.certificate_number) for c in d.data.coaches),
        bank_name=d.data.bank_name, bank_account_name=d.data.bank_account_name,
        bank_account_number=d.data.bank_account_number,
        attachments=tuple(report_data.AttachmentLine(chinese(a.kind_label), a.filename, a.size)
                          for a in d.attachments),
        subdistrict_opinion=d.subdistrict_opinion or "",
        subdistrict_reviewer=names.get(d.subdistrict_reviewer or "", d.subdistrict_reviewer or ""),
        subdistrict_reviewed_at=d.subdistrict_reviewed_at,
        bureau_opinion=d.bureau_opinion or "",
        bureau_reviewer=names.get(d.bureau_reviewer or "", d.bureau_reviewer or ""),
        bureau_reviewed_at=d.bureau_reviewed_at,
        history=tuple(
            report_data.HistoryLine(h.at, h.actor_name, h.action, state(h.from_state),
                                    state(h.to_state), h.comment or "")
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
    own = _scope(actor)
    if own is not None:
        query = query.join(Application, Application.id == ApplicationSport.application_id).where(
            Application.subdistrict_id == own)
    return list(session.scalars(query))


# --- my tasks -------------------------------------------------------------------------------

#: What an application waiting in a state asks of whoever may take its next step.
_WAITING: dict[str, Text] = {
    ApplicationState.DRAFT: _("待提交"),
    ApplicationState.RETURNED: _("已退回，请补充材料后重新提交"),
    ApplicationState.SUBMITTED: _("待街镇审核"),
    ApplicationState.SUBDISTRICT_APPROVED: _("街镇已审核通过，待区体育局审定"),
}


def application_tasks(session: Session, actor: Actor, now: dt.datetime) -> list[tasks.Task]:
    """The applications waiting on a step the actor's role may take (the workflow says which)."""
    if actor.is_system:
        return []
    waiting = sorted({t.source for t in APPLICATION_WORKFLOW.transitions
                      if actor.role in t.roles})
    if not waiting:
        return []
    query = select(Application).where(Application.status.in_(waiting))
    own = _scope(actor)
    if own is not None:
        query = query.where(Application.subdistrict_id == own)
    rows = session.scalars(query.order_by(Application.updated_at)).all()
    return [
        tasks.Task(kind=f"application_{a.status}",
                   title=str(_("自荐申请 {number}：{venue}", number=application_number(a.id),
                               venue=a.venue_name)),
                   detail=str(_WAITING[a.status]), page=Page.RECRUITMENT, target=str(a.id),
                   due=None, urgent=a.status == ApplicationState.RETURNED)
        for a in rows
    ]


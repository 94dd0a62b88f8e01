"""Three-party agreements (三方合作协议): bureau (甲方), venue (乙方), platform operator (丙方).

Generated from a bureau-approved application (or as the renewal of an agreement), numbered at
generation (JDTY-XY-<year>-<nnnn>, never reused), sent for signature, put in force once all
three parties' signing dates and the signed scan are recorded, and ended by expiry or
termination. An agreement in force is immutable (also enforced by a trigger on PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from jd_admin.domain import agreements as domain
from jd_admin.domain.agreements import AGREEMENT_WORKFLOW, AgreementState, Party
from jd_admin.domain.errors import InvalidInput, NotFound
from jd_admin.domain.permissions import Action, may
from jd_admin.domain.recruitment import ApplicationState
from jd_admin.domain.register import VenueState
from jd_admin.domain.text import Text, _, chinese, join
from jd_admin.domain.workflow import Transition
from jd_admin.models import (
    Agreement,
    AgreementNumberCounter,
    Application,
    FaceValueRule,
    PartySetting,
    Subdistrict,
    Venue,
)
from jd_admin.models.base import utcnow
from jd_admin.reports import data as report_data
from jd_admin.services import attachments, audit, clock, identifiers, tasks, workflow
from jd_admin.services import search as search_terms
from jd_admin.services.actor import (
    Actor,
    may_act,
    require,
    subdistrict_filter,
    subdistrict_scope,
)
from jd_admin.services.navigation import Page
from jd_admin.services.versions import effective_from_on

NUMBER_PREFIX = "JDTY-XY"
SIGNATURE_OVERDUE_DAYS = 14
ENDING_SOON_DAYS = 30
DEFAULT_TERM_YEARS = 1
S = AgreementState

# The agreement's own text (a Chinese legal document, printed in Chinese whatever the interface
# language; copied into each agreement when it is generated).

SETTLEMENT_TERMS = (
    "按月结算：配送平台于每月初向甲方提供上月乙方的消费券核销数据；甲方核定后，于当月底前向乙方拨付"
    "上月已核销且有效的消费券中的政府补贴部分。场馆让利部分由乙方承担，不予拨付。"
    "处于预警核查中的消费券，待核查完毕后再行结算。补贴金额以人民币元计，精确到分。"
)
OBLIGATIONS = "\n".join([
    "按约定接受消费券抵用，兑现场馆让利，不得拒收、变相加价或要求市民以现金折现；",
    "保持公示的挂牌价不变，价格调整须提前报甲方备案；",
    "配合甲方及所在街镇开展的监督巡查，如实提供经营、价格、教练资质等资料，按期完成整改；",
    "保障场地设施安全，落实安全与防疫措施，教练持证上岗；",
    "妥善保管市民个人信息，不得用于本协议以外的用途；",
    "银行账户等信息变更时及时书面告知甲方。",
])
TERMINATION_GROUNDS = "\n".join([
    "乙方虚构交易、套取补贴或协助他人套取补贴的；",
    "乙方拒不接受监督巡查或逾期不整改的；",
    "乙方停业、注销或不再符合定点场馆条件的；",
    "三方协商一致提前终止的；",
    "法律法规规定的其他情形。",
])


#: The three signatories in the order bureau, venue, platform (in messages).
SIGNATORIES = (_("区体育局"), _("场馆"), _("配送平台"))
# Comments written into the audit log: recorded data, kept in Chinese like a person's comment.
SIGNATURES_COMMENT = "区体育局 {bureau}，场馆 {venue}，配送平台 {operator}"
EXPIRED_COMMENT = "协议期限已于 {end} 届满"
# The parties' headings in the printed agreement (a Chinese document).
PARTY_HEADINGS = ("甲方（区体育局）", "乙方（定点场馆）", "丙方（配送平台运营机构）")
#: Printed instead of the bank account and legal representative for readers without the right.
WITHHELD = _("（无权查看）")


def agreement_number(year: int, n: int) -> str:
    return f"{NUMBER_PREFIX}-{year}-{n:04d}"


def next_number(session: Session, year: int) -> str:
    """The next agreement number of ``year``; the counter row is locked, so two clients never
    get the same number, and a number once handed out is never given again."""
    counter = session.scalar(
        select(AgreementNumberCounter).where(AgreementNumberCounter.year == year).with_for_update())
    if counter is None:
        counter = AgreementNumberCounter(year=year, last_number=0)
        session.add(counter)
    counter.last_number += 1
    session.flush()
    return agreement_number(year, counter.last_number)


@dataclass(frozen=True)
class PartyInfo:
    party: str
    name: str
    credit_code: str
    address: str
    representative: str
    version: int


def parties(session: Session) -> dict[str, PartyInfo]:
    return {
        p.party: PartyInfo(p.party, p.name, p.credit_code, p.address, p.representative, p.version)
        for p in session.scalars(select(PartySetting)).all()
    }


def missing_parties(known: dict[str, PartyInfo]) -> list[Text]:
    """The bureau's and the platform operator's settings an agreement needs that are empty
    (:data:`domain.PARTY_FIELDS`), each named with its party."""
    missing: list[Text] = []
    for party in Party:
        info = known.get(party.value)
        missing += domain.missing_party_fields(party, None if info is None else {
            name: getattr(info, name) for name, _label in domain.PARTY_FIELDS})
    return missing


def check_parties(known: dict[str, PartyInfo]) -> None:
    """Refuse to generate an agreement while a party setting it prints is empty, naming each
    one and where the administrator sets it (the one rule for every way of generating)."""
    missing = missing_parties(known)
    if missing:
        raise InvalidInput(_("协议当事方信息不全，不能生成协议：缺少{missing}。请由系统管理员在"
                             "“{place}”中填写后再生成。", missing=join(missing),
                             place=domain.PARTY_SETTINGS_PLACE))


def set_party(session: Session, actor: Actor, party: str, name: str, credit_code: str,
              address: str = "", representative: str = "",
              expected_version: int | None = None) -> None:
    """The administrator records the bureau's or the platform operator's identity."""
    require(actor, Action.SET_PARTIES)
    if party not in Party.codes():
        raise InvalidInput(_("未知的当事方：{party}", party=party))
    if not name.strip():
        raise InvalidInput(_("请填写名称"))
    code = identifiers.validate_credit_code(credit_code)
    row = session.get(PartySetting, party)
    if row is None:
        row = PartySetting(party=party, name=name.strip(), credit_code=code,
                           address=address.strip(), representative=representative.strip())
        session.add(row)
    else:
        workflow.expect_version(row, expected_version, _("当事方信息"))
        row.name, row.credit_code = name.strip(), code
        row.address, row.representative = address.strip(), representative.strip()
    audit.record(session, actor, "party_setting", party, domain.PARTY_SET.source,
                 comment=f"{name.strip()} {code}")


def face_values_on(session: Session, day: dt.date) -> list[FaceValueRule]:
    """The face-value table in force on ``day`` (the rows of the latest effective date)."""
    rows = list(session.scalars(
        select(FaceValueRule)
        .where(FaceValueRule.effective_from == effective_from_on(FaceValueRule.effective_from, day))
        .order_by(FaceValueRule.face_value)).all())
    if not rows:
        raise InvalidInput(_("{day} 没有生效的面值表", day=day.isoformat()))
    return rows


def default_term(start: dt.date) -> dt.date:
    """One year: the day before the same date next year."""
    try:
        same = start.replace(year=start.year + DEFAULT_TERM_YEARS)
    except ValueError:  # 29 February
        same = start.replace(year=start.year + DEFAULT_TERM_YEARS, day=28)
    return same - dt.timedelta(days=1)


def _check_term(start: dt.date, end: dt.date) -> None:
    if end <= start:
        raise InvalidInput(_("协议结束日期必须晚于开始日期"))
    if (end - start).days > 366 * 5:
        raise InvalidInput(_("协议期限不能超过五年"))


def new_agreement(session: Session, actor: Actor, venue: Venue, application_id: int | None,
                  start: dt.date, end: dt.date, renews: Agreement | None,
                  generated_on: dt.date | None = None) -> Agreement:
    """Create a draft agreement for ``venue`` with the next number of the generation year
    (today; the demo district passes earlier dates for its history)."""
    _check_term(start, end)
    known = parties(session)
    check_parties(known)
    overlapping = session.scalar(
        select(Agreement.number).where(
            Agreement.venue_id == venue.id, Agreement.status.in_(domain.PENDING_STATES))
        .limit(1))
    if overlapping is not None:
        raise InvalidInput(_("该场馆已有未生效的协议 {number}，请先完成或作废它",
                             number=overlapping))
    in_force = session.scalar(
        select(Agreement.number).where(
            Agreement.venue_id == venue.id, Agreement.status == S.IN_FORCE,
            Agreement.end_date >= start,
            or_(Agreement.terminated_on.is_(None), Agreement.terminated_on > start)).limit(1))
    if in_force is not None and (renews is None or renews.number != in_force):
        raise InvalidInput(_("该场馆的协议 {number} 在新协议开始时仍然有效，请续签或调整开始日期",
                             number=in_force))
    if renews is not None and start <= renews.end_date and renews.status == S.IN_FORCE:
        raise InvalidInput(_("续签协议应从原协议结束（{end}）之后开始", end=renews.end_date))
    bureau, operator = known[Party.BUREAU], known[Party.OPERATOR]
    faces = face_values_on(session, start)
    agreement = Agreement(
        number=next_number(session, (generated_on or clock.today()).year),
        application_id=application_id,
        venue_id=venue.id, renews_id=renews.id if renews else None,
        bureau_name=bureau.name, bureau_credit_code=bureau.credit_code,
        venue_name=venue.name, venue_credit_code=venue.credit_code,
        venue_legal_representative=venue.legal_representative, venue_address=venue.address,
        venue_bank=" / ".join(x for x in (venue.bank_name, venue.bank_account_name,
                                          venue.bank_account_number) if x),
        operator_name=operator.name, operator_credit_code=operator.credit_code,
        start_date=start, end_date=end,
        face_values=[{"face_value": str(f.face_value), "subsidy": str(f.subsidy),
                      "concession": str(f.concession), "min_order": str(f.min_order)}
                     for f in faces],
        settlement_terms=SETTLEMENT_TERMS, obligations=OBLIGATIONS,
        termination_grounds=TERMINATION_GROUNDS, status=AGREEMENT_WORKFLOW.initial.value,
        created_by=actor.username,
    )
    session.add(agreement)
    session.flush()
    audit.record(session, actor, "agreement", agreement.id, domain.GENERATED.source,
                 to_state=agreement.status,
                 comment=agreement.number,
                 details={"renews": renews.number} if renews else None)
    return agreement


def generate_from_application(session: Session, actor: Actor, application_id: int,
                              start: dt.date, end: dt.date | None = None) -> int:
    require(actor, Action.DRAFT_AGREEMENT)
    app = session.get(Application, application_id)
    if app is None:
        raise NotFound(_("没有编号为 {id} 的申请", id=application_id))
    if app.status != ApplicationState.BUREAU_APPROVED or app.venue_id is None:
        raise InvalidInput(_("只有区体育局审定通过的申请才能生成协议"))
    venue = session.get(Venue, app.venue_id)
    assert venue is not None
    if venue.status == VenueState.WITHDRAWN:
        raise InvalidInput(_("场馆已退出定点名录，不能生成协议"))
    return new_agreement(session, actor, venue, app.id, start, end or default_term(start), None).id


def renew(session: Session, actor: Actor, agreement_id: int, start: dt.date,
          end: dt.date | None = None) -> int:
    """A renewal is a new agreement pointing at the old one (which stays as it was)."""
    require(actor, Action.DRAFT_AGREEMENT)
    old = _get(session, agreement_id)
    if old.status not in domain.RENEWABLE_STATES:
        raise InvalidInput(_("只有生效中或已到期的协议可以续签"))
    venue = session.get(Venue, old.venue_id)
    assert venue is not None
    if venue.status == VenueState.WITHDRAWN:
        raise InvalidInput(_("场馆已退出定点名录，不能续签"))
    return new_agreement(session, actor, venue, old.application_id, start,
                          end or default_term(start), old).id


def _get(session: Session, agreement_id: int) -> Agreement:
    agreement = session.get(Agreement, agreement_id)
    if agreement is None:
        raise NotFound(_("没有编号为 {id} 的协议", id=agreement_id))
    return agreement


def _expect(agreement: Agreement, expected_version: int | None) -> None:
    workflow.expect_version(agreement, expected_version,
                            _("协议 {number}", number=agreement.number))


def send_for_signature(session: Session, actor: Actor, agreement_id: int,
                       expected_version: int | None = None) -> None:
    agreement = _get(session, agreement_id)
    _expect(agreement, expected_version)
    agreement.sent_for_signature_at = utcnow()
    workflow.apply(session, actor, AGREEMENT_WORKFLOW, agreement, S.OUT_FOR_SIGNATURE, None)


def record_signatures(session: Session, actor: Actor, agreement_id: int, *,
                      bureau_on: dt.date | None, venue_on: dt.date | None,
                      operator_on: dt.date | None, expected_version: int | None = None) -> None:
    """Record the parties' signing dates (any subset) while the agreement is out for signature."""
    require(actor, Action.RECORD_SIGNATURES)
    agreement = _get(session, agreement_id)
    _expect(agreement, expected_version)
    if agreement.status not in domain.SIGNING_STATES:
        raise InvalidInput(_("协议 {number} 不在签署中，不能登记签署日期",
                             number=agreement.number))
    today = clock.today()
    created = clock.local_date(agreement.created_at)
    for label, field, day in zip(SIGNATORIES, ("bureau_on", "venue_on", "operator_on"),
                                 (bureau_on, venue_on, operator_on), strict=True):
        if day is not None and day > today:
            raise InvalidInput(_("{party}的签署日期 {day} 不能晚于今天", party=label, day=day),
                               field=field)
        if day is not None and day < created:
            raise InvalidInput(_("{party}的签署日期 {day} 不能早于协议生成日期 {created}",
                                 party=label, day=day, created=created), field=field)
    agreement.bureau_signed_on = bureau_on or agreement.bureau_signed_on
    agreement.venue_signed_on = venue_on or agreement.venue_signed_on
    agreement.operator_signed_on = operator_on or agreement.operator_signed_on
    agreement.updated_at = utcnow()
    audit.record(session, actor, "agreement", agreement.id, domain.SIGNATURES_RECORDED.source,
                 comment=SIGNATURES_COMMENT.format(bureau=agreement.bureau_signed_on or "—",
                                                   venue=agreement.venue_signed_on or "—",
                                                   operator=agreement.operator_signed_on or "—"))


def attach_signed_scan(session: Session, actor: Actor, agreement_id: int, filename: str,
                       content: bytes) -> attachments.AttachmentInfo:
    require(actor, Action.RECORD_SIGNATURES)
    agreement = _get(session, agreement_id)
    if agreement.status not in domain.SIGNING_STATES:
        raise InvalidInput(_("协议 {number} 不在签署中，不能上传扫描件", number=agreement.number))
    info = attachments.store(session, actor.username, "signed_agreement", filename, content,
                             agreement_id=agreement.id)
    audit.record(session, actor, "agreement", agreement.id, domain.SCAN_UPLOADED.source,
                 comment=info.filename)
    return info


def put_in_force(session: Session, actor: Actor, agreement_id: int,
                 expected_version: int | None = None) -> None:
    agreement = _get(session, agreement_id)
    _expect(agreement, expected_version)
    workflow.check(actor, AGREEMENT_WORKFLOW, agreement.status, S.IN_FORCE, None)
    signed_on = (agreement.bureau_signed_on, agreement.venue_signed_on,
                 agreement.operator_signed_on)
    missing: list[Text | str] = [
        label for label, day in zip(SIGNATORIES, signed_on, strict=True) if day is None]
    if missing:
        raise InvalidInput(_("还缺少{parties}的签署日期，协议不能生效",
                             parties=join(missing)))
    if not attachments.list_for(session, agreement_id=agreement.id):
        raise InvalidInput(_("请先上传三方签署后的协议扫描件"))
    signed = max(d for d in (agreement.bureau_signed_on, agreement.venue_signed_on,
                             agreement.operator_signed_on) if d is not None)
    in_force_from = max(agreement.start_date, signed)
    if in_force_from > agreement.end_date:
        raise InvalidInput(_("签署完成时协议期限已过，请重新生成协议"))
    venue = session.get(Venue, agreement.venue_id)
    if venue is not None and venue.status == VenueState.WITHDRAWN:
        raise InvalidInput(_("场馆已退出定点名录，协议不能生效"))
    agreement.in_force_from = in_force_from
    workflow.apply(session, actor, AGREEMENT_WORKFLOW, agreement, S.IN_FORCE, None,
                   details={"in_force_from": in_force_from.isoformat()})


def terminate(session: Session, actor: Actor, agreement_id: int, on: dt.date, reason: str,
              expected_version: int | None = None) -> None:
    agreement = _get(session, agreement_id)
    _expect(agreement, expected_version)
    workflow.check(actor, AGREEMENT_WORKFLOW, agreement.status, S.TERMINATED, reason)
    if on < clock.today():
        raise InvalidInput(_("终止日期不能早于今天：已经发生的核销不能追溯改变"))
    if agreement.status == S.IN_FORCE and on < (agreement.in_force_from or agreement.start_date):
        raise InvalidInput(_("终止日期不能早于协议生效日期"))
    agreement.terminated_on = on
    agreement.termination_reason = reason.strip()
    workflow.apply(session, actor, AGREEMENT_WORKFLOW, agreement, S.TERMINATED, reason)


def expire_due(session: Session, actor: Actor, today: dt.date | None = None) -> list[str]:
    """Mark agreements whose term has ended as expired (a scheduled job); returns their numbers."""
    require(actor, Action.EXPIRE_AGREEMENTS)
    day = today or clock.today()
    due = session.scalars(select(Agreement).where(Agreement.status == S.IN_FORCE,
                                                  Agreement.end_date < day)).all()
    for agreement in due:
        workflow.apply(session, actor, AGREEMENT_WORKFLOW, agreement, S.EXPIRED,
                       EXPIRED_COMMENT.format(end=agreement.end_date))
    return [a.number for a in due]


# --- reading --------------------------------------------------------------------------------

@dataclass(frozen=True)
class AgreementRow:
    id: int
    number: str
    venue_id: int
    venue_name: str
    subdistrict: str
    start_date: dt.date
    end_date: dt.date
    status: str
    in_force_from: dt.date | None
    sent_for_signature_at: dt.datetime | None
    renews_number: str | None

    @property
    def status_label(self) -> Text | str:
        return AgreementState.label_of(self.status)


@dataclass(frozen=True)
class AgreementDetail:
    row: AgreementRow
    version: int
    application_id: int | None
    bureau_signed_on: dt.date | None
    venue_signed_on: dt.date | None
    operator_signed_on: dt.date | None
    terminated_on: dt.date | None
    termination_reason: str | None
    scans: tuple[attachments.AttachmentInfo, ...]
    history: tuple[audit.HistoryEntry, ...]
    actions: tuple[Transition, ...]  # the workflow steps the reader may take now
    may_record_signatures: bool = False  # signing dates and the signed scan
    may_renew: bool = False
    #: The day the agreement was generated (Shanghai): no party signed it before that day,
    #: :func:`record_signatures` refuses an earlier signing date (so the dialog offers none).
    generated_on: dt.date | None = None


#: The venue as a party, in the names of empty printed fields.
VENUE_PARTY = _("定点场馆")


def _own_subdistrict(actor: Actor) -> int | None:
    """The subdistrict ``actor`` is bound to when reading agreements (None: every one)."""
    return subdistrict_scope(actor, Action.READ_AGREEMENTS)


def _readable(session: Session, actor: Actor, agreement_id: int) -> tuple[Agreement, Venue]:
    """The agreement, if ``actor`` may read it (the same scope as the list)."""
    require(actor, Action.READ_AGREEMENTS)
    a = _get(session, agreement_id)
    venue = session.get(Venue, a.venue_id)
    assert venue is not None
    own = _own_subdistrict(actor)
    if own is not None and venue.subdistrict_id != own:
        raise NotFound(_("没有编号为 {id} 的协议（或不在您的管辖范围内）", id=agreement_id))
    return a, venue


def list_agreements(session: Session, actor: Actor, *, status: str | None = None,
                    subdistrict_id: int | None = None, search: str = "") -> list[AgreementRow]:
    require(actor, Action.READ_AGREEMENTS)
    renewed = select(Agreement.id, Agreement.number).subquery()
    query = (
        select(Agreement, Subdistrict.name, renewed.c.number)
        .join(Venue, Agreement.venue_id == Venue.id)
        .join(Subdistrict, Venue.subdistrict_id == Subdistrict.id)
        .outerjoin(renewed, Agreement.renews_id == renewed.c.id)
        .order_by(Agreement.number.desc())
    )
    scoped = subdistrict_filter(actor, Action.READ_AGREEMENTS, subdistrict_id)
    if scoped is not None:
        query = query.where(Venue.subdistrict_id == scoped)
    if status:
        query = query.where(Agreement.status == status)
    if search.strip():
        query = query.where(search_terms.any_contains(
            search, (Agreement.venue_name,), (Agreement.number,)))
    return [_row(a, sd, renews) for a, sd, renews in session.execute(query).all()]


def sees_every_subdistrict(actor: Actor) -> bool:
    """Whether ``actor`` reads the agreements of every subdistrict (and may filter by one)."""
    return _own_subdistrict(actor) is None


def _row(a: Agreement, subdistrict: str, renews: str | None) -> AgreementRow:
    return AgreementRow(a.id, a.number, a.venue_id, a.venue_name, subdistrict, a.start_date,
                        a.end_date, a.status, a.in_force_from, a.sent_for_signature_at, renews)


def agreement_detail(session: Session, actor: Actor, agreement_id: int) -> AgreementDetail:
    a, venue = _readable(session, actor, agreement_id)
    subdistrict = session.get(Subdistrict, venue.subdistrict_id)
    renews = session.get(Agreement, a.renews_id) if a.renews_id else None
    return AgreementDetail(
        row=_row(a, subdistrict.name if subdistrict else "", renews.number if renews else None),
        version=a.version, application_id=a.application_id, bureau_signed_on=a.bureau_signed_on,
        venue_signed_on=a.venue_signed_on, operator_signed_on=a.operator_signed_on,
        terminated_on=a.terminated_on, termination_reason=a.termination_reason,
        scans=tuple(attachments.list_for(session, agreement_id=a.id)),
        history=tuple(audit.history(session, "agreement", a.id)),
        actions=tuple(AGREEMENT_WORKFLOW.available(a.status, actor.role)),
        may_record_signatures=(may_act(actor, Action.RECORD_SIGNATURES)
                               and a.status in domain.SIGNING_STATES),
        may_renew=may_act(actor, Action.DRAFT_AGREEMENT) and a.status in domain.RENEWABLE_STATES,
        generated_on=clock.local_date(a.created_at),
    )


def scan_content(session: Session, actor: Actor, agreement_id: int,
                 attachment_id: int) -> tuple[attachments.AttachmentInfo, bytes]:
    _readable(session, actor, agreement_id)
    row, content = attachments.get(session, attachment_id)
    if row.agreement_id != agreement_id:
        raise NotFound(_("没有编号为 {id} 的附件", id=attachment_id))
    audit.record_read(session, actor, "agreement", agreement_id, "download",
                      comment=f"{attachment_id} {row.filename}")
    return attachments.info_of(row), content


def document(session: Session, actor: Actor, agreement_id: int) -> report_data.AgreementDocument:
    """The data of the printed agreement (gathered here; rendered after the session closes)."""
    a, _venue = _readable(session, actor, agreement_id)
    known = parties(session)
    bureau, operator = known.get(Party.BUREAU), known.get(Party.OPERATOR)
    renews = session.get(Agreement, a.renews_id) if a.renews_id else None
    audit.record_read(session, actor, "agreement", a.id, "print", comment=a.number)
    first, second, third = PARTY_HEADINGS
    if may_act(actor, Action.READ_BANK_DETAILS):
        representative, bank = a.venue_legal_representative, a.venue_bank
    else:  # inspectors and the platform print the agreement without them (domain/access.py)
        representative = bank = chinese(WITHHELD)
    # What this print would show empty (the agreement predates the check, or a setting was
    # cleared since): printed all the same, with a warning.
    missing = domain.missing_party_fields(Party.BUREAU, {
        "name": a.bureau_name, "credit_code": a.bureau_credit_code,
        "address": bureau.address if bureau else "",
        "representative": bureau.representative if bureau else ""})
    missing += [_("{party}的{field}", party=VENUE_PARTY, field=label) for value, label in (
        (a.venue_name, _("名称")), (a.venue_credit_code, _("统一社会信用代码")),
        (a.venue_address, _("地址")), (representative, _("法定代表人"))) if not value.strip()]
    missing += domain.missing_party_fields(Party.OPERATOR, {
        "name": a.operator_name, "credit_code": a.operator_credit_code,
        "address": operator.address if operator else "",
        "representative": operator.representative if operator else ""})
    return report_data.AgreementDocument(
        number=a.number, status=a.status,
        status_label=chinese(AgreementState.label_of(a.status)),
        parties=(
            report_data.Party(first, a.bureau_name, a.bureau_credit_code,
                              bureau.address if bureau else "",
                              bureau.representative if bureau else ""),
            report_data.Party(second, a.venue_name, a.venue_credit_code, a.venue_address,
                              representative, bank),
            report_data.Party(third, a.operator_name, a.operator_credit_code,
                              operator.address if operator else "",
                              operator.representative if operator else ""),
        ),
        start_date=a.start_date, end_date=a.end_date,
        face_values=tuple(
            report_data.FaceValueLine(Decimal(f["face_value"]), Decimal(f["subsidy"]),
                                      Decimal(f["concession"]), Decimal(f["min_order"]))
            for f in a.face_values),
        settlement_terms=a.settlement_terms, obligations=a.obligations,
        termination_grounds=a.termination_grounds, bureau_signed_on=a.bureau_signed_on,
        venue_signed_on=a.venue_signed_on, operator_signed_on=a.operator_signed_on,
        renews_number=renews.number if renews else None, generated_at=utcnow(),
        missing=tuple(str(m) for m in missing),
    )


# --- my tasks -------------------------------------------------------------------------------

def agreement_tasks(session: Session, actor: Actor, now: dt.datetime) -> list[tasks.Task]:
    """Agreements out for signature too long (for who puts them in force) and agreements
    ending soon (for who renews them)."""
    found: list[tasks.Task] = []
    if S.IN_FORCE in AGREEMENT_WORKFLOW.targets(S.OUT_FOR_SIGNATURE, actor.role):
        overdue = now - dt.timedelta(days=SIGNATURE_OVERDUE_DAYS)
        for a in session.scalars(select(Agreement).where(
                Agreement.status == S.OUT_FOR_SIGNATURE, Agreement.sent_for_signature_at < overdue)
                .order_by(Agreement.sent_for_signature_at)).all():
            days = (now - a.sent_for_signature_at).days if a.sent_for_signature_at else 0
            title = _("协议 {number} 送签已 {days} 天未完成签署", number=a.number, days=days)
            found.append(tasks.Task("agreement_signature_overdue", str(title), a.venue_name,
                                    Page.AGREEMENTS, str(a.id), a.sent_for_signature_at, True))
    if may(actor.role, Action.DRAFT_AGREEMENT):
        today = clock.local_date(now)
        soon = today + dt.timedelta(days=ENDING_SOON_DAYS)
        for a in session.scalars(select(Agreement).where(
                Agreement.status == S.IN_FORCE, Agreement.end_date >= today,
                Agreement.end_date <= soon).order_by(Agreement.end_date)).all():
            found.append(tasks.Task(
                "agreement_ending", str(_("协议 {number} 将于 {end} 到期", number=a.number,
                                          end=a.end_date)),
                str(_("{venue}：请确认是否续签", venue=a.venue_name)), Page.AGREEMENTS,
                str(a.id), clock.start_of_day(a.end_date)))
    return found


"""The demo district (演示数据): venues, users for every role, recruitment calls, applications in
every state and agreements in every state, from demo_catalog.

Running it twice duplicates nothing: venues are keyed by credit code, users by user name, calls
by title, applications by credit code, agreements by venue. Passwords of new demo users are
random and returned once, for the caller to print. Dates are relative to today, so the demo
looks current whenever it is loaded.

Every state is reached through the declared workflow steps, by the feature services where they
exist (so the audit rows are the real ones); only the dates are then set back into the past
(signing dates, a venue's status history) to tell a year's story in one run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from jd_admin.domain.agreements import AGREEMENT_WORKFLOW, AgreementState
from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.permissions import Action
from jd_admin.domain.recruitment import ApplicationState, CallState
from jd_admin.domain.register import VENUE_WORKFLOW, VenueState
from jd_admin.domain.text import Text, _
from jd_admin.models import (
    Agreement,
    Application,
    AppUser,
    PartySetting,
    RecruitmentCall,
    Role,
    Subdistrict,
    Venue,
    VenueCoach,
    VenueSport,
)
from jd_admin.models.base import utcnow
from jd_admin.reports.placeholder import placeholder_pdf
from jd_admin.services import clock, statistics, workflow
from jd_admin.services.accounts import passwords, users
from jd_admin.services.actor import Actor, actor_for_username, require
from jd_admin.services.agreements import lifecycle as agreements
from jd_admin.services.demo import catalog as demo_catalog
from jd_admin.services.demo import inspections as demo_inspections
from jd_admin.services.demo import settlements as demo_settlements
from jd_admin.services.demo import vouchers as demo_vouchers
from jd_admin.services.demo import warnings as demo_warnings
from jd_admin.services.recruitment import applications as recruitment
from jd_admin.services.recruitment.application_input import ApplicationInput, Coach, SportPrice
from jd_admin.services.register import status as register

#: Demo venues that start suspended (暂停), so the register shows more than one state.
SUSPENDED_KEYS = frozenset({"V007", "V031", "V052"})
#: A venue that withdrew (退出) and whose agreement was terminated.
WITHDRAWN_KEYS = frozenset({"V044"})
#: The 6th venue of each subdistrict is not in the register yet: it is applying.
APPLICANT_INDEX = 5
#: The state each subdistrict's applicant has reached, JD01 … JD12.
A = ApplicationState
APPLICANT_STATES = (
    A.DRAFT, A.SUBMITTED, A.SUBDISTRICT_APPROVED, A.BUREAU_APPROVED, A.RETURNED, A.REJECTED,
    A.SUBMITTED, A.SUBDISTRICT_APPROVED, A.BUREAU_APPROVED, A.RETURNED, A.REJECTED, A.DRAFT,
)
#: The demo's comments, reasons and names below are stored data (in Chinese, as entered).
DEMO = "演示数据"
OPERATOR = ("上海嘉动体育科技有限公司", "91310114MA1G8J2K35", "上海市嘉定区叶城路1288号", "陈志远")
#: The bureau's address and representative (the migration seeds only its name and code; an
#: agreement is not generated while they are empty).
BUREAU_ADDRESS, BUREAU_REPRESENTATIVE = "上海市嘉定区博乐路118号", "周卫国"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: Role
    subdistrict: str | None


@dataclass
class DemoReport:
    venues_created: int = 0
    venues_existing: int = 0
    users_existing: int = 0
    calls_created: int = 0
    applications_created: int = 0
    agreements_created: int = 0
    batches_created: int = 0
    vouchers_created: int = 0
    vouchers_flagged: dict[str, int] = field(default_factory=dict)
    settlements_created: int = 0
    inspections_created: int = 0
    warnings: int = 0
    new_logins: list[DemoLogin] = field(default_factory=list)

    def summary(self) -> Text:
        return _("演示数据：新建场馆 {venues} 个（已有 {venues_existing} 个），"
                 "新建用户 {users} 个（已有 {users_existing} 个），"
                 "招募公告 {calls} 个，自荐申请 {applications} 个，三方协议 {agreements} 份",
                 venues=self.venues_created, venues_existing=self.venues_existing,
                 users=len(self.new_logins), users_existing=self.users_existing,
                 calls=self.calls_created, applications=self.applications_created,
                 agreements=self.agreements_created)

    def voucher_summary(self) -> Text:
        return _("发放批次：新建 {batches} 个；消费券：新增 {vouchers} 张，规则标记 {flags} 个；"
                 "月度结算：新建 {settlements} 个；巡查记录：新建 {inspections} 条；"
                 "预警 {warnings} 条",
                 batches=self.batches_created, vouchers=self.vouchers_created,
                 flags=sum(self.vouchers_flagged.values()),
                 settlements=self.settlements_created, inspections=self.inspections_created,
                 warnings=self.warnings)


def _applicant_keys() -> set[str]:
    by_subdistrict: dict[str, list[str]] = {}
    for v in demo_catalog.VENUES:
        by_subdistrict.setdefault(v.subdistrict_code, []).append(v.key)
    return {keys[APPLICANT_INDEX] for keys in by_subdistrict.values()
            if len(keys) > APPLICANT_INDEX}


def load_demo_district(session: Session, actor: Actor, *,
                       vouchers: int = demo_vouchers.DEFAULT_VOUCHERS,
                       key: bytes | None = None) -> DemoReport:
    """The demo district, with the programme year's batches and about ``vouchers`` vouchers
    (0: neither; see :mod:`.vouchers`, which also says how ``key`` is chosen when None)."""
    require(actor, Action.LOAD_DEMO)
    if vouchers < 0:
        raise InvalidInput(_("消费券数量不能为负数"))
    report = DemoReport()
    by_code = {s.code: s for s in session.scalars(select(Subdistrict)).all()}
    missing = [s.code for s in demo_catalog.SUBDISTRICTS if s.code not in by_code]
    if missing:
        raise InvalidInput(_("数据库缺少街镇 {codes}，请先运行 jd-admin db upgrade",
                             codes=", ".join(missing)))
    today = clock.today()
    _load_users(session, actor, by_code, report)
    _load_parties(session, actor)
    bureau = actor_for_username(session, "bureau1")
    _load_venues(session, bureau, by_code, today, report)
    closed_call, open_call = _load_calls(session, bureau, today, report)
    _load_agreements(session, bureau, today, report)
    _load_applications(session, bureau, open_call, report)
    del closed_call
    loaded = demo_vouchers.load_demo_vouchers(session, vouchers, key=key)
    report.batches_created = loaded.batches_created
    if loaded.summary is not None:
        report.vouchers_created = loaded.summary.inserted
        report.vouchers_flagged = loaded.summary.flagged
    report.inspections_created = demo_inspections.load_demo_inspections(session)
    if vouchers:  # the scan ran with the import: the bureau's steps on what it found
        report.warnings = demo_warnings.load_demo_warnings(session)
    if vouchers:  # a month in every state (and an adjustment), through the real steps
        report.settlements_created = demo_settlements.load_demo_settlements(session)
        statistics.after_settlement_step(session, bureau)  # the dashboard's settled figures
    return report


def _load_users(session: Session, actor: Actor, by_code: dict[str, Subdistrict],
                report: DemoReport) -> None:
    existing = set(session.scalars(select(AppUser.username)).all())
    for u in demo_catalog.DEMO_USERS:
        if u.username in existing:
            report.users_existing += 1
            continue
        subdistrict = by_code[u.subdistrict_code].name if u.subdistrict_code else None
        password = passwords.generate_password()
        users.create_user(session, actor, u.username, u.full_name, u.role, password, subdistrict,
                          must_change_password=False)
        report.new_logins.append(DemoLogin(u.username, password, Role(u.role), subdistrict))


def _load_parties(session: Session, actor: Actor) -> None:
    if session.get(PartySetting, "operator") is None:
        name, code, address, representative = OPERATOR
        agreements.set_party(session, actor, "operator", name, code, address, representative)
    bureau = session.get(PartySetting, "bureau")
    if bureau is not None and not (bureau.address.strip() and bureau.representative.strip()):
        agreements.set_party(session, actor, "bureau", bureau.name, bureau.credit_code,
                             bureau.address.strip() or BUREAU_ADDRESS,
                             bureau.representative.strip() or BUREAU_REPRESENTATIVE,
                             expected_version=bureau.version)


def _load_venues(session: Session, bureau: Actor, by_code: dict[str, Subdistrict], today: dt.date,
                 report: DemoReport) -> None:
    existing_codes = set(session.scalars(select(Venue.credit_code)).all())
    applicants = _applicant_keys()
    designated_since = clock.start_of_day(today - dt.timedelta(days=320))
    for v in demo_catalog.VENUES:
        if v.key in applicants:
            continue
        if v.credit_code in existing_codes:
            report.venues_existing += 1
            continue
        venue = Venue(
            name=v.name, venue_type=v.venue_type, subdistrict_id=by_code[v.subdistrict_code].id,
            address=v.address, credit_code=v.credit_code,
            legal_representative=v.legal_representative, contact_name=v.contact_name,
            contact_mobile=v.contact_mobile, opening_hours=v.opening_hours, capacity=v.capacity,
            longitude=v.lon, latitude=v.lat,
            bank_name="上海农商银行嘉定支行", bank_account_name=v.legal_entity or v.name,
            bank_account_number=f"5005{v.credit_code[-12:-1].translate(_DIGITS)}{v.key[1:]}",
            sports=[VenueSport(sport=sport, list_price=price) for sport, price in v.sports],
            coaches=[VenueCoach(name=c.name, qualification=c.qualification,
                                certificate_number=c.certificate_number)
                     for c in _coaches(v)],
        )
        register.designate(session, bureau, venue, "2025 年度招募审定通过（演示数据）",
                           at=designated_since)
        if v.key in SUSPENDED_KEYS:  # withdrawals follow the venue's agreement: _withdraw
            _change_status(session, bureau, venue, VenueState.SUSPENDED,
                           "巡查发现价格公示与实际不符，暂停待整改", today)
        report.venues_created += 1


def _change_status(session: Session, bureau: Actor, venue: Venue, target: VenueState,
                   reason: str, today: dt.date) -> None:
    """The venue workflow's step, entered in the register's history 40 days ago."""
    register.note_status(venue, bureau, reason,
                         at=clock.start_of_day(today - dt.timedelta(days=40)))
    workflow.apply(session, bureau, VENUE_WORKFLOW, venue, target, reason)


_DIGITS = str.maketrans("ABCDEFGHJKLMNPQRTUWXY", "012345678901234567890")


def _load_calls(session: Session, bureau: Actor, today: dt.date,
                report: DemoReport) -> tuple[int, int]:
    calls = [
        (f"{today.year - 1}年度嘉定区体育消费券定点场馆招募公告",
         today - dt.timedelta(days=400), today - dt.timedelta(days=340), CallState.CLOSED),
        (f"{today.year}年度嘉定区体育消费券定点场馆补充招募公告",
         today - dt.timedelta(days=20), today + dt.timedelta(days=40), CallState.PUBLISHED),
        (f"{today.year + 1}年度嘉定区体育消费券定点场馆招募公告（草稿）",
         today + dt.timedelta(days=60), today + dt.timedelta(days=120), CallState.DRAFT),
    ]
    ids: list[int] = []
    for title, start, end, state in calls:
        found = session.scalar(select(RecruitmentCall.id).where(RecruitmentCall.title == title))
        if found is not None:
            ids.append(found)
            continue
        call_id = recruitment.create_call(session, bureau, recruitment.CallInput(
            title=title, open_date=start, close_date=end, venue_types=("public", "commercial"),
            sports=demo_catalog.SPORTS[:10],
            conditions=("1. 在嘉定区内依法登记注册，具有独立法人资格；\n"
                        "2. 场地设施符合安全标准，配备持证教练和救护人员；\n"
                        "3. 近两年无重大安全事故和不良信用记录；\n"
                        "4. 承诺执行消费券使用规则，保持挂牌价稳定。"),
            required_documents=("营业执照或事业单位法人证书\n场馆照片（外景、内景各不少于2张）\n"
                                "价目表\n教练资格证书\n安全与防疫措施说明"),
        ))
        if state in (CallState.PUBLISHED, CallState.CLOSED):
            recruitment.set_call_status(session, bureau, call_id, CallState.PUBLISHED)
        if state is CallState.CLOSED:
            recruitment.set_call_status(session, bureau, call_id, CallState.CLOSED)
        ids.append(call_id)
        report.calls_created += 1
    return ids[0], ids[1]


def _load_agreements(session: Session, bureau: Actor, today: dt.date, report: DemoReport) -> None:
    """Agreements for the register's venues: most in force, some ending within 30 days, some
    renewed (the old one expired), one terminated (its venue then withdrew)."""
    with_agreement = set(session.scalars(select(Agreement.venue_id)).all())
    venues = session.scalars(select(Venue).order_by(Venue.id)).all()
    keys = {v.credit_code: v.key for v in demo_catalog.VENUES}
    for i, venue in enumerate(venues):
        key = keys.get(venue.credit_code)
        if key is None or venue.id in with_agreement:
            continue
        if key in WITHDRAWN_KEYS:
            start = today - dt.timedelta(days=300)
            a = _signed(session, bureau, venue, start, agreements.default_term(start))
            # terminate() refuses a day in the past (the UI's rule); the demo's was 40 days ago
            a.terminated_on = today - dt.timedelta(days=40)
            a.termination_reason = "场馆停业，三方协商一致提前终止"
            workflow.apply(session, bureau, AGREEMENT_WORKFLOW, a, AgreementState.TERMINATED,
                           a.termination_reason)
            _change_status(session, bureau, venue, VenueState.WITHDRAWN, "场馆停业，退出定点",
                           today)
        elif i % 10 == 3:  # renewed: last year's expired (below), this year's in force
            old_start = today - dt.timedelta(days=690)
            old = _signed(session, bureau, venue, old_start, agreements.default_term(old_start))
            start = old.end_date + dt.timedelta(days=1)
            _signed(session, bureau, venue, start, agreements.default_term(start), renews=old)
            report.agreements_created += 1
        elif i % 10 == 7:  # ends within 30 days
            start = today - dt.timedelta(days=345)
            _signed(session, bureau, venue, start, agreements.default_term(start))
        else:
            start = today - dt.timedelta(days=300 - (i % 20))
            _signed(session, bureau, venue, start, agreements.default_term(start))
        report.agreements_created += 1
    if report.agreements_created:
        agreements.expire_due(session, bureau, today)  # last year's, renewed above


def _signed(session: Session, bureau: Actor, venue: Venue, start: dt.date, end: dt.date,
            renews: Agreement | None = None) -> Agreement:
    """A demo agreement generated 25 days before ``start``, sent, signed by all three parties,
    scanned and in force from ``start``: every step through the agreement services."""
    generated = start - dt.timedelta(days=25)
    a = agreements.new_agreement(session, bureau, venue, None, start, end, renews,
                                 generated_on=generated)
    a.created_at = clock.start_of_day(generated)
    agreements.send_for_signature(session, bureau, a.id)
    a.sent_for_signature_at = clock.start_of_day(generated + dt.timedelta(days=2))
    agreements.record_signatures(session, bureau, a.id, bureau_on=start - dt.timedelta(days=12),
                                 venue_on=start - dt.timedelta(days=15),
                                 operator_on=start - dt.timedelta(days=10))
    agreements.attach_signed_scan(session, bureau, a.id, f"{a.number}-签署件.pdf",
                                  placeholder_pdf(f"三方合作协议 {a.number}（签署件，演示）"))
    agreements.put_in_force(session, bureau, a.id)
    return a


def _coaches(v: demo_catalog.DemoVenue) -> tuple[Coach, ...]:
    """A demo venue's coaches: as filed with its application (or, for the venues entered in
    the register directly, as if they had been)."""
    return (Coach(v.contact_name, "社会体育指导员（二级）", f"SZ{v.credit_code[-8:]}"),)


def _load_applications(session: Session, bureau: Actor, call_id: int, report: DemoReport) -> None:
    applicants = _applicant_keys()
    existing = set(session.scalars(select(Application.credit_code)).all())
    states = dict(zip(sorted(s.code for s in demo_catalog.SUBDISTRICTS), APPLICANT_STATES,
                      strict=True))
    for v in demo_catalog.VENUES:
        if v.key not in applicants or v.credit_code in existing:
            continue
        clerk = actor_for_username(session, f"jd{v.subdistrict_code[2:]}")
        app_id = recruitment.create_application(session, clerk, call_id, ApplicationInput(
            venue_name=v.name, venue_type=v.venue_type, address=v.address,
            credit_code=v.credit_code,
            legal_representative=v.legal_representative, contact_name=v.contact_name,
            contact_mobile=v.contact_mobile, opening_hours=v.opening_hours, capacity=v.capacity,
            sports=tuple(SportPrice(s, p) for s, p in v.sports),
            coaches=_coaches(v),
            bank_name="上海银行嘉定支行", bank_account_name=v.legal_entity or v.name,
            bank_account_number=f"3166{v.credit_code[-12:-1].translate(_DIGITS)}",
            safety_measures="配备 AED 与急救箱，救护人员持证上岗；每日消毒通风，公示安全须知。",
            longitude=v.lon, latitude=v.lat,
        ))
        licence = placeholder_pdf(f"营业执照（演示）\n{v.legal_entity or v.name}\n{v.credit_code}")
        recruitment.add_attachment(session, clerk, app_id, "business_licence", "营业执照.pdf",
                                   licence)
        report.applications_created += 1
        _advance(session, clerk, bureau, app_id, states[v.subdistrict_code])


def _advance(session: Session, clerk: Actor, bureau: Actor, app_id: int,
             goal: ApplicationState) -> None:
    submit = (clerk, A.SUBMITTED, None)
    steps: dict[ApplicationState, list[tuple[Actor, ApplicationState, str | None]]] = {
        A.DRAFT: [],
        A.SUBMITTED: [submit],
        A.SUBDISTRICT_APPROVED: [
            submit, (clerk, A.SUBDISTRICT_APPROVED, "材料齐全，场地设施符合要求，同意推荐。")],
        A.BUREAU_APPROVED: [
            submit, (clerk, A.SUBDISTRICT_APPROVED, "经实地查看，符合定点场馆条件，同意推荐。"),
            (bureau, A.BUREAU_APPROVED, "审定通过，请办理三方协议。")],
        A.RETURNED: [submit, (clerk, A.RETURNED, "价目表未加盖公章，请补充后重新提交。")],
        A.REJECTED: [submit, (clerk, A.REJECTED, "场馆消防验收未通过，暂不符合条件。")],
    }
    for who, target, comment in steps[goal]:
        recruitment.transition(session, who, app_id, target, comment)
    if goal is A.BUREAU_APPROVED:
        agreement_id = agreements.generate_from_application(session, bureau, app_id, clock.today())
        if app_id % 2:
            agreements.send_for_signature(session, bureau, agreement_id)
            sent = session.get(Agreement, agreement_id)
            assert sent is not None
            sent.sent_for_signature_at = utcnow() - dt.timedelta(days=20)

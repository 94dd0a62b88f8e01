"""Verifying a warning and deciding it (预警核查与处理), and the warning filed by hand.

open → verifying: a member of the bureau's staff starts the verification and names the
verifier (itself or a colleague; :func:`start`, :func:`reassign`). verifying → closed as
normal | closed as violation (:func:`close`), with the finding. Closing as a violation decides:

- the warning's vouchers are deducted — never paid (services/settlement/selection.py leaves
  them out for good, with the reason on the venue's statement); vouchers a verified settlement
  paid already are counted in the decision, to be recovered by an adjustment;
- optionally a rectification: an inspection of the venue is planned (the inspection module;
  a failed inspection issues the rectification order);
- optionally the venue's suspension (暂停定点), with the reason.

Closing as normal releases the vouchers: paid in the next settlement generated (carried over
when their month is settled by then).

:func:`file_warning`: the platform operator's own monitoring (or the bureau, on a complaint)
files a warning by hand with its evidence and, where known, the vouchers concerned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput, NotFound, PermissionDenied
from jd_admin.domain.permissions import Action
from jd_admin.domain.register import VenueState
from jd_admin.domain.roles import Role
from jd_admin.domain.settlement import FROZEN
from jd_admin.domain.text import _
from jd_admin.domain.warnings import HAND_FILED, WARNING_WORKFLOW, WarningState
from jd_admin.models import (
    AppUser,
    Settlement,
    Venue,
    VenueWarning,
    Voucher,
    WarningVoucher,
)
from jd_admin.models.base import utcnow
from jd_admin.services import audit, clock, workflow
from jd_admin.services.actor import Actor, require
from jd_admin.services.dberrors import guard_errors
from jd_admin.services.inspections import plans
from jd_admin.services.register import status as venue_status

WS = WarningState

#: The warning guard's SQLSTATE (migration 0027) beyond those ``user_errors`` knows.
_GUARDS = {"JD422": InvalidInput, "42501": PermissionDenied}

#: Who may verify warnings: an active account of the bureau's staff.
VERIFIER = (AppUser.role == Role.BUREAU_STAFF.value, AppUser.is_active)

#: Most vouchers a warning filed by hand may list (the rest: by the scan's signals).
MAX_FILED_VOUCHERS = 500


@contextmanager
def warning_errors() -> Iterator[None]:
    with guard_errors(_GUARDS):
        yield


def verifiers(session: Session) -> list[tuple[str, str]]:
    """(username, full name) of who may verify warnings, by name."""
    return [(u, n) for u, n in session.execute(
        select(AppUser.username, AppUser.full_name).where(*VERIFIER)
        .order_by(AppUser.full_name, AppUser.username))]


def _check_verifier(session: Session, username: str) -> None:
    if session.scalar(select(AppUser.id).where(AppUser.username == username,
                                               *VERIFIER)) is None:
        raise InvalidInput(_("“{name}”不是在用的区体育局经办人账户，不能核查预警",
                             name=username))


def _load(session: Session, warning_id: int, expected_version: int | None) -> VenueWarning:
    warning = session.get(VenueWarning, warning_id, with_for_update=True)
    if warning is None:
        raise NotFound(_("没有编号为 {id} 的预警", id=warning_id))
    workflow.expect_version(warning, expected_version, _("预警 {id}", id=warning_id))
    return warning


def start(session: Session, actor: Actor, warning_id: int, assignee: str,
          expected_version: int | None = None) -> None:
    """open → verifying, ``assignee`` (a member of the bureau's staff) verifies."""
    require(actor, Action.VERIFY_WARNINGS)
    warning = _load(session, warning_id, expected_version)
    _check_verifier(session, assignee)
    warning.assigned_to, warning.started_at = assignee, utcnow()
    with warning_errors():
        workflow.apply(session, actor, WARNING_WORKFLOW, warning, WS.VERIFYING.value, None,
                       details={"assigned_to": assignee})


def reassign(session: Session, actor: Actor, warning_id: int, assignee: str, reason: str,
             expected_version: int | None = None) -> None:
    """Another verifier for a warning under verification, with the reason."""
    require(actor, Action.VERIFY_WARNINGS)
    warning = _load(session, warning_id, expected_version)
    if warning.status != WS.VERIFYING.value:
        raise InvalidInput(_("预警 {id} 不在核查中，不能改派核查人", id=warning_id))
    if not reason.strip():
        raise InvalidInput(_("请填写改派核查人的原因"))
    _check_verifier(session, assignee)
    before = warning.assigned_to
    warning.assigned_to = assignee
    with warning_errors():
        session.flush()
    audit.record(session, actor, "venue_warning", warning.id, _("改派核查人"),
                 comment=reason.strip(), details={"from": before, "to": assignee})


@dataclass(frozen=True)
class Decision:
    """How a verification ends. ``violation`` False: closed as normal (the vouchers are
    released); True: closed as a violation (the vouchers are deducted), optionally with a
    rectification inspection (``rectify_inspector`` by ``rectify_due``) and the venue's
    suspension (``suspend_reason``)."""

    violation: bool
    finding: str
    rectify_inspector: str | None = None
    rectify_due: dt.date | None = None
    suspend_reason: str | None = None


@dataclass(frozen=True)
class Closed:
    warning_id: int
    status: str
    vouchers: int  # the vouchers the warning concerns
    already_paid: int  # of them, paid by a verified settlement before the decision
    already_paid_subsidy: Decimal
    rectification_plan_id: int | None
    suspended: bool
    decision: str


def _already_paid(session: Session, warning_id: int) -> tuple[int, int, Decimal]:
    """(vouchers, of them paid by a frozen settlement, their subsidy)."""
    v, wv = Voucher, WarningVoucher
    paid_by = v.settlement_id.in_(select(Settlement.id).where(Settlement.status.in_(FROZEN)))
    total, paid, subsidy = session.execute(
        select(func.count(), func.count().filter(paid_by),
               func.coalesce(func.sum(v.subsidy).filter(paid_by), 0))
        .select_from(wv).join(v, v.id == wv.voucher_id)
        .where(wv.warning_id == warning_id)).one()
    return int(total), int(paid), Decimal(subsidy)


def close(session: Session, actor: Actor, warning_id: int, decision: Decision,
          expected_version: int | None = None, *, today: dt.date | None = None) -> Closed:
    """verifying → closed as normal or as a violation, with the finding and the decision."""
    require(actor, Action.VERIFY_WARNINGS)
    finding = decision.finding.strip()
    if not finding:
        raise InvalidInput(_("请填写核查结论"))
    warning = _load(session, warning_id, expected_version)
    if warning.status == WS.OPEN.value:
        raise InvalidInput(_("预警 {id} 尚未开始核查，须先开始核查才能结案", id=warning_id))
    workflow.check(actor, WARNING_WORKFLOW, warning.status,
                   (WS.CLOSED_VIOLATION if decision.violation else WS.CLOSED_NORMAL).value,
                   finding)
    rectify = decision.rectify_inspector is not None
    suspend = (decision.suspend_reason or "").strip()
    if not decision.violation and (rectify or decision.suspend_reason is not None):
        raise InvalidInput(_("核查正常的预警不能责令整改或暂停场馆"))
    if decision.suspend_reason is not None and not suspend:
        raise InvalidInput(_("请填写暂停场馆定点资格的原因"))
    if rectify and decision.rectify_due is None:
        raise InvalidInput(_("请填写整改核查的完成期限"))
    venue = session.get(Venue, warning.venue_id)
    assert venue is not None
    if suspend and venue.status != VenueState.DESIGNATED.value:
        raise InvalidInput(_("场馆“{name}”当前为“{state}”，不能暂停", name=venue.name,
                             state=VenueState.label_of(venue.status)))
    total, paid, paid_subsidy = _already_paid(session, warning.id)
    parts: list[str] = []
    plan_id: int | None = None
    if decision.violation:
        parts.append(str(_("所涉消费券 {n} 张不予结算", n=total)))
        if paid:
            parts.append(str(_(
                "其中 {n} 张已在核定的结算中支付（补贴 {amount} 元），须以调整行扣回",
                n=paid, amount=f"{paid_subsidy:.2f}")))
        if rectify:
            assert decision.rectify_inspector is not None and decision.rectify_due is not None
            plan_id = plans.create_plan(
                session, actor, str(_("预警整改核查：{venue}", venue=venue.name)),
                [venue.id], decision.rectify_inspector, decision.rectify_due,
                note=str(_("预警 {id}：{finding}", id=warning.id, finding=finding)),
                today=today)
            parts.append(str(_("责令整改，安排巡查员 {who} 于 {due} 前复查",
                               who=decision.rectify_inspector,
                               due=decision.rectify_due.isoformat())))
        if suspend:
            venue_status.change_status(session, actor, venue.id, VenueState.SUSPENDED.value,
                                       str(_("预警 {id} 确认违规：{reason}", id=warning.id,
                                             reason=suspend)))
            parts.append(str(_("暂停定点资格：{reason}", reason=suspend)))
    text = "；".join(parts) if decision.violation else None
    target = WS.CLOSED_VIOLATION if decision.violation else WS.CLOSED_NORMAL
    warning.finding = finding
    warning.decision = text
    warning.rectification_plan_id = plan_id
    warning.venue_suspended = bool(suspend)
    warning.closed_by, warning.closed_at = actor.username, utcnow()
    with warning_errors():
        workflow.apply(session, actor, WARNING_WORKFLOW, warning, target.value, finding,
                       details={"vouchers": total, "already_paid": paid,
                                "decision": text, "rectification_plan": plan_id,
                                "suspended": bool(suspend)})
    return Closed(warning.id, target.value, total, paid, paid_subsidy, plan_id, bool(suspend),
                  text or "")


def file_warning(session: Session, actor: Actor, venue_id: int, day: dt.date,
                 explanation: str, evidence: str, *, period_end: dt.date | None = None,
                 voucher_codes: Sequence[str] = (), today: dt.date | None = None) -> int:
    """A warning filed by hand (平台上报): the venue, the day (or period), what was seen
    (``explanation``), the evidence, and the vouchers concerned by their codes (each must be
    redeemed at the venue within the period). Its id."""
    require(actor, Action.FILE_WARNINGS)
    today = today or clock.today()
    explanation, evidence = explanation.strip(), evidence.strip()
    if not explanation:
        raise InvalidInput(_("请填写预警说明（发现了什么）"))
    if not evidence:
        raise InvalidInput(_("请填写证据（数据来源、截图或记录的说明）"))
    if day > today:
        raise InvalidInput(_("预警日期 {day} 晚于今天", day=day.isoformat()))
    last = period_end or day
    if last < day:
        raise InvalidInput(_("预警期间的结束日期不能早于开始日期"))
    if last > today:
        raise InvalidInput(_("预警期间的结束日期 {day} 晚于今天", day=last.isoformat()))
    if session.get(Venue, venue_id) is None:
        raise InvalidInput(_("场馆不存在"))
    codes = list(dict.fromkeys(c.strip() for c in voucher_codes if c.strip()))
    if len(codes) > MAX_FILED_VOUCHERS:
        raise InvalidInput(_("一次上报最多列出 {n} 张消费券", n=MAX_FILED_VOUCHERS))
    found: dict[str, tuple[int, int | None, dt.date | None]] = {
        code: (vid, vnue, use_day) for code, vid, vnue, use_day in session.execute(
            select(Voucher.code, Voucher.id, Voucher.venue_id, Voucher.use_day)
            .where(Voucher.code.in_(codes)))} if codes else {}
    for n, code in enumerate(codes, start=1):
        if code not in found:
            raise InvalidInput(_("第 {n} 张券“{code}”不存在", n=n, code=code))
        _vid, at_venue, use_day = found[code]
        if at_venue != venue_id or use_day is None or not day <= use_day <= last:
            raise InvalidInput(_("第 {n} 张券“{code}”不是该场馆在预警期间核销的券", n=n,
                                 code=code))
    same = session.scalar(select(VenueWarning.id).where(
        VenueWarning.venue_id == venue_id, VenueWarning.signal == HAND_FILED.value,
        VenueWarning.day == day))
    if same is not None:
        raise InvalidInput(_("该场馆在 {day} 已有人工上报的预警（编号 {id}），请在其上补充",
                             day=day.isoformat(), id=same))
    warning = VenueWarning(venue_id=venue_id, signal=HAND_FILED.value, day=day,
                           period_end=period_end, explanation=explanation, evidence=evidence,
                           figures={"vouchers": len(codes)}, created_by=actor.username)
    session.add(warning)
    with warning_errors():
        session.flush()
        if codes:
            session.execute(insert(WarningVoucher), [
                {"warning_id": warning.id, "voucher_id": found[c][0]} for c in codes])
    audit.record(session, actor, "venue_warning", warning.id, _("上报预警"),
                 to_state=WS.OPEN.value, comment=explanation,
                 details={"vouchers": len(codes), "day": day.isoformat(),
                          "period_end": period_end.isoformat() if period_end else None})
    return warning.id


__all__ = ["MAX_FILED_VOUCHERS", "Closed", "Decision", "close", "file_warning", "reassign",
           "start", "verifiers"]

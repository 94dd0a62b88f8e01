"""The demo year's early warnings (演示预警): two cash-out episodes, and what the bureau did.

A cash-out episode (套现) is what the warning signals exist for: one evening, a venue scans a
couple of hundred vouchers claimed that morning by as many different citizens, seconds apart,
after closing time, each order just above the voucher's minimum order. :data:`EPISODES` are
written into the demo operator file (:func:`episode_rows`, by :mod:`.vouchers`) so the real
import and its warning scan find them like any other data.

:func:`load_demo_warnings` then takes the bureau's real steps: the older episode's warnings
verified and closed as a violation (its vouchers never paid — the month's settlement lists
them so — and a rectification inspection planned for the venue); the newer episode's daily-use
warning under verification by ``bureau1`` (its vouchers held out of the draft settlement),
its other warnings open; a warning filed by hand by the operator (``operator1``) after a
citizen's complaint; one warning of the ordinary data closed as normal. Idempotent: only when
no warning has been taken up yet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jd_admin.domain.settlement import ended_months
from jd_admin.domain.warnings import HAND_FILED, Signal, WarningState
from jd_admin.models import Venue, VenueWarning, Voucher
from jd_admin.services import clock, warnings
from jd_admin.services.actor import actor_for_username
from jd_admin.services.vouchers import rules
from jd_admin.services.warnings import Decision

BUREAU_USER = "bureau1"
OPERATOR_USER = "operator1"
INSPECTOR_USER = "inspector1"
FINDING = ("调取场馆监控并电话回访 12 名市民：当晚场馆已闭馆，市民均未到场消费；"
           "场馆负责人承认以“返现”方式收集市民消费券集中核销")


@dataclass(frozen=True)
class Episode:
    months_back: int  # 1: the last ended month, 2: the one before
    day: int  # of that month
    venue: int  # index into the redeemable demo venues
    vouchers: int
    first_scan: str  # local time of the first redemption, HH:MM
    seconds_apart: int
    face: int  # yuan


EPISODES = (
    Episode(months_back=2, day=16, venue=2, vouchers=226, first_scan="21:32",
            seconds_apart=14, face=20),
    Episode(months_back=1, day=19, venue=5, vouchers=238, first_scan="21:47",
            seconds_apart=12, face=30),
)


def episode_day(episode: Episode, today: dt.date) -> dt.date:
    month = ended_months(today, episode.months_back)[episode.months_back - 1]
    return month.replace(day=episode.day)


def episode_rows(session: Session, venues: list[tuple[str, str, str, int]], start: dt.date,
                 today: dt.date) -> list[tuple[str, ...]]:
    """The operator file's rows of the episodes that fall between ``start`` and ``today``
    (``venues``: the redeemable demo venues as :mod:`.vouchers` lists them)."""
    min_order = {int(f.face_value): f.min_order for f in rules.face_tables(session)[-1].rows}
    out: list[tuple[str, ...]] = []
    for n, e in enumerate(EPISODES, start=1):
        day = episode_day(e, today)
        if day < start or day >= today or e.venue >= len(venues):
            continue
        credit_code, _name, sport, _price = venues[e.venue]
        first = dt.datetime.combine(day, dt.time.fromisoformat(e.first_scan))
        order = min_order[e.face] + Decimal("0.50")
        for i in range(e.vouchers):
            claimed = dt.datetime.combine(day, dt.time(8, 30)) + dt.timedelta(seconds=97 * i)
            scanned = first + dt.timedelta(seconds=e.seconds_apart * i)
            out.append((f"JD{day.year}W{n}{i:05d}", f"{day.year}-{day.month:02d}", str(e.face),
                        f"1990{n}{i:06d}", "", claimed.strftime("%Y-%m-%d %H:%M:%S"),
                        scanned.strftime("%Y-%m-%d %H:%M:%S"), credit_code, sport,
                        f"{order:.2f}", f"{order - e.face:.2f}"))
    return out


def _episode_warnings(session: Session, episode: Episode, today: dt.date) -> list[VenueWarning]:
    """The warnings the scan raised on the episode's venue and day, the daily-use one first."""
    day = episode_day(episode, today)
    venue_id = session.scalar(select(Voucher.venue_id).where(
        Voucher.code == f"JD{day.year}W{EPISODES.index(episode) + 1}00000"))
    if venue_id is None:
        return []
    found = list(session.scalars(select(VenueWarning).where(
        VenueWarning.venue_id == venue_id, VenueWarning.day <= day,
        func.coalesce(VenueWarning.period_end, VenueWarning.day) >= day,
        VenueWarning.signal != HAND_FILED.value).order_by(VenueWarning.id)))
    return sorted(found, key=lambda w: w.signal != Signal.DAILY_ABOVE_LINE.value)


def load_demo_warnings(session: Session) -> int:
    """Take the bureau's steps on the demo warnings; the number of warnings there are."""
    taken_up = session.scalar(select(func.count()).select_from(VenueWarning).where(
        VenueWarning.status != WarningState.OPEN.value))
    if taken_up:
        return 0
    today = clock.today()
    bureau = actor_for_username(session, BUREAU_USER)
    older = _episode_warnings(session, EPISODES[0], today)
    for n, w in enumerate(older):
        warnings.start(session, bureau, w.id, BUREAU_USER)
        if n == 0:
            decision = Decision(True, FINDING, rectify_inspector=INSPECTOR_USER,
                                rectify_due=today + dt.timedelta(days=14))
        else:
            decision = Decision(True, f"与预警 {older[0].id} 为同一事件，结论见该预警")
        warnings.close(session, bureau, w.id, decision)
    newer = _episode_warnings(session, EPISODES[1], today)
    if newer:
        warnings.start(session, bureau, newer[0].id, BUREAU_USER)
    _file_complaint(session, today)
    ordinary = session.scalars(select(VenueWarning).where(
        VenueWarning.status == WarningState.OPEN.value,
        VenueWarning.id.not_in([w.id for w in older + newer]),
        VenueWarning.signal != HAND_FILED.value).order_by(VenueWarning.day).limit(1)).first()
    if ordinary is not None:
        warnings.start(session, bureau, ordinary.id, BUREAU_USER)
        warnings.close(session, bureau, ordinary.id, Decision(
            False, "核对场馆当日团体课签到表与订单，系学校包场活动，消费真实"))
    return int(session.scalar(select(func.count()).select_from(VenueWarning)) or 0)


def _file_complaint(session: Session, today: dt.date) -> None:
    """The operator files a warning by hand: a citizen's complaint about one venue-day."""
    month = ended_months(today, 1)[0]
    day = month.replace(day=24)
    venue_id = session.scalar(
        select(Voucher.venue_id).join(Venue, Venue.id == Voucher.venue_id)
        .where(Voucher.use_day == day, Voucher.code.not_like("JD%W%"))
        .group_by(Voucher.venue_id).order_by(func.count().desc(), Voucher.venue_id).limit(1))
    if venue_id is None:
        return
    codes = list(session.scalars(select(Voucher.code).where(
        Voucher.venue_id == venue_id, Voucher.use_day == day).order_by(Voucher.code).limit(3)))
    operator = actor_for_username(session, OPERATOR_USER)
    warnings.file_warning(
        session, operator, venue_id, day,
        "市民投诉：场馆前台要求先核销消费券再安排场地，当日实际未提供服务",
        "12345 市民服务热线工单转办；平台客服通话录音 2 段；投诉人提供的核销记录截图",
        voucher_codes=codes, today=today)


__all__ = ["EPISODES", "episode_rows", "load_demo_warnings"]

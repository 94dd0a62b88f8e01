"""Plain data of the periodic evaluation report (体育消费券实施效果评估报告), gathered by
services/statistics/evaluation.py (no queries here) and laid out by
:mod:`jd_admin.reports.evaluation` (PDF) and :mod:`jd_admin.reports.evaluation_xlsx`.
Labels in Chinese; money as Decimal yuan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


def ratio(numerator: Decimal | int, denominator: Decimal | int,
          places: str = "0.01") -> Decimal | None:
    """``numerator ÷ denominator`` rounded half up to ``places``; None when dividing by 0."""
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal(places), ROUND_HALF_UP)


@dataclass(frozen=True)
class Headline:
    """The main figures of one period (主要指标)."""

    claims: int  # vouchers claimed in the period (领取张数)
    claims_redeemed: int  # of those, redeemed by the time of the report
    redemptions: int  # vouchers redeemed in the period (核销张数 = 人次)
    expired_unused: int  # vouchers whose validity ended in the period unused (过期未用)
    subsidy: Decimal  # government subsidy of the vouchers redeemed (政府补贴)
    face_total: Decimal  # their face value (券面值)
    consumption: Decimal  # their order amounts (带动消费)
    citizens: int  # distinct citizens who redeemed (参与人数)
    venues: int  # venues with a redemption (参与场馆)

    @property
    def redemption_rate(self) -> Decimal | None:
        """Redeemed ÷ claimed of the vouchers claimed in the period (a share, 0.0001)."""
        return ratio(self.claims_redeemed, self.claims, "0.0001")

    @property
    def leverage(self) -> Decimal | None:
        """Consumption ÷ government subsidy (the city's 拉动比: 9,104 ÷ 2,981 = 3.1×)."""
        return ratio(self.consumption, self.subsidy)

    @property
    def leverage_face(self) -> Decimal | None:
        """Consumption ÷ face value (subsidy and the venues' concession together)."""
        return ratio(self.consumption, self.face_total)


@dataclass(frozen=True)
class BreakdownRow:
    """One subdistrict, sport, venue type or venue of the period's redemptions."""

    name: str
    redemptions: int
    subsidy: Decimal
    face_total: Decimal
    consumption: Decimal
    citizens: int
    venues: int

    @property
    def leverage(self) -> Decimal | None:
        return ratio(self.consumption, self.subsidy)


@dataclass(frozen=True)
class PeriodPoint:
    """One day or month of the period's chart."""

    label: str
    start: dt.date
    redemptions: int
    subsidy: Decimal
    consumption: Decimal


@dataclass(frozen=True)
class EvaluationData:
    kind: str  # 月度, 季度, 年度 or 阶段
    period_from: dt.date
    period_to: dt.date
    previous_from: dt.date
    previous_to: dt.date
    current: Headline
    previous: Headline
    series: tuple[PeriodPoint, ...]  # by day (a month or less) or by month
    series_unit: str  # 日 or 月
    subdistricts: tuple[BreakdownRow, ...]  # every subdistrict, in the register's order
    sports: tuple[BreakdownRow, ...]  # by redemptions, most first
    venue_types: tuple[BreakdownRow, ...]
    top_venues: tuple[BreakdownRow, ...]
    warnings_raised: int  # early warnings of days in the period
    warnings_open: int  # of those, not yet decided
    price_outliers: int  # venue sports whose typical order is out of line with list prices
    observations: tuple[str, ...]  # 存在问题 drawn from the figures, for the staff to complete
    printed_at: dt.datetime

    @property
    def title(self) -> str:
        return f"嘉定区体育消费券{self.kind}实施效果评估报告"

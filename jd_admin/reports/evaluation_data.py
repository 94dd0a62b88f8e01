"""Plain data of the periodic evaluation report (体育消费券实施效果评估报告), gathered by
services/statistics/evaluation.py from the statistics service (no queries here) and laid out
by :mod:`jd_admin.reports.evaluation` (PDF and .xlsx). Labels in Chinese; money as Decimal
yuan. The leverage is rounded as the service rounds it (half up, 0.01).

Leverage (拉动比): consumption ÷ face value is the basis of the city's published figure
(上海市公布口径: Shanghai, first half of 2025, ¥91.04M of consumption driven by ¥29.81M of
vouchers redeemed = 3.1×); consumption ÷ government subsidy is shown beside it (in Jiading the
face value is the subsidy plus the venue's concession)."""

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

    claims: int | None  # vouchers claimed in the period (领取张数); None: not in the scope
    claims_redeemed: int | None  # of those, redeemed by the time of the report
    redemptions: int  # vouchers redeemed in the period (核销张数 = 人次)
    expired_unused: int | None  # of the claims, unredeemed and past their validity (过期未用)
    subsidy: Decimal  # government subsidy of the vouchers redeemed (政府补贴)
    face_total: Decimal  # their face value (券面值)
    consumption: Decimal  # their order amounts (带动消费)
    citizens: int  # distinct citizens who redeemed (参与人数)
    venues: int  # venues with a redemption (参与场馆)

    @property
    def redemption_rate(self) -> Decimal | None:
        """Redeemed ÷ claimed of the vouchers claimed in the period (a share, 0.0001)."""
        if self.claims is None or self.claims_redeemed is None:
            return None
        return ratio(self.claims_redeemed, self.claims, "0.0001")

    @property
    def leverage(self) -> Decimal | None:
        """Consumption ÷ face value: the city's published basis (9,104 ÷ 2,981 = 3.1×)."""
        return ratio(self.consumption, self.face_total)

    @property
    def leverage_subsidy(self) -> Decimal | None:
        """Consumption ÷ government subsidy (the face value less the venues' concession)."""
        return ratio(self.consumption, self.subsidy)


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
        """Consumption ÷ face value (the city's basis)."""
        return ratio(self.consumption, self.face_total)

    @property
    def leverage_subsidy(self) -> Decimal | None:
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
    price_outliers: int | None  # venue sports out of line with their list prices (None: the
    # reader may not read the ledger)
    observations: tuple[str, ...]  # 存在问题 drawn from the figures, for the staff to complete
    printed_at: dt.datetime
    scope: str | None = None  # the subdistrict of a subdistrict user's report; None: district

    @property
    def title(self) -> str:
        return f"嘉定区{self.scope or ''}体育消费券{self.kind}实施效果评估报告"

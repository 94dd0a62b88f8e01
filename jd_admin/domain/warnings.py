"""Early warning (预警机制, DOMAIN.md "Early warning"): alert lines, anomaly signals and the
warning list the bureau verifies.

A venue whose voucher use in one day exceeds its alert line (警戒线), or shows another anomaly
(:class:`Signal`), goes onto the warning list: one warning per venue, signal and day, explained
in plain Chinese with the figures that fired it. The bureau's staff verify it (open → verifying)
and close it as normal or as a violation, with a finding. The platform operator also files
warnings by hand (:attr:`Signal.PLATFORM_REPORT`, its own monitoring) with its evidence.

Vouchers a warning concerns are held out of settlement while it is undecided (``UNDECIDED``);
closed as normal they are released (paid in the next open settlement, carried over when their
month is settled); closed as violation they are never paid (services/settlement/selection.py).
The bureau verifies within :data:`VERIFY_WORKING_DAYS` working days (:func:`verify_by`).

Every signal is scanned for (services/warnings/scan.py, the detectors in
services/warnings/signals.py). The daily-use signal's line is the alert line
(services/warnings/alert_lines.py); the others' lines are their parameters
(:data:`PARAMETERS`), versioned by the date from which they hold (``signal_parameter``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jd_admin.domain.codes import Coded
from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.roles import Role
from jd_admin.domain.text import Text, _, join
from jd_admin.domain.workflow import Workflow, step


class Signal(Coded):
    DAILY_ABOVE_LINE = "daily_above_line", _("超过警戒线")
    ABOVE_PATTERN = "above_pattern", _("明显高于近30天常态")
    MIN_ORDER_CLUSTER = "min_order_cluster", _("订单金额集中于起用门槛")
    REPEAT_CITIZEN = "repeat_citizen", _("同一市民频繁核销")
    OUTSIDE_HOURS = "outside_hours", _("营业时间外核销")
    ABOVE_LIST_PRICE = "above_list_price", _("订单金额高于备案价格")
    BURST = "burst", _("短时间内集中核销")
    PLATFORM_REPORT = "platform_report", _("平台上报")


#: The signals the scan looks for.
SCANNED_SIGNALS = tuple(s for s in Signal if s is not Signal.PLATFORM_REPORT)


class WarningState(Coded):
    OPEN = "open", _("待核查")
    VERIFYING = "verifying", _("核查中")
    CLOSED_NORMAL = "closed_normal", _("核查正常")
    CLOSED_VIOLATION = "closed_violation", _("确认违规")


WS = WarningState
VERIFIERS = (Role.BUREAU_STAFF,)

WARNING_WORKFLOW = Workflow("venue_warning", WarningState, WS.OPEN, [
    step(WS.OPEN, WS.VERIFYING, VERIFIERS, _("开始核查"), comment_required=False),
    step(WS.VERIFYING, WS.CLOSED_NORMAL, VERIFIERS, _("核查正常")),
    step(WS.VERIFYING, WS.CLOSED_VIOLATION, VERIFIERS, _("确认违规")),
])

#: Warnings not yet decided: their vouchers are held out of settlement.
UNDECIDED = (WS.OPEN.value, WS.VERIFYING.value)

#: Warnings filed by hand (the operator's monitoring, a complaint), never by the scan.
HAND_FILED = Signal.PLATFORM_REPORT

#: Working days the bureau has to verify a warning (from the day it was raised).
VERIFY_WORKING_DAYS = 5


def verify_by(raised: dt.date, working_days: int = VERIFY_WORKING_DAYS) -> dt.date:
    """The day verification is due: ``working_days`` working days (Monday to Friday) after
    ``raised``. Public holidays are not known to the program and count as working days."""
    day, left = raised, working_days
    while left:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


#: A venue's own alert line from its capacity (people at once): this many vouchers per place
#: and day — a place turned over a few times a day, of which only some pay with a voucher.
VOUCHERS_PER_PLACE = 2


def line_from_capacity(capacity: int | None) -> int | None:
    """The alert line suggested for a venue of ``capacity`` places (None: capacity unknown)."""
    if not capacity or capacity <= 0:
        return None
    return capacity * VOUCHERS_PER_PLACE


def over_share(count: int, limit: int) -> int:
    """How far ``count`` is above ``limit``, in whole percent (rounded half up)."""
    return (200 * (count - limit) + limit) // (2 * limit)


# --- the signals' parameters ----------------------------------------------------------------
# Each signal but the daily-use one (whose line is the alert line) has parameters, versioned by
# the day from which they hold. The defaults, and why a bureau would find them sensible:
#
# above_pattern — a day's use against the venue's own previous ``window_days`` (30) calendar
#   days (days without use count as 0): fires when the day's count is above
#   median + k × max(1.4826 × MAD, mad_floor), k = 5, and at least ``min_count`` (20).
#   Median and MAD (median absolute deviation, ×1.4826 to be comparable to a standard
#   deviation) are robust: one spike — the very day judged, or an earlier one — hardly moves
#   them, while it inflates a mean and, squared, a standard deviation, so mean + k·SD hides
#   the spikes it is meant to find. k = 5 is far in the tail (about 1 in 3.5 million days for
#   normal data), so a venue's ordinary ups and downs stay silent. The floors keep small and
#   new venues quiet: a venue needs use on ``min_active_days`` (10) of the window; a steady
#   venue whose MAD is 0 is judged with ``mad_floor`` (2 vouchers), so 3 → 14 is not news
#   but 3 → 40 is; days under ``min_count`` (20 vouchers) are too small to report.
# min_order_cluster — per natural month: the share of a venue's orders within ``band_yuan`` (1
#   yuan) above the voucher's minimum order (起用门槛) — the known cash-out pattern of orders
#   "rung up" to exactly the threshold — fires when above ``ratio`` (2) × the district's share
#   that month and above ``min_share_percent`` (60 %), with ``min_orders`` (30) orders or more:
#   list prices make some venues' orders fall on the threshold naturally, hence the district
#   comparison and the absolute floor.
# repeat_citizen — one citizen redeeming at one venue more than ``max_uses`` (10) times in any
#   ``days`` (30) days: the weekly use cap (3) allows at most 13–15 in 30 days, so more than
#   10 means the citizen used nearly every use they had for a month at that one venue.
# outside_hours — redemptions outside the venue's filed opening hours, each end widened by
#   ``grace_minutes`` (30: a session paid at the end, a clock a little off), fires with
#   ``min_count`` (1) or more in a day. Hours that cannot be read are not judged (the scan
#   lists the venues).
# above_list_price — orders above the list price (挂牌价) the venue filed for the voucher's
#   sport: the reference is the cheapest order at list prices that uses the voucher (the
#   list price × the sessions needed to reach its minimum order, at least one); an order more
#   than ``margin_percent`` (100 %) above it counts (a citizen may buy one session more than
#   needed, doubling the reference at most), fires with ``min_count`` (3) or more in a day.
# burst — ``count`` (10) or more redemptions from as many different citizens within
#   ``minutes`` (5) minutes at one venue: people arriving for a session come minutes apart,
#   batch scanning of collected vouchers comes seconds apart.


@dataclass(frozen=True)
class ParamSpec:
    """One parameter of a signal: its name, Chinese label, unit, type and allowed range."""

    name: str
    label: Text
    unit: Text
    low: Decimal
    high: Decimal
    default: Decimal
    integer: bool = True

    def parse(self, value: object) -> int | Decimal:
        """``value`` (text or number) checked against the spec; a clear message if not."""
        try:
            if isinstance(value, float):
                raise InvalidOperation
            number = Decimal(str(value).strip())
        except (InvalidOperation, ValueError):
            raise InvalidInput(_("预警参数“{label}”须为数字", label=self.label)) from None
        if not number.is_finite() or (self.integer and number != number.to_integral_value()):
            raise InvalidInput(_("预警参数“{label}”须为整数", label=self.label)) from None
        if not self.low <= number <= self.high:
            raise InvalidInput(_("预警参数“{label}”须在 {low} 至 {high} {unit}之间",
                                 label=self.label, low=self.low, high=self.high,
                                 unit=self.unit))
        return int(number) if self.integer else number.normalize()


def _spec(name: str, label: Text, unit: Text, low: str, high: str, default: str,
          integer: bool = True) -> ParamSpec:
    return ParamSpec(name, label, unit, Decimal(low), Decimal(high), Decimal(default), integer)


DAYS, TIMES, VOUCHERS, PERCENT = _("天"), _("次"), _("张"), _("%")
PARAMETERS: dict[Signal, tuple[ParamSpec, ...]] = {
    Signal.ABOVE_PATTERN: (
        _spec("window_days", _("对比的近期天数"), DAYS, "7", "90", "30"),
        _spec("k", _("高出中位数的倍数 k（×MAD）"), _("倍"), "1", "20", "5", integer=False),
        _spec("min_active_days", _("近期至少有核销的天数"), DAYS, "1", "90", "10"),
        _spec("mad_floor", _("离散度下限（张）"), VOUCHERS, "0", "1000", "2", integer=False),
        _spec("min_count", _("当日至少核销张数"), VOUCHERS, "1", "100000", "20"),
    ),
    Signal.MIN_ORDER_CLUSTER: (
        _spec("band_yuan", _("门槛以上金额范围"), _("元"), "0", "100", "1", integer=False),
        _spec("ratio", _("高于全区比例的倍数"), _("倍"), "1", "100", "2", integer=False),
        _spec("min_share_percent", _("占比下限"), PERCENT, "1", "100", "60"),
        _spec("min_orders", _("当月至少订单数"), _("笔"), "1", "100000", "30"),
    ),
    Signal.REPEAT_CITIZEN: (
        _spec("max_uses", _("同一市民核销次数上限"), TIMES, "1", "1000", "10"),
        _spec("days", _("统计天数"), DAYS, "1", "366", "30"),
    ),
    Signal.OUTSIDE_HOURS: (
        _spec("grace_minutes", _("营业时间前后宽限"), _("分钟"), "0", "240", "30"),
        _spec("min_count", _("当日至少笔数"), _("笔"), "1", "100000", "1"),
    ),
    Signal.ABOVE_LIST_PRICE: (
        _spec("margin_percent", _("高于备案价格的幅度"), PERCENT, "0", "1000", "100"),
        _spec("min_count", _("当日至少笔数"), _("笔"), "1", "100000", "3"),
    ),
    Signal.BURST: (
        _spec("count", _("集中核销的张数（不同市民）"), VOUCHERS, "2", "1000", "10"),
        _spec("minutes", _("时间窗口"), _("分钟"), "1", "1440", "5"),
    ),
}

Params = dict[str, int | Decimal]


def defaults(signal: Signal) -> Params:
    return {p.name: int(p.default) if p.integer else p.default for p in PARAMETERS[signal]}


def validate(signal: Signal, params: Mapping[str, object]) -> Params:
    """``params`` of ``signal`` checked against their specs (names known, values in range)."""
    specs = {p.name: p for p in PARAMETERS.get(signal, ())}
    if not specs:
        raise InvalidInput(_("预警信号“{signal}”没有可设置的参数（其界线为警戒线）",
                             signal=signal.label))
    result: Params = {}
    for name, value in params.items():
        spec = specs.get(name)
        if spec is None:
            raise InvalidInput(_("预警信号“{signal}”没有参数 {name}（可设置：{names}）",
                                 signal=signal.label, name=name, names=join(specs)))
        result[name] = spec.parse(value)
    return result


def stored(params: Mapping[str, int | Decimal]) -> dict[str, int | str]:
    """Parameters as stored in JSON (decimals as text, exact)."""
    return {k: v if isinstance(v, int) else str(v) for k, v in params.items()}


def loaded(signal: Signal, raw: Mapping[str, object] | None) -> Params:
    """Stored parameters read back, the defaults filling any not stored."""
    result = defaults(signal)
    specs = {p.name: p for p in PARAMETERS[signal]}
    for k, v in (raw or {}).items():
        if k in specs:
            result[k] = int(str(v)) if specs[k].integer else Decimal(str(v))
    return result

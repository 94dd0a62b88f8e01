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
"""

from __future__ import annotations

import datetime as dt

from jd_admin.domain.codes import Coded
from jd_admin.domain.roles import Role
from jd_admin.domain.text import _
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


#: The signals the scan looks for so far.
SCANNED_SIGNALS = (Signal.DAILY_ABOVE_LINE,)


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

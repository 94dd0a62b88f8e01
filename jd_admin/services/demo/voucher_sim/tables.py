"""The tables the simulation draws from: the file format, the rules (defaults), the twelve
violation kinds with their definitions, and the distributions of claims, uses, faces and sports."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

HEADER: tuple[str, ...] = (
    "券码", "批次编号", "面值", "用户标识", "人群类别", "领取时间", "核销时间",
    "核销场馆", "运动项目", "订单金额", "实付金额",
)
KEYS: tuple[str, ...] = (
    "code", "batch", "face_value", "citizen_id", "citizen_group", "claimed_at", "redeemed_at",
    "venue_code", "sport", "order_amount", "paid_amount",
)

# face value -> (government subsidy, venue concession, minimum order), yuan (rule 1 defaults)
FACE_TABLE: dict[int, tuple[int, int, int]] = {
    5: (4, 1, 10), 10: (8, 2, 20), 20: (15, 5, 40),
    30: (20, 10, 60), 50: (30, 20, 120), 80: (50, 30, 200),
}
MIN_ORDER_FEN = {face: minimum * 100 for face, (_, _, minimum) in FACE_TABLE.items()}

# Rules 3 and 4 (defaults).
VALIDITY_S = 168 * 3600
WEEKLY_CLAIM_LIMIT = 3
MAX_HELD = 3
DAILY_USE_CAP = 1
WEEKLY_USE_CAP = 3
WEEKLY_LARGE_LIMIT = 1
LARGE_FACE = 50

SWIM_BATCH = "SWIM"  # "{year}-SWIM": restricted to 游泳
SENIOR_BATCH = "SENIOR"  # "{year}-SENIOR": restricted to citizen group senior (老年人)
SWIM_SPORT = "游泳"

KINDS: tuple[str, ...] = (
    "expired",
    "weekly_claim_limit",
    "max_held",
    "daily_use_cap",
    "weekly_use_cap",
    "weekly_large_claim",
    "below_min_order",
    "paid_mismatch",
    "undesignated_venue",
    "special_sport",
    "special_group",
    "outside_batch_month",
)
(EXPIRED, WEEKLY_CLAIM, MAX_HELD_K, DAILY_USE, WEEKLY_USE, WEEKLY_LARGE, BELOW_MIN, PAID,
 UNDESIGNATED, SPECIAL_SPORT, SPECIAL_GROUP, OUTSIDE_MONTH) = range(len(KINDS))

DEFINITIONS: dict[str, str] = {
    "expired": "redeemed more than 168 h after it was claimed (核销时间 > 领取时间 + 168 h)",
    "weekly_claim_limit": "a citizen's claims in one natural week (Mon 00:00-Sun 24:00) beyond "
                          "the 3rd, in claim order",
    "max_held": "a claim made while the citizen already held 3 vouchers claimed earlier, unused "
                "at that moment and not yet expired",
    "daily_use_cap": "a citizen's uses in one local day beyond the 1st, in use order",
    "weekly_use_cap": "a citizen's uses in one natural week beyond the 3rd, in use order",
    "weekly_large_claim": "a citizen's claims of large vouchers (face value >= 50) in one natural "
                          "week beyond the 1st, in claim order",
    "below_min_order": "redeemed with an order amount below the face value's minimum order",
    "paid_mismatch": "paid amount != order amount - face value",
    "undesignated_venue": "redeemed at a credit code that is not in the venue list (valid by "
                          "GB 32100, but not a designated venue)",
    "special_sport": f"a *-{SWIM_BATCH} voucher redeemed for a sport other than {SWIM_SPORT}",
    "special_group": f"a *-{SENIOR_BATCH} voucher claimed and redeemed by a citizen whose group "
                     "is not 老年人",
    "outside_batch_month": "a monthly-batch voucher claimed outside its batch's month",
}

GROUP_NONE, GROUP_SENIOR, GROUP_YOUTH, GROUP_DISABLED = range(4)
GROUP_LABELS = ("", "老年人", "青少年", "残疾人")
GROUP_SHARES = (0.0, 0.17, 0.10, 0.015)  # senior, youth, disabled; the rest have no group

# sport -> (lowest list price, highest list price (yuan), share of venues whose main sport it is)
SPORTS: dict[str, tuple[int, int, int]] = {
    "游泳": (30, 60, 10), "羽毛球": (40, 100, 15), "篮球": (30, 80, 7), "足球": (120, 200, 4),
    "乒乓球": (30, 50, 8), "网球": (80, 200, 5), "健身": (30, 80, 18), "瑜伽": (60, 150, 7),
    "舞蹈": (50, 120, 5), "跆拳道": (80, 150, 4), "击剑": (150, 200, 2), "攀岩": (60, 120, 2),
    "射箭": (60, 120, 2), "轮滑": (40, 80, 3), "台球": (30, 60, 4), "保龄球": (30, 60, 2),
}
VENUE_SUFFIX = {
    "游泳": "游泳馆", "羽毛球": "羽毛球馆", "篮球": "篮球馆", "足球": "足球场",
    "乒乓球": "乒乓球馆",
    "网球": "网球中心", "健身": "健身中心", "瑜伽": "瑜伽馆", "舞蹈": "舞蹈工作室",
    "跆拳道": "跆拳道馆",
    "击剑": "击剑馆", "攀岩": "攀岩馆", "射箭": "射箭馆", "轮滑": "轮滑馆", "台球": "台球俱乐部",
    "保龄球": "保龄球馆",
}
# Which sports citizens of each group go for (weights).
SPORT_TASTE: tuple[dict[str, int], ...] = (
    {"羽毛球": 20, "健身": 20, "游泳": 15, "篮球": 8, "足球": 5, "乒乓球": 6, "网球": 6, "瑜伽": 8,
     "舞蹈": 4, "攀岩": 2, "射箭": 1, "台球": 3, "保龄球": 2, "击剑": 1, "轮滑": 1, "跆拳道": 1},
    {"乒乓球": 25, "游泳": 20, "健身": 15, "舞蹈": 20, "台球": 8, "羽毛球": 7, "瑜伽": 5},
    {"篮球": 20, "足球": 15, "游泳": 20, "跆拳道": 12, "轮滑": 10, "羽毛球": 10, "击剑": 5,
     "攀岩": 5,
     "乒乓球": 3},
    {"游泳": 25, "健身": 25, "乒乓球": 20, "射箭": 10, "台球": 10, "羽毛球": 10},
)
TOWNS = ("新成路", "真新", "嘉定镇", "南翔", "安亭", "马陆", "徐行", "华亭", "外冈", "江桥", "菊园",
         "嘉定工业区")
BRANDS = ("悦动", "力行", "启航", "博远", "翔宇", "沪嘉", "疁城", "汇龙", "云翔", "远香", "练祁",
          "秋霞", "古猗", "德富", "银杏", "白鹤", "紫藤", "和韵", "乐活", "奔跑", "飞羽", "浪花",
          "蓝鲸", "阳光", "星辰", "嘉禾", "卓越", "金沙", "恒力", "劲越", "健康", "动感", "活力",
          "青橙", "彩虹", "晨曦", "明珠", "锦绣", "鸿运", "嘉友")
MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
                   "152", "153", "155", "156", "157", "158", "159", "166", "173", "177", "180",
                   "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199")

# Activity over the year: month factors, weekends, batch release days, holidays.
MONTH_FACTOR = (0.85, 0.75, 0.95, 1.0, 1.05, 1.1, 1.25, 1.3, 1.0, 1.1, 0.95, 0.9)
WEEKEND_FACTOR = 1.45
# Claims by hour: batches are released at 10:00; lunch and evening peaks.
CLAIM_HOURS = (0.3, 0.15, 0.1, 0.05, 0.05, 0.1, 0.4, 1.0, 1.6, 1.8, 3.5, 2.0, 2.4, 1.8, 1.4, 1.3,
               1.4, 1.8, 2.2, 2.6, 2.8, 2.4, 1.5, 0.8)
# Uses by hour (venues open roughly 06:00-23:00): evenings on weekdays, daytime at weekends.
USE_HOURS_WEEKDAY = (0, 0, 0, 0, 0, 0, 0.6, 0.8, 0.6, 0.8, 1.0, 0.9, 0.8, 0.8, 0.9, 1.0, 1.3, 1.8,
                     2.6, 3.2, 3.0, 1.8, 0.6, 0)
USE_HOURS_WEEKEND = (0, 0, 0, 0, 0, 0, 0, 0.5, 1.2, 2.2, 2.8, 2.4, 1.4, 1.8, 2.6, 2.8, 2.6, 2.0,
                     1.8, 2.0, 1.8, 1.0, 0.3, 0)
# Days between claim and use: mostly 1-3 days.
USE_DELAY_DAYS = (0.14, 0.30, 0.22, 0.14, 0.08, 0.06, 0.04, 0.02)
MONTH_FACES = {5: 10, 10: 22, 20: 25, 30: 18, 50: 15, 80: 10}
SMALL_FACES = {5: 10, 10: 22, 20: 25, 30: 18}
LARGE_FACES = {50: 6, 80: 4}
SWIM_FACES = {10: 4, 20: 4, 30: 2}
SENIOR_FACES = {5: 3, 10: 4, 20: 3}

DAY_S = 86400
PRUNE_S = 21 * DAY_S  # per-citizen history kept: enough for every week a new use can fall in
_TOD = tuple(f" {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(DAY_S))

# Claim times are even seconds and use times odd ones: a use never coincides with a claim.


def _lut(weights: Any, size: int = 1000) -> tuple[Any, ...]:
    """A lookup table: ``table[int(random() * size)]`` draws a key with the given weights."""
    items = list(weights.items()) if isinstance(weights, dict) else list(enumerate(weights))
    total = sum(w for _, w in items)
    table: list[Any] = []
    acc = 0.0
    for key, w in items:
        acc += w
        table.extend([key] * (round(acc / total * size) - len(table)))
    return tuple(table)


CLAIM_HOUR_LUT = _lut(CLAIM_HOURS)
USE_HOUR_LUT = (_lut(USE_HOURS_WEEKDAY), _lut(USE_HOURS_WEEKEND))
USE_DELAY_LUT = _lut(USE_DELAY_DAYS)
MONTH_FACE_LUT = _lut(MONTH_FACES)
SMALL_FACE_LUT = _lut(SMALL_FACES)
LARGE_FACE_LUT = _lut(LARGE_FACES)
SWIM_FACE_LUT = _lut(SWIM_FACES)
SENIOR_FACE_LUT = _lut(SENIOR_FACES)


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"



# special-batch choice in _emit
AUTO, MONTHLY, SWIM, SENIOR = range(4)
# face choice
ANY_FACE, SMALL_FACE, LARGE_FACE_ONLY = range(3)
# redemption modes
R_NORMAL, R_NONE, R_WINDOW, R_DELAY = range(4)

Scenario = Generator[tuple[int, int], int, None]

"""The designated-venue register (定点场馆名录) as an Excel workbook, for the district fitness
map (嘉定体育健身地图) and the 全嘉云动 mini-program (DOMAIN "Information sharing").

:class:`RegisterEntry` is the plain row that ``services/register_export.py`` gathers and both
the .xlsx writer here and the GeoJSON writer there consume (reports/ does not import services).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from jd_admin.reports.xlsx import write_table

SHEET_TITLE = "定点场馆名录"
COORDINATE_PLACES = 6  # ~0.1 m; more would be false precision

HEADERS = (
    "序号", "场馆名称", "类型", "街镇", "地址", "统一社会信用代码", "联系人", "联系电话",
    "开放时间", "可容纳人数", "运动项目及挂牌价", "状态", "协议编号", "协议到期日",
    "经度(WGS-84)", "纬度(WGS-84)", "经度(GCJ-02)", "纬度(GCJ-02)",
)
COLUMN_WIDTHS: tuple[float | None, ...] = (
    6, 28, 14, 12, 36, 22, 10, 14, 18, 11, 36, 8, 16, 12, 14, 14, 14, 14,
)


@dataclass(frozen=True)
class RegisterEntry:
    """One venue of the register as published.

    ``sports`` are (sport, list price 挂牌价 in yuan). ``agreement_end`` is the last day the
    agreement is (or was) in force: its end date, or the day before an earlier termination.
    Coordinates: ``lon``/``lat`` WGS-84 as stored, ``gcj_lon``/``gcj_lat`` the same point in
    GCJ-02; all four ``None`` when the venue has no coordinates.
    """

    id: int
    name: str
    venue_type: str  # code: public / commercial
    venue_type_label: str  # 公共体育场馆 / 经营性体育场馆
    subdistrict: str
    address: str
    credit_code: str
    contact_name: str
    contact_mobile: str
    opening_hours: str
    capacity: int
    sports: tuple[tuple[str, Decimal], ...]
    status: str  # code: designated / suspended / withdrawn
    status_label: str  # 定点 / 暂停 / 退出
    agreement_number: str | None
    agreement_end: dt.date | None
    lon: float | None
    lat: float | None
    gcj_lon: float | None
    gcj_lat: float | None


def price_text(price: Decimal) -> str:
    """A list price as published: ``60.00`` (two decimals, no thousands separator)."""
    return f"{price:.2f}"


def sports_text(sports: Sequence[tuple[str, Decimal]]) -> str:
    """``游泳 60.00元；羽毛球 80.00元``."""
    return "；".join(f"{sport} {price_text(price)}元" for sport, price in sports)


def _coordinate(value: float | None) -> float | None:
    return None if value is None else round(value, COORDINATE_PLACES)


def register_rows(entries: Iterable[RegisterEntry]) -> Iterable[tuple[object, ...]]:
    for number, e in enumerate(entries, start=1):
        yield (
            number, e.name, e.venue_type_label, e.subdistrict, e.address, e.credit_code,
            e.contact_name, e.contact_mobile, e.opening_hours, e.capacity, sports_text(e.sports),
            e.status_label, e.agreement_number, e.agreement_end,
            _coordinate(e.lon), _coordinate(e.lat), _coordinate(e.gcj_lon), _coordinate(e.gcj_lat),
        )


def write_register(path: Path | str | BinaryIO, entries: Iterable[RegisterEntry]) -> int:
    """Write the register to ``path`` (one sheet, 定点场馆名录); return the number of venues."""
    return write_table(path, SHEET_TITLE, HEADERS, register_rows(entries), COLUMN_WIDTHS)

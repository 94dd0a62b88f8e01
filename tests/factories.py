"""Small builders for test rows (not fixtures: plain functions taking a session)."""

from __future__ import annotations

import itertools
from decimal import Decimal

from sqlalchemy.orm import Session

from jd_admin.models import Venue, VenueSport

_numbers = itertools.count(1)


def venue(session: Session, subdistrict_id: int = 1, **overrides: object) -> Venue:
    """A designated commercial venue with one sport, flushed (it has an id)."""
    n = next(_numbers)
    values: dict[str, object] = {
        "name": f"测试场馆{n}",
        "venue_type": "commercial",
        "subdistrict_id": subdistrict_id,
        "address": f"上海市嘉定区测试路{n}号",
        "credit_code": f"91310114TEST{n:06d}",
        "legal_representative": "张三",
        "contact_name": "李四",
        "contact_mobile": "13800000000",
        "opening_hours": "09:00-21:00",
        "capacity": 100,
        "status": "designated",
    }
    values.update(overrides)
    row = Venue(**values)
    if "sports" not in overrides:
        row.sports = [VenueSport(sport="羽毛球", list_price=Decimal("40.00"))]
    session.add(row)
    session.flush()
    return row

"""The overall result of an inspection from its items: the one rule is
:func:`jd_admin.domain.inspections.overall` (pure); this module feeds it the stored items."""

from __future__ import annotations

from collections.abc import Iterable

from jd_admin.domain.inspections import ItemAnswer, Overall, item_failed, overall
from jd_admin.models import InspectionItem

__all__ = ["answer_of", "item_failed", "overall", "overall_of"]


def answer_of(item: InspectionItem) -> ItemAnswer:
    return ItemAnswer(
        key=item.id, text=item.text, kind=item.kind, weight=item.weight, serious=item.serious,
        max_score=item.max_score, min_value=item.min_value, max_value=item.max_value,
        passed=item.passed, score=item.score, number=item.number)


def overall_of(items: Iterable[InspectionItem]) -> Overall:
    return overall(answer_of(i) for i in items)

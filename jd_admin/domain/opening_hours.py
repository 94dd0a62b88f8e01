"""A venue's filed opening hours (营业时间), read from the free text of its filing.

:func:`parse` understands the forms venues file, e.g. ``周一至周日 9:00-21:00``,
``周一至周五 9:00-21:00；周六、周日 8:00-22:00``, ``每天 06:00-22:00``, ``全天`` / ``24小时``,
``周二至周日 09:00-21:00（周一闭馆）``, hours past midnight (``18:00-02:00``,
``12:00-次日01:00``), several ranges a day (``9:00-12:00、14:00-21:00``) and the bare
``9-21`` (whole hours, every day). Anything else — a remark it cannot read, a day it cannot
name, a time out of range — is :data:`None`: the venue's hours are not judged rather than
guessed.

Times are minutes after the day's midnight (Asia/Shanghai); a range past midnight ends after
1440 and its tail belongs to the next day (:meth:`OpeningHours.open_ranges`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DAY = 1440  # minutes
WEEKDAYS = "一二三四五六日"  # 周一 … 周日 (Monday = 0, as dt.date.weekday())
_DAY_ALIASES = {"天": 6, "七": 6}  # 周天 = 周日

_DASH = r"\s*(?:-|—|–|~|～|至|到)\s*"
_TIME = r"(\d{1,2})(?:[:：](\d{2}))?"
_RANGE = re.compile(rf"{_TIME}{_DASH}(次日|翌日)?\s*{_TIME}")
_CLOSED_REMARK = re.compile(r"[（(]\s*(?:每)?周[一二三四五六日天]"
                            r"(?:[、,，和及]周?[一二三四五六日天])*(?:全天)?(?:闭馆|休息|休馆|不营业)\s*[）)]")
_ALL_DAY = re.compile(r"^(?:全天(?:开放|营业)?|24\s*小时(?:开放|营业)?|全天24小时(?:开放|营业)?)$")
_EVERY_DAY = re.compile(r"^(?:每天|每日|全年|全周|周一至周日|周一到周日|周一~周日|周一-周日)")
_DAY_RANGE = re.compile(r"^周([一二三四五六日天])\s*(?:至|到|-|—|~|～)\s*周?([一二三四五六日天])")
_DAY_LIST = re.compile(r"^周([一二三四五六日天])((?:\s*[、,，和及]\s*周?[一二三四五六日天])*)")
_SEGMENT_SPLIT = re.compile(r"[；;\n]|(?<=\d)[，,]\s*(?=周|每)")


def _weekday(char: str) -> int:
    return _DAY_ALIASES.get(char, WEEKDAYS.find(char))


@dataclass(frozen=True)
class OpeningHours:
    """Per weekday (Monday = 0) the ranges (start, end) in minutes; ``end`` may pass 1440."""

    days: tuple[tuple[tuple[int, int], ...], ...]

    def open_ranges(self, weekday: int) -> list[tuple[int, int]]:
        """The ranges of ``weekday``'s own calendar day when the venue is open, in minutes
        within 0 … 1440: its own ranges (cut at midnight) and the tails past midnight of the
        day before's."""
        ranges = [(s, min(e, DAY)) for s, e in self.days[weekday]]
        ranges += [(0, e - DAY) for _s, e in self.days[(weekday - 1) % 7] if e > DAY]
        return sorted(ranges)

    def is_open(self, weekday: int, second: int, grace_seconds: int = 0) -> bool:
        """Whether second ``second`` of a ``weekday`` (0 … 86399) lies within the hours, each
        range widened by ``grace_seconds`` at both ends (its edges count as open)."""
        return any(60 * s - grace_seconds <= second <= 60 * e + grace_seconds
                   for s, e in self.open_ranges(weekday))


def _minutes(hour: str, minute: str | None) -> int | None:
    h, m = int(hour), int(minute or 0)
    if h > 24 or m > 59 or (h == 24 and m):
        return None
    return 60 * h + m


def _ranges(text: str) -> list[tuple[int, int]] | None:
    """The time ranges of one segment's text (after its days), or None if unreadable."""
    text = text.strip(" \t：:")
    if _ALL_DAY.match(text):
        return [(0, DAY)]
    found: list[tuple[int, int]] = []
    pos = 0
    for m in _RANGE.finditer(text):
        if text[pos:m.start()].strip(" 、,，/和及"):
            return None
        pos = m.end()
        if (m.group(2) is None) != (m.group(5) is None) and not m.group(3):
            return None  # "9-21:00": mixed forms are not guessed
        start, end = _minutes(m.group(1), m.group(2)), _minutes(m.group(4), m.group(5))
        if start is None or end is None or start >= DAY:
            return None
        if m.group(3) or end <= start:
            end += DAY  # past midnight
            if end - DAY > start or end - DAY > 12 * 60:
                return None  # more than a day, or a morning's end read as the next day's
        found.append((start, end))
    if text[pos:].strip() or not found:
        return None
    return found


def _days(text: str) -> tuple[list[int], str] | None:
    """The weekdays a segment names at its start, and the text after them (no days named:
    every day)."""
    m = _EVERY_DAY.match(text)
    if m:
        return list(range(7)), text[m.end():]
    m = _DAY_RANGE.match(text)
    if m:
        a, b = _weekday(m.group(1)), _weekday(m.group(2))
        days = list(range(a, b + 1)) if a <= b else [*range(a, 7), *range(0, b + 1)]
        return days, text[m.end():]
    m = _DAY_LIST.match(text)
    if m:
        chars = [m.group(1), *re.findall(r"[一二三四五六日天]", m.group(2))]
        return sorted({_weekday(c) for c in chars}), text[m.end():]
    if text[:1] in "周星礼":
        return None  # a day it cannot read
    return list(range(7)), text


def parse(text: str | None) -> OpeningHours | None:
    """The opening hours filed as ``text``, or None when it cannot be read with certainty."""
    if not text or not text.strip():
        return None
    cleaned = _CLOSED_REMARK.sub("", text.strip())
    if re.search(r"[（()）]", cleaned):
        return None  # another remark: not guessed
    days: list[list[tuple[int, int]]] = [[] for _ in range(7)]
    for segment in _SEGMENT_SPLIT.split(cleaned):
        segment = segment.strip()
        if not segment:
            continue
        named = _days(segment)
        if named is None:
            return None
        weekdays, rest = named
        ranges = _ranges(rest)
        if ranges is None:
            return None
        for d in weekdays:
            days[d].extend(ranges)
    if not any(days):
        return None
    return OpeningHours(tuple(tuple(sorted(d)) for d in days))

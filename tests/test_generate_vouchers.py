"""Smoke test of the benchmark data generator (benchmarks/generate_vouchers.py).

Small (2,000 rows, 50 venues, 300 citizens): the format, the invariants, determinism, the
encodings, and the stats file against an independent recount of every rule."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType

import pytest

from jd_admin.services.identifiers import is_valid_credit_code

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "generate_vouchers.py"
ARGS = {"rows": 2000, "venues": 50, "citizens": 300, "year": 2026, "seed": 7}
CLI_ARGS = ["--rows", "2000", "--venues", "50", "--citizens", "300", "--year", "2026", "--seed",
            "7"]
MOMENT = "%Y-%m-%d %H:%M:%S"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_vouchers", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("generate_vouchers", module)
    spec.loader.exec_module(module)
    return module


gv = _load()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("vouchers")
    paths = {"csv": out / "vouchers.csv", "venues": out / "venues.csv",
             "gb": out / "vouchers-gb.csv", "xlsx": out / "vouchers.xlsx"}
    assert gv.main([*CLI_ARGS, "--csv", str(paths["csv"]), "--venues-out",
                    str(paths["venues"])]) == 0
    assert gv.main([*CLI_ARGS, "--encoding", "gb18030", "--csv", str(paths["gb"])]) == 0
    return paths


def _read(path: Path, encoding: str = "utf-8-sig") -> tuple[list[str], list[list[str]]]:
    with path.open(encoding=encoding, newline="") as f:
        header, *rows = list(csv.reader(f))
    return header, rows


def _fen(text: str) -> int:
    whole, _, frac = text.partition(".")
    assert len(frac) == 2, text
    return int(whole) * 100 + int(frac)


def test_csv_format_and_invariants(files: dict[str, Path]) -> None:
    header, rows = _read(files["csv"])
    assert tuple(header) == gv.HEADER
    assert header == ["券码", "批次编号", "面值", "用户标识", "人群类别", "领取时间", "核销时间",
                      "核销场馆", "运动项目", "订单金额", "实付金额"]
    assert len(rows) == 2000
    assert all(len(r) == 11 for r in rows)
    codes = [r[0] for r in rows]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"JD2026A\d{7}", c) for c in codes)
    batches = {f"2026-{m:02d}" for m in range(1, 13)} | {"2026-SWIM", "2026-SENIOR"}
    redeemed = correct = 0
    for _, batch, face, citizen, group, claimed, used, venue, sport, order, paid in rows:
        assert batch in batches
        assert int(face) in (5, 10, 20, 30, 50, 80)
        assert re.fullmatch(r"1[3-9]\d{9}", citizen), citizen
        assert group in ("", "老年人", "青少年", "残疾人")
        claimed_at = dt.datetime.strptime(claimed, MOMENT)
        assert claimed_at.year == 2026
        if not used:
            assert venue == sport == order == paid == ""
            continue
        redeemed += 1
        assert dt.datetime.strptime(used, MOMENT) > claimed_at
        assert is_valid_credit_code(venue) and len(venue) == 18
        assert sport
        order_fen, paid_fen = _fen(order), _fen(paid)
        assert 0 <= paid_fen <= order_fen + 2000
        correct += paid_fen == order_fen - int(face) * 100
    assert 0.55 <= redeemed / len(rows) <= 0.75
    assert correct >= 0.95 * redeemed


def test_venues_are_valid_and_used(files: dict[str, Path]) -> None:
    header, venues = _read(files["venues"])
    assert header == ["统一社会信用代码", "场馆名称", "主要运动项目", "挂牌价"]
    assert len(venues) == 50
    assert all(is_valid_credit_code(v[0]) for v in venues)
    assert len({v[0] for v in venues}) == len({v[1] for v in venues}) == 50
    assert [tuple(v[:3]) for v in venues] == gv.venue_codes(50, 7)
    _, rows = _read(files["csv"])
    designated = {v[0] for v in venues}
    used = [r[7] for r in rows if r[7]]
    assert sum(code in designated for code in used) >= 0.95 * len(used)
    # swimming-only vouchers go to swimming venues (unless deliberately not)
    swim = [r for r in rows if r[1] == "2026-SWIM" and r[6]]
    assert swim and sum(r[8] == "游泳" for r in swim) >= 0.8 * len(swim)


def test_stats_file_lists_every_violation_kind(files: dict[str, Path]) -> None:
    stats = json.loads(Path(f"{files['csv']}.stats.json").read_text(encoding="utf-8"))
    assert stats["rows"] == 2000
    assert set(stats["violations"]) == set(gv.KINDS)
    assert all(stats["violations"][k] > 0 for k in gv.KINDS), stats["violations"]
    assert all(n == 0 for n in stats["incidental"].values()), stats["incidental"]
    assert stats["violations"] == stats["injected"]
    assert sum(sum(faces.values()) for faces in stats["batches"].values()) == 2000
    assert set(stats["definitions"]) == set(gv.KINDS)


def test_stats_match_an_independent_recount(files: dict[str, Path]) -> None:
    """Every rule re-checked from the file alone, the slow obvious way."""
    _, rows = _read(files["csv"])
    _, venues = _read(files["venues"])
    designated = {v[0] for v in venues}
    minimum = {face: m for face, (_, _, m) in gv.FACE_TABLE.items()}
    validity = dt.timedelta(hours=168)
    count: dict[str, int] = defaultdict(int)
    by_citizen: dict[str, list[tuple[dt.datetime, dt.datetime | None, int]]] = defaultdict(list)
    for _, batch, face_s, citizen, group, claimed, used, venue, sport, order, paid in rows:
        face = int(face_s)
        claimed_at = dt.datetime.strptime(claimed, MOMENT)
        used_at = dt.datetime.strptime(used, MOMENT) if used else None
        by_citizen[citizen].append((claimed_at, used_at, face))
        if batch[-2:].isdigit() and int(batch[-2:]) != claimed_at.month:
            count["outside_batch_month"] += 1
        if batch.endswith("SENIOR") and group != "老年人":
            count["special_group"] += 1
        if used_at is None:
            continue
        count["expired"] += used_at - claimed_at > validity
        count["below_min_order"] += _fen(order) < minimum[face] * 100
        count["paid_mismatch"] += _fen(paid) != _fen(order) - face * 100
        count["undesignated_venue"] += venue not in designated
        count["special_sport"] += batch.endswith("SWIM") and sport != "游泳"

    def week(moment: dt.datetime) -> dt.date:
        return moment.date() - dt.timedelta(days=moment.weekday())

    for vouchers in by_citizen.values():
        groups: dict[tuple[str, object], int] = defaultdict(int)
        for claimed_at, used_at, face in vouchers:
            groups["weekly_claim_limit", week(claimed_at)] += 1
            if face >= 50:
                groups["weekly_large_claim", week(claimed_at)] += 1
            if used_at is not None:
                groups["daily_use_cap", used_at.date()] += 1
                groups["weekly_use_cap", week(used_at)] += 1
            held = sum(1 for c, u, _ in vouchers
                       if c < claimed_at < c + validity and (u is None or u > claimed_at))
            count["max_held"] += held >= 3
        caps = {"weekly_claim_limit": 3, "weekly_large_claim": 1, "daily_use_cap": 1,
                "weekly_use_cap": 3}
        for (kind, _), n in groups.items():
            count[kind] += max(0, n - caps[kind])

    stats = json.loads(Path(f"{files['csv']}.stats.json").read_text(encoding="utf-8"))
    assert {k: count[k] for k in gv.KINDS} == stats["violations"]


def test_deterministic_for_a_seed() -> None:
    first = list(gv.generate(**ARGS, violation_rate=0.03))
    assert first == list(gv.generate(**ARGS, violation_rate=0.03))
    assert first != list(gv.generate(**{**ARGS, "seed": 8}, violation_rate=0.03))
    assert all(isinstance(value, str) for row in first[:50] for value in row)
    assert gv.venue_codes(50, 7) == gv.venue_codes(50, 7)


def test_gb18030_output(files: dict[str, Path]) -> None:
    raw = files["gb"].read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    header, rows = _read(files["gb"], encoding="gb18030")
    assert tuple(header) == gv.HEADER
    _, utf8_rows = _read(files["csv"])
    assert rows == utf8_rows


def test_xlsx_keeps_identifiers_as_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "v.xlsx"
    assert gv.main(["--rows", "300", "--venues", "10", "--citizens", "60", "--xlsx",
                    str(path)]) == 0
    assert Path(f"{path}.stats.json").is_file()
    wb = load_workbook(path, read_only=True)
    header, *rows = [(*r, *(None,) * (11 - len(r)))  # empty trailing cells are not stored
                     for r in wb.worksheets[0].iter_rows(values_only=True)]
    wb.close()
    assert header == gv.HEADER
    assert len(rows) == 300
    assert all(isinstance(r[0], str) and isinstance(r[3], str) and len(r[3]) == 11 for r in rows)
    assert all(isinstance(r[5], str) for r in rows)
    used = [r for r in rows if r[6]]
    assert used and all(isinstance(r[7], str) and isinstance(r[9], int | float) for r in used)

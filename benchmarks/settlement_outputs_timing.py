"""Time writing a month's settlement outputs for many venues (issue 10: the summary PDF and all
statements for 500 venues, target < 10 s): the summary PDF, all statements in one PDF, the
statements one PDF per venue (``--split``), and with ``--xlsx`` the two workbooks.

The data is built in memory (the plain dataclasses the service hands to the renderers), so this
times the rendering alone; gathering them is two queries (services/settlement/outputs.py).
Default: 500 venues x 167 vouchers (the 1,000,000-voucher year's average month, ~83,500
vouchers), a few excluded vouchers per venue.

    .venv/bin/python benchmarks/settlement_outputs_timing.py [--venues 500] [--per-venue 167]
        [--out DIR] [--xlsx] [--no-split]

Measured on the 2-core development machine (another job running), 500 venues:
  before (voucher rows in a platypus Table, ASCII85 streams; openpyxl cells):
    summary.pdf 0.64 s, statements.pdf 38.2 s (3,000 pages), statements.xlsx 21.8 s
  after (pdf.RowTable, binary streams; openpyxl styled cells only for money and moments):
    summary.pdf 0.4 s, statements.pdf 5.8-6.0 s (2,000 pages), one PDF per venue 10.9 s,
    statements.xlsx 12.9 s (XlsxWriter would take ~5 s for the same rows; a hand-written
    SpreadsheetML stream ~1.5 s — both left aside: openpyxl is the program's one writer)
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from jd_admin.reports import settlement as render
from jd_admin.reports.settlement_data import (
    Person,
    SettlementSummary,
    StatementExclusion,
    StatementVoucher,
    SummaryLine,
    VenueStatement,
)

UTC = dt.UTC
MONTH = dt.date(2026, 10, 1)
SPLITS = {5: (4, 1), 10: (8, 2), 20: (15, 5), 30: (20, 10), 50: (30, 20), 80: (50, 30)}


def build(venues: int, per_venue: int, seed: int = 1) -> tuple[SettlementSummary,
                                                              list[VenueStatement]]:
    rng = random.Random(seed)
    now = dt.datetime(2026, 11, 3, 2, tzinfo=UTC)
    lines, statements, n = [], [], 0
    totals = [0, Decimal(0), Decimal(0), Decimal(0), Decimal(0), Decimal(0)]
    for v in range(1, venues + 1):
        name = f"嘉定区第{v}号全民健身中心（{rng.choice(['南翔', '安亭', '马陆', '江桥'])}）"
        vouchers = []
        for _ in range(per_venue):
            n += 1
            face = rng.choice(list(SPLITS))
            subsidy, concession = SPLITS[face]
            order = Decimal(face * rng.choice((2, 3, 4)))
            redeemed = dt.datetime(2026, 10, rng.randint(1, 31), rng.randint(0, 15),
                                   rng.randint(0, 59), tzinfo=UTC)
            vouchers.append(StatementVoucher(
                f"JD2026A{n:07d}", f"1{rng.randint(30, 89)}****{rng.randint(0, 9999):04d}",
                redeemed - dt.timedelta(days=2), redeemed, Decimal(face), Decimal(subsidy),
                Decimal(concession), order, order - face, None))
        vouchers.sort(key=lambda x: x.redeemed_at or now)
        exclusions = tuple(StatementExclusion(
            f"JD2026X{v:04d}{k}", "139****0000", now, Decimal(20), Decimal(15),
            "有未解除的规则标记", "MIN_ORDER") for k in range(2))
        sums = [sum((getattr(x, a) for x in vouchers), Decimal(0))
                for a in ("face_value", "subsidy", "concession", "order_amount", "paid_amount")]
        line = SummaryLine(v, v, name, "regular", "本月结算", "", "", len(vouchers), 0, *sums,
                           False, "未拨付", None, "")
        lines.append(line)
        totals[0] += len(vouchers)
        for i, s in enumerate(sums, start=1):
            totals[i] += s
        statements.append(VenueStatement(
            v, name, MONTH, "approved", "已审批", (line,), tuple(vouchers), exclusions,
            len(vouchers), *sums[:4], sums[4], Decimal(0), sums[1], now))
    summary = SettlementSummary(
        1, MONTH, "approved", "已审批", dt.date(2026, 11, 30), tuple(lines), (),
        (("有未解除的规则标记", 2 * venues),), int(totals[0]), 0, 2 * venues, *totals[1:],
        (), "", Person("staff1", now), Person("staff2", now), Person("boss", now), None,
        "staff2", now)
    return summary, statements


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venues", type=int, default=500)
    parser.add_argument("--per-venue", type=int, default=167)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--xlsx", action="store_true", help="also time the two workbooks")
    parser.add_argument("--no-split", action="store_true",
                        help="skip the one-PDF-per-venue statements")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="settlement_outputs_"))
    out.mkdir(parents=True, exist_ok=True)
    summary, statements = build(args.venues, args.per_venue)
    timings = {}
    start = time.perf_counter()
    render.write_summary_pdf(summary, out / "summary.pdf")
    timings["summary.pdf"] = time.perf_counter() - start
    start = time.perf_counter()
    render.write_statements_pdf(statements, out / "statements.pdf")
    timings["statements.pdf"] = time.perf_counter() - start
    if not args.no_split:
        split = out / "split"
        split.mkdir(exist_ok=True)
        start = time.perf_counter()
        for st in statements:  # as export --split does: one PDF per venue
            render.write_statements_pdf([st], split / f"statement_{st.venue_id}.pdf")
        timings["split/"] = time.perf_counter() - start
    if args.xlsx:
        for name, fn in (("summary.xlsx", lambda p: render.write_summary_xlsx(summary, p)),
                         ("statements.xlsx",
                          lambda p: render.write_statements_xlsx(statements, p))):
            start = time.perf_counter()
            fn(out / name)
            timings[name] = time.perf_counter() - start
    vouchers = sum(len(s.vouchers) for s in statements)
    print(f"{args.venues} venues, {vouchers} vouchers -> {out}")
    for name, seconds in timings.items():
        path = out / name
        size = (sum(f.stat().st_size for f in path.iterdir()) if path.is_dir()
                else path.stat().st_size) / 1e6
        label = f"split/ ({len(statements)} PDFs)" if name == "split/" else name
        print(f"  {label:<22} {seconds:6.2f} s  {size:6.1f} MB")
    pdfs = timings["summary.pdf"] + timings["statements.pdf"]
    print(f"  summary + all statements (PDF): {pdfs:.2f} s (target < 10 s)")
    return 0 if pdfs < 10 else 1


if __name__ == "__main__":
    sys.exit(main())

"""A dashboard chart's data as .xlsx (the page exports the chart itself as PNG)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jd_admin.reports.xlsx import Sheet, write_sheets
from jd_admin.services.output_files import check_target, write_replacing


def write_table(out: Path, title: str, headers: Sequence[str],
                rows: Sequence[Sequence[object]]) -> Path:
    """One sheet ``title`` with ``headers`` and ``rows`` (money as Decimal yuan), written
    safely: to a temporary file renamed over ``out`` once complete."""
    check_target(out)
    widths = [max(10.0, min(40.0, 2.2 * len(h) + 2)) for h in headers]

    def write(path: Path) -> None:
        write_sheets(path, [Sheet(title, headers, rows, widths)])

    write_replacing(out, write)
    return out

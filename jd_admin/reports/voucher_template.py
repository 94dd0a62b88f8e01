"""The import template the platform operator fills (`jd-admin vouchers template OUT.xlsx`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font


def write_voucher_template(out: Path | BinaryIO, columns: Sequence[tuple[str, bool, str]],
                           example: Sequence[str]) -> None:
    """``columns``: (header, required, hint). One data sheet (header row + an example row) and
    an instructions sheet; every data column is formatted as text so Excel never rounds codes
    or identifiers."""
    wb = Workbook()
    ws = wb.active
    ws.title = "消费券数据"
    ws.append([h for h, _, _ in columns])
    ws.append(list(example))
    for i, (header, required, _) in enumerate(columns, start=1):
        letter = ws.cell(row=1, column=i).column_letter
        ws.column_dimensions[letter].width = max(12, len(header) * 2 + 6)
        ws.cell(row=1, column=i).font = Font(bold=True, color="C0392B" if required else "000000")
        for row in range(2, 1002):
            ws.cell(row=row, column=i).number_format = "@"
    ws.freeze_panes = "A2"
    notes = wb.create_sheet("填写说明")
    notes.append(["列名", "必填", "说明"])
    for header, required, hint in columns:
        notes.append([header, "是" if required else "", hint])
    notes.append([])
    notes.append(["说明", "", "每行一张券；第一行是表头（列的顺序可以不同）。时间为北京时间。"
                  "也可以导出为 CSV（UTF-8 或 GB18030 编码）。同一文件可重复导入，不会重复记账。"])
    for col, width in zip("ABC", (14, 6, 90), strict=True):
        notes.column_dimensions[col].width = width
    for row in notes.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(out)

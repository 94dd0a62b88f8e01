"""The settlement's outputs (issue 10 item 5) on the month computed by hand in
tests/test_settlement.py: the summary and statement PDFs' text and the workbooks' cells carry
the right totals and 大写金额; the GB18030 CSV decodes and sums; the bank list is refused to a
role that may not read bank details; printing and exporting are in the audit trail."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select
from test_settlement import BANK, C_VENUE, OCT, SEPT, TODAY, build, people, settle_september
from voucher_support import GOOD_VENUE, SUSPENDED_VENUE

from jd_admin import cli
from jd_admin.domain.errors import InvalidInput, PermissionDenied
from jd_admin.models import AuditEvent, Venue
from jd_admin.money import chinese_capital
from jd_admin.reports import settlement as render
from jd_admin.reports.settlement_data import StatementExclusion, StatementVoucher, VenueStatement
from jd_admin.services import settlement
from jd_admin.services.settlement import outputs

D = Decimal


def pdf_text(path: Path) -> str:
    return "".join("".join(page.extract_text().split()) for page in PdfReader(path).pages)


def october(test_db, tmp_path) -> dict[str, object]:
    """October generated (A 115, B 85, C 8 = 208) with an adjustment of -4 on September's line
    of venue A: 204 to pay; C has no bank account."""
    build(test_db, tmp_path)
    p = people(test_db)
    settle_september(test_db, p)
    with test_db.admin_db.session() as s, s.begin():
        sid = settlement.generate(s, p["staff1"], OCT, today=TODAY).settlement_id
        sept_line = settlement.lines(s, p["boss"], settlement.find(s, p["boss"], SEPT).id)[0]
        settlement.add_adjustment(s, p["staff1"], sid, sept_line.id, "-4.00", "9月退款多付")
    with test_db.admin_db.session() as s:
        assert settlement.find(s, p["boss"], OCT).subsidy == D(204)
    return p


def export(test_db, actor, kind: str, out: Path, **kw) -> list[Path]:
    """On PostgreSQL as the actor's own login: the server's grants and row security apply.
    Gathered (and audited) in the transaction, written after it as the page and the CLI do."""
    database = test_db.open_as(actor.username) if test_db.is_postgres else test_db.admin_db
    with database.session() as s, s.begin():
        prepared = outputs.prepare_export(s, actor, OCT, kind, out, **kw)
    return prepared.write()


def test_summary_and_statements_carry_the_hand_figures(test_db, tmp_path) -> None:
    p = october(test_db, tmp_path)
    staff = p["staff1"]
    export(test_db, staff, "summary", tmp_path / "summary.pdf")
    text = pdf_text(tmp_path / "summary.pdf")
    assert "月度结算汇总表" in text and "2026年10月" in text and "草稿" in text
    for figure in ("315.00", "204.00", "107.00", "890.00", "575.00", "-4.00"):
        assert figure in text, figure
    assert chinese_capital(D(204)) == "贰佰零肆元整" and "人民币贰佰零肆元整" in text
    assert "测试场馆C" in text and "无银行账户" in text and "staff1" in text
    assert "未计入结算的券3张" in text  # X1, X2, X3

    export(test_db, staff, "summary", tmp_path / "summary.xlsx")
    ws = load_workbook(tmp_path / "summary.xlsx").active
    cells = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value}
    total_row = next(r for (r, col), v in cells.items() if col == 2 and v == "合计")
    assert [cells[(total_row, col)] for col in (4, 5)] == [10, 1]
    assert [D(str(cells[(total_row, col)])) for col in range(6, 11)] == [
        D(315), D(204), D(107), D(890), D(575)]
    assert isinstance(cells[(total_row, 7)], (int, float))  # numbers as numbers
    assert "人民币贰佰零肆元整" in cells.values()

    export(test_db, staff, "statements", tmp_path / "statements.pdf")
    text = pdf_text(tmp_path / "statements.pdf")
    assert text.count("场馆结算对账单") >= 3
    # venue A: 115 of its vouchers, -4 adjustment, 111 to pay; B 85; C 8
    for capital in ("壹佰壹拾壹元整", "捌拾伍元整", "捌元整"):
        assert "人民币" + capital in text, capital
    plain = text.replace("（", "(").replace("）", ")")
    assert "有未解除的规则标记(订单金额未达到使用门槛)" in plain
    assert "核销时场馆不是定点场馆或无生效协议" in text and "结转自2026-09" in text

    files = export(test_db, staff, "statements", tmp_path / "split", split=True)
    assert len(files) == 3 and all(f.suffix == ".pdf" and f.stat().st_size for f in files)

    export(test_db, staff, "statements", tmp_path / "statements.xlsx")
    wb = load_workbook(tmp_path / "statements.xlsx")
    totals = list(wb["场馆合计"].iter_rows(min_row=2, values_only=True))
    assert sum(D(str(r[4])) for r in totals) == D(208)
    assert sum(D(str(r[9])) for r in totals) == D(204)
    assert len(list(wb["核销明细"].iter_rows(min_row=2))) == 10
    assert {r[7] for r in wb["未计入明细"].iter_rows(min_row=2, values_only=True)} == {
        "有未解除的规则标记", "核销时场馆不是定点场馆或无生效协议"}

    keep = os.environ.get("JD_KEEP_SETTLEMENT_OUTPUTS")  # to look at them (screenshots)
    if keep and not test_db.is_postgres:
        for name in ("summary.pdf", "statements.pdf", "summary.xlsx", "statements.xlsx"):
            shutil.copy(tmp_path / name, Path(keep) / name)
    with test_db.admin_db.session() as s:
        notes = s.execute(select(AuditEvent.actor, AuditEvent.action, AuditEvent.comment)
                          .where(AuditEvent.entity_type == "settlement",
                                 AuditEvent.action.in_(("print", "export")))).all()
    assert len(notes) == 5 and {n.actor for n in notes} == {"staff1"}
    assert any("结算汇总表 2026-10 .pdf" in (n.comment or "") for n in notes)


def test_bank_list_refused_without_the_right_and_csv_sums(test_db, tmp_path) -> None:
    p = october(test_db, tmp_path)
    for who in ("oper",):  # reads settlements, not bank details
        with pytest.raises(PermissionDenied):
            export(test_db, p[who], "bank", tmp_path / "bank.xlsx")
    with pytest.raises(PermissionDenied):
        export(test_db, p["insp"], "bank", tmp_path / "bank.xlsx")
    assert not (tmp_path / "bank.xlsx").exists()
    with pytest.raises(InvalidInput, match=r"应以 \.xlsx / \.csv 结尾"):
        export(test_db, p["staff1"], "bank", tmp_path / "bank.pdf")
    # a draft: the workbook marks C, the CSV for bank portals is refused
    export(test_db, p["staff1"], "bank", tmp_path / "bank.xlsx")
    rows = list(load_workbook(tmp_path / "bank.xlsx").active.iter_rows(values_only=True))
    c_row = next(r for r in rows if r[1] is None and r[8] and "无银行账户" in r[8])
    assert c_row[4] == 8
    assert any(r[0] and "不得据此付款" in str(r[0]) for r in rows)
    with pytest.raises(InvalidInput, match="尚未审批"):
        export(test_db, p["staff1"], "bank", tmp_path / "bank.csv")
    # C gets an account, October is regenerated, verified and approved: the CSV sums to 204
    with test_db.admin_db.session() as s, s.begin():
        c = s.scalars(select(Venue).where(Venue.credit_code == C_VENUE)).one()
        c.bank_name, c.bank_account_number = BANK["bank_name"], "6222020000000003"
        c.bank_account_name = "=HYPERLINK(\"http://x\")测试场馆C"  # formula injection
    with test_db.admin_db.session() as s, s.begin():
        sid = settlement.generate(s, p["staff1"], OCT, today=TODAY).settlement_id
    with test_db.admin_db.session() as s, s.begin():
        settlement.verify(s, p["staff2"], sid)
    with test_db.admin_db.session() as s, s.begin():
        settlement.approve(s, p["boss"], sid)
    export(test_db, p["boss"], "bank", tmp_path / "bank.csv")
    raw = (tmp_path / "bank.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    table = list(csv.reader(io.StringIO(raw.decode("gb18030"))))
    assert table[0][:5] == ["序号", "收款户名", "开户银行", "收款账号", "金额"]
    assert sum(D(r[4]) for r in table[1:]) == D(204) and len(table) == 4
    by_name = {r[1]: r for r in table[1:]}
    assert by_name["'=HYPERLINK(\"http://x\")测试场馆C"][4] == "8.00"
    a = next(r for r in table[1:] if r[1].endswith(GOOD_VENUE[-4:]))
    b = next(r for r in table[1:] if r[1].endswith(SUSPENDED_VENUE[-4:]))
    assert (a[4], b[4], a[3]) == ("111.00", "85.00", BANK["bank_account_number"])
    assert a[6].startswith("JD202610-")
    export(test_db, p["boss"], "bank", tmp_path / "approved.xlsx")
    ws = load_workbook(tmp_path / "approved.xlsx").active
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "'=HYPERLINK(\"http://x\")测试场馆C" in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    assert "人民币贰佰零肆元整" in values


def test_the_export_command(test_db, tmp_path, capsys) -> None:
    october(test_db, tmp_path)
    url = test_db.url
    out = tmp_path / "s.pdf"
    assert cli.main(["settlement", "export", "--month", "2026-10", "--kind", "summary",
                     "--out", str(out), "--database-url", url]) == 0
    assert "贰佰零肆元整" in pdf_text(out)
    assert cli.main(["settlement", "export", "--month", "2026-10", "--kind", "summary",
                     "--out", str(tmp_path / "s.csv"), "--database-url", url]) != 0
    assert ".pdf / .xlsx" in capsys.readouterr().err
    assert not (tmp_path / "s.csv").exists()


def long_statement(count: int) -> VenueStatement:
    at = dt.datetime(2026, 10, 5, 2, tzinfo=dt.UTC)
    vouchers = tuple(StatementVoucher(
        f"JD2026T{n:07d}", f"138****{n:04d}", at, at + dt.timedelta(minutes=n), D(50), D(30),
        D(20), D(120), D(70), SEPT if n == 7 else None) for n in range(1, count + 1))
    excluded = (StatementExclusion("JD2026X0000001", "139****0000", at, D(20), D(15),
                                   "有未解除的规则标记", "订单金额未达到使用门槛"),)
    total = D(30) * count
    return VenueStatement(
        9, "测试长名单场馆（嘉定新城）", OCT, "draft", "草稿", (), vouchers, excluded, count,
        D(50) * count, total, D(20) * count, D(120) * count, D(70) * count, D(0), total, at)


def test_a_long_statement_splits_its_voucher_rows_across_pages(tmp_path) -> None:
    """The voucher rows are drawn by a light flowable: they start under the totals on the
    first page, continue with the header row repeated on every page, end with the totals row,
    then the excluded vouchers and the seals; header, footer and watermark as everywhere."""
    out = tmp_path / "long.pdf"
    render.write_statements_pdf([long_statement(120)], out, invariant=True)
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(out).pages]
    assert len(pages) >= 3
    assert "场馆结算对账单" in pages[0] and "计入本月结算的券（120 张）" in pages[0]
    assert "JD2026T0000001" in pages[0] and "结转自2026-09" in pages[0]
    for n, page in enumerate(pages, start=1):
        assert f"第 {n} 页 / 共 {len(pages)} 页" in page
        assert "草稿" in page
    codes = [[n for n in range(1, 121) if f"JD2026T{n:07d}" in page] for page in pages]
    assert [n for c in codes for n in c] == list(range(1, 121))  # every row once, in order
    second = pages[1]
    assert codes[1] and "序号 券码 市民 领取时间 核销时间 面值 政府补贴 订单金额 备注" in second
    last = next(i for i, c in enumerate(codes) if 120 in c)
    assert "合计 6,000.00 3,600.00 14,400.00" in pages[last]
    assert "有未解除的规则标记" in "".join(pages[last:])
    assert "人民币叁仟陆佰元整" in pages[0]


def test_a_target_that_cannot_be_written_is_refused_before_anything_is_recorded(
        test_db, tmp_path) -> None:
    """The files are written after the transaction: a folder that does not exist (or a file
    where a folder should be) is refused while gathering, so no audit row claims a print that
    never happened, and nothing is left under the chosen name."""
    p = october(test_db, tmp_path)
    staff = p["staff1"]
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "folder.pdf").mkdir()
    for out, kw in ((tmp_path / "missing" / "summary.pdf", {}),
                    (tmp_path / "folder.pdf", {}),  # a folder, not a file
                    (tmp_path / "a-file", {"split": True}),
                    (tmp_path / "a-file" / "below", {"split": True})):
        with pytest.raises(InvalidInput, match=r"无法写入文件|无法创建文件夹"):
            export(test_db, staff, "statements" if kw else "summary", out, **kw)
    assert not (tmp_path / "missing").exists()
    with test_db.admin_db.session() as s:
        assert not s.scalars(select(AuditEvent).where(
            AuditEvent.entity_type == "settlement",
            AuditEvent.action.in_(("print", "export")))).all()
    # a folder made for the split output, with its parents
    files = export(test_db, staff, "statements", tmp_path / "new" / "split", split=True)
    assert len(files) == 3 and all(f.parent == tmp_path / "new" / "split" for f in files)

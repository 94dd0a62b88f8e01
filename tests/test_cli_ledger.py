"""``jd-admin batches add|list|activate|close`` and the exit codes of ``vouchers import``
(issue 10, item 7), in-process through ``cli.main`` on both dialects."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from voucher_support import KEY, row, setup_ledger, t, write_csv

from jd_admin import cli
from jd_admin.models import IssuanceBatch, Voucher, VoucherImport


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``jd-admin argv`` in this process: (exit code, stdout, stderr); a usage error is 2."""
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:  # argparse refusing an argument
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _count(test_db, model: type) -> int:
    with test_db.admin_db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


ADD = ("batches", "add", "2026-12", "--name", "十二月消费券", "--budget", "50000",
       "--from", "2026-12-01", "--to", "2026-12-31", "--count", "20=100", "--count", "50=10")


def test_batches_add_list_activate_close(capsys, test_db) -> None:
    url = ("--database-url", test_db.url)
    code, out, err = run(capsys, *ADD, *url)
    assert code == 0, err
    assert "已创建发放批次 2026-12（草稿），共 110 张" in out
    with test_db.admin_db.session() as s:
        batch = s.scalars(select(IssuanceBatch).where(IssuanceBatch.code == "2026-12")).one()
        assert batch.status == "draft" and batch.budget == 50000
        assert [(int(f.face_value), f.count) for f in batch.face_values] == [(20, 100), (50, 10)]
        # a bare date: from the day's start to the last second of the end day (Shanghai)
        assert batch.claim_start.isoformat() == "2026-11-30T16:00:00+00:00"
        assert batch.claim_end.isoformat() == "2026-12-31T15:59:59+00:00"
    code, out, err = run(capsys, "batches", "list", *url)
    assert code == 0, err
    line = next(line for line in out.splitlines() if line.startswith("2026-12\t"))
    assert "十二月消费券\t草稿\t2026-12-01 00:00 – 2026-12-31 23:59\t50000.00" in line
    assert "20=100 50=10" in line
    code, _, err = run(capsys, "batches", "close", "2026-12", *url)
    assert code == 1 and "不能从“草稿”变为“已关闭”" in err
    assert run(capsys, "batches", "activate", "2026-12", *url)[0] == 0
    code, out, err = run(capsys, "batches", "close", "2026-12", *url)
    assert code == 0 and "发放批次 2026-12：已关闭" in out, err
    code, out, _ = run(capsys, "batches", "list", "--status", "active", *url)
    assert "2026-12" not in out
    code, out, _ = run(capsys, "batches", "list", "--status", "closed", *url)
    assert "2026-12\t" in out
    code, out, err = run(capsys, "batches", "add", "2027-01", "--name", "一月", "--budget", "1000",
                         "--from", "2027-01-01 08:00", "--to", "2027-01-31", "--count",
                         "10=5", "--activate", *url)
    assert code == 0 and "（发放中）" in out, err


@pytest.mark.parametrize(("change", "exit_code", "message"), [
    ({"--count": "20"}, 2, "面值=张数"),
    ({"--count": "20=-3"}, 2, "面值=张数"),
    ({"--budget": "-5"}, 2, "预算应为大于 0 的金额"),
    ({"--budget": "abc"}, 2, "预算应为大于 0 的金额"),
    ({"--from": "2026-13-01"}, 2, "时间应写作 YYYY-MM-DD"),
    ({"--to": "2026-11-30"}, 1, "领取截止时间必须晚于开始时间"),
    ({"--count": "7=10"}, 1, "没有这些面值：7"),
    ({"--name": " "}, 1, "请填写批次名称"),
])
def test_batches_add_bad_arguments(capsys, test_db, change, exit_code, message) -> None:
    argv = list(ADD)
    for option, value in change.items():
        i = argv.index(option)
        argv[i + 1] = value
    code, _, err = run(capsys, *argv, "--database-url", test_db.url)
    assert code == exit_code and message in err, err
    assert _count(test_db, IssuanceBatch) == 0


def test_batches_refusals_name_the_batch(capsys, test_db) -> None:
    url = ("--database-url", test_db.url)
    assert run(capsys, *ADD, *url)[0] == 0
    code, _, err = run(capsys, *ADD, *url)
    assert code == 1 and "批次编号 2026-12 已存在" in err
    code, _, err = run(capsys, "batches", "close", "2099-01", *url)
    assert code == 1 and "没有编号为 2099-01 的发放批次" in err
    code, _, err = run(capsys, *ADD[:2], "2026-13", *ADD[3:], "--count", "20=5", *url)
    assert code == 2 and "面值 20 元重复给出了数量" in err
    code, _, err = run(capsys, *ADD[:2], "2026-14", *ADD[3:], "--restriction", "NOPE", *url)
    assert code == 1 and "没有编号为 NOPE 的专项券限制" in err


def _file(tmp_path: Path) -> Path:
    """Four data rows, one of them rejected (an unknown batch)."""
    return write_csv(tmp_path / "v.csv", [row("K1", "k1", t(16)), row("K2", "k2", t(16)),
                                          row("K3", "k3", t(16)),
                                          row("K4", "k4", t(16), batch="NOPE")])


def test_import_exit_codes_and_max_rejected(capsys, monkeypatch, test_db, tmp_path) -> None:
    monkeypatch.setenv("JD_ADMIN_PSEUDONYM_KEY", KEY.hex())
    setup_ledger(test_db)
    url = ("--database-url", test_db.url)
    path = _file(tmp_path)
    for limit, share in (("0", "25.0"), ("20%", "25.0")):
        code, out, err = run(capsys, "vouchers", "import", str(path), "--max-rejected", limit,
                             *url)
        assert code == cli.EXIT_TOO_MANY_REJECTED == 7, err
        assert (f"拒绝 1 行（共 4 行数据，占 {share}%），超过上限 {limit}：整个文件未导入，"
                "数据库未作任何更改") in err
        assert "第 5 行“批次编号”列：没有编号为“NOPE”的发放批次" in out
        assert (_count(test_db, Voucher), _count(test_db, VoucherImport)) == (0, 0)
    code, out, err = run(capsys, "vouchers", "import", str(path), "--max-rejected", "25%", *url)
    assert code == cli.EXIT_ROWS_REJECTED == 6, err
    assert "新增 3，更新 0，未变 0，拒绝 1" in out and "退出码 6" in err
    assert _count(test_db, Voucher) == 3
    good = write_csv(tmp_path / "good.csv", [row("K5", "k5", t(16))])
    code, out, err = run(capsys, "vouchers", "import", str(good), "--max-rejected", "0", *url)
    assert code == 0, err
    code, out, err = run(capsys, "vouchers", "import", str(path), *url)  # no limit: imported
    assert code == 6 and "未变 3，拒绝 1" in out, err
    bad = write_csv(tmp_path / "bad.csv", [row("K9", "k9", t(16), batch="NOPE")])
    code, _, err = run(capsys, "vouchers", "import", str(bad), *url)
    assert code == 1 and "没有导入任何数据" in err


@pytest.mark.parametrize("limit", ["abc", "-1", "101%", "x%"])
def test_max_rejected_must_be_a_count_or_a_share(capsys, tmp_path, limit) -> None:
    code, _, err = run(capsys, "vouchers", "import", str(tmp_path / "v.csv"),
                       f"--max-rejected={limit}")
    assert code == 2 and "拒绝上限应写作行数（如 10）或百分比（如 5%）" in err and limit in err

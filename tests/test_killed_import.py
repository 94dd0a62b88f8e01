"""Drill (issue 14): ``jd-admin vouchers import`` killed (SIGKILL) in the middle of writing a
big file into a SQLite database. Afterwards the file is intact (``PRAGMA integrity_check``),
the ledger is as it was (the import is one transaction: the rollback journal SQLite left is
rolled back by the next connection), and the same command imports the whole file.

The import is killed once it writes into the database file itself: the rollback journal
(``FILE-journal``, created at the transaction's first write, deleted at its commit) exists and
the file has changed (the transaction outgrew SQLite's page cache) — the worst moment: half
the new pages are in the file, and only the journal can undo them."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import make_url
from voucher_support import KEY, code, row, setup_ledger, write_csv

ROWS = 30_000
TABLES = ("voucher", "voucher_import", "citizen", "voucher_violation", "voucher_day_stat",
          "audit_event")


def ledger(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as c:
        return {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def big_file(path: Path) -> Path:
    """``ROWS`` vouchers of 3,000 citizens in November, half of them redeemed."""
    start = dt.datetime(2026, 11, 1, 8)
    rows = []
    for n in range(ROWS):
        claimed = start + dt.timedelta(seconds=n * 60)
        redeemed = (claimed + dt.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M:%S") \
            if n % 2 else ""
        rows.append(row(code(5_000_000 + n), f"139{n % 3000:08d}",
                        claimed.strftime("%Y-%m-%d %H:%M:%S"), redeemed))
    return write_csv(path, rows)


def jd_admin(*argv: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "jd_admin", *argv], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_an_import_killed_mid_write_leaves_the_ledger_and_reruns(sqlite_db,
                                                                 tmp_path: Path) -> None:
    setup_ledger(sqlite_db)
    sqlite_db.close()
    database = Path(make_url(sqlite_db.url).database or "")
    file = big_file(tmp_path / "big.csv")
    before = ledger(database)
    env = {**os.environ, "JD_ADMIN_PSEUDONYM_KEY": KEY.hex(),
           "PYTHONPATH": os.pathsep.join(p for p in (str(Path.cwd()),
                                                      os.environ.get("PYTHONPATH")) if p)}
    url = ["--database-url", sqlite_db.url]

    proc = jd_admin("vouchers", "import", str(file), *url, env=env)
    journal = database.with_name(database.name + "-journal")
    untouched = (database.stat().st_size, database.stat().st_mtime_ns)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        # writing: the journal holds the pages' old contents, and the database file itself
        # has been written to (the transaction outgrew SQLite's page cache)
        if journal.exists() and (database.stat().st_size,
                                 database.stat().st_mtime_ns) != untouched:
            break
        time.sleep(0.002)
    assert proc.poll() is None, ("the import ended before it could be killed: make the file "
                                 f"bigger ({proc.communicate()})")
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    assert journal.exists()  # the hot journal of the cut-off transaction
    assert (database.stat().st_size, database.stat().st_mtime_ns) != untouched

    with closing(sqlite3.connect(database)) as c:  # (rolls the journal back, as the program)
        assert c.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert ledger(database) == before  # nothing partial

    rerun = jd_admin("vouchers", "import", str(file), *url, env=env)
    _out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    after = ledger(database)
    assert after["voucher"] == before["voucher"] + ROWS
    assert after["voucher_import"] == before["voucher_import"] + 1
    with closing(sqlite3.connect(database)) as c:
        assert c.execute("PRAGMA integrity_check").fetchall() == [("ok",)]



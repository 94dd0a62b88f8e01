"""Refused SQLite logins take the same time whether or not the user exists (issue 9, item 7).

    .venv/bin/python benchmarks/login_timing.py [--rounds 10]

Times wrong-password logins for an unknown user name, a known one and a locked one on a fresh
SQLite file, and prints the medians and their ratios to the known user's (target: 0.8-1.25).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("JD_ADMIN_DATA_DIR", tempfile.mkdtemp(prefix="jd_admin_bench_"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import update
from sqlalchemy.engine import make_url

from jd_admin import db
from jd_admin.config import DatabaseTarget
from jd_admin.domain.errors import AuthenticationFailed
from jd_admin.login import LocalLockout, login
from jd_admin.models import AppUser, Role
from jd_admin.models.base import utcnow
from jd_admin.services.accounts import users
from jd_admin.services.actor import system_actor


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="jd_admin_login_"))
    target = DatabaseTarget(make_url(f"sqlite:///{work / 'jd.sqlite3'}"))
    database = db.Database(target, db.make_engine(target.url))
    db.upgrade(database.engine)
    with database.session() as s, s.begin():
        for name in ("known", "locked"):
            users.create_user(s, system_actor("bench"), name, name, Role.BUREAU_STAFF,
                              "Right#Pass2026", None)
        s.execute(update(AppUser).where(AppUser.username == "locked")
                  .values(locked_until=utcnow() + dt.timedelta(days=1)))
    database.dispose()
    times: dict[str, list[float]] = {"unknown": [], "known": [], "locked": []}
    for _ in range(args.rounds):
        for name, samples in times.items():
            lockout = LocalLockout(work / f"lockout-{name}.json")  # fresh: no local lockout
            start = time.perf_counter()
            with contextlib.suppress(AuthenticationFailed):
                login(target, name if name != "unknown" else "nobody", "Wrong#Pass9",
                      lockout=lockout)
            samples.append(time.perf_counter() - start)
            (work / f"lockout-{name}.json").unlink(missing_ok=True)
    known = statistics.median(times["known"])
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"{name:<8} median {median * 1000:7.1f} ms   ratio to known {median / known:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

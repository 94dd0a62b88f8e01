#!/usr/bin/env python3
"""The body of the server's voucher check, compiled from the rule checks of
``jd_admin/services/vouchers/checks.py`` (one source for both dialects).

    python tools/voucher_check_sql.py [OUT]

prints (or writes to OUT) the PL/pgSQL statements that ``jd_check_vouchers`` runs: the
PostgreSQL compilation, binds as literals, of :func:`check_statements` for a scoped and for a
whole-ledger check, each statement followed by the row count it adds to. A migration installs
a frozen copy of this text (the first: ``0011``); ``tests/test_voucher_guards.py`` compiles
checks.py again and compares it with the function installed in the database, so a changed rule
without a new migration fails the tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import func
from sqlalchemy.dialects import postgresql

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jd_admin.models.base import UTCDateTime  # noqa: E402
from jd_admin.services.vouchers.checks import check_statements  # noqa: E402


def compiled(statement: object) -> str:
    return str(statement.compile(  # type: ignore[attr-defined]
        dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})).strip()


def block(scoped: bool) -> str:
    """The statements of one kind of check as PL/pgSQL, with the counters updated."""
    out = []
    now = func.now(type_=UTCDateTime())
    for step in check_statements(scoped, now):
        sql = compiled(step.statement)
        if step.counts == "checked":
            out.append(f"{sql}\n  INTO n;\nchecked := checked + n;")
        else:
            out.append(sql + ";")
            if step.counts is not None:
                out.append(f"GET DIAGNOSTICS n = ROW_COUNT;\n{step.counts} := {step.counts} + n;")
    return "\n".join(out)


def body() -> str:
    """Both blocks: the scoped one, then the whole-ledger one."""
    return f"-- scoped\n{block(True)}\n-- whole ledger\n{block(False)}\n"


def main(argv: list[str]) -> int:
    text = body()
    if len(argv) > 1:
        Path(argv[1]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

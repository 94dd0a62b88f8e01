"""Vouchers and their flags guarded and checked by the server (migration 0011; issue 9,
findings 3 and 4), tried as the real login roles would in psql; flags withdrawn, not deleted,
on both dialects."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from sql_support import sqlstate
from sqlalchemy import func, insert, select, text
from voucher_support import KEY, row, setup_ledger, t, write_csv

from jd_admin.models import Role, Voucher, VoucherViolation
from jd_admin.services.actor import system_actor
from jd_admin.services.vouchers import checks as voucher_checks
from jd_admin.services.vouchers import flags as vouchers
from jd_admin.services.vouchers import importer as voucher_import

ROOT = Path(__file__).resolve().parent.parent
OPERATOR = system_actor("operator-test")


def _tool():
    spec = importlib.util.spec_from_file_location("voucher_check_sql",
                                                  ROOT / "tools" / "voucher_check_sql.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


COLUMNS = ("code", "batch_id", "face_value", "subsidy", "concession", "min_order",
           "face_rule_from", "citizen_id", "citizen_group", "claimed_at", "redeemed_at",
           "claim_day", "claim_week", "use_day", "use_week", "expires_at", "venue_credit_code",
           "venue_id", "sport", "order_amount", "paid_amount", "import_id", "settlement_id",
           "updated_at")


def copy_of(source: str, code: str, **changed: str) -> str:
    """SQL inserting a copy of voucher ``source`` as ``code``, with ``changed`` expressions."""
    values = {c: c for c in COLUMNS} | {"code": f"'{code}'"} | changed
    return (f"INSERT INTO voucher ({', '.join(COLUMNS)}) SELECT "
            f"{', '.join(values[c] for c in COLUMNS)} FROM voucher WHERE code = '{source}'")



def _ledger(test_db, tmp_path: Path) -> None:
    """A1 and A2 of citizen a (A2 redeemed, A3 over the weekly claim limit of 2), B1 unused."""
    setup_ledger(test_db, weekly_claim_limit=2)
    rows = [row("A1", "a", t(16)), row("A2", "a", t(17), t(17, 12)), row("A3", "a", t(18)),
            row("B1", "b", t(16))]
    with test_db.admin_db.session() as s, s.begin():
        summary = voucher_import.import_vouchers(s, OPERATOR, write_csv(tmp_path / "v.csv", rows),
                                                 key=KEY)
    assert summary.rejected == 0 and summary.flagged == {"WEEKLY_CLAIMS": 1}


def _open_flags(test_db) -> dict[str, set[str]]:
    with test_db.admin_db.session() as s:
        found: dict[str, set[str]] = {}
        for code, flag in s.execute(select(Voucher.code, VoucherViolation.code)
                                    .join(VoucherViolation).where(VoucherViolation.is_open)):
            found.setdefault(code, set()).add(flag)
        return found


def test_a_flag_no_longer_found_is_withdrawn_not_deleted(test_db, tmp_path) -> None:
    _ledger(test_db, tmp_path)
    with test_db.admin_db.session() as s, s.begin():
        b1 = s.scalar(select(Voucher.id).where(Voucher.code == "B1"))
        s.execute(insert(VoucherViolation).values(voucher_id=b1, code="EXPIRED",
                                                  rule_version="x", detail=""))
    with test_db.admin_db.session() as s, s.begin():
        result = voucher_checks.recheck(s)
        assert result.flags_removed == 1
        stored = s.get(VoucherViolation, (b1, "EXPIRED"))
        assert stored is not None and stored.withdrawn_at is not None
        assert voucher_checks.flag_counts(s) == {"WEEKLY_CLAIMS": 1}
        assert not stored.is_open
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(Exception, match="撤销"):
            vouchers.clear_flag(s, test_db.system_actor, b1, "EXPIRED", "看过了")
    assert _open_flags(test_db) == {"A3": {"WEEKLY_CLAIMS"}}


@pytest.mark.postgres
def test_the_server_check_is_the_compiled_checks(pg_db) -> None:
    """Changing a rule in checks.py without a migration installing it fails here."""
    with pg_db.admin_db.session() as s:
        source = s.scalar(text("SELECT prosrc FROM pg_proc WHERE proname = 'jd_check_vouchers'"))
    tool = _tool()
    for scoped, name in ((True, "scoped"), (False, "whole")):
        installed = source.split(f"-- BEGIN {name}\n")[1].split(f"\n    -- END {name}")[0]
        assert installed.strip() == tool.block(scoped).strip()


@pytest.mark.postgres
def test_the_operator_cannot_delete_flags_or_rewrite_vouchers(pg_db, tmp_path) -> None:
    _ledger(pg_db, tmp_path)
    with pg_db.admin_db.engine.begin() as conn:  # settlements 1 and 7 exist (the owner's rows)
        for sid, month in ((1, "2026-01-01"), (7, "2026-02-01")):
            conn.execute(text(
                "INSERT INTO settlement (id, month, status, voucher_count, face_total, subsidy, "
                "concession, order_total, citizen_paid, excluded_count, carried_count, "
                "warnings, by_batch, generated_by, generated_at, version, created_at, "
                "updated_at) VALUES (:i, :m, 'draft', 0, 0, 0, 0, 0, 0, 0, 0, '[]', '[]', "
                "'t', now(), 1, now(), now())"), {"i": sid, "m": month})
    pg_db.make_user("operat", Role.OPERATOR)
    op = pg_db.open_as("operat").engine
    a2 = "(SELECT id FROM voucher WHERE code = 'A2')"
    refused = {
        "DELETE FROM voucher_violation": "42501",
        "DELETE FROM voucher": "42501",
        "INSERT INTO voucher_violation (voucher_id, code, rule_version, detail, flagged_at) "
        f"VALUES ({a2}, 'EXPIRED', 'x', '', now())": "42501",
        "UPDATE voucher_violation SET withdrawn_at = now()": "42501",
        "UPDATE voucher SET face_value = 8000, subsidy = 5000, concession = 3000 "
        "WHERE code = 'A1'": "42501",
        "UPDATE voucher SET subsidy = subsidy + 100, concession = concession - 100 "
        "WHERE code = 'A1'": "42501",
        "UPDATE voucher SET settlement_id = 1 WHERE code = 'A1'": "42501",
        "UPDATE voucher SET citizen_id = (SELECT citizen_id FROM voucher WHERE code = 'B1') "
        "WHERE code = 'A1'": "42501",
        "UPDATE voucher SET redeemed_at = redeemed_at + interval '1 hour' "
        "WHERE code = 'A2'": "42501",
        "UPDATE voucher SET venue_id = NULL WHERE code = 'A2'": "42501",
        "UPDATE voucher SET code = 'Z9' WHERE code = 'A1'": "42501",
        # a redemption may arrive, but consistent with what it is derived from
        "UPDATE voucher SET venue_id = (SELECT min(id) FROM venue) WHERE code = 'A1'": "22023",
        "UPDATE voucher SET redeemed_at = claimed_at + interval '1 hour' "
        "WHERE code = 'A1'": "22023",
        # a new voucher: consistent with the face table and the calendar, never settled
        copy_of("A1", "N1", subsidy="subsidy + 1", concession="concession - 1"): "22023",
        copy_of("A1", "N1", claim_day="claim_day - 1"): "22023",
        copy_of("A1", "N1", expires_at="expires_at + interval '1 day'"): "22023",
        copy_of("A1", "N1", settlement_id="7"): "42501",
    }
    for sql, state in refused.items():
        assert sqlstate(op, sql) == state, sql
    with pg_db.admin_db.engine.begin() as conn:  # settled by the owner (the settlement's way)
        conn.execute(text("UPDATE voucher SET settlement_id = 1 WHERE code = 'B1'"))
    assert sqlstate(op, "UPDATE voucher SET redeemed_at = claimed_at + interval '1 hour', "
                         "use_day = claim_day WHERE code = 'B1'") == "42501"
    for role in (Role.SUBDISTRICT, Role.ADMIN, Role.BUREAU_STAFF):
        name = f"u_{role.value}"
        pg_db.make_user(name, role, subdistrict="南翔镇" if role == Role.SUBDISTRICT else None)
        engine = pg_db.open_as(name).engine
        for sql in ("DELETE FROM voucher_violation", "DELETE FROM voucher",
                    "UPDATE voucher SET settlement_id = 1",
                    "SELECT * FROM jd_check_vouchers(NULL)" if role != Role.BUREAU_STAFF
                    else "DELETE FROM voucher_check_pending"):
            assert sqlstate(engine, sql) == "42501", (role, sql)
    assert _open_flags(pg_db) == {"A3": {"WEEKLY_CLAIMS"}}


@pytest.mark.postgres
def test_bureau_staff_clear_flags_with_a_reason_the_server_signs(pg_db, tmp_path) -> None:
    _ledger(pg_db, tmp_path)
    pg_db.make_user("staffer", Role.BUREAU_STAFF)
    staff = pg_db.open_as("staffer").engine
    a3 = "voucher_id = (SELECT id FROM voucher WHERE code = 'A3')"
    assert sqlstate(staff, "DELETE FROM voucher_violation") == "42501"
    assert sqlstate(staff, f"UPDATE voucher_violation SET clear_reason = ' ' "
                            f"WHERE {a3}") == "22023"
    assert sqlstate(staff, f"UPDATE voucher_violation SET rule_version = 'x' "
                            f"WHERE {a3}") == "42501"
    with staff.begin() as conn:
        conn.execute(text(f"UPDATE voucher_violation SET clear_reason = '已核实', "
                          f"cleared_by = 'someone', cleared_at = '2020-01-01' WHERE {a3}"))
    with pg_db.admin_db.engine.connect() as conn:
        by, late = conn.execute(text(f"SELECT cleared_by, cleared_at > now() - interval '1 hour' "
                                     f"FROM voucher_violation WHERE {a3}")).one()
    assert (by, late) == ("staffer", True)
    assert sqlstate(staff, f"UPDATE voucher_violation SET cleared_at = NULL, cleared_by = NULL, "
                            f"clear_reason = NULL WHERE {a3}") == "JD422"


@pytest.mark.postgres
def test_a_voucher_written_in_psql_is_held_out_until_the_server_checked_it(pg_db,
                                                                             tmp_path) -> None:
    _ledger(pg_db, tmp_path)
    pg_db.make_user("operat", Role.OPERATOR)
    pg_db.make_user("staffer", Role.BUREAU_STAFF)
    op = pg_db.open_as("operat").engine

    def checked() -> set[str]:
        with pg_db.admin_db.engine.connect() as conn:
            return set(conn.execute(text("SELECT v.code FROM voucher v JOIN voucher_checked c "
                                         "ON c.id = v.id")).scalars())

    assert checked() == {"A1", "A2", "A3", "B1"}
    with op.begin() as conn:  # a fourth claim of citizen a, in the same week: over the limit
        conn.execute(text(copy_of("A3", "A4", claimed_at="claimed_at + interval '1 minute'",
                                  expires_at="expires_at + interval '1 minute'")))
    # held out: the new voucher, its citizen's others and the vouchers of its batch
    assert checked() == set()
    assert "A4" not in _open_flags(pg_db)
    with pg_db.open_as("staffer").engine.begin() as conn:
        assert conn.execute(text("SELECT checked FROM jd_check_vouchers('{}')")).scalar() == 4
    assert checked() == {"A1", "A2", "A3", "A4", "B1"}
    assert _open_flags(pg_db) == {"A3": {"WEEKLY_CLAIMS"}, "A4": {"WEEKLY_CLAIMS"}}
    with op.begin() as conn:  # the redemption arrives by psql
        conn.execute(text("UPDATE voucher SET redeemed_at = claimed_at + interval '1 hour', "
                          "use_day = claim_day, use_week = claim_week WHERE code = 'B1'"))
    assert "B1" not in checked()
    with op.begin() as conn:
        conn.execute(text("SELECT * FROM jd_check_vouchers('{}')"))
    assert "B1" in checked()


@pytest.mark.postgres
def test_the_operator_login_imports_and_the_server_checks(pg_db, tmp_path) -> None:
    """The import as the operator's own login passes the guards (a later file bringing a
    redemption included); a changed claim is refused for its row."""
    setup_ledger(pg_db, weekly_claim_limit=2)
    pg_db.make_user("operat", Role.OPERATOR)
    database = pg_db.open_as("operat")
    actor = pg_db.actor("operat")

    def run(name: str, rows: list[list[str]]):
        with database.session() as s, s.begin():
            return voucher_import.import_vouchers(s, actor, write_csv(tmp_path / name, rows),
                                                  key=KEY)

    first = run("a.csv", [row("A1", "a", t(16)), row("A2", "a", t(17)), row("A3", "a", t(18))])
    assert first.flagged == {"WEEKLY_CLAIMS": 1}
    second = run("b.csv", [row("A1", "a", t(16), t(16, 12)), row("A2", "b", t(17))])
    assert (second.updated, second.rejected) == (1, 1)
    assert "不能更改" in second.errors[0].reason
    with pg_db.admin_db.session() as s:
        assert s.scalar(select(func.count()).select_from(text("voucher_check_pending"))) == 0
        assert s.scalar(select(func.count()).select_from(text("voucher_checked"))) == 3

"""A hostile try at the early-warning rules (issue 12) as each real login, in plain SQL: a rule
kept only in Python can be skipped by psql. Held vouchers are released only by a decision, a
held or violation voucher is never paid, warnings and their vouchers are not forged, alert
lines and parameters are never dated in the past, and a login reads only its own — each
refusal next to the legitimate path that still works (migrations 0027 and 0029)."""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError
from test_settlement import OCT, TODAY, build, people
from test_warning_verification import venue_id
from voucher_support import GOOD_VENUE, SUSPENDED_VENUE

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.warnings import PARAMETERS, Signal
from jd_admin.models import Voucher
from jd_admin.services import clock, settlement, warnings

pytestmark = pytest.mark.postgres

OCT5, OCT6 = dt.date(2026, 10, 5), dt.date(2026, 10, 6)
ROLES = ("oper", "staff1", "boss", "admin1", "nxc", "insp")
NEW_WARNING = ("INSERT INTO venue_warning (venue_id, signal, day, figures, explanation, evidence, "
               "status, assigned_to, created_by, created_at, version, venue_suspended) VALUES "
               "(:venue, :signal, :day, '{}', :explanation, :evidence, :status, :assigned, "
               ":by, :at, 1, false) RETURNING created_by, created_at")

Attempt = Callable[..., str | None]


def attempts(engines: dict[str, Engine], defaults: dict[str, Any]) -> Attempt:
    """``attempt(who, sql, **params)``: None if it changed (or read) a row, committed; else the
    SQLSTATE of the refusal, or "no row"."""

    def attempt(who: str, sql: str, **params: object) -> str | None:
        try:
            with engines[who].begin() as c:
                result = c.execute(text(sql), {**defaults, **params})
                changed = len(result.all()) if result.returns_rows else result.rowcount
        except DBAPIError as exc:
            return str(exc.orig.sqlstate)
        return None if changed else "no row"

    return attempt


def codes(pg_db) -> dict[str, int]:
    with pg_db.admin_db.session() as s:
        return {c: i for c, i in s.execute(select(Voucher.code, Voucher.id))}


def setting(pg_db, tmp_path) -> tuple[dict[str, Any], Attempt, dict[str, int]]:
    """The ledger, the people (and 嘉定镇街道's subdistrict login jdz), a warning filed by the
    operator on O1 (南翔镇's venue, the 5th) and one on O2 (the 6th)."""
    build(pg_db, tmp_path)
    p = people(pg_db)
    pg_db.make_user("jdz", "subdistrict", subdistrict="嘉定镇街道")
    good = venue_id(pg_db, GOOD_VENUE)
    with pg_db.open_as("oper").session() as s, s.begin():
        w1 = warnings.file_warning(s, p["oper"], good, OCT5, "x", "y", voucher_codes=["O1"],
                                   today=TODAY)
        w2 = warnings.file_warning(s, p["oper"], good, OCT6, "x", "y", voucher_codes=["O2"],
                                   today=TODAY)
    engines = {n: pg_db.open_as(n).engine for n in (*ROLES, "jdz", "staff2")}
    ids = codes(pg_db)
    return ({"p": p, "w1": w1, "w2": w2, "good": good, "engines": engines},
            attempts(engines, {"w": w1, "w2": w2}), ids)


def test_held_vouchers_are_released_only_by_a_decision(pg_db, tmp_path) -> None:
    ctx, attempt, ids = setting(pg_db, tmp_path)
    for who in ROLES:  # nobody takes a voucher off a warning, or moves it to another
        assert attempt(who, "DELETE FROM warning_voucher WHERE warning_id = :w") == "42501"
        assert attempt(who, "UPDATE warning_voucher SET warning_id = :w2 "
                            "WHERE warning_id = :w") == "42501"
        assert attempt(who, "UPDATE warning_voucher SET voucher_id = :v WHERE warning_id = :w",
                       v=ids["O4"]) == "42501"
        assert attempt(who, "TRUNCATE warning_voucher") == "42501"
        assert attempt(who, "DELETE FROM venue_warning WHERE id = :w") == "42501"
        # what a warning is about never changes (the scan's roles update its figures only)
        for column, value in (("signal", "burst"), ("day", "2026-10-04"),
                              ("venue_id", venue_id(pg_db, SUSPENDED_VENUE))):
            assert attempt(who, f"UPDATE venue_warning SET {column} = :x WHERE id = :w",
                           x=value) == "42501", (who, column)
    # only the bureau's staff take the steps (the approver, the administrator, the operator,
    # a subdistrict and an inspector may not close it as normal)
    close = ("UPDATE venue_warning SET status = 'closed_normal', finding = '正常', "
             "assigned_to = 'staff1', closed_by = :by, closed_at = now() WHERE id = :w")
    for who in ("oper", "boss", "admin1", "nxc", "insp"):
        assert attempt(who, close, by=ctx["p"][who].username) == "42501", who
    assert attempt("staff1", close, by="staff1") == "JD422"  # not without verifying first
    start = "UPDATE venue_warning SET status = 'verifying', assigned_to = :a WHERE id = :w"
    assert attempt("staff1", start, a="boss") == "JD422"  # the verifier: active bureau staff
    assert attempt("staff1", "UPDATE venue_warning SET started_at = now() WHERE id = :w") \
        == "JD422"  # the server's, at the step
    assert attempt("staff1", start, a="staff2") is None
    assert attempt("staff1", "UPDATE venue_warning SET status = 'open', assigned_to = NULL "
                             "WHERE id = :w") == "JD422"
    assert attempt("staff1", "UPDATE venue_warning SET status = 'open' WHERE id = :w") == "JD422"
    assert attempt("staff1", "UPDATE venue_warning SET figures = '{}' WHERE id = :w") == "JD422"
    assert attempt("staff1", "UPDATE venue_warning SET started_at = '2020-01-01' "
                             "WHERE id = :w") == "JD422"
    for finding in ("NULL", "' '"):  # not without a finding
        assert attempt("staff1", f"UPDATE venue_warning SET status = 'closed_normal', "
                                 f"finding = {finding}, closed_by = 'staff1', "
                                 "closed_at = now() WHERE id = :w") in ("JD422", "23514")
    assert attempt("staff1", "UPDATE venue_warning SET decision = '扣回' WHERE id = :w") \
        == "JD422"  # decisions come with closing as a violation
    # closed as normal by staff1 (another verifier than the one assigned: the bureau's staff
    # decide): the server writes who closed it and when, whatever the login wrote
    assert attempt("staff1", "UPDATE venue_warning SET status = 'closed_normal', "
                             "finding = '电话回访属实', closed_by = 'boss', "
                             "closed_at = '2020-01-01' WHERE id = :w") is None
    with ctx["engines"]["staff1"].connect() as c:
        closed_by, closed_at, started_at = c.execute(text(
            "SELECT closed_by, closed_at, started_at FROM venue_warning WHERE id = :w"),
            {"w": ctx["w1"]}).one()
    assert closed_by == "staff1"
    assert closed_at.year == started_at.year == clock.now().year and closed_at >= started_at
    # decided: never reopened, its finding and decision never changed, by anybody
    for sql in ("UPDATE venue_warning SET status = 'verifying' WHERE id = :w",
                "UPDATE venue_warning SET status = 'closed_violation' WHERE id = :w",
                "UPDATE venue_warning SET finding = '改判' WHERE id = :w",
                "UPDATE venue_warning SET assigned_to = 'staff1' WHERE id = :w",
                "UPDATE venue_warning SET closed_at = now() WHERE id = :w"):
        assert attempt("staff1", sql) == "JD422", sql


def test_a_held_or_violation_voucher_is_never_paid(pg_db, tmp_path) -> None:
    ctx, attempt, ids = setting(pg_db, tmp_path)
    p = ctx["p"]
    with pg_db.open_as("oper").session() as s, s.begin():
        sid = settlement.generate(s, p["oper"], OCT, today=TODAY).settlement_id
    item = ("INSERT INTO settlement_item (settlement_id, voucher_id, line_id) "
            "SELECT :s, :v, l.id FROM settlement_line l WHERE l.settlement_id = :s "
            "AND l.venue_id = :venue")
    # O1 is held (open warning): marked by hand it is refused; made an item of the draft and
    # marked by the server's function (a draft pays nothing: the check binds at verification)
    assert attempt("oper", "UPDATE voucher SET settlement_id = :s WHERE id = :v", s=sid,
                   v=ids["O1"]) == "42501"
    with ctx["engines"]["oper"].begin() as c:
        c.execute(text(item), {"s": sid, "v": ids["O1"], "venue": ctx["good"]})
    assert attempt("oper", "SELECT jd_settlement_mark(:s)", s=sid) is None
    assert attempt("staff1", "UPDATE settlement SET status = 'verified' WHERE id = :s",
                   s=sid) == "JD422"
    # closed as a violation: still never paid
    with pg_db.open_as("staff1").session() as s, s.begin():
        warnings.start(s, p["staff1"], ctx["w1"], "staff1")
    with pg_db.open_as("staff1").session() as s, s.begin():
        warnings.close(s, p["staff1"], ctx["w1"], warnings.Decision(True, "代客核销"),
                       today=TODAY)
    assert attempt("staff1", "UPDATE settlement SET status = 'verified' WHERE id = :s",
                   s=sid) == "JD422"
    # the legitimate path: regenerated, the draft leaves both held vouchers out and verifies
    with pg_db.open_as("oper").session() as s, s.begin():
        settlement.generate(s, p["oper"], OCT, today=TODAY)
    with pg_db.open_as("staff1").session() as s, s.begin():
        settlement.verify(s, p["staff1"], sid)
    with pg_db.admin_db.session() as s:
        paid = set(s.scalars(select(Voucher.code).where(Voucher.settlement_id == sid)))
    assert paid and not {"O1", "O2"} & paid


def test_warnings_and_their_vouchers_are_not_forged(pg_db, tmp_path) -> None:
    ctx, attempt, ids = setting(pg_db, tmp_path)
    good = ctx["good"]
    row = {"venue": good, "signal": "platform_report", "day": dt.date(2026, 10, 9),
           "explanation": "平台监控发现异常", "evidence": "监控日志", "status": "open",
           "assigned": None, "by": "staff2", "at": dt.datetime(2020, 1, 1, tzinfo=dt.UTC)}
    for who in ("boss", "admin1", "nxc", "insp"):  # filing is the operator's and the bureau's
        assert attempt(who, NEW_WARNING, **row) == "42501", who
    for who in ("oper", "staff1"):
        for forged in ({"status": "verifying", "assigned": "staff1"},
                       {"status": "closed_normal"}, {"status": "closed_violation"},
                       {"assigned": "staff1"},  # open, but already assigned
                       {"evidence": None}, {"evidence": " "},  # hand-filed without evidence
                       {"explanation": "  "},
                       {"signal": "daily_above_line"}):  # a scan's warning carries none
            assert attempt(who, NEW_WARNING, **{**row, **forged}) in ("JD422", "23514"), \
                (who, forged)
    # filed as itself, now, whatever the login wrote
    with ctx["engines"]["oper"].begin() as c:
        by, at = c.execute(text(NEW_WARNING), row).one()
        w3 = c.execute(text("SELECT max(id) FROM venue_warning")).scalar_one()
    assert by == "oper" and at.date() >= clock.today() - dt.timedelta(days=1)
    # a warning's vouchers are vouchers redeemed at its venue, added while it is open
    add = "INSERT INTO warning_voucher (warning_id, voucher_id) VALUES (:w, :v)"
    for who in ("oper", "staff1"):
        assert attempt(who, add, w=w3, v=ids["O6"]) == "JD422"  # another venue's
        assert attempt(who, add, w=w3, v=ids["U1"]) == "JD422"  # never redeemed
        assert attempt(who, "INSERT INTO warning_voucher (warning_id, voucher_id) "
                            "SELECT :w, id FROM voucher", w=w3) == "JD422"  # all of them
    for who in ("boss", "admin1", "nxc", "insp"):
        assert attempt(who, add, w=w3, v=ids["O3"]) == "42501", who
    assert attempt("oper", add, w=w3, v=ids["O3"]) is None  # its venue's, open
    with pg_db.open_as("staff1").session() as s, s.begin():
        warnings.start(s, ctx["p"]["staff1"], w3, "staff1")
    for who in ("oper", "staff1"):  # under verification: what it concerns stays as it is
        assert attempt(who, add, w=w3, v=ids["O4"]) == "42501"
    # the service says the same in Chinese (the operator's own filing, O6 of another venue)
    with pg_db.open_as("oper").session() as s, s.begin(), pytest.raises(
            InvalidInput, match="不是该场馆"):
        warnings.file_warning(s, ctx["p"]["oper"], good, OCT5, "x", "y",
                              voucher_codes=["O6"], today=TODAY)


def test_lines_and_parameters_are_never_dated_in_the_past(pg_db) -> None:
    for name, role in (("admin1", "admin"), ("staff1", "bureau_staff")):
        pg_db.make_user(name, role)
    engines = {n: pg_db.open_as(n).engine for n in ("admin1", "staff1")}
    today = clock.today()  # the server's day (Asia/Shanghai), as the guard reads it
    yesterday, later = today - dt.timedelta(days=1), today + dt.timedelta(days=30)
    attempt = attempts(engines, {"today": today, "yesterday": yesterday, "later": later})
    line = ("INSERT INTO alert_line (venue_id, daily_limit, effective_from, created_by, "
            "created_at) VALUES (NULL, :n, :day, 'someone', '2020-01-01') "
            "RETURNING created_by")
    params = ("INSERT INTO signal_parameter (signal, effective_from, params, created_by, "
              "created_at) VALUES (:signal, :day, CAST(:params AS json), 'someone', "
              "'2020-01-01') RETURNING created_by")
    burst = '{"count": 8, "minutes": 5}'
    assert attempt("staff1", line, n=5, day=later) == "42501"  # the administrator's
    assert attempt("staff1", params, signal="burst", day=later, params=burst) == "42501"
    # dated in the past: refused; the seeded versions (in effect since 2026-01-01) unchanged
    assert attempt("admin1", line, n=5, day=yesterday) == "JD422"
    assert attempt("admin1", params, signal="burst", day=yesterday, params=burst) == "JD422"
    for sql in ("UPDATE alert_line SET daily_limit = 1 WHERE effective_from < :today",
                "UPDATE alert_line SET effective_from = :later WHERE effective_from < :today",
                "UPDATE signal_parameter SET params = '{\"count\": 2, \"minutes\": 1440}' "
                "WHERE signal = 'burst' AND effective_from < :today"):
        assert attempt("admin1", sql) == "JD422", sql
    # today and later: set, as the administrator itself
    with engines["admin1"].begin() as c:
        assert c.execute(text(line), {"n": 150, "day": today}).scalar_one() == "admin1"
        assert c.execute(text(line), {"n": 120, "day": later}).scalar_one() == "admin1"
        assert c.execute(text(params), {"signal": "burst", "day": later,
                                        "params": burst}).scalar_one() == "admin1"
    # a version not yet in effect changes its value only, never into the past
    assert attempt("admin1", "UPDATE alert_line SET daily_limit = 100 "
                             "WHERE effective_from = :later") is None
    for sql in ("UPDATE alert_line SET effective_from = :yesterday WHERE effective_from = :later",
                "UPDATE alert_line SET venue_id = 1 WHERE effective_from = :later",
                "UPDATE alert_line SET created_by = 'staff1' WHERE effective_from = :later",
                "UPDATE signal_parameter SET signal = 'repeat_citizen' "
                "WHERE effective_from = :later"):
        assert attempt("admin1", sql) == "JD422", sql
    # a signal's parameters are its declared ones, each a number in range
    for bad in ('{"count": "abc", "minutes": 5}', '{"count": 1, "minutes": 5}',
                '{"count": 8.5, "minutes": 5}', '{"count": 8}', '{"count": 8, "minutes": 5, '
                '"seconds": 1}', '[8, 5]', '{"count": null, "minutes": 5}'):
        assert attempt("admin1", params, signal="burst", day=today, params=bad) == "JD422", bad
    assert attempt("admin1", params, signal="daily_above_line", day=today,
                   params='{}') == "JD422"  # its line is the alert line
    # the services' path as the administrator's login: a decimal stored exactly (10 → 1E+1)
    admin = pg_db.actor("admin1")
    with pg_db.open_as("admin1").session() as s, s.begin():
        warnings.set_parameters(s, admin, Signal.ABOVE_PATTERN, {"k": "10", "mad_floor": "2.5"},
                                today)
        warnings.set_line(s, admin, None, 180, today)  # replaces today's
    with pg_db.open_as("admin1").session() as s:
        assert warnings.parameters_in_force(s, Signal.ABOVE_PATTERN, today)["k"] == Decimal(10)
        assert warnings.line_in_force(s, 1, today) == 180
        assert warnings.line_in_force(s, 1, yesterday) == 200  # the past: as it was
    # a desktop whose clock is a day behind the server's: the server refuses, in Chinese
    with pg_db.open_as("admin1").session() as s, s.begin():
        with pytest.raises(InvalidInput, match="生效日期不能早于今天"):
            warnings.set_line(s, admin, None, 170, yesterday, today=yesterday)
    with pg_db.open_as("admin1").session() as s, s.begin():
        with pytest.raises(InvalidInput, match="生效日期不能早于今天"):
            warnings.set_parameters(s, admin, Signal.BURST, {"count": 9}, yesterday,
                                    today=yesterday)


def test_warnings_are_read_by_whom_they_concern(pg_db, tmp_path) -> None:
    ctx, attempt, _ids = setting(pg_db, tmp_path)
    engines = ctx["engines"]
    for table in ("venue_warning", "warning_voucher"):  # an inspector reads no warning
        assert attempt("insp", f"SELECT * FROM {table}") == "42501"

    def count(who: str, sql: str) -> int:
        with engines[who].connect() as c:
            return int(c.execute(text(sql), {"w": ctx["w1"]}).scalar_one())

    for who in ("oper", "staff1", "boss", "admin1", "nxc"):
        assert count(who, "SELECT count(*) FROM venue_warning") == 2, who
        assert count(who, "SELECT count(*) FROM warning_voucher") == 2, who
    # another subdistrict reads neither the warnings of 南翔镇's venue, nor their vouchers,
    # nor their history
    for sql in ("SELECT count(*) FROM venue_warning", "SELECT count(*) FROM warning_voucher",
                "SELECT count(*) FROM warning_voucher WHERE warning_id = :w",
                "SELECT count(*) FROM audit_event WHERE entity_type = 'venue_warning'"):
        assert count("jdz", sql) == 0, sql
    assert count("nxc", "SELECT count(*) FROM audit_event "
                        "WHERE entity_type = 'venue_warning'") > 0
    assert attempt("nxc", "SELECT * FROM voucher") == "42501"  # nor the ledger itself


def test_the_parameters_check_is_the_declaration() -> None:
    """Migration 0029's snapshot of the parameters equals domain/warnings.PARAMETERS (a change
    of the declaration needs a revision of the server's check)."""
    path = next((Path(__file__).parents[1] / "jd_admin/migrations/versions")
                .glob("0029_*.py"))
    spec = importlib.util.spec_from_file_location("jd_admin_migration_0029", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    declared = {s.value: tuple((p.name, str(p.low), str(p.high), p.integer) for p in specs)
                for s, specs in PARAMETERS.items()}
    assert declared == module.SPECS

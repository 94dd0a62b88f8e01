"""The audit trail (issue 9, item 5; migration 0012): a hash chain that `audit verify` checks,
the auditor's export, prints and downloads recorded — on both dialects; on PostgreSQL the
tables' triggers, what logins may not do to audit_event and what a subdistrict reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from recruitment_support import PDF, draft_application, open_call, people
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from jd_admin import cli
from jd_admin.domain.access import TABLES
from jd_admin.models import AuditEvent, Role
from jd_admin.services import audit, clock
from jd_admin.services.audit import browse, chain, export
from jd_admin.services.recruitment import applications as recruitment


def _tamper(test_db, *statements: str) -> None:
    """Change audit_event as the database's owner would (PostgreSQL: triggers disabled)."""
    with test_db.admin_db.engine.begin() as conn:
        if test_db.is_postgres:
            conn.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
        for sql in statements:
            conn.execute(text(sql))
        if test_db.is_postgres:
            conn.execute(text("ALTER TABLE audit_event ENABLE TRIGGER USER"))


def _verify(test_db) -> chain.Verification:
    with test_db.admin_db.session() as s:
        return chain.verify(s, test_db.system_actor)


def _some_trail(test_db) -> tuple[object, int]:
    p = people(test_db)
    call_id = open_call(test_db, p.staff)
    return p, draft_application(test_db, p.nanxiang, call_id)


def _seqs(test_db) -> list[int]:
    with test_db.admin_db.session() as s:
        return list(s.scalars(select(AuditEvent.seq).order_by(AuditEvent.seq)))


def test_chain_verifies_and_names_a_changed_row(test_db, capsys) -> None:
    _some_trail(test_db)
    result = _verify(test_db)
    assert result.ok, [str(p.message) for p in result.problems]
    seqs = _seqs(test_db)
    assert seqs == list(range(1, len(seqs) + 1)) and result.head_seq == seqs[-1]
    target = seqs[len(seqs) // 2]
    _tamper(test_db, f"UPDATE audit_event SET comment = 'rewritten' WHERE seq = {target}")
    result = _verify(test_db)
    assert [p.seq for p in result.problems] == [target]
    assert "已被修改" in str(result.problems[0].message)
    code = cli.main(["audit", "verify", "--database-url", test_db.url])
    out, err = capsys.readouterr()
    assert code != 0 and f"序号 {target}" in out and "校验失败" in err


def test_removed_and_reordered_rows_are_found(test_db) -> None:
    _some_trail(test_db)
    seqs = _seqs(test_db)
    gone, a, b = seqs[3], seqs[-3], seqs[-2]
    _tamper(test_db, f"DELETE FROM audit_event WHERE seq = {gone}")
    problems = _verify(test_db).problems
    assert problems and all(p.seq == gone + 1 for p in problems)
    assert any(f"序号 {gone} 的记录缺失" in str(p.message) for p in problems)
    _tamper(test_db, f"UPDATE audit_event SET seq = -1 WHERE seq = {a}",
            f"UPDATE audit_event SET seq = {a} WHERE seq = {b}",
            f"UPDATE audit_event SET seq = {b} WHERE seq = -1")
    flagged = {p.seq for p in _verify(test_db).problems}
    assert {gone + 1, a, b} <= flagged


def test_export_has_the_trail_and_the_chain_head(test_db, tmp_path: Path, capsys) -> None:
    _some_trail(test_db)
    head = _verify(test_db)
    out = tmp_path / "审计.xlsx"
    today = clock.today()
    code = cli.main(["audit", "export", "--from", (today - dt.timedelta(days=1)).isoformat(),
                     "--to", today.isoformat(), "--out", str(out), "--database-url", test_db.url])
    printed, err = capsys.readouterr()
    assert code == 0, err
    assert str(head.head_hash) in printed
    wb = load_workbook(out, read_only=True)
    trail = list(wb["审计日志"].iter_rows(values_only=True))
    assert trail[0][:3] == ("序号", "时间（UTC）", "操作人") and trail[0][-1] == "哈希"
    assert len(trail) - 1 == head.rows
    assert [r[0] for r in trail[1:]] == list(range(1, head.rows + 1))
    info = {r[0]: r[1] for r in wb["校验信息"].iter_rows(values_only=True)}
    assert info["链头哈希"] == head.head_hash == info["本期最后一条哈希"] == trail[-1][-1]
    assert info["本期第一条序号"] == 1
    wb.close()
    with test_db.admin_db.session() as s:  # the export itself is recorded
        assert s.scalar(select(AuditEvent.action).where(AuditEvent.entity_type == "audit_event")
                        ) == "export"
    assert _verify(test_db).ok
    # a subdistrict cannot export (it sees only part of the trail)
    with test_db.admin_db.session() as s, pytest.raises(Exception, match="区体育局"):
        export.export_trail(s, test_db.actor("nx_clerk"), today, today, tmp_path / "x.xlsx")


def test_prints_and_downloads_are_recorded(test_db) -> None:
    p, app_id = _some_trail(test_db)
    with test_db.open_as("staff_a").session() as s, s.begin():
        recruitment.review_form(s, p.staff, app_id)
        info = recruitment.application_detail(s, p.staff, app_id).attachments[0]
        recruitment.attachment_content(s, p.staff, app_id, info.id)
        call_id = s.scalar(text("SELECT call_id FROM application WHERE id = :i"), {"i": app_id})
        recruitment.call_notice(s, p.staff, call_id, "区体育局")
    with test_db.admin_db.session() as s:
        reads = s.execute(select(AuditEvent.actor, AuditEvent.entity_type, AuditEvent.entity_id,
                                 AuditEvent.action)
                          .where(AuditEvent.action.in_(("print", "download")))
                          .order_by(AuditEvent.id)).all()
        steps = audit.history(s, "application", app_id)
    assert [tuple(r) for r in reads] == [
        ("staff_a", "application", str(app_id), "print"),
        ("staff_a", "application", str(app_id), "download"),
        ("staff_a", "recruitment_call", str(call_id), "print")]
    assert all(e.action not in ("print", "download") for e in steps)  # not steps
    assert _verify(test_db).ok


def test_audit_page_list_filters_and_scope(test_db) -> None:
    p, app_id = _some_trail(test_db)
    with test_db.admin_db.session() as s:
        everything = browse.list_events(s, p.staff, browse.AuditFilter())
        mine = browse.list_events(s, p.nanxiang, browse.AuditFilter(
            entity_type="application", entity_id=str(app_id)))
        theirs = browse.list_events(s, p.anting, browse.AuditFilter(
            entity_type="application", entity_id=str(app_id)))
        by_user = browse.list_events(s, p.staff, browse.AuditFilter(actor="nonexistent"))
        future = browse.list_events(s, p.staff, browse.AuditFilter(
            since=clock.today() + dt.timedelta(days=1)))
        created = browse.list_events(s, p.staff, browse.AuditFilter(kind="登记"))
        offered = browse.choices(s, p.staff)
    assert everything and mine and not theirs and not by_user and not future
    assert {r.action for r in created} == {"登记"}
    assert "application" in offered.entity_types
    assert ("INSERT", audit.action_label("insert")) in offered.kinds


# --- PostgreSQL: triggers, privileges, row-level security -----------------------------------

AUDITED_EXCEPTIONS = {name for name, table in TABLES.items() if not table.audited}


@pytest.mark.postgres
def test_every_business_table_has_an_audit_trigger(pg_db) -> None:
    with pg_db.admin_db.engine.connect() as conn:
        tables = set(conn.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())
        audited = set(conn.execute(text(
            "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname LIKE c.relname || '_audit%' AND NOT t.tgisinternal")).scalars())
    assert tables - AUDITED_EXCEPTIONS == audited


@pytest.mark.postgres
def test_a_status_step_in_sql_is_audited_with_the_login(pg_db) -> None:
    p, app_id = _some_trail(pg_db)
    with pg_db.open_as("nx_clerk").engine.begin() as conn:
        conn.execute(text("UPDATE application SET status = 'submitted' WHERE id = :i"),
                     {"i": app_id})
    with pg_db.admin_db.session() as s:
        row = s.execute(select(AuditEvent).where(
            AuditEvent.entity_type == "application", AuditEvent.entity_id == str(app_id),
            AuditEvent.operation == "UPDATE").order_by(AuditEvent.id.desc()).limit(1)
        ).scalar_one()
        steps = audit.history(s, "application", app_id)
    assert row.actor == "nx_clerk" and row.subdistrict_id == p.nanxiang.subdistrict_id
    assert row.details == {"old": {"status": "draft"}, "new": {"status": "submitted"}}
    last = steps[-1]
    assert (last.actor, last.action, last.from_state, last.to_state) == (
        "nx_clerk", "update", "draft", "submitted")
    assert _verify(pg_db).ok


@pytest.mark.postgres
def test_no_login_writes_audit_event(pg_db) -> None:
    from sql_support import sqlstate

    pg_db.make_user("boss", Role.ADMIN)
    pg_db.make_user("staffer", Role.BUREAU_STAFF)
    for name in ("boss", "staffer"):
        engine = pg_db.open_as(name).engine
        for sql in ("INSERT INTO audit_event (occurred_at, actor, entity_type, entity_id, action)"
                    " VALUES (now(), 'x', 'venue', '1', 'forged')",
                    "UPDATE audit_event SET comment = 'x'", "DELETE FROM audit_event",
                    "TRUNCATE audit_event", "SELECT jd_audit_chain()",
                    "SELECT jd_audit_scope('application', '1')"):
            assert sqlstate(engine, sql) == "42501", (name, sql)


@pytest.mark.postgres
def test_a_subdistrict_reads_only_its_own_records_history(pg_db) -> None:
    p, app_id = _some_trail(pg_db)
    count = "SELECT count(*) FROM audit_event WHERE entity_type = 'application' AND entity_id = :i"
    with pg_db.open_as("nx_clerk").engine.connect() as conn:
        assert conn.execute(text(count), {"i": str(app_id)}).scalar() >= 3
    with pg_db.open_as("at_clerk").engine.connect() as conn:
        assert conn.execute(text(count), {"i": str(app_id)}).scalar() == 0
        assert conn.execute(text(
            "SELECT count(*) FROM audit_event WHERE subdistrict_id IS DISTINCT FROM :own "
            "AND actor <> 'at_clerk'"), {"own": p.anting.subdistrict_id}).scalar() == 0
    with pg_db.open_as("oper_a").engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_event WHERE actor <> 'oper_a'")
                            ).scalar() == 0
    with pg_db.open_as("appr_a").engine.connect() as conn:
        assert conn.execute(text(count), {"i": str(app_id)}).scalar() >= 3
    # the service's history through a subdistrict login shows its steps, and another's nothing
    with pg_db.open_as("nx_clerk").session() as s:
        assert [e.action for e in audit.history(s, "application", app_id)] == ["登记", "上传材料"]
    with pg_db.open_as("at_clerk").session() as s:
        assert audit.history(s, "application", app_id) == []
    # nor can it write into another subdistrict's record's history
    with pg_db.open_as("at_clerk").session() as s, s.begin(), pytest.raises(DBAPIError):
        audit.record(s, p.anting, "application", app_id, "print")


@pytest.mark.postgres
def test_the_ledger_is_audited_per_statement(pg_db) -> None:
    with pg_db.admin_db.engine.begin() as conn:
        conn.execute(text("INSERT INTO citizen (pseudonym, masked) SELECT 'p' || g, 'm' || g "
                          "FROM generate_series(1, 30) g"))
        conn.execute(text("UPDATE citizen SET masked = masked || 'x'"))
        conn.execute(text("UPDATE citizen SET masked = 'only' WHERE pseudonym = 'p7'"))
    with pg_db.admin_db.session() as s:
        rows = s.execute(select(AuditEvent.operation, AuditEvent.entity_id, AuditEvent.details)
                         .where(AuditEvent.entity_type == "citizen")
                         .order_by(AuditEvent.id)).all()
    assert [(op, d["rows"], len(d["sample"])) for op, _i, d in rows] == [
        ("INSERT", 30, 20), ("UPDATE", 30, 20), ("UPDATE", 1, 1)]
    assert all("pseudonym" not in item for item in rows[0][2]["sample"])
    assert rows[0][1] == "*" and rows[2][1].isdigit()
    assert rows[2][2]["sample"][0]["new"] == {"masked": "only"}
    assert _verify(pg_db).ok


@pytest.mark.postgres
def test_attachment_bytes_never_enter_the_trail(pg_db) -> None:
    _p, app_id = _some_trail(pg_db)
    with pg_db.admin_db.session() as s:
        details = s.scalar(select(AuditEvent.details).where(
            AuditEvent.entity_type == "attachment", AuditEvent.operation == "INSERT"))
    assert details["new"]["content"] == {"sha256": __import__("hashlib").sha256(PDF).hexdigest(),
                                         "size": len(PDF)}
    assert details["new"]["application_id"] == app_id


@pytest.mark.postgres
def test_removing_the_newest_rows_is_found_against_the_chain_head(pg_db) -> None:
    """The newest rows leave no gap behind them; the head the commit trigger kept does."""
    _some_trail(pg_db)
    assert _verify(pg_db).ok
    last = _seqs(pg_db)[-1]
    _tamper(pg_db, f"DELETE FROM audit_event WHERE seq >= {last - 1}")
    [problem] = _verify(pg_db).problems
    assert problem.seq == last and f"最后一条是序号 {last - 2}" in str(problem.message)

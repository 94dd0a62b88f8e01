"""Backup and restore (``jd-admin backup`` / ``restore``): the restore drill on the demo district,
and the refusals (a tampered file, a newer schema, a database that is not empty)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import make_url

from jd_admin import cli, db
from jd_admin.models import AuditEvent
from jd_admin.services import backup as backups
from jd_admin.services.actor import system_actor
from jd_admin.services.audit import chain


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def row_counts(tdb) -> dict[str, int]:
    """Every table's row count, read independently of the service (as the superuser / the
    file's owner)."""
    engine = tdb.admin_db.engine
    with engine.connect() as conn:
        tables = inspect(conn).get_table_names()
        return {t: int(conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one())
                for t in tables}


def verify_chain(tdb) -> chain.Verification:
    with tdb.admin_db.session() as s:
        return chain.verify(s, system_actor("test"))


def last_audit(tdb) -> AuditEvent:
    with tdb.admin_db.session() as s:
        event = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).one()
        s.expunge(event)
        return event


def destroy(tdb, request: pytest.FixtureRequest) -> None:
    """The disaster: the SQLite file deleted; the PostgreSQL database dropped and created
    again, empty."""
    tdb.admin_db.dispose()
    if tdb.is_postgres:
        server = request.getfixturevalue("pg_server")
        name = make_url(tdb.url).database
        server.drop_database(name)
        server.create_database(name)
    else:
        path = tdb.target.sqlite_path
        path.unlink()
        assert not path.exists()


def test_restore_drill(demo_db, capsys, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    before = row_counts(demo_db)
    trail_before = verify_chain(demo_db)
    assert trail_before.ok and trail_before.rows == before["audit_event"] > 100

    out = tmp_path / "backups" / "demo.backup"
    out.parent.mkdir()
    code, stdout, err = run(capsys, "backup", "--out", str(out), "--database-url", demo_db.url)
    assert code == 0, err
    manifest = backups.Manifest.read(out.with_name(out.name + ".manifest.json"))
    assert manifest.tables == before  # every table, as counted in the backup's own snapshot
    assert manifest.dialect == ("postgresql" if demo_db.is_postgres else "sqlite")
    assert manifest.schema_revision == db.head_revision()
    assert manifest.audit_head == {"seq": trail_before.head_seq, "hash": trail_before.head_hash}
    assert manifest.sha256 == backups.sha256_of(out) and manifest.sha256 in stdout
    assert out.stat().st_mode & 0o077 == 0  # citizens' data: readable by its owner only
    # the source's trail records the export of the whole database (after the copy)
    noted = last_audit(demo_db)
    assert (noted.entity_type, noted.action) == ("database", "export")
    assert noted.details and noted.details["sha256"] == manifest.sha256

    destroy(demo_db, request)
    missing = None
    if demo_db.is_postgres:  # a login role the new server lacks is reported
        missing = demo_db.seed.new_logins[0].username
        request.getfixturevalue("pg_server").execute(f'DROP ROLE "{missing}"')

    code, stdout, err = run(capsys, "restore", str(out), "--database-url", demo_db.url)
    assert code == 0, err
    assert "各表行数与备份一致" in stdout
    after = row_counts(demo_db)
    # every table as backed up; the trail as it was, and the restore noted after it
    assert after == {**before, "audit_event": before["audit_event"] + 1}
    trail_after = verify_chain(demo_db)
    assert trail_after.ok, [str(p.message) for p in trail_after.problems]
    assert trail_after.rows == trail_before.rows + 1
    assert trail_after.head_seq == trail_before.head_seq + 1
    restored = last_audit(demo_db)
    assert restored.prev_hash == trail_before.head_hash  # the chain goes on from the backup's
    assert (restored.entity_type, restored.action) == ("database", "恢复")
    assert restored.details and restored.details["sha256"] == manifest.sha256
    code, stdout, _ = run(capsys, "audit", "verify", "--database-url", demo_db.url)
    assert code == 0 and "审计日志完整" in stdout
    if demo_db.is_postgres:
        assert missing in err and "pg_dumpall --roles-only" in err
        # the matrix was rebuilt: a demo login reads its own subdistrict again
        login = next(d for d in demo_db.seed.new_logins if d.username != missing)
        user_db = demo_db.open_as(login.username, login.password)
        with user_db.session() as s:
            assert s.execute(text("SELECT count(*) FROM subdistrict")).scalar_one() > 0
        with demo_db.admin_db.engine.connect() as conn:
            policies = conn.execute(text("SELECT count(*) FROM pg_policies")).scalar_one()
            grants = conn.execute(text(
                "SELECT count(*) FROM information_schema.role_table_grants "
                "WHERE grantee LIKE 'jd\\_%'")).scalar_one()
        assert policies > 50 and grants > 50


def test_refusals_and_force(demo_db, capsys, tmp_path: Path) -> None:
    out = tmp_path / "demo.backup"
    code, _, err = run(capsys, "backup", "--out", str(out), "--database-url", demo_db.url)
    assert code == 0, err
    manifest_file = out.with_name(out.name + ".manifest.json")
    code, _, err = run(capsys, "backup", "--out", str(out), "--database-url", demo_db.url)
    assert code == 1 and "已存在" in err  # a backup never overwrites a file

    # a tampered copy: its checksum no longer matches
    tampered = tmp_path / "tampered.backup"
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0xFF
    tampered.write_bytes(bytes(data))
    tampered.with_name(tampered.name + ".manifest.json").write_text(
        manifest_file.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(capsys, "restore", str(tampered), "--force", "--database-url", demo_db.url)
    assert code == 1 and "校验值不符" in err

    # a backup of a newer program's schema
    newer = tmp_path / "newer.backup"
    newer.write_bytes(out.read_bytes())
    raw = json.loads(manifest_file.read_text(encoding="utf-8"))
    raw.update(schema_revision="9999", program_version="9.0.0")
    newer.with_name(newer.name + ".manifest.json").write_text(json.dumps(raw), encoding="utf-8")
    code, _, err = run(capsys, "restore", str(newer), "--force", "--database-url", demo_db.url)
    assert code == 1 and "比本程序" in err and "9.0.0" in err

    # no manifest: nothing to check the data against
    bare = tmp_path / "bare.backup"
    bare.write_bytes(out.read_bytes())
    code, _, err = run(capsys, "restore", str(bare), "--database-url", demo_db.url)
    assert code == 1 and "缺少备份说明文件" in err

    # a database that is not empty: refused without --force, replaced with it
    with demo_db.admin_db.session() as s, s.begin():  # a change after the backup
        s.execute(text("UPDATE venue SET name = name || '（改）' WHERE id = "
                       "(SELECT min(id) FROM venue)"))
    changed = row_counts(demo_db)
    code, _, err = run(capsys, "restore", str(out), "--database-url", demo_db.url)
    assert code == 1 and "不是空的" in err and "--force" in err
    assert row_counts(demo_db) == changed  # untouched
    if not demo_db.is_postgres:  # the desktop program has the file open: refused, untouched
        from jd_admin.config import DatabaseTarget
        from jd_admin.ui.app import claim_sqlite

        lock = claim_sqlite(DatabaseTarget(make_url(demo_db.url)))
        assert lock is not None
        code, _, err = run(capsys, "restore", str(out), "--force", "--database-url",
                           demo_db.url)
        lock.unlock()
        assert code == 1 and "正被其他程序使用" in err, err
        assert row_counts(demo_db) == changed
    demo_db.admin_db.dispose()  # no other connection may be open during a restore
    code, stdout, err = run(capsys, "restore", str(out), "--force", "--database-url", demo_db.url)
    assert code == 0, err
    manifest = backups.Manifest.read(manifest_file)
    after = row_counts(demo_db)
    assert after == {**manifest.tables, "audit_event": manifest.tables["audit_event"] + 1}
    assert verify_chain(demo_db).ok
    with demo_db.admin_db.session() as s:
        assert not [n for n in s.scalars(text("SELECT name FROM venue")).all() if "（改）" in n]
    if demo_db.is_postgres:
        with demo_db.admin_db.engine.connect() as conn:
            assert not conn.execute(text(
                "SELECT 1 FROM pg_namespace WHERE nspname = :n"),
                {"n": backups.ASIDE_SCHEMA}).first()  # the replaced schema is gone
    else:
        assert "原数据库文件已保留为" in stdout
        assert len(list(tmp_path.glob("jd.sqlite3.*.bak"))) == 1


def test_postgres_restore_failure_puts_the_database_back(pg_db, capsys, tmp_path: Path) -> None:
    """A dump that pg_restore cannot load (here: not a dump at all, with a matching manifest)
    leaves the database it was to replace as it was."""
    out = tmp_path / "empty.backup"
    code, _, err = run(capsys, "backup", "--out", str(out), "--database-url", pg_db.url)
    assert code == 0, err
    broken = tmp_path / "broken.backup"
    broken.write_bytes(b"PGDMP" + b"\0" * 4000)
    raw = json.loads(out.with_name(out.name + ".manifest.json").read_text(encoding="utf-8"))
    raw.update(size=broken.stat().st_size, sha256=backups.sha256_of(broken))
    broken.with_name(broken.name + ".manifest.json").write_text(json.dumps(raw),
                                                                encoding="utf-8")
    before = row_counts(pg_db)
    pg_db.admin_db.dispose()
    code, _, err = run(capsys, "restore", str(broken), "--force", "--database-url", pg_db.url)
    assert code == 1 and "pg_restore" in err
    assert row_counts(pg_db) == before
    assert db.current_revision(pg_db.admin_db.engine) == db.head_revision()


def test_a_damaged_sqlite_file_is_not_backed_up_but_restored(sqlite_db, capsys,
                                                              tmp_path: Path) -> None:
    good = tmp_path / "good.backup"
    code, _, err = run(capsys, "backup", "--out", str(good), "--database-url", sqlite_db.url)
    assert code == 0, err
    path = sqlite_db.target.sqlite_path
    sqlite_db.admin_db.dispose()
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as f:  # a page in the middle overwritten
        f.seek(page_size * 8)
        f.write(b"\xa5" * page_size)
    out = tmp_path / "damaged.backup"
    code, _, err = run(capsys, "backup", "--out", str(out), "--database-url", sqlite_db.url)
    assert code == 1 and "已损坏" in err
    assert not out.exists() and not list(tmp_path.glob(".*.part"))
    # the way out: the last good backup, over the damaged file
    code, _, err = run(capsys, "restore", str(good), "--database-url", sqlite_db.url)
    assert code == 1 and "--force" in err
    code, _, err = run(capsys, "restore", str(good), "--force", "--database-url", sqlite_db.url)
    assert code == 0, err
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]

"""Migrations: in sync with the models, walk down and up on both databases, seed data,
SQLite backups before migrating and foreign keys on every SQLite connection."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from factories import venue
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from jd_admin import db
from jd_admin.models import AppRole, Base, FaceValueRule, Subdistrict

SUBDISTRICT_NAMES = [
    "新成路街道", "真新街道", "嘉定镇街道", "南翔镇", "安亭镇", "马陆镇",
    "徐行镇", "华亭镇", "外冈镇", "江桥镇", "菊园新区", "嘉定工业区",
]
ROLE_CODES = {"admin", "bureau_staff", "bureau_approver", "subdistrict", "inspector", "operator"}
#: DOMAIN.md rule 1: (face value, subsidy, concession, minimum order) in yuan.
FACE_VALUE_TABLE = [
    (5, 4, 1, 10), (10, 8, 2, 20), (20, 15, 5, 40),
    (30, 20, 10, 60), (50, 30, 20, 120), (80, 50, 30, 200),
]
_numbers = itertools.count(1)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
                ids=["sqlite", "postgres"])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on a brand-new, empty database (not the migrated template)."""
    if request.param == "sqlite":
        engine = db.make_engine(make_url(f"sqlite:///{tmp_path / 'fresh.sqlite3'}"))
        yield engine
        engine.dispose()
        return
    server = request.getfixturevalue("pg_server")
    name = f"jd_m_{next(_numbers)}"
    server.create_database(name)
    engine = db.make_engine(make_url(server.admin_url(name)))
    try:
        yield engine
    finally:
        engine.dispose()
        server.drop_database(name)


def _revisions_base_to_head() -> list[str]:
    script = ScriptDirectory.from_config(db.alembic_config())
    revisions = [r.revision for r in script.walk_revisions()]  # head first
    return list(reversed(revisions))


def _schema_diff(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def _assert_seeded(engine: Engine) -> None:
    with engine.connect() as conn:
        names = conn.execute(select(Subdistrict.name).order_by(Subdistrict.id)).scalars().all()
        codes = conn.execute(select(Subdistrict.code).order_by(Subdistrict.id)).scalars().all()
        roles = set(conn.execute(select(AppRole.code)).scalars().all())
        faces = conn.execute(
            select(FaceValueRule.face_value, FaceValueRule.subsidy, FaceValueRule.concession,
                   FaceValueRule.min_order).order_by(FaceValueRule.face_value)
        ).all()
    assert names == SUBDISTRICT_NAMES
    assert codes == [f"JD{i:02d}" for i in range(1, 13)]
    assert roles == ROLE_CODES
    assert [tuple(row) for row in faces] == [
        tuple(Decimal(v) for v in row) for row in FACE_VALUE_TABLE
    ]


def test_models_and_migrations_in_sync_and_walk_down_and_up(empty_engine: Engine) -> None:
    revisions = _revisions_base_to_head()
    assert revisions[-1] == db.head_revision()
    assert db.current_revision(empty_engine) is None

    db.upgrade(empty_engine)
    assert db.is_up_to_date(empty_engine)
    assert _schema_diff(empty_engine) == []
    _assert_seeded(empty_engine)

    # down one revision at a time to the empty database ...
    for revision in reversed(revisions):
        assert db.current_revision(empty_engine) == revision
        below = revisions.index(revision) - 1
        db.downgrade(empty_engine, revisions[below] if below >= 0 else "base")
    assert db.current_revision(empty_engine) is None
    leftover = set(inspect(empty_engine).get_table_names()) - {"alembic_version"}
    assert leftover == set()

    # ... and up one at a time to head
    for revision in revisions:
        db.upgrade(empty_engine, revision)
        assert db.current_revision(empty_engine) == revision
    assert _schema_diff(empty_engine) == []
    _assert_seeded(empty_engine)

    db.downgrade(empty_engine, "base")
    db.upgrade(empty_engine)
    assert db.is_up_to_date(empty_engine)
    assert _schema_diff(empty_engine) == []
    _assert_seeded(empty_engine)


def test_seed_data_in_the_template(test_db) -> None:
    _assert_seeded(test_db.admin_db.engine)


def test_sqlite_file_is_copied_aside_before_migrating(tmp_path: Path) -> None:
    path = tmp_path / "jd.sqlite3"
    engine = db.make_engine(make_url(f"sqlite:///{path}"))
    try:
        revisions = _revisions_base_to_head()
        assert db.upgrade(engine, revisions[0]) is None  # nothing to copy yet: a new file
        if len(revisions) > 1:
            copy = db.upgrade(engine)
            assert copy is not None and copy.exists() and copy.parent == tmp_path
            assert revisions[0] in copy.name
            backup = db.make_engine(make_url(f"sqlite:///{copy}"))
            try:
                assert db.current_revision(backup) == revisions[0]
            finally:
                backup.dispose()
        before = set(tmp_path.iterdir())
        assert db.upgrade(engine) is None  # up to date: no copy
        assert set(tmp_path.iterdir()) == before
    finally:
        engine.dispose()


def test_sqlite_enforces_foreign_keys_on_every_connection(sqlite_db) -> None:
    engine = sqlite_db.admin_db.engine
    engine.dispose()  # a brand-new connection
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    with sqlite_db.admin_db.session() as s, s.begin():
        with pytest.raises(IntegrityError, match="FOREIGN KEY"):
            venue(s, subdistrict_id=999)
        s.rollback()
    with engine.connect() as conn, pytest.raises(IntegrityError):
        conn.execute(text("INSERT INTO venue_sport (venue_id, sport, list_price) "
                          "VALUES (424242, 'x', 0)"))


def test_citizens_move_to_their_own_table_and_back(empty_engine: Engine) -> None:
    """0005 carries existing vouchers over: one citizen per pseudonym; downgrading puts the
    pseudonym and masked form back on each voucher."""
    db.upgrade(empty_engine, "0004")
    at = "2026-11-16 02:00:00+00:00"
    with empty_engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO issuance_batch (id, code, name, budget, claim_start, claim_end, status, "
            "created_by, version, created_at, updated_at) "
            "VALUES (1, 'B', 'B', 100000, :at, :end, 'active', 't', 1, :at, :at)"),
            {"at": at, "end": "2026-11-30 02:00:00+00:00"})
        conn.execute(text("INSERT INTO voucher_import (id, filename, sha256, imported_by, "
                          "started_at, summary) VALUES (1, 'f.csv', 'x', 't', :at, '{}')"),
                     {"at": at})
        holders = [("a" * 64, "138****0001"), ("a" * 64, "138****0001"),
                   ("b" * 64, "139****0002")]
        for n, (pseudonym, masked) in enumerate(holders, start=1):
            conn.execute(text(
                "INSERT INTO voucher (id, code, batch_id, face_value, subsidy, concession, "
                "min_order, face_rule_from, citizen_hash, citizen_masked, claimed_at, claim_day, "
                "claim_week, expires_at, import_id, updated_at) "
                "VALUES (:n, :code, 1, 2000, 1500, 500, 4000, '2023-01-01', :h, :m, "
                ":at, '2026-11-16', '2026-11-16', :at, 1, :at)"),
                {"n": n, "code": f"V{n}", "h": pseudonym, "m": masked, "at": at})
    db.upgrade(empty_engine, "0005")
    with empty_engine.connect() as conn:
        citizens = conn.execute(
            text("SELECT pseudonym, masked FROM citizen ORDER BY pseudonym")).all()
        assert [tuple(c) for c in citizens] == [("a" * 64, "138****0001"),
                                                ("b" * 64, "139****0002")]
        linked = conn.execute(text("SELECT v.code, c.masked FROM voucher v "
                                   "JOIN citizen c ON c.id = v.citizen_id ORDER BY v.code")).all()
        assert [tuple(r) for r in linked] == [("V1", "138****0001"), ("V2", "138****0001"),
                                              ("V3", "139****0002")]
    db.downgrade(empty_engine, "0004")
    with empty_engine.connect() as conn:
        back = conn.execute(
            text("SELECT code, citizen_hash, citizen_masked FROM voucher ORDER BY code")).all()
    assert [tuple(r) for r in back] == [("V1", "a" * 64, "138****0001"),
                                        ("V2", "a" * 64, "138****0001"),
                                        ("V3", "b" * 64, "139****0002")]


def test_the_coaches_of_existing_venues_are_backfilled_from_their_applications(
        empty_engine: Engine) -> None:
    """0025 copies to ``venue_coach`` the coaches of the approved application that designated
    each venue last (not an earlier approval's, not an undecided application's); downgrading
    drops the copy and leaves the applications alone."""
    db.upgrade(empty_engine, "0024")
    at = "2026-11-16 02:00:00+00:00"
    stamps = {"v": 1, "at": at}
    with empty_engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # rows in states no step leads to directly
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text(
            "INSERT INTO recruitment_call (id, title, open_date, close_date, venue_types, sports, "
            "conditions, required_documents, status, created_by, version, created_at, updated_at) "
            "VALUES (1, 'C', '2026-01-01', '2026-02-01', '[]', '[]', '', '', 'closed', 't', :v, "
            ":at, :at)"), stamps)
        for vid, code in ((1, "91310114MIGR000001"), (2, "91310114MIGR000002"),
                          (3, "91310114MIGR000003")):
            conn.execute(text(
                "INSERT INTO venue (id, name, venue_type, subdistrict_id, address, credit_code, "
                "contact_name, contact_mobile, opening_hours, capacity, status, status_reason, "
                "status_changed_by, status_changed_at, legal_representative, version, "
                "created_at, updated_at) VALUES (:id, :name, 'commercial', 1, '路', :code, '李', "
                "'13800000000', '9-21', 10, 'designated', '', 't', :at, '张', :v, :at, :at)"),
                {**stamps, "id": vid, "name": f"场馆{vid}", "code": code})
        # (application, venue, status, decided at, coaches)
        applications = [
            (1, 1, "bureau_approved", "2025-01-10 02:00:00+00:00", [("旧教练", "Q", "OLD1")]),
            (2, 1, "bureau_approved", "2026-01-10 02:00:00+00:00",
             [("王教练", "社会体育指导员（二级）", "SZ0001"), ("赵教练", "游泳救生员", "JS0002")]),
            (3, 2, "bureau_approved", "2026-01-11 02:00:00+00:00", [("孙教练", "Q", "SZ0003")]),
            (4, None, "submitted", None, [("未审教练", "Q", "SZ0004")]),
        ]
        for app_id, venue_id, status, decided, coaches in applications:
            conn.execute(text(
                "INSERT INTO application (id, call_id, subdistrict_id, venue_name, venue_type, "
                "address, credit_code, legal_representative, contact_name, contact_mobile, "
                "opening_hours, capacity, safety_measures, bank_name, bank_account_name, "
                "bank_account_number, status, bureau_reviewed_at, venue_id, created_by, version, "
                "created_at, updated_at) VALUES (:id, 1, 1, 'n', 'commercial', 'a', :code, '张', "
                "'李', '13800000000', '9-21', 10, '', 'b', 'b', '1', :status, :decided, :venue, "
                "'t', :v, :at, :at)"),
                {**stamps, "id": app_id, "code": f"91310114APPL{app_id:06d}", "status": status,
                 "decided": decided, "venue": venue_id})
            for name, qualification, number in coaches:
                conn.execute(text(
                    "INSERT INTO application_coach (application_id, name, qualification, "
                    "certificate_number) VALUES (:a, :n, :q, :c)"),
                    {"a": app_id, "n": name, "q": qualification, "c": number})
    db.upgrade(empty_engine, "0025")
    with empty_engine.connect() as conn:
        copied = conn.execute(text(
            "SELECT venue_id, name, qualification, certificate_number, from_application_id "
            "FROM venue_coach ORDER BY id")).all()
    assert [tuple(r) for r in copied] == [
        (1, "王教练", "社会体育指导员（二级）", "SZ0001", 2),
        (1, "赵教练", "游泳救生员", "JS0002", 2),
        (2, "孙教练", "Q", "SZ0003", 3),
    ]  # venue 3 filed no application: no coaches
    db.downgrade(empty_engine, "0024")
    with empty_engine.connect() as conn:
        assert not inspect(conn).has_table("venue_coach")
        assert conn.execute(text("SELECT count(*) FROM application_coach")).scalar_one() == 5

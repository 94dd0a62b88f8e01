"""User administration rules, the audit trail of account changes, optimistic locking."""

from __future__ import annotations

import pytest
from conftest import TEST_PASSWORD
from factories import venue
from sqlalchemy import select, text
from sqlalchemy.orm.exc import StaleDataError

from jd_admin.domain.errors import InvalidInput, PermissionDenied, StaleRecord
from jd_admin.models import AppUser, AuditEvent, Role, Venue
from jd_admin.services.accounts import users
from jd_admin.services.dberrors import user_errors


def _admin_name(test_db) -> str:
    """Who the audit log records for admin_db's changes: the system actor on SQLite, the
    session's login role (the superuser) on PostgreSQL."""
    if not test_db.is_postgres:
        return test_db.system_actor.username
    with test_db.admin_db.session() as s:
        return str(s.execute(text("SELECT session_user")).scalar_one())


def _create(test_db, username: str, role: Role | str, subdistrict: str | None = None,
            password: str = TEST_PASSWORD) -> None:
    with test_db.admin_db.session() as s, s.begin():
        users.create_user(s, test_db.system_actor, username, "测试用户", role, password,
                          subdistrict)


def _user_count(test_db) -> int:
    with test_db.admin_db.session() as s:
        return len(s.scalars(select(AppUser.id)).all())


@pytest.mark.parametrize(
    ("username", "role", "subdistrict", "message"),
    [
        pytest.param("Bad Name", Role.OPERATOR, None, "小写英文字母", id="space"),
        pytest.param("ab", Role.OPERATOR, None, "3 到 63", id="too-short"),
        pytest.param("9lives", Role.OPERATOR, None, "以字母开头", id="digit-first"),
        pytest.param("zhang-san", Role.OPERATOR, None, "小写英文字母", id="hyphen"),
        pytest.param("postgres", Role.OPERATOR, None, "保留名称", id="reserved-postgres"),
        pytest.param("jd_admin", Role.OPERATOR, None, "保留名称", id="reserved-group-role"),
        pytest.param("jd_staff", Role.OPERATOR, None, "保留名称", id="reserved-jd-staff"),
        pytest.param("pg_monitor", Role.OPERATOR, None, "保留名称", id="reserved-pg"),
        pytest.param("carol", Role.SUBDISTRICT, None, "必须指定所属街镇", id="no-subdistrict"),
        pytest.param("carol", Role.OPERATOR, "南翔镇", "只有街镇用户",
                     id="subdistrict-not-allowed"),
        pytest.param("carol", Role.SUBDISTRICT, "火星镇", "火星镇", id="unknown-subdistrict"),
        pytest.param("carol", "chief", None, "未知角色", id="unknown-role"),
    ],
)
def test_create_user_rules(test_db, username: str, role: Role | str, subdistrict: str | None,
                           message: str) -> None:
    before = _user_count(test_db)
    with pytest.raises(InvalidInput, match=message):
        _create(test_db, username, role, subdistrict)
    assert _user_count(test_db) == before


def test_create_user_rules_for_names_and_passwords(test_db) -> None:
    with pytest.raises(InvalidInput, match="至少"):
        _create(test_db, "carol", Role.OPERATOR, password="Sh0rt!")
    with pytest.raises(InvalidInput, match="用户名"):
        _create(test_db, "carol", Role.OPERATOR, password="Carol#2024x")
    with test_db.admin_db.session() as s, s.begin(), pytest.raises(InvalidInput, match="姓名"):
        users.create_user(s, test_db.system_actor, "carol", "  ", Role.OPERATOR, TEST_PASSWORD)
    # a subdistrict by code works as well as by name
    _create(test_db, "carol", Role.SUBDISTRICT, "jd04")
    assert test_db.actor("carol").subdistrict_name == "南翔镇"
    with pytest.raises(InvalidInput, match="已存在"):
        _create(test_db, "carol", Role.OPERATOR)
    with pytest.raises(InvalidInput, match="已存在"):
        _create(test_db, " carol ", Role.OPERATOR)
    assert _user_count(test_db) == 1


def test_only_admin_may_manage_users(test_db) -> None:
    test_db.make_user("staff1", Role.BUREAU_STAFF)
    test_db.make_user("admin1", Role.ADMIN)
    staff = test_db.actor("staff1")
    with test_db.admin_db.session() as s, s.begin():
        with pytest.raises(PermissionDenied, match="无权创建用户"):
            users.create_user(s, staff, "carol", "卡罗尔", Role.OPERATOR, TEST_PASSWORD)
        with pytest.raises(PermissionDenied):
            users.reset_password(s, staff, "admin1", "An0ther!pass")
        with pytest.raises(PermissionDenied):
            users.set_active(s, staff, "admin1", False, "试试")
        with pytest.raises(PermissionDenied, match="无权解锁用户"):
            users.unlock(s, staff, "admin1")  # checked as UNLOCK_USER, not ENABLE_USER
        with pytest.raises(PermissionDenied):
            users.list_users(s, staff)
    assert _user_count(test_db) == 2
    admin = test_db.actor("admin1")
    with test_db.admin_db.session() as s, s.begin():
        names = [u.username for u in users.list_users(s, admin)]
        assert sorted(names) == ["admin1", "staff1"]
        with pytest.raises(PermissionDenied, match="不能停用自己"):
            users.set_active(s, admin, "admin1", False, "试试")
        with pytest.raises(InvalidInput, match="原因"):
            users.set_active(s, admin, "staff1", False, "  ")


def test_every_account_change_is_audited(test_db) -> None:
    admin = test_db.system_actor
    test_db.make_user("dave", Role.INSPECTOR)
    with test_db.admin_db.session() as s, s.begin():
        users.reset_password(s, admin, "dave", "R3set+Pass#9")
    with test_db.admin_db.session() as s, s.begin():
        users.set_active(s, admin, "dave", False, "调岗")
    with test_db.admin_db.session() as s, s.begin():
        users.set_active(s, admin, "dave", True, "返岗")
    with test_db.admin_db.session() as s, s.begin():
        users.unlock(s, admin, "dave")
    dave = test_db.open_as("dave", "R3set+Pass#9")
    actor = test_db.actor("dave")
    with dave.session() as s, s.begin():
        users.change_own_password(s, actor, "R3set+Pass#9", "N3w-Secret#2")

    with test_db.admin_db.session() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.entity_id == "dave")
                           .order_by(AuditEvent.id)).all()
    got = [(e.actor, e.entity_type, e.action, e.from_state, e.to_state, e.comment) for e in events]
    who = _admin_name(test_db)
    assert got == [
        (who, "user", "create", None, "inspector", "dave"),
        (who, "user", "reset_password", None, None, None),
        (who, "user", "deactivate", "active", "inactive", "调岗"),
        (who, "user", "activate", "inactive", "active", "返岗"),
        (who, "user", "activate", "active", "active", "解除锁定"),
        ("dave", "user", "change_password", None, None, None),
    ]
    assert all(e.occurred_at.tzinfo is not None for e in events)


def test_reset_password_with_an_old_version_is_stale(test_db) -> None:
    admin = test_db.system_actor
    test_db.make_user("erin", Role.OPERATOR)
    with test_db.admin_db.session() as s:
        (info,) = [u for u in users.list_users(s, admin) if u.username == "erin"]
    # someone else changes the row in the meantime
    with test_db.admin_db.session() as s, s.begin():
        users.set_active(s, admin, "erin", False, "离职")
    with test_db.admin_db.session() as s, s.begin(), pytest.raises(StaleRecord, match="刷新"):
        users.reset_password(s, admin, "erin", "R3set+Pass#9", expected_version=info.version)
    with test_db.admin_db.session() as s, s.begin(), pytest.raises(StaleRecord):
        users.set_active(s, admin, "erin", True, "返岗", expected_version=info.version)
    with test_db.admin_db.session() as s:
        (fresh,) = [u for u in users.list_users(s, admin) if u.username == "erin"]
    assert fresh.version > info.version and not fresh.is_active
    with test_db.admin_db.session() as s, s.begin():
        users.reset_password(s, admin, "erin", "R3set+Pass#9", expected_version=fresh.version)


def test_two_sessions_editing_the_same_venue(test_db) -> None:
    with test_db.admin_db.session() as s, s.begin():
        venue_id = venue(s).id
    first = test_db.admin_db.session()
    second = test_db.admin_db.session()
    with first as s1, second as s2:
        v1 = s1.get(Venue, venue_id)
        v2 = s2.get(Venue, venue_id)
        assert v1 is not None and v2 is not None and v1.version == v2.version == 1
        v1.opening_hours = "08:00-22:00"
        s1.commit()
        v2.opening_hours = "10:00-20:00"
        with pytest.raises(StaleDataError):
            s2.flush()
        s2.rollback()
    with test_db.admin_db.session() as s:
        stored = s.get(Venue, venue_id)
        assert stored is not None
        assert (stored.opening_hours, stored.version) == ("08:00-22:00", 2)


def test_stale_data_error_becomes_stale_record() -> None:
    with pytest.raises(StaleRecord, match="刷新"), user_errors():
        raise StaleDataError("UPDATE statement on table 'venue' expected to update 1 row(s)")


def test_history_labels_render_in_the_interface_language(test_db) -> None:
    """Recorded English codes map to declared labels; stored Chinese verbs are catalog ids."""
    from jd_admin import i18n
    from jd_admin.services import audit

    _create(test_db, "hist1", Role.OPERATOR)
    with test_db.admin_db.session() as s:
        entries = audit.history(s, "user", "hist1")
    assert [e.action for e in entries] == ["create"]
    verb = audit.HistoryEntry(entries[0].at, "x", "x", "终止", "in_force", "terminated", None)
    assert (str(entries[0].label), str(verb.label)) == ("创建账户", "终止")
    i18n.set_language("en")
    try:
        assert str(entries[0].label) == "Account created"
        assert str(verb.label) != "终止"  # the workflow's verb, translated
        assert str(audit.action_label("no such code")) == "no such code"
    finally:
        i18n.set_language(i18n.DEFAULT_LANGUAGE)

"""My tasks (待办): the provider registry and the account tasks of the foundation."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from jd_admin.models import AppUser, Role
from jd_admin.models.base import utcnow
from jd_admin.services import tasks
from jd_admin.services.actor import Actor
from jd_admin.services.navigation import Page


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> dict[str, tasks.TaskProvider]:
    """The registry, restored after the test."""
    saved = dict(tasks._providers)
    monkeypatch.setattr(tasks, "_providers", saved)
    return saved


def _collect(test_db, actor: Actor, now: dt.datetime | None = None) -> list[tasks.Task]:
    with test_db.admin_db.session() as s:
        return tasks.collect(s, actor, now or utcnow())


def test_registered_provider_appears_in_collect(test_db, registry) -> None:
    assert {"accounts.locked", "accounts.initial_password"} <= set(tasks.providers())
    now = utcnow()
    due = now + dt.timedelta(days=2)

    def provider(session, actor, when):  # type: ignore[no-untyped-def]
        assert when == now
        if actor.role is not Role.OPERATOR:
            return []
        return [
            tasks.Task("later", "稍后", "detail", Page.VOUCHERS, due=due + dt.timedelta(days=1)),
            tasks.Task("import", "导入消费券数据", "detail", Page.VOUCHERS, target="2026-11",
                       due=due),
            tasks.Task("urgent", "紧急", "detail", Page.SETTLEMENT, urgent=True),
        ]

    tasks.register("test.vouchers", provider)
    assert "test.vouchers" in tasks.providers()
    test_db.make_user("op1", Role.OPERATOR)
    got = _collect(test_db, test_db.actor("op1"), now)
    assert [t.kind for t in got] == ["urgent", "import", "later"]  # urgent first, then by due
    assert got[1].target == "2026-11" and got[1].page is Page.VOUCHERS
    test_db.make_user("staff1", Role.BUREAU_STAFF)
    assert _collect(test_db, test_db.actor("staff1"), now) == []
    # registering under the same name replaces
    tasks.register("test.vouchers", lambda s, a, n: [])
    assert _collect(test_db, test_db.actor("op1"), now) == []


def test_account_tasks_for_the_administrator_only(test_db) -> None:
    now = utcnow()
    test_db.make_user("admin1", Role.ADMIN)
    test_db.make_user("locked1", Role.BUREAU_STAFF)
    test_db.make_user("newbie", Role.INSPECTOR, must_change=True)
    test_db.make_user("fresh", Role.INSPECTOR, must_change=True)
    test_db.make_user("changed", Role.OPERATOR, must_change=False)
    test_db.make_user("nanxiang", Role.SUBDISTRICT, subdistrict="南翔镇")
    with test_db.admin_db.session() as s, s.begin():
        s.execute(update(AppUser).where(AppUser.username == "locked1")
                  .values(locked_until=now + dt.timedelta(minutes=10)))
        s.execute(update(AppUser).where(AppUser.username.in_(["newbie", "changed"]))
                  .values(created_at=now - dt.timedelta(days=8)))
        s.execute(update(AppUser).where(AppUser.username == "fresh")
                  .values(created_at=now - dt.timedelta(days=6)))

    admin_tasks = _collect(test_db, test_db.actor("admin1"), now)
    assert [(t.kind, t.target, t.page) for t in admin_tasks] == [
        ("locked_account", "locked1", Page.ADMIN),
        ("initial_password", "newbie", Page.ADMIN),
    ]
    assert admin_tasks[0].urgent and "locked1" in admin_tasks[0].title
    assert admin_tasks[0].due is not None and admin_tasks[0].due > now
    # the system actor (the CLI's administrator) sees them too
    assert len(_collect(test_db, test_db.system_actor, now)) == 2
    # a lock that has ended is no longer a task
    later = now + dt.timedelta(minutes=11)
    assert [t.kind for t in _collect(test_db, test_db.actor("admin1"), later)] == [
        "initial_password"]

    for name in ("locked1", "newbie", "changed", "nanxiang"):
        assert _collect(test_db, test_db.actor(name), now) == [], name

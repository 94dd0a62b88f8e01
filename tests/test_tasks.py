"""My tasks (待办): the list of providers and the account tasks."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from jd_admin.domain.text import _
from jd_admin.models import AppUser, Role
from jd_admin.models.base import utcnow
from jd_admin.services import my_tasks
from jd_admin.services.accounts import users
from jd_admin.services.actor import Actor
from jd_admin.services.navigation import Page
from jd_admin.services.tasks import Task


def _collect(test_db, actor: Actor, now: dt.datetime | None = None) -> list[Task]:
    with test_db.admin_db.session() as s:
        return my_tasks.collect(s, actor, now or utcnow())


def test_providers_are_one_explicit_list() -> None:
    from jd_admin.services.agreements.lifecycle import agreement_tasks
    from jd_admin.services.inspections import inspection_tasks
    from jd_admin.services.recruitment.applications import application_tasks
    from jd_admin.services.settlement import settlement_tasks
    from jd_admin.services.statistics.budget import budget_tasks
    from jd_admin.services.warnings.tasks import warning_tasks

    expected = (users.locked_account_tasks, users.initial_password_tasks, application_tasks,
                agreement_tasks, settlement_tasks, inspection_tasks, warning_tasks,
                budget_tasks)
    assert expected == my_tasks.PROVIDERS


def test_collect_merges_providers_most_urgent_first(test_db) -> None:
    now = utcnow()
    due = now + dt.timedelta(days=2)

    def provider(session, actor, when):
        assert when == now
        if actor.role is not Role.OPERATOR:
            return []
        return [
            Task("later", "稍后", "detail", Page.VOUCHERS, due=due + dt.timedelta(days=1)),
            Task("import", _("导入消费券数据"), "detail", Page.VOUCHERS, target="2026-11",
                 due=due),
            Task("urgent", "紧急", "detail", Page.SETTLEMENT, urgent=True),
        ]

    test_db.make_user("op1", Role.OPERATOR)
    test_db.make_user("staff1", Role.BUREAU_STAFF)
    with test_db.admin_db.session() as s:
        got = my_tasks.collect(s, test_db.actor("op1"), now, (*my_tasks.PROVIDERS, provider))
        assert [t.kind for t in got] == ["urgent", "import", "later"]  # urgent, then by due
        assert got[1].target == "2026-11" and got[1].page is Page.VOUCHERS
        assert my_tasks.collect(s, test_db.actor("staff1"), now,
                                (*my_tasks.PROVIDERS, provider)) == []


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
    assert admin_tasks[0].urgent and "locked1" in str(admin_tasks[0].title)
    assert admin_tasks[0].due is not None and admin_tasks[0].due > now
    # the system actor (the CLI's administrator) sees them too
    assert len(_collect(test_db, test_db.system_actor, now)) == 2
    # a lock that has ended is no longer a task
    later = now + dt.timedelta(minutes=11)
    assert [t.kind for t in _collect(test_db, test_db.actor("admin1"), later)] == [
        "initial_password"]

    for name in ("locked1", "newbie", "changed", "nanxiang"):
        assert _collect(test_db, test_db.actor(name), now) == [], name

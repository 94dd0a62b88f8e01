"""My tasks (待办): what waits for the logged-in user.

Workflows plug in a :class:`TaskProvider` with :func:`register`; the home page asks
:func:`collect` and shows the union, most urgent first. Providers are plain functions of
(session, actor, now) so they run off the GUI thread and in tests alike.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from jd_admin.models import AppUser, Role
from jd_admin.services.actor import Actor
from jd_admin.services.navigation import Page


@dataclass(frozen=True)
class Task:
    """One thing to do. ``page`` and ``target`` tell the GUI where to open it."""

    kind: str
    title: str
    detail: str
    page: Page
    target: str | None = None
    due: dt.datetime | None = None
    urgent: bool = False


TaskProvider = Callable[[Session, Actor, dt.datetime], list[Task]]
_providers: dict[str, TaskProvider] = {}


def register(name: str, provider: TaskProvider) -> None:
    """Register (or replace) a provider under a stable name."""
    _providers[name] = provider


def providers() -> dict[str, TaskProvider]:
    return dict(_providers)


#: Workflow modules whose providers register themselves when imported.
PROVIDER_MODULES = ("jd_admin.services.recruitment.applications", "jd_admin.services.agreements.lifecycle")


def collect(session: Session, actor: Actor, now: dt.datetime) -> list[Task]:
    for module in PROVIDER_MODULES:
        importlib.import_module(module)
    tasks: list[Task] = []
    for provider in _providers.values():
        tasks.extend(provider(session, actor, now))
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return sorted(tasks, key=lambda t: (not t.urgent, t.due or far, t.title))


# --- providers of the foundation ----------------------------------------------------------

def _locked_accounts(session: Session, actor: Actor, now: dt.datetime) -> list[Task]:
    if actor.role is not Role.ADMIN:
        return []
    users = session.scalars(
        select(AppUser).where(AppUser.locked_until > now).order_by(AppUser.locked_until)
    ).all()
    return [
        Task(
            kind="locked_account",
            title=f"账户被锁定：{u.full_name}（{u.username}）",
            detail="连续多次密码错误已锁定，如确认本人操作可在系统管理中解锁",
            page=Page.ADMIN,
            target=u.username,
            due=u.locked_until,
            urgent=True,
        )
        for u in users
    ]


def _initial_passwords(session: Session, actor: Actor, now: dt.datetime) -> list[Task]:
    if actor.role is not Role.ADMIN:
        return []
    stale = now - dt.timedelta(days=7)
    users = session.scalars(
        select(AppUser)
        .where(AppUser.must_change_password, AppUser.is_active, AppUser.created_at < stale)
        .order_by(AppUser.created_at)
    ).all()
    return [
        Task(
            kind="initial_password",
            title=f"初始密码超过 7 天未修改：{u.full_name}（{u.username}）",
            detail="请提醒该用户登录并修改密码，或停用该账户",
            page=Page.ADMIN,
            target=u.username,
        )
        for u in users
    ]


register("accounts.locked", _locked_accounts)
register("accounts.initial_password", _initial_passwords)

"""My tasks (待办): what waits for the logged-in user, from every workflow's provider.

:data:`PROVIDERS` is the one list of providers (add a new workflow's provider here); the home
page asks :func:`collect` and shows the union, most urgent first. What a task is:
:mod:`jd_admin.services.tasks`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from jd_admin.services.accounts.users import initial_password_tasks, locked_account_tasks
from jd_admin.services.actor import Actor
from jd_admin.services.agreements.lifecycle import agreement_tasks
from jd_admin.services.inspections.queries import inspection_tasks
from jd_admin.services.recruitment.applications import application_tasks
from jd_admin.services.settlement.queries import settlement_tasks
from jd_admin.services.statistics.budget import budget_tasks
from jd_admin.services.tasks import Task, TaskProvider
from jd_admin.services.warnings.tasks import warning_tasks

PROVIDERS: tuple[TaskProvider, ...] = (
    locked_account_tasks,
    initial_password_tasks,
    application_tasks,
    agreement_tasks,
    settlement_tasks,
    inspection_tasks,
    warning_tasks,
    budget_tasks,
)


def collect(session: Session, actor: Actor, now: dt.datetime,
            providers: tuple[TaskProvider, ...] = PROVIDERS) -> list[Task]:
    """Every provider's tasks for ``actor``: urgent first, then by due time, then by title."""
    found: list[Task] = []
    for provider in providers:
        found.extend(provider(session, actor, now))
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return sorted(found, key=lambda t: (not t.urgent, t.due or far, str(t.title)))

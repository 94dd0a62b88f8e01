"""A task (待办) of the "My tasks" home page: one thing that waits for the logged-in user.

Every workflow that makes people wait offers a *provider*: a plain function
``(session, actor, now) -> list[Task]`` (so it runs off the GUI thread and in tests alike).
The providers are listed, explicitly, in :data:`jd_admin.services.my_tasks.PROVIDERS`, which
also collects them for the home page. This module only declares what a task is, so that the
feature modules can import it without importing each other.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from jd_admin.domain.text import Text
from jd_admin.services.actor import Actor
from jd_admin.services.navigation import Page


@dataclass(frozen=True)
class Task:
    """One thing to do. ``page`` and ``target`` tell the GUI where to open it."""

    kind: str
    title: Text | str
    detail: Text | str
    page: Page
    target: str | None = None
    due: dt.datetime | None = None
    urgent: bool = False


TaskProvider = Callable[[Session, Actor, dt.datetime], list[Task]]


def register(name: str, provider: TaskProvider) -> None:
    """Deprecated and without effect: providers are listed in ``my_tasks.PROVIDERS``.

    Kept only so that feature modules which still call it at import keep importing; delete
    those calls (and then this function)."""
    del name, provider


def collect(session: Session, actor: Actor, now: dt.datetime) -> list[Task]:
    """Deprecated alias of :func:`jd_admin.services.my_tasks.collect`."""
    warnings.warn("use jd_admin.services.my_tasks.collect", DeprecationWarning, stacklevel=2)
    # Imported here because the provider modules still import this module at their top.
    from jd_admin.services import my_tasks

    return my_tasks.collect(session, actor, now)

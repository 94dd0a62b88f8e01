"""A task (待办) of the "My tasks" home page: one thing that waits for the logged-in user.

Every workflow that makes people wait offers a *provider*: a plain function
``(session, actor, now) -> list[Task]`` (so it runs off the GUI thread and in tests alike).
The providers are listed, explicitly, in :data:`jd_admin.services.my_tasks.PROVIDERS`, which
also collects them for the home page. This module only declares what a task is, so that the
feature modules can import it without importing each other.
"""

from __future__ import annotations

import datetime as dt
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


"""Workflows as data: each stateful record declares its states and its allowed steps.

A step (from, to) names the roles that may take it, the verb people see (``提交``) and whether it
needs a comment. :meth:`Workflow.check` is the one judge of a step: a step that is not declared
raises :class:`IllegalTransition`, a role that may not take it :class:`PermissionDenied`, a
missing comment :class:`InvalidInput`. ``services/workflow.py`` applies a checked step to a
record and writes its audit row; the PostgreSQL guard (table ``workflow_step``) holds
:meth:`Workflow.rows`, kept equal by a test. The system actor (the database's owner at the
command line) may take every declared step, as :mod:`jd_admin.domain.permissions` says.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from jd_admin.domain.codes import Coded
from jd_admin.domain.errors import IllegalTransition, InvalidInput, PermissionDenied
from jd_admin.domain.roles import Role
from jd_admin.domain.text import Text, _


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    roles: frozenset[Role]
    action: Text  # the verb shown in menus and the audit trail, e.g. 提交
    comment_required: bool = True


def step(source: Coded, target: Coded, roles: Iterable[Role], action: Text,
         comment_required: bool = True) -> Transition:
    return Transition(source.value, target.value, frozenset(roles), action, comment_required)


class Workflow:
    def __init__(self, entity_type: str, states: type[Coded], initial: Coded,
                 transitions: Iterable[Transition]) -> None:
        self.entity_type = entity_type
        self.states = states
        self.initial = initial
        self.transitions = tuple(transitions)
        codes = set(states.codes())
        for t in self.transitions:
            if t.source not in codes or t.target not in codes:
                raise ValueError(f"unknown state in {t}")

    def label(self, state: str) -> str:
        """The state's label in the current language (the code itself if not declared)."""
        return str(self.states.label_of(state))

    def find(self, source: str, target: str) -> Transition | None:
        return next((t for t in self.transitions if t.source == source and t.target == target),
                    None)

    def available(self, state: str, role: Role) -> list[Transition]:
        """The steps ``role`` may take from ``state`` (what the GUI offers)."""
        return [t for t in self.transitions if t.source == state and role in t.roles]

    def targets(self, state: str, role: Role) -> set[str]:
        return {t.target for t in self.available(state, role)}

    def check(self, role: Role, source: str, target: str, comment: str | None, *,
              system: bool = False) -> Transition:
        transition = self.find(source, target)
        if transition is None:
            raise IllegalTransition(_("不能从“{source}”变为“{target}”",
                                      source=self.states.label_of(source),
                                      target=self.states.label_of(target)))
        if role not in transition.roles and not system:
            raise PermissionDenied(_("当前角色（{role}）无权{action}",
                                     role=role.label, action=transition.action))
        if transition.comment_required and not (comment or "").strip():
            raise InvalidInput(_("请填写{action}意见", action=transition.action), field="comment")
        return transition

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(entity, from, to, role) for every allowed step: what the database guard holds."""
        return sorted(
            (self.entity_type, t.source, t.target, r.value) for t in self.transitions
            for r in t.roles
        )

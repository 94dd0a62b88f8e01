"""Workflows as data: each stateful record declares its allowed (from, to, roles) transitions.

A transition that is not declared raises :class:`~jd_admin.errors.IllegalTransition`; one by a
role that may not take it raises :class:`~jd_admin.errors.PermissionDenied`; each one taken
writes an audit row (who, when, from, to, comment). On PostgreSQL a trigger checks the same
table (``workflow_transition``, kept equal to these definitions by a test), so a client that
bypasses the program cannot take a forbidden step either.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from jd_admin.errors import IllegalTransition, InvalidInput, PermissionDenied
from jd_admin.models import Role
from jd_admin.services import audit
from jd_admin.services.actor import Actor, role_label


class Stateful(Protocol):
    id: int
    status: str


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    roles: frozenset[Role]
    action: str  # Chinese verb shown in menus and the audit trail, e.g. "提交"
    comment_required: bool = True


class Workflow:
    def __init__(self, entity_type: str, state_labels: dict[str, str],
                 transitions: Iterable[Transition]) -> None:
        self.entity_type = entity_type
        self.state_labels = state_labels
        self.transitions = tuple(transitions)
        for t in self.transitions:
            if t.source not in state_labels or t.target not in state_labels:
                raise ValueError(f"unknown state in {t}")

    def label(self, state: str) -> str:
        return self.state_labels.get(state, state)

    def find(self, source: str, target: str) -> Transition | None:
        return next((t for t in self.transitions if t.source == source and t.target == target), None)

    def available(self, state: str, role: Role) -> list[Transition]:
        """The transitions ``role`` may take from ``state`` (for the GUI's buttons)."""
        return [t for t in self.transitions if t.source == state and role in t.roles]

    def check(self, actor: Actor, source: str, target: str, comment: str | None) -> Transition:
        transition = self.find(source, target)
        if transition is None:
            raise IllegalTransition(
                f"不能从“{self.label(source)}”变为“{self.label(target)}”")
        if actor.role not in transition.roles and not actor.is_system:
            raise PermissionDenied(
                f"当前角色（{role_label(actor.role)}）无权{transition.action}")
        if transition.comment_required and not (comment or "").strip():
            raise InvalidInput(f"请填写{transition.action}意见")
        return transition

    def apply(self, session: Session, actor: Actor, record: Stateful, target: str,
              comment: str | None, details: dict[str, object] | None = None) -> Transition:
        """Move ``record`` to ``target`` and record it; the caller has checked scope."""
        source = record.status
        transition = self.check(actor, source, target, comment)
        record.status = target
        session.flush()
        audit.record(session, actor, self.entity_type, record.id, transition.action,
                     from_state=source, to_state=target, comment=(comment or "").strip() or None,
                     details=details)
        return transition

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(entity, from, to, role) for every allowed step: what the database guard holds."""
        return sorted(
            (self.entity_type, t.source, t.target, r.value) for t in self.transitions for r in t.roles
        )


def _t(source: str, target: str, roles: Iterable[Role], action: str, comment_required: bool = True) -> Transition:
    return Transition(source, target, frozenset(roles), action, comment_required)


SUBDISTRICT = (Role.SUBDISTRICT,)
BUREAU = (Role.BUREAU_STAFF,)

CALL_WORKFLOW = Workflow(
    "recruitment_call",
    {"draft": "草稿", "published": "已发布", "closed": "已截止"},
    [
        _t("draft", "published", BUREAU, "发布", comment_required=False),
        _t("published", "closed", BUREAU, "截止", comment_required=False),
    ],
)

APPLICATION_WORKFLOW = Workflow(
    "application",
    {
        "draft": "草稿", "submitted": "已提交", "subdistrict_approved": "街镇审核通过",
        "bureau_approved": "区体育局审定通过", "returned": "退回补充材料", "rejected": "不予通过",
    },
    [
        _t("draft", "submitted", SUBDISTRICT, "提交", comment_required=False),
        _t("returned", "submitted", SUBDISTRICT, "重新提交", comment_required=False),
        _t("submitted", "subdistrict_approved", SUBDISTRICT, "审核通过"),
        _t("submitted", "returned", SUBDISTRICT, "退回补充材料"),
        _t("submitted", "rejected", SUBDISTRICT, "不予通过"),
        _t("subdistrict_approved", "bureau_approved", BUREAU, "审定通过"),
        _t("subdistrict_approved", "returned", BUREAU, "退回补充材料"),
        _t("subdistrict_approved", "rejected", BUREAU, "不予通过"),
    ],
)

AGREEMENT_WORKFLOW = Workflow(
    "agreement",
    {"draft": "草稿", "out_for_signature": "签署中", "in_force": "生效", "expired": "已到期",
     "terminated": "已终止"},
    [
        _t("draft", "out_for_signature", BUREAU, "送签", comment_required=False),
        _t("out_for_signature", "in_force", BUREAU, "确认生效", comment_required=False),
        _t("in_force", "expired", BUREAU, "到期", comment_required=False),
        _t("in_force", "terminated", BUREAU, "终止"),
        _t("out_for_signature", "terminated", BUREAU, "终止"),
        _t("draft", "terminated", BUREAU, "作废"),
    ],
)

VENUE_WORKFLOW = Workflow(
    "venue",
    {"designated": "定点", "suspended": "暂停", "withdrawn": "退出"},
    [
        _t("designated", "suspended", BUREAU, "暂停"),
        _t("suspended", "designated", BUREAU, "恢复"),
        _t("designated", "withdrawn", BUREAU, "退出"),
        _t("suspended", "withdrawn", BUREAU, "退出"),
        _t("withdrawn", "designated", BUREAU, "重新定点"),
    ],
)

BATCH_WORKFLOW = Workflow(
    "issuance_batch",
    {"draft": "草稿", "active": "发放中", "closed": "已关闭"},
    [
        _t("draft", "active", BUREAU, "开始发放", comment_required=False),
        _t("active", "closed", BUREAU, "关闭", comment_required=False),
    ],
)

ALL_WORKFLOWS = (CALL_WORKFLOW, APPLICATION_WORKFLOW, AGREEMENT_WORKFLOW, VENUE_WORKFLOW, BATCH_WORKFLOW)

"""The permission declaration (domain/permissions.py) is the one statement of who may do what."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import jd_admin
from jd_admin.domain.errors import PermissionDenied
from jd_admin.domain.permissions import PERMISSIONS, Action, Scope, may, scope
from jd_admin.domain.roles import Role
from jd_admin.services.actor import Actor, require, system_actor

UI = Path(jd_admin.__file__).resolve().parent / "ui"


def _actor(role: Role) -> Actor:
    return Actor(username=f"u_{role.value}", full_name="测试", role=role)


def test_every_action_is_declared_with_roles_and_a_label() -> None:
    assert set(PERMISSIONS) == set(Action)
    for action, permission in PERMISSIONS.items():
        assert permission.roles, action
        assert permission.label.source, action


@pytest.mark.parametrize("action", list(Action))
def test_require_follows_the_declaration_for_every_role(action: Action) -> None:
    for role in Role:
        if role in PERMISSIONS[action].roles:
            require(_actor(role), action)
            assert may(role, action)
        else:
            with pytest.raises(PermissionDenied, match="无权"):
                require(_actor(role), action)


def test_the_system_actor_may_take_every_action() -> None:
    system = system_actor("cli:root")
    for action in Action:
        require(system, action)


def test_subdistrict_roles_are_scoped_to_their_own_subdistrict() -> None:
    assert scope(Role.SUBDISTRICT, Action.READ_APPLICATIONS) is Scope.OWN_SUBDISTRICT
    assert scope(Role.BUREAU_STAFF, Action.READ_APPLICATIONS) is Scope.ALL
    assert scope(Role.SUBDISTRICT, Action.READ_AGREEMENTS) is Scope.OWN_SUBDISTRICT


def test_the_interface_names_no_role_to_decide_what_to_show() -> None:
    """Pages ask may_act()/the workflow; only the admin page (which assigns roles) and the
    labels module (which names them) refer to Role members."""
    allowed = {UI / "admin" / "page.py", UI / "labels.py"}
    offenders = []
    for path in sorted(UI.rglob("*.py")):
        if path in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id == "Role"):
                offenders.append(f"{path.relative_to(UI)}:{node.lineno}")
    assert offenders == []


def test_every_audited_table_has_a_record_label() -> None:
    """The audit page names every record type in the user's language (domain/records.py)."""
    from jd_admin.domain.access import TABLES
    from jd_admin.domain.records import RecordType

    audited = {name for name, table in TABLES.items() if table.audited}
    assert audited <= set(RecordType.codes())

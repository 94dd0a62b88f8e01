"""who changed a record last, and when: for the refusal of a stale edit

Issue 14 (two clients editing one record). A refused second edit names the change it lost to:
"该记录已于 2026-12-01 10:32 被 徐丽华（bureau1）修改，请刷新后重试". The trail holds it, but on
PostgreSQL a login reads only its own audit rows (READ_OWN_AUDIT: the inspector, the operator)
or its 街镇's; so ``jd_last_change(type, id)`` reads the newest change or note of one record
(prints, downloads and exports are not changes) as the schema's owner and returns only its
actor, the actor's full name and its time — and only of a record the caller may read, by the
rule of ``jd_note``'s print notes (migration 0012): a table the login has SELECT on, and for a
subdistrict login a record of its own 街镇 (the trail row's ``subdistrict_id``, set by the
server) or of none. Nothing else of the trail (the values, the comments) is returned. Who may
execute it: declared in ``jd_admin/domain/access.py`` (FUNCTIONS). SQLite: the service reads
the trail itself (services/audit/trail.py ``last_change``).

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-01 12:00:00
"""

from __future__ import annotations

from alembic import op

from jd_admin.domain.audit_chain import READ_ACTIONS

revision = '0032'
down_revision = '0031'
branch_labels = None
depends_on = None

READS = "ARRAY[" + ", ".join(f"'{a}'" for a in READ_ACTIONS) + "]::text[]"

LAST_CHANGE = rf"""
CREATE FUNCTION jd_last_change(p_type text, p_id text)
RETURNS TABLE (actor text, full_name text, occurred_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_table regclass := to_regclass(format('public.%I', p_type));
  v_super boolean := coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user),
                              false);
  v_event audit_event;
BEGIN
  IF v_table IS NULL OR p_id IS NULL THEN RETURN; END IF;
  IF NOT v_super AND NOT has_any_column_privilege(session_user, v_table, 'SELECT') THEN
    RETURN;
  END IF;
  SELECT * INTO v_event FROM audit_event e
   WHERE e.entity_type = p_type AND e.entity_id = p_id AND e.action <> ALL({READS})
   ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1;
  IF NOT FOUND THEN RETURN; END IF;
  IF NOT v_super AND pg_has_role(session_user, 'jd_subdistrict', 'MEMBER')
     AND v_event.subdistrict_id IS DISTINCT FROM NULL
     AND v_event.subdistrict_id IS DISTINCT FROM jd_my_subdistrict() THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT v_event.actor::text,
                      (SELECT u.full_name::text FROM app_user u WHERE u.username = v_event.actor),
                      v_event.occurred_at;
END $$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(LAST_CHANGE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION jd_last_change(text, text)")

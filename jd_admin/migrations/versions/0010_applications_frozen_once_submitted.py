"""an application is frozen once submitted

PostgreSQL only (issue 9, finding 4): a subdistrict login could edit its application after the
bureau had approved it (bank account, the bureau's opinion, the reviewer, the venue) and delete
its attachments and coaches. Now, for every login but a superuser:

- an application's columns change only as its state allows: its data while it is a draft or
  returned (the subdistrict's editing states, ``EDITABLE_APPLICATION_STATES`` in the domain),
  the subdistrict's review fields while submitted, the bureau's decision fields (and the venue
  it designates) while approved by the subdistrict, nothing once decided;
- its sports, coaches and attachments are added, changed or removed only while it is editable.

No data changes.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 22:20:00
"""

from __future__ import annotations

from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

#: Columns a step may change besides the status, its bookkeeping and the editing states' data.
REVIEW_COLUMNS = {
    "submitted": ("subdistrict_opinion", "subdistrict_reviewer", "subdistrict_reviewed_at"),
    "subdistrict_approved": ("bureau_opinion", "bureau_reviewer", "bureau_reviewed_at",
                             "venue_id"),
}
EDITABLE = ("draft", "returned")
DECISION_COLUMNS = REVIEW_COLUMNS["subdistrict_approved"]
CHILDREN = ("application_sport", "application_coach")


def _sql_list(items: tuple[str, ...]) -> str:
    return "ARRAY[" + ", ".join(f"'{i}'" for i in items) + "]::text[]"


FREEZE = f"""
CREATE FUNCTION jd_application_freeze() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  changed text[];
  allowed text[] := ARRAY['status', 'version', 'updated_at', 'submitted_at'];
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN RETURN NEW; END IF;
  SELECT coalesce(array_agg(n.key), ARRAY[]::text[]) INTO changed
    FROM jsonb_each(to_jsonb(NEW)) n WHERE n.value IS DISTINCT FROM to_jsonb(OLD) -> n.key;
  IF OLD.status = ANY({_sql_list(EDITABLE)}) THEN
    -- the subdistrict's data, but never the bureau's decision
    IF changed && {_sql_list(DECISION_COLUMNS)} THEN
      RAISE EXCEPTION '申请 % 的区体育局审定意见只能由审定步骤填写', OLD.id USING ERRCODE = 'JD422';
    END IF;
    RETURN NEW;
  ELSIF OLD.status = 'submitted' THEN
    allowed := allowed || {_sql_list(REVIEW_COLUMNS["submitted"])};
  ELSIF OLD.status = 'subdistrict_approved' THEN
    allowed := allowed || {_sql_list(REVIEW_COLUMNS["subdistrict_approved"])};
  ELSE
    allowed := ARRAY[]::text[];
  END IF;
  IF NOT changed <@ allowed THEN
    RAISE EXCEPTION '申请 % 处于“%”状态，不能修改 %', OLD.id, OLD.status,
      array_to_string(ARRAY(SELECT unnest(changed) EXCEPT SELECT unnest(allowed)), '、')
      USING ERRCODE = 'JD422';
  END IF;
  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION jd_application_freeze() FROM PUBLIC;
CREATE TRIGGER application_freeze BEFORE UPDATE ON application
  FOR EACH ROW EXECUTE FUNCTION jd_application_freeze();
"""

EDITABLE_APPS = f"(SELECT id FROM application WHERE status = ANY({_sql_list(EDITABLE)}))"


def _child_policies_up() -> list[str]:
    out = []
    for table in CHILDREN:
        out += [
            f"DROP POLICY {table}_by_application ON {table}",
            f"CREATE POLICY {table}_read ON {table} FOR SELECT TO jd_staff "
            "USING (application_id IN (SELECT id FROM application))",
            f"CREATE POLICY {table}_add ON {table} FOR INSERT TO jd_staff "
            f"WITH CHECK (application_id IN {EDITABLE_APPS})",
            f"CREATE POLICY {table}_change ON {table} FOR UPDATE TO jd_staff "
            f"USING (application_id IN {EDITABLE_APPS}) "
            f"WITH CHECK (application_id IN {EDITABLE_APPS})",
            f"CREATE POLICY {table}_remove ON {table} FOR DELETE TO jd_staff "
            f"USING (application_id IN {EDITABLE_APPS})",
        ]
    out += [
        "DROP POLICY attachment_of_application ON attachment",
        "CREATE POLICY attachment_of_application_read ON attachment FOR SELECT TO jd_staff "
        "USING (application_id IN (SELECT id FROM application))",
        "CREATE POLICY attachment_of_application_add ON attachment FOR INSERT TO jd_subdistrict "
        f"WITH CHECK (application_id IN {EDITABLE_APPS})",
        "CREATE POLICY attachment_of_application_remove ON attachment FOR DELETE "
        f"TO jd_subdistrict USING (application_id IN {EDITABLE_APPS})",
    ]
    return out


def _child_policies_down() -> list[str]:
    out = [
        "DROP POLICY attachment_of_application_remove ON attachment",
        "DROP POLICY attachment_of_application_add ON attachment",
        "DROP POLICY attachment_of_application_read ON attachment",
        "CREATE POLICY attachment_of_application ON attachment FOR ALL TO jd_staff "
        "USING (application_id IN (SELECT id FROM application)) "
        "WITH CHECK (application_id IN (SELECT id FROM application))",
    ]
    for table in CHILDREN:
        out += [f"DROP POLICY {table}_{p} ON {table}" for p in ("remove", "change", "add", "read")]
        out.append(f"CREATE POLICY {table}_by_application ON {table} FOR ALL TO jd_staff "
                   "USING (application_id IN (SELECT id FROM application)) "
                   "WITH CHECK (application_id IN (SELECT id FROM application))")
    return out


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FREEZE)
    for statement in _child_policies_up():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in _child_policies_down():
        op.execute(statement)
    op.execute("DROP TRIGGER application_freeze ON application")
    op.execute("DROP FUNCTION jd_application_freeze()")

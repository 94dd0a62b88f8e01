"""venue coaches filed (the register's copy of the application's coaches)

Issue 11's checklist asks the inspector to compare the coaches on duty with those filed with
the venue's application, but an inspector reads no application. ``venue_coach`` is the
register's copy of them, as ``venue_sport`` is of the filed sports and list prices: written by
the designation step (services/recruitment/applications.py ``_designate``) and backfilled here
from the approved application that last designated each existing venue (the newest bureau
decision; a re-designation replaces the copy, as it does the sports). Both dialects;
PostgreSQL: audited per row, its audit rows in the venue's 街镇. Grants and row security (the
bureau, the venue's 街镇, the inspectors the venue is assigned to) come from the permission
matrix (jd_admin/domain/access.py).

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-02 04:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None

#: The coaches of the approved application that designated each venue last.
BACKFILL = """
INSERT INTO venue_coach (venue_id, name, qualification, certificate_number, from_application_id)
SELECT d.venue_id, c.name, c.qualification, c.certificate_number, d.id
FROM (SELECT a.id, a.venue_id, row_number() OVER (
          PARTITION BY a.venue_id ORDER BY a.bureau_reviewed_at DESC, a.id DESC) AS n
      FROM application a
      WHERE a.venue_id IS NOT NULL AND a.status = 'bureau_approved') d
JOIN application_coach c ON c.application_id = d.id
WHERE d.n = 1
ORDER BY d.venue_id, c.id
"""

TRIGGERS = [
    "CREATE TRIGGER venue_coach_audit AFTER INSERT OR UPDATE OR DELETE "
    "ON venue_coach FOR EACH ROW EXECUTE FUNCTION jd_audit_row('id', '')",
    "CREATE TRIGGER venue_coach_audit_truncate AFTER TRUNCATE ON venue_coach "
    "FOR EACH STATEMENT EXECUTE FUNCTION jd_audit_statement('id', '')",
]

#: The audit trail's subdistrict of a row (0022's ``jd_audit_row_scope``), with the venue's
#: filed coaches in their venue's 街镇 (``{more}``: empty for 0022's own version).
ROW_SCOPE = """
CREATE OR REPLACE FUNCTION jd_audit_row_scope(p_table text, r jsonb) RETURNS integer
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT CASE
    WHEN p_table IN ('application', 'venue') THEN (r ->> 'subdistrict_id')::integer
    WHEN p_table IN ('agreement', 'venue_sport', 'venue_status_change', 'inspection_assignment',
                     'inspection', 'rectification_order'{more})
      THEN jd_audit_scope('venue', r ->> 'venue_id')
    WHEN p_table IN ('application_sport', 'application_coach')
      THEN jd_audit_scope('application', r ->> 'application_id')
    WHEN p_table = 'attachment'
      THEN coalesce(jd_audit_scope('application', r ->> 'application_id'),
                    jd_audit_scope('agreement', r ->> 'agreement_id'))
    ELSE NULL END
$$;
"""


def upgrade() -> None:
    op.create_table('venue_coach',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('qualification', sa.String(length=100), nullable=False),
    sa.Column('certificate_number', sa.String(length=60), nullable=False),
    sa.Column('from_application_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['from_application_id'], ['application.id'],
                            name=op.f('fk_venue_coach_from_application_id_application')),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'],
                            name=op.f('fk_venue_coach_venue_id_venue'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_venue_coach'))
    )
    with op.batch_alter_table('venue_coach', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_venue_coach_venue_id'), ['venue_id'], unique=False)
    op.execute(BACKFILL)  # before the audit triggers: the copy is the migration's, not a login's
    if op.get_bind().dialect.name == "postgresql":
        for statement in TRIGGERS:
            op.execute(statement)
        op.execute(ROW_SCOPE.replace("{more}", ", 'venue_coach'"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(ROW_SCOPE.replace("{more}", ""))
    with op.batch_alter_table('venue_coach', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_venue_coach_venue_id'))
    op.drop_table('venue_coach')

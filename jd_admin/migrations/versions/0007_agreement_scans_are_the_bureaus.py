"""agreement scans are the bureau's

PostgreSQL only (issue 9, finding 1): the attachment policy let every staff login through every
row with an ``agreement_id`` — a subdistrict login deleted or rewrote the signed scans of
agreements in force. Now:

- an application's attachments follow the application's visibility, as before;
- an agreement's signed scan is read by the bureau's roles, and by a subdistrict for its own
  subdistrict's venues only;
- only bureau staff add a scan, and only while the agreement is out for signature;
- nobody changes or deletes a scan (no UPDATE or DELETE policy covers agreement rows).

No data changes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 21:50:00
"""

from __future__ import annotations

from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

UP = """
DROP POLICY attachment_by_owner ON attachment;
CREATE POLICY attachment_of_application ON attachment FOR ALL TO jd_staff
  USING (application_id IN (SELECT id FROM application))
  WITH CHECK (application_id IN (SELECT id FROM application));
CREATE POLICY attachment_of_agreement_read ON attachment FOR SELECT
  TO jd_bureau_staff, jd_bureau_approver, jd_admin
  USING (agreement_id IS NOT NULL);
CREATE POLICY attachment_of_agreement_read_own ON attachment FOR SELECT TO jd_subdistrict
  USING (agreement_id IN (
    SELECT a.id FROM agreement a JOIN venue v ON v.id = a.venue_id
     WHERE v.subdistrict_id = (SELECT jd_my_subdistrict())));
CREATE POLICY attachment_of_agreement_add ON attachment FOR INSERT TO jd_bureau_staff
  WITH CHECK (agreement_id IN (SELECT id FROM agreement WHERE status = 'out_for_signature'));
"""

DOWN = """
DROP POLICY attachment_of_agreement_add ON attachment;
DROP POLICY attachment_of_agreement_read_own ON attachment;
DROP POLICY attachment_of_agreement_read ON attachment;
DROP POLICY attachment_of_application ON attachment;
CREATE POLICY attachment_by_owner ON attachment FOR ALL TO jd_staff
  USING (agreement_id IS NOT NULL OR application_id IN (SELECT id FROM application))
  WITH CHECK (agreement_id IS NOT NULL OR application_id IN (SELECT id FROM application));
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(UP)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(DOWN)

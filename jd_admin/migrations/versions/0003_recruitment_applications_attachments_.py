"""recruitment, applications, attachments, agreements, register history

Tables of the recruitment workflow (calls, applications with sports, coaches and attachments),
three-party agreements with their number counter and the parties' identities, the register's
status history, and the declared workflow steps. On PostgreSQL also: grants per group role,
row-level security keyed on the login role (a subdistrict sees only its own applications),
a guard trigger that allows only declared workflow steps by the right role, and immutability
of agreements once in force.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 18:02:51.399520
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


#: The declared workflow steps (services/workflow.py; a test keeps both equal).
WORKFLOW_STEPS = [
    ("recruitment_call", "draft", "published", "bureau_staff"),
    ("recruitment_call", "published", "closed", "bureau_staff"),
    ("application", "draft", "submitted", "subdistrict"),
    ("application", "returned", "submitted", "subdistrict"),
    ("application", "submitted", "subdistrict_approved", "subdistrict"),
    ("application", "submitted", "returned", "subdistrict"),
    ("application", "submitted", "rejected", "subdistrict"),
    ("application", "subdistrict_approved", "bureau_approved", "bureau_staff"),
    ("application", "subdistrict_approved", "returned", "bureau_staff"),
    ("application", "subdistrict_approved", "rejected", "bureau_staff"),
    ("agreement", "draft", "out_for_signature", "bureau_staff"),
    ("agreement", "draft", "terminated", "bureau_staff"),
    ("agreement", "out_for_signature", "in_force", "bureau_staff"),
    ("agreement", "out_for_signature", "terminated", "bureau_staff"),
    ("agreement", "in_force", "expired", "bureau_staff"),
    ("agreement", "in_force", "terminated", "bureau_staff"),
    ("venue", "designated", "suspended", "bureau_staff"),
    ("venue", "suspended", "designated", "bureau_staff"),
    ("venue", "designated", "withdrawn", "bureau_staff"),
    ("venue", "suspended", "withdrawn", "bureau_staff"),
    ("venue", "withdrawn", "designated", "bureau_staff"),
]
SEEDED_AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

PG_UP = r"""
CREATE FUNCTION jd_my_subdistrict() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT subdistrict_id FROM app_user WHERE username = session_user AND is_active
$$;
REVOKE ALL ON FUNCTION jd_my_subdistrict() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jd_my_subdistrict() TO jd_staff;

-- Only declared workflow steps, each by a role allowed to take it (the DBA may do anything).
CREATE FUNCTION jd_workflow_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NEW.status IS NOT DISTINCT FROM OLD.status THEN RETURN NEW; END IF;
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN RETURN NEW; END IF;
  IF NOT EXISTS (
      SELECT 1 FROM workflow_step w
       WHERE w.entity_type = TG_ARGV[0] AND w.from_state = OLD.status AND w.to_state = NEW.status
         AND pg_has_role(session_user, 'jd_' || w.role, 'MEMBER')) THEN
    RAISE EXCEPTION '不允许的状态变更：% 从 % 到 %', TG_ARGV[0], OLD.status, NEW.status
      USING ERRCODE = 'JD422';
  END IF;
  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION jd_workflow_guard() FROM PUBLIC;

CREATE TRIGGER recruitment_call_workflow BEFORE UPDATE OF status ON recruitment_call
  FOR EACH ROW EXECUTE FUNCTION jd_workflow_guard('recruitment_call');
CREATE TRIGGER application_workflow BEFORE UPDATE OF status ON application
  FOR EACH ROW EXECUTE FUNCTION jd_workflow_guard('application');
CREATE TRIGGER agreement_workflow BEFORE UPDATE OF status ON agreement
  FOR EACH ROW EXECUTE FUNCTION jd_workflow_guard('agreement');
CREATE TRIGGER venue_workflow BEFORE UPDATE OF status ON venue
  FOR EACH ROW EXECUTE FUNCTION jd_workflow_guard('venue');

-- An agreement in force (or ended) is immutable but for its ending.
CREATE FUNCTION jd_agreement_immutable() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE allowed text[] := ARRAY['status', 'terminated_on', 'termination_reason', 'version', 'updated_at'];
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '协议不能删除' USING ERRCODE = 'JD422';
  END IF;
  IF OLD.status IN ('in_force', 'expired', 'terminated')
     AND (to_jsonb(OLD) - allowed) IS DISTINCT FROM (to_jsonb(NEW) - allowed) THEN
    RAISE EXCEPTION '已生效或已结束的协议不能修改（协议编号 %）', OLD.number USING ERRCODE = 'JD422';
  END IF;
  IF OLD.status IN ('expired', 'terminated') AND NEW.status IS DISTINCT FROM OLD.status THEN
    RAISE EXCEPTION '已结束的协议不能再变更状态' USING ERRCODE = 'JD422';
  END IF;
  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION jd_agreement_immutable() FROM PUBLIC;
CREATE TRIGGER agreement_immutable BEFORE UPDATE OR DELETE ON agreement
  FOR EACH ROW EXECUTE FUNCTION jd_agreement_immutable();

-- Grants: every staff member reads the reference and register data; writes by role.
GRANT SELECT ON recruitment_call, agreement, party_setting, venue_status_change, workflow_step,
                agreement_number_counter TO jd_staff;
GRANT INSERT, UPDATE ON recruitment_call TO jd_bureau_staff;
GRANT USAGE ON SEQUENCE recruitment_call_id_seq TO jd_bureau_staff;
GRANT INSERT, UPDATE ON agreement, agreement_number_counter TO jd_bureau_staff;
GRANT USAGE ON SEQUENCE agreement_id_seq TO jd_bureau_staff;
GRANT INSERT ON venue_status_change TO jd_bureau_staff;
GRANT USAGE ON SEQUENCE venue_status_change_id_seq TO jd_bureau_staff;
GRANT INSERT, UPDATE ON party_setting TO jd_admin;
GRANT INSERT, UPDATE ON venue, venue_sport TO jd_admin;
GRANT USAGE ON SEQUENCE venue_id_seq, venue_sport_id_seq TO jd_admin;
GRANT INSERT ON venue_status_change TO jd_admin;
GRANT USAGE ON SEQUENCE venue_status_change_id_seq TO jd_admin;

GRANT SELECT ON application, application_sport, application_coach, attachment
  TO jd_subdistrict, jd_bureau_staff, jd_bureau_approver, jd_admin;
GRANT INSERT, UPDATE, DELETE ON application, application_sport, application_coach, attachment
  TO jd_subdistrict;
GRANT UPDATE ON application TO jd_bureau_staff;
GRANT INSERT ON attachment TO jd_bureau_staff;
GRANT USAGE ON SEQUENCE application_id_seq, application_sport_id_seq, application_coach_id_seq,
  attachment_id_seq TO jd_subdistrict;
GRANT USAGE ON SEQUENCE attachment_id_seq TO jd_bureau_staff;

-- Row-level security: a subdistrict sees and changes only its own applications.
ALTER TABLE application ENABLE ROW LEVEL SECURITY;
CREATE POLICY application_select_all ON application FOR SELECT
  TO jd_bureau_staff, jd_bureau_approver, jd_admin USING (true);
CREATE POLICY application_update_bureau ON application FOR UPDATE
  TO jd_bureau_staff USING (true) WITH CHECK (true);
CREATE POLICY application_select_own ON application FOR SELECT
  TO jd_subdistrict USING (subdistrict_id = (SELECT jd_my_subdistrict()));
CREATE POLICY application_insert_own ON application FOR INSERT
  TO jd_subdistrict WITH CHECK (subdistrict_id = (SELECT jd_my_subdistrict()));
CREATE POLICY application_update_own ON application FOR UPDATE
  TO jd_subdistrict USING (subdistrict_id = (SELECT jd_my_subdistrict()))
  WITH CHECK (subdistrict_id = (SELECT jd_my_subdistrict()));
CREATE POLICY application_delete_own ON application FOR DELETE
  TO jd_subdistrict USING (subdistrict_id = (SELECT jd_my_subdistrict()) AND status = 'draft');
"""

CHILD_TABLES = ("application_sport", "application_coach")

PG_DOWN = r"""
DROP POLICY application_delete_own ON application;
DROP POLICY application_update_own ON application;
DROP POLICY application_insert_own ON application;
DROP POLICY application_select_own ON application;
DROP POLICY application_update_bureau ON application;
DROP POLICY application_select_all ON application;
ALTER TABLE application DISABLE ROW LEVEL SECURITY;
DROP TRIGGER agreement_immutable ON agreement;
DROP FUNCTION jd_agreement_immutable();
DROP TRIGGER venue_workflow ON venue;
DROP TRIGGER agreement_workflow ON agreement;
DROP TRIGGER application_workflow ON application;
DROP TRIGGER recruitment_call_workflow ON recruitment_call;
DROP FUNCTION jd_workflow_guard();
DROP FUNCTION jd_my_subdistrict();
"""


def _pg_child_policies() -> None:
    """Sports, coaches and attachments follow their application's visibility."""
    for table in CHILD_TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY {table}_by_application ON {table} FOR ALL TO jd_staff "
                   "USING (application_id IN (SELECT id FROM application)) "
                   "WITH CHECK (application_id IN (SELECT id FROM application))")
    op.execute("ALTER TABLE attachment ENABLE ROW LEVEL SECURITY")
    op.execute("CREATE POLICY attachment_by_owner ON attachment FOR ALL TO jd_staff "
               "USING (agreement_id IS NOT NULL OR application_id IN (SELECT id FROM application)) "
               "WITH CHECK (agreement_id IS NOT NULL OR application_id IN (SELECT id FROM application))")


def _seed() -> None:
    step = sa.table("workflow_step", sa.column("entity_type"), sa.column("from_state"),
                    sa.column("to_state"), sa.column("role"))
    op.bulk_insert(step, [dict(zip(("entity_type", "from_state", "to_state", "role"), row, strict=True))
                          for row in WORKFLOW_STEPS])
    party = sa.table("party_setting", sa.column("party"), sa.column("name"), sa.column("credit_code"),
                     sa.column("address"), sa.column("representative"), sa.column("version", sa.Integer))
    op.bulk_insert(party, [
        {"party": "bureau", "name": "上海市嘉定区体育局", "credit_code": "11310114002416760A",
         "address": "上海市嘉定区", "representative": "", "version": 1},
    ])
    # The register's history starts with each existing venue's current status.
    op.execute(sa.text(
        "INSERT INTO venue_status_change (venue_id, from_status, to_status, effective_at, reason, actor) "
        "SELECT id, NULL, status, created_at, '初始登记', 'system' FROM venue"
    ))


def upgrade() -> None:
    op.create_table('workflow_step',
    sa.Column('entity_type', sa.String(length=40), nullable=False),
    sa.Column('from_state', sa.String(length=40), nullable=False),
    sa.Column('to_state', sa.String(length=40), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('entity_type', 'from_state', 'to_state', 'role', name=op.f('pk_workflow_step'))
    )
    op.create_table('agreement_number_counter',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_agreement_number_counter'))
    )
    op.create_table('party_setting',
    sa.Column('party', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('credit_code', sa.String(length=18), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('representative', sa.String(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("party IN ('bureau', 'operator')", name=op.f('ck_party_setting_party')),
    sa.PrimaryKeyConstraint('party', name=op.f('pk_party_setting'))
    )
    op.create_table('recruitment_call',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('open_date', sa.Date(), nullable=False),
    sa.Column('close_date', sa.Date(), nullable=False),
    sa.Column('venue_types', sa.JSON(), nullable=False),
    sa.Column('sports', sa.JSON(), nullable=False),
    sa.Column('conditions', sa.Text(), nullable=False),
    sa.Column('required_documents', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_by', sa.String(length=63), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'published', 'closed')", name=op.f('ck_recruitment_call_status')),
    sa.CheckConstraint('close_date >= open_date', name=op.f('ck_recruitment_call_dates_in_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recruitment_call'))
    )
    op.create_table('application',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('subdistrict_id', sa.Integer(), nullable=False),
    sa.Column('venue_name', sa.String(length=100), nullable=False),
    sa.Column('venue_type', sa.String(length=20), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('credit_code', sa.String(length=18), nullable=False),
    sa.Column('legal_representative', sa.String(length=40), nullable=False),
    sa.Column('contact_name', sa.String(length=40), nullable=False),
    sa.Column('contact_mobile', sa.String(length=11), nullable=False),
    sa.Column('opening_hours', sa.String(length=100), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('safety_measures', sa.Text(), nullable=False),
    sa.Column('bank_name', sa.String(length=100), nullable=False),
    sa.Column('bank_account_name', sa.String(length=100), nullable=False),
    sa.Column('bank_account_number', sa.String(length=32), nullable=False),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('subdistrict_opinion', sa.Text(), nullable=True),
    sa.Column('subdistrict_reviewer', sa.String(length=63), nullable=True),
    sa.Column('subdistrict_reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('bureau_opinion', sa.Text(), nullable=True),
    sa.Column('bureau_reviewer', sa.String(length=63), nullable=True),
    sa.Column('bureau_reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('venue_id', sa.Integer(), nullable=True),
    sa.Column('created_by', sa.String(length=63), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'submitted', 'subdistrict_approved', 'bureau_approved', 'returned', 'rejected')", name=op.f('ck_application_status')),
    sa.CheckConstraint("venue_type IN ('public', 'commercial')", name=op.f('ck_application_venue_type')),
    sa.CheckConstraint('(longitude IS NULL) = (latitude IS NULL)', name=op.f('ck_application_coordinates_complete')),
    sa.CheckConstraint('capacity >= 0', name=op.f('ck_application_capacity_non_negative')),
    sa.ForeignKeyConstraint(['call_id'], ['recruitment_call.id'], name=op.f('fk_application_call_id_recruitment_call')),
    sa.ForeignKeyConstraint(['subdistrict_id'], ['subdistrict.id'], name=op.f('fk_application_subdistrict_id_subdistrict')),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], name=op.f('fk_application_venue_id_venue')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application'))
    )
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_call_id'), ['call_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_credit_code'), ['credit_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_subdistrict_id'), ['subdistrict_id'], unique=False)

    op.create_table('venue_status_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('effective_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('actor', sa.String(length=63), nullable=False),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], name=op.f('fk_venue_status_change_venue_id_venue'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_venue_status_change'))
    )
    with op.batch_alter_table('venue_status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_venue_status_change_venue_id'), ['venue_id'], unique=False)

    op.create_table('agreement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=24), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('venue_id', sa.Integer(), nullable=False),
    sa.Column('renews_id', sa.Integer(), nullable=True),
    sa.Column('bureau_name', sa.String(length=100), nullable=False),
    sa.Column('bureau_credit_code', sa.String(length=18), nullable=False),
    sa.Column('venue_name', sa.String(length=100), nullable=False),
    sa.Column('venue_credit_code', sa.String(length=18), nullable=False),
    sa.Column('venue_legal_representative', sa.String(length=40), nullable=False),
    sa.Column('venue_address', sa.String(length=200), nullable=False),
    sa.Column('venue_bank', sa.String(length=200), nullable=False),
    sa.Column('operator_name', sa.String(length=100), nullable=False),
    sa.Column('operator_credit_code', sa.String(length=18), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('face_values', sa.JSON(), nullable=False),
    sa.Column('settlement_terms', sa.Text(), nullable=False),
    sa.Column('obligations', sa.Text(), nullable=False),
    sa.Column('termination_grounds', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('sent_for_signature_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('bureau_signed_on', sa.Date(), nullable=True),
    sa.Column('venue_signed_on', sa.Date(), nullable=True),
    sa.Column('operator_signed_on', sa.Date(), nullable=True),
    sa.Column('in_force_from', sa.Date(), nullable=True),
    sa.Column('terminated_on', sa.Date(), nullable=True),
    sa.Column('termination_reason', sa.Text(), nullable=True),
    sa.Column('created_by', sa.String(length=63), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'out_for_signature', 'in_force', 'expired', 'terminated')", name=op.f('ck_agreement_status')),
    sa.CheckConstraint("status NOT IN ('in_force', 'expired') OR (bureau_signed_on IS NOT NULL AND venue_signed_on IS NOT NULL AND operator_signed_on IS NOT NULL AND in_force_from IS NOT NULL)", name=op.f('ck_agreement_signed_when_in_force')),
    sa.CheckConstraint('end_date > start_date', name=op.f('ck_agreement_dates_in_order')),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_agreement_application_id_application')),
    sa.ForeignKeyConstraint(['renews_id'], ['agreement.id'], name=op.f('fk_agreement_renews_id_agreement')),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], name=op.f('fk_agreement_venue_id_venue')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement')),
    sa.UniqueConstraint('number', name=op.f('uq_agreement_number'))
    )
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_venue_id'), ['venue_id'], unique=False)

    op.create_table('application_coach',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('qualification', sa.String(length=100), nullable=False),
    sa.Column('certificate_number', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_application_coach_application_id_application'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application_coach'))
    )
    op.create_table('application_sport',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('sport', sa.String(length=20), nullable=False),
    sa.Column('list_price', sa.BigInteger(), nullable=False),
    sa.CheckConstraint('list_price >= 0', name=op.f('ck_application_sport_list_price_non_negative')),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_application_sport_application_id_application'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application_sport')),
    sa.UniqueConstraint('application_id', 'sport', name=op.f('uq_application_sport_application_id_sport'))
    )
    op.create_table('attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('agreement_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('media_type', sa.String(length=40), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('uploaded_by', sa.String(length=63), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("media_type IN ('application/pdf', 'image/jpeg', 'image/png')", name=op.f('ck_attachment_media_type')),
    sa.CheckConstraint('(application_id IS NULL) <> (agreement_id IS NULL)', name=op.f('ck_attachment_one_owner')),
    sa.CheckConstraint('size > 0 AND size <= 20971520', name=op.f('ck_attachment_size_limit')),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreement.id'], name=op.f('fk_attachment_agreement_id_agreement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_attachment_application_id_application'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_application_id'), ['application_id'], unique=False)

    with op.batch_alter_table('venue', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bank_name', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('bank_account_name', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('bank_account_number', sa.String(length=32), nullable=True))


    _seed()
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_UP)
        _pg_child_policies()

def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP POLICY attachment_by_owner ON attachment")
        for table in CHILD_TABLES:
            op.execute(f"DROP POLICY {table}_by_application ON {table}")
        op.execute(PG_DOWN)
    with op.batch_alter_table('venue', schema=None) as batch_op:
        batch_op.drop_column('bank_account_number')
        batch_op.drop_column('bank_account_name')
        batch_op.drop_column('bank_name')

    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_application_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_agreement_id'))

    op.drop_table('attachment')
    op.drop_table('application_sport')
    op.drop_table('application_coach')
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_venue_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_status'))

    op.drop_table('agreement')
    with op.batch_alter_table('venue_status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_venue_status_change_venue_id'))

    op.drop_table('venue_status_change')
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_subdistrict_id'))
        batch_op.drop_index(batch_op.f('ix_application_status'))
        batch_op.drop_index(batch_op.f('ix_application_credit_code'))
        batch_op.drop_index(batch_op.f('ix_application_call_id'))

    op.drop_table('application')
    op.drop_table('recruitment_call')
    op.drop_table('party_setting')
    op.drop_table('agreement_number_counter')
    op.drop_table('workflow_step')

"""the permission matrix takes over every grant and policy

PostgreSQL only (issue 9, items 1, 2 and 8). Until now each revision granted and wrote policies for
its own tables; from this revision on they are derived from one declaration,
``jd_admin/domain/access.py``, and rebuilt by ``env.py`` after every upgrade to the head
revision (``jd_admin/migrations/access.py``). This revision removes the grants and policies
the earlier ones made; its downgrade puts them back as they were (``BEFORE``, taken from
``pg_dump`` of a database at revision 0012).

No data changes.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 23:00:00
"""

from __future__ import annotations

from alembic import op

from jd_admin.migrations import access

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

#: Grants, policies and row-security switches at revision 0012 (pg_dump --schema-only).
BEFORE = r"""
ALTER TABLE public.application ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.application_coach ENABLE ROW LEVEL SECURITY;
CREATE POLICY application_coach_add ON public.application_coach FOR INSERT TO jd_staff WITH CHECK ((application_id IN ( SELECT application.id
   FROM public.application
  WHERE ((application.status)::text = ANY (ARRAY['draft'::text, 'returned'::text])))));
CREATE POLICY application_coach_change ON public.application_coach FOR UPDATE TO jd_staff USING ((application_id IN ( SELECT application.id
   FROM public.application
  WHERE ((application.status)::text = ANY (ARRAY['draft'::text, 'returned'::text]))))) WITH CHECK ((application_id IN ( SELECT application.id
   FROM public.application
  WHERE ((application.status)::text = ANY (ARRAY['draft'::text, 'returned'::text])))));
CREATE POLICY application_coach_read ON public.application_coach FOR SELECT TO jd_staff USING ((application_id IN ( SELECT application.id
   FROM public.application)));
CREATE POLICY application_coach_remove ON public.application_coach FOR DELETE TO jd_staff USING ((application_id IN ( SELECT application.id
   FROM public.application
  WHERE ((application.status)::text = ANY (ARRAY['draft'::text, 'returned'::text])))));
CREATE POLICY application_delete_own ON public.application FOR DELETE TO jd_subdistrict USING (((subdistrict_id = ( SELECT public.jd_my_subdistrict() AS jd_my_subdistrict)) AND ((status)::text = 'draft'::text)));
CREATE POLICY application_insert_own ON public.application FOR INSERT TO jd_subdistrict WITH CHECK ((subdistrict_id = ( SELECT public.jd_my_subdistrict() AS jd_my_subdistrict)));
CREATE POLICY application_select_all ON public.application FOR SELECT TO jd_admin, jd_bureau_staff, jd_bureau_approver USING (true);
CREATE POLICY application_select_own ON public.application FOR SELECT TO jd_subdistrict USING ((subdistrict_id = ( SELECT public.jd_my_subdistrict() AS jd_my_subdistrict)));
ALTER TABLE public.application_sport ENABLE ROW LEVEL SECURITY;
CREATE POLICY application_sport_add ON public.application_sport FOR INSERT TO jd_staff WITH CHECK ((application_id IN ( SELECT application.id
   FROM public.application
  WHERE ((application.status)::text = ANY (ARRAY['draft'::text, 'returned'::text])))));
CREATE POLICY application_sport_change ON public.application_sport FOR UPDATE TO jd_staff USING ((application_id IN ( SELECT application.id
   FROM public.application
  WHERE ((application.status)::text = ANY (ARRAY['draft'::text, 'returned'::text]))))) WITH CHECK ((application_id IN ( SELECT application.id
   FROM public.application
  WHERE ((application.status)::text = ANY (ARRAY['draft'::text, 'returned'::text])))));
CREATE POLICY application_sport_read ON public.application_sport FOR SELECT TO jd_staff USING ((application_id IN ( SELECT application.id
   FROM public.application)));
CREATE POLICY application_sport_remove ON public.application_sport FOR DELETE TO jd_staff USING ((application_id IN ( SELECT application.id
   FROM public.application
  WHERE ((application.status)::text = ANY (ARRAY['draft'::text, 'returned'::text])))));
CREATE POLICY application_update_bureau ON public.application FOR UPDATE TO jd_bureau_staff USING (true) WITH CHECK (true);
CREATE POLICY application_update_own ON public.application FOR UPDATE TO jd_subdistrict USING ((subdistrict_id = ( SELECT public.jd_my_subdistrict() AS jd_my_subdistrict))) WITH CHECK ((subdistrict_id = ( SELECT public.jd_my_subdistrict() AS jd_my_subdistrict)));
ALTER TABLE public.attachment ENABLE ROW LEVEL SECURITY;
CREATE POLICY attachment_of_agreement_add ON public.attachment FOR INSERT TO jd_bureau_staff WITH CHECK ((agreement_id IN ( SELECT agreement.id
   FROM public.agreement
  WHERE ((agreement.status)::text = 'out_for_signature'::text))));
CREATE POLICY attachment_of_agreement_read ON public.attachment FOR SELECT TO jd_admin, jd_bureau_staff, jd_bureau_approver USING ((agreement_id IS NOT NULL));
CREATE POLICY attachment_of_agreement_read_own ON public.attachment FOR SELECT TO jd_subdistrict USING ((agreement_id IN ( SELECT a.id
   FROM (public.agreement a
     JOIN public.venue v ON ((v.id = a.venue_id)))
  WHERE (v.subdistrict_id = ( SELECT public.jd_my_subdistrict() AS jd_my_subdistrict)))));
CREATE POLICY attachment_of_application_add ON public.attachment FOR INSERT TO jd_subdistrict WITH CHECK ((application_id IN ( SELECT application.id
   FROM public.application
  WHERE ((application.status)::text = ANY (ARRAY['draft'::text, 'returned'::text])))));
CREATE POLICY attachment_of_application_read ON public.attachment FOR SELECT TO jd_staff USING ((application_id IN ( SELECT application.id
   FROM public.application)));
CREATE POLICY attachment_of_application_remove ON public.attachment FOR DELETE TO jd_subdistrict USING ((application_id IN ( SELECT application.id
   FROM public.application
  WHERE ((application.status)::text = ANY (ARRAY['draft'::text, 'returned'::text])))));
ALTER TABLE public.audit_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_event_owner ON public.audit_event TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY audit_event_read_all ON public.audit_event FOR SELECT TO jd_admin, jd_bureau_staff, jd_bureau_approver USING (true);
CREATE POLICY audit_event_read_own_actions ON public.audit_event FOR SELECT TO jd_staff USING (((actor)::text = SESSION_USER));
CREATE POLICY audit_event_read_own_records ON public.audit_event FOR SELECT TO jd_subdistrict USING ((subdistrict_id = ( SELECT public.jd_my_subdistrict() AS jd_my_subdistrict)));
REVOKE ALL ON FUNCTION public.jd_agreement_immutable() FROM PUBLIC;
REVOKE ALL ON FUNCTION public.jd_application_freeze() FROM PUBLIC;
REVOKE ALL ON FUNCTION public.jd_audit(p_entity_id text, p_action text, p_from text, p_to text, p_comment text) FROM PUBLIC;
REVOKE ALL ON FUNCTION public.jd_audit_chain() FROM PUBLIC;
REVOKE ALL ON FUNCTION public.jd_audit_diff(o jsonb, n jsonb, p_keys text[], p_hidden text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION public.jd_audit_event_guard() FROM PUBLIC;
GRANT SELECT ON TABLE public.audit_event TO jd_staff;
REVOKE ALL ON FUNCTION public.jd_audit_hash(p_prev text, p_seq bigint, e public.audit_event) FROM PUBLIC;
REVOKE ALL ON FUNCTION public.jd_audit_row() FROM PUBLIC;
REVOKE ALL ON FUNCTION public.jd_audit_row_scope(p_table text, r jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION public.jd_audit_scope(p_type text, p_id text) FROM PUBLIC;
REVOKE ALL ON FUNCTION public.jd_audit_statement() FROM PUBLIC;
REVOKE ALL ON FUNCTION public.jd_change_own_password(p_verifier text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.jd_change_own_password(p_verifier text) TO jd_staff;
REVOKE ALL ON FUNCTION public.jd_check_vouchers(p_citizens integer[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.jd_check_vouchers(p_citizens integer[]) TO jd_operator;
GRANT ALL ON FUNCTION public.jd_check_vouchers(p_citizens integer[]) TO jd_bureau_staff;
REVOKE ALL ON FUNCTION public.jd_create_user(p_username text, p_full_name text, p_role text, p_subdistrict_id integer, p_verifier text, p_must_change boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.jd_create_user(p_username text, p_full_name text, p_role text, p_subdistrict_id integer, p_verifier text, p_must_change boolean) TO jd_admin;
REVOKE ALL ON FUNCTION public.jd_initial_state_guard() FROM PUBLIC;
REVOKE ALL ON FUNCTION public.jd_is_scram_verifier(p_verifier text) FROM PUBLIC;
REVOKE ALL ON FUNCTION public.jd_my_subdistrict() FROM PUBLIC;
GRANT ALL ON FUNCTION public.jd_my_subdistrict() TO jd_staff;
REVOKE ALL ON FUNCTION public.jd_note(p_entity_type text, p_entity_id text, p_action text, p_from text, p_to text, p_comment text, p_details json) FROM PUBLIC;
GRANT ALL ON FUNCTION public.jd_note(p_entity_type text, p_entity_id text, p_action text, p_from text, p_to text, p_comment text, p_details json) TO jd_staff;
REVOKE ALL ON FUNCTION public.jd_record_login() FROM PUBLIC;
GRANT ALL ON FUNCTION public.jd_record_login() TO jd_staff;
REVOKE ALL ON FUNCTION public.jd_require_admin() FROM PUBLIC;
REVOKE ALL ON FUNCTION public.jd_reset_password(p_username text, p_verifier text, p_expected_version integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.jd_reset_password(p_username text, p_verifier text, p_expected_version integer) TO jd_admin;
REVOKE ALL ON FUNCTION public.jd_rule_version_guard() FROM PUBLIC;
REVOKE ALL ON FUNCTION public.jd_set_user_active(p_username text, p_active boolean, p_reason text, p_expected_version integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.jd_set_user_active(p_username text, p_active boolean, p_reason text, p_expected_version integer) TO jd_admin;
REVOKE ALL ON FUNCTION public.jd_voucher_inserted() FROM PUBLIC;
REVOKE ALL ON FUNCTION public.jd_voucher_updated() FROM PUBLIC;
REVOKE ALL ON FUNCTION public.jd_voucher_violation_clear() FROM PUBLIC;
REVOKE ALL ON FUNCTION public.jd_workflow_guard() FROM PUBLIC;
GRANT SELECT ON TABLE public.agreement TO jd_staff;
GRANT INSERT,UPDATE ON TABLE public.agreement TO jd_bureau_staff;
GRANT USAGE ON SEQUENCE public.agreement_id_seq TO jd_bureau_staff;
GRANT SELECT ON TABLE public.agreement_number_counter TO jd_staff;
GRANT INSERT,UPDATE ON TABLE public.agreement_number_counter TO jd_bureau_staff;
GRANT SELECT ON TABLE public.alembic_version TO jd_staff;
GRANT SELECT ON TABLE public.app_role TO jd_staff;
GRANT SELECT ON TABLE public.app_user TO jd_staff;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.application TO jd_subdistrict;
GRANT SELECT,UPDATE ON TABLE public.application TO jd_bureau_staff;
GRANT SELECT ON TABLE public.application TO jd_bureau_approver;
GRANT SELECT ON TABLE public.application TO jd_admin;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.application_coach TO jd_subdistrict;
GRANT SELECT ON TABLE public.application_coach TO jd_bureau_staff;
GRANT SELECT ON TABLE public.application_coach TO jd_bureau_approver;
GRANT SELECT ON TABLE public.application_coach TO jd_admin;
GRANT USAGE ON SEQUENCE public.application_coach_id_seq TO jd_subdistrict;
GRANT USAGE ON SEQUENCE public.application_id_seq TO jd_subdistrict;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.application_sport TO jd_subdistrict;
GRANT SELECT ON TABLE public.application_sport TO jd_bureau_staff;
GRANT SELECT ON TABLE public.application_sport TO jd_bureau_approver;
GRANT SELECT ON TABLE public.application_sport TO jd_admin;
GRANT USAGE ON SEQUENCE public.application_sport_id_seq TO jd_subdistrict;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.attachment TO jd_subdistrict;
GRANT SELECT,INSERT ON TABLE public.attachment TO jd_bureau_staff;
GRANT SELECT ON TABLE public.attachment TO jd_bureau_approver;
GRANT SELECT ON TABLE public.attachment TO jd_admin;
GRANT USAGE ON SEQUENCE public.attachment_id_seq TO jd_subdistrict;
GRANT USAGE ON SEQUENCE public.attachment_id_seq TO jd_bureau_staff;
GRANT SELECT ON TABLE public.batch_face_value TO jd_staff;
GRANT INSERT,UPDATE ON TABLE public.batch_face_value TO jd_bureau_staff;
GRANT USAGE ON SEQUENCE public.batch_face_value_id_seq TO jd_bureau_staff;
GRANT SELECT,INSERT ON TABLE public.citizen TO jd_operator;
GRANT SELECT ON TABLE public.citizen TO jd_bureau_staff;
GRANT SELECT ON TABLE public.citizen TO jd_bureau_approver;
GRANT SELECT ON TABLE public.citizen TO jd_admin;
GRANT USAGE ON SEQUENCE public.citizen_id_seq TO jd_operator;
GRANT SELECT ON TABLE public.face_value_rule TO jd_staff;
GRANT INSERT ON TABLE public.face_value_rule TO jd_admin;
GRANT USAGE ON SEQUENCE public.face_value_rule_id_seq TO jd_admin;
GRANT SELECT ON TABLE public.issuance_batch TO jd_staff;
GRANT INSERT,UPDATE ON TABLE public.issuance_batch TO jd_bureau_staff;
GRANT USAGE ON SEQUENCE public.issuance_batch_id_seq TO jd_bureau_staff;
GRANT SELECT ON TABLE public.party_setting TO jd_staff;
GRANT INSERT,UPDATE ON TABLE public.party_setting TO jd_admin;
GRANT SELECT ON TABLE public.recruitment_call TO jd_staff;
GRANT INSERT,UPDATE ON TABLE public.recruitment_call TO jd_bureau_staff;
GRANT USAGE ON SEQUENCE public.recruitment_call_id_seq TO jd_bureau_staff;
GRANT SELECT ON TABLE public.subdistrict TO jd_staff;
GRANT SELECT ON TABLE public.usage_rule TO jd_staff;
GRANT INSERT ON TABLE public.usage_rule TO jd_admin;
GRANT USAGE ON SEQUENCE public.usage_rule_id_seq TO jd_admin;
GRANT SELECT ON TABLE public.venue TO jd_staff;
GRANT INSERT,UPDATE ON TABLE public.venue TO jd_bureau_staff;
GRANT INSERT,UPDATE ON TABLE public.venue TO jd_admin;
GRANT USAGE ON SEQUENCE public.venue_id_seq TO jd_bureau_staff;
GRANT USAGE ON SEQUENCE public.venue_id_seq TO jd_admin;
GRANT SELECT ON TABLE public.venue_sport TO jd_staff;
GRANT INSERT,UPDATE ON TABLE public.venue_sport TO jd_bureau_staff;
GRANT INSERT,UPDATE ON TABLE public.venue_sport TO jd_admin;
GRANT USAGE ON SEQUENCE public.venue_sport_id_seq TO jd_bureau_staff;
GRANT USAGE ON SEQUENCE public.venue_sport_id_seq TO jd_admin;
GRANT SELECT ON TABLE public.venue_status_change TO jd_staff;
GRANT INSERT ON TABLE public.venue_status_change TO jd_bureau_staff;
GRANT INSERT ON TABLE public.venue_status_change TO jd_admin;
GRANT USAGE ON SEQUENCE public.venue_status_change_id_seq TO jd_bureau_staff;
GRANT USAGE ON SEQUENCE public.venue_status_change_id_seq TO jd_admin;
GRANT SELECT,INSERT,UPDATE ON TABLE public.voucher TO jd_operator;
GRANT SELECT ON TABLE public.voucher TO jd_bureau_staff;
GRANT SELECT ON TABLE public.voucher TO jd_bureau_approver;
GRANT SELECT ON TABLE public.voucher TO jd_admin;
GRANT SELECT,INSERT ON TABLE public.voucher_batch_check_pending TO jd_operator;
GRANT SELECT ON TABLE public.voucher_batch_check_pending TO jd_bureau_staff;
GRANT SELECT ON TABLE public.voucher_batch_check_pending TO jd_bureau_approver;
GRANT SELECT ON TABLE public.voucher_batch_check_pending TO jd_admin;
GRANT SELECT,INSERT ON TABLE public.voucher_check_pending TO jd_operator;
GRANT SELECT ON TABLE public.voucher_check_pending TO jd_bureau_staff;
GRANT SELECT ON TABLE public.voucher_check_pending TO jd_bureau_approver;
GRANT SELECT ON TABLE public.voucher_check_pending TO jd_admin;
GRANT SELECT ON TABLE public.voucher_checked TO jd_operator;
GRANT SELECT ON TABLE public.voucher_checked TO jd_bureau_staff;
GRANT SELECT ON TABLE public.voucher_checked TO jd_bureau_approver;
GRANT SELECT ON TABLE public.voucher_checked TO jd_admin;
GRANT USAGE ON SEQUENCE public.voucher_id_seq TO jd_operator;
GRANT SELECT,INSERT,UPDATE ON TABLE public.voucher_import TO jd_operator;
GRANT SELECT ON TABLE public.voucher_import TO jd_bureau_staff;
GRANT SELECT ON TABLE public.voucher_import TO jd_bureau_approver;
GRANT SELECT ON TABLE public.voucher_import TO jd_admin;
GRANT USAGE ON SEQUENCE public.voucher_import_id_seq TO jd_operator;
GRANT SELECT ON TABLE public.voucher_restriction TO jd_staff;
GRANT INSERT ON TABLE public.voucher_restriction TO jd_admin;
GRANT USAGE ON SEQUENCE public.voucher_restriction_id_seq TO jd_admin;
GRANT SELECT ON TABLE public.voucher_violation TO jd_operator;
GRANT SELECT ON TABLE public.voucher_violation TO jd_bureau_staff;
GRANT SELECT ON TABLE public.voucher_violation TO jd_bureau_approver;
GRANT SELECT ON TABLE public.voucher_violation TO jd_admin;
GRANT UPDATE(cleared_by) ON TABLE public.voucher_violation TO jd_bureau_staff;
GRANT UPDATE(cleared_at) ON TABLE public.voucher_violation TO jd_bureau_staff;
GRANT UPDATE(clear_reason) ON TABLE public.voucher_violation TO jd_bureau_staff;
GRANT SELECT ON TABLE public.workflow_step TO jd_staff;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    access.strip(op.get_bind())


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    access.strip(conn)
    access.no_row_security(conn)
    op.execute(BEFORE)


"""venue inspections

Issue 11 (the foundation: checklists, plans, recording, rectification orders, training). Both
dialects: the tables ``checklist_template`` / ``checklist_item`` (versioned checklists; code +
version unique), ``inspection_plan`` / ``inspection_assignment`` (a venue to inspect by an
inspector — its login name — by a date, with the risk score's parts at planning),
``inspection`` / ``inspection_item`` (the items a snapshot of the checklist's) /
``inspection_photo`` (JPEG bytes; a finding of an inspection or the evidence of an order),
``rectification_order`` (numbered per year through ``order_number_counter``),
``training_session`` / ``training_attendance``; the steps of the three workflows in
``workflow_step``; the default checklist (code DEFAULT, version 1) as data.

PostgreSQL only, binding every login but a superuser:

- ``inspection`` (``inspection_guard``): never deleted; a new one is a draft (who created it
  written by the server) of an assignment still assigned (unless it corrects a submitted
  inspection of the same venue, or re-inspects an open order of it); a draft keeps its venue,
  assignment, checklist and links; the submission needs a deadline not before the inspection's
  day and a photo for every failed item that asks for one, the server writing who and when;
  a submitted inspection is immutable but for the step to superseded, taken only once a
  correction of it is submitted;
- ``inspection_item``, ``inspection_photo`` (``inspection_child_guard``): written and deleted
  only while their inspection is a draft; a photo's item is of the same inspection; a venue's
  evidence photo of an order is added while the order is issued and never changed;
- ``rectification_order`` (``rectification_order_guard``): never deleted; issued from a
  submitted inspection of the same venue that did not pass (who and when by the server); its
  content never changes; reported (who and when by the server), then closed or reissued only by
  a submitted re-inspection of it — closed when it passed, reissued when not; final after that;
- the workflow and initial-state guards of the three workflows; audit triggers (a photo's
  bytes kept out of the trail); audit rows of assignments, inspections and orders carry their
  venue's 街镇 (``jd_audit_row_scope``).

Grants and row security come from the permission matrix (``jd_admin/domain/access.py``).

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01 02:30:00
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op


revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


#: The declared steps (jd_admin/domain/inspections.py; a test keeps both equal).
STEPS = [
    ("inspection", "draft", "submitted", "bureau_staff"),
    ("inspection", "draft", "submitted", "inspector"),
    ("inspection", "submitted", "superseded", "bureau_staff"),
    ("inspection", "submitted", "superseded", "inspector"),
    ("inspection_assignment", "assigned", "done", "bureau_staff"),
    ("inspection_assignment", "assigned", "done", "inspector"),
    ("inspection_assignment", "assigned", "withdrawn", "bureau_staff"),
    ("rectification_order", "issued", "closed", "bureau_staff"),
    ("rectification_order", "issued", "closed", "inspector"),
    ("rectification_order", "issued", "reissued", "bureau_staff"),
    ("rectification_order", "issued", "reissued", "inspector"),
    ("rectification_order", "issued", "reported", "bureau_staff"),
    ("rectification_order", "issued", "reported", "inspector"),
    ("rectification_order", "reported", "closed", "bureau_staff"),
    ("rectification_order", "reported", "closed", "inspector"),
    ("rectification_order", "reported", "reissued", "bureau_staff"),
    ("rectification_order", "reported", "reissued", "inspector"),
]
ENTITIES = ("inspection", "inspection_assignment", "rectification_order")
#: (table, entity type, initial state) for the initial-state guard of 0009.
INITIAL_STATES = (("inspection", "inspection", "draft"),
                  ("inspection_assignment", "inspection_assignment", "assigned"),
                  ("rectification_order", "rectification_order", "issued"))
#: Tables audited per row (with the columns kept out of the trail: a photo's bytes).
ROW_AUDITED = {"checklist_template": ("id", ""), "inspection_plan": ("id", ""),
               "inspection_assignment": ("id", ""), "inspection": ("id", ""),
               "inspection_photo": ("id", "content"), "rectification_order": ("id", ""),
               "order_number_counter": ("year", ""), "training_session": ("id", "")}
STATEMENT_AUDITED = {"checklist_item": "id", "inspection_item": "id", "training_attendance": "id"}
TABLES = ("inspection_photo", "rectification_order", "inspection_item", "inspection",
          "training_attendance", "inspection_assignment", "checklist_item", "training_session",
          "order_number_counter", "inspection_plan", "checklist_template")

SUPERUSER = "(SELECT rolsuper FROM pg_roles WHERE rolname = session_user)"
#: An inspection item that falls short (domain/inspections.py ``item_failed``; values are
#: integer hundredths, a score fails below 60 % of its maximum).
FAILED = ("((i.kind = 'pass_fail' AND i.passed = false) "
          "OR (i.kind = 'score' AND i.score IS NOT NULL AND i.score * 100 < i.max_score * 60) "
          "OR (i.kind = 'number' AND i.number IS NOT NULL AND (i.number < i.min_value "
          "OR i.number > i.max_value)))")

FUNCTIONS = rf"""
CREATE FUNCTION jd_inspection_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_steps text[] := ARRAY['status', 'version', 'updated_at'];
  v_item text;
BEGIN
  IF {SUPERUSER} THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '巡查记录 % 不能删除', OLD.id USING ERRCODE = 'JD422';
  END IF;
  IF TG_OP = 'INSERT' THEN
    NEW.created_by := session_user;
    NEW.submitted_by := NULL;
    NEW.submitted_at := NULL;
    IF NEW.supersedes_id IS NOT NULL AND NOT EXISTS (
        SELECT FROM inspection o WHERE o.id = NEW.supersedes_id AND o.status = 'submitted'
           AND o.venue_id = NEW.venue_id) THEN
      RAISE EXCEPTION '只能更正同一场馆已提交的巡查记录' USING ERRCODE = 'JD422';
    END IF;
    IF NEW.assignment_id IS NOT NULL AND NEW.supersedes_id IS NULL
       AND NEW.reinspection_of IS NULL AND NOT EXISTS (
        SELECT FROM inspection_assignment a WHERE a.id = NEW.assignment_id
           AND a.status = 'assigned' AND a.venue_id = NEW.venue_id) THEN
      RAISE EXCEPTION '巡查任务 % 已完成或已撤回（或不是该场馆的任务），不能再登记巡查',
        NEW.assignment_id USING ERRCODE = 'JD422';
    END IF;
    IF NEW.reinspection_of IS NOT NULL AND NOT EXISTS (
        SELECT FROM rectification_order o WHERE o.id = NEW.reinspection_of
           AND o.status IN ('issued', 'reported') AND o.venue_id = NEW.venue_id) THEN
      RAISE EXCEPTION '整改通知 % 已关闭或已重新下达（或不是该场馆的），不能再复查',
        NEW.reinspection_of USING ERRCODE = 'JD422';
    END IF;
    RETURN NEW;
  END IF;
  IF OLD.status <> 'draft' THEN
    -- submitted (or superseded): immutable but for the step to superseded
    IF (to_jsonb(NEW) - v_steps) IS DISTINCT FROM (to_jsonb(OLD) - v_steps)
       OR OLD.status = 'superseded' AND NEW.status <> OLD.status THEN
      RAISE EXCEPTION '巡查记录 % 已提交，不能修改（更正须新建一条更正记录）', OLD.id
        USING ERRCODE = 'JD422';
    END IF;
    IF NEW.status = 'superseded' AND OLD.status = 'submitted' AND NOT EXISTS (
        SELECT FROM inspection c WHERE c.supersedes_id = OLD.id AND c.status = 'submitted') THEN
      RAISE EXCEPTION '巡查记录 % 只能由提交的更正记录取代', OLD.id USING ERRCODE = 'JD422';
    END IF;
    RETURN NEW;
  END IF;
  IF (NEW.id, NEW.assignment_id, NEW.venue_id, NEW.template_id, NEW.supersedes_id,
      NEW.reinspection_of, NEW.created_by)
     IS DISTINCT FROM (OLD.id, OLD.assignment_id, OLD.venue_id, OLD.template_id,
                       OLD.supersedes_id, OLD.reinspection_of, OLD.created_by) THEN
    RAISE EXCEPTION '巡查记录的场馆、任务、检查表和更正关系不能更改' USING ERRCODE = 'JD422';
  END IF;
  IF NEW.status = 'draft' THEN
    NEW.submitted_by := NULL;
    NEW.submitted_at := NULL;
    RETURN NEW;
  END IF;
  -- the submission (jd_workflow_guard says whether this login may take it)
  IF NEW.rectify_by IS NOT NULL AND NEW.inspected_at IS NOT NULL
     AND NEW.rectify_by < (NEW.inspected_at AT TIME ZONE 'Asia/Shanghai')::date THEN
    RAISE EXCEPTION '整改期限 % 早于巡查日期', NEW.rectify_by USING ERRCODE = '22023';
  END IF;
  SELECT i.text INTO v_item FROM inspection_item i
   WHERE i.inspection_id = NEW.id AND i.photo_on_fail AND {FAILED}
     AND NOT EXISTS (SELECT FROM inspection_photo p WHERE p.item_id = i.id)
   ORDER BY i.position LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION '不合格条目“%”须附照片', v_item USING ERRCODE = '22023';
  END IF;
  NEW.submitted_by := session_user;
  NEW.submitted_at := now();
  RETURN NEW;
END $$;

CREATE FUNCTION jd_inspection_child_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_old jsonb;
  v_new jsonb;
  v_row jsonb;
BEGIN
  IF {SUPERUSER} THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP <> 'INSERT' THEN v_old := to_jsonb(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN v_new := to_jsonb(NEW); END IF;
  v_row := coalesce(v_new, v_old);
  IF TG_OP = 'UPDATE' AND ((v_old ->> 'inspection_id') IS DISTINCT FROM (v_new ->> 'inspection_id')
     OR (v_old ->> 'order_id') IS DISTINCT FROM (v_new ->> 'order_id')) THEN
    RAISE EXCEPTION '巡查条目和照片不能移到别的记录' USING ERRCODE = 'JD422';
  END IF;
  IF (v_row ->> 'order_id') IS NOT NULL THEN  -- a venue's evidence of a rectification
    IF TG_OP <> 'INSERT' THEN
      RAISE EXCEPTION '整改照片不能修改或删除' USING ERRCODE = 'JD422';
    END IF;
    IF NOT EXISTS (SELECT FROM rectification_order o
                    WHERE o.id = (v_row ->> 'order_id')::integer AND o.status = 'issued') THEN
      RAISE EXCEPTION '整改通知不在“已下达”状态，不能再添加整改照片' USING ERRCODE = 'JD422';
    END IF;
    RETURN NEW;
  END IF;
  IF NOT EXISTS (SELECT FROM inspection i
                  WHERE i.id = (v_row ->> 'inspection_id')::integer AND i.status = 'draft') THEN
    RAISE EXCEPTION '巡查记录 % 已提交，其条目和照片不能再变更', v_row ->> 'inspection_id'
      USING ERRCODE = 'JD422';
  END IF;
  IF TG_TABLE_NAME = 'inspection_photo' AND (v_row ->> 'item_id') IS NOT NULL AND NOT EXISTS (
      SELECT FROM inspection_item i WHERE i.id = (v_row ->> 'item_id')::integer
         AND i.inspection_id = (v_row ->> 'inspection_id')::integer) THEN
    RAISE EXCEPTION '照片所属条目不是该巡查记录的条目' USING ERRCODE = 'JD422';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE FUNCTION jd_rectification_order_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_content text[] := ARRAY['id', 'number', 'inspection_id', 'venue_id', 'deadline', 'items',
                            'issued_by', 'issued_at'];
  v_note text[] := ARRAY['report_note', 'version'];
  v_result text;
BEGIN
  IF {SUPERUSER} THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '整改通知 % 不能删除', OLD.number USING ERRCODE = 'JD422';
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT FROM inspection i WHERE i.id = NEW.inspection_id
                      AND i.status = 'submitted' AND i.result IN ('rectify', 'fail')
                      AND i.venue_id = NEW.venue_id) THEN
      RAISE EXCEPTION '整改通知须出自同一场馆一条已提交的、结果为限期整改或不合格的巡查记录'
        USING ERRCODE = 'JD422';
    END IF;
    IF num_nonnulls(NEW.reported_by, NEW.reported_at, NEW.report_note, NEW.reinspection_id,
                    NEW.closed_at) > 0 THEN
      RAISE EXCEPTION '新的整改通知不能带有整改或复查信息' USING ERRCODE = 'JD422';
    END IF;
    NEW.issued_by := session_user;
    NEW.issued_at := now();
    RETURN NEW;
  END IF;
  IF (SELECT jsonb_object_agg(k, to_jsonb(NEW) -> k) FROM unnest(v_content) k)
     IS DISTINCT FROM (SELECT jsonb_object_agg(k, to_jsonb(OLD) -> k) FROM unnest(v_content) k)
  THEN
    RAISE EXCEPTION '整改通知 % 的内容不能修改', OLD.number USING ERRCODE = 'JD422';
  END IF;
  IF OLD.status IN ('closed', 'reissued') THEN
    IF to_jsonb(NEW) IS DISTINCT FROM to_jsonb(OLD) THEN
      RAISE EXCEPTION '整改通知 % 已关闭或已重新下达，不能再变更', OLD.number
        USING ERRCODE = 'JD422';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.status = OLD.status THEN
    IF (to_jsonb(NEW) - v_note) IS DISTINCT FROM (to_jsonb(OLD) - v_note) THEN
      RAISE EXCEPTION '整改通知 % 的整改和复查信息只能由相应步骤写入', OLD.number
        USING ERRCODE = 'JD422';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.status = 'reported' THEN
    IF num_nonnulls(NEW.reinspection_id, NEW.closed_at) > 0 THEN
      RAISE EXCEPTION '登记整改完成时不能同时登记复查' USING ERRCODE = 'JD422';
    END IF;
    NEW.reported_by := session_user;
    NEW.reported_at := now();
    RETURN NEW;
  END IF;
  -- closed or reissued: by the submission of a re-inspection of this order
  SELECT i.result INTO v_result FROM inspection i
   WHERE i.id = NEW.reinspection_id AND i.reinspection_of = OLD.id AND i.status = 'submitted';
  IF NOT FOUND THEN
    RAISE EXCEPTION '整改通知 % 只能由一条已提交的复查记录关闭或重新下达', OLD.number
      USING ERRCODE = 'JD422';
  END IF;
  IF (NEW.status = 'closed') <> (v_result = 'pass') THEN
    RAISE EXCEPTION '复查结果为“%”，整改通知 % 不能%', v_result, OLD.number,
      CASE NEW.status WHEN 'closed' THEN '关闭' ELSE '重新下达' END USING ERRCODE = 'JD422';
  END IF;
  IF (NEW.reported_by, NEW.reported_at) IS DISTINCT FROM (OLD.reported_by, OLD.reported_at) THEN
    RAISE EXCEPTION '复查时不能修改整改登记信息' USING ERRCODE = 'JD422';
  END IF;
  NEW.closed_at := now();
  RETURN NEW;
END $$;
"""

TRIGGERS = [
    "CREATE TRIGGER inspection_guard BEFORE INSERT OR UPDATE OR DELETE ON inspection "
    "FOR EACH ROW EXECUTE FUNCTION jd_inspection_guard()",
    "CREATE TRIGGER inspection_item_guard BEFORE INSERT OR UPDATE OR DELETE ON inspection_item "
    "FOR EACH ROW EXECUTE FUNCTION jd_inspection_child_guard()",
    "CREATE TRIGGER inspection_photo_guard BEFORE INSERT OR UPDATE OR DELETE ON inspection_photo "
    "FOR EACH ROW EXECUTE FUNCTION jd_inspection_child_guard()",
    "CREATE TRIGGER rectification_order_guard BEFORE INSERT OR UPDATE OR DELETE "
    "ON rectification_order FOR EACH ROW EXECUTE FUNCTION jd_rectification_order_guard()",
    *(f"CREATE TRIGGER {t}_workflow BEFORE UPDATE OF status ON {t} FOR EACH ROW "
      f"EXECUTE FUNCTION jd_workflow_guard('{t}')" for t in ENTITIES),
]
FUNCTION_SIGNATURES = ("jd_inspection_guard()", "jd_inspection_child_guard()",
                       "jd_rectification_order_guard()")

#: The audit trail's subdistrict of a row (0012's ``jd_audit_row_scope``): inspection rows
#: belong to their venue's 街镇.
ROW_SCOPE = """
CREATE OR REPLACE FUNCTION jd_audit_row_scope(p_table text, r jsonb) RETURNS integer
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT CASE
    WHEN p_table IN ('application', 'venue') THEN (r ->> 'subdistrict_id')::integer
    WHEN p_table IN ('agreement', 'venue_sport', 'venue_status_change'{more})
      THEN jd_audit_scope('venue', r ->> 'venue_id')
    WHEN p_table IN ('application_sport', 'application_coach')
      THEN jd_audit_scope('application', r ->> 'application_id')
    WHEN p_table = 'attachment'
      THEN coalesce(jd_audit_scope('application', r ->> 'application_id'),
                    jd_audit_scope('agreement', r ->> 'agreement_id'))
    ELSE NULL END
$$;
"""
SCOPED_BY_VENUE = ", 'inspection_assignment', 'inspection', 'rectification_order'"
#: The services' notes (``jd_note``) take the record's 街镇 from 0012's ``jd_audit_scope``.
SCOPE = """
CREATE OR REPLACE FUNCTION jd_audit_scope(p_type text, p_id text) RETURNS integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF p_id IS NULL OR p_id !~ '^[0-9]{1,18}$' THEN RETURN NULL; END IF;
  RETURN CASE p_type
    WHEN 'application' THEN (SELECT subdistrict_id FROM application WHERE id = p_id::bigint)
    WHEN 'venue' THEN (SELECT subdistrict_id FROM venue WHERE id = p_id::bigint)
    WHEN 'agreement' THEN (SELECT v.subdistrict_id FROM agreement a
                             JOIN venue v ON v.id = a.venue_id WHERE a.id = p_id::bigint){more}
    ELSE NULL END;
END $$;
"""
SCOPE_BY_VENUE = "".join(
    f"\n    WHEN '{t}' THEN (SELECT v.subdistrict_id FROM {t} x\n"
    f"                     JOIN venue v ON v.id = x.venue_id WHERE x.id = p_id::bigint)"
    for t in ("inspection_assignment", "inspection", "rectification_order"))

#: The default checklist (code DEFAULT, version 1): (area, text, kind, weight, max_score,
#: min, max, unit, photo on fail, serious, applies to). Weights: the serious items 3.
P, SC, N, T = "pass_fail", "score", "number", "text"
DEFAULT_ITEMS = [
    ("prices", "公示价格与备案价格一致，消费券适用项目明码标价", P, 3, None, None, None, "",
     True, True, ""),
    ("prices", "消费券使用规则及优惠在显著位置公示", P, 2, None, None, None, "", False, False,
     ""),
    ("coaches", "在岗教练持有效职业资格证书，且与申请时备案的教练一致", P, 3, None, None, None,
     "", True, True, ""),
    ("coaches", "教练人数满足开放项目的需要", P, 1, None, None, None, "", False, False, ""),
    ("programmes", "开放项目与备案项目一致，营业时间与公示一致", P, 2, None, None, None, "",
     False, False, ""),
    ("safety", "安全出口、疏散通道畅通，应急照明和疏散指示标志完好", P, 3, None, None, None, "",
     True, True, ""),
    ("safety", "配备急救箱；按规定配备AED（自动体外除颤器）且在有效期内", P, 2, None, None,
     None, "", True, False, ""),
    ("safety", "消防器材在有效期内，安全警示标识齐全", P, 2, None, None, None, "", False,
     False, ""),
    ("safety", "游泳池水余氯（现场检测）", N, 2, None, 30, 100, "mg/L", True, False,
     "有游泳池的场馆"),
    ("safety", "游泳池水质每日检测并记录", P, 1, None, None, None, "", False, False,
     "有游泳池的场馆"),
    ("epidemic", "消毒记录完整，公共区域和器材按规定消毒", P, 2, None, None, None, "", False,
     False, ""),
    ("epidemic", "卫生间、更衣室等公共区域清洁卫生", P, 1, None, None, None, "", False, False,
     ""),
    ("environment", "健身器材完好，维护保养良好", SC, 2, 1000, None, None, "", True, False, ""),
    ("environment", "照明、通风良好", P, 1, None, None, None, "", False, False, ""),
    ("service", "服务人员文明礼貌，投诉渠道（电话、意见箱）公示", P, 1, None, None, None, "",
     False, False, ""),
    ("service", "其他情况说明", T, 0, None, None, None, "", False, False, ""),
]


def _seed() -> None:
    step = sa.table("workflow_step", sa.column("entity_type"), sa.column("from_state"),
                    sa.column("to_state"), sa.column("role"))
    op.bulk_insert(step, [dict(zip(("entity_type", "from_state", "to_state", "role"), r,
                                   strict=True)) for r in STEPS])
    template = sa.table("checklist_template", sa.column("id", sa.Integer()),
                        sa.column("code"), sa.column("name"), sa.column("version"),
                        sa.column("status"), sa.column("note"), sa.column("created_by"),
                        sa.column("created_at", sa.DateTime(timezone=True)))
    op.bulk_insert(template, [{
        "id": 1, "code": "DEFAULT", "name": "嘉定区体育消费券定点场馆监督巡查表",
        "version": 1, "status": "active",
        "note": "系统预置；修改请另存为新版本，已提交的巡查记录不受影响",
        "created_by": "jd_admin", "created_at": dt.datetime(2026, 12, 1, tzinfo=dt.UTC)}])
    item = sa.table("checklist_item", *(sa.column(c) for c in (
        "template_id", "area", "position", "text", "kind", "weight", "max_score", "min_value",
        "max_value", "unit", "photo_on_fail", "serious", "applies_to")))
    op.bulk_insert(item, [
        {"template_id": 1, "area": area, "position": n, "text": text_, "kind": kind,
         "weight": weight * 100, "max_score": max_score, "min_value": low, "max_value": high,
         "unit": unit, "photo_on_fail": photo, "serious": serious, "applies_to": applies}
        for n, (area, text_, kind, weight, max_score, low, high, unit, photo, serious,
                applies) in enumerate(DEFAULT_ITEMS, start=1)])
    if op.get_bind().dialect.name == "postgresql":  # the ids taken by hand
        op.execute("SELECT setval(pg_get_serial_sequence('checklist_template', 'id'), 1)")


def _audit_triggers() -> list[str]:
    """As migration 0012's ``_triggers_up`` does for the tables it audits."""
    out = [f"CREATE TRIGGER {t}_audit AFTER INSERT OR UPDATE OR DELETE ON {t} "
           f"FOR EACH ROW EXECUTE FUNCTION jd_audit_row('{keys}', '{hidden}')"
           for t, (keys, hidden) in ROW_AUDITED.items()]
    for table, keys in STATEMENT_AUDITED.items():
        args = f"'{keys}', ''"
        out += [
            f"CREATE TRIGGER {table}_audit_insert AFTER INSERT ON {table} "
            f"REFERENCING NEW TABLE AS new_rows "
            f"FOR EACH STATEMENT EXECUTE FUNCTION jd_audit_statement({args})",
            f"CREATE TRIGGER {table}_audit_update AFTER UPDATE ON {table} "
            f"REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
            f"FOR EACH STATEMENT EXECUTE FUNCTION jd_audit_statement({args})",
            f"CREATE TRIGGER {table}_audit_delete AFTER DELETE ON {table} "
            f"REFERENCING OLD TABLE AS old_rows "
            f"FOR EACH STATEMENT EXECUTE FUNCTION jd_audit_statement({args})",
        ]
    keys_of = {**{t: keys for t, (keys, _hidden) in ROW_AUDITED.items()}, **STATEMENT_AUDITED}
    out += [f"CREATE TRIGGER {t}_audit_truncate AFTER TRUNCATE ON {t} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION jd_audit_statement('{k}', '')"
            for t, k in keys_of.items()]
    for table, entity, initial in INITIAL_STATES:
        out.append(f"CREATE TRIGGER {table}_initial_state BEFORE INSERT ON {table} FOR EACH ROW "
                   f"EXECUTE FUNCTION jd_initial_state_guard('{entity}', '{initial}')")
    return out


def upgrade() -> None:
    _tables_up()
    _seed()
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTIONS)
    for statement in TRIGGERS + _audit_triggers():
        op.execute(statement)
    op.execute(ROW_SCOPE.replace("{more}", SCOPED_BY_VENUE))
    op.execute(SCOPE.replace("{more}", SCOPE_BY_VENUE))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(ROW_SCOPE.replace("{more}", ""))
        op.execute(SCOPE.replace("{more}", ""))
        op.execute("ALTER TABLE inspection DROP CONSTRAINT "
                   "fk_inspection_reinspection_of_rectification_order")
        for table in TABLES:
            op.execute(f"DROP TABLE {table} CASCADE")  # its triggers with it
        for signature in FUNCTION_SIGNATURES:
            op.execute(f"DROP FUNCTION {signature}")
    op.execute(sa.text("DELETE FROM workflow_step WHERE entity_type IN "
                       "('inspection', 'inspection_assignment', 'rectification_order')"))
    if op.get_bind().dialect.name != "postgresql":
        _tables_down()

def _tables_up() -> None:
    op.create_table('checklist_template',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=63), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('active', 'retired')", name=op.f('ck_checklist_template_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checklist_template')),
    sa.UniqueConstraint('code', 'version', name=op.f('uq_checklist_template_code_version'))
    )
    op.create_table('inspection_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=63), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_plan'))
    )
    op.create_table('order_number_counter',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_order_number_counter'))
    )
    op.create_table('training_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=False),
    sa.Column('trainer', sa.String(length=100), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('materials', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=63), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_session'))
    )
    op.create_table('checklist_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('template_id', sa.Integer(), nullable=False),
    sa.Column('area', sa.String(length=12), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.Column('max_score', sa.Integer(), nullable=True),
    sa.Column('min_value', sa.Integer(), nullable=True),
    sa.Column('max_value', sa.Integer(), nullable=True),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('photo_on_fail', sa.Boolean(), nullable=False),
    sa.Column('serious', sa.Boolean(), nullable=False),
    sa.Column('applies_to', sa.String(length=100), nullable=False),
    sa.CheckConstraint("area IN ('environment', 'coaches', 'programmes', 'prices', 'service', 'epidemic', 'safety')", name=op.f('ck_checklist_item_area')),
    sa.CheckConstraint("kind <> 'score' OR max_score > 0", name=op.f('ck_checklist_item_score_has_max')),
    sa.CheckConstraint("kind IN ('pass_fail', 'score', 'number', 'text')", name=op.f('ck_checklist_item_kind')),
    sa.CheckConstraint('weight >= 0', name=op.f('ck_checklist_item_weight')),
    sa.ForeignKeyConstraint(['template_id'], ['checklist_template.id'], name=op.f('fk_checklist_item_template_id_checklist_template')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checklist_item')),
    sa.UniqueConstraint('template_id', 'position', name=op.f('uq_checklist_item_template_id_position'))
    )
    op.create_table('inspection_assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=False),
    sa.Column('inspector', sa.String(length=63), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('unannounced', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('risk_score', sa.Integer(), nullable=True),
    sa.Column('risk_parts', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=63), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('assigned', 'done', 'withdrawn')", name=op.f('ck_inspection_assignment_status')),
    sa.ForeignKeyConstraint(['plan_id'], ['inspection_plan.id'], name=op.f('fk_inspection_assignment_plan_id_inspection_plan')),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], name=op.f('fk_inspection_assignment_venue_id_venue')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_assignment'))
    )
    with op.batch_alter_table('inspection_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_assignment_inspector'), ['inspector'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspection_assignment_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspection_assignment_venue_id'), ['venue_id'], unique=False)

    op.create_table('training_attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=False),
    sa.Column('people', sa.Integer(), nullable=False),
    sa.Column('names', sa.Text(), nullable=False),
    sa.CheckConstraint('people >= 0', name=op.f('ck_training_attendance_people')),
    sa.ForeignKeyConstraint(['session_id'], ['training_session.id'], name=op.f('fk_training_attendance_session_id_training_session')),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], name=op.f('fk_training_attendance_venue_id_venue')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_attendance')),
    sa.UniqueConstraint('session_id', 'venue_id', name=op.f('uq_training_attendance_session_id_venue_id'))
    )
    with op.batch_alter_table('training_attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_attendance_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_attendance_venue_id'), ['venue_id'], unique=False)

    op.create_table('inspection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=True),
    sa.Column('venue_id', sa.Integer(), nullable=False),
    sa.Column('template_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('inspected_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('inspectors', sa.Text(), nullable=False),
    sa.Column('venue_contact', sa.String(length=100), nullable=False),
    sa.Column('result', sa.String(length=10), nullable=True),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('rectify_by', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('supersedes_id', sa.Integer(), nullable=True),
    sa.Column('correction_reason', sa.Text(), nullable=True),
    sa.Column('reinspection_of', sa.Integer(), nullable=True),
    sa.Column('submitted_by', sa.String(length=63), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.String(length=63), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("result IS NULL OR result IN ('pass', 'rectify', 'fail')", name=op.f('ck_inspection_result')),
    sa.CheckConstraint("status = 'draft' OR (result IS NOT NULL AND score IS NOT NULL AND inspected_at IS NOT NULL AND submitted_by IS NOT NULL AND submitted_at IS NOT NULL)", name=op.f('ck_inspection_submitted_complete')),
    sa.CheckConstraint("status = 'draft' OR result = 'pass' OR rectify_by IS NOT NULL", name=op.f('ck_inspection_rectify_has_deadline')),
    sa.CheckConstraint("status IN ('draft', 'submitted', 'superseded')", name=op.f('ck_inspection_status')),
    sa.CheckConstraint('supersedes_id IS NULL OR correction_reason IS NOT NULL', name=op.f('ck_inspection_correction_has_reason')),
    sa.ForeignKeyConstraint(['assignment_id'], ['inspection_assignment.id'], name=op.f('fk_inspection_assignment_id_inspection_assignment')),
    sa.ForeignKeyConstraint(['supersedes_id'], ['inspection.id'], name=op.f('fk_inspection_supersedes_id_inspection')),
    sa.ForeignKeyConstraint(['template_id'], ['checklist_template.id'], name=op.f('fk_inspection_template_id_checklist_template')),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], name=op.f('fk_inspection_venue_id_venue')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection'))
    )
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_assignment_id'), ['assignment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspection_reinspection_of'), ['reinspection_of'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspection_venue_id'), ['venue_id'], unique=False)

    op.create_table('inspection_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('checklist_item_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('area', sa.String(length=12), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.Column('serious', sa.Boolean(), nullable=False),
    sa.Column('photo_on_fail', sa.Boolean(), nullable=False),
    sa.Column('max_score', sa.Integer(), nullable=True),
    sa.Column('min_value', sa.Integer(), nullable=True),
    sa.Column('max_value', sa.Integer(), nullable=True),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('passed', sa.Boolean(), nullable=True),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('text_value', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.CheckConstraint("area IN ('environment', 'coaches', 'programmes', 'prices', 'service', 'epidemic', 'safety')", name=op.f('ck_inspection_item_area')),
    sa.CheckConstraint("kind IN ('pass_fail', 'score', 'number', 'text')", name=op.f('ck_inspection_item_kind')),
    sa.ForeignKeyConstraint(['checklist_item_id'], ['checklist_item.id'], name=op.f('fk_inspection_item_checklist_item_id_checklist_item')),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], name=op.f('fk_inspection_item_inspection_id_inspection')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_item')),
    sa.UniqueConstraint('inspection_id', 'position', name=op.f('uq_inspection_item_inspection_id_position'))
    )
    with op.batch_alter_table('inspection_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_item_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('rectification_order',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('issued_by', sa.String(length=63), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reported_by', sa.String(length=63), nullable=True),
    sa.Column('reported_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('report_note', sa.Text(), nullable=True),
    sa.Column('reinspection_id', sa.Integer(), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status = 'issued' OR status = 'closed' OR status = 'reissued' OR reported_at IS NOT NULL", name=op.f('ck_rectification_order_reported_has_time')),
    sa.CheckConstraint("status IN ('issued', 'reported', 'closed', 'reissued')", name=op.f('ck_rectification_order_status')),
    sa.CheckConstraint("status NOT IN ('closed', 'reissued') OR reinspection_id IS NOT NULL", name=op.f('ck_rectification_order_closed_by_reinspection')),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], name=op.f('fk_rectification_order_inspection_id_inspection')),
    sa.ForeignKeyConstraint(['reinspection_id'], ['inspection.id'], name=op.f('fk_rectification_order_reinspection_id_inspection')),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], name=op.f('fk_rectification_order_venue_id_venue')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rectification_order')),
    sa.UniqueConstraint('number', name=op.f('uq_rectification_order_number'))
    )
    with op.batch_alter_table('rectification_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rectification_order_inspection_id'), ['inspection_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rectification_order_venue_id'), ['venue_id'], unique=False)

    op.create_table('inspection_photo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=True),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('caption', sa.Text(), nullable=False),
    sa.Column('taken_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.String(length=63), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(kind = 'finding') = (inspection_id IS NOT NULL)", name=op.f('ck_inspection_photo_kind_owner')),
    sa.CheckConstraint("kind IN ('finding', 'evidence')", name=op.f('ck_inspection_photo_kind')),
    sa.CheckConstraint('(inspection_id IS NULL) <> (order_id IS NULL)', name=op.f('ck_inspection_photo_one_owner')),
    sa.CheckConstraint('item_id IS NULL OR inspection_id IS NOT NULL', name=op.f('ck_inspection_photo_item_of_inspection')),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], name=op.f('fk_inspection_photo_inspection_id_inspection')),
    sa.ForeignKeyConstraint(['item_id'], ['inspection_item.id'], name=op.f('fk_inspection_photo_item_id_inspection_item')),
    sa.ForeignKeyConstraint(['order_id'], ['rectification_order.id'], name=op.f('fk_inspection_photo_order_id_rectification_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_photo'))
    )
    with op.batch_alter_table('inspection_photo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_photo_inspection_id'), ['inspection_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspection_photo_order_id'), ['order_id'], unique=False)
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_inspection_reinspection_of_rectification_order'),
                                    'rectification_order', ['reinspection_of'], ['id'])



def _tables_down() -> None:
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_inspection_reinspection_of_rectification_order'),
                                 type_='foreignkey')
    with op.batch_alter_table('inspection_photo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_photo_order_id'))
        batch_op.drop_index(batch_op.f('ix_inspection_photo_inspection_id'))

    op.drop_table('inspection_photo')
    with op.batch_alter_table('rectification_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rectification_order_venue_id'))
        batch_op.drop_index(batch_op.f('ix_rectification_order_inspection_id'))

    op.drop_table('rectification_order')
    with op.batch_alter_table('inspection_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_item_inspection_id'))

    op.drop_table('inspection_item')
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_venue_id'))
        batch_op.drop_index(batch_op.f('ix_inspection_reinspection_of'))
        batch_op.drop_index(batch_op.f('ix_inspection_assignment_id'))

    op.drop_table('inspection')
    with op.batch_alter_table('training_attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_attendance_venue_id'))
        batch_op.drop_index(batch_op.f('ix_training_attendance_session_id'))

    op.drop_table('training_attendance')
    with op.batch_alter_table('inspection_assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_assignment_venue_id'))
        batch_op.drop_index(batch_op.f('ix_inspection_assignment_plan_id'))
        batch_op.drop_index(batch_op.f('ix_inspection_assignment_inspector'))

    op.drop_table('inspection_assignment')
    op.drop_table('checklist_item')
    op.drop_table('training_session')
    op.drop_table('order_number_counter')
    op.drop_table('inspection_plan')
    op.drop_table('checklist_template')

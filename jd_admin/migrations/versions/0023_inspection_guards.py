"""inspection guards: what a login could still do to the inspection tables in psql

A hostile try at 0022's tables as the real logins (tests/test_inspection_hostile.py) found
rules kept by the services only. PostgreSQL only, binding every login but a superuser:

- ``inspection_assignment`` (``jd_assignment_guard``): its plan, venue and creator never
  change; its inspector and due date only while it is assigned and nothing is recorded for it;
  done only once a submitted inspection of it (not a correction or re-inspection) exists;
  final once done or withdrawn;
- ``inspection`` (``jd_inspection_check``): a draft has no result or score; a new inspection's
  assignment is of its venue, a plain one's checklist in use, a correction's assignment and
  checklist the corrected one's, a re-inspection's those of the order's inspection; at the
  submission every item of the checklist is there, every item that applies answered, and the
  result and score are the ones the items give (domain/inspections.py ``overall``);
- ``inspection_item`` (``jd_inspection_item_check``): a snapshot of an item of the inspection's
  checklist, equal to it, never changed but for the answer;
- ``inspection_photo`` (``jd_inspection_photo_stamp``): who added it and when, by the server;
- ``rectification_order`` (``jd_rectification_order_check``): one per inspection, the deadline
  the inspection's, the number the one the year's counter just handed out; the venue's report
  written only by the step to reported;
- ``order_number_counter`` (``jd_order_counter_guard``): the last number only goes up;
- ``checklist_template`` / ``checklist_item`` (``jd_checklist_guard``): a version only retired,
  nothing else changed; items added only to a version in use that no inspection uses yet.

Also in the matrix (``jd_admin/domain/access.py``): nobody deletes an inspection's items or
updates a checklist's items.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-01 03:00:00
"""

from __future__ import annotations

from alembic import op

revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None

SUPERUSER = "(SELECT rolsuper FROM pg_roles WHERE rolname = session_user)"
HEADER = ("LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp "
          "AS $$")
#: An item's snapshot of its checklist item (checked equal at insert, never changed).
SNAPSHOT = ("position", "area", "text", "kind", "weight", "serious", "photo_on_fail",
            "max_score", "min_value", "max_value", "unit")
#: Failed and scored, as domain/inspections.py ``item_failed`` / ``item_value`` (integer
#: hundredths; a score fails below 60 % of its maximum).
FAILED = ("((i.kind = 'pass_fail' AND i.passed = false) "
          "OR (i.kind = 'score' AND i.score IS NOT NULL AND i.max_score > 0 "
          "AND i.score * 100 < i.max_score * 60) "
          "OR (i.kind = 'number' AND i.number IS NOT NULL AND (i.number < i.min_value "
          "OR i.number > i.max_value)))")
VALUE = ("CASE WHEN i.kind = 'pass_fail' AND i.passed IS NOT NULL "
         "THEN CASE WHEN i.passed THEN 1 ELSE 0 END "
         "WHEN i.kind = 'score' AND i.score IS NOT NULL AND i.max_score > 0 "
         "THEN least(greatest(i.score::numeric(40, 20) / i.max_score, 0), 1) "
         "WHEN i.kind = 'number' AND i.number IS NOT NULL "
         "THEN CASE WHEN (i.min_value IS NULL OR i.number >= i.min_value) "
         "AND (i.max_value IS NULL OR i.number <= i.max_value) THEN 1 ELSE 0 END END")
UNANSWERED = ("((i.kind = 'pass_fail' AND i.passed IS NULL) "
              "OR (i.kind = 'score' AND i.score IS NULL) "
              "OR (i.kind = 'number' AND i.number IS NULL))")
SNAP_NEW = ", ".join(f"NEW.{c}" for c in SNAPSHOT)
SNAP_OLD = ", ".join(f"OLD.{c}" for c in SNAPSHOT)
SNAP_C = ", ".join(f"c.{c}" for c in SNAPSHOT)

FUNCTIONS = rf"""
CREATE FUNCTION jd_assignment_guard() RETURNS trigger
{HEADER}
BEGIN
  IF {SUPERUSER} THEN RETURN NEW; END IF;
  IF (NEW.id, NEW.plan_id, NEW.venue_id, NEW.created_by, NEW.created_at)
     IS DISTINCT FROM (OLD.id, OLD.plan_id, OLD.venue_id, OLD.created_by, OLD.created_at) THEN
    RAISE EXCEPTION '巡查任务 % 的计划、场馆和创建信息不能更改', OLD.id USING ERRCODE = 'JD422';
  END IF;
  IF OLD.status <> 'assigned' THEN
    IF (to_jsonb(NEW) - 'version') IS DISTINCT FROM (to_jsonb(OLD) - 'version') THEN
      RAISE EXCEPTION '巡查任务 % 已完成或已撤回，不能再变更', OLD.id USING ERRCODE = 'JD422';
    END IF;
    RETURN NEW;
  END IF;
  IF (NEW.inspector, NEW.due_on) IS DISTINCT FROM (OLD.inspector, OLD.due_on)
     AND EXISTS (SELECT FROM inspection i WHERE i.assignment_id = OLD.id) THEN
    RAISE EXCEPTION '巡查任务 % 已有巡查记录，不能改派或改期', OLD.id USING ERRCODE = 'JD422';
  END IF;
  IF NEW.status = 'done' AND NOT EXISTS (
      SELECT FROM inspection i WHERE i.assignment_id = OLD.id AND i.status = 'submitted'
         AND i.supersedes_id IS NULL AND i.reinspection_of IS NULL) THEN
    RAISE EXCEPTION '巡查任务 % 没有已提交的巡查记录，不能标记为已完成', OLD.id
      USING ERRCODE = 'JD422';
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION jd_inspection_check() RETURNS trigger
{HEADER}
DECLARE
  v_total numeric;
  v_weighted numeric;
  v_score numeric;
  v_result text;
  v_failed boolean;
  v_serious boolean;
  v_item text;
BEGIN
  IF {SUPERUSER} THEN RETURN NEW; END IF;
  IF NEW.status = 'draft' AND num_nonnulls(NEW.result, NEW.score) > 0 THEN
    RAISE EXCEPTION '草稿没有巡查结果（结果在提交时由条目得出）' USING ERRCODE = 'JD422';
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.assignment_id IS NOT NULL AND NOT EXISTS (
        SELECT FROM inspection_assignment a WHERE a.id = NEW.assignment_id
           AND a.venue_id = NEW.venue_id) THEN
      RAISE EXCEPTION '巡查任务 % 不是该场馆的任务', NEW.assignment_id USING ERRCODE = 'JD422';
    END IF;
    IF NEW.supersedes_id IS NOT NULL THEN
      IF NOT EXISTS (SELECT FROM inspection o WHERE o.id = NEW.supersedes_id
                        AND o.assignment_id IS NOT DISTINCT FROM NEW.assignment_id
                        AND o.template_id = NEW.template_id) THEN
        RAISE EXCEPTION '更正记录须沿用被更正记录的巡查任务和检查表' USING ERRCODE = 'JD422';
      END IF;
    ELSIF NEW.reinspection_of IS NOT NULL THEN
      IF NOT EXISTS (SELECT FROM rectification_order r JOIN inspection o ON o.id = r.inspection_id
                      WHERE r.id = NEW.reinspection_of
                        AND o.assignment_id IS NOT DISTINCT FROM NEW.assignment_id
                        AND o.template_id = NEW.template_id) THEN
        RAISE EXCEPTION '复查记录须沿用原巡查记录的巡查任务和检查表' USING ERRCODE = 'JD422';
      END IF;
    ELSIF NOT EXISTS (SELECT FROM checklist_template t WHERE t.id = NEW.template_id
                         AND t.status = 'active') THEN
      RAISE EXCEPTION '检查表 % 已停用，不能用于新的巡查', NEW.template_id USING ERRCODE = 'JD422';
    END IF;
    RETURN NEW;
  END IF;
  IF NOT (OLD.status = 'draft' AND NEW.status = 'submitted') THEN
    RETURN NEW;
  END IF;
  -- the submission: every item of the checklist, answered, and the result they give
  IF (SELECT count(*) FROM inspection_item i WHERE i.inspection_id = NEW.id)
     <> (SELECT count(*) FROM checklist_item c WHERE c.template_id = NEW.template_id) THEN
    RAISE EXCEPTION '巡查记录 % 的条目与检查表不一致', NEW.id USING ERRCODE = 'JD422';
  END IF;
  SELECT i.text INTO v_item FROM inspection_item i
    JOIN checklist_item c ON c.id = i.checklist_item_id
   WHERE i.inspection_id = NEW.id AND c.applies_to = '' AND {UNANSWERED}
   ORDER BY i.position LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION '第“%”条尚未填写结果', v_item USING ERRCODE = '22023';
  END IF;
  SELECT coalesce(sum(i.weight) FILTER (WHERE ({VALUE}) IS NOT NULL AND i.weight > 0), 0),
         coalesce(sum(i.weight * ({VALUE})) FILTER (WHERE i.weight > 0), 0),
         coalesce(bool_or({FAILED}), false),
         coalesce(bool_or({FAILED} AND i.serious), false)
    INTO v_total, v_weighted, v_failed, v_serious
    FROM inspection_item i WHERE i.inspection_id = NEW.id;
  v_score := CASE WHEN v_total > 0 THEN round(v_weighted * 100 / v_total, 1) ELSE 100 END;
  v_result := CASE WHEN v_serious THEN 'fail' WHEN NOT v_failed THEN 'pass'
                   WHEN v_score >= 60 THEN 'rectify' ELSE 'fail' END;
  -- the score is kept in hundredths
  IF (NEW.result, NEW.score) IS DISTINCT FROM (v_result, (v_score * 100)::integer) THEN
    RAISE EXCEPTION '巡查结果（%，%）与条目得出的（%，%）不符', NEW.result, NEW.score / 100.0,
      v_result, v_score USING ERRCODE = 'JD422';
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION jd_inspection_item_check() RETURNS trigger
{HEADER}
BEGIN
  IF {SUPERUSER} THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' THEN
    IF (NEW.id, NEW.checklist_item_id, {SNAP_NEW})
       IS DISTINCT FROM (OLD.id, OLD.checklist_item_id, {SNAP_OLD}) THEN
      RAISE EXCEPTION '巡查条目是检查表的快照，只能填写结果' USING ERRCODE = 'JD422';
    END IF;
    RETURN NEW;
  END IF;
  IF NOT EXISTS (
      SELECT FROM checklist_item c JOIN inspection s ON s.template_id = c.template_id
       WHERE c.id = NEW.checklist_item_id AND s.id = NEW.inspection_id
         AND ({SNAP_C}) IS NOT DISTINCT FROM ({SNAP_NEW})) THEN
    RAISE EXCEPTION '巡查条目须与巡查记录所用检查表的条目一致' USING ERRCODE = 'JD422';
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION jd_inspection_photo_stamp() RETURNS trigger
{HEADER}
BEGIN
  IF {SUPERUSER} THEN RETURN NEW; END IF;
  NEW.created_by := session_user;
  NEW.created_at := now();
  RETURN NEW;
END $$;

CREATE FUNCTION jd_rectification_order_check() RETURNS trigger
{HEADER}
DECLARE
  v_year integer;
  v_last integer;
  v_deadline date;
BEGIN
  IF {SUPERUSER} THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' THEN
    IF NEW.report_note IS DISTINCT FROM OLD.report_note
       AND NOT (OLD.status = 'issued' AND NEW.status = 'reported') THEN
      RAISE EXCEPTION '整改通知 % 的整改情况只能在登记整改完成时填写', OLD.number
        USING ERRCODE = 'JD422';
    END IF;
    RETURN NEW;
  END IF;
  IF EXISTS (SELECT FROM rectification_order o WHERE o.inspection_id = NEW.inspection_id) THEN
    RAISE EXCEPTION '巡查记录 % 已有整改通知', NEW.inspection_id USING ERRCODE = 'JD422';
  END IF;
  SELECT i.rectify_by, extract(year FROM i.inspected_at AT TIME ZONE 'Asia/Shanghai')::integer
    INTO v_deadline, v_year FROM inspection i WHERE i.id = NEW.inspection_id;
  IF NEW.deadline IS DISTINCT FROM v_deadline THEN
    RAISE EXCEPTION '整改通知的期限须为巡查记录的整改期限 %', v_deadline USING ERRCODE = 'JD422';
  END IF;
  SELECT c.last_number INTO v_last FROM order_number_counter c WHERE c.year = v_year;
  IF NEW.number IS DISTINCT FROM
     '嘉体巡整〔' || v_year || '〕第' || lpad(v_last::text, greatest(4, length(v_last::text)), '0')
     || '号' THEN
    RAISE EXCEPTION '整改通知的编号须取自当年的编号计数' USING ERRCODE = 'JD422';
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION jd_order_counter_guard() RETURNS trigger
{HEADER}
BEGIN
  IF {SUPERUSER} THEN RETURN NEW; END IF;
  IF NEW.year IS DISTINCT FROM OLD.year OR NEW.last_number < OLD.last_number THEN
    RAISE EXCEPTION '整改通知编号不能回退或改年份' USING ERRCODE = 'JD422';
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION jd_checklist_guard() RETURNS trigger
{HEADER}
BEGIN
  IF {SUPERUSER} THEN RETURN NEW; END IF;
  IF TG_TABLE_NAME = 'checklist_template' THEN
    IF (to_jsonb(NEW) - 'status') IS DISTINCT FROM (to_jsonb(OLD) - 'status')
       OR (NEW.status <> OLD.status AND NOT (OLD.status = 'active' AND NEW.status = 'retired'))
    THEN
      RAISE EXCEPTION '检查表 % 第 % 版只能停用，不能修改（修改请发布新版本）', OLD.code,
        OLD.version USING ERRCODE = 'JD422';
    END IF;
    RETURN NEW;
  END IF;
  IF NOT EXISTS (SELECT FROM checklist_template t WHERE t.id = NEW.template_id
                    AND t.status = 'active')
     OR EXISTS (SELECT FROM inspection i WHERE i.template_id = NEW.template_id) THEN
    RAISE EXCEPTION '检查表 % 已停用或已用于巡查，不能再增加条目（请发布新版本）',
      NEW.template_id USING ERRCODE = 'JD422';
  END IF;
  RETURN NEW;
END $$;
"""

TRIGGERS = [
    "CREATE TRIGGER inspection_assignment_guard BEFORE UPDATE ON inspection_assignment "
    "FOR EACH ROW EXECUTE FUNCTION jd_assignment_guard()",
    "CREATE TRIGGER inspection_check BEFORE INSERT OR UPDATE ON inspection "
    "FOR EACH ROW EXECUTE FUNCTION jd_inspection_check()",
    "CREATE TRIGGER inspection_item_check BEFORE INSERT OR UPDATE ON inspection_item "
    "FOR EACH ROW EXECUTE FUNCTION jd_inspection_item_check()",
    "CREATE TRIGGER inspection_photo_stamp BEFORE INSERT ON inspection_photo "
    "FOR EACH ROW EXECUTE FUNCTION jd_inspection_photo_stamp()",
    "CREATE TRIGGER rectification_order_check BEFORE INSERT OR UPDATE ON rectification_order "
    "FOR EACH ROW EXECUTE FUNCTION jd_rectification_order_check()",
    "CREATE TRIGGER order_number_counter_guard BEFORE UPDATE ON order_number_counter "
    "FOR EACH ROW EXECUTE FUNCTION jd_order_counter_guard()",
    "CREATE TRIGGER checklist_template_guard BEFORE UPDATE ON checklist_template "
    "FOR EACH ROW EXECUTE FUNCTION jd_checklist_guard()",
    "CREATE TRIGGER checklist_item_guard BEFORE INSERT ON checklist_item "
    "FOR EACH ROW EXECUTE FUNCTION jd_checklist_guard()",
]
#: (trigger, table) and the functions, for the downgrade.
DROPS = [(t.split()[2], t.split(" ON ")[1].split()[0]) for t in TRIGGERS]
FUNCTION_SIGNATURES = ("jd_assignment_guard()", "jd_inspection_check()",
                       "jd_inspection_item_check()", "jd_inspection_photo_stamp()",
                       "jd_rectification_order_check()", "jd_order_counter_guard()",
                       "jd_checklist_guard()")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTIONS)
    for statement in TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for trigger, table in DROPS:
        op.execute(f"DROP TRIGGER {trigger} ON {table}")
    for signature in FUNCTION_SIGNATURES:
        op.execute(f"DROP FUNCTION {signature}")

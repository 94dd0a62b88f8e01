"""an application's review is written by its step, and a new one carries none

PostgreSQL only (a hostile review of issue 9's work): 0010 let the review columns of a state
change while the application was in that state, by whoever could update the row — a
subdistrict wrote the bureau's opinion (and pointed ``venue_id`` at another subdistrict's venue)
on its own application once approved by itself, bureau staff wrote the subdistrict's review
without the step, and a new application could arrive carrying a bureau decision. Now, for every
login but a superuser:

- a new application has no review, decision, venue or submission time;
- the subdistrict's review columns change only in the statement that takes the step out of
  ``submitted``, the bureau's decision columns only in the one out of ``subdistrict_approved``
  (the workflow guard checks who may take it); neither changes while the application is
  editable;
- ``venue_id`` is set only by the bureau's approval, to the register's venue of the
  application's own credit code.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 00:20:00
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

SUBMITTED_REVIEW = ("subdistrict_opinion", "subdistrict_reviewer", "subdistrict_reviewed_at")
BUREAU_DECISION = ("bureau_opinion", "bureau_reviewer", "bureau_reviewed_at", "venue_id")
EDITABLE = ("draft", "returned")


def _sql_list(items: tuple[str, ...]) -> str:
    return "ARRAY[" + ", ".join(f"'{i}'" for i in items) + "]::text[]"


FREEZE = f"""
CREATE OR REPLACE FUNCTION jd_application_freeze() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  changed text[];
  allowed text[] := ARRAY['status', 'version', 'updated_at', 'submitted_at'];
  reviews text[] := {_sql_list(SUBMITTED_REVIEW + BUREAU_DECISION)};
  stepped boolean;
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN RETURN NEW; END IF;
  IF TG_OP = 'INSERT' THEN
    IF num_nonnulls(NEW.subdistrict_opinion, NEW.subdistrict_reviewer,
                    NEW.subdistrict_reviewed_at, NEW.bureau_opinion, NEW.bureau_reviewer,
                    NEW.bureau_reviewed_at, NEW.venue_id, NEW.submitted_at) > 0 THEN
      RAISE EXCEPTION '新的申请不能带有审核意见、审定结果、场馆或提交时间' USING ERRCODE = 'JD422';
    END IF;
    RETURN NEW;
  END IF;
  stepped := NEW.status IS DISTINCT FROM OLD.status;
  SELECT coalesce(array_agg(n.key), ARRAY[]::text[]) INTO changed
    FROM jsonb_each(to_jsonb(NEW)) n WHERE n.value IS DISTINCT FROM to_jsonb(OLD) -> n.key;
  IF OLD.status = ANY({_sql_list(EDITABLE)}) THEN
    -- the subdistrict's data, but no review or decision
    IF changed && reviews THEN
      RAISE EXCEPTION '申请 % 的审核意见和审定结果只能由审核、审定步骤填写', OLD.id
        USING ERRCODE = 'JD422';
    END IF;
    RETURN NEW;
  ELSIF OLD.status = 'submitted' AND stepped THEN
    allowed := allowed || {_sql_list(SUBMITTED_REVIEW)};
  ELSIF OLD.status = 'subdistrict_approved' AND stepped THEN
    allowed := allowed || {_sql_list(BUREAU_DECISION)};
  ELSIF OLD.status NOT IN ('submitted', 'subdistrict_approved') THEN
    allowed := ARRAY[]::text[];
  END IF;
  IF NOT changed <@ allowed THEN
    RAISE EXCEPTION '申请 % 处于“%”状态，不能修改 %（审核意见只随审核步骤写入）', OLD.id,
      OLD.status,
      array_to_string(ARRAY(SELECT unnest(changed) EXCEPT SELECT unnest(allowed)), '、')
      USING ERRCODE = 'JD422';
  END IF;
  IF 'venue_id' = ANY(changed) AND (NEW.status IS DISTINCT FROM 'bureau_approved'
      OR NOT EXISTS (SELECT 1 FROM venue v
                      WHERE v.id = NEW.venue_id AND v.credit_code = NEW.credit_code)) THEN
    RAISE EXCEPTION '申请 % 只能在审定通过时登记为本单位（信用代码 %）的场馆', OLD.id,
      NEW.credit_code USING ERRCODE = 'JD422';
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER application_freeze ON application;
CREATE TRIGGER application_freeze BEFORE INSERT OR UPDATE ON application
  FOR EACH ROW EXECUTE FUNCTION jd_application_freeze();
"""


def _revision_0010() -> ModuleType:
    """Migration 0010 (its function text is what a downgrade restores)."""
    path = Path(__file__).with_name("0010_applications_frozen_once_submitted.py")
    spec = importlib.util.spec_from_file_location("jd_admin_migration_0010", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FREEZE)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER application_freeze ON application")
    op.execute("DROP FUNCTION jd_application_freeze()")
    op.execute(_revision_0010().FREEZE)

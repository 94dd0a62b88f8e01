"""a login with its initial password can do nothing but change it

PostgreSQL only (issue 9, item 6): a login whose ``must_change_password`` was still true used
psql with all its role's rights. Now such a login belongs to ``jd_first_login`` only — it may
read what logging in needs (``FIRST_LOGIN_READS`` of the permission matrix) and call
``jd_record_login`` and ``jd_change_own_password`` — and joins its role's group when it sets its
own password. ``jd_create_user`` (also given the well-formed verifier check of 0006) and
``jd_reset_password`` put the login into ``jd_first_login``; existing users who have not yet
changed their initial password are moved there.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 23:20:00
"""

from __future__ import annotations

from alembic import op

from jd_admin.migrations import access

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def _functions(check: str, create_group: str, reset_groups: str, change_groups: str) -> str:
    """The account functions, with a revision's verifier ``check`` and group moves."""
    return f"""
CREATE OR REPLACE FUNCTION jd_create_user(p_username text, p_full_name text, p_role text,
                                          p_subdistrict_id integer, p_verifier text,
                                          p_must_change boolean DEFAULT true)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE v_id integer;
BEGIN
  PERFORM jd_require_admin();
  IF p_username !~ '^[a-z][a-z0-9_]{{2,62}}$' THEN
    RAISE EXCEPTION '用户名只能包含小写字母、数字和下划线，以字母开头，3 到 63 个字符' USING ERRCODE = '22023';
  END IF;
  IF p_role NOT IN (SELECT code FROM app_role) THEN
    RAISE EXCEPTION '未知角色：%', p_role USING ERRCODE = '22023';
  END IF;
  IF {check} THEN
    RAISE EXCEPTION 'password must arrive as a SCRAM verifier' USING ERRCODE = '22023';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_username) THEN
    RAISE EXCEPTION '数据库中已有名为 % 的登录角色', p_username USING ERRCODE = '42710';
  END IF;
  EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS INHERIT PASSWORD %L',
                 p_username, p_verifier);
  EXECUTE format('GRANT %I TO %I', {create_group}, p_username);
  INSERT INTO app_user (username, full_name, role, subdistrict_id, password_hash, must_change_password,
                        failed_attempts, is_active, version, created_at, updated_at)
  VALUES (p_username, p_full_name, p_role, p_subdistrict_id, NULL, coalesce(p_must_change, true),
          0, true, 1, now(), now())
  RETURNING id INTO v_id;
  PERFORM jd_audit(p_username, 'create', NULL, p_role, p_full_name);
  RETURN v_id;
END $$;

CREATE OR REPLACE FUNCTION jd_reset_password(p_username text, p_verifier text,
                                             p_expected_version integer)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE v_version integer; v_role text;
BEGIN
  PERFORM jd_require_admin();
  SELECT version, role INTO v_version, v_role FROM app_user WHERE username = p_username FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION '没有用户 %', p_username USING ERRCODE = 'P0002'; END IF;
  IF p_expected_version IS NOT NULL AND v_version <> p_expected_version THEN
    RAISE EXCEPTION '用户 % 已被他人修改，请刷新后重试', p_username USING ERRCODE = 'JD409';
  END IF;
  IF NOT jd_is_scram_verifier(p_verifier) THEN
    RAISE EXCEPTION 'password must arrive as a SCRAM verifier' USING ERRCODE = '22023';
  END IF;
  EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', p_username, p_verifier);
  {reset_groups}
  UPDATE app_user SET must_change_password = true, failed_attempts = 0, locked_until = NULL,
         is_active = true, version = version + 1, updated_at = now()
   WHERE username = p_username;
  PERFORM jd_audit(p_username, 'reset_password', NULL, NULL, NULL);
END $$;

CREATE OR REPLACE FUNCTION jd_change_own_password(p_verifier text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE v_role text;
BEGIN
  SELECT role INTO v_role FROM app_user WHERE username = session_user;
  IF NOT FOUND THEN
    RAISE EXCEPTION '当前登录角色不是本系统用户' USING ERRCODE = '42501';
  END IF;
  IF NOT jd_is_scram_verifier(p_verifier) THEN
    RAISE EXCEPTION 'password must arrive as a SCRAM verifier' USING ERRCODE = '22023';
  END IF;
  EXECUTE format('ALTER ROLE %I PASSWORD %L', session_user, p_verifier);
  {change_groups}
  UPDATE app_user SET must_change_password = false, version = version + 1, updated_at = now()
   WHERE username = session_user;
  PERFORM jd_audit(session_user, 'change_password', NULL, NULL, NULL);
END $$;
"""


FIRST = access.FIRST_LOGIN
NEW = _functions(
    "NOT jd_is_scram_verifier(p_verifier)",
    f"CASE WHEN coalesce(p_must_change, true) THEN '{FIRST}' ELSE 'jd_' || p_role END",
    f"EXECUTE format('REVOKE %I FROM %I', 'jd_' || v_role, p_username);\n"
    f"  EXECUTE format('GRANT %I TO %I', '{FIRST}', p_username);",
    f"IF pg_has_role(session_user, '{FIRST}', 'MEMBER') THEN\n"
    f"    EXECUTE format('REVOKE %I FROM %I', '{FIRST}', session_user);\n"
    f"    EXECUTE format('GRANT %I TO %I', 'jd_' || v_role, session_user);\n"
    f"  END IF;")
OLD = _functions(r"p_verifier !~ '^SCRAM-SHA-256\$'", "'jd_' || p_role", "", "")

MOVE = """
DO $$ DECLARE u record; BEGIN
  FOR u IN SELECT a.username, a.role FROM app_user a JOIN pg_roles r ON r.rolname = a.username
            WHERE {where} LOOP
    EXECUTE format('REVOKE %I FROM %I', {source}, u.username);
    EXECUTE format('GRANT %I TO %I', {target}, u.username);
  END LOOP;
END $$;
"""


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    access.ensure_groups(conn)
    op.execute(NEW)
    op.execute(MOVE.format(where="a.must_change_password", source="'jd_' || u.role",
                           target=f"'{FIRST}'"))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(MOVE.format(where=f"pg_has_role(a.username, '{FIRST}', 'MEMBER')",
                           source=f"'{FIRST}'", target="'jd_' || u.role"))
    op.execute(OLD)

"""well-formed password verifiers; disabling an account ends its sessions

PostgreSQL only (issue 9, findings 6 and 7):

- ``jd_change_own_password`` and ``jd_reset_password`` accepted anything starting with
  ``SCRAM-SHA-256$``; a malformed string was then stored as a plaintext password. Both now
  require a well-formed SCRAM-SHA-256 verifier (``jd_is_scram_verifier``: iterations >= 4096,
  a base64 salt, a 32-byte StoredKey and ServerKey), as libpq computes it on the client.
- ``jd_set_user_active(…, false)`` made the role NOLOGIN but left its open sessions working; it
  now also ends them (``pg_terminate_backend``; the function's owner needs to be a superuser or a
  member of ``pg_signal_backend`` — the README says so).

No data changes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 21:40:00
"""

from __future__ import annotations

from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

VERIFIER_CHECK = r"""
CREATE FUNCTION jd_is_scram_verifier(p_verifier text) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT coalesce(
    p_verifier ~ '^SCRAM-SHA-256\$[0-9]{1,9}:[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$'
    AND substring(p_verifier FROM '^SCRAM-SHA-256\$([0-9]+):')::integer >= 4096,
    false)
$$;
REVOKE ALL ON FUNCTION jd_is_scram_verifier(text) FROM PUBLIC;
"""


def _functions(check: str, terminate: str) -> str:
    """The three account functions, with the verifier ``check`` and the session ``terminate``
    step of a revision (0002's or this one's)."""
    return f"""
CREATE OR REPLACE FUNCTION jd_reset_password(p_username text, p_verifier text,
                                             p_expected_version integer)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE v_version integer;
BEGIN
  PERFORM jd_require_admin();
  SELECT version INTO v_version FROM app_user WHERE username = p_username FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION '没有用户 %', p_username USING ERRCODE = 'P0002'; END IF;
  IF p_expected_version IS NOT NULL AND v_version <> p_expected_version THEN
    RAISE EXCEPTION '用户 % 已被他人修改，请刷新后重试', p_username USING ERRCODE = 'JD409';
  END IF;
  IF {check} THEN
    RAISE EXCEPTION 'password must arrive as a SCRAM verifier' USING ERRCODE = '22023';
  END IF;
  EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', p_username, p_verifier);
  UPDATE app_user SET must_change_password = true, failed_attempts = 0, locked_until = NULL,
         is_active = true, version = version + 1, updated_at = now()
   WHERE username = p_username;
  PERFORM jd_audit(p_username, 'reset_password', NULL, NULL, NULL);
END $$;

CREATE OR REPLACE FUNCTION jd_change_own_password(p_verifier text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM app_user WHERE username = session_user) THEN
    RAISE EXCEPTION '当前登录角色不是本系统用户' USING ERRCODE = '42501';
  END IF;
  IF {check} THEN
    RAISE EXCEPTION 'password must arrive as a SCRAM verifier' USING ERRCODE = '22023';
  END IF;
  EXECUTE format('ALTER ROLE %I PASSWORD %L', session_user, p_verifier);
  UPDATE app_user SET must_change_password = false, version = version + 1, updated_at = now()
   WHERE username = session_user;
  PERFORM jd_audit(session_user, 'change_password', NULL, NULL, NULL);
END $$;

CREATE OR REPLACE FUNCTION jd_set_user_active(p_username text, p_active boolean, p_reason text,
                                              p_expected_version integer)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE v_version integer; v_active boolean;
BEGIN
  PERFORM jd_require_admin();
  IF p_username = session_user AND NOT p_active THEN
    RAISE EXCEPTION '不能停用自己的账户' USING ERRCODE = '42501';
  END IF;
  SELECT version, is_active INTO v_version, v_active FROM app_user
   WHERE username = p_username FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION '没有用户 %', p_username USING ERRCODE = 'P0002'; END IF;
  IF p_expected_version IS NOT NULL AND v_version <> p_expected_version THEN
    RAISE EXCEPTION '用户 % 已被他人修改，请刷新后重试', p_username USING ERRCODE = 'JD409';
  END IF;
  EXECUTE format('ALTER ROLE %I %s', p_username,
                 CASE WHEN p_active THEN 'LOGIN' ELSE 'NOLOGIN' END);
  {terminate}
  UPDATE app_user SET is_active = p_active, failed_attempts = 0, locked_until = NULL,
         version = version + 1, updated_at = now()
   WHERE username = p_username;
  PERFORM jd_audit(p_username, CASE WHEN p_active THEN 'activate' ELSE 'deactivate' END,
                   CASE WHEN v_active THEN 'active' ELSE 'inactive' END,
                   CASE WHEN p_active THEN 'active' ELSE 'inactive' END, p_reason);
END $$;
"""


NEW = _functions(
    "NOT jd_is_scram_verifier(p_verifier)",
    "IF NOT p_active THEN\n"
    "    PERFORM pg_terminate_backend(pid) FROM pg_stat_activity\n"
    "     WHERE usename = p_username AND pid <> pg_backend_pid();\n"
    "  END IF;")
OLD = _functions(r"p_verifier !~ '^SCRAM-SHA-256\$'", "")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(VERIFIER_CHECK)
    op.execute(NEW)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(OLD)
    op.execute("DROP FUNCTION jd_is_scram_verifier(text)")

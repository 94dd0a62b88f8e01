"""PostgreSQL: group roles, grants, account functions, append-only audit log

On PostgreSQL every person logs in as their own login role, a member of the group role of
their application role (``jd_admin``, ``jd_bureau_staff`` ... all members of ``jd_staff``).
Accounts are created and changed only through the SECURITY DEFINER functions below, which
check that the caller is an administrator; the audit log is append-only and its ``actor`` is
always the session's login role. On SQLite this revision does nothing.

Group roles are cluster-wide: they are created if missing and dropped on downgrade only when
no other database still uses them.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

APP_ROLES = ("admin", "bureau_staff", "bureau_approver", "subdistrict", "inspector", "operator")
READ_TABLES = ("app_role", "subdistrict", "face_value_rule", "venue", "venue_sport", "app_user",
               "alembic_version")

FUNCTIONS = r"""
CREATE FUNCTION jd_require_admin() RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NOT pg_has_role(session_user, 'jd_admin', 'MEMBER') THEN
    RAISE EXCEPTION '只有系统管理员可以管理用户' USING ERRCODE = '42501';
  END IF;
END $$;

CREATE FUNCTION jd_audit(p_entity_id text, p_action text, p_from text, p_to text, p_comment text)
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  INSERT INTO audit_event (occurred_at, actor, entity_type, entity_id, action, from_state, to_state, comment)
  VALUES (now(), session_user, 'user', p_entity_id, p_action, p_from, p_to, p_comment);
$$;

CREATE FUNCTION jd_create_user(p_username text, p_full_name text, p_role text,
                               p_subdistrict_id integer, p_verifier text,
                               p_must_change boolean DEFAULT true)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE v_id integer;
BEGIN
  PERFORM jd_require_admin();
  IF p_username !~ '^[a-z][a-z0-9_]{2,62}$' THEN
    RAISE EXCEPTION '用户名只能包含小写字母、数字和下划线，以字母开头，3 到 63 个字符' USING ERRCODE = '22023';
  END IF;
  IF p_role NOT IN (SELECT code FROM app_role) THEN
    RAISE EXCEPTION '未知角色：%', p_role USING ERRCODE = '22023';
  END IF;
  IF p_verifier !~ '^SCRAM-SHA-256\$' THEN
    RAISE EXCEPTION 'password must arrive as a SCRAM verifier' USING ERRCODE = '22023';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_username) THEN
    RAISE EXCEPTION '数据库中已有名为 % 的登录角色', p_username USING ERRCODE = '42710';
  END IF;
  EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS INHERIT PASSWORD %L',
                 p_username, p_verifier);
  EXECUTE format('GRANT %I TO %I', 'jd_' || p_role, p_username);
  INSERT INTO app_user (username, full_name, role, subdistrict_id, password_hash, must_change_password,
                        failed_attempts, is_active, version, created_at, updated_at)
  VALUES (p_username, p_full_name, p_role, p_subdistrict_id, NULL, coalesce(p_must_change, true),
          0, true, 1, now(), now())
  RETURNING id INTO v_id;
  PERFORM jd_audit(p_username, 'create', NULL, p_role, p_full_name);
  RETURN v_id;
END $$;

CREATE FUNCTION jd_reset_password(p_username text, p_verifier text, p_expected_version integer)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE v_version integer;
BEGIN
  PERFORM jd_require_admin();
  SELECT version INTO v_version FROM app_user WHERE username = p_username FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION '没有用户 %', p_username USING ERRCODE = 'P0002'; END IF;
  IF p_expected_version IS NOT NULL AND v_version <> p_expected_version THEN
    RAISE EXCEPTION '用户 % 已被他人修改，请刷新后重试', p_username USING ERRCODE = 'JD409';
  END IF;
  IF p_verifier !~ '^SCRAM-SHA-256\$' THEN
    RAISE EXCEPTION 'password must arrive as a SCRAM verifier' USING ERRCODE = '22023';
  END IF;
  EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', p_username, p_verifier);
  UPDATE app_user SET must_change_password = true, failed_attempts = 0, locked_until = NULL,
         is_active = true, version = version + 1, updated_at = now()
   WHERE username = p_username;
  PERFORM jd_audit(p_username, 'reset_password', NULL, NULL, NULL);
END $$;

CREATE FUNCTION jd_change_own_password(p_verifier text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM app_user WHERE username = session_user) THEN
    RAISE EXCEPTION '当前登录角色不是本系统用户' USING ERRCODE = '42501';
  END IF;
  IF p_verifier !~ '^SCRAM-SHA-256\$' THEN
    RAISE EXCEPTION 'password must arrive as a SCRAM verifier' USING ERRCODE = '22023';
  END IF;
  EXECUTE format('ALTER ROLE %I PASSWORD %L', session_user, p_verifier);
  UPDATE app_user SET must_change_password = false, version = version + 1, updated_at = now()
   WHERE username = session_user;
  PERFORM jd_audit(session_user, 'change_password', NULL, NULL, NULL);
END $$;

CREATE FUNCTION jd_set_user_active(p_username text, p_active boolean, p_reason text,
                                   p_expected_version integer)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE v_version integer; v_active boolean;
BEGIN
  PERFORM jd_require_admin();
  IF p_username = session_user AND NOT p_active THEN
    RAISE EXCEPTION '不能停用自己的账户' USING ERRCODE = '42501';
  END IF;
  SELECT version, is_active INTO v_version, v_active FROM app_user WHERE username = p_username FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION '没有用户 %', p_username USING ERRCODE = 'P0002'; END IF;
  IF p_expected_version IS NOT NULL AND v_version <> p_expected_version THEN
    RAISE EXCEPTION '用户 % 已被他人修改，请刷新后重试', p_username USING ERRCODE = 'JD409';
  END IF;
  EXECUTE format('ALTER ROLE %I %s', p_username, CASE WHEN p_active THEN 'LOGIN' ELSE 'NOLOGIN' END);
  UPDATE app_user SET is_active = p_active, failed_attempts = 0, locked_until = NULL,
         version = version + 1, updated_at = now()
   WHERE username = p_username;
  PERFORM jd_audit(p_username, CASE WHEN p_active THEN 'activate' ELSE 'deactivate' END,
                   CASE WHEN v_active THEN 'active' ELSE 'inactive' END,
                   CASE WHEN p_active THEN 'active' ELSE 'inactive' END, p_reason);
END $$;

CREATE FUNCTION jd_record_login() RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  UPDATE app_user SET last_login_at = now(), failed_attempts = 0, locked_until = NULL
   WHERE username = session_user;
$$;

CREATE FUNCTION jd_audit_event_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.actor := session_user;
    NEW.occurred_at := now();
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '审计日志只能追加，不能修改或删除' USING ERRCODE = '42501';
END $$;
"""

FUNCTION_SIGNATURES = (
    "jd_require_admin()",
    "jd_audit(text, text, text, text, text)",
    "jd_create_user(text, text, text, integer, text, boolean)",
    "jd_reset_password(text, text, integer)",
    "jd_change_own_password(text)",
    "jd_set_user_active(text, boolean, text, integer)",
    "jd_record_login()",
    "jd_audit_event_guard()",
)
ADMIN_FUNCTIONS = FUNCTION_SIGNATURES[2:4] + (FUNCTION_SIGNATURES[5],)
STAFF_FUNCTIONS = (FUNCTION_SIGNATURES[4], FUNCTION_SIGNATURES[6])


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    group_roles = ["jd_staff"] + [f"jd_{r}" for r in APP_ROLES]
    for role in group_roles:
        op.execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN "
            f"CREATE ROLE {role} NOLOGIN; END IF; END $$"
        )
    for role in group_roles[1:]:
        op.execute(f"GRANT jd_staff TO {role}")
    op.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    op.execute("GRANT USAGE ON SCHEMA public TO jd_staff")
    op.execute(f"GRANT SELECT ON {', '.join(READ_TABLES)} TO jd_staff")
    op.execute("GRANT SELECT, INSERT ON audit_event TO jd_staff")
    op.execute("GRANT USAGE ON SEQUENCE audit_event_id_seq TO jd_staff")
    # Rule tables are the administrator's; venues the bureau's (refined by later revisions).
    op.execute("GRANT INSERT ON face_value_rule TO jd_admin")
    op.execute("GRANT USAGE ON SEQUENCE face_value_rule_id_seq TO jd_admin")
    op.execute("GRANT INSERT, UPDATE ON venue, venue_sport TO jd_bureau_staff")
    op.execute("GRANT USAGE ON SEQUENCE venue_id_seq, venue_sport_id_seq TO jd_bureau_staff")
    # On PostgreSQL the server checks passwords: the app never stores a hash.
    op.execute("ALTER TABLE app_user ADD CONSTRAINT ck_app_user_no_hash_on_server CHECK (password_hash IS NULL)")
    op.execute(FUNCTIONS)
    for sig in FUNCTION_SIGNATURES:
        op.execute(f"REVOKE ALL ON FUNCTION {sig} FROM PUBLIC")
    for sig in ADMIN_FUNCTIONS:
        op.execute(f"GRANT EXECUTE ON FUNCTION {sig} TO jd_admin")
    for sig in STAFF_FUNCTIONS:
        op.execute(f"GRANT EXECUTE ON FUNCTION {sig} TO jd_staff")
    op.execute(
        "CREATE TRIGGER audit_event_append_only BEFORE INSERT OR UPDATE OR DELETE ON audit_event "
        "FOR EACH ROW EXECUTE FUNCTION jd_audit_event_guard()"
    )
    op.execute(
        "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
        "FOR EACH STATEMENT EXECUTE FUNCTION jd_audit_event_guard()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER audit_event_no_truncate ON audit_event")
    op.execute("DROP TRIGGER audit_event_append_only ON audit_event")
    for sig in reversed(FUNCTION_SIGNATURES):
        op.execute(f"DROP FUNCTION {sig}")
    op.execute("ALTER TABLE app_user DROP CONSTRAINT ck_app_user_no_hash_on_server")
    group_roles = ["jd_staff"] + [f"jd_{r}" for r in APP_ROLES]
    for role in group_roles:
        op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}")
        op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {role}")
        op.execute(f"REVOKE ALL ON SCHEMA public FROM {role}")
    # Login roles of this database's users are members of the group roles; they are dropped by
    # the administrator, not by a schema downgrade. A group role still used elsewhere stays.
    for role in reversed(group_roles):
        op.execute(
            f"DO $$ BEGIN DROP ROLE IF EXISTS {role}; "
            f"EXCEPTION WHEN dependent_objects_still_exist THEN NULL; END $$"
        )

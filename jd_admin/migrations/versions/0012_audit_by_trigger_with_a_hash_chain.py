"""audit by trigger with a hash chain

Issue 9, item 5 (finding 5). Both dialects: ``audit_event`` gets ``operation``,
``subdistrict_id``, ``txid``, ``seq``, ``prev_hash`` and ``hash`` (every existing row is
chained, oldest first: ``hash = sha256(prev_hash || canonical text)``, see
:mod:`jd_admin.domain.audit_chain`), and an index on the record (entity type and id).

PostgreSQL only:

- every business table is audited by trigger (actor = session_user, server time, operation,
  old -> new values of the changed columns; ``app_user.password_hash`` and
  ``citizen.pseudonym`` left out, ``attachment.content`` as its sha256 and size). Per row on
  every table but the voucher ledger (``voucher``, ``citizen``, ``voucher_violation``, written
  a million rows at a time), which is audited per statement from transition tables: the
  operation, the row count and the first 20 rows (for an UPDATE their changed columns).
  Not audited: ``alembic_version``, ``workflow_step`` (the migrations' own), ``audit_event``.
- nobody inserts into ``audit_event`` directly any more (INSERT revoked from ``jd_staff``):
  rows come from the SECURITY DEFINER trigger functions, the account functions' ``jd_audit``
  and ``jd_note`` — the services' note of a step (verb, from/to state, reason) or of a print,
  download or export. ``jd_note`` accepts a step's note only for a record the login itself
  changed in this transaction (or a child of it: a row whose old or new values name it), a
  print/download/export only of a record the login may see; so no login can write into another
  record's history.
- each row's ``subdistrict_id`` is the record's (application, venue; an agreement's venue; a
  child's parent), set by the server; row-level security (ENABLE + FORCE): the administrator
  and the bureau read every row, a subdistrict the rows of its own records and its own actions,
  the inspector and the operator their own actions.
- the chain is appended at commit: a deferred constraint trigger takes a transaction-level
  row lock on ``audit_chain_head`` (held only from then to the commit; no login can take it),
  reads the last link and fills in ``seq``,
  ``prev_hash`` and ``hash``; the append-only guard lets only that fill-in through.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 22:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jd_admin.domain.audit_chain import GENESIS, link_hash

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

#: Audited per row: table -> (key columns, columns whose values are never recorded).
ROW_TABLES: dict[str, tuple[str, str]] = {
    "agreement_number_counter": ("year", ""),
    "app_role": ("code", ""),
    "app_user": ("id", "password_hash"),
    "subdistrict": ("id", ""),
    "face_value_rule": ("id", ""),
    "usage_rule": ("id", ""),
    "voucher_restriction": ("id", ""),
    "issuance_batch": ("id", ""),
    "batch_face_value": ("id", ""),
    "voucher_import": ("id", ""),
    "party_setting": ("party", ""),
    "recruitment_call": ("id", ""),
    "application": ("id", ""),
    "application_sport": ("id", ""),
    "application_coach": ("id", ""),
    "attachment": ("id", ""),  # content recorded as {sha256, size}
    "venue": ("id", ""),
    "venue_sport": ("id", ""),
    "venue_status_change": ("id", ""),
    "agreement": ("id", ""),
}
#: Audited per statement (bulk imports): table -> (key columns, columns never recorded).
STATEMENT_TABLES: dict[str, tuple[str, str]] = {
    "voucher": ("id", ""),
    "citizen": ("id", "pseudonym"),
    "voucher_violation": ("voucher_id,code", ""),
}
NOT_AUDITED = ("alembic_version", "workflow_step", "audit_event")
#: Notes that change nothing: taken by whoever may see the record.
READ_ACTIONS = ("print", "download", "export", "导出")
#: Records whose history the pages show: a step's note needs a change of the record itself.
STRICT_TYPES = ("application", "venue", "agreement", "recruitment_call")
#: Children whose change lets a login note a step of their parent: (parent, child, fk column).
CHILDREN = (("application", "application_sport", "application_id"),
            ("application", "application_coach", "application_id"),
            ("application", "attachment", "application_id"),
            ("agreement", "attachment", "agreement_id"),
            ("venue", "venue_sport", "venue_id"),
            ("venue", "venue_status_change", "venue_id"))
CHILDREN_SQL = ", ".join(f"('{p}', '{c}', '{k}')" for p, c, k in CHILDREN)
#: Record types noted by the services whose rows live in other tables than their name.
RELATED = (("voucher", ("voucher", "voucher_violation", "voucher_import", "citizen")),)
RELATED_SQL = ", ".join(
    f"('{t}', ARRAY[{', '.join(repr(x) for x in tables)}]::text[])" for t, tables in RELATED)


def _sql_list(items: tuple[str, ...]) -> str:
    return "ARRAY[" + ", ".join(f"'{i}'" for i in items) + "]::text[]"


FUNCTIONS = rf"""
CREATE FUNCTION jd_audit_hash(p_prev text, p_seq bigint, e audit_event) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT encode(sha256(convert_to(p_prev || concat_ws('|',
    VARIADIC (SELECT array_agg(CASE WHEN v IS NULL THEN '-' ELSE length(v) || ':' || v END
                               ORDER BY n)
                FROM unnest(ARRAY[
                  p_seq::text,
                  to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                  e.actor, e.entity_type, e.entity_id, e.action, e.operation,
                  e.from_state, e.to_state, e.comment, e.details::text,
                  e.subdistrict_id::text, e.txid::text]) WITH ORDINALITY AS f(v, n))),
    'UTF8')), 'hex')
$$;

CREATE FUNCTION jd_audit_scope(p_type text, p_id text) RETURNS integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF p_id IS NULL OR p_id !~ '^[0-9]{{1,18}}$' THEN RETURN NULL; END IF;
  RETURN CASE p_type
    WHEN 'application' THEN (SELECT subdistrict_id FROM application WHERE id = p_id::bigint)
    WHEN 'venue' THEN (SELECT subdistrict_id FROM venue WHERE id = p_id::bigint)
    WHEN 'agreement' THEN (SELECT v.subdistrict_id FROM agreement a
                             JOIN venue v ON v.id = a.venue_id WHERE a.id = p_id::bigint)
    ELSE NULL END;
END $$;

CREATE FUNCTION jd_audit_row_scope(p_table text, r jsonb) RETURNS integer
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT CASE
    WHEN p_table IN ('application', 'venue') THEN (r ->> 'subdistrict_id')::integer
    WHEN p_table IN ('agreement', 'venue_sport', 'venue_status_change')
      THEN jd_audit_scope('venue', r ->> 'venue_id')
    WHEN p_table IN ('application_sport', 'application_coach')
      THEN jd_audit_scope('application', r ->> 'application_id')
    WHEN p_table = 'attachment'
      THEN coalesce(jd_audit_scope('application', r ->> 'application_id'),
                    jd_audit_scope('agreement', r ->> 'agreement_id'))
    ELSE NULL END
$$;

CREATE FUNCTION jd_audit_diff(o jsonb, n jsonb, p_keys text[], p_hidden text[]) RETURNS jsonb
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT jsonb_build_object(
    'key', (SELECT coalesce(jsonb_object_agg(k, n -> k), '{{}}') FROM unnest(p_keys) k),
    'old', coalesce(jsonb_object_agg(c.key, CASE WHEN c.key = ANY(p_hidden)
                                                 THEN '"[redacted]"'::jsonb ELSE o -> c.key END),
                    '{{}}'),
    'new', coalesce(jsonb_object_agg(c.key, CASE WHEN c.key = ANY(p_hidden)
                                                 THEN '"[redacted]"'::jsonb ELSE c.value END),
                    '{{}}'))
    FROM jsonb_each(n) c WHERE c.value IS DISTINCT FROM o -> c.key
$$;

CREATE FUNCTION jd_audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_keys text[] := string_to_array(TG_ARGV[0], ',');
  v_hidden text[] := coalesce(string_to_array(nullif(TG_ARGV[1], ''), ','), ARRAY[]::text[]);
  o jsonb; n jsonb; v_details jsonb; v_row jsonb;
BEGIN
  IF TG_OP <> 'INSERT' THEN o := to_jsonb(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN n := to_jsonb(NEW); END IF;
  IF TG_TABLE_NAME = 'attachment' THEN  -- the bytes never enter the trail: digest and size
    IF o IS NOT NULL THEN
      o := o || jsonb_build_object('content', jsonb_build_object(
        'sha256', encode(sha256(OLD.content), 'hex'), 'size', octet_length(OLD.content)));
    END IF;
    IF n IS NOT NULL THEN
      n := n || jsonb_build_object('content', jsonb_build_object(
        'sha256', encode(sha256(NEW.content), 'hex'), 'size', octet_length(NEW.content)));
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    v_details := jd_audit_diff(o, n, v_keys, v_hidden) - 'key';
    IF v_details -> 'new' = '{{}}'::jsonb THEN RETURN NULL; END IF;
  ELSIF TG_OP = 'INSERT' THEN
    v_details := jsonb_build_object('new', n - v_hidden);
  ELSE
    v_details := jsonb_build_object('old', o - v_hidden);
  END IF;
  v_row := coalesce(n, o);
  INSERT INTO audit_event (occurred_at, actor, entity_type, entity_id, action, operation,
                           details, subdistrict_id)
  VALUES (now(), session_user, TG_TABLE_NAME,
          (SELECT string_agg(v_row ->> k, ':') FROM unnest(v_keys) k), lower(TG_OP), TG_OP,
          v_details::json, jd_audit_row_scope(TG_TABLE_NAME, v_row));
  RETURN NULL;
END $$;

CREATE FUNCTION jd_audit_statement() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_keys text[] := string_to_array(TG_ARGV[0], ',');
  v_hidden text[] := coalesce(string_to_array(nullif(TG_ARGV[1], ''), ','), ARRAY[]::text[]);
  v_rows bigint; v_sample jsonb; v_first jsonb; v_id text := '*';
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT count(*) INTO v_rows FROM new_rows;
    SELECT jsonb_agg(to_jsonb(r) - v_hidden) INTO v_sample FROM (SELECT * FROM new_rows LIMIT 20) r;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT count(*) INTO v_rows FROM old_rows;
    SELECT jsonb_agg(to_jsonb(r) - v_hidden) INTO v_sample FROM (SELECT * FROM old_rows LIMIT 20) r;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT count(*) INTO v_rows FROM new_rows;
    EXECUTE format('SELECT jsonb_agg(jd_audit_diff(to_jsonb(o), to_jsonb(n), $1, $2)) '
                   'FROM (SELECT * FROM new_rows LIMIT 20) n JOIN old_rows o USING (%s)',
                   (SELECT string_agg(quote_ident(k), ', ') FROM unnest(v_keys) k))
      INTO v_sample USING v_keys, v_hidden;
  ELSE
    v_rows := NULL;  -- TRUNCATE: the count is not known
  END IF;
  IF v_rows = 0 THEN RETURN NULL; END IF;
  IF v_rows = 1 THEN
    v_first := coalesce(v_sample -> 0 -> 'key', v_sample -> 0);
    v_id := (SELECT string_agg(v_first ->> k, ':') FROM unnest(v_keys) k);
  END IF;
  INSERT INTO audit_event (occurred_at, actor, entity_type, entity_id, action, operation, details)
  VALUES (now(), session_user, TG_TABLE_NAME, v_id, lower(TG_OP), TG_OP,
          jsonb_build_object('rows', v_rows, 'sample', coalesce(v_sample, '[]'))::json);
  RETURN NULL;
END $$;

CREATE FUNCTION jd_note(p_entity_type text, p_entity_id text, p_action text, p_from text,
                        p_to text, p_comment text, p_details json DEFAULT NULL)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_scope integer := jd_audit_scope(p_entity_type, p_entity_id);
  v_read boolean := p_action = ANY({_sql_list(READ_ACTIONS)}) AND p_from IS NULL AND p_to IS NULL;
  v_table regclass := to_regclass(format('public.%I', p_entity_type));
  v_exists boolean;
BEGIN
  IF NOT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false) THEN
    IF v_read THEN
      -- a print, download or export: of a record the login reads (its table, its row)
      IF v_table IS NOT NULL THEN
        IF NOT has_any_column_privilege(session_user, v_table, 'SELECT') THEN
          RAISE EXCEPTION '不能为无权查看的记录 %/% 记录审计事件', p_entity_type, p_entity_id
            USING ERRCODE = '42501';
        END IF;
        IF p_entity_type = ANY({_sql_list(STRICT_TYPES)}) THEN
          EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s WHERE id::text = $1)', v_table)
            INTO v_exists USING p_entity_id;
          IF NOT v_exists OR (pg_has_role(session_user, 'jd_subdistrict', 'MEMBER')
                              AND v_scope IS DISTINCT FROM jd_my_subdistrict()) THEN
            RAISE EXCEPTION '不能为其他街镇的记录 %/% 记录审计事件', p_entity_type, p_entity_id
              USING ERRCODE = '42501';
          END IF;
        END IF;
      END IF;
    ELSIF NOT EXISTS (
        SELECT 1 FROM audit_event e
         WHERE e.txid = txid_current() AND e.actor = session_user AND e.operation IS NOT NULL
           AND CASE WHEN p_entity_type = ANY({_sql_list(STRICT_TYPES)}) THEN
                 -- the record itself, or a child row of it (its sports, coaches, attachments)
                 (e.entity_type = p_entity_type AND e.entity_id = p_entity_id)
                 OR EXISTS (SELECT 1 FROM (VALUES {CHILDREN_SQL}) c(parent, child, fk)
                             WHERE c.parent = p_entity_type AND c.child = e.entity_type
                               AND p_entity_id IN (e.details::jsonb -> 'new' ->> c.fk,
                                                   e.details::jsonb -> 'old' ->> c.fk))
               ELSE
                 -- a row of the record's own tables (rule tables are noted by date or code)
                 e.entity_type = ANY(coalesce(
                   (SELECT r.tables FROM (VALUES {RELATED_SQL}) r(type, tables)
                     WHERE r.type = p_entity_type), ARRAY[p_entity_type]))
               END) THEN
      RAISE EXCEPTION '只能为本事务中本人修改过的记录记录审计说明（%/%）', p_entity_type,
        p_entity_id USING ERRCODE = '42501';
    END IF;
  END IF;
  INSERT INTO audit_event (occurred_at, actor, entity_type, entity_id, action, from_state,
                           to_state, comment, details, subdistrict_id)
  VALUES (now(), session_user, p_entity_type, p_entity_id, p_action, p_from, p_to, p_comment,
          p_details, v_scope);
END $$;

CREATE FUNCTION jd_audit_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE v_seq bigint; v_prev text; v_row audit_event;
BEGIN
  -- the head's row lock (held to the commit) serialises the links; only this function's owner
  -- can take it (an advisory lock anyone may take, and so stall every commit)
  SELECT seq, hash INTO v_seq, v_prev FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  v_seq := coalesce(v_seq, 0) + 1;
  v_prev := coalesce(v_prev, '{GENESIS}');
  SELECT * INTO v_row FROM audit_event WHERE id = NEW.id;
  UPDATE audit_event SET seq = v_seq, prev_hash = v_prev,
                         hash = jd_audit_hash(v_prev, v_seq, v_row)
   WHERE id = NEW.id;
  UPDATE audit_chain_head SET seq = v_seq, hash = jd_audit_hash(v_prev, v_seq, v_row)
   WHERE id = 1;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION jd_audit_event_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.actor := session_user;
    NEW.occurred_at := now();
    NEW.txid := txid_current();
    NEW.seq := NULL; NEW.prev_hash := NULL; NEW.hash := NULL;  -- linked at commit
    RETURN NEW;
  END IF;
  -- the chain's own fill-in (from jd_audit_chain, a trigger itself), nothing else
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
     AND to_jsonb(NEW) - ARRAY['seq', 'prev_hash', 'hash']
         = to_jsonb(OLD) - ARRAY['seq', 'prev_hash', 'hash'] THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '审计日志只能追加，不能修改或删除' USING ERRCODE = '42501';
END $$;
"""

OLD_GUARD = r"""
CREATE OR REPLACE FUNCTION jd_audit_event_guard() RETURNS trigger
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
    "jd_audit_hash(text, bigint, audit_event)",
    "jd_audit_scope(text, text)",
    "jd_audit_row_scope(text, jsonb)",
    "jd_audit_diff(jsonb, jsonb, text[], text[])",
    "jd_audit_row()",
    "jd_audit_statement()",
    "jd_note(text, text, text, text, text, text, json)",
    "jd_audit_chain()",
)

POLICIES = """
ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_event FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_event_owner ON audit_event FOR ALL TO CURRENT_USER
  USING (true) WITH CHECK (true);
CREATE POLICY audit_event_read_all ON audit_event FOR SELECT
  TO jd_admin, jd_bureau_staff, jd_bureau_approver USING (true);
CREATE POLICY audit_event_read_own_records ON audit_event FOR SELECT TO jd_subdistrict
  USING (subdistrict_id = (SELECT jd_my_subdistrict()));
CREATE POLICY audit_event_read_own_actions ON audit_event FOR SELECT TO jd_staff
  USING (actor = session_user);
"""
POLICY_NAMES = ("audit_event_read_own_actions", "audit_event_read_own_records",
                "audit_event_read_all", "audit_event_owner")


def _triggers_up() -> list[str]:
    out = []
    for table, (keys, hidden) in ROW_TABLES.items():
        out.append(f"CREATE TRIGGER {table}_audit AFTER INSERT OR UPDATE OR DELETE ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION jd_audit_row('{keys}', '{hidden}')")
    for table, (keys, hidden) in STATEMENT_TABLES.items():
        args = f"'{keys}', '{hidden}'"
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
    for table, (keys, _hidden) in {**ROW_TABLES, **STATEMENT_TABLES}.items():
        out.append(f"CREATE TRIGGER {table}_audit_truncate AFTER TRUNCATE ON {table} "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION jd_audit_statement('{keys}', '')")
    return out


def _triggers_down() -> list[str]:
    out = []
    for table in {**ROW_TABLES, **STATEMENT_TABLES}:
        out.append(f"DROP TRIGGER {table}_audit_truncate ON {table}")
    for table in STATEMENT_TABLES:
        out += [f"DROP TRIGGER {table}_audit_{op_} ON {table}"
                for op_ in ("delete", "update", "insert")]
    for table in ROW_TABLES:
        out.append(f"DROP TRIGGER {table}_audit ON {table}")
    return out


def _chain_existing_rows_sqlite() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT id, occurred_at, actor, entity_type, entity_id, action, operation, from_state, "
        "to_state, comment, CAST(details AS TEXT) AS details, subdistrict_id, txid "
        "FROM audit_event ORDER BY id")).mappings().all()
    prev = GENESIS
    for seq, row in enumerate(rows, start=1):
        fields = dict(row)
        fields["seq"] = seq
        fields["occurred_at"] = _sqlite_time(row["occurred_at"])
        digest = link_hash(prev, fields)
        bind.execute(sa.text("UPDATE audit_event SET seq = :s, prev_hash = :p, hash = :h "
                             "WHERE id = :i"), {"s": seq, "p": prev, "h": digest, "i": row["id"]})
        prev = digest


def _sqlite_time(value: object) -> object:
    import datetime as dt

    if isinstance(value, str):
        return dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)
    return value


def upgrade() -> None:
    op.create_table(
        'audit_chain_head',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('seq', sa.BigInteger(), nullable=False),
        sa.Column('hash', sa.String(length=64), nullable=False),
        sa.CheckConstraint('id = 1', name=op.f('ck_audit_chain_head_one_row')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_chain_head')),
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('operation', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('subdistrict_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('txid', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('seq', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_audit_event_seq'), ['seq'])
        batch_op.create_index('ix_audit_event_entity', ['entity_type', 'entity_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_txid'), ['txid'], unique=False)
    if op.get_bind().dialect.name != "postgresql":
        _chain_existing_rows_sqlite()
        return
    op.execute(FUNCTIONS)
    for sig in FUNCTION_SIGNATURES:
        op.execute(f"REVOKE ALL ON FUNCTION {sig} FROM PUBLIC")
    op.execute("GRANT EXECUTE ON FUNCTION jd_note(text, text, text, text, text, text, json) "
               "TO jd_staff")
    # the rows so far, oldest first, become the start of the chain
    op.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only")
    op.execute(f"""
DO $$
DECLARE r audit_event; v_prev text := '{GENESIS}'; v_seq bigint := 0; v_hash text;
BEGIN
  FOR r IN SELECT * FROM audit_event ORDER BY id LOOP
    v_seq := v_seq + 1;
    v_hash := jd_audit_hash(v_prev, v_seq, r);
    UPDATE audit_event SET seq = v_seq, prev_hash = v_prev, hash = v_hash WHERE id = r.id;
    v_prev := v_hash;
  END LOOP;
  INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, v_seq, v_prev);
END $$""")
    op.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only")
    op.execute("CREATE CONSTRAINT TRIGGER audit_event_chain AFTER INSERT ON audit_event "
               "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION jd_audit_chain()")
    op.execute("REVOKE INSERT ON audit_event FROM jd_staff")
    op.execute("REVOKE USAGE ON SEQUENCE audit_event_id_seq FROM jd_staff")
    op.execute(POLICIES)
    for statement in _triggers_up():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _triggers_down():
            op.execute(statement)
        for name in POLICY_NAMES:
            op.execute(f"DROP POLICY {name} ON audit_event")
        op.execute("ALTER TABLE audit_event NO FORCE ROW LEVEL SECURITY")
        op.execute("ALTER TABLE audit_event DISABLE ROW LEVEL SECURITY")
        op.execute("GRANT INSERT ON audit_event TO jd_staff")
        op.execute("GRANT USAGE ON SEQUENCE audit_event_id_seq TO jd_staff")
        op.execute("DROP TRIGGER audit_event_chain ON audit_event")
        op.execute(OLD_GUARD)
        for sig in reversed(FUNCTION_SIGNATURES):
            op.execute(f"DROP FUNCTION {sig}")
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_txid'))
        batch_op.drop_index('ix_audit_event_entity')
        batch_op.drop_constraint(batch_op.f('uq_audit_event_seq'), type_='unique')
        batch_op.drop_column('hash')
        batch_op.drop_column('prev_hash')
        batch_op.drop_column('seq')
        batch_op.drop_column('txid')
        batch_op.drop_column('subdistrict_id')
        batch_op.drop_column('operation')
    op.drop_table('audit_chain_head')

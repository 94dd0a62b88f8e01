"""Backup and restore (``jd-admin backup --out FILE`` / ``jd-admin restore FILE``).

A backup is two files side by side: ``FILE``, the data in the format the standard tools open
(a SQLite database file; a ``pg_dump`` custom-format archive that ``pg_restore -l`` lists), and
``FILE.manifest.json``, what the data is (:class:`Manifest`: program version, schema revision,
dialect, time, the data's sha256 and size, every table's row count, the audit chain's head).
Two files rather than one archive: the data stays openable by ``sqlite3`` and ``pg_restore``
without this program (an emergency restore, a DBA's own checks), and no second copy of a
multi-gigabyte dump is packed or unpacked; a scheduled job's retention deletes both with one
pattern (``FILE*``). A restore refuses data without its manifest.

SQLite: the online backup API (``sqlite3.Connection.backup``: a consistent copy while the file
is in use), ``PRAGMA integrity_check`` on the copy, the counts read from the copy. Restore:
checksum, integrity, revision and counts checked on a copy next to the database file; the
current file is kept as ``NAME.<time>.bak``; the copy replaces it in one rename.

PostgreSQL: ``pg_dump -Fc`` in the snapshot the counts are read in (``pg_export_snapshot``),
so the manifest's counts are exactly the dump's. The backup must be taken by the schema's owner
(the role that runs ``db upgrade``) or a superuser: row-level security would silently leave
other roles' rows out. Restore: ``pg_restore --no-owner --no-privileges --single-transaction``
without the dump's row-security policies; grants and policies name cluster roles, which a dump
does not carry, so they are rebuilt from the permission matrix by ``db upgrade`` (run by the
restore when the dump is at the program's revision), and the restoring role owns the schema.
The program's group roles (``jd_staff``, ``jd_<role>``) are created when missing; the persons'
login roles are not (the DBA carries them with ``pg_dumpall --roles-only``): the result lists
the active users without one.

Both: a dump of a schema revision this program does not know (a newer program's) is refused; a
database that is not empty is replaced only with ``force``. The backup is recorded in the
audit trail of the database backed up (an export of the database, after the copy: the copy does
not hold its own record); the restore adds a note to the restored trail, which is otherwise the
trail as it was when the backup was taken (what happened since is in no copy but a later one).
"""

from __future__ import annotations

import datetime as dt
import getpass
import glob
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import Connection, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError

from jd_admin import __version__, db
from jd_admin.config import DatabaseTarget
from jd_admin.domain.errors import UserError
from jd_admin.domain.roles import Role
from jd_admin.domain.text import Text, _
from jd_admin.models import AuditEvent
from jd_admin.models.base import utcnow
from jd_admin.services.actor import Actor
from jd_admin.services.audit import trail

FORMAT = "jd_admin-backup"
FORMAT_VERSION = 1
MANIFEST_SUFFIX = ".manifest.json"
#: Where the PostgreSQL client programs are, when not found by themselves.
ENV_PG_BINDIR = "JD_ADMIN_PG_BINDIR"
#: The schema kept aside while ``restore --force`` replaces a PostgreSQL database.
ASIDE_SCHEMA = "jd_before_restore"
#: The audit trail's entity for the database as a whole.
ENTITY = "database"
RESTORE_ACTION = _("恢复")


class BackupRefused(UserError):
    """A backup or restore that cannot or may not be done; nothing was changed."""


@dataclass(frozen=True)
class Manifest:
    """What a backup holds (``FILE.manifest.json``)."""

    program_version: str
    schema_revision: str | None
    dialect: str  # "sqlite" | "postgresql"
    created_at: str  # ISO 8601, UTC
    database: str  # the source, for people (no password)
    data_file: str  # the data file's name (next to the manifest)
    size: int
    sha256: str
    tables: dict[str, int]
    audit_head: dict[str, object] | None = None  # {"seq": n, "hash": "…"} or None
    tool: str | None = None  # pg_dump --version; sqlite3 library version
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    @classmethod
    def read(cls, path: Path) -> Manifest:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("format") != FORMAT:
                raise ValueError("format")
            if int(raw.get("format_version", 0)) > FORMAT_VERSION:
                raise BackupRefused(_("备份说明文件 {file} 的格式比本程序新：请安装更新的程序版本",
                                      file=path))
            fields = {k: raw[k] for k in cls.__dataclass_fields__ if k in raw}
            manifest = cls(**fields)
            if not isinstance(manifest.tables, dict) or not manifest.sha256:
                raise ValueError("tables")
            return manifest
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise BackupRefused(_("无法读取备份说明文件 {file}：{reason}", file=path,
                                  reason=getattr(exc, "strerror", None) or exc)) from None


def manifest_path(data: Path) -> Path:
    return data.with_name(data.name + MANIFEST_SUFFIX)


@dataclass(frozen=True)
class BackupResult:
    data: Path
    manifest_file: Path
    manifest: Manifest
    recorded: bool  # the backup is in the source's audit trail


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    database: str
    previous_copy: Path | None = None  # SQLite: the replaced file, kept
    counts_checked: bool = True
    upgraded: bool = False  # PostgreSQL: the permission matrix rebuilt (db upgrade)
    needs_upgrade: bool = False  # the dump is older than the program: run db upgrade
    missing_logins: list[str] = field(default_factory=list)  # PostgreSQL: users without a role
    recorded: bool = False  # the restore is noted in the restored trail


# --- shared -------------------------------------------------------------------------------

def _now_text() -> str:
    return utcnow().isoformat(timespec="seconds")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(db.alembic_config())
    return {r.revision for r in script.walk_revisions()}


def _check_outputs(out: Path) -> None:
    for path in (out, manifest_path(out)):
        if path.exists():
            raise BackupRefused(_("文件 {file} 已存在：备份不覆盖已有文件，请换一个文件名",
                                  file=path))
    if not out.parent.is_dir():
        raise BackupRefused(_("文件夹 {dir} 不存在", dir=out.parent))
    if not os.access(out.parent, os.W_OK):
        raise BackupRefused(_("无法写入文件夹 {dir}：{reason}", dir=out.parent,
                              reason=os.strerror(13)))


def _private_partial(out: Path) -> Path:
    partial = out.with_name(f".{out.name}.part")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return partial


def _publish(partial: Path, out: Path, manifest: Manifest) -> Path:
    """Move the finished data into place and write its manifest beside it."""
    mpath = manifest_path(out)
    mpartial = _private_partial(mpath)
    try:
        mpartial.write_text(manifest.to_json(), encoding="utf-8")
        os.replace(partial, out)
        os.replace(mpartial, mpath)
    except OSError as exc:
        out.unlink(missing_ok=True)
        raise BackupRefused(_("无法写入文件 {file}：{reason}", file=out,
                              reason=exc.strerror or exc)) from exc
    finally:
        mpartial.unlink(missing_ok=True)
    return mpath


def _record_backup(database: db.Database, actor: Actor, entity_id: str, out: Path,
                   manifest: Manifest) -> None:
    with database.session() as s, s.begin():
        trail.record(s, actor, ENTITY, entity_id[:40], "export",
                     comment=str(_("数据库备份：{file}", file=out.name)),
                     details={"backup": out.name, "sha256": manifest.sha256,
                              "size": manifest.size, "created_at": manifest.created_at,
                              "schema_revision": manifest.schema_revision})


def read_verified(file: Path) -> Manifest:
    """The manifest of ``file``, after checking the data against it (size and sha256) and its
    schema revision against the program's."""
    if not file.is_file():
        raise BackupRefused(_("备份文件 {file} 不存在", file=file))
    mpath = manifest_path(file)
    if not mpath.is_file():
        raise BackupRefused(_("缺少备份说明文件 {manifest}：没有它无法核对备份，不能恢复",
                              manifest=mpath))
    manifest = Manifest.read(mpath)
    if file.stat().st_size != manifest.size or sha256_of(file) != manifest.sha256:
        raise BackupRefused(_("备份文件 {file} 与其说明文件的校验值不符：文件已损坏或被改动，"
                              "不能恢复；请使用另一份备份", file=file))
    revision = manifest.schema_revision
    if revision is not None and revision not in known_revisions():
        raise BackupRefused(_("备份的数据库版本 {revision} 比本程序（{version}，数据库版本 "
                              "{head}）新：请安装制作该备份的程序版本（{program}）或更新的版本后"
                              "再恢复", revision=revision, version=__version__,
                              head=db.head_revision(), program=manifest.program_version))
    return manifest


def _compare_counts(expected: dict[str, int], actual: dict[str, int]) -> None:
    if expected != actual:
        diffs = [f"{t}: {expected.get(t, '-')} → {actual.get(t, '-')}"
                 for t in sorted(set(expected) | set(actual)) if expected.get(t) != actual.get(t)]
        raise BackupRefused(_("恢复后的行数与备份说明不符（{diffs}）", diffs="; ".join(diffs[:5])))


def _restore_note(manifest: Manifest, file: Path) -> tuple[str, dict[str, object]]:
    """The restore's note in the restored trail: its comment and details."""
    return str(_("从 {created} 的备份恢复", created=manifest.created_at)), {
        "backup": file.name, "sha256": manifest.sha256, "created_at": manifest.created_at,
        "program_version": manifest.program_version,
        "schema_revision": manifest.schema_revision, "source": manifest.database}


# --- entry points -------------------------------------------------------------------------

def backup(database: db.Database, out: Path, actor: Actor | None) -> BackupResult:
    """Back ``database`` up to ``out`` (+ its manifest); ``actor`` (None: the database is not
    at the program's revision, nothing is recorded) is recorded as having exported it."""
    _check_outputs(out)
    if database.target.is_sqlite:
        return _backup_sqlite(database, out, actor)
    return _backup_postgres(database, out, actor)


def restore(target: DatabaseTarget, url: URL, file: Path, *, force: bool) -> RestoreResult:
    """Restore the backup ``file`` into ``target`` (connecting with ``url``: the DBA's on
    PostgreSQL). Refused, with nothing changed: a damaged file, a manifest of the other dialect,
    a newer schema, a database that is not empty (unless ``force``)."""
    manifest = read_verified(file)
    dialect = "sqlite" if target.is_sqlite else "postgresql"
    if manifest.dialect != dialect:
        raise BackupRefused(_("这是 {source} 数据库的备份，不能恢复到 {target} 数据库",
                              source=manifest.dialect, target=dialect))
    if target.is_sqlite:
        return _restore_sqlite(target, file, manifest, force=force)
    return _restore_postgres(target, url, file, manifest, force=force)


# --- SQLite -------------------------------------------------------------------------------

def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]


def _sqlite_facts(path: Path) -> tuple[str | None, dict[str, int], dict[str, object] | None]:
    """(revision, row counts, audit head) of a SQLite file, after its integrity check."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
            if problems != ["ok"]:
                raise BackupRefused(_("数据库文件 {file} 已损坏（integrity_check：{problem}）：请从"
                                      "上一次的备份恢复", file=path, problem=problems[0]))
            tables = _sqlite_tables(conn)
            counts = {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])
                      for t in tables}
            revision = (conn.execute("SELECT version_num FROM alembic_version").fetchone()
                        if "alembic_version" in tables else None)
            head = None
            if "audit_event" in tables:
                row = conn.execute("SELECT seq, hash FROM audit_event WHERE seq IS NOT NULL "
                                   "ORDER BY seq DESC LIMIT 1").fetchone()
                head = {"seq": row[0], "hash": row[1]} if row else None
    except sqlite3.DatabaseError as exc:
        raise BackupRefused(_("数据库文件 {file} 已损坏或不是数据库（{reason}）：请从上一次的备份"
                              "恢复", file=path, reason=exc)) from None
    return (revision[0] if revision else None), counts, head


def _backup_sqlite(database: db.Database, out: Path, actor: Actor | None) -> BackupResult:
    source = database.target.sqlite_path
    if source is None or not source.is_file() or source.stat().st_size == 0:
        raise BackupRefused(_("没有可备份的数据库文件：{database}",
                              database=database.target.display()))
    partial = _private_partial(out)
    try:
        try:
            with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src, \
                    closing(sqlite3.connect(partial)) as dst:
                src.execute("PRAGMA busy_timeout=15000")
                src.backup(dst)
        except sqlite3.DatabaseError as exc:
            raise BackupRefused(_("无法备份数据库文件 {file}：{reason}", file=source,
                                  reason=exc)) from None
        revision, counts, head = _sqlite_facts(partial)
        manifest = Manifest(
            program_version=__version__, schema_revision=revision, dialect="sqlite",
            created_at=_now_text(), database=database.target.display(), data_file=out.name,
            size=partial.stat().st_size, sha256=sha256_of(partial), tables=counts,
            audit_head=head, tool=f"sqlite {sqlite3.sqlite_version}")
        mpath = _publish(partial, out, manifest)
    finally:
        partial.unlink(missing_ok=True)
    return _recorded(database, actor, source.name, out, mpath, manifest)


def _recorded(database: db.Database, actor: Actor | None, entity_id: str, out: Path,
              mpath: Path, manifest: Manifest) -> BackupResult:
    """Record the finished backup; a backup that cannot be recorded is removed (an export of
    every citizen's data that the trail does not show must not exist)."""
    if actor is None:
        return BackupResult(out, mpath, manifest, recorded=False)
    try:
        _record_backup(database, actor, entity_id, out, manifest)
    except BaseException:
        out.unlink(missing_ok=True)
        mpath.unlink(missing_ok=True)
        raise
    return BackupResult(out, mpath, manifest, recorded=True)


def _sqlite_in_use(path: Path) -> bool:
    try:
        with closing(sqlite3.connect(path, timeout=0.5)) as conn:
            conn.execute("BEGIN EXCLUSIVE")
            conn.rollback()
    except sqlite3.OperationalError as exc:  # locked, busy; or unreadable: not ours to judge
        return "locked" in str(exc) or "busy" in str(exc)
    except sqlite3.DatabaseError:  # damaged: nobody can be using it
        return False
    return False


def _restore_sqlite(target: DatabaseTarget, file: Path, manifest: Manifest, *,
                    force: bool) -> RestoreResult:
    dest = target.sqlite_path
    if dest is None:
        raise BackupRefused(_("只能恢复到数据库文件，不能恢复到内存数据库"))
    if dest.exists() and dest.stat().st_size > 0:
        try:
            with closing(sqlite3.connect(f"file:{dest}?mode=ro", uri=True)) as conn:
                tables = _sqlite_tables(conn)
        except sqlite3.DatabaseError:
            tables = ["?"]  # damaged: certainly not empty
        if tables and not force:
            raise BackupRefused(_("数据库 {database} 不是空的（{count} 个表）：恢复会替换其中的全部"
                                  "数据。确需替换请加 --force（原文件会保留为 .bak 副本）",
                                  database=target.display(), count=len(tables)))
        if _sqlite_in_use(dest) or db.desktop_holding(dest) is not None:
            raise BackupRefused(_("数据库文件 {file} 正被其他程序使用：请先关闭使用它的程序",
                                  file=dest))
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = _private_partial(dest.with_name(dest.name + ".restore"))
    try:
        shutil.copyfile(file, partial)
        revision, counts, _head = _sqlite_facts(partial)
        if revision != manifest.schema_revision:
            raise BackupRefused(_("备份文件中的数据库版本 {found} 与说明文件的 {expected} 不符",
                                  found=revision or "-", expected=manifest.schema_revision))
        _compare_counts(manifest.tables, counts)
        recorded = False
        if revision == db.head_revision():
            comment, details = _restore_note(manifest, file)
            url = make_url(f"sqlite:///{partial}")
            note_db = db.Database(DatabaseTarget(url), db.make_engine(url))
            try:
                with note_db.session() as s, s.begin():
                    trail.append(s, AuditEvent(
                        occurred_at=utcnow(), actor=f"cli:{getpass.getuser()}",
                        entity_type=ENTITY, entity_id=dest.name[:40],
                        action=RESTORE_ACTION.source, comment=comment, details=details))
            finally:
                note_db.dispose()
            recorded = True
        previous = None
        if dest.exists() and dest.stat().st_size > 0:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            previous = dest.with_name(f"{dest.name}.{stamp}.bak")
            shutil.copy2(dest, previous)
        os.replace(partial, dest)
    except OSError as exc:
        raise BackupRefused(_("无法写入文件 {file}：{reason}", file=dest,
                              reason=exc.strerror or exc)) from exc
    finally:
        partial.unlink(missing_ok=True)
    return RestoreResult(manifest, target.display(), previous_copy=previous, recorded=recorded,
                         needs_upgrade=manifest.schema_revision != db.head_revision())


# --- PostgreSQL ---------------------------------------------------------------------------

def _version_key(path: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", path)) or (0,)


def pg_tool(name: str) -> Path:
    """A PostgreSQL client program: in ``$JD_ADMIN_PG_BINDIR``, ``pg_config --bindir``, the
    newest ``/usr/lib/postgresql/*/bin`` or ``C:\\Program Files\\PostgreSQL\\*\\bin``, or on the
    PATH. (pg_dump must be at least the server's version; the newest installed is taken.)"""
    exe = name + (".exe" if os.name == "nt" else "")
    candidates: list[Path] = []
    if os.environ.get(ENV_PG_BINDIR):
        candidates.append(Path(os.environ[ENV_PG_BINDIR]))
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True,
                                 check=True, timeout=30)
            candidates.append(Path(out.stdout.strip()))
        except (OSError, subprocess.SubprocessError):
            pass
    for pattern in ("/usr/lib/postgresql/*/bin", "C:/Program Files/PostgreSQL/*/bin"):
        candidates += [Path(p) for p in sorted(glob.glob(pattern), key=_version_key,
                                               reverse=True)]
    for directory in candidates:
        if (directory / exe).is_file():
            return directory / exe
    found = shutil.which(name)
    if found:
        return Path(found)
    raise BackupRefused(_("找不到 PostgreSQL 的 {program}：请安装 PostgreSQL 客户端程序（版本不低于"
                          "服务器），或用环境变量 {variable} 指明其所在文件夹", program=name,
                          variable=ENV_PG_BINDIR))


def libpq_connection(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq connection string for ``url`` and the environment with its password (a
    password never goes on a command line, where other users of the machine can read it)."""
    params: dict[str, str] = {}
    query = {k: (v[-1] if isinstance(v, tuple) else v) for k, v in url.query.items()}
    host = url.host or query.pop("host", None)
    port = url.port or query.pop("port", None)
    for key, value in (("host", host), ("port", port), ("user", url.username),
                       ("dbname", url.database)):
        if value:
            params[key] = str(value)
    params.update({k: str(v) for k, v in query.items()})
    conninfo = " ".join("{}='{}'".format(k, v.replace("\\", "\\\\").replace("'", "\\'"))
                        for k, v in params.items())
    env = dict(os.environ)
    env.setdefault("PGAPPNAME", "jd_admin")
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return conninfo, env


def _run_tool(args: list[str], env: dict[str, str], what: Text) -> str:
    try:
        done = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    except OSError as exc:
        raise BackupRefused(_("无法运行 {program}：{reason}", program=args[0],
                              reason=exc.strerror or exc)) from None
    if done.returncode != 0:
        lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
        raise BackupRefused(_("{what}失败：{error}", what=what,
                              error=" / ".join(lines[:3]) or done.returncode))
    return done.stdout


def _pg_tables(conn: Connection) -> list[str]:
    return list(conn.execute(text(
        "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
        "AND relkind IN ('r', 'p') ORDER BY relname")).scalars())


def _pg_counts(conn: Connection) -> dict[str, int]:
    return {t: int(conn.execute(text(f'SELECT count(*) FROM public."{t}"')).scalar_one())
            for t in _pg_tables(conn)}


def _pg_facts(conn: Connection) -> tuple[str | None, dict[str, int], dict[str, object] | None]:
    counts = _pg_counts(conn)
    revision = (conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
                if "alembic_version" in counts else None)
    head = None
    if "audit_event" in counts:
        row = conn.execute(text("SELECT seq, hash FROM audit_event WHERE seq IS NOT NULL "
                                "ORDER BY seq DESC LIMIT 1")).first()
        head = {"seq": int(row[0]), "hash": row[1]} if row else None
    return revision, counts, head


def _sees_every_row(conn: Connection) -> bool:
    """A superuser, or the owner of every table (the owner's policy shows it all rows)."""
    if conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar():
        return True
    return not conn.execute(text(
        "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace "
        "AND relkind IN ('r', 'p') AND relowner <> "
        "(SELECT oid FROM pg_roles WHERE rolname = current_user)")).scalar()


def _backup_postgres(database: db.Database, out: Path, actor: Actor | None) -> BackupResult:
    pg_dump = pg_tool("pg_dump")
    url = database.engine.url
    conninfo, env = libpq_connection(url)
    tool = _run_tool([str(pg_dump), "--version"], env, _("运行 pg_dump")).strip()
    partial = _private_partial(out)
    try:
        engine = database.engine.execution_options(isolation_level="REPEATABLE READ")
        with engine.connect() as conn, conn.begin():
            conn.execute(text("SET TRANSACTION READ ONLY"))
            if not _sees_every_row(conn):
                raise BackupRefused(_("备份须由数据库的所有者（运行 db upgrade 的角色）或超级用户"
                                      "进行：其他角色受行级安全限制，备份会不完整"))
            snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            revision, counts, head = _pg_facts(conn)
            # the dump reads the same snapshot while this transaction holds it open
            _run_tool([str(pg_dump), "--format=custom", "--enable-row-security",
                       f"--snapshot={snapshot}", "--file", str(partial), "--dbname", conninfo],
                      env, _("pg_dump 备份"))
        manifest = Manifest(
            program_version=__version__, schema_revision=revision, dialect="postgresql",
            created_at=_now_text(), database=database.target.display(), data_file=out.name,
            size=partial.stat().st_size, sha256=sha256_of(partial), tables=counts,
            audit_head=head, tool=tool)
        mpath = _publish(partial, out, manifest)
    finally:
        partial.unlink(missing_ok=True)
    return _recorded(database, actor, url.database or "", out, mpath, manifest)


def _group_roles() -> list[str]:
    return ["jd_staff", "jd_first_login", *(f"jd_{r.value}" for r in Role)]


def _ensure_group_roles(conn: Connection) -> None:
    """The program's group roles (cluster-wide, NOLOGIN; as migration 0002 creates them)."""
    for role in _group_roles():
        conn.execute(text(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') "
            f"THEN CREATE ROLE {role} NOLOGIN; END IF; END $$"))
    for role in (f"jd_{r.value}" for r in Role):
        if not conn.execute(text(
                "SELECT pg_has_role(:r, 'jd_staff', 'MEMBER')"), {"r": role}).scalar():
            conn.execute(text(f"GRANT jd_staff TO {role}"))


def _schema_objects(conn: Connection) -> int:
    return int(conn.execute(text(
        "SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace "
        "AND relkind IN ('r', 'p', 'v', 'm', 'S', 'f')) + (SELECT count(*) FROM pg_proc "
        "WHERE pronamespace = 'public'::regnamespace)")).scalar_one())


@contextmanager
def _schema_aside(database: db.Database, force: bool) -> Iterator[None]:
    """With ``force``, the current ``public`` schema renamed aside for the restore: dropped
    when it succeeds, put back when it fails (the database is then as it was)."""
    with database.engine.begin() as conn:
        objects = _schema_objects(conn)
        if objects and not force:
            raise BackupRefused(_("数据库 {database} 不是空的（{count} 个对象）：恢复会替换其中的"
                                  "全部数据。确需替换请加 --force（原有数据将被删除）",
                                  database=database.target.display(), count=objects))
        others = conn.execute(text(
            "SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend'")).scalars().all()
        if others:
            raise BackupRefused(_("还有其他连接在使用数据库 {database}（{users}）：请先让大家退出",
                                  database=database.target.display(),
                                  users=", ".join(str(u) for u in others)))
        if not objects:
            aside = False
        else:
            if conn.execute(text("SELECT 1 FROM pg_namespace WHERE nspname = :n"),
                            {"n": ASIDE_SCHEMA}).first():
                raise BackupRefused(_("数据库中已有上一次未完成的恢复留下的模式 {schema}："
                                      "请 DBA 检查后删除", schema=ASIDE_SCHEMA))
            conn.execute(text(f"ALTER SCHEMA public RENAME TO {ASIDE_SCHEMA}"))
            conn.execute(text("CREATE SCHEMA public"))
            aside = True
    try:
        yield
    except BaseException:
        if aside:
            with database.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text(f"ALTER SCHEMA {ASIDE_SCHEMA} RENAME TO public"))
        raise
    if aside:
        with database.engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {ASIDE_SCHEMA} CASCADE"))


def _restore_postgres(target: DatabaseTarget, url: URL, file: Path, manifest: Manifest, *,
                      force: bool) -> RestoreResult:
    pg_restore = pg_tool("pg_restore")
    conninfo, env = libpq_connection(url)
    listing = _run_tool([str(pg_restore), "--list", str(file)], env, _("读取备份目录"))
    # row-security policies name cluster roles (the old owner among them): the matrix
    # rebuilds them, with the grants, for the roles of this server
    kept = [line for line in listing.splitlines()
            if not re.match(r"^\d+; \d+ \d+ POLICY ", line)]
    database = db.Database(target, db.make_engine(url))
    try:
        with tempfile.TemporaryDirectory(prefix="jd_restore_") as tmp:
            list_file = Path(tmp) / "restore.list"
            list_file.write_text("\n".join(kept) + "\n", encoding="utf-8")
            with _schema_aside(database, force):
                _run_tool([str(pg_restore), "--no-owner", "--no-privileges", "--exit-on-error",
                           "--single-transaction", "--use-list", str(list_file),
                           "--dbname", conninfo, str(file)], env, _("pg_restore 恢复"))
        at_head = manifest.schema_revision == db.head_revision()
        with database.engine.begin() as conn:
            _ensure_group_roles(conn)
        if at_head:
            db.upgrade(database.engine)  # nothing to migrate: the permission matrix rebuilt
        database.engine.dispose()
        counts_checked = True
        try:
            with database.engine.begin() as conn:
                conn.execute(text("SET LOCAL row_security = off"))
                _compare_counts(manifest.tables, _pg_counts(conn))
        except DBAPIError:  # below the head revision no policy lets a non-superuser owner read
            counts_checked = False
        recorded = False
        if at_head:
            comment, details = _restore_note(manifest, file)
            with database.session() as s, s.begin():
                # the restoring role owns the tables; the guard sets actor, time and txid
                s.add(AuditEvent(occurred_at=utcnow(), actor="-", entity_type=ENTITY,
                                 entity_id=(url.database or "")[:40],
                                 action=RESTORE_ACTION.source, comment=comment,
                                 details=details))
            recorded = True
        with database.engine.connect() as conn:
            missing = list(conn.execute(text(
                "SELECT username FROM app_user WHERE is_active AND NOT EXISTS "
                "(SELECT 1 FROM pg_roles WHERE rolname = username) ORDER BY username"
            )).scalars()) if counts_checked else []
    finally:
        database.dispose()
    return RestoreResult(manifest, target.display(), counts_checked=counts_checked,
                         upgraded=at_head, needs_upgrade=not at_head,
                         missing_logins=missing, recorded=recorded)

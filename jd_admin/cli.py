"""``jd-admin``: the headless commands, for scheduled jobs, scripts and the tests.

Each command takes ``--database-url``, prints a human summary, exits non-zero with a one-line
reason on failure, and never leaves a half-done change behind (one transaction per command).

Who acts: on PostgreSQL the login role in the URL (the server checks it); a login role that is
not a jd_admin user (the DBA) acts as the system administrator. On SQLite whoever can write the
file acts as the system administrator, recorded as ``cli:<OS user>``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import logging
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from jd_admin import __version__, db, i18n
from jd_admin.config import DatabaseTarget, PseudonymKeyMissing, resolve_database
from jd_admin.domain.errors import AuthenticationFailed, DatabaseUnavailable, UserError
from jd_admin.domain.inspections import (
    Area,
    InspectionResult,
    InspectionState,
    ItemKind,
    OrderState,
    TemplateState,
)
from jd_admin.domain.permissions import Action
from jd_admin.domain.recruitment import APPLICATION_WORKFLOW
from jd_admin.domain.settlement import month_label, month_start
from jd_admin.domain.text import Text, _, join
from jd_admin.domain.versions import VersionState
from jd_admin.domain.vouchers import BatchState
from jd_admin.domain.warnings import PARAMETERS, Signal, WarningState
from jd_admin.models import Role
from jd_admin.reports.application_form import write_template
from jd_admin.services import backup as backups
from jd_admin.services import clock, inspections, settlement, statistics, warnings
from jd_admin.services.accounts import auth, passwords, users
from jd_admin.services.actor import Actor, actor_for_username, require, system_actor
from jd_admin.services.agreements import lifecycle as agreements
from jd_admin.services.audit import chain as audit_chain
from jd_admin.services.audit import export as audit_export
from jd_admin.services.demo import district as demo
from jd_admin.services.demo import vouchers as demo_vouchers
from jd_admin.services.inspections import offline
from jd_admin.services.inspections import outputs as inspection_outputs
from jd_admin.services.recruitment import applications as recruitment
from jd_admin.services.recruitment.application_form import read_application_form
from jd_admin.services.register import export as register_export
from jd_admin.services.settlement import outputs as settlement_outputs
from jd_admin.services.statistics import evaluation, whatif
from jd_admin.services.vouchers import checks as voucher_checks
from jd_admin.services.vouchers import flags as vouchers
from jd_admin.services.vouchers import importer as voucher_import
from jd_admin.services.vouchers import rules as voucher_rules
from jd_admin.services.warnings import outputs as warning_outputs
from jd_admin.services.warnings import queries as warning_queries

log = logging.getLogger("jd_admin.cli")


class CliError(Exception):
    """A failure reported as one line; the exit code is ``code``."""

    def __init__(self, message: Text | str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def _open(args: argparse.Namespace) -> tuple[DatabaseTarget, db.Database]:
    try:
        target = resolve_database(getattr(args, "database_url", None))
    except ValueError as exc:
        raise CliError(str(exc), 2) from None
    return target, db.Database(target, db.make_engine(target.url))


def _first_line(exc: OperationalError) -> str:
    lines = str(exc.orig if exc.orig is not None else exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _require_current(database: db.Database) -> None:
    try:
        current = db.current_revision(database.engine)
    except OperationalError as exc:
        raise DatabaseUnavailable(_("无法连接数据库：{error}", error=_first_line(exc))) from None
    if current != db.head_revision():
        raise CliError(_("数据库尚未升级到当前版本，请先运行：jd-admin db upgrade"), 3)


def cli_actor(session: Session, target: DatabaseTarget) -> Actor:
    """On PostgreSQL the login role of the URL; on SQLite the system actor ``cli:<OS user>``."""
    if target.is_postgres:
        return auth.login_role_actor(session)
    return system_actor(f"cli:{getpass.getuser()}")


def _in_transaction(args: argparse.Namespace, fn: Callable[[Session, Actor], int]) -> int:
    target, database = _open(args)
    try:
        _require_current(database)
        with database.session() as s, s.begin():
            return fn(s, cli_actor(s, target))
    finally:
        database.dispose()


def _read_password(args: argparse.Namespace) -> tuple[str, bool]:
    """(password, was generated)."""
    if getattr(args, "password_stdin", False):
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise CliError(_("标准输入中没有密码"), 2)
        return line, False
    return passwords.generate_password(), True


# --- commands -----------------------------------------------------------------------------

def cmd_db_upgrade(args: argparse.Namespace) -> int:
    target, database = _open(args)
    try:
        before = db.current_revision(database.engine)
        copy = db.upgrade(database.engine, args.revision)
        after = db.current_revision(database.engine)
    except OperationalError as exc:
        raise DatabaseUnavailable(_("无法连接数据库：{error}", error=_first_line(exc))) from None
    finally:
        database.dispose()
    print(f"{target.display()}")
    if before == after:
        print(_("数据库已是最新版本（{after}）", after=after))
    else:
        print(_("数据库已从 {before} 升级到 {after}", before=before or _("空库"), after=after))
    if copy:
        print(_("升级前的副本：{copy}", copy=copy))
    return 0


def cmd_db_downgrade(args: argparse.Namespace) -> int:
    target, database = _open(args)
    try:
        db.downgrade(database.engine, args.revision)
        print(_("{database}：已降级到 {revision}", database=target.display(),
                revision=db.current_revision(database.engine) or _("空库")))
    finally:
        database.dispose()
    return 0


def cmd_db_current(args: argparse.Namespace) -> int:
    target, database = _open(args)
    try:
        current = db.current_revision(database.engine)
    finally:
        database.dispose()
    head = db.head_revision()
    state = _("最新") if current == head else _("待升级到 {head}", head=head)
    print(_("{database}：版本 {revision}（{state}）", database=target.display(),
            revision=current or _("空库"), state=state))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    out = Path(args.out)
    target, database = _open(args)
    try:
        try:
            at_head = db.current_revision(database.engine) == db.head_revision()
        except OperationalError as exc:
            raise DatabaseUnavailable(_("无法连接数据库：{error}",
                                        error=_first_line(exc))) from None
        actor = None
        if at_head:  # the backup is recorded in the trail (a database below the head: not)
            with database.session() as s:
                actor = cli_actor(s, target)
        result = backups.backup(database, out, actor)
    finally:
        database.dispose()
    m = result.manifest
    print(_("已备份 {database}（数据库版本 {revision}，{tables} 个表，{rows} 行）",
            database=target.display(), revision=m.schema_revision or _("空库"),
            tables=len(m.tables), rows=sum(m.tables.values())))
    print(_("备份文件：{file}（{size} 字节，sha256 {sha}）", file=result.data, size=m.size,
            sha=m.sha256))
    print(_("说明文件：{file}", file=result.manifest_file))
    if not result.recorded:
        print(_("注意：数据库不是本程序的版本，本次备份未记入审计日志"), file=sys.stderr)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    try:
        target = resolve_database(getattr(args, "database_url", None))
    except ValueError as exc:
        raise CliError(str(exc), 2) from None
    try:
        result = backups.restore(target, target.url, Path(args.file), force=args.force)
    except OperationalError as exc:
        raise DatabaseUnavailable(_("无法连接数据库：{error}", error=_first_line(exc))) from None
    m = result.manifest
    print(_("已将 {created} 的备份（程序 {program}，数据库版本 {revision}）恢复到 {database}",
            created=m.created_at, program=m.program_version,
            revision=m.schema_revision or _("空库"), database=result.database))
    if result.counts_checked:
        print(_("各表行数与备份一致：{tables} 个表，{rows} 行", tables=len(m.tables),
                rows=sum(m.tables.values())))
    if result.previous_copy:
        print(_("原数据库文件已保留为：{copy}", copy=result.previous_copy))
    if result.upgraded:
        print(_("已按本程序的权限矩阵重建授权与行级安全策略"))
    if result.recorded:
        print(_("审计日志：恢复前的记录与备份时相同，本次恢复已记入其后"))
    if result.needs_upgrade:
        print(_("备份的数据库版本较旧：请运行 jd-admin db upgrade"), file=sys.stderr)
    if result.missing_logins:
        print(_("以下 {count} 个启用的用户在本服务器上没有登录角色，需由 DBA 从原服务器迁移"
                "（pg_dumpall --roles-only）或重建：{users}", count=len(result.missing_logins),
                users=join(result.missing_logins)), file=sys.stderr)
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    def run(s: Session, actor: Actor) -> int:
        report = demo.load_demo_district(s, actor, vouchers=args.vouchers)
        print(report.summary())
        print(report.voucher_summary())
        if report.new_logins:
            print()
            print(_("演示账户（密码只显示这一次，请妥善保存）："))
            for login in report.new_logins:
                where = f" {login.subdistrict}" if login.subdistrict else ""
                role = Role(login.role).label
                print(f"  {login.username:<12} {login.password:<16} {role}{where}")
        return 0

    return _in_transaction(args, run)


def cmd_user_add(args: argparse.Namespace) -> int:
    password, generated = _read_password(args)

    def run(s: Session, actor: Actor) -> int:
        users.create_user(s, actor, args.name, args.full_name or args.name, args.role,
                          password, args.subdistrict)
        if args.subdistrict:
            print(_("已创建用户 {name}（{role}，{subdistrict}）", name=args.name,
                    role=Role(args.role), subdistrict=args.subdistrict))
        else:
            print(_("已创建用户 {name}（{role}）", name=args.name, role=Role(args.role)))
        if generated:
            print(_("初始密码（只显示这一次，首次登录时必须修改）：{password}", password=password))
        return 0

    return _in_transaction(args, run)


def cmd_user_list(args: argparse.Namespace) -> int:
    def run(s: Session, actor: Actor) -> int:
        rows = users.list_users(s, actor)
        for u in rows:
            state = _("启用") if u.is_active else _("停用")
            print(f"{u.username:<14} {u.full_name:<10} {u.role_label:<10} "
                  f"{u.subdistrict_name or '':<8} {state}")
        print(_("共 {count} 个用户", count=len(rows)))
        return 0

    return _in_transaction(args, run)


def cmd_user_reset_password(args: argparse.Namespace) -> int:
    password, generated = _read_password(args)

    def run(s: Session, actor: Actor) -> int:
        users.reset_password(s, actor, args.name, password)
        print(_("已重置 {name} 的密码，并解除锁定", name=args.name))
        if generated:
            print(_("新的初始密码（只显示这一次，登录时必须修改）：{password}", password=password))
        return 0

    return _in_transaction(args, run)


def cmd_user_set_active(args: argparse.Namespace) -> int:
    active = args.command == "enable"

    def run(s: Session, actor: Actor) -> int:
        users.set_active(s, actor, args.name, active, args.reason)
        print((_("已启用用户 {name}") if active else _("已停用用户 {name}")).format(name=args.name))
        return 0

    return _in_transaction(args, run)


def cmd_user_unlock(args: argparse.Namespace) -> int:
    def run(s: Session, actor: Actor) -> int:
        users.unlock(s, actor, args.name)
        print(_("已解除 {name} 的锁定", name=args.name))
        return 0

    return _in_transaction(args, run)


def _acting(s: Session, actor: Actor, target: DatabaseTarget, as_user: str | None) -> Actor:
    """``--as-user``: on SQLite whoever holds the file may act as any user (e.g. a subdistrict
    clerk for an import); on PostgreSQL the login role in the URL is who acts."""
    if not as_user:
        return actor
    if target.is_postgres and as_user != actor.username:
        raise CliError(_("在 PostgreSQL 上请用该用户自己的登录角色连接（--database-url 中的用"
                         "户名），不能代替他人操作"), 2)
    return actor_for_username(s, as_user)


def _write_xlsx_template(out_arg: str, write: Callable[[Path], None], what: Text) -> int:
    out = Path(out_arg)
    if out.suffix.lower() != ".xlsx":
        raise CliError(_("模板文件名应以 .xlsx 结尾"), 2)
    try:
        write(out)
    except OSError as exc:
        raise CliError(_("无法写入 {out}：{strerror}", out=out, strerror=exc.strerror), 1) from None
    print(_("已生成{what}：{out}", what=what, out=out))
    return 0


def cmd_applications_template(args: argparse.Namespace) -> int:
    return _write_xlsx_template(args.out, write_template, _("自荐申请表模板"))


def cmd_applications_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    data = read_application_form(path)  # before opening the database: a bad file changes nothing
    target, _database = _open(args)

    def run(s: Session, actor: Actor) -> int:
        clerk = _acting(s, actor, target, args.as_user)
        app_id = recruitment.create_application(s, clerk, args.call, data)
        print(_("已根据 {name} 登记自荐申请 {application_number}（{venue_name}，草稿）",
                name=path.name, application_number=recruitment.application_number(app_id),
                venue_name=data.venue_name))
        return 0

    return _in_transaction(args, run)


def cmd_applications_list(args: argparse.Namespace) -> int:
    target, _database = _open(args)

    def run(s: Session, actor: Actor) -> int:
        who = _acting(s, actor, target, args.as_user)
        rows = recruitment.list_applications(s, who, status=args.status)
        for r in rows:
            print(f"{r.number}  {r.subdistrict:<6} {r.status_label:<10} "
                  f"{r.venue_name}  {r.credit_code}")
        print(_("共 {count} 份申请", count=len(rows)))
        return 0

    return _in_transaction(args, run)


def cmd_venues_export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    expected = {"geojson": (".geojson", ".json"), "xlsx": (".xlsx",)}[args.format]
    if out.suffix.lower() not in expected:
        raise CliError(_("--format {format} 的输出文件应以 {suffixes} 结尾", format=args.format,
                         suffixes=" / ".join(expected)), 2)

    def run(s: Session, actor: Actor) -> int:
        count = register_export.export_register(s, actor, args.format, out, include_all=args.all)
        scope = _("全部场馆") if args.all else _("定点且协议生效中的场馆")
        print(_("已导出{scope} {count} 个到 {out}", scope=scope, count=count, out=out))
        return 0

    return _in_transaction(args, run)


def cmd_agreements_expire(args: argparse.Namespace) -> int:
    def run(s: Session, actor: Actor) -> int:
        numbers = agreements.expire_due(s, actor)
        print(_("已到期的协议 {count} 份：{numbers}", count=len(numbers), numbers=join(numbers))
              if numbers else _("已到期的协议 {count} 份", count=0))
        return 0

    return _in_transaction(args, run)


def cmd_vouchers_template(args: argparse.Namespace) -> int:
    return _write_xlsx_template(args.out, vouchers.write_template, _("消费券数据导入模板"))


#: Exit codes of ``vouchers import`` beyond the common ones (see its --help and the README).
EXIT_ROWS_REJECTED = 6
EXIT_TOO_MANY_REJECTED = 7


def _reject_limit(value: str) -> voucher_import.RejectLimit:
    try:
        return voucher_import.RejectLimit.parse(value)
    except UserError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def cmd_vouchers_import(args: argparse.Namespace) -> int:
    path = Path(args.file)

    def run(s: Session, actor: Actor) -> int:
        try:
            summary = voucher_import.import_vouchers(s, actor, path)
        except PseudonymKeyMissing as exc:
            raise CliError(str(exc), 2) from None
        limit: voucher_import.RejectLimit | None = args.max_rejected
        refused = limit.exceeded_by(summary) if limit is not None else None
        lines = summary.lines()
        if refused is not None:  # what would have been imported is not
            lines = [line for line in lines if not line.startswith(str(_("规则标记")))]
        for line in lines:
            print(line)
        for error in summary.errors[:20]:
            print(f"  {error.describe()}")
        if len(summary.errors) > 20:
            print(_("  …… 共 {count} 处错误，见错误报告", count=len(summary.errors)))
        if refused is not None:  # raised inside the transaction: it is rolled back
            raise CliError(refused, EXIT_TOO_MANY_REJECTED)
        if not summary.imported_anything:
            raise CliError(_("没有导入任何数据"), 1)
        if summary.rejected:
            print(_("注意：已导入其余数据，但有 {n} 行被拒绝（退出码 {code}）", n=summary.rejected,
                    code=EXIT_ROWS_REJECTED), file=sys.stderr)
            return EXIT_ROWS_REJECTED
        return 0

    return _in_transaction(args, run)


def cmd_vouchers_check(args: argparse.Namespace) -> int:
    def run(s: Session, actor: Actor) -> int:
        for line in voucher_checks.recheck_all(s, actor).lines():
            print(line)
        return 0

    return _in_transaction(args, run)


def _face_count(value: str) -> tuple[Decimal, int]:
    """``FACE=COUNT`` (yuan = vouchers), e.g. ``20=1000``."""
    face, sep, count = value.partition("=")
    try:
        if not sep:
            raise ValueError
        face_value, n = Decimal(face.strip()), int(count.strip())
        if not face_value.is_finite() or face_value <= 0 or n <= 0:
            raise ValueError
    except (ValueError, ArithmeticError):
        raise argparse.ArgumentTypeError(str(_(
            "面值数量应写作 面值=张数（元=张，均为正数），如 20=1000：{value}", value=value))
        ) from None
    return face_value, n


def _non_negative(value: str) -> int:
    try:
        n = int(value.strip().replace(",", ""))
        if n < 0:
            raise ValueError
    except ValueError:
        raise argparse.ArgumentTypeError(str(_("应为不小于 0 的整数：{value}", value=value))
                                         ) from None
    return n


def _budget(value: str) -> Decimal:
    try:
        amount = Decimal(value.strip().replace(",", ""))
        if not amount.is_finite() or amount <= 0:
            raise ValueError
    except (ValueError, ArithmeticError):
        raise argparse.ArgumentTypeError(str(_("预算应为大于 0 的金额（元）：{value}",
                                               value=value))) from None
    return amount


def _moment(end_of_day: bool) -> Callable[[str], dt.datetime]:
    """A Shanghai time ``YYYY-MM-DD[ HH:MM[:SS]]``; a bare date is the day's start (or, for
    an end, its last second)."""

    def parse(value: str) -> dt.datetime:
        text = value.strip()
        try:
            if len(text) == 10:
                day = dt.date.fromisoformat(text)
                local = dt.datetime.combine(day, dt.time(23, 59, 59) if end_of_day else dt.time())
            else:
                local = dt.datetime.fromisoformat(text.replace("T", " "))
                if local.tzinfo is not None:
                    raise ValueError
        except ValueError:
            raise argparse.ArgumentTypeError(str(_(
                "时间应写作 YYYY-MM-DD 或 \"YYYY-MM-DD HH:MM\"（北京时间）：{value}",
                value=value))) from None
        return local.replace(tzinfo=clock.SHANGHAI)

    return parse


def cmd_batches_add(args: argparse.Namespace) -> int:
    counts: dict[Decimal, int] = {}
    for face, n in args.count:
        if face in counts:
            raise CliError(_("面值 {face} 元重复给出了数量", face=face), 2)
        counts[face] = n

    def run(s: Session, actor: Actor) -> int:
        data = voucher_rules.BatchInput(args.code, args.name, args.budget, args.claim_start,
                                        args.claim_end, counts, args.restriction)
        batch_id = voucher_rules.create_batch(s, actor, data)
        state = BatchState.DRAFT
        if args.activate:
            voucher_rules.set_batch_status(s, actor, batch_id, BatchState.ACTIVE)
            state = BatchState.ACTIVE
        print(_("已创建发放批次 {code}（{state}），共 {n} 张", code=args.code.strip(),
                state=BatchState.label_of(state), n=sum(counts.values())))
        return 0

    return _in_transaction(args, run)


def cmd_batches_list(args: argparse.Namespace) -> int:
    def run(s: Session, actor: Actor) -> int:
        require(actor, Action.READ_VOUCHERS)
        rows = [b for b in voucher_rules.list_batches(s)
                if args.status is None or b.status == args.status]
        if not rows:
            print(_("没有发放批次"))
            return 0
        print("\t".join(str(h) for h in (_("编号"), _("名称"), _("状态"), _("领取期"),
                                          _("预算（元）"), _("发放/领取/核销"), _("预算占用"),
                                          _("面值（元=张）"))))
        for b in rows:
            faces = " ".join(f"{f.normalize():f}={n}" for f, n in b.counts)
            share = f"{b.committed_share * 100:.1f}%" + (" !" if b.warning else "")
            print("\t".join((b.code, b.name, str(BatchState.label_of(b.status)),
                             f"{clock.format_local(b.claim_start)} – "
                             f"{clock.format_local(b.claim_end)}",
                             f"{b.budget:.2f}", f"{b.issued}/{b.claimed}/{b.redeemed}", share,
                             faces)))
        return 0

    return _in_transaction(args, run)


def cmd_batches_set_status(args: argparse.Namespace) -> int:
    def run(s: Session, actor: Actor) -> int:
        batch_id = voucher_rules.batch_id_of(s, args.code)
        voucher_rules.set_batch_status(s, actor, batch_id, args.target)
        print(_("发放批次 {code}：{state}", code=args.code.strip(),
                state=BatchState.label_of(args.target)))
        return 0

    return _in_transaction(args, run)


def cmd_audit_verify(args: argparse.Namespace) -> int:
    def run(s: Session, actor: Actor) -> int:
        result = audit_chain.verify(s, actor)
        for problem in result.problems:
            print(problem.message)
        if result.problems:
            print(_("审计日志校验失败：{rows} 条记录中发现 {n} 处问题", rows=result.rows,
                    n=len(result.problems)), file=sys.stderr)
            return 5
        print(_("审计日志完整：{rows} 条记录，链头序号 {seq}，哈希 {hash}", rows=result.rows,
                seq=result.head_seq if result.head_seq is not None else "-",
                hash=result.head_hash or "-"))
        return 0

    return _in_transaction(args, run)


def _pairs(values: list[str] | None, what: str) -> dict[str, Decimal]:
    """``KEY=YUAN`` arguments as a mapping (a bad one refused naming the option)."""
    out: dict[str, Decimal] = {}
    for item in values or ():
        key, _sep, amount = (part.strip() for part in item.partition("="))
        try:
            value = Decimal(amount)
        except ArithmeticError:
            value = Decimal("NaN")
        if not key or not value.is_finite():
            raise CliError(_("{what}应写作 名称=金额（元）：{value}", what=what, value=item), 2)
        out[key] = value
    return out


def _faces(values: list[str] | None, what: str) -> dict[Decimal, Decimal]:
    out: dict[Decimal, Decimal] = {}
    for face, amount in _pairs(values, what).items():
        try:
            out[Decimal(face).quantize(Decimal("0.01"))] = amount
        except ArithmeticError:
            raise CliError(_("{what}应写作 面值=金额（元）：{value}", what=what, value=face),
                           2) from None
    return out


def cmd_statistics_whatif(args: argparse.Namespace) -> int:
    """The what-if: the period's settlements as they are and under the changed parameters."""
    scenario = whatif.Scenario(
        weekly_claim_limit=args.weekly_claim_limit, max_held=args.max_held,
        daily_use_cap=args.daily_use_cap, weekly_use_cap=args.weekly_use_cap,
        weekly_large_claim_limit=args.weekly_large_limit,
        min_order=_faces(args.min_order, "--min-order "),
        subsidy=_faces(args.subsidy, "--subsidy "),
        budgets=_pairs(args.budget, "--budget "))

    def run(s: Session, actor: Actor) -> int:
        result = whatif.simulate(s, actor, args.since, args.to, scenario)
        print(_("规则调整测算：{span}（按各月结算）", span=whatif.month_span(result)))
        changes = whatif.describe(scenario)
        print(_("调整的参数：{changes}", changes=join([str(c) for c in changes])
                if changes else _("无（与实际相同）")))
        if result.unsettled:
            print(_("尚未核定结算的月份按现在生成结算计算：{months}",
                    months=join([month_label(m) for m in result.unsettled])))
        rows = [(str(_("指标")), str(_("实际")), str(_("模拟")), str(_("差额"))),
                *whatif.table(result)]
        width = max(_width(r[0]) for r in rows)
        others = [max(len(r[i]) for r in rows) for i in (1, 2, 3)]
        for r in rows:
            print(r[0] + " " * (width - _width(r[0])) + "  "
                  + "  ".join(r[i].rjust(others[i - 1]) for i in (1, 2, 3)))
        if result.newly_flagged:
            print(_("按调整后规则新增的标记："))
            for line in whatif.flagged_lines(result):
                print(line)
        for line in whatif.exhaustion_lines(result):
            print(line)
        print(_("说明：{limits}", limits=whatif.LIMITS_TEXT))
        return 0

    return _in_transaction(args, run)


def _width(text: str) -> int:
    """Display columns of ``text`` (a CJK character takes two)."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(str(_("日期应写作 YYYY-MM-DD：{value}", value=value))
                                         ) from None


def cmd_audit_export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise CliError(_("输出文件应以 .xlsx 结尾"), 2)

    def run(s: Session, actor: Actor) -> int:
        summary = audit_export.export_trail(s, actor, args.since, args.until, out)
        print(_("已导出审计日志 {rows} 条到 {out}；链头序号 {seq}，哈希 {hash}",
                rows=summary.rows, out=out,
                seq=summary.head_seq if summary.head_seq is not None else "-",
                hash=summary.head_hash or "-"))
        return 0

    return _in_transaction(args, run)


def _month(value: str) -> dt.date:
    try:
        return month_start(value)
    except UserError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def cmd_inspections_templates(args: argparse.Namespace) -> int:
    def run(s: Session, actor: Actor) -> int:
        for t in inspections.list_templates(s, actor):
            print(f"[{t.id}] {t.code} v{t.version}  {TemplateState.label_of(t.status)!s}  "
                  f"{t.name}")
            if t.status != TemplateState.ACTIVE.value:
                continue
            for item in t.items:
                spec = item.spec
                marks = "".join(str(m) for m, on in ((_("（严重项）"), spec.serious),
                                                     (_("（不合格须拍照）"), spec.photo_on_fail))
                                if on)
                print(f"  {item.position:>2}. [{Area.label_of(spec.area)!s}] "
                      f"{ItemKind.label_of(spec.kind)!s} ×{spec.weight}  {spec.text}{marks}")
        return 0

    return _in_transaction(args, run)


def cmd_warnings_scan(args: argparse.Namespace) -> int:
    """The early-warning scan (services/warnings/scan.py) over a range of days."""
    until = args.to or clock.today()
    since = args.since or until - dt.timedelta(days=30)

    def run(s: Session, actor: Actor) -> int:
        result = warnings.scan(s, actor, since, until)
        for c in result.created:
            print(f"  [{c.warning_id}] {c.venue_name}  {c.explanation}")
        print(_("预警扫描 {since} 至 {until}：新增 {created} 条，更新 {updated} 条，"
                "已有未变 {unchanged} 条", since=since.isoformat(), until=until.isoformat(),
                created=len(result.created), updated=result.updated,
                unchanged=result.unchanged))
        for u in result.unjudged:
            print(_("  营业时间无法识别，未判断营业时间外核销：[{id}] {name}（{hours}）",
                    id=u.venue_id, name=u.venue_name, hours=u.opening_hours))
        return 0

    return _in_transaction(args, run)


def cmd_statistics_refresh(args: argparse.Namespace) -> int:
    """Rebuild the statistics' aggregate from the ledger (services/statistics/refresh.py)."""

    def run(s: Session, actor: Actor) -> int:
        result = statistics.rebuild(s, actor)
        print(_("统计数据已重建：{rows} 行", rows=result.rows))
        return 0

    return _in_transaction(args, run)


def cmd_statistics_summary(args: argparse.Namespace) -> int:
    """The dashboard's figures of a period (default: this year to today)."""
    until = args.to or clock.today()
    since = args.since or until.replace(month=1, day=1)

    def run(s: Session, actor: Actor) -> int:
        m = statistics.summary(s, actor, statistics.Filters(since, until))
        for name in statistics.FIGURES:
            value = getattr(m, name)
            print(f"{name:20} {'—' if value is None else value}")
        return 0

    return _in_transaction(args, run)


def cmd_warnings_parameters(args: argparse.Namespace) -> int:
    """The signals' parameters (services/warnings/parameters.py): shown, or a new version set."""

    def run(s: Session, actor: Actor) -> int:
        today = clock.today()
        if args.set:
            code, *pairs = args.set
            try:
                signal = Signal(code)
            except ValueError:
                raise CliError(_("没有预警信号“{code}”（可选：{codes}）", code=code,
                                 codes="、".join(x.value for x in PARAMETERS)), 2) from None
            values: dict[str, object] = {}
            for pair in pairs:
                name, sep, value = pair.partition("=")
                if not sep:
                    raise CliError(_("参数应写作 名称=值：{pair}", pair=pair), 2)
                values[name.strip()] = value
            day = args.since or today
            warnings.set_parameters(s, actor, signal, values, day)
            print(_("已设置“{signal}”的预警参数，自 {day} 起生效", signal=signal.label,
                    day=day.isoformat()))
        for signal, specs in PARAMETERS.items():
            print(f"{signal.label!s} ({signal.value})")
            for version in warnings.versions(s, signal):
                assert version.effective_from is not None
                marker = "*" if version.effective_from > today else " "
                print(f" {marker}{version.effective_from.isoformat()}  " + "  ".join(
                    f"{k}={v}" for k, v in version.params.items()))
            now = warnings.parameters_in_force(s, signal, today)
            for spec in specs:
                print(f"    {spec.name:<18} {spec.label!s}: {now[spec.name]} {spec.unit!s}"
                      f"  [{spec.low}–{spec.high}]")
        return 0

    return _in_transaction(args, run)


def cmd_warnings_list(args: argparse.Namespace) -> int:
    """The warning list in the actor's scope, by the filters, newest first."""
    def run(s: Session, actor: Actor) -> int:
        subdistrict_id = (users.find_subdistrict(s, args.subdistrict).id
                          if args.subdistrict else None)
        rows = warning_queries.list_warnings(
            s, actor, subdistrict_id=subdistrict_id, venue_id=args.venue, signal=args.signal,
            state=args.state, since=args.since, until=args.to)
        for r in rows:
            late = str(_("（已逾期）")) if r.overdue else ""
            print(f"[{r.id}] {r.period_text}  {r.venue_name}（{r.subdistrict_name}）  "
                  f"{Signal.label_of(r.signal)!s}  {WarningState.label_of(r.status)!s}{late}  "
                  f"{r.assigned_to or '-'}  {r.explanation}")
        print(_("共 {n} 条", n=len(rows)))
        return 0

    return _in_transaction(args, run)


def cmd_warnings_lines(args: argparse.Namespace) -> int:
    """The alert lines (警戒线): every version; with --set, a new version first."""

    def run(s: Session, actor: Actor) -> int:
        if args.from_capacity:
            done = warnings.set_lines_from_capacity(s, actor, args.effective_from)
            print(_("已按容量为 {n} 个定点场馆设置警戒线，{day} 起生效", n=done.set,
                    day=args.effective_from.isoformat()))
            for name in done.skipped:
                print(_("  未设置（名录中没有容量）：{name}", name=name))
        elif args.set is not None:
            warnings.set_line(s, actor, args.venue, args.set, args.effective_from)
        for r in warnings.list_lines(s):
            who = r.venue_name if r.venue_id is not None else str(_("全区默认"))
            print(f"  {who}\t{r.daily_limit}\t{r.effective_from.isoformat()}\t"
                  f"{VersionState.label_of(r.state.value)!s}")
        return 0

    return _in_transaction(args, run)


def cmd_warnings_sheet(args: argparse.Namespace) -> int:
    """A warning's verification sheet (预警核查单, PDF)."""
    prepared: list[warning_outputs.Prepared] = []

    def run(s: Session, actor: Actor) -> int:
        prepared.append(warning_outputs.prepare_sheet(s, actor, args.id, args.out))
        return 0

    _in_transaction(args, run)  # gathered and recorded; written after the commit
    print(_("已写入 {file}", file=prepared[0].write()))
    return 0


def cmd_report_evaluation(args: argparse.Namespace) -> int:
    """The periodic evaluation report (PDF or .xlsx by the extension of --out)."""
    prepared: list[evaluation.Prepared] = []

    def run(s: Session, actor: Actor) -> int:
        prepared.append(evaluation.prepare_report(s, actor, args.date_from, args.date_to,
                                                  args.out))
        return 0

    _in_transaction(args, run)  # gathered and recorded; written after the commit
    print(_("已写入 {file}", file=prepared[0].write()))
    return 0


def cmd_inspections_plan(args: argparse.Namespace) -> int:
    def run(s: Session, actor: Actor) -> int:
        plan = inspections.create_plan(
            s, actor, args.name or str(_("{day} 巡查计划", day=args.due.isoformat())),
            args.venue, args.inspector, args.due, unannounced=not args.announced,
            note=args.note)
        rows = inspections.list_assignments(s, actor, plan_id=plan)
        for r in rows:
            print(f"  [{r.id}] {r.venue_name}  {r.subdistrict_name}  {r.risk_score}")
        print(_("巡查计划 {plan}：{count} 个场馆分配给 {inspector}，应于 {due} 前完成",
                plan=plan, count=len(rows), inspector=args.inspector,
                due=args.due.isoformat()))
        return 0

    return _in_transaction(args, run)


def cmd_inspections_list(args: argparse.Namespace) -> int:
    def run(s: Session, actor: Actor) -> int:
        rows = inspections.list_inspections(s, actor)
        for r in rows:
            print(f"[{r.id}] {clock.format_local(r.inspected_at):<16} {r.venue_name}  "
                  f"{InspectionState.label_of(r.status)!s}  "
                  f"{InspectionResult.label_of(r.result)!s} {r.score or ''}")
        print(_("共 {count} 条巡查记录", count=len(rows)))
        return 0

    return _in_transaction(args, run)


def cmd_inspections_report(args: argparse.Namespace) -> int:
    """The period summary, an inspection's record or an order's notice, by the arguments."""
    prepared: list[inspection_outputs.Prepared] = []

    def run(s: Session, actor: Actor) -> int:
        if args.inspection is not None:
            prepared.append(inspection_outputs.prepare_report(s, actor, args.inspection,
                                                              args.out))
        elif args.order is not None:
            prepared.append(inspection_outputs.prepare_notice(s, actor, args.order, args.out))
        else:
            if args.date_from is None or args.date_to is None:
                raise CliError(_("汇总须给出 --from 和 --to（或用 --inspection / --order）"), 2)
            prepared.append(inspection_outputs.prepare_summary(
                s, actor, args.date_from, args.date_to, args.out))
        return 0

    _in_transaction(args, run)  # gathered and recorded; written after the commit
    print(_("已写入 {file}", file=prepared[0].write()))
    return 0


def cmd_inspections_show(args: argparse.Namespace) -> int:
    def run(s: Session, actor: Actor) -> int:
        d = inspections.inspection_detail(s, actor, args.id)
        r = d.row
        print(_("巡查记录 {id}：{venue}，{time}；{state}；结果 {result}（{score} 分）",
                id=r.id, venue=r.venue_name, time=clock.format_local(r.inspected_at),
                state=InspectionState.label_of(r.status),
                result=InspectionResult.label_of(r.result), score=r.score or "—"))
        for i in d.items:
            answer = {"pass_fail": {True: "✓", False: "✗", None: "—"}.get(i.passed, "—"),
                      "score": f"{i.score}/{i.max_score}" if i.score is not None else "—",
                      "number": f"{i.number} {i.unit}" if i.number is not None else "—",
                      }.get(i.kind, i.text_value or "—")
            flag = " !" if i.failed else ""
            photos = f"  [{len(i.photo_ids)}]" if i.photo_ids else ""
            print(f"  {i.position:>2}. {answer:<10}{flag} {i.text}{photos}  {i.note}")
        for o in d.orders:
            print(_("整改通知 {number}：{state}，期限 {deadline}", number=o.number,
                    state=OrderState.label_of(o.status), deadline=o.deadline.isoformat()))
        return 0

    return _in_transaction(args, run)


def cmd_inspections_checkout(args: argparse.Namespace) -> int:
    """Assignments to an offline file (services/inspections/offline.py)."""
    target = resolve_database(getattr(args, "database_url", None))
    # PostgreSQL keeps its logins' passwords: the file gets its own (given or generated)
    password, generated = (_read_password(args) if args.password_stdin or target.is_postgres
                           else (None, False))

    prepared: list[offline.PreparedCheckout] = []

    def run(s: Session, actor: Actor) -> int:
        prepared.append(offline.prepare_checkout(s, actor, args.assignment, args.out,
                                                 password=password))
        return 0

    _in_transaction(args, run)  # gathered and recorded; written after the commit
    info = prepared[0].write()
    print(_("已带离线 {count} 个巡查任务（{venues}）到 {file}，巡查员 {inspector}",
            count=len(info.venues), venues="、".join(info.venues), file=info.path,
            inspector=info.inspector))
    if generated:
        print(_("离线文件的登录密码（只显示这一次）：{password}", password=password))
    return 0


def cmd_inspections_checkin(args: argparse.Namespace) -> int:
    def run(s: Session, actor: Actor) -> int:
        result = offline.checkin(s, actor, args.file)
        for r in result.records:
            state = (_("已提交：{result}", result=InspectionResult.label_of(r.submitted.result))
                     if r.submitted is not None else _("草稿"))
            print(f"  [{r.inspection_id}] {r.venue_name}  {state!s}")
        print(_("已回传 {count} 条巡查记录", count=len(result.records)))
        return 0

    return _in_transaction(args, run)


def cmd_settlement_generate(args: argparse.Namespace) -> int:
    def run(s: Session, actor: Actor) -> int:
        for line in settlement.generate(s, actor, args.month).summary():
            print(line)
        return 0

    return _in_transaction(args, run)


def cmd_settlement_list(args: argparse.Namespace) -> int:
    def run(s: Session, actor: Actor) -> int:
        rows = settlement.list_settlements(s, actor)
        for r in rows:
            late = _("  已逾期（应于 {due} 前拨付）", due=r.due) if r.overdue else ""
            print(f"{month_label(r.month)}  {r.status_label!s:<6} {r.voucher_count:>8} "
                  f"{r.subsidy:>14,.2f}{late}")
        print(_("共 {count} 份结算", count=len(rows)))
        return 0

    return _in_transaction(args, run)


def cmd_settlement_show(args: argparse.Namespace) -> int:
    def run(s: Session, actor: Actor) -> int:
        r = settlement.find(s, actor, args.month)
        print(_("{month} 的结算：{state}；{count} 张券，补贴合计 {subsidy} 元；"
                "未计入 {excluded} 张",
                month=month_label(r.month), state=r.status_label, count=r.voucher_count,
                subsidy=f"{r.subsidy:,.2f}", excluded=r.excluded_count))
        for ln in settlement.lines(s, actor, r.id):
            bank = _("  无银行账户") if ln.no_bank_account else ""
            print(f"  [{ln.id}] {ln.venue_name}  {ln.kind_label!s}  {ln.voucher_count:>6} "
                  f"{ln.subsidy:>12,.2f}  {ln.status_label!s}{bank}")
        return 0

    return _in_transaction(args, run)


def cmd_settlement_step(args: argparse.Namespace) -> int:
    def run(s: Session, actor: Actor) -> int:
        r = settlement.find(s, actor, args.month)
        if args.command == "verify":
            settlement.verify(s, actor, r.id)
            done = _("已核定")
        elif args.command == "approve":
            settlement.approve(s, actor, r.id)
            done = _("已审批")
        else:
            settlement.return_to_draft(s, actor, r.id, args.reason)
            done = _("已退回草稿")
        statistics.after_settlement_step(s, actor)  # what is settled changed
        print(_("{month} 的结算{done}", month=month_label(r.month), done=done))
        return 0

    return _in_transaction(args, run)


def cmd_settlement_pay(args: argparse.Namespace) -> int:
    def run(s: Session, actor: Actor) -> int:
        paid = settlement.record_payment(s, actor, args.line, args.date, args.reference)
        print(_("已登记结算行 {line} 的拨付", line=args.line))
        if paid:
            print(_("该月结算已全部拨付"))
        return 0

    return _in_transaction(args, run)


def cmd_settlement_adjust(args: argparse.Namespace) -> int:
    def run(s: Session, actor: Actor) -> int:
        r = settlement.find(s, actor, args.month)
        line = settlement.add_adjustment(s, actor, r.id, args.corrects, args.amount, args.reason)
        print(_("已在 {month} 的结算中增加调整行 {line}", month=month_label(r.month), line=line))
        return 0

    return _in_transaction(args, run)


def cmd_settlement_remove_adjustment(args: argparse.Namespace) -> int:
    def run(s: Session, actor: Actor) -> int:
        settlement.remove_adjustment(s, actor, args.line, args.reason)
        print(_("已删除调整行 {line}", line=args.line))
        return 0

    return _in_transaction(args, run)


def cmd_settlement_export(args: argparse.Namespace) -> int:
    out = Path(args.out)

    prepared: list[settlement_outputs.PreparedExport] = []

    def run(s: Session, actor: Actor) -> int:
        prepared.append(settlement_outputs.prepare_export(
            s, actor, args.month, args.kind, out, split=args.split, venue_id=args.venue))
        return 0

    _in_transaction(args, run)  # gathered and recorded; written after the commit
    files = prepared[0].write()
    if len(files) == 1:
        print(_("已写入 {file}", file=files[0]))
    else:
        print(_("已写入 {count} 个文件到 {dir}", count=len(files), dir=out))
    return 0


# --- parser -------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database-url", metavar="URL", default=argparse.SUPPRESS,
                        help=str(_("数据库地址（默认 $JD_ADMIN_DATABASE_URL，"
                                   "或用户数据目录中的 SQLite 文件）")))
    parser = argparse.ArgumentParser(prog="jd-admin", parents=[common],
                                     description=str(_("嘉定区体育消费券管理系统 命令行")))
    parser.add_argument("--version", action="version", version=f"jd_admin {__version__}")
    sub = parser.add_subparsers(dest="group", required=True, metavar="COMMAND")

    p_db = sub.add_parser("db", help=str(_("数据库版本（迁移）")))
    db_sub = p_db.add_subparsers(dest="command", required=True, metavar="ACTION")
    p = db_sub.add_parser("upgrade", parents=[common], help=str(_("升级到最新版本")))
    p.add_argument("--revision", default="head")
    p.set_defaults(func=cmd_db_upgrade)
    p = db_sub.add_parser("downgrade", parents=[common],
                          help=str(_("降级到指定版本（base 为空库）")))
    p.add_argument("revision")
    p.set_defaults(func=cmd_db_downgrade)
    p = db_sub.add_parser("current", parents=[common], help=str(_("显示当前版本")))
    p.set_defaults(func=cmd_db_current)

    p = sub.add_parser("backup", parents=[common],
                       help=str(_("备份数据库：SQLite 在线备份，PostgreSQL 用 pg_dump"
                                  "（自定义格式）；另写一个说明文件 FILE.manifest.json")))
    p.add_argument("--out", required=True, metavar="FILE", help=str(_("备份文件（新文件）")))
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", parents=[common],
                       help=str(_("从备份恢复数据库（核对校验值、完整性与数据库版本）")))
    p.add_argument("file", metavar="FILE", help=str(_("备份文件（说明文件须在其旁边）")))
    p.add_argument("--force", action="store_true",
                   help=str(_("数据库不是空的也恢复：替换其中的全部数据")))
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("demo-data", parents=[common], help=str(_("生成演示街镇、场馆和各角色用户"
                                                                 "（可重复运行）")))
    p.add_argument("--vouchers", type=_non_negative, default=demo_vouchers.DEFAULT_VOUCHERS,
                   metavar="N",
                   help=str(_("演示年度的消费券张数（约数，默认 {n}；0 为不生成批次和消费券）",
                              n=demo_vouchers.DEFAULT_VOUCHERS)))
    p.set_defaults(func=cmd_demo_data)

    p_user = sub.add_parser("user", help=str(_("用户管理")))
    user_sub = p_user.add_subparsers(dest="command", required=True, metavar="ACTION")
    p = user_sub.add_parser("add", parents=[common], help=str(_("创建用户（PostgreSQL 上同时创建"
                                                                "登录角色）")))
    p.add_argument("name", help=str(_("用户名（小写字母、数字、下划线）")))
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--subdistrict", help=str(_("所属街镇名称或编号（街镇用户必填）")))
    p.add_argument("--full-name", help=str(_("姓名")))
    p.add_argument("--password-stdin", action="store_true", help=str(_("从标准输入读取初始密码；"
                                                                       "否则随机生成并显示一次")))
    p.set_defaults(func=cmd_user_add)
    p = user_sub.add_parser("list", parents=[common], help=str(_("列出用户")))
    p.set_defaults(func=cmd_user_list)
    p = user_sub.add_parser("reset-password", parents=[common], help=str(_("重置密码（下次登录须"
                                                                           "修改）")))
    p.add_argument("name")
    p.add_argument("--password-stdin", action="store_true")
    p.set_defaults(func=cmd_user_reset_password)
    for action, label in (("enable", _("启用用户")), ("disable", _("停用用户"))):
        p = user_sub.add_parser(action, parents=[common], help=str(label))
        p.add_argument("name")
        p.add_argument("--reason", required=True, help=str(_("原因（记入审计日志）")))
        p.set_defaults(func=cmd_user_set_active)
    p = user_sub.add_parser("unlock", parents=[common], help=str(_("解除密码错误造成的锁定")))
    p.add_argument("name")
    p.set_defaults(func=cmd_user_unlock)
    p_app = sub.add_parser("applications", help=str(_("场馆自荐申请")))
    app_sub = p_app.add_subparsers(dest="command", required=True, metavar="ACTION")
    p = app_sub.add_parser("template", parents=[common], help=str(_("生成自荐申请表 Excel 模板")))
    p.add_argument("out", metavar="OUT.xlsx")
    p.set_defaults(func=cmd_applications_template)
    p = app_sub.add_parser("import", parents=[common],
                           help=str(_("导入填好的自荐申请表，登记为草稿")))
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument("--call", type=int, required=True, help=str(_("招募公告编号")))
    p.add_argument("--as-user", help=str(_("以该街镇用户的身份登记（仅 SQLite）")))
    p.set_defaults(func=cmd_applications_import)
    p = app_sub.add_parser("list", parents=[common], help=str(_("列出自荐申请")))
    p.add_argument("--status", choices=APPLICATION_WORKFLOW.states.codes())
    p.add_argument("--as-user", help=str(_("以该用户的视角列出（仅 SQLite）")))
    p.set_defaults(func=cmd_applications_list)

    p_venues = sub.add_parser("venues", help=str(_("定点场馆名录")))
    venues_sub = p_venues.add_subparsers(dest="command", required=True, metavar="ACTION")
    p = venues_sub.add_parser("export", parents=[common], help=str(_("导出名录（健身地图、全嘉云"
                                                                     "动小程序）")))
    p.add_argument("--format", required=True, choices=["geojson", "xlsx"])
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--all", action="store_true", help=str(_("包括暂停、退出及无生效协议的场馆")))
    p.set_defaults(func=cmd_venues_export)

    p_v = sub.add_parser("vouchers", help=str(_("消费券数据")))
    v_sub = p_v.add_subparsers(dest="command", required=True, metavar="ACTION")
    p = v_sub.add_parser("template", parents=[common], help=str(_("生成平台数据导入模板 (.xlsx)")))
    p.add_argument("out", metavar="OUT.xlsx")
    p.set_defaults(func=cmd_vouchers_template)
    p = v_sub.add_parser(
        "import", parents=[common], help=str(_("导入平台的领券与核销数据 (.xlsx / .csv)")),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=str(_("退出码：0 全部导入；{rejected} 已导入，但有行被拒绝（见错误报告）；"
                     "{refused} 被拒绝的行超过 --max-rejected，整个文件未导入；"
                     "1 没有可导入的数据或其他错误；2 参数错误；3 数据库未升级；4 无法连接数据库",
                     rejected=EXIT_ROWS_REJECTED, refused=EXIT_TOO_MANY_REJECTED)))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--max-rejected", type=_reject_limit, metavar="N|P%",
                   help=str(_("被拒绝的行超过 N 行或数据行的 P%% 时整个文件不导入"
                              "（数据库不作任何更改，退出码 {code}）",
                              code=EXIT_TOO_MANY_REJECTED)))
    p.set_defaults(func=cmd_vouchers_import)
    p = v_sub.add_parser("check", parents=[common], help=str(_("规则调整后重新核查全部消费券")))
    p.set_defaults(func=cmd_vouchers_check)

    p_b = sub.add_parser("batches", help=str(_("发放批次")))
    b_sub = p_b.add_subparsers(dest="command", required=True, metavar="ACTION")
    p = b_sub.add_parser("add", parents=[common], help=str(_("创建发放批次（草稿；--activate "
                                                             "则同时开始发放）")))
    p.add_argument("code", metavar="CODE", help=str(_("批次编号，如 2026-12")))
    p.add_argument("--name", required=True, help=str(_("批次名称")))
    p.add_argument("--budget", required=True, type=_budget, metavar="YUAN",
                   help=str(_("预算（元）")))
    p.add_argument("--from", dest="claim_start", required=True, type=_moment(False),
                   metavar="YYYY-MM-DD[ HH:MM]", help=str(_("领取开始（北京时间）")))
    p.add_argument("--to", dest="claim_end", required=True, type=_moment(True),
                   metavar="YYYY-MM-DD[ HH:MM]",
                   help=str(_("领取截止（北京时间；只写日期即当天 23:59:59）")))
    p.add_argument("--count", required=True, action="append", type=_face_count,
                   metavar="FACE=N", help=str(_("某面值的发放张数，如 20=1000；可重复")))
    p.add_argument("--restriction", metavar="CODE", help=str(_("专项券限制编号，如 SWIM")))
    p.add_argument("--activate", action="store_true", help=str(_("创建后立即开始发放")))
    p.set_defaults(func=cmd_batches_add)
    p = b_sub.add_parser("list", parents=[common], help=str(_("列出发放批次及预算占用")))
    p.add_argument("--status", choices=BatchState.codes())
    p.set_defaults(func=cmd_batches_list)
    p = b_sub.add_parser("activate", parents=[common], help=str(_("开始发放（草稿 → 发放中）")))
    p.add_argument("code", metavar="CODE")
    p.set_defaults(func=cmd_batches_set_status, target=BatchState.ACTIVE.value)
    p = b_sub.add_parser("close", parents=[common], help=str(_("关闭批次（发放中 → 已关闭）")))
    p.add_argument("code", metavar="CODE")
    p.set_defaults(func=cmd_batches_set_status, target=BatchState.CLOSED.value)

    p_set = sub.add_parser("settlement", help=str(_("月度结算")))
    set_sub = p_set.add_subparsers(dest="command", required=True, metavar="ACTION")
    p = set_sub.add_parser("generate", parents=[common],
                           help=str(_("生成（或重新生成草稿）某月的结算")))
    p.add_argument("--month", required=True, type=_month, metavar="YYYY-MM")
    p.set_defaults(func=cmd_settlement_generate)
    p = set_sub.add_parser("list", parents=[common], help=str(_("列出各月结算及其状态")))
    p.set_defaults(func=cmd_settlement_list)
    p = set_sub.add_parser("show", parents=[common], help=str(_("显示某月结算的各行")))
    p.add_argument("--month", required=True, type=_month, metavar="YYYY-MM")
    p.set_defaults(func=cmd_settlement_show)
    for action, label in (("verify", _("核定某月结算")), ("approve", _("审批某月结算")),
                          ("return", _("将某月结算退回草稿"))):
        p = set_sub.add_parser(action, parents=[common], help=str(label))
        p.add_argument("--month", required=True, type=_month, metavar="YYYY-MM")
        if action == "return":
            p.add_argument("--reason", required=True, help=str(_("退回原因")))
        p.set_defaults(func=cmd_settlement_step)
    p = set_sub.add_parser("pay", parents=[common], help=str(_("登记一个结算行的拨付")))
    p.add_argument("--line", required=True, type=int, help=str(_("结算行编号（见 show）")))
    p.add_argument("--date", required=True, type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--reference", required=True, help=str(_("银行流水号")))
    p.set_defaults(func=cmd_settlement_pay)
    p = set_sub.add_parser("adjust", parents=[common],
                           help=str(_("在草稿结算中增加调整行，更正以前月份的结算行")))
    p.add_argument("--month", required=True, type=_month, metavar="YYYY-MM")
    p.add_argument("--corrects", required=True, type=int, help=str(_("被更正的结算行编号")))
    p.add_argument("--amount", required=True, help=str(_("补贴调整金额（元，可为负数）")))
    p.add_argument("--reason", required=True, help=str(_("调整原因")))
    p.set_defaults(func=cmd_settlement_adjust)
    p = set_sub.add_parser("remove-adjustment", parents=[common],
                           help=str(_("删除草稿结算中误增的调整行")))
    p.add_argument("--line", required=True, type=int, help=str(_("调整行编号（见 show）")))
    p.add_argument("--reason", required=True, help=str(_("删除原因")))
    p.set_defaults(func=cmd_settlement_remove_adjustment)
    p = set_sub.add_parser(
        "export", parents=[common],
        help=str(_("输出某月结算：汇总表 (summary: .pdf/.xlsx)、场馆对账单 (statements: "
                   ".pdf/.xlsx)、银行付款清单 (bank: .xlsx/.csv，GB18030)")))
    p.add_argument("--month", required=True, type=_month, metavar="YYYY-MM")
    p.add_argument("--kind", required=True, choices=tuple(settlement_outputs.KINDS),
                   help=str(_("输出哪一种；文件格式由 --out 的扩展名决定")))
    p.add_argument("--out", required=True, metavar="FILE",
                   help=str(_("输出文件（--split 时为文件夹）")))
    p.add_argument("--split", action="store_true",
                   help=str(_("场馆对账单每个场馆一个 PDF，写入 --out 文件夹")))
    p.add_argument("--venue", type=int, metavar="ID", help=str(_("只输出这个场馆的对账单")))
    p.set_defaults(func=cmd_settlement_export)

    p_report = sub.add_parser("report", help=str(_("统计报告")))
    report_sub = p_report.add_subparsers(dest="command", required=True, metavar="REPORT")
    p = report_sub.add_parser("evaluation", parents=[common],
                              help=str(_("体育消费券实施效果评估报告（月度、季度、年度；PDF 或 "
                                         ".xlsx）")))
    p.add_argument("--from", dest="date_from", required=True, type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", required=True, type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--out", required=True, type=Path, metavar="FILE",
                   help=str(_("输出文件（.pdf 或 .xlsx）")))
    p.set_defaults(func=cmd_report_evaluation)
    p_stat = sub.add_parser("statistics", help=str(_("统计分析")))
    stat_sub = p_stat.add_subparsers(dest="command", required=True, metavar="ACTION")
    p = stat_sub.add_parser("refresh", parents=[common],
                            help=str(_("从消费券台账重建统计数据")))
    p.set_defaults(func=cmd_statistics_refresh)
    p = stat_sub.add_parser("summary", parents=[common],
                            help=str(_("显示一段时间的主要指标（默认今年至今）")))
    p.add_argument("--from", dest="since", type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--to", type=_day, metavar="YYYY-MM-DD")
    p.set_defaults(func=cmd_statistics_summary)

    p_warn = sub.add_parser("warnings", help=str(_("预警")))
    warn_sub = p_warn.add_subparsers(dest="command", required=True, metavar="ACTION")
    p = warn_sub.add_parser("scan", parents=[common],
                            help=str(_("扫描预警信号（默认最近31天）")))
    p.add_argument("--from", dest="since", type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--to", type=_day, metavar="YYYY-MM-DD")
    p.set_defaults(func=cmd_warnings_scan)
    p = warn_sub.add_parser("list", parents=[common], help=str(_("列出预警（最新的在前）")))
    p.add_argument("--subdistrict", metavar="NAME", help=str(_("街镇名称或代码")))
    p.add_argument("--venue", type=int, metavar="ID", help=str(_("场馆编号")))
    p.add_argument("--signal", choices=Signal.codes())
    p.add_argument("--state", choices=WarningState.codes())
    p.add_argument("--from", dest="since", type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--to", type=_day, metavar="YYYY-MM-DD")
    p.set_defaults(func=cmd_warnings_list)
    p = warn_sub.add_parser("sheet", parents=[common], help=str(_("输出预警核查单（PDF）")))
    p.add_argument("id", type=int, metavar="ID", help=str(_("预警编号")))
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    p.set_defaults(func=cmd_warnings_sheet)
    p = warn_sub.add_parser("lines", parents=[common],
                            help=str(_("列出警戒线（每个场馆每日核销张数）；--set 新增一个版本")))
    p.add_argument("--set", type=int, metavar="N", help=str(_("新的警戒线（张/日）")))
    p.add_argument("--venue", type=int, metavar="ID",
                   help=str(_("场馆编号（不填：全区默认警戒线）")))
    p.add_argument("--from-capacity", action="store_true",
                   help=str(_("为每个定点场馆按其容量设置警戒线")))
    p.add_argument("--from", dest="effective_from", type=_day, metavar="YYYY-MM-DD",
                   default=clock.today(), help=str(_("生效日期（默认今天；不能早于今天）")))
    p.set_defaults(func=cmd_warnings_lines)
    p = warn_sub.add_parser("parameters", parents=[common],
                            help=str(_("查看或设置预警信号的参数（按生效日期分版本）")))
    p.add_argument("--set", nargs="+", metavar="SIGNAL NAME=VALUE",
                   help=str(_("设置一个信号的参数：信号代码后跟 名称=值（未给出的参数沿用）")))
    p.add_argument("--from", dest="since", type=_day, metavar="YYYY-MM-DD",
                   help=str(_("新参数的生效日期（默认今天，不能早于今天）")))
    p.set_defaults(func=cmd_warnings_parameters)

    p = stat_sub.add_parser(
        "whatif", parents=[common],
        help=str(_("规则调整测算：按调整后的参数重新计算一段时期的结算（只读，不改动数据）")))
    p.add_argument("--from", dest="since", required=True, type=_day, metavar="YYYY-MM-DD",
                   help=str(_("测算期开始（按所在月份的结算）")))
    p.add_argument("--to", required=True, type=_day, metavar="YYYY-MM-DD",
                   help=str(_("测算期结束（按所在月份的结算）")))
    for option, dest, label in (("--weekly-claim-limit", "weekly_claim_limit", _("每周领取上限")),
                                ("--max-held", "max_held", _("持有未使用券上限")),
                                ("--daily-use-cap", "daily_use_cap", _("每日使用上限")),
                                ("--weekly-use-cap", "weekly_use_cap", _("每周使用上限")),
                                ("--weekly-large-limit", "weekly_large_limit",
                                 _("每周大额券领取上限"))):
        p.add_argument(option, dest=dest, type=int, metavar="N", help=str(label))
    p.add_argument("--min-order", nargs="+", metavar="FACE=YUAN",
                   help=str(_("某面值的使用门槛（元）")))
    p.add_argument("--subsidy", nargs="+", metavar="FACE=YUAN",
                   help=str(_("某面值的政府补贴（元；场馆让利为其余）")))
    p.add_argument("--budget", nargs="+", metavar="BATCH=YUAN",
                   help=str(_("某批次的预算（元；用尽后的券不予支付）")))
    p.set_defaults(func=cmd_statistics_whatif)

    p_insp = sub.add_parser("inspections", help=str(_("场馆监督巡查")))
    insp_sub = p_insp.add_subparsers(dest="command", required=True, metavar="ACTION")
    p = insp_sub.add_parser("templates", parents=[common], help=str(_("列出巡查检查表")))
    p.set_defaults(func=cmd_inspections_templates)
    p = insp_sub.add_parser("plan", parents=[common],
                            help=str(_("制定巡查计划：把场馆分配给巡查员")))
    p.add_argument("--venue", required=True, type=int, action="append", metavar="ID",
                   help=str(_("场馆编号（可重复）")))
    p.add_argument("--inspector", required=True, metavar="USER", help=str(_("巡查员用户名")))
    p.add_argument("--due", required=True, type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--name", default="", help=str(_("计划名称")))
    p.add_argument("--note", default="", help=str(_("备注")))
    p.add_argument("--announced", action="store_true", help=str(_("事先通知场馆（默认不打招呼）")))
    p.set_defaults(func=cmd_inspections_plan)
    p = insp_sub.add_parser("list", parents=[common], help=str(_("列出巡查记录")))
    p.set_defaults(func=cmd_inspections_list)
    p = insp_sub.add_parser("show", parents=[common], help=str(_("显示一条巡查记录")))
    p.add_argument("--id", required=True, type=int)
    p.set_defaults(func=cmd_inspections_show)
    p = insp_sub.add_parser(
        "report", parents=[common],
        help=str(_("输出监督巡查情况汇总（--from --to，.pdf/.xlsx），或一条巡查记录"
                   "（--inspection）、一份整改通知书（--order）的 PDF")))
    p.add_argument("--from", dest="date_from", type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--inspection", type=int, metavar="ID")
    p.add_argument("--order", type=int, metavar="ID")
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    p.set_defaults(func=cmd_inspections_report)
    p = insp_sub.add_parser("checkout", parents=[common],
                            help=str(_("带离线：把巡查任务带到一个离线文件，在没有网络的现场登记")))
    p.add_argument("--assignment", required=True, type=int, action="append", metavar="ID",
                   help=str(_("巡查任务编号（可重复）")))
    p.add_argument("--out", required=True, type=Path, metavar="FILE",
                   help=str(_("离线文件（新文件，如 巡查.jdoffline）")))
    p.add_argument("--password-stdin", action="store_true",
                   help=str(_("从标准输入读取离线文件的登录密码（PostgreSQL 上不给则生成一个）")))
    p.set_defaults(func=cmd_inspections_checkout)
    p = insp_sub.add_parser("checkin", parents=[common],
                            help=str(_("离线数据回传：把离线文件中的巡查记录写入本数据库")))
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(func=cmd_inspections_checkin)

    p_agr = sub.add_parser("agreements", help=str(_("三方协议")))
    agr_sub = p_agr.add_subparsers(dest="command", required=True, metavar="ACTION")
    p = agr_sub.add_parser("expire", parents=[common],
                           help=str(_("将期限已满的生效协议标记为到期（定时任务）")))
    p.set_defaults(func=cmd_agreements_expire)

    p_audit = sub.add_parser("audit", help=str(_("审计日志")))
    audit_sub = p_audit.add_subparsers(dest="command", required=True, metavar="ACTION")
    p = audit_sub.add_parser("verify", parents=[common],
                             help=str(_("重新计算哈希链，找出被修改、删除或调换次序的记录")))
    p.set_defaults(func=cmd_audit_verify)
    p = audit_sub.add_parser("export", parents=[common],
                             help=str(_("导出一段时间的审计日志 (.xlsx)，附链头哈希")))
    p.add_argument("--from", dest="since", required=True, type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="until", required=True, type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--out", required=True, metavar="FILE")
    p.set_defaults(func=cmd_audit_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    i18n.set_language(i18n.language_from_environment())
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except CliError as exc:
        print(_("错误：{exc}", exc=exc), file=sys.stderr)
        return exc.code
    except (DatabaseUnavailable, AuthenticationFailed) as exc:
        print(_("错误：{exc}", exc=exc), file=sys.stderr)
        return 4
    except OperationalError as exc:  # e.g. `db current` on a server that is down
        print(_("错误：无法连接数据库：{error}", error=_first_line(exc)), file=sys.stderr)
        return 4
    except UserError as exc:
        print(_("错误：{exc}", exc=exc), file=sys.stderr)
        return 1

"""The ``jd-admin`` commands themselves (:mod:`jd_admin.cli` parses the arguments and imports
this module only once a command runs, so that ``--help`` and ``--version`` start fast).

Each command takes ``--database-url``, prints a human summary, exits non-zero with a one-line
reason on failure, and never leaves a half-done change behind (one transaction per command).
"""


from __future__ import annotations

import argparse
import datetime as dt
import getpass
import logging
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from jd_admin import db
from jd_admin.cli_args import EXIT_ROWS_REJECTED, EXIT_TOO_MANY_REJECTED, CliError, _first_line
from jd_admin.config import DatabaseTarget, PseudonymKeyMissing, resolve_database
from jd_admin.domain.errors import DatabaseUnavailable
from jd_admin.domain.inspections import (
    Area,
    InspectionResult,
    InspectionState,
    ItemKind,
    OrderState,
    TemplateState,
)
from jd_admin.domain.permissions import Action
from jd_admin.domain.settlement import month_label
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


def _open(args: argparse.Namespace) -> tuple[DatabaseTarget, db.Database]:
    try:
        target = resolve_database(getattr(args, "database_url", None))
    except ValueError as exc:
        raise CliError(str(exc), 2) from None
    return target, db.Database(target, db.make_engine(target.url))


def _require_current(database: db.Database) -> None:
    """A damaged SQLite file, a newer program's database, an older one: refused, each with
    the way out (:func:`db.check_file`)."""
    try:
        current = db.check_file(database)
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
        current = db.check_file(database)
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


def _progress_line() -> Callable[[int, str], None]:
    """A progress callback printing each step to stderr with the seconds since the start, so
    a long step (or a stall) shows where it is; stdout keeps the summary alone."""
    started = time.monotonic()

    def report(_done: int, text: str) -> None:
        print(f"[{time.monotonic() - started:7.1f} s] {text}", file=sys.stderr, flush=True)

    return report


def cmd_vouchers_import(args: argparse.Namespace) -> int:
    path = Path(args.file)

    def run(s: Session, actor: Actor) -> int:
        try:
            summary = voucher_import.import_vouchers(s, actor, path, progress=_progress_line())
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

"""``jd-admin``: the headless commands, for scheduled jobs, scripts and the tests.

Each command takes ``--database-url``, prints a human summary, exits non-zero with a one-line
reason on failure, and never leaves a half-done change behind (one transaction per command).

Who acts: on PostgreSQL the login role in the URL (the server checks it); a login role that is
not a jd_admin user (the DBA) acts as the system administrator. On SQLite whoever can write the
file acts as the system administrator, recorded as ``cli:<OS user>``.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from jd_admin import __version__, i18n
from jd_admin.cli_args import (
    EXIT_ROWS_REJECTED,
    EXIT_TOO_MANY_REJECTED,
    CliError,
    _budget,
    _day,
    _face_count,
    _moment,
    _month,
    _non_negative,
    _reject_limit,
)
from jd_admin.domain.errors import (
    AuthenticationFailed,
    DatabaseOutdated,
    DatabaseUnavailable,
    UserError,
)
from jd_admin.domain.recruitment import APPLICATION_WORKFLOW
from jd_admin.domain.roles import Role
from jd_admin.domain.settlement import OUTPUT_KINDS
from jd_admin.domain.text import _
from jd_admin.domain.vouchers import BatchState
from jd_admin.domain.warnings import Signal, WarningState
from jd_admin.services import clock
from jd_admin.services.demo import DEFAULT_VOUCHERS


def _cmd(name: str) -> Callable[[argparse.Namespace], int]:
    """The command ``name`` of :mod:`jd_admin.cli_commands`, imported when it runs (the
    database, the services and the reports are not loaded for ``--help``)."""

    def run(args: argparse.Namespace) -> int:
        from jd_admin import cli_commands

        return int(getattr(cli_commands, name)(args))

    run.__name__ = name
    return run


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
    p.set_defaults(func=_cmd("cmd_db_upgrade"))
    p = db_sub.add_parser("downgrade", parents=[common],
                          help=str(_("降级到指定版本（base 为空库）")))
    p.add_argument("revision")
    p.set_defaults(func=_cmd("cmd_db_downgrade"))
    p = db_sub.add_parser("current", parents=[common], help=str(_("显示当前版本")))
    p.set_defaults(func=_cmd("cmd_db_current"))

    p = sub.add_parser("backup", parents=[common],
                       help=str(_("备份数据库：SQLite 在线备份，PostgreSQL 用 pg_dump"
                                  "（自定义格式）；另写一个说明文件 FILE.manifest.json")))
    p.add_argument("--out", required=True, metavar="FILE", help=str(_("备份文件（新文件）")))
    p.set_defaults(func=_cmd("cmd_backup"))
    p = sub.add_parser("restore", parents=[common],
                       help=str(_("从备份恢复数据库（核对校验值、完整性与数据库版本）")))
    p.add_argument("file", metavar="FILE", help=str(_("备份文件（说明文件须在其旁边）")))
    p.add_argument("--force", action="store_true",
                   help=str(_("数据库不是空的也恢复：替换其中的全部数据")))
    p.set_defaults(func=_cmd("cmd_restore"))

    p = sub.add_parser("demo-data", parents=[common], help=str(_("生成演示街镇、场馆和各角色用户"
                                                                 "（可重复运行）")))
    p.add_argument("--vouchers", type=_non_negative, default=DEFAULT_VOUCHERS,
                   metavar="N",
                   help=str(_("演示年度的消费券张数（约数，默认 {n}；0 为不生成批次和消费券）",
                              n=DEFAULT_VOUCHERS)))
    p.set_defaults(func=_cmd("cmd_demo_data"))

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
    p.set_defaults(func=_cmd("cmd_user_add"))
    p = user_sub.add_parser("list", parents=[common], help=str(_("列出用户")))
    p.set_defaults(func=_cmd("cmd_user_list"))
    p = user_sub.add_parser("reset-password", parents=[common], help=str(_("重置密码（下次登录须"
                                                                           "修改）")))
    p.add_argument("name")
    p.add_argument("--password-stdin", action="store_true")
    p.set_defaults(func=_cmd("cmd_user_reset_password"))
    for action, label in (("enable", _("启用用户")), ("disable", _("停用用户"))):
        p = user_sub.add_parser(action, parents=[common], help=str(label))
        p.add_argument("name")
        p.add_argument("--reason", required=True, help=str(_("原因（记入审计日志）")))
        p.set_defaults(func=_cmd("cmd_user_set_active"))
    p = user_sub.add_parser("unlock", parents=[common], help=str(_("解除密码错误造成的锁定")))
    p.add_argument("name")
    p.set_defaults(func=_cmd("cmd_user_unlock"))
    p_app = sub.add_parser("applications", help=str(_("场馆自荐申请")))
    app_sub = p_app.add_subparsers(dest="command", required=True, metavar="ACTION")
    p = app_sub.add_parser("template", parents=[common], help=str(_("生成自荐申请表 Excel 模板")))
    p.add_argument("out", metavar="OUT.xlsx")
    p.set_defaults(func=_cmd("cmd_applications_template"))
    p = app_sub.add_parser("import", parents=[common],
                           help=str(_("导入填好的自荐申请表，登记为草稿")))
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument("--call", type=int, required=True, help=str(_("招募公告编号")))
    p.add_argument("--as-user", help=str(_("以该街镇用户的身份登记（仅 SQLite）")))
    p.set_defaults(func=_cmd("cmd_applications_import"))
    p = app_sub.add_parser("list", parents=[common], help=str(_("列出自荐申请")))
    p.add_argument("--status", choices=APPLICATION_WORKFLOW.states.codes())
    p.add_argument("--as-user", help=str(_("以该用户的视角列出（仅 SQLite）")))
    p.set_defaults(func=_cmd("cmd_applications_list"))

    p_venues = sub.add_parser("venues", help=str(_("定点场馆名录")))
    venues_sub = p_venues.add_subparsers(dest="command", required=True, metavar="ACTION")
    p = venues_sub.add_parser("export", parents=[common], help=str(_("导出名录（健身地图、全嘉云"
                                                                     "动小程序）")))
    p.add_argument("--format", required=True, choices=["geojson", "xlsx"])
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--all", action="store_true", help=str(_("包括暂停、退出及无生效协议的场馆")))
    p.set_defaults(func=_cmd("cmd_venues_export"))

    p_v = sub.add_parser("vouchers", help=str(_("消费券数据")))
    v_sub = p_v.add_subparsers(dest="command", required=True, metavar="ACTION")
    p = v_sub.add_parser("template", parents=[common], help=str(_("生成平台数据导入模板 (.xlsx)")))
    p.add_argument("out", metavar="OUT.xlsx")
    p.set_defaults(func=_cmd("cmd_vouchers_template"))
    p = v_sub.add_parser(
        "import", parents=[common], help=str(_("导入平台的领券与核销数据 (.xlsx / .csv)")),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=str(_("退出码：0 全部导入；{rejected} 已导入，但有行被拒绝（见错误报告）；"
                     "{refused} 被拒绝的行超过 --max-rejected，整个文件未导入；"
                     "1 没有可导入的数据或其他错误；2 参数错误；3 数据库未升级；"
                     "4 无法连接数据库或连接中断",
                     rejected=EXIT_ROWS_REJECTED, refused=EXIT_TOO_MANY_REJECTED)))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--max-rejected", type=_reject_limit, metavar="N|P%",
                   help=str(_("被拒绝的行超过 N 行或数据行的 P%% 时整个文件不导入"
                              "（数据库不作任何更改，退出码 {code}）",
                              code=EXIT_TOO_MANY_REJECTED)))
    p.set_defaults(func=_cmd("cmd_vouchers_import"))
    p = v_sub.add_parser("check", parents=[common], help=str(_("规则调整后重新核查全部消费券")))
    p.set_defaults(func=_cmd("cmd_vouchers_check"))

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
    p.set_defaults(func=_cmd("cmd_batches_add"))
    p = b_sub.add_parser("list", parents=[common], help=str(_("列出发放批次及预算占用")))
    p.add_argument("--status", choices=BatchState.codes())
    p.set_defaults(func=_cmd("cmd_batches_list"))
    p = b_sub.add_parser("activate", parents=[common], help=str(_("开始发放（草稿 → 发放中）")))
    p.add_argument("code", metavar="CODE")
    p.set_defaults(func=_cmd("cmd_batches_set_status"), target=BatchState.ACTIVE.value)
    p = b_sub.add_parser("close", parents=[common], help=str(_("关闭批次（发放中 → 已关闭）")))
    p.add_argument("code", metavar="CODE")
    p.set_defaults(func=_cmd("cmd_batches_set_status"), target=BatchState.CLOSED.value)

    p_set = sub.add_parser("settlement", help=str(_("月度结算")))
    set_sub = p_set.add_subparsers(dest="command", required=True, metavar="ACTION")
    p = set_sub.add_parser("generate", parents=[common],
                           help=str(_("生成（或重新生成草稿）某月的结算")))
    p.add_argument("--month", required=True, type=_month, metavar="YYYY-MM")
    p.set_defaults(func=_cmd("cmd_settlement_generate"))
    p = set_sub.add_parser("list", parents=[common], help=str(_("列出各月结算及其状态")))
    p.set_defaults(func=_cmd("cmd_settlement_list"))
    p = set_sub.add_parser("show", parents=[common], help=str(_("显示某月结算的各行")))
    p.add_argument("--month", required=True, type=_month, metavar="YYYY-MM")
    p.set_defaults(func=_cmd("cmd_settlement_show"))
    for action, label in (("verify", _("核定某月结算")), ("approve", _("审批某月结算")),
                          ("return", _("将某月结算退回草稿"))):
        p = set_sub.add_parser(action, parents=[common], help=str(label))
        p.add_argument("--month", required=True, type=_month, metavar="YYYY-MM")
        if action == "return":
            p.add_argument("--reason", required=True, help=str(_("退回原因")))
        p.set_defaults(func=_cmd("cmd_settlement_step"))
    p = set_sub.add_parser("pay", parents=[common], help=str(_("登记一个结算行的拨付")))
    p.add_argument("--line", required=True, type=int, help=str(_("结算行编号（见 show）")))
    p.add_argument("--date", required=True, type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--reference", required=True, help=str(_("银行流水号")))
    p.set_defaults(func=_cmd("cmd_settlement_pay"))
    p = set_sub.add_parser("adjust", parents=[common],
                           help=str(_("在草稿结算中增加调整行，更正以前月份的结算行")))
    p.add_argument("--month", required=True, type=_month, metavar="YYYY-MM")
    p.add_argument("--corrects", required=True, type=int, help=str(_("被更正的结算行编号")))
    p.add_argument("--amount", required=True, help=str(_("补贴调整金额（元，可为负数）")))
    p.add_argument("--reason", required=True, help=str(_("调整原因")))
    p.set_defaults(func=_cmd("cmd_settlement_adjust"))
    p = set_sub.add_parser("remove-adjustment", parents=[common],
                           help=str(_("删除草稿结算中误增的调整行")))
    p.add_argument("--line", required=True, type=int, help=str(_("调整行编号（见 show）")))
    p.add_argument("--reason", required=True, help=str(_("删除原因")))
    p.set_defaults(func=_cmd("cmd_settlement_remove_adjustment"))
    p = set_sub.add_parser(
        "export", parents=[common],
        help=str(_("输出某月结算：汇总表 (summary: .pdf/.xlsx)、场馆对账单 (statements: "
                   ".pdf/.xlsx)、银行付款清单 (bank: .xlsx/.csv，GB18030)")))
    p.add_argument("--month", required=True, type=_month, metavar="YYYY-MM")
    p.add_argument("--kind", required=True, choices=tuple(OUTPUT_KINDS),
                   help=str(_("输出哪一种；文件格式由 --out 的扩展名决定")))
    p.add_argument("--out", required=True, metavar="FILE",
                   help=str(_("输出文件（--split 时为文件夹）")))
    p.add_argument("--split", action="store_true",
                   help=str(_("场馆对账单每个场馆一个 PDF，写入 --out 文件夹")))
    p.add_argument("--venue", type=int, metavar="ID", help=str(_("只输出这个场馆的对账单")))
    p.set_defaults(func=_cmd("cmd_settlement_export"))

    p_report = sub.add_parser("report", help=str(_("统计报告")))
    report_sub = p_report.add_subparsers(dest="command", required=True, metavar="REPORT")
    p = report_sub.add_parser("evaluation", parents=[common],
                              help=str(_("体育消费券实施效果评估报告（月度、季度、年度；PDF 或 "
                                         ".xlsx）")))
    p.add_argument("--from", dest="date_from", required=True, type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", required=True, type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--out", required=True, type=Path, metavar="FILE",
                   help=str(_("输出文件（.pdf 或 .xlsx）")))
    p.set_defaults(func=_cmd("cmd_report_evaluation"))
    p_stat = sub.add_parser("statistics", help=str(_("统计分析")))
    stat_sub = p_stat.add_subparsers(dest="command", required=True, metavar="ACTION")
    p = stat_sub.add_parser("refresh", parents=[common],
                            help=str(_("从消费券台账重建统计数据")))
    p.set_defaults(func=_cmd("cmd_statistics_refresh"))
    p = stat_sub.add_parser("summary", parents=[common],
                            help=str(_("显示一段时间的主要指标（默认今年至今）")))
    p.add_argument("--from", dest="since", type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--to", type=_day, metavar="YYYY-MM-DD")
    p.set_defaults(func=_cmd("cmd_statistics_summary"))

    p_warn = sub.add_parser("warnings", help=str(_("预警")))
    warn_sub = p_warn.add_subparsers(dest="command", required=True, metavar="ACTION")
    p = warn_sub.add_parser("scan", parents=[common],
                            help=str(_("扫描预警信号（默认最近31天）")))
    p.add_argument("--from", dest="since", type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--to", type=_day, metavar="YYYY-MM-DD")
    p.set_defaults(func=_cmd("cmd_warnings_scan"))
    p = warn_sub.add_parser("list", parents=[common], help=str(_("列出预警（最新的在前）")))
    p.add_argument("--subdistrict", metavar="NAME", help=str(_("街镇名称或代码")))
    p.add_argument("--venue", type=int, metavar="ID", help=str(_("场馆编号")))
    p.add_argument("--signal", choices=Signal.codes())
    p.add_argument("--state", choices=WarningState.codes())
    p.add_argument("--from", dest="since", type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--to", type=_day, metavar="YYYY-MM-DD")
    p.set_defaults(func=_cmd("cmd_warnings_list"))
    p = warn_sub.add_parser("sheet", parents=[common], help=str(_("输出预警核查单（PDF）")))
    p.add_argument("id", type=int, metavar="ID", help=str(_("预警编号")))
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    p.set_defaults(func=_cmd("cmd_warnings_sheet"))
    p = warn_sub.add_parser("lines", parents=[common],
                            help=str(_("列出警戒线（每个场馆每日核销张数）；--set 新增一个版本")))
    p.add_argument("--set", type=int, metavar="N", help=str(_("新的警戒线（张/日）")))
    p.add_argument("--venue", type=int, metavar="ID",
                   help=str(_("场馆编号（不填：全区默认警戒线）")))
    p.add_argument("--from-capacity", action="store_true",
                   help=str(_("为每个定点场馆按其容量设置警戒线")))
    p.add_argument("--from", dest="effective_from", type=_day, metavar="YYYY-MM-DD",
                   default=clock.today(), help=str(_("生效日期（默认今天；不能早于今天）")))
    p.set_defaults(func=_cmd("cmd_warnings_lines"))
    p = warn_sub.add_parser("parameters", parents=[common],
                            help=str(_("查看或设置预警信号的参数（按生效日期分版本）")))
    p.add_argument("--set", nargs="+", metavar="SIGNAL NAME=VALUE",
                   help=str(_("设置一个信号的参数：信号代码后跟 名称=值（未给出的参数沿用）")))
    p.add_argument("--from", dest="since", type=_day, metavar="YYYY-MM-DD",
                   help=str(_("新参数的生效日期（默认今天，不能早于今天）")))
    p.set_defaults(func=_cmd("cmd_warnings_parameters"))

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
    p.set_defaults(func=_cmd("cmd_statistics_whatif"))

    p_insp = sub.add_parser("inspections", help=str(_("场馆监督巡查")))
    insp_sub = p_insp.add_subparsers(dest="command", required=True, metavar="ACTION")
    p = insp_sub.add_parser("templates", parents=[common], help=str(_("列出巡查检查表")))
    p.set_defaults(func=_cmd("cmd_inspections_templates"))
    p = insp_sub.add_parser("plan", parents=[common],
                            help=str(_("制定巡查计划：把场馆分配给巡查员")))
    p.add_argument("--venue", required=True, type=int, action="append", metavar="ID",
                   help=str(_("场馆编号（可重复）")))
    p.add_argument("--inspector", required=True, metavar="USER", help=str(_("巡查员用户名")))
    p.add_argument("--due", required=True, type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--name", default="", help=str(_("计划名称")))
    p.add_argument("--note", default="", help=str(_("备注")))
    p.add_argument("--announced", action="store_true", help=str(_("事先通知场馆（默认不打招呼）")))
    p.set_defaults(func=_cmd("cmd_inspections_plan"))
    p = insp_sub.add_parser("list", parents=[common], help=str(_("列出巡查记录")))
    p.set_defaults(func=_cmd("cmd_inspections_list"))
    p = insp_sub.add_parser("show", parents=[common], help=str(_("显示一条巡查记录")))
    p.add_argument("--id", required=True, type=int)
    p.set_defaults(func=_cmd("cmd_inspections_show"))
    p = insp_sub.add_parser(
        "report", parents=[common],
        help=str(_("输出监督巡查情况汇总（--from --to，.pdf/.xlsx），或一条巡查记录"
                   "（--inspection）、一份整改通知书（--order）的 PDF")))
    p.add_argument("--from", dest="date_from", type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--inspection", type=int, metavar="ID")
    p.add_argument("--order", type=int, metavar="ID")
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    p.set_defaults(func=_cmd("cmd_inspections_report"))
    p = insp_sub.add_parser("checkout", parents=[common],
                            help=str(_("带离线：把巡查任务带到一个离线文件，在没有网络的现场登记")))
    p.add_argument("--assignment", required=True, type=int, action="append", metavar="ID",
                   help=str(_("巡查任务编号（可重复）")))
    p.add_argument("--out", required=True, type=Path, metavar="FILE",
                   help=str(_("离线文件（新文件，如 巡查.jdoffline）")))
    p.add_argument("--password-stdin", action="store_true",
                   help=str(_("从标准输入读取离线文件的登录密码（PostgreSQL 上不给则生成一个）")))
    p.set_defaults(func=_cmd("cmd_inspections_checkout"))
    p = insp_sub.add_parser("checkin", parents=[common],
                            help=str(_("离线数据回传：把离线文件中的巡查记录写入本数据库")))
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(func=_cmd("cmd_inspections_checkin"))

    p_agr = sub.add_parser("agreements", help=str(_("三方协议")))
    agr_sub = p_agr.add_subparsers(dest="command", required=True, metavar="ACTION")
    p = agr_sub.add_parser("expire", parents=[common],
                           help=str(_("将期限已满的生效协议标记为到期（定时任务）")))
    p.set_defaults(func=_cmd("cmd_agreements_expire"))

    p_audit = sub.add_parser("audit", help=str(_("审计日志")))
    audit_sub = p_audit.add_subparsers(dest="command", required=True, metavar="ACTION")
    p = audit_sub.add_parser("verify", parents=[common],
                             help=str(_("重新计算哈希链，找出被修改、删除或调换次序的记录")))
    p.set_defaults(func=_cmd("cmd_audit_verify"))
    p = audit_sub.add_parser("export", parents=[common],
                             help=str(_("导出一段时间的审计日志 (.xlsx)，附链头哈希")))
    p.add_argument("--from", dest="since", required=True, type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="until", required=True, type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--out", required=True, metavar="FILE")
    p.set_defaults(func=_cmd("cmd_audit_export"))
    return parser


def _sqlite_file(args: argparse.Namespace) -> str | None:
    """The SQLite file of the command (None: PostgreSQL, or none configured)."""
    from jd_admin.config import resolve_database

    try:
        target = resolve_database(getattr(args, "database_url", None))
    except Exception:
        return None
    return target.url.database if target.is_sqlite else None


def _where(args: argparse.Namespace) -> str:
    """The database of the command as a user knows it (never with a password), or ''."""
    from jd_admin.config import resolve_database

    try:
        return resolve_database(getattr(args, "database_url", None)).display()
    except Exception:  # no database configured: the message names none
        return ""


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
    except DatabaseOutdated as exc:  # an older database, or a newer program's
        print(_("错误：{exc}", exc=exc), file=sys.stderr)
        return 3
    except UserError as exc:
        print(_("错误：{exc}", exc=exc), file=sys.stderr)
        return 1
    except Exception as exc:
        from jd_admin.db import sqlite_problem
        from jd_admin.services.dberrors import classify

        damaged = sqlite_problem(exc, _sqlite_file(args))  # a SQLite file damaged under it
        if damaged is not None:
            print(_("错误：{exc}", exc=damaged), file=sys.stderr)
            return 1
        # e.g. `db current` on a server that is down, an import cut off by a server restart,
        # a read-only SQLite file: said as what it is (services/dberrors.py), never a traceback
        diagnosis = classify(exc, _where(args))
        if diagnosis is None:
            raise
        print(_("错误：{exc}", exc=diagnosis.message), file=sys.stderr)
        return 4 if diagnosis.failure.reconnect else 1

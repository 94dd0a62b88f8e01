"""The voucher ledger (消费券台账): batches, citizen groups, a voucher's state and its flags."""

from __future__ import annotations

from jd_admin.domain.codes import Coded
from jd_admin.domain.roles import Role
from jd_admin.domain.text import _
from jd_admin.domain.workflow import Workflow, step

BUREAU = (Role.BUREAU_STAFF,)


class BatchState(Coded):
    """An issuance batch (发放批次)."""

    DRAFT = "draft", _("草稿")
    ACTIVE = "active", _("发放中")
    CLOSED = "closed", _("已关闭")


BATCH_WORKFLOW = Workflow("issuance_batch", BatchState, BatchState.DRAFT, [
    step(BatchState.DRAFT, BatchState.ACTIVE, BUREAU, _("开始发放"), comment_required=False),
    step(BatchState.ACTIVE, BatchState.CLOSED, BUREAU, _("关闭"), comment_required=False),
])


class CitizenGroup(Coded):
    """A citizen group a special voucher may be restricted to (人群类别)."""

    SENIOR = "senior", _("60岁以上老年人")
    YOUTH = "youth", _("青少年")
    DISABLED = "disabled", _("残疾人")


#: The words the platform's file uses for each group (column 人群类别).
GROUP_FILE_WORDS: dict[str, CitizenGroup] = {
    "老年人": CitizenGroup.SENIOR, "青少年": CitizenGroup.YOUTH, "残疾人": CitizenGroup.DISABLED,
}


class RestrictionKind(Coded):
    """What a special voucher is restricted to (专项券限制)."""

    SPORT = "sport", _("运动项目")
    GROUP = "group", _("人群")


class VoucherState(Coded):
    """A voucher's own state (derived from its times, not stored)."""

    UNUSED = "unused", _("未使用")
    REDEEMED = "redeemed", _("已核销")
    EXPIRED = "expired", _("已过期")


class Flag(Coded):
    """A rule check's finding on a voucher (规则标记); holds the voucher out of settlement."""

    VENUE = "VENUE", _("核销场馆当时不是定点场馆或无生效协议（规则二）")
    EXPIRED = "EXPIRED", _("超过有效期（领取后 168 小时）才核销（规则三）")
    WEEKLY_CLAIMS = "WEEKLY_CLAIMS", _("同一自然周领取超过限额（规则三）")
    MAX_HELD = "MAX_HELD", _("领取时已持有未使用的券达到上限（规则三）")
    DAILY_USE = "DAILY_USE", _("同一天使用超过限额（规则四）")
    WEEKLY_USE = "WEEKLY_USE", _("同一自然周使用超过限额（规则四）")
    WEEKLY_LARGE = "WEEKLY_LARGE", _("同一自然周领取大额券（50、80元）超过限额（规则四）")
    MIN_ORDER = "MIN_ORDER", _("订单金额未达到使用门槛")
    PAID_MISMATCH = "PAID_MISMATCH", _("实付金额不等于订单金额减面值")
    RESTRICTED_SPORT = "RESTRICTED_SPORT", _("专项券用于限定以外的运动项目（规则五）")
    RESTRICTED_GROUP = "RESTRICTED_GROUP", _("专项券由限定人群以外的市民领取（规则五）")
    CLAIM_WINDOW = "CLAIM_WINDOW", _("领取时间不在批次的领取期内")
    OVER_ISSUED = "OVER_ISSUED", _("超出批次该面值的发放数量")
    FUTURE_USE = "FUTURE_USE", _("核销时间晚于导入时间（尚未发生的核销）")


#: Checked over whole batches (the claims of every citizen count), not per citizen.
BATCH_WIDE_FLAGS = (Flag.OVER_ISSUED,)

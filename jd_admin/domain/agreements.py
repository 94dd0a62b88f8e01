"""Three-party agreements (三方合作协议: bureau, venue, platform operator)."""

from __future__ import annotations

from jd_admin.domain.codes import Coded
from jd_admin.domain.roles import Role
from jd_admin.domain.text import Text, _
from jd_admin.domain.workflow import Workflow, step

BUREAU = (Role.BUREAU_STAFF,)


class AgreementState(Coded):
    DRAFT = "draft", _("草稿")
    OUT_FOR_SIGNATURE = "out_for_signature", _("签署中")
    IN_FORCE = "in_force", _("生效")
    EXPIRED = "expired", _("已到期")
    TERMINATED = "terminated", _("已终止")


class Party(Coded):
    """The two parties besides the venue, whose identity the administrator sets."""

    BUREAU = "bureau", _("区体育局")
    OPERATOR = "operator", _("配送平台运营方")


#: What an agreement prints of the bureau and of the platform operator, all required: the
#: attribute of their settings (系统管理 → 协议当事方) and its label there.
PARTY_FIELDS: tuple[tuple[str, Text], ...] = (
    ("name", _("名称")),
    ("credit_code", _("统一社会信用代码")),
    ("address", _("地址")),
    ("representative", _("法定代表人/负责人")),
)
#: Where the administrator sets them (named in the refusal).
PARTY_SETTINGS_PLACE = _("系统管理 → 协议当事方")


def missing_party_fields(party: Party, values: dict[str, str] | None) -> list[Text]:
    """The required settings of ``party`` that are empty (all of them when it has none), each
    named with its party: 区体育局的法定代表人/负责人."""
    return [_("{party}的{field}", party=party.label, field=label)
            for name, label in PARTY_FIELDS
            if values is None or not (values.get(name) or "").strip()]


S = AgreementState
AGREEMENT_WORKFLOW = Workflow("agreement", AgreementState, S.DRAFT, [
    step(S.DRAFT, S.OUT_FOR_SIGNATURE, BUREAU, _("送签"), comment_required=False),
    step(S.OUT_FOR_SIGNATURE, S.IN_FORCE, BUREAU, _("确认生效"), comment_required=False),
    step(S.IN_FORCE, S.EXPIRED, BUREAU, _("到期"), comment_required=False),
    step(S.IN_FORCE, S.TERMINATED, BUREAU, _("终止")),
    step(S.OUT_FOR_SIGNATURE, S.TERMINATED, BUREAU, _("终止")),
    step(S.DRAFT, S.TERMINATED, BUREAU, _("作废")),
])

#: States of an agreement that has been (or still is) in force: signed, dates recorded.
SIGNED_STATES = (S.IN_FORCE, S.EXPIRED)
#: An agreement that started: in force, or ended after being in force or terminated.
ENDED_OR_IN_FORCE = (S.IN_FORCE, S.EXPIRED, S.TERMINATED)
#: An agreement in these states can be renewed (a new agreement pointing at it).
RENEWABLE_STATES = (S.IN_FORCE, S.EXPIRED)
#: Not yet in force: a venue has at most one such agreement at a time.
PENDING_STATES = (S.DRAFT, S.OUT_FOR_SIGNATURE)
#: Being prepared, signed or in force: the venue needs no new agreement.
OPEN_STATES = (S.DRAFT, S.OUT_FOR_SIGNATURE, S.IN_FORCE)
#: Signing dates and the signed scan are recorded only while out for signature.
SIGNING_STATES = (S.OUT_FOR_SIGNATURE,)

# Verbs of the audit log besides the workflow's steps (stored in Chinese, shown translated).
GENERATED = _("生成")
SIGNATURES_RECORDED = _("登记签署日期")
SCAN_UPLOADED = _("上传扫描件")
PARTY_SET = _("设置")

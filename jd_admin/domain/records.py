"""What a recorded row is about, for people: the record types of the audit trail.

The trail names a record by its table (rows the database's triggers write) or by the type a
service or an account function notes (``user``); each has a label here. A test keeps every
audited table labelled.
"""

from __future__ import annotations

from jd_admin.domain.codes import Coded
from jd_admin.domain.text import _
from jd_admin.domain.workflows import ALL_WORKFLOWS


class RecordType(Coded):
    USER = "user", _("用户账户")
    APP_USER = "app_user", _("用户账户（数据表）")
    APP_ROLE = "app_role", _("角色")
    SUBDISTRICT = "subdistrict", _("街镇")
    PARTY_SETTING = "party_setting", _("协议当事方")
    FACE_VALUE_RULE = "face_value_rule", _("面值表")
    USAGE_RULE = "usage_rule", _("使用规则")
    VOUCHER_RESTRICTION = "voucher_restriction", _("专项券限制")
    RECRUITMENT_CALL = "recruitment_call", _("招募公告")
    APPLICATION = "application", _("自荐申请")
    APPLICATION_SPORT = "application_sport", _("申请的运动项目")
    APPLICATION_COACH = "application_coach", _("申请的教练")
    ATTACHMENT = "attachment", _("附件")
    VENUE = "venue", _("场馆")
    VENUE_SPORT = "venue_sport", _("场馆的运动项目")
    VENUE_COACH = "venue_coach", _("场馆备案的教练")
    VENUE_STATUS_CHANGE = "venue_status_change", _("名录变更记录")
    AGREEMENT = "agreement", _("三方协议")
    AGREEMENT_NUMBER_COUNTER = "agreement_number_counter", _("协议编号计数")
    ISSUANCE_BATCH = "issuance_batch", _("发放批次")
    BATCH_FACE_VALUE = "batch_face_value", _("批次面值数量")
    VOUCHER_IMPORT = "voucher_import", _("消费券导入")
    CITIZEN = "citizen", _("市民（假名）")
    VOUCHER = "voucher", _("消费券")
    VOUCHER_VIOLATION = "voucher_violation", _("规则标记")
    SETTLEMENT = "settlement", _("月度结算")
    SETTLEMENT_LINE = "settlement_line", _("结算行")
    SETTLEMENT_ITEM = "settlement_item", _("结算的消费券")
    SETTLEMENT_EXCLUSION = "settlement_exclusion", _("结算未计入的消费券")
    CHECKLIST_TEMPLATE = "checklist_template", _("巡查检查表")
    CHECKLIST_ITEM = "checklist_item", _("检查表条目")
    INSPECTION_PLAN = "inspection_plan", _("巡查计划")
    INSPECTION_ASSIGNMENT = "inspection_assignment", _("巡查任务")
    INSPECTION = "inspection", _("巡查记录")
    INSPECTION_ITEM = "inspection_item", _("巡查条目结果")
    INSPECTION_PHOTO = "inspection_photo", _("巡查照片")
    RECTIFICATION_ORDER = "rectification_order", _("整改通知")
    ORDER_NUMBER_COUNTER = "order_number_counter", _("整改通知编号计数")
    TRAINING_SESSION = "training_session", _("场馆培训")
    TRAINING_ATTENDANCE = "training_attendance", _("培训参加场馆")
    INSPECTION_CHECKOUT = "inspection_checkout", _("离线巡查文件")
    ALERT_LINE = "alert_line", _("警戒线")
    SIGNAL_PARAMETER = "signal_parameter", _("预警参数")
    VENUE_WARNING = "venue_warning", _("预警")
    WARNING_VOUCHER = "warning_voucher", _("预警涉及的消费券")
    AUDIT_EVENT = "audit_event", _("审计日志")


def state_label(record_type: str, state: str | None) -> object:
    """The label of a recorded state of a record type with a workflow (else the code)."""
    if state is None:
        return ""
    for workflow in ALL_WORKFLOWS:
        if workflow.entity_type == record_type:
            return workflow.states.label_of(state)
    return state

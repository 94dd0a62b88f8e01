"""Venue recruitment (定点场馆招募): calls, self-recommendations and their review."""

from __future__ import annotations

from jd_admin.domain.codes import Coded
from jd_admin.domain.roles import Role
from jd_admin.domain.text import _
from jd_admin.domain.workflow import Workflow, step

SUBDISTRICT = (Role.SUBDISTRICT,)
BUREAU = (Role.BUREAU_STAFF,)


class CallState(Coded):
    """A recruitment call (招募公告)."""

    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    CLOSED = "closed", _("已截止")


class ApplicationState(Coded):
    """A venue's self-recommendation (自荐申请)."""

    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    SUBDISTRICT_APPROVED = "subdistrict_approved", _("街镇审核通过")
    BUREAU_APPROVED = "bureau_approved", _("区体育局审定通过")
    RETURNED = "returned", _("退回补充材料")
    REJECTED = "rejected", _("不予通过")


class VenueType(Coded):
    PUBLIC = "public", _("公共体育场馆")
    COMMERCIAL = "commercial", _("经营性体育场馆")


class AttachmentKind(Coded):
    BUSINESS_LICENCE = "business_licence", _("营业执照")
    PHOTO = "photo", _("场馆照片")
    PRICE_LIST = "price_list", _("价目表")
    CERTIFICATE = "certificate", _("教练资格证书")
    SAFETY = "safety", _("安全与防疫措施")
    OTHER = "other", _("其他材料")
    SIGNED_AGREEMENT = "signed_agreement", _("签署后的协议扫描件")


#: The kinds a venue's application may carry (the signed agreement belongs to an agreement).
APPLICATION_ATTACHMENT_KINDS = tuple(k for k in AttachmentKind
                                     if k is not AttachmentKind.SIGNED_AGREEMENT)

A = ApplicationState
CALL_WORKFLOW = Workflow("recruitment_call", CallState, CallState.DRAFT, [
    step(CallState.DRAFT, CallState.PUBLISHED, BUREAU, _("发布"), comment_required=False),
    step(CallState.PUBLISHED, CallState.CLOSED, BUREAU, _("截止"), comment_required=False),
])

APPLICATION_WORKFLOW = Workflow("application", ApplicationState, A.DRAFT, [
    step(A.DRAFT, A.SUBMITTED, SUBDISTRICT, _("提交"), comment_required=False),
    step(A.RETURNED, A.SUBMITTED, SUBDISTRICT, _("重新提交"), comment_required=False),
    step(A.SUBMITTED, A.SUBDISTRICT_APPROVED, SUBDISTRICT, _("审核通过")),
    step(A.SUBMITTED, A.RETURNED, SUBDISTRICT, _("退回补充材料")),
    step(A.SUBMITTED, A.REJECTED, SUBDISTRICT, _("不予通过")),
    step(A.SUBDISTRICT_APPROVED, A.BUREAU_APPROVED, BUREAU, _("审定通过")),
    step(A.SUBDISTRICT_APPROVED, A.RETURNED, BUREAU, _("退回补充材料")),
    step(A.SUBDISTRICT_APPROVED, A.REJECTED, BUREAU, _("不予通过")),
])

#: States in which the recording subdistrict may still edit an application and its material.
EDITABLE_APPLICATION_STATES = (A.DRAFT, A.RETURNED)
#: States of an application that is still under way (a second one for the same venue is refused).
OPEN_APPLICATION_STATES = (A.DRAFT, A.SUBMITTED, A.SUBDISTRICT_APPROVED, A.RETURNED)

"""The six application roles (DESIGN.md "Roles"). Each user has exactly one."""

from __future__ import annotations

from jd_admin.domain.codes import Coded
from jd_admin.domain.text import _


class Role(Coded):
    ADMIN = "admin", _("系统管理员")
    BUREAU_STAFF = "bureau_staff", _("区体育局业务人员")
    BUREAU_APPROVER = "bureau_approver", _("区体育局审批人")
    SUBDISTRICT = "subdistrict", _("街镇文体中心")
    INSPECTOR = "inspector", _("巡查员")
    OPERATOR = "operator", _("配送平台运营")

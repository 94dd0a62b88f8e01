"""Translatable display labels of codes (roles, venue types, states) for the interface."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from jd_admin.models import Role


def role(code: Role | str) -> str:
    return {
        Role.ADMIN: QCoreApplication.translate("labels", "系统管理员"),
        Role.BUREAU_STAFF: QCoreApplication.translate("labels", "区体育局业务人员"),
        Role.BUREAU_APPROVER: QCoreApplication.translate("labels", "区体育局审批人"),
        Role.SUBDISTRICT: QCoreApplication.translate("labels", "街镇文体中心"),
        Role.INSPECTOR: QCoreApplication.translate("labels", "巡查员"),
        Role.OPERATOR: QCoreApplication.translate("labels", "配送平台运营"),
    }.get(Role(code), str(code))


def venue_type(code: str) -> str:
    return {"public": QCoreApplication.translate("labels", "公共体育场馆"), "commercial": QCoreApplication.translate("labels", "经营性体育场馆")}.get(code, code)


def venue_status(code: str) -> str:
    return {"designated": QCoreApplication.translate("labels", "定点"), "suspended": QCoreApplication.translate("labels", "暂停"), "withdrawn": QCoreApplication.translate("labels", "退出")}.get(code, code)

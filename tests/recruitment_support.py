"""Builders for the recruitment and agreement tests: people, an open call, valid inputs."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal

from jd_admin.models import Role
from jd_admin.services import clock
from jd_admin.services.actor import Actor
from jd_admin.services.agreements import lifecycle as agreements
from jd_admin.services.identifiers import credit_code_check_char
from jd_admin.services.recruitment import applications as recruitment
from jd_admin.services.recruitment.application_input import ApplicationInput, Coach, SportPrice

PDF = b"%PDF-1.4\n% test document\n"
_serial = itertools.count(1)


def credit_code(n: int | None = None) -> str:
    body = f"91310114MA{(n if n is not None else next(_serial)) % 10**7:07d}"
    return body + credit_code_check_char(body)


def application_input(code: str | None = None, name: str = "南翔全民健身中心",
                      **overrides: object) -> ApplicationInput:
    values: dict[str, object] = {
        "venue_name": name, "venue_type": "commercial", "address": "上海市嘉定区德华路88号",
        "credit_code": code or credit_code(), "legal_representative": "王喆",
        "contact_name": "李堃", "contact_mobile": "13912345678",
        "opening_hours": "周一至周日 9:00-21:00", "capacity": 150,
        "sports": (SportPrice("游泳", Decimal("60.00")), SportPrice("羽毛球", Decimal("80.00"))),
        "coaches": (Coach("张伟", "游泳救生员国家职业资格（四级）", "JS2024-0001"),),
        "bank_name": "中国工商银行嘉定支行", "bank_account_name": "上海南翔健身有限公司",
        "bank_account_number": "6222021001123456789",
        "safety_measures": "配备AED，救生员持证上岗。",
        "longitude": 121.32, "latitude": 31.29,
    }
    values.update(overrides)
    return ApplicationInput(**values)


@dataclass
class People:
    admin: Actor
    staff: Actor
    approver: Actor
    nanxiang: Actor  # subdistrict 南翔镇
    anting: Actor  # subdistrict 安亭镇
    inspector: Actor
    operator: Actor

    def all(self) -> list[Actor]:
        return [self.admin, self.staff, self.approver, self.nanxiang, self.anting, self.inspector,
                self.operator]


def people(test_db) -> People:
    specs = [("adm_a", Role.ADMIN, None), ("staff_a", Role.BUREAU_STAFF, None),
             ("appr_a", Role.BUREAU_APPROVER, None), ("nx_clerk", Role.SUBDISTRICT, "南翔镇"),
             ("at_clerk", Role.SUBDISTRICT, "安亭镇"), ("insp_a", Role.INSPECTOR, None),
             ("oper_a", Role.OPERATOR, None)]
    for name, role, sd in specs:
        test_db.make_user(name, role, subdistrict=sd)
    with test_db.admin_db.session() as s, s.begin():
        agreements.set_party(s, test_db.system_actor, "operator", "上海嘉动体育科技有限公司",
                             "91310114MA1G8J2K35", "上海市嘉定区叶城路1288号", "陈志远")
        bureau = agreements.parties(s)["bureau"]  # (seeded by the migration: name and code)
        agreements.set_party(s, test_db.system_actor, "bureau", bureau.name, bureau.credit_code,
                             "上海市嘉定区博乐路118号", "周卫国")
    return People(*(test_db.actor(name) for name, _, _ in specs))


def open_call(test_db, staff: Actor) -> int:
    today = clock.today()
    with test_db.admin_db.session() as s, s.begin():
        call_id = recruitment.create_call(s, staff, recruitment.CallInput(
            "测试招募公告", today - dt.timedelta(days=3), today + dt.timedelta(days=30),
            ("public", "commercial"), ("游泳", "羽毛球"), "依法登记", "营业执照"))
        recruitment.set_call_status(s, staff, call_id, "published")
    return call_id


def draft_application(test_db, clerk: Actor, call_id: int, code: str | None = None,
                      with_licence: bool = True) -> int:
    with test_db.admin_db.session() as s, s.begin():
        app_id = recruitment.create_application(s, clerk, call_id, application_input(code))
        if with_licence:
            recruitment.add_attachment(s, clerk, app_id, "business_licence", "licence.pdf", PDF)
    return app_id


def advance(test_db, app_id: int, steps: list[tuple[Actor, str, str | None]]) -> None:
    for actor, target, comment in steps:
        with test_db.admin_db.session() as s, s.begin():
            recruitment.transition(s, actor, app_id, target, comment)


def approved_application(test_db, p: People, call_id: int, code: str | None = None) -> int:
    app_id = draft_application(test_db, p.nanxiang, call_id, code)
    advance(test_db, app_id, [(p.nanxiang, "submitted", None),
                              (p.nanxiang, "subdistrict_approved", "同意推荐"),
                              (p.staff, "bureau_approved", "审定通过")])
    return app_id

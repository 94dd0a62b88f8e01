"""The demo district (演示数据): venues and users for every role, from demo_catalog.

Running it twice duplicates nothing: venues are keyed by credit code, users by user name.
Passwords of new demo users are random and returned once, for the caller to print.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from jd_admin.errors import InvalidInput
from jd_admin.models import AppUser, Role, Subdistrict, Venue, VenueSport
from jd_admin.services import audit, demo_catalog, passwords, users
from jd_admin.services.actor import Actor

#: Demo venues that start suspended (暂停), so the register shows more than one state.
SUSPENDED_KEYS = frozenset({"V007", "V031", "V052"})


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: Role
    subdistrict: str | None


@dataclass
class DemoReport:
    venues_created: int = 0
    venues_existing: int = 0
    users_existing: int = 0
    new_logins: list[DemoLogin] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"演示数据：新建场馆 {self.venues_created} 个（已有 {self.venues_existing} 个），"
            f"新建用户 {len(self.new_logins)} 个（已有 {self.users_existing} 个）"
        )


def load_demo_district(session: Session, actor: Actor) -> DemoReport:
    actor.require(Role.ADMIN, action="生成演示数据")
    report = DemoReport()
    by_code = {s.code: s for s in session.scalars(select(Subdistrict)).all()}
    missing = [s.code for s in demo_catalog.SUBDISTRICTS if s.code not in by_code]
    if missing:
        raise InvalidInput(f"数据库缺少街镇 {', '.join(missing)}，请先运行 jd-admin db upgrade")

    existing_codes = set(session.scalars(select(Venue.credit_code)).all())
    for v in demo_catalog.VENUES:
        if v.credit_code in existing_codes:
            report.venues_existing += 1
            continue
        status = "suspended" if v.key in SUSPENDED_KEYS else "designated"
        venue = Venue(
            name=v.name, venue_type=v.venue_type, subdistrict_id=by_code[v.subdistrict_code].id,
            address=v.address, credit_code=v.credit_code,
            legal_representative=v.legal_representative, contact_name=v.contact_name,
            contact_mobile=v.contact_mobile, opening_hours=v.opening_hours, capacity=v.capacity,
            longitude=v.lon, latitude=v.lat, status=status,
            sports=[VenueSport(sport=sport, list_price=price) for sport, price in v.sports],
        )
        session.add(venue)
        session.flush()
        audit.record(session, actor, "venue", venue.id, "create", to_state=status,
                     comment="演示数据")
        report.venues_created += 1

    existing_users = set(session.scalars(select(AppUser.username)).all())
    for u in demo_catalog.DEMO_USERS:
        if u.username in existing_users:
            report.users_existing += 1
            continue
        subdistrict = by_code[u.subdistrict_code].name if u.subdistrict_code else None
        password = passwords.generate_password()
        users.create_user(session, actor, u.username, u.full_name, u.role, password, subdistrict,
                          must_change_password=False)
        report.new_logins.append(DemoLogin(u.username, password, Role(u.role), subdistrict))
    return report

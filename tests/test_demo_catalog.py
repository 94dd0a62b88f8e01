"""The demo catalogue (jd_admin.services.demo.catalog) is internally consistent and valid."""

from __future__ import annotations

import math
import re
from collections import Counter
from decimal import Decimal

import pytest

from jd_admin.services.demo import catalog as demo_catalog
from jd_admin.services.demo.catalog import (
    DEMO_USERS,
    SPORTS,
    SUBDISTRICT_BY_CODE,
    SUBDISTRICTS,
    VENUES,
    DemoVenue,
)
from jd_admin.services.identifiers import (
    credit_code_warnings,
    is_valid_credit_code,
    validate_credit_code,
    validate_mobile,
)

JIADING_UNITS = (
    "新成路街道",
    "真新街道",
    "嘉定镇街道",
    "南翔镇",
    "安亭镇",
    "马陆镇",
    "徐行镇",
    "华亭镇",
    "外冈镇",
    "江桥镇",
    "菊园新区",
    "嘉定工业区",
)
ROLES = {"admin", "bureau_staff", "bureau_approver", "inspector", "operator", "subdistrict"}
LON_RANGE = (121.08, 121.42)
LAT_RANGE = (31.22, 31.50)


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def in_box(lon: float, lat: float) -> bool:
    return LON_RANGE[0] <= lon <= LON_RANGE[1] and LAT_RANGE[0] <= lat <= LAT_RANGE[1]


# --------------------------------------------------------------------------------------
# subdistricts and sports
# --------------------------------------------------------------------------------------


def test_the_twelve_units_in_order() -> None:
    assert tuple(s.name for s in SUBDISTRICTS) == JIADING_UNITS
    assert tuple(s.code for s in SUBDISTRICTS) == tuple(f"JD{i:02d}" for i in range(1, 13))
    assert set(SUBDISTRICT_BY_CODE) == {s.code for s in SUBDISTRICTS}


@pytest.mark.parametrize("subdistrict", SUBDISTRICTS, ids=lambda s: s.code)
def test_subdistrict_centre(subdistrict: demo_catalog.DemoSubdistrict) -> None:
    assert subdistrict.centre_name.startswith(subdistrict.name)
    assert "文体中心" in subdistrict.centre_name or "文化体育中心" in subdistrict.centre_name
    assert subdistrict.centre_address.startswith("上海市嘉定区")
    assert in_box(subdistrict.lon, subdistrict.lat)


def test_sports() -> None:
    assert 12 <= len(SPORTS) <= 18
    assert len(set(SPORTS)) == len(SPORTS)
    assert "游泳" in SPORTS
    assert "羽毛球" in SPORTS


# --------------------------------------------------------------------------------------
# venues
# --------------------------------------------------------------------------------------


def test_venue_count_and_keys() -> None:
    assert len(VENUES) >= 72
    keys = [v.key for v in VENUES]
    assert len(set(keys)) == len(keys)
    assert all(re.fullmatch(r"V\d{3}", k) for k in keys)
    names = [v.name for v in VENUES]
    assert len(set(names)) == len(names)


def test_every_subdistrict_has_at_least_five_venues() -> None:
    counts = Counter(v.subdistrict_code for v in VENUES)
    assert set(counts) == {s.code for s in SUBDISTRICTS}
    assert min(counts.values()) >= 5


def test_credit_codes_valid_unique_and_of_the_right_category() -> None:
    codes = [v.credit_code for v in VENUES]
    assert len(set(codes)) == len(codes)
    for venue in VENUES:
        assert is_valid_credit_code(venue.credit_code), venue
        assert validate_credit_code(venue.credit_code) == venue.credit_code  # canonical already
        assert credit_code_warnings(venue.credit_code) == [], venue
        assert venue.credit_code[2:8] == "310114"  # 上海市嘉定区
        expected_category = "12" if venue.venue_type == "public" else "91"
        assert venue.credit_code[:2] == expected_category, venue


def test_legal_entities_match_the_venue_type() -> None:
    entities = [v.legal_entity for v in VENUES]
    assert len(set(entities)) == len(entities)
    for venue in VENUES:
        if venue.venue_type == "commercial":
            assert venue.legal_entity.startswith("上海")
            assert venue.legal_entity.endswith("有限公司")
        else:
            assert venue.legal_entity.startswith("上海市嘉定区")


def test_mobiles_valid_and_unique() -> None:
    mobiles = [v.contact_mobile for v in VENUES]
    assert len(set(mobiles)) == len(mobiles)
    for venue in VENUES:
        assert validate_mobile(venue.contact_mobile) == venue.contact_mobile


@pytest.mark.parametrize("venue", VENUES, ids=lambda v: v.key)
def test_venue_fields(venue: DemoVenue) -> None:
    assert venue.venue_type in {"public", "commercial"}
    assert venue.subdistrict_code in SUBDISTRICT_BY_CODE
    assert venue.address.startswith("上海市嘉定区")
    assert re.search(r"\d+号$", venue.address)
    assert 2 <= len(venue.legal_representative) <= 4
    assert 2 <= len(venue.contact_name) <= 4
    assert venue.contact_name != venue.legal_representative
    assert venue.opening_hours
    assert venue.capacity > 0


@pytest.mark.parametrize("venue", VENUES, ids=lambda v: v.key)
def test_venue_position(venue: DemoVenue) -> None:
    centre = SUBDISTRICT_BY_CODE[venue.subdistrict_code]
    assert in_box(venue.lon, venue.lat)
    assert distance_km(venue.lon, venue.lat, centre.lon, centre.lat) <= 5.0


@pytest.mark.parametrize("venue", VENUES, ids=lambda v: v.key)
def test_venue_sports_and_prices(venue: DemoVenue) -> None:
    assert venue.sports
    sports = [sport for sport, _ in venue.sports]
    assert len(set(sports)) == len(sports)
    for sport, price in venue.sports:
        assert sport in SPORTS
        assert isinstance(price, Decimal)
        assert price >= 0
        assert price.as_tuple().exponent == -2  # two decimal places, to the fen


def test_swimming_and_badminton_prices_are_plausible() -> None:
    for venue in VENUES:
        for sport, price in venue.sports:
            if sport == "游泳":
                assert Decimal(30) <= price <= Decimal(80), venue
            if sport == "羽毛球":
                assert Decimal(30) <= price <= Decimal(120), venue


def test_every_sport_is_offered_somewhere() -> None:
    offered = {sport for venue in VENUES for sport, _ in venue.sports}
    assert offered == set(SPORTS)


def test_catalogue_is_deterministic() -> None:
    assert demo_catalog._build_venues() == VENUES


# --------------------------------------------------------------------------------------
# users
# --------------------------------------------------------------------------------------


def test_users_cover_all_roles() -> None:
    assert {u.role for u in DEMO_USERS} == ROLES
    by_name = {u.username: u for u in DEMO_USERS}
    assert len(by_name) == len(DEMO_USERS)
    assert by_name["admin"].role == "admin"
    assert {u.username for u in DEMO_USERS if u.role == "bureau_staff"} == {"bureau1", "bureau2"}
    assert {u.username for u in DEMO_USERS if u.role == "bureau_approver"} == {"approver1"}
    assert {u.username for u in DEMO_USERS if u.role == "inspector"} == {
        "inspector1",
        "inspector2",
    }
    assert {u.username for u in DEMO_USERS if u.role == "operator"} == {"operator1"}


def test_usernames_are_valid_postgres_role_names() -> None:
    for user in DEMO_USERS:
        assert re.fullmatch(r"[a-z][a-z0-9_]{0,62}", user.username), user
        assert user.full_name


def test_each_subdistrict_has_exactly_one_user() -> None:
    subdistrict_users = [u for u in DEMO_USERS if u.role == "subdistrict"]
    assert Counter(u.subdistrict_code for u in subdistrict_users) == Counter(
        s.code for s in SUBDISTRICTS
    )
    for user in subdistrict_users:
        assert user.subdistrict_code is not None
        assert user.username == user.subdistrict_code.lower()
    for user in DEMO_USERS:
        if user.role != "subdistrict":
            assert user.subdistrict_code is None

"""Exporting the designated-venue register (定点场馆名录) for information sharing (信息共享):
the district fitness map (嘉定体育健身地图) and the 全嘉云动 mini-program take it as GeoJSON
(RFC 7946) or as an Excel workbook.

What is published by default is what rule 2 makes redeemable: venues whose status is
``designated`` and that have an agreement in force on the day (:func:`agreement_in_force_clause`,
the same rule the redemption check uses). ``include_all`` lists every venue, any status, with
its current or last agreement, for the bureau's own checks.

The published files are in Chinese whatever the interface language: type and status labels
are rendered with :func:`~jd_admin.domain.text.chinese`.

Contact phone (联系电话): published unmasked. It is the number the venue itself gave as its
contact on the self-recommendation form, for the public to book and ask; it is a business
contact, not a citizen's identifier, and the fitness map is useless without it. The masking
rule of DOMAIN "Citizens' data" is for citizens. The contact person's name goes only into the
workbook (the bureau's copy), not into the GeoJSON features; bank details and the legal
representative are never exported.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.orm import Session, aliased, selectinload
from sqlalchemy.sql.elements import ColumnElement

from jd_admin.domain.agreements import ENDED_OR_IN_FORCE
from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.permissions import Action
from jd_admin.domain.recruitment import VenueType
from jd_admin.domain.register import VenueState
from jd_admin.domain.text import _, chinese
from jd_admin.models import Agreement, Subdistrict, Venue
from jd_admin.reports.register_xlsx import RegisterEntry, price_text, write_register
from jd_admin.services import audit, clock
from jd_admin.services.actor import Actor, require, subdistrict_scope
from jd_admin.services.register.geo import wgs84_to_gcj02
from jd_admin.services.register.status import agreement_in_force_clause, in_register_clause

__all__ = ["FORMATS", "RegisterEntry", "export_register", "register_entries", "to_geojson"]

FORMATS = ("geojson", "xlsx")
COORDINATE_PLACES = 6  # ~0.1 m
AUDIT_ENTITY = "register"
AUDIT_ENTITY_ID = "designated_venues"
EXPORTED = _("导出")  # the audit action (stored as the Chinese source)


def _chosen_agreement_id(day: dt.date, include_all: bool) -> ColumnElement[int]:
    """Correlated subquery: the id of the one agreement shown for the enclosing venue.

    Default: an agreement in force on ``day`` (the latest-ending one if two overlap, e.g. a
    renewal). ``include_all``: that one if any, else the most recent agreement that came (or
    will come) into force; drafts, agreements out for signature and agreements terminated
    before they ever took effect are not agreements of the register and are never shown."""
    in_force = agreement_in_force_clause(day)
    query = select(Agreement.id).where(Agreement.venue_id == Venue.id)
    if include_all:
        query = query.where(Agreement.status.in_(ENDED_OR_IN_FORCE),
                            Agreement.in_force_from.is_not(None)).order_by(
            case((in_force, 0), else_=1), Agreement.in_force_from.desc(),
            Agreement.end_date.desc(), Agreement.id.desc())
    else:
        query = query.where(in_force).order_by(Agreement.end_date.desc(), Agreement.id.desc())
    return query.limit(1).correlate(Venue).scalar_subquery()


def _last_day_in_force(end_date: dt.date | None, terminated_on: dt.date | None) -> dt.date | None:
    """An agreement is in force up to its end date, or the day before its termination date
    (``terminated_on`` is the first day it no longer holds), whichever comes first."""
    if end_date is None:
        return None
    if terminated_on is not None:
        return min(end_date, terminated_on - dt.timedelta(days=1))
    return end_date


def _scope(actor: Actor) -> int | None:
    """The subdistrict a subdistrict user is limited to; ``None`` for the district's staff."""
    return subdistrict_scope(actor, Action.READ_REGISTER)


def register_entries(session: Session, actor: Actor, *, include_all: bool = False,
                     day: dt.date | None = None) -> list[RegisterEntry]:
    """The register as published on ``day`` (default: today, Shanghai).

    Default: venues with status ``designated`` and an agreement in force on ``day``.
    ``include_all``: every venue, with its current or last agreement (or none). A subdistrict
    user gets only its own subdistrict's venues; every other staff role gets the district.
    One query for venues with their agreement, one for their sports (selectinload)."""
    require(actor, Action.READ_REGISTER)
    day = day or clock.today()
    chosen = aliased(Agreement, name="chosen_agreement")
    query = (
        select(Venue, Subdistrict.name, chosen.number, chosen.end_date, chosen.terminated_on)
        .join(Subdistrict, Venue.subdistrict_id == Subdistrict.id)
        .join(chosen, chosen.id == _chosen_agreement_id(day, include_all), isouter=include_all)
        .options(selectinload(Venue.sports))
        .order_by(Subdistrict.code, Venue.name, Venue.id)
    )
    if not include_all:  # (the join found its agreement in force; the rule is the list's)
        query = query.where(in_register_clause(day))
    scope = _scope(actor)
    if scope is not None:
        query = query.where(Venue.subdistrict_id == scope)
    entries = []
    for venue, subdistrict, number, end_date, terminated_on in session.execute(query).all():
        lon, lat = venue.longitude, venue.latitude
        gcj_lon, gcj_lat = (wgs84_to_gcj02(lon, lat) if lon is not None and lat is not None
                            else (None, None))
        entries.append(RegisterEntry(
            id=venue.id,
            name=venue.name,
            venue_type=venue.venue_type,
            venue_type_label=chinese(VenueType.label_of(venue.venue_type)),
            subdistrict=subdistrict,
            address=venue.address,
            credit_code=venue.credit_code,
            contact_name=venue.contact_name,
            contact_mobile=venue.contact_mobile,
            opening_hours=venue.opening_hours,
            capacity=venue.capacity,
            sports=tuple((s.sport, s.list_price) for s in venue.sports),
            status=venue.status,
            status_label=chinese(VenueState.label_of(venue.status)),
            agreement_number=number,
            agreement_end=_last_day_in_force(end_date, terminated_on),
            lon=lon, lat=lat, gcj_lon=gcj_lon, gcj_lat=gcj_lat,
        ))
    return entries


def _round(value: float) -> float:
    return round(value, COORDINATE_PLACES)


def _feature(e: RegisterEntry) -> dict[str, Any]:
    geometry: dict[str, Any] | None = None
    gcj02: list[float] | None = None
    if e.lon is not None and e.lat is not None:
        geometry = {"type": "Point", "coordinates": [_round(e.lon), _round(e.lat)]}
        if e.gcj_lon is not None and e.gcj_lat is not None:
            gcj02 = [_round(e.gcj_lon), _round(e.gcj_lat)]
    return {
        "type": "Feature",
        "id": e.id,
        "geometry": geometry,
        "properties": {
            "name": e.name,
            "type": e.venue_type,
            "type_label": e.venue_type_label,
            "subdistrict": e.subdistrict,
            "address": e.address,
            "sports": [{"sport": sport, "list_price": price_text(price)}
                       for sport, price in e.sports],
            "opening_hours": e.opening_hours,
            "capacity": e.capacity,
            "contact_phone": e.contact_mobile,
            "status": e.status,
            "status_label": e.status_label,
            "agreement_number": e.agreement_number,
            "agreement_end": e.agreement_end.isoformat() if e.agreement_end else None,
            "gcj02": gcj02,
        },
    }


def to_geojson(entries: Iterable[RegisterEntry]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection (RFC 7946): one Feature per venue, ``id`` the venue's id,
    geometry a WGS-84 Point ``[lon, lat]`` to 6 decimals, or ``null`` for a venue without
    coordinates (allowed by RFC 7946 §3.2); ``properties.gcj02`` is the same point in GCJ-02
    for Amap/Tencent/WeChat maps. List prices are strings (``"60.00"``) so no consumer
    turns money into binary floats."""
    return {"type": "FeatureCollection", "features": [_feature(e) for e in entries]}


def _normalise_format(fmt: str) -> str:
    name = fmt.strip().lower().lstrip(".")
    if name not in FORMATS:
        raise InvalidInput(_("不支持的导出格式“{fmt}”：请选择 GeoJSON (.geojson) 或 Excel (.xlsx)",
                             fmt=fmt))
    return name


def _write(fmt: str, out: Path, entries: list[RegisterEntry]) -> None:
    """Write through a temporary file in the same folder, then rename: a failed export never
    leaves a truncated file under the chosen name."""
    partial = out.with_name(f".{out.name}.part")
    try:
        if fmt == "geojson":
            text = json.dumps(to_geojson(entries), ensure_ascii=False, indent=2) + "\n"
            partial.write_text(text, encoding="utf-8")
        else:
            write_register(partial, entries)
        os.replace(partial, out)
    except OSError as exc:
        raise InvalidInput(_("无法写入文件“{file}”：{reason}", file=out,
                             reason=exc.strerror or exc)) from exc
    finally:
        partial.unlink(missing_ok=True)


def export_register(session: Session, actor: Actor, fmt: str, out: Path,
                    include_all: bool = False, *, day: dt.date | None = None) -> int:
    """Write the register (see :func:`register_entries`) to ``out`` as ``fmt`` (``geojson`` or
    ``xlsx``) and return the number of venues. The export is audited (entity ``register``,
    action 导出) and the audit row is flushed before the file is written, so a refused audit
    insert means no file; the caller commits."""
    require(actor, Action.EXPORT_REGISTER)
    name = _normalise_format(fmt)
    out = Path(out)
    day = day or clock.today()
    entries = register_entries(session, actor, include_all=include_all, day=day)
    audit.record(session, actor, AUDIT_ENTITY, AUDIT_ENTITY_ID, EXPORTED.source,
                 comment=chinese(_("导出定点场馆名录 {count} 个场馆", count=len(entries))),
                 details={"format": name, "count": len(entries), "include_all": include_all,
                          "day": day.isoformat(), "subdistrict_id": _scope(actor),
                          "file": out.name})
    session.flush()
    _write(name, out, entries)
    return len(entries)

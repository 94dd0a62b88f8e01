"""On site without the network (带离线 / 离线数据回传): an inspector's assignments checked out
to a file, recorded there with the same program, checked in when back on the network.

**The offline file is a jd_admin SQLite database** migrated to head like any other: the program
opens it as it opens its own SQLite file (``--database-url sqlite:///FILE``), the inspector logs
in with their own name and password, and the same form and services record drafts, photos and
submissions in it. :func:`prepare_checkout` gathers, in the caller's transaction, an offline
database built in memory — :meth:`PreparedCheckout.write` writes it to the new file after the
commit (a rolled-back checkout leaves no file): the venues' 街镇, the inspector's
account (the SQLite main database's password hash, or a hash of the password given for the
file — a PostgreSQL login's password is the server's), the assignments' venues (without the
bank details and the legal representative) with their sports and filed list prices and their
filed coaches (the register's copy, ``venue_coach``: the inspector reads them online too, for
the venues assigned to it — never the applications), their plans, every checklist template and
its items, and the draft already started online for an assignment, if any (with its photos) —
plus the table :data:`offline_manifest` naming the checkout.

The checkout is recorded in the main database (``inspection_checkout``): the assignments with
their versions (and the version of the draft copied), a random token that the file carries, and
the SHA-256 of the file's manifest and reference rows (venues, prices, coaches, checklists,
plans, the assignments' fixed columns) as written. The main database keeps what the file must
match, so nothing secret is needed: a file whose token the main database does not know is not
ours; one whose digest differs was altered. A newer checkout of one of the assignments replaces
the older (whose file is then refused: a lost laptop does not block the assignment).

:func:`checkin` reads the file read-only and checks it whole before writing anything: ours,
unaltered, neither checked in nor replaced, and each recorded assignment still assigned to the
same inspector, with the online draft (if any) as it was at checkout. Anything refused refuses
the whole check-in, with a message naming the venues; the file is untouched, its records can
still be opened and exported (巡查记录 PDF) with the program. Otherwise each assignment's last
record in the file is replayed through the recording services in the caller's transaction —
:func:`~.recording.start` (or the copied draft), :func:`~.recording.save_draft` with the answers
mapped by checklist item, :func:`~.recording.add_photo` (the photo checks again),
:func:`~.recording.submit` when it was submitted offline — so the main database's own rules
(and on PostgreSQL its guards) decide, and a refusal there leaves nothing half-saved.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
import sqlite3
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, insert, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, undefer
from sqlalchemy.pool import StaticPool

from jd_admin import db
from jd_admin.domain.errors import InvalidInput, NotFound, PermissionDenied, UserError
from jd_admin.domain.inspections import AssignmentState, CheckoutState, InspectionState
from jd_admin.domain.permissions import Action
from jd_admin.domain.text import _
from jd_admin.models import (
    AppUser,
    ChecklistItem,
    ChecklistTemplate,
    Inspection,
    InspectionAssignment,
    InspectionCheckout,
    InspectionItem,
    InspectionPhoto,
    InspectionPlan,
    Subdistrict,
    Venue,
    VenueCoach,
    VenueSport,
)
from jd_admin.models.base import utcnow
from jd_admin.models.offline import OFFLINE_METADATA, offline_manifest
from jd_admin.services import audit, clock
from jd_admin.services.accounts import passwords
from jd_admin.services.actor import Actor, require
from jd_admin.services.inspections import recording
from jd_admin.services.inspections.common import check_assignment_scope, own_only

#: The file name ending the program suggests for an offline file.
SUFFIX = ".jdoffline"
_SQLITE_HEADER = b"SQLite format 3\x00"
#: Venue columns left out of the file (domain/access.py ``sensitive``); ``legal_representative``
#: is NOT NULL, so it is written empty.
_VENUE_HIDDEN = ("legal_representative", "bank_name", "bank_account_name",
                 "bank_account_number")
#: The assignments' columns the digest covers (the others change as the inspector records).
_ASSIGNMENT_FIXED = ("id", "plan_id", "venue_id", "inspector", "due_on", "unannounced")


@dataclass(frozen=True)
class CheckoutInfo:
    checkout_id: int
    path: Path
    inspector: str
    venues: tuple[str, ...]
    drafts: int  # drafts started online, copied into the file


@dataclass(frozen=True)
class CheckedIn:
    assignment_id: int
    venue_name: str
    inspection_id: int
    submitted: recording.Submitted | None


@dataclass(frozen=True)
class CheckinResult:
    checkout_id: int
    records: tuple[CheckedIn, ...]


@dataclass(frozen=True)
class OfflineInfo:
    """What an offline file says about itself (the program shows it when running on one)."""

    inspector: str
    source: str
    created_at: dt.datetime
    assignment_ids: tuple[int, ...]


# --- the file -------------------------------------------------------------------------------

def _plain(value: Any) -> Any:
    if isinstance(value, Decimal | dt.date | dt.datetime):
        return str(value)
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    return value


def _rows(session: Session, columns: list[Any], order_by: Any) -> list[list[Any]]:
    return [[_plain(v) for v in row]
            for row in session.execute(select(*columns).order_by(order_by))]


def _digest(offline: Session, manifest: dict[str, Any]) -> str:
    """The SHA-256 of the manifest and the file's reference rows, in a canonical form."""

    def columns(model: Any, hidden: tuple[str, ...] = ()) -> list[Any]:
        return [c for c in model.__table__.c if c.name not in hidden]

    a = InspectionAssignment.__table__.c
    parts = {
        "manifest": {k: manifest[k] for k in ("token", "inspector", "assignments")},
        "venue": _rows(offline, columns(Venue, _VENUE_HIDDEN), Venue.id),
        "venue_sport": _rows(offline, columns(VenueSport), VenueSport.id),
        "checklist_template": _rows(offline, columns(ChecklistTemplate), ChecklistTemplate.id),
        "checklist_item": _rows(offline, columns(ChecklistItem), ChecklistItem.id),
        "inspection_plan": _rows(offline, columns(InspectionPlan), InspectionPlan.id),
        "inspection_assignment": _rows(offline, [a[n] for n in _ASSIGNMENT_FIXED], a.id),
    }
    # the filed coaches (since migration 0025): covered when the file has any, so that a file
    # checked out before (none, or no such table) keeps its digest
    if inspect(offline.connection()).has_table(VenueCoach.__tablename__):
        coaches = _rows(offline, columns(VenueCoach), VenueCoach.id)
        if coaches:
            parts["venue_coach"] = coaches
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read_only_engine(path: Path) -> Engine:
    """The file opened read-only (nothing the check-in does can change it)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return create_engine(make_url("sqlite://"),
                         creator=lambda: sqlite3.connect(uri, uri=True,
                                                         check_same_thread=False))


def _not_offline(path: Path) -> InvalidInput:
    return InvalidInput(_("“{file}”不是巡查离线文件（须是“带离线”生成的文件），不能回传",
                          file=path.name))


def is_offline_database(session: Session) -> bool:
    bind = session.get_bind()
    return bind.dialect.name == "sqlite" and inspect(bind).has_table(offline_manifest.name)


def offline_info(session: Session) -> OfflineInfo | None:
    """The manifest of the offline file ``session`` is on; None on any other database."""
    if not is_offline_database(session):
        return None
    row = session.execute(select(offline_manifest)).mappings().first()
    if row is None:
        return None
    return OfflineInfo(row["inspector"], row["source"], row["created_at"],
                       tuple(int(a["assignment_id"]) for a in row["assignments"]))


# --- checkout -------------------------------------------------------------------------------

def _copy(source: Session, offline: Session, model: Any, where: Any,
          hidden: tuple[str, ...] = (), fill: dict[str, Any] | None = None) -> int:
    """The rows of ``model`` matching ``where`` copied with their ids (``hidden`` columns left
    out, ``fill`` given instead); how many."""
    table = model.__table__
    columns = [c for c in table.c if c.name not in hidden]
    stmt = select(*columns).where(where).order_by(*table.primary_key.columns)
    rows = [{**dict(r), **(fill or {})} for r in source.execute(stmt).mappings()]
    if rows:
        offline.execute(insert(table), rows)
    return len(rows)


def _assignments(session: Session, actor: Actor,
                 assignment_ids: list[int]) -> list[InspectionAssignment]:
    if not assignment_ids:
        raise InvalidInput(_("请选择要带离线的巡查任务"))
    out = []
    for aid in dict.fromkeys(assignment_ids):
        a = session.get(InspectionAssignment, aid)
        if a is None:
            raise NotFound(_("没有编号为 {id} 的巡查任务", id=aid))
        check_assignment_scope(actor, Action.RECORD_INSPECTIONS, a.inspector)
        if a.status != AssignmentState.ASSIGNED.value:
            raise InvalidInput(_("巡查任务 {id} 已{state}，不能带离线", id=a.id,
                                 state=AssignmentState.label_of(a.status)))
        out.append(a)
    if len({a.inspector for a in out}) > 1:
        raise InvalidInput(_("一个离线文件只能带同一名巡查员的任务"))
    return out


def _plain_draft(session: Session, assignment_id: int) -> Inspection | None:
    found: Inspection | None = session.scalar(select(Inspection).where(
        Inspection.assignment_id == assignment_id,
        Inspection.status == InspectionState.DRAFT.value,
        Inspection.supersedes_id.is_(None), Inspection.reinspection_of.is_(None)))
    return found


@dataclass
class PreparedCheckout:
    """A checkout gathered and recorded in the caller's transaction by
    :func:`prepare_checkout`: the offline database built in memory (its digest in the checkout
    row). :meth:`write` writes it to its file once the transaction has committed — a
    checkout whose transaction rolls back leaves no file behind."""

    info: CheckoutInfo
    _engine: Engine

    def write(self) -> CheckoutInfo:
        """The file written (under a temporary name, then renamed; complete or not at all)."""
        path = self.info.path
        partial = path.with_name(path.name + ".partial")
        try:
            if path.exists():
                raise InvalidInput(_("文件“{file}”已存在，请另选一个文件名", file=path.name))
            partial.unlink(missing_ok=True)
            db.create_private_file(partial)  # password hashes: readable by its owner only
            source = self._engine.raw_connection()
            try:
                target = sqlite3.connect(partial)
                try:
                    source.driver_connection.backup(target)  # type: ignore[union-attr]
                finally:
                    target.close()
            finally:
                source.close()
            os.replace(partial, path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        finally:
            self._engine.dispose()
        return self.info


def prepare_checkout(session: Session, actor: Actor, assignment_ids: list[int], path: Path,
                     password: str | None = None) -> PreparedCheckout:
    """Gather the assignments (all of one inspector) into an offline database and record the
    checkout (flushed; the caller commits); :meth:`PreparedCheckout.write` writes the new file
    at ``path`` after the commit. The inspector logs into the file with the password of the
    SQLite main database's account, or with ``password`` (needed on PostgreSQL, whose logins'
    passwords only the server checks; given, it is used on SQLite too)."""
    require(actor, Action.RECORD_INSPECTIONS)
    if is_offline_database(session):
        raise InvalidInput(_("这是一个巡查离线文件，请回到主系统中带离线"))
    path = Path(path)
    if path.exists():
        raise InvalidInput(_("文件“{file}”已存在，请另选一个文件名", file=path.name))
    assignments = _assignments(session, actor, assignment_ids)
    inspector = assignments[0].inspector
    user = session.scalar(select(AppUser).where(AppUser.username == inspector))
    if user is None or not user.is_active:
        raise InvalidInput(_("巡查员“{name}”不是本系统的有效用户", name=inspector))
    if password:
        passwords.check_policy(password, inspector)
        password_hash = passwords.hash_password(password)
    elif user.password_hash:
        password_hash = user.password_hash
    else:
        raise InvalidInput(_("请为离线文件设置登录密码（至少 {n} 位）", n=passwords.MIN_LENGTH))
    drafts = {a.id: _plain_draft(session, a.id) for a in assignments}
    manifest_assignments = []
    for a in assignments:
        draft = drafts[a.id]
        manifest_assignments.append({
            "assignment_id": a.id, "version": a.version,
            "draft_id": draft.id if draft is not None else None,
            "draft_version": draft.version if draft is not None else None})
    token = secrets.token_hex(32)
    manifest = {"token": token, "inspector": inspector, "assignments": manifest_assignments,
                "source": session.get_bind().engine.url.render_as_string(hide_password=True)[:200],
                "created_at": utcnow()}
    engine, digest = _build(session, manifest, assignments, user, password_hash,
                            [d.id for d in drafts.values() if d is not None])
    ids = {a.id for a in assignments}
    for older in session.scalars(select(InspectionCheckout).where(
            InspectionCheckout.inspector == inspector,
            InspectionCheckout.status == CheckoutState.OPEN.value).with_for_update()):
        if ids & {int(x["assignment_id"]) for x in older.assignments}:
            older.status = CheckoutState.REPLACED.value
            older.note = str(_("{time} 重新带离线", time=clock.format_local(clock.now())))
    row = InspectionCheckout(token=token, inspector=inspector,
                             assignments=manifest_assignments, digest=digest,
                             status=CheckoutState.OPEN.value, created_by=actor.username)
    session.add(row)
    session.flush()
    audit.record(session, actor, "inspection_checkout", row.id, _("带离线"),
                 details={"assignments": sorted(ids), "inspector": inspector})
    venues = tuple(session.scalars(select(Venue.name).where(
        Venue.id.in_([a.venue_id for a in assignments])).order_by(Venue.name)))
    return PreparedCheckout(CheckoutInfo(row.id, path, inspector, venues,
                                         sum(1 for d in drafts.values() if d is not None)),
                            engine)


def _build(session: Session, manifest: dict[str, Any],
           assignments: list[InspectionAssignment], user: AppUser, password_hash: str,
           draft_ids: list[int]) -> tuple[Engine, str]:
    """The offline database built in memory (one connection, usable from any thread); its
    digest."""
    engine = db.make_engine(make_url("sqlite://"), poolclass=StaticPool,
                            connect_args={"check_same_thread": False})
    try:
        db.upgrade(engine)
        with Session(engine) as offline, offline.begin():
            venue_ids = [a.venue_id for a in assignments]
            subdistricts = set(session.scalars(select(Venue.subdistrict_id).where(
                Venue.id.in_(venue_ids))))
            if user.subdistrict_id is not None:
                subdistricts.add(user.subdistrict_id)
            # the migrations' reference rows replaced by the main database's
            offline.execute(delete(ChecklistItem))
            offline.execute(delete(ChecklistTemplate))
            offline.execute(delete(Subdistrict))
            _copy(session, offline, Subdistrict, Subdistrict.id.in_(subdistricts))
            offline.execute(insert(AppUser), [{
                "id": user.id, "username": user.username, "full_name": user.full_name,
                "role": user.role, "subdistrict_id": user.subdistrict_id,
                "password_hash": password_hash, "must_change_password": False,
                "failed_attempts": 0, "is_active": True, "version": 1}])
            _copy(session, offline, Venue, Venue.id.in_(venue_ids), hidden=_VENUE_HIDDEN,
                  fill={"legal_representative": ""})
            _copy(session, offline, VenueSport, VenueSport.venue_id.in_(venue_ids))
            _copy(session, offline, VenueCoach, VenueCoach.venue_id.in_(venue_ids),
                  hidden=("from_application_id",))  # the file holds no application
            _copy(session, offline, ChecklistTemplate, ChecklistTemplate.id.is_not(None))
            _copy(session, offline, ChecklistItem, ChecklistItem.id.is_not(None))
            _copy(session, offline, InspectionPlan,
                  InspectionPlan.id.in_({a.plan_id for a in assignments}))
            _copy(session, offline, InspectionAssignment,
                  InspectionAssignment.id.in_([a.id for a in assignments]))
            _copy(session, offline, Inspection, Inspection.id.in_(draft_ids))
            _copy(session, offline, InspectionItem, InspectionItem.inspection_id.in_(draft_ids))
            _copy(session, offline, InspectionPhoto,
                  InspectionPhoto.inspection_id.in_(draft_ids))
            OFFLINE_METADATA.create_all(offline.connection())
            offline.execute(insert(offline_manifest), [manifest])
            digest = _digest(offline, manifest)
    except BaseException:
        engine.dispose()
        raise
    return engine, digest


# --- checkin --------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Photo:
    item: int | None  # the checklist item of its inspection item
    content: bytes
    caption: str
    taken_at: dt.datetime | None


@dataclass(frozen=True)
class _Record:
    """An assignment's last record in the file (a correction made offline included)."""

    assignment_id: int
    inspection_id: int  # in the file
    template_id: int
    submitted: bool
    data: recording.DraftInput  # item_id: the checklist item's id
    photos: tuple[_Photo, ...]


@dataclass(frozen=True)
class _File:
    manifest: dict[str, Any]
    digest: str
    records: tuple[_Record, ...]


def _read(path: Path) -> _File:
    """Everything the check-in needs from the file, read-only; refused when it is not an
    offline file."""
    try:
        with path.open("rb") as f:
            header = f.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise InvalidInput(_("无法读取文件“{file}”：{error}", file=path.name,
                             error=exc.strerror or exc)) from None
    if header != _SQLITE_HEADER:
        raise _not_offline(path)
    engine = _read_only_engine(path)
    try:
        with Session(engine) as offline:
            if not inspect(engine).has_table(offline_manifest.name):
                raise _not_offline(path)
            row = offline.execute(select(offline_manifest)).mappings().first()
            if row is None:
                raise _not_offline(path)
            manifest = dict(row)
            return _File(manifest, _digest(offline, manifest), _records(offline))
    except (OperationalError, DatabaseError, KeyError, TypeError, ValueError) as exc:
        raise _not_offline(path) from exc
    finally:
        engine.dispose()


def _records(offline: Session) -> tuple[_Record, ...]:
    out = []
    for assignment_id in offline.scalars(select(InspectionAssignment.id)
                                         .order_by(InspectionAssignment.id)):
        last = offline.scalar(select(Inspection).where(
            Inspection.assignment_id == assignment_id, Inspection.reinspection_of.is_(None),
            Inspection.status != InspectionState.SUPERSEDED.value)
            .order_by(Inspection.id.desc()).limit(1))
        if last is None:
            continue
        items = list(offline.scalars(select(InspectionItem).where(
            InspectionItem.inspection_id == last.id).order_by(InspectionItem.position)))
        checklist_of = {i.id: i.checklist_item_id for i in items}
        photos = tuple(
            _Photo(checklist_of.get(p.item_id) if p.item_id is not None else None,
                   p.content, p.caption, p.taken_at)
            for p in offline.scalars(select(InspectionPhoto).options(
                undefer(InspectionPhoto.content)).where(
                InspectionPhoto.inspection_id == last.id).order_by(InspectionPhoto.id)))
        data = recording.DraftInput(
            inspected_at=last.inspected_at, inspectors=last.inspectors,
            venue_contact=last.venue_contact, rectify_by=last.rectify_by, note=last.note,
            items=tuple(recording.ItemInput(i.checklist_item_id, i.passed, i.score, i.number,
                                            i.text_value, i.note) for i in items))
        out.append(_Record(assignment_id, last.id, last.template_id,
                           last.status != InspectionState.DRAFT.value, data, photos))
    return tuple(out)


def _export_hint() -> str:
    return str(_("离线记录仍保存在文件中：可用本程序打开该文件，"
                 "在“巡查记录”中导出巡查记录（PDF）。"))


def checkin(session: Session, actor: Actor, path: Path) -> CheckinResult:
    """Record the file's inspections in this database (see the module's docstring); refused
    whole, with the reasons, when anything does not match."""
    require(actor, Action.RECORD_INSPECTIONS)
    if is_offline_database(session):
        raise InvalidInput(_("这是一个巡查离线文件，请回到主系统中回传"))
    path = Path(path)
    file = _read(path)
    token = file.manifest["token"]
    checkout_row = session.scalar(select(InspectionCheckout).where(
        InspectionCheckout.token == token).with_for_update())
    if checkout_row is None:
        raise InvalidInput(_("“{file}”不是从本系统（本数据库）带离线的文件，不能回传",
                             file=path.name))
    if own_only(actor, Action.RECORD_INSPECTIONS) and checkout_row.inspector != actor.username:
        raise PermissionDenied(_("只能回传本人带离线的文件"))
    if checkout_row.status == CheckoutState.CHECKED_IN.value:
        raise InvalidInput(_("该文件已于 {time} 由 {who} 回传，不能重复回传",
                             time=clock.format_local(checkout_row.checked_in_at),
                             who=checkout_row.checked_in_by or ""))
    if checkout_row.status == CheckoutState.REPLACED.value:
        raise InvalidInput(_("这些任务之后又带离线到了另一个文件（{note}），该文件不能回传。{hint}",
                             note=checkout_row.note, hint=_export_hint()))
    if (file.digest != checkout_row.digest
            or file.manifest["inspector"] != checkout_row.inspector
            or file.manifest["assignments"] != checkout_row.assignments):
        raise InvalidInput(_("“{file}”在带离线之后被改动过（与带离线时记录的不一致），不能回传",
                             file=path.name))
    at_checkout = {int(a["assignment_id"]): a for a in checkout_row.assignments}
    names = {aid: name for aid, name in session.execute(
        select(InspectionAssignment.id, Venue.name).join(
            Venue, Venue.id == InspectionAssignment.venue_id).where(
            InspectionAssignment.id.in_(list(at_checkout))))}
    refusals = []
    for record in file.records:
        if record.assignment_id not in at_checkout:
            raise InvalidInput(_("“{file}”在带离线之后被改动过（与带离线时记录的不一致），不能回传",
                                 file=path.name))
        refusal = _refusal(session, checkout_row, at_checkout[record.assignment_id],
                           names.get(record.assignment_id, str(record.assignment_id)))
        if refusal is not None:
            refusals.append(refusal)
    if refusals:
        raise InvalidInput(_("回传被拒绝，没有写入任何记录：\n{reasons}\n{hint}",
                             reasons="\n".join(f"- {r}" for r in refusals),
                             hint=_export_hint()))
    done = []
    for record in file.records:
        venue = names.get(record.assignment_id, str(record.assignment_id))
        try:
            done.append(_replay(session, actor, record, at_checkout[record.assignment_id],
                                venue))
        except UserError as exc:
            raise type(exc)(_("{venue}：{error}（回传未完成，没有写入任何记录）。{hint}",
                              venue=venue, error=str(exc), hint=_export_hint())) from exc
    checkout_row.status = CheckoutState.CHECKED_IN.value
    checkout_row.checked_in_by, checkout_row.checked_in_at = actor.username, utcnow()
    session.flush()
    audit.record(session, actor, "inspection_checkout", checkout_row.id, _("离线数据回传"),
                 details={"inspections": [d.inspection_id for d in done]})
    return CheckinResult(checkout_row.id, tuple(done))


def _refusal(session: Session, checkout_row: InspectionCheckout, was: dict[str, Any],
             venue: str) -> str | None:
    """Why an assignment's record cannot be checked in (None: it can)."""
    a = session.get(InspectionAssignment, int(was["assignment_id"]))
    if a is None:
        return str(_("{venue}：巡查任务已不存在", venue=venue))
    if a.status == AssignmentState.WITHDRAWN.value:
        return str(_("{venue}：巡查任务已被撤回（{note}）", venue=venue, note=a.note or "—"))
    if a.inspector != checkout_row.inspector:
        return str(_("{venue}：巡查任务已改派给 {inspector}", venue=venue, inspector=a.inspector))
    if a.status != AssignmentState.ASSIGNED.value:
        return str(_("{venue}：巡查任务已{state}（带离线之后在主系统中登记过）", venue=venue,
                     state=AssignmentState.label_of(a.status)))
    draft = _plain_draft(session, a.id)
    now = (draft.id, draft.version) if draft is not None else (None, None)
    if now != (was["draft_id"], was["draft_version"]):
        return str(_("{venue}：带离线之后又在主系统中修改了该任务的巡查草稿", venue=venue))
    return None


def _replay(session: Session, actor: Actor, record: _Record, was: dict[str, Any],
            venue: str) -> CheckedIn:
    draft_id = was["draft_id"]
    if draft_id is None:
        draft_id = recording.start(session, actor, record.assignment_id, record.template_id)
    else:
        for photo_id in list(session.scalars(select(InspectionPhoto.id).where(
                InspectionPhoto.inspection_id == draft_id))):
            recording.remove_photo(session, actor, photo_id)
    item_of = {checklist: item for checklist, item in session.execute(
        select(InspectionItem.checklist_item_id, InspectionItem.id)
        .where(InspectionItem.inspection_id == draft_id))}
    missing = [i.item_id for i in record.data.items if i.item_id not in item_of]
    if missing:
        raise InvalidInput(_("离线记录的检查表与主系统的不一致"))
    data = recording.DraftInput(
        inspected_at=record.data.inspected_at, inspectors=record.data.inspectors,
        venue_contact=record.data.venue_contact, rectify_by=record.data.rectify_by,
        note=record.data.note,
        items=tuple(recording.ItemInput(item_of[i.item_id], i.passed, i.score, i.number,
                                        i.text_value, i.note) for i in record.data.items))
    recording.save_draft(session, actor, draft_id, data)
    for p in record.photos:
        recording.add_photo(session, actor, draft_id,
                            item_of.get(p.item) if p.item is not None else None,
                            p.content, p.caption, p.taken_at)
    submitted = recording.submit(session, actor, draft_id) if record.submitted else None
    return CheckedIn(record.assignment_id, venue, draft_id, submitted)

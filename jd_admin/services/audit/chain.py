"""``audit verify``: recompute the audit trail's hash chain (both dialects).

Every row is read in ``seq`` order; a row whose stored hash differs from the recomputed one was
changed; a gap in ``seq`` is a removed row; a row whose ``prev_hash`` is not the hash of the row
before it was moved, or follows a removed one; on PostgreSQL the chain's end must be the head
the commit trigger recorded (``audit_chain_head``: the newest rows removed). The reader must
see every row: on PostgreSQL the
DBA or a bureau/admin login (row-level security hides other rows from the rest).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

from jd_admin.domain.audit_chain import GENESIS, link_hash
from jd_admin.domain.errors import PermissionDenied
from jd_admin.domain.permissions import Action
from jd_admin.domain.text import Text, _
from jd_admin.models import AuditChainHead, AuditEvent
from jd_admin.services.actor import Actor, own_subdistrict_only, require
from jd_admin.services.audit.trail import fields_of


@dataclass(frozen=True)
class Problem:
    """One break of the chain, at the row with this ``seq`` (``None``: not linked) and ``id``."""

    seq: int | None
    row_id: int | None
    message: Text


@dataclass(frozen=True)
class Verification:
    rows: int
    head_seq: int | None
    head_hash: str | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def require_whole_trail(actor: Actor) -> None:
    """Verifying or exporting needs the whole trail: the bureau, the administrator, the DBA."""
    require(actor, Action.READ_AUDIT)
    if own_subdistrict_only(actor, Action.READ_AUDIT):
        raise PermissionDenied(_("只有区体育局和系统管理员可以校验或导出整个审计日志"))


def chained_rows(session: Session) -> Iterator[tuple[AuditEvent, str | None]]:
    """Every row with its stored ``details`` text, in chain order (unlinked rows last)."""
    result = session.execute(
        select(AuditEvent, cast(AuditEvent.details, String).label("details_text"))
        .order_by(AuditEvent.seq.is_(None), AuditEvent.seq, AuditEvent.id)
        .execution_options(yield_per=2000))
    yield from ((event, details) for event, details in result)


def verify(session: Session, actor: Actor) -> Verification:
    require_whole_trail(actor)
    problems: list[Problem] = []
    prev_hash, expected, count = GENESIS, 1, 0
    head: tuple[int | None, str | None] = (None, None)
    for event, details in chained_rows(session):
        count += 1
        if event.seq is None:
            problems.append(Problem(None, event.id, _(
                "id 为 {id} 的记录不在哈希链中", id=event.id)))
            continue
        if event.seq > expected:
            missing = (str(expected) if event.seq == expected + 1
                       else f"{expected}–{event.seq - 1}")
            problems.append(Problem(event.seq, event.id, _(
                "序号 {missing} 的记录缺失（在序号 {seq}、id {id} 之前）：已被删除",
                missing=missing, seq=event.seq, id=event.id)))
        elif event.seq < expected:
            problems.append(Problem(event.seq, event.id, _(
                "序号 {seq}（id {id}）重复或次序颠倒", seq=event.seq, id=event.id)))
        if event.prev_hash != prev_hash:
            problems.append(Problem(event.seq, event.id, _(
                "序号 {seq}（id {id}）与前一条记录的链接断开：记录被移动、删除或插入",
                seq=event.seq, id=event.id)))
        if link_hash(event.prev_hash or "", fields_of(event, details)) != event.hash:
            problems.append(Problem(event.seq, event.id, _(
                "序号 {seq}（id {id}）的内容与其哈希不符：记录已被修改",
                seq=event.seq, id=event.id)))
        prev_hash = event.hash or ""
        expected = max(expected, event.seq + 1)
        head = (event.seq, event.hash)
    stored = session.get(AuditChainHead, 1)  # PostgreSQL: the chain's own record of its end
    if stored is not None and (stored.seq, stored.hash) != head:
        problems.append(Problem(stored.seq, None, _(
            "链头记录为序号 {seq}，而日志的最后一条是序号 {last}：最新的记录已被删除或改动",
            seq=stored.seq, last=head[0] if head[0] is not None else "-")))
    return Verification(count, head[0], head[1], tuple(problems))

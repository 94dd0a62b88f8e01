"""The signals' parameters (预警参数), versioned by the day from which they hold.

Declared in the domain (``jd_admin.domain.warnings.PARAMETERS``: names, Chinese labels, ranges,
defaults and why); stored per signal and ``effective_from`` in ``signal_parameter``. The version
in force on a day is the latest on or before it, the declared defaults before the first. A new
version is never dated in the past — a past day is always judged by the parameters it had — and
carries every parameter (those not given are kept from the version it follows).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.permissions import Action
from jd_admin.domain.text import _
from jd_admin.domain.warnings import PARAMETERS, Params, Signal, loaded, stored, validate
from jd_admin.models import SignalParameter
from jd_admin.services import audit, clock
from jd_admin.services.actor import Actor, require
from jd_admin.services.dberrors import guard_errors
from jd_admin.services.warnings.alert_lines import VERSION_GUARD


@dataclass(frozen=True)
class Version:
    signal: Signal
    effective_from: dt.date | None  # None: the declared defaults (no version stored)
    params: Params
    created_by: str


def versions(session: Session, signal: Signal) -> list[Version]:
    """The stored versions of ``signal``'s parameters, oldest first."""
    rows = session.scalars(select(SignalParameter).where(SignalParameter.signal == signal.value)
                           .order_by(SignalParameter.effective_from))
    return [Version(signal, r.effective_from, loaded(signal, r.params), r.created_by)
            for r in rows]


def in_force_over(session: Session, signal: Signal, since: dt.date,
                  until: dt.date) -> list[tuple[dt.date, Params]]:
    """The versions holding on some day of ``since`` … ``until``: (first day it holds within
    the range, its parameters), in order; the first starts on ``since``."""
    result: list[tuple[dt.date, Params]] = [(since, loaded(signal, None))]
    for v in versions(session, signal):
        assert v.effective_from is not None
        if v.effective_from <= since:
            result = [(since, v.params)]
        elif v.effective_from <= until:
            result.append((v.effective_from, v.params))
    return result


def parameters_in_force(session: Session, signal: Signal, day: dt.date) -> Params:
    """``signal``'s parameters in force on ``day``."""
    return in_force_over(session, signal, day, day)[0][1]


def set_parameters(session: Session, actor: Actor, signal: Signal, params: Mapping[str, object],
                   effective_from: dt.date, *, today: dt.date | None = None) -> int:
    """A new version of ``signal``'s parameters from ``effective_from`` (today or later): the
    given ones (checked against their declaration) over those in force that day. Replaces a
    version of the same signal and date. Its id."""
    require(actor, Action.MANAGE_ALERT_LINES)
    signal = Signal(signal)
    if signal not in PARAMETERS:
        raise InvalidInput(_("预警信号“{signal}”没有可设置的参数（其界线为警戒线）",
                             signal=signal.label))
    checked = validate(signal, params)
    if not checked:
        raise InvalidInput(_("未给出要设置的预警参数"))
    today = today or clock.today()
    if effective_from < today:
        raise InvalidInput(_("预警参数的生效日期不能早于今天（{day}）", day=today.isoformat()))
    values = {**parameters_in_force(session, signal, effective_from), **checked}
    row = session.scalars(select(SignalParameter).where(
        SignalParameter.signal == signal.value,
        SignalParameter.effective_from == effective_from)).one_or_none()
    if row is None:
        row = SignalParameter(signal=signal.value, effective_from=effective_from,
                              params=stored(values), created_by=actor.username)
        session.add(row)
    else:
        row.params = stored(values)
    with guard_errors(VERSION_GUARD):
        session.flush()
    audit.record(session, actor, "signal_parameter", row.id, _("设置预警参数"),
                 details={"signal": signal.value, "effective_from": effective_from.isoformat(),
                          **stored(values)})
    return row.id


@dataclass(frozen=True)
class ParameterRow:
    """One parameter of one signal as it stands: in force today, and a later version's value."""

    signal: Signal
    name: str
    label: str
    unit: str
    value: int | Decimal
    since: dt.date | None  # the version in force (None: the declared default)
    next_value: int | Decimal | None
    next_from: dt.date | None


def parameter_table(session: Session, *, today: dt.date | None = None) -> list[ParameterRow]:
    """Every signal's parameters: the value in force today and the next version's, if any."""
    today = today or clock.today()
    out: list[ParameterRow] = []
    for signal, specs in PARAMETERS.items():
        stored_versions = versions(session, signal)
        current = [v for v in stored_versions if v.effective_from and v.effective_from <= today]
        later = [v for v in stored_versions if v.effective_from and v.effective_from > today]
        now = current[-1] if current else None
        values = now.params if now else loaded(signal, None)
        nxt = later[0] if later else None
        for spec in specs:
            out.append(ParameterRow(signal, spec.name, str(spec.label), str(spec.unit),
                                    values[spec.name], now.effective_from if now else None,
                                    nxt.params[spec.name] if nxt else None,
                                    nxt.effective_from if nxt else None))
    return out

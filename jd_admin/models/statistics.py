"""Statistics (统计分析, DOMAIN.md process 4): the voucher ledger aggregated by day.

``voucher_day_stat`` is derived data, rebuilt from ``voucher`` set-based (services/statistics/
refresh.py): after each import for the days it touched, whole by ``jd-admin statistics
refresh``. It holds counts and money sums (integer fen) and no voucher or citizen, so a
subdistrict reads its own venues' rows of it although it reads no voucher. Two kinds of row:

- ``claim``: vouchers claimed on ``day`` (their claim day), by the day their validity ends
  (``lapse_day``), batch, face value and citizen group; ``redeemed`` / ``redeemed_subsidy``:
  of them, those redeemed by the time of the refresh. Claims are made on the platform, in no
  街镇: ``subdistrict_id`` is NULL (the district's figures, read by district-wide readers only).
- ``use``: vouchers redeemed on ``day`` (their use day) at ``venue_id`` (its 街镇 in
  ``subdistrict_id``), by batch, face value, citizen group, sport and the settlement paying
  them (``settlement_id``: NULL until a settlement that pays them is verified).

``voucher_month_stat`` rolls the ``use`` rows up by calendar month (``month``: its first day)
without the batch: what the dashboard reads for the whole months of a period (a year's is
about a sixth of the day level's rows); kept by the same refresh from the day level.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from jd_admin.models.base import Base, Money

CLAIM = "claim"
USE = "use"


class VoucherDayStat(Base):
    __tablename__ = "voucher_day_stat"
    __table_args__ = (
        CheckConstraint("kind IN ('claim', 'use')", name="kind"),
        Index("ix_voucher_day_stat_kind_day", "kind", "day"),
        Index("ix_voucher_day_stat_subdistrict", "subdistrict_id", "kind", "day"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"),
                                    primary_key=True)
    kind: Mapped[str] = mapped_column(String(5))
    day: Mapped[dt.date] = mapped_column(Date)
    lapse_day: Mapped[dt.date | None] = mapped_column(Date)  # claim rows
    subdistrict_id: Mapped[int | None] = mapped_column(ForeignKey("subdistrict.id"))
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venue.id"))
    batch_id: Mapped[int] = mapped_column(ForeignKey("issuance_batch.id"))
    face_value: Mapped[Decimal] = mapped_column(Money)
    citizen_group: Mapped[str | None] = mapped_column(String(20))
    sport: Mapped[str | None] = mapped_column(String(20))
    settlement_id: Mapped[int | None] = mapped_column(Integer)  # use rows (no key: derived)
    vouchers: Mapped[int] = mapped_column(Integer)
    face_total: Mapped[Decimal] = mapped_column(Money)
    subsidy: Mapped[Decimal] = mapped_column(Money)
    order_total: Mapped[Decimal] = mapped_column(Money)  # use rows
    citizen_paid: Mapped[Decimal] = mapped_column(Money)  # use rows
    redeemed: Mapped[int] = mapped_column(Integer)  # claim rows: of them, redeemed since
    redeemed_subsidy: Mapped[Decimal] = mapped_column(Money)  # claim rows


class VoucherMonthStat(Base):
    """The redemptions of ``voucher_day_stat`` by month (see the module doc)."""

    __tablename__ = "voucher_month_stat"
    __table_args__ = (
        Index("ix_voucher_month_stat_month", "month"),
        Index("ix_voucher_month_stat_subdistrict", "subdistrict_id", "month"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"),
                                    primary_key=True)
    month: Mapped[dt.date] = mapped_column(Date)  # its first day
    subdistrict_id: Mapped[int | None] = mapped_column(ForeignKey("subdistrict.id"))
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venue.id"))
    face_value: Mapped[Decimal] = mapped_column(Money)
    citizen_group: Mapped[str | None] = mapped_column(String(20))
    sport: Mapped[str | None] = mapped_column(String(20))
    settlement_id: Mapped[int | None] = mapped_column(Integer)
    vouchers: Mapped[int] = mapped_column(Integer)
    face_total: Mapped[Decimal] = mapped_column(Money)
    subsidy: Mapped[Decimal] = mapped_column(Money)
    order_total: Mapped[Decimal] = mapped_column(Money)
    citizen_paid: Mapped[Decimal] = mapped_column(Money)

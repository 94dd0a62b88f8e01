"""People and their roles (角色)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jd_admin.models.base import Base, Timestamped, UTCDateTime, Versioned
from jd_admin.models.reference import Subdistrict


class AppRole(Base):
    """The role table, seeded by migration; on PostgreSQL each has a group role ``jd_<code>``."""

    __tablename__ = "app_role"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(String(200))


class AppUser(Versioned, Timestamped, Base):
    """A person who uses jd_admin.

    On PostgreSQL ``username`` is also the person's own login role (the server checks the
    password, ``password_hash`` stays empty); on SQLite the app checks ``password_hash``
    (argon2id).
    """

    __tablename__ = "app_user"
    __table_args__ = (
        CheckConstraint(
            "(role = 'subdistrict') = (subdistrict_id IS NOT NULL)", name="subdistrict_iff_role"
        ),
        CheckConstraint("failed_attempts >= 0", name="failed_attempts_non_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(63), unique=True)
    full_name: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(ForeignKey("app_role.code"))
    subdistrict_id: Mapped[int | None] = mapped_column(ForeignKey("subdistrict.id"))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    subdistrict: Mapped[Subdistrict | None] = relationship()

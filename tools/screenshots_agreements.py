"""Screenshots of the register's and the agreements' dialogs (issue 15): the 定点场馆 list in
force and with every venue, a venue's history with people's names, the reason dialog refusing
an empty reason, the signing dates kept after a refused save. Called from tools/screenshots.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from jd_admin.models import Agreement
from jd_admin.services import clock
from jd_admin.services.agreements import lifecycle as agreements
from jd_admin.services.navigation import Page
from jd_admin.ui.agreements.dialogs import SignaturesDialog
from jd_admin.ui.main_window import MainWindow
from jd_admin.ui.reason import ReasonDialog
from jd_admin.ui.register.page import VenuesPage
from jd_admin.ui.widgets import qdate

Shoot = Callable[[QWidget, Path], None]


def shoot_agreements(window: MainWindow, outdir: Path, suffix: str, shoot: Shoot,
                     settle: Callable[..., None]) -> None:
    """``window``: the main window of a member of the bureau's staff (demo: bureau1)."""
    window.open_page(Page.VENUES.value)
    settle(800)
    page = window.findChild(VenuesPage)
    assert page is not None
    shoot(window, outdir / f"venues-in-force{suffix}.png")
    page.include_all.setChecked(True)
    settle(800)
    shoot(window, outdir / f"venues-all{suffix}.png")
    # a venue with a history beyond its designation (a suspended one), then the reason dialog
    rows = page.model.rows
    changed = next((v for v in rows if v.status != "designated"), rows[0])
    page.select_venue(changed.id)
    settle()
    page.show_history()
    settle(800)
    if page.dialog is not None:
        shoot(page.dialog, outdir / f"venue-history{suffix}.png")
        page.dialog.close()
    page.select_venue(next(v for v in rows if v.status == "designated").id)
    settle()
    page.suspend_button.click()
    settle()
    reason = page.findChild(ReasonDialog)
    if reason is not None:
        reason.ok_button.click()  # empty: refused in the box, which stays open
        settle(800)
        shoot(reason, outdir / f"reason-empty-refused{suffix}.png")
        reason.discard()
        settle()

    # the signing dates after a refused save (one date before the agreement was generated)
    with window.database.session() as s:
        agreement_id = s.scalar(select(Agreement.id).where(
            Agreement.status == "out_for_signature").limit(1))
        if agreement_id is None:
            return
        detail = agreements.agreement_detail(s, window.actor, agreement_id)
    early = (detail.generated_on or clock.today()) - dt.timedelta(days=2)
    dialog = SignaturesDialog(window, window.database, window.actor,
                              dataclasses.replace(detail, generated_on=early))
    dialog.show()
    for key in ("bureau", "venue", "operator"):
        dialog.rows[key][0].setChecked(True)
    dialog.rows["venue"][1].setDate(qdate(early))
    dialog.ok_button.click()
    settle(800)
    shoot(dialog, outdir / f"signing-dates-refused{suffix}.png")
    dialog.discard()

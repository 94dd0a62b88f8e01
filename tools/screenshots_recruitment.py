"""Screenshots of the recruitment dialogs (issue 15): the 登记申请 form filled in, with its
sports and coaches tables; an application's detail with the multi-line review opinion; the
warning of a submission without its business licence. Called from tools/screenshots.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from jd_admin.models import Application, Subdistrict
from jd_admin.services.navigation import Page
from jd_admin.ui.main_window import MainWindow
from jd_admin.ui.recruitment.page import RecruitmentPage

Shoot = Callable[[QWidget, Path], None]


def _subdistrict_user(window: MainWindow, status: str) -> str | None:
    """The login of the subdistrict that has an application in ``status`` (demo: jdNN)."""
    with window.database.session() as s:
        code = s.scalar(select(Subdistrict.code).join(
            Application, Application.subdistrict_id == Subdistrict.id).where(
            Application.status == status).limit(1))
    return None if code is None else f"jd{code[2:]}"


def shoot_recruitment(open_window: Callable[[str], MainWindow], outdir: Path, suffix: str,
                      shoot: Shoot, settle: Callable[..., None]) -> None:
    """``open_window(username)``: the main window logged in as a demo user."""
    window = open_window("admin")
    clerk = _subdistrict_user(window, "submitted")
    window.close()
    if clerk is None:
        return
    window = open_window(clerk)
    window.open_page(Page.RECRUITMENT.value)
    settle()
    page = window.findChild(RecruitmentPage)
    assert page is not None
    page.tabs.setCurrentIndex(1)
    settle()

    # The form, filled in: sports chosen from the call's, coaches, the account.
    page.new_application()
    settle()
    form = page.form_dialog
    if form is not None:
        form.venue_name.setText("嘉定区马陆镇悦动羽毛球馆")
        form.venue_type.setCurrentIndex(form.venue_type.findData("commercial"))
        form.address.setText("上海市嘉定区马陆镇白银路 288 号")
        form.credit_code.setText("91310114MA1GX0A81C")
        form.legal_representative.setText("陈立新")
        form.contact_name.setText("刘晓燕")
        form.contact_mobile.setText("13916882045")
        form.opening_hours.setText("周一至周日 9:00-22:00")
        form.capacity.setValue(180)
        form.longitude.setText("121.2812")
        form.latitude.setText("31.3427")
        form.sports.setRowCount(0)
        choices = form.sport_choices.choices or ["羽毛球", "乒乓球", "篮球", "游泳"]
        for n, price in enumerate(("60.00", "40.00", "120.00", "45.00", "80.00")):
            form.add_sport_row(choices[n % len(choices)], price)
        form.add_coach_row("王海峰", "羽毛球社会体育指导员（二级）", "SZ2023-0412")
        form.add_coach_row("赵敏", "乒乓球社会体育指导员（三级）", "SZ2022-1187")
        form.bank_name.setText("上海农商银行嘉定支行")
        form.bank_account_name.setText("上海悦动体育发展有限公司")
        form.bank_account_number.setText("5010 0003 2148 7756")
        form.safety_measures.setPlainText(
            "配备 AED 与急救箱，急救人员持证上岗；\n每日消毒通风，公示安全须知与疏散路线。")
        form.sports.setFocus()
        form.sports.setCurrentCell(1, 0)
        form.sports.editItem(form.sports.item(1, 0))
        form.move(0, 0)
        shoot(form, outdir / f"recruitment-application-form{suffix}.png")
        form.discard()

    # A submitted application: its detail, and the opinion of 审核通过 being written.
    submitted = next((r for r in page.applications_model.rows if r.status == "submitted"), None)
    if submitted is not None:
        page.open_application(submitted.id)
        settle()
        detail = page.detail_dialog
        if detail is not None:
            detail.move(0, 0)
            shoot(detail, outdir / f"recruitment-application-detail{suffix}.png")
            button = detail.action_buttons.get("subdistrict_approved")
            if button is not None:
                button.click()
                settle()
                review = detail.review_dialog
                if review is not None:
                    review.comment.setPlainText(
                        "经实地查看，场地设施和安全措施符合定点场馆条件。\n"
                        "价目表已公示，教练资格证书齐全。\n同意推荐。")
                    review.move(220, 200)
                    shoot(review, outdir / f"recruitment-review-dialog{suffix}.png")
                    # the opinion's dialog over the application it is about
                    frame = detail.frameGeometry()
                    path = outdir / f"recruitment-review-opinion{suffix}.png"
                    QApplication.primaryScreen().grabWindow(
                        0, frame.x(), frame.y(), frame.width(), frame.height()).save(str(path))
                    print(path)
                    review.discard()
            detail.close()
    window.close()

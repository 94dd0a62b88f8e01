"""消费券: the voucher ledger page, one tab per task — the list (:mod:`.list_tab`), the issuance
batches (:mod:`.batches_tab`), the rule tables (:mod:`.rules`) and the operator's data import
(:mod:`.import_tab`). The page only puts the tabs together and passes their changes on.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from jd_admin.db import Database
from jd_admin.domain.permissions import Action
from jd_admin.services.actor import Actor, may_act
from jd_admin.services.navigation import Page
from jd_admin.ui.page import BasePage
from jd_admin.ui.vouchers.batches_tab import BatchesTab
from jd_admin.ui.vouchers.import_tab import ImportTab
from jd_admin.ui.vouchers.list_tab import VoucherListTab
from jd_admin.ui.vouchers.rules import RuleTablesWidget
from jd_admin.ui.widgets import heading


class VouchersPage(BasePage):
    page = Page.VOUCHERS

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(database, actor, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("消费券")))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("voucherTabs")
        self.list_tab = VoucherListTab(self.database, self.actor, self)
        self.list_tab.data_changed.connect(self.data_changed)
        self.tabs.addTab(self.list_tab, self.tr("消费券"))
        self.batches_tab = BatchesTab(self.database, self.actor, self)
        self.batches_tab.data_changed.connect(self.data_changed)
        self.tabs.addTab(self.batches_tab, self.tr("发放批次"))
        self.rules_tab = RuleTablesWidget(self.database, self.actor, self)
        self.rules_tab.setObjectName("ruleTables")
        self.tabs.addTab(self.rules_tab, self.tr("规则表"))
        self.import_tab: ImportTab | None = None
        if may_act(self.actor, Action.IMPORT_VOUCHERS):
            self.import_tab = ImportTab(self.database, self.actor, self)
            self.import_tab.imported.connect(self._imported)
            self.tabs.addTab(self.import_tab, self.tr("数据导入"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.batches_tab:
            self.batches_tab.show_current()
        if self.tabs.widget(index) is self.rules_tab:
            self.rules_tab.refresh()

    def _imported(self) -> None:
        self.batches_tab.stale = True
        self.data_changed.emit()
        self.list_tab.apply_filter()

    def refresh(self) -> None:
        self.list_tab.refresh()
        self.batches_tab.stale = True
        if self.tabs.currentWidget() is self.batches_tab:
            self.batches_tab.load_batches()

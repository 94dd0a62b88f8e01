"""Monthly settlement (财务结算): generate a month's settlement from the valid redemptions
(:mod:`.generate`), take its steps — verify, approve, return, pay per line — and add
adjustments (:mod:`.steps`), and read it (:mod:`.queries`).

On PostgreSQL the server holds the rules too (migration 0019): the same refusals come from the
database for a login that goes round the program (the CLI as another login, psql).
"""

from jd_admin.services.settlement.generate import GenerateResult, generate
from jd_admin.services.settlement.queries import (
    ExclusionRow,
    LineRow,
    SettlementDetail,
    SettlementRow,
    detail,
    exclusions,
    find,
    line_vouchers,
    lines,
    list_settlements,
    settlement_tasks,
)
from jd_admin.services.settlement.steps import (
    add_adjustment,
    approve,
    correctable_months,
    record_payment,
    remove_adjustment,
    return_to_draft,
    verify,
)

__all__ = ["ExclusionRow", "GenerateResult", "LineRow", "SettlementDetail", "SettlementRow",
           "add_adjustment", "approve", "correctable_months", "detail", "exclusions", "find",
           "generate", "line_vouchers", "lines", "list_settlements", "record_payment",
           "remove_adjustment", "return_to_draft", "settlement_tasks", "verify"]

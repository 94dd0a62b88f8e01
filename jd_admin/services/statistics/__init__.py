"""Statistics (统计分析, DOMAIN.md process 4; issue 13): the dashboard's figures in SQL.

- :mod:`.metrics`: the figures (``Filters`` → ``summary``, ``series``, ``breakdown``,
  ``top_venues``, ``compare``), their definitions in its docstring;
- :mod:`.refresh`: the aggregate ``voucher_day_stat`` and its month level ``voucher_month_stat``
  they are read from, kept in step with the ledger (after each import; whole by
  ``jd-admin statistics refresh``).
"""

from jd_admin.services.statistics.metrics import (
    CLAIM_DIMENSIONS,
    DASHBOARD_DIMENSIONS,
    FIGURES,
    NO_GROUP,
    Comparison,
    Dashboard,
    Dimension,
    Filters,
    Grain,
    Metrics,
    Point,
    Slice,
    breakdown,
    bucket,
    buckets,
    citizens_by_subdistrict,
    compare,
    dashboard,
    distinct_citizens,
    series,
    summary,
    top_venues,
)
from jd_admin.services.statistics.refresh import (
    RefreshResult,
    after_settlement_step,
    rebuild,
    refresh_after_import,
    refresh_days,
    refresh_settled,
)

__all__ = ["CLAIM_DIMENSIONS", "DASHBOARD_DIMENSIONS", "FIGURES", "NO_GROUP", "Comparison",
           "Dashboard", "Dimension", "Filters", "Grain", "Metrics", "Point", "RefreshResult",
           "Slice", "after_settlement_step", "breakdown", "bucket", "buckets",
           "citizens_by_subdistrict", "compare",
           "dashboard", "distinct_citizens", "rebuild", "refresh_after_import", "refresh_days",
           "refresh_settled", "series", "summary", "top_venues"]

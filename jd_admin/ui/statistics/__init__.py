"""统计分析: the dashboard and the what-if (issue 13)."""

"""统计分析 (statistics): the dashboard page and its tabs."""

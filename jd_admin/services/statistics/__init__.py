"""Statistics and benefit evaluation (统计分析, 效益评估; issue 13)."""

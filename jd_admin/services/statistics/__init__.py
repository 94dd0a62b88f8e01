"""Statistics and benefit evaluation (issue 13)."""

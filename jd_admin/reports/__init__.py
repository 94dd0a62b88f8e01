"""PDF reports (ReportLab); no Qt imports below this package."""

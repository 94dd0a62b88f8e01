"""Logging to a rotating file in the user log directory (GUI) and to stderr (CLI)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from jd_admin import config

LOG_FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"


def log_file() -> Path:
    return config.log_dir() / "jd_admin.log"


def configure_file_logging(level: int = logging.INFO) -> Path:
    """Attach a rotating file handler (5 × 2 MB) to the root logger once; returns its path."""
    path = log_file()
    root = logging.getLogger()
    for handler in root.handlers:
        if (isinstance(handler, logging.handlers.RotatingFileHandler)
                and Path(handler.baseFilename) == path):
            return path
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(handler)
    root.setLevel(min(root.level or level, level) if root.level else level)
    return path

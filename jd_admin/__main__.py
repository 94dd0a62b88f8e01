"""``python -m jd_admin`` is the CLI, the same program as ``jd-admin``."""

from jd_admin.cli import main

raise SystemExit(main())

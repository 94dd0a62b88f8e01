"""Launch the jd_admin desktop application: ``python main.py``."""

from jd_admin.ui.app import main

if __name__ == "__main__":
    raise SystemExit(main())

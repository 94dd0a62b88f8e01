"""Entry script of the bundle's command-line executable ``jd-admin`` (packaging/jd_admin.spec)."""

from jd_admin.cli import main

if __name__ == "__main__":
    raise SystemExit(main())

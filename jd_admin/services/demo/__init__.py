"""The demo district (演示数据)."""

#: What ``jd-admin demo-data`` loads unless told otherwise (vouchers, see :mod:`.vouchers`).
DEFAULT_VOUCHERS = 50_000

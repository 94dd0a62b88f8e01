"""The benchmark voucher generator as a package (``benchmarks/generate_vouchers.py`` is its
command line): :mod:`.tables` (format, rules, kinds, distributions), :mod:`.venues`,
:mod:`.simulation` (the rows, :func:`generate`) and :mod:`.scenarios`."""

from jd_admin.services.demo.voucher_sim.simulation import generate
from jd_admin.services.demo.voucher_sim.tables import DEFINITIONS, FACE_TABLE, HEADER, KEYS, KINDS
from jd_admin.services.demo.voucher_sim.venues import venue_codes, venue_profiles

__all__ = ["DEFINITIONS", "FACE_TABLE", "HEADER", "KEYS", "KINDS", "generate", "venue_codes",
           "venue_profiles"]

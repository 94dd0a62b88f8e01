"""Files the program writes (printouts and exports): the target checked before anything is
gathered or recorded, and each file written under a temporary name and renamed into place.

The outputs are prepared in a transaction that records their printing or export in the audit
trail and written after it; :func:`check_target` refuses at the start of that transaction a
target that cannot be written, so no print is recorded that never happened. Writing may still
fail later (a full disk): :func:`write_replacing` leaves nothing half-written under the name.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.text import _


def check_target(out: Path, *, folder: bool = False) -> None:
    """Refuse a file (``folder``: a folder to be made for several files) that cannot be
    written: a folder where a file is meant, a file where a folder is meant, a folder that does
    not exist or may not be written."""
    def refuse(code: int) -> InvalidInput:
        if folder:
            return InvalidInput(_("无法创建文件夹“{dir}”：{reason}", dir=out,
                                  reason=os.strerror(code)))
        return InvalidInput(_("无法写入文件“{file}”：{reason}", file=out,
                              reason=os.strerror(code)))

    if folder:
        if out.exists() and not out.is_dir():
            raise refuse(errno.ENOTDIR)
        where = out
        while not where.exists() and where.parent != where:
            where = where.parent
    else:
        if out.is_dir():
            raise refuse(errno.EISDIR)
        where = out.parent
    if not where.is_dir():
        raise refuse(errno.ENOENT if not where.exists() else errno.ENOTDIR)
    if not os.access(where, os.W_OK | os.X_OK):
        raise refuse(errno.EACCES)


def write_replacing(out: Path, write: Callable[[Path], None]) -> None:
    """``write`` a temporary file next to ``out``, then rename it to ``out``; on any failure
    the temporary file goes and ``out`` is as it was."""
    partial = out.with_name(f".{out.name}.part")
    try:
        write(partial)
        os.replace(partial, out)
    except OSError as exc:
        raise InvalidInput(_("无法写入文件“{file}”：{reason}", file=out,
                             reason=exc.strerror or exc)) from exc
    finally:
        partial.unlink(missing_ok=True)


__all__ = ["check_target", "write_replacing"]


@dataclass(frozen=True)
class Prepared:
    """A gathered output, ready to be written to ``out`` after the transaction (the service
    gathers and audits in the transaction; the caller writes once it has committed)."""

    out: Path
    write_to: Callable[[Path], None]

    def write(self) -> Path:
        write_replacing(self.out, self.write_to)
        return self.out

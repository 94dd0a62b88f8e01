"""Checks on an .xlsx file before any XML in it is parsed (security.md §7, §9 F1).

:func:`check_xlsx` reads only the zip central directory (``infolist``), never a member's
content: the declared sizes bound what ``zipfile`` will later inflate (``ZipExtFile`` stops
at ``file_size`` and then checks the CRC), so capping them caps the work openpyxl can be
made to do. :func:`assert_defusedxml` makes sure openpyxl parses XML through defusedxml
(no billion-laughs or external entities).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.text import _

MiB = 1024 * 1024
#: Members smaller than this are not checked for their compression ratio: small XML parts
#: legitimately compress very well, and the total cap bounds them anyway.
RATIO_CHECK_MIN_SIZE = 1 * MiB

_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-protected .xlsx


def _mib(n: int) -> str:
    return f"{n / MiB:.1f} MB"


def check_xlsx(
    path: Path,
    *,
    max_bytes: int = 20 * MiB,
    max_entries: int = 2000,
    max_uncompressed: int = 200 * MiB,
    max_ratio: int = 200,
) -> None:
    """Raise :class:`InvalidInput` (Chinese message) unless ``path`` looks like a safe .xlsx.

    Refused: a missing, non-regular or empty file; a file over ``max_bytes``; anything that
    is not a zip (an old .xls or an encrypted workbook is named as such); a damaged zip;
    more than ``max_entries`` members; more than ``max_uncompressed`` bytes once inflated,
    or a member of 1 MB or more inflating over ``max_ratio`` times its stored size (a zip
    bomb); encrypted members; macros (``xl/vbaProject.bin``); no ``xl/workbook.xml``.
    """
    name = path.name
    try:
        if not path.is_file():
            raise InvalidInput(_("找不到文件“{name}”，或它不是一个普通文件", name=name))
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise InvalidInput(_("无法读取文件“{name}”：{error}", name=name,
                             error=exc.strerror or exc)) from exc
    if size == 0:
        raise InvalidInput(_("文件“{name}”是空文件", name=name))
    if size > max_bytes:
        raise InvalidInput(_("文件“{name}”过大（{size}），上限为 {limit}", name=name,
                             size=_mib(size), limit=_mib(max_bytes)))
    if head.startswith(_OLE2_MAGIC):
        raise InvalidInput(
            _("“{name}”是旧版 .xls 文件或设置了密码的 Excel 文件：请在 Excel 中取消密码并另存"
              "为 .xlsx 后再导入", name=name)
        )
    if not head.startswith((_ZIP_MAGIC, _EMPTY_ZIP_MAGIC)):
        raise InvalidInput(_("“{name}”不是有效的 Excel (.xlsx) 文件", name=name))

    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise InvalidInput(_("“{name}”已损坏，无法打开（文件可能不完整），请重新保存后再导入",
                             name=name)) from exc
    except OSError as exc:
        raise InvalidInput(_("无法读取文件“{name}”：{error}", name=name,
                             error=exc.strerror or exc)) from exc

    if len(infos) > max_entries:
        raise InvalidInput(_("“{name}”包含的部件过多（{count} 个，上限 {max_entries}），已拒"
                             "绝", name=name, count=len(infos), max_entries=max_entries))
    total = 0
    names: set[str] = set()
    for info in infos:
        total += info.file_size
        names.add(info.filename.replace("\\", "/").lower())
        if info.flag_bits & 0x1:
            raise InvalidInput(_("“{name}”设置了密码（已加密），请取消密码后另存为 .xlsx 再导"
                                 "入", name=name))
        if info.file_size >= RATIO_CHECK_MIN_SIZE and (
            info.compress_size == 0 or info.file_size > max_ratio * info.compress_size
        ):
            raise InvalidInput(
                _("“{name}”中的“{filename}”解压后异常膨胀（{size}），疑似恶意压缩文件，已拒绝",
                  name=name, filename=info.filename, size=_mib(info.file_size))
            )
    if total > max_uncompressed:
        raise InvalidInput(
            _("“{name}”解压后过大（{size}，上限 {limit}），疑似恶意压缩文件或数据量超出一次导"
              "入的范围，已拒绝", name=name, size=_mib(total), limit=_mib(max_uncompressed))
        )
    if "xl/vbaproject.bin" in names:
        raise InvalidInput(_("“{name}”含有宏（VBA），出于安全原因不予导入：请另存为不含宏的 ."
                             "xlsx", name=name))
    if "xl/workbook.xml" not in names:
        raise InvalidInput(_("“{name}”不是有效的 Excel (.xlsx) 工作簿（缺少 xl/workbook.xml）",
                             name=name))


def assert_defusedxml() -> None:
    """Raise RuntimeError unless openpyxl parses XML through defusedxml (a hard dependency)."""
    from openpyxl import xml as openpyxl_xml

    if not openpyxl_xml.DEFUSEDXML:
        raise RuntimeError(
            "openpyxl is not using defusedxml: install the defusedxml package "
            "(reading spreadsheets without it is unsafe)"
        )

"""Reading the operator's voucher file (.csv in UTF-8 / GB18030, or .xlsx) into checked rows.

Structural rules live here: each row becomes a :class:`StagedVoucher` (identifiers already
pseudonymised) or a list of :class:`RowError` naming row, column and reason. Nothing here
touches the database; ``voucher_import`` loads the staged rows set-based and checks the rules.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hmac
import operator
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.text import _, join
from jd_admin.domain.vouchers import GROUP_FILE_WORDS, CitizenGroup
from jd_admin.money import MoneyError, to_fen
from jd_admin.services import clock, identifiers
from jd_admin.services.xlsx_guard import check_xlsx

MAX_AMOUNT_FEN = 100_000_00  # 100,000 yuan: far above any order


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    hint: str


COLUMNS: tuple[Column, ...] = (
    Column("code", "券码", True, "平台券码，唯一"),
    Column("batch", "批次编号", True, "发放批次编号，如 2026-01"),
    Column("face_value", "面值", True, "元：5、10、20、30、50、80"),
    Column("citizen_id", "用户标识", True, "平台的市民标识（导入时即假名化，不保存原值）"),
    Column("citizen_group", "人群类别", False, "空，或 老年人 / 青少年 / 残疾人"),
    Column("claimed_at", "领取时间", True, "北京时间 YYYY-MM-DD HH:MM:SS"),
    Column("redeemed_at", "核销时间", False, "未使用则留空"),
    Column("venue_code", "核销场馆", False, "场馆统一社会信用代码；已核销必填"),
    Column("sport", "运动项目", False, "已核销必填"),
    Column("order_amount", "订单金额", False, "元，两位小数；已核销必填"),
    Column("paid_amount", "实付金额", False, "元 = 订单金额 − 面值；已核销必填"),
)
HEADERS = {c.header: c.key for c in COLUMNS} | {c.key: c.key for c in COLUMNS}
#: The file's word (or the stored code) for each citizen group -> the stored code.
GROUPS: dict[str, str] = {**{word: g.value for word, g in GROUP_FILE_WORDS.items()},
                          **{g.value: g.value for g in CitizenGroup}}
_DATETIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
                     "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M")
_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")


class UnreadableFile(InvalidInput):
    """The file cannot be imported at all (nothing is imported)."""


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet row number (the header is row 1)
    column: str  # the column header, or "" for the whole row
    reason: str

    def describe(self) -> str:
        where = f"第 {self.row} 行" + (f"“{self.column}”列" if self.column else "")
        return f"{where}：{self.reason}"


@dataclass(frozen=True)
class StagedVoucher:
    row: int
    code: str
    batch: str
    face_fen: int
    citizen_hash: str
    citizen_masked: str
    citizen_group: str | None
    claimed_at: dt.datetime  # aware, UTC
    redeemed_at: dt.datetime | None
    claim_day: dt.date  # Shanghai calendar day of the claim
    use_day: dt.date | None
    venue_code: str | None
    sport: str | None
    order_fen: int | None
    paid_fen: int | None


# --- reading raw rows ----------------------------------------------------------------------

RawRow = tuple[int, list[object]]


def open_rows(path: Path) -> tuple[list[str], Iterator[RawRow], set[tuple[int, int]]]:
    """(header, data rows with their row numbers, formula cells as (row, column index)).

    Raises UnreadableFile for what cannot be imported at all."""
    if not path.is_file():
        raise UnreadableFile(_("找不到文件：{path}", path=path))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_rows(path)
    if suffix == ".xlsx":
        return _xlsx_rows(path)
    raise UnreadableFile(_("只能导入 .xlsx 或 .csv 文件，而“{name}”是 {suffix} 文件",
                           name=path.name,
                           suffix=suffix or _("无扩展名")))


def _csv_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) if the whole file decodes as such, else GB18030."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as f:
        try:
            while chunk := f.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return "utf-8-sig"
        except UnicodeDecodeError:
            pass
    try:
        with path.open("r", encoding="gb18030") as f:
            while f.read(1 << 20):
                pass
    except UnicodeDecodeError:
        raise UnreadableFile(_("“{name}”既不是 UTF-8 也不是 GB18030 编码的文本，无法读取",
                               name=path.name)) from None
    return "gb18030"


def _csv_rows(path: Path) -> tuple[list[str], Iterator[RawRow], set[tuple[int, int]]]:
    if path.stat().st_size == 0:
        raise UnreadableFile(_("“{name}”是空文件", name=path.name))
    with path.open("rb") as probe:
        head = probe.read(4)
    if head.startswith(b"PK\x03\x04"):
        raise UnreadableFile(_("“{name}”其实是 Excel 文件，请把扩展名改为 .xlsx", name=path.name))
    encoding = _csv_encoding(path)
    handle = path.open("r", encoding=encoding, newline="")
    reader = csv.reader(handle)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        handle.close()
        raise UnreadableFile(_("“{name}”没有表头行", name=path.name)) from None

    def rows() -> Iterator[RawRow]:
        try:
            for n, row in enumerate(reader, start=2):
                yield n, list(row)
        except csv.Error as exc:
            raise UnreadableFile(_("“{name}”第 {line} 行无法解析：{error}", name=path.name,
                                   line=reader.line_num, error=exc)) from None
        finally:
            handle.close()

    return header, rows(), set()


def _formula_cells(path: Path, sheet_xml: str) -> set[tuple[int, int]]:
    """Cells holding formulas, found in the sheet's XML (a quick byte scan first)."""
    with zipfile.ZipFile(path) as z, z.open(sheet_xml) as f:
        found = False
        tail = b""
        while chunk := f.read(1 << 20):
            if _FORMULA.search(tail + chunk):
                found = True
                break
            tail = chunk[-8:]
        if not found:
            return set()
    from defusedxml.ElementTree import iterparse

    cells: set[tuple[int, int]] = set()
    with zipfile.ZipFile(path) as z, z.open(sheet_xml) as f:
        for _, element in iterparse(f, events=("end",)):
            if element.tag.endswith("}c"):
                if any(child.tag.endswith("}f") for child in element):
                    ref = element.get("r", "")
                    m = re.match(r"([A-Z]+)(\d+)", ref)
                    if m:
                        col = 0
                        for ch in m.group(1):
                            col = col * 26 + ord(ch) - 64
                        cells.add((int(m.group(2)), col - 1))
                element.clear()
    return cells


def _first_sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
    for candidate in ("xl/worksheets/sheet1.xml",):
        if candidate in names:
            return candidate
    sheets = sorted(n for n in names if n.startswith("xl/worksheets/sheet") and n.endswith(".xml"))
    if not sheets:
        raise UnreadableFile(_("Excel 文件中没有工作表"))
    return sheets[0]


def _xlsx_rows(path: Path) -> tuple[list[str], Iterator[RawRow], set[tuple[int, int]]]:
    check_xlsx(path, max_bytes=300 * 1024 * 1024, max_uncompressed=4 * 1024 * 1024 * 1024,
               max_ratio=300)
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_index(0)
        formulas = _formula_cells(path, _first_sheet_xml(path))
    except (CalamineError, zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableFile(_("“{name}”已损坏或不是有效的 Excel 文件（{error}）", name=path.name,
                               error=exc)) from None
    iterator = iter(sheet.iter_rows())
    try:
        header = [str(h) for h in next(iterator)]
    except StopIteration:
        raise UnreadableFile(_("“{name}”没有表头行", name=path.name)) from None

    def rows() -> Iterator[RawRow]:
        for n, row in enumerate(iterator, start=2):
            yield n, list(row)

    return header, rows(), formulas


def map_header(header: list[str], filename: str) -> dict[str, int]:
    """Column key -> index, by header name (order free); missing required columns refuse."""
    positions: dict[str, int] = {}
    for i, name in enumerate(header):
        key = HEADERS.get(unicodedata.normalize("NFKC", str(name)).strip().lstrip("\ufeff"))
        if key is not None and key not in positions:
            positions[key] = i
    missing = [c.header for c in COLUMNS if c.required and c.key not in positions]
    if missing:
        raise UnreadableFile(
            _("“{name}”缺少必需的列：{columns}（第一行应为表头，见 jd-admin vouchers template）",
              name=filename, columns=join(missing)))
    return positions


# --- checking one row ---------------------------------------------------------------------

def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and value.isascii():  # the common case: nothing to normalise
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).replace("\u200b", "").strip()


def _identifier(value: object, column: str, errors: list[str]) -> str:
    """A code or identifier: text; a number only when Excel cannot have rounded it."""
    if isinstance(value, bool):
        errors.append("应为文本")
        return ""
    if isinstance(value, float):
        if not value.is_integer() or abs(value) >= 1e15:
            errors.append("以数字形式保存，Excel 可能已舍入末几位，请将该列设为文本后重新导出")
            return ""
        return str(int(value))
    if isinstance(value, int):
        if abs(value) >= 10**15:
            errors.append("以数字形式保存，Excel 可能已舍入末几位，请将该列设为文本后重新导出")
            return ""
        return str(value)
    return _text(value)


def _parse_local(text: str) -> dt.datetime | None:
    if len(text) == 19 and text[10] == " ":  # the documented form, fast
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            pass
    for fmt in _DATETIME_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def parse_moment(value: object) -> dt.datetime:
    """A Shanghai local date-time (text or spreadsheet date cell) as an aware UTC datetime."""
    if isinstance(value, dt.datetime):
        local: dt.datetime | None = value
    elif isinstance(value, dt.date):
        # A date-time cell at exactly 00:00:00 comes from the reader as a plain date
        # (python-calamine drops a zero time): midnight.
        local = dt.datetime.combine(value, dt.time())
    else:
        text = _text(value)
        local = _parse_local(text)
        if local is None:
            raise ValueError(f"无法识别的时间“{text[:30]}”，应为 YYYY-MM-DD HH:MM:SS")
    assert local is not None
    if local.tzinfo is None:
        local = local.replace(tzinfo=clock.SHANGHAI)
    if not 2000 <= local.year <= 2100:
        raise ValueError("年份不合理")
    return local.astimezone(dt.UTC)


def parse_amount(value: object) -> int:
    """Yuan (number or text) -> fen; floats go through their shortest repr."""
    if isinstance(value, bool):
        raise MoneyError("应为金额")
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise MoneyError("不是有效的金额")
        text = repr(value)
    else:
        text = _text(value).replace("元", "").replace("¥", "").replace("￥", "").replace(",", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise MoneyError(f"不是有效的金额“{text[:20]}”") from None
    if not amount.is_finite() or abs(amount) >= Decimal(10) ** 12:
        raise MoneyError("金额超出范围")
    fen = to_fen(amount)
    if fen < 0:
        raise MoneyError("金额不能为负数")
    if fen > MAX_AMOUNT_FEN:
        raise MoneyError("金额超出合理范围（10 万元）")
    return fen


class RowChecker:
    """Turns raw rows into staged vouchers or row errors. ``known_faces`` are the face values
    (fen) of any version of the face-value table; ``batches`` the known batch codes."""

    def __init__(self, positions: dict[str, int], key: bytes, known_faces: set[int],
                 batches: set[str], formulas: set[tuple[int, int]]) -> None:
        self.positions = positions
        self.key = key
        self.known_faces = known_faces
        self.batches = batches
        self.formulas = formulas
        self.seen: dict[str, int] = {}
        self.hashes: dict[str, tuple[str, str]] = {}
        self.amounts: dict[object, int | str] = {}  # cell value -> fen, or the error message
        self.venues: dict[str, str | InvalidInput] = {}
        self.sports: dict[str, str] = {}
        self.offsets: dict[str, dt.timedelta | None] = {}  # local day -> its one UTC offset
        keys = [c.key for c in COLUMNS]
        # The fast path reads the eleven cells at once; a missing column or a formula anywhere
        # in the file sends every row through ``check``.
        self.cells = (operator.itemgetter(*[positions[k] for k in keys])
                      if not formulas and all(k in positions for k in keys) else None)
        self.width = max(positions.values()) + 1

    def pseudonym(self, citizen_id: str) -> tuple[str, str]:
        cached = self.hashes.get(citizen_id)
        if cached is None:
            digest = hmac.digest(self.key, citizen_id.encode(), "sha256").hex()
            cached = (digest, identifiers.mask_identifier(citizen_id))
            self.hashes[citizen_id] = cached
        return cached

    def amount(self, value: object) -> int:
        """parse_amount, remembered per cell value (a file repeats the same few amounts)."""
        key = (type(value), value)
        known = self.amounts.get(key)
        if known is None:
            try:
                known = parse_amount(value)
            except MoneyError as exc:
                known = str(exc)
            if len(self.amounts) < 100_000:
                self.amounts[key] = known
        if isinstance(known, str):
            raise MoneyError(known)
        return known

    def venue(self, text: str) -> str:
        known = self.venues.get(text)
        if known is None:
            try:
                known = identifiers.validate_credit_code(text)
            except InvalidInput as exc:
                known = exc
            if len(self.venues) < 100_000:
                self.venues[text] = known
        if isinstance(known, InvalidInput):
            raise known
        return known

    def _utc(self, text: str) -> tuple[dt.datetime, dt.date] | None:
        """A documented-form local time (YYYY-MM-DD HH:MM:SS) as UTC and its local day, or None
        for anything else. The offset is looked up once per day (a day whose offset changes
        goes the slow way)."""
        if len(text) != 19 or text[10] != " ":
            return None
        try:
            local = dt.datetime.fromisoformat(text)
        except ValueError:
            return None
        if local.tzinfo is not None or not 2000 <= local.year <= 2100:
            return None
        day = text[:10]
        if day in self.offsets:
            offset = self.offsets[day]
        else:
            offset = local.replace(hour=0, minute=0, second=0, tzinfo=clock.SHANGHAI).utcoffset()
            if offset != local.replace(hour=23, minute=59, second=59,
                                       tzinfo=clock.SHANGHAI).utcoffset():
                offset = None
            self.offsets[day] = offset
        if offset is None:
            return None
        return (local - offset).replace(tzinfo=dt.UTC), local.date()

    def fast(self, n: int, raw: list[object]) -> StagedVoucher | None:
        """The common row quickly: text cells in the documented forms, nothing to normalise.
        Returns None for anything else, and ``check`` decides (naming every problem); a row
        accepted here is exactly what ``check`` would make of it."""
        if self.cells is None or len(raw) < self.width:
            return None
        (code, batch, face, citizen, group, claimed, redeemed, venue, sport, order,
         paid) = self.cells(raw)
        if (type(code) is not str or not 0 < len(code) <= 40 or not code.isascii() or code.strip()
            != code
                or code in self.seen or type(batch) is not str or batch not in self.batches
                or type(citizen) is not str or not 0 < len(citizen) <= 64 or not citizen.isascii()
                or citizen.strip() != citizen or type(claimed) is not str):
            return None
        try:
            face_fen = self.amount(face)
        except MoneyError:
            return None
        if face_fen not in self.known_faces:
            return None
        if group is None or group == "":
            group_code = None
        elif type(group) is not str or (group_code := GROUPS.get(group)) is None:
            return None
        claim = self._utc(claimed)
        if claim is None:
            return None
        if redeemed is None or redeemed == "":
            if any(not (v is None or v == "") for v in (venue, sport, order, paid)):
                return None
            use: tuple[dt.datetime, dt.date] | None = None
            venue_code = sport_name = order_fen = paid_fen = None
        else:
            if type(redeemed) is not str or type(venue) is not str or type(sport) is not str:
                return None
            use = self._utc(redeemed)
            if use is None or use[0] < claim[0] or not venue.isascii() or venue.strip() != venue:
                return None
            sport_name = self.sports.get(sport)
            if sport_name is None:
                sport_name = self.sports[sport] = _text(sport)[:20]
            if not sport_name:
                return None
            try:
                venue_code = self.venue(venue)
                order_fen, paid_fen = self.amount(order), self.amount(paid)
            except (InvalidInput, MoneyError):
                return None
        self.seen[code] = n
        citizen_hash, masked = self.pseudonym(citizen)
        return StagedVoucher(n, code, batch, face_fen, citizen_hash, masked, group_code, claim[0],
                             use[0] if use else None, claim[1], use[1] if use else None,
                             venue_code, sport_name, order_fen, paid_fen)

    def check(self, n: int, raw: list[object]) -> StagedVoucher | list[RowError]:
        errors: list[RowError] = []
        cells: dict[str, object] = {}
        formula_keys: set[str] = set()
        for column in COLUMNS:
            i = self.positions.get(column.key)
            value = raw[i] if i is not None and i < len(raw) else None
            if i is not None and (n, i) in self.formulas:
                errors.append(RowError(n, column.header, "单元格含公式，请导出为数值"))
                formula_keys.add(column.key)
                value = None
            cells[column.key] = value

        def err(key: str, reason: str) -> None:
            header = next(c.header for c in COLUMNS if c.key == key)
            errors.append(RowError(n, header, reason))

        def required(key: str) -> object:
            value = cells[key]
            if value is None or (isinstance(value, str) and not value.strip()):
                if key not in formula_keys:
                    err(key, "必须填写")
                return None
            return value

        problems: list[str] = []

        def identifier(key: str, value: object) -> str:
            text = _identifier(value, key, problems)
            for p in problems:
                err(key, p)
            problems.clear()
            return text

        code = ""
        if (v := required("code")) is not None:
            code = identifier("code", v)
            if code and len(code) > 40:
                err("code", "券码不能超过 40 个字符")
            elif code in self.seen:
                err("code", f"与第 {self.seen[code]} 行的券码重复")
            elif code:
                self.seen[code] = n
        batch = _text(required("batch")) if cells["batch"] not in (None, "") else ""
        if batch and batch not in self.batches:
            err("batch", f"没有编号为“{batch[:30]}”的发放批次")
        face = 0
        if (v := required("face_value")) is not None:
            try:
                face = self.amount(v)
                if face not in self.known_faces:
                    err("face_value", f"面值表中没有 {face / 100:g} 元的面值")
            except MoneyError as exc:
                err("face_value", str(exc))
        citizen_hash = masked = ""
        if (v := required("citizen_id")) is not None:
            citizen = identifier("citizen_id", v)
            if citizen and len(citizen) > 64:
                err("citizen_id", "用户标识过长")
            elif citizen:
                citizen_hash, masked = self.pseudonym(citizen)
        group = None
        if (g := _text(cells["citizen_group"])):
            group = GROUPS.get(g)
            if group is None:
                err("citizen_group", f"人群类别只能是 老年人、青少年、残疾人（不是“{g[:10]}”）")
        claimed = None
        if (v := required("claimed_at")) is not None:
            try:
                claimed = parse_moment(v)
            except ValueError as exc:
                err("claimed_at", str(exc))
        redeemed = None
        venue = sport = None
        order = paid = None
        if _text(cells["redeemed_at"]) or isinstance(cells["redeemed_at"], dt.datetime):
            try:
                redeemed = parse_moment(cells["redeemed_at"])
                if claimed is not None and redeemed < claimed:
                    err("redeemed_at", "核销时间早于领取时间")
            except ValueError as exc:
                err("redeemed_at", str(exc))
            if (v := required("venue_code")) is not None:
                text = _identifier(v, "venue_code", problems)
                if problems:  # one message per cell: a number is not also "empty"
                    err("venue_code", problems[0])
                    problems.clear()
                else:
                    try:
                        venue = self.venue(text)
                    except InvalidInput as exc:
                        err("venue_code", str(exc))
            if (v := required("sport")) is not None:
                sport = _text(v)[:20]
            for key in ("order_amount", "paid_amount"):
                if (v := required(key)) is not None:
                    try:
                        amount = self.amount(v)
                    except MoneyError as exc:
                        err(key, str(exc))
                        continue
                    if key == "order_amount":
                        order = amount
                    else:
                        paid = amount
        else:
            for key in ("venue_code", "sport", "order_amount", "paid_amount"):
                if _text(cells[key]):
                    err(key, "未核销的券不应填写核销信息（缺少核销时间？）")
        if errors:
            return errors
        assert claimed is not None
        return StagedVoucher(n, code, batch, face, citizen_hash, masked, group, claimed, redeemed,
                             clock.local_date(claimed), clock.local_date(redeemed) if redeemed
                             else None,
                             venue, sport, order, paid)


def read_voucher_file(path: Path, key: bytes, known_faces: set[int], batches: set[str],
                      on_row: Callable[[int], None] | None = None
                      ) -> Iterator[StagedVoucher | list[RowError]]:
    """Every data row of the file, checked. Raises UnreadableFile before the first row if the
    file cannot be imported at all."""
    header, rows, formulas = open_rows(path)
    positions = map_header(header, path.name)
    checker = RowChecker(positions, key, known_faces, batches, formulas)

    def generate() -> Iterator[StagedVoucher | list[RowError]]:
        for n, raw in rows:
            staged = checker.fast(n, raw)
            if staged is None and not any(_text(v) for v in raw):
                continue
            if on_row is not None:
                on_row(n)
            yield staged or checker.check(n, raw)

    return generate()


def write_error_report(path: Path, errors: list[RowError]) -> None:
    """The rejected rows beside the imported file, for the operator to correct."""
    from jd_admin.reports.xlsx import write_table

    write_table(path, "导入错误", ["行号", "列", "原因"],
                [(e.row, e.column, e.reason) for e in errors], column_widths=[8, 14, 80])

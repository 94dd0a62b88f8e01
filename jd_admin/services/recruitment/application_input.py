"""What a venue's self-recommendation (自荐申请) contains, and the rule of every field.

The GUI form, the Excel application form and the demo data all build an
:class:`ApplicationInput` and call :func:`validate`; each broken rule comes back as a
:class:`FieldError` naming the field (the Excel importer turns the field into its cell).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.recruitment import VenueType
from jd_admin.domain.text import Text, _
from jd_admin.money import MoneyError, to_money
from jd_admin.services import identifiers

MAX_PRICE = Decimal("100000")
#: Jiading and a margin around it (WGS-84); coordinates outside are a typo.
LON_RANGE = (120.9, 121.6)
LAT_RANGE = (31.1, 31.6)


@dataclass(frozen=True)
class SportPrice:
    sport: str
    list_price: Decimal


@dataclass(frozen=True)
class Coach:
    name: str
    qualification: str
    certificate_number: str


@dataclass(frozen=True)
class ApplicationInput:
    venue_name: str
    venue_type: str  # a VenueType code
    address: str
    credit_code: str
    legal_representative: str
    contact_name: str
    contact_mobile: str
    opening_hours: str
    capacity: int
    sports: tuple[SportPrice, ...]
    coaches: tuple[Coach, ...]
    bank_name: str
    bank_account_name: str
    bank_account_number: str
    safety_measures: str = ""
    longitude: float | None = None
    latitude: float | None = None


#: Field name -> its label, in form order (the GUI and the Excel form use it).
FIELD_LABELS: dict[str, Text] = {
    "venue_name": _("场馆名称"),
    "venue_type": _("场馆类型"),
    "address": _("地址"),
    "credit_code": _("统一社会信用代码"),
    "legal_representative": _("法定代表人"),
    "contact_name": _("联系人"),
    "contact_mobile": _("联系人手机"),
    "opening_hours": _("开放时间"),
    "capacity": _("可容纳人数"),
    "sports": _("运动项目及挂牌价"),
    "coaches": _("教练及资格证书"),
    "bank_name": _("开户银行"),
    "bank_account_name": _("账户名称"),
    "bank_account_number": _("银行账号"),
    "safety_measures": _("安全与防疫措施"),
    "longitude": _("经度"),
    "latitude": _("纬度"),
}


@dataclass(frozen=True)
class FieldError:
    """``field`` is a name of FIELD_LABELS; ``index`` the row within sports/coaches."""

    field: str
    message: Text | str
    index: int | None = None

    def describe(self) -> str:
        label = FIELD_LABELS.get(self.field, self.field)
        if self.index is None:
            return str(_("{label}：{message}", label=label, message=self.message))
        return str(_("{label}第 {row} 行：{message}", label=label, row=self.index + 1,
                     message=self.message))


class ApplicationInvalid(InvalidInput):
    """The input breaks one or more rules; ``errors`` lists them all."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("；".join(e.describe() for e in errors))


def message_of(exc: Exception) -> Text | str:
    """The message an exception carries (a Text stays a Text)."""
    first = exc.args[0] if exc.args else ""
    return first if isinstance(first, Text) else str(exc)


def clean_text(text: str) -> str:
    """Trimmed, inner runs of white space (full-width and no-break spaces too) collapsed.

    Free text keeps its Chinese punctuation (no NFKC here: it would turn "，" into ","); codes,
    numbers and prices are normalised where they are parsed."""
    return re.sub(r"\s+", " ", (text or "").replace("\u3000", " ").replace("\xa0", " ")).strip()


def parse_price(text: str) -> Decimal:
    """A list price from text ("80", "80.00", "８０元"); raises MoneyError with a message."""
    cleaned = unicodedata.normalize("NFKC", clean_text(text)).removesuffix("元")
    cleaned = cleaned.replace("¥", "").replace("￥", "").strip()
    price = to_money(cleaned)
    if price < 0:
        raise MoneyError(_("价格不能为负数"))
    if price > MAX_PRICE:
        raise MoneyError(_("价格不能超过 {max} 元", max=MAX_PRICE))
    return price


def _required(errors: list[FieldError], field: str, value: str, max_length: int) -> str:
    value = clean_text(value)
    if not value:
        errors.append(FieldError(field, _("必须填写")))
    elif len(value) > max_length:
        errors.append(FieldError(field, _("不能超过 {n} 个字符", n=max_length)))
    return value


def _checked(errors: list[FieldError], field: str, value: str,
             check: Callable[[str], str]) -> str:
    """``check(value)`` (the normalised value); on InvalidInput the error, and ``value`` as is."""
    try:
        return check(value)
    except InvalidInput as exc:
        errors.append(FieldError(field, message_of(exc)))
        return value


def validate(data: ApplicationInput) -> ApplicationInput:
    """Return the normalised input, or raise ApplicationInvalid listing every broken rule."""
    errors: list[FieldError] = []
    venue_name = _required(errors, "venue_name", data.venue_name, 100)
    venue_type = data.venue_type
    if venue_type not in VenueType.codes():
        errors.append(FieldError("venue_type", _("只能是“{public}”或“{commercial}”",
                                                 public=VenueType.PUBLIC,
                                                 commercial=VenueType.COMMERCIAL)))
    address = _required(errors, "address", data.address, 200)
    credit_code = _checked(errors, "credit_code", data.credit_code,
                           identifiers.validate_credit_code)
    legal = _required(errors, "legal_representative", data.legal_representative, 40)
    contact = _required(errors, "contact_name", data.contact_name, 40)
    mobile = _checked(errors, "contact_mobile", data.contact_mobile, identifiers.validate_mobile)
    hours = _required(errors, "opening_hours", data.opening_hours, 100)
    if data.capacity < 0 or data.capacity > 100000:
        errors.append(FieldError("capacity", _("应为 0 到 100000 之间的整数")))

    sports: list[SportPrice] = []
    seen: set[str] = set()
    if not data.sports:
        errors.append(FieldError("sports", _("至少填写一个运动项目及其挂牌价")))
    for i, sp in enumerate(data.sports):
        sport = clean_text(sp.sport)
        if not sport:
            errors.append(FieldError("sports", _("项目名称必须填写"), i))
        elif len(sport) > 20:
            errors.append(FieldError("sports", _("项目名称不能超过 20 个字符"), i))
        elif sport in seen:
            errors.append(FieldError("sports", _("项目“{sport}”重复", sport=sport), i))
        seen.add(sport)
        if not isinstance(sp.list_price, Decimal) or sp.list_price < 0:
            errors.append(FieldError("sports", _("挂牌价不能为负数"), i))
        elif sp.list_price > MAX_PRICE:
            errors.append(FieldError("sports", _("挂牌价不能超过 {max} 元", max=MAX_PRICE), i))
        sports.append(SportPrice(sport, sp.list_price))

    coaches: list[Coach] = []
    for i, c in enumerate(data.coaches):
        name, qual = clean_text(c.name), clean_text(c.qualification)
        number = clean_text(c.certificate_number)
        if not name:
            errors.append(FieldError("coaches", _("教练姓名必须填写"), i))
        if not qual:
            errors.append(FieldError("coaches", _("资格证书名称必须填写"), i))
        if not number:
            errors.append(FieldError("coaches", _("证书编号必须填写"), i))
        if len(name) > 40 or len(qual) > 100 or len(number) > 60:
            errors.append(FieldError("coaches", _("内容过长"), i))
        coaches.append(Coach(name, qual, number))

    bank = _required(errors, "bank_name", data.bank_name, 100)
    account_name = _required(errors, "bank_account_name", data.bank_account_name, 100)
    account = re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", data.bank_account_number or ""))
    if not account:
        errors.append(FieldError("bank_account_number", _("必须填写")))
    elif not account.isascii() or not account.isdigit():
        errors.append(FieldError("bank_account_number", _("只能包含数字")))
    elif not 8 <= len(account) <= 32:
        errors.append(FieldError("bank_account_number", _("应为 8 到 32 位数字")))
    safety = clean_text(data.safety_measures)
    if len(safety) > 2000:
        errors.append(FieldError("safety_measures", _("不能超过 2000 个字符")))

    if (data.longitude is None) != (data.latitude is None):
        errors.append(FieldError("longitude", _("经度和纬度要么都填，要么都不填")))
    elif data.longitude is not None and data.latitude is not None:
        if not LON_RANGE[0] <= data.longitude <= LON_RANGE[1]:
            errors.append(
                FieldError("longitude", _("不在嘉定区范围内（应在 120.9 到 121.6 之间）")))
        if not LAT_RANGE[0] <= data.latitude <= LAT_RANGE[1]:
            errors.append(FieldError("latitude", _("不在嘉定区范围内（应在 31.1 到 31.6 之间）")))
    if errors:
        raise ApplicationInvalid(errors)
    return dataclasses.replace(
        data, venue_name=venue_name, address=address, credit_code=credit_code,
        legal_representative=legal, contact_name=contact, contact_mobile=mobile,
        opening_hours=hours, sports=tuple(sports), coaches=tuple(coaches), bank_name=bank,
        bank_account_name=account_name, bank_account_number=account, safety_measures=safety,
    )

"""Identifier rules: the one place that knows how identifiers look, validate and are masked.

* GB 32100-2015 unified social credit code (统一社会信用代码), check character mod 31;
  the optional GB 11714 organisation-code check on positions 9-17 is a warning only.
* GB 11643-1999 citizen identity number (公民身份号码), ISO 7064 MOD 11-2.
* Mainland China mobile numbers (手机号码).
* Masked display forms (``138****1234``, ``310***********1234``).

Every ``validate_*`` function normalises its input (NFKC, so full-width characters are
accepted; spaces, U+3000 and NBSP removed; upper-case), returns the canonical form, and
raises :class:`InvalidIdentifier` with a message that says what is wrong.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta, timezone

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.text import Text, _

__all__ = [
    "CREDIT_CODE_CHARSET",
    "InvalidIdentifier",
    "credit_code_check_char",
    "credit_code_warnings",
    "is_valid_credit_code",
    "is_valid_mobile",
    "is_valid_resident_id",
    "mask_identifier",
    "mask_mobile",
    "mask_resident_id",
    "normalize_code",
    "organization_code_check_char",
    "resident_id_check_char",
    "resident_id_warnings",
    "validate_credit_code",
    "validate_mobile",
    "validate_resident_id",
]


class InvalidIdentifier(InvalidInput, ValueError):
    """An identifier (credit code, ID number, mobile number) that breaks its rule."""


# China has had no daylight saving time since 1991: a fixed offset is exact for "today"
# and needs no tz database (zoneinfo has none on Windows without the tzdata package).
_CHINA_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")

_DIGITS = "0123456789"
# Removed inside codes: after NFKC, U+3000 and NBSP already become U+0020, but the explicit
# list keeps the intent visible (and covers other Unicode spaces and zero-width characters).
_REMOVED_CHARS = frozenset(" \u3000\u00a0\u2007\u202f\u200b\ufeff\t\r\n")


def normalize_code(text: str) -> str:
    """Canonical form of a typed or imported code: NFKC, no spaces at all, upper-case.

    >>> normalize_code(" ９１３５０１００ｍ０００１００ｙ４３ ")
    '91350100M000100Y43'
    """
    return _fold(text).upper()


def _fold(text: str) -> str:
    """NFKC, then without any spaces (inner ones too); case kept."""
    folded = unicodedata.normalize("NFKC", text).strip()
    return "".join(ch for ch in folded if ch not in _REMOVED_CHARS and not ch.isspace())


def _show(ch: str) -> str:
    """A character as it appears in a message: visible even if it is a control character."""
    if ch.isprintable():
        return f"“{ch}”"
    return f"“U+{ord(ch):04X}”"


# --------------------------------------------------------------------------------------
# GB 32100-2015 unified social credit code
# --------------------------------------------------------------------------------------

CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""The 31 symbols of GB 32100: digits and upper-case letters without I, O, Z, S, V."""

_CREDIT_VALUE = {ch: i for i, ch in enumerate(CREDIT_CODE_CHARSET)}
_CREDIT_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1, 3, 9, 27, 19, 26, ...
_CREDIT_FORBIDDEN_LETTERS = frozenset("IOZSV")
_CREDIT_NAME = _("统一社会信用代码")


def _credit_char_error(position: int, ch: str, *, what: Text = _CREDIT_NAME) -> InvalidIdentifier:
    if ch in _CREDIT_FORBIDDEN_LETTERS:
        return InvalidIdentifier(
            _("{what}第{position}位的字母{char}不合法：代码中不使用字母I、O、Z、S、V", what=what,
              position=position, char=_show(ch))
        )
    return InvalidIdentifier(
        _("{what}第{position}位的字符{char}不合法：只能是数字或大写字母（不含I、O、Z、S、V）",
          what=what, position=position, char=_show(ch))
    )


def _credit_body_error(body: str) -> InvalidIdentifier | None:
    for position, ch in enumerate(body, start=1):
        if ch not in _CREDIT_VALUE:
            return _credit_char_error(position, ch)
    return None


def credit_code_check_char(body17: str) -> str:
    """The 18th character of a credit code whose first 17 characters are ``body17``."""
    body = normalize_code(body17)
    if len(body) != 17:
        raise InvalidIdentifier(_("计算校验码需要统一社会信用代码的前17位，实际为{count}位",
                                  count=len(body)))
    error = _credit_body_error(body)
    if error is not None:
        raise error
    total = sum(_CREDIT_VALUE[ch] * w for ch, w in zip(body, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def validate_credit_code(text: str) -> str:
    """Return the normalised 18-character credit code, or raise :class:`InvalidIdentifier`.

    Only the structure and the check character are enforced; the registration-authority,
    category and division codes are not checked against their lists (they change), and the
    GB 11714 check on positions 9-17 is reported by :func:`credit_code_warnings` instead.
    """
    code = normalize_code(text)
    if not code:
        raise InvalidIdentifier(_("{credit_name}不能为空", credit_name=_CREDIT_NAME))
    if len(code) != 18:
        raise InvalidIdentifier(_("{credit_name}应为18位，实际为{count}位",
                                  credit_name=_CREDIT_NAME, count=len(code)))
    error = _credit_body_error(code)
    if error is not None:
        raise error
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        raise InvalidIdentifier(
            _("{credit_name}校验码错误：第18位应为“{expected}”，实际为“{actual}”，请检查是否输"
              "错或漏输", credit_name=_CREDIT_NAME, expected=expected, actual=code[17])
        )
    return code


def is_valid_credit_code(text: str) -> bool:
    """True if ``text`` is a valid unified social credit code (after normalisation)."""
    try:
        validate_credit_code(text)
    except InvalidIdentifier:
        return False
    return True


def _org_value(ch: str) -> int:
    if ch in _DIGITS:
        return ord(ch) - ord("0")
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    raise InvalidIdentifier(_("组织机构代码中的字符{char}不合法：只能是数字或大写字母",
                              char=_show(ch)))


_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def organization_code_check_char(body8: str) -> str:
    """GB 11714-1997 check character of an organisation code (9th character: digit or X)."""
    body = normalize_code(body8)
    if len(body) != 8:
        raise InvalidIdentifier(_("计算校验码需要组织机构代码的前8位，实际为{count}位",
                                  count=len(body)))
    total = sum(_org_value(ch) * w for ch, w in zip(body, _ORG_WEIGHTS, strict=True))
    remainder = 11 - total % 11
    if remainder == 10:
        return "X"
    if remainder == 11:
        return "0"
    return str(remainder)


def credit_code_warnings(text: str) -> list[Text]:
    """Soft findings (Chinese) on a valid credit code; empty when nothing looks odd.

    Raises :class:`InvalidIdentifier` if the code itself is invalid.
    """
    code = validate_credit_code(text)
    warnings: list[Text] = []
    expected = organization_code_check_char(code[8:16])
    if code[16] != expected:
        warnings.append(
            _("{credit_name}第9–17位（组织机构代码）的校验位应为“{expected}”，实际为“{actual}”"
              "，请核对营业执照", credit_name=_CREDIT_NAME, expected=expected, actual=code[16])
        )
    if code[2:8] == "000000":
        warnings.append(_("{credit_name}第3–8位（登记管理机关行政区划码）为000000，请核对营业"
                          "执照", credit_name=_CREDIT_NAME))
    return warnings


# --------------------------------------------------------------------------------------
# GB 11643-1999 citizen identity number
# --------------------------------------------------------------------------------------

_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))  # 7, 9, 10, 5, 8, 4, 2, 1, 6, ...
_ID_CHECK = "10X98765432"
_ID_NAME = _("公民身份号码")
_EARLIEST_BIRTH = date(1900, 1, 1)

# First two digits of the address code: provinces (GB/T 2260) and 71/81/82/83 for Taiwan, Hong
# Kong and Macao residence permits. The 2023 foreigners' permanent residence ID starts with 9
# followed by the province code of the issuing authority.
_PROVINCE_PREFIXES = frozenset(
    str(n)
    for group in (range(11, 16), range(21, 24), range(31, 38), range(41, 47), range(50, 55))
    for n in group
) | frozenset(("61", "62", "63", "64", "65", "71", "81", "82", "83"))


def _today_in_china() -> date:
    return datetime.now(_CHINA_TZ).date()


def resident_id_check_char(body17: str) -> str:
    """The 18th character (digit or X) of an ID number whose first 17 digits are ``body17``."""
    body = normalize_code(body17)
    if len(body) != 17:
        raise InvalidIdentifier(_("计算校验码需要{id_name}的前17位，实际为{count}位",
                                  id_name=_ID_NAME, count=len(body)))
    for position, ch in enumerate(body, start=1):
        if ch not in _DIGITS:
            raise InvalidIdentifier(_("{id_name}第{position}位应为数字，实际为{char}",
                                      id_name=_ID_NAME, position=position, char=_show(ch)))
    total = sum(int(ch) * w for ch, w in zip(body, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def validate_resident_id(text: str, *, today: date | None = None) -> str:
    """Return the normalised 18-character ID number, or raise :class:`InvalidIdentifier`.

    Accepts full-width characters and a lower-case 'x'. Checks the length, the digits, the
    birth date (a real date, from 1900 up to ``today``, which defaults to today in China)
    and the check character. Unknown address codes are *not* rejected (codes are abolished
    and renamed over time): see :func:`resident_id_warnings`. Legacy 15-digit numbers are
    rejected with a message asking for the 18-digit number.
    """
    code = normalize_code(text)
    if not code:
        raise InvalidIdentifier(_("{id_name}不能为空", id_name=_ID_NAME))
    if len(code) == 15 and all(ch in _DIGITS for ch in code):
        raise InvalidIdentifier(_("这是旧版15位身份证号码，已停止使用，请输入18位{id_name}",
                                  id_name=_ID_NAME))
    if len(code) != 18:
        raise InvalidIdentifier(_("{id_name}应为18位，实际为{count}位", id_name=_ID_NAME,
                                  count=len(code)))
    for position, ch in enumerate(code[:17], start=1):
        if ch not in _DIGITS:
            raise InvalidIdentifier(_("{id_name}第{position}位应为数字，实际为{char}",
                                      id_name=_ID_NAME, position=position, char=_show(ch)))
    if code[17] not in _ID_CHECK:
        raise InvalidIdentifier(_("{id_name}第18位（校验码）应为数字或X，实际为{char}",
                                  id_name=_ID_NAME, char=_show(code[17])))
    digits = code[6:14]
    try:
        birth = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise InvalidIdentifier(_("{id_name}第7–14位的出生日期“{digits}”不是有效日期",
                                  id_name=_ID_NAME, digits=digits)) from None
    if birth < _EARLIEST_BIRTH:
        raise InvalidIdentifier(_("{id_name}中的出生日期{birth:%Y年%m月%d日}早于1900年",
                                  id_name=_ID_NAME, birth=birth))
    if birth > (today if today is not None else _today_in_china()):
        raise InvalidIdentifier(_("{id_name}中的出生日期{birth:%Y年%m月%d日}晚于今天",
                                  id_name=_ID_NAME, birth=birth))
    expected = resident_id_check_char(code[:17])
    if code[17] != expected:
        raise InvalidIdentifier(
            _("{id_name}校验码错误：第18位应为“{expected}”，实际为“{actual}”，请检查是否输错或"
              "漏输", id_name=_ID_NAME, expected=expected, actual=code[17])
        )
    return code


def is_valid_resident_id(text: str, *, today: date | None = None) -> bool:
    """True if ``text`` is a valid citizen identity number (after normalisation)."""
    try:
        validate_resident_id(text, today=today)
    except InvalidIdentifier:
        return False
    return True


def resident_id_warnings(text: str, *, today: date | None = None) -> list[Text]:
    """Soft findings (Chinese) on a valid ID number; raises if the number is invalid."""
    code = validate_resident_id(text, today=today)
    warnings: list[Text] = []
    province = code[1:3] if code[0] == "9" else code[:2]
    if province not in _PROVINCE_PREFIXES:
        warnings.append(_("{id_name}的地址码“{area}”不属于已知的省级行政区划，请核对",
                          id_name=_ID_NAME, area=code[:6]))
    return warnings


# --------------------------------------------------------------------------------------
# Mobile numbers
# --------------------------------------------------------------------------------------

_MOBILE_NAME = _("手机号码")
_MOBILE_SEPARATORS = frozenset("-‐‑‒–—")


def _strip_mobile(text: str) -> str:
    """NFKC, without spaces and hyphens, without a +86 / 0086 / 86 country prefix."""
    compact = "".join(ch for ch in _fold(text) if ch not in _MOBILE_SEPARATORS)
    for prefix in ("+86", "0086"):
        if compact.startswith(prefix):
            return compact[len(prefix) :]
    if len(compact) == 13 and compact.startswith("86"):
        return compact[2:]
    return compact


def validate_mobile(text: str) -> str:
    """Return the 11 digits of a mainland China mobile number, or raise :class:`InvalidIdentifier`.

    Accepts spaces, hyphens, full-width digits and a +86 / 0086 / 86 prefix.
    """
    number = _strip_mobile(text)
    if not number:
        raise InvalidIdentifier(_("{mobile_name}不能为空", mobile_name=_MOBILE_NAME))
    if number.startswith("+"):
        raise InvalidIdentifier(_("只支持中国大陆{mobile_name}（国际区号+86）",
                                  mobile_name=_MOBILE_NAME))
    for ch in number:
        if ch not in _DIGITS:
            raise InvalidIdentifier(
                _("{mobile_name}含有非法字符{char}：只能是数字，可带+86前缀、空格或连字符",
                  mobile_name=_MOBILE_NAME, char=_show(ch))
            )
    if len(number) != 11:
        raise InvalidIdentifier(_("{mobile_name}应为11位数字，实际为{count}位",
                                  mobile_name=_MOBILE_NAME, count=len(number)))
    if number[0] != "1" or number[1] not in "3456789":
        raise InvalidIdentifier(_("{mobile_name}“{number}”无效：中国大陆手机号码应以13–19开头",
                                  mobile_name=_MOBILE_NAME, number=number))
    return number


def is_valid_mobile(text: str) -> bool:
    """True if ``text`` is a valid mainland China mobile number."""
    try:
        validate_mobile(text)
    except InvalidIdentifier:
        return False
    return True


# --------------------------------------------------------------------------------------
# Masking (display forms; PIPL art. 51)
# --------------------------------------------------------------------------------------

MASK_CHAR = "*"


def mask_identifier(text: str) -> str:
    """Generic mask: keep the first 3 and last 4 characters when there are at least 8,
    otherwise keep only the last one; every other character becomes ``*``.

    The length is kept, and masking a masked value changes nothing.
    """
    value = unicodedata.normalize("NFKC", text).strip()
    n = len(value)
    if n == 0:
        return ""
    if n >= 8:
        return value[:3] + MASK_CHAR * (n - 7) + value[-4:]
    return MASK_CHAR * (n - 1) + value[-1]


def mask_mobile(text: str) -> str:
    """``13812341234`` (or ``+86 138-1234-1234``) -> ``138****1234``. Idempotent."""
    return mask_identifier(_strip_mobile(text))


def mask_resident_id(text: str) -> str:
    """``310104199001011234`` -> ``310***********1234``. Idempotent; length kept."""
    return mask_identifier(normalize_code(text))

"""Identifier rules (jd_admin.services.identifiers): security.md §5 vectors and properties."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from jd_admin.domain.errors import UserError
from jd_admin.services.identifiers import (
    CREDIT_CODE_CHARSET,
    InvalidIdentifier,
    credit_code_check_char,
    credit_code_warnings,
    is_valid_credit_code,
    is_valid_mobile,
    is_valid_resident_id,
    mask_identifier,
    mask_mobile,
    mask_resident_id,
    normalize_code,
    organization_code_check_char,
    resident_id_check_char,
    resident_id_warnings,
    validate_credit_code,
    validate_mobile,
    validate_resident_id,
)

TODAY = date(2026, 11, 25)  # fixed "today" for the birth-date rule, so runs are repeatable

VALID_CREDIT_CODES = [
    "91350100M000100Y43",
    "91110000600037341L",
    "121200004013590816",
    "91310115MA1K3BTP2B",
    "92340602MA2PBMEM24",
    "9144030071526726XG",
]
VALID_RESIDENT_IDS = [
    "11010519491231002X",
    "360426199101010071",
    "44011320141005001X",
    "412723199010050012",
    "110102199101010078",
]
# The standard's own example: its check character is right, but the birth date (1880) is
# before 1900, which our rule rejects.
PRE_1900_RESIDENT_ID = "440524188001010014"

DIGITS = "0123456789"
ID_CHECK_CHARS = DIGITS + "X"


# --------------------------------------------------------------------------------------
# strategies and helpers
# --------------------------------------------------------------------------------------

credit_bodies = st.text(alphabet=CREDIT_CODE_CHARSET, min_size=17, max_size=17)


@st.composite
def resident_bodies(draw: st.DrawFn) -> str:
    address = draw(st.text(alphabet=DIGITS, min_size=6, max_size=6))
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    sequence = draw(st.text(alphabet=DIGITS, min_size=3, max_size=3))
    return f"{address}{birth:%Y%m%d}{sequence}"


@st.composite
def valid_credit_codes(draw: st.DrawFn) -> str:
    body = draw(credit_bodies)
    return body + credit_code_check_char(body)


@st.composite
def valid_resident_ids(draw: st.DrawFn) -> str:
    body = draw(resident_bodies())
    return body + resident_id_check_char(body)


def full_width(ch: str) -> str:
    return chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch


@st.composite
def messy_variant(draw: st.DrawFn, canonical: str) -> str:
    """The same code as a user might type or paste it: full-width, lower case, spaces."""
    out: list[str] = [draw(st.sampled_from(["", " ", "\u3000", "\t"]))]
    for ch in canonical:
        form = draw(st.sampled_from(["same", "lower", "full", "full_lower"]))
        if form == "lower":
            ch = ch.lower()
        elif form == "full":
            ch = full_width(ch)
        elif form == "full_lower":
            ch = full_width(ch.lower())
        out.append(ch)
        out.append(draw(st.sampled_from(["", "", "", " ", "\u3000", "\u00a0"])))
    out.append(draw(st.sampled_from(["", " ", "\u3000", "\n"])))
    return "".join(out)


def mutate_one_char(code: str, position: int, replacement: str) -> str:
    return code[:position] + replacement + code[position + 1 :]


def swap_adjacent(code: str, position: int) -> str:
    return code[:position] + code[position + 1] + code[position] + code[position + 2 :]


# --------------------------------------------------------------------------------------
# the exception type
# --------------------------------------------------------------------------------------


def test_invalid_identifier_is_a_user_error_and_a_value_error() -> None:
    assert issubclass(InvalidIdentifier, UserError)
    assert issubclass(InvalidIdentifier, ValueError)
    with pytest.raises(ValueError):
        validate_credit_code("x")


# --------------------------------------------------------------------------------------
# normalize_code
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" ９１３５０１００ｍ０００１００ｙ４３ ", "91350100M000100Y43"),
        ("9135 0100\u3000M000\u00a0100Y43", "91350100M000100Y43"),
        ("\t11010519491231002x\n", "11010519491231002X"),
        ("", ""),
    ],
)
def test_normalize_code(raw: str, expected: str) -> None:
    assert normalize_code(raw) == expected


# --------------------------------------------------------------------------------------
# GB 32100 credit code: vectors
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", VALID_CREDIT_CODES)
def test_known_valid_credit_codes(code: str) -> None:
    assert validate_credit_code(code) == code
    assert is_valid_credit_code(code)
    assert credit_code_check_char(code[:17]) == code[17]
    assert credit_code_warnings(code) == []


def test_credit_code_worked_example() -> None:
    # security.md §5.2: S = 1640, 1640 mod 31 = 28, 31 - 28 = 3.
    assert credit_code_check_char("91350100M000100Y4") == "3"
    assert organization_code_check_char("M000100Y") == "4"


def test_wrong_credit_check_character_names_the_expected_one() -> None:
    with pytest.raises(InvalidIdentifier, match="校验码错误") as excinfo:
        validate_credit_code("91110000600037341N")
    assert "应为“L”" in str(excinfo.value)
    assert not is_valid_credit_code("91110000600037341N")


def test_credit_code_with_illegal_letters_names_the_position() -> None:
    with pytest.raises(InvalidIdentifier, match="第14位") as excinfo:
        validate_credit_code("9111000060003IOZSV")
    message = str(excinfo.value)
    assert "“I”" in message
    assert "I、O、Z、S、V" in message


@pytest.mark.parametrize("letter", list("IOZSV"))
def test_each_forbidden_letter_is_rejected(letter: str) -> None:
    code = "91310115MA1K3BTP2B"
    with pytest.raises(InvalidIdentifier, match=f"第5位的字母“{letter}”"):
        validate_credit_code(mutate_one_char(code, 4, letter))


def test_credit_code_with_punctuation_is_rejected() -> None:
    with pytest.raises(InvalidIdentifier, match="第9位的字符“-”"):
        validate_credit_code("91310115-A1K3BTP2B")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "不能为空"),
        ("   ", "不能为空"),
        ("91310115MA1K3BTP2", "应为18位，实际为17位"),
        ("91310115MA1K3BTP2BB", "应为18位，实际为19位"),
    ],
)
def test_credit_code_length_errors(text: str, fragment: str) -> None:
    with pytest.raises(InvalidIdentifier, match=fragment):
        validate_credit_code(text)


def test_credit_code_check_char_needs_17_legal_characters() -> None:
    with pytest.raises(InvalidIdentifier, match="前17位"):
        credit_code_check_char("9131011")
    with pytest.raises(InvalidIdentifier, match="第3位"):
        credit_code_check_char("91O10115MA1K3BTP2")


def test_organisation_code_mismatch_is_only_a_warning() -> None:
    body = "91310114MA1K3BTP" + "9"  # the GB 11714 check of MA1K3BTP is not 9
    assert organization_code_check_char("MA1K3BTP") != "9"
    code = body + credit_code_check_char(body)
    assert validate_credit_code(code) == code
    warnings = credit_code_warnings(code)
    assert len(warnings) == 1
    assert "组织机构代码" in str(warnings[0])


# --------------------------------------------------------------------------------------
# GB 32100 credit code: properties (security.md §5.3)
# --------------------------------------------------------------------------------------


@given(credit_bodies)
def test_generated_credit_code_is_valid(body: str) -> None:
    code = body + credit_code_check_char(body)
    assert validate_credit_code(code) == code


@given(valid_credit_codes(), st.integers(0, 17), st.sampled_from(CREDIT_CODE_CHARSET))
def test_credit_code_single_substitution_is_detected(
    code: str, position: int, replacement: str
) -> None:
    assume(code[position] != replacement)
    assert not is_valid_credit_code(mutate_one_char(code, position, replacement))


@given(valid_credit_codes(), st.integers(0, 16))
def test_credit_code_adjacent_transposition_is_detected(code: str, position: int) -> None:
    assume(code[position] != code[position + 1])
    assert not is_valid_credit_code(swap_adjacent(code, position))


@given(st.data())
def test_credit_code_messy_variant_equals_canonical(data: st.DataObject) -> None:
    code = data.draw(valid_credit_codes())
    variant = data.draw(messy_variant(code))
    assert validate_credit_code(variant) == validate_credit_code(code) == code


# --------------------------------------------------------------------------------------
# GB 11643 resident ID: vectors
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", VALID_RESIDENT_IDS)
def test_known_valid_resident_ids(code: str) -> None:
    assert validate_resident_id(code) == code
    assert is_valid_resident_id(code)
    assert resident_id_check_char(code[:17]) == code[17]
    assert resident_id_warnings(code) == []


def test_resident_id_worked_example() -> None:
    # security.md §5.1: S = 167, 167 mod 11 = 2 -> 'X'.
    assert resident_id_check_char("11010519491231002") == "X"


def test_standard_example_born_1880_passes_the_check_but_not_the_date_rule() -> None:
    assert resident_id_check_char(PRE_1900_RESIDENT_ID[:17]) == PRE_1900_RESIDENT_ID[17]
    with pytest.raises(InvalidIdentifier, match="早于1900年"):
        validate_resident_id(PRE_1900_RESIDENT_ID)


def test_wrong_resident_check_character_names_the_expected_one() -> None:
    with pytest.raises(InvalidIdentifier, match="校验码错误") as excinfo:
        validate_resident_id("36042619910102009X")
    assert "应为“3”" in str(excinfo.value)
    assert validate_resident_id("360426199101020093") == "360426199101020093"


def test_lower_case_x_and_full_width_are_accepted() -> None:
    assert validate_resident_id("11010519491231002x") == "11010519491231002X"
    assert validate_resident_id("１１０１０５１９４９１２３１００２ｘ") == "11010519491231002X"
    assert validate_resident_id(" 110105 19491231 002X ") == "11010519491231002X"


def _with_check(body17: str) -> str:
    return body17 + resident_id_check_char(body17)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "不能为空"),
        ("11010519491231002", "应为18位，实际为17位"),
        ("110105491231002", "旧版15位"),
        ("11010519491231002XX", "应为18位，实际为19位"),
        ("1101051949123100AX", "第17位应为数字"),
        ("11010519491231002Y", "第18位（校验码）应为数字或X"),
        (_with_check("11010519490230002"), "“19490230”不是有效日期"),
        (_with_check("11010519491301002"), "不是有效日期"),
        (_with_check("11010518991231002"), "早于1900年"),
        (_with_check("11010520261126002"), "晚于今天"),
    ],
)
def test_resident_id_errors(text: str, fragment: str) -> None:
    with pytest.raises(InvalidIdentifier, match=fragment):
        validate_resident_id(text, today=TODAY)


def test_birth_date_today_is_accepted() -> None:
    code = _with_check("310114" + f"{TODAY:%Y%m%d}" + "001")
    assert validate_resident_id(code, today=TODAY) == code
    assert not is_valid_resident_id(code, today=date(2026, 11, 24))


def test_unknown_address_code_is_a_warning_not_an_error() -> None:
    code = _with_check("99999919900101001")
    assert validate_resident_id(code) == code
    assert len(resident_id_warnings(code)) == 1
    # Hong Kong residence permit and 2023 foreigners' permanent residence ID (9 + province).
    assert resident_id_warnings(_with_check("81000019900101001")) == []
    assert resident_id_warnings(_with_check("93115619900101001")) == []


def test_resident_check_char_needs_17_digits() -> None:
    with pytest.raises(InvalidIdentifier, match="前17位"):
        resident_id_check_char("1101")
    with pytest.raises(InvalidIdentifier, match="第2位应为数字"):
        resident_id_check_char("1A010519491231002")


# --------------------------------------------------------------------------------------
# GB 11643 resident ID: properties
# --------------------------------------------------------------------------------------


@given(resident_bodies())
def test_generated_resident_id_is_valid(body: str) -> None:
    code = body + resident_id_check_char(body)
    assert validate_resident_id(code, today=TODAY) == code


@given(valid_resident_ids(), st.integers(0, 17), st.sampled_from(ID_CHECK_CHARS))
def test_resident_id_single_substitution_is_detected(
    code: str, position: int, replacement: str
) -> None:
    assume(code[position] != replacement)
    assert not is_valid_resident_id(mutate_one_char(code, position, replacement), today=TODAY)


@given(valid_resident_ids(), st.integers(0, 16))
def test_resident_id_adjacent_transposition_is_detected(code: str, position: int) -> None:
    assume(code[position] != code[position + 1])
    assert not is_valid_resident_id(swap_adjacent(code, position), today=TODAY)


@given(st.data())
def test_resident_id_messy_variant_equals_canonical(data: st.DataObject) -> None:
    code = data.draw(valid_resident_ids())
    variant = data.draw(messy_variant(code))
    assert validate_resident_id(variant, today=TODAY) == code


# --------------------------------------------------------------------------------------
# mobile numbers
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "13812341234",
        " 138 1234 1234 ",
        "138-1234-1234",
        "+86 138 1234 1234",
        "+86-13812341234",
        "8613812341234",
        "0086 13812341234",
        "１３８１２３４１２３４",
        "＋８６\u3000１３８－１２３４－１２３４",
    ],
)
def test_valid_mobile_formats(text: str) -> None:
    assert validate_mobile(text) == "13812341234"
    assert is_valid_mobile(text)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "不能为空"),
        ("1381234123", "应为11位数字，实际为10位"),
        ("138123412345", "应为11位数字，实际为12位"),
        ("12812341234", "应以13–19开头"),
        ("23812341234", "应以13–19开头"),
        ("1381234123a", "非法字符“a”"),
        ("138.1234.1234", "非法字符“.”"),
        ("+852 9123 4567", "只支持中国大陆手机号码"),
    ],
)
def test_invalid_mobile_messages(text: str, fragment: str) -> None:
    with pytest.raises(InvalidIdentifier, match=fragment):
        validate_mobile(text)
    assert not is_valid_mobile(text)


@given(
    st.sampled_from("3456789"),
    st.text(alphabet=DIGITS, min_size=9, max_size=9),
    st.sampled_from(["", "+86", "+86 ", "86", "0086-"]),
    st.sampled_from(["", " ", "-", "\u3000"]),
)
def test_any_formatted_mobile_validates_to_its_digits(
    second: str, rest: str, prefix: str, separator: str
) -> None:
    number = "1" + second + rest
    text = prefix + number[:3] + separator + number[3:7] + separator + number[7:]
    assert validate_mobile(text) == number


# --------------------------------------------------------------------------------------
# masks
# --------------------------------------------------------------------------------------


def test_mask_examples() -> None:
    assert mask_mobile("13812341234") == "138****1234"
    assert mask_mobile("+86 138-1234-1234") == "138****1234"
    assert mask_mobile("138****1234") == "138****1234"
    assert mask_resident_id("310104199001011234") == "310***********1234"
    assert mask_resident_id("310***********1234") == "310***********1234"
    assert mask_resident_id("11010519491231002x") == "110***********002X"
    assert mask_identifier("12345678") == "123*5678"
    assert mask_identifier("1234567") == "******7"
    assert mask_identifier("A") == "A"
    assert mask_identifier("") == ""


@given(valid_resident_ids())
def test_mask_resident_id_properties(code: str) -> None:
    masked = mask_resident_id(code)
    assert len(masked) == 18
    assert masked[:3] == code[:3]
    assert masked[-4:] == code[-4:]
    assert set(masked[3:-4]) == {"*"}
    assert mask_resident_id(masked) == masked
    assert re.fullmatch(r"\d{17}[\dX]", masked) is None


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40))
def test_mask_identifier_properties(text: str) -> None:
    value = mask_identifier(text)
    assert mask_identifier(value) == value
    # The length of the (NFKC-normalised, stripped) value is kept.
    assert len(value) == len(mask_identifier(value))
    if len(value) >= 8:
        assert value.count("*") >= len(value) - 7


@given(st.text(alphabet=DIGITS + "ABCDEFGXYZ", min_size=0, max_size=30))
def test_mask_identifier_keeps_ends(text: str) -> None:
    masked = mask_identifier(text)
    assert len(masked) == len(text)
    if len(text) >= 8:
        assert masked[:3] == text[:3]
        assert masked[-4:] == text[-4:]
        assert set(masked[3:-4]) <= {"*"}
    elif text:
        assert masked[-1] == text[-1]
        assert set(masked[:-1]) <= {"*"}
    assert mask_identifier(masked) == masked


@given(st.sampled_from("3456789"), st.text(alphabet=DIGITS, min_size=9, max_size=9))
def test_mask_mobile_properties(second: str, rest: str) -> None:
    number = "1" + second + rest
    masked = mask_mobile(number)
    assert masked == number[:3] + "****" + number[-4:]
    assert mask_mobile(masked) == masked

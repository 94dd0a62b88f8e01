"""Password rules and hashing.

Rules (both databases): at least 8 characters, printable ASCII (what every keyboard and input
method types the same way), at least 3 of the 4 classes upper case, lower case, digit, symbol,
and not containing the user name. On SQLite the app stores an argon2id hash (argon2-cffi); on
PostgreSQL the server stores a SCRAM-SHA-256 verifier that libpq computes on the client, so
the password itself never reaches the server or its logs.
"""

from __future__ import annotations

import functools
import secrets
import string

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.text import _

MIN_LENGTH = 8
_hasher = PasswordHasher()
_SYMBOLS = set(string.punctuation + " ")


def check_policy(password: str, username: str = "") -> None:
    """Raise InvalidInput with the broken rule."""
    if len(password) < MIN_LENGTH:
        raise InvalidInput(_("密码至少需要 {count} 个字符", count=MIN_LENGTH))
    if any(not (32 <= ord(ch) < 127) for ch in password):
        raise InvalidInput(_("密码只能使用英文字母、数字和英文符号（不能含中文或全角字符）"))
    classes = sum(
        [
            any(ch.islower() for ch in password),
            any(ch.isupper() for ch in password),
            any(ch.isdigit() for ch in password),
            any(ch in _SYMBOLS for ch in password),
        ]
    )
    if classes < 3:
        raise InvalidInput(_("密码需包含大写字母、小写字母、数字、符号中的至少三类"))
    if username and username.lower() in password.lower():
        raise InvalidInput(_("密码不能包含用户名"))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored_hash``. Without a hash (an unknown user) the same
    work is done against a dummy hash, so the time taken does not tell whether a user exists."""
    try:
        return _hasher.verify(stored_hash or _dummy_hash(), password) and bool(stored_hash)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@functools.cache
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(16))


def generate_password(length: int = 14) -> str:
    """A random password that satisfies the policy (for initial and reset passwords)."""
    alphabet = string.ascii_letters + string.digits + "#%+-=@_"
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        try:
            check_policy(candidate)
        except InvalidInput:
            continue
        if all(any(ch in group for ch in candidate)
               for group in (string.ascii_lowercase, string.ascii_uppercase, string.digits)):
            return candidate

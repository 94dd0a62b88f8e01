"""Exceptions that carry a message for the user.

A :class:`UserError` is something the user caused and can fix: its message is a translatable
:class:`~jd_admin.domain.text.Text` (``_("中文 {param}", ...)``, see :mod:`jd_admin.domain.text`),
rendered in the user's language by ``str(error)`` — by the GUI's message bridge and by the CLI.
Anything else that escapes is a bug and goes to the crash path.
"""


class UserError(Exception):
    """An error the user caused and can fix; ``str(error)`` renders its message (a Text) in
    the current language."""


class NotFound(UserError):
    """The record asked for does not exist (or is outside the user's scope)."""


class PermissionDenied(UserError):
    """The user's role does not allow this action."""


class StaleRecord(UserError):
    """The record was changed by someone else since it was read; reload and try again."""


class IllegalTransition(UserError):
    """A workflow transition that the state machine does not allow."""


class InvalidInput(UserError):
    """A value entered or imported breaks its rule; the message names the field or cell.

    ``field``: the input's name for the value at fault (a keyword of the service call), when
    there is one; a dialog puts the focus on that field's widget."""

    def __init__(self, *args: object, field: str | None = None) -> None:
        super().__init__(*args)
        self.field = field


class AuthenticationFailed(UserError):
    """Wrong user name or password, or the account is locked or disabled."""


class DatabaseUnavailable(UserError):
    """The database cannot be reached (server down, network lost)."""


class CommitUncertain(UserError):
    """The connection broke while the database committed: the work may or may not be saved
    (the user looks before doing it again)."""


class DatabaseOutdated(UserError):
    """The database schema is not at the version this program needs (run ``db upgrade``)."""


class DatabaseTooNew(DatabaseOutdated):
    """The database was made by a newer version of the program (a revision this one does not
    know): install the newer program; ``db upgrade`` cannot help."""


class DatabaseDamaged(UserError):
    """The SQLite file is damaged (not a database, or it fails ``integrity_check``): restore
    the last backup."""


class DatabaseNotWritable(UserError):
    """The database refuses writes: a read-only file or folder (or server), a full disk."""


class Cancelled(Exception):
    """The user cancelled a long job; its transaction rolls back and nothing changes."""

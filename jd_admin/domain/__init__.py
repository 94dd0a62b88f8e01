"""The declarations every layer derives from, in pure Python (no SQLAlchemy, no Qt).

- ``roles``: the six roles; ``permissions``: who may take which action, on which rows;
- ``workflow`` and the feature modules (``recruitment``, ``register``, ``agreements``,
  ``vouchers``): states as code lists with labels, and each workflow's steps;
- ``codes``: the code-list base (a ``StrEnum`` whose members carry a label);
- ``versions``: which version of a dated rule table is in force on a day;
- ``text``: translatable texts (``_``), rendered in the user's language without Qt;
- ``errors``: the exceptions whose message is for the user.
"""

"""Use cases. Pure Python + SQLAlchemy, no Qt. Each function takes a Session and an Actor and
never commits: the caller owns the transaction."""

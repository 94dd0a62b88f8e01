"""The audit trail: the services' notes (:mod:`.trail`), the hash chain's check
(:mod:`.chain`), the auditor's export (:mod:`.export`) and the audit page's list (:mod:`.browse`).

On PostgreSQL the tables' triggers write every change (migration 0012); the services add their
notes through ``jd_note``. On SQLite the services write the same notes and link the chain.
"""

from jd_admin.services.audit.trail import (
    ACTION_LABELS,
    HistoryEntry,
    LastChange,
    action_label,
    append,
    history,
    history_of_many,
    last_change,
    record,
    record_read,
)

__all__ = ["ACTION_LABELS", "HistoryEntry", "LastChange", "action_label", "append", "history",
           "history_of_many", "last_change", "record", "record_read"]

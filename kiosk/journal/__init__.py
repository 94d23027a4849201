"""The kiosk's journal: every exam event, append-only and hash-chained, in one SQLite file.

See docs/adr/0006-journal-and-bundles.md for the schema, the chain, what is encrypted, and the
quarantine of a journal that fails its check.
"""

from kiosk.journal.attempt import AttemptJournal
from kiosk.journal.sealing import SALT_FIELD, SEALED_KINDS
from kiosk.journal.store import AttemptRecord, BrokenJournalError, JournalStore

__all__ = ["SALT_FIELD", "SEALED_KINDS", "AttemptJournal", "AttemptRecord", "BrokenJournalError", "JournalStore"]

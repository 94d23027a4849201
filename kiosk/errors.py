"""Errors of the kiosk; each message says what is wrong and what happens next."""


class KioskError(Exception):
    """Base class for every kiosk error."""


class IllegalTransitionError(KioskError):
    """A command that the exam's current state does not allow (a view or link bug, never the candidate's)."""


class CheckInError(KioskError):
    """The check-in form is incomplete or wrong; ``fields`` maps each field to its problem."""

    def __init__(self, fields: dict[str, str]):
        self.fields = dict(fields)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.fields.items()))


class JournalError(KioskError):
    """The journal cannot be written or read."""


class JournalDamagedError(JournalError):
    """The journal file fails SQLite's own check (a damaged page or index); it is kept untouched."""


class JournalIntegrityError(JournalError):
    """A journal fails its hash-chain check: it is kept as evidence and the attempt cannot continue."""


class ReplayMismatchError(KioskError):
    """The recorded events do not match what the engine does with them (a different bank or a bug)."""


class CommandFormatError(KioskError):
    """A command from the console that is malformed or not addressed to this kiosk: it is not obeyed."""


class CommandRefusedError(KioskError):
    """A well-formed command that does not apply here (another attempt, another question): journalled as refused."""

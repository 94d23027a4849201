"""Errors of the kiosk guard; each message says what failed and what happens next."""

from kiosk.errors import KioskError


class GuardError(KioskError):
    """Base class of the guard's errors."""


class GuardUnavailableError(GuardError):
    """A measure cannot work on this system (no X display, not Windows, library missing)."""


class GuardStartError(GuardError):
    """A measure failed while the guard was starting; the measures already applied were undone."""


class GuardPolicyError(GuardError):
    """The exam profile's ``guard:`` section is invalid; the message lists every problem with its key."""


class UnlockCodeError(GuardError):
    """The invigilator's unlock code is not set, unreadable, or too weak to be set."""


class UnlockThrottledError(UnlockCodeError):
    """Too many wrong unlock codes: the next try is refused until ``retry_after`` seconds have passed."""

    def __init__(self, retry_after: float):
        self.retry_after = retry_after
        super().__init__(f"too many wrong unlock codes: try again in {retry_after:.0f} s "
                         f"(trop de codes erronés : réessayez dans {retry_after:.0f} s)")


class DataFolderInUseError(GuardError):
    """Another kiosk holds the data folder (one kiosk per data folder); ``pid`` is its process, if known."""

    def __init__(self, message: str, pid: int | None = None):
        self.pid = pid
        super().__init__(message)

"""Errors of key custody; each message says what is wrong and what to do."""

from kiosk.errors import JournalError, KioskError


class KeeperError(KioskError):
    """The keeper cannot start, or refuses to serve this interface."""


class KeeperGoneError(JournalError):
    """The keeper stopped answering (it died or was stopped): nothing more can be journalled."""


class FrameError(KeeperError):
    """A frame on the keeper's socket is malformed or too large; ``fatal`` when the stream cannot go on."""

    def __init__(self, message: str, fatal: bool = False):
        self.fatal = fatal
        super().__init__(message)

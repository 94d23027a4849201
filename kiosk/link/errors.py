"""Errors of the room link; each says what failed and what the kiosk does next."""

from kiosk.errors import KioskError


class LinkError(KioskError):
    """Base class of the room link's errors."""


class NotEnrolledError(LinkError):
    """The kiosk holds no valid pairing with a console (enrol it with 'pupitre-kiosk enrol')."""


class ConsoleUnreachableError(LinkError):
    """The console did not answer (network down, timeout, server error): the test carries on, the link retries."""


class ConsoleRefusedError(LinkError):
    """The console answered with a refusal (4xx) or something that is not a valid answer."""

    def __init__(self, message: str, status: int = 0, last_counter: int | None = None):
        super().__init__(message)
        self.status = status
        self.last_counter = last_counter


class ConsoleIdentityError(LinkError):
    """The machine that answered is not the pinned console (its certificate or its signatures do not match)."""

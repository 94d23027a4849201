"""Errors of the results hub; every message says what is wrong and what to do about it."""


class HubError(Exception):
    """Base class for every error of the hub."""


class HubSetupError(HubError):
    """The hub's folder, keys or certificate are missing, damaged or already there."""


class StoreError(HubError):
    """The hub's database cannot be opened, migrated or written."""


class CenterError(HubError):
    """A center cannot be enrolled, found or revoked as asked."""


class BankError(HubError):
    """A bank cannot be added or opened by the hub."""


class JuryError(HubError):
    """A jury decision cannot be recorded as asked."""


class Refusal(HubError):
    """A package the hub refuses: ``code`` says which check failed (see :data:`hub.verify.REFUSALS`)."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)

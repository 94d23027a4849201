"""Errors of the adaptive engine; each message says what the caller did and what to do instead."""

from itembank.errors import ItemBankError


class EngineError(ItemBankError):
    """The adaptive engine was driven in a way the test does not allow."""


class ItemNotPendingError(EngineError):
    """An answer or a neutralisation names an item that is not the question on screen."""


class TestFinishedError(EngineError):
    """The test is over: no more questions, answers or neutralisations."""

    __test__ = False  # not a pytest test class


class ReplayMismatchError(EngineError):
    """A replayed test does not give the logged items or result; ``divergence`` says where."""

    def __init__(self, divergence):
        self.divergence = divergence
        super().__init__(str(divergence))


class ExposureFormatError(EngineError):
    """An exposure record (as a console sends it, as a bundle records it) is malformed; the message names the field."""

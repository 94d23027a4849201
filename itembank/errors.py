"""Errors of the item bank; each message names the file, item or field at fault."""


class ItemBankError(Exception):
    """Base class for every item-bank error."""


class ItemFormatError(ItemBankError):
    """An item, profile or competence document does not follow the model."""


class AuthoringError(ItemBankError):
    """A bank source folder has problems; ``problems`` lists every one with its file and line."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        count = len(self.problems)
        head = "\n".join(self.problems[:50])
        more = f"\n… and {count - 50} more" if count > 50 else ""
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the bank source:\n{head}{more}")


class AnswerFormatError(ItemBankError):
    """A response has the wrong shape for its item (a list for a single choice, an unknown field…)."""


class BankFileError(ItemBankError):
    """A ``.pbank`` file is not usable; subclasses say why."""


class NotABankError(BankFileError):
    """The file is not a ``.pbank`` file at all."""


class TruncatedBankError(BankFileError):
    """The file ends before the data its header and manifest announce."""


class TamperedBankError(BankFileError):
    """A piece of the file fails its signature or integrity check."""


class UntrustedPublisherError(BankFileError):
    """The manifest is signed, but not by a publisher key the center trusts."""


class BankTooLargeError(BankFileError):
    """A bank would be larger than the size limit it is built or opened with."""


class BankKeyError(BankFileError):
    """No key or passphrase given opens the bank's content key."""


class ExpiredBankError(BankFileError):
    """The bank is past its expiry date (or not yet valid)."""


class UnknownItemError(ItemBankError):
    """An item or attachment id is not in the bank."""

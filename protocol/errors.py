"""Errors raised by the protocol package; every message says what is wrong and where."""


class ProtocolError(Exception):
    """Base class for every error of the protocol package."""


class CanonicalEncodingError(ProtocolError):
    """A value cannot be put into canonical bytes (NaN, a set, a non-string key…)."""


class EnvelopeFormatError(ProtocolError):
    """A signed envelope is malformed (not JSON, missing fields, not canonical)."""


class SignatureError(ProtocolError):
    """No trusted key produced a valid signature over the envelope."""


class KeyFileError(ProtocolError):
    """A key file cannot be read: wrong format, wrong kind of key, or unreadable."""


class WrongPassphraseError(ProtocolError):
    """A passphrase does not open what it was asked to open."""


class UnwrapError(ProtocolError):
    """A wrapped key cannot be unwrapped with the key or passphrase given."""


class DecryptionError(ProtocolError):
    """Authenticated decryption failed: the data was changed, moved or the key is wrong."""


class PinError(ProtocolError):
    """A certificate is not valid, or its public key is not the one pinned."""


class RoomMessageError(ProtocolError):
    """A message between a kiosk and the console is malformed; the message names the field."""

"""Errors of the room console; every message says what is wrong and what to do about it."""


class InvigilatorError(Exception):
    """Base class for every error of the console."""


class RosterError(InvigilatorError):
    """A candidate's roster fields are missing or wrong; the message names the field."""


class CheckInRefusedError(InvigilatorError):
    """A decision on a check-in that its state does not allow (not confirmed, refused, already authorised)."""


class SessionError(InvigilatorError):
    """A session cannot be created or changed as asked (bad date, code clash, closed session)."""


class EnrolmentError(InvigilatorError):
    """An enrolment code was refused; ``reason`` is one of wrong, expired, used, burned, none-open."""

    def __init__(self, reason: str, message: str):
        self.reason = reason
        super().__init__(message)


class StatusFormatError(InvigilatorError):
    """A kiosk's status report is malformed; the message names the field."""


class UnknownKioskError(InvigilatorError):
    """A request names a kiosk the console never enrolled."""


class KioskRevokedError(InvigilatorError):
    """A request comes from, or is addressed to, a kiosk the invigilator revoked."""


class ReplayedRequestError(InvigilatorError):
    """A kiosk request whose counter is not above the last one accepted: a replay, or a stale retry."""

    def __init__(self, kiosk_id: str, counter: int, last: int):
        self.kiosk_id, self.counter, self.last = kiosk_id, counter, last
        super().__init__(f"kiosk {kiosk_id}: request counter {counter} is not above the last accepted ({last}); "
                         "a replayed or stale request")


class CommandRefusedError(InvigilatorError):
    """A command that the room's state does not allow (wrong kiosk, bad argument, nothing to act on)."""


class OpenAlertError(CommandRefusedError):
    """A resume was asked while alerts on that kiosk are open and were not acknowledged by id."""

    def __init__(self, kiosk_id: str, alert_ids: list[str]):
        self.kiosk_id = kiosk_id
        self.alert_ids = list(alert_ids)
        super().__init__(
            f"kiosk {kiosk_id}: {len(alert_ids)} open alert(s) ({', '.join(alert_ids)}) must be read and "
            "acknowledged before a resume is authorised"
        )


class UnknownAlertError(InvigilatorError):
    """An alert id that the console does not hold."""


class StoreError(InvigilatorError):
    """The console's database cannot be opened, migrated or written."""


class ReportError(InvigilatorError):
    """What a printed report or attestation was given cannot be printed as it is."""


class ConsoleTLSError(InvigilatorError):
    """The console's TLS key or certificate is missing, unreadable or does not match."""


class RequestRefusedError(InvigilatorError):
    """A kiosk request the server refuses: ``status`` is the HTTP status, the message one line saying why."""

    def __init__(self, status: int, message: str, last_counter: int | None = None):
        self.status, self.last_counter = status, last_counter
        super().__init__(message)


class IncidentError(InvigilatorError):
    """An incident cannot be recorded as given (unknown category, a sub-reason it does not take, a long note)."""


class FinalisationError(InvigilatorError):
    """A session cannot be finalised yet, or its finalisation is wrong; the message lists every reason."""

    def __init__(self, message: str, reasons: list[str] | None = None):
        self.reasons = list(reasons or [])
        super().__init__(message)


class PackageExportError(InvigilatorError):
    """A session package cannot be built, written, or read back from where it was written."""


class HubError(InvigilatorError):
    """Sending the outbox to the results hub failed; the package stays in the outbox."""


class HubConfigError(HubError):
    """No hub is configured, or its address, pin or key is wrong."""


class HubUnreachableError(HubError):
    """The hub does not answer (network down, cut, timeout, 5xx): try again later."""


class HubBusyError(HubUnreachableError):
    """The hub asked to come back later (429); ``retry_after`` in seconds when it said."""

    def __init__(self, message: str, retry_after: float | None):
        self.retry_after = retry_after
        super().__init__(message)


class HubIdentityError(HubError):
    """The machine answering is not the pinned hub, or its receipt does not verify with the hub's key."""


class HubRefusedError(HubError):
    """The hub refused a request (4xx); ``status`` is the HTTP status, the message the hub's reason."""

    def __init__(self, status: int, message: str, error: str = ""):
        self.status, self.error = status, error
        super().__init__(message)

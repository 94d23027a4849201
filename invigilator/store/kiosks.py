"""Enrolment codes and enrolled kiosks: enrol, list, rename, revoke, authenticate, last heard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from invigilator.core.alerts import Alert, AlertKind, close_offline, needs_offline_alert
from invigilator.core.codes import Chooser, new_enrolment_code
from invigilator.core.dashboard import RoomView, room_view
from invigilator.core.kiosks import (
    EnrolledKiosk,
    EnrolmentClaim,
    EnrolmentCode,
    KioskStatus,
    redeem,
    unique_kiosk_name,
)
from invigilator.errors import (
    EnrolmentError,
    InvigilatorError,
    KioskRevokedError,
    ReplayedRequestError,
    UnknownKioskError,
)
from invigilator.store.alerts import open_alerts, raise_in, save_alert
from invigilator.store.database import Database
from invigilator.store.schema import EnrolmentCodeRow, KioskRow
from protocol.keys import PublicKeys

RACE_RETRIES = 3
RECENT = dt.timedelta(days=1)  # older codes are long dead and need no message of their own


@dataclass(frozen=True)
class Enrolled:
    """An enrolled kiosk and the console's proof, which the answer carries back to the kiosk."""

    kiosk: EnrolledKiosk
    console_proof: str


@dataclass(frozen=True)
class KioskKeys:
    """A kiosk's public keys as it sends them to enrol (base64 raw keys) and its signing key id."""

    id: str
    signing_public: str
    wrapping_public: str

    @classmethod
    def of(cls, public: PublicKeys) -> KioskKeys:
        """The keys a kiosk presented, its id derived from its signing key (never taken from the request)."""
        raw = public.public_dict()
        return cls(public.signing_id, raw["ed25519"], raw["x25519"])


def _code(row: EnrolmentCodeRow) -> EnrolmentCode:
    return EnrolmentCode(row.id, row.verifier, row.issued_at, row.expires_at, row.wrong_tries, row.used_at,
                         row.used_by, row.burned_at)


def kiosk_from_row(row: KioskRow) -> EnrolledKiosk:
    status = KioskStatus.from_dict(row.status) if row.status else None
    return EnrolledKiosk(row.id, row.name, row.signing_public, row.wrapping_public, row.enrolled_at, row.revoked_at,
                         row.last_heard_at, status, row.clock_offset)


def active_kiosk_row(session: Session, kiosk_id: str, *, lock: bool = False) -> KioskRow:
    row = session.get(KioskRow, kiosk_id, with_for_update=lock)
    if row is None:
        raise UnknownKioskError(f"kiosk {kiosk_id!r} is not enrolled on this console")
    if row.revoked_at is not None:
        raise KioskRevokedError(f"kiosk {row.name} ({row.id}) was revoked at {row.revoked_at:%Y-%m-%d %H:%M} UTC")
    return row


KIOSKS = KioskRow.__table__
_STATE = (select(KIOSKS.c.id, KIOSKS.c.name, KIOSKS.c.revoked_at, KIOSKS.c.last_counter)
          .where(KIOSKS.c.id.in_(bindparam("ids", expanding=True))).order_by(KIOSKS.c.id)
          .with_for_update())  # rows locked in id order on PostgreSQL; SQLite's BEGIN IMMEDIATE holds its write lock
_SET_COUNTER = update(KIOSKS).where(KIOSKS.c.id == bindparam("k")).values(last_counter=bindparam("c"))


def take_counters(connection: Connection | Session,
                  requests: Sequence[tuple[str, int]]) -> list[ReplayedRequestError | UnknownKioskError |
                                                                KioskRevokedError | None]:
    """In the caller's transaction: take each request's counter, in the order given, in two statements.

    A request is taken (None) if its kiosk is enrolled and not revoked *in the database* — a kiosk
    revoked a moment ago, by this process or by the command line in another, takes no counter —
    and its counter is above the last accepted, including those taken earlier in the list. A
    refused one gets the error saying why, having written nothing.
    """
    conn = connection.connection() if isinstance(connection, Session) else connection
    ids = sorted({kiosk_id for kiosk_id, _ in requests})
    rows = {row.id: row for row in conn.execute(_STATE, {"ids": ids})} if ids else {}
    last = {kiosk_id: row.last_counter for kiosk_id, row in rows.items()}
    outcome: list[ReplayedRequestError | UnknownKioskError | KioskRevokedError | None] = []
    for kiosk_id, counter in requests:
        row = rows.get(kiosk_id)
        if not isinstance(counter, int) or isinstance(counter, bool) or not 0 < counter < 2**63:
            outcome.append(ReplayedRequestError(kiosk_id, counter if isinstance(counter, int) else -1, 0))
        elif row is None:
            outcome.append(UnknownKioskError(f"kiosk {kiosk_id!r} is not enrolled on this console"))
        elif row.revoked_at is not None:
            outcome.append(KioskRevokedError(f"kiosk {row.name} ({row.id}) was revoked at "
                                             f"{row.revoked_at:%Y-%m-%d %H:%M} UTC"))
        elif counter <= last[kiosk_id]:
            outcome.append(ReplayedRequestError(kiosk_id, counter, last[kiosk_id]))
        else:
            last[kiosk_id] = counter
            outcome.append(None)
    moved = [{"k": k, "c": c} for k, c in last.items() if c != rows[k].last_counter]
    if moved:
        conn.execute(_SET_COUNTER, moved)
    return outcome


def take_counter(connection: Connection | Session, kiosk_id: str, counter: int) -> None:
    """:func:`take_counters` for one request: raises ``UnknownKioskError`` / ``KioskRevokedError`` /
    ``ReplayedRequestError`` having written nothing."""
    [refused] = take_counters(connection, [(kiosk_id, counter)])
    if refused is not None:
        raise refused


class KioskStore:
    def __init__(self, db: Database, new_id: Callable[[], str]):
        self._db = db
        self._new_id = new_id

    # -- enrolment ---------------------------------------------------------------------------------------
    def issue_enrolment_code(self, now: dt.datetime, rng: Chooser) -> tuple[str, EnrolmentCode]:
        """A new one-time code: the text to show the invigilator (kept nowhere) and its stored record."""
        for _ in range(RACE_RETRIES):
            text = new_enrolment_code(rng)
            code = EnrolmentCode.issue(self._new_id(), text, now)
            try:
                with self._db.transaction() as session:
                    session.add(EnrolmentCodeRow(id=code.id, verifier=code.verifier, issued_at=code.issued_at,
                                                 expires_at=code.expires_at, wrong_tries=0))
                return text, code
            except IntegrityError:
                continue  # the same code drawn twice: draw again
        raise InvigilatorError("could not draw a fresh enrolment code")

    def enrolment_codes(self) -> list[EnrolmentCode]:
        with self._db.transaction() as session:
            return [_code(r) for r in session.scalars(select(EnrolmentCodeRow).order_by(EnrolmentCodeRow.issued_at))]

    def enrol(self, proof: str, keys: KioskKeys, console_pin: str, name: str, now: dt.datetime) -> Enrolled:
        """Enrol a kiosk whose proof of an open code is bound to its key and the console pin it saw.

        A wrong try is counted (and a code burned) even though the call raises. A kiosk that
        enrolled but lost the answer can send the same proof again and gets the same record.
        """
        claim = EnrolmentClaim(keys.signing_public, console_pin, proof)
        for attempt in range(RACE_RETRIES):
            try:
                return self._enrol_once(claim, keys, name, now)
            except IntegrityError:
                if attempt == RACE_RETRIES - 1:
                    raise
        raise AssertionError("unreachable")

    def _enrol_once(self, claim: EnrolmentClaim, keys: KioskKeys, name: str, now: dt.datetime) -> Enrolled:
        error: EnrolmentError | None = None
        with self._db.transaction() as session:
            held = session.get(KioskRow, keys.id, with_for_update=True)
            if held is not None and held.revoked_at is not None:
                raise KioskRevokedError(f"kiosk {held.name} ({held.id}) was revoked; a revoked device key cannot "
                                        "enrol again (make the kiosk a new key)")
            # every recent code, locked: a try may count against all the open ones
            rows = session.scalars(select(EnrolmentCodeRow).where(EnrolmentCodeRow.issued_at > now - RECENT)
                                   .order_by(EnrolmentCodeRow.id).with_for_update()).all()
            codes = [_code(r) for r in rows]
            replay = next((c for c in codes if c.used_by == keys.id and claim.matches(c)), None)
            if replay is not None and held is not None:
                return Enrolled(kiosk_from_row(held), claim.console_proof(replay))
            outcome = redeem(codes, claim.matches, keys.id, now)
            for row, code in zip(rows, outcome.codes, strict=True):
                row.wrong_tries, row.used_at, row.used_by, row.burned_at = (code.wrong_tries, code.used_at,
                                                                            code.used_by, code.burned_at)
            if outcome.error is not None:
                error = outcome.error
            else:
                assert outcome.used is not None
                if held is not None:
                    return Enrolled(kiosk_from_row(held), claim.console_proof(outcome.used))
                taken = session.scalars(select(KioskRow.name)).all()
                kiosk = EnrolledKiosk(keys.id, unique_kiosk_name(name, taken), keys.signing_public,
                                      keys.wrapping_public, now)
                session.add(KioskRow(id=kiosk.id, name=kiosk.name, signing_public=kiosk.signing_public,
                                     wrapping_public=kiosk.wrapping_public, enrolled_at=now, last_counter=0))
                session.flush()
                return Enrolled(kiosk, claim.console_proof(outcome.used))
        assert error is not None
        raise error  # after the commit, so the wrong try stays counted

    # -- the kiosks -------------------------------------------------------------------------------------
    def kiosks(self) -> list[EnrolledKiosk]:
        with self._db.reading() as session:
            return [kiosk_from_row(r) for r in session.scalars(select(KioskRow).order_by(KioskRow.name))]

    def kiosk(self, kiosk_id: str) -> EnrolledKiosk:
        with self._db.reading() as session:
            row = session.get(KioskRow, kiosk_id)
            if row is None:
                raise UnknownKioskError(f"kiosk {kiosk_id!r} is not enrolled on this console")
            return kiosk_from_row(row)

    def authenticate(self, kiosk_id: str) -> EnrolledKiosk:
        """The enrolled, unrevoked kiosk with this id, or an error saying why it is refused (a read: no write lock)."""
        with self._db.reading() as session:
            return kiosk_from_row(active_kiosk_row(session, kiosk_id))

    def accept_request(self, kiosk_id: str, counter: int) -> EnrolledKiosk:
        """Take a signed request's counter: it must be above the last accepted, atomically (ADR 0017).

        Call it after the signature was verified against the kiosk's pinned key. Two requests
        with one counter, however simultaneous, are accepted once.
        """
        with self._db.transaction() as session:
            take_counter(session, kiosk_id, counter)
            return kiosk_from_row(active_kiosk_row(session, kiosk_id))

    def rename(self, kiosk_id: str, name: str) -> EnrolledKiosk:
        with self._db.transaction() as session:
            row = session.get(KioskRow, kiosk_id, with_for_update=True)
            if row is None:
                raise UnknownKioskError(f"kiosk {kiosk_id!r} is not enrolled on this console")
            kiosk = kiosk_from_row(row).renamed(name)
            clash = session.scalars(select(KioskRow.id).where(KioskRow.name == kiosk.name, KioskRow.id != kiosk_id))
            if clash.first() is not None:
                raise InvigilatorError(f"another kiosk is already called {kiosk.name!r}")
            row.name = kiosk.name
            return kiosk

    def revoke(self, kiosk_id: str, now: dt.datetime) -> EnrolledKiosk:
        with self._db.transaction() as session:
            row = session.get(KioskRow, kiosk_id, with_for_update=True)
            if row is None:
                raise UnknownKioskError(f"kiosk {kiosk_id!r} is not enrolled on this console")
            kiosk = kiosk_from_row(row).revoke(now)
            row.revoked_at = kiosk.revoked_at
            return kiosk

    def heard(self, kiosk_id: str, now: dt.datetime, status: KioskStatus | None = None) -> EnrolledKiosk:
        """Record a sync from a kiosk (refused for unknown or revoked kiosks); closes its offline alert."""
        with self._db.transaction() as session:
            row = active_kiosk_row(session, kiosk_id, lock=True)
            kiosk = kiosk_from_row(row).heard(now, status)
            row.last_heard_at = kiosk.last_heard_at
            row.status = kiosk.status.to_dict() if kiosk.status else None
            for alert in close_offline(open_alerts(session, kiosk_id), kiosk_id, now):
                save_alert(session, alert)
            return kiosk

    def room_view(self, now: dt.datetime) -> RoomView:
        """The dashboard's tiles (ADR 0016), kiosks and open alerts read in one transaction."""
        with self._db.transaction() as session:
            kiosks = [kiosk_from_row(r) for r in session.scalars(select(KioskRow))]
            return room_view(kiosks, open_alerts(session), now)

    def sweep_offline(self, now: dt.datetime) -> list[Alert]:
        """Raise an offline alert for each kiosk in a test that has been silent too long.

        A read first, which takes no write lock (every few seconds, for a room where usually no kiosk
        is silent); only if one is, the write, which decides again under lock.
        """
        with self._db.reading() as session:
            kiosks = [kiosk_from_row(r) for r in session.scalars(select(KioskRow).where(KioskRow.revoked_at.is_(None)))]
            alerts = open_alerts(session)
        if not any(needs_offline_alert(k, alerts, now) for k in kiosks):
            return []
        raised = []
        with self._db.transaction() as session:
            # rows locked: two sweeps at once (two server workers) raise one alert, not two
            rows = session.scalars(select(KioskRow).where(KioskRow.revoked_at.is_(None))
                                   .order_by(KioskRow.id).with_for_update()).all()
            alerts = open_alerts(session)
            for row in rows:
                kiosk = kiosk_from_row(row)
                if needs_offline_alert(kiosk, alerts, now):
                    silent = kiosk.silent_for(now)
                    raised.append(raise_in(session, self._new_id, kiosk.id, AlertKind.OFFLINE, now,
                                           kiosk.status.attempt_id if kiosk.status else None,
                                           {"silent_seconds": silent.total_seconds() if silent else None}))
        return raised

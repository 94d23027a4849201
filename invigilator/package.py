"""The session package of a finalised session: built from the store, signed, exported, queued.

After finalisation the console puts in one package (``protocol.session_package``) the verified
bundles of the session, the center's signed device registry, the session report as printed
(``invigilator.reports``), the incidents, the comments and the results. It is signed by the
center key and

- **queued** in the console's outbox, ``DATA_DIR/outbox/<package_id>.ppkg`` (written atomically):
  the uploader sends what is in that folder to the hub, and that folder is the contract;
- **exported** to a USB stick when asked: written and fsync'd, then its page cache dropped and the
  file **read back** from the stick and checked with :func:`read_package` against the center's
  key, as the kiosk's export does. A stick that stores something else than was written is named.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from invigilator.core.finalisation import Outcome
from invigilator.errors import FinalisationError, PackageExportError
from invigilator.finalise import held_bundles, level_code
from invigilator.reports import (
    AbortReason,
    Attendance,
    AttendanceRow,
    Incident,
    SessionReportData,
    TimelineEvent,
    render_session_report,
)
from invigilator.store.finalisation import StoredFinalisation
from protocol.atomicfile import write_atomic
from protocol.errors import ProtocolError
from protocol.keys import KeyPair, PublicKeys
from protocol.registry import DeviceEntry, sign_registry
from protocol.session_package import PACKAGE_SUFFIX, build_package, package_id, read_package

OUTBOX = "outbox"
REPORT_LANGUAGE = "fr"


@dataclass(frozen=True)
class PackageOutcome:
    package_id: str
    size: int
    queued: Path
    exported: Path | None


def device_registry(console: Any, keys: KeyPair, now: dt.datetime) -> Any:
    """The center's device registry, signed: every kiosk enrolled on this console, revoked ones included."""
    center = console.require_center()
    devices = [DeviceEntry(k.id, k.name, k.signing_public, k.enrolled_at, k.revoked_at)
               for k in console.store.kiosks.kiosks()]
    return sign_registry(center.id, devices, now, keys)


def _finalised(console: Any, session_id: str) -> StoredFinalisation:
    stored = console.store.finalisations.get(session_id)
    if stored is None:
        raise FinalisationError(f"session {session_id} is not finalised: finalise it first ('pupitre-invigilator "
                                f"session finalise {session_id} …')")
    return stored


def report_data(console: Any, session_id: str, stored: StoredFinalisation) -> SessionReportData:
    """What the session report prints, from the store and the finalisation."""
    exam = console.store.sessions.session(session_id)
    center = console.require_center()
    f = stored.finalisation
    rows, names = [], {}
    for line in f.lines:
        c, a = line.candidate, line.attempt
        names[c.id] = f"{c.last_name.upper()} {c.first_name}"
        status = {Outcome.FINISHED: Attendance.FINISHED, Outcome.ABORTED: Attendance.ABORTED}.get(
            line.outcome, Attendance.ABSENT)
        absent = status is Attendance.ABSENT
        rows.append(AttendanceRow(
            c, status, started=None if absent or a is None else a.started_at,
            ended=None if absent or a is None else a.ended_at,
            abort_reason=AbortReason(line.abort_reason) if status is Attendance.ABORTED else None,
            score=None if absent else line.score, level=None if absent else line.level,
            kiosk="" if a is None else a.kiosk_name, comment=line.comment))
    kiosks = {k.id: k.name for k in console.store.kiosks.kiosks()}
    used = {line.attempt.kiosk_id for line in f.lines if line.attempt is not None}
    timeline = [TimelineEvent(c.issued_at, f"{c.kind} — {kiosks.get(c.kiosk_id, c.kiosk_id)} ({c.issued_by})")
                for k in sorted(used) for c in console.store.commands.commands(k)]
    timeline += [TimelineEvent(a.raised_at, f"alert {a.kind} — {kiosks.get(a.kiosk_id, a.kiosk_id)}"
                               + (f", handled by {a.handled_by}: {a.resolution}" if a.handled_at else ""))
                 for k in sorted(used) for a in console.store.alerts.alerts(kiosk_id=k)]
    timeline.append(TimelineEvent(f.finalised_at, f"session finalised by {f.by}"))
    incidents = [Incident(i.at, i.category, i.note, i.sub_reason, names.get(i.candidate_id or "", ""))
                 for i in console.store.incidents.incidents(session_id)]
    bank = console.bank(exam.bank_id)
    return SessionReportData(center, exam, exam.id, bank.title, exam.invigilators or (f.by,), tuple(rows),
                             tuple(timeline), tuple(incidents), f.comment, f.finalised_at)


def build_session_package(console: Any, keys: KeyPair, session_id: str,
                          open_bank: Callable[[str], Any] | None = None) -> bytes:
    """The signed package of a finalised session (checked by ``read_package`` before it is returned)."""
    stored = _finalised(console, session_id)
    exam = console.store.sessions.session(session_id)
    center = console.require_center()
    opener = open_bank or console.bank_opener(keys)
    f = stored.finalisation
    held = {b.digest: b for bundles in held_bundles(console.data_dir).values() for b in bundles}
    results, bundles = [], []
    for line in f.lines:
        c, a = line.candidate, line.attempt
        digest = a.bundle if a is not None else None
        if digest is not None:
            if digest not in held:
                raise PackageExportError(f"the verified bundle {digest[:12]}… of {c.last_name.upper()} {c.first_name} "
                                         f"is no longer in {console.data_dir / 'results'}; restore it from a backup")
            bundles.append(held[digest].envelope)
        results.append({
            "attempt": a.attempt_id if a is not None else f"absent-{c.id}", "bundle": digest,
            "outcome": "absent" if line.outcome is Outcome.ABSENT else str(line.outcome),
            "candidate": {"external_id": c.external_id or c.id, "last_name": c.last_name,
                          "first_name": c.first_name, "birth_date": c.birth_date.isoformat()},
            "score": line.score, "level": level_code(opener, exam.bank_id, exam.profile, line.level),
            "abort_reason": line.abort_reason, "comment": line.comment})
    now = f.finalised_at  # the package states the finalisation, not the moment it was written
    report = render_session_report(report_data(console, session_id, stored), REPORT_LANGUAGE)
    bank = console.bank(exam.bank_id)
    session = {"id": exam.id, "date": exam.date.isoformat(), "room": exam.room,
               "invigilators": list(exam.invigilators or (f.by,)), "bank": {"id": bank.id, "sha256": bank.sha256},
               "profile": exam.profile, "finalised_by": f.by, "finalised_at": f.finalised_at.isoformat()}
    try:
        return build_package(center_keys=keys, center_id=center.id, center_name=center.name, session=session,
                             results=results, bundles=bundles, registry=device_registry(console, keys, now),
                             incidents=[i.to_package() for i in console.store.incidents.incidents(session_id)],
                             comment=f.comment, report_pdf=report, created_at=now)
    except ProtocolError as exc:
        raise PackageExportError(f"session {session_id}: the package cannot be built: {exc}") from None


def _drop_cache(path: Path) -> None:
    """Ask the kernel to forget the file's cached pages, so the next read comes from the device."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
        advise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def _check_target(target: Path) -> None:
    if not target.exists():
        raise PackageExportError(f"export target {target} does not exist: plug in and mount the USB stick, or "
                                 "create the folder")
    if not target.is_dir():
        raise PackageExportError(f"export target {target} is not a folder")


def write_checked(data: bytes, path: Path, center_key: PublicKeys) -> Path:
    """Write ``data`` to ``path`` (atomically, fsync'd), read it back from the device and check it as a package."""
    digest = hashlib.sha256(data).hexdigest()
    if path.exists():
        if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            raise PackageExportError(f"{path} already exists with other content; it was not overwritten (use "
                                     "another folder or stick)")
    else:
        try:
            write_atomic(path, data, mode=0o644)
        except OSError as exc:
            raise PackageExportError(f"{path}: cannot write the package ({exc.strerror or exc}): is the stick "
                                     "full, locked or removed?") from None
    try:
        _drop_cache(path)
        back = path.read_bytes()
    except OSError as exc:
        raise PackageExportError(f"{path}: cannot read the package back ({exc.strerror or exc})") from None
    if hashlib.sha256(back).hexdigest() != digest:
        raise PackageExportError(f"the copy {path} does not read back as written (faulty stick?); use another one "
                                 "— the package is still in the console's outbox")
    try:
        read_package(back, center_key=center_key, what=str(path))
    except ProtocolError as exc:
        raise PackageExportError(f"the copy {path} does not check as a package: {exc}") from None
    return path


def _queued(console: Any, session_id: str, keys: KeyPair) -> bytes | None:
    """The package already made for this finalisation, if it is in the outbox and still checks."""
    stored = console.store.finalisations.get(session_id)
    if stored is None or stored.package_id is None:
        return None
    path = Path(console.data_dir) / OUTBOX / f"{stored.package_id}{PACKAGE_SUFFIX}"
    try:
        data = path.read_bytes()
        read_package(data, center_key=keys.public, what=str(path))
    except (OSError, ProtocolError):
        return None  # gone (sent and cleared by the uploader, or lost): made again from the finalisation
    return data if package_id(data) == stored.package_id else None


def package_session(console: Any, keys: KeyPair, session_id: str, to: Path | None = None,
                    open_bank: Callable[[str], Any] | None = None) -> PackageOutcome:
    """Queue the package of a finalised session in the outbox, and export it to ``to`` if given.

    A session has one package: asked again, the one in the outbox is exported as it is. Made
    again (the outbox copy gone), it has the same bytes as long as nothing it holds changed — its
    time, the registry's and the report's are the finalisation's — so a crash between writing it
    and recording it leaves one package, not two.
    """
    data = _queued(console, session_id, keys) or build_session_package(console, keys, session_id, open_bank)
    ident = package_id(data)
    outbox = Path(console.data_dir) / OUTBOX
    outbox.mkdir(parents=True, exist_ok=True, mode=0o700)
    target_file = outbox / f"{ident}{PACKAGE_SUFFIX}"
    if target_file.exists() and hashlib.sha256(target_file.read_bytes()).hexdigest() != ident:
        # the outbox copy was damaged on the console's own disk: kept aside for inspection, never sent
        os.replace(target_file, target_file.with_name(f"{target_file.name}.damaged-{console.now():%Y%m%dT%H%M%S}"))
    queued = write_checked(data, target_file, keys.public)
    exported = None
    if to is not None:
        target = Path(to)
        _check_target(target)
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", session_id)[:60]
        exported = write_checked(data, target / f"{safe}-{ident[:12]}{PACKAGE_SUFFIX}", keys.public)
    console.store.finalisations.mark_packaged(session_id, ident, console.now())
    return PackageOutcome(ident, len(data), queued, exported)


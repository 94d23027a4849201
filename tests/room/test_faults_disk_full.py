"""The console's disk full (its data folder and SQLite database on a small tmpfs), with a kiosk in a test.

While the database cannot be written the console answers 503, raises its own alert ("disk full",
in ``pupitre-invigilator status`` and in the dashboard's view) and raises no "kiosk silent" alert
for kiosks whose only fault is the console's; the kiosk goes on and keeps its queue. Once space
is freed, everything arrives once and the alert clears.

Mounting a tmpfs needs root: as root (here, in CI) the test runs; elsewhere it is skipped with
that reason, except in CI (``CI`` set), where it fails rather than skip.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import logging
import os
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from invigilator.console_health import HEALTH_FILE, ConsoleHealth, read_console_alert
from invigilator.core.alerts import AlertKind
from invigilator.core.center import Bank, TrustedPublisher
from invigilator.core.console_alerts import ConsoleAlertKind, failure_kind
from kiosk.core.session import State
from kiosk.link.errors import ConsoleUnreachableError
from kiosk.link.results import RECEIPT_SUFFIX, LocalResultOutbox, deliver
from kiosk.link.transport import ConsoleConnection
from kiosk.outbox import outbox_dir
from tests.room import test_e2e_results
from tests.room.conftest import Console, Kiosk, now, wait_for
from tests.room.test_e2e_results import Marks, audit_cases
from tests.room.test_e2e_sync import to_question
from tests.room.test_faults_partition import status_text

DISK_SIZE = "6m"
opened = test_e2e_results.opened  # the results test's fixture: a bank built and opened once per module


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0 and not os.environ.get("CI"):
        pytest.skip("the console's disk full needs a small tmpfs, and mounting one needs root (run as root, or in CI)")
    mount = tmp_path / "small-disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE},mode=0700", "pupitre-disk-full",
                           str(mount)], capture_output=True, text=True)
    assert done.returncode == 0, f"mount -t tmpfs failed (the test needs root and CAP_SYS_ADMIN): {done.stderr}"
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> Path:
    """Take every free byte of ``disk`` with one file; returns it (delete it to free the space)."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 4096, 512, 1):  # down to the last byte
            while True:
                try:
                    os.write(fd, b"\0" * size)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC, exc
                    break
    finally:
        os.close(fd)
    return filler


@pytest.mark.slow
def test_a_full_disk_answers_503_raises_the_console_s_alert_and_loses_nothing_once_freed(
        small_disk: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    console = Console(small_disk).start()  # data folder and database on the small disk
    kiosk = Kiosk(tmp_path, console)  # the kiosk's own files are on another disk
    kiosk.worker.start()
    try:
        assert (console.data_dir / HEALTH_FILE).stat().st_size == 4096  # made while there was room
        to_question(kiosk)
        kiosk.synced()
        assert console.store is not None
        assert "!!" not in status_text(console)
        raw = sqlite3.connect(small_disk / "console.sqlite", isolation_level=None)
        try:  # an empty write-ahead log: the very next write needs space
            raw.execute("PRAGMA busy_timeout=10000")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
        filler = fill(small_disk)
        s = kiosk.session
        acknowledged = kiosk.book.acknowledged_seq(kiosk.attempt)
        for _ in range(3):
            kiosk.harness.clock.advance(10)
            s.answer(kiosk.harness.right())

        def refused() -> bool:
            return "503" in kiosk.worker.health.last_error or "cannot write" in kiosk.worker.health.last_error

        wait_for(refused, "the console to refuse the sync (503)", timeout=20)
        assert "database or disk is full" in kiosk.worker.health.last_error
        alert, _ = wait_for(lambda: (r := read_console_alert(console.data_dir))[0] and r, "the console's alert")
        assert alert.kind is ConsoleAlertKind.DISK_FULL and alert.is_open
        shown = status_text(console)
        assert "!! CONSOLE DISK FULL since" in shown and "cannot be written (database or disk is full)" in shown
        assert "free space" in shown
        assert console.server is not None and console.server.health.alert is not None
        view = console.store.kiosks.room_view(now()).with_console_alert(read_console_alert(console.data_dir)[0])
        assert view.console_alert is not None and view.console_alert.kind is ConsoleAlertKind.DISK_FULL
        # the kiosk goes on and keeps its queue, for longer than a kiosk takes to be called silent
        for _ in range(18):
            s.focus_lost("alt-tab")
            s.focus_regained()
            time.sleep(1)
        assert s.state is State.QUESTION and not kiosk.worker.health.reachable
        assert kiosk.book.acknowledged_seq(kiosk.attempt) == acknowledged
        assert kiosk.book.unacknowledged(kiosk.attempt) == len(s.events) - acknowledged
        later = read_console_alert(console.data_dir)[0]
        assert later is not None and later.refused > alert.refused and later.since == alert.since
        # said once in the console's log, not at every kiosk's retry (the log may be on the full disk)
        errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
        assert errors.count("console alert") == 1 and len(errors) <= 3, errors
        # space freed: everything arrives once, the alert clears, and no kiosk was called silent for it
        filler.unlink()
        kiosk.synced(timeout=30)
        replica = console.store.replicas.entries(kiosk.id, kiosk.attempt)
        assert [e.hash for e in replica] == [e.hash for e in s.events]
        cleared, _ = wait_for(lambda: (r := read_console_alert(console.data_dir))[0] and not r[0].is_open and r,
                              "the alert to clear")
        assert cleared.since == alert.since and cleared.cleared_at is not None
        shown = status_text(console)
        assert "!!" not in shown and "console: disk full from" in shown
        time.sleep(2.0)  # two sweeps: no "kiosk silent" for a silence that was the console's
        assert not [a for a in console.store.alerts.alerts(kiosk_id=kiosk.id) if a.kind is AlertKind.OFFLINE]
    finally:
        kiosk.worker.stop()
        console.stop()


@pytest.mark.parametrize(("reason", "kind"), [
    ("database or disk is full", ConsoleAlertKind.DISK_FULL),  # SQLite (SQLITE_FULL)
    ("[Errno 28] No space left on device: 'results/x.bundle'", ConsoleAlertKind.DISK_FULL),  # the result files
    ('could not extend file "base/16384/2619": No space left on device', ConsoleAlertKind.DISK_FULL),  # PostgreSQL
    ("connection to server at 10.0.0.5, port 5432 failed: Connection refused", ConsoleAlertKind.DATABASE_UNAVAILABLE),
    ("disk I/O error", ConsoleAlertKind.DATABASE_UNAVAILABLE),
])
def test_the_console_names_a_full_disk_from_what_the_database_says(reason: str, kind: ConsoleAlertKind) -> None:
    assert failure_kind(reason) is kind


def test_the_health_file_is_rewritten_in_place_and_a_torn_or_foreign_one_reads_as_no_alert(tmp_path: Path) -> None:
    clock = [dt.datetime(2026, 6, 15, 9, 0, tzinfo=dt.UTC)]
    health = ConsoleHealth(tmp_path, "sqlite:///console.sqlite", lambda: clock[0])
    health.reserve()
    inode = (tmp_path / HEALTH_FILE).stat().st_ino
    assert read_console_alert(tmp_path)[0] is None
    health.failed("database or disk is full")
    clock[0] += dt.timedelta(seconds=30)
    health.failed("database or disk is full")
    alert, _ = read_console_alert(tmp_path)
    assert alert is not None and alert.is_open and alert.kind is ConsoleAlertKind.DISK_FULL
    assert "CONSOLE DISK FULL since 09:00:00" in alert.headline(clock[0])
    health.written()
    cleared, _ = read_console_alert(tmp_path)
    assert cleared is not None and not cleared.is_open and cleared.refused == 2
    assert "disk full from 09:00:00 to 09:00:30" in cleared.headline(clock[0])
    assert (tmp_path / HEALTH_FILE).stat().st_ino == inode and (tmp_path / HEALTH_FILE).stat().st_size == 4096
    (tmp_path / HEALTH_FILE).write_bytes(b'{"format": "pupitre-console-health", "upd')
    assert read_console_alert(tmp_path) == (None, None)
    (tmp_path / HEALTH_FILE).write_bytes(b'{"format": "other"}')
    assert read_console_alert(tmp_path) == (None, None)


def leave_free(filler: Path, free: int) -> None:
    """Give ``free`` bytes back to the full disk (the end of the filler file)."""
    size = filler.stat().st_size
    os.truncate(filler, size - free)


@pytest.mark.slow
# measured on this bundle: 12 KiB takes the request's counter and not the journal's append (answered 400 "result
# bundle: database or disk is full" before the fix), 88 KiB takes the database's writes and not the result files
@pytest.mark.parametrize("free", [0, 12 * 1024, 88 * 1024], ids=["no-room", "room-for-the-counter",
                                                               "room-for-the-database"])
def test_a_result_bundle_sent_on_a_full_disk_is_answered_503_and_counted_once_when_freed(
        small_disk: Path, tmp_path: Path, opened, free: int) -> None:
    """However little room is left — none, enough for the request's counter but not its journal, enough for the
    journal but not the result files —, the kiosk is told to send again (503), never that its bundle is bad."""
    bank, _pool, publisher = opened
    console = Console(small_disk).start()
    try:
        assert console.store is not None
        t = now()
        console.store.sessions.trust_publisher(TrustedPublisher(publisher.public.signing_id, "Éditeur", "pub", t))
        console.store.sessions.add_bank(Bank(bank.id, "Synth", publisher.public.signing_id,
                                             hashlib.sha256(b"bank").hexdigest(), t))
        console.open_banks[bank.id] = bank
        marks = Marks()
        outbox = LocalResultOutbox(tmp_path / "kiosk-data", marks)
        kiosk = Kiosk(tmp_path, console, outbox=outbox)  # its worker is not started: the bundle is sent by hand
        summary, steps = audit_cases.attempt(bank, _pool, seed=3)
        envelope = audit_cases.sign(summary, steps, kiosk.device)
        attempt = envelope.signed["attempt_id"]
        folder = outbox_dir(tmp_path / "kiosk-data")
        folder.mkdir(parents=True)
        (folder / f"{attempt}.pbundle").write_bytes(envelope.to_bytes())
        raw = sqlite3.connect(small_disk / "console.sqlite", isolation_level=None)
        try:
            raw.execute("PRAGMA busy_timeout=10000")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
        filler = fill(small_disk)
        leave_free(filler, free)
        connection = ConsoleConnection(kiosk.pairing, kiosk.signer)
        try:
            with pytest.raises(ConsoleUnreachableError, match=r"HTTP 503: the console cannot write its database now"):
                deliver(connection, outbox, attempt)
            assert marks.verified == {} and not (folder / f"{attempt}{RECEIPT_SUFFIX}").exists()
            # raised and written before the 503 was answered; with room left in the database, the next write
            # of the kiosks' last-heard times (every 0.2 s here) goes through and may have cleared it since
            alert, _ = read_console_alert(console.data_dir)
            assert alert is not None and alert.kind is ConsoleAlertKind.DISK_FULL
            filler.unlink()
            receipt = deliver(connection, outbox, attempt)
        finally:
            connection.close()
        assert marks.verified == {attempt: f"console:{receipt.bundle_sha256}"}
        assert console.store.exposure.snapshot(bank.id).tests == 1
        assert console.server.health.alert is None
    finally:
        console.stop()

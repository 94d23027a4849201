"""The outbox: durable signed bundles, pending until a verified receipt, exported to a stick and checked."""

import hashlib
import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

from itembank.profile import ExamProfile
from itembank.synth import synthetic_bank
from kiosk.core import events as ev
from kiosk.core.session import AttemptInfo, AttemptMode, ExamSession, State
from kiosk.device import DeviceIdentity
from kiosk.journal import JournalStore
from kiosk.outbox import BundleWriter, OutboxError, export_pending, pending
from protocol.atomicfile import write_atomic
from protocol.bundle import read_bundle, receipt_code, verify_bundle
from protocol.keys import KeyPair
from tests.kiosk.fakes import FakeClock, ManualAuthority, SequentialEngine, SourceItems, play_to_the_end

PROFILE = ExamProfile(length=2, duration_minutes=10, min_treated=1)
BANK_REF = {"id": "synth", "version": 1, "manifest_sha256": "cd" * 32}


@pytest.fixture(scope="module")
def device():
    return DeviceIdentity(KeyPair.generate("kiosk-07"))


@pytest.fixture(scope="module")
def bank():
    return SourceItems(synthetic_bank(48, seed=3))


class Kiosk:
    def __init__(self, data_dir, device, bank):
        self.data_dir, self.clock, self.bank = data_dir, FakeClock(), bank
        self.store = JournalStore(data_dir, device, self.clock)
        self.writer = BundleWriter(data_dir, device, self.store)

    def finished_session(self, attempt_id, mode=AttemptMode.EXAM):
        """An exam (or practice test) of two questions, finished and not yet submitted."""
        attempt = AttemptInfo(attempt_id, mode, 7, BANK_REF, PROFILE, "kiosk-07")
        session = ExamSession(attempt=attempt, bank=self.bank, journal=self.store.create_attempt(attempt_id),
                              engine_factory=lambda seed: SequentialEngine(self.bank.metas, PROFILE.length, seed),
                              clock=self.clock, authority=ManualAuthority(), results=self.writer)
        play_to_the_end(session, self.clock)
        return session


@pytest.fixture
def kiosk(tmp_path, device, bank):
    opened = Kiosk(tmp_path / "data", device, bank)
    yield opened
    opened.store.close()


def test_submit_writes_a_durable_private_signed_bundle_then_marks_it(kiosk, device):
    session = kiosk.finished_session("att-1")
    assert kiosk.store.attempt("att-1").submitted_at is None
    code = session.submit()
    path = kiosk.data_dir / "outbox" / "att-1.pbundle"
    data = path.read_bytes()
    ident = hashlib.sha256(data).hexdigest()
    assert code == receipt_code(ident)
    record = kiosk.store.attempt("att-1")
    assert record.status == "submitted" and record.bundle_id == ident and record.receipt_code == code
    assert verify_bundle(read_bundle(data), [device.public]).ok
    if os.name == "posix":
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_submit_refuses_events_that_are_not_the_journal(kiosk):
    session = kiosk.finished_session("att-1")
    with pytest.raises(OutboxError, match="do not end at the journal's head"):
        kiosk.writer.submit(session.summary(), session.events[:-1])
    with pytest.raises(OutboxError, match="attempt id"):
        kiosk.writer.submit({**session.summary(), "attempt_id": "../x"}, session.events)
    assert not (kiosk.data_dir / "outbox" / "att-1.pbundle").exists()
    assert kiosk.store.attempt("att-1").submitted_at is None


def test_a_written_bundle_is_kept_when_records_follow_the_end(kiosk):
    session = kiosk.finished_session("att-1")
    code = kiosk.writer.submit(session.summary(), session.events)  # the kiosk dies before "submitted"
    path = kiosk.data_dir / "outbox" / "att-1.pbundle"
    before = path.read_bytes()
    session.record_guard({"finding": "usb stick inserted"})  # the restarted guard records a finding
    assert session.submit() == code
    assert path.read_bytes() == before


def test_a_bundle_of_another_journal_is_never_overwritten(kiosk):
    other = kiosk.finished_session("att-2")
    other.submit()
    session = kiosk.finished_session("att-1")
    path = kiosk.data_dir / "outbox" / "att-1.pbundle"
    stranger = (kiosk.data_dir / "outbox" / "att-2.pbundle").read_bytes()
    path.write_bytes(stranger)
    with pytest.raises(OutboxError, match="not of this journal"):
        session.submit()
    assert path.read_bytes() == stranger and kiosk.store.attempt("att-1").submitted_at is None


def test_a_damaged_bundle_in_the_outbox_is_reported_and_kept(kiosk):
    session = kiosk.finished_session("att-1")
    path = kiosk.data_dir / "outbox" / "att-1.pbundle"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{half a bundle")
    with pytest.raises(OutboxError, match="not a valid result bundle"):
        session.submit()
    assert path.read_bytes() == b"{half a bundle"
    assert session.state is State.FINISHED


def test_pending_lists_until_a_receipt_is_verified(kiosk):
    for attempt_id in ("att-1", "att-2"):
        kiosk.finished_session(attempt_id).submit()
    listed = kiosk.writer.pending()
    assert [p.attempt_id for p in listed] == ["att-1", "att-2"]
    assert listed[0].receipt_code == kiosk.store.attempt("att-1").receipt_code
    kiosk.store.mark_exported("att-1", "/media/usb")
    assert [p.attempt_id for p in pending(kiosk.data_dir)] == ["att-1", "att-2"]  # exported is not delivered
    kiosk.store.mark_receipt_verified("att-1", "hub-receipt-1")
    assert [p.attempt_id for p in pending(kiosk.data_dir)] == ["att-2"]
    assert (kiosk.data_dir / "outbox" / "att-1.pbundle").exists()  # nothing is ever deleted


def test_export_copies_checks_and_records_without_marking_anything_sent(kiosk, tmp_path):
    for attempt_id in ("att-1", "att-2"):
        kiosk.finished_session(attempt_id).submit()
    stick = tmp_path / "usb"
    stick.mkdir()
    copies = export_pending(kiosk.data_dir, stick)
    assert [c.name for c in copies] == ["att-1.pbundle", "att-2.pbundle"]
    for copy in copies:
        assert copy.read_bytes() == (kiosk.data_dir / "outbox" / copy.name).read_bytes()
    record = kiosk.store.attempt("att-1")
    assert record.status == "exported" and record.exported_to == str(stick)
    assert record.receipt_verified_at is None and len(pending(kiosk.data_dir)) == 2
    assert export_pending(kiosk.data_dir, stick) == copies  # again: same files, nothing rewritten
    assert sorted(p.name for p in stick.iterdir()) == ["att-1.pbundle", "att-2.pbundle"]


def test_export_never_overwrites_another_file_on_the_stick(kiosk, tmp_path):
    kiosk.finished_session("att-1").submit()
    stick = tmp_path / "usb"
    stick.mkdir()
    (stick / "att-1.pbundle").write_bytes(b"something else")
    with pytest.raises(OutboxError, match="already exists with other content"):
        export_pending(kiosk.data_dir, stick)
    assert (stick / "att-1.pbundle").read_bytes() == b"something else"
    assert kiosk.store.attempt("att-1").exported_at is None


def test_export_refuses_an_altered_outbox_file(kiosk, tmp_path):
    kiosk.finished_session("att-1").submit()
    path = kiosk.data_dir / "outbox" / "att-1.pbundle"
    write_atomic(path, path.read_bytes().replace(b'"en"', b'"fr"'))
    stick = tmp_path / "usb"
    stick.mkdir()
    with pytest.raises(OutboxError, match="does not match the bundle recorded"):
        export_pending(kiosk.data_dir, stick)
    assert list(stick.iterdir()) == []


def test_export_target_problems_are_explained(kiosk, tmp_path):
    kiosk.finished_session("att-1").submit()
    with pytest.raises(OutboxError, match="does not exist: plug in and mount the USB stick"):
        export_pending(kiosk.data_dir, tmp_path / "not-mounted")
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(OutboxError, match="is not a folder"):
        export_pending(kiosk.data_dir, tmp_path / "a-file")
    assert kiosk.store.attempt("att-1").exported_at is None


def as_unprivileged_user(function) -> str:
    """Run ``function`` in a child process as the user 'nobody' (file modes do not bind root);
    return the exception it raised as 'Type: message', or '' when it returned."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop root for good, run, report, and leave without cleanup
        message = b""
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            function()
        except BaseException as exc:
            message = f"{type(exc).__name__}: {exc}".encode()
        finally:
            os.write(write_end, message)
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        reported = pipe.read().decode()
    os.waitpid(pid, 0)
    return reported


NOBODY = 65534


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_export_to_a_read_only_folder_is_explained(kiosk, tmp_path):
    kiosk.finished_session("att-1").submit()
    if os.geteuid() != 0:
        stick = tmp_path / "locked"
        stick.mkdir(mode=0o500)
        with pytest.raises(OutboxError, match="is not writable"):
            export_pending(kiosk.data_dir, stick)
        return
    # As root (CI), the export runs as an ordinary user who owns a copy of the kiosk's data.
    workdir = Path(tempfile.mkdtemp(prefix="pupitre-unprivileged-"))
    try:
        data = workdir / "data"
        shutil.copytree(kiosk.data_dir, data)
        stick = workdir / "locked"
        stick.mkdir(mode=0o500)
        for path in [workdir, *workdir.rglob("*")]:
            os.chown(path, NOBODY, NOBODY)
        reported = as_unprivileged_user(lambda: export_pending(data, stick))
        assert reported.startswith("OutboxError: ") and "is not writable" in reported, reported
        assert list(stick.iterdir()) == []
    finally:
        shutil.rmtree(workdir)


def test_export_to_a_folder_where_nothing_can_be_created_is_explained(kiosk):
    kiosk.finished_session("att-1").submit()
    if not os.path.isdir("/proc/self"):
        pytest.skip("needs /proc")
    with pytest.raises(OutboxError, match="is not writable"):
        export_pending(kiosk.data_dir, "/proc/self")  # no one, not even root, can create files there


def test_empty_outbox_exports_nothing_and_a_wrong_data_dir_is_named(tmp_path):
    (tmp_path / "usb").mkdir()
    with pytest.raises(OutboxError, match="no kiosk data directory at"):
        export_pending(tmp_path / "typo", tmp_path / "usb")
    assert not (tmp_path / "typo").exists()
    (tmp_path / "data").mkdir()
    assert pending(tmp_path / "data") == []
    assert export_pending(tmp_path / "data", tmp_path / "usb") == []


def test_submitted_event_follows_the_bundle(kiosk):
    session = kiosk.finished_session("att-1")
    code = session.submit()
    assert session.events[-1].kind == ev.SUBMITTED and session.events[-1].payload["receipt"] == code
    data = (kiosk.data_dir / "outbox" / "att-1.pbundle").read_bytes()
    assert read_bundle(data).signed["journal_head"] == session.events[-2].hash

"""The outbox when something is wrong: practice results, garbage bundles, a damaged journal, a pulled stick."""

import hashlib
import os
import shutil
import sqlite3

import pytest

from kiosk import cli
from kiosk import outbox as outbox_module
from kiosk.core.session import AttemptMode
from kiosk.errors import JournalDamagedError
from kiosk.journal import JournalStore
from kiosk.outbox import OutboxError, export_outbox, export_pending, pending, survey_outbox
from tests.kiosk import test_outbox

device, bank, kiosk = test_outbox.device, test_outbox.bank, test_outbox.kiosk  # the outbox tests' fixtures


def _stick(tmp_path):
    stick = tmp_path / "usb"
    stick.mkdir()
    return stick


def test_a_practice_result_is_kept_apart_and_never_waits_for_delivery(kiosk, tmp_path, capsys):
    """Issue 15: a practice result is not an exam result: not in the outbox, not listed, not exported."""
    code = kiosk.finished_session("practice-1", AttemptMode.PRACTICE).submit()
    kiosk.finished_session("exam-1").submit()
    assert code  # the candidate still gets a receipt for the practice attempt
    assert (kiosk.data_dir / "practice" / "practice-1.pbundle").is_file()
    assert not (kiosk.data_dir / "outbox" / "practice-1.pbundle").exists()
    assert [p.attempt_id for p in pending(kiosk.data_dir)] == ["exam-1"]
    stick = _stick(tmp_path)
    assert [c.name for c in export_pending(kiosk.data_dir, stick)] == ["exam-1.pbundle"]
    assert cli.main(["outbox", "--data-dir", str(kiosk.data_dir)]) == 0
    out = capsys.readouterr().out
    assert "1 result bundle(s) waiting for delivery" in out and "practice-1" not in out
    assert "1 practice result(s) kept on this kiosk: practice results are not exam results" in out


def test_a_practice_bundle_left_in_the_outbox_is_not_an_exam_result(kiosk, tmp_path):
    """Bundles an older kiosk wrote into the outbox for practice attempts are not listed or exported either."""
    kiosk.finished_session("practice-1", AttemptMode.PRACTICE).submit()
    (kiosk.data_dir / "outbox").mkdir(exist_ok=True)
    shutil.move(kiosk.data_dir / "practice" / "practice-1.pbundle", kiosk.data_dir / "outbox" / "practice-1.pbundle")
    found = survey_outbox(kiosk.data_dir)
    assert found.pending == [] and [p.name for p in found.practice_in_outbox] == ["practice-1.pbundle"]
    assert export_pending(kiosk.data_dir, _stick(tmp_path)) == []


@pytest.mark.parametrize("content", [b"garbage", b"", b"[" * 50_000, b'{"signed":{},"signatures":[]}'])
def test_a_garbage_bundle_is_listed_as_damaged_never_as_pending(kiosk, tmp_path, capsys, content):
    kiosk.finished_session("att-1").submit()
    garbage = kiosk.data_dir / "outbox" / "att-9.pbundle"
    garbage.write_bytes(content)
    found = survey_outbox(kiosk.data_dir)
    assert [p.attempt_id for p in found.pending] == ["att-1"]
    assert [d.path.name for d in found.damaged] == ["att-9.pbundle"]
    assert cli.main(["outbox", "--data-dir", str(kiosk.data_dir)]) == 1
    captured = capsys.readouterr()
    assert "att-9" not in captured.out and "1 result bundle(s) waiting" in captured.out
    assert "att-9.pbundle is damaged and is not listed as waiting nor exported" in captured.err
    assert "Traceback" not in captured.err
    stick = _stick(tmp_path)
    assert cli.main(["export", "--to", str(stick), "--data-dir", str(kiosk.data_dir)]) == 1
    assert sorted(p.name for p in stick.iterdir()) == ["att-1.pbundle"]  # the intact one is still copied
    assert garbage.read_bytes() == content  # kept as evidence


def test_a_bundle_signed_by_another_key_is_damaged(kiosk, tmp_path):
    other = test_outbox.Kiosk(tmp_path / "other", test_outbox.DeviceIdentity(test_outbox.KeyPair.generate("x")),
                              kiosk.bank)
    other.finished_session("att-5").submit()
    other.store.close()
    kiosk.finished_session("att-1").submit()
    (kiosk.data_dir / "device").mkdir(exist_ok=True)
    kiosk.store.device.public.save(kiosk.data_dir / "device" / "device.pub")
    shutil.copy(tmp_path / "other" / "outbox" / "att-5.pbundle", kiosk.data_dir / "outbox" / "att-5.pbundle")
    found = survey_outbox(kiosk.data_dir)
    assert [p.attempt_id for p in found.pending] == ["att-1"]
    assert [d.path.name for d in found.damaged] == ["att-5.pbundle"] and "signature" in found.damaged[0].reason


def _damage_journal(kiosk, how):
    kiosk.store.close()
    path = kiosk.data_dir / "journal.sqlite"
    with sqlite3.connect(path) as conn:  # fold the WAL into the file first, as after a clean stop
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    if how == "garbage":
        data[:100] = b"\xde\xad" * 50
    else:  # one page of an index overwritten: the file opens, queries go wrong
        with sqlite3.connect(path) as conn:
            page_size = conn.execute("PRAGMA page_size").fetchone()[0]
            root = conn.execute("SELECT rootpage FROM sqlite_master WHERE type='index' AND tbl_name='entries'"
                                ).fetchone()[0]
        start = (root - 1) * page_size
        data[start + 8:start + page_size] = bytes(range(256)) * ((page_size - 8) // 256) + bytes((page_size - 8) % 256)
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("how", ["garbage", "index"])
def test_a_damaged_journal_is_said_and_the_intact_bundles_still_go_out(kiosk, tmp_path, capsys, how):
    codes = [kiosk.finished_session(a).submit() for a in ("att-1", "att-2")]
    path = _damage_journal(kiosk, how)
    damaged = path.read_bytes()
    one_line = r"the journal file is damaged \([^\n]*\)\. It was kept as it is, untouched"
    with pytest.raises(JournalDamagedError, match=one_line):
        JournalStore(kiosk.data_dir, None)
    assert cli.main(["outbox", "--data-dir", str(kiosk.data_dir)]) == 1
    captured = capsys.readouterr()
    assert all(code in captured.out for code in codes)
    assert "journal.sqlite: the journal file is damaged" in captured.err and "Traceback" not in captured.err
    stick = _stick(tmp_path)
    assert cli.main(["export", "--to", str(stick), "--data-dir", str(kiosk.data_dir)]) == 1
    captured = capsys.readouterr()
    assert "2 result bundle(s) copied" in captured.out and "the journal file is damaged" in captured.err
    assert sorted(p.name for p in stick.iterdir()) == ["att-1.pbundle", "att-2.pbundle"]
    assert path.read_bytes() == damaged  # nothing repaired, rebuilt or moved


def test_the_stick_pulled_out_during_the_export_is_said(kiosk, tmp_path, monkeypatch):
    for attempt_id in ("att-1", "att-2"):
        kiosk.finished_session(attempt_id).submit()
    stick = _stick(tmp_path)
    real_write = outbox_module.write_atomic

    def write_then_pull_out(path, data, **kwargs):
        written = real_write(path, data, **kwargs)
        shutil.rmtree(stick)
        return written

    monkeypatch.setattr(outbox_module, "write_atomic", write_then_pull_out)
    with pytest.raises(OutboxError, match=r"the export to .* stopped at att-1.pbundle .*was the stick removed\? "
                                          r"0 of 2 bundle\(s\) were copied"):
        export_outbox(kiosk.data_dir, stick)
    assert kiosk.store.attempt("att-1").exported_at is None
    assert hashlib.sha256((kiosk.data_dir / "outbox" / "att-1.pbundle").read_bytes()).hexdigest() == \
        kiosk.store.attempt("att-1").bundle_id


def test_links_pipes_and_devices_in_the_outbox_are_never_read(kiosk, tmp_path, monkeypatch):
    """``pupitre-kiosk outbox`` must not hang on a FIFO nor read /dev/zero for ever."""
    kiosk.finished_session("att-1").submit()
    box = kiosk.data_dir / "outbox"
    (box / "att-2.pbundle").symlink_to("/dev/zero")
    (box / "att-3.pbundle").symlink_to(box / "att-1.pbundle")
    os.mkfifo(box / "att-4.pbundle")
    limit = (box / "att-1.pbundle").stat().st_size
    (box / "att-5.pbundle").write_bytes(b"x" * (limit + 1))
    monkeypatch.setattr(outbox_module, "MAX_BUNDLE_BYTES", limit)
    found = survey_outbox(kiosk.data_dir)
    reasons = {d.path.name: d.reason for d in found.damaged}
    assert reasons == {
        "att-2.pbundle": "a symbolic link (to /dev/zero), not a bundle file",
        "att-3.pbundle": f"a symbolic link (to {box / 'att-1.pbundle'}), not a bundle file",
        "att-4.pbundle": "not a regular file (a pipe, a socket or a device), not a bundle file",
        "att-5.pbundle": f"{limit + 1:,} bytes, larger than any result bundle ({limit:,} at most)",
    }
    assert [p.attempt_id for p in found.pending] == ["att-1"]


def test_a_pipe_where_the_bundle_goes_stops_the_submission_without_hanging(kiosk):
    session = kiosk.finished_session("att-1")
    (kiosk.data_dir / "outbox").mkdir()
    os.mkfifo(kiosk.data_dir / "outbox" / "att-1.pbundle")
    with pytest.raises(OutboxError, match=r"att-1.pbundle is in the outbox but is not a regular file .* call the "
                                          "support"):
        session.submit()
    assert kiosk.store.attempt("att-1").submitted_at is None

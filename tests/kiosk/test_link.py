"""The kiosk's room link against a console double on loopback TLS: sync, resync, commands, failures.

The double (tests/kiosk/link_console_double.py) is for failure injection only; the real console
is exercised end to end when both sides are merged.
"""

from __future__ import annotations

import datetime as dt
import json
import queue
import threading

import pytest

from kiosk.core import events as ev
from kiosk.core.commands import Disposition
from kiosk.core.events import Event
from kiosk.core.session import State
from kiosk.guard.unlock import UnlockGate, set_unlock_code
from kiosk.link.book import SyncBook
from kiosk.link.counter import RequestCounter
from kiosk.link.errors import ConsoleIdentityError, ConsoleRefusedError, ConsoleUnreachableError, LinkError
from kiosk.link.pairing import Pairing, load_pairing, save_pairing
from kiosk.link.room_link import RoomLink
from kiosk.link.signer import DeviceSigner
from kiosk.link.transport import ConsoleConnection
from kiosk.link.worker import SyncWorker
from kiosk.workstation_authority import WorkstationAuthority
from protocol.canonical import canonical_bytes
from protocol.envelope import SignedEnvelope
from protocol.journal_chain import entry_hash, genesis_hash
from protocol.keys import KeyPair, ScryptParams
from protocol.pinning import spki_sha256
from protocol.room import PATH_SYNC
from tests.kiosk.fakes import MemoryJournal
from tests.kiosk.link_console_double import ConsoleDouble, make_certificate
from tests.kiosk.test_session import CANDIDATE, Harness

CODE = "4729-1836"


class ChainedJournal(MemoryJournal):
    """The in-memory journal with the real chain's hashes (the console double checks them)."""

    def append(self, kind, payload):
        body = json.loads(canonical_bytes(dict(payload)))
        prev = self.events[-1].hash if self.events else genesis_hash("att-1")
        wall = self.clock.now().astimezone(dt.UTC).isoformat()
        seq, t_mono = len(self.events) + 1, float(self.clock.monotonic())
        digest = entry_hash(seq, prev, t_mono, wall, kind, body)
        event = Event(seq, kind, body, t_mono, dt.datetime.fromisoformat(wall), digest)
        self.events.append(event)
        return event


class Room:
    """A kiosk (session, link, worker driven by hand) and a console double."""

    def __init__(self, tmp_path, start_console=True, outbox=None):
        self.tmp = tmp_path
        self.device = KeyPair.generate("kiosk-7")
        self.center = KeyPair.generate("Centre Jean Moulin")
        self.console = ConsoleDouble(tmp_path, self.device.public, self.center)
        if start_console:
            self.console.start()
        statement = SignedEnvelope.create({"_type": "pupitre/console-certificate", "center": "center-1",
                                           "spki_sha256": self.console.pin,
                                           "not_after": "2036-01-01T00:00:00+00:00"}, self.center)
        self.pairing = Pairing(self.console.address, self.console.pin, self.console.pem, "center-1",
                               "Centre Jean Moulin", self.center.public.public_dict(), self.device.public.signing_id,
                               "kiosk-7", statement.to_dict(), "2026-11-22T08:00:00+00:00")
        self.device_dir = tmp_path / "device"
        self.device_dir.mkdir()
        self.wall_us = 1_000_000
        self.counter = RequestCounter(self.device_dir, lambda: self.wall_us)
        self.signer = DeviceSigner(self.device, self.counter, lambda: dt.datetime.now(dt.UTC))
        self.connection = ConsoleConnection(self.pairing, self.signer)
        self.book = SyncBook()
        self.inbox: queue.SimpleQueue = queue.SimpleQueue()
        self.worker = SyncWorker(self.connection, self.book, self.inbox, outbox=outbox)
        set_unlock_code(tmp_path, CODE, ScryptParams(n=2**14))
        self.harness = Harness()
        self.harness.journal = ChainedJournal(self.harness.clock)
        self.fallback = WorkstationAuthority(UnlockGate(tmp_path, clock=self.harness.clock.monotonic))
        self.link = RoomLink(self.book, self.inbox, self.fallback, lambda: self.worker.health,
                             self.harness.clock.monotonic, deliver_later=self.worker.deliver_later)
        self.harness.authority = self.link
        self.session = self.harness.session = self.harness.build()
        self.link.attach(self.session)

    @property
    def attempt(self) -> str:
        return self.session.attempt.attempt_id

    def check_in(self):
        self.session.open_check_in()
        self.session.submit_check_in(CANDIDATE, "fr")

    def round(self):
        """One sync, then the interface obeys what came."""
        self.link.publish_status()
        ok = self.worker.sync_once()
        self.link.drain()
        return ok

    def replica_seqs(self):
        return [e["seq"] for e in self.console.replicas[self.attempt].entries]

    def close(self):
        self.connection.close()
        self.console.stop()


@pytest.fixture
def room(tmp_path):
    room = Room(tmp_path)
    yield room
    room.close()


def answer_some(room, count):
    s = room.session
    for _ in range(count):
        room.harness.clock.advance(10)
        s.answer(room.harness.right())


def to_question(room):
    room.check_in()
    room.console.command("authorise-start", {"candidate_id": "cand-12"})
    room.round()
    room.session.environment_checked([])
    room.session.start_test()


def test_a_sync_sends_state_and_entries_and_the_console_acknowledges_them(room):
    room.check_in()
    assert room.round()
    assert room.replica_seqs() == [e.seq for e in room.session.events]
    assert room.book.unacknowledged(room.attempt) == 0
    status = room.console.statuses[-1]
    assert status["state"] == "awaiting-authorisation" and status["attempt_id"] == room.attempt
    assert status["total"] == room.session.length and status["candidate"] == "Léa MARTIN"


def test_authorise_start_from_the_console_then_questions_and_status(room):
    to_question(room)
    assert room.session.state is State.QUESTION
    answer_some(room, 2)
    room.round()
    status = room.console.statuses[-1]
    assert status["candidate_id"] == "cand-12" and status["question"] == 3 and status["state"] == "question"
    assert 0 < status["seconds_left"] <= room.session.profile.duration_minutes * 60
    assert room.console.acknowledged == ["cmd-authorise-start-0000"]
    assert room.console.pending == []


def test_a_command_delivered_again_is_journalled_once_and_acknowledged_again(room):
    to_question(room)
    pause = room.console.command("pause", {"note": "alarme"}, command_id="cmd-pause-00000001")
    room.round()  # delivered and obeyed
    room.round()  # acknowledged
    assert room.console.acknowledged[-1] == "cmd-pause-00000001" and room.console.pending == []
    room.console.pending.append(pause)  # the console lost the acknowledgement: it sends the command again
    room.round()
    assert room.link.results[-1].duplicate and room.link.results[-1].command_id == "cmd-pause-00000001"
    room.round()
    assert room.console.acknowledged.count("cmd-pause-00000001") == 2 and room.console.pending == []
    assert [e.payload["id"] for e in room.session.events if e.kind == ev.ROOM_COMMAND].count(pause.signed["id"]) == 1
    assert room.session.state is State.PAUSED


def test_the_console_out_of_reach_the_test_goes_on_and_the_queue_catches_up_without_gap_or_duplicate(tmp_path):
    room = Room(tmp_path)
    try:
        to_question(room)
        room.round()
        before = len(room.console.replicas[room.attempt].entries)
        port = room.console.port
        room.console.stop()
        answer_some(room, 3)
        room.session.focus_lost("alt-tab")
        for _ in range(3):
            assert not room.round()
        assert not room.worker.health.reachable and "does not answer" in room.worker.health.last_error
        assert room.book.unacknowledged(room.attempt) == len(room.session.events) - before
        room.console.port = port
        room.console.start()
        room.wall_us += 1
        assert room.round()
        assert room.replica_seqs() == list(range(1, len(room.session.events) + 1))
        assert room.console.gaps == 0 and room.book.unacknowledged(room.attempt) == 0
    finally:
        room.close()


def test_a_console_that_lost_its_replica_gets_everything_again(room):
    to_question(room)
    answer_some(room, 2)
    room.round()
    room.console.replicas.clear()  # a console restored from an old backup: its head is 0
    answer_some(room, 1)
    room.round()  # the new entries do not continue its head (0): it says so, the kiosk goes back to the start
    assert room.console.gaps == 1
    room.round()
    assert room.replica_seqs() == [e.seq for e in room.session.events]


def test_a_replica_whose_head_the_kiosk_does_not_hold_is_a_chain_break_and_nothing_is_dropped(room):
    to_question(room)
    room.round()
    replica = room.console.replicas[room.attempt]
    replica.entries[-1] = {**replica.entries[-1], "hash": "f" * 64}  # the console holds another entry there
    answer_some(room, 1)
    room.worker.sync_once()
    assert room.book.problem(room.attempt) == "chain-break"
    assert room.book.unacknowledged(room.attempt) == len(room.session.events)


def test_a_409_moves_the_counter_past_the_consoles_and_the_sync_goes_through(room):
    room.check_in()
    room.console.mode = "refuse409"
    assert room.round()
    assert room.counter.last > 10**9 and room.console.counter == room.counter.last


def test_the_counter_only_grows_and_survives_a_restart(room):
    first = room.counter.next()
    room.wall_us = 5  # the clock went back
    second = room.counter.next()
    assert second == first + 1
    again = RequestCounter(room.device_dir, lambda: 5)
    assert again.next() == second + 1


def test_a_damaged_counter_file_is_an_error_not_a_reset(room):
    (room.device_dir / "room-counter.json").write_text('{"last": "nine"}')
    with pytest.raises(LinkError, match=r"room-counter\.json"):
        RequestCounter(room.device_dir, lambda: 5)


@pytest.mark.parametrize("mode", ["garbage", "error500"])
def test_a_console_answering_nonsense_changes_nothing(room, mode):
    room.check_in()
    room.console.mode = mode
    assert not room.round()
    assert room.book.unacknowledged(room.attempt) == len(room.session.events)
    assert room.session.state is State.AWAITING_AUTHORISATION
    room.console.mode = "ok"
    assert room.round() and room.book.unacknowledged(room.attempt) == 0


def test_a_command_signed_by_another_key_or_for_another_kiosk_is_not_obeyed(room):
    room.check_in()
    room.console.command("authorise-start", {"candidate_id": "x"}, signer=KeyPair.generate("intruder"))
    room.console.command("authorise-start", {"candidate_id": "x"}, kiosk_id="0" * 32)
    room.round()
    assert room.session.state is State.AWAITING_AUTHORISATION
    assert room.worker.health.rejected_commands == 2
    assert not any(e.kind == ev.ROOM_COMMAND for e in room.session.events)


def test_a_machine_with_another_certificate_is_refused(tmp_path):
    room = Room(tmp_path, start_console=False)
    other_pem, key_file, cert_file = make_certificate(tmp_path, "impostor")
    assert spki_sha256(other_pem) != room.pairing.pin
    room.console._key_file, room.console._cert_file = key_file, cert_file  # same address, another key
    room.console.start()
    try:
        pairing = Pairing(**{**room.pairing.__dict__, "console": room.console.address})
        connection = ConsoleConnection(pairing, room.signer)
        with pytest.raises((ConsoleUnreachableError, ConsoleIdentityError), match=r"CERTIFICATE_VERIFY_FAILED|pin"):
            connection.post(PATH_SYNC, {"status": {}}, "sync answer")
        connection.close()
        assert room.console.requests == 0
    finally:
        room.close()


def test_a_slow_console_never_holds_the_candidate(room):
    to_question(room)
    room.console.mode = "hang"
    worker = threading.Thread(target=room.worker.sync_once)
    worker.start()
    assert room.console.in_flight.wait(10)
    answer_some(room, 2)  # the session goes on while the sync waits for its answer
    room.session.pause(by="test")
    assert room.session.state is State.PAUSED
    room.console.mode = "ok"
    room.console.release.set()
    worker.join(10)
    room.round()
    assert room.replica_seqs() == [e.seq for e in room.session.events]


def test_the_worker_thread_syncs_by_itself_and_stops(room):
    room.check_in()
    room.worker._interval = 0.05
    woken = threading.Event()
    room.worker._on_commands = woken.set
    room.console.command("authorise-start", {"candidate_id": "cand-1"})
    room.worker.start()
    assert woken.wait(10)
    room.worker.stop()
    room.link.drain()
    assert room.session.state is State.ENVIRONMENT_CHECK


def test_the_unlock_code_is_the_fallback_and_is_journalled_as_such(room):
    room.console.stop()
    room.check_in()
    assert not room.round()
    assert not room.link.authorise_with_code("0000-0000").accepted
    assert room.link.authorise_with_code(CODE).accepted
    assert room.session.state is State.ENVIRONMENT_CHECK
    fallback = [e.payload for e in room.session.events if e.kind == ev.GUARD and e.payload["type"] == "room-fallback"]
    assert len(fallback) == 1 and fallback[0]["purpose"] == "authorise" and fallback[0]["reachable"] is False


def test_a_refused_command_is_acknowledged_too(room):
    room.check_in()
    room.console.command("unlock")
    room.round()
    room.round()
    assert room.console.pending == [] and room.console.acknowledged == ["cmd-unlock-0000"]
    assert room.link.results[0].disposition is Disposition.REFUSED


def test_the_pairing_is_written_atomically_and_read_strictly(room):
    save_pairing(room.device_dir, room.pairing)
    assert load_pairing(room.device_dir) == room.pairing
    path = room.device_dir / "room.json"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    text = path.read_text().replace(room.pairing.pin, "0" * 64)
    path.write_text(text)
    with pytest.raises(LinkError, match="pinned key"):
        load_pairing(room.device_dir)
    path.write_text("{")
    with pytest.raises(LinkError, match=r"room\.json"):
        load_pairing(room.device_dir)
    path.unlink()
    with pytest.raises(LinkError, match="pupitre-kiosk enrol"):
        load_pairing(room.device_dir)


def test_a_refused_request_is_a_refusal_not_an_outage(room):
    other = KeyPair.generate("not-enrolled")
    signer = DeviceSigner(other, RequestCounter(room.tmp / "other", lambda: 7), lambda: dt.datetime.now(dt.UTC))
    connection = ConsoleConnection(room.pairing, signer)
    with pytest.raises(ConsoleRefusedError, match="enrolled") as caught:
        connection.post(PATH_SYNC, {"status": {}}, "sync answer")
    assert caught.value.status == 401
    connection.close()


def test_a_kiosk_restarted_mid_exam_catches_up_from_the_consoles_head_without_duplicates(room):
    to_question(room)
    answer_some(room, 3)
    room.round()
    held = room.replica_seqs()
    # kill -9: a new process restores the session from its journal, with a fresh book and link
    book, inbox = SyncBook(), queue.SimpleQueue()
    worker = SyncWorker(room.connection, book, inbox)
    link = RoomLink(book, inbox, room.fallback, lambda: worker.health, room.harness.clock.monotonic)
    restored = room.harness.restore(authority=link)
    link.attach(restored)
    restored.request_resume()
    room.console.command("authorise-resume", command_id="cmd-resume-after-crash")
    assert worker.sync_once()
    link.drain()
    assert restored.state is State.ENVIRONMENT_CHECK
    assert book.acknowledged_seq(room.attempt) == len(held) + 1  # the console's head, recognised at once
    worker.sync_once()
    assert room.replica_seqs() == [e.seq for e in restored.events] and room.console.gaps == 0


@pytest.mark.parametrize("answer", [b'{"heads":[],"commands":[]}', b'{"console_time":"2026-11-22T09:00:00+00:00",'
                                    b'"heads":[{"attempt_id":"att-1","seq":-1,"hash":"x"}],"commands":[]}', b"[]"])
def test_an_answer_that_is_not_a_sync_answer_is_refused_and_changes_nothing(room, answer, monkeypatch):
    room.check_in()
    monkeypatch.setattr(room.console, "_sync", lambda body: (200, answer))
    assert not room.round()
    assert "sync answer" in room.worker.health.last_error
    assert room.book.unacknowledged(room.attempt) == len(room.session.events)


def test_a_command_of_a_newer_console_is_refused_and_acknowledged_not_delivered_forever(room):
    room.check_in()
    room.console.command("teleport", {"to": "mars"}, command_id="cmd-teleport-0001")
    room.round()
    room.round()
    assert room.console.pending == [] and room.console.acknowledged == ["cmd-teleport-0001"]
    refused = [e.payload for e in room.session.events if e.kind == ev.ROOM_COMMAND_REFUSED]
    assert len(refused) == 1 and "teleport" in refused[0]["reason"]
    assert room.worker.health.rejected_commands == 0

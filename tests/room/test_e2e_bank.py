"""The bank over the LAN end to end: an enrolled kiosk with no bank and no center key receives the session's
bank with the authorisation, downloads it from the real console, checks it against the publisher the center
names, opens it with the key wrapped for its device, and the test runs; its bundle gets the console's
receipt (issue 10, ADR 0025)."""

from __future__ import annotations

import datetime as dt
import hashlib
import queue
import random
import time
from pathlib import Path
from typing import Any

import pytest

from invigilator.core.center import Bank, SessionStatus, TrustedPublisher
from invigilator.core.commands import CommandKind
from invigilator.core.roster import Candidate
from invigilator.store.schema import BankRow
from itembank.pbank import build_bank, open_bank
from itembank.synth import synthetic_bank
from kiosk.clock import SystemClock
from kiosk.core.session import State
from kiosk.device import load_or_create_device
from kiosk.guard.unlock import UnlockGate, set_unlock_code
from kiosk.journal import JournalStore
from kiosk.link.book import SyncBook
from kiosk.link.counter import RequestCounter
from kiosk.link.delivery import BankDelivery
from kiosk.link.enrolment import enrol
from kiosk.link.pairing import load_pairing
from kiosk.link.results import LocalResultOutbox
from kiosk.link.room import RoomSide
from kiosk.link.room_exam import RoomExam
from kiosk.link.signer import DeviceSigner
from kiosk.link.transport import ConsoleConnection
from kiosk.link.worker import SyncWorker
from kiosk.outbox import BundleWriter
from kiosk.workstation_authority import WorkstationAuthority
from protocol.keys import KeyPair, ScryptParams
from tests.kiosk.test_session import CANDIDATE
from tests.room.conftest import UNLOCK, Console, now, wait_for

PASSPHRASE = "synthetic bank passphrase"
PROFILE = "practice-short"


class RoomKiosk:
    """An enrolled kiosk as ``pupitre-kiosk --exam`` builds it without --bank: its own device key and journal
    store, the bundle writer, the sync worker with bank delivery, and the RoomExam over them."""

    def __init__(self, tmp: Path, console: Console, name: str):
        self.data_dir = tmp / name.replace(" ", "-")
        self.clock = SystemClock()
        again = self.data_dir.exists()  # the same PC started again: its device, pairing and journal
        self.device = load_or_create_device(self.data_dir, name=name, machine_secret=lambda: None)
        device_dir = self.data_dir / "device"
        self.pairing = load_pairing(device_dir) if again else enrol(
            console.address, console.code(), public=self.device.keypair.public, sign=self.device.keypair.sign,
            name=name, device_dir=device_dir, now=now)
        self.store = JournalStore(self.data_dir, self.device, self.clock)
        self.sink = BundleWriter(self.data_dir, self.device, self.store, self.clock)
        counter = RequestCounter(device_dir, lambda: time.time_ns() // 1000)
        signer = DeviceSigner(self.device.keypair, counter, now)
        book, inbox = SyncBook(), queue.SimpleQueue()
        self.delivery = BankDelivery(self.data_dir, self.device.unwrap)
        self.worker = SyncWorker(ConsoleConnection(self.pairing, signer), book, inbox, interval=0.1,
                                 outbox=LocalResultOutbox(self.data_dir, self.store), banks=self.delivery)
        self.room = RoomSide(self.pairing, self.worker, book, inbox)
        if not again:
            set_unlock_code(self.data_dir, UNLOCK, ScryptParams(n=2**14))
        fallback = WorkstationAuthority(UnlockGate(self.data_dir))
        self.exam = RoomExam(store=self.store, device=self.device, clock=self.clock, sink=self.sink, room=self.room,
                             fallback=fallback, delivery=self.delivery)
        self.restored = self.exam.resume_or_start()[1]

    @property
    def id(self) -> str:
        return self.device.key_id

    @property
    def session(self):
        return self.exam.session

    def until(self, condition, what: str, timeout: float = 20.0):
        """Tick as the interface does until ``condition``."""
        def tick():
            self.exam.tick()
            return condition()
        return wait_for(tick, what, timeout)

    def check_in(self) -> None:
        self.session.open_check_in()
        self.session.submit_check_in(CANDIDATE, "fr")

    def answer_all(self, limit: int | None = None) -> list[str]:
        """Skip question after question (limit: stop after that many); the item ids shown."""
        s, shown = self.session, []
        while s.state not in (State.FINISHED, State.SUBMITTED) and (limit is None or len(shown) < limit):
            self.exam.tick()
            if s.state is State.FOCUS_WARNING:
                s.acknowledge_focus_warning()
            if s.state is State.QUESTION:
                shown.append(s.question.item.id)
                s.skip()
        return shown

    def close(self) -> None:
        self.worker.stop()
        self.delivery.close()
        self.store.close()


@pytest.fixture(scope="module")
def bank_file(tmp_path_factory):
    """A real bank: signed by a publisher, encrypted; the console holds its content key (as after import)."""
    publisher = KeyPair.generate("Éditeur")
    path = tmp_path_factory.mktemp("bank") / "synth.pbank"
    build_bank(synthetic_bank(160, seed=11, bank_id="synth-room"), path, publisher, passphrase=PASSPHRASE,
               scrypt=ScryptParams(n=2**14))
    with open_bank(path, [publisher.public], passphrase=PASSPHRASE) as bank:
        key = bank.content_key
    return path, publisher, key


def open_session(console: Console, bank_file, *, named: KeyPair | None = None, candidates: int = 1) -> Any:
    """The console's side: the bank imported (its publisher ``named``, by default the one who signed it),
    an open session, the roster."""
    path, publisher, key = bank_file
    named = named or publisher
    store = console.store
    assert store is not None
    t = now()
    store.sessions.trust_publisher(TrustedPublisher(named.public.signing_id, "Éditeur",
                                                    named.public.public_dict()["ed25519"], t))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    store.sessions.add_bank(Bank("synth-room", "Synth", named.public.signing_id, digest, t))
    console.banks["synth-room"] = path
    console.bank_keys["synth-room"] = key
    console.open_banks["synth-room"] = open_bank(path, [publisher.public], content_key=key)
    session = store.sessions.create_session("synth-room", PROFILE, t.date(), "Salle 1", t, random.Random(1))
    store.sessions.set_status(session.id, SessionStatus.OPEN, t)
    store.sessions.add_candidates([Candidate(f"cand-{i}", session.id, "Martin", "Léa", dt.date(2009, 5, 17))
                                   for i in range(1, candidates + 1)])
    return session


def authorise(console: Console, kiosk: RoomKiosk, candidate: str = "cand-1"):
    assert console.store is not None
    return console.store.commands.issue(CommandKind.AUTHORISE_START, kiosk.id, {"candidate_id": candidate}, now(),
                                        "M. Roy").command


@pytest.fixture
def room_kiosk(tmp_path, console):
    kiosk = RoomKiosk(tmp_path, console, "PC 01")
    kiosk.worker.start()
    yield kiosk
    kiosk.close()


def test_the_bank_comes_with_the_authorisation_and_the_test_runs(console: Console, room_kiosk: RoomKiosk,
                                                                 bank_file) -> None:
    open_session(console, bank_file)
    kiosk = room_kiosk
    kiosk.check_in()
    s = kiosk.session
    assert s.bank_pending and s.state is State.AWAITING_AUTHORISATION
    assert kiosk.exam.link.authorise_with_code(UNLOCK) is None  # the code has no bank to start
    assert s.state is State.AWAITING_AUTHORISATION
    command = authorise(console, kiosk)
    kiosk.until(lambda: s.state is State.ENVIRONMENT_CHECK, "the authorisation with its bank")
    # downloaded into the cache under its SHA-256, opened with the delivered key, recorded in the journal
    path, _, _ = bank_file
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert (kiosk.data_dir / "banks" / f"synth-room-{digest}.pbank").read_bytes() == path.read_bytes()
    delivered = next(e for e in s.events if e.kind == "bank-delivered")
    assert delivered.payload["bank"]["id"] == "synth-room" and delivered.payload["source"]["command"] == command.id
    assert delivered.payload["profile"]["name"] == PROFILE and s.length == 12
    kinds = [e.kind for e in s.events]
    assert kinds.index("room-command") < kinds.index("bank-delivered") < kinds.index("authorised")
    assert all("wrapped_key" not in str(e.payload) for e in s.events)
    s.environment_checked([])
    s.start_test()
    shown = kiosk.answer_all()
    assert len(shown) == 12 and len(set(shown)) == 12
    s.submit()
    receipt = kiosk.until(lambda: kiosk.worker.receipt(s.attempt.attempt_id), "the console's receipt")
    assert receipt.attempt_id == s.attempt.attempt_id
    assert console.store is not None
    assert console.store.exposure.snapshot("synth-room").tests == 1


def test_a_bank_from_a_publisher_the_center_does_not_trust_is_refused_and_journalled(console: Console,
                                                                                     room_kiosk: RoomKiosk,
                                                                                     bank_file, tmp_path) -> None:
    """The center names another publisher than the one who signed the file: the kiosk refuses the bank,
    journals why (an alert on the console), keeps waiting, and succeeds once the console names the right one."""
    _, publisher, _ = bank_file
    impostor = KeyPair.generate("Autre éditeur")
    open_session(console, bank_file, named=impostor)
    assert console.store is not None
    kiosk = room_kiosk
    kiosk.check_in()
    s = kiosk.session
    authorise(console, kiosk)
    refused = kiosk.until(lambda: next((e for e in s.events if e.kind == "guard"
                                        and e.payload.get("type") == "room-bank-refused"), None),
                          "the refusal in the journal")
    assert "trusted publisher" in refused.payload["reason"] and s.state is State.AWAITING_AUTHORISATION
    assert not list((kiosk.data_dir / "banks").glob("*.pbank"))  # nothing kept of a file that fails
    kiosk.until(lambda: any(a.kind.value == "guard-event" and a.detail.get("type") == "room-bank-refused"
                            for a in console.store.alerts.alerts(open_only=True, kiosk_id=kiosk.id)),
                 "the console's alert")
    time.sleep(0.5)
    kiosk.exam.tick()
    assert sum(1 for e in s.events if e.payload.get("type") == "room-bank-refused") == 1  # journalled once
    console.store.sessions.trust_publisher(TrustedPublisher(publisher.public.signing_id, "Éditeur",
                                                            publisher.public.public_dict()["ed25519"], now()))
    with console.store.sessions._db.transaction() as db:  # the technician re-imports it from its publisher
        db.get(BankRow, "synth-room").publisher_key_id = publisher.public.signing_id
    kiosk.until(lambda: s.state is State.ENVIRONMENT_CHECK, "the authorisation once the bank verifies")


def test_a_kiosk_restarted_mid_test_reopens_its_bank_and_resumes_on_the_console_s_word(tmp_path, console: Console,
                                                                                       bank_file) -> None:
    open_session(console, bank_file)
    first = RoomKiosk(tmp_path, console, "PC 03")
    try:
        first.worker.start()
        first.check_in()
        authorise(console, first)
        s = first.session
        first.until(lambda: s.state is State.ENVIRONMENT_CHECK, "the authorisation with its bank")
        s.environment_checked([])
        s.start_test()
        shown = first.answer_all(limit=4)
        first.exam.tick()
        wait_for(lambda: [e.seq for e in console.store.replicas.entries(first.id, s.attempt.attempt_id)]
                 == [e.seq for e in s.events], "the console's copy")
        treated = [t.to_dict() for t in s.treated]
    finally:
        first.close()  # the kiosk is killed: no submit, the delivered key was never in the journal
    again = RoomKiosk(tmp_path, console, "PC 03")
    try:
        r = again.session
        assert again.restored and r.attempt.attempt_id == s.attempt.attempt_id and r.state is State.RECOVERING
        assert [t.to_dict() for t in r.treated] == treated
        again.worker.start()
        r.request_resume()
        assert console.store is not None
        resume = console.store.commands.issue(CommandKind.AUTHORISE_RESUME, again.id, {}, now(), "M. Roy",
                                              frozenset(a.id for a in console.store.alerts.alerts(open_only=True)))
        again.until(lambda: r.state is State.ENVIRONMENT_CHECK, "the authorisation to resume")
        assert any(e.kind == "room-command" and e.payload["id"] == resume.command.id for e in r.events)
        r.environment_checked([])
        rest = again.answer_all()
        assert len(shown) + len(rest) == 12 and not set(shown) & set(rest)
        r.submit()
        again.until(lambda: again.worker.receipt(r.attempt.attempt_id), "the console's receipt")
    finally:
        again.close()


def test_a_profile_the_delivered_bank_does_not_hold_is_refused_and_journalled(console: Console,
                                                                              room_kiosk: RoomKiosk,
                                                                              bank_file) -> None:
    exam = open_session(console, bank_file)
    assert console.store is not None
    with console.store.sessions._db.transaction() as db:  # a session made for another bank's profile
        from invigilator.store.schema import SessionRow

        db.get(SessionRow, exam.id).profile = "no-such-profile"
    kiosk = room_kiosk
    kiosk.check_in()
    s = kiosk.session
    command = authorise(console, kiosk)
    refused = kiosk.until(lambda: next((e for e in s.events if e.kind == "room-command-refused"), None),
                          "the refusal")
    assert refused.payload["id"] == command.id and "no-such-profile" in refused.payload["reason"]
    assert s.state is State.AWAITING_AUTHORISATION and s.bank_pending

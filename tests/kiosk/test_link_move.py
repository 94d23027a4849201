"""A move to this kiosk (``authorise-move``), hostile cases: the journal it carries is checked from genesis to the
head it names, a finished attempt, another bank, a busy kiosk or a second move of the same attempt are refused
(journalled in the attempt on screen), and the same move delivered again is a duplicate that changes nothing."""

from __future__ import annotations

import copy
import dataclasses
import hashlib

import pytest

from itembank.pbank import build_bank, open_bank
from itembank.synth import synthetic_bank
from kiosk.clock import SystemClock
from kiosk.core.commands import CommandKind, Disposition, RoomCommand
from kiosk.core.session import State
from kiosk.device import DeviceIdentity
from kiosk.guard.unlock import UnlockGate
from kiosk.journal import JournalStore
from kiosk.link.delivery import BankDelivery
from kiosk.link.room import RoomSide
from kiosk.link.room_exam import RoomExam
from kiosk.outbox import BundleWriter
from kiosk.workstation_authority import WorkstationAuthority
from protocol.envelope import SignedEnvelope
from protocol.journal_chain import link
from protocol.keys import KeyPair, ScryptParams
from protocol.keywrap import unwrap_for_recipient, wrap_for_recipient
from protocol.room import BankDescriptor, bank_key_context
from tests.kiosk.test_link import Room
from tests.kiosk.test_session import CANDIDATE

PASSPHRASE = "a practice passphrase"
BY = {"issued_by": "Mme Dupont", "issued_at": "2026-11-22T09:00:00+00:00"}


@pytest.fixture(scope="module")
def banks(tmp_path_factory):
    """Two banks of one publisher: (bytes, content key) by id."""
    publisher = KeyPair.generate("Éditeur")
    made = {}
    for bank_id, seed in (("synth", 3), ("other", 4)):
        path = build_bank(synthetic_bank(40, seed=seed, bank_id=bank_id), tmp_path_factory.mktemp(bank_id) / "b.pbank",
                          publisher, passphrase=PASSPHRASE, scrypt=ScryptParams(n=2**14))
        with open_bank(path, [publisher.public], passphrase=PASSPHRASE) as opened:
            made[bank_id] = (path.read_bytes(), opened.content_key)
    return made, publisher


class Kiosks:
    """Two RoomExams on one console double: A runs a test, B is the spare (real journal stores, real banks)."""

    def __init__(self, tmp_path, banks):
        self.room = Room(tmp_path)
        self.banks, self.publisher = banks
        for bank_id, (data, _) in self.banks.items():
            self.room.console.banks[bank_id] = data
        self.delivery = BankDelivery(tmp_path / "cache", lambda entry, context: unwrap_for_recipient(
            entry, self.room.device.wrapping_private, context))
        self.stores = []
        self.a, self.b = self.exam(tmp_path / "a"), self.exam(tmp_path / "b")

    def exam(self, folder) -> RoomExam:
        device, clock = DeviceIdentity(self.room.device), SystemClock()
        store = JournalStore(folder, device, clock)
        self.stores.append(store)
        side = RoomSide(self.room.pairing, self.room.worker, self.room.book, self.room.inbox)
        exam = RoomExam(store=store, device=device, clock=clock, sink=BundleWriter(folder, device, store, clock),
                        room=side, fallback=WorkstationAuthority(UnlockGate(self.room.tmp)))
        exam.new_attempt()
        return exam

    def command(self, kind: CommandKind, command_id: str, args: dict, bank_id: str = "synth") -> RoomCommand:
        data, key = self.banks[bank_id]
        descriptor = BankDescriptor(bank_id, hashlib.sha256(data).hexdigest(), len(data))
        document = {"_type": "pupitre/room-command", "id": command_id, "center": "center-1",
                    "kiosk": self.room.device.public.signing_id, "kind": str(kind), "args": args, **BY,
                    "bank": descriptor.to_dict(),
                    "wrapped_key": wrap_for_recipient(key, self.room.device.public.wrapping,
                                                      bank_key_context(bank_id, command_id)),
                    "publisher": {"key_id": self.publisher.public.signing_id, "name": "Éditeur",
                                  "ed25519": self.publisher.public.public_dict()["ed25519"]}}
        envelope = SignedEnvelope.create(document, self.room.center)
        command = RoomCommand.from_document(document, kiosk_id=self.room.device.public.signing_id,
                                            center_id="center-1")
        command = dataclasses.replace(command, envelope=envelope.to_dict())
        if command.defect:
            return command
        return dataclasses.replace(command, delivered=self.delivery.prepare(self.room.connection, command))

    def run_a(self, answers: int = 3, finish: bool = False):
        s = self.a.session
        s.open_check_in()
        s.submit_check_in(CANDIDATE, "fr")
        start = self.command(CommandKind.AUTHORISE_START, "cmd-start-0001",
                             {"candidate_id": "cand-12", "bank_id": "synth", "profile": "practice-short"})
        assert self.a.link._on_bank is not None
        self.a.link._on_bank(start.delivered)
        assert s.obey(start).disposition is Disposition.APPLIED
        s.environment_checked([])
        s.start_test()
        while len(s.treated) < answers or (finish and s.state not in (State.FINISHED, State.SUBMITTED)):
            if s.state is State.FOCUS_WARNING:
                s.acknowledge_focus_warning()
            elif s.state is State.QUESTION:
                s.skip()
            else:
                break
        return s, start

    def move_args(self, session, start, entries=None) -> dict:
        entries = entries if entries is not None else [
            e.to_dict() for e in link(session.attempt.attempt_id, [e.to_dict() for e in session.events])]
        return {"attempt_id": session.attempt.attempt_id, "from_kiosk": "a" * 32,
                "head": {"seq": entries[-1]["seq"], "hash": entries[-1]["hash"]}, "entries": entries,
                "start": dict(start.args)}

    def close(self):
        self.delivery.close()
        for store in self.stores:
            store.close()
        self.room.close()


@pytest.fixture
def kiosks(tmp_path, banks):
    k = Kiosks(tmp_path, banks)
    yield k
    k.close()


def test_the_spare_rebuilds_the_attempt_and_a_second_delivery_changes_nothing(kiosks):
    s_a, start = kiosks.run_a()
    move = kiosks.command(CommandKind.AUTHORISE_MOVE, "cmd-move-0001", kiosks.move_args(s_a, start))
    result = kiosks.b.apply_move(move)
    s_b = kiosks.b.session
    assert result.disposition is Disposition.APPLIED and s_b.attempt.attempt_id == s_a.attempt.attempt_id
    assert [e.hash for e in s_b.events[:len(s_a.events)]] == [e.hash for e in s_a.events]
    assert s_b.state is State.ENVIRONMENT_CHECK and [t.item_id for t in s_b.treated] == [t.item_id for t in s_a.treated]
    record = next(e for e in s_b.events if e.kind == "room-command" and e.payload["id"] == "cmd-move-0001")
    assert record.payload["args"]["entries"] == len(s_a.events)  # the journal is not copied into itself
    reread = kiosks.b.store.open_attempt(s_a.attempt.attempt_id).events()  # what a restart of the spare reads
    assert [e.hash for e in reread] == [e.hash for e in s_b.events]
    count = len(s_b.events)
    again = kiosks.b.apply_move(move)
    assert again.duplicate and len(kiosks.b.session.events) == count
    other = kiosks.command(CommandKind.AUTHORISE_MOVE, "cmd-move-0002", kiosks.move_args(s_a, start))
    refused = kiosks.b.apply_move(other)
    assert refused.disposition is Disposition.REFUSED and "already holds attempt" in refused.detail
    # the next question is the one the failed PC's engine would have chosen
    s_b.environment_checked([])
    expected = s_a._engine.next_item()
    shown = s_b.question.item.id if s_b.question else s_b._pending_item[1]
    assert shown == expected


def altered(entries):
    changed = copy.deepcopy(entries)
    changed[2]["payload"]["locale"] = "en"
    return changed


@pytest.mark.parametrize("case, message", [
    ("altered entry", "does not hold together"),
    ("entries cut short", "does not end at the head"),
    ("another attempt", "does not hold together"),
    ("another bank", "is not the bank"),
    ("finished", "is finished"),
    ("malformed", "entries must be"),
])
def test_a_move_that_does_not_hold_is_refused_and_journalled(kiosks, case, message):
    s_a, start = kiosks.run_a(finish=case == "finished")
    if case == "finished":
        s_a.submit()
    args = kiosks.move_args(s_a, start)
    bank_id = "synth"
    if case == "altered entry":
        args["entries"] = altered(args["entries"])
    elif case == "entries cut short":
        args["entries"] = args["entries"][:-1]
    elif case == "another attempt":
        args["attempt_id"] = "att-someone-else"
    elif case == "another bank":
        bank_id = "other"
    elif case == "malformed":
        args["entries"] = []
    spare = kiosks.b.session
    spare.open_check_in()  # the spare's screen: its attempt records the refusal
    result = kiosks.b.apply_move(kiosks.command(CommandKind.AUTHORISE_MOVE, "cmd-move-0009", args, bank_id))
    assert result.disposition is Disposition.REFUSED and message in result.detail
    assert kiosks.b.session is spare and spare.state is State.CHECK_IN
    refusal = [e for e in spare.events if e.kind == "room-command-refused"]
    assert len(refusal) == 1 and message in refusal[0].payload["reason"]
    assert [r.attempt_id for r in kiosks.b.store.attempts()] == [spare.attempt.attempt_id]  # nothing adopted


def test_a_kiosk_running_a_test_takes_no_move(kiosks):
    s_a, start = kiosks.run_a()
    busy = kiosks.b
    s = busy.session
    s.open_check_in()
    s.submit_check_in(CANDIDATE, "fr")
    own = kiosks.command(CommandKind.AUTHORISE_START, "cmd-start-0003",
                         {"candidate_id": "cand-13", "bank_id": "synth", "profile": "practice-short"})
    busy.link._on_bank(own.delivered)
    s.obey(own)
    s.environment_checked([])
    s.start_test()
    result = busy.apply_move(kiosks.command(CommandKind.AUTHORISE_MOVE, "cmd-move-0004", kiosks.move_args(s_a, start)))
    assert result.disposition is Disposition.REFUSED and "needs a free PC" in result.detail
    assert busy.session is s and s.state in (State.QUESTION, State.FOCUS_WARNING)


def test_a_move_not_signed_by_the_center_is_dropped_before_anything(kiosks):
    s_a, start = kiosks.run_a()
    args = kiosks.move_args(s_a, start)
    kiosks.room.console.command("authorise-move", args, command_id="cmd-move-0007",
                                signer=KeyPair.generate("not the center"))
    assert kiosks.room.worker.sync_once()
    done = kiosks.b.link.drain()
    assert done == [] and kiosks.room.worker.health.rejected_commands == 1
    assert [r.attempt_id for r in kiosks.b.store.attempts()] == [kiosks.b.session.attempt.attempt_id]


def test_under_custody_the_keeper_adopts_only_the_journal_the_center_signed(kiosks, tmp_path):
    from kiosk.device import DEVICE_DIR
    from kiosk.link.pairing import save_pairing
    from tests.kiosk.test_keeper_protocol import Served

    folder = tmp_path / "keeper"
    keeper = Served(folder, DeviceIdentity(kiosks.room.device))
    save_pairing(folder / DEVICE_DIR, kiosks.room.pairing)
    custody = keeper.custody()
    try:
        side = RoomSide(kiosks.room.pairing, kiosks.room.worker, kiosks.room.book, kiosks.room.inbox)
        spare = RoomExam(store=custody.store, device=custody.device, clock=SystemClock(), sink=custody.sink,
                         room=side, fallback=WorkstationAuthority(UnlockGate(kiosks.room.tmp)))
        spare.new_attempt().open_check_in()
        s_a, start = kiosks.run_a()
        args = kiosks.move_args(s_a, start)
        honest = kiosks.command(CommandKind.AUTHORISE_MOVE, "cmd-move-0011", args)
        # the envelope not signed by the center: the keeper refuses it, whatever the interface says
        unsigned = dataclasses.replace(honest, id="cmd-move-0012", envelope={
            **honest.envelope, "signatures": SignedEnvelope.create(honest.envelope["signed"],
                                                                   KeyPair.generate("x")).to_dict()["signatures"]})
        refused = spare.apply_move(unsigned)
        assert refused.disposition is Disposition.REFUSED and "not signed by this kiosk's center" in refused.detail
        assert s_a.attempt.attempt_id not in {r.attempt_id for r in custody.store.unfinished_attempts()}
        # the interface swaps the journal after the signature (a chain of its own making, that holds): the
        # keeper adopts the journal the center signed, and the session is rebuilt from that one
        plain = [{k: v for k, v in e.items() if k not in ("hash", "prev_hash")} for e in args["entries"]]
        assert plain[1]["kind"] == "checked-in"
        plain[1]["payload"] = {**plain[1]["payload"], "locale": "en"}
        forged = [e.to_dict() for e in link(s_a.attempt.attempt_id, [
            {**e, "hash": _hash(s_a.attempt.attempt_id, plain, n)} for n, e in enumerate(plain)])]
        swapped = dataclasses.replace(honest, args={**honest.args, "entries": forged,
                                                    "head": {"seq": forged[-1]["seq"], "hash": forged[-1]["hash"]}})
        from kiosk.link.moves import moved_events

        assert moved_events(swapped)[1].payload["locale"] == "en"  # it holds together: only the keeper can tell
        result = spare.apply_move(swapped)
        assert result.disposition is Disposition.APPLIED, result.detail
        assert spare.session.locale == s_a.locale == "fr"
        kept = keeper.store.open_attempt(s_a.attempt.attempt_id).events()
        assert [e.hash for e in kept[:len(s_a.events)]] == [e.hash for e in s_a.events]
        assert [e.hash for e in kept] == [e.hash for e in spare.session.events]
    finally:
        keeper.stop()


def _hash(attempt_id, plain, n):
    """The hash entry ``n`` of ``plain`` gets when the chain is rebuilt from its start."""
    from protocol.journal_chain import entry_hash, genesis_hash

    prev = genesis_hash(attempt_id)
    for entry in plain[:n + 1]:
        prev = entry_hash(entry["seq"], prev, entry["t_mono"], entry["t_wall"], entry["kind"], entry["payload"])
    return prev

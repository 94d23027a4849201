"""The bank an authorisation brings, hostile cases: each is refused with a clear reason, nothing of it is kept or
used, the authorisation waits unacknowledged (the console sends it again), and the kiosk journals the reason once."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest

from itembank.pbank import build_bank, open_bank
from itembank.synth import synthetic_bank
from kiosk.core.commands import CommandKind, RoomCommand
from kiosk.core.session import State
from kiosk.link.banks import BankDownloadError
from kiosk.link.delivery import BankDelivery, BankProblem
from protocol.keys import KeyPair, ScryptParams
from protocol.keywrap import unwrap_for_recipient, wrap_for_recipient
from protocol.room import BankDescriptor, bank_key_context
from tests.kiosk.test_link import Room

PASSPHRASE = "a practice passphrase"


@pytest.fixture(scope="module")
def bank(tmp_path_factory):
    publisher = KeyPair.generate("Éditeur")
    path = build_bank(synthetic_bank(40, seed=3, bank_id="synth"), tmp_path_factory.mktemp("bank") / "b.pbank",
                      publisher, passphrase=PASSPHRASE, scrypt=ScryptParams(n=2**14))
    with open_bank(path, [publisher.public], passphrase=PASSPHRASE) as opened:
        key = opened.content_key
    return path.read_bytes(), publisher, key


@pytest.fixture
def room(tmp_path, bank):
    room = Room(tmp_path)
    room.console.banks["synth"] = bank[0]
    yield room
    room.close()


def publisher_of(keys: KeyPair) -> dict[str, str]:
    return {"key_id": keys.public.signing_id, "name": keys.name, "ed25519": keys.public.public_dict()["ed25519"]}


def authorisation(room, bank, command_id="cmd-start-0001", *, data=None, publisher=None, wrapped_for=None,
                  context_id=None, key=None) -> RoomCommand:
    data = bank[0] if data is None else data
    descriptor = BankDescriptor("synth", hashlib.sha256(data).hexdigest(), len(data))
    wrapped = wrap_for_recipient(key or bank[2], (wrapped_for or room.device).public.wrapping,
                                 bank_key_context("synth", context_id or command_id))
    return RoomCommand(command_id, CommandKind.AUTHORISE_START, {"candidate_id": "cand-12"}, "Mme Dupont",
                       "2026-11-22T09:00:00+00:00", descriptor.to_dict(), wrapped,
                       publisher if publisher is not None else publisher_of(bank[1]))


def delivery(room, monotonic=None) -> BankDelivery:
    options = {"monotonic": monotonic} if monotonic is not None else {}
    return BankDelivery(room.tmp / "kiosk", lambda entry, context: unwrap_for_recipient(
        entry, room.device.wrapping_private, context), **options)


def test_the_bank_is_fetched_checked_and_opened_with_the_delivered_key_once(room, bank):
    banks = delivery(room)
    try:
        delivered = banks.prepare(room.connection, authorisation(room, bank))
        assert delivered.record["id"] == "synth" and delivered.bank.item(delivered.bank.metas[0].id)
        assert delivered.publisher_id == bank[1].public.signing_id and delivered.source["command"] == "cmd-start-0001"
        again = banks.prepare(room.connection, authorisation(room, bank, "cmd-resume-0002"))
        assert again.bank is delivered.bank and len(room.console.range_starts) == 1  # no second download
    finally:
        banks.close()


@pytest.mark.parametrize("case, message", [
    ("other publisher", "not published by a trusted publisher"),
    ("no publisher", "does not say which publisher"),
    ("publisher id of another key", "is not its key's"),
    ("key wrapped for another kiosk", "does not open with this kiosk's device key"),
    ("key of another command", "does not open with this kiosk's device key"),
    ("key of another bank", "does not open bank synth"),
])
def test_a_bank_that_is_not_the_one_named_is_refused(room, bank, case, message):
    other = KeyPair.generate("Autre")
    command = {
        "other publisher": lambda: authorisation(room, bank, publisher=publisher_of(other)),
        "no publisher": lambda: dataclasses.replace(authorisation(room, bank), publisher=None),
        "publisher id of another key": lambda: authorisation(
            room, bank, publisher={**publisher_of(bank[1]), "key_id": other.public.signing_id}),
        "key wrapped for another kiosk": lambda: authorisation(room, bank, wrapped_for=other),
        "key of another command": lambda: authorisation(room, bank, context_id="cmd-start-9999"),
        "key of another bank": lambda: authorisation(room, bank, key=bytes(32)),
    }[case]()
    banks = delivery(room)
    try:
        with pytest.raises(BankDownloadError, match=message):
            banks.prepare(room.connection, command)
        kept = list((room.tmp / "kiosk" / "banks").glob("*.pbank"))
        assert bool(kept) == (case == "key of another bank")  # a file no trusted publisher signed is not kept
    finally:
        banks.close()


def test_a_file_the_center_names_but_no_publisher_signed_is_discarded(room, bank):
    garbage = b"PBANK" + bytes(5000)  # what the console serves, and the descriptor it signed says just that
    room.console.banks["synth"] = garbage
    banks = delivery(room)
    with pytest.raises(BankDownloadError, match="the file was discarded"):
        banks.prepare(room.connection, authorisation(room, bank, data=garbage))
    assert not list((room.tmp / "kiosk" / "banks").glob("*.pbank*"))


def test_a_corrupted_download_is_refused_then_retried(room, bank):
    data = bytearray(bank[0])
    data[len(data) // 2] ^= 0xFF
    room.console.banks["synth"] = bytes(data)  # the wire (or the console's disk) flips a byte
    now = [100.0]
    banks = delivery(room, lambda: now[0])
    try:
        with pytest.raises(BankDownloadError, match="does not have the SHA-256"):
            banks.prepare(room.connection, authorisation(room, bank))
        assert not list((room.tmp / "kiosk" / "banks").glob("*.part"))
        room.console.banks["synth"] = bank[0]
        with pytest.raises(BankDownloadError, match="does not have the SHA-256"):  # the next sync: it waits
            banks.prepare(room.connection, authorisation(room, bank))
        assert len(room.console.range_starts) == 1
        now[0] += 2.0
        assert banks.prepare(room.connection, authorisation(room, bank)).record["id"] == "synth"
    finally:
        banks.close()


def test_the_worker_holds_the_authorisation_back_and_the_kiosk_journals_why_once(room, bank):
    """Through the worker and the link: a bank that fails leaves the session waiting and unacknowledged."""
    other = KeyPair.generate("Autre")
    room.worker._banks = banks = delivery(room)
    try:
        room.check_in()
        command = authorisation(room, bank, publisher=publisher_of(other))
        room.console.command("authorise-start", {"candidate_id": "cand-12"}, command_id=command.id,
                             bank=command.bank, wrapped_key=command.wrapped_key, publisher=command.publisher)
        for _ in range(3):
            room.round()
        s = room.session
        assert s.state is State.AWAITING_AUTHORISATION and s.bank_pending is False  # a local bank: the harness's
        problems = [e for e in s.events if e.kind == "guard" and e.payload["type"] == "room-bank-refused"]
        assert len(problems) == 1 and "trusted publisher" in problems[0].payload["reason"]
        assert problems[0].payload["severity"] == "warning"  # the console raises an alert on it
        assert [c.signed["id"] for c in room.console.pending] == [command.id]  # not acknowledged
        assert isinstance(room.link.bank_problem, BankProblem)
        assert len(room.console.range_starts) == 1  # not downloaded again at every sync: it waits, then retries
    finally:
        banks.close()


def test_a_forged_authorisation_never_reaches_the_bank_delivery(room, bank):
    room.worker._banks = banks = delivery(room)
    try:
        room.check_in()
        command = authorisation(room, bank)
        room.console.command("authorise-start", {"candidate_id": "cand-12"}, command_id=command.id,
                             signer=KeyPair.generate("impostor"), bank=command.bank, wrapped_key=command.wrapped_key,
                             publisher=command.publisher)
        room.round()
        assert room.console.range_starts == [] and room.worker.health.rejected_commands == 1
        assert room.session.state is State.AWAITING_AUTHORISATION
    finally:
        banks.close()


def test_under_custody_the_keeper_unwraps_the_delivered_key(room, bank, tmp_path):
    """The room exam as ``--exam --keeper`` builds it: the keeper holds the device key, the journal and the
    pairing; the interface downloads the bank and the keeper opens its key."""
    from kiosk.device import DEVICE_DIR, DeviceIdentity
    from kiosk.exam_room import build_room_exam
    from kiosk.link.pairing import save_pairing
    from tests.kiosk.test_keeper_protocol import Served
    from tests.kiosk.test_session import CANDIDATE

    folder = tmp_path / "keeper"
    keeper = Served(folder, DeviceIdentity(room.device))
    save_pairing(folder / DEVICE_DIR, room.pairing)
    custody = keeper.custody()
    kiosk = build_room_exam(tmp_path / "ui", custody.unlock_gate(), custody)
    try:
        s = kiosk.resume_or_start().session
        s.open_check_in()
        s.submit_check_in(CANDIDATE, "fr")
        command = authorisation(room, bank)
        room.console.command("authorise-start", {"candidate_id": "cand-12", "profile": "practice-short"},
                             command_id=command.id, bank=command.bank, wrapped_key=command.wrapped_key,
                             publisher=command.publisher)
        assert kiosk.room.worker.sync_once()
        kiosk.exam.tick()
        assert s.state is State.ENVIRONMENT_CHECK and s.attempt.bank["id"] == "synth" and s.length == 12
        assert not (tmp_path / "ui" / "journal.sqlite").exists()  # the journal is the keeper's
        assert [e.hash for e in keeper.store.open_attempt(s.attempt.attempt_id).events()] == \
            [e.hash for e in s.events]
    finally:
        kiosk.close()
        keeper.stop()

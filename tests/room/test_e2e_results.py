"""Results over the LAN end to end: the kiosk's worker sends a signed bundle, the real console verifies it
against the pinned key and its replica, replays it, counts the attempt's exposure and answers a signed
receipt the kiosk verifies before it marks the attempt delivered (issue 10)."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import pytest

from invigilator.core.center import Bank, TrustedPublisher
from itembank.cat import ItemPool
from itembank.pbank import build_bank, open_bank
from itembank.synth import synthetic_bank
from kiosk.link.results import RECEIPT_SUFFIX, LocalResultOutbox, deliver
from kiosk.link.transport import ConsoleConnection
from kiosk.outbox import outbox_dir
from protocol.bundle import bundle_id
from protocol.keys import KeyPair
from tests.room.conftest import Console, Kiosk, now, wait_for

_spec = importlib.util.spec_from_file_location("audit_cases", Path(__file__).parents[1] / "itembank" / "test_audit.py")
assert _spec is not None and _spec.loader is not None
audit_cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit_cases)  # the simulated attempts the audit's own tests use


class Marks:
    """Where the kiosk's journal store would record the verified receipt."""

    def __init__(self) -> None:
        self.verified: dict[str, str] = {}

    def mark_receipt_verified(self, attempt_id: str, receipt_ref: str) -> None:
        self.verified[attempt_id] = receipt_ref


@pytest.fixture(scope="module")
def opened(tmp_path_factory):
    publisher = KeyPair.generate("publisher")
    path = tmp_path_factory.mktemp("bank") / "bank.pbank"
    build_bank(synthetic_bank(320, seed=5), path, publisher, passphrase=audit_cases.PASSPHRASE)
    with open_bank(path, [publisher.public], passphrase=audit_cases.PASSPHRASE) as bank:
        yield bank, ItemPool(bank.metas, bank.framework), publisher


def test_the_bundle_goes_until_a_verified_receipt_and_the_attempt_is_counted_once(tmp_path, console: Console,
                                                                                   opened) -> None:
    bank, pool, publisher = opened
    assert console.store is not None
    t = now()
    console.store.sessions.trust_publisher(TrustedPublisher(publisher.public.signing_id, "Éditeur", "pub", t))
    console.store.sessions.add_bank(Bank(bank.id, "Synth", publisher.public.signing_id,
                                         hashlib.sha256(b"bank").hexdigest(), t))
    console.open_banks[bank.id] = bank
    marks = Marks()
    outbox = LocalResultOutbox(tmp_path / "kiosk-data", marks)
    kiosk = Kiosk(tmp_path, console, outbox=outbox)
    summary, steps = audit_cases.attempt(bank, pool, seed=3)
    envelope = audit_cases.sign(summary, steps, kiosk.device)
    attempt = envelope.signed["attempt_id"]
    folder = outbox_dir(tmp_path / "kiosk-data")
    folder.mkdir(parents=True)
    (folder / f"{attempt}.pbundle").write_bytes(envelope.to_bytes())
    kiosk.worker.start()
    try:
        kiosk.worker.deliver_later(attempt)
        receipt = wait_for(lambda: kiosk.worker.receipt(attempt), "the verified receipt", timeout=20)
        digest = bundle_id(envelope)
        assert receipt.bundle_sha256 == digest and receipt.kiosk == kiosk.id and receipt.attempt_id == attempt
        assert marks.verified == {attempt: f"console:{digest}"}
        assert (folder / f"{attempt}{RECEIPT_SUFFIX}").is_file()
        assert (console.data_dir / "results" / f"{digest}.bundle").read_bytes() == envelope.to_bytes()
        record = console.store.exposure.snapshot(bank.id)
        shown = {q["item_id"] for q in envelope.signed["questions"]}
        assert record.tests == 1 and {i for i, n in record.counts.items() if n} == shown
    finally:
        kiosk.worker.stop()
    # sent again (a kiosk that lost the record of its receipt): the same receipt, the attempt counted once
    connection = ConsoleConnection(kiosk.pairing, kiosk.signer)
    try:
        again = deliver(connection, outbox, attempt)
    finally:
        connection.close()
    assert again == receipt and console.store.exposure.snapshot(bank.id).tests == 1

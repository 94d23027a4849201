"""Results over the LAN: verified against the pinned key and the replica, replayed, kept once, receipted."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from conftest import Kiosk

from invigilator.core.alerts import AlertKind
from itembank.cat import ItemPool
from itembank.pbank import build_bank, open_bank
from itembank.synth import synthetic_bank
from protocol.bundle import bundle_id
from protocol.envelope import SignedEnvelope
from protocol.journal_chain import link
from protocol.keys import KeyPair
from protocol.room import PATH_RESULTS, ResultUpload, verify_receipt

_spec = importlib.util.spec_from_file_location("audit_cases", Path(__file__).parents[2] / "itembank" / "test_audit.py")
assert _spec is not None and _spec.loader is not None
audit_cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit_cases)  # the simulated attempts the audit's own tests use


@pytest.fixture(scope="module")
def opened(tmp_path_factory):
    publisher = KeyPair.generate("publisher")
    path = tmp_path_factory.mktemp("bank") / "bank.pbank"
    build_bank(synthetic_bank(320, seed=5), path, publisher, passphrase=audit_cases.PASSPHRASE)
    with open_bank(path, [publisher.public], passphrase=audit_cases.PASSPHRASE) as bank:
        yield bank, ItemPool(bank.metas, bank.framework)


def bundle_of(kiosk_keys, opened, **options) -> tuple[SignedEnvelope, list]:
    bank, pool = opened
    summary, steps = audit_cases.attempt(bank, pool, **options)
    envelope = audit_cases.sign(summary, steps, kiosk_keys)
    return envelope, link(summary["attempt_id"], audit_cases.chain(summary["attempt_id"], steps))


def post(kiosk, envelope):
    return kiosk.client.post(PATH_RESULTS, content=kiosk.signed(ResultUpload(envelope).to_dict(), path=PATH_RESULTS))


def test_a_faithful_bundle_gets_a_receipt_once_however_often_sent(room, kiosk, opened):
    room.open_banks[opened[0].id] = opened[0]
    envelope, entries = bundle_of(kiosk.keys, opened)
    attempt = envelope.signed["attempt_id"]
    assert kiosk.sync({attempt: entries[:5]}).status_code == 200  # the console already holds the start
    answer = post(kiosk, envelope)
    assert answer.status_code == 200, answer.text
    receipt = verify_receipt(SignedEnvelope.from_dict(answer.json()), room.center_keys.public, bundle_id(envelope))
    assert receipt.kiosk == kiosk.id and receipt.attempt_id == attempt
    assert (room.data_dir / "results" / f"{bundle_id(envelope)}.bundle").read_bytes() == envelope.to_bytes()
    again = post(kiosk, envelope)
    assert again.status_code == 200 and again.content == answer.content
    assert [e.hash for e in room.store.replicas.entries(kiosk.id, attempt)] == [e.hash for e in entries]


def test_a_bundle_signed_by_another_key_is_refused(room, kiosk, opened):
    room.open_banks[opened[0].id] = opened[0]
    envelope, _ = bundle_of(KeyPair.generate("fresh"), opened)  # intact under the key it carries, not the pinned one
    answer = post(kiosk, envelope)
    assert answer.status_code == 403 and "not by kiosk" in answer.json()["error"]
    assert not (room.data_dir / "results").exists()


def test_a_bundle_whose_journal_differs_from_the_replica_is_refused_with_an_alert(room, kiosk, opened):
    room.open_banks[opened[0].id] = opened[0]
    envelope, _ = bundle_of(kiosk.keys, opened, seed=7)
    _, other_entries = bundle_of(kiosk.keys, opened, seed=7, theta=-2.0)  # same attempt id, another journal
    attempt = envelope.signed["attempt_id"]
    kiosk.sync({attempt: other_entries[:-1]})
    answer = post(kiosk, envelope)
    assert answer.status_code == 409 and "does not continue" in answer.json()["error"]
    assert AlertKind.CHAIN_BREAK in {a.kind for a in room.store.alerts.alerts(open_only=True, kiosk_id=kiosk.id)}


def test_a_bundle_that_lies_about_its_answers_fails_the_replay(room, kiosk, opened):
    room.open_banks[opened[0].id] = opened[0]
    envelope, _ = bundle_of(kiosk.keys, opened, seed=11, lie=True)
    answer = post(kiosk, envelope)
    assert answer.status_code == 422 and "audit does not match" in answer.json()["error"]
    assert not (room.data_dir / "results").exists()


def test_without_the_bank_open_the_kiosk_is_told_to_send_again(room, kiosk, opened):
    envelope, _ = bundle_of(kiosk.keys, opened, seed=13)
    answer = post(kiosk, envelope)
    assert answer.status_code == 503 and "send it again" in answer.json()["error"]
    room.open_banks[opened[0].id] = opened[0]
    assert post(kiosk, envelope).status_code == 200


def test_results_on_postgresql(pg_room, opened):
    kiosk = Kiosk(pg_room)
    kiosk.enrol_ok()
    pg_room.open_banks[opened[0].id] = opened[0]
    envelope, entries = bundle_of(kiosk.keys, opened, seed=17)
    assert kiosk.sync({envelope.signed["attempt_id"]: entries[:4]}).status_code == 200
    first, again = post(kiosk, envelope), post(kiosk, envelope)
    assert first.status_code == again.status_code == 200 and first.content == again.content
    verify_receipt(SignedEnvelope.from_dict(first.json()), pg_room.center_keys.public, bundle_id(envelope))
    kiosk.close()


def test_a_verified_bundle_counts_its_attempt_in_the_banks_exposure_record_once(room, kiosk, opened):
    import datetime as dt
    import hashlib

    from invigilator.core.center import Bank, TrustedPublisher

    bank, _ = opened
    room.open_banks[bank.id] = bank
    t = dt.datetime.now(dt.UTC)
    publisher = KeyPair.generate("publisher").public.signing_id
    room.store.sessions.trust_publisher(TrustedPublisher(publisher, "Éditeur", "pub", t))
    room.store.sessions.add_bank(Bank(bank.id, "Synth", publisher, hashlib.sha256(b"bank").hexdigest(), t))
    envelope, _ = bundle_of(kiosk.keys, opened, seed=11)
    shown = {q["item_id"] for q in envelope.signed["questions"]}
    assert post(kiosk, envelope).status_code == 200
    assert post(kiosk, envelope).status_code == 200  # sent again: counted once
    record = room.store.exposure.snapshot(bank.id)
    assert record.tests == 1 and {i for i, n in record.counts.items() if n} == shown
    assert set(record.counts.values()) == {1}

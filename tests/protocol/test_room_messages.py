"""The room's messages: round trips keep unknown fields, readers name the bad field, signatures bind."""

from __future__ import annotations

import contextlib
import datetime as dt
import ssl

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from cryptography.x509.oid import NameOID
from hypothesis import given, settings
from hypothesis import strategies as st

from protocol.enrolment import code_verifier, enrolment_proof, normalise_code, proof_matches
from protocol.envelope import SignedEnvelope, verify
from protocol.errors import PinError, RoomMessageError
from protocol.journal_chain import ChainEntry, entry_hash, genesis_hash
from protocol.keys import KeyPair
from protocol.pinning import (
    enrolment_client_context,
    is_pin,
    load_certificate,
    pinned_client_context,
    spki_sha256,
)
from protocol.room import (
    PATH_SYNC,
    AttemptEntries,
    AttemptHead,
    BankDescriptor,
    ConsoleCertificateStatement,
    EnrolmentRequest,
    EnrolmentResponse,
    ErrorAnswer,
    ResultReceipt,
    ResultUpload,
    RoomRequest,
    SyncRequest,
    SyncResponse,
    decode,
    encode,
    read_enrolment,
    read_request,
    sign_document,
    verify_receipt,
)

T0 = dt.datetime(2026, 6, 15, 8, 30, tzinfo=dt.UTC)
PIN = "ab" * 32


@pytest.fixture(scope="module")
def device():
    return KeyPair.generate("kiosk")


@pytest.fixture(scope="module")
def center():
    return KeyPair.generate("center")


def entries(attempt: str, n: int) -> list[ChainEntry]:
    out, prev = [], genesis_hash(attempt)
    for seq in range(1, n + 1):
        h = entry_hash(seq, prev, seq * 1.0, T0.isoformat(), "answer", {"n": seq})
        out.append(ChainEntry(seq, prev, seq * 1.0, T0.isoformat(), "answer", {"n": seq}, h))
        prev = h
    return out


def sync_body() -> SyncRequest:
    return SyncRequest({"state": "question", "question": 3, "total": 32},
                       (AttemptEntries("att-1", tuple(entries("att-1", 3))),), ("cmd-0001",), {"later": [1]})


def request(device: KeyPair, **changes) -> RoomRequest:
    fields = dict(kiosk=device.public.signing_id, console=PIN, path=PATH_SYNC, counter=7, sent_at=T0,
                  body=sync_body().to_dict())
    fields.update(changes)
    return RoomRequest(**fields)


def test_request_round_trip_keeps_unknown_fields_and_verifies(device):
    signed = request(device).to_dict() | {"future": "kept"}
    envelope = SignedEnvelope.create(signed, device)
    parsed_env, parsed = read_request(envelope.to_bytes())
    assert parsed.extra == {"future": "kept"} and parsed.to_dict() == signed
    assert verify(parsed_env, [device.public], "pupitre/room-request")
    body = SyncRequest.from_dict(parsed.body)
    assert body == sync_body() and body.to_dict() == sync_body().to_dict()


def test_a_signing_function_makes_the_same_envelope(device):
    req = request(device)
    by_function = req.sign(device.sign, device.public.signing_id)
    assert by_function.to_bytes() == req.sign(device).to_bytes()
    with pytest.raises(ValueError, match="key id"):
        sign_document(req.to_dict(), device.sign)


@pytest.mark.parametrize(("change", "field"), [
    ({"kiosk": "not-a-key"}, "kiosk"),
    ({"console": "AB" * 32}, "console"),
    ({"path": "/etc/passwd"}, "path"),
    ({"counter": 0}, "counter"),
    ({"counter": True}, "counter"),
    ({"counter": 2**63}, "counter"),
    ({"sent_at": "2026-06-15T08:30:00"}, "sent_at"),
    ({"sent_at": "yesterday"}, "sent_at"),
    ({"body": []}, "body"),
    ({"version": 2}, "version"),
    ({"_type": "pupitre/room-command"}, "_type"),
])
def test_request_reader_names_the_bad_field(device, change, field):
    signed = request(device).to_dict() | change
    with pytest.raises(RoomMessageError, match=f"'{field}'"):
        RoomRequest.from_dict(signed)


def test_request_carries_one_signature_checked_against_the_named_kiosk(device):
    other = KeyPair.generate("other")
    envelope = SignedEnvelope.create(request(device).to_dict(), other)
    parsed_env, _ = read_request(envelope.to_bytes())  # parsed; the pinned key refuses it
    assert not verify(parsed_env, [device.public], "pupitre/room-request")
    envelope.add_signature(device)
    with pytest.raises(RoomMessageError, match="exactly one signature"):
        read_request(envelope.to_bytes())


@pytest.mark.parametrize(("body", "field"), [
    ({"status": "question"}, "status"),
    ({"status": {}, "attempts": {}}, "attempts"),
    ({"status": {}, "attempts": [{"attempt_id": "-bad", "entries": []}]}, "attempt_id"),
    ({"status": {}, "attempts": [{"attempt_id": "a", "entries": [{"seq": 1}]}]}, "t_mono"),
    ({"status": {}, "attempts": [{"attempt_id": "a", "entries": [{"t_mono": 10**400}]}]}, "t_mono"),
    ({"status": {}, "attempts": [{"attempt_id": "a", "entries": [{"t_mono": 1.0, "seq": "1"}]}]}, "seq"),
    ({"status": {}, "acknowledged": ["short"]}, "acknowledged"),
    ({"status": {}, "attempts": [{"attempt_id": "a", "entries": []}, {"attempt_id": "a", "entries": []}]},
     "twice"),
])
def test_sync_reader_names_the_bad_field(body, field):
    with pytest.raises(RoomMessageError, match=field):
        SyncRequest.from_dict(body)


def test_sync_response_round_trip(center):
    command = SignedEnvelope.create({"_type": "pupitre/room-command", "id": "cmd-0001"}, center)
    answer = SyncResponse(T0, (AttemptHead("att-1", 3, "0" * 64), AttemptHead("att-2", 0, "1" * 64, "gap")),
                          (command,), ("cmd-0002",))
    again = SyncResponse.from_dict(decode(encode(answer), "answer"))
    assert again.to_dict() == answer.to_dict() and verify(again.commands[0], [center.public], "pupitre/room-command")
    with pytest.raises(RoomMessageError, match="problem"):
        AttemptHead.from_dict({"attempt_id": "a", "seq": 0, "hash": "0" * 64, "problem": "lost"}, "head")


def test_enrolment_request_is_self_signed(device):
    enrol = EnrolmentRequest(device.public.public_dict(), "PC 12", PIN, "cd" * 32, T0)
    _, parsed = read_enrolment(enrol.sign(device).to_bytes())
    assert parsed == enrol and parsed.keys().signing_id == device.public.signing_id
    forged = SignedEnvelope.create(enrol.to_dict(), KeyPair.generate("thief"))
    with pytest.raises(RoomMessageError, match="not signed by the device key"):
        read_enrolment(forged.to_bytes())
    bad = enrol.to_dict() | {"public": {"ed25519": "AAAA", "x25519": "AAAA"}}
    with pytest.raises(RoomMessageError, match="32-byte"):
        EnrolmentRequest.from_dict(bad)


def test_enrolment_response_and_statement_round_trip(center):
    statement = SignedEnvelope.create(ConsoleCertificateStatement("C-1", PIN, T0).to_dict(), center)
    answer = EnrolmentResponse("0" * 32, "PC 12", "C-1", "Centre", center.public.public_dict(),
                               "-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n", statement, "cd" * 32)
    again = EnrolmentResponse.from_dict(decode(encode(answer), "answer"))
    assert again == answer and again.center_keys().signing_id == center.public.signing_id
    assert ConsoleCertificateStatement.from_dict(again.certificate_statement.signed).spki_sha256 == PIN
    with pytest.raises(RoomMessageError, match="certificate_pem"):
        EnrolmentResponse.from_dict(answer.to_dict() | {"certificate_pem": "hello"})


def test_receipt_binds_the_bundle(center):
    receipt = ResultReceipt("C-1", "0" * 32, "att-1", "ef" * 32, "23456-789BC", T0)
    envelope = SignedEnvelope.create(receipt.to_dict(), center)
    assert verify_receipt(envelope, center.public, "ef" * 32) == receipt
    with pytest.raises(RoomMessageError, match="not the bundle sent"):
        verify_receipt(envelope, center.public, "ee" * 32)
    with pytest.raises(RoomMessageError, match="untrusted"):
        verify_receipt(SignedEnvelope.create(receipt.to_dict(), KeyPair.generate("x")), center.public, "ef" * 32)


def test_bank_descriptor_and_upload_and_error(device):
    bank = BankDescriptor("demo-1", "ab" * 32, 1234)
    assert BankDescriptor.from_dict(bank.to_dict()) == bank and bank.path == "/v1/banks/demo-1"
    with pytest.raises(RoomMessageError, match="path"):
        BankDescriptor.from_dict(bank.to_dict() | {"path": "/v1/banks/other"})
    upload = ResultUpload(SignedEnvelope.create({"_type": "pupitre/result-bundle"}, device))
    assert ResultUpload.from_dict(decode(encode(upload), "u")).to_dict() == upload.to_dict()
    assert ErrorAnswer.from_dict(ErrorAnswer("replayed", 9).to_dict()) == ErrorAnswer("replayed", 9)


def test_decode_refuses_what_is_not_canonical():
    with pytest.raises(RoomMessageError, match="canonical"):
        decode(b'{"b":1, "a":2}', "sync")
    with pytest.raises(RoomMessageError, match=r"nested (too deeply|deeper than)"):
        decode(b"[" * 100000 + b"]" * 100000, "sync")


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                  max_size=4), max_leaves=20))
def test_readers_raise_only_room_message_errors(value):
    for reader in (RoomRequest.from_dict, SyncRequest.from_dict, SyncResponse.from_dict, EnrolmentRequest.from_dict,
                   EnrolmentResponse.from_dict, ResultReceipt.from_dict, BankDescriptor.from_dict,
                   ResultUpload.from_dict):
        with contextlib.suppress(RoomMessageError):
            reader(value)


# -- enrolment proofs (moved from the console, shared with the kiosk) ------------------------------------
def test_proofs_bind_code_key_and_pin():
    verifier = code_verifier("bcdf 2346")
    assert verifier == code_verifier("BCDF-2346") and normalise_code(" bc-df ") == "BCDF"
    proof = enrolment_proof(verifier, "kiosk", "key", PIN)
    assert proof_matches(verifier, "kiosk", "key", PIN, proof)
    assert not proof_matches(verifier, "kiosk", "key", "cd" * 32, proof)
    assert not proof_matches(verifier, "console", "key", PIN, proof)


def test_console_codes_module_uses_the_shared_functions():
    from invigilator.core import codes

    assert codes.code_verifier is code_verifier and codes.enrolment_proof is enrolment_proof


# -- pinning ------------------------------------------------------------------------------------------------
def self_signed(key: ec.EllipticCurvePrivateKey, days: int = 1) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test")])
    return (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(T0 - dt.timedelta(days=1))
            .not_valid_after(T0 + dt.timedelta(days=days)).sign(key, hashes.SHA256()))


def test_pin_is_the_spki_hash_and_survives_reissue():
    import hashlib

    key = ec.generate_private_key(ec.SECP256R1())
    first, second = self_signed(key), self_signed(key, days=30)
    expected = hashlib.sha256(key.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo))
    assert spki_sha256(first) == expected.hexdigest() == spki_sha256(second.public_bytes(Encoding.PEM).decode())
    assert spki_sha256(first.public_bytes(Encoding.DER)) == expected.hexdigest() and is_pin(spki_sha256(first))
    assert spki_sha256(self_signed(ec.generate_private_key(ec.SECP256R1()))) != spki_sha256(first)
    with pytest.raises(PinError, match="not a valid"):
        load_certificate(b"garbage")


def test_client_contexts_are_tls13_and_pinned_one_trusts_only_the_pin():
    cert = self_signed(ec.generate_private_key(ec.SECP256R1()))
    pinned = pinned_client_context(cert.public_bytes(Encoding.PEM).decode())
    assert pinned.minimum_version is ssl.TLSVersion.TLSv1_3 and pinned.verify_mode is ssl.CERT_REQUIRED
    assert pinned.cert_store_stats()["x509"] == 1 and not pinned.check_hostname
    assert enrolment_client_context().verify_mode is ssl.CERT_NONE

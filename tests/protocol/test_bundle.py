"""The journal chain, the result bundle and its receipt code: named valid and tampered cases."""

import copy
import datetime as dt
import re

import pytest

from protocol.bundle import (
    BUNDLE_TYPE,
    RECEIPT_ALPHABET,
    BundleError,
    BundleVerificationError,
    ResultBundle,
    bundle_id,
    make_bundle,
    normalise_receipt_code,
    read_bundle,
    receipt_code,
    receipt_matches,
    verify_bundle,
    verify_bundle_or_raise,
)
from protocol.envelope import SignedEnvelope
from protocol.errors import EnvelopeFormatError
from protocol.journal_chain import ChainEntry, check_chain, entry_hash, genesis_hash, link
from protocol.keys import KeyPair, signing_key_id

NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)
BANK = {"id": "demo-crcn", "version": 3, "manifest_sha256": "ab" * 32}
PROFILE = {"name": "certification", "length": 2}
CANDIDATE = {"last_name": "Martin", "first_name": "Léa", "birth_date": "2009-05-17", "session_number": "12345",
             "access_code": "PVXB89"}


@pytest.fixture(scope="module")
def device():
    return KeyPair.generate("kiosk-07")


@pytest.fixture(scope="module")
def other():
    return KeyPair.generate("kiosk-99")


def chain(attempt_id, steps):
    """Entries as a kiosk journal writes them: ``steps`` is a list of (kind, payload)."""
    entries, prev = [], genesis_hash(attempt_id)
    for seq, (kind, payload) in enumerate(steps, start=1):
        t_mono, t_wall = 100.0 + seq * 1.5, f"2026-11-22T09:{seq:02d}:00+00:00"
        digest = entry_hash(seq, prev, t_mono, t_wall, kind, payload)
        entries.append(ChainEntry(seq, prev, t_mono, t_wall, kind, payload, digest))
        prev = digest
    return entries


def exam(attempt_id="att-1", device_name="kiosk-07"):
    """The journal and summary of a short exam: two answers, one neutralised question."""
    result = {"score": 212, "level": "novice-2", "competences": {"1.1": 2}, "status": "pending"}
    steps = [
        ("attempt-created", {"attempt_id": attempt_id, "mode": "exam", "seed": 42, "bank": BANK, "profile": PROFILE,
                             "device": device_name, "elapsed": 0.0}),
        ("checked-in", {"candidate": CANDIDATE, "locale": "fr", "elapsed": 0.0, "_salt": "c2FsdA=="}),
        ("test-started", {"length": 2, "allowed_s": 600.0, "elapsed": 0.0}),
        ("question-shown", {"number": 1, "item_id": "1.1-a", "order": ["A", "B"], "elapsed": 0.0}),
        ("answered", {"number": 1, "item_id": "1.1-a", "response": "A", "outcome": "ok", "duration_s": 20.5,
                      "focus_out_s": 0.0, "elapsed": 20.5}),
        ("question-shown", {"number": 2, "item_id": "4.1-b", "order": ["B", "A"], "elapsed": 20.5}),
        ("problem-reported", {"number": 2, "item_id": "4.1-b", "comment": "", "elapsed": 30.0}),
        ("problem-resolved", {"number": 2, "item_id": "4.1-b", "validated": True, "by": "inv", "elapsed": 30.0}),
        ("question-shown", {"number": 2, "item_id": "2.1-c", "order": [], "elapsed": 30.0}),
        ("answered", {"number": 2, "item_id": "2.1-c", "response": {"f1": "ctrl+c"}, "outcome": "ko",
                      "duration_s": 12.0, "focus_out_s": 1.25, "elapsed": 42.0}),
        ("finished", {"reason": "completed", "by": "", "treated": 2, "result": result, "elapsed": 42.0}),
    ]
    events = chain(attempt_id, steps)
    summary = {
        "attempt_id": attempt_id, "mode": "exam", "seed": 42, "device": device_name, "bank": BANK,
        "profile": PROFILE, "candidate": CANDIDATE, "locale": "fr",
        "questions": [
            {"number": 1, "item_id": "1.1-a", "competence": "1.1", "outcome": "ok", "response": "A",
             "duration_s": 20.5, "focus_out_s": 0.0},
            {"number": 2, "item_id": "4.1-b", "competence": "4.1", "outcome": "neutralised", "response": None,
             "duration_s": 9.5, "focus_out_s": 0.0},
            {"number": 2, "item_id": "2.1-c", "competence": "2.1", "outcome": "ko", "response": {"f1": "ctrl+c"},
             "duration_s": 12.0, "focus_out_s": 1.25},
        ],
        "time": {"allowed_s": 600.0, "extra_s": 0.0, "used_s": 42.0, "compensated_s": 0.0},
        "end_reason": "completed", "result": result,
    }
    return summary, events


# -- the chain ------------------------------------------------------------------------------------
def test_genesis_binds_the_attempt_and_hash_covers_every_field():
    assert genesis_hash("att-1") != genesis_hash("att-2")
    base = (1, genesis_hash("a"), 1.5, "2026-11-22T09:00:00+00:00", "guard", {"x": 1})
    digest = entry_hash(*base)
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    for index, changed in enumerate([2, "0" * 64, 1.25, "2026-11-22T09:00:01+00:00", "answered", {"x": 2}]):
        altered = list(base)
        altered[index] = changed
        assert entry_hash(*altered) != digest, f"field {index} is not covered"


def test_a_sound_chain_checks_and_link_fills_prev_hash():
    _, events = exam()
    result = check_chain("att-1", events, expected_head=events[-1].hash)
    assert result.ok and result.head == events[-1].hash and result.length == len(events)
    plain = [{k: v for k, v in e.to_dict().items() if k != "prev_hash"} for e in events]
    assert link("att-1", plain) == events
    assert check_chain("att-1", []).head == genesis_hash("att-1")


def _edit(events, index, **changes):
    events[index] = ChainEntry(**{**events[index].__dict__, **changes})


def _swap(events):
    events[3], events[4] = events[4], events[3]


def _delete(events):
    del events[4]


def _insert(events):
    forged = chain("att-1", [("guard", {"x": 1})])[0]
    events.insert(4, ChainEntry(5, events[3].hash, 1.0, None, "guard", {}, forged.hash))


CHAIN_TAMPERS = [
    ("payload edited", lambda ev: _edit(ev, 4, payload={**ev[4].payload, "outcome": "ko"}), 5, "content was changed"),
    ("kind edited", lambda ev: _edit(ev, 2, kind="guard"), 3, "content was changed"),
    ("time edited", lambda ev: _edit(ev, 6, t_wall="2026-11-22T08:00:00+00:00"), 7, "content was changed"),
    ("edited and re-hashed", lambda ev: _edit(ev, 4, payload={}, hash=entry_hash(5, ev[4].prev_hash, ev[4].t_mono,
                                                                                  ev[4].t_wall, "answered", {})),
     6, "does not follow"),
    ("two entries swapped", _swap, 5, "where entry 4 belongs"),
    ("entry deleted", _delete, 6, "where entry 5 belongs"),
    ("entry inserted", _insert, 5, "content was changed"),
    ("last entry cut", lambda ev: ev.pop(), 11, "removed from or added at the end"),
]


@pytest.mark.parametrize(("name", "tamper", "first_bad", "reason"), CHAIN_TAMPERS, ids=[c[0] for c in CHAIN_TAMPERS])
def test_tampered_chains_name_the_first_bad_entry(name, tamper, first_bad, reason):
    _, events = exam()
    head = events[-1].hash
    events = list(events)
    tamper(events)
    result = check_chain("att-1", events, expected_head=head)
    assert not result.ok
    assert result.first_bad_seq == first_bad
    assert reason in result.reason


def test_a_chain_is_not_valid_for_another_attempt():
    _, events = exam()
    result = check_chain("att-2", events)
    assert not result.ok and result.first_bad_seq == 1


# -- receipt codes --------------------------------------------------------------------------------
def test_receipt_code_is_short_readable_and_stable():
    ident = "0f" * 32
    code = receipt_code(ident)
    assert re.fullmatch(rf"[{RECEIPT_ALPHABET}]{{5}}-[{RECEIPT_ALPHABET}]{{5}}", code)
    assert receipt_code(ident) == code
    assert normalise_receipt_code(code.lower().replace("-", " ")) == code
    assert receipt_matches(f" {code.lower()} ", ident)
    assert not receipt_matches(code, "1f" * 32)


def test_receipt_codes_of_different_bundles_differ():
    import hashlib

    codes = {receipt_code(hashlib.sha256(str(i).encode()).hexdigest()) for i in range(5000)}
    assert len(codes) == 5000
    assert not set("".join(codes)) - set(RECEIPT_ALPHABET + "-")


# -- making and verifying bundles -----------------------------------------------------------------
def test_make_and_verify_a_bundle(device):
    summary, events = exam()
    envelope = make_bundle(summary, events, device, NOW)
    assert envelope.type == BUNDLE_TYPE
    signed = envelope.signed
    assert signed["journal_head"] == events[-1].hash and signed["device_key_id"] == device.public.signing_id
    assert signed["session"] == "12345" and signed["bank"] == BANK and signed["seed"] == 42
    assert [e["prev_hash"] for e in signed["events"]][:1] == [genesis_hash("att-1")]
    result = verify_bundle(envelope, [device.public])
    assert result.ok, result.reasons
    assert result.attempt_id == "att-1" and result.signer == device.public.signing_id
    assert verify_bundle_or_raise(envelope, [device.public.signing]).bundle_id == bundle_id(envelope)


def test_bundle_id_survives_a_trip_through_bytes_and_unknown_fields_are_kept(device):
    summary, events = exam()
    summary["incidents"] = [{"category": "technical", "note": "écran"}]
    envelope = make_bundle(summary, events, device, NOW)
    data = envelope.to_bytes()
    again = read_bundle(data)
    assert bundle_id(again) == bundle_id(data) == bundle_id(envelope)
    model = ResultBundle.from_dict(again.signed)
    assert model.extra == {"incidents": summary["incidents"]}
    assert model.to_dict() == again.signed
    assert verify_bundle(again, [device.public]).ok


def test_events_may_be_plain_mappings_or_objects_with_to_dict(device):
    summary, events = exam()
    as_dicts = [{k: v for k, v in e.to_dict().items() if k != "prev_hash"} for e in events]
    assert make_bundle(summary, as_dicts, device, NOW).signed == make_bundle(summary, events, device, NOW).signed


def _resign(signer):
    def change(envelope, mutate):
        mutate(envelope.signed)
        return SignedEnvelope.create(envelope.signed, signer)
    return change


def _drop_event(signed, kind):
    signed["events"] = [e for e in signed["events"] if e["kind"] != kind]


BUNDLE_TAMPERS = [
    # (name, mutate signed, re-sign with the device key?, fragment of a reason, which check fails)
    ("outcome changed, not re-signed", lambda s: s["questions"][0].update(outcome="ko"), False, "does not match",
     "signature"),
    ("outcome changed and re-signed", lambda s: s["questions"][0].update(outcome="ko"), True,
     "question 1 (1.1-a): outcome differ", "contents"),
    ("response changed", lambda s: s["questions"][2].update(response={"f1": "cmd+c"}), True, "response differ",
     "contents"),
    ("a question dropped", lambda s: s["questions"].pop(1), True, "lists 2 questions, the journal records 3",
     "contents"),
    ("score raised", lambda s: s["result"].update(score=900), True, "result differs", "contents"),
    ("end reason changed", lambda s: s.update(end_reason="time-up"), True, "end_reason differs", "contents"),
    ("candidate changed", lambda s: s["candidate"].update(last_name="Durand"), True, "candidate or locale",
     "contents"),
    ("seed changed", lambda s: s.update(seed=7), True, "seed differs", "contents"),
    ("bank changed", lambda s: s.update(bank={**BANK, "version": 4}), True, "bank differs", "contents"),
    ("answer event removed", lambda s: _drop_event(s, "answered"), True, "where entry", "chain"),
    ("event payload edited", lambda s: s["events"][4]["payload"].update(outcome="ko"), True, "content was changed",
     "chain"),
    ("journal head moved", lambda s: s.update(journal_head="0" * 64), True, "recorded head", "chain"),
    ("attempt id changed", lambda s: s.update(attempt_id="att-2"), True, "does not follow", "chain"),
]


@pytest.mark.parametrize(("name", "mutate", "resign", "fragment", "check"), BUNDLE_TAMPERS,
                         ids=[c[0] for c in BUNDLE_TAMPERS])
def test_tampered_bundles_fail_verification(device, name, mutate, resign, fragment, check):
    summary, events = exam()
    envelope = make_bundle(summary, events, device, NOW)
    if resign:
        envelope = _resign(device)(envelope, mutate)
    else:
        mutate(envelope.signed)
    result = verify_bundle(envelope, [device.public])
    assert not result.ok
    assert any(fragment in r for r in result.reasons), result.reasons
    assert {"signature": result.signature_ok, "chain": result.chain_ok, "contents": result.consistent}[check] is False
    with pytest.raises(BundleVerificationError, match="result bundle: "):
        verify_bundle_or_raise(envelope, [device.public])


def test_bundle_by_an_untrusted_device_or_naming_another_device(device, other):
    summary, events = exam()
    foreign = make_bundle(summary, events, other, NOW)
    result = verify_bundle(foreign, [device.public])
    assert not result.ok and not result.signature_ok and "untrusted" in result.reasons[0]
    impostor = make_bundle(summary, events, other, NOW)
    impostor.signed["device_key_id"] = device.public.signing_id
    impostor = SignedEnvelope.create(impostor.signed, other)
    result = verify_bundle(impostor, [device.public, other.public])
    assert not result.signature_ok and "names device key" in " ".join(result.reasons)


def test_the_bundle_carries_its_signers_public_key(device, other):
    summary, events = exam()
    envelope = make_bundle(summary, events, device, NOW)
    bundle = ResultBundle.from_dict(envelope.signed)
    assert envelope.signed["device_key"] == device.public.public_dict()
    assert signing_key_id(bundle.embedded_signing_key()) == device.public.signing_id
    assert verify_bundle(envelope, [bundle.embedded_signing_key()]).ok
    # a bundle made before the key was embedded still reads, round trips and verifies
    older = copy.deepcopy(envelope.signed)
    del older["device_key"]
    model = ResultBundle.from_dict(older)
    assert model.device_key is None and model.embedded_signing_key() is None and model.to_dict() == older
    assert verify_bundle(SignedEnvelope.create(older, device), [device.public]).ok
    # a key that is not the one the bundle names is a contents failure, even when the signature is good
    swapped = copy.deepcopy(envelope.signed)
    swapped["device_key"] = other.public.public_dict()
    result = verify_bundle(SignedEnvelope.create(swapped, device), [device.public])
    assert result.signature_ok and not result.consistent
    assert any("embedded device key" in r for r in result.reasons)
    with pytest.raises(BundleError, match="not the key the bundle names"):
        ResultBundle.from_dict(swapped).embedded_signing_key()
    swapped["device_key"] = {"ed25519": "not base64!"}
    with pytest.raises(BundleError, match="embedded device key is not valid"):
        ResultBundle.from_dict(swapped).embedded_signing_key()


MALFORMED = [
    ("wrong type", lambda s: s.update(_type="pupitre/other"), "expected a 'pupitre/result-bundle'"),
    ("future format", lambda s: s.update(format=2), "format 2 is not supported"),
    ("missing journal head", lambda s: s.pop("journal_head"), "'journal_head' is missing"),
    ("seed as text", lambda s: s.update(seed="42"), "'seed' has the wrong type"),
    ("bank without its hash", lambda s: s["bank"].pop("manifest_sha256"), "bank.manifest_sha256 is missing"),
    ("event without hash", lambda s: s["events"][2].pop("hash"), "event 3: field 'hash'"),
    ("question not a mapping", lambda s: s["questions"].append(7), "question 4 is not a mapping"),
    ("device key as text", lambda s: s.update(device_key="AAAA"), "'device_key' has the wrong type"),
]


@pytest.mark.parametrize(("name", "mutate", "fragment"), MALFORMED, ids=[c[0] for c in MALFORMED])
def test_malformed_bundles_are_reported_not_crashed_on(device, name, mutate, fragment):
    summary, events = exam()
    envelope = make_bundle(summary, events, device, NOW)
    signed = copy.deepcopy(envelope.signed)
    mutate(signed)
    result = verify_bundle(SignedEnvelope.create(signed, device), [device.public])
    assert not result.ok and not result.chain_ok
    assert any(fragment in r for r in result.reasons), result.reasons


def test_every_flipped_byte_of_a_bundle_file_is_caught(device):
    summary, events = exam()
    data = make_bundle(summary, events, device, NOW).to_bytes()
    for position in range(0, len(data), max(1, len(data) // 300)):
        flipped = bytearray(data)
        flipped[position] ^= 0x01
        try:
            envelope = read_bundle(bytes(flipped))
        except EnvelopeFormatError:
            continue
        assert not verify_bundle(envelope, [device.public]).ok, f"byte {position} changed unnoticed"


MAKE_REFUSALS = [
    ("broken chain", lambda summary, events: (summary, [events[0], *events[2:]]), "where entry 2 belongs"),
    ("empty journal", lambda summary, events: (summary, []), "the journal is empty"),
    ("summary without questions", lambda summary, events: ({k: v for k, v in summary.items() if k != "questions"},
                                                           events), "the summary lacks questions"),
    ("bank without manifest hash", lambda summary, events: ({**summary, "bank": {"id": "x", "version": 1}}, events),
     "bank.manifest_sha256 is missing"),
    ("non-canonical value", lambda summary, events: ({**summary, "result": {"score": float("nan")}}, events),
     "no canonical encoding"),
]


@pytest.mark.parametrize(("name", "change", "fragment"), MAKE_REFUSALS, ids=[c[0] for c in MAKE_REFUSALS])
def test_make_bundle_refuses(device, name, change, fragment):
    summary, events = change(*exam())
    with pytest.raises(BundleError, match=re.escape(fragment)):
        make_bundle(summary, events, device, NOW)


def test_make_bundle_needs_an_aware_time(device):
    with pytest.raises(BundleError, match="timezone-aware"):
        make_bundle(*exam(), device, dt.datetime(2026, 11, 22, 10, 0))


def test_an_event_with_a_value_that_has_no_canonical_form_never_reaches_the_unchecked_chain(device):
    """verify_bundle encodes each entry without checking its values again, because the whole document's
    canonical encoding has just succeeded: a value without one stops the verification before that."""
    from protocol.errors import CanonicalEncodingError

    summary, events = exam()
    envelope = make_bundle(summary, events, device, NOW)
    for bad in ({1: "an int key"}, float("nan"), b"bytes"):
        forged = copy.deepcopy(envelope)
        forged.signed["events"][1]["payload"]["x"] = bad
        with pytest.raises(CanonicalEncodingError):
            verify_bundle(forged, [device.public])


def test_the_unchecked_entry_encoding_gives_the_checked_bytes(device):
    from protocol.journal_chain import entry_bytes

    summary, events = exam()
    signed = read_bundle(make_bundle(summary, events, device, NOW).to_bytes()).signed
    for raw in signed["events"]:
        fields = (raw["seq"], raw["prev_hash"], raw["t_mono"], raw["t_wall"], raw["kind"], raw["payload"])
        assert entry_bytes(*fields, checked=True) == entry_bytes(*fields)
    altered = copy.deepcopy(signed)
    altered["events"][2]["payload"]["changed"] = True
    chain = check_chain("att-1", [ChainEntry.from_dict(e) for e in altered["events"]], checked=True)
    assert not chain.ok and "does not match its hash" in chain.reason

"""The session package and the hub's receipt: built, read back, and refused when altered."""

import copy
import datetime as dt
import json

import pytest

from protocol.bundle import bundle_id, make_bundle
from protocol.canonical import canonical_bytes
from protocol.envelope import SignedEnvelope
from protocol.keys import KeyPair
from protocol.registry import DeviceEntry, raw_public, sign_registry
from protocol.session_package import (
    MAX_PACKAGE_BYTES,
    PackageError,
    build_package,
    make_receipt,
    package_id,
    read_package,
    verify_receipt,
)
from tests.protocol.test_bundle import NOW, exam

PDF = b"%PDF-1.4\n% a session report\n%%EOF\n"


@pytest.fixture(scope="module")
def center():
    return KeyPair.generate("center-0750001A")


@pytest.fixture(scope="module")
def kiosk():
    return KeyPair.generate("kiosk-07")


@pytest.fixture(scope="module")
def parts(center, kiosk):
    summary, events = exam("att-1")
    bundle = make_bundle(summary, events, kiosk, NOW)
    device = DeviceEntry(kiosk.public.signing_id, "PC-07", raw_public(kiosk.public.signing), NOW)
    registry = sign_registry("0750001A", [device], NOW, center)
    return bundle, registry


def package(center, parts, **changes):
    bundle, registry = parts
    args = dict(
        center_keys=center, center_id="0750001A", center_name="Lycée Victor Hugo",
        session={"id": "2026-0615-B12", "date": "2026-06-15", "room": "Salle B12", "invigilators": ["Mme Roy"],
                 "bank": {"id": "demo-crcn", "sha256": "ab" * 32}, "profile": "certification",
                 "finalised_by": "Mme Roy"},
        results=[{"attempt": "att-1", "bundle": bundle_id(bundle), "outcome": "finished",
                  "candidate": {"external_id": "INE-1", "last_name": "Martin", "first_name": "Léa",
                                "birth_date": "2009-05-17"},
                  "score": 212, "level": "novice-2", "abort_reason": None, "comment": ""},
                 {"attempt": "att-2", "bundle": None, "outcome": "aborted",
                  "candidate": {"external_id": "INE-2", "last_name": "N'Diaye", "first_name": "Awa",
                                "birth_date": "2008-03-17"},
                  "score": None, "level": None, "abort_reason": "malaise", "comment": "left at question 3"}],
        bundles=[bundle], registry=registry,
        incidents=[{"at": "2026-06-15T09:12:00Z", "category": "technical", "reason": "power", "kiosk": "PC-07",
                    "attempt": None, "note": "power cut, 4 minutes", "by": "Mme Roy"}],
        comment="Quiet session.", report_pdf=PDF, created_at=NOW)
    args.update(changes)
    return build_package(**args)


def resign(data, center, change):
    envelope = SignedEnvelope.from_bytes(data)
    change(envelope.signed)
    return SignedEnvelope.create(envelope.signed, center).to_bytes()


def test_built_then_read_back_whole(center, parts):
    data = package(center, parts)
    read = read_package(data, center_key=center.public)
    assert read.id == package_id(data)
    assert read.center_id == "0750001A" and read.session_id == "2026-0615-B12"
    assert [r.outcome for r in read.results] == ["finished", "aborted"]
    assert read.bundle(read.results[0].bundle) is not None
    assert read.report_pdf == PDF
    assert read.incidents[0]["category"] == "technical"


def test_the_same_inputs_make_the_same_package(center, parts):
    assert package(center, parts) == package(center, parts)


def test_another_centers_key_or_an_altered_byte_is_refused(center, parts):
    data = package(center, parts)
    with pytest.raises(PackageError, match="not signed by the center"):
        read_package(data, center_key=KeyPair.generate("other").public)
    altered = data.replace(b"Quiet session.", b"Quiet session!")
    with pytest.raises(PackageError, match=r"not signed by the center|altered"):
        read_package(altered, center_key=center.public)


@pytest.mark.parametrize(("change", "message"), [
    (lambda s: s["results"][0].update(bundle="cd" * 32), "does not hold"),
    (lambda s: s["results"][1].update(abort_reason=None), "abort reason"),
    (lambda s: s["results"][0].update(outcome="won"), "outcome"),
    (lambda s: s["results"].append(copy.deepcopy(s["results"][0])), "listed twice"),
    (lambda s: s["bundles"].append(copy.deepcopy(s["bundles"][0])), "twice"),
    (lambda s: s["session"].update(date="15/06/2026"), "session.date"),
    (lambda s: s["session"].update(invigilators=[]), "invigilators"),
    (lambda s: s["report"].update(pdf="QUJD"), "does not match"),
    (lambda s: s["incidents"][0].update(at="yesterday"), r"incidents\[0\].at"),
    (lambda s: s.update(format=2), "update Pupitre"),
    (lambda s: s["results"][0]["candidate"].pop("birth_date"), "birth_date"),
])
def test_a_package_of_the_wrong_shape_names_the_field(center, parts, change, message):
    data = resign(package(center, parts), center, change)
    with pytest.raises(PackageError, match=message):
        read_package(data, center_key=center.public)


def test_hostile_bytes_give_one_clear_error(center, parts):
    for data in (b"", b"\xff\xfe", b"[" * 100_000, json.dumps({"signed": 1}).encode(),
                 canonical_bytes({"signed": {"_type": "pupitre/result-bundle"}, "signatures": []}),
                 package(center, parts)[:-10]):
        with pytest.raises(PackageError):
            read_package(data)


def test_an_oversized_package_is_refused_unread(monkeypatch):
    monkeypatch.setattr("protocol.session_package.MAX_PACKAGE_BYTES", 10)
    with pytest.raises(PackageError, match="more than"):
        read_package(b"x" * 11)
    assert MAX_PACKAGE_BYTES > 100 * 1024 * 1024


def test_a_receipt_verifies_for_its_package_only(center, parts):
    hub = KeyPair.generate("hub")
    pid = package_id(package(center, parts))
    receipt = make_receipt(package=pid, center="0750001A", session="2026-0615-B12", candidates=2,
                           stored_at=NOW + dt.timedelta(days=1), hub_name="hub.example", hub_keys=hub)
    assert verify_receipt(receipt, hub_key=hub.public, package=pid).candidates == 2
    with pytest.raises(PackageError, match="another package"):
        verify_receipt(receipt, hub_key=hub.public, package="00" * 32)
    with pytest.raises(PackageError, match="hub's key"):
        verify_receipt(receipt, hub_key=center.public, package=pid)
    with pytest.raises(PackageError):
        verify_receipt(receipt[:-3], hub_key=hub.public, package=pid)


def test_reading_keeps_the_bytes_of_the_signed_parts_exactly(center, parts):
    """The bytes kept from reading (what the hub checks the signatures on, what the ids hash) are the ones the
    documents encode to."""
    read = read_package(package(center, parts))
    assert read.signed_bytes == read.envelope.signed_bytes()
    assert list(read.bundle_signed_bytes) == [b.signed_bytes() for b in read.bundles]
    assert list(read.bundle_ids) == [bundle_id(b.to_bytes()) for b in read.bundles]


def _encode_loosely(value):
    """JSON as a canonical encoder lays it out, without refusing what canonical form refuses."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


@pytest.mark.parametrize("alter", [
    lambda d: d.replace(b'"comment":', b'"comment" :', 1),                      # whitespace
    lambda d: d.replace(b"Quiet session.", b"Quiet session\\u002e"),             # an escape JSON reads the same
    lambda d: d[:-1] + b',"signed":{}}',                                           # a key twice
    lambda d: d.replace(b'{"id":"0750001A","name":"Lyc\xc3\xa9e Victor Hugo"}',
                        b'{"name":"Lyc\xc3\xa9e Victor Hugo","id":"0750001A"}'),      # keys out of order
    lambda d: d + b" ",                                                           # a byte after the end
])
def test_bytes_that_read_the_same_but_are_not_canonical_are_refused(center, parts, alter):
    data = package(center, parts)
    altered = alter(data)
    assert altered != data
    with pytest.raises(PackageError, match=r"canonical|not valid|altered|format"):
        read_package(altered)


def test_nesting_too_deep_inside_a_bundle_is_refused_as_in_a_whole_document(center, parts):
    """Each bundle is encoded apart, at its depth in the package: nesting that only the whole document
    makes too deep is still refused."""
    from protocol.canonical import MAX_DEPTH

    raw = json.loads(package(center, parts))
    deep = "x"
    for _ in range(MAX_DEPTH - 3):  # too deep at signed.bundles[0].signed.extra_field, not on its own
        deep = [deep]
    raw["signed"]["bundles"][0]["signed"]["extra_field"] = deep
    with pytest.raises(PackageError, match="deeper"):
        read_package(_encode_loosely(raw))
    with pytest.raises(Exception, match="deeper"):
        canonical_bytes(raw)  # the generic encoder refuses it too
    canonical_bytes(deep)  # … and accepts the part alone


def _inside_the_last_bundle(data, old, new):
    """``data`` with the first ``old`` after the last bundle's type replaced by ``new``."""
    at = data.find(old, data.rfind(b'"pupitre/result-bundle"'))
    assert at > 0
    return data[:at] + new + data[at + len(old):]


@pytest.mark.parametrize("alter", [
    lambda d: _inside_the_last_bundle(d, b'":', b'" :'),                 # whitespace in its signed part
    lambda d: _inside_the_last_bundle(d, b',"', b', "'),
    lambda d: _inside_the_last_bundle(d, b'"A', b'"\\u0041'),            # an escape JSON reads the same
], ids=["space-after-a-key", "space-after-a-comma", "escape"])
def test_non_canonical_bytes_inside_a_bundle_are_refused(center, parts, alter):
    """The fast reader assembles the package from its parts' bytes: a change inside one bundle's bytes that
    JSON reads the same is seen as well."""
    data = package(center, parts)
    altered = alter(data)
    assert altered != data and json.loads(altered) == json.loads(data)
    with pytest.raises(PackageError, match=r"canonical|not valid|altered|format"):
        read_package(altered)


def test_the_fast_reader_keeps_the_bytes_the_reference_reader_keeps(center, parts):
    from protocol import session_package
    from protocol.canonical import fast_load

    data = package(center, parts)
    loaded = fast_load(data)
    assert loaded is not None
    assert session_package._parts_of_loaded(loaded, data) == session_package._encode_parts(json.loads(data))
    assert session_package._parts_of_loaded(loaded, data + b" ") is None

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

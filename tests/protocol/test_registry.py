"""The center's device registry: canonical, signed, strict on every field; trust decided at a given time."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from protocol.canonical import canonical_bytes
from protocol.envelope import SignedEnvelope
from protocol.errors import RegistryError
from protocol.keys import KeyPair
from protocol.registry import (
    REGISTRY_TYPE,
    DeviceEntry,
    DeviceRegistry,
    device_trust,
    device_trust_or_raise,
    raw_public,
    sign_registry,
    verify_registry,
    verify_registry_or_raise,
)

T = dt.datetime(2026, 6, 15, 9, 0, tzinfo=dt.UTC)
CENTER = KeyPair.generate("center")
K1, K2 = KeyPair.generate("pc-01"), KeyPair.generate("pc-02")


def entry(keys, name, enrolled=T - dt.timedelta(days=1), revoked=None):
    return DeviceEntry(keys.public.signing_id, name, raw_public(keys.public.signing), enrolled, revoked)


@pytest.fixture
def envelope():
    return sign_registry("0750001A", [entry(K2, "PC-02", revoked=T + dt.timedelta(hours=2)), entry(K1, "PC-01")],
                         T, CENTER)


def test_a_registry_round_trips_through_canonical_bytes_and_verifies(envelope):
    again = SignedEnvelope.from_bytes(envelope.to_bytes())
    check = verify_registry(again, CENTER.public, "0750001A")
    assert check and check.registry.center == "0750001A"
    assert [d.name for d in check.registry.devices] == sorted(["PC-01", "PC-02"], key=lambda n: {
        "PC-01": K1.public.signing_id, "PC-02": K2.public.signing_id}[n])  # listed by id: one byte form
    assert envelope.signed["_type"] == REGISTRY_TYPE
    assert verify_registry_or_raise(again, CENTER.public.signing).issued_at == T


def test_another_key_another_center_or_an_edit_is_refused(envelope):
    assert not verify_registry(envelope, KeyPair.generate("x").public)
    assert "not of 'other'" in verify_registry(envelope, CENTER.public, "other").reason
    edited = copy.deepcopy(envelope)
    for device in edited.signed["devices"]:
        device["revoked_at"] = None
    assert "does not match" in verify_registry(edited, CENTER.public).reason
    with pytest.raises(RegistryError, match="device registry: not signed"):
        verify_registry_or_raise(edited, CENTER.public)


def test_flipping_any_byte_never_verifies(envelope):
    data = envelope.to_bytes()
    for i in range(0, len(data), 7):
        flipped = bytearray(data)
        flipped[i] ^= 0x20
        try:
            parsed = SignedEnvelope.from_bytes(bytes(flipped))
        except Exception:
            continue
        assert not verify_registry(parsed, CENTER.public), i


def _signed(change):
    data = DeviceRegistry("c", T, (entry(K1, "PC-01"),)).to_dict()
    change(data)
    return SignedEnvelope.create(data, CENTER)


@pytest.mark.parametrize(("change", "reason"), [
    (lambda d: d.update(version=2), "version 2"),
    (lambda d: d.update(center=""), "'center'"),
    (lambda d: d.update(issued_at="yesterday"), "issued_at"),
    (lambda d: d.update(issued_at="2026-06-15T09:00:00"), "no time zone"),
    (lambda d: d.update(devices={}), "'devices'"),
    (lambda d: d["devices"].append(d["devices"][0]), "listed twice"),
    (lambda d: d["devices"][0].update(id="0" * 32), "is not the id of its key"),
    (lambda d: d["devices"][0].update(id="nothex"), "'id'"),
    (lambda d: d["devices"][0].update(ed25519="AAAA"), "'ed25519'"),
    (lambda d: d["devices"][0].update(ed25519=raw_public(K2.public.signing)), "is not the id of its key"),
    (lambda d: d["devices"][0].update(name=""), "'name'"),
    (lambda d: d["devices"][0].update(name="x" * 121), "'name'"),
    (lambda d: d["devices"][0].update(enrolled_at=None), "enrolled_at"),
    (lambda d: d["devices"][0].update(revoked_at=12), "revoked_at"),
    (lambda d: d["devices"].__setitem__(0, "PC-01"), "expected a mapping"),
])
def test_a_malformed_registry_signed_by_the_center_is_still_refused_with_its_field_named(change, reason):
    check = verify_registry(_signed(change), CENTER.public)
    assert not check and reason in check.reason


def test_trust_is_decided_at_the_reference_time_given(envelope):
    registry = verify_registry_or_raise(envelope, CENTER.public)
    assert device_trust(registry, K1.public.signing_id, T)
    assert device_trust_or_raise(registry, K1.public.signing_id, T).name == "PC-01"
    assert "before the document's time" not in device_trust(registry, K2.public.signing_id, T).reason
    assert not device_trust(registry, K2.public.signing_id, T)  # revoked later: its bundles are not trusted
    assert "after the document's time" in device_trust(registry, K2.public.signing_id, T).reason
    assert "before the document's time" in device_trust(registry, K2.public.signing_id,
                                                        T + dt.timedelta(hours=3)).reason
    assert "enrolled at" in device_trust(registry, K1.public.signing_id, T - dt.timedelta(days=2)).reason
    assert "not in the device registry" in device_trust(registry, "f" * 32, T).reason
    assert not device_trust(registry, K1.public.signing_id, T.replace(tzinfo=None))
    with pytest.raises(RegistryError, match="revoked"):
        device_trust_or_raise(registry, K2.public.signing_id, T)


def test_canonical_bytes_do_not_depend_on_the_order_devices_are_given():
    a = sign_registry("c", [entry(K1, "a"), entry(K2, "b")], T, CENTER)
    b = sign_registry("c", [entry(K2, "b"), entry(K1, "a")], T, CENTER)
    assert canonical_bytes(a.signed) == canonical_bytes(b.signed)

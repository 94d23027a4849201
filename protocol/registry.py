"""The center's device registry: which kiosk keys the center enrolled, signed by the center key.

A key carried inside a result bundle proves the bundle intact, not which kiosk made it: anyone
can make a key. A verifier learns which device keys to trust only from this document, signed by
the center key it already trusts (ADR 0017, issue 10 item 11)::

    {"_type": "pupitre/device-registry", "version": 1, "center": "…", "issued_at": "…",
     "devices": [{"id": KEYID, "name": "…", "ed25519": BASE64, "enrolled_at": "…", "revoked_at": null}]}

``id`` is the signing key id of ``ed25519`` (checked). Verification does no I/O: it takes the
center key and the reference time as arguments and returns a result object; the ``*_or_raise``
functions are the raising wrappers. A device is trusted for a bundle only if the registry lists
it, it was enrolled at or before the bundle's time, and it is not revoked. A revoked device is
refused whatever the bundle's time says: that time is the device's own claim, so a stolen key
could date its bundles before the revocation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from protocol.canonical import b64decode, b64encode
from protocol.envelope import SignedEnvelope, verify
from protocol.errors import CanonicalEncodingError, RegistryError
from protocol.keys import KeyPair, PublicKeys, signing_key_id

REGISTRY_TYPE = "pupitre/device-registry"
REGISTRY_VERSION = 1
MAX_DEVICES = 10_000
KEY_ID = re.compile(r"^[0-9a-f]{32}$")


def _time(value: Any, what: str, *, optional: bool = False) -> dt.datetime | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise RegistryError(f"{what}: expected an ISO 8601 time")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise RegistryError(f"{what}: {value[:40]!r} is not an ISO 8601 time") from None
    if parsed.tzinfo is None:
        raise RegistryError(f"{what}: {value[:40]!r} has no time zone")
    return parsed


def _iso(value: dt.datetime) -> str:
    if value.tzinfo is None:
        raise RegistryError("registry times must be timezone-aware")
    return value.astimezone(dt.UTC).isoformat()


@dataclass(frozen=True)
class DeviceEntry:
    """One enrolled kiosk as the registry lists it (its Ed25519 public key in base64)."""

    id: str
    name: str
    ed25519: str
    enrolled_at: dt.datetime
    revoked_at: dt.datetime | None = None

    @property
    def public_key(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(b64decode(self.ed25519, f"device {self.id}: ed25519"))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "ed25519": self.ed25519, "enrolled_at": _iso(self.enrolled_at),
                "revoked_at": None if self.revoked_at is None else _iso(self.revoked_at)}

    @classmethod
    def from_dict(cls, data: Any, what: str) -> DeviceEntry:
        if not isinstance(data, dict):
            raise RegistryError(f"{what}: expected a mapping")
        device_id, name, key = data.get("id"), data.get("name"), data.get("ed25519")
        if not isinstance(device_id, str) or not KEY_ID.match(device_id):
            raise RegistryError(f"{what}: 'id' must be a key id (32 hexadecimal digits)")
        if not isinstance(name, str) or not 0 < len(name) <= 120:
            raise RegistryError(f"{what}: 'name' must be 1 to 120 characters")
        try:
            public = Ed25519PublicKey.from_public_bytes(b64decode(key, f"{what}: ed25519"))
        except (CanonicalEncodingError, ValueError, TypeError):
            raise RegistryError(f"{what}: 'ed25519' is not an Ed25519 public key in base64") from None
        if signing_key_id(public) != device_id:
            raise RegistryError(f"{what}: 'id' {device_id} is not the id of its key ({signing_key_id(public)})")
        enrolled = _time(data.get("enrolled_at"), f"{what}: enrolled_at")
        revoked = _time(data.get("revoked_at"), f"{what}: revoked_at", optional=True)
        assert enrolled is not None
        return cls(device_id, name, key, enrolled, revoked)


@dataclass(frozen=True)
class DeviceRegistry:
    center: str
    issued_at: dt.datetime
    devices: tuple[DeviceEntry, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"_type": REGISTRY_TYPE, "version": REGISTRY_VERSION, "center": self.center,
                "issued_at": _iso(self.issued_at), "devices": [d.to_dict() for d in self.devices]}

    @classmethod
    def from_dict(cls, data: Any, what: str = "device registry") -> DeviceRegistry:
        if not isinstance(data, dict) or data.get("_type") != REGISTRY_TYPE:
            raise RegistryError(f"{what}: not a device registry (no '_type: {REGISTRY_TYPE}')")
        if data.get("version") != REGISTRY_VERSION:
            raise RegistryError(f"{what}: registry version {data.get('version')!r} is not supported")
        center = data.get("center")
        if not isinstance(center, str) or not center:
            raise RegistryError(f"{what}: 'center' is missing")
        issued = _time(data.get("issued_at"), f"{what}: issued_at")
        raw = data.get("devices")
        if not isinstance(raw, list) or len(raw) > MAX_DEVICES:
            raise RegistryError(f"{what}: 'devices' must be a list of at most {MAX_DEVICES} devices")
        devices = tuple(DeviceEntry.from_dict(d, f"{what}: devices[{i}]") for i, d in enumerate(raw))
        ids = [d.id for d in devices]
        if len(set(ids)) != len(ids):
            raise RegistryError(f"{what}: a device is listed twice")
        assert issued is not None
        return cls(center, issued, devices)

    def device(self, key_id: str) -> DeviceEntry | None:
        return next((d for d in self.devices if d.id == key_id), None)


def sign_registry(center: str, devices: Iterable[DeviceEntry], issued_at: dt.datetime,
                  center_keys: KeyPair) -> SignedEnvelope:
    """The registry of ``devices`` signed by the center key."""
    registry = DeviceRegistry(center, issued_at, tuple(sorted(devices, key=lambda d: d.id)))
    return SignedEnvelope.create(registry.to_dict(), center_keys)


def raw_public(key: Ed25519PublicKey) -> str:
    return b64encode(key.public_bytes(Encoding.Raw, PublicFormat.Raw))


@dataclass(frozen=True)
class RegistryCheck:
    """What verifying a registry found: ``ok`` and the registry, or why it is not trusted."""

    ok: bool
    reason: str
    registry: DeviceRegistry | None = None

    def __bool__(self) -> bool:
        return self.ok


def verify_registry(envelope: SignedEnvelope, center_key: PublicKeys | Ed25519PublicKey,
                    center: str | None = None) -> RegistryCheck:
    """Check the registry is signed by ``center_key`` (and, if given, is the registry of ``center``)."""
    result = verify(envelope, [center_key], REGISTRY_TYPE)
    if not result.ok:
        return RegistryCheck(False, f"not signed by the given center key: {result.reason}")
    try:
        registry = DeviceRegistry.from_dict(envelope.signed)
    except RegistryError as exc:
        return RegistryCheck(False, str(exc))
    if center is not None and registry.center != center:
        return RegistryCheck(False, f"it is the registry of center {registry.center!r}, not of {center!r}")
    return RegistryCheck(True, f"signed by center {registry.center} ({result.signer})", registry)


def verify_registry_or_raise(envelope: SignedEnvelope, center_key: PublicKeys | Ed25519PublicKey,
                             center: str | None = None, what: str = "device registry") -> DeviceRegistry:
    check = verify_registry(envelope, center_key, center)
    if not check.ok or check.registry is None:
        raise RegistryError(f"{what}: {check.reason}")
    return check.registry


@dataclass(frozen=True)
class DeviceTrust:
    """Whether the registry vouches for a device key at a time, and why."""

    ok: bool
    reason: str
    device: DeviceEntry | None = None

    def __bool__(self) -> bool:
        return self.ok


def device_trust(registry: DeviceRegistry, key_id: str, at: dt.datetime) -> DeviceTrust:
    """Is device ``key_id`` one the center enrolled and had not revoked, for a document made ``at``?"""
    device = registry.device(key_id)
    if device is None:
        return DeviceTrust(False, f"device key {key_id} is not in the device registry of center {registry.center}")
    if at.tzinfo is None:
        return DeviceTrust(False, "the reference time has no time zone", device)
    if device.enrolled_at > at:
        return DeviceTrust(False, f"device {device.name} ({key_id}) was enrolled at {_iso(device.enrolled_at)}, "
                                  f"after the document's time {_iso(at)}", device)
    if device.revoked_at is not None:
        when = "before" if device.revoked_at <= at else "after"
        return DeviceTrust(False, f"device {device.name} ({key_id}) was revoked at {_iso(device.revoked_at)}, "
                                  f"{when} the document's time {_iso(at)} (a time the device states itself)", device)
    return DeviceTrust(True, f"device {device.name} ({key_id}) is enrolled in the registry of center "
                             f"{registry.center}", device)


def device_trust_or_raise(registry: DeviceRegistry, key_id: str, at: dt.datetime) -> DeviceEntry:
    trust = device_trust(registry, key_id, at)
    if not trust.ok or trust.device is None:
        raise RegistryError(trust.reason)
    return trust.device

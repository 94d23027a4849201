"""What the audit trusts in a room: the device keys a center's signed registry vouches for, and
bundles that claim the same attempt.

A bundle's signature proves which kiosk made it only if the verifier trusts that kiosk's key;
the center's device registry (:mod:`protocol.registry`) is where a verifier learns those keys.
Two different bundles of one attempt mean a kiosk signed two endings of one test (a replay of a
journal, a forged second bundle): the audit names them, whatever each one's own checks say.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from itembank.audit import AuditReport, _read
from protocol.envelope import SignedEnvelope
from protocol.registry import DeviceRegistry, device_trust


@dataclass(frozen=True)
class RegistryVerdict:
    """The keys to trust for one bundle (its device's, or none) and the registry's reason."""

    keys: tuple[Ed25519PublicKey, ...]
    reason: str


def registry_keys(envelope_or_bytes: SignedEnvelope | bytes, registry: DeviceRegistry,
                  what: str = "result bundle") -> RegistryVerdict:
    """The device key the registry vouches for at the bundle's stated time, or none and why."""
    _, bundle = _read(envelope_or_bytes, what)
    try:
        created = dt.datetime.fromisoformat(bundle.created)
    except ValueError:
        created = None
    if created is None or created.tzinfo is None:
        return RegistryVerdict((), f"registry: the bundle's time {bundle.created[:40]!r} is not an ISO time with a "
                                   "time zone, so the registry cannot vouch for its device")
    trust = device_trust(registry, bundle.device_key_id, created)
    if not trust.ok or trust.device is None:
        return RegistryVerdict((), f"registry: {trust.reason}")
    return RegistryVerdict((trust.device.public_key,), f"registry: {trust.reason}")


def several_bundles(reports: Sequence[AuditReport]) -> dict[str, list[str]]:
    """Attempt id → the distinct bundle ids given for it, for attempts with more than one bundle."""
    by_attempt: dict[str, list[str]] = {}
    for report in reports:
        ids = by_attempt.setdefault(report.attempt_id, [])
        if report.bundle_id not in ids:
            ids.append(report.bundle_id)
    return {attempt: ids for attempt, ids in by_attempt.items() if len(ids) > 1}

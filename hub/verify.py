"""Verifying a session package before anything of it is stored (issue 12, item 4).

In order, each failure a specific refusal (:class:`hub.errors.Refusal` with a code of :data:`REFUSALS`):

1. the package's shape (``protocol.session_package.read_package``) — ``malformed``;
2. the center's signature, with the key the hub enrolled for the center that uploads it, and the
   center it names — ``bad-signature``, ``wrong-center``;
3. the device registry, signed by that same center key — ``untrusted-registry``;
4. for each result with a bundle: the bundle is the attempt's and the candidate's —
   ``result-mismatch``, ``candidate-mismatch``; the registry vouches for the device that signed it
   at the time it states — ``untrusted-device``; the hub holds the bank it ran on — ``unknown-bank``;
   then the bank's audit (``itembank.audit.audit_bundle``, with only the registry's key trusted):
   signature — ``bad-signature``, journal chain — ``chain-break``, bundle against its journal —
   ``bundle-inconsistent``, profile, every response re-scored, the engine re-run, the result
   recomputed — ``replay-divergence`` (``replay-impossible`` when another engine version made it);
5. the score and level the package states for the candidate are the replayed ones — ``result-mismatch``.

Nothing here writes: :func:`verify_package` returns what is to be stored, or raises.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hub.errors import Refusal
from itembank.audit import BundleAuditError, audit_bundle
from itembank.errors import ItemBankError
from itembank.pbank import OpenBank
from itembank.scoring import CODE_ALPHABET
from protocol.bundle import BundleError, ResultBundle, bundle_id, receipt_code
from protocol.envelope import SignedEnvelope, verify
from protocol.keys import PublicKeys
from protocol.registry import DeviceRegistry, device_trust, verify_registry
from protocol.session_package import PACKAGE_TYPE, PackageError, PackageResult, SessionPackage, read_package

REFUSALS = {
    "malformed": "the package is not a well-formed session package",
    "bad-signature": "a signature does not verify against the key that should have made it",
    "wrong-center": "the package names another center than the one that uploads it",
    "untrusted-registry": "the device registry is not signed by the center",
    "untrusted-device": "a bundle was signed by a device the center's registry does not vouch for",
    "unknown-bank": "a bundle ran on a bank the hub does not hold",
    "chain-break": "a bundle's journal chain is broken",
    "bundle-inconsistent": "a bundle states something its own journal does not record",
    "replay-divergence": "replaying a test with the bank does not give the bundle's questions or result",
    "replay-impossible": "a bundle's result was computed by an engine version this hub does not run",
    "result-mismatch": "the package states another result than the replayed bundle",
    "candidate-mismatch": "the package names another candidate than the bundle",
    "duplicate-attempt": "an attempt of this package is already stored from another package",
}
VERIFICATION_CODE = re.compile(rf"^P-[{CODE_ALPHABET}]{{8}}$")
_FAILED_CHECK = {"signature": "bad-signature", "journal": "chain-break", "contents": "bundle-inconsistent"}


@dataclass(frozen=True)
class VerifiedResult:
    """One result of the package as it will be stored."""

    result: PackageResult
    bundle: str | None
    receipt_code: str | None
    verification_code: str | None
    status: str | None
    score: int | None
    level: str | None
    replayed: dict[str, Any] | None


@dataclass(frozen=True)
class VerifiedPackage:
    package: SessionPackage
    results: tuple[VerifiedResult, ...]

    @property
    def session_date(self) -> dt.date:
        return dt.date.fromisoformat(str(self.package.session["date"]))


BankLookup = Callable[[str, dt.datetime], OpenBank | None]


def _names(candidate: Any) -> tuple[str, str, str] | None:
    if not isinstance(candidate, dict):
        return None
    return (str(candidate.get("last_name", "")).strip().casefold(),
            str(candidate.get("first_name", "")).strip().casefold(), str(candidate.get("birth_date", "")))


def _verification_code(package: SessionPackage, index: int, attempt: str) -> str | None:
    raw = package.envelope.signed["results"][index]
    code = raw.get("verification_code") if isinstance(raw, dict) else None
    if code is None:
        return None
    if not isinstance(code, str) or not VERIFICATION_CODE.match(code) or len(set(code[2:])) != 8:
        raise Refusal("malformed", f"results[{index}] ({attempt}): verification_code {str(code)[:20]!r} is not a "
                                   "code such as P-7KQ4M9XB")
    return code


def verify_package(data: bytes, center_id: str, center_key: PublicKeys, banks: BankLookup) -> VerifiedPackage:
    """Verify a package uploaded by ``center_id``; raise :class:`Refusal` naming the first check that fails."""
    try:
        package = read_package(data)
    except PackageError as exc:
        raise Refusal("malformed", str(exc)) from None
    signature = verify(package.envelope, [center_key], PACKAGE_TYPE, signed_bytes=package.signed_bytes)
    if not signature.ok:
        raise Refusal("bad-signature", f"the package is not signed by the enrolled key of center {center_id}: "
                                       f"{signature.reason}")
    if package.center_id != center_id:
        raise Refusal("wrong-center", f"the package is center {package.center_id!r}'s, uploaded by center "
                                      f"{center_id!r}")
    check = verify_registry(package.registry, center_key, center=center_id)
    if not check.ok or check.registry is None:
        raise Refusal("untrusted-registry", f"device registry: {check.reason}")
    session_date = dt.date.fromisoformat(str(package.session["date"]))
    at = dt.datetime.combine(session_date, dt.time(12), dt.UTC)
    # the bundles by the ids and with the encoded bytes kept when the package was read: nothing encoded again
    signed_bytes = package.bundle_signed_bytes or (None,) * len(package.bundles)
    held = dict(zip(package.bundle_ids or tuple(bundle_id(b) for b in package.bundles),
                    zip(package.bundles, signed_bytes, strict=True), strict=True))
    used: set[str] = set()
    results = []
    for index, result in enumerate(package.results):
        code = _verification_code(package, index, result.attempt)
        if result.bundle is None:
            results.append(VerifiedResult(result, None, None, code, None, None, None, None))
            continue
        if result.bundle in used:
            raise Refusal("malformed", f"results[{index}] ({result.attempt}): names a bundle another result names")
        used.add(result.bundle)
        envelope, encoded = held[result.bundle]
        results.append(_verify_result(envelope, encoded, index, result, code, check.registry, banks, at))
    return VerifiedPackage(package, tuple(results))


def _verify_result(envelope: SignedEnvelope, signed_bytes: bytes | None, index: int, result: PackageResult,
                   code: str | None,
                   registry: DeviceRegistry, banks: BankLookup, at: dt.datetime) -> VerifiedResult:
    what = f"results[{index}] ({result.attempt})"
    try:
        bundle = ResultBundle.from_dict(envelope.signed)
    except BundleError as exc:
        raise Refusal("malformed", f"{what}: {exc}") from None
    if bundle.attempt_id != result.attempt:
        raise Refusal("result-mismatch", f"{what}: the bundle is attempt {bundle.attempt_id!r}'s")
    if bundle.mode != "exam":
        raise Refusal("result-mismatch", f"{what}: the bundle is a {bundle.mode!r} attempt, not an exam")
    stated = _names(bundle.candidate)
    if stated is not None and stated != _names(dict(result.candidate)):
        raise Refusal("candidate-mismatch", f"{what}: the bundle was checked in for another candidate (name or "
                                            "birth date differ)")
    try:
        created = dt.datetime.fromisoformat(bundle.created)
    except ValueError:
        created = None
    if created is None or created.tzinfo is None:
        raise Refusal("malformed", f"{what}: the bundle's time {bundle.created[:40]!r} is not a time with its zone")
    trust = device_trust(registry, bundle.device_key_id, created)
    if not trust.ok or trust.device is None:
        raise Refusal("untrusted-device", f"{what}: {trust.reason}")
    manifest = str(bundle.bank.get("manifest_sha256", ""))
    try:
        bank = banks(manifest, at)
    except ItemBankError as exc:
        raise Refusal("unknown-bank", f"{what}: {exc}") from None
    if bank is None:
        raise Refusal("unknown-bank", f"{what}: bank {bundle.bank.get('id')!r} v{bundle.bank.get('version')} "
                                      f"(manifest {manifest[:16]}…) is not one the hub holds (pupitre-hub banks add)")
    try:
        report = audit_bundle(envelope, bank, [trust.device.public_key], what=what,
                              trust_note=f"registry: {trust.reason}", signed_bytes=signed_bytes, bundle=bundle)
    except BundleAuditError as exc:
        raise Refusal("unknown-bank", f"{what}: {exc}") from None
    if not report.ok:
        failed = next(c for c in report.checks if not c.ok) if any(not c.ok for c in report.checks) else None
        name = failed.name if failed is not None else "result"
        code_name = _FAILED_CHECK.get(name, "replay-impossible" if report.other_engine else "replay-divergence")
        detail = failed.detail if failed is not None else ""
        first = report.first_difference
        raise Refusal(code_name, f"{what}: {name}: {detail}" + (f"; {first}" if first is not None else ""))
    replayed = report.replayed
    assert replayed is not None
    profile = bank.profile(str(bundle.profile.get("name")))
    level = replayed.level_code(profile)
    if result.score != replayed.score:
        raise Refusal("result-mismatch", f"{what}: the package states score {result.score}, the replay gives "
                                         f"{replayed.score}")
    if result.level is not None and result.level != level:
        raise Refusal("result-mismatch", f"{what}: the package states level {result.level!r}, the replay gives "
                                         f"{level!r}")
    return VerifiedResult(result, result.bundle, receipt_code(result.bundle or ""), code, replayed.status,
                          replayed.score, level, replayed.to_dict())

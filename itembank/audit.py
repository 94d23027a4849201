"""The audit of a result bundle: is it intact, is it of this bank, and does the engine give it back?

A kiosk signs a result bundle at the end of an attempt (:mod:`protocol.bundle`). The audit takes
that bundle and the bank it names, and checks, in order:

1. the bank: the bundle's bank id, version and manifest hash are the opened bank's (otherwise
   the bundle cannot be audited with this bank: :class:`BundleAuditError`);
2. the signature, by a trusted device key (the key a bundle carries proves it intact, not which
   kiosk made it: without a trusted key the signature check fails, and the command refuses to
   audit at all);
3. the journal chain and the bundle's agreement with its journal (:func:`protocol.bundle.verify_bundle`);
4. the profile: the one the bundle states is the bank's profile of that name, setting for setting
   (the score tables are in the profile, so a changed profile could carry a changed score);
5. the responses: every response the bundle lists is checked again against its item in the bank
   (the kiosk's own answer checking, in the candidate's language), and must give the outcome the
   bundle states — a bundle that marks wrong answers right is caught here even when its signature,
   its journal and the engine's arithmetic all agree with it;
6. the questions: the engine, re-run with the bundle's profile and seed on the bundle's questions
   and outcomes (neutralised questions included), chooses every item the bundle lists, in order
   — only when the bundle's result names this engine version (``Result.engine``): another
   version may choose other items for the same answers, which is no fault of the bundle;
7. the result: every field the engine computes (status, score, level, competence levels,
   ability, counts…) is the one the bundle states, compared as canonical JSON, so bit for bit.

The report names the attempt's mode (practice or exam), candidate, session and device (with the
fingerprint of the key that signed it), every check and, where the bundle and the replay part,
the question number, the item and what each side has.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from itembank.audit_report import (
    CHECKS,
    MISSING,
    RESULT_KEYS,
    AuditReport,
    BundleAuditError,
    Check,
    Difference,
    result_differences,
    same,
)
from itembank.audit_responses import question_log, responses_check
from itembank.cat.engine import ENGINE_VERSION, NEUTRALISED
from itembank.cat.errors import EngineError
from itembank.cat.exposure import ExposureRecord
from itembank.errors import ItemBankError
from itembank.pbank import OpenBank
from itembank.profile import ExamProfile
from itembank.replay import replay
from itembank.scoring import ABORTS, Result
from protocol.bundle import BundleError, ResultBundle, read_bundle, verify_bundle
from protocol.canonical import canonical_bytes
from protocol.envelope import SignedEnvelope
from protocol.errors import CanonicalEncodingError, EnvelopeFormatError
from protocol.keys import PublicKeys

__all__ = ["CHECKS", "AuditReport", "BundleAuditError", "Check", "Difference", "audit_bundle"]


# -- reading the input ----------------------------------------------------------------------------
def _read(envelope_or_bytes: SignedEnvelope | bytes, what: str,
          bundle: ResultBundle | None = None) -> tuple[SignedEnvelope, ResultBundle]:
    try:
        if isinstance(envelope_or_bytes, SignedEnvelope):
            envelope = envelope_or_bytes
        else:
            envelope, bundle = read_bundle(bytes(envelope_or_bytes), what), None
        return envelope, ResultBundle.from_dict(envelope.signed) if bundle is None else bundle
    except (EnvelopeFormatError, CanonicalEncodingError) as exc:
        raise BundleAuditError(f"{exc} (not a result bundle, or a truncated or altered file)") from None
    except BundleError as exc:
        raise BundleAuditError(f"{what}: {exc}") from None


def _check_bank(bundle: ResultBundle, bank: OpenBank, what: str) -> None:
    stated = bundle.bank
    ours = {"id": bank.id, "version": bank.meta.version, "manifest_sha256": bank.manifest_sha256}
    if stated.get("id") != ours["id"] or stated.get("version") != ours["version"]:
        raise BundleAuditError(
            f"{what} was made on bank {stated.get('id')} v{stated.get('version')}, but {bank.path} is bank "
            f"{ours['id']} v{ours['version']}: give the bank the attempt ran on")
    if stated.get("manifest_sha256") != ours["manifest_sha256"]:
        raise BundleAuditError(
            f"{what} was made on a build of bank {ours['id']} v{ours['version']} with manifest "
            f"{str(stated.get('manifest_sha256'))[:16]}…, but {bank.path} has manifest {ours['manifest_sha256'][:16]}… "
            "(another build of the bank): give the .pbank file the kiosk used")


# -- the checks -----------------------------------------------------------------------------------
def _signature_checks(envelope: SignedEnvelope, bundle: ResultBundle,
                      trusted: list[PublicKeys | Ed25519PublicKey] | None,
                      trust_note: str = "", signed_bytes: bytes | None = None) -> tuple[list[Check], list[str], str]:
    """Signature, journal chain and contents. Without trusted keys the signature is checked against
    the key the bundle carries, but the check fails: that proves the bundle intact since it was
    signed, and anyone can make a key and sign a bundle with it."""
    notes: list[str] = []
    keys: list[PublicKeys | Ed25519PublicKey] = list(trusted or [])
    embedded_problem = None
    if trusted is None:
        try:
            embedded = bundle.embedded_signing_key()
        except BundleError as exc:
            embedded, embedded_problem = None, str(exc)
        if embedded is not None:
            keys = [embedded]
    verification = verify_bundle(envelope, keys, bundle=bundle, signed_bytes=signed_bytes)
    by_kind: dict[str, list[str]] = {"signature": [], "journal": [], "contents": []}
    for reason in verification.reasons:
        kind, _, text = reason.partition(": ")
        by_kind.get(kind, by_kind["contents"]).append(text if kind in by_kind else reason)
    if trusted is None and not keys:
        signature = Check("signature", False, embedded_problem or "the bundle carries no device key and no trusted "
                          "device key was given: the signature could not be checked")
    elif trusted is None:
        intact = ("intact under the key it carries" if verification.signature_ok
                  else "; ".join(by_kind["signature"]) or "not signed by the key it carries")
        signature = Check("signature", False, f"no trusted device key was given: {intact}, which proves nothing "
                                              "about which kiosk signed it (anyone can make a key and sign with it)")
    elif verification.signature_ok:
        signature = Check("signature", True, f"signed by a trusted device key ({verification.signer}, device "
                                             f"'{bundle.device}')")
    else:
        signature = Check("signature", False, "; ".join(by_kind["signature"]) or "not signed by a trusted key")
    if trust_note:
        signature = Check("signature", signature.ok, f"{signature.detail}; {trust_note}")
    chain = Check("journal", verification.chain_ok,
                  f"{len(bundle.events)} entries chained up to head {bundle.journal_head[:16]}…"
                  if verification.chain_ok else "; ".join(by_kind["journal"]))
    contents = Check("contents", verification.consistent,
                     "the questions, candidate, end and result stated are the ones the journal records"
                     if verification.consistent else "; ".join(by_kind["contents"]))
    return [signature, chain, contents], notes, verification.bundle_id


_PROFILE_CHECKS: dict[tuple[str, bytes], tuple[Check, ExamProfile | None]] = {}


def _profile_check(bundle: ResultBundle, bank: OpenBank) -> tuple[Check, ExamProfile | None]:
    """:func:`_profile_check_of`, once for each profile a bank's bundles state: the same stated profile
    (bit for bit, as canonical bytes) against the same bank (its manifest) gives the same verdict and the
    same profile to replay with (both immutable)."""
    try:
        key = (bank.manifest_sha256, canonical_bytes(bundle.profile))
    except CanonicalEncodingError:
        return _profile_check_of(bundle, bank)
    found = _PROFILE_CHECKS.get(key)
    if found is None:
        found = _profile_check_of(bundle, bank)
        if len(_PROFILE_CHECKS) >= 64:
            _PROFILE_CHECKS.clear()
        _PROFILE_CHECKS[key] = found
    return found


def _profile_check_of(bundle: ResultBundle, bank: OpenBank) -> tuple[Check, ExamProfile | None]:
    stated = bundle.profile
    name = stated.get("name")
    try:
        profile = ExamProfile.from_dict(dict(stated), name=str(name) if name is not None else None)
    except ItemBankError as exc:
        return Check("profile", False, f"the bundle's profile cannot be read ({exc})"), None
    ours = bank.profiles.get(str(name))
    if ours is None:
        return Check("profile", False, f"the bank has no profile '{name}' (it has: "
                                       f"{', '.join(sorted(bank.profiles))})"), profile
    mine = ours.to_dict()
    # the same settings encode to the same canonical bytes; only a differing profile is walked setting by setting
    differing = [] if same(stated, mine) else _differing_settings(stated, mine)
    if differing:
        return Check("profile", False, f"the bundle's profile '{name}' differs from the bank's in "
                                       f"{', '.join(differing)}"), profile
    return Check("profile", True, f"the bank's profile '{name}' ({profile.length} questions, strategy "
                                  f"{profile.strategy})"), profile


def _differing_settings(stated: Mapping[str, Any], ours: Mapping[str, Any], prefix: str = "") -> list[str]:
    out = []
    for key in sorted(set(stated) | set(ours)):
        a, b = stated.get(key, MISSING), ours.get(key, MISSING)
        if isinstance(a, Mapping) and isinstance(b, Mapping):
            out.extend(_differing_settings(a, b, f"{prefix}{key}."))
        elif a is MISSING or b is MISSING or not same(a, b):
            out.append(f"{prefix}{key}")
    return out


def _replay_checks(bundle: ResultBundle, bank: OpenBank, profile: ExamProfile,
                   exposure: ExposureRecord | None) -> tuple[list[Check], list[Difference], Result | None]:
    log, differences = question_log(bundle, bank)
    stated = bundle.result
    unreadable = next((d for d in differences if d.what == "log"), None)
    if unreadable is not None:
        return [Check("questions", False, f"question {unreadable.question} cannot be replayed"),
                Check("result", False, "not compared: the replay could not follow the bundle's questions")], \
            differences, None
    if stated is None:
        if not bundle.questions:
            return [Check("questions", True, "no question was treated (the test never started)"),
                    Check("result", True, "no result stated, none to compute")], differences, None
        return [Check("questions", not differences, f"{len(bundle.questions)} questions listed, not replayed"),
                Check("result", False, f"the bundle lists {len(bundle.questions)} questions but states no result")], \
            differences, None
    if not isinstance(stated, Mapping):
        return [Check("questions", not differences, "not replayed"),
                Check("result", False, "the bundle's result is not a mapping of the engine's result fields")], \
            differences, None
    made_by = stated.get("engine", 1)
    if made_by != ENGINE_VERSION:
        return [Check("questions", False, f"not replayed: the bundle's result was computed by engine version "
                                          f"{made_by!r}, and this Pupitre runs engine version {ENGINE_VERSION}; "
                                          f"audit it with a Pupitre whose engine is version {made_by!r}"),
                Check("result", False, "not compared: another engine version made it")], differences, None
    abort = bundle.end_reason if bundle.end_reason in ABORTS else None
    try:
        report = replay(bank.pool, bank.framework, profile, bundle.seed, log, abort=abort,
                        strategy=profile.strategy, exposure=exposure, screen_reader=_screen_reader(bundle))
    except EngineError as exc:  # e.g. a negative seed: no kiosk engine could have run with it
        return [Check("questions", False, f"the engine cannot run with the bundle's inputs ({exc})"),
                Check("result", False, "not compared: nothing was replayed")], differences, None
    divergence = report.divergence
    if divergence is not None:
        entry = (divergence.event or 0) + 1
        number = divergence.position if divergence.position is not None else _number_of(bundle.questions, entry)
        differences.append(Difference(divergence.what, divergence.logged, divergence.replayed, number, entry))
        return [Check("questions", False, f"the replay parts from the bundle at question {number}"),
                Check("result", False, "not compared: the replay could not follow the bundle's questions")], \
            differences, None
    neutralised = sum(1 for e in log if e.outcome == NEUTRALISED)
    questions = Check("questions", not differences,
                      f"the engine chooses the same {len(report.shown)} items in the same order "
                      f"({neutralised} neutralised)" if not differences else
                      "the engine chooses the same items, but the bundle states some question numbers or "
                      "competences wrongly")
    result = report.result
    assert result is not None
    replayed = result.to_dict()
    differing = result_differences(stated, canonical_bytes(replayed), replayed.keys() == RESULT_KEYS)
    differences.extend(differing)
    if differing:
        detail = f"{len(differing)} field(s) differ: " + ", ".join(d.what[7:] for d in differing)
    else:
        detail = (f"identical, bit for bit: {result.status}, score {result.score}, level {result.level}, "
                  f"{len(result.competence_levels)} competence levels, θ {result.theta!r}")
    return [questions, Check("result", not differing, detail)], differences, result


def _screen_reader(bundle: ResultBundle) -> bool:
    """The candidate's accommodation says screen reader: the engine chose among the items a screen
    reader can convey (the kiosk's ``kiosk.core.candidate.SCREEN_READER``)."""
    accommodations = (bundle.candidate or {}).get("accommodations")
    return isinstance(accommodations, list) and "screen-reader" in accommodations


def _number_of(questions: Sequence[Mapping[str, Any]], entry: int) -> int:
    return sum(1 for q in questions[:entry - 1] if q.get("outcome") != NEUTRALISED) + 1


# -- the audit --------------------------------------------------------------------------------------
def audit_bundle(
    envelope_or_bytes: SignedEnvelope | bytes,
    bank: OpenBank,
    trusted_device_keys: Iterable[PublicKeys | Ed25519PublicKey] | None = None,
    *,
    exposure: ExposureRecord | None = None,
    what: str = "result bundle",
    trust_note: str = "",
    signed_bytes: bytes | None = None,
    bundle: ResultBundle | None = None,
) -> AuditReport:
    """Audit a result bundle against the bank it names (see the module docstring).

    Parameters
    ----------
    envelope_or_bytes : SignedEnvelope or bytes
        The bundle, or a bundle file's bytes.
    bank : OpenBank
        The opened ``.pbank`` the attempt ran on.
    trusted_device_keys : iterable of keys, optional
        The kiosk keys to trust. None checks the signature against the key the bundle carries,
        which proves it intact, not who signed it, so the signature check fails (and the report
        says why); an empty list trusts no key.
    exposure : ExposureRecord, optional
        The exposure record the kiosk's engine used. By default the one the bundle records (its
        ``exposure`` field: the record the console sent with the authorisation to start); a
        bundle without one was made without (practice kiosks use none).
    what : str
        How messages name the bundle (a file name).
    trust_note : str
        Where the trusted keys come from (the device registry's verdict), shown with the signature check.
    signed_bytes : bytes, optional
        The canonical bytes of the bundle's ``signed`` part, when the caller has them already (a session
        package keeps them from reading): the signature is checked on them, and the id derived from them.
    bundle : ResultBundle, optional
        ``ResultBundle.from_dict(envelope.signed)`` of this very envelope, when the caller has read it already.

    Raises
    ------
    BundleAuditError
        When the input is not a readable result bundle, or is a bundle of another bank.
    """
    envelope, bundle = _read(envelope_or_bytes, what, bundle)
    _check_bank(bundle, bank, what)
    if exposure is None:
        exposure = _recorded_exposure(bundle, what)
    trusted = None if trusted_device_keys is None else list(trusted_device_keys)
    checks, notes, ident = _signature_checks(envelope, bundle, trusted, trust_note, signed_bytes)
    profile_check, profile = _profile_check(bundle, bank)
    checks.append(profile_check)
    responses, differences = responses_check(bundle, bank)
    checks.append(responses)
    replayed = None
    if profile is None:
        checks += [Check("questions", False, "not replayed: no profile to replay with"),
                   Check("result", False, "not compared: no profile to replay with")]
    else:
        replay_checks, replay_differences, replayed = _replay_checks(bundle, bank, profile, exposure)
        checks += replay_checks
        differences += replay_differences
        record = f"an exposure record of {exposure.tests} tests" if exposure else "no exposure record"
        notes.append(f"replayed with profile '{profile.name}' (strategy {profile.strategy}), seed {bundle.seed}, "
                     f"{record}, end {bundle.end_reason or 'not recorded'}")
    meta = bundle.bank
    return AuditReport(ident, bundle.attempt_id,
                       f"{meta.get('id')} v{meta.get('version')}, manifest {str(meta.get('manifest_sha256'))[:16]}…",
                       bundle.mode or "(not stated)", _candidate(bundle.candidate), bundle.session or "(none)",
                       f"'{bundle.device}', key {bundle.device_key_id}", tuple(checks), tuple(differences),
                       tuple(notes), replayed,
                       bundle.result.get("engine", 1) if isinstance(bundle.result, Mapping) else ENGINE_VERSION)


_EXPOSURES: dict[tuple[str | None, bytes], ExposureRecord] = {}


def _recorded_exposure(bundle: ResultBundle, what: str) -> ExposureRecord | None:
    """The exposure record a bundle says its engine used (signed with the bundle), checked against its digest.

    The candidates of a session carry the same record: a record read and found to match its digest is
    kept by its canonical bytes and that digest, and given again (the same record to every replay, which
    only reads it) to a bundle that carries the same bytes and digest."""
    recorded = bundle.extra.get("exposure")
    if recorded is None:
        return None
    key = _exposure_key(recorded)
    found = _EXPOSURES.get(key) if key is not None else None
    if found is not None:
        return found
    record = _read_exposure(recorded, what)
    if key is not None:
        if len(_EXPOSURES) >= 16:
            _EXPOSURES.clear()
        _EXPOSURES[key] = record
    return record


def _exposure_key(recorded: Any) -> tuple[str | None, bytes] | None:
    """The recorded digest and the canonical bytes of what it covers, or None when the record has none."""
    if not isinstance(recorded, Mapping):
        return None
    digest = recorded.get("sha256")
    if digest is not None and type(digest) is not str:
        return None
    try:
        return digest, canonical_bytes({k: v for k, v in recorded.items() if k != "sha256"})
    except CanonicalEncodingError:
        return None


def _read_exposure(recorded: Any, what: str) -> ExposureRecord:
    try:
        record = ExposureRecord.from_dict(recorded, f"{what}: exposure")
    except EngineError as exc:
        raise BundleAuditError(str(exc)) from None
    digest = recorded.get("sha256")
    if digest is not None:
        body = {k: v for k, v in recorded.items() if k != "sha256"}
        try:
            actual = hashlib.sha256(canonical_bytes(body)).hexdigest()
        except CanonicalEncodingError:
            actual = None
        if digest != actual:
            raise BundleAuditError(f"{what}: its exposure record does not match its sha256 (altered before signing)")
    return record


def _candidate(candidate: Mapping[str, Any] | None) -> str:
    if not candidate:
        return "(no check-in)"
    name = f"{candidate.get('first_name', '')} {str(candidate.get('last_name', '')).upper()}".strip()
    born = candidate.get("birth_date")
    return f"{name or '(no name)'}, born {born}" if born else name or "(no name)"

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
import json
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from itembank.answers import check as check_answer
from itembank.cat.engine import ENGINE_VERSION, NEUTRALISED, Event
from itembank.cat.errors import EngineError
from itembank.cat.exposure import ExposureRecord
from itembank.errors import AnswerFormatError, ItemBankError
from itembank.model import Outcome
from itembank.pbank import OpenBank
from itembank.profile import ExamProfile
from itembank.replay import replay
from itembank.scoring import ABORTS, Result
from protocol.bundle import BundleError, ResultBundle, read_bundle, verify_bundle
from protocol.canonical import canonical_bytes
from protocol.envelope import SignedEnvelope
from protocol.errors import CanonicalEncodingError, EnvelopeFormatError
from protocol.keys import PublicKeys

CHECKS = ("signature", "journal", "contents", "profile", "responses", "questions", "result")
_RESULT_FIELDS = tuple(f.name for f in fields(Result) if f.name != "extra")
_OUTCOMES = frozenset({*(o.value for o in Outcome), NEUTRALISED})
_RESULT_KEYS = frozenset(_RESULT_FIELDS)
_VALUES = MappingProxyType({o: o.value for o in Outcome})  # Outcome.value, without the enum's property each time
_TIMED_OUT, _FOCUSED_OUT, _SKIPPED = Outcome.TIMED_OUT.value, Outcome.FOCUSED_OUT.value, Outcome.SKIPPED


class BundleAuditError(ItemBankError):
    """The bundle cannot be audited with this bank (unreadable, not a bundle, another bank)."""


@dataclass(frozen=True)
class Difference:
    """One point where the bundle and the replay part.

    ``what`` is ``item`` (the engine chooses another item for a question), ``log`` (a question the
    engine cannot take: unreadable, or after the end), ``number`` or ``competence`` (a question's
    stated number or competence), ``outcome`` (the response, re-scored against its item, does
    not give the outcome stated), or ``result.<field>``. ``question`` is the question number
    (from 1), ``entry`` the position in the bundle's list of questions (from 1) and ``item`` the
    item's id, when they apply.
    """

    what: str
    stated: Any
    replayed: Any
    question: int | None = None
    entry: int | None = None
    item: str | None = None

    def __str__(self) -> str:
        where = f"question {self.question}" if self.question is not None else ""
        if self.entry is not None:
            where += f" (entry {self.entry} of the bundle's questions)"
        if self.what == "outcome":
            return (f"{where}, item {self.item}: the bundle states outcome {_show(self.stated)}, re-scoring the "
                    f"response gives {_show(self.replayed)}")
            return f"{where}: the bundle has item {self.stated}, the engine chooses {self.replayed}"
        if self.what == "log":
            return f"{where}: {self.stated} — {self.replayed}"
        if self.what.startswith("result."):
            return f"{self.what[7:]}: the bundle states {_show(self.stated)}, the replay gives {_show(self.replayed)}"
        return f"{where}: the bundle states {self.what} {_show(self.stated)}, expected {_show(self.replayed)}"


@dataclass(frozen=True)
class Check:
    """One named check of the audit and what it found."""

    name: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class AuditReport:
    """Everything the audit found; ``ok`` only when every check passed and nothing differs."""

    bundle_id: str
    attempt_id: str
    bank: str  # the bank the bundle names: id, version and manifest hash
    mode: str  # practice or exam, as the bundle states it
    candidate: str  # name and date of birth as checked in, or "(no check-in)"
    session: str  # the session number, or "(none)"
    device: str  # the kiosk's name and the fingerprint of the key that signed the bundle
    checks: tuple[Check, ...]
    differences: tuple[Difference, ...]
    notes: tuple[str, ...]
    replayed: Result | None
    engine: Any = ENGINE_VERSION  # the engine version the bundle's result states

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks) and not self.differences

    @property
    def other_engine(self) -> bool:
        """The bundle holds up in every check this Pupitre can make, but another engine version
        computed its result: it cannot be replayed here, which is no fault of the bundle."""
        failed = {c.name for c in self.checks if not c.ok}
        return self.engine != ENGINE_VERSION and failed <= {"questions", "result"} and not self.differences

    def __bool__(self) -> bool:
        return self.ok

    def check(self, name: str) -> Check:
        return next(c for c in self.checks if c.name == name)

    @property
    def first_difference(self) -> Difference | None:
        return self.differences[0] if self.differences else None

    def lines(self) -> list[str]:
        """The report as a person reads it."""
        out = [f"attempt    {self.attempt_id}", f"bundle     {self.bundle_id}", f"bank       {self.bank}",
               f"mode       {self.mode}", f"candidate  {self.candidate}", f"session    {self.session}",
               f"device     {self.device}"]
        for check in self.checks:
            out.append(f"{check.name:<10} {'ok' if check.ok else 'FAILED'} — {check.detail}")
        if self.differences:
            out.append("differences:")
            out.extend(f"  {d}" for d in self.differences)
        out.extend(f"note: {n}" for n in self.notes)
        if self.ok:
            out.append("MATCH: the bundle is intact and the engine gives back its questions and its result.")
        elif self.other_engine:
            out.append(f"NOT REPLAYED: engine version {self.engine!r} computed the bundle's result and this Pupitre "
                       f"runs version {ENGINE_VERSION}; every other check holds. Audit it with a Pupitre whose "
                       f"engine is version {self.engine!r}.")
        else:
            failed = [c.name for c in self.checks if not c.ok]
            out.append(f"DIVERGES: {', '.join(failed)} (see above).")
        return out


_MISSING = object()  # a field the bundle does not state


def _show(value: Any) -> str:
    return "(missing)" if value is _MISSING else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _same(stated: Any, replayed: Any) -> bool:
    """Equal as canonical JSON: bit for bit for floats, and an int is not a float."""
    if stated is _MISSING:
        return False
    try:
        return canonical_bytes(stated) == canonical_bytes(replayed)
    except CanonicalEncodingError:
        return False


def _encodes_as(value: Any, encoded: bytes) -> bool:
    """:func:`_same` of ``value`` and a value whose canonical encoding is ``encoded``."""
    try:
        return canonical_bytes(value) == encoded
    except CanonicalEncodingError:
        return False


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
    differing = [] if _same(stated, mine) else _differing_settings(stated, mine)
    if differing:
        return Check("profile", False, f"the bundle's profile '{name}' differs from the bank's in "
                                       f"{', '.join(differing)}"), profile
    return Check("profile", True, f"the bank's profile '{name}' ({profile.length} questions, strategy "
                                  f"{profile.strategy})"), profile


def _differing_settings(stated: Mapping[str, Any], ours: Mapping[str, Any], prefix: str = "") -> list[str]:
    out = []
    for key in sorted(set(stated) | set(ours)):
        a, b = stated.get(key, _MISSING), ours.get(key, _MISSING)
        if isinstance(a, Mapping) and isinstance(b, Mapping):
            out.extend(_differing_settings(a, b, f"{prefix}{key}."))
        elif a is _MISSING or b is _MISSING or not _same(a, b):
            out.append(f"{prefix}{key}")
    return out


def _log(bundle: ResultBundle, bank: OpenBank) -> tuple[list[Event], list[Difference]]:
    """The (item, outcome) log the engine replays, and the numbers or competences stated wrongly."""
    log: list[Event] = []
    differences: list[Difference] = []
    index = _index(bank)
    competences, events = index.competences, index.events
    counted = 0
    for entry, question in enumerate(bundle.questions, start=1):
        number = counted + 1
        item_id, outcome = question.get("item_id"), question.get("outcome")
        if not isinstance(item_id, str) or not isinstance(outcome, str) or outcome not in _OUTCOMES:
            differences.append(Difference("log", f"item {item_id!r} with outcome {outcome!r}",
                                          "the engine cannot replay it", number, entry))
            break
        plain = type(item_id) is str and type(outcome) is str
        event = events.get((item_id, outcome)) if plain else None
        if event is None:
            event = Event(item_id, outcome)
            if plain and item_id in competences:
                events[(item_id, outcome)] = event
        log.append(event)
        if question.get("number") != number:
            differences.append(Difference("number", question.get("number", _MISSING), number, number, entry))
        if "competence" in question and item_id in competences and question["competence"] != competences[item_id]:
            differences.append(Difference("competence", question["competence"], competences[item_id], number, entry))
        if outcome != NEUTRALISED:
            counted += 1
    return log, differences


@dataclass(frozen=True)
class _BankIndex:
    """What the audit looks up in a bank's index for every bundle, built once per opened bank (it never changes)."""

    competences: Mapping[str, Any]  # item id → competence
    focus: frozenset[str]  # the items asked in focus mode
    # (item id, outcome) → the log's event, made once (an Event is immutable): only the bank's items, so
    # that it never holds more than the bank's items times the outcomes
    events: dict[tuple[str, str], Event] = field(default_factory=dict, compare=False)


_INDEXES: weakref.WeakKeyDictionary[OpenBank, _BankIndex] = weakref.WeakKeyDictionary()


def _index(bank: OpenBank) -> _BankIndex:
    found = _INDEXES.get(bank)
    if found is None:
        found = _BankIndex(MappingProxyType({m.id: m.competence for m in bank.metas}),
                           frozenset(m.id for m in bank.metas if m.mode.value == "focus"))
        _INDEXES[bank] = found
    return found


def _focused_items(bundle: ResultBundle, bank: OpenBank) -> set[str]:
    """Items of focus questions during which the journal records that the candidate left the window.

    The kiosk counts a focus loss on a focus question whatever the entry's own ``counted`` flag
    says here: the item's mode comes from the bank, not from the bundle."""
    focus = _index(bank).focus
    return {item for e in bundle.events
            if e.kind == "focus-lost" and isinstance(item := e.payload.get("item_id"), str) and item in focus}


def _expected_outcome(item: Any, response: Any, stated: str, focused: bool, locale: str) -> str:
    """The outcome the kiosk records for ``response`` (see kiosk.core.session: answer and tick)."""
    if stated == _TIMED_OUT and response is None:
        return stated  # the time limit ended the question with no response
    try:
        rescored = check_answer(item, response, locale)
    except AnswerFormatError as exc:
        return f"no outcome: the response is not an answer to this item ({exc})"
    except (TypeError, ValueError) as exc:  # a hostile shape the answer checking does not foresee
        return f"no outcome: the response is not an answer to this item ({type(exc).__name__}: {exc})"
    if focused and rescored is not _SKIPPED:
        return _FOCUSED_OUT
    return _VALUES[rescored]


def _responses_check(bundle: ResultBundle, bank: OpenBank) -> tuple[Check, list[Difference]]:
    """Re-score every listed response against its item in the bank and compare with the outcome stated."""
    known = _index(bank).competences
    focused = _focused_items(bundle, bank)
    item_of, locale = bank.item, bundle.locale
    differences: list[Difference] = []
    counted = checked = 0
    for entry, question in enumerate(bundle.questions, start=1):
        item_id, stated = question.get("item_id"), question.get("outcome")
        if stated == NEUTRALISED:
            continue
        counted += 1
        if not isinstance(stated, str) or stated not in _OUTCOMES or not isinstance(item_id, str) \
                or item_id not in known:
            continue  # the replay names what cannot be replayed, and an item not of this bank
        if "response" not in question:
            differences.append(Difference("outcome", stated, "no outcome: the bundle lists no response", counted,
                                          entry, str(item_id)))
            continue
        try:
            item = item_of(str(item_id))
        except ItemBankError as exc:
            differences.append(Difference("outcome", stated, f"no outcome: the item cannot be read ({exc})",
                                          counted, entry, str(item_id)))
            continue
        expected = _expected_outcome(item, question["response"], str(stated), item_id in focused, locale)
        checked += 1
        if expected != stated:
            differences.append(Difference("outcome", stated, expected, counted, entry, str(item_id)))
    if differences:
        numbers = ", ".join(str(d.question) for d in differences)
        return Check("responses", False, f"{len(differences)} outcome(s) are not what the response gives "
                                         f"(question {numbers})"), differences
    return Check("responses", True, f"{checked} responses re-scored against their items: every outcome is the "
                                    "one the response gives"), differences


def _replay_checks(bundle: ResultBundle, bank: OpenBank, profile: ExamProfile,
                   exposure: ExposureRecord | None) -> tuple[list[Check], list[Difference], Result | None]:
    log, differences = _log(bundle, bank)
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
    result_differences = _result_differences(stated, canonical_bytes(replayed), replayed.keys() == _RESULT_KEYS)
    differences.extend(result_differences)
    if result_differences:
        detail = f"{len(result_differences)} field(s) differ: " + ", ".join(d.what[7:] for d in result_differences)
    else:
        detail = (f"identical, bit for bit: {result.status}, score {result.score}, level {result.level}, "
                  f"{len(result.competence_levels)} competence levels, θ {result.theta!r}")
    return [questions, Check("result", not result_differences, detail)], differences, result


def _screen_reader(bundle: ResultBundle) -> bool:
    """The candidate's accommodation says screen reader: the engine chose among the items a screen
    reader can convey (the kiosk's ``kiosk.core.candidate.SCREEN_READER``)."""
    accommodations = (bundle.candidate or {}).get("accommodations")
    return isinstance(accommodations, list) and "screen-reader" in accommodations


def _result_differences(stated: Mapping[str, Any], encoded: bytes, exact: bool = False) -> list[Difference]:
    """Every engine field the bundle states otherwise than the replay (competence levels one by one).

    ``encoded`` is the canonical encoding of the replay's result (``Result.to_dict``); ``exact`` says it
    holds the engine's fields and nothing else: it is then, as it is, the encoding those fields are
    compared with (canonical JSON decodes and encodes back to the same bytes)."""
    replayed = None
    if all(name in stated for name in _RESULT_FIELDS):
        stated_fields = {n: stated[n] for n in _RESULT_FIELDS}
        if exact:
            same = _encodes_as(stated_fields, encoded)
        else:
            replayed = json.loads(encoded)
            same = _same(stated_fields, {n: replayed.get(n) for n in _RESULT_FIELDS})
        if same:
            return []  # every field the same bit for bit: one comparison of the whole, no walk field by field
    if replayed is None:
        replayed = json.loads(encoded)
    out = []
    for name in _RESULT_FIELDS:
        mine, theirs = replayed.get(name), stated.get(name, _MISSING)
        if name == "competence_levels" and isinstance(mine, Mapping) and isinstance(theirs, Mapping):
            for code in sorted(set(mine) | set(theirs)):
                if not _same(theirs.get(code, _MISSING), mine.get(code)):
                    out.append(Difference(f"result.competence_levels.{code}", theirs.get(code, _MISSING),
                                          mine.get(code, _MISSING)))
        elif not _same(theirs, mine):
            out.append(Difference(f"result.{name}", theirs, mine))
    return out


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
    responses, differences = _responses_check(bundle, bank)
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

"""Finalising a session on this console: results replayed from the verified bundles, then closed and signed.

The console holds each verified bundle in ``results/<sha256>.bundle`` with its receipt
(``invigilator.server.results``). At finalisation every bundle of the session's attempts is
audited again against the bank and the kiosk's **pinned** key, and the result shown is the one
the console's replay computes with the scoring rules — never the number the kiosk wrote. The
invigilator sees those results before signing; the finalisation is then signed by the center
key, stored, and the session closed (:mod:`invigilator.core.finalisation` decides).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from invigilator.core.finalisation import AttemptFacts, Blocker, Finalisation, Preview, finalise, preview
from invigilator.errors import FinalisationError
from itembank.audit import BundleAuditError, audit_bundle
from protocol.bundle import BundleError, ResultBundle, bundle_id
from protocol.canonical import b64decode
from protocol.envelope import SignedEnvelope
from protocol.errors import ProtocolError
from protocol.keys import KeyPair

RESULTS = "results"


@dataclass(frozen=True)
class HeldBundle:
    digest: str
    envelope: SignedEnvelope
    bundle: ResultBundle
    kiosk_id: str  # the kiosk the receipt was given to


def held_bundles(data_dir: Path) -> dict[str, list[HeldBundle]]:
    """The verified bundles the console holds (each with its receipt), by attempt id."""
    held: dict[str, list[HeldBundle]] = {}
    folder = Path(data_dir) / RESULTS
    if not folder.is_dir():
        return held
    for path in sorted(folder.glob("*.bundle")):
        receipt_path = path.with_suffix(".receipt")
        try:
            data = path.read_bytes()
            envelope = SignedEnvelope.from_bytes(data, str(path))
            receipt = json.loads(receipt_path.read_bytes())
            bundle = ResultBundle.from_dict(envelope.signed)
        except (OSError, ValueError, ProtocolError, BundleError):
            continue  # no receipt, or not a bundle: it was never verified, the audit below would refuse it
        digest = bundle_id(data)
        if digest != path.stem:
            continue  # a file that is not what its name says
        kiosk = str(receipt.get("signed", {}).get("kiosk", ""))
        held.setdefault(bundle.attempt_id, []).append(HeldBundle(digest, envelope, bundle, kiosk))
    for bundles in held.values():
        bundles.sort(key=lambda b: b.bundle.created)
    return held


class SessionClosing:
    """Preview, finalise and sign a session of ``console`` with the unlocked center ``keys``."""

    def __init__(self, console: Any, keys: KeyPair, open_bank: Callable[[str], Any] | None = None):
        self.console = console
        self.keys = keys
        self._open_bank = open_bank or console.bank_opener(keys)

    def results(self, attempts: Mapping[str, AttemptFacts]) -> tuple[dict[str, AttemptFacts], list[Blocker]]:
        """The attempts with their verified bundle and the result the replay computes; problems found."""
        held = held_bundles(self.console.data_dir)
        kiosks = {k.id: k for k in self.console.store.kiosks.kiosks()}
        out: dict[str, AttemptFacts] = {}
        problems: list[Blocker] = []
        for cid, attempt in attempts.items():
            bundles = held.get(attempt.attempt_id, [])
            if not bundles or attempt.running:
                out[cid] = attempt
                continue
            chosen = bundles[-1]
            kiosk = kiosks.get(chosen.bundle.device_key_id)
            bank = self._open_bank(str(chosen.bundle.bank.get("id")))
            if kiosk is None or bank is None:
                problems.append(Blocker("result", attempt=attempt.attempt_id, detail=(
                    "its kiosk is not enrolled here" if kiosk is None else
                    f"bank {chosen.bundle.bank.get('id')} is not imported")))
                out[cid] = attempt
                continue
            pinned = Ed25519PublicKey.from_public_bytes(b64decode(kiosk.signing_public, "kiosk key"))
            try:
                report = audit_bundle(chosen.envelope, bank, [pinned], what=f"bundle {chosen.digest[:12]}…")
            except BundleAuditError as exc:
                problems.append(Blocker("result", attempt=attempt.attempt_id, detail=str(exc)))
                out[cid] = attempt
                continue
            if not report.ok:
                failed = [c for c in report.checks if not c.ok]
                detail = (f"{failed[0].name}: {failed[0].detail}" if failed
                          else f"{len(report.differences)} difference(s)")
                problems.append(Blocker("result", attempt=attempt.attempt_id,
                                        detail=f"its bundle does not replay ({detail})"))
                out[cid] = attempt
                continue
            result = report.replayed.to_dict() if report.replayed is not None else None
            out[cid] = replace(attempt, bundle=chosen.digest, result=result,
                               end_reason=chosen.bundle.end_reason or attempt.end_reason)
        return out, problems

    def preview(self, session_id: str) -> Preview:
        state = self.console.store.finalisations.state(session_id)
        attempts, problems = self.results(state.attempts)
        draft = preview(state.roster, attempts, state.alerts, state.busy, state.kiosk_names)
        return Preview(draft.lines, draft.blockers + tuple(problems))

    def finalise(self, session_id: str, *, comment: str, candidate_comments: Mapping[str, str],
                 abort_reasons: Mapping[str, str], by: str) -> Finalisation:
        """Finalise, sign with the center key, store, close; :class:`FinalisationError` lists what stands in the way."""
        exam = self.console.store.sessions.session(session_id)
        if self.console.store.finalisations.get(session_id) is not None:
            raise FinalisationError(f"session {session_id} is already finalised")
        draft = self.preview(session_id)
        decided = finalise(exam, draft, comment=comment, candidate_comments=candidate_comments,
                           abort_reasons=abort_reasons, by=by, now=self.console.now())
        center = self.console.require_center()
        signed = SignedEnvelope.create(decided.signed_document(center.id), self.keys).to_bytes()
        self.console.store.finalisations.save(decided, signed)
        return decided


def level_code(open_bank: Callable[[str], Any], bank_id: str, profile: str, level: int | None) -> str | None:
    """The profile's code of a level index (``N1``…), or None."""
    if level is None:
        return None
    bank = open_bank(bank_id)
    if bank is None:
        return str(level)
    levels = bank.profile(profile).scoring.levels
    return levels[level].code if 0 <= level < len(levels) else str(level)

"""Online verification of an attestation's QR payload (``protocol.attestation``).

Offline, a verifier checks the payload with the center's public key. Online, the hub does the same
with the key it enrolled for the center the payload names, then compares the payload with the
result the jury published under its verification code: a genuine signature on a result that was
never published, was cancelled, or says something else is reported as such.
"""

from __future__ import annotations

from typing import Any

from hub.jury import lookup
from hub.store.centers import CenterStore
from hub.store.database import Database
from protocol.attestation import PREFIX, SIGNATURE_BYTES, CompactResult, b45decode, verify_attestation
from protocol.errors import SignatureError

MAX_PAYLOAD = 600


def verify_qr(db: Database, payload: Any) -> dict[str, Any]:
    """``{"valid", "reason", "signature", "published", "result", "decision"}`` for a QR text."""
    answer: dict[str, Any] = {"valid": False, "reason": "", "signature": False, "published": False, "result": None,
                              "decision": None}
    if not isinstance(payload, str) or not payload.strip().startswith(PREFIX) or len(payload) > MAX_PAYLOAD:
        answer["reason"] = (f"not an attestation payload (it starts with {PREFIX} and has at most {MAX_PAYLOAD} "
                            "characters)")
        return answer
    text = payload.strip()
    try:
        raw = b45decode(text[len(PREFIX):])
        claimed = CompactResult.from_body(raw[:-SIGNATURE_BYTES]) if len(raw) > SIGNATURE_BYTES else None
    except (ValueError, SignatureError) as exc:
        answer["reason"] = f"the payload is damaged or altered: {exc}"
        return answer
    if claimed is None:
        answer["reason"] = "the payload is too short to hold a signed result (truncated?)"
        return answer
    center = CenterStore(db).find(claimed.center)
    if center is None:
        answer["reason"] = (f"center {claimed.center!r} is not enrolled at this hub: its signature cannot be "
                            "checked here")
        return answer
    check = verify_attestation(text, center.keys.signing)
    if not check.ok or check.result is None:
        answer["reason"] = check.reason
        return answer
    result = check.result
    answer["signature"] = True
    answer["result"] = {"code": result.code, "center": result.center, "date": result.date.isoformat(),
                        "score": result.score, "level": result.level, "initials": result.initials}
    published = lookup(db, result.code)
    if published is None:
        answer["reason"] = "signed by the center, but no result is published under this code"
        return answer
    answer["published"] = True
    answer["decision"] = published.decision
    differs = [name for name, ours, theirs in (("center", published.center_id, result.center),
                                                ("date", published.date, result.date),
                                                ("score", published.score, result.score))
               if ours != theirs]
    if published.decision != "obtained":
        answer["reason"] = f"signed by the center, but the jury decided {published.decision}"
    elif differs:
        answer["reason"] = f"signed by the center, but the published result differs ({', '.join(differs)})"
    else:
        answer["valid"] = True
        answer["reason"] = "signed by the center and published: certification obtained"
    return answer

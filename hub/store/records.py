"""Stored sessions and results: written from a verified package in the upload's transaction.

A package is stored whole or not at all: its session, every result and the receipt are written in
one savepoint of the transaction that wrote the package's last byte. The database's constraints
decide between two packages that claim one attempt (unique center and attempt) or one session
(unique center and session): the loser is refused ``duplicate-attempt``, never half stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hub.errors import Refusal
from hub.store.schema import ResultRow, SessionRow, UploadRow
from hub.verify import VerifiedPackage
from protocol.keys import KeyPair
from protocol.session_package import make_receipt


def name_key(text: str) -> str:
    """A name as people type it: no accents, case-folded, one space between parts."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(p for p in re.split(r"[\s'’.\-]+", bare.casefold()) if p)


def person_key(last_name: str, first_name: str, birth_date: dt.date | str) -> str:
    """One candidate across centers: the SHA-256 of the normalised names and the birth date."""
    text = f"{name_key(last_name)}\n{name_key(first_name)}\n{birth_date}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def refuse(row: UploadRow, refusal: Refusal, now: dt.datetime) -> None:
    row.state, row.refusal, row.reason, row.receipt, row.updated_at = "refused", refusal.code, str(refusal), None, now


def store_verified(s: Session, row: UploadRow, verified: VerifiedPackage, now: dt.datetime, hub_keys: KeyPair,
                   hub_name: str) -> None:
    """Write the session and its results and sign the receipt; refuse the package if one of its attempts
    (or its session) is already stored from another package."""
    package = verified.package
    attempts = [r.result.attempt for r in verified.results]
    clash = s.execute(select(ResultRow.attempt, SessionRow.package).join(SessionRow, ResultRow.session == SessionRow.id)
                      .where(ResultRow.center_id == row.center_id, ResultRow.attempt.in_(attempts))).first()
    if clash is not None:
        refuse(row, Refusal("duplicate-attempt", f"attempt {clash[0]} is already stored from package "
                                                 f"{clash[1][:16]}…"), now)
        return
    try:
        with s.begin_nested():
            session = SessionRow(package=row.package, center_id=row.center_id, session_id=package.session_id,
                                 date=verified.session_date, room=str(package.session["room"]),
                                 bank_id=str(package.session["bank"]["id"]), profile=str(package.session["profile"]),
                                 invigilators=list(package.session["invigilators"]),
                                 incidents=len(package.incidents), comment=package.comment, stored_at=now)
            s.add(session)
            s.flush()
            results = []
            for item in verified.results:
                r, c = item.result, item.result.candidate
                birth = dt.date.fromisoformat(c["birth_date"])
                results.append(dict(session=session.id, center_id=row.center_id, attempt=r.attempt, bundle=item.bundle,
                                    receipt_code=item.receipt_code, verification_code=item.verification_code,
                                    outcome=r.outcome, external_id=c["external_id"], last_name=c["last_name"],
                                    first_name=c["first_name"], birth_date=birth,
                                    person_key=person_key(c["last_name"], c["first_name"], birth),
                                    date=verified.session_date, status=item.status, score=item.score,
                                    level=item.level, result=item.replayed, abort_reason=r.abort_reason,
                                    decision="pending"))
            if results:  # one statement for the session's results (an ORM bulk insert: no object per row)
                s.execute(insert(ResultRow), results)
            s.flush()
    except IntegrityError as exc:
        text = str(exc.orig)
        what = ("its session is already stored from another package" if "session" in text
                else "one of its attempts, bundles or verification codes is already stored from another package")
        refuse(row, Refusal("duplicate-attempt", f"the package cannot be stored: {what}"), now)
        return
    row.state, row.refusal, row.reason, row.updated_at = "stored", None, None, now
    row.receipt = make_receipt(package=row.package, center=row.center_id, session=package.session_id,
                               candidates=len(verified.results), stored_at=now, hub_name=hub_name, hub_keys=hub_keys)

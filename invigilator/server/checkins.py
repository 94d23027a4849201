"""The check-in a sync carries: recorded, matched against the roster, and answered (for the kiosk to show).

Called from the sync handler once the request is authenticated and its counter taken, so a
replayed or forged sync never reaches the roster.
"""

from __future__ import annotations

import datetime as dt
import logging

from invigilator.core.checkin import CheckInState, TypedCheckIn
from invigilator.store import RoomStore
from protocol.room import CheckInAnswer, CheckInClaim

log = logging.getLogger("pupitre.console.server")


def answer_check_in(store: RoomStore, kiosk_id: str, claim: CheckInClaim | None,
                    now: dt.datetime) -> CheckInAnswer | None:
    if claim is None:
        return None
    typed = TypedCheckIn(claim.attempt_id, claim.session_number, claim.access_code, claim.last_name,
                         claim.first_name, claim.birth_date)
    checkin = store.checkins.record(kiosk_id, typed, now)
    if checkin.state is CheckInState.REFUSED and checkin.received_at == now:
        log.info("check-in refused", extra={"fields": {"kiosk": kiosk_id, "attempt": claim.attempt_id,
                                                       "reason": str(checkin.refusal)}})
    answer = checkin.answer()
    return CheckInAnswer(answer["attempt_id"], answer["state"], answer["reason"], answer["message"])

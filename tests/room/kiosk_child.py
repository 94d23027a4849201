"""A real enrolled exam kiosk, headless, for the room's fault tests: killed with SIGKILL and started again.

Run as ``python -m tests.room.kiosk_child --data-dir D --bank F --passphrase P --trust PUB --unlock CODE`` from
the repository root. It is the kiosk's exam mode without its window: the real bank, device key,
SQLite journal (kiosk.journal, fsynced), exam session and room link (``kiosk.link.room.open_room``:
the pairing saved at enrolment, the request counter, the sync worker on its own thread). It resumes
the unfinished attempt if there is one (the invigilator's unlock code authorises the resume, as
when the console is out of reach), or checks in and starts a new one; then a candidate leaves and
comes back to the window and skips a question now and then, each a journal entry, until killed.

One line per fact on stdout, flushed at once::

    START  attempt restored|new state seq      the kiosk is built
    SEQ    seq acknowledged                     the journal's last entry, and how far the console's replica goes
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def say(*fields: object) -> None:
    print(*fields, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--bank", type=Path, required=True)
    parser.add_argument("--passphrase", required=True)
    parser.add_argument("--trust", type=Path, required=True)
    parser.add_argument("--unlock", required=True)
    parser.add_argument("--skip-every", type=float, default=2.0, help="seconds between two skipped questions")
    args = parser.parse_args(argv)

    from itembank.pbank import open_bank
    from kiosk.app import PracticeKiosk
    from kiosk.core.session import State
    from kiosk.exam import ExamKiosk
    from kiosk.guard.unlock import UnlockGate
    from kiosk.link.room import open_room
    from protocol.keys import PublicKeys
    from tests.kiosk.test_session import CANDIDATE

    parts = PracticeKiosk(open_bank(args.bank, [PublicKeys.load(args.trust)], passphrase=args.passphrase), None,
                          args.data_dir)
    room = open_room(args.data_dir, device=parts.device, store=parts.store)
    assert room is not None, "the kiosk is not enrolled"
    exam = ExamKiosk(parts, UnlockGate(args.data_dir), room)
    attempt = exam.resume_or_start()
    session, link = attempt.session, attempt.authority
    say("START", session.attempt.attempt_id, "restored" if attempt.restored else "new", session.state.value,
        session.events[-1].seq if session.events else 0)
    room.start()
    if attempt.restored:
        session.request_resume()
    else:
        session.open_check_in()
        session.submit_check_in(CANDIDATE, "fr")
    assert link.authorise_with_code(args.unlock).accepted, "the unlock code was refused"
    if session.state is State.ENVIRONMENT_CHECK:
        session.environment_checked([])
    if session.state is State.INSTRUCTIONS:
        session.start_test()
    last_skip, shown = time.monotonic(), None
    while True:
        room.on_tick(link)
        session.tick()
        if session.state is State.FOCUS_WARNING:
            session.acknowledge_focus_warning()
        if session.state is State.QUESTION:
            session.focus_lost("alt-tab")
            session.focus_regained()
            if time.monotonic() - last_skip > args.skip_every and session.number < session.length - 1:
                session.skip()
                last_skip = time.monotonic()
        seq = session.events[-1].seq
        acknowledged = room.book.acknowledged_seq(session.attempt.attempt_id)
        if (seq, acknowledged) != shown:
            say("SEQ", seq, acknowledged)
            shown = (seq, acknowledged)
        time.sleep(0.1)


if __name__ == "__main__":
    sys.exit(main())

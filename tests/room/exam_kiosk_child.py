"""A real enrolled exam kiosk with no bank of its own, headless, driven line by line: the exam day's kiosks.

Run as ``python -m tests.room.exam_kiosk_child --data-dir D --session S --code C --last-name … --first-name …
--birth-date YYYY-MM-DD`` from the repository root, on a data folder enrolled with ``pupitre-kiosk enrol``.
It is ``pupitre-kiosk --exam`` without --bank and without its window: :func:`kiosk.exam_room.build_room_exam`
(device key, SQLite journal, bundle writer, room link with bank delivery, sync worker). The candidate
checks in with what it is given through the session's real check-in; the bank comes with the
console's authorisation; the environment check and instructions pass as a candidate would.

Orders, one per line on stdin::

    focus      skip to the next focus question, lose the window's focus there and get it back
    problem    report a problem on the question on screen
    finish     answer every question left as its solution says, submit, and send the bundle until the console's
               receipt

Facts, one per line on stdout, flushed at once::

    STATE state [question-number]       each change of the session's state
    ANSWER state reason                 the console's answer to the check-in
    FOCUS number item                   the focus was lost on this focus question
    PROBLEM number item                 a problem was reported on this question
    RECEIPT attempt                     the console's receipt for the submitted bundle
    ERROR text                          an order that could not be followed
"""

from __future__ import annotations

import argparse
import datetime as dt
import queue
import sys
import threading
import time
from pathlib import Path


def say(*fields: object) -> None:
    print(*fields, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--session", required=True)
    parser.add_argument("--code", required=True)
    parser.add_argument("--last-name", required=True)
    parser.add_argument("--first-name", required=True)
    parser.add_argument("--birth-date", type=dt.date.fromisoformat, required=True)
    args = parser.parse_args(argv)

    from itembank.answers import reference_responses
    from itembank.model import Mode
    from kiosk.core.candidate import Candidate
    from kiosk.core.session import State
    from kiosk.exam_room import build_room_exam
    from kiosk.guard.unlock import UnlockGate

    kiosk = build_room_exam(args.data_dir, UnlockGate(args.data_dir))
    exam, room = kiosk.exam, kiosk.room
    attempt = kiosk.resume_or_start()
    session = attempt.session
    room.start()
    session.open_check_in()
    session.submit_check_in(Candidate(args.last_name, args.first_name, args.birth_date, args.session, args.code), "fr")

    orders: queue.SimpleQueue[str] = queue.SimpleQueue()

    def read_orders() -> None:
        for line in sys.stdin:
            orders.put(line.strip())
        orders.put("eof")
    threading.Thread(target=read_orders, daemon=True).start()

    seeking_focus = finishing = False
    shown: object = None
    answer: object = None
    receipt_said = False
    while True:
        exam.tick()
        now_answer = attempt.authority.check_in_answer
        if now_answer is not None and (now_answer.state, now_answer.reason) != answer:
            answer = (now_answer.state, now_answer.reason)
            say("ANSWER", now_answer.state, now_answer.reason or "-")
        if session.state is State.ENVIRONMENT_CHECK:
            session.environment_checked([])
        if session.state is State.INSTRUCTIONS:
            session.start_test()
        if session.state is State.FOCUS_WARNING:
            session.acknowledge_focus_warning()
        state = (session.state.value, session.question.number if session.question is not None else None)
        if state != shown:
            say("STATE", *[s for s in state if s is not None])
            shown = state
        try:
            order = orders.get_nowait()
        except queue.Empty:
            order = None
        if order == "eof":
            break
        if order == "focus":
            seeking_focus = True
        elif order == "problem":
            if session.state is State.QUESTION:
                session.report_problem("La figure ne s'affiche pas")
                say("PROBLEM", session.question.number, session.question.item.id)
            else:
                say("ERROR", f"no question on screen to report ({session.state.value})")
        elif order == "finish":
            finishing = True
        elif order:
            say("ERROR", f"unknown order {order!r}")
        if seeking_focus and session.state is State.QUESTION:
            if session.question.item.mode is Mode.FOCUS:
                session.focus_lost("alt-tab")
                session.focus_regained()
                say("FOCUS", session.question.number, session.question.item.id)
                seeking_focus = False
            elif session.number < session.length - 1:
                session.skip()
            else:
                say("ERROR", "no focus question left")
                seeking_focus = False
        if finishing and session.state is State.QUESTION:
            session.answer(reference_responses(session.question.item, "fr")[0])
        if finishing and session.state is State.FINISHED:
            session.submit()
        attempt_id = session.attempt.attempt_id
        if session.state is State.SUBMITTED and not receipt_said and room.worker.receipt(attempt_id) is not None:
            say("RECEIPT", attempt_id)
            receipt_said = True
        time.sleep(0.05)
    kiosk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

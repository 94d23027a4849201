"""The candidate's side in the custody tests: a kiosk interface started by a real keeper.

Run by ``pupitre-kiosk keeper … -- python keeper_client.py [--dumpable]`` as the candidate's
account. It makes itself private (unless ``--dumpable``: the control case), greets the keeper,
prints ``{"pid": …}`` and then answers one JSON line per command read on stdin:

    exam ID       a whole exam through the keeper's journal and result sink
    hold ID       create ID, commit one entry, then open a transaction and append two (held)
    commit        end the held transaction
    append ID     append one entry to ID
    garbage       send malformed and oversized frames on the keeper's socket, then a valid request
    unlock CODE   check the invigilator's code through the keeper
    quit
"""

from __future__ import annotations

import json
import struct
import sys
from contextlib import ExitStack
from typing import Any


def run_exam(store: Any, sink: Any, device_name: str, attempt_id: str) -> tuple[str, list[Any]]:
    """A two-question exam on a synthetic bank, finished and submitted; its receipt and events."""
    from itembank.profile import ExamProfile
    from itembank.synth import synthetic_bank
    from kiosk.core.session import AttemptInfo, AttemptMode, ExamSession
    from tests.kiosk.fakes import FakeClock, ManualAuthority, SequentialEngine, SourceItems, play_to_the_end

    profile = ExamProfile(length=2, duration_minutes=10, min_treated=1)
    bank = SourceItems(synthetic_bank(48, seed=3))
    clock = FakeClock()
    attempt = AttemptInfo(attempt_id, AttemptMode.EXAM, 7, {"id": "synth", "version": 1, "manifest_sha256": "cd" * 32},
                          profile, device_name)
    session = ExamSession(attempt=attempt, bank=bank, journal=store.create_attempt(attempt_id),
                          engine_factory=lambda seed: SequentialEngine(bank.metas, profile.length, seed),
                          clock=clock, authority=ManualAuthority(), results=sink)
    play_to_the_end(session, clock)
    return session.submit(), session.events


def main() -> int:
    if "--dumpable" not in sys.argv:
        from kiosk.keeper.private import make_undumpable

        make_undumpable()
    from kiosk.errors import KioskError
    from kiosk.keeper.client import connect_keeper

    def say(**fields: Any) -> None:
        print(json.dumps(fields), flush=True)

    try:
        custody = connect_keeper()
    except KioskError as exc:
        import os

        say(error=str(exc), type=type(exc).__name__, pid=os.getpid())
        sys.stdin.readline()  # stay until told, so that the test can look at this process
        return 3
    import os

    say(pid=os.getpid(), key_id=custody.device.key_id, public=custody.device.public.to_dict())
    held = ExitStack()
    journals: dict[str, Any] = {}
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        try:
            if command == "quit":
                break
            if command == "exam":
                receipt, events = run_exam(custody.store, custody.sink, custody.device.name, arg)
                say(receipt=receipt, head=events[-1].hash, count=len(events))
            elif command == "hold":
                journal = journals[arg] = custody.store.create_attempt(arg)
                journal.append("attempt-created", {"attempt_id": arg})
                held.enter_context(journal.transaction())
                journal.append("guard", {"n": 1})
                journal.append("guard", {"n": 2})
                say(held=len(journal.events()))
            elif command == "commit":
                held.close()
                say(committed=True)
            elif command == "append":
                event = journals[arg].append("guard", {"n": 3})
                say(seq=event.seq)
            elif command == "unlock":
                gate = custody.unlock_gate()
                say(set=gate.is_set, accepted=gate.check(arg))
            elif command == "garbage":
                sock = custody.client._sock
                replies = []
                from kiosk.keeper.wire import MAX_REPLY, MAX_REQUEST, recv_frame

                over = MAX_REQUEST + 1

                for frame in (struct.pack(">I", 5) + b"nope!", struct.pack(">I", 4) + b"[1 ]",
                              struct.pack(">I", 2) + b"[]", struct.pack(">I", over) + b"x" * over,
                              struct.pack(">I", 22) + b'{"op":"shutdown-now!"}'):
                    sock.sendall(frame)
                    replies.append(recv_frame(sock, MAX_REPLY))
                say(replies=replies, unfinished=len(custody.store.unfinished_attempts()))
            else:
                say(error=f"unknown command {command}")
        except KioskError as exc:
            say(error=str(exc), type=type(exc).__name__)
    return 0


if __name__ == "__main__":
    sys.exit(main())

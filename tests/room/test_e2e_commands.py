"""Commands from the real console reach the real kiosk link, verified, obeyed once, acknowledged (issue 10)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random

import pytest

from invigilator.core.center import Bank, SessionStatus, TrustedPublisher
from invigilator.core.commands import CommandKind
from invigilator.core.roster import Candidate
from kiosk.core.session import State
from protocol.keys import KeyPair
from protocol.keywrap import unwrap_for_recipient
from protocol.room import BankDescriptor, bank_key_context
from tests.kiosk.test_session import CANDIDATE
from tests.room.conftest import Console, Kiosk, now, wait_for


@pytest.fixture
def exam(console: Console, tmp_path):
    """An open session on an imported bank, one roster line with 10 minutes of extra time."""
    store = console.store
    assert store is not None
    data = os.urandom(50_000)
    path = tmp_path / "demo.pbank"
    path.write_bytes(data)
    publisher = KeyPair.generate("publisher")
    t = now()
    store.sessions.trust_publisher(TrustedPublisher(publisher.public.signing_id, "Éditeur", "pub", t))
    store.sessions.add_bank(Bank("demo-1", "Démo", publisher.public.signing_id, hashlib.sha256(data).hexdigest(), t))
    console.banks["demo-1"] = path
    console.bank_keys["demo-1"] = os.urandom(32)
    session = store.sessions.create_session("demo-1", "certification", t.date(), "Salle 1", t, random.Random(1))
    store.sessions.set_status(session.id, SessionStatus.OPEN, t)
    store.sessions.add_candidates([Candidate("cand-1", session.id, "Martin", "Léa", dt.date(2009, 5, 17),
                                             extra_time_minutes=10)])
    return session


def issue(console: Console, kind: CommandKind, kiosk: Kiosk, args: dict, acknowledged=()):
    assert console.store is not None
    return console.store.commands.issue(kind, kiosk.id, args, now(), "M. Roy", acknowledged).command


def obeyed(kiosk: Kiosk, command_id: str):
    """Drain on the 'interface thread' until the command came and was obeyed; its result."""
    def done():
        kiosk.link.drain()
        return next((r for r in kiosk.link.results if r.command_id == command_id), None)
    return wait_for(done, f"command {command_id} to be obeyed")


def acknowledged(console: Console, kiosk: Kiosk, command_id: str) -> None:
    assert console.store is not None
    wait_for(lambda: next(c for c in console.store.commands.commands(kiosk.id) if c.id == command_id).acknowledged_at,
             f"the console to see {command_id} acknowledged")


def test_authorise_with_the_wrapped_bank_key_then_pause_resume_add_time_end(console: Console, kiosk: Kiosk,
                                                                            exam) -> None:
    s = kiosk.session
    s.open_check_in()
    s.submit_check_in(CANDIDATE, "fr")
    assert console.store is not None
    match = console.store.sessions.check_in(exam.id, exam.access_code, "Martin", "Léa", dt.date(2009, 5, 17))
    assert match.candidate is not None and match.candidate.id == "cand-1"
    start = issue(console, CommandKind.AUTHORISE_START, kiosk, {"candidate_id": "cand-1"})
    assert start.args["extra_time_minutes"] == 10 and "exposure" in start.args
    result = obeyed(kiosk, start.id)
    assert result.disposition.value == "applied" and not result.duplicate
    order = next(e for e in s.events if e.kind == "room-command")
    assert order.payload["id"] == start.id and "wrapped_key" not in order.payload
    assert s.state is State.ENVIRONMENT_CHECK
    acknowledged(console, kiosk, start.id)
    # the bank and its key as the kiosk received them: the key unwraps with the device key only
    [delivered] = kiosk.authorised
    assert delivered.id == start.id
    descriptor = BankDescriptor.from_dict(delivered.bank)
    assert descriptor.bank_id == "demo-1"
    key = unwrap_for_recipient(delivered.wrapped_key, kiosk.device.wrapping_private,
                               bank_key_context("demo-1", start.id))
    assert key == console.bank_keys["demo-1"]
    s.environment_checked([])
    s.start_test()
    if s.state is State.FOCUS_WARNING:
        s.acknowledge_focus_warning()
    before = s.remaining()
    assert before > 10 * 60 + 9 * 60  # ten minutes of the profile, ten of extra time
    for kind, args in ((CommandKind.PAUSE, {}), (CommandKind.RESUME, {}),
                       (CommandKind.ADD_TIME, {"minutes": 5, "purpose": "compensation"})):
        command = issue(console, kind, kiosk, args)
        assert obeyed(kiosk, command.id).disposition.value == "applied"
        acknowledged(console, kiosk, command.id)
    assert s.remaining() > before + 4 * 60
    end = issue(console, CommandKind.END, kiosk, {"reason": "technical"})
    assert obeyed(kiosk, end.id).disposition.value == "applied"
    acknowledged(console, kiosk, end.id)
    assert s.state in (State.FINISHED, State.SUBMITTED)
    kiosk.synced()
    ids = [e.payload["id"] for e in s.events if e.kind == "room-command"]
    assert len(ids) == len(set(ids)) == 5

"""A real exam session on its first question, and a guard around it for the facade tests."""

import dataclasses
import datetime as dt

from PySide6.QtWidgets import QLabel, QMainWindow

from itembank.model import Mode
from itembank.profile import ExamProfile
from itembank.synth import synthetic_bank
from kiosk.core.candidate import Candidate
from kiosk.core.session import AttemptInfo, AttemptMode, ExamSession, State
from kiosk.guard.guard import Guard
from kiosk.guard.policy import GuardPolicy
from kiosk.guard.unlock import set_unlock_code
from protocol.keys import ScryptParams
from tests.guard.fakes import FakeProbe, FakeProcesses
from tests.kiosk.fakes import FakeClock, ManualAuthority, MemoryJournal, RecordingSink, SequentialEngine, SourceItems

UNLOCK = "code-du-surveillant"


def build_session(mode=Mode.FOCUS, guard_section=None):
    source = synthetic_bank(96, seed=11)
    source.items = [dataclasses.replace(item, mode=mode, time_limit=None) for item in source.items]
    bank = SourceItems(source)
    clock = FakeClock()
    extra = {"guard": guard_section} if guard_section is not None else {}
    profile = ExamProfile(length=6, duration_minutes=60, min_treated=1, extra=extra)
    attempt = AttemptInfo("att-g", AttemptMode.EXAM, 3, {"id": "synth", "version": 1}, profile, "kiosk-g")
    return ExamSession(attempt=attempt, bank=bank, engine_factory=lambda seed: SequentialEngine(bank.metas, 6, seed),
                       journal=MemoryJournal(clock), clock=clock, authority=ManualAuthority(), results=RecordingSink())


def to_question(session):
    session.open_check_in()
    session.submit_check_in(Candidate("Martin", "Léa", dt.date(2009, 5, 17), "12345", "PVXB89"), "fr")
    session.authorise(by="invigilator")
    session.environment_checked([])
    session.start_test()
    if session.state is State.FOCUS_WARNING:
        session.acknowledge_focus_warning()
    return session


class Kit:
    def __init__(self, qtbot, tmp_path):
        self.qtbot = qtbot
        self.tmp_path = tmp_path
        self.guards = []

    def guard(self, session=None, *, mode=Mode.FOCUS, policy=None, started=True, at_question=True, **kwargs):
        session = session or build_session(mode)
        if at_question and session.state is State.IDLE:
            to_question(session)
        window = QMainWindow()
        window.setCentralWidget(QLabel("Question"))
        self.qtbot.addWidget(window)
        window.show()
        kwargs.setdefault("probe", FakeProbe())
        kwargs.setdefault("processes", FakeProcesses())
        kwargs.setdefault("platform", "other")
        set_unlock_code(self.tmp_path, UNLOCK, ScryptParams(n=2**14))
        guard = Guard(session, window, policy or GuardPolicy(debounce_ms=50), data_dir=self.tmp_path, **kwargs)
        self.guards.append(guard)
        if started:
            guard.start()
        return guard

    def close(self):
        for guard in self.guards:
            guard.stop()


def guard_events(session, kind=None):
    payloads = [e.payload for e in session.events if e.kind == "guard"]
    return [p for p in payloads if kind is None or p["type"] == kind]

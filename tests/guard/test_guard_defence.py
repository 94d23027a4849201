"""What the window keeper's findings mean for the attempt (no display: the keeper's callbacks)."""

from dataclasses import dataclass

from itembank.model import Mode
from kiosk.guard.defence import ExamWindowDefence
from tests.guard.exam import build_session, to_question


@dataclass
class Window:
    id: int = 0x600001
    wm_class: str = "Overlay"
    title: str = "réponses"
    pid: int | None = 4321
    override_redirect: bool = True
    classes: tuple = ("overlay", "Overlay")


def defence(mode=Mode.FOCUS, granted=()):
    session = to_question(build_session(mode))
    clock, journal, locks, regrabs = [0.0], [], [], []
    d = ExamWindowDefence(session, journal=lambda kind, **details: journal.append((kind, details)),
                          lock=lambda reason, details: locks.append((reason, details)), clock=lambda: clock[0],
                          away=lambda: False, regrab=lambda: regrabs.append(True), program=lambda pid: "helper",
                          allowed_tool=lambda name, classes: any(c in granted for c in classes))
    return d, session, clock, journal, locks, regrabs


def test_a_change_of_the_window_during_a_focus_question_counts_and_the_keyboard_is_taken_back():
    d, session, _, journal, locks, regrabs = defence()
    d.tampered(["minimized"])
    assert session.question.focus_out is True
    d.restored(["minimized"], 0.012)
    assert [k for k, _ in journal] == ["window-tampered", "window-restored"] and regrabs == [True]
    assert journal[1][1]["after_ms"] == 12.0
    assert session.question.focus_lost_at is None  # back: the interval is closed
    assert locks == []


def test_the_third_change_within_a_minute_locks_and_spread_changes_do_not():
    d, _, clock, _, locks, _ = defence()
    for now in (0.0, 61.0, 122.0, 183.0):
        clock[0] = now
        d.tampered(["unmapped"])
        d.restored(["unmapped"], 0.01)
    assert locks == []
    for now in (300.0, 310.0, 320.0):
        clock[0] = now
        d.tampered(["not-on-top"])
    assert locks == [("window-tampered", {"problems": ["not-on-top"], "times": 3})]


def test_a_window_that_cannot_be_restored_locks():
    d, _, _, _, locks, _ = defence(Mode.FREE)
    d.failed(["not-full-screen"])
    assert locks[0][0] == "window-tampered"


def test_a_foreign_window_is_journalled_and_the_same_program_again_locks():
    d, session, clock, journal, locks, _ = defence()
    d.foreign(Window())
    assert journal[-1] == ("foreign-window", {"window": "réponses", "wm_class": "Overlay", "pid": 4321,
                                              "program": "helper", "override_redirect": True, "times": 1})
    assert session.question.focus_out is True and locks == []
    clock[0] = 30.0
    d.foreign(Window(wm_class="Other", title="autre"))  # another program: no lock
    assert locks == []
    clock[0] = 50.0
    d.foreign(Window(id=0x600002))
    assert locks and locks[0][0] == "foreign-window" and locks[0][1]["times"] == 2


def test_a_granted_tool_is_allowed_by_its_class():
    d, *_ = defence(granted=("Magnifier",))
    assert d.allowed(Window(classes=("magnifier", "Magnifier")))
    assert not d.allowed(Window())

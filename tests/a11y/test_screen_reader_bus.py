"""A blind candidate's practice test as a screen reader gets it: the kiosk on Xvfb + openbox with
Qt's accessibility on, a real AT-SPI bus, and a walker in another process (the system Python's
pyatspi) that reads the tree and listens to focus and announcement events on each screen.

In CI nothing here is skipped (``.ci/run`` installs at-spi2-core and python3-pyatspi); elsewhere
the suite is skipped, with the reason, only when those are missing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.a11y.bus import AccessibleKiosk, ci, missing

LACKING = missing()
pytestmark = pytest.mark.skipif(bool(LACKING) and not ci(),
                                reason=f"needs {', '.join(LACKING)} (apt-get install at-spi2-core python3-pyatspi "
                                       "xvfb openbox dbus)")
FIGURES = os.environ.get("PUPITRE_A11Y_FIGURES")  # a file to write the figures to (docs/benchmarks.md)


def focus_changes(events: list[dict], before: str | None) -> list[dict]:
    """The focus events, a repeat of the object already focused counted once (a screen reader
    does not read an object twice in a row)."""
    out, last = [], before
    for event in events:
        if event["type"] != "focus":
            continue
        key = f"{event['role']}|{event['name']}"
        if key != last:
            out.append(event)
            last = key
    return out


def stray(events: list[dict], before: str | None, target_name: str) -> list[dict]:
    """Focus that lands on neither the target nor a screen shown on the way (a named page)."""
    return [e for e in focus_changes(events, before)
            if e["name"] != target_name and not (e["role"] == "filler" and e["name"].strip())]


def announcements(events: list[dict]) -> list[str]:
    return [e["text"] for e in events if e["type"].startswith("object:announcement")]


@pytest.fixture(scope="module")
def bus(tmp_path_factory):
    kiosk = AccessibleKiosk(tmp_path_factory.mktemp("a11y"))
    try:
        kiosk.tree(lambda t: "error" not in t, timeout=30)
        yield kiosk
    finally:
        kiosk.close()


def test_a_practice_test_through_the_accessibility_bus(bus):
    figures = {"screens": 0, "controls": 0, "unnamed": 0, "announcements": 0, "stray_focus": 0, "max_nodes": 0}
    stray_seen: list[dict] = []
    state = {"focus": "text|Nom"}

    def screen(command: str, target_name: str | None = None, *, expect: str | None = None) -> tuple[dict, list]:
        """Play ``command``; check the tree (no unnamed control or image) and the focus events."""
        reply = bus.do(command)
        tree = bus.tree(lambda t: not t.get("unnamed"), timeout=3)
        events = bus.events()
        assert tree.get("unnamed") == [], f"{command}: unnamed controls {tree.get('unnamed')}"
        if target_name is not None:
            moves = focus_changes(events, state["focus"])
            assert moves and moves[-1]["name"] == target_name, f"{command}: the focus ended on {moves}"
            strays = stray(events, state["focus"], target_name)
            stray_seen.extend(strays)
            state["focus"] = f"{moves[-1]['role']}|{moves[-1]['name']}"
        if expect is not None:
            said = announcements(events)
            assert any(expect in text for text in said), f"{command}: {expect!r} not announced in {said}"
        figures["screens"] += 1
        figures["announcements"] += len(announcements(events))
        figures["max_nodes"] = max(figures["max_nodes"], tree.get("nodes", 0))
        figures["controls"] += tree.get("controls", 0)
        return reply, tree

    # Check-in: an error is announced, the focus goes to the field (and stays there).
    screen("submit", expect="Nom\u00a0: Obligatoire.")
    # Arrival on the instructions (through the check of the workstation), announced by its title.
    reply, _ = screen("checkin", "Commencer le test", expect="Avant de commencer")
    assert reply["state"] == "instructions"
    reply, _ = screen("start")
    # The questions: the statement has the focus, its name says where and how, its text is readable.
    seen_focus_question, answered = False, 0
    while not (seen_focus_question and answered >= 3):  # half the questions are focus ones; 16 in all
        assert reply["state"] in ("question", "focus-warning") and answered < 15, reply
        if reply["state"] == "focus-warning":
            reply, _ = screen("acknowledge")
            continue
        question = next(a for a in reversed(reply["announcements"]) if a.startswith("Question "))
        tree = bus.tree(lambda t, q=question: any(x["name"] == q for x in t["texts"]), timeout=5)
        statement = next(x for x in tree["texts"] if x["name"] == question)
        assert statement["focusable"] and statement["multi_line"]
        assert "lisez le document puis répondez." in statement["text"] and "**" not in statement["text"]
        assert " sur 16, question " in question
        if "question focus" in question and not seen_focus_question:
            seen_focus_question = True
            screen("focus-answer")
            before = bus.do("state")["focus"]
            _, _ = screen("leave", expect="⚠ Vous avez quitté la fenêtre")
            assert bus.do("state")["focus"] == before  # announced, and the focus stayed on the answer
        reply, _ = screen("answer")
        answered += 1
    # Pause and back: the hold screen is announced; the statement has the focus again.
    while reply["state"] != "question":
        reply, _ = screen("acknowledge")
    screen("pause", expect="Test en pause")
    screen("resume")
    # A problem report: its outcome is announced and the focus returns to the answer.
    reply, _ = screen("report", expect="Votre signalement a été")
    while reply["state"] == "focus-warning":  # the replacement is a focus question: its briefing first
        reply, _ = screen("acknowledge")
    assert reply["state"] == "question"  # the clock runs only while a question is on screen
    # The time: the mark of ten minutes left is announced (the clock ticks each second).
    bus.do("advance 1260")
    said: list[str] = []
    for _ in range(10):
        said += announcements(bus.events(settle=0.5))
        if "Plus que 10 min" in said:
            break
    assert said.count("Plus que 10 min") == 1, said
    figures["announcements"] += len(said)
    # The end: the focus is on the score, never on "Quitter".
    reply, tree = screen("finish")
    assert reply["state"] == "submitted" and reply["focus"] == "score"
    figures["stray_focus"] = len(stray_seen)
    assert stray_seen == [], f"stray focus events: {stray_seen}"
    if FIGURES:
        Path(FIGURES).write_text(json.dumps(figures), encoding="utf-8")

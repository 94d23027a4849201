"""Guard events as the journal keeps them."""

import json

import pytest

from kiosk.guard.report import EVENTS, guard_event


@pytest.mark.parametrize("kind", sorted(EVENTS))
def test_every_event_is_plain_data_with_both_languages(kind):
    payload = guard_event(kind, measure="x", reason="y", process={"pid": 1, "name": "zoom"}, category="chat",
                          away_s=1.5, window="xterm", counted=True, check="screens", action="blank",
                          signs=["2 screens"], count=2, seconds=3.0, kind="stalled", state="held", failures=3,
                          purpose="exit", applied=["shell"], tools=["orca"], measures=["a"])
    json.dumps(payload)
    assert payload["type"] == kind and payload["severity"] in ("info", "warning", "violation")
    assert payload["text"]["fr"] and payload["text"]["en"] and "{" not in payload["text"]["fr"]


def test_details_fill_the_text_and_stay_in_the_payload():
    payload = guard_event("process-found", process={"pid": 7, "name": "anydesk"}, category="remote-control")
    assert payload["text"]["en"] == "Prohibited software detected: anydesk (remote-control)."
    assert payload["process"]["pid"] == 7


def test_a_missing_detail_shows_as_a_question_mark():
    assert guard_event("clock-gap")["text"]["en"] == "Gap of ? s (?)."


@pytest.mark.parametrize("kind, details, fr, en", [
    ("keyboard-grab", {"state": "held"}, "Clavier\u00a0: tenu par la fenêtre d’examen.",
     "Keyboard: held by the exam window."),
    ("window-tampered", {"problems": ["minimized", "not-on-top"]},
     "Fenêtre d’examen modifiée par un autre programme\u00a0: réduite, plus au premier plan.",
     "Exam window changed by another program: minimized, no longer on top."),
    ("clock-gap", {"kind": "stalled", "seconds": 3.2}, "Interruption de 3.2 s (kiosque arrêté).",
     "Gap of 3.2 s (kiosk stopped)."),
    ("lock-requested", {"reason": "foreign-window"}, "Verrouillage\u00a0: fenêtre d’un autre programme.",
     "Lock: window of another program."),
])
def test_the_french_text_is_french_whole(kind, details, fr, en):
    text = guard_event(kind, **details)["text"]
    assert text == {"fr": fr, "en": en}
    assert guard_event(kind, **details)[next(iter(details))] == details[next(iter(details))]  # the codes stay

"""Incidents in DOMAIN's categories, and the decision that finalises a session (pure core)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from invigilator.core.alerts import Alert, AlertKind
from invigilator.core.center import ExamSession
from invigilator.core.finalisation import AttemptFacts, Outcome, finalise, preview
from invigilator.core.incidents import LABELS, SUB_REASONS, IncidentCategory, IncidentSubReason, new_incident
from invigilator.core.roster import Candidate
from invigilator.errors import FinalisationError, IncidentError

T0 = dt.datetime(2026, 6, 15, 8, 0, tzinfo=dt.UTC)
EXAM = ExamSession("S1", "bank", "certification", dt.date(2026, 6, 15), "B12", "PVXB89", invigilators=("Mme Roy",))
LEA = Candidate.create("c1", "S1", "Martin", "Léa", dt.date(2009, 5, 17))
AWA = Candidate.create("c2", "S1", "N'Diaye", "Awa", dt.date(2008, 3, 17))
JEAN = Candidate.create("c3", "S1", "Durand", "Jean", dt.date(2009, 1, 1))
RESULT = {"status": "scored", "score": 300, "level": 3}


# -- incidents ----------------------------------------------------------------------------------------
def test_every_category_and_sub_reason_of_domain_has_a_french_and_english_name():
    assert len(IncidentCategory) == 9 and len(IncidentSubReason) == 7
    for value in [*IncidentCategory, *IncidentSubReason]:
        fr, en = LABELS[value.value]
        assert fr and en
    assert set().union(*SUB_REASONS.values()) == set(IncidentSubReason)


def test_an_incident_is_checked_against_its_category():
    incident = new_incident("i1", "S1", "in-question", "image", "  the   image of Q7 does not load ", "Mme Roy", T0,
                            kiosk_id="k", candidate_id="c1")
    assert incident.note == "the image of Q7 does not load" and incident.sub_reason is IncidentSubReason.IMAGE
    assert incident.to_package()["at"] == "2026-06-15T08:00:00Z" and incident.to_package()["reason"] == "image"
    assert new_incident("i2", "S1", "late-or-leaving", None, "", "M. Blanc", T0).sub_reason is None


@pytest.mark.parametrize(("category", "sub", "note", "by", "message"), [
    ("weather", None, "", "Mme Roy", "not a category"),
    ("signature", "image", "", "Mme Roy", "not a sub-reason of 'signature' (it takes: none)"),
    ("late-or-leaving", "image", "", "Mme Roy", "it takes: extra-time-exceeded"),
    ("fraud", None, "   ", "Mme Roy", "say what happened"),
    ("other", None, "", "Mme Roy", "say what happened"),
    ("technical", None, "x" * 501, "Mme Roy", "more than 500"),
    ("technical", None, "", " ", "which invigilator"),
])
def test_a_wrong_incident_says_what_is_wrong(category, sub, note, by, message):
    with pytest.raises(IncidentError, match=re.escape(message)):
        new_incident("i", "S1", category, sub, note, by, T0)


# -- finalisation -----------------------------------------------------------------------------------------
def facts(attempt="att-1", **changes):
    base = {"attempt_id": attempt, "kiosk_id": "k1", "kiosk_name": "PC-01", "started_at": T0,
            "ended_at": T0 + dt.timedelta(minutes=90), "end_reason": "completed", "bundle": "ab" * 32,
            "result": RESULT}
    return AttemptFacts(**{**base, **changes})


def test_outcomes_from_what_the_console_holds():
    assert facts().outcome is Outcome.FINISHED
    assert facts(end_reason="time-up").outcome is Outcome.FINISHED
    assert facts(end_reason="technical").outcome is Outcome.ABORTED
    assert facts(bundle=None).outcome is Outcome.UNFINISHED  # finished on the kiosk, result never received
    assert facts(end_reason=None, bundle=None).outcome is Outcome.UNFINISHED
    assert facts(running=True).outcome is Outcome.RUNNING


def test_finalisation_needs_a_reason_for_every_unfinished_test_and_keeps_comments():
    draft = preview([LEA, AWA, JEAN], {"c1": facts(), "c2": facts("att-2", end_reason=None, bundle=None)}, [], {})
    assert [line.outcome for line in draft.lines] == [Outcome.FINISHED, Outcome.UNFINISHED, Outcome.ABSENT]
    assert draft.blockers == () and [line.candidate.id for line in draft.unfinished] == ["c2"]
    with pytest.raises(FinalisationError) as refused:
        finalise(EXAM, draft, comment="", candidate_comments={}, abort_reasons={}, by="Mme Roy", now=T0)
    assert "N'DIAYE Awa (c2) is unfinished: give its abort reason" in refused.value.reasons[0]
    done = finalise(EXAM, draft, comment="Calm session", candidate_comments={"c1": "arrived late"},
                    abort_reasons={"c2": "technical"}, by=" Mme  Roy ", now=T0)
    assert done.by == "Mme Roy" and done.comment == "Calm session"
    lea, awa, jean = done.lines
    assert (lea.outcome, lea.score, lea.level, lea.comment) == (Outcome.FINISHED, 300, 3, "arrived late")
    assert (awa.outcome, awa.abort_reason) == (Outcome.ABORTED, "technical")
    assert jean.outcome is Outcome.ABSENT and jean.score is None
    document = done.signed_document("0750001A")
    assert document["_type"] == "pupitre/session-finalisation" and len(document["lines"]) == 3


def test_finalisation_is_refused_while_a_test_runs_or_an_alert_is_open_saying_which():
    alert = Alert("al-1", "k2", AlertKind.FOCUS_LOST, T0, "att-2")
    draft = preview([LEA, AWA], {"c1": facts(), "c2": facts("att-2", kiosk_id="k2", kiosk_name="PC-02",
                                                               running=True)},
                    [alert], {"PC-03": ("question", "")}, {"k2": "PC-02"})
    assert len(draft.blockers) == 3
    with pytest.raises(FinalisationError) as refused:
        finalise(EXAM, draft, comment="", candidate_comments={}, abort_reasons={}, by="Mme Roy", now=T0)
    text = " ".join(refused.value.reasons)
    assert "running on kiosk PC-03" in text and "N'DIAYE Awa (c2) is running on kiosk PC-02" in text
    assert "alert focus-lost on kiosk PC-02" in text and "al-1" in text


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"comment": "x" * 501}, "global comment has 501 characters"),
    ({"candidate_comments": {"c1": "é" * 501}}, "comment on MARTIN Léa (c1) has 501 characters"),
    ({"candidate_comments": {"nobody": "hello"}}, "'nobody' is not on the roster"),
    ({"abort_reasons": {"c1": "technical"}}, "only an unfinished test takes an abort reason"),
    ({"abort_reasons": {"c2": "weather"}}, "not 'weather'"),
    ({"by": ""}, "which invigilator finalises"),
])
def test_wrong_finalisations_are_refused_with_every_reason(kwargs, message):
    draft = preview([LEA, AWA], {"c1": facts(), "c2": facts("att-2", end_reason=None, bundle=None)}, [], {})
    args = {"comment": "", "candidate_comments": {}, "abort_reasons": {"c2": "candidate"}, "by": "Mme Roy", **kwargs}
    with pytest.raises(FinalisationError, match=re.escape(message)):
        finalise(EXAM, draft, now=T0, **args)


def test_a_comment_of_exactly_500_characters_is_kept():
    draft = preview([LEA], {"c1": facts()}, [], {})
    done = finalise(EXAM, draft, comment="g" * 500, candidate_comments={"c1": "c" * 500}, abort_reasons={},
                    by="Mme Roy", now=T0)
    assert len(done.comment) == 500 and len(done.lines[0].comment) == 500

"""Check-in matching on the console: normalisation, near matches never accepted alone, refusals with a reason."""

from __future__ import annotations

import datetime as dt

import pytest

from invigilator.core.center import ExamSession, SessionStatus
from invigilator.core.checkin import (
    CheckInState,
    Refusal,
    TypedCheckIn,
    edits,
    evaluate,
    near_matches,
    reconsider,
)
from invigilator.core.roster import ASSISTIVE_PROGRAMS, Candidate, check_candidate, parse_date
from invigilator.core.roster_csv import read_roster
from invigilator.errors import CheckInRefusedError, RosterError

T = dt.datetime(2026, 6, 15, 8, 30, tzinfo=dt.UTC)
KIOSK = "a" * 32
OPEN = ExamSession("482913", "demo", "certification", T.date(), "B12", "PVXB89", SessionStatus.OPEN)
ROSTER = [Candidate.create("c-lea", "482913", "Martin", "Léa-Marie", dt.date(2009, 5, 17)),
          Candidate.create("c-awa", "482913", "N'Diaye", "Awa", dt.date(2008, 3, 7)),
          Candidate.create("c-jo", "482913", "Lefèvre", "Jo", dt.date(2009, 1, 2))]


def typed(last="Martin", first="Léa-Marie", born=dt.date(2009, 5, 17), number="482913", code="PVXB89",
          attempt="att-1") -> TypedCheckIn:
    return TypedCheckIn(attempt, number, code, last, first, born)


@pytest.mark.parametrize(("last", "first"), [("MARTIN", "lea marie"), ("  martin ", "Lea-Marie"),
                                             ("Martin", "Léa"), ("martin", "LÉA MARIE")])
def test_an_exact_match_after_normalising_is_proposed_not_accepted(last, first):
    checkin = evaluate(KIOSK, typed(last, first), OPEN, ROSTER, T)
    assert checkin.state is CheckInState.PROPOSED and checkin.candidate_id is None
    assert [(p.candidate_id, p.exact) for p in checkin.proposals] == [("c-lea", True)]
    assert checkin.answer()["state"] == "waiting"


@pytest.mark.parametrize(("last", "first", "born", "why"), [
    ("Martn", "Léa-Marie", dt.date(2009, 5, 17), "name-typo"),
    ("Ndiyae", "Awa", dt.date(2008, 3, 7), "name-typo"),  # two letters swapped: one edit
    ("Awa", "N Diaye", dt.date(2008, 3, 7), "names-swapped"),
    ("Ndiaye", "Awa", dt.date(2008, 7, 3), "date-swapped"),
])
def test_near_matches_are_proposed_as_such(last, first, born, why):
    checkin = evaluate(KIOSK, typed(last, first, born), OPEN, ROSTER, T)
    assert checkin.state is CheckInState.PROPOSED and checkin.candidate_id is None
    assert [(p.exact, p.why) for p in checkin.proposals] == [(False, why)]


def test_far_from_every_line_is_unknown_and_a_wrong_date_is_not_forgiven():
    assert evaluate(KIOSK, typed("Dupont", "Marc"), OPEN, ROSTER, T).state is CheckInState.UNKNOWN
    # the right name with another birth date (not a day/month swap) is someone else
    assert evaluate(KIOSK, typed(born=dt.date(2009, 5, 18)), OPEN, ROSTER, T).state is CheckInState.UNKNOWN
    assert near_matches(ROSTER, "Mrtn", "Lx", dt.date(2009, 5, 17)) == []


@pytest.mark.parametrize(("session", "number", "code", "refusal"), [
    (OPEN, "482913", "PVXB88", Refusal.WRONG_CODE),
    (None, "999999", "PVXB89", Refusal.WRONG_CODE),
    (ExamSession("482913", "demo", "p", T.date(), "B12", "PVXB89"), "482913", "pvxb 89", Refusal.NOT_OPEN),
    (ExamSession("482913", "demo", "p", T.date(), "B12", "PVXB89", SessionStatus.CLOSED), "482913", "PVXB89",
     Refusal.CLOSED),
])
def test_refusals_carry_the_reason_the_kiosk_shows(session, number, code, refusal):
    checkin = evaluate(KIOSK, typed(number=number, code=code), session, ROSTER, T)
    assert checkin.state is CheckInState.REFUSED and checkin.refusal is refusal and not checkin.proposals
    answer = checkin.answer()
    assert answer["state"] == "refused" and answer["reason"] == str(refusal) and answer["message"]
    with pytest.raises(CheckInRefusedError, match="refused"):
        checkin.confirm(ROSTER[0], "Mme Roy", T)


def test_a_wrong_code_does_not_say_whether_the_session_exists():
    a = evaluate(KIOSK, typed(code="PVXB88"), OPEN, ROSTER, T).answer()
    b = evaluate(KIOSK, typed(number="111111"), None, ROSTER, T).answer()
    assert a == b


def test_confirm_then_authorise_and_the_rules_around_them():
    checkin = evaluate(KIOSK, typed("Martn"), OPEN, ROSTER, T)
    with pytest.raises(CheckInRefusedError, match="not confirmed"):
        checkin.authorised("cmd-1")
    other = Candidate.create("x", "other-session", "Martin", "Léa", dt.date(2009, 5, 17))
    with pytest.raises(CheckInRefusedError, match="not on the roster"):
        checkin.confirm(other, "Mme Roy", T)
    with pytest.raises(CheckInRefusedError, match="names the invigilator"):
        checkin.confirm(ROSTER[0], "  ", T)
    confirmed = checkin.confirm(ROSTER[0], "Mme Roy", T)
    assert confirmed.state is CheckInState.CONFIRMED and confirmed.candidate_id == "c-lea"
    assert confirmed.unconfirm().state is CheckInState.PROPOSED
    done = confirmed.authorised("cmd-1")
    assert done.state is CheckInState.AUTHORISED and done.command_id == "cmd-1"
    with pytest.raises(CheckInRefusedError, match="already authorised"):
        done.confirm(ROSTER[1], "Mme Roy", T)


def test_a_resent_check_in_keeps_the_decision_and_new_typing_drops_it():
    first = evaluate(KIOSK, typed(), OPEN, ROSTER, T)
    confirmed = first.confirm(ROSTER[0], "Mme Roy", T)
    later = T + dt.timedelta(seconds=5)
    assert reconsider(confirmed, evaluate(KIOSK, typed(), OPEN, ROSTER, later)) == confirmed
    retyped = reconsider(confirmed, evaluate(KIOSK, typed(first="Jo"), OPEN, ROSTER, later))
    assert retyped.state is CheckInState.UNKNOWN and retyped.candidate_id is None
    authorised = confirmed.authorised("cmd-1")
    assert reconsider(authorised, evaluate(KIOSK, typed(first="Jo"), OPEN, ROSTER, later)) == authorised
    # the same typing re-read later (the roster changed): the fresh reading, first received time kept
    unknown = evaluate(KIOSK, typed("Dupont", "Marc"), OPEN, ROSTER, T)
    added = [*ROSTER, Candidate.create("c-marc", "482913", "Dupont", "Marc", dt.date(2009, 5, 17))]
    again = reconsider(unknown, evaluate(KIOSK, typed("Dupont", "Marc"), OPEN, added, later))
    assert again.state is CheckInState.PROPOSED and again.received_at == T


def test_edit_distance():
    assert edits("martin", "martin", 2) == 0 and edits("martin", "martn", 2) == 1
    assert edits("ndiaye", "ndiyae", 2) == 1 and edits("abcdef", "ghijkl", 2) == 3
    assert edits("a", "abcd", 2) == 3


# -- roster lines, by hand and from CSV ---------------------------------------------------------------------
TODAY = dt.date(2026, 6, 15)


def test_a_hand_made_line_reports_every_bad_field():
    candidate, problems = check_candidate({"last_name": "", "first_name": "J3an", "birth_date": "31/02/2009",
                                           "extra_time_minutes": "-5", "assistive_programs": "orca;magic"},
                                          id="x", session_id="S", today=TODAY)
    assert candidate is None
    assert {(p.field, p.code) for p in problems} == {("last_name", "required"), ("first_name", "not-a-name"),
                                                     ("birth_date", "not-a-date"),
                                                     ("extra_time_minutes", "not-minutes"),
                                                     ("assistive_programs", "unknown-program")}
    _, problems = check_candidate({"last_name": "A", "first_name": "B", "birth_date": "2024-01-01",
                                   "extra_time_minutes": "400"}, id="x", session_id="S", today=TODAY)
    assert {p.code for p in problems} == {"implausible-date", "too-much-time"}


def test_assistive_programs_ride_in_the_accommodations():
    candidate, problems = check_candidate({"last_name": "Roux", "first_name": "Anne", "birth_date": "2009-01-01",
                                           "accommodations": "large print", "assistive_programs": "Orca; onboard"},
                                          id="x", session_id="S", today=TODAY)
    assert problems == [] and candidate is not None
    assert candidate.assistive_programs == ("orca", "onboard")
    assert candidate.other_accommodations == ("large print",)
    with pytest.raises(RosterError, match="unknown"):
        Candidate.create("y", "S", "Roux", "Anne", dt.date(2009, 1, 1), assistive_programs=["notepad"])


def test_the_console_knows_the_programs_the_kiosk_guard_knows():
    from kiosk.guard.catalogue import ASSISTIVE

    assert set(ASSISTIVE_PROGRAMS) == set(ASSISTIVE)


def test_a_roster_file_with_assistive_programs_and_bad_lines():
    ids = iter(range(100))
    text = ("last_name;first_name;birth_date;external_id;extra_time_minutes;accommodations;assistive_programs\n"
            "Martin;Léa;2009-05-17;INE-1;0;;orca\n"
            "Roux;Anne;17/03/2008;INE-2;35;screen-reader;nvda;jaws\n"
            "Petit;Marc;2009-01-01;INE-1;0;;\n"
            "Blanc;Eve;2009-01-01;INE-4;0;;vlc\n")
    _candidates, problems = read_roster(text, "S", today=TODAY, new_id=lambda: f"id-{next(ids)}")
    assert [(p.line, p.code) for p in problems] == [(3, "field-count"), (4, "duplicate-external-id"), (5, "field")]
    assert "line 2" in problems[1].english("r.csv") and "r.csv:5: assistive programs 'vlc'" in problems[2].english(
        "r.csv")
    good, problems = read_roster(text.splitlines()[0] + "\n" + text.splitlines()[1] + "\n", "S", today=TODAY,
                                 new_id=lambda: "id")
    assert problems == [] and good[0].assistive_programs == ("orca",)


@pytest.mark.parametrize(("text", "date"), [("2009-05-17", dt.date(2009, 5, 17)), ("17/05/2009", dt.date(2009, 5, 17)),
                                            ("1.2.2009", dt.date(2009, 2, 1)), ("2009-02-30", None), ("17/05", None)])
def test_dates_as_people_type_them(text, date):
    assert parse_date(text) == date

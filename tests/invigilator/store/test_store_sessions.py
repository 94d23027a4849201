import datetime as dt
import random

import pytest

from invigilator.core.center import Bank, Center, SessionStatus, TrustedPublisher
from invigilator.core.roster import Candidate, MatchStatus
from invigilator.errors import RosterError, SessionError

DAY = dt.date(2026, 6, 15)


class Drawn:
    """A random source that draws the given characters in turn (to force codes in tests)."""

    def __init__(self, text: str):
        self.text, self.i = text, 0

    def choice(self, seq: str) -> str:
        ch = self.text[self.i % len(self.text)]
        self.i += 1
        assert ch in seq
        return ch


@pytest.fixture
def bank(store, t0):
    store.sessions.trust_publisher(TrustedPublisher("b" * 32, "Éditions Exemple", "pub", t0))
    store.sessions.add_bank(Bank("demo", "Demo bank", "b" * 32, "c" * 64, t0))
    return "demo"


def test_the_center_is_set_once(store):
    store.sessions.set_center(Center("C-75", "Lycée Voltaire", "a" * 32))
    store.sessions.set_center(Center("C-75", "Lycée Voltaire (annexe)", "a" * 32))
    assert store.sessions.center().name == "Lycée Voltaire (annexe)"
    with pytest.raises(SessionError, match="belongs to center C-75"):
        store.sessions.set_center(Center("C-13", "Other", "a" * 32))


def test_a_bank_needs_a_trusted_publisher_and_keeps_its_content(store, bank, t0):
    with pytest.raises(SessionError, match="not trusted"):
        store.sessions.add_bank(Bank("other", "Other", "e" * 32, "d" * 64, t0))
    store.sessions.add_bank(Bank("demo", "Demo bank", "b" * 32, "c" * 64, t0))  # the same file again: fine
    with pytest.raises(SessionError, match="other content"):
        store.sessions.add_bank(Bank("demo", "Demo bank", "b" * 32, "d" * 64, t0))
    assert [b.id for b in store.sessions.banks()] == ["demo"]


def test_sessions_get_distinct_access_codes(store, bank, t0):
    first = store.sessions.create_session(bank, "default", DAY, "B12", t0, Drawn("PVXB89"), "S-1")
    # the next draw repeats the first code, then gives another: the clash is drawn again
    second = store.sessions.create_session(bank, "default", DAY, "B13", t0, Drawn("PVXB89GHJK23"), "S-2")
    assert first.access_code == "PVXB89" and second.access_code == "GHJK23"
    assert store.sessions.session("S-2").room == "B13" and len(store.sessions.sessions()) == 2
    with pytest.raises(SessionError, match="already exists"):
        store.sessions.create_session(bank, "default", DAY, "B12", t0, random.Random(3), "S-1")
    with pytest.raises(SessionError, match="not imported"):
        store.sessions.create_session("nope", "default", DAY, "B12", t0, random.Random(3))


def test_a_roster_is_added_whole_or_not_at_all(store, bank, t0):
    store.sessions.create_session(bank, "default", DAY, "B12", t0, random.Random(1), "S-1")
    good = Candidate.create("c1", "S-1", "Lefèvre", "Éloïse", dt.date(2009, 3, 14), "INE-1", 35, ["screen reader"])
    stray = Candidate.create("c2", "S-9", "Martin", "Léo", dt.date(2008, 1, 2))
    with pytest.raises(RosterError, match="S-9"):
        store.sessions.add_candidates([good, stray])
    assert store.sessions.roster("S-1") == []
    store.sessions.add_candidates([good])
    assert store.sessions.roster("S-1") == [good]
    with pytest.raises(RosterError, match="already"):
        store.sessions.add_candidates([good])
    store.sessions.update_candidate(good.edited(extra_time_minutes=50))
    assert store.sessions.roster("S-1")[0].extra_time_minutes == 50


def test_check_in_against_the_roster(store, bank, t0):
    exam = store.sessions.create_session(bank, "default", DAY, "B12", t0, random.Random(1), "S-1")
    store.sessions.add_candidates([Candidate.create("c1", "S-1", "Lefèvre", "Éloïse", dt.date(2009, 3, 14))])
    typed = ("lefevre", "eloise", dt.date(2009, 3, 14))
    closed = store.sessions.check_in("S-1", exam.access_code, *typed)
    assert not closed and "not open" in closed.reason
    store.sessions.set_status("S-1", SessionStatus.OPEN, t0)
    match = store.sessions.check_in("S-1", exam.access_code.lower(), *typed)
    assert match and match.candidate is not None and match.candidate.id == "c1"
    for session_id, code in (("S-1", "BBBB22"), ("S-404", exam.access_code)):
        refused = store.sessions.check_in(session_id, code, *typed)
        assert refused.status is MatchStatus.NOT_FOUND and refused.reason == "session number or access code is wrong"
    store.sessions.set_status("S-1", SessionStatus.CLOSED, t0)
    with pytest.raises(RosterError, match="closed"):
        store.sessions.add_candidates([Candidate.create("c3", "S-1", "Roux", "Ana", dt.date(2009, 1, 1))])
    with pytest.raises(SessionError, match="cannot open again"):
        store.sessions.set_status("S-1", SessionStatus.OPEN, t0)


def test_overlong_values_are_refused_by_the_model_not_by_the_database(store, bank, enrol, t0):
    """PostgreSQL would raise a bare DataError for a value past a column's length; the model says it first."""
    from invigilator.core.commands import CommandKind
    from invigilator.errors import CommandRefusedError

    store.sessions.create_session(bank, "default", DAY, "B12", t0, random.Random(1), "S-1")
    with pytest.raises(RosterError, match="candidate id"):
        store.sessions.add_candidates([Candidate.create("c" * 65, "S-1", "Roux", "Ana", dt.date(2009, 1, 1))])
    with pytest.raises(SessionError, match="bank id"):
        store.sessions.add_bank(Bank("b" * 121, "Demo", "b" * 32, "c" * 64, t0))
    with pytest.raises(SessionError, match="publisher name"):
        store.sessions.trust_publisher(TrustedPublisher("d" * 32, "n" * 121, "pub", t0))
    with pytest.raises(SessionError, match="profile"):
        store.sessions.create_session(bank, "p" * 121, DAY, "B12", t0, random.Random(2))
    k = enrol(1)
    with pytest.raises(CommandRefusedError, match="invigilator"):
        store.commands.issue(CommandKind.PAUSE, k, {}, t0, "x" * 121)
    with pytest.raises(CommandRefusedError, match="attempt id"):
        store.commands.issue(CommandKind.AUTHORISE_START, k, {"candidate_id": "c1", "attempt_id": "a" * 81}, t0, "R")
    with pytest.raises(CommandRefusedError, match="candidate"):
        store.commands.issue(CommandKind.AUTHORISE_START, k, {"candidate_id": "c" * 65}, t0, "R")
    alert = store.alerts.raise_alert(k, "guard-event", t0)
    with pytest.raises(CommandRefusedError, match="who handled it"):
        store.alerts.handle(alert.id, t0, "y" * 121, "seen")


def test_authorise_start_reads_the_roster_in_the_same_transaction(store, bank, enrol, t0):
    from invigilator.core.commands import CommandKind
    from invigilator.errors import CommandRefusedError

    store.sessions.create_session(bank, "default", DAY, "B12", t0, random.Random(1), "S-1")
    store.sessions.add_candidates([Candidate.create("c1", "S-1", "Roux", "Ana", dt.date(2009, 1, 1),
                                                    extra_time_minutes=20)])
    k = enrol(1)
    with pytest.raises(CommandRefusedError, match="not open"):
        store.commands.issue(CommandKind.AUTHORISE_START, k, {"candidate_id": "c1"}, t0, "Mme Roux")
    store.sessions.set_status("S-1", SessionStatus.OPEN, t0)
    with pytest.raises(CommandRefusedError, match="on no roster"):
        store.commands.issue(CommandKind.AUTHORISE_START, k, {"candidate_id": "c9"}, t0, "Mme Roux")
    issued = store.commands.issue(CommandKind.AUTHORISE_START, k, {"candidate_id": "c1"}, t0, "Mme Roux")
    assert issued.command.args["extra_time_minutes"] == 20 and issued.command.args["session_id"] == "S-1"
    assert store.commands.pending(k)[0].args == issued.command.args

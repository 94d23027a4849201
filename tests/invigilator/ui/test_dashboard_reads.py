"""The dashboard's read of the room costs a few queries whatever the room's size, and takes no write lock."""

from __future__ import annotations

import datetime as dt

from roomfill import exam_day, make_console
from sqlalchemy import event

from invigilator.store.dashboard import read_dashboard, read_timeline


def count_statements(engine, action):
    statements = []
    listener = lambda conn, cursor, statement, *args: statements.append(statement)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        result = action()
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return result, [s for s in statements if s.lstrip().upper().startswith("SELECT")], statements


def test_four_selects_for_twelve_kiosks_as_for_forty(tmp_path, clock):
    sizes = {}
    for n in (12, 40):
        console, _ = make_console(tmp_path / f"c{n}", clock)
        exam_day(console, clock(), kiosks=n)
        read, selects, every = count_statements(console.store.db.engine,
                                                lambda c=console: read_dashboard(c.store.db, clock()))
        assert len(read.view.tiles) == n
        assert not any(s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) for s in every)
        sizes[n] = len(selects)
        assert len(read.candidates) == n - 1  # the idle kiosk has no candidate
        console.close()
    assert sizes[12] == sizes[40] == 4  # kiosks, alerts, the waiting kiosks' check-ins, candidates


def test_the_timeline_reads_one_attempt_in_two_queries(tmp_path, clock):
    console, _ = make_console(tmp_path / "c", clock)
    room = exam_day(console, clock())
    kid = next(k for k, name in room.names.items() if name == "Poste 03")
    attempt = room.journals[kid].attempt_id
    timeline, selects, _ = count_statements(console.store.db.engine,
                                            lambda: read_timeline(console.store.db, kid, attempt))
    assert len(selects) == 2
    assert [r.seq for r in timeline.rows if r.seq is not None] == list(range(1, room.journals[kid].seq + 1))
    assert timeline.offset is not None and abs(timeline.offset) < dt.timedelta(seconds=1)
    console.close()


def test_a_check_in_decision_reaches_the_tile_only_for_the_attempt_the_kiosk_waits_with(tmp_path, clock):
    from invigilator.core.center import SessionStatus
    from invigilator.core.checkin import TypedCheckIn

    console, _ = make_console(tmp_path / "c", clock)
    room = exam_day(console, clock())
    kid = next(k for k, name in room.names.items() if name == "Poste 01")  # waiting for its authorisation
    person = console.store.sessions.roster(room.session_id)[0]
    console.store.sessions.set_status(room.session_id, SessionStatus.OPEN, clock())
    exam = console.store.sessions.session(room.session_id)

    def tile():
        return next(t for t in read_dashboard(console.store.db, clock()).view.tiles if t.kiosk.id == kid)

    def check_in(attempt: str, who=person) -> None:
        console.store.checkins.record(kid, TypedCheckIn(attempt, exam.id, exam.access_code, who.last_name,
                                                        who.first_name, who.birth_date), clock())
        console.store.checkins.confirm(kid, attempt, who.id, "Mme Roy", clock())
        console.store.checkins.authorise(kid, attempt, clock(), "Mme Roy")

    # authorised once, but the kiosk now waits with another attempt
    check_in("an-earlier-attempt", console.store.sessions.roster(room.session_id)[5])
    assert tile().checkin is None and tile().waiting and tile().needs_action and not tile().authorised
    check_in(f"attempt-{kid[:12]}")
    assert tile().authorised and not tile().waiting and not tile().needs_action
    room.status(kid, clock(), "question", person.id, question=1)  # the kiosk started: its own state again
    assert tile().checkin is None and not tile().authorised and tile().in_test
    console.close()

"""A kiosk whose clock is wrong: the console measures its offset from the syncs and shows its times in console time."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import IN_TEST, Kiosk

from invigilator.cli import main
from invigilator.core.alerts import AlertKind
from protocol.journal_chain import ChainEntry, entry_hash, genesis_hash
from protocol.room import PATH_SYNC, RoomRequest

AHEAD = dt.timedelta(seconds=90)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SkewedJournal:
    """An attempt's journal written with a kiosk clock ``skew`` off the console's."""

    def __init__(self, attempt_id: str, skew: dt.timedelta):
        self.attempt_id, self.skew, self.entries, self.written = attempt_id, skew, [], []

    def write(self, kind: str, payload: dict[str, Any]) -> None:
        seq = len(self.entries) + 1
        prev = self.entries[-1].hash if self.entries else genesis_hash(self.attempt_id)
        console_now = now()
        t_wall = (console_now + self.skew).isoformat()
        self.entries.append(ChainEntry(seq, prev, float(seq), t_wall, kind, payload,
                                       entry_hash(seq, prev, float(seq), t_wall, kind, payload)))
        self.written.append(console_now)


def skewed_sync(kiosk: Kiosk, journal: SkewedJournal, skew: dt.timedelta, *, late: dt.timedelta = dt.timedelta(0)):
    """A sync stamped with the kiosk's clock; ``late``: it was signed that long before it was sent."""
    kiosk.counter += 1
    body = kiosk.sync_body({journal.attempt_id: journal.entries})
    request = RoomRequest(kiosk.id, kiosk.pin, PATH_SYNC, kiosk.counter, now() + skew - late, body)
    return kiosk.client.post(PATH_SYNC, content=request.sign(kiosk.keys).to_bytes())


def status_lines(room) -> list[str]:
    """``pupitre-invigilator status`` on the room's data folder and database."""
    from protocol.keys import ScryptParams

    if not (room.data_dir / "center.key").exists():
        room.center_keys.save(room.data_dir / "center.key", "test passphrase", ScryptParams(n=2**10))
        room.center_keys.public.save(room.data_dir / "center.pub")
    url = room.store.db.engine.url.render_as_string(hide_password=False)
    assert main(["--data-dir", str(room.data_dir), "--db", url, "status"]) == 0
    return STATUS.capsys.readouterr().out.splitlines()


class STATUS:
    capsys: Any = None


@pytest.fixture(autouse=True)
def _capsys(capsys):
    STATUS.capsys = capsys


def test_a_kiosk_90_s_ahead_has_its_entries_shown_in_console_time(room, kiosk):
    journal = SkewedJournal("att-1", AHEAD)
    journal.write("question-shown", {"number": 1, "item_id": "1.1-01"})
    assert skewed_sync(kiosk, journal, AHEAD).status_code == 200
    journal.write("focus-lost", {"counted": True, "number": 1, "item_id": "1.1-01"})
    assert skewed_sync(kiosk, journal, AHEAD).status_code == 200
    journal.write("focus-regained", {"away_seconds": 1.0})
    assert skewed_sync(kiosk, journal, AHEAD, late=dt.timedelta(seconds=4)).status_code == 200  # one slow request
    room.service.heard.flush()

    offset = room.store.kiosks.kiosk(kiosk.id).clock_offset
    assert offset == pytest.approx(90, abs=0.5)  # the slow request (a bound of 86 s) changed nothing
    timeline = room.store.replicas.timeline(kiosk.id, "att-1")
    assert [e.kind for e in timeline] == ["question-shown", "focus-lost", "focus-regained"]
    for event, written in zip(timeline, journal.written, strict=True):
        assert abs((event.console_time - written).total_seconds()) < 0.5  # console time, not the kiosk's
        assert abs((event.kiosk_time - written - AHEAD).total_seconds()) < 0.01
    [alert] = room.store.alerts.alerts(open_only=True, kiosk_id=kiosk.id)
    assert alert.kind is AlertKind.FOCUS_LOST
    assert abs((dt.datetime.fromisoformat(alert.detail["at"]) - journal.written[1]).total_seconds()) < 0.5

    line = next(line for line in status_lines(room) if kiosk.name in line)
    assert "clock 90 s ahead [warning]" in line


def test_a_kiosk_on_time_shows_no_clock_warning(room, kiosk):
    journal = SkewedJournal("att-1", dt.timedelta(0))
    journal.write("question-shown", {"number": 1})
    assert skewed_sync(kiosk, journal, dt.timedelta(0)).status_code == 200
    room.service.heard.flush()
    assert abs(room.store.kiosks.kiosk(kiosk.id).clock_offset) < 0.5
    assert not any("clock" in line for line in status_lines(room))


def test_a_result_upload_or_a_status_without_clock_keeps_the_offset(room, kiosk):
    """Notes that carry no offset (a bank download, a result upload) leave the measured one in place."""
    journal = SkewedJournal("att-1", -AHEAD)
    journal.write("question-shown", {"number": 1})
    assert skewed_sync(kiosk, journal, -AHEAD).status_code == 200
    room.service.heard.flush()
    room.service.heard.note(kiosk.id, now(), None)
    room.service.heard.flush()
    assert room.store.kiosks.kiosk(kiosk.id).clock_offset == pytest.approx(-90, abs=0.5)
    assert room.store.kiosks.kiosk(kiosk.id).status.question == IN_TEST["question"]


def test_clock_offsets_on_postgresql(pg_room):
    k = Kiosk(pg_room)
    k.enrol_ok()
    journal = SkewedJournal("att-1", AHEAD)
    journal.write("question-shown", {"number": 1})
    assert skewed_sync(k, journal, AHEAD).status_code == 200
    pg_room.service.heard.flush()
    pg_room.service.heard.note(k.id, now(), None)  # no offset: kept
    pg_room.service.heard.flush()
    assert pg_room.store.kiosks.kiosk(k.id).clock_offset == pytest.approx(90, abs=0.5)
    [event] = pg_room.store.replicas.timeline(k.id, "att-1")
    assert abs((event.console_time - journal.written[0]).total_seconds()) < 0.5
    k.close()


def test_a_clock_centuries_off_stores_the_entries_all_the_same(room, kiosk):
    """A request stamped in year 9999 beside entries stamped now: no console time for them, but nothing refused."""
    journal = SkewedJournal("att-1", dt.timedelta(0))
    journal.write("question-shown", {"number": 1})
    journal.write("focus-lost", {"counted": True, "number": 1})
    kiosk.counter += 1
    body = kiosk.sync_body({journal.attempt_id: journal.entries})
    far = dt.datetime(9999, 12, 31, tzinfo=dt.UTC)
    request = RoomRequest(kiosk.id, kiosk.pin, PATH_SYNC, kiosk.counter, far, body)
    answer = kiosk.client.post(PATH_SYNC, content=request.sign(kiosk.keys).to_bytes())
    assert answer.status_code == 200
    assert [e.console_time for e in room.store.replicas.timeline(kiosk.id, "att-1")] == [None, None]
    [alert] = room.store.alerts.alerts(open_only=True, kiosk_id=kiosk.id)
    assert "at" not in alert.detail

"""A real console over TLS on loopback: sync, the refusals in ADR 0017's order, chain breaks, commands."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from conftest import IN_TEST, Kiosk

from invigilator.core.alerts import AlertKind
from invigilator.core.commands import CommandKind
from invigilator.core.kiosks import KioskStatus
from protocol.envelope import verify
from protocol.keys import KeyPair
from protocol.room import PATH_RESULTS, ErrorAnswer, SyncResponse


def test_enrolled_kiosk_syncs_and_the_console_acknowledges(room, kiosk, make_chain, steps):
    entries = make_chain("att-1", steps(5))
    answer = kiosk.sync({"att-1": entries[:3]})
    assert answer.status_code == 200, answer.text
    sync = SyncResponse.from_dict(answer.json())
    assert [(h.attempt_id, h.seq, h.hash, h.problem) for h in sync.heads] == [("att-1", 3, entries[2].hash, None)]
    again = SyncResponse.from_dict(kiosk.sync({"att-1": entries}).json())  # resends and the rest
    assert again.heads[0].seq == 5
    assert [e.hash for e in room.store.replicas.entries(kiosk.id, "att-1")] == [e.hash for e in entries]
    deadline = time.monotonic() + 5
    while room.store.kiosks.kiosk(kiosk.id).status is None and time.monotonic() < deadline:
        time.sleep(0.05)
    seen = room.store.kiosks.kiosk(kiosk.id)
    assert seen.status is not None and seen.status.question == IN_TEST["question"] and seen.last_heard_at


def refusal(answer) -> ErrorAnswer:
    assert "\n" not in answer.text
    return ErrorAnswer.from_dict(answer.json())


def test_an_unenrolled_client_is_refused(room, stranger):
    answer = stranger.sync()
    assert answer.status_code == 401 and "not enrolled" in refusal(answer).error
    assert room.store.kiosks.kiosks() == []


def test_a_kiosk_using_another_kiosks_identity_is_refused(room, kiosk, stranger, make_chain, steps):
    thief = stranger
    answer = thief.client.post("/v1/sync", content=thief.signed(thief.sync_body({"att-1": make_chain("att-1",
                                                                                                       steps(2))}),
                                                                 kiosk=kiosk.id, counter=10**15))
    assert answer.status_code == 401 and "does not verify" in refusal(answer).error
    assert room.store.replicas.entries(kiosk.id, "att-1") == []
    assert kiosk.sync().status_code == 200  # the counter the thief named was not taken


def test_a_replayed_request_is_refused_with_the_last_counter(room, kiosk):
    data = kiosk.signed(kiosk.sync_body())
    assert kiosk.client.post("/v1/sync", content=data).status_code == 200
    again = kiosk.client.post("/v1/sync", content=data)
    assert again.status_code == 409 and refusal(again).last_counter == kiosk.counter
    older = kiosk.client.post("/v1/sync", content=kiosk.signed(kiosk.sync_body(), counter=kiosk.counter - 1))
    assert older.status_code == 409


def test_a_request_for_another_console_or_another_path_is_refused(room, kiosk):
    other = kiosk.client.post("/v1/sync", content=kiosk.signed(kiosk.sync_body(), console="cd" * 32))
    assert other.status_code == 421 and "another console" in refusal(other).error
    elsewhere = kiosk.client.post("/v1/sync", content=kiosk.signed(kiosk.sync_body(), path=PATH_RESULTS))
    assert elsewhere.status_code == 400 and "signed for /v1/results" in refusal(elsewhere).error
    assert kiosk.sync().status_code == 200  # neither took a counter


def test_a_revoked_kiosk_is_refused(room, kiosk):
    room.store.kiosks.revoke(kiosk.id, dt.datetime.now(dt.UTC))
    answer = kiosk.sync()
    assert answer.status_code == 403 and "revoked" in refusal(answer).error


def test_order_of_checks_unknown_before_signature_before_pin_before_counter(room, kiosk):
    mallory = KeyPair.generate("mallory")
    # unknown kiosk and bad signature and wrong pin: unknown wins
    assert kiosk.client.post("/v1/sync", content=kiosk.signed(kiosk.sync_body(), kiosk="0" * 32, signer=mallory,
                                                              console="cd" * 32)).status_code == 401
    # bad signature and wrong pin and replayed counter: the signature wins
    bad = kiosk.client.post("/v1/sync", content=kiosk.signed(kiosk.sync_body(), signer=mallory, console="cd" * 32,
                                                             counter=1))
    assert bad.status_code == 401 and "does not verify" in bad.json()["error"]
    # wrong pin and replayed counter: the pin wins
    assert kiosk.sync().status_code == 200
    assert kiosk.client.post("/v1/sync", content=kiosk.signed(kiosk.sync_body(), console="cd" * 32,
                                                              counter=1)).status_code == 421


def test_entries_that_break_the_chain_raise_an_alert_and_merge_nothing(room, kiosk, make_chain, steps):
    good = make_chain("att-1", steps(3))
    assert kiosk.sync({"att-1": good}).status_code == 200
    rewritten = make_chain("att-1", [("answer", {"number": 9})] * 4)  # another journal under the same numbers
    answer = kiosk.sync({"att-1": rewritten})
    assert answer.status_code == 200
    head = SyncResponse.from_dict(answer.json()).heads[0]
    assert head.problem == "chain-break" and head.seq == 3 and head.hash == good[-1].hash
    assert [e.hash for e in room.store.replicas.entries(kiosk.id, "att-1")] == [e.hash for e in good]
    alerts = room.store.alerts.alerts(open_only=True, kiosk_id=kiosk.id)
    assert [a.kind for a in alerts] == [AlertKind.CHAIN_BREAK]
    kiosk.sync({"att-1": rewritten})  # sent again: still one alert
    assert len(room.store.alerts.alerts(open_only=True, kiosk_id=kiosk.id)) == 1


def test_commands_are_delivered_signed_by_the_center_until_acknowledged(room, kiosk):
    now = dt.datetime.now(dt.UTC)
    kiosk.sync()  # the kiosk is in a test
    room.service.heard.flush()
    issued = room.store.commands.issue(CommandKind.PAUSE, kiosk.id, {"note": "fire drill"}, now, "Mme Martin")
    sync = SyncResponse.from_dict(kiosk.sync().json())
    assert len(sync.commands) == 1
    command = sync.commands[0]
    assert verify(command, [room.center_keys.public], "pupitre/room-command")
    assert command.signed["id"] == issued.command.id and command.signed["kiosk"] == kiosk.id
    done = SyncResponse.from_dict(kiosk.sync(acks=(issued.command.id,)).json())
    assert done.commands == () and done.acknowledged == (issued.command.id,)
    assert room.store.commands.pending(kiosk.id) == []
    # an acknowledgement of a command that does not exist is not an error that blocks every later sync
    assert kiosk.sync(acks=("no-such-command",)).status_code == 200


@pytest.mark.parametrize("db", ["postgresql"])
def test_sync_and_append_on_postgresql(pg_room, make_chain, steps, db):
    k = Kiosk(pg_room)
    k.enrol_ok()
    entries = make_chain("att-1", steps(6))
    assert k.sync({"att-1": entries[:4]}).status_code == 200
    assert SyncResponse.from_dict(k.sync({"att-1": entries}).json()).heads[0].seq == 6
    data = k.signed(k.sync_body())
    assert k.client.post("/v1/sync", content=data).status_code == 200
    assert k.client.post("/v1/sync", content=data).status_code == 409
    broken = make_chain("att-1", [("answer", {"x": 1})] * 7)
    assert SyncResponse.from_dict(k.sync({"att-1": broken}).json()).heads[0].problem == "chain-break"
    assert [e.hash for e in pg_room.store.replicas.entries(k.id, "att-1")] == [e.hash for e in entries]
    k.close()


def test_a_database_that_cannot_be_written_answers_503_and_the_kiosk_sends_again(room, kiosk, make_chain, steps,
                                                                                monkeypatch):
    from sqlalchemy.exc import OperationalError

    entries = make_chain("att-1", steps(3))

    def full(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("database or disk is full"))

    monkeypatch.setattr(room.store.replicas, "append_in", full)
    data = kiosk.signed(kiosk.sync_body({"att-1": entries}))
    answer = kiosk.client.post("/v1/sync", content=data)
    assert answer.status_code == 503 and "disk is full" in answer.json()["error"] and "\n" not in answer.text
    monkeypatch.undo()
    # the sync was one transaction: its counter went with its entries, so the very same request is taken now
    assert SyncResponse.from_dict(kiosk.client.post("/v1/sync", content=data).json()).heads[0].seq == 3


def test_a_sync_is_one_write_transaction_and_its_checks_only_read(room, kiosk, make_chain, steps):
    from sqlalchemy import event

    from invigilator.store.database import READ_ONLY

    writes, reads = [], []

    def begun(connection):
        (reads if connection.get_execution_options().get(READ_ONLY) else writes).append(1)

    entries = make_chain("att-1", steps(4))
    kiosk.sync({"att-1": entries[:1]})  # the replica exists
    room.server._stop.set()  # no last-heard flush in between (its own transaction, every few seconds)
    event.listen(room.store.db.engine, "begin", begun)
    try:
        assert kiosk.sync({"att-1": entries}).status_code == 200
        assert kiosk.sync().status_code == 200
    finally:
        event.remove(room.store.db.engine, "begin", begun)
    assert len(writes) == 2 and len(reads) >= 2


def test_last_heard_is_written_in_batches_and_closes_an_offline_alert(room, kiosk):
    then = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    room.store.kiosks.heard(kiosk.id, then, KioskStatus.from_dict(IN_TEST))
    raised = room.store.kiosks.sweep_offline(dt.datetime.now(dt.UTC))
    assert [a.kind for a in raised] == [AlertKind.OFFLINE]
    room.server._stop.set()  # the housekeeping loop pauses: nothing is written until the flush below
    time.sleep(0.3)
    assert kiosk.sync().status_code == 200
    assert room.store.kiosks.kiosk(kiosk.id).last_heard_at == then  # noted in memory only
    assert room.service.heard.flush() == 1
    assert room.store.kiosks.kiosk(kiosk.id).last_heard_at > then
    assert room.store.alerts.alerts(open_only=True, kiosk_id=kiosk.id) == []


def test_a_kiosk_revoked_while_its_sync_runs_gets_a_403(room, kiosk, make_chain, steps, monkeypatch):
    from invigilator.errors import KioskRevokedError

    def revoked(*args, **kwargs):
        raise KioskRevokedError(f"kiosk {kiosk.id} was revoked")

    monkeypatch.setattr(room.store.replicas, "append_in", revoked)
    answer = kiosk.sync({"att-1": make_chain("att-1", steps(1))})
    assert answer.status_code == 403 and "revoked" in answer.json()["error"]

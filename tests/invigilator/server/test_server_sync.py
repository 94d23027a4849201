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


def _disk_full_on(engine, table: str, only: str | None = None):
    """INSERTs into ``table`` (those naming ``only``, if given) fail as SQLite fails on a full disk, at the driver
    call below every store."""
    from sqlalchemy import event
    from sqlalchemy.exc import OperationalError

    def refuse(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(f"INSERT INTO {table.upper()}") and (only is None
                                                                                     or only in str(parameters)):
            raise OperationalError(statement, parameters, Exception("database or disk is full"))

    event.listen(engine, "before_cursor_execute", refuse)
    return lambda: event.remove(engine, "before_cursor_execute", refuse)


def test_a_database_that_cannot_be_written_answers_503_and_the_kiosk_sends_again(room, kiosk, make_chain, steps):
    entries = make_chain("att-1", steps(3))
    undo = _disk_full_on(room.store.db.engine, "replica_entries")
    try:
        data = kiosk.signed(kiosk.sync_body({"att-1": entries}))
        answer = kiosk.client.post("/v1/sync", content=data)
        assert answer.status_code == 503 and "disk is full" in answer.json()["error"] and "\n" not in answer.text
    finally:
        undo()
    assert room.store.replicas.entries(kiosk.id, "att-1") == []
    # the sync was one transaction: its counter went with its entries, so the very same request is taken now
    assert SyncResponse.from_dict(kiosk.client.post("/v1/sync", content=data).json()).heads[0].seq == 3


def test_a_failed_sync_in_a_group_commit_fails_alone(room, make_chain, steps):
    """Syncs written in one transaction: one that fails is rolled back and refused, the others are stored."""
    from invigilator.store.syncs import SyncJob

    kiosks = [Kiosk(room, f"PC {n:02d}") for n in range(3)]
    for k in kiosks:
        k.enrol_ok()
    now = dt.datetime.now(dt.UTC)
    good = make_chain("att-1", steps(2))
    jobs = [SyncJob(kiosks[0].id, 10, (("att-1", tuple(good)),), (), now),
            SyncJob(kiosks[1].id, 10, (("att-1", tuple(good)),), (), now),
            SyncJob(kiosks[2].id, 10, (("att-1", tuple(good)),), (), now),
            SyncJob(kiosks[2].id, 10, (), (), now)]  # the same counter again: refused, writes nothing
    undo = _disk_full_on(room.store.db.engine, "replica_entries", only=kiosks[1].id)
    try:
        results = room.store.syncs.apply_many(jobs)
    finally:
        undo()
    assert [type(r).__name__ for r in results] == ["SyncOutcome", "OperationalError", "SyncOutcome",
                                                   "ReplayedRequestError"]
    assert [len(room.store.replicas.entries(k.id, "att-1")) for k in kiosks] == [2, 0, 2]
    # the failed sync's counter was not taken: the same counter is accepted now
    assert room.store.syncs.apply(kiosks[1].id, 10, [("att-1", good)], [], now).appended[0][1].stored == 2
    for k in kiosks:
        k.close()


def test_syncs_that_arrive_together_share_commits(room, make_chain, steps):
    """Group commit: kiosks syncing at once need fewer transactions than syncs, and each is answered only once its
    entries are in the store."""
    import threading

    from sqlalchemy import event

    from invigilator.store.database import READ_ONLY

    kiosks = [Kiosk(room, f"PC {n:02d}") for n in range(12)]
    for k in kiosks:
        k.enrol_ok()
        assert k.sync().status_code == 200  # keys pinned in memory
    room.server._stop.set()  # no last-heard flush in between
    writes = []

    def begun(connection):
        if not connection.get_execution_options().get(READ_ONLY):
            writes.append(1)

    chains = {k.id: make_chain(f"att-{n}", steps(3)) for n, k in enumerate(kiosks)}
    answers: dict[str, object] = {}
    go = threading.Barrier(len(kiosks))

    def run(n: int, k: Kiosk) -> None:
        go.wait()
        for _ in range(3):
            answers[k.id] = k.sync({f"att-{n}": chains[k.id]})

    event.listen(room.store.db.engine, "begin", begun)
    try:
        threads = [threading.Thread(target=run, args=(n, k)) for n, k in enumerate(kiosks)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    finally:
        event.remove(room.store.db.engine, "begin", begun)
    for n, k in enumerate(kiosks):
        assert answers[k.id].status_code == 200
        head = SyncResponse.from_dict(answers[k.id].json()).heads[0]
        assert head.seq == 3 and head.problem is None
        assert [e.hash for e in room.store.replicas.entries(k.id, f"att-{n}")] == [e.hash for e in chains[k.id]]
        k.close()
    assert 1 <= len(writes) < 3 * len(kiosks)  # 36 syncs, fewer commits


def test_a_sync_is_one_write_transaction_and_its_checks_only_read(room, kiosk, make_chain, steps):
    from sqlalchemy import event

    from invigilator.store.database import READ_ONLY

    writes, reads = [], []

    def begun(connection):
        (reads if connection.get_execution_options().get(READ_ONLY) else writes).append(1)

    entries = make_chain("att-1", steps(4))
    kiosk.sync({"att-1": entries[:1]})  # the replica exists, the kiosk's keys are pinned in memory
    room.server._stop.set()  # no last-heard flush in between (its own transaction, every few seconds)
    event.listen(room.store.db.engine, "begin", begun)
    try:
        assert kiosk.sync({"att-1": entries}).status_code == 200
        assert kiosk.sync().status_code == 200
    finally:
        event.remove(room.store.db.engine, "begin", begun)
    assert len(writes) == 2 and reads == []  # the checks read the pinned keys from memory


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
    """Revoked after the request passed its checks (keys from memory), before its write: refused, nothing stored."""
    assert kiosk.sync().status_code == 200  # its keys are pinned in memory from now on
    write = room.service.write

    def revoke_then_write(prepared):
        room.store.kiosks.revoke(kiosk.id, dt.datetime.now(dt.UTC))
        return write(prepared)

    monkeypatch.setattr(room.service, "write", revoke_then_write)
    answer = kiosk.sync({"att-1": make_chain("att-1", steps(1))})
    assert answer.status_code == 403 and "revoked" in answer.json()["error"]
    assert room.store.replicas.entries(kiosk.id, "att-1") == []


def test_a_kiosk_revoked_from_another_process_is_refused_at_its_next_sync(room, kiosk, make_chain, steps):
    """The pinned keys are kept in memory, revocation is not: the command line's store (another connection)
    revokes, and the very next sync is refused and writes nothing."""
    from invigilator.store import RoomStore

    assert kiosk.sync({"att-1": make_chain("att-1", steps(1))}).status_code == 200
    other = RoomStore.open(room.store.db.engine.url.render_as_string(hide_password=False))
    try:
        other.kiosks.revoke(kiosk.id, dt.datetime.now(dt.UTC))
    finally:
        other.close()
    answer = kiosk.sync({"att-1": make_chain("att-1", steps(3))})
    assert answer.status_code == 403 and "revoked" in refusal(answer).error
    assert len(room.store.replicas.entries(kiosk.id, "att-1")) == 1
    assert kiosk.sync().status_code == 403  # and every one after


def test_a_revoked_kiosk_with_a_forged_signature_learns_nothing(room, kiosk):
    """Once a kiosk's keys are in memory, a request under its id that does not verify is a 401, revoked or not."""
    assert kiosk.sync().status_code == 200
    room.store.kiosks.revoke(kiosk.id, dt.datetime.now(dt.UTC))
    forged = kiosk.client.post("/v1/sync", content=kiosk.signed(kiosk.sync_body(), signer=KeyPair.generate("m")))
    assert forged.status_code == 401
    assert kiosk.sync().status_code == 403

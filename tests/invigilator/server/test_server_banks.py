"""Banks over the LAN: an enrolled kiosk downloads the session's .pbank, resumably (HTTP Range)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import random

import pytest

from invigilator.core.center import Bank, SessionStatus, TrustedPublisher
from invigilator.core.commands import CommandKind
from invigilator.core.roster import Candidate
from protocol.envelope import verify
from protocol.keys import KeyPair
from protocol.keywrap import unwrap_for_recipient
from protocol.room import REQUEST_HEADER, BankDescriptor, SyncResponse, bank_key_context, bank_path


@pytest.fixture
def bank(room, tmp_path):
    data = os.urandom(300_000)
    path = tmp_path / "demo.pbank"
    path.write_bytes(data)
    publisher = KeyPair.generate("publisher")
    now = dt.datetime.now(dt.UTC)
    room.store.sessions.trust_publisher(TrustedPublisher(publisher.public.signing_id, "Éditeur", "pub", now))
    room.store.sessions.add_bank(Bank("demo-1", "Démo", publisher.public.signing_id,
                                      hashlib.sha256(data).hexdigest(), now))
    room.banks["demo-1"] = path
    return data


def header(kiosk, bank_id: str = "demo-1", **bend) -> dict[str, str]:
    signed = kiosk.signed({}, path=bank_path(bank_id), **bend)
    return {REQUEST_HEADER: base64.b64encode(signed).decode()}


def test_download_whole_and_resumed(room, kiosk, bank):
    whole = kiosk.client.get("/v1/banks/demo-1", headers=header(kiosk))
    assert whole.status_code == 200 and whole.content == bank
    assert whole.headers["x-pupitre-sha256"] == hashlib.sha256(bank).hexdigest()
    first = kiosk.client.get("/v1/banks/demo-1", headers={**header(kiosk), "range": "bytes=0-99999"})
    rest = kiosk.client.get("/v1/banks/demo-1", headers={**header(kiosk), "range": "bytes=100000-"})
    assert first.status_code == rest.status_code == 206
    assert first.content + rest.content == bank
    assert rest.headers["content-range"] == f"bytes 100000-{len(bank) - 1}/{len(bank)}"


def test_download_refusals(room, kiosk, stranger, bank):
    assert kiosk.client.get("/v1/banks/demo-1").status_code == 401
    assert kiosk.client.get("/v1/banks/demo-1", headers={REQUEST_HEADER: "%%%"}).status_code == 400
    assert stranger.client.get("/v1/banks/demo-1", headers=header(stranger)).status_code == 401
    signed_for_other = header(kiosk, "demo-2")
    assert kiosk.client.get("/v1/banks/demo-1", headers=signed_for_other).status_code == 400
    replay = header(kiosk)
    assert kiosk.client.get("/v1/banks/demo-1", headers=replay).status_code == 200
    assert kiosk.client.get("/v1/banks/demo-1", headers=replay).status_code == 409
    assert kiosk.client.get("/v1/banks/nope", headers=header(kiosk, "nope")).status_code == 404


def test_a_bank_file_changed_on_disk_is_not_served(room, kiosk, bank):
    room.banks["demo-1"].write_bytes(bank[:-1] + bytes([bank[-1] ^ 1]))
    assert kiosk.client.get("/v1/banks/demo-1", headers=header(kiosk)).status_code == 404


def test_an_authorisation_carries_the_bank_and_its_key_wrapped_for_that_kiosk(room, kiosk, bank):
    now = dt.datetime.now(dt.UTC)
    exam = room.store.sessions.create_session("demo-1", "certification", now.date(), "Salle 1", now,
                                              random.Random(1))
    room.store.sessions.set_status(exam.id, SessionStatus.OPEN, now)
    room.store.sessions.add_candidates([Candidate("cand-1", exam.id, "Durand", "Léa", dt.date(2001, 2, 3))])
    issued = room.store.commands.issue(CommandKind.AUTHORISE_START, kiosk.id, {"candidate_id": "cand-1"}, now, "M. Roy")
    held = SyncResponse.from_dict(kiosk.sync().json())
    assert held.commands == ()  # no bank key on the console yet: held back, not sent without its key
    content_key = os.urandom(32)
    room.bank_keys["demo-1"] = content_key
    sync = SyncResponse.from_dict(kiosk.sync().json())
    command = sync.commands[0]
    assert verify(command, [room.center_keys.public], "pupitre/room-command")
    assert command.signed["id"] == issued.command.id
    descriptor = BankDescriptor.from_dict(command.signed["bank"])
    assert descriptor.sha256 == hashlib.sha256(bank).hexdigest() and descriptor.size == len(bank)
    key = unwrap_for_recipient(command.signed["wrapped_key"], kiosk.keys.wrapping_private,
                               bank_key_context("demo-1", issued.command.id))
    assert key == content_key

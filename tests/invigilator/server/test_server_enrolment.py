"""Enrolment over the LAN: the code authenticates both sides, guessing burns it, a machine in the middle fails."""

from __future__ import annotations

import contextlib
import select
import socket
import ssl
import threading
from collections.abc import Iterator

import httpx
import pytest
from conftest import Kiosk, now

from invigilator.tls import create_console_tls
from protocol.enrolment import code_verifier, enrolment_proof
from protocol.envelope import verify
from protocol.pinning import pinned_client_context
from protocol.room import ConsoleCertificateStatement, EnrolmentRequest, EnrolmentResponse, ErrorAnswer


def test_enrolment_pins_both_ways(room):
    k = Kiosk(room)
    answer, seen = k.enrol(room.code())
    assert answer.status_code == 200 and seen == room.tls.pin
    enrolled = EnrolmentResponse.from_dict(answer.json())
    assert enrolled.kiosk_id == k.id and enrolled.center_id == "C-TEST"
    # what the kiosk checks before pinning: the console's proof, and the center's word for the certificate
    assert room.store.kiosks.kiosk(k.id).signing_public == k.keys.public.public_dict()["ed25519"]
    statement = enrolled.certificate_statement
    assert verify(statement, [enrolled.center_keys()], "pupitre/console-certificate")
    assert ConsoleCertificateStatement.from_dict(statement.signed).spki_sha256 == seen
    codes = room.store.kiosks.enrolment_codes()
    expected = enrolment_proof(codes[0].verifier, "console", k.keys.public.public_dict()["ed25519"], seen)
    assert enrolled.console_proof == expected
    assert k.sync().status_code == 200  # and it syncs with its pinned context
    k.close()


def test_five_wrong_codes_burn_it(room):
    code = room.code()
    k = Kiosk(room)
    for guess in ("BCDF-2346", "BCDF-2347", "BCDF-2348", "BCDF-2349", "BCDF-2362"):
        answer, _ = k.enrol(guess)
        assert answer.status_code == 403 and "wrong enrolment code" in ErrorAnswer.from_dict(answer.json()).error
    answer, _ = k.enrol(code)
    assert answer.status_code == 403 and "burned" in answer.json()["error"]
    assert room.store.kiosks.kiosks() == []
    k.close()


def test_a_malformed_or_self_unsigned_enrolment_is_refused_without_a_try(room):
    code = room.code()
    k = Kiosk(room)
    assert k.client.post("/v1/enrol", content=b"{}").status_code == 400
    assert k.client.post("/v1/enrol", content=b"\xff" * 100).status_code == 400
    assert room.store.kiosks.enrolment_codes()[0].wrong_tries == 0
    answer, _ = k.enrol(code)
    assert answer.status_code == 200
    k.close()


class TLSProxy:
    """A machine in the middle: terminates the kiosk's TLS with its own certificate and relays to the console."""

    def __init__(self, tmp_path, target_port: int):
        tls = create_console_tls(tmp_path / "mitm", "MITM")
        self.pin = tls.pin
        self.server_ctx = tls.server_context()
        self.client_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        self.client_ctx.check_hostname = False
        self.client_ctx.verify_mode = ssl.CERT_NONE
        self.target = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed:
            try:
                raw, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(raw,), daemon=True).start()

    def _serve(self, raw: socket.socket) -> None:
        try:
            front = self.server_ctx.wrap_socket(raw, server_side=True)
            back = self.client_ctx.wrap_socket(socket.create_connection(("127.0.0.1", self.target)))
        except OSError:
            raw.close()
            return

        # One thread relays both ways: an SSL socket must not be read and written from two threads at once.
        # Reads time out: a socket can be readable with no application data (TLS 1.3 sends its session
        # tickets after the handshake), and a blocking read would then wait for the console's answer
        # while the kiosk's request waits on the other side to be relayed.
        peers = {front: back, back: front}
        for s in peers:
            s.settimeout(0.2)
        try:
            while not self.closed:
                ready = [s for s in peers if s.pending()] or select.select(list(peers), [], [], 0.5)[0]
                for src in ready:
                    try:
                        data = src.recv(65536)
                    except TimeoutError:
                        continue
                    if not data:
                        return
                    peers[src].sendall(data)
        except OSError:
            pass
        finally:
            for s in peers:
                with contextlib.suppress(OSError):
                    s.close()

    def close(self) -> None:
        self.closed = True
        self.listener.close()


@pytest.fixture
def proxy(room, tmp_path) -> Iterator[TLSProxy]:
    p = TLSProxy(tmp_path, room.server.port)
    yield p
    p.close()


def test_a_machine_in_the_middle_during_enrolment_gets_nothing_pinned(room, proxy):
    code = room.code()
    k = Kiosk(room)
    answer, seen = k.enrol(code, url=f"https://127.0.0.1:{proxy.port}")
    assert seen == proxy.pin != room.tls.pin
    assert answer.status_code == 403 and "wrong enrolment code" in answer.json()["error"]
    assert room.store.kiosks.kiosks() == []  # nothing pinned on the console
    assert room.store.kiosks.enrolment_codes()[0].wrong_tries == 1  # and the try counted
    # the kiosk, on its side, pins nothing: there is no console proof to check, only a refusal
    assert "console_proof" not in answer.json()
    # the same kiosk on the real console still enrols with the code
    direct, _ = k.enrol(code)
    assert direct.status_code == 200
    k.close()


def test_a_kiosk_pinned_to_the_console_refuses_the_machine_in_the_middle(room, kiosk, proxy):
    with httpx.Client(base_url=f"https://127.0.0.1:{proxy.port}", verify=pinned_client_context(
            room.tls.certificate_pem), trust_env=False, timeout=5) as client, \
            pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        client.get("/v1/hello")


def test_the_proof_needs_the_code_not_only_the_verifier_seen(room):
    """A proof for one kiosk key, replayed by another key, does not enrol the other key."""
    code = room.code()
    honest, thief = Kiosk(room, "honest"), Kiosk(room, "thief")
    proof = enrolment_proof(code_verifier(code), "kiosk", honest.keys.public.public_dict()["ed25519"], room.tls.pin)
    stolen = EnrolmentRequest(thief.keys.public.public_dict(), "thief", room.tls.pin, proof, now())
    answer = thief.client.post("/v1/enrol", content=stolen.sign(thief.keys).to_bytes())
    assert answer.status_code == 403 and room.store.kiosks.kiosks() == []
    honest.close()
    thief.close()


def test_enrolment_and_guessing_on_postgresql(pg_room):
    code = pg_room.code()
    k = Kiosk(pg_room)
    for guess in ("BCDF-2346", "BCDF-2347", "BCDF-2348", "BCDF-2349", "BCDF-2362"):
        assert k.enrol(guess)[0].status_code == 403
    assert "burned" in k.enrol(code)[0].json()["error"]
    answer, _ = k.enrol(pg_room.code())
    assert answer.status_code == 200 and pg_room.store.kiosks.kiosk(k.id).name == "PC 01"
    assert k.sync().status_code == 200
    k.close()

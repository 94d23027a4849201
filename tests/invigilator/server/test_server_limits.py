"""Hostile input: oversized and trickling bodies, slow clients, and the decoder fuzzed (4xx, never 500)."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import time

import httpx
from conftest import now
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protocol.envelope import SignedEnvelope
from protocol.keys import KeyPair
from protocol.pinning import pinned_client_context
from protocol.room import EnrolmentRequest, RoomRequest


def test_an_oversized_body_is_refused_before_it_is_read(room, kiosk):
    big = kiosk.client.post("/v1/sync", content=b"x" * (1024 * 1024 + 1))
    assert big.status_code == 413 and "over the" in big.json()["error"]
    assert kiosk.client.post("/v1/enrol", content=b"x" * (16 * 1024 + 1)).status_code == 413
    assert kiosk.client.post("/v1/other", content=b"x" * (16 * 1024 + 1)).status_code == 413


def test_an_oversized_body_without_a_length_is_cut_off(room, kiosk):
    def chunks():
        for _ in range(40):
            yield b"y" * 32 * 1024
    answer = kiosk.client.post("/v1/sync", content=chunks())  # chunked: no Content-Length
    assert answer.status_code == 413


def _slow_connection(room) -> ssl.SSLSocket:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    sock = context.wrap_socket(socket.create_connection(("127.0.0.1", room.server.port)))
    sock.sendall(b"POST /v1/sync HTTP/1.1\r\nHost: console\r\nContent-Length: 1000\r\n\r\n{\"sig")
    return sock


def test_slow_clients_holding_connections_do_not_delay_the_others(room, kiosk):
    slow = [_slow_connection(room) for _ in range(60)]  # more than the server's worker threads
    try:
        with httpx.Client(base_url=room.url, verify=pinned_client_context(room.tls.certificate_pem),
                          trust_env=False, timeout=5) as fast:
            for _ in range(5):
                answer = fast.post("/v1/sync", content=kiosk.signed(kiosk.sync_body()))
                assert answer.status_code == 200
        # the trickling body is cut off after the chunk timeout (1 s here), with a 408
        slow[0].settimeout(10)
        reply = slow[0].recv(4096)
        assert b" 408 " in reply.split(b"\r\n", 1)[0]
    finally:
        for sock in slow:
            sock.close()


def test_a_client_that_sends_half_the_headers_does_not_delay_the_others(room, kiosk):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    hanging = [context.wrap_socket(socket.create_connection(("127.0.0.1", room.server.port))) for _ in range(30)]
    try:
        for sock in hanging:
            sock.sendall(b"POST /v1/sync HTTP/1.1\r\nHost: con")
        started = time.monotonic()
        assert kiosk.sync().status_code == 200
        assert time.monotonic() - started < 5  # the httpx timeout is the bound; no wall-clock target asserted
    finally:
        for sock in hanging:
            sock.close()


# -- the decoder fuzzed: every answer a 4xx, never a 500 ------------------------------------------------
def _client(room) -> httpx.Client:
    """A client of the real server (uvicorn, TLS): the fuzz goes through the whole stack."""
    return httpx.Client(base_url=room.url, verify=pinned_client_context(room.tls.certificate_pem), trust_env=False,
                        timeout=10)


scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10)
json_values = st.recursive(scalars,
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                                         max_size=5),
                           max_leaves=25)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_fuzzed_bytes_get_a_4xx(room, data):
    client = _client(room)
    for path in ("/v1/sync", "/v1/enrol"):
        answer = client.post(path, content=data)
        assert 400 <= answer.status_code < 500, (path, answer.text)
        assert "\n" not in answer.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=json_values, status=json_values, attempts=json_values)
def test_fuzzed_signed_bodies_from_an_enrolled_kiosk_get_a_4xx_or_an_answer(room, kiosk, body, status, attempts):
    """Well signed, by an enrolled kiosk, for this console and path: whatever the body holds, never a 500."""
    client = _client(room)
    for content in (body, {"status": status, "attempts": attempts}, {"status": status, "attempts": [
            {"attempt_id": "att-1", "entries": attempts if isinstance(attempts, list) else [attempts]}]}):
        if not isinstance(content, dict):
            content = {"status": content}
        kiosk.counter += 1
        request = RoomRequest(kiosk.id, kiosk.pin, "/v1/sync", kiosk.counter, now(), content)
        try:
            data = request.sign(kiosk.keys).to_bytes()
        except Exception:  # floats too large for canonical bytes and the like: nothing to send
            continue
        answer = client.post("/v1/sync", content=data)
        assert answer.status_code == 200 or 400 <= answer.status_code < 500, answer.text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(min_value=0), byte=st.integers(min_value=0, max_value=255))
def test_a_valid_request_with_any_byte_changed_gets_a_4xx(room, kiosk, position, byte):
    kiosk.counter += 1
    data = bytearray(kiosk.signed(kiosk.sync_body(), counter=kiosk.counter))
    position %= len(data)
    if data[position] == byte:
        return
    data[position] = byte
    answer = _client(room).post("/v1/sync", content=bytes(data))
    assert 400 <= answer.status_code < 500, answer.text


def test_an_enrolment_with_a_huge_name_or_odd_keys_gets_a_4xx(room):
    client = _client(room)
    k = KeyPair.generate("x")
    good = EnrolmentRequest(k.public.public_dict(), "PC", "ab" * 32, "cd" * 32, dt.datetime.now(dt.UTC))
    for change in ({"name": "n" * 41}, {"name": "\x00"}, {"public": {"ed25519": "", "x25519": ""}},
                   {"sent_at": "now"}, {"proof": "zz" * 32}):
        signed = good.to_dict() | change
        answer = client.post("/v1/enrol", content=SignedEnvelope.create(signed, k).to_bytes())
        assert answer.status_code == 400, (change, answer.text)

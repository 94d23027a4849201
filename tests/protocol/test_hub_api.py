"""The console–hub messages: signed requests read back, and refused when altered or malformed."""

import base64
import datetime as dt
import json

import pytest

from protocol.canonical import canonical_bytes
from protocol.envelope import SignedEnvelope
from protocol.hub_api import (
    BODY_MISMATCH,
    MAX_CHUNK,
    PACKAGES_PATH,
    REQUEST_HEADER,
    HubError,
    HubMessageError,
    PackageStatus,
    UploadStart,
    body_sha256,
    make_request,
    package_path,
    read_answer,
    read_request_header,
    request_signed_by,
    sign_request,
    signed_headers,
)
from protocol.keys import KeyPair

NOW = dt.datetime(2026, 6, 15, 17, 30, tzinfo=dt.UTC)
PIN = "ab" * 32
PKG = "cd" * 32


@pytest.fixture(scope="module")
def center():
    return KeyPair.generate("center-0750001A")


def test_a_signed_patch_reads_back_and_verifies(center):
    body = b"x" * 1000
    headers = signed_headers(center="0750001A", hub_pin=PIN, method="PATCH", path=package_path(PKG),
                             counter=7, body=body, offset=4096, now=NOW, signer=center)
    envelope, request = read_request_header(headers[REQUEST_HEADER])
    assert (request.center, request.hub, request.method, request.path, request.counter, request.offset) == \
        ("0750001A", PIN, "PATCH", f"/v1/packages/{PKG}", 7, 4096)
    assert request.body_sha256 == body_sha256(body)
    assert request.time == NOW
    assert envelope.signed["time"] == "2026-06-15T17:30:00.000000Z"
    assert request_signed_by(envelope, center.public)
    assert not request_signed_by(envelope, KeyPair.generate("other").public)
    assert headers["content-type"] == "application/octet-stream"


def test_a_signing_function_signs_as_the_key_does(center):
    request = make_request(center="C1", hub_pin=PIN, method="GET", path=package_path(PKG), counter=1, now=NOW)
    header = sign_request(request, center.sign, center.public.signing_id)
    envelope, read = read_request_header(header)
    assert read.offset is None and read.body_sha256 == body_sha256(b"")
    assert request_signed_by(envelope, center.public)
    with pytest.raises(ValueError, match="key id"):
        sign_request(request, center.sign)


def test_an_altered_request_no_longer_verifies(center):
    header = signed_headers(center="C1", hub_pin=PIN, method="POST", path=PACKAGES_PATH, counter=3,
                            body=b"{}", now=NOW, signer=center)[REQUEST_HEADER]
    raw = json.loads(base64.b64decode(header))
    raw["signed"]["counter"] = 4
    envelope, request = read_request_header(base64.b64encode(canonical_bytes(raw)).decode())
    assert request.counter == 4
    assert not request_signed_by(envelope, center.public)


@pytest.mark.parametrize(("change", "message"), [
    ({"_type": "pupitre/room-request"}, "_type"),
    ({"method": "DELETE"}, "method"),
    ({"path": "/v1/sync"}, "path"),
    ({"path": "/v1/packages/ABC"}, "path"),
    ({"counter": 0}, "counter"),
    ({"counter": True}, "counter"),
    ({"hub": "12"}, "hub"),
    ({"center": "a b"}, "center"),
    ({"time": "2026-06-15T17:30:00+02:00"}, "time"),
    ({"time": "2026-02-30T17:30:00Z"}, "time"),
    ({"body_sha256": "x"}, "body_sha256"),
    ({"offset": 5}, "offset"),
])
def test_malformed_requests_are_refused_naming_the_field(center, change, message):
    request = make_request(center="C1", hub_pin=PIN, method="POST", path=PACKAGES_PATH, counter=3, now=NOW)
    signed = {**request.to_dict(), **change}
    header = base64.b64encode(SignedEnvelope.create(signed, center).to_bytes()).decode()
    with pytest.raises(HubMessageError, match=message):
        read_request_header(header)


def test_a_patch_needs_its_offset(center):
    request = make_request(center="C1", hub_pin=PIN, method="PATCH", path=package_path(PKG), counter=3,
                           offset=0, now=NOW)
    signed = request.to_dict()
    del signed["offset"]
    header = base64.b64encode(SignedEnvelope.create(signed, center).to_bytes()).decode()
    with pytest.raises(HubMessageError, match="offset"):
        read_request_header(header)


@pytest.mark.parametrize("header", [None, "", "***", base64.b64encode(b"{}").decode(),
                                    base64.b64encode(b'{"signatures":[],"signed":{"_type":"x"}} ').decode(),
                                    "A" * 10000])
def test_headers_that_are_not_signed_requests_are_refused(header):
    with pytest.raises(HubMessageError):
        read_request_header(header)


def test_two_signatures_are_refused(center):
    request = make_request(center="C1", hub_pin=PIN, method="GET", path=package_path(PKG), counter=1, now=NOW)
    envelope = SignedEnvelope.create(request.to_dict(), center)
    envelope.add_signature(KeyPair.generate("other"))
    with pytest.raises(HubMessageError, match="exactly one signature"):
        read_request_header(base64.b64encode(envelope.to_bytes()).decode())


def test_upload_start_is_strict():
    start = UploadStart(PKG, 1234)
    assert UploadStart.from_bytes(start.to_bytes()) == start
    for bad in (b'{"package":"cd","size":3}', b'{"package":"' + PKG.encode() + b'","size":0}',
                b'{"package": "x"}', b'{"extra":1,"package":"' + PKG.encode() + b'","size":3}', b"[]", b"\xff"):
        with pytest.raises(HubMessageError):
            UploadStart.from_bytes(bad)


def test_status_and_errors_round_trip_and_are_told_apart():
    stored = PackageStatus(PKG, "stored", 10, 10, None, b"receipt bytes")
    assert read_answer(200, stored.to_bytes()) == stored
    receiving = PackageStatus(PKG, "receiving", 4, 10)
    assert read_answer(409, receiving.to_bytes()) == receiving
    replay = HubError("replayed-counter", "counter 3 is not above 9", last_counter=9)
    assert read_answer(409, replay.to_bytes()) == replay
    assert read_answer(400, HubError(BODY_MISMATCH, "the body is not the one signed").to_bytes()).error == BODY_MISMATCH
    assert read_answer(500, b'{"error": "internal", "message": "x"}').error == "internal"
    with pytest.raises(HubMessageError, match="not JSON"):
        read_answer(502, b"<html>bad gateway</html>")
    with pytest.raises(HubMessageError, match="without a package status"):
        read_answer(200, HubError("x", "y").to_bytes())


@pytest.mark.parametrize("raw", [
    {"package": PKG, "state": "done", "offset": 0, "size": 1, "reason": None, "receipt": None},
    {"package": PKG, "state": "receiving", "offset": 2, "size": 1, "reason": None, "receipt": None},
    {"package": PKG, "state": "stored", "offset": 1, "size": 1, "reason": None, "receipt": None},
    {"package": PKG, "state": "refused", "offset": 1, "size": 1, "reason": None, "receipt": None},
    {"package": PKG, "state": "stored", "offset": 1, "size": 1, "reason": None, "receipt": "!!"},
])
def test_inconsistent_statuses_are_refused(raw):
    with pytest.raises(HubMessageError):
        PackageStatus.from_dict(raw)


def test_package_path_and_limits():
    assert package_path(PKG) == f"/v1/packages/{PKG}"
    with pytest.raises(HubMessageError):
        package_path("../etc")
    assert MAX_CHUNK == 1024 * 1024

"""The upload API: every request authenticated as ADR 0031 says, uploads resumable and idempotent, limits held."""

import base64
import json

import pytest

from protocol import hub_api
from protocol.canonical import canonical_bytes
from protocol.hub_api import PackageStatus, read_answer
from protocol.keys import KeyPair
from protocol.session_package import verify_receipt
from tests.hub.conftest import CenterClient
from tests.hub.factory import NOW


@pytest.fixture
def package(world):
    return world.package([world.exam(1), world.exam(2)])


def error(answer):
    parsed = read_answer(answer.status_code, answer.content)
    assert isinstance(parsed, hub_api.HubError), parsed
    return parsed


def test_upload_in_chunks_stores_once_with_a_receipt_and_again_gives_the_same(client, hub, package):
    status = client.upload(package, chunk=40_000)
    assert status.state == "stored" and status.offset == status.size == len(package)
    receipt = verify_receipt(status.receipt, hub_key=hub.keys.public, package=status.package)
    assert (receipt.center, receipt.session, receipt.candidates, receipt.hub) == ("0750001A", "2026-1122-B12", 2,
                                                                                   "Hub de test")
    again = client.upload(package)
    assert again == status  # the same receipt bytes
    answer = client.get(status.package)
    assert answer.status_code == 200 and read_answer(200, answer.content) == status
    late = client.patch(status.package, 0, package[:10])
    assert late.status_code == 409 and read_answer(409, late.content) == status


def test_a_wrong_offset_gets_409_with_the_hubs_offset_and_the_client_resumes(client, package):
    start = read_answer(200, client.start(package).content)
    client.patch(start.package, 0, package[:1000])
    ahead = client.patch(start.package, 5000, package[5000:6000])
    assert ahead.status_code == 409
    status = read_answer(409, ahead.content)
    assert isinstance(status, PackageStatus) and status.offset == 1000 and status.state == "receiving"
    behind = client.patch(start.package, 0, package[:1000])
    assert behind.status_code == 409 and read_answer(409, behind.content).offset == 1000
    assert client.upload(package).state == "stored"


def test_bytes_beyond_the_size_are_refused(client, package):
    start = read_answer(200, client.start(package).content)
    answer = client.patch(start.package, 0, package + b"x")
    assert answer.status_code == 400 and error(answer).error == hub_api.BEYOND_SIZE
    assert read_answer(200, client.get(start.package).content).offset == 0


def test_bytes_that_are_not_the_package_are_dropped_and_the_upload_starts_again(client, package):
    start = read_answer(200, client.start(package).content)
    damaged = bytearray(package)
    damaged[100] ^= 1
    answer = client.patch(start.package, 0, bytes(damaged))
    status = read_answer(answer.status_code, answer.content)
    assert answer.status_code == 200 and status.state == "receiving" and status.offset == 0
    assert "SHA-256" in status.reason
    assert client.upload(package).state == "stored"


def test_a_size_other_than_the_first_is_refused_once_bytes_arrived(client, package):
    wrong = hub_api.UploadStart(hub_api.body_sha256(package), len(package) - 1).to_bytes()
    first = client.http.post(hub_api.PACKAGES_PATH, content=wrong,
                             headers=client.headers("POST", hub_api.PACKAGES_PATH, wrong))
    assert read_answer(200, first.content).size == len(package) - 1
    assert read_answer(200, client.start(package).content).size == len(package)  # nothing received: it restarts
    client.patch(hub_api.body_sha256(package), 0, package[:10])
    body = hub_api.UploadStart(hub_api.body_sha256(package), len(package) + 1).to_bytes()
    answer = client.http.post(hub_api.PACKAGES_PATH, content=body,
                              headers=client.headers("POST", hub_api.PACKAGES_PATH, body))
    assert answer.status_code == 400 and error(answer).error == hub_api.SIZE_MISMATCH


def test_status_of_a_package_never_started_is_404(client):
    answer = client.get("ab" * 32)
    assert answer.status_code == 404 and error(answer).error == hub_api.NOT_FOUND


# -- authentication ------------------------------------------------------------------------------------
def test_an_unknown_center_is_403(client, hub, package):
    stranger = CenterClient(client.http, "9999999Z", KeyPair.generate("stranger"), hub.home.pin)
    answer = stranger.start(package)
    assert answer.status_code == 403 and error(answer).error == hub_api.UNKNOWN_CENTER


def test_a_revoked_center_is_403(client, hub, package):
    hub.centers.revoke("0750001A", NOW)
    answer = client.start(package)
    assert answer.status_code == 403 and error(answer).error == hub_api.REVOKED_CENTER


def test_another_key_under_the_centers_id_is_401(client, hub, package):
    impostor = CenterClient(client.http, "0750001A", KeyPair.generate("impostor"), hub.home.pin)
    answer = impostor.start(package)
    assert answer.status_code == 401 and error(answer).error == hub_api.BAD_SIGNATURE


def test_an_altered_signed_request_is_401(client, package):
    body = hub_api.UploadStart(hub_api.body_sha256(package), len(package)).to_bytes()
    headers = client.headers("POST", hub_api.PACKAGES_PATH, body)
    raw = json.loads(base64.b64decode(headers[hub_api.REQUEST_HEADER]))
    raw["signed"]["counter"] += 1000
    headers[hub_api.REQUEST_HEADER] = base64.b64encode(canonical_bytes(raw)).decode()
    answer = client.http.post(hub_api.PACKAGES_PATH, content=body, headers=headers)
    assert answer.status_code == 401 and error(answer).error == hub_api.BAD_SIGNATURE


def test_a_replayed_request_is_409_with_the_last_counter(client, package):
    body = hub_api.UploadStart(hub_api.body_sha256(package), len(package)).to_bytes()
    headers = client.headers("POST", hub_api.PACKAGES_PATH, body)
    assert client.http.post(hub_api.PACKAGES_PATH, content=body, headers=headers).status_code == 200
    replay = client.http.post(hub_api.PACKAGES_PATH, content=body, headers=headers)
    assert replay.status_code == 409
    answer = error(replay)
    assert answer.error == hub_api.REPLAYED_COUNTER and answer.last_counter == client.counter
    client.counter = 0  # an older counter is refused too
    assert error(client.start(package)).last_counter == 1


@pytest.mark.parametrize(("override", "code"), [
    ({"hub_pin": "cd" * 32}, hub_api.WRONG_HUB),
    ({"signed_method": "GET"}, hub_api.WRONG_REQUEST),
    ({"signed_path": "/v1/packages/" + "ef" * 32}, hub_api.WRONG_REQUEST),
    ({"signed_body": b"another body"}, hub_api.BODY_MISMATCH),
])
def test_a_request_signed_for_another_hub_call_or_body_is_400(client, package, override, code):
    answer = client.start(package, **override)
    assert answer.status_code == 400 and error(answer).error == code


@pytest.mark.parametrize("header", [None, "", "not base64!", base64.b64encode(b"[]").decode()])
def test_a_missing_or_unreadable_header_is_400(client, header):
    headers = {} if header is None else {hub_api.REQUEST_HEADER: header}
    answer = client.http.post(hub_api.PACKAGES_PATH, content=b"{}", headers=headers)
    assert answer.status_code == 400 and error(answer).error == hub_api.MALFORMED


def test_a_malformed_start_body_costs_a_counter_but_stores_nothing(client):
    body = b'{"package":"x","size":1}'
    answer = client.http.post(hub_api.PACKAGES_PATH, content=body,
                              headers=client.headers("POST", hub_api.PACKAGES_PATH, body))
    assert answer.status_code == 400 and "package" in error(answer).message


def test_a_patch_without_its_signed_offset_is_refused(client, package):
    start = read_answer(200, client.start(package).content)
    path = hub_api.package_path(start.package)
    request = hub_api.make_request(center=client.center_id, hub_pin=client.pin, method="PATCH", path=path,
                                   counter=client.counter + 1, body=b"x", offset=0, now=NOW)
    signed = request.to_dict()
    del signed["offset"]
    from protocol.envelope import SignedEnvelope
    header = base64.b64encode(SignedEnvelope.create(signed, client.keys).to_bytes()).decode()
    answer = client.http.patch(path, content=b"x", headers={hub_api.REQUEST_HEADER: header})
    assert answer.status_code == 400 and "offset" in error(answer).message


# -- limits ---------------------------------------------------------------------------------------------
def test_a_body_over_a_mebibyte_is_413_unread(client, package):
    start = read_answer(200, client.start(package).content)
    big = b"\0" * (hub_api.MAX_CHUNK + 1)
    answer = client.patch(start.package, 0, big)
    assert answer.status_code == 413 and error(answer).error == hub_api.TOO_LARGE
    assert read_answer(200, client.get(start.package).content).offset == 0


def test_a_start_body_over_16_kib_is_413(client):
    body = b" " * (17 * 1024)
    answer = client.http.post(hub_api.PACKAGES_PATH, content=body,
                              headers=client.headers("POST", hub_api.PACKAGES_PATH, body))
    assert answer.status_code == 413


def test_a_center_over_its_rate_gets_429_with_retry_after(hub, world):
    from starlette.testclient import TestClient

    from hub.server.app import build_app
    with TestClient(build_app(hub.service, center_rate=0.5, center_burst=3), base_url="https://hub.test") as http:
        center = CenterClient(http, world.center_id, world.center, hub.home.pin)
        codes = [center.get("ab" * 32).status_code for _ in range(5)]
        assert codes[:3] == [404, 404, 404] and codes[3:] == [429, 429]
        answer = center.get("ab" * 32)
        assert answer.status_code == 429 and int(answer.headers["retry-after"]) >= 1
        assert error(answer).error == hub_api.RATE_LIMITED


def test_every_request_is_logged_as_one_json_line(client, package, caplog):
    import logging
    caplog.set_level(logging.INFO, logger="pupitre.hub")
    answer = client.start(package)
    lines = [r for r in caplog.records if r.getMessage() == "request"]
    assert lines, "no request line logged"
    fields = lines[-1].fields
    assert fields["center"] == "0750001A" and fields["path"] == "/v1/packages" and fields["status"] == 200
    assert fields["request_id"] == answer.headers["x-request-id"] and fields["duration_ms"] >= 0
    from hub.server.logs import JsonLines
    parsed = json.loads(JsonLines().format(lines[-1]))
    assert parsed["event"] == "request" and parsed["method"] == "POST"


def test_a_database_that_is_gone_is_503_with_retry_after(hub, world, tmp_path, package):
    from sqlalchemy import create_engine
    from starlette.testclient import TestClient

    from hub.server.app import build_app
    from hub.service import HubService
    from hub.store.database import Database
    gone = Database(create_engine(f"postgresql+psycopg://pupitre@/hub?host={tmp_path}&connect_timeout=2"), "gone")
    service = HubService(gone, hub.keys, "gone", hub.home.pin, hub.service.banks)
    with TestClient(build_app(service), base_url="https://hub.test") as http:
        answer = CenterClient(http, world.center_id, world.center, hub.home.pin).start(package)
    assert answer.status_code == 503 and answer.headers["retry-after"] == "5"
    assert error(answer).error == hub_api.UNAVAILABLE


def test_another_center_cannot_read_or_write_a_package_it_did_not_start(client, hub, package):
    from hub.store.centers import CenterStore
    other = KeyPair.generate("center B")
    CenterStore(hub.db).add("0690002B", "Collège Jean Moulin", other.public, NOW)
    start = read_answer(200, client.start(package).content)
    intruder = CenterClient(client.http, "0690002B", other, hub.home.pin)
    for answer in (intruder.get(start.package), intruder.patch(start.package, 0, package[:100]),
                   intruder.start(package)):
        assert answer.status_code == 403 and error(answer).error == hub_api.OTHER_CENTER
    assert read_answer(200, client.get(start.package).content).offset == 0


def test_a_chunked_body_is_cut_at_the_limit(client, package):
    start = read_answer(200, client.start(package).content)
    path = hub_api.package_path(start.package)
    big = b"\0" * (hub_api.MAX_CHUNK + 4096)

    def pieces():
        for i in range(0, len(big), 64 * 1024):
            yield big[i:i + 64 * 1024]

    answer = client.http.patch(path, content=pieces(), headers=client.headers("PATCH", path, big, 0))
    assert answer.status_code == 413
    assert read_answer(200, client.get(start.package).content).offset == 0

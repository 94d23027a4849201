"""The OpenAPI schema the hub serves, and schemathesis generating requests from it against the real app
(bounded examples, in process: every answer must be one the schema documents, never a 500)."""

import datetime as dt
import time

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from hub.server.app import build_app
from protocol import hub_api

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          response_headers_conformance]


@pytest.fixture
def api(hub_folder, world, tmp_path):
    from tests.hub.conftest import Hub
    hub = Hub(*hub_folder, f"sqlite:///{tmp_path / 'hub.sqlite'}", world, tmp_path)
    app = build_app(hub.service, center_rate=1000, center_burst=100_000, public_rate=1000, public_burst=100_000)
    yield hub, app
    hub.close()


def operations(app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def sign_some(case, hub, world) -> None:
    """Half the package status requests carry a real signature, so the checks reach past authentication."""
    if case.method == "GET" and case.formatted_path.startswith("/v1/packages/") and case.headers is not None \
            and len(case.headers.get(hub_api.REQUEST_HEADER, "")) % 2 == 0:
        now = dt.datetime.now(dt.UTC)
        case.headers[hub_api.REQUEST_HEADER] = hub_api.signed_headers(
            center=world.center_id, hub_pin=hub.home.pin, method="GET", path=case.formatted_path,
            counter=time.time_ns() // 1000, now=now, signer=world.center)[hub_api.REQUEST_HEADER]


def test_every_answer_is_one_the_schema_documents(api, world):
    hub, app = api
    found = operations(app)
    assert len(found) == 6
    for operation in found:
        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                  database=None)
        def check(case):
            sign_some(case, hub, world)
            case.call_and_validate(checks=CHECKS)

        check()


def test_the_schema_names_every_route_and_error_code(api):
    from starlette.testclient import TestClient
    with TestClient(api[1]) as http:
        served = http.get("/openapi.json").json()
    assert served["openapi"] == "3.0.3"
    assert set(served["paths"]) == {"/v1/packages", "/v1/packages/{sha256}", "/v1/verify/{code}", "/verify/{code}",
                                    "/v1/verify-qr"}
    assert set(hub_api.ERROR_CODES) <= set(served["components"]["schemas"]["Error"]["properties"]["error"]["enum"])

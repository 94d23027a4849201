"""The hub over TLS 1.3 with its self-signed certificate: a console that pins it gets in, any other pin fails."""

import ssl

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from hub.errors import HubSetupError
from hub.home import make_certificate
from hub.server.runner import HubServer, parse_listen
from protocol.pinning import check_peer_pin, pinned_client_context
from protocol.session_package import verify_receipt
from tests.hub.conftest import CenterClient
from tests.hub.factory import NOW


@pytest.fixture
def served(hub):
    server = HubServer(hub.service, hub.home).start()
    yield server
    server.stop()


def pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def test_a_console_pinning_the_hub_uploads_over_tls_13(served, hub, world):
    with httpx.Client(base_url=f"https://127.0.0.1:{served.port}", verify=pinned_client_context(
            pem(hub.home.certificate())), trust_env=False, timeout=30) as http:
        status = CenterClient(http, world.center_id, world.center, hub.home.pin).upload(world.package([world.exam(1)]))
        answer = http.get("/openapi.json")
        stream = answer.extensions["network_stream"]
        check_peer_pin(stream.get_extra_info("ssl_object"), hub.home.pin)
        assert stream.get_extra_info("ssl_object").version() == "TLSv1.3"
    assert status.state == "stored"
    verify_receipt(status.receipt, hub_key=hub.keys.public, package=status.package)


def test_a_console_pinning_another_certificate_fails_the_handshake(served):
    other = make_certificate(ec.generate_private_key(ec.SECP256R1()), "impostor", NOW)
    context = pinned_client_context(pem(other))
    with httpx.Client(base_url=f"https://127.0.0.1:{served.port}", verify=context, trust_env=False,
                      timeout=10) as http, pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY"):
        http.get("/openapi.json")


def test_tls_12_is_refused(served):
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    context.maximum_version = ssl.TLSVersion.TLSv1_2
    with httpx.Client(base_url=f"https://127.0.0.1:{served.port}", verify=context, trust_env=False,
                      timeout=10) as http, pytest.raises(httpx.ConnectError):
        http.get("/openapi.json")


@pytest.mark.parametrize("text", ["8443", "host:", ":80", "host:99999", "host:port"])
def test_a_bad_listen_address_is_one_clear_error(text):
    with pytest.raises(HubSetupError, match="HOST:PORT"):
        parse_listen(text)

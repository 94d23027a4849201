"""Which results hub the console sends its outbox to: its address, its certificate's pin and its key (ADR 0032).

The center's technician sets it once (``pupitre-invigilator hub set https://HOST:PORT --pin SHA256
--key hub.pub``); the certification body hands out the pin and ``hub.pub``. The data folder holds::

    hub/hub.json      {"url": …, "pin": …, "key": SIGNING-KEY-ID}
    hub/hub.pub       the hub's public key, which signs its receipts
    hub/hub.pem       the hub's certificate, learned on the first connection whose pin matched
    hub/counter.json  the request counter (only grows)

The certificate is learned rather than typed: the first connection accepts any certificate,
compares its public key with the pin *before a single byte of a request is sent*, and keeps it;
every later connection trusts that certificate alone (:func:`protocol.pinning.pinned_client_context`).
"""

from __future__ import annotations

import json
import socket
import ssl
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from invigilator.errors import HubConfigError, HubIdentityError, HubUnreachableError
from protocol.atomicfile import write_atomic
from protocol.errors import KeyFileError, PinError
from protocol.keys import PublicKeys
from protocol.pinning import enrolment_client_context, is_pin, load_certificate, spki_sha256

HUB_DIR = "hub"
CONFIG_FILE, KEY_FILE, CERT_FILE = "hub.json", "hub.pub", "hub.pem"
CONNECT_TIMEOUT = 10.0


def hub_dir(data_dir: Path) -> Path:
    return Path(data_dir) / HUB_DIR


def parse_url(url: str) -> tuple[str, int]:
    """``https://HOST:PORT`` (no path, no user) → (host, port); :class:`HubConfigError` naming the fault."""
    parts = urlsplit(url.strip())
    if parts.scheme != "https":
        raise HubConfigError(f"hub address {url!r}: expected https://HOST:PORT (the hub speaks TLS only)")
    if parts.username or parts.password or parts.query or parts.fragment or parts.path not in ("", "/"):
        raise HubConfigError(f"hub address {url!r}: give only https://HOST:PORT, without a path or a user")
    try:
        port = parts.port or 443
    except ValueError:
        raise HubConfigError(f"hub address {url!r}: the port is not a number from 1 to 65535") from None
    if not parts.hostname:
        raise HubConfigError(f"hub address {url!r}: no host name")
    return parts.hostname, port


@dataclass(frozen=True)
class HubConfig:
    url: str
    pin: str
    key: PublicKeys
    certificate_pem: str | None  # None until the first connection learned it

    @property
    def base_url(self) -> str:
        host, port = parse_url(self.url)
        return f"https://{f'[{host}]' if ':' in host else host}:{port}"


def fetch_certificate(url: str, pin: str, timeout: float = CONNECT_TIMEOUT) -> str:
    """The hub's certificate (PEM) if its public key has ``pin``; nothing but the TLS handshake is sent."""
    host, port = parse_url(url)
    try:
        with socket.create_connection((host, port), timeout=timeout) as raw, \
                enrolment_client_context().wrap_socket(raw, server_hostname=host) as tls:
            der = tls.getpeercert(True)
    except (OSError, ssl.SSLError) as exc:
        raise HubUnreachableError(f"the hub at {url} does not answer ({exc.__class__.__name__}: {exc})") from None
    if not der:
        raise HubIdentityError(f"the hub at {url} showed no certificate")
    try:
        seen = spki_sha256(der)
        certificate = load_certificate(der)
    except PinError as exc:
        raise HubIdentityError(f"the hub at {url}: {exc}") from None
    if seen != pin:
        raise HubIdentityError(f"the machine at {url} shows a certificate with pin {seen[:16]}…, not the hub's "
                               f"{pin[:16]}… (a wrong address, or another machine answers in the hub's place)")
    from cryptography.hazmat.primitives.serialization import Encoding

    return certificate.public_bytes(Encoding.PEM).decode("ascii")


def load_config(data_dir: Path) -> HubConfig | None:
    """The configured hub, or None when none is set; :class:`HubConfigError` when the files are damaged."""
    folder = hub_dir(data_dir)
    path = folder / CONFIG_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise HubConfigError(f"{path}: cannot be read ({exc}); set the hub again with 'pupitre-invigilator hub set'") \
            from None
    if not isinstance(raw, dict) or not isinstance(raw.get("url"), str) or not is_pin(raw.get("pin")):
        raise HubConfigError(f"{path}: not a hub configuration; set the hub again with 'pupitre-invigilator hub set'")
    parse_url(raw["url"])
    try:
        key = PublicKeys.load(folder / KEY_FILE)
    except (KeyFileError, OSError) as exc:
        raise HubConfigError(f"{folder / KEY_FILE}: the hub's key cannot be read ({exc})") from None
    if key.signing_id != raw.get("key"):
        raise HubConfigError(f"{folder / KEY_FILE}: holds key {key.signing_id}, not the hub key {raw.get('key')} "
                             f"named in {path}; set the hub again")
    certificate = None
    cert_path = folder / CERT_FILE
    if cert_path.is_file():
        certificate = cert_path.read_text(encoding="ascii")
        try:
            if spki_sha256(certificate) != raw["pin"]:
                raise HubConfigError(f"{cert_path}: this certificate does not have the hub's pin; remove it (it is "
                                     "learned again on the next connection)")
        except PinError as exc:
            raise HubConfigError(f"{cert_path}: {exc}") from None
    return HubConfig(raw["url"], raw["pin"], key, certificate)


def save_config(data_dir: Path, url: str, pin: str, key_file: Path, certificate_pem: str | None) -> HubConfig:
    """Record the hub (replacing any earlier one); the key file is checked and copied into the data folder."""
    parse_url(url)
    pin = pin.strip().lower().replace(":", "")
    if not is_pin(pin):
        raise HubConfigError(f"--pin {pin[:20]!r}: expected the 64 hexadecimal digits of the hub certificate's "
                             "SHA-256 pin")
    try:
        key = PublicKeys.load(key_file)
    except (KeyFileError, OSError) as exc:
        raise HubConfigError(f"--key {key_file}: not a public key file ({exc})") from None
    folder = hub_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    key.save(folder / KEY_FILE)
    cert_path = folder / CERT_FILE
    if certificate_pem is not None:
        write_atomic(cert_path, certificate_pem.encode("ascii"), mode=0o644)
    else:
        cert_path.unlink(missing_ok=True)  # another hub's certificate must not be trusted for this one
    document = {"url": url.strip().rstrip("/"), "pin": pin, "key": key.signing_id}
    write_atomic(folder / CONFIG_FILE, (json.dumps(document, indent=2) + "\n").encode(), mode=0o644)
    return HubConfig(document["url"], pin, key, certificate_pem)


def remember_certificate(data_dir: Path, config: HubConfig, certificate_pem: str) -> HubConfig:
    """Keep the certificate learned on a connection whose pin matched."""
    if spki_sha256(certificate_pem) != config.pin:
        raise HubIdentityError("the certificate learned does not have the hub's pin")
    write_atomic(hub_dir(data_dir) / CERT_FILE, certificate_pem.encode("ascii"), mode=0o644)
    return HubConfig(config.url, config.pin, config.key, certificate_pem)

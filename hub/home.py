"""The hub's folder: its signing key (sealed by a passphrase), its public keys, its TLS identity.

Layout of the data folder::

    hub-key.json    the hub's Ed25519 signing key and X25519 wrapping key, sealed (scrypt + AES-GCM)
    hub.pub         the hub's public keys: centers verify receipts with it, publishers wrap banks for it
    hub-tls.key     the TLS key (ECDSA P-256, 0600, not sealed: ``serve`` restarts unattended)
    hub-tls.crt     the self-signed certificate; consoles pin the SHA-256 of its public key
    hub.json        the hub's name and its database URL (what ``serve`` uses without ``--db``)

The signing key signs receipts; the wrapping key opens the banks published for the hub (a
``.pbank`` wraps its content key for each recipient). Both stay sealed on disk; ``serve`` unseals
them once at start with the passphrase (``--passphrase-file`` or ``PUPITRE_HUB_PASSPHRASE``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from hub.errors import HubSetupError
from protocol.atomicfile import write_atomic
from protocol.errors import KeyFileError, WrongPassphraseError
from protocol.keys import KeyPair, PublicKeys, write_private_file
from protocol.pinning import spki_sha256

KEY_FILE = "hub-key.json"
PUBLIC_FILE = "hub.pub"
TLS_KEY_FILE = "hub-tls.key"
TLS_CERT_FILE = "hub-tls.crt"
CONFIG_FILE = "hub.json"
VALIDITY = dt.timedelta(days=3650)
PASSPHRASE_ENV = "PUPITRE_HUB_PASSPHRASE"
MIN_PASSPHRASE = 12


def make_certificate(key: ec.EllipticCurvePrivateKey, name: str, now: dt.datetime) -> x509.Certificate:
    """A self-signed server certificate for ``key``: not a CA, no host name (the pin is the identity)."""
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"Pupitre hub {name}"[:64])])
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + VALIDITY)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(key, hashes.SHA256()))


@dataclass(frozen=True)
class HubHome:
    """The hub's data folder and what ``init`` put in it."""

    root: Path

    @property
    def key_path(self) -> Path:
        return self.root / KEY_FILE

    @property
    def bank_cache_path(self) -> Path:
        """Where the workers put the banks they open (the sealed ``.pbank`` files the database holds): one
        folder for all of them, so a worker killed and replaced leaves nothing behind."""
        return self.root / "bank-cache"

    @property
    def public_path(self) -> Path:
        return self.root / PUBLIC_FILE

    @property
    def tls_key_path(self) -> Path:
        return self.root / TLS_KEY_FILE

    @property
    def tls_cert_path(self) -> Path:
        return self.root / TLS_CERT_FILE

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_FILE

    def initialised(self) -> bool:
        return self.key_path.exists()

    def require(self) -> HubHome:
        missing = [p.name for p in (self.key_path, self.public_path, self.tls_key_path, self.tls_cert_path,
                                    self.config_path) if not p.exists()]
        if missing:
            raise HubSetupError(f"{self.root}: not a hub folder ({', '.join(missing)} missing); run "
                                "pupitre-hub init first")
        return self

    def config(self) -> dict[str, Any]:
        try:
            data = json.loads(self.config_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise HubSetupError(f"{self.config_path}: missing; run pupitre-hub init first") from None
        except (OSError, ValueError) as exc:
            raise HubSetupError(f"{self.config_path}: unreadable ({exc})") from None
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            raise HubSetupError(f"{self.config_path}: not a hub configuration (no 'name')")
        return data

    @property
    def name(self) -> str:
        return str(self.config()["name"])

    def database_url(self, override: str | None = None) -> str:
        if override:
            return override
        url = self.config().get("database")
        return url if isinstance(url, str) and url else f"sqlite:///{self.root / 'hub.sqlite'}"

    def public_keys(self) -> PublicKeys:
        try:
            return PublicKeys.load(self.public_path)
        except KeyFileError as exc:
            raise HubSetupError(str(exc)) from None

    def unseal(self, passphrase: str) -> KeyPair:
        try:
            return KeyPair.load(self.key_path, passphrase)
        except WrongPassphraseError:
            raise HubSetupError(f"{self.key_path}: wrong passphrase") from None
        except KeyFileError as exc:
            raise HubSetupError(str(exc)) from None

    def certificate(self) -> x509.Certificate:
        try:
            return x509.load_pem_x509_certificate(self.tls_cert_path.read_bytes())
        except (OSError, ValueError) as exc:
            raise HubSetupError(f"{self.tls_cert_path}: cannot read the hub's certificate ({exc})") from None

    @property
    def pin(self) -> str:
        return spki_sha256(self.certificate())

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_3
        try:
            context.load_cert_chain(str(self.tls_cert_path), str(self.tls_key_path))
        except (OSError, ssl.SSLError) as exc:
            raise HubSetupError(f"{self.root}: cannot load the hub's TLS key and certificate ({exc})") from None
        return context


def init_home(root: Path, name: str, passphrase: str, database: str | None = None,
              now: dt.datetime | None = None) -> HubHome:
    """Make the hub's keys, certificate and configuration in ``root``; refuses to replace an existing hub."""
    home = HubHome(Path(root))
    if home.key_path.exists() or home.tls_key_path.exists():
        raise HubSetupError(f"{root}: a hub was already initialised here; its keys are kept (centers pinned its "
                            "certificate and hold its public key)")
    if len(passphrase) < MIN_PASSPHRASE:
        raise HubSetupError(f"the hub's passphrase must have at least {MIN_PASSPHRASE} characters")
    if not name or len(name) > 60 or not name.isprintable():
        raise HubSetupError("the hub's name must be 1 to 60 printable characters")
    now = now or dt.datetime.now(dt.UTC)
    home.root.mkdir(parents=True, exist_ok=True)
    os.chmod(home.root, 0o700)
    keys = KeyPair.generate(f"hub-{name}", now)
    tls_key = ec.generate_private_key(ec.SECP256R1())
    write_private_file(home.tls_key_path, tls_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    cert = make_certificate(tls_key, name, now)
    write_atomic(home.tls_cert_path, cert.public_bytes(serialization.Encoding.PEM))
    keys.public.save(home.public_path)
    config = {"name": name, "database": database or f"sqlite:///{home.root / 'hub.sqlite'}",
              "created_at": now.isoformat()}
    write_atomic(home.config_path, (json.dumps(config, indent=2) + "\n").encode())
    keys.save(home.key_path, passphrase)  # last: its presence means the hub is whole
    return home

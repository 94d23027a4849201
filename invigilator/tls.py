"""The console's TLS identity: an ECDSA P-256 key and a self-signed certificate made at ``init`` (ADR 0017).

The key is separate from the center's keys and is not sealed by the passphrase (``console-tls.key``,
0600), so ``serve`` restarts unattended after a crash; the center's signing and wrapping keys stay
sealed. The certificate names no host (LAN addresses change with DHCP); kiosks pin the SHA-256 of
its public key (:func:`protocol.pinning.spki_sha256`), so re-issuing it from the same key with new
dates keeps every kiosk's pin.
"""

from __future__ import annotations

import datetime as dt
import os
import ssl
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from invigilator.errors import ConsoleTLSError
from protocol.envelope import SignedEnvelope
from protocol.keys import KeyPair, write_private_file
from protocol.pinning import spki_sha256
from protocol.room import ConsoleCertificateStatement

KEY_FILE = "console-tls.key"
CERT_FILE = "console-tls.crt"
VALIDITY = dt.timedelta(days=3650)


@dataclass(frozen=True)
class ConsoleTLS:
    """Where the console's TLS key and certificate are, and the certificate's pin."""

    key_path: Path
    cert_path: Path
    certificate: x509.Certificate

    @property
    def pin(self) -> str:
        return spki_sha256(self.certificate)

    @property
    def certificate_pem(self) -> str:
        return self.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")

    @property
    def not_after(self) -> dt.datetime:
        return self.certificate.not_valid_after_utc

    def server_context(self) -> ssl.SSLContext:
        """A server context limited to TLS 1.3 with this key and certificate."""
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_3
        context.load_cert_chain(str(self.cert_path), str(self.key_path))
        return context


def make_certificate(key: ec.EllipticCurvePrivateKey, center_id: str, now: dt.datetime) -> x509.Certificate:
    """A self-signed certificate for ``key``: subject "Pupitre console <center id>", not a CA, 10 years."""
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"Pupitre console {center_id}"[:64])])
    return (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + VALIDITY)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(key, hashes.SHA256()))


def create_console_tls(data_dir: Path, center_id: str, now: dt.datetime | None = None) -> ConsoleTLS:
    """Make the console's TLS key and certificate in ``data_dir`` (at ``init``); refuses to replace a key.

    A new key would change the pin every kiosk holds: re-enrolling the room is the price, so it is
    never done by accident.
    """
    key_path, cert_path = Path(data_dir) / KEY_FILE, Path(data_dir) / CERT_FILE
    if key_path.exists():
        raise ConsoleTLSError(f"{key_path}: the console already has a TLS key; keep it (kiosks pin it) or remove it "
                              "and enrol the room again")
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = make_certificate(key, center_id, now or dt.datetime.now(dt.UTC))
    write_private_file(key_path, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                   serialization.NoEncryption()), mode=0o600)
    write_private_file(cert_path, certificate.public_bytes(serialization.Encoding.PEM), mode=0o644)
    return ConsoleTLS(key_path, cert_path, certificate)


def renew_certificate(data_dir: Path, center_id: str, now: dt.datetime | None = None) -> ConsoleTLS:
    """A new certificate with new dates from the same key: the pin does not change."""
    tls = load_console_tls(data_dir)
    key = _load_key(tls.key_path)
    certificate = make_certificate(key, center_id, now or dt.datetime.now(dt.UTC))
    write_private_file(tls.cert_path, certificate.public_bytes(serialization.Encoding.PEM), mode=0o644)
    return ConsoleTLS(tls.key_path, tls.cert_path, certificate)


def _load_key(path: Path) -> ec.EllipticCurvePrivateKey:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConsoleTLSError(f"{path}: the console has no TLS key; run 'pupitre-invigilator init'") from None
    except OSError as exc:
        raise ConsoleTLSError(f"{path}: cannot read the console's TLS key ({exc.strerror})") from None
    if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) & 0o077:
        raise ConsoleTLSError(f"{path}: the console's TLS key is readable by other accounts; chmod 600 it")
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        raise ConsoleTLSError(f"{path}: not a PEM private key (damaged or replaced)") from None
    if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
        raise ConsoleTLSError(f"{path}: the console's TLS key must be an ECDSA P-256 key")
    return key


def load_console_tls(data_dir: Path) -> ConsoleTLS:
    """The console's TLS key and certificate, checked: present, private, and of one another."""
    key_path, cert_path = Path(data_dir) / KEY_FILE, Path(data_dir) / CERT_FILE
    key = _load_key(key_path)
    try:
        certificate = x509.load_pem_x509_certificate(cert_path.read_bytes())
    except FileNotFoundError:
        raise ConsoleTLSError(f"{cert_path}: the console has no TLS certificate; run 'pupitre-invigilator init'") \
            from None
    except (OSError, ValueError) as exc:
        raise ConsoleTLSError(f"{cert_path}: not a readable PEM certificate ({exc})") from None
    if certificate.public_key().public_numbers() != key.public_key().public_numbers():
        raise ConsoleTLSError(f"{cert_path}: the certificate was not made from {key_path.name} (mixed files)")
    return ConsoleTLS(key_path, cert_path, certificate)


def certificate_statement(tls: ConsoleTLS, center_id: str, center: KeyPair) -> SignedEnvelope:
    """The center's signed word that this certificate is its console's (given to kiosks at enrolment)."""
    return SignedEnvelope.create(ConsoleCertificateStatement(center_id, tls.pin, tls.not_after).to_dict(), center)

"""The console certificate's pin, and the client TLS contexts a kiosk connects with (ADR 0017).

The pin is the SHA-256 (hex) of the certificate's SubjectPublicKeyInfo, so a certificate re-issued
from the same key keeps it. A pinned context trusts the pinned certificate alone (no system CA,
no host name: LAN addresses change with DHCP); after the handshake the caller also compares the
peer's pin (:func:`peer_pin`) with the one it holds. Both ends need these functions, and the
kiosk may not import the console, hence ``protocol``.
"""

from __future__ import annotations

import hashlib
import ssl
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from protocol.errors import PinError

PIN_LENGTH = 64


def spki_sha256(certificate: x509.Certificate | bytes | str) -> str:
    """SHA-256 (hex) of a certificate's SubjectPublicKeyInfo; ``certificate`` as an object, DER bytes or PEM text."""
    cert = load_certificate(certificate)
    spki = cert.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).hexdigest()


def load_certificate(certificate: x509.Certificate | bytes | str) -> x509.Certificate:
    """A certificate from an object, DER bytes or PEM text; :class:`PinError` when it is not one."""
    if isinstance(certificate, x509.Certificate):
        return certificate
    try:
        if isinstance(certificate, str):
            return x509.load_pem_x509_certificate(certificate.encode("ascii"))
        if certificate.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(certificate)
        return x509.load_der_x509_certificate(certificate)
    except (ValueError, UnicodeEncodeError) as exc:
        raise PinError(f"not a valid X.509 certificate ({exc})") from None


def is_pin(text: Any) -> bool:
    return isinstance(text, str) and len(text) == PIN_LENGTH and all(c in "0123456789abcdef" for c in text)


def _base_context() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    return context


def pinned_client_context(certificate_pem: str) -> ssl.SSLContext:
    """A client context whose only trust anchor is the pinned certificate (PEM text).

    A server showing a certificate made from another key fails the handshake with
    ``CERTIFICATE_VERIFY_FAILED``; still compare :func:`peer_pin` with the pin after connecting.
    """
    cert = load_certificate(certificate_pem)
    context = _base_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_REQUIRED
    context.load_verify_locations(cadata=cert.public_bytes(Encoding.PEM).decode("ascii"))
    return context


def enrolment_client_context() -> ssl.SSLContext:
    """The context of the one unpinned connection, enrolment: it accepts any certificate.

    What authenticates the console then is the enrolment proof bound to the pin seen on this very
    connection (:mod:`protocol.enrolment`); nothing is pinned unless the console's proof checks.
    """
    context = _base_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def peer_pin(ssl_object: ssl.SSLObject | ssl.SSLSocket) -> str:
    """The pin of the certificate the peer showed on this connection."""
    der = ssl_object.getpeercert(binary_form=True)
    if not der:
        raise PinError("the peer showed no certificate")
    return spki_sha256(der)


def check_peer_pin(ssl_object: ssl.SSLObject | ssl.SSLSocket, pin: str) -> None:
    """Raise :class:`PinError` unless the peer's certificate has the pinned public key."""
    seen = peer_pin(ssl_object)
    if seen != pin:
        raise PinError(f"the console showed a certificate with pin {seen[:16]}…, not the pinned {pin[:16]}… "
                       "(another machine answers in the console's place, or the console was replaced)")

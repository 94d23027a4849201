"""The console's TLS key and certificate: made once, private, pinned by public key."""

from __future__ import annotations

import datetime as dt
import os
import ssl

import pytest
from cryptography import x509

from invigilator.errors import ConsoleTLSError
from invigilator.tls import CERT_FILE, KEY_FILE, create_console_tls, load_console_tls, renew_certificate
from protocol.pinning import spki_sha256

T0 = dt.datetime(2026, 6, 15, 8, 30, tzinfo=dt.UTC)


def test_made_at_init_private_and_pinned(tmp_path):
    tls = create_console_tls(tmp_path, "C-1", T0)
    assert os.stat(tmp_path / KEY_FILE).st_mode & 0o777 == 0o600
    loaded = load_console_tls(tmp_path)
    assert loaded.pin == tls.pin == spki_sha256((tmp_path / CERT_FILE).read_bytes())
    cert = loaded.certificate
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False
    assert "Pupitre console C-1" in cert.subject.rfc4514_string()
    assert loaded.not_after - T0 > dt.timedelta(days=3600)
    assert loaded.server_context().minimum_version is ssl.TLSVersion.TLSv1_3


def test_never_replaced_by_accident_and_renewal_keeps_the_pin(tmp_path):
    tls = create_console_tls(tmp_path, "C-1", T0)
    with pytest.raises(ConsoleTLSError, match="already has a TLS key"):
        create_console_tls(tmp_path, "C-1", T0)
    renewed = renew_certificate(tmp_path, "C-1", T0 + dt.timedelta(days=3000))
    assert renewed.pin == tls.pin and renewed.not_after > tls.not_after


def test_refuses_missing_loose_damaged_and_mixed_files(tmp_path):
    with pytest.raises(ConsoleTLSError, match="run 'pupitre-invigilator init'"):
        load_console_tls(tmp_path)
    create_console_tls(tmp_path / "a", "C-1", T0)
    create_console_tls(tmp_path / "b", "C-1", T0)
    os.chmod(tmp_path / "a" / KEY_FILE, 0o644)
    with pytest.raises(ConsoleTLSError, match="chmod 600"):
        load_console_tls(tmp_path / "a")
    os.chmod(tmp_path / "a" / KEY_FILE, 0o600)
    (tmp_path / "a" / CERT_FILE).write_bytes((tmp_path / "b" / CERT_FILE).read_bytes())
    with pytest.raises(ConsoleTLSError, match="mixed files"):
        load_console_tls(tmp_path / "a")
    (tmp_path / "b" / KEY_FILE).write_bytes(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
    with pytest.raises(ConsoleTLSError, match="not a PEM private key"):
        load_console_tls(tmp_path / "b")

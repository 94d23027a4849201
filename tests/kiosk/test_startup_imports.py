"""The modules the kiosk's start-up threads would import at the same time are imported first, on one thread.

Two threads importing one module tree at once can meet CPython's import-deadlock guard and get a half-made
module; seen in the crash trial (asyncio) and with cryptography's OpenSSL backend, which X25519 and Ed25519
keys import on first use while the device key and the center key are unsealed on two threads."""

import subprocess
import sys

SHARED = ("asyncio", "importlib.metadata", "cryptography.hazmat.backends.openssl.backend")


def test_the_modules_the_start_up_threads_share_are_imported_beforehand():
    code = ("import sys\nimport kiosk.app, kiosk.exam\n"
            f"shared = {SHARED!r}\n"
            "before = [m for m in shared if m not in sys.modules]\n"
            "kiosk.app.import_shared_modules()\n"
            "print(repr((before, [m for m in shared if m not in sys.modules])))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    before, after = eval(done.stdout.strip())
    assert "cryptography.hazmat.backends.openssl.backend" in before  # not imported by the kiosk's modules alone
    assert after == []

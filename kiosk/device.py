"""The kiosk's device identity: the key pair that signs its result bundles and receives wrapped keys.

It is made on first start in ``<data_dir>/device/`` and loaded on every start after. A kiosk
restarts unattended after a crash, so no one can type a passphrase: the private key file is a
protocol key file (scrypt + AES-GCM) whose passphrase is derived from a *machine-bound secret*
(``/etc/machine-id`` on Linux, ``MachineGuid`` on Windows), and it sits with mode 0600 in a 0700
directory. docs/adr/0006 says what this protects against and what it does not: in short, it
keeps the key from other local accounts and makes a copied data directory useless on another
machine; it does not stop someone who can read files as the kiosk's user (or root) on the
kiosk itself, because every account can read the machine id.

Which account that is decides everything (docs/adr/0012). In single-account mode (practice,
or an exam without a keeper) it is the account the candidate's programs run as: they can read
the key. Under custody it is the keeper's service account, and this module runs only in the
keeper; the file mode, not the machine-bound passphrase, keeps the candidate out.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import socket
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError
from protocol.errors import KeyFileError, WrongPassphraseError
from protocol.keys import KeyPair, PublicKeys, write_private_file
from protocol.keywrap import unwrap_for_recipient, wrap_for_recipient

log = logging.getLogger(__name__)

DEVICE_DIR = "device"
KEY_FILE = "device.key"
PUBLIC_FILE = "device.pub"
INFO_FILE = "device.json"
INFO_FORMAT = "pupitre-device"
UNBOUND = "none"
MACHINE_ID_FILES = (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))


class DeviceKeyError(KioskError):
    """The device key cannot be made or opened; the kiosk cannot sign results until this is fixed."""


def ensure_private_dir(path: str | os.PathLike[str]) -> Path:
    """Create ``path`` (and parents) and make it 0700 on POSIX: only the kiosk's account enters it."""
    directory = Path(path)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix" and stat.S_IMODE(directory.stat().st_mode) != 0o700:
        os.chmod(directory, 0o700)
    return directory


def read_machine_secret() -> str | None:
    """A value tied to this machine's installation, or None when the system offers none.

    It is not secret from local users (any account can read /etc/machine-id); it only binds the
    key file to the machine it was made on.
    """
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        try:
            import winreg

            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\Microsoft\Cryptography",
                                0, winreg.KEY_READ | winreg.KEY_WOW64_64KEY) as key:
                return str(winreg.QueryValueEx(key, "MachineGuid")[0]).strip() or None
        except OSError:
            return None
    for path in MACHINE_ID_FILES:
        with contextlib.suppress(OSError):
            value = path.read_text(encoding="ascii").strip()
            if value:
                return value
    return None


def _passphrase(secret: str | None) -> str:
    return f"pupitre/device-key|{secret if secret else UNBOUND}"


@dataclass(frozen=True)
class DeviceIdentity:
    """The kiosk's key pair in memory, and how its file is sealed (``binding``: machine-id or none)."""

    keypair: KeyPair
    binding: str = UNBOUND

    @property
    def public(self) -> PublicKeys:
        return self.keypair.public

    @property
    def key_id(self) -> str:
        """The signing key id that result bundles name."""
        return self.keypair.public.signing_id

    @property
    def name(self) -> str:
        return self.keypair.name

    def wrap(self, key: bytes, context: bytes) -> dict[str, Any]:
        """Wrap ``key`` for this device's X25519 key (only this device can unwrap it)."""
        return wrap_for_recipient(key, self.keypair.public.wrapping, context)

    def unwrap(self, entry: dict[str, Any], context: bytes) -> bytes:
        return unwrap_for_recipient(entry, self.keypair.wrapping_private, context)


def _tighten(path: Path, mode: int) -> None:
    if os.name != "posix":
        return
    current = stat.S_IMODE(path.stat().st_mode)
    if current & ~mode:
        log.warning("%s had mode %o; set to %o", path, current, mode)
        os.chmod(path, mode)


def load_or_create_device(
    data_dir: str | os.PathLike[str],
    *,
    name: str | None = None,
    machine_secret: Callable[[], str | None] = read_machine_secret,
    now: dt.datetime | None = None,
) -> DeviceIdentity:
    """Load the device key from ``data_dir``, or make it when the kiosk starts for the first time.

    Never makes a new key over an existing one: the journals' keys are wrapped for the existing
    key, so a key that does not open is an error for a person to resolve (re-enrolment).
    """
    directory = ensure_private_dir(Path(data_dir) / DEVICE_DIR)
    key_path, info_path = directory / KEY_FILE, directory / INFO_FILE
    secret = machine_secret()
    if key_path.exists():
        return _load(key_path, info_path, secret)
    binding = "machine-id" if secret else UNBOUND
    if not secret:
        log.warning("no machine id found: the device key in %s is protected by its file mode only", directory)
    keypair = KeyPair.generate(name or f"kiosk-{socket.gethostname()}", now)
    info = {"format": INFO_FORMAT, "version": 1, "name": keypair.name, "key_id": keypair.public.signing_id,
            "binding": binding, "created": keypair.created}
    write_private_file(info_path, json.dumps(info, indent=2).encode() + b"\n", mode=0o600)
    keypair.public.save(directory / PUBLIC_FILE)
    keypair.save(key_path, _passphrase(secret))
    log.info("made device key %s (%s) in %s", keypair.public.signing_id, binding, directory)
    return DeviceIdentity(keypair, binding)


def _load(key_path: Path, info_path: Path, secret: str | None) -> DeviceIdentity:
    _tighten(key_path.parent, 0o700)
    _tighten(key_path, 0o600)
    binding = UNBOUND if not secret else "machine-id"
    with contextlib.suppress(OSError, ValueError):
        binding = str(json.loads(info_path.read_text(encoding="utf-8")).get("binding", binding))
    if binding == UNBOUND:
        secret = None
    elif not secret:
        raise DeviceKeyError(f"{key_path}: the device key is bound to this machine's id, which cannot be read now; "
                             "check /etc/machine-id (Linux) or the MachineGuid registry value (Windows)")
    try:
        keypair = KeyPair.load(key_path, _passphrase(secret))
    except WrongPassphraseError:
        raise DeviceKeyError(
            f"{key_path}: the device key was sealed on another machine (its machine id changed, or the data "
            "directory was copied from another kiosk). Nothing was deleted: keep this directory (its outbox may "
            "hold result bundles to export) and have this kiosk re-enrolled by the support") from None
    except KeyFileError as exc:
        raise DeviceKeyError(f"cannot read the device key: {exc}") from None
    return DeviceIdentity(keypair, binding)

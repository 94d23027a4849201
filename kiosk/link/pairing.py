"""What enrolment leaves on the kiosk: the console's address and pin, the center's id and public keys.

``<data_dir>/device/room.json``, written atomically (0600) only after the console's enrolment
proof checked; read strictly, each bad field named, since every later trust decision of the link
rests on it: the pinned certificate for TLS, the center key for commands and receipts.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.link.errors import NotEnrolledError
from protocol.envelope import SignedEnvelope
from protocol.errors import ProtocolError
from protocol.keys import PUBLIC_FORMAT, PublicKeys, write_private_file
from protocol.pinning import is_pin, spki_sha256

PAIRING_FILE = "room.json"
PAIRING_FORMAT = "pupitre-room-pairing"


@dataclass(frozen=True)
class Pairing:
    console: str  # HOST:PORT as found at enrolment
    pin: str
    certificate_pem: str
    center_id: str
    center_name: str
    center_public: dict[str, str]
    kiosk_id: str
    kiosk_name: str
    certificate_statement: dict[str, Any]
    enrolled_at: str

    @property
    def center_keys(self) -> PublicKeys:
        return PublicKeys.from_dict({"format": PUBLIC_FORMAT, "public": dict(self.center_public),
                                     "name": self.center_name}, "room pairing: center_public")

    @property
    def base_url(self) -> str:
        return f"https://{self.console}"

    def to_dict(self) -> dict[str, Any]:
        return {"format": PAIRING_FORMAT, "version": 1, "console": self.console, "pin": self.pin,
                "certificate_pem": self.certificate_pem, "center_id": self.center_id,
                "center_name": self.center_name, "center_public": dict(self.center_public),
                "kiosk_id": self.kiosk_id, "kiosk_name": self.kiosk_name,
                "certificate_statement": dict(self.certificate_statement), "enrolled_at": self.enrolled_at}

    @classmethod
    def from_dict(cls, data: Any, where: str) -> Pairing:
        if not isinstance(data, dict) or data.get("format") != PAIRING_FORMAT or data.get("version") != 1:
            raise NotEnrolledError(f"{where}: not a room pairing of this version")
        for name in ("console", "pin", "certificate_pem", "center_id", "center_name", "kiosk_id", "kiosk_name",
                     "enrolled_at"):
            if not isinstance(data.get(name), str) or not data[name]:
                raise NotEnrolledError(f"{where}: '{name}' is missing or not a text")
        if not is_pin(data["pin"]):
            raise NotEnrolledError(f"{where}: 'pin' is not a certificate pin (64 hex digits)")
        for name in ("center_public", "certificate_statement"):
            if not isinstance(data.get(name), dict):
                raise NotEnrolledError(f"{where}: '{name}' is missing or not an object")
        pairing = cls(**{k: data[k] for k in cls.__dataclass_fields__})
        try:
            pairing.center_keys  # noqa: B018 - the keys must be keys
            SignedEnvelope.from_dict(pairing.certificate_statement, f"{where}: certificate_statement")
            seen = spki_sha256(pairing.certificate_pem)
        except (ProtocolError, ValueError) as exc:
            raise NotEnrolledError(f"{where}: {exc}") from None
        if seen != pairing.pin:
            raise NotEnrolledError(f"{where}: the certificate kept does not have the pinned key")
        return pairing


def pairing_path(device_dir: str | os.PathLike[str]) -> Path:
    return Path(device_dir) / PAIRING_FILE


def save_pairing(device_dir: str | os.PathLike[str], pairing: Pairing) -> Path:
    """Write the pairing atomically (a crash leaves the old file or the new one, never half of one)."""
    data = json.dumps(pairing.to_dict(), indent=2, sort_keys=True).encode("utf-8") + b"\n"
    return write_private_file(pairing_path(device_dir), data, mode=0o600)


def load_pairing(device_dir: str | os.PathLike[str]) -> Pairing:
    path = pairing_path(device_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NotEnrolledError(f"this kiosk is not enrolled in a room ({path} does not exist): enrol it with "
                               "'pupitre-kiosk enrol CODE'") from None
    except (OSError, ValueError) as exc:
        raise NotEnrolledError(f"{path}: cannot read the room pairing ({exc})") from None
    return Pairing.from_dict(data, str(path))


def now_text(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).isoformat()

"""What the console announces on the LAN by multicast DNS, and how a kiosk reads it (issue 10).

The console announces the service ``_pupitre._tcp.local.`` (python-zeroconf) with its address and
port, and a TXT record: ``v`` (this format's version), ``center`` (the center's id), ``name`` (the
center's name, cut to fit) and ``pin`` (the SHA-256 of the console certificate's public key, as
kiosks pin it). Anyone on the LAN can announce anything: the TXT record is a hint that lets the
technician pick the right console and lets the kiosk stop early when the machine that answers
shows another certificate than the one announced. What proves the console is still the enrolment
code's proof over the certificate actually shown (:mod:`protocol.enrolment`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from protocol.errors import RoomMessageError
from protocol.pinning import is_pin

SERVICE_TYPE = "_pupitre._tcp.local."
TXT_VERSION = "1"
MAX_TXT_ENTRY = 255  # bytes of one "key=value" string in a DNS TXT record
MAX_CENTER_ID = 120  # characters, as the console's center id allows


@dataclass(frozen=True)
class Announcement:
    """A console as its TXT record describes it."""

    center_id: str
    center_name: str
    pin: str


def _center_id(text: str) -> bool:
    return 0 < len(text) <= MAX_CENTER_ID and text == " ".join(text.split()) and text.isprintable()


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` UTF-8 bytes, never inside a character."""
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def announcement_properties(center_id: str, center_name: str, pin: str) -> dict[str, str]:
    """The TXT record of a console (its values checked; the center's name cut to fit one TXT string)."""
    if not _center_id(center_id or ""):
        raise RoomMessageError(f"announcement: center id {center_id!r} is not a center id")
    if not is_pin(pin):
        raise RoomMessageError("announcement: the pin is not a SHA-256 in lower-case hex")
    name = _cut(" ".join(str(center_name or "").split()), MAX_TXT_ENTRY - len("name="))
    return {"v": TXT_VERSION, "center": center_id, "name": name, "pin": pin}


def read_announcement(properties: Mapping[bytes | str, bytes | str | None], where: str) -> Announcement:
    """A TXT record read strictly (``where`` names the announcing service in the error)."""
    text: dict[str, str] = {}
    for key, value in properties.items():
        try:
            k = key.decode("utf-8") if isinstance(key, bytes) else str(key)
            v = value.decode("utf-8") if isinstance(value, bytes) else ("" if value is None else str(value))
        except UnicodeDecodeError:
            raise RoomMessageError(f"{where}: a TXT entry is not UTF-8") from None
        text[k] = v
    if text.get("v") != TXT_VERSION:
        raise RoomMessageError(f"{where}: TXT version {text.get('v')!r}, this kiosk reads version {TXT_VERSION}")
    center, pin = text.get("center", ""), text.get("pin", "")
    if not _center_id(center):
        raise RoomMessageError(f"{where}: TXT 'center' {center[:70]!r} is not a center id")
    if not is_pin(pin):
        raise RoomMessageError(f"{where}: TXT 'pin' is not a SHA-256 in lower-case hex")
    return Announcement(center, " ".join(text.get("name", "").split())[:MAX_TXT_ENTRY], pin)

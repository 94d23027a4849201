"""Finding the console on the LAN: python-zeroconf, service type ``_pupitre._tcp`` (issue 10).

:func:`browse` listens for a few seconds and returns every console that announced itself, with
what its TXT record says (center id and name, certificate pin; :mod:`protocol.discovery`). The
kiosk never picks one of several by itself: :func:`choose_console` takes the only one, or the one
of the center the technician named (``--center``), and otherwise lists them all in its error.
What was announced is a hint: enrolment still checks the code's proof over the certificate the
console actually shows, and refuses a console whose certificate is not the announced one.

Where multicast is blocked (managed switches, Wi-Fi client isolation, a firewall on UDP 5353),
nothing is found and ``--console HOST:PORT`` replaces this.
"""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.link.errors import LinkError
from protocol.discovery import SERVICE_TYPE, read_announcement
from protocol.errors import RoomMessageError

RESOLVE_TIMEOUT_MS = 1500

__all__ = ["SERVICE_TYPE", "FoundConsole", "browse", "choose_console"]


@dataclass(frozen=True)
class FoundConsole:
    """A console that announced itself: where to call it and what it says it is."""

    address: str  # HOST:PORT ([v6]:PORT)
    center_id: str
    center_name: str
    pin: str
    service: str  # the announced instance name

    def describe(self) -> str:
        return f"{self.center_name or self.center_id} ({self.center_id}) at {self.address}, pin {self.pin[:16]}…"


def _address(addresses: Sequence[str], port: int) -> str | None:
    """The address to call: IPv4 first (link-local IPv6 needs an interface no URL here carries)."""
    parsed = []
    for text in addresses:
        try:
            parsed.append(ipaddress.ip_address(text))
        except ValueError:
            continue
    usable = [a for a in parsed if not (a.version == 6 and a.is_link_local)]
    if not usable:
        return None
    best = sorted(usable, key=lambda a: a.version)[0]
    return f"[{best}]:{port}" if best.version == 6 else f"{best}:{port}"


def browse(wait: float = 3.0, *, interfaces: Sequence[str] | None = None) -> list[FoundConsole]:
    """Every console that announces itself within ``wait`` seconds (those that left meanwhile excepted).

    ``interfaces`` limits the multicast sockets to these addresses (default: every interface).
    Services whose TXT record is not a console's are left out (logged by nobody: anyone may
    announce ``_pupitre._tcp``).
    """
    from zeroconf import InterfaceChoice, IPVersion, ServiceBrowser, ServiceInfo, ServiceStateChange, Zeroconf

    try:
        zc = Zeroconf(interfaces=list(interfaces) if interfaces else InterfaceChoice.All, ip_version=IPVersion.All)
    except OSError as exc:
        raise LinkError(f"cannot listen for consoles on this network ({exc}): give the console's address with "
                        "--console HOST:PORT") from None
    present: dict[str, bool] = {}
    lock = threading.Lock()

    def changed(zeroconf: Zeroconf, service_type: str, name: str, state_change: ServiceStateChange) -> None:
        with lock:
            present[name] = state_change is not ServiceStateChange.Removed

    browser = ServiceBrowser(zc, SERVICE_TYPE, handlers=[changed])
    found: dict[str, FoundConsole] = {}
    try:
        time.sleep(max(0.0, wait))
        with lock:
            names = sorted(name for name, here in present.items() if here)
        for name in names:
            info = ServiceInfo(SERVICE_TYPE, name)
            if not info.request(zc, RESOLVE_TIMEOUT_MS) or not info.port:
                continue
            address = _address(info.parsed_addresses(), info.port)
            if address is None:
                continue
            try:
                announced = read_announcement(info.properties, f"service {name}")
            except RoomMessageError:
                continue
            found[name] = FoundConsole(address, announced.center_id, announced.center_name, announced.pin, name)
    finally:
        browser.cancel()
        zc.close()
    return sorted(found.values(), key=lambda c: (c.center_id, c.address))


def choose_console(found: Sequence[FoundConsole], center: str | None = None) -> FoundConsole:
    """The console to enrol with: the only one found, or the only one of ``center``; otherwise a
    :class:`LinkError` listing them."""
    candidates = [c for c in found if center is None or c.center_id == center]
    if len(candidates) == 1:
        return candidates[0]
    if not found:
        raise LinkError("no console announces itself on this network (_pupitre._tcp): check that the console is "
                        "serving, or give its address with --console HOST:PORT (multicast may be blocked here)")
    listing = "".join(f"\n  {c.describe()}" for c in (candidates or found))
    if not candidates:
        raise LinkError(f"no console of center {center!r} announces itself; {len(found)} found:{listing}")
    raise LinkError(f"{len(candidates)} consoles announce themselves:{listing}\nchoose one with --console HOST:PORT"
                    + ("" if center else " or --center CENTER_ID"))

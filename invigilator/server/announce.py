"""The console announces itself on the LAN (multicast DNS, python-zeroconf) so kiosks find it at enrolment.

``pupitre-invigilator serve`` registers one ``_pupitre._tcp`` service for as long as it serves:
its addresses (the listen address, or every address of the machine when it listens on all), its
port and the TXT record of :mod:`protocol.discovery` (center id and name, certificate pin). On a
clean stop the service is unregistered, which sends the "goodbye" records: browsing kiosks see
the console leave at once instead of after the records' time to live.

An announcement that cannot be made (no multicast on this network, UDP 5353 taken by a service
that does not share it) is logged and the console serves all the same: kiosks then enrol with
``--console HOST:PORT``. Announcing is a convenience, never a condition.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Sequence
from typing import Any

from protocol.discovery import SERVICE_TYPE, announcement_properties

log = logging.getLogger("pupitre.console.server")

MAX_INSTANCE = 63  # bytes of a DNS-SD instance name label


def announced_addresses(listen_host: str) -> list[str]:
    """The addresses to announce for a server listening on ``listen_host``.

    A specific address is announced alone. A wildcard (``0.0.0.0``, ``::``, empty) announces every
    address of this machine of that family (both for ``::``, which also takes IPv4 on Linux),
    loopback and link-local left out unless nothing else exists: a kiosk across the room cannot
    reach 127.0.0.1, and a link-local IPv6 address means nothing without its interface.
    """
    host = listen_host.strip("[]")
    if host not in ("", "0.0.0.0", "::"):
        return [str(ipaddress.ip_address(socket.gethostbyname(host) if not _is_ip(host) else host))]
    import ifaddr  # zeroconf's own dependency, the way it lists interfaces

    families = {4} if host == "0.0.0.0" else {4, 6}
    found: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            raw = ip.ip if isinstance(ip.ip, str) else ip.ip[0]
            try:
                address = ipaddress.ip_address(raw)
            except ValueError:
                continue
            if address.version in families and address not in found:
                found.append(address)
    usable = [a for a in found if not a.is_loopback and not a.is_link_local]
    chosen = usable or [a for a in found if a.is_loopback]
    return [str(a) for a in sorted(chosen, key=lambda a: (a.version, a.packed))]


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def instance_name(center_id: str, pin: str) -> str:
    """``Pupitre <center id> <pin start>``: readable in a browser of services, unique per console."""
    text = f"Pupitre {center_id}"
    suffix = f" {pin[:8]}"
    return text.encode("utf-8")[:MAX_INSTANCE - len(suffix)].decode("utf-8", "ignore") + suffix


class ConsoleAnnouncement:
    """One ``_pupitre._tcp`` registration, from :meth:`start` to :meth:`stop`."""

    def __init__(self, port: int, *, center_id: str, center_name: str, pin: str, listen_host: str = "0.0.0.0",
                 interfaces: Sequence[str] | None = None):
        self.port = port
        self.properties = announcement_properties(center_id, center_name, pin)
        self.addresses = announced_addresses(listen_host)
        self.name = f"{instance_name(center_id, pin)}.{SERVICE_TYPE}"
        self.server = f"pupitre-console-{pin[:12]}.local."
        self._interfaces = list(interfaces) if interfaces else None
        self._zeroconf: Any = None
        self._info: Any = None

    @property
    def announced(self) -> bool:
        return self._info is not None

    def start(self) -> bool:
        """Register the service; False (and a warning in the log) when this network does not let it."""
        from zeroconf import InterfaceChoice, IPVersion, ServiceInfo, Zeroconf

        versions = {ipaddress.ip_address(a).version for a in self.addresses}
        ip_version = IPVersion.All if versions == {4, 6} else IPVersion.V6Only if versions == {6} else IPVersion.V4Only
        try:
            self._zeroconf = Zeroconf(interfaces=self._interfaces or InterfaceChoice.All, ip_version=ip_version)
            info = ServiceInfo(SERVICE_TYPE, self.name, port=self.port, properties=self.properties,
                               parsed_addresses=self.addresses, server=self.server)
            self._zeroconf.register_service(info, allow_name_change=True)
        except Exception as exc:  # OSError, zeroconf's own errors: the console serves regardless
            log.warning("not announced on the LAN", extra={"fields": {
                "reason": f"{type(exc).__name__}: {exc}",
                "what to do": "kiosks enrol with --console HOST:PORT"}})
            self._close()
            return False
        self._info = info
        self.name = info.name  # the name zeroconf settled on, if another console had this one
        log.info("announced on the LAN", extra={"fields": {"service": self.name, "addresses": self.addresses,
                                                           "port": self.port}})
        return True

    def stop(self) -> None:
        """Unregister (the goodbye records go out) and close the multicast sockets."""
        if self._zeroconf is not None and self._info is not None:
            try:
                self._zeroconf.unregister_service(self._info)
            except Exception as exc:
                log.warning("the announcement could not be withdrawn", extra={"fields": {"reason": str(exc)}})
        self._info = None
        self._close()

    def _close(self) -> None:
        if self._zeroconf is not None:
            try:
                self._zeroconf.close()
            finally:
                self._zeroconf = None

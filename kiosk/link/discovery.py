"""Finding the console on the LAN: python-zeroconf, service type ``_pupitre._tcp`` (issue 10).

Where multicast is blocked, ``--console HOST:PORT`` replaces this. Nothing found, or several
consoles, is said in one line; the kiosk never picks one of several by itself.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from kiosk.link.errors import LinkError

SERVICE_TYPE = "_pupitre._tcp.local."


def browse(wait: float = 3.0, zeroconf_factory: Callable[[], object] | None = None) -> list[str]:
    """``HOST:PORT`` of every console that announces itself within ``wait`` seconds."""
    from zeroconf import ServiceBrowser, ServiceStateChange, Zeroconf

    zc = zeroconf_factory() if zeroconf_factory is not None else Zeroconf()
    found: dict[str, str] = {}
    lock = threading.Lock()

    def changed(zeroconf: Zeroconf, service_type: str, name: str, state_change: ServiceStateChange) -> None:
        if state_change is not ServiceStateChange.Added:
            return
        info = zeroconf.get_service_info(service_type, name, timeout=1500)
        if info is None or not info.port:
            return
        addresses = info.parsed_addresses()
        if addresses:
            host = addresses[0]
            with lock:
                found[name] = f"[{host}]:{info.port}" if ":" in host else f"{host}:{info.port}"

    browser = ServiceBrowser(zc, SERVICE_TYPE, handlers=[changed])  # type: ignore[arg-type]
    try:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        browser.cancel()
        zc.close()  # type: ignore[attr-defined]
    with lock:
        return sorted(set(found.values()))


def choose_console(found: list[str]) -> str:
    if not found:
        raise LinkError("no console announces itself on this network (_pupitre._tcp): check that the console is "
                        "serving, or give its address with --console HOST:PORT")
    if len(found) > 1:
        raise LinkError(f"{len(found)} consoles announce themselves ({', '.join(found)}): choose one with "
                        "--console HOST:PORT")
    return found[0]

"""Gathering the facts the environment checks judge: firmware strings, the CPU's hypervisor flag,
network cards, remote-session signs. Reading only; nothing here changes the machine.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import psutil

from kiosk.guard import catalogue
from kiosk.guard.environment import Facts, remote_signs

DMI_FIELDS = ("sys_vendor", "product_name", "product_version", "board_vendor", "bios_vendor", "chassis_vendor")


def linux_dmi(root: str | os.PathLike[str] = "/sys/class/dmi/id") -> dict[str, str]:
    values = {}
    for name in DMI_FIELDS:
        try:
            text = (Path(root) / name).read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            continue
        if text:
            values[name] = text
    return values


def linux_hypervisor_flag(cpuinfo: str | os.PathLike[str] = "/proc/cpuinfo") -> bool | None:
    try:
        with open(cpuinfo, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if line.startswith("flags"):
                    return "hypervisor" in line.split(":", 1)[-1].split()
    except OSError:
        return None
    return None


def mac_addresses() -> dict[str, str]:
    macs = {}
    link = getattr(psutil, "AF_LINK", None)
    for interface, addresses in psutil.net_if_addrs().items():
        for address in addresses:
            if address.family == link and address.address and address.address not in ("00:00:00:00:00:00",):
                macs[interface] = address.address.lower().replace("-", ":")
    return macs


def x_server_name(display: str) -> str:
    """The name of the process serving a local X display (``:N``), if it is a known remote-desktop server."""
    if not display.startswith(":"):
        return ""
    number = display[1:].split(".", 1)[0]
    for process in psutil.process_iter(["name", "cmdline"], ad_value=None):
        name = (process.info.get("name") or "").lower()
        if not any(name.startswith(server) for server in catalogue.REMOTE_X_SERVERS):
            continue
        if f":{number}" in (process.info.get("cmdline") or []):
            return str(process.info["name"])
    return ""


def remote_now(env: Mapping[str, str] | None = None, windows_api: Any = None,
               x_server: str | None = None) -> tuple[str, ...]:
    """Remote-session signs. Pass ``x_server`` (found once) to keep the re-checks cheap: the display's
    server does not change during an exam, and a VNC server attached later is the process guard's job."""
    env = os.environ if env is None else env
    windows_remote = windows_api.is_remote_session() if windows_api is not None else None
    if x_server is None:
        x_server = x_server_name(env.get("DISPLAY", "")) if sys.platform.startswith("linux") else ""
    return tuple(remote_signs(env, x_server, windows_remote))


def gather(screens: int, windows_api: Any = None, env: Mapping[str, str] | None = None,
           x_server: str | None = None) -> Facts:
    if windows_api is not None:
        dmi: dict[str, str] = windows_api.bios_strings()
        flag = None  # reading CPUID needs machine code; the firmware strings are the strong sign anyway
    elif sys.platform.startswith("linux"):
        dmi, flag = linux_dmi(), linux_hypervisor_flag()
    else:
        dmi, flag = {}, None
    try:
        macs = mac_addresses()
    except OSError:
        macs = {}
    return Facts(screens=screens, dmi=dmi, hypervisor_flag=flag, macs=macs,
                 remote=remote_now(env, windows_api, x_server))


def boot_clock() -> float:
    """A clock that keeps counting while the machine sleeps (CLOCK_BOOTTIME on Linux, else the wall clock)."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        return time.clock_gettime(boottime)
    return time.time()

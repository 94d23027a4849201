"""Environment decisions, without touching the system: screens, virtual machines, remote sessions,
and gaps in the monotonic clock.

The adapter (``facts.py``) gathers :class:`Facts`; :func:`evaluate` turns them into findings with
an action taken from the policy. A virtual machine is judged on *strong* signs only (firmware
strings): the hypervisor CPU flag is set on real laptops that run Windows' virtualisation-based
security, and hosts that run VMs carry virtual network cards, so those two only ever warn.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.guard import catalogue
from kiosk.guard.policy import GuardPolicy


@dataclass(frozen=True)
class Facts:
    screens: int = 1
    dmi: Mapping[str, str] = field(default_factory=dict)  # sys_vendor, product_name, bios_vendor…
    hypervisor_flag: bool | None = None  # None: unknown on this system
    macs: Mapping[str, str] = field(default_factory=dict)  # interface → MAC
    remote: tuple[str, ...] = ()  # signs of a remote session, already described


@dataclass(frozen=True)
class Finding:
    check: str  # screens | virtual-machine | remote-session
    action: str  # ok | allow | blank | warn | lock | refuse
    signs: tuple[str, ...] = ()
    strong: bool = True

    @property
    def blocking(self) -> bool:
        return self.action in ("lock", "refuse")

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.check, "action": self.action, "signs": list(self.signs), "strong": self.strong}


def vm_signs(dmi: Mapping[str, str], hypervisor_flag: bool | None,
             macs: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """(strong signs, weak signs) that this machine is virtual."""
    strong = []
    for key, value in sorted(dmi.items()):
        lowered = (value or "").lower()
        marker = next((m for m in catalogue.VM_DMI_MARKERS if m in lowered), None)
        if marker:
            strong.append(f"firmware {key} is “{value.strip()}”")
    weak = []
    if hypervisor_flag:
        weak.append("the CPU reports a hypervisor")
    for interface, mac in sorted(macs.items()):
        vendor = catalogue.VM_MAC_PREFIXES.get(mac.lower().replace("-", ":")[:8])
        if vendor:
            weak.append(f"network card {interface} has a {vendor} address ({mac})")
    return strong, weak


def remote_signs(env: Mapping[str, str], x_server: str = "", windows_remote: bool | None = None) -> list[str]:
    """Signs that the kiosk's display is seen or driven from another machine."""
    signs = []
    for name in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"):
        if env.get(name):
            signs.append(f"{name} is set (started from an SSH session)")
            break
    display = env.get("DISPLAY", "")
    host = display.rsplit(":", 1)[0] if ":" in display else ""
    if host and not host.startswith("/") and host not in ("unix",):
        signs.append(f"DISPLAY {display} is a network display")
    if env.get("XRDP_SESSION"):
        signs.append("XRDP_SESSION is set (remote desktop)")
    if x_server and any(x_server.lower().startswith(name) for name in catalogue.REMOTE_X_SERVERS):
        signs.append(f"the X server is {x_server} (a remote-desktop server)")
    session_name = env.get("SESSIONNAME", "")
    if windows_remote or session_name.upper().startswith("RDP-"):
        signs.append("Windows reports a remote desktop session")
    return signs


def evaluate(facts: Facts, policy: GuardPolicy) -> list[Finding]:
    findings = []
    if facts.screens > 1:
        findings.append(Finding("screens", policy.screens, (f"{facts.screens} screens",)))
    else:
        findings.append(Finding("screens", "ok", (f"{facts.screens} screen",)))
    strong, weak = vm_signs(facts.dmi, facts.hypervisor_flag, facts.macs)
    if strong:
        findings.append(Finding("virtual-machine", policy.virtual_machine, tuple(strong + weak), strong=True))
    elif weak:
        findings.append(Finding("virtual-machine", "warn", tuple(weak), strong=False))
    else:
        findings.append(Finding("virtual-machine", "ok"))
    if facts.remote:
        findings.append(Finding("remote-session", policy.remote_session, facts.remote))
    else:
        findings.append(Finding("remote-session", "ok"))
    return findings


def blocking(findings: list[Finding]) -> bool:
    return any(f.blocking for f in findings)


@dataclass(frozen=True)
class ClockGap:
    kind: str  # "stalled" (the process did not run: SIGSTOP, a debugger, a frozen VM), "suspended", or
    # "busy" (the process ran but its GUI thread was held up: told apart by qt_monitor's watchdog)
    seconds: float


class ClockGapDetector:
    """Notices time the kiosk did not see: a tick that comes late, or the machine asleep.

    Fed every second or so with the monotonic clock and a clock that keeps counting during
    suspend (CLOCK_BOOTTIME on Linux, the wall clock elsewhere). On Linux the monotonic clock
    stops during suspend, so a suspend shows up as the two clocks drifting apart; a stopped
    process shows up as a late tick on the monotonic clock.
    """

    def __init__(self, interval: float, threshold: float):
        self.interval = interval
        self.threshold = threshold
        self._last: tuple[float, float] | None = None

    def observe(self, mono: float, boot: float) -> ClockGap | None:
        last, self._last = self._last, (mono, boot)
        if last is None:
            return None
        mono_step, boot_step = mono - last[0], boot - last[1]
        hidden = boot_step - mono_step
        if hidden > self.threshold:
            return ClockGap("suspended", round(hidden, 3))
        late = mono_step - self.interval
        if late > self.threshold:
            return ClockGap("stalled", round(late, 3))
        return None

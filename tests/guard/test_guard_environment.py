"""Environment decisions: screens, virtual machines, remote sessions, clock gaps."""

import pytest

from kiosk.guard.environment import ClockGapDetector, Facts, blocking, evaluate, remote_signs, vm_signs
from kiosk.guard.policy import GuardPolicy

VMWARE_DMI = {"sys_vendor": "VMware, Inc.", "product_name": "VMware Virtual Platform"}
LAPTOP_DMI = {"sys_vendor": "LENOVO", "product_name": "20XW00KAFR", "bios_vendor": "LENOVO"}


def by_check(findings):
    return {f.check: f for f in findings}


def test_firmware_strings_are_strong_signs_cpu_flag_and_macs_weak():
    strong, weak = vm_signs(VMWARE_DMI, True, {"eth0": "00:50:56:aa:bb:cc", "wlan0": "3c:a9:f4:00:11:22"})
    assert len(strong) == 2 and "VMware" in strong[0]
    assert weak == ["the CPU reports a hypervisor", "network card eth0 has a VMware address (00:50:56:aa:bb:cc)"]


def test_a_real_laptop_has_no_sign():
    assert vm_signs(LAPTOP_DMI, False, {"wlan0": "3c:a9:f4:00:11:22"}) == ([], [])


@pytest.mark.parametrize("policy_value", ["warn", "lock", "refuse"])
def test_weak_signs_only_ever_warn(policy_value):
    # a real laptop with Windows' virtualisation-based security and VirtualBox installed
    facts = Facts(dmi=LAPTOP_DMI, hypervisor_flag=True, macs={"vboxnet0": "0a:00:27:00:00:00"})
    finding = by_check(evaluate(facts, GuardPolicy(virtual_machine=policy_value)))["virtual-machine"]
    assert finding.action == "warn" and not finding.strong and not finding.blocking


@pytest.mark.parametrize("policy_value, action, blocks", [("warn", "warn", False), ("lock", "lock", True),
                                                          ("refuse", "refuse", True)])
def test_strong_signs_follow_the_policy(policy_value, action, blocks):
    findings = evaluate(Facts(dmi=VMWARE_DMI), GuardPolicy(virtual_machine=policy_value))
    assert by_check(findings)["virtual-machine"].action == action
    assert blocking(findings) is blocks


@pytest.mark.parametrize("screens, policy_value, action, blocks", [
    (1, "refuse", "ok", False), (2, "allow", "allow", False), (2, "blank", "blank", False),
    (3, "refuse", "refuse", True),
])
def test_screens(screens, policy_value, action, blocks):
    findings = evaluate(Facts(screens=screens), GuardPolicy(screens=policy_value))
    assert by_check(findings)["screens"].action == action and blocking(findings) is blocks


@pytest.mark.parametrize("policy_value, blocks", [("warn", False), ("lock", True), ("refuse", True)])
def test_remote_sessions_follow_the_policy(policy_value, blocks):
    findings = evaluate(Facts(remote=("SSH_CONNECTION is set",)), GuardPolicy(remote_session=policy_value))
    assert by_check(findings)["remote-session"].action == policy_value and blocking(findings) is blocks


def test_a_clean_machine_has_three_ok_findings_for_the_record():
    findings = evaluate(Facts(), GuardPolicy())
    assert [(f.check, f.action) for f in findings] == [("screens", "ok"), ("virtual-machine", "ok"),
                                                        ("remote-session", "ok")]
    assert findings[0].to_dict() == {"check": "screens", "action": "ok", "signs": ["1 screen"], "strong": True}


@pytest.mark.parametrize("env, server, windows, expected", [
    ({"DISPLAY": ":0"}, "", None, []),
    ({"DISPLAY": ":0", "SSH_CONNECTION": "10.0.0.2 5122 10.0.0.3 22"}, "", None, ["SSH_CONNECTION is set"]),
    ({"DISPLAY": "localhost:10.0"}, "", None, ["DISPLAY localhost:10.0 is a network display"]),
    ({"DISPLAY": "unix:0"}, "", None, []),
    ({"DISPLAY": "/tmp/launch-x/org.xquartz:0"}, "", None, []),
    ({"DISPLAY": ":1", "XRDP_SESSION": "1"}, "", None, ["XRDP_SESSION is set"]),
    ({"DISPLAY": ":1"}, "Xtigervnc", None, ["the X server is Xtigervnc"]),
    ({"DISPLAY": ":0"}, "Xorg", None, []),
    ({}, "", True, ["Windows reports a remote desktop session"]),
    ({"SESSIONNAME": "RDP-Tcp#3"}, "", False, ["Windows reports a remote desktop session"]),
    ({"SESSIONNAME": "Console"}, "", False, []),
])
def test_remote_signs(env, server, windows, expected):
    signs = remote_signs(env, server, windows)
    assert len(signs) == len(expected)
    for sign, start in zip(signs, expected, strict=True):
        assert sign.startswith(start)


def test_clock_gap_a_late_tick_is_a_stall():
    gaps = ClockGapDetector(interval=0.5, threshold=5.0)
    assert gaps.observe(100.0, 1000.0) is None
    assert gaps.observe(100.5, 1000.5) is None
    gap = gaps.observe(110.5, 1010.5)
    assert gap.kind == "stalled" and gap.seconds == pytest.approx(9.5)


def test_clock_gap_suspend_shows_as_the_clocks_drifting_apart():
    gaps = ClockGapDetector(interval=0.5, threshold=5.0)
    gaps.observe(100.0, 1000.0)
    gap = gaps.observe(100.5, 1060.5)  # the monotonic clock stood still for a minute
    assert gap.kind == "suspended" and gap.seconds == pytest.approx(60.0)


def test_clock_gap_small_jitter_is_nothing():
    gaps = ClockGapDetector(interval=0.5, threshold=5.0)
    gaps.observe(100.0, 1000.0)
    assert gaps.observe(104.0, 1004.2) is None

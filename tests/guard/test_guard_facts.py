"""Gathering the facts: firmware strings, the CPU flag, network cards, remote signs."""

from kiosk.guard import facts
from tests.guard.fakes import FakeWin32Api


def test_dmi_strings_are_read_from_sysfs(tmp_path):
    (tmp_path / "sys_vendor").write_text("QEMU\n")
    (tmp_path / "product_name").write_text("Standard PC (Q35 + ICH9, 2009)\n")
    (tmp_path / "board_vendor").write_text("\n")
    assert facts.linux_dmi(tmp_path) == {"sys_vendor": "QEMU", "product_name": "Standard PC (Q35 + ICH9, 2009)"}
    assert facts.linux_dmi(tmp_path / "absent") == {}


def test_the_hypervisor_flag(tmp_path):
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor : 0\nflags : fpu vme sse2 hypervisor lahf_lm\n")
    assert facts.linux_hypervisor_flag(cpuinfo) is True
    cpuinfo.write_text("processor : 0\nflags : fpu vme sse2 lahf_lm\n")
    assert facts.linux_hypervisor_flag(cpuinfo) is False
    assert facts.linux_hypervisor_flag(tmp_path / "absent") is None


def test_mac_addresses_are_lower_case_and_colon_separated():
    for mac in facts.mac_addresses().values():
        assert mac == mac.lower() and len(mac.split(":")) == 6


def test_remote_signs_use_the_given_environment():
    assert facts.remote_now({"DISPLAY": ":0"}, x_server="") == ()
    assert facts.remote_now({"DISPLAY": ":0", "SSH_CLIENT": "10.0.0.2 5000 22"}, x_server="")[0].startswith("SSH_")


def test_windows_facts_come_from_the_api_layer():
    api = FakeWin32Api()
    api.bios = {"SystemManufacturer": "innotek GmbH", "SystemProductName": "VirtualBox"}
    api.remote = True
    gathered = facts.gather(2, windows_api=api, env={})
    assert gathered.screens == 2 and gathered.dmi["SystemProductName"] == "VirtualBox"
    assert gathered.hypervisor_flag is None and gathered.remote == ("Windows reports a remote desktop session",)


def test_the_boot_clock_runs():
    assert facts.boot_clock() > 0

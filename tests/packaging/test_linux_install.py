"""packaging/linux: the files it installs, checked by their own tools, and install then uninstall in a
throwaway root (an overlay of this machine's root in a private mount namespace: tests/packaging/
throwaway_root.py) that must leave no trace.

Needs root, ``unshare`` and overlayfs (CI runs as root). ``Xorg -config`` is not run: it needs
xserver-xorg-core and its drivers, which CI does not install for this; the Xorg file is checked
for its sections and options instead.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
HARNESS = Path(__file__).with_name("throwaway_root.py")
OPENBOX_SCHEMA = Path("/usr/share/doc/openbox/rc.xsd.gz")
OB = "{http://openbox.org/4.0/rc}"


def need_root() -> None:
    if os.geteuid() != 0 or shutil.which("unshare") is None or shutil.which("chroot") is None:
        if os.environ.get("CI"):
            pytest.fail("CI runs as root with unshare and chroot: the throwaway-root test must run there")
        pytest.skip("needs root, unshare and chroot (a throwaway root is an overlay mounted in a private namespace)")


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> dict:
    need_root()
    stage = tmp_path_factory.mktemp("stage")
    shutil.copytree(LINUX, stage / "linux")
    (stage / "kiosk").mkdir()
    program = stage / "kiosk" / "pupitre-kiosk"  # a stand-in for the build: install.sh only copies it
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    (stage / "kiosk" / "_internal").mkdir()
    (stage / "failing").mkdir()  # a useradd that refuses the candidate's account: the install stops there
    failing = stage / "failing" / "useradd"
    failing.write_text('#!/bin/sh\ncase "$*" in *"Pupitre candidate"*) echo "useradd: refused" >&2; exit 1 ;; esac\n'
                       'exec /usr/sbin/useradd "$@"\n')
    failing.chmod(0o755)
    done = subprocess.run(["unshare", "--mount", "--propagation", "private", sys.executable, str(HARNESS),
                           str(stage)], capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_install_and_uninstall_leave_no_trace(run):
    assert run["install"]["rc"] == 0, run["install"]["err"]
    assert run["uninstall_waiting"]["rc"] == 2
    assert run["uninstall_keep"]["rc"] == 0, run["uninstall_keep"]["err"]
    assert run["traces"] == {}


def test_an_install_stopped_half_way_is_undone_too(run):
    assert run["half_install"]["rc"] != 0
    assert "account pupitre-keeper" in run["half_manifest"] and "user candidat" in run["half_manifest"]
    assert "/etc/pupitre/kiosk.conf" not in run["half_manifest"]
    assert run["half_uninstall"]["rc"] == 0, run["half_uninstall"]["err"]
    assert run["half_left"] == {}


def test_the_two_accounts_are_made(run):
    passwd = {line.split(":")[0]: line.split(":") for line in run["installed"]["passwd"].splitlines()}
    candidate, keeper = passwd["candidat"], passwd["pupitre-keeper"]
    assert candidate[5] == "/home/candidat" and int(candidate[2]) >= 1000
    assert keeper[6] == "/usr/sbin/nologin" and int(keeper[2]) < 1000
    assert "candidat" in run["installed"]["home"]
    assert run["installed"]["modes"]["/var/lib/pupitre/kiosk"] == "0o40700"
    assert run["installed"]["modes"]["/etc/sudoers.d/pupitre-kiosk"] == "0o100440"


def test_the_kiosk_conf_names_the_keeper_and_the_accounts(run):
    conf = run["installed"]["kiosk_conf"]
    for line in ("KIOSK=/opt/pupitre/kiosk/pupitre-kiosk", "DATA_DIR=/var/lib/pupitre/kiosk",
                 "SERVICE_USER=pupitre-keeper", "CANDIDATE_USER=candidat"):
        assert line in conf.splitlines()


def test_suspend_is_masked_and_the_session_enabled(run):
    links = run["installed"]["links"]
    assert links["sleep.target"] == links["suspend.target"] == links["hibernate.target"] == "/dev/null"
    assert links["multi-user.target.wants/pupitre-session.service"] == "/etc/systemd/system/pupitre-session.service"
    logind = run["installed"]["files"]["/etc/systemd/logind.conf.d/pupitre-kiosk.conf"]
    for key in ("HandleSuspendKey", "HandleHibernateKey", "HandleLidSwitch", "IdleAction"):
        assert f"{key}=ignore" in logind.splitlines()


def test_ptrace_is_limited_to_ancestors(run):
    assert "kernel.yama.ptrace_scope = 1" in run["installed"]["files"]["/etc/sysctl.d/60-pupitre-kiosk.conf"]


def test_systemd_accepts_the_session_unit(run):
    verify = run["installed"]["verify"]
    assert verify["rc"] == 0, verify["err"]
    unit = run["installed"]["files"]["/etc/systemd/system/pupitre-session.service"]
    assert "User=candidat" in unit and "Restart=always" in unit and "ExecStartPre=+/usr/lib/pupitre/reset-home" in unit


def test_systemd_analyze_verify_does_catch_a_broken_unit(tmp_path):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    unit = tmp_path / "broken.service"
    unit.write_text((LINUX / "files" / "pupitre-session.service").read_text()
                    .replace("/usr/bin/xinit", "/usr/bin/no-such-xinit").replace("@CANDIDATE@", "nobody"))
    done = subprocess.run(["systemd-analyze", "verify", "--man=no", str(unit)], capture_output=True, text=True,
                          check=False)
    assert done.returncode != 0
    assert "no-such-xinit" in done.stderr


def test_sudo_accepts_the_rule(run):
    if run["installed"]["visudo"] is None:
        pytest.skip("sudo is not installed here (.ci/run installs it)")
    assert run["installed"]["visudo"]["rc"] == 0, run["installed"]["visudo"]["err"]
    rule = run["installed"]["files"]["/etc/sudoers.d/pupitre-kiosk"]
    assert 'candidat ALL=(root) NOPASSWD: /usr/lib/pupitre/start-kiosk ""' in rule.splitlines()


def test_the_candidates_home_is_made_anew(run):
    assert run["installed"]["reset_home"]["rc"] == 0
    assert run["installed"]["reset_planted"]["rc"] == 0
    assert run["installed"]["planted_after_reset"] is False
    assert run["installed"]["reset_root"]["rc"] == 2
    assert "refusing" in run["installed"]["reset_root"]["err"]


def test_a_second_install_and_a_second_uninstall_are_refused(run):
    assert run["installed"]["second_install"]["rc"] == 2
    assert "already installed" in run["installed"]["second_install"]["err"]
    assert run["second_uninstall"]["rc"] == 2
    assert "nothing to undo" in run["second_uninstall"]["err"]


def test_waiting_result_bundles_are_never_deleted(run):
    assert "result bundles are waiting" in run["uninstall_waiting"]["err"]
    assert run["kept"] == ["outbox", "outbox/a-1.pbundle"]


def test_bad_options_are_refused_with_one_line_and_change_nothing(run):
    for case, done in run["refused"].items():
        assert done["rc"] == 2, case
        assert len(done["err"].strip().splitlines()) == 1 and done["err"].startswith("install.sh: "), case
    assert run["refusals_left"] == {}


# -- the files themselves ----------------------------------------------------------------------------
def openbox_schema(tmp_path: Path) -> Path:
    """openbox's rc.xsd, with its two key patterns' ``{,5}`` written ``{0,5}`` (XML Schema's regular
    expressions need the lower bound; libxml2 refuses the schema as shipped)."""
    schema = tmp_path / "rc.xsd"
    schema.write_text(gzip.decompress(OPENBOX_SCHEMA.read_bytes()).decode().replace("){,5}", "){0,5}"))
    return schema


def xmllint(schema: Path, document: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["xmllint", "--nonet", "--noout", "--schema", str(schema), str(document)],
                          capture_output=True, text=True, check=False)


def test_openbox_rc_is_valid_against_openbox_schema(tmp_path):
    rc = LINUX / "files" / "rc.xml"
    tree = ET.parse(rc).getroot()
    assert tree.tag == f"{OB}openbox_config"
    assert tree.find(f"{OB}desktops/{OB}number").text == "1"
    app = tree.find(f"{OB}applications/{OB}application")
    assert app.get("class") == "*" and app.find(f"{OB}decor").text == "no"
    assert app.find(f"{OB}fullscreen").text == "yes"
    binds = [k.get("key") for k in tree.iter(f"{OB}keybind")]
    assert binds == ["A-F4"]
    if not OPENBOX_SCHEMA.exists() or shutil.which("xmllint") is None:
        pytest.skip("openbox's rc.xsd or xmllint is not installed here: checked as XML with the expected keys only")
    done = xmllint(openbox_schema(tmp_path), rc)
    assert done.returncode == 0, done.stderr


def test_the_schema_check_does_catch_a_wrong_rc(tmp_path):
    if not OPENBOX_SCHEMA.exists() or shutil.which("xmllint") is None:
        pytest.skip("openbox's rc.xsd or xmllint is not installed here")
    wrong = tmp_path / "rc.xml"
    wrong.write_text((LINUX / "files" / "rc.xml").read_text().replace("<number>1</number>", "<number>one</number>"))
    done = xmllint(openbox_schema(tmp_path), wrong)
    assert done.returncode != 0
    assert "number" in done.stderr


def xorg_sections(text: str) -> dict[str, dict[str, str]]:
    """The Xorg config's sections and their options (Xorg's own parse needs xserver-xorg-core)."""
    sections: dict[str, dict[str, str]] = {}
    current = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if m := re.fullmatch(r'Section\s+"(\w+)"', line):
            assert current is None, f"section inside a section: {raw}"
            current = sections.setdefault(m.group(1), {})
        elif line == "EndSection":
            assert current is not None, "EndSection without Section"
            current = None
        elif m := re.fullmatch(r'Option\s+"(\w+)"\s+"([^"]*)"', line):
            assert current is not None
            current[m.group(1)] = m.group(2)
        else:
            assert current is not None and re.fullmatch(r'\w+\s+"[^"]*"', line), f"not understood: {raw}"
    assert current is None, "a section is not closed"
    return sections


def test_xorg_config_forbids_vt_switch_zap_and_blanking():
    sections = xorg_sections((LINUX / "files" / "pupitre-kiosk.conf").read_text())
    flags = sections["ServerFlags"]
    assert flags["DontVTSwitch"] == flags["DontZap"] == "true"
    assert flags["BlankTime"] == flags["StandbyTime"] == flags["SuspendTime"] == flags["OffTime"] == "0"
    assert sections["Monitor"]["DPMS"] == "false"


def test_the_session_turns_blanking_off_and_runs_only_openbox_and_the_kiosk():
    session = (LINUX / "files" / "session").read_text().splitlines()
    commands = [line for line in session if line and not line.startswith("#")]
    assert commands == ["xset s off", "xset s noblank", "xset -dpms",
                        "openbox --config-file /etc/pupitre/openbox/rc.xml &",
                        "exec sudo -n /usr/lib/pupitre/start-kiosk"]


def test_start_kiosk_runs_the_keeper_with_the_interface_under_it():
    script = (LINUX / "files" / "start-kiosk").read_text()
    assert 'exec "$KIOSK" keeper --data-dir "$DATA_DIR" --service-user "$SERVICE_USER" --candidate-user ' \
           '"$CANDIDATE_USER"' in script
    assert '-- "$KIOSK" --exam --keeper $EXAM_ARGS' in script


@pytest.mark.parametrize("script", ["install.sh", "uninstall.sh", "files/session", "files/start-kiosk",
                                   "files/reset-home"])
def test_the_shell_scripts_parse(script):
    done = subprocess.run(["sh", "-n", str(LINUX / script)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr

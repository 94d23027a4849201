"""packaging/console: the optional service for ``pupitre-invigilator serve`` and the desktop entry."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

CONSOLE = Path(__file__).resolve().parents[2] / "packaging" / "console"
PROGRAM = "/opt/pupitre/invigilator/pupitre-invigilator"


def test_systemd_accepts_the_console_service(tmp_path):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    program = tmp_path / "pupitre-invigilator"  # the build is not here: any executable stands in for it
    shutil.copy("/bin/true", program)
    unit = tmp_path / "pupitre-invigilator.service"
    unit.write_text((CONSOLE / "pupitre-invigilator.service").read_text().replace(PROGRAM, str(program))
                    .replace("User=pupitre-console", "User=nobody").replace("Group=pupitre-console", "Group=nogroup"))
    done = subprocess.run(["systemd-analyze", "verify", "--man=no", str(unit)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr


def test_the_service_serves_from_its_own_folder_only():
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read(CONSOLE / "pupitre-invigilator.service")
    service = unit["Service"]
    assert service["ExecStart"].startswith(f"{PROGRAM} serve --data-dir /var/lib/pupitre/console --listen ")
    assert service["User"] == "pupitre-console" and service["ProtectSystem"] == "strict"
    assert service["ReadWritePaths"] == "/var/lib/pupitre/console"
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_the_desktop_entry_starts_the_console_in_french_and_english():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(CONSOLE / "pupitre-invigilator.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Exec"] == PROGRAM
    assert desktop["Name[fr]"] and desktop["Comment[fr]"]
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(["desktop-file-validate", str(CONSOLE / "pupitre-invigilator.desktop")],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr

"""packaging/windows, read from Linux (no PowerShell here: packaging/windows/README.md says what that
leaves untested): brackets balance, called functions exist, each noted change has its undo, and the
policies hide what they must."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

WINDOWS = Path(__file__).resolve().parents[2] / "packaging" / "windows"
SCRIPTS = ["PupitreKiosk.psm1", "Install-PupitreKiosk.ps1", "Uninstall-PupitreKiosk.ps1"]
# Keyboard Filter's predefined key names (Microsoft's WEKF_PredefinedKey list) that the install may use
PREDEFINED = {"Ctrl+Alt+Del", "Ctrl+Esc", "Ctrl+Shift+Esc", "Alt+Tab", "Alt+Esc", "Alt+F4", "Alt+Space", "Win+L",
              "Windows", "LaunchMail", "LaunchMediaSelect", "LaunchApp1", "LaunchApp2", "Application", "Shift+Ctrl+Esc"}


def code_of(text: str) -> str:
    """The script without comments, block comments and string contents (PowerShell's quoting)."""
    text = re.sub(r"<#.*?#>", "", text, flags=re.S)
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            while i < n and text[i] != "\n":
                i += 1
        elif c == "'":
            i += 1
            while i < n and not (text[i] == "'" and text[i + 1:i + 2] != "'"):
                i += 2 if text[i] == "'" else 1
            out.append("''")
            i += 1
        elif c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "`" else 1
            out.append('""')
            i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def balanced(code: str) -> str | None:
    pairs, stack = {")": "(", "]": "[", "}": "{"}, []
    for line_no, line in enumerate(code.splitlines(), 1):
        for c in line:
            if c in "([{":
                stack.append((c, line_no))
            elif c in pairs:
                if not stack or stack[-1][0] != pairs[c]:
                    return f"line {line_no}: unexpected {c}"
                stack.pop()
    return f"line {stack[-1][1]}: {stack[-1][0]} never closed" if stack else None


@pytest.mark.parametrize("name", SCRIPTS)
def test_brackets_and_quotes_balance(name):
    assert balanced(code_of((WINDOWS / name).read_text(encoding="utf-8"))) is None


def test_the_balance_check_catches_a_missing_brace():
    assert balanced(code_of("if ($a) {\n  Write-Host '}'\n")) == "line 1: { never closed"
    assert balanced(code_of('foreach ($x in $y) { "$($x)" }')) is None


def test_every_module_function_called_is_defined_and_exported():
    module = (WINDOWS / "PupitreKiosk.psm1").read_text(encoding="utf-8")
    defined = set(re.findall(r"^function ([\w-]+)", module, flags=re.M))
    exported = set(re.findall(r"[\w]+-Pupitre[\w]+", module.split("Export-ModuleMember", 1)[1]))
    assert exported == defined
    for name in SCRIPTS[1:]:
        called = set(re.findall(r"\b(\w+-Pupitre\w+)\b", code_of((WINDOWS / name).read_text(encoding="utf-8"))))
        assert called <= defined, called - defined


def test_every_change_the_install_notes_has_an_undo():
    install = (WINDOWS / "Install-PupitreKiosk.ps1").read_text(encoding="utf-8")
    module = (WINDOWS / "PupitreKiosk.psm1").read_text(encoding="utf-8")
    noted = set(re.findall(r"Add-PupitreChange @\{ kind = '(\w+)'", install + module))
    undone = set(re.findall(r"^\s+'(\w+)' \{", (WINDOWS / "Uninstall-PupitreKiosk.ps1").read_text(encoding="utf-8"),
                            flags=re.M))
    assert noted == {"feature", "folder", "user", "registry", "key", "shell"}
    assert noted == undone


def test_each_change_is_noted_before_it_is_made():
    install = (WINDOWS / "Install-PupitreKiosk.ps1").read_text(encoding="utf-8")
    for noted, made in [("kind = 'feature'", "Enable-WindowsOptionalFeature"), ("kind = 'user'", "New-LocalUser"),
                        ("kind = 'folder'", "Copy-Item"), ("kind = 'key'", "Set-CimInstance"),
                        ("kind = 'shell'", "SetCustomShell")]:
        assert install.index(noted) < install.index(made), noted
    module = (WINDOWS / "PupitreKiosk.psm1").read_text(encoding="utf-8")
    assert module.index("kind = 'registry'") < module.index("New-ItemProperty -LiteralPath $key")


def test_the_policies_hide_task_manager_and_the_ctrl_alt_del_options():
    settings = json.loads((WINDOWS / "policies.json").read_text(encoding="utf-8"))
    values = {(v["hive"], v["name"]): v for v in settings["values"]}
    for hive, name in [("Candidate", "DisableTaskMgr"), ("Candidate", "DisableLockWorkstation"),
                       ("Candidate", "DisableChangePassword"), ("Candidate", "NoLogoff"),
                       ("Machine", "HideFastUserSwitching")]:
        assert values[(hive, name)]["value"] == 1 and values[(hive, name)]["type"] == "DWord", name
    for v in settings["values"]:
        assert v["type"] in {"DWord", "String"} and v["why"], v
        assert not v["path"].startswith(("HKLM", "HKCU", "\\")), v["path"]
    assert set(settings["blockedKeys"]) <= PREDEFINED
    assert {"Ctrl+Alt+Del", "Alt+Tab", "Ctrl+Shift+Esc", "Windows"} <= set(settings["blockedKeys"])
    assert settings["features"] == ["Client-EmbeddedShellLauncher", "Client-KeyboardFilter"]

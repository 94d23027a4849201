"""The hash-locked requirement sets agree with pyproject.toml (no network: both files are read).

A dependency added to pyproject.toml and not locked, one removed and still locked, a pin outside its
range, a pin without its hash, or a kiosk set that would install the console's or the simulation's
libraries each fail here with the fix to make: ``./run lock``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
TARGETS = ("kiosk", "console", "hub", "dev")
FIX = "run ./run lock and commit requirements/"


@dataclass(frozen=True)
class Pin:
    name: str
    version: Version
    marker: Marker | None
    hashes: int
    direct: bool  # "via pupitre (pyproject.toml)": a name pyproject.toml asks for


def parse_lock(text: str) -> list[Pin]:
    """The pins of a ``uv pip compile --generate-hashes`` file, with their hashes and origins."""
    pins: list[Pin] = []
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    for block in blocks:
        if not block or block.startswith("#"):
            continue
        head = block.split("\\", 1)[0].strip()
        spec, _, marker = head.partition(";")
        name, _, version = spec.strip().partition("==")
        if not version:
            raise ValueError(f"not an exact pin: {head!r}")
        via = block.split("# via", 1)[1] if "# via" in block else ""
        pins.append(Pin(canonicalize_name(name), Version(version.strip()),
                        Marker(marker.strip()) if marker.strip() else None,
                        block.count("--hash=sha256:"), "pupitre (pyproject.toml)" in via))
    return pins


def wanted(project: dict, target: str) -> list[Requirement]:
    """pyproject's requirements for ``pip install .[target]``, following ``pupitre[…]`` extras."""
    extras = project["optional-dependencies"]
    found = [Requirement(r) for r in project["dependencies"]]
    todo, seen = [target], set()
    while todo:
        extra = todo.pop()
        if extra in seen:
            continue
        seen.add(extra)
        for text in extras[extra]:
            req = Requirement(text)
            if canonicalize_name(req.name) == canonicalize_name(project["name"]):
                todo.extend(req.extras)
            else:
                found.append(req)
    return found


def problems(project: dict, target: str, lock_text: str) -> list[str]:
    """What is wrong between pyproject.toml and one lock; empty when they agree."""
    pins = parse_lock(lock_text)
    by_name: dict[str, list[Pin]] = {}
    for pin in pins:
        by_name.setdefault(pin.name, []).append(pin)
    out = []
    wanted_names = set()
    for req in wanted(project, target):
        name = canonicalize_name(req.name)
        wanted_names.add(name)
        for extra in req.extras:
            wanted_names.add(canonicalize_name(f"{req.name}-{extra}"))
        if name not in by_name:
            out.append(f"{target}: {req} is in pyproject.toml and not in requirements/{target}.txt")
            continue
        for pin in by_name[name]:
            if pin.version not in req.specifier:
                out.append(f"{target}: {name}=={pin.version} is outside pyproject's range {req}")
    for pin in pins:
        if pin.hashes == 0:
            out.append(f"{target}: {pin.name}=={pin.version} has no hash")
        if pin.direct and pin.name not in wanted_names:
            out.append(f"{target}: {pin.name} is locked as asked for by pyproject.toml, which no longer names it")
    return out


def load_project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def lock_text(target: str) -> str:
    return (ROOT / "requirements" / f"{target}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("target", TARGETS)
def test_each_lock_agrees_with_pyproject(target):
    assert problems(load_project(), target, lock_text(target)) == [], FIX


def test_a_kiosk_installs_only_what_it_runs():
    kiosk = {pin.name for pin in parse_lock(lock_text("kiosk"))}
    for absent in ("matplotlib", "reportlab", "catsim", "pytest", "alembic", "psycopg", "starlette", "uvicorn",
                   "pyinstaller", "scipy"):
        assert absent not in kiosk, f"the kiosk's set installs {absent}"


@pytest.mark.parametrize("target", ("kiosk", "console", "hub"))
def test_smaller_sets_pin_what_the_suite_tests(target):
    dev: dict[str, set[Version]] = {}
    for pin in parse_lock(lock_text("dev")):
        dev.setdefault(pin.name, set()).add(pin.version)
    for pin in parse_lock(lock_text(target)):
        assert pin.version in dev.get(pin.name, set()), (pin, FIX)


def test_the_lock_covers_windows():
    """The Windows build installs from the same lock: its platform-only packages are there."""
    names = {pin.name for pin in parse_lock(lock_text("dev"))}
    assert {"pywin32-ctypes", "pefile", "colorama"} <= names


PROJECT = {"name": "pupitre", "dependencies": ["numpy>=1.26,<3"],
           "optional-dependencies": {"kiosk": ["httpx>=0.27,<1"], "dev": ["pupitre[kiosk]", "pytest>=8"]}}
LOCK = """# header
httpx==0.29.0 \\
    --hash=sha256:aa
    # via pupitre (pyproject.toml)
numpy==2.4.6 ; python_full_version < '3.12' \\
    --hash=sha256:bb
    # via pupitre (pyproject.toml)
pytest==9.2.0 \\
    --hash=sha256:cc
    # via pupitre (pyproject.toml)
"""


def test_an_agreeing_lock_has_no_problem():
    assert problems(PROJECT, "dev", LOCK) == []


def test_a_dependency_added_and_not_locked_is_named():
    project = {**PROJECT, "dependencies": [*PROJECT["dependencies"], "zeroconf>=0.132"]}
    assert problems(project, "dev", LOCK) == [
        "dev: zeroconf>=0.132 is in pyproject.toml and not in requirements/dev.txt"]


def test_a_dependency_removed_and_still_locked_is_named():
    project = {**PROJECT, "optional-dependencies": {"kiosk": [], "dev": ["pupitre[kiosk]", "pytest>=8"]}}
    assert problems(project, "dev", LOCK) == [
        "dev: httpx is locked as asked for by pyproject.toml, which no longer names it"]


def test_a_pin_outside_the_range_and_a_pin_without_hash_are_named():
    lock = LOCK.replace("numpy==2.4.6", "numpy==3.0.0").replace("    --hash=sha256:cc\n", "")
    assert problems(PROJECT, "dev", lock) == [
        "dev: numpy==3.0.0 is outside pyproject's range numpy<3,>=1.26",
        "dev: pytest==9.2.0 has no hash"]

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# ./run test spreads the suite over two processes (pytest-xdist, --dist loadgroup). The tests below use
# what the whole machine shares, and run in one process, one after the other, as in a plain run:
# - "lan": the console's `serve` announces itself by multicast DNS on loopback, and the discovery tests
#   and the kiosk's enrolment browse for every console announced; the PyInstaller builds share
#   PyInstaller's cache;
# - "desktop": the exam kiosk's guard watches every process of the machine (a prohibited program
#   another test starts is one it would see and close) and the screen readers' bus.
ONE_PROCESS = {
    "tests/room/test_discovery.py": "lan",
    "tests/room/test_e2e_cli.py": "lan",
    "tests/invigilator/cli/test_cli_console.py": "lan",
    "tests/invigilator/ui/test_window_console.py": "lan",
    "tests/packaging/test_build.py": "lan",
    "tests/guard_x11/": "desktop",
    "tests/a11y/": "desktop",
}


def _group(path: str) -> str | None:
    for prefix, group in ONE_PROCESS.items():
        if path == prefix or (prefix.endswith("/") and path.startswith(prefix)):
            return group
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        group = _group(item.nodeid.split("::", 1)[0])
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))

"""The guard against PySide6 6.12.0's reference-count defect on CPython < 3.12 (kiosk/ui/qt_refcount.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from kiosk.ui.qt_refcount import affected

SCRIPT = textwrap.dedent("""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication, QLabel
    from kiosk.ui.qt_refcount import QtRefcountKeeper
    app = QApplication([])
    if sys.argv[1] == "guarded":
        QtRefcountKeeper.install(app)
    class Ticker(QObject):
        ticked = Signal()
    label, ticker = QLabel(), Ticker()
    for i in range(60_000):  # what a 105-minute test costs, and more
        label.setText("x")
        ticker.ticked.emit()
        if i % 1000 == 0:
            app.processEvents()
    print("done")
""")


def run(mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True, timeout=120,
                          cwd=str(__import__("pathlib").Path(__file__).resolve().parents[2]))


def test_which_bindings_are_affected():
    assert affected((6, 12, 0), (3, 11))
    assert not affected((6, 12, 0), (3, 12))
    assert not affected((6, 11, 0), (3, 11))


@pytest.mark.skipif(not affected(), reason="this PySide6 and Python do not have the defect")
def test_without_the_guard_the_process_aborts():
    result = run("bare")
    assert result.returncode != 0 and "_dealloc" in result.stderr


def test_with_the_guard_the_process_survives():
    result = run("guarded")
    assert result.returncode == 0 and result.stdout.strip() == "done", result.stderr[-2000:]

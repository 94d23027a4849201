"""A guard against a reference-counting defect of PySide6 6.12.0 on CPython before 3.12.

With that binding, every call from Python to a C++ method that returns nothing takes one
reference from ``None`` that it never gave, and every ``signal.emit()`` takes one from ``True``.
On CPython 3.12 and later those objects are immortal and nothing happens; on 3.11 their counts
fall by a few per second while a question is on screen (the 250 ms countdown alone costs four
``True`` a second), and when one reaches zero the interpreter aborts ("none_dealloc" or
"bool_dealloc"): a kiosk would crash in the middle of a test. ``tests/gui/test_refcount.py``
shows the fall and the crash.

The guard tops the three counts up whenever they fall below a floor: it makes a list holding the
missing references and leaks that list on purpose (``Py_IncRef`` on it), so the references are
never given back, not even at exit, where the counts would otherwise reach zero. Eight bytes per
reference; a kiosk loses a few dozen a second. It does nothing on a binding or an interpreter
without the defect; remove it once 6.12.0 is excluded.
"""

from __future__ import annotations

import ctypes
import sys

import PySide6
from PySide6.QtCore import QObject, QTimer

AFFECTED_PYSIDE = ((6, 12, 0),)
FLOOR = 200_000  # far more than any burst of calls between two checks
CHECK_MS = 100

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


def affected(version: tuple[int, ...] | None = None, python: tuple[int, int] | None = None) -> bool:
    """Whether this binding and interpreter have the defect."""
    pyside = tuple(version or PySide6.__version_info__[:3])
    return pyside in AFFECTED_PYSIDE and (python or sys.version_info[:2]) < (3, 12)


def top_up(floor: int = FLOOR) -> int:
    """Raise the counts of None, True and False to twice ``floor`` when below it; return refs added."""
    added = 0
    for value in (None, True, False):
        missing = 2 * floor - sys.getrefcount(value)
        if missing > floor:
            _incref([value] * missing)  # a list that is never freed holds the references for good
            added += missing
    return added


class QtRefcountKeeper(QObject):
    """Checks the counts every CHECK_MS; one per application (see :meth:`install`)."""

    NAME = "pupitre-refcount-keeper"

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.setObjectName(self.NAME)
        self.added = top_up()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self._check)
        self._timer.start()

    def _check(self) -> None:
        self.added += top_up()

    @classmethod
    def install(cls, app: QObject) -> QtRefcountKeeper | None:
        """Start the guard on ``app`` if this binding needs it (idempotent)."""
        if not affected():
            return None
        existing = app.findChild(cls, cls.NAME)
        return existing if existing is not None else cls(app)

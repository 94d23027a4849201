"""A guard against a reference-counting defect of PySide6 6.12.0 on CPython before 3.12 (ADR 0009).

The console paints its tiles with thousands of calls a second to C++ methods that return nothing;
with that binding each one takes a reference from ``None`` that it never gives back, and on 3.11
the interpreter aborts when the count reaches zero. The kiosk has the same guard
(``kiosk/ui/qt_refcount.py``; the two applications share no code, ADR 0001): it tops the counts of
``None``, ``True`` and ``False`` up whenever they fall below a floor, and does nothing on a binding or
an interpreter without the defect. Remove it with the kiosk's once 6.12.0 is excluded.
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

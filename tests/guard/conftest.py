import pytest

from kiosk.ui.qt_refcount import QtRefcountKeeper
from tests.guard.exam import Kit


@pytest.fixture
def kit(qapp, qtbot, tmp_path):
    QtRefcountKeeper.install(qapp)  # PySide6 6.12.0 on Python 3.11, as the kiosk does
    kit = Kit(qtbot, tmp_path)
    yield kit
    kit.close()

"""The console's window tests: a real console in a temporary folder, its store filled with a room
through the store's own functions, the real widgets driven offscreen with pytest-qt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from roomfill import Room, exam_day, make_console

from invigilator.store.dashboard import read_dashboard
from invigilator.ui.qt_dashboard import QtDashboard
from invigilator.ui.qt_i18n import QtConsoleLanguage
from invigilator.ui.qt_theme import QtConsoleTheme

NOW = dt.datetime(2026, 6, 15, 9, 30, tzinfo=dt.UTC)


class Clock:
    def __init__(self, now: dt.datetime = NOW):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def console_keys(tmp_path, clock):
    console, keys = make_console(tmp_path / "console", clock, tls=True)
    yield console, keys
    console.close()


@pytest.fixture
def console(console_keys):
    return console_keys[0]


@pytest.fixture
def room(console, clock) -> Room:
    return exam_day(console, clock())


@pytest.fixture
def language(qapp) -> Iterator[QtConsoleLanguage]:
    lang = QtConsoleLanguage(qapp, "fr")
    yield lang
    lang.close()


@pytest.fixture
def theme(qapp) -> Iterator[QtConsoleTheme]:
    yield QtConsoleTheme(qapp)
    QApplication.instance().setStyleSheet("")


@pytest.fixture
def dashboard(qtbot, console, clock, theme, language) -> Iterator[QtDashboard]:
    board = QtDashboard(lambda: read_dashboard(console.store.db, clock()), theme)
    qtbot.addWidget(board)
    board.resize(1366, 700)
    board.show()
    yield board
    board.stop()

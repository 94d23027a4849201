"""The Windows hook's key decisions."""

import pytest

from kiosk.guard.keys import (
    LLKHF_ALTDOWN,
    VK_APPS,
    VK_ESCAPE,
    VK_F4,
    VK_LWIN,
    VK_RWIN,
    VK_SPACE,
    VK_TAB,
    KeyStroke,
    blocked,
    stroke_from_hook,
)


@pytest.mark.parametrize("stroke, swallowed", [
    (KeyStroke(VK_TAB, alt=True, ctrl=False), True),  # Alt+Tab
    (KeyStroke(VK_TAB, alt=True, ctrl=False, shift=True), True),  # Alt+Shift+Tab
    (KeyStroke(VK_TAB, alt=False, ctrl=False), False),  # Tab moves between fields
    (KeyStroke(VK_LWIN, alt=False, ctrl=False), True),
    (KeyStroke(VK_RWIN, alt=False, ctrl=False), True),
    (KeyStroke(VK_F4, alt=True, ctrl=False), True),  # Alt+F4
    (KeyStroke(VK_F4, alt=False, ctrl=True), False),  # Ctrl+F4 stays inside the application
    (KeyStroke(VK_ESCAPE, alt=False, ctrl=True), True),  # Ctrl+Esc
    (KeyStroke(VK_ESCAPE, alt=False, ctrl=True, shift=True), True),  # Ctrl+Shift+Esc
    (KeyStroke(VK_ESCAPE, alt=True, ctrl=False), True),  # Alt+Esc
    (KeyStroke(VK_ESCAPE, alt=False, ctrl=False), False),  # Esc closes the kiosk's dialogs
    (KeyStroke(VK_SPACE, alt=True, ctrl=False), True),  # the window menu
    (KeyStroke(VK_SPACE, alt=False, ctrl=False), False),
    (KeyStroke(VK_APPS, alt=False, ctrl=False), False),  # the context menu key is harmless
    (KeyStroke(ord("C"), alt=False, ctrl=True), False),  # Ctrl+C: the clipboard guard's business
])
def test_blocked(stroke, swallowed):
    assert blocked(stroke) is swallowed


def test_alt_comes_from_the_hook_flags():
    assert stroke_from_hook(VK_TAB, LLKHF_ALTDOWN, ctrl_down=False) == KeyStroke(VK_TAB, True, False, False)
    assert stroke_from_hook(VK_TAB, 0, ctrl_down=True, shift_down=True) == KeyStroke(VK_TAB, False, True, True)


def test_describe():
    assert KeyStroke(VK_TAB, alt=True, ctrl=False).describe() == "Alt+Tab"
    assert KeyStroke(0x41, alt=False, ctrl=True, shift=True).describe() == "Ctrl+Shift+0x41"

"""Which key strokes the Windows keyboard hook swallows: the ones that leave or cover the exam
window (Alt+Tab, the Windows keys, Alt+F4, Ctrl+Esc, Ctrl+Shift+Esc, Alt+Esc, Alt+Space).

Ctrl+Alt+Del cannot be caught by any program (it is the secure attention sequence); the
registry policies in ``win_measures.py`` close the exits of the screen it opens.
"""

from __future__ import annotations

from dataclasses import dataclass

VK_TAB, VK_ESCAPE, VK_SPACE, VK_F4 = 0x09, 0x1B, 0x20, 0x73
VK_LWIN, VK_RWIN, VK_APPS = 0x5B, 0x5C, 0x5D
VK_CONTROL, VK_SHIFT, VK_MENU = 0x11, 0x10, 0x12
VK_LCONTROL, VK_RCONTROL, VK_LSHIFT, VK_RSHIFT = 0xA2, 0xA3, 0xA0, 0xA1
VK_BROWSER_BACK, VK_LAUNCH_MAIL, VK_LAUNCH_APP1, VK_LAUNCH_APP2 = 0xA6, 0xB4, 0xB6, 0xB7
LLKHF_ALTDOWN = 0x20
WM_KEYDOWN, WM_KEYUP, WM_SYSKEYDOWN, WM_SYSKEYUP = 0x0100, 0x0101, 0x0104, 0x0105

_ALWAYS = frozenset({VK_LWIN, VK_RWIN, VK_LAUNCH_MAIL, VK_LAUNCH_APP1, VK_LAUNCH_APP2})
_NAMES = {VK_TAB: "Tab", VK_ESCAPE: "Esc", VK_SPACE: "Space", VK_F4: "F4", VK_LWIN: "Win", VK_RWIN: "Win",
          VK_LAUNCH_MAIL: "Mail", VK_LAUNCH_APP1: "App1", VK_LAUNCH_APP2: "App2"}


@dataclass(frozen=True)
class KeyStroke:
    vk: int
    alt: bool
    ctrl: bool
    shift: bool = False

    def describe(self) -> str:
        mods = [m for m, on in (("Ctrl", self.ctrl), ("Alt", self.alt), ("Shift", self.shift)) if on]
        return "+".join([*mods, _NAMES.get(self.vk, f"0x{self.vk:02X}")])


def blocked(stroke: KeyStroke) -> bool:
    """True when the hook must swallow this key (both its press and its release)."""
    vk = stroke.vk
    if vk in _ALWAYS:
        return True
    if stroke.alt and vk in (VK_TAB, VK_ESCAPE, VK_F4, VK_SPACE):
        return True
    return bool(stroke.ctrl and vk == VK_ESCAPE)


def stroke_from_hook(vk: int, flags: int, ctrl_down: bool, shift_down: bool = False) -> KeyStroke:
    """The stroke a low-level hook sees: Alt comes from the event's flags, Ctrl and Shift from the key state."""
    return KeyStroke(vk, bool(flags & LLKHF_ALTDOWN), ctrl_down, shift_down)

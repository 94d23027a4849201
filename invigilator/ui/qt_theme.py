"""The console's look: the default and high-contrast style sheets, the tile colours, the text zoom.

The zoom scales the base font size written into the style sheet (100–200 % in 10 % steps) and
the tiles' fonts, so everything reflows as text grows. The style sheets are QSS templates in
``assets/themes`` (``console-default.qss``, ``console-high-contrast.qss``); the tiles are painted
by a delegate, which takes its colours from :meth:`QtConsoleTheme.colours`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from string import Template

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

THEMES_DIR = Path(__file__).resolve().parents[2] / "assets" / "themes"
BASE_FONT_PX = 15
ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 100, 200, 10


@dataclass(frozen=True)
class TileColours:
    """What a tile is painted with; amber and red mark a kiosk not heard for 5 and 15 seconds."""

    background: QColor
    tile: QColor
    text: QColor
    muted: QColor
    border: QColor
    action: QColor  # the band and border of a tile that needs the invigilator
    action_text: QColor
    amber: QColor
    amber_text: QColor
    red: QColor
    red_text: QColor
    selected: QColor
    focus: QColor


DEFAULT = TileColours(
    background=QColor("#f5f4ef"), tile=QColor("#ffffff"), text=QColor("#1c2127"), muted=QColor("#4a525c"),
    border=QColor("#c9c5ba"), action=QColor("#b3261e"), action_text=QColor("#ffffff"),
    amber=QColor("#ffe2a8"), amber_text=QColor("#5c3900"), red=QColor("#b3261e"), red_text=QColor("#ffffff"),
    selected=QColor("#e6f0fb"), focus=QColor("#c24e00"),
)
HIGH_CONTRAST = TileColours(
    background=QColor("#000000"), tile=QColor("#000000"), text=QColor("#ffffff"), muted=QColor("#ffffff"),
    border=QColor("#ffffff"), action=QColor("#ffff00"), action_text=QColor("#000000"),
    amber=QColor("#ffff00"), amber_text=QColor("#000000"), red=QColor("#ff6e6e"), red_text=QColor("#000000"),
    selected=QColor("#003a66"), focus=QColor("#00ffff"),
)


class QtConsoleTheme(QObject):
    """The current theme and zoom; ``changed`` fires after the style sheet is applied."""

    changed = Signal()

    def __init__(self, app: QApplication, *, zoom: int = 100, high_contrast: bool = False,
                 themes_dir: Path = THEMES_DIR):
        super().__init__()
        self._app = app
        self._dir = themes_dir
        self._templates: dict[str, Template] = {}
        self.zoom = self._clamp(zoom)
        self.high_contrast = high_contrast
        app.setStyle("Fusion")
        self.apply()

    @staticmethod
    def _clamp(zoom: int) -> int:
        zoom = int(round(zoom / ZOOM_STEP) * ZOOM_STEP)
        return max(ZOOM_MIN, min(ZOOM_MAX, zoom))

    @property
    def name(self) -> str:
        return "console-high-contrast" if self.high_contrast else "console-default"

    def colours(self) -> TileColours:
        return HIGH_CONTRAST if self.high_contrast else DEFAULT

    def font_px(self, factor: float = 1.0) -> int:
        return round(BASE_FONT_PX * factor * self.zoom / 100)

    def style_sheet(self) -> str:
        template = self._templates.get(self.name)
        if template is None:
            template = Template((self._dir / f"{self.name}.qss").read_text(encoding="utf-8"))
            self._templates[self.name] = template
        return template.safe_substitute(font=self.font_px(), font_s=self.font_px(0.87), font_l=self.font_px(1.2),
                                        font_xl=self.font_px(1.6), font_board=self.font_px(2.6))

    def apply(self) -> None:
        font = self._app.font()
        font.setPixelSize(self.font_px())
        self._app.setFont(font)
        self._app.setStyleSheet(self.style_sheet())
        self.changed.emit()

    def set_zoom(self, zoom: int) -> None:
        zoom = self._clamp(zoom)
        if zoom != self.zoom:
            self.zoom = zoom
            self.apply()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom + ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom - ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_zoom(ZOOM_MIN)

    def set_high_contrast(self, on: bool) -> None:
        if bool(on) != self.high_contrast:
            self.high_contrast = bool(on)
            self.apply()

    def toggle_high_contrast(self) -> None:
        self.set_high_contrast(not self.high_contrast)

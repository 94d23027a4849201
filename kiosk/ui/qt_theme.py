"""The look of the kiosk: the default and high-contrast style sheets, and the text zoom.

The zoom scales the base font size written into the style sheet (100–200 % in 10 % steps), so
every layout reflows as text grows; nothing is scaled as a picture. Both themes live as QSS
templates in ``assets/themes``.
"""

from __future__ import annotations

from pathlib import Path
from string import Template

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

THEMES_DIR = Path(__file__).resolve().parents[2] / "assets" / "themes"
BASE_FONT_PX = 17
ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 100, 200, 10


class QtTheme(QObject):
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
        return "high-contrast" if self.high_contrast else "default"

    def font_px(self, factor: float = 1.0) -> int:
        return round(BASE_FONT_PX * factor * self.zoom / 100)

    def style_sheet(self) -> str:
        template = self._templates.get(self.name)
        if template is None:
            template = Template((self._dir / f"{self.name}.qss").read_text(encoding="utf-8"))
            self._templates[self.name] = template
        return template.safe_substitute(
            font=self.font_px(), font_s=self.font_px(0.88), font_l=self.font_px(1.15),
            font_xl=self.font_px(1.6), font_xxl=self.font_px(2.1), indicator=self.font_px(1.3),
            icons=(self._dir / "icons").as_posix(),
        )

    def apply(self) -> None:
        font = self._app.font()
        font.setPixelSize(self.font_px())
        self._app.setFont(font)
        self._app.setStyleSheet(self.style_sheet())
        self.changed.emit()

    # -- the candidate's controls ---------------------------------------------------------------
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

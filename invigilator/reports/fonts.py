"""The typeface the PDFs embed: DejaVu Sans, shipped in assets/fonts/ (docs/adr/0024).

Shipping the files rather than reading the system's makes every console print the same bytes,
on Debian, Windows or macOS alike; reportlab embeds the subset a document uses.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from invigilator.errors import ReportError

FONTS_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
REGULAR, BOLD = "PupitreSans", "PupitreSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


def register_fonts() -> None:
    """Register the report fonts with reportlab once per process."""
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    for name, file in _FILES.items():
        path = FONTS_DIR / file
        if not path.is_file():
            raise ReportError(f"font {path} is missing (the installation is incomplete)")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)

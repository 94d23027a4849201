"""The PDFs' calm look: one typeface, a dark ink, one muted accent, thin rules."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle

from invigilator.reports.fonts import BOLD, REGULAR

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
ACCENT = colors.HexColor("#1d4e89")
RULE = colors.HexColor("#cbd2d9")
SHADE = colors.HexColor("#f0f4f8")
BAR = colors.HexColor("#3e7cb1")

BODY = ParagraphStyle("body", fontName=REGULAR, fontSize=9, leading=12, textColor=INK)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8, leading=10, textColor=MUTED)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=8, leading=10, embeddedHyphenation=1, uriWasteReduce=0.3)
CELL_BOLD = ParagraphStyle("cell-bold", parent=CELL, fontName=BOLD)
H1 = ParagraphStyle("h1", parent=BODY, fontName=BOLD, fontSize=16, leading=20, textColor=ACCENT, spaceAfter=4)
H2 = ParagraphStyle("h2", parent=BODY, fontName=BOLD, fontSize=11, leading=14, textColor=ACCENT,
                    spaceBefore=10, spaceAfter=4)

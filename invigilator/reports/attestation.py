"""The per-candidate attestation: score, level, the 16 competences as a chart, code and QR."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Path, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from invigilator.reports.data import AttestationData
from invigilator.reports.fonts import BOLD, REGULAR, register_fonts
from invigilator.reports.qr import draw_qr
from invigilator.reports.style import ACCENT, BAR, INK, MUTED, RULE, SHADE
from invigilator.reports.texts import check_language, long_date, text
from itembank.framework import Framework
from protocol.attestation import CompactResult, sign_attestation

MARGIN = 20 * mm
CHART_WIDTH = 170 * mm
ROW = 5.4 * mm
DOMAIN_ROW = 5.6 * mm
DOMAIN_GAP = 1.6 * mm
LABEL_WIDTH = 100 * mm
QR_SIZE = 38 * mm
BAR_X = LABEL_WIDTH + 4 * mm
BAR_W = CHART_WIDTH - LABEL_WIDTH - 12 * mm
STEP = BAR_W / 8


def compact_result(data: AttestationData) -> CompactResult:
    """The result the QR carries, from what the attestation prints."""
    return data.compact_result()


def _fit(canvas: Canvas, value: str, font: str, size: float, width: float, smallest: float = 7) -> float:
    """The largest size ≤ ``size`` at which ``value`` fits ``width`` (long names shrink, never overflow)."""
    while size > smallest and canvas.stringWidth(value, font, size) > width:
        size -= 0.5
    return size


def _clip(canvas: Canvas, value: str, font: str, size: float, width: float) -> str:
    if canvas.stringWidth(value, font, size) <= width:
        return value
    while value and canvas.stringWidth(value + "…", font, size) > width:
        value = value[:-1]
    return value.rstrip() + "…"


def _chart_layout(framework: Framework) -> tuple[float, list[tuple[str, float, Any]]]:
    """The chart's height and where each domain title and competence row sits (y from the bottom)."""
    domains = framework.domains
    rows = sum(len(d.competences) for d in domains)
    height = rows * ROW + len(domains) * (DOMAIN_ROW + DOMAIN_GAP) + 4 * mm
    placed: list[tuple[str, float, Any]] = []
    y = height
    for domain in domains:
        y -= DOMAIN_ROW
        placed.append(("domain", y, domain))
        for competence in domain.competences:
            y -= ROW
            placed.append(("competence", y, competence))
        y -= DOMAIN_GAP
    return height, placed


def _drawing(height: float) -> Drawing:
    drawing = Drawing(CHART_WIDTH, height)
    drawing.initialFontName = REGULAR  # else the renderer names Helvetica, a font the PDF would not embed
    return drawing


def chart_background(framework: Framework, language: str, canvas: Canvas) -> Drawing:
    """What every candidate's chart shares: domain and competence names, empty tracks, the 0–8 scale."""
    height, placed = _chart_layout(framework)
    drawing = _drawing(height)
    for kind, y, item in placed:
        if kind == "domain":
            drawing.add(String(0, y + 1.3 * mm, f"{item.code}. {item.name.get(language)}", fontName=BOLD,
                               fontSize=8.5, fillColor=ACCENT))
            continue
        label = _clip(canvas, f"{item.code}  {item.name.get(language)}", REGULAR, 8, LABEL_WIDTH)
        drawing.add(String(3 * mm, y + 1.5 * mm, label, fontName=REGULAR, fontSize=8, fillColor=INK))
        drawing.add(Rect(BAR_X, y + 0.9 * mm, BAR_W, ROW - 1.8 * mm, strokeWidth=0, strokeColor=None,
                         fillColor=SHADE))
    for k in range(9):
        drawing.add(String(BAR_X + k * STEP, 0, str(k), fontName=REGULAR, fontSize=6.5, fillColor=MUTED,
                           textAnchor="middle"))
    return drawing


def chart_levels(data: AttestationData) -> Drawing:
    """One candidate's levels over :func:`chart_background`: a bar of eight steps and the number."""
    height, placed = _chart_layout(data.framework)
    drawing = _drawing(height)
    separators = Path(strokeColor=colors.white, strokeWidth=1.2, fillColor=None)
    for kind, y, item in placed:
        if kind != "competence":
            continue
        level = data.competence_levels[item.code]
        if level:
            drawing.add(Rect(BAR_X, y + 0.9 * mm, level * STEP, ROW - 1.8 * mm, strokeWidth=0, strokeColor=None,
                             fillColor=BAR))
        for k in range(1, 8):
            separators.moveTo(BAR_X + k * STEP, y + 0.9 * mm)
            separators.lineTo(BAR_X + k * STEP, y + ROW - 0.9 * mm)
        drawing.add(String(BAR_X + BAR_W + 3 * mm, y + 1.5 * mm, str(level), fontName=BOLD, fontSize=8.5,
                           fillColor=INK))
    drawing.add(separators)
    return drawing


def _chart_form(canvas: Canvas, framework: Framework, language: str, forms: dict[int, tuple[str, float]]) \
        -> tuple[str, float]:
    """The chart's shared part as a PDF form, drawn once per document and reused on every page."""
    if id(framework) not in forms:
        name = f"competence-chart-{len(forms)}"
        background = chart_background(framework, language, canvas)
        canvas.beginForm(name, 0, 0, background.width, background.height)
        renderPDF.draw(background, canvas, 0, 0)
        canvas.endForm()
        forms[id(framework)] = (name, background.height)
    return forms[id(framework)]


def _page(canvas: Canvas, data: AttestationData, center_key: Ed25519PrivateKey, language: str,
          forms: dict[int, tuple[str, float]]) -> None:
    width, height = A4
    c = data.candidate
    inner = width - 2 * MARGIN
    y = height - MARGIN
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 9)
    canvas.drawString(MARGIN, y - 3 * mm, _clip(canvas, f"{data.center.name} ({data.center.id})", REGULAR, 9,
                                                 inner * 0.65))
    canvas.drawRightString(width - MARGIN, y - 3 * mm,
                           f"{text('session_number', language)} {data.session_number}")
    y -= 7 * mm
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1.2)
    canvas.line(MARGIN, y, width - MARGIN, y)
    y -= 11 * mm
    canvas.setFillColor(ACCENT)
    canvas.setFont(BOLD, 20)
    canvas.drawString(MARGIN, y, text("attestation_title", language))

    y -= 12 * mm
    name = f"{c.first_name} {c.last_name.upper()}"
    size = _fit(canvas, name, BOLD, 18, inner)
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, size)
    canvas.drawString(MARGIN, y, _clip(canvas, name, BOLD, size, inner))
    y -= 6.5 * mm
    canvas.setFont(REGULAR, 10)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN, y, f"{text('born', language)} {long_date(c.birth_date, language)} · "
                                 f"{text('session_of', language)} {long_date(data.date, language)}")

    # score and level, side by side in a light panel
    y -= 26 * mm
    canvas.setFillColor(SHADE)
    canvas.setStrokeColor(RULE)
    canvas.roundRect(MARGIN, y, inner, 20 * mm, 2 * mm, stroke=1, fill=1)
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 9)
    canvas.drawString(MARGIN + 6 * mm, y + 14 * mm, text("score", language))
    canvas.drawString(MARGIN + inner / 2, y + 14 * mm, text("level", language))
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 22)
    canvas.drawString(MARGIN + 6 * mm, y + 4.5 * mm, f"{data.score} pix")
    canvas.setFont(BOLD, 17)
    canvas.drawString(MARGIN + inner / 2, y + 5 * mm, data.level_name(language))

    y -= 9 * mm
    canvas.setFillColor(ACCENT)
    canvas.setFont(BOLD, 10.5)
    canvas.drawString(MARGIN, y, text("competences", language))
    form, chart_height = _chart_form(canvas, data.framework, language, forms)
    y -= 3 * mm + chart_height
    canvas.saveState()
    canvas.translate(MARGIN, y)
    canvas.doForm(form)
    canvas.restoreState()
    renderPDF.draw(chart_levels(data), canvas, MARGIN, y)

    # verification: code on the left, QR on the right
    bottom = 21 * mm
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN, bottom + QR_SIZE + 4 * mm, width - MARGIN, bottom + QR_SIZE + 4 * mm)
    draw_qr(canvas, sign_attestation(compact_result(data), center_key), width - MARGIN - QR_SIZE + 3 * mm, bottom,
            QR_SIZE)
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 9)
    canvas.drawString(MARGIN, bottom + QR_SIZE - 6 * mm, text("verification", language))
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 20)
    canvas.drawString(MARGIN, bottom + QR_SIZE - 15 * mm, data.verification_code)
    text_object = canvas.beginText(MARGIN, bottom + QR_SIZE - 23 * mm)
    text_object.setFont(REGULAR, 8)
    text_object.setFillColor(MUTED)
    text_object.setLeading(10.5)
    for line in _wrap(canvas, text("verify_how", language), REGULAR, 8, inner - QR_SIZE - 10 * mm):
        text_object.textLine(line)
    canvas.drawText(text_object)
    canvas.setFont(REGULAR, 8)
    canvas.drawString(MARGIN, 12 * mm, text("jury_note", language))


def _wrap(canvas: Canvas, value: str, font: str, size: float, width: float) -> list[str]:
    lines, line = [], ""
    for word in value.split():
        trial = f"{line} {word}".strip()
        if canvas.stringWidth(trial, font, size) > width and line:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line] if line else lines


def render_attestations(items: Iterable[AttestationData], center_key: Ed25519PrivateKey,
                        language: str = "fr") -> bytes:
    """One PDF with one page per attestation, in ``language`` (``fr`` by default, or ``en``)."""
    check_language(language)
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, lang=language, initialFontName=REGULAR, pageCompression=1)
    canvas.setTitle(text("attestation_title", language))
    count = 0
    forms: dict[int, tuple[str, float]] = {}
    for data in items:
        if count == 0:
            canvas.setAuthor(data.center.name)
        _page(canvas, data, center_key, language, forms)
        canvas.showPage()
        count += 1
    if count == 0:
        from invigilator.errors import ReportError
        raise ReportError("no attestation to print")
    canvas.save()
    return buffer.getvalue()


def render_attestation(data: AttestationData, center_key: Ed25519PrivateKey, language: str = "fr") -> bytes:
    """One candidate's attestation as PDF bytes."""
    return render_attestations([data], center_key, language)

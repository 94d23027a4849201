"""The session report (procès-verbal): attendance, timeline, incidents, comments, signatures."""

from __future__ import annotations

import datetime as dt
import io
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from invigilator.reports.data import AbortReason, Attendance, AttendanceRow, SessionReportData
from invigilator.reports.fonts import BOLD, REGULAR, register_fonts
from invigilator.reports.style import BODY, CELL, CELL_BOLD, H1, H2, INK, MUTED, RULE, SHADE, SMALL
from invigilator.reports.texts import CATEGORIES, check_language, long_date, short_date, text

MARGIN = 16 * mm


def _time(moment: dt.datetime | None) -> str:
    return moment.strftime("%H:%M") if moment else "—"


def status_label(row: AttendanceRow, language: str) -> str:
    if row.status is Attendance.ABORTED:
        which = "candidate" if row.abort_reason is AbortReason.CANDIDATE else "technical"
        return text(f"status_aborted_{which}", language)
    return text(f"status_{row.status.value}", language)


def _p(value: str, style=CELL) -> Paragraph:
    return Paragraph(escape(value), style)


def _grid(rows: list[list], widths: list[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    commands = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header:
        commands += [("FONT", (0, 0), (-1, 0), BOLD, 8), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                     ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED)]
    table.setStyle(TableStyle(commands))
    return table


def _summary(data: SessionReportData, language: str) -> list:
    counts = {status: sum(1 for r in data.attendance if r.status is status) for status in Attendance}
    rows = [
        (text("center", language), f"{data.center.name} ({data.center.id})"),
        (text("session_number", language), data.session_number),
        (text("date", language), long_date(data.session.date, language)),
        (text("room", language), data.session.room),
        (text("invigilators", language), ", ".join(data.invigilators)),
        (text("bank", language), data.bank_title),
        (text("profile", language), data.session.profile),
        (text("enrolled", language), f"{len(data.attendance)} — "
                                     f"{text('status_finished', language)} {counts[Attendance.FINISHED]}, "
                                     f"{text('status_aborted_candidate', language).split(' (')[0]} "
                                     f"{counts[Attendance.ABORTED]}, "
                                     f"{text('status_absent', language)} {counts[Attendance.ABSENT]}"),
    ]
    table = Table([[_p(k, CELL_BOLD), _p(v)] for k, v in rows], colWidths=[42 * mm, 136 * mm])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                               ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]))
    return [Paragraph(escape(text("summary", language)), H2), table]


def _attendance(data: SessionReportData, language: str) -> list:
    header = ["#", text("col_name", language), text("col_birth", language), text("col_check_in", language),
              text("col_start", language), text("col_end", language), text("col_status", language),
              text("col_score", language)]
    rows: list[list] = [header]
    for n, row in enumerate(data.attendance, 1):
        c = row.candidate
        score = "—" if row.score is None else f"{row.score} pix"
        if row.score is not None and row.level is not None and 0 <= row.level < len(data.levels):
            score += f"\n{data.levels[row.level].title.get(language)}"
        rows.append([str(n), _p(f"{c.last_name.upper()}, {c.first_name}"), short_date(c.birth_date, language),
                     _time(row.checked_in), _time(row.started), _time(row.ended),
                     _p(status_label(row, language)), score])
    widths = [8 * mm, 45 * mm, 19 * mm, 15 * mm, 15 * mm, 15 * mm, 38 * mm, 23 * mm]
    return [Paragraph(escape(text("attendance", language)), H2),
            Paragraph(escape(text("times_note", language)), SMALL), Spacer(1, 2 * mm), _grid(rows, widths)]


def _timeline(data: SessionReportData, language: str) -> list:
    out: list = [CondPageBreak(30 * mm), Paragraph(escape(text("timeline", language)), H2)]
    if not data.timeline:
        return [*out, Paragraph(escape(text("no_events", language)), BODY)]
    rows: list[list] = [[text("col_time", language), text("col_candidate", language),
                         text("col_description", language)]]
    for event in sorted(data.timeline, key=lambda e: e.at):
        rows.append([event.at.strftime("%H:%M:%S"), _p(event.candidate or "—"), _p(event.text)])
    return [*out, _grid(rows, [20 * mm, 48 * mm, 110 * mm])]


def _incidents(data: SessionReportData, language: str) -> list:
    out: list = [CondPageBreak(30 * mm), Paragraph(escape(text("incidents", language)), H2)]
    if not data.incidents:
        return [*out, Paragraph(escape(text("no_incidents", language)), BODY)]
    rows: list[list] = [[text("col_time", language), text("col_category", language),
                         text("col_candidate", language), text("col_description", language)]]
    for incident in sorted(data.incidents, key=lambda i: i.at):
        category = text(incident.category.value, language, CATEGORIES)
        if incident.sub_reason is not None:
            category += f" — {text(incident.sub_reason.value, language, CATEGORIES)}"
        rows.append([incident.at.strftime("%H:%M"), _p(category), _p(incident.candidate or "—"),
                     _p(incident.description)])
    return [*out, _grid(rows, [16 * mm, 46 * mm, 38 * mm, 78 * mm])]


def _comments(data: SessionReportData, language: str) -> list:
    out: list = [CondPageBreak(30 * mm), Paragraph(escape(text("comments", language)), H2),
                 Paragraph(escape(text("global_comment", language)), CELL_BOLD),
                 Paragraph(escape(data.global_comment or text("no_comment", language)), BODY)]
    commented = [r for r in data.attendance if r.comment.strip()]
    if commented:
        out += [Spacer(1, 3 * mm), Paragraph(escape(text("candidate_comments", language)), CELL_BOLD)]
        rows = [[_p(f"{r.candidate.last_name.upper()}, {r.candidate.first_name}", CELL_BOLD), _p(r.comment)]
                for r in commented]
        out.append(_grid(rows, [52 * mm, 126 * mm], header=False))
    return out


def _signatures(data: SessionReportData, language: str) -> list:
    boxes = []
    for name in data.invigilators:
        box = Table([[_p(name, CELL_BOLD)], [_p(text("signature", language), SMALL)], [""]],
                    colWidths=[84 * mm], rowHeights=[None, None, 22 * mm])
        box.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8),
                                ("BOX", (0, 0), (-1, -1), 0.8, MUTED), ("LEFTPADDING", (0, 0), (-1, -1), 5)]))
        boxes.append(box)
    pairs = [boxes[i:i + 2] + [""] * (2 - len(boxes[i:i + 2])) for i in range(0, len(boxes), 2)]
    grid = Table(pairs, colWidths=[89 * mm, 89 * mm])
    grid.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    return [KeepTogether([Paragraph(escape(text("signatures", language)), H2), grid])]


def _numbered_canvas(data: SessionReportData, language: str) -> type[Canvas]:
    """A canvas that learns the page count at the end, so every footer can say 'page n of N'."""
    generated = data.generated_at or dt.datetime.now()
    left = f"{data.center.name} — {text('session', language)} {data.session_number} — " \
           f"{short_date(data.session.date, language)}"
    right_printed = text("generated", language).format(when=generated.strftime("%d/%m/%Y %H:%M")
                                                        if language == "fr" else generated.strftime("%Y-%m-%d %H:%M"))

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _ = A4
            self.setStrokeColor(RULE)
            self.setLineWidth(0.4)
            self.line(MARGIN, 12 * mm, width - MARGIN, 12 * mm)
            self.setFont(REGULAR, 7.5)
            self.setFillColor(MUTED)
            self.drawString(MARGIN, 8 * mm, left)
            self.drawCentredString(width / 2, 4.5 * mm, right_printed)
            self.drawRightString(width - MARGIN, 8 * mm,
                                 text("page", language).format(n=self._pageNumber, total=total))

    return NumberedCanvas


def render_session_report(data: SessionReportData, language: str = "fr") -> bytes:
    """The session report as PDF bytes, in ``language`` (``fr`` by default, or ``en``)."""
    check_language(language)
    register_fonts()
    buffer = io.BytesIO()
    title = f"{text('report_title', language)} — {data.session_number}"
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=18 * mm, title=title, author=data.center.name,
                            subject=text("report_title", language), lang=language, invariant=1,
                            initialFontName=REGULAR)
    story: list = [Paragraph(escape(text("report_title", language)), H1),
                   Paragraph(escape(f"{data.center.name} · {text('session_number', language)} "
                                    f"{data.session_number} · {long_date(data.session.date, language)}"), BODY)]
    story += _summary(data, language)
    story += _attendance(data, language)
    story += _timeline(data, language)
    story += _incidents(data, language)
    story += _comments(data, language)
    story += _signatures(data, language)
    doc.build(story, canvasmaker=_numbered_canvas(data, language))
    return buffer.getvalue()

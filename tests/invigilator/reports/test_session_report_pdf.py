"""The session report, read back from the PDF: what it says, in both languages, over several pages."""

import dataclasses
import datetime as dt
import subprocess
import sys

import pytest

from invigilator.errors import ReportError
from invigilator.reports import (
    AbortReason,
    Attendance,
    AttendanceRow,
    IncidentCategory,
    render_session_report,
)
from invigilator.reports.specimen import LONG_LAST, specimen_session
from tests.invigilator.reports.conftest import pdf_fonts, pdf_pages, pdf_text, render_page


@pytest.fixture(scope="module")
def report():
    return specimen_session(24)


@pytest.fixture(scope="module")
def pdfs(report, tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    out = {}
    for language in ("fr", "en"):
        out[language] = root / f"report-{language}.pdf"
        out[language].write_bytes(render_session_report(report, language))
    return out


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_french_report_shows_the_session_every_candidate_and_their_outcome(report, pdfs):
    text = pdf_text(pdfs["fr"])
    # in drawing order a wrapped cell's lines follow each other; a line broken after a hyphen is joined back
    flat = _flat(pdf_text(pdfs["fr"], raw=True)).replace("- ", "-")
    assert "Procès-verbal de session" in text
    assert "Lycée Jean-Jaurès — Centre d'examens numériques" in text
    assert "2026-0317" in text and "3 décembre 2026" in text and "Salle B104" in text
    assert "Hélène Marchal, Karim Bensaïd" in text and "Banque de démonstration CRCN" in text
    for row in report.attendance:
        assert f"{row.candidate.last_name.upper()}, {row.candidate.first_name}" in flat
        if row.score is not None:
            assert f"{row.score} pix" in text
    assert "ŒHLENSCHLÄGER" in text or "NGUYỄN" in text  # accents beyond Latin-1 survive
    for word in ("ROCHEFOUCAULD-", "MONTMORENCY-", "AIGNAN,", "Anne-Charlotte"):  # the long name wraps, whole words
        assert word in text, word
    assert f"{LONG_LAST.upper()}, " in flat
    for label in ("Terminé", "Absent", "Interrompu (candidat)", "Interrompu (technique)"):
        assert label in text
    assert "Heures à l'horloge de la console." in text


def test_french_report_shows_timeline_incidents_comments_and_signature_boxes(report, pdfs):
    flat = _flat(pdf_text(pdfs["fr"], raw=True))
    assert "Déroulé de la session" in flat and "Clôture de la session" in flat
    assert "Problème dans une question — image" in flat
    assert "Problème technique — perte de focus involontaire" in flat
    assert "Retard ou départ" in flat
    assert "Session calme." in flat and "Coupure électrique de la rangée B" in flat
    assert "Observations par candidat" in flat
    assert "Signatures des surveillants" in flat
    assert flat.count("Signature ") >= len(report.invigilators)
    assert "Page 1 sur" in flat


def test_english_report(pdfs):
    flat = _flat(pdf_text(pdfs["en"], raw=True))
    for label in ("Session report", "Attendance and results", "Finished", "Absent", "Aborted (candidate)",
                  "Aborted (technical)", "In-question problem — image", "Invigilators' signatures",
                  "Times by the console's clock.", "Page 1 of", "3 December 2026"):
        assert label in flat, label
    assert "Procès-verbal" not in flat


def test_fonts_are_embedded(pdfs):
    for pdf in pdfs.values():
        fonts = pdf_fonts(pdf)
        assert fonts and all(emb == "yes" for _, emb in fonts), fonts
        assert all("DejaVuSans" in name for name, _ in fonts), fonts


def test_300_candidates_run_over_pages_with_the_header_repeated(tmp_path):
    report = specimen_session(300)
    pdf = tmp_path / "big.pdf"
    pdf.write_bytes(render_session_report(report, "fr"))
    pages = pdf_pages(pdf)
    assert pages >= 8
    text = pdf_text(pdf)
    assert f"Page {pages} sur {pages}" in text
    assert _flat(text).count("# Nom, prénom Naissance Accueil Début Fin Statut Score") >= pages - 3
    for n in (1, 150, 300):
        assert f"\n{n} " in text or f" {n} " in text
    last = pdf_text(pdf, pages)
    assert "Signatures des surveillants" in last


def test_the_first_page_renders_to_an_image(pdfs, tmp_path):
    image = render_page(pdfs["fr"], 1, tmp_path / "page", dpi=50)
    assert image.stat().st_size > 10_000


def test_the_same_data_prints_the_same_bytes(report):
    assert render_session_report(report) == render_session_report(report)


def test_bad_inputs_are_refused_with_the_reason(report):
    row = report.attendance[0]
    with pytest.raises(ReportError, match="more than 500"):
        dataclasses.replace(row, comment="x" * 501)
    with pytest.raises(ReportError, match="needs its reason"):
        AttendanceRow(row.candidate, Attendance.ABORTED)
    with pytest.raises(ReportError, match="only an aborted test"):
        AttendanceRow(row.candidate, Attendance.FINISHED, abort_reason=AbortReason.TECHNICAL)
    with pytest.raises(ReportError, match="absent candidate"):
        AttendanceRow(row.candidate, Attendance.ABSENT, started=dt.datetime(2026, 1, 1, 9), score=10)
    with pytest.raises(ReportError, match="at least one invigilator"):
        dataclasses.replace(report, invigilators=())
    with pytest.raises(ReportError, match="global comment"):
        dataclasses.replace(report, global_comment="é" * 501)
    with pytest.raises(ReportError, match="incident"):
        dataclasses.replace(report.incidents[0], description="x" * 501)
    with pytest.raises(ReportError, match="language 'de'"):
        render_session_report(report, "de")
    assert IncidentCategory("fraud") is IncidentCategory.FRAUD


def test_markup_in_names_and_comments_is_printed_not_interpreted(report, tmp_path):
    row = dataclasses.replace(report.attendance[0], comment="<b>pas gras</b> & <font size=40>rien</font>")
    pdf = tmp_path / "markup.pdf"
    pdf.write_bytes(render_session_report(dataclasses.replace(report, attendance=(row,)), "fr"))
    assert "<b>pas gras</b> & <font size=40>rien</font>" in pdf_text(pdf)


def test_the_reports_import_neither_qt_nor_sqlalchemy():
    code = ("import sys, invigilator.reports; "
            "print([m for m in ('PySide6', 'sqlalchemy') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"

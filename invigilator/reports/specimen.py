"""A specimen session, made up but realistic, for sample renders, benchmarks and tests.

Names are chosen to stress the layout: accents, hyphens, apostrophes and one very long name.
Everything follows from ``seed``, so two renders of a specimen are the same bytes.
"""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from invigilator.core.center import Center, ExamSession
from invigilator.core.roster import Candidate
from invigilator.reports.data import (
    AbortReason,
    Attendance,
    AttendanceRow,
    AttestationData,
    Incident,
    IncidentCategory,
    IncidentSubReason,
    SessionReportData,
    TimelineEvent,
)
from itembank.framework import DEFAULT_FRAMEWORK
from itembank.profile import DEFAULT_LEVELS

LAST = ("Dupont-Éluard", "N'Diaye", "Lefèvre", "Nguyễn", "Müller", "Da Silva Gonçalves", "Œhlenschläger",
        "Benali", "Kowalczyk", "Le Gall", "Fernández", "Ibáñez", "Østergård", "Traoré", "Rousseau")
FIRST = ("Marie-Hélène", "Zoé", "Jérôme", "Anaïs", "François", "Thu Hà", "Chloé", "Noël", "Inès", "Loïc",
         "Maël", "Björn", "Çağla", "Aurélien", "Éloïse")
LONG_LAST = "de La Rochefoucauld-Montmorency-Saint-Aignan"
LONG_FIRST = "Anne-Charlotte Marie-Bérengère"
CENTER = Center("C-0042", "Lycée Jean-Jaurès — Centre d'examens numériques", "0" * 32)
SESSION_DATE = dt.date(2026, 12, 3)
START = dt.datetime(2026, 12, 3, 9, 0)


def _candidates(count: int, rng: random.Random) -> list[Candidate]:
    out = []
    for n in range(count):
        last, first = (LONG_LAST, LONG_FIRST) if n == 2 else (rng.choice(LAST), rng.choice(FIRST))
        birth = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(0, 3650))
        out.append(Candidate.create(f"cand-{n:04d}", "S-2026-0317", last, first, birth, f"EXT{n:05d}",
                                    extra_time_minutes=35 if n % 17 == 5 else 0))
    return out


def specimen_session(count: int = 24, seed: int = 7) -> SessionReportData:
    rng = random.Random(seed)
    rows = []
    timeline = [TimelineEvent(START - dt.timedelta(minutes=20), "Ouverture de la session / session opened")]
    for n, candidate in enumerate(_candidates(count, rng)):
        if n % 11 == 7:
            rows.append(AttendanceRow(candidate, Attendance.ABSENT))
            continue
        checked = START - dt.timedelta(minutes=rng.randrange(2, 15))
        started = START + dt.timedelta(minutes=rng.randrange(0, 6))
        if n % 13 == 4:
            ended = started + dt.timedelta(minutes=rng.randrange(20, 60))
            reason = AbortReason.TECHNICAL if n % 2 else AbortReason.CANDIDATE
            rows.append(AttendanceRow(candidate, Attendance.ABORTED, checked, started, ended, reason,
                                      comment="Poste redémarré deux fois ; la candidate a préféré arrêter."
                                      if reason is AbortReason.CANDIDATE else
                                      "Coupure électrique de la rangée B à 10 h 12."))
            continue
        ended = started + dt.timedelta(minutes=rng.randrange(60, 105 + candidate.extra_time_minutes))
        score = rng.randrange(40, 900)
        level = max(i for i, band in enumerate(DEFAULT_LEVELS) if band.min_score <= score)
        rows.append(AttendanceRow(candidate, Attendance.FINISHED, checked, started, ended, score=score, level=level,
                                  kiosk=f"PC-{n + 1:03d}",
                                  comment="Tiers temps accordé et utilisé." if candidate.extra_time_minutes else ""))
        if n % 9 == 3:
            timeline.append(TimelineEvent(started + dt.timedelta(minutes=31), "Perte de focus sur une question "
                                          "focus, reprise autorisée après vérification", candidate.display_name))
    timeline.append(TimelineEvent(START + dt.timedelta(hours=2, minutes=25), "Clôture de la session"))
    incidents = (
        Incident(START + dt.timedelta(minutes=42), IncidentCategory.IN_QUESTION,
                 "Image de la question illisible, signalement validé et question remplacée.",
                 IncidentSubReason.IMAGE, rows[1].candidate.display_name),
        Incident(START + dt.timedelta(minutes=71), IncidentCategory.TECHNICAL,
                 "Lecteur d'écran : perte de focus involontaire, 4 minutes compensées.",
                 IncidentSubReason.UNINTENTIONAL_FOCUS_LOSS, rows[0].candidate.display_name),
        Incident(START + dt.timedelta(minutes=5), IncidentCategory.LATE_OR_LEAVING,
                 "Arrivée à 9 h 05, admis avant la fin du délai d'accueil."),
    )
    session = ExamSession("S-2026-0317", "crcn-demo", "certification", SESSION_DATE, "Salle B104", "PVXB89")
    return SessionReportData(
        center=CENTER, session=session, session_number="2026-0317", bank_title="Banque de démonstration CRCN",
        invigilators=("Hélène Marchal", "Karim Bensaïd"), attendance=tuple(rows), timeline=tuple(timeline),
        incidents=incidents, global_comment="Session calme. Une coupure électrique brève sur la rangée B ; "
                                            "les candidats concernés ont reçu une compensation de temps.",
        generated_at=START + dt.timedelta(hours=2, minutes=40))


def specimen_attestations(count: int = 24, seed: int = 7) -> list[AttestationData]:
    rng = random.Random(seed)
    report = specimen_session(count, seed)
    out = []
    for row in report.attendance:
        if row.score is None or row.level is None:
            continue
        base = max(1, min(8, row.level + 1))
        levels = {code: max(0, min(8, base + rng.randrange(-2, 3))) for code in DEFAULT_FRAMEWORK.codes}
        code = "P-" + "".join(rng.sample("2346789BCDFGHJKMPQRTVWXY", 8))
        out.append(AttestationData(report.center, row.candidate, report.session_number, report.session.date,
                                   row.score, row.level, levels, code, "3"))
    return out


def write_samples(out: Path, dpi: int = 110) -> list[Path]:
    """Render the specimen's session report (first page) and one attestation, French and English, to PNG.

    Needs ``pdftoppm`` (Debian's poppler-utils). The keys are made on the spot: the QR of a sample
    verifies with nothing real.
    """
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from invigilator.reports.attestation import render_attestation
    from invigilator.reports.session_report import render_session_report

    out.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.from_private_bytes(bytes(32))
    report, attestation = specimen_session(), specimen_attestations()[0]
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        for language in ("fr", "en"):
            for name, pdf in ((f"session-report-{language}", render_session_report(report, language)),
                              (f"attestation-{language}", render_attestation(attestation, key, language))):
                source = Path(tmp) / f"{name}.pdf"
                source.write_bytes(pdf)
                subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", "1", "-l", "1", "-singlefile",
                                str(source), str(out / name)], check=True)
                written.append(out / f"{name}.png")
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots/console")
    for path in write_samples(target):
        print(path)

"""The PDFs a center prints (reportlab, no Qt): the session report and the per-candidate attestation.

The console and the command line fill the plain dataclasses of :mod:`.data` from the store and call
:func:`render_session_report` or :func:`render_attestations`; both return PDF bytes.
"""

from invigilator.reports.attestation import compact_result, render_attestation, render_attestations
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
from invigilator.reports.session_report import render_session_report

__all__ = [
    "AbortReason", "Attendance", "AttendanceRow", "AttestationData", "Incident", "IncidentCategory",
    "IncidentSubReason", "SessionReportData", "TimelineEvent", "compact_result", "render_attestation",
    "render_attestations", "render_session_report",
]

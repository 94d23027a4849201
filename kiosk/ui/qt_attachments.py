"""Attachments: a built-in viewer (images, PDF, text, CSV) and the export for the workstation's tools.

The viewer reads the decrypted bytes from memory and never writes them to disk. On *free*
questions only, the candidate may open a file with the workstation's application: it is written
to a private folder (mode 0700, file 0600), opened with the desktop's default application, and
the folder is deleted when the test ends. A kiosk that died leaves its folder behind: the next
kiosk to start deletes the folders whose process is gone, and logs each one.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path, PurePath

import psutil
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QFontDatabase,
    QImage,
    QKeySequence,
    QPixmap,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.qt_widgets import as_kiosk_dialog, button, label, name

IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".svg"}
TEXT_TYPES = {".txt", ".py", ".log", ".md", ".json", ".xml", ".html", ".htm", ".eml", ".ics", ".vcf", ".ini"}


def viewer_kind(file_name: str) -> str | None:
    """How the built-in viewer shows a file: image, pdf, csv, text, or None (not viewable here)."""
    suffix = PurePath(file_name).suffix.lower()
    if suffix in IMAGE_TYPES:
        return "image"
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".csv":
        return "csv"
    if suffix in TEXT_TYPES:
        return "text"
    return None


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def read_csv(data: bytes) -> list[list[str]]:
    text = decode_text(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect) if row]


class QtAttachmentViewer(QDialog):
    """Shows one attachment inside the kiosk; Escape or "Close" returns to the question."""

    def __init__(self, parent: QWidget, file_name: str, title: str, data: bytes):
        super().__init__(parent)
        self.setObjectName("attachmentViewer")
        as_kiosk_dialog(self)
        self.file_name = file_name
        self.title = title  # the item's name for the document: an image's text alternative
        self.kind = viewer_kind(file_name)
        self._zoom = 1.0
        self._pixmap: QPixmap | None = None
        self._buffer: QBuffer | None = None
        self._document = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        self.heading = label("title", title)
        layout.addWidget(self.heading)
        self.tools = QHBoxLayout()
        layout.addLayout(self.tools)
        self.view = self._build(data)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.close_button = button("primary")
        self.close_button.setAutoDefault(True)
        self.close_button.clicked.connect(self.accept)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.retranslateUi(title)
        if parent is not None:
            window = parent.window()
            self.resize(int(window.width() * 0.9), int(window.height() * 0.9))
        self.finished.connect(self.deleteLater)

    def retranslateUi(self, title: str) -> None:
        self.setWindowTitle(title)
        self._retranslate_toggle()
        self.close_button.setText(self.tr("Close"))
        name(self.close_button, self.tr("Close"), self.tr("Close the document and go back to the question"))
        name(self.view, self.tr("Document: %1").replace("%1", title))
        if self._pixmap is not None:
            name(self.image_label, self.tr("Image: %1").replace("%1", title))

    def _build(self, data: bytes) -> QWidget:
        if self.kind == "image":
            return self._image(data)
        if self.kind == "pdf":
            return self._pdf(data)
        if self.kind == "csv":
            return self._table(data)
        return self._text(data)

    def _image(self, data: bytes) -> QWidget:
        image = QImage.fromData(data)
        area = QScrollArea()
        area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        area.setWidget(self.image_label)
        area.setWidgetResizable(False)
        if image.isNull():
            self.image_label.setText(self.tr("This image cannot be displayed."))
            self.image_label.adjustSize()
            return area
        self._pixmap = QPixmap.fromImage(image)
        self.image_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for text, step in ((self.tr("Zoom out"), 1 / 1.25), (self.tr("Zoom in"), 1.25)):
            control = button("quiet")
            control.setText(text)
            name(control, text)
            control.clicked.connect(lambda _=False, s=step: self.zoom_image(s))
            self.tools.addWidget(control)
        fit = button("quiet")
        fit.setText(self.tr("Fit to the window"))
        name(fit, fit.text())
        fit.clicked.connect(self.fit_image)
        self.tools.addWidget(fit)
        actual = button("quiet")
        actual.setText(self.tr("Actual size"))
        name(actual, actual.text())
        actual.clicked.connect(lambda: self.zoom_image(0))
        self.tools.addWidget(actual)
        self.tools.addStretch(1)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self.zoom_image(1.25))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self.zoom_image(1 / 1.25))
        self._area = area
        self.zoom_image(0)
        return area

    def fit_image(self) -> None:
        """The whole image in the viewer (never enlarged past its actual size)."""
        if self._pixmap is None:
            return
        room = self._area.viewport().size()
        factor = min(1.0, room.width() / max(1, self._pixmap.width()), room.height() / max(1, self._pixmap.height()))
        self._zoom = 1.0
        self.zoom_image(factor)

    def zoom_image(self, step: float) -> None:
        """Multiply the zoom by ``step`` (0: back to actual size)."""
        if self._pixmap is None:
            return
        self._zoom = 1.0 if step == 0 else max(0.1, min(8.0, self._zoom * step))
        size = self._pixmap.size() * self._zoom
        self.image_label.setPixmap(self._pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                                       Qt.TransformationMode.SmoothTransformation))
        self.image_label.adjustSize()

    def _pdf(self, data: bytes) -> QWidget:
        from PySide6.QtPdf import QPdfDocument  # loaded only when a PDF is opened (start-up time)
        from PySide6.QtPdfWidgets import QPdfView

        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._document = QPdfDocument(self)
        self._document.load(self._buffer)
        view = QPdfView(self)
        view.setDocument(self._document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # The pages are pictures to a screen reader: their text, one click away, can be read by word
        # and line (a PDF without text says so instead of showing nothing).
        pages = QStackedWidget()
        self.pdf_pages = view
        text = "\n\n".join(self._document.getAllText(page).text().strip()
                            for page in range(self._document.pageCount())).strip()
        self.pdf_text = self._text(text.encode("utf-8"))
        self.pdf_has_text = bool(text)
        pages.addWidget(view)
        pages.addWidget(self.pdf_text)
        self.text_toggle = button("quiet")
        self.text_toggle.setObjectName("pdf-text")
        self.text_toggle.setCheckable(True)
        self.text_toggle.toggled.connect(lambda shown: self._show_pdf_text(pages, shown))
        self.tools.addWidget(self.text_toggle)
        self.tools.addStretch(1)
        return pages

    def _show_pdf_text(self, pages: QStackedWidget, shown: bool) -> None:
        pages.setCurrentWidget(self.pdf_text if shown else self.pdf_pages)
        self._retranslate_toggle()
        (self.pdf_text if shown else self.pdf_pages).setFocus(Qt.FocusReason.OtherFocusReason)

    def _table(self, data: bytes) -> QWidget:
        """The table, and the file's raw text one click away: a question may ask what separates the
        fields, which the table hides."""
        pages = QStackedWidget()
        self.table = self._grid(data)
        self.raw = self._text(data)
        pages.addWidget(self.table)
        pages.addWidget(self.raw)
        self.raw_toggle = button("quiet")
        self.raw_toggle.setObjectName("raw-text")
        self.raw_toggle.setCheckable(True)
        self.raw_toggle.toggled.connect(lambda raw: self._show_raw(pages, raw))
        self.tools.addWidget(self.raw_toggle)
        self.tools.addStretch(1)
        return pages

    def _show_raw(self, pages: QStackedWidget, raw: bool) -> None:
        pages.setCurrentWidget(self.raw if raw else self.table)
        self._retranslate_toggle()

    def _retranslate_toggle(self) -> None:
        pdf = getattr(self, "text_toggle", None)
        if pdf is not None:
            text = self.tr("Show the pages") if pdf.isChecked() else self.tr("Show the text")
            pdf.setText(text)
            name(pdf, text, self.tr("Switches between the document's pages and its text, which a screen reader "
                                    "can read."))
            name(self.pdf_text, self.tr("Text of the document") if self.pdf_has_text else
                 self.tr("This document has no text a screen reader can read."))
        toggle = getattr(self, "raw_toggle", None)
        if toggle is None:
            return
        text = self.tr("Show as a table") if toggle.isChecked() else self.tr("Show the raw text")
        toggle.setText(text)
        name(toggle, text, self.tr("Switches between the table and the file's text as it is written, "
                                   "separators included."))

    def _grid(self, data: bytes) -> QWidget:
        rows = read_csv(data)
        model = QStandardItemModel(self)
        if rows:
            width = max(len(r) for r in rows)
            model.setHorizontalHeaderLabels(rows[0] + [""] * (width - len(rows[0])))
            for row in rows[1:]:
                model.appendRow([QStandardItem(cell) for cell in row])
        view = QTableView()
        view.setModel(model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(False)
        view.resizeColumnsToContents()
        view.setTabKeyNavigation(False)
        return view

    def _text(self, data: bytes) -> QWidget:
        view = QPlainTextEdit()
        view.setReadOnly(True)
        view.setTabChangesFocus(True)
        view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        view.setStyleSheet("font-family: monospace;")
        view.setPlainText(decode_text(data))
        view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                     | Qt.TextInteractionFlag.TextSelectableByMouse)
        return view

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._pixmap is not None:
            QTimer.singleShot(0, self, self.fit_image)  # once the viewer has its size
        self.view.setFocus(Qt.FocusReason.PopupFocusReason)


log = logging.getLogger(__name__)

EXPORT_PREFIX = "pupitre-files-"
_OWNER = re.compile(re.escape(EXPORT_PREFIX) + r"(\d+)-")


def remove_leftover_exports(base: Path | None = None,
                            alive: Callable[[int], bool] = psutil.pid_exists) -> list[Path]:
    """Delete the export folders that kiosks which died left in ``base`` (the temp folder); return them.

    A folder is named after the process that made it; one whose process still runs is another
    kiosk's and is kept. Only this account's folders are touched.
    """
    removed = []
    folder = Path(base or tempfile.gettempdir())
    for path in sorted(folder.glob(f"{EXPORT_PREFIX}*")):
        try:
            info = path.lstat()
        except OSError:
            continue
        if not path.is_dir() or path.is_symlink() or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
            continue
        owner = _OWNER.match(path.name)
        if owner is not None and (int(owner.group(1)) == os.getpid() or alive(int(owner.group(1)))):
            continue
        files = sum(1 for p in path.rglob("*") if p.is_file())
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            log.warning("removed %s: %d decrypted attachment file(s) left by a kiosk that stopped without "
                        "cleaning up", path, files)
            removed.append(path)
        else:
            log.error("cannot remove %s, left by a kiosk that stopped: decrypted attachments stay there", path)
    return removed


class QtAttachmentExporter:
    """Writes attachments for the workstation's applications into one private folder per test.

    Making one first removes the folders of kiosks that died (:func:`remove_leftover_exports`).
    """

    def __init__(self, base: Path | None = None):
        self._base = base
        self.folder: Path | None = None
        self.exported: list[Path] = []
        self.leftovers_removed = remove_leftover_exports(base)

    def export(self, file_name: str, data: bytes) -> Path:
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix=f"{EXPORT_PREFIX}{os.getpid()}-", dir=self._base))
            os.chmod(self.folder, 0o700)
        path = self.folder / PurePath(file_name).name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        self.exported.append(path)
        return path

    @staticmethod
    def open_with_workstation(path: Path) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def cleanup(self) -> None:
        """Delete every exported file (the end of the test, or the kiosk closing)."""
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
            self.exported.clear()

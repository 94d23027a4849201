"""Text a screen reader can read and re-read, and announcements that do not move the focus.

A ``QLabel`` exposes its markdown source as its accessible name and no Text interface, so a
screen reader reads "star star" and cannot go back by word or line. ``QtReadableText`` is a
read-only text view (it has the Text interface) whose document is the markdown rendered into
what a screen reader reads well: emphasis as plain words, code as preformatted lines, list items
starting with their bullet or number as real text.

``announce`` sends a ``QAccessibleAnnouncementEvent`` (Qt 6.8+): the screen reader speaks the
text while the keyboard focus stays on the answer. The window keeps the last announcements, so
tests (and a curious invigilator) can read what was said.
"""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
    QTextListFormat,
)
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QWidget

ANNOUNCEMENTS_KEPT = 200
BULLET = "•"
UNNUMBERED = (QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle, QTextListFormat.Style.ListSquare)


def readable_document(markdown: str, document: QTextDocument | None = None) -> QTextDocument:
    """Markdown rendered for reading aloud: list markers become text (a Text interface drops the
    markers Qt draws), everything else is Qt's own rendering (emphasis as text, code as lines)."""
    document = document or QTextDocument()
    document.setMarkdown(markdown, QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
    block = document.begin()
    marked = []
    while block.isValid():
        text_list = block.textList()
        if text_list is not None:
            marker = text_list.itemText(block).strip()
            if not marker or text_list.format().style() in UNNUMBERED:
                marker = BULLET
            marked.append((block, text_list, marker))
        block = block.next()
    for block, text_list, marker in marked:
        indent = text_list.format().indent()
        text_list.remove(block)
        cursor = QTextCursor(block)
        block_format = cursor.blockFormat()
        block_format.setIndent(indent)
        cursor.setBlockFormat(block_format)
        cursor.insertText(marker + " ")
    return document


def plain_reading(markdown: str) -> str:
    """What a screen reader gets from ``markdown`` (one line per paragraph, line or list item)."""
    return readable_document(markdown).toPlainText()


class QtReadableText(QTextBrowser):
    """Read-only rendered markdown with the accessible Text interface; as tall as its text (the
    page scrolls, not the text), focusable so that a screen reader lands on it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                     | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setTabChangesFocus(True)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._measured: tuple[tuple[int, int, str], int] | None = None
        self.document().setDocumentMargin(2)
        self.document().contentsChanged.connect(self.updateGeometry)

    def set_markdown(self, markdown: str) -> None:
        readable_document(markdown, self.document())
        self.updateGeometry()

    def plain_text(self) -> str:
        return self.toPlainText()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        """The text's height at ``width``; layouts ask several times per change, so it is cached."""
        key = (width, self.document().revision(), self.font().key())
        if self._measured is not None and self._measured[0] == key:
            return self._measured[1]
        margins = self.contentsMargins()
        document = self.document().clone()
        document.setDefaultFont(self.font())
        document.setTextWidth(max(1, width - margins.left() - margins.right()))
        height = int(document.size().height() + 0.999) + margins.top() + margins.bottom()
        self._measured = (key, height)
        return height

    def sizeHint(self) -> QSize:
        width = max(200, self.width())
        return QSize(super().sizeHint().width(), self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(80, self.heightForWidth(max(200, self.width())))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()


def announce(source: QWidget, text: str, *, assertive: bool = False) -> None:
    """Have the screen reader say ``text`` without moving the focus; kept in the window's log."""
    text = text.strip()
    if not text:
        return
    event = QAccessibleAnnouncementEvent(source, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if assertive
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)
    log = getattr(source.window(), "announcements", None)
    if isinstance(log, deque):
        log.append(text)


def announcement_log() -> deque[str]:
    """A window's record of what was announced (the latest ``ANNOUNCEMENTS_KEPT``)."""
    return deque(maxlen=ANNOUNCEMENTS_KEPT)

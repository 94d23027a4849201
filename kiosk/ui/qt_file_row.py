"""One document of a question, in the question screen's list: its title and how it opens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from kiosk.ui.qt_answers import show
from kiosk.ui.qt_attachments import viewer_kind
from kiosk.ui.qt_widgets import button, label


class QtFileRow(QFrame):
    """One document of the question: its title, "Open" (built-in viewer), "Open with the
    workstation's application" (free questions only), or why it cannot be opened."""

    def __init__(self, open_viewer: Callable[[str, str], None], open_external: Callable[[str], None]):
        super().__init__()
        self.setProperty("role", "card")
        self.file, self.title = "", ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        self.caption = label("", "")
        layout.addWidget(self.caption, 1)
        self.view = button("")
        self.view.setProperty("action", "view")
        self.view.clicked.connect(lambda _=False: open_viewer(self.file, self.title))
        self.external = button("")
        self.external.setProperty("action", "export")
        self.external.clicked.connect(lambda _=False: open_external(self.file))
        self.note = label("hint")
        self.note.setProperty("action", "unavailable")
        for widget in (self.view, self.external, self.note):
            layout.addWidget(widget)

    def fill(self, file_name: str, title: str, free: bool) -> None:
        self.file, self.title = file_name, title
        self.caption.setText(title)
        self.caption.setProperty("file", file_name)
        viewable = viewer_kind(file_name) is not None
        for widget in (self.view, self.external):
            widget.setProperty("file", file_name)
            widget.setProperty("title", title)
        show(self.view, viewable)
        show(self.external, free)
        show(self.note, not free and not viewable)

    def buttons(self) -> list[QWidget]:
        """The row's visible buttons, in Tab order."""
        return [b for b in (self.view, self.external) if not b.isHidden()]

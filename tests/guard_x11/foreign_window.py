"""Another program's window over the exam, for the real-window tests: ``--kind above`` is a managed
always-on-top window that never takes the focus, ``--kind popup`` an override-redirect window
(no window manager involved), each 400×300 at (100, 100), with the class given by ``--class``.
Prints ``shown`` and its window id as it maps it; lives until its X connection is closed or it is killed."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kind", choices=("above", "popup"), default="above")
    parser.add_argument("--class", dest="klass", default="PupitreOverlay")
    args = parser.parse_args()
    app = QApplication([args.klass])
    app.setApplicationName(args.klass)
    flags = Qt.WindowType.ToolTip if args.kind == "popup" else (
        Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.WindowDoesNotAcceptFocus)
    label = QLabel("réponse : B", None, flags)
    label.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    label.setGeometry(100, 100, 400, 300)
    label.show()
    sys.stdout.write(f"shown {int(label.windowHandle().winId())}\n")  # mapped once the loop runs
    sys.stdout.flush()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

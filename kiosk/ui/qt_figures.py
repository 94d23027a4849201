"""Illustrations decoded ahead: while the journal's commit runs, not after it.

Decoding and scaling a question's picture takes 3 to 8 ms (more for a large photograph): the
biggest part of the way from "Validate" to the next question when the question has one. The
session decrypts the next item inside the command that will show it, before the commit's fsync
(:class:`kiosk.app.CurrentItems`); :meth:`QtFigureCache.prepare` then hands the picture's bytes to
a worker thread, which decodes and scales it (``QImage`` is safe to use off the interface's
thread; ``QPixmap`` is not, and is made by the question screen). :meth:`QtFigureCache.image`
takes the result, waiting for it if needed, or decodes on the spot when nothing was prepared.
The bank's file is read only by the interface's thread: the worker receives bytes.

PySide6 keeps Python's GIL while ``QImage`` decodes, so the worker runs beside the interface only
while the interface thread waits without it, which is during the commit's fsync: the gain is the
shorter of the decode and the fsync (a few ms on a fast disk, more on the slow disks of older
exam PCs, where it matters). Pillow, tried instead, held the GIL as long and decoded slower.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage

from itembank.model import Item
from kiosk.ui.qt_widgets import PAGE_WIDTH

ILLUSTRATION_MAX = QSize(PAGE_WIDTH - 20, 380)
log = logging.getLogger(__name__)


def display_image(data: bytes, limit: QSize = ILLUSTRATION_MAX) -> QImage:
    """The picture in ``data``, scaled down (never up) to fit ``limit``; a null image if unreadable."""
    image = QImage.fromData(data)
    if not image.isNull() and (image.width() > limit.width() or image.height() > limit.height()):
        image = image.scaled(limit, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return image


class QtFigureCache:
    """The illustrations of the last items the session loaded, decoded on a worker thread."""

    KEEP = 6  # pictures kept: those of the question on screen and of the ones just before

    def __init__(self, attachment: Callable[[str], bytes]):
        self._attachment = attachment
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pupitre-figures")
        self._figures: OrderedDict[str, Future[QImage]] = OrderedDict()

    def prepare(self, item: Item) -> None:
        """Start decoding ``item``'s illustrations (called on the interface's thread)."""
        for illustration in item.illustrations:
            name = illustration.file
            if name in self._figures:
                self._figures.move_to_end(name)
                continue
            self._figures[name] = self._pool.submit(display_image, self._attachment(name))
            while len(self._figures) > self.KEEP:
                self._figures.popitem(last=False)

    def image(self, name: str) -> QImage:
        """The illustration ``name`` ready to show: prepared, or decoded now."""
        prepared = self._figures.get(name)
        if prepared is not None:
            try:
                return prepared.result()
            except Exception:  # a failure of the worker: decode here, as if nothing was prepared
                log.exception("decoding the illustration %s ahead failed", name)
                del self._figures[name]
        return display_image(self._attachment(name))

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._figures.clear()

"""Illustrations decoded on a worker thread while the journal commits, and the fallbacks."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from itembank.model import Illustration, LocalText
from kiosk.app import CurrentItems
from kiosk.ui import qt_figures
from kiosk.ui.qt_figures import ILLUSTRATION_MAX, QtFigureCache, display_image


def png(width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


class Item:
    def __init__(self, *files: str):
        self.illustrations = tuple(Illustration(f, LocalText("x", "x")) for f in files)


def test_a_large_picture_is_scaled_to_the_question_screen_and_a_small_one_kept(qapp):
    big, small = display_image(png(2400, 1600)), display_image(png(200, 100))
    assert big.height() == ILLUSTRATION_MAX.height() and big.width() == 570  # the aspect ratio kept
    assert (small.width(), small.height()) == (200, 100)
    assert display_image(b"not a picture").isNull()


def test_prepared_pictures_are_decoded_on_another_thread_and_reused(qapp, monkeypatch):
    files = {"a.png": png(1200, 800), "b.png": png(300, 200)}
    reads, threads = [], set()
    decode = qt_figures.display_image

    def traced(data, *args):
        threads.add(threading.current_thread().name)
        return decode(data, *args)

    monkeypatch.setattr(qt_figures, "display_image", traced)
    cache = QtFigureCache(lambda name: reads.append(name) or files[name])
    try:
        cache.prepare(Item("a.png", "b.png"))
        assert reads == ["a.png", "b.png"]  # the bytes are read here, on the caller's thread
        first = cache.image("a.png")
        assert (first.width(), first.height()) == (570, 380)
        assert cache.image("a.png") is not None and reads == ["a.png", "b.png"]  # not read nor decoded again
        assert threads and all(name.startswith("pupitre-figures") for name in threads)
    finally:
        cache.close()


def test_a_picture_not_prepared_is_decoded_when_asked(qapp):
    cache = QtFigureCache(lambda name: png(100, 50))
    try:
        image = cache.image("late.png")
        assert (image.width(), image.height()) == (100, 50)
    finally:
        cache.close()


def test_a_failure_on_the_worker_falls_back_to_decoding_when_asked(qapp, monkeypatch, caplog):
    cache = QtFigureCache(lambda name: png(100, 50))
    real = qt_figures.display_image
    monkeypatch.setattr(qt_figures, "display_image", lambda data, *a: (_ for _ in ()).throw(MemoryError("boom")))
    cache.prepare(Item("x.png"))
    monkeypatch.setattr(qt_figures, "display_image", real)
    try:
        with caplog.at_level(logging.ERROR):
            image = cache.image("x.png")
        assert image.width() == 100 and "decoding the illustration x.png ahead failed" in caplog.text
    finally:
        cache.close()


def test_only_the_last_pictures_are_kept(qapp):
    cache = QtFigureCache(lambda name: png(10, 10))
    try:
        for k in range(QtFigureCache.KEEP + 3):
            cache.prepare(Item(f"{k}.png"))
        assert list(cache._figures) == [f"{k}.png" for k in range(3, QtFigureCache.KEEP + 3)]
    finally:
        cache.close()


class Bank:
    metas = ()

    def __init__(self):
        self.decrypted = []

    def item(self, item_id):
        self.decrypted.append(item_id)
        return Item(f"{item_id}.png")


def test_the_session_s_items_are_announced_once_each_and_a_failing_listener_is_only_logged(caplog):
    heard = []
    items = CurrentItems(Bank(), heard.append)
    items.item("q1")
    items.item("q1")
    items.item("q2")
    assert [i.illustrations[0].file for i in heard] == ["q1.png", "q2.png"]

    def broken(item):
        raise RuntimeError("no picture today")

    items = CurrentItems(Bank(), broken)
    with caplog.at_level(logging.ERROR):
        assert items.item("q3").illustrations[0].file == "q3.png"
    assert "preparing item q3 for display failed" in caplog.text

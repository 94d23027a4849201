"""QR codes for the attestation: reportlab's encoder, with a vectorised choice of mask.

reportlab's ``QRCode.make`` scores the eight mask patterns (ISO/IEC 18004 §7.8.3) in pure Python,
about 35 ms a code: more than a whole attestation page may take (300 in 10 s). The same four
penalty rules are computed here with numpy, so the code printed is the one the standard asks
for, in about a millisecond; the modules are then drawn as one path of horizontal runs.
"""

from __future__ import annotations

import numpy as np
from reportlab.graphics.barcode import qrencoder
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of light margin the standard requires around the symbol
_FINDER_LIKE = (np.array([1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0], dtype=np.int8),
                np.array([0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1], dtype=np.int8))


def _runs_penalty(matrix: np.ndarray) -> int:
    """Rule 1: 3 + (n − 5) for each run of n ≥ 5 modules of one colour, in rows and columns."""
    total = 0
    for grid in (matrix, matrix.T):
        # one long line, rows kept apart by a value no module has, so no run crosses a row's end
        line = np.concatenate((grid, np.full((grid.shape[0], 1), 2, dtype=np.int8)), axis=1).ravel()
        edges = np.flatnonzero(np.diff(line)) + 1
        lengths = np.diff(np.concatenate(([0], edges, [line.size])))
        long = lengths[lengths >= 5]
        total += int((long - 2).sum())
    return total


def _blocks_penalty(matrix: np.ndarray) -> int:
    """Rule 2: 3 for each 2×2 block of one colour."""
    same = (matrix[:-1, :-1] == matrix[1:, :-1]) & (matrix[:-1, :-1] == matrix[:-1, 1:]) \
        & (matrix[:-1, :-1] == matrix[1:, 1:])
    return 3 * int(same.sum())


def _finder_penalty(matrix: np.ndarray) -> int:
    """Rule 3: 40 for each 1:1:3:1:1 pattern with four light modules beside it, in rows and columns."""
    total = 0
    for grid in (matrix, matrix.T):
        windows = np.lib.stride_tricks.sliding_window_view(grid, 11, axis=1)
        for pattern in _FINDER_LIKE:
            total += int(np.all(windows == pattern, axis=2).sum())
    return 40 * total


def _balance_penalty(matrix: np.ndarray) -> int:
    """Rule 4: 10 for each 5 % the share of dark modules strays from half."""
    dark = 100 * int(matrix.sum()) / matrix.size
    return 10 * int(abs(dark - 50) // 5)


def penalty(matrix: np.ndarray) -> int:
    return _runs_penalty(matrix) + _blocks_penalty(matrix) + _finder_penalty(matrix) + _balance_penalty(matrix)


def _mask_patterns(count: int) -> list[np.ndarray]:
    """The eight mask patterns of ISO/IEC 18004 (row i, column j), as reportlab's encoder defines them."""
    i, j = np.indices((count, count))
    return [(i + j) % 2 == 0, i % 2 == 0, j % 3 == 0, (i + j) % 3 == 0, (i // 2 + j // 3) % 2 == 0,
            (i * j) % 2 + (i * j) % 3 == 0, ((i * j) % 2 + (i * j) % 3) % 2 == 0,
            ((i * j) % 3 + (i + j) % 2) % 2 == 0]


def qr_matrix(text: str, level: str = "M") -> np.ndarray:
    """The modules of the QR code of ``text`` (True = dark), with the mask of least penalty."""
    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, level))
    code.addData(text)  # the encoder picks the densest mode: alphanumeric for a base45 payload
    code.version = code.calculate_version()
    code.makeImpl(True, 0)  # every data module written once, under mask 0, format bits left light
    first = np.array(code.modules, dtype=bool)
    region = np.zeros_like(first)
    cols, rows = zip(*code.dataPosIterator(), strict=True)
    region[list(rows), list(cols)] = True
    masks = _mask_patterns(first.shape[0])
    unmasked = first ^ (region & masks[0])
    scores = [penalty((unmasked ^ (region & mask)).astype(np.int8)) for mask in masks]
    code.makeImpl(False, int(np.argmin(scores)))
    return np.array(code.modules, dtype=bool)


def draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> int:
    """Draw the QR code of ``text`` in a square of ``size`` points (quiet zone included); return its version.

    The modules are written as PDF rectangles in module units (integers) under one scaling: a few
    hundred ``re`` operators a code, where reportlab's float formatting of each would cost more
    than the rest of the page.
    """
    matrix = qr_matrix(text)
    count = matrix.shape[0]
    module = size / (count + 2 * QUIET_ZONE)
    ops = []
    for row in range(count):
        line = matrix[row].astype(np.int8)
        edges = np.flatnonzero(np.diff(np.concatenate(([0], line, [0]))))
        bottom = count - 1 - row
        ops += [f"{start} {bottom} {stop - start} 1 re" for start, stop in
                zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True)]
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.translate(x + QUIET_ZONE * module, y + QUIET_ZONE * module)
    canvas.scale(module, module)
    canvas.addLiteral("\n".join([*ops, "f"]))
    canvas.restoreState()
    return (count - 17) // 4

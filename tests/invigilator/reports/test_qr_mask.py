"""The QR mask choice: the four penalty rules on small grids, and the least-penalty mask over reportlab's own."""

import numpy as np
import pytest
from reportlab.graphics.barcode import qrencoder

from invigilator.reports.qr import _balance_penalty, _blocks_penalty, _finder_penalty, _runs_penalty, penalty, qr_matrix


def grid(rows):
    return np.array([[int(c) for c in row] for row in rows], dtype=np.int8)


def test_rule_1_runs_of_five_or_more_in_rows_and_columns():
    m = grid(["111110", "000000", "101010", "101010", "101010", "101010"])
    # rows: 5 dark (3) and 6 light (4); columns 1, 3 and 5: 5, 5 and 6 light (3 + 3 + 4)
    assert _runs_penalty(m) == 17
    assert _runs_penalty(grid(["1010", "0101", "1010", "0101"])) == 0


def test_rule_2_two_by_two_blocks():
    assert _blocks_penalty(grid(["110", "110", "000"])) == 3
    assert _blocks_penalty(grid(["111", "111", "000"])) == 3 * 2
    assert _blocks_penalty(grid(["10", "01"])) == 0


def test_rule_3_finder_like_patterns_with_light_space_beside():
    row = "10111010000"
    assert _finder_penalty(grid([row] * 1 + ["0" * 11] * 10)) == 40
    assert _finder_penalty(grid(["00001011101"] + ["0" * 11] * 10)) == 40
    assert _finder_penalty(grid(["10111011000"] + ["0" * 11] * 10)) == 0


def test_rule_4_balance_of_dark_modules():
    assert _balance_penalty(grid(["10", "01"])) == 0
    assert _balance_penalty(grid(["11", "11"])) == 100


@pytest.mark.parametrize("text", ["PUP1:" + "A1B2C3" * 35, "PUP1:ZZZZ", "PUP1:" + "0" * 200, "HELLO WORLD"])
def test_the_chosen_mask_has_the_least_penalty_of_reportlabs_eight(text):
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.version = code.calculate_version()
    scores = []
    for mask in range(8):
        code.makeImpl(True, mask)
        scores.append(penalty(np.array(code.modules, dtype=np.int8)))
    best = int(np.argmin(scores))
    code.makeImpl(False, best)
    assert np.array_equal(qr_matrix(text), np.array(code.modules, dtype=bool))

import random
import re

import pytest

from invigilator.core.codes import (
    ACCESS_CODE,
    code_digest,
    digest_matches,
    is_access_code,
    new_access_code,
    new_enrolment_code,
    normalise_code,
)


def test_access_codes_follow_the_domain_alphabet():
    rng = random.Random(1)
    codes = [new_access_code(rng) for _ in range(500)]
    assert all(ACCESS_CODE.match(c) for c in codes)
    assert all(not set(c[:4]) & set("AEIOULNSZ") and set(c[4:]) <= set("2346789") for c in codes)
    assert len(set(codes)) > 490


@pytest.mark.parametrize("text, ok", [
    ("PVXB89", True), ("pvxb 89", True), ("PVXB-89", True),
    ("PVAB89", False),   # a vowel
    ("PVXB85", False),   # 5 is not in the digits
    ("PVXB8", False), ("PVXBB89", False), ("", False), ("PVXB1 9", False),
])
def test_access_code_check(text, ok):
    assert is_access_code(text) is ok


def test_enrolment_code_is_two_groups_of_four_and_typed_loosely():
    code = new_enrolment_code(random.Random(7))
    assert re.fullmatch(r"[BCDFGHJKMPQRTVWXY2346789]{4}-[BCDFGHJKMPQRTVWXY2346789]{4}", code)
    assert normalise_code(" " + code.lower().replace("-", " ") + " ") == code.replace("-", "")
    assert digest_matches(code_digest(code), code.lower())
    assert not digest_matches(code_digest(code), code[:-1] + ("B" if code[-1] != "B" else "C"))


def test_the_digest_is_not_the_code():
    code = "BCDF-2346"
    assert "BCDF" not in code_digest(code) and len(code_digest(code)) == 64

import random
import re

import pytest

from invigilator.core.codes import (
    ACCESS_CODE,
    code_verifier,
    enrolment_proof,
    is_access_code,
    new_access_code,
    new_enrolment_code,
    normalise_code,
    proof_matches,
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
    assert code_verifier(code.lower().replace("-", " ")) == code_verifier(code)


PIN = "ab" * 32


def test_the_verifier_is_not_the_code_and_costs_a_guess_memory():
    verifier = code_verifier("BCDF-2346")
    assert len(verifier) == 64 and "BCDF" not in verifier and verifier != code_verifier("BCDF-2347")


def test_a_proof_is_bound_to_the_code_the_kiosk_key_the_console_pin_and_the_role():
    v = code_verifier("BCDF-2346")
    proof = enrolment_proof(v, "kiosk", "kiosk-key", PIN)
    assert proof_matches(v, "kiosk", "kiosk-key", PIN, proof)
    assert proof_matches(v, "kiosk", "kiosk-key", PIN, proof.upper())
    assert not proof_matches(code_verifier("BCDF-2347"), "kiosk", "kiosk-key", PIN, proof)  # another code
    assert not proof_matches(v, "kiosk", "other-key", PIN, proof)       # another kiosk key
    assert not proof_matches(v, "kiosk", "kiosk-key", "cd" * 32, proof)  # a certificate in the middle
    assert not proof_matches(v, "console", "kiosk-key", PIN, proof)      # the console's answer is not the kiosk's
    assert not proof_matches(v, "kiosk", "kiosk-key", PIN, None)
    assert not proof_matches(v, "kiosk", "kiosk-key", PIN, "é" * 64)
    with pytest.raises(ValueError):
        enrolment_proof(v, "hub", "kiosk-key", PIN)

"""The attestation's compact signed result: round trip, and a table of payloads that must fail."""

import datetime as dt

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from protocol.attestation import (
    B45,
    MAX_PAYLOAD_CHARS,
    PREFIX,
    SIGNATURE_BYTES,
    AttestationError,
    CompactResult,
    b45decode,
    b45encode,
    holder_digest,
    initials,
    sign_attestation,
    verify_attestation,
    verify_attestation_or_raise,
)

CENTER = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
OTHER = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
BIRTH = dt.date(2007, 3, 14)


def result(**changes) -> CompactResult:
    fields = dict(code="P-BCD2346K", center="C-0042", date=dt.date(2026, 12, 3), score=412, level=4,
                  levels="3425132401234567", engine="3", initials=initials("Dupont-Éluard", "Marie-Hélène"),
                  holder=holder_digest("P-BCD2346K", "Dupont-Éluard", "Marie-Hélène", BIRTH))
    fields.update(changes)
    return CompactResult(**fields)


PAYLOAD = sign_attestation(result(), CENTER)


def test_round_trip():
    check = verify_attestation(PAYLOAD, CENTER.public_key())
    assert check.ok and check.result == result()
    assert verify_attestation_or_raise(PAYLOAD, CENTER.public_key()).competence_levels[:3] == (3, 4, 2)


def test_the_payload_is_small_and_stays_in_the_qr_alphanumeric_set():
    assert PAYLOAD.startswith(PREFIX)
    assert set(PAYLOAD) <= set(B45)
    assert len(PAYLOAD) <= 221  # a version 8 QR code at level M holds 221 alphanumeric characters


def test_initials_and_holder_carry_no_name():
    assert result().initials == "MH.DE."
    assert "dupont" not in PAYLOAD.lower() and "2007" not in b45decode(PAYLOAD[len(PREFIX):])[:-64].decode()


def test_holder_matches_as_people_type_names_but_never_another_birth_date():
    r = result()
    assert r.holder_matches("DUPONT ELUARD", "marie helene", BIRTH)
    assert not r.holder_matches("Dupont-Éluard", "Marie-Hélène", dt.date(2007, 3, 15))
    assert not r.holder_matches("Dupond-Éluard", "Marie-Hélène", BIRTH)


def _flip(payload: str, index: int) -> str:
    body = bytearray(b45decode(payload[len(PREFIX):]))
    body[index] ^= 0x01
    return PREFIX + b45encode(bytes(body))


def _resign(text: bytes) -> str:
    from protocol.attestation import DOMAIN
    return PREFIX + b45encode(text + CENTER.sign(DOMAIN + text))


RAW = b45decode(PAYLOAD[len(PREFIX):])
BODY = RAW[:-SIGNATURE_BYTES]

INVALID = {
    "wrong key": (PAYLOAD, OTHER.public_key(), True, "does not match"),
    "tampered score byte": (_flip(PAYLOAD, BODY.index(b"|412|") + 1), CENTER.public_key(), True, "does not match"),
    "tampered signature": (_flip(PAYLOAD, len(RAW) - 1), CENTER.public_key(), True, "does not match"),
    "truncated by two bytes": (PREFIX + b45encode(RAW[:-2]), CENTER.public_key(), True, "does not match"),
    "truncated by one character": (PAYLOAD[:-1], CENTER.public_key(), False, "damaged"),
    "truncated to the prefix": (PREFIX, CENTER.public_key(), False, "too short"),
    "wrong prefix": ("PUP2:" + PAYLOAD[len(PREFIX):], CENTER.public_key(), False, "does not start"),
    "no prefix": (PAYLOAD[len(PREFIX):], CENTER.public_key(), False, "does not start"),
    "lower case": (PAYLOAD.lower(), CENTER.public_key(), False, "does not start"),
    "oversized": (PAYLOAD + "0" * MAX_PAYLOAD_CHARS, CENTER.public_key(), False, "characters long"),
    "not base45": (PAYLOAD[:-3] + "abc", CENTER.public_key(), False, "damaged"),
    "base45 group overflow": (PAYLOAD[:-3] + ":::", CENTER.public_key(), False, "out of range"),
    "not text": (b"PUP1:", CENTER.public_key(), False, "not text"),
    "signed, wrong field count": (_resign(BODY + b"|x"), CENTER.public_key(), True, "fields"),
    "signed, score out of range": (_resign(BODY.replace(b"|412|", b"|2048|")), CENTER.public_key(), True, "score"),
    "signed, padded number": (_resign(BODY.replace(b"|412|", b"|0412|")), CENTER.public_key(), True, "plain number"),
    "signed, 15 competences": (_resign(BODY.replace(b"3425132401234567", b"342513240123456")),
                               CENTER.public_key(), True, "levels"),
    "signed, level 9": (_resign(BODY.replace(b"3425132401234567", b"3425132401234569")),
                        CENTER.public_key(), True, "levels"),
    "signed, repeated code letter": (_resign(BODY.replace(b"BCD2346K", b"BCD2346B")), CENTER.public_key(), True,
                                     "repeats"),
    "signed, impossible date": (_resign(BODY.replace(b"20261203", b"20261303")), CENTER.public_key(), True, "date"),
    "signed, not ascii": (_resign(BODY.replace(b"C-0042", "C-ÉÉ".encode())), CENTER.public_key(), True, "ASCII"),
}


@pytest.mark.parametrize("name", INVALID)
def test_invalid_payloads(name):
    payload, key, readable, reason = INVALID[name]
    check = verify_attestation(payload, key)
    assert not check.ok and check.result is None
    assert check.readable is readable
    assert reason in check.reason
    with pytest.raises(AttestationError, match="attestation: "):
        verify_attestation_or_raise(payload, key)


def test_every_single_byte_change_is_refused():
    for index in range(len(RAW)):
        assert not verify_attestation(_flip(PAYLOAD, index), CENTER.public_key()).ok, index


def test_every_truncation_is_refused():
    for end in range(len(PAYLOAD)):
        assert not verify_attestation(PAYLOAD[:end], CENTER.public_key()).ok, end


def test_whitespace_around_a_scanned_payload_is_forgiven():
    assert verify_attestation(f"  {PAYLOAD}\n", CENTER.public_key()).ok


@pytest.mark.parametrize("changes", [
    {"code": "P-BCD2346"}, {"code": "P-BCD2346A"}, {"center": "C 42"}, {"center": ""}, {"score": -1},
    {"score": True}, {"level": 9}, {"levels": "1" * 17}, {"engine": "3|4"}, {"initials": "M|D"},
    {"holder": "0" * 19}, {"date": dt.datetime(2026, 1, 1)}, {"date": dt.date(999, 1, 1)},
])
def test_a_result_that_cannot_be_signed_says_which_field(changes):
    field = next(iter(changes))
    with pytest.raises(AttestationError, match=field):
        sign_attestation(result(**changes), CENTER)


@given(st.binary(max_size=200))
def test_base45_round_trip(data):
    assert b45decode(b45encode(data)) == data


def test_base45_matches_rfc_9285_examples():
    assert b45encode(b"AB") == "BB8"
    assert b45encode(b"Hello!!") == "%69 VD92EX0"
    assert b45encode(b"ietf!") == "QED8WEX0"
    assert b45decode("QED8WEX0") == b"ietf!"


@given(st.text(max_size=300))
def test_any_text_gives_a_check_never_an_exception(text):
    assert not verify_attestation(text, CENTER.public_key()).ok

"""The fast path of the canonical encoding (orjson) gives the reference's bytes and verdicts, or steps aside.

The reference is Python's encoder with the canonical settings (``protocol.canonical._ENCODER``) and
``json.loads``. The fast path may decline (None: the reference decides), never differ."""

from __future__ import annotations

import json
import math
import random
import re
import struct
from typing import Any

import pytest

from protocol import canonical
from protocol.canonical import MAX_DEPTH, canonical_bytes, encode_checked, fast_parse, parse_canonical
from protocol.errors import CanonicalEncodingError


def reference(value: Any) -> bytes:
    return canonical._ENCODER.encode(value).encode("utf-8")


def _float(rnd: random.Random) -> float:
    kind = rnd.randrange(5)
    if kind == 0:
        while True:
            x = struct.unpack("d", struct.pack("Q", rnd.getrandbits(64)))[0]
            if math.isfinite(x):
                return x
    if kind == 1:
        return rnd.uniform(-10, 10)
    if kind == 2:
        return rnd.choice([1, -1]) * 10 ** rnd.uniform(-12, 20)
    if kind == 3:
        return rnd.choice([1, -1]) * rnd.randint(1, 10 ** rnd.randint(1, 18)) * 10.0 ** rnd.randint(-12, 18)
    return rnd.choice([0.0, -0.0, 1e-4, 1e-5, 9.99e-5, 1e16, 1e15, 5e-324, 1.7976931348623157e308, 0.1, 2.5])


_TRICKY = ["", "é", "\u2028", "\x7f", "\x00", "\x1f", "\"", "\\", "\\\"", "[", "]{", "e-5,", "1e-5]", "0.00001",
           ",0.0000", "novice-1", "\U0001F600", "\ufeff", "a\nb\tc"]


def _text(rnd: random.Random) -> str:
    if rnd.random() < 0.4:
        return rnd.choice(_TRICKY)
    return "".join(chr(rnd.choice([rnd.randrange(32, 127), rnd.randrange(0, 0x20), rnd.randrange(0xA0, 0xD7FF),
                                   rnd.randrange(0x10000, 0x10FFFF)])) for _ in range(rnd.randrange(8)))


def _value(rnd: random.Random, depth: int = 0) -> Any:
    kind = rnd.randrange(9 if depth < 6 else 6)
    if kind == 0:
        return _float(rnd)
    if kind == 1:
        return rnd.choice([0, -1, 7, 2 ** 63 - 1, 2 ** 64 - 1, 2 ** 64, -(2 ** 63) - 1, 10 ** 30,
                           rnd.randrange(-10 ** 9, 10 ** 9)])
    if kind == 2:
        return _text(rnd)
    if kind in (3, 4):
        return rnd.choice([True, False, None])
    if kind == 5:
        return _float(rnd)
    if kind == 6:
        return [_value(rnd, depth + 1) for _ in range(rnd.randrange(4))]
    return {_text(rnd): _value(rnd, depth + 1) for _ in range(rnd.randrange(5))}


def test_random_documents_encode_and_parse_as_the_reference_does():
    rnd = random.Random(20261206)
    taken = 0
    for _ in range(4000):
        document = {_text(rnd): _value(rnd) for _ in range(rnd.randrange(1, 6))}
        expected = reference(document)
        assert canonical_bytes(document) == expected
        assert encode_checked(document) == expected
        fast = fast_parse(expected)
        if fast is not None:
            taken += 1
            assert fast == json.loads(expected)
            assert reference(fast) == expected
        assert parse_canonical(expected, "doc") == json.loads(expected)
    assert taken > 1000  # the fast path is taken for most documents, not just declined


def test_every_code_point_is_written_as_the_reference_writes_it():
    for start in range(0, 0x110000, 0x1000):
        text = "".join(chr(c) for c in range(start, start + 0x1000) if not 0xD800 <= c <= 0xDFFF)
        assert canonical_bytes({text: text}) == reference({text: text})


@pytest.mark.parametrize("text", [
    b'{"a":0.00001}',  # orjson writes 1e-5 so, Python 1e-05
    b'{"a":[-0.00005]}',
    b'{"a":1e-7}',  # Python writes 1e-07
    b'{"a":-2.5e-9}',
    b'{"a":1,"a":2}',  # duplicate keys
    b'{"a":NaN}',
    b'{"a":1e400}',
    b'{"a":"\\ud800"}',
    b'{"b":1,"a":2}',  # unsorted
    b'{"a": 1}',
    b'{"a":18446744073709551616.0}',
])
def test_non_canonical_bytes_are_declined_by_the_fast_path_and_refused(text):
    assert fast_parse(text) is None
    with pytest.raises(CanonicalEncodingError):
        parse_canonical(text, "doc")


@pytest.mark.parametrize("text", [b'{"a":1e-07}', b'{"a":1e-05}', b'{"a":18446744073709551616}',
                                  b'{"a":123456789012345678901234567890}', b'{"e-5,":"1710.00007864"}'])
def test_canonical_bytes_the_fast_path_declines_are_read_by_the_reference(text):
    assert parse_canonical(text, "doc") == json.loads(text)
    assert canonical_bytes(json.loads(text)) == text


def test_big_integers_keep_every_digit():
    value = {"n": 2 ** 64 + 1, "m": -(10 ** 25)}
    data = canonical_bytes(value)
    assert data == b'{"m":-10000000000000000000000000,"n":18446744073709551617}'
    parsed = parse_canonical(data, "doc")
    assert parsed == value and type(parsed["n"]) is int


def _nested(levels: int, inner: bytes = b"1") -> bytes:
    return b'{"a":' * levels + inner + b"}" * levels


def test_depth_is_limited_as_the_reference_limits_it():
    assert fast_parse(_nested(MAX_DEPTH)) is not None
    assert parse_canonical(_nested(MAX_DEPTH), "doc") is not None
    too_deep = _nested(MAX_DEPTH + 1)
    assert fast_parse(too_deep) is None
    with pytest.raises(CanonicalEncodingError, match="deeper"):
        parse_canonical(too_deep, "doc")
    # brackets inside texts, escaped quotes and backslashes do not count
    texts = b'{"a":"[[[[\\"{{{\\\\","b":["]]]"]}'
    assert fast_parse(texts) == json.loads(texts)
    wide = b"[" + b",".join([b'{"x":[1,{"y":[]}]}'] * 500) + b"]"
    assert fast_parse(wide) == json.loads(wide)


def test_values_orjson_does_not_take_are_encoded_by_the_reference():
    import enum

    class Level(enum.IntEnum):
        TWO = 2

    class Name(str):
        pass

    value = {"big": 2 ** 70, "level": Level.TWO, "name": Name("x"), "tuple": (1, 2.5), "small": 1e-5, "tiny": 3e-7}
    assert canonical_bytes(value) == reference(value)
    assert b'"small":1e-05' in canonical_bytes(value) and b'"tiny":3e-07' in canonical_bytes(value)


# What the byte checks of the fast path look for, written as regular expressions (slower on a package).
_ONE_DIGIT_EXPONENT = re.compile(rb"[0-9]e-[0-9](?![0-9A-Za-z])")
_FIXED_BELOW_1E4 = re.compile(rb"(?:^|[:,\[])-?0\.0000")


def _form_texts(rnd: random.Random) -> bytes:
    pieces = [b"e-", b"0.0000", b"-", b":", b",", b"[", b"]", b"1", b"9", b"0", b"e", b"x", b"E", b'"', b"."]
    return b"".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 14)))


def test_the_float_form_checks_find_what_their_expressions_find():
    rnd = random.Random(20261206)
    samples = [_form_texts(rnd) for _ in range(20000)]
    samples += [b"1e-7", b"1e-7]", b"1e-7x", b"1e-70", b"e-7", b"x1e-7", b"0.00001", b"-0.00001", b":-0.00001",
                b"x0.00001", b"x-0.00001", b"[0.00001", b",10.00001", b"pre-beginner", b"1e-", b"e-e-1e-5"]
    for data in samples:
        assert canonical._different_float(data) == (_ONE_DIGIT_EXPONENT.search(data) is not None), data
        assert canonical._small_fixed(data) == (_FIXED_BELOW_1E4.search(data) is not None), data

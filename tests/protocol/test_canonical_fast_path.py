"""The fast check before encoding accepts exactly what the naming check accepts: same bytes, same refusals."""

import collections
import math

import pytest

from protocol.canonical import MAX_DEPTH, _check, _fine, canonical_bytes
from protocol.errors import CanonicalEncodingError


def nested(depth, leaf):
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


def slow_ok(value):
    try:
        _check(value, "$")
    except CanonicalEncodingError:
        return False
    return True


CASES = [
    {}, [], {"a": 1, "b": [1, 2.5, None, True, "x"]}, (1, 2), {"k": {"k": {"k": []}}},
    nested(MAX_DEPTH, 1), nested(MAX_DEPTH + 1, 1), nested(MAX_DEPTH, []), nested(MAX_DEPTH + 1, []),
    nested(MAX_DEPTH - 1, {"a": 1}), nested(MAX_DEPTH, {"a": 1}), nested(MAX_DEPTH, {}),
    {1: "int key"}, {"a": {None: 1}}, {"a": float("nan")}, [math.inf], [b"bytes"], [{1, 2}],
    collections.OrderedDict(a=1), {"s": type("S", (str,), {})("sub")}, 1.5, float("-inf"), object(),
]


@pytest.mark.parametrize("value", CASES, ids=range(len(CASES)))
def test_fast_and_naming_checks_agree(value):
    fast, slow = _fine(value), slow_ok(value)
    assert not fast or slow  # the fast check never lets through what the naming one refuses
    if slow:
        assert isinstance(canonical_bytes(value), bytes)
    else:
        with pytest.raises(CanonicalEncodingError):
            canonical_bytes(value)


def test_envelope_bytes_from_the_signed_bytes_are_the_canonical_bytes():
    from protocol.envelope import SignedEnvelope
    from protocol.keys import KeyPair

    envelope = SignedEnvelope.create({"_type": "t", "é": [1, 2.5, {"b": None, "a": "ü"}]}, KeyPair.generate("a"))
    envelope.add_signature(KeyPair.generate("b"))
    assert envelope.to_bytes(signed_bytes=envelope.signed_bytes()) == envelope.to_bytes()
    unsigned = SignedEnvelope({"_type": "t"})
    assert unsigned.to_bytes(signed_bytes=unsigned.signed_bytes()) == unsigned.to_bytes()

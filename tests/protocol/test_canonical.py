import math

import pytest

from protocol.canonical import b64decode, b64encode, canonical_bytes, parse_canonical
from protocol.errors import CanonicalEncodingError

VALID = [
    ("sorted keys", {"b": 1, "a": 2}, b'{"a":2,"b":1}'),
    ("nested", {"z": [1, {"y": None, "x": True}]}, b'{"z":[1,{"x":true,"y":null}]}'),
    ("unicode kept as UTF-8", {"t": "Éducation"}, '{"t":"Éducation"}'.encode()),
    ("float shortest form", [0.1, 1.5, -2.0], b"[0.1,1.5,-2.0]"),
    ("empty", {}, b"{}"),
    ("escapes", {"q": 'a"b\\c\n'}, b'{"q":"a\\"b\\\\c\\n"}'),
]

INVALID = [
    ("nan", {"x": math.nan}, "finite"),
    ("infinity", [math.inf], "finite"),
    ("bytes", {"x": b"raw"}, "b64encode"),
    ("set", {"x": {1, 2}}, "set"),
    ("int key", {1: "a"}, "not a string"),
]


@pytest.mark.parametrize(("name", "value", "expected"), VALID, ids=[v[0] for v in VALID])
def test_canonical_bytes(name, value, expected):
    assert canonical_bytes(value) == expected
    assert parse_canonical(expected, name) == value


@pytest.mark.parametrize(("name", "value", "fragment"), INVALID, ids=[v[0] for v in INVALID])
def test_values_without_canonical_form_are_refused(name, value, fragment):
    with pytest.raises(CanonicalEncodingError, match=fragment):
        canonical_bytes(value)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b'{"b":1, "a":2}', "not in canonical form"),
        (b'{"b":1,"a":2}', "not in canonical form"),
        (b'{"a":1', "not valid UTF-8 JSON"),
        (b"\xff\xfe", "not valid UTF-8 JSON"),
        (b'{"a":"\\u00e9"}', "not in canonical form"),
        (b"[" * 100_000 + b"]" * 100_000, "nested deeper than 64 levels"),
        (b'{"a":' * 65 + b"1" + b"}" * 65, "nested deeper than 64 levels"),
    ],
)
def test_parse_canonical_rejects_any_other_layout(data, fragment):
    with pytest.raises(CanonicalEncodingError, match=fragment):
        parse_canonical(data, "doc")


def test_base64_round_trip_and_strictness():
    assert b64decode(b64encode(b"\x00\xffabc"), "f") == b"\x00\xffabc"
    with pytest.raises(CanonicalEncodingError, match="f: not valid base64"):
        b64decode("not base64!", "f")
    with pytest.raises(CanonicalEncodingError, match="expected base64 text"):
        b64decode(12, "f")


def test_base64_with_changed_unused_bits_is_refused():
    """'QQ==' and 'QR==' both decode to b'A': only the canonical text may pass, or a signature could be altered."""
    assert b64decode("QQ==", "f") == b"A"
    import base64

    assert base64.b64decode("QR==") == b"A"
    with pytest.raises(CanonicalEncodingError, match="f: not canonical base64"):
        b64decode("QR==", "f")


def test_a_mapping_assembled_from_its_encoded_members_is_the_mapping_encoded_whole():
    from protocol.canonical import canonical_list, canonical_mapping

    value = {"é": [1, 2.5, {"z": None, "a": "ü"}], "a": {"b": []}, "B": True, "": "", "\U0001f600": 1, "Z": -0.0}
    members = {k: canonical_bytes(v, depth=1) for k, v in value.items()}
    assert canonical_mapping(members) == canonical_bytes(value)
    assert canonical_list([canonical_bytes(v, depth=1) for v in value["é"]]) == canonical_bytes(value["é"])
    assert canonical_mapping({}) == b"{}" and canonical_list([]) == b"[]"
    with pytest.raises(CanonicalEncodingError, match="not a string"):
        canonical_mapping({1: b"1"})  # type: ignore[dict-item]

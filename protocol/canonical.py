"""The one canonical encoding of the bytes that are signed and verified.

Canonical JSON: UTF-8, keys sorted by code point, no insignificant whitespace, no NaN or
infinities, floats in Python's shortest round-trip form, integers as written. Binary data is
never put in directly; models encode it with :func:`b64encode` first. The same function is used to
sign and to verify, so a verifier never has to guess how a signer laid out the bytes.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from typing import Any

import orjson

from protocol.errors import CanonicalEncodingError

MAX_DEPTH = 64
"""Deepest nesting of lists and mappings a canonical document may have; real ones stay under 10.

Without a bound, a few kilobytes of ``[[[[…`` exhaust the interpreter's stack while parsing."""

_ENCODER = json.JSONEncoder(
    ensure_ascii=False, allow_nan=False, sort_keys=True, separators=(",", ":"), check_circular=True
)


_LEAVES = frozenset({str, int, bool, type(None)})
_STR = {str}


def _fine(value: Any, depth: int = 0) -> bool:
    """Whether ``value`` can be encoded canonically: :func:`_check` without building a path per node (the hot
    path of every signature and hash). Exact types only: anything unusual (a subclass, a bad value) answers
    False, and :func:`_check` then decides and names what is wrong."""
    kind = type(value)
    if kind is dict:
        if not value:
            return True
        if depth >= MAX_DEPTH or set(map(type, value)) != _STR:  # members one level too deep, or a key not text
            return False
        members: Any = value.values()
    elif kind is list or kind is tuple:
        if not value:
            return True
        if depth >= MAX_DEPTH:
            return False
        members = value
    elif kind is float:
        return math.isfinite(value)
    else:
        return kind in _LEAVES
    for member in members:
        member_kind = type(member)
        if member_kind in _LEAVES:
            continue
        if member_kind is float:
            if not math.isfinite(member):
                return False
        elif not _fine(member, depth + 1):
            return False
    return True


def _check(value: Any, path: str, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise CanonicalEncodingError(f"{path}: nested deeper than {MAX_DEPTH} levels")
    if value is None or isinstance(value, (bool, str, int)):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CanonicalEncodingError(f"{path}: {value!r} has no canonical encoding (finite numbers only)")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise CanonicalEncodingError(f"{path}: key {key!r} is not a string")
            _check(item, f"{path}.{key}", depth + 1)
        return
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _check(item, f"{path}[{index}]", depth + 1)
        return
    raise CanonicalEncodingError(
        f"{path}: a {type(value).__name__} has no canonical encoding "
        "(use str, int, float, bool, None, list or dict; encode bytes with b64encode)"
    )


def canonical_bytes(value: Any, *, depth: int = 0) -> bytes:
    """Return the canonical UTF-8 JSON bytes of ``value``.

    ``depth``: how deep ``value`` sits in the document it is part of (:data:`MAX_DEPTH` counts from the
    document's top), for a caller that assembles a document from its parts (:func:`canonical_mapping`).

    Raises
    ------
    CanonicalEncodingError
        If ``value`` holds something JSON cannot carry exactly.
    """
    if not _fine(value, depth):
        _check(value, "$", depth)
    return _encode(value)


def encode_checked(value: Any) -> bytes:
    """:func:`canonical_bytes` of a value taken from a document whose canonical encoding has just succeeded
    (every value in it is then known to have one): the same bytes, without checking every value again.

    Only for such values — anything else goes through :func:`canonical_bytes`, which refuses what has no
    canonical form (a key that is not text would here be turned into text silently)."""
    return _encode(value)


def _encode(value: Any) -> bytes:
    """The canonical bytes of a value already checked to have them: orjson's where they are the reference's
    (see the fast path below), the reference encoder's otherwise."""
    try:
        encoded = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except (orjson.JSONEncodeError, TypeError):  # an integer beyond 64 bits, a lone surrogate, a type it does not know
        return _reference(value)
    return encoded if _same_as_reference(encoded) else _reference(value)


def _reference(value: Any) -> bytes:
    try:
        return _ENCODER.encode(value).encode("utf-8")
    except UnicodeEncodeError as exc:  # "\ud800" parses to a text UTF-8 cannot carry
        raise CanonicalEncodingError(f"$: a text holds {exc.object[exc.start:exc.end]!r}, a lone surrogate, which "
                                     "has no UTF-8 form") from None


def canonical_mapping(members: dict[str, bytes], *, depth: int = 0) -> bytes:
    """The canonical bytes of a mapping whose members' canonical bytes are known (made with
    :func:`canonical_bytes` at ``depth + 1``): the same bytes as encoding the mapping whole, each
    member encoded once. Lets a reader keep the bytes of a document's parts (the bytes a signature
    covers, the bytes an id hashes) while it checks the whole document."""
    if not members:
        return b"{}"
    if depth >= MAX_DEPTH:
        raise CanonicalEncodingError(f"$: nested deeper than {MAX_DEPTH} levels")
    for key in members:
        if type(key) is not str:
            _check(dict.fromkeys(members), "$")  # names the key
    return b"{" + b",".join(_ENCODER.encode(k).encode("utf-8") + b":" + members[k] for k in sorted(members)) + b"}"


def canonical_list(members: list[bytes], *, depth: int = 0) -> bytes:
    """The canonical bytes of a list whose members' canonical bytes are known (see :func:`canonical_mapping`)."""
    if members and depth >= MAX_DEPTH:
        raise CanonicalEncodingError(f"$: nested deeper than {MAX_DEPTH} levels")
    return b"[" + b",".join(members) + b"]"


# -- the fast path: orjson, where it can vouch for the same bytes ---------------------------------------
#
# orjson writes what Python's encoder writes above for every value made of dict, list, str, int, bool, None
# and float (keys sorted by code point, the same escapes, the same shortest round-trip digits, integers
# as written), except two forms of small floats: a one-digit negative exponent ("1e-7" where Python
# writes "1e-07") and the fixed form of numbers below 1e-4 ("0.00001" where Python writes "1e-05").
# Neither ever occurs in canonical bytes (Python never writes a number that starts "0.0000", nor a
# one-digit exponent), so bytes that hold neither are written identically by both; bytes that hold one,
# or something that merely looks like one inside a text, go the reference way. The same holds of
# parsing: orjson refuses what Python's parser would turn into a value with no canonical form (NaN,
# infinities, lone surrogates), and turns an integer beyond 64 bits into a float, which then encodes
# with an exponent or otherwise than the bytes: the reference way again. Checked against the reference
# on random documents and every code point in tests/protocol/test_canonical_fast.py.
_DIGITS = frozenset(b"0123456789")
_ALNUM = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_NUMBER_START = frozenset(b":,[")  # what precedes a number in compact JSON, but for the document's start


def _different_float(encoded: bytes) -> bool:
    """Whether ``encoded`` holds a one-digit negative exponent ending a number (``1e-7``): a digit, ``e-``,
    one digit, then no letter or digit. Each ``e-`` is looked at once: a regular expression scanning every
    position of a package costs more than parsing it (texts hold many ``e-``: ``pre-beginner``)."""
    size = len(encoded)
    at = encoded.find(b"e-")
    while at >= 0:
        if (at > 0 and encoded[at - 1] in _DIGITS and at + 2 < size and encoded[at + 2] in _DIGITS
                and (at + 3 == size or encoded[at + 3] not in _ALNUM)):
            return True
        at = encoded.find(b"e-", at + 2)
    return False


def _small_fixed(encoded: bytes) -> bool:
    """Whether ``encoded`` holds a number below 1e-4 in fixed form: ``0.0000``, after an optional ``-``, at
    the start or after ``:``, ``,`` or ``[``."""
    at = encoded.find(b"0.0000")
    while at >= 0:
        start = at - 1 if at > 0 and encoded[at - 1] == 0x2D else at  # "-"
        if start == 0 or encoded[start - 1] in _NUMBER_START:
            return True
        at = encoded.find(b"0.0000", at + 1)
    return False


_NOT_STRUCTURE = bytes(c for c in range(256) if c not in b'"[]{}')
_TEXT = re.compile(rb'"[^"]*"')
_INNERMOST = re.compile(rb"\[\]|\{\}")


def _same_as_reference(encoded: bytes) -> bool:
    """Whether canonical-looking bytes hold none of the float forms orjson writes otherwise."""
    return not _small_fixed(encoded) and not _different_float(encoded)


def _within_depth(encoded: bytes) -> bool:
    """Whether the document ``encoded`` (compact JSON, as orjson writes it) nests at most :data:`MAX_DEPTH`
    levels: its brackets, texts taken out, lose their innermost pairs at most that many times."""
    if b"\\" in encoded:
        encoded = encoded.replace(b"\\\\", b"").replace(b'\\"', b"")  # escaped backslashes, then quotes
    structure = encoded.translate(None, _NOT_STRUCTURE).replace(b'""', b"")
    if b'"' in structure:  # texts holding brackets
        structure = _TEXT.sub(b"", structure)
    for _ in range(MAX_DEPTH + 1):
        if not structure:
            return True
        inner = _INNERMOST.sub(b"", structure)
        if inner == structure:
            return False
        structure = inner
    return False


def fast_load(data: bytes) -> Any | None:
    """The value of ``data`` as orjson reads it, when orjson can vouch for canonical bytes *written back from
    it*: ``data`` is a document (a mapping or a list), nests at most :data:`MAX_DEPTH` levels and holds
    neither float form orjson writes otherwise. None when undecided.

    Whether ``data`` *is* canonical is not decided here: the caller compares it with the value's canonical
    bytes (:func:`encode_parsed`, whole or assembled from its parts, :func:`canonical_mapping`), as
    :func:`fast_parse` does. For a reader that needs its parts' bytes anyway, that comparison costs no
    second encoding of the whole."""
    if data[:1] not in (b"{", b"["):
        return None
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
    if not _same_as_reference(data) or not _within_depth(data):
        return None
    return value


def fast_parse(data: bytes) -> Any | None:
    """The value of ``data`` when it is canonical and orjson can vouch for it; None when undecided (the
    reference :func:`parse_canonical` then decides, and names what is wrong). Only documents (a mapping
    or a list) are taken this way."""
    value = fast_load(data)
    if value is None:
        return None
    try:
        again = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except (orjson.JSONEncodeError, TypeError):
        return None
    return value if again == data else None


def encode_parsed(value: Any) -> bytes:
    """:func:`encode_checked` for a part of a document :func:`fast_parse` accepted, or :func:`fast_load` read
    (then compared with the document's bytes by the caller): orjson writes it as the reference would (the
    document's bytes held no form that could differ, and its parts are parts of it)."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def parse_canonical(data: bytes, what: str) -> Any:
    """Parse JSON bytes and insist they are exactly canonical.

    Insisting on canonical form means that any change to the bytes, even one JSON would ignore,
    is seen as a change.
    """
    value = fast_parse(data)
    if value is not None:
        return value
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CanonicalEncodingError(f"{what}: not valid UTF-8 JSON ({exc})") from None
    except RecursionError:
        raise CanonicalEncodingError(f"{what}: nested deeper than {MAX_DEPTH} levels "
                                     "(not a Pupitre document)") from None
    try:
        again = canonical_bytes(value)
    except CanonicalEncodingError as exc:
        raise CanonicalEncodingError(f"{what}: {exc}") from None
    if again != data:
        raise CanonicalEncodingError(f"{what}: the bytes are not in canonical form (altered or hand-edited)")
    return value


def b64encode(data: bytes) -> str:
    """Standard base64 text of ``data``, the form binary fields take in canonical documents."""
    return base64.b64encode(data).decode("ascii")


def b64decode(text: Any, what: str) -> bytes:
    """Decode a base64 field strictly, naming the field when it is not valid."""
    if not isinstance(text, str):
        raise CanonicalEncodingError(f"{what}: expected base64 text, found {type(text).__name__}")
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise CanonicalEncodingError(f"{what}: not valid base64") from None
    # The last character before the padding has bits that decoding ignores: two texts would give
    # the same bytes, so a changed signature text could still verify. Only the canonical one passes.
    if base64.b64encode(data).decode("ascii") != text:
        raise CanonicalEncodingError(f"{what}: not canonical base64 (altered)")
    return data

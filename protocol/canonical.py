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
from typing import Any

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
    return _ENCODER.encode(value).encode("utf-8")


def encode_checked(value: Any) -> bytes:
    """:func:`canonical_bytes` of a value taken from a document whose canonical encoding has just succeeded
    (every value in it is then known to have one): the same bytes, without checking every value again.

    Only for such values — anything else goes through :func:`canonical_bytes`, which refuses what has no
    canonical form (a key that is not text would here be turned into text silently)."""
    return _ENCODER.encode(value).encode("utf-8")


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


def parse_canonical(data: bytes, what: str) -> Any:
    """Parse JSON bytes and insist they are exactly canonical.

    Insisting on canonical form means that any change to the bytes, even one JSON would ignore,
    is seen as a change.
    """
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

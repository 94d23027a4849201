"""Normalisation of free answers, in three switchable steps, and number parsing.

- t1: trim, lower-case, strip accents, drop all whitespace;
- t2: drop everything that is not a letter or a digit;
- t3: accept a Levenshtein distance up to 25 % of the expected answer's length.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable

T3_RATIO = 0.25
REMEMBERED_ANSWERS = 256  # verdicts an answer checker keeps, on given answers of at most…
REMEMBERED_LENGTH = 80  # …this many characters
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")


def t1(text: str) -> str:
    if text.isascii():  # NFKD leaves ASCII as it is, and its case-folding is lower-casing: nothing to decompose
        return "".join(text.lower().split())
    # compatibility forms first (𝕬 → A), then case, then decompose again what case-folding made
    folded = unicodedata.normalize("NFKD", text.strip()).casefold()
    decomposed = unicodedata.normalize("NFKD", folded)
    no_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(no_accents.split())


_NOT_ASCII_ALNUM = re.compile(r"[^A-Za-z0-9]+")


def t2(text: str) -> str:
    if text.isascii():  # the ASCII letters and digits are its only alphanumeric characters
        return _NOT_ASCII_ALNUM.sub("", text)
    return "".join(ch for ch in text if ch.isalnum())


def normalise(text: str, steps: Iterable[str]) -> str:
    """Apply t1 then t2 as enabled in ``steps`` (t3 is a comparison, not a transformation)."""
    steps = set(steps)
    if "t1" in steps:
        text = t1(text)
    if "t2" in steps:
        text = t2(text)
    return text


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions), in O(len(a)·len(b))."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def text_matches(given: str, expected: str, steps: Iterable[str]) -> bool:
    """Whether a free-text answer matches one expected answer under the enabled steps."""
    steps = set(steps)
    g, e = normalise(given, steps), normalise(expected, steps)
    if not g:
        return False
    if g == e:
        return True
    return "t3" in steps and levenshtein(g, e) <= math.floor(T3_RATIO * len(e))


class RememberedVerdicts:
    """A checker of given answers that remembers its verdicts on short ones (a few hundred: candidates give
    the same answers again and again, the right one first). Subclasses say how one answer is judged."""

    __slots__ = ("_seen",)

    def __init__(self) -> None:
        self._seen: dict[str, bool] = {}

    def matches(self, given: str) -> bool:
        seen = self._seen
        verdict = seen.get(given)
        if verdict is None:
            verdict = self._matches(given)
            if len(given) <= REMEMBERED_LENGTH:
                if len(seen) >= REMEMBERED_ANSWERS:
                    seen.clear()
                seen[given] = verdict
        return verdict

    def _matches(self, given: str) -> bool:
        raise NotImplementedError


class TextAnswers(RememberedVerdicts):
    """Accepted answers normalised once, for checking many given answers against them.

    ``TextAnswers(expected, steps).matches(given)`` is ``any(text_matches(given, e, steps) for e in expected)``:
    the given answer is normalised once instead of once per accepted answer, an exact match is a set lookup,
    and the edit distance is computed only where the difference in length does not already exceed the
    tolerance (it is at least that difference). Verdicts are remembered (:class:`RememberedVerdicts`).
    """

    __slots__ = ("_exact", "_near", "_steps")

    def __init__(self, expected: Iterable[str], steps: Iterable[str]) -> None:
        super().__init__()
        self._steps = frozenset(steps)
        normalised = [normalise(e, self._steps) for e in expected]
        self._exact = frozenset(normalised)
        self._near = tuple((e, len(e), math.floor(T3_RATIO * len(e))) for e in dict.fromkeys(normalised)) \
            if "t3" in self._steps else ()

    def _matches(self, given: str) -> bool:
        g = normalise(given, self._steps)
        if not g:
            return False
        if g in self._exact:
            return True
        size = len(g)
        return any(abs(size - length) <= limit and levenshtein(g, e) <= limit for e, length, limit in self._near)


def parse_number(text: str | int | float, locale: str = "fr") -> float | None:
    """Read a number as a candidate types it: ``3,5``, ``3.5``, ``1 024``, ``-2``, ``1,024.5``.

    With both a comma and a dot, the last one is the decimal separator and the other groups
    thousands. A single comma is the decimal separator in French (``3,5``); in English a comma
    followed by groups of exactly three digits groups thousands (``173,245``). Returns None for
    text that is not a number.
    """
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return float(text) if math.isfinite(text) else None
    s = _SPACES.sub("", text.strip()).replace("\u2212", "-")
    if not s:
        return None
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        s = s.replace(thousands, "").replace(decimal, ".")
    elif "," in s and locale == "en" and re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+", s):
        s = s.replace(",", "")
    elif s.count(",") == 1:
        s = s.replace(",", ".")
    elif s.count(",") > 1:
        s = s.replace(",", "")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", s):
        return None
    value = float(s)
    return value if math.isfinite(value) else None

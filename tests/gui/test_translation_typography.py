"""French typography of the interface (docs/kiosk.md): a narrow no-break space (U+202F) before
? ! ; and % and inside « », a no-break space (U+00A0) before :, curly apostrophes."""

from __future__ import annotations

import re

import pytest

from tests.gui.test_i18n import messages, translated

NNBSP, NBSP = "\u202f", "\u00a0"


def typography_faults(text: str) -> list[str]:
    """What breaks the rule in one French text, each fault with a few characters around it."""
    faults = []

    def at(index: int) -> str:
        return text[max(0, index - 12): index + 3]

    for match in re.finditer(r"[?!;]", text):
        index = match.start()
        before = text[index - 1] if index else ""
        if index and before != NNBSP and before not in "?!…(":
            faults.append(f"no U+202F before {match.group()}: {at(index)!r}")
    for match in re.finditer(r":(?!//|\d)", text):
        index = match.start()
        if index and text[index - 1] != NBSP:
            faults.append(f"no U+00A0 before ':': {at(index)!r}")
    for match in re.finditer("«", text):
        if text[match.end():match.end() + 1] != NNBSP:
            faults.append(f"no U+202F after «: {at(match.start())!r}")
    for match in re.finditer("»", text):
        if match.start() == 0 or text[match.start() - 1] != NNBSP:
            faults.append(f"no U+202F before »: {at(match.start())!r}")
    for match in re.finditer(r"(?:[ \u00a0]|(?<=\d))%(?![\dn])", text):  # %1, %n: Qt's placeholders
        faults.append(f"no U+202F before %: {at(match.start())!r}")
    if "'" in text:
        faults.append(f"a straight apostrophe: {at(text.index(chr(39)))!r}")
    for match in re.finditer(f"[ {NBSP}{NNBSP}][{NBSP}{NNBSP}]|[{NBSP}{NNBSP}] ", text):
        faults.append(f"two spaces in a row: {at(match.start())!r}")
    return faults


CASES = [
    ("Passer cette question\u202f?", []),
    ("Passer cette question ?", ["no U+202F before ?"]),
    ("Passer cette question?", ["no U+202F before ?"]),
    ("Motif\u00a0: écrans", []),
    ("Motif : écrans", ["no U+00A0 before ':'"]),
    ("Motif\u202f: écrans", ["no U+00A0 before ':'"]),
    ("Heure 10:30, lien https://exemple.fr", []),
    ("Réessayez\u202f; puis", []),
    ("Réessayez ; puis", ["no U+202F before ;"]),
    ("«\u202fSignaler\u202f»", []),
    ("« Signaler »", ["no U+202F after «", "no U+202F before »"]),
    ("Vraiment\u202f?!", []),
    ("l'examen", ["a straight apostrophe"]),
    ("l’examen", []),
    ("Texte %1\u202f%", []),
    ("Texte %1 %", ["no U+202F before %"]),
    ("Texte 100%", ["no U+202F before %"]),
    ("Au moins %n caractères", []),
    ("Au moins 12 %", ["no U+202F before %"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_the_rule_finds_each_fault(text, expected):
    faults = typography_faults(text)
    assert [f.split(":")[0] for f in faults] == [e.split(":")[0] for e in expected]


def test_every_french_translation_follows_the_rule():
    faults = [f"{source!r}: {fault}" for _, source, _, element in messages("fr")
              for text in translated(element) for fault in typography_faults(text)]
    assert faults == []

"""Links from an item's text to the bank's files.

A statement or explanation that names a file of ``attachments/`` ("open 3.4-race-times.csv") must
name one the item hands out (as an attachment or an illustration); otherwise the candidate is
sent to a file they cannot open. Names are matched as whole words, with their extension.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from itembank.model import Item


def attachment_links(items: Iterable[Item], attachment_names: Iterable[str]) -> list[str]:
    """One sentence per file an item's text names without handing it out, in item order."""
    names = sorted(set(attachment_names), key=len, reverse=True)
    if not names:
        return []
    pattern = re.compile(r"(?<![\w.-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-]|\.\w)")
    found = []
    for item in items:
        given = {a.file for a in item.attachments} | {i.file for i in item.illustrations}
        for part, text in (("statement", item.statement), ("explanation", item.explanation)):
            for locale in ("fr", "en"):
                for name in dict.fromkeys(m.group() for m in pattern.finditer(text.get(locale))):
                    if name not in given:
                        found.append(f"item {item.id}: its {part} ({locale}) names attachments/{name}, which is "
                                     "not among its attachments or illustrations")
    return found

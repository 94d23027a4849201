"""French typography of a bank source: the rules of docs/authoring.md, "French typography".

Every French text a candidate reads (the ``fr`` side of statements, proposals, explanations,
labels, titles, alternative texts; ``bank.yaml`` and ``competences.yaml`` too) is checked in the
YAML file itself, so each finding names ``file:line`` and says what to type instead:

- U+202F narrow no-break space before ``?``, ``!`` and ``;``, and inside « »;
- U+00A0 no-break space before ``:``, between groups of thousands (``15 000``) and between a
  number and its unit (``15 €``, ``20 %``, ``300 ppp``);
- the apostrophe ’ (U+2019), not the typewriter one;
- « courriel », not « e-mail » or « mail » (a quoted interface label or a file name may keep it);
- no "several answers possible" in a statement: the kiosk says it under every choice question;
- « » for quotations, not “…” (straight quotes are left alone: they belong to formulas, code and
  search queries).

Answer keys (``solution``, ``solutions``, ``solution_groups``) are what a candidate types: they
are only checked for characters a keyboard does not type (a curly apostrophe, a no-break space).
Code spans and blocks, URLs and e-mail addresses inside a text are never checked. English
text keeps English typography and is not checked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

NNBSP = "\u202f"  # narrow no-break space: before ? ! ; and inside « »
NBSP = "\u00a0"  # no-break space: before :, thousands, units
APOSTROPHE = "\u2019"
APOSTROPHE_MESSAGE = "use the apostrophe ’ (U+2019) in French text"
ANSWER_KEYS = frozenset({"solution", "solutions", "solution_groups"})
UNITS = ("€", "%", "cm", "mm", "km", "kg", "Go", "Mo", "Ko", "To", "Gio", "Mio", "Kio", "octets", "px", "ppp",
         "dpi", "pt", "min", "ms", "h", "°C", "W", "kW", "kWh", "Wh", "Hz", "MHz", "GHz", "Mbit/s", "Gbit/s",
         "kbit/s")

_WS = r"[ \t\u00a0\u202f]*(?:\n[ \t\u00a0\u202f]*)?"  # a run of spaces that may hold one line break (YAML wraps lines)
_PROTECTED = re.compile(
    r"```.*?(?:```|\Z)"            # fenced code block
    r"|`[^`\n]*`"                  # inline code
    r"|\b(?:https?|ftp)://[^\s`«»]*[^\s`«».,;:!?)\"']"  # URL (not its trailing punctuation)
    r"|\bwww\.[^\s`«»]*[^\s`«».,;:!?)\"']"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail address
    re.DOTALL,
)
_EMAIL_WORD = re.compile(r"(?i)(?<![\w@./-])e?-?mails?(?![\w@-]|\.\w)")
_INSTRUCTION_PHRASES = (  # what a statement need not say: the kiosk says it under every choice question
    r"\(?plusieurs réponses (?:sont )?possibles\)?", r"cochez toutes les bonnes réponses",
    r"\(?une seule réponse (?:est )?(?:possible|juste)\)?", r"\(?several answers (?:are )?possible\)?",
    r"tick every right answer", r"select all (?:the )?correct answers", r"select all that apply",
    r"\(?only one answer\)?",
)
_INSTRUCTION = re.compile(r"(?i)[ \t]*(?:\n[ \t]*)?(?:"
                          + "|".join(p.replace(" ", r"\s+") for p in _INSTRUCTION_PHRASES) + r")\.?")
INSTRUCTION_MESSAGE = ("the kiosk says under every choice question how many answers to tick: leave this "
                       "instruction out of the statement")
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_LETTER = r"[^\W\d_]"


@dataclass(frozen=True)
class Finding:
    """One break of a rule: where in the file's text, what to put there instead, and why."""

    start: int
    end: int
    replacement: str
    message: str


@dataclass(frozen=True)
class TypographyIssue:
    """A finding located for a person: ``file:line: message (excerpt)``."""

    where: str
    message: str
    excerpt: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message} — «{self.excerpt}»"


def _visible(ch: str) -> str:
    """A character as the report prints it: invisible spaces shown, control characters never sent to a terminal."""
    if ch in (NNBSP, NBSP, "\n"):
        return {NNBSP: "⍽", NBSP: "·", "\n": "⏎"}[ch]
    return "�" if unicodedata.category(ch) in ("Cc", "Cf") and ch != "\t" else ch


def _rules(text: str) -> Iterator[Finding]:
    """The findings in one stretch of French text (no code, no URL); offsets are into ``text``."""
    for m in re.finditer(rf"({_WS})([?!;:])", text):
        space, mark = m.group(1), m.group(2)
        if not space:  # glued to a word: 'vous?' is a sentence, 'Soleil2026!', 'a;b', 'C:' and '10:30' are not
            before, after = text[m.start() - 1:m.start()], text[m.end():m.end() + 1]
            if not re.fullmatch(_LETTER, before) or (after and not after.isspace()) \
                    or (mark == ":" and re.search(r"(?:^|\W)[A-Z]$", text[:m.start()])):
                continue
        want = NBSP if mark == ":" else NNBSP
        if space == want:
            continue
        name = "U+00A0 no-break space" if mark == ":" else "U+202F narrow no-break space"
        said = "no space" if not space else ("a line break" if "\n" in space else f"'{_visible(space[-1])}'")
        yield Finding(m.start(), m.end(), want + mark, f"{said} before « {mark} »: use a {name}")
    for m in re.finditer(rf"«({_WS})", text):
        if m.group(1) != NNBSP:
            yield Finding(m.start(), m.end(), "«" + NNBSP, "after « use a U+202F narrow no-break space")
    for m in re.finditer(rf"({_WS})»", text):
        if m.group(1) != NNBSP:
            yield Finding(m.start(), m.end(), NNBSP + "»", "before » use a U+202F narrow no-break space")
    for m in re.finditer(r"(?<![\d,.])\d{1,3}(?:[ \u202f]\d{3})+(?![\d])", text):
        fixed = re.sub(r"[ \u202f]", NBSP, m.group())
        yield Finding(m.start(), m.end(), fixed, "group thousands with a U+00A0 no-break space")
    for m in re.finditer(rf"(?<=\d)([ \u202f]|[ \t]*\n[ \t]*)(?:{_UNIT})(?!\w)", text):
        unit = text[m.end(1):m.end()]
        yield Finding(m.start(), m.end(), NBSP + unit, f"between a number and « {unit} » use a U+00A0 no-break space")
    for m in re.finditer(r"'", text):
        yield Finding(m.start(), m.end(), APOSTROPHE, APOSTROPHE_MESSAGE)
    quoted = [(q.start(), q.end()) for q in re.finditer(r"«[^»]*»", text)]
    for m in _EMAIL_WORD.finditer(text):
        if not any(a < m.start() < b for a, b in quoted):  # a quoted interface label keeps its word
            yield Finding(m.start(), m.end(), m.group(), "write « courriel » in French text, not « "
                          f"{m.group()} » (except in a quoted interface label or a file name)")
    for m in re.finditer(r"[“”]", text):
        yield Finding(m.start(), m.end(), m.group(), "quote with « » in French text (with U+202F inside)")


def findings_in_scalar(raw: str, style: str | None) -> list[Finding]:
    """The findings in the source text of one YAML scalar (quotes and all), as offsets into ``raw``.

    ``style`` is the YAML scalar style (None plain, ``'`` single, ``"`` double, ``|`` or ``>``
    block). In a single-quoted scalar an apostrophe is written ``''``; in a double-quoted one a
    quotation mark is ``\\"``.
    """
    lo, hi = (1, len(raw) - 1) if style in ("'", '"') else (0, len(raw))
    body = raw[lo:hi]
    if style == "'":  # '' is one apostrophe: check it as one character, map offsets back
        found = [Finding(lo + m.start(), lo + m.end(), APOSTROPHE, APOSTROPHE_MESSAGE) for m in re.finditer("''", body)]
        placeholder = body.replace("''", "\x00\x00")
    else:
        found = []
        placeholder = body
    cursor = 0
    stretches: list[tuple[int, int]] = []
    for m in _PROTECTED.finditer(placeholder):
        stretches.append((cursor, m.start()))
        cursor = m.end()
    stretches.append((cursor, len(placeholder)))
    for start, end in stretches:
        for f in _rules(placeholder[start:end]):
            found.append(Finding(lo + start + f.start, lo + start + f.end, f.replacement, f.message))
    found.sort(key=lambda f: (f.start, f.end))
    kept: list[Finding] = []
    for f in found:  # overlapping findings (a unit after thousands): keep the first
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    return kept


def _children(node: yaml.Node) -> list[tuple[str | None, yaml.Node]]:
    if isinstance(node, yaml.MappingNode):
        return [(str(key.value), value) for key, value in node.value]
    if isinstance(node, yaml.SequenceNode):
        return [(None, child) for child in node.value]
    return []


def _scalars(root: yaml.Node) -> Iterator[tuple[yaml.ScalarNode, frozenset[str]]]:
    """The scalars to check under ``root``, each with what to check: ``french`` text, an
    ``answer`` key, a ``statement`` (for instructions, in any language).

    Each node is visited once, however many aliases point to it, so a file of nested aliases
    (a "billion laughs") costs its size and not its expansion; the walk is iterative, so deep
    nesting cannot exhaust the stack.
    """
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, str | None, str | None]] = [(root, None, None)]  # node, its key, its context
    while stack:
        node, name, context = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            checks = set()
            if context == "answer":
                checks.add("answer")
            elif name == "fr":
                checks.add("french")
            if context == "statement":
                checks.add("statement")
            if checks:
                yield node, frozenset(checks)
            continue
        if context == "answer" or name in ANSWER_KEYS:
            inner = "answer"
        elif name == "statement" and isinstance(node, yaml.MappingNode) and context is None:
            inner = "statement"
        else:
            inner = None
        for child_name, child in reversed(_children(node)):
            stack.append((child, child_name, inner if inner != "statement" or isinstance(child, yaml.ScalarNode)
                          else None))


def _answer_findings(raw: str) -> Iterator[Finding]:
    """An answer key holds what a candidate types: a straight apostrophe and plain spaces."""
    for m in re.finditer("[\u2018\u2019\u02bc\u00a0\u202f\u2009\u201c\u201d]", raw):
        typed = {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'}.get(m.group(), " ")
        yield Finding(m.start(), m.end(), typed, f"an answer key holds U+{ord(m.group()):04X}, which a keyboard "
                                                  f"does not type: write « {typed} »")


def file_findings(text: str) -> list[Finding]:
    """Every finding in one YAML file's text, as offsets into it; raises ``yaml.YAMLError`` on bad YAML."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)  # pure-Python marks count characters
    if root is None:
        return []
    found = []
    for scalar, checks in _scalars(root):
        start, end = scalar.start_mark.index, scalar.end_mark.index
        raw = text[start:end]
        inner: list[Finding] = []
        if "answer" in checks:
            inner += _answer_findings(raw)
        if "french" in checks:
            inner += findings_in_scalar(raw, scalar.style)
        if "statement" in checks:
            inner += [Finding(m.start(), m.end(), "", INSTRUCTION_MESSAGE) for m in _INSTRUCTION.finditer(raw)]
        found += [Finding(start + f.start, start + f.end, f.replacement, f.message) for f in inner]
    found.sort(key=lambda f: (f.start, f.end))
    return found


def fix_text(text: str) -> str:
    """The text with every finding replaced as it suggests (quotation marks and words are left to a person)."""
    kept: list[Finding] = []
    for f in file_findings(text):
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    for f in reversed(kept):
        if f.replacement != text[f.start:f.end]:
            text = text[:f.start] + f.replacement + text[f.end:]
    return text


def _excerpt(text: str, f: Finding) -> str:
    line_start = text.rfind("\n", 0, f.start) + 1
    a, b = max(line_start, f.start - 25), f.end + 15
    snippet = text[a:b].split("\n")[0] if text[a:f.start].count("\n") == 0 else text[a:b]
    return "".join(_visible(ch) for ch in snippet.strip())


def typography_report(folder: str | Path) -> list[TypographyIssue]:
    """Every typography finding of a source folder's YAML files, in file and line order."""
    root = Path(folder)
    files = [root / name for name in ("bank.yaml", "competences.yaml", "profile.yaml")]
    if (root / "items").is_dir():
        files += sorted(p for p in (root / "items").rglob("*") if p.suffix in (".yaml", ".yml"))
    issues = []
    inside = root.resolve()
    for path in files:
        if path.is_symlink() or not path.is_file() or not path.resolve().is_relative_to(inside):
            continue  # a link out of the folder is the validator's problem, and never read here
        try:
            text = path.read_text(encoding="utf-8")
            found = file_findings(text)
        except (UnicodeDecodeError, yaml.YAMLError, OSError, RecursionError):
            continue  # unreadable files are the validator's problems, reported there
        display = path.relative_to(root).as_posix()
        for f in found:
            line = text.count("\n", 0, f.start) + 1
            issues.append(TypographyIssue(f"{display}:{line}", f.message, _excerpt(text, f)))
    return issues

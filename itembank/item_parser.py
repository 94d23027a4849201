"""Parsing and validating one item dict, reporting every problem with its key path."""

from __future__ import annotations

from typing import Any

from itembank.model import (
    COMPETENCE_PATTERN,
    ID_PATTERN,
    ITEM_KEYS,
    LEVELS,
    NORMALISATION_STEPS,
    Accepted,
    Accessibility,
    AnswerField,
    AttachmentRef,
    Illustration,
    InputKind,
    IrtParams,
    Item,
    ItemType,
    LocalText,
    Mode,
    Path,
    Problems,
    Proposal,
)
from itembank.normalise import parse_number

TUBE_PATTERN = ID_PATTERN
MAX_PROPOSALS = 10


def _letters(count: int) -> str:
    return "ABCDEFGHIJ"[:count]


def _proposal_range(keys: list[str]) -> str:
    return f"{keys[0]}–{keys[-1]}" if len(keys) > 1 else (keys[0] if keys else "none")


def _enum(data: dict[str, Any], key: str, enum: type, problems: Problems) -> Any:
    value = data.get(key)
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        problems.add((key,), f"'{value}' is not a valid {key} (expected one of: {allowed})")
        return None


def _file_name(value: Any, path: Path, problems: Problems) -> str:
    if not isinstance(value, str) or not value or value.startswith("/") or ".." in value.split("/"):
        problems.add(path, f"'{value}' is not a file name inside attachments/")
        return ""
    return value


def _parse_field(data: Any, path: Path, problems: Problems, needs_solutions: bool) -> AnswerField | None:
    if not isinstance(data, dict):
        problems.add(path, "expected a field (key, input, label, solutions…)")
        return None
    key = data.get("key", "answer")
    if not isinstance(key, str) or not ID_PATTERN.match(key):
        problems.add((*path, "key"), f"'{key}' is not a valid field key (letters, digits, . _ -)")
    try:
        kind = InputKind(data.get("input", "text"))
    except ValueError:
        problems.add((*path, "input"), f"'{data.get('input')}' is not an input kind (text or number)")
        kind = InputKind.TEXT
    label = LocalText.parse(data["label"], (*path, "label"), problems) if "label" in data else None
    unit = LocalText.parse(data["unit"], (*path, "unit"), problems) if "unit" in data else None
    raw_solutions = data.get("solutions", [])
    if not isinstance(raw_solutions, list):
        raw_solutions = [raw_solutions]
    solutions = tuple(Accepted.parse(s, (*path, "solutions", i), problems) for i, s in enumerate(raw_solutions))
    if needs_solutions and not solutions:
        problems.add(path, "a field needs at least one accepted answer under 'solutions'")
    if not needs_solutions and solutions:
        problems.add((*path, "solutions"), "in a qrocm-dep item, answers go in 'solution_groups', not in fields")
    tolerance = data.get("tolerance", 0.0)
    if not isinstance(tolerance, (int, float)) or isinstance(tolerance, bool) or tolerance < 0:
        problems.add((*path, "tolerance"), f"'{tolerance}' is not a tolerance (a number ≥ 0)")
        tolerance = 0.0
    if kind is InputKind.NUMBER:
        for index, accepted in enumerate(solutions):
            for locale in ("fr", "en"):
                if parse_number(accepted.for_locale(locale)) is None:
                    problems.add((*path, "solutions", index), f"'{accepted.for_locale(locale)}' is not a number")
                    break
    elif tolerance:
        problems.add((*path, "tolerance"), "a tolerance only applies to number fields")
    return AnswerField(key=str(key), input=kind, label=label, solutions=solutions, tolerance=float(tolerance),
                       unit=unit)


def _parse_choices(data: dict[str, Any], item_type: ItemType, problems: Problems):
    raw = data.get("proposals")
    proposals: list[Proposal] = []
    if not isinstance(raw, dict) or len(raw) < 2:
        problems.add(("proposals",), "a choice item needs at least two proposals (A: …, B: …)")
        raw = raw if isinstance(raw, dict) else {}
    expected = _letters(len(raw))
    for index, (key, text) in enumerate(raw.items()):
        if len(raw) <= MAX_PROPOSALS and str(key) != expected[index]:
            problems.add(("proposals", key), f"proposal keys must be A, B, C… in order; found '{key}'")
        proposals.append(Proposal(str(key), LocalText.parse(text, ("proposals", key), problems)))
    if len(raw) > MAX_PROPOSALS:
        problems.add(("proposals",), f"{len(raw)} proposals is too many (at most {MAX_PROPOSALS})")
    keys = [p.key for p in proposals]
    solution = data.get("solution")
    if item_type is ItemType.QCU:
        if isinstance(solution, list):
            problems.add(("solution",), "a qcu item has exactly one solution; use type qcm for several")
            solution_keys: list[str] = [str(s) for s in solution]
        else:
            solution_keys = [str(solution)] if solution is not None else []
    else:
        solution_keys = [str(s) for s in solution] if isinstance(solution, list) else (
            [str(solution)] if solution is not None else [])
        if len(set(solution_keys)) != len(solution_keys):
            problems.add(("solution",), "a proposal is listed twice in the solution")
    if not solution_keys:
        problems.add(("solution",), "the solution is missing")
    for key in solution_keys:
        if key not in keys:
            problems.add(("solution",), f"solution '{key}' is not one of the proposals {_proposal_range(keys)}")
    for locale in ("fr", "en"):
        texts = [p.text.get(locale).strip().casefold() for p in proposals]
        if len(set(texts)) < len(texts):
            problems.add(("proposals",), f"two proposals have the same text in '{locale}'")
    return tuple(proposals), tuple(solution_keys)


def parse_item(data: Any, problems: Problems) -> Item | None:
    """Build an :class:`Item` from its dict form, adding every problem found to ``problems``."""
    if not isinstance(data, dict):
        problems.add((), "an item must be a mapping of fields (id, competence, type…)")
        return None
    start = len(problems.messages)
    item_id = data.get("id")
    if not isinstance(item_id, str) or not ID_PATTERN.match(item_id):
        problems.add(("id",), f"'{item_id}' is not a valid item id (letters, digits, . _ -; at most 80)")
    competence = str(data.get("competence", ""))
    if not COMPETENCE_PATTERN.match(competence):
        problems.add(("competence",), f"'{competence}' is not a competence number like 4.2")
    tube = data.get("tube")
    if not isinstance(tube, str) or not TUBE_PATTERN.match(tube):
        problems.add(("tube",), f"'{tube}' is not a valid tube name (letters, digits, . _ -)")
    level = data.get("level")
    if not isinstance(level, int) or isinstance(level, bool) or level not in LEVELS:
        problems.add(("level",), f"'{level}' is not a level (a whole number from 1 to 8)")
        level = 1
    item_type = _enum(data, "type", ItemType, problems)
    mode = _enum(data, "mode", Mode, problems)
    statement = LocalText.parse(data.get("statement"), ("statement",), problems)
    explanation = LocalText.parse(data.get("explanation"), ("explanation",), problems)

    time_limit = data.get("time_limit")
    if time_limit is not None and (not isinstance(time_limit, int) or isinstance(time_limit, bool)
                                   or not 10 <= time_limit <= 3600):
        problems.add(("time_limit",), f"'{time_limit}' is not a time limit (whole seconds, 10 to 3600)")
        time_limit = None
    shuffle = data.get("shuffle", False)
    if not isinstance(shuffle, bool):
        problems.add(("shuffle",), "shuffle must be true or false")
        shuffle = False

    irt = IrtParams.from_level(level)
    if "irt" in data:
        raw = data["irt"]
        try:
            irt = IrtParams(float(raw["a"]), float(raw["b"]), float(raw.get("c", 0.0)))
            if not (0.05 <= irt.a <= 6 and -8 <= irt.b <= 8 and 0 <= irt.c < 0.6):
                problems.add(("irt",), f"parameters a={irt.a} b={irt.b} c={irt.c} are out of range "
                                       "(0.05 ≤ a ≤ 6, −8 ≤ b ≤ 8, 0 ≤ c < 0.6)")
        except (KeyError, TypeError, ValueError, AttributeError):
            problems.add(("irt",), "expected irt: {a: number, b: number, c: optional number}")

    illustrations = []
    for index, raw in enumerate(data.get("illustrations") or []):
        path = ("illustrations", index)
        if not isinstance(raw, dict):
            problems.add(path, "expected file: and alt: {fr, en}")
            continue
        if "alt" not in raw:
            problems.add(path, "an illustration needs an alternative text (alt: {fr, en}) for screen readers")
        illustrations.append(Illustration(_file_name(raw.get("file"), (*path, "file"), problems),
                                          LocalText.parse(raw.get("alt", {}), (*path, "alt"), problems)))
    attachments = []
    for index, raw in enumerate(data.get("attachments") or []):
        path = ("attachments", index)
        raw = {"file": raw} if isinstance(raw, str) else raw
        if not isinstance(raw, dict):
            problems.add(path, "expected file: and an optional title: {fr, en}")
            continue
        title = LocalText.parse(raw["title"], (*path, "title"), problems) if "title" in raw else None
        attachments.append(AttachmentRef(_file_name(raw.get("file"), (*path, "file"), problems), title))

    access = data.get("accessibility") or {}
    accessibility = Accessibility(bool(access.get("screen_reader", True)), bool(access.get("colour_free", True)),
                                  str(access.get("notes", ""))) if isinstance(access, dict) else Accessibility()

    normalise = data.get("normalise", list(NORMALISATION_STEPS))
    if not isinstance(normalise, list) or any(step not in NORMALISATION_STEPS for step in normalise):
        problems.add(("normalise",), f"'{normalise}' must be a list drawn from t1, t2, t3")
        normalise = list(NORMALISATION_STEPS)
    if normalise and "t1" not in normalise:
        problems.add(("normalise",), "t2 and t3 build on t1; include t1")

    proposals: tuple[Proposal, ...] = ()
    solution: tuple[str, ...] = ()
    fields: tuple[AnswerField, ...] = ()
    groups: tuple[tuple[Accepted, ...], ...] = ()
    if item_type in (ItemType.QCU, ItemType.QCM):
        proposals, solution = _parse_choices(data, item_type, problems)
        for key in ("fields", "solutions", "solution_groups", "input"):
            if key in data:
                problems.add((key,), f"'{key}' does not apply to a {item_type.value} item")
    elif item_type is not None:
        if "proposals" in data or "solution" in data:
            problems.add(("proposals" if "proposals" in data else "solution",),
                         f"a {item_type.value} item has fields and solutions, not proposals")
        if "fields" in data:
            raw_fields = data["fields"] if isinstance(data["fields"], list) else []
            if not isinstance(data["fields"], list):
                problems.add(("fields",), "fields must be a list")
        elif item_type is ItemType.QROC:
            raw_fields = [{k: data[k] for k in ("input", "label", "solutions", "tolerance", "unit") if k in data}]
        else:
            raw_fields = []
        dep = item_type is ItemType.QROCM_DEP
        parsed = [_parse_field(f, ("fields", i), problems, needs_solutions=not dep) for i, f in enumerate(raw_fields)]
        fields = tuple(f for f in parsed if f is not None)
        keys = [f.key for f in fields]
        if len(set(keys)) != len(keys):
            problems.add(("fields",), "two fields have the same key")
        if item_type is ItemType.QROC and len(fields) != 1:
            problems.add(("fields",), f"a qroc item has exactly one answer field, found {len(fields)}")
        if item_type is not ItemType.QROC and len(fields) < 2:
            problems.add(("fields",), f"a {item_type.value} item needs at least two fields, found {len(fields)}")
        if dep:
            raw_groups = data.get("solution_groups")
            if not isinstance(raw_groups, list) or len(raw_groups) < len(fields):
                problems.add(("solution_groups",), f"a qrocm-dep item needs at least as many solution groups "
                                                   f"as fields ({len(fields)})")
                raw_groups = raw_groups if isinstance(raw_groups, list) else []
            groups = tuple(
                tuple(Accepted.parse(a, ("solution_groups", gi, ai), problems)
                      for ai, a in enumerate(group if isinstance(group, list) else [group]))
                for gi, group in enumerate(raw_groups)
            )
            if any(f.input is InputKind.NUMBER for f in fields):
                problems.add(("fields",), "qrocm-dep fields are text fields")
        elif "solution_groups" in data:
            problems.add(("solution_groups",), "solution_groups only apply to qrocm-dep items")

    variant_of = data.get("variant_of")
    if variant_of is not None and (not isinstance(variant_of, str) or variant_of == item_id):
        problems.add(("variant_of",), f"'{variant_of}' is not another item's id")
    variant_group = data.get("variant_group")
    if variant_group is not None and not isinstance(variant_group, str):
        problems.add(("variant_group",), "variant_group must be a name")

    if len(problems.messages) > start or item_type is None or mode is None:
        return None
    return Item(
        id=item_id, competence=competence, tube=tube, level=level, type=item_type, mode=mode,
        statement=statement, explanation=explanation, irt=irt, proposals=proposals, solution=solution,
        fields=fields, solution_groups=groups, normalise=frozenset(normalise), shuffle=shuffle,
        time_limit=time_limit, variant_of=variant_of, variant_group=variant_group,
        illustrations=tuple(illustrations), attachments=tuple(attachments), accessibility=accessibility,
        extra={k: v for k, v in data.items() if k not in ITEM_KEYS},
    )

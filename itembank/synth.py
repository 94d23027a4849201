"""Synthetic banks for tests and benchmarks: the real structure, generated wording.

Items are spread evenly over the 16 competences, in tubes of about eight items, with all five
item types. Discriminations follow U(a_low, a_high) and difficulties N(b_mean, b_sd); the level of
each skill is derived from its difficulty (the inverse of the rule in IrtParams.from_level).
"""

from __future__ import annotations

import numpy as np

from itembank.bank import BankMeta, BankSource
from itembank.framework import DEFAULT_FRAMEWORK, Framework
from itembank.model import (
    Accepted,
    AnswerField,
    InputKind,
    IrtParams,
    Item,
    ItemType,
    LocalText,
    Mode,
    Proposal,
)
from itembank.profile import ExamProfile

TYPE_WEIGHTS = {ItemType.QCU: 0.5, ItemType.QCM: 0.15, ItemType.QROC: 0.15, ItemType.QROCM_IND: 0.1,
                ItemType.QROCM_DEP: 0.1}
ITEMS_PER_TUBE = 8  # at most


def _text(fr_kind: str, en_kind: str, item_id: str) -> LocalText:
    return LocalText(f"{fr_kind} synthétique {item_id}", f"Synthetic {en_kind} {item_id}")


def _content(item_type: ItemType, item_id: str, rng: np.random.Generator) -> dict:
    if item_type in (ItemType.QCU, ItemType.QCM):
        count = int(rng.integers(3, 6))
        keys = "ABCDEFGH"[:count]
        proposals = tuple(Proposal(k, LocalText(f"Proposition {k} de {item_id}", f"Option {k} of {item_id}"))
                          for k in keys)
        if item_type is ItemType.QCU:
            solution: tuple[str, ...] = (keys[int(rng.integers(count))],)
        else:
            size = int(rng.integers(2, count))
            solution = tuple(sorted(rng.choice(list(keys), size=size, replace=False).tolist()))
        return {"proposals": proposals, "solution": solution, "shuffle": True}
    if item_type is ItemType.QROC:
        if rng.random() < 0.5:
            value = int(rng.integers(2, 5000))
            field = AnswerField("answer", InputKind.NUMBER, solutions=(Accepted(str(value)),))
        else:
            field = AnswerField("answer", InputKind.TEXT,
                                solutions=(Accepted(local=LocalText(f"réponse{item_id}", f"answer{item_id}")),))
        return {"fields": (field,)}
    if item_type is ItemType.QROCM_IND:
        fields = tuple(AnswerField(f"f{i}", InputKind.NUMBER, LocalText(f"Champ {i}", f"Field {i}"),
                                   (Accepted(str(int(rng.integers(1, 100)))),)) for i in range(2))
        return {"fields": fields}
    fields = tuple(AnswerField(f"f{i}", InputKind.TEXT, LocalText(f"Champ {i}", f"Field {i}")) for i in range(2))
    words = ["alpha", "bravo", "charlie", "delta", "echo"]
    groups = tuple((Accepted(w),) for w in rng.choice(words, size=3, replace=False).tolist())
    return {"fields": fields, "solution_groups": groups, "normalise": frozenset({"t1", "t2"})}


def synthetic_bank(
    n_items: int = 2000,
    seed: int = 0,
    *,
    a_range: tuple[float, float] = (0.8, 2.0),
    b_mean: float = 0.0,
    b_sd: float = 1.0,
    focus_share: float = 0.4,
    framework: Framework = DEFAULT_FRAMEWORK,
    bank_id: str | None = None,
) -> BankSource:
    """Make a bank of ``n_items`` items over every competence of ``framework``."""
    if n_items < len(framework.codes):
        raise ValueError(f"{n_items} items cannot cover {len(framework.codes)} competences")
    rng = np.random.default_rng(seed)
    codes = framework.codes
    a = rng.uniform(*a_range, size=n_items)
    b = rng.normal(b_mean, b_sd, size=n_items)
    types = list(TYPE_WEIGHTS)
    type_draw = rng.choice(len(types), size=n_items, p=list(TYPE_WEIGHTS.values()))
    per_competence = -(-n_items // len(codes))
    per_tube = max(1, min(ITEMS_PER_TUBE, -(-per_competence // 4)))  # at least 4 tubes when possible
    items: list[Item] = []
    for index in range(n_items):
        competence = codes[index % len(codes)]
        rank = index // len(codes)
        tube = f"c{competence.replace('.', '')}-t{rank // per_tube:02d}"
        level = int(np.clip(round(b[index] / 0.75 + 4), 1, 8))
        item_id = f"{competence}-s{index:05d}"
        item_type = types[int(type_draw[index])]
        items.append(Item(
            id=item_id, competence=competence, tube=tube, level=level, type=item_type,
            mode=Mode.FOCUS if rng.random() < focus_share else Mode.FREE,
            statement=_text("Question", "question", item_id),
            explanation=_text("Explication", "explanation", item_id),
            irt=IrtParams(round(float(a[index]), 4), round(float(b[index]), 4)),
            **_content(item_type, item_id, rng),
        ))
    meta = BankMeta(bank_id or f"synth-{n_items}-{seed}", 1, LocalText("Banque synthétique", "Synthetic bank"),
                    "Pupitre synthetic")
    profiles = {
        "certification": ExamProfile(),
        "practice-short": ExamProfile(name="practice-short", title=LocalText("Entraînement court", "Short practice"),
                                      length=12, duration_minutes=20, min_treated=8, per_competence=1),
    }
    return BankSource(meta, framework, profiles, "certification", items)

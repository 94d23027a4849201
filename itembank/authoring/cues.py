"""Answer cues a test-wise candidate can exploit without knowing the subject.

The one measured here: in single-choice (qcu) items, is the keyed answer the longest proposal?
Writers tend to qualify the right answer until it is the longest; a candidate who always picks
the longest proposal then scores far above chance. For each competence the report gives the
share of single-choice items such a candidate gets right (a tie among the *t* longest counts
1/*t*, the odds of picking the key among them) beside chance (the mean of 1/number of proposals).
Lengths are those of the French text, the language the test is first written and taken in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from itembank.model import Item, ItemType

OVERALL_LIMIT = 0.35  # share of single-choice items whose key is the longest, over the whole bank
COMPETENCE_LIMIT = 0.50  # the same within one competence…
COMPETENCE_MIN_ITEMS = 4  # …that has at least this many single-choice items (fewer say little)


@dataclass(frozen=True)
class CueRow:
    """One competence (or the whole bank, ``competence == "all"``)."""

    competence: str
    items: int
    longest: float  # expected number of items won by always picking the longest proposal
    chance: float  # expected number won by picking at random

    @property
    def share(self) -> float:
        return self.longest / self.items if self.items else 0.0

    @property
    def chance_share(self) -> float:
        return self.chance / self.items if self.items else 0.0


@dataclass(frozen=True)
class CueReport:
    rows: tuple[CueRow, ...]  # one per competence with single-choice items, in code order
    overall: CueRow
    longest_keys: tuple[str, ...]  # ids of the items whose key is (one of) the longest

    def excesses(self) -> list[str]:
        """What is above the limits, one sentence each; empty when the bank passes."""
        found = []
        if self.overall.items and self.overall.share > OVERALL_LIMIT:
            found.append(f"the key is the longest proposal in {self.overall.share:.0%} of single-choice items "
                         f"(limit {OVERALL_LIMIT:.0%}, chance {self.overall.chance_share:.0%})")
        for row in self.rows:
            if row.items >= COMPETENCE_MIN_ITEMS and row.share > COMPETENCE_LIMIT:
                found.append(f"competence {row.competence}: the key is the longest proposal in {row.share:.0%} of "
                             f"its {row.items} single-choice items (limit {COMPETENCE_LIMIT:.0%})")
        return found

    def lines(self) -> list[str]:
        """The report as a table for a terminal."""
        out = ["cue report: single-choice items whose key is the longest proposal (French text)",
               "  competence  items  longest  share  chance"]
        for row in (*self.rows, self.overall):
            out.append(f"  {row.competence:<10} {row.items:6d} {row.longest:8.1f} {row.share:6.0%} "
                       f"{row.chance_share:7.0%}")
        out.append(f"  limits: {OVERALL_LIMIT:.0%} over the bank, {COMPETENCE_LIMIT:.0%} in a competence with "
                   f"{COMPETENCE_MIN_ITEMS} or more single-choice items")
        return out


def _longest_odds(item: Item) -> float:
    """The chance that picking (at random among) the longest proposals gives the key."""
    lengths = {p.key: len(p.text.fr.strip()) for p in item.proposals}
    top = max(lengths.values())
    tied = [key for key, length in lengths.items() if length == top]
    return 1 / len(tied) if item.solution[0] in tied else 0.0


def _code_order(code: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in code.split("."))


def longest_key_cue(items: Iterable[Item]) -> CueReport:
    """Measure the longest-answer cue per competence over the single-choice items of ``items``."""
    per: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    longest_ids = []
    for item in items:
        if item.type is not ItemType.QCU or not item.proposals:
            continue
        odds = _longest_odds(item)
        row = per[item.competence]
        row[0] += 1
        row[1] += odds
        row[2] += 1 / len(item.proposals)
        if odds:
            longest_ids.append(item.id)
    ordered = sorted(per.items(), key=lambda kv: _code_order(kv[0]))
    rows = tuple(CueRow(code, int(v[0]), v[1], v[2]) for code, v in ordered)
    overall = CueRow("all", sum(r.items for r in rows), sum(r.longest for r in rows), sum(r.chance for r in rows))
    return CueReport(rows, overall, tuple(longest_ids))

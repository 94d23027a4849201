"""Calibration: estimate each item's a and b from real (or simulated) answers.

Marginal maximum likelihood by EM over a quadrature grid (Bock & Aitkin): the abilities are
integrated out against a N(0, 1) population, which also fixes the scale. Missing answers are
simply absent from the likelihood, which is valid for adaptive tests: the choice of the next
item depends only on answers already observed, so the missingness is ignorable. Weak priors —
log a ~ N(0, 1) and an intercept d = −a·b ~ N(0, 5²) — keep items with few or one-sided answers
finite (the "Bayes modal" variant). Adaptive tests give each item to candidates close to its
difficulty, so b is well determined but a much less so: expect b within about 0.1 and a only
within a few tenths from a few hundred answers — and a is biased, not only noisy (in simulation,
RMSE 0.4–0.5 and a correlation of about 0.25 with the true a). So the command line writes b only
by default, re-estimated with each item's current a held fixed (``fixed_a``), and writes a only
when asked.

Also here, as pure text functions for the command line: reading a response table (CSV) and
writing ``irt: {a: …, b: …}`` into an item's YAML source with a minimal edit.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from itembank import irt
from itembank.errors import ItemBankError


class CalibrationError(ItemBankError):
    """The response table or the item source cannot be used for calibration."""


@dataclass(frozen=True)
class Calibration:
    """Estimated parameters, in the order of ``item_ids``; ``counts`` = answers seen per item."""

    item_ids: tuple[str, ...]
    a: np.ndarray
    b: np.ndarray
    counts: np.ndarray
    iterations: int
    converged: bool
    log_likelihood: float

    def estimates(self, min_count: int = 1) -> dict[str, tuple[float, float]]:
        """item id → (a, b) for the items answered at least ``min_count`` times."""
        rows = zip(self.item_ids, self.a, self.b, self.counts, strict=True)
        return {i: (float(a), float(b)) for i, a, b, n in rows if n >= min_count}


def calibrate(
    responses: np.ndarray,
    item_ids: Sequence[str] | None = None,
    *,
    nodes: int = 41,
    max_iterations: int = 500,
    tolerance: float = 1e-4,
    log_a_prior: tuple[float, float] = (0.0, 1.0),
    intercept_sd: float = 5.0,
    fixed_a: Sequence[float] | np.ndarray | None = None,
) -> Calibration:
    """Fit a 2PL model to ``responses`` (candidates × items; 1 right, 0 wrong, NaN not asked).

    ``fixed_a`` (one value per item, NaN for an item whose a is estimated too) holds those
    items' discriminations at the given values and estimates only their b. Iterates until no a
    or b moves by more than ``tolerance`` (or ``max_iterations``).
    """
    table = np.asarray(responses, dtype=float)
    if table.ndim != 2:
        raise CalibrationError("the responses must be a table: one row per candidate, one column per item")
    n_people, n_items = table.shape
    ids = tuple(item_ids) if item_ids is not None else tuple(str(k) for k in range(n_items))
    if len(ids) != n_items:
        raise CalibrationError(f"{len(ids)} item ids for {n_items} columns")
    observed = ~np.isnan(table)
    bad = observed & (table != 0) & (table != 1)
    if bad.any():
        row, col = np.argwhere(bad)[0]
        raise CalibrationError(f"candidate row {row + 1}, item {ids[col]}: {table[row, col]} is not 0 or 1")
    people, items = np.nonzero(observed)  # sorted by person
    right = table[people, items] == 1
    counts = np.bincount(items, minlength=n_items)
    by_item = np.argsort(items, kind="stable")
    seen = np.flatnonzero(counts)
    item_starts = np.searchsorted(items[by_item], seen)
    person_starts = np.searchsorted(people, np.arange(n_people))
    has_answers = np.bincount(people, minlength=n_people) > 0

    grid = np.linspace(-5.0, 5.0, nodes)
    log_weight = irt.normal_log_density(grid, 0.0, 1.0)
    log_weight -= np.log(np.exp(log_weight).sum())
    a = np.ones(n_items)
    held = np.zeros(n_items, dtype=bool)
    if fixed_a is not None:
        given = np.asarray(fixed_a, dtype=float)
        if given.shape != (n_items,):
            raise CalibrationError(f"{given.size} fixed discriminations for {n_items} items")
        held = ~np.isnan(given)
        if np.any(given[held] <= 0) or not np.all(np.isfinite(given[held])):
            raise CalibrationError("a fixed discrimination must be a positive number")
        a[held] = given[held]
    d = np.zeros(n_items)
    mu, sd_a = log_a_prior
    log_likelihood = -np.inf
    converged = False
    iteration = 0
    for iteration in range(1, max_iterations + 1):  # noqa: B007 - the count is reported
        # E-step: each candidate's posterior over the grid, then expected counts per item and node.
        z = a[:, None] * grid[None, :] + d[:, None]
        log_p, log_q = -np.logaddexp(0.0, -z), -np.logaddexp(0.0, z)
        rows = np.where(right[:, None], log_p[items], log_q[items])
        log_post = np.zeros((n_people, nodes))
        log_post[has_answers] = np.add.reduceat(rows, person_starts[has_answers], axis=0)
        log_post += log_weight
        top = log_post.max(axis=1, keepdims=True)
        post = np.exp(log_post - top)
        total = post.sum(axis=1, keepdims=True)
        log_likelihood = float((np.log(total) + top).sum())
        post /= total
        gathered = post[people[by_item]]
        expected_n = np.zeros((n_items, nodes))
        expected_r = np.zeros((n_items, nodes))
        expected_n[seen] = np.add.reduceat(gathered, item_starts, axis=0)
        expected_r[seen] = np.add.reduceat(gathered * right[by_item][:, None], item_starts, axis=0)
        # M-step: Fisher scoring on (log a, d) for every item at once, a few steps.
        old_a, old_b = a.copy(), -d / a
        log_a = np.log(a)
        for _ in range(4):
            z = a[:, None] * grid[None, :] + d[:, None]
            p = 1.0 / (1.0 + np.exp(-z))
            g = expected_r - expected_n * p
            w = expected_n * p * (1.0 - p)
            grad_a = a * (g @ grid) - (log_a - mu) / sd_a**2
            grad_d = g.sum(axis=1) - d / intercept_sd**2
            h_aa = a * a * (w @ (grid * grid)) + 1.0 / sd_a**2
            h_ad = a * (w @ grid)
            h_dd = w.sum(axis=1) + 1.0 / intercept_sd**2
            det = h_aa * h_dd - h_ad * h_ad
            step_a = np.clip((h_dd * grad_a - h_ad * grad_d) / det, -0.5, 0.5)
            step_d = np.clip((h_aa * grad_d - h_ad * grad_a) / det, -1.0, 1.0)
            step_a[held] = 0.0  # a held: Newton on d alone
            step_d[held] = np.clip(grad_d[held] / h_dd[held], -1.0, 1.0)
            log_a = log_a + step_a
            d = d + step_d
            a = np.exp(log_a)
        change = max(float(np.max(np.abs(a - old_a))), float(np.max(np.abs(-d / a - old_b))))
        if change < tolerance:
            converged = True
            break
    return Calibration(ids, a, -d / a, counts, iteration, converged, log_likelihood)


# -- response tables ----------------------------------------------------------------------------
_MISSING = {"", "na", "nan", "-", "."}


def read_responses(text: str) -> tuple[list[str], list[str], np.ndarray]:
    """Parse a CSV response table: a header ``candidate,<item id>,…`` then one row per candidate
    with 1 (right), 0 (wrong) or an empty cell (not asked). Returns (candidates, items, table)."""
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows = [row for row in reader if any(cell.strip() for cell in row)]
    if len(rows) < 2 or len(rows[0]) < 2:
        raise CalibrationError("expected a header 'candidate,<item id>,…' and at least one candidate row")
    items = [cell.strip() for cell in rows[0][1:]]
    if len(set(items)) != len(items):
        raise CalibrationError("an item id appears twice in the header")
    table = np.full((len(rows) - 1, len(items)), np.nan)
    candidates = []
    for r, row in enumerate(rows[1:]):
        candidates.append(row[0].strip())
        if len(row) - 1 > len(items):
            raise CalibrationError(f"line {r + 2}: {len(row) - 1} answers for {len(items)} items")
        for c, cell in enumerate(row[1:]):
            value = cell.strip().lower()
            if value in _MISSING:
                continue
            if value not in ("0", "1", "0.0", "1.0"):
                raise CalibrationError(f"line {r + 2}, item {items[c]}: '{cell}' is not 1, 0 or empty")
            table[r, c] = float(value)
    return candidates, items, table


def write_responses(candidates: Sequence[str], items: Sequence[str], table: np.ndarray) -> str:
    """The inverse of :func:`read_responses`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["candidate", *items])
    for name, row in zip(candidates, table, strict=True):
        writer.writerow([name, *("" if math.isnan(v) else str(int(v)) for v in row)])
    return out.getvalue()


# -- writing parameters back into item sources ---------------------------------------------------
def _id_pattern(item_id: str) -> re.Pattern[str]:
    quoted = re.escape(item_id)
    return re.compile(rf"^(?P<indent>[ ]*)(?P<dash>-[ ]+)?id:[ ]*(['\"]?){quoted}\3[ ]*(#.*)?$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_blank_or_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def set_irt(text: str, item_id: str, a: float, b: float) -> str:
    """Write ``irt: {a: …, b: …}`` for ``item_id`` into a YAML source, changing nothing else.

    The item may be the whole file or one entry of a list (``- id: …``). An existing ``irt:``
    line, flow mapping or indented block is replaced (keeping a lower asymptote ``c`` if it had
    one); otherwise the line is added at the end of the item. Comments, order and formatting of
    every other line are kept. Raises :class:`CalibrationError` when the item is not in the text.
    """
    lines = text.splitlines(keepends=True)
    pattern = _id_pattern(item_id)
    found_at = [k for k, line in enumerate(lines) if pattern.match(line.rstrip("\r\n"))]
    if not found_at:
        raise CalibrationError(f"item {item_id} is not defined in this file")
    if len(found_at) > 1:
        raise CalibrationError(f"item {item_id} is defined {len(found_at)} times in this file")
    id_line = found_at[0]
    match = pattern.match(lines[id_line].rstrip("\r\n"))
    assert match is not None
    key_indent = len(match.group("indent")) + len(match.group("dash") or "")
    newline = "\r\n" if lines[id_line].endswith("\r\n") else "\n"
    first = _block_start(lines, id_line, key_indent, bool(match.group("dash")))
    end = len(lines)
    for k in range(id_line + 1, len(lines)):
        if not _is_blank_or_comment(lines[k]) and _indent(lines[k]) < key_indent:
            end = k
            break
    for k in range(first, end):
        line = lines[k].rstrip("\r\n")
        prefix, body = line[:key_indent], line[key_indent:]
        if not body.startswith("irt:") or prefix.strip() not in ("", "-"):
            continue
        stop = k + 1
        rest = body[4:].split("#", 1)[0].strip()
        if not rest:  # a block: the more indented lines below
            while stop < end and (_is_blank_or_comment(lines[stop]) or _indent(lines[stop]) > key_indent):
                stop += 1
            while stop > k + 1 and _is_blank_or_comment(lines[stop - 1]):
                stop -= 1
        elif rest.startswith("{") and "}" not in rest:  # a flow mapping over several lines
            while stop < end and "}" not in lines[stop - 1]:
                stop += 1
        old = "".join(lines[k:stop])
        lines[k:stop] = [prefix + _irt_text(a, b, _guessing(old)) + newline]
        return "".join(lines)
    last = end - 1  # no irt yet: add it after the item's last meaningful line
    while last > id_line and _is_blank_or_comment(lines[last]):
        last -= 1
    if not lines[last].endswith(("\n", "\r")):
        lines[last] += newline
    lines.insert(last + 1, " " * key_indent + _irt_text(a, b, None) + newline)
    return "".join(lines)


def _block_start(lines: list[str], id_line: int, key_indent: int, dash: bool) -> int:
    """The first line of the item whose ``id`` is on ``id_line``."""
    if dash or key_indent == 0:
        return id_line if dash else 0
    for k in range(id_line - 1, -1, -1):
        if _is_blank_or_comment(lines[k]) or _indent(lines[k]) >= key_indent:
            continue
        return k if lines[k].lstrip().startswith("-") else k + 1
    return 0


def _guessing(old: str) -> float | None:
    found = re.search(r"\bc\s*:\s*([-+0-9.eE]+)", old)
    if found is None:
        return None
    try:
        value = float(found.group(1))
    except ValueError:
        return None
    return value or None


def _irt_text(a: float, b: float, c: float | None) -> str:
    parts = [f"a: {a:.3f}", f"b: {b:.3f}"]
    if c is not None:
        parts.append(f"c: {c:g}")
    return "irt: {" + ", ".join(parts) + "}"

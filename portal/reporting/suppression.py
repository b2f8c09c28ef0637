"""Small-group suppression: one module for every screen, CSV, e-mail and PDF.

A *cell* is a count of people (answers, complaints, requests, families). A
*relation* says that a total is the sum of its parts (all respondents = youths +
parents + foster parents; complaints = formal + informal). The rules:

1. A cell with 1 to K-1 people is hidden; K is the small-group setting (production
   refuses below 5). Zero is shown: it describes nobody.
2. A relation with exactly one unknown cell gives it away by subtraction, so the
   next smallest cell of that relation is hidden too (a non-zero one when there is
   one), again and again until no relation has exactly one unknown. A hidden zero
   shows the same mark as any hidden cell. Cells marked *exact* (the yearly number
   of complaints per provider, which seed 004 asks for) are never hidden.

Every hidden cell carries the same mark on screen ("fewer than K or hidden"): two
marks would tell a reader which hidden cell is small and which is large, and
bounds like that pin numbers down.
3. Sums over several relations (a table with row and column totals) can still pin
   a cell down, so every group of linked hidden cells is solved as a system of
   linear equations; while one cell is determined, one more cell is hidden.

All cells of one calendar year are protected together (the frozen snapshot), so
two screens or two reports of that year never contradict or complete each other.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

Key = Hashable

# Linear algebra over a prime field: the equations have coefficients 0 and ±1, so a
# rank over this field equals the rank over the rationals unless the prime divides
# a minor, which for these small integers it cannot.
_PRIME = 2_147_483_647
# Components with more hidden cells than this rely on rules 1 and 2 alone (solving
# them would take minutes); in practice they are chains of municipalities.
EXACT_CHECK_LIMIT = 400


@dataclass(frozen=True)
class Relation:
    """``total`` equals the sum of ``parts``."""

    total: Key
    parts: tuple[Key, ...]

    def cells(self) -> tuple[Key, ...]:
        return (self.total, *self.parts)


def protect(
    counts: Mapping[Key, int],
    relations: Sequence[Relation],
    threshold: int,
    exact: Iterable[Key] = (),
    forced: Iterable[Key] = (),
) -> frozenset[Key]:
    """The cells to hide so that none of fewer than ``threshold`` can be recovered.

    ``forced``: cells hidden in an earlier version of the same year stay hidden, so a
    correction never shows what the first version hid.
    """
    exact = frozenset(exact)
    hidden = {key for key, count in counts.items() if 0 < count < threshold and key not in exact}
    hidden |= {key for key in forced if key in counts and key not in exact}
    involving: dict[Key, list[Relation]] = defaultdict(list)
    for relation in relations:
        for cell in relation.cells():
            involving[cell].append(relation)
    _close_single_unknowns(counts, relations, involving, hidden, exact)
    # Only a group with a newly hidden cell can have changed: check just those again.
    changed = set(hidden)
    for _ in range(len(counts)):
        determined = _determined(involving, hidden, changed)
        if not determined:
            break
        before = set(hidden)
        for cell in sorted(determined, key=repr):
            if _hide_neighbour(counts, involving[cell], hidden, exact):
                break
        else:
            break  # nothing left to hide beside them (only exact cells): give up safely
        _close_single_unknowns(counts, relations, involving, hidden, exact)
        changed = hidden - before
    return frozenset(hidden)


def _close_single_unknowns(
    counts: Mapping[Key, int],
    relations: Sequence[Relation],
    involving: Mapping[Key, list[Relation]],
    hidden: set[Key],
    exact: frozenset[Key],
) -> None:
    queue = deque(relations)
    while queue:
        relation = queue.popleft()
        unknown = [cell for cell in relation.cells() if cell in hidden]
        if len(unknown) != 1:
            continue
        picked = _smallest_shown(counts, relation.cells(), hidden, exact)
        if picked is None:
            continue
        hidden.add(picked)
        queue.extend(involving[picked])


def _smallest_shown(
    counts: Mapping[Key, int], cells: Iterable[Key], hidden: set[Key], exact: frozenset[Key]
) -> Key | None:
    candidates = [cell for cell in cells if cell not in hidden and cell not in exact]
    if not candidates:
        return None
    # A non-zero cell first; a zero only when nothing else is left (then it must show
    # the same mark as any hidden cell, never "0" or "–").
    return min(
        candidates, key=lambda cell: (counts.get(cell, 0) == 0, counts.get(cell, 0), repr(cell))
    )


def _hide_neighbour(
    counts: Mapping[Key, int],
    relations: Iterable[Relation],
    hidden: set[Key],
    exact: frozenset[Key],
) -> bool:
    cells = [cell for relation in relations for cell in relation.cells()]
    picked = _smallest_shown(counts, cells, hidden, exact)
    if picked is None:
        return False
    hidden.add(picked)
    return True


def _determined(
    involving: Mapping[Key, list[Relation]], hidden: set[Key], starts: set[Key]
) -> set[Key]:
    """Hidden cells (in the groups of ``starts``) whose value follows from the shown
    cells and the relations."""
    found: set[Key] = set()
    for component in _components(involving, hidden, starts):
        # One hidden cell alone: rule 2 already gave it a partner wherever it could.
        if len(component) < 2 or len(component) > EXACT_CHECK_LIMIT:
            continue
        rows = _equations(component, involving)
        found |= _pinned(rows)
    return found


def _components(
    involving: Mapping[Key, list[Relation]], hidden: set[Key], starts: set[Key]
) -> list[set[Key]]:
    """Groups of hidden cells that share relations (solved separately: fast)."""
    seen: set[Key] = set()
    groups = []
    for start in starts:
        if start in seen:
            continue
        group, stack = set(), [start]
        seen.add(start)
        while stack:
            cell = stack.pop()
            group.add(cell)
            for relation in involving.get(cell, ()):
                for other in relation.cells():
                    if other in hidden and other not in seen:
                        seen.add(other)
                        stack.append(other)
        groups.append(group)
    return groups


def _equations(component: set[Key], involving: Mapping[Key, list[Relation]]) -> list[dict]:
    relations = {id(r): r for cell in component for r in involving.get(cell, ())}.values()
    rows = []
    for relation in relations:
        row: dict[Key, int] = {}
        if relation.total in component:
            row[relation.total] = 1
        for part in relation.parts:
            if part in component:
                row[part] = (row.get(part, 0) - 1) % _PRIME
        rows.append({cell: value for cell, value in row.items() if value})
    return [row for row in rows if row]


def _pinned(rows: list[dict]) -> set[Key]:
    """Reduced row echelon form; a pivot whose row has no free cell is determined."""
    pivots: list[tuple[Key, dict]] = []
    for row in rows:
        row = dict(row)
        for pivot, reduced in pivots:
            factor = row.get(pivot)
            if factor:
                _subtract(row, reduced, factor)
        if not row:
            continue
        pivot = min(row, key=repr)
        inverse = pow(row[pivot], _PRIME - 2, _PRIME)
        row = {cell: value * inverse % _PRIME for cell, value in row.items()}
        for index, (other_pivot, other) in enumerate(pivots):
            factor = other.get(pivot)
            if factor:
                _subtract(other, row, factor)
                pivots[index] = (other_pivot, other)
        pivots.append((pivot, row))
    return {pivot for pivot, row in pivots if len(row) == 1}


def _subtract(row: dict, other: dict, factor: int) -> None:
    for cell, value in other.items():
        updated = (row.get(cell, 0) - factor * value) % _PRIME
        if updated:
            row[cell] = updated
        else:
            row.pop(cell, None)

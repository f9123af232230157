"""Statistical disclosure control of linked count tables: primary and optimal secondary
suppression, in the manner of Statistics Netherlands' τ-ARGUS ("optimal" method).

A :class:`Table` is a list of non-negative integer counts (its cells) with the linear
relations a reader knows: equations (a total is the sum of its parts, the totals row is the
sum of the projects) and inequalities (the participants with a known education are at most
the participants reached). Several published tables that share cells are one :class:`Table`:
a project's row that appears in two tables is protected once, with both tables' relations.

Rules (:func:`protect`):

1. **Primary.** A count from 1 to ``min_cell - 1`` is suppressed.
2. **Zeros are published** and never suppressed. A 0 says "nobody", which reveals nothing
   about a person (statistical offices treat every empty cell so, whether the zero is
   structural, as learn-work in a project without a learn-work route, or by chance). A reader
   therefore knows that every suppressed count is at least 1, and the protection below is
   computed with that knowledge.
3. **Protection.** For every suppressed cell, the interval of values it can take given the
   published cells, the relations and the a-priori bounds (a suppressed count is at least 1;
   no upper bound beyond the relations) must be at least ``protection`` wide (default: the
   minimum cell size): ``max x - min x >= protection``, with the minimum and maximum of linear
   programs (a "sliding" protection range in τ-ARGUS's terms). A reader can then not tell a
   suppressed 3 from a publishable 10. Secondary cells are held to the same, so none of them
   can be computed either.
4. **Secondary suppression** is the cheapest set of extra cells that achieves 3: a mixed
   integer program (HiGHS through :func:`scipy.optimize.milp`) with one binary per cell,
   solved by constraint generation as Fischetti and Salazar-González's model is: a master
   problem chooses the pattern, and for each suppressed cell whose interval is too narrow the
   attacker's linear programs (:func:`scipy.optimize.linprog`) give a cut from their duals
   (a Benders cut) that every protecting pattern satisfies; repeat until no cell is too
   narrow. After :data:`_FREE_ROUNDS` rounds the master may only add cells to its last
   pattern, which bounds the time (the demo's report needs about 55). The cost of a cell is
   its weight (1 unless the table says otherwise) times 1 plus its count divided by the sum
   of all counts plus one: first the fewest (weighted) cells, then, among patterns with as
   many, the fewest persons hidden.

Pure: the standard library, numpy and scipy only.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

__all__ = [
    "Relation",
    "Table",
    "TableError",
    "intervals",
    "primary",
    "protect",
    "protection_level",
]

#: A linear relation over cells: (cell, coefficient) pairs; an equation says their weighted
#: sum is 0, an inequality that it is at most 0.
Relation = tuple[tuple[int, int], ...]

_EPS = 1e-7
#: Rounds in which the master problem may choose any pattern; after them it may only add
#: cells to the last one (each round then hides at least one more cell, so it ends). A bound
#: for the worst case only: extending a pattern is far from the cheapest.
_FREE_ROUNDS = 200


class TableError(ValueError):
    """A table that cannot be protected (a negative count, a relation its own counts break)."""


@dataclass(frozen=True)
class Table:
    """Counts with the relations a reader knows between them."""

    values: tuple[int, ...]
    equations: tuple[Relation, ...] = ()
    inequalities: tuple[Relation, ...] = ()
    #: Cells that are never suppressed and never primary: published, or known to the stronger
    #: reader a part of a larger table is protected against (none by default).
    keep: frozenset[int] = field(default_factory=frozenset)
    #: How much more a cell counts than one cell when suppressed (1 by default); the report
    #: weighs its totals, the figures a reader looks for first.
    weights: tuple[float, ...] | None = None

    def check(self) -> None:
        """Refuse a table whose counts are negative or break its own relations."""
        if any(v < 0 for v in self.values):
            raise TableError("counts must not be negative")
        for relation in self.equations:
            if sum(c * self.values[j] for j, c in relation) != 0:
                raise TableError(f"the counts do not satisfy the equation {relation}")
        for relation in self.inequalities:
            if sum(c * self.values[j] for j, c in relation) > 0:
                raise TableError(f"the counts do not satisfy the inequality {relation}")


def primary(table: Table, min_cell: int) -> frozenset[int]:
    """The cells with a count from 1 to ``min_cell - 1`` (rule 1), other than those kept."""
    return frozenset(
        j for j, v in enumerate(table.values) if 0 < v < min_cell and j not in table.keep
    )


def protection_level(min_cell: int) -> int:
    """The default protection: half the minimum cell size (5 for the minimum 10)."""
    return max(1, min_cell // 2)


@lru_cache(maxsize=256)
def protect(table: Table, min_cell: int, protection: int | None = None) -> frozenset[int]:
    """The cells to suppress: the primary cells and the cheapest secondary cells such that
    every suppressed cell's interval is at least ``protection`` wide (rules 1 to 4; the
    default :func:`protection_level`). Remembered for the last tables asked (a report's
    pages and documents ask for the same table)."""
    if min_cell < 1:
        raise ValueError(f"min_cell must be at least 1, got {min_cell}")
    level = protection_level(min_cell) if protection is None else protection
    table.check()
    first = primary(table, min_cell)
    if not first or level <= 0:
        return first
    return _Solver(table, level).solve(first)


def intervals(table: Table, hidden: frozenset[int]) -> dict[int, tuple[float, float]]:
    """For each suppressed cell the least and the greatest value it can take given the
    published cells, the relations and that a suppressed count is at least 1 (``math.inf``
    when nothing bounds it above)."""
    attacker = _Attacker(table, sorted(hidden), reach=math.inf)
    return {k: attacker.interval(k) for k in sorted(hidden)}


# --- the attacker: linear programs over the suppressed cells ------------------------------


class _Attacker:
    """The linear programs of a reader who knows the published cells and the relations."""

    def __init__(self, table: Table, hidden: Sequence[int], *, reach: float) -> None:
        n = len(table.values)
        self.values = np.array(table.values, dtype=float)
        self.hidden = list(hidden)
        self.equations = _matrix(table.equations, n)
        self.inequalities = _matrix(table.inequalities, n)
        # The slack of each inequality at the true counts: how far a change may go.
        self.slack = -(self.inequalities @ self.values)
        columns = self.hidden
        self.a_eq = self.equations[:, columns]
        self.a_ub = self.inequalities[:, columns]
        # How far each cell may move if suppressed: down to 1 and at most ``reach`` either way.
        self.down = np.minimum(np.maximum(self.values - 1.0, 0.0), reach)
        self.up = np.full(n, reach)
        self.bounds = [(-self.down[j], self.up[j]) for j in columns]

    def _solve(
        self, k: int, sign: float
    ) -> tuple[float, np.ndarray, np.ndarray, frozenset[int]] | None:
        """The largest change of cell ``k`` upwards (sign -1) or downwards (+1), the duals and
        the cells the change moves; ``None`` when unbounded."""
        cost = np.zeros(len(self.hidden))
        cost[self.hidden.index(k)] = sign
        result = linprog(
            cost,
            A_ub=self.a_ub if self.a_ub.shape[0] else None,
            b_ub=self.slack if self.a_ub.shape[0] else None,
            A_eq=self.a_eq if self.a_eq.shape[0] else None,
            b_eq=np.zeros(self.a_eq.shape[0]) if self.a_eq.shape[0] else None,
            bounds=self.bounds,
            method="highs",
        )
        if result.status == 3:
            return None
        if result.status != 0 or result.x is None or result.fun is None:  # pragma: no cover
            # The true counts are always a solution, so this is a solver failure.
            raise TableError(f"the attacker's program failed: {result.message}")
        eq = result.eqlin.marginals if self.a_eq.shape[0] else np.zeros(0)
        ub = result.ineqlin.marginals if self.a_ub.shape[0] else np.zeros(0)
        moved = frozenset(self.hidden[i] for i in np.flatnonzero(np.abs(result.x) > _EPS))
        return -float(result.fun), eq, ub, moved

    def interval(self, k: int) -> tuple[float, float]:
        up = self._solve(k, -1.0)
        down = self._solve(k, 1.0)
        value = float(self.values[k])
        return (
            -math.inf if down is None else value - down[0],
            math.inf if up is None else value + up[0],
        )

    def width_and_cut(self, k: int) -> tuple[float, np.ndarray, float, frozenset[int]]:
        """How wide cell ``k``'s interval is; a cut ``coef @ y + constant >= width(y)`` valid
        for every pattern ``y`` (weak duality); the cells the widest changes move."""
        width = 0.0
        coef = np.zeros(len(self.values))
        constant = 0.0
        witness: frozenset[int] = frozenset()
        for sign in (-1.0, 1.0):
            solved = self._solve(k, sign)
            if solved is None:
                return math.inf, coef, 0.0, frozenset(self.hidden)
            gain, eq, ub, moved = solved
            width += gain
            witness |= moved
            # Reduced costs over all cells (the published ones have their change fixed at 0):
            # by weak duality the gain under any pattern is at most what they price.
            cost = np.zeros(len(self.values))
            cost[k] = sign
            reduced = cost - self.equations.T @ eq - self.inequalities.T @ ub
            coef += self.down * np.maximum(reduced, 0) + self.up * np.maximum(-reduced, 0)
            constant -= float(ub @ self.slack)
        return width, coef, constant, witness


def _matrix(relations: Sequence[Relation], n: int) -> np.ndarray:
    matrix = np.zeros((len(relations), n))
    for i, relation in enumerate(relations):
        for j, c in relation:
            matrix[i, j] += c
    return matrix


# --- the master problem --------------------------------------------------------------------


class _Solver:
    def __init__(self, table: Table, level: int) -> None:
        self.table = table
        self.level = float(level)
        values = np.array(table.values, dtype=float)
        self.n = len(values)
        weights = np.ones(self.n) if table.weights is None else np.array(table.weights)
        self.cost = weights * (1.0 + values / (values.sum() + 1.0))
        self.rows: list[np.ndarray] = []
        self.rhs: list[float] = []
        self._alone()

    def _alone(self) -> None:
        """Cuts that hold for any protecting pattern, from one equation at a time: no
        suppressed cell alone in an equation (it would follow by subtraction), and a cell
        ``k`` that can go down by only ``d`` (to 1) needs ``level - d`` of room upwards, which
        only the other cells of the equation can give: those on its side by going down (to
        1), those on the other side by going up. Not needed for correctness; they save most
        of the rounds."""
        values = np.array(self.table.values, dtype=float)
        down = np.minimum(np.maximum(values - 1.0, 0.0), self.level)
        for relation in self.table.equations:
            sign = {j: c for j, c in relation if c}
            cells = sorted(sign)
            for k in cells:
                row = np.zeros(self.n)
                row[cells] = 1.0
                row[k] = -1.0
                self.rows.append(row)
                self.rhs.append(0.0)
                need = self.level - down[k]
                if need <= _EPS:
                    continue
                room = np.zeros(self.n)
                for j in cells:
                    if j != k:
                        room[j] = down[j] if sign[j] * sign[k] > 0 else self.level
                room = np.minimum(room, need)
                room[k] = -need
                self.rows.append(room)
                self.rhs.append(0.0)

    def solve(self, first: frozenset[int]) -> frozenset[int]:
        low = np.zeros(self.n)
        high = np.ones(self.n)
        low[list(first)] = 1.0
        for j, v in enumerate(self.table.values):
            if v == 0 or j in self.table.keep:
                high[j] = 0.0
        # A cell found wide enough stays so while every cell its widest changes moved is
        # still suppressed (the same changes remain possible): no need to ask again.
        wide: dict[int, frozenset[int]] = {}
        hidden: set[int] = set()
        for round_number in itertools.count():
            if round_number > _FREE_ROUNDS:
                low[sorted(hidden)] = 1.0
            hidden = self._master(low, high)
            # The attacker of the search moves no cell by more than the protection level: a
            # pattern that protects against this weaker attacker protects against any (a
            # smaller range only narrows the intervals), and the cuts are much tighter.
            attacker = _Attacker(self.table, sorted(hidden), reach=self.level)
            cuts = 0
            for k in sorted(hidden):
                if k in wide and wide[k] <= hidden:
                    continue
                width, coef, constant, witness = attacker.width_and_cut(k)
                if width >= self.level - _EPS:
                    wide[k] = witness
                    continue
                # sum over j != k of coef_j y_j >= need * y_k; over binaries no coefficient
                # needs to exceed ``need`` (a tighter relaxation for the same solutions).
                need = self.level - constant - coef[k]
                row = np.minimum(coef, need)
                row[np.abs(row) < 1e-9] = 0.0
                row[k] = -need
                self.rows.append(row)
                self.rhs.append(0.0)
                cuts += 1
            if not cuts:
                return frozenset(hidden)
        raise AssertionError("unreachable")  # pragma: no cover

    def _master(self, low: np.ndarray, high: np.ndarray) -> set[int]:
        constraints = []
        if self.rows:
            matrix = sparse.csr_array(np.vstack(self.rows))
            constraints.append(LinearConstraint(matrix, np.array(self.rhs) - 1e-6, np.inf))
        result = milp(
            self.cost,
            integrality=np.ones(self.n, dtype=np.int64),
            bounds=Bounds(low, high),
            constraints=constraints,
        )
        if result.status != 0 or result.x is None:
            raise TableError(f"the table cannot be protected: {result.message}")
        return {j for j in range(self.n) if result.x[j] > 0.5}

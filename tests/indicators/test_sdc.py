"""The disclosure control of linked tables (``werkbrug.indicators.sdc``): what it suppresses,
and, on random small tables with their margins, that every suppressed cell keeps an interval
at least the protection level wide."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from werkbrug.indicators.sdc import Table, TableError, intervals, primary, protect


def two_way(counts: list[list[int]]) -> Table:
    """An r x c table with its row totals, column totals and grand total, row by row:
    cells ``[row 0 ..., row total 0, row 1 ..., ..., column totals ..., grand total]``."""
    r, c = len(counts), len(counts[0])
    width = c + 1
    grid = [[*row, sum(row)] for row in counts]
    grid.append([sum(col) for col in zip(*grid, strict=True)])
    values = tuple(v for row in grid for v in row)
    equations = []
    for i in range(r + 1):
        equations.append(((i * width + c, 1), *((i * width + j, -1) for j in range(c))))
    for j in range(width):
        equations.append(((r * width + j, 1), *((i * width + j, -1) for i in range(r))))
    return Table(values, tuple(equations))


def audit(table: Table, hidden: frozenset[int]) -> dict[int, float]:
    """Written apart from the module: the width of each suppressed cell's interval, by linear
    programs over the suppressed cells (each at least 1) with the published ones fixed."""
    cells = sorted(hidden)
    if not cells:
        return {}
    n = len(table.values)
    matrix = np.zeros((len(table.equations), n))
    for i, relation in enumerate(table.equations):
        for j, coefficient in relation:
            matrix[i, j] += coefficient
    published = np.array([0 if j in hidden else v for j, v in enumerate(table.values)])
    widths = {}
    for column, k in enumerate(cells):
        ends = []
        for sign in (1.0, -1.0):
            cost = np.zeros(len(cells))
            cost[column] = sign
            result = linprog(
                cost,
                A_eq=matrix[:, cells],
                b_eq=-(matrix @ published),
                bounds=(1, None),
                method="highs",
            )
            ends.append(sign * result.fun if result.status == 0 else -sign * np.inf)
        widths[k] = ends[1] - ends[0]
    return widths


def test_a_small_cell_and_its_partners_in_both_directions() -> None:
    table = two_way([[3, 20, 30], [25, 40, 12]])
    hidden = protect(table, 10)
    # The 3 needs a partner in its row and one in its column, and they another: of the four
    # cells' rectangles, 3, 30 / 25, 12 hides the fewest persons (70; 3, 20 / 25, 40: 88).
    assert hidden == {0, 2, 4, 6}
    assert all(width >= 5 for width in audit(table, hidden).values())


def test_zeros_are_published_and_never_partners() -> None:
    table = two_way([[0, 4, 30], [0, 25, 12]])
    hidden = protect(table, 10)
    assert primary(table, 10) == {1}
    assert not hidden & {0, 4}
    assert all(width >= 5 for width in audit(table, hidden).values())


def test_nothing_to_hide_hides_nothing() -> None:
    assert protect(two_way([[10, 20], [30, 40]]), 10) == frozenset()
    assert protect(two_way([[1, 2], [3, 4]]), 1) == frozenset()


def test_the_protection_level_can_be_chosen() -> None:
    table = two_way([[3, 20, 30], [25, 40, 12]])
    strict = protect(table, 10, 15)
    widths = audit(table, strict)
    assert min(widths.values()) >= 15
    assert audit(table, protect(table, 10)) != widths or strict == protect(table, 10)


def test_intervals_of_the_module_agree_with_the_audit() -> None:
    table = two_way([[3, 20, 30], [25, 40, 12]])
    hidden = protect(table, 10)
    found = intervals(table, hidden)
    widths = audit(table, hidden)
    assert {k: hi - lo for k, (lo, hi) in found.items()} == pytest.approx(widths)


def test_a_table_that_breaks_its_own_relations_is_refused() -> None:
    bad = Table((3, 1, 1), (((0, 1), (1, -1), (2, -1)),))
    with pytest.raises(TableError, match="equation"):
        protect(bad, 10)
    with pytest.raises(TableError, match="negative"):
        protect(Table((-1,)), 10)
    with pytest.raises(ValueError, match="min_cell"):
        protect(Table((1,)), 0)


small_tables = st.integers(2, 3).flatmap(
    lambda r: st.integers(2, 3).flatmap(
        lambda c: st.lists(
            st.lists(
                st.sampled_from([0, 0, 1, 2, 4, 7, 9, 10, 12, 25, 40]), min_size=c, max_size=c
            ),
            min_size=r,
            max_size=r,
        )
    )
)


@settings(max_examples=25, deadline=None)
@given(small_tables)
def test_every_suppressed_cell_is_protected(counts: list[list[int]]) -> None:
    table = two_way(counts)
    hidden = protect(table, 10)
    for j, value in enumerate(table.values):
        if 0 < value < 10:
            assert j in hidden, "a count below the minimum is published"
        if value == 0:
            assert j not in hidden, "a zero is suppressed"
    for k, width in audit(table, hidden).items():
        assert width >= 5 - 1e-6, (k, width)

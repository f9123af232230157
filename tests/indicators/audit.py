"""An independent check of a suppressed report: can any suppressed count be recovered?

The report's counts obey linear equations: the partitions of each row and, across rows, the
totals as the sums of the projects. A suppressed count is recoverable exactly when its unit
vector lies in the row space of those equations restricted to the suppressed counts (the
published counts are known numbers): equivalently, when every solution of the homogeneous
system over the suppressed counts leaves it at zero. We test that with the reduced row
echelon form of those equations: a suppressed count is fixed when it is a pivot whose row has
no free (undetermined) count in it. (Floats with partial pivoting suffice: the coefficients
are -1, 0 and 1.)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from werkbrug.indicators import COUNT_PATHS, ROW_PARTITIONS, get_path


def equations(n_rows: int) -> tuple[list[tuple[int, str]], np.ndarray]:
    """The cells (row 0 the totals) and one equation per row: coefficients over the cells."""
    cells = [(i, path) for i in range(n_rows) for path in COUNT_PATHS]
    index = {cell: k for k, cell in enumerate(cells)}
    rows: list[np.ndarray] = []
    for i in range(n_rows):
        for total, parts in ROW_PARTITIONS:
            equation = np.zeros(len(cells))
            equation[index[(i, total)]] = 1
            for part in parts:
                equation[index[(i, part)]] -= 1
            rows.append(equation)
    for path in COUNT_PATHS:
        equation = np.zeros(len(cells))
        equation[index[(0, path)]] = 1
        for i in range(1, n_rows):
            equation[index[(i, path)]] -= 1
        rows.append(equation)
    return cells, np.array(rows)


def recoverable(report: dict[str, Any]) -> list[str]:
    """The JSON paths of suppressed counts that the published counts determine."""
    rows = [report["totals"], *report["projects"]]
    prefixes = ["totals", *(f"projects[{i}]" for i in range(len(report["projects"])))]
    cells, matrix = equations(len(rows))
    hidden = [k for k, (i, path) in enumerate(cells) if get_path(rows[i], path) is None]
    if not hidden:
        return []
    reduced, pivots = _rref(matrix[:, hidden])
    free = [j for j in range(len(hidden)) if j not in pivots]
    found = []
    for row, column in enumerate(pivots):
        if not free or np.abs(reduced[row, free]).max() < 1e-9:
            i, path = cells[hidden[column]]
            found.append(f"{prefixes[i]}.{path}")
    return found


def _rref(matrix: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """The reduced row echelon form of ``matrix`` and the pivot column of each of its rows."""
    reduced = matrix.astype(float)
    pivots: list[int] = []
    for column in range(reduced.shape[1]):
        row = len(pivots)
        if row == reduced.shape[0]:
            break
        best = row + int(np.argmax(np.abs(reduced[row:, column])))
        if abs(reduced[best, column]) < 1e-9:
            continue
        reduced[[row, best]] = reduced[[best, row]]
        reduced[row] /= reduced[row, column]
        others = np.arange(reduced.shape[0]) != row
        reduced[others] -= np.outer(reduced[others, column], reduced[row])
        pivots.append(column)
    return reduced, pivots


# The bounds a reader knows within a row, written here apart from the code under test:
# (smaller, larger).
BOUNDS = (
    ("age_bands.known", "reached"),
    ("education_counts.known", "reached"),
    ("contract_counts.known", "transitions"),
    ("fulltime.known", "transitions"),
    ("fulltime.count", "fulltime.known"),
)


def intervals(
    report: dict[str, Any], full: dict[str, Any], *, least: int = 1
) -> dict[str, tuple[float, float]]:
    """For each suppressed count of ``report`` (the public version of ``full``) the least and
    greatest value a reader can give it: linear programs over the suppressed counts with the
    published counts, the partitions, the totals as sums of the projects and the bounds
    above, every suppressed count at least ``least`` (1: zeros are published)."""
    from scipy.optimize import linprog

    rows = [report["totals"], *report["projects"]]
    truth = [full["totals"], *full["projects"]]
    prefixes = ["totals", *(f"projects[{i}]" for i in range(len(report["projects"])))]
    cells, matrix = equations(len(rows))
    index = {cell: k for k, cell in enumerate(cells)}
    hidden = [k for k, (i, path) in enumerate(cells) if get_path(rows[i], path) is None]
    if not hidden:
        return {}
    known = np.array(
        [get_path(truth[i], p) if k not in hidden else 0 for k, (i, p) in enumerate(cells)]
    )
    a_eq = matrix[:, hidden]
    b_eq = -(matrix @ known)
    upper = []
    for i in range(len(rows)):
        for smaller, larger in BOUNDS:
            row = np.zeros(len(cells))
            row[index[(i, smaller)]] = 1
            row[index[(i, larger)]] = -1
            upper.append(row)
    a_ub = np.array(upper)[:, hidden]
    b_ub = -(np.array(upper) @ known)
    found = {}
    for column, k in enumerate(hidden):
        ends = []
        for sign in (1.0, -1.0):
            cost = np.zeros(len(hidden))
            cost[column] = sign
            result = linprog(
                cost,
                A_ub=a_ub,
                b_ub=b_ub,
                A_eq=a_eq,
                b_eq=b_eq,
                bounds=(least, None),
                method="highs",
            )
            assert result.status in (0, 3), result.message
            ends.append(sign * result.fun if result.status == 0 else -sign * np.inf)
        i, path = cells[k]
        found[f"{prefixes[i]}.{path}"] = (ends[0], ends[1])
    return found

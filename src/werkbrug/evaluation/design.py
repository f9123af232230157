"""Design matrices for the regression models, built defensively.

Why a module of its own: with nine projects, project attributes are often constant or
exact combinations of each other (in the demo, every project without a union also has no
formal agreement). A model fitted on such columns either fails or reports meaningless
numbers. :func:`design_matrix` therefore leaves out what cannot be estimated *and says so*
in ``warnings``, so that a reader sees which factor could not be separated from which.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from werkbrug.evaluation.notes import Note

__all__ = ["DEFAULT_REFERENCES", "Design", "design_matrix", "drop_separating"]

#: Reference levels of categorical covariates: the group the others are compared with.
DEFAULT_REFERENCES: Final[Mapping[str, str]] = {
    "education": "low",
    "situation": "threatened",
    "network": "region",
    "gender": "m",
    "formal_agreement": "none",
}

# Relative size of an eigenvalue of the scaled cross-product below which a column adds
# nothing new: far above rounding error, far below any real variation.
_RANK_TOLERANCE: Final = 1e-9


@dataclass
class Design:
    """A numeric design matrix, the rows it kept and what had to be left out."""

    matrix: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    #: For every design column, the frame column it came from.
    sources: dict[str, str] = field(default_factory=dict)


def _is_categorical(values: pd.Series[Any]) -> bool:
    return not (pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values))


def _whole_groups(frame: pd.DataFrame, rows: pd.Series[bool], group: str | None) -> list[str]:
    """The groups (projects) whose rows are exactly the missing rows, if at most five."""
    if group is None:
        return []
    names = sorted(str(g) for g in frame.loc[rows, group].unique())
    whole = frame[group].isin(names)
    if len(names) > 5 or not bool((whole == rows).all()):
        return []
    return names


def _complete_rows(
    frame: pd.DataFrame, columns: Sequence[str], group: str | None, design: Design
) -> pd.DataFrame:
    missing = frame[list(columns)].isna()
    for column in columns:
        count = int(missing[column].sum())
        if count:
            design.warnings.append(
                Note(
                    "rows_unknown",
                    count=count,
                    total=len(frame),
                    column=column,
                    group=group,
                    groups=_whole_groups(frame, missing[column], group),
                )
            )
    return frame.loc[~missing.any(axis=1)]


def _dummies(
    values: pd.Series[Any],
    column: str,
    reference: str | None,
    design: Design,
) -> pd.DataFrame:
    counts = values.astype(str).value_counts()
    if counts.empty:
        # No complete rows at all (every row lacks some covariate): no levels, no columns;
        # the model reports that it has too few rows instead of failing here.
        return pd.DataFrame(index=values.index)
    levels = sorted(counts.index)
    base = reference if reference in counts.index else str(counts.index[0])
    if reference is not None and reference not in counts.index and len(levels) > 1:
        design.warnings.append(
            Note("reference_absent", column=column, reference=reference, base=base)
        )
    out = pd.DataFrame(index=values.index)
    for level in levels:
        if level != base:
            name = f"{column}={level}"
            out[name] = (values.astype(str) == level).astype("float64")
            design.sources[name] = column
    return out


def _numeric(frame: pd.DataFrame, covariates: Sequence[str], design: Design) -> pd.DataFrame:
    parts: list[pd.DataFrame] = []
    for column in covariates:
        values = frame[column]
        if _is_categorical(values):
            parts.append(_dummies(values, column, DEFAULT_REFERENCES.get(column), design))
        else:
            parts.append(pd.DataFrame({column: values.astype("float64")}, index=frame.index))
            design.sources[column] = column
    if not parts:
        return pd.DataFrame(index=frame.index)
    return pd.concat(parts, axis=1)


def _drop_constant(matrix: pd.DataFrame, design: Design) -> pd.DataFrame:
    constant = [c for c in matrix.columns if matrix[c].nunique() <= 1]
    for column in constant:
        design.warnings.append(Note("constant", column=str(column)))
    design.dropped.extend(constant)
    return matrix.drop(columns=constant)


def _adds_rank(gram: NDArray[np.float64], kept: list[int], candidate: int) -> bool:
    chosen = [*kept, candidate]
    eigenvalues = np.linalg.eigvalsh(gram[np.ix_(chosen, chosen)])
    return bool(eigenvalues.min() > _RANK_TOLERANCE * max(eigenvalues.max(), 1.0))


def _partners(
    gram: NDArray[np.float64], kept: list[int], candidate: int, names: pd.Index[Any]
) -> list[str]:
    """The kept columns that ``candidate`` is a combination of (their weights are not 0);
    none when it is constant, a multiple of the intercept."""
    if not kept:
        return []
    block = gram[np.ix_(kept, kept)]
    weights = np.linalg.lstsq(block, gram[kept, candidate], rcond=None)[0]
    return [str(names[k]) for k, w in zip(kept, weights, strict=True) if abs(w) > 1e-6]


def _drop_collinear(matrix: pd.DataFrame, intercept: bool, design: Design) -> pd.DataFrame:
    values = matrix.to_numpy(dtype="float64")
    centred = values - values.mean(axis=0) if intercept else values
    norms = np.sqrt((centred**2).sum(axis=0))
    scaled = centred / np.where(norms > 0, norms, 1.0)
    gram = scaled.T @ scaled
    kept: list[int] = []
    for index, column in enumerate(matrix.columns):
        if _adds_rank(gram, kept, index):
            kept.append(index)
            continue
        partners = _partners(gram, kept, index, matrix.columns)
        design.warnings.append(Note("collinear", column=str(column), partners=partners))
        design.dropped.append(str(column))
    return matrix.iloc[:, kept]


def design_matrix(
    frame: pd.DataFrame,
    covariates: Sequence[str],
    *,
    intercept: bool = True,
    extra: Sequence[str] = (),
    group: str | None = None,
) -> tuple[Design, pd.DataFrame]:
    """Numeric design for ``covariates`` of ``frame`` and the complete rows it came from.

    Rows with a missing covariate (or ``extra`` column, e.g. the outcome) are left out with
    a warning; text columns become 0/1 indicators against :data:`DEFAULT_REFERENCES` (or the
    most common level); booleans become 0/1; constant columns and columns that are exact
    linear combinations of earlier ones (and the intercept) are left out with a warning
    naming them. The intercept itself is not part of the matrix. Returns the design and the
    kept rows of ``frame`` (same index). ``group`` (e.g. ``"project"``) only improves the
    warnings: rows left out for a whole project are reported by project name.
    """
    design = Design(pd.DataFrame())
    rows = _complete_rows(frame, [*covariates, *extra], group, design)
    matrix = _numeric(rows, covariates, design)
    matrix = _drop_constant(matrix, design)
    if len(matrix.columns):
        matrix = _drop_collinear(matrix, intercept, design)
    design.matrix = matrix
    return design, rows


def drop_separating(
    matrix: pd.DataFrame,
    outcome: pd.Series[Any],
    notes: list[str],
    model: str,
    *,
    always_too: bool = True,
) -> pd.DataFrame:
    """Leave out 0/1 columns with a level in which the 0/1 ``outcome`` never (or always) occurs.

    Such a column "separates" the outcome: its maximum-likelihood coefficient is infinite
    (a logit or Cox fit runs off to ±infinity with a meaningless interval), so it is left out
    with a note saying why rather than shown as a number. For a Cox model only a level
    without any event separates (``always_too=False``): everyone having the event still
    leaves their timing to estimate.
    """
    drop: list[str] = []
    for column in matrix.columns:
        values = matrix[column]
        if not values.isin((0.0, 1.0)).all():
            continue
        for level in (0.0, 1.0):
            share = float(outcome[values == level].mean())
            if share == 0.0 or (always_too and share == 1.0):
                state = "none" if share == 0.0 else "all"
                notes.append(
                    Note(
                        "separation", column=str(column), model=model, state=state, level=int(level)
                    )
                )
                drop.append(str(column))
                break
    return matrix.drop(columns=drop)

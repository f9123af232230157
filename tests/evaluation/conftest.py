"""Shared data for the evaluation tests: the demo's final delivery and synthetic frames."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import werkbrug
from werkbrug.evaluation import delivery_frame

DEMO = Path(werkbrug.__file__).parent / "demo" / "data" / "eindrapportage"


@pytest.fixture(scope="session")
def demo() -> tuple[pd.DataFrame, dt.date]:
    """The final delivery of the nine experiments, censored at its delivery date."""
    return delivery_frame(DEMO)


def synthetic_frame(
    n: int = 600, *, projects: int = 12, seed: int = 0, tied: bool = True
) -> pd.DataFrame:
    """Participants in ``projects`` projects with a known effect of ``network`` and age.

    Transition hazard doubles in sector networks; no_work and dropout compete; everyone
    still in a trajectory after 400 days is censored. Durations are whole days when
    ``tied`` (as in real deliveries), continuous otherwise.
    """
    rng = np.random.default_rng(seed)
    project = rng.integers(0, projects, n)
    sector = (np.arange(projects) % 2 == 0)[project]
    age = rng.normal(45, 8, n)
    rate = 1 / 200 * np.where(sector, 2.0, 1.0) * np.exp(0.02 * (age - 45))
    times = {
        "transition": rng.exponential(1 / rate),
        "no_work": rng.exponential(600, n),
        "dropout": rng.exponential(1500, n),
    }
    stacked = np.column_stack(list(times.values()))
    first = stacked.min(axis=1)
    event = np.array(list(times))[stacked.argmin(axis=1)].astype(object)
    censor = rng.uniform(100, 400, n)
    event = np.where(first > censor, "censored", event)
    duration = np.minimum(first, censor)
    if tied:
        duration = np.ceil(duration)
    return pd.DataFrame(
        {
            "participant": [f"P{i}" for i in range(n)],
            "project": [f"p{p:02d}" for p in project],
            "duration_days": duration,
            "event": event,
            "transition": event == "transition",
            "age": age,
            "education": rng.choice(["low", "middle", "high"], n),
            "situation": "threatened",
            "gender": rng.choice(["f", "m"], n),
            "network": np.where(sector, "sector", "region"),
            "union_involved": (np.arange(projects) % 3 != 0)[project],
            "formal_agreement_any": True,
            "individual_contribution": (np.arange(projects) % 4 == 1)[project],
            "employer_contribution": (np.arange(projects) % 5 != 2)[project],
        }
    )

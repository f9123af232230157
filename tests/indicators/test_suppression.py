"""Small-cell suppression: primary, secondary (rows and the totals' columns), derived values."""

from __future__ import annotations

import copy
from collections import Counter

import pytest

from tests.indicators.audit import intervals, recoverable
from werkbrug.indicators import (
    ProjectFacts,
    ProjectInfo,
    Report,
    ReportSettings,
    build_report,
    compare,
    get_path,
    suppress,
)
from werkbrug.indicators.suppression import set_path


def facts(
    *,
    ongoing: int = 0,
    outcomes: dict[str, int] | None = None,
    ages: dict[int, int] | None = None,
    education: dict[str, int] | None = None,
    contract: dict[str, int] | None = None,
    fulltime: int = 0,
    parttime: int = 0,
) -> ProjectFacts:
    by_outcome = Counter(outcomes or {})
    return ProjectFacts(
        reached=sum(by_outcome.values()) + ongoing,
        by_outcome=by_outcome,
        ages=Counter(ages or {}),
        education=Counter(education or {}),
        contract=Counter(contract or {}),
        fulltime=fulltime,
        parttime=parttime,
    )


A = facts(
    ongoing=10,
    outcomes={"work": 20, "no_work": 10},
    ages={30: 40},
    education={"low": 3, "middle": 17, "high": 20},
    contract={"fixed_term": 12, "permanent": 8},
    fulltime=15,
    parttime=5,
)
B = facts(
    ongoing=10,
    outcomes={"work": 25, "no_work": 15},
    ages={50: 50},
    education={"low": 12, "middle": 18, "high": 20},
    contract={"fixed_term": 15, "permanent": 10},
    fulltime=20,
    parttime=5,
)
PROJECTS = [
    ProjectInfo("a", "A", 30, 20, network="sector", union_involved=True, continuation="stopped"),
    ProjectInfo("b", "B", 50, 25),
]


def narrow(public: Report, full: Report) -> dict[str, tuple[float, float]]:
    """The suppressed counts a reader can narrow to less than the protection (5 for 10)."""
    level = public["settings"]["min_cell"] // 2
    return {p: e for p, e in intervals(public, full).items() if e[1] - e[0] < level - 1e-6}


def report(projects: list[ProjectInfo], **by_code: ProjectFacts) -> Report:
    return build_report(
        delivery="d",
        delivered_on=None,
        projects=projects,
        facts=by_code,
        settings=ReportSettings(),
    )


def test_primary_and_secondary_in_rows_and_columns() -> None:
    public = suppress(report(PROJECTS, a=A, b=B), 10)
    # a: low 3 and permanent 8 are below 10. Their rows: the next-smallest of the partition
    # (middle 17; fixed-term 12). Their columns: b's low 12 and b's permanent 10, which take
    # b's middle 18 and b's fixed-term 15 along in b's row. The totals stay published.
    cells = [
        "education_counts.low",
        "education_counts.middle",
        "contract_counts.fixed_term",
        "contract_counts.permanent",
        "education.low",
        "education.middle",
        "contract.fixed_term",
        "contract.permanent",
    ]
    assert public["suppressed"] == [f"projects[{i}].{c}" for i in (0, 1) for c in cells]
    for path in public["suppressed"]:
        row, _, rest = path.partition(".")
        assert get_path(public["projects"][int(row[-2])], rest) is None
    assert public["totals"]["education_counts"] == {
        "low": 15,
        "middle": 35,
        "high": 40,
        "known": 90,
    }
    assert public["projects"][0]["education_counts"]["high"] == 20
    assert public["projects"][0]["education"]["high"] == 0.5
    assert recoverable(public) == []


def test_zero_is_published_and_the_minimum_itself_too() -> None:
    public = suppress(report(PROJECTS, a=A, b=B), 10)
    a = public["projects"][0]
    assert a["by_outcome"]["learn_work"] == 0
    assert a["contract_counts"]["agency"] == 0
    assert a["ongoing"] == 10
    assert a["by_outcome"]["no_work"] == 10
    assert a["contract"]["agency"] == 0.0


def test_shares_with_a_small_denominator() -> None:
    small = facts(
        ongoing=20,
        outcomes={"work": 5},
        education={"middle": 25},
        contract={"permanent": 5},
        fulltime=5,
    )
    row = suppress(report([ProjectInfo("s", "S", 10, 10)], s=small), 10)["projects"][0]
    assert row["transitions"] is None
    assert row["transition_rate"] is None  # numerator suppressed
    assert row["transition_rate_finished"] is None  # denominator 5 < 10
    assert row["contract"] == dict.fromkeys(row["contract"])
    assert row["contract_counts"]["permanent"] is None
    assert row["contract_counts"]["fixed_term"] == 0
    assert row["fulltime"] == {"share": None, "known": None, "count": None, "threshold": 36.0}
    assert row["transition_target_ratio"] is None
    assert row["reached"] == 25
    assert row["reach_ratio"] == 2.5
    # education: middle 25 of 25 known: nothing small.
    assert row["education"]["middle"] == 1.0


def test_a_lone_suppressed_cell_gets_a_partner() -> None:
    # reached 40 = finished 31 + ongoing 9: ongoing alone would be 40 - 31. Hiding reached
    # (and the totals', the same row) costs two counts; finished would take more along.
    f = facts(ongoing=9, outcomes={"work": 20, "no_work": 11})
    full = report([ProjectInfo("s", "S", 10, 10)], s=f)
    row = suppress(full, 10)
    assert row["projects"][0]["ongoing"] is None
    assert row["projects"][0]["reached"] is None
    assert row["projects"][0]["finished"] == 31
    assert recoverable(row) == []
    assert narrow(row, full) == {}


def test_targets_names_and_attributes_are_never_suppressed() -> None:
    tiny = facts(outcomes={"work": 1})
    projects = [ProjectInfo("t", "Tiny", 2, 1, network="region", continuation="intends")]
    public = suppress(report(projects, t=tiny), 10)
    row = public["projects"][0]
    assert row["reached"] is None
    assert (row["code"], row["name"], row["target_participants"], row["target_transitions"]) == (
        "t",
        "Tiny",
        2,
        1,
    )
    assert (row["network"], row["continuation"]) == ("region", "intends")
    assert public["totals"]["projects"] == 1
    assert public["totals"]["target_participants"] == 2
    assert public["totals"]["reached"] is None  # the total of one project is that project


def test_a_suppressed_reach_class_suppresses_the_class_counts() -> None:
    c = facts(ongoing=5)  # reached 5 of a target of 5: near
    projects = [*PROJECTS, ProjectInfo("c", "C", 5, 5)]
    full = report(projects, a=A, b=B, c=c)
    assert full["totals"]["reach_classes"] == {"above": 1, "near": 2, "below": 0}
    public = suppress(full, 10)
    assert public["projects"][2]["reach_class"] is None
    assert public["projects"][2]["reach_ratio"] is None
    assert public["totals"]["reach_classes"] == {"above": None, "near": None, "below": None}
    assert "totals.reach_classes.near" in public["suppressed"]
    # c's reached is protected by the totals' (and both ongoing), so a and b keep theirs.
    assert public["totals"]["reached"] is None
    assert public["projects"][0]["reach_class"] == "above"
    assert recoverable(public) == []
    assert narrow(public, full) == {}


def test_a_project_with_target_zero_keeps_the_class_counts() -> None:
    c = facts(ongoing=5)
    projects = [ProjectInfo("a", "A", 30, 20), ProjectInfo("c", "C", 0, 0)]
    public = suppress(report(projects, a=A, c=c), 10)
    assert public["projects"][1]["reach_class"] is None
    # c has no class to hide (target 0), so the class counts stay published.
    assert public["projects"][0]["reach_class"] == "above"
    assert public["totals"]["reach_classes"]["above"] == 1


def test_report_level_flags_and_settings() -> None:
    full = report(PROJECTS, a=A, b=B)
    public = suppress(full, 5)
    assert full["public"] is False
    assert full["suppressed"] == []
    assert public["public"] is True
    assert public["settings"]["public"] is True
    assert public["settings"]["min_cell"] == 5
    assert public["suppressed"] == [
        "projects[0].education_counts.low",
        "projects[0].education_counts.middle",
        "projects[0].education.low",
        "projects[0].education.middle",
        "projects[1].education_counts.low",
        "projects[1].education_counts.middle",
        "projects[1].education.low",
        "projects[1].education.middle",
    ]


def test_suppress_is_pure_and_idempotent() -> None:
    full = report(PROJECTS, a=A, b=B)
    kept = copy.deepcopy(full)
    public = suppress(full, 10)
    assert full == kept
    assert suppress(public, 10) == public


def test_build_report_public_setting() -> None:
    settings = ReportSettings(public=True, min_cell=10)
    public = build_report(
        delivery="d",
        delivered_on=None,
        projects=PROJECTS,
        facts={"a": A, "b": B},
        settings=settings,
    )
    assert public == suppress(report(PROJECTS, a=A, b=B), 10)


def test_min_cell_must_be_positive() -> None:
    with pytest.raises(ValueError, match="min_cell"):
        suppress(report(PROJECTS, a=A, b=B), 0)


def test_min_cell_one_suppresses_nothing() -> None:
    full = report(PROJECTS, a=A, b=B)
    public = suppress(full, 1)
    assert public["suppressed"] == []
    assert public["totals"] == full["totals"]


def test_comparison_of_a_public_report() -> None:
    before_b = facts(ongoing=20, outcomes={"work": 3}, contract={"permanent": 3})
    before = report(PROJECTS, a=A, b=before_b)
    after = suppress(report(PROJECTS, a=A, b=B), 10)
    result = compare(after, before)  # the other report is suppressed first
    totals = result["comparison"]["totals"]
    assert totals["by_outcome"]["work"] == 23
    # The other delivery's b has 3 permanent contracts (of 3 known, so its fixed-term 0 hides
    # too); a hides fixed-term and permanent. In the contract block both rows hide the same
    # three counts, so the published totals give nothing away.
    b_contract = result["comparison"]["totals"]["contract_counts"]
    assert b_contract == {**b_contract, "fixed_term": 12, "permanent": 11, "known": 23}
    assert "comparison.totals.contract_counts.permanent" not in result["suppressed"]
    assert "comparison.totals.contract.permanent" not in result["suppressed"]
    changes = {c["key"]: (c["before"], c["after"]) for c in result["comparison"]["changes"]}
    assert changes["contract.permanent"] == (11 / 23, 18 / 45)
    assert changes["transition_rate"] == (23 / 63, 45 / 90)


def test_suppressing_a_compared_report_suppresses_the_comparison_too() -> None:
    before_b = facts(ongoing=20, outcomes={"work": 3})
    before = report([ProjectInfo("b", "B", 50, 25)], b=before_b)
    after = report([ProjectInfo("b", "B", 50, 25)], b=B)
    public = suppress(compare(after, before), 10)
    totals = public["comparison"]["totals"]
    assert totals["transitions"] is None
    assert totals["by_outcome"]["work"] is None
    assert "comparison.totals.transitions" in public["suppressed"]
    assert public["suppressed"][-1].startswith("comparison.totals.")
    changes = {c["key"]: (c["before"], c["after"]) for c in public["comparison"]["changes"]}
    assert changes["transition_rate"] == (None, 25 / 50)


def test_a_row_hides_what_follows_by_combining_its_partitions() -> None:
    # ongoing 0 and no other outcome: reached = finished = transitions = work.
    f = facts(ongoing=0, outcomes={"work": 3})
    public = suppress(report([ProjectInfo("s", "S", 10, 10)], s=f), 10)
    row = public["projects"][0]
    assert row["reached"] is None
    assert row["by_outcome"]["work"] is None
    assert recoverable(public) == []


def test_hidden_counts_cannot_be_combined_across_projects_and_totals() -> None:
    # Found by the property test: with the totals of reached and of work published, two
    # projects whose counts all equal work could be solved for a third.
    rows = {
        "p0": facts(outcomes={"work": 1}),
        "p1": facts(outcomes={"learn_work": 1}),
        "p2": facts(outcomes={"work": 2}),
        "p3": facts(ongoing=2, outcomes={"learn_work": 1}),
    }
    projects = [ProjectInfo(code, code.upper(), 5, 5) for code in rows]
    public = suppress(report(projects, **rows), 3)
    assert recoverable(public) == []
    assert public["totals"]["by_outcome"]["no_work"] == 0


def test_the_audit_finds_what_one_subtraction_per_partition_misses() -> None:
    # What the rule "a partition with exactly one hidden cell takes a second one" hid here:
    # every partition has two hidden cells, yet p1 follows from reached and work totals.
    rows = {
        "p0": facts(outcomes={"work": 1}),
        "p1": facts(outcomes={"learn_work": 1}),
        "p2": facts(outcomes={"work": 2}),
        "p3": facts(ongoing=2, outcomes={"learn_work": 1}),
    }
    leaky = report([ProjectInfo(code, code, 5, 5) for code in rows], **rows)
    chain = ["reached", "transitions", "finished"]
    hide = {
        "totals": ["transitions", "finished", "ongoing", "by_outcome.learn_work"],
        "projects[0]": [*chain, "by_outcome.work"],
        "projects[1]": [*chain, "by_outcome.learn_work"],
        "projects[2]": [*chain, "by_outcome.work"],
        "projects[3]": ["transitions", "finished", "ongoing", "by_outcome.learn_work"],
    }
    for prefix, paths in hide.items():
        row = leaky["totals"] if prefix == "totals" else leaky["projects"][int(prefix[-2])]
        for path in paths:
            set_path(row, path, None)
    assert recoverable(leaky) == [f"projects[1].{path}" for path in hide["projects[1]"]]
    assert recoverable(report(PROJECTS, a=A, b=B)) == []  # nothing hidden, nothing to find


def test_a_large_report_is_protected_in_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    # Groups of two projects (the default is 9): the first with the totals and the sum of
    # the rest as a known row, the others each with its own sum as a known row.
    from werkbrug.indicators import suppression

    monkeypatch.setattr(suppression, "GROUP", 2)
    sizes = [(3, 20), (12, 4), (25, 2), (7, 30), (40, 1)]
    rows = {
        f"p{i}": facts(
            ongoing=o, outcomes={"work": w, "no_work": 5}, education={"middle": o + w + 5}
        )
        for i, (o, w) in enumerate(sizes)
    }
    projects = [ProjectInfo(code, code.upper(), 30, 20) for code in rows]
    full = report(projects, **rows)
    public = suppress(full, 10)
    assert recoverable(public) == []
    assert narrow(public, full) == {}
    every = [public["totals"], *public["projects"]]
    for row_full, row in zip([full["totals"], *full["projects"]], every, strict=True):
        for path in ("ongoing", "by_outcome.work", "by_outcome.no_work"):
            value = get_path(row_full, path)
            if 0 < value < 10:
                assert get_path(row, path) is None
            if value == 0:
                assert get_path(row, path) == 0

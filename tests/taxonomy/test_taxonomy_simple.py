"""The exchange format's small code lists."""

import pytest

from werkbrug.taxonomy import (
    ACTIVITY_KINDS,
    CONTINUATIONS,
    CONTRACTS,
    FORMAL_AGREEMENTS,
    GENDERS,
    NETWORKS,
    OUTCOMES,
    PARTNER_ROLES,
    SITUATIONS,
    TRANSITION_OUTCOMES,
    CodeList,
)


@pytest.mark.parametrize(
    ("code_list", "codes"),
    [
        (OUTCOMES, "work learn_work self_employed no_work dropout"),
        (CONTRACTS, "fixed_term permanent agency on_call other"),
        (
            PARTNER_ROLES,
            "employer employer_organisation union sector_fund training_institute"
            " knowledge_centre mediator poortwachter_centre",
        ),
        (NETWORKS, "sector region mixed"),
        (SITUATIONS, "threatened dismissed unemployed other"),
        (GENDERS, "f m x"),
        (FORMAL_AGREEMENTS, "none covenant steering_group both"),
        (CONTINUATIONS, "stopped continued adapted intends unknown"),
        (
            ACTIVITY_KINDS,
            "conversation mediation assessment training coaching internship learn_work"
            " application_support other",
        ),
    ],
    ids=lambda value: value.name.replace(" ", "_") if isinstance(value, CodeList) else None,
)
def test_the_codes_are_exactly_those_of_the_exchange_format(
    code_list: CodeList, codes: str
) -> None:
    assert code_list.codes == tuple(codes.split())


def test_transitions_are_work_learn_work_and_self_employment() -> None:
    assert frozenset({"work", "learn_work", "self_employed"}) == TRANSITION_OUTCOMES
    assert set(OUTCOMES.codes) >= TRANSITION_OUTCOMES
    assert isinstance(TRANSITION_OUTCOMES, frozenset)


def test_partner_roles_have_the_dutch_names_of_the_field() -> None:
    labels = {role.code: role.label("nl") for role in PARTNER_ROLES}
    assert labels["sector_fund"] == "sectorfonds (O&O-fonds)"
    assert labels["poortwachter_centre"] == "Poortwachtercentrum"
    assert labels["union"] == "vakbond"

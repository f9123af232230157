"""The matching profile is chosen from lists (issue 15: it wanted codes separated by |):
searchable multi-selects for occupations, sectors and skills; the service still gets the
typed ProfileValues."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.live.conftest import World
from werkbrug.matches.models import Profile
from werkbrug.vacancies.models import Vacancy
from werkbrug.vacancies.services import vacancy_create
from werkbrug.vacancies.values import VacancyValues


def _url(world: World) -> str:
    return reverse("matches:profile", kwargs={"pk": world.alice.pk})


def test_the_form_offers_lists_with_a_filter_box_and_no_bar_separated_codes(
    world: World,
) -> None:
    vacancy_create(
        actor=world.users["coordinator"],
        employer=world.employer,
        values=VacancyValues(title="Drukker", occupation="7322", skills="offset|heftruck"),
    )
    page = world.client("mediator").get(_url(world)).text
    for name in ("skills", "wanted_occupations", "wanted_sectors", "no_go_sectors"):
        assert re.search(rf'<select name="{name}"[^>]*multiple', page), name
        assert f'data-filter-for="id_{name}" hidden' in page
    assert '<option value="7322">7322 ' in page  # ISCO-08 with its label
    assert '<option value="C">C ' in page  # SBI sections
    assert '<option value="offset">offset</option>' in page  # skills the vacancies ask
    assert 'type="checkbox" name="contract_wishes" value="permanent"' in page
    assert "by |" not in page
    assert "Separated by |" not in page


def test_chosen_options_are_stored_as_the_typed_profile_and_shown_again(
    world: World, vacancies: list[Vacancy]
) -> None:
    client = world.client("mediator")
    response = client.post(
        _url(world),
        {
            "wanted_occupations": ["7322", "8143"],
            "wanted_sectors": ["C", "H"],
            "no_go_sectors": ["F"],
            "other_skills": "EHBO\nheftruck\nEHBO",
            "contract_wishes": ["permanent", "fixed_term"],
            "hours_wanted": "32",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(participant=world.alice)
    assert profile.wanted_occupations == "7322|8143"
    assert profile.wanted_sectors == "C|H"
    assert profile.no_go_sectors == "F"
    assert profile.skills == "EHBO|heftruck"
    assert profile.contract_wishes == "permanent|fixed_term"
    page = client.get(_url(world)).text
    assert '<option value="8143" selected>' in page
    assert '<option value="EHBO" selected>EHBO</option>' in page  # a typed skill is listed
    assert len(vacancies) == 2


def test_a_sector_both_wanted_and_ruled_out_is_refused_and_nothing_is_stored(
    world: World,
) -> None:
    response = world.client("mediator").post(
        _url(world), {"wanted_sectors": ["C"], "no_go_sectors": ["C"]}
    )
    assert response.status_code == 400
    assert "A sector cannot be both wanted and ruled out: C." in response.text
    assert not Profile.objects.filter(participant=world.alice).exists()


def test_a_code_not_in_the_list_is_refused(world: World) -> None:
    response = world.client("mediator").post(_url(world), {"wanted_occupations": ["9999"]})
    assert response.status_code == 400
    assert "Select a valid choice. 9999 is not one of the available choices." in response.text
    assert not Profile.objects.filter(participant=world.alice).exists()

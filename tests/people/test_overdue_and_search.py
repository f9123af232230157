"""The caseload and the participant page (issue 15): an overdue follow-up stands out, in
words and not by colour alone, and comes first; a filter link forgets the search term."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import translation

from tests.live.conftest import JOB, World
from werkbrug import clock
from werkbrug.people.views import SEARCH_KEY
from werkbrug.trajectories.models import FollowUp, Status
from werkbrug.trajectories.panels import follow_up_rows
from werkbrug.trajectories.services import trajectory_move


def _placed(world: World, who: str, days_ago: int) -> None:
    participant = getattr(world, who)
    actor = world.users["coordinator"]
    trajectory_move(
        actor=actor, trajectory=participant.trajectory, to=Status.ACTIVE, on=dt.date(2026, 3, 5)
    )
    trajectory_move(
        actor=actor,
        trajectory=participant.trajectory,
        to=Status.PLACED,
        on=clock.today() - dt.timedelta(days=days_ago),
        placement=JOB,
    )


def _rows(page: str) -> list[str]:
    return [r for r in page.split("<tr") if "<td>" in r]


def test_an_overdue_check_says_so_and_its_participant_comes_first(world: World) -> None:
    # Bob's first check (3 months after placement) is five months late; Alice, still in
    # intake and never contacted since, would otherwise come first.
    _placed(world, "bob", days_ago=92 + 160)
    page = world.client("coordinator").get(reverse("people:caseload")).text
    rows = _rows(page)
    assert "Bob Bakker" in rows[0]
    assert 'class="overdue"' in rows[0]
    assert "overdue by 5\xa0months" in rows[0]
    assert "overdue" not in rows[1]


def test_a_check_due_today_is_due_not_overdue(world: World) -> None:
    placed_on = clock.today() - dt.timedelta(days=1)
    trajectory = world.bob.trajectory
    actor = world.users["coordinator"]
    trajectory_move(actor=actor, trajectory=trajectory, to=Status.ACTIVE, on=dt.date(2026, 3, 5))
    trajectory_move(
        actor=actor, trajectory=trajectory, to=Status.PLACED, on=placed_on, placement=JOB
    )
    trajectory.refresh_from_db()
    trajectory.follow_ups.filter(months=3).update(due_on=clock.today())
    trajectory.next_follow_up_on = clock.today()
    trajectory.save(update_fields=["next_follow_up_on"])
    page = world.client("coordinator").get(reverse("people:caseload")).text
    row = next(r for r in _rows(page) if "Bob Bakker" in r)
    assert '<span class="badge due">due today</span>' in row
    assert "overdue" not in row


def test_the_most_overdue_comes_before_the_less_overdue(world: World) -> None:
    _placed(world, "alice", days_ago=100)
    _placed(world, "bob", days_ago=200)
    rows = _rows(world.client("coordinator").get(reverse("people:caseload")).text)
    assert "Bob Bakker" in rows[0]
    assert "Alice Aalders" in rows[1]


def test_the_participant_page_names_the_overdue_check_first(world: World) -> None:
    _placed(world, "bob", days_ago=92 + 160)
    page = world.client("coordinator").get(reverse("people:detail", kwargs={"pk": world.bob.pk}))
    text = page.text
    assert "Overdue follow-up" in text
    assert "the check after 3 months was due on" in text
    table = text.split('id="h-follow"')[1].split("</table>")[0]
    body = table.split("<tbody>")[1]
    first = body.split("</tr>")[0]
    assert "3 months" in first
    assert 'class="badge overdue">overdue by 5\xa0months' in first


def test_follow_up_rows_put_overdue_checks_first_longest_overdue_on_top() -> None:
    today = dt.date(2027, 6, 1)
    placed = dt.date(2026, 3, 1)
    checks = [
        FollowUp(months=3, due_on=placed.replace(month=6), checked_on=dt.date(2026, 6, 2)),
        FollowUp(months=6, due_on=placed.replace(month=9)),
        FollowUp(months=12, due_on=dt.date(2027, 3, 1)),
        FollowUp(months=15, due_on=today),
    ]
    with translation.override("en"):
        rows = follow_up_rows(checks, today)
    assert [(r.check.months, r.state) for r in rows] == [
        (6, "overdue"),
        (12, "overdue"),
        (3, "done"),
        (15, "due"),
    ]
    assert rows[0].late == "9\xa0months"


def test_the_follow_ups_link_forgets_the_search_term(world: World) -> None:
    _placed(world, "bob", days_ago=200)
    client = world.client("coordinator")
    client.post(reverse("people:caseload_search"), {"q": "Alice"})
    searched = client.get(reverse("people:caseload")).text
    assert "Bob Bakker" not in searched
    link = reverse("people:caseload") + "?due=1&new=1"
    assert 'href="?due=1&amp;new=1"' in searched
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == reverse("people:caseload") + "?due=1"  # a clean address
    assert SEARCH_KEY not in client.session
    page = client.get(response["Location"]).text
    assert "Bob Bakker" in page
    assert "search:" not in page


def test_changing_a_filter_in_the_form_keeps_the_search(world: World) -> None:
    client = world.client("coordinator")
    client.post(reverse("people:caseload_search"), {"q": "Alice"})
    page = client.get(reverse("people:caseload"), {"status": "intake"}).text
    assert "Alice Aalders" in page
    assert "Bob Bakker" not in page
    assert client.session[SEARCH_KEY] == "Alice"

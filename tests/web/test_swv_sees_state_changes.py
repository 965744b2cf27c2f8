"""SWV staff follow every state change of their schools' profiles: who, when, why; filtered, paged."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opensop.organisations.models import School
from opensop.profiles.models import Profile, State
from opensop.workflow import services
from opensop.workflow.models import StateChange
from tests.web.conftest import PERSONAS, Region, signed_in
from tests.web.test_workflow_steps import bring_to

READERS = {"swv_staff", "admin"}


def feed(region: Region, query: str = "") -> str:
    return f"/swv/{region.school.swv_id}/wijzigingen/{query}"


def rows(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in page else ""
    return re.findall(r"<tr>.*?</tr>", body, flags=re.DOTALL)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_staff_of_the_swv_and_admins_see_the_changes(
    region: Region, concept: Profile, persona: str
) -> None:
    services.submit_for_advice(concept, region.user("editor"))  # type: ignore[arg-type]
    client = signed_in(region, persona)
    response = client.get(feed(region))
    if persona in READERS:
        assert response.status_code == 200
        assert "De Verscheidenheid" in response.content.decode()
    else:
        assert response.status_code == 404
    assert client.post(feed(region)).status_code == 405  # a page to read, nothing to send


def test_a_step_is_listed_with_who_took_it(region: Region, concept: Profile) -> None:
    services.submit_for_advice(concept, region.user("editor"))  # type: ignore[arg-type]
    page = signed_in(region, "swv_staff").get(feed(region)).content.decode()
    [row] = rows(page)
    assert '<th scope="row">De Verscheidenheid</th>' in row
    assert f'<a href="/profielen/{concept.pk}/">2025-2026</a>' in row
    assert "concept → ter advies bij (G)MR" in row
    assert "<td>editor</td>" in row
    assert "1 wijziging, de nieuwste bovenaan." in page


def test_newest_first_with_the_reason(region: Region, concept: Profile) -> None:
    profile = bring_to("advice_recorded", concept, region)
    services.return_to_concept(profile, region.user("board"), "Sectie 5 aanvullen.")  # type: ignore[arg-type]
    listed = rows(signed_in(region, "admin").get(feed(region)).content.decode())
    assert len(listed) == 3
    assert "ter advies bij (G)MR → concept" in listed[0]
    assert "Sectie 5 aanvullen." in listed[0]
    assert "<td>board</td>" in listed[0]
    assert "blijft ter advies bij (G)MR" in listed[1]  # the council's advice recorded
    assert "Advies (G)MR van 03-02-2026 vastgelegd." in listed[1]
    assert "concept → ter advies bij (G)MR" in listed[2]


def test_changes_of_another_swvs_schools_are_not_listed(region: Region) -> None:
    other = services.start_profile(
        region.other_school.pk, "2025-2026", region.user("editor_other_school")
    )
    services.submit_for_advice(other, region.user("editor_other_school"))  # type: ignore[arg-type]
    page = signed_in(region, "swv_staff").get(feed(region)).content.decode()
    assert "Maasoever" not in page
    assert rows(page) == []
    assert "Er zijn (nog) geen statuswijzigingen." in page
    other_page = signed_in(region, "swv_staff_other").get(
        f"/swv/{region.other_school.swv_id}/wijzigingen/"
    )
    assert "Maasoever" in other_page.content.decode()


def second_school_with_a_change(region: Region) -> Profile:
    school = School.objects.create(
        brin="99XD", name="De Tweede", board=region.school.board, swv=region.school.swv
    )
    profile = Profile.objects.create(
        school=school, school_year="2024-2025", format_id="zuid-limburg-po", format_version=1
    )
    StateChange.objects.create(
        profile=profile, from_state=State.CONCEPT, to_state=State.ADVICE, note="Tweede school"
    )
    return profile


def test_filter_by_school_and_by_new_state(region: Region, concept: Profile) -> None:
    bring_to("published", concept, region)
    second = second_school_with_a_change(region)
    client = signed_in(region, "swv_staff")
    assert len(rows(client.get(feed(region)).content.decode())) == 5

    page = client.get(feed(region, f"?school={second.school_id}&status=")).content.decode()
    [row] = rows(page)
    assert "De Tweede" in row
    assert f'<option value="{second.school_id}" selected>' in page  # the choice stays visible
    assert "Alle wijzigingen tonen" in page

    page = client.get(feed(region, "?school=&status=adopted")).content.decode()
    [row] = rows(page)
    assert "ter advies bij (G)MR → vastgesteld door bestuur" in row
    assert "<td>board</td>" in row

    page = client.get(feed(region, f"?school={region.school.pk}&status=advice")).content.decode()
    assert len(rows(page)) == 2  # submitted, and the advice recorded
    assert all("De Verscheidenheid" in row for row in rows(page))


def test_a_school_of_another_swv_is_no_filter_choice(region: Region, concept: Profile) -> None:
    services.submit_for_advice(concept, region.user("editor"))  # type: ignore[arg-type]
    page = (
        signed_in(region, "swv_staff")
        .get(feed(region, f"?school={region.other_school.pk}"))
        .content.decode()
    )
    assert "Maasoever" not in page
    assert 'id="id_school_error"' in page  # said beside the field; the whole list shows
    assert len(rows(page)) == 1


def many_changes(profile: Profile, count: int) -> None:
    StateChange.objects.bulk_create(
        StateChange(profile=profile, from_state=State.CONCEPT, to_state=State.ADVICE, note=f"#{n}")
        for n in range(count)
    )


def test_fifty_per_page_and_the_filter_stays_on_the_next_page(
    region: Region, empty_concept: Profile
) -> None:
    many_changes(empty_concept, 60)
    client = signed_in(region, "swv_staff")
    first = client.get(feed(region, "?status=advice")).content.decode()
    assert len(rows(first)) == 50
    assert "60 wijzigingen met dit filter" in first
    assert "Pagina 1 van 2" in first
    assert '<a href="?status=advice&amp;pagina=2">Volgende pagina →</a>' in first
    second = client.get(feed(region, "?status=advice&pagina=2")).content.decode()
    assert len(rows(second)) == 10
    assert '<a href="?status=advice&amp;pagina=1">← Vorige pagina</a>' in second


def queries_for_feed(region: Region) -> int:
    client = signed_in(region, "swv_staff")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(feed(region)).status_code == 200
    return len(queries)


def test_the_same_few_queries_for_any_number_of_changes(
    region: Region, empty_concept: Profile, django_assert_max_num_queries: Any
) -> None:
    many_changes(empty_concept, 2)
    few = queries_for_feed(region)
    many_changes(empty_concept, 40)
    second_school_with_a_change(region)
    assert queries_for_feed(region) == few
    client = signed_in(region, "swv_staff")
    # One of them reads the SWV's regimes, for the states in the words of each year.
    with django_assert_max_num_queries(10):
        client.get(feed(region))
